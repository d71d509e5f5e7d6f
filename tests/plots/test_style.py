"""The house style: the packaged CJK font, byte-identical files, and a "nothing to show"
figure (not an error) for every figure function given an empty table."""

from __future__ import annotations

import hashlib
import warnings

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.plots import compare as cp
from analysis.plots import new_figure, nothing_to_show, save_figure, setup
from analysis.plots import structure as sp
from analysis.plots import targets as tp
from analysis.plots import themes as th


def test_chinese_labels_draw_without_missing_glyphs(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" becomes a failure
        fig, ax = new_figure()
        ax.bar(["人才", "科技金融", "産學研"], [3, -1, 2])
        ax.set_title("各市主题 −1 R&D")
        ax.set_xlabel("主题")
        save_figure(fig, tmp_path / "f", formats=("png", "svg"), dpi=50)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_saved_figures_are_byte_identical(tmp_path, fmt):
    """(PDF too, written by another process: tests/e2e/test_figures.py.)"""
    def draw(name):
        fig, ax = new_figure(width=4, height=3)
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("科技创新")
        (path,) = save_figure(fig, tmp_path / name, formats=(fmt,))
        return hashlib.sha256(path.read_bytes()).hexdigest()

    assert draw("a") == draw("b")


def test_save_figure_names_the_files_and_refuses_other_formats(tmp_path):
    fig, _ = new_figure(width=2, height=2)
    assert save_figure(fig, tmp_path / "f.png", formats=("png",), dpi=20) == [tmp_path / "f.png"]
    with pytest.raises(ValueError, match="use png, svg or pdf"):
        save_figure(fig, tmp_path / "f", formats=("gif",))


def test_font_is_the_packaged_cjk_font():
    assert setup() == "Noto Sans CJK SC"


def test_nothing_to_show_says_why_in_either_language():
    fig = nothing_to_show("目标", "没有共有指标")
    assert fig.axes[0].get_title() == "目标"
    assert fig.axes[0].texts[0].get_text() == "无可绘制的内容:没有共有指标"
    en = nothing_to_show("t", "why", english=True)
    assert en.axes[0].get_title() == "t"
    assert en.axes[0].texts[0].get_text() == "nothing to show: why"


EMPTY_CASES = {
    "plot_copy_ratio": lambda t: cp.plot_copy_ratio(t["copy_ratio"].iloc[:0]),
    "plot_network": lambda t: cp.plot_network(t["cooccurrence"].iloc[:0],
                                              t["network_nodes"].iloc[:0]),
    "plot_topics": lambda t: cp.plot_topics(t["topics"].iloc[:0]),
    "plot_topic_shares": lambda t: cp.plot_topic_shares(t["topics"].iloc[:0]),
    "plot_dendrogram": lambda t: cp.plot_dendrogram(t["clusters"].iloc[:0]),
    "plot_document_map": lambda t: cp.plot_document_map(t["doc_map"].iloc[:1]),
    "plot_reuse": lambda t: cp.plot_reuse(t["reuse_pairs"].iloc[:0]),
    "plot_similarity": lambda t: cp.plot_similarity(t["similarity"].iloc[:0]),
    "plot_keyness": lambda t: cp.plot_keyness(t["keyness_era"].iloc[:0]),
    "plot_outline": lambda t: sp.plot_outline(t["outline"].iloc[:0]),
    "plot_agency_roles": lambda t: sp.plot_agency_roles(t["agencies"].iloc[:0]),
    "plot_agency_network": lambda t: sp.plot_agency_network(t["agency_edges"].iloc[:0]),
    "plot_dispersion": lambda t: sp.plot_dispersion(t["dispersion"].iloc[:0].assign(
        doc_id=lambda d: d["doc_id"].astype(str))),
    "plot_instrument_heatmap": lambda t: th.plot_instrument_heatmap(
        t["instrument_counts"].iloc[:0]),
    "plot_instrument_types": lambda t: th.plot_instrument_types(t["instrument_types"].iloc[:0]),
    "plot_tone": lambda t: th.plot_tone(t["tone"].iloc[:0]),
    "plot_theme_terms": lambda t: th.plot_theme_terms(t["theme_terms_headline"].iloc[:0]),
    "plot_chi_square_residuals": lambda t: th.plot_chi_square_residuals(
        t["theme_chi2"].iloc[:0]),
    "plot_target_comparison": lambda t: tp.plot_target_comparison(t["target_comparison"]),
}


@pytest.mark.parametrize("name", sorted(EMPTY_CASES))
def test_empty_tables_give_a_nothing_to_show_figure(small_tables, name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = EMPTY_CASES[name](small_tables)
        FigureCanvasAgg(fig).draw()
    (text,) = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert text.startswith("无可绘制的内容") and fig.axes[0].get_title()
