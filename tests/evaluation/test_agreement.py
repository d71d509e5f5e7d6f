"""Two annotators' readings of the same target numbers: pairing and field agreement."""

import math

import pandas as pd
import pytest

from analysis.errors import CorpusError
from analysis.evaluation import EXTRA_TASKS, TASKS
from analysis.evaluation.agreement import (
    annotator_agreement,
    evaluate_agreement,
    pair_readings,
)

_UNITS = {"个百分点": "百分点", "百分点": "百分点"}


def _row(**kw):
    row = dict(doc_key="d", anchor="给予企业最高50万元奖励", number="50", kind="support",
               value="50", value_low="", value_high="", unit="万元", target_year="",
               indicator_contains="企业")
    row.update(kw)
    return row


def _agree(first, second):
    r = annotator_agreement(pd.DataFrame(first), pd.DataFrame(second), unit_of=_UNITS)
    return r.set_index(["item", "metric"])["value"]


def test_second_row_without_a_first_reading_names_the_row_and_the_number():
    first = pd.DataFrame([_row()])
    second = pd.DataFrame([_row(), _row(anchor="补助20万元", number="20")])
    with pytest.raises(ValueError, match=r"row 3 \(d, '补助20万元', '20'\)"):
        pair_readings(first, second)


def test_one_anchor_holding_the_same_number_twice_pairs_in_order():
    first = [_row(anchor="分别给予50万元、50万元", indicator_contains="省级"),
             _row(anchor="分别给予50万元、50万元", indicator_contains="市级")]
    second = [dict(r) for r in first]
    pairs = pair_readings(pd.DataFrame(first), pd.DataFrame(second))
    assert pairs["indicator_contains_1"].tolist() == ["省级", "市级"]
    assert pairs["indicator_contains_2"].tolist() == ["省级", "市级"]


def test_indicators_agree_when_one_holds_the_other_either_way():
    r = _agree([_row(), _row(anchor="奖励高新技术企业10万元", number="10",
                             indicator_contains="高新技术企业")],
               [_row(indicator_contains="高新技术企业"),
                _row(anchor="奖励高新技术企业10万元", number="10", indicator_contains="企业")])
    assert r["indicator", "agreement"] == 1.0
    r = _agree([_row()], [_row(indicator_contains="研发投入")])
    assert r["indicator", "agreement"] == 0.0 and r["all_fields", "agreement"] == 0.0


def test_units_agree_through_the_unit_table_and_years_must_be_equal():
    first = [_row(kind="target", number="2", value="2", unit="个百分点", target_year="2025",
                  anchor="比重提高2个百分点", indicator_contains="比重")]
    r = _agree(first, [dict(first[0], unit="百分点")])
    assert r["unit", "agreement"] == 1.0 and r["all_fields (target)", "agreement"] == 1.0
    r = _agree(first, [dict(first[0], target_year="2024")])
    assert r["target_year", "agreement"] == 0.0 and r["unit", "agreement"] == 1.0


def test_a_range_agrees_only_with_the_same_ends():
    first = [_row(kind="target", number="6-6.5", value="", value_low="6", value_high="6.5",
                  unit="%", anchor="增长6-6.5%左右", indicator_contains="增长")]
    assert _agree(first, first)["value", "agreement"] == 1.0
    assert _agree(first, [dict(first[0], value_high="7")])["value", "agreement"] == 0.0


def test_a_number_the_second_reader_would_not_record_disagrees_on_every_field():
    first = [_row(), _row(anchor="年营业收入2000万元以上", number="2000", kind="target")]
    r = _agree(first, [_row(), dict(first[1], kind="none")])
    assert r["recorded", "agreement"] == 0.5
    assert r["kind", "agreement"] == 0.5 and r["value", "agreement"] == 0.5
    assert r["all_fields (support)", "agreement"] == 1.0
    assert r["all_fields (target)", "agreement"] == 0.0


def test_kind_kappa_is_one_for_full_agreement_and_zero_at_chance():
    kinds = ["support", "target", "achievement", "target"]
    rows = [_row(anchor=f"奖励{i}0万元", number=f"{i}0", kind=k)
            for i, k in enumerate(kinds, 1)]
    assert _agree(rows, rows)["kind", "kappa"] == pytest.approx(1.0)
    # the second reader says target for all: agreement 0.5 equals chance agreement 0.5
    second = [dict(r, kind="target") for r in rows]
    assert _agree(rows, second)["kind", "kappa"] == pytest.approx(0.0)


def test_agreement_rows_count_the_numbers_read_twice():
    r = annotator_agreement(pd.DataFrame([_row(), _row(anchor="x30万元", number="30")]),
                            pd.DataFrame([_row()]), unit_of=_UNITS)
    assert set(r["n"][r["item"] == "all_fields"]) == {1}
    assert not math.isnan(float(r.loc[r["item"] == "all_fields", "value"].iloc[0]))


def test_the_agreement_task_runs_only_when_named():
    assert "annotators" in EXTRA_TASKS and "annotators" not in TASKS


class _Split:
    """The part of the split the agreement reads: each document's key, id and part."""

    keys = pd.DataFrame({"doc_key": ["d"], "doc_id": ["d"], "part": ["heldout"]})

    def doc_id(self, key):
        return key


def _write_codes(folder, first, second):
    pd.DataFrame(first).to_csv(folder / "instrument_codes_gold.csv", index=False)
    pd.DataFrame(second).to_csv(folder / "instrument_codes_second_gold.csv", index=False)


def _clauses(codes):
    texts = ["鼓励银行开展知识产权质押贷款。", "建设省级数据中心。", "加强组织领导。"]
    return [dict(doc_key="d", clause_no=str(i), text=t, researcher_codes=c, themes="none",
                 notes="") for i, (t, c) in enumerate(zip(texts, codes, strict=True), 1)]


def test_two_coders_who_agree_have_kappa_one_and_the_coder_scores_alike(tmp_path):
    first = _clauses(["金融支持;知识产权保护", "科技基础设施建设", "无"])
    _write_codes(tmp_path, first, [{k: r[k] for k in ("doc_key", "clause_no",
                                                       "researcher_codes")} for r in first])
    r = evaluate_agreement(_Split(), tmp_path).set_index(["item", "metric"])["value"]
    assert r["instruments: coders", "kappa_pooled"] == pytest.approx(1.0)
    assert r["instruments: first", "coverage"] == pytest.approx(2 / 3)
    assert (r["instruments: auto vs first", "kappa_pooled"]
            == r["instruments: auto vs second", "kappa_pooled"])


def test_a_second_coder_who_codes_nothing_lowers_only_the_coders_kappa(tmp_path):
    first = _clauses(["金融支持", "科技基础设施建设", "无"])
    second = [dict(doc_key="d", clause_no=str(i), researcher_codes="无") for i in (1, 2, 3)]
    _write_codes(tmp_path, first, second)
    r = evaluate_agreement(_Split(), tmp_path).set_index(["item", "metric"])["value"]
    assert r["instruments: second", "coverage"] == 0.0
    assert r["instruments: coders", "kappa_pooled"] == pytest.approx(0.0)
    assert r["instruments: auto vs first", "kappa_pooled"] > 0.5


def test_a_second_code_for_a_clause_the_first_did_not_code_is_refused(tmp_path):
    _write_codes(tmp_path, _clauses(["金融支持", "无", "无"]),
                 [dict(doc_key="d", clause_no="9", researcher_codes="无")])
    with pytest.raises(CorpusError, match="did not code"):
        evaluate_agreement(_Split(), tmp_path)
