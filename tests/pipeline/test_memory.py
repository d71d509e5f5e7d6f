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
    # with the documents' texts held the build's process holds about 1.0 GB beside the
    # stages that read tokens (the token table mapped back; measured): no stage that
    # reads tokens fits beside compare, themes or instruments (0.68-0.75 GB of their own)
    for big in ["compare", "themes", "instruments"]:
        assert _beside([big], ["network", "themes", "compare", "instruments"], 1007) is None
    assert _beside(["network"], ["compare", "themes", "instruments"], 1007) is None
    assert not pairs_fit(ALL, characters=CHARS, room=_room(1007))


def test_at_20m_characters_reuse_runs_alone():
    # reuse's own 0.86-1.08 GB leaves no room beside it with the build's process at
    # 0.64 GB (measured when it forks), not even for structure (0.3 GB)
    assert _beside(["reuse"], ["targets", "structure"], 640) is None
    assert _beside(["reuse"], ["network"], 640) is None


def test_at_20m_characters_network_runs_beside_compare_once_the_texts_are_let_go():
    # the stages that read tokens read none of the documents' texts: the build's process
    # lets them go (0.16 GB) and holds about 0.81 GB instead of 0.97-1.0 GB, so network
    # (0.35-0.5 GB) starts beside compare (0.68-0.69 GB) within the estimates' margin ...
    assert _beside(["compare"], ["network", "themes", "instruments"], 805) == "network"
    assert _beside(["network"], ["compare", "themes", "instruments"], 805) == "compare"
    # ... not with the texts held, nor beside themes or instruments (0.74-0.75 GB)
    assert _beside(["compare"], ["network"], 1000) is None
    for big in ["themes", "instruments"]:
        assert _beside([big], ["network", "compare"], 805) is None
    # and no two of the large ones
    assert _beside(["compare"], ["themes", "instruments"], 700) is None


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
