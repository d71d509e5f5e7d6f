"""The vectorised token table equals what the plain rules give: token kinds, the keep
flags, batches of documents, the counts the batches carry, and the Arrow form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import TokenFilter, token_table
from analysis.stats.matrices import counts_from_parts, sparse_counts, word_totals
from analysis.text.tokenize import (
    arrow_from_parts,
    frame_from_parts,
    get_tokenizer,
    token_arrays,
    token_kind,
    tokens_frame,
)

ALPHABET = st.sampled_from([
    *"科技创新發展的和 \n\t\u3000,.，。、%‰+-—~/:×0123456789ABCxyz_()（）《》“”!?αβ①Ⅱ〇〔〕",
    *"\u00a0\u2003\u200b", "\U00020000", "\U0001f600", "🙂"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=6), min_size=1, max_size=40))
def test_vectorised_kinds_match_the_regex_rules(pieces):
    text = "".join(pieces)
    cuts = np.cumsum([0, *map(len, pieces)]).astype(np.int32)
    frame = tokens_frame(["d"], [text], [cuts])
    expected = [(p, token_kind(p)) for p in pieces if token_kind(p) != "space"]
    assert list(zip(frame["token"], frame["kind"], strict=True)) == expected
    assert all(text[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["token"],
                                                  strict=True))
    assert frame["position"].tolist() == list(range(len(frame)))


def test_character_class_table_equals_the_plain_loop():
    from analysis.text.token_kinds import _class_table, _class_table_reference

    assert np.array_equal(_class_table(), _class_table_reference())


def test_kinds_of_the_default_corpus_match_the_regex_rules(tokens):
    assert (tokens["token"].map(token_kind) == tokens["kind"]).all()
    assert set(tokens["kind"]) == {"han", "number", "latin", "punct", "other"}


@pytest.mark.parametrize("flt", [
    TokenFilter(), TokenFilter(policy_words=False), TokenFilter(function_words=False, min_chars=1),
    TokenFilter(drop_punct=False, drop_numbers=False, min_chars=3),
])
def test_keep_column_is_the_filter(corpus, flt):
    toks = token_table(corpus, token_filter=flt)
    assert toks["keep"].equals(flt.apply(toks).rename("keep"))
    assert toks["is_function_word"].equals(toks["token"].isin(flt.function_set())
                                           .rename("is_function_word"))
    assert toks["is_policy_word"].equals(toks["token"].isin(flt.policy_set())
                                         .rename("is_policy_word"))


def _bounds(corpus):
    tok = get_tokenizer()
    texts = corpus.documents["text"].tolist()
    return corpus.doc_ids, texts, [tok.boundaries(t) for t in texts]


def test_several_documents_in_one_batch(corpus):
    ids, texts, bounds = _bounds(corpus)
    whole = tokens_frame(ids, texts, bounds)
    single = pd.concat([tokens_frame([i], [t], [b]) for i, t, b in zip(ids, texts, bounds,
                                                                        strict=True)],
                       ignore_index=True)
    assert whole.equals(single)


@pytest.mark.parametrize("flt", [TokenFilter(), TokenFilter(policy_words=False, min_chars=1)])
def test_counts_carried_by_the_batches_equal_the_matrices(corpus, flt):
    ids, texts, bounds = _bounds(corpus)
    parts = [token_arrays(ids[a:b], texts[a:b], bounds[a:b], flt)
             for a, b in ((0, 2), (2, 3), (3, 5))]
    frame = frame_from_parts(parts)
    assert frame.equals(token_table(corpus, token_filter=flt))
    sc, totals = counts_from_parts(parts)
    ref = sparse_counts(frame)
    assert (sc.doc_ids, sc.terms) == (ref.doc_ids, ref.terms)
    assert (sc.matrix != ref.matrix).nnz == 0
    assert np.array_equal(sc.matrix.indptr, ref.matrix.indptr)
    assert np.array_equal(sc.matrix.indices, ref.matrix.indices)
    assert totals.equals(word_totals(frame))


def test_boundaries_that_do_not_cover_the_text_are_an_error():
    with pytest.raises(ValueError, match="do not cover"):
        tokens_frame(["d"], ["科技创新"], [np.array([0, 2], dtype=np.int32)])


def test_arrow_token_table_equals_the_dataframe(corpus):
    ids, texts, bounds = _bounds(corpus)
    parts = [token_arrays(ids[a:b], texts[a:b], bounds[a:b], TokenFilter())
             for a, b in ((0, 2), (2, 5))]
    table = arrow_from_parts(parts)
    plain = table.cast(table.schema.set(0, table.schema.field("doc_id").with_type(pa.string()))
                       .set(5, table.schema.field("kind").with_type(pa.string())))
    assert plain.to_pandas().equals(frame_from_parts(parts))
    assert arrow_from_parts([]).num_rows == 0
