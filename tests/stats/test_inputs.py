"""analysis.stats._inputs: the inputs every statistic accepts, documents in corpus order,
tokens assigned to clauses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats._inputs import assign_units, doc_order, tokens_and_docs, unique_in_order
from analysis.structure import clause_table
from tests.stats.literal_tokens import token_frame


def test_tokens_and_docs_accepts_a_corpus_or_a_token_table(corpus, tokens):
    toks, docs = tokens_and_docs(corpus, None, func="f")
    assert docs is corpus.documents and len(toks) == len(tokens)
    same, meta = tokens_and_docs(tokens, corpus, func="f")
    assert same is tokens and meta is corpus.documents
    assert tokens_and_docs(tokens, None, func="f")[1] is None


@pytest.mark.parametrize(("data", "documents", "error", "message"), [
    (["人才"], None, TypeError, "f: give a Corpus or a token table"),
    (pd.DataFrame({"doc_id": ["a"], "token": ["人才"]}), None, ValueError,
     r"f: the token table lacks column\(s\) keep, kind"),
    (token_frame({"a": ["人才"]}), pd.DataFrame({"x": [1]}), ValueError, "documents="),
])
def test_tokens_and_docs_errors_name_the_caller(data, documents, error, message):
    with pytest.raises(error, match=message):
        tokens_and_docs(data, documents, func="f")


def test_documents_in_order_of_first_appearance(tokens):
    assert doc_order(token_frame({"b": ["人才"], "a": ["平台", "金融"]})) == ["b", "a"]
    assert doc_order(tokens) == list(dict.fromkeys(tokens["doc_id"]))
    col = pd.Series(["b", "a", "b"], dtype="string")
    assert unique_in_order(col) == ["b", "a"] == unique_in_order(col.astype(object))


def test_doc_order_of_a_categorical_column_is_the_order_of_first_rows():
    # the build's token table: categorical doc_id with sorted categories, one unused
    doc = pd.Categorical(["b", "b", "c", "a", "c"], categories=["a", "b", "c", "z"])
    assert doc_order(pd.DataFrame({"doc_id": doc})) == ["b", "c", "a"]


def test_assign_units_literal():
    toks = token_frame({"d": ["人才", "引进", "平台", "金融"], "e": ["税收"]})  # starts 0 2 4 6, 0
    units = pd.DataFrame({"doc_id": ["d", "d", "e"], "char_start": [0, 4, 1],
                          "char_end": [3, 8, 5]}, index=[10, 11, 12])
    # 引进 (start 2) lies in d's first unit; 税收 (start 0) before e's only unit
    assert assign_units(toks, units).tolist() == [10, 10, 11, 11, -1]



def test_assign_units_with_a_mask_looks_up_only_the_selected_tokens(tokens, corpus):
    units = clause_table(corpus)[["doc_id", "char_start", "char_end"]]
    mask = np.arange(len(tokens)) % 3 == 1
    expected = assign_units(tokens[mask].reset_index(drop=True), units)
    np.testing.assert_array_equal(assign_units(tokens, units, mask), expected)
    obj = tokens.assign(doc_id=tokens["doc_id"].astype(object))  # the per-document search
    np.testing.assert_array_equal(
        assign_units(obj, pd.concat([units, units.iloc[[0]]]), mask), expected)

def test_assign_units_of_a_categorical_doc_id_as_of_strings(tokens, corpus):
    # the build's token table has categorical doc_id (sorted categories, one unused here)
    units = clause_table(corpus)[["doc_id", "char_start", "char_end"]]
    cat = tokens.assign(doc_id=pd.Categorical(
        tokens["doc_id"], categories=sorted({*tokens["doc_id"], "zz_unused"})))
    mask = np.arange(len(tokens)) % 2 == 0
    np.testing.assert_array_equal(assign_units(cat, units, mask),
                                  assign_units(tokens, units, mask))
    np.testing.assert_array_equal(assign_units(cat, units), assign_units(tokens, units))


def test_assign_units_fast_search_equals_per_document_search(tokens, corpus):
    """Tokens are put in clauses by one vectorised search over all documents; a per-document
    search (used when two clauses start at the same offset, or doc_id is not Arrow-backed)
    must place every token in the same clause."""
    units = clause_table(corpus)[["doc_id", "char_start", "char_end"]]
    fast = assign_units(tokens, units)
    slow = assign_units(tokens.assign(doc_id=tokens["doc_id"].astype(object)),
                         pd.concat([units, units.iloc[[0]]]))  # a shared start: fallback
    assert (fast >= 0).mean() > 0.95
    np.testing.assert_array_equal(fast, slow)  # the repeated clause keeps its index label
    # and by definition: the clause of the token's document that covers its start
    for i in np.random.default_rng(0).choice(len(tokens), 300, replace=False):
        t = tokens.iloc[i]
        hit = units[(units["doc_id"] == t["doc_id"]) & (units["char_start"] <= t["start"])
                    & (t["start"] < units["char_end"])]
        assert fast[i] == (hit.index[0] if len(hit) else -1)



def test_assign_units_of_tokens_out_of_order_equals_per_document_search(tokens, corpus):
    """The compiled search gallops on from the last token's unit; tokens in any order
    (here shuffled, the units reversed) get the units a search per document gives."""
    units = clause_table(corpus)[["doc_id", "char_start", "char_end"]].iloc[::-1]
    shuffled = tokens.sample(frac=1, random_state=1).reset_index(drop=True)
    shuffled = shuffled.assign(doc_id=shuffled["doc_id"].astype("str"))
    fast = assign_units(shuffled, units)
    slow = assign_units(shuffled.assign(doc_id=shuffled["doc_id"].astype(object)),
                        pd.concat([units, units.iloc[[0]]]))
    assert (fast >= 0).mean() > 0.95
    np.testing.assert_array_equal(fast, slow)
