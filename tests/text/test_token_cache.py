"""The token cache: a document is segmented again exactly when its text or the
segmentation settings change, and a damaged cache entry is recomputed."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import load_corpus, token_table
from analysis.text import Tokenizer, get_tokenizer, token_cache_dir
from analysis.text.corpus import Corpus

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


def test_changed_text_is_segmented_again(make_corpus, tmp_path, count_segmentation):
    corpus = load_corpus(make_corpus(TEXTS))
    token_table(corpus, cache_dir=tmp_path)
    assert len(count_segmentation) == 3
    token_table(corpus, cache_dir=tmp_path)
    assert len(count_segmentation) == 3, "unchanged texts must come from the cache"
    docs = corpus.documents.copy()
    docs.loc[1, "text"] = docs.loc[1, "text"] + "新增一句。"
    token_table(Corpus(docs), cache_dir=tmp_path)
    assert count_segmentation[3:] == [docs.loc[1, "text"]]


def test_changed_dictionary_is_segmented_again(make_corpus, tmp_path, count_segmentation):
    corpus = load_corpus(make_corpus(TEXTS))
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


@pytest.mark.parametrize("other", [{"backend": "jieba"}, {"hmm": False}])
def test_changed_backend_or_hmm_is_segmented_again(make_corpus, tmp_path, count_segmentation,
                                                  other):
    corpus = load_corpus(make_corpus(TEXTS))
    token_table(corpus, cache_dir=tmp_path)
    tok = get_tokenizer(**other)
    assert tok.fingerprint != get_tokenizer().fingerprint
    token_table(corpus, tokenizer=tok, cache_dir=tmp_path)
    assert len(count_segmentation) == 6
    assert len(list((tmp_path / "tokens").iterdir())) == 2  # one folder per setting


def test_damaged_cache_entry_is_recomputed(make_corpus, tmp_path, count_segmentation):
    corpus = load_corpus(make_corpus(TEXTS))
    first = token_table(corpus, cache_dir=tmp_path)
    folder = token_cache_dir(get_tokenizer(), tmp_path)
    entries = sorted(folder.glob("*.npy"))
    assert len(entries) == 3
    entries[0].write_bytes(b"not an array")
    np.save(entries[1], np.load(entries[1])[:-1])  # cut short: no longer covers its text
    assert token_table(corpus, cache_dir=tmp_path).equals(first)
    assert len(count_segmentation) == 5
