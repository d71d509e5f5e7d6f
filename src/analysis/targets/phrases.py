"""Indicator phrases: what a number measures, cut from the words around it.

:func:`indicator_phrase` reads the phrase before the number ("高新技术企业数量达到160家"
gives 高新技术企业数量) or the counted noun after it ("培育10名中青年科技创新领军人才"),
names shares ("…占地区生产总值的比重达到2%") and rankings ("在全省排位提升至前4位":
综合科技创新水平全省排位), carries a subject over to a bare growth rate ("同比增长20.5%")
and drops scope words, time phrases, comparators and list marks. The phrase is then
shortened by the indicator mapping's ``[shorten]`` rules (:func:`finish_indicator`).
"""

from __future__ import annotations

import re

from analysis.targets.context import DocumentContext, phrase_bounds
from analysis.targets.numbers import Quantity
from analysis.targets.rules import TargetRules
from analysis.targets.scopes import Scope
from analysis.targets.spans import (
    clean_left,
    clean_right,
    finish_indicator,
    granted_to,
    strip_scope,
    strip_tail,
    support_free,
)
from analysis.targets.subjects import (
    amount_item,
    earlier_measure,
    growth_subject,
    preceding_subject,
    rank_indicator,
    support_recipient,
    with_rank_head,
)
from analysis.targets.words import ends_in_support, names_nothing, split_at_words, word_head
from analysis.text.chars import HAN

__all__ = ["carry_prefix", "indicator_phrase"]

# stops of the phrase in which an indicator is looked for (the | of tables included)
_STOPS = ",;。:|\n"
_CLAUSE_PUNCT = re.compile(r"[,;。:|\n]")
_NUMBER_START = re.compile(r"^[\d%](?![A-Za-z])")   # "5G基站" is a noun
# a number followed by 的 within a few characters modifies the noun after 的 ("5个以上收入过
# 200亿元的软件产业集群"): the counted noun of the number before it lies past it
_MODIFIER_NUMBER = re.compile(r"[^,;。:\n、的\d]{0,4}的")
# a level word alone ("国家级、" in "90名国家级、150名省级科技人才") shares the noun after
# the next number
_LEVEL_ONLY = re.compile("^[" + HAN + "]{1,3}级$")
_LEVEL_HEAD = re.compile("^[" + HAN + "]{1,3}级")
_DIGIT = re.compile(r"\d")
# a share named without its subject opens with this ("占工业总产值的比重")
_SHARE_HEAD = "占"


def _coordinated_before(gap: str, rules: TargetRules) -> bool:
    """``gap`` (the text between two numbers) names something and ends in a coordinator."""
    gap = gap.rstrip(" ")
    return (len(gap) >= 3 and gap[-1] in rules.coordinators + "、"
            and not _CLAUSE_PUNCT.search(gap) and not _DIGIT.search(gap))


def indicator_phrase(q: Quantity, qs: list[Quantity], i: int, doc: DocumentContext,
                     unit: Scope, sent: tuple[int, int], prev_row_indicator: str
                     ) -> tuple[str, list[str]]:
    """The indicator phrase for quantity ``qs[i]`` and notes on how it was found.

    ``prev_row_indicator`` is the indicator of the previous number of the sentence (for a
    ranking, ``"@"`` in front marks one from the same sentence), used when the phrase names
    nothing ("…达到99家,增长20%").
    """
    p, rules = doc.p, doc.rules
    notes: list[str] = []
    ca, cb = phrase_bounds(p, q.start, sent[0], sent[1], _STOPS)
    left_lo = ca
    prev = None
    for j in range(i - 1, -1, -1):
        if qs[j].start < ca:
            break   # earlier numbers lie before the phrase (none crosses its stops)
        if qs[j].full_end <= q.start:
            prev = qs[j]
            break
    base = prev is not None and prev.consumed and prev.value == q.baseline_value
    if base:
        # "光缆线路长度从2012年的1479万公里增加到2021年的5481万公里": the baseline is no
        # row of its own; the subject before "从…" names what both measure
        lo = max((x.full_end for x in qs[:j] if ca <= x.full_end <= prev.start), default=ca)
        left = rules.from_start.sub("", p[lo:prev.start].rstrip())
    elif prev is not None:
        left_lo = max(left_lo, prev.full_end)
    left = left if base else p[left_lo:q.start]
    if "、" in left:
        left = left.rsplit("、", 1)[1]
    if prev is not None:
        left = split_at_words(left, rules.left_joiner)[-1]
    nxt = None
    for j in range(i + 1, len(qs)):
        if qs[j].start >= q.full_end:
            nxt = qs[j]
            break
    ra, rb = q.full_end, cb
    if nxt is not None and nxt.start < rb and (
            not _MODIFIER_NUMBER.match(p, nxt.full_end)
            or _coordinated_before(p[q.full_end:nxt.start], rules)):
        # "3种A之间的映射和3种重要的B": a number after a coordinator starts the next item,
        # even when a modifier with 的 follows it
        rb = nxt.start
    close = p.find(")", ra, cb) if p.startswith("(", ra) else -1
    if close > 0:
        # "新增2400户(累计约3600户)大中型餐饮单位": the counted noun follows the bracket
        ra = close + 1
        rb = next((x.start for x in qs if ra <= x.start < cb), cb)
    right_raw = p[ra:rb]
    if close < 0 and right_raw.startswith("("):
        # "省级平台21个(含省和自治区,不包括…)": a note in brackets that runs past the
        # phrase counts nothing
        right_raw = ""
    if q.is_rank:
        ind = rank_indicator(left, doc, unit)
        if ind:
            return finish_indicator(ind, doc), notes
        if prev_row_indicator.startswith("@"):
            notes.append("indicator carried over from the previous number")
            return prev_row_indicator[1:], notes
        subject = preceding_subject(doc, ca, sent)
        if subject:
            notes.append("subject taken from the preceding phrase")
            return finish_indicator(with_rank_head(subject, doc), doc), notes
        if prev_row_indicator:
            notes.append("indicator carried over from the previous number")
            return prev_row_indicator.lstrip("@"), notes
        return "", notes
    if q.special == "breakthrough":
        right_raw = ""
    right = (clean_right(right_raw, doc, unit=q.unit)
             if right_raw and right_raw[0] not in rules.coordinators + "、"
             and not rules.rate_noun.match(right_raw) else "")
    if (_LEVEL_ONLY.match(right) and nxt is not None and nxt.unit == q.unit
            and rules.coordinated.fullmatch(right_raw[len(right):])):
        shared = _LEVEL_HEAD.sub("", clean_right(p[nxt.full_end:cb], doc))
        right = right + shared if len(shared) >= 2 else right
    cleaned = clean_left(left, doc)
    cleaned = rules.etc_split.split(cleaned)[-1]
    m = rules.share_of.match(cleaned)
    if m and q.unit in ("%", "‰"):
        subject = strip_tail(m.group("subject"), doc)
        action = rules.action_head.match(subject)
        if action and len(subject) - action.end() >= 2:
            subject = subject[action.end():]
        subject = strip_scope(subject, doc)
        name = rules.share_name.format(subject=subject, whole=m.group("whole"))
        return finish_indicator(name, doc), notes
    stripped = strip_scope(strip_tail(cleaned, doc), doc)
    keep = rules.keep_prefix.match(stripped)
    action = word_head(rules.action_head, stripped)
    noun = stripped
    if action and not keep:
        noun = stripped[action.end():]
    noun = strip_scope(noun, doc) if noun else noun
    if noun.startswith(_SHARE_HEAD) and len(noun) > 3 and q.unit in ("%", "‰"):
        # "高新技术产业实现产值4.77万亿元,占工业总产值的比重达到32.51%": a share whose
        # phrase opens with 占 is the share of the preceding phrase's subject
        subject = preceding_subject(doc, ca, sent)
        if len(subject) >= 2 and not _DIGIT.search(subject):
            notes.append("subject taken from the preceding phrase")
            noun = subject + noun
    # "新建住宅建筑实现100%BIM交付": a percentage after a subject and a linking verb
    # measures that subject; the words after it say what the share is of
    share_subject = (q.unit in ("%", "‰") and len(noun) >= 2 and not (action and not keep)
                     and rules.linking_tail.search(cleaned))
    granted = ""
    if right and q.unit in rules.money and rules.support_verbs.search(right):
        # "给予最高1000万元的一次性奖励", "5000元的标准给予企业一次性补贴": words after an
        # amount that hold a support verb say how it is paid, no counted noun; a recipient
        # right after the grant is kept for when the words before name none
        granted = granted_to(right, rules)
        right = ""
    if (right and len(right) >= 2 and not _NUMBER_START.match(right)
            and right not in rules.right_not_nouns and not share_subject):
        ind = keep.group(0) + right if keep else right
        return finish_indicator(ind, doc), notes
    if (q.unit in rules.money and len(support_free(noun, rules)) < 2
            and (rules.support_verbs.search(p, ca, cb) or rules.cap.search(p, ca, cb))):
        # "按每证50万元给予一次性奖励", "省级按照…给予一次性奖补,最高500万元": the words
        # before the amount state only the support; the recipient is named elsewhere
        recipient = granted or support_recipient(p, q.start, sent, doc, phrase_start=ca)
        if recipient:
            notes.append("the recipient of the support")
            return recipient, notes
    if (q.unit in rules.money and rules.unit_cap_head.match(support_free(noun, rules))
            and rules.cap.search(p, ca, q.start)):
        # "按…的15%给予补助,单个项目最高500万元": the cap's per-unit subject names no
        # recipient; the sentence's recipient is looked up
        recipient = support_recipient(p, q.start, sent, doc, phrase_start=ca)
        rate_base = re.search(re.escape(recipient) + "(?:" + rules.possessive + r")?\d",
                              p[sent[0]:q.start]) if recipient else None
        if recipient and not rules.unit_cap_head.match(recipient) and not rate_base:
            notes.append("the recipient of the support")
            return recipient, notes
    if rules.growth_only.fullmatch(noun) and prev_row_indicator:
        notes.append("subject carried over from the previous number")
        # "年均增速": the annual word the time clean-up took off is part of the name
        written = next((w + noun for w in rules.annual_growth if w + noun in left), noun)
        return finish_indicator(prev_row_indicator.lstrip("@") + written, doc), notes
    if rules.growth_only.fullmatch(noun):
        # "城乡居民人均可支配收入增速与经济增长基本同步,年均增长7%左右"
        subject = growth_subject(doc, ca, sent)
        if len(subject) >= 2:
            notes.append("subject taken from the preceding phrase")
            return finish_indicator(subject + noun, doc), notes
    if noun in rules.level_words and prev_row_indicator and "、" in p[left_lo:q.start]:
        # "国家级示范工厂3个、省级10个": a level alone shares the noun of the item before
        prev_ind = prev_row_indicator.lstrip("@")
        lead = next((w for w in rules.level_words if prev_ind.startswith(w)), "")
        if len(prev_ind) - len(lead) >= 2:
            notes.append("noun taken from the previous item")
            return finish_indicator(noun + prev_ind[len(lead):], doc), notes
    if noun in rules.level_words:
        # "省级…网上可办率不低于90%,市、县级不低于70%": a level alone takes the noun of the
        # preceding phrase's subject after that subject's own level
        subject = re.split(r"\d", preceding_subject(doc, ca, sent), maxsplit=1)[0]
        subject = strip_tail(rules.before_cmp_tail.sub("", subject), doc)
        lead = next((w for w in rules.level_words if subject.startswith(w)), "")
        if lead and len(subject) - len(lead) >= 2:
            notes.append("noun taken from the preceding phrase")
            return finish_indicator(noun + subject[len(lead):], doc), notes
    if rules.amount_word.search(noun):
        item = amount_item(doc, ca, sent)
        if item:
            notes.append("paid per item of the preceding phrase")
            return finish_indicator(item, doc), notes
    if q.unit in rules.money and ends_in_support(noun, rules) and (
            rules.support_word.match(noun) or not rules.recipient_end.sub("", noun).strip()):
        # "按照…的1%给予最高1000万元的一次性奖励", "给予一次性奖补100万元": support words
        # alone (support verbs, 一次性, 按照 …: recipient_ends) name no recipient
        recipient = support_recipient(p, q.start, sent, doc, phrase_start=ca)
        if recipient:
            notes.append("the recipient of the support")
            return recipient, notes
    if not rules.growth_only.fullmatch(noun) and names_nothing(noun, rules):
        shared = earlier_measure(qs, q, ca, cb, sent, rules)
        if shared:
            notes.append("measures what the earlier numbers of the sentence measure")
            return shared, notes
    if len(noun) >= 2:
        return finish_indicator(noun, doc), notes
    if prev_row_indicator:
        notes.append("indicator carried over from the previous number")
        return prev_row_indicator, notes
    subject = preceding_subject(doc, ca, sent)
    if subject:
        notes.append("subject taken from the preceding phrase")
        return finish_indicator(subject, doc), notes
    return finish_indicator(noun, doc), notes


def carry_prefix(p: str, qs: list[Quantity], i: int, ind: str, doc: DocumentContext) -> str:
    """"新培育高新技术企业7户、科技型企业10户": 新培育 governs the whole list."""
    rules = doc.rules
    if i == 0 or not ind or rules.keep_prefix.match(ind):
        return ind
    prev = qs[i - 1]
    m = rules.keep_prefix.match(prev.indicator)
    gap = p[prev.full_end:qs[i].start]
    if m and "、" in gap and not _CLAUSE_PUNCT.search(gap) and len(gap) <= 20:
        return m.group(0) + ind
    return ind
