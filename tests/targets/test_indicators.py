"""Canonical indicators: the mapping file, classification and shortening."""

from __future__ import annotations

import pytest

from analysis.targets import IndicatorMapping, load_indicator_mapping


@pytest.mark.parametrize(("phrase", "unit", "expected"), [
    ("全社会R&D经费支出占地区生产总值比重", "%", "rd_intensity"),
    ("R&D经费占GDP的比重", "%", "rd_intensity"),
    ("规上企业R&D经费支出占主营业务收入的比重", "%", "enterprise_rd_intensity"),
    ("市级财政科技支出占一般公共预算支出比重", "%", "fiscal_st_share"),
    ("高新技术企业数量", "家", "high_tech_enterprises"),
    ("新培育高新技术企业", "户", ""),   # new ones are not the stock
])
def test_mapping_groups_indicators(phrase, unit, expected):
    assert load_indicator_mapping().classify(phrase, unit)[0] == expected


def test_unit_must_agree():
    m = load_indicator_mapping()
    assert m.classify("全社会R&D经费支出占地区生产总值比重", "亿元") == ("", "", "")


def test_shorten_rules_and_parentheticals():
    m = load_indicator_mapping()
    assert m.shorten_phrase("科学研究与技术开发(R&D)经费") == "R&D经费"
    assert m.shorten_phrase("地区生产总值(GDP)") == "地区生产总值"
    assert m.shorten_phrase("(家)") == "(家)"      # nothing would be left


def test_user_mapping_file(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[indicator]]\nid = "hte"\nzh = "高企"\nmatch = ["高新技术企业"]\n'
                    'exclude = ["新培育"]\n', encoding="utf-8")
    m = load_indicator_mapping(mine)
    assert isinstance(m, IndicatorMapping) and load_indicator_mapping(m) is m
    assert m.classify("高新技术企业数量") == ("hte", "高企", "高企")
    assert m.classify("新培育高新技术企业") == ("", "", "")


@pytest.mark.parametrize(("body", "message"), [
    ('[[indicator]]\nid = "x"\nzh = "x"\nmatch = ["("]\n', "invalid regex"),
    ('[[indicator]]\nid = "x"\nzh = "x"\n', "match"),
    ('[[indicator]]\nid = "x"\nzh = "x"\nmatch = ["a"]\n[[indicator]]\nid = "x"\nzh = "y"\n'
     'match = ["b"]\n', "used twice"),
    ('[shorten]\nrules = [["a"]]\n', "pairs"),
])
def test_mapping_errors(tmp_path, body, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_indicator_mapping(bad)
