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
from numba import njit, types
from numba.typed import Dict, List

__all__: list[str] = []  # used by analysis.textreuse.regions; nothing public

#: windows with more rows are neither kept nor looked up
MAX_ROWS = 400

#: bytes of kept windows per thread (keys and results); once reached, no more are kept
BUDGET = 32 << 20

#: the code of a column of the band outside ``b`` (codes in ``b`` are -1 or more)
_OUTSIDE = -2


class WindowMemo:
    """Windows aligned already, one table per thread (see the module's text).

    Examples
    --------
    >>> memo = WindowMemo()
    >>> table, keys, values, used, limit = memo.state()
    >>> len(table), int(limit) == BUDGET
    (0, True)
    """

    def __init__(self, *, budget: int = BUDGET) -> None:
        self._budget = int(budget)
        self._local = threading.local()

    def state(self) -> tuple:
        """This thread's table: ``(hash -> entry, keys, results, [bytes used], budget)``."""
        s = getattr(self._local, "s", None)
        if s is None:
            s = _empty(self._budget)
            self._local.s = s
        return s


def _empty(budget: int) -> tuple:
    return (Dict.empty(types.int64, types.int64), List.empty_list(types.int32[::1]),
            List.empty_list(types.int64[::1]), np.zeros(1, dtype=np.int64),
            np.int64(budget))


#: the table of calls without a memo: empty, and never written (budget 0)
_NONE = None


def no_memo() -> tuple:
    """An empty table that keeps nothing (read only, so every thread may share it)."""
    global _NONE
    if _NONE is None:
        _NONE = _empty(0)
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
def _find(table, keys, key, h):  # pragma: no cover
    # the entry whose key equals ``key`` element for element, or -1
    if h not in table:
        return -1
    e = table[h]
    kept = keys[e]
    if len(kept) != len(key):
        return -1
    for t in range(len(key)):
        if kept[t] != key[t]:
            return -1
    return e


@njit(cache=True, nogil=True)
def _keep(table, keys, values, used, limit, key, h, best, bi, bk, si, sk, columns,
          touched, mi, mik):  # pragma: no cover
    # the window's result, while the budget lasts (a hash met with other content keeps
    # the entry it has)
    nm = len(mi)
    size = 4 * len(key) + 8 * (8 + 2 * nm)
    if used[0] + size > limit or h in table:
        return
    v = np.empty(8 + 2 * nm, dtype=np.int64)
    v[0] = best
    v[1] = bi
    v[2] = bk
    v[3] = si
    v[4] = sk
    v[5] = columns
    v[6] = 1 if touched else 0
    v[7] = nm
    v[8:8 + nm] = mi
    v[8 + nm:] = mik
    table[h] = len(keys)
    keys.append(key)
    values.append(v)
    used[0] += size
