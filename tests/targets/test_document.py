"""One document: governing time phrases (own, inherited), comparators and aspirations."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.targets import targets_from_text


def _one(text: str, year: int | None = 2022, **kw):
    df = targets_from_text(text, year=year, **kw)
    assert len(df) == 1, df[["indicator", "value", "unit"]]
    return df.iloc[0]


@pytest.mark.parametrize(("phrase", "comparator", "aspiration"), [
    ("达到2%左右", "≈", False),
    ("达到2%以上", "≥", False),
    ("不低于2%", "≥", False),
    ("不少于2%", "≥", False),
    ("超过2%", ">", False),
    ("约2%", "≈", False),
    ("力争达到2%", "aspiration", True),
    ("力争达到2%以上", "≥", True),
    ("达到2%", "=", False),
    ("控制在2%以内", "≤", False),
])
def test_comparators(phrase, comparator, aspiration):
    row = _one(f"到2025年,研发经费投入强度{phrase}。")
    assert (row.value, row.unit, row.comparator, bool(row.is_aspiration)) == (
        2, "%", comparator, aspiration)


def test_aspiration_from_a_preceding_time_phrase():
    row = _one("力争到2025年,高新技术企业达到160家。")
    assert (row.comparator, bool(row.is_aspiration)) == ("aspiration", True)


def test_annual_and_aspiration_in_one_clause():
    df = targets_from_text("1.实施“扩规计划”,力争每年培育规上工业企业不少于4户,到2025年,"
                           "规上工业企业户数达到70户以上。", year=2020)
    first, second = df.iloc[0], df.iloc[1]
    assert (first.value, first.comparator, first.year_basis, bool(first.is_aspiration)) == (
        4, "≥", "annual", True)
    assert (second.value, second.target_year, bool(second.is_aspiration)) == (70, 2025, False)


def test_time_phrase_from_an_earlier_sentence_and_from_the_section():
    row = _one("——到2022年,初步建成国家创新型城市。嘉峪关工业园区晋级国家高新区,"
               "争取创建省级农业科技园区1个。", 2020)
    assert (row.target_year, row.year_basis, row.comparator) == (2022, "explicit", "aspiration")
    row = _one("三、目标任务\n力争到2015年,基本建成创新体系。\n(一)实施技术创新工程\n"
               "1.实施10个重大技术产业化示范项目。", 2012)
    assert (row.target_year, row.year_basis, row.indicator) == (
        2015, "inherited", "重大技术产业化示范项目")


def test_average_annual_growth_holds_until_the_period_end():
    row = _one("到2025年,R&D经费支出年均增长15%以上。", 2023)
    assert (row.value, row.comparator, row.year_basis, row.target_year) == (
        15, "≥", "annual", 2025)
    row = _one("R&D经费支出年均增长15%以上。", 2023)
    assert row.year_basis == "annual" and row.target_year is pd.NA


def test_support_amounts_keep_only_a_time_of_their_own_phrase():
    row = _one("到2025年,对新认定的高新技术企业给予10万元奖励。")
    assert (row.kind, row.time_phrase, row.target_year) == ("support", "", pd.NA)
