"""Atomic, deterministic writers for tables and files.

Every writer writes to a temporary file in the destination folder and renames it into
place, so a failed run never leaves a half-written output behind.

:func:`write_csv` and :func:`write_xlsx` are the only ways the project writes a table for
people, and both write *safe tables* (:func:`safe_cells`): a text cell that a spreadsheet
would run as a formula (starting with ``= + - @``, a tab or a carriage return, and longer
than that one character) gets a leading single quote (OWASP's advice on CSV injection),
and control characters that Excel cannot store (NUL, ESC, ...) are removed. Numbers stay
numbers; Parquet files keep the raw values.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

__all__ = [
    "CONTROL_CHARACTERS",
    "FORMULA_START",
    "CsvText",
    "PreparedTable",
    "arrow_csv_text",
    "atomic_open",
    "atomic_path",
    "csv_text",
    "excel_safe",
    "parquet_arrow",
    "prepare_table",
    "safe_cell",
    "safe_cells",
    "unescape_cells",
    "write_csv",
    "write_parquet",
    "write_prepared",
    "write_table",
    "write_text",
    "write_xlsx",
]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8", **kw: Any
) -> Iterator[IO[Any]]:
    """Open a temporary file for writing and move it onto ``path`` when closed cleanly."""
    if "b" in mode:
        encoding = None
    with atomic_path(path) as tmp, open(tmp, mode, encoding=encoding, **kw) as fh:
        yield fh


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line endings, atomically."""
    with atomic_open(path, "w", newline="\n") as fh:
        fh.write(text)
    return Path(path)


def write_parquet(df: pd.DataFrame | pa.Table, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` to Parquet (zstd, no index), atomically and byte-reproducibly.

    Integer columns (positions, offsets, counts) are delta-encoded and every other column
    dictionary-encoded; min/max statistics are kept for ``doc_id`` only, the column readers
    filter on. On the token table this gives a file a third the size, written faster.
    ``df`` may also be an Arrow table: its dictionary-typed columns are stored as plain
    strings, so ``pandas.read_parquet`` gives ``str`` columns, not categoricals.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> df = pd.DataFrame({"doc_id": ["a", "a"], "position": [0, 1]})
    >>> pd.read_parquet(write_parquet(df, path)).equals(df)
    True
    """
    table, options = parquet_arrow(df)
    return _write_parquet_arrow(table, options, path)


def parquet_arrow(df: pd.DataFrame | pa.Table) -> tuple[pa.Table, dict[str, Any]]:
    """The Arrow table and ``pyarrow.parquet.write_table`` options with which
    :func:`write_parquet` writes ``df``: for a DataFrame, what ``df.to_parquet(index=False,
    engine="pyarrow")`` writes. The pandas part of a Parquet write; the rest
    (:func:`write_prepared`) runs no pandas code."""
    if isinstance(df, pa.Table):
        dict_typed = any(pa.types.is_dictionary(f.type) for f in df.schema)
        return df, {"store_schema": not dict_typed,
                    **_parquet_encodings(df.schema.names,
                                         [pa.types.is_integer(f.type) for f in df.schema])}
    ints = [pd.api.types.is_integer_dtype(t) and not pd.api.types.is_bool_dtype(t)
            for t in df.dtypes]
    # as to_parquet converts: pyarrow reading tz-aware values warns of a pandas change
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"(Series|DatetimeIndex)\.values returning an "
                                "ndarray that drops timezone information")
        table = pa.Table.from_pandas(df, preserve_index=False)
    if df.attrs:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                               "PANDAS_ATTRS": json.dumps(df.attrs)})
    return table, _parquet_encodings([str(c) for c in df.columns], ints)


def _write_parquet_arrow(table: pa.Table, options: dict[str, Any],
                         path: str | os.PathLike[str]) -> Path:
    with atomic_path(path) as tmp:
        pq.write_table(table, str(tmp), compression="zstd", **options)
    return Path(path)


def _parquet_encodings(names: list[str], is_int: list[bool]) -> dict[str, Any]:
    """``pyarrow.parquet.write_table`` options for :func:`write_parquet`."""
    if len(set(names)) != len(names):  # pyarrow names columns by name: leave the defaults
        return {}
    ints = {n for n, i in zip(names, is_int, strict=True) if i}
    return {
        "use_dictionary": [c for c in names if c not in ints],
        "column_encoding": dict.fromkeys(sorted(ints), "DELTA_BINARY_PACKED"),
        "write_statistics": [c for c in names if c == "doc_id"],
    }


#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Control characters an XLSX cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE); tab,
#: line feed and carriage return are allowed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
_FORMULA_RE2 = r"(?s)^[=+\-@\t\r]."


def safe_cell(value: Any) -> Any:
    """A cell made safe for a spreadsheet: text loses its control characters and gets a
    leading ``'`` when it starts with ``= + - @``, a tab or a carriage return (and has more
    than that one character); anything that is not text is returned as it is.

    Examples
    --------
    >>> safe_cell("=SUM(A1:A9)"), safe_cell("-5%"), safe_cell("@x"), safe_cell("科技")
    ("'=SUM(A1:A9)", "'-5%", "'@x", '科技')
    >>> safe_cell("a" + chr(0) + "b" + chr(27) + "c"), safe_cell(-5), safe_cell(chr(0) + "=1")
    ('abc', -5, "'=1")
    >>> safe_cell("="), safe_cell("-")
    ('=', '-')
    """
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    # a lone "=" or "-" (a comparator, a blank marker) cannot hold a formula: kept as it is
    return "'" + value if len(value) > 1 and value.startswith(FORMULA_START) else value


@lru_cache(maxsize=1)
def _control_bytes() -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[[*range(0, 9), 11, 12, *range(14, 32)]] = True
    return table


def _safe_arrow(arr: pa.Array) -> pa.Array | None:
    """:func:`safe_cell` on an Arrow string array; None when no cell changes."""
    arr = arr.cast(pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not len(arr) or arr.buffers()[2] is None:
        return None
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
        arr.offset:arr.offset + len(arr) + 1]
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
    changed = False
    if _control_bytes()[data[offsets[0]:offsets[-1]]].any():
        arr = pc.replace_substring_regex(arr, _CONTROL_RE2, "")
        changed = True
    else:  # a cheap look at the first bytes before any regex
        starts = offsets[:-1][offsets[1:] > offsets[:-1]]
        if not np.isin(data[starts], list(b"=+-@\t\r")).any():
            return None
    needs = pc.fill_null(pc.match_substring_regex(arr, _FORMULA_RE2), False)
    if pc.any(needs).as_py():
        quoted = pc.binary_join_element_wise(pa.scalar("'", pa.large_string()), arr,
                                             pa.scalar("", pa.large_string()))
        arr = pc.if_else(needs, quoted, arr)
        changed = True
    return arr if changed else None


def unescape_cells(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the ``'`` that :func:`safe_cell` put before a formula character taken
    off again: a table this project wrote (``metadata.csv``) reads back as it was.

    Examples
    --------
    >>> df = pd.DataFrame({"title": ["'-数字政府", "'x", "'=", "科技"]})
    >>> unescape_cells(df)["title"].tolist()
    ['-数字政府', "'x", "'=", '科技']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
            text = s.astype("string")
            escaped = text.str.match(r"'[=+\-@\t\r].", na=False)
            if escaped.any():
                out.loc[escaped, col] = text[escaped].str.slice(1)
    return out


def safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with :func:`safe_cell` applied to every text cell (``df`` itself, not a copy,
    when no cell needs it). Column types are kept: numbers are never touched.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["=1+1", "ok" + chr(7)], "n": [-1, 2]})
    >>> safe_cells(df).values.tolist()
    [['a', "'=1+1", -1], ['b', 'ok', 2]]
    """
    out = df
    for i, col in enumerate(df.columns):
        s = df.iloc[:, i]
        if isinstance(s.dtype, pd.StringDtype):
            fixed = _safe_arrow(pa.array(s.array))
            if fixed is None:
                continue
            new = pd.Series(pd.array(fixed.to_pylist(), dtype=s.dtype), index=s.index, name=col)
        elif s.dtype == object:
            texts = s.map(lambda v: isinstance(v, str) and safe_cell(v) != v)
            if not texts.any():
                continue
            new = s.map(safe_cell)
        else:
            continue
        if out is df:
            out = df.copy(deep=False)  # a new column replaces the old: df unchanged
        out.isetitem(i, new)
    return out


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` as CSV in UTF-8 with a BOM, so Excel opens the Chinese text correctly.

    Text cells are made safe first (:func:`safe_cells`: no formulas, no control
    characters). The bytes are then those of ``df.to_csv(index=False,
    lineterminator="\\r\\n")``; frames of plain string, integer, float and boolean columns
    are formatted column by column with Arrow (several times faster on large tables),
    anything else by pandas.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> df = pd.DataFrame({"doc_id": ["a"], "text": ["=cmd|' /C calc'!A0"], "n": [-3]})
    >>> write_csv(df, path).read_text(encoding="utf-8-sig").splitlines()
    ['doc_id,text,n', "a,'=cmd|' /C calc'!A0,-3"]
    """
    return _write_csv_text(csv_text(df), path)


@dataclass(frozen=True)
class CsvText:
    """A table's CSV text (its cells made safe: :func:`safe_cells`), ready to be written
    with no pandas code (:func:`csv_text`, :func:`arrow_csv_text`): the header and each
    column's values (``kind`` and values: ``"str"`` an Arrow array, ``"bool"``, ``"int"``,
    ``"float"`` an Arrow or NumPy array), formatted ``step`` rows at a time; or, for a
    frame with a column of another type, the whole text as pandas formats it."""

    header: bytes = b""
    columns: tuple[tuple[str, Any], ...] = ()
    rows: int = 0
    step: int = 1
    text: bytes | None = None

    def pieces(self) -> Iterator[bytes | memoryview]:
        """The CSV bytes (no BOM) in pieces, header first."""
        if self.text is not None:
            yield self.text
            return
        yield self.header
        for i in range(0, self.rows, self.step):
            yield _csv_body([(kind, values[i:i + self.step]) for kind, values in self.columns])


def csv_text(df: pd.DataFrame, *, chunk_bytes: int = 1 << 24) -> CsvText:
    """The bytes of ``safe_cells(df).to_csv(index=False, lineterminator="\\r\\n")``, still
    to be formatted: frames of plain string, integer, float and boolean columns are made
    safe and formatted column by column with Arrow, about ``chunk_bytes`` at a time (so a
    large table never has its whole text in memory several times over), anything else by
    pandas now.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2]}).astype({"doc_id": "string"})
    >>> b"".join(csv_text(df.assign(doc_id=["a", "=b"])).pieces())
    b"doc_id,n\\r\\na,1\\r\\n'=b,2\\r\\n"
    """
    if not _csv_fast_ok(df):
        text = safe_cells(df).to_csv(index=False, lineterminator="\r\n")
        return CsvText(text=text.encode("utf-8"))
    per_row = max(1, int(df.memory_usage(index=False, deep=True).sum()) // len(df))
    columns = []
    for name in df.columns:
        s = df[name]
        dt = s.dtype
        if isinstance(dt, pd.StringDtype):
            columns.append(("str", pa.array(s.array)))
        else:
            kind = "bool" if dt == np.bool_ else "int" if dt.kind in "iu" else "float"
            columns.append((kind, s.to_numpy()))
    return CsvText(header=_csv_header(df.columns), columns=tuple(columns), rows=len(df),
                   step=max(1, chunk_bytes // per_row))


def arrow_csv_text(table: pa.Table, *, chunk_bytes: int = 1 << 24) -> CsvText:
    """:func:`csv_text` of an Arrow table of string, integer, float64 and boolean columns,
    with no pandas code: the CSV copy of the frame ``table.to_pandas()``.

    Examples
    --------
    >>> table = pa.table({"doc_id": ["a", "b"], "n": [1, 2], "ok": [True, False]})
    >>> b"".join(arrow_csv_text(table).pieces())
    b'doc_id,n,ok\\r\\na,1,True\\r\\nb,2,False\\r\\n'
    """
    columns = []
    for field, col in zip(table.schema, table.columns, strict=True):
        t = field.type
        kind = ("str" if pa.types.is_string(t) or pa.types.is_large_string(t) else
                "bool" if pa.types.is_boolean(t) else "int" if pa.types.is_integer(t) else
                "float" if t == pa.float64() else None)
        if kind is None:
            raise TypeError(f"no CSV text for the column {field.name!r} of type {t}")
        columns.append((kind, col))
    per_row = max(1, table.nbytes // max(table.num_rows, 1))
    return CsvText(header=_csv_header(table.column_names), columns=tuple(columns),
                   rows=table.num_rows, step=max(1, chunk_bytes // per_row))


def _csv_header(names: Any) -> bytes:
    return (",".join(_csv_quote(str(n)) for n in names) + "\r\n").encode("utf-8")


def _write_csv_text(text: CsvText, path: str | os.PathLike[str]) -> Path:
    with atomic_open(path, "wb") as fh:
        fh.write(b"\xef\xbb\xbf")
        for piece in text.pieces():
            fh.write(piece)
    return Path(path)


_CSV_SPECIAL = r'[,"\r\n]'


@lru_cache(maxsize=1)
def _special_bytes() -> np.ndarray:
    """A 256-entry mask of the bytes that make a CSV field need quotes."""
    table = np.zeros(256, dtype=bool)
    table[list(b',"\r\n')] = True
    return table


def _csv_quote(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_field_text(arr):
    """Quote string cells as Python's csv module does with QUOTE_MINIMAL."""
    arr = pc.fill_null(arr.cast(pa.large_string()), "")
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    data = arr.buffers()[2]
    if data is not None and len(arr):  # only this array's bytes (a slice shares a buffer)
        offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)
        data = np.frombuffer(data, dtype=np.uint8)[
            offsets[arr.offset]:offsets[arr.offset + len(arr)]]
    if data is None or not len(arr) or not _special_bytes()[data].any():
        return arr  # nothing to quote (checked on the bytes: much faster than a regex)
    needs = pc.match_substring_regex(arr, _CSV_SPECIAL)
    q, empty = pa.scalar('"', pa.large_string()), pa.scalar("", pa.large_string())
    quoted = pc.binary_join_element_wise(q, pc.replace_substring(arr, '"', '""'), q, empty)
    return pc.if_else(needs, quoted, arr)


def _csv_fast_ok(df: pd.DataFrame) -> bool:
    """Whether :func:`_csv_chunks_fast` can format ``df`` (plain string, integer, float64
    and boolean columns, unique string names, a flat index)."""
    if len(df.columns) < 2 or len(df) == 0 or not df.columns.is_unique:
        return False
    if not all(isinstance(c, str) for c in df.columns) or isinstance(df.index, pd.MultiIndex):
        return False
    for dt in df.dtypes:
        if isinstance(dt, pd.StringDtype) or dt == np.bool_:
            continue
        if isinstance(dt, np.dtype) and (dt.kind in "iu" or dt == np.float64):
            continue
        return False
    return True


def _as_arrow(values: Any) -> pa.Array | pa.ChunkedArray:
    return values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values)


def _csv_body(columns: list[tuple[str, Any]]) -> memoryview:
    """The CSV lines of some rows (no header), formatted column by column with Arrow."""
    cols = []
    for kind, values in columns:
        if kind == "str":
            safe = _safe_arrow(values)
            cols.append(_csv_field_text(values if safe is None else safe))
        elif kind == "bool":
            cols.append(pc.if_else(_as_arrow(values), pa.scalar("True", pa.large_string()),
                                   pa.scalar("False", pa.large_string())))
        elif kind == "int":
            cols.append(pc.cast(_as_arrow(values), pa.large_string()))
        else:  # float64
            v = values if isinstance(values, np.ndarray) else values.to_numpy()
            # repr is what pandas writes for floats (the shortest round-trip form)
            text = list(map(float.__repr__, v.tolist()))
            for i in np.flatnonzero(np.isnan(v)).tolist():
                text[i] = ""
            cols.append(pa.array(text, pa.large_string()))
    cols = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in cols]
    rows = pc.binary_join_element_wise(*cols, pa.scalar(",", pa.large_string()))
    del cols
    lines = pc.binary_join_element_wise(rows, pa.scalar("\r\n", pa.large_string()),
                                        pa.scalar("", pa.large_string()))
    del rows
    lines = lines.cast(pa.large_string())
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset:]
    start, end = int(offsets[0]), int(offsets[len(lines)])
    return memoryview(lines.buffers()[2])[start:end]


def excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Turn list-valued cells into ``、``-joined strings, which Excel can show (``df``
    itself when it has none: no copy)."""
    out = df
    for col in df.columns:
        if df[col].dtype == object and df[col].map(lambda v: isinstance(v, (list, tuple))).any():
            if out is df:
                out = df.copy(deep=False)  # a new column replaces the old: df unchanged
            out[col] = df[col].map(
                lambda v: "、".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return out


@dataclass(frozen=True)
class PreparedTable:
    """A table made ready to write (:func:`prepare_table`): its Parquet content as an
    Arrow table with the writer's options, and its CSV copy (:class:`CsvText`) or None.
    :func:`write_prepared` writes it with pyarrow, NumPy and the standard library only,
    never pandas, so it can run in a background thread while another thread records
    warnings (pandas enters ``warnings.catch_warnings`` blocks, and the warnings state
    they save and restore is the whole process's)."""

    parquet: pa.Table
    options: dict[str, Any]
    csv: CsvText | None


def prepare_table(df: pd.DataFrame, *, csv: bool = True,
                  csv_exclude: tuple[str, ...] = ()) -> PreparedTable:
    """The pandas part of :func:`write_table`: ``df`` as Arrow data and CSV columns.

    Examples
    --------
    >>> ready = prepare_table(pd.DataFrame({"doc_id": ["a"], "text": ["=1"]}),
    ...                       csv_exclude=("text",))
    >>> ready.parquet.column_names, b"".join(ready.csv.pieces())
    (['doc_id', 'text'], b'doc_id\\r\\na\\r\\n')
    """
    table, options = parquet_arrow(df)
    text = None
    if csv:
        people = df.drop(columns=[c for c in csv_exclude if c in df.columns])
        text = csv_text(excel_safe(people))
    return PreparedTable(table, options, text)


def write_prepared(ready: PreparedTable, out_dir: str | os.PathLike[str],
                   name: str) -> list[Path]:
    """Write a :func:`prepare_table` result as ``name.parquet`` and ``name.csv``, with no
    pandas code. Returns the paths written, Parquet first."""
    out_dir = Path(out_dir)
    paths = [_write_parquet_arrow(ready.parquet, ready.options, out_dir / f"{name}.parquet")]
    if ready.csv is not None:
        paths.append(_write_csv_text(ready.csv, out_dir / f"{name}.csv"))
    return paths


def write_table(
    df: pd.DataFrame,
    out_dir: str | os.PathLike[str],
    name: str,
    *,
    csv: bool = True,
    csv_exclude: tuple[str, ...] = (),
) -> list[Path]:
    """Write ``df`` as ``name.parquet`` (for code) and ``name.csv`` (for people).

    ``csv_exclude`` names columns left out of the CSV copy (whole document texts, which
    exceed Excel's 32,767-character cell limit). Returns the paths written, Parquet first.
    """
    return write_prepared(prepare_table(df, csv=csv, csv_exclude=csv_exclude), out_dir, name)


def write_xlsx(
    sheets: dict[str, pd.DataFrame], path: str | os.PathLike[str]
) -> Path:
    """Write several tables into one XLSX workbook (one sheet per table), atomically.

    Sheet names are cut to Excel's 31 characters; list cells are joined with ``、``;
    text cells are made safe (:func:`safe_cells`: no formulas, no control characters).
    The workbook's creation and modification times are fixed so reruns are identical.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> df = pd.DataFrame({"text": ["=1+1", "a" + chr(0) + "b"], "n": [-1, 2]})
    >>> ws = openpyxl.load_workbook(write_xlsx({"t": df}, path))["t"]
    >>> [[c.value for c in row] for row in ws.iter_rows()]
    [['text', 'n'], ["'=1+1", -1], ['ab', 2]]
    """
    fixed = datetime.datetime(2000, 1, 1)
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, df in sheets.items():
                safe_cells(excel_safe(df)).to_excel(writer, sheet_name=name[:31], index=False)
            props = writer.book.properties
            props.created = fixed
            props.modified = fixed
            props.creator = "policy-lens"
        _normalise_zip_times(tmp)
    return Path(path)


def _normalise_zip_times(path: Path) -> None:
    """Rewrite a zip file with fixed member timestamps (xlsx files are zips), and fix the
    workbook's modification time, which openpyxl sets to "now" when it saves."""
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    stamp = rb"\g<1>2000-01-01T00:00:00Z\g<2>"
    items = [(info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", stamp, data)
              if info.filename == "docProps/core.xml" else data) for info, data in items]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            new = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = info.external_attr
            zout.writestr(new, data)
