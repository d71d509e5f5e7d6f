"""Rows and cells of |-flattened tables (analysis.structure.tables)."""

from __future__ import annotations

from analysis.evaluation.outline import predicted_outline
from analysis.structure import TABLE_ROW_COLUMNS, parse_clauses, table_rows
from analysis.structure.tables import split_cells
from analysis.text import normalize_text


def test_split_cells():
    assert split_cells("| 指标 | 2025年 |") == ["指标", "2025年"]
    assert split_cells("甲 | | 乙") == ["甲", "", "乙"]
    assert split_cells("甲|乙|") == ["甲", "乙"]


def test_header_and_rows_of_a_literal_table():
    text = "一、目标\n表1 指标\n指标 | 2025年目标\n1.专利(件) | 10\n2.企业(家) | 20左右"
    rows = table_rows(parse_clauses(text, doc_id="t"))
    assert tuple(rows.columns) == TABLE_ROW_COLUMNS
    assert rows["clause_id"].unique().tolist() == ["t:一/表1"]
    assert rows["is_header"].tolist() == [True, False, False]
    assert rows["cells"].tolist()[2] == ["2.企业(家)", "20左右"]
    for r in rows.itertuples():
        assert text[r.char_start:r.char_end].startswith(r.cells[0])


def test_a_first_row_of_numbers_is_no_header():
    rows = table_rows(parse_clauses("一、目标\n10 | 20\n30 | 40", doc_id="n"))
    assert not rows["is_header"].any() and rows["row"].tolist() == [0, 1]


def test_merged_group_cells_are_carried_down():
    text = ("一、目标\n表1 指标\n指标 | 目标 | 属性\n创新主体 | 1.企业(家) | 10 | 预期性\n"
            "2.平台(个) | 5 | 约束性\n创新投入 | 3.研发(%) | 2 | 预期性")
    rows = table_rows(parse_clauses(text, doc_id="g")).set_index("row")
    assert rows["group"].tolist() == ["", "创新主体", "创新主体", "创新投入"]
    assert rows.loc[1, "cells"] == ["1.企业(家)", "10", "预期性"]
    # a group cell whose indicator name was lost: an empty first cell and a note
    text = ("一、目标\n指标 | 目标 | 属性\n1.企业(家) | 10 | 预期性\n创新投入 | 2 | 预期性\n"
            "3.研发(%) | 2 | 预期性")
    rows = table_rows(parse_clauses(text, doc_id="m")).set_index("row")
    assert rows.loc[2, "cells"] == ["", "2", "预期性"] and rows.loc[2, "group"] == "创新投入"
    assert "missing" in rows.loc[2, "warnings"]


def test_no_tables_give_an_empty_table():
    rows = table_rows(parse_clauses("一、总则\n内容。", doc_id="e"))
    assert rows.empty and tuple(rows.columns) == TABLE_ROW_COLUMNS


def test_indicator_table_rows(clauses):
    rows = table_rows(clauses)
    assert set(rows["clause_id"]) == {"xinji_2022:一/(三)/2/表1"}
    assert len(rows) == 11 and rows["is_header"].sum() == 1
    head = rows.iloc[0]
    assert head["cells"] == ["指标名称", "2020年基数", "2025年目标", "指标属性"]
    by_row = rows.set_index("row")
    assert by_row.loc[5, "cells"] == ["5.高新技术企业数量(家)", "99", "130", "预期性"]
    assert by_row.loc[5, "group"] == "创新主体"
    assert by_row.loc[8, "cells"] == ["8.数字经济核心产业增加值占地区生产总值比重(%)", "1.2",
                                      "2.2左右", "预期性"]
    assert by_row.loc[8, "group"] == "创新支撑"
    # the first indicator's name was lost when the table was flattened
    assert by_row.loc[1, "cells"] == ["", "—", "年均增长10%", "预期性"]
    assert by_row.loc[1, "group"] == "创新实力" and by_row.loc[2, "group"] == "创新实力"
    assert "missing" in by_row.loc[1, "warnings"]
    assert (rows.loc[~rows["is_header"], "n_cells"] == 4).all()


def test_table_row_offsets_point_into_the_text(corpus, clauses):
    text = corpus.text("xinji_2022")
    for r in table_rows(clauses).itertuples():
        assert text[r.char_start:r.char_end].count("|") >= len(r.cells) - 1
        assert text[r.char_start:r.char_end].split("|")[0].strip() in (r.cells[0], r.group)


def test_a_tab_separated_table_of_a_txt_file_is_read_as_a_table():
    text = normalize_text("一、奖励标准\n表1 奖励标准\n序号\t奖励事项\t奖励标准\n"
                          "1\t高新技术企业\t奖励30万元\n2\t专精特新企业\t\t奖励20万元\n"
                          "二、其他\n本办法自印发之日起施行。").text
    rows = table_rows(parse_clauses(text, doc_id="d"))
    assert rows["cells"].tolist() == [["序号", "奖励事项", "奖励标准"],
                                      ["1", "高新技术企业", "奖励30万元"],
                                      ["2", "专精特新企业", "奖励20万元"]]
    assert rows["is_header"].tolist() == [True, False, False]


def test_a_table_of_contents_typed_with_tabs_gives_no_headings():
    text = normalize_text("某市数字经济发展规划\n目录\n一、发展基础\t1\n（一）主要成效\t1\n"
                          "二、保障措施\t5\n一、发展基础\n（一）主要成效\n规模达到500亿元。\n"
                          "二、保障措施\n加强组织领导。").text
    clauses = parse_clauses(text, doc_id="d")
    assert clauses["kind"].tolist()[:2] == ["front", "table"]
    assert predicted_outline(clauses)[["label", "heading"]].values.tolist() == [
        ["一、", "发展基础"], ["(一)", "主要成效"], ["二、", "保障措施"]]


def _clauses(raw: str):
    return parse_clauses(normalize_text(raw).text, doc_id="d")


def test_consecutive_enumeration_items_with_tabs_stay_enumerations():
    c = _clauses("一、主要任务\n一是\t加强组织领导。\n二是\t强化资金保障。\n三是\t完善考核机制。")
    assert c["kind"].tolist() == ["heading", "enumeration", "enumeration", "enumeration"]
    assert c["label"].tolist()[1:] == ["一是", "二是", "三是"]


def test_consecutive_decimal_headings_with_tabs_stay_in_the_outline():
    c = _clauses("1 总则\n1.1\t目的\n为规范管理。\n1.2\t基本原则\n1.3\t发展目标\n"
                 "2 范围\n适用于本市。")
    assert predicted_outline(c)["label"].tolist() == ["1", "1.1", "1.2", "1.3", "2"]


def test_capital_and_full_stop_headings_with_tabs_stay_in_the_outline():
    for raw in ("壹、\t总体要求\n貳、\t主要任务\n參、\t保障措施",
                "一.\t总体要求\n二.\t主要任务\n三.\t保障措施"):
        outline = predicted_outline(_clauses(raw))
        assert outline["heading"].tolist() == ["总体要求", "主要任务", "保障措施"]


def test_bullet_items_with_tabs_are_no_table():
    c = _clauses("一、主要任务\n•\t加强组织领导。\n•\t强化资金保障。\n•\t完善考核机制。")
    assert c["kind"].tolist() == ["heading"]
    assert "• 加强组织领导。" in c["text"].iloc[0]


def test_an_attachment_list_with_tabs_is_back_matter():
    c = _clauses("关于开展申报工作的通知\n一、申报条件\n企业应当具备条件。\n二、申报材料\n"
                 "按要求提交。\n\n附件1\t某某申报表\n附件2\t某某推荐表\n附件3\t某某汇总表\n\n"
                 "某市科技局\n2023年5月1日")
    assert c["kind"].tolist() == ["front", "heading", "heading", "back"]
    assert c["text"].iloc[-1].startswith("附件1 某某申报表\n附件2 某某推荐表\n")


def test_a_row_whose_number_looks_like_a_label_keeps_its_columns():
    rows = table_rows(_clauses("一、项目清单\n序号\t名称\t金额\n1.\t某项目\t120\n2.\t另一项目\t80"))
    assert rows["cells"].tolist() == [["序号", "名称", "金额"], ["1.", "某项目", "120"],
                                      ["2.", "另一项目", "80"]]


def test_a_two_column_table_with_blank_lines_between_rows():
    rows = table_rows(_clauses("一、支持标准\n项目\t上限\n\n公共服务平台\t最高200万元\n\n"
                               "检验检测平台\t最高300万元"))
    assert rows["cells"].tolist() == [["项目", "上限"], ["公共服务平台", "最高200万元"],
                                      ["检验检测平台", "最高300万元"]]
