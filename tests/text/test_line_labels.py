"""The labels that open a line (analysis.text.line_labels), shared with the outline."""

from __future__ import annotations

import re

import pytest

from analysis.structure import labels
from analysis.text.line_labels import (
    ENUM_RE,
    LINE_LABEL_RE,
    LINE_PATTERNS,
    line_label,
    line_label_end,
)


def test_the_outline_reads_the_same_grammar():
    assert labels.LINE_PATTERNS is LINE_PATTERNS
    assert labels.ENUM_RE is ENUM_RE


@pytest.mark.parametrize(("line", "end"), [
    ("一、总体要求", 2), ("(二)指导思想", 3), ("3.加强", 2), ("1.2基本原则", 3), ("(4)推进", 3),
    ("5)申报", 2), ("二)评审", 2), ("①科技", 1), ("二是强化", 2), ("壹、总则", 2),
    ("甲、目标", 2), ("第三条为", 3), ("【第一篇】总则", 5), ("—坚持", 1), ("●加强", 1),
    ("附件2某某表", 3), ("附表1:奖励标准", 4),
    ("序号", 0), ("2023年", 0), ("120", 0), ("某市科技局", 0), ("2.5%", 0),
])
def test_line_label_end(line, end):
    assert line_label_end(line) == end


def _first_style(line):
    for style, pat in LINE_PATTERNS:
        m = pat.match(line)
        if m:
            return style, m.span(), m.groups()
    return None


@pytest.mark.parametrize("line", [
    "第一部分 总体要求", "【第二篇】", "第3章 附则", "第十节", "第二十条 本办法", "壹、总则",
    "甲、乙", "一、总体要求", "一是加强", "三.任务", "（十二）保障", "(3)申报", "1.1 范围",
    "2.3亿元", "1.5%", "12、任务", "3.加强领导", "1.2.3", "①目标", "——加强", "- 项目",
    "--", "第一", "总体要求", "", "十、", "100、", "1．2",
])
def test_line_label_is_the_first_style_that_matches(line):
    found = line_label(line)
    got = None if found is None else (found[0], found[1].span(), found[1].groups())
    assert got == _first_style(line)


def test_line_label_prefers_the_earlier_style():
    # 1.1 is tried as a decimal item before a 1. item, as the styles are ordered
    assert line_label("1.1 范围")[0] == "decimal"
    assert line_label("1.加强")[0] == "l3"
    assert LINE_LABEL_RE.match("加强领导") is None


def test_the_joined_pattern_keeps_each_style_apart():
    # joined by their texts alone: no style may carry its own flags, named groups or
    # numbered back-references, or the joined pattern would stop agreeing with the loop
    assert all(p.flags == re.UNICODE and not p.groupindex for _s, p in LINE_PATTERNS)
    assert all(not re.search(r"\\[1-9]", p.pattern) for _s, p in LINE_PATTERNS)
    assert LINE_LABEL_RE.groups == len(LINE_PATTERNS) + sum(p.groups for _s, p in LINE_PATTERNS)
