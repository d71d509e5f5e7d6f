"""analysis.stats.graphs: betweenness and greedy modularity with arrays, the same values as
networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from analysis.stats.graphs import betweenness, greedy_modularity


def _random_graphs(count, *, weighted):
    rng = np.random.default_rng(5)
    for seed in range(count):
        n = int(rng.integers(3, 40))
        base = nx.gnm_random_graph(n, int(rng.integers(1, 3 * n)), seed=seed)
        g = nx.Graph()
        names = [f"t{i:03d}" for i in rng.permutation(n)]  # insertion order not name order
        for u, v in base.edges():
            # few distinct weights: many tied modularity gains
            w = float(rng.choice([0.25, 0.5, 1 / 3])) if weighted else 1.0
            g.add_edge(names[u], names[v], weight=w)
        yield g


def test_betweenness_of_a_path_and_a_star():
    path = np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0]])
    assert np.allclose(betweenness(path), [0, 2 / 3, 2 / 3, 0])
    assert np.allclose(betweenness(path, normalized=False), [0, 2, 2, 0])
    star = np.zeros((4, 4))
    star[0, 1:] = star[1:, 0] = 1
    assert np.allclose(betweenness(star), [1, 0, 0, 0])


def test_betweenness_splits_between_equal_paths_and_ignores_other_components():
    # square a-b-c-d-a: a to c has two shortest paths (through b, through d); e-f apart
    a = np.zeros((6, 6))
    for i, j in [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5)]:
        a[i, j] = a[j, i] = 1
    assert np.allclose(betweenness(a, normalized=False), [0.5, 0.5, 0.5, 0.5, 0, 0])


def test_betweenness_matches_networkx():
    for g in _random_graphs(60, weighted=False):
        nodes = list(g)
        ref = nx.betweenness_centrality(g, normalized=True)
        got = betweenness(nx.to_numpy_array(g, nodelist=nodes))
        assert np.allclose(got, [ref[u] for u in nodes], rtol=0, atol=1e-12)


def test_betweenness_rejects_a_non_square_array():
    with pytest.raises(ValueError, match="square"):
        betweenness(np.zeros((2, 3)))


def test_greedy_modularity_matches_networkx_with_tied_weights():
    for g in _random_graphs(80, weighted=True):
        got = sorted(sorted(c) for c in greedy_modularity(g))
        ref = sorted(sorted(c) for c in nx.community.greedy_modularity_communities(
            g, weight="weight"))
        assert got == ref


def test_greedy_modularity_keeps_isolated_nodes_and_edgeless_graphs():
    g = nx.Graph([("a", "b")])
    g.add_node("z")
    assert sorted(sorted(c) for c in greedy_modularity(g)) == [["a", "b"], ["z"]]
    empty = nx.Graph()
    empty.add_nodes_from(["x", "y"])
    assert greedy_modularity(empty) == [{"x"}, {"y"}]
