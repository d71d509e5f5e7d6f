"""Clause units: checks, countable clauses, metadata, tokens per unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.lexicon import (
    UnitTokens,
    check_units,
    clause_units,
    countable,
    doc_order,
    with_meta,
)
from analysis.structure import clause_table


def units_of(*texts, doc_id="d", start=0):
    starts = start + np.cumsum([0, *map(len, texts)])[:-1]
    return pd.DataFrame({"doc_id": doc_id, "clause_id": [f"{doc_id}:{i + 1}" for i in
                                                          range(len(texts))],
                         "text": list(texts), "char_start": starts,
                         "char_end": starts + np.array([len(t) for t in texts])})


def test_check_units_names_what_is_missing():
    with pytest.raises(ValueError, match=r"missing column.*char_start"):
        check_units(pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "text": ["人才"]}))
    with pytest.raises(ValueError, match="clause_id 'd:1' occurs twice"):
        check_units(pd.concat([units_of("甲"), units_of("乙")]))
    with pytest.raises(TypeError, match="must be a DataFrame"):
        check_units(["人才"])
    assert check_units(units_of("甲", "乙").iloc[::-1]).index.tolist() == [0, 1]


@pytest.mark.parametrize("row, counts", [
    ({"text": "加强人才引进。", "kind": "item", "label": "1.", "heading": ""}, True),
    ({"text": "二、重点任务", "kind": "heading", "label": "二、", "heading": "重点任务"}, False),
    ({"text": "二、重点任务。", "kind": "heading", "label": "二、", "heading": "重点任务"}, False),
    ({"text": "(一)人才。引进高层次人才", "kind": "heading", "label": "(一)",
      "heading": "人才"}, True),                                   # a heading with content
    ({"text": "市科技局", "kind": "cell", "label": "牵头单位", "heading": ""}, False),
    ({"text": "2023年5月", "kind": "back", "label": "", "heading": ""}, False),
    ({"text": "2023", "kind": "item", "label": "", "heading": ""}, False),  # no Chinese
])
def test_countable_clauses(row, counts):
    assert countable(pd.DataFrame([row])).tolist() == [counts]


def test_countable_without_structure_columns_needs_only_chinese_text():
    assert countable(pd.DataFrame({"text": ["人才", "123", ""]})).tolist() == [True, False,
                                                                              False]


def test_doc_order_and_meta():
    assert doc_order(pd.DataFrame({"doc_id": ["b", "a", "b"]})) == ["b", "a"]
    docs = pd.DataFrame({"doc_id": ["a", "b"], "city": ["甲", "乙"], "year": [2012, 2022],
                         "era": ["2010s", "2020s"], "other": 1})
    t = with_meta(pd.DataFrame({"doc_id": ["b", "a"], "n": [1, 2]}), docs)
    assert list(t.columns) == ["doc_id", "city", "year", "era", "n"]
    assert t["city"].tolist() == ["乙", "甲"]
    assert with_meta(t, None) is t


def test_unit_tokens_from_a_table_use_document_offsets():
    units = units_of("可以", "持续发展", start=10)
    tokens = pd.DataFrame({"doc_id": "d", "start": [10, 11, 12, 14, 11],
                           "end": [11, 12, 14, 16, 13],
                           "token": ["可", "以", "持续", "发展", "以持"], "kind": "han"})
    toks = UnitTokens(units, tokens)
    assert toks.spans(0) == [(0, 1, "可"), (1, 2, "以")]   # 以持 ends in the next unit
    assert toks.spans(1, with_kind=True) == [(0, 2, "持续", "han"), (2, 4, "发展", "han")]
    u, s, e, t = toks.candidates({"可", "发展", "以持"})
    assert list(zip(u.tolist(), s.tolist(), e.tolist(), t.tolist(), strict=True)) == [
        (0, 0, 1, "可"), (1, 2, 4, "发展")]


def test_unit_tokens_segment_documents_the_table_lacks():
    units = pd.concat([units_of("人才", doc_id="a"), units_of("坚持党的全面领导", doc_id="b")],
                      ignore_index=True)
    tokens = pd.DataFrame({"doc_id": "a", "start": [0], "end": [2], "token": ["人才"],
                           "kind": "han"})
    toks = UnitTokens(units, tokens)
    assert "党" in [w for _, _, w in toks.spans(1)]
    u, _, _, t = toks.candidates({"党", "人才"})
    assert list(zip(u.tolist(), t.tolist(), strict=True)) == [(0, "人才"), (1, "党")]
    assert UnitTokens(units).candidates({"党"})[3].tolist() == ["党"]


def test_unit_tokens_in_bulk_equal_unit_by_unit(corpus, tokens):
    units = clause_table(corpus)
    toks = UnitTokens(units, tokens)
    wanted = {"人才", "党", "可", "平台", "科技金融"}
    u, s, e, t = toks.candidates(wanted)
    bulk = sorted(zip(u.tolist(), s.tolist(), e.tolist(), t.tolist(), strict=True))
    one_by_one = sorted((i, a, b, w) for i in range(len(units))
                        for a, b, w in toks.spans(i) if w in wanted)
    assert bulk == one_by_one and len(bulk) > 100


def test_clause_units_are_the_clause_table(corpus):
    assert clause_units(corpus)["clause_id"].tolist() == clause_table(corpus)[
        "clause_id"].tolist()
