"""(private) Row blocks of ``W @ W.T`` for document similarity, compiled.

:func:`analysis.stats.similarity` needs, for a block of documents, the cosine of every
pair (the TF-IDF rows' products) and the number of terms they share (the products of
the binary rows). scipy's sparse × sparse product makes each one as a sparse matrix in
two passes (the size of the result, then its values) that is then made dense; here one
compiled pass over the nonzeros fills both dense blocks at once. For each pair the
products are added in the same order as scipy's (the terms of the row in ascending order,
from 0.0), so the cosines are the same floating-point numbers.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numba import njit, uint64

__all__ = ["gram_full", "gram_rows"]

_TILE = 64  # rows and columns of the mirrored tiles of gram_full


def gram_rows(w: sp.csr_matrix, wt: sp.csr_matrix, lo: int, hi: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``lo:hi`` of ``w @ w.T`` and of ``(w > 0) @ (w > 0).T``, dense.

    ``w`` is CSR with sorted indices and values >= 0 (TF-IDF weights); ``wt`` is
    ``w.T`` as CSR. Returns ``(products,
    shared)``: float64 and int64 arrays of shape ``(hi - lo, w.shape[0])``.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> w = sp.csr_matrix([[1.0, 2.0, 0.0], [0.0, 3.0, 4.0]])
    >>> prod, shared = gram_rows(w, w.T.tocsr(), 0, 2)
    >>> prod.tolist(), shared.tolist()
    ([[5.0, 6.0], [6.0, 25.0]], [[2, 1], [1, 2]])
    """
    n = w.shape[0]
    prod = np.zeros((hi - lo, n))
    shared = np.zeros((hi - lo, n), dtype=np.int64)
    _fill(w.indptr, w.indices, np.asarray(w.data, dtype=np.float64), wt.indptr, wt.indices,
          np.asarray(wt.data, dtype=np.float64), lo, hi, prod, shared)
    return prod, shared


@njit(cache=True, nogil=True)
def _fill(indptr, indices, data, t_indptr, t_indices, t_data, lo, hi, prod,
          shared):  # pragma: no cover - compiled
    # unsigned positions: no test for negative indices in the inner loop
    for r in range(lo, hi):
        out = r - lo
        for p in range(indptr[r], indptr[r + 1]):
            k = indices[p]
            a = data[p]
            for q in range(uint64(t_indptr[k]), uint64(t_indptr[k + 1])):
                j = uint64(t_indices[q])
                b = t_data[q]
                prod[out, j] += a * b
                if a > 0 and b > 0:  # both documents have the term (counts are >= 0)
                    shared[out, j] += 1


def gram_full(w: sp.csr_matrix, wt: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """All of ``w @ w.T`` and ``(w > 0) @ (w > 0).T`` (as :func:`gram_rows` of every row),
    computing each pair once: the product for ``(j, i)`` is the one for ``(i, j)``, the
    same terms multiplied and added in the same order. The shared counts are int32.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> w = sp.csr_matrix([[1.0, 2.0, 0.0], [0.0, 3.0, 4.0]])
    >>> prod, shared = gram_full(w, w.T.tocsr())
    >>> prod.tolist(), shared.tolist()
    ([[5.0, 6.0], [6.0, 25.0]], [[2, 1], [1, 2]])
    """
    n = w.shape[0]
    prod = np.zeros((n, n))
    shared = np.zeros((n, n), dtype=np.int32)
    data = np.asarray(w.data, dtype=np.float64)
    t_data = np.asarray(wt.data, dtype=np.float64)
    # every stored weight positive (TF-IDF weights are): each visited pair shares a term
    positive = bool((data > 0).all() and (t_data > 0).all())
    _fill_upper(w.indptr, w.indices, data, wt.indptr, wt.indices, t_data, prod, shared,
                positive)
    return prod, shared


@njit(cache=True, nogil=True)
def _fill_upper(indptr, indices, data, t_indptr, t_indices, t_data, prod, shared,
                positive):  # pragma: no cover - compiled
    n = prod.shape[0]
    seen = np.zeros(len(t_indptr) - 1, dtype=np.int64)  # rows before r holding term k
    for r in range(n):
        row, row_shared = prod[r], shared[r]
        for p in range(indptr[r], indptr[r + 1]):
            k = indices[p]
            a = data[p]
            # the documents of term k in ascending order: r is the next one, after the
            # seen[k] earlier ones, so only the pairs (r, j >= r) are visited
            # (unsigned positions: no test for negative indices in the inner loop)
            for q in range(uint64(t_indptr[k] + seen[k]), uint64(t_indptr[k + 1])):
                j = uint64(t_indices[q])
                b = t_data[q]
                row[j] += a * b
                if positive or (a > 0 and b > 0):
                    row_shared[j] += 1
            seen[k] += 1
    # the lower triangle mirrored in square tiles, each read and written while cached
    for r0 in range(0, n, _TILE):
        for j0 in range(r0, n, _TILE):
            for r in range(r0, min(r0 + _TILE, n)):
                for j in range(max(j0, r + 1), min(j0 + _TILE, n)):
                    prod[j, r] = prod[r, j]
                    shared[j, r] = shared[r, j]
