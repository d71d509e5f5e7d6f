"""Every instrument table of a corpus at once: the same tables on any number of threads."""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from analysis.instruments import instrument_tables
from tests.instruments.conftest import units_of


def test_the_tables_are_the_same_on_one_thread_and_two(monkeypatch):
    monkeypatch.setattr("analysis.lexicon.scan.CHUNK", 8)  # the literal pass in many chunks
    units = pd.concat([
        units_of("鼓励商业银行开展知识产权质押贷款。", "培养和引进一批创新人才。", doc_id="a"),
        units_of("实施首台套政府采购。", "为提升创新能力,设立专项资金支持企业研发。", doc_id="b"),
    ], ignore_index=True)
    docs = pd.DataFrame({"doc_id": ["a", "b"], "era": ["2010s", "2020s"]})
    one = instrument_tables(units, tokens=None, documents=docs)
    two = instrument_tables(units, tokens=None, documents=docs, threads=2)
    assert sorted(one) == sorted(two)
    assert set(one["instrument_codes"]["instrument"]) >= {"金融支持", "政府采购", "教育培训"}
    for name in one:
        assert_frame_equal(one[name], two[name], check_exact=True)
