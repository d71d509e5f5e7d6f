"""Quantities: values, units, ranges, comparators next to the number, ranks, special forms,
and the numbers that are no quantities."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.targets import targets_from_text
from analysis.targets.context import prepare_text, protected_spans
from analysis.targets.numbers import scan_quantities, to_number
from analysis.targets.rule_reader import call_stores
from analysis.targets.rules import load_rules


def _scan(text: str):
    p = prepare_text(text)
    return [(q.text, q.value, q.unit, q.comparator)
            for q in scan_quantities(p, 0, len(p), load_rules(), protected_spans(p))]


def _one(text: str, year: int | None = 2022, **kw):
    df = targets_from_text(text, year=year, **kw)
    assert len(df) == 1, df[["indicator", "value", "unit"]]
    return df.iloc[0]


@pytest.mark.parametrize(("s", "value"), [
    ("12", 12.0), ("1.5", 1.5), ("1/4", 0.25), ("十二", 12.0), ("两", 2.0), ("二〇二五", 2025.0),
    ("", None), ("1/0", None), ("x", None), ("1.2.3", None), ("9" * 400, None),
    ("1/" + "9" * 400, None),
])
def test_to_number(s, value):
    assert to_number(s) == value


@pytest.mark.parametrize(("text", "expected"), [
    ("达到160家", [("160", 160, "家", "=")]),
    ("达到2%左右", [("2", 2, "%", "≈")]),
    ("培育50余家", [("50", 50, "家", "≥")]),
    ("控制在3个以内", [("3", 3, "个", "≤")]),
    ("增加5个百分点", [("5", 5, "百分点", "=")]),
    ("1/3的企业", [("1/3", pytest.approx(100 / 3), "%", "=")]),
    ("引进十名人才", [("十", 10, "名", "=")]),
    ("一家企业", []),                               # a lone 一 is no number
    ("三个方面", []),                               # a counted noun that is no quantity
    ("第3批", []),                                  # an ordinal
    ("2个指标", []),
    ("“50家”", []),                                 # inside quotation marks
])
def test_scan_quantities(text, expected):
    assert _scan(text) == expected


@pytest.mark.parametrize("sep", ["—", "-", "~", "至", "——"])
def test_ranges_give_low_and_high(sep):
    row = _one(f"每年支持50{sep}100名35岁以下的中青年科研骨干创新人才。", 2020)
    assert (row.value_low, row.value_high, row.comparator, row.unit) == (50, 100, "range", "名")
    assert row.year_basis == "annual" and row.target_year is pd.NA
    assert row.indicator == "中青年科研骨干创新人才"


def test_a_word_range_without_unit_keeps_the_first_number():
    assert _scan("利用2至3年时间培育10家") == [("10", 10, "家", "=")]


def test_chinese_numerals_are_read():
    row = _one("利用三年时间,培养和引进十名中青年科技创新领军人才。", 2012)
    assert (row.value, row.unit, row.indicator) == (10, "名", "中青年科技创新领军人才")


@pytest.mark.parametrize(("text", "value", "comparator"), [
    ("研发投入占营业收入比重达到百分之二十以上。", 20, "≥"),
    ("研发投入占营业收入比重达到百分之15。", 15, "="),
    ("研发投入占营业收入比重达到百分之二十左右。", 20, "≈"),
])
def test_percentages_written_out(text, value, comparator):
    row = _one(text)
    assert (row.value, row.unit, row.comparator) == (value, "%", comparator)


def test_bare_number_after_a_share_is_a_percentage():
    row = _one("到2025年,研发经费投入强度达到2.5。")
    assert (row.value, row.unit) == (2.5, "%")
    assert "unit % implied by 比重" in row.note


def test_rankings_use_unit_wei():
    assert _scan("进入全省前3名") == [("3", 3, "位", "≤")]
    assert _scan("排名第53位") == [("53", 53, "位", "=")]


@pytest.mark.parametrize("text", ["到2022年,高技术产业增加值实现0的突破。",
                                  "力争我市高技术产业“0”的突破。",
                                  "到2022年,高技术产业增加值实现零的突破。"])
def test_zero_breakthrough(text):
    row = _one(text, 2020)
    assert (row.value, row.comparator, row.unit) == (0, ">", "")
    assert row.indicator.startswith("高技术产业")


@pytest.mark.parametrize("text", ["实现10的突破。", "实现2.0的突破。", "第0的突破。"])
def test_breakthrough_needs_a_bare_zero(text):
    assert targets_from_text(text, year=2020).empty


@pytest.mark.parametrize("text", [
    "抢抓5G商用机遇,推广3D曲面玻璃。",
    "对R&D经费投入占GDP的比重和财政科技支出占财政支出的比重2个指标进行重点考核。",
    "制定《辛集市科技创新三年行动计划(2018—2020年)》。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "列入第二批河北省创新型县(市、区)试点。",
    "支持科技创新型企业列入省100户企业上市培育工程和300户中小企业融资服务工程。",
    "扩大青年科技基金规模,支持35岁以下的中青年科研骨干。",
    "全面贯彻党的十九大和十九届二中、三中、四中全会精神。",
    "辛政办字〔2022〕22号 2022年7月10日",
    "依托冠靶科技、九元科技、冀雅电子等企业。",
    "每3年奖励一次。",
])
def test_numbers_that_are_not_targets(text):
    assert targets_from_text(text, year=2022).empty


def test_numbers_too_large_to_be_finite_give_no_row():
    df = targets_from_text("企业达到" + "9" * 400 + "家,平台达到5家。", year=2022)
    assert df["value"].tolist() == [5.0]


@pytest.mark.parametrize(("text", "low", "high"), [
    ("经济增长6%－6.5%。", 6.0, 6.5),
    ("经济增长6.5%-7%。", 6.5, 7.0),
])
def test_ranges_of_one_unit_written_twice(text, low, high):
    row = targets_from_text(text, year=2024).iloc[0]
    assert (row.value_low, row.value_high, row.comparator) == (low, high, "range")


@pytest.mark.parametrize(("text", "comparator"), [
    ("申请发明专利≥5项。", "≥"), ("准确度优于5%。", ">"), ("标准数量不小于5项。", "≥"),
])
def test_comparators_written_before_the_number(text, comparator):
    assert targets_from_text(text, year=2024).iloc[0].comparator == comparator


def test_a_number_with_a_comparator_is_no_programme_name():
    df = targets_from_text("每年举办50场左右路演行动。列入省100户企业上市培育工程。", year=2022)
    assert df[["number_text", "unit", "comparator"]].values.tolist() == [["50", "场", "≈"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("力争实现50兆进牧户。", [["50", "兆"]]),
    ("新增装机100兆瓦。", [["100", "兆瓦"]]),
    # a Chinese numeral before 兆 names a network grade, not a bandwidth
    ("建设双千兆网络,打造千兆城市。", []),
])
def test_bandwidth_in_zhao_is_read_after_digits_only(text, expected):
    df = targets_from_text(text, year=2022)
    assert df[["number_text", "unit"]].values.tolist() == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("每年完成万项技改。", [["万", 1.0, "万项"]]),
    ("全年访问量近万次。", [["万", 1.0, "万次"]]),
    # a rate per 万人 at a phrase's start, and network grades, are no bare 万
    ("万人发明专利拥有量达到5件。", [["5", 5.0, "件"]]),
    ("万兆到旗县区。", []),
])
def test_a_bare_wan_before_a_counting_unit_is_one_wan_of_it(text, expected):
    df = targets_from_text(text, year=2022)
    assert df[["number_text", "value", "unit"]].values.tolist() == expected


def test_a_unit_of_the_table_ends_a_number_before_latin_letters():
    assert _scan("新建住宅建筑实现100%BIM交付") == [("100", 100, "%", "=")]
    assert _scan("建设5G基站") == []


def test_a_bare_wan_after_chao_is_one_of_a_money_unit():
    assert _scan("带动相关产业规模超万亿元") == [("万", 1, "万亿元", "=")]


def test_kinds_and_compute_units_are_read():
    assert _scan("突破50种以上智能检测装备") == [("50", 50, "种", "≥")]
    assert _scan("算力规模达到14EFlops") == [("14", 14, "EFLOPS", "=")]
    assert _scan("突破3500PFlops") == [("3500", 3500, "PFLOPS", "=")]


def test_money_before_de_and_a_support_noun_is_an_amount_not_a_threshold():
    df = targets_from_text("对新引进的博士、硕士,每年分别给予5000元、3000元的生活补贴。", year=2023)
    assert df.value.tolist() == [5000, 3000]
    assert targets_from_text("对营业收入50亿元以上的企业给予奖励。", year=2023).empty


@pytest.mark.parametrize(("text", "value", "comparator"), [
    ("到2025年,两化融合发展指数达到125左右。", 125, "≈"),
    ("数据中心电能使用效率降至1.3以下。", 1.3, "≤"),
    ("大型数据中心运行电能利用效率降到1.3以下。", 1.3, "≤"),
    # the noun ends in a bracketed abbreviation, and a joined line break follows it
    ("在建数据中心平均设计电能利用效率(PUE) 降至1.3,全面达标。", 1.3, "="),
])
def test_an_index_value_has_no_unit(text, value, comparator):
    row = targets_from_text(text, year=2022).iloc[0]
    assert (row.value, row.unit, row.comparator) == (value, "", comparator)


def test_a_bare_number_after_an_index_noun_that_qualifies_is_no_value():
    assert targets_from_text("指数为3的企业。", year=2022).empty


@pytest.mark.parametrize(("text", "value", "unit", "comparator"), [
    # a hard line break inside the unit, joined as a space
    ("数据中心机架总规模达到650万标准机\n架,位居世界第二。", 650, "万标准机架", "="),
    ("数字健康服务资源加速扩容下沉,全年共开展远程医疗服务2670万\n人次以上。", 2670, "万人次", "≥"),
    # 多 / 余 between the magnitude and the unit
    ("实现1万多项高频应用的标准化服务。", 1, "万项", "≥"),
    ("收到854.2 万多条留言。", 854.2, "万条", "≥"),
    ("清理违法和不良信息5430余万条。", 5430, "万条", "≥"),
])
def test_a_unit_read_across_a_line_break_or_duo(text, value, unit, comparator):
    row = targets_from_text(text, year=2023).iloc[0]
    assert (row.value, row.unit, row.comparator) == (value, unit, comparator)


def test_tiao_and_lei_alone_count_a_list():
    assert targets_from_text("《若干政策》共七部分14条。", year=2020).empty
    assert targets_from_text("形成19类功能模块。", year=2020).empty


@pytest.mark.parametrize(("text", "want"), [
    ("同比分别提升3.3和2.3个百分点。", [(3.3, "百分点"), (2.3, "百分点")]),
    ("比2012年分别提升31.1个和26.3个百分点。", [(31.1, "百分点"), (26.3, "百分点")]),
    ("分别增长1.5和2倍。", [(1.5, "倍"), (2.0, "倍")]),
    # a count in 个 before another count keeps its own unit
    ("建设3个和5个园区。", [(3.0, "个"), (5.0, "个")]),
])
def test_a_number_coordinated_with_a_relative_number_shares_its_unit(text, want):
    rows = targets_from_text(text, year=2023)
    assert list(zip(rows.value, rows.unit, strict=True)) == want


@pytest.mark.parametrize(("text", "value"), [("编制蓝图3个。", 3.0), ("打造版图10个。", 10.0),
                                             ("绘制路线图5个。", 5.0)])
def test_a_word_ending_in_tu_is_no_figure_number(text, value):
    assert targets_from_text(text, year=2022)["value"].tolist() == [value]


@pytest.mark.parametrize("text", ["图1 产业布局", "如图 2 所示", "(图3)"])
def test_a_figure_number_is_no_quantity(text):
    p = prepare_text(text)
    assert scan_quantities(p, 0, len(p), load_rules(), protected_spans(p)) == []


def test_quantities_tried_only_where_a_number_starts():
    from analysis.targets.numbers import _number_start
    from analysis.targets.prefilter import first_chars, matches

    starts = _number_start(frozenset({"万", "亿"}))
    assert [m.group() for m in starts.finditer("近万次,统一,推进,3家")] == ["万", "一", "3"]
    rules = load_rules()
    probe = "0123456789零〇一二两三四五六七八九十百千万亿x中,"
    assert [bool(first_chars(rules.quantity).match(ch)) for ch in probe] == [
        bool(starts.match(ch)) for ch in probe]
    for text in ["高新技术企业达到160家以上,力争进入全省前3位。", "统一推进一体化,近万次", "",
                 "营收2024年、2025年分别突破2.2万亿元、2.4万亿元", "百分之二十"]:
        assert [m.span() for m in matches(rules.quantity, text)] == [
            m.span() for m in rules.quantity.finditer(text)]


@pytest.mark.parametrize("text", ["推进产业发展。", "加快建设平台", "\n\n"])
def test_no_quantity_without_digit_or_numeral(text):
    assert _scan(text) == []


@pytest.mark.parametrize(("span", "readings"), [
    # the character before the span decides ("A5家" is a name)
    ("5家企业", [("和", "", [("5", "家")]), ("A", "", [])]),
    # a bare number that ends the span: the words before the span give it its reading
    ("25", [("比重达到", "。", [("25", "%")]), ("统计达到", "。", [])]),
    # a unit shared with the next number, after the span's own text
    ("提升3.3和2.3个百分点", [("", "", [("3.3", "百分点"), ("2.3", "百分点")]),
                          ("上年", "", [("3.3", "百分点"), ("2.3", "百分点")])]),
    ("实现0的突破", [("", "", [("0", "")]), ("全市", "", [("0", "")])]),
])
def test_a_span_read_again_in_other_surroundings(span, readings):
    # the matches in a span's text are kept for its next occurrence in the call; what the
    # text around the span says is read at every occurrence (each reading follows the
    # other, in both orders, within one call)
    rules = load_rules()
    for order in (readings, readings[::-1]):
        with call_stores():
            for before, after, expected in order + order:
                p = before + span + after
                qs = scan_quantities(p, len(before), len(before) + len(span), rules, [])
                assert [(q.text, q.unit) for q in qs] == expected
