"""A whole build with each tokenizer backend: the backend is recorded, the outputs agree."""

from __future__ import annotations

import json

import pytest

from analysis.pipeline import build
from tests.conftest import RAW

pytestmark = pytest.mark.slow


def test_backend_is_recorded_and_outputs_agree(tmp_path):
    a = build(RAW, tmp_path / "jieba", tokenizer="jieba", cache_dir=tmp_path / "c")
    b = build(RAW, tmp_path / "rjieba", tokenizer="rjieba", cache_dir=tmp_path / "c")
    ia = json.loads((a.out_dir / "build_info.json").read_text(encoding="utf-8"))
    ib = json.loads((b.out_dir / "build_info.json").read_text(encoding="utf-8"))
    assert (ia["options"]["tokenizer"], ib["options"]["tokenizer"]) == ("jieba", "rjieba")
    assert ia["tokenizer_fingerprint"] != ib["tokenizer_fingerprint"]
    for name in ("tokens", "terms", "keywords"):
        assert (a.out_dir / f"{name}.parquet").read_bytes() == \
            (b.out_dir / f"{name}.parquet").read_bytes(), name
