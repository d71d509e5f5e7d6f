"""analysis.stats.frequency: word frequencies regrouped from the build's tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis.stats as st
from tests.conftest import DOC_IDS


@pytest.fixture(scope="module")
def tables(corpus, tokens):
    """The build's ``documents``, ``terms`` and ``tokens`` tables, made from the corpus and
    its token table (with the sizes the build adds to ``documents``)."""
    codes, ids = st.doc_codes(tokens)
    keep = tokens["keep"].to_numpy(dtype=bool)
    sizes = pd.DataFrame({"n_tokens": np.bincount(codes, minlength=len(ids)),
                          "n_words": st.word_totals(tokens, codes=(codes, ids)).to_numpy(),
                          "n_kept": np.bincount(codes[keep], minlength=len(ids))}, index=ids)
    documents = corpus.documents.join(sizes, on="doc_id")
    return {"documents": documents, "terms": st.term_table(tokens), "tokens": tokens}


def test_corpus_terms_pools_counts_over_documents(tables):
    terms, docs = tables["terms"], tables["documents"]
    top = st.corpus_terms(terms, docs)
    assert top["count"].sum() == terms["count"].sum()
    row = top.loc[top["term"] == "创新"].iloc[0]
    assert row["count"] == terms.loc[terms["term"] == "创新", "count"].sum()
    assert row["per_10k"] == pytest.approx(row["count"] / docs["n_words"].sum() * 10_000)
    assert top["count"].is_monotonic_decreasing


def test_group_terms_by_era_uses_the_era_word_totals(tables):
    terms, docs = tables["terms"], tables["documents"]
    by_era = st.group_terms(terms, docs, by="era")
    assert sorted(by_era["era"].unique()) == ["2010s", "2020s"]
    # the 2010s are Tonghua alone: its per-10k equal the document's own
    tonghua = terms.loc[terms["doc_id"] == "tonghua_2012"].set_index("term")["per_10k"]
    era = by_era.loc[by_era["era"] == "2010s"].set_index("term")["per_10k"]
    assert era.sort_index().to_numpy() == pytest.approx(tonghua.sort_index().to_numpy())
    twenties = by_era.loc[by_era["era"] == "2020s"]
    assert set(twenties["group_docs"]) == {4}
    n_words = docs.loc[docs["era"] == "2020s", "n_words"].sum()
    rencai = twenties.loc[twenties["term"] == "人才"].iloc[0]
    assert rencai["per_10k"] == pytest.approx(rencai["count"] / n_words * 10_000)


def test_group_terms_rejects_an_unknown_column(tables):
    with pytest.raises(ValueError, match="region"):
        st.group_terms(tables["terms"], tables["documents"], by="region")


def test_keyword_table_has_every_pair_with_zeros(tables):
    kw = st.keyword_table(tables["terms"], tables["documents"],
                          keywords=["人才", "揭榜挂帅", "不存在的词"])
    assert len(kw) == 5 * 3
    assert list(kw["term"][:3]) == ["人才", "揭榜挂帅", "不存在的词"]
    assert (kw.loc[kw["term"] == "不存在的词", "per_10k"] == 0).all()
    jiebang = kw.loc[kw["term"] == "揭榜挂帅"].set_index("doc_id")["count"]
    assert jiebang["yinchuan_2022"] == 1 and jiebang.drop("yinchuan_2022").eq(0).all()
    assert list(dict.fromkeys(kw["doc_id"])) == DOC_IDS


def test_default_keywords_are_whole_tokens(tables):
    """Every default keyword occurs as a token somewhere (none is split by jieba)."""
    vocab = set(tables["terms"]["term"])
    assert [k for k in st.DEFAULT_KEYWORDS if k not in vocab] == []


def test_token_composition_partitions_the_tokens(tables):
    comp = st.token_composition(tables["tokens"])
    shares = comp.groupby("doc_id")["share"].sum()
    assert shares.to_numpy() == pytest.approx(np.ones(5), abs=1e-5)
    kept = comp.loc[comp["category"] == "kept"].set_index("doc_id")["n_tokens"]
    docs = tables["documents"].set_index("doc_id")
    assert kept.to_dict() == docs["n_kept"].to_dict()
    totals = comp.groupby("doc_id")["n_tokens"].sum()
    assert totals.to_dict() == docs["n_tokens"].to_dict()
    fw = comp.loc[comp["category"] == "function_word", "share"]
    assert (fw > 0.05).all()


def test_distinctive_terms_leave_out_words_every_document_uses(tables):
    terms = tables["terms"]
    dist = st.distinctive_terms(terms, n=10)
    assert dist.groupby("doc_id").size().to_dict() == {d: 10 for d in DOC_IDS}
    assert dist["n_docs"].max() <= 4
    assert "京津" in set(dist.loc[dist["doc_id"] == "xinji_2022", "term"])
    assert "工信局" in set(dist.loc[dist["doc_id"] == "jiayuguan_2020", "term"])
    only = st.distinctive_terms(terms, n=5, max_docs=1)
    assert set(only["n_docs"]) == {1}


def test_tfidf_profile_assigns_each_term_to_the_document_where_it_weighs_most(tables):
    prof = st.tfidf_profile(tables["terms"], n=5)
    for term, part in prof.groupby("term"):
        best = part.loc[part["tfidf"].idxmax(), "doc_id"]
        assert part["source"].iloc[0] == best, term
    assert prof.groupby("term").size().eq(5).all()


def test_vocabulary_overlap_counts_exclusive_words(tables):
    ov = st.vocabulary_overlap(tables["terms"]).set_index("doc_id")
    terms = tables["terms"]
    assert ov.loc["xinji_2022", "exclusive"] == int(
        ((terms["doc_id"] == "xinji_2022") & (terms["n_docs"] == 1)).sum())
    assert ov["shared_by_all"].nunique() == 1
    assert ov["exclusive_share"].idxmax() == "xinji_2022"


def test_document_summary_shares(tables):
    s = st.document_summary(tables["documents"])
    assert s["char_share"].sum() == pytest.approx(1, abs=1e-3)
    assert s.set_index("doc_id").loc["xinji_2022", "char_share"] > 0.5
    assert "text" not in s.columns

