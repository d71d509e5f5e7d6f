from __future__ import annotations

import numpy as np
import pytest

from analysis.textreuse import near_duplicates, reuse
from tests.textreuse.texts import PASSAGE, filler

OTHER = "建立健全科技人才评价体系,落实高层次人才引进政策,为创新团队提供住房医疗子女入学等保障服务。"
A = filler(400, 1) + PASSAGE + filler(400, 2)
B = A[:600] + OTHER + A[600:]  # a copy of A with a passage of its own
C = filler(200, 3) + PASSAGE + filler(100, 4) + OTHER + filler(200, 5)
DOCS = {"a": A, "b": B, "c": C, "d": filler(500, 9)}


def test_copies_join_the_first_document_of_their_group():
    g = near_duplicates(DOCS)
    assert g["group"].tolist() == ["a", "a", "c", "d"]
    assert g["group_size"].tolist() == [2, 2, 1, 1]
    assert g.loc[0, "similarity"] == 1.0 and 0.8 < g.loc[1, "similarity"] < 1.0
    # corpus order decides the representative
    g2 = near_duplicates({"b": B, "a": A})
    assert g2["group"].tolist() == ["b", "b"]


def test_unrelated_documents_are_not_grouped():
    g = near_duplicates({f"d{i}": filler(500, i) for i in range(6)})
    assert (g["group"] == g["doc_id"]).all() and (g["group_size"] == 1).all()


@pytest.mark.parametrize("kwargs", [{"threshold": 0.0}, {"threshold": 1.5},
                                    {"num_perm": 100, "bands": 64}])
def test_near_duplicates_rejects_bad_options(kwargs):
    with pytest.raises(ValueError):
        near_duplicates(DOCS, **kwargs)


def _pairs(r):
    return sorted(zip(r["doc_a"], r["doc_b"], r["text_a"], strict=True))


def test_a_copy_reports_what_its_representative_does_not_share():
    r = reuse(DOCS, min_length=15, near_duplicate=0.5)
    got = {(a, b, t) for a, b, t in _pairs(r) if t in (PASSAGE, OTHER)}
    # the passage a copy shares through its representative is listed once, for the
    # representative; the copy's own passage is found with the third document
    assert ("a", "c", PASSAGE) in got and ("b", "c", OTHER) in got
    assert not ((r["doc_a"] == "b") & (r["text_a"] == PASSAGE)).any()
    # the copy is aligned with its representative over the whole shared text
    ab = r[(r["doc_a"] == "a") & (r["doc_b"] == "b")]
    assert ab["matches"].sum() >= len(A) - 20


def test_by_default_every_pair_is_aligned_so_a_copy_shares_with_everyone():
    r = reuse(DOCS, min_length=15)
    assert ((r["doc_a"] == "b") & (r["text_a"] == PASSAGE)).any()
    assert set(reuse(DOCS, min_length=15, near_duplicate=None)["text_a"]) == set(r["text_a"])


def test_near_duplicate_none_aligns_every_pair():
    r = reuse(DOCS, min_length=15, near_duplicate=None)
    bc = r[(r["doc_a"] == "b") & (r["doc_b"] == "c")]
    assert set(bc["text_a"]) >= {PASSAGE, OTHER}
    with pytest.raises(ValueError, match="near_duplicate"):
        reuse(DOCS, near_duplicate=0)


def test_text_the_representative_lacks_is_aligned_once_per_copy():
    # three copies add the same passage to the first document: each copy after the first
    # is aligned with the first copy holding it, never every pair of copies
    base = filler(600, 11)
    docs = {"a": base, **{k: base[:300] + OTHER + base[300:] for k in ("b", "c", "d")}}
    assert near_duplicates(docs)["group"].tolist() == ["a"] * 4
    r = reuse(docs, min_length=15, near_duplicate=0.5)
    other = r[r["text_a"] == OTHER]
    assert sorted(zip(other["doc_a"], other["doc_b"], strict=True)) == [("b", "c"), ("b", "d")]
    every = reuse(docs, min_length=15, near_duplicate=None, common_share=None)
    assert ("c", "d") in set(zip(every["doc_a"], every["doc_b"], strict=True))


def test_a_groups_table_gives_the_passages_of_sketching_again():
    r = reuse(DOCS, min_length=15, near_duplicate=0.5)
    g = near_duplicates(DOCS, threshold=0.5)
    assert reuse(DOCS, min_length=15, near_duplicate=0.5, groups=g).equals(r)
    # a table whose groups are given decides which documents are copies
    alone = g.assign(group=g["doc_id"])
    assert reuse(DOCS, min_length=15, near_duplicate=0.5, groups=alone).equals(
        reuse(DOCS, min_length=15, near_duplicate=None))


def test_a_groups_table_of_other_documents_is_refused():
    g = near_duplicates(DOCS, threshold=0.5)
    with pytest.raises(ValueError, match="other documents"):
        reuse(DOCS, near_duplicate=0.5, groups=g.iloc[::-1])
    with pytest.raises(ValueError, match="not documents"):
        reuse(DOCS, near_duplicate=0.5, groups=g.assign(group="x"))


def _plain_groups(hashes, *, threshold, num_perm, bands):
    # the grouping written plainly: band values as bytes, a dict of representatives per band
    from analysis.textreuse.groups import sketches

    rep, sim = np.arange(len(hashes)), np.ones(len(hashes))
    if len(hashes) < 2:
        return rep, sim
    sk = sketches(hashes, num_perm=num_perm)
    rows = num_perm // bands
    keys = [[sk[d, b * rows:(b + 1) * rows].tobytes() for b in range(bands)]
            for d in range(len(hashes))]
    table = [{} for _ in range(bands)]
    for d in range(len(hashes)):
        if len(hashes[d]):
            found = set()
            for b in range(bands):
                found.update(table[b].get(keys[d][b], ()))
            if found:
                cand = np.array(sorted(found))
                est = (sk[cand] == sk[d]).mean(axis=1)
                best = int(np.argmax(est))
                if est[best] >= threshold:
                    rep[d], sim[d] = cand[best], float(est[best])
                    continue
            for b in range(bands):
                table[b].setdefault(keys[d][b], []).append(d)
    return rep, sim


def test_compiled_grouping_equals_the_plain_lsh_table():
    from analysis.textreuse.groups import group_documents
    from analysis.textreuse.ngram_index import _ngram_hashes

    rng = np.random.default_rng(3)
    for _ in range(60):
        bases = [rng.integers(0, 40, int(rng.integers(0, 200))) for _ in range(3)]
        hashes = []
        for _ in range(int(rng.integers(0, 25))):
            b = bases[int(rng.integers(0, 3))].copy()
            if len(b):  # a few characters changed, so resemblances vary
                b[rng.integers(0, len(b), int(rng.integers(0, 25)))] = rng.integers(0, 40)
            hashes.append(_ngram_hashes(b.astype(np.int32), 4))
        for threshold in (0.3, 0.6, 1.0):
            for num_perm, bands in ((128, 64), (12, 4), (8, 8)):
                got = group_documents(hashes, threshold=threshold, num_perm=num_perm,
                                      bands=bands)
                want = _plain_groups(hashes, threshold=threshold, num_perm=num_perm,
                                     bands=bands)
                assert got[0].tolist() == want[0].tolist()
                assert got[1].tolist() == want[1].tolist()


def test_sketches_on_threads_equal_sketches_on_one():
    from analysis.textreuse.groups import sketches
    from analysis.textreuse.ngram_index import _ngram_hashes

    rng = np.random.default_rng(4)
    hashes = [_ngram_hashes(rng.integers(0, 50, int(rng.integers(0, 400))).astype(np.int32), 5)
              for _ in range(23)]
    one = sketches(hashes)
    for threads in (2, 3, 40):
        assert sketches(hashes, threads=threads).tolist() == one.tolist()
    docs = {**DOCS, "e": B[::-1], "f": ""}
    pd_one = near_duplicates(docs)
    assert near_duplicates(docs, threads=2).equals(pd_one)
