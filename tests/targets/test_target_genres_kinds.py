"""Kinds and target years of the written work reports, plans and notices of
``tests/data/target_genres`` (``review_*`` and ``plan_*``: reviews of last year, of five years
or of a plan period before this year's or the period's goals, staged goals, 年均/每年 goals,
力争三年内 and 明年 resolved from the document's year, one excerpt in traditional
characters) against their hand-read gold, scored as ``policy-lens evaluate`` scores the
development corpora."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.targets.scoring import score_gold

FOLDER = Path(__file__).resolve().parents[1] / "data" / "target_genres"
GOLD_FILES = sorted([*FOLDER.glob("review_*.gold.csv"), *FOLDER.glob("plan_*.gold.csv")])


@pytest.fixture(scope="module")
def scored() -> tuple[pd.DataFrame, pd.DataFrame, int]:
    gold = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in GOLD_FILES],
                     ignore_index=True)
    g, n_pred = score_gold(FOLDER, gold)
    return g, gold, n_pred


def test_every_excerpt_has_gold_and_the_rows_cover_three_kinds(scored):
    g, gold, _ = scored
    assert len(GOLD_FILES) == 11
    assert len(g) == 269
    assert set(gold["kind"]) == {"target", "achievement", "support"}


def test_numbers_and_all_five_fields(scored):
    g, _, n_pred = scored
    found = g["pred_index"] >= 0
    assert found.mean() >= 0.99                          # recall, numbers
    assert found.sum() / n_pred >= 0.99                  # precision, numbers
    assert g["all_fields"].sum() / n_pred >= 0.95        # precision, all five fields
    assert g["all_fields"].mean() >= 0.94                # recall, all five fields


@pytest.mark.parametrize(("kind", "kind_floor", "year_floor"), [
    ("achievement", 0.98, 0.99),
    ("target", 0.99, 0.98),
    ("support", 0.99, 0.99),
])
def test_kind_and_year_of_the_numbers_found(scored, kind, kind_floor, year_floor):
    g, _, _ = scored
    of_kind = g[(g["gold_kind"] == kind) & (g["pred_index"] >= 0)]
    assert len(of_kind) >= 10
    assert of_kind["kind"].mean() >= kind_floor
    assert of_kind["target_year"].mean() >= year_floor
