"""The frequency and corpus figures (their statistics: tests/stats/test_frequency.py)."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import analysis as pl
from analysis.plots import corpus as cp
from analysis.plots import frequency as fp

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def tables(built):
    return pl.Tables(built.out_dir)


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


# ----------------------------------------------------------------- labels


def test_document_labels_city_and_year_and_english(tables):
    docs = tables["documents"]
    assert cp.document_labels(docs)["tonghua_2012"] == "通化市 2012"
    assert cp.document_labels(docs, english=True)["tonghua_2012"] == "Tonghua 2012"


def test_document_labels_stay_unique():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "city": ["甲市", "甲市", ""],
                         "year": [2020, 2020, 2021]})
    labels = cp.document_labels(docs)
    assert labels == {"a": "甲市 2020 (a)", "b": "甲市 2020 (b)", "c": "c"}


def test_group_labels():
    assert cp.group_label("2010s", "era") == "2010年代"
    assert cp.group_label("赤峰市", "city", english=True) == "Chifeng"
    assert cp.group_label(2022, "year") == "2022年"


# ----------------------------------------------------------------- figures


def _figures(tables, english):
    terms, docs = tables["terms"], tables["documents"]
    by_era = pl.group_terms(terms, docs, by="era")
    return {
        "timeline": cp.plot_document_timeline(docs, english=english),
        "lengths": cp.plot_document_lengths(docs, english=english),
        "composition": cp.plot_token_composition(pl.token_composition(tables["tokens"]),
                                                 docs, english=english),
        "top": fp.plot_top_words(pl.corpus_terms(terms, docs), english=english),
        "by_doc": fp.plot_top_words_by_group(terms, docs, english=english),
        "by_era": fp.plot_top_words_by_group(by_era, docs, by="era", english=english),
        "heatmap": fp.plot_keyword_heatmap(pl.keyword_table(terms, docs), docs,
                                           english=english),
        "clouds": fp.plot_wordclouds(by_era, docs, by="era", english=english),
        "tfidf": fp.plot_tfidf_terms(tables["keywords"], docs, english=english),
        "distinct": fp.plot_distinctive_terms(pl.distinctive_terms(terms), docs,
                                              english=english),
        "profile": fp.plot_tfidf_heatmap(pl.tfidf_profile(terms), docs, english=english),
    }


@pytest.mark.parametrize("english", [False, True])
def test_every_figure_draws_without_warnings_and_is_labelled(tables, english):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" fails here
        figs = _figures(tables, english)
        for name, fig in figs.items():
            render(fig)
            labels = texts(fig)
            assert labels, f"{name}: no title or axis label"
            if english:
                chinese = [t for t in labels if HAN.search(t)]
                assert not chinese, f"{name}: Chinese in English labels: {chinese}"
            else:
                assert any(HAN.search(t) for t in labels), f"{name}: no Chinese label"


def test_english_glosses_terms_on_the_axis(tables):
    fig = fp.plot_top_words(pl.corpus_terms(tables["terms"], tables["documents"]), n=10,
                            english=True)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "创新 innovation" in ticks and "企业 enterprises" in ticks


def test_bar_order_and_values(tables):
    freqs = pl.corpus_terms(tables["terms"], tables["documents"])
    fig = fp.plot_top_words(freqs, n=5)
    ax = fig.axes[0]
    ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()),
                     strict=True))
    assert ticks[max(ticks)] == "创新"  # the largest bar is on top
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths[-1] == pytest.approx(freqs["per_10k"].iloc[0])


def test_heatmap_orders_documents_by_year(tables):
    kw = pl.keyword_table(tables["terms"], tables["documents"])
    fig = fp.plot_keyword_heatmap(kw, tables["documents"])
    cols = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert cols[0] == "通化市 2012" and cols[-1] == "赤峰市 2023"


def test_wordcloud_is_deterministic_and_seeded():
    freqs = {"科技创新": 30, "人才": 20, "平台": 12, "科技金融": 8, "孵化器": 5, "研发": 9}
    a = fp.wordcloud_image(freqs, width=300, height=200, scale=1, random_state=0)
    b = fp.wordcloud_image(dict(reversed(list(freqs.items()))), width=300, height=200,
                           scale=1, random_state=0)
    c = fp.wordcloud_image(freqs, width=300, height=200, scale=1, random_state=1)
    assert a.shape == (200, 300, 3)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    assert (a < 250).any(), "the cloud drew no words"


def test_wordcloud_without_words_says_so():
    with pytest.raises(ValueError, match="no words"):
        fp.wordcloud_image({"人才": 0})
    g = pd.DataFrame({"doc_id": ["a"], "term": ["人才"], "count": [0]})
    fig = fp.plot_wordclouds(g)
    assert any("无数据" in t.get_text() for t in fig.axes[0].texts)


def test_wordclouds_use_frequencies_not_text(tables):
    """A term's size follows its count: give one term all the weight and it fills the
    cloud alone."""
    g = pd.DataFrame({"doc_id": ["x", "x"], "term": ["科技", "人才"], "count": [1000, 0]})
    fig = fp.plot_wordclouds(g)
    render(fig)
    assert len(fig.axes[0].images) == 1


def test_wordcloud_warns_about_a_character_the_font_lacks():
    """Pillow would draw a box silently; the same warning as matplotlib's is raised."""
    with pytest.warns(UserWarning, match=r"Glyph 128640 .* missing from font"):
        fp.wordcloud_image({"科技": 3, "火箭\U0001F680": 2}, width=200, height=120, scale=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fp.wordcloud_image({"科技": 3, "R&D": 2}, width=200, height=120, scale=1)
