import random

from analysis.lexicon.automaton import AhoScanner
from analysis.lexicon.engine import MASK, RegexScanner, literal_scanner


def test_longest_is_leftmost_then_longest_and_never_overlaps():
    s = AhoScanner(["创新", "科技创新", "创新券", "技创"])
    assert s.longest("科技创新券") == ([0], [4], ["科技创新"])
    assert s.longest("技创新券") == ([0], [2], ["技创"])
    assert s.longest("创新券和创新") == ([0, 4], [3, 6], ["创新券", "创新"])


def test_occurrences_include_overlapping_and_nested_strings():
    s = AhoScanner(["aa", "a", "aaa"])
    assert s.occurrences("aaaa") == {"aaa": [0, 1], "aa": [0, 1, 2], "a": [0, 1, 2, 3]}


def test_empty_sets_and_empty_strings_find_nothing():
    assert AhoScanner([]).longest("abc") == ([], [], [])
    assert AhoScanner([""]).occurrences("abc") == {}


def test_the_engine_uses_the_automaton():
    assert isinstance(literal_scanner(("甲",)), AhoScanner)


def test_every_occurrence_as_arrays_by_start_then_longest():
    start, end, found = AhoScanner(["𠀋才", "才", "人才"]).all_arrays("𠀋才人才")
    assert (start.tolist(), end.tolist(), found.tolist()) == (
        [0, 1, 2, 3], [2, 2, 4, 4], ["𠀋才", "才", "人才", "才"])


def test_same_matches_as_the_regular_expression_reference():
    rng = random.Random(5)
    alphabet = "科技创新人才𠀋" + MASK + "\x01"   # 𠀋: beyond the basic plane
    for _ in range(400):
        terms = {"".join(rng.choice(alphabet[:7]) for _ in range(rng.randint(1, 4)))
                 for _ in range(rng.randint(1, 8))}
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        aho, rx = AhoScanner(terms), RegexScanner(terms)
        assert aho.strings == rx.strings
        assert aho.longest(text) == rx.longest(text)
        assert aho.occurrences(text) == rx.occurrences(text)


def test_matches_by_text_groups_sorted_and_unsorted_arrays_alike():
    import numpy as np

    from analysis.lexicon.engine import Matches

    def m(text):
        n = len(text)
        return Matches(np.array(text), np.arange(n), np.arange(n) + 1,
                       np.array([f"t{i}" for i in range(n)], dtype=object))

    assert m([0, 0, 2]).by_text() == {0: [(0, 1, "t0"), (1, 2, "t1")], 2: [(2, 3, "t2")]}
    assert m([2, 0, 2]).by_text() == {2: [(0, 1, "t0"), (2, 3, "t2")], 0: [(1, 2, "t1")]}
    assert m([]).by_text() == {}
