"""Reading aids: counts per document, the readable list, targets side by side, value text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.targets import target_list, target_summary, targets_by_era, value_text

TARGETS = pd.DataFrame({
    "doc_id": ["a", "a", "b"], "kind": ["target", "support", "target"],
    "indicator": ["高新技术企业数量", "补助", "排位"], "canonical": ["高新技术企业数量", "", ""],
    "value": [160.0, 50.0, 3.0], "value_low": [math.nan] * 3, "value_high": [math.nan] * 3,
    "unit": ["家", "万元", "位"], "comparator": ["≥", "≤", "aspiration"],
    "target_year": pd.array([2025, None, 2025], dtype="Int64"),
    "baseline_value": [80.0, math.nan, math.nan],
    "baseline_year": pd.array([2020, None, None], dtype="Int64"),
    "is_province_level": [False, False, True],
    "char_start": [13, 4, 13], "char_end": [16, 6, 14],
    "sentence_orig": ["到2025年,企業數量達到160家以上。", "最高補助50萬元",
                      "力爭到2025年進入全省前3位"],
    "sentence_start": [0, 0, 0], "target_id": ["a:001", "a:002", "b:001"],
})
DOCS = pd.DataFrame({"doc_id": ["b", "a", "c"], "city": ["乙市", "甲市", "丙市"],
                     "year": [2022, 2012, 2023], "era": ["2020s", "2010s", "2020s"]})


@pytest.mark.parametrize(("args", "kw", "text"), [
    ((160, "家", "≥"), {}, "≥160家"),
    ((2, "%", "≈"), {}, "≈2%"),
    ((1.25, "%", "="), {}, "1.25%"),
    ((5, "位", "≤"), {}, "前5位"),
    ((5, "位", "="), {}, "第5位"),
    ((3, "位", "aspiration"), {}, "力争前3位"),
    ((0, "", ">"), {}, ">0"),
    ((2, "个", "range"), {"value_low": 2, "value_high": 3}, "2—3个"),
    ((2, None, "="), {}, "2"),
])
def test_value_text(args, kw, text):
    assert value_text(*args, **kw) == text


def test_target_summary_counts_every_kind_of_every_document():
    s = target_summary(TARGETS, DOCS)
    assert list(s.columns) == ["doc_id", "city", "year", "era", "kind", "n", "n_with_year",
                               "n_province"]
    assert s.doc_id.tolist() == ["a"] * 3 + ["b"] * 3 + ["c"] * 3      # in year order
    n = s.set_index(["doc_id", "kind"])
    assert n.loc[("a", "target"), "n"] == 1 and n.loc[("a", "support"), "n_with_year"] == 0
    assert n.loc[("b", "target"), "n_province"] == 1 and n.loc[("c", "target"), "n"] == 0
    assert target_summary(TARGETS).doc_id.unique().tolist() == ["a", "b"]
    with pytest.raises(ValueError, match="missing column"):
        target_summary(TARGETS.drop(columns=["kind"]))


def test_target_list_quotes_the_number():
    t = target_list(TARGETS, DOCS, kinds=["target"], window=4)
    assert t.columns[:3].tolist() == ["doc_id", "city", "year"]
    assert t.value_text.tolist() == ["≥160家", "力争前3位"]
    assert t.baseline.tolist() == ["80家 (2020)", ""]
    assert t.quote.tolist() == ["數量達到【160】家以上。", "入全省前【3】位"]
    assert target_list(TARGETS.iloc[0:0]).empty


def test_targets_by_era():
    cmp = pd.DataFrame({
        "canonical_id": ["hte", "hte", "hte"], "canonical": ["高企"] * 3,
        "canonical_en": ["HTE"] * 3, "doc_id": ["a", "b", "c"], "city": ["甲市", "乙市", "丙市"],
        "doc_year": [2012, 2022, 2023], "era": ["2010s", "2020s", "2020s"],
        "kind": ["target"] * 3, "value": [30.0, 130.0, 160.0], "unit": ["家"] * 3,
        "comparator": ["=", "=", "≥"], "target_year": pd.array([2015, 2025, None],
                                                                dtype="Int64")})
    long = targets_by_era(cmp)
    assert long[["era", "doc_id", "n_targets", "targets"]].values.tolist() == [
        ["2010s", "a", 1, "甲市 30家 (2015)"],
        ["2020s", "b;c", 2, "乙市 130家 (2025); 丙市 ≥160家"]]
    wide = targets_by_era(cmp, wide=True)
    assert wide.loc["高企"].to_dict() == {"2010s": "甲市 30家 (2015)",
                                         "2020s": "乙市 130家 (2025); 丙市 ≥160家"}
    assert targets_by_era(cmp, by="city").city.tolist() == ["丙市", "乙市", "甲市"]
    assert targets_by_era(cmp.iloc[0:0], wide=True).empty
