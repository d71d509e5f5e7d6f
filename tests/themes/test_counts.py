"""Theme hits and counts per document: literal clauses and the default corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.lexicon import TermSet
from analysis.stats.matrices import word_totals
from analysis.themes import match_terms, theme_counts, theme_profiles, unit_word_counts
from tests.conftest import DOC_IDS
from tests.themes.conftest import units_of


def test_one_phrase_can_hit_several_themes():
    got = match_terms(units_of("鼓励银行开展知识产权质押贷款。"))
    assert {"finance", "ip"} <= set(got["theme"])
    assert got.loc[got["theme"] == "finance", "term"].tolist() == ["银行", "质押", "贷款"]


@pytest.mark.parametrize("text, theme, n", [
    ("市政府金融办牵头", "finance", 0),            # an agency, not finance
    ("市农业农村局、市科技局", "agriculture", 0),    # an agency, not agriculture
    ("不作负面评价,免除相关责任", "evaluation", 0),
    ("达到国际领先水平", "opening", 0),
    ("加强国际科技合作", "opening", 1),
    ("推动新旧动能转化", "commercialisation", 0),
    ("申报国家自然科学基金", "finance", 0),
])
def test_exclusions_mask_contexts_that_are_not_the_theme(text, theme, n):
    got = match_terms(units_of(text))
    assert (got["theme"] == theme).sum() == n


def test_single_character_terms_count_only_as_their_own_token():
    got = match_terms(units_of("坚持党的全面领导,党委要负责。", "发挥政党作用"))
    party = got.loc[got["theme"] == "party"]
    assert party["term"].tolist() == ["党", "党委"]  # 政党 is one token, so 党 is not counted


def test_substring_matching_finds_terms_inside_compounds_token_matching_does_not():
    """The documented choice: jieba keeps 人才引进 and 高层次人才 whole, so token matching
    misses 人才 in them; substring matching counts it."""
    units = units_of("支持人才引进和高层次人才培养,壮大人才队伍。")
    talent = [TermSet("talent", "人才", "Talent", terms=("人才",))]
    assert len(match_terms(units, talent)) == 3
    assert len(match_terms(units, talent, mode="token")) == 0


def test_counts_per_document_on_a_literal_text():
    units = units_of("引进人才,培养人才。", "支持科技金融,人才人才人才。", "二、保障措施")
    c = theme_counts(units).set_index("theme")
    assert int(c.loc["talent", "hits"]) == 5
    assert int(c.loc["talent", "clauses_with_theme"]) == 2
    assert int(c.loc["talent", "n_clauses"]) == 3
    assert float(c.loc["talent", "clause_share"]) == pytest.approx(2 / 3, abs=1e-6)
    assert int(c.loc["finance", "hits"]) == 1
    n_words = int(c.loc["talent", "n_words"])
    assert n_words > 0
    assert float(c.loc["talent", "per_10k"]) == pytest.approx(5 / n_words * 1e4, abs=1e-5)


def test_clause_share_is_robust_to_one_clause_repeating_a_word():
    once = theme_counts(units_of("人才", "平台")).set_index("theme")
    many = theme_counts(units_of("人才人才人才人才人才", "平台")).set_index("theme")
    assert many.loc["talent", "hits"] == 5 * once.loc["talent", "hits"]
    assert many.loc["talent", "clause_share"] == once.loc["talent", "clause_share"] == 0.5


def test_per_10k_uses_the_word_totals_of_the_token_table(counts, tokens):
    totals = word_totals(tokens)
    per_doc = counts.drop_duplicates("doc_id").set_index("doc_id")["n_words"]
    assert (per_doc == totals.reindex(per_doc.index)).all()
    row = counts.loc[(counts["doc_id"] == "xinji_2022") & (counts["theme"] == "talent")].iloc[0]
    assert row["per_10k"] == pytest.approx(row["hits"] / totals["xinji_2022"] * 1e4, abs=1e-5)


def test_talent_is_a_theme_hit_in_every_document(hits):
    """人才 itself occurs in all five documents, the 2012 one (traditional script) included."""
    per_doc = hits.loc[hits["term"] == "人才"].groupby("doc_id").size()
    assert set(per_doc.index) == set(DOC_IDS)
    assert per_doc["tonghua_2012"] == 29 and per_doc["xinji_2022"] == 108


def test_talent_finance_and_platform_hits_per_document(counts):
    """The numbers reported in the README; a dictionary or parser change shows up here."""
    wide = counts.pivot(index="theme", columns="doc_id", values="hits")
    assert wide.loc["talent"].to_dict() == {"chifeng_2023": 23, "jiayuguan_2020": 52,
                                            "tonghua_2012": 35, "xinji_2022": 166,
                                            "yinchuan_2022": 40}
    assert wide.loc["finance"].to_dict() == {"chifeng_2023": 12, "jiayuguan_2020": 64,
                                             "tonghua_2012": 28, "xinji_2022": 87,
                                             "yinchuan_2022": 29}
    assert wide.loc["platforms"].to_dict() == {"chifeng_2023": 30, "jiayuguan_2020": 69,
                                               "tonghua_2012": 46, "xinji_2022": 223,
                                               "yinchuan_2022": 21}


def test_the_2012_document_has_no_digital_green_or_agriculture_clause(counts):
    c = counts.set_index(["doc_id", "theme"])
    for theme in ("digital", "green", "agriculture"):
        assert c.loc[("tonghua_2012", theme), "hits"] == 0
        assert c.loc[("xinji_2022", theme), "hits"] > 50


def test_clause_shares_skip_headings_unit_cells_and_closing_matter(counts, clauses):
    n = counts.drop_duplicates("doc_id").set_index("doc_id")["n_clauses"]
    assert n.to_dict() == {"chifeng_2023": 24, "xinji_2022": 98, "tonghua_2012": 38,
                           "yinchuan_2022": 26, "jiayuguan_2020": 82}
    assert (n < clauses.groupby("doc_id").size().reindex(n.index)).all()


def test_counts_carry_city_and_era(counts):
    assert {"city", "city_en", "year", "era"} <= set(counts.columns)
    assert counts.loc[counts["doc_id"] == "tonghua_2012", "era"].unique().tolist() == ["2010s"]


def test_profiles_by_era_average_the_documents(counts):
    prof = theme_profiles(counts, by="era").set_index(["era", "theme"])
    share = counts.loc[counts["era"] == "2020s"].groupby("theme")["clause_share"].mean()
    assert prof.loc[("2020s", "talent"), "value"] == pytest.approx(share["talent"], abs=1e-6)
    assert prof.loc[("2010s", "talent"), "n_docs"] == 1


def test_units_without_the_needed_columns_get_a_clear_error():
    with pytest.raises(ValueError, match=r"missing column.*char_start"):
        theme_counts(pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "text": ["人才"]}))


def test_clause_word_counts_add_up_to_the_word_totals(clauses, tokens):
    per = unit_word_counts(clauses, tokens=tokens)
    by_doc = per.groupby(clauses["doc_id"]).sum()
    assert by_doc.to_dict() == word_totals(tokens).to_dict()
    head = clauses.iloc[:3]
    assert unit_word_counts(head).tolist() == unit_word_counts(head, tokens=tokens).tolist()


def test_word_counts_of_literal_clauses_skip_punctuation_and_numbers():
    # jieba tokens: 引进人才 , 培养人才 。 | 2023 年
    assert unit_word_counts(units_of("引进人才,培养人才。", "2023年")).tolist() == [2, 1]


def test_clause_lookups_agree_with_pandas():
    import numpy as np

    from analysis.themes.counts import _member, _positions

    keys = pd.Series(["a:1", "a:2", "b:1", "c:9"], dtype="str")
    values = pd.Series(["b:1", "x", "a:1", "a:1", "c:9"], dtype="str")
    assert _positions(keys, values).tolist() == pd.Index(keys).get_indexer(values).tolist()
    assert _member(values, keys.iloc[:2]).tolist() == [False, False, True, True, False]
    # keys held as objects, values as strings, and no values at all
    assert _positions(keys.astype(object), values).tolist() == [2, -1, 0, 0, 3]
    assert _positions(keys, values.iloc[:0]).tolist() == []
    assert not _member(values, keys.iloc[:0]).any()
    # missing values fall back to pandas
    with_na = pd.Series(["a:1", None], dtype="str")
    assert _member(with_na, keys).tolist() == [True, False]
    assert np.array_equal(_positions(keys, with_na), pd.Index(keys).get_indexer(with_na))
    # repeated keys: pandas refuses, and so does the lookup
    with pytest.raises(Exception, match="uniquely valued"):
        _positions(pd.Series(["a", "a"]), pd.Series(["a"]))
