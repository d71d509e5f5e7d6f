"""BuildContext: typed inputs, made once, and a stage sees only what it declares."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_corpus, token_table
from analysis.pipeline import BuildContext, BuildOptions, Stage, StageError
from analysis.pipeline.tables import TokenParts, WrittenTable
from analysis.text import TokenFilter, get_tokenizer, token_arrays

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")


@pytest.fixture
def small(small_raw):
    corpus = load_corpus(small_raw)
    return corpus, token_table(corpus)


def test_inputs_are_typed_attributes_and_clauses_are_made_once(small):
    corpus, tokens = small
    ctx = BuildContext(corpus, tokens)
    assert ctx.corpus is corpus and ctx.tokens is tokens
    assert ctx.options == BuildOptions()
    assert ctx.clauses is ctx.clauses
    assert set(ctx.clauses["doc_id"]) == {"a", "b", "c"}
    assert "3 documents" in repr(ctx)


def test_a_stage_sees_only_what_it_declares(small):
    corpus, tokens = small
    terms = pd.DataFrame({"doc_id": ["a"], "term": ["科技"]})
    ctx = BuildContext(corpus, tokens, tables={"terms": terms})
    view = ctx.for_stage(Stage("mine", "mine:f", reads=["clauses", "terms"], writes=["x"]))
    assert view.table("terms") is terms
    assert view.clauses is ctx.clauses  # one clause table, shared by every stage
    with pytest.raises(StageError, match="stage 'mine' reads 'tokens' but does not declare"):
        _ = view.tokens
    with pytest.raises(StageError, match="reads 'corpus'"):
        _ = view.corpus
    with pytest.raises(StageError, match="reads 'keywords'"):
        view.table("keywords")
    assert ctx.table("terms") is terms  # outside a stage, nothing is restricted
    with pytest.raises(StageError, match="no earlier stage of this build wrote table 'x'"):
        ctx.table("x")


def test_a_table_let_go_cannot_be_read(small):
    corpus, tokens = small
    ctx = BuildContext(corpus, tokens, tables={"terms": WrittenTable(tokens)})
    with pytest.raises(StageError, match="written and let go"):
        ctx.table("terms")


def test_worker_arrays_become_the_token_table_on_first_use(small):
    corpus, tokens = small
    tok = get_tokenizer()
    texts = corpus.documents["text"].tolist()
    parts = TokenParts([token_arrays(corpus.doc_ids, texts, [tok.boundaries(t) for t in texts],
                                     TokenFilter())])
    ctx = BuildContext(corpus, parts)
    assert len(parts) == len(tokens) and parts.columns == list(tokens.columns)
    assert parts.table().equals(tokens)  # written and given to the user as token_table's
    frame = ctx.tokens
    assert frame is ctx.tokens  # made once
    # the stages read ids and kinds as categories (a code per token), the same values
    assert isinstance(frame["doc_id"].dtype, pd.CategoricalDtype)
    assert list(frame["kind"].cat.categories) == sorted(tokens["kind"].unique())
    assert frame.astype({"doc_id": "str", "kind": "str"}).equals(tokens)
    assert parts.table().equals(tokens)  # also once the stages' frame is made


def test_a_stage_sees_only_the_texts_it_declares(small):
    corpus, tokens = small
    ctx = BuildContext(corpus, tokens)
    some = ctx.for_stage(Stage("some", "m:f", reads=["corpus"], writes=["x"],
                               texts=["text_orig"]))
    none = ctx.for_stage(Stage("none", "m:f", reads=["corpus"], writes=["y"], texts=[]))
    every = ctx.for_stage(Stage("all", "m:f", reads=["corpus"], writes=["z"]))
    texts = ["text_raw", "text_orig", "text"]
    assert [c for c in texts if c in some.corpus.documents] == ["text_orig"]
    assert [c for c in texts if c in none.corpus.documents] == []
    assert every.corpus is corpus and some.corpus is some.corpus  # (made once)
    assert some.corpus.doc_ids == corpus.doc_ids
    # the build lets go of the texts no stage left reads: the shared corpus keeps the rest
    assert ctx._inputs.drop_texts({"text"})
    assert [c for c in texts if c in ctx.corpus.documents] == ["text"]
    assert [c for c in texts if c in some.corpus.documents] == []
    assert not ctx._inputs.drop_texts({"text"})
    with pytest.raises(StageError, match="texts is a list of names"):
        Stage("bad", "m:f", reads=["corpus"], texts="text")


def test_a_stage_naming_no_text_column_is_refused():
    with pytest.raises(StageError, match=r"stage 'typo': texts 'text_orgi' is not a text "
                       r"column .* text_raw, text_orig, text"):
        Stage("typo", "m:f", reads=["corpus"], texts=["text_orig", "text_orgi"])


def test_a_stage_without_texts_can_show_its_corpus(small):
    corpus, tokens = small
    bare = BuildContext(corpus, tokens).for_stage(
        Stage("bare", "m:f", reads=["corpus"], writes=["x"], texts=[]))
    assert repr(bare.corpus) == repr(corpus)
