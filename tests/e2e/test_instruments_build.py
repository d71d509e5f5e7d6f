"""The instrument tables of a whole build and the hand-coding commands."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import RAW

pytestmark = pytest.mark.slow


def test_build_writes_the_instrument_tables(built):
    for name in ("instrument_codes", "instrument_hits", "instrument_counts", "instrument_types",
                 "instrument_era"):
        assert (built.out_dir / f"{name}.parquet").is_file()
        assert (built.out_dir / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert "doc_id" in built.tables[name].columns
    era = built.tables["instrument_era"]
    assert era.loc[era["era"] == "2010s", "doc_id"].unique().tolist() == ["tonghua_2012"]


def test_cli_coding_sheet_and_agreement(tmp_path):
    out = tmp_path / "sheet"
    r = subprocess.run([sys.executable, "-m", "analysis", "coding-sheet", "--raw", str(RAW),
                        "--out", str(out), "--n", "10", "--blind"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "sheet.xlsx").is_file() and "10 clauses from 5 documents" in r.stdout
    r = subprocess.run([sys.executable, "-m", "analysis", "agreement", "--subset", "held-out"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert "30 hand-coded clauses" in r.stdout and "供给型 supply" in r.stdout
    r = subprocess.run([sys.executable, "-m", "analysis", "agreement", str(tmp_path / "no.csv")],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "no such coding sheet" in r.stderr
