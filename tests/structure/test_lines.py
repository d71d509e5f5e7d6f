"""Line-level blocks (analysis.structure.lines): tables, unit lines, closing matter."""

from __future__ import annotations

import pytest

from analysis.structure import parse_clauses
from analysis.structure.lines import (
    annex_heading_lines,
    attachment_line,
    attachment_list_lines,
    back_start,
    is_unit_line,
    numbered_rows,
    restated_title_end,
    split_lines,
    strip_span,
    table_blocks,
    toc_block_lines,
)
from analysis.structure.rules import load_structure_rules

RULES = load_structure_rules()


def test_split_lines_and_strip_span():
    text = "甲\n\n 乙丙\u3000"
    lines = split_lines(text)
    assert lines == [(0, 1), (2, 2), (3, 7)]
    assert text[slice(*strip_span(text, *lines[2]))] == "乙丙"
    assert split_lines("") == [(0, 0)]


@pytest.mark.parametrize(("line", "expected"), [
    ("市发改委、市政府国资委、市财政局", True),
    ("市科技局", True),
    ("市科技局、工业园区管委会", True),
    ("加强领导、完善机制、强化考核", False),   # names without a unit ending
    ("市科技局负责,市财政局配合。", False),    # a sentence
    ("1.市科技局", False),                    # an outline number
    ("", False),
])
def test_unit_lines(line, expected):
    assert is_unit_line(line, rules=RULES) is expected


def test_table_blocks():
    text = "一、目标\n表1 指标\n\n指标 | 目标\n专利 | 10\n说明。\n甲 | 乙\n丙"
    lines = split_lines(text)
    # a captioned table (a blank line inside is allowed); a lone | line is no table
    assert table_blocks(text, lines, rules=RULES) == {1: (4, "表1")}
    text = "名称 | 值\n甲 | 1\n乙 | 2"
    assert table_blocks(text, split_lines(text), rules=RULES) == {0: (2, "")}


def test_back_start_takes_signature_date_and_copies():
    text = "一、总则\n内容。\n某市科学技术局\n2023年3月1日\n抄送:市委办公室"
    lines = split_lines(text)
    assert back_start(text, lines, 0, rules=RULES) == 2
    # an organisation line without a date below is body text
    text = "一、总则\n内容。\n某市科学技术局"
    assert back_start(text, split_lines(text), 0, rules=RULES) is None


def test_attachment_line_only_before_a_short_list():
    text = "一、总则\n内容。\n附件:1.清单\n2.指标表"
    assert attachment_line(text, split_lines(text), rules=RULES) == 2
    long = "一、总则\n附件:\n" + "\n".join(["很长的一行" * 20] * 3)
    assert attachment_line(long, split_lines(long), rules=RULES) is None


def test_closing_attachment_list_is_back_matter():
    text = ("关于印发某方案的通知\n一、总则\n(一)目标。内容。\n某市科学技术局\n2023年3月1日\n"
            "附件:1.重点任务清单\n2.指标表")
    df = parse_clauses(text, doc_id="a")
    back = df.set_index("clause_id").loc["a:back"]
    assert back["text"].startswith("某市科学技术局") and back["text"].endswith("2.指标表")
    assert df["clause_id"].tolist() == ["a:front", "a:一", "a:一/(一)", "a:back"]


@pytest.mark.parametrize("line", ["抄报:省科技厅", "(联系人:张三,电话:1234567)", "此页无正文",
                                  "市人民政府办公室 2022年9月14日印发", "二〇二二年九月十四日",
                                  "20220914"])
def test_closing_lines(line):
    df = parse_clauses(f"一、总则\n内容。\n{line}", doc_id="b")
    assert df["clause_id"].tolist() == ["b:一", "b:back"]


def test_front_and_back_matter(corpus, clauses):
    row = clauses.set_index("clause_id")
    assert row.loc["chifeng_2023:front", "heading"].startswith("中共赤峰市委赤峰市人民政府")
    assert "提出如下意见" in row.loc["chifeng_2023:front", "text"]
    assert row.loc["xinji_2022:front", "text"].rstrip().endswith(
        corpus.text("xinji_2022").split("\n")[10])
    back = row.loc["yinchuan_2022:back", "text"]
    assert back.startswith("银川市科学技术局") and "2022年9月14日" in back and "附件" in back
    assert row.loc["jiayuguan_2020:back", "text"].startswith("抄送")
    assert "chifeng_2023:back" not in row.index  # it ends with its last clause
    assert row.loc["chifeng_2023:front", "level"] == 0


@pytest.mark.parametrize(("title", "end"), [
    ("防雷和接地电站防雷和接地应符合有关规定", 5),   # 电站 between heading and restatement
    ("数据安全数据安全是发展的基础", 4),             # restated at once
    ("加强组织领导各地要加强领导", None),            # no start of it is restated
    ("人工智能+工业人工智能赋能制造", None),         # punctuation between: no cut
    ("智能网联汽车的测试", None),                    # too short to restate anything
])
def test_restated_title_end(title, end):
    assert restated_title_end(title) == end


def test_a_table_of_contents_without_page_numbers_ends_where_its_first_entry_returns():
    text = ("某某法\n目　　录\n第一章　总　　则\n第二章　附　　则\n\n第一章　总　　则\n"
            "第一条　为了…。")
    assert toc_block_lines(text, split_lines(text), rules=RULES) == {1, 2, 3, 4}
    # without the repetition the lines are kept: they may be the outline itself
    text = "目录\n一、总则\n二、附则"
    assert toc_block_lines(text, split_lines(text), rules=RULES) == set()


def test_a_table_of_contents_may_be_followed_by_a_preamble_before_the_text():
    text = ("纲要\n目　　录\n第一篇　新征程\n第一章　发展环境\n第二篇　创新驱动\n"
            "　　本纲要根据《建议》编制，是宏伟蓝图。\n第一篇　新征程\n第一章　发展环境\n内容。")
    assert toc_block_lines(text, split_lines(text), rules=RULES) == {1, 2, 3, 4}
    # a preamble after which the first entry never comes again: no table of contents
    text = "目录\n第一篇　新征程\n第一章　发展环境\n本纲要根据《建议》编制。\n第二篇　创新"
    assert toc_block_lines(text, split_lines(text), rules=RULES) == set()


def test_a_long_entry_without_a_sentence_end_does_not_end_a_table_of_contents():
    long_title = ("关于加快推进人工智能与实体经济深度融合推动制造业数字化网络化智能化转型升级"
                  "的若干重点任务和重大工程项目的组织实施与保障")
    assert len(f"第二章　{long_title}") > 60   # longer than any short entry
    text = (f"某某规划\n目　　录\n第一章　总体要求\n第二章　{long_title}\n第三章　保障措施\n"
            f"第一章　总体要求\n内容。\n第二章　{long_title}\n内容。\n第三章　保障措施\n内容。")
    assert toc_block_lines(text, split_lines(text), rules=RULES) == {1, 2, 3, 4}


def test_the_items_that_go_on_with_a_list_of_attachments():
    rules = load_structure_rules()
    text = ("现印发给你们。\n附件:1.某某措施\n　　　2.某某办法\n　　　3.某某清单\n"
            "某市人民政府\n4.其他")
    assert sorted(attachment_list_lines(text, split_lines(text), rules=rules)) == [2, 3]
    alone = "附件:\n1.某某方案\n2.某某办法\n二、任务"
    assert sorted(attachment_list_lines(alone, split_lines(alone), rules=rules)) == [1, 2]
    one = "附件:\n1.总体目标\n到2025年,建成一批示范项目。"
    assert attachment_list_lines(one, split_lines(one), rules=rules) == set()
    # a list numbered 一、二、 as the attachments are (附件一 …)
    cn = ("请遵照执行。\n附件：一、某某办法\n　　　二、某某方案\n　　　三、某某细则\n"
          "某市人民政府\n二、任务")
    assert sorted(attachment_list_lines(cn, split_lines(cn), rules=rules)) == [2, 3]
    # a numbered sentence is text, not an item of the list
    sentence = "附件:1.某某措施\n2.各地要加强领导。"
    assert attachment_list_lines(sentence, split_lines(sentence), rules=rules) == set()


def test_headings_after_a_bare_attachment_line_are_no_list_where_the_outline_goes_on():
    rules = load_structure_rules()
    # 一、二、 under 附件： alone, then a (一) item or body text: the outline of a text
    for after in ("（一）抓好落实。", "1.抓好落实。", "各单位要抓好落实。"):
        text = f"某某通知\n现将有关事项通知如下。\n附件：\n一、总体要求\n二、重点任务\n{after}"
        assert attachment_list_lines(text, split_lines(text), rules=rules) == set(), after
    text = ("某某通知\n各单位：\n现将有关事项通知如下。\n附件：\n一、总体要求\n二、重点任务\n"
            "（一）抓好落实。\n三、保障措施\n加强领导。")
    df = parse_clauses(text, doc_id="t")
    assert df.loc[df["level"] == 1, "label"].tolist() == ["一、", "二、", "三、"]
    # a signature or a date after the items ends a list
    for after in ("某市人民政府", "2024年6月3日"):
        text = f"请遵照执行。\n附件：\n一、某某办法\n二、某某方案\n{after}"
        assert sorted(attachment_list_lines(text, split_lines(text), rules=rules)) == [2, 3]


def test_the_numbered_rows_under_a_header_row_are_a_table():
    rules = load_structure_rules()
    text = "附件3\n序号　姓名　单位\n1　张三　某某公司\n2　李四　某某商会\n3　王五\n5　赵六"
    assert sorted(numbered_rows(text, split_lines(text), rules=rules)) == [2, 3, 4]
    # without the header row, or with a header that is a sentence, no rows
    plain = text.replace("序号　姓名　单位", "人员如下")
    assert numbered_rows(plain, split_lines(plain), rules=rules) == set()
    said = text.replace("序号　姓名　单位", "序号由系统生成。")
    assert numbered_rows(said, split_lines(said), rules=rules) == set()
    df = parse_clauses("一、名单\n序号\t姓名\t单位\n1\t张三\t某某公司\n2\t李四\t某某商会",
                       doc_id="t")
    assert df[df["kind"].isin(["heading", "clause"])]["label"].tolist() == ["一、"]


def _numbered(text: str) -> list[int]:
    return sorted(numbered_rows(text, split_lines(text), rules=load_structure_rules()))


def test_a_field_and_its_value_is_no_header_of_numbered_rows():
    # 编号 and its value a single space apart, then the headings of a standard
    text = ("某某地方标准\n编号 DB11/T 1234—2024\n1 范围\n本文件规定了某某的要求。\n"
            "2 规范性引用文件\n下列文件适用于本文件。\n3 术语和定义\n下列术语适用。")
    assert _numbered(text) == []
    df = parse_clauses(text, doc_id="t")
    assert df.loc[df["level"] == 1, "heading"].tolist() == ["范围", "规范性引用文件", "术语和定义"]
    # a header with a colon is none either, even with its cells set apart
    assert _numbered("编号：　DB11/T 1234\n1 范围\n2 术语") == []
    # single-spaced header words still number rows of two cells or more, and header words
    # run together (the normalised text drops their spaces) number any row
    assert _numbered("一、任务清单\n序号 任务 牵头单位\n1 加强组织领导 市委办\n"
                     "2 强化督查考核 市政府办\n二、保障措施") == [2, 3]
    assert _numbered("序号姓名单位职务\n1 某某某县某某公司总经理\n2 某某某县某某商会会长") == [1, 2]


def test_an_annex_line_that_holds_the_first_heading_over_body_text_opens_the_outline():
    text = ("关于印发某某方案的通知\n各街道：\n现将《某某方案》印发给你们，请认真组织实施。\n"
            "某区人民政府办公室\n2024年3月12日\n附件：一、总体要求\n"
            "　　坚持以人民为中心，统筹推进改造工作。\n二、改造目标\n　　2024年改造小区42个。\n"
            "三、保障措施\n　　加强组织领导。")
    rules = load_structure_rules()
    assert annex_heading_lines(text, split_lines(text), rules=rules) == {5: text.index("一、")}
    c = parse_clauses(text, doc_id="d")
    assert [(r.label, r.heading) for r in c.itertuples() if r.level == 1] == [
        ("一、", "总体要求"), ("二、", "改造目标"), ("三、", "保障措施")]
    # the notice before it stays the notice, the heading on the 附件 line opens the plan
    assert c["part"].tolist() == ["notice"] + ["attachment"] * 3


@pytest.mark.parametrize("text", [
    # a list of attachments: its next item follows
    "请认真执行。\n附件：一、某某办法\n　　　二、某某方案\n某市人民政府\n2024年1月1日",
    # one attachment before the signature
    "请认真执行。\n附件：一、某某办法\n某市人民政府\n2024年1月1日",
    # numbered with digits, the next item follows
    "请认真执行。\n附件：1.某某办法\n2.某某方案\n某市人民政府",
])
def test_an_annex_list_keeps_its_items_off_the_outline(text):
    assert annex_heading_lines(text, split_lines(text), rules=load_structure_rules()) == {}


@pytest.mark.parametrize("item", ["附件：1.某某项目申报书", "附件：一、某某申报指南"])
@pytest.mark.parametrize("contact", ["（联系人：王某；联系电话：12345678）",
                                     "联系人：王某，联系电话：12345678。"])
def test_an_annex_item_over_a_contact_line_is_no_heading(item, contact):
    # a contact line is closing matter, not the attached document's body text
    text = f"请按要求组织申报。\n{item}\n{contact}"
    assert annex_heading_lines(text, split_lines(text), rules=load_structure_rules()) == {}
    c = parse_clauses(text, doc_id="d")
    assert not c["kind"].isin(["heading", "clause"]).any()
    notice = ("关于印发某某方案的通知\n各单位：\n现将《某某方案》印发给你们，请认真组织实施。\n"
              f"某市人民政府\n2024年1月1日\n{item}\n{contact}")
    c = parse_clauses(notice, doc_id="d")
    assert not c["kind"].isin(["heading", "clause"]).any()


def test_an_annex_heading_needs_the_outline_to_go_on():
    # body text under 附件：一、 but no 二、 after it: a list of one attachment with a note
    text = "请认真执行。\n附件：一、某某办法\n请各单位于3月底前报送。\n某市人民政府"
    assert annex_heading_lines(text, split_lines(text), rules=load_structure_rules()) == {}


@pytest.mark.filterwarnings("ignore::analysis.structure.StructureWarning")
def test_category_and_total_rows_of_a_numbered_table_are_rows_too():
    text = ("附表\n序号 项目名称 总投资 计划投资\n合计(14个) 2386.5 512.8\n"
            "一、产业项目(4个) 1288.6 276.4\n1 某某电池生产基地 120.0 35.0\n"
            "2 某某装备产业园 85.0 18.0\n二、基础设施项目(2个) 756.3 158.9\n"
            "3 某某城际铁路 182.0 40.0\n三、民生项目(1个) 42.0 12.0\n1 某某医院新院区 42.0 12.0\n"
            "注：投资以批复为准。")
    assert _numbered(text) == [2, 3, 4, 5, 6, 7, 8, 9]
    df = parse_clauses("关于下达项目计划的通知\n各区：\n现将计划下达给你们。\n" + text,
                       doc_id="t")
    assert not df["kind"].isin(["heading", "clause"]).any()


def test_a_category_row_without_numbered_rows_under_it_stays_out_of_the_table():
    # the run ends where no numbered row follows: the next outline items stay headings
    text = ("序号 指标 目标值\n1 研发投入强度 2.5\n2 高新技术企业 300\n"
            "二、重点任务 2025\n加强研发投入。\n三、保障措施\n加强领导。")
    assert _numbered(text) == [1, 2]
