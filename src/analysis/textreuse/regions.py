"""Compiled alignment of one document pair: every candidate region of its seeds, in one call.

:func:`align_pair` takes the seed pairs of two documents and returns their passages as
arrays: it chains the seeds into regions (:func:`~analysis.textreuse.kernel.chain_regions`),
cuts regions longer than one window, aligns each region in a window around it (banded
Smith–Waterman, widening the band while the path runs along its edge; an alignment that
reaches the window's top or bottom is extended beyond it by
:func:`~analysis.textreuse.extension.extend`, and regions inside an alignment found
already are skipped),
chains the seeds an alignment left out into new regions, drops alignments that mostly
overlap a better one and joins the pieces of a passage aligned window by window. The
loop runs in compiled code, so a pair with thousands of regions costs no Python per
region. :func:`trim_spans` and :func:`matched_means` finish the passages table (spans
without edge punctuation, mean boilerplate weight of the matched characters) for all
passages of a pair at once.

The compiled functions here are cached on disk (``cache=True``) and call compiled
functions of :mod:`~analysis.textreuse.kernel` and :mod:`~analysis.textreuse.extension`;
numba checks only this file's time stamp, so after editing those modules run ``make
clean-numba`` (a fresh checkout or install compiles everything anew).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from analysis.textreuse.extension import _extend
from analysis.textreuse.kernel import (
    _anchor_rows,
    _chain_ids,
    _fill,
    _overlap_kept,
    _traceback,
)
from analysis.textreuse.windows import MAX_ROWS, WindowMemo, _find, _hash, _keep, _key, no_memo

__all__ = ["align_pair", "matched_means", "trim_spans"]

#: what the alignments of this process cost, summed over calls (read by the benchmarks):
#: windows filled, their cells, characters taken by exact runs beyond a window's edge,
#: cells filled to extend an alignment beyond a window's edge, windows taken from a
#: :class:`~analysis.textreuse.windows.WindowMemo` (not filled). Approximate when threads
#: align at once (the compiled code adds to it without a lock); no result reads it.
COUNTS = np.zeros(5, dtype=np.int64)

#: columns of the alignment rows: spans, score, identical characters, alignment columns
SA, EA, SB, EB, SCORE, MATCHES, COLUMNS = range(7)


@njit(cache=True, nogil=True)
def _regions(pa, pb, idx, band, max_gap, span):  # pragma: no cover
    # seed pairs idx, visited by (pa, pb), grouped into regions in creation order
    key = pa[idx] * span + pb[idx]
    order = idx[np.argsort(key, kind="mergesort")]
    rid, n_reg = _chain_ids(pa, pb, order, band, max_gap)
    bounds = np.zeros(n_reg + 1, dtype=np.int64)
    for t in range(len(order)):
        bounds[rid[t] + 1] += 1
    for r in range(n_reg):
        bounds[r + 1] += bounds[r]
    out = np.empty(len(order), dtype=np.int64)
    fill = bounds[:-1].copy()
    for t in range(len(order)):
        out[fill[rid[t]]] = order[t]
        fill[rid[t]] += 1
    return out, bounds


@njit(cache=True, nogil=True)
def _by_score(rows):  # pragma: no cover
    # stable order by (-score, start a, start b)
    o = np.argsort(rows[:, SB], kind="mergesort")
    o = o[np.argsort(rows[o, SA], kind="mergesort")]
    return o[np.argsort(-rows[o, SCORE], kind="mergesort")]


@njit(cache=True, nogil=True)
def _inside_found(stats, xa, xb, n, band):  # pragma: no cover
    # whether every seed lies inside one alignment found already, in both texts, and on
    # its diagonals (within band): seeds at another offset (a phrase repeated elsewhere)
    # are another passage
    a_lo, a_hi, b_lo, b_hi = xa.min(), xa.max() + n, xb.min(), xb.max() + n
    d = xb - xa
    d_lo, d_hi = d.min(), d.max()
    for row in stats:
        r0 = min(row[SB] - row[SA], row[EB] - row[EA]) - band
        r1 = max(row[SB] - row[SA], row[EB] - row[EA]) + band
        if (row[SA] <= a_lo and a_hi <= row[EA] and row[SB] <= b_lo and b_hi <= row[EB]
                and r0 <= d_lo and d_hi <= r1):
            return True
    return False


@njit(cache=True, nogil=True)
def _align_regions(ca, cb, pa, pb, n, same, band, max_gap, pad, max_window, match,
                   mismatch, gap_open, gap_extend, counts, slots, hashes, koff, kbuf,
                   voff, vbuf, used):  # pragma: no cover
    len_a = len(ca)
    look = len(slots) > 1  # windows are kept and looked up only with a memo
    key = np.empty(0, dtype=np.int32)
    h = np.int64(0)
    span = np.int64(len(cb) + 1)
    for t in range(len(pb)):
        if pb[t] + 1 > span:
            span = pb[t] + 1
    # the regions still to align: a stack, its top at the end
    todo = [(np.empty(0, dtype=np.int64), np.int64(0), np.int64(0))]
    todo.pop()
    regs, bounds = _regions(pa, pb, np.arange(len(pa)), band, max_gap, span)
    for r in range(len(bounds) - 2, -1, -1):
        todo.append((regs[bounds[r]:bounds[r + 1]].copy(), np.int64(0), np.int64(len_a)))
    cuts = [np.int64(0)]
    cuts.pop()
    stats = [np.zeros(7, dtype=np.int64)]
    stats.pop()
    mas = [np.empty(0, dtype=np.int64)]
    mas.pop()
    mbs = [np.empty(0, dtype=np.int64)]
    mbs.pop()
    # the band fill's matrices, one buffer each for all windows of the pair (grown by
    # the fill when a window needs more)
    H = np.empty(0, dtype=np.int32)
    E = np.empty(0, dtype=np.int32)
    F = np.empty(0, dtype=np.int32)
    while len(todo):
        reg, lo, hi = todo.pop()
        xa = pa[reg]
        if _inside_found(stats, xa, pb[reg], n, band):
            continue  # an alignment extended beyond its window covers this region already
        start = max(lo, xa.min() - pad)
        cut_at = start + max_window - pad
        if xa.max() + n > cut_at:  # too long for one window: align it piece by piece
            first = xa + n <= cut_at
            if first.any():
                todo.append((reg[~first], cut_at, hi))
                cuts.append(cut_at)
                reg, hi = reg[first], cut_at
        xa = pa[reg]
        xb = pb[reg]
        diag = xb - xa
        w = band
        found = False
        row = np.zeros(7, dtype=np.int64)
        ma = np.empty(0, dtype=np.int64)
        mb = np.empty(0, dtype=np.int64)
        for _ in range(4):  # widen the band while the path runs along its edge
            a0 = max(lo, xa.min() - pad)
            a1 = min(hi, xa.max() + n + pad, a0 + max_window)
            dlo = diag.min() - w
            dhi = diag.max() + w
            if same:
                dlo = max(dlo, 1)
            m = a1 - a0
            width = dhi - dlo + 1
            found = False
            if m <= 0 or width <= 0:
                break
            # rows deep inside an exact run of the seeds need only its diagonal
            lo_r, hi_r = _anchor_rows(ca, cb, xa, xb, a0, a1, dlo, width, n)
            # a window met already (same content) gives its kept result (.windows)
            e = -1
            if look and m <= MAX_ROWS:
                key = _key(ca, cb, a0, m, width, dlo, lo_r, hi_r)
                h = _hash(key)
                e = _find(slots, hashes, koff, kbuf, key, h)
            if e >= 0:
                v = vbuf[voff[e]:voff[e + 1]]
                counts[4] += 1
                best, bi, bk = v[0], v[1], v[2]
                if best <= 0:
                    break
                si, sk, columns, touched = v[3], v[4], v[5], v[6] != 0
                mi, mik = v[8:8 + v[7]].copy(), v[8 + v[7]:].copy()
            else:
                H, E, F, rs, best, bi, bk = _fill(ca, cb, a0, m, width, dlo, lo_r, hi_r,
                                                  match, mismatch, gap_open, gap_extend,
                                                  H, E, F)
                counts[0] += 1
                counts[1] += rs[m + 1]
                si, sk, columns, touched = 0, 0, 0, False
                mi = np.empty(0, dtype=np.int64)
                mik = np.empty(0, dtype=np.int64)
                if best > 0:
                    si, sk, columns, touched, mi, mik = _traceback(
                        ca, cb, a0, dlo, H, E, F, rs, lo_r, hi_r, bi, bk, width, match,
                        mismatch, gap_open)
                if look and m <= MAX_ROWS:
                    _keep(slots, hashes, koff, kbuf, voff, vbuf, used, key, h, best, bi, bk,
                          si, sk, columns, touched, mi, mik)
                if best <= 0:
                    break
            found = True
            row[SA] = a0 + si
            row[EA] = a0 + bi
            row[SB] = a0 + si + dlo + sk
            row[EB] = a0 + bi - 1 + dlo + bk + 1
            row[SCORE] = best
            row[MATCHES] = len(mi)
            row[COLUMNS] = columns
            ma = mi + a0
            mb = mik + (a0 + dlo)
            # a path along the band's edge needs more diagonals; a path that reaches the
            # window's top or bottom goes on beyond it (below), without a wider band: that
            # would let a long copy drift across a moved paragraph at a large offset
            if not touched:
                break
            w *= 2
        if not found:
            continue
        if row[EA] == a1 and a1 < hi:  # the alignment may go on below the window
            e_a, e_b, sc, cols, xma, xmb = _extend(ca, cb, row[EA], row[EB], 1, hi, band,
                                                   2 * pad, same, match, mismatch,
                                                   gap_open, gap_extend, counts[2:])
            if sc > 0:
                row[EA], row[EB] = e_a, e_b
                row[SCORE] += sc
                row[MATCHES] += len(xma)
                row[COLUMNS] += cols
                ma = np.concatenate((ma, xma))
                mb = np.concatenate((mb, xmb))
        if row[SA] == a0 and a0 > lo:  # and above it
            s_a, s_b, sc, cols, xma, xmb = _extend(ca, cb, row[SA], row[SB], -1, lo, band,
                                                   2 * pad, same, match, mismatch,
                                                   gap_open, gap_extend, counts[2:])
            if sc > 0:
                row[SA], row[SB] = s_a, s_b
                row[SCORE] += sc
                row[MATCHES] += len(xma)
                row[COLUMNS] += cols
                ma = np.concatenate((xma, ma))
                mb = np.concatenate((xmb, mb))
        if not found:
            continue
        stats.append(row)
        mas.append(ma)
        mbs.append(mb)
        # seeds the alignment did not cover form new regions (a second passage nearby)
        inside = ((xa >= row[SA]) & (xa + n <= row[EA] + n // 2)
                  & (xb >= row[SB]) & (xb + n <= row[EB] + n // 2))
        if inside.any() and not inside.all():
            sub, sb_ = _regions(pa, pb, reg[~inside], band, max_gap, span)
            for r in range(len(sb_) - 2, -1, -1):
                todo.append((sub[sb_[r]:sb_[r + 1]].copy(), lo, hi))
    rows = np.zeros((len(stats), 7), dtype=np.int64)
    for i in range(len(stats)):
        rows[i] = stats[i]
    return rows, mas, mbs, cuts


@njit(cache=True, nogil=True)
def _join_pieces(rows, mas, mbs, cuts, tol, band, mismatch):  # pragma: no cover
    # join the pieces of a passage aligned window by window (ends near a window cut)
    o = np.argsort(rows[:, SB], kind="mergesort")
    o = o[np.argsort(rows[o, SA], kind="mergesort")]
    out = [rows[0].copy()]
    out.pop()
    oa = [mas[0]]
    oa.pop()
    ob = [mbs[0]]
    ob.pop()
    for t in range(len(o)):
        y = rows[o[t]]
        joined = False
        for i in range(len(out)):
            x = out[i]
            gap_a = y[SA] - x[EA]
            gap_b = y[SB] - x[EB]
            near_cut = False
            for c in cuts:
                if abs(x[EA] - c) <= tol and abs(y[SA] - c) <= tol:
                    near_cut = True
                    break
            if (near_cut and 0 <= gap_a <= tol and -tol <= gap_b <= tol + band
                    and abs(gap_b - gap_a) <= band and y[EB] > x[EB]):
                gap = max(gap_a, gap_b, 0)
                z = x.copy()
                z[EA] = y[EA]
                z[EB] = y[EB]
                z[SCORE] = x[SCORE] + y[SCORE] + mismatch * gap
                z[MATCHES] = x[MATCHES] + y[MATCHES]
                z[COLUMNS] = x[COLUMNS] + y[COLUMNS] + gap
                out[i] = z
                oa[i] = np.concatenate((oa[i], mas[o[t]]))
                ob[i] = np.concatenate((ob[i], mbs[o[t]]))
                joined = True
                break
        if not joined:
            out.append(y.copy())
            oa.append(mas[o[t]])
            ob.append(mbs[o[t]])
    res = np.zeros((len(out), 7), dtype=np.int64)
    for i in range(len(out)):
        res[i] = out[i]
    order = _by_score(res)
    return res[order], [oa[i] for i in order], [ob[i] for i in order]


@njit(cache=True, nogil=True)
def _flat(mas, mbs, keep):  # pragma: no cover
    offsets = np.zeros(len(keep) + 1, dtype=np.int64)
    for t in range(len(keep)):
        offsets[t + 1] = offsets[t] + len(mas[keep[t]])
    fa = np.empty(offsets[-1], dtype=np.int64)
    fb = np.empty(offsets[-1], dtype=np.int64)
    for t in range(len(keep)):
        fa[offsets[t]:offsets[t + 1]] = mas[keep[t]]
        fb[offsets[t]:offsets[t + 1]] = mbs[keep[t]]
    return fa, fb, offsets


@njit(cache=True, nogil=True)
def _align_pair(ca, cb, pa, pb, n, same, band, max_gap, pad, max_window, match, mismatch,
                gap_open, gap_extend, counts, slots, hashes, koff, kbuf, voff, vbuf,
                used):  # pragma: no cover
    rows, mas, mbs, cuts = _align_regions(ca, cb, pa, pb, n, same, band, max_gap, pad,
                                          max_window, match, mismatch, gap_open, gap_extend,
                                          counts, slots, hashes, koff, kbuf, voff, vbuf,
                                          used)
    if len(rows) == 0:
        return rows, np.empty(0, np.int64), np.empty(0, np.int64), np.zeros(1, np.int64)
    # keep the best of overlapping alignments
    order = _by_score(rows)
    kept = order[_overlap_kept(rows[order][:, :4].copy())]
    if len(cuts) == 0:
        fa, fb, offsets = _flat(mas, mbs, kept)
        return rows[kept], fa, fb, offsets
    rows2, mas2, mbs2 = _join_pieces(rows[kept], [mas[k] for k in kept],
                                     [mbs[k] for k in kept], cuts, max(pad, n), band,
                                     mismatch)
    fa, fb, offsets = _flat(mas2, mbs2, np.arange(len(rows2)))
    return rows2, fa, fb, offsets


def align_pair(ca: np.ndarray, cb: np.ndarray, pa: np.ndarray, pb: np.ndarray, *, n: int,
               same: bool, band: int, max_gap: int, pad: int, max_window: int, match: int,
               mismatch: int, gap_open: int, gap_extend: int,
               memo: WindowMemo | None = None,
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Align every candidate region of the seed pairs ``(pa, pb)`` of two code arrays.

    ``ca``/``cb`` are int32 code points (``-1`` never matches); ``same`` says the two are
    one document (only cells right of the main diagonal). The other options are those of
    :func:`analysis.textreuse.reuse`; ``memo`` keeps the windows aligned (and takes
    those met again) for the next calls on this thread with the same scores
    (:mod:`.windows`; other scores raise a ValueError). Returns
    ``rows`` (one alignment per row, best first: ``start_a, end_a, start_b, end_b, score,
    matches, columns``), the offsets of the identical characters in ``a`` and in ``b``
    (flat) and where each row's offsets start in them (``len(rows) + 1`` values).

    Examples
    --------
    >>> from analysis.textreuse.alignment import _codes
    >>> a = _codes("各地要加快建设科技创新平台体系,完善成果转化机制。")
    >>> b = _codes("本市将加快建设科技创新平台体系,健全成果转化机制。")
    >>> rows, ma, mb, off = align_pair(a, b, np.array([3]), np.array([3]), n=6, same=False,
    ...     band=32, max_gap=200, pad=40, max_window=5000, match=2, mismatch=-2,
    ...     gap_open=4, gap_extend=1)
    >>> rows.tolist(), off.tolist()
    ([[3, 25, 3, 25, 36, 20, 22]], [0, 20])
    """
    pa = np.ascontiguousarray(pa, dtype=np.int64)
    pb = np.ascontiguousarray(pb, dtype=np.int64)
    if not len(pa):
        z = np.empty(0, np.int64)
        return np.zeros((0, 7), np.int64), z, z, np.zeros(1, np.int64)
    return _align_pair(np.ascontiguousarray(ca, dtype=np.int32),
                       np.ascontiguousarray(cb, dtype=np.int32), pa, pb, int(n), bool(same),
                       int(band), int(max_gap), int(pad), int(max_window), int(match),
                       int(mismatch), int(gap_open), int(gap_extend), COUNTS,
                       *(no_memo() if memo is None
                         else memo.state((match, mismatch, gap_open, gap_extend))))


@njit(cache=True, nogil=True)
def _trim(rows, lead_a, tail_a, lead_b, tail_b):  # pragma: no cover
    out = rows.copy()
    for t in range(len(rows)):
        sa, ea, sb, eb = rows[t, SA], rows[t, EA], rows[t, SB], rows[t, EB]
        while sa < ea and lead_a[sa]:
            sa += 1
        while ea > sa and tail_a[ea - 1]:
            ea -= 1
        while sb < eb and lead_b[sb]:
            sb += 1
        while eb > sb and tail_b[eb - 1]:
            eb -= 1
        out[t, SA], out[t, EA], out[t, SB], out[t, EB] = sa, ea, sb, eb
    return out


def trim_spans(rows: np.ndarray, lead_a: np.ndarray, tail_a: np.ndarray, lead_b: np.ndarray,
               tail_b: np.ndarray) -> np.ndarray:
    """``rows`` (of :func:`align_pair`) with each span shortened: characters marked in
    ``lead_*`` dropped from its start, those in ``tail_*`` from its end (per character of
    the first and the second text).

    Examples
    --------
    >>> lead = np.array([True, False, False, False]); tail = np.array([False, False, False, True])
    >>> trim_spans(np.array([[0, 4, 0, 4, 8, 4, 4]]), lead, tail, lead, tail)[0, :4].tolist()
    [1, 3, 1, 3]
    """
    return _trim(rows, lead_a, tail_a, lead_b, tail_b)


@njit(cache=True, nogil=True)
def _block_sum(a, lo, n):  # pragma: no cover
    # one leaf of numpy's pairwise summation (n <= 128): 8 accumulators
    if n < 8:
        res = -0.0
        for i in range(n):
            res += a[lo + i]
        return res
    r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
    r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
    i = 8
    while i < n - (n % 8):
        r0 += a[lo + i]
        r1 += a[lo + i + 1]
        r2 += a[lo + i + 2]
        r3 += a[lo + i + 3]
        r4 += a[lo + i + 4]
        r5 += a[lo + i + 5]
        r6 += a[lo + i + 6]
        r7 += a[lo + i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += a[lo + i]
        i += 1
    return res


@njit(cache=True, nogil=True)
def _pairwise_sum(a, n):  # pragma: no cover
    # numpy's pairwise summation (halves cut to multiples of 8, leaves of at most 128
    # values), so means are bit-identical to numpy's; the recursion runs on a stack
    if n <= 128:
        return _block_sum(a, 0, n)
    los = [np.int64(0)]
    ns = [np.int64(n)]
    done = [False]  # whether the node's halves are already pushed
    vals = [0.0]
    vals.pop()
    while len(los):
        lo, k, d = los.pop(), ns.pop(), done.pop()
        if k <= 128:
            vals.append(_block_sum(a, lo, k))
        elif d:
            right = vals.pop()
            left = vals.pop()
            vals.append(left + right)
        else:
            k2 = k // 2
            k2 -= k2 % 8
            los.append(lo)
            ns.append(k)
            done.append(True)
            los.append(lo + k2)  # popped after the left half: values stay in order
            ns.append(k - k2)
            done.append(False)
            los.append(lo)
            ns.append(k2)
            done.append(False)
    return vals[0]


@njit(cache=True, nogil=True)
def _means(values, idx, offsets):  # pragma: no cover
    out = np.zeros(len(offsets) - 1)
    for t in range(len(offsets) - 1):
        k = offsets[t + 1] - offsets[t]
        if k:
            out[t] = _pairwise_sum(values[idx[offsets[t]:offsets[t + 1]]], k) / k
    return out


def matched_means(values: np.ndarray, idx: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Per row ``t``: the mean of ``values[idx[offsets[t]:offsets[t + 1]]]`` (0 when
    empty), equal to numpy's ``mean`` to the last bit.

    Examples
    --------
    >>> matched_means(np.array([1.0, 0.5, 0.0]), np.array([0, 1, 2]), np.array([0, 2, 3])).tolist()
    [0.75, 0.0]
    """
    return _means(np.ascontiguousarray(values, dtype=np.float64),
                  np.ascontiguousarray(idx, dtype=np.int64),
                  np.ascontiguousarray(offsets, dtype=np.int64))
