"""analysis.stats.network: term co-occurrence, the graph, its nodes and exports."""

from __future__ import annotations

import hashlib
import math

import networkx as nx
import pandas as pd
import pytest

from analysis.stats import (
    cooccurrence,
    cooccurrence_graph,
    network_nodes,
    write_gexf,
    write_graphml,
)
from tests.stats.literal_tokens import token_frame

# four clauses of one document: tokens sit at offsets 2*i, clauses cut at 8, 16, 24
TOKS = token_frame({"d": ["人才", "引进", "平台", "平台",      # clause 1
                          "人才", "引进", "金融", "税收",      # clause 2
                          "人才", "平台", "金融", "税收",      # clause 3
                          "人才", "引进", "税收", "服务"]})    # clause 4
CLAUSES = pd.DataFrame({"doc_id": ["d"] * 4, "clause_id": [f"d:{i}" for i in range(1, 5)],
                        "char_start": [0, 8, 16, 24], "char_end": [8, 16, 24, 32]})



def test_clause_cooccurrence_scores():
    e = cooccurrence(TOKS, clauses=CLAUSES, min_count=1, min_term_count=1, top_n=None)
    row = e.set_index(["term_a", "term_b"]).loc[("人才", "引进")]
    # 人才 in 4 clauses, 引进 in 3, together in 3, 4 clauses in all
    assert (row["count"], row["count_a"], row["count_b"], row["n_units"]) == (3, 4, 3, 4)
    assert row["jaccard"] == pytest.approx(3 / 4)
    assert row["dice"] == pytest.approx(6 / 7)
    assert row["pmi"] == pytest.approx(math.log2(3 * 4 / (4 * 3)))
    tax = e.set_index(["term_a", "term_b"]).loc[("税收", "金融")]
    assert tax["count"] == 2 and tax["pmi"] == pytest.approx(math.log2(2 * 4 / (3 * 2)))
    assert tax["npmi"] == pytest.approx(math.log2(4 / 3) / -math.log2(2 / 4))
    assert (e["term_a"] < e["term_b"]).all()
    assert e["jaccard"].is_monotonic_decreasing


def test_filters_and_top_n():
    e = cooccurrence(TOKS, clauses=CLAUSES, min_count=2, min_term_count=1, top_n=None)
    assert (e["count"] >= 2).all()
    assert ("引进", "金融") not in set(zip(e.term_a, e.term_b, strict=True))
    loose = cooccurrence(TOKS, clauses=CLAUSES, min_count=1, min_term_count=1, top_n=None)
    assert ("引进", "金融") in set(zip(loose.term_a, loose.term_b, strict=True))
    assert len(cooccurrence(TOKS, clauses=CLAUSES, min_count=1, min_term_count=1,
                            top_n=3)) == 3
    few = cooccurrence(TOKS, clauses=CLAUSES, min_count=1, min_term_count=1, max_terms=2,
                       top_n=None)
    # the two most frequent terms (引进 and 税收 tie at 3 clauses: the first in order wins)
    assert set(few["term_a"]) | set(few["term_b"]) == {"人才", "引进"}


def test_by_document_with_no_unit_gives_an_empty_table():
    for clauses in (CLAUSES.iloc[:0], CLAUSES.assign(doc_id="other")):
        e = cooccurrence(TOKS, clauses=clauses, by_document=True, min_count=1,
                         min_term_count=1)
        assert e.empty and e.columns[0] == "doc_id"
        assert network_nodes(e).empty


def test_sliding_window_units():
    toks = token_frame({"d": ["甲方", "乙方", "丙方", "丁方"]})
    e = cooccurrence(toks, window=2, min_count=1, min_term_count=1, top_n=None)
    pairs = {frozenset(p) for p in zip(e["term_a"], e["term_b"], strict=True)}
    assert pairs == {frozenset(p) for p in [("甲方", "乙方"), ("乙方", "丙方"), ("丙方", "丁方")]}
    assert (e["n_units"] == 3).all()


def test_by_document_adds_doc_id(tokens, corpus):
    from analysis.structure import clause_table

    e = cooccurrence(tokens, clauses=clause_table(corpus), by_document=True, top_n=20)
    assert e.columns[0] == "doc_id" and e.groupby("doc_id").size().max() == 20
    with pytest.raises(ValueError, match="choose one with doc_id="):
        cooccurrence_graph(e)
    g = cooccurrence_graph(e, doc_id="xinji_2022")
    assert g.number_of_edges() == 20


def test_graph_attributes_and_communities():
    e = cooccurrence(TOKS, clauses=CLAUSES, min_count=1, min_term_count=1, top_n=None)
    g = cooccurrence_graph(e, weight="jaccard")
    assert g.nodes["人才"]["count"] == 4 and g.nodes["人才"]["degree"] == g.degree("人才")
    assert g.edges["人才", "引进"]["weight"] == pytest.approx(0.75)
    nodes = network_nodes(g)
    assert list(nodes.columns) == ["term", "count", "degree", "strength", "betweenness",
                                   "community"]
    assert nodes["community"].min() == 1
    again = network_nodes(cooccurrence_graph(e, weight="jaccard"))
    pd.testing.assert_frame_equal(nodes, again)


def test_two_cliques_form_two_communities():
    # two groups of words that never share a clause
    docs = {"d": ["人才", "引进", "培养"] * 3 + ["金融", "税收", "资本"] * 3}
    toks = token_frame(docs)
    cl = pd.DataFrame({"doc_id": "d", "clause_id": [f"d:{i}" for i in range(6)],
                       "char_start": [6 * i for i in range(6)],
                       "char_end": [6 * i + 6 for i in range(6)]})
    g = cooccurrence_graph(cooccurrence(toks, clauses=cl, min_count=1, min_term_count=1))
    comm = nx.get_node_attributes(g, "community")
    assert comm["人才"] == comm["引进"] == comm["培养"]
    assert comm["金融"] == comm["税收"] == comm["资本"] != comm["人才"]


def test_exports_round_trip_and_gexf_is_reproducible(tmp_path):
    e = cooccurrence(TOKS, clauses=CLAUSES, min_count=1, min_term_count=1)
    g = cooccurrence_graph(e)
    back = nx.read_graphml(write_graphml(g, tmp_path / "n.graphml"))
    assert set(back.nodes) == set(g.nodes) and back.nodes["人才"]["community"] >= 1
    one = write_gexf(g, tmp_path / "a.gexf").read_bytes()
    two = write_gexf(g, tmp_path / "b.gexf").read_bytes()
    assert hashlib.sha256(one).digest() == hashlib.sha256(two).digest()
    assert set(nx.read_gexf(tmp_path / "a.gexf").nodes) == set(g.nodes)


def test_errors():
    with pytest.raises(ValueError, match="measure="):
        cooccurrence(TOKS, clauses=CLAUSES, measure="lift")
    with pytest.raises(ValueError, match="pass clauses="):
        cooccurrence(TOKS)
    with pytest.raises(ValueError, match="window must be"):
        cooccurrence(TOKS, window=1)



def test_network_nodes_of_a_by_document_edge_table():
    toks = token_frame({"d": ["人才", "引进", "平台", "平台", "人才", "引进", "金融", "税收"],
                        "e": ["金融", "税收", "资本", "金融", "税收", "资本", "人才", "金融"]})
    cl = pd.DataFrame({"doc_id": ["d", "d", "e", "e"], "clause_id": ["d:1", "d:2", "e:1", "e:2"],
                       "char_start": [0, 8, 0, 8], "char_end": [8, 16, 8, 16]})
    e = cooccurrence(toks, clauses=cl, by_document=True, min_count=1, min_term_count=1)
    nodes = network_nodes(e)
    assert list(nodes.columns) == ["doc_id", "term", "count", "degree", "strength",
                                   "betweenness", "community"]
    assert list(dict.fromkeys(nodes["doc_id"])) == ["d", "e"]
    one = network_nodes(cooccurrence_graph(e, doc_id="e"))
    pd.testing.assert_frame_equal(nodes[nodes["doc_id"] == "e"].drop(columns="doc_id")
                                  .reset_index(drop=True), one)


def test_by_document_tables_equal_one_table_per_document(tokens, corpus):
    """The by-document edge and node tables are the per-document tables stacked: the same
    rows, order and dtypes as building each document's table on its own."""
    from analysis.structure import clause_table

    cl = clause_table(corpus)
    e = cooccurrence(tokens, clauses=cl, by_document=True, top_n=60, min_count=2)
    per_doc = []
    for doc in corpus.doc_ids:
        one = cooccurrence(tokens[tokens["doc_id"] == doc].reset_index(drop=True),
                           clauses=cl[cl["doc_id"] == doc], top_n=60, min_count=2)
        one.insert(0, "doc_id", doc)
        per_doc.append(one)
    pd.testing.assert_frame_equal(e, pd.concat(per_doc, ignore_index=True))
    nodes = []
    for doc in corpus.doc_ids:
        n = network_nodes(cooccurrence_graph(e, doc_id=doc))
        n.insert(0, "doc_id", doc)
        nodes.append(n)
    pd.testing.assert_frame_equal(network_nodes(e), pd.concat(nodes, ignore_index=True))
