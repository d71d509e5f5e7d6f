"""The characters a match of a pattern can begin with, read off its parsed form.

The engine of :mod:`re` has a fast skip to where a match can begin only for a pattern
that opens with a literal or a class; one that opens with an optional part or a
lookbehind is tried at every character. :func:`first_chars` reads the class of characters
every match begins with, so that a caller can search only where one stands (the targets'
rule patterns) or pass over a text holding none (:func:`may_search`: the outline parser's
table-of-contents rule on every line). Where that cannot be told (any character, a class
by category, case folding, a pattern that may match empty), the answer is None and the
text is searched as it is: the filter never hides a match.

Examples
--------
>>> toc = re.compile(r"(?<![.…])(?:\\.{4,}|…{2,})\\s*\\d*\\s*$")
>>> first_chars(toc).pattern, may_search(toc, "一、总体要求"), may_search(toc, "总则……3")
('[\\\\.…]', False, True)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["first_chars", "may_search"]

try:   # the parser of the standard library's engine (private, stable since 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:    # pragma: no cover - an interpreter without it gets no filter
    _p = _c = None


def _first(items: Any) -> tuple[set[str], bool] | None:
    """The class items a match of ``items`` can begin with and whether it can be empty;
    None when that cannot be told (any character, a negated class …)."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(re.escape(chr(av)))
            return out, False
        if op is _c.IN:
            for iop, iav in av:
                if iop is _c.LITERAL:
                    out.add(re.escape(chr(iav)))
                elif iop is _c.RANGE:
                    out.add(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                elif iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT:
                    out.add(r"\d")
                else:
                    return None
            return out, False
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue        # zero width: the next item begins the match
        if op is _c.SUBPATTERN or op is _c.ATOMIC_GROUP:
            sub = av if op is _c.ATOMIC_GROUP else av[3]
            if op is _c.SUBPATTERN and av[1] & re.IGNORECASE:
                return None
            found = _first(sub)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            found = _first(av[2])
            if found is not None and av[0] == 0:
                found = (found[0], True)
        elif op is _c.BRANCH:
            parts = [_first(b) for b in av[1]]
            if any(x is None for x in parts):
                return None
            found = (set().union(*(x[0] for x in parts)),      # type: ignore[union-attr]
                     any(x[1] for x in parts))                  # type: ignore[index]
        else:
            return None
        if found is None:
            return None
        out |= found[0]
        if not found[1]:
            return out, False
    return out, True


@lru_cache(maxsize=512)
def first_chars(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of the characters every match of ``pattern`` begins with, or None (when
    that cannot be told, or the pattern may match the empty string).

    Examples
    --------
    >>> first_chars(re.compile("(?:到|至)?(?:19|20)\\\\d\\\\d年")).pattern
    '[12到至]'
    >>> first_chars(re.compile("(?<!\\\\d)(?:今年|年内)")).pattern
    '[今年]'
    >>> first_chars(re.compile("\\\\d+[个家]?|万")).pattern
    '[\\\\d万]'
    >>> first_chars(re.compile("a?")), first_chars(re.compile(".年"))
    (None, None)
    """
    if _p is None or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _first(_p.parse(pattern.pattern, pattern.flags).data)
    except Exception:
        return None
    if found is None or found[1] or not found[0]:
        return None
    return re.compile("[" + "".join(sorted(found[0])) + "]")


def may_search(pattern: re.Pattern[str], s: str) -> bool:
    """False when ``pattern.search(s)`` cannot find anything (``s`` holds none of the
    characters a match begins with); True when it may.

    Parameters
    ----------
    pattern : re.Pattern
        The pattern to be searched.
    s : str
        The text it would be searched in.

    Returns
    -------
    bool
        Whether the search is needed.

    Examples
    --------
    >>> may_search(re.compile("(?<!x)-{6,}$"), "无横线"), may_search(re.compile("."), "")
    (False, True)
    """
    starts = first_chars(pattern)
    return starts is None or starts.search(s) is not None
