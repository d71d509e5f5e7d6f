"""The token table (analysis.text.tokenize): small literal documents, then the default
corpus."""

from __future__ import annotations

import numpy as np
import opencc
import pytest

from analysis.text import (
    TOKEN_COLUMNS,
    Corpus,
    TokenFilter,
    Tokenizer,
    arrow_from_parts,
    doc_token_lists,
    filter_tokens,
    frame_from_parts,
    load_corpus,
    segment_corpus,
    token_arrays,
    token_kind,
    token_table,
    tokens_frame,
)


def _bounds(*tokens: str) -> np.ndarray:
    return np.cumsum([0, *map(len, tokens)]).astype(np.int32)


# -- literal documents ------------------------------------------------------------------------

def test_token_table_columns_positions_and_flags():
    text = "加强科技 创新、2025年。"
    toks = tokens_frame(["a"], [text], [_bounds("加强", "科技", " ", "创新", "、", "2025", "年",
                                                "。")])
    assert tuple(toks.columns) == TOKEN_COLUMNS
    assert toks["token"].tolist() == ["加强", "科技", "创新", "、", "2025", "年", "。"]  # no space
    assert toks["position"].tolist() == list(range(7))
    assert toks["start"].tolist() == [0, 2, 5, 7, 8, 12, 13]
    assert toks["kind"].tolist() == ["han", "han", "han", "punct", "number", "han", "punct"]
    assert toks["is_policy_word"].tolist() == [True] + [False] * 6
    assert toks["keep"].tolist() == [False, True, True, False, False, False, False]
    assert all(text[s:e] == t for s, e, t in zip(toks["start"], toks["end"], toks["token"],
                                                  strict=True))


def test_offsets_are_per_document_in_a_batch():
    toks = tokens_frame(["a", "b"], ["科技创新", "人才"],
                        [_bounds("科技", "创新"), _bounds("人才")])
    assert toks[["doc_id", "position", "start"]].values.tolist() == [
        ["a", 0, 0], ["a", 1, 2], ["b", 0, 0]]


def test_astral_and_non_ascii_tokens_slice_the_right_bytes():
    text = "𠀀科技é①"
    toks = tokens_frame(["a"], [text], [_bounds("𠀀", "科技", "é", "①")])
    assert toks["token"].tolist() == ["𠀀", "科技", "é", "①"]
    assert toks["kind"].tolist() == [token_kind(t) for t in toks["token"]]


def test_no_documents_give_an_empty_table_with_the_columns():
    empty = tokens_frame([], [], [])
    assert tuple(empty.columns) == TOKEN_COLUMNS and len(empty) == 0
    assert frame_from_parts([]).equals(empty)
    assert arrow_from_parts([]).num_rows == 0


def test_boundaries_that_do_not_cover_the_text_are_an_error():
    with pytest.raises(ValueError, match="do not cover"):
        tokens_frame(["d"], ["科技创新"], [np.array([0, 2], dtype=np.int32)])


def test_batches_carry_the_kept_term_counts():
    parts = token_arrays(["a", "b"], ["科技科技的", "科技人才"],
                         [_bounds("科技", "科技", "的"), _bounds("科技", "人才")], TokenFilter())
    terms = parts["term_dict"].to_pylist()
    counts = {(int(d), terms[c]): int(n) for d, c, n in zip(
        parts["term_doc"], parts["term_code"], parts["term_count"], strict=True)}
    assert counts == {(0, "科技"): 2, (1, "科技"): 1, (1, "人才"): 1}
    assert parts["n_tokens"].tolist() == [3, 2]
    assert parts["n_kept"].tolist() == [2, 2]
    assert parts["n_words"].tolist() == [3, 2]


def test_arrow_table_equals_the_dataframe():
    parts = [token_arrays([d], [t], [b], TokenFilter()) for d, t, b in (
        ("a", "科技创新。", _bounds("科技", "创新", "。")), ("b", "人才", _bounds("人才")))]
    table = arrow_from_parts(parts)
    assert table.column_names == list(TOKEN_COLUMNS)
    frame = frame_from_parts(parts)
    assert table.to_pandas()["token"].tolist() == frame["token"].tolist()
    assert [str(v) for v in table.column("doc_id").to_pylist()] == frame["doc_id"].tolist()
    assert table.column("kind").to_pylist() == frame["kind"].tolist()


def test_filter_tokens_and_doc_token_lists():
    toks = tokens_frame(["a", "b"], ["加强科技创新", "的"], [_bounds("加强", "科技创新"),
                                                         _bounds("的")])
    assert filter_tokens(toks)["token"].tolist() == ["科技创新"]
    assert doc_token_lists(toks) == {"a": ["科技创新"], "b": []}
    loose = TokenFilter(policy_words=False, function_words=False, min_chars=1)
    assert doc_token_lists(toks, token_filter=loose) == {"a": ["加强", "科技创新"], "b": ["的"]}


def test_segment_corpus_gives_boundaries_per_text():
    got = segment_corpus(["支持科技型中小企业", ""], cache_dir=False)
    assert [b.tolist() for b in got] == [[0, 2, 9], [0]]


# -- the default corpus ---------------------------------------------------------------------

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
    s2t = opencc.OpenCC("s2t")
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
    with pytest.raises(AssertionError, match="re-tokenised"):
        token_table(Corpus(changed), cache_dir=tmp_path)


def test_doc_token_lists_follow_the_keep_column(tokens):
    lists = doc_token_lists(tokens)
    assert list(lists) == ["chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022",
                           "jiayuguan_2020"]
    assert all("加强" not in v and "的" not in v for v in lists.values())
