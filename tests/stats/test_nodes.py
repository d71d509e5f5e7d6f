"""analysis.stats._nodes: the node table of every document's network in one compiled pass,
the same rows as each document's graph."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis.stats.network as network
from analysis.stats._nodes import nodes_by_document
from analysis.stats.network import cooccurrence_graph, network_nodes
from tests.stats.test_graphs import _random_graphs


def _edge_table(count: int, seed: int) -> pd.DataFrame:
    """Documents' edge tables (random weighted graphs, tied weights), their rows
    interleaved; terms shared between documents and named by several rows of one."""
    rng = np.random.default_rng(seed)
    parts = []
    for k, g in enumerate(_random_graphs(count, weighted=True)):
        edges = [tuple(sorted((u, v))) for u, v in g.edges()]
        parts.append(pd.DataFrame({
            "doc_id": f"d{k % 7}-{k}",
            "term_a": [a for a, _ in edges], "term_b": [b for _, b in edges],
            "count_a": rng.integers(1, 9, len(edges)),
            "count_b": rng.integers(1, 9, len(edges)),
            "jaccard": [g.edges[e]["weight"] for e in edges]}))
    table = pd.concat(parts, ignore_index=True)
    table = table.iloc[rng.permutation(len(table))].reset_index(drop=True)
    return table.astype({"doc_id": "str", "term_a": "str", "term_b": "str"})


def _per_graph(edges: pd.DataFrame) -> pd.DataFrame:
    """network_nodes of each document's networkx graph, stacked (documents in order)."""
    parts = []
    for doc in dict.fromkeys(edges["doc_id"]):
        nodes = network_nodes(cooccurrence_graph(edges[edges["doc_id"] == doc],
                                                 weight="jaccard", doc_id=doc))
        nodes.insert(0, "doc_id", doc)
        parts.append(nodes)
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_documents_nodes_equal_those_of_its_graph(seed):
    edges = _edge_table(30, seed)
    got = nodes_by_document(edges, weight="jaccard", max_nodes=3000)
    expected = _per_graph(edges)
    pd.testing.assert_frame_equal(got, expected.astype(got.dtypes), check_exact=True)
    pd.testing.assert_frame_equal(network_nodes(edges), got, check_exact=True)


def test_the_same_table_as_the_graphs_one_document_at_a_time(monkeypatch):
    edges = _edge_table(25, 9)
    fast = network_nodes(edges)
    monkeypatch.setattr(network, "nodes_by_document", lambda *args, **kwargs: None)
    pd.testing.assert_frame_equal(network_nodes(edges), fast, check_exact=True)


def test_a_documents_last_row_gives_a_terms_count():
    e = pd.DataFrame({"doc_id": ["d", "d"], "term_a": ["a", "a"], "term_b": ["b", "c"],
                      "count_a": [5, 7], "count_b": [1, 2], "jaccard": [0.5, 0.5]})
    e = e.astype({"doc_id": "str", "term_a": "str", "term_b": "str"})
    got = nodes_by_document(e, weight="jaccard", max_nodes=10)
    assert got[["term", "count", "degree", "strength"]].values.tolist() == [
        ["a", 7, 2, 1.0], ["b", 1, 1, 0.5], ["c", 2, 1, 0.5]]


def test_graphs_other_than_the_plain_case_are_left_to_the_caller():
    e = pd.DataFrame({"doc_id": ["d", "d", "e"], "term_a": ["a", "b", "x"],
                      "term_b": ["b", "c", "y"], "count_a": [1, 1, 1],
                      "count_b": [1, 1, 1], "jaccard": [0.5, 0.5, 1.0]})
    e = e.astype({"doc_id": "str", "term_a": "str", "term_b": "str"})
    assert nodes_by_document(e, weight="jaccard", max_nodes=10) is not None
    backwards = e.assign(term_a=["a", "c", "x"], term_b=["b", "b", "y"])
    twice = e.assign(term_b=["b", "b", "y"], term_a=["a", "a", "x"])
    loop = e.assign(term_b=["a", "c", "y"])
    for table in (backwards, twice, loop, e.astype({"term_a": object})):
        assert nodes_by_document(table, weight="jaccard", max_nodes=10) is None
    assert nodes_by_document(e, weight="jaccard", max_nodes=2) is None  # d has three nodes
    assert nodes_by_document(e.iloc[:0], weight="jaccard", max_nodes=10) is None
    # the caller's graphs give the table then
    assert network_nodes(backwards)["term"].tolist() == ["b", "a", "c", "x", "y"]
