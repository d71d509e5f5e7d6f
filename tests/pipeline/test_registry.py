"""The stage registry: stages declare what they read and write, and a stage list whose
declarations do not add up is refused before anything runs."""

from __future__ import annotations

import pytest

import analysis.pipeline.registry as registry
from analysis.pipeline import STAGES, Stage, StageError, check_order, select_stages
from analysis.pipeline.registry import stage_list


def _stage(name, reads=(), writes=()):
    return Stage(name, f"mine:{name}", reads=reads, writes=writes)


def test_the_default_build_is_in_order_and_writes_each_table_once():
    check_order(STAGES)
    assert [s.name for s in STAGES] == ["core", "structure", "targets", "compare", "reuse",
                                        "network", "themes", "instruments"]
    written = [t for s in STAGES for t in s.writes]
    assert len(written) == len(set(written)) == 38


def test_select_stages_keeps_build_order_and_core():
    assert select_stages("all") == list(STAGES)
    assert [s.name for s in select_stages(["instruments", "structure"])] == \
        ["core", "structure", "instruments"]
    assert [s.name for s in select_stages("core, themes,")] == ["core", "themes"]


def test_select_stages_adds_the_stages_whose_tables_a_stage_reads(monkeypatch):
    late = _stage("late", reads=("corpus", "targets"), writes=("late",))
    monkeypatch.setattr(registry, "STAGES", (*STAGES, late))
    assert [s.name for s in select_stages("late")] == ["core", "targets", "late"]


def test_an_unknown_stage_name_lists_the_stages():
    with pytest.raises(StageError, match=r"unknown build stage.*'themse'.*themes"):
        select_stages("core,themse")
    assert issubclass(StageError, ValueError)  # the command line reports it without a trace


def test_reading_what_no_earlier_stage_writes_is_an_error():
    early = _stage("early", reads=("terms",), writes=("early",))
    with pytest.raises(StageError, match="stage 'early' reads 'terms', which neither the "
                       r"build \(corpus, tokens, clauses\) nor a stage before it provides: "
                       "put it after stage 'core', which writes 'terms'"):
        check_order([early, *STAGES])
    check_order([*STAGES, early])
    orphan = _stage("orphan", reads=("nowhere",), writes=("orphan",))
    with pytest.raises(StageError, match="no stage in the build writes 'nowhere'"):
        check_order([*STAGES, orphan])


def test_the_build_inputs_need_no_stage():
    check_order([_stage("alone", reads=("corpus", "tokens", "clauses"), writes=("alone",))])


def test_two_stages_writing_one_table_or_one_name_twice_are_errors():
    with pytest.raises(StageError, match="stages 'core' and 'again' both write table 'terms'"):
        check_order([*STAGES, _stage("again", writes=("terms",))])
    with pytest.raises(StageError, match="stage 'core' is listed twice"):
        check_order([*STAGES, STAGES[0]])


def test_a_declaration_must_be_lists_of_names_and_a_function():
    with pytest.raises(StageError, match="reads is a list of names"):
        Stage("x", "mine:x", reads="corpus")
    with pytest.raises(StageError, match="not 'module:function'"):
        Stage("x", "mine.x")
    with pytest.raises(StageError, match="lists table\\(s\\) t twice"):
        Stage("x", "mine:x", writes=["t", "t"])
    with pytest.raises(StageError, match="without commas"):
        Stage("a,b", "mine:x")


def test_a_function_stage_is_named_by_its_import_path():
    def mine(ctx):
        return {}

    stage = Stage("mine", mine, writes=[])
    assert stage.resolve() is mine
    assert stage.spec.endswith("test_registry:test_a_function_stage_is_named_by_its_import_"
                               "path.<locals>.mine")
    assert STAGES[0].resolve().__name__ == "core_stage"


def test_the_build_takes_names_stages_and_registered_pairs():
    assert stage_list(None) == list(STAGES)
    assert [s.name for s in stage_list("targets")] == ["core", "targets"]
    mine = _stage("mine", reads=("terms",), writes=("mine",))
    assert stage_list(["core", mine])[1] is mine
    pair = ("compare", "analysis.pipeline.stages:compare_stage")
    assert stage_list([pair]) == [STAGES[3]]
    assert stage_list([]) == []
    with pytest.raises(StageError, match="not a stage of the build"):
        stage_list([("broken", "mine:broken")])
    with pytest.raises(StageError, match="reads 'terms'"):
        stage_list([mine])
