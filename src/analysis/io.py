"""Atomic, deterministic writers for tables and files.

Every writer writes to a temporary file in the destination folder and renames it into
place, so a failed run never leaves a half-written output behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "atomic_open",
    "atomic_path",
    "write_csv",
    "write_parquet",
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


def write_parquet(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` to Parquet (zstd, no index), atomically and byte-reproducibly."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False, engine="pyarrow", compression="zstd")
    return Path(path)


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` as CSV in UTF-8 with a BOM, so Excel opens the Chinese text correctly."""
    with atomic_open(path, "w", encoding="utf-8-sig", newline="") as fh:
        df.to_csv(fh, index=False, lineterminator="\r\n")
    return Path(path)


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Turn list-valued cells into ``、``-joined strings, which Excel can show."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(
                lambda v: "、".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return out


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
    out_dir = Path(out_dir)
    paths = [write_parquet(df, out_dir / f"{name}.parquet")]
    if csv:
        people = df.drop(columns=[c for c in csv_exclude if c in df.columns])
        paths.append(write_csv(_excel_safe(people), out_dir / f"{name}.csv"))
    return paths


def write_xlsx(
    sheets: dict[str, pd.DataFrame], path: str | os.PathLike[str]
) -> Path:
    """Write several tables into one XLSX workbook (one sheet per table), atomically.

    Sheet names are cut to Excel's 31 characters; list cells are joined with ``、``.
    The workbook's creation and modification times are fixed so reruns are identical.
    """
    import datetime

    import pandas as pd

    fixed = datetime.datetime(2000, 1, 1)
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, df in sheets.items():
                _excel_safe(df).to_excel(writer, sheet_name=name[:31], index=False)
            props = writer.book.properties
            props.created = fixed
            props.modified = fixed
            props.creator = "policy-lens"
        _normalise_zip_times(tmp)
    return Path(path)


def _normalise_zip_times(path: Path) -> None:
    """Rewrite a zip file with fixed member timestamps (xlsx files are zips), and fix the
    workbook's modification time, which openpyxl sets to "now" when it saves."""
    import re
    import zipfile

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
