"""analysis.textreuse.seeds: shared n-grams, boilerplate weights, chaining into regions."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import ScaleError
from analysis.textreuse import reuse
from analysis.textreuse.alignment import _codes
from analysis.textreuse.ngram_index import _ngram_hashes, _seed_ok_all
from analysis.textreuse.seeds import _chain, _seed_pairs
from tests.textreuse.texts import filler


def test_equal_ngrams_hash_equal():
    h = _ngram_hashes(_codes("科技创新科技创新"), 4)
    assert len(h) == 5 and h[0] == h[4] and len(set(h.tolist())) == 4
    assert len(_ngram_hashes(_codes("科技"), 4)) == 0


def test_seeds_span_no_white_space_and_mostly_word_characters():
    assert _seed_ok_all([_codes("科技 创新。。。。")], 2).tolist() == [
        True, False, False, True, True, False, False, False]


def test_seeds_never_span_two_documents():
    # "技。" would be a seed were the texts one; a text shorter than n has no n-gram
    ok = _seed_ok_all([_codes("科 技"), _codes("丙"), _codes("。。新")], 2)
    assert ok.tolist() == [False, False, False, True]  # two per text of three
    assert _seed_ok_all([], 2).tolist() == []


def test_seed_pairs_and_boilerplate_weights():
    texts = ["甲乙科技创新丙", "丁科技创新戊己", "庚辛壬癸子丑寅"]
    seeds, weights = _seed_pairs([_codes(t) for t in texts], texts, n=4, pairs="between",
                                 common_share=0.8, max_occurrences=20, max_seeds=None)
    # 科技创新 at 2 in the first text, at 1 in the second: a run of one seed pair
    assert {k: v.tolist() for k, v in seeds.items()} == {(0, 1): [[2, 1, 1]]}
    # text shared by two documents only weighs fully; none is in every document
    assert all((w == 1.0).all() for w in weights)
    within, _ = _seed_pairs([_codes("科技创新甲科技创新")], ["科技创新甲科技创新"], n=4,
                            pairs="within", common_share=0.8, max_occurrences=20,
                            max_seeds=None)
    assert {k: v.tolist() for k, v in within.items()} == {(0, 0): [[0, 5, 1]]}


def test_chain_groups_seeds_by_diagonal_and_distance():
    pa = np.array([0, 5, 10, 12, 500])
    pb = np.array([100, 105, 110, 300, 600])
    regions = _chain(pa, pb, band=4, max_gap=50)
    # one region on diagonal 100; 12 -> 300 is another diagonal; 500 is too far away
    assert [r.tolist() for r in regions] == [[0, 1, 2], [3], [4]]


def test_boilerplate_in_every_document_is_not_a_seed():
    common = "以习近平新时代中国特色社会主义思想为指导"
    shared = "建立科技特派员创新创业示范基地并给予资金支持"
    docs = {f"d{i}": filler(80, 10 + i) + common + filler(80, 20 + i) for i in range(4)}
    docs["d0"] += shared + filler(30, 40)
    docs["d1"] += shared + filler(30, 41)
    r = reuse(docs)
    assert r["text_a"].tolist() == [shared]
    # seeded anyway, the boilerplate is found in all six pairs but weighs nothing
    r2 = reuse(docs, common_share=None)
    boiler = r2[r2["text_a"] == common]
    assert len(boiler) == 6 and (boiler["boilerplate_share"] == 1.0).all()
    assert (boiler["weighted_score"] == 0).all()
    assert r2.iloc[0]["text_a"] == shared


def test_reuse_stops_before_aligning_too_many_seed_pairs():
    """Documents aligned pair by pair (near_duplicate=None) share a seed pair per
    character: reuse() counts them first and says how many instead of aligning for
    minutes; the build writes empty tables."""
    text = "支持企业建设研发平台,完善科技金融服务体系,推动科技成果转化落地。" * 3
    docs = {f"d{i}": text + f"第{i}份。" for i in range(3)}
    n_chars = len(text) - 10 + 1  # 10-grams per copy; each 10-gram occurs in 3 documents
    opts = {"common_share": None, "max_occurrences": 100, "near_duplicate": None}
    r = reuse(docs, max_seeds=None, **opts)
    assert len(r) > 0
    with pytest.raises(ScaleError, match=r"share [\d,]+ seed pairs"):
        reuse(docs, max_seeds=100, **opts)
    # at most 3 pairs of documents x every repeated 10-gram occurrence: under the limit
    assert len(reuse(docs, max_seeds=3 * 9 * n_chars, **opts)) == len(r)
    # grouped as copies of d0, they leave no seed pair to align outside that
    assert len(reuse(docs, max_seeds=0, common_share=None, max_occurrences=100,
                     near_duplicate=0.5)) > 0
