"""The token cache and the up-to-date shortcut: what must (and must not) be recomputed."""

from __future__ import annotations

import os

import numpy as np
import pytest

from analysis import build, token_table
from analysis.text.corpus import Corpus
from analysis.text.tokenize import Tokenizer, get_tokenizer, token_cache_dir
from tests.conftest import RAW

# the small corpora written here have no outline; the structure stage says so, rightly
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")

TEXTS = {
    "a": "支持科技型中小企业开展研发活动，推动成果转化。",
    "b": "加快建设新型研发机构，完善科技金融服务体系。",
    "c": "实施揭榜挂帅，培育专精特新企业和创新联合体。",
}


@pytest.fixture
def count_segmentation(monkeypatch):
    """Count the documents the tokenizer really segments (in this process)."""
    calls: list[str] = []
    original = Tokenizer.boundaries

    def counting(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(Tokenizer, "boundaries", counting)
    return calls


def _corpus(make_corpus, texts):
    from analysis import load_corpus

    return load_corpus(make_corpus(texts))


def test_changed_text_is_segmented_again(make_corpus, tmp_path, count_segmentation):
    corpus = _corpus(make_corpus, TEXTS)
    token_table(corpus, cache_dir=tmp_path)
    assert len(count_segmentation) == 3
    token_table(corpus, cache_dir=tmp_path)
    assert len(count_segmentation) == 3, "unchanged texts must come from the cache"
    docs = corpus.documents.copy()
    docs.loc[1, "text"] = docs.loc[1, "text"] + "新增一句。"
    token_table(Corpus(docs), cache_dir=tmp_path)
    assert count_segmentation[3:] == [docs.loc[1, "text"]]


def test_changed_dictionary_is_segmented_again(make_corpus, tmp_path, count_segmentation):
    corpus = _corpus(make_corpus, TEXTS)
    token_table(corpus, cache_dir=tmp_path)
    mine = tmp_path / "mine.txt"
    mine.write_text("研发活动 50000\n", encoding="utf-8")
    tok = get_tokenizer(user_dicts=["policy_terms.txt", mine])
    assert tok.fingerprint != get_tokenizer().fingerprint
    toks = token_table(corpus, tokenizer=tok, cache_dir=tmp_path)
    assert len(count_segmentation) == 6
    assert "研发活动" in toks["token"].tolist()
    mine.write_text("研发活动 50000\n科技金融服务 50000\n", encoding="utf-8")
    tok2 = get_tokenizer(user_dicts=["policy_terms.txt", mine])
    assert tok2.fingerprint != tok.fingerprint
    token_table(corpus, tokenizer=tok2, cache_dir=tmp_path)
    assert len(count_segmentation) == 9


@pytest.mark.parametrize("other", [{"backend": "rjieba"}, {"hmm": False}])
def test_changed_backend_or_hmm_is_segmented_again(make_corpus, tmp_path, count_segmentation,
                                                  other):
    corpus = _corpus(make_corpus, TEXTS)
    token_table(corpus, cache_dir=tmp_path)
    tok = get_tokenizer(**other)
    assert tok.fingerprint != get_tokenizer().fingerprint
    token_table(corpus, tokenizer=tok, cache_dir=tmp_path)
    assert len(count_segmentation) == 6
    assert len(list((tmp_path / "tokens").iterdir())) == 2  # one folder per setting


def test_damaged_cache_entry_is_recomputed(make_corpus, tmp_path, count_segmentation):
    corpus = _corpus(make_corpus, TEXTS)
    first = token_table(corpus, cache_dir=tmp_path)
    folder = token_cache_dir(get_tokenizer(), tmp_path)
    entries = sorted(folder.glob("*.npy"))
    assert len(entries) == 3
    entries[0].write_bytes(b"not an array")
    np.save(entries[1], np.load(entries[1])[:-1])  # cut short: no longer covers its text
    assert token_table(corpus, cache_dir=tmp_path).equals(first)
    assert len(count_segmentation) == 5


def test_adding_one_document_segments_one_document(make_corpus, tmp_path):
    texts = {f"d{i:03d}": f"第{i}条 支持科技型中小企业开展研发活动{i}次。" for i in range(40)}
    raw = make_corpus(texts)
    first = build(raw, tmp_path / "out", cache_dir=tmp_path / "cache")
    assert first.stats["segmented"] == 40 and not first.up_to_date
    (raw / "new.txt").write_text("新增：完善科技金融服务体系。", encoding="utf-8")
    with open(raw / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write("new,new.txt,测试市,2022\n")
    second = build(raw, tmp_path / "out", cache_dir=tmp_path / "cache")
    assert (second.stats["segmented"], second.stats["cached"]) == (1, 40)
    assert len(second.tables["documents"]) == 41


def _touch_later(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def test_unchanged_build_is_up_to_date_and_changes_are_not(tmp_path, make_corpus):
    raw = make_corpus(TEXTS)
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build(raw, out, cache_dir=cache)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = build(raw, out, cache_dir=cache)
    assert again.up_to_date and set(again.timings) == {"check"}
    # the saved tables are read back on demand
    assert again.tables["tokens"].equals(first.tables["tokens"])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    _touch_later(raw / "a.txt")  # a new time stamp, same content: still up to date
    assert build(raw, out, cache_dir=cache).up_to_date

    (raw / "a.txt").write_text(TEXTS["a"] + "再加一句。", encoding="utf-8")
    changed = build(raw, out, cache_dir=cache)
    assert not changed.up_to_date and changed.stats["segmented"] == 1
    assert build(raw, out, cache_dir=cache).up_to_date

    assert not build(raw, out, cache_dir=cache, tokenizer="rjieba").up_to_date
    assert not build(raw, out, cache_dir=cache, force=True).up_to_date
    assert not build(raw, out, cache_dir=False).up_to_date


def test_touched_or_missing_outputs_are_rebuilt(tmp_path, make_corpus):
    raw = make_corpus(TEXTS)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(raw, out, cache_dir=cache)
    (out / "terms.csv").write_text("edited in Excel", encoding="utf-8")
    rebuilt = build(raw, out, cache_dir=cache)
    assert not rebuilt.up_to_date
    assert (out / "terms.csv").read_text(encoding="utf-8-sig").startswith("doc_id,term")
    (out / "keywords.parquet").unlink()
    assert not build(raw, out, cache_dir=cache).up_to_date
    assert (out / "keywords.parquet").is_file()


def test_changed_stopword_file_or_stages_rebuild(tmp_path, make_corpus):
    from analysis.pipeline import STAGES, BuildOptions
    from analysis.text.tokenize import TokenFilter

    raw = make_corpus(TEXTS)
    out, cache = tmp_path / "out", tmp_path / "cache"
    stop = tmp_path / "stop.txt"
    stop.write_text("支持\n", encoding="utf-8")
    opts = BuildOptions(token_filter=TokenFilter(policy_list=str(stop)))
    build(raw, out, options=opts, cache_dir=cache)
    assert build(raw, out, options=opts, cache_dir=cache).up_to_date
    stop.write_text("支持\n推动\n", encoding="utf-8")
    assert not build(raw, out, options=opts, cache_dir=cache).up_to_date
    assert build(raw, out, options=opts, cache_dir=cache, stages=list(STAGES)).up_to_date
    assert not build(raw, out, options=opts, cache_dir=cache, stages=[]).up_to_date


def test_default_corpus_rebuild_from_cache_is_identical(built, tmp_path):
    again = build(RAW, tmp_path / "again", force=True)
    assert again.stats["segmented"] == 0 and again.stats["cached"] == 5
    for name in ("tokens", "terms", "keywords", "documents"):
        assert (again.out_dir / f"{name}.parquet").read_bytes() == \
            (built.out_dir / f"{name}.parquet").read_bytes()
