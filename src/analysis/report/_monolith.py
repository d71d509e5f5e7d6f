"""The front door: the figure catalog, figure and table exports, and the notebook runner.

- :data:`FIGURES` lists every figure of the project: its file name, the notebook that shows
  it, the library function that draws it and the tables it is drawn from. Add a figure
  with one :class:`FigureSpec` line. :func:`make_figures` (``policy-lens figures``) writes
  them all to ``reports/figures/`` with a ``MANIFEST.csv`` of checksums.
- :data:`VIEWS` are small derived tables (frequencies per era, keyword grids ...) computed
  on the fly from the build's tables, so figures never redo the analysis.
- :func:`load_tables` gives a notebook the build's tables for the default corpus or for a
  researcher's own folder (a parameter change); :func:`notebook_setup` makes figures show.
- :func:`export_tables` (``policy-lens export``) writes the tables as CSV for Excel and one
  XLSX workbook; :func:`run_notebooks` (``policy-lens notebooks``) executes the notebook
  suite into ``reports/notebooks/`` as ``.ipynb`` and HTML.

Everything written is atomic and deterministic: a rerun gives byte-identical files.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import os
import re
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "EXCEL_MAX_CELL_CHARS",
    "EXCEL_MAX_ROWS",
    "FIGURES",
    "README_FIGURES",
    "VIEWS",
    "FigureSpec",
    "MissingTableError",
    "NotebookError",
    "NotebookRun",
    "Tables",
    "View",
    "catalog_table",
    "default_reports_dir",
    "draw_figure",
    "export_tables",
    "load_tables",
    "make_figures",
    "notebook_setup",
    "project_root",
    "run_notebooks",
    "table_or_note",
]

PathLike = str | os.PathLike[str]

#: Excel's sheet limits: rows per sheet (the header takes one) and characters per cell.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL_CHARS = 32_767
#: Tables left out of ``policy-lens export`` unless asked for (``--include-tokens``): one
#: row per word, millions of rows for a large corpus, and already in data/processed/*.csv.
EXPORT_SKIP = ("tokens",)
WORKBOOK = "policy_lens_tables.xlsx"


# --------------------------------------------------------------------------- catalog


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the catalog.

    Parameters
    ----------
    name : str
        File stem in ``reports/figures/``. With ``each``, a template whose ``{value}`` is
        replaced by each value (``"wordcloud_{value}"``).
    notebook : str
        Stem of the notebook that shows it (``"01_word_frequencies"``).
    function : str
        ``"module:function"`` drawing it: called as ``function(*tables, english=...,
        **params)`` and returning a :class:`matplotlib.figure.Figure`.
    tables : tuple of str
        Inputs, in the function's positional order: tables of ``data/processed`` (by file
        stem) or :data:`VIEWS`.
    params : dict
        Keyword options for the function.
    each : str, optional
        A column of the first input: one figure per value, drawn from that value's rows.
    """

    name: str
    notebook: str
    function: str
    tables: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    each: str | None = None


@dataclass(frozen=True)
class View:
    """A derived table: ``function(*tables, **params)`` over build tables (or other views)."""

    function: str
    tables: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)


_F = "analysis.stats.frequency:"
_PC = "analysis.plots.corpus:"
_PF = "analysis.plots.frequency:"

#: Derived tables, computed on demand from the build's tables (``tables["corpus_terms"]``).
VIEWS: dict[str, View] = {
    # analysis.frequency (issue 8)
    "corpus_terms": View(_F + "corpus_terms", ("terms", "documents")),
    "terms_by_era": View(_F + "group_terms", ("terms", "documents"), {"by": "era"}),
    "terms_by_city": View(_F + "group_terms", ("terms", "documents"), {"by": "city"}),
    "keywords_by_document": View(_F + "keyword_table", ("terms", "documents"), {"by": "doc_id"}),
    "keywords_by_era": View(_F + "keyword_table", ("terms", "documents"), {"by": "era"}),
    "distinctive_terms": View(_F + "distinctive_terms", ("terms",), {"n": 10}),
    "tfidf_profile": View(_F + "tfidf_profile", ("terms",), {"n": 5}),
    "token_composition": View(_F + "token_composition", ("tokens",)),
    # analysis.themes (notebook 03): the top terms of the headline themes, per document
    "theme_terms_headline": View("analysis.themes:theme_term_table",
                                 ("theme_terms", "theme_counts"), {"n": 8}),
    # notebooks 07-09 (similarity/reuse, networks, clauses and evidence)
    "dispersion": View("analysis.lexicon:dispersion_table", ("documents", "clauses")),
    "copy_ratio_summary": View("analysis.textreuse:copy_ratio_summary", ("copy_ratio",)),
}

_NB0, _NB1, _NB2 = "00_corpus_overview", "01_word_frequencies", "02_tfidf_distinctive_terms"
_NB3, _NB4 = "03_themes", "04_2012_vs_2020s"
_NB5, _NB6 = "05_instruments", "06_targets"
_NB7, _NB8, _NB9 = "07_similarity_reuse", "08_networks", "09_clauses_and_evidence"
_PT, _P6 = "analysis.plots.themes:", "analysis.plots.targets:"
_PCP, _PST = "analysis.plots.compare:", "analysis.plots.structure:"

#: Every figure of the project, in notebook order. Add yours with one line.
FIGURES: list[FigureSpec] = [
    # 00 corpus overview (analysis.plots.corpus)
    FigureSpec("corpus_documents", _NB0, _PC + "plot_document_timeline", ("documents",)),
    FigureSpec("corpus_lengths", _NB0, _PC + "plot_document_lengths", ("documents",)),
    FigureSpec("corpus_token_composition", _NB0, _PC + "plot_token_composition",
               ("token_composition", "documents")),
    # 01 word frequencies (analysis.plots.frequency)
    FigureSpec("top_words", _NB1, _PF + "plot_top_words", ("corpus_terms",), {"n": 25}),
    FigureSpec("top_words_by_document", _NB1, _PF + "plot_top_words_by_group",
               ("terms", "documents"), {"by": "doc_id", "n": 12}),
    FigureSpec("keyword_heatmap", _NB1, _PF + "plot_keyword_heatmap",
               ("keywords_by_document", "documents"), {"by": "doc_id"}),
    FigureSpec("keyword_heatmap_era", _NB1, _PF + "plot_keyword_heatmap",
               ("keywords_by_era", "documents"), {"by": "era"}),
    FigureSpec("wordclouds_documents", _NB1, _PF + "plot_wordclouds", ("terms", "documents"),
               {"by": "doc_id"}),
    FigureSpec("wordclouds_eras", _NB1, _PF + "plot_wordclouds", ("terms_by_era", "documents"),
               {"by": "era"}),
    FigureSpec("wordcloud_{value}", _NB1, _PF + "plot_wordclouds", ("terms", "documents"),
               {"by": "doc_id"}, each="doc_id"),
    FigureSpec("wordcloud_era_{value}", _NB1, _PF + "plot_wordclouds",
               ("terms_by_era", "documents"), {"by": "era"}, each="era"),
    # 02 TF-IDF distinctive terms (analysis.plots.frequency)
    FigureSpec("tfidf_top_terms", _NB2, _PF + "plot_tfidf_terms", ("keywords", "documents"),
               {"n": 10}),
    FigureSpec("tfidf_distinctive_terms", _NB2, _PF + "plot_distinctive_terms",
               ("distinctive_terms", "documents"), {"n": 10}),
    FigureSpec("tfidf_heatmap", _NB2, _PF + "plot_tfidf_heatmap", ("tfidf_profile", "documents")),
    # 03 themes and 04 2012 vs 2020s (analysis.plots.themes, analysis.plots.compare)
    FigureSpec("theme_heatmap", _NB3, _PT + "plot_theme_heatmap", ("theme_counts",),
               {"metric": "clause_share"}),
    FigureSpec("theme_heatmap_per10k", _NB3, _PT + "plot_theme_heatmap", ("theme_counts",),
               {"metric": "per_10k"}),
    FigureSpec("theme_headline", _NB3, _PT + "plot_theme_comparison", ("theme_counts",)),
    FigureSpec("theme_terms", _NB3, _PT + "plot_theme_terms", ("theme_terms_headline",)),
    FigureSpec("theme_chi2_residuals", _NB3, _PT + "plot_chi_square_residuals",
               ("theme_chi2", "documents")),
    FigureSpec("keyness_era", _NB4, _PCP + "plot_keyness", ("keyness_era", "documents"),
               {"target": "2020s", "n": 15}),
    FigureSpec("theme_shift_era", _NB4, _PT + "plot_era_difference", ("theme_era_diff",)),
    FigureSpec("tone_by_document", _NB4, _PT + "plot_tone", ("tone",)),
    # 05 policy instruments and tone (analysis.plots.themes)
    FigureSpec("instrument_heatmap", _NB5, _PT + "plot_instrument_heatmap",
               ("instrument_counts",), {"value": "clause_share"}),
    FigureSpec("instrument_heatmap_counts", _NB5, _PT + "plot_instrument_heatmap",
               ("instrument_counts",), {"value": "clauses"}),
    FigureSpec("instrument_heatmap_era", _NB5, _PT + "plot_instrument_heatmap",
               ("instrument_era",), {"by": "era"}),
    FigureSpec("instrument_types", _NB5, _PT + "plot_instrument_types", ("instrument_types",)),
    FigureSpec("instrument_types_era", _NB5, _PT + "plot_instrument_types",
               ("instrument_types_era",), {"by": "era"}),
    FigureSpec("instrument_tone", _NB5, _PT + "plot_tone", ("tone",)),
    # 06 quantitative targets (analysis.plots.targets)
    FigureSpec("targets_compared", _NB6, _P6 + "plot_target_comparison",
               ("target_comparison", "documents")),
    # 07 similarity and text reuse, 08 networks, 09 clauses and evidence
    # (analysis.plots.compare, analysis.plots.structure)
    FigureSpec("similarity_heatmap", _NB7, _PCP + "plot_similarity", ("similarity", "documents")),
    FigureSpec("similarity_jaccard", _NB7, _PCP + "plot_similarity", ("similarity", "documents"),
               {"measure": "jaccard"}),
    FigureSpec("clustering_dendrogram", _NB7, _PCP + "plot_dendrogram",
               ("clusters", "documents")),
    FigureSpec("document_map", _NB7, _PCP + "plot_document_map", ("doc_map", "documents")),
    FigureSpec("topic_terms", _NB7, _PCP + "plot_topics", ("topics",)),
    FigureSpec("topics_by_document", _NB7, _PCP + "plot_topic_shares", ("topics", "documents")),
    FigureSpec("reuse_matrix", _NB7, _PCP + "plot_reuse", ("reuse_pairs", "documents")),
    FigureSpec("copy_ratio", _NB7, _PCP + "plot_copy_ratio", ("copy_ratio", "documents")),
    FigureSpec("cooccurrence_network_{value}", _NB8, _PCP + "plot_network",
               ("cooccurrence", "network_nodes"), each="doc_id"),
    FigureSpec("agency_roles", _NB8, _PST + "plot_agency_roles", ("agencies", "documents")),
    FigureSpec("agency_network", _NB8, _PST + "plot_agency_network",
               ("agency_edges", "agencies", "documents")),
    FigureSpec("outline_levels", _NB9, _PST + "plot_outline", ("outline", "documents")),
    FigureSpec("dispersion", _NB9, _PST + "plot_dispersion", ("dispersion", "documents")),
]

#: The figures shown in README.md, committed as PNG in docs/img/ (``make readme-figures``).
README_FIGURES: tuple[str, ...] = (
    "corpus_lengths", "keyword_heatmap", "wordclouds_documents", "tfidf_distinctive_terms",
    "theme_heatmap", "theme_shift_era", "targets_compared",
)
README_DPI = 100


def _resolve(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"{spec!r}: cannot import this function ({exc}); the catalog entry "
                         "must name 'package.module:function'.") from exc


def project_root() -> Path:
    """The checkout holding this package (``pyproject.toml`` beside ``src/``), else the
    working directory."""
    here = Path(__file__).resolve().parents[3]
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


def _display_path(path: Path) -> str:
    """``path`` relative to the project when inside it (portable notebook outputs)."""
    try:
        return Path(path).resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def default_reports_dir() -> Path:
    """``$POLICY_LENS_REPORTS``, else ``reports/`` of the project checkout."""
    env = os.environ.get("POLICY_LENS_REPORTS")
    return Path(env) if env else project_root() / "reports"


def catalog_table(catalog: Sequence[FigureSpec] | None = None) -> pd.DataFrame:
    """The figure catalog as a table: ``figure, notebook, function, tables, params, each``.

    Examples
    --------
    >>> catalog_table().query("figure == 'top_words'")["notebook"].item()
    '01_word_frequencies'
    """
    import pandas as pd

    rows = [{"figure": s.name, "notebook": s.notebook, "function": s.function,
             "tables": ", ".join(s.tables),
             "params": ", ".join(f"{k}={v!r}" for k, v in s.params.items()),
             "each": s.each or ""} for s in (FIGURES if catalog is None else catalog)]
    return pd.DataFrame(rows, columns=["figure", "notebook", "function", "tables", "params",
                                       "each"])


# --------------------------------------------------------------------------- tables


class MissingTableError(KeyError):
    """A table asked for is neither in the build's folder nor a view."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Tables(Mapping[str, "pd.DataFrame"]):
    """The build's tables, read lazily from a folder (or held in memory), plus
    :data:`VIEWS` computed on first use.

    ``tables["terms"]`` reads ``terms.parquet`` once; ``tables["corpus_terms"]`` computes
    the view. Iterating gives the stored tables only. ``documents`` restricts every table
    (and so every view) to those ``doc_id`` values.

    Examples
    --------
    >>> import tempfile, analysis
    >>> out = tempfile.mkdtemp()
    >>> _ = analysis.build(out_dir=out, stages="core")
    >>> tables = Tables(out)
    >>> sorted(tables), len(tables["documents"])
    (['documents', 'keywords', 'terms', 'tokens'], 5)
    """

    def __init__(
        self,
        folder: PathLike | None = None,
        *,
        frames: Mapping[str, pd.DataFrame] | None = None,
        documents: Sequence[str] | None = None,
        views: Mapping[str, View] | None = None,
        source: str = "",
    ) -> None:
        self.folder = Path(folder) if folder is not None else None
        self._frames: dict[str, pd.DataFrame] = dict(frames or {})
        if self.folder is not None:
            if not self.folder.is_dir():
                raise FileNotFoundError(
                    f"{self.folder}: no such folder of tables; run `policy-lens build` "
                    "(make build) first, or give the folder the build wrote (--processed).")
            self._names = sorted(p.stem for p in self.folder.glob("*.parquet"))
            if not self._names:
                raise FileNotFoundError(
                    f"{self.folder}: holds no .parquet tables; run `policy-lens build` "
                    "(make build) first, or give the folder the build wrote (--processed).")
        else:
            self._names = sorted(self._frames)
        self.views = dict(VIEWS if views is None else views)
        self.source = source or (_display_path(self.folder) if self.folder else "memory")
        self.documents = list(documents) if documents is not None else None
        self._cache: dict[str, pd.DataFrame] = {}
        if self.documents is not None:
            known = list(self._load("documents")["doc_id"])
            unknown = [d for d in self.documents if d not in known]
            if unknown:
                raise ValueError(f"documents {unknown}: not in the corpus; choose from "
                                 f"{known}.")

    def _load(self, name: str) -> pd.DataFrame:
        if name in self._frames:
            return self._frames[name]
        import pandas as pd

        assert self.folder is not None
        df = pd.read_parquet(self.folder / f"{name}.parquet")
        self._frames[name] = df
        return df

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in self._cache:
            return self._cache[name]
        if name in self._names:
            df = self._load(name)
            if self.documents is not None and "doc_id" in df.columns:
                df = df.loc[df["doc_id"].isin(self.documents)].reset_index(drop=True)
        elif name in self.views:
            view = self.views[name]
            df = _resolve(view.function)(*(self[t] for t in view.tables), **view.params)
        else:
            where = f"in {self.folder}" if self.folder else "in this build"
            raise MissingTableError(
                f"table {name!r} is not {where} (tables: {', '.join(self._names)}; views: "
                f"{', '.join(sorted(self.views))}); rebuild with `policy-lens build` "
                "(make build) if the code now makes it.")
        self._cache[name] = df
        return df

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names or name in self.views

    def __repr__(self) -> str:
        docs = f", documents {self.documents}" if self.documents is not None else ""
        return f"<Tables from {self.source}: {', '.join(self._names)}{docs}>"


def _metadata_files(raw: Path) -> list[str] | None:
    meta = raw / "metadata.csv"
    if not meta.is_file():
        return None
    with open(meta, encoding="utf-8-sig", newline="") as fh:
        return sorted(row.get("file", "") for row in csv.DictReader(fh))


def _is_fresh(raw: Path, processed: Path) -> bool:
    """Whether ``processed`` was built from the current files of ``raw``."""
    info_path = processed / "build_info.json"
    if not info_path.is_file():
        return False
    info = json.loads(info_path.read_text(encoding="utf-8"))
    inputs: dict[str, str] = info.get("inputs", {})
    if _metadata_files(raw) != sorted(inputs):
        return False
    for name, digest in inputs.items():
        path = raw / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            return False
    return all((processed / f"{t}.parquet").is_file() for t in info.get("tables", {}))


def load_tables(
    raw_dir: PathLike | None = None,
    processed_dir: PathLike | None = None,
    *,
    documents: Sequence[str] | None = None,
    rebuild: bool | None = None,
) -> Tables:
    """The build's tables for a notebook: the default corpus, or your own folder.

    Parameters
    ----------
    raw_dir : path, optional
        Corpus folder (text files + ``metadata.csv``). ``None`` = the default corpus.
    processed_dir : path, optional
        Where the build's tables are (or go). ``None`` = ``data/processed`` for the default
        corpus; for your own ``raw_dir``, ``None`` builds in memory and writes nothing.
    documents : list of str, optional
        Only these ``doc_id`` values (the statistics, e.g. TF-IDF, stay those of the whole
        corpus; the figures and tables show the chosen documents).
    rebuild : bool, optional
        ``None`` rebuilds ``processed_dir`` only when it is missing or older than the
        corpus files; ``True`` always; ``False`` never.

    Returns
    -------
    Tables

    Examples
    --------
    >>> tables = load_tables()                        # doctest: +SKIP
    >>> tables = load_tables("my_corpus")             # doctest: +SKIP
    >>> tables = load_tables(documents=["xinji_2022", "tonghua_2012"])  # doctest: +SKIP
    """
    from analysis.pipeline import build, default_out_dir
    from analysis.text.corpus import default_raw_dir

    raw_dir = Path(raw_dir).expanduser() if raw_dir is not None else None
    processed_dir = Path(processed_dir).expanduser() if processed_dir is not None else None
    if raw_dir is not None and processed_dir is None:
        result = build(raw_dir, write=False)
        return Tables(frames=result.tables, documents=documents,
                      source=f"{raw_dir} (built in memory)")
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    processed = Path(processed_dir) if processed_dir is not None else default_out_dir()
    stale = rebuild if rebuild is not None else not _is_fresh(raw, processed)
    if stale:
        build(raw, processed)
    return Tables(processed, documents=documents)


# --------------------------------------------------------------------------- figures


_SLUG = re.compile(r"[^\w.-]+")


def _slug(value: Any) -> str:
    return _SLUG.sub("_", str(value)).strip("_") or "value"


def _spec(name_or_spec: str | FigureSpec, catalog: Sequence[FigureSpec]) -> FigureSpec:
    if isinstance(name_or_spec, FigureSpec):
        return name_or_spec
    for s in catalog:
        if s.name == name_or_spec:
            return s
    raise ValueError(f"figure {name_or_spec!r} is not in the catalog; figures: "
                     f"{', '.join(s.name for s in catalog)}.")


def draw_figure(
    figure: str | FigureSpec,
    tables: Tables,
    *,
    english: bool = False,
    catalog: Sequence[FigureSpec] | None = None,
) -> list[tuple[str, Figure]]:
    """Draw one catalog figure: ``[(file stem, Figure), ...]`` (several with ``each``).

    Examples
    --------
    >>> [(stem, fig)] = draw_figure("top_words", load_tables())    # doctest: +SKIP
    """
    from matplotlib.figure import Figure

    spec = _spec(figure, FIGURES if catalog is None else catalog)
    func = _resolve(spec.function)
    inputs = [tables[t] for t in spec.tables]
    jobs: list[tuple[str, list]] = []
    if spec.each is None:
        jobs.append((spec.name, inputs))
    else:
        first = inputs[0]
        if spec.each not in first.columns:
            raise ValueError(f"figure {spec.name!r}: each={spec.each!r} is not a column of "
                             f"{spec.tables[0]!r}.")
        for value in dict.fromkeys(first[spec.each]):
            part = first.loc[first[spec.each] == value]
            jobs.append((spec.name.format(value=_slug(value)), [part, *inputs[1:]]))
    out = []
    for stem, args in jobs:
        fig = func(*args, english=english, **spec.params)
        if not isinstance(fig, Figure):
            raise TypeError(f"{spec.function} returned {type(fig).__name__}, not a "
                            "matplotlib Figure.")
        out.append((stem, fig))
    return out


def _may_expand(spec: FigureSpec, chosen: set[str]) -> bool:
    """Whether a name in ``chosen`` looks like one file of an ``each`` spec."""
    if spec.each is None or "{value}" not in spec.name:
        return False
    prefix, _, suffix = spec.name.partition("{value}")
    return any(c.startswith(prefix) and c.endswith(suffix) for c in chosen)


def _stems(spec: FigureSpec, tables: Tables) -> list[str]:
    """The file stems a spec makes (one per value with ``each``), without drawing."""
    if spec.each is None:
        return [spec.name]
    first = tables[spec.tables[0]]
    if spec.each not in first.columns:
        return []
    return [spec.name.format(value=_slug(v)) for v in dict.fromkeys(first[spec.each])]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_manifest(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


MANIFEST_COLUMNS = ["file", "figure", "notebook", "function", "sha256"]


def make_figures(
    processed: PathLike | Tables | None = None,
    out: PathLike | None = None,
    *,
    formats: Sequence[str] = ("png", "svg"),
    english: bool = False,
    only: Iterable[str] | None = None,
    dpi: int = 300,
    catalog: Sequence[FigureSpec] | None = None,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Draw every catalog figure and write it (PNG 300 dpi, SVG; PDF on request) with a
    ``MANIFEST.csv`` of checksums.

    Parameters
    ----------
    processed : path or Tables, optional
        The build's folder (default ``data/processed``) or loaded :class:`Tables`.
    out : path, optional
        Output folder: ``reports/figures`` (``reports/figures_en`` with ``english``).
    formats : sequence of {"png", "svg", "pdf"}, keyword-only
        File formats.
    english : bool, keyword-only
        English titles, axes and glosses.
    only : iterable of str, keyword-only
        Figure names or notebook stems to draw; the manifest keeps the other entries.
    dpi : int, keyword-only
        Raster resolution.
    catalog : list of FigureSpec, keyword-only
        Replaces :data:`FIGURES`.
    progress : callable, keyword-only
        Called with each file stem as it is written.

    Returns
    -------
    DataFrame
        The manifest: ``file, figure, notebook, function, sha256``.

    Raises
    ------
    RuntimeError
        When a figure warns that a glyph is missing from the font.

    Examples
    --------
    >>> manifest = make_figures()                                  # doctest: +SKIP
    >>> manifest = make_figures(only=["keyword_heatmap"], formats=["pdf"])  # doctest: +SKIP
    """
    import pandas as pd

    from analysis.io import write_csv
    from analysis.plots import save_figure

    specs = list(FIGURES if catalog is None else catalog)
    tables = processed if isinstance(processed, Tables) else Tables(_processed_dir(processed))
    target = Path(out) if out is not None else (
        default_reports_dir() / ("figures_en" if english else "figures"))
    chosen = set(only) if only is not None else None
    if chosen is not None:
        stems = {s.name: _stems(s, tables) if _may_expand(s, chosen) else [] for s in specs}
        unknown = {c for c in chosen if not any(c in (s.name, s.notebook) or c in stems[s.name]
                                                for s in specs)}
        if unknown:
            raise ValueError(f"--only {sorted(unknown)}: no such figure or notebook; figures: "
                             f"{', '.join(s.name for s in specs)}.")
        specs = [s for s in specs if s.name in chosen or s.notebook in chosen
                 or chosen & set(stems[s.name])]
    for fmt in formats:
        if fmt not in ("png", "svg", "pdf"):
            raise ValueError(f"format {fmt!r}: use png, svg or pdf.")
    rows: list[dict[str, str]] = []
    for spec in specs:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            drawn = draw_figure(spec, tables, english=english, catalog=specs)
            if chosen is not None and spec.name not in chosen and spec.notebook not in chosen:
                drawn = [(stem, fig) for stem, fig in drawn if stem in chosen]
            paths = []
            for stem, fig in drawn:
                paths += [(stem, p) for p in save_figure(fig, target / stem, formats=formats,
                                                         dpi=dpi)]
                if progress:
                    progress(stem)
            del drawn
        glyphs = [str(w.message) for w in caught if "missing from font" in str(w.message)]
        if glyphs:
            raise RuntimeError(f"figure {spec.name!r}: {glyphs[0]} (and {len(glyphs) - 1} "
                               "more): a label uses a character the CJK font lacks.")
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        rows += [{"file": p.name, "figure": stem, "notebook": spec.notebook,
                  "function": spec.function, "sha256": _sha256(p)} for stem, p in paths]
    manifest_path = target / "MANIFEST.csv"
    old = _read_manifest(manifest_path)
    written = {r["file"] for r in rows}
    if chosen is not None:
        keep = [r for r in old if r.get("file") not in written and (target / r["file"]).is_file()]
        rows = keep + rows
    else:
        for r in old:  # files made by an earlier catalog and no longer: remove them
            stale = target / r.get("file", "")
            if r.get("file") and r["file"] not in written and stale.is_file():
                stale.unlink()
    manifest = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    manifest = manifest.sort_values("file", kind="stable").reset_index(drop=True)
    write_csv(manifest, manifest_path)
    return manifest


def _processed_dir(processed: PathLike | None) -> Path:
    from analysis.pipeline import default_out_dir

    return Path(processed) if processed is not None else default_out_dir()


# --------------------------------------------------------------------------- export


def _plain_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Array cells (list columns come back from Parquet as numpy arrays) become lists."""
    import numpy as np

    out = df
    for col in df.columns:
        if df[col].dtype == object and df[col].map(lambda v: isinstance(v, np.ndarray)).any():
            out = out.copy() if out is df else out
            out[col] = df[col].map(lambda v: list(v) if isinstance(v, np.ndarray) else v)
    return out


def _xlsx_safe(df: pd.DataFrame, csv_name: str) -> tuple[pd.DataFrame, list[str]]:
    """Fit a table into Excel's limits; returns the sheet's frame and what was changed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    notes: list[str] = []
    out = df
    if len(out) > EXCEL_MAX_ROWS - 1:
        notes.append(f"only the first {EXCEL_MAX_ROWS - 1:,} of {len(df):,} rows (Excel's "
                     f"sheet limit); all rows are in {csv_name}")
        out = out.head(EXCEL_MAX_ROWS - 1)
    marker = f" …[truncated: Excel cell limit; full text in {csv_name}]"
    for col in out.columns:
        if out[col].dtype.kind not in "OUT" and str(out[col].dtype) not in ("str", "string"):
            continue
        values = out[col]
        texts = values.map(lambda v: isinstance(v, str))
        if not texts.any():
            continue
        s = values.where(~texts, values.astype(object))
        long = s.map(lambda v: isinstance(v, str) and len(v) > EXCEL_MAX_CELL_CHARS)
        illegal = s.map(lambda v: isinstance(v, str) and ILLEGAL_CHARACTERS_RE.search(v)
                        is not None)
        formula = s.map(lambda v: isinstance(v, str) and len(v) > 1 and v.startswith("="))
        if not (long.any() or illegal.any() or formula.any()):
            continue
        out = out.copy() if out is df else out

        def fix(v: Any) -> Any:
            if not isinstance(v, str):
                return v
            v = ILLEGAL_CHARACTERS_RE.sub("", v)
            if len(v) > 1 and v.startswith("="):
                v = " " + v
            if len(v) > EXCEL_MAX_CELL_CHARS:
                v = v[:EXCEL_MAX_CELL_CHARS - len(marker)] + marker
            return v

        out[col] = s.map(fix).astype(object)
        if long.any():
            notes.append(f"{int(long.sum())} cell(s) of column {col!r} cut to "
                         f"{EXCEL_MAX_CELL_CHARS:,} characters (Excel's cell limit)")
        if illegal.any():
            notes.append(f"control characters removed from {int(illegal.sum())} cell(s) of "
                         f"column {col!r}")
        if formula.any():
            notes.append(f"{int(formula.sum())} cell(s) of column {col!r} start with '=' and "
                         "got a leading space so Excel does not read them as formulas")
    return out, notes


def export_tables(
    processed: PathLike | None = None,
    out: PathLike | None = None,
    *,
    include_tokens: bool = False,
    tables: Sequence[str] | None = None,
    xlsx: bool = True,
) -> pd.DataFrame:
    """Write the build's tables as CSV (UTF-8 with BOM, for Excel) and one XLSX workbook.

    The workbook (``policy_lens_tables.xlsx``) has a ``README`` sheet listing every table,
    its rows and anything changed to fit Excel (more than 1,048,575 rows, cells longer than
    32,767 characters, control characters: the CSV always holds everything) and one sheet
    per table. The ``tokens`` table (one row per word) is left out unless
    ``include_tokens``; whole document texts stay in ``documents.parquet``.

    Parameters
    ----------
    processed : path, optional
        The build's folder (default ``data/processed``).
    out : path, optional
        Output folder (default ``reports/tables``).
    include_tokens : bool, keyword-only
        Export the ``tokens`` table too.
    tables : list of str, keyword-only
        Export only these tables.
    xlsx : bool, keyword-only
        Write the workbook.

    Returns
    -------
    DataFrame
        One row per table: ``table, rows, columns, csv, sheet, note``.

    Examples
    --------
    >>> summary = export_tables()                                  # doctest: +SKIP
    """
    import pandas as pd

    from analysis.io import excel_safe, write_csv, write_xlsx
    from analysis.pipeline import TEXT_COLUMNS

    source = Tables(_processed_dir(processed))
    target = Path(out) if out is not None else default_reports_dir() / "tables"
    names = list(source)
    if tables is not None:
        unknown = [t for t in tables if t not in names]
        if unknown:
            raise ValueError(f"tables {unknown}: not in {source.folder}; tables: "
                             f"{', '.join(names)}.")
        names = [t for t in names if t in tables]
    elif not include_tokens:
        names = [t for t in names if t not in EXPORT_SKIP]
    summary: list[dict[str, Any]] = []
    sheets: dict[str, pd.DataFrame] = {}
    files: list[Path] = []
    for name in names:
        df = _plain_cells(source[name])
        note = []
        if name == "documents":
            dropped = [c for c in TEXT_COLUMNS if c in df.columns]
            df = df.drop(columns=dropped)
            if dropped:
                note.append(f"whole texts ({', '.join(dropped)}) are in documents.parquet only")
        df = excel_safe(df)
        csv_name = f"{name}.csv"
        files.append(write_csv(df, target / csv_name))
        sheet = _sheet_name(name, sheets)
        fitted, changes = _xlsx_safe(df, csv_name)
        sheets[sheet] = fitted
        summary.append({"table": name, "rows": len(df), "columns": len(df.columns),
                        "csv": csv_name, "sheet": sheet if xlsx else "",
                        "note": "; ".join(note + changes)})
    skipped = [t for t in source if t not in names]
    for t in skipped:
        summary.append({"table": t, "rows": len(source[t]) if t != "tokens" else
                        _parquet_rows(source, t), "columns": None, "csv": "", "sheet": "",
                        "note": ("not exported: one row per word; use `policy-lens export "
                                 "--include-tokens`, or data/processed/tokens.csv")
                        if t == "tokens" else "not exported (not requested)"})
    result = pd.DataFrame(summary, columns=["table", "rows", "columns", "csv", "sheet", "note"])
    if xlsx:
        readme = _readme_sheet(result, source)
        files.append(write_xlsx({"README": readme, **sheets}, target / WORKBOOK))
    rows = [{"file": p.name, "sha256": _sha256(p)} for p in sorted(files)]
    old = _read_manifest(target / "MANIFEST.csv")
    for r in old:
        stale = target / r.get("file", "")
        if r.get("file") and r["file"] not in {p.name for p in files} and stale.is_file():
            stale.unlink()
    write_csv(pd.DataFrame(rows, columns=["file", "sha256"]), target / "MANIFEST.csv")
    return result


def _parquet_rows(source: Tables, name: str) -> int:
    import pyarrow.parquet as pq

    assert source.folder is not None
    return int(pq.ParquetFile(source.folder / f"{name}.parquet").metadata.num_rows)


def _sheet_name(name: str, taken: Mapping[str, Any]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "table"
    if base == "README":
        base = "README_table"
    sheet, i = base, 2
    while sheet in taken:
        suffix = f"~{i}"
        sheet, i = base[:31 - len(suffix)] + suffix, i + 1
    return sheet


def _readme_sheet(summary: pd.DataFrame, source: Tables) -> pd.DataFrame:
    import pandas as pd

    info_path = (source.folder / "build_info.json") if source.folder else None
    built = ""
    if info_path is not None and info_path.is_file():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        built = (f"; built from {len(info.get('inputs', {}))} documents with policy-lens "
                 f"{info.get('versions', {}).get('policy-lens', '?')}")
    intro = pd.DataFrame([{
        "table": "README", "rows": None, "columns": None, "csv": "", "sheet": "README",
        "note": ("The analysis tables of policy-lens, one sheet per table, every row keyed by "
                 "doc_id (join with the documents sheet for city, year, era)" + built + ". "
                 "Each table is also a CSV file (UTF-8 with BOM) beside this workbook. "
                 f"Excel holds at most {EXCEL_MAX_ROWS - 1:,} data rows per sheet and "
                 f"{EXCEL_MAX_CELL_CHARS:,} characters per cell: anything cut to fit is "
                 "named in the note column; the CSV files always hold everything."),
    }])
    return pd.concat([intro, summary], ignore_index=True)


# --------------------------------------------------------------------------- notebooks


class NotebookError(RuntimeError):
    """A notebook failed to execute; the message names the notebook and the cell."""


@dataclass
class NotebookRun:
    """One executed notebook: where its outputs went, how long it took, what it warned."""

    source: Path
    ipynb: Path
    html: Path | None
    seconds: float
    warnings: list[str]


def notebook_setup(*, dpi: int = 110) -> None:
    """Prepare a notebook: the house style, and figures that show themselves.

    Library figures are plain :class:`matplotlib.figure.Figure` objects (not pyplot), so
    a notebook is told here to render them as PNG when a cell returns one. Also sets
    pandas to show whole tables of a few hundred rows.
    """
    import pandas as pd
    from matplotlib.figure import Figure

    from analysis.plots import setup

    setup()
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 3)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook stack
        return
    shell = get_ipython()
    if shell is None:
        return

    def png(fig: Figure) -> bytes:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        return buf.getvalue()

    shell.display_formatter.formatters["image/png"].for_type(Figure, png)


class Note(str):
    """A one-line message a notebook shows in place of an empty table."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return f"> *{self}*"

    def _repr_html_(self) -> str:
        import html

        return f"<p><em>{html.escape(str(self))}</em></p>"


def table_or_note(table: pd.DataFrame, reason: str) -> pd.DataFrame | Note:
    """``table``, or a one-line note saying why there is nothing to show when it is empty.

    Notebooks end a cell with it, so a researcher's corpus without (say) shared target
    indicators shows a sentence instead of an empty grid.

    Examples
    --------
    >>> import pandas as pd
    >>> table_or_note(pd.DataFrame({"doc_id": []}), "no document sets a target")
    nothing to show: no document sets a target
    >>> table_or_note(pd.DataFrame({"doc_id": []}), "No task table in this corpus.")
    nothing to show: no task table in this corpus
    >>> len(table_or_note(pd.DataFrame({"doc_id": ["a"]}), "unused"))
    1
    """
    if len(table) and len(table.columns):
        return table
    reason = reason.strip().rstrip(".。")
    if reason[:1].isascii() and reason[1:2].islower():  # a sentence: lower its first letter
        reason = reason[0].lower() + reason[1:]
    return Note(f"nothing to show: {reason}")


def _notebooks_dir(folder: PathLike | None) -> Path:
    path = Path(folder) if folder is not None else project_root() / "notebooks"
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no notebooks folder; give it with --notebooks DIR.")
    return path


def notebook_sources(folder: PathLike | None = None) -> list[Path]:
    """The suite's notebook sources in reading order: ``notebooks/NN_name.py``."""
    return sorted(_notebooks_dir(folder).glob("[0-9][0-9]_*.py"))


def _select(sources: list[Path], names: Sequence[str] | None) -> list[Path]:
    if not names:
        return sources
    chosen = []
    for n in names:
        stem = Path(n).stem
        hits = [s for s in sources if s.stem == stem or s.stem.split("_", 1)[0] == stem]
        if not hits:
            raise ValueError(f"notebook {n!r}: not in the suite; notebooks: "
                             f"{', '.join(s.stem for s in sources)}.")
        chosen += [h for h in hits if h not in chosen]
    return chosen


def _prepare(source: Path, parameters: Mapping[str, Any] | None, kernel_name: str):
    import jupytext
    import nbformat

    nb = jupytext.read(source)
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    if parameters:
        nb = _inject_parameters(nb, parameters, source)
    nb = nbformat.v4.upgrade(nb)
    for i, cell in enumerate(nb.cells):  # stable ids, so reruns give the same file
        cell["id"] = f"cell-{i:02d}"
    return nb


_PATH_SUFFIXES = ("_dir", "_path", "_file")


def _inject_parameters(nb, parameters: Mapping[str, Any], source: Path):
    """Papermill's convention: a cell tagged ``injected-parameters`` right after the cell
    tagged ``parameters`` (replacing an earlier injected cell), so a notebook run with
    papermill itself behaves the same."""
    import nbformat

    tags = [c.get("metadata", {}).get("tags", []) for c in nb.cells]
    where = [i for i, t in enumerate(tags) if "parameters" in t]
    if not where:
        raise ValueError(f"{source}: has no cell tagged 'parameters' to override.")
    lines = ["# Parameters"]
    for key, value in parameters.items():
        if not str(key).isidentifier():
            raise ValueError(f"parameter {key!r}: not a Python name.")
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        if isinstance(value, str) and str(key).endswith(_PATH_SUFFIXES) and value:
            # the kernel runs in notebooks/: a relative path means "from where you are"
            value = str(Path(value).expanduser().resolve())
        try:
            ok = ast.literal_eval(repr(value)) == value
        except (ValueError, SyntaxError):
            ok = False
        if not ok:
            raise ValueError(f"parameter {key}={value!r}: use text, numbers, True/False, "
                             "None, or lists and dicts of these.")
        lines.append(f"{key} = {value!r}")
    cell = nbformat.v4.new_code_cell("\n".join(lines) + "\n")
    cell.metadata["tags"] = ["injected-parameters"]
    cells = [c for i, c in enumerate(nb.cells) if "injected-parameters" not in tags[i]]
    at = next(i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {})
              .get("tags", []))
    nb.cells = [*cells[:at + 1], cell, *cells[at + 1:]]
    return nb


def _stderr_text(nb) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                out.append(o.get("text", ""))
    return out


def run_notebooks(
    names: Sequence[str] | None = None,
    *,
    notebooks_dir: PathLike | None = None,
    out: PathLike | None = None,
    parameters: Mapping[str, Any] | None = None,
    html: bool = True,
    timeout: int = 900,
    kernel_name: str = "python3",
    progress: Callable[[str], None] | None = None,
) -> list[NotebookRun]:
    """Execute the notebook suite headless into executed ``.ipynb`` and HTML files.

    Each ``notebooks/NN_name.py`` (jupytext percent format) is converted in memory,
    given ``parameters`` papermill-style (a cell tagged ``injected-parameters`` after the
    cell tagged ``parameters``), executed with ``kernel_name`` in the notebooks folder, and
    written without timing metadata, so reruns give the same files.

    Parameters
    ----------
    names : list of str, optional
        Notebook stems or numbers (``"01"``); default every notebook.
    notebooks_dir : path, keyword-only
        The sources (default ``notebooks/``).
    out : path, keyword-only
        Output folder (default ``reports/notebooks``).
    parameters : dict, keyword-only
        Parameter values, e.g. ``{"raw_dir": "my_corpus"}`` to run on your own documents.
        Relative paths in parameters named ``*_dir``, ``*_path``, ``*_file`` are taken
        from the current directory (the kernel itself runs in the notebooks folder).
    html : bool, keyword-only
        Also write HTML.
    timeout : int, keyword-only
        Seconds allowed per cell.
    kernel_name : str, keyword-only
        The Jupyter kernel (``python3``: the Python running this function).

    Returns
    -------
    list of NotebookRun

    Raises
    ------
    NotebookError
        When a cell fails; the executed notebook up to the error is still written.

    Examples
    --------
    >>> runs = run_notebooks(["00"])                                    # doctest: +SKIP
    >>> runs = run_notebooks(parameters={"raw_dir": "my_corpus"},
    ...                      out="my_reports")                             # doctest: +SKIP
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from analysis.io import write_text

    folder = _notebooks_dir(notebooks_dir)
    sources = _select(notebook_sources(folder), names)
    target = Path(out) if out is not None else default_reports_dir() / "notebooks"
    runs = []
    for source in sources:
        if progress:
            progress(source.stem)
        nb = _prepare(source, parameters, kernel_name)
        client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                                record_timing=False, allow_errors=False,
                                resources={"metadata": {"path": str(folder)}},
                                # the kernel's own log (a notice about local TCP) is noise
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        t0 = time.perf_counter()
        failure: CellExecutionError | None = None
        try:
            client.execute()
        except CellExecutionError as exc:
            failure = exc
        seconds = time.perf_counter() - t0
        for cell in nb.cells:
            cell.get("metadata", {}).pop("execution", None)
        ipynb = target / f"{source.stem}.ipynb"
        write_text(ipynb, nbformat.writes(nb) + "\n")
        html_path = None
        if html:
            from nbconvert import HTMLExporter

            body, _ = HTMLExporter(template_name="lab").from_notebook_node(
                nb, resources={"metadata": {"name": source.stem}})
            html_path = write_text(target / f"{source.stem}.html", body)
        if failure is not None:
            where = next((i for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
                          if o.get("output_type") == "error"), None)
            code = nb.cells[where].source.strip().splitlines() if where is not None else []
            line = f" (cell {where}: {code[0][:80]!r}{' ...' if len(code) > 1 else ''})" \
                if code else ""
            raise NotebookError(f"{source}{line} failed with {failure.ename}: "
                                f"{failure.evalue}; the executed copy up to the error is "
                                f"{ipynb}")
        found = [t.strip() for t in _stderr_text(nb) if "Warning" in t or "missing from" in t]
        runs.append(NotebookRun(source, ipynb, html_path, seconds, found))
    return runs


# --------------------------------------------------------------------------- command line


















