"""export_tables and `policy-lens export`: CSV for Excel, one workbook, a manifest."""

from __future__ import annotations

import csv
import hashlib
import json
import time

import pandas as pd
import pytest

import analysis.report.export as export_module
from analysis.cli import main
from analysis.report import EXCEL_MAX_CELL_CHARS, WORKBOOK, export_tables

DOCS = pd.DataFrame({"doc_id": ["a_2012", "b_2022"], "city": ["甲市", "乙市"],
                     "text": ["全文甲", "全文乙"], "text_orig": ["全文甲", "全文乙"]})
TERMS = pd.DataFrame({"doc_id": ["a_2012", "b_2022"], "term": ["人才", "平台"], "count": [3, 2]})
TOKENS = pd.DataFrame({"doc_id": ["a_2012"] * 3, "token": ["全", "文", "甲"]})


@pytest.fixture
def processed(tmp_path):
    folder = tmp_path / "processed"
    folder.mkdir()
    DOCS.to_parquet(folder / "documents.parquet")
    TERMS.to_parquet(folder / "terms.parquet")
    TOKENS.to_parquet(folder / "tokens.parquet")
    info = {"inputs": {"a.txt": "x", "b.txt": "y"}, "versions": {"policy-lens": "9.9"}}
    (folder / "build_info.json").write_text(json.dumps(info), encoding="utf-8")
    return folder


def read_manifest(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_writes_csv_with_bom_and_a_workbook_matching_them(processed, tmp_path):
    out = tmp_path / "out"
    summary = export_tables(processed, out)
    assert summary["table"].tolist() == ["documents", "terms", "tokens"]
    exported = summary.loc[summary["csv"] != "", "table"].tolist()
    assert exported == ["documents", "terms"]  # one row per token: left out by default
    for name in exported:
        assert (out / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    book = pd.read_excel(out / WORKBOOK, sheet_name=None)
    assert list(book) == ["README", *exported]
    for name in exported:
        csv_df = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig")
        pd.testing.assert_frame_equal(book[name], csv_df)
    assert list(book["documents"].columns) == ["doc_id", "city"]  # whole texts stay out
    readme = book["README"].set_index("table")
    assert "built from 2 documents with policy-lens 9.9" in readme.loc["README", "note"]
    assert "include-tokens" in readme.loc["tokens", "note"] and readme.loc["tokens", "rows"] == 3
    assert "documents.parquet only" in readme.loc["documents", "note"]
    manifest = read_manifest(out / "MANIFEST.csv")
    assert {r["file"] for r in manifest} == {"documents.csv", "terms.csv", WORKBOOK}
    for r in manifest:
        assert hashlib.sha256((out / r["file"]).read_bytes()).hexdigest() == r["sha256"]


def test_export_is_byte_reproducible(processed, tmp_path):
    export_tables(processed, tmp_path / "a")
    time.sleep(1.1)  # a timestamp in seconds would differ now
    export_tables(processed, tmp_path / "b")
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


def test_export_fits_excel_limits_and_says_so(tmp_path, monkeypatch):
    long = "长" * (EXCEL_MAX_CELL_CHARS + 10)
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [long, "x\x07y", "c"],
                       "formula": ["=1+1", "", ""], "tags": [["甲", "乙"], [], ["丙"]]})
    processed = tmp_path / "processed"
    processed.mkdir()
    df.to_parquet(processed / "clauses.parquet")
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 3)  # 2 data rows fit
    summary = export_tables(processed, tmp_path / "out").set_index("table")
    note = summary.loc["clauses", "note"]
    assert "first 2 of 3 rows" in note and "cut to 32,767" in note
    assert "control characters" in note and "formulas" in note
    full = pd.read_csv(tmp_path / "out" / "clauses.csv", encoding="utf-8-sig")
    assert len(full) == 3 and len(full.loc[0, "text"]) == len(long)
    assert full.loc[0, "tags"] == "甲、乙"
    sheet = pd.read_excel(tmp_path / "out" / WORKBOOK, sheet_name="clauses")
    assert len(sheet) == 2
    assert len(sheet.loc[0, "text"]) == EXCEL_MAX_CELL_CHARS
    assert sheet.loc[0, "text"].endswith("full text in clauses.csv]")
    assert sheet.loc[1, "text"] == "xy"
    assert sheet.loc[0, "formula"] == "'=1+1"
    assert full.loc[0, "formula"] == "'=1+1" and full.loc[1, "text"] == "xy"


def test_sheet_names_fit_excel():
    taken: dict[str, None] = {}
    for name in ("README", "a" * 40, "a" * 40, "x:y/z"):
        taken[export_module._sheet_name(name, taken)] = None
    assert list(taken) == ["README_table", "a" * 31, "a" * 29 + "~2", "x_y_z"]


def test_export_options(processed, tmp_path, capsys):
    summary = export_tables(processed, tmp_path / "a", include_tokens=True, xlsx=False)
    assert (tmp_path / "a" / "tokens.csv").is_file() and not (tmp_path / "a" / WORKBOOK).exists()
    assert summary.set_index("table").loc["tokens", "rows"] == 3
    assert set(summary["sheet"]) == {""}
    only = export_tables(processed, tmp_path / "a", tables=["terms"], xlsx=False)
    assert only.loc[only["csv"] != "", "table"].tolist() == ["terms"]
    assert not (tmp_path / "a" / "tokens.csv").exists()  # a rerun removes what it no longer makes
    with pytest.raises(ValueError, match="nope"):
        export_tables(processed, tmp_path, tables=["nope"])
    assert main(["export", "--processed", str(processed), "--out", str(tmp_path / "c"),
                 "--tables", "terms", "--no-xlsx"]) == 0
    assert "exported 1 tables (2 rows)" in capsys.readouterr().out
