"""The instrument rule file: types, instruments, rules, clear errors."""

from __future__ import annotations

import pytest

from analysis.instruments import Instrument, Rule, load_instruments
from analysis.lexicon import TermSet

TYPES = {
    "supply": ["教育培训", "科技信息支持", "科技基础设施建设", "科技资金投入", "公共服务"],
    "environment": ["目标规划", "金融支持", "税收优惠", "知识产权保护", "法规管制", "策略性措施"],
    "demand": ["政府采购", "服务外包", "贸易管制", "海外机构管理", "应用示范"],
}


def test_the_rule_file_has_the_sixteen_instruments_in_three_types():
    r = load_instruments()
    assert [t.zh for t in r.types] == ["供给型", "环境型", "需求型"]
    for key, names in TYPES.items():
        assert [i.code for i in r.instruments if i.type == key] == names


def test_a_bad_rule_file_gets_one_clear_error(tmp_path):
    f = tmp_path / "rules.toml"
    f.write_text('[[type]]\nkey = "supply"\nzh = "供给型"\nen = "Supply"\n'
                 '[[instrument]]\ncode = "培训"\ntype = "nosuch"\nen = "Training"\n'
                 'terms = ["培训"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules.toml: instrument #1 \(培训\): type 'nosuch'"):
        load_instruments(f)
    f.write_text('[[type]]\nkey = "supply"\nzh = "供给型"\nen = "Supply"\n'
                 '[[instrument]]\ncode = "培训"\ntype = "supply"\nen = "Training"\n'
                 'terms = ["培训"]\n  [[instrument.rule]]\n  all = [["a"]]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="at least two term groups"):
        load_instruments(f)


def g(*terms: str) -> TermSet:
    return TermSet("g", "g", "g", terms=terms)


def test_a_rule_holds_when_every_group_matches_in_one_sentence():
    rule = Rule((g("培养", "引进"), g("人才")))
    assert rule.find("培养和引进人才。") == [(0, 2, "培养"), (3, 5, "引进"), (5, 7, "人才")]
    assert rule.find("培养企业。人才是关键") == []
    assert Rule((g("培养"), g("人才")), scope="clause").find("培养企业。人才") == [
        (0, 2, "培养"), (5, 7, "人才")]


def test_a_window_rule_keeps_only_the_matches_near_an_anchor():
    rule = Rule((g("设立"), g("机构")), window=4)
    assert rule.find("设立分支机构,另有机构") == [(0, 2, "设立"), (4, 6, "机构")]
    assert rule.find("设立了一个很大的机构") == []


def test_an_after_rule_keeps_only_the_matches_after_its_anchor():
    rule = Rule((g("建立"), g("平台")), window=10, after=True)
    assert rule.find("建立共享平台。") == [(0, 2, "建立"), (4, 6, "平台")]
    assert rule.find("平台监管部门建立问责机制。") == []
    assert Rule((g("建立"), g("平台")), window=10).find("平台监管部门建立问责机制。") == [
        (0, 2, "平台"), (6, 8, "建立")]


def test_after_needs_a_window(tmp_path):
    f = tmp_path / "rules.toml"
    f.write_text('[[type]]\nkey = "supply"\nzh = "供给型"\nen = "Supply"\n'
                 '[[instrument]]\ncode = "培训"\ntype = "supply"\nen = "Training"\n'
                 'terms = ["培训"]\n  [[instrument.rule]]\n  all = [["a"], ["b"]]\n'
                 '  after = true\n', encoding="utf-8")
    with pytest.raises(ValueError, match="after must be true or false, and needs a window"):
        load_instruments(f)


def test_instrument_evidence_is_one_match_per_span():
    merged = Instrument.merge([(0, 2, "银行")], [[(0, 2, "银行"), (4, 6, "贷款")]])
    assert merged == [(0, 2, "银行", "rule 1"), (4, 6, "贷款", "rule 1")]
    finance = load_instruments()["金融支持"]
    assert [h[2] for h in finance.find("鼓励银行开展质押贷款")] == ["银行", "质押", "贷款"]


def test_rules_resolve_codes_and_names():
    r = load_instruments()
    assert r.resolve("Financial support") == r.resolve("金融支持") == "金融支持"
    assert r.type_of("金融支持").key == "environment"
    with pytest.raises(ValueError, match=r"not an instrument of instruments\.toml"):
        r.resolve("金融")
    assert "贷款" in r.terms() and len(r.terms()) > 100


def test_subordinate_phrases_are_masked_in_place(tmp_path):
    r = load_instruments()
    text = "以数据安全为导向,依托政务云平台建设监管系统。"
    masked = r.mask_subordinate(text)
    assert len(masked) == len(text)
    assert "数据安全" not in masked and "政务云平台" not in masked
    assert masked.endswith("建设监管系统。")
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules]\nsubordinate = ["(以"]\n[[type]]\nkey="supply"\nzh="供给型"\n'
                   'en="S"\n[[instrument]]\ncode="x"\ntype="supply"\nen="x"\nterms=["x"]\n',
                   encoding="utf-8")
    with pytest.raises(ValueError, match="subordinate"):
        load_instruments(bad)
