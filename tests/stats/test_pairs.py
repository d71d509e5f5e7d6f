"""analysis.stats._pairs: a document's co-occurrence counts, compiled, equal to the edge
columns the sparse products give."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from analysis.stats._pairs import doc_pairs
from analysis.stats.network import _edge_columns, _scored


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
        a, b, c, ca, cb = doc_pairs(m.indptr, m.indices, rows, df, loc, 2,
                                    -1 if max_terms is None else max_terms, min_count)
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
