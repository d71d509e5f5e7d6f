"""A table written as Parquet (for code) and CSV (for people), in two steps: made ready
with pandas (:func:`prepare_table`), then written with pyarrow only (:func:`write_prepared`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from analysis.io.cells import excel_safe
from analysis.io.csvtext import CsvText, _write_csv_text, csv_text
from analysis.io.files import _write_parquet_arrow, parquet_arrow


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
    pandas code (so it can run in a thread while another records warnings).

    Parameters
    ----------
    ready : PreparedTable
        From :func:`prepare_table`.
    out_dir : str or path
        The folder written into (it must exist).
    name : str
        The files' name without suffix.

    Returns
    -------
    list of pathlib.Path
        The paths written, Parquet first.

    Examples
    --------
    >>> import tempfile
    >>> ready = prepare_table(pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    >>> [p.name for p in write_prepared(ready, tempfile.mkdtemp(), "t")]
    ['t.parquet', 't.csv']
    """
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
