"""Word-frequency figures: top words, keyword heatmaps, word clouds, TF-IDF terms.

Every function takes tidy tables (the build's ``terms``/``keywords``/``documents`` or the
regrouped tables of :mod:`analysis.stats.frequency`) and returns a
:class:`matplotlib.figure.Figure` titled with what it shows. ``english=True`` writes the
titles and axes in English and adds English glosses to Chinese terms where the glossary
(``resources/glossary/*.csv``) has one.

Examples
--------
>>> import analysis as pl
>>> from analysis.plots import frequency as fp
>>> tables = pl.load_tables()                                    # doctest: +SKIP
>>> freqs = pl.corpus_terms(tables["terms"], tables["documents"])  # doctest: +SKIP
>>> fig = fp.plot_top_words(freqs, n=20)                         # doctest: +SKIP
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from analysis.plots.clouds import wordcloud_image
from analysis.plots.labels import group_label, label, term_label
from analysis.plots.style import PALETTE, font_path, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "plot_distinctive_terms",
    "plot_keyword_heatmap",
    "plot_tfidf_heatmap",
    "plot_tfidf_terms",
    "plot_top_words",
    "plot_top_words_by_group",
    "plot_wordclouds",
]


def _groups(table: pd.DataFrame, by: str, documents: pd.DataFrame | None) -> list:
    """The groups of ``table[by]`` in reading order: documents by year, others sorted."""
    present = list(dict.fromkeys(table[by]))
    if by == "doc_id" and documents is not None and "year" in documents.columns:
        docs = documents.loc[documents["doc_id"].isin(present)].reset_index(drop=True)
        docs = docs.assign(_pos=range(len(docs))).sort_values(["year", "_pos"], kind="stable")
        return [d for d in docs["doc_id"] if d in set(present)]
    if by == "doc_id":
        return present
    return sorted(present, key=lambda v: (str(type(v)), v))


def _grid(n: int, ncols: int | None) -> tuple[int, int]:
    cols = ncols or (1 if n == 1 else 2 if n in (2, 4) else 3)
    cols = max(1, min(cols, n))
    return math.ceil(n / cols), cols


def _text_width(text: str, *, fontsize: float = 13) -> float:
    """Width of ``text`` in inches in the house font (to size a figure to its title)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(fname=str(font_path()), size=fontsize)
    width, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return width / 72


def _no_data(ax: Axes, english: bool) -> None:
    ax.text(0.5, 0.5, label("无数据", "no data", english=english), ha="center", va="center",
            transform=ax.transAxes, color="#888888")
    ax.set_xticks([])
    ax.set_yticks([])


def _bars(ax: Axes, terms: list[str], values: list[float], *, english: bool, color: str,
          fmt: str = "{:.1f}") -> None:
    """Horizontal bars, largest on top, each annotated with its value."""
    y = list(range(len(terms)))[::-1]
    ax.barh(y, values, color=color, height=0.68)
    ax.set_yticks(y, [term_label(t, english=english) for t in terms])
    top = max(values) if values else 1.0
    for yi, v in zip(y, values, strict=True):
        ax.annotate(fmt.format(v), (v, yi), xytext=(2, 0), textcoords="offset points",
                    va="center", fontsize=7.5, color="#444444")
    ax.set_xlim(0, top * 1.2 if top > 0 else 1)
    ax.set_ylim(-0.6, len(terms) - 0.4)
    ax.tick_params(axis="y", length=0)


def plot_top_words(
    freqs: pd.DataFrame, *, n: int = 25, english: bool = False, title: str | None = None
) -> Figure:
    """The corpus's most frequent words, per 10,000 words, coloured by how many documents
    use each word.

    Parameters
    ----------
    freqs : DataFrame
        :func:`analysis.stats.frequency.corpus_terms` output (``term, count, per_10k, n_docs``).
    n : int, keyword-only
        How many words.
    english : bool, keyword-only
        English labels and glosses.
    title : str, optional
        Replaces the default title.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"term": ["创新", "人才"], "count": [9, 4], "per_10k": [90.0, 40.0],
    ...                   "n_docs": [2, 1]})
    >>> plot_top_words(f).axes[0].get_xlabel()
    '每万词出现次数'
    """
    top = freqs.sort_values(["count", "term"], ascending=[False, True], kind="stable").head(n)
    fig, ax = new_figure(width=8, height=max(3.0, 0.26 * len(top) + 1.6))
    if top.empty:
        _no_data(ax, english)
    else:
        max_docs = int(freqs["n_docs"].max())
        shades = ["#c6d7ea", "#9dbbdb", "#6f9cc9", "#3b6ea8", "#244a78"]
        colors = [shades[min(len(shades) - 1, round((int(k) - 1) / max(max_docs - 1, 1)
                                                     * (len(shades) - 1)))]
                  for k in top["n_docs"]]
        y = list(range(len(top)))[::-1]
        ax.barh(y, top["per_10k"], color=colors, height=0.7)
        ax.set_yticks(y, [term_label(t, english=english) for t in top["term"]])
        for yi, (v, c) in enumerate(zip(top["per_10k"], top["count"], strict=True)):
            ax.annotate(f"{v:.0f}  (n={c})", (v, y[yi]), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize=8, color="#444444")
        ax.set_xlim(0, float(top["per_10k"].max()) * 1.22)
        ax.set_ylim(-0.6, len(top) - 0.4)
        ax.tick_params(axis="y", length=0)
        from matplotlib.patches import Patch

        def shade(k: int) -> int:
            return min(len(shades) - 1, round((k - 1) / max(max_docs - 1, 1)
                                              * (len(shades) - 1)))

        ks = sorted({int(k) for k in top["n_docs"]})
        if len(ks) > len(shades):  # many counts: one legend entry per shade, as a range
            spans: dict[int, list[int]] = {}
            for k in ks:
                spans.setdefault(shade(k), []).append(k)
            entries = [(i, f"{v[0]}" if len(v) == 1 else f"{v[0]}–{v[-1]}")
                       for i, v in sorted(spans.items())]
        else:
            entries = [(shade(k), f"{k}") for k in ks]
        handles = [Patch(color=shades[i], label=(text if english else f"{text}份"))
                   for i, text in entries]
        ax.legend(handles=handles, title=label("使用该词的文件数", "documents using the word",
                                               english=english),
                  loc="lower right", frameon=False, fontsize=8, title_fontsize=8.5,
                  ncol=len(handles))
    ax.set_xlabel(label("每万词出现次数", "Occurrences per 10,000 words", english=english))
    ax.set_title(title or label(f"全语料高频词（前{n}个）",
                                f"Most frequent words in the corpus (top {n})",
                                english=english), loc="left")
    return fig


def plot_top_words_by_group(
    grouped: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str = "doc_id",
    n: int = 12,
    ncols: int | None = None,
    english: bool = False,
    title: str | None = None,
) -> Figure:
    """Small multiples: the most frequent words of each document (or era, city ...), per
    10,000 words.

    Parameters
    ----------
    grouped : DataFrame
        :func:`analysis.stats.frequency.group_terms` output for the same ``by``.
    documents : DataFrame, optional
        The ``documents`` table, for city-and-year panel titles and year order.
    by : str, keyword-only
        The grouping column of ``grouped``.
    n : int, keyword-only
        Words per panel.
    ncols : int, optional
        Panels per row (default: 2 or 3).
    english : bool, keyword-only
        English labels and glosses.
    title : str, optional
        Replaces the default title.

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"era": ["2010s", "2020s"], "term": ["科技", "创新"],
    ...                   "count": [3, 5], "per_10k": [30.0, 50.0]})
    >>> len(plot_top_words_by_group(g, by="era").axes)
    2
    """
    groups = _groups(grouped, by, documents)
    nrows, cols = _grid(max(len(groups), 1), ncols)
    wide = 3.6 if english else 3.2
    what = {"doc_id": ("各文件", "each document"), "era": ("各时期", "each era"),
            "city": ("各城市", "each city")}.get(by, (by, by))
    title = title or label(f"{what[0]}高频词（每万词出现次数，前{n}个）",
                           f"Most frequent words in {what[1]} (per 10,000 words, top {n})",
                           english=english)
    fig, axes = new_figure(width=max(wide * cols + 0.6, _text_width(title) + 0.4),
                           height=(0.24 * n + 1.0) * nrows + 0.6,
                           nrows=nrows, ncols=cols, squeeze=False)
    flat = axes.ravel()
    for ax, g in zip(flat, groups, strict=False):
        part = grouped.loc[grouped[by] == g].sort_values(["count", "term"],
                                                         ascending=[False, True]).head(n)
        _bars(ax, list(part["term"]), [float(v) for v in part["per_10k"]], english=english,
              color=PALETTE[0], fmt="{:.0f}")
        ax.set_title(group_label(g, by, english=english, documents=documents), loc="left",
                     fontsize=11)
        ax.tick_params(axis="x", labelsize=8)
    for ax in flat[len(groups):]:
        ax.set_axis_off()
    if not groups:
        _no_data(flat[0], english)
    for ax in axes[-1]:
        if ax.get_visible() and ax.axison:
            ax.set_xlabel(label("每万词出现次数", "per 10,000 words", english=english),
                          fontsize=9)
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    return fig


def plot_keyword_heatmap(
    table: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str = "doc_id",
    english: bool = False,
    title: str | None = None,
) -> Figure:
    """Keywords × documents (or eras, cities): frequency per 10,000 words, with values.

    Documents are ordered by year, with a white line where the era changes.

    Parameters
    ----------
    table : DataFrame
        :func:`analysis.stats.frequency.keyword_table` output (``<by>, term, per_10k``).
    documents : DataFrame, optional
        The ``documents`` table, for labels, year order and era lines.
    by : str, keyword-only
        The grouping column of ``table``.
    english : bool, keyword-only
        English labels and glosses.
    title : str, optional
        Replaces the default title.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"era": ["2010s", "2020s"], "term": ["人才", "人才"],
    ...                   "count": [1, 2], "per_10k": [10.0, 20.0]})
    >>> plot_keyword_heatmap(t, by="era").axes[0].get_ylabel()
    '关键词'
    """
    groups = _groups(table, by, documents)
    terms = list(dict.fromkeys(table["term"]))
    wide = (table.pivot_table(index="term", columns=by, values="per_10k", aggfunc="sum",
                              fill_value=0.0, sort=False)
            .reindex(index=terms, columns=groups, fill_value=0.0))
    values = wide.to_numpy(dtype=float)
    ncol = max(len(groups), 1)
    what = {"doc_id": ("各文件", "by document"), "era": ("各时期", "by era"),
            "city": ("各城市", "by city")}.get(by, (by, f"by {by}"))
    title = title or label(f"政策关键词频率（每万词，{what[0]}）",
                           f"Policy keyword frequency per 10,000 words, {what[1]}",
                           english=english)
    width = min(3.4 + 1.15 * ncol + (1.0 if english else 0.0), 16)
    fig, ax = new_figure(width=max(width, _text_width(title) + 0.4),
                         height=max(3.2, 0.34 * len(terms) + 1.9))
    vmax = float(values.max()) if values.size else 1.0
    im = ax.imshow(values, aspect="auto", cmap="YlGnBu", vmin=0, vmax=vmax or 1.0)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            ax.text(j, i, "–" if v == 0 else f"{v:.0f}" if v >= 10 else f"{v:.1f}",
                    ha="center", va="center", fontsize=8.5,
                    color="white" if v > 0.6 * vmax else "#333333")
    col_labels = [group_label(g, by, english=english, documents=documents) for g in groups]
    ax.set_xticks(range(len(groups)), col_labels, rotation=0 if len(groups) <= 6 else 45,
                  ha="center" if len(groups) <= 6 else "right", fontsize=9.5)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(terms)), [term_label(t, english=english) for t in terms], fontsize=9.5)
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    if by == "doc_id" and documents is not None and "era" in documents.columns:
        era = dict(zip(documents["doc_id"], documents["era"], strict=False))
        for j in range(1, len(groups)):
            if era.get(groups[j]) != era.get(groups[j - 1]):
                ax.axvline(j - 0.5, color="white", linewidth=4)
    cbar = fig.colorbar(im, ax=ax, shrink=0.6, pad=0.02)
    cbar.set_label(label("每万词出现次数", "per 10,000 words", english=english))
    ax.set_ylabel(label("关键词", "Keyword", english=english))
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    return fig


def plot_wordclouds(
    grouped: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str = "doc_id",
    weight: str = "count",
    max_words: int = 60,
    ncols: int | None = None,
    random_state: int = 0,
    english: bool = False,
    title: str | None = None,
) -> Figure:
    """Word clouds of term frequencies, one panel per document (or era, city ...).

    Parameters
    ----------
    grouped : DataFrame
        :func:`analysis.stats.frequency.group_terms` output for the same ``by`` (or the
        ``terms`` table with ``by="doc_id"``).
    documents : DataFrame, optional
        The ``documents`` table, for city-and-year panel titles and year order.
    by : str, keyword-only
        The grouping column.
    weight : {"count", "per_10k", "tfidf"}, keyword-only
        What sizes the words.
    max_words : int, keyword-only
        Words per cloud.
    ncols : int, optional
        Panels per row.
    random_state : int, keyword-only
        The layout seed (same seed, same picture).
    english : bool, keyword-only
        English titles (the words stay Chinese).
    title : str, optional
        Replaces the default title.

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"doc_id": ["a", "a"], "term": ["科技", "人才"], "count": [5, 3]})
    >>> len(plot_wordclouds(g).axes)
    1
    """
    groups = _groups(grouped, by, documents)
    nrows, cols = _grid(max(len(groups), 1), ncols)
    single = len(groups) == 1
    if single:
        title = title or label(
            f"高频词词云：{group_label(groups[0], by, documents=documents)}（字号表示出现次数）",
            f"Word cloud: frequent words in "
            f"{group_label(groups[0], by, english=True, documents=documents)} "
            "(size = occurrences)", english=english)
    else:
        what = {"doc_id": ("各文件", "each document"), "era": ("各时期", "each era"),
                "city": ("各城市", "each city")}.get(by, (by, by))
        title = title or label(f"词云：{what[0]}高频词（字号表示出现次数）",
                               f"Word clouds: frequent words in {what[1]} "
                               "(size = occurrences)", english=english)
    panel_w, panel_h = (6.4, 4.0) if single else (4.6, 3.2)
    fig, axes = new_figure(width=max(panel_w * cols, _text_width(title) + 0.4),
                           height=panel_h * nrows + 0.45, nrows=nrows, ncols=cols,
                           squeeze=False)
    flat = axes.ravel()
    for ax, g in zip(flat, groups, strict=False):
        part = grouped.loc[grouped[by] == g]
        freqs = dict(zip(part["term"], part[weight], strict=True))
        ax.set_axis_off()
        name = "" if single else group_label(g, by, english=english, documents=documents)
        try:
            img = wordcloud_image(freqs, max_words=max_words, random_state=random_state)
        except ValueError:
            _no_data(ax, english)
            ax.set_title(name, fontsize=11)
            continue
        ax.imshow(img, interpolation="bilinear")
        ax.set_title(name, fontsize=12)
    for ax in flat[len(groups):]:
        ax.set_axis_off()
    if not groups:
        _no_data(flat[0], english)
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    return fig


def plot_tfidf_terms(
    keywords: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    n: int = 10,
    ncols: int | None = None,
    english: bool = False,
    title: str | None = None,
) -> Figure:
    """Small multiples: each document's highest TF-IDF terms.

    Parameters
    ----------
    keywords : DataFrame
        Ranked terms per document: the build's ``keywords`` table or
        :func:`analysis.stats.frequency.distinctive_terms` (``doc_id, term, tfidf``, optionally
        ``rank``).
    documents : DataFrame, optional
        The ``documents`` table, for city-and-year panel titles and year order.
    n : int, keyword-only
        Terms per panel.
    ncols : int, optional
        Panels per row.
    english : bool, keyword-only
        English labels and glosses.
    title : str, optional
        Replaces the default title.

    Examples
    --------
    >>> import pandas as pd
    >>> k = pd.DataFrame({"doc_id": ["a", "a"], "term": ["京津", "皮革"], "tfidf": [.2, .1]})
    >>> plot_tfidf_terms(k).axes[0].get_xlabel()
    'TF-IDF 权重'
    """
    groups = _groups(keywords, "doc_id", documents)
    nrows, cols = _grid(max(len(groups), 1), ncols)
    wide = 3.6 if english else 3.2
    title = title or label(f"TF-IDF 最高的词（各文件前{n}个）",
                           f"Highest TF-IDF terms (top {n} per document)", english=english)
    fig, axes = new_figure(width=max(wide * cols + 0.6, _text_width(title) + 0.4),
                           height=(0.26 * n + 1.0) * nrows + 0.6,
                           nrows=nrows, ncols=cols, squeeze=False)
    flat = axes.ravel()
    for ax, g in zip(flat, groups, strict=False):
        part = keywords.loc[keywords["doc_id"] == g]
        part = part.sort_values(["tfidf", "term"], ascending=[False, True]).head(n)
        _bars(ax, list(part["term"]), [float(v) for v in part["tfidf"]], english=english,
              color=PALETTE[1], fmt="{:.2f}")
        ax.set_title(group_label(g, "doc_id", english=english, documents=documents),
                     loc="left", fontsize=11)
        ax.tick_params(axis="x", labelsize=8)
    for ax in flat[len(groups):]:
        ax.set_axis_off()
    if not groups:
        _no_data(flat[0], english)
    for ax in axes[-1]:
        if ax.axison:
            ax.set_xlabel(label("TF-IDF 权重", "TF-IDF weight", english=english), fontsize=9)
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    return fig


def plot_distinctive_terms(
    distinctive: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    n: int = 10,
    ncols: int | None = None,
    english: bool = False,
) -> Figure:
    """Small multiples: each document's distinctive terms, the highest TF-IDF terms among
    those not every document uses (:func:`analysis.stats.frequency.distinctive_terms`).

    Same layout as :func:`plot_tfidf_terms`, with a title that says what was left out.

    Examples
    --------
    >>> import pandas as pd
    >>> k = pd.DataFrame({"doc_id": ["a"], "term": ["京津"], "tfidf": [.2]})
    >>> plot_distinctive_terms(k, english=True).texts[0].get_text()[:17]
    'Distinctive terms'
    """
    title = label(f"区分性词语：TF-IDF 最高、且并非每份文件都用的词（各文件前{n}个）",
                  f"Distinctive terms: highest TF-IDF among terms not used by every "
                  f"document (top {n})", english=english)
    return plot_tfidf_terms(distinctive, documents, n=n, ncols=ncols, english=english,
                            title=title)


def plot_tfidf_heatmap(
    profile: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    english: bool = False,
    title: str | None = None,
) -> Figure:
    """Distinctive terms × documents: each document's top TF-IDF terms and their weight in
    every other document, so one sees whether a term is exclusive or shared.

    Parameters
    ----------
    profile : DataFrame
        :func:`analysis.stats.frequency.tfidf_profile` output (``doc_id, term, tfidf, source``).
    documents : DataFrame, optional
        The ``documents`` table, for labels and year order.
    english : bool, keyword-only
        English labels and glosses.
    title : str, optional
        Replaces the default title.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"doc_id": ["a", "b"], "term": ["京津", "京津"], "tfidf": [.3, 0.0],
    ...                   "source": ["a", "a"]})
    >>> plot_tfidf_heatmap(p).axes[0].get_ylabel()
    '区分性词语（按来源文件分组）'
    """
    groups = _groups(profile, "doc_id", documents)
    sources = [g for g in groups if g in set(profile["source"])]
    terms: list[str] = []
    for s in sources:
        part = profile.loc[(profile["source"] == s) & (profile["doc_id"] == s)]
        terms += [t for t in part.sort_values(["tfidf", "term"], ascending=[False, True])["term"]
                  if t not in terms]
    wide = (profile.pivot_table(index="term", columns="doc_id", values="tfidf", aggfunc="max",
                                fill_value=0.0, sort=False)
            .reindex(index=terms, columns=groups, fill_value=0.0))
    values = wide.to_numpy(dtype=float)
    title = title or label("各文件区分性词语在其他文件中的权重",
                           "Each document's distinctive terms, weighted in every document",
                           english=english)
    width = min(3.6 + 1.15 * max(len(groups), 1) + (1.0 if english else 0), 16)
    fig, ax = new_figure(width=max(width, _text_width(title) + 0.4),
                         height=max(3.2, 0.3 * len(terms) + 1.9))
    vmax = float(values.max()) if values.size else 1.0
    im = ax.imshow(values, aspect="auto", cmap="Oranges", vmin=0, vmax=vmax or 1.0)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            ax.text(j, i, "–" if v == 0 else f"{v:.2f}", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 * vmax else "#333333")
    ax.set_xticks(range(len(groups)),
                  [group_label(g, "doc_id", english=english, documents=documents)
                   for g in groups], fontsize=9.5)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(terms)), [term_label(t, english=english) for t in terms], fontsize=9)
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    start = 0
    src = profile.drop_duplicates("term").set_index("term")["source"]
    for s in sources:
        count = sum(1 for t in terms if src.get(t) == s)
        if start:
            ax.axhline(start - 0.5, color="white", linewidth=3)
        start += count
    cbar = fig.colorbar(im, ax=ax, shrink=0.6, pad=0.02)
    cbar.set_label(label("TF-IDF 权重", "TF-IDF weight", english=english))
    ax.set_ylabel(label("区分性词语（按来源文件分组）", "Distinctive terms (grouped by source)",
                        english=english))
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    return fig

