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
