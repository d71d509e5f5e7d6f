"""The clause table when the loading workers make it: the same table, the same warnings
(category, message, module) and the same fate for a document whose clauses cannot be
parsed as when the build makes it itself."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import analysis.pipeline.loader as loader
import analysis.structure.clauses as clauses_module
from analysis import build
from analysis.errors import BuildWarning
from analysis.pipeline import STAGES, BuildOptions, load_and_tokenize
from analysis.pipeline import runner as runner_module
from analysis.pipeline.parallel import can_fork
from analysis.structure import StructureWarning, clause_table
from analysis.text import get_tokenizer

TEXTS = {
    "a": "标题\n一、总体要求\n(一)指导思想\n坚持创新。\n1.加强领导。要求。" * 20,
    "b": "支持科技型中小企业开展研发活动，推动成果转化。" * 20,
    "c": "标题\n一、重点任务\n(一)科技创新\n1.推进技术创新。\n2.完善服务体系。" * 20,
}


forks = pytest.mark.skipif(not can_fork(), reason="stage processes are forked (Linux)")


@pytest.fixture
def everywhere(monkeypatch):
    """Loading workers and stage processes even for a tiny corpus."""
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(runner_module, "STAGE_PARALLEL_MIN_CHARS", 0)


def _build(raw, workers, **kwargs):
    # (no files written: the writer's threads play no part in which warnings show)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = build(raw, workers=workers, cache_dir=False, progress=False, write=False,
                       **kwargs)
    return result, caught


@pytest.mark.parametrize(("workers", "budget"), [(1, None), (2, None), (2, "1")])
def test_a_document_whose_clauses_fail_empties_the_stages_that_read_clauses(
        make_corpus, c_cannot_be_parsed, everywhere, workers, budget):
    if workers > 1 and not can_fork():
        pytest.skip("stage processes are forked (Linux)")
    # (as in one process: the stages that read clauses are emptied, the others run; also
    # with the stages kept apart, where the build lets go of the texts no stage left to
    # start reads: the clause table, made by each stage, still reads them)
    result, caught = _build(make_corpus(TEXTS), workers, memory_budget=budget)
    _assert_only_clause_stages_emptied(result, caught)


@pytest.fixture
def c_cannot_be_parsed(monkeypatch):
    """The clauses of document ``c`` cannot be parsed (a ValueError)."""
    parse = clauses_module.parse_outline

    def fails_on_c(text, *, doc_id, rules):
        if doc_id == "c":
            raise ValueError("cannot parse this outline")
        return parse(text, doc_id=doc_id, rules=rules)

    monkeypatch.setattr(clauses_module, "parse_outline", fails_on_c)


def _assert_only_clause_stages_emptied(result, caught):
    failed = sorted({str(w.message).split("'")[1] for w in caught
                     if issubclass(w.category, BuildWarning)
                     and "ValueError: cannot parse this outline" in str(w.message)})
    assert failed == sorted(s.name for s in STAGES if "clauses" in s.reads), [
        (w.category, str(w.message)) for w in caught]
    for stage in STAGES:
        for name in stage.writes:
            assert result.tables[name].empty == ("clauses" in stage.reads), name


@forks
def test_clause_warnings_from_the_workers_keep_category_message_and_module(make_corpus,
                                                                          everywhere):
    workers = 2
    raw = make_corpus(TEXTS)
    _, caught = _build(raw, workers)
    mine = [w for w in caught if issubclass(w.category, StructureWarning)]
    assert [str(w.message).split(":")[0] for w in mine] == ["b"]
    assert mine[0].filename == clauses_module.__file__
    # a filter by module applies to them as to a warning raised in this process
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=StructureWarning,
                                module=r"analysis\.structure\.clauses")
        build(raw, workers=workers, cache_dir=False, progress=False, write=False)
    assert not [w for w in caught if issubclass(w.category, StructureWarning)]


def test_the_workers_clause_table_is_the_builds(make_corpus, everywhere):
    raw = make_corpus(TEXTS)
    one, _ = _build(raw, 1)
    two, _ = _build(raw, 2)
    for name in ("clauses", "outline", "targets"):
        if name in one.tables:
            pd.testing.assert_frame_equal(one.tables[name], two.tables[name])


@pytest.mark.parametrize("workers", [1, 2])
def test_the_loading_workers_make_the_clause_table_in_corpus_order(make_corpus, everywhere,
                                                                   workers):
    raw = make_corpus(TEXTS)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        corpus, _, stats = load_and_tokenize(raw, BuildOptions(), tokenizer=get_tokenizer(),
                                             cache_dir=False, workers=workers, clauses=True)
    if workers == 1:  # one process: made where it is first read, as without
        assert "clauses" not in stats
        return
    loaded = stats["clauses"]
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        pd.testing.assert_frame_equal(loaded.table, clause_table(corpus))
    assert [(str(m).split(":")[0], c) for m, c, *_ in loaded.warnings] == [
        ("b", StructureWarning)]


def test_a_document_the_workers_cannot_parse_leaves_the_table_to_the_build(
        make_corpus, monkeypatch, everywhere):
    raw = make_corpus(TEXTS)
    monkeypatch.setattr(clauses_module, "parse_outline", _fails)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        _, _, stats = load_and_tokenize(raw, BuildOptions(), tokenizer=get_tokenizer(),
                                        cache_dir=False, workers=2, clauses=True)
    assert stats["clauses"].table is None and stats["clauses"].warnings == []


def _fails(text, *, doc_id, rules):
    raise ValueError("cannot parse this outline")


@pytest.fixture
def load_here_stages_apart(monkeypatch):
    """Loading in this process (the corpus is under the loading threshold), the stages in
    processes: the clause table is first made where the stages start."""
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 10**12)
    monkeypatch.setattr(runner_module, "STAGE_PARALLEL_MIN_CHARS", 0)


@forks
def test_a_clause_failure_met_before_the_stage_processes_empties_their_stages(
        make_corpus, c_cannot_be_parsed, load_here_stages_apart):
    result, caught = _build(make_corpus(TEXTS), 2)
    assert result.stats["stage_processes"] > 1
    _assert_only_clause_stages_emptied(result, caught)


NO_OUTLINE = {f"p{i}": "支持科技型中小企业开展研发活动，推动成果转化。" * 5 for i in range(5)}


def _structure_messages(caught):
    return sorted(str(w.message) for w in caught if issubclass(w.category, StructureWarning))


@forks
def test_no_outline_warnings_are_summarised_alike_in_one_process_and_in_many(
        make_corpus, load_here_stages_apart):
    raw = make_corpus(NO_OUTLINE)
    _, one = _build(raw, 1)
    result, two = _build(raw, 2)
    assert result.stats["stage_processes"] > 1
    assert _structure_messages(one) == _structure_messages(two)
    assert len(_structure_messages(two)) == 1
    assert "[and 4 more documents" in _structure_messages(two)[0]


@pytest.mark.parametrize("workers, stages", [(1, None), (2, None), (2, ["structure"])])
def test_a_module_filter_hides_the_summarised_structure_warnings(
        make_corpus, load_here_stages_apart, workers, stages):
    if workers > 1 and not can_fork():
        pytest.skip("stage processes are forked (Linux)")
    raw = make_corpus(NO_OUTLINE)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=StructureWarning,
                                module=r"analysis\.structure\.clauses")
        build(raw, workers=workers, cache_dir=False, progress=False, write=False,
              stages=stages)
    assert _structure_messages(caught) == []
