"""Which lines a rule's pattern can match at all: the characters a match begins with.

The outline parser searches some patterns of ``structure.toml`` in every line of a
document (a table-of-contents line, ``一、总体要求……3``). A pattern that opens with a
lookbehind has no fast skip in the regular-expression engine, which then tries the whole
pattern at each character of each line. :func:`opening_chars` reads off the parsed
pattern the characters every match begins with, so that a line holding none of them is
passed over without a search: the answer is exact, the pattern itself decides the rest.

Examples
--------
>>> import re
>>> toc = re.compile(r"(?<![.…])(?:\\.{4,}|…{2,})\\s*\\d*\\s*$")
>>> sorted(opening_chars(toc)), may_search(toc, "一、总体要求"), may_search(toc, "总则……3")
(['.', '…'], False, True)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["may_search", "opening_chars"]

try:   # the parser of the standard library's engine (private, stable since 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:    # pragma: no cover - an interpreter without it gets no filter
    _p = _c = None

#: the widest character range read as its characters (a wider one gives no filter)
_MAX_RANGE = 64


def _opening(items: Any) -> frozenset[str] | None:
    """The characters the first character a match of ``items`` takes can be; None when
    that cannot be told (any character, a class by category, an optional opening …)."""
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue        # zero width: the next item takes the first character
        if op is _c.LITERAL:
            return frozenset(chr(av))
        if op is _c.IN:
            out: set[str] = set()
            for iop, iav in av:
                if iop is _c.LITERAL:
                    out.add(chr(iav))
                elif iop is _c.RANGE and iav[1] - iav[0] < _MAX_RANGE:
                    out.update(map(chr, range(iav[0], iav[1] + 1)))
                else:
                    return None
            return frozenset(out)
        if op is _c.SUBPATTERN:
            return None if av[1] & re.IGNORECASE else _opening(av[3])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            return _opening(av[2]) if av[0] > 0 else None
        if op is _c.BRANCH:
            parts = [_opening(b) for b in av[1]]
            return None if any(x is None for x in parts) else frozenset().union(*parts)
        return None
    return None             # nothing that takes a character: it may match empty


@lru_cache(maxsize=64)
def opening_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of ``pattern`` begins with, or None when that cannot
    be told (then every text has to be searched).

    Parameters
    ----------
    pattern : re.Pattern
        A compiled pattern of ``str``; a case-folding one is never filtered.

    Returns
    -------
    frozenset of str or None
        The opening characters, or None for a pattern that may open with any character,
        with nothing, or in a way the reader does not follow.

    Examples
    --------
    >>> sorted(opening_chars(re.compile("(?<!第)[一二]、")))
    ['一', '二']
    >>> opening_chars(re.compile("a?b")), opening_chars(re.compile("(?i)x"))
    (None, None)
    """
    if _p is None or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        return _opening(_p.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # an unreadable pattern is searched everywhere
        return None


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
    chars = _opening_class(pattern)
    return chars is None or chars.search(s) is not None


@lru_cache(maxsize=64)
def _opening_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    chars = opening_chars(pattern)
    return (re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
            if chars else None)
