"""The unit table: one token per unit with its magnitude, base units, your own file."""

import math

import pytest

from analysis.resources import resource_text
from analysis.targets import load_rules, targets_from_text
from analysis.targets.units import load_units


@pytest.mark.parametrize(("value", "unit", "base_value", "base"), [
    (1200, "万人", 12_000_000, "人"),
    (126, "万亿元", 126e12, "元"),
    (1.3, "万亿斤", 1.3e12, "斤"),      # a magnitude in front of a base unit of the table
    (4650, "亿公斤", 9.3e11, "斤"),     # grain of older reports: 1 公斤 = 2 斤
    (12.6, "个百分点", 12.6, "百分点"),  # an alias
    (5, "%", 5, "%"),
])
def test_to_base(value, unit, base_value, base):
    got, got_base = load_units().to_base(value, unit)
    assert math.isclose(got, base_value) and got_base == base


def test_unknown_unit_and_overflow_have_no_base_value():
    assert load_units().to_base(3, "位")[1] == ""
    assert math.isnan(load_units().to_base(1e300, "万亿元")[0])


def test_your_own_table(tmp_path):
    path = tmp_path / "units.csv"
    path.write_text("unit,base,factor,aliases\n万标箱,标箱,10000,\n", encoding="utf-8")
    assert load_units(path).to_base(2, "万标箱") == (20000.0, "标箱")
    path.write_text("unit,base,factor,aliases\n万标箱,标箱,0,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="positive factor"):
        load_units(path)
    path.write_text("unit,factor\n万标箱,10000\n", encoding="utf-8")
    with pytest.raises(ValueError, match="base"):
        load_units(path)
    path.write_text("unit,base,factor,aliases\n标箱,标箱,1,\n标箱,标箱,1,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: the unit 标箱 is listed twice"):
        load_units(path)


@pytest.mark.parametrize(("text", "indicator", "unit", "comparator", "base_value"), [
    ("城镇新增就业1200万人以上。", "城镇新增就业", "万人", "≥", 12_000_000),
    ("粮食产量保持在1.3万亿斤以上。", "粮食产量", "万亿斤", "≥", 1.3e12),
    ("新增发电装机容量500万千瓦。", "新增发电装机容量", "万千瓦", "=", 5_000_000),
    ("高新技术企业突破1.46万家。", "高新技术企业", "万家", ">", 14_600),
    ("建成 500 个以上智能制造示范工厂。", "智能制造示范工厂", "个", "≥", 500),
])
def test_units_are_one_token_with_their_magnitude(text, indicator, unit, comparator,
                                                  base_value):
    row = targets_from_text(text, year=2024).iloc[0]
    assert (row.indicator, row.unit, row.comparator) == (indicator, unit, comparator)
    assert math.isclose(row.value_base, base_value)


def test_compute_units_in_mixed_case_are_one_unit():
    table = load_units()
    assert table.aliases()["EFlops"] == "EFLOPS"
    assert table.to_base(3, "TFLOPS") == (3e12, "FLOPS")


@pytest.mark.parametrize(("text", "value", "unit", "base_value"), [
    ("家庭宽带接入能力达到20 Mbps。", 20, "Mbps", 2e7),
    ("部分城市达到100MbpS。", 100, "Mbps", 1e8),
    ("宽带网络出口达到6640Gbps。", 6640, "Gbps", 6.64e12),
    ("设备连接数超过7900万台套。", 7900, "万台套", 7.9e7),
    ("数据中心机架超过590万标准机架。", 590, "万标准机架", 5.9e6),
    ("标注样本不少于2个量级。", 2, "个量级", 2),
])
def test_bandwidth_equipment_and_magnitude_units(text, value, unit, base_value):
    row = targets_from_text(text, year=2024).iloc[0]
    assert (row.value, row.unit) == (value, unit)
    assert math.isclose(row.value_base, base_value)


def test_a_frequency_band_or_a_network_generation_is_no_quantity():
    assert targets_from_text("建设5G基站,使用5905-5925MHz频段。", year=2024).empty


def test_grain_in_kilograms_with_a_magnitude_is_one_unit_and_a_bare_kilogram_is_none():
    row = targets_from_text("1995年粮食产量达到4650亿公斤。", year=1996).iloc[0]
    assert (row["value"], row["unit"], row["kind"]) == (4650, "亿公斤", "achievement")
    assert "公斤" not in set(targets_from_text("小麦亩产达到766公斤。", year=2021)["unit"])
def test_a_measure_word_with_its_alternative_in_brackets_is_one_unit():
    rows = targets_from_text("重点平台连接设备超过8000万台(套),建成20台（套）装备。", year=2023)
    assert list(rows.unit) == ["万台套", "台套"]


def test_technical_units_are_read():
    # assessment figures of a research task, in the unit written or an alias of it
    text = ("自动驾驶系统支持车距不高于 5m,主动感知距离≥300米,平均通信时延≤200毫秒,"
            "时间精度偏差小于5秒,编队车速不低于40km/h,设备运行噪声低于35dB。")
    got = targets_from_text(text, year=2021)[["value", "unit"]].values.tolist()
    assert got == [[5, "米"], [300, "米"], [200, "毫秒"], [5, "秒"], [40, "km/h"], [35, "dB"]]


def test_a_distance_that_bounds_an_area_is_no_target():
    assert targets_from_text("完成码头前沿500米范围内拖轮靠离泊作业的智能调度。", year=2021).empty


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("到2025年,建成厂房5m2。", 5, "平方米"),
    ("到2025年,建成厂房8㎡。", 8, "平方米"),
    ("到2025年,新增储水3m³。", 3, "立方米"),
    ("到2025年,建成厂房5万m2。", 5, "万平方米"),
    ("到2025年,新建堤坝500m。", 500, "米"),
])
def test_a_latin_length_followed_by_a_power_is_an_area_or_a_volume(text, value, unit):
    row = targets_from_text(text, year=2023).iloc[0]
    assert (row.value, row.unit) == (value, unit)


def test_a_latin_unit_followed_by_a_digit_is_never_read_as_that_unit():
    assert "米" not in set(targets_from_text("到2025年,建成厂房5m4区。", year=2023).unit)


@pytest.mark.parametrize(("text", "value", "unit", "base_value"), [
    ("累计办理业务4.49亿笔。", 4.49, "亿笔", 4.49e8),      # magnitude + measure word
    ("累计生成电子客票超2.82亿张。", 2.82, "亿张", 2.82e8),
    ("精品在线开放课程6628门。", 6628, "门", 6628),        # a measure word alone
    ("课程教学资源2.5万课时。", 2.5, "万课时", 2.5e4),      # a compound measure word
    ("上链节点不少于1千个。", 1, "千个", 1000),              # 千 as a magnitude
    ("回收有效样本超过18万份。", 18, "万份", 1.8e5),         # 份 only with a magnitude
    ("发布5千万条数据。", 5, "千万条", 5e7),      # 条 is the base of 万条, 亿条 of the table
    ("汇聚数据3千条。", 3, "千条", 3e3),
    ("培育1千余家企业。", 1, "千家", 1e3),          # a magnitude before 余/多
    ("建成3千多个站点。", 3, "千个", 3e3),
    ("检查车辆1200辆次。", 1200, "辆次", 1200),
    ("演出100场次。", 100, "场次", 100),
    ("开行50班次。", 50, "班次", 50),
])
def test_measure_words_compose_with_magnitudes(text, value, unit, base_value):
    row = targets_from_text(text, year=2022).iloc[0]
    assert (row.value, row.unit) == (value, unit)
    assert math.isclose(row.value_base, base_value)


@pytest.mark.parametrize("text", [
    "推荐函(纸质,一式2份)寄送中国科学技术信息研究所。",   # copies of a submission
    "下设14条具体措施,4类重点任务。",                      # counts of the text's own lists
    "30 支持模块化设计的数据字典技术原则和方法。",          # a number before 支持
])
def test_measure_words_read_only_with_a_magnitude_count_no_lists(text):
    assert targets_from_text(text, year=2022).empty


def test_the_alone_column_is_what_keeps_list_counts_out(tmp_path):
    # 条 and 类 are also bases of table rows (万条, 万类): their `alone` must still count
    text = "下设14条具体措施,4类重点任务。"
    (tmp_path / "words.csv").write_text("word,alone\n条,yes\n类,yes\n", encoding="utf-8")
    rules = resource_text("target_rules.toml").replace(
        'measure_words = "target_measure_words.csv"', 'measure_words = "words.csv"')
    (tmp_path / "rules.toml").write_text(rules, encoding="utf-8")
    got = targets_from_text(text, year=2022, rules=tmp_path / "rules.toml")
    assert "条" in set(got.unit)
    assert {"条", "类"} <= set(load_rules(tmp_path / "rules.toml").units)


def test_measure_word_list_is_read_and_checked(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("word,alone\n标箱,yes\n吨公里,no\n", encoding="utf-8")
    table = load_units(measure_words=path)
    assert table.to_base(3, "万标箱") == (30000.0, "标箱")
    assert "吨公里" not in table.units and table.to_base(2, "亿吨公里")[1] == "吨公里"
    assert "笔" not in load_units(measure_words=None).units
    path.write_text("word,alone\n标箱,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="alone = yes or no"):
        load_units(measure_words=path)


@pytest.mark.parametrize("text", [
    "办理第2笔业务后开通服务。",        # an ordinal before a measure word
    "围绕3个方面推进5门课程建设工作。",  # 个方面 is still no count; 门 counts courses
])
def test_measure_words_keep_the_ordinal_and_not_counted_rules(text):
    got = targets_from_text(text, year=2022)
    assert list(got["unit"]) == ([] if "第2笔" in text else ["门"])


def test_measure_words_that_would_swallow_the_next_word_are_no_units():
    # "10万人日均访问": 人 then 日均, never a count of person-days
    units = load_units().units
    assert "万人日" not in units and "人日" not in units


@pytest.mark.parametrize("text", [
    "填写12 单位名称。", "共有3单位参与。", "设置1单元。",           # 单 alone
    "31 根据实际情况确定。",                                      # 根 alone
    "2 架构设计。",                                               # 架 begins 架构
    "建设1门户网站。", "新增 100 门诊。",                         # 门 begins 门户, 门诊
    "配备2笔记本。",                                              # 笔 begins 笔记
    "设置3张贴栏。",                                              # 张 begins 张贴
    "形成6块状结构。",                                            # 块 begins 块状
    "5 例如数据共享。",                                           # 例 begins 例如
    "坚持8宗旨。",                                                # 宗 begins 宗旨
])
def test_a_one_character_unit_that_begins_a_word_counts_nothing(text):
    assert targets_from_text(text, year=2022).empty


def test_a_word_start_blocks_only_the_unit_read_alone():
    row = targets_from_text("新增100门课程。", year=2022).iloc[0]
    assert (row.value, row.unit) == (100, "门")


@pytest.mark.parametrize("text", [
    "到2025年,建立两张清单。", "到2025年,构建两张网,推进建设。", "到2025年,建立3张清单。",
    "到2025年,建立两张蓝图。", "到2025年,建立三张表。", "到2025年,建立两张图,推进建设。",
])
def test_slogans_of_lists_and_nets_are_no_targets(text):
    assert targets_from_text(text, year=2022).empty


@pytest.mark.parametrize(("text", "unit"), [
    ("到2025年,培育100家网络安全企业。", "家"),     # 网 begins a word: a count
    ("到2025年,建设3个图书馆。", "个"),
])
def test_one_character_slogan_nouns_block_only_where_they_end_the_word(text, unit):
    assert list(targets_from_text(text, year=2022).unit) == [unit]


def test_a_measure_words_alone_is_honoured_for_a_base_of_the_table(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("word,alone\n条,yes\n类,no\n", encoding="utf-8")
    table = load_units(measure_words=path)
    assert table.to_base(14, "条") == (14.0, "条") and "类" not in table.units
    assert table.to_base(2, "千类") == (2000.0, "类")
    assert "条" not in load_units().units and "类" not in load_units().units


def test_a_magnitude_never_turns_a_digits_only_unit_into_a_name():
    assert "千兆" not in load_units().units
    assert targets_from_text("到2025年,带宽达到10千兆。", year=2022).empty


def test_one_magnitude_list_from_the_rules_file():
    assert load_units(magnitudes=["万"]).to_base(2, "千个")[1] == ""
    with pytest.raises(ValueError, match="no magnitude word"):
        load_units(magnitudes=["千米"])


def test_measure_word_list_errors(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("word,alone\n标箱,yes\n标箱,no\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"words\.csv: data row 2: the measure word 标箱"):
        load_units(measure_words=path)
    with pytest.raises(ValueError, match="None for none"):
        load_units(measure_words="")
    with pytest.raises(FileNotFoundError):
        load_units(measure_words=tmp_path / "missing.csv")
