"""The document being read: its prepared text, protected spans, sentences and phrases.

Extraction works on a *prepared* copy of the text: full-width digits and punctuation made
half-width one character for one character, so every offset is also an offset into the
caller's text. Text inside 《》, 〔〕, “” … (titles, document numbers, slogans) is
*protected*: numbers there are never targets. Sentences end at 。;!? and line breaks;
phrases also end at , : and ``|``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

import numpy as np

from analysis.targets.indicators import IndicatorMapping
from analysis.targets.rules import TargetRules

__all__ = [
    "MAX_SPAN",
    "PHRASE_END",
    "SENTENCE_END",
    "DocumentContext",
    "clamp_span",
    "in_spans",
    "join_wrapped_lines",
    "phrase_bounds",
    "prepare_text",
    "protected_spans",
    "sentence_spans",
]

#: Characters that end a sentence (in prepared text).
SENTENCE_END = "。;!?\n"
#: Characters that end a phrase: a sentence end, or , : and the ``|`` of flattened tables.
PHRASE_END = SENTENCE_END + ",:|"

# one character for one character, so offsets stay offsets into the caller's text
_PREP_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_PREP_TABLE.update({0x3000: 0x20, 0x3001: ord("、"), 0x2014: ord("—"), 0x2015: ord("—"),
                    0x2013: ord("—"), 0xFF5E: ord("~"), 0x301C: ord("~"), 0x3002: ord("。"),
                    0xFF61: ord("。"), 0xFE50: ord(","), 0xFE51: ord("、")})

#: How far (in characters) a number's context reaches on each side: its phrase, and its
#: sentence when that is longer (a text without punctuation is read in windows).
MAX_SPAN = 300

_PROTECT_PAIRS = {"《": "》", "〔": "〕", "“": "”", "〈": "〉", "<": ">"}
_PROTECT_CHARS = re.compile("[" + re.escape("".join(_PROTECT_PAIRS)
                                             + "".join(_PROTECT_PAIRS.values())) + "\n]")
_PROTECT_OPENERS = re.compile("[" + re.escape("".join(_PROTECT_PAIRS)) + "]")
_SENTENCE_END_RE = re.compile("[" + re.escape(SENTENCE_END) + "]")


def prepare_text(text: str) -> str:
    """Half-width digits and punctuation, same length as ``text``.

    Examples
    --------
    >>> prepare_text("达到１６０家，")
    '达到160家,'
    """
    if len(text) < _PREP_MIN_LEN:
        return text.translate(_PREP_TABLE)
    # the same mapping over the code points as an array (str.translate with a dict looks
    # each character up in Python: 0.2 microseconds a character); surrogates pass through
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out = np.where(codes <= 0xFFFF, _PREP_LUT[np.minimum(codes, 0xFFFF)], codes)
    return out.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


# prepare_text's mapping for every code point of the Basic Multilingual Plane (where all
# of _PREP_TABLE's keys are), and the length from which the array path pays
_PREP_LUT = np.arange(0x10000, dtype=np.uint32)
_PREP_LUT[list(_PREP_TABLE)] = list(_PREP_TABLE.values())
_PREP_MIN_LEN = 256


# a line that starts an item or a section (it is never a continuation of the line above)
_ITEM_START = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d+(?:\.\d+)*[.、．](?!\d)|第[一二三四五六七八九十百\d]+[章节条部篇]|[—\-─●•■◆①-⑳]|专栏|附件|表\d|图\d)")
_PAGE_NUMBER = re.compile(r"[ \t]*[-—]?\s*\d{1,3}\s*[-—]?[ \t]*")
# how far short of the usual width a wrapped line may end, and how many lines of that width
# make a hard-wrapped text (in display columns: a Han character is two)
_WRAP_SLACK = 4
_WRAP_MIN_LINES = 8


def _width(line: str) -> int:
    # two columns per character, less one per ASCII character (counted in C: the
    # characters an ASCII encoding keeps)
    s = line.rstrip()
    return 2 * len(s) - len(s.encode("ascii", "ignore"))


# punctuation made ASCII by the normalisation (full width in the source), and the ASCII
# letters and digits, as bytes to count with bytes.translate (in C)
_ASCII_PUNCT = b",;:()!?"
_ASCII_ALNUM = bytes(c for c in range(128) if chr(c).isalnum())
# a row of a table: a tab, or at least two runs of blanks between cells in a line with no
# sentence punctuation ("序号 指标名称 单位", "…增加值 亿元 500 1000 预期性")
_TABLE_ROW = re.compile(r"\t|\S[ \u3000]+\S.*?\S[ \u3000]+\S")
_PROSE_PUNCT = re.compile("[。,;:!?，；：！？、]")
# a line this much narrower than the usual width, with no punctuation, is a heading
_SHORT_HEADING = 0.5
_SENTENCE_STOP = re.compile("[。;!?]")


def _table_row(line: str) -> bool:
    body = line.strip()
    return bool(_TABLE_ROW.search(body)) and (
        "\t" in body or not _PROSE_PUNCT.search(body))


def _full_line(body: str, width: int, usual: int) -> bool:
    """A line that reaches the right margin of a text wrapped at ``usual`` columns: ASCII
    characters (digits, Latin) are set narrower than two half columns, so a line with many
    of them is allowed to fall further short ("2022 年,…15.4万亿元,同"); a line wider than
    the margin is two wrapped lines the source already ran together."""
    ascii_part = body.encode("ascii", "ignore")
    narrow = len(ascii_part) - len(ascii_part.translate(None, _ASCII_ALNUM))
    punct = len(ascii_part) - len(ascii_part.translate(None, _ASCII_PUNCT))
    if width + punct > usual + 1:
        # a heading run into the end of a long line ("…建设。(三)应用基础设施…显现")
        # stands before a paragraph of its own
        tail = _SENTENCE_STOP.split(body)[-1]
        return not (tail and _ITEM_START.match(tail))
    return width + punct >= usual - _WRAP_SLACK - narrow // 2


def join_wrapped_lines(p: str) -> str:
    """``p`` with the line breaks of a hard-wrapped (PDF-extracted) text made spaces, same
    length: a line of the text's usual width that ends without 。;!?: and is followed by a
    line that starts no item continues on that line ("…公共服⏎务平台"); a page number on a
    line of its own between the two is made spaces too. In other texts only a paragraph
    broken inside (a line of at least 30 columns that ends without punctuation, before a
    line that starts no item: "…超过60⏎万台套") is joined.

    Examples
    --------
    >>> body = "\\n".join(["建设10个左右具有行业或区域影响力的公共服"] * 8 + ["务平台。"])
    >>> join_wrapped_lines(body).count("\\n")
    0
    >>> join_wrapped_lines("一、总体要求\\n到2025年,达到5家。")
    '一、总体要求\\n到2025年,达到5家。'
    """
    lines = p.split("\n")
    widths = [_width(x) for x in lines]
    counts: dict[int, int] = {}
    for w in widths:
        if w >= 20:
            counts[w] = counts.get(w, 0) + 1
    if not counts:
        return p
    usual = max(sorted(counts), key=lambda w: counts[w])
    near = sum(c for w, c in counts.items() if usual - _WRAP_SLACK <= w <= usual + 1)
    if near < _WRAP_MIN_LINES:
        return _join_broken_paragraphs(p, lines, widths)
    blank: list[tuple[int, int]] = []
    pos = 0
    starts = []
    for x in lines:
        starts.append(pos)
        pos += len(x) + 1
    for i, x in enumerate(lines[:-1]):
        body = x.rstrip()
        if body[-1:] in "。;!?:" or not _full_line(body, widths[i], usual):
            continue
        j = i + 1
        if _PAGE_NUMBER.fullmatch(lines[j]) and j + 1 < len(lines):
            j += 1
        nxt = lines[j]
        if (not nxt.strip() or _ITEM_START.match(nxt) or _table_row(x) or _table_row(nxt)
                or (widths[j] < usual * _SHORT_HEADING and not _PROSE_PUNCT.search(nxt))):
            continue
        blank.append((starts[i] + len(x), starts[j]))
    return _blanked(p, blank)


def _blanked(p: str, spans: list[tuple[int, int]]) -> str:
    """``p`` with every character of ``spans`` (in text order) made a space.

    Examples
    --------
    >>> _blanked("ab\\ncd\\n\\nef", [(2, 3), (5, 7), (6, 7)])
    'ab cd  ef'
    """
    if not spans:
        return p
    parts, last = [], 0
    for a, b in spans:
        a = max(a, last)
        if b <= a:
            continue
        parts.append(p[last:a])
        parts.append(" " * (b - a))
        last = b
    parts.append(p[last:])
    return "".join(parts)


# a line that ends a paragraph or a heading: its last character
_LINE_END = frozenset("。;!?:,、)]}>|》”’\"'.…-—=") | frozenset("；！？：，）】」』")
# how wide (display columns) a line must be to be a broken paragraph, not a heading
_BROKEN_MIN = 30


def _join_broken_paragraphs(p: str, lines: list[str], widths: list[int]) -> str:
    """In a text that is not hard-wrapped as a whole, the line breaks inside a paragraph:
    a line of at least ``_BROKEN_MIN`` columns that ends without punctuation and starts no
    item (a heading stands alone on its line), followed by a line that starts no item
    ("…设备连接数超过7900⏎万台套"), made a space."""
    blank: list[tuple[int, int]] = []
    pos = 0
    for i, x in enumerate(lines[:-1]):
        end = pos + len(x)
        pos = end + 1
        body = x.rstrip()
        nxt = lines[i + 1]
        if (widths[i] < _BROKEN_MIN or body[-1:] in _LINE_END or not nxt.strip()
                or _ITEM_START.match(nxt) or _ITEM_START.match(x)
                or _PAGE_NUMBER.fullmatch(nxt)
                or "|" in x or "|" in nxt or _table_row(x) or _table_row(nxt)):  # tables
            continue
        blank.append((_start_of_break(x, end), end + 1))
    return _blanked(p, blank)


def _start_of_break(line: str, end: int) -> int:
    """Where the trailing spaces of a line ending at ``end`` start."""
    return end - (len(line) - len(line.rstrip()))


def protected_spans(p: str) -> list[tuple[int, int]]:
    """Spans inside 《》, 〔〕, “” … : titles, document numbers and slogans, never targets.

    Pairs nest; a line break closes every open pair. The spans are sorted and disjoint.

    Examples
    --------
    >>> protected_spans("制定《三年行动计划(2018—2020年)》,做到“两个维护”。")
    [(2, 22), (25, 31)]
    """
    spans = []
    opener = "".join(_PROTECT_PAIRS)
    stack: list[tuple[str, int]] = []
    # only openers, closers and line breaks change anything: visit just those, and with no
    # pair open only the openers (a closer or a line break then changes nothing)
    pos = 0
    while True:
        m = (_PROTECT_CHARS if stack else _PROTECT_OPENERS).search(p, pos)
        if m is None:
            return spans
        i, ch = m.start(), m.group()
        pos = i + 1
        if ch in opener and not (ch == "<" and stack):
            stack.append((ch, i))
        elif stack and ch == _PROTECT_PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif ch == "\n":
            stack.clear()


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted, disjoint: :func:`protected_spans`).

    Examples
    --------
    >>> in_spans(3, [(2, 5)]), in_spans(5, [(2, 5)])
    (True, False)
    """
    k = bisect.bisect_right(spans, (pos, math.inf))
    return k > 0 and pos < spans[k - 1][1]


def phrase_bounds(p: str, pos: int, lo: int, hi: int, stops: str) -> tuple[int, int]:
    """The run of ``p[lo:hi]`` around ``pos`` that holds none of the characters ``stops``.

    The run reaches at most :data:`MAX_SPAN` characters to each side of ``pos``, so that
    a text without punctuation costs the same per number as a normal one.

    Examples
    --------
    >>> p = "到2025年,企业达到160家。"
    >>> a, b = phrase_bounds(p, p.index("160"), 0, len(p), PHRASE_END)
    >>> p[a:b]
    '企业达到160家'
    """
    lo, hi = max(lo, pos - MAX_SPAN), min(hi, pos + MAX_SPAN)
    if lo < 0 or pos < 0 or hi < 0 or not stops:
        # negative offsets count from the end in str.find, not in a pattern's search
        return _phrase_bounds_by_find(p, pos, lo, hi, stops)
    last, first = _stop_patterns(stops)
    a = pos
    if pos > lo:
        m = last.match(p, lo, pos)  # up to and including the last stop before pos
        a = m.end() if m else lo
    b = pos
    if pos < hi:
        m = first.search(p, pos, hi)
        b = m.start() if m else hi
    return a, b


_STOP_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _stop_patterns(stops: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns of the last (greedy, from the start) and the first of ``stops``."""
    pats = _STOP_PATTERNS.get(stops)
    if pats is None:
        cls = "[" + "".join(re.escape(ch) for ch in stops) + "]"
        pats = _STOP_PATTERNS[stops] = (re.compile(f"(?s).*{cls}"), re.compile(cls))
    return pats


def _phrase_bounds_by_find(p: str, pos: int, lo: int, hi: int, stops: str) -> tuple[int, int]:
    # phrase_bounds' run by one str.rfind / str.find per stop character (lo, hi clamped)
    a = pos
    if pos > lo:
        a = max(p.rfind(ch, lo, pos) for ch in stops) + 1 or lo
    b = pos
    if pos < hi:
        b = min((k for k in (p.find(ch, pos, hi) for ch in stops) if k >= 0), default=hi)
    return a, b


def clamp_span(span: tuple[int, int], a: int, b: int) -> tuple[int, int]:
    """``span`` cut to at most :data:`MAX_SPAN` characters before ``a`` and after ``b``.

    Examples
    --------
    >>> clamp_span((0, 5000), 2000, 2003)
    (1700, 2303)
    """
    return max(span[0], a - MAX_SPAN), min(span[1], b + MAX_SPAN)


def sentence_spans(p: str, a: int, b: int) -> list[tuple[int, int]]:
    """The sentences of ``p[a:b]`` as ``(start, end)``, each with its final punctuation.

    Examples
    --------
    >>> sentence_spans("甲。乙;丙", 0, 5)
    [(0, 2), (2, 4), (4, 5)]
    """
    out = []
    s = a
    for m in _SENTENCE_END_RE.finditer(p, a, b):
        i = m.start()
        if i + 1 > s:
            out.append((s, i + 1))
        s = i + 1
    if s < b:
        out.append((s, b))
    return out


@dataclass
class DocumentContext:
    """One document as the extractor reads it.

    ``p`` is the prepared text, ``text`` the caller's (normalised) text and ``orig`` the
    same in the original script (all of one length); ``province``/``city`` are scope words
    (never indicator words); ``protected`` holds :func:`protected_spans` of ``p``.
    """

    doc_id: str
    p: str
    text: str
    orig: str
    year: int | None
    rules: TargetRules
    mapping: IndicatorMapping
    province: str = ""
    city: str = ""
    protected: list[tuple[int, int]] = field(default_factory=list)
    # the document's title from its metadata (a one-year plan's year may be only there)
    title: str = ""
    # results computed once per document and reused for every number (see kinds, phrases)
    cache: dict[object, object] = field(default_factory=dict, repr=False)
