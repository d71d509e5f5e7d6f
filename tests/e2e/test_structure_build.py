"""The structure tables written by a whole build of the default corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.structure import clause_table

pytestmark = pytest.mark.slow

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
