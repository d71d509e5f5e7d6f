"""End to end: the build's targets tables and ``policy-lens targets``."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main

pytestmark = pytest.mark.slow


def test_build_writes_the_targets_tables(built):
    for name in ("targets", "target_comparison"):
        assert (built.out_dir / f"{name}.parquet").is_file()
        csv_df = pd.read_csv(built.out_dir / f"{name}.csv", encoding="utf-8-sig")
        assert len(csv_df) == len(built.tables[name])
    assert (built.out_dir / "targets.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_lists_and_writes(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["targets", "--doc", "chifeng_2023", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "高新技术企业数量" in text and "4 numbers in 1 documents" in text
    assert out.is_file()
    assert main(["targets", "--doc", "nope"]) == 2
    assert "unknown document" in capsys.readouterr().err
