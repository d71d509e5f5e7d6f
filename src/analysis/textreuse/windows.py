"""Alignment windows met again: one window's fill and traceback, kept and looked up by
the window's whole content.

What the band fill and its traceback return for one window (the best cell, the path's
start, its columns, whether it touched the band's edge, the identical characters, all
relative to the window) depends on nothing but the window: the characters of ``a`` in
its rows, the characters of ``b`` under its band (a code marks a column outside ``b``),
its number of columns and the columns each row fills (the anchored rows inside exact
runs). A corpus of copies meets the same window again and again (a phrase its
representative repeats, met in every copy with the same text around it), so the result
is kept under that content and a window with the same content takes it instead of
filling its cells. A kept window is taken only when its content equals the window's
element for element (the hash only finds the candidate), so the alignments are those of
filling every window.

A :class:`WindowMemo` holds one table per thread (the alignments of one document pair
run on one thread; threads never share a table), up to a budget of memory; windows of
more than :data:`MAX_ROWS` rows (long passages, rarely met twice) are never kept.
"""

from __future__ import annotations

import threading

import numpy as np
from numba import njit

__all__: list[str] = []  # used by analysis.textreuse.regions; nothing public

#: windows with more rows are neither kept nor looked up
MAX_ROWS = 400

#: bytes of kept windows per thread (keys and results); once reached, no more are kept
BUDGET = 32 << 20

#: windows kept per thread at most (the hash table has twice as many slots)
MAX_KEPT = 1 << 16

#: the code of a column of the band outside ``b`` (codes in ``b`` are -1 or more)
_OUTSIDE = -2


class WindowMemo:
    """Windows aligned already, one table per thread (see the module's text).

    A table is a few numpy arrays (slots of an open-addressing hash table, the kept keys
    and results one after the other, and their offsets): the compiled code reads and
    fills them, and numpy only touches the pages it writes.

    Examples
    --------
    >>> memo = WindowMemo()
    >>> slots, hashes, koff, kbuf, voff, vbuf, used = memo.state()
    >>> int(used[0]), len(slots) == 2 * len(hashes)
    (0, True)
    """

    def __init__(self, *, budget: int = BUDGET) -> None:
        self._budget = int(budget)
        self._local = threading.local()
        self._scores: tuple[int, ...] | None = None
        self._lock = threading.Lock()

    def state(self, scores: tuple[int, ...] = ()) -> tuple[np.ndarray, ...]:
        """This thread's table (made on its first call on the thread).

        ``scores`` are the alignment's scores (match, mismatch, gap open, gap extend):
        a kept window's result holds for them only, so one memo serves one set of scores.
        """
        with self._lock:
            if self._scores is None:
                self._scores = tuple(scores)
            elif self._scores != tuple(scores):
                raise ValueError(f"this WindowMemo keeps windows aligned with the scores "
                                 f"{self._scores}, not {tuple(scores)}: make a new "
                                 f"WindowMemo for other scores.")
        s = getattr(self._local, "s", None)
        if s is None:
            s = _empty(self._budget)
            self._local.s = s
        return s


def _empty(budget: int) -> tuple[np.ndarray, ...]:
    kept = MAX_KEPT if budget > 0 else 0
    # the budget: three quarters for the keys (int32), a quarter for the results (int64)
    return (np.zeros(max(2 * kept, 1), dtype=np.int64),  # slots: entry + 1, 0 when empty
            np.empty(kept, dtype=np.int64),                # each entry's hash
            np.zeros(kept + 1, dtype=np.int64),            # where each key starts in kbuf
            np.empty(budget * 3 // 16, dtype=np.int32),
            np.zeros(kept + 1, dtype=np.int64),            # where each result starts
            np.empty(budget // 32, dtype=np.int64),
            np.zeros(1, dtype=np.int64))                   # entries kept


#: the table of calls without a memo: empty, and never written (no room)
_NONE = _empty(0)


def no_memo() -> tuple[np.ndarray, ...]:
    """An empty table that keeps nothing (read only, so every thread may share it)."""
    return _NONE


@njit(cache=True, nogil=True)
def _key(ca, cb, a0, m, width, dlo, lo, hi):  # pragma: no cover
    # the window's content: rows and columns, a's characters, b's under the band (a code
    # for columns outside b), the columns each row fills
    nb = len(cb)
    nbk = m + width - 1
    key = np.empty(2 + m + nbk + 2 * m, dtype=np.int32)
    key[0] = m
    key[1] = width
    for i in range(m):
        key[2 + i] = ca[a0 + i]
    o = 2 + m
    for j in range(nbk):
        p = a0 + dlo + j
        key[o + j] = cb[p] if 0 <= p < nb else _OUTSIDE
    o += nbk
    for i in range(m):
        key[o + 2 * i] = lo[i + 1]
        key[o + 2 * i + 1] = hi[i + 1]
    return key


@njit(cache=True, nogil=True)
def _hash(key):  # pragma: no cover
    h = np.uint64(1469598103934665603)
    p = np.uint64(1099511628211)
    for t in range(len(key)):
        h = (h ^ np.uint64(np.int64(key[t]) + 3)) * p
        h ^= h >> np.uint64(29)
    return np.int64(h)


@njit(cache=True, nogil=True)
def _find(slots, hashes, koff, kbuf, key, h):  # pragma: no cover
    # the entry whose key equals ``key`` element for element, or -1
    size = len(slots)
    if size < 2:
        return -1
    at = np.int64(np.uint64(h) % np.uint64(size))
    while slots[at] > 0:
        e = slots[at] - 1
        if hashes[e] == h and koff[e + 1] - koff[e] == len(key):
            o = koff[e]
            same = True
            for t in range(len(key)):
                if kbuf[o + t] != key[t]:
                    same = False
                    break
            if same:
                return e
        at += 1
        if at == size:
            at = 0
    return -1


@njit(cache=True, nogil=True)
def _keep(slots, hashes, koff, kbuf, voff, vbuf, used, key, h, best, bi, bk, si, sk,
          columns, touched, mi, mik):  # pragma: no cover
    # the window's result, while there is room (a table at most half full)
    e = used[0]
    nm = len(mi)
    ko, vo = koff[e], voff[e]
    if (2 * (e + 1) > len(slots) or ko + len(key) > len(kbuf)
            or vo + 8 + 2 * nm > len(vbuf)):
        return
    kbuf[ko:ko + len(key)] = key
    koff[e + 1] = ko + len(key)
    vbuf[vo] = best
    vbuf[vo + 1] = bi
    vbuf[vo + 2] = bk
    vbuf[vo + 3] = si
    vbuf[vo + 4] = sk
    vbuf[vo + 5] = columns
    vbuf[vo + 6] = 1 if touched else 0
    vbuf[vo + 7] = nm
    vbuf[vo + 8:vo + 8 + nm] = mi
    vbuf[vo + 8 + nm:vo + 8 + 2 * nm] = mik
    voff[e + 1] = vo + 8 + 2 * nm
    hashes[e] = h
    size = len(slots)
    at = np.int64(np.uint64(h) % np.uint64(size))
    while slots[at] > 0:
        at += 1
        if at == size:
            at = 0
    slots[at] = e + 1
    used[0] = e + 1
