"""Instrument × document and × era counts and shares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.instruments import instrument_cell, instrument_crosstab
from tests.conftest import DOC_IDS


def test_every_document_uses_supply_and_environment_instruments(codes, clauses):
    t = instrument_crosstab(codes, clauses, level="type")
    wide = t.pivot(index="doc_id", columns="type", values="clauses")
    assert (wide["supply"] > 0).all() and (wide["environment"] > 0).all()
    shares = t.groupby("doc_id")["code_share"].sum()
    assert np.allclose(shares, 1.0)
    assert (t["clause_share"].between(0, 1)).all()


def test_instrument_by_document_and_by_era(codes, clauses, corpus):
    by_doc = instrument_crosstab(codes, clauses, documents=corpus.documents)
    assert len(by_doc) == 16 * 5 and set(by_doc["doc_id"]) == set(DOC_IDS)
    assert {"city", "era"} <= set(by_doc.columns)
    c = by_doc.set_index(["doc_id", "instrument"])
    assert c.loc[("yinchuan_2022", "服务外包"), "clauses"] >= 3   # 揭榜挂帅, 购买服务 ...
    by_era = instrument_crosstab(codes, clauses, by="era", documents=corpus.documents)
    assert set(by_era["era"]) == {"2010s", "2020s"}
    era = by_era.set_index(["era", "instrument"])
    assert era.loc[("2020s", "金融支持"), "clauses"] == sum(
        c.loc[(d, "金融支持"), "clauses"] for d in DOC_IDS if d != "tonghua_2012")
    wide = instrument_crosstab(codes, clauses, by="era", documents=corpus.documents, wide=True,
                               value="clause_share")
    assert list(wide.columns) == ["2020s", "2010s"] and len(wide) == 16


def test_one_cell_of_the_table_to_check_against_the_text(codes, clauses, corpus):
    counts = instrument_crosstab(codes, clauses, documents=corpus.documents)
    top = instrument_cell(counts, instrument="Financial support")
    finance = counts.loc[counts["instrument"] == "金融支持"]
    assert top["clause_share"].item() == finance["clause_share"].max()
    one = instrument_cell(counts, instrument="金融支持", doc_id="tonghua_2012")
    assert one["doc_id"].item() == "tonghua_2012"
    with pytest.raises(ValueError, match="not in the counts table"):
        instrument_cell(counts, instrument="金融支持", doc_id="nowhere")


def test_counts_from_arrays_equal_the_records_on_random_codes():
    import random

    import pandas as pd

    from analysis.instruments.crosstabs import _counts_by_arrays, _counts_by_records
    from analysis.instruments.rules import load_instruments

    rules = load_instruments("instruments.toml")
    names = [(i.code, i.type) for i in rules.instruments] + [("未知", "other")]
    rng = random.Random(4)
    for _ in range(30):
        n = rng.randint(1, 12)
        clauses = pd.DataFrame({"doc_id": [rng.choice("abc") for _ in range(n)],
                                "clause_id": [f"c{i}" for i in range(n)]})
        clauses["_group"] = clauses["doc_id"].map({"a": "2010s", "b": "2020s", "c": "2010s"})
        picks = [rng.choice(names) for _ in range(rng.randint(0, 20))]
        codes = pd.DataFrame({"clause_id": [f"c{rng.randint(0, n + 2)}" for _ in picks],
                              "instrument": [p[0] for p in picks],
                              "type": [p[1] for p in picks]})
        for level in ("instrument", "type"):
            fast = _counts_by_arrays(codes, clauses, rules, level)
            pd.testing.assert_frame_equal(fast, _counts_by_records(codes, clauses, rules, level))


def test_the_build_tables_equal_each_crosstab_made_alone(clauses, corpus):
    from analysis.instruments import instrument_tables

    tables = instrument_tables(clauses, tokens=None, documents=corpus.documents)
    codes = tables["instrument_codes"]
    for name, by, level in [("instrument_counts", "doc_id", "instrument"),
                            ("instrument_types", "doc_id", "type"),
                            ("instrument_era", "era", "instrument"),
                            ("instrument_types_era", "era", "type")]:
        alone = instrument_crosstab(codes, clauses, by=by, level=level,
                                    documents=corpus.documents)
        pd.testing.assert_frame_equal(tables[name], alone)


def test_positions_of_other_clauses_are_not_used():
    from analysis.instruments.crosstabs import _crosstab

    units = pd.DataFrame({"doc_id": ["a", "a", "b"], "clause_id": ["a:1", "a:2", "b:1"],
                          "text": ["鼓励银行开展质押贷款。", "实施首台套政府采购。",
                                   "设立引导基金。"],
                          "char_start": 0, "char_end": [11, 10, 7]})
    codes = pd.DataFrame({"doc_id": ["a"], "clause_id": ["a:2"], "instrument": ["政府采购"],
                          "type": ["demand"]})
    right = _crosstab(codes, units, by="doc_id", level="instrument", documents=None,
                      rules="instruments.toml")
    # positions made for a table of the clauses in another order: row 2 there is a:2,
    # here it is b:1
    stale = (np.array(["a:1", "b:1", "a:2"], dtype=object), np.array([2]))
    got = _crosstab(codes, units, by="doc_id", level="instrument", documents=None,
                    rules="instruments.toml", positions=stale)
    pd.testing.assert_frame_equal(got, right)
    assert got.loc[got["doc_id"] == "a", "codes"].sum() == 1
    assert got.loc[got["doc_id"] == "b", "codes"].sum() == 0
