"""analysis.textreuse.ngram_index: n-gram ids, counts per n-gram, boilerplate weights."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.textreuse.alignment import _codes
from analysis.textreuse.ngram_index import (
    _ids,
    _index,
    char_weights,
    gram_counts,
    group_leads,
    pair_seed_rows,
    seed_keys,
)
from tests.textreuse.threads import watch_threads


def test_ids_are_the_ranks_of_np_unique_whatever_the_bucket_size():
    rng = np.random.default_rng(3)
    h = rng.integers(0, 2**64 - 1, size=500, dtype=np.uint64)
    h = np.concatenate([h, h[:200], np.array([0, 2**64 - 1], dtype=np.uint64)])
    uniq, inverse = np.unique(h, return_inverse=True)
    for bucket in (1, 7, 64, 10_000):
        for threads in (1, 2):
            ids, count = _ids(h, np.int32, bucket=bucket, threads=threads)
            assert count == len(uniq)
            assert ids.dtype == np.int32 and ids.tolist() == inverse.tolist()
    ids, count = _ids(np.zeros(0, np.uint64), np.int32)
    assert count == 0 and len(ids) == 0


def test_ids_on_threads_rank_buckets_off_the_caller_and_never_enter_catch_warnings(
        monkeypatch):
    rng = np.random.default_rng(5)
    h = rng.integers(0, 2**64 - 1, size=5000, dtype=np.uint64)
    h = np.concatenate([h, h[::3]])
    uniq, inverse = np.unique(h, return_inverse=True)
    watch = watch_threads(monkeypatch, np, "unique")
    ids, count = _ids(h, np.int32, bucket=64, threads=2)
    assert count == len(uniq) and ids.tolist() == inverse.tolist()
    # 6,667 hashes in buckets of about 64: 128 buckets by the top 7 bits, ranked one by one
    assert len(watch.calls) == 128 and watch.others == []
    assert watch.calls[0] == watch.caller and len(set(watch.calls)) > 1


def test_counts_per_ngram_count_a_group_of_documents_once():
    texts = ["甲乙丙丁", "甲乙丙", "戊甲乙"]  # 甲乙 in all three, 乙丙 in the first two
    ix = _index([_codes(t) for t in texts], n=2)
    gram = {t[i:i + 2]: int(ix.inverse[ix.offsets[d] + i])
            for d, t in enumerate(texts) for i in range(len(t) - 1)}
    occ, docs = gram_counts(ix)
    assert occ[gram["甲乙"]] == 3 and docs[gram["甲乙"]] == 3 and docs[gram["丙丁"]] == 1
    # documents 0 and 2 one group: 甲乙 is in two units
    _, units = gram_counts(ix, unit=np.array([0, 1, 0]))
    assert units[gram["甲乙"]] == 2 and units[gram["乙丙"]] == 2
    # only the occurrences kept count
    keep = np.ones(len(ix.inverse), bool)
    keep[ix.offsets[0]] = False  # 甲乙 of the first document
    occ, docs = gram_counts(ix, keep=keep)
    assert occ[gram["甲乙"]] == 2 and docs[gram["甲乙"]] == 2


def test_group_leads_mark_the_groups_first_document_holding_the_ngram():
    texts = ["丙丁", "甲乙", "甲乙", "甲乙"]  # documents 1 and 3 one group, 2 another
    ix = _index([_codes(t) for t in texts], n=2)
    lead = group_leads(ix, np.ones(4, bool), np.array([0, 1, 2, 1]))
    assert lead.tolist() == [True, True, True, False]  # document 3 follows 1
    lead = group_leads(ix, np.array([True, False, True, True]), np.array([0, 1, 2, 1]))
    assert lead.tolist() == [True, False, True, True]  # the group's first *usable* one


@pytest.mark.parametrize("n_units", [2, 5])
def test_char_weights_are_the_smallest_weight_of_the_ngrams_covering_a_character(n_units):
    texts = ["甲乙丙丁戊", "甲乙", "乙丙", "己庚", "辛壬"][:n_units]
    ix = _index([_codes(t) for t in texts], n=2)
    occ, _ = gram_counts(ix)
    w = char_weights(ix, [len(t) for t in texts], occ, max_occurrences=1, n=2)
    # every character's weight: min over the n-grams covering it (as float64)
    for d, t in enumerate(texts):
        want = np.ones(len(t))
        for i in range(len(t) - 1):
            g = ix.inverse[ix.offsets[d] + i]
            k = ix.doc_freq[g]
            wg = 1.0 - np.clip((k - 2) / (n_units - 2), 0.0, 1.0) if n_units > 2 else 1.0
            wg = 0.0 if occ[g] > 1 else wg
            want[i:i + 2] = np.minimum(want[i:i + 2], wg)
        assert w[d].dtype == np.float64 and w[d].tolist() == want.tolist()
    assert len(w) == n_units and w.levels.dtype == np.uint16
    # 甲乙 occurs twice: weight 0 on the characters it covers
    assert w[0].tolist()[:2] == [0.0, 0.0] and w[0].tolist()[-1] == 1.0


def _pair_rows(ix, a, b, common, max_occurrences):
    return pair_seed_rows(seed_keys(ix, a, common=common), seed_keys(ix, b, common=common),
                          int(ix.counts[a]), max_occurrences=max_occurrences)


def test_pair_seed_rows_pair_every_occurrence_in_a_with_every_one_in_b():
    texts = ["甲乙丙甲乙", "丙甲乙丁", "甲乙"]
    ix = _index([_codes(t) for t in texts], n=2)
    none = np.zeros(len(ix.doc_freq), dtype=bool)
    # 甲乙 at 0 and 3 in the first text, at 1 in the second; 丙甲 at 2 and at 0
    rows = _pair_rows(ix, 0, 1, none, 20)
    assert rows.dtype == np.int64 and rows.tolist() == [[0, 1], [2, 0], [3, 1]]
    # 甲乙 occurs three times in the two texts: not a seed at max_occurrences=2
    assert _pair_rows(ix, 0, 1, none, 2).tolist() == [[2, 0]]
    # an n-gram marked common is no seed
    common = none.copy()
    common[ix.inverse[ix.offsets[0] + 2]] = True  # 丙甲
    assert _pair_rows(ix, 0, 1, common, 20).tolist() == [[0, 1], [3, 1]]


def test_seed_keys_skip_occurrences_not_usable_as_seeds():
    texts = ["甲乙 丙丁", "甲乙 丙丁"]  # the n-grams around the space are no seeds
    ix = _index([_codes(t) for t in texts], n=2)
    keys = seed_keys(ix, 0, common=np.zeros(len(ix.doc_freq), dtype=bool))
    assert sorted(int(k) & 0xFFFFFFFF for k in keys) == [0, 3]
    assert _pair_rows(ix, 0, 1, np.zeros(len(ix.doc_freq), dtype=bool), 20).tolist() == [
        [0, 0], [3, 3]]
