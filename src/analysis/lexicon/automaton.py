"""Literal strings found with an Aho–Corasick automaton (ahocorasick-rs): one pass over a
text finds every string of a set, however many there are.

:class:`AhoScanner` offers the two searches of the engine's literal core
(:func:`analysis.lexicon.engine.literal_scanner`) with the results of
:class:`analysis.lexicon.engine.RegexScanner`:

- ``longest(text)``: leftmost-longest, non-overlapping matches, left to right (the
  automaton's ``LeftmostLongest`` kind: at the leftmost position where a string starts,
  the longest string starting there; the search resumes after it), which is what a
  regular-expression alternation ordered longest first finds;
- ``occurrences(text)``: every start of every string, overlapping ones too (the
  ``Standard`` kind, overlapping search).

Offsets are character offsets (ahocorasick-rs counts code points for ``str``).
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick_rs as _ac
import numpy as np

__all__ = ["AhoScanner"]

_NONE = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, object))


class AhoScanner:
    """Literal strings found with Aho–Corasick automata, with :class:`RegexScanner`'s
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
        self._longest = self._all = None
        self._objects: np.ndarray | None = None
        if self.strings:
            self._longest = _ac.AhoCorasick(self.strings,
                                            matchkind=_ac.MatchKind.LeftmostLongest)

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
        if self._longest is None:
            return _NONE
        found = self._longest.find_matches_as_indexes(text)
        if not found:
            return _NONE
        m = np.array(found, dtype=np.int64).reshape(-1, 3)
        if self._objects is None:
            self._objects = np.array(self.strings, dtype=object)
        return m[:, 1].copy(), m[:, 2].copy(), self._objects[m[:, 0]]

    def occurrences(self, text: str) -> dict[str, list[int]]:
        """Start of every occurrence (overlapping ones too) of each string in ``text``."""
        out: dict[str, list[int]] = {s: [] for s in self.strings}
        if not self.strings:
            return out
        if self._all is None:
            self._all = _ac.AhoCorasick(self.strings, matchkind=_ac.MatchKind.Standard)
        strings = self.strings
        for i, s, _ in sorted(self._all.find_matches_as_indexes(text, overlapping=True),
                              key=lambda m: m[1]):
            out[strings[i]].append(s)
        return out
