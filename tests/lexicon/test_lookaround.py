"""Patterns with lookarounds searched over joined texts find what a search of each text
alone finds."""

from __future__ import annotations

import random
import re

import pytest

from analysis.lexicon.engine import _pattern_matches
from analysis.lexicon.lookaround import joinable
from analysis.lexicon.onepass import join_texts


def test_lookarounds_over_listed_characters_are_joinable():
    assert joinable("(?<!不得)(?<!禁止)(运用|利用)[^。;,]{0,30}等技术", "\x01")
    assert joinable("(?<!已)(成立|设立)(?!的)[^。]{0,20}(专班|工作组)", "\x01")
    assert joinable("引进(?:(?!人才|专家)[^。])+", "|")
    assert joinable("(?<=[a-z])新", "|")


def test_anchors_open_classes_and_the_separator_in_a_lookaround_are_not():
    assert not joinable("^第.章", "|")
    assert not joinable("规划$", "|")
    assert not joinable(r"\b新", "|")
    assert not joinable("(?<![^。])新", "|")  # a negated class can consume the separator
    assert not joinable("(?<=.)新", "|")
    assert not joinable(r"(?<=\d)年", "|")
    assert not joinable("(?<=[|a])新", "|")  # the separator itself
    assert not joinable("(?<=[!-~])新", "|")  # a range holding it
    assert not joinable(r"(人才)\1(?!x)", "|")  # a back reference beside a lookaround
    assert not joinable("(?<!x)新", "")


@pytest.mark.parametrize(("seed", "letters", "patterns"), [
    # lookarounds whose bodies cannot consume the separator
    (11, "人才科技创新券推进以为。不",
     ["(?<!不)(人才|科技)(?!券)", "(?<=以)[^。]{0,4}为", "(?<!创新)券(?=推进|以)",
      "(?<!人)(?<!才)科.{0,3}(?!新)", "技(?:(?!创|为)[^。])+", "(?<=[以为])新"]),
    # no lookaround: atomic groups, possessive repeats and back references may run over
    # a text's end, and a match that does is searched again text by text
    (12, "abcxy", ["(?>a[^b]*)c?", "a[^b]*+c?", r"(a|b)\1", "(a)?(?(1)b|c)", "a.{0,3}b"]),
])
def test_a_joined_search_finds_each_texts_own_matches(seed, letters, patterns):
    rng = random.Random(seed)
    for _ in range(150):
        texts = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 15)))
                 for _ in range(rng.randint(1, 8))]
        joined, off, lens = join_texts(texts, "|")
        for pattern in patterns:
            assert joinable(pattern, "|"), pattern
            got = _pattern_matches(pattern, joined, off, lens, sep="|")
            alone = [(i, m.start(), m.end(), m.group()) for i, t in enumerate(texts)
                     for m in re.finditer(pattern, t) if m.group()]
            assert sorted(got) == sorted(alone), (pattern, texts)


def test_patterns_without_anchors_or_lookarounds_are_joinable_with_any_separator():
    for sep in ("|", ""):
        assert joinable("到20..年", sep)
        assert joinable(r"(人才)\1", sep)
        assert joinable("(?>a[^b]*)c?", sep)
        assert joinable("(a)?(?(1)b|c)", sep)
        assert not joinable("(a)?(?(1)^b|c)", sep)  # an anchor in a branch
    assert not joinable("(?<=以)新", "")  # a lookaround needs the separator known


def test_atomic_groups_and_possessive_repeats_beside_a_lookaround_are_not_joinable():
    # in the joined texts they take characters past a text's end and do not give them
    # back, so the lookahead after them fails where the text alone passes
    for pattern in ["(?>a[^b]*)(?!b)", "(?>a[^b]*)(?<!x)", "a[^b]*+(?!b)",
                    "(?>人才[^。]*)(?!。)"]:
        assert not joinable(pattern, "|"), pattern
    texts = ["ay", "bz"]
    joined, off, lens = join_texts(texts, "|")
    assert [m.group() for m in re.finditer("(?>a[^b]*)(?!b)", joined)] == []
    assert _pattern_matches("(?>a[^b]*)(?!b)", joined, off, lens, sep="|") == [(0, 0, 2, "ay")]
    # inside an assertion they consume nothing of the main match and stay admitted
    assert joinable("(?<!(?>不得))利用", "|")


def test_a_lookaround_that_sees_the_separator_would_change_the_matches():
    texts = ["a", "新"]
    joined, off, lens = join_texts(texts, "|")
    assert [m.start() for m in re.finditer("(?<=.)新", joined)] == [2]  # sees the "|"
    assert not joinable("(?<=.)新", "|")
    assert _pattern_matches("(?<=.)新", joined, off, lens, sep="|") == []
