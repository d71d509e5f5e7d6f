"""The outline grammar: the numbering styles of Chinese official documents.

Official documents number their outline in fixed ranks (GB/T 9704): ``一、`` > ``(一)`` >
``1.`` (> ``1.1`` in guides and standards) > ``(1)``, with enumerations ``一是…二是…``,
``①②`` and ``—`` dash items inside paragraphs; laws, regulations and plans use
``第X编`` / ``第X篇`` / ``第X部分`` (``【第X篇】`` in some web exports) > ``第X章`` >
``第X节`` > ``第X条``; plans and reports in traditional characters (Taiwan, Hong Kong,
Macao) put ``壹、`` (capital numerals) above ``一、``, and older reports and plans number
parts of a ``一、`` section ``甲、乙、丙、`` (the heavenly stems). Each style has a rank
(which style may contain which), a conventional level (the ``level`` column of the clause
table; the parser ranks the styles a document uses) and a way to write its part of a
``clause_id``.
The line-start patterns live in :mod:`analysis.text.line_labels` (the tab reader of the
text stage reads them too). These patterns are the grammar of the parser in
:mod:`analysis.structure.outline`: its
numbering checks, inline splitting and clause ids are written per style, so they are code,
not a rule file.

Examples
--------
>>> [label_style(s) for s in ("一、", "(二)", "3.", "(4)", "二是", "①", "第五条", "貳、")]
['一、', '(一)', '1.', '(1)', '一是', '①', '第X条', '壹、']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text.line_labels import (
    CIRCLED,
    CN_LABEL_DIGITS,
    ENUM_RE,
    LINE_LABEL_RE,
    LINE_PATTERNS,
    line_label,
)

__all__ = [
    "CAPITAL_DIGITS",
    "CIRCLED",
    "CN_LABEL_DIGITS",
    "ENUM_RE",
    "ENUM_STYLES",
    "INLINE_PATTERNS",
    "INLINE_TITLE_PATTERNS",
    "LINE_LABEL_RE",
    "LINE_PATTERNS",
    "MIDLINE_RE",
    "NAMED_RE",
    "REVERSED_FIRST",
    "SPACED_NUMBER",
    "STYLES",
    "Style",
    "label_style",
    "line_label",
    "path_part",
]

#: Capital (financial) numerals of a ``壹、`` label, in simplified and traditional forms,
#: and the heavenly stems of a ``甲、`` label (甲 is 1 … 癸 10), mapped to the ordinary
#: numerals (``str.translate`` table) so that they read as numbers.
CAPITAL_DIGITS = str.maketrans("零壹贰貳叁参參肆伍陆陸柒捌玖拾佰甲乙丙丁戊己庚辛壬癸",
                               "零一二二三三三四五六六七八九十百一二三四五六七八九十")


@dataclass(frozen=True)
class Style:
    """A numbering style of the outline.

    ``rank`` orders nesting (a smaller rank contains a larger one); ``level`` is the
    conventional outline level of the style; ``numbered`` styles are checked for skipped
    or repeated numbers.
    """

    name: str
    rank: int
    level: int
    numbered: bool


#: Every style by name.
STYLES: dict[str, Style] = {s.name: s for s in (
    Style("part", 0, 1, True),       # 第一部分, 第一篇, 第一编, 【第一篇】
    Style("chapter", 1, 1, True),    # 第一章
    Style("section", 2, 2, True),    # 第一节
    Style("article", 3, 2, True),    # 第一条
    Style("capital", 4, 1, True),    # 壹、
    Style("l1", 5, 1, True),         # 一、
    Style("stem", 6, 2, True),       # 甲、 (older reports and plans)
    Style("l2", 7, 2, True),         # (一)
    Style("l3", 8, 3, True),         # 1.
    Style("decimal", 9, 4, True),    # 1.1 (under 1.)
    Style("l4", 10, 4, True),        # (1)
    Style("named", 11, 4, True),     # 应用一: / 案例1 / 场景一、
    Style("l5", 12, 5, True),        # 1) (a pattern of resources/structure.toml)
    Style("circled", 13, 5, True),   # ①
    Style("dash", 14, 5, False),     # —坚持…
    Style("enum", 15, 5, True),      # 一是
)}
#: Styles of enumerations inside a paragraph (level 5).
ENUM_STYLES = frozenset({"circled", "dash", "enum"})

_CN = rf"[{CN_LABEL_DIGITS}]+"
#: A standards-style heading: a number, a space and a short title alone on its line
#: (``1 范围``, ``3 术语和定义``); it is an item of the ``1.`` style whose numbering must
#: follow on. Not a count (``20 个城市``), a date (``1 月``) nor the row of a table whose
#: cells are set apart by tabs (``1\t某某\t总经理``).
SPACED_NUMBER = re.compile(
    r"^([1-9]\d?)(?=[ \t\u3000]+[^\s\d.．%年月日号时个万亿千百元项家人次倍]"
    r"[^。，,；;：:！？!?、\t]{0,38}$)")
#: A first heading whose 一、 was read as a dash and put after its title by PDF
#: extraction (``总体要求-、``); group 1 is the title, group 2 the label. The parser
#: keeps it only where a 二、 follows.
REVERSED_FIRST = re.compile(r"^([^\s。，,；;：:、]{2,30}?)([-—－]、)$")
#: A named item: a word and a number (``应用一:``, ``案例1 ``, ``场景二、``), kept by
#: the parser only where the same word numbers a run 1, 2, 3 … (a style of its own,
#: ``named``); group 1 is the word, group 2 the number.
NAMED_RE = re.compile(
    rf"^([\u4e00-\u9fff]{{1,4}}?)({_CN}|\d{{1,3}})(?:[:：、.．]|[ \t\u3000]+)(?=\S)")
#: The next item of a numbered list inside a line, after a sentence end:
#: ``…方式。 3.财政…``, or for ``1.`` items after the closing bracket of a note that ends
#: the item before (``…（责任单位：市财政局）10.大力…``); group 1 is the label, group 2 its
#: number.
INLINE_PATTERNS: dict[str, re.Pattern[str]] = {
    "l2": re.compile(rf"(?<=[。;；])\s*([(（]({_CN})[)）])"),
    "l3": re.compile(r"(?<=[。;；)）])\s*((\d{1,3})[.、．])(?=[^\d\s])"),
    "l4": re.compile(r"(?<=[。;；])\s*([(（](\d{1,3})[)）])"),
    "l5": re.compile(r"(?<=[。;；])\s*((\d{1,3})[)）])(?=[^\s\d)）])"),
}
#: The next ``(一)`` item glued after a comma or a colon where PDF extraction dropped a
#: figure (``…由两部分组成，（三）基础共性标准``, ``…等内容:(二)赋能支撑标准``): only a short
#: title that ends its line; group 1 is the label, group 2 its number.
INLINE_TITLE_PATTERNS: dict[str, re.Pattern[str]] = {
    "l2": re.compile(rf"(?<=[，,：:])[ \t\u3000]*([(（]({_CN})[)）])"
                     r"(?=[^\s。；;，,：:！？!?][^\n。；;，,：:！？!?]{1,29}$)", re.M),
}
#: A part, chapter or ``一、`` heading that starts inside a line, after a sentence end: a
#: heading glued to the end of the previous paragraph (``…起草。第一章总体要求``,
#: ``…水平。三、主要内容``, ``…(省科技厅负责)四、…``, ``…阶段。【第一篇】…``), as PDF
#: extraction leaves them. Group 1 is the label, group 2 (chapter) or 4 (``一、``) the
#: number; a part (only in its bracketed form, since ``第一篇`` also occurs in prose) is
#: groups 5 and 6. The parser keeps one only where the numbering of the
#: same style expects it.
MIDLINE_RE = re.compile(
    rf"[。；;)）][ \t\u3000“”\"]*(?:(第({_CN}|\d{{1,2}})章)|(({_CN})、)(?!是)"
    rf"|(【第({_CN}|\d{{1,2}})(?:部分|篇|编)】))")
_STYLE_NAMES = {"part": "第X部分", "chapter": "第X章", "section": "第X节", "article": "第X条",
                "capital": "壹、", "stem": "甲、", "l1": "一、", "l2": "(一)", "l3": "1.",
                "decimal": "1.1", "l4": "(1)", "l5": "1)", "circled": "①",
                "dash": "—"}


def label_style(label: str) -> str:
    """The numbering style of an outline label, written as its first item (``"(一)"``).

    A label of no known style is returned as it is; so is a dash label on its own
    (``——``), since a dash counts as a label only before the text it introduces.

    Examples
    --------
    >>> label_style("（十二）"), label_style("第3章"), label_style("表1"), label_style("——")
    ('(一)', '第X章', '表1', '——')
    """
    found = line_label(label)
    if found is not None:
        return _STYLE_NAMES[found[0]]
    if ENUM_RE.fullmatch(label):
        return "一是"
    return label


def path_part(style: str, label: str, number: int | None) -> str:
    """The part of a ``clause_id`` path that a label gives: ``二``, ``(一)``, ``1``, ``(1)``.

    Examples
    --------
    >>> path_part("l1", "二、", 2), path_part("l2", "（三）", 3), path_part("l3", "12.", 12)
    ('二', '(三)', '12')
    >>> path_part("l2", "(-)", 1), path_part("l1", "、", 1), path_part("l5", "3）", 3)
    ('(一)', '一', '3)')
    """
    if style == "decimal":
        return re.sub(r"\s", "", label)
    if style == "named":
        return re.sub(r"[\s:：、.．]", "", label)
    core = re.sub(r"[\s、.．()（）【】]", "", label)
    if (((style in ("l1", "l2") and (not core or core.strip(CN_LABEL_DIGITS)))
         or (style == "part" and not core)) and number in range(1, 10)):
        # a damaged label (-、 or 、 read for 一、, (-) for (一)) keeps the path of its
        # number, and so does a part titled without a number
        cn = "一二三四五六七八九"[number - 1]
        return f"({cn})" if style == "l2" else cn
    if style in ("l2", "l4"):
        return f"({core})"
    if style == "l3":
        return str(number)
    if style == "l5":
        return f"{number})"
    return core
