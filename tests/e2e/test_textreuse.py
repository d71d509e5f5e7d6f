"""End to end: the build's text-reuse tables, their limits, and ``policy-lens reuse``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytestmark = pytest.mark.slow


def test_build_writes_reuse_tables(built):
    r = pd.read_parquet(built.out_dir / "reuse.parquet")
    assert {"doc_id", "doc_a", "doc_b", "start_a", "text_a", "score", "identity"} <= set(r)
    c = pd.read_parquet(built.out_dir / "copy_ratio.parquet")
    assert len(c) == 54 and np.isfinite(c["copy_ratio"]).all()


def test_reuse_command_line(capsys, tmp_path):
    from analysis.cli import main
    from tests.conftest import RAW

    assert main(["reuse", "-n", "2", "--raw", str(RAW)]) == 0
    text = capsys.readouterr().out
    assert "chifeng_2023[" in text and "shared passages" in text
    out = tmp_path / "copy.xlsx"
    assert main(["reuse", "--tasks", "-n", "1", "--raw", str(RAW), "--out", str(out)]) == 0
    assert "54 measures" in capsys.readouterr().out
    assert len(pd.read_excel(out)) == 54


def test_build_leaves_pairwise_reuse_out_above_the_limit_and_says_so(make_corpus):
    """Reuse runs on every corpus by default; a user who opts out with reuse_max_docs gets
    empty reuse tables (same columns) above it and a ScaleWarning that says what to do."""
    from analysis import build
    from analysis.errors import ScaleWarning
    from analysis.pipeline import BuildOptions

    shared = "一、总体要求\n(一)支持企业建设研发平台,完善科技金融服务体系,推动科技成果转化落地。"
    raw = make_corpus({"d0": shared, "d1": shared + "\n(二)另一项措施。",
                       "d2": "一、工作目标\n(一)到2025年,全市高新技术企业数量达到160家以上。"})
    full = build(raw, write=False, options=BuildOptions(reuse_max_docs=None)).tables["reuse"]
    assert len(full) > 0
    with pytest.warns(ScaleWarning, match="reuse_max_docs=2"):
        capped = build(raw, write=False, options=BuildOptions(reuse_max_docs=2)).tables
    assert capped["reuse"].empty and list(capped["reuse"].columns) == list(full.columns)
    assert "copy_ratio" in capped


def test_build_leaves_reuse_out_when_seed_pairs_exceed_the_limit(make_corpus):
    from analysis import build
    from analysis.errors import ScaleWarning
    from analysis.pipeline import BuildOptions

    shared = "一、总体要求\n(一)支持企业建设研发平台,完善科技金融服务体系,推动科技成果转化落地。"
    raw = make_corpus({"d0": shared, "d1": shared + "\n(二)另一项措施。"})
    # near-duplicates aligned pair by pair (None), as the seed limit counts their seed pairs
    every = {"reuse_near_duplicate": None}
    full = build(raw, write=False, options=BuildOptions(reuse_max_seeds=None, **every)).tables
    assert len(full["reuse"]) > 0
    with pytest.warns(ScaleWarning, match="--reuse-max-seeds"):
        capped = build(raw, write=False, options=BuildOptions(reuse_max_seeds=5, **every)).tables
    assert capped["reuse"].empty
    assert list(capped["reuse"].columns) == list(full["reuse"].columns)
    assert list(capped["reuse_pairs"].columns) == list(full["reuse_pairs"].columns)

