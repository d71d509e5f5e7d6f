"""Writing the build's tables: a staging folder, background writes, one atomic move.

Tables are written into a staging folder inside the output folder (in background
threads, so the big token table is written while the stages compute) and moved into place
only when every stage has succeeded: a failed build leaves the previous outputs. Every
table gets Parquet; a CSV copy for people only when Excel can open it
(:data:`CSV_MAX_ROWS`). ``build_info.json`` records the options, inputs, tables and
library versions of the build.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.io import write_parquet, write_table, write_text
from analysis.pipeline.state import PACKAGES, file_sha256
from analysis.pipeline.tables import TEXT_COLUMNS, TokenParts

if TYPE_CHECKING:
    from analysis.pipeline.options import BuildOptions
    from analysis.text.corpus import Corpus

__all__ = ["CSV_MAX_ROWS", "TableWriter", "build_info", "write_json"]

#: A table with more rows than Excel can open (1,048,576 including the header) gets no
#: CSV copy, only Parquet: a 10-million-row token CSV is slow to write and useless to open.
CSV_MAX_ROWS = 1_048_575


class TableWriter:
    """Writes tables into a staging folder inside ``out`` and moves them into place on
    :meth:`commit`; :meth:`abort` removes the staging folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> writer = TableWriter(out)
    >>> writer.submit("t", pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    >>> [p.name for p in writer.commit(["t"])]
    ['t.parquet', 't.csv']
    >>> sorted(p.name for p in out.iterdir())
    ['t.csv', 't.parquet']
    """

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
        self._pool = ThreadPoolExecutor(max_workers=3)
        self._jobs: dict[str, tuple[pd.DataFrame | TokenParts | None, tuple[Any, ...],
                                    Future[list[Path]]]] = {}

    def submit(self, name: str, df: pd.DataFrame | TokenParts) -> None:
        """Start writing table ``name`` (again, if it was submitted before and changed)."""
        sig = (len(df), tuple(map(str, df.columns)))
        old = self._jobs.get(name)
        if old is not None and old[0] is df and old[1] == sig:
            return  # the very frame written ahead, unchanged
        if old is not None:
            old[2].result()
        fut = self._pool.submit(self._write, name, df)
        self._jobs[name] = (df, sig, fut)

    def settle(self) -> None:
        """Wait for every table submitted so far and forget the frames (kept only to
        notice a table submitted again unchanged)."""
        for name, (df, sig, fut) in list(self._jobs.items()):
            if df is not None and not isinstance(df, TokenParts):
                fut.result()
                self._jobs[name] = (None, sig, fut)

    def _write(self, name: str, df: pd.DataFrame | TokenParts) -> list[Path]:
        if isinstance(df, TokenParts):
            if len(df) > CSV_MAX_ROWS:  # Parquet only: straight from the workers' arrays
                return [write_parquet(df.arrow(), self.staging / f"{name}.parquet")]
            df = df.frame()
        exclude = TEXT_COLUMNS if name == "documents" else ()
        return write_table(df, self.staging, name, csv=len(df) <= CSV_MAX_ROWS,
                           csv_exclude=exclude)

    def commit(self, names: list[str]) -> list[Path]:
        """Wait for the tables ``names`` and move them into ``out``; drop any other. A
        table now too long for a CSV copy loses its stale CSV."""
        try:
            staged = {name: self._jobs[name][2].result() for name in names}
            for job in self._jobs.values():
                job[2].result()
        finally:
            self._pool.shutdown(wait=True)
        paths: list[Path] = []
        for name in sorted(staged):
            files = staged[name]
            if not any(f.suffix == ".csv" for f in files):
                (self.out / f"{name}.csv").unlink(missing_ok=True)
            for f in files:
                os.replace(f, self.out / f.name)
                paths.append(self.out / f.name)
        shutil.rmtree(self.staging, ignore_errors=True)
        return paths

    def abort(self) -> None:
        """Stop writing and remove the staging folder; ``out`` is left as it was."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.staging, ignore_errors=True)


def build_info(corpus: Corpus, opts: BuildOptions, tables: Mapping[str, Any],
               fingerprint: str, hashes: dict[str, str]) -> dict[str, Any]:
    """The content of ``build_info.json``: options, tokenizer fingerprint, input file
    hashes, each table's rows and columns (and whether it has a CSV copy), and versions."""
    files = {}
    for name in corpus.documents["file"]:
        path = Path(corpus.raw_dir or ".") / name
        files[name] = hashes.get(name) or (file_sha256(path) if path.is_file() else "")
    return {
        "options": asdict(opts),
        "tokenizer_fingerprint": fingerprint,
        "inputs": dict(sorted(files.items())),
        "tables": {k: {"rows": len(v), "columns": list(map(str, v.columns)),
                       "csv": len(v) <= CSV_MAX_ROWS}
                   for k, v in sorted(tables.items())},
        "versions": {p: version(p) for p in PACKAGES},
        "python": platform.python_version(),
    }


def write_json(path: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as sorted, indented UTF-8 JSON, atomically."""
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
                      + "\n")
