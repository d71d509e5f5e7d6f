"""Tab-separated table rows (analysis.text.tabs) and what normalisation makes of them."""

from __future__ import annotations

import pytest

from analysis.text import normalize_text
from analysis.text.tabs import tab_rows


@pytest.mark.parametrize(("lines", "want"), [
    # a table copied from a spreadsheet: every row's cells joined by |
    (["序号\t奖励事项\t奖励标准", "1\t高新技术企业\t30万元"],
     ["序号|奖励事项|奖励标准", "1|高新技术企业|30万元"]),
    # rows of two cells are a table when they come together
    (["项目\t上限", "公共服务平台\t最高200万元", "检验检测平台\t最高300万元"],
     ["项目|上限", "公共服务平台|最高200万元", "检验检测平台|最高300万元"]),
    # a run of tabs (columns lined up) and a cell of white space are one boundary
    (["姓名\t\t职务\t \t电话", "某某\t\t\t主任\t12345678"],
     ["姓名|职务|电话", "某某|主任|12345678"]),
    # leading and trailing tabs are indentation
    (["\t\t第一条 为规范管理，制定本办法。\t"], ["第一条 为规范管理，制定本办法。"]),
    # one tab in a line of prose, no row beside it: a space
    (["联系人：某某\t联系电话：12345678"], ["联系人：某某 联系电话：12345678"]),
    (["一是加强组织领导。\t二是强化资金保障。", "正文。"],
     ["一是加强组织领导。 二是强化资金保障。", "正文。"]),
    # a line without a tab is left as it is
    (["a  b", "c"], ["a  b", "c"]),
])
def test_tab_rows(lines, want):
    assert tab_rows(lines) == want


@pytest.mark.parametrize("line", ["一、\t总体要求", "(一)\t指导思想", "（二）\t建设目标",
                                  "1.\t加强组织领导", "第一条\t为规范管理", "第三章\t保障措施",
                                  "①\t科技创新"])
def test_a_tab_after_an_outline_label_is_the_heading_s_space(line):
    label, title = line.split("\t")
    # even beside a table row, the label's tab is no cell boundary
    assert tab_rows([line, "序号\t名称\t金额"])[0] == f"{label} {title}"


def test_a_table_row_starting_with_a_category_label_keeps_its_cells():
    lines = ["序号\t项目名称\t总投资", "一、产业项目（52个）\t\t1288.6", "1\t某某项目\t120.0"]
    assert tab_rows(lines) == ["序号|项目名称|总投资", "一、产业项目（52个）|1288.6",
                               "1|某某项目|120.0"]


def test_normalize_text_keeps_the_cells_of_a_row_apart():
    n = normalize_text("附表：奖励标准\n序号\t奖励事项\t奖励标准\n"
                       "1\t高新技术企业\t30万元\n2\t專精特新企業\t20万元")
    assert n.text.split("\n")[1:] == ["序号|奖励事项|奖励标准", "1|高新技术企业|30万元",
                                      "2|专精特新企业|20万元"]
    # the original script keeps the same cells at the same offsets
    assert n.text_orig.split("\n")[3] == "2|專精特新企業|20万元"
    assert len(n.text) == len(n.text_orig)
    assert [i for i, ch in enumerate(n.text) if ch == "|"] == \
        [i for i, ch in enumerate(n.text_orig) if ch == "|"]


def test_normalize_text_heading_tab_and_blank_tab_lines():
    n = normalize_text("一、\t总体要求\n\u3000\t\u3000\t\n（一）\t指导思想。\n正文\t")
    # a tab after 一、 is the space dropped between Chinese characters, as before
    assert n.text == "一、总体要求\n\n(一) 指导思想。\n正文"
