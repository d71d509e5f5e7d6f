"""A support amount's indicator is a noun phrase: verbs, function words, rate words of the
support, quantifiers with no noun and spans cut inside a name are not taken, and the
recipient is looked for outward."""

from __future__ import annotations

import re

import pytest

from analysis.resources import resource_text
from analysis.targets import targets_from_text, words
from analysis.targets.noun_phrases import names_recipient, support_indicator_rules
from analysis.targets.rules import load_rules
from analysis.targets.words import whole_word
from analysis.text.segment import get_tokenizer


def _support(text: str) -> list[tuple[str, float]]:
    t = targets_from_text(text, year=2022)
    t = t[t["kind"] == "support"]
    return list(zip(t["indicator"], t["value"], strict=True))


@pytest.mark.parametrize("phrase", [
    "高新技术企业", "企业房租补贴", "研发投入", "投资额", "孵化器", "经营主体",
    # a quantifier that names its noun, a total of it
    "每家企业", "单个企业累计补贴金额", "每家企业累计", "高新技术企业累计补助",
])
def test_noun_phrases_name_a_recipient(phrase):
    assert names_recipient(phrase, load_rules())


@pytest.mark.parametrize("phrase", [
    "给予", "执行", "购买", "给予补助",                  # verbs, support words alone
    "对企业", "针对企业",                                # a preposition first
    "新评定", "市财政安排", "经评审给予",                  # a verb at the end, 经 first
    "在享受国家购置补贴的基础上", "后三年",               # a position word, a period
    "补助比例", "贴息比例",                              # the support's own rate word
    "单笔补偿", "每家补助诊断费用", "按每平方米每月",       # a quantifier with no noun
    "新获评“中华技能大",                                 # cut inside a quoted name
])
def test_verbs_rate_words_quantifiers_and_cut_names_name_none(phrase):
    assert not names_recipient(phrase, load_rules())


@pytest.mark.parametrize("phrase", ["中小微企业加快发展", "壮大软件和信息服务业", "单部作品",
                                    "优化营商环境", "发展数字经济"])
def test_a_recipient_found_outward_is_a_plain_noun_phrase(phrase):
    # a heading that names a task, or a per-item subject, is no recipient found away from
    # the amount
    rules = load_rules()
    assert not names_recipient(phrase, rules, outer=True)
    assert names_recipient("企业房租补贴", rules, outer=True)


def test_rules_without_the_section_take_every_phrase(tmp_path):
    text = re.sub(r"(?ms)^\[support_indicator\].*?(?=^\[)", "",
                  resource_text("target_rules.toml"))
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    rules = load_rules(path)
    assert support_indicator_rules(rules).quantifier.pattern == "(?!)"
    assert names_recipient("每家补助诊断费用", rules)


def test_a_support_word_inside_a_longer_word_ends_no_recipient():
    s = "对创新创业大赛获奖项目"
    assert not any(whole_word(s, m) for m in re.finditer("奖", s))
    assert _support("对新获评“中华技能大奖”的个人,给予20万元奖励。") == [("个人", 20.0)]
    assert _support("对在区内举办的创新创业大赛获奖项目,给予最高50万元支持。") == [
        ("创新创业大赛获奖项目", 50.0)]
    assert _support("对引进的诺贝尔奖获得者等顶尖人才,给予最高500万元购房补贴。") == [
        ("诺贝尔奖获得者等顶尖人才", 500.0)]


def test_a_period_before_a_rate_takes_the_item_heading():
    text = "(三)给予企业房租补贴。对入驻孵化器的企业,给予三年房租补贴,其中前两年100%、后三年50%。"
    assert _support(text)[1] == ("企业", 50.0)


def test_a_cap_after_a_rate_word_alone_takes_the_recipient_before_it():
    # "补助比例提高到20%" names the support's rate, no recipient; the phrase before does
    text = "对列入省重点技术改造项目的,补助比例提高到20%,最高800万元。"
    assert _support(text) == [("列入省重点技术改造项目", 800.0)]


@pytest.mark.parametrize("phrase", ["培训机构", "投资项目", "孵化器"])
def test_a_verb_before_a_short_noun_found_outward_names_a_recipient(phrase):
    assert names_recipient(phrase, load_rules(), outer=True)


def test_the_rules_are_read_once_per_rules_object(monkeypatch):
    rules = load_rules()
    support_indicator_rules(rules)
    read = []
    monkeypatch.setattr("analysis.targets.noun_phrases.resource_text",
                        lambda *a: read.append(a) or "")
    assert names_recipient("高新技术企业", rules) and not names_recipient("给予", rules)
    assert read == []


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_dictionary_terms_name_a_recipient_with_either_segmenter(backend, monkeypatch):
    monkeypatch.setattr(words, "_tokenizer", lambda: get_tokenizer(backend=backend))
    words.word_tags.cache_clear()
    words._bounds.cache_clear()
    try:
        rules = load_rules()
        for phrase in ("高新技术企业", "科技型中小企业", "专精特新企业"):
            assert names_recipient(phrase, rules) and names_recipient(phrase, rules, outer=True)
    finally:
        words.word_tags.cache_clear()
        words._bounds.cache_clear()


# -- 分别: the paired subjects are kept -----------------------------------------------------

def test_respectively_keeps_each_paired_subject():
    text = "对博士、硕士、本科毕业生,分别给予每人每月3000元、2000元、1000元生活补贴。"
    assert _support(text) == [("博士", 3000.0), ("硕士", 2000.0), ("本科毕业生", 1000.0)]
    assert _support("对企业,一类、二类、三类分别给予30万元、20万元、10万元补助。") == [
        ("一类", 30.0), ("二类", 20.0), ("三类", 10.0)]
    assert _support("对高校毕业生到基层就业、到企业就业的,分别给予5000元、3000元补贴。") == [
        ("高校毕业生到基层就业", 5000.0), ("到企业就业", 3000.0)]


def test_a_list_of_levels_alone_shares_the_recipient_before_it():
    # a level-by-level list shares the noun, every level alike (eval/gold/README.md)
    assert _support("对专精特新企业,国家级、省级、市级分别奖励100万元、50万元、20万元。") == [
        ("国家级专精特新企业", 100.0), ("省级专精特新企业", 50.0), ("市级专精特新企业", 20.0)]


# -- the outward walk ---------------------------------------------------------------------

def test_an_item_takes_no_heading_of_the_item_before_it():
    assert _support("(一)支持企业上市\n(二)经评审,给予最高100万元资助。") == [("经评审", 100.0)]


def test_a_task_heading_names_no_recipient():
    # a verb and its object name a task, not who is paid
    assert _support("(六)优化营商环境\n经评审,给予最高10万元奖励。") == [("经评审", 10.0)]
    assert _support("1.加快发展数字经济。经认定的,给予最高10万元奖励。") == [("经认定", 10.0)]


def test_the_recipient_head_is_a_whole_word():
    # 对 in 对象 heads nothing
    assert _support("对奖励对象每人给予1万元奖励。")[0][0].startswith("奖励对象")
