"""The labels that open a line (analysis.text.line_labels), shared with the outline."""

from __future__ import annotations

import pytest

from analysis.structure import labels
from analysis.text.line_labels import ENUM_RE, LINE_PATTERNS, line_label_end


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
