"""The analysis stages on several processes: the same files, tables and warnings as in one
process, whatever the schedule; a failing stage fails the build as it does there."""

from __future__ import annotations

import hashlib
import warnings

import pandas as pd
import pytest

from analysis import build
from analysis.errors import BuildWarning
from analysis.pipeline import STAGES, Stage, stage_batches
from analysis.pipeline import runner as runner_module
from analysis.pipeline.parallel import can_fork

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*no outline.*:analysis.structure.StructureWarning"),
    pytest.mark.skipif(not can_fork(), reason="stage processes are forked (Linux)"),
]


@pytest.fixture
def any_size(monkeypatch):
    """Stage processes for a corpus of any size (the small test corpora included)."""
    monkeypatch.setattr(runner_module, "STAGE_PARALLEL_MIN_CHARS", 0)


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def _build(raw, out, workers, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = build(raw, out, workers=workers, cache_dir=False, progress=False, **kwargs)
    return result, [(w.category, str(w.message)) for w in caught]


def _lengths(ctx):
    return {"lengths": ctx.corpus.documents[["doc_id", "n_chars"]]}


def _refuses(ctx):
    warnings.warn("refusing this corpus", UserWarning, stacklevel=1)
    raise ValueError("nothing to count here")


def _bug(ctx):
    raise RuntimeError("a bug in a stage")


LENGTHS = Stage("lengths", _lengths, reads=["corpus"], writes=["lengths"])
REFUSES = Stage("refuses", _refuses, reads=["corpus"], writes=["refused"])
BUG = Stage("bug", _bug, reads=["corpus"], writes=["never"])


def test_core_runs_first_then_the_stages_that_read_only_the_inputs_together():
    assert [[STAGES[i].name for i in group] for group in stage_batches(STAGES)] == [
        ["core"], ["structure", "targets", "compare", "reuse", "network", "themes",
                   "instruments"]]
    after = Stage("after", "mine:f", reads=["clauses", "keywords", "targets"],
                  writes=["after"])
    # reads of a table of the same group wait for it; core's tables are there already
    assert stage_batches([*STAGES[:3], after, LENGTHS]) == [[0], [1, 2], [3, 4]]


@pytest.mark.parametrize("keep_tables", [True, False])
def test_stage_processes_write_what_one_process_writes(small_raw, tmp_path, any_size,
                                                       keep_tables):
    stages = [*STAGES, LENGTHS, REFUSES]
    one, seen_one = _build(small_raw, tmp_path / "one", 1, stages=stages,
                           keep_tables=keep_tables)
    two, seen_two = _build(small_raw, tmp_path / "two", 2, stages=stages,
                           keep_tables=keep_tables)
    assert one.stats["stage_processes"] == 1 and two.stats["stage_processes"] == 2
    assert _digest(two.out_dir) == _digest(one.out_dir)
    assert list(two.tables) == list(one.tables)
    for name in one.tables:
        pd.testing.assert_frame_equal(two.tables[name], one.tables[name])
    # the same warnings in the same order, the failing stage's fallback included
    assert seen_two == seen_one
    assert (BuildWarning, "stage 'refuses' failed on this corpus (ValueError: nothing to "
            "count here); its tables refused are written empty and the build goes on."
            ) in seen_two
    assert [n for n in two.timings if n in {s.name for s in stages}] == [
        s.name for s in stages]


def test_a_stage_that_fails_in_its_process_fails_the_build(small_raw, tmp_path, any_size):
    first = build(small_raw, tmp_path / "out", stages="core", cache_dir=False)
    before = _digest(first.out_dir)
    with pytest.raises(RuntimeError, match="a bug in a stage"):
        build(small_raw, tmp_path / "out", stages=[STAGES[0], LENGTHS, BUG], workers=2,
              cache_dir=False)
    assert _digest(tmp_path / "out") == before  # the previous outputs, as they were
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]  # no staging folder


def test_one_worker_and_small_corpora_run_in_one_process(small_raw, tmp_path):
    result = build(small_raw, tmp_path / "out", stages=[*STAGES[:3], LENGTHS], workers=2,
                   cache_dir=False)
    assert result.stats["stage_processes"] == 1  # under STAGE_PARALLEL_MIN_CHARS
    assert "stages_wall" not in result.timings
