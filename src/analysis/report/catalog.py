"""The figure catalog: every figure of the project, and the derived tables they draw.

- :data:`FIGURES` lists every figure: its file name, the notebook that shows it, the
  library function that draws it and the tables it is drawn from. Add a figure with one
  :class:`FigureSpec` line; ``policy-lens figures`` (:func:`analysis.report.make_figures`)
  then writes it.
- :data:`VIEWS` are small derived tables (frequencies per era, keyword grids ...) computed
  on the fly from the build's tables (:class:`analysis.report.Tables`), so figures never
  redo the analysis.
- :data:`README_FIGURES` are the few figures README.md shows (``make readme-figures``).

Catalog entries name functions as ``"package.module:function"`` strings, resolved by
:func:`resolve_function` when a figure is drawn: listing the catalog imports no plotting
or analysis code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import pandas as pd

__all__ = [
    "BY",
    "FIGURES",
    "GROUP_VIEWS",
    "PANEL_PER_DOCUMENT_FIGURES",
    "PER_DOCUMENT_FIGURES",
    "README_DPI",
    "README_FIGURES",
    "VIEWS",
    "FigureSpec",
    "View",
    "bind_grouping",
    "catalog_table",
    "resolve_function",
]


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

    Examples
    --------
    One word cloud per era, drawn by ``plot_wordclouds(terms_by_era_rows, documents,
    english=..., by="era")`` into ``wordcloud_era_2010s.png`` ...:

    >>> spec = FigureSpec("wordcloud_era_{value}", "01_word_frequencies",
    ...                   "analysis.plots.frequency:plot_wordclouds",
    ...                   ("terms_by_era", "documents"), {"by": "era"}, each="era")
    >>> spec in FIGURES
    True
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
    # word frequencies (analysis.stats.frequency): notebooks 00-02 and 04
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

#: Placeholders in the params of :data:`GROUP_VIEWS` and :data:`FIGURES`, replaced by
#: :func:`bind_grouping`: the grouping column, the time column and the period bins.
BY, TIME, BINS = "{by}", "{time}", "{bins}"
_S, _T = "analysis.stats.shares:", "analysis.stats.trends:"
_TC = ("theme_counts", "documents_grouped")
_IC = ("instrument_counts", "documents_grouped")
_INSTR = {"key": "instrument", "count": "clauses", "labels": ("instrument", "instrument_en")}
_TONE = {"key": "tone", "count": "clauses_with_tone"}
#: Views of the comparisons by any grouping and over time (:func:`bind_grouping` fills in
#: the grouping); ``documents_grouped`` is the documents table with a ``period`` column.
GROUP_VIEWS: dict[str, View] = {
    "documents_grouped": View("analysis.stats.periods:add_period", ("documents",),
                              {"bins": BINS}),
    "theme_shares_group": View(_S + "group_shares", _TC, {"by": BY}),
    "theme_shares_period": View(_S + "group_shares", _TC, {"by": "period"}),
    "instrument_shares_group": View(_S + "group_shares", _IC, {"by": BY, **_INSTR}),
    "keyness_group": View("analysis.stats.contrast:group_keyness",
                          ("tokens", "documents_grouped"), {"by": BY}),
    "year_counts": View(_T + "year_counts", ("documents_grouped",), {"time": TIME}),
    "theme_trend": View(_T + "share_trend", _TC, {"time": TIME}),
    "instrument_trend": View(_T + "share_trend", _IC, {"time": TIME, **_INSTR}),
    "tone_trend": View(_T + "share_trend", ("tone", "documents_grouped"),
                       {"time": TIME, **_TONE}),
    "keyword_trend": View(_T + "keyword_trend", ("terms", "documents_grouped"),
                          {"time": TIME}),
    "target_trend": View(_T + "target_trend", ("targets", "documents_grouped"), {"by": BY}),
}
VIEWS.update(GROUP_VIEWS)

_NB0, _NB1, _NB2 = "00_corpus_overview", "01_word_frequencies", "02_tfidf_distinctive_terms"
_NB3, _NB4 = "03_themes", "04_2012_vs_2020s"
_NB5, _NB6 = "05_instruments", "06_targets"
_NB7, _NB8, _NB9 = "07_similarity_reuse", "08_networks", "09_clauses_and_evidence"
_PT, _P6 = "analysis.plots.themes:", "analysis.plots.targets:"
_PCP, _PST = "analysis.plots.compare:", "analysis.plots.structure:"
_PG = "analysis.plots.groups:"

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
    FigureSpec("theme_heatmap", _NB3, _PT + "plot_theme_heatmap", ("theme_counts", "documents"),
               {"metric": "clause_share"}),
    FigureSpec("theme_heatmap_per10k", _NB3, _PT + "plot_theme_heatmap",
               ("theme_counts", "documents"), {"metric": "per_10k"}),
    FigureSpec("theme_headline", _NB3, _PT + "plot_theme_comparison",
               ("theme_counts", "documents")),
    FigureSpec("theme_terms", _NB3, _PT + "plot_theme_terms",
               ("theme_terms_headline", "documents")),
    FigureSpec("theme_chi2_residuals", _NB3, _PT + "plot_chi_square_residuals",
               ("theme_chi2", "documents")),
    FigureSpec("keyness_era", _NB4, _PCP + "plot_keyness", ("keyness_era", "documents"),
               {"target": "2020s", "n": 15}),
    FigureSpec("theme_shift_era", _NB4, _PT + "plot_era_difference", ("theme_era_diff",)),
    FigureSpec("tone_by_document", _NB4, _PT + "plot_tone", ("tone", "documents")),
    # comparisons by any grouping and over time (analysis.plots.groups), notebook 04
    FigureSpec("theme_shares_group", _NB4, _PG + "plot_group_shares", ("theme_shares_group",)),
    FigureSpec("theme_shares_period", _NB4, _PG + "plot_group_shares",
               ("theme_shares_period",)),
    FigureSpec("instrument_shares_group", _NB4, _PG + "plot_group_shares",
               ("instrument_shares_group",),
               {"title": ("各组政策工具占比", "Policy instrument shares by group")}),
    FigureSpec("keyness_group", _NB4, _PG + "plot_keyness_groups", ("keyness_group",)),
    FigureSpec("theme_trend", _NB4, _PG + "plot_share_trend", ("theme_trend", "year_counts")),
    FigureSpec("instrument_trend", _NB4, _PG + "plot_share_trend",
               ("instrument_trend", "year_counts"),
               {"title": ("政策工具随时间的变化", "Policy instruments over time")}),
    FigureSpec("tone_trend", _NB4, _PG + "plot_share_trend", ("tone_trend", "year_counts"),
               {"title": ("语气随时间的变化", "Tone over time")}),
    FigureSpec("keyword_trend", _NB4, _PG + "plot_share_trend",
               ("keyword_trend", "year_counts"),
               {"title": ("关键词随时间的变化", "Keywords over time"),
                "ylabel": ("每万词次数", "per 10,000 words"), "percent": False}),
    # 05 policy instruments and tone (analysis.plots.themes)
    FigureSpec("instrument_heatmap", _NB5, _PT + "plot_instrument_heatmap",
               ("instrument_counts", "documents"), {"value": "clause_share"}),
    FigureSpec("instrument_heatmap_counts", _NB5, _PT + "plot_instrument_heatmap",
               ("instrument_counts", "documents"), {"value": "clauses"}),
    FigureSpec("instrument_heatmap_era", _NB5, _PT + "plot_instrument_heatmap",
               ("instrument_era",), {"by": "era"}),
    FigureSpec("instrument_types", _NB5, _PT + "plot_instrument_types", ("instrument_types",)),
    FigureSpec("instrument_types_era", _NB5, _PT + "plot_instrument_types",
               ("instrument_types_era",), {"by": "era"}),
    FigureSpec("instrument_tone", _NB5, _PT + "plot_tone", ("tone", "documents")),
    # 06 quantitative targets (analysis.plots.targets)
    FigureSpec("targets_compared", _NB6, _P6 + "plot_target_comparison",
               ("target_comparison", "documents")),
    FigureSpec("target_trend", _NB6, _PG + "plot_target_trend", ("target_trend",)),
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

#: Figures with a row, column or panel per document: above
#: :data:`analysis.report.figures.SHOW_DOCUMENTS_MAX` documents they show the top documents
#: only (one per group, then the longest), and say so under the figure.
PER_DOCUMENT_FIGURES: frozenset[str] = frozenset({
    "corpus_lengths", "corpus_token_composition", "keyword_heatmap", "tfidf_top_terms",
    "tfidf_distinctive_terms", "tfidf_heatmap",
    "theme_heatmap", "theme_heatmap_per10k", "theme_headline", "theme_terms",
    "theme_chi2_residuals", "tone_by_document", "instrument_heatmap",
    "instrument_heatmap_counts", "instrument_types", "instrument_tone", "similarity_heatmap",
    "similarity_jaccard", "clustering_dendrogram", "topics_by_document", "reuse_matrix",
    "copy_ratio", "agency_roles", "agency_network", "outline_levels", "dispersion",
})

#: Figures drawing every document in its own panel (word clouds, top words): above
#: :data:`analysis.report.figures.PER_DOCUMENT_MAX` documents they show the ``--docs``
#: (default: one per group).
PANEL_PER_DOCUMENT_FIGURES: frozenset[str] = frozenset({
    "wordclouds_documents", "top_words_by_document",
})

#: The figures shown in README.md, committed as PNG in docs/img/ (``make readme-figures``).
README_FIGURES: tuple[str, ...] = (
    "corpus_lengths", "keyword_heatmap", "wordclouds_documents", "tfidf_distinctive_terms",
    "theme_heatmap", "theme_shift_era", "targets_compared",
)
#: Their resolution (dots per inch): small PNGs, quick to load on a repository page.
README_DPI = 100


def bind_grouping(
    views: Mapping[str, View],
    *,
    by: str,
    time: str = "year",
    bins: str | Sequence[int] = "fyp",
) -> dict[str, View]:
    """The views with the grouping filled in: :data:`BY` becomes ``by``, :data:`TIME`
    ``time`` and :data:`BINS` ``bins``.

    Examples
    --------
    >>> v = bind_grouping(VIEWS, by="level", bins="2012,2016")
    >>> v["theme_shares_group"].params["by"], v["documents_grouped"].params["bins"]
    ('level', '2012,2016')
    """
    swap = {BY: by, TIME: time, BINS: bins}
    out = {}
    for name, view in views.items():
        params = {k: swap.get(v, v) if isinstance(v, str) else v
                  for k, v in view.params.items()}
        out[name] = View(view.function, view.tables, params)
    return out


def resolve_function(spec: str) -> Callable[..., Any]:
    """The function a catalog entry names as ``"package.module:function"``.

    Examples
    --------
    >>> resolve_function("analysis.stats.frequency:corpus_terms").__name__
    'corpus_terms'
    """
    module, _, name = spec.partition(":")
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"{spec!r}: cannot import this function ({exc}); the catalog entry "
                         "must name 'package.module:function'.") from exc


def catalog_table(catalog: Sequence[FigureSpec] | None = None) -> pd.DataFrame:
    """The figure catalog as a table: ``figure, notebook, function, tables, params, each``.

    Examples
    --------
    >>> catalog_table().query("figure == 'top_words'")["notebook"].item()
    '01_word_frequencies'
    """
    rows = [{"figure": s.name, "notebook": s.notebook, "function": s.function,
             "tables": ", ".join(s.tables),
             "params": ", ".join(f"{k}={v!r}" for k, v in s.params.items()),
             "each": s.each or ""} for s in (FIGURES if catalog is None else catalog)]
    return pd.DataFrame(rows, columns=["figure", "notebook", "function", "tables", "params",
                                       "each"])
