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
    monkeypatch.setattr("analysis.lexicon.scan.CHUNK", 4)
    joined, _, _ = join_texts(["人才人才", "人才", "科技人才"], "|")
    o = occurrences(joined, ["人才"], "|")
    assert o.start.tolist() == [m for m in range(len(joined)) if joined.startswith("人才", m)]


def test_a_strings_occurrences_come_from_the_index_as_from_a_pass_over_all():
    rng = random.Random(5)
    strings = ["科", "技", "科技", "人才", "金融", "融办", "创新人才", "缺"]
    for _ in range(100):
        joined = "".join(rng.choice("科技创新人才金融办|") for _ in range(rng.randint(0, 80)))
        o = occurrences(joined, strings, "|")
        plain = o._replace(index=None)
        for _ in range(10):
            wanted = rng.sample(strings, rng.randint(0, 4))
            got = o.of(wanted)
            assert got.dtype == np.int64 and got.tolist() == plain.of(wanted).tolist()
            assert got.tolist() == [i for i, k in enumerate(o.sid)
                                    if o.strings[k] in wanted]


def test_a_rare_string_is_read_from_the_index_in_text_order():
    o = occurrences("人才科技人才" * 20 + "金融", ["人才", "科技", "金融"], "|")
    assert 8 * len(o.of(["金融"])) < len(o.sid)  # the gathered path, not the pass
    assert o.of(["金融"]).tolist() == [len(o.sid) - 1]
    assert o.of(["科技", "金融"]).tolist() == [*range(1, 60, 3), len(o.sid) - 1]


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

