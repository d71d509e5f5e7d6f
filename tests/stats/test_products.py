"""analysis.stats._products: the compiled products of document similarity give scipy's
numbers exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from analysis.stats import docsim, similarity_tables
from analysis.stats._products import gram_full, gram_rows


def _random_weights(seed: int, n: int = 40) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    m = sp.random(n, 300, density=0.08, format="csr", random_state=rng)
    m.data = rng.random(len(m.data))
    m = sp.diags((np.arange(n) != 3).astype(float)) @ m  # row 3: a document without terms
    m.eliminate_zeros()
    m.sort_indices()
    return m


def test_gram_rows_and_gram_full_equal_scipy_bit_for_bit():
    for seed in range(5):
        w = _random_weights(seed)
        wt = w.T.tocsr()
        expect = (w @ w.T).toarray()
        binary = (w > 0).astype(np.int64)
        shared = (binary @ binary.T).toarray()
        prod, sh = gram_rows(w, wt, 5, 17)
        assert np.array_equal(prod, expect[5:17]) and np.array_equal(sh, shared[5:17])
        prod, sh = gram_full(w, wt)
        assert np.array_equal(prod, expect) and np.array_equal(sh, shared)
        assert sh.dtype == np.int32


@pytest.mark.parametrize("n", [1, 63, 64, 65, 129])
def test_gram_full_mirrors_every_tile(n):
    w = _random_weights(n, n)
    binary = (w > 0).astype(np.int64)
    prod, sh = gram_full(w, w.T.tocsr())
    assert np.array_equal(prod, (w @ w.T).toarray())
    assert np.array_equal(sh, (binary @ binary.T).toarray())


def test_gram_full_counts_no_shared_term_for_a_stored_zero():
    w = _random_weights(7)
    w.data[::5] = 0.0  # stored zeros: a weight of 0 is no term of the document
    binary = (w > 0).astype(np.int64)
    prod, sh = gram_full(w, w.T.tocsr())
    assert np.array_equal(sh, (binary @ binary.T).toarray())
    assert np.array_equal(prod, (w @ w.T).toarray())


def test_similarity_tables_same_by_blocks_and_all_at_once(corpus, monkeypatch):
    pairs, matrix = similarity_tables(corpus, top_k=2)
    monkeypatch.setattr(docsim, "_FULL_CELLS", 0)  # a block of rows at a time
    monkeypatch.setattr(docsim, "_BLOCK_CELLS", 10)
    pairs_b, matrix_b = similarity_tables(corpus, top_k=2)
    pd.testing.assert_frame_equal(pairs, pairs_b, check_exact=True)
    pd.testing.assert_frame_equal(matrix, matrix_b, check_exact=True)
