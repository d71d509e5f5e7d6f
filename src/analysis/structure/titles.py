"""Parts of a document titled without a number (older and court work reports).

Some reports title their parts with a short line alone and no number (``关于过去五年的工作``,
``2023年主要工作``, ``一九六五年的主要任务``), in a text that numbers nothing or above a
``一、`` outline. :func:`untitled_parts` and :func:`parts_over` find such titles;
:mod:`analysis.structure.marks` makes them outline items with an empty label.

Examples
--------
>>> from analysis.structure.lines import split_lines
>>> from analysis.structure.rules import load_structure_rules
>>> p = "这一年，全市经济运行总体平稳，主要指标好于预期。"
>>> text = "\\n".join(["各位代表：", p, "关于过去五年的工作", p, p,
...                   "关于今后的任务", p, p, "关于政府自身建设", p, p])
>>> rules = load_structure_rules()
>>> [text[a:b] for a, b in untitled_parts(text, split_lines(text), rules=rules)]
['关于过去五年的工作', '关于今后的任务', '关于政府自身建设']
"""

from __future__ import annotations

import re
from typing import Protocol

from analysis.structure.labels import ENUM_STYLES, LINE_LABEL_RE, STYLES
from analysis.structure.lines import strip_span
from analysis.structure.rules import StructureRules

__all__ = ["alone_title", "parts_over", "untitled_parts"]

Lines = list[tuple[int, int]]


class _Label(Protocol):
    """What these rules read of an outline mark (:class:`~analysis.structure.marks.Mark`)."""

    pos: int
    kind: str
    style: str
    number: int | None
    midline: bool


#: the longest title of a heading alone on its line whose label lost its 、
_BARE_TITLE_CHARS = 30
_SENTENCE_PUNCT = re.compile(r"[。；;：:，,！!？?]")


def alone_title(rest: str) -> bool:
    """Whether ``rest`` is a short title alone on its line (no sentence punctuation).

    Examples
    --------
    >>> alone_title("总体要求"), alone_title("各地要加强领导，狠抓落实。")
    (True, False)
    """
    rest = rest.strip()
    return 0 < len(rest) <= _BARE_TITLE_CHARS and not _SENTENCE_PUNCT.search(rest)


#: the fewest parts titled without a number that make an outline
_UNTITLED_MIN = 3
#: the fewest characters of such a title besides its year
_TITLE_WORDS = 2
#: a paragraph around an untitled part's title: at least this long, ending a sentence
_PARAGRAPH_CHARS = 15
_SENTENCE_END = re.compile(r"[。！!？?]$")
#: the least an untitled part holds: this many lines, or this many characters
_PART_LINES, _PART_CHARS = 2, 100


def untitled_parts(text: str, lines: Lines, *, rules: StructureRules
                   ) -> list[tuple[int, int]]:
    """Parts titled without a number, in a document that numbers nothing: titles alone on
    their lines (short, no sentence punctuation, no digits but a year and two characters
    besides it (:func:`_year_title`), no byline or caption word of
    ``[outline] byline_words``) between two paragraphs, at least :data:`_UNTITLED_MIN` of
    them (``关于过去五年的工作`` … ``关于外交工作`` in older work reports), each part holding
    at least :data:`_PART_LINES` lines or :data:`_PART_CHARS` characters. Each becomes a
    level-1 item with an empty label, numbered in order: the spans of the titles.

    Examples
    --------
    >>> from analysis.structure.lines import split_lines
    >>> from analysis.structure.rules import load_structure_rules
    >>> p = "这一年，全省粮食生产获得丰收，工业生产稳步增长。"
    >>> text = "\\n".join(["代表们：", p, "一九七九年的工作", p, p, "一九八〇年的任务", p, p,
    ...                   "关于政府工作", p, p])
    >>> spans = untitled_parts(text, split_lines(text), rules=load_structure_rules())
    >>> [text[a:b] for a, b in spans]
    ['一九七九年的工作', '一九八〇年的任务', '关于政府工作']
    """
    rows = _rows(text, lines)
    found = [k for k, (a, b, s) in enumerate(rows)
             if _year_title(s, rules)
             and _title_alone(s, rules)
             and _paragraph(rows, k - 1, _SENTENCE_END)
             and _paragraph(rows, k + 1, _SENTENCE_END)]
    if len(found) < _UNTITLED_MIN:
        return []
    for k, nxt in zip(found, [*found[1:], len(rows)], strict=True):
        body = rows[k + 1:nxt]
        if len(body) < _PART_LINES and sum(len(s) for _a, _b, s in body) < _PART_CHARS:
            return []
    return [rows[k][:2] for k in found]


#: a paragraph around the title of a part above a numbered outline: at least this long,
#: ending a sentence or announcing a list (重点做好以下工作：)
_PARAGRAPH_END = re.compile(r"[。！!？?:：]$")


def parts_over(marks: list[_Label], text: str, lines: Lines, *,
               rules: StructureRules) -> list[tuple[int, int]]:
    """Parts titled without a number above a ``一、`` outline: short lines alone between
    two paragraphs, ending with a word of ``[outline] part_title_ends`` (``2023年主要工作``
    … ``2024年工作安排``), that read as one series (:func:`_alike`), neither a box's first
    line, a caption nor the attached document's title after an issuing sentence, at least
    two of them (:func:`_holds`), and a work report's closing title after them
    (``[outline] closing_part_title``: 全面加强政府自身建设); or, where the ``一、`` numbering
    starts again under each title, titles that need not read as a series
    (:func:`_restarted`). Each becomes a ``part`` item with an empty label, numbered in order
    (the spans of the titles); nothing where a style above ``一、`` is in use.

    Examples
    --------
    >>> from analysis.structure.lines import split_lines
    >>> from analysis.structure.marks import line_marks
    >>> from analysis.structure.rules import load_structure_rules
    >>> p = "这一年，全省经济运行总体平稳。"
    >>> text = "\\n".join(["代表们：", p, "调整工作的基本完成", "一、农业恢复。" + p,
    ...                   "二、工业提高。" + p, "明年的主要任务", "一、发展农业。" + p,
    ...                   "二、安排工业。" + p])
    >>> marks, _back, _parts = line_marks(text, split_lines(text), rules=load_structure_rules())
    >>> [(mk.style, mk.number, mk.label) for mk in marks][:3]
    [('part', 1, ''), ('l1', 1, '一、'), ('l1', 2, '二、')]
    """
    labels = [mk for mk in marks if mk.kind == "label" and mk.style not in ENUM_STYLES]
    if not rules.part_title_ends or any(STYLES[mk.style].rank < STYLES["l1"].rank
                                        for mk in labels):
        return []
    tops = [mk for mk in labels if mk.style == "l1" and not mk.midline]
    rows = _rows(text, lines)
    titles = [(a, b) for k, (a, b, s) in enumerate(rows)
              if s.endswith(rules.part_title_ends) and _between(rows, k, rules)]
    if _alike([text[a:b] for a, b in titles], rules) and _holds(titles, tops, len(text)):
        # a work report's last part (全面加强政府自身建设) closes the series
        closing = [(a, b) for k, (a, b, s) in enumerate(rows)
                   if a > titles[-1][0] and rules.closing_part_title.search(s)
                   and _between(rows, k, rules)]
        return titles + closing[:1] if _holds(titles + closing[:1], tops, len(text)) \
            else titles
    return _restarted(rows, tops, len(text), rules)


def _between(rows: list[tuple[int, int, str]], k: int, rules: StructureRules) -> bool:
    """Whether row ``k`` may title a part: a short title alone (:func:`_title_alone`), no
    date, between two paragraphs, and not the attached document's title on the line after
    an issuing sentence."""
    s = rows[k][2]
    return (_title_alone(s, rules) and not rules.date_line.match(s)
            and _paragraph(rows, k - 1, _PARAGRAPH_END) and _paragraph(rows, k + 1, _PARAGRAPH_END)
            and not rules.notice_phrase.search(rows[k - 1][2]))


def _holds(titles: list[tuple[int, int]], tops: list[_Label], end: int) -> bool:
    """Whether the parts ``titles`` hold the ``一、`` items ``tops``: at least two titles,
    the first before the first item, two items or more in the first part, and the items
    never running on across a title (absent after it, or starting again at 一)."""
    if len(titles) < 2 or not tops or tops[0].pos < titles[0][0] \
            or sum(titles[0][0] < mk.pos < titles[1][0] for mk in tops) < 2:
        return False
    for (a, _b), nxt in zip(titles[1:], [*titles[2:], (end, 0)], strict=True):
        after = [mk for mk in tops if a < mk.pos < nxt[0]]
        if after and after[0].number != 1:
            return False
    return True


def _restarted(rows: list[tuple[int, int, str]], tops: list[_Label], end: int,
               rules: StructureRules) -> list[tuple[int, int]]:
    """Parts titled without a number whose titles need not read as one series, where the
    ``一、`` numbering starts again under each of them (``国民经济调整工作的基本完成`` 一、…三、
    ``一九六五年的主要任务`` 一、…四、 ``加强人民委员会的工作`` 一、…): titles alone between
    paragraphs, no digits but a year (:func:`_year_title`), no document's title
    (``[outline] document_title``), at least two, the first before the first item, each
    holding items numbered 1, 2 … in a run, two at least, none before the first title."""
    titles = [(a, b) for k, (a, b, s) in enumerate(rows)
              if _between(rows, k, rules) and _year_title(s, rules)
              and not rules.document_title.search(s)]
    if len(titles) < 2 or not tops or tops[0].pos < titles[0][0]:
        return []
    for (a, _b), nxt in zip(titles, [*titles[1:], (end, 0)], strict=True):
        numbers = [mk.number for mk in tops if a < mk.pos < nxt[0]]
        if len(numbers) < 2 or numbers != list(range(1, len(numbers) + 1)):
            return []
    return titles


def _rows(text: str, lines: Lines) -> list[tuple[int, int, str]]:
    """The non-blank lines of ``text``: stripped start, end and text."""
    return [(a, b, text[a:b]) for a, b in (strip_span(text, *ln) for ln in lines) if b > a]


def _paragraph(rows: list[tuple[int, int, str]], k: int, end: re.Pattern[str]) -> bool:
    """Whether row ``k`` is a paragraph: at least :data:`_PARAGRAPH_CHARS` long, its end
    matching ``end``."""
    return 0 <= k < len(rows) and len(rows[k][2]) >= _PARAGRAPH_CHARS and bool(
        end.search(rows[k][2]))


def _year_title(s: str, rules: StructureRules) -> bool:
    """Whether the digits of a title are its year alone (``[outline] title_year``:
    2023年工作回顾, 2021—2023年工作回顾, 二〇二三年工作回顾), no figure left besides it
    (``[outline] title_figure``: a digit, 一九六五年五月 of a date), with
    :data:`_TITLE_WORDS` characters besides it (not a year alone, 2024年)."""
    rest = rules.title_year.sub("", s)
    return not rules.title_figure.search(rest) and len(rest.strip()) >= _TITLE_WORDS


def _title_alone(s: str, rules: StructureRules) -> bool:
    """Whether line ``s`` may title a part without a number: a short title alone (no
    sentence punctuation, no outline label), neither a box's first line (专栏1 …), a
    table caption, nor a byline or photo caption."""
    return (len(s) >= 4 and alone_title(s) and not LINE_LABEL_RE.match(s)
            and not rules.box_line.match(s) and not rules.table_caption.match(s)
            and not any(w in s for w in rules.byline_words))


def _alike(titles: list[str], rules: StructureRules) -> bool:
    """Whether the titles of parts above a numbered outline read as one series: all open
    with a year or a time word (``[outline] part_title_time``) (2023年主要工作 …
    2024年工作安排, 一年来的主要工作 … 今年的主要任务), or all end in the same word."""
    if all(rules.part_title_time.match(t) for t in titles):
        return True
    return len({next((w for w in rules.part_title_ends if t.endswith(w)), "")
                for t in titles}) == 1
