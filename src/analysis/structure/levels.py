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
>>> marks = [Mark(0, "label", "l1", 1), Mark(5, "label", "l3", 1)]
>>> style_levels(marks, Parts())
{('body', 'l1'): 1, ('body', 'l3'): 2}
"""

from __future__ import annotations

from analysis.structure.labels import ENUM_STYLES, STYLES
from analysis.structure.marks import Mark
from analysis.structure.wrapper import Parts

__all__ = ["style_levels"]


def style_levels(marks: list[Mark], parts: Parts) -> dict[tuple[str, str], int]:
    """The outline level of each numbering style in each part of the document, from the
    styles the part uses: its highest-ranked style is level 1, the next one level 2 …
    (a document numbered 一、 then 1. has its 1. items at level 2). Enumerations and dash
    items keep their conventional level."""
    used: dict[str, set[str]] = {}
    for mk in marks:
        if mk.kind == "label" and mk.style not in ENUM_STYLES and not mk.inline:
            used.setdefault(parts.part(mk.pos), set()).add(mk.style)
    return {(region, style): k + 1
            for region, styles in used.items()
            for k, style in enumerate(sorted(styles, key=lambda st: STYLES[st].rank))}
