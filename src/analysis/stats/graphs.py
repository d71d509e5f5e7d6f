"""Betweenness centrality and greedy-modularity communities of small graphs, with arrays.

The co-occurrence networks of the build have a few dozen nodes per document and there is
one per document, so networkx's pure-Python algorithms spend their time in the
interpreter. :func:`betweenness` computes the same quantity from breadth-first layers in
matrix form (the number of shortest paths ``sigma[s, t]`` and the distance of every pair,
then each node's share of the shortest paths through it); :func:`greedy_modularity` runs
Clauset-Newman-Moore on a matrix of modularity gains, making networkx's merges in the same
order (the same arithmetic, ties broken by node name), so it gives the same communities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["betweenness", "greedy_modularity"]


def betweenness(adjacency: np.ndarray, *, normalized: bool = True) -> np.ndarray:
    """Betweenness centrality of every node of an undirected, unweighted graph.

    ``c(v)`` is the sum over ordered pairs ``s != v != t`` of the share of the shortest
    ``s``–``t`` paths that pass through ``v``; with ``normalized`` it is divided by
    ``(n - 1)(n - 2)``, without it halved (each unordered pair once), as in networkx's
    ``betweenness_centrality``. Time and memory grow as ``n**3``: meant for graphs of up to
    a few hundred nodes.

    Parameters
    ----------
    adjacency : ndarray
        Square, symmetric array; a nonzero entry is an edge (weights are ignored; the
        diagonal is ignored).
    normalized : bool, keyword-only
        Divide by the number of ordered pairs of other nodes.

    Returns
    -------
    ndarray
        One value per node, in the order of the adjacency's rows.

    Examples
    --------
    >>> import numpy as np
    >>> path = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    >>> betweenness(path).tolist()
    [0.0, 1.0, 0.0]
    """
    a = np.asarray(adjacency) != 0
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(f"betweenness: adjacency must be square, got shape {a.shape}.")
    n = a.shape[0]
    if n < 3:
        return np.zeros(n)
    a = a.copy()
    np.fill_diagonal(a, False)
    af = a.astype(np.float64)
    sigma = np.eye(n)  # number of shortest paths s -> t
    dist = np.full((n, n), np.inf)
    np.fill_diagonal(dist, 0.0)
    seen = np.eye(n, dtype=bool)
    frontier = np.eye(n)  # sigma restricted to the nodes at distance k - 1
    for k in range(1, n):
        nxt = frontier @ af
        nxt[seen] = 0.0
        new = nxt > 0
        if not new.any():
            break
        sigma[new] = nxt[new]
        dist[new] = k
        seen |= new
        frontier = nxt
    # through[s, v, t]: v lies on a shortest s-t path (s, v, t distinct, t reachable)
    reach = np.isfinite(dist)
    through = (dist[:, :, None] + dist[None, :, :] == dist[:, None, :]) & reach[:, None, :]
    idx = np.arange(n)
    through[idx, idx, :] = False
    through[:, idx, idx] = False
    share = np.where(through,
                     sigma[:, :, None] * sigma[None, :, :]
                     / np.where(reach, sigma, 1.0)[:, None, :], 0.0)
    c = share.sum(axis=(0, 2))
    return c / ((n - 1) * (n - 2)) if normalized else c / 2.0


def greedy_modularity(graph: nx.Graph, *, weight: str | None = "weight",
                      resolution: float = 1.0) -> list[set[Any]]:
    """Communities by greedy modularity maximisation (Clauset-Newman-Moore).

    The same merges as networkx's ``greedy_modularity_communities(graph, weight=weight,
    resolution=resolution)``: at each step the pair of adjacent communities with the
    largest modularity gain merges (ties: the pair whose node names sort first), until no
    merge raises modularity. Each step is a few array operations over a node × node
    matrix of gains, so it suits graphs of up to a few hundred nodes.

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
    if graph.is_directed() or graph.is_multigraph():
        raise ValueError("greedy_modularity: give an undirected simple graph.")
    nodes = list(graph)
    if graph.size() == 0:
        return [{u} for u in nodes]
    n = len(nodes)
    # node positions in name order: the tie-break of networkx's heaps is (u, v) by name
    rank = sorted(range(n), key=nodes.__getitem__)
    names = [nodes[i] for i in rank]
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
    adj = w != 0
    ii, jj = np.nonzero(adj)
    dq = np.full((n, n), -np.inf)
    dq[ii, jj] = q0 * w[ii, jj] - resolution * (a[ii] * a[jj] + a[ii] * a[jj])
    members: list[set[Any]] = [{u} for u in names]
    alive = np.ones(n, dtype=bool)
    while adj.any():
        best = dq.max()
        if best < 0:
            break
        u, v = (int(x) for x in np.argwhere(dq == best)[0])  # row-major: smallest (u, v)
        nu, nv = adj[u].copy(), adj[v].copy()
        nu[[u, v]] = False
        nv[[u, v]] = False
        both, only_v, only_u = nu & nv, nv & ~nu, nu & ~nv
        new = np.empty(n)
        new[both] = dq[v, both] + dq[u, both]
        new[only_v] = dq[v, only_v] - resolution * (a[u] * a[only_v] + a[only_v] * a[u])
        new[only_u] = dq[u, only_u] - resolution * (a[v] * a[only_u] + a[only_u] * a[v])
        nbrs = nu | nv
        dq[v, nbrs] = new[nbrs]
        dq[nbrs, v] = new[nbrs]
        adj[v, nbrs] = True
        adj[nbrs, v] = True
        adj[v, u] = adj[u, v] = False
        adj[u, :] = adj[:, u] = False
        dq[u, :] = dq[:, u] = -np.inf
        dq[v, u] = dq[u, v] = -np.inf
        members[v] |= members[u]
        members[u] = set()
        alive[u] = False
        a[v] += a[u]
        a[u] = 0
    comms = [members[i] for i in range(n) if alive[i]]
    return sorted(comms, key=len, reverse=True)
