"""The build's tables for a spreadsheet: CSV files for Excel and one XLSX workbook.

:func:`export_tables` (``policy-lens export``) writes every table of a build folder to
``reports/tables/`` as CSV (UTF-8 with BOM, so Excel reads the Chinese) and as sheets of
one workbook whose ``README`` sheet says what each table holds and what was cut to fit
Excel's limits. A ``MANIFEST.csv`` lists each file's SHA-256; reruns give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from analysis.io import CONTROL_CHARACTERS, excel_safe, safe_cell, write_csv, write_xlsx
from analysis.pipeline import TEXT_COLUMNS
from analysis.report.paths import (
    MANIFEST,
    PathLike,
    claim_folder,
    default_reports_dir,
    file_sha256,
    remove_stale,
)
from analysis.report.tables import Tables, processed_dir

__all__ = [
    "EXCEL_MAX_CELL_CHARS",
    "EXCEL_MAX_ROWS",
    "EXPORT_MANIFEST_COLUMNS",
    "EXPORT_SKIP",
    "WORKBOOK",
    "export_tables",
]


#: Excel's sheet limits: rows per sheet (the header takes one) and characters per cell.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL_CHARS = 32_767
#: Tables left out of ``policy-lens export`` unless asked for (``--include-tokens``): one
#: row per word, millions of rows for a large corpus, and already in data/processed/*.csv.
EXPORT_SKIP = ("tokens",)
#: The workbook's file name in the output folder.
WORKBOOK = "policy_lens_tables.xlsx"
#: The columns of the export's ``MANIFEST.csv``: the files it wrote, with checksums. Only
#: those files are ever replaced or deleted by a later export into the same folder.
EXPORT_MANIFEST_COLUMNS = ["file", "sha256"]


def _plain_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Array cells (list columns come back from Parquet as numpy arrays) become lists."""
    out = df
    for col in df.columns:
        if df[col].dtype == object and df[col].map(lambda v: isinstance(v, np.ndarray)).any():
            out = out.copy() if out is df else out
            out[col] = df[col].map(lambda v: list(v) if isinstance(v, np.ndarray) else v)
    return out


def _xlsx_safe(df: pd.DataFrame, csv_name: str) -> tuple[pd.DataFrame, list[str]]:
    """Fit a table into Excel's limits; returns the sheet's frame and what was changed.

    Formulas and control characters are handled by the writers (:func:`safe_cells`, in
    the CSV too); the notes say how many cells they changed.
    """
    notes: list[str] = []
    out = df
    if len(out) > EXCEL_MAX_ROWS - 1:
        notes.append(f"only the first {EXCEL_MAX_ROWS - 1:,} of {len(df):,} rows (Excel's "
                     f"sheet limit); all rows are in {csv_name}")
        out = out.head(EXCEL_MAX_ROWS - 1)
    marker = f" …[truncated: Excel cell limit; full text in {csv_name}]"
    for col in out.columns:
        if out[col].dtype.kind not in "OUT" and str(out[col].dtype) not in ("str", "string"):
            continue
        values = out[col]
        texts = values.map(lambda v: isinstance(v, str))
        if not texts.any():
            continue
        s = values.where(~texts, values.astype(object))
        long = s.map(lambda v: isinstance(v, str) and len(v) > EXCEL_MAX_CELL_CHARS)
        illegal = s.map(lambda v: isinstance(v, str) and CONTROL_CHARACTERS.search(v) is not None)
        formula = s.map(lambda v: isinstance(v, str) and safe_cell(v).startswith("'")
                        and not CONTROL_CHARACTERS.sub("", v).startswith("'"))
        if illegal.any():
            notes.append(f"control characters removed from {int(illegal.sum())} cell(s) of "
                         f"column {col!r}")
        if formula.any():
            notes.append(f"{int(formula.sum())} cell(s) of column {col!r} start with = + - @ "
                         "or a tab and got a leading ' so a spreadsheet does not run them as "
                         "formulas")
        if not long.any():
            continue
        out = out.copy() if out is df else out

        def fix(v: Any) -> Any:
            if isinstance(v, str) and len(v) > EXCEL_MAX_CELL_CHARS:
                v = v[:EXCEL_MAX_CELL_CHARS - len(marker)] + marker
            return v

        out[col] = s.map(fix).astype(object)
        notes.append(f"{int(long.sum())} cell(s) of column {col!r} cut to "
                     f"{EXCEL_MAX_CELL_CHARS:,} characters (Excel's cell limit)")
    return out, notes


def export_tables(
    processed: PathLike | None = None,
    out: PathLike | None = None,
    *,
    include_tokens: bool = False,
    tables: Sequence[str] | None = None,
    xlsx: bool = True,
) -> pd.DataFrame:
    """Write the build's tables as CSV (UTF-8 with BOM, for Excel) and one XLSX workbook.

    ``out`` must be new, empty, or a folder an earlier export wrote (it has the export's
    ``MANIFEST.csv``): only files listed there are replaced or deleted, and a folder
    holding anything else is refused (:class:`OutputFolderError`) before anything is
    written. The workbook (``policy_lens_tables.xlsx``) has a ``README`` sheet listing every table,
    its rows and anything changed to fit Excel (more than 1,048,575 rows, cells longer than
    32,767 characters, control characters: the CSV always holds everything) and one sheet
    per table. The ``tokens`` table (one row per word) is left out unless
    ``include_tokens``; whole document texts stay in ``documents.parquet``.

    Parameters
    ----------
    processed : path, optional
        The build's folder (default ``data/processed``).
    out : path, optional
        Output folder (default ``reports/tables``).
    include_tokens : bool, keyword-only
        Export the ``tokens`` table too.
    tables : list of str, keyword-only
        Export only these tables.
    xlsx : bool, keyword-only
        Write the workbook.

    Returns
    -------
    DataFrame
        One row per table: ``table, rows, columns, csv, sheet, note``.

    Examples
    --------
    >>> import tempfile
    >>> folder, out = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"doc_id": ["hz_2021"], "city": ["杭州市"], "text": ["全文"]}).to_parquet(
    ...     folder / "documents.parquet")
    >>> summary = export_tables(folder, out)
    >>> summary[["table", "rows", "csv", "note"]].values.tolist()
    [['documents', 1, 'documents.csv', 'whole texts (text) are in documents.parquet only']]
    >>> sorted(p.name for p in out.iterdir())
    ['MANIFEST.csv', 'documents.csv', 'policy_lens_tables.xlsx']

    The default build into ``reports/tables``:

    >>> summary = export_tables()                                  # doctest: +SKIP
    """
    source = Tables(processed_dir(processed))
    target = Path(out) if out is not None else default_reports_dir() / "tables"
    names = list(source)
    if tables is not None:
        unknown = [t for t in tables if t not in names]
        if unknown:
            raise ValueError(f"tables {unknown}: not in {source.folder}; tables: "
                             f"{', '.join(names)}.")
        names = [t for t in names if t in tables]
    elif not include_tokens:
        names = [t for t in names if t not in EXPORT_SKIP]
    old = claim_folder(target, command="export", columns=EXPORT_MANIFEST_COLUMNS,
                       will_write=[f"{n}.csv" for n in names] + ([WORKBOOK] if xlsx else []))
    summary: list[dict[str, Any]] = []
    sheets: dict[str, pd.DataFrame] = {}
    files: list[Path] = []
    for name in names:
        df = _plain_cells(source[name])
        note = []
        if name == "documents":
            dropped = [c for c in TEXT_COLUMNS if c in df.columns]
            df = df.drop(columns=dropped)
            if dropped:
                note.append(f"whole texts ({', '.join(dropped)}) are in documents.parquet only")
        df = excel_safe(df)
        csv_name = f"{name}.csv"
        files.append(write_csv(df, target / csv_name))
        sheet = _sheet_name(name, sheets)
        fitted, changes = _xlsx_safe(df, csv_name)
        sheets[sheet] = fitted
        summary.append({"table": name, "rows": len(df), "columns": len(df.columns),
                        "csv": csv_name, "sheet": sheet if xlsx else "",
                        "note": "; ".join(note + changes)})
    skipped = [t for t in source if t not in names]
    for t in skipped:
        summary.append({"table": t, "rows": len(source[t]) if t != "tokens" else
                        _parquet_rows(source, t), "columns": None, "csv": "", "sheet": "",
                        "note": ("not exported: one row per word; use `policy-lens export "
                                 "--include-tokens`, or data/processed/tokens.csv")
                        if t == "tokens" else "not exported (not requested)"})
    result = pd.DataFrame(summary, columns=["table", "rows", "columns", "csv", "sheet", "note"])
    if xlsx:
        readme = _readme_sheet(result, source)
        files.append(write_xlsx({"README": readme, **sheets}, target / WORKBOOK))
    rows = [{"file": p.name, "sha256": file_sha256(p)} for p in sorted(files)]
    remove_stale(target, old, {p.name for p in files})
    write_csv(pd.DataFrame(rows, columns=EXPORT_MANIFEST_COLUMNS), target / MANIFEST)
    return result


def _parquet_rows(source: Tables, name: str) -> int:
    assert source.folder is not None
    return int(pq.ParquetFile(source.folder / f"{name}.parquet").metadata.num_rows)


def _sheet_name(name: str, taken: Mapping[str, Any]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "table"
    if base == "README":
        base = "README_table"
    sheet, i = base, 2
    while sheet in taken:
        suffix = f"~{i}"
        sheet, i = base[:31 - len(suffix)] + suffix, i + 1
    return sheet


def _readme_sheet(summary: pd.DataFrame, source: Tables) -> pd.DataFrame:
    info_path = (source.folder / "build_info.json") if source.folder else None
    built = ""
    if info_path is not None and info_path.is_file():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        built = (f"; built from {len(info.get('inputs', {}))} documents with policy-lens "
                 f"{info.get('versions', {}).get('policy-lens', '?')}")
    intro = pd.DataFrame([{
        "table": "README", "rows": None, "columns": None, "csv": "", "sheet": "README",
        "note": ("The analysis tables of policy-lens, one sheet per table, every row keyed by "
                 "doc_id (join with the documents sheet for city, year, era)" + built + ". "
                 "Each table is also a CSV file (UTF-8 with BOM) beside this workbook. "
                 f"Excel holds at most {EXCEL_MAX_ROWS - 1:,} data rows per sheet and "
                 f"{EXCEL_MAX_CELL_CHARS:,} characters per cell: anything cut to fit is "
                 "named in the note column; the CSV files always hold everything."),
    }])
    return pd.concat([intro, summary], ignore_index=True)
