"""Policy tone: mandatory, encouraging and permissive wording."""

from __future__ import annotations

import pytest

from analysis.themes import policy_tone
from tests.themes.conftest import units_of


def test_tone_on_literal_clauses():
    units = units_of("必须确保资金到位。", "鼓励企业探索,可根据实际情况先行先试。",
                     "坚持可持续发展。")
    t = policy_tone(units).set_index("tone")
    assert t["clauses_with_tone"].to_dict() == {"mandatory": 1, "encouraging": 1,
                                                "permissive": 1}
    assert int(t.loc["permissive", "hits"]) == 2          # 探索 and the token 可, not 可持续
    assert float(t.loc["mandatory", "share"]) == pytest.approx(1 / 3, abs=1e-6)


def test_tone_of_the_real_documents(clauses, tokens):
    t = policy_tone(clauses, tokens=tokens).pivot(index="doc_id", columns="tone",
                                                  values="share")
    assert t.loc["chifeng_2023", "mandatory"] == 0.0       # no 确保/严格/必须/要求 at all
    assert t.loc["xinji_2022", "mandatory"] > 0.1
    assert (t["encouraging"] > t["mandatory"]).all()
