"""analysis.stats._pairs: a document's co-occurrence counts, compiled, equal to the edge
columns the sparse products give."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from analysis.stats._edges import _doc_edges, _edge_columns, _scored
from analysis.stats._pairs import MAX_DENSE_TERMS, doc_pairs


@pytest.mark.parametrize("max_terms", [None, 0, 3, 8])
@pytest.mark.parametrize("min_count", [1, 2, 3])
def test_compiled_counts_give_the_sparse_products_edges(max_terms, min_count):
    rng = np.random.default_rng(11)
    for _ in range(30):
        n_units, n_terms = int(rng.integers(1, 30)), int(rng.integers(2, 25))
        m = sp.csr_matrix((rng.random((n_units, n_terms)) < 0.3).astype(np.int64))
        m = m[np.asarray(m.getnnz(axis=1)) > 0]
        if m.shape[0] == 0:
            continue
        terms = np.array([f"t{k:02d}" for k in range(n_terms)], dtype=object)
        rows = np.arange(m.shape[0], dtype=np.int64)
        df, loc = np.zeros(n_terms, np.int64), np.full(n_terms, -1, np.int64)
        a, b, c, ca, cb, dense = doc_pairs(m.indptr, m.indices, rows, df, loc, 2,
                                           -1 if max_terms is None else max_terms, min_count,
                                           MAX_DENSE_TERMS)
        assert dense
        assert not df.any() and (loc == -1).all()  # the scratch space comes back clean
        cols = np.unique(m.indices)  # the document's own terms
        kw = {"measure": "jaccard", "top_n": 10}
        expected = _edge_columns(m[:, cols], terms[cols], min_count=min_count,
                                 min_term_count=2, max_terms=max_terms, **kw)
        got = _scored(terms, a, b, c.astype(float), ca.astype(float), cb.astype(float),
                      m.shape[0], **kw)
        assert list(got) == list(expected)
        for k in got:
            np.testing.assert_array_equal(got[k], expected[k])


# units x terms: t0 in all four units, t1 in three, t2 and t3 in two, t4 in one
UNITS = sp.csr_matrix(np.array([[1, 1, 1, 0, 0],
                                [1, 1, 0, 1, 0],
                                [1, 1, 1, 1, 1],
                                [1, 0, 0, 0, 0]], dtype=np.int64))
TERMS = np.array(["t0", "t1", "t2", "t3", "t4"], dtype=object)


def test_more_kept_terms_than_the_dense_cap_are_left_to_the_caller():
    df, loc = np.zeros(5, np.int64), np.full(5, -1, np.int64)
    rows = np.arange(4, dtype=np.int64)
    *_, dense = doc_pairs(UNITS.indptr, UNITS.indices, rows, df, loc, 2, -1, 1, 4)
    assert dense  # four terms in two units or more: at the cap
    *cols, dense = doc_pairs(UNITS.indptr, UNITS.indices, rows, df, loc, 2, -1, 1, 3)
    assert not dense and all(len(c) == 0 for c in cols)
    assert not df.any() and (loc == -1).all()


@pytest.mark.parametrize("max_terms", [None, 3])
def test_the_sparse_fallback_gives_the_compiled_counts(max_terms):
    df, loc = np.zeros(5, np.int64), np.full(5, -1, np.int64)
    rows = np.arange(4, dtype=np.int64)
    kw = {"min_count": 1, "min_term_count": 2, "max_terms": max_terms, "measure": "count",
          "top_n": None}
    compiled = _doc_edges(UNITS, TERMS, rows, df, loc, compiled=True, **kw)
    fallback = _doc_edges(UNITS, TERMS, rows, df, loc, compiled=True, max_dense=1, **kw)
    assert list(fallback) == list(compiled)
    for k in compiled:
        np.testing.assert_array_equal(fallback[k], compiled[k])
    pairs = dict(zip(zip(fallback["term_a"], fallback["term_b"], strict=True), fallback["count"],
                     strict=True))
    assert pairs[("t0", "t1")] == 3 and pairs[("t0", "t2")] == 2
    assert ("t3", "t4") not in pairs  # t4 is in one unit only
