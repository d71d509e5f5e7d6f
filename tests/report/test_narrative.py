"""analysis.report.narrative: the closing readings computed from the corpus loaded."""

from __future__ import annotations

import pandas as pd

from analysis.report import Tables, hand_written_reading, notebook_reading
from analysis.report.narrative import describe_group_shares, describe_keyness, describe_trend

SHARES = pd.DataFrame({
    "by": "level", "group": ["a", "b", "a", "b"], "key": ["x", "x", "y", "y"],
    "label_zh": ["人才", "人才", "金融", "金融"], "label_en": ["Talent", "Talent", "Finance",
                                                        "Finance"],
    "value": [0.1, 0.5, 0.30, 0.32], "ci_low": [0.05, 0.4, 0.2, 0.25],
    "ci_high": [0.15, 0.6, 0.4, 0.4], "n_docs": [3, 3, 3, 3]})


def test_group_shares_reading_names_the_strongest_difference_first():
    lines = describe_group_shares(SHARES, n=2)
    assert lines[0].startswith("Largest on average over the groups of level: 金融 (Finance) 31%")
    assert lines[1] == "人才 (Talent): a 10% [5–15%] vs b 50% [40–60%] (intervals apart)."
    assert lines[2].endswith("(intervals overlap).")


def test_keyness_reading_per_group():
    k = pd.DataFrame({"target": ["b", "a", "a"], "term": ["海洋", "标准", "林业"],
                      "g2": [7.0, 9.0, 3.0], "keyness": [7.0, 9.0, 3.0],
                      "direction": "over"})
    assert describe_keyness(k, n=1) == ["a uses more than the rest: 标准 (G² 9.0).",
                                        "b uses more than the rest: 海洋 (G² 7.0)."]


def test_trend_reading_needs_two_times():
    one = pd.DataFrame({"series": "all", "time": ["2012"], "key": "x", "label_zh": "甲",
                        "label_en": "甲", "value": [0.1], "n_docs": [1]})
    assert describe_trend(one) == []


def test_notebook_reading_of_the_small_build(small_tables):
    text = notebook_reading(small_tables, "03_themes", by="city")
    assert text.startswith("**Corpus.** 3 documents, 2012–2022.")
    assert "Grouped by city: 宁波市 1; 杭州市 2." in text
    assert "Group 宁波市 (nb_2022) is a single document" in text
    assert "**Themes by group.**" in text and "**Chi-square of theme hits by city.**" in text
    assert text._repr_markdown_() == str(text)


def test_notebook_reading_without_a_grouping():
    docs = pd.DataFrame({"doc_id": ["a"], "year": [2020]})
    assert notebook_reading(Tables(frames={"documents": docs}), "00") == \
        "**Corpus.** 1 documents, 2020–2020."


def test_hand_written_reading_only_for_the_default_corpus():
    assert hand_written_reading("Tonghua …") == "Tonghua …"
    assert "default corpus" in hand_written_reading("Tonghua …", raw_dir="/tmp/mine")
    assert "default corpus" in hand_written_reading("Tonghua …", processed_dir="out")


def test_similarity_reading_leaves_near_identical_texts_out_of_most_alike():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2020, 2021, 2022]})
    sim = pd.DataFrame({"doc_id": ["a", "a", "b"], "doc_b": ["b", "c", "c"],
                        "cosine": [1.0, 0.4, 0.2]})
    text = notebook_reading(Tables(frames={"documents": docs, "similarity": sim}), "07")
    assert "Most alike: a and c (cosine 0.40); least: b and c (0.20)." in text
    assert "1 pair of near-identical texts" in text


def test_similarity_reading_of_a_top_k_table_names_no_least_alike_pair():
    docs = pd.DataFrame({"doc_id": list("abcd"), "year": [2020] * 4})
    # each document's nearest neighbour only (top 1), in both directions where mutual
    sim = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "doc_b": ["b", "a", "d", "c"],
                        "cosine": [0.8, 0.8, 0.5, 0.5]})
    text = notebook_reading(Tables(frames={"documents": docs, "similarity": sim}), "07")
    assert "Most alike: a and b (cosine 0.80)." in text
    assert "; least:" not in text and "nearest neighbours only" in text
