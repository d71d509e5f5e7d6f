"""Betweenness centrality and greedy-modularity communities of small graphs, compiled.

The co-occurrence networks of the build have a few dozen nodes per document and there is
one per document, so networkx's pure-Python algorithms spend their time in the
interpreter. These functions take the same networkx graph and run the same algorithms in
numba-compiled loops over arrays, with the same arithmetic in the same order, so they give
the same values: :func:`betweenness` is Brandes' algorithm (networkx's
``betweenness_centrality``), visiting neighbours in the graph's adjacency order;
:func:`greedy_modularity` is Clauset-Newman-Moore over a matrix of modularity gains
(networkx's ``greedy_modularity_communities``), merging at each step the pair with the
largest gain, ties going to the pair whose node names sort first, as networkx's heaps do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numba import njit

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["betweenness", "greedy_modularity"]


def _simple(graph: nx.Graph, func: str) -> None:
    if graph.is_directed() or graph.is_multigraph():
        raise ValueError(f"{func}: give an undirected simple graph (networkx.Graph).")


def betweenness(graph: nx.Graph, *, normalized: bool = True) -> dict[Any, float]:
    """Betweenness centrality of every node (unweighted shortest paths).

    ``c(v)`` is the sum over ordered pairs ``s != v != t`` of the share of the shortest
    ``s``-``t`` paths that pass through ``v``; with ``normalized`` it is divided by
    ``(n - 1)(n - 2)``, without it halved. The same values as networkx's
    ``betweenness_centrality(graph, normalized=normalized)``.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected graph (edge weights are ignored).
    normalized : bool, keyword-only
        Divide by the number of ordered pairs of other nodes.

    Returns
    -------
    dict
        ``{node: centrality}`` in the graph's node order.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    _simple(graph, "betweenness")
    nodes = list(graph)
    n = len(nodes)
    pos = {u: i for i, u in enumerate(nodes)}
    indptr = np.zeros(n + 1, dtype=np.int64)
    indices = []
    for i, u in enumerate(nodes):  # each node's neighbours in adjacency order
        nbrs = [pos[v] for v in graph.adj[u] if v != u]
        indices += nbrs
        indptr[i + 1] = indptr[i] + len(nbrs)
    bc = _brandes(indptr, np.asarray(indices, dtype=np.int64), n)
    if n > 2:
        bc = bc * (1 / ((n - 1) * (n - 2))) if normalized else bc * 0.5
    return dict(zip(nodes, bc.tolist(), strict=True))


@njit(cache=True, nogil=True)
def _brandes(indptr: np.ndarray, indices: np.ndarray, n: int) -> np.ndarray:  # pragma: no cover
    bc = np.zeros(n)
    sigma = np.zeros(n)
    dist = np.full(n, -1, dtype=np.int64)
    delta = np.zeros(n)
    order = np.empty(n, dtype=np.int64)  # the BFS visiting order (networkx's stack S)
    for s in range(n):
        sigma[:] = 0.0
        dist[:] = -1
        delta[:] = 0.0
        sigma[s] = 1.0
        dist[s] = 0
        order[0] = s
        head, tail = 0, 1
        while head < tail:
            v = order[head]
            head += 1
            for p in range(indptr[v], indptr[v + 1]):
                w = indices[p]
                if dist[w] < 0:
                    order[tail] = w
                    tail += 1
                    dist[w] = dist[v] + 1
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
        for q in range(tail - 1, -1, -1):
            w = order[q]
            coeff = (1.0 + delta[w]) / sigma[w]
            for p in range(indptr[w], indptr[w + 1]):
                v = indices[p]
                if dist[v] == dist[w] - 1:
                    delta[v] += sigma[v] * coeff
            if w != s:
                bc[w] += delta[w]
    return bc


def greedy_modularity(graph: nx.Graph, *, weight: str | None = "weight",
                      resolution: float = 1.0) -> list[set[Any]]:
    """Communities by greedy modularity maximisation (Clauset-Newman-Moore).

    The same merges as networkx's ``greedy_modularity_communities(graph, weight=weight,
    resolution=resolution)``: at each step the pair of adjacent communities with the
    largest modularity gain merges (ties: the pair whose node names sort first), until no
    merge raises modularity. Memory grows as the square of the number of nodes: meant for
    graphs of up to a few thousand nodes.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected graph; node names must be mutually comparable (e.g. all strings).
    weight : str or None, keyword-only
        Edge attribute used as weight (``None``: every edge weighs 1).
    resolution : float, keyword-only
        Modularity's resolution (below 1 favours larger communities).

    Returns
    -------
    list of set
        The communities, largest first.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"),
    ...               ("x", "z"), ("c", "x")])
    >>> sorted(sorted(c) for c in greedy_modularity(g))
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    _simple(graph, "greedy_modularity")
    nodes = list(graph)
    if graph.size() == 0:
        return [{u} for u in nodes]
    n = len(nodes)
    # nodes in name order: networkx's heaps break ties by (u, v) names
    names = sorted(nodes)
    pos = {u: i for i, u in enumerate(names)}
    q0 = 1 / graph.size(weight)
    a = np.zeros(n)
    for u, deg in graph.degree(weight=weight):
        a[pos[u]] = deg * q0 * 0.5
    w = np.zeros((n, n))
    for u, v, wt in graph.edges(data=weight, default=1):
        if u != v:
            w[pos[u], pos[v]] += wt
            w[pos[v], pos[u]] += wt
    label = _cnm(w, a, q0, float(resolution))
    groups: dict[int, set[Any]] = {}
    for i, u in enumerate(names):
        groups.setdefault(int(label[i]), set()).add(u)
    return sorted(groups.values(), key=len, reverse=True)


@njit(cache=True, nogil=True)
def _cnm(w: np.ndarray, a: np.ndarray, q0: float,
         resolution: float) -> np.ndarray:  # pragma: no cover
    n = w.shape[0]
    adj = np.zeros((n, n), dtype=np.bool_)
    dq = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j and w[i, j] != 0:
                adj[i, j] = True
                dq[i, j] = q0 * w[i, j] - resolution * (a[i] * a[j] + a[i] * a[j])
    label = np.arange(n)
    new = np.zeros(n)
    while True:
        best, u, v = -np.inf, -1, -1
        for i in range(n):
            for j in range(n):
                if adj[i, j] and dq[i, j] > best:  # row-major: ties keep the first (u, v)
                    best, u, v = dq[i, j], i, j
        if u < 0 or best < 0:
            break
        for k in range(n):
            if k == u or k == v:  # noqa: SIM109 (numba: no tuple membership)
                continue
            if adj[u, k] and adj[v, k]:
                new[k] = dq[v, k] + dq[u, k]
            elif adj[v, k]:
                new[k] = dq[v, k] - resolution * (a[u] * a[k] + a[k] * a[u])
            elif adj[u, k]:
                new[k] = dq[u, k] - resolution * (a[v] * a[k] + a[k] * a[v])
        for k in range(n):
            if k != u and k != v and (adj[u, k] or adj[v, k]):
                dq[v, k] = new[k]
                dq[k, v] = new[k]
                adj[v, k] = True
                adj[k, v] = True
        for k in range(n):
            adj[u, k] = False
            adj[k, u] = False
        for k in range(n):
            if label[k] == u:
                label[k] = v
        a[v] += a[u]
        a[u] = 0.0
    return label


def _edge_list_nodes(term_a: list, term_b: list, count_a: list, count_b: list,
                     weights: list, max_nodes: int) -> list[tuple] | None:
    """The node rows ``(term, count, degree, strength, betweenness, community)`` of the
    graph that :func:`analysis.stats.network.cooccurrence_graph` builds from these edge
    columns (nodes added in name order, then the edges in (term_a, term_b) order), sorted
    by community, degree (descending), term; without building it. The same arithmetic in
    the same order as :func:`betweenness`, :func:`greedy_modularity` and networkx's
    weighted degree on that graph, so the same values. None (build the graph) unless
    every ``term_a < term_b`` (distinct string pairs: no loop, no edge twice) and there
    are at most ``max_nodes`` nodes.
    """
    if not all(isinstance(a, str) and isinstance(b, str) and a < b
               for a, b in zip(term_a, term_b, strict=True)):
        return None
    pairs = list(zip(term_a, term_b, strict=True))
    if len(set(pairs)) != len(pairs):
        return None
    counts: dict[str, int] = {}
    for a, b, ca, cb in zip(term_a, term_b, count_a, count_b, strict=True):
        counts[a] = int(ca)
        counts[b] = int(cb)
    names = sorted(counts)  # the graph's node order
    n = len(names)
    if n == 0 or n > max_nodes:
        return None
    pos = {u: i for i, u in enumerate(names)}
    nbrs: list[list[int]] = [[] for _ in range(n)]
    wts: list[list[float]] = [[] for _ in range(n)]
    w = np.zeros((n, n))
    for i in sorted(range(len(pairs)), key=pairs.__getitem__):  # adjacency order
        u, v, x = pos[term_a[i]], pos[term_b[i]], float(weights[i])
        nbrs[u].append(v)
        wts[u].append(x)
        nbrs[v].append(u)
        wts[v].append(x)
        w[u, v] = w[v, u] = x
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(x) for x in nbrs])
    bc = _brandes(indptr, np.asarray([v for x in nbrs for v in x], dtype=np.int64), n)
    if n > 2:
        bc = bc * (1 / ((n - 1) * (n - 2)))
    strength = [sum(x) for x in wts]  # networkx's weighted degree: a sum from 0, in order
    q0 = 1 / (sum(strength) / 2)
    a = np.zeros(n)
    for i, deg in enumerate(strength):
        a[i] = deg * q0 * 0.5
    label = _cnm(w, a, q0, 1.0)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(int(label[i]), []).append(i)
    comms = sorted(groups.values(), key=lambda c: (-len(c), c[0]))  # names sort as i
    community = np.zeros(n, dtype=np.int64)
    for k, members in enumerate(comms, start=1):
        community[members] = k
    rows = [(names[i], counts[names[i]], len(nbrs[i]), round(float(strength[i]), 9),
             round(float(bc[i]), 9), int(community[i])) for i in range(n)]
    return sorted(rows, key=lambda r: (r[5], -r[2], r[0]))
