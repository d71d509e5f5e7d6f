"""Time phrases: explicit years, plan periods, relative and annual phrases, baselines."""

from __future__ import annotations

import pytest

from analysis.targets import targets_from_text
from analysis.targets.context import prepare_text, protected_spans
from analysis.targets.rules import load_rules
from analysis.targets.times import find_times


def _times(text: str, year: int | None = 2022):
    p = prepare_text(text)
    times, baselines = find_times(p, 0, len(p), load_rules(), year, protected_spans(p))
    return [(t.text, t.year, t.basis, t.tense) for t in times], [p[a:b] for a, b in baselines]


@pytest.mark.parametrize(("text", "expected"), [
    ("到2025年", ("到2025年", 2025, "explicit", "future")),
    ("2025年底前", ("2025年底", 2025, "explicit", "future")),
    ("截至2021年", ("截至2021年", 2021, "explicit", "past")),
    ("2020年", ("2020年", 2020, "explicit", "past")),
    ("十三五末", ("十三五末", 2020, "plan", "past")),
    ("到十四五末", ("到十四五末", 2025, "plan", "future")),
    ("每年", ("每年", None, "annual", "neutral")),
    ("2022年", ("2022年", 2022, "explicit", "neutral")),         # the document's own year
    ("目前", ("目前", 2022, "now", "past")),
    ("两年内", ("两年内", 2024, "relative", "future")),
])
def test_time_phrases(text, expected):
    assert _times(text)[0] == [expected]


@pytest.mark.parametrize("text", [
    "2018—2020年",             # a year range
    "从2012年起",              # a start
    "2012年起",
    "十四五规划",              # a plan's name, not a time
    "每3年",                   # a frequency
    "认定后两年内",            # counted from an event, not from the document
    "在2021年工作基础上",      # what the text builds on
    "《2025年行动计划》",       # inside a title
])
def test_phrases_that_do_not_govern(text):
    assert _times(text)[0] == []


@pytest.mark.parametrize("text", [
    "对首次购买的用户按八五折收费,全年服务企业达到200家。",   # a discount, no plan
    "一九八五年以来,粮食产量达到50亿公斤。",                   # a year in Chinese digits
])
def test_plan_names_inside_numbers_are_no_plan(text):
    assert all(basis != "plan" for _, _, basis, _ in _times(text, 2023)[0])
    assert not targets_from_text(text, year=2023)["target_year"].eq(1995).any()


def test_a_plan_name_quoted_or_with_its_period_stays_a_plan():
    assert _times("“八五”期间", 1996)[0] == [("“八五”期间", 1995, "plan", "past")]
    assert _times("九五期间", 1996)[0] == [("九五期间", 2000, "plan", "future")]


def test_baseline_years_are_set_apart():
    assert _times("比2020年末翻一番") == ([], ["比2020年末"])
    assert _times("较2015年增长")[1] == ["较2015年"]


def test_without_a_document_year():
    assert _times("到2025年,两年内", None)[0] == [("到2025年", 2025, "explicit", "future"),
                                                  ("两年内", None, "relative", "future")]


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("两年内全省财政科技支出比重有明显提高,全社会R&D投入强度达到1.2%以上。", 2020, 2022),
    ("利用三年时间,培养和引进十名中青年科技创新领军人才。", 2012, 2015),
    ("利用3年时间,培养和引进10名中青年科技创新领军人才。", 2012, 2015),
    ("三年内分两批选择3个左右县(市、区)进入试点行列。", 2012, 2015),
    ("经过5年的努力,高新技术企业达到160家以上。", 2020, 2025),
])
def test_relative_time_phrases_count_from_the_document_year(text, year, expected):
    df = targets_from_text(text, year=year)
    assert len(df) == 1
    assert df.target_year.iloc[0] == expected
    assert df.year_basis.iloc[0] == "relative"


def test_a_list_of_years_pairs_with_the_numbers_of_fenbie():
    df = targets_from_text("营收2024年、2025年分别突破2.2万亿元、2.4万亿元。", year=2024)
    assert list(zip(df.value, df.target_year, strict=True)) == [(2.2, 2024), (2.4, 2025)]


def test_a_now_word_that_frames_a_phrase_is_no_time():
    df = targets_from_text("到2025年,在现有试点示范的基础上,再培育100个以上示范企业。",
                           year=2021)
    assert list(zip(df.kind, df.target_year, strict=True)) == [("target", 2025)]
    df = targets_from_text("目前已有示范企业100个。", year=2021)
    assert list(zip(df.kind, df.target_year, strict=True)) == [("achievement", 2021)]


def test_weilai_san_nian_counts_from_the_document_year():
    df = targets_from_text("未来三年,全省培育高新技术企业100家。", year=2024)
    assert df.target_year.tolist() == [2027]


def test_a_year_that_names_a_call_governs_nothing():
    t = targets_from_text("三、2024年度资助研究方向\n2.脑启发模型。实现不少于3种有效映射。",
                          year=2024)
    assert t.target_year.isna().all()


def test_the_general_approach_of_a_year_opens_a_one_year_plan():
    t = targets_from_text("2018年标准化工作的总体思路是:加快标准制定。\n推进术语和定义等6项"
                          "已立项国家标准的研究制定。", year=2018)
    assert list(t.target_year) == [2018]


def test_period_ending_in_the_document_year_has_no_tense():
    times, _ = _times("2021年至2022年6月")
    assert times[-1] == ("至2022年", 2022, "explicit", "neutral")
    assert _times("到2022年底")[0] == [("到2022年底", 2022, "explicit", "future")]
