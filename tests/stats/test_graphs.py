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
    path = nx.path_graph(["a", "b", "c", "d"])
    assert betweenness(path) == pytest.approx({"a": 0, "b": 2 / 3, "c": 2 / 3, "d": 0})
    assert betweenness(path, normalized=False) == {"a": 0, "b": 2, "c": 2, "d": 0}
    assert betweenness(nx.star_graph(3)) == {0: 1, 1: 0, 2: 0, 3: 0}


def test_betweenness_splits_between_equal_paths_and_ignores_other_components():
    # square a-b-c-d-a: a to c has two shortest paths (through b, through d); e-f apart
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("e", "f")])
    assert betweenness(g, normalized=False) == {"a": 0.5, "b": 0.5, "c": 0.5, "d": 0.5,
                                                "e": 0, "f": 0}


def test_betweenness_is_networkxs_to_the_last_bit():
    for g in _random_graphs(60, weighted=False):
        assert betweenness(g) == nx.betweenness_centrality(g, normalized=True)


def test_betweenness_refuses_a_directed_graph():
    with pytest.raises(ValueError, match="undirected"):
        betweenness(nx.DiGraph([("a", "b")]))


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


def test_node_rows_of_an_edge_list_equal_those_of_its_networkx_graph():
    import pandas as pd

    from analysis.stats.graphs import _edge_list_nodes
    from analysis.stats.network import _graph, network_nodes

    for g in _random_graphs(40, weighted=True):
        edges = [tuple(sorted((u, v))) for u, v in g.edges()]
        rng = np.random.default_rng(len(edges))
        cols = {"term_a": [a for a, _ in edges], "term_b": [b for _, b in edges],
                "count_a": [int(rng.integers(1, 9)) for _ in edges],
                "count_b": [int(rng.integers(1, 9)) for _ in edges],
                "jaccard": [g.edges[e]["weight"] for e in edges]}
        rows = _edge_list_nodes(cols["term_a"], cols["term_b"], cols["count_a"],
                                cols["count_b"], cols["jaccard"], 3000)
        expected = network_nodes(_graph(cols, [], "jaccard", None))
        got = pd.DataFrame(rows, columns=list(expected.columns)).astype(expected.dtypes)
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert _edge_list_nodes(["b"], ["a"], [1], [1], [0.5], 3000) is None  # not a < b
