"""Comparison: shared canonical indicators side by side, on literal tables and the corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.targets import COMPARISON_COLUMNS, compare_targets, extract_targets

DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "city": ["甲市", "乙市", "丙市"],
                     "year": [2012, 2022, 2023], "era": ["2010s", "2020s", "2020s"]})


def _targets(rows: list[tuple]) -> pd.DataFrame:
    cols = ["doc_id", "target_id", "kind", "indicator", "value", "unit", "comparator",
            "target_year", "baseline_value", "is_province_level"]
    return pd.DataFrame(rows, columns=cols)


T = _targets([
    ("a", "a:001", "target", "R&D经费占GDP的比重", 2.0, "%", "≈", 2015, None, False),
    ("b", "b:001", "target", "全社会R&D经费支出占地区生产总值比重", 1.2, "%", "=", 2025, 0.8,
     False),
    ("b", "b:002", "target", "全社会R&D经费支出占地区生产总值比重", 1.2, "%", "=", 2025, None,
     False),
    ("c", "c:001", "target", "R&D经费投入强度", 3.0, "%", "≥", 2025, None, True),
    ("c", "c:002", "target", "高新技术企业数量", 160.0, "家", "≥", 2025, None, False),
    ("c", "c:003", "achievement", "R&D经费投入强度", 2.1, "%", "=", 2022, None, False),
])


def test_shared_indicators_line_up():
    cmp = compare_targets(T, DOCS)
    assert list(cmp.columns) == list(COMPARISON_COLUMNS)
    assert cmp[["doc_id", "kind", "value", "n_docs", "era"]].values.tolist() == [
        ["a", "target", 2.0, 2, "2010s"],
        ["c", "achievement", 2.1, 2, "2020s"],
        ["b", "target", 1.2, 2, "2020s"]]
    assert set(cmp.canonical_id) == {"rd_intensity"}
    assert cmp.target_id.tolist() == ["a:001", "c:003", "b:001"]   # the one with a baseline


def test_options():
    assert set(compare_targets(T, DOCS, min_docs=1).canonical_id) == {
        "rd_intensity", "high_tech_enterprises"}
    with_prov = compare_targets(T, DOCS, include_province=True)
    assert 3.0 in set(with_prov.value) and with_prov.n_docs.max() == 3
    only = compare_targets(T, DOCS, kinds=["target"])
    assert set(only.kind) == {"target"}
    assert compare_targets(T.iloc[0:0], DOCS).empty
    no_era = compare_targets(T, DOCS.drop(columns=["era"]))
    assert (no_era.era == "").all()


def test_comparison_errors():
    with pytest.raises(ValueError, match="documents"):
        compare_targets(T, DOCS.drop(columns=["city"]))
    with pytest.raises(ValueError, match="targets"):
        compare_targets(T.drop(columns=["unit"]), DOCS)


@pytest.fixture(scope="module")
def targets(corpus):
    return extract_targets(corpus)


@pytest.fixture(scope="module")
def comparison(targets, corpus):
    return compare_targets(targets, corpus.documents)


def test_comparison_lines_up_cities_and_eras(comparison):
    assert list(comparison.columns) == list(COMPARISON_COLUMNS)
    shared = set(comparison.canonical_id)
    assert {"rd_intensity", "high_tech_enterprises", "fiscal_st_share"} <= shared
    rd = comparison[(comparison.canonical_id == "rd_intensity")
                    & (comparison.kind == "target")]
    assert dict(zip(rd.city, rd.value, strict=True)) == {"通化市": 2, "嘉峪关市": 3,
                                                         "赤峰市": 1.2}
    assert set(rd.era) == {"2010s", "2020s"}
    hte = comparison[(comparison.canonical_id == "high_tech_enterprises")
                     & (comparison.kind == "target")]
    assert sorted(hte.value) == [30, 40, 130, 160]  # 1500 is Gansu's, not a city's
    assert not comparison.is_province_level.any()


def test_comparison_can_include_provincial_targets(targets, corpus):
    cmp = compare_targets(targets, corpus.documents, include_province=True)
    assert 1500 in set(cmp[cmp.canonical_id == "high_tech_enterprises"].value)


def test_user_mapping_file(tmp_path, targets, corpus):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[indicator]]\nid = "hte"\nzh = "高企"\nmatch = ["高新技术企业"]\n',
                    encoding="utf-8")
    cmp = compare_targets(targets, corpus.documents, mapping=mine)
    assert set(cmp.canonical_id) == {"hte"}
