from __future__ import annotations

import pandas as pd

from analysis.textreuse import reuse, reuse_pairs


def _passages(rows):
    cols = ["doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "score"]
    return pd.DataFrame(rows, columns=cols)


DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x" * 100, "y" * 50, "z" * 10]})


def test_overlapping_passages_count_once_and_both_directions_are_listed():
    p = _passages([("a", 0, 30, "b", 0, 30, 40), ("a", 20, 50, "b", 5, 35, 60),
                   ("a", 70, 80, "b", 40, 50, 12)])
    out = reuse_pairs(p, DOCS).set_index(["doc_id", "doc_b"])
    ab, ba = out.loc[("a", "b")], out.loc[("b", "a")]
    assert (ab["chars"], ab["n_passages"], ab["best_score"]) == (60, 3, 60)
    assert ba["chars"] == 45 and ba["share"] == 0.9
    assert out.loc[("a", "c"), "chars"] == 0 and out.loc[("c", "a"), "share"] == 0.0


def test_every_ordered_pair_in_corpus_order():
    out = reuse_pairs(_passages([]), DOCS)
    assert out[["doc_id", "doc_b"]].values.tolist() == [
        ["a", "b"], ["a", "c"], ["b", "a"], ["b", "c"], ["c", "a"], ["c", "b"]]
    assert (out["n_chars"] == [100, 100, 50, 50, 10, 10]).all()


def test_reuse_pairs_share(corpus):
    r = reuse(corpus)
    p = reuse_pairs(r, corpus)
    assert len(p) == 20 and p["share"].between(0, 1).all()
    cj = p.set_index(["doc_id", "doc_b"]).loc[("chifeng_2023", "jiayuguan_2020")]
    assert cj["n_passages"] >= 1 and cj["chars"] > 50


def test_reuse_pairs_of_literal_passages():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["甲" * 10, "乙" * 20, "丙" * 5]})
    passages = pd.DataFrame({"doc_a": ["a", "a"], "start_a": [0, 4], "end_a": [6, 8],
                             "doc_b": ["b", "b"], "start_b": [0, 10], "end_b": [6, 14],
                             "score": [12, 8]})
    p = reuse_pairs(passages, docs).set_index(["doc_id", "doc_b"])
    assert len(p) == 6
    # a: characters 0-8 are shared with b (the two passages overlap: counted once)
    assert p.loc[("a", "b")].tolist() == [2, 8, 10, 0.8, 12]
    assert p.loc[("b", "a")].tolist() == [2, 10, 20, 0.5, 12]
    assert p.loc[("a", "c")].tolist() == [0, 0, 10, 0.0, 0]


def test_only_pairs_that_share_text_when_asked():
    p = _passages([("a", 0, 30, "c", 0, 5, 9)])
    out = reuse_pairs(p, DOCS, every_pair=False)
    assert out[["doc_id", "doc_b"]].values.tolist() == [["a", "c"], ["c", "a"]]
    assert out["chars"].tolist() == [30, 5]
    assert out["best_score"].tolist() == [9, 9]


def test_a_large_corpus_lists_only_pairs_that_share_text():
    from analysis.textreuse.pairs import EVERY_PAIR_MAX_DOCS

    n = EVERY_PAIR_MAX_DOCS + 1
    docs = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n)], "text": ["文" * 40] * n})
    p = _passages([("d000", 0, 10, "d051", 0, 10, 20), ("d003", 0, 4, "d002", 5, 9, 8)])
    out = reuse_pairs(p, docs)
    assert out[["doc_id", "doc_b"]].values.tolist() == [
        ["d000", "d051"], ["d002", "d003"], ["d003", "d002"], ["d051", "d000"]]
    assert reuse_pairs(p, docs, every_pair=True).shape[0] == n * (n - 1)


def test_both_forms_agree_on_the_pairs_that_share_text():
    p = _passages([("a", 0, 30, "b", 0, 30, 40), ("b", 10, 20, "c", 0, 10, 15)])
    full = reuse_pairs(p, DOCS, every_pair=True)
    sparse = reuse_pairs(p, DOCS, every_pair=False)
    shared = full.loc[full["n_passages"] > 0].reset_index(drop=True)
    pd.testing.assert_frame_equal(shared, sparse)


def test_copies_share_through_their_representative_when_groups_are_given():
    docs = pd.DataFrame({"doc_id": ["r", "m1", "m2", "o"], "text": ["字" * 100, "字" * 80,
                                                                  "字" * 80, "字" * 40]})
    groups = pd.DataFrame({"doc_id": ["r", "m1", "m2", "o"], "group": ["r", "r", "r", "o"]})
    p = _passages([("r", 0, 80, "m1", 0, 80, 160), ("r", 20, 100, "m2", 0, 80, 160),
                   ("r", 50, 90, "o", 0, 40, 80)])
    plain = reuse_pairs(p, docs).set_index(["doc_id", "doc_b"])
    assert plain.loc[("m1", "m2"), "chars"] == 0
    out = reuse_pairs(p, docs, groups=groups).set_index(["doc_id", "doc_b"])
    assert out.loc[("m1", "m2"), "chars"] == 60 and out.loc[("m1", "m2"), "share"] == 0.75
    assert out.loc[("m1", "o"), "chars"] == 30 and out.loc[("o", "m2"), "chars"] == 40
    # the pairs' own passages are counted as before
    assert out.loc[("m1", "m2"), "n_passages"] == 0 and out.loc[("r", "m1"), "n_passages"] == 1
    pd.testing.assert_frame_equal(out.loc[[("r", "m1"), ("r", "o")]],
                                  plain.loc[[("r", "m1"), ("r", "o")]])


def test_groups_without_copies_change_nothing():
    groups = pd.DataFrame({"doc_id": ["a", "b", "c"], "group": ["a", "b", "c"]})
    p = _passages([("a", 0, 30, "b", 0, 30, 40)])
    pd.testing.assert_frame_equal(reuse_pairs(p, DOCS, groups=groups), reuse_pairs(p, DOCS))


def test_labels_are_the_ids_as_pandas_string_column():
    import numpy as np

    from analysis.textreuse.pairs import _labels

    got = pd.Series(_labels(["a", "bb"], np.array([1, 0, 1])))
    want = pd.Series(np.asarray(["a", "bb"], dtype=object)[[1, 0, 1]].tolist())
    pd.testing.assert_series_equal(got, want, check_exact=True)
    assert len(_labels(["a"], np.zeros(0, dtype=np.int64))) == 0
