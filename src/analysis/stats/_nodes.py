"""(private) The node table of a ``by_document`` co-occurrence edge table, compiled.

:func:`analysis.stats.network_nodes` of an edge table with one small network per
document makes, for each document, the rows ``(term, count, degree, strength,
betweenness, community)`` of the graph :func:`analysis.stats.cooccurrence_graph` would
build (nodes added in name order, then the edges in ``(term_a, term_b)`` order).
:func:`nodes_by_document` makes the rows of every document in one compiled pass over
integer codes of the terms (codes in the terms' code point order, so a code's order is
its name's order), with the arithmetic of :func:`analysis.stats.graphs._edge_list_nodes`
in the same order: Brandes' betweenness and Clauset-Newman-Moore's communities by the
same kernels, each node's strength summed over its edges in adjacency order. The
rounding to 9 decimals is Python's ``round``, as there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numba import njit

from analysis.stats.graphs import _brandes, _cnm

__all__ = ["nodes_by_document"]


def nodes_by_document(edges: pd.DataFrame, *, weight: str, max_nodes: int
                      ) -> pd.DataFrame | None:
    """``doc_id, term, count, degree, strength, betweenness, community`` of every
    document's graph (documents in order of first appearance, each one's rows sorted by
    community, degree descending, term), or None when some document's graph is not the
    plain case (``term_a < term_b`` strings, no pair twice, 1 to ``max_nodes`` nodes),
    where the caller builds the graphs.

    Examples
    --------
    >>> e = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "term_a": ["a", "b", "x"],
    ...                   "term_b": ["b", "c", "y"], "count_a": [3, 2, 1],
    ...                   "count_b": [2, 4, 1], "jaccard": [0.5, 0.25, 1.0]})
    >>> nodes = nodes_by_document(e, weight="jaccard", max_nodes=100)
    >>> nodes[["doc_id", "term", "degree"]].values.tolist()
    [['d1', 'b', 2], ['d1', 'a', 1], ['d1', 'c', 1], ['d2', 'x', 1], ['d2', 'y', 1]]
    """
    cols = ("doc_id", "term_a", "term_b", "count_a", "count_b", weight)
    if len(edges) == 0 or not all(c in edges.columns for c in cols):
        return None
    if not all(_plain_strings(edges[c]) for c in cols[:3]):
        return None
    if not all(pd.api.types.is_integer_dtype(edges[c]) for c in cols[3:5]):
        return None
    if not pd.api.types.is_numeric_dtype(edges[weight]):
        return None
    n_rows = len(edges)
    docs, doc_names = pd.factorize(edges["doc_id"])  # documents in order of appearance
    both, terms = pd.factorize(pd.concat([edges["term_a"], edges["term_b"]],
                                         ignore_index=True))
    names = np.asarray(terms, dtype=object)
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(names, kind="stable")] = np.arange(len(names))  # Python's str order
    codes = rank[both]
    order = np.argsort(docs, kind="stable")  # each document's rows, ascending
    starts = np.zeros(len(doc_names) + 1, dtype=np.int64)
    starts[1:] = np.cumsum(np.bincount(docs, minlength=len(doc_names)))
    res = _doc_nodes(codes[:n_rows], codes[n_rows:],
                     np.asarray(edges["count_a"], dtype=np.int64),
                     np.asarray(edges["count_b"], dtype=np.int64),
                     np.asarray(edges[weight], dtype=np.float64), order, starts,
                     len(names), max_nodes)
    ok, doc, term, count, degree, strength, betw, community = res
    if not ok:
        return None
    by_rank = np.argsort(rank)  # code -> position in terms
    return pd.DataFrame({
        "doc_id": pd.Series(list(doc_names), dtype="str").array.take(doc),
        "term": pd.Series(list(terms), dtype="str").array.take(by_rank[term]),
        "count": count,
        "degree": degree,
        "strength": np.asarray([round(v, 9) for v in strength.tolist()], dtype=np.float64),
        "betweenness": np.asarray([round(v, 9) for v in betw.tolist()], dtype=np.float64),
        "community": community,
    })


def _plain_strings(col: pd.Series) -> bool:
    return isinstance(col.dtype, pd.StringDtype) and not col.hasnans


@njit(cache=True, nogil=True)
def _none(ints, floats):  # pragma: no cover - compiled
    # the kernel's answer for "build the graphs instead"
    return (False, ints[:0], ints[:0], ints[:0], ints[:0], floats[:0], floats[:0],
            ints[:0])


@njit(cache=True, nogil=True)
def _doc_nodes(a, b, ca, cb, wt, order, starts, n_terms, max_nodes):  # pragma: no cover
    n_out = 2 * len(a)
    o_doc = np.empty(n_out, dtype=np.int64)
    o_term = np.empty(n_out, dtype=np.int64)
    o_count = np.empty(n_out, dtype=np.int64)
    o_degree = np.empty(n_out, dtype=np.int64)
    o_strength = np.empty(n_out)
    o_betw = np.empty(n_out)
    o_comm = np.empty(n_out, dtype=np.int64)
    local = np.full(n_terms, -1, dtype=np.int64)
    out = 0
    for g in range(len(starts) - 1):
        rows = order[starts[g]:starts[g + 1]]
        m = len(rows)
        keys = np.empty(m, dtype=np.int64)
        for e in range(m):
            r = rows[e]
            if a[r] >= b[r]:  # a loop or a pair given backwards: the caller's graphs
                return _none(o_doc, o_strength)
            keys[e] = a[r] * n_terms + b[r]
        by_pair = np.argsort(keys)
        for e in range(1, m):
            if keys[by_pair[e]] == keys[by_pair[e - 1]]:  # a pair twice
                return _none(o_doc, o_strength)
        # the nodes in name order, and each term's position among them
        found = np.empty(2 * m, dtype=np.int64)
        for e in range(m):
            found[2 * e] = a[rows[e]]
            found[2 * e + 1] = b[rows[e]]
        nodes = np.unique(found)
        n = len(nodes)
        if n == 0 or n > max_nodes:
            return _none(o_doc, o_strength)
        for i in range(n):
            local[nodes[i]] = i
        count = np.zeros(n, dtype=np.int64)
        for e in range(m):  # the last row naming a term gives its count
            r = rows[e]
            count[local[a[r]]] = ca[r]
            count[local[b[r]]] = cb[r]
        # adjacency in (term_a, term_b) order; each node's strength summed in that order
        degree = np.zeros(n, dtype=np.int64)
        for e in range(m):
            r = rows[e]
            degree[local[a[r]]] += 1
            degree[local[b[r]]] += 1
        indptr = np.zeros(n + 1, dtype=np.int64)
        for i in range(n):
            indptr[i + 1] = indptr[i] + degree[i]
        fill = indptr[:n].copy()
        indices = np.empty(indptr[n], dtype=np.int64)
        strength = np.zeros(n)
        w = np.zeros((n, n))
        for e in range(m):
            r = rows[by_pair[e]]
            u, v, x = local[a[r]], local[b[r]], wt[r]
            indices[fill[u]] = v
            fill[u] += 1
            strength[u] += x
            indices[fill[v]] = u
            fill[v] += 1
            strength[v] += x
            w[u, v] = x
            w[v, u] = x
        bc = _brandes(indptr, indices, n)
        if n > 2:
            bc = bc * (1 / ((n - 1) * (n - 2)))
        total = 0.0
        for i in range(n):
            total += strength[i]
        q0 = 1 / (total / 2)
        share = np.zeros(n)
        for i in range(n):
            share[i] = strength[i] * q0 * 0.5
        label = _cnm(w, share, q0, 1.0)
        # communities by size (largest first), ties by their first member's name
        size = np.zeros(n, dtype=np.int64)
        first = np.full(n, n, dtype=np.int64)
        for i in range(n):
            size[label[i]] += 1
            if first[label[i]] == n:
                first[label[i]] = i
        comm_key = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        for c in range(n):
            if size[c] > 0:
                comm_key[c] = (n - size[c]) * (n + 1) + first[c]
        comm_order = np.argsort(comm_key)
        number = np.zeros(n, dtype=np.int64)
        for k in range(n):
            c = comm_order[k]
            if size[c] > 0:
                number[c] = k + 1
        # the rows by community, degree (descending), name
        row_key = np.empty(n, dtype=np.int64)
        for i in range(n):
            row_key[i] = (number[label[i]] * (n + 1) + (n - degree[i])) * (n + 1) + i
        for i in np.argsort(row_key):
            o_doc[out] = g
            o_term[out] = nodes[i]
            o_count[out] = count[i]
            o_degree[out] = degree[i]
            o_strength[out] = strength[i]
            o_betw[out] = bc[i]
            o_comm[out] = number[label[i]]
            out += 1
        for i in range(n):
            local[nodes[i]] = -1
    return (True, o_doc[:out], o_term[:out], o_count[:out], o_degree[:out], o_strength[:out],
            o_betw[:out], o_comm[:out])
