"""What several commands share: saving a table by its file suffix, printing wide tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["print_wide", "save_table"]


def save_table(table: pd.DataFrame, out: str | Path, sheet: str) -> Path:
    """Write a table as .csv (Excel-friendly), .xlsx or .parquet, by the file's suffix."""
    from analysis.io import write_csv, write_parquet, write_xlsx

    path = Path(out)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(table, path)
    elif suffix == ".xlsx":
        write_xlsx({sheet: table}, path)
    elif suffix == ".parquet":
        write_parquet(table, path)
    else:
        raise ValueError(f"--out {out}: use a .csv, .xlsx or .parquet file name")
    return path


def print_wide(func: Callable[[], None]) -> None:
    """Run ``func`` with pandas printing wide tables whole (Chinese columns aligned)."""
    import pandas as pd

    with pd.option_context("display.max_rows", 500, "display.max_colwidth", 40,
                           "display.width", 160, "display.unicode.east_asian_width", True):
        func()
