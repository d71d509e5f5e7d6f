"""Compiled extension of an alignment beyond the edge of its window.

An alignment that reaches the first or last row of its window may go on in the text
beyond it (a verbatim copy that runs past its last seed). :func:`extend` continues it
from its end cell, outwards: a run of identical characters on the end cell's diagonal is
taken as it is (no cells filled), and where the run breaks, a block of rows beyond it is
aligned with the path anchored at that cell (banded, affine gaps, no restart at score 0),
and the best-scoring prefix of it is kept. A block stops at the first row whose cells all
score more than one band-wide gap (``gap_open + gap_extend * band``) below its best, and
the extension goes on while a block's best cell lies near its last row, so a long copy is
followed to its end at the cost of its edits, not of a wider window.

The block's fill and traceback are a second banded affine-gap Smith–Waterman beside
:mod:`~analysis.textreuse.kernel`'s (``_fill``, ``_traceback``): the same scores, but
anchored (no restart at 0) and stopped early; a change of scoring goes into both.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["extend"]

_NEG = -(10**8)


@njit(cache=True, nogil=True)
def _at(c, i0, t, step):  # pragma: no cover
    # index of the t-th character (t >= 1) beyond the anchor, going by step
    return i0 + t - 1 if step > 0 else i0 - t


@njit(cache=True, nogil=True)
def _block(ca, cb, i0, j0, step, rows, w, same, match, mismatch, gap_open, gap_extend,
           xdrop):  # pragma: no cover
    # anchored banded alignment of the `rows` characters of a beyond i0 with those of b
    # beyond j0; cell (t, k) has consumed t characters of a and u = t + k - w of b. The
    # fill stops at a row whose every cell is more than `xdrop` below the best so far:
    # no path through it can come back above the best (the shared text has ended).
    width = 2 * w + 1
    neg = np.int32(_NEG)
    H = np.full((rows + 1, width), neg, dtype=np.int32)
    E = np.full((rows + 1, width), neg, dtype=np.int32)
    F = np.full((rows + 1, width), neg, dtype=np.int32)
    nb = len(cb)
    d0 = j0 - i0
    best = 0
    bt = 0
    bk = w
    filled = rows
    for t in range(rows + 1):
        ai = _at(ca, i0, t, step)
        top = np.int64(_NEG)
        for k in range(width):
            u = t + k - w
            if u < 0:
                continue
            if t == 0 and u == 0:
                H[0, k] = 0
                continue
            if u > 0:
                bj = _at(cb, j0, u, step)
                if bj < 0 or bj >= nb:
                    continue
            if same and d0 + step * (u - t) < 1:
                continue  # one document with itself: only right of the main diagonal
            h = np.int64(_NEG)
            if t > 0 and u > 0:
                x = cb[_at(cb, j0, u, step)]
                s = match if (x == ca[ai] and x >= 0) else mismatch
                h = np.int64(H[t - 1, k]) + s
            f = np.int64(_NEG)
            if t > 0 and k + 1 < width:
                f = max(np.int64(H[t - 1, k + 1]) - gap_open,
                        np.int64(F[t - 1, k + 1]) - gap_extend)
            e = np.int64(_NEG)
            if k > 0:
                e = max(np.int64(H[t, k - 1]) - gap_open, np.int64(E[t, k - 1]) - gap_extend)
            h = max(h, e, f)
            if h < _NEG:
                h = _NEG
            H[t, k] = h
            E[t, k] = max(e, _NEG)
            F[t, k] = max(f, _NEG)
            if h > top:
                top = h
            if h > best:
                best, bt, bk = h, t, k
        if top < best - xdrop:
            filled = t
            break
    return H, E, F, best, bt, bk, filled


@njit(cache=True, nogil=True)
def _trace(ca, cb, i0, j0, step, H, E, F, t, k, w, match, mismatch,
           gap_open):  # pragma: no cover
    # path from cell (t, k) back to the anchor: identical pairs (as offsets) and columns
    ma = np.empty(t + 1, dtype=np.int64)
    mb = np.empty(t + 1, dtype=np.int64)
    nm = 0
    columns = 0
    state = 0  # 0: H, 1: F (a against a gap), 2: E (b against a gap)
    while t > 0 or k != w:
        if state == 0:
            h = H[t, k]
            u = t + k - w
            if t > 0 and u > 0:
                ai = _at(ca, i0, t, step)
                bj = _at(cb, j0, u, step)
                same = ca[ai] == cb[bj] and ca[ai] >= 0
                if h == H[t - 1, k] + (match if same else mismatch):
                    if same:
                        ma[nm] = ai
                        mb[nm] = bj
                        nm += 1
                    columns += 1
                    t -= 1
                    continue
            state = 1 if h == F[t, k] else 2
            continue
        columns += 1
        if state == 1:
            if F[t, k] == H[t - 1, k + 1] - gap_open:
                state = 0
            t -= 1
            k += 1
        else:
            if E[t, k] == H[t, k - 1] - gap_open:
                state = 0
            k -= 1
    return ma[:nm].copy(), mb[:nm].copy(), columns


@njit(cache=True, nogil=True)
def _extend(ca, cb, i0, j0, step, limit, w, block, same, match, mismatch, gap_open,
            gap_extend, counts):  # pragma: no cover
    # counts: [0] characters taken by exact runs, [1] cells filled in blocks
    nb = len(cb)
    score = 0
    columns = 0
    pa = [np.empty(0, dtype=np.int64)]
    pa.pop()
    pb = [np.empty(0, dtype=np.int64)]
    pb.pop()
    i = i0
    j = j0
    while True:
        # a run of identical characters on the diagonal: no cells
        r = 0
        while True:
            ai = i + r if step > 0 else i - 1 - r
            bj = j + r if step > 0 else j - 1 - r
            if (step > 0 and ai >= limit) or (step < 0 and ai < limit):
                break
            if bj < 0 or bj >= nb or ca[ai] < 0 or ca[ai] != cb[bj]:
                break
            r += 1
        if r:
            idx = np.arange(r, dtype=np.int64)
            if step > 0:
                pa.append(i + idx)
                pb.append(j + idx)
            else:
                pa.append(i - r + idx)
                pb.append(j - r + idx)
            score += match * r
            columns += r
            counts[0] += r
            i += step * r
            j += step * r
        rows = min(block, limit - i if step > 0 else i - limit)
        if rows <= 0:
            break
        H, E, F, best, bt, bk, filled = _block(ca, cb, i, j, step, rows, w, same, match,
                                               mismatch, gap_open, gap_extend,
                                               gap_open + gap_extend * w)
        counts[1] += (filled + 1) * (2 * w + 1)
        if best <= 0:
            break
        ma, mb, cols = _trace(ca, cb, i, j, step, H, E, F, bt, bk, w, match, mismatch,
                              gap_open)
        if step > 0:
            pa.append(ma[::-1].copy())
            pb.append(mb[::-1].copy())
        else:
            pa.append(ma)
            pb.append(mb)
        score += best
        columns += cols
        u = bt + bk - w
        i += step * bt
        j += step * u
        if filled < rows or bt < rows - block // 4:
            break  # the shared text ends inside the block
    n = 0
    for x in pa:
        n += len(x)
    out_a = np.empty(n, dtype=np.int64)
    out_b = np.empty(n, dtype=np.int64)
    o = 0
    order = range(len(pa)) if step > 0 else range(len(pa) - 1, -1, -1)
    for q in order:
        out_a[o:o + len(pa[q])] = pa[q]
        out_b[o:o + len(pb[q])] = pb[q]
        o += len(pa[q])
    return i, j, score, columns, out_a, out_b


def extend(ca: np.ndarray, cb: np.ndarray, i: int, j: int, *, forward: bool, limit: int,
           band: int, block: int, same: bool = False, match: int, mismatch: int,
           gap_open: int, gap_extend: int) -> tuple[int, int, int, int, np.ndarray, np.ndarray]:
    """Extend an alignment of code arrays ``ca``/``cb`` from its end cell ``(i, j)``.

    ``forward``: the alignment ends before ``ca[i]``/``cb[j]`` and grows to the right,
    up to ``limit`` in ``a``; otherwise it starts at ``ca[i]``/``cb[j]`` and grows to the
    left, down to ``limit``. Runs of identical characters are taken without alignment;
    elsewhere blocks of ``block`` rows (diagonals within ``band`` of the end cell's) are
    aligned from the end cell, and the extension stops where a block's best cell lies
    well inside it (or every cell of a row scores more than ``gap_open + gap_extend *
    band`` below it). ``same``: the two arrays are one document (only cells right of its
    main diagonal). Returns the new end ``(i, j)``, the extension's score and columns,
    and the offsets of its identical characters in ``a`` and ``b``, in text order.

    Examples
    --------
    >>> from analysis.textreuse.alignment import _codes
    >>> a = _codes("甲乙丙丁戊己庚辛壬癸子丑寅卯"); b = _codes("甲乙丙丁戊己庚辛午癸子丑寅卯")
    >>> i, j, score, columns, ma, mb = extend(a, b, 2, 2, forward=True, limit=len(a),
    ...     band=4, block=8, match=2, mismatch=-2, gap_open=4, gap_extend=1)
    >>> (i, j, score, columns, len(ma))
    (14, 14, 20, 12, 11)
    """
    counts = np.zeros(2, dtype=np.int64)
    i, j, score, columns, ma, mb = _extend(
        np.ascontiguousarray(ca, dtype=np.int32), np.ascontiguousarray(cb, dtype=np.int32),
        int(i), int(j), 1 if forward else -1, int(limit), int(band), int(block), bool(same),
        int(match), int(mismatch), int(gap_open), int(gap_extend), counts)
    return int(i), int(j), int(score), int(columns), ma, mb
