"""The word-frequency figures (analysis.plots.frequency): labelled, glossed, ordered."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.plots import frequency as fp
from analysis.stats.frequency import corpus_terms, group_terms, keyword_table

HAN = re.compile(r"[\u4e00-\u9fff]")


def render(fig) -> None:
    """Draw a figure with Agg, where a missing glyph would warn."""
    FigureCanvasAgg(fig).draw()


def texts(fig) -> list[str]:
    """Titles and axis labels of a figure (not tick labels, which hold the terms)."""
    out = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    for ax in fig.axes:
        out += [ax.get_title(loc) for loc in ("left", "center", "right")]
        out += [ax.get_xlabel(), ax.get_ylabel()]
    return [t for t in out if t]


def _figures(tables, english):
    docs = tables["documents"]
    return {
        "top": fp.plot_top_words(tables["corpus_terms"], english=english),
        "by_doc": fp.plot_top_words_by_group(tables["terms"], docs, english=english),
        "heatmap_era": fp.plot_keyword_heatmap(tables["keywords_by_era"], docs, by="era",
                                               english=english),
        "tfidf": fp.plot_tfidf_terms(tables["keywords"], docs, english=english),
        "distinct": fp.plot_distinctive_terms(tables["distinctive_terms"], docs,
                                              english=english),
        "profile": fp.plot_tfidf_heatmap(tables["tfidf_profile"], docs, english=english),
    }


@pytest.mark.parametrize("english", [False, True])
def test_every_figure_is_labelled_in_its_language(small_tables, english):
    """(Drawing every catalog figure on the default corpus, in both languages, without a
    missing glyph is tests/e2e/test_figures.py.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, fig in _figures(small_tables, english).items():
            labels = texts(fig)
            assert labels, f"{name}: no title or axis label"
            if english:
                chinese = [t for t in labels if HAN.search(t)]
                assert not chinese, f"{name}: Chinese in English labels: {chinese}"
            else:
                assert any(HAN.search(t) for t in labels), f"{name}: no Chinese label"


FREQS = pd.DataFrame({"term": ["创新", "企业", "人才", "平台"], "count": [9, 6, 4, 2],
                      "per_10k": [90.0, 60.0, 40.0, 20.0], "n_docs": [2, 2, 1, 1]})


def test_english_glosses_terms_on_the_axis():
    fig = fp.plot_top_words(FREQS, n=10, english=True)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "创新 innovation" in ticks and "企业 enterprises" in ticks


def test_bar_order_and_values():
    fig = fp.plot_top_words(FREQS, n=3)
    ax = fig.axes[0]
    ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()),
                     strict=True))
    assert ticks[max(ticks)] == "创新"  # the largest bar is on top
    assert sorted(ticks.values()) == sorted(["创新", "企业", "人才"])
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths[-1] == pytest.approx(FREQS["per_10k"].iloc[0])


def test_heatmap_orders_documents_by_year():
    docs = pd.DataFrame({"doc_id": ["late", "early"], "city": ["乙市", "甲市"],
                         "year": [2023, 2012], "n_words": [100, 100]})
    terms = pd.DataFrame({"doc_id": ["late", "early"], "term": ["人才", "人才"],
                          "count": [2, 1], "per_10k": [200.0, 100.0]})
    fig = fp.plot_keyword_heatmap(keyword_table(terms, docs, keywords=["人才"]), docs)
    cols = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert cols == ["甲市 2012", "乙市 2023"]


def test_group_views_feed_the_figures(small_tables):
    terms, docs = small_tables["terms"], small_tables["documents"]
    pd.testing.assert_frame_equal(small_tables["corpus_terms"], corpus_terms(terms, docs))
    by_era = group_terms(terms, docs, by="era")
    fig = fp.plot_top_words_by_group(by_era, docs, by="era")
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["2010年代", "2020年代"]


def test_wordclouds_without_words_say_so():
    g = pd.DataFrame({"doc_id": ["a"], "term": ["人才"], "count": [0]})
    fig = fp.plot_wordclouds(g)
    assert any("无数据" in t.get_text() for t in fig.axes[0].texts)


def test_wordclouds_use_frequencies_not_text():
    """A term's size follows its count: give one term all the weight and it fills the
    cloud alone."""
    g = pd.DataFrame({"doc_id": ["x", "x"], "term": ["科技", "人才"], "count": [1000, 0]})
    fig = fp.plot_wordclouds(g)
    render(fig)
    assert len(fig.axes[0].images) == 1
