"""Loading and segmenting in one streaming pass, in this process or in workers: the same
corpus and token table as load_corpus + token_table."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis.pipeline.loader as loader
from analysis import build, load_corpus, token_table
from analysis.errors import CorpusWarning, DocumentError
from analysis.pipeline import BuildOptions, load_and_tokenize
from analysis.text import get_tokenizer


@pytest.mark.parametrize("workers", [1, 2])
def test_streaming_load_equals_load_corpus_and_token_table(small_raw, monkeypatch, workers):
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)  # workers even for a tiny corpus
    corpus, tokens, stats = load_and_tokenize(small_raw, BuildOptions(),
                                              tokenizer=get_tokenizer(), cache_dir=False,
                                              workers=workers)
    ref = load_corpus(small_raw)
    pd.testing.assert_frame_equal(corpus.documents, ref.documents)
    pd.testing.assert_frame_equal(tokens, token_table(ref))
    assert stats["workers"] == workers and stats["segmented"] == 3
    assert stats["documents"] == 3 and stats["tokens"] == len(tokens)
    assert sorted(stats["input_hashes"]) == ["a.txt", "b.txt", "c.txt"]


def test_chunks_keep_the_order_and_split_the_work():
    files = [(f"{i}.txt", None) for i in range(10)]
    chunks = loader._chunks(files, [100] * 10, workers=2)
    assert [f for chunk in chunks for f in chunk] == files
    assert len(chunks) > 2  # several per worker, so the work balances
    assert loader._chunks([], [], workers=4) == []


def test_a_bad_document_in_a_worker_is_reported_by_name(tmp_path, make_corpus, monkeypatch):
    raw = make_corpus({"a": "科技创新。" * 50, "b": b"\x00\x01binary", "c": "发展。" * 50})
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)
    with pytest.raises(DocumentError, match=r"b\.txt.*binary"):
        build(raw, tmp_path / "out", cache_dir=False, workers=2, stages="core")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("workers", [1, 2])
def test_a_warning_in_a_worker_reaches_the_caller_naming_the_file(make_corpus, monkeypatch,
                                                                  workers):
    raw = make_corpus({"a": "科技创新。" * 50, "b": "发展" + "。" * 9000 + "\x00\x07。"})
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)
    with pytest.warns(CorpusWarning, match=r"b\.txt: 2 control character"):
        corpus, _, _ = load_and_tokenize(raw, BuildOptions(), tokenizer=get_tokenizer(),
                                         cache_dir=False, workers=workers)
    assert "\x00" not in corpus.text("b")


@pytest.mark.parametrize(("limit", "loaded"), [(10**6, ["preloaded"]), (1, [])])
def test_what_stages_preload_is_loaded_only_for_corpora_up_to_the_limit(
        small_raw, tmp_path, monkeypatch, limit, loaded):
    (tmp_path / "warm_probe.py").write_text("calls = []\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import warm_probe

    monkeypatch.setattr(warm_probe, "calls", [])
    monkeypatch.setattr(warm_probe, "mark", lambda: warm_probe.calls.append("preloaded"),
                        raising=False)
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)  # the workers' path
    monkeypatch.setattr(loader, "PRELOAD_MAX_CHARS", limit)
    load_and_tokenize(small_raw, BuildOptions(), tokenizer=get_tokenizer(), cache_dir=False,
                      workers=2, import_meanwhile=["json"], preload=["warm_probe:mark"])
    assert warm_probe.calls == loaded


@pytest.mark.parametrize(("limit", "loaded"), [(10**6, True), (1, False)])
def test_a_cold_load_with_workers_loads_the_dictionary_before_they_fork(
        small_raw, monkeypatch, limit, loaded):
    from analysis.text.segment import Tokenizer

    tok = Tokenizer()  # not loaded yet
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)  # the workers' path
    monkeypatch.setattr(loader, "PRELOAD_MAX_CHARS", limit)
    _, tokens, _ = load_and_tokenize(small_raw, BuildOptions(), tokenizer=tok,
                                     cache_dir=False, workers=2)
    # loaded here (the workers and the stage processes forked later inherit it), or
    # for a larger corpus only in the workers
    assert (tok._backend_obj is not None) is loaded
    assert len(tokens) > 0


@pytest.mark.parametrize("shared", [False, True])
def test_a_jieba_tokenizer_is_loaded_before_the_fork_only_when_the_workers_share_it(
        small_raw, monkeypatch, shared):
    from analysis.text.segment import Tokenizer

    # the workers' tokenizer is get_tokenizer's: another jieba instance loads its own
    tok = get_tokenizer(backend="jieba") if shared else Tokenizer(backend="jieba")
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 0)  # the workers' path
    monkeypatch.setattr(loader, "PRELOAD_MAX_CHARS", 10**6)
    _, tokens, _ = load_and_tokenize(small_raw, BuildOptions(), tokenizer=tok,
                                     cache_dir=False, workers=2)
    assert (tok._backend_obj is not None) is shared
    assert len(tokens) > 0
