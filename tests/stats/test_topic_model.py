"""analysis.stats.topic_model: clause topics (NMF over clause TF-IDF)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats import TopicModel, clause_topics
from tests.stats.literal_tokens import token_frame


@pytest.fixture(scope="module")
def clauses(corpus):
    from analysis.structure import clause_table

    return clause_table(corpus)


def test_topics_are_deterministic_and_shares_sum_to_one(tokens, clauses):
    a = clause_topics(tokens, clauses=clauses, n_topics=6)
    b = clause_topics(tokens, clauses=clauses, n_topics=6)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    assert sorted(a.terms["topic"].unique()) == [1, 2, 3, 4, 5, 6]
    sums = a.documents.groupby("doc_id")["share"].sum()
    np.testing.assert_allclose(sums, 1.0, atol=1e-6)
    per_clause = a.clauses.groupby("clause_id")["share"].sum()
    np.testing.assert_allclose(per_clause, 1.0, atol=1e-6)
    assert (a.clauses.groupby("clause_id")["dominant"].sum() == 1).all()
    # the responsible-unit cells (agency lists) are not modelled as policy content
    assert not a.clauses["clause_id"].str.endswith(("牵头单位", "配合单位")).any()


def test_a_fit_stopped_by_max_iter_warns(tokens, clauses):
    from sklearn.exceptions import ConvergenceWarning

    with pytest.warns(ConvergenceWarning, match="max_iter=1"):
        clause_topics(tokens, clauses=clauses, n_topics=4, max_iter=1)


def test_topic_weight_of_a_clause_reflects_its_words(tokens, clauses):
    tm = clause_topics(tokens, clauses=clauses, n_topics=8)
    fin = tm.terms[tm.terms["term"] == "融资"]
    assert len(fin), "融资 (financing) is among some topic's top terms"
    topic = int(fin.sort_values("weight").iloc[-1]["topic"])
    dom = tm.clauses[tm.clauses["dominant"] & (tm.clauses["topic"] == topic)]
    text = clauses.set_index("clause_id").loc[dom["clause_id"], "text"]
    finance = "融资|金融|资本"
    base_rate = clauses["text"].str.contains(finance).mean()
    # the clauses this topic dominates talk about finance far more often than clauses do
    # in general (about 0.5 against a base rate of about 0.1 on the default corpus)
    assert text.str.contains(finance).mean() > 3 * base_rate


def test_topics_error_messages(tokens, clauses):
    with pytest.raises(ValueError, match="pass clauses="):
        clause_topics(tokens)
    with pytest.raises(ValueError, match="fewer than n_topics"):
        clause_topics(tokens, clauses=clauses.head(3), n_topics=5)


def test_topics_ignore_missing_tokens(tokens, clauses):
    """A token table from elsewhere may have missing tokens: they are not terms (the model
    is the one without those rows), rather than a crash."""
    rows = tokens.index[tokens["keep"]][::50]
    holed = tokens.copy()
    holed.loc[rows, "token"] = None
    a = clause_topics(holed, clauses=clauses, n_topics=6)
    b = clause_topics(tokens.drop(index=rows), clauses=clauses, n_topics=6)
    for part in ("terms", "clauses", "documents"):
        pd.testing.assert_frame_equal(getattr(a, part), getattr(b, part))


def test_topics_from_token_codes_equal_those_of_the_table(tokens, clauses):
    """The build codes the tokens once for the topics and the counts: the same tables."""
    from analysis.stats import token_codes

    # the build's token table: Arrow string ids and terms
    arrow = tokens.astype({"doc_id": "str", "token": "str"})
    a = clause_topics(arrow, clauses=clauses, n_topics=6, coded=token_codes(arrow))
    b = clause_topics(tokens, clauses=clauses, n_topics=6)
    for part in ("terms", "clauses", "documents"):
        pd.testing.assert_frame_equal(getattr(a, part), getattr(b, part), check_exact=True)


def test_two_literal_themes_make_two_topics():
    # six clauses of six tokens (12 characters) each, alternately about talent and finance
    talent = [["人才"] * 3 + ["引进"] * 2 + ["培养"], ["人才"] + ["引进"] * 2 + ["培养"] * 3,
              ["人才", "引进", "培养"] * 2]
    finance = [["金融"] * 3 + ["融资"] * 2 + ["资本"], ["金融"] + ["融资"] * 2 + ["资本"] * 3,
               ["金融", "融资", "资本"] * 2]
    toks = token_frame({"d": [t for pair in zip(talent, finance, strict=True)
                              for clause in pair for t in clause]})
    clauses = pd.DataFrame({"doc_id": "d", "clause_id": [f"d:{i}" for i in range(6)],
                            "char_start": [12 * i for i in range(6)],
                            "char_end": [12 * i + 12 for i in range(6)]})
    tm = clause_topics(toks, clauses=clauses, n_topics=2, min_terms=3, min_df=1, max_df=1.0)
    assert isinstance(tm, TopicModel)
    top3 = {t: set(g["term"].head(3)) for t, g in tm.terms.groupby("topic")}
    assert sorted(top3.values(), key=sorted) == sorted([{"人才", "引进", "培养"},
                                                        {"金融", "融资", "资本"}], key=sorted)
    dom = tm.clauses[tm.clauses["dominant"]].set_index("clause_id")["topic"]
    assert dom["d:0"] == dom["d:2"] == dom["d:4"] != dom["d:1"] == dom["d:3"] == dom["d:5"]
    labels = tm.labels(n=2)
    assert labels == {t: "、".join(g["term"].head(2)) for t, g in tm.terms.groupby("topic")}
    assert tm.documents["share"].sum() == pytest.approx(1.0)
    assert set(tm.documents["n_clauses"]) == {3}


def test_term_codes_number_the_selected_rows_by_code_point_order():
    from analysis.stats.matrices import _term_codes

    col = pd.Series(["乙", "b", "甲", "a", "乙"], dtype="str")
    mask = np.array([True, True, True, False, True])
    codes, names = _term_codes(col, mask)
    assert names == ["b", "乙", "甲"]  # "a" is not selected; b < 乙 (U+4E59) < 甲 (U+7532)
    assert codes.tolist() == [1, 0, 2, 1]
    # a missing token gets -1 and is not a term
    codes, names = _term_codes(pd.Series(["乙", None, "甲"], dtype=object), np.ones(3, bool))
    assert names == ["乙", "甲"] and codes.tolist() == [0, -1, 1]


def test_topics_from_token_codes_of_another_filter_are_refused(tokens, clauses):
    from analysis.stats import token_codes
    from analysis.text import TokenFilter

    coded = token_codes(tokens, token_filter=TokenFilter(policy_words=False))
    with pytest.raises(ValueError, match="same token_filter"):
        clause_topics(tokens, clauses=clauses, n_topics=6, coded=coded)
    with pytest.raises(ValueError, match="rows but the token table"):
        clause_topics(tokens.head(10), clauses=clauses, n_topics=6, coded=token_codes(tokens))


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", "string[python]", object])
def test_topic_clause_ids_are_str_whatever_string_type_the_clauses_have(dtype):
    talent, finance = ["人才", "引进", "培养"] * 2, ["金融", "融资", "资本"] * 2
    toks = token_frame({"d": (talent + finance) * 2})
    clauses = pd.DataFrame({"doc_id": "d", "clause_id": [f"d:{i}" for i in range(4)],
                            "char_start": [12 * i for i in range(4)],
                            "char_end": [12 * i + 12 for i in range(4)]})
    clauses = clauses.astype({"doc_id": dtype, "clause_id": dtype})
    tm = clause_topics(toks, clauses=clauses, n_topics=2, min_terms=3, min_df=1, max_df=1.0)
    assert tm.clauses["doc_id"].dtype == "str" and tm.clauses["clause_id"].dtype == "str"
    assert tm.clauses["clause_id"].tolist() == [f"d:{i}" for i in range(4) for _ in (1, 2)]
