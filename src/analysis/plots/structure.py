"""Figures for document structure and evidence: lexical dispersion ("x-ray"), outline
profiles and the lead/cooperate roles of agencies in a task table.

Each function takes a tidy table as computed by :mod:`analysis.evidence` or
:mod:`analysis.structure` (and written by the build) and only draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from analysis.plots import PALETTE, gloss, label, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["plot_agency_roles", "plot_dispersion", "plot_outline"]

_LEVEL_NAMES = {
    1: ("一级 一、", "level 1 (一、)"),
    2: ("二级 (一)", "level 2 ((一))"),
    3: ("三级 1.", "level 3 (1.)"),
    4: ("四级 (1)", "level 4 ((1))"),
    5: ("列举 一是/—", "enumerations (一是/—)"),
}


def _doc_order(table: pd.DataFrame, docs: Sequence[str] | None) -> list[str]:
    if docs is not None:
        return list(docs)
    col = table["doc_id"]
    if hasattr(col, "cat"):
        return [str(c) for c in col.cat.categories]
    return list(dict.fromkeys(col.astype(str)))


def plot_dispersion(
    table: pd.DataFrame,
    *,
    docs: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
    english: bool = False,
    title: str | None = None,
    width: float = 9.0,
) -> Figure:
    """Lexical dispersion: where in each document (0 = start, 1 = end) the terms occur.

    One row per document; each term has its own colour and a lane inside the row, one tick
    per occurrence.

    Parameters
    ----------
    table : DataFrame
        From :func:`analysis.evidence.dispersion` (``doc_id, term, position``).
    docs : list of str, keyword-only
        Rows to draw, top to bottom (default: the table's documents, including those
        without hits when ``doc_id`` is categorical).
    labels : mapping, keyword-only
        Row labels per ``doc_id`` (e.g. ``{"xinji_2022": "辛集 2022"}``).
    english : bool, keyword-only
        English title, axis labels and term glosses.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.evidence import dispersion
    >>> fig = plot_dispersion(dispersion(load_corpus(), ["科技特派员", "人才"]))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
    ['chifeng_2023', 'xinji_2022']
    """
    order = _doc_order(table, docs)
    if not order:
        raise ValueError("plot_dispersion: the table has no documents; run dispersion() first")
    terms = ([str(t) for t in table["term"].cat.categories] if hasattr(table["term"], "cat")
             else list(dict.fromkeys(table["term"].astype(str))))
    n_terms = max(len(terms), 1)
    fig, ax = new_figure(width=width, height=1.2 + 0.55 * len(order) + 0.1 * n_terms)
    lane = 0.7 / n_terms
    for k, term in enumerate(terms):
        sub = table.loc[table["term"].astype(str) == term]
        rows = {d: i for i, d in enumerate(order)}
        ys = [rows[str(d)] - 0.35 + lane * (k + 0.5) for d in sub["doc_id"].astype(str)
              if str(d) in rows]
        xs = [p for p, d in zip(sub["position"], sub["doc_id"].astype(str), strict=True)
              if d in rows]
        ax.scatter(xs, ys, marker="|", s=(lane * 60) ** 2, linewidths=1.2,
                   color=PALETTE[k % len(PALETTE)],
                   label=f"{gloss(term, both=True) if english else term} ({len(xs)})")
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([(labels or {}).get(d, d) for d in order])
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(0.0, 1.0)
    for i in range(len(order) - 1):
        ax.axhline(i + 0.5, color="#dddddd", linewidth=0.6)
    ax.set_xlabel(label("在文中的相对位置(0 = 开头,1 = 结尾)",
                        "relative position in the document (0 = start, 1 = end)",
                        english=english))
    ax.set_title(title or label("词语在各文件中的分布", "Where the terms occur in each document",
                                english=english))
    legend_chars = sum(len(t.get_label()) for t in ax.collections)
    ncol = min(len(terms), 4 if legend_chars <= 70 else 2)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.02 * len(order) / 5),
              ncol=max(ncol, 1), frameon=False)
    return fig


def plot_outline(outline: pd.DataFrame, *, docs: Sequence[str] | None = None,
                 labels: Mapping[str, str] | None = None, english: bool = False,
                 title: str | None = None) -> Figure:
    """Outline profile: number of outline items at each level, one bar per document.

    Parameters
    ----------
    outline : DataFrame
        From :func:`analysis.structure.outline_summary` (``doc_id, level, n``).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.structure import clause_table, outline_summary
    >>> fig = plot_outline(outline_summary(clause_table(load_corpus())))
    >>> len(fig.axes[0].patches) > 0
    True
    """
    order = _doc_order(outline, docs)
    levels = sorted({int(v) for v in outline["level"]})
    fig, ax = new_figure(width=8.5, height=1.5 + 0.55 * len(order))
    left = [0] * len(order)
    for k, level in enumerate(levels):
        sub = outline.loc[outline["level"] == level].set_index("doc_id")["n"]
        vals = [int(sub.get(d, 0)) for d in order]
        zh, en = _LEVEL_NAMES.get(level, (f"{level}级", f"level {level}"))
        ax.barh(range(len(order)), vals, left=left, color=PALETTE[k % len(PALETTE)],
                label=en if english else zh, height=0.6)
        for i, (v, l0) in enumerate(zip(vals, left, strict=True)):
            if v >= 3:
                ax.text(l0 + v / 2, i, str(v), ha="center", va="center", fontsize=8,
                        color="white")
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([(labels or {}).get(d, d) for d in order])
    ax.invert_yaxis()
    ax.set_xlabel(label("条目数", "number of outline items", english=english))
    ax.set_title(title or label("各文件的提纲层级", "Outline of each document",
                                english=english))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14 - 0.03 * 5 / max(len(order), 1)),
              ncol=min(len(levels), 5), frameon=False, fontsize=9)
    return fig


def plot_agency_roles(agencies: pd.DataFrame, *, doc_id: str | None = None, top: int = 20,
                      english: bool = False, title: str | None = None) -> Figure:
    """How often each unit leads (牵头) or cooperates (配合) on the measures of a task table.

    Parameters
    ----------
    agencies : DataFrame
        From :func:`analysis.structure.agency_table`.
    doc_id : str, keyword-only
        The task table to draw (default: the first in the table).
    top : int, keyword-only
        Units to show, most involved first.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.structure import agency_table, clause_table, responsibilities
    >>> ag = agency_table(responsibilities(clause_table(load_corpus())))
    >>> fig = plot_agency_roles(ag, english=True)
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    'S&T Bureau'
    """
    if agencies.empty:
        raise ValueError("plot_agency_roles: the agency table is empty (no task table in "
                         "this corpus)")
    doc_id = doc_id or str(agencies["doc_id"].iloc[0])
    sub = agencies.loc[agencies["doc_id"] == doc_id].head(top)
    if sub.empty:
        raise ValueError(f"plot_agency_roles: no units for {doc_id!r}; documents with a task "
                         f"table: {sorted(set(agencies['doc_id']))}")
    names = [gloss(u, english=english) for u in sub["unit"]]
    fig, ax = new_figure(width=8.5, height=1.4 + 0.32 * len(sub))
    y = range(len(sub))
    ax.barh(y, sub["n_lead"], color=PALETTE[0], height=0.65,
            label=label("牵头", "lead", english=english))
    ax.barh(y, sub["n_cooperate"], left=sub["n_lead"], color=PALETTE[1], height=0.65,
            label=label("配合", "cooperate", english=english))
    ax.set_yticks(list(y))
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(label("涉及的措施数", "number of measures", english=english))
    ax.set_title(title or label(f"牵头与配合单位({doc_id})",
                                f"Lead and cooperating units ({doc_id})", english=english))
    ax.legend(loc="lower right", frameon=False)
    return fig
