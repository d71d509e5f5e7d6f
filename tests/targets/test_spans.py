"""Span boundaries: the words before a number cleaned of list marks, time phrases and
comparators, the counted noun after it, scope words and the trimming of a finished phrase."""

from __future__ import annotations

import dataclasses
import re

import pytest

from analysis.targets.context import DocumentContext
from analysis.targets.indicators import load_indicator_mapping
from analysis.targets.rule_reader import call_stores
from analysis.targets.rules import load_rules
from analysis.targets.spans import clean_left, clean_right, finish_indicator, strip_scope


@pytest.fixture
def doc() -> DocumentContext:
    return DocumentContext("d", "", "", "", 2022, load_rules(), load_indicator_mapping(),
                           province="甘肃省", city="嘉峪关市")


@pytest.mark.parametrize(("left", "cleaned"), [
    ("——到2025年,高新技术企业数量比2020年末翻一番达到", "高新技术企业数量达到"),
    ("(一)同时力争全市", "全市"),
    ("一是每年新增", "新增"),
    ("累计最高补助", "累计补助"),
])
def test_clean_left(doc, left, cleaned):
    assert clean_left(left, doc) == cleaned


@pytest.mark.parametrize(("right", "noun"), [
    ("名中青年科技创新领军人才入住园区", "名中青年科技创新领军人才"),
    ("的科技型企业", "科技型企业"),
    ("企业作为示范基地", "企业作为示范基地"),
    ("个平台,建成", "个平台"),
    # a bound or 等 that opens the words after a number is no part of the counted noun
    (" 以上智能船舶国家标准", "智能船舶国家标准"),
    (")等大规模生产行业开展应用验证", "大规模生产行业"),
    # ... but 等 that begins a word (等级, 等效, 等同) is part of the noun
    ("等级医院", "等级医院"),
    ("等效装置", "等效装置"),
    # a conjunction opens the next item ("不小于2米或表面积不小于5米"): no counted noun
    ("或表面积不小于", ""),
    ("并网光伏电站", "并网光伏电站"),
])
def test_clean_right(doc, right, noun):
    assert clean_right(right, doc) == noun


def test_strip_scope_and_finish(doc):
    assert strip_scope("全省甘肃省高新技术企业", doc) == "高新技术企业"
    assert strip_scope("全市", doc) == "全市"           # never to nothing
    assert finish_indicator("研究与开发(R&D)经费的", doc) == "R&D经费"



def test_cleaned_phrases_are_read_with_each_rules_object():
    # a phrase's cleaned text is kept for the rules it was read with: rules of another
    # file (here without the comparator words) read the same phrase anew
    rules = load_rules()
    mapping = load_indicator_mapping()
    own = dataclasses.replace(rules, before_cmp_tail=re.compile("(?!)"))
    with call_stores():
        for _ in range(2):
            assert clean_left("企业数量不低于", DocumentContext(
                "d", "", "", "", 2022, rules, mapping)) == "企业数量"
            assert clean_left("企业数量不低于", DocumentContext(
                "d", "", "", "", 2022, own, mapping)) == "企业数量不低于"
