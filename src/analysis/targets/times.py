"""Time phrases: the years that govern the numbers after them.

:func:`find_times` reads explicit years ("到2025年", "2022年底"), five-year-plan periods
("十三五末" = 2020), times relative to the document year ("两年内", "利用3年时间"),
annual phrases ("每年", "年均": no year of their own), "now" phrases ("目前": the
document year, reporting the past) and the document's year, the next or the last one
("年底前", "今年", "明年", "过去一年"; "今后五年" counts the document's year as its first)
and the century ("到本世纪末"). A year right after 比/较 ("比2015年", "比去年") is a
baseline, not a time that governs: its span is returned apart; a year of a price base
("按1990年不变价格") governs nothing, nor one that names a call's round ("2024年度资助研究方向",
``[time] label_after``). A "now" word that frames a phrase ("在现有试点的
基础上") is no time. :func:`respective_years` pairs a list of years with the numbers of a
分别 phrase ("2024年、2025年分别突破2.2万亿元、2.4万亿元").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.targets.context import in_spans
from analysis.targets.numbers import Quantity, to_number
from analysis.targets.prefilter import may_match, span_matches
from analysis.targets.rules import TargetRules, load_rules

__all__ = ["TimePhrase", "arabic_years", "box_spans", "find_times", "respective_years",
           "review_year"]

_YEAR_RANGE_AFTER = re.compile(r"[—\-~]\d")
_YEAR_RANGE_BEFORE = re.compile(r"\d[—\-~]$")
# a year (and month) right before a "至/到" phrase starts a period: "2021年至2022年6月"
_RANGE_START = re.compile(r"(?:19|20)\d\d年(?:\d{1,2}月)?$")


def arabic_years(text: str, *, rules: TargetRules | None = None) -> str:
    """``text`` with each year written in Chinese numerals ("一九八五年") in Arabic digits;
    the length, and so every offset, is kept.

    Examples
    --------
    >>> arabic_years("到一九九五年,二〇〇〇年前;十五年内;一九九一—一九九五年")
    '到1995年,2000年前;十五年内;1991—1995年'
    """
    rules = load_rules() if rules is None else rules
    return _arabic(text, rules.numeral_year, rules.numeral_digits)


def _arabic(text: str, pat: re.Pattern[str], digits: tuple[tuple[int, str], ...]) -> str:
    table = dict(digits)
    return pat.sub(lambda m: m.group(0).translate(table), text)


# the last texts converted, by the text's identity (a document's scopes are read one after
# another): hashing the pattern and the digit table for a cache key cost more than the
# look-up; the text, pattern and table are kept with the entry, so no id is reused
_ARABIC: dict[int, tuple[str, re.Pattern[str], tuple[tuple[int, str], ...], str]] = {}


def _arabic_text(p: str, pat: re.Pattern[str], digits: tuple[tuple[int, str], ...]) -> str:
    """:func:`_arabic` of ``p``, converted once per document text while its phrases are read.

    Examples
    --------
    >>> rules = load_rules()
    >>> p = "到二〇二五年"
    >>> c = _arabic_text(p, rules.numeral_year, rules.numeral_digits)
    >>> c, _arabic_text(p, rules.numeral_year, rules.numeral_digits) is c
    ('到2025年', True)
    """
    hit = _ARABIC.get(id(p))
    if hit is not None and hit[0] is p and hit[1] is pat and hit[2] is digits:
        return hit[3]
    c = _arabic(p, pat, digits)
    if len(_ARABIC) > 2:
        _ARABIC.clear()
    _ARABIC[id(p)] = (p, pat, digits, c)
    return c


def _search(pat: re.Pattern[str], text: str, a: int, b: int, seg: str | None = None
            ) -> list[re.Match[str]]:
    """The matches of ``pat.finditer(text[a:b])`` (``seg`` is that slice, if made already),
    found once per distinct span text (:func:`~analysis.targets.prefilter.span_matches`)."""
    return span_matches(pat, text[a:b] if seg is None else seg)


@dataclass
class TimePhrase:
    """A time phrase: where it is, the year it names and how it was read."""

    start: int
    end: int
    text: str
    year: int | None
    basis: str          # explicit | relative | plan | annual | now
    tense: str          # future | past | neutral


def find_times(p: str, a: int, b: int, rules: TargetRules, doc_year: int | None,
               protected: list[tuple[int, int]]
               ) -> tuple[list[TimePhrase], list[tuple[int, int]]]:
    """Governing time phrases in ``p[a:b]`` and the spans of baseline phrases (比2015年).

    Overlapping phrases keep the first (then the longest); the list is in text order.
    Years in Chinese numerals ("到一九八五年") are read as years (:func:`arabic_years`).

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> p = "到2025年,比2020年末翻一番;两年内建成。"
    >>> times, baselines = find_times(p, 0, len(p), load_rules(), 2022, [])
    >>> [(t.text, t.year, t.basis, t.tense) for t in times]
    [('到2025年', 2025, 'explicit', 'future'), ('两年内', 2024, 'relative', 'future')]
    >>> [p[s:e] for s, e in baselines]
    ['比2020年末']
    """
    seg = p[a:b]
    out: list[TimePhrase] = []
    baselines: list[tuple[int, int]] = []
    # every check reads the text with its numeral years in digits (same length)
    c = _arabic_text(p, rules.numeral_year, rules.numeral_digits)
    for m in _search(rules.time, c, a, b):
        s, e = m.start() + a, m.end() + a
        # a plan name in quotation marks ("“十四五”末") is a time, not a quoted title
        if in_spans(s, protected) and not (m.group("q1") and not m.group("to")):
            continue
        to = m.group("to") or ""
        pre = c[max(0, s - 2):s]
        if not to and rules.compared_with.search(pre):
            baselines.append((s - 1, e))
            continue
        if m.group("year"):
            year = int(m.group("year"))
            # a year range "2018—2020年" or a start "从2012年起" does not govern
            if _YEAR_RANGE_AFTER.match(c[e:e + 2]) or _YEAR_RANGE_BEFORE.search(pre):
                continue
            if c.startswith(rules.from_after, e) or pre.endswith(rules.from_before):
                continue
            if rules.goals_set_before and c.endswith(rules.goals_set_before, max(0, s - 4), s):
                continue    # "原定到2000年…的目标": when a goal was once due
            if not to and rules.year_label_after and c.startswith(rules.year_label_after, e):
                continue    # "2024年度资助研究方向" names a call's round
            if not to and rules.year_base_after.match(c, e):
                continue    # "在2021年工作基础上" names what the text builds on
            if not to:
                # the document's own year ("2022年,…") states no tense: a result of the
                # year so far or a goal for the rest of it, as the cues and section say
                tense = ("neutral" if doc_year is None or year == doc_year
                         else "past" if year < doc_year else "future")
            elif to in rules.past_to:
                tense = "past"
            elif doc_year is not None and year == doc_year and _RANGE_START.search(
                    c, max(0, s - 8), s):
                tense = "neutral"   # "2021年至2022年6月": a period ending in the year
            else:
                tense = "future" if doc_year is None or year >= doc_year else "past"
            out.append(TimePhrase(s, e, p[s:e], year, "explicit", tense))
        else:
            last = rules.plans[m.group("plan")][1]
            psuf = m.group("psuf") or ""
            if doc_year is None:
                tense = "future" if to and to not in rules.past_to else "neutral"
            elif to in rules.past_to or last <= doc_year:
                tense = "past"
            else:
                tense = "future"
            if not psuf and not to and tense != "past":
                # a bare plan name ("十四五规划") names a document more often than a time
                continue
            if psuf in rules.since and tense == "future" and doc_year is not None:
                # "“十四五”以来" in a text of 2024: the period so far, up to the document
                out.append(TimePhrase(s, e, p[s:e], doc_year, "now", "past"))
                continue
            out.append(TimePhrase(s, e, p[s:e], last, "plan", tense))
    for m in _search(rules.relative, p, a, b, seg):
        s, e = m.start() + a, m.end() + a
        if in_spans(s, protected) or p.endswith(rules.relative_not_after, 0, s):
            continue
        n = to_number(m.group("n"))
        if n is None:
            continue
        if rules.relative_after_event.search(p[max(0, s - 4):s]):
            continue
        # "今后五年" in a report of 2022 runs 2022-2026: the document's year is the first
        ahead = int(n) - (1 if m.group(0).startswith(rules.counting_now) else 0)
        year = doc_year + ahead if doc_year is not None else None
        out.append(TimePhrase(s, e, p[s:e], year, "relative", "future"))
    for m in _search(rules.annual, p, a, b, seg):
        s, e = m.start() + a, m.end() + a
        if in_spans(s, protected):
            continue
        # "每年…", "年均增长…": a rate or quota per year, planned or reported as the cues
        # and the section say
        out.append(TimePhrase(s, e, p[s:e], None, "annual", "neutral"))
    for pat, ahead in ((rules.this_year, 0), (rules.next_year, 1), (rules.last_year, -1)):
        for m in _search(pat, p, a, b, seg):
            s, e = m.start() + a, m.end() + a
            if in_spans(s, protected):
                continue
            pre = c[max(0, s - 2):s]
            if rules.relative_compared_with.search(pre):
                baselines.append((s - 1, e))     # "比去年增加422亿元": last year is the base
                continue
            if pre.endswith(rules.from_before) and rules.from_change_after.match(c, e):
                continue    # "赤字率从去年的1.5%提高到2%": the start of a change
            if ahead == 0 and c.startswith(rules.since, e):
                # "今年以来": the year so far, reported
                out.append(TimePhrase(s, e, p[s:e], doc_year, "now", "past"))
                continue
            year = doc_year + ahead if doc_year is not None else None
            out.append(TimePhrase(s, e, p[s:e], year, "relative",
                                  "past" if ahead < 0 else "future"))
    for word, offset in rules.century.items():
        k = seg.find(word)
        while k >= 0 and doc_year is not None:
            # "到本世纪末" in a text of 1991: 2000
            year = (doc_year - 1) // 100 * 100 + offset
            out.append(TimePhrase(a + k, a + k + len(word), word, year, "relative",
                                  "future" if year >= doc_year else "past"))
            k = seg.find(word, k + len(word))
    for m in _search(rules.goal_period, p, a, b, seg):
        s, e = m.start("year") + a, m.end() + a
        year = int(m.group("year"))
        tense = "future" if doc_year is None or year >= doc_year else "past"
        out.append(TimePhrase(s, e, p[s:e], year, "plan", tense))
    for m in _search(rules.now, p, a, b, seg):
        s, e = m.start() + a, m.end() + a
        if in_spans(s, protected) or rules.now_frame.match(p, e):
            continue
        out.append(TimePhrase(s, e, p[s:e], doc_year, "now", "past"))
    out.sort(key=lambda t: (t.start, -t.end))
    dedup: list[TimePhrase] = []
    for t in out:
        if dedup and t.start < dedup[-1].end:
            continue
        dedup.append(t)
    return dedup, baselines


# "2024年、2025年分别": two or more years joined by 、/和/及/与 (a year ending "底"/"末" too)
_YEAR = r"(?:19|20)\d\d年(?:底|末)?"
_YEAR_LIST = re.compile(_YEAR + r"(?:[、和及与]" + _YEAR + r")+")
_YEAR_IN = re.compile(r"((?:19|20)\d\d)年")


def respective_years(p: str, a: int, b: int, qs: list[Quantity], rules: TargetRules,
                     doc_year: int | None) -> dict[int, TimePhrase]:
    """The year of each number of a 分别 phrase that follows a list of years, in order:
    ``{quantity start: its TimePhrase}``.

    The list ("2024年、2025年") and the 分别 must be in one phrase (no ,;。 between), and
    the numbers after 分别, up to the sentence's end, as many as the years.

    Examples
    --------
    >>> from analysis.targets.numbers import scan_quantities
    >>> from analysis.targets.rules import load_rules
    >>> rules = load_rules()
    >>> p = "营收2024年、2025年分别突破2.2万亿元、2.4万亿元。"
    >>> qs = scan_quantities(p, 0, len(p), rules, [])
    >>> sorted((p[k:k + 3], t.year) for k, t in respective_years(p, 0, len(p), qs,
    ...                                                          rules, 2024).items())
    [('2.2', 2024), ('2.4', 2025)]
    """
    out: dict[int, TimePhrase] = {}
    each = rules.respectively
    if not each:
        return out
    for m in _YEAR_LIST.finditer(p, a, b):
        k = p.find(each, m.end(), b)
        if k < 0 or re.search(r"[,;。:\n]", p[m.end():k]) or k - m.end() > 12:
            continue
        stop = re.compile(r"[;。\n]").search(p, k, b)
        end = stop.start() if stop else b
        after = [q for q in qs if k < q.start < end and not q.is_rank]
        years = [int(y) for y in _YEAR_IN.findall(m.group(0))]
        if len(after) < len(years):
            continue
        for q, year in zip(after, years, strict=False):
            tense = "future" if doc_year is None or year >= doc_year else "past"
            out[q.start] = TimePhrase(m.start(), m.end(), m.group(0), year, "explicit", tense)
    return out


# a time phrase that opens a paragraph has at most this many characters before it
_OPENING_LEAD = 6


def review_year(p: str, start: int, pos: int, rules: TargetRules, doc_year: int | None,
                protected: list[tuple[int, int]], *,
                cache: dict[int, tuple[int, int | None]] | None = None) -> int | None:
    r"""The year a review section reports for a result at ``pos`` that has no time of its
    own, or None: the last past time phrase of the section's heading line (at ``start``:
    "一、2022年工作回顾", "“十三五”时期回顾") or one that opens a paragraph of the section
    before ``pos`` ("2020年,我们…", "过去五年,…", "“十三五”时期是…").

    ``cache`` (one dict per document) keeps, per section start, how far the text was read
    and the year found so far, so that the results of one section, asked in text order, read
    its text once.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> p = "一、2022年工作回顾\n地区生产总值增长5%。"
    >>> review_year(p, 0, p.index("5%"), load_rules(), 2023, [])
    2022
    """
    head_end = p.find("\n", start, pos)
    head_end = pos if head_end < 0 else head_end

    def last_opening(a: int, b: int, found: int | None) -> int | None:
        for t in find_times(p, a, b, rules, doc_year, protected)[0]:
            if t.year is None or t.basis == "annual" or t.tense == "future":
                continue
            if doc_year is not None and t.year > doc_year:
                continue
            line = p.rfind("\n", 0, t.start) + 1
            if t.start < head_end or len(p[line:t.start].strip()) <= _OPENING_LEAD:
                found = t.year
        return found

    read_to, found = (cache or {}).get(start, (start, None))
    if pos < read_to:
        read_to, found = start, None
    # whole lines are read once; the line of ``pos`` again at each call
    line_start = max(read_to, p.rfind("\n", 0, pos) + 1)
    found = last_opening(read_to, line_start, found)
    if cache is not None:
        cache[start] = (line_start, found)
    return last_opening(line_start, pos, found)


def _heading_number(m: re.Match[str] | None) -> tuple[str, float] | None:
    """The style and number of a numbered heading line ("(二)" -> ("paren_cn", 2))."""
    if m is None:
        return None
    style = m.lastgroup or ""
    n = to_number(m.group(style)) if style else None
    return None if n is None else (style, n)


def box_spans(p: str, rules: TargetRules) -> list[tuple[int, int]]:
    r"""The spans of the boxes (专栏) of text ``p``: from a box's first line up to a blank
    line, a chapter or section line, or a heading that resumes the outline around the box
    ("(二)" after a "(一)" before the box) (``[patterns]`` box_line, box_end and
    box_heading of the rules), sorted.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> p = "(一)目标\n到2025年,达到5家。\n专栏1 重大工程\n1.建设实验室10家。\n(二)产业"
    >>> [p[s:e] for s, e in box_spans(p, load_rules())]
    ['专栏1 重大工程\n1.建设实验室10家。']
    """
    start_pat, end_pat, head_pat = rules.box_line, rules.box_end, rules.box_heading
    spans: list[tuple[int, int]] = []
    if not may_match(start_pat, p, 0, len(p)):
        return spans    # no line can open a box
    last: dict[str, float] = {}     # the last number of each heading style outside boxes
    open_at = -1
    pos = 0
    for line in p.split("\n"):
        head = _heading_number(head_pat.match(line))
        if open_at >= 0 and (end_pat.match(line) or start_pat.match(line) or (
                head is not None and last.get(head[0]) == head[1] - 1)):
            spans.append((open_at, pos - 1))
            open_at = -1
        if open_at < 0 and start_pat.match(line):
            open_at = pos
        if open_at < 0 and head is not None:
            last[head[0]] = head[1]
        pos += len(line) + 1
    if open_at >= 0:
        spans.append((open_at, len(p)))
    return spans
