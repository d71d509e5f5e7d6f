"""What several commands share: saving a table by its file suffix, printing wide tables,
and saying what went wrong with a file."""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["describe_os_error", "print_wide", "save_table"]

# the temporary file an atomic writer writes first: ``.name.XXXX.tmp`` beside ``name``
_TEMP = re.compile(r"^\.(?P<name>.+)\.[^.]+\.tmp$")


def _shown_path(name: object) -> str:
    path = Path(str(name))
    m = _TEMP.match(path.name)
    return str(path.parent / m["name"]) if m else str(path)


def describe_os_error(exc: OSError) -> str:
    """One line saying which path failed, why, and what to do (for the command line).

    Examples
    --------
    >>> import errno
    >>> describe_os_error(PermissionError(errno.EACCES, "Permission denied", "out/t.csv"))
    'out/t.csv: permission denied; choose a folder you can write to, or change its permissions.'
    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device", "out/.t.csv.x1.tmp"))
    'out/t.csv: no space left on the disk; free some space or write somewhere else.'
    >>> describe_os_error(FileNotFoundError("corpus: no such folder; give --raw DIR."))
    'corpus: no such folder; give --raw DIR.'
    """
    if exc.filename is None:
        return str(exc)
    path = _shown_path(exc.filename)
    if exc.filename2 is not None:
        path = f"{path} -> {_shown_path(exc.filename2)}"
    code = exc.errno
    if isinstance(exc, FileExistsError):
        why = ("is in the way: it exists and is not a folder; remove it or choose another "
               "path")
    elif isinstance(exc, NotADirectoryError):
        why = "a part of this path is a file, not a folder; choose another path"
    elif isinstance(exc, IsADirectoryError):
        why = "is a folder; give a file name (e.g. hits.csv)"
    elif isinstance(exc, PermissionError):
        why = ("permission denied; choose a folder you can write to, or change its "
               "permissions")
    elif code == errno.ENOSPC or code == errno.EDQUOT:
        why = "no space left on the disk; free some space or write somewhere else"
    elif code == errno.EROFS:
        why = "the disk is read-only; write somewhere else"
    elif isinstance(exc, FileNotFoundError):
        why = "no such file or folder"
    else:
        why = (exc.strerror or type(exc).__name__).lower()
    return f"{path}: {why}."


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
