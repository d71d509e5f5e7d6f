"""The theme, instrument and tone figures (analysis.plots.themes)."""

from __future__ import annotations

import pytest

from analysis.plots import themes as th


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + \
        [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]


def test_theme_heatmap_has_a_column_per_document_by_year(small_tables):
    counts = small_tables["theme_counts"]
    fig = th.plot_theme_heatmap(counts.iloc[::-1])
    cols = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert cols == ["杭州市\n2012", "杭州市\n2021", "宁波市\n2022"]
    en = th.plot_theme_heatmap(counts, metric="per_10k", english=True)
    assert en.axes[0].get_xticklabels()[0].get_text() == "Hangzhou\n2012"
    with pytest.raises(ValueError, match="metric='hits_per_page'"):
        th.plot_theme_heatmap(counts.assign(hits_per_page=0), metric="hits_per_page")


def test_theme_comparison_labels_documents_on_one_line(small_tables):
    fig = th.plot_theme_comparison(small_tables["theme_counts"], themes=["talent"])
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["杭州市 2012", "杭州市 2021", "宁波市 2022"]


def test_instrument_figures_by_era(small_tables):
    bars = th.plot_instrument_types(small_tables["instrument_types_era"], by="era")
    heat = th.plot_instrument_heatmap(small_tables["instrument_era"], by="era", english=True)
    assert "2010s (1 份文件)" in _texts(bars) and "2020s (2 份文件)" in _texts(bars)
    assert bars.axes[0].get_title() == "政策工具类型构成(按时期)"
    assert "2020s\n(2 documents)" in _texts(heat)
    assert heat.axes[0].get_title().startswith("Policy instruments by era")
    with pytest.raises(ValueError, match="no 'city' column"):
        th.plot_instrument_types(small_tables["instrument_types_era"], by="city")


def test_tone_shows_a_share_per_document_and_tone(small_tables):
    tone = small_tables["tone"]
    fig = th.plot_tone(tone)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "杭州市\n2012", "杭州市\n2021", "宁波市\n2022"]
    assert len(ax.patches) == len(tone)


def test_a_table_without_the_columns_says_which(small_tables):
    with pytest.raises(ValueError, match="lacks column"):
        th.plot_tone(small_tables["tone"].drop(columns="share"))
