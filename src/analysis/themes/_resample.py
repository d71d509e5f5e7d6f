"""Compiled clause bootstrap of :func:`analysis.themes.era_difference` and permutation
test of :func:`analysis.themes.theme_chi_square` (numba).

:func:`boot_group_index_sums` draws each bootstrap replicate of a document of ``n``
clauses as ``n`` clause indices, exactly as ``rng.integers(0, n, size=n)`` draws them
(NumPy's Lemire draw on the generator's 32-bit draws, one per index, so the random stream
and every index are NumPy's), and adds the drawn clauses' values and denominators as it
draws them, instead of making the ``n_boot x n`` index matrix. The documents draw one
after another and their replicates are summed by group in the same call. With at most
``_DENSE_MAX`` columns, all finite, each drawn clause adds its whole row (a fixed loop);
wider rows add only their non-zero values.

:func:`permuted_statistics` gives the replicates of the permutation test of
:func:`analysis.themes.theme_chi_square`: one compiled call per permutation shuffles the
clauses' documents with the swaps of ``rng.permutation(n)`` (NumPy's Fisher-Yates over the
generator's bounded integers, the same draws), adds the hit counts of each clause with
hits to the document it is permuted to and computes the chi-square terms of that table
cell by cell as NumPy's array expressions compute them.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# numba's own bounded-integer draw (NumPy's algorithm), outside numba's documented API:
# tests/themes/test_resample.py checks the shuffles and the generator's state against NumPy
from numba.np.random.generator_core import next_uint32
from numba.np.random.random_methods import random_interval

__all__ = ["boot_group_index_sums", "permuted_statistics"]

#: Most columns whose rows the bootstrap adds whole, zeros included.
_DENSE_MAX = 32


@njit(cache=True, nogil=True)
def _row_nonzeros(x):  # pragma: no cover
    # x's non-zero values row by row: row j's are cols / vals[indptr[j]:indptr[j + 1]]
    n, n_cols = x.shape
    indptr = np.zeros(n + 1, dtype=np.int64)
    for j in range(n):
        c = 0
        for k in range(n_cols):
            if x[j, k] != 0.0:
                c += 1
        indptr[j + 1] = indptr[j] + c
    cols = np.empty(indptr[n], dtype=np.int64)
    vals = np.empty(indptr[n])
    for j in range(n):
        i = indptr[j]
        for k in range(n_cols):
            if x[j, k] != 0.0:
                cols[i] = k
                vals[i] = x[j, k]
                i += 1
    return indptr, cols, vals


def _dense(x: np.ndarray, den: np.ndarray) -> bool:
    """Whether :func:`_boot_index_groups` adds whole rows (a few columns, every value finite)."""
    return bool(x.ndim == 2 and x.shape[1] <= _DENSE_MAX and np.isfinite(x).all()
                and np.isfinite(den).all())


def _checked_groups(x: np.ndarray, den: np.ndarray, bounds: np.ndarray, group: np.ndarray,
                    n_groups: int, name: str) -> tuple[np.ndarray, ...]:
    """The arguments of :func:`boot_group_index_sums` as the kernel takes them, checked."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    den = np.ascontiguousarray(den, dtype=np.float64)
    bounds = np.ascontiguousarray(bounds, dtype=np.int64)
    group = np.ascontiguousarray(group, dtype=np.int64)
    if x.ndim != 2 or len(bounds) != len(group) + 1:
        raise ValueError(f"{name}: x must be 2-d and bounds one longer than group.")
    if len(den) != len(x) or bounds[0] != 0 or bounds[-1] > len(x) or (
            np.diff(bounds) < 0).any():
        raise ValueError(f"{name}: bounds must rise from 0 to at most the rows of x, "
                         "and den have one value per row.")
    if len(group) and (group.min() < 0 or group.max() >= int(n_groups)):
        raise ValueError(f"{name}: group values must lie in [0, {int(n_groups)}).")
    return x, den, bounds, group


@njit(cache=True, nogil=True, error_model="numpy")  # x / 0 as NumPy: inf or nan
def _permuted_terms(rng, doc_idx, shuffled, hit_rows, indptr, cols, vals, obs, row, col,
                    terms):  # pragma: no cover
    # rng.permutation(n) applied to the documents of the clauses: the swaps of NumPy's
    # shuffle (Fisher-Yates from the last position down, the same bounded integers of the
    # generator) made on a copy of doc_idx, so shuffled[j] is doc_idx[perm[j]]
    n = len(doc_idx)
    shuffled[:] = doc_idx
    for i in range(n - 1, 0, -1):
        j = np.int64(random_interval(rng.bit_generator, i))
        t = shuffled[j]
        shuffled[j] = shuffled[i]
        shuffled[i] = t
    # clause j's hits go to the document of clause perm[j] (only clauses with hits add
    # anything); the counts are integers, so the sums are exact in any order. obs, row,
    # col and terms are buffers of the caller, reused from one permutation to the next
    n_docs, n_keys = obs.shape
    obs[:] = 0.0
    for j in hit_rows:
        d = shuffled[j]
        for i in range(indptr[j], indptr[j + 1]):
            obs[d, cols[i]] += vals[i]
    row[:] = 0.0
    col[:] = 0.0
    for a in range(n_docs):
        for b in range(n_keys):
            row[a] += obs[a, b]
            col[b] += obs[a, b]
    total = 0.0
    for a in range(n_docs):
        total += row[a]
    # np.where(exp > 0, (obs - exp) ** 2 / exp, 0.0) with exp = np.outer(row, col) / total
    for a in range(n_docs):
        for b in range(n_keys):
            e = row[a] * col[b] / total
            if e > 0:
                d = obs[a, b] - e
                terms[a, b] = d * d / e
            else:
                terms[a, b] = 0.0


def permuted_statistics(rng: np.random.Generator, doc_idx: np.ndarray, m: np.ndarray, *,
                        n_docs: int, permutations: int) -> np.ndarray:
    """The chi-square statistic of the document x column table of ``m`` after each of
    ``permutations`` reassignments of clause ``j`` to the document of clause
    ``rng.permutation(len(m))[j]``, leaving ``rng`` where those calls leave it.

    ``doc_idx`` gives each row's document (``0 .. n_docs - 1``); ``m`` holds integer
    counts. Each statistic is Pearson's chi-square of the permuted table, computed as
    ``np.where(exp > 0, (obs - exp) ** 2 / exp, 0).sum()`` with ``exp`` the outer product
    of its margins over its total: the same terms, summed by NumPy's ``sum``.

    Examples
    --------
    >>> m = np.array([[2, 0], [0, 1], [1, 1]])
    >>> doc_idx = np.array([0, 0, 1])
    >>> perm = np.random.default_rng(4).permutation(3)
    >>> obs = np.zeros((2, 2))
    >>> np.add.at(obs, doc_idx[perm], m)
    >>> exp = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / obs.sum()
    >>> stats = permuted_statistics(np.random.default_rng(4), doc_idx, m, n_docs=2, permutations=1)
    >>> bool(stats[0] == ((obs - exp) ** 2 / exp).sum())
    True
    """
    m = np.asarray(m)
    rows, cols = np.nonzero(m)
    indptr = np.searchsorted(rows, np.arange(len(m) + 1)).astype(np.int64)
    vals = m[rows, cols].astype(np.float64)
    cols = cols.astype(np.int64)
    # 4-byte document numbers: read at random positions, half the bytes stay in cache
    doc_idx = np.ascontiguousarray(doc_idx, dtype=np.int32 if n_docs < 2**31 else np.int64)
    hit_rows = np.flatnonzero(np.diff(indptr)).astype(np.int64)  # clauses with a hit
    out = np.empty(int(permutations))
    # one set of buffers for every permutation (a fresh table per permutation costs more
    # than filling it at 2,000 documents)
    obs = np.zeros((int(n_docs), m.shape[1]))
    terms = np.zeros_like(obs)
    row, col = np.zeros(int(n_docs)), np.zeros(m.shape[1])
    shuffled = np.empty_like(doc_idx)
    for r in range(int(permutations)):
        _permuted_terms(rng, doc_idx, shuffled, hit_rows, indptr, cols, vals, obs, row, col,
                        terms)
        out[r] = float(terms.sum())  # NumPy's (pairwise) sum of the terms
    return out


@njit(cache=True, nogil=True)
def _below(bitgen, n):  # pragma: no cover
    # NumPy's draw of an integer in [0, n), 1 < n <= 2**32 (Lemire's method on the
    # generator's next 32-bit draw, as rng.integers(0, n) draws it)
    m = np.uint64(next_uint32(bitgen)) * np.uint64(n)
    low = m & np.uint64(0xFFFFFFFF)
    if low < np.uint64(n):
        threshold = (np.uint64(0x100000000) - np.uint64(n)) % np.uint64(n)
        while low < threshold:
            m = np.uint64(next_uint32(bitgen)) * np.uint64(n)
            low = m & np.uint64(0xFFFFFFFF)
    return np.int64(m >> np.uint64(32))


@njit(cache=True, nogil=True)
def _boot_index_groups(rng, x, den, bounds, group, n_groups, n_boot, by_document,
                       dense):  # pragma: no cover
    n_cols = x.shape[1]
    acc = np.zeros((n_groups, n_boot, n_cols))
    acc_den = np.zeros((n_groups, n_boot))
    num = np.zeros(n_cols)
    # the non-zero values of each row, for rows too wide to add whole
    if dense:
        indptr, cols, vals = np.zeros(1, np.int64), np.zeros(0, np.int64), np.zeros(0)
    else:
        indptr, cols, vals = _row_nonzeros(x)
    bitgen = rng.bit_generator
    for d in range(len(group)):
        a, b = bounds[d], bounds[d + 1]
        n = b - a
        if n == 0:  # no clause to draw: the document adds zeros
            continue
        g = group[d]
        for r in range(n_boot):
            num[:] = 0.0
            t = 0.0
            for _ in range(n):
                j = a + (_below(bitgen, n) if n > 1 else 0)  # NumPy draws nothing for n = 1
                if dense:
                    for k in range(n_cols):
                        num[k] += x[j, k]
                else:
                    for i in range(indptr[j], indptr[j + 1]):
                        num[cols[i]] += vals[i]
                t += den[j]
            if by_document:  # the document's ratio, 0 where a replicate has no denominator
                for k in range(n_cols):
                    acc[g, r, k] += num[k] / t if t > 0 else 0.0
            else:
                for k in range(n_cols):
                    acc[g, r, k] += num[k]
                acc_den[g, r] += t
    return acc, acc_den


def boot_group_index_sums(rng: np.random.Generator, x: np.ndarray, den: np.ndarray,
                          bounds: np.ndarray, group: np.ndarray, *, n_groups: int,
                          n_boot: int, by_document: bool) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap sums of each document's clauses, ``n`` clause indices per replicate drawn
    as ``rng.integers(0, n, size=n)`` draws them, added up by group in one compiled call.

    Document ``d`` is rows ``bounds[d]:bounds[d + 1]`` of ``x`` and ``den`` and belongs to
    group ``group[d]``; it draws its ``n_boot`` replicates one after another, the
    documents in order, as ``rng.integers(0, n, size=(n_boot, n))`` for each in turn draws
    them (a document of one clause draws nothing, as in NumPy). A replicate's ``num`` and
    ``tot`` add the drawn rows of ``x`` and ``den`` in the order drawn. Returns ``(acc,
    acc_den)``, shapes ``(n_groups, n_boot, n_columns)`` and ``(n_groups, n_boot)``: with
    ``by_document``, ``acc`` adds each document's ratios ``num / tot`` (0 where ``tot`` is
    0) and ``acc_den`` stays 0; otherwise ``acc`` adds the ``num`` and ``acc_den`` the
    ``tot`` of the documents, in document order.

    Parameters
    ----------
    rng : numpy.random.Generator
        Drawn from in document order.
    x, den : numpy.ndarray
        Rows (clauses) × columns of values, and each row's denominator.
    bounds : numpy.ndarray
        Non-decreasing row offsets, ``bounds[0] == 0``, one more than the documents.
    group : numpy.ndarray
        Each document's group, ``0 <= group < n_groups``.
    n_groups, n_boot : int
        Groups and bootstrap replicates.
    by_document : bool
        Add each document's ratios (True) or its sums (False).

    Returns
    -------
    tuple of numpy.ndarray
        ``(acc, acc_den)`` as above.

    Raises
    ------
    ValueError
        Where ``x`` is not 2-d, ``bounds`` or ``group`` do not fit the rows and groups, or
        a document has more than 2**32 rows.

    Examples
    --------
    >>> x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> acc, _ = boot_group_index_sums(np.random.default_rng(3), x, np.ones(3),
    ...     np.array([0, 3]), np.array([0]), n_groups=1, n_boot=4, by_document=False)
    >>> idx = np.random.default_rng(3).integers(0, 3, size=(4, 3))
    >>> bool((acc[0] == x[idx].sum(axis=1)).all())
    True
    """
    x, den, bounds, group = _checked_groups(x, den, bounds, group, n_groups,
                                            "boot_group_index_sums")
    if len(bounds) > 1 and np.diff(bounds).max() > 2**32:
        raise ValueError("boot_group_index_sums: a document has more than 2**32 rows.")
    return _boot_index_groups(rng, x, den, bounds, group, int(n_groups), int(n_boot),
                              bool(by_document), _dense(x, den))
