"""Literal strings found with an Aho–Corasick automaton: one pass over a text finds every
string of a set, however many there are.

:class:`AhoScanner` offers the two searches of the engine's literal core
(:func:`analysis.lexicon.engine.literal_scanner`) with the results of
:class:`analysis.lexicon.engine.RegexScanner`, both read off the compiled pass of
:func:`analysis.lexicon.scan.all_occurrences` (every start of every string, overlapping
ones too, by start and then longest first):

- ``occurrences(text)``: those starts, by string;
- ``longest(text)``: leftmost-longest, non-overlapping matches, left to right (at the
  leftmost position where a string starts, the longest string starting there; the search
  resumes after it), which is what a regular-expression alternation ordered longest
  first finds: of the occurrences in that order, each one that starts at or after the
  end of the last one kept.

Offsets are character offsets (code points, as Python indexes a ``str``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from analysis.lexicon.onepass import _greedy
from analysis.lexicon.scan import all_occurrences

__all__ = ["AhoScanner"]

_NONE = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, object))


def _free_character(strings: Iterable[str]) -> str:
    """The first character from U+0001 on that no string holds (where the compiled pass
    may cut a long text)."""
    used = {c for s in strings for c in s}
    code = 1
    while chr(code) in used:
        code += 1
    return chr(code)


class AhoScanner:
    """Literal strings found with an Aho–Corasick automaton, with :class:`RegexScanner`'s
    results.

    Examples
    --------
    >>> s = AhoScanner(["人才", "科技人才", "才"])
    >>> s.longest("科技人才和人才")
    ([0, 5], [4, 7], ['科技人才', '人才'])
    >>> s.occurrences("科技人才")
    {'科技人才': [0], '人才': [2], '才': [3]}
    """

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings = tuple(sorted({s for s in strings if s}, key=lambda s: (-len(s), s)))
        self._objects = np.array(self.strings, dtype=object)
        self._sep = _free_character(self.strings)

    def all_arrays(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Starts, ends (int64) and strings (object) of every occurrence, overlapping ones
        too, by start and then longest first.

        Examples
        --------
        >>> AhoScanner(["人才", "才"]).all_arrays("人才")[2].tolist()
        ['人才', '才']
        """
        if not self.strings:
            return _NONE
        sid, start, end = all_occurrences(text, self.strings, self._sep)
        return start, end, self._objects[sid]

    def longest(self, text: str) -> tuple[list[int], list[int], list[str]]:
        """Starts, ends and strings of the leftmost-longest, non-overlapping matches."""
        starts, ends, found = self.longest_arrays(text)
        return starts.tolist(), ends.tolist(), found.tolist()

    def longest_arrays(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`longest` as arrays: starts and ends (int64) and strings (object).

        Examples
        --------
        >>> AhoScanner(["人才"]).longest_arrays("人才和人才")[0].tolist()
        [0, 3]
        """
        start, end, found = self.all_arrays(text)
        keep = _greedy(start, end)
        return start[keep], end[keep], found[keep]

    def occurrences(self, text: str) -> dict[str, list[int]]:
        """Start of every occurrence (overlapping ones too) of each string in ``text``."""
        out: dict[str, list[int]] = {s: [] for s in self.strings}
        start, _, found = self.all_arrays(text)
        for s, p in zip(found.tolist(), start.tolist(), strict=True):
            out[s].append(p)    # starts ascending: each string's list comes sorted
        return out
