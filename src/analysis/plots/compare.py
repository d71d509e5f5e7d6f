"""Figures for comparisons: keyness, similarity heatmap, dendrogram, document map, topics,
co-occurrence network, text reuse and the task-table copy ratio.

Each function takes the tidy tables of :mod:`analysis.stats` (keyness, similarity, topics, networks)
and :mod:`analysis.textreuse` (as the build writes them) and returns a
:class:`matplotlib.figure.Figure` with a title and axis labels that say what is shown.
``english=True`` writes titles and axes in English and adds English glosses to Chinese
terms where the glossary has one. The optional second argument ``docs`` (the build's
``documents`` table, a corpus or a ``{doc_id: name}`` mapping) names documents
``"赤峰市 2023"`` (``"Chifeng 2023"`` in English) instead of by their doc_id.

Examples
--------
>>> import pandas as pd
>>> from analysis.plots import compare as cp
>>> sim = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "doc_b": ["a", "b", "a", "b"],
...                     "cosine": [1.0, 0.4, 0.4, 1.0], "jaccard": [1.0, 0.2, 0.2, 1.0]})
>>> fig = cp.plot_similarity(sim, {"a": "甲市 2012", "b": "乙市 2022"})
>>> fig.axes[0].get_title(), fig.axes[0].get_yticklabels()[0].get_text()
('文件相似度(TF-IDF 余弦)', '甲市 2012')
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import dendrogram

from analysis.plots.groups import attach_data
from analysis.plots.labels import DocLabels, document_names, gloss, label, term_label
from analysis.plots.layout import component_layout, matrix_side, outer_labels, spread_boxes
from analysis.plots.style import PALETTE, new_figure, nothing_to_show

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "MAX_MATRIX_DOCS",
    "plot_copy_ratio",
    "plot_dendrogram",
    "plot_document_map",
    "plot_keyness",
    "plot_network",
    "plot_reuse",
    "plot_similarity",
    "plot_topic_shares",
    "plot_topics",
]

_MEASURE_NAMES = {
    "g2": ("对数似然 G²", "log-likelihood G²"),
    "chi2": ("卡方 χ²", "chi-square χ²"),
    "log_ratio": ("对数比 (log₂)", "log ratio (log₂)"),
    "cosine": ("TF-IDF 余弦", "TF-IDF cosine"),
    "jaccard": ("Jaccard 词集", "Jaccard over term sets"),
}


#: A document-by-document heatmap shows at most this many documents (in table order).
MAX_MATRIX_DOCS = 40
_FEW_DOCS = {False: "至少需要两个文件才能比较", True: "at least two documents are needed"}
_NO_TOPICS = {False: "没有主题模型(条款太少,无法拟合 NMF 主题)",
              True: "no topic model (too few clauses to fit NMF topics)"}


def _of(n: int, total: int, english: bool) -> str:
    return "" if n >= total else label(f"(前 {n}/{total} 份文件)",
                                       f" (first {n} of {total} documents)", english=english)


def _measure(m: str, english: bool) -> str:
    zh, en = _MEASURE_NAMES.get(m, (m, m))
    return en if english else zh


# --------------------------------------------------------------------------- keyness
def plot_keyness(
    table: pd.DataFrame,
    docs: DocLabels = None,
    *,
    n: int = 15,
    comparison: str | None = None,
    target: str | None = None,
    measure: str = "g2",
    english: bool = False,
) -> Figure:
    """Top ``n`` over-used and ``n`` under-used terms of one keyness comparison.

    Parameters
    ----------
    table : DataFrame
        A :func:`analysis.keyness` or :func:`analysis.keyness_by` table.
    n : int, keyword-only
        Terms shown on each side.
    comparison, target : str, optional, keyword-only
        Which comparison to draw when the table holds several (``target="2010s"``).
    measure : {"g2", "chi2", "log_ratio"}, keyword-only
        The bar length (signed: over-use to the right).
    english : bool, keyword-only
        English title and axes, glossed terms.
    docs : DataFrame, Corpus or mapping, optional
        Document metadata (or ``{doc_id: name}``) to name doc_id targets.

    Both sides share one scale. When the table compares exactly two groups (two eras), the
    reference "rest" is named by the other group. An empty table, or a ``target`` the table
    does not hold, gives a figure that says there is nothing to show.
    """
    doc_names = document_names(docs, english=english)
    t = table
    if comparison is not None:
        t = t[t["comparison"] == comparison]
    if target is not None:
        t = t[t["target"] == target]
    if t.empty:
        held = ", ".join(map(str, dict.fromkeys(table["target"]))) if len(table) else ""
        reason = (label(f"表中没有 {target or comparison} 的比较(有:{held})",
                        f"the table has no comparison for {target or comparison} "
                        f"(it has: {held})", english=english) if held
                  else label("没有可比较的组(例如语料只有一个时代)",
                             "there are no groups to compare (e.g. the corpus has one era)",
                             english=english))
        return nothing_to_show(label("关键词对比", "Keyness", english=english), reason,
                               english=english)
    comps = list(dict.fromkeys(t["comparison"]))
    if len(comps) != 1:
        raise ValueError("plot_keyness: the table holds "
                         f"{len(comps)} comparisons; choose one with target= or comparison= "
                         f"({', '.join(map(str, dict.fromkeys(table['target'])))}).")
    if measure not in ("g2", "chi2", "log_ratio"):
        raise ValueError(f"plot_keyness: measure={measure!r}; use 'g2', 'chi2' or 'log_ratio'.")
    sign = np.where(t["direction"] == "over", 1.0, -1.0)
    val = t[measure].abs().to_numpy() * sign
    t = t.assign(_v=val)
    over = t[t["direction"] == "over"].sort_values(["_v", "term"], ascending=[False, True])
    under = t[t["direction"] == "under"].sort_values(["_v", "term"], ascending=[True, True])
    over, under = over.head(n), under.head(n)
    rows = max(len(over), len(under), 1)
    fig, (ax_u, ax_o) = new_figure(width=10, height=1.2 + 0.32 * rows, ncols=2)
    this = str(t["target"].iloc[0])
    tgt = doc_names.get(this, this)
    ref = str(t["reference"].iloc[0])
    others = [str(x) for x in dict.fromkeys(table["target"]) if str(x) != this]
    if ref == "rest" and len(others) == 1 and "by" in t.columns \
            and str(t["by"].iloc[0]) not in ("doc_id", ""):
        ref = doc_names.get(others[0], others[0])  # two groups: "the rest" is the other one
    ref = (label("其余文件", "the rest", english=english) if ref == "rest"
           else doc_names.get(ref, ref))
    top = float(max(over["_v"].abs().max() if len(over) else 0,
                    under["_v"].abs().max() if len(under) else 0)) or 1.0
    for ax, part, color, side in ((ax_o, over, PALETTE[0], "over"),
                                  (ax_u, under, PALETTE[1], "under")):
        y = np.arange(len(part))[::-1]
        ax.barh(y, part["_v"].abs(), color=color, height=0.7)
        ax.set_yticks(y, [term_label(x, english=english) for x in part["term"]])
        ax.set_ylim(-0.6, rows - 0.4)
        ax.set_xlim(0, top * 1.05)
        if side == "under":
            ax.invert_xaxis()
            ax.yaxis.tick_right()
            ax.spines["left"].set_visible(False)
            ax.spines["right"].set_visible(True)
            ax.set_title(label(f"{ref}更常用", f"used more in {ref}", english=english),
                         fontsize=11, fontweight="normal")
        else:
            ax.set_title(label(f"{tgt}更常用", f"used more in {tgt}", english=english),
                         fontsize=11, fontweight="normal")
        ax.set_xlabel(_measure(measure, english))
        if part.empty:
            ax.set_yticks([])
    fig.suptitle(label(f"关键词对比:{tgt} 与 {ref}", f"Keyness: {tgt} vs {ref}",
                       english=english), fontsize=13)
    return fig


# --------------------------------------------------------------------------- similarity
def plot_similarity(
    table: pd.DataFrame,
    docs: DocLabels = None,
    *,
    measure: str = "cosine",
    english: bool = False,
) -> Figure:
    """Heatmap of document similarity (an :func:`analysis.similarity` table)."""
    doc_names = document_names(docs, english=english)
    if measure not in table.columns:
        raise ValueError(f"plot_similarity: no column {measure!r}; use 'cosine' or 'jaccard'.")
    if table.empty:
        return nothing_to_show(
            label("文件相似度", "Document similarity", english=english),
            label("没有相似度数据（没有文件，或文件多于构建的 similarity_max_docs）",
                  "no similarity table (no documents, or more than the build's "
                  "similarity_max_docs)", english=english),
            english=english,
        )
    order = list(dict.fromkeys(table["doc_id"]))
    total, order = len(order), order[:MAX_MATRIX_DOCS]  # more cells than anyone can read
    wide = table.pivot(index="doc_id", columns="doc_b", values=measure).loc[order, order]
    m = wide.to_numpy(dtype=float)
    names = [doc_names.get(d, d) for d in order]
    size = matrix_side(len(order))
    fig, ax = new_figure(width=size + 1.2, height=size)
    off = m[~np.eye(len(m), dtype=bool)]
    vmin = float(off.min()) if off.size else 0.0
    vmax = float(off.max()) if off.size else 1.0
    im = ax.imshow(m, cmap="Blues", vmin=vmin, vmax=vmax)
    ax.set_xticks(range(len(order)), names, rotation=35, ha="right")
    ax.set_yticks(range(len(order)), names)
    if len(order) <= 15:
        mid = (vmin + vmax) / 2
        for i in range(len(order)):
            for j in range(len(order)):
                ax.text(j, i, f"{m[i, j]:.2f}", ha="center", va="center", fontsize=9,
                        color="white" if m[i, j] > mid else "black")
    ax.spines[:].set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label=_measure(measure, english))
    ax.set_title(label(f"文件相似度({_measure(measure, False)})",
                       f"Document similarity ({_measure(measure, True)})", english=english)
                 + _of(len(order), total, english))
    return fig


def plot_dendrogram(
    clusters: pd.DataFrame,
    docs: DocLabels = None,
    *,
    english: bool = False,
) -> Figure:
    """Dendrogram of a :func:`analysis.cluster_documents` table (height = 1 − similarity)."""
    doc_names = document_names(docs, english=english)
    need = {"left", "right", "distance", "size", "left_doc", "right_doc"}
    if not need <= set(clusters.columns):
        raise ValueError("plot_dendrogram: give the table of analysis.cluster_documents.")
    if clusters.empty:
        return nothing_to_show(label("文件层次聚类", "Hierarchical clustering of documents",
                                     english=english), _FEW_DOCS[english], english=english)
    n = len(clusters) + 1
    leaves = [""] * n
    for side in ("left", "right"):
        for idx, doc in zip(clusters[side], clusters[f"{side}_doc"], strict=True):
            if int(idx) < n:
                leaves[int(idx)] = str(doc)
    z = clusters[["left", "right", "distance", "size"]].to_numpy(dtype=float)
    tree = dendrogram(z, no_plot=True, labels=leaves, orientation="right")
    fig, ax = new_figure(width=8, height=1.5 + 0.45 * n)
    for xs, ys in zip(tree["dcoord"], tree["icoord"], strict=True):
        ax.plot(xs, ys, color=PALETTE[0], lw=1.6)
    ticks = 5 + 10 * np.arange(n)
    ax.set_yticks(ticks, [doc_names.get(d, d) for d in tree["ivl"]])
    ax.set_ylim(0, 10 * n)
    ax.set_xlim(left=0)
    ax.set_xlabel(label("距离(1 − 相似度)", "distance (1 − similarity)", english=english))
    ax.set_title(label("文件层次聚类", "Hierarchical clustering of documents", english=english))
    return fig


def plot_document_map(
    doc_map: pd.DataFrame,
    docs: DocLabels = None,
    *,
    english: bool = False,
) -> Figure:
    """The 2-D document map of :func:`analysis.document_map`, coloured by cluster."""
    doc_names = document_names(docs, english=english)
    if len(doc_map) < 2:
        return nothing_to_show(label("文件相似度地图", "Document map", english=english),
                               _FEW_DOCS[english], english=english)
    fig, ax = new_figure(width=7.5, height=6)
    xs, ys, xy_ids = doc_map["x"].to_numpy(), doc_map["y"].to_numpy(), doc_map["doc_id"]
    span_x = float(xs.max() - xs.min()) or 1.0
    span_y = float(ys.max() - ys.min()) or 1.0
    many = len(doc_map) > 20  # then smaller dots, and up to 20 labels that do not overlap
    names = {d: textwrap.shorten(doc_names.get(d, d), 30, placeholder="…") for d in xy_ids}
    xlim = (xs.min() - 0.15 * span_x, xs.max() + 0.35 * span_x)
    ylim = (ys.min() - 0.15 * span_y, ys.max() + 0.2 * span_y)
    far = outer_labels(doc_map, names, xlim=xlim, ylim=ylim) if many else set(doc_map["doc_id"])
    for rec in doc_map.to_dict("records"):
        color = PALETTE[(int(rec["cluster"]) - 1) % len(PALETTE)]
        ax.scatter(rec["x"], rec["y"], s=30 if many else 90, color=color, zorder=3,
                   edgecolor="white")
        if (doc := rec["doc_id"]) in far:
            ax.annotate(names[doc], (rec["x"], rec["y"]), xytext=(7, 6),
                        textcoords="offset points", fontsize=7 if many else 10)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if many:  # every document's place and name, labelled on the map or not
        attach_data(fig, doc_map[["doc_id", "x", "y", "cluster"]].assign(
            name=doc_map["doc_id"].map(names), labelled=doc_map["doc_id"].isin(far)))
        fig.supxlabel(label(f"标注 {len(far)}/{len(doc_map)} 份文件(最外侧且不重叠);全部见 "
                            "document_map.csv", f"{len(far)} of {len(doc_map)} documents "
                            "labelled (outermost, not overlapping); all in document_map.csv",
                            english=english), x=0.01, ha="left", fontsize=7, color="#555555")
    expl = doc_map.attrs.get("explained")
    dims = [label("维度", "dimension", english=english) + f" {k + 1}" for k in range(2)]
    if expl:
        dims = [f"{d} ({e:.0%})" for d, e in zip(dims, expl, strict=False)]
    ax.set_xlabel(dims[0])
    ax.set_ylabel(dims[1])
    ax.axhline(0, color="#cccccc", lw=0.8, zorder=1)
    ax.axvline(0, color="#cccccc", lw=0.8, zorder=1)
    ax.set_title(label("文件相似度地图(多维尺度,颜色=聚类)",
                       "Document map (MDS; colour = cluster)", english=english))
    return fig


# --------------------------------------------------------------------------- topics
def plot_topics(
    terms: pd.DataFrame,
    *,
    n: int = 8,
    ncols: int = 4,
    english: bool = False,
) -> Figure:
    """Top terms of each topic, one small bar chart per topic.

    ``terms`` is ``TopicModel.terms`` (``topic, rank, term, weight``) or the build's
    ``topics`` table (its ``top_terms``/``term_weights`` lists).
    """
    if "term" not in terms.columns and "top_terms" in terms.columns:
        rows = [{"topic": int(r["topic"]), "rank": k + 1, "term": t, "weight": float(w)}
                for r in terms.drop_duplicates("topic").to_dict("records")
                for k, (t, w) in enumerate(zip(r["top_terms"], r["term_weights"],
                                               strict=True))]
        terms = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])
    topics = sorted(terms["topic"].unique())
    if not topics:
        return nothing_to_show(
            label(
                "条款主题(NMF)的主要词语", "Clause topics (NMF): top terms", english=english),
            _NO_TOPICS[english],
            english=english,
        )
    cols = max(1, min(ncols, len(topics)))
    rows = math.ceil(len(topics) / cols)
    width = 3.0 if not english else 3.8
    fig, axes = new_figure(width=width * cols, height=0.3 * n * rows + 0.9 * rows + 0.6,
                           nrows=rows, ncols=cols, squeeze=False)
    for k, ax in enumerate(axes.ravel()):
        if k >= len(topics):
            ax.set_visible(False)
            continue
        t = terms[terms["topic"] == topics[k]].sort_values("rank").head(n)
        y = np.arange(len(t))[::-1]
        ax.barh(y, t["weight"], color=PALETTE[k % len(PALETTE)], height=0.7)
        ax.set_yticks(y, [term_label(x, english=english) for x in t["term"]])
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        ax.set_title(label(f"主题 {topics[k]}", f"Topic {topics[k]}", english=english),
                     fontsize=11)
    fig.suptitle(label("条款主题(NMF)的主要词语", "Clause topics (NMF): top terms",
                       english=english), fontsize=13)
    return fig


def plot_topic_shares(
    shares: pd.DataFrame,
    docs: DocLabels = None,
    *,
    english: bool = False,
    n_label_terms: int = 3,
) -> Figure:
    """Topic share per document (``TopicModel.documents``), stacked horizontal bars."""
    doc_names = document_names(docs, english=english)
    if shares.empty:
        return nothing_to_show(
            label(
                "各文件的主题构成", "Topic composition of each document", english=english),
            _NO_TOPICS[english],
            english=english,
        )
    order = list(dict.fromkeys(shares["doc_id"]))
    wide = shares.pivot(index="doc_id", columns="topic", values="share").loc[order]
    names = (shares.drop_duplicates("topic").set_index("topic")["label"]
             if "label" in shares.columns else {})
    fig, ax = new_figure(width=10, height=1.6 + 0.55 * len(order))
    left = np.zeros(len(order))
    y = np.arange(len(order))[::-1]
    for k, topic in enumerate(wide.columns):
        vals = wide[topic].to_numpy()
        terms = str(names.get(topic, "")).split("、")[:n_label_terms]
        if english:
            terms = [gloss(x) for x in terms]
        name = f"{topic}: " + ("、" if not english else ", ").join(t for t in terms if t)
        ax.barh(y, vals, left=left, color=PALETTE[k % len(PALETTE)], height=0.65, label=name)
        left += vals
    ax.set_yticks(y, [doc_names.get(d, d) for d in order])
    ax.set_xlim(0, 1)
    ax.set_xlabel(label("主题占比", "topic share", english=english))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False,
              title=label("主题", "topic", english=english))
    ax.set_title(label("各文件的主题构成", "Topic composition of each document",
                       english=english))
    return fig


# --------------------------------------------------------------------------- network
def plot_network(
    edges: pd.DataFrame,
    nodes: pd.DataFrame,
    *,
    weight: str = "jaccard",
    max_nodes: int = 60,
    doc_id: str | None = None,
    english: bool = False,
    seed: int = 0,
    title: str | None = None,
) -> Figure:
    """A co-occurrence network: node size = frequency, colour = community, edge width =
    association. ``edges`` from :func:`analysis.cooccurrence`, ``nodes`` from
    :func:`analysis.stats.network.network_nodes` (the communities). For the build's
    per-document tables (``cooccurrence``, ``network_nodes``) choose ``doc_id``."""
    import networkx as nx
    from matplotlib import patheffects

    docs: list[str] = []
    if "doc_id" in edges.columns or "doc_id" in nodes.columns:
        docs = list(dict.fromkeys(edges["doc_id"])) if "doc_id" in edges.columns else []
        if doc_id is None and len(docs) > 1:
            raise ValueError("plot_network: the tables hold several documents' networks; "
                             f"choose one with doc_id= ({', '.join(docs)}).")
        doc_id = doc_id or (docs[0] if docs else None)
        if "doc_id" in edges.columns:
            edges = edges[edges["doc_id"] == doc_id]
        if "doc_id" in nodes.columns:
            nodes = nodes[nodes["doc_id"] == doc_id]
    if nodes.empty:
        few = docs[:8] + (["..."] if len(docs) > 8 else [])  # a sentence, not a corpus list
        why = (label(f"{doc_id} 没有共现网络(这些表中的文件:{'、'.join(few)})",
                     f"no network for {doc_id} (documents in these tables: {', '.join(few)})",
                     english=english) if doc_id and docs and doc_id not in docs else
               label("没有足够的共现词对;可放宽 min_count / min_term_count",
                     "too few co-occurring pairs; loosen min_count / min_term_count",
                     english=english))
        return nothing_to_show(title or label("词语共现网络", "Term co-occurrence network",
                                              english=english), why, english=english)
    keep = nodes.sort_values(["degree", "count", "term"], ascending=[False, False, True])
    keep = set(keep.head(max_nodes)["term"])
    g = nx.Graph()
    for rec in nodes.to_dict("records"):
        if rec["term"] in keep:
            g.add_node(rec["term"], **rec)
    for rec in edges.to_dict("records"):
        if rec["term_a"] in keep and rec["term_b"] in keep:
            g.add_edge(rec["term_a"], rec["term_b"], weight=float(rec[weight]))
    if g.number_of_edges():  # a word whose links fell outside the max_nodes kept is noise
        g.remove_nodes_from(sorted(nx.isolates(g)))
    pos = component_layout(g, seed=seed)
    names = list(g.nodes)
    counts = np.array([g.nodes[t]["count"] for t in names], dtype=float)
    cmax = counts.max() if len(counts) else 1.0
    sizes = 80 + 900 * np.sqrt(counts / cmax)  # marker area in points²
    texts = [term_label(t, english=english) for t in names]
    width_in, height_in = 11.0, 9.0
    # boxes (in axes fractions) that must not overlap: the marker or the label, whichever
    # is larger; 9.5 pt text, CJK characters about 1 em wide, Latin about 0.55 em
    em_x, em_y = 9.5 / 72 / (width_in * 0.9), 9.5 / 72 / (height_in * 0.9)
    radius = np.sqrt(sizes) / 2 / 72
    text_w = np.array([sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in t) for t in texts])
    half_w = np.maximum(radius / (width_in * 0.9), 0.5 * text_w * em_x) + 0.004
    half_h = np.maximum(radius / (height_in * 0.9), 0.6 * em_y) + 0.004
    xy = spread_boxes(np.array([pos[t] for t in names], dtype=float), half_w, half_h)
    pos = {t: xy[i] for i, t in enumerate(names)}
    fig, ax = new_figure(width=width_in, height=height_in)
    ws = np.array([d["weight"] for *_, d in g.edges(data=True)]) if g.number_of_edges() else []
    wmax = float(np.max(ws)) if len(ws) else 1.0
    for (a, b, d) in g.edges(data=True):
        ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color="#9aa5b1",
                lw=0.6 + 3.0 * d["weight"] / wmax, alpha=0.6, zorder=1)
    for i, t in enumerate(names):
        comm = int(g.nodes[t].get("community") or 1)
        ax.scatter(*pos[t], s=sizes[i], zorder=2, color=PALETTE[(comm - 1) % len(PALETTE)],
                   alpha=0.85, edgecolor="white")
        txt = ax.text(pos[t][0], pos[t][1], texts[i], ha="center", va="center",
                      fontsize=9.5, zorder=3)
        txt.set_path_effects([patheffects.withStroke(linewidth=2.5, foreground="white")])
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_axis_off()
    if title is None:
        title = label("词语共现网络(节点大小=频次,颜色=社群)",
                      "Term co-occurrence network (size = frequency, colour = community)",
                      english=english)
        title = f"{title} — " + (doc_id or label("全部文件", "all documents", english=english))
    ax.set_title(title)
    return fig


# --------------------------------------------------------------------------- reuse
def plot_reuse(
    pairs: pd.DataFrame,
    docs: DocLabels = None,
    *,
    english: bool = False,
) -> Figure:
    """Heatmap of text reuse: the share of each row document's characters inside passages
    shared with the column document (an :func:`analysis.reuse_pairs` table)."""
    doc_names = document_names(docs, english=english)
    if pairs.empty:
        return nothing_to_show(label("文件之间的文本复用", "Text reuse between documents",
                                     english=english), _FEW_DOCS[english], english=english)
    order = list(dict.fromkeys([*pairs["doc_id"], *pairs["doc_b"]]))
    most = set(pairs.groupby("doc_id")["share"].sum().nlargest(MAX_MATRIX_DOCS).index)
    total, order = len(order), [d for d in order if d in most]  # the most reused, in order
    m = pairs.pivot(index="doc_id", columns="doc_b", values="share").reindex(
        index=order, columns=order).to_numpy(dtype=float) * 100
    count = pairs.pivot(index="doc_id", columns="doc_b", values="n_passages").reindex(
        index=order, columns=order).to_numpy(dtype=float, copy=True)
    gap = ~np.eye(len(order), dtype=bool) & np.isnan(m)  # pairs left out share nothing
    m[gap], count[gap] = 0.0, 0.0
    names, size = [doc_names.get(d, d) for d in order], matrix_side(len(order))
    fig, ax = new_figure(width=size + 1.2, height=size)
    shown = np.ma.masked_invalid(m)
    vmax = float(np.nanmax(m)) if np.isfinite(m).any() and np.nanmax(m) > 0 else 1.0
    im = ax.imshow(shown, cmap="Oranges", vmin=0, vmax=vmax)
    ax.set_xticks(range(len(order)), names, rotation=35, ha="right")
    ax.set_yticks(range(len(order)), names)
    for i in range(len(order) if len(order) <= 15 else 0):  # numbers fit up to 15
        for j in range(len(order)):
            if i == j:
                ax.text(j, i, "—", ha="center", va="center", color="#999999")
            elif np.isfinite(m[i, j]):
                ax.text(j, i, f"{m[i, j]:.1f}%\n({int(count[i, j])})", ha="center",
                        va="center", fontsize=8.5,
                        color="white" if m[i, j] > vmax * 0.6 else "black")
    ax.spines[:].set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.8,
                 label=label("共享文本占行文件的比例 (%)", "share of the row document (%)",
                             english=english))
    ax.set_title(label("文件之间的文本复用(括号内为段落数)",
                       "Text reuse between documents (passages in brackets)", english=english)
                 + _of(len(order), total, english))
    return fig


def plot_copy_ratio(
    table: pd.DataFrame,
    docs: DocLabels = None,
    *,
    doc_id: str | None = None,
    english: bool = False,
) -> Figure:
    """Copy ratio of each local measure of a task table (:func:`analysis.task_copy_ratio`):
    one bar per measure, grouped by the provincial clause it implements.

    ``doc_id`` chooses the task table when the corpus has several (default: the first).
    An empty table (no task table in the corpus) gives a "nothing to show" figure.
    """
    doc_names = document_names(docs, english=english)
    if table.empty:
        return nothing_to_show(
            label(
                "任务分解表:本地措施对上级条文的照抄比例",
                "Task table: how much of each local measure is copied", english=english),
            label(
                "这些文件中没有任务分解表(上级条款 + 本地措施)",
                "no task table (higher-level clause + local measures) in these documents",
                english=english),
            english=english,
        )
    doc_id = doc_id or str(table["doc_id"].iloc[0])
    t = table.loc[table["doc_id"] == doc_id].reset_index(drop=True)
    if t.empty:
        raise ValueError(f"plot_copy_ratio: {doc_id!r} has no task table; documents with one: "
                         f"{', '.join(dict.fromkeys(table['doc_id']))}.")
    tasks = list(dict.fromkeys(t["task_id"]))
    colors = {k: PALETTE[i % 2] for i, k in enumerate(tasks)}
    fig, ax = new_figure(width=max(8.0, 0.22 * len(t) + 2.5), height=5)
    x = np.arange(len(t))
    ax.bar(x, t["copy_ratio"] * 100, color=[colors[k] for k in t["task_id"]], width=0.8)
    zero = np.flatnonzero(t["copied_chars"].to_numpy() == 0)
    if len(zero):  # a measure copying nothing would be an invisible bar: mark it
        ax.scatter(zero, np.full(len(zero), 1.5), marker="x", s=22, color="#777777", zorder=3,
                   label=label(f"未照抄任何文字的措施({len(zero)} 条)",
                               f"measures copying nothing ({len(zero)})", english=english))
    overall = t["copied_chars"].sum() / max(int(t["n_chars"].sum()), 1) * 100
    ax.axhline(overall, color=PALETTE[3], lw=1.2, ls="--",
               label=label(f"全部本地措施合计 {overall:.0f}%",
                           f"all local measures together: {overall:.0f}%", english=english))
    ax.legend(loc="upper right", bbox_to_anchor=(1.0, -0.07), frameon=False, fontsize=10,
              ncol=2)
    centers, names = [], []
    for k in tasks:
        idx = np.flatnonzero(t["task_id"].to_numpy() == k)
        centers.append(float(idx.mean()))
        names.append(str(k).split(":", 1)[-1].split("/")[-1])
    ax.set_xticks(centers, names, fontsize=9)
    ax.set_ylim(0, 105)
    ax.set_xlim(-0.8, len(t) - 0.2)
    ax.set_ylabel(label("照抄上级条文的字符比例 (%)", "characters copied from the source (%)",
                        english=english))
    ax.set_xlabel(label("上级条款(每根柱为一条本地措施)",
                        "provincial clause (one bar per local measure)", english=english))
    doc = doc_names.get(doc_id, doc_id)
    ax.set_title(label(f"任务分解表:本地措施对上级条文的照抄比例({doc})",
                       f"Task table: how much of each local measure is copied ({doc})",
                       english=english))
    return fig
