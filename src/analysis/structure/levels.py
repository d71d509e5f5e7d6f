"""Level inference of the outline parser: which numbering style contains which.

Official documents nest their numbering styles in a conventional order (``第X章`` >
``一、`` > ``(一)`` > ``1.`` > ``(1)``: :data:`~analysis.structure.labels.STYLES`), but
each document uses only some of them, and some use them in another order. The level of a
style is read from the document itself, part by part (a wrapping notice, the attached
document and an appendix each have their own outline): the styles a part uses are put in
order, and the first is level 1, the next level 2 ….

Examples
--------
>>> from analysis.structure.marks import Mark
>>> from analysis.structure.wrapper import Parts
>>> marks = [Mark(0, "label", "l3", 1), Mark(5, "label", "l2", 1),
...          Mark(9, "label", "l3", 2), Mark(14, "label", "l2", 1)]
>>> style_levels(marks, Parts())
{('body', 'l3'): 1, ('body', 'l2'): 2}
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

from analysis.structure.labels import ENUM_STYLES, STYLES
from analysis.structure.marks import Mark
from analysis.structure.wrapper import Parts

__all__ = ["ACROSS", "REORDERABLE", "SKIPPABLE", "style_levels", "style_order"]


#: the styles whose order a document may change; chapters, sections and articles always
#: contain them, and enumerations stay inside paragraphs
REORDERABLE = frozenset({"l1", "stem", "named", "l2", "l3", "l4", "l5"})
#: the styles numbered across a whole document (第X条), which a reorderable style may
#: hold as sections when its items come first and the numbering runs on under several
ACROSS = frozenset({"article"})
#: (outer, inner) pairs of a law's layout where the rank between them is optional: a
#: chapter that has no sections holds its articles one level below it, beside chapters
#: that have (第二章 > 第一节 > 第四条, 第三章 > 第八条)
SKIPPABLE = frozenset({("chapter", "article")})


def style_order(marks: list[Mark], parts: Parts) -> dict[str, list[str]]:
    """The numbering styles each part of a document uses, outermost first.

    The conventional order (:data:`~analysis.structure.labels.STYLES`) holds unless the
    document shows another: a style B contains a style A that conventionally contains it
    when B's items come first, are numbered 1, 2, 3 … without going back, and go on after
    A's first item (``1.总体要求 (一)… (二)… 2.重点任务``: ``1.`` contains ``(一)``).

    Examples
    --------
    >>> marks = [Mark(0, "label", "l3", 1), Mark(5, "label", "l2", 1),
    ...          Mark(9, "label", "l3", 2), Mark(14, "label", "l2", 1)]
    >>> style_order(marks, Parts())
    {'body': ['l3', 'l2']}
    """
    items: dict[str, dict[str, list[tuple[int, int | None]]]] = {}
    for mk in marks:
        if mk.kind == "label" and mk.style not in ENUM_STYLES and not mk.inline:
            items.setdefault(parts.region(mk.pos), {}).setdefault(mk.style, []).append(
                (mk.pos, mk.number))
    out: dict[str, list[str]] = {}
    for region, by_style in items.items():
        order = sorted(by_style, key=lambda st: STYLES[st].rank)
        moved = True
        while moved:
            moved = False
            for i, outer in enumerate(order):
                for inner in order[i + 1:]:
                    if (_contains(by_style[inner], by_style[outer])
                            and {inner, outer} <= REORDERABLE) or (
                            outer in ACROSS and inner in REORDERABLE
                            and _spans(by_style[inner], by_style[outer])):
                        order.remove(inner)
                        order.insert(i, inner)
                        moved = True
                        break
                if moved:
                    break
        out[region] = order
    return out


def _spans(b: list[tuple[int, int | None]], a: list[tuple[int, int | None]]) -> bool:
    """Whether the items ``b`` are sections over the items ``a`` numbered across them:
    ``b`` comes first and is numbered 1, 2, 3 …, ``a`` never goes back, and ``a`` items
    stand under at least two ``b`` items (``一、总则 第一条… 二、管理 第五条…``)."""
    if len(b) < 2 or b[0][0] > a[0][0] or b[0][1] != 1:
        return False
    if not all(y is not None and x is not None and y == x + 1
               for (_p, x), (_q, y) in pairwise(b)):
        return False
    if not all(y is not None and x is not None and y > x for (_p, x), (_q, y) in pairwise(a)):
        return False
    b_pos = [p for p, _x in b]
    return len({bisect_left(b_pos, p) for p, _x in a}) >= 2


def _contains(b: list[tuple[int, int | None]], a: list[tuple[int, int | None]]) -> bool:
    """Whether the items ``b`` (offset, number) contain the items ``a``."""
    if len(b) < 2 or b[0][0] > a[0][0] or b[-1][0] < a[0][0]:
        return False
    if not all(y is not None and x is not None and y == x + 1
               for (_p, x), (_q, y) in pairwise(b)):
        return False
    b_pos = [p for p, _x in b]
    # A starts again at 1 with a B item between its previous item and this one
    return any(y == 1 and bisect_left(b_pos, q) > bisect_left(b_pos, p)
               for (p, _x), (q, y) in pairwise(a))


def style_levels(marks: list[Mark], parts: Parts) -> dict[tuple[str, str], int]:
    """The outline level of each numbering style in each part of the document: the
    outermost style the part uses (:func:`style_order`) is level 1, the next one level 2 …
    (a document numbered 一、 then 1. has its 1. items at level 2). Enumerations and dash
    items keep their conventional level.

    Examples
    --------
    >>> marks = [Mark(0, "label", "l1", 1), Mark(5, "label", "l3", 1)]
    >>> style_levels(marks, Parts())
    {('body', 'l1'): 1, ('body', 'l3'): 2}
    """
    return {(region, style): k + 1
            for region, order in style_order(marks, parts).items()
            for k, style in enumerate(order)}
