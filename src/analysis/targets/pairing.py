"""Numbers that explain each other: baselines, changes, multipliers, shared units, subjects.

Each function takes the quantities of one scope (:func:`analysis.targets.numbers.
scan_quantities`) and completes them in place: "比2015年分别增加了87家和477家" gives the
two preceding numbers their changes and baselines, "由原来的26位提升到21位" a baseline,
"比2020年末翻一番达到160家" a multiplier and an implied baseline, "30万和50万元" a shared
unit; :func:`distribute_subjects` pairs "A和B…分别给予30万和50万元" in order.
"""

from __future__ import annotations

import bisect
import math
import re

from analysis.targets.context import PHRASE_END, DocumentContext, phrase_bounds
from analysis.targets.numbers import Quantity, scan_quantities
from analysis.targets.rules import TargetRules
from analysis.targets.spans import clean_left, clean_right, finish_indicator, strip_scope
from analysis.targets.words import split_at_words
from analysis.text.chars import cn_to_int

__all__ = [
    "borrow_units",
    "distribute_subjects",
    "pair_baseline_years",
    "pair_changes",
    "pair_from_to",
    "pair_multipliers",
]

_SENTENCE_STOPS = ",;。:|\n"
_SUBJECT_END = re.compile(r"[,;:]")
_COMMA = re.compile("、")


def _first_after(qs: list[Quantity], s: int, ce: int) -> Quantity | None:
    """The first quantity not consumed that starts in ``(s, ce)`` (``qs`` in text order)."""
    for q in qs[bisect.bisect_right(qs, s, key=lambda q: q.start):]:
        if q.start >= ce:
            return None
        if not q.consumed:
            return q
    return None


def pair_changes(p: str, qs: list[Quantity], sent: tuple[int, int], rules: TargetRules
                 ) -> None:
    """"比2015年分别增加了87家和477家": the changes belong to the preceding quantities.

    Examples
    --------
    >>> from analysis.targets.numbers import scan_quantities
    >>> from analysis.targets.rules import load_rules
    >>> rules = load_rules()
    >>> p = "企业达到99家,比2015年增加了87家。"
    >>> qs = scan_quantities(p, 0, len(p), rules, [])
    >>> pair_changes(p, qs, (0, len(p)), rules)
    >>> qs[0].baseline_value, qs[0].baseline_year, qs[1].consumed
    (12.0, 2015, True)
    """
    inside = [q for q in qs if sent[0] <= q.start < sent[1]]
    starts = [q.start for q in inside]
    joiners = " 、" + rules.coordinators
    for m in rules.change_since.finditer(p, sent[0], sent[1]):
        end = m.end()
        changes: list[Quantity] = []
        for q in inside[bisect.bisect_left(starts, end):]:
            if not q.consumed:
                gap = p[(changes[-1].full_end if changes else end):q.start]
                if gap.strip(joiners) == "":
                    changes.append(q)
                    continue
                break
        if not changes:
            continue
        units = {c.unit for c in changes}
        want = len(changes) if m.group("each") else 1
        owners = []
        # the nearest earlier quantities of the same unit, in text order
        for q in reversed(inside[:bisect.bisect_right(starts, m.start())]):
            if len(owners) == want:
                break
            if q.full_end <= m.start() and not q.consumed and q.unit in units:
                owners.insert(0, q)
        if len(owners) != len(changes):
            owners = owners[-1:]
            changes = changes[:1]
        for owner, ch in zip(owners, changes, strict=False):
            ch.consumed = True
            owner.change_value = ch.value
            owner.baseline_year = int(m.group("year"))
            owner.baseline_value = owner.value - ch.value
            owner.notes.append(f"baseline derived: {p[m.start():ch.full_end]}")


def pair_from_to(p: str, qs: list[Quantity], rules: TargetRules) -> None:
    """"由原来的26位提升到21位": the first number is the second's baseline (white space of a
    hard line break ignored: "从2021年的24%\n提升至2022年的28%")."""
    for k in range(len(qs) - 1):
        a, b = qs[k], qs[k + 1]
        gap = "".join(p[a.full_end:b.start].split())
        pre = "".join(p[max(0, a.start - 16):a.start].split())
        if (rules.from_start.search(pre) and rules.from_to.fullmatch(gap)
                and (a.unit == b.unit or not a.unit)):
            a.consumed = True
            b.baseline_value = a.value
            b.notes.append("baseline from 由…到…")


def pair_multipliers(p: str, qs: list[Quantity], a: int, b: int, rules: TargetRules,
                     extra: list[Quantity]) -> None:
    """"翻一番达到160家": a multiplier (and implied baseline) for the number that follows
    in the phrase; without one, the doubling is a quantity of its own (added to ``extra``)."""
    for m in rules.doubling.finditer(p, a, b):
        n = cn_to_int(m.group("n")) if m.group("n") else 1
        s, e = m.start(), m.end()
        _, ce = phrase_bounds(p, s, a, b, PHRASE_END)
        target = _first_after(qs, s, ce)
        base = rules.baseline_year_end.search(p[max(a, s - 10):s])
        if target is not None:
            target.multiplier = float(2 ** n)
            if base:
                target.baseline_year = int(base.group("year"))
            if math.isnan(target.baseline_value):
                target.baseline_value = round(target.value / 2 ** n, 10)
                target.notes.append(f"baseline implied by {m.group(0)}")
        else:
            q = Quantity(s, e, e, m.group(0), float(2 ** n), unit=rules.multiple_unit,
                         multiplier=float(2 ** n))
            if base:
                q.baseline_year = int(base.group("year"))
            q.notes.append(f"{m.group(0)} without a stated value")
            extra.append(q)


def pair_baseline_years(p: str, qs: list[Quantity], a: int, b: int, rules: TargetRules
                        ) -> None:
    """"比2020年…达到160家": the baseline year of the number that follows in the phrase."""
    for m in rules.baseline_year.finditer(p, a, b):
        s = m.start()
        _, ce = phrase_bounds(p, s, a, b, PHRASE_END)
        target = _first_after(qs, s, ce)
        if target is not None and target.baseline_year is None:
            target.baseline_year = int(m.group("year"))


def borrow_units(p: str, qs: list[Quantity], rules: TargetRules) -> None:
    """"30万和50万元": a bare magnitude borrows the next coordinated number's unit."""
    for k in range(len(qs) - 2, -1, -1):
        a, b = qs[k], qs[k + 1]
        if (a.unit in rules.magnitudes and b.unit.startswith(a.unit) and b.unit != a.unit
                and rules.magnitude_joiner.fullmatch(p[a.full_end:b.start])):
            a.unit = b.unit
            a.notes.append(f"unit {b.unit} shared with the next number")


def distribute_subjects(p: str, qs: list[Quantity], sent: tuple[int, int],
                        doc: DocumentContext) -> dict[int, str]:
    """"A和B…分别给予30万和50万元": pair the subjects with the amounts, in order.

    Returns the indicator of each paired quantity, by its start offset.
    """
    rules = doc.rules
    out: dict[int, str] = {}
    k = p.find(rules.respectively, sent[0], sent[1])
    if k < 0 or not rules.respectively:
        return out
    group = [q for q in qs if q.start > k and q.start < sent[1] and not q.consumed]
    if len(group) < 2:
        return out
    for j in range(1, len(group)):
        if not _joined(p[group[j - 1].full_end:group[j].start], rules):
            group = group[:j]
            break
    if len(group) < 2:
        return out
    # the subjects are in the last phrase before 分别 that has any words, or in the one
    # before it when that one holds no list ("…省级国际科技合作基地,于认定次年分别给予")
    phrases = [t for t in _SUBJECT_END.split(p[sent[0]:k]) if t.strip()]
    if phrases and rules.each_recipient.match(phrases[-1].strip() + rules.respectively):
        return out      # "…认证的,每个产品分别奖励1万元、2万元": paid per item of one noun
    items: list[str] = []
    for subj_text in phrases[::-1][:2]:
        items = _subject_items(subj_text, len(group), doc,
                               paid=all(q.unit in rules.money for q in group))
        if items:
            break
    if not items:
        return out
    # "计算机…,以及互联网和相关服务业平均研发强度分别为…": the subjects of an earlier phrase
    # share the measure the phrase right before 分别 ends with
    items = _share_measure([*items, clean_left(phrases[-1], doc)],
                           rules.respectively_measures)[:-1]
    end = phrase_bounds(p, group[-1].start, sent[0], sent[1], _SENTENCE_STOPS)[1]
    tail = clean_right(p[group[-1].full_end:end], doc)
    if rules.support_verbs.search(tail):
        tail = ""       # "分别给予…50万元奖励": the form of the support, not what is paid for
    for q, item in zip(group, items, strict=True):
        out[q.start] = finish_indicator(strip_scope(item, doc) + tail, doc)
    return out


def _joined(gap: str, rules: TargetRules) -> bool:
    """Two amounts of a 分别 list are joined by a coordinator, and maybe a level that repeats
    the subjects' levels ("国家级500万元、省级100万元")."""
    m = rules.coordinated.match(gap)
    return m is not None and (m.end() == len(gap) or gap[m.end():].strip() in rules.level_words)


def _subject_items(text: str, n: int, doc: DocumentContext, *, paid: bool = False
                   ) -> list[str]:
    """The ``n`` coordinated subjects of a 分别 phrase, or [] when they cannot be told.

    The subjects are the phrase before a word that ends them ("…经认定后"), or after it
    ("对新认定的国家级、省级孵化器"), or the whole phrase; they are split at every
    coordinator, else at 、 only (a subject may hold 和: "软件和信息技术服务业、…"). A short
    item that ends like a prefix of the last one borrows its noun ("国家级、省级孵化器" →
    国家级孵化器, 省级孵化器). Items that end the phrase's 的 ("新认定为…孵化器、众创空间的")
    are the subjects; ``paid`` amounts after coordinated grades before 的 ("获得…金奖、银奖的
    专利权人") all go to the noun after it.
    """
    rules = doc.rules
    # an end word inside a longer word ends nothing (对 in 对外投资)
    parts = split_at_words(text, rules.respectively_subject_end)
    cands = [parts[0], parts[-1], text] if len(parts) > 1 else [text]
    for cand in cands:
        cand = clean_left(cand, doc)
        if cand.endswith(rules.possessive):
            # "新认定为国家级孵化器、众创空间的,分别给予…": the items end the 的 phrase
            cand = cand[:-len(rules.possessive)]
        modifier = ""
        if rules.possessive in cand:
            modifier, cand = cand.rsplit(rules.possessive, 1)
        cand = strip_scope(cand, doc)
        splits = [[x for x in split.split(cand) if x] for split in (rules.coordinator, _COMMA)]
        for items in splits:
            if len(items) == n and not _thresholds(items, rules):
                return _share_measure(_borrow_head(items, rules.level_words),
                                      rules.respectively_measures)
        grades = [x for x in _COMMA.split(modifier) if x]
        if paid and len(cand) >= 2 and len(grades) == n and not _thresholds(grades, rules):
            # amounts paid to "获得中国专利金奖、银奖、优秀奖的专利权人": the coordinated
            # grades before 的 qualify one recipient, who is paid each amount
            return [cand] * n
        for items in splits:
            if len(items) > n and all(x in rules.level_words for x in items[:n - 1]):
                # "国家、省、市企业技术中心、产业创新中心…,分别给予500万元、200万元、50万元":
                # the amounts go by level, and the levels name the first noun after them
                return _borrow_head(items[:n], rules.level_words)
    return []


def _thresholds(items: list[str], rules: TargetRules) -> bool:
    """"突破1亿元、5亿元、10亿元": items after the first that are a number and its unit
    alone (a quantity the scanner reads whole) are thresholds, not subjects; "5G基站",
    "10万吨级泊位" and "10万千瓦光伏电站" are nouns.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> _thresholds(["1亿元", "5亿元以上"], load_rules())
    True
    >>> _thresholds(["5G基站", "10万吨级泊位"], load_rules())
    False
    """
    for x in items[1:]:
        if x[:1].isdigit():
            qs = scan_quantities(x, 0, len(x), rules, [])
            if qs and qs[0].start == 0 and qs[0].full_end == len(x):
                return True
    return False


def _share_measure(items: list[str], measures: tuple[str, ...]) -> list[str]:
    """Items with no measure of their own take the one the last item ends with.

    Examples
    --------
    >>> _share_measure(["线上办公", "在线旅行预订", "互联网医疗用户规模"], ("用户规模", "规模"))
    ['线上办公用户规模', '在线旅行预订用户规模', '互联网医疗用户规模']
    >>> _share_measure(["关键工序数控化率", "研发设计工具普及率"], ("规模",))
    ['关键工序数控化率', '研发设计工具普及率']
    """
    head = next((m for m in measures if items[-1].endswith(m) and len(items[-1]) > len(m)), "")
    if not head:
        return items
    own = (*measures, "率")
    return [x if x.endswith(own) or len(x) < 2 else x + head for x in items[:-1]] + [items[-1]]


def _borrow_head(items: list[str], levels: tuple[str, ...] = ()) -> list[str]:
    """Short items borrow the noun of the last one: "国家级、省级孵化器" → 国家级孵化器;
    a level word ("省" in "省、市级制造业创新中心") takes the noun after the last item's level.

    Examples
    --------
    >>> _borrow_head(["国家", "省", "市工业设计中心"], ("国家", "省", "市"))
    ['国家工业设计中心', '省工业设计中心', '市工业设计中心']
    """
    last = items[-1]
    lead = next((w for w in levels if last.startswith(w) and len(last) - len(w) >= 2), "")
    # a one-character level ends ordinary words (上市, 地区): only a level of two or more
    # characters ("列入国家级", "获得国家") ends an item that shares the noun
    long_levels = tuple(w for w in levels if len(w) >= 2)
    out = []
    for item in items[:-1]:
        if lead and (item in levels or item.endswith(long_levels)):
            out.append(item + last[len(lead):])
            continue
        # a short item, or one that ends with a level, borrows the noun
        k = last.find(item[-1]) if len(item) <= 4 or item.endswith(long_levels) else -1
        out.append(item + last[k + 1:] if 0 <= k < len(last) - 2 else item)
    return [*out, last]
