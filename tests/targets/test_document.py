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


def test_goal_section_year_holds_for_its_annual_goals():
    text = ("一、总体要求\n(一)主要目标\n到2025年,制造业创新体系进一步完善。\n"
            "——人才队伍持续壮大。每年引育100名企业类人才。\n"
            "二、重点任务\n(一)强化人才\n每年引育50名平台类人才。")
    df = targets_from_text(text, year=2023, scope="paragraph")
    years = dict(zip(df["indicator"], df["target_year"], strict=True))
    assert years["企业类人才"] == 2025
    assert years["平台类人才"] is pd.NA


def test_time_only_intro_paragraph_governs_the_items_after_it():
    text = ("一、战略目标\n第一步,到2020年产业规模扩大。\n——核心产业规模超过1500亿元。\n"
            "第二步,到2025年取得重大突破。\n——核心产业规模超过4000亿元。\n")
    df = targets_from_text(text, year=2017)
    assert df["target_year"].tolist() == [2020, 2025]


def test_one_year_plan_year_from_the_title():
    text = "一、主要目标\n全省新建5G基站4万个。"
    assert _one(text, year=2021, title="数字山东2021行动方案").target_year == 2021
    assert _one(text, year=2021, title="行动方案(2021-2023年)").target_year is pd.NA


@pytest.mark.parametrize(("title", "year"), [
    ("Action Plan for Digital Shandong 2019", 2019),
    ("Key Points of Digital Government Work in 2019", 2019),
    ("Action Plan for Shandong's AI Industry (2019 - 2021)", None),
    ("Notice on the Digital Pioneer City 2019", None),
])
def test_one_year_plan_year_from_an_english_title(title, year):
    got = _one("一、主要目标\n全省新建5G基站4万个。", year=2019, title=title).target_year
    assert (got if got is not pd.NA else None) == year


def test_support_amount_names_its_recipient():
    df = targets_from_text("对上一年度营业收入在500万元以下的企业,补贴上限为每年10万元;"
                           "高校、科研机构,补贴上限为每年50万元。", year=2020)
    support = df[df["kind"] == "support"]
    assert support["indicator"].tolist() == ["企业", "科研机构"]


def test_support_amount_keeps_its_own_subject():
    row = _one("对首次认定为高新技术企业的,高新技术企业累计最高补助50万元。", year=2022)
    assert row.indicator.startswith("高新技术企业")


@pytest.mark.parametrize("text", [
    "合作研究项目的国内合作研究单位数量不得超过2个。",
    "申请人同年只能申请1项国际合作研究项目。",
    "《规划》明确了3方面11项重点任务。",
    "半年考评分值=日常监测(60%)+实地调研(40%)。",
    "申请直接费用大于200万元将不予受理。",
])
def test_procedural_limits_list_sizes_and_formula_weights_are_left_out(text):
    assert targets_from_text(text, year=2022).empty


def test_counted_people_are_no_ranking():
    row = _one("每年精准引育100位左右企业类人才。", year=2022)
    assert (row.unit, row.indicator) == ("位", "企业类人才")


@pytest.mark.parametrize("text", [
    "对上一年度营业收入在2000万元以上的企业,给予最高50万元的一次性奖励。",
    "建立投资500万元以上重点技改项目调度机制,给予最高50万元的补助。",
])
def test_amounts_that_say_who_qualifies_are_no_rows(text):
    df = targets_from_text(text, year=2023)
    assert df["number_text"].tolist() == ["50"]


@pytest.mark.parametrize("text", [
    "各中小学至少配备1名专职或兼职心理健康教育教师。",
    "强化日常监管,每5所幼儿园配备1名责任督学。",
    "落实企业研发费用税前100%加计扣除政策。",
    "核心产业增加值占GDP比重达到20%,比省定目标高出10个百分点。",
])
def test_staffing_and_pay_norms_and_comparisons_of_targets_are_left_out(text):
    df = targets_from_text(text, year=2022)
    assert "百分点" not in df["unit"].tolist()
    assert df["number_text"].tolist() in ([], ["20"])


def test_a_target_that_equips_units_is_kept():
    row = _one("为100所学校配备智能终端。", year=2022)
    assert (row.value, row.unit) == (100, "所")


def test_an_annual_item_takes_the_plan_period_of_its_sentence():
    df = targets_from_text("“十三五”期间,每年实施50项左右重大科技创新项目,突破一批技术。",
                           year=2016)
    assert df.target_year.tolist() == [2020]


def test_an_annual_item_of_a_task_sentence_with_no_period_keeps_no_year():
    df = targets_from_text("每年实施50项左右重大科技创新项目。", year=2016)
    assert df.target_year.isna().all()


@pytest.mark.parametrize(("text", "recipient"), [
    ("对新认定的瞪羚企业,一次性奖励50万元。", "瞪羚企业"),
    ("对新增规模以上工业企业,分三年共给予60万元奖励。", "工业企业"),
    ("对新增规模以上工业企业,分三年共给予60万元,第一年给予30万元。", "工业企业"),
])
def test_a_support_paid_at_once_or_by_year_names_its_recipient(text, recipient):
    df = targets_from_text(text, year=2019)
    assert all(recipient in ind for ind in df.indicator), df.indicator.tolist()


def test_a_span_in_a_support_phrase_sets_no_year():
    df = targets_from_text("对首版次软件产品,按照该产品销售后1年内"
                           "销售合同累计到账额的30%给予资助。",
                           year=2019)
    assert df.kind.tolist() == ["support"]
    assert df.target_year.isna().all()


def test_a_notice_on_the_years_work_sets_goals_for_that_year():
    text = ("各省卫生健康委:\n现就做好2022年“智慧助老”有关工作通知如下。\n"
            "二、开展公益活动\n将行动范围扩大至14个城市,线下开展2000场课堂。\n")
    df = targets_from_text(text, year=2022)
    assert df.kind.tolist() == ["target", "target"]
    assert df.target_year.tolist() == [2022, 2022]


def test_an_annual_goal_takes_the_year_that_opens_its_paragraph():
    t = targets_from_text("到2027年,建成10个创新平台。每年培育20家领军企业。", year=2024)
    assert t.target_year.tolist() == [2027, 2027]
    # a goal year in the middle of a task paragraph governs its own sentence only
    t = targets_from_text("开展专项行动,力争到2027年覆盖率达到70%左右。强化企业梯次培育,"
                          "每年培育600家科技小巨人企业。", year=2024)
    assert t.target_year.isna().tolist() == [False, True]


def test_the_five_year_plans_of_the_1990s_govern_their_targets():
    row = _one("“九五”期间国内生产总值年均增长8%左右。", year=1996)
    assert (row["target_year"], row["kind"]) == (2000, "target")
    row = _one("“八五”期间国内生产总值年平均增长12%。", year=1996)
    assert (row["target_year"], row["kind"]) == (1995, "achievement")
def test_a_report_on_last_year_gives_that_year_to_results_with_no_time():
    text = "工业互联网已覆盖45个国民经济大类。"
    rows = targets_from_text(text, year=2023, title="Report on the Development of Digital "
                             "China (2022)")
    assert list(rows.target_year) == [2022]
    assert list(targets_from_text(text, year=2023, title="数字中国发展报告（2022年）")
                .target_year) == [2022]
    # a plan or a report on the year it is issued keeps the document year
    assert list(targets_from_text(text, year=2023, title="2023年工作要点").target_year) == [2023]
    assert list(targets_from_text(text, year=2023).target_year) == [2023]


@pytest.mark.parametrize(("text", "want"), [
    # a government work report: goals of 今年 take the document year, results of the
    # review section the year it reviews
    ("一、2023年工作回顾\n过去一年，国内生产总值超过126万亿元，增长5.2%。\n"
     "二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右；"
     "城镇新增就业1200万人以上。\n赤字率拟按3%安排。",
     [("achievement", "国内生产总值", "万亿元", 2023),
      ("achievement", "国内生产总值增长", "%", 2023),
      ("target", "国内生产总值增长", "%", 2024), ("target", "城镇新增就业", "万人", 2024),
      ("target", "赤字率", "%", 2024)]),
    ("到“十四五”末，数字经济核心产业增加值占GDP比重达到10%。",
     [("target", "数字经济核心产业增加值占GDP比重", "%", 2025)]),
    ("明年，城镇新增就业1100万人以上。", [("target", "城镇新增就业", "万人", 2025)]),
])
def test_work_report_conventions(text, want):
    rows = targets_from_text(text, year=2024)
    got = list(zip(rows.kind, rows.indicator, rows.unit, rows.target_year, strict=True))
    assert got == want


def test_a_growth_range_with_units_on_both_ends_is_one_row():
    rows = targets_from_text("今年国内生产总值增长6%－6.5%。", year=2019)
    assert list(zip(rows.value_low, rows.value_high, rows.unit, rows.target_year,
                    strict=True)) == [(6.0, 6.5, "%", 2019)]
    assert list(targets_from_text("城镇新增就业1200万人以上。", year=2024).comparator) == ["≥"]


def test_dash_items_under_a_goal_paragraph_take_its_year_for_their_annual_quotas():
    text = ("到2027年,基本构建形成应用场景服务体系:——创新成果快速推广应用。\n"
            "——场景创新生态加快起势。每年推出标杆场景20个以上。\n"
            "--产业发展质效显著提升。每年孵化省级重点项目500个以上。")
    rows = targets_from_text(text, year=2024)
    assert list(rows.target_year) == [2027, 2027]
    # a task item with no goal paragraph above keeps no year
    assert targets_from_text("——每年推出标杆场景20个以上。", year=2024).target_year.isna().all()


def test_a_section_kind_is_read_from_its_heading_only():
    from analysis.targets.context import DocumentContext
    from analysis.targets.document import _Sections
    from analysis.targets.indicators import load_indicator_mapping
    from analysis.targets.rules import load_rules
    from analysis.targets.scopes import Scope
    p = "二、主要目标\n到2025年,达到5家。\n三、重点任务" + "推进" * 40 + "目标\n建成3个。"
    doc = DocumentContext("d", p, p, p, 2023, load_rules(), load_indicator_mapping())
    k = p.index("三")
    units = [Scope(0, k, "d:二"), Scope(7, k, "d:二/1", parent=0),
             Scope(k, len(p) - 6, "d:三"), Scope(len(p) - 5, len(p), "d:三/1", parent=2)]
    sections = _Sections(doc, units)
    assert [sections.heading_kind(j) for j in range(4)] == ["target", "", "", ""]
    assert sections.context(1)[1] == "target" and sections.context(3)[1] == ""
