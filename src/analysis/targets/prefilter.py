"""Characters a pattern's every match must hold: a span with none of them needs no search.

The rules' patterns are searched in many short spans (the scopes of a document), most of
which hold no match. :func:`required_chars` reads a compiled pattern's syntax tree and
returns a small set of characters of which every match (the text it consumes) holds at
least one, or ``None`` when it cannot say (a pattern that may match the empty string, a
case-insensitive one, one that starts with a class of many characters …).
:func:`may_match` then answers "can the pattern match in ``text[a:b]``?" with one search
for those characters, which the regular-expression engine runs far faster than the
pattern itself. Its answer ``False`` is exact (no match can be there); ``True`` means only
that the pattern has to be searched.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["may_match", "required_chars"]

# larger classes of characters ("[\u4e00-\u9fff]") make no useful filter
_MAX_CLASS = 64

try:   # the parser of the standard library's engine (private, stable since 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:    # pragma: no cover - an interpreter without it gets no filter
    _p = _c = None


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(k) for k in range(av[0], av[1] + 1))
        else:           # NEGATE, CATEGORY (\d, \w …) or a wide range
            return None
        if len(chars) > _MAX_CLASS:
            return None
    return frozenset(chars)


def _item(op: Any, av: Any) -> list[frozenset[str]]:
    """The character sets one of which each match of this item holds (any one will do)."""
    if op is _c.LITERAL:
        return [frozenset(chr(av))]
    if op is _c.IN:
        found = _class_chars(av)
        return [found] if found else []
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        return [] if add_flags & re.IGNORECASE else _sequence(sub)
    if op is _c.ATOMIC_GROUP:
        return _sequence(av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        return _sequence(sub) if low >= 1 else []
    if op is _c.BRANCH:
        options = [_sequence(b) for b in av[1]]
        if any(not o for o in options):
            return []       # a branch that may hold none of them
        # one character every branch must hold ("十一五|十三五|九五": 五), else the union
        # of each branch's smallest set
        for cand in options[0]:
            if len(cand) == 1 and all(cand in o for o in options[1:]):
                return [cand]
        return [frozenset().union(*(min(o, key=len) for o in options))]
    return []   # assertions, anchors, any character, back references: nothing required


def _sequence(items: Any) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for op, av in items:
        out.extend(_item(op, av))
    return out


@lru_cache(maxsize=512)
def required_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """A small set of characters every match of ``pattern`` holds one of, else None.

    Examples
    --------
    >>> sorted(required_chars(re.compile("(?:到)?(?:19|20)\\\\d\\\\d年(?:底|末)?")))
    ['年']
    >>> sorted(required_chars(re.compile("十一五|十三五|九五")))
    ['五']
    >>> sorted(required_chars(re.compile("(?<!\\\\d)(?:今年|明年|年内)")))
    ['年']
    >>> required_chars(re.compile("\\\\d+")) is None, required_chars(re.compile("a?"))
    (True, None)
    """
    if _p is None or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        found = _sequence(_p.parse(pattern.pattern, pattern.flags).data)
    except Exception:
        return None
    return min(found, key=len) if found else None


@lru_cache(maxsize=512)
def _filter(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    chars = required_chars(pattern)
    if not chars:
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")


def may_match(pattern: re.Pattern[str], text: str, a: int, b: int) -> bool:
    """False when ``pattern`` cannot match anywhere in ``text[a:b]`` (the span holds none
    of its :func:`required_chars`); True when it may (search it to know).

    Examples
    --------
    >>> may_match(re.compile("(?:到)?20\\\\d\\\\d年"), "建设10个平台", 0, 7)
    False
    >>> may_match(re.compile("(?:到)?20\\\\d\\\\d年"), "到2025年", 0, 7)
    True
    """
    pre = _filter(pattern)
    return pre is None or pre.search(text, a, b) is not None
