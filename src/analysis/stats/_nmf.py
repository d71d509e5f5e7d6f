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

"The same numbers" is checked (``tests/stats/test_nmf.py``) against the scikit-learn and
scipy versions pinned in ``requirements/constraints.txt``: the loop follows their
summation order and builds its start with scikit-learn's private ``_initialize_nmf``.
Where that name cannot be imported (another scikit-learn), :func:`fit_nmf` runs
scikit-learn's own ``NMF`` instead.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp
from numba import njit, uint64
from threadpoolctl import threadpool_limits

__all__ = ["fit_nmf"]

_BLOCK = 256  # rows gathered, swept and scattered together
_PARTS = 16  # parts of the rows handed to the second thread


def fit_nmf(x: sp.csr_matrix, n_components: int, *, random_state: int = 0,
            max_iter: int = 200, tol: float = 1e-4, threads: int = 1
            ) -> tuple[np.ndarray, np.ndarray, int]:
    """``W, H, n_iter`` of ``NMF(n_components, init="nndsvda", solver="cd", tol=tol,
    max_iter=max_iter, random_state=random_state).fit_transform(x)``, the same numbers.

    ``x`` is a sparse matrix with values >= 0, computed in float64 (for float32 input
    scikit-learn computes in float32, so the numbers differ there); unsorted indices or
    duplicate entries are put in canonical order first, as scikit-learn's own checks do.
    BLAS runs on one thread (the products of ``H @ H.T`` and ``W.T @ W`` are scikit-learn's). With
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
    if n_components < 1 or max_iter < 1:
        raise ValueError(f"fit_nmf: n_components={n_components} and max_iter={max_iter} "
                         "must both be at least 1.")
    x = sp.csr_matrix(x, dtype=np.float64)
    if not x.has_canonical_format:
        x = x.copy()
        x.sum_duplicates()
    _initialize_nmf = _private_start()
    if _initialize_nmf is None:
        return _fit_with_sklearn(x, n_components, random_state=random_state,
                                 max_iter=max_iter, tol=tol)
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
            _scatter(x.indptr, x.indices, x.data, w.reshape(-1),
                     np.zeros(x.shape[1] * n_components), n_components, 0, 0)
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


def _private_start() -> Callable[..., tuple[np.ndarray, np.ndarray]] | None:
    """scikit-learn's ``_initialize_nmf``, or None where this scikit-learn has none."""
    try:
        from sklearn.decomposition._nmf import _initialize_nmf
    except ImportError:
        return None
    return _initialize_nmf


def _fit_with_sklearn(x: sp.csr_matrix, n_components: int, *, random_state: int,
                      max_iter: int, tol: float) -> tuple[np.ndarray, np.ndarray, int]:
    """:func:`fit_nmf` by scikit-learn's own ``NMF`` (its warnings silenced: the caller
    warns at ``max_iter``)."""
    import warnings

    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    nmf = NMF(n_components, init="nndsvda", solver="cd", tol=tol, max_iter=max_iter,
              random_state=random_state)
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        w = nmf.fit_transform(x)
    return w, nmf.components_, int(nmf.n_iter_)


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
            done.append(pool.submit(_scatter, *args, w.reshape(-1), xtw.reshape(-1), k,
                                    lo, hi))
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
def _gather(indptr, indices, data, htf, width, out, lo, hi, off):  # pragma: no cover - compiled
    # rows lo:hi of x @ ht into out's rows lo - off:hi - off, ht given flat (htf, rows of
    # ``width`` values, a multiple of 8): each row's nonzeros in stored order, from 0.0,
    # as scipy's product adds them. Offsets are unsigned, so the loop carries no test
    # for negative indices.
    step = uint64(width)
    for b in range(0, width, 8):
        for i in range(lo, hi):
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = 0.0
            for p in range(uint64(indptr[i]), uint64(indptr[i + 1])):
                q = uint64(indices[p]) * step + uint64(b)
                a = data[p]
                a0 += a * htf[q]
                a1 += a * htf[q + uint64(1)]
                a2 += a * htf[q + uint64(2)]
                a3 += a * htf[q + uint64(3)]
                a4 += a * htf[q + uint64(4)]
                a5 += a * htf[q + uint64(5)]
                a6 += a * htf[q + uint64(6)]
                a7 += a * htf[q + uint64(7)]
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
    width = ht.shape[1]
    htf = ht.reshape(-1)
    wf = w.reshape(-1)
    xtwf = xtw.reshape(-1)
    k = w.shape[1]
    xht = np.empty((block, width))
    for start in range(lo, hi, block):
        end = min(start + block, hi)
        _gather(indptr, indices, data, htf, width, xht, start, end, start)
        _sweep(hht, w, xht, pg, start, end, start)
        if scatter:
            _scatter(indptr, indices, data, wf, xtwf, k, start, end)


@njit(cache=True, nogil=True)
def _scatter(indptr, indices, data, wf, xtwf, k, lo, hi):  # pragma: no cover - compiled
    # rows lo:hi of x times those of w, added into x.T @ w (w and the product given flat,
    # rows of k values; unsigned offsets): called for x's rows in ascending order, each
    # row of the product is summed as scipy's CSC product adds it
    step = uint64(k)
    for i in range(lo, hi):
        r = uint64(i) * step
        for p in range(uint64(indptr[i]), uint64(indptr[i + 1])):
            q = uint64(indices[p]) * step
            a = data[p]
            for t in range(step):
                xtwf[q + t] += a * wf[r + t]


@njit(cache=True, nogil=True)
def _violation(pg):  # pragma: no cover - compiled
    # |projected gradient| summed over components, then rows (scikit-learn's order)
    total = 0.0
    for t in range(pg.shape[0]):
        for i in range(pg.shape[1]):
            total += abs(pg[t, i])
    return total
