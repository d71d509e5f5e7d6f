"""Targets of the written condition-heavy excerpts in ``tests/data/target_genres``
(``cond_*``: 认定办法, 申报指南, 考核办法, 实施细则, a standard, notices) against their
hand-written gold, scored as ``policy-lens evaluate`` scores the development corpora. Most of
their numbers are conditions, quotas, norms, weights, dates and participants, which give no
row; one excerpt (a standard) holds no gold number, so every row found in it is an extra."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.targets.scoring import score_gold

FOLDER = Path(__file__).resolve().parents[1] / "data" / "target_genres"


@pytest.mark.slow
def test_numbers_and_all_fields_of_the_condition_excerpts():
    files = sorted(FOLDER.glob("cond_*.gold.csv"))
    gold = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in files],
                     ignore_index=True)
    g, n_pred = score_gold(FOLDER, gold, doc_ids=[f.name.removesuffix(".gold.csv")
                                                  for f in files])
    assert len(files) == 13 and len(g) == 45
    found = int((g["pred_index"] >= 0).sum())
    assert found == len(g)                                  # every gold number is found
    assert found / n_pred >= 0.56                           # precision of the numbers (45 / 80)
    assert g["all_fields"].sum() / n_pred >= 0.45           # precision, all five fields
    assert g["all_fields"].mean() >= 0.8                    # recall, all five fields
