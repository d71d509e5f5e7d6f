"""The instrument rule file: instrument types, instruments and co-occurrence rules.

``resources/instruments.toml`` (or a researcher's own file) names the types
(``[[type]]``) and, for each ``[[instrument]]``, its code, type, English name and how it
is found: a :class:`~analysis.lexicon.TermSet` (``terms``, ``patterns``, ``tokens``,
``exclude``) and optional co-occurrence rules (``[[instrument.rule]]``: every group of
``all`` needs a term in one sentence, or within ``window`` characters; with
``after = true``, only at or after the first group's term). ``[rules] exclude``
lists contexts excluded from every instrument, and ``[rules] subordinate`` regular
expressions for the subordinate phrases of a clause (an aim, 以…为导向; a platform relied
on, 依托…平台; a list of fields, …等领域): no instrument is found inside them.
``[rules] secondary`` phrases (a result a measure is for, …,提升…水平) are masked the same
way only in a clause that keeps a code outside them: where they hold a clause's only
evidence, that evidence stands. The same file holds the policy-tone wording (``[[tone]]``),
which :mod:`analysis.themes.tone` reads.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.lexicon import (
    TermSet,
    mask_patterns,
    string_list,
    termset_from_table,
    with_exclude,
)
from analysis.resources import read_toml

__all__ = [
    "NONE_CODE",
    "Instrument",
    "InstrumentRules",
    "InstrumentType",
    "Rule",
    "load_instruments",
]

PathLike = str | os.PathLike[str]

#: What a researcher writes for a clause with no instrument (blank = not coded yet).
NONE_CODE = "无"
#: A sentence of a clause, for rules with ``scope = "sentence"``: text up to and with its
#: closing punctuation (full stop, semicolon, exclamation or question mark, line break;
#: the text is normalised, so these are the half-width forms).
_SENTENCE = re.compile(r"[^。;;!?!?\n]+[。;;!?!?\n]*|[。;;!?!?\n]+")


@dataclass(frozen=True)
class InstrumentType:
    """One of the three instrument types: ``supply``, ``environment``, ``demand``."""

    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Rule:
    """A co-occurrence rule: every group must have a term in one sentence (or the clause)."""

    groups: tuple[TermSet, ...]
    scope: str = "sentence"
    window: int | None = None
    after: bool = False

    def find(self, text: str, spans: Sequence[tuple[int, int, str]] = ()
             ) -> list[tuple[int, int, str]]:
        """The group matches that make the rule hold (empty when it does not).

        With ``window``, every other group needs a match starting within ``window``
        characters of a match of the first group (in the same sentence unless
        ``scope="clause"``); with ``after``, only a match starting at or after it (the
        object of a verb, not a noun the verb follows); those matches are the evidence.
        """
        return self.combine(text, [g.find(text, spans) for g in self.groups])

    def combine(self, text: str, found: Sequence[Sequence[tuple[int, int, str]]]
                ) -> list[tuple[int, int, str]]:
        """:meth:`find` from the matches ``found`` of each group in ``text`` (as the
        engine gives them for many clauses at once).

        Examples
        --------
        >>> from analysis.lexicon import TermSet
        >>> rule = Rule((TermSet("g1", "g1", "g1", terms=("培养",)),
        ...              TermSet("g2", "g2", "g2", terms=("人才",))))
        >>> rule.combine("培养企业。人才", [[(0, 2, "培养")], [(5, 7, "人才")]])
        []
        >>> rule.combine("培养人才。", [[(0, 2, "培养")], [(2, 4, "人才")]])
        [(0, 2, '培养'), (2, 4, '人才')]
        >>> Rule(rule.groups, window=5, after=True).combine(
        ...     "人才培养。", [[(2, 4, "培养")], [(0, 2, "人才")]])
        []
        """
        if any(not f for f in found):
            return []
        # each match's sentence, computed once (the whole clause is one unit with
        # scope="clause", and so is a clause of one sentence)
        starts = [0] if self.scope == "clause" else _sentence_starts(text)
        if len(starts) == 1:
            sids = [[0] * len(f) for f in found]
        else:
            sids = [[bisect.bisect_right(starts, h[0]) - 1 for h in f] for f in found]
        if self.window is None:
            ok = set(sids[0]).intersection(*sids[1:])
            return sorted({h for f, sf in zip(found, sids, strict=True)
                           for h, si in zip(f, sf, strict=True) if si in ok})
        out: set[tuple[int, int, str]] = set()
        rest = list(zip(found[1:], sids[1:], strict=True))
        for anchor, sa in zip(found[0], sids[0], strict=True):
            near = [[h for h, si in zip(f, sf, strict=True)
                     if si == sa and (0 if self.after else -self.window)
                     <= h[0] - anchor[0] <= self.window] for f, sf in rest]
            if all(near):
                out.add(anchor)
                out.update(h for n in near for h in n)
        return sorted(out)


@functools.lru_cache(maxsize=256)
def _sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts (the rules of one clause share them)."""
    return [m.start() for m in _SENTENCE.finditer(text)] or [0]


@dataclass(frozen=True)
class Instrument:
    """A policy instrument: its code (Chinese name), type, English name and how it is found."""

    code: str
    type: str
    en: str
    match: TermSet
    rules: tuple[Rule, ...] = ()

    def find(self, text: str, spans: Sequence[tuple[int, int, str]] = ()
             ) -> list[tuple[int, int, str, str]]:
        """Evidence in ``text``: ``(start, end, term, via)`` with via ``term`` or ``rule N``."""
        return self.merge(self.match.find(text, spans),
                          [rule.find(text, spans) for rule in self.rules])

    @staticmethod
    def merge(terms: Sequence[tuple[int, int, str]],
              by_rule: Sequence[Sequence[tuple[int, int, str]]]
              ) -> list[tuple[int, int, str, str]]:
        """:meth:`find` from the term matches and each rule's matches: one piece of
        evidence per span, in text order (of two with the same span, the first by ``via``:
        ``rule N`` before ``term``).

        Examples
        --------
        >>> Instrument.merge([(0, 2, "银行")], [[(0, 2, "银行"), (4, 6, "贷款")]])
        [(0, 2, '银行', 'rule 1'), (4, 6, '贷款', 'rule 1')]
        """
        out = [(s, e, t, "term") for s, e, t in terms]
        for i, found in enumerate(by_rule, start=1):
            out += [(s, e, t, f"rule {i}") for s, e, t in found]
        seen: set[tuple[int, int]] = set()
        uniq = []
        for h in sorted(out, key=lambda h: (h[0], h[1], h[3])):
            if (h[0], h[1]) not in seen:
                seen.add((h[0], h[1]))
                uniq.append(h)
        return uniq


@dataclass(frozen=True)
class InstrumentRules:
    """The instruments and types of a rule file, in file order.

    Examples
    --------
    >>> r = load_instruments()
    >>> [t.key for t in r.types], len(r.instruments)
    (['supply', 'environment', 'demand'], 16)
    >>> r.resolve("financial support"), r.type_of("金融支持").zh
    ('金融支持', '环境型')
    """

    instruments: tuple[Instrument, ...]
    types: tuple[InstrumentType, ...]
    source: str = "instruments.toml"
    subordinate: tuple[re.Pattern[str], ...] = ()
    secondary: tuple[re.Pattern[str], ...] = ()

    def mask_subordinate(self, text: str) -> str:
        r"""``text`` with its subordinate phrases (``[rules] subordinate``) masked, so that
        a term inside them codes nothing (same length, offsets kept). A pattern with a
        group named ``sub`` masks that group only (the rest of the match is its context).

        Examples
        --------
        >>> r = load_instruments()
        >>> r.mask_subordinate("以提升服务为导向,建设平台。").count("\x00") > 0
        True
        >>> rx = InstrumentRules((), (), subordinate=(re.compile("到(?P<sub>.*)"),))
        >>> rx.mask_subordinate("到此为止")
        '到\x00\x00\x00'
        """
        return mask_patterns([text], self.subordinate)[0]

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.instruments]

    def __getitem__(self, code: str) -> Instrument:
        return self.instruments[self.codes.index(self.resolve(code))]

    def resolve(self, name: str) -> str:
        """The code for a Chinese code or English name (case-insensitive)."""
        key = str(name).strip()
        for ins in self.instruments:
            if key == ins.code or key.lower() == ins.en.lower():
                return ins.code
        raise ValueError(f"{name!r} is not an instrument of {self.source}; use one of "
                         f"{'、'.join(self.codes)} (or write {NONE_CODE} for none).")

    def type_of(self, code: str) -> InstrumentType:
        t = self[code].type
        return next(x for x in self.types if x.key == t)

    def terms(self) -> list[str]:
        """Every term of every instrument and rule group (sorted, unique)."""
        out = set()
        for ins in self.instruments:
            out |= set(ins.match.all_terms())
            for rule in ins.rules:
                for g in rule.groups:
                    out |= set(g.all_terms())
        return sorted(out)


def load_instruments(path: PathLike | InstrumentRules = "instruments.toml") -> InstrumentRules:
    """Read an instrument rule file (the packaged ``instruments.toml`` or your own).

    ``[[type]]`` tables name the types; each ``[[instrument]]`` has ``code``, ``type``,
    ``en``, and ``terms`` / ``patterns`` / ``tokens`` / ``exclude`` and optional
    ``[[instrument.rule]]`` tables with ``all = [[...], [...]]`` and ``scope``.
    """
    if isinstance(path, InstrumentRules):
        return path
    data = read_toml(path)
    ttables = data.get("type")
    if not isinstance(ttables, list) or not ttables:
        raise ValueError(f"{path}: no [[type]] tables; name the instrument types (supply, "
                         "environment, demand) as [[type]] tables with key, zh and en.")
    types = []
    for i, t in enumerate(ttables):
        ts = termset_from_table(t, where=f"{path}: type #{i + 1}", require_terms=False)
        types.append(InstrumentType(ts.key, ts.zh, ts.en))
    type_keys = [t.key for t in types]
    head = data.get("rules", {})
    if not isinstance(head, dict):
        raise ValueError(f"{path}: [rules] must be a table (exclude).")
    common = string_list(head.get("exclude"), where=f"{path}: [rules]", name="exclude")
    sub, second = (_patterns(head, name, path) for name in ("subordinate", "secondary"))
    itables = data.get("instrument")
    if not isinstance(itables, list) or not itables:
        raise ValueError(f"{path}: no [[instrument]] tables.")
    instruments = []
    for i, t in enumerate(itables):
        where = f"{path}: instrument #{i + 1} ({t.get('code', '?')})"
        if t.get("type") not in type_keys:
            raise ValueError(f"{where}: type {t.get('type')!r} is not one of "
                             f"{', '.join(type_keys)}.")
        table = {**t, "zh": t.get("code")}
        match = with_exclude(termset_from_table(table, where=where, key_field="code",
                                                require_terms=not t.get("rule")), common)
        rules = []
        for j, r in enumerate(t.get("rule", []), start=1):
            rwhere = f"{where}, rule {j}"
            groups = r.get("all") if isinstance(r, dict) else None
            if not isinstance(groups, list) or len(groups) < 2:
                raise ValueError(f"{rwhere}: `all` must list at least two term groups, e.g. "
                                 'all = [["培养", "引进"], ["人才"]].')
            scope = r.get("scope", "sentence")
            if scope not in ("sentence", "clause"):
                raise ValueError(f"{rwhere}: scope {scope!r} must be 'sentence' or 'clause'.")
            window = r.get("window")
            if window is not None and (not isinstance(window, int) or window < 1):
                raise ValueError(f"{rwhere}: window must be a positive number of characters.")
            after = r.get("after", False)
            if not isinstance(after, bool) or (after and window is None):
                raise ValueError(f"{rwhere}: after must be true or false, and needs a window.")
            gsets = tuple(with_exclude(
                termset_from_table({"key": f"g{k}", "zh": f"g{k}", "en": f"g{k}", "terms": g},
                                   where=f"{rwhere}, group {k}"), match.exclude)
                for k, g in enumerate(groups, start=1))
            rules.append(Rule(gsets, scope, window, after))
        instruments.append(Instrument(match.key, t["type"], match.en, match, tuple(rules)))
    codes = [x.code for x in instruments]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        raise ValueError(f"{path}: instrument code(s) {', '.join(sorted(dup))} defined twice.")
    return InstrumentRules(tuple(instruments), tuple(types), str(path), sub, second)


def _patterns(head: dict, name: str, path: PathLike) -> tuple[re.Pattern[str], ...]:
    """The regular expressions of ``[rules] name``, compiled."""
    out = []
    for x in string_list(head.get(name), where=f"{path}: [rules]", name=name):
        try:
            out.append(re.compile(x))
        except re.error as exc:
            raise ValueError(f"{path}: [rules] {name} {x!r} is no regular expression: "
                             f"{exc}") from None
    return tuple(out)

