"""`policy-lens export` of the default build: every table as CSV and as a sheet."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.report import WORKBOOK, export_tables

pytestmark = pytest.mark.slow


def test_export_writes_every_table_as_csv_and_a_matching_sheet(built, tmp_path):
    summary = export_tables(built.out_dir, tmp_path)
    exported = sorted(summary.loc[summary["csv"] != "", "table"])
    # every table the build wrote, except the one-row-per-token table (left out by default)
    assert exported == sorted(set(built.tables) - {"tokens"})
    assert {"documents", "terms", "clauses", "theme_counts", "targets"} <= set(exported)
    for name in exported:
        assert (tmp_path / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    book = pd.read_excel(tmp_path / WORKBOOK, sheet_name=None)
    assert list(book) == ["README", *exported]
    for name in exported:
        csv_df = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig")
        assert book[name].shape == csv_df.shape
        assert list(book[name].columns) == list(csv_df.columns)
    terms = pd.read_parquet(built.out_dir / "terms.parquet")
    assert len(book["terms"]) == len(terms)
    assert "text" not in book["documents"].columns
    readme = book["README"].set_index("table")
    assert "include-tokens" in readme.loc["tokens", "note"]
    assert readme.loc["tokens", "rows"] > 20_000
