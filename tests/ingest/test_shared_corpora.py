"""The two development corpora of ../shared/corpora (or $POLICY_LENS_CORPORA) import, load
and build; skipped where they are not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.ingest import import_corpus
from analysis.pipeline import build
from analysis.text.corpus import load_corpus
from tests.conftest import ROOT

CORPORA = Path(os.environ.get("POLICY_LENS_CORPORA", ROOT.parent / "shared" / "corpora"))
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CORPORA.is_dir(), reason="no ../shared/corpora")]


def test_pkulaw_exports_import_and_build(tmp_path: Path):
    report = import_corpus(CORPORA / "pkulaw_exports", tmp_path / "raw", progress=False)
    assert report.problems == [] and len(report.metadata) == 5
    assert report.metadata["citation"].str.startswith("CLI.").all()
    meta = report.metadata
    assert set(meta["level"]) == {"prefecture", "provincial"}
    assert meta["doc_number"].str.contains("〔20").all()
    assert (meta["source_url"].str.startswith("https://www.pkulaw.com/")).all()
    text = (tmp_path / "raw" / meta["file"][0]).read_text(encoding="utf-8")
    assert "法宝引证码" not in text and "原文链接" not in text
    result = build(tmp_path / "raw", tmp_path / "processed", stages="core", progress=False)
    assert result.stats["documents"] == 5


def test_workbook_both_sheets(tmp_path: Path):
    xlsx = CORPORA / "spreadsheet_digital_policies" / "Policies Data.xlsx"
    report = import_corpus(xlsx, tmp_path / "raw", progress=False)
    meta = report.metadata
    assert report.failed == [] and len(meta) == 221
    assert meta["sheet"].value_counts().to_dict() == {"Central Policies Table": 166,
                                                      "ShanDong Policies Table": 55}
    assert {p.kind for p in report.problems} <= {"duplicate", "same_id"}
    corpus = load_corpus(tmp_path / "raw")
    assert len(corpus) == 221
