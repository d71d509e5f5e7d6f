"""Indicator tables flattened to |-separated lines."""

from __future__ import annotations

from analysis.targets import targets_from_text
from analysis.targets.context import DocumentContext
from analysis.targets.indicators import load_indicator_mapping
from analysis.targets.rules import load_rules
from analysis.targets.tables import NO_NAME_NOTE, table_targets

COLUMNS = ["indicator", "value", "unit", "comparator", "target_year", "baseline_value",
           "baseline_year", "year_basis"]


def _rows(p: str):
    doc = DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())
    return table_targets(doc, 0, len(p), lambda pos: "d:front")


def test_flattened_indicator_table():
    text = ("表1 主要指标\n指标名称 | 2020年基数 | 2025年目标 | 指标属性\n"
            "1.高新技术企业数量(家) | 99 | 130 | 预期性\n"
            "创新支撑 | 2.数字经济核心产业增加值占地区生产总值比重(%) | 1.2 | 2.2左右 | 预期性")
    df = targets_from_text(text, year=2022)
    assert df[COLUMNS].values.tolist() == [
        ["高新技术企业数量", 130, "家", "=", 2025, 99, 2020, "table"],
        ["数字经济核心产业增加值占地区生产总值比重", 2.2, "%", "≈", 2025, 1.2, 2020, "table"]]
    assert (df.note == "").all()


def test_numbered_table_row_without_a_name_uses_its_category():
    text = ("指标名称 | 2020年基数 | 2025年目标 | 指标属性 | |\n"
            "创新实力 | — | 年均增长10% | 预期性 | |\n"
            "2.每万人口发明专利拥有量(件) | 0.7 | 1.17 | 预期性 | |\n"
            "3.科技型中小企业数量(家) | 649 | 750 | 预期性 | |")
    rows, covered = _rows(text)
    assert [(r["indicator"], r["value"], r["unit"], r["note"]) for r in rows] == [
        ("创新实力年均增长", 10.0, "%", NO_NAME_NOTE),
        ("每万人口发明专利拥有量", 1.17, "件", ""),
        ("科技型中小企业数量", 750.0, "家", "")]
    assert covered == set(range(len(text) + 1))


def test_unnumbered_table_with_a_merged_category_cell():
    text = ("指标 | 2020年现状 | 2025年目标\n"
            "高新技术企业(家) | 99 | 130\n"
            "创新主体 | 科技型企业(家) | 649 | 750以上")
    rows, _ = _rows(text)
    assert [(r["indicator"], r["value"], r["comparator"], r["baseline_value"], r["note"])
            for r in rows] == [("高新技术企业", 130.0, "=", 99.0, ""),
                               ("科技型企业", 750.0, "≥", 649.0, "")]


def test_lines_without_a_target_column_are_no_table():
    rows, covered = _rows("无障碍 | 长者版\n名称 | 数量 | 单位\n企业 | 5 | 家")
    assert rows == [] and covered == set()


def test_table_numbers_are_not_read_again_as_text():
    text = "指标 | 2025年目标 | 属性\n1.高新技术企业达到(家) | 130家 | 预期性"
    df = targets_from_text(text, year=2022)
    assert df[["value", "year_basis"]].values.tolist() == [[130, "table"]]


def test_a_header_of_years_reads_the_last_year_as_the_target_column():
    t = targets_from_text("主要指标\n| 序号 | 指标名称 | 单位 | 2020年 | 2025年 | 属性 |\n"
                          "| 1 | 高新技术企业数量 | 家 | 100 | 200 | 预期性 |\n"
                          "| 2 | 数字经济核心产业增加值(亿元) | | 300 | 500以上 | 预期性 |",
                          year=2021)
    assert list(t.indicator) == ["高新技术企业数量", "数字经济核心产业增加值"]
    assert list(t.value) == [200.0, 500.0]
    assert list(t.unit) == ["家", "亿元"]
    assert list(t.target_year) == [2025, 2025]
    assert list(t.baseline_value) == [100.0, 300.0]
    assert list(t.comparator) == ["=", "≥"]


def test_a_header_of_past_years_is_no_target_table():
    t = targets_from_text("| 指标 | 2019年 | 2020年 |\n| 企业数量(家) | 10 | 20 |", year=2022)
    assert (t.year_basis != "table").all()
