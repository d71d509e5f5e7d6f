"""Kinds of numbers: a target, a reported achievement or a support amount; and whose.

:func:`number_kind` tells a goal ("到2025年…达到160家") from a reported result
("十三五末…达到99家") and from a support measure ("最高补助50万元", "按研发投入的10%给予
补助"), by the governing time phrase, past and future cue words and the section heading.
:func:`province_cue` finds where a province is the subject ("全省高新技术企业达到1500家"),
so that a city document quoting its province's goal is not read as setting it.
"""

from __future__ import annotations

import bisect
import re

from analysis.targets.context import DocumentContext, in_spans
from analysis.targets.not_targets import NotTargetRules, blank_out, not_target_rules
from analysis.targets.numbers import Quantity
from analysis.targets.times import TimePhrase

__all__ = ["number_kind", "province_cue"]


def number_kind(q: Quantity, doc: DocumentContext, t: TimePhrase | None, left_sentence: str,
                section_kind: str, chunk_right: str = "", *, chunk_left: str = "",
                plan: bool = False, report: bool = False) -> str:
    """``"support"``, ``"achievement"`` or ``"target"`` for quantity ``q``.

    ``t`` is its governing time phrase, ``left_sentence`` the sentence up to the number,
    ``section_kind`` what the section heading says (``"achievement"``, ``"target"`` or
    ``""``), ``chunk_left`` and ``chunk_right`` its phrase before and after the number, and
    ``plan`` tells that the document is a one-year plan and ``report`` that the number
    stands in a report on a past year ("数字中国发展报告(2022年)"), outside its goal
    sections: what it states has happened.

    A past cue inside a longer word that says nothing of time (共 in 公共, 共享) does not
    count; in a goal section or a one-year plan the cues that also state a planned level
    (累计, 提高到) do not make an achievement. A money amount whose own phrase states a
    level ("收入突破8000亿元") and names no support is no support amount, even when an
    earlier phrase of its sentence supports something.

    Examples
    --------
    >>> from analysis.targets import targets_from_text
    >>> targets_from_text("完善公共服务平台,全省50%以上的文化馆具备数字服务能力。").kind.tolist()
    ['target']
    """
    rules = doc.rules
    nt = not_target_rules(rules)
    # money given ("最高补助50万元", "…给予后补助,单个企业每年最高200万元") or a rate of
    # support ("按研发投入的10%给予补助") is a support measure, not a goal
    # (in a review, "…金融支持…,募集资金近3000亿元" reports a sum: the support word must be
    # in its own phrase)
    support_in = chunk_left if section_kind == "achievement" else left_sentence
    if q.unit in rules.money and rules.support_verbs.search(support_in) and not (
            nt.level_words.search(chunk_left) and not rules.support_verbs.search(chunk_left)):
        return "support"
    if q.unit == "%" and rules.support_grant.match(chunk_right) and (
            rules.support_verbs.search(chunk_right)):
        return "support"
    money = q.unit in rules.money
    if (money or q.unit == "%") and _pays(nt, rules.support_grant, chunk_left, chunk_right,
                                           left_sentence, money=money) and not (
            money and rules.fiscal_total.search(chunk_left)):
        return "support"   # but "拟安排财政赤字2950亿元" plans a budget total
    if money and section_kind != "achievement" and nt.fund_setup.search(chunk_left):
        return "support"   # "设立总规模不少于100亿元的…专项基金": public money set aside
    if t is not None and t.tense in ("past", "future"):
        return "achievement" if t.tense == "past" else "target"
    # a cue inside a longer word that says nothing of time (要 in 主要, 共 in 公共) does not count
    future = rules.future_cues.search(blank_out(nt.future_not_in, left_sentence))
    left = blank_out(nt.past_not_in, left_sentence)
    cues = [m.group(0) for m in rules.past_cues.finditer(left)]
    if cues and (plan or section_kind == "target") and all(
            nt.plan_past.fullmatch(c) for c in cues):
        cues = []     # "累计建设5G基站4600个" in a plan: the level planned
    if cues and rules.requirement_before.search(chunk_left) and all(
            c in nt.requirement_cues for c in cues):
        cues = []     # "获得软件著作权不少于5件": a minimum required, no result
    if cues and not future:
        return "achievement"
    if section_kind == "achievement" and not future:
        return "achievement"
    if report and section_kind != "target" and not future:
        return "achievement"   # a report states results: "99.5%的中小学拥有多媒体教室"
    return "target"


# a bound between an amount and its support says who qualifies: "100万元以上的给予奖励"
_BOUND = re.compile("以上|以下|以内")
# where the clause of a number starts in its sentence
_CLAUSE_BREAK = re.compile("[,;:]")


def _pays(nt: NotTargetRules, grant: re.Pattern[str], chunk_left: str, chunk_right: str,
          left_sentence: str, *, money: bool) -> bool:
    """A money amount or rate that a support pays: a support word after it in its phrase
    ("50万元给予一次性奖励", "30%、20%、10%的财政补助"), a share of the support of the
    phrase before ("…房租补贴,其中前两年100%"), or public money set aside ("市财政每年安排
    5亿元"). A level word before it ("收入突破…"), a bound after it ("…以上的") or the
    rate of a voucher or payment rule ("按照不高于30%补贴额度", "分别拨付50%的奖补资金")
    makes it none, unless the support is granted in its phrase ("按最高50%的比例给予补助").
    """
    rule_rate = not money and bool(nt.rule_rate.search(chunk_left)
                                   or nt.payment.search(chunk_left))
    if nt.level_words.search(chunk_left) or (rule_rate and not grant.search(chunk_right)):
        return False   # a level reached; a rate of a voucher or payment rule (not_targets)
    m = nt.support_after.search(chunk_right)
    if m is not None and not _BOUND.search(chunk_right, 0, m.start()):
        return True
    clause = _CLAUSE_BREAK.split(left_sentence)[-1].strip()
    if not money and nt.breakdown.match(clause) and nt.support_after.search(left_sentence):
        return True
    return money and bool(nt.public_funds.search(chunk_left)
                          and nt.funding_verbs.search(chunk_left))


def _province_cues(doc: DocumentContext) -> tuple[list[int], list[int]]:
    """Starts and ends of every province-as-subject cue of the document, by start."""
    key = "province_cues"
    if key not in doc.cache:
        p, rules = doc.p, doc.rules
        cues = list(rules.province_cues) + ([doc.province] if doc.province else [])
        found = []
        for cue in cues:
            for m in re.finditer(re.escape(cue), p):
                s, e = m.start(), m.end()
                if in_spans(s, doc.protected):
                    continue
                if p.endswith(rules.province_not_before, 0, s):
                    continue
                if p.startswith(rules.province_not_after, e):
                    continue
                found.append((s, e))
        found.sort()
        doc.cache[key] = ([s for s, _ in found], [e for _, e in found])
    return doc.cache[key]  # type: ignore[return-value]


def province_cue(doc: DocumentContext, a: int, b: int) -> int | None:
    """Offset of the first province-as-subject cue in ``p[a:b]``, or None.

    A cue right after a preposition ("在全省") or before a word that makes it something
    else ("全省排位前", "省级", "省政府") does not count. The cues of the whole document are
    found once, so each look-up costs a binary search.

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.rules import load_rules
    >>> p = "综合实力在全省排位第5,全省企业达到1500家。"
    >>> doc = DocumentContext("d", p, p, p, 2020, load_rules(), load_indicator_mapping())
    >>> province_cue(doc, 0, len(p))
    12
    """
    starts, ends = _province_cues(doc)
    k = bisect.bisect_left(starts, a)
    while k < len(starts) and starts[k] < b:
        if ends[k] <= b:
            return starts[k]
        k += 1
    return None
