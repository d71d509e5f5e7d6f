"""Term sets: the dictionary entries the engine looks for, as data.

A :class:`TermSet` is a named list of terms (a theme, an instrument, a tone, one group of a
co-occurrence rule). Term sets are read from TOML tables (``key``, ``zh``, ``en``,
``terms``, and optionally ``tokens``, ``exclude`` and ``patterns``) with
:func:`termset_from_table` / :func:`termsets_from_tables`, so a researcher edits a file,
not code. Matching them against text is the job of :mod:`analysis.lexicon.engine`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from analysis.lexicon import engine

__all__ = [
    "TermSet",
    "string_list",
    "termset_from_table",
    "termsets_from_tables",
    "unique_keys",
    "with_exclude",
]


@dataclass(frozen=True)
class TermSet:
    """A named list of terms found in text: a theme, an instrument, a tone, a rule group.

    Parameters
    ----------
    key, zh, en : str
        Stable identifier and Chinese / English names.
    terms : tuple of str
        Matched as substrings; at each position the longest term wins; no overlaps.
    tokens : tuple of str
        Matched only where the segmenter makes them a token of their own (single characters
        such as 可 or 党).
    exclude : tuple of str
        Contexts masked before matching: no match may overlap them (金融办 for finance).
    patterns : tuple of str
        Regular expressions, matched like terms (到20\\d\\d年 for targets).

    Examples
    --------
    >>> ts = TermSet("talent", "人才", "Talent", terms=("人才", "科技人才"))
    >>> ts.find("引进科技人才和人才团队")
    [(2, 6, '科技人才'), (7, 9, '人才')]
    >>> TermSet("p", "可", "May", tokens=("可",), exclude=("可持续",)).find(
    ...     "可持续,可以", [(0, 3, "可持续"), (4, 5, "可"), (5, 6, "以")])
    [(4, 5, '可')]
    """

    key: str
    zh: str
    en: str
    terms: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()

    def mask(self, text: str) -> str:
        """``text`` with every ``exclude`` context replaced by NUL characters (same length).

        Examples
        --------
        >>> TermSet("f", "金融", "Finance", terms=("金融",), exclude=("金融办",)).mask(
        ...     "金融办推动金融").replace("\\x00", "_")
        '___推动金融'
        """
        return engine.mask_text(text, self.exclude)

    def find(self, text: str,
             token_spans: Iterable[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
        """All non-overlapping matches in ``text`` as ``(start, end, term)``, in text order.

        ``token_spans`` are the segmenter's ``(start, end, token)`` for ``text``; only needed
        when the set has ``tokens``.
        """
        return engine.find_in_text(text, self, token_spans, mode="substring")

    def find_tokens(self, text: str,
                    token_spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Token-level matching: tokens equal to a term (or a ``tokens`` entry)."""
        return engine.find_in_text(text, self, token_spans, mode="token")

    def all_terms(self) -> tuple[str, ...]:
        """Terms and token terms (not patterns, not exclusions)."""
        return tuple(dict.fromkeys((*self.terms, *self.tokens)))


def string_list(value: Any, *, where: str, name: str, required: bool = False
                ) -> tuple[str, ...]:
    """A TOML value that must be a list of non-empty strings, stripped; ``()`` when absent.

    ``where`` (the file and table) and ``name`` (the key) make the error message.

    Examples
    --------
    >>> string_list([" 人才", "引才"], where="x.toml", name="terms")
    ('人才', '引才')
    >>> string_list("人才", where="x.toml", name="terms")
    Traceback (most recent call last):
    ...
    ValueError: x.toml: `terms` must be a list of non-empty strings (e.g. terms = ["人才", "引才"]).
    """
    if value is None:
        if required:
            raise ValueError(f"{where}: `{name}` is missing; give a list of strings.")
        return ()
    if isinstance(value, str) or not isinstance(value, list) \
            or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: `{name}` must be a list of non-empty strings "
                         f'(e.g. {name} = ["人才", "引才"]).')
    if required and not value:
        raise ValueError(f"{where}: `{name}` is empty; give at least one term.")
    return tuple(v.strip() for v in value)


def termset_from_table(table: dict[str, Any], *, where: str, key_field: str = "key",
                       require_terms: bool = True) -> TermSet:
    """Validate one TOML table (a theme, a tone, an instrument) into a :class:`TermSet`.

    Examples
    --------
    >>> termset_from_table({"key": "ip", "zh": "知识产权", "en": "IP",
    ...                     "terms": ["知识产权"]}, where="mine.toml").terms
    ('知识产权',)
    """
    if not isinstance(table, dict):
        raise ValueError(f"{where}: expected a table with {key_field}, zh, en and terms.")
    for name in (key_field, "zh", "en"):
        if not isinstance(table.get(name), str) or not table[name].strip():
            raise ValueError(f"{where}: `{name}` is missing or empty.")
    terms = string_list(table.get("terms"), where=where, name="terms")
    tokens = string_list(table.get("tokens"), where=where, name="tokens")
    patterns = string_list(table.get("patterns"), where=where, name="patterns")
    if require_terms and not (terms or tokens or patterns):
        raise ValueError(f"{where}: give at least one entry in `terms` (or tokens/patterns).")
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"{where}: pattern {p!r} is not a valid regular expression "
                             f"({exc}).") from exc
    return TermSet(
        key=table[key_field].strip(), zh=table["zh"].strip(), en=table["en"].strip(),
        terms=terms, tokens=tokens,
        exclude=string_list(table.get("exclude"), where=where, name="exclude"),
        patterns=patterns,
    )


def with_exclude(ts: TermSet, extra: Sequence[str]) -> TermSet:
    """``ts`` with more exclude contexts (a file-wide list such as agency names).

    Examples
    --------
    >>> ts = TermSet("a", "农业", "Agriculture", terms=("农业",), exclude=("农业局",))
    >>> with_exclude(ts, ["科技局", "农业局"]).exclude
    ('农业局', '科技局')
    """
    if not extra:
        return ts
    return replace(ts, exclude=tuple(dict.fromkeys((*ts.exclude, *extra))))


def unique_keys(sets: Sequence[TermSet], *, source: str, what: str) -> None:
    """Raise ``ValueError`` when two term sets of ``source`` share a key."""
    seen: set[str] = set()
    for s in sets:
        if s.key in seen:
            raise ValueError(f"{source}: the {what} key {s.key!r} is used twice; keys must be "
                             "unique.")
        seen.add(s.key)


def termsets_from_tables(tables: Sequence[Any], *, source: str, what: str,
                         exclude: Sequence[str] = ()) -> tuple[TermSet, ...]:
    """Every ``[[what]]`` table of a TOML file as term sets, in file order.

    ``exclude`` contexts (a file-wide list) are added to every set; keys must be unique.
    Errors name the file, the table's number and key.

    Examples
    --------
    >>> sets = termsets_from_tables(
    ...     [{"key": "a", "zh": "甲", "en": "A", "terms": ["农业"]}], source="mine.toml",
    ...     what="theme", exclude=["农业局"])
    >>> sets[0].exclude
    ('农业局',)
    """
    def key_of(t: Any) -> str:
        return t.get("key", "?") if isinstance(t, dict) else "?"

    sets = tuple(with_exclude(termset_from_table(
        t, where=f"{source}: {what} #{i + 1} ({key_of(t)})"), exclude)
        for i, t in enumerate(tables))
    unique_keys(sets, source=source, what=what)
    return sets
