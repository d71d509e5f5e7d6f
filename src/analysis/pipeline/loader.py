"""Loading a corpus folder and making its token table in one streaming pass.

Documents are read, normalised and segmented in worker processes (one tokenizer per
process, documents sent in chunks of similar size; in this process for small corpora).
Each worker turns its chunk into compact token-table columns and per-document counts
(:func:`analysis.text.tokenize.token_arrays`), which this process only concatenates: no
Python object per token anywhere. Segmentation is cached per document (content hash and
tokenizer settings), so adding one document to a large corpus segments one document.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import sys
import threading
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute  # imported once here: forked workers inherit it
from tqdm import tqdm  # the plain text bar: tqdm.auto would want ipywidgets in notebooks

from analysis.pipeline.modnames import modules_by_file, warn_again
from analysis.pipeline.options import BuildOptions
from analysis.pipeline.state import file_sha256
from analysis.pipeline.tables import TEXT_COLUMNS, TokenParts
from analysis.pipeline.warmup import preload
from analysis.structure.clauses import (
    CLAUSE_COLUMNS,
    INT_CLAUSE_COLUMNS,
    clause_columns,
    clause_frame,
)
from analysis.structure.rules import load_structure_rules
from analysis.text import (
    Tokenizer,
    get_tokenizer,
    segment_cached,
    token_arrays,
    token_cache_dir,
)
from analysis.text.corpus import (
    Corpus,
    assemble_corpus,
    default_raw_dir,
    document_files,
    load_document,
    read_metadata,
    warn_unlisted,
)
from analysis.text.normalize import load_boilerplate

__all__ = ["PARALLEL_MIN_CHARS", "PRELOAD_MAX_CHARS", "LoadedClauses", "load_and_tokenize"]

#: Below about this many characters the build runs in one process: starting worker
#: processes costs more than it saves (~0.3 s for rjieba, ~1 s for jieba's dictionary).
PARALLEL_MIN_CHARS = 200_000

#: Up to about this many characters the build also loads what its stages preload
#: (``preload``) while the workers segment: there it saves a noticeable part of the full
#: build (numba's start-up and scikit-learn's import, once instead of in each stage
#: process). Above it the stages take tens of seconds and the build's process stays as
#: lean as without (about 90 MB less), so the memory budget's room is what it was.
PRELOAD_MAX_CHARS = 5_000_000

#: The worker process's tokenizer (set by :func:`_init_worker`).
_WORKER: dict[str, Any] = {}


@dataclass(frozen=True)
class _LoadJob:
    """What a worker needs to load and segment documents (small and picklable)."""

    raw_dir: Path
    boilerplate: str | None
    opencc_config: str | None
    backend: str
    user_dicts: tuple[str, ...]
    hmm: bool
    tok_cache_dir: str | None
    token_cache: str | None
    token_filter: Any
    preload: bool = False
    clauses: bool = False


def load_and_tokenize(
    raw_dir: str | os.PathLike[str] | None,
    opts: BuildOptions,
    *,
    tokenizer: Tokenizer,
    cache_dir: str | os.PathLike[str] | bool | None = True,
    workers: int | None = None,
    progress: bool | None = None,
    lazy: bool = False,
    import_meanwhile: Sequence[str] = (),
    preload: Sequence[str] = (),
    clauses: bool = False,
) -> tuple[Corpus, pd.DataFrame | TokenParts, dict[str, Any]]:
    """Load a corpus folder and make its token table in one streaming pass.

    The same result as ``load_corpus`` followed by ``token_table``: documents are read,
    normalised and segmented in ``workers`` processes (all cores by default; one process
    for corpora under :data:`PARALLEL_MIN_CHARS` characters), which send back finished
    token-table columns chunk by chunk.

    Parameters
    ----------
    raw_dir : path or None
        The corpus folder; the project's ``data/raw`` if None.
    opts : BuildOptions
        Its boilerplate, OpenCC and token-filter options are used.
    tokenizer : Tokenizer, keyword-only
        The segmenter (:func:`analysis.get_tokenizer`).
    cache_dir : path or bool, keyword-only
        Token cache location; ``True`` = the user cache folder, ``False`` = no cache.
    workers : int, keyword-only
        Processes; all cores by default.
    progress : bool, keyword-only
        Show a progress bar; by default only on a terminal, after a second.
    lazy : bool, keyword-only
        Return the token table as the workers' arrays (a
        :class:`~analysis.pipeline.tables.TokenParts`), made into a DataFrame only when
        first needed (the build's choice).
    import_meanwhile : sequence of str, keyword-only
        What to load while the workers segment (:func:`~analysis.pipeline.warmup.preload`
        entries: the build passes its stages' modules).
    preload : sequence of str, keyword-only
        More entries loaded with them when the corpus folder holds under about
        :data:`PRELOAD_MAX_CHARS` characters (the build passes what its stages preload).
    clauses : bool, keyword-only
        Also make the clause table (:func:`analysis.structure.clause_table`) in the
        workers, each chunk's as columns: ``stats["clauses"]`` is then a
        :class:`LoadedClauses` (the table and the warnings its making raised, or no table
        when a document's clauses could not be parsed). Only where there are workers:
        in one process the table is made where it is first read, as without.

    Returns
    -------
    (Corpus, DataFrame, dict)
        The corpus, its token table and ``stats``: the counts described in
        :class:`~analysis.pipeline.BuildResult`, and ``input_hashes`` (SHA-256 of each
        document file).
    """
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    cache = token_cache_dir(tokenizer, cache_dir)
    n_workers = max(1, workers if workers is not None else _default_workers())
    # UTF-8 Chinese text is ~3 bytes a character; the folder's size decides before the
    # metadata is read, so the workers start (and load the dictionary) meanwhile
    folder = _folder_bytes(raw)
    parallel = n_workers > 1 and folder >= 3 * PARALLEL_MIN_CHARS
    if folder <= 3 * PRELOAD_MAX_CHARS:
        import_meanwhile = [*import_meanwhile, *preload]
    # the same arguments as the build's get_tokenizer call, so that forked workers find the
    # tokenizer in their inherited get_tokenizer cache
    job = _LoadJob(raw, opts.boilerplate, opts.opencc_config, tokenizer.backend,
                   tokenizer.user_dicts, tokenizer.hmm,
                   str(cache_dir) if isinstance(cache_dir, (str, os.PathLike)) else None,
                   str(cache) if cache is not None else None, opts.token_filter,
                   preload=parallel and (cache is None or not cache.is_dir()),
                   clauses=clauses and parallel)
    pool = importer = None
    if (parallel and job.preload and folder <= 3 * PRELOAD_MAX_CHARS
            and _workers_inherit(tokenizer, job)):
        # the dictionary loaded once here, before the fork, instead of in each worker:
        # they inherit it, and so do the stage processes forked later (the targets stage
        # segments with the same dictionary)
        tokenizer.cut("预热")
    if parallel:
        pool = ProcessPoolExecutor(n_workers, mp_context=_pool_context(),
                                   initializer=_init_worker, initargs=(job,))
        for _ in range(n_workers):
            pool.submit(_started)
        # this process mostly waits for the workers: import what comes later meanwhile
        # (only now: forking while another thread imports could deadlock the child)
        importer = threading.Thread(target=_import_quietly, args=(tuple(import_meanwhile),),
                                    daemon=True)
        importer.start()
    try:
        corpus, tokens, stats = _load_with(pool, job, raw, opts, n_workers if pool else 1,
                                           progress)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
        # the imports never outlive the loading: a module that saves and restores the
        # warnings state on import (warnings.catch_warnings is process-wide, not per
        # thread) would otherwise undo a catch_warnings block the caller enters later
        if importer is not None:
            importer.join()
    return corpus, (tokens if lazy else tokens.table()), stats


def _workers_inherit(tokenizer: Tokenizer, job: _LoadJob) -> bool:
    """Whether the workers' tokenizer (:func:`_init_worker`'s) segments with ``tokenizer``'s
    loaded dictionary: rjieba's segmenter is shared by every tokenizer of the same terms;
    a jieba tokenizer's only when it is the instance ``get_tokenizer`` gives them."""
    return tokenizer.backend == "rjieba" or tokenizer is get_tokenizer(
        backend=job.backend, user_dicts=job.user_dicts, hmm=job.hmm,
        cache_dir=job.tok_cache_dir)


def _init_worker(job: _LoadJob) -> None:
    """Pool initializer: one tokenizer per process. It comes from this process's
    ``get_tokenizer`` cache (inherited, dictionary already loaded, under ``fork``) or is
    made here; its dictionary is loaded now if ``job.preload`` (a first build with these
    settings), else on the first document not in the token cache."""
    tok = get_tokenizer(backend=job.backend, user_dicts=job.user_dicts, hmm=job.hmm,
                        cache_dir=job.tok_cache_dir)
    if job.preload:
        tok.cut("预热")
    _WORKER["tok"] = tok


def _load_chunk(job: _LoadJob, files: list[tuple[str, str | None]],
                doc_ids: list[str] | None = None) -> dict[str, Any]:
    """Read, normalise and segment some documents and turn them into compact columns:
    their ``documents`` rows (texts as Arrow arrays), token-table arrays
    (:func:`analysis.text.tokenize.token_arrays`), input file hashes and CPU seconds per
    step; with ``job.clauses`` also their clause table's columns (``doc_ids`` theirs)."""
    tok = _WORKER["tok"]
    cache = Path(job.token_cache) if job.token_cache else None
    # loaded once per chunk, not per document (each load reads the file for its digest)
    patterns = load_boilerplate(job.boilerplate) if job.boilerplate is not None else None
    rows, bounds, hashes = [], [], []
    segmented = 0
    t_load = t_seg = 0.0
    caught: list[warnings.WarningMessage] = []
    for name, enc in files:
        t0 = time.process_time()
        path = job.raw_dir / name
        hashes.append(file_sha256(path) if path.is_file() else "")
        # a worker's warnings would go to its own stderr: they travel with the results
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            row = load_document(job.raw_dir, name, enc, boilerplate=patterns,
                                opencc_config=job.opencc_config)
        caught.extend(seen)
        t1 = time.process_time()
        b, computed = segment_cached(row["text"], tok, cache)
        t_seg += time.process_time() - t1
        t_load += t1 - t0
        segmented += computed
        rows.append(row)
        bounds.append(b)
    t0 = time.process_time()
    texts = [r["text"] for r in rows]
    parts = token_arrays([n for n, _ in files], texts, bounds, job.token_filter)
    columns = {col: pa.array([r.pop(col) for r in rows], pa.large_string())
               for col in TEXT_COLUMNS}
    t_arrays = time.process_time() - t0
    clauses = _chunk_clauses(doc_ids or [], texts) if job.clauses else None
    return {"rows": rows, "texts": columns, "tokens": parts, "hashes": hashes,
            "clauses": clauses,
            "warnings": [(w.category, str(w.message)) for w in caught],
            "segmented": segmented, "t_load": t_load, "t_segment": t_seg,
            "t_arrays": t_arrays, "t_clauses": time.process_time() - t0 - t_arrays}


@dataclass
class LoadedClauses:
    """The clause table the loading workers made, and the warnings its making raised, to
    be emitted where the table is first read (:meth:`emit_warnings`).

    Parameters
    ----------
    table : pandas.DataFrame or None
        The clause table (:func:`analysis.structure.clause_table`); None when the clauses
        of a document could not be parsed: the build then makes the table where it is
        read, and meets the error there.
    warnings : list of tuple
        ``(message, category, filename, lineno, module)`` of each warning, as raised in
        the workers.

    Examples
    --------
    >>> from analysis.structure import StructureWarning
    >>> loaded = LoadedClauses(None, [("d: no outline", StructureWarning, "x.py", 1, None)])
    >>> loaded.table is None, len(loaded.warnings)
    (True, 1)
    """

    table: pd.DataFrame | None
    warnings: list[tuple[str, type[Warning], str, int, str | None]]

    def emit_warnings(self) -> None:
        """Emit the warnings as raised in the workers: category, message, file, line and
        module, so filters by module apply to them as to a warning raised here. Each is
        emitted once: the list is emptied.

        Examples
        --------
        >>> from analysis.structure import StructureWarning
        >>> loaded = LoadedClauses(None, [("d: no outline", StructureWarning, "x.py", 1, None)])
        >>> with warnings.catch_warnings(record=True) as seen:
        ...     warnings.simplefilter("always")
        ...     loaded.emit_warnings()
        >>> [(str(w.message), w.category.__name__) for w in seen], loaded.warnings
        ([('d: no outline', 'StructureWarning')], [])
        """
        for message, category, filename, lineno, module in self.warnings:
            found = sys.modules.get(module) if module else None
            registry = (vars(found).setdefault("__warningregistry__", {})
                        if found is not None else None)
            warn_again(message, category, filename, lineno, module=module, registry=registry)
        self.warnings = []


def _chunk_clauses(doc_ids: list[str], texts: list[str]) -> dict[str, Any]:
    """A chunk's clause table as columns (Arrow strings, int64 arrays), document by
    document; ``failed`` when one document's clauses could not be parsed (the rest of
    the chunk is then skipped: the build makes the table itself), with the warnings."""
    rules = load_structure_rules()
    columns: dict[str, list[Any]] = {col: [] for col in CLAUSE_COLUMNS}
    lengths: list[int] = []
    failed = False
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        for doc_id, text in zip(doc_ids, texts, strict=True):
            try:
                one, rows = clause_columns([doc_id], [text], rules=rules)
            except Exception:  # raised again where the build reads the table
                failed = True
                break
            for col, values in one.items():
                columns[col].extend(values)
            lengths.extend(rows)
    if failed:
        return {"failed": True, "columns": None, "lengths": None, "warnings": []}
    modules = modules_by_file() if seen else {}
    return {"failed": False,
            "columns": {col: (np.asarray(values, dtype=np.int64) if col in INT_CLAUSE_COLUMNS
                              else pa.array(values, pa.large_string()))
                        for col, values in columns.items()},
            "lengths": np.asarray(lengths, dtype=np.int64),
            "warnings": [(str(w.message), w.category, w.filename, w.lineno,
                          modules.get(w.filename)) for w in seen]}



def _clause_table(results: list[dict[str, Any]]) -> LoadedClauses:
    """The chunks' clause columns (:func:`_chunk_clauses`) joined in document order."""
    if not results or any(res["failed"] for res in results):
        return LoadedClauses(None, [])
    columns: dict[str, Any] = {}
    for col in CLAUSE_COLUMNS:
        parts = [res["columns"][col] for res in results]
        columns[col] = (np.concatenate(parts) if col in INT_CLAUSE_COLUMNS
                        else pa.chunked_array(parts, pa.large_string()))  # (no copy)
    lengths = np.concatenate([res["lengths"] for res in results])
    return LoadedClauses(clause_frame(columns, lengths),
                         [w for res in results for w in res["warnings"]])


def _chunks(files: list[tuple[str, str | None]], sizes: list[int],
            workers: int) -> list[list[tuple[str, str | None]]]:
    """Consecutive groups of documents of similar size: many per worker, so the work
    balances (little idle time at the end) and results stream back steadily."""
    total = sum(sizes)
    target = min(max(total // max(workers * 16, 1), 1), 2_000_000)
    out: list[list[tuple[str, str | None]]] = []
    current: list[tuple[str, str | None]] = []
    acc = 0
    for item, size in zip(files, sizes, strict=True):
        current.append(item)
        acc += size
        if acc >= target:
            out.append(current)
            current, acc = [], 0
    if current:
        out.append(current)
    return out


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool_context() -> Any:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def _started() -> None:
    """A first task that makes the pool start its processes."""


def _import_quietly(modules: tuple[str, ...]) -> None:
    preload(modules)  # what fails to load here is loaded (or raises) where it is used


def _folder_bytes(raw: Path) -> int:
    try:
        return sum(e.stat().st_size for e in os.scandir(raw)
                   if e.is_file() and e.name != "metadata.csv")
    except OSError:
        return 0


def _load_with(pool: ProcessPoolExecutor | None, job: _LoadJob, raw: Path, opts: BuildOptions,
               n_workers: int, progress: bool | None
               ) -> tuple[Corpus, TokenParts, dict[str, Any]]:
    meta = read_metadata(raw)
    warn_unlisted(raw, meta)
    files = document_files(raw, meta, allow_outside=opts.allow_outside_paths)
    sizes = [(raw / name).stat().st_size if (raw / name).is_file() else 0
             for name, _ in files]
    chunks = _chunks(files, sizes, n_workers)
    doc_ids = meta["doc_id"].tolist()
    parts: list[dict[str, Any]] = []
    clause_parts: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    texts: dict[str, list[Any]] = {col: [] for col in TEXT_COLUMNS}
    hashes: dict[str, str] = {}
    stats = {"documents": len(files), "segmented": 0, "cached": 0, "workers": n_workers,
             "cpu_load": 0.0, "cpu_segment": 0.0, "cpu_arrays": 0.0}
    bar = tqdm(total=len(files), unit="doc", desc="load + tokenise", delay=1.0, leave=False,
               disable=None if progress is None else not progress, file=sys.stderr)

    def consume(chunk: list[tuple[str, str | None]], res: dict[str, Any]) -> None:
        start = len(rows)
        rows.extend(res["rows"])
        part = res["tokens"]
        part["doc_ids"] = doc_ids[start:len(rows)]
        parts.append(part)
        for col in TEXT_COLUMNS:
            texts[col].append(res["texts"][col])
        hashes.update(zip((name for name, _ in chunk), res["hashes"], strict=True))
        for category, message in res["warnings"]:
            warnings.warn(message, category, stacklevel=2)
        stats["segmented"] += res["segmented"]
        stats["cached"] += len(chunk) - res["segmented"]
        stats["cpu_load"] += res["t_load"]
        stats["cpu_segment"] += res["t_segment"]
        stats["cpu_arrays"] += res["t_arrays"]
        if res["clauses"] is not None:
            stats["cpu_clauses"] = stats.get("cpu_clauses", 0.0) + res["t_clauses"]
            clause_parts.append(res["clauses"])
        bar.update(len(chunk))

    try:
        if pool is None:
            _init_worker(job)
            for chunk in chunks:
                consume(chunk, _load_chunk(job, chunk))
        else:
            starts = np.cumsum([0] + [len(chunk) for chunk in chunks]).tolist()
            ids = [doc_ids[a:b] for a, b in itertools.pairwise(starts)]
            results = pool.map(_load_chunk, [job] * len(chunks), chunks, ids)
            for chunk, res in zip(chunks, results, strict=True):
                consume(chunk, res)
    finally:
        bar.close()
    frame = pd.DataFrame(rows)
    for col in TEXT_COLUMNS:
        arr = pa.chunked_array(texts[col], pa.large_string()).combine_chunks() if texts[col] \
            else pa.array([], pa.large_string())
        frame[col] = arr.to_pandas()
    corpus = assemble_corpus(meta, frame, raw, boilerplate=opts.boilerplate,
                             opencc_config=opts.opencc_config)
    tokens = TokenParts(parts)
    stats["characters"] = int(np.sum(corpus.documents["n_chars"]))
    stats["tokens"] = len(tokens)
    stats["input_hashes"] = hashes
    if job.clauses:
        stats["clauses"] = _clause_table(clause_parts)
    return corpus, tokens, stats
