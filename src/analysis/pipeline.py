"""The build: raw corpus folder → tidy tables in ``data/processed/``.

Every analysis module contributes tables through a *stage*, a function that takes the
:class:`BuildContext` and returns ``{table_name: DataFrame}``; stages are listed by import
path in :data:`STAGES` so that importing this module stays cheap. All tables are computed
before anything is written, every write is atomic, and the outputs are byte-identical when
the inputs and options are unchanged.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.tokenize import DEFAULT_USER_DICT, TokenFilter

if TYPE_CHECKING:
    import pandas as pd

    from analysis.corpus import Corpus

__all__ = ["STAGES", "BuildContext", "BuildOptions", "BuildResult", "build", "default_out_dir"]

#: ``(stage name, "module:function")``; each function maps a BuildContext to tables.
STAGES: list[tuple[str, str]] = [
    ("core", "analysis.pipeline:core_tables"),
    ("structure", "analysis.structure:structure_tables"),
    ("targets", "analysis.targets:target_tables"),
    ("compare", "analysis.compare:compare_tables"),
    ("reuse", "analysis.textreuse:reuse_tables"),
    ("network", "analysis.network:network_tables"),
    ("themes", "analysis.themes:theme_tables"),
    ("instruments", "analysis.instruments:instrument_tables"),
]

#: Columns of the ``documents`` table left out of its CSV copy (too long for Excel cells).
TEXT_COLUMNS = ("text_raw", "text_orig", "text")


def default_out_dir() -> Path:
    """``$POLICY_LENS_PROCESSED``, else ``data/processed`` beside the default ``data/raw``."""
    env = os.environ.get("POLICY_LENS_PROCESSED")
    if env:
        return Path(env)
    from analysis.corpus import default_raw_dir

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


@dataclass
class BuildContext:
    """What stages receive: the corpus, its tokens, the options and a memo for sharing
    intermediate results between stages (``ctx.memo("clauses", make_clauses)``)."""

    corpus: Corpus
    tokens: pd.DataFrame
    options: BuildOptions
    _memo: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, factory: Callable[[], Any]) -> Any:
        """Compute ``factory()`` once per build and share it between stages."""
        if key not in self._memo:
            self._memo[key] = factory()
        return self._memo[key]


@dataclass
class BuildResult:
    """What :func:`build` did: the tables, where they went and how long each step took."""

    tables: dict[str, pd.DataFrame]
    out_dir: Path
    paths: list[Path]
    timings: dict[str, float]

    def __repr__(self) -> str:
        t = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        return f"<BuildResult {len(self.tables)} tables in {self.out_dir} ({t})>"


def core_tables(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """The foundation tables: ``documents``, ``tokens``, ``terms`` and ``keywords``."""
    from analysis.matrices import term_table, top_terms, word_totals

    docs = ctx.corpus.documents.copy()
    tokens = ctx.tokens
    docs["n_tokens"] = (
        tokens.groupby("doc_id").size().reindex(docs["doc_id"], fill_value=0).to_numpy()
    )
    docs["n_words"] = word_totals(tokens).reindex(docs["doc_id"], fill_value=0).to_numpy()
    docs["n_kept"] = (
        tokens.groupby("doc_id")["keep"].sum().reindex(docs["doc_id"], fill_value=0).to_numpy()
    )
    terms = term_table(tokens)
    return {
        "documents": docs,
        "tokens": tokens,
        "terms": terms,
        "keywords": top_terms(terms, n=ctx.options.top_n),
    }


def _resolve(spec: str) -> Callable[[BuildContext], dict[str, pd.DataFrame]]:
    module, func = spec.split(":")
    return getattr(import_module(module), func)


def _build_info(corpus: Corpus, opts: BuildOptions, tables: dict[str, pd.DataFrame],
                fingerprint: str) -> dict[str, Any]:
    import hashlib
    from importlib.metadata import version

    files = {}
    for name in corpus.documents["file"]:
        path = Path(corpus.raw_dir or ".") / name
        files[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    pkgs = ["policy-lens", "jieba", "rjieba", "opencc", "pandas", "scikit-learn", "pyarrow"]
    options = asdict(opts)
    return {
        "options": options,
        "tokenizer_fingerprint": fingerprint,
        "inputs": dict(sorted(files.items())),
        "tables": {k: {"rows": len(v), "columns": list(map(str, v.columns))}
                   for k, v in sorted(tables.items())},
        "versions": {p: version(p) for p in pkgs},
        "python": platform.python_version(),
    }


def build(
    raw_dir: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    tokenizer: str = "jieba",
    options: BuildOptions | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = True,
    stages: list[tuple[str, str]] | None = None,
    write: bool = True,
) -> BuildResult:
    """Build every table from a corpus folder and write them to ``out_dir``.

    Parameters
    ----------
    raw_dir : path, optional
        Corpus folder (text files + ``metadata.csv``); the project's ``data/raw`` by default.
    out_dir : path, optional
        Output folder; ``data/processed`` by default.
    tokenizer : {"jieba", "rjieba"}, keyword-only
        Segmentation backend (ignored when ``options`` is given).
    options : BuildOptions, keyword-only
        All options; defaults are the documented ones.
    cache_dir : path or bool, keyword-only
        Token cache location; ``True`` = the user cache folder, ``False`` = no cache.
    stages : list, keyword-only
        Restrict or extend :data:`STAGES`.
    write : bool, keyword-only
        ``False`` computes the tables without writing anything.

    Returns
    -------
    BuildResult

    Examples
    --------
    >>> import tempfile
    >>> result = build(out_dir=tempfile.mkdtemp())
    >>> sorted(result.tables)[:4]
    ['documents', 'keywords', 'terms', 'tokens']
    """
    from analysis.corpus import load_corpus
    from analysis.io import write_table, write_text
    from analysis.tokenize import get_tokenizer, token_table

    opts = options or BuildOptions(tokenizer=tokenizer)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    corpus = load_corpus(raw_dir, boilerplate=opts.boilerplate, opencc_config=opts.opencc_config)
    timings["load"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    tok = get_tokenizer(backend=opts.tokenizer, user_dicts=opts.user_dicts, hmm=opts.hmm,
                        cache_dir=cache_dir if isinstance(cache_dir, (str, os.PathLike)) else None)
    tokens = token_table(corpus, tokenizer=tok, token_filter=opts.token_filter,
                         cache_dir=cache_dir)
    timings["tokenize"] = time.perf_counter() - t0

    ctx = BuildContext(corpus, tokens, opts)
    tables: dict[str, pd.DataFrame] = {}
    for name, spec in stages if stages is not None else STAGES:
        t0 = time.perf_counter()
        produced = _resolve(spec)(ctx)
        for tname, df in produced.items():
            if "doc_id" not in df.columns:
                raise RuntimeError(f"stage {name!r} made table {tname!r} without a doc_id column")
            if tname in tables:
                raise RuntimeError(f"stage {name!r} made table {tname!r} a second time")
            tables[tname] = df
        timings[name] = time.perf_counter() - t0

    out = Path(out_dir) if out_dir is not None else default_out_dir()
    paths: list[Path] = []
    if write:
        t0 = time.perf_counter()
        for tname, df in sorted(tables.items()):
            exclude = TEXT_COLUMNS if tname == "documents" else ()
            paths += write_table(df, out, tname, csv_exclude=exclude)
        info = _build_info(corpus, opts, tables, tok.fingerprint)
        paths.append(write_text(out / "build_info.json",
                                json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True)
                                + "\n"))
        timings["write"] = time.perf_counter() - t0
    return BuildResult(tables, out, paths, timings)
