"""Support amounts of the written local 奖补/扶持 policy excerpts in
``tests/data/target_genres`` (``support_*``) against their hand-written gold, scored as
``policy-lens evaluate`` scores the development corpora."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.targets.scoring import score_gold

FOLDER = Path(__file__).resolve().parents[1] / "data" / "target_genres"


@pytest.fixture(scope="module")
def scored() -> tuple[pd.DataFrame, int]:
    gold = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False)
                      for f in sorted(FOLDER.glob("support_*.gold.csv"))], ignore_index=True)
    return score_gold(FOLDER, gold)


@pytest.mark.slow
def test_numbers_and_all_fields_of_the_support_excerpts(scored):
    g, n_pred = scored
    assert len(g) == 231 and (g["gold_kind"] == "support").sum() == 205
    assert (g["pred_index"] >= 0).mean() >= 0.99            # numbers found
    assert g["all_fields"].sum() / n_pred >= 0.75           # precision, all five fields
    assert g["all_fields"].mean() >= 0.76                   # recall, all five fields
    found = g[(g["pred_index"] >= 0) & (g["gold_kind"] == "support")]
    assert found["kind"].mean() >= 0.95
    assert found["indicator"].mean() >= 0.77                # the recipient or object
    assert found["value"].mean() == 1.0 and found["unit"].mean() == 1.0


# all five fields right, per excerpt: a floor slightly below the measured figure
@pytest.mark.slow
@pytest.mark.parametrize(("doc_id", "floor"), [
    ("support_fanti", 0.85), ("support_fuhuaqi", 0.56), ("support_nongye", 0.71),
    ("support_rencai", 0.68), ("support_reward_table", 0.78), ("support_ruogan_cuoshi", 0.91),
    ("support_shenbao_zhinan", 0.6), ("support_shishi_xize", 0.7),
    ("support_shuzi_jingji", 0.82), ("support_tiexi_quan", 0.63), ("support_zhuanli", 0.83),
])
def test_all_fields_of_each_support_excerpt(scored, doc_id, floor):
    g, _ = scored
    assert g.loc[g["doc_id"] == doc_id, "all_fields"].mean() >= floor
