"""Numbers that explain each other: changes, baselines, multipliers, shared units and
subjects paired by 分别."""

from __future__ import annotations

import pytest

from analysis.targets import targets_from_text


def _one(text: str, year: int | None = 2022):
    df = targets_from_text(text, year=year)
    assert len(df) == 1, df[["indicator", "value", "unit"]]
    return df.iloc[0]


def test_doubling_is_recorded_with_the_stated_value_and_implied_baseline():
    row = _one("到2025年,高新技术企业数量比2020年末翻一番达到160家以上。", 2023)
    assert (row.value, row.multiplier, row.baseline_year, row.baseline_value) == (
        160, 2, 2020, 80)
    row = _one("全社会R&D经费支出占地区生产总值比重较2020年末翻两番达到1.2%以上。", 2023)
    assert (row.value, row.multiplier, row.baseline_value) == (1.2, 4, 0.3)
    assert row.indicator == "全社会R&D经费支出占地区生产总值比重"


def test_doubling_without_a_stated_value_is_a_row_of_its_own():
    row = _one("到2025年,高新技术企业数量实现翻一番。", 2023)
    assert (row.value, row.unit, row.multiplier, row.number_text) == (2, "倍", 2, "翻一番")
    assert row.indicator == "高新技术企业数量"
    assert _one("到2025年,技术合同成交额翻两番。", 2023).multiplier == 4


def test_achievements_with_stated_changes_get_their_baselines():
    df = targets_from_text("十三五末,全市高新技术企业总数达到99家,科技型中小企业总数达到649家,"
                           "比2015年分别增加了87家和477家。", year=2022)
    assert df[["kind", "value", "target_year", "baseline_year", "change_value",
               "baseline_value"]].values.tolist() == [
        ["achievement", 99, 2020, 2015, 87, 12], ["achievement", 649, 2020, 2015, 477, 172]]


def test_from_to_gives_a_baseline():
    row = _one("2019年我市县域创新能力实现了跃升,由原来的26位提升到21位。")
    assert (row.kind, row.value, row.baseline_value, row.unit) == ("achievement", 21, 26, "位")
    assert row.indicator == "县域创新能力排位"


def test_from_to_across_a_joined_line_break():
    row = _one("全国法院电子诉讼占比从2021年的24% 提升至2022年的28%,全国统一平台上线。")
    assert (row.value, row.baseline_value, row.indicator) == (28, 24, "全国法院电子诉讼占比")
    row = _one("我国电子政务发展指数国际排名从 78 位上升到43位,是上升最快的国家之一。")
    assert (row.value, row.baseline_value, row.unit) == (43, 78, "位")
    assert row.indicator == "我国电子政务发展指数国际排名"


def test_baseline_year_of_the_next_number():
    row = _one("到2025年,高新技术企业比2020年增加到160家。", 2023)
    assert (row.baseline_year, row.value) == (2020, 160)


def test_a_bare_magnitude_borrows_the_unit():
    df = targets_from_text("对新认定的企业给予30万和50万元奖励。", year=2022)
    assert df[["value", "unit"]].values.tolist() == [[30, "万元"], [50, "万元"]]
    assert "unit 万元 shared with the next number" in df.note.iloc[0]


def test_respectively_pairs_subjects_and_amounts():
    df = targets_from_text("市级领军人才和创新团队经认定后,分别给予30万和50万元的经费支持。",
                           year=2022)
    assert df[["kind", "value", "unit", "indicator"]].values.tolist() == [
        ["support", 30, "万元", "市级领军人才"],
        ["support", 50, "万元", "创新团队"]]
    assert (df.note == "unit 万元 shared with the next number; subjects paired by 分别").iloc[0]


@pytest.mark.parametrize(("text", "want"), [
    ("软件和信息技术服务业、电子信息制造业规模分别达到6000亿元和2000亿元。",
     ["软件和信息技术服务业规模", "电子信息制造业规模"]),
    ("货物贸易、服务贸易和对外投资占比分别达30%、20%和10%。",
     ["货物贸易占比", "服务贸易占比", "对外投资占比"]),
])
def test_respectively_subjects_that_hold_a_coordinator(text, want):
    df = targets_from_text(text, year=2023)
    assert df["indicator"].tolist() == want


def test_respectively_short_subjects_borrow_the_last_noun():
    df = targets_from_text("对新认定的国家级、省级孵化器,分别给予最高100万元、50万元奖励。",
                           year=2023)
    assert list(df["indicator"]) == ["国家级孵化器", "省级孵化器"]


@pytest.mark.parametrize(("text", "year", "indicators"), [
    # levels among the subjects share the last noun
    ("园区内新认定的国家、省、市工业设计中心分别给予100万元、50万元、30万元奖励。", 2023,
     ["国家工业设计中心", "省工业设计中心", "市工业设计中心"]),
    # subjects before a time phrase
    ("对新认定的国家级、省级国际科技合作基地,于认定次年分别给予100万元、50万元的奖励。", 2023,
     ["国家级国际科技合作基地", "省级国际科技合作基地"]),
    # amounts by level take the first noun after the levels
    ("新认定的国家、省、市企业技术中心、产业创新中心、工程研究中心,分别给予500万元、200万元、"
     "50万元奖励。", 2023, ["国家企业技术中心", "省企业技术中心", "市企业技术中心"]),
    # amounts may repeat their levels
    ("获批的国家级、省级技术创新中心、重点实验室等,于获批次年分别给予建设单位国家级500万元、"
     "省级100万元的奖励。", 2023, ["国家级技术创新中心", "省级技术创新中心"]),
    # 对 ends the subjects ("对…分别给予"), not inside 对外投资; the scope 全省 is no subject
    ("到2024年,全省货物贸易、对外投资和实际利用外资分别占比达30%、20%和10%。", 2022,
     ["货物贸易", "对外投资", "实际利用外资"]),
    # subjects that end the 的 phrase before 分别
    ("新认定为国家级科技企业孵化器、众创空间的,分别给予200万元、50万元一次性奖励。", 2023,
     ["新认定为国家级科技企业孵化器", "众创空间"]),
    # a first subject that ends with a level borrows the last one's noun
    ("对列入国家级、省级智能制造试点示范项目的,分别给予300万元、200万元奖励。", 2023,
     ["列入国家级智能制造试点示范项目", "省级智能制造试点示范项目"]),
    # grades before 的 qualify one recipient, who is paid each amount
    ("对获得中国专利金奖、银奖、优秀奖的专利权人,分别给予50万元、30万元、10万元奖励。", 2023,
     ["专利权人", "专利权人", "专利权人"]),
    ("新评定为国家级、省级示范社的农民合作社,分别奖励10万元、5万元。", 2023,
     ["农民合作社", "农民合作社"]),
])
def test_subjects_of_fenbie_pair_with_its_amounts(text, year, indicators):
    assert list(targets_from_text(text, year=year).indicator) == indicators


@pytest.mark.parametrize(("text", "value", "baseline"), [
    ("光缆线路长度从2012年的1479万公里增加到2021年的5481万公里。", 5481, 1479),
    ("互联网普及率从2012年的42.1%提高到2021年的73%。", 73, 42.1),
    ("软件业务收入从2012年2.5万亿元增长到2021年9.6万亿元。", 9.6, 2.5),
    ("排名从2012年全球第78位提高到目前的第9位。", 9, 78),
])
def test_from_a_year_to_a_year_gives_one_row_with_its_baseline(text, value, baseline):
    row = _one(text)
    assert (row.kind, row.value, row.baseline_value) == ("achievement", value, baseline)


def test_subjects_of_fenbie_split_as_many_as_the_amounts_before_going_by_level():
    df = targets_from_text("对新认定的省、市级研发中心和创新企业,分别一次性奖励50万元、20万元。",
                           year=2023)
    assert all("创新企业" in i for i in df.indicator)


def test_subjects_of_a_respectively_list_share_the_measure_of_the_last_one():
    rows = targets_from_text("线上办公、在线旅行预订、互联网医疗用户规模分别达5.4亿人、4.2亿人、"
                             "3.6亿人。", year=2023)
    assert list(rows.indicator) == [
        "线上办公用户规模", "在线旅行预订用户规模", "互联网医疗用户规模"]
    rows = targets_from_text("计算机、通信和其他电子设备制造业,以及互联网和相关服务业平均研发强度"
                             "分别为7.33%和6.82%。", year=2023)
    assert list(rows.indicator) == ["计算机研发强度", "通信和其他电子设备制造业研发强度"]
    # a subject with a rate of its own keeps it
    rows = targets_from_text("关键工序数控化率、数字化研发设计工具普及率分别增长至58.6%和77.0%。",
                             year=2023)
    assert list(rows.indicator) == ["关键工序数控化率", "数字化研发设计工具普及率"]


def test_grades_before_de_pair_with_amounts_only_when_paid():
    df = targets_from_text("科创板、创业板已上市的战略性新兴产业企业中,数字领域相关企业占比分别"
                           "接近40%和35%。", year=2023)
    assert list(df.indicator) == ["数字领域相关企业占比", "数字领域相关企业占比"]


def test_fenbie_after_a_per_item_noun_pays_each_item():
    df = targets_from_text("对新获得绿色食品、有机农产品认证的,每个产品分别奖励1万元、2万元。",
                           year=2023)
    assert len(df) == 2
    assert all(x.endswith(("产品", "产品奖励")) for x in df.indicator)


def test_thresholds_before_de_are_no_subjects_of_fenbie():
    df = targets_from_text("软件企业年度软件业务收入首次突破1亿元、5亿元、10亿元的,分别给予30万元、"
                           "100万元、200万元奖励。", year=2023)
    paid = df[df.unit == "万元"]
    assert not paid.indicator.str.contains("亿元").any()
    assert paid.indicator.str.contains("软件企业").all()


def test_items_that_open_with_a_number_are_subjects_of_fenbie():
    df = targets_from_text("到2025年,5G基站、10万吨级泊位分别达到1万个、20个。", year=2023)
    assert list(df.indicator) == ["5G基站", "10万吨级泊位"]
    df = targets_from_text("到2025年,新建5G基站、10万千瓦光伏电站分别达到1万个、20个。", year=2023)
    counted = df[df.unit.isin(["万个", "个"])]
    assert list(counted.indicator) == ["新建5G基站", "10万千瓦光伏电站"]


def test_items_that_open_with_a_number_are_paid_by_fenbie():
    df = targets_from_text("对新建5G基站、10万千瓦光伏电站,分别给予10万元、20万元奖励。", year=2023)
    paid = df[df.unit == "万元"]
    assert list(paid.indicator) == ["新建5G基站", "10万千瓦光伏电站"]


def test_a_one_character_level_at_the_end_of_a_word_borrows_no_noun():
    df = targets_from_text("企业在境内主板上市、在区域性股权市场挂牌,分别奖励300万元、10万元。",
                           year=2023)
    assert list(df.indicator) == ["企业在境内主板上市", "在区域性股权市场挂牌"]


def test_a_level_item_borrows_the_noun_after_the_last_items_level():
    df = targets_from_text("对获得国家、省科技进步奖一等奖的,分别给予100万元、50万元奖励。",
                           year=2023)
    assert list(df.indicator) == ["获得国家科技进步奖一等奖", "省科技进步奖一等奖"]
    df = targets_from_text("对国家、省、市企业技术中心,分别给予100万元、50万元、20万元奖励。",
                           year=2023)
    assert list(df.indicator) == ["国家企业技术中心", "省企业技术中心", "市企业技术中心"]
