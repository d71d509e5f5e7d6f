"""Compiled clause bootstrap of :func:`analysis.themes.era_difference` (numba).

:func:`boot_sums` draws the replicates of one document exactly as
``rng.multinomial(n, np.full(n, 1 / n), size=n_boot)`` does (the same binomial draws,
in the same order, from the same generator, so the random stream and every count are
NumPy's) and sums the clause values with each replicate's counts as it draws them,
instead of making the ``n_boot x n`` count matrix and multiplying it.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["boot_sums"]


@njit(cache=True, nogil=True)
def _boot_sums(rng, x, den, n_boot):  # pragma: no cover
    n, n_cols = x.shape
    num = np.zeros((n_boot, n_cols))
    tot = np.zeros(n_boot)
    p = 1.0 / n
    for r in range(n_boot):
        # NumPy's multinomial: category j gets Binomial(what is left, p_j / p left)
        remaining = 1.0
        left = n
        for j in range(n - 1):
            c = rng.binomial(left, p / remaining)
            if c > 0:
                for k in range(n_cols):
                    num[r, k] += c * x[j, k]
                tot[r] += c * den[j]
                left -= c
                if left <= 0:
                    break
            remaining -= p
        if left > 0:
            for k in range(n_cols):
                num[r, k] += left * x[n - 1, k]
            tot[r] += left * den[n - 1]
    return num, tot


def boot_sums(rng: np.random.Generator, x: np.ndarray, den: np.ndarray,
              n_boot: int) -> tuple[np.ndarray, np.ndarray]:
    """``(w @ x, w @ den)`` for ``w = rng.multinomial(n, [1/n] * n, size=n_boot)``,
    ``n = len(x)``, leaving ``rng`` where that call leaves it.

    The sums are of integer-valued floats (counts times clause values), exact in any
    order, so they equal the matrix products.

    Examples
    --------
    >>> x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> num, tot = boot_sums(np.random.default_rng(3), x, np.ones(3), 4)
    >>> w = np.random.default_rng(3).multinomial(3, np.full(3, 1 / 3), size=4)
    >>> bool((num == w @ x).all() and (tot == w.sum(axis=1)).all())
    True
    """
    x = np.ascontiguousarray(x, dtype=np.float64)
    den = np.ascontiguousarray(den, dtype=np.float64)
    if len(x) == 0:  # no clause to draw: every replicate sums nothing
        return np.zeros((int(n_boot), x.shape[1] if x.ndim == 2 else 0)), np.zeros(int(n_boot))
    return _boot_sums(rng, x, den, int(n_boot))
