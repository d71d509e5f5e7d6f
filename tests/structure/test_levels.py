"""Level inference (analysis.structure.levels): the order of the styles a part uses."""

from __future__ import annotations

from analysis.structure.levels import style_levels, style_order
from analysis.structure.marks import Mark
from analysis.structure.wrapper import Parts


def _marks(*items: tuple[str, int]) -> list[Mark]:
    return [Mark(10 * k, "label", style, number) for k, (style, number) in enumerate(items)]


def test_the_official_order_by_default():
    marks = _marks(("l3", 1), ("l1", 1), ("l2", 1), ("l3", 1))
    assert style_order(marks, Parts()) == {"body": ["l1", "l2", "l3"]}


def test_a_style_that_contains_a_restarting_one_comes_first():
    marks = _marks(("l3", 1), ("l2", 1), ("l2", 2), ("l3", 2), ("l2", 1), ("l3", 3))
    assert style_levels(marks, Parts()) == {("body", "l3"): 1, ("body", "l2"): 2}


def test_no_reordering_without_a_restart_or_with_gaps():
    # (一) numbered on across the 1. items: no evidence that 1. contains it
    marks = _marks(("l3", 1), ("l2", 1), ("l3", 2), ("l2", 2))
    assert style_order(marks, Parts())["body"] == ["l2", "l3"]
    # 1. items that go back are a list, not the outline
    marks = _marks(("l3", 1), ("l2", 1), ("l3", 1), ("l2", 1))
    assert style_order(marks, Parts())["body"] == ["l2", "l3"]
    # chapters always contain the numbered styles
    marks = _marks(("l1", 1), ("chapter", 1), ("l1", 2), ("chapter", 2), ("l1", 1))
    assert style_order(marks, Parts())["body"] == ["chapter", "l1"]


def test_each_part_has_its_own_order():
    parts = Parts(attachment=20)
    marks = _marks(("l2", 1), ("l2", 2), ("l1", 1), ("l2", 1))
    assert style_levels(marks, parts) == {("notice", "l2"): 1, ("attachment", "l1"): 1,
                                          ("attachment", "l2"): 2}
