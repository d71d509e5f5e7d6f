"""The analysis stages on several processes: the same files, tables and warnings as in one
process, whatever the schedule; a failing stage fails the build as it does there."""

from __future__ import annotations

import hashlib
import os
import warnings

import pandas as pd
import pytest

from analysis import build
from analysis.errors import BuildWarning
from analysis.pipeline import STAGES, TEXT_COLUMNS, Stage, memory, parallel, stage_batches
from analysis.pipeline import runner as runner_module
from analysis.pipeline.memory import (
    DEFAULT_MEMORY_BUDGET,
    STAGE_MEMORY,
    available_memory,
    pairs_fit,
    parse_memory,
    stage_memory,
    stage_room,
)
from analysis.pipeline.parallel import can_fork, next_stage

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")
forks = pytest.mark.skipif(not can_fork(), reason="stage processes are forked (Linux)")


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


@forks
@pytest.mark.parametrize(("keep_tables", "budget"), [(True, None), (False, None),
                                                     (False, "1")])
def test_stage_processes_write_what_one_process_writes(small_raw, tmp_path, any_size,
                                                       keep_tables, budget):
    # a budget of one byte: no two stages run at the same time, the same outputs
    stages = [*STAGES, LENGTHS, REFUSES]
    # the first build may compile the kernels (a fresh checkout has none cached): it
    # warns as any other (numba's own catch_warnings blocks, and no table writer thread
    # enters one: tests/pipeline/test_writer.py)
    one, seen_one = _build(small_raw, tmp_path / "one", 1, stages=stages,
                           keep_tables=keep_tables)
    two, seen_two = _build(small_raw, tmp_path / "two", 2, stages=stages,
                           keep_tables=keep_tables, memory_budget=budget)
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


@forks
def test_a_budget_too_small_for_two_stages_runs_them_one_at_a_time(small_raw, tmp_path,
                                                                   any_size, monkeypatch):
    from analysis.pipeline import parallel

    started = []

    def recording(waiting, running, **kwargs):
        k = next_stage(waiting, running, **kwargs)
        if k is not None:
            started.append((waiting[k], list(running)))
        return k

    monkeypatch.setattr(parallel, "next_stage", recording)
    _build(small_raw, tmp_path / "one", 2, stages=[*STAGES, LENGTHS], memory_budget="1")
    assert len(started) == len(STAGES)   # every stage after core, and lengths
    assert all(running == [] for _, running in started), started


@forks
def test_early_stages_that_do_not_fit_beside_the_largest_run_among_the_token_stages(
        small_raw, tmp_path, any_size, monkeypatch):
    # kept apart with the token table set aside, reuse (the largest early stage) runs
    # first; targets and structure, which did not fit beside it, wait for the token
    # frame and take their turn by cost among the stages that read tokens
    started = []

    def recording(waiting, running, **kwargs):
        k = next_stage(waiting, running, **kwargs)
        if k is not None:
            started.append(waiting[k])
        return k

    monkeypatch.setattr(parallel, "next_stage", recording)
    _build(small_raw, tmp_path / "one", 2, stages=STAGES, memory_budget="1")
    assert started == ["reuse", "compare", "themes", "targets", "instruments", "network",
                       "structure"]


@forks
def test_a_stage_that_fails_in_its_process_fails_the_build(small_raw, tmp_path, any_size):
    first = build(small_raw, tmp_path / "out", stages="core", cache_dir=False)
    before = _digest(first.out_dir)
    with pytest.raises(RuntimeError, match="a bug in a stage"):
        build(small_raw, tmp_path / "out", stages=[STAGES[0], LENGTHS, BUG], workers=2,
              cache_dir=False)
    assert _digest(tmp_path / "out") == before  # the previous outputs, as they were
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]  # no staging folder


@forks
def test_one_worker_and_small_corpora_run_in_one_process(small_raw, tmp_path):
    result = build(small_raw, tmp_path / "out", stages=[*STAGES[:3], LENGTHS], workers=2,
                   cache_dir=False)
    assert result.stats["stage_processes"] == 1  # under STAGE_PARALLEL_MIN_CHARS
    assert "stages_wall" not in result.timings


COST = {"reuse": 70.0, "compare": 20.0, "themes": 25.0, "network": 6.0}
MEMORY = {"reuse": 60.0, "compare": 70.0, "themes": 30.0, "network": 10.0}  # bytes per char


def test_without_a_budget_the_costliest_stage_starts_first():
    waiting = ["compare", "reuse", "network", "themes"]
    assert next_stage(waiting, [], characters=10**6, room=None, cost=COST,
                      memory=MEMORY) == 1
    assert next_stage(["compare", "network", "themes"], ["reuse"], characters=10**6,
                      room=None, cost=COST, memory=MEMORY) == 2
    assert next_stage([], ["reuse"], characters=10**6, room=None, cost=COST,
                      memory=MEMORY) is None


def test_stages_that_do_not_fit_beside_the_running_ones_wait():
    # 20M characters: reuse 1.2 GB, compare 1.4 GB, themes 0.6 GB, network 0.2 GB
    waiting, chars = ["compare", "network", "themes"], 20 * 10**6
    # beside reuse in 2 GB: compare does not fit, themes (costlier than network) does
    assert next_stage(waiting, ["reuse"], characters=chars, room=2e9, cost=COST,
                      memory=MEMORY) == 2
    # beside reuse and themes only network fits
    assert next_stage(waiting[:2], ["reuse", "themes"], characters=chars, room=2e9,
                      cost=COST, memory=MEMORY) == 1
    # compare alone is left: the free process waits for reuse to end
    assert next_stage(["compare"], ["reuse"], characters=chars, room=2e9, cost=COST,
                      memory=MEMORY) is None
    # with nothing running a stage starts even when its estimate alone is over the room
    assert next_stage(["compare"], [], characters=chars, room=1e9, cost=COST,
                      memory=MEMORY) == 0
    # a small corpus: everything fits
    assert next_stage(waiting, ["reuse"], characters=10**6, room=2e9, cost=COST,
                      memory=MEMORY) == 2


def test_a_stage_without_an_estimate_counts_the_default_and_cost_one():
    assert stage_memory("mine", 10**6, memory={}) == stage_memory("other", 10**6, memory={})
    assert next_stage(["mine", "network"], [], characters=1, room=None, cost=COST,
                      memory=MEMORY) == 1
    assert next_stage(["mine", "late"], [], characters=1, room=None, cost=COST,
                      memory=MEMORY) == 0  # ties keep their order


def test_the_default_budget_is_2_gib_less_what_the_build_holds(monkeypatch):
    monkeypatch.setattr(memory, "process_memory", lambda: 900 * 2**20)
    monkeypatch.setattr(memory, "available_memory", lambda: 20 * 2**30)
    assert DEFAULT_MEMORY_BUDGET == 2 * 2**30
    assert stage_room() == (2048 - 900) * 2**20
    assert stage_room(4 * 2**30) == (4096 - 900) * 2**20
    # never more than the system has available
    monkeypatch.setattr(memory, "available_memory", lambda: 500 * 2**20)
    assert stage_room() == stage_room(4 * 2**30) == 500 * 2**20
    monkeypatch.setattr(memory, "available_memory", lambda: None)
    assert stage_room() == (2048 - 900) * 2**20


def test_under_the_default_budget_the_large_stages_of_20m_characters_run_one_at_a_time():
    # the build's process holds about 0.9 GB when the stages start at 20M characters
    room, chars = (2048 - 900) * 2**20, 20 * 10**6
    big = ["compare", "instruments", "themes"]
    # the large stages never run beside reuse, nor beside one another
    for name in big:
        assert next_stage([name], ["reuse"], characters=chars, room=room) is None
        assert next_stage([b for b in big if b != name], [name], characters=chars,
                          room=room) is None
    # at 5M characters every stage fits beside any other
    assert all(stage_memory("reuse", 5 * 10**6) + stage_memory(name, 5 * 10**6)
               <= (2048 - 600) * 2**20 for name in STAGE_MEMORY)


def test_the_token_write_waits_only_when_two_stages_do_not_fit_together():
    names = ["compare", "reuse", "network"]  # 70 + 60 bytes per character the largest
    assert pairs_fit(names, characters=10**6, room=None, memory=MEMORY)
    assert pairs_fit(names, characters=10**6, room=130e6, memory=MEMORY)
    assert not pairs_fit(names, characters=10**6, room=129e6, memory=MEMORY)
    assert pairs_fit(["compare"], characters=10**9, room=1, memory=MEMORY)


@pytest.mark.parametrize(("text", "size"), [("2G", 2 * 2**30), ("1500M", 1500 * 2**20),
                                            ("1.5 GB", 3 * 2**29), ("512k", 2**19),
                                            (4096, 4096), ("100", 100),
                                            ("2GiB", 2 * 2**30), ("2 GiB", 2 * 2**30),
                                            (".5G", 2**29), ("3 gi", 3 * 2**30),
                                            ("1 TiB", 2**40), ("64 MiB", 2**26),
                                            ("8Ki", 2**13), ("8 kB", 2**13)])
def test_memory_sizes_read_with_binary_units(text, size):
    assert parse_memory(text) == size


@pytest.mark.parametrize("text", ["", "2X", "-1G", "0", "G", True, "2 GiBB", ".", "2 iB"])
def test_a_memory_size_that_does_not_read_says_what_to_give(text):
    with pytest.raises(ValueError, match="memory budget"):
        parse_memory(text)


_ORPHAN = """
import multiprocessing as mp, os, time
from analysis.pipeline.parallel import _end_with_parent
build = os.getpid()
def stage():
    _end_with_parent(build)
    time.sleep(60)
proc = mp.get_context("fork").Process(target=stage, daemon=True)
proc.start()
print(proc.pid, flush=True)
time.sleep(60)
"""


@forks
def test_a_stage_process_ends_when_the_build_is_killed():
    import os
    import subprocess
    import sys
    import time

    build_proc = subprocess.Popen([sys.executable, "-c", _ORPHAN], stdout=subprocess.PIPE,
                                  text=True)
    stage_pid = int(build_proc.stdout.readline())
    build_proc.kill()
    build_proc.wait()
    for _ in range(50):
        try:
            with open(f"/proc/{stage_pid}/stat", encoding="ascii") as fh:
                alive = fh.read().split()[2] != "Z"
        except OSError:
            alive = False
        if not alive:
            break
        time.sleep(0.1)
    if alive:  # leave no process behind when the test fails
        os.kill(stage_pid, 9)
    assert not alive


def _memory_files(tmp_path, files: dict[str, str]):
    (tmp_path / "meminfo").write_text("MemTotal: 16000000 kB\nMemAvailable: 8000000 kB\n")
    for name, text in files.items():
        (tmp_path / "cg" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "cg" / name).write_text(text)
    return {"meminfo": tmp_path / "meminfo", "cgroup": tmp_path / "cg"}


@pytest.mark.parametrize(("files", "expected"), [
    ({}, 8_000_000 * 1024),  # no control group: the machine's
    ({"memory.max": "max\n", "memory.current": "100\n"}, 8_000_000 * 1024),
    ({"memory.max": f"{2**30}\n", "memory.current": f"{2**28}\n"}, 3 * 2**28),
    ({"memory/memory.limit_in_bytes": f"{2**30}\n",
      "memory/memory.usage_in_bytes": f"{2**29}\n"}, 2**29),
    ({"memory.max": f"{2**30}\n", "memory.current": "?"}, 8_000_000 * 1024),
    ({"memory.max": f"{2**50}\n", "memory.current": "0\n"}, 8_000_000 * 1024),
])
def test_available_memory_is_the_lower_of_the_machine_and_the_container(tmp_path, files,
                                                                       expected):
    assert available_memory(**_memory_files(tmp_path, files)) == expected


def test_available_memory_reads_the_container_without_meminfo(tmp_path):
    paths = _memory_files(tmp_path, {"memory.max": "1000\n", "memory.current": "400\n"})
    assert available_memory(meminfo=tmp_path / "none", cgroup=paths["cgroup"]) <= 600


def test_release_memory_collects_cycles_only_when_asked(monkeypatch):
    import analysis.pipeline.memory as memory

    calls = []
    monkeypatch.setattr(memory.gc, "collect", lambda *a: calls.append(a) or 0)
    memory.release_memory(collect=False)
    assert calls == []
    memory.release_memory()
    assert calls == [()]


def test_the_default_stages_start_costliest_first():
    waiting, started = [s.name for s in STAGES[1:]], []
    while waiting:
        started.append(waiting.pop(next_stage(waiting, [], characters=10**6, room=None)))
    assert started == ["reuse", "compare", "themes", "targets", "instruments", "network",
                       "structure"]


@forks
def test_the_build_leaves_no_object_frozen(small_raw, tmp_path, any_size, monkeypatch):
    import gc

    frozen = []
    inner = runner_module._run_together

    def recording(*args, **kwargs):
        frozen.append(gc.get_freeze_count())  # what loading made, frozen before the fork
        return inner(*args, **kwargs)

    monkeypatch.setattr(runner_module, "_run_together", recording)
    build(small_raw, tmp_path / "out", stages=[*STAGES[:2], LENGTHS], workers=2,
          cache_dir=False)
    assert frozen and frozen[0] > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError, match="a bug in a stage"):
        build(small_raw, tmp_path / "out", stages=[STAGES[0], LENGTHS, BUG], workers=2,
              cache_dir=False)
    assert gc.get_freeze_count() == 0


@forks
def test_a_build_failing_before_its_stages_leaves_no_object_frozen(small_raw, tmp_path,
                                                                   any_size, monkeypatch):
    import gc

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(runner_module, "_run_together", broken)
    with pytest.raises(OSError, match="disk full"):
        build(small_raw, tmp_path / "out", stages=[*STAGES[:2], LENGTHS], workers=2,
              cache_dir=False)
    assert gc.get_freeze_count() == 0


@forks
def test_the_build_keeps_what_its_caller_froze(small_raw, tmp_path, any_size):
    import gc

    gc.freeze()
    try:
        before = gc.get_freeze_count()
        build(small_raw, tmp_path / "out", stages=[*STAGES[:2], LENGTHS], workers=2,
              cache_dir=False)
        assert gc.get_freeze_count() > before // 2 > 0  # not unfrozen (some died since)
    finally:
        gc.unfreeze()


def _siblings(name):
    def run(ctx):
        # the build's processes other than this stage's own (its live children but this
        # one), once the build has had a few seconds to end those with nothing to do
        import os
        import time
        from pathlib import Path

        parent, n = os.getppid(), -1
        for _ in range(50):
            n = len(Path(f"/proc/{parent}/task/{parent}/children").read_text().split()) - 1
            if n == 0:
                break
            time.sleep(0.1)
        return {name: pd.DataFrame({"doc_id": ["all"], "n": [n], "pid": [os.getpid()]})}
    return run


@forks
def test_a_stage_process_with_nothing_it_may_take_ends_while_another_works(
        small_raw, tmp_path, any_size):
    # a budget that lets one stage run at a time: the second process has nothing to take
    # and ends, so the memory it holds does not stand beside the stages that run
    stages = [Stage(f"siblings{i}", _siblings(f"siblings{i}"), reads=["corpus"],
                    writes=[f"siblings{i}"]) for i in range(3)]
    result, _ = _build(small_raw, tmp_path / "one", 2, stages=stages, memory_budget="1")
    rows = [result.tables[f"siblings{i}"].iloc[0] for i in range(3)]
    # the first stage runs in the build's own process, whose parent is the test runner's:
    # only the stages run in stage processes count the build's processes
    counts = [int(row["n"]) for row in rows if int(row["pid"]) != os.getpid()]
    assert counts == [0, 0]


def _pid(name):
    def run(ctx):
        import os

        return {name: pd.DataFrame({"doc_id": ["all"], "pid": [os.getpid()]})}
    return run


@forks
@pytest.mark.parametrize("budget", ["1", "64G"])
def test_stages_kept_apart_by_the_budget_each_get_a_process_of_their_own(
        small_raw, tmp_path, any_size, budget):
    # one at a time, each stage starts from the build's memory alone, not from what an
    # earlier stage left in its process's allocator; with room, processes serve several
    import os

    stages = [Stage(f"pid{i}", _pid(f"pid{i}"), reads=["corpus"], writes=[f"pid{i}"])
              for i in range(6)]
    result, _ = _build(small_raw, tmp_path / "out", 2, stages=stages, memory_budget=budget)
    pids = [int(result.tables[f"pid{i}"]["pid"].iloc[0]) for i in range(6)]
    forked = [p for p in pids if p != os.getpid()]
    assert len(forked) >= 4
    if budget == "1":
        assert len(set(forked)) == len(forked)
    else:  # with room: the two processes, and the one that started beside the first stage
        assert len(set(forked)) <= 3 < len(forked)


def _clock(name, *, wait=0.0, fail=False):
    def run(ctx):
        import time

        began = time.time()
        time.sleep(wait)
        if fail:
            raise RuntimeError("the first stage broke")
        return {name: pd.DataFrame({"doc_id": ["all"], "began": [began],
                                    "ended": [time.time()]})}
    return run


FIRST = Stage("first", _clock("first", wait=1.0), reads=["corpus", "tokens"],
              writes=["first"])
NO_TOKENS = Stage("no_tokens", _clock("no_tokens"), reads=["corpus", "clauses"],
                  writes=["no_tokens"])
WITH_TOKENS = Stage("with_tokens", _clock("with_tokens"), reads=["corpus", "tokens"],
                    writes=["with_tokens"])


@forks
def test_stages_that_read_no_tokens_start_while_the_first_stage_runs(small_raw, tmp_path,
                                                                     any_size):
    result, _ = _build(small_raw, tmp_path / "out", 2,
                       stages=[FIRST, WITH_TOKENS, NO_TOKENS])
    first = result.tables["first"].iloc[0]
    # on the other core, before the first stage (core in the build) has ended
    assert result.tables["no_tokens"]["began"].iloc[0] < first["ended"]
    # a stage reading the tokens waits for it (and for the token frame)
    assert result.tables["with_tokens"]["began"].iloc[0] >= first["ended"]
    assert [n for n in result.timings if n in {"first", "with_tokens", "no_tokens"}] == [
        "first", "with_tokens", "no_tokens"]


@forks
def test_a_budget_with_no_room_beside_the_first_stage_starts_nothing_before_it(
        small_raw, tmp_path, any_size):
    result, _ = _build(small_raw, tmp_path / "out", 2, stages=[FIRST, NO_TOKENS],
                       memory_budget="1")
    assert result.tables["no_tokens"]["began"].iloc[0] >= result.tables["first"]["ended"].iloc[0]


@forks
def test_a_first_stage_that_fails_stops_the_stages_started_beside_it(small_raw, tmp_path,
                                                                      any_size):
    import time

    broken = Stage("first", _clock("first", wait=0.5, fail=True), reads=["corpus"],
                   writes=["first"])
    slow = Stage("slow", _clock("slow", wait=30.0), reads=["corpus"], writes=["slow"])
    t0 = time.perf_counter()
    with pytest.raises(RuntimeError, match="the first stage broke"):
        build(small_raw, tmp_path / "out", stages=[broken, slow, NO_TOKENS], workers=2,
              cache_dir=False)
    assert time.perf_counter() - t0 < 20  # the slow stage's process did not run on
    # no staging folder left, in the output folder or beside it
    assert [p.name for p in tmp_path.iterdir() if p.name != "raw"] in ([], ["out"])
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@forks
def test_kept_apart_the_stages_that_read_no_tokens_run_before_those_that_do(
        small_raw, tmp_path, any_size):
    # the token table is set aside (on disk) while they run, and made again after them
    first = Stage("first", _clock("first"), reads=["corpus"], writes=["first"])
    result, _ = _build(small_raw, tmp_path / "out", 2, keep_tables=False,
                       stages=[first, WITH_TOKENS, NO_TOKENS], memory_budget="1")
    began = result.tables["with_tokens"]["began"].iloc[0]
    assert began >= result.tables["no_tokens"]["ended"].iloc[0]
    assert sorted(p.name for p in result.out_dir.iterdir() if p.name.startswith(".")) == []


def _token_parts(name):
    def run(ctx):
        # the token arrays this stage's process holds (none once they are set aside)
        parts = getattr(ctx._inputs.tokens, "parts", None)
        return {name: pd.DataFrame({"doc_id": ["all"], "parts": [len(parts or [])]})}
    return run


@forks
def test_kept_apart_the_stages_that_read_no_tokens_run_without_the_token_arrays(
        small_raw, tmp_path, any_size):
    # the processes that run them are forked once the token table is set aside, so the
    # memory it held is not kept by them while they run
    first = Stage("first", _clock("first"), reads=["corpus"], writes=["first"])
    early = [Stage(f"early{i}", _token_parts(f"early{i}"), reads=["corpus"],
                   writes=[f"early{i}"]) for i in range(2)]
    result, _ = _build(small_raw, tmp_path / "out", 2, keep_tables=False,
                       stages=[first, WITH_TOKENS, *early], memory_budget="1")
    assert [int(result.tables[f"early{i}"]["parts"].iloc[0]) for i in range(2)] == [0, 0]


def test_a_stage_process_trims_after_a_written_table_only_when_it_is_large(tmp_path,
                                                                            monkeypatch):
    small = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2]})
    large = pd.DataFrame({"doc_id": ["a"] * 1000, "n": range(1000)})
    stage = Stage("two", lambda ctx: None, reads=["corpus"], writes=["small", "large"])
    calls = []
    monkeypatch.setattr(parallel, "TRIM_MIN_BYTES", large.memory_usage(index=False).sum())
    monkeypatch.setattr(parallel, "_JOB", parallel._Job(
        [stage], None, lambda stage, ctx: {"small": small, "large": large}, tmp_path,
        set(), lambda *, collect=True: calls.append(collect)))
    outcome = parallel._run_one(0)
    assert outcome.error is None and sorted(outcome.written) == ["large", "small"]
    # after the stage, after the large table (a trim alone), and at the end of the stage
    assert calls == [True, False, True]


def _texts_held(name):
    def run(ctx):
        # the text columns of the build's corpus (shared) and of the stage's own view
        held = [c for c in TEXT_COLUMNS if c in ctx._inputs.corpus.documents.columns]
        seen = [c for c in TEXT_COLUMNS if c in ctx.corpus.documents.columns]
        return {name: pd.DataFrame({"doc_id": ["all"], "held": ",".join(held),
                                    "seen": ",".join(seen)})}
    return run


@forks
@pytest.mark.parametrize(("then", "held"), [([], ""), ([WITH_TOKENS], "text_raw,text_orig,text")])
def test_kept_apart_the_texts_no_stage_left_reads_go_before_the_next_fork(
        small_raw, tmp_path, any_size, then, held):
    # a stage sees only the text columns it declares; the build's process lets go of
    # those no stage left to start reads (all three: a stage that does not say reads all)
    first = Stage("first", _clock("first"), reads=["corpus"], writes=["first"])
    orig = Stage("orig", _texts_held("orig"), reads=["corpus"], writes=["orig"],
                 texts=["text_orig"])
    bare = Stage("bare", _texts_held("bare"), reads=["corpus", "tokens"], writes=["bare"],
                 texts=[])
    result, _ = _build(small_raw, tmp_path / "out", 2, keep_tables=False,
                       stages=[first, orig, bare, *then], memory_budget="1")
    assert result.tables["orig"].iloc[0][["held", "seen"]].tolist() == [
        "text_orig" if not then else held, "text_orig"]
    assert result.tables["bare"].iloc[0][["held", "seen"]].tolist() == [held, ""]


def test_a_table_of_long_texts_counts_as_the_bytes_of_its_texts():
    # an object column (as list cells or texts a stage builds cell by cell make it) of 40
    # rows of 20,000 characters each: 320 bytes of pointers, 1.6 MB of text
    texts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)],
                          "text": pd.Series([f"{i}" + "政策" * 10_000 for i in range(40)],
                                            dtype=object),
                          "n": range(40)})
    assert texts["text"].dtype == object
    held = parallel._held_bytes(texts)
    assert held > 40 * 20_000 * 2
    numbers = pd.DataFrame({"n": range(1000), "x": 0.5})
    assert parallel._held_bytes(numbers) == 16_000  # numeric columns: their arrays only


def test_a_stage_process_trims_after_a_written_table_of_long_texts(tmp_path, monkeypatch):
    texts = pd.DataFrame({"doc_id": ["a", "b"],
                          "text": pd.Series(["政策" * 400_000, "条款" * 400_000], dtype=object)})
    stage = Stage("one", lambda ctx: None, reads=["corpus"], writes=["texts"])
    calls = []
    monkeypatch.setattr(parallel, "TRIM_MIN_BYTES", 2**20)
    monkeypatch.setattr(parallel, "_JOB", parallel._Job(
        [stage], None, lambda stage, ctx: {"texts": texts}, tmp_path,
        set(), lambda *, collect=True: calls.append(collect)))
    outcome = parallel._run_one(0)
    assert outcome.error is None and outcome.written["texts"]
    # after the stage, after the table (3.2 MB of text in two cells), at the end
    assert calls == [True, False, True]
