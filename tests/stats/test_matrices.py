"""analysis.stats.matrices: document-term counts, TF-IDF, per-10k frequency, term tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.stats import (
    count_matrix,
    doc_codes,
    keyword_frequency,
    sparse_counts,
    term_table,
    tfidf_matrix,
    top_terms,
    word_totals,
)


def _tokens(docs: dict[str, list[str]]) -> pd.DataFrame:
    rows = []
    for doc_id, toks in docs.items():
        for i, t in enumerate(toks):
            kind = "punct" if t == "。" else "han"
            rows.append({"doc_id": doc_id, "position": i, "start": i, "end": i + len(t),
                         "token": t, "kind": kind, "is_function_word": t == "的",
                         "is_policy_word": t == "加强", "keep": t not in ("的", "加强", "。")})
    return pd.DataFrame(rows)


DOCS = {
    "a": ["人才", "人才", "的", "平台", "。", "加强"],
    "b": ["金融", "平台", "平台", "平台"],
}


def test_count_matrix_exact():
    m = count_matrix(_tokens(DOCS))
    assert m.index.tolist() == ["a", "b"]
    assert m.to_dict("index") == {"a": {"人才": 2, "平台": 1, "金融": 0},
                                  "b": {"人才": 0, "平台": 3, "金融": 1}}


def test_sparse_counts_rows_in_corpus_order_terms_sorted():
    toks = _tokens({"b": ["金融", "人才", "的"], "a": ["人才", "人才", "平台"]})
    codes, ids = doc_codes(toks)
    assert codes.tolist() == [0, 0, 0, 1, 1, 1] and ids == ["b", "a"]
    sc = sparse_counts(toks)
    assert sc.doc_ids == ["b", "a"] and sc.terms == ["人才", "平台", "金融"]
    assert sc.matrix.toarray().tolist() == [[1, 0, 1], [2, 1, 0]]
    assert sparse_counts(toks, min_df=2).terms == ["人才"]
    # a missing token in a user's table is no term
    gap = toks.astype({"token": object})
    gap.loc[1, "token"] = None
    assert sparse_counts(gap).matrix.toarray().tolist() == [[0, 0, 1], [2, 1, 0]]
    # word tokens, stopwords included: 的 counts for b
    assert word_totals(toks).to_dict() == {"b": 3, "a": 3}


def test_doc_codes_of_a_categorical_column_in_order_of_appearance():
    col = pd.Categorical(["c", "c", "a", "c", "b"], categories=["a", "b", "c", "z"])
    codes, ids = doc_codes(pd.DataFrame({"doc_id": col}))
    assert ids == ["c", "a", "b"] and codes.tolist() == [0, 0, 1, 0, 2]
    same, ids_obj = doc_codes(pd.DataFrame({"doc_id": list(col)}))
    assert ids_obj == ids and same.tolist() == codes.tolist()


def test_per_10k_uses_all_word_tokens_as_denominator():
    kf = keyword_frequency(_tokens(DOCS), keywords=["人才", "平台", "缺席"])
    # doc a has 5 word tokens (的 and 加强 count, 。 does not): 人才 2/5 -> 4000 per 10k
    assert kf.loc["a"].tolist() == [4000.0, 2000.0, 0.0]
    assert kf.loc["b"].tolist() == [0.0, 7500.0, 0.0]


def test_tfidf_matches_sklearn_on_the_same_tokens():
    ours = tfidf_matrix(_tokens(DOCS))
    kept = {"a": ["人才", "人才", "平台"], "b": ["金融", "平台", "平台", "平台"]}
    vec = TfidfVectorizer(analyzer=lambda d: d)
    ref = vec.fit_transform(list(kept.values())).toarray()
    ref = pd.DataFrame(ref, index=["a", "b"], columns=vec.get_feature_names_out())
    pd.testing.assert_frame_equal(ours, ref[ours.columns], check_names=False)


@pytest.mark.parametrize("norm", ["l2", "l1", None])
@pytest.mark.parametrize("smooth_idf", [True, False])
@pytest.mark.parametrize("sublinear_tf", [False, True])
def test_tfidf_arithmetic_equals_sklearn_transformer(tokens, norm, smooth_idf, sublinear_tf):
    # analysis computes TF-IDF itself (importing scikit-learn costs 0.6 s a build): pin it
    # to TfidfTransformer on every option, on the real corpus plus an empty document
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    from analysis.stats.matrices import SparseCounts, _tfidf, sparse_counts

    sc = sparse_counts(tokens)
    m = sp.vstack([sc.matrix[:2], sp.csr_matrix((1, sc.matrix.shape[1]), dtype=np.int64),
                   sc.matrix[2:]]).tocsr()
    padded = SparseCounts(m, [*sc.doc_ids[:2], "empty", *sc.doc_ids[2:]], sc.terms)
    before = m.data.copy()
    ours = _tfidf(padded, sublinear_tf=sublinear_tf, smooth_idf=smooth_idf, norm=norm)
    ref = TfidfTransformer(norm=norm, smooth_idf=smooth_idf,
                           sublinear_tf=sublinear_tf).fit_transform(m).tocsr()
    ref.sort_indices()
    assert ours.dtype == np.float64 and ours.has_sorted_indices
    assert np.array_equal(ours.indptr, ref.indptr)
    assert np.array_equal(ours.indices, ref.indices)
    np.testing.assert_allclose(ours.data, ref.data, rtol=1e-13, atol=0)
    assert ours[2].nnz == 0
    assert np.array_equal(m.data, before)  # the counts are not scaled in place


def test_tfidf_rejects_unknown_norm():
    with pytest.raises(ValueError, match="norm"):
        tfidf_matrix(_tokens(DOCS), norm="max")


def test_term_table_is_tidy_and_consistent_with_matrices(tokens):
    t = term_table(tokens)
    assert list(t.columns) == ["doc_id", "term", "count", "per_10k", "tfidf", "n_docs"]
    assert not t.duplicated(["doc_id", "term"]).any()
    wide = t.pivot(index="doc_id", columns="term", values="count").fillna(0)
    counts = count_matrix(tokens)
    assert np.array_equal(wide.loc[counts.index, counts.columns].to_numpy(), counts.to_numpy())
    assert t.groupby("doc_id", sort=False)["doc_id"].first().tolist() == [
        "chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022", "jiayuguan_2020"]


def test_talent_is_counted_in_every_document(tokens):
    kf = keyword_frequency(tokens, keywords=["人才"])
    assert (kf["人才"] > 0).all()


def test_top_terms_ranks_with_stable_ties():
    t = term_table(_tokens({"a": ["乙乙", "丙丙", "甲甲", "丙丙", "乙乙"], "b": ["丁丁"]}))
    top = top_terms(t, n=2, by="count")  # 乙乙 and 丙丙 tie at 2: broken by the term
    assert top["term"].tolist() == ["丙丙", "乙乙", "丁丁"]
    assert top["rank"].tolist() == [1, 2, 1]


def test_top_terms_rejects_unknown_score():
    with pytest.raises(ValueError, match="tfidf"):
        top_terms(term_table(_tokens(DOCS)), by="magic")


def test_large_matrices_are_sparse(tokens):
    m = count_matrix(tokens, sparse=True)
    assert isinstance(m.dtypes.iloc[0], pd.SparseDtype)


@pytest.mark.parametrize("dtype", ["str", object, "string[pyarrow]"])
def test_sorted_codes_of_the_kept_rows_equal_those_of_the_selected_series(dtype):
    from analysis.stats.matrices import _sorted_codes

    values = pd.Series(["平台", "人才", "创新", "人才", "平台"], dtype=dtype)
    mask = np.array([True, True, False, True, False])
    codes, terms = _sorted_codes(values, mask)
    assert terms == ["人才", "平台"]
    assert codes.tolist() == [1, 0, 0]
    ref = _sorted_codes(values[mask])
    assert codes.tolist() == ref[0].tolist() and terms == ref[1]
    empty = _sorted_codes(values.iloc[:0], np.zeros(0, dtype=bool))
    assert empty[0].tolist() == [] and empty[1] == []


def test_counted_is_numpys_unique_with_counts_sorting_in_place():
    from analysis.stats.matrices import _counted

    keys = np.array([9, 3, 9, 0, 3, 9], dtype=np.int64)
    k, c = _counted(keys)
    assert k.tolist() == [0, 3, 9] and c.tolist() == [1, 2, 3]
    assert keys.tolist() == [0, 3, 3, 9, 9, 9]  # sorted where it lay, not copied
    k, c = _counted(np.array([], dtype=np.int64))
    assert k.tolist() == [] and c.tolist() == []


def test_counts_and_totals_from_token_codes_equal_those_of_the_table():
    from analysis.stats import token_codes

    t = _tokens({"b": ["平台", "的", "平台"], "a": ["人才", "创新"]})  # 的: no term
    coded = token_codes(t)
    assert coded.vocab == ["人才", "创新", "平台"]
    assert coded.docs.dtype == np.int32 and coded.doc_ids == ["b", "a"]
    a, b = sparse_counts(t, coded=coded), sparse_counts(t)
    assert (a.matrix != b.matrix).nnz == 0 and a.terms == b.terms and a.doc_ids == b.doc_ids
    assert a.matrix.toarray().tolist() == [[0, 0, 2], [1, 1, 0]]
    totals = word_totals(t, codes=(coded.docs, coded.doc_ids))
    assert totals.to_dict() == {"b": 3, "a": 2}


def test_token_codes_of_another_filter_or_table_are_refused():
    """Codes made with one token filter are not counted as if made with another (the
    policy word 加强 is a term only without the policy stopwords)."""
    from analysis.stats import token_codes
    from analysis.text import TokenFilter

    t = _tokens({"b": ["加强", "平台"], "a": ["加强", "人才"]})
    loose = TokenFilter(policy_words=False)
    coded = token_codes(t, token_filter=loose)
    assert coded.token_filter == loose and "加强" in coded.vocab
    assert sparse_counts(t, token_filter=loose, coded=coded).terms == ["人才", "加强", "平台"]
    with pytest.raises(ValueError, match="same token_filter"):
        sparse_counts(t, token_filter=TokenFilter(), coded=coded)
    with pytest.raises(ValueError, match="token_filter"):
        sparse_counts(t, coded=coded)  # the default: the keep column
    with pytest.raises(ValueError, match="coded has 4 rows but the token table 3"):
        sparse_counts(t.head(3), token_filter=loose, coded=coded)
