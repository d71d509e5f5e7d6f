"""The memory budget's estimates: which stages of a 20M-character build may run at once
within the default 2 GiB, and which run alone."""

from __future__ import annotations

from analysis.pipeline.memory import DEFAULT_MEMORY_BUDGET, pairs_fit, stage_memory
from analysis.pipeline.parallel import next_stage

MB = 2**20
CHARS = 20 * 10**6
ALL = ["structure", "targets", "compare", "reuse", "network", "themes", "instruments"]


def _room(build_mb):
    return DEFAULT_MEMORY_BUDGET - build_mb * MB


def _beside(running, waiting, build_mb, chars=CHARS):
    k = next_stage(waiting, running, characters=chars, room=_room(build_mb))
    return None if k is None else waiting[k]


def test_at_20m_characters_a_large_stage_runs_alone():
    # the build's process holds about 0.55 GB while reuse runs and about 1.0 GB beside
    # the stages that read tokens (the token table mapped back; measured): no stage that
    # reads tokens fits beside compare, themes or instruments (0.68-0.74 GB of their own)
    for big in ["compare", "themes", "instruments"]:
        assert _beside([big], ["network", "themes", "compare", "instruments"], 1007) is None
    assert _beside(["network"], ["compare", "themes", "instruments"], 1007) is None
    assert not pairs_fit(ALL, characters=CHARS, room=_room(1007))


def test_at_20m_characters_reuse_runs_beside_structure_only():
    # reuse's own 0.87 GB leaves room beside it for structure (0.32 GB), not targets
    # (0.57 GB): a build's process of 0.55 GB with both would pass 2 GiB
    assert _beside(["reuse"], ["targets", "structure"], 555) == "structure"
    assert _beside(["reuse"], ["targets"], 555) is None
    assert _beside(["reuse", "structure"], ["network"], 555) is None


def test_at_20m_characters_the_small_stages_run_two_at_a_time():
    # targets beside the core stage (0.9 GB in the build's process before it), then
    # network beside targets and structure beside either
    assert _beside(["core"], ["structure", "targets", "reuse"], 908) == "targets"
    assert _beside(["targets"], ["structure", "reuse"], 555) == "structure"
    assert _beside(["targets"], ["network", "structure"], 737) == "network"
    assert _beside(["network"], ["structure"], 737) == "structure"


def test_at_10m_characters_any_two_stages_fit_together():
    # the schedule the budget does not hold back (no process forked per stage)
    for build_mb in (600, 700):
        assert pairs_fit(ALL, characters=10**7, room=_room(build_mb))


def test_an_estimate_grows_with_the_corpus():
    assert stage_memory("themes", 2 * CHARS) == 2 * stage_memory("themes", CHARS)
    assert stage_memory("reuse", CHARS) > stage_memory("themes", CHARS) > stage_memory(
        "network", CHARS)
