"""Numbers: every quantity of a text span, with its value, unit and comparator.

:func:`scan_quantities` finds a number followed by a unit of ``[units] map`` ("160家",
"1.2%", "50—100名", "6%-6.5%", "前3位"), a fraction ("1/3", read as a percentage), a bare number
that ends a "比重达到…" phrase (a percentage), a percentage written out ("百分之二十") and
the idiom "实现0的突破" (value 0, comparator ``>``). Numbers in protected spans (titles,
quotations), ordinals ("第3批"), counted nouns that are no quantity ("2个指标") and
programme names ("100户企业上市培育工程") are skipped. Chinese numerals are read by
:func:`analysis.text.chars.cn_to_int`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.targets.context import PHRASE_END, in_spans
from analysis.targets.prefilter import matches
from analysis.targets.rule_reader import memo_once
from analysis.targets.rules import TargetRules
from analysis.text.chars import CN_NUMERAL_CHARS, HAN, cn_to_int
from analysis.text.pattern_starts import first_chars

__all__ = ["Quantity", "scan_quantities", "to_number"]

_HAN_CHAR = re.compile("[" + HAN + "]")


def to_number(s: str) -> float | None:
    """The value of ``"12"``, ``"1.5"``, ``"1/4"`` or a Chinese numeral, else None.

    A number too large to be a finite float (hundreds of digits) is no value: None.

    Examples
    --------
    >>> to_number("1.5"), to_number("1/4"), to_number("十二"), to_number("两"), to_number("x")
    (1.5, 0.25, 12.0, 2.0, None)
    >>> to_number("9" * 400) is None
    True
    """
    s = s.strip()
    if not s:
        return None
    if "/" in s:
        a, _, b = s.partition("/")
        na, nb = to_number(a), to_number(b)
        if na is None or not nb:
            return None
        return na / nb
    if s[0].isdigit():
        try:
            value = float(s)
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    n = cn_to_int(s)
    if n is None:
        return None
    try:
        value = float(n)
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


@dataclass
class Quantity:
    """A number found in the text, and what later steps learn about it."""

    start: int          # the number
    end: int
    full_end: int       # after unit and trailing comparator
    text: str
    value: float
    low: float = math.nan
    high: float = math.nan
    unit: str = ""
    comparator: str = "="
    is_rank: bool = False
    consumed: bool = False
    multiplier: float = math.nan
    baseline_value: float = math.nan
    baseline_year: int | None = None
    change_value: float = math.nan
    notes: list[str] = field(default_factory=list)
    indicator: str = ""
    special: str = ""


def _after_comparator(post: str, rules: TargetRules, default: str) -> str:
    if post in rules.approx_after:
        return "≈"
    if post in rules.at_least_after:
        return "≥"
    if post in rules.at_most_after:
        return "≤"
    return default


def _bare_reading(p: str, s: int, e: int, b: int, rules: TargetRules) -> str | None:
    """What a number with no unit at ``p[s:e]`` measures, read from the words before it,
    where it ends its phrase (or stands before a comparator word): ``"index"`` after
    指数 … 达到 (or 降至 …), ``"percent"`` after 比重/比例 … 达到, else None (no quantity)."""
    right = p[e:e + 1]
    if not (right == "" or right in PHRASE_END or e >= b):
        return None
    before = p[max(0, s - 12):s]
    if rules.implied_index.search(before):
        return "index"
    if rules.implied_percent.search(before):
        return "percent"
    return None


def _figure_number(p: str, s: int, rules: TargetRules) -> bool:
    """Whether the number at ``s`` numbers a figure ("图1", "图 2"): the word opens a line or
    follows no Han character (a word ending in it, "蓝图3个", counts plans)."""
    t = s - 1 if p[s - 1:s] == " " else s
    for word in rules.figure:
        k = t - len(word)
        if k >= 0 and p.startswith(word, k) and not (k > 0 and _HAN_CHAR.match(p, k - 1)):
            return True
    return False


def scan_quantities(p: str, a: int, b: int, rules: TargetRules,
                    protected: list[tuple[int, int]]) -> list[Quantity]:
    """Every quantity in ``p[a:b]`` (prepared text), sorted by position.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> p = "高新技术企业达到160家以上,力争进入全省前3位。"
    >>> [(q.text, q.unit, q.comparator, q.is_rank)
    ...  for q in scan_quantities(p, 0, len(p), load_rules(), [])]
    [('160', '家', '≥', False), ('3', '位', '≤', True)]
    """
    out: list[Quantity] = []
    if not _number_start(rules.magnitudes).search(p, a, b):
        return out   # both patterns below need a digit, a numeral or a magnitude
    seg = p[a:b]
    magnitudes = rules.magnitudes
    candidates, percents = _span_matches(seg, rules)
    if not candidates and not percents:
        return out   # most spans: numerals inside words only ("统一", "进一步")
    for m in candidates:
        num, unit_raw, post, num2 = m.group("num", "unit", "post", "num2")
        s, e = m.start() + a, m.end() + a
        if (not unit_raw and not num2 and "/" not in num and num not in magnitudes
                # a number inside a phrase has no 比重 or index reading (_bare_reading)
                and ((e < b and p[e:e + 1] not in PHRASE_END)
                     or _bare_reading(p, s, e, b, rules) is None)
                and not (num[0].isdigit() and rules.shared_relative.match(p, m.end("num") + a))
                and rules.breakthrough.match(p, s) is None):
            # no unit, fraction, range, 比重 or index phrase, no unit shared with the next
            # number and no 实现0的突破: every check below ends in ``continue`` for it
            continue
        unit_raw, post = unit_raw or "", post or ""
        if unit_raw:
            longer = _longer_unit(p, m.start("unit") + a, unit_raw, rules)
            if longer is not None:
                unit_raw, e, post = longer
        if m.group("mag"):
            # "1千余家": the magnitude before 余/多 belongs to the unit after it
            if not unit_raw or m.group("mag") + unit_raw not in rules.units:
                continue
            unit_raw = m.group("mag") + unit_raw
        before = p[max(0, s - 1):s]
        if before and (before.isascii() and (before.isalnum() or before in "./&")):
            continue
        # "5G", "10M宽带": a digit run into Latin letters is a name or another unit; a
        # unit of the table ends the quantity ("100%BIM交付")
        unit_alpha = not unit_raw or (unit_raw[-1].isascii() and unit_raw[-1].isalpha())
        if (e < len(p) and p[e:e + 1].isascii() and p[e:e + 1].isalpha() and not post
                and unit_alpha):
            continue
        ordinal = p.endswith(rules.ordinal, 0, s) or _figure_number(p, s, rules)
        special = rules.breakthrough.match(p, s)
        if special and special.end("num") == s + len(num):
            # "实现0的突破": read even inside quotation marks
            if not ordinal:
                out.append(Quantity(s, s + len(num), special.end(), num, to_number(num) or 0.0,
                                    comparator=">", special="breakthrough"))
            continue
        no_unit = (not unit_raw and "/" not in num and num not in rules.magnitudes
                   and not m.group("num2"))
        shared = (rules.shared_relative.match(p, m.end("num") + a)
                  if num[0].isdigit() and (no_unit or unit_raw == "个") else None)
        if shared is not None and (no_unit or shared.group("own")):
            # "提升3.3和2.3个百分点", "提升31.1个和26.3个百分点": the unit of the next number
            unit_raw, no_unit, e = shared.group("unit"), False, m.end("num") + a + (
                len(shared.group("own") or ""))
        reading = _bare_reading(p, s, e, b, rules) if no_unit else None
        if no_unit and reading is None:
            continue   # no unit, fraction, range, 比重 or index: no quantity
        # "万项技改", "近万次": a bare 万 before a counting unit is one 万项, one 万次
        # ("万人发明专利拥有量" at a phrase's start is a rate per 万人, not a count)
        # (a magnitude that is a numeral of its own, "近千家", stays the number 1000)
        bare = (num in rules.magnitudes and not m.group("num2") and not _numeral(num)
                and (num + unit_raw) in rules.units and unit_raw not in rules.digits_only
                and s > 0 and _HAN_CHAR.match(p, s - 1)
                and rules.cn_numeral_context.search(p[max(0, s - 4):s]))
        if bare:
            unit_raw = num + unit_raw
        if not num[0].isdigit():
            if num in rules.cn_not_numbers or (to_number(num) is None and not bare):
                continue
            if not bare and (rules.units.get(unit_raw, unit_raw) in rules.money
                             or unit_raw in rules.magnitudes
                             or unit_raw in rules.digits_only):
                continue
            if not rules.cn_numeral_context.search(p[max(0, s - 4):s]):
                continue
        if in_spans(s, protected):
            continue
        value = 1.0 if bare else to_number(num)
        if value is None:
            continue
        sep, num2 = m.group("sep"), m.group("num2")
        high = to_number(num2) if num2 else None
        num_end = m.start("num") + a + len(num)
        if num2 and high is not None and not (sep in rules.range_words and not unit_raw):
            num_end = m.end("num2") + a
        elif num2:
            # "2至3年": not a counted range (no unit); keep the first number only
            high = None
            e = num_end
            unit_raw, post = "", ""
        if len(unit_raw) == 1 and rules.unit_word_start.match(p, e - len(post) - 1):
            continue   # "12 单位名称", "31 根据…": the unit begins a word
        unit = rules.units.get(unit_raw, unit_raw)
        q = Quantity(s, num_end, e, p[s:num_end], value, unit=unit)
        if high is not None:
            q.low, q.high = value, high
            q.comparator = "range"
        if "/" in num and not unit:
            q.value = value * 100
            q.unit = "%"
            q.notes.append("fraction as %")
        elif not unit:
            if not no_unit:
                reading = _bare_reading(p, s, e, b, rules)
            if reading is None:
                continue
            if reading == "index":
                q.notes.append("index value, no unit")
            else:
                q.unit = "%"
                q.notes.append("unit % implied by 比重")
        if m.group("approx"):
            q.comparator = "≥" if q.comparator == "=" else q.comparator
        if post:
            q.comparator = _after_comparator(post, rules, q.comparator)
        top = p.endswith(rules.rank_top, 0, s)
        if unit_raw in rules.rank_units or unit == rules.rank_unit:
            # a bare "100位" before a noun counts people ("100位左右企业类人才")
            bare = unit_raw == rules.rank_unit and not _noun_after(p, e)
            if top or ordinal or rules.rank_before.search(p[max(0, s - 6):s]) or bare:
                q.is_rank = True
                q.unit = rules.rank_unit
                if top and q.comparator == "=":
                    q.comparator = "≤"
        elif ordinal:
            continue
        if q.unit and not q.is_rank:
            if rules.not_counted.match(p[e:e + 6]):
                continue
            tail = rules.programme_end.split(p[e:e + 16], maxsplit=1)[0]
            # a name never carries a comparator: "50场左右路演行动" counts events
            if rules.programme.search(tail) and q.comparator == "=":
                continue
        out.append(q)
    # "百分之二十" / "百分之15": a percentage written out
    for m in percents:
        s, e = m.start("num") + a, m.end("num") + a
        value = to_number(m.group("num"))
        if value is None or in_spans(s, protected) or any(q.start <= s < q.full_end
                                                          for q in out):
            continue
        q = Quantity(s, e, m.end() + a, p[s:e], value, unit="%")
        q.comparator = _after_comparator(m.group("post") or "", rules, q.comparator)
        out.append(q)
    out.sort(key=lambda q: q.start)
    return _join_unit_ranges(p, out)


# what the two patterns of :func:`scan_quantities` find in a span, by the span's text, for
# the rules they were read with, while one call of the stage runs
# (:func:`~analysis.targets.rule_reader.memo_once`): the matches depend on the span's text
# alone (each pattern is searched in the slice), and the same clause text comes back in
# many documents (boilerplate, a plan quoted by the documents that carry it out). Emptied
# when the kept texts pass ``_SPAN_CHARS`` characters.
_SPAN_CHARS = 8_000_000


def _span_matches(seg: str, rules: TargetRules
                  ) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The quantity pattern's matches in ``seg`` that may be quantities, and the percent
    pattern's matches (read once per distinct span text).

    A match is left out only where :func:`scan_quantities` drops it on its first test
    whatever the text around the span says: no unit, fraction, range or magnitude, a
    character inside the span after it that is no phrase end, and neither a joiner of a
    shared unit (:func:`~analysis.text.pattern_starts.first_chars` of ``shared_relative``)
    after a number in digits nor a character that can begin ``breakthrough`` at its start.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> qs, pcts = _span_matches("统一建设160家,百分之二十", load_rules())
    >>> [m.group("num") for m in qs], [m.group("num") for m in pcts]
    (['160', '二十'], ['二十'])
    """
    return memo_once("span_matches", rules, seg, lambda: _read_span(seg, rules),
                     limit=_SPAN_CHARS, size=len(seg))


def _read_span(seg: str, rules: TargetRules
               ) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    magnitudes = rules.magnitudes
    joiner = first_chars(rules.shared_relative)
    special = first_chars(rules.breakthrough)
    n = len(seg)
    kept = []
    for m in matches(rules.quantity, seg):
        num, unit_raw, num2 = m.group("num", "unit", "num2")
        e = m.end()
        if (not unit_raw and not num2 and "/" not in num and num not in magnitudes
                and e < n and seg[e] not in PHRASE_END
                and not (num[0].isdigit() and (joiner is None
                                               or joiner.match(seg, m.end("num")))
                         )
                and special is not None and not special.match(seg, m.start())):
            continue
        kept.append(m)
    return kept, list(rules.percent.finditer(seg))


@lru_cache(maxsize=8)
def _number_start(magnitudes: frozenset[str]) -> re.Pattern[str]:
    """A digit, a Chinese numeral character or a magnitude word: what every number of
    :func:`scan_quantities` starts with (none in a span: no quantity there).

    Examples
    --------
    >>> [bool(_number_start(frozenset({"万"})).search(s)) for s in ("近万次", "统一", "推进")]
    [True, True, False]
    """
    words = sorted(magnitudes, key=len, reverse=True)
    return re.compile("|".join([r"[\d" + CN_NUMERAL_CHARS + "]",
                                *(re.escape(w) for w in words if w)]))


def _after_word(p: str, k: int, rules: TargetRules) -> str:
    """The longest comparator word written right after a quantity (以上, 左右 …) at ``k``."""
    words = rules.approx_after | rules.at_least_after | rules.at_most_after
    return max((w for w in words if p.startswith(w, k)), key=len, default="")


def _longer_unit(p: str, k: int, unit_raw: str,
                 rules: TargetRules) -> tuple[str, int, str] | None:
    """A unit of the table longer than ``unit_raw`` (which starts at ``k``), read across
    one space of a joined line break ("650万标准机 架") or across 多/余 after a magnitude
    ("1万多项": 万项 with 多 as 余): ``(unit, end, comparator word)``, or None.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> _longer_unit("超过650万标准机 架,近5年", 5, "万", load_rules())
    ('万标准机架', 11, '')
    >>> _longer_unit("实现1万多项高频应用", 3, "万", load_rules())
    ('万项', 6, '多')
    >>> _longer_unit("投入1万元 项目", 3, "万元", load_rules()) is None
    True
    """
    window = p[k:k + 12]
    skip = -1
    inside = _one_char_words(rules.at_least_after)
    if unit_raw in rules.magnitudes and window[len(unit_raw):len(unit_raw) + 1] in inside:
        skip = len(unit_raw)
    else:
        gap = window.find(" ")
        if 0 < gap < len(window) - 1 and window[gap + 1] != " ":
            skip = gap
    if skip < 0:
        return None
    joined = window[:skip] + window[skip + 1:]
    for size in range(len(joined), len(unit_raw), -1):
        unit = joined[:size]
        if unit in rules.units and size > skip:
            end = k + size + 1
            after = _after_word(p, end, rules)
            return unit, end + len(after), (window[skip] if window[skip] != " " else after)
    return None


@lru_cache(maxsize=8)
def _one_char_words(words: frozenset[str]) -> frozenset[str]:
    """The words of one character of ``words`` (read once per word list).

    Examples
    --------
    >>> sorted(_one_char_words(frozenset({"多", "余", "以上"})))
    ['余', '多']
    """
    return frozenset(w for w in words if len(w) == 1)


def _numeral(s: str) -> bool:
    """Whether ``s`` is written in the characters of Chinese numerals (千, 十, 三千 …)."""
    return all(ch in CN_NUMERAL_CHARS for ch in s)


def _noun_after(p: str, e: int) -> bool:
    """A Han character (a counted noun) right after the quantity ending at ``e``."""
    return e < len(p) and "\u4e00" <= p[e] <= "\u9fff"


# "6%-6.5%", "6%－6.5%": two numbers of one unit joined by a dash make one range
_UNIT_RANGE_SEP = frozenset({"-", "—", "－", "~", "～", "至", "到"})


def _join_unit_ranges(p: str, qs: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if (prev is not None and prev.unit and prev.unit == q.unit and not prev.is_rank
                and prev.comparator == "=" and math.isnan(prev.high)
                and p[prev.full_end:q.start].strip() in _UNIT_RANGE_SEP
                and q.value > prev.value):
            prev.low, prev.high, prev.comparator = prev.value, q.value, "range"
            prev.end, prev.full_end = q.end, q.full_end
            prev.text = p[prev.start:prev.end]
            continue
        out.append(q)
    return out
