"""The terms behind theme counts: per document, side by side, per clause."""

from __future__ import annotations

import pytest

from analysis.themes import theme_clauses, theme_term_table, theme_terms
from tests.conftest import DOC_IDS


def test_theme_clauses_lists_each_clause_once_per_theme(clauses, hits):
    tc = theme_clauses(hits, clauses)
    assert not tc.duplicated(["clause_id", "theme"]).any()
    assert tc["hits"].sum() == len(hits)
    row = tc.loc[(tc["clause_id"] == "yinchuan_2022:三/(二)/三是") & (tc["theme"] == "finance")]
    assert "质押" in row["terms"].iloc[0]


def test_theme_term_table_breaks_a_count_into_its_terms(hits, counts):
    table = theme_term_table(theme_terms(hits), counts, n=3)
    assert list(dict.fromkeys(table["theme"])) == ["talent", "finance", "platforms"]
    assert len(table) == 3 * 3 * len(DOC_IDS)
    talent = table.loc[(table["theme"] == "talent") & (table["rank"] == 1)].set_index("doc_id")
    assert (talent["term"] == "人才").all()
    assert talent.loc["xinji_2022", "hits"] == 108 and talent.loc["xinji_2022", "theme_hits"] == 166
    assert talent.loc["xinji_2022", "share"] == pytest.approx(108 / 166, abs=1e-6)
    assert {"city", "year", "era"} <= set(table.columns)
    every = theme_term_table(theme_terms(hits), counts, themes=None, n=1)
    assert every["theme"].nunique() == 17
    assert theme_term_table(theme_terms(hits), counts, themes=["nope"]).empty
