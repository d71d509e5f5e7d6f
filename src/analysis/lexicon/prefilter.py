"""Which texts a regular expression can match at all, from the literals every match holds.

A pattern such as ``以[^。;]{0,60}为指导`` matches only where ``为指导`` occurs, and
``(统筹|协调)推进`` only where ``统筹推进`` or ``协调推进`` does. :func:`required_literals`
reads such a set of strings off the parsed pattern (every match contains one of them);
:func:`texts_with` finds, in one Aho–Corasick pass over the joined texts, the texts that
hold one of them. The engine then runs the pattern over those texts only
(:func:`analysis.lexicon.engine.match_texts`): a text holding none of the strings has no
match, so the matches are the same and the regular expression reads a fraction of the
corpus.
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _p
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import product

import numpy as np

from analysis.lexicon.onepass import _search

__all__ = ["required_literals", "texts_with"]

#: Most strings a set of required literals may hold (larger products are not built).
MAX_STRINGS = 64
#: Widest character range (``[0-9]``) read as its characters.
MAX_RANGE = 16

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


def _class(items: list) -> set[str] | None:
    """The characters of a character class, when it lists them (no negation, categories
    or wide ranges)."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < MAX_RANGE:
            out.update(chr(x) for x in range(av[0], av[1] + 1))
        else:
            return None
    return out


def _cross(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > MAX_STRINGS:
        return None
    return {x + y for x, y in product(a, b)}


def _union(alternatives: list[_p.SubPattern],
           strings: Callable[[_p.SubPattern], set[str] | None]) -> set[str] | None:
    """The strings of a branch: those of each alternative together, or None when one
    alternative has none or they are too many."""
    out: set[str] = set()
    for alt in alternatives:
        e = strings(alt)
        if e is None:
            return None
        out |= e
    return out if len(out) <= MAX_STRINGS else None


def _exact_item(op: object, av: object) -> set[str] | None:
    """The strings one node matches, when they are few and known; else None."""
    if op is _c.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is _c.IN:
        return _class(av)  # type: ignore[arg-type]
    if op is _c.SUBPATTERN:
        _, add, _, sub = av  # type: ignore[misc]
        return None if add & re.IGNORECASE else _exact(sub)
    if op is _c.BRANCH:
        return _union(av[1], _exact)  # type: ignore[index]
    if op in _REPEATS:
        lo, hi, sub = av  # type: ignore[misc]
        e = _exact(sub)
        if e is None or lo != hi or lo > 3:
            return None
        out = {""}
        for _ in range(lo):
            out = _cross(out, e)  # type: ignore[assignment]
            if out is None:
                return None
        return out
    return None


def _exact(seq: _p.SubPattern) -> set[str] | None:
    out: set[str] | None = {""}
    for op, av in seq.data:
        e = _exact_item(op, av)
        if e is None:
            return None
        out = _cross(out, e)  # type: ignore[arg-type]
        if out is None:
            return None
    return out


def _needed_item(op: object, av: object) -> set[str] | None:
    """A set of strings every match of one (not exact) node contains, or None."""
    if op is _c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _needed(av[3])  # type: ignore[index]
    if op is _c.BRANCH:
        return _union(av[1], _needed)  # type: ignore[index]
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _needed(av[2])  # type: ignore[index]
    return None


def _best(sets: list[set[str]]) -> set[str] | None:
    ok = [s for s in sets if s and "" not in s]
    if not ok:
        return None
    return max(ok, key=lambda s: (min(map(len, s)), -len(s)))


def _needed(seq: _p.SubPattern) -> set[str] | None:
    """A set of strings every match of the sequence contains: runs of consecutive exact
    nodes give their concatenations, other nodes what they need inside."""
    found: list[set[str]] = []
    run: set[str] = {""}
    for op, av in seq.data:
        e = _exact_item(op, av)
        if e is not None:
            joined = _cross(run, e)
            if joined is None:
                found.append(run)
                run = e
            else:
                run = joined
            continue
        found.append(run)
        run = {""}
        n = _needed_item(op, av)
        if n is not None:
            found.append(n)
    found.append(run)
    return _best(found)


@lru_cache(maxsize=4096)
def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings of which every (non-empty) match of ``pattern`` contains at least one,
    sorted; None when none can be read off (a pattern that may match anything, an empty
    match, or ignores case).

    Examples
    --------
    >>> required_literals("以[^。;]{0,60}为指导")
    ('为指导',)
    >>> required_literals("(统筹|协调)推进")
    ('协调推进', '统筹推进')
    >>> required_literals("(^|[^相适])应(当|能)")
    ('应当', '应能')
    >>> required_literals("[^。]+") is None
    True
    """
    try:
        rx = re.compile(pattern)
        if rx.flags & re.IGNORECASE:
            return None
        best = _needed(_p.parse(pattern))
    except Exception:  # an unreadable pattern is searched everywhere
        return None
    return tuple(sorted(best)) if best else None


def texts_with(joined: str, off: np.ndarray, sep: str,
               wanted: Sequence[tuple[str, ...]]) -> list[np.ndarray]:
    """For each tuple of strings in ``wanted``, the (sorted) indices of the texts of
    ``joined`` (texts joined by ``sep`` at offsets ``off``) that contain one of them,
    found in one pass for all tuples.

    Examples
    --------
    >>> [t.tolist() for t in texts_with("ab|cd|ab", [0, 3, 6], "|", [("ab",), ("d", "x")])]
    [[0, 2], [1]]
    """
    strings = tuple(sorted({s for w in wanted for s in w}))
    sid, start, _ = _search(joined, strings, sep)
    text = np.searchsorted(np.asarray(off), start, "right") - 1
    index = {s: i for i, s in enumerate(strings)}
    out = []
    for w in wanted:
        member = np.zeros(len(strings) + 1, dtype=bool)
        member[[index[s] for s in w]] = True
        out.append(np.unique(text[member[sid]]))
    return out
