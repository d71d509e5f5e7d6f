"""The target comparison figure (analysis.plots.targets) on a literal comparison table."""

from __future__ import annotations

import pandas as pd

from analysis.plots.targets import plot_target_comparison


def _row(doc_id, city, doc_year, canonical_id, canonical, canonical_en, value, unit,
         target_year=2025, comparator="≥", baseline=(None, None)):
    return {"doc_id": doc_id, "city": city, "doc_year": doc_year, "canonical_id": canonical_id,
            "canonical": canonical, "canonical_en": canonical_en, "kind": "target",
            "value": value, "unit": unit, "comparator": comparator, "target_year": target_year,
            "baseline_value": baseline[0], "baseline_year": baseline[1],
            "is_aspiration": False, "n_docs": 2}


HIGH_TECH = ("high_tech", "高新技术企业数量", "High-tech enterprises")
RD = ("rd_intensity", "R&D经费投入强度", "R&D intensity (R&D / GDP)")
COMPARISON = pd.DataFrame([
    _row("th_2012", "通化市", 2012, *HIGH_TECH, 30, "户", target_year=2015, comparator=""),
    _row("cf_2023", "赤峰市", 2023, *HIGH_TECH, 160, "家", baseline=(80, 2020)),
    _row("th_2012", "通化市", 2012, *RD, 2, "%", target_year=2015, comparator="≈"),
    _row("cf_2023", "赤峰市", 2023, *RD, 1.2, "%"),
])
DOCS = pd.DataFrame({"doc_id": ["cf_2023", "th_2012"], "city": ["赤峰市", "通化市"],
                     "city_en": ["Chifeng", "Tonghua"], "year": [2023, 2012]})


def test_points_say_their_unit_when_an_axis_mixes_unit_words():
    fig = plot_target_comparison(COMPARISON, DOCS, english=True)
    panel = next(ax for ax in fig.axes if ax.get_title() == "High-tech enterprises")
    labels = [t.get_text() for t in panel.texts]
    assert "30户" in labels and "≥160家" in labels  # Tonghua counts in 户, Chifeng in 家
    assert "户" in panel.get_ylabel() and "家" in panel.get_ylabel()
    rd = next(ax for ax in fig.axes if ax.get_title() == "R&D intensity (R&D / GDP)")
    assert "≈2%" in [t.get_text() for t in rd.texts]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:2] == ["Tonghua 2012", "Chifeng 2023"]  # by year


def test_documents_are_named_by_city_and_year_without_the_documents_table():
    fig = plot_target_comparison(COMPARISON)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:2] == ["通化市 2012", "赤峰市 2023"]


def test_incompatible_units_get_their_own_panels():
    cmp = COMPARISON.copy()
    cmp.loc[(cmp["canonical_id"] == "rd_intensity") & (cmp["doc_id"] == "th_2012"),
            "unit"] = "亿元"
    fig = plot_target_comparison(cmp)
    titles = [ax.get_title() for ax in fig.axes if ax.axison]
    assert "R&D经费投入强度 (%)" in titles and "R&D经费投入强度 (亿元)" in titles
    assert len(titles) == cmp["canonical_id"].nunique() + 1
