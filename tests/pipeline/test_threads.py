"""The threads a stage may use follow the schedule: two for a stage that runs alone with
nothing waiting that fits beside it, one when two stages run at once or with one worker."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import build
from analysis.pipeline import Stage
from analysis.pipeline.parallel import can_fork
from analysis.pipeline.threads import stage_threads, using_threads

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*no outline.*:analysis.structure.StructureWarning"),
]
# the builds below fork stage processes (Linux)
forks = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")


def _threads(name, wait=0.0):
    def run(ctx):
        import time

        time.sleep(wait)
        return {name: pd.DataFrame({"doc_id": ["all"], "threads": [stage_threads()]})}
    return run


# "one" takes longest: the others start and end beside it when two stages fit at once
STAGES = [Stage(name, _threads(name, wait), reads=["corpus", "tokens"], writes=[name])
          for name, wait in (("first", 0.0), ("one", 1.5), ("two", 0.0), ("three", 0.0))]


def _threads_seen(raw, out, workers, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = build(raw, out, workers=workers, cache_dir=False, progress=False,
                       stages=STAGES, **kwargs)
    return {name: int(result.tables[name]["threads"].iloc[0]) for name in
            ("first", "one", "two", "three")}


def test_a_stage_gets_one_thread_unless_the_schedule_gives_it_more():
    assert stage_threads() == 1
    with using_threads(2):
        assert stage_threads() == 2
        with using_threads(0):
            assert stage_threads() == 1
    assert stage_threads() == 1


@forks
def test_stages_kept_apart_by_the_budget_each_get_two_threads(small_raw, tmp_path, any_size):
    seen = _threads_seen(small_raw, tmp_path / "out", 2, memory_budget="1")
    # the first stage runs in the build's process, beside the stage processes
    assert seen == {"first": 1, "one": 2, "two": 2, "three": 2}


@forks
def test_stages_that_run_two_at_once_get_one_thread_each(small_raw, tmp_path, any_size):
    seen = _threads_seen(small_raw, tmp_path / "out", 2, memory_budget="64G")
    # "one" and "two" start together, "three" when "two" ends, beside "one"
    assert seen == {"first": 1, "one": 1, "two": 1, "three": 1}


@forks
def test_one_worker_gives_every_stage_one_thread(small_raw, tmp_path, any_size):
    seen = _threads_seen(small_raw, tmp_path / "out", 1, memory_budget="1")
    assert seen == {"first": 1, "one": 1, "two": 1, "three": 1}


@forks
def test_a_stage_kept_apart_gets_a_thread_per_worker(small_raw, tmp_path, any_size):
    seen = _threads_seen(small_raw, tmp_path / "out", 3, memory_budget="1")
    assert seen == {"first": 1, "one": 3, "two": 3, "three": 3}


@forks
def test_a_stage_that_reads_only_the_corpus_runs_alone_while_the_tokens_are_set_aside(
        small_raw, tmp_path, any_size, monkeypatch):
    # "early" needs no tokens: it starts before the others, while the token table is set
    # aside on disk; nothing else may start beside it then, so it gets both threads
    from analysis.pipeline.tables import TokenParts

    spilled = []
    real_spill = TokenParts.spill

    def noted_spill(self, path):
        spilled.append(path.name)
        return real_spill(self, path)

    monkeypatch.setattr(TokenParts, "spill", noted_spill)
    stages = [Stage("first", _threads("first"), reads=["corpus"], writes=["first"]),
              *STAGES[1:], Stage("early", _threads("early"), reads=["corpus"],
                                 writes=["early"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = build(small_raw, tmp_path / "out", workers=2, cache_dir=False,
                       progress=False, stages=stages, memory_budget="1", keep_tables=False)
    seen = {name: int(result.tables[name]["threads"].iloc[0])
            for name in ("first", "early", "one", "two", "three")}
    assert spilled == [".tokens.arrow"]
    assert seen == {"first": 1, "early": 2, "one": 2, "two": 2, "three": 2}
