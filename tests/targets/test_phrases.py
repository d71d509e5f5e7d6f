"""Indicator phrases: the subject before a number, the counted noun after it, shares,
rankings, carried-over subjects and the cleaning of scope words and list marks."""

from __future__ import annotations

import pytest

from analysis.targets import targets_from_text


def _indicators(text: str, year: int = 2022, **kw) -> list[str]:
    return list(targets_from_text(text, year=year, **kw).indicator)


def test_subject_before_and_noun_after():
    assert _indicators("到2025年,高新技术企业数量达到160家。") == ["高新技术企业数量"]
    assert _indicators("到2025年,培育10名中青年科技创新领军人才。") == [
        "中青年科技创新领军人才"]
    assert _indicators("新培育高新技术企业7户、科技型企业10户。") == [
        "新培育高新技术企业", "新培育科技型企业"]


def test_shares_are_named():
    assert _indicators("到2025年,全社会R&D经费支出占地区生产总值的比重达到1.2%。") == [
        "全社会R&D经费支出占地区生产总值的比重"]
    assert _indicators("到2025年,R&D经费支出达到地区生产总值的2%。") == [
        "R&D经费支出占地区生产总值比重"]


def test_rankings_use_unit_wei_and_carry_their_subject():
    df = targets_from_text("到2022年,综合科技创新水平在全省排位提升至前4位;"
                           "力争到2025年进入全省前3位。", year=2020)
    assert df[["value", "unit", "comparator", "target_year"]].values.tolist() == [
        [4, "位", "≤", 2022], [3, "位", "aspiration", 2025]]
    assert set(df.indicator) == {"综合科技创新水平全省排位"}
    assert not df.is_province_level.any()  # the city's rank inside the province


def test_ranked_name_after_a_ranking_verb():
    assert _indicators("到2025年,区域创新能力在全国排名第50位。") == ["区域创新能力全国排位"]
    assert _indicators("到2025年,位列全国创新型城市前50位。") == ["创新型城市排位"]


def test_growth_phrase_takes_the_subject_of_the_previous_number():
    df = targets_from_text("2022年全市高新技术企业达到350家,同比增长20.5%。", year=2023)
    assert df[["kind", "indicator", "value"]].values.tolist() == [
        ["achievement", "高新技术企业", 350], ["achievement", "高新技术企业同比增长", 20.5]]


def test_list_of_examples_ends_at_deng():
    assert _indicators("到2025年,建设孵化器、众创空间等创新平台20个。") == ["创新平台"]


def test_hard_wrapped_lines_do_not_cut_a_counted_noun():
    lines = ["数字化服务能力明显增强培育一批高水平的数"] * 8   # the text's usual width
    text = "\n".join([*lines, "建设10个左右具有行业或区域影响力的公共服", "务平台。"])
    df = targets_from_text(text, year=2024)
    assert df.iloc[-1]["indicator"] == "公共服务平台"


def test_comparator_words_inside_an_indicator_are_kept():
    df = targets_from_text("总体近视率每年降低不少于1个百分点。", year=2021)
    assert df.iloc[0]["indicator"].startswith("总体近视率")


def test_number_letter_noun_after_a_count():
    df = targets_from_text("建设300个数字工厂、5万个5G基站。", year=2021)
    assert df["indicator"].tolist() == ["数字工厂", "5G基站"]


@pytest.mark.parametrize(("text", "indicator"), [
    # a bare noun before 的 is what the number counts: both nouns are kept
    ("开展不少于3个人工智能医疗器械产品的临床试验。", "人工智能医疗器械产品的临床试验"),
    ("联通市本级50个部门的政务数据。", "部门的政务数据"),
    # a modifier with a verb or a number before 的: the noun after it is counted
    ("建立3个以企业为主体的产学研用技术创新联盟。", "产学研用技术创新联盟"),
    ("培养和引进10名在原始创新方面有重大发现的领军人才。", "领军人才"),
])
def test_noun_before_de_is_kept_when_it_is_bare(text, indicator):
    assert targets_from_text(text, year=2022)["indicator"].tolist() == [indicator]


def test_a_bracket_after_the_unit_is_no_counted_noun():
    df = targets_from_text("全省算力规模达到14EFlops(每秒百亿亿次浮点运算)。", year=2024)
    assert df.indicator.tolist() == ["算力规模"]


def test_a_number_that_modifies_the_noun_after_de_is_skipped():
    df = targets_from_text("培育5个以上收入过200亿元的软件产业集群。", year=2021)
    assert df.loc[df.value == 5, "indicator"].tolist() == ["软件产业集群"]


def test_a_level_alone_shares_the_noun_after_the_next_number():
    df = targets_from_text("新引育90名国家级、150名省级科技人才。", year=2024)
    assert df.indicator.tolist() == ["国家级科技人才", "省级科技人才"]


def test_the_counted_noun_follows_a_bracket_after_the_number():
    df = targets_from_text("全市新增2400户(累计约3600户)大中型餐饮单位。", year=2022)
    assert all(i.endswith("大中型餐饮单位") for i in df.indicator)
    assert not any(i.startswith(")") for i in df.indicator)


def test_a_per_unit_after_money_is_no_counted_noun():
    df = targets_from_text("资助强度约为80万元/项。", year=2023)
    assert df.indicator.tolist() == ["资助强度"]


def test_a_level_alone_takes_the_noun_of_the_preceding_subject():
    df = targets_from_text("年底前,省级政务服务事项网上可办率不低于90%,县级不低于70%。",
                           year=2019)
    assert df.indicator.tolist() == ["省级政务服务事项网上可办率", "县级政务服务事项网上可办率"]


def test_a_listed_noun_before_de_is_kept():
    df = targets_from_text("完成200项以上国家、行业标准的制修订。", year=2021)
    assert "标准" in df.indicator.iloc[0]


def test_a_percentage_after_a_linking_verb_measures_the_subject():
    df = targets_from_text("到2023年,新建住宅建筑实现100%BIM交付。", year=2021)
    assert df.indicator.tolist() == ["新建住宅建筑"]


def test_a_number_after_a_coordinator_starts_the_next_item():
    # the second number's modifier (重要的) does not join the two items
    first, second = _indicators("实现不少于3种生物神经元与人工神经元之间的有效映射和3种重要的"
                                "树突计算功能。", year=2024)
    assert "树突" not in first
    assert "树突计算功能" in second


def test_a_verb_before_de_ends_the_counted_noun():
    assert _indicators("争取到2020年,使50%以上的社区实现智慧社区的标准化建设。",
                       year=2014) == ["社区"]


def test_a_measure_word_of_people_counts_the_people_before_de():
    ind, = _indicators("每年组织开展面向1万名专业技术人才和企业高级管理人员的工业互联网"
                       "素质提升培训。", year=2021)
    assert "专业技术人才" in ind and "培训" not in ind


def test_a_share_of_a_noun_is_measured_by_that_noun():
    ind = _indicators("对二级节点项目省级按照不超过项目投资额30%的比例给予一次性奖补。",
                      year=2021)[0]
    assert ind.endswith("项目投资额")


def test_a_paying_level_is_no_recipient():
    assert _indicators("每年支持一批网络改造应用良好的企业,省级给予一次性奖补100万元。",
                       year=2021) == ["支持一批网络改造应用良好的企业"]


def test_a_verb_of_one_character_inside_a_modifier_keeps_the_noun_after_de():
    assert _indicators("培育3家在国内具有较强影响力的跨行业、跨领域综合型工业互联网平台。",
                       year=2021) == ["跨行业、跨领域综合型工业互联网平台"]


def test_a_level_alone_after_a_list_mark_shares_the_noun_of_the_item_before():
    assert _indicators("到2025年,力争创建国家级智能制造示范工厂3个、省级10个。") == [
        "国家级智能制造示范工厂", "省级智能制造示范工厂"]


def test_a_bare_growth_takes_the_subject_of_the_phrase_before():
    assert _indicators("到2025年,城乡居民人均可支配收入增速与经济增长基本同步,年均增长7%"
                       "左右。") == ["城乡居民人均可支配收入增长"]


def test_an_indicator_does_not_start_with_de():
    assert _indicators("到2025年,培育年营业收入超100亿元的企业5家。") == ["企业"]


def test_yicixing_before_a_support_verb_is_no_recipient():
    assert _indicators("对新认定的国家级孵化器,一次性奖励100万元。") == ["国家级孵化器"]


def test_a_cap_after_a_rate_of_support_takes_the_recipient_of_the_phrase_before():
    _, cap = _indicators("支持企业开展智能化改造,按照项目投资额的20%给予补助,最高500万元。")
    assert "企业" in cap and "%" not in cap


def test_a_phrase_with_a_base_and_no_support_verb_names_the_recipient():
    assert _indicators("根据核心展示区建设投入和运营完成情况,每年度给予1000万元补贴。") == [
        "根据核心展示区建设投入和运营完成情况"]


def test_economy_is_no_end_of_the_subjects_of_fenbie():
    assert _indicators("到2025年,数字经济核心产业增加值占GDP比重、研发投入强度分别达到10%和"
                       "2.5%。") == ["数字经济核心产业增加值占GDP比重", "研发投入强度"]


def test_an_amount_word_is_paid_per_item_of_the_phrase_before():
    assert _indicators("五、2024年度资助计划\n拟资助培育项目约25项,直接费用资助强度不超过80万元"
                       "/项;拟资助重点支持项目约6项,直接费用资助强度约为300万元/项。",
                       year=2024) == ["培育项目", "重点支持项目"]


def test_a_modifier_that_only_mentions_people_keeps_the_counted_noun_after_de():
    assert _indicators("到2025年,培养10名具有博士学位的青年人才。") == ["青年人才"]


def test_from_to_baseline_is_no_row_and_the_subject_names_both():
    t = targets_from_text("光缆线路长度从2012年的1479万公里增加到2021年的5481万公里,增长2.7倍。",
                          year=2022)
    assert list(t.value) == [5481.0, 2.7]
    assert t.baseline_value.iloc[0] == 1479.0
    assert list(t.indicator) == ["光缆线路长度", "光缆线路长度增长"]


def test_from_to_ranking_keeps_its_subject():
    t = targets_from_text("我国电子政务在线服务指数排名从2012年全球第78位提高到目前的第9位。",
                          year=2022)
    assert list(t.value) == [9.0]
    assert "在线服务指数" in t.indicator.iloc[0]


@pytest.mark.parametrize(("text", "indicator"), [
    ("互联网普及率由42.1%提高到73%。", "互联网普及率"),     # 及 inside 普及 joins nothing
    ("企业达到99家,居民参与率由40%提高到60%。", "居民参与率"),  # 与 inside 参与
])
def test_joiner_inside_a_word_does_not_cut(text, indicator):
    assert _indicators(text)[-1] == indicator


def test_multiples_after_a_phrase_naming_nothing_pair_with_the_earlier_numbers():
    t = targets_from_text("发明专利授权量和每万人发明专利拥有量分别达到16881件和4.9件,"
                          "是“十一五”末的5.1倍和4.95倍。成交额339.74亿元,是“十一五”末的3.1倍。",
                          year=2016)
    by = dict(zip(t.value, t.indicator, strict=True))
    assert by[5.1] == "发明专利授权量"
    assert by[4.95] == "每万人发明专利拥有量"
    assert by[3.1] == "成交额"


def test_rises_in_points_pair_with_the_shares_before_them():
    t = targets_from_text("工业企业关键工序数控化率、数字化研发设计工具普及率分别达55.7%、75.1%,"
                          "比2012年分别提升31.1个和26.3个百分点。", year=2022)
    by = dict(zip(t.value, t.indicator, strict=True))
    assert "数控化率" in by[31.1] and "普及率" in by[26.3]


def test_a_count_keeps_its_own_words_when_they_name_nothing_to_the_tagger():
    # 展会 is tagged as a verb; a count is not relative to the numbers before it
    assert _indicators("每年举办场景对接活动不少于2场,举办展会不少于50场。")[-1] == "举办展会"



@pytest.mark.parametrize(("text", "unit", "indicator"), [
    ("全球智能硬件出货量将达到64亿部以上。", "亿部", "全球智能硬件出货量"),
    ("农机应用北斗终端超过60万台套。", "万台套", "农机应用北斗终端"),
    ("数据中心机架总规模超过590万标准机架。", "万标准机架", "数据中心机架总规模"),
])
def test_measure_words_are_units_not_indicators(text, unit, indicator):
    t = targets_from_text(text, year=2022)
    assert (t.unit.iloc[0], t.indicator.iloc[0]) == (unit, indicator)


def test_a_bare_compound_growth_rate_takes_the_subject_before_it():
    text = "到2020年,智能硬件出货量将达到64亿部以上,年复合增长率超过30%。"
    assert "出货量" in _indicators(text)[-1]


def test_an_action_verb_that_leaves_one_character_is_part_of_a_word():
    # 让 is an action verb ("让…"), but not in 让利; 获 before a longer noun is one
    assert _indicators("推进宽带和专线降费,让利超过7000亿元。") == ["让利"]
    assert _indicators("十三五期间获省科学技术进步奖二等奖2项。") == ["省科学技术进步奖二等奖"]


def test_a_decimal_that_starts_a_wrapped_line_keeps_the_subject_above_it():
    # "18.45 亿户" on a line of its own continues the line above; "18." is no item mark
    text = ("一、发展成效\n数字基础设施建设不断加快,移动物联网终端用户数达到\n"
            "18.45 亿户,居世界前列。")
    assert _indicators(text) == ["移动物联网终端用户数"]


def test_a_share_opening_with_zhan_is_the_share_of_the_preceding_subject():
    text = "全市高新技术产业产值达到500亿元,占规上工业产值比重达到45%。"
    assert _indicators(text)[-1] == "高新技术产业产值占规上工业产值比重"


def test_an_annual_growth_rate_after_a_past_span_keeps_its_subject_and_annual_word():
    rows = targets_from_text("截至2022年底,我国数据中心机架总规模已超过650万标准机架,"
                             "近5年年均增速超过30%。", year=2023)
    assert list(rows.indicator) == ["我国数据中心机架总规模", "我国数据中心机架总规模年均增速"]
    assert list(rows.target_year) == [2022, 2022]


@pytest.mark.parametrize(("text", "want"), [
    ("我国移动物联网终端用户数达18.45亿户,净增4.47亿户。", "我国移动物联网终端用户数净增"),
    ("全国顶级节点累计接入二级节点265个,新增97个。", "全国顶级节点累计接入二级节点新增"),
    # a line break joined inside the growth word
    ("端口数达1523万个,同比增 加737.1 万个。", "端口数同比增加"),
])
def test_a_bare_change_count_takes_the_subject_of_the_number_before_it(text, want):
    assert _indicators(text, year=2023)[-1] == want


def test_a_bracketed_note_after_a_count_that_runs_past_the_phrase_names_nothing():
    assert _indicators("其中省级平台21个(含省和自治区,不包括直辖市),城市平台187个。") == [
        "省级平台", "城市平台"]


def test_deng_that_begins_a_noun_stays_in_it():
    assert _indicators("到2025年,新增5家等级医院。") == ["新增等级医院"]
    assert _indicators("到2025年,培育5个(不少于2个)等行业平台。") == ["行业平台", "行业平台"]


def test_a_goal_noun_after_the_number_leaves_the_subject_before_it():
    assert _indicators("到2025年,粮食产量稳定在1.3万亿斤以上水平。") == ["粮食产量"]


@pytest.mark.parametrize(("text", "recipient"), [
    ("经认定的智能化技术改造项目,按设备和软件投资额的15%给予补助,单个项目最高500万元。",
     "智能化技术改造项目"),
    ("对本市原创的影视作品在中央电视台播出的,按每集2万元给予奖励,单部作品最高100万元。",
     "影视作品"),
])
def test_a_per_unit_cap_takes_the_recipient_of_its_sentence(text, recipient):
    cap = targets_from_text(text, year=2023).iloc[-1]
    assert recipient in cap.indicator and not cap.indicator.startswith("单")


def test_a_per_unit_cap_after_a_rate_goes_to_the_recipient_not_the_rate_base():
    text = ("对天使投资机构投资本市初创期科技企业的,按实际投资额的10%给予奖励,单个项目最高"
            "100万元。")
    cap = targets_from_text(text, year=2023).iloc[-1].indicator
    assert "天使投资机构" in cap and "投资额" not in cap


def test_a_cap_of_a_name_that_opens_like_a_unit_head_keeps_its_name():
    df = targets_from_text("对认定的企业,按投资额的10%给予补助,单项冠军示范企业最高奖励100万元。",
                           year=2022)
    assert df[df.unit == "万元"].indicator.str.startswith("单项冠军示范企业").all()
    assert len(df[df.unit == "万元"]) == 1


@pytest.mark.parametrize("cap", ["单个项目最高", "单台设备最高", "单个项目补助最高"])
def test_a_per_unit_cap_goes_to_the_recipient(cap):
    df = targets_from_text(f"对认定的企业,按项目投资的15%给予补助,{cap}500万元。", year=2022)
    assert list(df[df.unit == "万元"].indicator) == ["企业"]


@pytest.mark.parametrize("text", [
    "按照项目总投入{de}30%给予最高200万元。",
    "对天使投资机构投资本市初创期科技企业的,按实际投资额{de}10%给予奖励,单个项目最高100万元。",
])
def test_a_rate_base_reads_alike_with_or_without_de(text):
    with_de = targets_from_text(text.format(de="的"), year=2022)
    without = targets_from_text(text.format(de=""), year=2022)
    assert list(with_de.indicator) == list(without.indicator)
    assert "给予" not in list(without.indicator)
