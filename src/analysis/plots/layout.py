"""Layouts that keep every label of a network readable.

:func:`component_layout` places each connected component of a graph on its own and packs
the components in rows; :func:`spread_boxes` then scales the positions into the unit
square and pushes apart label boxes that overlap. Used by
:func:`analysis.plots.compare.plot_network`. :func:`outer_labels` picks the points of a
crowded scatter whose labels do not overlap (the document map).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["component_layout", "matrix_side", "outer_labels", "spread_boxes"]


def matrix_side(n: int) -> float:
    """Side in inches of a document × document heatmap of ``n`` documents: 0.9 inch a
    cell, smaller cells above 9 documents, so that 40 still fit a page.

    Examples
    --------
    >>> matrix_side(5), matrix_side(40)
    (7.0, 10.5)
    """
    return 2.5 + min(0.9, 8.0 / max(n, 1)) * n


def component_layout(g: nx.Graph, *, seed: int = 0) -> dict:
    """Lay out each connected component on its own (spring, then Kamada–Kawai) and pack
    the components in rows, largest first, each in a square as wide as the root of its
    size: a whole-graph layout would scatter small components through the big one.

    Parameters
    ----------
    g : networkx.Graph
        Edges may carry a ``weight``.
    seed : int, keyword-only
        Seed of the spring layout: the same graph always gets the same positions.

    Returns
    -------
    dict
        ``{node: array([x, y])}``.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = component_layout(nx.Graph([("科技", "人才"), ("平台", "孵化器")]))
    >>> sorted(pos), pos["科技"].shape
    (['人才', '孵化器', '平台', '科技'], (2,))
    """
    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    total = sum(len(c) for c in comps)
    row_width = max(np.sqrt(total) * 1.25, np.sqrt(len(comps[0])) if comps else 1.0)
    pos: dict = {}
    x = y = row_height = 0.0
    for members in comps:
        # A plain graph with its nodes in sorted order: a subgraph view lists its nodes in
        # the order of a Python set, which changes with PYTHONHASHSEED and with it the layout.
        sub = nx.Graph()
        sub.add_nodes_from(members)
        sub.add_edges_from(g.edges(members, data=True))
        side = float(np.sqrt(len(members)))
        if len(members) == 1:
            local = {members[0]: np.zeros(2)}
        else:
            local = nx.spring_layout(sub, weight="weight", seed=seed,
                                     k=1.6 / np.sqrt(len(members)), iterations=200)
            if len(members) > 2:
                local = nx.kamada_kawai_layout(sub, pos=local, weight=None)
        xy = np.array([local[t] for t in members], dtype=float)
        xy -= xy.min(axis=0)
        span = xy.max(axis=0)
        span[span == 0] = 1.0
        xy = xy / span.max() * side  # keep the component's aspect ratio
        w, h = xy.max(axis=0)
        gap = 0.9  # between components, in the same units (about one node apart)
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for t, (px, py) in zip(members, xy, strict=True):
            pos[t] = np.array([x + px, -(y + py)])
        x += w + gap
        row_height = max(row_height, h + gap)
    return pos


def spread_boxes(xy: np.ndarray, half_w: np.ndarray, half_h: np.ndarray, *,
                 iterations: int = 400) -> np.ndarray:
    """Rescale positions into [0, 1]² (keeping a margin) and push apart boxes that overlap
    (``half_w``/``half_h``: half sizes in the same units), so labels stay readable.

    Examples
    --------
    Two boxes 0.2 wide, almost on top of each other, end up side by side:

    >>> xy = spread_boxes(np.array([[0.0, 0.0], [0.01, 0.0], [1.0, 1.0]]),
    ...                   np.full(3, 0.1), np.full(3, 0.05))
    >>> np.round(xy, 2).tolist()
    [[0.1, 0.05], [0.3, 0.05], [0.9, 0.95]]
    """
    xy = xy - xy.min(axis=0)
    span = xy.max(axis=0)
    span[span == 0] = 1.0
    margin_x, margin_y = float(half_w.max()), float(half_h.max())
    xy = xy / span * [1 - 2 * margin_x, 1 - 2 * margin_y] + [margin_x, margin_y]
    n = len(xy)
    if n < 2:
        return xy
    need_x = half_w[:, None] + half_w[None, :]
    need_y = half_h[:, None] + half_h[None, :]
    eye = np.eye(n, dtype=bool)
    for _ in range(iterations):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        ox = need_x - np.abs(dx)
        oy = need_y - np.abs(dy)
        hit = (ox > 0) & (oy > 0) & ~eye
        if not hit.any():
            break
        # push along the axis with the smaller overlap (half each way)
        along_x = hit & (ox / need_x <= oy / need_y)
        along_y = hit & ~along_x
        sx = np.where(dx == 0, np.where(np.arange(n)[:, None] < np.arange(n)[None, :], -1, 1),
                      np.sign(dx))
        sy = np.where(dy == 0, np.where(np.arange(n)[:, None] < np.arange(n)[None, :], -1, 1),
                      np.sign(dy))
        move_x = (np.where(along_x, ox * sx, 0.0) * 0.5).sum(axis=1)
        move_y = (np.where(along_y, oy * sy, 0.0) * 0.5).sum(axis=1)
        xy[:, 0] = np.clip(xy[:, 0] + 0.5 * move_x, half_w, 1 - half_w)
        xy[:, 1] = np.clip(xy[:, 1] + 0.5 * move_y, half_h, 1 - half_h)
    return xy


def outer_labels(doc_map: pd.DataFrame, names: dict[str, str], *, xlim: tuple[float, float],
              ylim: tuple[float, float], n: int = 20, fontsize: float = 7) -> set[str]:
    """The documents of a crowded map to label: the outermost first, each only if its
    label box (right of and above the dot, on a 7.5 × 6 inch figure) overlaps none kept.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "b", "c"], "x": [1.0, 0.99, -1.0],
    ...                   "y": [0.0, 0.0, 0.0]})
    >>> sorted(outer_labels(m, {"a": "甲市 2020", "b": "乙市 2020", "c": "丙市"},
    ...                     xlim=(-1.2, 1.4), ylim=(-1, 1)))
    ['a', 'c']
    """
    sx = (xlim[1] - xlim[0]) / (7.5 * 0.85 * 72)  # data units per point
    sy = (ylim[1] - ylim[0]) / (6.0 * 0.85 * 72)
    order = doc_map.assign(r=doc_map["x"] ** 2 + doc_map["y"] ** 2).sort_values(
        ["r", "doc_id"], ascending=[False, True], kind="stable")
    boxes: list[tuple[float, float, float, float]] = []
    kept: set[str] = set()
    for rec in order.to_dict("records"):
        text = names[rec["doc_id"]]
        width = sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in text) * fontsize
        x0, y0 = rec["x"] + 7 * sx, rec["y"] + 4 * sy
        box = (x0, y0, x0 + width * sx, y0 + 1.3 * fontsize * sy)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
               for b in boxes):
            continue
        boxes.append(box)
        kept.add(rec["doc_id"])
        if len(kept) == n:
            break
    return kept
