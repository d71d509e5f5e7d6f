"""Labels: a document is "城市 年份" in every figure, glosses, groups."""

from __future__ import annotations

import pandas as pd

from analysis.plots import compare as cp
from analysis.plots import corpus as co
from analysis.plots import frequency as fp
from analysis.plots import themes as th
from analysis.plots.labels import (
    document_labels,
    document_names,
    gloss,
    group_label,
    label,
    term_label,
)
from analysis.text.corpus import load_corpus
from tests.report.small_corpus import small_raw

DOCS = pd.DataFrame({"doc_id": ["cf_2023", "tonghua_2012"], "city": ["赤峰市", "通化市"],
                     "city_en": ["Chifeng", "Tonghua"], "year": [2023, 2012]})


def test_document_labels_city_and_year_and_english():
    assert document_labels(DOCS) == {"cf_2023": "赤峰市 2023", "tonghua_2012": "通化市 2012"}
    assert document_labels(DOCS, english=True)["tonghua_2012"] == "Tonghua 2012"
    assert document_labels(DOCS, sep="\n")["cf_2023"] == "赤峰市\n2023"
    # without city_en, the glossary's English name of the city
    assert document_labels(DOCS.drop(columns="city_en"), english=True)["cf_2023"] == (
        "Chifeng 2023")


def test_document_labels_stay_unique():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "city": ["甲市", "甲市", ""],
                         "year": [2020, 2020, 2021]})
    labels = document_labels(docs)
    assert labels == {"a": "甲市 2020 (a)", "b": "甲市 2020 (b)", "c": "c"}


def test_document_labels_of_a_table_with_a_row_per_document_and_theme():
    rows = pd.concat([DOCS, DOCS], ignore_index=True)
    assert document_labels(rows) == document_labels(DOCS)


def test_document_names_take_a_table_a_corpus_or_a_mapping(small_built):
    assert document_names(DOCS) == document_labels(DOCS)
    assert document_names(load_corpus(small_raw()))["hz_2012"] == "杭州市 2012"
    assert document_names({"a": "甲"}) == {"a": "甲"}
    assert document_names(None) == {}


def test_group_labels():
    assert group_label("2010s", "era") == "2010年代"
    assert group_label("2010s", "era", english=True) == "2010s"
    assert group_label("赤峰市", "city", english=True) == "Chifeng"
    assert group_label(2022, "year") == "2022年"
    assert group_label("cf_2023", "doc_id", documents=DOCS) == "赤峰市 2023"


def test_terms_titles_and_glosses():
    assert term_label("人才") == "人才" and term_label("人才", english=True) == "人才 talent"
    assert gloss("人才") == "talent" and gloss("某个生词") == "某个生词"
    assert label("年份", "Year") == "年份" and label("年份", "Year", english=True) == "Year"


def _ticks(ax, axis="y"):
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in labels]


def test_every_figure_names_a_document_the_same_way(small_tables):
    """The corpus, frequency, comparison and theme figures all call hz_2012 "杭州市 2012"."""
    docs = small_tables["documents"]
    lengths = co.plot_document_lengths(docs)
    heat = fp.plot_keyword_heatmap(small_tables["keywords_by_document"], docs)
    sim = cp.plot_similarity(small_tables["similarity"], docs)
    themes = th.plot_theme_heatmap(small_tables["theme_counts"])
    chi2 = th.plot_chi_square_residuals(small_tables["theme_chi2"], docs)
    assert "杭州市 2012" in _ticks(lengths.axes[0])
    assert "杭州市 2012" in _ticks(heat.axes[0], "x")
    assert "杭州市 2012" in _ticks(sim.axes[0])
    assert "杭州市\n2012" in _ticks(themes.axes[0], "x")
    assert "杭州市\n2012" in _ticks(chi2.axes[0], "x")
