"""Figures of the corpus itself: which documents, how long, what their tokens are.

A document is called "赤峰市 2023" (or "Chifeng 2023" with ``english=True``), as in every
figure (:func:`analysis.plots.labels.document_labels`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.plots.labels import _text, document_labels, label
from analysis.plots.style import PALETTE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CATEGORY_LABELS",
    "plot_document_lengths",
    "plot_document_timeline",
    "plot_token_composition",
]

#: Token categories of :func:`analysis.stats.frequency.token_composition`: (Chinese, English).
CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "kept": ("计入分析的词", "words counted"),
    "function_word": ("虚词（的、和…）", "function words (的, 和 …)"),
    "policy_word": ("政策套话（加强、推进…）", "policy boilerplate (加强, 推进 …)"),
    "single_char": ("单字词", "single characters"),
    "number": ("数字", "numbers"),
    "punct": ("标点", "punctuation"),
    "other": ("其他符号", "other symbols"),
}


def _ordered(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents sorted by year (then corpus order), the reading order of the figures."""
    docs = documents.reset_index(drop=True)
    if "year" in docs.columns:
        docs = docs.assign(_pos=range(len(docs))).sort_values(["year", "_pos"], kind="stable")
        docs = docs.drop(columns="_pos")
    return docs


def plot_document_timeline(documents: pd.DataFrame, *, english: bool = False) -> Figure:
    """Which documents the corpus holds: one row per document at its year, marked with
    its type; an inferred year (``year_inferred``) is drawn hollow.

    Parameters
    ----------
    documents : DataFrame
        The build's ``documents`` table (``doc_id, city, year``; ``doc_type``,
        ``doc_type_en``, ``year_inferred`` are used when present).
    english : bool, keyword-only
        English labels.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "city": ["杭州市"], "year": [2021]})
    >>> plot_document_timeline(docs).axes[0].get_xlabel()
    '年份'
    """
    if len(documents) > _TIMELINE_MAX:
        return _documents_per_year(documents, english=english)
    docs = _ordered(documents).iloc[::-1].reset_index(drop=True)
    labels = document_labels(docs, english=english)
    n = len(docs)
    fig, ax = new_figure(width=8.5, height=max(2.4, 0.55 * n + 1.4))
    years = docs["year"].astype(float).to_numpy() if n else []
    inferred = (docs["year_inferred"].fillna(False).astype(bool).to_numpy()
                if "year_inferred" in docs.columns else [False] * n)
    for i, (year, inf) in enumerate(zip(years, inferred, strict=True)):
        ax.scatter([year], [i], s=90, zorder=3, color=PALETTE[0],
                   facecolors="white" if inf else PALETTE[0], linewidths=1.8)
        row = docs.iloc[i]
        kind = _text(row.get("doc_type_en")) if english else ""
        kind = kind or _text(row.get("doc_type"))
        if inf:
            kind += " (year inferred)" if english else "（年份为推断）"
        ax.annotate(kind, (year, i), xytext=(9, 0), textcoords="offset points",
                    va="center", fontsize=9.5)
    ax.set_yticks(range(n), [labels[d] for d in docs["doc_id"]])
    ax.set_ylim(-0.7, n - 0.3)
    if n:
        lo, hi = float(min(years)), float(max(years))
        span = max(hi - lo, 4.0)
        ax.set_xlim(lo - 0.08 * span, hi + 0.45 * span)
        step = 1 if span <= 8 else 2 if span <= 16 else 5
        first = int(lo) - int(lo) % step
        ax.set_xticks(range(first, int(hi) + 1, step))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(label("年份", "Year", english=english))
    ax.set_ylabel(label("文件（城市 年份）", "Document (city, year)", english=english))
    ax.set_title(label("语料中的文件：城市、年份与文种",
                       "Documents in the corpus: city, year and type", english=english),
                 loc="left")
    return fig


#: Above this many documents the timeline counts documents per year and group.
_TIMELINE_MAX = 20


def _documents_per_year(documents: pd.DataFrame, *, english: bool) -> Figure:
    """Documents per year, stacked by the corpus's grouping (a large corpus's timeline)."""
    from analysis.plots.groups import attach_data
    from analysis.stats.periods import choose_grouping

    by = choose_grouping(documents)
    d = documents.loc[documents["year"].notna()].copy()
    d["year"] = d["year"].astype(int)
    d["group"] = d[by].fillna("").astype(str) if by else ""
    table = d.pivot_table(index="year", columns="group", values="doc_id", aggfunc="count",
                          fill_value=0).sort_index()
    fig, ax = new_figure(width=8.0, height=4.2)
    bottom = np.zeros(len(table))
    for i, g in enumerate(table.columns):
        ax.bar(table.index, table[g], bottom=bottom, color=PALETTE[i % len(PALETTE)],
               label=g or label("(未知)", "(unknown)", english=english))
        bottom += table[g].to_numpy()
    if by:
        ax.legend(title=by, fontsize=8, frameon=False)
    ax.set_xlabel(label("年份", "Year", english=english))
    ax.set_ylabel(label("文件数", "Documents", english=english))
    ax.set_title(label(f"语料中的文件:每年 {len(documents)} 份文件的分布",
                       f"Documents in the corpus: {len(documents)} documents per year",
                       english=english), loc="left")
    long = table.reset_index().melt(id_vars="year", var_name="group", value_name="n_docs")
    return attach_data(fig, long.assign(by=by or ""))


def plot_document_lengths(documents: pd.DataFrame, *, english: bool = False) -> Figure:
    """How long each document is: characters (left) and word tokens, all and counted
    after stopword removal (right).

    Parameters
    ----------
    documents : DataFrame
        The build's ``documents`` table (``doc_id, n_chars, n_words, n_kept``).
    english : bool, keyword-only
        English labels.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "city": ["杭州市"], "year": [2021],
    ...                      "n_chars": [900], "n_words": [400], "n_kept": [250]})
    >>> len(plot_document_lengths(docs).axes)
    2
    """
    docs = _ordered(documents).iloc[::-1].reset_index(drop=True)
    labels = [document_labels(docs, english=english)[d] for d in docs["doc_id"]]
    n = len(docs)
    fig, (left, right) = new_figure(width=10, height=max(2.6, 0.55 * n + 1.6), ncols=2,
                                    sharey=True)
    y = list(range(n))
    chars = docs["n_chars"].astype(int).to_numpy()
    left.barh(y, chars, color=PALETTE[0], height=0.6)
    for yi, v in zip(y, chars, strict=True):
        left.annotate(f"{v:,}", (v, yi), xytext=(3, 0), textcoords="offset points",
                      va="center", fontsize=9)
    left.set_yticks(y, labels)
    left.set_xlim(0, chars.max() * 1.22 if n else 1)
    left.set_xlabel(label("字符数", "Characters", english=english))
    left.set_title(label("字符数", "Characters", english=english), loc="left", fontsize=11)
    words = docs["n_words"].astype(int).to_numpy()
    kept = docs["n_kept"].astype(int).to_numpy()
    h = 0.38
    right.barh([v + h / 2 for v in y], words, height=h, color=PALETTE[1],
               label=label("全部词", "all words", english=english))
    right.barh([v - h / 2 for v in y], kept, height=h, color=PALETTE[2],
               label=label("计入分析的词（去停用词后）", "words counted (stopwords removed)",
                           english=english))
    for yi, v in zip(y, words, strict=True):
        right.annotate(f"{v:,}", (v, yi + h / 2), xytext=(3, 0), textcoords="offset points",
                       va="center", fontsize=8.5)
    for yi, v in zip(y, kept, strict=True):
        right.annotate(f"{v:,}", (v, yi - h / 2), xytext=(3, 0), textcoords="offset points",
                       va="center", fontsize=8.5)
    right.set_xlim(0, words.max() * 1.22 if n else 1)
    right.set_xlabel(label("词数", "Word tokens", english=english))
    right.set_title(label("词数", "Word tokens", english=english), loc="left", fontsize=11)
    reach = words / (words.max() * 1.22) if n else words  # bar ends, as axis fractions
    if not n or reach[0] < 0.55:  # the legend sits beside the lowest bars, or the top ones
        right.legend(loc="lower right", frameon=False, fontsize=9)
    elif reach[-1] < 0.55:
        right.legend(loc="upper right", frameon=False, fontsize=9)
    else:  # long bars at both ends: above the panel
        right.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False,
                     fontsize=9)
    fig.suptitle(label("文件长度", "Document length", english=english),
                 fontsize=13, x=0.02, ha="left")
    return fig


def plot_token_composition(
    composition: pd.DataFrame, documents: pd.DataFrame | None = None, *, english: bool = False
) -> Figure:
    """What share of each document's tokens is counted, and what is filtered out.

    Parameters
    ----------
    composition : DataFrame
        :func:`analysis.stats.frequency.token_composition` output (``doc_id, category, share``).
    documents : DataFrame, optional
        The ``documents`` table, for city-and-year labels.
    english : bool, keyword-only
        English labels.

    Examples
    --------
    >>> import pandas as pd
    >>> comp = pd.DataFrame({"doc_id": ["a", "a"], "category": ["kept", "punct"],
    ...                      "n_tokens": [3, 1], "share": [0.75, 0.25]})
    >>> plot_token_composition(comp).axes[0].get_xlabel()
    '占全部词元的百分比（%）'
    """
    wide = composition.pivot_table(index="doc_id", columns="category", values="share",
                                   aggfunc="sum", fill_value=0.0, sort=False)
    cats = [c for c in CATEGORY_LABELS if c in wide.columns and wide[c].max() > 0]
    if documents is not None:
        docs = _ordered(documents.loc[documents["doc_id"].isin(wide.index)])
        order = list(docs["doc_id"])[::-1]
        names = document_labels(docs, english=english)
    else:
        order = list(dict.fromkeys(composition["doc_id"]))[::-1]
        names = {d: d for d in order}
    wide = wide.reindex(index=order, columns=cats, fill_value=0.0) * 100
    n = len(order)
    fig, ax = new_figure(width=10, height=max(2.8, 0.5 * n + 2.2))
    colors = dict(zip(CATEGORY_LABELS, [PALETTE[2], PALETTE[0], PALETTE[1], PALETTE[4],
                                        PALETTE[5], "#bbbbbb", "#dddddd"], strict=True))
    left = pd.Series(0.0, index=wide.index)
    for cat in cats:
        vals, color = wide[cat], colors[cat]
        zh, en = CATEGORY_LABELS[cat]
        ax.barh(range(n), vals, left=left, height=0.62, color=color,
                label=en if english else zh)
        for i, (v, start) in enumerate(zip(vals, left, strict=True)):
            if v >= 6:
                ax.text(start + v / 2, i, f"{v:.0f}%", ha="center", va="center", fontsize=8.5,
                        color="white" if cat != "punct" else "#333333")
        left = left + vals
    ax.set_yticks(range(n), [names.get(d, d) for d in order])
    ax.set_xlim(0, 100)
    ax.set_xlabel(label("占全部词元的百分比（%）", "Share of all tokens (%)", english=english))
    ax.set_title(label("词元构成：哪些词计入分析", "Token composition: which tokens are counted",
                       english=english), loc="left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16 if n > 3 else -0.25), ncol=4,
              frameon=False, fontsize=9)
    return fig
