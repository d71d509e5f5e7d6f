"""Where the conditions of a text are: under a heading that names them and in a list a
condition lead announces (:mod:`not_targets` drops the numbers there).

The heading words and list leads are the ``condition_headings``, ``procedure_headings`` and
``condition_list_leads`` of the ``[not_target]`` rules (:mod:`left_out_rules`).
"""

from __future__ import annotations

import bisect
import re

from analysis.targets.context import DocumentContext
from analysis.targets.left_out_rules import NEVER, not_target_rules

__all__ = ["in_condition_list", "under_condition_heading"]

# outline labels by level: 1 for 一、 and 第X章, 2 for (一), 3 for 1.; the items of a list
# also take 4 for (1) and 5 for ①
_TOP = r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分篇]"
_MID = r"[(（][一二三四五六七八九十]+[)）]"
_LOW = r"\d{1,2}[.、．](?!\d)"
# a heading line: an outline label and a short text without a full stop
_HEADING = re.compile(
    rf"^[ \t　]*(?:(?P<top>{_TOP})|(?P<mid>{_MID})|{_LOW})(?P<text>[^。;!?\n]{{1,40}})$",
    re.MULTILINE)
# the label an item line opens with
_ITEM = re.compile(rf"[ \t　]*(?:(?P<l1>{_TOP})|(?P<l2>{_MID})|(?P<l3>{_LOW})"
                   r"|(?P<l4>[(（]\d{1,2}[)）])|(?P<l5>[①-⑳]))")
_SEMICOLON_END = re.compile(r"[;；][ ]*$")


def _headings(doc: DocumentContext) -> list[tuple[int, int, bool]]:
    """Start, level and condition flag of every heading line of the document (cached)."""
    heads = doc.cache.get("condition_headings")
    if heads is None:
        nt = not_target_rules(doc.rules)
        heads = doc.cache["condition_headings"] = [
            (m.start(), 1 if m.group("top") else 2 if m.group("mid") else 3,
             bool(nt.condition_heading.search(m.group(0))
                  or nt.procedure_heading.fullmatch(m.group("text"))))
            for m in _HEADING.finditer(doc.p)]
    return heads  # type: ignore[return-value]


def under_condition_heading(doc: DocumentContext, pos: int) -> bool:
    """The nearest heading line above ``pos``, or a heading it sits under, names
    conditions ("三、申请条件", "(一)申报条件") or is a call's procedure
    ("一、项目组织申报工作流程"): its numbers say who qualifies."""
    nt = not_target_rules(doc.rules)
    if nt.condition_heading is NEVER and nt.procedure_heading is NEVER:
        return False
    heads = _headings(doc)
    k = bisect.bisect_right(heads, (pos, 4, True)) - 1
    if k < 0:
        return False
    _, level, cond = heads[k]
    # up through the headings above it: the nearest one of each higher level
    while not cond and level > 1 and k > 0:
        k -= 1
        above, c = heads[k][1], heads[k][2]
        if above < level:
            level, cond = above, c
    return bool(cond)


def _item_level(p: str, pos: int) -> int:
    """The level of the outline label the line at ``pos`` opens with (0 when none)."""
    m = _ITEM.match(p, pos)
    if m is None:
        return 0
    return next(int(k[1]) for k, v in m.groupdict().items() if v)


def _list_end(doc: DocumentContext, lead_line: int, start: int, limit: int) -> int:
    """Where the list of conditions whose lead line starts at ``lead_line`` (its items from
    ``start``, the next line) ends: at the first line that is no item of the first item's
    level or a deeper one (blank lines between items are skipped), or at a heading of the
    lead's own heading level or a higher one; a first line without a label starts unlabelled
    items that end after the first line not ending in a semicolon. At most at ``limit``."""
    p = doc.p
    heads = _headings(doc)
    k = bisect.bisect_right(heads, (lead_line, 4, True)) - 1
    own = heads[k][1] if k >= 0 else 0      # no heading above: only the items end the list
    level = -1                              # the first item's level, once read
    pos = start
    while pos < limit:
        nl = p.find("\n", pos, limit)
        end = limit if nl < 0 else nl
        if p[pos:end].strip(" \t　"):
            lv = _item_level(p, pos)
            if level < 0:
                level = lv
            else:
                h = bisect.bisect_left(heads, (pos, 0, False))
                if h < len(heads) and heads[h][0] == pos and heads[h][1] <= own:
                    return pos      # a heading of the lead's own level or a higher one
                if (lv == 0 or lv < level) if level else lv:
                    return pos      # a plain line, an article or a higher-level item
            if not level and not _SEMICOLON_END.search(p, pos, end):
                return end          # the last unlabelled item
        pos = end + 1
    return min(limit, len(p))


def in_condition_list(doc: DocumentContext, pos: int) -> bool:
    """``pos`` is inside the items of a list a line ending in a condition lead announces
    ("驾驶人应符合下列条件:" then "(二)…具有2年以上驾驶经历;"), up to the first line that is
    no item of the list: its numbers say who or what qualifies."""
    nt = not_target_rules(doc.rules)
    if nt.condition_lead is NEVER or nt.condition_list_max <= 0:
        return False
    spans = doc.cache.get("condition_lists")
    if spans is None:
        p, spans = doc.p, []
        for m in nt.condition_lead.finditer(p):
            start = m.end() + 1
            if start >= len(p):
                continue
            stop = _list_end(doc, p.rfind("\n", 0, m.start()) + 1, start,
                             min(len(p), m.end() + nt.condition_list_max))
            spans.append((start, stop))
        doc.cache["condition_lists"] = spans
    k = bisect.bisect_right(spans, (pos, len(doc.p) + 1)) - 1   # type: ignore[arg-type]
    return k >= 0 and pos < spans[k][1]   # type: ignore[index]

