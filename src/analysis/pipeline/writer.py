"""Writing the build's tables: a staging folder, background writes, one folder swap.

Tables are written into a staging folder beside the output folder (in background
threads, so the big token table is written while the stages compute). When every stage
has succeeded, ``build_info.json`` joins them, the files of the output folder that this
build does not replace are linked in (hard links: no copy), and the staging folder takes
the output folder's place with two renames. A build stopped at any point (an error,
Ctrl-C) leaves the previous outputs as a whole or the new ones as a whole, never a mix:
a swap stopped between its two renames is undone by the next build into the same folder
(:func:`recover_out_dir`). Every table gets Parquet; a CSV copy for people only when
Excel can open it (:data:`CSV_MAX_ROWS`). ``build_info.json`` records the options,
inputs, tables and library versions of the build.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa

from analysis.io import (
    PreparedTable,
    arrow_csv_text,
    parquet_arrow,
    prepare_table,
    write_parquet,
    write_prepared,
    write_text,
)
from analysis.pipeline.state import PACKAGES, file_sha256
from analysis.pipeline.tables import TEXT_COLUMNS, TokenParts, WrittenTable
from analysis.text.tokenize import frame_from_parts

if TYPE_CHECKING:
    from analysis.pipeline.options import BuildOptions
    from analysis.text.corpus import Corpus

__all__ = ["CSV_MAX_ROWS", "TableWriter", "build_info", "json_text", "recover_out_dir",
           "write_json", "write_staged"]

#: A table with more rows than Excel can open (1,048,576 including the header) gets no
#: CSV copy, only Parquet: a 10-million-row token CSV is slow to write and useless to open.
CSV_MAX_ROWS = 1_048_575


def _sibling(out: Path, kind: str) -> str:
    """The name prefix of the staging (``new``) or set-aside (``old``) folders of ``out``."""
    return f".{out.name}.{kind}-"


def recover_out_dir(out: Path) -> None:
    """Finish what an interrupted folder swap of ``out`` left: put the previous outputs
    back if ``out`` is missing, and remove set-aside previous outputs otherwise.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / ".out.old-x1").mkdir()
    >>> recover_out_dir(root / "out")
    >>> [p.name for p in root.iterdir()]
    ['out']
    """
    if not out.parent.is_dir():
        return
    olds = sorted(p for p in out.parent.glob(_sibling(out, "old") + "*") if p.is_dir())
    if olds and not out.exists():
        os.rename(olds.pop(), out)
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a file system without hard links
        shutil.copy2(src, dst)


class TableWriter:
    """Writes tables into a staging folder beside ``out`` and on :meth:`commit` makes it
    the new ``out`` (with the files of ``out`` it does not replace); :meth:`abort`
    removes the staging folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> writer = TableWriter(out)
    >>> writer.submit("t", pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    >>> [p.name for p in writer.commit(["t"], files={"info.json": "{}"})]
    ['t.parquet', 't.csv', 'info.json']
    >>> sorted(p.name for p in out.iterdir()), [p.name for p in out.parent.iterdir()]
    (['info.json', 't.csv', 't.parquet'], ['out'])
    """

    def __init__(self, out: Path) -> None:
        if out.is_symlink():  # swap the folder it points to, keep the link
            out = out.resolve()
        recover_out_dir(out)
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=_sibling(out, "new"), dir=out.parent))
        except OSError:  # a parent folder we may not write: stage inside ``out``
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
        fut = self._pool.submit(_write_ready, self.staging, name, _prepare_staged(name, df))
        self._jobs[name] = (df, sig, fut)

    def settle(self) -> None:
        """Wait for every table submitted so far and forget the frames (kept only to
        notice a table submitted again unchanged)."""
        for name, (df, sig, fut) in list(self._jobs.items()):
            if df is not None and not isinstance(df, TokenParts):
                fut.result()
                self._jobs[name] = (None, sig, fut)

    def wait(self, name: str) -> None:
        """Wait until table ``name`` (submitted before) is written."""
        self._jobs[name][2].result()

    def adopt(self, name: str, paths: list[Path], table: WrittenTable) -> None:
        """Count table ``name`` as written: its files ``paths`` are already in the
        staging folder (:func:`write_staged`, by another process of the build)."""
        fut: Future[list[Path]] = Future()
        fut.set_result(list(paths))
        self._jobs[name] = (None, (len(table), tuple(map(str, table.columns))), fut)

    def commit(self, names: list[str], *, files: dict[str, str] | None = None) -> list[Path]:
        """Wait for the tables ``names``, add the text ``files`` (name: content) and make
        the staging folder the new ``out``: the tables of this build, ``files``, and every
        other file of ``out`` as it was, but other submitted tables and a CSV copy that a
        table now too long for one had before. Returns the paths of the tables and files."""
        try:
            staged = {name: self._jobs[name][2].result() for name in names}
            for job in self._jobs.values():
                job[2].result()
        finally:
            self._pool.shutdown(wait=True)
        written = {f.name for fs in staged.values() for f in fs}
        for fname, text in (files or {}).items():
            write_text(self.staging / fname, text)
            written.add(fname)
        replaced = written | {f"{n}.csv" for n in staged} | {f"{n}.parquet" for n in staged}
        for job_name, (_, _, fut) in self._jobs.items():
            if job_name not in staged:  # written ahead, then not part of the build
                for f in fut.result():
                    f.unlink(missing_ok=True)
        if self.staging.parent == self.out or not self._swap(replaced):
            self._move_files(replaced)
        paths = [self.out / f.name for name in sorted(staged) for f in staged[name]]
        return paths + [self.out / fname for fname in (files or {})]

    def _carry_over(self, replaced: set[str]) -> None:
        """Link every entry of ``out`` this build does not replace into the staging folder
        (folders as trees of links), so the swap keeps them."""
        for entry in sorted(os.scandir(self.out), key=lambda e: e.name):
            if entry.name in replaced or entry.name.startswith(".staging-"):
                continue
            dst = self.staging / entry.name
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), dst)
            elif entry.is_dir():
                shutil.copytree(entry.path, dst, symlinks=True, copy_function=_link_or_copy)
            else:
                _link_or_copy(entry.path, str(dst))

    def _swap(self, replaced: set[str]) -> bool:
        """Put the staging folder, with the files of ``out`` it does not replace, in the
        place of ``out`` (two renames; undone if the second fails) and remove the previous
        outputs. False if ``out`` cannot be renamed (a mount point, a read-only parent)."""
        old = Path(tempfile.mkdtemp(prefix=_sibling(self.out, "old"), dir=self.out.parent))
        os.rmdir(old)  # a free name on the same file system
        self._carry_over(replaced)
        try:
            os.rename(self.out, old)
        except OSError:
            return False
        try:
            os.rename(self.staging, self.out)
        except BaseException:
            os.rename(old, self.out)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return True

    def _move_files(self, replaced: set[str]) -> None:
        """Where ``out`` cannot be swapped: move the new files in one by one (each move
        atomic, the set not) and remove what they replace."""
        for name in sorted(replaced):
            src, dst = self.staging / name, self.out / name
            if src.is_file():
                shutil.move(src, dst)
            elif dst.is_file():  # a CSV copy the table no longer has
                dst.unlink()
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        """Stop writing and remove the staging folder; ``out`` is left as it was."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.staging, ignore_errors=True)


@dataclass(frozen=True)
class _TokenWrite:
    """The token table to write from the workers' arrays (:class:`TokenParts`), with the
    schema metadata pandas gives it when it has a CSV copy (None: Parquet only)."""

    tokens: TokenParts
    metadata: dict[bytes, bytes] | None


@lru_cache(maxsize=1)
def _token_metadata() -> dict[bytes, bytes]:
    """The schema metadata of the token table converted from its DataFrame (the same for
    every token table: the columns and their types)."""
    return dict(parquet_arrow(frame_from_parts([]))[0].schema.metadata)


def _prepare_staged(name: str, df: pd.DataFrame | TokenParts) -> PreparedTable | _TokenWrite:
    """What :func:`write_staged` writes for table ``name``, with its pandas part done: the
    table as Arrow data and CSV columns (:func:`~analysis.io.prepare_table`); the token
    table stays the workers' arrays."""
    if isinstance(df, TokenParts) and df.parts:  # (no arrays: made by pandas, here)
        csv = len(df) <= CSV_MAX_ROWS
        return _TokenWrite(df, _token_metadata() if csv else None)
    if isinstance(df, TokenParts):
        df = df.table()
    exclude = TEXT_COLUMNS if name == "documents" else ()
    return prepare_table(df, csv=len(df) <= CSV_MAX_ROWS, csv_exclude=exclude)


def _write_ready(staging: Path, name: str, ready: PreparedTable | _TokenWrite) -> list[Path]:
    """Write a :func:`_prepare_staged` result with pyarrow and NumPy only, so that
    :class:`TableWriter`'s threads never enter a ``warnings.catch_warnings`` block (pandas
    enters many): its save and restore of the whole process's warnings state would undo
    the build's recording of its warnings in the calling thread."""
    if isinstance(ready, _TokenWrite):
        table = ready.tokens.arrow()
        if ready.metadata is None:  # Parquet only: ids and kinds stay dictionary-encoded
            return [write_parquet(table, staging / f"{name}.parquet")]
        # the bytes of the DataFrame's files: plain strings, the frame's schema metadata
        plain = pa.table({n: c.cast(pa.large_string()) if pa.types.is_dictionary(c.type)
                          else c for n, c in zip(table.column_names, table.columns,
                                                 strict=True)})
        plain = plain.replace_schema_metadata(ready.metadata)
        ready = PreparedTable(*parquet_arrow(plain), arrow_csv_text(plain))
    return write_prepared(ready, staging, name)


def write_staged(staging: Path, name: str, df: pd.DataFrame | TokenParts) -> list[Path]:
    """Write table ``name`` into the folder ``staging`` as :class:`TableWriter` does:
    Parquet, and a CSV copy when Excel can open it (``documents`` without its text
    columns). Returns the files written."""
    return _write_ready(staging, name, _prepare_staged(name, df))


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


def json_text(data: dict[str, Any]) -> str:
    """``data`` as sorted, indented JSON text (what :func:`write_json` writes)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_json(path: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as sorted, indented UTF-8 JSON, atomically."""
    return write_text(path, json_text(data))
