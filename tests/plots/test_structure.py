"""The structure figures (analysis.plots.structure) on the default corpus."""

from __future__ import annotations

import warnings

import pytest

from analysis.plots.structure import plot_agency_roles, plot_outline
from analysis.structure import agency_table, clause_table, outline_summary, responsibilities


def test_structure_figures_draw_without_missing_glyphs(corpus):
    cl = clause_table(corpus)
    ag = agency_table(responsibilities(cl))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_outline(outline_summary(cl))
        ax = fig.axes[0]
        assert len(ax.get_yticklabels()) == 5 and ax.get_title()
        # a stacked bar per level and document: Xinji has 100 outline items
        widths = {}
        for patch in ax.patches:
            y = round(patch.get_y() + patch.get_height() / 2)
            widths[y] = widths.get(y, 0) + patch.get_width()
        assert widths[1] == 100
        roles = plot_agency_roles(ag, top=5)
        assert len(roles.axes[0].get_yticklabels()) == 5
        assert roles.axes[0].get_yticklabels()[0].get_text() == "市科技局"
        en = plot_agency_roles(ag, english=True)
        assert en.axes[0].get_yticklabels()[0].get_text() == "S&T Bureau"
    # a corpus without a task table: an explicit "nothing to show" figure, not an error
    empty = plot_agency_roles(ag.iloc[0:0])
    assert "没有任务分解表" in empty.axes[0].texts[0].get_text()
    assert "no task table" in plot_agency_roles(ag.iloc[0:0], english=True).axes[0].texts[
        0].get_text()
    with pytest.raises(ValueError, match="no units"):
        plot_agency_roles(ag, doc_id="xinji_2022")
