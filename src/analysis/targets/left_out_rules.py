"""The words of the ``[not_target]`` rules compiled into patterns (:mod:`not_targets` reads them).

The words are the ``[exclude]``, ``[not_target]``, ``[kind]`` and ``[comparators]`` sections of
``resources/target_rules.toml`` (or of the rules file a :class:`TargetRules` was read from; a
copy without ``[not_target]`` reads it as empty, and every pattern built from an empty list
matches nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest
from analysis.targets.rule_reader import per_rules
from analysis.targets.rules import TargetRules

__all__ = ["NEVER", "NotTargetRules", "not_target_rules"]

#: The pattern that matches nothing: what a rule built from an empty word list compiles to.
NEVER = re.compile("(?!)")
_NEVER = NEVER


def _alt(words: list[str]) -> re.Pattern[str]:
    if not words:
        return _NEVER
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(
        set(words), key=lambda w: (-len(w), w))) + ")")


def _pattern(*parts: str | list[str], flags: int = 0) -> re.Pattern[str]:
    """The pattern that joins ``parts``: a string as written (a regular expression), a list
    as an alternation of its words; :data:`NEVER` when one of the lists is empty.

    Examples
    --------
    >>> _pattern(["权重"], r"为?$").pattern
    '(?:权重)为?$'
    >>> _pattern([], "为") is NEVER
    True
    """
    if any(isinstance(x, list) and not x for x in parts):
        return _NEVER
    return re.compile("".join(x if isinstance(x, str) else _alt(x).pattern for x in parts),
                      flags)


@dataclass(frozen=True)
class NotTargetRules:
    """The compiled ``[not_target]`` words (and the kind words :mod:`kinds` adds)."""

    condition: re.Pattern[str] = _NEVER
    condition_heading: re.Pattern[str] = _NEVER
    procedure_heading: re.Pattern[str] = _NEVER
    condition_lead: re.Pattern[str] = _NEVER
    condition_list_max: int = 0
    norm_after: re.Pattern[str] = _NEVER
    quota_label: re.Pattern[str] = _NEVER
    quota_verb: re.Pattern[str] = _NEVER
    quota_not_with: re.Pattern[str] = _NEVER
    definition: re.Pattern[str] = _NEVER
    definition_not_in: re.Pattern[str] = _NEVER
    rejection: re.Pattern[str] = _NEVER
    example_line: re.Pattern[str] = _NEVER
    form_mark: re.Pattern[str] = _NEVER
    vague: frozenset[str] = frozenset()
    vague_kept_after: re.Pattern[str] = _NEVER
    name_after: re.Pattern[str] = _NEVER
    rule_rate: re.Pattern[str] = _NEVER
    payment: re.Pattern[str] = _NEVER
    share_noun: re.Pattern[str] = _NEVER
    list_head: re.Pattern[str] = _NEVER
    measure_units: frozenset[str] = frozenset()
    bound_property: re.Pattern[str] = _NEVER
    outcome: re.Pattern[str] = _NEVER
    call_quota: re.Pattern[str] = _NEVER
    call_noun: re.Pattern[str] = _NEVER
    norm_bound: re.Pattern[str] = _NEVER
    past_not_in: re.Pattern[str] = _NEVER
    future_not_in: re.Pattern[str] = _NEVER
    requirement_cues: frozenset[str] = frozenset()
    report_not_title: re.Pattern[str] = _NEVER
    report_goal_heading: re.Pattern[str] = _NEVER
    plan_past: re.Pattern[str] = _NEVER
    level_words: re.Pattern[str] = _NEVER
    support_after: re.Pattern[str] = _NEVER
    breakdown: re.Pattern[str] = _NEVER
    public_funds: re.Pattern[str] = _NEVER
    funding_verbs: re.Pattern[str] = _NEVER
    per_unit: re.Pattern[str] = _NEVER
    support_lead: re.Pattern[str] = _NEVER
    fund_setup: re.Pattern[str] = _NEVER
    enumerated: re.Pattern[str] = _NEVER
    announced: re.Pattern[str] = _NEVER
    announced_goal: re.Pattern[str] = _NEVER
    weight: re.Pattern[str] = _NEVER


def not_target_rules(rules: TargetRules) -> NotTargetRules:
    """The ``[not_target]`` rules of the file ``rules`` was read from (cached by content).

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> bool(not_target_rules(load_rules()).rejection.search("将不予受理"))
    True
    """
    return per_rules(_BY_RULES, rules, lambda: NotTargetRules() if not rules.source else _cached(
        rules.source, text_digest(resource_text(rules.source))))


# the rules read for each rules object
_BY_RULES: dict[int, tuple[TargetRules, NotTargetRules]] = {}


@lru_cache(maxsize=8)
def _cached(source: str, digest: str) -> NotTargetRules:
    data = read_toml(source)

    def reader(name: str):
        sec = data.get(name) or {}

        def words(key: str) -> list[str]:
            value = sec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{source}: [{name}] {key} must be a list of strings.")
            return value
        return words

    nt, kind, exclude, cmp = (reader(n) for n in ("not_target", "kind", "exclude",
                                                    "comparators"))
    list_max = (data.get("not_target") or {}).get("condition_list_max", 0)
    if not isinstance(list_max, int) or isinstance(list_max, bool) or list_max < 0:
        raise ValueError(f"{source}: [not_target] condition_list_max must be a whole number "
                         "of characters (0 or more).")
    lists, announcers, calls = exclude("list_nouns"), nt("list_announcers"), nt("call_nouns")
    hanzi = r"[\u4e00-\u9fff]"
    return NotTargetRules(
        weight=_pattern(nt("weight_cues"), r"(?:为|是|占)?[ ]?$"),
        announced_goal=_pattern(nt("announced_goal_verbs"), announcers, "[ ]?$"),
        announced=_pattern(r"(?<![\d万亿千百元%])", announcers, "[ ]?$"),
        enumerated=_pattern(hanzi + "{0,8}?", nt("enumerated_nouns")),
        condition=_alt(nt("condition_cues")),
        condition_heading=_alt(nt("condition_headings")),
        procedure_heading=_pattern("[ ]?(?:", _alt(nt("procedure_heading_prefixes")).pattern,
                                   ")*", nt("procedure_headings"), r"[ ]?[:：]?[ ]*"),
        condition_list_max=list_max,
        condition_lead=_pattern(nt("condition_list_leads"), r"[ ]?[:：][ ]*$",
                                flags=re.MULTILINE),
        norm_after=_pattern(r"[ ]?", nt("norm_after")),
        quota_label=_alt(nt("quota_labels")),
        quota_verb=_alt(nt("quota_verbs") + nt("quota_counts")),
        quota_not_with=_alt(nt("quota_not_with")),
        definition=_alt(nt("definition_cues")),
        definition_not_in=_alt(nt("definition_not_in")),
        rejection=_alt(nt("rejections")),
        example_line=_pattern(r"^[ 　]*", nt("example_openers"),
                              r"[ ]?(?:[\d一二三四五六七八九十]{1,3})?[ ]?"
                              r"(?:[:：][^。\n]{0,30})?[ ]*$",
                              flags=re.MULTILINE),
        form_mark=_alt(nt("form_marks")),
        vague=frozenset(nt("vague_numbers")),
        vague_kept_after=_alt(nt("vague_kept_after")),
        name_after=_alt(nt("name_after")),
        rule_rate=_pattern(r"(?<!拟)", nt("rule_rate_before"),
                           r"[ ]?(?:不高于|不超过|不低于|最高|最多)?[ ]?$"),
        payment=_alt(nt("payment_words")),
        share_noun=_alt(nt("share_nouns")),
        list_head=_pattern("^", lists, "(?:的|相关|$)|^[^,;。]{0,12}的", lists, "$"),
        measure_units=frozenset(nt("measure_units")),
        bound_property=_pattern(nt("bound_properties"), "(?:",
                                _alt(nt("bound_property_modals")).pattern, ")?$"),
        # the outcome verb ends the phrase after the bound; a result noun ends the noun the
        # bound qualifies ("1万户以上增收。", "3000人以上的良好局面。", not "…以上就业的企业")
        outcome=_pattern("(?:以上|以下|以内)(?:", hanzi, "{0,4}?", nt("outcome_verbs"), "|的",
                         hanzi, "{0,6}?", nt("result_nouns"), ")(?!", hanzi, ")"),
        call_quota=_pattern("(", calls, ")?", nt("call_quota_verbs"), "(", calls, "(?:",
                            _alt(nt("call_noun_tails")).pattern,
                            r")*)?[^\u4e00-\u9fff\d]{0,1}(?:",
                            _alt(cmp("at_most_before") + cmp("approx_before")
                                 + nt("call_quota_bounds")).pattern, r")?[ ]?$"),
        call_noun=_pattern(r"[ ]?(?:", _alt(nt("call_measure_words")).pattern, ")?[ ]?", calls),
        norm_bound=_alt(nt("norm_bounds")),
        past_not_in=_alt(kind("past_cue_not_in")),
        future_not_in=_alt(kind("future_cue_not_in")),
        requirement_cues=frozenset(kind("requirement_cues")),
        report_not_title=_alt(kind("report_not_titles")),
        report_goal_heading=_alt(kind("report_goal_headings")),
        plan_past=_alt(kind("plan_past_cues")),
        level_words=_alt(kind("level_words")),
        support_after=_alt(kind("support_after")),
        breakdown=_pattern("^", kind("breakdown_openers")),
        public_funds=_alt(kind("public_funds")),
        funding_verbs=_alt(kind("funding_verbs")),
        per_unit=_pattern(nt("per_unit"), "(?!", _alt(nt("per_unit_not_after")).pattern, ")",
                          hanzi, "{1,3}[ ]?$"),
        fund_setup=_alt(kind("fund_setup_verbs")),
        support_lead=_pattern("^(?:", kind("support_leads"),
                              r"|第[一二三四五六七八九十\d]+年|分[一二三四五六七八九十\d]+年)+"),
    )
