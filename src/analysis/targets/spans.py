"""Span boundaries of an indicator: the words before a number cleaned of list marks, time
phrases and comparators (:func:`clean_left`), the counted noun after it up to a verb
(:func:`clean_right`), scope words dropped (:func:`strip_scope`) and the phrase shortened and
trimmed (:func:`finish_indicator`). :mod:`analysis.targets.phrases` chooses which span
names the number; :mod:`analysis.targets.subjects` looks further afield.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.targets.context import DocumentContext
from analysis.targets.rule_reader import memo_once
from analysis.targets.rules import TargetRules
from analysis.text.chars import HAN

if TYPE_CHECKING:
    from analysis.targets.indicators import IndicatorMapping

__all__ = [
    "clean_left",
    "clean_right",
    "finish_indicator",
    "granted_to",
    "strip_scope",
    "strip_tail",
    "support_free",
]

_CLAUSE_PUNCT = re.compile(r"[,;。:|\n]")
_NOT_BARE = re.compile(r"[\d,;。:|\n“”\"']")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d\d(?=[" + HAN + r"])")
# a joined line break (or a PDF space) between two Han characters inside a phrase
_WRAP_SPACE = re.compile("(?<=[" + HAN + "]) +(?=[" + HAN + "])")
# a bracket right after a quantity explains its unit ("14EFlops(每秒百亿亿次浮点运算)")
_LEAD_BRACKET = re.compile(r"^\([^()]*\)")
# "80万元/项": a per-unit after the unit is no counted noun
_PER_UNIT = re.compile("^/[" + HAN + "]$")
_DIGIT = re.compile(r"\d")
# "按每证", "每名": a measure per head before an amount says how it is counted ("每万人口"
# and "每年" are no such measure)
_PER_HEAD = re.compile("(?:按照|按)?每[" + HAN + "](?<![万千百亿年月日天周])")
# words that state the form of a support, not its recipient
_SUPPORT_FORM = re.compile("一次性|一定的?|标准|的")

# the cleaners below read only their text and the rules (and the mapping): each result is
# kept by its text for the rules object it was read with, while one call of the stage runs
# (:func:`~analysis.targets.rule_reader.memo_once`), since the same phrase comes back at
# many numbers (a list of goals, a sentence every document of a series repeats); a store
# past _MEMO_MAX results is emptied
_MEMO_MAX = 100_000


def strip_scope(s: str, doc: DocumentContext) -> str:
    """Drop scope words (全市, 我省 …) and the document's city and province from the front.

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.rules import load_rules
    >>> doc = DocumentContext("d", "", "", "", 2022, load_rules(), load_indicator_mapping(),
    ...                       province="甘肃省", city="嘉峪关市")
    >>> strip_scope("全市嘉峪关市高新技术企业", doc)
    '高新技术企业'
    """
    rules = doc.rules
    changed = True
    while changed and s:
        changed = False
        m = rules.scope_head.match(s)
        if m and len(s) > m.end():
            s = s[m.end():]
            changed = True
        for name in (doc.city, doc.province):
            if name and s.startswith(name) and len(s) > len(name):
                s = s[len(name):]
                changed = True
    return s


_JOINED_BREAK = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def clean_left(s: str, doc: DocumentContext) -> str:
    """The words before a number without list marks, time phrases, baselines, comparators."""
    return memo_once("clean_left", doc.rules, s, lambda: _clean_left(s, doc.rules),
                     limit=_MEMO_MAX)


def _clean_left(s: str, rules: TargetRules) -> str:
    s = rules.list_mark.sub("", s.strip(" 　"))
    s = rules.discourse.sub("", s)
    s = rules.support_level.sub("", s)
    s = rules.baseline_year.sub("", s)
    s = rules.time.sub("", s)
    s = _LEADING_YEAR.sub("", s)
    s = rules.relative.sub("", s)
    s = rules.past_span.sub("", s)
    for pat in (rules.this_year, rules.next_year, rules.last_year):
        s = pat.sub("", s)
    s = rules.annual.sub("", s)
    s = rules.baseline_year.sub("", s)
    s = rules.doubling.sub("", s)
    s = rules.aspiration.sub("", s)
    s = rules.before_cmp_tail.sub("", s)   # "不低于" before the number, not "近" in 近视率
    s = s.replace(rules.respectively, "")
    s = rules.cap.sub("", s)
    s = s.strip(" ,、:()")
    # a space between two Han characters is a joined line break inside a word ("同比增 加")
    return _JOINED_BREAK.sub("", s)


def strip_tail(s: str, doc: DocumentContext) -> str:
    """``s`` without the tail words, linking verbs and adverbs at its end (``[indicator]``
    ``tail_words``, ``linking_tail``, ``tail_adverbs``), up to four rounds."""
    return memo_once("strip_tail", doc.rules, s, lambda: _strip_tail(s, doc.rules),
                     limit=_MEMO_MAX)


def _strip_tail(s: str, rules: TargetRules) -> str:
    for _ in range(4):
        s2 = rules.tail_words.sub("", s)
        s2 = rules.linking_tail.sub("", s2)
        s2 = rules.tail_adverbs.sub("", s2)
        if s2 == s:
            break
        s = s2
    return s.strip(" ,、")


def _bare_noun(s: str, rules: TargetRules) -> bool:
    """``s`` is a short noun with no number, verb, list or phrase break in it."""
    return (2 <= len(s) <= 12 and not _NOT_BARE.search(s)
            and not rules.right_stop.search(s) and not rules.linking_any.search(s))


def clean_right(s: str, doc: DocumentContext, *, unit: str = "") -> str:
    """The counted noun after a number: up to the phrase's end or a verb that ends it.

    ``unit`` is the number's unit: after a measure word of people (名, 人 …) a noun of
    people before 的 is what is counted.

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.rules import load_rules
    >>> doc = DocumentContext("d", "", "", "", 2022, load_rules(), load_indicator_mapping())
    >>> clean_right("的社区实现智慧社区的标准化建设", doc)
    '社区'
    >>> clean_right("专业技术人才和企业高级管理人员的素质提升培训", doc, unit="万名")
    '专业技术人才和企业高级管理人员'
    """
    return memo_once("clean_right", doc.rules, (s, unit),
                     lambda: _clean_right(s, doc.rules, unit), limit=_MEMO_MAX)


def _clean_right(s: str, rules: TargetRules, unit: str) -> str:
    s = _LEAD_BRACKET.sub("", s.strip(" ")).lstrip(")")
    s = rules.right_particle.sub("", rules.right_lead.sub("", s))
    if rules.right_next_item.match(s):
        return ""
    if rules.possessive in s:
        head, tail = s.rsplit(rules.possessive, 1)
        verb = rules.linking_any.search(head)
        if verb and verb.start() >= 2 and len(verb.group(0)) >= 2 and not _DIGIT.search(head):
            # "50%以上的社区实现智慧社区的标准化建设": a verb before 的 ends the counted
            # noun (what follows is the predicate)
            s = head[:verb.start()]
        elif unit in rules.person_units and rules.person_noun.search(head):
            # "1万名专业技术人才和…人员的…培训" counts the people
            s = _CLAUSE_PUNCT.split(head, maxsplit=1)[0]
        # "100家营业收入超10亿元的企业" counts the noun after 的; "3个人工智能医疗器械产品的
        # 临床试验" counts the one before it: when what stands before 的 is a short bare noun
        # (no number, verb, list or phrase break), both are kept
        elif len(tail) >= 2 and not _bare_noun(head, rules):
            s = tail
    s = _CLAUSE_PUNCT.split(s, maxsplit=1)[0]
    m = rules.right_stop.search(s, 2)
    if m:
        # a bare noun ("企业", "院士") says too little: keep its role when that is short
        # ("企业作为重大技术产业化示范基地")
        s = s[:m.start()] if m.start() > 2 or len(s) > 20 else s
    s = _PER_UNIT.sub("", s)
    return s.strip(" 、" + rules.coordinators)


def finish_indicator(indicator: str, doc: DocumentContext) -> str:
    """Shorten an indicator phrase (``[shorten]`` rules) and trim stray marks."""
    return memo_once("finish_indicator", (doc.rules, doc.mapping), indicator,
                     lambda: _finish_indicator(indicator, doc.rules, doc.mapping),
                     limit=_MEMO_MAX)


def _finish_indicator(indicator: str, rules: TargetRules, mapping: IndicatorMapping) -> str:
    s = mapping.shorten_phrase(_WRAP_SPACE.sub("", indicator))
    s = s.strip(" ,、:;“”\"'—")
    possessive = rules.possessive
    if s.startswith(possessive) and len(s) > len(possessive) + 1:
        s = s[len(possessive):]     # "培育年营业收入超100亿元的企业5家" → 企业
    if s.startswith("(") and ")" not in s:
        s = s[1:]
    if s.endswith(")") and "(" not in s:
        s = s[:-1]
    if s.count("(") > s.count(")"):
        s = s + ")"
    if s.endswith(possessive) and len(s) > len(possessive) + 1:
        s = s[:-len(possessive)]
    return s


def support_free(s: str, rules: TargetRules) -> str:
    """``s`` without the words that only state a support: support verbs and grants, caps,
    comparators, levels that pay, rate bases, per-head measures and forms (一次性, 标准).
    What is left (two characters or more) names a recipient or an object.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> support_free("按照不超过", load_rules()), support_free("按每证", load_rules())
    ('', '')
    >>> support_free("给予企业一次性补贴", load_rules())
    '企业'
    """
    for pat in (_PER_HEAD, rules.support_level, rules.support_grant, rules.support_verbs,
                rules.cap, rules.before_cmp, _SUPPORT_FORM):
        s = pat.sub("", s)
    return rules.rate_base.sub("", s).strip(" ,、:()")


def granted_to(right: str, rules: TargetRules) -> str:
    """The recipient named right after a grant verb in the words after an amount ("的标准
    给予企业一次性补贴" → 企业), up to the next support word; "" when none is named.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> granted_to("的标准给予企业一次性培训费用补助", load_rules())
    '企业'
    >>> granted_to("给予一次性奖励", load_rules())
    ''
    """
    m = rules.support_grant.search(right)
    if m is None:
        return ""
    x = right[m.end():]
    cut = [k.start() for k in (_SUPPORT_FORM.search(x), rules.support_verbs.search(x),
                               _CLAUSE_PUNCT.search(x)) if k is not None]
    x = x[:min(cut)] if cut else x
    return x if len(x) >= 2 and not _DIGIT.search(x) else ""
