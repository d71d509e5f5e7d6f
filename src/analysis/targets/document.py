"""One document, scope by scope: every number with its kind, indicator, comparator and year.

:func:`extract_document` runs the steps of the other modules over each scope of one
document: the ``|``-tables first (:mod:`~analysis.targets.tables`), then the quantities of
each scope (:mod:`~analysis.targets.numbers`) completed by their neighbours
(:mod:`~analysis.targets.pairing`). For each number it then finds

* the governing time phrase: the nearest one before it in its scope (an annual or "now"
  phrase only in its own sentence), else the one its enclosing sections introduce;
* its kind (:mod:`~analysis.targets.kinds`) and its indicator
  (:mod:`~analysis.targets.phrases`);
* its comparator: a word after the number ("以上"), else one before it in the phrase
  ("不低于"), else ``aspiration`` when 力争 governs the phrase (or a preceding phrase that is
  only a time: "力争到2025年,");
* whether the province, not the city, is its subject.
"""

from __future__ import annotations

import bisect
import math
import re
from typing import Any

from analysis.targets.context import (
    PHRASE_END,
    DocumentContext,
    clamp_span,
    phrase_bounds,
    sentence_spans,
)
from analysis.targets.kinds import number_kind, province_cue
from analysis.targets.not_targets import left_out, not_target_rules
from analysis.targets.numbers import Quantity, scan_quantities
from analysis.targets.pairing import (
    borrow_units,
    distribute_subjects,
    pair_baseline_years,
    pair_changes,
    pair_from_to,
    pair_multipliers,
)
from analysis.targets.phrases import carry_prefix, indicator_phrase
from analysis.targets.scopes import Scope
from analysis.targets.subjects import (
    level_list_recipients,
    no_subject,
    outer_support_recipient,
    support_rate_indicator,
    support_recipient,
)
from analysis.targets.tables import table_targets
from analysis.targets.times import TimePhrase, box_spans, find_times, respective_years, review_year

__all__ = ["extract_document"]

_NEWLINE = re.compile("\n")

# a paragraph that introduces the items after it opens with its time phrase, after at
# most this many characters ("第二步,")
_INTRO_LEAD = 6
_DIGIT = re.compile(r"\d")

# the start of a section heading in which achievement or target words are looked for
_HEADING_WINDOW = 60


class _Sections:
    """Time phrases by scope (computed on demand) and what enclosing sections say."""

    def __init__(self, doc: DocumentContext, units: list[Scope]) -> None:
        self.doc, self.units = doc, units
        self.times: dict[int, list[TimePhrase]] = {}
        self.review_at: dict[int, int] = {}     # unit -> start of its review section
        self.heading_kinds: dict[int, str] = {}  # unit -> what its heading says

    def times_of(self, k: int) -> list[TimePhrase]:
        if k not in self.times:
            u, doc = self.units[k], self.doc
            self.times[k] = find_times(doc.p, u.start, u.end, doc.rules, doc.year,
                                       doc.protected)[0]
        return self.times[k]

    def context(self, k: int) -> tuple[TimePhrase | None, str]:
        """The nearest inherited time phrase and section kind from enclosing sections."""
        units = self.units
        time_found: TimePhrase | None = None
        kind = ""
        seen = set()
        parent = units[k].parent
        while parent is not None and parent not in seen:
            seen.add(parent)
            pu = units[parent]
            if not kind:
                kind = self.heading_kind(parent)
                if kind == "achievement":
                    self.review_at[k] = pu.start
            if time_found is None:
                for j in (parent, *pu.context):
                    if j == k or units[j].start >= units[k].start:
                        continue
                    cands = [t for t in self.times_of(j)
                             if t.basis in ("explicit", "relative", "plan")
                             and (t.tense != "past" or t.basis == "plan")]
                    if cands:
                        time_found = cands[-1] if j == parent else cands[0]
                        break
            parent = pu.parent
        intro = self.sibling_intro(k, time_found)
        return intro or time_found, kind

    def heading_kind(self, j: int) -> str:
        """What the start of unit ``j`` (its heading) says: ``"achievement"``,
        ``"target"`` or ``""`` (read once per unit)."""
        kind = self.heading_kinds.get(j)
        if kind is None:
            u, rules = self.units[j], self.doc.rules
            head = self.doc.p[u.start:min(u.end, u.start + _HEADING_WINDOW)]
            kind = ("achievement" if rules.achievement_headings.search(head)
                    else "target" if rules.target_headings.search(head) else "")
            self.heading_kinds[j] = kind
        return kind

    def sibling_intro(self, k: int, after: TimePhrase | None) -> TimePhrase | None:
        """A time phrase that opens a paragraph of an earlier sibling of unit ``k`` and
        states no number of its own ("第二步,到2025年…" before the items it introduces),
        if it comes after ``after``; the nearest one."""
        p, units = self.doc.p, self.units
        parent = units[k].parent
        if parent is None:
            return None     # top-level sections are no items of one introduction
        floor = after.start if after is not None else -1
        for j in range(k - 1, -1, -1):
            if units[j].start <= floor or j <= parent:
                break
            if units[j].parent != parent:
                continue
            for t in reversed(self.times_of(j)):
                if t.start <= floor:
                    break
                if t.basis not in ("explicit", "plan") or t.tense == "past":
                    continue
                ls = p.rfind("\n", 0, t.start) + 1
                le = p.find("\n", t.end)
                le = len(p) if le < 0 else le
                if t.start - ls <= _INTRO_LEAD and not _DIGIT.search(p, t.end, le):
                    return t
        return None


def _governing_time(times: list[TimePhrase], ends: list[int], q: Quantity,
                    sent: tuple[int, int]) -> TimePhrase | None:
    """The last time phrase before ``q``; annual and "now" phrases only in its sentence.

    ``ends`` are the phrases' end offsets (ascending, as the phrases are in text order).
    """
    for k in range(bisect.bisect_right(ends, q.start) - 1, -1, -1):
        t = times[k]
        if t.basis in ("annual", "now") and not (sent[0] <= t.start < sent[1]):
            continue
        return t
    return None


# a dash item ("——", "--") on a line of its own, and how many of them are read back
_DASH_ITEM = re.compile(r"[ \t　]*(?:——|--|－－|─)")
_BULLET_RUN = 12


def _paragraph_goal_year(doc: DocumentContext, times: list[TimePhrase], start: int,
                         pos: int) -> int | None:
    """The year of the goal time phrase ("到2027年") that opens the paragraph of ``pos``
    (from ``start`` on, or the paragraph a run of dash items continues), else None."""
    p = doc.p
    line = max(start, p.rfind("\n", 0, pos) + 1)
    for _ in range(_BULLET_RUN):
        # "到2027年,…:——A…。⏎——B…": a dash item continues the paragraph above it
        if line == 0 or not _DASH_ITEM.match(p, line):
            break
        line = p.rfind("\n", 0, line - 1) + 1
    if line < start:
        end = p.find("\n", line)
        times = find_times(p, line, end if end >= 0 else len(p), doc.rules, doc.year,
                           doc.protected)[0]
    for t in times:
        if line <= t.start <= line + _INTRO_LEAD and t.end <= pos:
            ok = t.basis in ("explicit", "relative", "plan") and t.tense == "future"
            return t.year if ok else None
    return None


# a heading line: an outline label and a short text without a full stop; level 1 for
# 一、 and 第X章/部分, 2 for (一) and 1.
_HEADING_LINE = re.compile(
    r"^[ \t　]*(?:(?P<top>[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分篇])"
    r"|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d))[^。;!?\n]{1,40}$",
    re.MULTILINE)


# after a money amount: "…以上的企业", "…到50亿元之间的项目", "投资500万元以上重点项目": the
# amount says who, it is no goal (but "最高50万元的补助" is the support itself)
_SUPPORT_NOUN = (r"(?![\u4e00-\u9fff]{0,2}(?:目标|任务|补助|奖励|资助|补贴|奖补|支持|扶持|一次性"
                 r"|配套|贴息|资金|经费|奖金)|标准)")   # "5000元的生活补贴", "2000元的标准"
_THRESHOLD = re.compile(r"[^,;。:\n的]{0,12}的" + _SUPPORT_NOUN)
_THRESHOLD_BARE = re.compile(r"(?<=以上|以下)" + _SUPPORT_NOUN + r"[\u4e00-\u9fff]{2}")

# the further amounts of a list after a money amount ("首次突破1000亿元、500亿元、…10亿元的
# 法人企业"): a threshold after the list holds for each of them
_AMOUNT_LIST = re.compile(r"(?:[、和及或][ ]?\d[\d.]*[ ]?[千百万亿]*(?:美元|元))*")

# how many heading lines above a number are read at most
_HEADING_LOOKBACK = 50


def _box_of(doc: DocumentContext, pos: int) -> tuple[int, int] | None:
    """The span of the box (专栏) that holds ``pos``, if any."""
    boxes = doc.cache.get("boxes")
    if boxes is None:
        boxes = doc.cache["boxes"] = box_spans(doc.p, doc.rules)
    k = bisect.bisect_right(boxes, (pos, math.inf)) - 1
    return boxes[k] if k >= 0 and pos < boxes[k][1] else None


def _text_heading_kind(doc: DocumentContext, pos: int) -> str:
    """What the nearest heading line above ``pos`` in the same top-level section says
    (``"achievement"``, ``"target"`` or ``""``), read from the text's own lines; used when
    the clause table gives the number no enclosing section."""
    return _text_heading(doc, pos)[0]


def _text_heading(doc: DocumentContext, pos: int) -> tuple[str, int | None]:
    """:func:`_text_heading_kind` and the offset of the heading line that says it."""
    heads = doc.cache.get("heading_lines")
    if heads is None:
        rules, found = doc.rules, []
        for m in _HEADING_LINE.finditer(doc.p):
            line = m.group(0)
            kind = ("achievement" if rules.achievement_headings.search(line)
                    else "target" if rules.target_headings.search(line) else "")
            found.append((m.start(), bool(m.group("top")), kind))
        heads = doc.cache["heading_lines"] = found
    k = bisect.bisect_right(heads, (pos, True, "~")) - 1   # type: ignore[arg-type]
    stop = max(-1, k - _HEADING_LOOKBACK)
    while k > stop:
        at, top, kind = heads[k]   # type: ignore[index]
        if kind:
            return kind, at
        if top:
            return "", None
        k -= 1
    return "", None


# the title of a one-year plan near the top of the text: "包头市2022年数字政府建设工作要点"
# (or a notice on the year's work: "现就做好2022年“智慧助老”有关工作通知如下")
_ONE_YEAR_PLAN = re.compile(r"(?<![\d\-—~至])((?:19|20)\d\d)年(?:度)?[^。;\n]{0,30}?"
                            r"(?:要点|方案|计划|办法|工作安排|工作的总体思路)"
                            r"|做好((?:19|20)\d\d)年(?:度)?[^。;\n]{0,30}?工作")
_TITLE_WINDOW = 300


# the same in a title, where the year may stand without 年 ("数字山东2021行动方案")
_ONE_YEAR_TITLE = re.compile(r"(?<![\d\-—~至])((?:19|20)\d\d)(?:年(?:度)?)?(?![\d\-—~至年])"
                             r"[^。;\n]{0,30}?(?:要点|方案|计划|办法|工作安排)")


# an English title of a one-year plan ("Action Plan for Digital Shandong 2019", "Key Points
# of Digital Government Work in 2022"): a plan word and one year that is no end of a range
# ("(2024 - 2027)")
_PLAN_EN = re.compile(r"(?i)\b(?:action|work|implementation)\s+(?:plan|programme|program)s?\b"
                      r"|\bkey\s+(?:points|tasks)\b|\bwork\s+points\b")
_YEAR_EN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_RANGE_MARKS = ("-", "—", "–", "~", "至", "to")


def _one_year_plan(doc: DocumentContext) -> int | None:
    """The year of a one-year plan named at the top of the text or in the document's
    title (Chinese or English), if it is the document's year or the next one; else None."""
    m = _ONE_YEAR_PLAN.search(doc.p, 0, min(len(doc.p), _TITLE_WINDOW))
    if m is None and doc.title:
        m = _ONE_YEAR_TITLE.search(doc.title)
        if m is None and _PLAN_EN.search(doc.title):
            m = next((y for y in _YEAR_EN.finditer(doc.title) if not (
                doc.title[:y.start()].rstrip().endswith(_RANGE_MARKS)
                or doc.title[y.end():].lstrip().startswith(_RANGE_MARKS))), None)
    if m is None or doc.year is None:
        return None
    year = int(next(g for g in m.groups() if g))
    return year if doc.year <= year <= doc.year + 1 else None


def _report_year(doc: DocumentContext) -> int | None:
    """The year a report's title names when the report was issued the year after it
    ("…发展报告(2022年)" issued in 2023); else None, and None for a work report or a
    report on a plan ("政府工作报告", "关于…计划执行情况与…计划草案的报告")."""
    if doc.year is None or not doc.rules.report_title.search(doc.title) or (
            not_target_rules(doc.rules).report_not_title.search(doc.title)):
        return None
    years = {int(y.group(1)) for y in _YEAR_EN.finditer(doc.title)}
    return doc.year - 1 if years == {doc.year - 1} else None


_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")


def _report_goal_section(doc: DocumentContext, pos: int) -> bool:
    """``pos`` is under a heading of a report that sets goals: a goal heading, one naming
    the document's year or a later one ("二、2024年重点工作"), or one of
    ``report_goal_headings`` ("三、工作安排"); read up to the top-level heading, stopping at
    a review heading."""
    _text_heading(doc, pos)    # fills the cache of heading lines
    heads = doc.cache["heading_lines"]
    goal = not_target_rules(doc.rules).report_goal_heading
    k = bisect.bisect_right(heads, (pos, True, "~")) - 1   # type: ignore[arg-type]
    for at, top, kind in heads[max(0, k - _HEADING_LOOKBACK + 1):k + 1][::-1]:  # type: ignore[index]
        end = doc.p.find("\n", at)
        line = doc.p[at:end if end >= 0 else len(doc.p)]
        if kind == "target" or goal.search(line) or any(
                doc.year is not None and int(y) >= doc.year for y in _HEADING_YEAR.findall(line)):
            return True
        if kind == "achievement" or top:
            return False
    return False


def _line_start(doc: DocumentContext, pos: int) -> int:
    """The offset where the line holding ``pos`` starts (line breaks found once)."""
    breaks = doc.cache.get("line_breaks")
    if breaks is None:
        breaks = [m.start() for m in _NEWLINE.finditer(doc.p)]
        doc.cache["line_breaks"] = breaks
    k = bisect.bisect_left(breaks, pos)   # type: ignore[arg-type]
    return breaks[k - 1] + 1 if k else 0   # type: ignore[index]


def _by_sentence(qs: list[Quantity], sents: list[tuple[int, int]]
                 ) -> list[tuple[tuple[int, int], list[Quantity]]]:
    """Each sentence with the quantities that start in it (both lists in text order)."""
    out = []
    k = 0
    for sent in sents:
        while k < len(qs) and qs[k].start < sent[0]:
            k += 1
        inside = []
        while k < len(qs) and qs[k].start < sent[1]:
            inside.append(qs[k])
            k += 1
        out.append((sent, inside))
    return out


def _is_aspiration(doc: DocumentContext, ca: int, q: Quantity, sent: tuple[int, int]) -> bool:
    """力争 in the number's phrase, or in a preceding phrase that is only a time."""
    p, rules = doc.p, doc.rules
    if rules.aspiration.search(p[ca:q.start]):
        return True
    if ca > sent[0]:
        pa, _ = phrase_bounds(p, ca - 1, sent[0], sent[1], PHRASE_END)
        prev_chunk = p[pa:ca - 1]
        if rules.aspiration.search(prev_chunk) and rules.aspiration_time.fullmatch(
                rules.aspiration.sub("", prev_chunk.strip())):
            return True
    return False


def extract_document(doc: DocumentContext, units: list[Scope]) -> list[dict[str, Any]]:
    """The rows of one document (before sentences, canonical indicators and ids are added).

    Each row is a dict of the target table's fields plus ``sentence_start`` and
    ``sentence_end`` (the span of the number's sentence in the text).
    """
    p, rules = doc.p, doc.rules
    rows: list[dict[str, Any]] = []
    starts = [u.start for u in units]

    def clause_of(pos: int) -> str:
        if not units:
            return f"{doc.doc_id}:front"
        return units[max(bisect.bisect_right(starts, pos) - 1, 0)].clause_id

    plan_year = _one_year_plan(doc)
    report_year = _report_year(doc)
    report = report_year is not None
    table_rows, handled = table_targets(doc, 0, len(p), clause_of)
    rows.extend(table_rows)
    sections = _Sections(doc, units)

    for k, u in enumerate(units):
        qs = [q for q in scan_quantities(p, u.start, u.end, rules, doc.protected)
              if q.start not in handled]
        if not qs and not rules.doubling.search(p, u.start, u.end):
            continue  # nothing below can add a quantity (times_of is a pure cache)
        times = sections.times_of(k)
        extra: list[Quantity] = []
        borrow_units(p, qs, rules)
        pair_from_to(p, qs, rules)
        pair_multipliers(p, qs, u.start, u.end, rules, extra)
        pair_baseline_years(p, qs, u.start, u.end, rules)
        sents = sentence_spans(p, u.start, u.end)
        paired_years = respective_years(p, u.start, u.end, qs, rules, doc.year)
        distributed: dict[int, str] = {}
        for sent, inside in _by_sentence(qs, sents):
            pair_changes(p, inside, sent, rules)
            distributed.update(level_list_recipients(
                distribute_subjects(p, inside, sent, doc), sent, doc))
        qs = sorted([*qs, *extra], key=lambda q: q.start)
        if not qs:
            continue
        sent_starts = [s[0] for s in sents]
        time_ends = [t.end for t in times]
        inherited, section_kind = sections.context(k)
        prev_ind: dict[tuple[int, bool], str] = {}
        for i, q in enumerate(qs):
            if q.consumed:
                continue
            j = bisect.bisect_right(sent_starts, q.start) - 1
            sent = sents[j] if j >= 0 and q.start < sents[j][1] else (u.start, u.end)
            sent = clamp_span(sent, q.start, q.full_end)
            ca, cb = phrase_bounds(p, q.start, sent[0], sent[1], PHRASE_END)
            gov = paired_years.get(q.start) or _governing_time(times, time_ends, q, sent)
            basis = gov.basis if gov is not None else ""
            if gov is not None and gov.basis != "annual" and "\n" in p[gov.end:q.start]:
                basis = "inherited"     # from an earlier paragraph of the same clause
            if gov is None and inherited is not None:
                gov, basis = inherited, "inherited"
            chunk_left = p[ca:q.start]
            chunk_right = p[q.full_end:cb]
            heading_kind = section_kind or _text_heading_kind(doc, q.start)
            goal_section = heading_kind == "target"
            # an annual rate or quota takes its tense from the period its sentence sets
            # ("到2023年,每年实施…", "从2012年…增长到2021年…,年均增速达16.1%")
            period = next((t for t in reversed(times) if gov is not None
                           and basis == "annual" and t.end <= gov.start
                           and t.basis in ("explicit", "relative", "plan")
                           and t.year is not None and sent[0] <= t.start), None)
            kind = number_kind(q, doc, period or gov, p[sent[0]:q.start], heading_kind,
                               chunk_right, chunk_left=chunk_left, plan=plan_year is not None,
                               report=report and not _report_goal_section(doc, q.start))
            after = _AMOUNT_LIST.match(p, q.full_end).end() if q.unit in rules.money else 0
            if q.unit in rules.money and (_THRESHOLD.match(p, after, min(len(p), after + 16))
                                          or _THRESHOLD_BARE.match(p, after)) and not (
                    not_target_rules(rules).fund_setup.search(chunk_left)):
                continue   # "营业收入50亿元以上的企业": a threshold that names who, no target
            if left_out(doc, q, ca, cb, sent, kind, goal_time=gov is not None
                        and gov.tense == "future" and gov.basis in ("explicit", "relative", "plan")
                        and sent[0] <= gov.start < sent[1]):
                continue   # a condition, a limit, an example … (analysis.targets.not_targets)
            if kind == "support" and gov is not None and (
                    not (ca <= gov.start < q.start) or gov.basis == "relative"):
                # a support takes only a year of its own phrase; a span there ("销售后1年内",
                # "三年内") is how long it is paid or counted, no target year
                gov, basis = None, ""
            key = (sent[0], q.is_rank)
            if q.is_rank:
                # "@" marks a carry-over from the same sentence, which beats the subject
                # of a preceding phrase; one from an earlier sentence does not
                carry = ("@" + prev_ind[key]) if key in prev_ind else prev_ind.get(
                    (u.start, True), "")
            else:
                carry = prev_ind.get(key, "")
            if q.start in distributed:
                ind, notes = distributed[q.start], ["subjects paired by 分别"]
            else:
                ind, notes = indicator_phrase(q, qs, i, doc, u, sent, carry)
                ind = carry_prefix(p, qs, i, ind, doc)
            rate_name, own = "", None
            if kind == "support" and q.unit == "%":
                rate_name = support_rate_indicator(chunk_left, chunk_right, doc)
                ind = rate_name or ind
            elif kind == "support" and q.start not in distributed and no_subject(doc, ca, q):
                own = support_recipient(p, q.start, sent, doc, phrase_start=ca)
                ind = own or ind
            if kind == "support" and not rate_name and q.start not in distributed:
                # a subject paired by 分别 is kept even when it names no noun phrase
                ind = outer_support_recipient(doc, q, sent, ca, ind=ind, tried=own)
            q.indicator = ind
            prev_ind[key] = ind
            if q.is_rank:
                prev_ind[(u.start, True)] = ind
            aspiration = _is_aspiration(doc, ca, q, sent)
            comparator = q.comparator
            before = rules.before_cmp.findall(chunk_left)
            if before and comparator == "=":
                comparator = rules.before_map.get(before[-1], comparator)
            if aspiration and comparator == "=" and not q.is_rank:
                comparator = "aspiration"
            if aspiration and q.is_rank and comparator in ("=", "≤"):
                comparator = "aspiration"
            line_start = max(u.start, _line_start(doc, q.start))
            province = bool(u.upper_level or province_cue(doc, line_start, q.start) is not None)
            year = gov.year if gov is not None else None
            if basis == "annual":
                # "到2025年…年均增长15%", "“十三五”期间,每年实施…": the rate holds until
                # the end of the period its sentence sets, if one is set
                # (a reported rate: the period it is reported for)
                if period is not None and period.tense == "past" and kind != "achievement":
                    period = None
                # in a goal section ("主要目标", its intro "到2025年") the section's year holds
                year = (period.year if period is not None
                        else inherited.year if inherited is not None and goal_section
                        else None)
                if year is None and kind == "achievement":
                    # "截至2022年底,…。…,近5年年均增速超过30%": a reported rate with no
                    # period of its own is reported for the last past time of its clause
                    past = next((t for t in reversed(times) if t.end <= gov.start
                                 and u.start <= t.start and t.year is not None
                                 and t.basis in ("explicit", "now") and t.tense == "past"),
                                None)
                    if past is not None:
                        year, basis = past.year, "inherited"
                if year is None and kind == "target":
                    # "到2027年,…。每年促进…": a goal's annual quota in the paragraph a
                    # goal year opens holds until that year
                    year = _paragraph_goal_year(doc, times, u.start, q.start)
            box = _box_of(doc, q.start)
            if kind == "target" and box is not None and not (
                    gov is not None and box[0] <= gov.start < box[1]):
                year, basis = None, "box"   # a 专栏 project list: a year of its own only
            if kind == "target" and year is None and not basis and plan_year is not None:
                # a one-year plan ("2022年数字政府建设工作要点") sets goals for its year
                year, basis = plan_year, "plan year"
            if kind == "achievement" and year is None and report_year is not None:
                # a report on last year: a result with no time of its own is of that year
                year, basis = report_year, "report year"
            if kind == "achievement" and year is None and doc.year is not None:
                # a reported result with no time of its own: the year its review section
                # reports ("一、2022年工作回顾", "“十三五”时期…"), else the document's date
                at = sections.review_at.get(k) if section_kind else _text_heading(doc, q.start)[1]
                year = review_year(p, at, q.start, rules, doc.year, doc.protected,
                                   cache=doc.cache.setdefault("review", {})
                                   ) if at is not None else None
                year, basis = (year, "review") if year is not None else (doc.year, "document")
            table = rules.unit_table
            base_value, base_unit = (table.to_base(q.value, q.unit) if table is not None
                                     else (math.nan, ""))
            rows.append(dict(
                kind=kind, clause_id=u.clause_id, indicator=ind, value=q.value,
                value_low=q.low, value_high=q.high, unit=q.unit, value_base=base_value,
                unit_base=base_unit, comparator=comparator,
                is_aspiration=aspiration, multiplier=q.multiplier, target_year=year,
                year_basis=basis, time_phrase=gov.text if gov is not None else "",
                baseline_value=q.baseline_value, baseline_year=q.baseline_year,
                change_value=q.change_value, is_province_level=province,
                number_text=doc.text[q.start:q.end], char_start=q.start, char_end=q.end,
                sentence_start=sent[0], sentence_end=sent[1],
                note="; ".join([*q.notes, *notes]),
            ))
    return rows
