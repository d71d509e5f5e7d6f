"""Writing the tables: staging folder and one move, Parquet for code and a CSV for Excel
when Excel can open it, and build_info.json."""

from __future__ import annotations

import hashlib
import json
import threading
import warnings

import pandas as pd
import pytest

import analysis.pipeline.writer as writer_module
from analysis import build
from analysis.errors import BuildWarning
from analysis.pipeline import STAGES, BuildOptions, Stage
from analysis.pipeline.guard import summarised_warnings
from analysis.pipeline.writer import TableWriter

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")

# a document of repeated words: many tokens, few terms
REPEATED = {"a": "支持科技创新。" * 20, "b": "完善金融服务。" * 20}


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_tables_too_long_for_excel_get_no_csv(make_corpus, tmp_path, monkeypatch):
    raw = make_corpus(REPEATED)
    out = tmp_path / "out"
    out.mkdir()
    (out / "tokens.csv").write_text("stale", encoding="utf-8")
    monkeypatch.setattr(writer_module, "CSV_MAX_ROWS", 50)
    result = build(raw, out, cache_dir=False, stages="core")
    assert len(result.tables["tokens"]) > 50 >= len(result.tables["terms"])
    assert not (out / "tokens.csv").exists(), "a stale CSV must not survive"
    assert (out / "tokens.parquet").is_file() and (out / "terms.csv").is_file()
    info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    assert info["tables"]["tokens"]["csv"] is False
    assert info["tables"]["terms"]["csv"] is True


def test_token_parquet_written_from_arrow_reads_back_as_the_token_table(make_corpus, tmp_path,
                                                                        monkeypatch):
    # a token table too long for a CSV is written straight from the workers' arrays
    # (doc_id and kind dictionary-encoded): readers must still get plain string columns
    raw = make_corpus(REPEATED)
    monkeypatch.setattr(writer_module, "CSV_MAX_ROWS", 10)
    result = build(raw, tmp_path / "out", cache_dir=False, stages="core")
    back = pd.read_parquet(tmp_path / "out" / "tokens.parquet")
    assert back.equals(result.tables["tokens"])
    assert str(back["doc_id"].dtype) == "str" and str(back["kind"].dtype) == "str"
    build(raw, tmp_path / "again", cache_dir=False, stages="core")
    assert ((tmp_path / "again" / "tokens.parquet").read_bytes()
            == (tmp_path / "out" / "tokens.parquet").read_bytes())


def test_failed_stage_leaves_previous_outputs(small_raw, tmp_path):
    out = tmp_path / "out"
    build(small_raw, out, stages="core")
    before = _digest(out)

    def broken(ctx):
        raise RuntimeError("stage failed")

    stage = Stage("broken", broken, reads=["corpus"], writes=["never"])
    with pytest.raises(RuntimeError, match="stage failed"):
        build(small_raw, out, stages=[STAGES[0], STAGES[2], stage])
    assert _digest(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or
                p.name.startswith(".staging")]


def test_build_info_records_options_inputs_tables_and_versions(small_raw, tmp_path):
    opts = BuildOptions(tokenizer="rjieba", top_n=5)
    result = build(small_raw, tmp_path / "out", options=opts, cache_dir=False, stages="core")
    info = json.loads((tmp_path / "out" / "build_info.json").read_text(encoding="utf-8"))
    assert list(info) == ["inputs", "options", "python", "tables", "tokenizer_fingerprint",
                          "versions"]
    assert info["options"]["tokenizer"] == "rjieba" and info["options"]["top_n"] == 5
    assert list(info["inputs"]) == ["a.txt", "b.txt", "c.txt"]
    assert list(info["tables"]) == sorted(result.tables)
    assert info["tables"]["documents"]["columns"] == list(result.tables["documents"].columns)
    assert info["tables"]["keywords"]["rows"] == len(result.tables["keywords"])
    assert set(info["versions"]) >= {"policy-lens", "pandas", "pyarrow"}


def test_an_aborted_writer_leaves_the_folder_as_it_was(tmp_path):
    (tmp_path / "t.csv").write_text("old", encoding="utf-8")
    writer = TableWriter(tmp_path)
    writer.submit("t", pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    writer.abort()
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "old"


def _interrupt_on(monkeypatch, module, name, call, *, after=False):
    """Make ``module.name`` raise KeyboardInterrupt on its ``call``-th call (after doing
    its work if ``after``)."""
    real = getattr(module, name)
    calls = []

    def fake(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            if after:
                real(*args, **kwargs)
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, fake)


@pytest.mark.parametrize(("where", "name", "call", "after"), [
    ("table writes", "write_prepared", 2, False),
    ("linking the files kept", "link", 1, False),
    ("setting the old outputs aside", "rename", 1, False),
    ("between the two renames", "rename", 1, True),
    ("moving the new outputs in", "rename", 2, False),
    ("removing the old outputs", "rmtree", 1, False),
])
def test_interrupted_build_leaves_the_old_outputs_or_the_new_ones(
        small_raw, tmp_path, monkeypatch, where, name, call, after):
    out = tmp_path / "out"
    build(small_raw, out, stages="core", cache_dir=False)
    (out / "my_notes.txt").write_text("mine", encoding="utf-8")  # not the build's
    old = _digest(out)
    opts = BuildOptions(top_n=2)  # different keywords and build_info.json
    build(small_raw, tmp_path / "fresh", stages="core", cache_dir=False, options=opts)
    new = {**_digest(tmp_path / "fresh"), "my_notes.txt": old["my_notes.txt"]}
    assert new != old
    module = {"write_prepared": writer_module, "link": writer_module.os,
              "rename": writer_module.os, "rmtree": writer_module.shutil}[name]
    _interrupt_on(monkeypatch, module, name, call, after=after)
    with pytest.raises(KeyboardInterrupt):
        build(small_raw, out, stages="core", cache_dir=False, options=opts)
    monkeypatch.undo()
    writer_module.recover_out_dir(out)  # what the next build into ``out`` does first
    assert _digest(out) in (old, new), where
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "out", "raw"]
    # and the next build completes the new outputs
    build(small_raw, out, stages="core", cache_dir=False, options=opts)
    assert _digest(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "out", "raw"]


def test_commit_keeps_other_files_and_folders_of_the_output_folder(tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "x.txt").write_text("x", encoding="utf-8")
    (out / "t.csv").write_text("old", encoding="utf-8")
    writer = TableWriter(out)
    writer.submit("t", pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    writer.commit(["t"])
    assert sorted(p.name for p in out.iterdir()) == ["sub", "t.csv", "t.parquet"]
    assert (out / "sub" / "x.txt").read_text(encoding="utf-8") == "x"
    assert (out / "t.csv").read_text(encoding="utf-8") != "old"


def test_output_folder_that_cannot_be_renamed_gets_its_files_moved_in(tmp_path, monkeypatch):
    # a mount point (Docker volume) cannot be renamed: the tables are moved in one by one
    out = tmp_path / "out"
    out.mkdir()
    (out / "t.csv").write_text("old", encoding="utf-8")
    (out / "mine.txt").write_text("mine", encoding="utf-8")
    real = writer_module.os.rename

    def busy(src, dst):
        if str(src) == str(out):
            raise OSError(16, "Device or resource busy")
        return real(src, dst)

    monkeypatch.setattr(writer_module.os, "rename", busy)
    writer = TableWriter(out)
    writer.submit("t", pd.DataFrame({"doc_id": ["a"], "n": [1]}))
    writer.commit(["t"], files={"info.json": "{}"})
    assert sorted(p.name for p in out.iterdir()) == ["info.json", "mine.txt", "t.csv",
                                                     "t.parquet"]
    assert (out / "t.csv").read_text(encoding="utf-8") != "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_table_write_never_puts_back_the_warnings_state_of_a_closed_block(
        tmp_path, monkeypatch):
    # catch_warnings saves and restores the whole process's warnings state: a block in a
    # writer thread that starts inside one of the build's blocks and ends inside the next
    # would put back the first block's record, closed already. The writer thread's
    # first block (if it enters one) is held open until the second block has begun
    entered, leave = threading.Event(), threading.Event()
    real_exit = warnings.catch_warnings.__exit__

    def held_exit(self, *exc):
        if threading.current_thread() is not threading.main_thread() and not entered.is_set():
            entered.set()
            leave.wait(timeout=60)
        return real_exit(self, *exc)

    monkeypatch.setattr(warnings.catch_warnings, "__exit__", held_exit)
    writer = TableWriter(tmp_path / "out")
    written = threading.Thread(target=lambda: (writer.wait("t"), entered.set()))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with summarised_warnings(doc_ids=["a"]):
            writer.submit("t", pd.DataFrame({"doc_id": ["a"], "n": [1]}))
            written.start()
            assert entered.wait(timeout=60)  # written, or inside a block
            warnings.warn("a: loading", BuildWarning, stacklevel=1)
        with summarised_warnings(doc_ids=["a"]):
            leave.set()
            written.join()
            warnings.warn("a: a stage", BuildWarning, stacklevel=1)
    writer.abort()
    assert [str(w.message) for w in seen] == ["a: loading", "a: a stage"]


def test_no_thread_of_a_build_but_the_callers_enters_a_catch_warnings_block(
        make_corpus, tmp_path, monkeypatch):
    # the token table written straight from the workers' arrays too (no CSV copy)
    monkeypatch.setattr(writer_module, "CSV_MAX_ROWS", 50)
    others = []
    real_enter = warnings.catch_warnings.__enter__

    def noted_enter(self):
        if threading.current_thread() is not threading.main_thread():
            others.append(threading.current_thread().name)
        return real_enter(self)

    monkeypatch.setattr(warnings.catch_warnings, "__enter__", noted_enter)
    build(make_corpus(REPEATED), tmp_path / "out", cache_dir=False, workers=1)
    assert others == []
