"""Every literal of every term set found in one pass over the texts, as arrays.

The engine (:func:`analysis.lexicon.engine.match_texts`) needs, for each term set, the
leftmost-longest non-overlapping occurrences of its terms in the text with the set's
exclude contexts masked. All of that follows from one list: every occurrence (overlapping
ones too) of every term and every exclude context of all the sets. This module finds that
list with one Aho–Corasick automaton over the union of the strings, in one compiled
pass over the joined texts (:mod:`analysis.lexicon.scan`), and keeps it as integer arrays
(string id, start, end), never as Python objects per match. Each set's matches are then
selected from it:

- an occurrence of a term that overlaps an occurrence of one of the set's exclude
  contexts is dropped (a term never contains the mask character, so this is exactly what
  a search of the masked text finds);
- of the rest, ordered by start and then longest first, a compiled scan keeps each one
  that starts at or after the end of the last one kept: the leftmost-longest matches.

"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import reduce
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numba import njit

from analysis.lexicon.scan import all_occurrences

if TYPE_CHECKING:
    from analysis.lexicon.termset import TermSet

__all__ = [
    "Occurrences",
    "StringIndex",
    "common",
    "distinct_sorted",
    "join_texts",
    "occurrences",
    "separator",
]


@njit(cache=True, nogil=True)
def _grouped(sid: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover
    # a stable counting sort of the positions by string id: each string's positions in
    # ascending order, and where each string's run begins
    bounds = np.zeros(n + 1, dtype=np.int64)
    for s in sid:
        bounds[s + 1] += 1
    for i in range(n):
        bounds[i + 1] += bounds[i]
    fill = bounds[:-1].copy()
    positions = np.empty(len(sid), dtype=np.int32)
    for i in range(len(sid)):
        s = sid[i]
        positions[fill[s]] = i
        fill[s] += 1
    return positions, bounds


class StringIndex(NamedTuple):
    """The occurrences of :class:`Occurrences` grouped by string: ``positions[bounds[i]:
    bounds[i + 1]]`` are those of string ``i`` (ascending), ``ids`` maps a string to ``i``."""

    ids: dict[str, int]
    positions: np.ndarray
    bounds: np.ndarray

    @classmethod
    def of(cls, strings: Sequence[str], sid: np.ndarray) -> StringIndex:
        """The index of occurrences whose string ids are ``sid`` (into ``strings``).

        Examples
        --------
        >>> ix = StringIndex.of(("a", "b"), np.array([1, 0, 1]))
        >>> ix.ids, ix.positions.tolist(), ix.bounds.tolist()
        ({'a': 0, 'b': 1}, [1, 0, 2], [0, 1, 3])
        """
        n = len(strings)
        sid = np.ascontiguousarray(sid)
        if len(sid) < 2**31:  # 4-byte positions, made in place by a counting sort
            positions, bounds = _grouped(sid, n)
        else:
            positions = np.argsort(sid, kind="stable")
            bounds = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(np.bincount(sid, minlength=n), out=bounds[1:])
        return cls({s: i for i, s in enumerate(strings)}, positions, bounds)


class Occurrences(NamedTuple):
    """Every occurrence of ``strings`` in a text: parallel arrays sorted by start, then
    longest first (``sid`` indexes ``strings``); ``index``, when given, groups them by
    string (:class:`StringIndex`), so a few strings' occurrences are found without a
    pass over all of them."""

    strings: tuple[str, ...]
    sid: np.ndarray
    start: np.ndarray
    end: np.ndarray
    index: StringIndex | None = None

    def of(self, wanted: Iterable[str]) -> np.ndarray:
        """Positions (into the arrays, ascending) of the occurrences of the ``wanted``
        strings.

        Examples
        --------
        >>> o = occurrences("ab|ba|b", ["a", "b"], "|")
        >>> o.of(["b"]).tolist(), o.of(["a", "c"]).tolist()
        ([1, 2, 4], [0, 3])
        """
        ix = self.index
        index = ix.ids if ix is not None else {s: i for i, s in enumerate(self.strings)}
        ids = sorted({index[s] for s in wanted if s in index})
        if not ids or not len(self.sid):
            return np.zeros(0, np.int64)
        if ix is not None:
            lo, hi = ix.bounds[ids], ix.bounds[np.asarray(ids) + 1]
            # a few strings' occurrences: gathered from the index and sorted, which beats
            # a pass over every occurrence while they are a small share of them
            if 8 * int((hi - lo).sum()) < len(self.sid):
                parts = [ix.positions[a:b] for a, b in zip(lo.tolist(), hi.tolist(),
                                                           strict=True) if b > a]
                if not parts:
                    return np.zeros(0, np.int64)
                return np.sort(np.concatenate(parts)).astype(np.int64, copy=False)
        member = np.zeros(len(self.strings), dtype=bool)
        member[ids] = True
        return np.flatnonzero(member[self.sid])


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of an array already sorted (no sort: each run's first value).

    Examples
    --------
    >>> distinct_sorted(np.array([1, 1, 2, 5, 5])).tolist()
    [1, 2, 5]
    """
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def common(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """``np.intersect1d`` of several arrays of distinct sorted values (each once, sorted).

    Examples
    --------
    >>> common([np.array([1, 2, 5]), np.array([2, 3, 5])]).tolist()
    [2, 5]
    """
    return reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), arrays)


def separator(termsets: Sequence[TermSet]) -> str:
    """The first character from U+0001 on that no term and no exclude context contains.

    Examples
    --------
    >>> from analysis.lexicon.termset import TermSet
    >>> separator([TermSet("t", "t", "t", terms=("人才",))])
    '\\x01'
    """
    used = {c for ts in termsets for x in (*ts.terms, *ts.exclude) for c in x}
    code = 1
    while chr(code) in used:
        code += 1
    return chr(code)


def join_texts(texts: Sequence[str], sep: str) -> tuple[str, np.ndarray, np.ndarray]:
    """The texts joined by ``sep``, with each text's offset and length in the joined text.

    Examples
    --------
    >>> joined, off, lens = join_texts(["ab", "", "c"], "|")
    >>> joined, off.tolist(), lens.tolist()
    ('ab||c', [0, 3, 4], [2, 0, 1])
    """
    n = len(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    off = np.zeros(n, dtype=np.int64)
    off[1:] = np.cumsum(lens[:-1] + 1)
    return sep.join(texts), off, lens


def occurrences(joined: str, strings: Iterable[str], sep: str, *, threads: int = 1
                ) -> Occurrences:
    """Every occurrence (overlapping ones too) of ``strings`` in ``joined`` (texts joined
    by ``sep``, which no string contains), searched on ``threads`` threads (the same
    arrays whatever their number).

    Examples
    --------
    >>> o = occurrences("科技人才|人才", ["人才", "科技人才"], "|")
    >>> [o.strings[i] for i in o.sid], o.start.tolist()
    (['科技人才', '人才', '人才'], [0, 2, 5])
    """
    wanted = tuple(sorted({s for s in strings if s}))
    sid, start, end = all_occurrences(joined, wanted, sep, threads=threads)
    return Occurrences(wanted, sid, start, end, StringIndex.of(wanted, sid))


@njit(cache=True, nogil=True)
def _greedy(start: np.ndarray, end: np.ndarray) -> np.ndarray:  # pragma: no cover - numba
    keep = np.zeros(len(start), dtype=np.bool_)
    last = -1
    for i in range(len(start)):
        if start[i] >= last:
            keep[i] = True
            last = end[i]
    return keep


def leftmost_longest(occ: Occurrences, terms: Iterable[str],
                     exclude: Iterable[str] = ()) -> np.ndarray:
    """Positions (into ``occ``'s arrays, in text order) of the leftmost-longest,
    non-overlapping occurrences of ``terms`` that overlap no occurrence of ``exclude``.

    Examples
    --------
    >>> o = occurrences("金融办推动科技金融", ["金融", "科技金融", "金融办"], "|")
    >>> [o.strings[o.sid[i]] for i in leftmost_longest(o, ["金融", "科技金融"], ["金融办"])]
    ['科技金融']
    """
    pos = occ.of(terms)
    if not len(pos):
        return pos
    ex = occ.of(exclude)
    if len(ex):
        a, b = occ.start[pos], occ.end[pos]
        xs, xe = occ.start[ex], np.maximum.accumulate(occ.end[ex])  # ex: sorted by start
        r = np.searchsorted(xs, b, "left") - 1
        hit = (r >= 0) & (xe[np.maximum(r, 0)] > a)
        pos = pos[~hit]
    return pos[_greedy(occ.start[pos], occ.end[pos])]


def mask_intervals(occ: Occurrences, exclude: Iterable[str]
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Starts of the occurrences of ``exclude`` (sorted) and the running maximum of their
    ends: a span ``[a, b)`` overlaps one of them when, for ``r`` the last start before
    ``b``, the running end at ``r`` is past ``a``."""
    ex = occ.of(exclude)
    return occ.start[ex], np.maximum.accumulate(occ.end[ex]) if len(ex) else occ.end[ex]
