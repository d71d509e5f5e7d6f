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
