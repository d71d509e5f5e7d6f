"""What a line is, before the outline: ``|``-table blocks, unit lines, closing matter.

The outline parser (:mod:`analysis.structure.outline`) first reads a document line by
line. These helpers find the lines that are not outline labels: the rows of a
``|``-flattened table (with its ``表1`` caption), the lines of unit names in a task table,
and where the closing matter (signature, date, 抄送, 附件) begins. Their word lists come
from :class:`~analysis.structure.rules.StructureRules`.

Lines are ``(start, end)`` character offsets into the text, without the ``\\n``.

Examples
--------
>>> from analysis.structure.rules import load_structure_rules
>>> text = "一、总则\\n内容。\\n某市科学技术局\\n2023年3月1日"
>>> lines = split_lines(text)
>>> back_start(text, lines, 0, rules=load_structure_rules())
2
"""

from __future__ import annotations

import re

from analysis.structure.labels import LINE_PATTERNS, STYLES, line_label
from analysis.structure.rules import StructureRules
from analysis.text.chars import cn_to_int

__all__ = [
    "RESTATED_GAP",
    "RESTATED_MIN",
    "annex_heading_lines",
    "attachment_line",
    "attachment_list_lines",
    "back_start",
    "is_unit_line",
    "numbered_rows",
    "restated_title_end",
    "split_lines",
    "strip_span",
    "table_blocks",
    "toc_block_lines",
]

#: The longest table of contents without page numbers, in lines, and its longest entry.
_TOC_MAX_LINES = 300

#: Closing attachments are back matter when at most this many short lines follow 附件:.
_ATTACHMENT_MAX_LINES = 15
_ATTACHMENT_MAX_CHARS = 80

Lines = list[tuple[int, int]]


def split_lines(text: str) -> Lines:
    """The ``(start, end)`` offsets of every line of ``text`` (``\\n`` excluded).

    Examples
    --------
    >>> split_lines("甲\\n\\n乙丙")
    [(0, 1), (2, 2), (3, 5)]
    """
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` without the spaces, tabs and ideographic spaces at either end."""
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    return a, b


def is_unit_line(s: str, *, rules: StructureRules) -> bool:
    """Whether a stripped line lists unit names (``市发改委、市财政局``), as the cells of a
    task table's 牵头单位 / 配合单位 columns do once the table is flattened.

    At least half of its ``、``-separated names must end like a unit (局, 委员会 …); a
    line with sentence punctuation or an outline number is never a unit line.
    """
    if not s or len(s) > 200 or re.search(r"[。,，;；!！?？:：]", s):
        return False
    parts = [p.strip() for p in re.split(r"[、/]", s) if p.strip()]
    if not parts or any(len(p) > 20 for p in parts):
        return False
    if re.match(r"^[\d(（一二三四五六七八九十—\-]", s):
        return False
    return sum(p.endswith(rules.unit_suffixes) for p in parts) * 2 >= len(parts)


def table_blocks(text: str, lines: Lines, *, rules: StructureRules
                 ) -> dict[int, tuple[int, str]]:
    """First line index of each ``|`` table → (last line index, caption label).

    A table is two or more ``|`` lines, or one or more after a caption line (``表1 …``);
    blank lines inside it do not end it.
    """
    blocks: dict[int, tuple[int, str]] = {}
    n = len(lines)
    i = 0
    while i < n:
        a, b = lines[i]
        s = text[a:b].strip()
        cap = rules.table_caption.match(s)
        start, caption = None, ""
        if cap and "|" not in s:
            j = i + 1
            while j < n and not text[lines[j][0]:lines[j][1]].strip():
                j += 1
            if j < n and "|" in text[lines[j][0]:lines[j][1]]:
                start, caption = i, re.sub(r"\s+", "", cap.group(1))
                i = j
        elif "|" in s:
            start = i
        if start is None:
            i += 1
            continue
        last, rows, j = i, 0, i
        while j < n:
            s2 = text[lines[j][0]:lines[j][1]].strip()
            if "|" in s2:
                last, rows = j, rows + 1
            elif s2:
                break
            j += 1
        if caption or rows >= 2:
            blocks[start] = (last, caption)
            i = last + 1
        else:
            i += 1
    return blocks


#: the row of a table: its number, a space or tab, then its cells
_ROW = re.compile(r"^(\d{1,3})[ \t\u3000]+\S")
#: a sentence end anywhere in a line
_SENTENCE_MARK = re.compile(r"[。；;！!？?]")


def numbered_rows(text: str, lines: Lines, *, rules: StructureRules) -> set[int]:
    r"""The line indices of the rows of a table under a header row that numbers them.

    A header line that opens with a word of ``[tables] number_headers`` (``序号 姓名 单位``)
    and holds no sentence end is followed by rows numbered 1, 2, 3 … (a number, a space or
    a tab, then the cells): they are rows of a table, not items of the outline. A header
    with a colon, or of one cell (``[tables] cell_break``) that holds a ``[tables]
    field_value`` (``编号 DB11/T 1234—2024``: a field and its value), takes only rows of
    two cells or more after their number (``1 加强组织领导 市委办``, not ``1 范围``).
    Category and total rows (a name, then number cells: ``一、产业项目(52个) 1288.6``,
    ``合计 2386.5``) followed by numbered rows are rows too, and the numbered rows after them
    go on or start again at 1.

    Examples
    --------
    >>> from analysis.structure.rules import load_structure_rules
    >>> text = "附件3\n序号\t姓名\t单位\n1\t张三\t某某公司\n2\t李四\t某某商会\n一、任务"
    >>> sorted(numbered_rows(text, split_lines(text), rules=load_structure_rules()))
    [2, 3]
    """
    out: set[int] = set()
    heads = tuple(rules.number_headers)
    n = len(lines)
    for i, (a, b) in enumerate(lines):
        s = text[a:b].strip()
        if not heads or not s.startswith(heads) or _SENTENCE_MARK.search(s):
            continue
        cells = [c for c in rules.cell_break.split(s) if c.strip()]
        header = not re.search(r"[:：]", s) and (
            len(cells) >= 2 or not rules.field_value.search(s))
        expected: set[int] = {1}
        pending: list[int] = []
        for j in range(i + 1, n):
            row = text[lines[j][0]:lines[j][1]].strip()
            m = _ROW.match(row)
            if m is not None and int(m.group(1)) in expected and (
                    header or len(row[m.end(1):].split()) >= 2):
                out.update([*pending, j])
                expected, pending = {int(m.group(1)) + 1}, []
            elif _group_row(row, rules):
                # a category or total row (一、产业项目 1288.6, 合计 2386.5), kept where a
                # numbered row follows: the rows under it go on or start again at 1
                pending.append(j)
                expected = expected | {1}
            else:
                break
    return out


def _group_row(row: str, rules: StructureRules) -> bool:
    """Whether a line under a number header is a category or total row of the table: a
    name, then one or more number cells (``一、产业项目(52个) 1288.6 276.4``), no sentence
    end."""
    cells = row.split()
    return (len(cells) >= 2 and not _SENTENCE_MARK.search(row)
            and all(rules.numeric_cell.match(c) for c in cells[1:]))


def attachment_line(text: str, lines: Lines, *, rules: StructureRules) -> int | None:
    """The index of the ``附件:`` line that starts a short closing list of attachments."""
    for k in range(len(lines) - 1, -1, -1):
        s = text[lines[k][0]:lines[k][1]].strip()
        if rules.attachment_line.match(s):
            tail = [text[a:b].strip() for a, b in lines[k + 1:] if text[a:b].strip()]
            if (len(tail) <= _ATTACHMENT_MAX_LINES
                    and all(len(t) <= _ATTACHMENT_MAX_CHARS for t in tail)):
                return k
            return None
    return None


def attachment_list_lines(text: str, lines: Lines, *, rules: StructureRules) -> set[int]:
    r"""The line indices of the items that go on with a list of attachments.

    A line ``附件：1.某某措施`` (``rules.attachment_list``) opens a list; the lines right
    after it that hold the next numbers (``2.某某办法`` …), each a short title (at most
    80 characters, no sentence end), are its items: where the list stands in a notice
    before its signature, they are not labels of the outline. A ``附件：`` line alone
    opens a list whose items start with ``1.`` on the next line (two of them at least),
    unless the line after them goes on with an outline (a label of a lower style, as
    ``（一）`` after ``二、重点任务``, or a sentence).

    Examples
    --------
    >>> from analysis.structure.rules import load_structure_rules
    >>> text = "请认真执行。\n附件：1.某某措施\n　　　2.某某办法\n某市人民政府\n二、任务"
    >>> sorted(attachment_list_lines(text, split_lines(text), rules=load_structure_rules()))
    [2]
    """
    out: set[int] = set()
    n = len(lines)
    for i, (a, b) in enumerate(lines):
        m = rules.attachment_list.match(text[a:b].strip())
        if m is None:
            continue
        expected = (cn_to_int(m.group(1)) or 0) + 1 if m.group(1) else 1
        items = []
        for j in range(i + 1, n):
            s = text[lines[j][0]:lines[j][1]].strip()
            item = rules.attachment_item.match(s)
            if item is None or cn_to_int(item.group(1)) != expected \
                    or len(s) > _ATTACHMENT_MAX_CHARS:
                break
            items.append(j)
            expected += 1
        # after 附件： alone, one numbered line may open an appended text: a list has two,
        # and the outline of a text goes on after its items where a list would end
        if m.group(1) or (len(items) >= 2 and not _outline_goes_on(text, lines, items[-1])):
            out.update(items)
    return out


def annex_heading_lines(text: str, lines: Lines, *, rules: StructureRules) -> dict[int, int]:
    r"""The ``附件：`` lines that hold the attached document's first heading, not a list.

    A line ``附件：一、总体要求`` (``rules.attachment_list`` with the number 1) whose next
    line is body text (a sentence, neither the next item of a list nor closing matter such
    as ``（联系人：…）``) and whose outline goes on (the next label of its style is numbered
    2) opens the attached document with its first heading on the same line, where a web
    export dropped the document's title. Gives each such line's index and the offset where
    its label starts.

    Examples
    --------
    >>> from analysis.structure.rules import load_structure_rules
    >>> text = "附件：一、总体要求\n坚持统筹推进，分步实施。\n二、重点任务"
    >>> annex_heading_lines(text, split_lines(text), rules=load_structure_rules())
    {0: 3}
    >>> text = "附件：一、某某办法\n　　　二、某某方案\n某市人民政府"
    >>> annex_heading_lines(text, split_lines(text), rules=load_structure_rules())
    {}
    >>> text = "附件：1.某某项目申报书\n联系人：王某，联系电话：12345678。"
    >>> annex_heading_lines(text, split_lines(text), rules=load_structure_rules())
    {}
    """
    out: dict[int, int] = {}
    for i, (a, b) in enumerate(lines):
        a, b = strip_span(text, a, b)
        m = rules.attachment_list.match(text[a:b])
        if m is None or not m.group(1) or cn_to_int(m.group(1)) != 1:
            continue
        k = _next_nonblank(text, lines, i)
        if k is None:
            continue
        s = text[lines[k][0]:lines[k][1]].strip()
        if (rules.attachment_item.match(s) or rules.back_line.search(s)
                or rules.date_line.match(s) or not _SENTENCE_MARK.search(s)):
            continue
        if _next_number(text, lines, k, text[a + m.start(1):b]) == 2:
            out[i] = a + m.start(1)
    return out


_LINE_PATTERN = dict(LINE_PATTERNS)


def _next_number(text: str, lines: Lines, k: int, label: str) -> int | None:
    """The number of the first label of the style of ``label`` (``一、总体要求``) on a line
    from line ``k`` on; ``None`` where there is none."""
    found = line_label(label)
    if found is None:
        return None
    pat = _LINE_PATTERN[found[0]]
    for a, b in lines[k:]:
        m = pat.match(text[a:b].strip())
        if m is not None:
            return cn_to_int(m.group(1))
    return None


def _outline_goes_on(text: str, lines: Lines, last: int) -> bool:
    """Whether the line after the last item of a list (line ``last``) carries the outline
    on: a label of a lower style than the item's (``（一）`` after ``二、重点任务``) or a
    sentence of body text."""
    k = _next_nonblank(text, lines, last)
    if k is None:
        return False
    s = text[lines[k][0]:lines[k][1]].strip()
    item = text[lines[last][0]:lines[last][1]].strip()
    rank = min((STYLES[st].rank for st, p in LINE_PATTERNS if p.match(item)), default=None)
    below = [STYLES[st].rank for st, p in LINE_PATTERNS if p.match(s)]
    if below:
        return rank is not None and min(below) > rank
    return bool(_SENTENCE_MARK.search(s))


def back_start(text: str, lines: Lines, last_mark_line: int, attachment: int | None = None,
               *, rules: StructureRules) -> int | None:
    """The line index where the closing matter (signature, date, 抄送, 附件) begins.

    Lines are read from the end (or from just above the ``attachment`` line) back to the
    line of the last outline label, ``last_mark_line``. Closing lines and date lines
    belong to it, and so does an organisation line directly above a date.
    """
    start = None
    i = len(lines) - 1
    if attachment is not None:
        start, i = attachment, attachment - 1
    while i > last_mark_line:
        s = text[lines[i][0]:lines[i][1]].strip()
        if not s:
            i -= 1
            continue
        if rules.date_line.match(s) or rules.back_line.search(s):
            start = i
        elif (rules.org_line.match(s) and start is not None
              and start == _next_nonblank(text, lines, i)):
            nxt = text[lines[start][0]:lines[start][1]].strip()
            if not rules.date_line.match(nxt):
                break
            start = i
        else:
            break
        i -= 1
    return start


def _next_nonblank(text: str, lines: Lines, i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if text[lines[j][0]:lines[j][1]].strip():
            return j
    return None


#: the fewest characters of a heading that its text must restate to mark where it ends
RESTATED_MIN = 3
#: the most characters between the heading and its restatement (电站 in 防雷和接地电站防雷和接地…)
RESTATED_GAP = 6
_WORD = re.compile(r"\w+")


def restated_title_end(title: str) -> int | None:
    """Where a heading run into its text with no punctuation ends, when the text restates
    it: the length of the longest start of ``title`` (at least :data:`RESTATED_MIN`
    characters, no punctuation) that occurs again at most :data:`RESTATED_GAP` characters
    after it; ``None`` when there is none.

    Examples
    --------
    >>> restated_title_end("防雷和接地电站防雷和接地应符合有关规定")
    5
    >>> restated_title_end("加强组织领导各地要加强领导") is None
    True
    """
    longest = min(len(title) // 2, 20)
    for n in range(longest, RESTATED_MIN - 1, -1):
        head = title[:n]
        if not _WORD.fullmatch(head):
            continue
        j = title.find(head, n, 2 * n + RESTATED_GAP)
        if j >= 0 and _WORD.fullmatch(title[n:j] or "x"):
            return n
    return None


def toc_block_lines(text: str, lines: Lines, *, rules: StructureRules) -> set[int]:
    """The line indices of a table of contents whose entries carry no page numbers.

    A title line (``rules.toc_title``: 目录) followed by entries (no sentence end, any length)
    until the first entry comes again: the text proper begins there, as in the 目录 of a
    law. A preamble between the entries and the text (the opening paragraph of a plan's
    outline) may stand before that repetition; the entries end at its first line. Without
    the repetition nothing is a table of contents here.

    Examples
    --------
    >>> from analysis.structure.rules import load_structure_rules
    >>> text = "目　录\\n第一章 总则\\n第二章 附则\\n第一章 总则\\n第一条 为了…。"
    >>> sorted(toc_block_lines(text, split_lines(text), rules=load_structure_rules()))
    [0, 1, 2]
    >>> text = "目录\\n第一篇 征程\\n第一章 环境\\n本纲要据…编制。\\n第一篇 征程\\n第一章 环境"
    >>> sorted(toc_block_lines(text, split_lines(text), rules=load_structure_rules()))
    [0, 1, 2]
    """
    out: set[int] = set()
    n = len(lines)

    def key_of(j: int) -> str:
        return re.sub(r"\s", "", text[lines[j][0]:lines[j][1]])

    for i, (a, b) in enumerate(lines):
        if not rules.toc_title.match(text[a:b].strip()):
            continue
        first = None
        stop = min(n, i + 1 + _TOC_MAX_LINES)
        for j in range(i + 1, stop):
            s = text[lines[j][0]:lines[j][1]].strip()
            if not s:
                continue
            key = key_of(j)
            if first is None:
                first = key
            elif key == first:
                out.update(range(i, j))
                break
            if re.search(r"[。；;]", s):
                # a preamble after the entries (a sentence, not a long entry alone): the
                # first entry must come again after it
                if first != key and any(key_of(k) == first for k in range(j + 1, stop)):
                    out.update(range(i, j))
                break
    return out
