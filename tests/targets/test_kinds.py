"""Kinds (target, achievement, support) and the province as subject."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.targets import targets_from_text
from analysis.targets.context import DocumentContext, protected_spans
from analysis.targets.indicators import load_indicator_mapping
from analysis.targets.kinds import province_cue
from analysis.targets.rules import load_rules


def _one(text: str, year: int | None = 2022, **kw):
    df = targets_from_text(text, year=year, **kw)
    assert len(df) == 1, df[["indicator", "value", "unit"]]
    return df.iloc[0]


@pytest.mark.parametrize(("text", "kind"), [
    ("到2025年,高新技术企业达到160家。", "target"),
    ("截至2021年,高新技术企业达到99家。", "achievement"),
    ("十三五末,全市高新技术企业总数达到99家。", "achievement"),
    ("目前,全市共有高新技术企业99家。", "achievement"),
    ("全市已有高新技术企业99家。", "achievement"),
    ("全市力争高新技术企业达到120家。", "target"),
    ("对新认定的高新技术企业给予10万元奖励。", "support"),
])
def test_kinds(text, kind):
    assert _one(text).kind == kind


def test_section_heading_sets_the_kind():
    df = targets_from_text("一、发展基础\n全市科技型企业达到649家。\n二、主要目标\n"
                           "科技型企业达到750家。", year=2022, scope="paragraph")
    assert list(df.kind) == ["achievement", "target"]


def test_support_amounts_are_their_own_kind():
    row = _one("高新技术企业累计最高补助50万元。")
    assert (row.kind, row.value, row.unit, row.comparator) == ("support", 50, "万元", "≤")
    assert row.indicator == "高新技术企业累计补助"


def test_rates_of_support_and_caps_are_support():
    df = targets_from_text("按照企业研发投入的10%给予后补助,单个企业每年最高200万元。", year=2023)
    assert df[["kind", "value", "unit", "comparator"]].values.tolist() == [
        ["support", 10, "%", "="], ["support", 200, "万元", "≤"]]
    assert df.indicator.iloc[0] == "后补助占企业研发投入比例"


def test_province_level_targets_are_flagged():
    row = _one("到2025年,全省高新技术企业达到1500家左右。", 2020, province="甘肃省")
    assert bool(row.is_province_level)
    row = _one("到2022年,甘肃省排位提升至前22位。", 2020, province="甘肃省")
    assert bool(row.is_province_level) and row.comparator == "≤"
    row = _one("到2025年,我市高新技术企业达到40家,在全省排名靠前。", 2020)
    assert not bool(row.is_province_level)


@pytest.mark.parametrize(("text", "found"), [
    ("全省企业达到1500家", 0),
    ("在全省排位第5", None),           # after a preposition
    ("全省前5", None),                 # a city's rank inside the province
    ("全省级平台", None),
    ("全省政府部门", None),
    ("《全省规划》", None),            # inside a title
    ("企业占全省的10%", None),
])
def test_province_cue(text, found):
    doc = DocumentContext("d", text, text, text, 2022, load_rules(), load_indicator_mapping(),
                          protected=protected_spans(text))
    assert province_cue(doc, 0, len(text)) == found


@pytest.mark.parametrize(("text", "kind"), [
    # 共 inside 公共 / 共享 is no past cue
    ("完善公共服务平台,全省50%以上的文化馆具备数字服务能力。", "target"),
    ("推进数据共享,并开展不少于5个产品的真实世界数据评价。", "target"),
    # a total with 共 is
    ("全市共有高新技术企业99家。", "achievement"),
    # 提高到 in a goal section states the planned level
    ("(三)目标\n1.总体目标\n高端产品市场占有率提高到50%以上。", "target"),
    # and in a review section the level reached
    ("一、发展基础\n高端产品市场占有率提高到50%。", "achievement"),
])
def test_past_cues_in_words_and_goal_sections(text, kind):
    assert _one(text, scope="paragraph").kind == kind


def test_cumulative_level_of_a_one_year_plan_is_a_target():
    text = "2022年数字政府建设工作要点\n59.新增5G基站1000座,累计建设5G基站4600个。"
    df = targets_from_text(text, year=2022)
    assert df.kind.tolist() == ["target", "target"]
    assert df.target_year.tolist() == [2022, 2022]


def test_money_level_after_a_supported_subject_is_no_support():
    df = targets_from_text("明确支持济南建设的重大平台,提出到2025年数字经济核心产业收入突破"
                           "8000亿元。", year=2022)
    assert df.kind.tolist() == ["target"]
    row = _one("明确支持重大平台建设,对入选企业给予最高200万元奖励。")
    assert row.kind == "support"


@pytest.mark.parametrize(("text", "values"), [
    # a support word after the amount in its own phrase
    ("对新获得军工资质的民口企业,按每证50万元给予一次性奖励。", [50.0]),
    ("对新认定的平台分别给予实际投资额30%、20%、10%的财政补助。", [30.0, 20.0, 10.0]),
    ("按照每名高级工1000元、技师2000元的标准给予企业一次性补贴。", [1000.0, 2000.0]),
    ("对企业自主参加境外展会的展位费用,按最高50%的比例给予补助。", [50.0]),
    # the split of the support of the phrase before
    ("给予最长五年的房租补贴,其中前两年100%、后三年50%。", [100.0, 50.0]),
    # public money set aside
    ("设立专项资金,市财政每年安排5亿元,用于支持先进制造业发展。", [5.0]),
])
def test_amounts_a_support_pays_are_support(text, values):
    df = targets_from_text(text, year=2019)
    assert df.value.tolist() == values
    assert set(df.kind) == {"support"}


@pytest.mark.parametrize("text", [
    "科技金融结合取得重要进展,实施知识产权质押贷款扶持政策,实现质押融资150亿元。",
    "对新认定的平台给予支持,全市数字经济核心产业收入突破800亿元。",
])
def test_a_level_reached_is_no_support(text):
    assert _one(text, year=2016).kind != "support"


def test_a_bound_before_the_support_says_who_qualifies():
    df = targets_from_text("对研发投入占比达到5%以上的企业给予奖励。", year=2022)
    assert "support" not in set(df.kind)


def test_rate_of_a_voucher_rule_is_no_support():
    df = targets_from_text("其他类服务资源按照不高于85%补贴额度使用服务券。", year=2022)
    assert "support" not in set(df.kind)


def test_a_fund_set_up_with_its_size_is_support():
    row = _one("在基金框架下设立总规模不少于100亿元的数字经济发展专项基金,撬动社会资本。",
               year=2023)
    assert (row.kind, row.value) == ("support", 100.0)


def test_a_fund_set_up_in_a_review_is_an_achievement():
    df = targets_from_text("一、发展基础\n整合设立不少于120亿元的科技创新发展资金,"
                           "集中财力支持创新。",
                           year=2021, scope="paragraph")
    assert df.kind.tolist() == ["achievement"]


def test_a_review_reports_rates_and_the_years_they_cover():
    text = ("一、数字经济发展成效显著\n"
            "软件业务收入从2012年2.5万亿元增长到2021年9.6万亿元,年均增速达16.1%。"
            "2021年至2022年6月,近150家企业完成首发上市。\n")
    df = targets_from_text(text, year=2022)
    got = {r.number_text: (r.kind, r.target_year) for r in df.itertuples()}
    assert got == {"9.6": ("achievement", 2021), "16.1": ("achievement", 2021),
                   "150": ("achievement", 2022)}


def test_an_annual_quota_takes_the_tense_of_its_period():
    df = targets_from_text("到2023年,每年实施1000个技改项目,累计培育示范项目120个。", year=2021)
    assert df.kind.tolist() == ["target", "target"]
    assert df.target_year.tolist() == [2023, 2023]


def test_a_sum_raised_in_a_review_is_no_support():
    text = "一、发展成效\n发挥金融支持作用,近150家企业上市,募集资金近3000亿元。\n"
    row = targets_from_text(text, year=2022).set_index("number_text").loc["3000"]
    assert row.kind == "achievement"


def test_a_year_the_text_builds_on_governs_nothing():
    row = _one("在2021年工作基础上,将行动范围扩大至14个城市。")
    assert row.kind == "target"
    assert pd.isna(row.target_year)


def test_a_section_on_problems_reports_the_present_state():
    t = targets_from_text("二、存在的主要问题\n规模以上工业企业中有研发活动的企业占比为38%。",
                          year=2023)
    assert t[["kind", "target_year"]].values.tolist() == [["achievement", 2023]]


def test_a_budget_total_set_by_public_finance_is_a_target_not_support():
    df = targets_from_text("今年拟安排财政赤字2950亿元,中央财政拟安排公共投资4376亿元。",
                           year=2006)
    assert list(zip(df.value, df.kind, df.target_year, strict=True)) == [
        (2950, "target", 2006), (4376, "target", 2006)]
    # money the budget sets aside for others stays support
    assert _one("市财政每年安排5亿元专项资金。").kind == "support"


def test_a_plan_execution_section_reports_last_years_results():
    df = targets_from_text("一、2023年国民经济和社会发展计划执行情况\n"
                           "国内生产总值超过126万亿元,增长5.2%。\n"
                           "二、2024年主要预期目标\n国内生产总值增长5%左右。",
                           year=2024, scope="paragraph")
    assert list(zip(df.value, df.kind, df.target_year, strict=True)) == [
        (126, "achievement", 2023), (5.2, "achievement", 2023), (5, "target", 2024)]


def test_a_report_states_results():
    text = "99.5%的中小学拥有多媒体教室。"
    report = _one(text, year=2023, title="数字中国发展报告(2022年)")
    assert (report.kind, report.target_year) == ("achievement", 2022)
    assert _one(text, year=2023, title="关于加快教育数字化的意见").kind == "target"
    # a report's future still sets targets
    assert _one("预计网民规模将达到11亿。", year=2023, title="发展报告(2022年)").kind == "target"


def test_a_minimum_is_required_not_reported():
    df = targets_from_text("获得软件著作权不少于5件,申请发明专利不少于5项。", year=2021)
    assert list(df.kind) == ["target", "target"]
    assert _one("累计获得软件著作权15件。", year=2021).kind == "achievement"


def test_a_future_cue_inside_a_word_says_nothing_of_time():
    assert _one("各主要平台已接入300家医院。").kind == "achievement"
    assert _one("各平台要接入300家医院。").kind == "target"


@pytest.mark.parametrize("title", [
    "关于建立数字经济统计报告制度的通知",
    "关于做好2023年数据安全报告工作的通知",
    "Notice on reporting data security incidents (2022)",
])
def test_a_title_that_only_mentions_a_report_is_no_report(title):
    assert _one("99.5%的中小学拥有多媒体教室。", year=2023, title=title).kind == "target"


def test_a_report_title_in_traditional_script_or_english_is_a_report():
    text = "99.5%的中小学拥有多媒体教室。"
    assert _one(text, year=2023, title="數字中國發展報告(2022年)").kind == "achievement"
    assert _one(text, year=2023, title="Report on Digital China (2022)").kind == "achievement"


@pytest.mark.parametrize("title", [
    "数字中国发展报告",                # no year it covers: no report year to fall back on
    "2024年政府工作报告",
    "关于2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告",
    "关于数字经济发展规划(2023年)实施情况的报告",
])
def test_only_a_report_on_a_named_past_year_states_results(title):
    assert _one("全市建成5G基站3000个。", year=2024, title=title).kind == "target"


def test_a_reports_plan_headings_set_goals():
    text = ("一、2023年工作回顾\n全市建成5G基站2000个。\n二、2024年重点工作\n(一)网络\n"
            "全市新建5G基站3000个。\n三、工作安排\n培育数字经济企业50家。\n")
    df = targets_from_text(text, year=2024, title="数字经济发展报告(2023年)")
    assert list(zip(df.value, df.kind, strict=True)) == [
        (2000, "achievement"), (3000, "target"), (50, "target")]


@pytest.mark.parametrize("text", [
    "全市已有不少于50家企业上云。",
    "已建成至少3个数据中心。",
    "累计培育高新技术企业不低于500家。",
])
def test_a_minimum_does_not_override_a_perfective_cue(text):
    assert _one(text, year=2023).kind == "achievement"


def test_a_minimum_overrides_a_total():
    assert _one("开发共形几何建模软件,支持不少于2种典型数据格式。", year=2020).kind == "target"


@pytest.mark.parametrize("word", ["概要", "纪要", "必要", "首要", "简要", "提要", "要素", "摘要"])
def test_a_future_cue_inside_these_words_says_nothing_of_time(word):
    assert _one(f"{word}显示已接入300家医院。").kind == "achievement"
