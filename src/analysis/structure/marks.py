"""Pass A of the outline parser: what starts each line of a document.

Before the hierarchy is built (:mod:`analysis.structure.outline`), every line is read
once: a line may start with an outline label (:mod:`analysis.structure.labels`), open a
``|`` table, list the units of a task table, or hold a chapter or ``一、`` heading glued to
the end of the previous paragraph. :func:`line_marks` gives these marks in text order,
where the closing matter begins, and the parts of the document (a wrapping notice, the
attached document, appendices: :mod:`analysis.structure.wrapper`).

Examples
--------
>>> from analysis.structure.lines import split_lines
>>> from analysis.structure.rules import load_structure_rules
>>> text = "一、总则\\n内容。\\n二、任务\\n某市科学技术局\\n2023年3月1日"
>>> marks, back, parts = line_marks(text, split_lines(text), rules=load_structure_rules())
>>> [(m.label, m.number) for m in marks], text[back:back + 7]
([('一、', 1), ('二、', 2)], '某市科学技术局')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from analysis.structure.labels import (
    CAPITAL_DIGITS,
    CIRCLED,
    ENUM_STYLES,
    LINE_LABEL_RE,
    LINE_PATTERNS,
    MIDLINE_RE,
    NAMED_RE,
    REVERSED_FIRST,
    SPACED_NUMBER,
    STYLES,
    line_label,
)
from analysis.structure.lines import (
    annex_heading_lines,
    attachment_line,
    attachment_list_lines,
    back_start,
    is_unit_line,
    numbered_rows,
    strip_span,
    table_blocks,
    toc_block_lines,
)
from analysis.structure.roles import LEAD_ROLES, ROLE_COOPERATE, ROLE_LEAD, ROLE_PREFIX
from analysis.structure.rules import StructureRules
from analysis.structure.titles import alone_title, parts_over, untitled_parts
from analysis.structure.wrapper import Parts, document_parts
from analysis.text.chars import cn_to_int
from analysis.text.pattern_starts import may_search

__all__ = ["TOC_LINE_CHARS", "Mark", "line_marks"]

#: the longest line that can be a table-of-contents entry (title, dot leader, page)
TOC_LINE_CHARS = 300
#: the most lines a box (专栏) may hold
_BOX_MAX_LINES = 120
#: the ``一、`` label at a line start
_L1 = dict(LINE_PATTERNS)["l1"]

Lines = list[tuple[int, int]]


@dataclass
class Mark:
    """What starts at ``pos``: an outline label, a table, a unit cell or unlabelled text."""

    pos: int
    kind: str                   # "label", "table", "units", "body"
    style: str = ""
    number: int | None = None
    label: str = ""
    label_end: int = 0
    line_end: int = 0
    ambiguous: bool = False
    role: str = ""
    end: int | None = None      # tables/units: end of the block
    caption: str = ""
    inline: bool = False
    parent: Any = None
    midline: bool = False       # a heading label inside a line, after a sentence end
    word: str = ""              # the word of a named item (应用 in 应用一:), or the title
                                # of a standards-style heading (范围 in 1 范围)
    damaged: bool = False       # a damaged label ((-), 、总则) or a 1) list item, kept only
                                # where the numbering around it confirms it
    run: bool = False           # a damaged label kept only in a run 1, 2, … (1), 一))


def line_marks(text: str, lines: Lines, *, rules: StructureRules, task_doc: bool = False
               ) -> tuple[list[Mark], int, Parts]:
    """The marks at line starts, where the closing matter begins, and the document's parts.

    Parameters
    ----------
    text, lines
        The document and its line offsets (:func:`~analysis.structure.lines.split_lines`).
    rules : StructureRules
        Table captions, table-of-contents lines, closing matter, wrapper phrases.
    task_doc : bool
        Whether the text is a task table (lines of unit names are then unit cells).

    Returns
    -------
    marks : list of Mark
        In text order, none in the closing matter.
    back : int
        The offset where the closing matter begins (``len(text)`` without one).
    parts : Parts
        Where the attached document and the appendix begin.
    """
    tables = table_blocks(text, lines, rules=rules)
    toc = (toc_block_lines(text, lines, rules=rules)
           | attachment_list_lines(text, lines, rules=rules)
           | numbered_rows(text, lines, rules=rules))
    annex_heads = annex_heading_lines(text, lines, rules=rules)
    boxes: list[tuple[int, int]] = []
    marks: list[Mark] = []
    i, n = 0, len(lines)
    while i < n:
        a, b = strip_span(text, *lines[i])
        if a == b or i in toc:
            i += 1
            continue
        if i in tables:
            last, caption = tables[i]
            marks.append(Mark(a, "table", end=lines[last][1], caption=caption,
                              line_end=b, label_end=a))
            i = last + 1
            continue
        s = text[a:b]
        if (b - a <= TOC_LINE_CHARS and may_search(rules.toc_line, s)
                and rules.toc_line.search(s)):
            i += 1
            continue
        if rules.box_line.match(s):
            boxes.append((a, lines[min(n - 1, i + _BOX_MAX_LINES)][1]))
        a, s = _unmarked(a, s, rules)
        # a hard-wrapped line of prose (第二十条规定…, （二）项规定…, 一、二、三产业…) has no
        # label at its start, but a heading glued after its sentence (…处理。二、…) is read
        mid = a
        if not _cited(s, marks, rules):
            found, mid = _start_marks(text, annex_heads.get(i, a), b, rules=rules,
                                      task_doc=task_doc)
            if not (found and _bare_value(found[0], text, lines, i, rules)):
                marks.extend(found)
        for mm in MIDLINE_RE.finditer(text, mid, b):
            g = 1 if mm.group(1) else 3 if mm.group(3) else 5
            style = {1: "chapter", 3: "l1", 5: "part"}[g]
            marks.append(Mark(mm.start(g), "label", style,
                              cn_to_int(mm.group(g + 1)), mm.group(g), mm.end(g), b,
                              midline=True))
        i += 1
    marks = _checked_midline(_checked_damaged(_checked_named(_unboxed(marks, boxes), rules)))
    marks = _checked_capital(marks)
    if not any(mk.kind == "label" and mk.style not in ENUM_STYLES for mk in marks):
        style, spans = "l1", untitled_parts(text, lines, rules=rules)
    else:
        style, spans = "part", parts_over(marks, text, lines, rules=rules)
    marks = sorted(marks + [Mark(a, "label", style, k, "", a, b)
                            for k, (a, b) in enumerate(spans, start=1)], key=lambda mk: mk.pos)
    # closing matter, after the last outline label
    back = None
    if marks:
        starts = [a for a, _b in lines]
        att = attachment_line(text, lines, rules=rules)
        before = [mk for mk in marks if att is None or mk.pos < lines[att][0]]
        if not before or (att is not None
                           and _restarts(marks, len(before), text[lines[att][1]:])):
            # an outline starting again after the 附件 line: a document, not a list
            att, before = None, marks
        last_line = bisect_right(starts, before[-1].pos) - 1
        bi = back_start(text, lines, last_line, att, rules=rules)
        if bi is not None:
            back = strip_span(text, *lines[bi])[0]
    if back is not None:
        marks = [mk for mk in marks if mk.pos < back]
    labels = [(mk.pos, mk.number) for mk in marks
              if (mk.kind == "label" and mk.style not in ENUM_STYLES) or mk.kind == "table"]
    parts = document_parts(text, lines, labels, rules=rules)
    return marks, (back if back is not None else len(text)), parts


#: a line that ends a sentence
_LINE_SENTENCE_END = re.compile(r"[。；;！!？?][ \t\u3000\r]*$", re.MULTILINE)


def _start_marks(text: str, a: int, b: int, *, rules: StructureRules,
                 task_doc: bool) -> tuple[list[Mark], int]:
    """The marks that the line ``text[a:b]`` starts with (a label, a damaged label, a
    standards number, a named item, units), and the offset after its label where the
    search for headings glued after a sentence begins. ``a`` is where the line's text
    starts (after markup, or at the first heading of ``附件：一、总体要求``)."""
    s = text[a:b]
    marks: list[Mark] = []
    found = line_label(s)
    m = None
    if found is not None:
        style, m = found
        number = (cn_to_int(m.group(1).translate(CAPITAL_DIGITS))
                  if style not in ("dash", "circled") else None)
        if style == "circled":
            number = CIRCLED.index(m.group(1)) + 1
        # 1.1 is a decimal item only under its 1.; 3.5亿元 may be a wrapped line
        ambiguous = style == "decimal" or (
            style == "l3" and b > a + m.end() and s[m.end()].isdigit())
        marks.append(Mark(a, "label", style, number, m.group(0), a + m.end(), b,
                          ambiguous=ambiguous))
    else:
        d = _damaged(s, rules)
        if d is not None:
            style, number, dm = d
            marks.append(Mark(a, "label", style, number,
                              dm.group(0).rstrip(" \t\u3000"), a + dm.end(), b,
                              damaged=True, run=any(dm.re is getattr(rules, key)
                                                    for key in _RUN_LABELS)))
        m = SPACED_NUMBER.match(s) or NAMED_RE.match(s) if d is None else None
        if m is not None and m.re is SPACED_NUMBER:
            marks.append(Mark(a, "label", "l3", int(m.group(1)), m.group(1), a + m.end(),
                              b, ambiguous=True, word=s[m.end():].strip()))
        elif m is not None:
            marks.append(Mark(a, "label", "named", cn_to_int(m.group(2)), m.group(0).strip(),
                              a + m.end(), b, word=m.group(1)))
        rv = REVERSED_FIRST.match(s) if m is None and d is None else None
        if rv is not None:
            # checked like a glued heading: kept only where 二、 comes next
            marks.append(Mark(a, "label", "l1", 1, rv.group(2), a, a + rv.end(1),
                              midline=True))
        um = ROLE_PREFIX.match(s) if m is None and rv is None and d is None else None
        if um:
            role = ROLE_LEAD if um.group(1) in LEAD_ROLES else ROLE_COOPERATE
            marks.append(Mark(a, "units", role=role, label=um.group(1),
                              label_end=a + um.end(), line_end=b, end=b))
        elif task_doc and is_unit_line(s, rules=rules):
            marks.append(Mark(a, "units", label_end=a, line_end=b, end=b))
    return marks, a + (m.end() if m else 0)


def _bare_value(mark: Mark, text: str, lines: Lines, i: int, rules: StructureRules) -> bool:
    """Whether ``mark``, a decimal number alone on line ``i`` (``2.1``), is a value, not a
    clause number above its term: the next line is missing, starts with a digit (a column
    of values ``1.1`` / ``1.2``) or with a unit (``rules.value_units``: ``达到`` / ``2.1`` /
    ``万元``, a hard-wrapped figure)."""
    if mark.style != "decimal" or text[mark.label_end:mark.line_end].strip():
        return False
    k = next((j for j in range(i + 1, len(lines)) if text[slice(*lines[j])].strip()), None)
    if k is None:
        return True
    nxt = text[slice(*lines[k])].strip(" \t\u3000\xa0")
    return nxt[:1].isdigit() or nxt.startswith(rules.value_units)


def _cited(s: str, marks: list[Mark], rules: StructureRules) -> bool:
    """Whether the line ``s`` starts with a citation or a run of numerals (``rules.
    citation_line``). A run whose first label continues the current ``一、`` sequence
    (``三、一、二、三产业融合发展`` after ``二、``) is a heading, not prose."""
    if not rules.citation_line.match(s):
        return False
    lead = _L1.match(s)
    if lead is None:
        return True
    prev = next((mk.number for mk in reversed(marks)
                 if mk.kind == "label" and mk.style == "l1"), None)
    return prev is None or cn_to_int(lead.group(1)) != prev + 1


def _restarts(marks: list[Mark], k: int, tail: str) -> bool:
    """Whether a document starts after a closing ``附件`` line: the top style of the labels
    before ``marks[k]``, or the top style after it where that is ``一、`` or above (a
    document of chapters, then one of ``一、``), numbers 1, 2 from there, and the ``tail``
    after the line holds a sentence (a list of attachments numbered 1. 2. holds none)."""
    used = [mk for mk in marks[:k] if mk.kind == "label" and mk.style not in ENUM_STYLES]
    if not used or not _LINE_SENTENCE_END.search(tail):
        return False
    later = [mk for mk in marks[k:] if mk.kind == "label" and mk.style not in ENUM_STYLES]
    tops = {min(used, key=lambda mk: STYLES[mk.style].rank).style}
    if later:
        # a document of its own numbers its top level from 一、 or above (第一章 …)
        top = min(later, key=lambda mk: STYLES[mk.style].rank).style
        if STYLES[top].rank <= STYLES["l1"].rank:
            tops.add(top)
    return any([mk.number for mk in later if mk.style == top][:2] == [1, 2] for top in tops)


def _unmarked(a: int, s: str, rules: StructureRules) -> tuple[int, str]:
    """A line without the markdown or HTML residue before its outline label
    (``## 一、总则``, ``**二、任务**``): where only the rest starts with a label."""
    pm = rules.markup_prefix.match(s)
    if pm is None or not pm.end() or LINE_LABEL_RE.match(s):
        return a, s
    rest = s[pm.end():]
    if LINE_LABEL_RE.match(rest):
        return a + pm.end(), rest
    return a, s


def _unboxed(marks: list[Mark], boxes: list[tuple[int, int]]) -> list[Mark]:
    """Make the numbered items inside a box (专栏1 …) list items, as ``—`` bullets are,
    not outline items. ``boxes`` gives where each box begins and the furthest it may
    reach; the style of its first label after its own line is the style of its items
    (labels of styles nested under it are sub-items). A box ends at a label of a style
    that contains its items (a 第一节 or （一） after ``1.`` items), at the first label
    that goes on with a numbering open before it (a number above the last one of its
    style in the section around the box: the next, or a later one where a label between
    was glued into a line), at the next box, or at its limit."""
    if not boxes:
        return marks
    out: list[Mark] = []
    last: dict[str, int] = {}
    opened: dict[str, int] = {}
    item_rank: int | None = None
    k, start, limit = 0, -1, -1
    for mk in marks:
        while k < len(boxes) and boxes[k][0] <= mk.pos:
            opened, item_rank = dict(last), None
            start, limit = boxes[k]
            k += 1
        if mk.pos < limit and mk.kind == "label" and mk.style not in ENUM_STYLES:
            rank = STYLES[mk.style].rank
            prev = opened.get(mk.style)
            if (item_rank is None or rank >= item_rank) and (
                    mk.number is None or prev is None or mk.number <= prev):
                # an item of the box: kept as a list item inside the clause, not outline
                if item_rank is None and mk.pos > start:
                    item_rank = rank
                mk.style, mk.number, mk.ambiguous = "dash", None, False
                out.append(mk)
                continue
            limit = -1
        if mk.kind == "label" and mk.style not in ENUM_STYLES:
            # a heading closes the numberings nested in the section before it
            rank = STYLES[mk.style].rank
            last = {st: v for st, v in last.items() if STYLES[st].rank <= rank}
            if mk.number is not None:
                last[mk.style] = mk.number
        out.append(mk)
    return out


def _checked_capital(marks: list[Mark]) -> list[Mark]:
    """Keep the capital-numeral labels (壹、贰、) and the stem labels (甲、乙、) only where
    the first of their style is 壹 (甲) and a 贰 (乙) follows: a line that starts
    ``陆、海、空三军…``, ``伍、`` alone or ``甲、乙双方…`` is text."""
    for style in ("capital", "stem"):
        caps = [mk.number for mk in marks if mk.kind == "label" and mk.style == style]
        if caps and not (caps[0] == 1 and 2 in caps[1:]):
            marks = [mk for mk in marks if not (mk.kind == "label" and mk.style == style)]
    return marks


def _checked_named(marks: list[Mark], rules: StructureRules) -> list[Mark]:
    """Keep a named item only where its word numbers a run 1, 2, 3 … (it may start again
    at 1), with at least a 1 and a 2, and is not a word of ``not_item_words``; keep a
    standards-style heading (``3 术语和定义``) only in a run 1, 2 … of titles that are not
    repeated."""
    runs: dict[str, list[int | None]] = {}
    spaced: dict[str, int] = {}
    for mk in marks:
        if mk.style == "named":
            runs.setdefault(mk.word, []).append(mk.number)
        elif mk.word:
            spaced[mk.word] = spaced.get(mk.word, 0) + 1
    good = set()
    for word, numbers in runs.items():
        steps = all(b == 1 or (a is not None and b == a + 1)
                    for a, b in pairwise(numbers))
        if (steps and numbers[0] == 1 and 2 in numbers and not word.startswith("第")
                and word not in rules.not_item_words):
            good.add(word)
    # standards-style headings: runs 1, 2, 3 … of titles that are not repeated (a page
    # header, 12 数字中国发展报告, repeats its title)
    runs_kept: set[int] = set()
    run: list[Mark] = []
    for mk in marks:
        if mk.style == "named" or not mk.word or spaced[mk.word] > 1:
            continue
        if mk.number == 1 or (run and mk.number == (run[-1].number or 0) + 1):
            if mk.number == 1:
                runs_kept.update(id(x) for x in run if len(run) >= 2)
                run = []
            run.append(mk)
    runs_kept.update(id(x) for x in run if len(run) >= 2)
    return [mk for mk in marks if (mk.word in good if mk.style == "named"
                                   else not mk.word or id(mk) in runs_kept)]


def _damaged(s: str, rules: StructureRules) -> tuple[str, int, re.Match[str]] | None:
    """The style, number and match of a damaged label or a ``1)`` item at the start of
    ``s`` (patterns of ``[outline]`` in the structure rules), or ``None``."""
    m = rules.damaged_first_l2.match(s)
    if m is not None:
        return "l2", 1, m
    m = rules.damaged_first_l1.match(s)
    if m is not None:
        return "l1", 1, m
    m = rules.bare_l1.match(s)
    if m is not None and alone_title(s[m.end():]):
        return "l1", cn_to_int(m.group(1)), m
    m = rules.half_bracket.match(s)
    if m is not None:
        return "l5", int(m.group(1)), m
    m = rules.half_bracket_cn.match(s)
    if m is not None:
        return "l2", cn_to_int(m.group(1)), m
    return None


#: the styles of ``_damaged`` whose labels are kept only in a run 1, 2, …: ``1)`` items,
#: and ``一)`` items (a ``(一)`` list whose opening brackets were lost)
_RUN_LABELS = ("half_bracket", "half_bracket_cn")


#: the styles that close a ``(一)`` list: a ``(二)`` after one of them is in another list
_ABOVE_L2 = frozenset({"part", "chapter", "section", "article", "capital", "l1"})


def _checked_damaged(marks: list[Mark]) -> list[Mark]:
    """Keep a damaged label only where the numbering confirms it: ``(-)`` where the next
    item of its style, before any heading above it, is ``(二)``; ``、总则`` as the first
    top-level item, where the next ``一、`` item is ``二、``; ``二　建设思路`` where the
    ``一、`` item before it is ``一、`` or the next one is ``三、``; ``1)`` and ``一)``
    items in a run 1, 2, … of their style (each the next number of the one before)."""
    if not any(mk.damaged for mk in marks):
        return marks
    drop: set[int] = set()
    runs: dict[str, list[int]] = {}

    def close_run(run: list[int]) -> None:
        if len(run) < 2 or marks[run[0]].number != 1:
            drop.update(run)
        run.clear()

    seen_top = False
    last_l1 = 0
    for k, mk in enumerate(marks):
        if mk.run:
            run = runs.setdefault(mk.style, [])
            if run and mk.number != (marks[run[-1]].number or 0) + 1:
                close_run(run)
            run.append(k)
        if not mk.damaged or mk.run:
            seen_top = seen_top or mk.style in _ABOVE_L2
            if mk.style == "l1" and mk.kind == "label":
                last_l1 = mk.number or last_l1
            continue
        nxt = None
        for later in marks[k + 1:]:
            if later.kind != "label":
                continue
            if mk.style == "l2" and later.style in _ABOVE_L2 | {"l2"}:
                nxt = later
                break
            if mk.style == "l1" and later.style == "l1":
                nxt = later
                break
        ok = nxt is not None and nxt.style == mk.style and nxt.number == 2
        if mk.style == "l1":
            # 一、 that lost its 、 or its number: the next 一、 item is one more, or
            # the one before is one less; a first item only before any heading
            n = mk.number or 1
            ok = (nxt is not None and nxt.number == n + 1) or (n > 1 and last_l1 == n - 1)
            if n == 1:
                ok = ok and not seen_top
            seen_top = True
            if ok:
                last_l1 = n
        if not ok:
            drop.add(k)
    for run in runs.values():
        close_run(run)
    return [mk for k, mk in enumerate(marks) if k not in drop]


def _checked_midline(marks: list[Mark]) -> list[Mark]:
    """Keep a heading label found inside a line only where the numbering of its style
    expects it: the next number after the previous label of that style, or the number
    just before the next one that starts a line (where the number between them lost its
    label), and below that next one (a first 第一章 only when 第二章 comes next)."""
    if not any(mk.midline for mk in marks):
        return marks
    drop: set[int] = set()
    for style in ("part", "chapter", "l1"):
        at_line: list[int | None] = [None] * len(marks)
        any_next: list[int | None] = [None] * len(marks)
        following: int | None = None
        following_any: int | None = None
        for k in range(len(marks) - 1, -1, -1):
            at_line[k], any_next[k] = following, following_any
            mk = marks[k]
            if mk.style == style:
                following_any = mk.number
                if not mk.midline:
                    following = mk.number
        last = 0
        for k, mk in enumerate(marks):
            if mk.style != style or mk.number is None:
                continue
            if not mk.midline:
                last = mk.number
                continue
            after = at_line[k]
            if last:
                # the next number, or the one just before the next line-start item when
                # the number between lost its label (一、 … 。三、 … 四、, with no 二、)
                ok = (after is None or after > mk.number) and (
                    mk.number == last + 1 or (after == mk.number + 1 and mk.number > last))
            else:
                ok = mk.number == 1 and any_next[k] == 2
            if ok:
                last = mk.number
            else:
                drop.add(k)
    return [mk for k, mk in enumerate(marks) if k not in drop]
