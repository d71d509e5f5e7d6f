"""One document a stage cannot use never fails the build; repeated warnings are summarised."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import pytest

from analysis import build
from analysis.errors import BuildWarning
from analysis.pipeline import STAGES, Stage
from analysis.pipeline.guard import summarised_warnings

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")


def _needs_words(ctx):
    """A stage that, like keyness, refuses a document without word tokens."""
    tokens = ctx.tokens
    words = tokens[tokens["keep"]].groupby("doc_id", observed=True).size()
    if (words.reindex(ctx.corpus.doc_ids, fill_value=0) == 0).any():
        raise ValueError("the target has no word tokens.")
    return {"words": words.rename("n").reset_index()}


def _always_fails(ctx):
    raise ValueError("nothing to compare.")


NEEDS_WORDS = Stage("needs_words", _needs_words, reads=["corpus", "tokens"], writes=["words"])


def test_stage_runs_again_without_the_document_it_cannot_use(make_corpus):
    raw = make_corpus({"a": "支持科技型中小企业开展研发活动。", "n": "2021 100 200 45.5%",
                       "b": "完善科技金融服务体系。"})
    with pytest.warns(BuildWarning) as seen:
        result = build(raw, write=False, stages=[STAGES[0], NEEDS_WORDS])
    msg = str(seen[0].message)
    assert "stage 'needs_words' failed" in msg and "the target has no word tokens" in msg
    assert msg.endswith("missing from its tables: n. Check those files.")
    assert sorted(result.tables["words"]["doc_id"].astype(str)) == ["a", "b"]
    assert sorted(result.tables["documents"]["doc_id"]) == ["a", "b", "n"]


def test_stage_failing_anyway_writes_empty_tables_and_the_build_finishes(small_raw, tmp_path):
    stage = Stage("fails", _always_fails, reads=["corpus"], writes=["t", "u"])
    with pytest.warns(BuildWarning, match=r"stage 'fails' failed on this corpus \(ValueError: "
                                          r"nothing to compare\.\); its tables t, u are "
                                          "written empty"):
        result = build(small_raw, tmp_path / "out", stages=[STAGES[0], stage])
    assert result.tables["t"].empty and list(result.tables["u"].columns) == ["doc_id"]
    assert (tmp_path / "out" / "t.parquet").is_file()


def test_a_warning_many_documents_raise_is_one_warning_with_count_and_ids():
    ids = [f"doc{i:04d}" for i in range(2000)]
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with summarised_warnings(doc_ids=ids):
            for doc in ids[:1500]:
                warnings.warn(f"{doc}: no outline recognised; kept as 1 body clause.",
                              UserWarning, stacklevel=1)
            warnings.warn("something else", UserWarning, stacklevel=1)
    assert [str(w.message) for w in seen] == [
        "doc0000: no outline recognised; kept as 1 body clause. [and 1499 more documents: "
        "doc0001, doc0002, doc0003, doc0004, doc0005 and 1494 more]",
        "something else"]


def test_a_few_warnings_stay_as_they_are():
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with summarised_warnings(doc_ids=["a", "b", "c"]):
            for doc in "abc":
                warnings.warn(f"{doc}: odd", UserWarning, stacklevel=1)
    assert [str(w.message) for w in seen] == ["a: odd", "b: odd", "c: odd"]


def test_warnings_before_a_failure_still_show():
    with warnings.catch_warnings(record=True) as seen, pytest.raises(KeyError):
        warnings.simplefilter("always")
        with summarised_warnings(doc_ids=["a"]):
            warnings.warn("a: first", UserWarning, stacklevel=1)
            raise KeyError("x")
    assert [str(w.message) for w in seen] == ["a: first"]


def test_build_summarises_the_outline_warning_over_many_documents(make_corpus):
    raw = make_corpus({f"d{i}": f"支持科技型中小企业开展研发活动{i}。" for i in range(8)})
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        build(raw, write=False, stages="structure", cache_dir=False)
    outline = [str(w.message) for w in seen if "no outline" in str(w.message)]
    assert len(outline) == 1
    assert outline[0].endswith("[and 7 more documents: d1, d2, d3, d4, d5 and 2 more]")


def test_a_block_never_left_does_not_reset_warnings_when_it_is_collected():
    import gc

    leaked = summarised_warnings(doc_ids=["a"])
    leaked.__enter__()  # entered, never exited
    leaked.cycle = leaked  # so only the cycle collector frees it, e.g. in a build's gc
    del leaked
    with pytest.warns(BuildWarning, match="still seen"):
        gc.collect()
        warnings.warn("still seen", BuildWarning, stacklevel=1)


_BUILD_WARNINGS = """
import json, sys, threading, warnings
import analysis.pipeline.loader as loader, analysis.pipeline.runner as runner
from analysis import build
loader.PARALLEL_MIN_CHARS = runner.STAGE_PARALLEL_MIN_CHARS = 0  # every thread and process
others = []
enter = warnings.catch_warnings.__enter__
def noted(self):
    if threading.current_thread() is not threading.main_thread():
        others.append(threading.current_thread().name)
    return enter(self)
warnings.catch_warnings.__enter__ = noted
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    build(sys.argv[1], sys.argv[2], workers=2, cache_dir=False, progress=False)
print(json.dumps([[[w.category.__name__, str(w.message)] for w in seen], others]))
"""


@pytest.mark.slow
def test_a_first_build_with_no_compiled_kernels_warns_as_a_second_one(small_raw, tmp_path):
    # numba records warnings in catch_warnings blocks of its own as it compiles the
    # kernels in the first build (its cache is empty), while the loading and the table
    # writes run threads beside it; each build in a fresh process, with every module
    # still to import
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    seen = [json.loads(subprocess.run(
        [sys.executable, "-c", _BUILD_WARNINGS, str(small_raw), str(tmp_path / name)],
        env=env, capture_output=True, text=True, check=True).stdout)
        for name in ("first", "second")]
    assert any((tmp_path / "numba").rglob("*.nbi"))  # the first build compiled them
    assert seen[0][0] == seen[1][0]
    assert [c for c, _ in seen[0][0]] == ["StructureWarning"] * 3
    assert seen[0][1] == seen[1][1] == []  # no block but in the build's own thread
