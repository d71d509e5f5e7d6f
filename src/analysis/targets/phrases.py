"""Indicator phrases: what a number measures, cut from the words around it.

:func:`indicator_phrase` reads the phrase before the number ("高新技术企业数量达到160家"
gives 高新技术企业数量) or the counted noun after it ("培育10名中青年科技创新领军人才"),
names shares ("…占地区生产总值的比重达到2%") and rankings ("在全省排位提升至前4位":
综合科技创新水平全省排位), carries a subject over to a bare growth rate ("同比增长20.5%")
and drops scope words, time phrases, comparators and list marks. The phrase is then
shortened by the indicator mapping's ``[shorten]`` rules (:func:`finish_indicator`).
"""

from __future__ import annotations

import bisect
import re

from analysis.targets.context import DocumentContext, phrase_bounds
from analysis.targets.numbers import Quantity
from analysis.targets.rules import TargetRules
from analysis.targets.scopes import Scope
from analysis.targets.words import (
    ends_in_support,
    last_match,
    names_nothing,
    split_at_words,
    word_head,
)
from analysis.text.chars import HAN

__all__ = [
    "carry_prefix",
    "clean_left",
    "clean_right",
    "finish_indicator",
    "indicator_phrase",
    "strip_scope",
    "support_rate_indicator",
    "support_recipient",
]

# stops of the phrase in which an indicator is looked for (the | of tables included)
_STOPS = ",;。:|\n"
_CLAUSE_PUNCT = re.compile(r"[,;。:|\n]")
_NOT_BARE = re.compile(r"[\d,;。:|\n“”\"']")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d\d(?=[" + HAN + r"])")
_NUMBER_START = re.compile(r"^[\d%](?![A-Za-z])")   # "5G基站" is a noun
_RANK_SUBJECT = "[" + HAN + r"A-Za-z&]{2,14}?"
# a joined line break (or a PDF space) between two Han characters inside a phrase
_WRAP_SPACE = re.compile("(?<=[" + HAN + "]) +(?=[" + HAN + "])")
# a bracket right after a quantity explains its unit ("14EFlops(每秒百亿亿次浮点运算)")
_LEAD_BRACKET = re.compile(r"^\([^()]*\)")
# "80万元/项": a per-unit after the unit is no counted noun
_PER_UNIT = re.compile("^/[" + HAN + "]$")
# a number followed by 的 within a few characters modifies the noun after 的 ("5个以上收入过
# 200亿元的软件产业集群"): the counted noun of the number before it lies past it
_MODIFIER_NUMBER = re.compile(r"[^,;。:\n、的\d]{0,4}的")
# a level word alone ("国家级、" in "90名国家级、150名省级科技人才") shares the noun after
# the next number
_LEVEL_ONLY = re.compile("^[" + HAN + "]{1,3}级$")
_LEVEL_HEAD = re.compile("^[" + HAN + "]{1,3}级")
_DIGIT = re.compile(r"\d")


def _earlier_measure(qs: list[Quantity], q: Quantity, ca: int, cb: int,
                     sent: tuple[int, int], rules: TargetRules) -> str:
    """What the earlier numbers of the sentence measure, for a number whose phrase names
    nothing: the k-th of the numbers of its phrase takes the k-th of as many numbers
    before the phrase ("分别达到16881件和4.9件,是2015年的5.1倍和4.95倍"); one number
    alone takes the last. Only for numbers relative to others (``relative_units``: a
    multiple, a rise, a share, in any number of the phrase): a count whose words the
    segmenter tags badly ("举办展会不少于50场") keeps them."""
    def window(a: int, b: int) -> list[Quantity]:     # qs are in text order
        lo = bisect.bisect_left(qs, a, key=lambda x: x.start)
        return qs[lo:bisect.bisect_left(qs, b, key=lambda x: x.start)]

    group = [x for x in window(ca, cb) if not x.consumed]
    if not any(x.unit in rules.relative_units for x in group):
        return ""
    earlier = [x for x in window(sent[0], ca) if x.full_end <= ca and not x.consumed
               and x.indicator]
    if q not in group or not earlier:
        return ""
    if len(group) == 1:
        return earlier[-1].indicator
    if len(earlier) < len(group):
        return ""
    return earlier[len(earlier) - len(group) + group.index(q)].indicator


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


def clean_left(s: str, doc: DocumentContext) -> str:
    """The words before a number without list marks, time phrases, baselines, comparators."""
    rules = doc.rules
    s = rules.list_mark.sub("", s.strip(" 　"))
    s = rules.discourse.sub("", s)
    s = rules.support_level.sub("", s)
    s = rules.baseline_year.sub("", s)
    s = rules.time.sub("", s)
    s = _LEADING_YEAR.sub("", s)
    s = rules.relative.sub("", s)
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
    return s


def _strip_tail(s: str, doc: DocumentContext) -> str:
    rules = doc.rules
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
    rules = doc.rules
    s = _LEAD_BRACKET.sub("", s.strip(" ")).lstrip(")")
    s = rules.right_particle.sub("", s)
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


def _coordinated_before(gap: str, rules: TargetRules) -> bool:
    """``gap`` (the text between two numbers) names something and ends in a coordinator."""
    gap = gap.rstrip(" ")
    return (len(gap) >= 3 and gap[-1] in rules.coordinators + "、"
            and not _CLAUSE_PUNCT.search(gap) and not _DIGIT.search(gap))


def _growth_subject(doc: DocumentContext, ca: int, sent: tuple[int, int]) -> str:
    """The subject of the phrase before ``ca`` up to its first coordinator or verb, without
    a rate word at its end ("城乡居民人均可支配收入增速与经济增长基本同步" → 城乡居民人均
    可支配收入); "" when that phrase holds a number."""
    if ca <= sent[0]:
        return ""
    rules = doc.rules
    pa = phrase_bounds(doc.p, ca - 1, sent[0], sent[1], _STOPS)[0]
    s = clean_left(doc.p[pa:ca - 1], doc)
    if _DIGIT.search(s):
        return ""
    verbs = [m for m in rules.linking_any.finditer(s) if len(m.group(0)) >= 2]
    cut = [m.start() for m in (rules.coordinator.search(s), *verbs[:1])
           if m is not None and m.start() >= 2]
    s = s[:min(cut)] if cut else s
    s = re.sub("(?:" + rules.growth_only.pattern + "|增速|速度)$", "", s)
    return strip_scope(s, doc)


def _amount_item(doc: DocumentContext, ca: int, sent: tuple[int, int]) -> str:
    """The item an amount word is paid per ("拟资助培育项目约25项,直接费用资助强度…" →
    培育项目): the phrase before ``ca`` up to its number, without its head (拟资助)."""
    if ca <= sent[0]:
        return ""
    rules = doc.rules
    pa = phrase_bounds(doc.p, ca - 1, sent[0], sent[1], _STOPS)[0]
    s = _DIGIT.split(clean_left(doc.p[pa:ca - 1], doc), maxsplit=1)[0]
    s = rules.amount_item_head.sub("", _strip_tail(s, doc))
    s = strip_scope(s, doc)
    return s if len(s) >= 2 else ""


def _subject_of(chunk: str, doc: DocumentContext) -> str:
    """The subject of a phrase: its text before the first linking verb."""
    s = clean_left(chunk, doc)
    m = doc.rules.linking_any.search(s)
    if m and m.start() >= 2:
        s = s[:m.start()]
    s = doc.rules.subject_tail.sub("", s)
    return strip_scope(s, doc)


def _unit_rank_subject(doc: DocumentContext, unit: Scope) -> str:
    """The first ranked subject named anywhere in ``unit`` ("…全省排位"), found once."""
    key = ("rank_subject", unit.start, unit.end)
    if key not in doc.cache:
        heads = "|".join(re.escape(h) for h in doc.rules.rank_heads)
        found = re.compile("(" + _RANK_SUBJECT + "(?:" + heads + "))").search(
            doc.p, unit.start, unit.end)
        doc.cache[key] = strip_scope(found.group(1), doc) if found else ""
    return doc.cache[key]  # type: ignore[return-value]


def _rank_indicator(left: str, doc: DocumentContext, unit: Scope) -> str:
    """The ranked subject ("综合科技创新水平全省排位"), or "" when the phrase names none.

    A name after a ranking verb ("位列全国创新型城市前50位") wins; else the subject before
    the ranking, with its scope (全国, 全省 … but not the document's own province).
    """
    rules = doc.rules
    s = clean_left(left, doc)
    s = rules.rank_marker_tail.sub("", s)
    m = rules.rank_verb.search(s)
    if m and len(s) > m.end():
        name = s[m.end():].strip("“”\"' ")
        name = rules.rank_name_scope.sub("", name) or name
        return _with_rank_head(name, doc)
    scope = ""
    scopes = [*rules.rank_scopes, *([doc.province] if doc.province else [])]
    sm = re.search("(" + "|".join(re.escape(w) for w in scopes) + ")", s)
    parts = split_at_words(s, rules.rank_subject_end)
    subject = _strip_tail(parts[0], doc)
    if sm:
        scope = sm.group(1)
        if subject.endswith(scope):
            subject = subject[: -len(scope)]
    subject = strip_scope(subject, doc)
    for head in rules.rank_heads:
        if subject.endswith(head):
            bare = subject[: -len(head)]
            bare = strip_scope(bare, doc)
            if rules.province_name.fullmatch(bare):
                bare = ""
            if len(bare) < 2:
                return _unit_rank_subject(doc, unit)
            return subject
    if rules.province_name.fullmatch(subject or "x"):
        subject = ""
    if len(subject) < 2:
        return ""
    scope = scope if scope not in ("", doc.province) else ""
    return _with_rank_head(subject + scope, doc)


def _with_rank_head(s: str, doc: DocumentContext) -> str:
    if any(s.endswith(h) for h in doc.rules.rank_heads):
        return s
    return s + doc.rules.rank_heads[0]


def finish_indicator(indicator: str, doc: DocumentContext) -> str:
    """Shorten an indicator phrase (``[shorten]`` rules) and trim stray marks."""
    s = doc.mapping.shorten_phrase(_WRAP_SPACE.sub("", indicator))
    s = s.strip(" ,、:;“”\"'—")
    possessive = doc.rules.possessive
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


def _preceding_subject(doc: DocumentContext, ca: int, sent: tuple[int, int]) -> str:
    """The subject of the phrase before the one that starts at ``ca``."""
    if ca <= sent[0]:
        return ""
    pa = phrase_bounds(doc.p, ca - 1, sent[0], sent[1], _STOPS)[0]
    return _subject_of(doc.p[pa:ca - 1], doc)


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
        left = rules.from_start.sub("", p[lo:prev.start])
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
    if q.is_rank:
        ind = _rank_indicator(left, doc, unit)
        if ind:
            return finish_indicator(ind, doc), notes
        if prev_row_indicator.startswith("@"):
            notes.append("indicator carried over from the previous number")
            return prev_row_indicator[1:], notes
        subject = _preceding_subject(doc, ca, sent)
        if subject:
            notes.append("subject taken from the preceding phrase")
            return finish_indicator(_with_rank_head(subject, doc), doc), notes
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
        subject = _strip_tail(m.group("subject"), doc)
        action = rules.action_head.match(subject)
        if action and len(subject) - action.end() >= 2:
            subject = subject[action.end():]
        subject = strip_scope(subject, doc)
        name = rules.share_name.format(subject=subject, whole=m.group("whole"))
        return finish_indicator(name, doc), notes
    stripped = strip_scope(_strip_tail(cleaned, doc), doc)
    keep = rules.keep_prefix.match(stripped)
    action = word_head(rules.action_head, stripped)
    noun = stripped
    if action and not keep:
        noun = stripped[action.end():]
    noun = strip_scope(noun, doc) if noun else noun
    # "新建住宅建筑实现100%BIM交付": a percentage after a subject and a linking verb
    # measures that subject; the words after it say what the share is of
    share_subject = (q.unit in ("%", "‰") and len(noun) >= 2 and not (action and not keep)
                     and rules.linking_tail.search(cleaned))
    if (right and q.unit in rules.money and ends_in_support(right, rules)
            and not rules.support_grant.search(right)):
        right = ""      # "给予最高1000万元的一次性奖励": the form of the support, no recipient
    if (right and len(right) >= 2 and not _NUMBER_START.match(right)
            and right not in rules.right_not_nouns and not share_subject):
        ind = keep.group(0) + right if keep else right
        return finish_indicator(ind, doc), notes
    if rules.growth_only.fullmatch(noun) and prev_row_indicator:
        notes.append("subject carried over from the previous number")
        return finish_indicator(prev_row_indicator.lstrip("@") + noun, doc), notes
    if rules.growth_only.fullmatch(noun):
        # "城乡居民人均可支配收入增速与经济增长基本同步,年均增长7%左右"
        subject = _growth_subject(doc, ca, sent)
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
        subject = re.split(r"\d", _preceding_subject(doc, ca, sent), maxsplit=1)[0]
        subject = _strip_tail(rules.before_cmp_tail.sub("", subject), doc)
        lead = next((w for w in rules.level_words if subject.startswith(w)), "")
        if lead and len(subject) - len(lead) >= 2:
            notes.append("noun taken from the preceding phrase")
            return finish_indicator(noun + subject[len(lead):], doc), notes
    if rules.amount_word.search(noun):
        item = _amount_item(doc, ca, sent)
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
        shared = _earlier_measure(qs, q, ca, cb, sent, rules)
        if shared:
            notes.append("measures what the earlier numbers of the sentence measure")
            return shared, notes
    if len(noun) >= 2:
        return finish_indicator(noun, doc), notes
    if prev_row_indicator:
        notes.append("indicator carried over from the previous number")
        return prev_row_indicator, notes
    subject = _preceding_subject(doc, ca, sent)
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


def support_rate_indicator(left: str, right: str, doc: DocumentContext) -> str:
    """"按照企业研发投入的10%给予后补助" → "后补助占企业研发投入比例"; "" for
    "投资额30%的比例给予奖补", where the rate noun after the number says the noun before it
    (投资额) is what is measured."""
    rules = doc.rules
    if rules.rate_noun.match(right):
        return ""
    base = rules.rate_base.sub("", clean_left(left, doc))
    if base.endswith(rules.possessive):
        base = base[:-len(rules.possessive)]
    grant = rules.support_grant.match(right)
    what = right[grant.end():] if grant else right
    what = _CLAUSE_PUNCT.split(what, maxsplit=1)[0].strip()
    if len(base) < 2 or len(what) < 2:
        return ""
    return finish_indicator(rules.rate_name.format(what=what, base=base), doc)


def _named_after_support(chunk: str, doc: DocumentContext) -> str:
    """The recipient named between the last support verb of ``chunk`` and the amount
    ("一次性奖励孵化器10万元", "给予军工单位50万元奖励"), or ""."""
    rules = doc.rules
    last = last_match(rules.support_verbs, chunk)
    if last is None or rules.amount_word.search(clean_left(chunk[last.start():], doc)):
        return ""       # "资助强度不超过80万元" names what is paid, not to whom
    x = chunk[last.end():]
    for _ in range(3):
        x = rules.cap.sub("", clean_left(x, doc))
        x = rules.recipient_end.sub("", x).strip(" ,、")
    if (len(x) < 2 or _DIGIT.search(x) or _CLAUSE_PUNCT.search(x) or "(" in x
            or rules.linking_any.search(x) or names_nothing(x, rules)):
        return ""
    return strip_scope(x, doc)


_BRACKETED = re.compile(r"\([^()]*\)")


def support_recipient(p: str, q_start: int, sent: tuple[int, int], doc: DocumentContext,
                      *, phrase_start: int | None = None) -> str:
    """The recipient a support amount is given to, named earlier in its sentence by
    "对…" ("对上一年度营业收入在500万元以下的企业,补贴上限为每年10万元" → 企业), else
    the subject of the phrase before the amount's (``phrase_start``: "高校、科研机构,补贴
    上限为每年50万元" → 科研机构); "" when the sentence names none.

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.rules import load_rules
    >>> p = "2022年对符合要求的省级数字经济园区给予每个最高500万元奖补。"
    >>> doc = DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())
    >>> support_recipient(p, p.index("500"), (0, len(p)), doc)
    '省级数字经济园区'
    """
    rules = doc.rules
    left = p[sent[0]:q_start]
    own = _named_after_support(p[sent[0] if phrase_start is None else phrase_start:q_start],
                               doc)
    if own:
        return finish_indicator(own, doc)
    heads = list(rules.recipient_head.finditer(left))
    if not heads:
        if phrase_start is None:
            return ""
        subject = _preceding_subject(doc, phrase_start, sent)
        start = phrase_start
        for _ in range(2):
            # "支持企业开展智能化改造,按照项目投资额的20%给予补助,最高500万元": a phrase
            # that states the support itself names no recipient; the one before it does
            states_support = (_DIGIT.search(subject) or rules.support_grant.match(subject)
                              or (rules.rate_base.match(subject)
                                  and rules.support_verbs.search(subject)))
            if not states_support or start <= sent[0]:
                break
            start = phrase_bounds(p, start - 1, sent[0], sent[1], _STOPS)[0]
            subject = _preceding_subject(doc, start, sent) if start > sent[0] else ""
        subject = subject.rsplit("、", 1)[-1]
        return finish_indicator(subject, doc) if len(subject) >= 2 else ""
    x = left[heads[-1].end():]
    end = rules.recipient_end.search(x)
    x = x[:end.start()] if end else x
    x = _CLAUSE_PUNCT.split(x, maxsplit=1)[0]
    x = _BRACKETED.sub("", x).strip(" ")
    if x.endswith(rules.possessive):
        x = x[:-len(rules.possessive)]
    if rules.possessive in x:
        tail = x.rsplit(rules.possessive, 1)[1]
        x = tail if len(tail) >= 2 else x
    x = strip_scope(x, doc)
    if len(x) < 2 or _NUMBER_START.match(x):
        return ""
    return finish_indicator(x, doc)
