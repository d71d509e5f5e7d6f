"""(private) NMF by coordinate descent, compiled: scikit-learn's solver, the same numbers.

:func:`analysis.stats.clause_topics` fits NMF with scikit-learn's coordinate-descent
solver (``solver="cd"``, Frobenius loss, no regularisation, no shuffling). Most of that
solver's time goes to two sparse × dense products per iteration, ``X @ H.T`` and
``X.T @ W``, which scipy makes on one thread, the second through a CSC view of ``X``.
:func:`fit_nmf` runs the same iterations in compiled loops: each product's entries
summed in the order scipy adds them (``X @ H.T`` over a row's nonzeros in stored order,
``X.T @ W`` over ``X``'s rows in ascending order, each from 0.0), and the coordinate
updates as scikit-learn's ``_update_cdnmf_fast`` makes them. The update of ``W`` and
the product ``X.T @ W`` that follows share one pass over ``X``: a block of rows is
gathered (``X @ H.T``), updated, then scattered into ``X.T @ W`` (a row of ``W`` is
final once its own update is done). On two threads the scatter of a part of the rows
runs beside the update of the next part, the parts scattered in order, so the sums stay
the same.
"""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp
from numba import njit
from threadpoolctl import threadpool_limits

__all__ = ["fit_nmf"]

_BLOCK = 256  # rows gathered, swept and scattered together
_PARTS = 16  # parts of the rows handed to the second thread


def fit_nmf(x: sp.csr_matrix, n_components: int, *, random_state: int = 0,
            max_iter: int = 200, tol: float = 1e-4, threads: int = 1
            ) -> tuple[np.ndarray, np.ndarray, int]:
    """``W, H, n_iter`` of ``NMF(n_components, init="nndsvda", solver="cd", tol=tol,
    max_iter=max_iter, random_state=random_state).fit_transform(x)``, the same numbers.

    ``x`` is a CSR matrix with values >= 0 and no duplicate entries. BLAS runs on one
    thread (the products of ``H @ H.T`` and ``W.T @ W`` are scikit-learn's). With
    ``threads`` above 1, a second thread makes ``X.T @ W`` beside the update of ``W``
    (the same numbers).

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> from sklearn.decomposition import NMF
    >>> x = sp.random(40, 30, density=0.3, format="csr", random_state=1)
    >>> w, h, n_iter = fit_nmf(x, 3)
    >>> nmf = NMF(3, init="nndsvda", random_state=0)
    >>> bool((nmf.fit_transform(x) == w).all() and (nmf.components_ == h).all())
    True
    """
    from sklearn.decomposition._nmf import _initialize_nmf

    x = sp.csr_matrix(x, dtype=np.float64)
    with threadpool_limits(limits=1, user_api="blas"):
        w, h = _initialize_nmf(x, n_components, init="nndsvda", random_state=random_state)
        w = np.ascontiguousarray(w)
        ht = np.ascontiguousarray(h.T)
        n_iter = 0
        violation_init = 0.0
        pool = None
        if threads > 1:
            # the kernel loaded (or compiled) on this thread: numba's compiler enters the
            # process-wide warnings.catch_warnings, which no other thread may
            _scatter(x.indptr, x.indices, x.data, w, np.zeros((x.shape[1], n_components)),
                     0, 0)
            pool = ThreadPoolExecutor(1)
        try:
            for n_iter in range(1, max_iter + 1):
                violation, xtw = _update_fused(x, w, ht, pool)  # W, then x.T @ W
                violation += _update(ht, w, xtw)  # H
                if n_iter == 1:
                    violation_init = violation
                if violation_init == 0 or violation / violation_init <= tol:
                    break
        finally:
            if pool is not None:
                pool.shutdown()
    return w, np.ascontiguousarray(ht.T), n_iter


def _wide(ht: np.ndarray) -> np.ndarray:
    """``ht`` with zero columns up to a multiple of 8 (the product kernels' blocks)."""
    k = ht.shape[1]
    width = -(-k // 8) * 8
    return ht if width == k else np.pad(ht, ((0, 0), (0, width - k)))


def _update_fused(x: sp.csr_matrix, w: np.ndarray, ht: np.ndarray,
                  pool: ThreadPoolExecutor | None = None) -> tuple[float, np.ndarray]:
    """One sweep over ``w`` (in place) for ``x ≈ w @ ht.T`` and then ``x.T @ w``, in one
    pass over ``x``: the sweep's violation and the product. With ``pool`` (one thread),
    the rows go in parts: while this thread sweeps a part, the pool adds the part before
    into ``x.T @ w`` (in order, so the sums are the same)."""
    hht = np.dot(ht.T, ht)
    n, k = w.shape
    pg = np.empty((k, n))
    xtw = np.zeros((x.shape[1], k))
    wide = _wide(ht)
    args = (x.indptr, x.indices, x.data)
    if pool is None:
        _fused(*args, wide, hht, w, pg, xtw, 0, n, _BLOCK, True)
    else:
        bounds = np.linspace(0, n, _PARTS + 1).astype(np.int64)
        done = []
        for lo, hi in itertools.pairwise(bounds.tolist()):
            _fused(*args, wide, hht, w, pg, xtw, lo, hi, _BLOCK, False)
            done.append(pool.submit(_scatter, *args, w, xtw, lo, hi))
        for fut in done:
            fut.result()
    return _violation(pg), xtw


def _update(w: np.ndarray, ht: np.ndarray, xht: np.ndarray) -> float:
    """One sweep of coordinate descent over ``w`` (in place) for ``x ≈ w @ ht.T``, given
    ``xht = x @ ht``: the sum of the projected gradients' magnitudes, added as
    scikit-learn adds them."""
    hht = np.dot(ht.T, ht)
    n, k = w.shape
    pg = np.empty((k, n))
    _sweep(hht, w, xht, pg, 0, n, 0)
    return _violation(pg)


@njit(cache=True, nogil=True)
def _gather(indptr, indices, data, ht, out, lo, hi, off):  # pragma: no cover - compiled
    # rows lo:hi of x @ ht into out's rows lo - off:hi - off (ht's width a multiple of 8):
    # each row's nonzeros in stored order, from 0.0, as scipy's product adds them
    for b in range(0, ht.shape[1], 8):
        for i in range(lo, hi):
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = 0.0
            for p in range(indptr[i], indptr[i + 1]):
                j = indices[p]
                a = data[p]
                a0 += a * ht[j, b]
                a1 += a * ht[j, b + 1]
                a2 += a * ht[j, b + 2]
                a3 += a * ht[j, b + 3]
                a4 += a * ht[j, b + 4]
                a5 += a * ht[j, b + 5]
                a6 += a * ht[j, b + 6]
                a7 += a * ht[j, b + 7]
            r = i - off
            out[r, b] = a0
            out[r, b + 1] = a1
            out[r, b + 2] = a2
            out[r, b + 3] = a3
            out[r, b + 4] = a4
            out[r, b + 5] = a5
            out[r, b + 6] = a6
            out[r, b + 7] = a7


@njit(cache=True, nogil=True)
def _sweep(hht, w, xht, pg, lo, hi, off):  # pragma: no cover - compiled
    # rows lo:hi of w (xht's rows shifted by off), components in order, each over the
    # rows (scikit-learn's loops); a row's update reads only that row, so any split of
    # the rows gives the same numbers
    k = w.shape[1]
    for t in range(k):
        hess = hht[t, t]
        for i in range(lo, hi):
            grad = -xht[i - off, t]
            for r in range(k):
                grad += hht[t, r] * w[i, r]
            if w[i, t] == 0:
                pg[t, i] = min(0.0, grad)
            else:
                pg[t, i] = grad
            if hess != 0:
                w[i, t] = max(w[i, t] - grad / hess, 0.0)


@njit(cache=True, nogil=True)
def _fused(indptr, indices, data, ht, hht, w, pg, xtw, lo, hi, block,
           scatter):  # pragma: no cover - compiled
    # rows lo:hi of the sweep over w, in blocks: a block of rows is gathered (x @ ht),
    # swept and (with scatter) added into x.T @ w while it is in the cache
    xht = np.empty((block, ht.shape[1]))
    for start in range(lo, hi, block):
        end = min(start + block, hi)
        _gather(indptr, indices, data, ht, xht, start, end, start)
        _sweep(hht, w, xht, pg, start, end, start)
        if scatter:
            _scatter(indptr, indices, data, w, xtw, start, end)


@njit(cache=True, nogil=True)
def _scatter(indptr, indices, data, w, xtw, lo, hi):  # pragma: no cover - compiled
    # rows lo:hi of x times those of w, added into x.T @ w: called for x's rows in
    # ascending order, each row of the product is summed as scipy's CSC product adds it
    k = w.shape[1]
    for i in range(lo, hi):
        for p in range(indptr[i], indptr[i + 1]):
            j = indices[p]
            a = data[p]
            for t in range(k):
                xtw[j, t] += a * w[i, t]


@njit(cache=True, nogil=True)
def _violation(pg):  # pragma: no cover - compiled
    # |projected gradient| summed over components, then rows (scikit-learn's order)
    total = 0.0
    for t in range(pg.shape[0]):
        for i in range(pg.shape[1]):
            total += abs(pg[t, i])
    return total
