"""The structure tables in the build, the structure figures, and the docstring examples."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis.structure import (
    agency_table,
    clause_table,
    outline_summary,
    responsibilities,
)

STRUCTURE_TABLES = ["clauses", "outline", "table_rows", "responsibilities", "agencies",
                    "agency_edges"]


@pytest.mark.parametrize("name", STRUCTURE_TABLES)
def test_build_writes_the_structure_tables(built, name):
    pq = built.out_dir / f"{name}.parquet"
    csv = built.out_dir / f"{name}.csv"
    assert pq.is_file() and csv.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_parquet(pq)
    assert "doc_id" in df.columns and len(df) > 0


def test_built_clauses_equal_the_library(built, corpus):
    df = pd.read_parquet(built.out_dir / "clauses.parquet")
    lib = clause_table(corpus)
    assert df["clause_id"].tolist() == lib["clause_id"].tolist()
    assert df["char_end"].tolist() == lib["char_end"].tolist()
    assert len(df) == 344


def test_built_responsibilities_keep_lists_and_join_them_for_excel(built):
    pq = pd.read_parquet(built.out_dir / "responsibilities.parquet")
    assert len(pq) == 20 and (pq["doc_id"] == "jiayuguan_2020").all()
    assert list(pq.loc[2, "lead_units"]) == ["市工信局", "市科技局"]
    csv = pd.read_csv(built.out_dir / "responsibilities.csv", encoding="utf-8-sig")
    assert csv.loc[2, "lead_units"] == "市工信局、市科技局"
    edges = pd.read_parquet(built.out_dir / "agency_edges.parquet")
    assert {"source", "target", "weight"} <= set(edges.columns)


def test_structure_figures_draw_without_missing_glyphs(corpus):
    from analysis.plots.structure import plot_agency_roles, plot_outline

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

