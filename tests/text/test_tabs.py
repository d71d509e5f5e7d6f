"""Tab-separated table rows (analysis.text.tabs) and what normalisation makes of them."""

from __future__ import annotations

import time

import pytest

from analysis.text import normalize_text
from analysis.text.tabs import tab_rows, tab_table


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


# a label of every style the outline knows, with a second item of the same style
LABELS = [("一、", "二、"), ("一.", "二."), ("(一)", "(二)"), ("（一）", "（二）"), ("1.", "2."),
          ("1、", "2、"), ("1.1", "1.2"), ("(1)", "(2)"), ("1)", "2)"), ("一)", "二)"),
          ("①", "②"), ("一是", "二是"), ("壹、", "贰、"), ("甲、", "乙、"), ("第一条", "第二条"),
          ("第一章", "第二章"), ("第一节", "第二节"), ("第一部分", "第二部分"),
          ("【第一篇】", "【第二篇】"), ("—", "—"), ("•", "•"), ("●", "●"), ("◆", "◆"),
          ("□", "□"), ("附件1", "附件2"), ("附表1", "附表2")]


@pytest.mark.parametrize(("first", "second"), LABELS)
def test_a_tab_after_a_label_of_any_style_is_its_space_in_consecutive_items(first, second):
    lines = [f"{first}\t加强组织领导", f"{second}\t强化资金保障", "序号\t名称\t金额",
             "1\t某项目\t120"]
    assert tab_rows(lines) == [f"{first} 加强组织领导", f"{second} 强化资金保障",
                               "序号|名称|金额", "1|某项目|120"]


def test_a_number_cell_that_looks_like_a_label_stays_a_cell():
    lines = ["序号\t名称\t金额", "1.\t某项目\t120", "2.\t另一项目\t80"]
    assert tab_rows(lines) == ["序号|名称|金额", "1.|某项目|120", "2.|另一项目|80"]


def test_rows_set_apart_by_blank_lines_are_one_table():
    lines = ["项目\t上限", "", "公共服务平台\t最高200万元", "\t", "检验检测平台\t最高300万元"]
    assert tab_rows(lines) == ["项目|上限", "", "公共服务平台|最高200万元", "",
                               "检验检测平台|最高300万元"]


@pytest.mark.parametrize(("lines", "want"), [
    # a form's field alone, however many cells: spaces
    (["日期：\t\t年\t月\t日"], ["日期： 年 月 日"]),
    (["申报单位：\t\t\t（盖章）", "正文。"], ["申报单位： （盖章）", "正文。"]),
    # a line of two cells beside a line of another number of cells: no table
    (["加强组织领导。\t强化资金保障。", "序号\t名称\t金额"],
     ["加强组织领导。 强化资金保障。", "序号 名称 金额"]),
    # an attachment list: the label's space
    (["附件1\t某某申报表", "附件2\t某某推荐表", "附件3\t某某汇总表"],
     ["附件1 某某申报表", "附件2 某某推荐表", "附件3 某某汇总表"]),
    # issuers set out in two columns are a table of names
    (["某市发改委\t某市科技局", "某市财政局\t某市工信局"],
     ["某市发改委|某市科技局", "某市财政局|某市工信局"]),
])
def test_lines_outside_a_block_of_equal_rows_keep_tabs_as_spaces(lines, want):
    assert tab_rows(lines) == want


def test_tab_table_says_which_lines_are_rows():
    assert tab_table(["序号\t名称", "1\t甲", "一、\t总体要求"]) == (
        ["序号|名称", "1|甲", "一、 总体要求"], [True, True, False])


def test_splitting_cells_takes_linear_time():
    line = "a\tb" + " " * 40_000 + "c"
    start = time.perf_counter()
    assert tab_rows([line]) == ["a b" + " " * 40_000 + "c"]
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("text", [
    "首页\t>\t新闻中心\t>\t正文",
    "发布日期:\t2023-05-01\t浏览次数:\t100",
    "时间:\t2023-05-01\t10:00",
    "字体:\t[大\t中\t小]\t打印",
    # rows of one table, each cell boundary read as white space by the rules
    "首页\t>\t新闻中心\t>\t正文\n发布日期:\t2023-05-01\t浏览次数:\t100\t打印\n"
    "字体:\t[大\t中\t小]\t打印",
])
def test_boilerplate_lines_with_tabs_are_removed(text):
    n = normalize_text(text + "\n一、总体要求\n加强管理。")
    assert n.text == "一、总体要求\n加强管理。"
    assert len(n.removed_lines) == text.count("\n") + 1


def test_the_rules_read_a_row_with_its_boundaries_as_spaces():
    n = normalize_text("首页\t>\t新闻中心\t>\t正文\n首页\t>\t政策文件\t>\t通知\n正文。")
    assert n.text == "正文。"
    # two rows of a table (five cells each), each dropped whole
    assert n.removed_lines == ("首页|>|新闻中心|>|正文", "首页|>|政策文件|>|通知")


def test_cell_sep_and_tab_rows_are_exported():
    from analysis import text

    assert text.CELL_SEP == "|"
    assert text.tab_rows is tab_rows


def test_a_category_row_between_rows_does_not_end_the_table():
    lines = ["序号\t重点任务\t牵头单位", "一、整车制造", "1\t扩大产能\t市工信局",
             "二、零部件配套", "2\t引进配套企业\t市投促局"]
    assert tab_rows(lines) == ["序号|重点任务|牵头单位", "一、整车制造", "1|扩大产能|市工信局",
                               "二、零部件配套", "2|引进配套企业|市投促局"]
    # two headings in a row end it: the line before them stands alone
    lines = ["科目\t金额\t说明", "四、经费预算", "五、申报单位承诺", "项目\t金额\t说明"]
    assert tab_rows(lines)[0] == "科目 金额 说明"


def test_a_header_alone_over_an_empty_form_is_no_row():
    lines = ["单位（盖章）：", "姓名\t职务\t联系电话\t备注", "\u3000\t\u3000\t\u3000"]
    assert tab_rows(lines)[1] == "姓名 职务 联系电话 备注"
