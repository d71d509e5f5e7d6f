"""The theme, tone and instrument tables and figures of whole builds: the default corpus
and a small user corpus."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis.themes import ERA_DIFF_COLUMNS, theme_counts, theme_term_table

pytestmark = pytest.mark.slow

THEME_TABLES = ["theme_counts", "theme_terms", "theme_clauses", "theme_hits", "theme_era_diff",
                "theme_chi2", "tone"]


@pytest.fixture(scope="module")
def counts(built, corpus, tokens):
    return theme_counts(built.tables["clauses"], tokens=tokens, documents=corpus.documents)


def test_build_writes_the_theme_and_tone_tables(built, counts):
    for name in THEME_TABLES:
        assert (built.out_dir / f"{name}.parquet").is_file(), name
        assert (built.out_dir / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert "doc_id" in built.tables[name].columns
    pd.testing.assert_frame_equal(built.tables["theme_counts"].reset_index(drop=True),
                                  counts.reset_index(drop=True))
    diff = built.tables["theme_era_diff"]
    assert diff["seed"].eq(12).all() and diff["n_boot"].eq(2000).all()
    chi2 = pd.read_csv(built.out_dir / "theme_chi2.csv", encoding="utf-8-sig")
    assert chi2["caveat"].str.contains("five documents are few").all()


@pytest.mark.parametrize("english", [False, True])
def test_theme_figures_draw_without_missing_glyphs(built, english):
    """Every figure function of the module (the catalog draws those of notebooks 03/04;
    this covers the instrument figures too)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.plots import themes as tp

    t = built.tables
    figures = [
        tp.plot_theme_heatmap(t["theme_counts"], english=english),
        tp.plot_theme_comparison(t["theme_counts"], english=english),
        tp.plot_theme_terms(theme_term_table(t["theme_terms"], t["theme_counts"]),
                            english=english),
        tp.plot_chi_square_residuals(t["theme_chi2"], t["documents"], english=english),
        tp.plot_era_difference(t["theme_era_diff"], english=english),
        tp.plot_instrument_heatmap(t["instrument_counts"], english=english),
        tp.plot_instrument_types(t["instrument_types"], english=english),
        tp.plot_tone(t["tone"], english=english),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fig in figures:
            FigureCanvasAgg(fig).draw()


def test_empty_tables_draw_a_figure_that_says_why(built):
    from analysis.plots import themes as tp
    from analysis.plots.compare import plot_keyness

    t = built.tables
    for fig in (tp.plot_era_difference(t["theme_era_diff"].iloc[:0], english=True),
                tp.plot_chi_square_residuals(t["theme_chi2"].iloc[:0], english=True),
                tp.plot_theme_terms(theme_term_table(t["theme_terms"], t["theme_counts"],
                                                     themes=["nope"]), english=True),
                plot_keyness(t["keyness_era"].iloc[:0], english=True),
                plot_keyness(t["keyness_era"], target="2030s", english=True)):
        assert fig.axes[0].texts[0].get_text().startswith("nothing to show: ")
    fig = plot_keyness(t["keyness_era"], t["documents"], target="2010s", english=True)
    assert fig._suptitle.get_text() == "Keyness: 2010s vs 2020s"  # "the rest" is the other era


def test_figures_have_titles_and_labels(built):
    from analysis.plots.themes import (
        plot_era_difference,
        plot_instrument_heatmap,
        plot_theme_heatmap,
        plot_tone,
    )

    fig = plot_theme_heatmap(built.tables["theme_counts"], metric="per_10k", english=True)
    ax = fig.axes[0]
    assert "per 10,000 words" in ax.get_title()
    assert next(t.get_text() for t in ax.get_xticklabels()) == "Tonghua\n2012"
    fig = plot_era_difference(built.tables["theme_era_diff"])
    assert "2020s − 2010s" in fig.axes[0].get_title()
    fig = plot_instrument_heatmap(built.tables["instrument_counts"])
    assert len(fig.axes[0].get_yticklabels()) == 16
    fig = plot_tone(built.tables["tone"], english=True)
    assert fig.axes[0].get_ylabel() == "share of clauses using the wording"
    with pytest.raises(ValueError, match="lacks column"):
        plot_tone(built.tables["theme_counts"])


def test_build_on_a_small_user_corpus_with_one_era(make_corpus, tmp_path):
    """Two documents of the same era: theme, tone and instrument tables are written; the
    era comparison is left out (it needs two eras)."""
    from analysis import build

    raw = make_corpus({
        "a_2021": "一、总体要求\n(一)加强人才引进,鼓励银行开展知识产权质押贷款。\n"
                  "(二)建设科技企业孵化器,必须确保资金到位。\n",
        "b_2022": "一、主要任务\n1.支持科技型中小企业发展。\n2.探索建立容错机制,可先行先试。\n",
    })
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = build(raw, tmp_path / "out")
    t = result.tables
    assert t["theme_era_diff"].empty  # written, with its columns, but nothing to compare
    assert list(t["theme_era_diff"].columns) == list(ERA_DIFF_COLUMNS)
    assert t["keyness_era"].empty and "term" in t["keyness_era"].columns
    assert {"theme_counts", "tone", "theme_chi2", "instrument_counts"} <= set(t)
    assert "five" not in t["theme_chi2"]["caveat"].iloc[0]  # this corpus's own caveat
    c = t["theme_counts"].set_index(["doc_id", "theme"])
    assert c.loc[("a_2021", "talent"), "hits"] == 1
    assert c.loc[("a_2021", "finance"), "hits"] == 3        # 银行, 质押, 贷款
    codes = t["instrument_codes"]
    assert "金融支持" in codes.loc[codes["doc_id"] == "a_2021", "instrument"].tolist()
    tone = t["tone"].set_index(["doc_id", "tone"])
    assert tone.loc[("b_2022", "permissive"), "hits"] == 2   # 探索 and 可
