"""The up-to-date shortcut: a build whose inputs, options, stages and code are unchanged
does nothing; any change, or a touched output, rebuilds."""

from __future__ import annotations

import os

import pytest

from analysis import build
from analysis.pipeline import STAGES, BuildOptions
from analysis.pipeline.registry import stage_list
from analysis.pipeline.state import build_key
from analysis.text import TokenFilter
from tests.pipeline.conftest import TEXTS

# the small corpora written here have no outline; the structure stage says so, rightly
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")


def _touch_later(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def test_adding_one_document_segments_one_document(make_corpus, tmp_path):
    texts = {f"d{i:03d}": f"第{i}条 支持科技型中小企业开展研发活动{i}次。" for i in range(40)}
    raw = make_corpus(texts)
    first = build(raw, tmp_path / "out", cache_dir=tmp_path / "cache", stages="core")
    assert first.stats["segmented"] == 40 and not first.up_to_date
    (raw / "new.txt").write_text("新增：完善科技金融服务体系。", encoding="utf-8")
    with open(raw / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write("new,new.txt,测试市,2022\n")
    second = build(raw, tmp_path / "out", cache_dir=tmp_path / "cache", stages="core")
    assert (second.stats["segmented"], second.stats["cached"]) == (1, 40)
    assert len(second.tables["documents"]) == 41


def test_unchanged_build_is_up_to_date_and_changes_are_not(tmp_path, small_raw):
    raw = small_raw
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build(raw, out, cache_dir=cache, stages="core")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = build(raw, out, cache_dir=cache, stages="core")
    assert again.up_to_date and set(again.timings) == {"check"}
    assert again.stats == first.stats
    # the saved tables are read back on demand
    assert again.tables["tokens"].equals(first.tables["tokens"])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    _touch_later(raw / "a.txt")  # a new time stamp, same content: still up to date
    assert build(raw, out, cache_dir=cache, stages="core").up_to_date

    (raw / "a.txt").write_text(TEXTS["a"] + "再加一句。", encoding="utf-8")
    changed = build(raw, out, cache_dir=cache, stages="core")
    assert not changed.up_to_date and changed.stats["segmented"] == 1
    assert build(raw, out, cache_dir=cache, stages="core").up_to_date

    assert not build(raw, out, cache_dir=cache, stages="core", tokenizer="jieba").up_to_date
    assert not build(raw, out, cache_dir=cache, stages="core", force=True).up_to_date
    assert not build(raw, out, cache_dir=False, stages="core").up_to_date


def test_touched_or_missing_outputs_are_rebuilt(tmp_path, small_raw):
    raw = small_raw
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(raw, out, cache_dir=cache, stages="core")
    (out / "terms.csv").write_text("edited in Excel", encoding="utf-8")
    rebuilt = build(raw, out, cache_dir=cache, stages="core")
    assert not rebuilt.up_to_date
    assert (out / "terms.csv").read_text(encoding="utf-8-sig").startswith("doc_id,term")
    (out / "keywords.parquet").unlink()
    assert not build(raw, out, cache_dir=cache, stages="core").up_to_date
    assert (out / "keywords.parquet").is_file()


def test_changed_stopword_file_or_stages_rebuild(tmp_path, small_raw):
    raw = small_raw
    out, cache = tmp_path / "out", tmp_path / "cache"
    stop = tmp_path / "stop.txt"
    stop.write_text("支持\n", encoding="utf-8")
    opts = BuildOptions(token_filter=TokenFilter(policy_list=str(stop)))
    build(raw, out, options=opts, cache_dir=cache, stages="targets")
    assert build(raw, out, options=opts, cache_dir=cache, stages="targets").up_to_date
    stop.write_text("支持\n推动\n", encoding="utf-8")
    assert not build(raw, out, options=opts, cache_dir=cache, stages="targets").up_to_date
    # the same stages, named or given, are the same build
    assert build(raw, out, options=opts, cache_dir=cache,
                 stages=[STAGES[0], STAGES[2]]).up_to_date
    assert build(raw, out, options=opts, cache_dir=cache, stages=["core", "targets"]).up_to_date
    assert not build(raw, out, options=opts, cache_dir=cache, stages=[]).up_to_date


def test_the_build_key_follows_options_stages_and_tokenizer(tmp_path):
    raw = tmp_path
    key = build_key(BuildOptions(), stage_list(None), "tok", raw)
    for same in (STAGES, list(STAGES), stage_list("all"), stage_list([s.name for s in STAGES])):
        assert build_key(BuildOptions(), same, "tok", raw) == key
    assert key != build_key(BuildOptions(seed=1), STAGES, "tok", raw)
    assert key != build_key(BuildOptions(), STAGES[:1], "tok", raw)
    assert key != build_key(BuildOptions(), STAGES, "other", raw)
