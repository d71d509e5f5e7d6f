"""Atomic, deterministic writers for tables and files.

Every writer writes to a temporary file in the destination folder and renames it into
place, so a failed run never leaves a half-written output behind.

:func:`write_csv` and :func:`write_xlsx` are the only ways the project writes a table for
people, and both write *safe tables* (:func:`safe_cells`): a text cell that a spreadsheet
would run as a formula (starting with ``= + - @``, a tab or a carriage return, and longer
than that one character) gets a leading single quote (OWASP's advice on CSV injection),
and control characters that Excel cannot store (NUL, ESC, ...) are removed. Numbers stay
numbers; Parquet files keep the raw values.

The modules: :mod:`.files` (atomic writers, Parquet, XLSX), :mod:`.cells` (safe cells),
:mod:`.csvtext` (CSV text), :mod:`.tables` (Parquet + CSV copies of a table).
"""

from __future__ import annotations

from analysis.io.cells import (
    CONTROL_CHARACTERS,
    FORMULA_START,
    excel_safe,
    safe_cell,
    safe_cells,
    unescape_cells,
)
from analysis.io.csvtext import (
    CsvText,
    arrow_csv_text,
    csv_text,
    write_csv,
)
from analysis.io.files import (
    atomic_open,
    atomic_path,
    parquet_arrow,
    write_parquet,
    write_text,
    write_xlsx,
)
from analysis.io.tables import (
    PreparedTable,
    prepare_table,
    write_prepared,
    write_table,
)

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
