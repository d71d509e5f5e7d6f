"""Subjects named outside a number's own phrase: the subject of the phrase before it
(:func:`preceding_subject`), what the earlier numbers of the sentence measure
(:func:`earlier_measure`), the subject of a bare growth rate (:func:`growth_subject`), the
item an amount is paid per (:func:`amount_item`), the ranked subject of a ranking
(:func:`rank_indicator`) and the recipient of a support amount (:func:`support_recipient`,
:func:`support_rate_indicator`).
"""

from __future__ import annotations

import bisect
import functools
import re

from analysis.targets.context import DocumentContext, phrase_bounds
from analysis.targets.not_targets import not_target_rules
from analysis.targets.noun_phrases import names_recipient, support_rate_word
from analysis.targets.numbers import Quantity
from analysis.targets.rules import TargetRules
from analysis.targets.scopes import Scope
from analysis.targets.spans import (
    clean_left,
    finish_indicator,
    strip_scope,
    strip_tail,
    support_free,
)
from analysis.targets.words import last_match, names_nothing, split_at_words, whole_word
from analysis.text.chars import HAN

__all__ = [
    "amount_item",
    "earlier_measure",
    "growth_subject",
    "heading_recipient",
    "level_list_recipients",
    "no_subject",
    "outer_support_recipient",
    "preceding_subject",
    "rank_indicator",
    "support_rate_indicator",
    "support_recipient",
    "with_rank_head",
]

# stops of the phrase in which an indicator is looked for (the | of tables included)
_STOPS = ",;。:|\n"
_CLAUSE_PUNCT = re.compile(r"[,;。:|\n]")
_NUMBER_START = re.compile(r"^[\d%](?![A-Za-z])")   # "5G基站" is a noun
_RANK_SUBJECT = "[" + HAN + r"A-Za-z&]{2,14}?"
_DIGIT = re.compile(r"\d")


def earlier_measure(qs: list[Quantity], q: Quantity, ca: int, cb: int,
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


def growth_subject(doc: DocumentContext, ca: int, sent: tuple[int, int]) -> str:
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


def amount_item(doc: DocumentContext, ca: int, sent: tuple[int, int]) -> str:
    """The item an amount word is paid per ("拟资助培育项目约25项,直接费用资助强度…" →
    培育项目): the phrase before ``ca`` up to its number, without its head (拟资助)."""
    if ca <= sent[0]:
        return ""
    rules = doc.rules
    pa = phrase_bounds(doc.p, ca - 1, sent[0], sent[1], _STOPS)[0]
    s = _DIGIT.split(clean_left(doc.p[pa:ca - 1], doc), maxsplit=1)[0]
    s = rules.amount_item_head.sub("", strip_tail(s, doc))
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


def rank_indicator(left: str, doc: DocumentContext, unit: Scope) -> str:
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
        return with_rank_head(name, doc)
    scope = ""
    scopes = [*rules.rank_scopes, *([doc.province] if doc.province else [])]
    sm = re.search("(" + "|".join(re.escape(w) for w in scopes) + ")", s)
    parts = split_at_words(s, rules.rank_subject_end)
    subject = strip_tail(parts[0], doc)
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
    return with_rank_head(subject + scope, doc)


def with_rank_head(s: str, doc: DocumentContext) -> str:
    if any(s.endswith(h) for h in doc.rules.rank_heads):
        return s
    return s + doc.rules.rank_heads[0]


def preceding_subject(doc: DocumentContext, ca: int, sent: tuple[int, int]) -> str:
    """The subject of the phrase before the one that starts at ``ca``."""
    if ca <= sent[0]:
        return ""
    pa = phrase_bounds(doc.p, ca - 1, sent[0], sent[1], _STOPS)[0]
    return _subject_of(doc.p[pa:ca - 1], doc)


def support_rate_indicator(left: str, right: str, doc: DocumentContext) -> str:
    """"按照企业研发投入的10%给予后补助" → "后补助占企业研发投入比例"; "" for
    "投资额30%的比例给予奖补", where the rate noun after the number says the noun before it
    (投资额) is what is measured."""
    rules = doc.rules
    if rules.rate_noun.match(right):
        return ""
    base = rules.rate_base.sub("", clean_left(rules.base_period.sub("", left), doc))
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
_HEADING_STOP = re.compile(r"[\d,;:|、]")


def _outer_recipient(chunk: str, q_start: int, sent: tuple[int, int],
                     doc: DocumentContext, *, qualifier: str | None = None) -> str:
    """The recipient named outside the words of a support amount's own phrase, walking
    outward: a noun after a per-item word in ``chunk`` ("每家电信运营企业每年…给予"), the
    base of a rate of the sentence ("按照项目总投入的30%给予最高200万元"; not for a cap in a
    later phrase, which goes to the recipient), the object of
    the heading of the item that holds the sentence; "" when none names one. A
    ``qualifier`` ("对…的" naming who qualifies) stops the walk before the heading, and a
    rate base that it holds ("对…企业实缴注册资本5000万元以上的,按照实缴注册资本的1%")
    is its measure, not the recipient."""
    rules = doc.rules
    each = next((m for m in rules.each_recipient.finditer(chunk)
                 if not names_nothing(m.group(1), rules)), None)
    if each:
        return finish_indicator(strip_scope(each.group(1), doc), doc)
    left = doc.p[sent[0]:q_start]
    base = _rate_base_of(rules.rate_base.pattern).search(left)
    cap = rules.cap.search(left, base.end()) if base else None
    if base and not (cap and _CLAUSE_PUNCT.search(left, base.end(), cap.start())):
        # a cap in a phrase after a rate ("按照贷款利息的50%给予贴息,最高100万元") goes to
        # the recipient, not to the base the rate is of
        noun = strip_scope(clean_left(rules.base_period.sub("", base.group(1)), doc), doc)
        if (len(noun) >= 2 and not names_nothing(noun, rules)
                and (qualifier is None or noun not in qualifier)):
            return finish_indicator(noun, doc)
    return heading_recipient(doc, sent[0]) if qualifier is None else ""


@functools.lru_cache(maxsize=8)
def _rate_base_of(rate_base: str) -> re.Pattern[str]:
    """"按照项目总投入的30%", "按实际投资额10%": the base (a noun, before 的 or not) of a
    rate, after a rate word."""
    return re.compile(rate_base.lstrip("^") + r"([^\d,;。:|\n]{2,12}?)的?\d+(?:\.\d+)?%")


def heading_recipient(doc: DocumentContext, pos: int) -> str:
    """The object of the heading of the item holding ``pos``: the first sentence of its
    line ("(二)给予企业房租补贴。在园区内…" → 企业房租补贴), else the line above when that
    line is a heading alone ("12.支持重点技改项目建设"); "" when there is none or it is
    ``pos``'s own sentence. A heading follows an item label ((一), 1., (1), 第X条; not
    一、 or 第X章), or is a line's first sentence opening with a heading verb, and has at
    most ``heading_chars`` characters, no digit and no comma; after its leading verbs
    (``heading_verbs``) it names a noun that is not a generic one (``heading_generic``:
    "(四)支持方式" names no recipient).

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.rules import load_rules
    >>> p = "(二)给予企业房租补贴。经认定的,给予最高100万元补贴。"
    >>> doc = DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())
    >>> heading_recipient(doc, p.index("经认定"))
    '企业房租补贴'
    """
    rules, p = doc.rules, doc.p
    if not rules.heading_chars:
        return ""
    ls = p.rfind("\n", 0, pos) + 1
    line = p[ls:pos].strip(" 　")
    # a paragraph's run-in heading may have lost its label ("拓展工业互联网场景应用。…"):
    # a first sentence that opens with a heading verb is one too
    run_in = _labelled(line, rules) or (line if rules.heading_verb.match(line) else "")
    head = run_in.split("。", 1)[0] if "。" in run_in else ""
    # the heading above is this item's only when this line opens no item of its own
    # ("(一)支持企业上市" is no heading of "(二)经评审,给予…")
    if not head and ls > 1 and not rules.heading_label.match(p[ls:pos + 12].lstrip(" 　")):
        above = p[p.rfind("\n", 0, ls - 1) + 1:ls - 1].strip(" 　")
        head = "" if "。" in above[:-1] else _labelled(above, rules).rstrip("。")
    verb = rules.heading_verb.match(head)
    head = head[verb.end():] if verb else head
    if (len(head) < 2 or len(head) > rules.heading_chars or _HEADING_STOP.search(head)
            or not _names_object(head, rules)):
        return ""
    return finish_indicator(strip_scope(head, doc), doc)


def _labelled(line: str, rules: TargetRules) -> str:
    """``line`` after its item label ((一), 1., (1), 第X条), or "" when it has none."""
    label = rules.heading_label.match(line)
    return rules.list_mark.sub("", line[label.end():].lstrip(" 　")) if label else ""


def _names_object(s: str, rules: TargetRules) -> bool:
    """``s`` names a noun and is no generic heading noun alone (方式, 要求 …)."""
    return (len(s) >= 2 and s not in rules.heading_generic
            and not names_nothing(s, rules))


def support_recipient(p: str, q_start: int, sent: tuple[int, int], doc: DocumentContext,
                      *, phrase_start: int | None = None) -> str:
    """The recipient a support amount is given to, named earlier in its sentence by
    "对…" ("对上一年度营业收入在500万元以下的企业,补贴上限为每年10万元" → 企业), else
    the subject of the phrase before the amount's (``phrase_start``: "高校、科研机构,补贴
    上限为每年50万元" → 科研机构), else, walking outward, a noun after a per-item word
    (每家…), the base of a rate of the sentence, the heading of the item; "" when none
    names one.

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
    # a head inside a longer word heads nothing (对 in 对象)
    heads = [m for m in rules.recipient_head.finditer(left) if whole_word(left, m)]
    if not heads:
        if phrase_start is None:
            return ""
        subject = preceding_subject(doc, phrase_start, sent)
        start = phrase_start
        for _ in range(2):
            # "支持企业开展智能化改造,按照项目投资额的20%给予补助,最高500万元": a phrase
            # that states the support itself (or its rate alone: "补助比例提高到20%") names no
            # recipient; the one before it does
            states_support = (_DIGIT.search(subject) or rules.support_grant.match(subject)
                              or (rules.rate_base.match(subject)
                                  and rules.support_verbs.search(subject))
                              or len(support_free(subject, rules)) < 2
                              or support_rate_word(subject, rules))
            if not states_support or start <= sent[0]:
                break
            start = phrase_bounds(p, start - 1, sent[0], sent[1], _STOPS)[0]
            subject = preceding_subject(doc, start, sent) if start > sent[0] else ""
        subject = subject.rsplit("、", 1)[-1]
        if len(subject) >= 2:
            return finish_indicator(subject, doc)
        return _outer_recipient(p[phrase_start:q_start], q_start, sent, doc)
    x = left[heads[-1].end():]
    # a support word before 的 is part of a modifier ("获得国家科学技术奖的单位"), no end
    # nor is one inside a longer word ("获奖项目", "中华技能大奖") or right after the head,
    # before the noun it qualifies ("对奖励对象每人给予…")
    end = next((m for m in rules.recipient_end.finditer(x)
                if not x.startswith(rules.possessive, m.end()) and whole_word(x, m)
                and m.start() > 0), None)
    x = x[:end.start()] if end else x
    x = _CLAUSE_PUNCT.split(x, maxsplit=1)[0]
    x = _BRACKETED.sub("", x).strip(" ")
    if x.endswith(rules.possessive):
        # "对揭榜后经考核认定实施成功的,按照…": a 的 phrase with no noun after it names
        # who qualifies, not the recipient; the words around it are searched
        found = _outer_recipient(left[heads[-1].end():], q_start, sent, doc,
                                 qualifier=x)
        if found:
            return found
    if x.endswith(rules.possessive):
        x = x[:-len(rules.possessive)]
    if rules.possessive in x:
        tail = x.rsplit(rules.possessive, 1)[1]
        x = tail if len(tail) >= 2 else x
    x = strip_scope(x, doc)
    if len(x) < 2 or _NUMBER_START.match(x):
        return ""
    return finish_indicator(x, doc)


def no_subject(doc: DocumentContext, ca: int, q: Quantity) -> bool:
    """The phrase of a support amount (from ``ca``) names no subject of its own: it opens
    with the support ("给予…", "补贴上限为…"), after a word of how or when it is paid
    ("一次性奖励…", "第一年给予…", "分三年共给予…"), or holds the recipient ("对…给予…").

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.numbers import scan_quantities
    >>> from analysis.targets.rules import load_rules
    >>> p = "对高新技术企业给予30万元奖励。"
    >>> doc = DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())
    >>> no_subject(doc, 0, scan_quantities(p, 0, len(p), doc.rules, doc.protected)[0])
    True
    """
    rules = doc.rules
    chunk = clean_left(doc.p[ca:q.start], doc)
    chunk = not_target_rules(rules).support_lead.sub("", chunk, count=1)
    return bool(not chunk or any(whole_word(chunk, m)
                                 for m in rules.recipient_head.finditer(chunk))
                or rules.support_verbs.match(chunk) or rules.support_grant.match(chunk))


def outer_support_recipient(doc: DocumentContext, q: Quantity, sent: tuple[int, int],
                            ca: int, *, ind: str, tried: str | None = None) -> str:
    """``ind`` when it names a support amount's recipient or object
    (:func:`~analysis.targets.noun_phrases.names_recipient`), else the recipient found
    walking outward from the amount's phrase (from ``ca``; ``tried`` is that one when the
    caller has already looked it up), then from its sentence, then at its item's heading;
    ``ind`` when none of them names a noun phrase. An ``ind`` that opens with the head word
    of a recipient ("对企业") is the words after it when they name one.

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.numbers import scan_quantities
    >>> from analysis.targets.rules import load_rules
    >>> p = "(二)给予企业房租补贴。经评审,给予最高100万元补贴。"
    >>> doc = DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())
    >>> q = scan_quantities(p, 0, len(p), doc.rules, doc.protected)[0]
    >>> sent = (p.index("经评审"), len(p))
    >>> outer_support_recipient(doc, q, sent, p.index("给予最高"), ind="给予")
    '企业房租补贴'
    """
    rules = doc.rules
    if names_recipient(ind, rules):
        return ind
    head = rules.recipient_head.match(ind)
    if head and whole_word(ind, head) and names_recipient(ind[head.end():], rules):
        return ind[head.end():]     # "对企业": the recipient after its head word
    for found in (lambda: tried if tried is not None else support_recipient(
                      doc.p, q.start, sent, doc, phrase_start=ca),
                  lambda: support_recipient(doc.p, q.start, sent, doc),
                  lambda: heading_recipient(doc, sent[0])):
        outer = found()
        if names_recipient(outer, rules, outer=True):
            return outer
    return ind


def level_list_recipients(paired: dict[int, str], sent: tuple[int, int],
                          doc: DocumentContext) -> dict[int, str]:
    """``paired`` (the subjects of a 分别 list by amount) with a list of levels alone
    ("对专精特新企业,国家级、省级、市级分别奖励…") completed by the recipient the sentence
    names before them, every level alike (国家级专精特新企业, 省级专精特新企业, …); as it
    is when one item is more than a level or no recipient is named.

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.rules import load_rules
    >>> p = "对专精特新企业,国家级、省级分别奖励100万元、50万元。"
    >>> doc = DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())
    >>> paired = {p.index("100"): "国家级", p.index("50万"): "省级"}
    >>> list(level_list_recipients(paired, (0, len(p)), doc).values())
    ['国家级专精特新企业', '省级专精特新企业']
    """
    rules = doc.rules
    if not paired or not all(v in rules.level_words for v in paired.values()):
        return paired
    noun = support_recipient(doc.p, min(paired), sent, doc)
    if not names_recipient(noun, rules, outer=True):
        return paired
    return {k: v + noun for k, v in paired.items()}
