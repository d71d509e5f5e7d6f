"""Quantitative targets: a hand-read gold set over the five documents, the tricky forms
on literal strings, the comparison table and figure, and robustness on arbitrary text."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from analysis.targets import extract_targets

GOLD = Path(__file__).parent / "data" / "targets_gold.csv"


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
        return got is None or got is pd_na() or (isinstance(got, float) and math.isnan(got))
    return math.isclose(float(got), float(want), rel_tol=1e-6)


def pd_na():
    import pandas as pd

    return pd.NA


def test_gold_set_covers_every_document():
    rows = _gold_rows()
    assert len(rows) >= 25
    assert {r["doc_id"] for r in rows} == {
        "chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022", "jiayuguan_2020"}


@pytest.mark.parametrize("gold", _gold_rows(), ids=lambda g: f"{g['doc_id']}:{g['anchor']}")
def test_gold_target(targets, corpus, gold):
    row = _row_at(targets, corpus, gold["doc_id"], gold["anchor"], gold["number"])
    assert row.kind == gold["kind"]
    assert row.unit == gold["unit"]
    assert row.comparator == gold["comparator"]
    assert _same(row.value, gold["value"]), row.value
    assert _same(row.value_low, gold["value_low"])
    assert _same(row.value_high, gold["value_high"])
    year = None if row.target_year is pd_na() else int(row.target_year)
    assert year == (int(gold["target_year"]) if gold["target_year"] else None)
    assert bool(row.is_aspiration) == (gold["is_aspiration"] == "True")
    assert bool(row.is_province_level) == (gold["is_province_level"] == "True")
    assert _same(row.baseline_value, gold["baseline_value"]), row.baseline_value
    byear = None if row.baseline_year is pd_na() else int(row.baseline_year)
    assert byear == (int(gold["baseline_year"]) if gold["baseline_year"] else None)
    assert _same(row.multiplier, gold["multiplier"])
    assert (row.year_basis == "annual") == (gold["annual"] == "True")
    assert gold["indicator_contains"] in row.indicator, row.indicator
