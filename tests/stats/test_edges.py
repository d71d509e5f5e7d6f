"""analysis.stats._edges: every document's edges scored in one pass, the numbers and the
order of scoring each document alone."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analysis.stats._edges import _scored, _scored_documents, document_edges
from analysis.stats._pairs import MAX_DENSE_TERMS, doc_pairs


def _random_documents(seed: int, n_docs: int):
    """A binary units x terms matrix and each document's units."""
    rng = np.random.default_rng(seed)
    n_terms = 12
    sizes = rng.integers(1, 25, n_docs)
    m = sp.csr_matrix((rng.random((int(sizes.sum()), n_terms)) < 0.35).astype(np.int64))
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    rows = [np.arange(lo, hi, dtype=np.int64) for lo, hi in itertools.pairwise(bounds)]
    terms = np.array([f"词{k:02d}" for k in range(n_terms)], dtype=object)
    return m, terms, rows


@pytest.mark.parametrize("measure", ["count", "jaccard", "dice", "pmi", "npmi"])
@pytest.mark.parametrize("top_n", [None, 0, 1, 5])
def test_documents_scored_together_equal_each_scored_alone(measure, top_n):
    m, terms, rows = _random_documents(3, 9)
    df, loc = np.zeros(len(terms), np.int64), np.full(len(terms), -1, np.int64)
    counts = []
    for r in rows:
        *pairs, dense = doc_pairs(m.indptr, m.indices, r, df, loc, 2, 8, 1, MAX_DENSE_TERMS)
        assert dense
        counts.append((*pairs, len(r)))
    got = _scored_documents(counts, measure=measure, top_n=top_n)
    alone = [_scored(terms, a, b, c.astype(float), ca.astype(float), cb.astype(float), n,
                     measure=measure, top_n=top_n) for a, b, c, ca, cb, n in counts]
    sizes = [len(p["term_a"]) for p in alone]
    np.testing.assert_array_equal(got.pop("doc"), np.repeat(np.arange(len(rows)), sizes))
    got = {"term_a": terms[got.pop("i")], "term_b": terms[got.pop("j")], **got}
    assert list(got) == list(alone[0])
    for k, v in got.items():
        np.testing.assert_array_equal(v, np.concatenate([p[k] for p in alone]))


@pytest.mark.parametrize("batch", [1, 7, 10**6])
def test_documents_scored_in_batches_give_one_table(monkeypatch, batch):
    import analysis.stats._edges as edges

    m, terms, rows = _random_documents(4, 11)
    kw = {"min_count": 1, "min_term_count": 2, "max_terms": 8, "measure": "npmi",
          "top_n": 4}
    expected = document_edges(m, terms, rows, list("abcdefghijk"), **kw)
    monkeypatch.setattr(edges, "_BATCH_PAIRS", batch)
    pd.testing.assert_frame_equal(
        document_edges(m, terms, rows, list("abcdefghijk"), **kw), expected,
        check_exact=True)


def test_a_document_without_edges_has_no_rows_and_the_others_keep_their_order():
    m, terms, rows = _random_documents(5, 4)
    lonely = sp.csr_matrix(np.eye(len(terms), dtype=np.int64)[:2])  # no pair in a unit
    both = sp.vstack([m, lonely]).tocsr()
    last = np.arange(m.shape[0], both.shape[0], dtype=np.int64)
    docs = ["甲", "乙", "丙", "丁", "戊"]
    kw = {"min_count": 1, "min_term_count": 1, "max_terms": None, "measure": "jaccard",
          "top_n": 3}
    table = document_edges(both, terms, [*rows, last], docs, **kw)
    seen = list(dict.fromkeys(table["doc_id"]))
    assert seen == [d for d in docs[:4] if d in seen] and "戊" not in seen
    assert len(seen) >= 2 and (table.groupby("doc_id").size() <= 3).all()
    assert table["doc_id"].dtype == "str" and table["term_a"].dtype == "str"
    assert (table["term_a"] < table["term_b"]).all()
    first = table[table["doc_id"] == "甲"]
    assert first["jaccard"].is_monotonic_decreasing
    assert document_edges(both, terms, [], [], **kw) is None
    assert isinstance(table, pd.DataFrame)


def test_top_edges_order_ties_by_count_then_position():
    from analysis.stats._pairs import top_edges

    key = np.array([0.5, 0.5, 0.9, 0.5, 0.1, 0.7, 0.7])
    count = np.array([2, 3, 1, 3, 5, 1, 1], dtype=np.int64)
    bounds = np.array([0, 5, 5, 7], dtype=np.int64)  # documents of 5, 0 and 2 edges
    assert top_edges(key, count, bounds, -1).tolist() == [2, 1, 3, 0, 4, 5, 6]
    assert top_edges(key, count, bounds, 3).tolist() == [2, 1, 3, 5, 6]
    assert top_edges(key, count, bounds, 0).tolist() == []
