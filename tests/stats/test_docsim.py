"""analysis.stats.docsim: document similarity, clustering and the document map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats import (
    cluster_documents,
    document_map,
    similarity,
    similarity_matrix,
    similarity_tables,
)
from tests.stats.literal_tokens import token_frame

TOKS = token_frame({
    "a": ["人才"] * 6 + ["平台"] * 2 + ["金融"] * 2,
    "b": ["人才"] * 1 + ["平台"] * 5 + ["金融"] * 4,
    "c": ["人才"] * 1 + ["平台"] * 6 + ["金融"] * 3,
})


def test_similarity_is_a_full_symmetric_matrix(tokens):
    from sklearn.metrics.pairwise import cosine_similarity

    from analysis import tfidf_matrix

    s = similarity(tokens)
    cos = s.pivot(index="doc_id", columns="doc_b", values="cosine")
    ids = list(dict.fromkeys(s["doc_id"]))
    cos = cos.loc[ids, ids].to_numpy()
    np.testing.assert_allclose(cos, cos.T)
    np.testing.assert_allclose(np.diag(cos), 1.0)
    w = tfidf_matrix(tokens)
    np.testing.assert_allclose(cos, cosine_similarity(w.to_numpy()), atol=1e-8)


def test_jaccard_counts_shared_terms():
    s = similarity(TOKS).set_index(["doc_id", "doc_b"])
    assert s.loc[("a", "b"), "jaccard"] == 1.0 and s.loc[("a", "b"), "shared_terms"] == 3
    s2 = similarity(token_frame({"x": ["人才", "平台"], "y": ["平台", "金融", "税收"]}))
    assert s2.set_index(["doc_id", "doc_b"]).loc[("x", "y"), "jaccard"] == pytest.approx(1 / 4)


def _sim_table(ids, m):
    rows = [{"doc_id": a, "doc_b": b, "cosine": m[i][j]}
            for i, a in enumerate(ids) for j, b in enumerate(ids)]
    return pd.DataFrame(rows)


def test_classical_mds_reproduces_a_triangle():
    # distances 0.3, 0.4, 0.5 (a right triangle): two dimensions reproduce them exactly
    s = _sim_table(["p", "q", "r"], [[1, 0.7, 0.6], [0.7, 1, 0.5], [0.6, 0.5, 1]])
    m = document_map(s).set_index("doc_id")
    d = lambda a, b: float(np.hypot(*(m.loc[a, ["x", "y"]] - m.loc[b, ["x", "y"]])))  # noqa: E731
    assert d("p", "q") == pytest.approx(0.3) and d("p", "r") == pytest.approx(0.4)
    assert d("q", "r") == pytest.approx(0.5)


def test_clusters_merge_closest_first(tokens):
    s = similarity(tokens)
    tree = cluster_documents(s)
    assert len(tree) == 4 and tree["size"].iloc[-1] == 5
    assert tree["distance"].is_monotonic_increasing
    first = {tree["left_doc"].iloc[0], tree["right_doc"].iloc[0]}
    off = s[s["doc_id"] != s["doc_b"]]
    best = off.sort_values("cosine").iloc[-1]
    assert first == {best["doc_id"], best["doc_b"]}
    m = document_map(s, n_clusters=2)
    assert sorted(m["leaf_order"]) == [0, 1, 2, 3, 4] and m["cluster"].nunique() == 2


def test_document_map_rejects_partial_tables():
    s = _sim_table(["p", "q", "r"], [[1, 0.7, 0.6], [0.7, 1, 0.5], [0.6, 0.5, 1]])
    with pytest.raises(ValueError, match="not a full matrix"):
        document_map(s.iloc[:-1])



def test_cluster_tree_of_a_literal_matrix():
    # p and q are closest (distance 0.1), r joins them at the average of 0.6 and 0.8
    s = _sim_table(["p", "q", "r"], [[1, 0.9, 0.4], [0.9, 1, 0.2], [0.4, 0.2, 1]])
    tree = cluster_documents(s)
    assert tree[["step", "left", "right", "size"]].values.tolist() == [[1, 0, 1, 2],
                                                                       [2, 2, 3, 3]]
    assert tree["distance"].tolist() == pytest.approx([0.1, 0.7])
    assert tree["left_doc"].tolist() == ["p", "r"] and tree["right_doc"].tolist() == ["q", ""]
    # members: the left side's documents, then the right side's
    assert tree["doc_id"].tolist() == ["p+q", "r+p+q"] == tree["members"].tolist()
    single = cluster_documents(s, method="single")
    assert single["distance"].tolist() == pytest.approx([0.1, 0.6])


def test_document_map_cuts_the_tree_into_clusters():
    s = _sim_table(["p", "q", "r"], [[1, 0.9, 0.4], [0.9, 1, 0.2], [0.4, 0.2, 1]])
    m = document_map(s, n_clusters=2).set_index("doc_id")
    assert m.loc["p", "cluster"] == m.loc["q", "cluster"] != m.loc["r", "cluster"]
    assert sum(document_map(s).attrs["explained"]) == pytest.approx(1.0)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"measure": "dice"}, "lacks column 'dice'"),
    ({"method": "ward"}, "method="),
])
def test_clustering_errors(kwargs, message):
    s = _sim_table(["p", "q"], [[1, 0.5], [0.5, 1]])
    with pytest.raises(ValueError, match=message):
        cluster_documents(s, **kwargs)
    with pytest.raises(ValueError, match="at least three documents"):
        document_map(s)


def test_similarity_top_k_keeps_each_documents_most_similar_in_corpus_order():
    toks = token_frame({"a": ["人才", "平台", "金融"], "b": ["人才", "平台", "税收"],
                        "c": ["金融", "税收", "服务"], "d": ["人才", "平台", "金融", "服务"]})
    full = similarity(toks)
    top = similarity(toks, top_k=1)
    assert len(top) == 4 * 2
    # a's closest other document is d (three shared terms); rows stay in corpus order
    assert top[top["doc_id"] == "a"]["doc_b"].tolist() == ["a", "d"]
    kept = top.merge(full, on=["doc_id", "doc_b"], suffixes=("", "_full"))
    assert (kept["cosine"] == kept["cosine_full"]).all()
    assert similarity(toks, top_k=3).equals(full)
    with pytest.raises(ValueError, match="top_k=-1"):
        similarity(toks, top_k=-1)


def test_similarity_matrix_gives_the_same_map_and_tree_as_the_full_table():
    toks = token_frame({"a": ["人才", "平台", "金融"], "b": ["人才", "平台", "税收"],
                        "c": ["金融", "税收", "服务"], "d": ["人才", "平台", "金融", "服务"]})
    for measure in ("cosine", "jaccard"):
        m = similarity_matrix(toks, measure=measure)
        assert list(m.index) == list(m.columns) == ["a", "b", "c", "d"]
        sim = similarity(toks)
        assert document_map(m).equals(document_map(sim, measure=measure))
        assert cluster_documents(m).equals(cluster_documents(sim, measure=measure))



@pytest.mark.parametrize("top_k", [None, 0, 1, 2, 5])
def test_similarity_tables_are_similarity_and_its_matrix(tokens, top_k):
    from analysis.stats import sparse_counts

    pairs, matrix = similarity_tables(tokens, top_k=top_k)
    pd.testing.assert_frame_equal(pairs, similarity(tokens, top_k=top_k))
    pd.testing.assert_frame_equal(matrix, similarity_matrix(tokens))
    pairs2, matrix2 = similarity_tables(None, counts=sparse_counts(tokens), top_k=top_k)
    pd.testing.assert_frame_equal(pairs2, pairs)
    pd.testing.assert_frame_equal(matrix2, matrix)

def test_similarity_of_no_documents_is_an_empty_table_with_its_columns():
    empty = similarity(TOKS.iloc[:0])
    assert empty.empty and list(empty.columns) == list(similarity(TOKS).columns)
    assert similarity(TOKS.iloc[:0], top_k=3).empty


def _square_sim(points=None, dist=None) -> pd.DataFrame:
    """The similarity matrix (1 - distance) of documents at ``points`` of a plane."""
    if dist is None:
        p = np.asarray(points, dtype=float)
        dist = np.sqrt(((p[:, None] - p[None]) ** 2).sum(axis=-1))
    ids = [f"d{i}" for i in range(len(dist))]
    return pd.DataFrame(1.0 - dist, index=ids, columns=ids)


@pytest.mark.parametrize(("sim", "expected"), [
    # an equilateral triangle (two equal eigenvalues): the first document on +x, then the
    # first of the two tied in |y| above the axis
    (_square_sim(dist=np.where(np.eye(3) == 1, 0.0, 0.5)),
     [[0.288675135, 0.0], [-0.144337567, 0.25], [-0.144337567, -0.25]]),
    # a square (two equal eigenvalues)
    (_square_sim([[0, 0], [0.3, 0], [0.3, 0.3], [0, 0.3]]),
     [[0.212132034, 0.0], [0.0, 0.212132034], [-0.212132034, 0.0], [0.0, -0.212132034]]),
    # a rectangle: mirror-symmetric on both axes, the first document positive on each
    (_square_sim([[0, 0], [0.4, 0], [0.4, 0.2], [0, 0.2]]),
     [[0.2, 0.1], [-0.2, 0.1], [-0.2, -0.1], [0.2, -0.1]]),
    # three copies each of two documents (rank 1): y is 0, the first copies on +x
    (_square_sim([[0, 0]] * 3 + [[0.6, 0]] * 3),
     [[0.3, 0.0]] * 3 + [[-0.3, 0.0]] * 3),
    # three documents on a line (rank 1)
    (_square_sim([[0, 0], [0.1, 0], [0.3, 0]]),
     [[-0.133333333, 0.0], [-0.033333333, 0.0], [0.166666667, 0.0]]),
], ids=["equilateral", "square", "rectangle", "copies", "line"])
def test_document_map_of_tied_and_symmetric_layouts_is_stable(sim, expected):
    """Ties (equal eigenvalues, a ±a pair of coordinates) are broken by corpus order, not by
    rounding noise: similarities perturbed by 1e-15 give the same map."""
    for seed in range(4):
        noise = np.random.default_rng(seed).uniform(-1e-15, 1e-15, sim.shape) if seed else 0.0
        noise = noise + np.transpose(noise)
        m = document_map(sim + noise * (1 - np.eye(len(sim))))
        xy = m[["x", "y"]].to_numpy()
        assert xy.tolist() == expected
        assert not np.signbit(xy[xy == 0]).any()  # 0.0, never -0.0
