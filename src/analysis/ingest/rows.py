"""Documents given one per row: spreadsheets (``.xlsx``), CSV/TSV and JSON Lines.

The text column is the one named with ``text_column``, else the one whose header is a
known text header (``resources/ingest_columns.toml``: Policy Content, 正文, 全文 …), else the
column whose cells are by far the longest. Other columns are read as standard metadata
(their values win), as hints (a translated title or department, a release date), or kept
as the researcher's own columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.ingest.readers import RawDocument, ReadError
from analysis.resources import read_toml, resource_text, text_digest

__all__ = ["TABLE_SUFFIXES", "Columns", "RowProblem", "load_columns", "read_rows", "snake"]

TABLE_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".csv", ".tsv", ".jsonl", ".ndjson")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LANGUAGE_FIELDS = ("title", "issuer", "city", "province", "doc_type", "level")
_RESERVED = {"doc_id", "file", "sheet", "row", "source", "sha256", "evidence", "text"}


@dataclass(frozen=True)
class Columns:
    """Header names of ``ingest_columns.toml``, reduced (lower case, no spaces or _-.)."""

    text: tuple[str, ...]
    standard: dict[str, str]  # reduced header -> field
    hints: dict[str, str]


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be imported (``kind``: ``"empty_row"`` …) and why."""

    origin: str
    kind: str
    message: str


def _reduce(header: str) -> str:
    return re.sub(r"[\s_.\-]+", "", str(header)).lower()


def snake(header: str) -> str:
    """A header as a column name: ASCII headers in snake case, others stripped.

    Examples
    --------
    >>> snake("Policy Release Department"), snake("No."), snake(" 发布机构 ")
    ('policy_release_department', 'no', '发布机构')
    """
    h = str(header).strip()
    if h.isascii():
        return re.sub(r"[^0-9a-z]+", "_", h.lower()).strip("_") or "column"
    return h


def load_columns(source: str | os.PathLike[str] = "ingest_columns.toml") -> Columns:
    """Read the column names file (packaged name or your own copy).

    Examples
    --------
    >>> cols = load_columns()
    >>> "policycontent" in cols.text, cols.hints["releasetime"]
    (True, 'published')
    """
    return _columns_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=8)
def _columns_cached(source: str, digest: str) -> Columns:
    data = read_toml(source)
    std = {_reduce(h): f for f, hs in data.get("standard", {}).items() for h in hs}
    hints = {_reduce(h): f for f, hs in data.get("hints", {}).items() for h in hs}
    return Columns(tuple(_reduce(h) for h in data.get("text", [])), std, hints)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text_column(headers: list[str], rows: list[list[str]], cols: Columns,
                 wanted: str | None, where: str) -> int:
    if wanted:
        for i, h in enumerate(headers):
            if h.strip() == wanted.strip() or _reduce(h) == _reduce(wanted):
                return i
        raise ReadError(f"{where}: no column {wanted!r} (the columns are "
                        f"{', '.join(repr(h) for h in headers if h)}); give --text-column one "
                        "of them.", kind="no_text_column")
    named = [i for i, h in enumerate(headers) if _reduce(h) in cols.text]
    if len(named) == 1:
        return named[0]
    pool = named or list(range(len(headers)))
    means = []
    for i in pool:
        vals = [len(r[i]) for r in rows if i < len(r) and r[i]]
        means.append((sum(vals) / max(len(rows), 1), i))
    means.sort(reverse=True)
    if means and means[0][0] >= 200 and (len(means) == 1 or means[1][0] * 4 <= means[0][0]):
        return means[0][1]
    candidates = ", ".join(repr(headers[i]) for _, i in means[:4] if headers[i])
    raise ReadError(f"{where}: cannot tell which column holds the documents' text (no column "
                    "is named like one, or none has cells much longer than the others); give "
                    f"--text-column (longest cells first: {candidates}).",
                    kind="no_text_column")


def _documents(headers: list[str], rows: list[list[str]], *, name: str, sheet: str,
               first_row: int, cols: Columns, text_column: str | None,
               problems: list[RowProblem]) -> list[RawDocument]:
    where = f"{name}" + (f", sheet {sheet!r}" if sheet else "")
    while headers and not headers[-1] and all(len(r) < len(headers) or not r[len(headers) - 1]
                                              for r in rows):
        headers = headers[:-1]
    if not any(headers):
        raise ReadError(f"{where}: no header row; the first row must name the columns.",
                        kind="no_header")
    ti = _text_column(headers, rows, cols, text_column, where)
    roles: list[tuple[str, str]] = []  # (role, field or own column name)
    for i, h in enumerate(headers):
        red = _reduce(h)
        if i == ti:
            roles.append(("text", ""))
        elif red in cols.standard:
            roles.append(("standard", cols.standard[red]))
        elif red in cols.hints:
            roles.append(("hint", cols.hints[red]))
        elif h:
            own = snake(h)
            roles.append(("own", f"sheet_{own}" if own in _RESERVED else own))
        else:
            roles.append(("skip", ""))
    docs = []
    for k, row in enumerate(rows):
        row = row + [""] * (len(headers) - len(row))
        origin = f"{name}#{sheet}!{first_row + k}" if sheet else f"{name}#{first_row + k}"
        if not any(row[: len(headers)]):
            continue  # a blank row between or after the data is not a document
        text = row[ti]
        if not text.strip():
            problems.append(RowProblem(origin, "empty_row", f"{where}, row {first_row + k}: "
                                       f"the text column {headers[ti]!r} is empty; the row is "
                                       "left out (fill the cell to import it)."))
            continue
        doc = RawDocument(text=text, origin=origin, name=name,
                          sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                          sheet=sheet, row=str(first_row + k))
        for (role, fld), h, v in zip(roles, headers, row, strict=False):
            if not v or role in ("text", "skip"):
                continue
            if role == "own":
                doc.extra[fld] = v
            elif (role == "standard" and (fld not in _LANGUAGE_FIELDS or _HAN.search(v))) or (
                    role == "hint" and fld in ("title", "issuer") and _HAN.search(v)):
                doc.given[fld] = v  # a Chinese title or department is the value itself
            else:
                key = f"{fld}_en" if fld in ("title", "issuer") and not _HAN.search(v) else fld
                doc.hints.setdefault(key, v)
                doc.extra[snake(h)] = v
        if doc.hints.get("source", "").startswith(("http://", "https://")):
            doc.given.setdefault("source_url", doc.hints["source"])
        docs.append(doc)
    return docs


def _read_xlsx(path: Path, sheets: list[str] | None) -> list[tuple[str, list[list[str]]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ReadError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}).",
                        kind="corrupt") from exc
    try:
        names = wb.sheetnames
        if sheets:
            missing = [s for s in sheets if s not in names]
            if missing:
                raise ReadError(f"{path}: no sheet {', '.join(map(repr, missing))}; the sheets "
                                f"are {', '.join(map(repr, names))}.", kind="no_sheet")
            names = list(sheets)
        return [(n, [[_cell(v) for v in r] for r in wb[n].iter_rows(values_only=True)])
                for n in names]
    finally:
        wb.close()


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReadError(f"{path}: neither UTF-8 nor GB18030 text; save it as CSV UTF-8.",
                        kind="unreadable")
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), dialect=dialect)]


def _read_jsonl(path: Path, problems: list[RowProblem]) -> tuple[list[str], list[list[str]]]:
    records: list[dict] = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(RowProblem(f"{path.name}#{n}", "bad_json",
                                       f"{path.name}, line {n}: not a JSON object ({exc})."))
            records.append({})
            continue
        records.append(rec if isinstance(rec, dict) else {})
    headers: list[str] = []
    for rec in records:
        headers += [k for k in rec if k not in headers]
    return headers, [[_cell(rec.get(h)) for h in headers] for rec in records]


def read_rows(path: str | os.PathLike[str], *, text_column: str | None = None,
              sheets: list[str] | None = None, columns: Columns | None = None,
              ) -> tuple[list[RawDocument], list[RowProblem]]:
    """Read a table of documents, one per row.

    Parameters
    ----------
    path : path
        An ``.xlsx``/``.xlsm`` workbook, a ``.csv``/``.tsv`` file or a ``.jsonl`` file.
    text_column : str, optional, keyword-only
        The column holding the text; detected when unambiguous.
    sheets : list of str, optional, keyword-only
        The workbook sheets to read (default: every sheet; each document keeps its sheet).
    columns : Columns, optional, keyword-only
        Header names (:func:`load_columns`).

    Returns
    -------
    (list of RawDocument, list of RowProblem)
        The documents, and the rows left out (an empty text cell, a bad JSON line).

    Raises
    ------
    ReadError
        If no column can be taken as the text, a sheet does not exist, or the file cannot
        be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("标题,正文\\n某某办法,第一条 为规范管理，制定本办法。\\n",
    ...                  encoding="utf-8")
    >>> docs, problems = read_rows(p)
    >>> docs[0].given, docs[0].text, problems
    ({'title': '某某办法'}, '第一条 为规范管理，制定本办法。', [])
    """
    path = Path(path)
    cols = columns or load_columns()
    problems: list[RowProblem] = []
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        tables = [(name, rows[0] if rows else [], rows[1:], name)
                  for name, rows in _read_xlsx(path, sheets)]
    elif suffix in (".csv", ".tsv"):
        rows = _read_csv(path)
        tables = [("", rows[0] if rows else [], rows[1:], "")]
    elif suffix in (".jsonl", ".ndjson"):
        headers, rows = _read_jsonl(path, problems)
        tables = [("", headers, rows, "")]
    else:
        raise ReadError(f"{path}: not a table of documents (.xlsx, .csv, .tsv, .jsonl).",
                        kind="unsupported")
    docs: list[RawDocument] = []
    for _name, headers, rows, sheet in tables:
        if not headers and not rows:
            continue
        docs += _documents([_cell(h) for h in headers], rows, name=path.name, sheet=sheet,
                           first_row=2 if suffix != ".jsonl" else 1, cols=cols,
                           text_column=text_column, problems=problems)
    return docs, problems
