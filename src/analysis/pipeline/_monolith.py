"""The build: raw corpus folder → tidy tables in ``data/processed/``.

Every analysis module contributes tables through a *stage*, a function that takes the
:class:`BuildContext` and returns ``{table_name: DataFrame}``; stages are listed by import
path in :data:`STAGES` so that importing this module stays cheap. Tables are written into
a staging folder (``policy-lens build`` writes each stage's tables as soon as the stage
ends, then lets them go) and moved into the output folder only when every stage has
succeeded; every write is atomic, and the outputs are byte-identical when the inputs and
options are unchanged.

Speed and scale. Documents are read, normalised and segmented in worker processes (one
tokenizer per process, documents sent in chunks; in-process for small corpora); the workers
turn each chunk into compact token-table columns and document-term counts, which this
process concatenates (no Python object per token anywhere). Segmentation is cached per
document (content hash + tokenizer settings), so adding one document to a large corpus
segments one document. The token table is written in a background thread while the stages
run. A build whose inputs, options and code are unchanged since the last build into the
same folder does nothing (``force=True`` / ``--force`` rebuilds).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.text.tokenize import DEFAULT_USER_DICT, TokenFilter

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.corpus import Corpus
    from analysis.text.tokenize import Tokenizer

__all__ = [
    "CSV_MAX_ROWS",
    "PARALLEL_MIN_CHARS",
    "STAGES",
    "BuildContext",
    "BuildOptions",
    "BuildResult",
    "SavedTables",
    "build",
    "default_out_dir",
    "load_and_tokenize",
    "select_stages",
]

#: ``(stage name, "module:function")``; each function maps a BuildContext to tables.
STAGES: list[tuple[str, str]] = [
    ("core", "analysis.pipeline._monolith:core_tables"),
    ("structure", "analysis.pipeline.stages:structure_stage"),
    ("targets", "analysis.pipeline.stages:targets_stage"),
    ("compare", "analysis.pipeline.stages:compare_stage"),
    ("reuse", "analysis.pipeline.stages:reuse_stage"),
    ("network", "analysis.pipeline.stages:network_stage"),
    ("themes", "analysis.pipeline.stages:themes_stage"),
    ("instruments", "analysis.pipeline.stages:instruments_stage"),
]

#: Columns of the ``documents`` table left out of its CSV copy (too long for Excel cells).
TEXT_COLUMNS = ("text_raw", "text_orig", "text")

#: A table with more rows than Excel can open (1,048,576 including the header) gets no
#: CSV copy, only Parquet: a 10-million-row token CSV is slow to write and useless to open.
CSV_MAX_ROWS = 1_048_575

#: Below about this many characters the build runs in one process: starting worker
#: processes costs more than it saves (~0.3 s for rjieba, ~1 s for jieba's dictionary).
PARALLEL_MIN_CHARS = 200_000

_STATE_VERSION = 1
_PACKAGES = ["policy-lens", "jieba", "rjieba", "opencc", "pandas", "scikit-learn", "pyarrow"]


def default_out_dir() -> Path:
    """``$POLICY_LENS_PROCESSED``, else ``data/processed`` beside the default ``data/raw``."""
    env = os.environ.get("POLICY_LENS_PROCESSED")
    if env:
        return Path(env)
    from analysis.text.corpus import default_raw_dir

    return default_raw_dir().parent / "processed"


@dataclass(frozen=True)
class BuildOptions:
    """Everything that decides the build's outputs (recorded in ``build_info.json``)."""

    tokenizer: str = "jieba"
    hmm: bool = True
    user_dicts: tuple[str, ...] = (DEFAULT_USER_DICT,)
    token_filter: TokenFilter = field(default_factory=TokenFilter)
    boilerplate: str | None = "boilerplate.toml"
    opencc_config: str | None = "t2s"
    top_n: int = 30
    # analysis.themes / analysis.instruments: dictionaries, bootstrap replicates and seed
    themes: str = "themes.toml"
    instruments: str = "instruments.toml"
    n_boot: int = 2000
    seed: int = 12
    # analysis.textreuse compares every pair of documents: above this many documents the
    # build leaves text reuse out (empty tables and a ScaleWarning); None = no limit.
    # Likewise when the documents share more seed pairs than reuse_max_seeds (alignment
    # time grows with them, about 0.1 ms each: 250,000 is roughly 25 s on 2 cores)
    reuse_max_docs: int | None = 100
    reuse_max_seeds: int | None = 250_000
    # analysis.stats.compare's similarity table has a row per ordered pair of documents (and the
    # map and clustering built on it grow faster still): above this many documents the
    # build writes the similarity, doc_map and clusters tables empty with a ScaleWarning;
    # None = no limit. 2,000 documents are 4 million pairs, about 0.6 GB while computed.
    similarity_max_docs: int | None = 2000

    def __post_init__(self) -> None:
        for name in ("reuse_max_docs", "reuse_max_seeds", "similarity_max_docs"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name}={value}: give None (no limit; 0 on the command "
                                 "line) or a positive number.")


class BuildContext:
    """What stages receive: the corpus, its tokens, the options and a memo for sharing
    intermediate results between stages (``ctx.memo("clauses", make_clauses)``).

    The build passes the token table as the workers' arrays and makes the DataFrame only
    when a stage first reads ``ctx.tokens`` (a core-only build never does).
    """

    def __init__(self, corpus: Corpus, tokens: pd.DataFrame | _TokenParts,
                 options: BuildOptions, _memo: dict[str, Any] | None = None) -> None:
        self.corpus = corpus
        self._tokens = tokens
        self.options = options
        self._memo: dict[str, Any] = dict(_memo or {})

    @property
    def tokens(self) -> pd.DataFrame:
        """The token table (:func:`analysis.text.tokenize.token_table`)."""
        if isinstance(self._tokens, _TokenParts):
            return self._tokens.frame()
        return self._tokens

    @property
    def clauses(self) -> pd.DataFrame:
        """The clause table (:func:`analysis.structure.clause_table`), made once per build."""
        from analysis.structure import clause_table

        return self.memo("clauses", lambda: clause_table(self.corpus))

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """Compute ``factory()`` once per build and share it between stages."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]

    def __repr__(self) -> str:
        return (f"<BuildContext {len(self.corpus.documents)} documents, "
                f"{len(self._tokens)} tokens>")


class _TokenParts:
    """The token table as the workers sent it (:func:`analysis.text.tokenize.token_arrays`
    batches): its size and columns without building it, the DataFrame on first use, or an
    Arrow table for writing."""

    def __init__(self, parts: list[dict[str, Any]]) -> None:
        from analysis.text.tokenize import TOKEN_COLUMNS

        self.parts = parts
        self.columns = list(TOKEN_COLUMNS)
        self._n = sum(len(p["start"]) for p in parts)
        self._frame: pd.DataFrame | None = None

    def __len__(self) -> int:
        return self._n

    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            from analysis.text.tokenize import frame_from_parts

            self._frame = frame_from_parts(self.parts)
        return self._frame

    def arrow(self) -> Any:
        from analysis.text.tokenize import arrow_from_parts

        return arrow_from_parts(self.parts)


class _Written:
    """What the build keeps of a table already written and let go: its size and columns
    (for ``build_info.json``)."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._n = len(df)
        self.columns = list(df.columns)

    def __len__(self) -> int:
        return self._n


class _Tables(Mapping):
    """The tables of a build: DataFrames, the token table made on first access."""

    def __init__(self, tables: dict[str, pd.DataFrame | _TokenParts]) -> None:
        self._tables = tables

    def __getitem__(self, name: str) -> pd.DataFrame:
        value = self._tables[name]
        return value.frame() if isinstance(value, _TokenParts) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


@dataclass
class BuildResult:
    """What :func:`build` did: the tables, where they went and how long each step took.

    ``stats`` counts documents, characters and tokens, how many documents were segmented
    (``segmented``) or read from the token cache (``cached``), the worker processes used,
    and the CPU seconds the workers spent reading + normalising and segmenting.
    ``up_to_date`` is True when nothing had changed and nothing was rebuilt; ``tables`` then
    reads each table from its Parquet file on first access, as it does after a build with
    ``keep_tables=False``.
    """

    tables: Mapping[str, pd.DataFrame]
    out_dir: Path
    paths: list[Path]
    timings: dict[str, float]
    stats: dict[str, Any] = field(default_factory=dict)
    up_to_date: bool = False

    def __repr__(self) -> str:
        t = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        state = "up to date, " if self.up_to_date else ""
        return f"<BuildResult {len(self.tables)} tables in {self.out_dir} ({state}{t})>"


class SavedTables(Mapping):
    """The tables of a finished build, read from their Parquet files when first used."""

    def __init__(self, out_dir: Path, names: list[str]) -> None:
        self.out_dir = out_dir
        self._names = sorted(names)
        self._loaded: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._loaded:
            import pandas as pd

            self._loaded[name] = pd.read_parquet(self.out_dir / f"{name}.parquet")
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def core_tables(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """The foundation tables: ``documents``, ``tokens``, ``terms`` and ``keywords``."""
    import numpy as np
    import pandas as pd

    from analysis.stats.matrices import (
        doc_codes,
        sparse_counts,
        term_table_from_counts,
        top_terms,
        word_totals,
    )

    docs = ctx.corpus.documents.copy()

    def codes() -> tuple[np.ndarray, list[str]]:
        return ctx.memo("token_doc_codes", lambda: doc_codes(ctx.tokens))

    def sizes() -> pd.DataFrame:
        doc, ids = codes()
        keep = ctx.tokens["keep"].to_numpy(dtype=bool)
        return pd.DataFrame({"n_tokens": np.bincount(doc, minlength=len(ids)),
                             "n_kept": np.bincount(doc[keep], minlength=len(ids))},
                            index=pd.Index(ids, dtype="str"))

    # each precomputed by the streaming build, else from the token table
    counts = ctx.memo("term_counts", lambda: (sparse_counts(ctx.tokens, codes=codes()),
                                              word_totals(ctx.tokens, codes=codes())))
    per_doc = ctx.memo("token_doc_sizes", sizes).copy()
    per_doc.insert(1, "n_words", counts[1].reindex(per_doc.index).to_numpy())
    per_doc = per_doc.astype("int64").reindex(docs["doc_id"], fill_value=0)
    for col in per_doc.columns:
        docs[col] = per_doc[col].to_numpy()
    terms = term_table_from_counts(*counts)
    return {
        "documents": docs,
        # the build's own token arrays stay unconverted until something needs a DataFrame
        "tokens": ctx._tokens if isinstance(ctx._tokens, _TokenParts) else ctx.tokens,
        "terms": terms,
        "keywords": top_terms(terms, n=ctx.options.top_n),
    }


def select_stages(names: str | Sequence[str]) -> list[tuple[str, str]]:
    """The :data:`STAGES` entries named in ``names`` (in build order, ``core`` always first).

    Parameters
    ----------
    names : str or sequence of str
        Stage names, or one comma-separated string (``"core,themes"``); ``"all"`` is every
        stage.

    Returns
    -------
    list of (name, "module:function")
        For ``build(stages=...)``.

    Examples
    --------
    >>> [name for name, _ in select_stages("themes")]
    ['core', 'themes']
    """
    wanted = [n.strip() for n in (names.split(",") if isinstance(names, str) else names)]
    wanted = [n for n in wanted if n]
    known = [name for name, _ in STAGES]
    if "all" in wanted:
        return list(STAGES)
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise ValueError(f"unknown build stage(s) {', '.join(map(repr, unknown))}; the stages "
                         f"are {', '.join(known)} (or all).")
    return [s for s in STAGES if s[0] == "core" or s[0] in wanted]


def _resolve(spec: str) -> Callable[[BuildContext], dict[str, pd.DataFrame]]:
    module, func = spec.split(":")
    return getattr(import_module(module), func)


def _build_info(corpus: Corpus, opts: BuildOptions, tables: Mapping[str, Any],
                fingerprint: str, hashes: dict[str, str]) -> dict[str, Any]:
    from importlib.metadata import version

    files = {}
    for name in corpus.documents["file"]:
        path = Path(corpus.raw_dir or ".") / name
        files[name] = hashes.get(name) or (_sha256_file(path) if path.is_file() else "")
    options = asdict(opts)
    return {
        "options": options,
        "tokenizer_fingerprint": fingerprint,
        "inputs": dict(sorted(files.items())),
        "tables": {k: {"rows": len(v), "columns": list(map(str, v.columns)),
                       "csv": len(v) <= CSV_MAX_ROWS}
                   for k, v in sorted(tables.items())},
        "versions": {p: version(p) for p in _PACKAGES},
        "python": platform.python_version(),
    }


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------
# Loading and segmenting documents, in worker processes for large corpora

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
    token_filter: TokenFilter
    preload: bool = False


def _init_worker(job: _LoadJob) -> None:
    """Pool initializer: one tokenizer per process. It comes from this process's
    ``get_tokenizer`` cache (inherited, dictionary already loaded, under ``fork``) or is
    made here; its dictionary is loaded now if ``job.preload`` (a first build with these
    settings), else on the first document not in the token cache."""
    from analysis.text.tokenize import get_tokenizer

    tok = get_tokenizer(backend=job.backend, user_dicts=job.user_dicts, hmm=job.hmm,
                        cache_dir=job.tok_cache_dir)
    if job.preload:
        tok.cut("预热")
    _WORKER["tok"] = tok


def _load_chunk(job: _LoadJob, files: list[tuple[str, str | None]]) -> dict[str, Any]:
    """Read, normalise and segment some documents and turn them into compact columns:
    their ``documents`` rows (texts as Arrow arrays), token-table arrays
    (:func:`analysis.text.tokenize.token_arrays`), input file hashes and CPU seconds per step."""
    import pyarrow as pa

    from analysis.text.corpus import load_document
    from analysis.text.normalize import load_boilerplate
    from analysis.text.tokenize import segment_cached, token_arrays

    tok = _WORKER["tok"]
    cache = Path(job.token_cache) if job.token_cache else None
    # loaded once per chunk, not per document (each load reads the file for its digest)
    patterns = load_boilerplate(job.boilerplate) if job.boilerplate is not None else None
    rows, bounds, hashes = [], [], []
    segmented = 0
    t_load = t_seg = 0.0
    for name, enc in files:
        t0 = time.process_time()
        path = job.raw_dir / name
        hashes.append(_sha256_file(path) if path.is_file() else "")
        row = load_document(job.raw_dir, name, enc, boilerplate=patterns,
                             opencc_config=job.opencc_config)
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
    return {"rows": rows, "texts": columns, "tokens": parts, "hashes": hashes,
            "segmented": segmented, "t_load": t_load, "t_segment": t_seg,
            "t_arrays": time.process_time() - t0}


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


def _pool_context():
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def load_and_tokenize(
    raw_dir: str | os.PathLike[str] | None,
    opts: BuildOptions,
    *,
    tokenizer: Tokenizer,
    cache_dir: str | os.PathLike[str] | bool | None = True,
    workers: int | None = None,
    progress: bool | None = None,
    lazy: bool = False,
) -> tuple[Corpus, pd.DataFrame, dict[str, Any]]:
    """Load a corpus folder and make its token table in one streaming pass.

    The same result as ``load_corpus`` followed by ``token_table``: documents are read,
    normalised and segmented in ``workers`` processes (all cores by default; one process
    for corpora under :data:`PARALLEL_MIN_CHARS` characters), which send back finished
    token-table columns chunk by chunk. Returns ``(corpus, tokens, stats)``; ``stats`` is
    described in :class:`BuildResult` (its ``_memo`` entry carries results for
    :meth:`BuildContext.memo`). ``lazy=True`` (the build's choice) returns the token table
    as the workers' arrays, made into a DataFrame only when first needed.
    """
    from analysis.text.corpus import default_raw_dir
    from analysis.text.tokenize import token_cache_dir

    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    cache = token_cache_dir(tokenizer, cache_dir)
    n_workers = max(1, workers if workers is not None else _default_workers())
    # UTF-8 Chinese text is ~3 bytes a character; the folder's size decides before the
    # metadata is read, so the workers start (and load the dictionary) meanwhile
    parallel = n_workers > 1 and _folder_bytes(raw) >= 3 * PARALLEL_MIN_CHARS
    # the same arguments as the build's get_tokenizer call, so that forked workers find the
    # tokenizer in their inherited get_tokenizer cache
    job = _LoadJob(raw, opts.boilerplate, opts.opencc_config, tokenizer.backend,
                   tokenizer.user_dicts, tokenizer.hmm,
                   str(cache_dir) if isinstance(cache_dir, (str, os.PathLike)) else None,
                   str(cache) if cache is not None else None, opts.token_filter,
                   preload=parallel and (cache is None or not cache.is_dir()))
    pool = None
    if parallel:
        from concurrent.futures import ProcessPoolExecutor

        # imported once here and inherited by the workers (pyarrow imports pandas on its
        # first array from NumPy: 0.3 s in each worker otherwise)
        import numpy  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow.compute  # noqa: F401

        pool = ProcessPoolExecutor(n_workers, mp_context=_pool_context(),
                                   initializer=_init_worker, initargs=(job,))
        for _ in range(n_workers):
            pool.submit(_started)
        # this process mostly waits for the workers: import what comes later meanwhile
        import threading

        threading.Thread(target=_import_later_modules, daemon=True).start()
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
    return corpus, (tokens if lazy else tokens.frame()), stats


def _started() -> None:
    """A first task that makes the pool start its processes."""


def _import_later_modules() -> None:
    import contextlib

    with contextlib.suppress(ImportError):
        import pyarrow.parquet  # noqa: F401
        import scipy.sparse  # noqa: F401

        import analysis.stats.matrices  # noqa: F401


def _folder_bytes(raw: Path) -> int:
    try:
        return sum(e.stat().st_size for e in os.scandir(raw)
                   if e.is_file() and e.name != "metadata.csv")
    except OSError:
        return 0


def _load_with(pool: Any, job: _LoadJob, raw: Path, opts: BuildOptions, n_workers: int,
               progress: bool | None) -> tuple[Corpus, _TokenParts, dict[str, Any]]:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from analysis.text.corpus import assemble_corpus, document_files, read_metadata, warn_unlisted

    meta = read_metadata(raw)
    warn_unlisted(raw, meta)
    files = document_files(raw, meta)
    sizes = [(raw / name).stat().st_size if (raw / name).is_file() else 0
             for name, _ in files]
    chunks = _chunks(files, sizes, n_workers)
    doc_ids = meta["doc_id"].tolist()
    parts: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    texts: dict[str, list[Any]] = {col: [] for col in TEXT_COLUMNS}
    hashes: dict[str, str] = {}
    stats = {"documents": len(files), "segmented": 0, "cached": 0, "workers": n_workers,
             "cpu_load": 0.0, "cpu_segment": 0.0, "cpu_arrays": 0.0}

    from tqdm import tqdm  # plain text bar: tqdm.auto would want ipywidgets in notebooks

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
        stats["segmented"] += res["segmented"]
        stats["cached"] += len(chunk) - res["segmented"]
        stats["cpu_load"] += res["t_load"]
        stats["cpu_segment"] += res["t_segment"]
        stats["cpu_arrays"] += res["t_arrays"]
        bar.update(len(chunk))

    try:
        if pool is None:
            _init_worker(job)
            for chunk in chunks:
                consume(chunk, _load_chunk(job, chunk))
        else:
            results = pool.map(_load_chunk, [job] * len(chunks), chunks)
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
    tokens = _TokenParts(parts)
    # tokens and kept tokens per document (the documents that have tokens, in order)
    counts = np.concatenate([p["n_tokens"] for p in parts]) if parts else np.zeros(0, np.int64)
    kept = np.concatenate([p["n_kept"] for p in parts]) if parts else np.zeros(0, np.int64)
    present = counts > 0  # as matrices._doc_codes: documents that have tokens
    present_ids = [d for d, n in zip(doc_ids, present.tolist(), strict=True) if n]
    from analysis.stats.matrices import counts_from_parts

    # for BuildContext.memo: the core stage would otherwise recompute these from the table
    stats["_memo"] = {
        "token_doc_sizes": pd.DataFrame({"n_tokens": counts[present], "n_kept": kept[present]},
                                        index=pd.Index(present_ids, dtype="str")),
        "term_counts": counts_from_parts(parts),
    }
    stats["characters"] = int(np.sum(corpus.documents["n_chars"]))
    stats["tokens"] = len(tokens)
    stats["input_hashes"] = hashes
    return corpus, tokens, stats


# ---------------------------------------------------------------------------------------
# Up-to-date check: a build whose inputs, options and code have not changed does nothing


def _code_digest() -> str:
    """A hash of the installed ``analysis`` package: code and packaged resources."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _user_files(value: Any) -> list[str]:
    """Every string in the options that names an existing file (user dictionaries ...)."""
    if isinstance(value, dict):
        return [f for v in value.values() for f in _user_files(v)]
    if isinstance(value, (list, tuple)):
        return [f for v in value for f in _user_files(v)]
    if isinstance(value, str) and value and Path(value).is_file():
        return [str(Path(value).resolve())]
    return []


def _static_key(opts: BuildOptions, stages: list[tuple[str, str]], fingerprint: str,
                raw: Path) -> str:
    from importlib.metadata import PackageNotFoundError, version

    def _v(p: str) -> str:
        try:
            return version(p)
        except PackageNotFoundError:
            return ""

    options = asdict(opts)
    parts = {
        "state": _STATE_VERSION,
        "options": options,
        "user_files": {f: _sha256_file(Path(f)) for f in sorted(set(_user_files(options)))},
        "stages": [list(s) for s in stages],
        "tokenizer": fingerprint,
        "code": _code_digest(),
        "versions": {p: _v(p) for p in _PACKAGES},
        "python": sys.version,
        "raw_dir": str(raw.resolve()),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _state_path(cache_dir: str | os.PathLike[str] | bool | None, out: Path) -> Path | None:
    from analysis.text.tokenize import default_cache_dir

    if cache_dir in (False, None):
        return None
    root = default_cache_dir() if cache_dir is True else Path(cache_dir)
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:24]
    return root / "builds" / f"{name}.json"


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _is_up_to_date(state_file: Path, key: str, raw: Path) -> dict[str, Any] | None:
    """The saved state if the last build into this folder had the same key, the same input
    files (same content; the size and time stamp decide unless they changed) and its
    outputs are untouched; else None."""
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("key") != key:
        return None
    for name, (size, mtime, digest) in state["inputs"].items():
        st = _stat(raw / name)
        if st is None:
            return None
        if st != [size, mtime] and _sha256_file(raw / name) != digest:
            return None
    for path, st in state["outputs"].items():
        if _stat(Path(path)) != st:
            return None
    return state


def _save_state(state_file: Path, key: str, raw: Path, hashes: dict[str, str],
                paths: list[Path], tables: Mapping[str, Any],
                stats: dict[str, Any]) -> None:
    from analysis.io import write_text

    inputs = {}
    for name, digest in {"metadata.csv": _sha256_file(raw / "metadata.csv"), **hashes}.items():
        st = _stat(raw / name)
        if st is not None:
            inputs[name] = [*st, digest]
    state = {
        "key": key,
        "inputs": inputs,
        "outputs": {str(p.resolve()): _stat(p) for p in paths},
        "tables": sorted(tables),
        "stats": {k: v for k, v in stats.items() if k != "input_hashes"},
    }
    # a read-only cache only costs the next build its shortcut
    with contextlib.suppress(OSError):
        write_text(state_file, json.dumps(state, ensure_ascii=False, sort_keys=True))


def build(
    raw_dir: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    tokenizer: str = "jieba",
    options: BuildOptions | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = True,
    stages: str | list[tuple[str, str]] | None = None,
    write: bool = True,
    workers: int | None = None,
    progress: bool | None = None,
    force: bool = False,
    keep_tables: bool = True,
) -> BuildResult:
    """Build every table from a corpus folder and write them to ``out_dir``.

    Parameters
    ----------
    raw_dir : path, optional
        Corpus folder (text files + ``metadata.csv``); the project's ``data/raw`` by default.
    out_dir : path, optional
        Output folder; ``data/processed`` by default.
    tokenizer : {"jieba", "rjieba"}, keyword-only
        Segmentation backend (ignored when ``options`` is given). ``rjieba`` (Rust) is about
        15x faster and gives the same tokens on the default corpus; see the README.
    options : BuildOptions, keyword-only
        All options; defaults are the documented ones.
    cache_dir : path or bool, keyword-only
        Token cache location; ``True`` = the user cache folder, ``False`` = no cache (and
        no up-to-date shortcut).
    stages : str or list, keyword-only
        Stage names (``"core,themes"``, as :func:`select_stages` reads them), or a list of
        :data:`STAGES` entries to restrict or extend the build.
    write : bool, keyword-only
        ``False`` computes the tables without writing anything.
    workers : int, keyword-only
        Processes for reading and segmenting; all cores by default. Corpora under
        :data:`PARALLEL_MIN_CHARS` characters always run in this process.
    progress : bool, keyword-only
        Show a progress bar; by default only on a terminal and only for builds that take
        more than a second.
    force : bool, keyword-only
        Rebuild even if nothing changed since the last build into ``out_dir``.
    keep_tables : bool, keyword-only
        ``False`` writes each stage's tables as soon as the stage ends and lets them go, so
        they are not all held in memory at once (what ``policy-lens build`` does: on large
        corpora the peak memory drops by the size of the tables); ``result.tables`` then
        reads them from their Parquet files when asked, as after an up-to-date build.
        Needs ``write=True``.

    Returns
    -------
    BuildResult

    Examples
    --------
    >>> import tempfile
    >>> result = build(out_dir=tempfile.mkdtemp(), stages=select_stages("core"))
    >>> sorted(result.tables)
    ['documents', 'keywords', 'terms', 'tokens']
    """
    from analysis.text.corpus import default_raw_dir
    from analysis.text.tokenize import get_tokenizer

    if not keep_tables and not write:
        raise ValueError("build(keep_tables=False) writes each stage's tables and reads "
                         "them back when asked: it needs write=True.")
    opts = options or BuildOptions(tokenizer=tokenizer)
    stage_list = (select_stages(stages) if isinstance(stages, str)
                  else list(stages if stages is not None else STAGES))
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    tok = get_tokenizer(backend=opts.tokenizer, user_dicts=opts.user_dicts, hmm=opts.hmm,
                        cache_dir=cache_dir if isinstance(cache_dir, (str, os.PathLike)) else None)
    state_file = _state_path(cache_dir, out) if write else None
    key = _static_key(opts, stage_list, tok.fingerprint, raw) if state_file else ""
    if state_file is not None and not force:
        state = _is_up_to_date(state_file, key, raw)
        if state is not None:
            timings["check"] = time.perf_counter() - t0
            return BuildResult(SavedTables(out, state["tables"]), out,
                               [Path(p) for p in state["outputs"]], timings,
                               dict(state["stats"]), up_to_date=True)
    timings["check"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    corpus, tokens, stats = load_and_tokenize(raw, opts, tokenizer=tok, cache_dir=cache_dir,
                                              workers=workers, progress=progress, lazy=True)
    hashes = stats.pop("input_hashes")
    timings["load_tokenize"] = time.perf_counter() - t0

    ctx = BuildContext(corpus, tokens, opts, stats.pop("_memo"))  # with the streaming
    # pass's results for the memo
    writer = _Writer(out) if write else None
    try:
        if writer is not None:
            writer.submit("tokens", tokens)  # the biggest table: written while stages run
        tables: dict[str, pd.DataFrame | _TokenParts] = {}
        for name, spec in stage_list:
            t0 = time.perf_counter()
            produced = _resolve(spec)(ctx)
            for tname, df in produced.items():
                if "doc_id" not in df.columns:
                    raise RuntimeError(
                        f"stage {name!r} made table {tname!r} without a doc_id column")
                if tname in tables:
                    raise RuntimeError(f"stage {name!r} made table {tname!r} a second time")
                tables[tname] = df
            if writer is not None and not keep_tables:
                for tname in produced:
                    if not isinstance(tables[tname], _TokenParts):
                        writer.submit(tname, tables[tname])
                        tables[tname] = _Written(tables[tname])
                produced = df = None  # (the last table would outlive the next stage)
                writer.settle()  # written, and no longer held by the writer either
            timings[name] = time.perf_counter() - t0

        paths: list[Path] = []
        if writer is not None:
            t0 = time.perf_counter()
            for tname, df in sorted(tables.items()):
                if not isinstance(df, _Written):
                    writer.submit(tname, df)
            paths = writer.commit(sorted(tables))
            info = _build_info(corpus, opts, tables, tok.fingerprint, hashes)
            paths.append(_write_json(out / "build_info.json", info))
            timings["write"] = time.perf_counter() - t0
            if state_file is not None:
                _save_state(state_file, key, raw, hashes, paths, tables, stats)
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    if not keep_tables:
        return BuildResult(SavedTables(out, list(tables)), out, paths, timings, stats)
    return BuildResult(_Tables(tables), out, paths, timings, stats)


def _write_json(path: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as sorted, indented UTF-8 JSON, atomically."""
    from analysis.io import write_text

    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
                      + "\n")


class _Writer:
    """Writes tables into a staging folder inside ``out`` (in background threads, so the
    big token table is written while the stages compute) and moves them into place only
    when the whole build has succeeded; a failed build leaves the previous outputs.

    Every table gets Parquet; a CSV copy only when Excel can open it (:data:`CSV_MAX_ROWS`),
    and a stale CSV of a table now too long for one is removed on commit.
    """

    def __init__(self, out: Path) -> None:
        import tempfile
        from concurrent.futures import ThreadPoolExecutor

        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
        self._pool = ThreadPoolExecutor(max_workers=3)
        self._jobs: dict[str, tuple[pd.DataFrame | _TokenParts | None, tuple[str, ...], Any]] = {}

    def submit(self, name: str, df: pd.DataFrame | _TokenParts) -> None:
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
            if df is not None and not isinstance(df, _TokenParts):
                fut.result()
                self._jobs[name] = (None, sig, fut)

    def _write(self, name: str, df: pd.DataFrame | _TokenParts) -> list[Path]:
        from analysis.io import write_parquet, write_table

        if isinstance(df, _TokenParts):
            if len(df) > CSV_MAX_ROWS:  # Parquet only: straight from the workers' arrays
                return [write_parquet(df.arrow(), self.staging / f"{name}.parquet")]
            df = df.frame()
        exclude = TEXT_COLUMNS if name == "documents" else ()
        return write_table(df, self.staging, name, csv=len(df) <= CSV_MAX_ROWS,
                           csv_exclude=exclude)

    def commit(self, names: list[str]) -> list[Path]:
        """Wait for the tables ``names`` and move them into ``out``; drop any other."""
        import shutil

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
        import shutil

        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.staging, ignore_errors=True)
