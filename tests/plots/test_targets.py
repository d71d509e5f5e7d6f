"""The target comparison figure (analysis.plots.targets) on the default corpus."""

from __future__ import annotations

import warnings

import pytest

from analysis.plots import save_figure
from analysis.plots.targets import plot_target_comparison
from analysis.targets import compare_targets, extract_targets


@pytest.fixture(scope="module")
def comparison(corpus):
    return compare_targets(extract_targets(corpus), corpus.documents)


@pytest.mark.parametrize("english", [False, True])
def test_comparison_figure(comparison, english, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_target_comparison(comparison, english=english)
        paths = save_figure(fig, tmp_path / "cmp", formats=("png",))
    drawn = [ax for ax in fig.axes if ax.axison]
    assert len(drawn) == comparison.canonical_id.nunique()
    titles = {ax.get_title() for ax in drawn}
    assert ("R&D intensity (R&D / GDP)" in titles) if english else ("R&D经费投入强度" in titles)
    assert paths[0].stat().st_size > 10_000


def test_figure_rejects_wrong_tables(comparison):
    with pytest.raises(ValueError, match="missing column"):
        plot_target_comparison(comparison.drop(columns=["city"]))
    empty = plot_target_comparison(comparison.iloc[0:0], english=True)
    assert empty.axes[0].texts[0].get_text().startswith("nothing to show: no indicator")
    with pytest.raises(ValueError, match="not in the comparison"):
        plot_target_comparison(comparison, indicators=["nope"])
