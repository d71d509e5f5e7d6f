"""The outline grammar (analysis.structure.labels): styles, ranks and label patterns."""

from __future__ import annotations

import pytest

from analysis.structure.labels import (
    ENUM_RE,
    LINE_PATTERNS,
    MIDLINE_RE,
    STYLES,
    label_style,
    path_part,
)


def _style_of_line(line: str) -> str | None:
    return next((style for style, pat in LINE_PATTERNS if pat.match(line)), None)


@pytest.mark.parametrize(("line", "style"), [
    ("一、总体要求", "l1"), ("十二.保障", "l1"), ("(一)目标", "l2"), ("（十）目标", "l2"),
    ("1.加强领导", "l3"), ("12、完善", "l3"), ("3．推进", "l3"), ("(1)细则", "l4"),
    ("①建平台", "circled"), ("——坚持创新", "dash"), ("-坚持", "dash"),
    ("第一部分 总则", "part"), ("第二章 管理", "chapter"), ("第三节", "section"),
    ("第十条 本办法", "article"), ("第一编 总则", "part"), ("第二篇 重点任务", "part"),
    ("【第三篇】 保障", "part"), ("第一条为了规范管理", "article"),
    # not labels: a percentage, 一是 at a line start, a bare dash, plain text
    ("2.5%的增长", None), ("一是加强", None), ("——", None), ("加强领导", None),
    # a decimal item (1.1 under 1.), a heading that begins with a year
    ("1.1 滚动轴承", "decimal"), ("一、2023年工作回顾", "l1"), ("一.5", None),
    # capital numerals of plans in traditional characters, simplified or not
    ("壹、计划缘起", "capital"), ("貳、現況分析", "capital"), ("参、推动策略", "capital"),
    ("拾壹、附則", "capital"),
])
def test_line_labels(line, style):
    assert _style_of_line(line) == style


def test_ranks_nest_in_the_official_order():
    order = ["part", "chapter", "section", "article", "capital", "l1", "stem", "l2", "l3",
             "decimal", "l4", "named", "l5", "circled", "dash", "enum"]
    assert sorted(STYLES, key=lambda s: STYLES[s].rank) == order
    assert [STYLES[s].level for s in ("l1", "l2", "l3", "l4", "enum")] == [1, 2, 3, 4, 5]
    assert not STYLES["dash"].numbered


def test_enumeration_labels():
    assert [m.group(1) for m in ENUM_RE.finditer("一是甲;二是乙;十一是丙")] == ["一", "二", "十一"]


@pytest.mark.parametrize(("label", "style"), [
    ("一、", "一、"), ("（二）", "(一)"), ("3.", "1."), ("(4)", "(1)"), ("②", "①"),
    ("三是", "一是"), ("第五条", "第X条"), ("陸、", "壹、"), ("第二部分", "第X部分"),
    ("表1", "表1"),
])
def test_label_style(label, style):
    assert label_style(label) == style


def test_path_part():
    assert path_part("l1", "二、", 2) == "二"
    assert path_part("l2", "（ 三 ）", 3) == "(三)"
    assert path_part("l3", "12、", 12) == "12"
    assert path_part("l4", "(1)", 1) == "(1)"
    assert path_part("enum", "一是", 1) == "一是"
    assert path_part("article", "第一条", 1) == "第一条"
    assert path_part("part", "【第二篇】", 2) == "第二篇"


def test_a_bracketed_part_glued_after_a_sentence_end():
    m = MIDLINE_RE.search("…全面推进的新阶段。【第一篇】数字中国建设基础加快夯实")
    assert m is not None and m.group(5) == "【第一篇】" and m.group(6) == "一"
    # 第一篇 without brackets also occurs in prose
    assert MIDLINE_RE.search("…已经发表。第一篇论文…") is None


def test_a_decimal_label_may_stand_alone_and_three_part_numbers_are_no_items():
    from analysis.structure.labels import LINE_PATTERNS
    pats = dict(LINE_PATTERNS)
    assert pats["decimal"].match("3.1") and pats["decimal"].match("3.1　术语")
    assert not pats["decimal"].match("3.15%")
    # 5.1.1 is a clause of a standard under 5.1, not an item 5.
    assert not pats["l3"].match("5.1.1　社区应实现光纤覆盖")
    assert pats["l3"].match("5.加强保障")
