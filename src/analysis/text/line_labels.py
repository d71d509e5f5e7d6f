"""The labels that open a line of a Chinese policy document: outline numbers and bullets.

Official documents number their outline ``一、`` > ``(一)`` > ``1.`` (> ``1.1``) >
``(1)``, with ``第X编/篇/部分`` > ``第X章`` > ``第X节`` > ``第X条`` in laws and plans,
``壹、`` and ``甲、`` in older or traditional-character reports, and ``一是``, ``①``,
``—`` and ``1)`` items inside a section; Word's "save as text" writes a list's bullet
(``•``, ``●``, ``□`` …) before its item, and ``附件2`` opens the line of an attachment.
These are the line-start patterns of that
grammar, in one place: the outline parser (:mod:`analysis.structure.labels`, which adds
each style's rank, level and clause-id part) and the tab reader
(:mod:`analysis.text.tabs`, which keeps the tab after a label as the label's space) both
read them. The ``1)`` items and the attachment label are patterns of ``resources/structure.toml``
(``half_bracket`` and ``half_bracket_cn`` in ``[outline]``, ``annex_label`` in
``[wrapper]``), read from there.

Examples
--------
>>> [line_label_end(s) for s in ("一、总体要求", "1.2基本原则", "二是强化", "•加强", "序号")]
[2, 3, 2, 1, 0]
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.resources import read_toml

__all__ = [
    "BULLETS",
    "CIRCLED",
    "CN_LABEL_DIGITS",
    "ENUM_RE",
    "LINE_LABEL_RE",
    "LINE_PATTERNS",
    "line_label",
    "line_label_end",
]

#: The characters of a Chinese outline number (一 … 十, 百 for long regulations).
CN_LABEL_DIGITS = "零〇一二三四五六七八九十百"
#: Circled numbers, in order: ① is 1.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: The bullets of a list item (Word writes one, then a tab, before each item).
BULLETS = "•●○◆◇■□▪▫►▶➢➤✓✔√"

_CN = rf"[{CN_LABEL_DIGITS}]+"
#: Labels at the start of a line, tried in this order; group 1 is the number.
LINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^【?第({_CN}|\d+)(?:部分|篇|编)】?")),
    ("chapter", re.compile(rf"^第({_CN}|\d+)章")),
    ("section", re.compile(rf"^第({_CN}|\d+)节")),
    ("article", re.compile(rf"^第({_CN}|\d+)条")),
    ("capital", re.compile(r"^([零壹贰貳叁参參肆伍陆陸柒捌玖拾佰]+)(?:、|[.．](?!\d))")),
    ("stem", re.compile(r"^([甲乙丙丁戊己庚辛壬癸])、")),
    ("l1", re.compile(rf"^({_CN})(?:、|[.．](?!\d))(?!是)")),
    ("l2", re.compile(rf"^[(（]\s*({_CN})\s*[)）]")),
    ("decimal", re.compile(r"^\d{1,2}\.(\d{1,2})(?![\d.．%])(?=[ \t\u3000]*[^\s\d.．%]"
                           r"|[ \t\u3000]*$)")),
    ("l3", re.compile(r"^(\d{1,3})(?:[、．]|\.(?!\d+%|\d{1,2}\.\d))")),
    ("l4", re.compile(r"^[(（]\s*(\d{1,3})\s*[)）]")),
    ("circled", re.compile(rf"^([{CIRCLED}])")),
    ("dash", re.compile(r"^(——|—|－－|--|-|–)(?=[^\s—\-–－])")),
]
#: :data:`LINE_PATTERNS` as one pattern: its alternatives in the same order, each a group
#: named after its style (the engine tries them in order at the line's start, as a loop
#: over the patterns does, so the first style that matches wins).
LINE_LABEL_RE = re.compile("|".join(f"(?P<{style}>{pat.pattern})"
                                    for style, pat in LINE_PATTERNS))
_LINE_PATTERN = dict(LINE_PATTERNS)


def line_label(line: str) -> tuple[str, re.Match[str]] | None:
    """The first style of :data:`LINE_PATTERNS` whose pattern matches at the start of
    ``line``, and that pattern's own match; None when none does.

    One match of :data:`LINE_LABEL_RE` instead of one per style (and the style's own
    pattern once more where a label is found).

    Parameters
    ----------
    line : str
        A line, from the character where its label would start.

    Returns
    -------
    tuple of (str, re.Match) or None
        The style's name (``l1``, ``l2``, ``decimal`` …) and its pattern's match, whose
        group 1 is the label's number.

    Examples
    --------
    >>> style, m = line_label("（三）加强保障")
    >>> style, m.group(1), m.end(), line_label("加强保障")
    ('l2', '三', 3, None)
    """
    m = LINE_LABEL_RE.match(line)
    if m is None:
        return None
    style = m.lastgroup
    return style, _LINE_PATTERN[style].match(line)  # type: ignore[index,return-value]


#: An enumeration label inside a paragraph: 一是, 二是 …
ENUM_RE = re.compile(r"([一二三四五六七八九十]{1,3})是")
_BULLET_RE = re.compile(rf"[{re.escape(BULLETS)}]+")


@lru_cache(maxsize=1)
def _rule_patterns() -> tuple[re.Pattern[str], ...]:
    """The ``1)`` and ``一)`` item labels and the ``附件2`` / ``附表1`` label of the packaged
    structure rules."""
    rules = read_toml("structure.toml")
    return (re.compile(rules["outline"]["half_bracket"]),
            re.compile(rules["outline"]["half_bracket_cn"]),
            re.compile(rules["wrapper"]["annex_label"]))


def line_label_end(line: str) -> int:
    """Where the outline label, bullet or attachment label that opens ``line`` ends.

    Every style of :data:`LINE_PATTERNS`, an enumeration (``一是``), a ``1)`` item, a
    run of :data:`BULLETS` and the label of an attached document or table (``附件2``,
    ``附表1:``, the ``annex_label`` of the structure rules). The label may be followed by
    its text directly or by white space.

    Parameters
    ----------
    line : str
        A line, widths normalised (half-width digits and brackets).

    Returns
    -------
    int
        The length of the label, ``0`` if the line opens with none.

    Examples
    --------
    >>> line_label_end("（三）加强保障"), line_label_end("壹、总则"), line_label_end("1)申报")
    (3, 2, 2)
    >>> line_label_end("附件1某某申报表"), line_label_end("2023年"), line_label_end("序号")
    (3, 0, 0)
    """
    ends = [m.end() for _, pat in LINE_PATTERNS if (m := pat.match(line))]
    ends += [m.end() for pat in (*_rule_patterns(), ENUM_RE, _BULLET_RE)
             if (m := pat.match(line))]
    return max(ends, default=0)
