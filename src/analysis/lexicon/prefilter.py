"""Which texts a regular expression can match at all, from the literals every match holds.

A pattern such as ``以[^。;]{0,60}为指导`` matches only where ``为指导`` occurs, and
``(统筹|协调)推进`` only where ``统筹推进`` or ``协调推进`` does. :func:`required_literals`
reads such a set of strings off the parsed pattern (every match contains one of them);
:func:`texts_with` finds, in one Aho–Corasick pass over the joined texts, the texts that
hold one of them. The engine then runs the pattern over those texts only
(:func:`analysis.lexicon.engine.match_texts`): a text holding none of the strings has no
match, so the matches are the same and the regular expression reads a fraction of the
corpus. :func:`literal_sets` reads every such set at the pattern's top level, the bodies
of its positive lookarounds included (which the text must hold), and
:func:`texts_with_all` finds the texts holding a string of each.
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _p
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import product

import numpy as np

from analysis.lexicon.onepass import common, distinct_sorted
from analysis.lexicon.scan import all_occurrences

__all__ = ["literal_sets", "required_literals", "texts_with", "texts_with_all"]

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
    return max(ok, key=_rank)


def _sets(seq: _p.SubPattern, *, lookarounds: bool = False) -> list[set[str]]:
    """The sets of strings the top level of ``seq`` reads: runs of consecutive exact nodes
    give their concatenations, other nodes what they need inside; with ``lookarounds``,
    the bodies of positive lookarounds too (which the text, not the match, must hold)."""
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
        n = (_needed(av[1]) if lookarounds and op is _c.ASSERT  # type: ignore[index]
             else _needed_item(op, av))
        if n is not None:
            found.append(n)
    found.append(run)
    return [s for s in found if s and "" not in s]


def _needed(seq: _p.SubPattern) -> set[str] | None:
    """A set of strings every match of the sequence contains (the best of its sets)."""
    return _best(_sets(seq))


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


def _rank(s: set[str]) -> tuple[int, int]:
    return (min(map(len, s)), -len(s))


@lru_cache(maxsize=4096)
def literal_sets(pattern: str, *, most: int = 3, avoid: tuple[str, ...] = ()
                 ) -> tuple[tuple[str, ...], ...]:
    """Sets of strings a text must hold one of each of to hold a match of ``pattern``
    searched in that text alone, best first (at most ``most``); empty when none can be
    read off.

    Beside what every match contains (:func:`required_literals`) a text must hold the
    body of each positive lookaround at the pattern's top level: ``(?<=包括)`` is true
    only after ``包括``, which the text holds. The first set is the best; the others are
    kept only if their shortest string has two characters or more (a single common character
    such as ``、`` passes nearly every text). Sets rank as :func:`required_literals`
    ranks them: longest shortest string, then fewest strings.

    Parameters
    ----------
    pattern : str
        A regular expression (``re`` syntax); one with ``re.IGNORECASE`` or one that does
        not compile gives no sets.
    most : int, keyword-only
        At most this many sets, best first.
    avoid : tuple of str, keyword-only
        Of those sets, drop each one with a string holding any of these (a separator or
        mask character a search over joined texts cannot rely on).

    Returns
    -------
    tuple of tuple of str
        The sets, each sorted; empty when no set can be read off.

    Examples
    --------
    >>> literal_sets("(?<=包括|涵盖)[^。]{1,9}、[^。]{1,9}等标准")
    (('等标准',), ('包括', '涵盖'))
    >>> literal_sets("(运用|利用)[^。]{0,30}等技术")
    (('等技术',), ('利用', '运用'))
    >>> literal_sets("[^。]+")
    ()
    """
    try:
        rx = re.compile(pattern)
        if rx.flags & re.IGNORECASE:
            return ()
        sets = _sets(_p.parse(pattern), lookarounds=True)
    except Exception:  # an unreadable pattern is searched everywhere
        return ()
    if not sets:
        return ()
    ranked = sorted({tuple(sorted(s)) for s in sets}, key=lambda t: (_rank(set(t)), t),
                    reverse=True)
    best, rest = ranked[0], [t for t in ranked[1:] if min(map(len, t)) >= 2]
    return tuple(t for t in [best, *rest][:most]
                 if not any(a in x for a in avoid for x in t))


def texts_with_all(joined: str, off: np.ndarray, sep: str,
                   wanted: Sequence[Sequence[tuple[str, ...]]], *, threads: int = 1
                   ) -> list[np.ndarray]:
    """For each group of string tuples in ``wanted``, the (sorted) indices of the texts
    that hold a string of every tuple of the group (:func:`texts_with`, one pass).

    Parameters
    ----------
    joined : str
        The texts joined by ``sep``.
    off : array of int
        Where each text starts in ``joined``.
    sep : str
        The separator, held by no string of ``wanted``.
    wanted : sequence of sequences of tuples of str
        Per group, the string tuples a text must hold a string of each of.
    threads : int, keyword-only
        Threads for the pass (the same result whatever their number).

    Returns
    -------
    list of arrays of int
        Per group, the sorted indices of the texts that hold them all.

    Examples
    --------
    >>> [t.tolist() for t in texts_with_all("ab|cd|ab", [0, 3, 6], "|",
    ...                                     [[("a",), ("b", "x")], [("a",), ("d",)]])]
    [[0, 2], []]
    """
    flat = [t for group in wanted for t in group]
    each = iter(texts_with(joined, off, sep, flat, threads=threads))
    out = []
    for group in wanted:
        found = [next(each) for _ in group]
        out.append(common(found) if found
                   else np.zeros(0, np.int64))
    return out


def texts_with(joined: str, off: np.ndarray, sep: str,
               wanted: Sequence[tuple[str, ...]], *, threads: int = 1) -> list[np.ndarray]:
    """For each tuple of strings in ``wanted``, the (sorted) indices of the texts of
    ``joined`` (texts joined by ``sep`` at offsets ``off``) that contain one of them,
    found in one pass for all tuples (on ``threads`` threads).

    Examples
    --------
    >>> [t.tolist() for t in texts_with("ab|cd|ab", [0, 3, 6], "|", [("ab",), ("d", "x")])]
    [[0, 2], [1]]
    """
    strings = tuple(sorted({s for w in wanted for s in w}))
    sid, start, _ = all_occurrences(joined, strings, sep, threads=threads)
    text = np.searchsorted(np.asarray(off), start, "right") - 1
    index = {s: i for i, s in enumerate(strings)}
    out = []
    for w in wanted:
        member = np.zeros(len(strings) + 1, dtype=bool)
        member[[index[s] for s in w]] = True
        out.append(distinct_sorted(text[member[sid]]))  # starts ascending: texts sorted
    return out
