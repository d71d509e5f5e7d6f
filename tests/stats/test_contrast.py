"""analysis.stats.contrast: keyness of a group of documents against a reference."""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from analysis.stats import KEYNESS_COLUMNS, KEYNESS_MEASURES, keyness, keyness_by
from tests.stats.literal_tokens import token_frame

META = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"],
                     "city": ["甲市", "乙市", "甲市"]})


TOKS = token_frame({
    "a": ["人才"] * 6 + ["平台"] * 2 + ["金融"] * 2,
    "b": ["人才"] * 1 + ["平台"] * 5 + ["金融"] * 4,
    "c": ["人才"] * 1 + ["平台"] * 6 + ["金融"] * 3,
})



def test_keyness_literal_counts_and_log_ratio():
    k = keyness(TOKS, target="2010s", by="era", documents=META, min_count=1).set_index("term")
    assert k.loc["人才", "count_target"] == 6 and k.loc["人才", "count_reference"] == 2
    assert k.loc["人才", "total_target"] == 10 and k.loc["人才", "total_reference"] == 20
    # log2((6/10) / (2/20)) = log2(6)
    assert k.loc["人才", "log_ratio"] == pytest.approx(np.log2(6))
    assert k.loc["人才", "direction"] == "over" and k.loc["平台", "direction"] == "under"
    assert k.loc["人才", "doc_id"] == "a"
    assert k.index[0] == "人才"  # strongest over-use first


@pytest.mark.parametrize("correction", [None, "yates"])
def test_keyness_matches_scipy_chi2_contingency(tokens, corpus, correction):
    k = keyness(tokens, target="2010s", by="era", documents=corpus, correction=correction,
                min_count=1)
    assert len(k) > 1000
    sample = k.iloc[np.linspace(0, len(k) - 1, 150).astype(int)]
    for r in sample.itertuples():
        table = [[r.count_target, r.count_reference],
                 [r.total_target - r.count_target, r.total_reference - r.count_reference]]
        yates = correction == "yates"
        chi2, _, _, expected = chi2_contingency(table, correction=yates)
        g2 = chi2_contingency(table, correction=yates, lambda_="log-likelihood")[0]
        assert r.chi2 == pytest.approx(chi2, rel=1e-7, abs=1e-9)
        assert r.g2 == pytest.approx(g2, rel=1e-7, abs=1e-9)
        assert r.expected_target == pytest.approx(expected[0][0], abs=1e-6)
        g2_p = chi2_contingency(table, correction=yates, lambda_="log-likelihood")[1]
        assert r.p_value == pytest.approx(g2_p, rel=1e-6, abs=1e-12)


def test_williams_correction_divides_g2_by_q():
    plain = keyness(TOKS, target="a", min_count=1).set_index("term")
    will = keyness(TOKS, target="a", correction="williams", min_count=1).set_index("term")
    n, r1, r2, c1, c2 = 30, 8, 22, 10, 20  # 人才: row totals 8 / 22, columns 10 / 20
    q = 1 + (n / r1 + n / r2 - 1) * (n / c1 + n / c2 - 1) / (6 * n)
    assert will.loc["人才", "g2"] == pytest.approx(plain.loc["人才", "g2"] / q)
    assert will.loc["人才", "chi2"] == pytest.approx(plain.loc["人才", "chi2"])


def test_keyness_groups_by_metadata_or_doc_ids(tokens, corpus):
    by_era = keyness(corpus, target="2010s", by="era")
    by_doc = keyness(tokens, target=["tonghua_2012"])
    assert by_era["term"].tolist() == by_doc["term"].tolist()
    np.testing.assert_allclose(by_era["g2"], by_doc["g2"])
    assert set(by_era["doc_id"]) == {"tonghua_2012"}
    top = by_era.loc[by_era["direction"] == "over", "term"].head(5).tolist()
    assert "创新型" in top  # the 2012 plan speaks of 创新型城市/创新型企业


def test_keyness_by_era_mirrors(corpus):
    k = keyness_by(corpus, by="era")
    a = k[k["target"] == "2010s"].set_index("term")
    b = k[k["target"] == "2020s"].set_index("term")
    assert set(a.index) == set(b.index)
    np.testing.assert_allclose(a["g2"], b.loc[a.index, "g2"])
    assert (a["direction"] != b.loc[a.index, "direction"]).all()
    assert b["doc_id"].iloc[0] == "chifeng_2023+xinji_2022+yinchuan_2022+jiayuguan_2020"



def test_keyness_by_on_counts_given_equals_counting_the_tokens(tokens, corpus):
    from analysis.stats import sparse_counts, word_totals

    counted = keyness_by(tokens, by="city", documents=corpus)
    given = keyness_by(tokens, by="city", documents=corpus, counts=sparse_counts(tokens))
    pd.testing.assert_frame_equal(given, counted)
    both = keyness_by(tokens, by="city", documents=corpus, counts=sparse_counts(tokens),
                      totals=word_totals(tokens))
    pd.testing.assert_frame_equal(both, counted)

def test_keyness_min_count_and_reference():
    k = keyness(TOKS, target="a", reference="b", min_count=7)
    assert k["term"].tolist() == ["人才", "平台"]  # 金融: 2 + 4 < 7
    assert k["total_reference"].iloc[0] == 10 and k["reference"].iloc[0] == "b"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"target": "2030s", "by": "era"}, "matches no document"),
    ({"target": "2010s", "by": "region"}, "not a metadata column"),
    ({"target": "a", "reference": "a"}, "both target and reference"),
    ({"target": ["a", "b", "c"]}, "reference is empty"),
    ({"target": "a", "measure": "t"}, "measure="),
])
def test_keyness_errors(kwargs, message):
    docs = None if kwargs.get("by") is None else META
    with pytest.raises(ValueError, match=message):
        keyness(TOKS, documents=docs, **kwargs)


def test_keyness_by_metadata_needs_documents():
    with pytest.raises(ValueError, match="needs the document metadata"):
        keyness(TOKS, target="2010s", by="era")



def test_keyness_columns_and_ranks():
    k = keyness(TOKS, target="a", min_count=1)
    assert tuple(k.columns) == KEYNESS_COLUMNS
    assert k["keyness"].is_monotonic_decreasing
    over = k[k["direction"] == "over"]
    under = k[k["direction"] == "under"]
    assert over["rank"].tolist() == list(range(1, len(over) + 1))
    assert under["rank"].tolist() == list(range(len(under), 0, -1))  # strongest last


def test_keyness_ties_listed_by_term_in_code_point_order():
    # 甲, 乙, 丙, Z and a have the same counts, so the same keyness: listed by term
    # (code point order: Latin capitals, Latin small letters, then Han by code point)
    same = ["甲", "乙", "丙", "Z", "a"]
    toks = token_frame({"x": same * 2 + ["人才"] * 4, "y": same + ["平台"] * 3})
    k = keyness(toks, target="x", min_count=1)
    tied = k[k["term"].isin(same)]
    assert tied["keyness"].nunique() == 1
    assert tied["term"].tolist() == sorted(same) == ["Z", "a", "丙", "乙", "甲"]
    assert k["rank"].dtype == np.int64 and k.index.tolist() == list(range(len(k)))


def test_log_ratio_measure_orders_by_effect_size():
    k = keyness(TOKS, target="a", measure="log_ratio", min_count=1)
    assert k["keyness"].abs().tolist() == pytest.approx(k["log_ratio"].abs().tolist())
    # the p-value of log_ratio is G²'s
    g2 = keyness(TOKS, target="a", min_count=1).set_index("term")["p_value"]
    assert k.set_index("term")["p_value"].to_dict() == pytest.approx(g2.to_dict())


def test_keyness_by_doc_id_compares_each_document_with_the_rest():
    k = keyness_by(TOKS, by="doc_id", min_count=1)
    assert list(dict.fromkeys(k["target"])) == ["a", "b", "c"]
    assert set(k["reference"]) == {"rest"}
    with pytest.raises(ValueError, match="at least two groups"):
        keyness_by(token_frame({"x": ["人才"] * 3}), by="doc_id")


def test_command_line_measures_are_the_keyness_measures():
    """``policy-lens keyness --measure`` offers exactly the measures keyness() accepts."""
    from analysis.cli import keyness as command

    sub = argparse.ArgumentParser().add_subparsers()
    command.register(sub)
    parser = sub.choices["keyness"]
    assert "{" + ",".join(KEYNESS_MEASURES) + "}" in parser.format_usage()
    for measure in KEYNESS_MEASURES:
        assert parser.parse_args(["x", "--measure", measure]).measure == measure


def test_keyness_pairwise_every_pair_once_and_matches_keyness():
    from analysis.stats import keyness_pairwise

    meta = META.assign(level=["x", "y", "z"])
    k = keyness_pairwise(TOKS, by="level", documents=meta, min_count=1)
    assert k["comparison"].unique().tolist() == ["level: x vs y", "level: x vs z",
                                                 "level: y vs z"]
    one = keyness(TOKS, target="x", reference="y", by="level", documents=meta, min_count=1)
    pd.testing.assert_frame_equal(k.loc[k["comparison"] == "level: x vs y"]
                                  .reset_index(drop=True), one)


def test_keyness_groups_skip_documents_without_a_value():
    from analysis.stats import keyness_pairwise

    meta = META.assign(level=["x", "y", None])
    k = keyness_pairwise(TOKS, by="level", documents=meta, min_count=1)
    assert k["comparison"].unique().tolist() == ["level: x vs y"]


def test_group_keyness_keeps_the_top_of_each_list():
    from analysis.stats import group_keyness

    k = group_keyness(TOKS, META, by="era", n=1, min_count=1)
    assert k.groupby(["target", "direction"]).size().to_dict() == {
        ("2010s", "over"): 1, ("2010s", "under"): 1, ("2020s", "over"): 1,
        ("2020s", "under"): 1}
