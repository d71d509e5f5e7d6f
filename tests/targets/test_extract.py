"""The targets table: a hand-read gold set over the five documents, the table's shape and
types, clause ids, the options, speed, and robustness on arbitrary text."""

from __future__ import annotations

import csv
import math
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import load_corpus
from analysis.structure import clause_at, clause_table
from analysis.targets import TARGET_COLUMNS, extract_targets, targets_from_text

GOLD = Path(__file__).parents[1] / "data" / "targets_gold.csv"
DOC_IDS = {"chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022", "jiayuguan_2020"}


def _gold_rows() -> list[dict[str, str]]:
    with open(GOLD, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def targets(corpus):
    return extract_targets(corpus)


def _row_at(targets, corpus, doc_id: str, anchor: str, number: str):
    text = corpus.text(doc_id)
    assert text.count(anchor) == 1, f"gold anchor {anchor!r} is not unique in {doc_id}"
    start = text.index(anchor) + anchor.index(number)
    hit = targets[(targets.doc_id == doc_id) & (targets.char_start == start)]
    assert len(hit) == 1, f"{doc_id}: no extracted number at {anchor!r}"
    return hit.iloc[0]


def _same(got, want: str) -> bool:
    if want == "":
        return got is None or got is pd.NA or (isinstance(got, float) and math.isnan(got))
    return math.isclose(float(got), float(want), rel_tol=1e-6)


def test_gold_set_covers_every_document():
    rows = _gold_rows()
    assert len(rows) >= 25
    assert {r["doc_id"] for r in rows} == DOC_IDS


@pytest.mark.parametrize("gold", _gold_rows(), ids=lambda g: f"{g['doc_id']}:{g['anchor']}")
def test_gold_target(targets, corpus, gold):
    row = _row_at(targets, corpus, gold["doc_id"], gold["anchor"], gold["number"])
    assert row.kind == gold["kind"]
    assert row.unit == gold["unit"]
    assert row.comparator == gold["comparator"]
    assert _same(row.value, gold["value"]), row.value
    assert _same(row.value_low, gold["value_low"])
    assert _same(row.value_high, gold["value_high"])
    year = None if row.target_year is pd.NA else int(row.target_year)
    assert year == (int(gold["target_year"]) if gold["target_year"] else None)
    assert bool(row.is_aspiration) == (gold["is_aspiration"] == "True")
    assert bool(row.is_province_level) == (gold["is_province_level"] == "True")
    assert _same(row.baseline_value, gold["baseline_value"]), row.baseline_value
    byear = None if row.baseline_year is pd.NA else int(row.baseline_year)
    assert byear == (int(gold["baseline_year"]) if gold["baseline_year"] else None)
    assert _same(row.multiplier, gold["multiplier"])
    assert (row.year_basis == "annual") == (gold["annual"] == "True")
    assert gold["indicator_contains"] in row.indicator, row.indicator


def test_full_width_digits_keep_offsets_into_the_text():
    text = "到２０２５年，高新技术企业数量达到１６０家以上。"
    df = targets_from_text(text, year=2023)
    row = df.iloc[0]
    assert (row.value, row.unit, row.comparator, row.target_year) == (160, "家", "≥", 2025)
    assert row.indicator == "高新技术企业数量"
    assert text[row.char_start:row.char_end] == row.number_text == "１６０"
    assert row.sentence == text and row.target_id == "text:001"


def test_empty_and_number_free_texts_give_the_typed_empty_table():
    for text in ("", "推进科技创新。"):
        df = targets_from_text(text, year=2022)
        assert list(df.columns) == list(TARGET_COLUMNS) and df.empty
        assert str(df.target_year.dtype) == "Int64" and str(df.value.dtype) == "float64"


def test_traditional_document_through_normalisation(make_corpus):
    raw = make_corpus({"th": "三、目標任務\n力爭到2015年,全市科學研究與技術開發(R&D)經費占GDP的"
                             "比重達到2%左右,高技術產業增加值占規模以上工業增加值比重達到20%。"},
                      rows=[{"doc_id": "th", "file": "th.txt", "city": "通化市",
                             "year": "2012"}])
    t = extract_targets(load_corpus(raw))
    assert t[["indicator", "value", "comparator", "target_year"]].values.tolist() == [
        ["R&D经费占GDP的比重", 2, "≈", 2015],
        ["高技术产业增加值占规模以上工业增加值比重", 20, "=", 2015]]
    assert "經費" in t.sentence_orig.iloc[0] and "经费" in t.sentence.iloc[0]
    assert t.canonical_id.tolist() == ["rd_intensity", "high_tech_share"]


def test_an_english_title_column_gives_a_one_year_plan_its_year(make_corpus):
    raw = make_corpus({"p": "一、主要目标\n全省新建5G基站4万个。"},
                      rows=[{"doc_id": "p", "file": "p.txt", "city": "济南市", "year": "2019",
                             "policy_title": "Action Plan for Digital Shandong 2019"}])
    assert extract_targets(load_corpus(raw)).target_year.tolist() == [2019]


def test_paragraph_scope_agrees_on_the_gold_documents(corpus, targets):
    para = extract_targets(corpus, scope="paragraph")
    key = ["doc_id", "char_start", "kind", "value", "unit", "comparator", "target_year"]
    merged = targets[key].merge(para[key], how="outer", indicator=True)
    assert (merged["_merge"] == "both").mean() > 0.95


def test_table_shape_and_types(targets, corpus):
    assert list(targets.columns) == list(TARGET_COLUMNS)
    assert targets.target_id.is_unique
    assert set(targets.kind) == {"target", "achievement", "support"}
    assert str(targets.target_year.dtype) == "Int64"
    for doc_id, sub in targets.groupby("doc_id"):
        text = corpus.text(doc_id)
        orig = corpus.text(doc_id, original=True)
        for row in sub.itertuples():
            assert text[row.char_start:row.char_end] == row.number_text
            a = row.sentence_start
            assert text[a:a + len(row.sentence)] == row.sentence
            assert orig[a:a + len(row.sentence)] == row.sentence_orig
            assert row.sentence_start <= row.char_start


def test_clause_ids_come_from_the_clause_table(targets, corpus):
    clauses = clause_table(corpus)
    for row in targets.itertuples():
        assert row.clause_id == clause_at(clauses, row.doc_id, row.char_start)
    row = targets[targets.indicator == "全社会R&D经费支出占地区生产总值比重"].iloc[0]
    assert row.clause_id == "chifeng_2023:一/(三)"


def test_one_text_with_and_without_its_clause_rows(corpus, targets):
    text = corpus.text("chifeng_2023")
    alone = targets_from_text(text, doc_id="chifeng_2023", year=2023)
    with_rows = targets_from_text(text, doc_id="chifeng_2023", year=2023,
                                  clauses=clause_table(corpus))
    mine = targets[targets.doc_id == "chifeng_2023"].reset_index(drop=True)
    cols = ["target_id", "clause_id", "value", "unit", "char_start", "target_year"]
    pd.testing.assert_frame_equal(alone[cols], mine[cols])
    pd.testing.assert_frame_equal(with_rows[cols], mine[cols])


def test_every_document_has_targets_and_counts_are_stable(targets):
    counts = targets.groupby("doc_id").size().to_dict()
    assert set(counts) == DOC_IDS
    assert counts["chifeng_2023"] == 4
    assert (targets[targets.doc_id == "yinchuan_2022"].kind == "support").all()
    assert (targets[targets.doc_id == "tonghua_2012"].kind == "target").all()


def test_kinds_filter_and_bad_kind(corpus):
    only = extract_targets(corpus, kinds=["support"])
    assert set(only.kind) == {"support"}
    with pytest.raises(ValueError, match="unknown"):
        extract_targets(corpus, kinds=["goal"])


@pytest.mark.parametrize("text", [
    "1%" * 20000,
    ("全省推进科技创新和产业发展," * 70 + "高新技术企业达到160家以上,") * 1000,
], ids=["20000 numbers in a row", "one line of a million characters"])
def test_long_lines_take_linear_time(text):
    # each number is read in a bounded window of its line: seconds, not hours
    t0 = time.perf_counter()
    df = targets_from_text(text, year=2022)
    assert time.perf_counter() - t0 < 60
    assert len(df) in (20000, 1000)
    assert df["value"].notna().all()


def test_rejects_non_text():
    with pytest.raises(TypeError, match="str"):
        targets_from_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scope"):
        targets_from_text("x", scope="sentence")


_CHARS = ("0123456789０１２３４５６７８９.%％/—-~至到年月日内每翻一两三十百番家户个名位件项亿万元人"
          "以上左右不低于少力争达前第比较分别和、,，。;；:|\n ()（）《》“”〔〕高新技术企业全省"
          "市R&D")
_PIECES = ["十三五末", "到2025年", "两年内", "利用3年时间", "翻两番", "最高补助", "0的突破",
           "指标名称 | 2020年基数 | 2025年目标\n", "一、", "(一)", "1."]
_ALPHABET = st.sampled_from([*_CHARS, *_PIECES])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.one_of(st.none(),
                                                                st.integers(1990, 2040)))
def test_never_raises_on_policy_like_text(text, year):
    for scope in ("clause", "paragraph"):
        df = targets_from_text(text, year=year, scope=scope)
        assert list(df.columns) == list(TARGET_COLUMNS)
        for row in df.itertuples():
            assert 0 <= row.char_start < row.char_end <= len(text)
            assert text[row.char_start:row.char_end] == row.number_text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    df = targets_from_text(text, year=2022)
    assert list(df.columns) == list(TARGET_COLUMNS)


_REPORT = ("一、2023年工作回顾\n过去一年,国内生产总值超过126万亿元,增长5.2%。\n"
           "二、2024年政府工作任务\n今年发展主要预期目标是:国内生产总值增长5%左右;"
           "城镇新增就业1200万人以上;粮食产量1.3万亿斤以上。赤字率拟按3%安排。"
           "明年城镇调查失业率平均5.5%左右。“十四五”末,数字经济核心产业增加值占GDP比重达到10%。")


@pytest.mark.parametrize(("number", "kind", "indicator", "year", "canonical"), [
    ("126", "achievement", "国内生产总值", 2023, "gdp"),
    ("5.2", "achievement", "国内生产总值增长", 2023, "gdp_growth"),
    ("5", "target", "国内生产总值增长", 2024, "gdp_growth"),
    ("1200", "target", "城镇新增就业", 2024, "urban_new_jobs"),
    ("1.3", "target", "粮食产量", 2024, "grain_output"),
    ("3", "target", "赤字率", 2024, "deficit_ratio"),
    ("5.5", "target", "城镇调查失业率", 2025, "urban_unemployment"),
    ("10", "target", "数字经济核心产业增加值占GDP比重", 2025, "digital_economy_share"),
])
def test_work_report_review_and_targets(number, kind, indicator, year, canonical):
    # a review section reports last year's results; 今年, 明年 and “十四五”末 are resolved
    # from the document's year; indicators stop at verbs and never start inside a unit
    df = targets_from_text(_REPORT, year=2024)
    row = df[df.number_text == number].iloc[0]
    assert (row.kind, row.indicator, row.target_year, row.canonical_id) == (
        kind, indicator, year, canonical)
