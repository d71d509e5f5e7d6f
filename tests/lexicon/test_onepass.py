"""One pass over the texts for every term set: occurrences as arrays and the leftmost-longest
selection with exclusions."""

from __future__ import annotations

import random

import numpy as np

from analysis.lexicon import TermSet, match_texts
from analysis.lexicon.engine import RegexScanner, mask_text
from analysis.lexicon.onepass import join_texts, leftmost_longest, occurrences


def test_occurrences_are_every_start_sorted_longest_first():
    o = occurrences("aaa", ["a", "aa"], "|")
    got = [(o.strings[i], s, e) for i, s, e in zip(o.sid, o.start, o.end, strict=True)]
    assert got == [("aa", 0, 2), ("a", 0, 1), ("aa", 1, 3), ("a", 1, 2), ("a", 2, 3)]


def test_occurrences_are_found_across_search_chunks(monkeypatch):
    monkeypatch.setattr("analysis.lexicon.onepass.CHUNK", 4)
    joined, _, _ = join_texts(["人才人才", "人才", "科技人才"], "|")
    o = occurrences(joined, ["人才"], "|")
    assert o.start.tolist() == [m for m in range(len(joined)) if joined.startswith("人才", m)]


def test_an_excluded_context_hides_every_term_it_overlaps():
    o = occurrences("金融办金融", ["金融", "融办", "金融办"], "|")
    got = leftmost_longest(o, ["金融", "融办"], ["金融办"])
    assert o.start[got].tolist() == [3]


def test_many_sets_in_one_pass_equal_each_set_alone_and_the_reference():
    rng = random.Random(3)
    alphabet = "科技创新人才金融办"
    for _ in range(150):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
                 for _ in range(rng.randint(1, 6))]

        def words(k):
            return tuple({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
                          for _ in range(k)})
        sets = [TermSet(f"s{j}", "z", "e", terms=words(rng.randint(1, 5)),
                        exclude=words(rng.randint(0, 2))) for j in range(4)]
        together = match_texts(texts, sets)
        for j, ts in enumerate(sets):
            alone = match_texts(texts, [ts])[0]
            for a, b in zip(alone, together[j], strict=True):
                assert np.array_equal(a, b)
            rx = RegexScanner(ts.terms)
            want = [(i, s, e, t) for i, text in enumerate(texts)
                    for s, e, t in zip(*rx.longest(mask_text(text, ts.exclude)), strict=True)]
            got = list(zip(*(x.tolist() for x in together[j]), strict=True))
            assert got == want

