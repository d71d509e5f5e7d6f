"""The outline parser (analysis.structure.outline): hierarchy, titles, numbering, inline
labels, on small literal texts and on the five documents."""

from __future__ import annotations

import warnings

import pytest

from analysis.structure import parse_clauses
from analysis.structure.outline import parse_outline
from analysis.structure.rules import load_structure_rules

# ------------------------------------------------------------------ literal texts


def test_parse_outline_gives_clause_rows():
    rows = parse_outline("一、总则\n(一)目标。内容。", doc_id="d", rules=load_structure_rules())
    assert [r["clause_id"] for r in rows] == ["d:一", "d:一/(一)"]
    assert rows[1]["parent_id"] == "d:一" and rows[1]["char_end"] == 14


def test_full_width_parentheses_and_other_marks():
    text = "通知\n一、总则\n（一）目标\n1、加强领导。要求。\n2．完善机制。内容。\n（1）细则。内容。"
    df = parse_clauses(text, doc_id="t")
    assert df["clause_id"].tolist() == ["t:front", "t:一", "t:一/(一)", "t:一/(一)/1",
                                        "t:一/(一)/2", "t:一/(一)/2/(1)"]
    assert df["level"].tolist() == [0, 1, 2, 3, 3, 4]
    assert df["label"].tolist() == ["", "一、", "（一）", "1、", "2．", "（1）"]


def test_articles_and_chapters():
    text = "某某办法\n第一章 总则\n第一条 为了规范管理,制定本办法。\n第二条 本办法适用于全市。\n" \
           "第二章 管理\n第三条 市科技局负责:(一)组织实施;(二)监督检查。"
    df = parse_clauses(text, doc_id="r")
    ids = df["clause_id"].tolist()
    assert ids[:5] == ["r:front", "r:第一章", "r:第一章/第一条", "r:第一章/第二条", "r:第二章"]
    assert "r:第二章/第三条" in ids
    lv = dict(zip(df["clause_id"], df["level"], strict=True))
    assert lv["r:第一章"] == 1 and lv["r:第一章/第一条"] == 2


def test_levels_follow_the_styles_a_document_uses():
    # (1) directly under 一、: level 2, the document's second style, not its usual 4
    df = parse_clauses("一、总则\n(1)细则。内容。\n(2)细则。内容。", doc_id="p")
    assert df["clause_id"].tolist() == ["p:一", "p:一/(1)", "p:一/(2)"]
    assert df["level"].tolist() == [1, 2, 2]
    # a document numbered 1. at the top: 1. is level 1; enumerations stay at level 5
    df = parse_clauses("1.目标。内容。\n一是甲;二是乙。", doc_id="q")
    assert df["level"].tolist() == [1, 5, 5]
    # regulations without chapters: 第X条 is the top level
    df = parse_clauses("第一条 目的。内容。\n第二条 范围。内容。", doc_id="r")
    assert df["level"].tolist() == [1, 1]


def test_heading_or_clause():
    df = parse_clauses("一、总则\n(一)目标\n内容。\n(二)措施。具体内容。", doc_id="h")
    kinds = dict(zip(df["clause_id"], df["kind"], strict=True))
    # a label and a title with the text below: a heading; a title and text on its line: a
    # clause, whose first sentence is its heading
    assert kinds == {"h:一": "heading", "h:一/(一)": "heading", "h:一/(二)": "clause"}
    assert df["heading"].tolist() == ["总则", "目标", "措施"]


def test_malformed_numbering_is_kept_and_flagged():
    text = "一、甲\n1.第一项。\n2.第二项。\n2.又一个第二项。\n5.第五项。\n3.第三项。"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = parse_clauses(text, doc_id="m")
    assert df["clause_id"].tolist() == ["m:一", "m:一/1", "m:一/2", "m:一/2~2", "m:一/5",
                                        "m:一/3"]
    w = dict(zip(df["clause_id"], df["warnings"], strict=True))
    assert w["m:一/1"] == "" and w["m:一/2"] == ""
    assert "repeated" in w["m:一/2~2"]
    assert "skips from 2 to 5" in w["m:一/5"]
    assert "goes back from 5 to 3" in w["m:一/3"]


def test_numbering_may_run_on_across_sections():
    text = "一、甲\n1.一。\n2.二。\n二、乙\n3.三。\n4.四。"
    df = parse_clauses(text, doc_id="c")
    assert (df["warnings"] == "").all()
    text = "一、甲\n1.一。\n二、乙\n5.五。"
    df = parse_clauses(text, doc_id="c")
    assert "starts at 5." in df.set_index("clause_id").loc["c:二/5", "warnings"]


def test_a_heading_repeated_at_a_page_break_continues_its_section():
    text = "一、总则\n(一)目标。内容。\n一、总则\n(二)措施。内容。"
    df = parse_clauses(text, doc_id="r").set_index("clause_id")
    assert df.loc["r:一/repeat-2", "kind"] == "heading"
    assert "continues r:一" in df.loc["r:一/repeat-2", "warnings"]
    assert df.loc["r:一/(二)", "parent_id"] == "r:一"


def test_enumerations_need_a_sequence():
    # "统一是" alone is not an enumeration
    df = parse_clauses("一、总则\n标准统一是前提。", doc_id="e", warn=False)
    assert df["clause_id"].tolist() == ["e:一"]
    df = parse_clauses("一、总则\n要做到:一是加强领导;二是完善机制;三是强化考核。", doc_id="e")
    assert df["clause_id"].tolist() == ["e:一", "e:一/一是", "e:一/二是", "e:一/三是"]
    assert df["heading"].tolist()[1:] == ["加强领导", "完善机制", "强化考核"]
    assert (df["level"].iloc[1:] == 5).all()
    assert (df["kind"].iloc[1:] == "enumeration").all()


def test_inline_next_item_after_a_sentence_end():
    df = parse_clauses("一、任务\n1.建设平台。 2.培育人才。", doc_id="i")
    assert df["clause_id"].tolist() == ["i:一", "i:一/1", "i:一/2"]
    assert df["text"].iloc[2] == "2.培育人才。"


def test_dash_items():
    df = parse_clauses("一、原则\n——坚持创新。\n——坚持开放。", doc_id="d")
    assert df["clause_id"].tolist() == ["d:一", "d:一/—1", "d:一/—2"]
    assert df["label"].tolist()[1:] == ["——", "——"]


def test_decimal_lines_are_not_items():
    df = parse_clauses("一、目标\n1.5亿元以上的投入。\n2.5%的增长。", doc_id="d", warn=False)
    # "1.5亿元" could be item 1 (expected) but "2.5%" is a percentage, never an item
    assert "d:一/2" not in set(df["clause_id"])


def test_leading_whitespace_joins_the_first_clause():
    df = parse_clauses("\n\n一、甲\n内容", doc_id="w")
    assert df["char_start"].iloc[0] == 0 and df["kind"].iloc[0] == "heading"


def test_circled_numbers():
    df = parse_clauses("一、任务\n(一)重点:①建平台;②育人才;③强服务。\n(二)注释①不是列举。",
                       doc_id="c")
    assert df["clause_id"].tolist() == ["c:一", "c:一/(一)", "c:一/(一)/①", "c:一/(一)/②",
                                        "c:一/(一)/③", "c:一/(二)"]
    assert df.set_index("clause_id").loc["c:一/(一)", "heading"] == "重点"


def test_unit_lines_of_a_task_table():
    text = ("一、任务\n(一)建平台。\n1.建实验室。\n牵头单位:市科技局\n配合单位:市财政局\n"
            "(二)育人才。")
    df = parse_clauses(text, doc_id="t").set_index("clause_id")
    assert df.loc["t:一/(一)/牵头单位", "kind"] == "table"
    assert df.loc["t:一/(一)/牵头单位", "parent_id"] == "t:一/(一)"
    assert df.loc["t:一/(一)/配合单位", "text"] == "配合单位:市财政局\n"


def test_unlabelled_text_after_a_table_is_a_body_clause():
    text = "一、目标\n表1 指标\n指标 | 目标\n专利 | 10\n以上指标按年分解。"
    df = parse_clauses(text, doc_id="b")
    assert df["clause_id"].tolist() == ["b:一", "b:一/表1", "b:一/body"]
    assert df["kind"].tolist() == ["heading", "table", "body"]


# ------------------------------------------------------------------ the five documents

def test_heading_versus_clause(clauses):
    row = clauses.set_index("clause_id")
    assert row.loc["chifeng_2023:二/(一)", "kind"] == "heading"
    assert row.loc["chifeng_2023:二/(一)", "heading"] == "强化重点领域科技创新"
    assert row.loc["chifeng_2023:二/(一)/1", "kind"] == "clause"
    assert row.loc["chifeng_2023:二/(一)/1", "heading"] == "推进重点领域技术创新"
    assert row.loc["chifeng_2023:二/(一)/1", "text"].startswith("1.推进重点领域技术创新。聚焦")
    # a title cut short by an enumeration that follows without punctuation
    assert row.loc["yinchuan_2022:三/(一)", "heading"] == "深化东西部科技合作,建立协同创新机制"
    assert row.loc["yinchuan_2022:三/(一)", "kind"] == "heading"
    # a colon ends a title too
    assert row.loc["tonghua_2012:四/(一)", "heading"] == "计划启动期"
    assert row.loc["xinji_2022:一/(三)/1", "heading"] == "2035年远景目标"


def test_repeated_section_headings_are_one_section(clauses):
    jy = clauses.loc[clauses["doc_id"] == "jiayuguan_2020"]
    repeats = jy.loc[jy["clause_id"].str.contains("/repeat-")]
    assert repeats["clause_id"].tolist() == [
        "jiayuguan_2020:二/repeat-2", "jiayuguan_2020:三/repeat-2",
        "jiayuguan_2020:四/repeat-2", "jiayuguan_2020:五/repeat-2"]
    assert (repeats["warnings"].str.contains("repeated heading")).all()
    # the measures after a repeated heading stay in the same section
    row = clauses.set_index("clause_id")
    assert row.loc["jiayuguan_2020:二/(六)", "parent_id"] == "jiayuguan_2020:二"
    assert row.loc["jiayuguan_2020:三/(十二)", "parent_id"] == "jiayuguan_2020:三"
    assert (jy["level"] == 1).sum() == 5 + 4
    assert not jy["clause_id"].str.contains("~").any()


def test_task_table_unit_cells(clauses):
    row = clauses.set_index("clause_id")
    lead = row.loc["jiayuguan_2020:二/(三)/牵头单位"]
    assert lead["kind"] == "table" and lead["text"].strip() == "市工信局、市科技局"
    assert row.loc["jiayuguan_2020:二/(三)/配合单位", "text"].strip() == \
        "市发改委、市政府国资委、市财政局"
    assert row.loc["jiayuguan_2020:二/(三)/牵头单位", "parent_id"] == "jiayuguan_2020:二/(三)"
    # two measures on one line ("…方式。 3.财政…") are split
    assert row.loc["jiayuguan_2020:五/(十八)/3", "text"].startswith("3.财政、审计等部门")


def test_indicator_table_is_its_own_clause(clauses):
    row = clauses.set_index("clause_id").loc["xinji_2022:一/(三)/2/表1"]
    assert row["kind"] == "table" and row["label"] == "表1"
    assert row["heading"] == "辛集市十四五时期科技创新主要指标"
    assert row["text"].count("|") > 30
    # the numbered indicator rows are cells, not outline items
    assert not clauses["clause_id"].str.startswith("xinji_2022:一/(三)/2/表1/").any()


def test_no_warnings_on_the_five_documents(clauses):
    assert (clauses["warnings"] == clauses["warnings"].where(
        clauses["clause_id"].str.contains("/repeat-"), "")).all()


def test_decimal_items_sit_under_their_numbered_item():
    text = ("1.基础前沿\n1.1 滚动轴承检测\n内容。\n1.2 装配方法\n内容。\n"
            "2.共性关键\n2.1 电液控制\n3.5亿元的投入。\n")
    df = parse_clauses(text, doc_id="d")
    assert df[["clause_id", "level"]].values.tolist() == [
        ["d:1", 1], ["d:1/1.1", 2], ["d:1/1.2", 2], ["d:2", 1], ["d:2/2.1", 2]]
    # a wrapped line that starts with a decimal number stays in its clause
    assert "3.5亿元" in df.set_index("clause_id").loc["d:2/2.1", "text"]


def test_decimal_sections_under_chapters_and_top_level_items():
    # 1.1, 1.2 are the sections of 第1章 (or of 一、): level 2
    text = ("第1章 总则\n1.1 目标\n内容。\n1.2 原则\n内容。\n"
            "第2章 任务\n2.1 平台\n内容。\n2.2 应用\n内容。")
    df = parse_clauses(text, doc_id="s")
    assert df[["clause_id", "level"]].values.tolist() == [
        ["s:第1章", 1], ["s:第1章/1.1", 2], ["s:第1章/1.2", 2],
        ["s:第2章", 1], ["s:第2章/2.1", 2], ["s:第2章/2.2", 2]]
    text = "一、总体要求\n1.1 指导思想\n内容。\n1.2 基本原则\n内容。\n二、任务\n2.1 甲\n内容。"
    df = parse_clauses(text, doc_id="t")
    assert df.loc[df["level"] == 2, "label"].tolist() == ["1.1", "1.2", "2.1"]


def test_a_lone_decimal_number_under_a_heading_is_text():
    # a wrapped line 1.1亿元… is not a section: no 1.2, no other N.1
    df = parse_clauses("一、总体要求\n内容。\n1.1亿元投入。\n二、任务\n内容。", doc_id="u")
    assert df["clause_id"].tolist() == ["u:一", "u:二"]


def test_a_sub_heading_glued_after_a_comma():
    # a dropped figure leaves (三) after a comma, its title alone at the end of the line
    text = ("二、建设内容\n(一)体系结构\n内容。\n(二)体系框架\n框架由两部分组成，(三)基础共性标准\n"
            "内容。\n(四)关键技术标准\n内容。")
    df = parse_clauses(text, doc_id="f")
    assert df.loc[df["level"] == 2, "heading"].tolist() == [
        "体系结构", "体系框架", "基础共性标准", "关键技术标准"]


def test_an_item_after_a_comma_is_text_where_a_line_starts_with_it():
    text = "一、任务\n(一)甲\n包括两类，(二)乙类标准\n内容。\n(二)丙\n内容。"
    df = parse_clauses(text, doc_id="g", warn=False)
    assert df.loc[df["level"] == 2, "heading"].tolist() == ["甲", "丙"]


def test_headings_glued_to_the_previous_paragraph():
    text = ("前言。第一章总则\n一、目的\n内容。\n第二章任务\n一、甲\n内容。"
            "二、乙\n内容结束。三、丙\n内容。")
    df = parse_clauses(text, doc_id="g")
    top = df[df["level"] == 1]
    assert top["label"].tolist() == ["第一章", "第二章"]
    assert df.loc[df["level"] == 2, "heading"].tolist() == ["目的", "甲", "乙", "丙"]
    # a 一、 that the numbering does not expect stays in its paragraph
    df = parse_clauses("一、总则\n统筹推进。五、其他\n二、任务\n内容。", doc_id="h")
    assert df.loc[df["level"] == 1, "label"].tolist() == ["一、", "二、"]


def test_a_glued_heading_after_a_number_that_lost_its_label():
    # 二、 lost its label: 三、 glued to a paragraph is still the number before 四、
    text = "一、总则\n内容。\n建设思路。有机整体。三、建设内容\n内容。\n四、组织实施\n内容。"
    df = parse_clauses(text, doc_id="g", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["一、", "三、", "四、"]
    # not when the next item at a line start does not follow it
    text = "一、总则\n内容。\n有机整体。三、建设内容\n内容。\n五、组织实施\n内容。"
    df = parse_clauses(text, doc_id="h", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["一、", "五、"]


def test_chapters_numbered_in_digits_glued_to_the_previous_paragraph():
    text = "提出意见和建议。第1章总则\n1.1 范围\n内容。第2章任务\n内容。第3章保障\n内容。"
    df = parse_clauses(text, doc_id="c", warn=False)
    top = df[df["level"] == 1]
    assert top[["label", "heading"]].values.tolist() == [
        ["第1章", "总则"], ["第2章", "任务"], ["第3章", "保障"]]
    # 第5章 inside a sentence is a reference, not a heading
    df = parse_clauses("第1章总则\n依照本办法。第5章规定\n第2章任务", doc_id="r", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["第1章", "第2章"]


def test_a_heading_may_begin_with_a_year():
    df = parse_clauses("一、2023年工作回顾\n内容。\n二、2024年工作任务\n内容。", doc_id="y")
    assert df["heading"].tolist() == ["2023年工作回顾", "2024年工作任务"]


def test_named_items_number_a_style_of_their_own():
    text = ("一、准入审批类\n应用一:形式审查\n内容。\n应用二:辅助审评\n内容。\n"
            "二、日常监管类\n应用三:远程监管\n内容。")
    df = parse_clauses(text, doc_id="n")
    assert df[["clause_id", "level", "heading"]].values.tolist() == [
        ["n:一", 1, "准入审批类"], ["n:一/应用一", 2, "形式审查"], ["n:一/应用二", 2, "辅助审评"],
        ["n:二", 1, "日常监管类"], ["n:二/应用三", 2, "远程监管"]]
    # alone, they are the top level
    df = parse_clauses("案例1 某市智慧社区\n内容。\n案例2 某县数字乡村\n内容。", doc_id="c")
    assert df["level"].tolist() == [1, 1]
    assert df["heading"].tolist() == ["某市智慧社区", "某县数字乡村"]


def test_named_items_need_a_run_and_boxes_are_not_items():
    text = ("一、任务\n(一)建设平台。内容。\n专栏1 重点工程\n甲工程。\n专栏2 示范工程\n乙工程。\n"
            "统一、规范管理。\n(二)培育人才。内容。")
    df = parse_clauses(text, doc_id="b")
    assert df["clause_id"].tolist() == ["b:一", "b:一/(一)", "b:一/(二)"]


def test_standards_style_headings():
    text = ("1 范围\n本标准规定了要求。\n2 规范性引用文件\n下列文件。\n3 术语和定义\n"
            "3.1 智慧社区\n定义。")
    df = parse_clauses(text, doc_id="s")
    assert df[["clause_id", "level", "heading"]].values.tolist() == [
        ["s:1", 1, "范围"], ["s:2", 1, "规范性引用文件"], ["s:3", 1, "术语和定义"],
        ["s:3/3.1", 2, "智慧社区"]]
    # a count, a date or a page header repeated on every page is not a heading
    text = "一、目标\n20 个城市开展试点\n1 月15日前完成\n5 数字报告\n内容。\n6 数字报告\n内容。"
    df = parse_clauses(text, doc_id="t", warn=False)
    assert df["clause_id"].tolist() == ["t:一"]
    # nor the row of a table whose cells are set apart by tabs
    text = "一、名单\n1\t张三\t某某公司\n2\t李四\t某某商会"
    df = parse_clauses(text, doc_id="t", warn=False)
    assert df["clause_id"].tolist() == ["t:一"]


def test_style_order_is_read_from_the_document():
    # 1. items that contain (一) lists starting again under each: 1. is the top level
    text = ("1.总体要求\n(一)指导思想。内容。\n(二)基本原则。内容。\n2.重点任务\n"
            "(一)建设平台。内容。\n3.保障措施\n内容。")
    df = parse_clauses(text, doc_id="o")
    assert df[["clause_id", "level"]].values.tolist() == [
        ["o:1", 1], ["o:1/(一)", 2], ["o:1/(二)", 2], ["o:2", 1], ["o:2/(一)", 2], ["o:3", 1]]
    # without that evidence the official order holds
    df = parse_clauses("(一)目标。内容。\n1.甲。内容。\n(二)任务。内容。", doc_id="p")
    assert df["clause_id"].tolist() == ["p:(一)", "p:(一)/1", "p:(二)"]


def test_a_list_restarting_inside_a_top_level_item_is_not_the_top_level():
    text = ("1.总体要求\n要求如下:\n1.甲要求;\n2.乙要求;\n3.丙要求。\n2.重点任务\n内容。\n"
            "3.保障措施\n内容。")
    df = parse_clauses(text, doc_id="r")
    top = df[df["level"] == 1]
    assert top["heading"].tolist() == ["总体要求", "重点任务", "保障措施"]
    assert df.loc[df["level"] == 2, "clause_id"].tolist() == ["r:1/1", "r:1/2", "r:1/3"]
    # titled lists that start again are separate lists of the top level (guides run together)
    df = parse_clauses("1.平台\n内容。\n2.人才\n内容。\n1.基础前沿\n内容。\n2.共性关键\n内容。",
                       doc_id="g", warn=False)
    assert (df["level"] == 1).all()


def test_the_next_item_glued_after_the_sub_items():
    text = "一、任务\n(一)建设平台。内容:\n1.甲。\n2.乙。(二)培育人才。内容。\n二、保障\n内容。"
    df = parse_clauses(text, doc_id="s")
    assert df["clause_id"].tolist() == ["s:一", "s:一/(一)", "s:一/(一)/1", "s:一/(一)/2",
                                        "s:一/(二)", "s:二"]
    assert df.set_index("clause_id").loc["s:一/(一)/2", "text"] == "2.乙。"


def test_dash_items_never_contain_headings():
    text = ("一、2023年工作回顾\n过去一年。\n——经济平稳。内容。\n——民生改善。内容。\n"
            "二、2024年总体要求\n内容。\n三、2024年任务\n(一)扩大内需。内容。\n——促进消费。内容\n"
            "(二)深化改革。内容。")
    df = parse_clauses(text, doc_id="w").set_index("clause_id")
    assert df.index[df["level"] == 1].tolist() == ["w:一", "w:二", "w:三"]
    assert df.loc["w:三/(二)", "parent_id"] == "w:三"
    assert df.loc["w:三/(一)/—1", "text"] == "——促进消费。内容\n"


def test_a_first_label_read_as_a_dash_after_its_title():
    df = parse_clauses("前言。\n总体要求-、\n内容。\n二、任务\n内容。", doc_id="o")
    top = df[df["level"] == 1]
    assert top[["clause_id", "label", "heading"]].values.tolist() == [
        ["o:一", "-、", "总体要求"], ["o:二", "二、", "任务"]]
    # only where 二、 follows
    df = parse_clauses("前言。\n推进统一-、\n内容。\n三、任务\n内容。", doc_id="p", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["三、"]


def test_a_first_label_read_as_a_dash_in_brackets():
    text = ("一、总则\n(-)目标\n内容。\n(二)任务\n内容。\n"
            "二、保障\n(—)加强领导。内容。\n(二)强化投入。")
    df = parse_clauses(text, doc_id="b").set_index("clause_id")
    assert df.loc["b:一/(一)", "label"] == "(-)" and df.loc["b:一/(一)", "heading"] == "目标"
    assert df.loc["b:二/(一)", "heading"] == "加强领导"
    assert df.loc["b:一/(二)", "parent_id"] == "b:一"


def test_a_dash_in_brackets_is_a_label_only_where_its_second_item_follows():
    # (二) comes only after the next 一、 heading: another list
    text = "一、总则\n(-)目标\n内容。\n二、任务\n(二)内容。"
    df = parse_clauses(text, doc_id="c", warn=False)
    assert "(-)" not in df["label"].tolist()
    assert df.loc[df["clause_id"] == "c:一", "text"].item().startswith("一、总则\n(-)目标")


def test_a_first_heading_that_lost_its_number():
    df = parse_clauses("、指导思想\n内容。\n二、编制原则\n内容。", doc_id="h")
    top = df[df["level"] == 1]
    assert top[["clause_id", "label", "heading"]].values.tolist() == [
        ["h:一", "、", "指导思想"], ["h:二", "二、", "编制原则"]]


def test_a_lost_number_is_read_only_for_the_first_heading_before_its_second():
    # not where 三、 comes next, nor after the first heading
    df = parse_clauses("、指导思想\n内容。\n三、原则\n内容。", doc_id="i", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["三、"]
    df = parse_clauses("一、总则\n内容。\n、目标\n内容。\n二、任务", doc_id="j", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["一、", "二、"]


def test_a_heading_whose_label_lost_its_comma():
    # 二 alone, or 二 、 set apart by a space, between 一、 and 三、
    for label in ("二　", "二 、"):
        text = f"一、总则\n内容。\n{label}建设思路\n内容。\n三、建设内容\n内容。"
        df = parse_clauses(text, doc_id="b")
        top = df[df["level"] == 1]
        assert top[["clause_id", "label", "heading"]].values.tolist() == [
            ["b:一", "一、", "总则"], ["b:二", label.strip(), "建设思路"],
            ["b:三", "三、", "建设内容"]]
    # a whole document numbered without 、
    df = parse_clauses("一　总则\n内容。\n二　任务\n内容。", doc_id="c")
    assert df["clause_id"].tolist() == ["c:一", "c:二"]


def test_a_number_and_a_space_is_a_heading_only_in_its_numbering():
    # not a sentence, nor a number the 一、 items around it do not expect
    text = "一、总则\n内容。\n二 是加强领导。\n五 大工程\n二、任务\n内容。"
    df = parse_clauses(text, doc_id="d", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["一、", "二、"]


def test_half_bracket_lists_nest_below_their_heading():
    text = ("一、任务\n1)优化布局。内容。\n2）创新模式。内容。4)未完。\n"
            "3)提升能力。内容。5)服务。\n二、保障")
    df = parse_clauses(text, doc_id="k").set_index("clause_id")
    assert df.index.tolist() == ["k:一", "k:一/1)", "k:一/2)", "k:一/3)", "k:二"]
    assert df.loc["k:一/2)", "heading"] == "创新模式" and df.loc["k:一/2)", "level"] == 2
    assert df.loc["k:一/3)", "parent_id"] == "k:一"


def test_half_bracket_items_need_a_run_from_one():
    # a lone 2) (a count, a damaged line) is text
    df = parse_clauses("一、任务\n2)优化布局。\n二、保障", doc_id="m", warn=False)
    assert df["clause_id"].tolist() == ["m:一", "m:二"]
    # inside (1) items, 1) items are one level lower
    text = "(1)甲\n1)乙;\n2)丙。\n(2)丁\n1)戊;\n2)己。"
    df = parse_clauses(text, doc_id="n").set_index("clause_id")
    assert df.loc["n:(2)/2)", "level"] == 2 and df.loc["n:(2)", "level"] == 1


def test_a_sub_heading_glued_after_a_colon():
    # (二) glued after the colon that ends the text of (一), its title alone at the line end
    text = ("三、建设内容\n(一)基础共性标准\n包括通用、安全等内容:(二)赋能支撑标准\n内容。\n"
            "(三)行业场景标准\n内容。")
    df = parse_clauses(text, doc_id="c")
    assert df.loc[df["level"] == 2, "heading"].tolist() == [
        "基础共性标准", "赋能支撑标准", "行业场景标准"]


def test_a_numbered_item_glued_after_the_bracket_of_a_note():
    # 10. glued after the closing bracket of the 责任单位 note that ends item 9.
    text = ("一、支持创新\n９．支持研发机构。给予奖励。（责任单位：市科技局）"
            "１０．培育平台企业。内容。\n１１．支持关键技术。内容。")
    df = parse_clauses(text, doc_id="s")
    assert df.loc[df["level"] == 2, "heading"].tolist() == [
        "支持研发机构", "培育平台企业", "支持关键技术"]
    # a number the list does not expect stays in the text
    df = parse_clauses("一、甲\n1.乙。（见附件）5.丙。\n2.丁。内容。", doc_id="t")
    assert df.loc[df["level"] == 2, "heading"].tolist() == ["乙", "丁"]


def test_parts_named_pian_contain_chapters():
    # a plan outline (纲要): 第X篇 over 第X章 over 第X节, chapters numbered across parts
    text = ("第一篇 总体战略\n第一章 发展环境\n第一节 成就\n内容。\n第二章 指导思想\n内容。\n"
            "第二篇 创新驱动\n第三章 科技创新\n第一节 基础研究\n内容。")
    df = parse_clauses(text, doc_id="p", warn=False)
    assert df.loc[df["level"] == 1, "label"].tolist() == ["第一篇", "第二篇"]
    assert df.loc[df["level"] == 2, "heading"].tolist() == ["发展环境", "指导思想", "科技创新"]


def test_a_heading_run_into_its_text_ends_where_the_text_restates_it():
    # the other 一、 headings stand alone on their lines; 三、 lost its line break and its
    # text restates it: the heading ends there
    text = ("一、设备\n电站设备应满足无人值班要求。\n二、电源\n电站应配置可靠电源。\n"
            "三、防雷和接地电站防雷和接地应符合有关标准的规定:\n接地电阻应满足要求。\n"
            "四、通信\n电站应具备通信条件。")
    df = parse_clauses(text, doc_id="g", warn=False)
    assert df.loc[df["level"] == 1, "heading"].tolist() == ["设备", "电源", "防雷和接地", "通信"]
    # where the headings of that style are run-in sentences, a long title is left whole
    runin = ("一、设备管理。电站设备应满足要求。\n二、电源管理。电站应配置电源。\n"
             "三、防雷和接地电站防雷和接地应符合有关标准的规定:\n接地电阻应满足要求。")
    df = parse_clauses(runin, doc_id="h", warn=False)
    assert df.loc[df["label"] == "三、", "heading"].item().startswith("防雷和接地电站防雷")


# ------------------------------------------------------- conventions of official documents


def _outline(text: str) -> list[tuple[int, str, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = parse_clauses(text, doc_id="d")
    keep = df["kind"].isin(["heading", "clause"])
    return list(zip(df.loc[keep, "level"], df.loc[keep, "label"], df.loc[keep, "heading"],
                    strict=True))


def test_law_layout_parts_chapters_sections_articles():
    text = ("第一编　总则\n第一章　基本规定\n第一条　为了保护权益，制定本法。\n第二编　物权\n"
            "第二章　通则\n第一节　一般规定\n第二条　物权的设立应当依法登记。\n第二节　特别规定\n"
            "第三条　另有规定的，从其规定。")
    assert [(lv, lab) for lv, lab, _h in _outline(text)] == [
        # 第一章 has no sections: its article is one level below it
        (1, "第一编"), (2, "第一章"), (3, "第一条"), (1, "第二编"), (2, "第二章"), (3, "第一节"),
        (4, "第二条"), (3, "第二节"), (4, "第三条")]


def test_articles_alone_are_the_top_level_and_run_into_their_text():
    text = ("某某办法\n第一条为加强管理，制定本办法。\n第二条　本办法适用于本市。\n"
            "第三条 本办法自发布之日起施行。")
    assert _outline(text) == [(1, "第一条", "为加强管理，制定本办法"),
                              (1, "第二条", "本办法适用于本市"),
                              (1, "第三条", "本办法自发布之日起施行")]


def test_a_law_with_a_table_of_contents_without_page_numbers():
    text = ("某某法\n目　　录\n第一章　总　　则\n第二章　附　　则\n第一章　总　　则\n"
            "第一条　为了规范管理，制定本法。\n第二章　附　　则\n第二条　本法自公布之日起施行。")
    assert [lab for _lv, lab, _h in _outline(text)] == ["第一章", "第一条", "第二章", "第二条"]


def test_a_five_year_plan_with_parts_and_boxes():
    text = ("【第一篇】 开启新征程\n第一章　发展环境\n第一节　发展基础\n基础较好。\n"
            "专栏1　主要指标\n1.地区生产总值年均增长6%。\n2.研发投入强度达到3%。\n"
            "第二节　发展形势\n形势复杂。\n【第二篇】 创新驱动\n第二章　科技创新\n加快创新。")
    got = _outline(text)
    assert [(lv, lab) for lv, lab, _h in got] == [
        (1, "【第一篇】"), (2, "第一章"), (3, "第一节"), (3, "第二节"), (1, "【第二篇】"),
        (2, "第二章")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = parse_clauses(text, doc_id="d")
    box = df[df["label"] == "1."]
    assert box["kind"].tolist() == ["enumeration"] and box["parent_id"].tolist() == [
        "d:第一篇/第一章/第一节"]


def test_a_box_before_the_first_section_of_a_chapter_keeps_its_sections():
    text = ("第一章　发展基础\n第一节　产业\n内容。\n第二节　创新\n内容。\n第三节　开放\n内容。\n"
            "第二章　主要任务\n本章提出任务。\n专栏1　主要指标\n1.地区生产总值年均增长6%。\n"
            "2.研发投入强度达到3%。\n第一节　建设平台\n内容。\n第二节　培育人才\n内容。\n"
            "第三节　优化环境\n内容。\n第四节　扩大开放\n内容。")
    assert [(lv, lab) for lv, lab, _h in _outline(text)] == [
        (1, "第一章"), (2, "第一节"), (2, "第二节"), (2, "第三节"), (1, "第二章"),
        (2, "第一节"), (2, "第二节"), (2, "第三节"), (2, "第四节")]


def test_a_box_of_numbered_items_ends_at_a_containing_heading():
    text = ("一、总体要求\n内容。\n二、重点任务\n专栏1　重点工程\n1.甲工程。\n2.乙工程。\n"
            "（一）建设平台。内容。\n（二）培育人才。内容。\n（三）优化环境。内容。\n"
            "（四）扩大开放。内容。")
    assert [(lv, lab) for lv, lab, _h in _outline(text)] == [
        (1, "一、"), (1, "二、"), (2, "（一）"), (2, "（二）"), (2, "（三）"), (2, "（四）")]


def test_a_work_report_with_year_headings_and_dash_items():
    text = ("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2023年工作回顾\n"
            "过去一年，经济回升向好。\n"
            "二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：\n"
            "——国内生产总值增长5%左右；\n——城镇新增就业1200万人以上。\n三、2024年政府工作任务\n"
            "（一）大力推进现代化产业体系建设。推动产业升级。\n（二）深入实施科教兴国战略。强化支撑。")
    assert [(lv, lab, h[:6]) for lv, lab, h in _outline(text)] == [
        (1, "一、", "2023年工"), (1, "二、", "2024年经"), (1, "三、", "2024年政"),
        (2, "（一）", "大力推进现代"), (2, "（二）", "深入实施科教")]


def test_numbering_restarts_in_each_section_under_full_width_indentation():
    text = ("　　一、总体要求\n　　（一）指导思想。坚持。\n　　1.到2025年实现目标。\n"
            "　　二、重点任务\n"
            "　　（一）加强基础设施。建设网络。\n　　1.建设网络。\n　　2.建设平台。")
    assert [(lv, lab) for lv, lab, _h in _outline(text)] == [
        (1, "一、"), (2, "（一）"), (3, "1."), (1, "二、"), (2, "（一）"), (3, "1."), (3, "2.")]


def test_markdown_and_html_residue_around_headings():
    text = ("# 某某方案\n## 一、总体要求\n### （一）指导思想\n坚持。\n**二、重点任务**\n"
            "<p>三、保障措施</p>\n加强领导。")
    assert _outline(text) == [(1, "一、", "总体要求"), (2, "（一）", "指导思想"),
                              (1, "二、", "重点任务"), (1, "三、", "保障措施")]
    df = parse_clauses("**一、总则**\n内容。\n**二、任务**\n内容。", doc_id="d")
    assert df["kind"].tolist() == ["heading", "heading"] and df["char_start"].iloc[0] == 0


def test_an_appended_table_is_not_the_outline():
    text = ("一、总体要求\n坚持。\n二、重点任务\n建设网络。\n附件：重点任务分工表\n附件\n"
            "重点任务分工表\n"
            "序号|任务|牵头单位\n1|建设网络|市工信局\n2|推广应用|市发改委")
    assert [lab for _lv, lab, _h in _outline(text)] == ["一、", "二、"]


def test_capital_numerals_number_the_top_level_above_one_and_bracketed_one():
    text = ("數位轉型推動方案\n壹、計畫緣起\n近年來產業快速變遷。\n貳、推動策略\n一、強化研發\n"
            "（一）補助企業研發投入。\n（二）建置共通平台。\n二、培育人才\n擴大培訓。\n參、預期效益\n"
            "帶動投資。")
    c = parse_clauses(text, doc_id="d")
    heads = c[c["kind"].isin(["heading", "clause"])]
    got = [(r.level, r.label) for r in heads.itertuples() if r.level <= 3]
    assert got == [(1, "壹、"), (1, "貳、"), (2, "一、"), (3, "（一）"), (3, "（二）"), (2, "二、"),
                   (1, "參、")]


@pytest.mark.parametrize("text", [
    # a word written with a capital numeral starts a line: no 壹 before it
    "关于开展联合演训的通知\n一、总体要求\n陆、海、空三军联合开展演训活动，提高协同作战能力。\n"
    "二、工作安排\n按计划组织实施。",
    # a 壹 alone, with no 贰 after it
    "工作方案\n一、总体要求\n壹、贰两项工作同步推进。\n二、工作安排\n按计划组织实施。",
])
def test_capital_numerals_are_labels_only_in_a_run_from_one(text):
    c = parse_clauses(text, doc_id="d")
    heads = c[c["kind"].isin(["heading", "clause"])]
    assert [r.label for r in heads.itertuples() if r.level == 1] == ["一、", "二、"]


def test_heavenly_stems_number_the_parts_of_a_section_in_older_reports():
    text = ("各位代表：\n一、第一个五年计划的基本任务\n集中力量进行工业建设。\n"
            "二、第一个五年计划的投资\n甲、工业方面的投资。五年内的投资为250亿元。\n"
            "乙、农业方面的投资。五年内的投资为32亿元。\n丙、运输方面的投资。投资为82亿元。\n"
            "三、工业生产计划\n工业总产值每年平均增长14.7%。")
    c = parse_clauses(text, doc_id="d")
    heads = c[c["kind"].isin(["heading", "clause"])]
    got = [(r.level, r.label, r.heading) for r in heads.itertuples() if r.level <= 2]
    assert [(lv, lab) for lv, lab, _h in got] == [
        (1, "一、"), (1, "二、"), (2, "甲、"), (2, "乙、"), (2, "丙、"), (1, "三、")]
    assert got[2][2] == "工业方面的投资"


def test_a_stem_that_names_a_party_is_no_label():
    text = ("一、总则\n甲、乙双方应当遵守本协议。\n乙方负责实施。\n二、附则\n"
            "本协议自签订之日起生效。")
    c = parse_clauses(text, doc_id="d")
    assert [r.label for r in c.itertuples() if r.level in (1, 2)] == ["一、", "二、"]


_REPORT = ("政府工作报告\n各位代表：\n我代表国务院向大会报告工作，请予审议。\n"
           "关于过去五年的工作\n五年来，国民经济的调整取得了重大胜利，人民生活显著改善。\n"
           "科学、教育、文化事业有了新的发展。\n"
           "关于经济体制改革\n经济体制的改革，是实现社会主义现代化的必然要求。\n"
           "改革要有领导、有步骤、有秩序地进行。\n"
           "关于外交工作\n我国坚定不移地执行独立自主的和平外交政策。\n"
           "各位代表！让我们同心同德，为建设社会主义现代化强国而奋斗！")


def test_parts_titled_without_numbers_are_the_top_level_of_a_text_that_numbers_nothing():
    c = parse_clauses(_REPORT, doc_id="d")
    top = c[(c["level"] == 1) & c["kind"].isin(["heading", "clause"])]
    assert top["heading"].tolist() == ["关于过去五年的工作", "关于经济体制改革", "关于外交工作"]
    assert set(top["label"]) == {""}


def test_a_year_is_the_only_figure_a_part_title_without_a_number_may_hold():
    text = (_REPORT.replace("关于过去五年的工作", "2023年工作回顾")
            .replace("关于经济体制改革", "全力抓好2024年重点工作"))
    c = parse_clauses(text, doc_id="d")
    top = c[(c["level"] == 1) & c["kind"].isin(["heading", "clause"])]
    assert top["heading"].tolist() == ["2023年工作回顾", "全力抓好2024年重点工作", "关于外交工作"]
    assert set(top["label"]) == {""}
    # or a span of years
    span = text.replace("2023年工作回顾", "2021—2023年工作回顾")
    top = parse_clauses(span, doc_id="d").query("level == 1 and kind in ['heading', 'clause']")
    assert top["heading"].tolist()[0] == "2021—2023年工作回顾"


@pytest.mark.parametrize("text", [
    # two titles only
    _REPORT.replace("关于外交工作\n", ""),
    # a figure other than a year keeps a line from being a title
    _REPORT.replace("关于外交工作", "完成投资300亿元"),
    # and so does a date
    _REPORT.replace("关于外交工作", "2023年5月工作情况"),
    # a year alone is no title
    _REPORT.replace("关于外交工作", "2024年"),
    # a numbered outline: the unnumbered lines stay text
    _REPORT.replace("关于经济体制改革\n", "一、经济体制改革\n"),
    # a date and a signature between paragraphs are no titles
    "通知如下。\n请认真执行，确保落实到位。\n2020年9月18日\n此件公开发布，请各地遵照执行。\n",
    # photo captions and a byline between the paragraphs of a news item are no titles
    ("本报讯 全市科技创新大会昨日召开，会议总结了过去一年的工作。\n记者 张三 摄\n"
     "会议强调，要加快建设创新型城市，推动高质量发展。\n会议现场\n"
     "会议对先进集体和个人进行了表彰，号召全市上下学习先进。\n与会人员合影\n"
     "会议要求各部门抓好落实，确保各项任务按期完成。\n"),
    # titles whose parts hold one short paragraph each are no outline
    _REPORT.replace("科学、教育、文化事业有了新的发展。\n", ""),
])
def test_untitled_parts_need_three_titles_between_paragraphs_and_no_numbering(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = parse_clauses(text, doc_id="d")
    top = c[(c["level"] == 1) & c["kind"].isin(["heading", "clause"])]
    assert "" not in set(top["label"])


@pytest.mark.parametrize(("text", "levels"), [
    # the stems start again inside each bracketed item: (一) contains 甲、, and (二) goes
    # on beside (一)
    ("一、主要任务\n(一)发展工业\n甲、钢铁工业。提高产量。\n乙、煤炭工业。扩大开采。\n"
     "(二)发展农业\n甲、粮食生产。扩大耕地。\n乙、林业。植树造林。\n二、保障措施\n加强领导。",
     [(1, "一、"), (2, "(一)"), (3, "甲、"), (3, "乙、"), (2, "(二)"), (3, "甲、"), (3, "乙、"),
      (1, "二、")]),
    # the conventional order: 甲、 contains (一)
    ("一、主要任务\n甲、发展工业\n(一)钢铁工业。提高产量。\n(二)煤炭工业。扩大开采。\n"
     "乙、发展农业\n扩大耕地。\n二、保障措施\n加强领导。",
     [(1, "一、"), (2, "甲、"), (3, "(一)"), (3, "(二)"), (2, "乙、"), (1, "二、")]),
])
def test_heavenly_stems_nest_in_the_order_the_document_shows(text, levels):
    c = parse_clauses(text, doc_id="d")
    heads = c[c["kind"].isin(["heading", "clause"])]
    assert [(r.level, r.label) for r in heads.itertuples() if r.level <= 3] == levels


def test_a_chapter_label_alone_takes_its_title_from_the_next_line():
    text = ("第一章\n总　　则\n第一条　为了规范管理,制定本办法。\n第二条　本办法适用于本市。\n"
            "第二章\n附　　则\n第三条　本办法自2024年2月1日起施行。")
    df = parse_clauses(text, doc_id="d")
    top = df[df["level"] == 1]
    assert top["heading"].tolist() == ["总　　则", "附　　则"]
    assert set(top["kind"]) == {"heading"}
    # the next line is a sentence or a label: no title
    bare = "第一章\n为了规范管理,制定本办法。\n第二章\n第一条　本办法适用于本市。"
    assert parse_clauses(bare, doc_id="d").query("level == 1")["heading"].tolist() == ["", ""]
    # a hard-wrapped body line, without its sentence end, is no title either
    wrapped = "第一章\n为了规范管理，制定本条例\n。\n第二章\n第一条　本条例适用于本市。"
    assert parse_clauses(wrapped, doc_id="d").query("level == 1")["heading"].tolist() == ["", ""]
    # a title listing its subjects with 、 is a title
    listed = "第一章\n规划、建设和管理\n第一条　内容。\n第二章\n附则\n第二条　内容。"
    assert parse_clauses(listed, doc_id="d").query("level == 1")["heading"].tolist() == [
        "规划、建设和管理", "附则"]


def test_a_standards_clause_number_alone_takes_the_term_below_it():
    text = ("1　范围\n本文件规定了建设要求。\n2　规范性引用文件\nGB/T 22239　网络安全等级保护\n"
            "3　术语和定义\n下列术语和定义适用于本文件。\n3.1\n智慧社区　smart community\n"
            "应用新一代信息技术的新型社区形态。\n3.2\n社区服务平台　community service platform\n"
            "支撑社区治理与服务的信息系统。\n4　总体要求\n4.1　基本原则\n"
            "4.1.1　应坚持需求导向。\n4.1.2　应坚持集约建设。\n4.2　建设内容\n内容。")
    df = parse_clauses(text, doc_id="d")
    assert df.query("level == 1")["label"].tolist() == ["1", "2", "3", "4"]
    level2 = df.query("level == 2")
    assert level2["label"].tolist() == ["3.1", "3.2", "4.1", "4.2"]
    assert level2["heading"].tolist()[:2] == ["智慧社区　smart community",
                                              "社区服务平台　community service platform"]


def test_a_decimal_alone_on_its_line_above_a_value_or_a_unit_is_no_clause():
    # a hard-wrapped figure: 达到 / 2.1 / 万元
    text = ("1.总体要求\n坚持稳中求进。\n2.发展目标\n到2025年，全市居民人均可支配收入达到\n"
            "2.1\n万元，城镇化率达到\n2.5\n%以上。\n3.重点任务\n内容。")
    df = parse_clauses(text, doc_id="d")
    assert df["label"].str.strip().tolist() == ["1.", "2.", "3."]
    # a column of values, one a line
    text = "1.发展目标\n主要指标如下：\n1.1\n1.2\n1.3\n2.重点任务\n内容。"
    df = parse_clauses(text, doc_id="d")
    assert df["label"].str.strip().tolist() == ["1.", "2."]
    # a standard's clause number above its term is a clause with the term for its title
    text = ("1　范围\n本文件规定了建设要求。\n2　术语和定义\n下列术语适用于本文件。\n2.1\n"
            "智慧社区\n新型社区形态。\n3　总体要求\n内容。")
    df = parse_clauses(text, doc_id="d")
    assert df.query("level == 2")[["label", "heading"]].values.tolist() == [["2.1", "智慧社区"]]
