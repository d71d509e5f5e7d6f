"""Targets of the work reports and plan outlines of ``tests/data/genres`` (genres the
development corpora lack) against their hand-read gold, scored as ``policy-lens evaluate``
scores the development corpora."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.targets.scoring import score_gold

GENRES = Path(__file__).resolve().parents[1] / "data" / "genres"


def _score(gold_file: str) -> tuple[pd.DataFrame, int]:
    return score_gold(GENRES, pd.read_csv(GENRES / gold_file, dtype=str, keep_default_na=False))


def test_numbers_and_all_fields_of_the_genre_fixtures():
    g, n_pred = _score("targets_gold.csv")
    assert len(g) == 100
    assert (g["pred_index"] >= 0).mean() == 1.0           # every number is found
    assert g["all_fields"].sum() / n_pred >= 0.93          # precision, all five fields
    assert g["all_fields"].mean() >= 0.94                  # recall, all five fields


# the fixtures rich in time expressions, and eleven work reports and plans of 1955-2024
# (reviews of last year or of the last plan period, this year's goals, 明年, “十四五”末,
# 到本世纪末, ranges, budget totals): gold rows, precision and recall (all five fields),
# and kind and target year right among the numbers found
@pytest.mark.parametrize(("gold_file", "n", "p", "r", "kind", "year"), [
    ("times_gold.csv", 104, 0.94, 0.95, 0.99, 0.98),
    ("eras_gold.csv", 306, 0.87, 0.87, 1.0, 0.95),
])
def test_kind_and_year_of_the_fixtures_rich_in_time_expressions(gold_file, n, p, r, kind,
                                                                year):
    g, n_pred = _score(gold_file)
    assert len(g) == n
    assert (g["pred_index"] >= 0).mean() >= 0.99
    assert g["all_fields"].sum() / n_pred >= p
    assert g["all_fields"].mean() >= r
    found = g[g["pred_index"] >= 0]
    assert found["kind"].mean() >= kind
    assert found["target_year"].mean() >= year
