"""Co-occurrence counts of one document's units, compiled (numba).

What :func:`analysis.stats._edges._edge_columns` reads off a document's binary units x
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


@njit(cache=True, nogil=True)
def top_edges(key: np.ndarray, count: np.ndarray, bounds: np.ndarray,
              top_n: int):  # pragma: no cover - numba
    """Positions of each document's ``top_n`` (all when ``top_n < 0``) strongest edges,
    the documents in order: the edges of document ``d`` are ``bounds[d]:bounds[d + 1]``,
    in (term_a, term_b) order as :func:`doc_pairs` makes them, and are ordered by ``key``
    descending, then ``count`` descending, then that order. ``key`` holds no NaN."""
    n_docs = len(bounds) - 1
    n = 0
    for d in range(n_docs):
        size = bounds[d + 1] - bounds[d]
        n += size if top_n < 0 else min(size, top_n)
    out = np.empty(n, dtype=np.int64)
    w = 0
    for d in range(n_docs):
        lo, hi = bounds[d], bounds[d + 1]
        if hi == lo:
            continue
        if top_n < 0:  # every edge: two stable sorts
            by_count = np.argsort(-count[lo:hi], kind="mergesort")
            by_key = np.argsort(-key[lo:hi][by_count], kind="mergesort")
            for t in range(hi - lo):
                out[w + t] = lo + by_count[by_key[t]]
            w += hi - lo
            continue
        # the best top_n so far, in order: a later edge goes in only when it is stronger
        # than one held (an equal one comes after, as it does in the order)
        held = 0
        for p in range(lo, hi):
            at = held
            while at > 0:
                q = out[w + at - 1]
                if key[p] > key[q] or (key[p] == key[q] and count[p] > count[q]):
                    at -= 1
                else:
                    break
            if at >= top_n:
                continue
            stop = min(held, top_n - 1)
            for t in range(stop, at, -1):
                out[w + t] = out[w + t - 1]
            out[w + at] = p
            held = min(held + 1, top_n)
        w += held
    return out
