from __future__ import annotations

import pytest

from analysis import TokenFilter, Tokenizer, load_corpus, token_table
from analysis.text.normalize import _converter
from analysis.text.tokenize import doc_token_lists, get_tokenizer, load_user_terms

POLICY_TERMS = [t for t, _ in load_user_terms(["policy_terms.txt"])]
REQUIRED_TERMS = ["科技型中小企业", "高新技术企业", "成果转化", "产学研", "科技特派员", "研发投入",
                  "揭榜挂帅", "容错纠错", "众创空间", "新型研发机构", "专精特新", "知识产权质押",
                  "创新联合体"]


def test_dictionary_is_large_and_has_the_required_terms():
    assert len(POLICY_TERMS) >= 150
    assert set(REQUIRED_TERMS) <= set(POLICY_TERMS)
    assert all(len(t) >= 2 for t in POLICY_TERMS)


@pytest.mark.parametrize("term", POLICY_TERMS)
def test_each_policy_term_is_one_token(term):
    tok = get_tokenizer()
    for frame in ("{}", "推动{}。", "支持{}和", "加快{}建设"):
        words = [w for w, _, _ in tok.tokenize(frame.format(term))]
        assert term in words, (frame, words)


def test_tokens_cover_text_and_map_back_to_it(corpus, tokens):
    texts = corpus.documents.set_index("doc_id")
    for doc_id, g in tokens.groupby("doc_id"):
        text = texts.loc[doc_id, "text"]
        assert all(text[s:e] == t for s, e, t in zip(g["start"], g["end"], g["token"],
                                                      strict=True))
        assert g["position"].tolist() == list(range(len(g)))


def test_token_positions_quote_the_original_script(corpus, tokens):
    orig = corpus.text("tonghua_2012", original=True)
    row = tokens[(tokens.doc_id == "tonghua_2012") & (tokens.token == "产学研")].iloc[0]
    assert orig[row.start:row.end] == "產學研"


def test_traditional_copy_yields_the_same_tokens(corpus, tokens, make_corpus):
    """A simplified document converted to traditional and loaded again tokenises the same."""
    s2t = _converter("s2t")
    for doc_id in ("chifeng_2023", "yinchuan_2022"):
        raw = corpus.documents.set_index("doc_id").loc[doc_id, "text_raw"]
        d = make_corpus({doc_id: s2t.convert(raw)}, folder=doc_id)
        trad = load_corpus(d)
        assert "發展" in trad.text(doc_id, original=True)
        got = token_table(trad)["token"].tolist()
        assert got == tokens.loc[tokens.doc_id == doc_id, "token"].tolist()


def test_tokenisation_is_deterministic(corpus):
    a = token_table(corpus, cache_dir=False)
    b = token_table(corpus, cache_dir=False)
    assert a.equals(b)


@pytest.mark.parametrize(("flt", "kept", "dropped"), [
    (TokenFilter(), ["科技创新", "人才", "R&D"], ["的", "加强", "推进", "2025", "。", "市"]),
    (TokenFilter(policy_words=False), ["加强", "推进", "科技创新"], ["的", "和"]),
    (TokenFilter(function_words=False, min_chars=1), ["的", "和", "科技创新"], ["加强", "推进"]),
    (TokenFilter(drop_numbers=False), ["2025"], ["。"]),
    (TokenFilter(min_chars=1), ["市"], ["的"]),
])
def test_stopword_lists_switch_independently(flt, kept, dropped):
    for t in kept:
        assert flt.keeps(t), t
    for t in dropped:
        assert not flt.keeps(t), t


def test_function_and_policy_lists_are_separate():
    flt = TokenFilter()
    assert "的" in flt.function_set() and "的" not in flt.policy_set()
    assert "加强" in flt.policy_set() and "加强" not in flt.function_set()


def test_user_dictionary_extends_the_policy_terms(tmp_path):
    f = tmp_path / "mine.txt"
    f.write_text("# my terms\n揭榜挂帅攻关\n", encoding="utf-8")
    tok = Tokenizer(user_dicts=["policy_terms.txt", f], cache_dir=tmp_path)
    assert "揭榜挂帅攻关" in [w for w, _, _ in tok.tokenize("开展揭榜挂帅攻关行动")]


def test_jieba_cache_lives_in_the_cache_dir_not_tmp(tmp_path):
    tok = Tokenizer(cache_dir=tmp_path)
    tok.tokenize("科技")
    assert (tmp_path / "jieba.cache").is_file()


def test_token_cache_is_used_and_keyed_by_text(corpus, tmp_path, monkeypatch):
    sub = corpus.subset(["chifeng_2023"])
    first = token_table(sub, cache_dir=tmp_path)
    assert len(list((tmp_path / "tokens").rglob("*.npy"))) == 1

    def boom(self, text):
        raise AssertionError("re-tokenised although cached")

    monkeypatch.setattr(Tokenizer, "boundaries", boom)
    assert token_table(sub, cache_dir=tmp_path).equals(first)
    changed = sub.documents.copy()
    changed.loc[0, "text"] = changed.loc[0, "text"] + "新增一句。"
    from analysis.text.corpus import Corpus

    with pytest.raises(AssertionError, match="re-tokenised"):
        token_table(Corpus(changed), cache_dir=tmp_path)


def test_doc_token_lists_follow_the_keep_column(tokens):
    lists = doc_token_lists(tokens)
    assert list(lists) == ["chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022",
                           "jiayuguan_2020"]
    assert all("加强" not in v and "的" not in v for v in lists.values())


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="rjieba"):
        Tokenizer(backend="thulac")
