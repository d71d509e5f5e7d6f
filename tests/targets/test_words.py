"""Words of a phrase: splits at whole words only, and phrases that name nothing."""

from __future__ import annotations

import re

import pytest

from analysis.targets.rules import load_rules
from analysis.targets.words import ends_in_support, names_nothing, split_at_words, word_head


def test_split_at_words_splits_at_whole_words_only():
    assert split_at_words("涉及企业与高校", re.compile("及|与")) == ["涉及企业", "高校"]


@pytest.mark.parametrize(("s", "nothing"), [
    ("是2015年的", True), ("比2012年分别提升", True), ("成交额", False), ("办结率", False),
])
def test_names_nothing(s, nothing):
    assert names_nothing(s, load_rules()) is nothing


def test_word_head_keeps_a_verb_inside_a_two_character_word():
    verbs = re.compile("让|获")
    assert word_head(verbs, "让利") is None
    assert word_head(verbs, "获省科学技术进步奖").end() == 1


def test_ends_in_support():
    rules = load_rules()
    assert ends_in_support("建设经费资助", rules)
    assert not ends_in_support("军工单位", rules)
