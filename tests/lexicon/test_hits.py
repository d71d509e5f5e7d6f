"""Term sets over clause units: one row per hit with document offsets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.lexicon import (
    TermSet,
    UnitTokens,
    hit_frame,
    term_hits,
    term_hits_by_group,
    unit_matches,
)
from analysis.structure import clause_table
from analysis.themes import load_themes, load_tone


def units_of(*texts, doc_id="d"):
    starts = np.cumsum([0, *map(len, texts)])[:-1]
    return pd.DataFrame({"doc_id": doc_id, "clause_id": [f"{doc_id}:{i + 1}" for i in
                                                          range(len(texts))],
                         "text": list(texts), "char_start": starts,
                         "char_end": starts + np.array([len(t) for t in texts])})


SETS = [TermSet("talent", "人才", "Talent", terms=("人才", "科技人才")),
        TermSet("finance", "金融", "Finance", terms=("金融", "贷款"), exclude=("金融办",))]


def test_hits_are_in_clause_then_set_then_text_order_with_document_offsets():
    got = term_hits(units_of("金融办支持科技人才贷款", "人才和金融"), SETS, code_column="theme")
    assert list(got.columns) == ["doc_id", "clause_id", "theme", "term", "start", "end"]
    assert got[["clause_id", "theme", "term", "start", "end"]].values.tolist() == [
        ["d:1", "talent", "科技人才", 5, 9], ["d:1", "finance", "贷款", 9, 11],
        ["d:2", "talent", "人才", 11, 13], ["d:2", "finance", "金融", 14, 16]]
    assert got["start"].dtype == np.int64


def test_no_hit_gives_the_columns():
    empty = term_hits(units_of("加强组织领导"), SETS)
    assert empty.empty and list(empty.columns) == list(hit_frame([]).columns)
    assert term_hits(units_of("人才").iloc[:0], SETS).empty


def test_unit_matches_are_relative_to_each_unit():
    m = unit_matches(units_of("甲人才", "人才"), SETS[:1])[0]
    assert m.by_text() == {0: [(1, 3, "人才")], 1: [(0, 2, "人才")]}


def test_hit_offsets_point_into_the_document_text(corpus, tokens):
    clauses = clause_table(corpus)
    hits = term_hits(clauses, load_themes(), tokens=tokens)
    texts = corpus.documents.set_index("doc_id")["text"]
    for doc_id, s, e, term in hits[["doc_id", "start", "end", "term"]].itertuples(index=False):
        assert texts[doc_id][s:e] == term


@pytest.mark.parametrize("mode", ["substring", "token"])
def test_the_corpus_at_once_equals_clause_by_clause(corpus, tokens, mode):
    """The whole-corpus engine (joined texts, token terms in bulk) gives exactly the hits
    of matching each clause on its own with its own tokens, for themes and tone."""
    clauses = clause_table(corpus)
    spans = UnitTokens(clauses, tokens)
    for sets in (list(load_themes()), list(load_tone())):
        got = term_hits(clauses, sets, tokens=tokens, mode=mode)
        rows = []
        for i, (doc_id, cid, text, a) in enumerate(clauses[["doc_id", "clause_id", "text",
                                                             "char_start"]].itertuples(
                                                                 index=False)):
            for ts in sets:
                found = (ts.find_tokens(text, spans.spans(i)) if mode == "token"
                         else ts.find(text, spans.spans(i)))
                rows += [(doc_id, cid, ts.key, t, a + s, a + e) for s, e, t in found]
        pd.testing.assert_frame_equal(got, hit_frame(rows), check_exact=True)
        assert len(got) > 0


def test_edge_cases_of_the_corpus_at_once(corpus, tokens):
    """Overlapping units, a document missing from the token table, no token table,
    patterns, overlapping exclude contexts."""
    sets = [
        TermSet("a", "甲", "A", terms=("人才", "科技人才", "才引"), tokens=("党",),
                exclude=("人才引", "引进人", "科技局")),
        TermSet("b", "乙", "B", terms=("创新",), patterns=(r"到20\d\d年", r"\d+"),
                exclude=("科技局",)),
        TermSet("c", "丙", "C", terms=("企业",), tokens=("可",), exclude=("可持续", "不可")),
    ]
    doc = corpus.doc_ids[0]
    text = corpus.text(doc)
    units = pd.DataFrame({
        "doc_id": [doc, doc, doc, "zz"],
        "clause_id": ["u1", "u2", "u3", "u4"],
        "text": [text[0:400], text[200:900], text[900:905], "引进科技人才到2025年,可持续,党建123"],
        "char_start": [0, 200, 900, 0], "char_end": [400, 900, 905, 21],
    })
    for mode in ("substring", "token"):
        for toks in (tokens, None):
            got = term_hits(units, sets, tokens=toks, mode=mode)
            spans = UnitTokens(units, toks)
            rows = [(d, c, ts.key, t, a + s, a + e)
                    for i, (d, c, x, a) in enumerate(units[["doc_id", "clause_id", "text",
                                                            "char_start"]].itertuples(
                                                                index=False))
                    for ts in sets
                    for s, e, t in (ts.find_tokens(x, spans.spans(i)) if mode == "token"
                                    else ts.find(x, spans.spans(i)))]
            pd.testing.assert_frame_equal(got, hit_frame(rows), check_exact=True)


@pytest.mark.parametrize("mode", ["substring", "token"])
def test_groups_from_one_pass_equal_each_group_alone(corpus, tokens, mode):
    """The themes and the tone matched together give each group exactly its own hits
    (rows, order, dtypes), with token terms (the tone's 可) and exclusions."""
    clauses = clause_table(corpus)
    themes, tones = list(load_themes()), list(load_tone())
    got = term_hits_by_group(clauses, [themes, tones], tokens=tokens, mode=mode,
                             code_columns=["theme", "tone"])
    for frame, sets, col in zip(got, (themes, tones), ("theme", "tone"), strict=True):
        alone = term_hits(clauses, sets, tokens=tokens, mode=mode, code_column=col)
        pd.testing.assert_frame_equal(frame, alone, check_exact=True)
        assert len(frame) > 0


def test_groups_with_a_group_without_hits_or_sets():
    units = units_of("金融办支持科技人才贷款", "人才和金融")
    none = [TermSet("x", "无", "None", terms=("量子",))]
    got = term_hits_by_group(units, [SETS, none, []], code_columns=["theme", "tone", "code"])
    pd.testing.assert_frame_equal(got[0], term_hits(units, SETS, code_column="theme"))
    for frame, col in zip(got[1:], ("tone", "code"), strict=True):
        pd.testing.assert_frame_equal(frame, hit_frame([], col))


def test_groups_needing_another_separator_are_matched_apart():
    """A term holding the separator the other group would use: each group alone."""
    odd = [TermSet("odd", "怪", "Odd", terms=("人\x01才", "人才"), patterns=(r"人.才",))]
    units = units_of("人\x01才和人才", "科技人才")
    got = term_hits_by_group(units, [SETS, odd])
    pd.testing.assert_frame_equal(got[0], term_hits(units, SETS))
    pd.testing.assert_frame_equal(got[1], term_hits(units, odd))


def test_one_code_column_per_group():
    with pytest.raises(ValueError, match="one column name per group"):
        term_hits_by_group(units_of("人才"), [SETS, SETS], code_columns=["theme"])


def test_hit_columns_are_the_same_whether_the_units_hold_arrow_or_python_strings():
    from analysis.lexicon import TermSet, term_hits

    rows = {"doc_id": ["d", "d", "e"], "clause_id": ["d:1", "d:2", "e:1"],
            "text": ["引进人才和人才团队", "科技金融", "人才"], "char_start": [0, 9, 0],
            "char_end": [9, 13, 2]}
    sets = [TermSet("talent", "人才", "Talent", terms=("人才",)),
            TermSet("finance", "金融", "Finance", terms=("金融", "科技金融"))]
    arrow = term_hits(pd.DataFrame(rows), sets, code_column="theme")
    python = term_hits(pd.DataFrame(rows).astype({"doc_id": object, "clause_id": object}),
                       sets, code_column="theme")
    pd.testing.assert_frame_equal(arrow, python)
    assert arrow["term"].tolist() == ["人才", "人才", "科技金融", "人才"]
    assert arrow["clause_id"].tolist() == ["d:1", "d:1", "d:2", "e:1"]
    assert arrow["doc_id"].dtype == pd.Series(["x"]).dtype


def test_texts_given_replace_the_units_texts_for_terms_and_segmented_tokens():
    units = units_of("甲人才", "金融贷款")
    masked = ["甲\0\0", "金融贷款"]  # the caller's (masked) texts, same lengths
    sets = [*SETS, TermSet("can", "可以", "Can", tokens=("贷款",))]
    got = unit_matches(units, sets, texts=masked)
    want = unit_matches(units.assign(text=masked), sets)
    assert [m.by_text() for m in got] == [m.by_text() for m in want]
    assert got[0].by_text() == {}  # the masked 人才 is not found
    assert got[2].by_text() == {1: [(2, 4, "贷款")]}  # segmented from the text given
    # without a token table the unit's tokens come from the texts given, not the column
    assert UnitTokens(units, texts=masked).spans(0) == UnitTokens(
        units.assign(text=masked)).spans(0)


def test_tokens_segmented_beside_a_masked_span_come_from_the_texts_given():
    # the whole text is one word (高新技术企业); with 高新 masked, 企业 is a word of its own
    units = units_of("高新技术企业")
    masked = ["\0\0技术企业"]
    sets = [TermSet("firm", "企业", "Firm", tokens=("企业",))]
    got = unit_matches(units, sets, texts=masked)
    assert got[0].by_text() == {0: [(4, 6, "企业")]}
    want = unit_matches(units.assign(text=masked), sets)
    assert [m.by_text() for m in got] == [m.by_text() for m in want]


def test_texts_of_another_length_than_the_units_are_refused():
    with pytest.raises(ValueError, match="1 texts for 2 units"):
        unit_matches(units_of("人才", "金融"), SETS, texts=["人才"])
