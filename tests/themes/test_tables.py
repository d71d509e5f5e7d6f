"""The themes stage's tables share their inputs: each equals the public function's table."""

from __future__ import annotations

import pandas as pd

from analysis.themes import era_difference, theme_chi_square, theme_tables


def _units() -> pd.DataFrame:
    texts = {
        "a": ["二、人才引进", "引进高层次人才,建设创新平台。", "支持科技金融。", "抄送:各区。"],
        "b": ["培养人才。", "建设平台,发展数字经济。", "推动绿色低碳发展。"],
        "c": ["一、总体要求", "加强人才培养和金融支持。", "建设重点实验室平台。"],
    }
    rows = []
    for doc, parts in texts.items():
        pos = 0
        for i, t in enumerate(parts, start=1):
            kind = "heading" if t.endswith(("人才引进", "总体要求")) else (
                "back" if t.startswith("抄送") else "item")
            label = t[:2] if kind == "heading" else f"{i}."
            heading = t[2:] if kind == "heading" else ""
            rows.append({"doc_id": doc, "clause_id": f"{doc}:{i}", "text": t,
                         "char_start": pos, "char_end": pos + len(t), "kind": kind,
                         "label": label, "heading": heading})
            pos += len(t)
    return pd.DataFrame(rows)


def test_era_difference_and_chi_square_equal_the_public_functions():
    units = _units()
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"],
                         "city": ["甲", "乙", "丙"]})
    t = theme_tables(units, tokens=None, documents=docs, n_boot=300, seed=5)
    pd.testing.assert_frame_equal(
        t["theme_era_diff"], era_difference(units, documents=docs, n_boot=300, seed=5))
    pd.testing.assert_frame_equal(
        t["theme_chi2"], theme_chi_square(units, seed=5, documents=docs).to_frame())
    # the title-only heading and the copy list do not count in the clause shares
    assert t["theme_era_diff"]["n_clauses_a"].iloc[0] == 2


def test_two_threads_give_the_tables_of_one():
    units = _units()
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"],
                         "city": ["甲", "乙", "丙"]})
    one = theme_tables(units, tokens=None, documents=docs, n_boot=300, seed=5)
    two = theme_tables(units, tokens=None, documents=docs, n_boot=300, seed=5, threads=2)
    assert list(two) == list(one)
    for name in one:
        pd.testing.assert_frame_equal(two[name], one[name], check_exact=True)
    assert len(two["theme_era_diff"]) and len(two["theme_chi2"])
