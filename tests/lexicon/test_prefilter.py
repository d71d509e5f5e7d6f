"""Required literals of a pattern, and the texts that hold them: a pattern is searched
only where it can match, with the same matches."""

from __future__ import annotations

import random
import re

from analysis.lexicon import TermSet, match_texts
from analysis.lexicon.engine import _pattern_matches
from analysis.lexicon.masks import mask_patterns
from analysis.lexicon.onepass import join_texts
from analysis.lexicon.prefilter import literal_sets, required_literals, texts_with, texts_with_all


def test_consecutive_literals_and_alternations_are_joined():
    assert required_literals("(统筹|协调)推进") == ("协调推进", "统筹推进")
    assert required_literals("示范(工厂|车间)") == ("示范工厂", "示范车间")


def test_the_longest_required_literal_is_kept():
    assert required_literals("以[^。;]{0,60}为指导") == ("为指导",)
    assert required_literals("大幅度?提升") == ("大幅",)


def test_patterns_that_need_no_literal_give_none():
    for pattern in ("[^。]+", "a?", "(a|)", "\\d+", "(?i)ab", "x*y*", "[^a]b?"):
        assert required_literals(pattern) is None, pattern


def test_an_alternative_without_a_literal_gives_none():
    assert required_literals("(人才|\\d+)") is None
    assert required_literals("(人才|科技)") == ("人才", "科技")


def test_texts_with_finds_every_text_holding_a_string():
    joined, off, _ = join_texts(["人才科技", "金融", "", "科技人才"], "|")
    got = texts_with(joined, off, "|", [("人才",), ("金融", "x"), ("无",)])
    assert [g.tolist() for g in got] == [[0, 3], [1], []]


def test_every_match_holds_a_required_literal():
    rng = random.Random(5)
    patterns = ["(人才|科技)推进", "以.{0,3}为", "创新(券|平台)+", "(科技|人)?才[^券]",
                "(^|[^科])技(创|新)", "金融{1,2}办", "人才(?=科)", "[人才]{2}"]
    for pattern in patterns:
        lits = required_literals(pattern)
        assert lits is not None, pattern
        for _ in range(300):
            text = "".join(rng.choice("人才科技创新券平台推进以为金融办") for _ in range(12))
            for m in re.finditer(pattern, text):
                if m.group():
                    assert any(x in m.group() for x in lits), (pattern, m.group())


def _random_texts(rng: random.Random, chars: str, longest: int) -> list[str]:
    return ["".join(rng.choice(chars) for _ in range(rng.randint(0, longest)))
            for _ in range(rng.randint(1, 8))]


def _alone(pattern: str, texts: list[str]) -> list[tuple[int, int, int, str]]:
    """The non-empty matches of a search of each text on its own, sorted."""
    return sorted((i, m.start(), m.end(), m.group()) for i, t in enumerate(texts)
                  for m in re.finditer(pattern, t) if m.group())


def test_the_prefiltered_search_finds_what_the_full_search_finds():
    rng = random.Random(9)
    patterns = ["(人才|科技)推进", "以[^。]{0,4}为", "(^|[^科])技(创|新)", "新.{0,6}券"]
    for _ in range(80):
        texts = _random_texts(rng, "人才科技创新券推进以为。", 15)
        joined, off, lens = join_texts(texts, "|")
        for pattern in patterns:
            within = texts_with(joined, off, "|", [required_literals(pattern)])[0]
            full = _pattern_matches(pattern, joined, off, lens)
            fast = _pattern_matches(pattern, joined, off, lens, within, "|")
            assert sorted(fast) == sorted(full), (pattern, texts)
            assert sorted(fast) == _alone(pattern, texts)


def test_match_texts_with_patterns_is_unchanged_by_the_prefilter():
    ts = TermSet("g", "目标", "Goals", terms=("人才",),
                 patterns=("到20\\d\\d年", "(统筹|协调)推进"))
    texts = ["到2025年统筹推进人才", "协调推进", "无关", "到2030年"]
    got = match_texts(texts, [ts])[0]
    assert list(zip(got.text.tolist(), got.term.tolist(), strict=True)) == [
        (0, "到2025年"), (0, "统筹推进"), (0, "人才"), (1, "协调推进"), (3, "到2030年")]


def test_literal_sets_read_the_bodies_of_positive_lookarounds():
    pattern = "(?<=包括|涵盖)[^。]{1,9}?、[^。]{1,9}?(?=等(?:标准|要求))"
    assert literal_sets(pattern) == (("等标准", "等要求"), ("包括", "涵盖"))
    # a negative lookaround holds where its body is absent: it asks for nothing
    assert literal_sets("(?<!不得)利用") == (("利用",),)
    assert literal_sets("(运用|利用)[^。]{0,30}等技术") == (("等技术",), ("利用", "运用"))
    assert literal_sets("[^。]+") == ()


def test_texts_with_all_needs_a_string_of_every_set():
    joined, off, _ = join_texts(["包括甲、乙等标准", "甲、乙等标准", "涵盖丙、丁等要求"], "|")
    got = texts_with_all(joined, off, "|", [[("包括", "涵盖"), ("标准", "要求")],
                                            [("包括",), ("要求",)]])
    assert [g.tolist() for g in got] == [[0, 2], []]


def test_a_match_after_a_lookbehind_literal_is_not_skipped():
    pattern = "(?<=包括|涵盖)[^。]{1,9}?、[^。]{1,9}?(?=等(?:标准|要求))"
    texts = ["内容包括甲、乙等标准。", "甲、乙等标准。", "涵盖丙、丁等要求", "包括甲乙等标准"]
    assert mask_patterns(texts, [pattern]) == [
        "内容包括\x00\x00\x00等标准。", "甲、乙等标准。", "涵盖\x00\x00\x00等要求",
        "包括甲乙等标准"]
    ts = TermSet("s", "标准", "Standards", patterns=(pattern,))
    got = match_texts(texts, [ts])[0]
    assert list(zip(got.text.tolist(), got.start.tolist(), got.term.tolist(),
                    strict=True)) == [(0, 4, "甲、乙"), (2, 2, "丙、丁")]


def test_the_search_within_every_literal_set_finds_what_each_text_alone_finds():
    rng = random.Random(11)
    patterns = ["(?<=包括)[^。]{0,3}、(?=.{0,3}标准)", "(?<=[甲乙])、[^。]{0,4}(?=等)",
                "(?<!包括)甲[^。]{0,3}(?=标准)", "(甲|乙)、(?=[^。]*等标)"]
    for _ in range(80):
        texts = _random_texts(rng, "包括甲乙、等标准。", 16)
        joined, off, lens = join_texts(texts, "|")
        for pattern in patterns:
            within = texts_with_all(joined, off, "|", [literal_sets(pattern)])[0]
            fast = _pattern_matches(pattern, joined, off, lens, within, "|")
            assert sorted(fast) == _alone(pattern, texts), (pattern, texts)
            assert mask_patterns(texts, [pattern]) == [
                re.sub(pattern, lambda m: "\x00" * len(m.group()), t) for t in texts]
