"""Whether a support amount's indicator names a recipient or an object rewarded.

A support amount's indicator is a noun phrase: the recipient ("高新技术企业") or the object
rewarded ("孵化器"), or, for a rate, the base of the rate ("投资额"). The phrase search of
:mod:`analysis.targets.phrases` sometimes stops at words that are none: a verb or function
word ("给予", "执行", "在享受国家购置补贴的基础上"), a rate word of the support itself
("补助比例"), a quantifier without its noun ("每家企业", "单个主体", "单笔补偿") or a span
that ends inside a quoted name ("新获评“中华技能大"). :func:`names_recipient` tells these
apart; the caller then walks outward for the recipient
(:func:`analysis.targets.subjects.support_recipient`).

The words are data, in the ``[support_indicator]`` section of the rules file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest
from analysis.targets.rule_reader import alternation, per_rules
from analysis.targets.rules import TargetRules
from analysis.targets.spans import support_free
from analysis.targets.words import names_nothing, word_tags

__all__ = ["SupportIndicatorRules", "names_recipient", "support_indicator_rules",
           "support_rate_word"]

_NEVER = re.compile("(?!)")


@dataclass(frozen=True)
class SupportIndicatorRules:
    """The ``[support_indicator]`` rules (see the rules file for each entry)."""

    first_tags: frozenset[str] = field(default_factory=frozenset)
    first_words: frozenset[str] = field(default_factory=frozenset)
    last_tags: frozenset[str] = field(default_factory=frozenset)
    quantifier: re.Pattern[str] = _NEVER
    rate_word: re.Pattern[str] = _NEVER
    quotes: tuple[tuple[str, str], ...] = ()
    outer_last_tags: frozenset[str] = field(default_factory=frozenset)
    outer_not_first_tags: frozenset[str] = field(default_factory=frozenset)
    outer_verb_tags: frozenset[str] = field(default_factory=frozenset)
    outer_object_chars: int = 0
    tail: re.Pattern[str] = _NEVER


def support_indicator_rules(rules: TargetRules) -> SupportIndicatorRules:
    """The ``[support_indicator]`` rules of the file ``rules`` was read from (none when the
    file has no such section; cached by content).

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> "v" in support_indicator_rules(load_rules()).last_tags
    True
    """
    return per_rules(_BY_RULES, rules, lambda: SupportIndicatorRules() if not rules.source
                     else _cached(rules.source, text_digest(resource_text(rules.source))))


# the rules read for each rules object
_BY_RULES: dict[int, tuple[TargetRules, SupportIndicatorRules]] = {}


@lru_cache(maxsize=8)
def _cached(source: str, digest: str) -> SupportIndicatorRules:
    section = read_toml(source).get("support_indicator") or {}

    def words(key: str) -> list[str]:
        value = section.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{source}: [support_indicator] {key} must be a list of strings.")
        return value

    pairs = [w for w in words("quote_pairs") if len(w) == 2]
    if len(pairs) != len(words("quote_pairs")):
        raise ValueError(f"{source}: [support_indicator] quote_pairs must be pairs of an "
                         "opening and a closing mark (\"“”\").")
    quantifiers, rates = words("quantifier_heads"), words("rate_words")
    tails = words("judged_without_tail")
    return SupportIndicatorRules(
        first_tags=frozenset(words("not_first_tags")),
        first_words=frozenset(words("not_first_words")),
        last_tags=frozenset(words("not_last_tags")),
        quantifier=re.compile("^(?:" + alternation(quantifiers) + ")") if quantifiers else _NEVER,
        rate_word=re.compile("(?:" + alternation(rates) + ")$") if rates else _NEVER,
        quotes=tuple((w[0], w[1]) for w in pairs),
        outer_last_tags=frozenset(words("outer_last_tags")),
        outer_not_first_tags=frozenset(words("outer_not_first_tags")),
        outer_verb_tags=frozenset(words("outer_verb_tags")),
        outer_object_chars=_count(section, "outer_object_chars", source),
        tail=re.compile("(?:" + alternation(tails) + ")$") if tails else _NEVER,
    )


def _count(section: dict, key: str, source: str) -> int:
    value = section.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{source}: [support_indicator] {key} must be a whole number >= 0.")
    return value


def support_rate_word(s: str, rules: TargetRules) -> bool:
    """``s`` is a rate word (``rate_words``) after support words only: "补助比例",
    "贴息比例" (not "投资额比例").

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> support_rate_word("补助比例", load_rules()), support_rate_word("投资额比例", load_rules())
    (True, False)
    """
    rate = support_indicator_rules(rules).rate_word.search(s)
    return bool(rate) and len(support_free(s[:rate.start()], rules)) < 2


def names_recipient(s: str, rules: TargetRules, *, outer: bool = False) -> bool:
    """``s`` is a noun phrase that may name a support amount's recipient or object: not
    empty; with a noun left once the support words are taken off; its first and last words
    not tagged as function words or verbs and no preposition first (``not_first_tags``,
    ``not_first_words``, ``not_last_tags``; judged
    without the support words and a last word of ``judged_without_tail``); not a
    quantifier with no noun after it (``quantifier_heads``: 单笔补偿; 每家企业 names one);
    not a rate word of the support alone (补助比例); not cut inside a quoted name. With
    ``outer`` (a recipient found away from the amount) also no quantifier, no verb or
    adjective first and a noun at its end (``outer_not_first_tags``, ``outer_last_tags``).

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> r = load_rules()
    >>> [names_recipient(s, r) for s in ("高新技术企业", "企业房租补贴", "每家企业累计")]
    [True, True, True]
    >>> [names_recipient(s, r) for s in ("给予", "执行", "经评审给予", "补助比例",
    ...                                  "单笔补偿", "新获评“中华技能大")]
    [False, False, False, False, False, False]
    >>> s = "中小微企业加快发展"
    >>> names_recipient(s, r), names_recipient(s, r, outer=True)
    (True, False)
    """
    sr = support_indicator_rules(rules)
    if not s:
        return False
    quantifier = sr.quantifier.match(s)
    if quantifier:
        # "每家补助诊断费用": a support verb right after the quantifier leaves it no noun
        rest = s[quantifier.end():]
        return not (outer or rules.support_verbs.match(rest)) and names_recipient(rest, rules)
    if any(s.count(a) > s.count(b) for a, b in sr.quotes):
        return False
    if support_rate_word(s, rules):
        return False
    free = sr.tail.sub("", support_free(sr.tail.sub("", s), rules))
    if len(free) < 2 or names_nothing(free, rules):
        return False
    head = free.rsplit(rules.possessive, 1)[-1]
    if len(head) >= 2 and not names_nothing(head, rules):
        free = head     # "经认定的首台重大技术装备": the noun after 的 is what is named
    tagged = [(w, t) for w, t in word_tags(free) if w.strip()]
    if (not tagged or tagged[0][1] in sr.first_tags or tagged[0][0] in sr.first_words
            or tagged[-1][1] in sr.last_tags):
        return False
    if not outer:
        return True
    tagged = [(w, t) for w, t in word_tags(s) if w.strip()]
    if tagged[-1][1] not in sr.outer_last_tags or tagged[0][1] in sr.outer_not_first_tags:
        return False
    # "优化营商环境", "发展数字经济": a verb and its object name a task ("培训机构" and
    # "投资项目", a verb before one short noun, name who is paid)
    obj = "".join(w for w, _ in tagged[1:])
    return not (tagged[0][1] in sr.outer_verb_tags and sr.outer_object_chars
                and len(obj) >= sr.outer_object_chars)
