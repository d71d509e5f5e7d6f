"""Subjects named outside a number's own phrase: the recipient of a support amount, the
subject of the phrase before, what earlier numbers of the sentence measure."""

from __future__ import annotations

import pytest

from analysis.targets import targets_from_text
from analysis.targets.context import DocumentContext
from analysis.targets.indicators import load_indicator_mapping
from analysis.targets.rules import load_rules
from analysis.targets.subjects import preceding_subject, support_recipient


def _indicators(text: str, year: int = 2022) -> list[str]:
    return list(targets_from_text(text, year=year).indicator)


def _doc(p: str) -> DocumentContext:
    return DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())


def test_preceding_subject_is_the_subject_before_the_linking_verb():
    p = "全市高新技术企业达到160家,增长20%。"
    assert preceding_subject(_doc(p), p.index("增长"), (0, len(p))) == "高新技术企业"


def test_support_recipient_after_dui():
    p = "对上一年度营业收入在500万元以下的企业,补贴上限为每年10万元。"
    assert support_recipient(p, p.index("10万"), (0, len(p)), _doc(p)) == "企业"


@pytest.mark.parametrize(("text", "recipient"), [
    ("每认定1家高新技术企业,一次性奖励孵化器10万元。", "孵化器"),
    ("对每项军用技术形成产业化的,给予军工单位50万元奖励。", "军工单位"),
    # the form of the support after the amount names no recipient; the 对… phrase does
    ("对新引进的企业,按照实缴注册资本的1%给予最高1000万元的一次性奖励。", "企业"),
    # a recipient after 给予 in the words after the amount is kept
    ("按每人最高5000元标准给予企业一次性培训费用补助。", "企业"),
])
def test_support_recipient_named_next_to_the_amount(text, recipient):
    t = targets_from_text(text, year=2022)
    assert recipient in t[t.kind == "support"].indicator.iloc[-1]


@pytest.mark.parametrize("text", [
    "对企业级工业互联网平台,省级给予一次性奖补100万元。",
    "对企业级工业互联网平台,给予补助100万元。",
])
def test_support_words_alone_name_no_recipient(text):
    assert "工业互联网平台" in _indicators(text)[-1]


@pytest.mark.parametrize(("text", "recipient"), [
    # a per-head measure and the form of the support name no recipient
    ("对新获得军工资质的民口企业,按每证50万元给予一次性奖励。", "民口企业"),
    ("按每人最高3000元的标准给予企业一次性补贴。", "企业"),
])
def test_support_words_around_the_amount_leave_the_recipient_to_be_looked_up(text, recipient):
    assert _indicators(text)[-1] == recipient


def test_a_level_reached_is_no_support_and_keeps_its_subject():
    text = "全省信息技术产业营收年均增长10%以上,2025年突破2.4万亿元。"
    assert "营收" in _indicators(text)[-1]


def test_a_person_before_the_amount_wins_over_a_recipient_after_it():
    text = "按照每名高级工1000元、高级技师5000元的标准给予企业一次性补贴。"
    assert _indicators(text)[-1] == "高级技师"


def test_a_support_word_before_de_is_part_of_the_recipient_modifier():
    p = "对获得国家科学技术奖的单位,按国家奖金额度给予1:1配套奖励,最高不超过100万元。"
    assert support_recipient(p, p.index("100"), (0, len(p)), _doc(p)) == "单位"


def _support_indicators(text: str) -> list[str]:
    t = targets_from_text(text, year=2022)
    return list(t[t.kind == "support"].indicator)


def test_a_recipient_after_a_per_item_word_beats_a_qualifying_de_phrase():
    text = ("对建成开通并持续运营数据专用通道的每家电信运营企业每年每个园区给予20万元的"
            "奖补资金。")
    assert _support_indicators(text)[-1] == "电信运营企业"


def test_a_cap_after_a_rate_takes_the_rate_base_when_the_de_phrase_names_no_one():
    text = "对揭榜后经考核认定实施成功的,按照项目总投入的30%给予最高200万元的资金支持。"
    assert "项目总投入" in _support_indicators(text)[-1]


def test_a_rate_base_the_qualifying_phrase_measures_is_not_the_recipient():
    text = ("对新引进企业实缴注册资本5000万元以上的,按照实缴注册资本的1%给予最高1000万元的"
            "一次性奖励。")
    assert _support_indicators(text)[-1].startswith("新引进企业")


@pytest.mark.parametrize(("text", "recipient"), [
    # the item's run-in heading names the object when its sentence names none
    ("(二)给予企业房租补贴。省级给予一次性奖补100万元。", "企业房租补贴"),
    # a heading alone on the line above
    ("12.支持重点技改项目建设\n省级给予一次性奖补100万元。", "重点技改项目建设"),
])
def test_the_item_heading_names_the_recipient_when_the_sentence_names_none(text, recipient):
    assert _support_indicators(text)[-1] == recipient


def test_a_heading_with_a_digit_or_comma_names_no_recipient():
    from analysis.targets.subjects import heading_recipient
    p = "(三)支持企业,发展平台。经认定的,给予最高100万元补贴。"
    assert heading_recipient(_doc(p), p.index("经认定")) == ""
    p = "(三)建设5个园区。经认定的,给予最高100万元补贴。"
    assert heading_recipient(_doc(p), p.index("经认定")) == ""


@pytest.mark.parametrize(("text", "wrong"), [
    ("对符合条件的,每年每家给予最高100万元补贴。", "给予"),
    ("对符合条件的,每个月给予最高10万元补贴。", "月给予"),
    ("对认定的,每家每年最高给予10万元。", "每年"),
    ("对认定的,每个年度最高给予10万元。", "年度"),
])
def test_each_word_recipient_is_never_a_verb_or_a_period(text, wrong):
    assert wrong not in _indicators(text)



@pytest.mark.parametrize(("heading", "recipient"), [
    ("(二)给予企业房租补贴\n", "企业房租补贴"),
    ("(1)支持平台建设\n", "平台建设"),
    ("第十条 支持企业上市。", "企业上市"),
])
def test_a_labelled_item_heading_names_the_recipient(heading, recipient):
    assert _indicators(heading + "给予最高100万元补贴。") == [recipient]


@pytest.mark.parametrize(("heading", "wrong"), [
    ("一、总体要求\n", "总体要求"),
    ("附件\n", "附件"),
    ("市财政局\n", "市财政局"),
    ("本办法自发布之日起施行\n", "本办法自发布之日起施行"),
    ("为加快发展数字经济。", "为加快发展数字经济"),
    ("第三章 支持企业上市\n", "企业上市"),
    ("(四)支持方式\n", "方式"),
    ("(四)支持方式\n", "支持方式"),
])
def test_a_line_without_an_item_label_or_with_a_generic_noun_is_no_heading(heading, wrong):
    assert wrong not in _indicators(heading + "给予最高100万元补贴。")


def test_a_run_in_heading_without_its_label_opens_with_a_heading_verb():
    text = ("拓展工业互联网场景应用。支持一批5G和工业互联网典型场景、标识解析应用、新模式示范"
            "应用、优秀解决方案,省级给予一次性奖补100万元。")
    assert _indicators(text) == ["工业互联网场景应用"]


@pytest.mark.parametrize(("text", "base"), [
    ("对符合条件的,按照贷款利息的50%给予贴息,最高100万元。", "贷款利息"),
    ("对符合条件的,按照上年度研发投入的10%给予补助,最高500万元。", "研发投入"),
])
def test_a_cap_after_a_rate_is_not_recorded_under_the_rate_base(text, base):
    df = targets_from_text(text, year=2022)
    rate, cap = df[df.unit == "%"].iloc[0], df[df.unit == "万元"].iloc[0]
    assert rate.indicator.endswith("占" + base + "比例")
    assert base not in cap.indicator
    assert "上" + base not in rate.indicator
