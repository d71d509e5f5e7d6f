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

__all__ = ["anchor_rows", "chain_regions", "char_classes", "overlap_kept",
           "seed_runs", "sw_banded", "unique_values"]

_NEG = -(10**8)


@njit(cache=True, nogil=True, inline="always")
def _get(x, rs, lo, hi, i, k, default):  # pragma: no cover
    """Cell ``(i, k)`` of a matrix stored row by row, only columns ``lo[i]:hi[i]``."""
    r = np.uint64(i)  # unsigned: no wrap-around test of negative indexes
    d = k - lo[r]
    # lo <= k < hi as one unsigned comparison (a column left of lo wraps around to a
    # large number): two comparisons made the traceback about 20 times slower
    if np.uint64(d) < np.uint64(max(hi[r] - lo[r], 0)):
        return x[np.uint64(rs[r] + d)]
    return default


@njit(cache=True, nogil=True, inline="always")
def _cell(H, E, F, c, k, i, h_d, h_v, f_v, x, ca, rr, best, bi, bk, sm, sx, go,
          ge):  # pragma: no cover
    # cell (i, k) of the band fill from its neighbours: h_d (diagonal), h_v and f_v (the
    # cell above-right), x (b's character; below -1: outside b, no cell), rr (e carried
    # along the row); stores H, E, F and returns the new rr and best cell
    u = np.uint64
    neg = np.int32(_NEG)
    zero = np.int32(0)
    if x < -1:  # outside b: no cell
        g = zero
        f = neg
        e = neg
    else:
        s = sm if (x == ca and x >= 0) else sx
        f = max(h_v - go, f_v - ge)
        g = max(max(h_d + s, f), zero)
        e = np.int32(rr)
    rr = max(rr - ge, np.int64(g) - go)
    h = max(g, e)
    H[u(c + k)] = h
    E[u(c + k)] = e
    F[u(c + k)] = f
    if h > best:
        best = h
        bi = i
        bk = k
    return rr, best, bi, bk


@njit(cache=True, nogil=True)
def _edge_cells(H, E, F, b, c, po, pl, ph, start, kv0, kv1, k0, k1, i, ca, rr, best, bi, bk,
                sm, sx, go, ge):  # pragma: no cover
    # columns k0:k1 of row i by _cell, testing the previous row's cells (columns pl:ph;
    # H 0 and F -10**8 off them) and b's character (columns kv0:kv1)
    u = np.uint64
    zero = np.int32(0)
    for k in range(k0, k1):
        h_d = H[u(po + k)] if pl <= k < ph else zero
        if pl <= k + 1 < ph:
            h_v = H[u(po + k + 1)]
            f_v = F[u(po + k + 1)]
        else:
            h_v = zero
            f_v = np.int32(_NEG)
        x = b[u(start + k)] if kv0 <= k < kv1 else np.int32(-2)
        rr, best, bi, bk = _cell(H, E, F, c, k, i, h_d, h_v, f_v, x, ca, rr, best, bi, bk,
                                 sm, sx, go, ge)
    return rr, best, bi, bk


@njit(cache=True, nogil=True)
def _fill(a, b, a0, m, width, shift, lo, hi, match, mismatch, gap_open, gap_extend, H, E,
          F):  # pragma: no cover
    # H, E, F: buffers of an earlier call, reused when they hold the window's cells (a
    # fresh buffer per window costs its page faults, a third of the fill's time)
    # cells are indexed as unsigned integers (all indexes here are 0 or more): numba then
    # leaves out the wrap-around test of negative indexes, a quarter of the fill's time
    u = np.uint64
    neg = np.int32(_NEG)
    zero = np.int32(0)
    go = np.int32(gap_open)
    ge = np.int32(gap_extend)
    sm = np.int32(match)
    sx = np.int32(mismatch)
    rs = np.zeros(m + 2, dtype=np.int64)  # where row i starts in the flat arrays
    for i in range(1, m + 1):
        rs[i + 1] = rs[i] + (hi[i] - lo[i])
    if len(H) < rs[m + 1]:
        size = max(rs[m + 1], 2 * len(H))
        H = np.empty(size, dtype=np.int32)
        E = np.empty(size, dtype=np.int32)
        F = np.empty(size, dtype=np.int32)
    best = zero
    bi = 0
    bk = 0
    nb = len(b)
    pl = np.int64(0)  # the previous row's columns pl:ph (none before row 1)
    ph = np.int64(0)
    for i in range(1, m + 1):
        pa = a0 + i - 1
        start = pa + shift
        ca = a[pa]
        l0 = lo[i]
        h0 = hi[i]
        kv0 = max(l0, -start)  # columns kv0:kv1 compare with a character of b
        kv1 = min(h0, nb - start)
        c = rs[i] - l0
        po = rs[i - 1] - pl  # the previous row's column k is at po + k
        # columns m0:m1 have both of the previous row's cells and a character of b: read
        # there without bounds tests; the columns on either side test them
        m0 = max(l0, pl, kv0)
        m1 = max(min(h0, ph - 1, kv1), m0)
        # e of the next column: the running max of g[k'] + gap_extend * k' over k' < k,
        # less gap_open + gap_extend * (k - 1), carried from column to column (-10**8, the
        # e of no cell, before the first)
        rr = np.int64(_NEG)
        rr, best, bi, bk = _edge_cells(H, E, F, b, c, po, pl, ph, start, kv0, kv1, l0,
                                       min(m0, h0), i, ca, rr, best, bi, bk, sm, sx, go, ge)
        # the middle in two passes: first g and f of every column (no column depends on
        # another: the loop runs on vectors), g kept in H; then e along the row
        cm = ca if ca >= 0 else np.int32(-3)  # a masked character matches nothing
        for k in range(m0, m1):
            x = b[u(start + k)]
            s = sm if x == cm else sx
            f = max(H[u(po + k + 1)] - go, F[u(po + k + 1)] - ge)
            g = max(max(H[u(po + k)] + s, f), zero)
            H[u(c + k)] = g if x >= -1 else zero
            F[u(c + k)] = f if x >= -1 else neg
        for k in range(m0, m1):
            g = H[u(c + k)]
            e = np.int32(rr) if b[u(start + k)] >= -1 else neg
            rr = max(rr - ge, np.int64(g) - go)
            h = max(g, e)
            H[u(c + k)] = h
            E[u(c + k)] = e
            if h > best:
                best = h
                bi = i
                bk = k
        rr, best, bi, bk = _edge_cells(H, E, F, b, c, po, pl, ph, start, kv0, kv1,
                                       max(m1, l0), h0, i, ca, rr, best, bi, bk, sm, sx, go,
                                       ge)
        pl = l0
        ph = h0
    return H, E, F, rs, best, bi, bk


@njit(cache=True, nogil=True)
def _traceback(a, b, a0, shift, H, E, F, rs, lo, hi, i, k, width, match, mismatch,
               gap_open):  # pragma: no cover
    neg = np.int32(_NEG)
    nb = len(b)
    ma = np.empty(i, dtype=np.int64)
    mb = np.empty(i, dtype=np.int64)
    nm = 0
    columns = 0
    touched = k == 0 or k == width - 1
    state = 0  # 0: H, 1: F (a against a gap), 2: E (b against a gap)
    while i > 0:
        if state == 0:
            h = _get(H, rs, lo, hi, i, k, 0)
            if h == 0:
                break
            j = a0 + i - 1 + shift + k
            x = b[j] if 0 <= j < nb else -2
            s = match if (x == a[a0 + i - 1] and x >= 0) else mismatch
            if h == _get(H, rs, lo, hi, i - 1, k, 0) + s:
                if s == match:
                    ma[nm] = i - 1
                    mb[nm] = i - 1 + k
                    nm += 1
                columns += 1
                i -= 1
            elif h == _get(F, rs, lo, hi, i, k, neg):
                state = 1
            else:
                state = 2
            continue
        columns += 1
        if state == 1:
            if _get(F, rs, lo, hi, i, k, neg) == _get(H, rs, lo, hi, i - 1, k + 1, 0) - gap_open:
                state = 0
            i -= 1
            k += 1
        else:
            if _get(E, rs, lo, hi, i, k, neg) == _get(H, rs, lo, hi, i, k - 1, 0) - gap_open:
                state = 0
            k -= 1
        touched = touched or k == 0 or k == width - 1
    return i, k, columns, touched, ma[:nm][::-1].copy(), mb[:nm][::-1].copy()


def _check_scores(match: int, mismatch: int, gap_open: int, gap_extend: int) -> None:
    if not (match > 0 and mismatch < 0 and gap_open >= gap_extend > 0):
        raise ValueError("scores: need match > 0, mismatch < 0 and gap_open >= gap_extend > 0 "
                         f"(got match={match}, mismatch={mismatch}, gap_open={gap_open}, "
                         f"gap_extend={gap_extend}).")


def sw_banded(a: np.ndarray, bpad: np.ndarray, a0: int, m: int, width: int, shift: int, *,
              match: int, mismatch: int, gap_open: int, gap_extend: int,
              lo: np.ndarray | None = None, hi: np.ndarray | None = None):
    """Banded Smith–Waterman of ``a[a0:a0 + m]`` against ``bpad``: row ``i``
    compares ``a[a0 + i - 1]`` with ``bpad[a0 + i - 1 + shift + k]``, ``k < width``
    (codes below -1, and indexes outside ``bpad``, are outside ``b``: no cell there; they
    pad ``b`` at its ends only: a gap across such a code between codes of ``b`` cannot be
    traced back). Scores as :func:`analysis.textreuse.alignment.align` checks them.

    ``lo``/``hi`` (length ``m + 1``, optional) narrow row ``i`` to the columns
    ``lo[i] <= k < hi[i]``: cells outside are no cells (score 0), and are neither filled
    nor stored, so a narrow row costs only its own columns.

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
    _check_scores(match, mismatch, gap_open, gap_extend)
    if lo is None or hi is None:
        lo = np.zeros(m + 1, dtype=np.int64)
        hi = np.full(m + 1, width, dtype=np.int64)
        hi[0] = 0
    z = np.empty(0, dtype=np.int32)
    H, E, F, rs, best, bi, bk = _fill(a, bpad, a0, m, width, shift, lo, hi, match,
                                      mismatch, gap_open, gap_extend, z, z, z)
    if best <= 0:
        return None
    si, sk, columns, touched, mi, mik = _traceback(a, bpad, a0, shift, H, E, F, rs, lo, hi,
                                                   bi, bk, width, match, mismatch, gap_open)
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


def char_classes(codes: np.ndarray, *predicates) -> list[np.ndarray]:
    """One boolean array per predicate (a function of one character), over the characters
    whose code points are ``codes``.

    Each predicate runs once per distinct character, not once per character: a table
    indexed by code point holds its answers, and one lookup per character reads them.

    Examples
    --------
    >>> t = "a 中,"
    >>> c = np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    >>> [x.tolist() for x in char_classes(c, str.isspace, str.isalnum)]
    [[False, True, False, False], [True, False, True, False]]
    """
    if len(codes) == 0:
        return [np.zeros(0, dtype=bool) for _ in predicates]
    codes = np.asarray(codes)
    if codes.min() < 0:
        raise ValueError("char_classes: codes are code points (0 or more).")
    present = np.zeros(int(codes.max()) + 1, dtype=bool)
    present[codes] = True
    keys = np.flatnonzero(present)
    chars = [chr(c) for c in keys.tolist()]
    out = []
    for p in predicates:
        table = np.zeros(len(present), dtype=bool)
        table[keys] = np.fromiter((bool(p(ch)) for ch in chars), dtype=bool, count=len(chars))
        out.append(table[codes])
    return out


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


@njit(cache=True, nogil=True)
def _anchor_rows(ca, cb, xa, xb, a0, a1, dlo, width, margin):  # pragma: no cover
    m = a1 - a0
    lo = np.zeros(m + 1, dtype=np.int64)
    hi = np.full(m + 1, width, dtype=np.int64)
    hi[0] = 0
    nlo = np.full(m + 1, width, dtype=np.int64)
    nhi = np.full(m + 1, -1, dtype=np.int64)
    nb = len(cb)
    order = np.argsort((xb - xa) * (a1 + 1) + xa)  # by diagonal, then position
    last_d = np.int64(-(2**62))
    last_end = np.int64(-1)
    for t in range(len(order)):
        x = xa[order[t]]
        d = xb[order[t]] - x
        k = d - dlo
        if k < 0 or k >= width or x < a0 or x >= a1:
            continue
        if d == last_d and x < last_end:
            continue  # inside the exact run found from an earlier seed
        if not (ca[x] >= 0 and 0 <= x + d < nb and ca[x] == cb[x + d]):
            continue
        s = x
        while s > a0 and s - 1 + d >= 0 and ca[s - 1] >= 0 and ca[s - 1] == cb[s - 1 + d]:
            s -= 1
        e = x + 1
        while e < a1 and e + d < nb and ca[e] >= 0 and ca[e] == cb[e + d]:
            e += 1
        last_d = d
        last_end = e
        for p in range(s + margin, e - margin):
            i = p - a0 + 1
            if k < nlo[i]:
                nlo[i] = k
            if k + 1 > nhi[i]:
                nhi[i] = k + 1
    for i in range(1, m + 1):
        if nhi[i] >= 0:
            lo[i] = nlo[i]
            hi[i] = nhi[i]
    return lo, hi


def anchor_rows(ca: np.ndarray, cb: np.ndarray, xa: np.ndarray, xb: np.ndarray, a0: int,
                a1: int, dlo: int, width: int, *,
                margin: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows of the band that need only their anchors' columns (``lo, hi`` per row of
    :func:`sw_banded` over ``a[a0:a1]``, band columns ``k = j - i - dlo < width``).

    Each seed ``(xa, xb)`` is extended to the exact run of identical characters on its
    diagonal (``ca[p] == cb[p + xb - xa]``; masked codes ``-1`` never match). A row more
    than ``margin`` characters inside such a run is narrowed to the run's diagonal (to the
    span of the diagonals when several runs cover it): an alignment that reaches a long
    exact run stays on it, since leaving it loses matches and pays gaps. Rows outside the
    runs keep the whole band, so the gaps between exact runs are aligned in full. None
    for an empty window.

    Examples
    --------
    >>> c = np.arange(30)
    >>> lo, hi = anchor_rows(c, c, np.array([5]), np.array([5]), 0, 30, -2, 5, margin=3)
    >>> lo[1:].tolist()[:6], hi[1:].tolist()[:6]
    ([0, 0, 0, 2, 2, 2], [5, 5, 5, 3, 3, 3])
    """
    if a1 <= a0 or width <= 0:
        return None
    return _anchor_rows(np.ascontiguousarray(ca, dtype=np.int32),
                        np.ascontiguousarray(cb, dtype=np.int32),
                        np.ascontiguousarray(xa, dtype=np.int64),
                        np.ascontiguousarray(xb, dtype=np.int64),
                        int(a0), int(a1), int(dlo), int(width), int(margin))


@njit(cache=True, nogil=True)
def _is_seed(x, y, doc, pos, inv, usable, unit, lead, mode, n):  # pragma: no cover
    # occurrences x before y (document, then position) of one n-gram form a seed pair
    if not (usable[x] and usable[y] and inv[x] == inv[y]):
        return False
    da = doc[x]
    db = doc[y]
    if mode == 0:  # between documents; within a group, only from its first document
        return da != db and (unit[da] != unit[db] or lead[x])
    if mode == 1:  # within one document
        return da == db and pos[y] - pos[x] >= n
    return da != db or pos[y] - pos[x] >= n


@njit(cache=True, nogil=True)
def _seed_runs(order, starts, block_end, doc, pos, inv, usable, unit, lead, mode,
               n):  # pragma: no cover
    total = len(doc)
    count = 0
    out = np.empty((1024, 5), dtype=np.int64)  # doubled when full
    singles = len(block_end) == 0  # every occurrence a block of its own
    for g in range(len(starts) - 1):
        for t in range(starts[g], starts[g + 1]):
            # occurrences of one block have the same n-gram before them: their seed pairs
            # continue runs that start earlier, so only pairs across blocks can start one
            for u in range(t + 1 if singles else block_end[t], starts[g + 1]):
                x = order[t]
                y = order[u]
                if doc[y] < doc[x] or (doc[y] == doc[x] and pos[y] < pos[x]):
                    x, y = y, x
                if not _is_seed(x, y, doc, pos, inv, usable, unit, lead, mode, n):
                    continue
                # the seed one character earlier in both texts continues the same run
                if (pos[x] > 0 and pos[y] > 0
                        and _is_seed(x - 1, y - 1, doc, pos, inv, usable, unit, lead, mode, n)):
                    continue
                length = 1
                while (x + length < total and y + length < total
                       and doc[x + length] == doc[x] and doc[y + length] == doc[y]
                       and _is_seed(x + length, y + length, doc, pos, inv, usable, unit,
                                    lead, mode, n)):
                    length += 1
                if count == len(out):
                    grown = np.empty((2 * len(out), 5), dtype=np.int64)
                    grown[:count] = out
                    out = grown
                out[count, 0] = doc[x]
                out[count, 1] = doc[y]
                out[count, 2] = pos[x]
                out[count, 3] = pos[y]
                out[count, 4] = length
                count += 1
    return out[:count].copy()


def seed_runs(doc: np.ndarray, pos: np.ndarray, inv: np.ndarray, usable: np.ndarray, *,
              n: int, mode: int, unit: np.ndarray | None = None,
              lead: np.ndarray | None = None) -> np.ndarray:
    """Seed pairs as runs: every pair of usable occurrences of one n-gram, compressed to
    the runs of consecutive seed pairs (``a + t, b + t``) that they form.

    ``doc``, ``pos``, ``inv`` and ``usable`` describe every n-gram occurrence of the
    corpus (flat, documents in order, positions consecutive within a document).
    ``mode`` 0 pairs different documents (``unit``/``lead``: within a group of
    near-duplicates only pairs with the group's first document holding the n-gram:
    ``lead``, per occurrence, says whether its document is that one), 1 one document
    with itself (``n`` apart), 2 both. Returns rows ``(doc a, doc b, start a, start b,
    length)``: the seed pairs ``(start a + t, start b + t)``, ``t < length``, of
    documents ``a <= b``, each seed pair in one run.
    Only pairs that start a run are visited (occurrences preceded by the same usable
    n-gram are not paired with each other), so copies of a long text cost their runs,
    not their n-grams times their pairs.

    Examples
    --------
    >>> inv = np.array([0, 1, 2, 0, 1, 2]); doc = np.array([0, 0, 0, 1, 1, 1])
    >>> pos = np.array([0, 1, 2, 0, 1, 2])
    >>> seed_runs(doc, pos, inv, np.ones(6, bool), n=2, mode=0).tolist()
    [[0, 1, 0, 0, 3]]
    """
    # int32 columns stay int32 (no copy of the corpus-wide arrays)
    idt = np.int32 if all(np.asarray(x).dtype == np.int32 for x in (doc, pos, inv)) else np.int64
    doc = np.ascontiguousarray(doc, dtype=idt)
    pos = np.ascontiguousarray(pos, dtype=idt)
    inv = np.ascontiguousarray(inv, dtype=idt)
    usable = np.ascontiguousarray(usable, dtype=np.bool_)
    n_docs = int(doc.max()) + 1 if len(doc) else 0
    total = len(doc)
    # the usable occurrences (int32 indexes where the columns are int32)
    sel = np.flatnonzero(usable).astype(idt, copy=False)
    if lead is None:
        # block of an occurrence: the usable n-gram just before it, else its own
        own = int(inv.max()) + 1 + sel.astype(np.int64) if total else sel
        prev = np.maximum(sel - 1, 0)
        block = np.where((pos[sel] > 0) & usable[prev], inv[prev], own)
        del prev, own
        order_s = np.lexsort((pos[sel], doc[sel], block, inv[sel]))
        block = block[order_s]
    else:
        # every occurrence is a block of its own, numbered in corpus order: by n-gram
        # and then block is by n-gram and then corpus order
        order_s = np.argsort(inv[sel], kind="stable")
        block = None
    order = sel[order_s]
    del sel, order_s
    g = inv[order]
    new_g = np.r_[True, g[1:] != g[:-1]] if len(order) else np.zeros(0, bool)
    del g
    starts = np.r_[np.flatnonzero(new_g), len(order)].astype(np.int64)
    if block is None:
        block_end = np.zeros(0, np.int64)  # the block after t starts at t + 1
    else:
        new_b = new_g | np.r_[True, block[1:] != block[:-1]] if len(order) else new_g
        del block
        bstart = np.flatnonzero(new_b)
        del new_b
        block_end = (np.repeat(np.r_[bstart[1:], len(order)],
                               np.diff(np.r_[bstart, len(order)]))
                     if len(order) else np.zeros(0, np.int64))
        del bstart
    del new_g
    if unit is None:
        # every document its own unit: different documents are always in different units,
        # so no lead is read (one value stands in for an array over every occurrence)
        unit = np.arange(n_docs, dtype=np.int64)
        lead = np.zeros(1, np.bool_)
    else:
        unit = np.asarray(unit, np.int64)
        lead = (np.zeros(total, np.bool_) if lead is None
                else np.ascontiguousarray(lead, np.bool_))
    return _seed_runs(order, starts, block_end.astype(np.int64, copy=False), doc, pos, inv,
                      usable, unit, lead, int(mode), int(n))
