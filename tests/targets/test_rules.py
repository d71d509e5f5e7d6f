"""The extraction rules file: loading, caching, the user's own copy and its errors."""

from __future__ import annotations

import pytest

from analysis.resources import resource_text
from analysis.targets import TargetRules, load_rules, targets_from_text


@pytest.fixture
def packaged() -> str:
    return resource_text("target_rules.toml")


def test_packaged_rules_load_and_are_cached():
    rules = load_rules()
    assert isinstance(rules, TargetRules)
    assert load_rules() is rules
    assert load_rules(rules) is rules
    assert rules.units["个百分点"] == "百分点"
    assert rules.before_map["不低于"] == "≥" and rules.before_map["超过"] == ">"


def test_word_lists_prefer_longer_words():
    rules = load_rules()
    assert rules.before_cmp.search("不低于").group(0) == "不低于"
    assert rules.discourse.match("但是").group(0) == "但是"


def test_user_rules_file_changes_the_extraction(tmp_path, packaged):
    mine = tmp_path / "rules.toml"
    mine.write_text(packaged.replace('"倍" = "倍" }', '"倍" = "倍", "支" = "支" }'),
                    encoding="utf-8")
    assert targets_from_text("组建科技特派员服务队10支。", rules=mine).iloc[0].unit == "支"
    assert targets_from_text("组建科技特派员服务队10支。").empty
    assert targets_from_text("组建科技特派员服务队10支。",
                             rules=load_rules(mine)).iloc[0].unit == "支"


def test_user_patterns_change_the_extraction(tmp_path, packaged):
    mine = tmp_path / "rules.toml"
    mine.write_text(packaged.replace("的突破'''", "的(?:突破|飞跃)'''"), encoding="utf-8")
    assert targets_from_text("实现0的飞跃。", year=2020).empty
    row = targets_from_text("实现0的飞跃。", year=2020, rules=mine).iloc[0]
    assert (row.value, row.comparator) == (0, ">")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("past_cues =", "past_cue =", r"rules.toml: missing \[kind\] past_cues"),
    ('possessive = "的"', 'possessive = ["的"]', r"\[indicator\] possessive must be a string"),
    ("money = [", "money = 3\nx = [", r"\[units\] money must be a list of strings"),
    ("doubling = '翻", "doubling = '(翻", r"\[patterns\] doubling is not a valid regex"),
    ("(?P<n>[一两二三四])", "([一两二三四])", r"\[patterns\] doubling needs the named group"),
    ('share_name = "{subject}', 'share_name = "{who}', r"share_name may only use the fields"),
])
def test_rules_file_errors_name_the_key(tmp_path, packaged, old, new, message):
    assert old in packaged
    mine = tmp_path / "rules.toml"
    mine.write_text(packaged.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_rules(mine)
    with pytest.raises(ValueError, match=message):
        targets_from_text("x", rules=mine)


def test_missing_file():
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_rules("no_such_rules.toml")


def _rules_copy(tmp_path, line):
    text = resource_text("target_rules.toml").replace(
        'measure_words = "target_measure_words.csv"', line)
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_measure_word_list_is_named_or_switched_off_in_the_rules_file(tmp_path):
    assert "笔" in load_rules().units
    assert "笔" not in load_rules(_rules_copy(tmp_path, 'measure_words = ""')).units
    (tmp_path / "words.csv").write_text("word,alone\n标箱,yes\n", encoding="utf-8")
    rules = load_rules(_rules_copy(tmp_path, 'measure_words = "words.csv"'))
    assert "标箱" in rules.units and "万标箱" in rules.units and "笔" not in rules.units
    with pytest.raises(ValueError, match="measure_words"):
        load_rules(_rules_copy(tmp_path, 'measure_words = "nowhere.csv"'))
