"""build(): the stages run in order with what they declare, their tables are checked,
and a build that lets tables go writes the same files."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis import build
from analysis.cli import main
from analysis.pipeline import STAGES, SavedTables, Stage, StageError

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def _term_counts(ctx):
    """A user's stage: how many distinct terms each document has (from ``terms``)."""
    terms = ctx.table("terms")
    return {"term_counts": terms.groupby("doc_id", as_index=False).size()}


TERM_COUNTS = Stage("term_counts", _term_counts, reads=["terms"], writes=["term_counts"])


def test_a_new_stage_reads_an_earlier_stage_table(small_raw):
    result = build(small_raw, write=False, stages=[STAGES[0], TERM_COUNTS])
    counts = result.tables["term_counts"].set_index("doc_id")["size"]
    assert counts.to_dict() == result.tables["terms"].groupby("doc_id").size().to_dict()
    assert list(result.timings)[-1] == "term_counts"


def test_a_stage_out_of_order_fails_before_anything_runs(small_raw, tmp_path):
    with pytest.raises(StageError, match="put it after stage 'core'"):
        build(small_raw, tmp_path / "out", stages=[TERM_COUNTS, STAGES[0]])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("returns", "message"), [
    (lambda ctx: {}, "declares writes t but returned no table: missing t"),
    (lambda ctx: {"t": pd.DataFrame({"doc_id": []}), "u": pd.DataFrame({"doc_id": []})},
     "undeclared u"),
    (lambda ctx: {"t": pd.DataFrame({"x": [1]})}, "made table 't' without a doc_id column"),
    (lambda ctx: None, "returned NoneType, not a dict of tables"),
    (lambda ctx: {"t": ctx.tokens}, "stage 'mine' reads 'tokens' but does not declare it"),
])
def test_a_stage_that_breaks_its_declaration_is_an_error(small_raw, returns, message):
    stage = Stage("mine", returns, reads=["corpus"], writes=["t"])
    with pytest.raises(StageError, match=message):
        build(small_raw, write=False, stages=[stage])


def test_build_that_lets_tables_go_writes_the_same_files(small_raw, tmp_path):
    """policy-lens build writes each stage's tables as soon as no later stage reads them
    and drops them (keep_tables=False): the files are the same bytes, and the result reads
    the tables back from them."""
    stages = [*STAGES[:3], TERM_COUNTS]
    kept = build(small_raw, tmp_path / "kept", stages=stages)
    lean = build(small_raw, tmp_path / "lean", stages=stages, keep_tables=False)
    assert _digest(lean.out_dir) == _digest(kept.out_dir)
    assert isinstance(lean.tables, SavedTables)
    assert sorted(lean.tables) == sorted(kept.tables)
    for name in ("documents", "terms", "clauses", "term_counts"):
        pd.testing.assert_frame_equal(
            lean.tables[name], pd.read_parquet(kept.out_dir / f"{name}.parquet"))
    with pytest.raises(ValueError, match="needs write=True"):
        build(small_raw, write=False, keep_tables=False)


def test_cli_reports_bad_corpus_and_bad_stages_clearly(tmp_path, capsys):
    assert main(["build", "--raw", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "metadata.csv" in capsys.readouterr().err
    assert main(["build", "--raw", str(tmp_path), "--out", str(tmp_path / "x"),
                 "--stages", "themse"]) == 2
    err = capsys.readouterr().err
    assert "'themse'" in err and "themes" in err
    assert not (tmp_path / "x").exists()
