"""The outline parser: one document's text → its clause segments.

The parser reads a document in two passes. Pass A (:mod:`analysis.structure.marks`)
marks the lines that start with an outline label (:mod:`analysis.structure.labels`), the
``|`` tables, the unit lines of task tables and where the closing matter begins; the
levels of the styles come from :mod:`analysis.structure.levels`. Pass B
builds the hierarchy from the ranks of the styles, finds the labels inside lines
(``…方式。 3.财政…``, ``一是…二是…``, ``①②``), checks the numbering, and gives every
segment its ``clause_id``, ``level``, ``kind`` and ``heading``. The segments cover the text
in order and without overlap; :mod:`analysis.structure.clauses` describes the table they
make and is the public entry point (:func:`~analysis.structure.clauses.parse_clauses`).

Examples
--------
>>> from analysis.structure.rules import load_structure_rules
>>> rows = parse_outline("一、总则\\n(一)目标。内容。", doc_id="d", rules=load_structure_rules())
>>> [(r["clause_id"], r["kind"], r["heading"]) for r in rows]
[('d:一', 'heading', '总则'), ('d:一/(一)', 'clause', '目标')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from analysis.structure.enumerations import enumeration_marks
from analysis.structure.labels import (
    ENUM_STYLES,
    INLINE_PATTERNS,
    INLINE_TITLE_PATTERNS,
    LINE_LABEL_RE,
    STYLES,
    path_part,
)
from analysis.structure.levels import SKIPPABLE, style_order
from analysis.structure.lines import restated_title_end, split_lines
from analysis.structure.marks import Mark, line_marks
from analysis.structure.roles import (
    LEAD_ROLES,
    ROLE_COOPERATE,
    ROLE_LABELS,
    ROLE_LEAD,
)
from analysis.structure.rules import StructureRules
from analysis.structure.titles import alone_title
from analysis.structure.wrapper import Parts, split_rows
from analysis.text.chars import cn_to_int

__all__ = ["parse_outline"]

#: the end of a clause's title: its first sentence, or the text before a colon
_TITLE_END = re.compile(r"[。;；!！?？:：\n]")
#: the styles whose item N may hold decimal items N.1, N.2 … (1.1 under 1., 第1章, 一、)
_DECIMAL_PARENTS = frozenset({"part", "chapter", "section", "l1", "l3"})
#: the most characters read for a heading's title (it ends at the first _TITLE_END)
TITLE_WINDOW = 2000
#: a title alone on its line is at most this long; a longer title of a style whose items
#: mostly stand alone ran into its text, and ends where the text restates it
ALONE_TITLE = 20
#: the styles whose label may stand alone with its title on the next line (``第一章`` above
#: ``总　　则``, as web and PDF texts of laws set them; ``3.1`` above a standard's term)
TITLE_BELOW = frozenset({"part", "chapter", "section", "decimal"})


def parse_outline(text: str, *, doc_id: str, rules: StructureRules) -> list[dict[str, Any]]:
    """The clause rows of one text, as dicts with the clause-table columns, in text order.

    A text without any outline label is one ``body`` row (with a note in ``warnings``).
    """
    return _Parser(text, doc_id, rules).parse()


@dataclass
class _Node:
    """A clause segment of pass B: where it starts, its place in the outline, its id."""

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
    rank: int = 999                 # nesting order in its part (smaller contains larger)
    lift: int = 0                   # levels above its style's place (an article in a chapter)


class _Parser:
    """Parse one document: :meth:`parse` gives its clause rows."""

    def __init__(self, text: str, doc_id: str, rules: StructureRules) -> None:
        self.text = text
        self.doc_id = doc_id
        self.rules = rules
        self.lines = split_lines(text)
        self._starts = [a for a, _b in self.lines]
        # a task table names a lead unit and at least one other role
        found = [r for r in ROLE_LABELS if r in text]
        self.task_doc = len(found) >= 2 and any(r in LEAD_ROLES for r in found)
        self._units_owner: _Node | None = None
        self.parts = Parts()
        self.order: dict[str, list[str]] = {}
        self._decimals: set[tuple[int, ...]] | None = None

    def _line_end(self, pos: int, limit: int) -> int:
        """End of the line holding ``pos``, or ``limit`` if sooner (no scan of the text)."""
        end = self.lines[bisect_right(self._starts, pos) - 1][1]
        return min(end, limit)

    # ---- pass A (analysis.structure.marks), levels (analysis.structure.levels)
    def line_marks(self) -> tuple[list[Mark], int]:
        marks, back, self.parts = line_marks(self.text, self.lines, rules=self.rules,
                                             task_doc=self.task_doc)
        self.order = style_order(marks, self.parts)
        return marks, back

    def _rank(self, region: str, style: str) -> int:
        """The nesting rank of a style in a part: its place in the part's style order, or
        after all of them (enumerations, dash items) in the conventional order."""
        order = self.order.get(region, [])
        return order.index(style) if style in order else len(STYLES) + STYLES[style].rank

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
        # style → (top-level item holding a restarted list, the list's last item)
        inner_run: dict[str, tuple[_Node, _Node]] = {}
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
        region = self.parts.region(0)
        while i < len(marks):
            mk = marks[i]
            if self.parts.region(mk.pos) != region:
                # an attached document or an appendix has an outline of its own
                region = self.parts.region(mk.pos)
                stack.clear()
                last_child.clear()
                doc_last.clear()
            nxt = marks[i + 1].pos if i + 1 < len(marks) else back
            if mk.kind == "table":
                parent = stack[-1] if stack else None
                node = _Node(mk.pos, "table", label=mk.caption, part=mk.caption or "表",
                             content=mk.pos, line_end=mk.line_end, parent=parent)
                if mk.caption:
                    caption_line = text[mk.pos:mk.line_end].strip()
                    node.heading = self.rules.table_caption.sub("", caption_line).strip()
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
            style = STYLES[mk.style]
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
            rank = self._rank(region, mk.style)
            popped = [s for s in stack if s.rank >= rank]
            while stack and stack[-1].rank >= rank:
                stack.pop()
            parent = stack[-1] if stack else None
            prev = last_child.get((id(parent), mk.style))
            if parent is None and style.numbered and not mk.inline and mk.number is not None:
                host = self._restarted_in(mk, prev, inner_run.get(mk.style))
                if host is not None:
                    # a list that starts again inside a top-level item belongs to it
                    stack.append(host)
                    parent = host
                    prev = last_child.get((id(parent), mk.style))
                else:
                    inner_run.pop(mk.style, None)
            key = (id(parent), mk.style)
            if mk.ambiguous and mk.style == "decimal" and not self._decimal_under(
                    mk, parent, marks):
                stack.extend(popped)
                marks.pop(i)
                continue
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
                node.part = path_part(mk.style, mk.label, mk.number)
            if style.numbered and mk.number is not None:
                self._check_number(node, prev, doc_last.get(mk.style))
                doc_last[mk.style] = mk.number
            last_child[key] = node
            if parent is not None and parent.parent is None and parent.style == mk.style:
                inner_run[mk.style] = (parent, node)
            order = self.order.get(region, [])
            node.rank = rank
            base = order.index(mk.style) + 1 if mk.style in order else style.level
            if parent is not None and parent.style == "part" and not parent.label:
                # a part titled without a number holds whatever numbering its text uses
                # (一、 in one part, (一) in the next) one level below it
                base = parent.level + 1
            elif parent is not None and (parent.style, mk.style) in SKIPPABLE:
                # a chapter without sections holds its articles one level below it
                node.lift = max(0, base - parent.level - 1)
                base = parent.level + 1
            elif parent is not None and parent.lift:
                # and the items of such an article go up with it
                node.lift = parent.lift
                base -= parent.lift
            set_level(node, parent, base)
            assign_id(node, parent)
            if parent is not None:
                parent.children += 1
                if (mk.inline and parent.title_stop is None and mk.style in ENUM_STYLES
                        and parent.line_end >= mk.pos):
                    parent.title_stop = mk.pos
            stack.append(node)
            nodes.append(node)
            prev_kind = "label"
            # inline marks inside this item's scope
            self._inline(marks, i, node, nxt)
            i += 1

        return self._rows(nodes, back)

    def _restarted_in(self, mk: Mark, prev: _Node | None,
                      run: tuple[_Node, _Node] | None) -> _Node | None:
        """The top-level item that a numbered item belongs to when its list starts again
        inside that item (``1.总体要求`` / ``1.甲;`` ``2.乙。`` / ``2.重点任务``): a 1 after a
        titled item, in another shape (a sentence, not a title alone on its line), and the
        items that go on from it. ``None`` for an item of the top level itself."""
        n = mk.number or 0
        if run is None:
            if (n == 1 and prev is not None and (prev.number or 0) >= 1
                    and self._alone(prev.content, prev.line_end)
                    and not self._alone(mk.label_end, mk.line_end)):
                return prev
            return None
        host, last = run
        inner = n == (last.number or 0) + 1
        outer = n == (host.number or 0) + 1
        if inner and outer:
            same = self._alone(mk.label_end, mk.line_end) == self._alone(host.content,
                                                                         host.line_end)
            return None if same else host
        return host if inner else None

    def _decimal_under(self, mk: Mark, parent: _Node | None, marks: list[Mark]) -> bool:
        """Whether a decimal item ``N.M`` belongs under ``parent``: an item numbered N
        (``1.`` under ``1.``; ``1.1`` under ``第1章`` or ``一、`` where the document numbers
        its sections so: ``N.M`` next to ``N.M±1``, or ``.1`` items under two numbers)."""
        if parent is None or parent.style not in _DECIMAL_PARENTS:
            return False
        major = mk.label.split(".")[0].strip()
        if str(parent.number) != major:
            return False
        if parent.style == "l3":
            return True
        if self._decimals is None:
            self._decimals = {tuple(int(x) for x in m.label.split(".")[:2])
                              for m in marks if m.style == "decimal"}
        n, m = int(major), mk.number or 0
        firsts = {a for a, b in self._decimals if b == 1}
        return (n, m - 1) in self._decimals or (n, m + 1) in self._decimals or len(firsts) >= 2

    def _alone(self, a: int, b: int) -> bool:
        """Whether ``text[a:b]`` is a title alone on its line: short, no sentence end."""
        seg = self.text[a:b].strip()
        return 0 < len(seg) <= 40 and not _TITLE_END.search(seg)

    def _after_block(self, marks: list[Mark], i: int, block_end: int, nxt: int,
                     parent: _Node | None) -> None:
        """Unlabelled text after a table or unit cell becomes its own body segment."""
        text = self.text
        rest = text[block_end:nxt]
        if rest.strip():
            off = block_end + (len(rest) - len(rest.lstrip()))
            line_end = self._line_end(off, nxt)
            marks.insert(i + 1, Mark(off, "body", line_end=line_end, parent=parent))

    def _inline(self, marks: list[Mark], i: int, node: _Node, scope_end: int) -> None:
        text = self.text
        a = node.content
        b = scope_end
        found: list[Mark] = []
        pat = INLINE_PATTERNS.get(node.style)
        if pat is not None and node.number is not None:
            # the next item may be glued to the text of this item's own sub-items: look
            # up to the next item of this rank or above
            region = self.parts.region(node.start)
            j = i + 1
            while (j < len(marks) and marks[j].kind == "label"
                   and self.parts.region(marks[j].pos) == region
                   and self._rank(region, marks[j].style) > node.rank):
                j += 1
            sibling_end = marks[j].pos if j < len(marks) else scope_end
            after = marks[j] if j < len(marks) else None
            cands = list(pat.finditer(text, a, max(b, sibling_end)))
            title_pat = INLINE_TITLE_PATTERNS.get(node.style)
            if title_pat is not None and not (after is not None and after.style == node.style
                                              and after.number == node.number + 1):
                # a title glued after a comma, where no line starts with the next item
                cands = sorted(cands + list(title_pat.finditer(text, a, max(b, sibling_end))),
                               key=lambda m: m.start(1))
            for m in cands:
                num = cn_to_int(m.group(2))
                if num == node.number + 1:
                    p = m.start(1)
                    mk = Mark(p, "label", node.style, num, m.group(1), m.end(1),
                              self._line_end(p, max(b, sibling_end)), inline=True)
                    if p < b:
                        found.append(mk)
                        b = p
                    else:
                        marks.insert(bisect_right([x.pos for x in marks], p, i + 1), mk)
                    break
        if node.style not in ENUM_STYLES or node.style == "dash":
            found = enumeration_marks(text, a, b, self._line_end) + found
        elif node.style == "circled":
            found = [f for f in enumeration_marks(text, a, b, self._line_end)
                     if f.style == "enum"] + found
        if found:
            found.sort(key=lambda mk: mk.pos)
            marks[i + 1:i + 1] = found

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
        # a bounded window: linear on documents that are one long line
        seg = self.text[content:min(end, content + TITLE_WINDOW)]
        m = _TITLE_END.search(seg)
        return self.rules.markup_suffix.sub("", (seg[:m.start()] if m else seg).strip())

    def _rows(self, nodes: list[_Node], back: int) -> list[dict[str, Any]]:
        return split_rows(self._segments(nodes, back), self.parts, self.text)

    def _segments(self, nodes: list[_Node], back: int) -> list[dict[str, Any]]:
        text, doc_id = self.text, self.doc_id
        rows: list[dict[str, Any]] = []
        n = len(text)
        if not nodes:
            rows.append(_row(doc_id, f"{doc_id}:body", None, 0, "", "", text, 0, n, "body",
                             "no outline recognised: the whole text is one body clause"))
            return rows
        first = nodes[0].start
        if first > 0:
            # markup residue alone before the first label (**一、…) is no front matter
            lead = self.rules.markup_prefix.sub("", text[:first].strip(), count=1)
            if re.search(r"\w", lead):
                title = next((ln.strip() for ln in text[:first].split("\n") if ln.strip()), "")
                rows.append(_row(doc_id, f"{doc_id}:front", None, 0, "", title, text[:first],
                                 0, first, "front", ""))
            else:
                nodes[0].start = 0
        alone = self._alone_styles(nodes)
        for k, node in enumerate(nodes):
            end = nodes[k + 1].start if k + 1 < len(nodes) else back
            kind = node.kind
            if node.repeat_of is None and node.kind == "clause":
                if node.style in ENUM_STYLES:
                    kind = "enumeration"
                    node.heading = self._title(node.content, node.line_end, None)
                else:
                    stop = node.title_stop
                    title = self._title(node.content, node.line_end, stop)
                    cut = (restated_title_end(title)
                           if node.style in alone and len(title) > ALONE_TITLE else None)
                    node.heading = title if cut is None else title[:cut]
                    if not title and node.style in TITLE_BELOW:
                        node.heading = self._title_below(node.line_end, end)
                    line_stop = node.line_end if stop is None else min(node.line_end, stop)
                    after = self.text[node.content:line_stop]
                    m = _TITLE_END.search(after)
                    rest = after[m.end():].strip() if m else ""
                    # the last item before an appendix holds no text of the appendix
                    bound = self.parts.boundary_after(node.start)
                    body = self.text[node.line_end:end if bound is None else min(end, bound)]
                    body = body.strip()
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


    def _title_below(self, line_end: int, end: int) -> str:
        """The title on the line after a label that stands alone (``第一章`` above
        ``总　　则``): the next line before ``end``, when it is a short title (no sentence
        punctuation, not even a comma: a hard-wrapped body line ``为了规范管理，制定本条例``
        is none; no label of its own); ``""`` otherwise."""
        nxt = self.text[line_end:end].lstrip("\n\r")
        line = nxt.split("\n", 1)[0].strip(" \t\u3000\xa0")
        # a standard's term entry (3.1 above 智慧社区　smart community): its English
        # equivalent does not count towards the title's length
        term = self.rules.english_equivalent.sub("", line)
        if not alone_title(term) or LINE_LABEL_RE.match(line):
            return ""
        return line

    def _alone_styles(self, nodes: list[_Node]) -> set[str]:
        """The titled styles whose items stand alone on their lines (a short title, no
        sentence end), for at least two items and two thirds of them."""
        total: dict[str, int] = {}
        alone: dict[str, int] = {}
        for node in nodes:
            if node.repeat_of is not None or node.kind != "clause" or node.style in ENUM_STYLES:
                continue
            total[node.style] = total.get(node.style, 0) + 1
            line = self.text[node.content:node.line_end].strip()
            if line and len(line) <= ALONE_TITLE and not _TITLE_END.search(line):
                alone[node.style] = alone.get(node.style, 0) + 1
        return {st for st, a in alone.items() if a >= 2 and 3 * a >= 2 * total[st]}


def _norm_title(s: str) -> str:
    return re.sub(r"[\s。;；,，、:：!！?？“”\"'()（）]", "", s)


def _row(doc_id: str, clause_id: str, parent_id: str | None, level: int, label: str,
         heading: str, text: str, a: int, b: int, kind: str, warns: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "clause_id": clause_id, "parent_id": parent_id, "level": level,
            "label": label, "heading": heading, "text": text, "char_start": a, "char_end": b,
            "kind": kind, "warnings": warns}
