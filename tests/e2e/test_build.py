"""The whole build of the default corpus: its files, byte-identical rebuilds (again, from
the token cache, letting tables go, in parallel) and the command line."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest

import analysis.pipeline.loader as loader
from analysis import build
from analysis.pipeline import SavedTables
from tests.conftest import RAW

pytestmark = pytest.mark.slow

TABLES = ["documents", "tokens", "terms", "keywords"]


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_build_writes_parquet_and_excel_csv(built):
    for name in TABLES:
        assert (built.out_dir / f"{name}.parquet").is_file()
        csv = built.out_dir / f"{name}.csv"
        assert csv.read_bytes().startswith(b"\xef\xbb\xbf"), "CSV needs a BOM for Excel"
        df = pd.read_parquet(built.out_dir / f"{name}.parquet")
        assert "doc_id" in df.columns and len(df) > 0
    info = json.loads((built.out_dir / "build_info.json").read_text(encoding="utf-8"))
    assert info["options"]["tokenizer"] == "rjieba"  # the default backend
    assert info["options"]["opencc_config"] == "t2s"
    assert len(info["tables"]) == 38


def test_documents_csv_leaves_out_whole_texts(built):
    csv = pd.read_csv(built.out_dir / "documents.csv", encoding="utf-8-sig")
    assert "text" not in csv.columns and "city" in csv.columns
    assert "text" in pd.read_parquet(built.out_dir / "documents.parquet").columns


def test_rebuild_is_byte_identical_and_raw_untouched(built, tmp_path):
    raw_before = _digest(RAW)
    again = build(RAW, tmp_path / "again")
    assert _digest(again.out_dir) == _digest(built.out_dir)
    assert _digest(RAW) == raw_before


def test_default_corpus_rebuild_from_cache_is_identical(built, tmp_path):
    again = build(RAW, tmp_path / "again", force=True, stages="core")
    assert again.stats["segmented"] == 0 and again.stats["cached"] == 5
    for name in ("tokens", "terms", "keywords", "documents"):
        assert (again.out_dir / f"{name}.parquet").read_bytes() == \
            (built.out_dir / f"{name}.parquet").read_bytes()


def test_build_that_lets_tables_go_writes_the_same_files(built, tmp_path):
    """policy-lens build writes each stage's tables as soon as the stage ends and drops
    them (keep_tables=False), so a large corpus never holds every table at once: the files
    are the same bytes, and the result reads the tables back from them."""
    lean = build(RAW, tmp_path / "lean", keep_tables=False)
    assert _digest(lean.out_dir) == _digest(built.out_dir)
    assert isinstance(lean.tables, SavedTables)
    assert sorted(lean.tables) == sorted(built.tables)
    for name in ("documents", "terms", "clauses", "instrument_hits"):
        pd.testing.assert_frame_equal(
            lean.tables[name], pd.read_parquet(built.out_dir / f"{name}.parquet"))


def test_parallel_build_is_byte_identical_to_the_serial_one(tmp_path, monkeypatch):
    serial = build(RAW, tmp_path / "serial", tokenizer="rjieba", cache_dir=False, workers=1)
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)
    parallel = build(RAW, tmp_path / "parallel", tokenizer="rjieba", cache_dir=False,
                     workers=2)
    assert parallel.stats["workers"] == 2 and serial.stats["workers"] == 1
    for p in sorted(serial.out_dir.iterdir()):
        assert p.read_bytes() == (parallel.out_dir / p.name).read_bytes(), p.name


def test_token_counts_per_document(built):
    docs = built.tables["documents"].set_index("doc_id")
    # the Xinji plan is by far the longest document, the Chifeng opinions the shortest
    assert docs["n_tokens"].idxmax() == "xinji_2022"
    assert docs["n_chars"].idxmin() == "chifeng_2023"
    assert (docs["n_kept"] < docs["n_words"]).all()


def test_cli_build(tmp_path):
    out = tmp_path / "cli"
    r = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(RAW),
                        "--out", str(out), "--tokenizer", "jieba"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert "5 documents" in r.stdout
    assert (out / "terms.parquet").is_file()


def test_cli_build_runs_only_the_stages_asked_for(tmp_path):
    """A researcher with a big corpus can build the tokens and matrices alone (or add the
    stages they need); a misspelt stage is an error naming the stages that exist."""
    out = tmp_path / "core"
    r = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(RAW),
                        "--out", str(out), "--tokenizer", "rjieba", "--stages", "core,targets"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    written = {p.stem for p in out.glob("*.parquet")}
    assert set(TABLES) <= written and "targets" in written
    assert not written & {"theme_counts", "clauses", "reuse", "instrument_counts"}
    bad = subprocess.run([sys.executable, "-m", "analysis", "build", "--raw", str(RAW),
                          "--out", str(tmp_path / "x"), "--stages", "themse"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert "'themse'" in bad.stderr and "themes" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "x").exists()
