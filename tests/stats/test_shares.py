import pandas as pd
import pytest

from analysis.stats.shares import group_chi_square, group_shares, grouping_caveat

COUNTS = pd.DataFrame({
    "doc_id": ["a", "a", "b", "b", "c", "c"],
    "theme": ["talent", "funding"] * 3,
    "theme_zh": ["人才", "资金"] * 3,
    "theme_en": ["Talent", "Funding"] * 3,
    "clauses_with_theme": [2, 5, 4, 1, 1, 9],
    "n_clauses": [10, 10, 20, 20, 10, 10],
    "hits": [3, 7, 5, 1, 1, 12],
})
DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "level": ["city", "city", "province"]})


def test_value_is_the_mean_of_document_shares():
    s = group_shares(COUNTS, DOCS, by="level", n_boot=50).set_index(["group", "key"])
    assert s.loc[("city", "talent"), "value"] == pytest.approx((0.2 + 0.2) / 2)
    assert s.loc[("province", "funding"), "value"] == pytest.approx(0.9)


def test_resampling_says_documents_or_clauses():
    s = group_shares(COUNTS, DOCS, by="level", n_boot=50)
    how = dict(zip(s["group"], s["resampled"], strict=False))
    assert how == {"city": "documents", "province": "clauses"}
    assert set(s.loc[s["group"] == "city", "doc_id"]) == {"a;b"}


def test_same_seed_same_intervals():
    a = group_shares(COUNTS, DOCS, by="level", n_boot=200, seed=3)
    b = group_shares(COUNTS, DOCS, by="level", n_boot=200, seed=3)
    pd.testing.assert_frame_equal(a, b)


def test_intervals_contain_the_value():
    s = group_shares(COUNTS, DOCS, by="level", n_boot=300)
    assert ((s["ci_low"] <= s["value"]) & (s["value"] <= s["ci_high"])).all()


def test_words_units_resample_counts_per_10k():
    terms = pd.DataFrame({"doc_id": ["a"], "term": ["人才"], "count": [20], "n_words": [1000]})
    s = group_shares(terms, pd.DataFrame({"doc_id": ["a"], "era": ["x"]}), by="era",
                     key="term", count="count", total="n_words", units="words", scale=1e4,
                     n_boot=200)
    assert s["value"].item() == 200.0 and s["resampled"].item() == "words"
    assert s["ci_low"].item() < 200 < s["ci_high"].item()


def test_unknown_grouping_names_the_columns():
    with pytest.raises(ValueError, match="no column 'sheet'"):
        group_shares(COUNTS, DOCS, by="sheet")


def test_missing_count_column_is_named():
    with pytest.raises(ValueError, match="clauses_with_theme"):
        group_shares(COUNTS.drop(columns="clauses_with_theme"), DOCS, by="level")


def test_chi_square_on_groups_with_caveat():
    r = group_chi_square(COUNTS, DOCS, by="level")
    obs = r.pivot(index="group", columns="key", values="observed")
    assert obs.loc["city"].tolist() == [8, 8] and obs.loc["province"].tolist() == [12, 1]
    assert r["dof"].iloc[0] == 1
    assert "province (c) is a single document" in r["caveat"].iloc[0]


def test_chi_square_needs_two_groups():
    with pytest.raises(ValueError, match="at least two"):
        group_chi_square(COUNTS, DOCS.assign(level="city"), by="level")


def test_caveat_counts_and_unequal_groups():
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)],
                         "g": ["a"] * 35 + ["b"] * 5})
    text = grouping_caveat(docs, by="g")
    assert text.startswith("Caveat: 40 documents.")
    assert "unequal (5 to 35 documents)" in text
