"""The compiled Aho–Corasick pass: every occurrence of every string, sorted by start then
longest first, the same on any number of threads."""

from __future__ import annotations

import random

import numpy as np
import pytest

from analysis.lexicon.scan import all_occurrences, automaton


def _every(text: str, strings: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """Every (string id, start, end), by start then longest first, by brute force."""
    found = [(i, a, a + len(s)) for i, s in enumerate(strings)
             for a in range(len(text)) if text.startswith(s, a)]
    return sorted(found, key=lambda f: (f[1], -f[2]))


def _got(text: str, strings: tuple[str, ...], **kw) -> list[tuple[int, int, int]]:
    sid, start, end = all_occurrences(text, strings, "|", **kw)
    assert sid.dtype == np.int32 and start.dtype == end.dtype == np.int64
    return list(zip(sid.tolist(), start.tolist(), end.tolist(), strict=True))


def test_overlapping_and_nested_strings_are_all_found():
    strings = ("人才", "才", "科技人才", "技人")
    assert _got("科技人才|人才", strings) == _every("科技人才|人才", strings)
    assert _got("科技人才", strings) == [(2, 0, 4), (3, 1, 3), (0, 2, 4), (1, 3, 4)]


def test_characters_in_no_string_and_beyond_the_basic_plane_count_as_one():
    strings = ("𠀋才", "才")
    text = "x𠀋才𠀋y才"
    assert _got(text, strings) == [(0, 1, 3), (1, 2, 3), (1, 5, 6)]
    assert text[1:3] == "𠀋才"


def test_random_texts_equal_a_brute_force_search_on_one_thread_and_two(monkeypatch):
    monkeypatch.setattr("analysis.lexicon.scan.CHUNK", 5)  # many chunks
    rng = random.Random(11)
    for _ in range(400):
        strings = tuple(sorted({"".join(rng.choice("abcd") for _ in range(rng.randint(1, 4)))
                                for _ in range(rng.randint(1, 9))}))
        text = "".join(rng.choice("abcde|") for _ in range(rng.randint(0, 70)))
        want = _every(text, strings)
        assert _got(text, strings) == want
        assert _got(text, strings, threads=2) == want


def test_the_automaton_of_a_set_of_strings_is_built_once():
    assert automaton(("人才", "科技")) is automaton(("人才", "科技"))
    assert _got("", ("人才",)) == [] and _got("人才", ()) == []


def test_an_empty_or_repeated_string_is_refused_by_name():
    with pytest.raises(ValueError, match="'人才' is given twice"):
        all_occurrences("人才", ("人才", "科技", "人才"), "|")
    with pytest.raises(ValueError, match="'' is empty"):
        all_occurrences("人才", ("", "人才"), "|")
    with pytest.raises(ValueError, match="'才' is given twice"):
        automaton(("才", "才"))
    with pytest.raises(ValueError, match="given twice"):
        all_occurrences("", ("人才", "人才"), "|")   # even with nothing to search
