import pandas as pd

from analysis.stats.trends import keyword_trend, share_trend, target_trend, year_counts

DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2012, 2020, 2020],
                     "level": ["city", "city", "province"], "n_words": [100, 200, 100]})


def test_year_counts_per_series():
    t = year_counts(DOCS, by="level")
    assert t[["series", "time", "n_docs"]].values.tolist() == [
        ["city", "2012", 1], ["city", "2020", 1], ["province", "2020", 1]]


def test_share_trend_one_series_per_group():
    counts = pd.DataFrame({"doc_id": ["a", "b", "c"], "theme": "talent",
                           "clauses_with_theme": [1, 2, 3], "n_clauses": [10, 10, 10]})
    t = share_trend(counts, DOCS, by="level", n_boot=20)
    assert t[["series", "time", "value"]].values.tolist() == [
        ["city", "2012", 0.1], ["city", "2020", 0.2], ["province", "2020", 0.3]]


def test_keyword_trend_counts_documents_without_the_term_as_zero():
    terms = pd.DataFrame({"doc_id": ["a", "b"], "term": ["人才", "平台"], "count": [5, 4]})
    t = keyword_trend(terms, DOCS, keywords=["人才"], n_boot=20)
    assert t[["time", "value", "n_docs"]].values.tolist() == [["2012", 500.0, 1],
                                                             ["2020", 0.0, 2]]


def test_target_trend_keeps_target_and_achievement_apart_in_the_common_unit():
    targets = pd.DataFrame({
        "doc_id": ["a", "b", "b", "c"], "canonical_id": ["rd", "rd", "rd", ""],
        "canonical": ["研发"] * 4, "kind": ["target", "target", "achievement", "target"],
        "value": [2.0, 3.0, 2.5, 9.0], "unit": ["%", "%", "%", "家"]})
    t = target_trend(targets, DOCS)
    assert t[["year", "kind", "value"]].values.tolist() == [
        [2012, "target", 2.0], [2020, "achievement", 2.5], [2020, "target", 3.0]]
