"""Scores and the side-by-side table of ``policy-lens evaluate``."""

import pandas as pd
import pytest

from analysis.evaluation.metrics import accuracy_rows, prf, prf_rows, side_by_side


@pytest.mark.parametrize(("counts", "expected"), [
    ((10, 0, 0), (1.0, 1.0, 1.0)),
    ((3, 1, 0), (0.75, 1.0, 6 / 7)),
    ((0, 4, 2), (0.0, 0.0, 0.0)),
    ((0, 0, 0), (0.0, 0.0, 0.0)),
])
def test_prf(counts, expected):
    assert prf(*counts) == pytest.approx(expected)


def test_prf_rows_count_gold_units():
    rows = prf_rows("targets", "all fields", "heldout", tp=7, fp=2, fn=3, unit="number")
    assert [r["metric"] for r in rows] == ["precision", "recall", "f1"]
    assert {r["n"] for r in rows} == {10}
    assert {r["unit"] for r in rows} == {"number"}


def test_accuracy_rows_empty_item_scores_zero():
    rows = accuracy_rows("metadata", "dev", {"title": [], "date": [True, True, False]},
                         unit="document")
    assert [(r["item"], r["value"], r["n"]) for r in rows] == [("title", 0.0, 0),
                                                               ("date", 2 / 3, 3)]


def test_side_by_side_keeps_task_order_and_missing_part():
    long = pd.DataFrame(prf_rows("b", "x", "dev", tp=1, fp=0, fn=1, unit="u")
                        + prf_rows("a", "y", "heldout", tp=1, fp=1, fn=0, unit="u"))
    wide = side_by_side(long)
    assert wide["task"].tolist() == ["b"] * 3 + ["a"] * 3
    assert wide["heldout"].isna().sum() == 3 and wide["dev"].isna().sum() == 3
    assert wide.loc[0, "n_dev"] == 2
