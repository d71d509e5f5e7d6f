"""Document structure: the outline of a Chinese policy document as a table of clauses.

Chinese official documents are organised by an outline whose numbering styles have fixed
ranks: ``一、`` > ``(一)`` > ``1.`` > ``(1)``, with enumerations ``一是…二是…`` (and ``①②``,
``—`` dash lists) inside paragraphs; regulations use ``第X章`` / ``第X节`` / ``第X条``.
:func:`clause_table` parses every document of a corpus into *segments* that cover its whole
normalised text, in order and without overlap, so any character offset (a token, a keyword
hit, a target) maps to exactly one clause (:func:`clause_at`, :func:`attach_clause_ids`).

The clause table (the contract other modules rely on) has the columns

``doc_id, clause_id, parent_id, level, label, heading, text, char_start, char_end, kind,
warnings``

- ``char_start``/``char_end``: offsets into ``documents["text"]``; ``text`` is exactly
  ``documents["text"][char_start:char_end]`` (``text_orig`` at the same offsets quotes the
  original script).
- ``clause_id``: ``"{doc_id}:{path}"``, the outline labels joined with ``/``
  (``"chifeng_2023:二/(一)/1"``); ``"{doc_id}:front"`` (title, notice, preamble) and
  ``"{doc_id}:back"`` (signature, date, attachments); a label repeated under the same parent
  gets ``~2``, ``~3``. Path parts: ``二`` (``一、``), ``(一)``, ``1``, ``(1)``, ``一是``,
  ``①``, ``—1`` (n-th dash item), ``第一条``, ``表1`` (a table), ``牵头单位``/``配合单位``
  (responsible units of a task table), ``body`` (unlabelled text), ``repeat-2`` (a section
  heading repeated at a page break: the section goes on, it is not a new one).
- ``level``: 0 front/back/whole-body, 1 ``一、``, 2 ``(一)``, 3 ``1.``, 4 ``(1)``, 5
  enumerations (``一是``, ``①``, dash items); ``第X章`` 1, ``第X节``/``第X条`` 2. A style
  nested deeper than usual is pushed down so that a child is always deeper than its parent.
  Tables, unit cells and unlabelled continuations sit one level below their parent.
- ``kind``: ``front``, ``heading`` (a label and a title only, e.g. ``(一)强化重点领域科技创新``),
  ``clause`` (a labelled clause; its first sentence is its ``heading``), ``enumeration``,
  ``table`` (a ``|``-flattened table, or a unit cell of a task table), ``body``, ``back``.
- ``warnings``: ``""`` or ``"; "``-joined notes on skipped, repeated or restarted numbers.

Examples
--------
>>> from analysis import load_corpus
>>> clauses = clause_table(load_corpus())
>>> clauses.loc[clauses["clause_id"] == "chifeng_2023:二/(一)/1", ["kind", "heading"]].values
array([['clause', '推进重点领域技术创新']], dtype=object)
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.structure.roles import (
    COOPERATE_ROLES,
    LEAD_ROLES,
    ROLE_COOPERATE,
    ROLE_LABELS,
    ROLE_LEAD,
)
from analysis.text.chars import cn_to_int

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.corpus import Corpus

__all__ = [
    "CLAUSE_COLUMNS",
    "RESPONSIBILITY_COLUMNS",
    "StructureWarning",
    "agency_edges",
    "agency_table",
    "attach_clause_ids",
    "clause_at",
    "clause_table",
    "load_unit_aliases",
    "normalize_unit",
    "outline_summary",
    "parse_clauses",
    "responsibilities",
    "split_units",
    "table_rows",
]

CLAUSE_COLUMNS: tuple[str, ...] = (
    "doc_id", "clause_id", "parent_id", "level", "label", "heading", "text",
    "char_start", "char_end", "kind", "warnings",
)


class StructureWarning(UserWarning):
    """A document's outline could not be recognised (it is kept as one body clause)."""


# --------------------------------------------------------------------------- numerals

_CN_NUM = "零〇一二三四五六七八九十百"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# --------------------------------------------------------------------------- styles

@dataclass(frozen=True)
class _Style:
    name: str
    rank: int        # nesting order: a smaller rank contains a larger one
    level: int       # the conventional level of this style
    numbered: bool


_STYLES: dict[str, _Style] = {s.name: s for s in (
    _Style("part", 0, 1, True),       # 第一部分
    _Style("chapter", 1, 1, True),    # 第一章
    _Style("section", 2, 2, True),    # 第一节
    _Style("article", 3, 2, True),    # 第一条
    _Style("l1", 4, 1, True),         # 一、
    _Style("l2", 5, 2, True),         # (一)
    _Style("l3", 6, 3, True),         # 1.
    _Style("l4", 7, 4, True),         # (1)
    _Style("circled", 8, 5, True),    # ①
    _Style("dash", 9, 5, False),      # —坚持…
    _Style("enum", 10, 5, True),      # 一是
)}
_ENUM_STYLES = {"circled", "dash", "enum"}

_CN = rf"[{_CN_NUM}]+"
_LINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第({_CN}|\d+)部分")),
    ("chapter", re.compile(rf"^第({_CN}|\d+)章")),
    ("section", re.compile(rf"^第({_CN}|\d+)节")),
    ("article", re.compile(rf"^第({_CN}|\d+)条")),
    ("l1", re.compile(rf"^({_CN})[、.．](?![\d是])")),
    ("l2", re.compile(rf"^[(（]\s*({_CN})\s*[)）]")),
    ("l3", re.compile(r"^(\d{1,3})(?:[、．]|\.(?!\d+%))")),
    ("l4", re.compile(r"^[(（]\s*(\d{1,3})\s*[)）]")),
    ("circled", re.compile(rf"^([{_CIRCLED}])")),
    ("dash", re.compile(r"^(——|—|－－|--|-|–)(?=[^\s—\-–－])")),
]
#: inline continuation of a numbered list after a sentence end: "…方式。 3.财政…"
_INLINE_PATTERNS: dict[str, re.Pattern[str]] = {
    "l2": re.compile(rf"(?<=[。;；])\s*([(（]({_CN})[)）])"),
    "l3": re.compile(r"(?<=[。;；])\s*((\d{1,3})[.、．])(?=[^\d\s])"),
    "l4": re.compile(r"(?<=[。;；])\s*([(（](\d{1,3})[)）])"),
}
_ENUM_RE = re.compile(r"([一二三四五六七八九十]{1,3})是")
_ENUM_BOUNDARY = set("。;；,，、:：!！?？\n )）")
_TITLE_END = re.compile(r"[。;；!！?？:：\n]")
_TABLE_CAPTION = re.compile(rf"^(附?表\s*(?:\d+|{_CN})?)(?=\s|[\u4e00-\u9fff]|$)")
_UNIT_PREFIX = re.compile(r"^(" + "|".join(map(re.escape, ROLE_LABELS)) + r")\s*[:：]\s*")
_UNIT_SUFFIX = re.compile(
    r"(局|委|办|办公室|委员会|中心|支行|分行|分局|管委会|院|所|厅|部|会|公司|集团|政府|"
    r"单位|部门|小组|街道|乡镇|镇|区|县|处|站|校|行|队|团|社|馆)$"
)
_DATE_LINE = re.compile(
    r"^((\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日|\d{6,8})$"
)
_BACK_LINE = re.compile(
    r"^(抄送|抄报|主送|附件|附:|[(（]?联系人|[(（]?联系电话|发布日期|[(（]此件|此件|[(（]?此页无正文)"
    r"|印发$|^\d{4}年\d{1,2}月\d{1,2}日印发"
)
_ATTACH_LINE = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]?")
_ORG_LINE = re.compile(
    r"^[^\s。,，;；:：!！?？、|]{2,30}(局|委|委员会|政府|办公室|办公厅|厅|部|院|会|中心|小组|"
    r"人民政府|委员会办公室)$"
)


# --------------------------------------------------------------------------- nodes

@dataclass
class _Node:
    start: int
    kind: str
    style: str = ""
    number: int | None = None
    label: str = ""
    part: str = ""              # path component before de-duplication
    content: int = 0            # offset after the label
    line_end: int = 0           # end of the label's line
    parent: _Node | None = None
    level: int = 0
    clause_id: str = ""
    heading: str = ""
    warnings: list[str] = field(default_factory=list)
    children: int = 0
    title_stop: int | None = None   # an inline child that cuts the title short
    repeat_of: _Node | None = None
    role: str = ""

    @property
    def rank(self) -> int:
        return _STYLES[self.style].rank if self.style in _STYLES else 99


@dataclass
class _Mark:
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


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    return a, b


def _is_unit_line(s: str) -> bool:
    if not s or len(s) > 200 or re.search(r"[。,，;；!！?？:：]", s):
        return False
    parts = [p.strip() for p in re.split(r"[、/]", s) if p.strip()]
    if not parts or any(len(p) > 20 for p in parts):
        return False
    if re.match(r"^[\d(（一二三四五六七八九十—\-]", s):
        return False
    return sum(bool(_UNIT_SUFFIX.search(p)) for p in parts) * 2 >= len(parts)


def _table_blocks(text: str, lines: list[tuple[int, int]]) -> dict[int, tuple[int, str]]:
    """First line index of each ``|`` table → (last line index, caption label)."""
    blocks: dict[int, tuple[int, str]] = {}
    n = len(lines)
    i = 0
    while i < n:
        a, b = lines[i]
        s = text[a:b].strip()
        cap = _TABLE_CAPTION.match(s)
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


def _attachment_line(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The ``附件:`` line that starts a short closing list of attachments, if any."""
    for k in range(len(lines) - 1, -1, -1):
        s = text[lines[k][0]:lines[k][1]].strip()
        if _ATTACH_LINE.match(s):
            tail = [text[a:b].strip() for a, b in lines[k + 1:] if text[a:b].strip()]
            if len(tail) <= 15 and all(len(t) <= 80 for t in tail):
                return k
            return None
    return None


def _back_start(text: str, lines: list[tuple[int, int]], last_mark_line: int,
                attachment: int | None = None) -> int | None:
    """Line index where the closing matter (signature, date, 抄送, 附件) begins."""
    start = None
    seen_date = False
    i = len(lines) - 1
    if attachment is not None:
        start, i = attachment, attachment - 1
    while i > last_mark_line:
        s = text[lines[i][0]:lines[i][1]].strip()
        if not s:
            i -= 1
            continue
        if _DATE_LINE.match(s) or _BACK_LINE.search(s):
            start, seen_date = i, seen_date or bool(_DATE_LINE.match(s))
        elif _ORG_LINE.match(s) and start is not None and start == _next_nonblank(text, lines, i):
            nxt = text[lines[start][0]:lines[start][1]].strip()
            if not _DATE_LINE.match(nxt):
                break
            start = i
        else:
            break
        i -= 1
    return start


def _next_nonblank(text: str, lines: list[tuple[int, int]], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if text[lines[j][0]:lines[j][1]].strip():
            return j
    return None


# --------------------------------------------------------------------------- parser

class _Parser:
    def __init__(self, text: str, doc_id: str) -> None:
        self.text = text
        self.doc_id = doc_id
        self.lines = _lines(text)
        # a task table names a lead unit and at least one other role
        found = [r for r in ROLE_LABELS if r in text]
        self.task_doc = len(found) >= 2 and any(r in LEAD_ROLES for r in found)
        self._units_owner: _Node | None = None

    # ---- pass A: marks at line starts, tables, units, back matter
    def line_marks(self) -> tuple[list[_Mark], int]:
        text, lines = self.text, self.lines
        tables = _table_blocks(text, lines)
        marks: list[_Mark] = []
        i, n = 0, len(lines)
        while i < n:
            a, b = _strip_span(text, *lines[i])
            if a == b:
                i += 1
                continue
            if i in tables:
                last, caption = tables[i]
                marks.append(_Mark(a, "table", end=lines[last][1], caption=caption,
                                   line_end=b, label_end=a))
                i = last + 1
                continue
            s = text[a:b]
            for style, pat in _LINE_PATTERNS:
                m = pat.match(s)
                if m:
                    number = cn_to_int(m.group(1)) if style not in ("dash", "circled") else None
                    if style == "circled":
                        number = _CIRCLED.index(m.group(1)) + 1
                    ambiguous = style == "l3" and b > a + m.end() and s[m.end()].isdigit()
                    marks.append(_Mark(a, "label", style, number, m.group(0), a + m.end(), b,
                                       ambiguous=ambiguous))
                    break
            else:
                um = _UNIT_PREFIX.match(s)
                if um:
                    role = ROLE_LEAD if um.group(1) in LEAD_ROLES else ROLE_COOPERATE
                    marks.append(_Mark(a, "units", role=role, label=um.group(1),
                                       label_end=a + um.end(), line_end=b, end=b))
                elif self.task_doc and _is_unit_line(s):
                    marks.append(_Mark(a, "units", label_end=a, line_end=b, end=b))
            i += 1
        # closing matter, after the last outline label
        back = None
        if marks:
            starts = [a for a, _b in lines]
            att = _attachment_line(text, lines)
            before = [mk for mk in marks if att is None or mk.pos < lines[att][0]]
            if not before:
                att, before = None, marks
            last_line = bisect_right(starts, before[-1].pos) - 1
            bi = _back_start(text, lines, last_line, att)
            if bi is not None:
                back = _strip_span(text, *lines[bi])[0]
        if back is not None:
            marks = [mk for mk in marks if mk.pos < back]
        return marks, (back if back is not None else len(text))

    # ---- pass B: hierarchy, inline marks, numbering
    def parse(self) -> list[dict[str, Any]]:
        text = self.text
        marks, back = self.line_marks()
        nodes: list[_Node] = []
        stack: list[_Node] = []
        last_child: dict[tuple[int, str], _Node] = {}
        doc_last: dict[str, int] = {}
        used: dict[tuple[int, str], int] = {}
        dash_count: dict[int, int] = {}
        repeat_count: dict[int, int] = {}
        task_style: str | None = None
        units_run = 0
        prev_kind = ""

        def assign_id(node: _Node, parent: _Node | None) -> None:
            key = (id(parent), node.part)
            k = used.get(key, 0) + 1
            used[key] = k
            part = node.part if k == 1 else f"{node.part}~{k}"
            base = parent.clause_id if parent is not None else f"{self.doc_id}:"
            node.clause_id = f"{base}/{part}" if parent is not None else f"{base}{part}"

        def set_level(node: _Node, parent: _Node | None, base: int) -> None:
            node.level = max(base, (parent.level + 1) if parent is not None else 1)

        i = 0
        while i < len(marks):
            mk = marks[i]
            nxt = marks[i + 1].pos if i + 1 < len(marks) else back
            if mk.kind == "table":
                parent = stack[-1] if stack else None
                node = _Node(mk.pos, "table", label=mk.caption, part=mk.caption or "表",
                             content=mk.pos, line_end=mk.line_end, parent=parent)
                cap_text = text[mk.pos:mk.line_end].strip()
                node.heading = _TABLE_CAPTION.sub("", cap_text).strip() if mk.caption else ""
                set_level(node, parent, 1)
                assign_id(node, parent)
                nodes.append(node)
                if parent is not None:
                    parent.children += 1
                self._after_block(marks, i, mk.end or mk.line_end, nxt, parent)
                prev_kind, units_run = "table", 0
                i += 1
                continue
            if mk.kind == "units":
                ok = units_run < 2 and prev_kind in ("label", "units") and stack
                if not ok and not mk.label:
                    marks.pop(i)
                    continue
                top = stack[-1] if stack else None
                if top is None:
                    marks.pop(i)
                    continue
                role = mk.role or (ROLE_LEAD if units_run == 0 else ROLE_COOPERATE)
                if units_run == 0:
                    has_body = bool(text[top.line_end:mk.pos].strip())
                    owner = top
                    if not (has_body or top.style == task_style) and top.parent is not None:
                        owner = top.parent
                    task_style = task_style or owner.style
                    self._units_owner = owner
                owner = self._units_owner
                node = _Node(mk.pos, "table", label=role, part=role, content=mk.label_end,
                             line_end=mk.line_end, parent=owner, role=role, heading=role)
                set_level(node, owner, 1)
                assign_id(node, owner)
                owner.children += 1
                nodes.append(node)
                self._after_block(marks, i, mk.end or mk.line_end, nxt, owner)
                units_run += 1
                prev_kind = "units"
                i += 1
                continue
            if mk.kind == "body":
                parent = mk.parent
                node = _Node(mk.pos, "body", part="body", content=mk.pos,
                             line_end=mk.line_end, parent=parent)
                set_level(node, parent, 1)
                assign_id(node, parent)
                nodes.append(node)
                prev_kind = "body"
                i += 1
                continue

            # ---- a labelled item
            units_run = 0
            style = _STYLES[mk.style]
            # a section heading repeated at a page break: the section goes on
            if style.numbered and not mk.inline:
                same = [s for s in stack if s.style == mk.style]
                if same and same[-1].number == mk.number:
                    open_node = same[-1]
                    head_new = _norm_title(self._title(mk.label_end, mk.line_end, nxt))
                    if head_new and head_new == _norm_title(open_node.heading or self._title(
                            open_node.content, open_node.line_end, None)):
                        while stack and stack[-1] is not open_node:
                            stack.pop()
                        k = repeat_count.get(id(open_node), 1) + 1
                        repeat_count[id(open_node)] = k
                        node = _Node(mk.pos, "heading", mk.style, mk.number, mk.label,
                                     f"repeat-{k}", mk.label_end, mk.line_end, open_node,
                                     repeat_of=open_node)
                        node.level = open_node.level
                        node.clause_id = f"{open_node.clause_id}/repeat-{k}"
                        node.warnings.append(
                            f"repeated heading (page break?): continues {open_node.clause_id}")
                        nodes.append(node)
                        prev_kind = "label"
                        i += 1
                        continue
            popped = [s for s in stack if s.rank >= style.rank]
            while stack and stack[-1].rank >= style.rank:
                stack.pop()
            parent = stack[-1] if stack else None
            key = (id(parent), mk.style)
            prev = last_child.get(key)
            if mk.ambiguous:
                expected = {1, (prev.number or 0) + 1} if prev else {1, doc_last.get(mk.style,
                                                                                    0) + 1}
                if prev is not None:
                    expected = {(prev.number or 0) + 1}
                if mk.number not in expected:
                    stack.extend(popped)
                    marks.pop(i)
                    continue
            node = _Node(mk.pos, "clause", mk.style, mk.number, mk.label, "",
                         mk.label_end, mk.line_end, parent)
            if mk.style == "dash":
                dash_count[id(parent)] = dash_count.get(id(parent), 0) + 1
                node.part = f"—{dash_count[id(parent)]}"
            else:
                node.part = _path_part(mk.style, mk.label, mk.number)
            if style.numbered and mk.number is not None:
                self._check_number(node, prev, doc_last.get(mk.style))
                doc_last[mk.style] = mk.number
            last_child[key] = node
            set_level(node, parent, style.level)
            assign_id(node, parent)
            if parent is not None:
                parent.children += 1
                if (mk.inline and parent.title_stop is None and mk.style in _ENUM_STYLES
                        and parent.line_end >= mk.pos):
                    parent.title_stop = mk.pos
            stack.append(node)
            nodes.append(node)
            prev_kind = "label"
            # inline marks inside this item's scope
            self._inline(marks, i, node, nxt)
            i += 1

        return self._rows(nodes, back)

    def _after_block(self, marks: list[_Mark], i: int, block_end: int, nxt: int,
                     parent: _Node | None) -> None:
        """Unlabelled text after a table or unit cell becomes its own body segment."""
        text = self.text
        rest = text[block_end:nxt]
        if rest.strip():
            off = block_end + (len(rest) - len(rest.lstrip()))
            line_end = text.find("\n", off)
            line_end = nxt if line_end < 0 or line_end > nxt else line_end
            marks.insert(i + 1, _Mark(off, "body", line_end=line_end, parent=parent))

    def _inline(self, marks: list[_Mark], i: int, node: _Node, scope_end: int) -> None:
        text = self.text
        a = node.content
        b = scope_end
        found: list[_Mark] = []
        pat = _INLINE_PATTERNS.get(node.style)
        if pat is not None and node.number is not None:
            for m in pat.finditer(text, a, b):
                num = cn_to_int(m.group(2))
                if num == node.number + 1:
                    p = m.start(1)
                    ln = text.find("\n", p)
                    found.append(_Mark(p, "label", node.style, num, m.group(1), m.end(1),
                                       ln if 0 <= ln < b else b, inline=True))
                    b = p
                    break
        if node.style not in _ENUM_STYLES or node.style == "dash":
            found = self._enumerations(a, b) + found
        elif node.style == "circled":
            found = [f for f in self._enumerations(a, b) if f.style == "enum"] + found
        if found:
            found.sort(key=lambda mk: mk.pos)
            marks[i + 1:i + 1] = found

    def _enumerations(self, a: int, b: int) -> list[_Mark]:
        text = self.text
        out: list[_Mark] = []
        cands = [(m.start(), cn_to_int(m.group(1)), m) for m in _ENUM_RE.finditer(text, a, b)]
        bound = [p > 0 and text[p - 1] in _ENUM_BOUNDARY for p, _n, _m in cands]
        # next_two[k] / next_one[k]: first later 二是 / 一是 that follows a sentence break
        n_c = len(cands)
        next_two, next_one = [n_c] * (n_c + 1), [n_c] * (n_c + 1)
        for k in range(n_c - 1, -1, -1):
            nxt = k + 1
            next_two[k] = nxt if nxt < n_c and cands[nxt][1] == 2 and bound[nxt] \
                else next_two[nxt]
            next_one[k] = nxt if nxt < n_c and cands[nxt][1] == 1 and bound[nxt] \
                else next_one[nxt]
        k = 0
        while k < n_c:
            p, num, m = cands[k]
            prev_ch = text[p - 1] if p > 0 else "\n"
            if (num != 1 or prev_ch in _CN_NUM or prev_ch == "第"
                    or next_two[k] >= min(next_one[k], n_c)):
                k += 1
                continue
            seq = [m]
            want = 3
            last = next_two[k]
            seq.append(cands[last][2])
            j = last + 1
            while j < n_c:
                if cands[j][1] == want and bound[j]:
                    seq.append(cands[j][2])
                    want, last = want + 1, j
                elif cands[j][1] == 1 and bound[j]:
                    break
                j += 1
            for mm in seq:
                ln = text.find("\n", mm.start())
                out.append(_Mark(mm.start(), "label", "enum", cn_to_int(mm.group(1)),
                                 mm.group(0), mm.end(), ln if 0 <= ln < b else b,
                                 inline=True))
            k = last + 1
        want, pos = 1, a
        circled: list[_Mark] = []
        while True:
            p = text.find(_CIRCLED[want - 1], pos, b) if want <= len(_CIRCLED) else -1
            if p < 0:
                break
            ln = text.find("\n", p)
            circled.append(_Mark(p, "label", "circled", want, _CIRCLED[want - 1], p + 1,
                                 ln if 0 <= ln < b else b, inline=True))
            want, pos = want + 1, p + 1
        if len(circled) >= 2:  # a lone ① is more often a footnote mark than a list
            out += circled
        return out

    def _check_number(self, node: _Node, prev: _Node | None, last_in_doc: int | None) -> None:
        n = node.number
        if prev is None:
            if n != 1 and (last_in_doc is None or n != last_in_doc + 1):
                node.warnings.append(f"numbering starts at {node.label.strip()}")
            return
        p = prev.number or 0
        if n == p + 1:
            return
        if n == p:
            node.warnings.append(f"number {node.label.strip()} repeated")
        elif n < p:
            node.warnings.append(f"numbering goes back from {p} to {n}")
        else:
            node.warnings.append(f"numbering skips from {p} to {n}")

    def _title(self, content: int, line_end: int, stop: int | None) -> str:
        end = line_end if stop is None else min(line_end, stop)
        seg = self.text[content:end]
        m = _TITLE_END.search(seg)
        return (seg[:m.start()] if m else seg).strip()

    def _rows(self, nodes: list[_Node], back: int) -> list[dict[str, Any]]:
        text, doc_id = self.text, self.doc_id
        rows: list[dict[str, Any]] = []
        n = len(text)
        if not nodes:
            rows.append(_row(doc_id, f"{doc_id}:body", None, 0, "", "", text, 0, n, "body",
                             "no outline recognised: the whole text is one body clause"))
            return rows
        first = nodes[0].start
        if first > 0:
            if text[:first].strip():
                title = next((ln.strip() for ln in text[:first].split("\n") if ln.strip()), "")
                rows.append(_row(doc_id, f"{doc_id}:front", None, 0, "", title, text[:first],
                                 0, first, "front", ""))
            else:
                nodes[0].start = 0
        for k, node in enumerate(nodes):
            end = nodes[k + 1].start if k + 1 < len(nodes) else back
            kind = node.kind
            if node.repeat_of is None and node.kind == "clause":
                if node.style in _ENUM_STYLES:
                    kind = "enumeration"
                    node.heading = self._title(node.content, node.line_end, None)
                else:
                    stop = node.title_stop
                    title = self._title(node.content, node.line_end, stop)
                    node.heading = title
                    line_stop = node.line_end if stop is None else min(node.line_end, stop)
                    after = self.text[node.content:line_stop]
                    m = _TITLE_END.search(after)
                    rest = after[m.end():].strip() if m else ""
                    body = self.text[node.line_end:end].strip()
                    if not rest and (node.children or body):
                        kind = "heading"
            elif node.repeat_of is not None:
                node.heading = self._title(node.content, node.line_end, None)
            parent_id = node.parent.clause_id if node.parent is not None else None
            rows.append(_row(doc_id, node.clause_id, parent_id, node.level, node.label,
                             node.heading, text[node.start:end], node.start, end, kind,
                             "; ".join(node.warnings)))
        if back < n:
            title = next((ln.strip() for ln in text[back:].split("\n") if ln.strip()), "")
            rows.append(_row(doc_id, f"{doc_id}:back", None, 0, "", title, text[back:], back,
                             n, "back", ""))
        return rows


def _norm_title(s: str) -> str:
    return re.sub(r"[\s。;；,，、:：!！?？“”\"'()（）]", "", s)


def _path_part(style: str, label: str, number: int | None) -> str:
    core = re.sub(r"[\s、.．()（）]", "", label)
    if style in ("l2", "l4"):
        return f"({core})"
    if style == "l3":
        return str(number)
    return core


def _row(doc_id: str, clause_id: str, parent_id: str | None, level: int, label: str,
         heading: str, text: str, a: int, b: int, kind: str, warns: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "clause_id": clause_id, "parent_id": parent_id, "level": level,
            "label": label, "heading": heading, "text": text, "char_start": a, "char_end": b,
            "kind": kind, "warnings": warns}


# --------------------------------------------------------------------------- public API

def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(CLAUSE_COLUMNS))
    df["level"] = df["level"].astype("int64")
    df["char_start"] = df["char_start"].astype("int64")
    df["char_end"] = df["char_end"].astype("int64")
    return df


def parse_clauses(text: str, *, doc_id: str = "doc", warn: bool = True) -> pd.DataFrame:
    """Parse one text into its clause segments (the rows :func:`clause_table` gives per
    document).

    Parameters
    ----------
    text : str
        Normalised document text (as in ``documents["text"]``).
    doc_id : str, keyword-only
        Used in ``doc_id`` and ``clause_id``.
    warn : bool, keyword-only
        Emit a :class:`StructureWarning` when no outline is recognised.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLAUSE_COLUMNS`; the segments cover ``text`` in order.

    Examples
    --------
    >>> df = parse_clauses("标题\\n一、总体要求\\n(一)指导思想\\n坚持创新。\\n1.加强领导。要求。")
    >>> df[["clause_id", "level", "kind", "heading"]].values.tolist()
    [['doc:front', 0, 'front', '标题'], ['doc:一', 1, 'heading', '总体要求'],
     ['doc:一/(一)', 2, 'heading', '指导思想'], ['doc:一/(一)/1', 3, 'clause', '加强领导']]
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_clauses: text must be a str, not {type(text).__name__}")
    rows = _Parser(text, doc_id).parse()
    if warn and rows and rows[0]["kind"] == "body" and text.strip():
        warnings.warn(f"{doc_id}: no outline (一、/(一)/1./(1)/一是 ...) recognised; the whole "
                      "text is kept as one body clause.", StructureWarning, stacklevel=2)
    return _frame(rows)


def clause_table(corpus: Corpus, *, docs: list[str] | None = None) -> pd.DataFrame:
    """The clause table of a corpus: one row per clause segment of every document.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.load_corpus`.
    docs : list of str, keyword-only
        Only these documents (default: all, in corpus order).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLAUSE_COLUMNS` (see the module docstring), in corpus order and by
        position; per document the segments cover ``documents["text"]`` without overlap.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> clauses = clause_table(load_corpus())
    >>> clauses.groupby("doc_id", sort=False)["char_end"].max().to_dict()["chifeng_2023"]
    3944
    """
    import pandas as pd

    documents = corpus.documents
    if docs is not None:
        unknown = sorted(set(docs) - set(documents["doc_id"]))
        if unknown:
            raise KeyError(f"not in this corpus: {unknown}; ids are {corpus.doc_ids}")
        documents = documents.set_index("doc_id", drop=False).loc[list(docs)]
    frames = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        frames.append(parse_clauses(text, doc_id=doc_id))
    if not frames:
        return _frame([])
    return pd.concat(frames, ignore_index=True)


def clause_at(clauses: pd.DataFrame, doc_id: str, pos: Any) -> Any:
    """The ``clause_id`` of the segment containing character offset ``pos`` of ``doc_id``.

    ``pos`` may be an int (returns a str) or an array of ints (returns an array of str).

    Raises
    ------
    KeyError
        If ``doc_id`` has no clauses.
    ValueError
        If an offset lies outside the document.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> corpus = load_corpus()
    >>> clauses = clause_table(corpus)
    >>> pos = corpus.text("chifeng_2023").index("推进重点领域技术创新")
    >>> clause_at(clauses, "chifeng_2023", pos)
    'chifeng_2023:二/(一)/1'
    """
    import numpy as np

    sub = clauses.loc[clauses["doc_id"] == doc_id]
    if sub.empty:
        raise KeyError(f"{doc_id!r} has no clauses in this table")
    starts = sub["char_start"].to_numpy()
    order = np.argsort(starts, kind="stable")
    starts = starts[order]
    ids = sub["clause_id"].to_numpy()[order]
    end = int(sub["char_end"].max())
    scalar = np.ndim(pos) == 0
    p = np.atleast_1d(np.asarray(pos, dtype=np.int64))
    bad = (p < 0) | (p >= max(end, 1))
    if bad.any():
        raise ValueError(f"{doc_id}: offset {int(p[bad][0])} is outside the text "
                         f"(0 … {end - 1})")
    idx = np.searchsorted(starts, p, side="right") - 1
    out = ids[idx]
    return str(out[0]) if scalar else out


def attach_clause_ids(table: pd.DataFrame, clauses: pd.DataFrame, *, start: str = "start",
                      column: str = "clause_id") -> pd.DataFrame:
    """Add the ``clause_id`` of each row's offset (``table[start]``, per ``doc_id``).

    Works for tokens (``start``), kwic hits (``char_start``), targets ... Rows whose
    document has no clauses get a missing value.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> corpus = load_corpus().subset(["chifeng_2023"])
    >>> toks = attach_clause_ids(token_table(corpus), clause_table(corpus))
    >>> toks["clause_id"].iloc[0]
    'chifeng_2023:front'
    """
    import numpy as np

    if start not in table.columns or "doc_id" not in table.columns:
        raise KeyError(f"attach_clause_ids: the table needs 'doc_id' and {start!r} columns")
    out = table.copy()
    values = np.full(len(out), None, dtype=object)
    for doc_id, idx in out.groupby("doc_id", sort=False).indices.items():
        sub = clauses.loc[clauses["doc_id"] == doc_id].sort_values("char_start")
        if sub.empty:
            continue
        starts = sub["char_start"].to_numpy()
        ids = sub["clause_id"].to_numpy()
        pos = out[start].to_numpy()[idx]
        k = np.clip(np.searchsorted(starts, pos, side="right") - 1, 0, len(starts) - 1)
        values[idx] = ids[k]
    out[column] = values
    return out


_LEVEL_NAMES = {0: "front/back", 1: "一、", 2: "(一)", 3: "1.", 4: "(1)", 5: "一是/①/—"}


def outline_summary(clauses: pd.DataFrame) -> pd.DataFrame:
    """Number of outline items at each level of each document (tidy).

    Counts the ``heading``, ``clause`` and ``enumeration`` rows (front/back matter, tables,
    unit cells, unlabelled continuations and page-break repeats of a heading are not
    outline items).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, level, n, style`` in document order and by level; ``style`` names the
        numbering styles found at that level (``"一、"``, ``"(一)"``, ``"1."`` ...).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> s = outline_summary(clause_table(load_corpus().subset(["chifeng_2023"])))
    >>> s[["level", "n"]].values.tolist()
    [[1, 3], [2, 9], [3, 17], [5, 4]]
    """
    import pandas as pd

    items = clauses.loc[clauses["kind"].isin(["heading", "clause", "enumeration"])
                        & ~clauses["clause_id"].str.contains(r"/repeat-\d+$", regex=True)]
    order = list(dict.fromkeys(clauses["doc_id"].tolist()))
    # one pass: each document's labels by level
    by_doc: dict[Any, dict[int, list[Any]]] = {}
    for doc_id, level, lab in zip(items["doc_id"].tolist(), items["level"].tolist(),
                                  items["label"].tolist(), strict=True):
        by_doc.setdefault(doc_id, {}).setdefault(level, []).append(lab)
    style_of: dict[Any, str] = {}
    rows = []
    for doc_id in order:
        for level, labels in sorted(by_doc.get(doc_id, {}).items()):
            styles = set()
            for lab in labels:
                if lab not in style_of:
                    style_of[lab] = _label_style(lab)
                styles.add(style_of[lab])
            rows.append({"doc_id": doc_id, "level": int(level), "n": len(labels),
                         "style": " ".join(sorted(styles))})
    df = pd.DataFrame(rows, columns=["doc_id", "level", "n", "style"])
    df["level"] = df["level"].astype("int64")
    df["n"] = df["n"].astype("int64")
    return df


def _label_style(label: str) -> str:
    for style, pat in _LINE_PATTERNS:
        if pat.match(label):
            return {"part": "第X部分", "chapter": "第X章", "section": "第X节",
                    "article": "第X条", "l1": "一、", "l2": "(一)", "l3": "1.", "l4": "(1)",
                    "circled": "①", "dash": "—"}[style]
    if _ENUM_RE.fullmatch(label):
        return "一是"
    return label


# --------------------------------------------------------------------------- tables

_NUMERIC_CELL = re.compile(r"^[\d.,%+\-—~～约左右以上以下]+$")
_ITEM_CELL = re.compile(r"^\d{1,3}[.、．]\D")
_GROUP_CELL = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def _split_cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.strip().split("|")]
    if cells and cells[0] == "" and line.strip().startswith("|"):
        cells = cells[1:]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def table_rows(clauses: pd.DataFrame) -> pd.DataFrame:
    """The rows of every ``|``-flattened table clause, split into cells.

    Merged group cells (``创新主体 | 4.科技领军企业 | 0 | 2 | 预期性``) are recognised
    when a row has one cell more than the header, or, in a table whose rows are numbered
    indicators, when a row starts with a short unnumbered label; the group is carried down
    to the following rows. A group row whose own indicator name was lost in flattening gets
    an empty first cell and a note in ``warnings``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, clause_id, row, cells, n_cells, is_header, group, warnings, char_start,
        char_end`` (``row`` counts from 0 within the table; ``cells`` is a list of str;
        offsets are into ``documents["text"]``).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> rows = table_rows(clause_table(load_corpus().subset(["xinji_2022"])))
    >>> rows.loc[rows["row"] == 0, "cells"].item()
    ['指标名称', '2020年基数', '2025年目标', '指标属性']
    >>> rows.loc[rows["row"] == 5, ["group", "cells"]].values.tolist()[0]
    ['创新主体', ['5.高新技术企业数量(家)', '99', '130', '预期性']]
    """
    import pandas as pd

    out = []
    tables = clauses.loc[(clauses["kind"] == "table")
                         & clauses["text"].str.contains("|", regex=False)]
    for row in tables.itertuples(index=False):
        parsed = []
        pos = row.char_start
        for line in row.text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            if "|" in line:
                a = start + (len(line) - len(line.lstrip()))
                parsed.append((_split_cells(line), a, start + len(line.rstrip())))
        if not parsed:
            continue
        first = parsed[0][0]
        has_header = not any(_NUMERIC_CELL.match(c) for c in first if c)
        width = len(first) if has_header else None
        data = parsed[1:] if has_header else parsed
        numbered = sum(bool(_ITEM_CELL.match(c[0] if c else "")
                            or (len(c) > 1 and _ITEM_CELL.match(c[1]))) for c, _a, _b in data)
        numbered_table = numbered * 2 >= max(len(data), 1)
        group = ""
        for k, (cells, a, b) in enumerate(parsed):
            note = ""
            if k == 0 and has_header:
                out.append((row.doc_id, row.clause_id, 0, cells, len(cells), True, "", "", a, b))
                continue
            if width is not None and len(cells) > width:
                group, cells = cells[0], cells[1:]
            elif (numbered_table and cells and not _ITEM_CELL.match(cells[0])
                  and _GROUP_CELL.match(cells[0])):
                group = cells[0]
                cells = ["", *cells[1:]]
                note = "indicator name missing (merged group cell)"
            out.append((row.doc_id, row.clause_id, k, cells, len(cells), False, group, note,
                        a, b))
    df = pd.DataFrame(out, columns=["doc_id", "clause_id", "row", "cells", "n_cells",
                                    "is_header", "group", "warnings", "char_start",
                                    "char_end"])
    for col in ("row", "n_cells", "char_start", "char_end"):
        df[col] = df[col].astype("int64")
    df["is_header"] = df["is_header"].astype(bool)
    return df


# --------------------------------------------------------------------------- task tables

_UNIT_SPLIT = re.compile(r"[、,，;；/\s]+")
_UNIT_NOTE = re.compile(r"[(（][^)）]*[)）]")


def load_unit_aliases(source: str = "units.csv") -> dict[str, str]:
    """Read an ``alias,unit`` CSV (packaged name or your own path); ``#`` lines are notes.

    Examples
    --------
    >>> load_unit_aliases()["市科学技术局"]
    '市科技局'
    """
    import csv

    from analysis.resources import resource_text

    lines = [ln for ln in resource_text(source).splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    if reader.fieldnames is None or not {"alias", "unit"} <= set(reader.fieldnames):
        raise ValueError(f"{source}: a unit alias file needs the columns alias,unit "
                         f"(found {reader.fieldnames}); fix its header row.")
    return {r["alias"].strip(): r["unit"].strip() for r in reader
            if r.get("alias") and r.get("unit")}


def normalize_unit(name: str, aliases: dict[str, str] | None = None) -> str:
    """One unit name in its standard short form (``市科学技术局`` → ``市科技局``).

    Notes in brackets (``(牵头)``), a trailing ``等`` and punctuation are dropped; a name
    without ``市`` is completed when ``市`` + name is a known unit.

    Examples
    --------
    >>> normalize_unit("科技局"), normalize_unit("市发展和改革委员会(牵头)")
    ('市科技局', '市发改委')
    """
    aliases = load_unit_aliases() if aliases is None else aliases
    s = _UNIT_NOTE.sub("", name).strip(" 。.,，;；:：")
    s = re.sub(r"等$", "", s)
    if s in aliases:
        return aliases[s]
    known = set(aliases.values())
    if not s.startswith("市") and f"市{s}" in known:
        return f"市{s}"
    return s


def split_units(cell: str, aliases: dict[str, str] | None = None) -> list[str]:
    """Split a unit cell on ``、`` (and commas, spaces) into normalised unit names, in order,
    without duplicates.

    Examples
    --------
    >>> split_units("市发改委、市政府国资委、财政局")
    ['市发改委', '市政府国资委', '市财政局']
    """
    aliases = load_unit_aliases() if aliases is None else aliases
    cell = _UNIT_PREFIX.sub("", cell.strip())
    out: list[str] = []
    for part in _UNIT_SPLIT.split(cell):
        unit = normalize_unit(part, aliases) if part.strip() else ""
        if unit and unit not in out and unit not in ("无", "—", "-"):
            out.append(unit)
    return out


def _strip_label(text: str, label: str) -> str:
    body = text.strip()
    if label and body.startswith(label):
        body = body[len(label):]
    return "\n".join(ln.strip() for ln in body.split("\n") if ln.strip())


RESPONSIBILITY_COLUMNS = ("doc_id", "clause_id", "label", "heading", "provincial_text",
                          "city_measures", "lead_units", "cooperating_units")


def responsibilities(clauses: pd.DataFrame, *, units: str | dict[str, str] = "units.csv"
                     ) -> pd.DataFrame:
    """The responsibilities of a task-decomposition table: one row per upper-level measure.

    A document is a task table when its clauses hold unit cells (lines under the columns
    牵头单位/配合单位, or ``牵头单位:…`` lines), or a ``|`` table whose header names
    牵头单位 (or 责任单位) and 配合单位. Each measure row has the measure's own text
    (``provincial_text``, the upper-level clause being implemented), the numbered measures
    under it (``city_measures``) and its lead and cooperating units, split on ``、`` and
    normalised (:func:`normalize_unit`). Measures of the same outline level without units
    (e.g. 指导思想) are kept with empty lists.

    Parameters
    ----------
    clauses : DataFrame
        From :func:`clause_table`.
    units : str or dict, keyword-only
        Unit alias CSV (packaged name or path) or a ready ``{alias: unit}`` mapping.

    Returns
    -------
    pandas.DataFrame
        :data:`RESPONSIBILITY_COLUMNS`; list columns hold lists of str.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> r = responsibilities(clause_table(load_corpus().subset(["jiayuguan_2020"])))
    >>> len(r), r["lead_units"].iloc[2]
    (20, ['市工信局', '市科技局'])
    """
    import pandas as pd

    aliases = load_unit_aliases(units) if isinstance(units, str) else dict(units)
    out: list[dict[str, Any]] = []
    # only documents with table clauses have responsibilities; each one's rows are taken
    # by position (one pass over the doc_ids) instead of a scan of the table per document
    doc_ids = clauses["doc_id"].tolist()
    with_tables = set(clauses.loc[clauses["kind"] == "table", "doc_id"].tolist())
    positions: dict[Any, list[int]] = {}
    for i, d in enumerate(doc_ids):
        if d in with_tables:
            positions.setdefault(d, []).append(i)
    for doc_id in dict.fromkeys(doc_ids):
        if doc_id not in positions:
            continue
        pos = positions[doc_id]
        # a document's clauses are contiguous in a clause table: a slice of the (chunked)
        # Arrow columns costs nothing, a take costs the whole column
        contiguous = pos[-1] - pos[0] + 1 == len(pos)
        doc = clauses.iloc[pos[0]:pos[-1] + 1] if contiguous else clauses.iloc[pos]
        out += _responsibilities_cells(doc, aliases)
        out += _responsibilities_pipe(doc, aliases)
    df = pd.DataFrame(out, columns=list(RESPONSIBILITY_COLUMNS))
    return df


def _responsibilities_cells(doc: pd.DataFrame, aliases: dict[str, str]) -> list[dict]:
    cells = doc.loc[(doc["kind"] == "table") & doc["label"].isin([ROLE_LEAD, ROLE_COOPERATE])
                    & ~doc["text"].str.contains("|", regex=False)]
    if cells.empty:
        return []
    owners = doc.loc[doc["clause_id"].isin(set(cells["parent_id"]))]
    level = int(owners["level"].mode().iloc[0])
    styles = {_label_style(lab) for lab in owners["label"]}
    rows = doc.loc[(doc["level"] == level) & doc["kind"].isin(["heading", "clause"])
                   & ~doc["clause_id"].str.contains(r"/repeat-\d+$", regex=True)
                   & doc["label"].map(lambda lab: _label_style(lab) in styles)]
    children: dict[str, list[Any]] = {}
    for k in doc.itertuples(index=False):
        if isinstance(k.parent_id, str):
            children.setdefault(k.parent_id, []).append(k)
    out = []
    for r in rows.itertuples(index=False):
        kids = children.get(r.clause_id, [])
        measures = [_strip_label(k.text, k.label) for k in kids
                    if k.kind in ("heading", "clause")]
        lead: list[str] = []
        coop: list[str] = []
        for k in kids:
            if k.kind == "table" and k.label == ROLE_LEAD:
                lead += [u for u in split_units(k.text, aliases) if u not in lead]
            elif k.kind == "table" and k.label == ROLE_COOPERATE:
                coop += [u for u in split_units(k.text, aliases) if u not in coop]
        out.append({"doc_id": r.doc_id, "clause_id": r.clause_id, "label": r.label,
                    "heading": r.heading, "provincial_text": _strip_label(r.text, r.label),
                    "city_measures": measures, "lead_units": lead,
                    "cooperating_units": coop})
    return out


def _responsibilities_pipe(doc: pd.DataFrame, aliases: dict[str, str]) -> list[dict]:
    tables = doc.loc[(doc["kind"] == "table") & doc["text"].str.contains("|", regex=False)]
    if tables.empty:
        return []
    rows = table_rows(tables)
    out = []
    for clause_id, grp in rows.groupby("clause_id", sort=False):
        head = grp.loc[grp["is_header"]]
        if head.empty:
            continue
        header = head["cells"].iloc[0]
        lead_col = next((i for i, c in enumerate(header)
                         if any(r in c for r in LEAD_ROLES)), None)
        coop_col = next((i for i, c in enumerate(header)
                         if any(r in c for r in COOPERATE_ROLES)), None)
        if lead_col is None:
            continue
        text_cols = [i for i in range(len(header)) if i not in (lead_col, coop_col)
                     and not re.fullmatch(r"序号|编号|No\.?", header[i].strip())]
        for k, r in enumerate(grp.loc[~grp["is_header"]].itertuples(index=False), start=1):
            cells = list(r.cells) + [""] * (len(header) - len(r.cells))
            texts = [cells[i] for i in text_cols
                     if i < len(cells) and cells[i] and not _NUMERIC_CELL.match(cells[i])]
            out.append({
                "doc_id": r.doc_id, "clause_id": f"{clause_id}/{k}", "label": str(k),
                "heading": texts[0] if texts else "",
                "provincial_text": texts[0] if texts else "",
                "city_measures": texts[1:],
                "lead_units": split_units(cells[lead_col], aliases),
                "cooperating_units": (split_units(cells[coop_col], aliases)
                                      if coop_col is not None else []),
            })
    return out


def agency_table(resp: pd.DataFrame) -> pd.DataFrame:
    """How often each unit leads and cooperates on the measures of a task table.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, unit, n_lead, n_cooperate, n_measures, lead_share`` (``n_measures``:
        measures the unit is named in; ``lead_share``: n_lead / n_measures), sorted by
        document, then by ``n_measures`` and ``n_lead`` (descending) and unit name.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> r = responsibilities(clause_table(load_corpus().subset(["jiayuguan_2020"])))
    >>> agency_table(r).head(1)[["unit", "n_lead", "n_cooperate"]].to_dict("records")
    [{'unit': '市科技局', 'n_lead': 15, 'n_cooperate': 3}]
    """
    import pandas as pd

    rows = []
    for doc_id in dict.fromkeys(resp["doc_id"]):
        sub = resp.loc[resp["doc_id"] == doc_id]
        lead: dict[str, int] = {}
        coop: dict[str, int] = {}
        for leads, coops in zip(sub["lead_units"], sub["cooperating_units"], strict=True):
            for u in set(leads):
                lead[u] = lead.get(u, 0) + 1
            for u in set(coops) - set(leads):
                coop[u] = coop.get(u, 0) + 1
        for u in set(lead) | set(coop):
            nl, nc = lead.get(u, 0), coop.get(u, 0)
            rows.append({"doc_id": doc_id, "unit": u, "n_lead": nl, "n_cooperate": nc,
                         "n_measures": nl + nc, "lead_share": nl / (nl + nc)})
    df = pd.DataFrame(rows, columns=["doc_id", "unit", "n_lead", "n_cooperate", "n_measures",
                                     "lead_share"])
    if df.empty:
        return df
    order = {d: i for i, d in enumerate(dict.fromkeys(resp["doc_id"]))}
    df["_o"] = df["doc_id"].map(order)
    df = df.sort_values(["_o", "n_measures", "n_lead", "unit"],
                        ascending=[True, False, False, True]).drop(columns="_o")
    return df.reset_index(drop=True)


def agency_edges(resp: pd.DataFrame) -> pd.DataFrame:
    """Lead → cooperate and co-lead links between units, ready for a network figure.

    ``relation`` is ``"lead-cooperate"`` (``source`` leads a measure on which ``target``
    cooperates) or ``"co-lead"`` (both lead it; ``source`` < ``target``). ``weight`` counts
    the measures; ``clause_ids`` lists them.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, target, relation, weight, clause_ids``, sorted by document,
        relation, weight (descending), source, target.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> r = responsibilities(clause_table(load_corpus().subset(["jiayuguan_2020"])))
    >>> e = agency_edges(r)
    >>> e.head(1)[["source", "target", "weight"]].to_dict("records")
    [{'source': '市科技局', 'target': '市工信局', 'weight': 11}]
    """
    import pandas as pd

    acc: dict[tuple[str, str, str, str], list[str]] = {}
    for r in resp.itertuples(index=False):
        leads = list(dict.fromkeys(r.lead_units))
        for src in leads:
            for tgt in dict.fromkeys(r.cooperating_units):
                if tgt != src and tgt not in leads:
                    acc.setdefault((r.doc_id, src, tgt, "lead-cooperate"), []).append(
                        r.clause_id)
        for i, a in enumerate(leads):
            for b in leads[i + 1:]:
                s, t = sorted((a, b))
                acc.setdefault((r.doc_id, s, t, "co-lead"), []).append(r.clause_id)
    rows = [{"doc_id": d, "source": s, "target": t, "relation": rel, "weight": len(ids),
             "clause_ids": ids} for (d, s, t, rel), ids in acc.items()]
    df = pd.DataFrame(rows, columns=["doc_id", "source", "target", "relation", "weight",
                                     "clause_ids"])
    if df.empty:
        return df
    order = {d: i for i, d in enumerate(dict.fromkeys(resp["doc_id"]))}
    df["_o"] = df["doc_id"].map(order)
    df["_r"] = (df["relation"] != "lead-cooperate").astype(int)
    df = df.sort_values(["_o", "_r", "weight", "source", "target"],
                        ascending=[True, True, False, True, True]).drop(columns=["_o", "_r"])
    return df.reset_index(drop=True)
