"""Co-occurrence counts of one document's units, compiled (numba).

What :func:`analysis.stats.network._edge_columns` reads off a document's binary units x
terms matrix with sparse products (the units each term is in, the terms kept, the units
each pair of kept terms shares), as integer counts from one pass over the document's rows
of the corpus matrix: the same integers, without the per-document scipy calls. The counts
go through a dense kept x kept matrix, so a document keeping more than
:data:`MAX_DENSE_TERMS` terms is left to the sparse products.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__: list[str] = []

#: The most kept terms a document may have for its counts to be compiled: the dense
#: matrix of their pairs takes 8 k² bytes (72 MB at 3,000 terms).
MAX_DENSE_TERMS = 3000


@njit(cache=True, nogil=True)
def doc_pairs(indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray, df: np.ndarray,
              loc: np.ndarray, min_term_count: int, max_terms: int,
              min_count: int, max_dense: int):  # pragma: no cover - numba
    """The pairs ``(a, b, count, count_a, count_b)`` (term codes ``a < b``) of the terms
    kept in the units ``rows`` of a binary CSR matrix (each term once per row) that share
    at least ``min_count >= 1`` units, in (a, b) order, and True; or, when more than
    ``max_dense`` terms are kept, empty arrays and False (count them otherwise).

    A term is kept when it is in at least ``min_term_count`` units, and among those only
    the ``max_terms`` in most units (ties: the lower code) when ``max_terms >= 0``.
    ``df`` (zeros) and ``loc`` (-1), one slot per term, are scratch space, returned as
    they came.
    """
    seen = [np.int64(0) for _ in range(0)]
    for r in rows:
        for p in range(indptr[r], indptr[r + 1]):
            t = np.int64(indices[p])
            if df[t] == 0:
                seen.append(t)
            df[t] += 1
    cand = np.sort(np.array(seen, dtype=np.int64))
    kept = cand[df[cand] >= min_term_count]
    if max_terms >= 0 and len(kept) > max_terms:
        order = np.argsort(-df[kept], kind="mergesort")  # stable: ties by code
        kept = np.sort(kept[order[:max_terms]])
    k = len(kept)
    if k > max_dense:
        for t in seen:
            df[t] = 0
        e = np.empty(0, dtype=np.int64)
        return e, e.copy(), e.copy(), e.copy(), e.copy(), False
    for x in range(k):
        loc[kept[x]] = x
    co = np.zeros((k, k), dtype=np.int64)
    for r in rows:
        for p in range(indptr[r], indptr[r + 1]):
            x = loc[indices[p]]
            if x < 0:
                continue
            for q in range(p + 1, indptr[r + 1]):
                y = loc[indices[q]]
                if y < 0:
                    continue
                if x < y:
                    co[x, y] += 1
                else:
                    co[y, x] += 1
    n = 0
    for x in range(k):
        for y in range(x + 1, k):
            if co[x, y] >= min_count:
                n += 1
    a = np.empty(n, dtype=np.int64)
    b = np.empty(n, dtype=np.int64)
    c = np.empty(n, dtype=np.int64)
    ca = np.empty(n, dtype=np.int64)
    cb = np.empty(n, dtype=np.int64)
    n = 0
    for x in range(k):
        for y in range(x + 1, k):
            if co[x, y] >= min_count:
                a[n], b[n], c[n] = kept[x], kept[y], co[x, y]
                ca[n], cb[n] = df[kept[x]], df[kept[y]]
                n += 1
    for t in seen:
        df[t] = 0
    for x in range(k):
        loc[kept[x]] = -1
    return a, b, c, ca, cb, True
