"""The corpus figures (analysis.plots.corpus): documents, lengths, token composition."""

from __future__ import annotations

import pandas as pd

from analysis.plots import corpus as co

DOCS = pd.DataFrame({"doc_id": ["b_2022", "a_2012"], "city": ["乙市", "甲市"],
                     "year": [2022, 2012], "doc_type": ["意见", "规划"],
                     "doc_type_en": ["opinions", "plan"], "year_inferred": [False, True],
                     "n_chars": [900, 1500], "n_words": [400, 700], "n_kept": [250, 420]})


def test_timeline_reads_by_year_and_marks_an_inferred_year():
    fig = co.plot_document_timeline(DOCS)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙市 2022", "甲市 2012"]
    assert [t.get_text() for t in ax.texts] == ["意见", "规划（年份为推断）"]
    en = co.plot_document_timeline(DOCS, english=True).axes[0]
    assert [t.get_text() for t in en.texts] == ["opinions", "plan (year inferred)"]


def test_lengths_show_characters_and_words_of_each_document():
    fig = co.plot_document_lengths(DOCS)
    left, right = fig.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["乙市 2022", "甲市 2012"]
    assert sorted(p.get_width() for p in left.patches) == [900, 1500]
    assert sorted(p.get_width() for p in right.patches) == [250, 400, 420, 700]


def test_token_composition_keeps_the_categories_in_order_with_shares():
    comp = pd.DataFrame({"doc_id": ["a_2012"] * 3, "category": ["punct", "kept", "number"],
                         "n_tokens": [1, 6, 1], "share": [0.125, 0.75, 0.125]})
    fig = co.plot_token_composition(comp, DOCS)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "计入分析的词", "数字", "标点"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["甲市 2012"]
    assert "75%" in [t.get_text() for t in ax.texts]
