"""Where a rule's pattern can match at all, and where a match can begin.

The rules' patterns are searched in many short spans (the scopes of a document), most of
which hold no match. :func:`may_match` answers "can the pattern match in ``text[a:b]``?"
by one search for the strings every match holds
(:func:`analysis.lexicon.prefilter.required_literals`, read off the parsed pattern), which
the regular-expression engine runs far faster than the pattern itself. Its answer
``False`` is exact (no match can be there); ``True`` means only that the pattern has to be
searched.

:func:`~analysis.text.pattern_starts.first_chars` reads the characters a match can begin
with, and :func:`matches` finds what ``finditer`` finds by trying the pattern only where
one of them stands: the engine
tries a pattern that opens with an optional part or a lookbehind at every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from analysis.lexicon.prefilter import required_literals
from analysis.targets.rule_reader import call_store
from analysis.text.pattern_starts import first_chars

__all__ = ["matches", "may_match", "span_matches"]

try:   # the parser of the standard library's engine (private, stable since 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:    # pragma: no cover - an interpreter without it gets no filter
    _p = _c = None

# flags that change no literal a pattern needs (others, like IGNORECASE or VERBOSE, do)
_PLAIN_FLAGS = re.UNICODE | re.MULTILINE | re.DOTALL


def _filter(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    hit = _FILTERS.get(id(pattern))
    if hit is not None and hit[0] is pattern:
        return hit[1]
    found = (required_literals(pattern.pattern)
             if isinstance(pattern.pattern, str) and not pattern.flags & ~_PLAIN_FLAGS
             else None)
    pre = (re.compile("|".join(re.escape(w) for w in sorted(found, key=lambda w: (-len(w), w))))
           if found else None)
    _remember(_FILTERS, pattern, pre)
    return pre


# the filter and the first-character class of each pattern, by the pattern's identity
# (hashing a compiled pattern hashes all of its code: slow for the long unit alternations);
# the pattern is kept with its entry, so its id is not reused while the entry lives
_FILTERS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
_STARTS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def _remember(cache: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]],
              pattern: re.Pattern[str], value: re.Pattern[str] | None) -> None:
    if len(cache) > 1024:
        cache.clear()
    cache[id(pattern)] = (pattern, value)


def may_match(pattern: re.Pattern[str], text: str, a: int, b: int) -> bool:
    """False when ``pattern`` cannot match anywhere in ``text[a:b]`` (the span holds none
    of the strings every match holds); True when it may (search it to know).

    Examples
    --------
    >>> may_match(re.compile("(?:到)?20\\\\d\\\\d年"), "建设10个平台", 0, 7)
    False
    >>> may_match(re.compile("(?:到)?20\\\\d\\\\d年"), "到2025年", 0, 7)
    True
    """
    pre = _filter(pattern)
    return pre is None or pre.search(text, a, b) is not None


def _own_skip(items: Any) -> bool:
    """Whether the engine skips ahead by itself to where a match of ``items`` can begin:
    the pattern opens with a literal, a class, or a choice of alternatives that each open
    with a literal (the prefix or character set ``re`` compiles for its search)."""
    while items and items[0][0] is _c.SUBPATTERN and not (items[0][1][1] or items[0][1][2]):
        items = items[0][1][3]          # a group without flags of its own: its first item
    if not items:
        return False
    op, av = items[0]
    if op is _c.LITERAL or op is _c.IN:
        return True
    return op is _c.BRANCH and all(b and b[0][0] is _c.LITERAL for b in av[1])


def _guarded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` behind a lookahead for its
    :func:`~analysis.text.pattern_starts.first_chars` class, or None (no class,
    a pattern the engine skips ahead for by itself, or one that cannot be wrapped: global
    flags inside it)."""
    starts = first_chars(pattern)
    if starts is None or _own_skip(_p.parse(pattern.pattern, pattern.flags).data):
        return None
    try:
        return re.compile(f"(?={starts.pattern})(?:{pattern.pattern})", pattern.flags)
    except re.error:
        return None


def matches(pattern: re.Pattern[str], s: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)``, the pattern tried only where a
    :func:`~analysis.text.pattern_starts.first_chars` character stands (plain ``finditer``
    when there is no such class).

    A pattern that opens with an optional part or a lookbehind (the engine has no fast
    skip of its own for it) is searched behind a lookahead for that class: the engine then
    tests one character at a position where no match can begin, instead of the whole
    pattern. The lookahead takes no character and every match begins with one of the
    class, so the matches, their groups and their order are those of ``finditer``. A
    pattern that opens with a literal, a class or alternatives that each open with a
    literal is searched as it is: the engine's own skip to its first characters (a search
    for the literal prefix, or a set of characters) is faster than the lookahead, which
    hides it.

    Examples
    --------
    >>> [m.group() for m in matches(re.compile("(?:到)?20\\\\d\\\\d年"), "到2025年和2030年")]
    ['到2025年', '2030年']
    """
    hit = _STARTS.get(id(pattern))
    if hit is not None and hit[0] is pattern:
        guarded = hit[1]
    else:
        guarded = _guarded(pattern)
        _remember(_STARTS, pattern, guarded)
    return (pattern if guarded is None else guarded).finditer(s)


# the matches of each pattern in each span text read so far in the running call of the
# stage (:func:`~analysis.targets.rule_reader.call_stores`), by the pattern's identity and
# the text (the same clause text comes back in many documents: boilerplate, a plan quoted
# by the documents that carry it out); emptied when the texts kept pass _SPAN_CHARS
# characters, counted once per pattern (the eight time patterns read the same slice, which
# is held once, so the text held is a fraction of the count)
_SPAN_CHARS = 32_000_000


def span_matches(pattern: re.Pattern[str], s: str) -> list[re.Match[str]]:
    """The matches of :func:`matches` in ``s`` as a list, found once per distinct text
    ``s`` while a :func:`~analysis.targets.rule_reader.call_stores` block runs (and none
    searched where :func:`may_match` tells there can be none).

    The matches are those of ``pattern.finditer(s)``: they depend on ``s`` alone, so a
    span of the same text in another document or place gets the same list (its offsets
    are into ``s``; the caller adds the span's start). The list is shared: read it, do
    not change it.

    Examples
    --------
    >>> pat = re.compile("(?:到)?20\\\\d\\\\d年")
    >>> [m.group() for m in span_matches(pat, "到2025年和2030年")]
    ['到2025年', '2030年']
    >>> from analysis.targets.rule_reader import call_stores
    >>> with call_stores():
    ...     span_matches(pat, "到2025年和2030年") is span_matches(pat, "到2025年和2030年")
    True
    """
    store = call_store("pattern_spans")
    if store is None:
        return list(matches(pattern, s)) if may_match(pattern, s, 0, len(s)) else []
    key = (id(pattern), s)
    found: list[re.Match[str]] | None = store.get(key)
    if found is None:
        found = list(matches(pattern, s)) if may_match(pattern, s, 0, len(s)) else []
        size = store.get(None, 0) + len(s)
        if size > _SPAN_CHARS:
            store.clear()
            size = len(s)
        # the pattern is held with its matches, so that its id is not reused in the call
        store[("pattern", id(pattern))] = pattern
        store[key] = found
        store[None] = size
    return found
