"""Which regular expressions with lookarounds can be searched over joined texts.

:func:`analysis.lexicon.engine.match_texts` searches a pattern over all texts joined by a
separator character at once when a search of the joined texts finds what a search of each
text alone finds, apart from matches that run across a separator (those texts are searched
again on their own). A pattern without anchors, word boundaries and lookarounds qualifies:
what it matches depends only on the characters it covers, and a match that an atomic group
or a possessive repeat carried past a text's end runs across a separator. :func:`joinable`
admits lookarounds too, when no character their bodies consume can be the separator: at a
text's edge, where a lookaround of a text alone finds no character, in the joined texts it
finds the separator, which its body cannot consume either, so the assertion holds or fails
in both alike (a lookbehind shorter than the text before it, or a lookahead that ends before
the text's end, sees the same characters in both). Anchors (``^``, ``$``, ``\\b``) are never
admitted, nor anything in an assertion whose characters are not listed (``.``, negated
classes, ``\\d`` and the like). Beside a lookaround, back references, atomic groups and
possessive repeats outside an assertion are not admitted either: in the joined texts they
can take characters beyond a text's end and, not giving them back, fail an assertion that
the text alone passes (``(?>a[^b]*)(?!b)`` on ``ay`` then ``bz``), a match lost without a
trace.
"""

from __future__ import annotations

import re._constants as _c
import re._parser as _p
from functools import lru_cache

__all__ = ["joinable"]

#: Operations that consume no character and need no check of their own.
_GROUPS = {_c.SUBPATTERN, _c.BRANCH, _c.MAX_REPEAT, _c.MIN_REPEAT, _c.ATOMIC_GROUP,
           _c.POSSESSIVE_REPEAT}
_ASSERTS = {_c.ASSERT, _c.ASSERT_NOT}


def _children(op: object, av: object) -> list[_p.SubPattern]:
    """The sub-patterns of a grouping operation."""
    if op is _c.SUBPATTERN:
        return [av[3]]  # type: ignore[index]
    if op is _c.BRANCH:
        return list(av[1])  # type: ignore[index]
    if op is _c.ATOMIC_GROUP:
        return [av]  # type: ignore[list-item]
    return [av[2]]  # type: ignore[index] # the repeats: (min, max, item)


def _item_ok(op: object, av: object, sep: int) -> bool:
    """Whether a class item (``[...]``) is a listed character or range without ``sep``."""
    if op is _c.LITERAL:
        return av != sep
    if op is _c.RANGE:
        return not av[0] <= sep <= av[1]  # type: ignore[index]
    return False  # NEGATE, CATEGORY: characters not listed


def _body_ok(node: _p.SubPattern, sep: int) -> bool:
    """Whether no character ``node`` (an assertion's body) can consume is ``sep``."""
    for op, av in node.data:
        if op is _c.LITERAL:
            if av == sep:
                return False
        elif op is _c.IN:
            if not all(_item_ok(o, a, sep) for o, a in av):
                return False
        elif op in _GROUPS:
            if not all(_body_ok(x, sep) for x in _children(op, av)):
                return False
        elif op in _ASSERTS:
            if not _body_ok(av[1], sep):
                return False
        else:  # ., negated literals, categories, anchors, back references
            return False
    return True


def _walk(node: _p.SubPattern, sep: int, seen: set[str]) -> bool:
    """False when ``node`` holds an anchor or an assertion whose body is not
    ``_body_ok``; otherwise True, with ``seen`` noting ``"assert"`` for an assertion and
    ``"holdfast"`` for an atomic group, possessive repeat or back reference outside one."""
    for op, av in node.data:
        if op is _c.AT:
            return False
        if op in _ASSERTS:
            if sep < 0 or not _body_ok(av[1], sep):
                return False
            seen.add("assert")
            continue
        if op in (_c.ATOMIC_GROUP, _c.POSSESSIVE_REPEAT, _c.GROUPREF, _c.GROUPREF_EXISTS):
            seen.add("holdfast")
        if op is _c.GROUPREF_EXISTS:  # (group, yes, no): the branches may hold anything
            parts = [x for x in av[1:] if x is not None]  # type: ignore[index]
        elif op in _GROUPS:
            parts = _children(op, av)
        else:
            continue
        if not all(_walk(x, sep, seen) for x in parts):
            return False
    return True


@lru_cache(maxsize=4096)
def joinable(pattern: str, sep: str = "") -> bool:
    """True when a search of ``pattern`` over texts joined by ``sep`` finds, apart from
    matches that run across a ``sep``, what a search of each text alone finds.

    Parameters
    ----------
    pattern : str
        A regular expression (Python's ``re`` syntax).
    sep : str
        The one character the texts are joined by. With any other length only a pattern
        without anchors and lookarounds qualifies.

    Returns
    -------
    bool
        False also for a pattern ``re`` cannot read (it is then searched text by text).

    Examples
    --------
    >>> joinable("到20..年"), joinable(r"(人才)\\1"), joinable("^第.章"), joinable("(?<=以)新")
    (True, True, False, False)
    >>> joinable("(?<!不得)(运用|利用)[^。;]{0,9}技术(?!的)", "\\x01")
    True
    >>> joinable("(?<![^。])新", "\\x01"), joinable("(?=.)新", "\\x01")
    (False, False)
    """
    seen: set[str] = set()
    try:
        ok = _walk(_p.parse(pattern), ord(sep) if len(sep) == 1 else -1, seen)
    except Exception:  # an unreadable pattern takes the text-by-text path
        return False
    return ok and not {"assert", "holdfast"} <= seen
