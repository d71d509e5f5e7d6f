"""Compiled kernels of text reuse (numba): the banded Smith–Waterman matrices and their
traceback, and the per-character tables of the seeding stage.

The kernels are plain loops compiled once per machine (``cache=True`` keeps the machine
code beside this file). They compute exactly what the row-vectorised numpy recurrence
of :func:`analysis.textreuse.alignment.align` defines, cell by cell, so results do not
depend on how they run.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["chain_regions", "char_classes", "overlap_kept", "sw_banded", "unique_values"]

_NEG = -(10**8)


@njit(cache=True, nogil=True)
def _fill(a, bpad, a0, m, width, shift, match, mismatch, gap_open, gap_extend):  # pragma: no cover
    neg = np.int32(_NEG)
    H = np.zeros((m + 1, width + 1), dtype=np.int32)
    E = np.full((m + 1, width + 1), neg, dtype=np.int32)
    F = np.full((m + 1, width + 1), neg, dtype=np.int32)
    S = np.zeros((m + 1, width), dtype=np.int32)
    best = 0
    bi = 0
    bk = 0
    nb = len(bpad)
    for i in range(1, m + 1):
        pa = a0 + i - 1
        start = pa + shift
        ca = a[pa]
        run = np.int64(_NEG)  # running max of g[k'] + gap_extend * k' over k' < k
        for k in range(width):
            j = start + k
            x = bpad[j] if 0 <= j < nb else -2
            valid = x >= -1
            s = match if (x == ca and x >= 0) else mismatch
            S[i, k] = s
            diag = H[i - 1, k] + s
            f = max(H[i - 1, k + 1] - gap_open, F[i - 1, k + 1] - gap_extend)
            g = max(max(diag, f), 0)
            if not valid:
                g = 0
                f = neg
            e = neg if k == 0 or not valid else run - gap_open - gap_extend * (k - 1)
            gk = g + gap_extend * k
            if gk > run:
                run = gk
            h = max(g, e)
            H[i, k] = h
            E[i, k] = e
            F[i, k] = f
            if h > best:
                best, bi, bk = h, i, k
    return H, E, F, S, best, bi, bk


@njit(cache=True, nogil=True)
def _traceback(H, E, F, S, i, k, width, match, gap_open):  # pragma: no cover
    ma = np.empty(i, dtype=np.int64)
    mb = np.empty(i, dtype=np.int64)
    nm = 0
    columns = 0
    touched = k == 0 or k == width - 1
    state = 0  # 0: H, 1: F (a against a gap), 2: E (b against a gap)
    while i > 0:
        if state == 0:
            h = H[i, k]
            if h == 0:
                break
            if h == H[i - 1, k] + S[i, k]:
                if S[i, k] == match:
                    ma[nm] = i - 1
                    mb[nm] = i - 1 + k
                    nm += 1
                columns += 1
                i -= 1
            elif h == F[i, k]:
                state = 1
            else:
                state = 2
            continue
        columns += 1
        if state == 1:
            if F[i, k] == H[i - 1, k + 1] - gap_open:
                state = 0
            i -= 1
            k += 1
        else:
            if E[i, k] == H[i, k - 1] - gap_open:
                state = 0
            k -= 1
        touched = touched or k == 0 or k == width - 1
    return i, k, columns, touched, ma[:nm][::-1].copy(), mb[:nm][::-1].copy()


def sw_banded(a: np.ndarray, bpad: np.ndarray, a0: int, m: int, width: int, shift: int, *,
              match: int, mismatch: int, gap_open: int, gap_extend: int):
    """Banded Smith–Waterman of ``a[a0:a0 + m]`` against ``bpad``: row ``i``
    compares ``a[a0 + i - 1]`` with ``bpad[a0 + i - 1 + shift + k]``, ``k < width``
    (codes below -1, and indexes outside ``bpad``, are outside ``b``: no cell there).

    Returns None when no cell scores above 0, else ``(score, end_i, end_k, start_i,
    start_k, columns, touched, matched_i, matched_ik)``: the best cell (first in row-major
    order), the cell before the first aligned pair, the alignment's columns, whether the
    path touched the first or last band column, and for each identical pair its row
    offset ``i - 1`` and ``i - 1 + k``.

    Examples
    --------
    >>> a = np.array([1, 2, 3, 4]); b = np.array([-2, -2, 9, 2, 3, 4, -2, -2])
    >>> r = sw_banded(a, b, 0, 4, 4, 0, match=2, mismatch=-2, gap_open=4, gap_extend=1)
    >>> r[0], r[7].tolist()
    (6, [1, 2, 3])
    """
    H, E, F, S, best, bi, bk = _fill(a, bpad, a0, m, width, shift, match, mismatch,
                                     gap_open, gap_extend)
    if best <= 0:
        return None
    si, sk, columns, touched, mi, mik = _traceback(H, E, F, S, bi, bk, width, match,
                                                   gap_open)
    return int(best), bi, bk, int(si), int(sk), int(columns), bool(touched), mi, mik


def unique_values(x: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array, by sorting (``np.unique`` takes a
    hash-table path for integers that is many times slower on millions of values).

    Examples
    --------
    >>> unique_values(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    s = np.sort(np.asarray(x).ravel())
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s


@njit(cache=True, nogil=True)
def _overlap_kept(spans):  # pragma: no cover
    n = spans.shape[0]
    kept = np.empty(n, dtype=np.int64)
    nk = 0
    for i in range(n):
        s0, s1, s2, s3 = spans[i, 0], spans[i, 1], spans[i, 2], spans[i, 3]
        drop = False
        for t in range(nk):
            k = kept[t]
            k0, k1, k2, k3 = spans[k, 0], spans[k, 1], spans[k, 2], spans[k, 3]
            fa = (min(s1, k1) - max(s0, k0)) / max(1, min(s1 - s0, k1 - k0))
            fb = (min(s3, k3) - max(s2, k2)) / max(1, min(s3 - s2, k3 - k2))
            if fa > 0.5 and fb > 0.5:
                drop = True
                break
        if not drop:
            kept[nk] = i
            nk += 1
    return kept[:nk].copy()


def overlap_kept(spans: np.ndarray) -> np.ndarray:
    """Rows of ``spans`` (``start_a, end_a, start_b, end_b``, best first) kept when each
    row is dropped that overlaps an earlier kept row by more than half of the shorter
    span, in ``a`` and in ``b``.

    Examples
    --------
    >>> overlap_kept(np.array([[0, 10, 0, 10], [2, 12, 2, 12], [20, 30, 0, 10]])).tolist()
    [0, 2]
    """
    return _overlap_kept(np.ascontiguousarray(spans, dtype=np.int64).reshape(-1, 4))


@njit(cache=True, nogil=True)
def _lookup(codes, keys, values):  # pragma: no cover
    out = np.empty(len(codes), dtype=np.bool_)
    idx = np.searchsorted(keys, codes)
    for i in range(len(codes)):
        out[i] = values[idx[i]]
    return out


def char_classes(text: str, codes: np.ndarray, *predicates) -> list[np.ndarray]:
    """One boolean array per predicate (a function of one character), over ``text``.

    Each predicate runs once per distinct character, not once per character.

    Examples
    --------
    >>> t = "a 中,"
    >>> c = np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    >>> [x.tolist() for x in char_classes(t, c, str.isspace, str.isalnum)]
    [[False, True, False, False], [True, False, True, False]]
    """
    if len(codes) == 0:
        return [np.zeros(0, dtype=bool) for _ in predicates]
    keys = unique_values(codes)
    chars = [chr(int(c)) for c in keys]
    return [_lookup(codes, keys, np.fromiter((bool(p(ch)) for ch in chars), dtype=bool,
                                             count=len(chars)))
            for p in predicates]


@njit(cache=True, nogil=True)
def _chain_ids(pa, pb, order, band, max_gap):  # pragma: no cover
    n = len(order)
    rid = np.empty(n, dtype=np.int64)
    o_last = np.empty(n, dtype=np.int64)
    o_diag = np.empty(n, dtype=np.int64)
    o_reg = np.empty(n, dtype=np.int64)
    n_open = 0
    n_reg = 0
    for t in range(n):
        idx = order[t]
        x = pa[idx]
        d = pb[idx] - pa[idx]
        best = -1
        for r in range(n_open):
            if x - o_last[r] <= max_gap and abs(d - o_diag[r]) <= band:
                best = r
                break
        if best >= 0:
            rid[t] = o_reg[best]
            o_last[best] = x
            o_diag[best] = d
        else:
            rid[t] = n_reg
            o_last[n_open] = x
            o_diag[n_open] = d
            o_reg[n_open] = n_reg
            n_open += 1
            n_reg += 1
        w = 0
        for r in range(n_open):  # keep the regions still open, in order
            if x - o_last[r] <= max_gap:
                o_last[w] = o_last[r]
                o_diag[w] = o_diag[r]
                o_reg[w] = o_reg[r]
                w += 1
        n_open = w
    return rid, n_reg


def chain_regions(pa: np.ndarray, pb: np.ndarray, *, band: int,
                  max_gap: int) -> list[np.ndarray]:
    """Seed pairs ``(pa, pb)`` grouped into regions: visited by ``(pa, pb)``, a seed joins
    the first open region (in creation order) whose last seed is at most ``max_gap``
    before it in ``a`` and whose diagonal ``pb - pa`` is within ``band``; else it opens a
    region. Regions (indexes into ``pa``/``pb``, in visiting order) in creation order.

    Examples
    --------
    >>> r = chain_regions(np.array([0, 5, 900]), np.array([10, 15, 910]), band=4, max_gap=200)
    >>> [x.tolist() for x in r]
    [[0, 1], [2]]
    """
    pa = np.asarray(pa, dtype=np.int64)
    pb = np.asarray(pb, dtype=np.int64)
    order = np.lexsort((pb, pa)).astype(np.int64)
    rid, _n_reg = _chain_ids(pa, pb, order, int(band), int(max_gap))
    by = np.argsort(rid, kind="stable")
    bounds = np.flatnonzero(np.diff(rid[by])) + 1
    return [order[g] for g in np.split(by, bounds)] if len(order) else []
