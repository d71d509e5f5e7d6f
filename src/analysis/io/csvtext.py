"""CSV text of a table, in UTF-8 with a BOM: the bytes pandas' ``to_csv`` writes, made
column by column with Arrow where the column types allow."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.io.cells import _safe_arrow, safe_cells
from analysis.io.files import atomic_open

#: pandas' nullable integer types (a missing value is ``<NA>``, written empty)
_NULLABLE_INTS = (pd.Int8Dtype, pd.Int16Dtype, pd.Int32Dtype, pd.Int64Dtype, pd.UInt8Dtype,
                  pd.UInt16Dtype, pd.UInt32Dtype, pd.UInt64Dtype)


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` as CSV in UTF-8 with a BOM, so Excel opens the Chinese text correctly.

    Text cells are made safe first (:func:`safe_cells`: no formulas, no control
    characters). The bytes are then those of ``df.to_csv(index=False,
    lineterminator="\\r\\n")``; frames of string columns (or object columns of text and
    missing values), integer (nullable too), float and boolean columns are formatted
    column by column with Arrow (several times faster on large tables), anything else by
    pandas.

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
        """The CSV bytes (no BOM) in pieces, header first.

        Yields
        ------
        bytes or memoryview
            The header, then the lines of ``step`` rows at a time (or the whole text).

        Examples
        --------
        >>> text = csv_text(pd.DataFrame({"doc_id": pd.array(["a", "b"], "string"),
        ...                               "n": [1, 2]}), chunk_bytes=1)
        >>> [bytes(p) for p in text.pieces()]
        [b'doc_id,n\\r\\n', b'a,1\\r\\n', b'b,2\\r\\n']
        """
        if self.text is not None:
            yield self.text
            return
        yield self.header
        for i in range(0, self.rows, self.step):
            yield _csv_body([(kind, values[i:i + self.step]) for kind, values in self.columns])


def csv_text(df: pd.DataFrame, *, chunk_bytes: int = 1 << 24) -> CsvText:
    """The bytes of ``safe_cells(df).to_csv(index=False, lineterminator="\\r\\n")``, still
    to be formatted: frames of string (or object columns of text), integer (nullable
    too), float and boolean columns are made safe and formatted column by column with
    Arrow, about ``chunk_bytes`` at a time (so a
    large table never has its whole text in memory several times over), anything else by
    pandas now.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2]}).astype({"doc_id": "string"})
    >>> b"".join(csv_text(df.assign(doc_id=["a", "=b"])).pieces())
    b"doc_id,n\\r\\na,1\\r\\n'=b,2\\r\\n"
    """
    columns = _csv_columns(df) if _csv_fast_ok(df) else None
    if columns is None:
        text = safe_cells(df).to_csv(index=False, lineterminator="\r\n")
        return CsvText(text=text.encode("utf-8"))
    per_row = max(1, int(df.memory_usage(index=False, deep=True).sum()) // len(df))
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


def _csv_columns(df: pd.DataFrame) -> list[tuple[str, Any]] | None:
    """Each column of ``df`` (:func:`_csv_fast_ok`) as ``(kind, values)`` for
    :func:`_csv_body`; None when an object column holds anything but text and missing
    values (pandas writes its cells as ``str()`` does)."""
    columns: list[tuple[str, Any]] = []
    for name in df.columns:
        s = df[name]
        dt = s.dtype
        if isinstance(dt, pd.StringDtype):
            columns.append(("str", pa.array(s.array)))
        elif dt == np.object_:
            # text and missing values only: missing values are written empty, as pandas does
            if pd.api.types.infer_dtype(s, skipna=True) not in ("string", "empty"):
                return None
            try:
                values = pa.array(s.to_numpy(), type=pa.large_string(), from_pandas=True)
            except (pa.ArrowTypeError, pa.ArrowInvalid):
                # a missing value pandas skips but Arrow takes for a value (a float32 NaN)
                return None
            columns.append(("str", values))
        elif isinstance(dt, _NULLABLE_INTS):
            columns.append(("int", pa.array(s.array)))  # a missing value is written empty
        else:
            kind = "bool" if dt == np.bool_ else "int" if dt.kind in "iu" else "float"
            columns.append((kind, s.to_numpy()))
    return columns


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
    """Whether :func:`_csv_body` can format ``df`` (string, object, integer (nullable
    too), float64 and boolean columns, unique string names, a flat index; an object
    column's cells are checked by :func:`_csv_columns`)."""
    if len(df.columns) < 2 or len(df) == 0 or not df.columns.is_unique:
        return False
    if not all(isinstance(c, str) for c in df.columns) or isinstance(df.index, pd.MultiIndex):
        return False
    for dt in df.dtypes:
        if isinstance(dt, (pd.StringDtype, _NULLABLE_INTS)) or dt in (np.bool_, np.object_):
            continue
        if isinstance(dt, np.dtype) and (dt.kind in "iu" or dt == np.float64):
            continue
        return False
    return True


def _as_arrow(values: Any) -> pa.Array | pa.ChunkedArray:
    return values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values)


#: Magnitudes where Arrow's float text (the shortest round-trip digits) is in fixed
#: notation as Python's ``repr`` is: from 1e-4 (below it ``repr`` writes an exponent)
#: to 1e10 (from there Arrow writes an exponent for some values that ``repr`` does not).
_FIXED_FLOATS = (1e-4, 1e10)


def _float_text(v: np.ndarray) -> pa.Array:
    """The CSV text of float64 values as pandas writes them: ``repr`` (the shortest
    round-trip form), a missing value empty. Arrow's cast gives the same digits; in
    :data:`_FIXED_FLOATS` it differs from ``repr`` only by the ``.0`` of a whole number,
    added here; the other values (exponents, infinities, NaN) are formatted one by one.

    Examples
    --------
    >>> v = np.array([0.5, 2.0, -0.0, 1e-05, 1e16, 12345.678, np.nan, -np.inf])
    >>> _float_text(v).to_pylist()
    ['0.5', '2.0', '-0.0', '1e-05', '1e+16', '12345.678', '', '-inf']
    """
    v = np.ascontiguousarray(v, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        size = np.abs(v)
        fixed = ((size >= _FIXED_FLOATS[0]) & (size < _FIXED_FLOATS[1])) | (v == 0)
        whole = fixed & (v == np.trunc(v))
    text = pc.cast(pa.array(v), pa.large_string())
    if whole.any():
        point = pc.binary_join_element_wise(text, pa.scalar(".0", pa.large_string()),
                                            pa.scalar("", pa.large_string()))
        text = pc.if_else(pa.array(whole), point, text)
    if not fixed.all():
        rest = v[~fixed].tolist()
        others = ["" if x != x else float.__repr__(x) for x in rest]
        text = pc.replace_with_mask(text, pa.array(~fixed),
                                    pa.array(others, pa.large_string()))
    return text


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
            cols.append(pc.fill_null(pc.cast(_as_arrow(values), pa.large_string()), ""))
        else:  # float64
            v = values if isinstance(values, np.ndarray) else values.to_numpy()
            cols.append(_float_text(v))
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
