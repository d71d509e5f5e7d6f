"""Figures for document structure and evidence: lexical dispersion ("x-ray"), outline
profiles and the lead/cooperate roles of agencies in a task table.

Each function takes a tidy table as computed by :mod:`analysis.lexicon.concordance` or
:mod:`analysis.structure` (and written by the build) and only draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.plots.labels import document_names, gloss, label, term_label
from analysis.plots.style import PALETTE, new_figure, nothing_to_show

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_agency_network", "plot_agency_roles", "plot_dispersion", "plot_outline"]

_NO_TASK_TABLE = {
    False: "这些文件中没有任务分解表(牵头单位/配合单位)",
    True: "no task table (lead units 牵头单位 / cooperating units 配合单位) in these documents",
}

_LEVEL_NAMES = {
    1: ("一级 一、", "level 1 (一、)"),
    2: ("二级 (一)", "level 2 ((一))"),
    3: ("三级 1.", "level 3 (1.)"),
    4: ("四级 (1)", "level 4 ((1))"),
    5: ("列举 一是/—", "enumerations (一是/—)"),
}


def _doc_order(table: pd.DataFrame, docs: Sequence[str] | None,
               documents: pd.DataFrame | None = None) -> list[str]:
    if docs is not None:
        return list(docs)
    col = table["doc_id"]
    if hasattr(col, "cat"):
        return [str(c) for c in col.cat.categories]
    present = list(dict.fromkeys(col.astype(str)))
    if documents is not None and "doc_id" in documents.columns:
        # the corpus order, keeping documents the table does not name at the end
        known = [str(d) for d in documents["doc_id"] if str(d) in set(present)]
        return known + [d for d in present if d not in set(known)]
    return present


def plot_dispersion(
    table: pd.DataFrame,
    documents: pd.DataFrame | None = None,
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
        From :func:`analysis.lexicon.dispersion` (``doc_id, term, position``).
    documents : DataFrame, optional
        The build's ``documents`` table: rows are labelled "赤峰市 2023" (city and year).
    docs : list of str, keyword-only
        Rows to draw, top to bottom (default: the table's documents, including those
        without hits when ``doc_id`` is categorical).
    labels : mapping, keyword-only
        Row labels per ``doc_id`` (e.g. ``{"xinji_2022": "辛集 2022"}``); overrides
        ``documents``.
    english : bool, keyword-only
        English title, axis labels and term glosses.

    A table without documents gives a "nothing to show" figure.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.lexicon import dispersion
    >>> fig = plot_dispersion(dispersion(load_corpus(), ["科技特派员", "人才"]))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
    ['chifeng_2023', 'xinji_2022']
    """
    order = _doc_order(table, docs, documents)
    default_title = label("词语在各文件中的分布", "Where the terms occur in each document",
                          english=english)
    if not order:
        return nothing_to_show(
            title or default_title,
            label("没有文件可显示(先运行 dispersion())",
                "the table has no documents (run dispersion() first)",
                english=english),
            english=english,
        )
    names = document_names(labels if labels is not None else documents, english=english)
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
                   label=f"{term_label(term, english=english)} ({len(xs)})")
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([names.get(d, d) for d in order])
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(0.0, 1.0)
    for i in range(len(order) - 1):
        ax.axhline(i + 0.5, color="#dddddd", linewidth=0.6)
    ax.set_xlabel(label("在文中的相对位置(0 = 开头,1 = 结尾)",
                        "relative position in the document (0 = start, 1 = end)",
                        english=english))
    ax.set_title(title or default_title)
    legend_chars = sum(len(t.get_label()) for t in ax.collections)
    ncol = min(len(terms), 4 if legend_chars <= 70 else 2)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.02 * len(order) / 5),
              ncol=max(ncol, 1), frameon=False)
    return fig


def plot_outline(outline: pd.DataFrame, documents: pd.DataFrame | None = None, *,
                 docs: Sequence[str] | None = None,
                 labels: Mapping[str, str] | None = None, english: bool = False,
                 title: str | None = None) -> Figure:
    """Outline profile: number of outline items at each level, one bar per document.

    Parameters
    ----------
    outline : DataFrame
        From :func:`analysis.structure.outline_summary` (``doc_id, level, n``).
    documents : DataFrame, optional
        The build's ``documents`` table: bars are labelled "赤峰市 2023" (city and year),
        and documents without any outline get an empty bar.
    docs : list of str, keyword-only
        Bars to draw, top to bottom.
    labels : mapping, keyword-only
        Bar labels per ``doc_id``; overrides ``documents``.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.structure import clause_table, outline_summary
    >>> fig = plot_outline(outline_summary(clause_table(load_corpus())))
    >>> len(fig.axes[0].patches) > 0
    True
    """
    order = _doc_order(outline, docs, documents)
    if documents is not None and docs is None:
        order += [str(d) for d in documents["doc_id"] if str(d) not in set(order)]
    default_title = label("各文件的提纲层级", "Outline of each document", english=english)
    if outline.empty:
        return nothing_to_show(
            title or default_title,
            label("这些文件没有可识别的提纲(一、/(一)/1.)",
                "no outline (一、/(一)/1.) was found in these documents",
                english=english),
            english=english,
        )
    names = document_names(labels if labels is not None else documents, english=english)
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
    ax.set_yticklabels([names.get(d, d) for d in order])
    ax.invert_yaxis()
    ax.set_xlabel(label("条目数", "number of outline items", english=english))
    ax.set_title(title or default_title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14 - 0.03 * 5 / max(len(order), 1)),
              ncol=min(len(levels), 5), frameon=False, fontsize=9)
    return fig


def plot_agency_roles(agencies: pd.DataFrame, documents: pd.DataFrame | None = None, *,
                      doc_id: str | None = None, top: int = 20,
                      english: bool = False, title: str | None = None) -> Figure:
    """How often each unit leads (牵头) or cooperates (配合) on the measures of a task table.

    An empty table (a corpus without a task table) gives a "nothing to show" figure.

    Parameters
    ----------
    agencies : DataFrame
        From :func:`analysis.structure.agency_table`.
    documents : DataFrame, optional
        The build's ``documents`` table, to name the document "嘉峪关市 2020".
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
        return nothing_to_show(
            title or label(
                "牵头与配合单位", "Lead and cooperating units", english=english),
            _NO_TASK_TABLE[english],
            english=english,
        )
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
    name = document_names(documents, english=english).get(doc_id, doc_id)
    ax.set_title(title or label(f"牵头与配合单位({name})",
                                f"Lead and cooperating units ({name})", english=english))
    ax.legend(loc="lower right", frameon=False)
    return fig


def _em_width(text: str) -> float:
    """Width of ``text`` in ems: CJK characters about 1 em, others about 0.55."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def plot_agency_network(edges: pd.DataFrame, agencies: pd.DataFrame | None = None,
                        documents: pd.DataFrame | None = None, *, doc_id: str | None = None,
                        min_weight: int = 1, english: bool = False,
                        title: str | None = None) -> Figure:
    """Who leads whom: the lead → cooperate network of the units of a task table.

    Drawn as a two-column network so every label stays readable: lead units (牵头) on the
    left, cooperating units (配合) on the right, one curve per pair of units, as wide as the
    number of measures on which the left unit leads and the right one cooperates. A unit
    that both leads and cooperates appears in both columns. Co-lead links (two units that
    lead the same measure) are in the table but not drawn.

    Parameters
    ----------
    edges : DataFrame
        From :func:`analysis.structure.agency_edges` (``doc_id, source, target, relation,
        weight``); only ``relation == "lead-cooperate"`` rows are drawn.
    agencies : DataFrame, optional
        From :func:`analysis.structure.agency_table`: labels then show how many measures
        each unit leads (left) or cooperates on (right).
    documents : DataFrame, optional
        The build's ``documents`` table, to name the document "嘉峪关市 2020".
    doc_id : str, keyword-only
        The task table to draw (default: the first in ``edges``).
    min_weight : int, keyword-only
        Draw only pairs linked by at least this many measures.
    english : bool, keyword-only
        English title and glossed unit names.

    Returns
    -------
    Figure
        A "nothing to show" figure when there is no task table (or no link is left).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.structure import agency_edges, clause_table, responsibilities
    >>> e = agency_edges(responsibilities(clause_table(load_corpus())))
    >>> fig = plot_agency_network(e, min_weight=2)
    >>> [t.get_text() for t in fig.axes[0].texts][:3]
    ['市科技局', '市工信局', '市财政局']
    """
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    default_title = label("牵头单位与配合单位的合作网络", "Who leads and who cooperates",
                          english=english)
    lc = edges.loc[edges["relation"] == "lead-cooperate"] if not edges.empty else edges
    if lc.empty:
        return nothing_to_show(
            title or default_title,
            _NO_TASK_TABLE[english],
            english=english,
        )
    doc_id = doc_id or str(lc["doc_id"].iloc[0])
    sub = lc.loc[(lc["doc_id"] == doc_id) & (lc["weight"] >= min_weight)]
    name = document_names(documents, english=english).get(doc_id, doc_id)
    if sub.empty:
        have = sorted(set(lc["doc_id"]))
        why = (label(f"{name} 没有至少 {min_weight} 项措施的牵头—配合关系",
                     f"{name} has no lead–cooperate link of at least {min_weight} measures",
                     english=english) if doc_id in have else
               label(f"{doc_id} 不是任务分解表;有任务分解表的文件:{'、'.join(have)}",
                     f"{doc_id} has no task table; documents with one: {', '.join(have)}",
                     english=english))
        return nothing_to_show(
            title or default_title,
            why,
            english=english,
        )
    out_w = sub.groupby("source")["weight"].sum()
    in_w = sub.groupby("target")["weight"].sum()
    left = sorted(out_w.index, key=lambda u: (-int(out_w[u]), u))
    right = sorted(in_w.index, key=lambda u: (-int(in_w[u]), u))
    counts: dict[tuple[str, str], int] = {}
    if agencies is not None and not agencies.empty:
        ag = agencies.loc[agencies["doc_id"] == doc_id]
        for rec in ag.to_dict("records"):
            counts[(rec["unit"], "lead")] = int(rec["n_lead"])
            counts[(rec["unit"], "cooperate")] = int(rec["n_cooperate"])

    def text(unit: str, role: str) -> str:
        shown = gloss(unit, english=english)
        n = counts.get((unit, role))
        return f"{shown} ({n})" if n is not None else shown

    ltexts = [text(u, "lead") for u in left]
    rtexts = [text(u, "cooperate") for u in right]
    fontsize = 10.0
    em = fontsize / 72  # inches
    left_in = max(_em_width(t) for t in ltexts) * em + 0.25
    right_in = max(_em_width(t) for t in rtexts) * em + 0.25
    middle_in = 4.5
    rows = max(len(left), len(right))
    fig, ax = new_figure(width=left_in + middle_in + right_in + 0.4,
                         height=1.5 + 0.34 * rows)
    ax.set_xlim(-left_in / middle_in, 1 + right_in / middle_in)
    ax.set_ylim(rows - 0.4, -1.2)

    def ys(n: int) -> np.ndarray:  # both columns span the same height
        return np.linspace(0, rows - 1, n) if n > 1 else np.array([(rows - 1) / 2])

    ly = dict(zip(left, ys(len(left)), strict=True))
    ry = dict(zip(right, ys(len(right)), strict=True))
    colors = {u: PALETTE[k % len(PALETTE)] for k, u in enumerate(left)}
    wmax = float(sub["weight"].max())
    for rec in sub.sort_values(["weight", "source", "target"]).to_dict("records"):
        y0, y1 = ly[rec["source"]], ry[rec["target"]]
        path = Path([(0, y0), (0.5, y0), (0.5, y1), (1, y1)],
                    [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
        ax.add_patch(PathPatch(path, facecolor="none", edgecolor=colors[rec["source"]],
                               lw=0.6 + 4.0 * float(rec["weight"]) / wmax, alpha=0.55,
                               zorder=1))
    smax = float(max(out_w.max(), in_w.max()))
    for units, pos, weights, x, ha, texts in ((left, ly, out_w, 0.0, "right", ltexts),
                                              (right, ry, in_w, 1.0, "left", rtexts)):
        for u, t in zip(units, texts, strict=True):
            size = 30 + 220 * np.sqrt(float(weights[u]) / smax)
            ax.scatter([x], [pos[u]], s=size, zorder=3, edgecolor="white",
                       color=colors.get(u, "#9aa5b1") if ha == "right" else "#9aa5b1")
            dx = -0.03 if ha == "right" else 0.03
            ax.text(x + dx, pos[u], t, ha=ha, va="center", fontsize=fontsize, zorder=4)
    ax.text(0, -0.95, label("牵头单位 →", "lead unit →", english=english), ha="right",
            va="center", fontsize=11, color="#333333")
    ax.text(1, -0.95, label("→ 配合单位", "→ cooperating unit", english=english), ha="left",
            va="center", fontsize=11, color="#333333")
    ax.set_axis_off()
    n_measures = label("括号内为措施数;线宽 = 同时牵头与配合的措施数",
                       "measures in brackets; line width = measures the pair shares",
                       english=english)
    ax.set_title(title or f"{default_title}({name})\n{n_measures}" if not english else
                 title or f"{default_title} ({name})\n{n_measures}", fontsize=12)
    return fig
