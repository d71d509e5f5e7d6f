"""Masking the matches of patterns in many texts at once gives each text what masking it
on its own gives."""

from __future__ import annotations

import random
import re

from analysis.instruments.rules import load_instruments
from analysis.lexicon import MASK, mask_patterns
from analysis.lexicon.engine import mask_spans


def _one_by_one(texts, patterns):
    # each text searched on its own; a pattern's group "sub" is what it masks, if it has one
    rx = [re.compile(p) if isinstance(p, str) else p for p in patterns]
    spans = [[m.span("sub" if "sub" in r.groupindex else 0) for r in rx for m in r.finditer(t)]
             for t in texts]
    return [mask_spans(t, [(a, b) for a, b in s if b > a])
            for t, s in zip(texts, spans, strict=True)]


def test_a_phrase_is_masked_in_its_clause_only():
    texts = ["以人才为导向,建设平台。", "建设平台。", ""]
    out = mask_patterns(texts, [r"以[^。,]{1,10}为导向"])
    assert out == [MASK * 6 + ",建设平台。", "建设平台。", ""]


def test_a_match_the_joined_texts_would_run_across_is_not_made():
    # "为导向" opens the second text: joined, "以人才" + separator + "为导向" would match
    texts = ["以人才", "为导向,建设"]
    assert mask_patterns(texts, [r"以[^。,]{1,10}为导向"]) == texts


def test_lookaround_at_the_edges_of_a_text_sees_no_neighbour():
    texts = ["支持", "智慧城市等场景。", "在智慧城市等场景。", "在智慧城市等场景"]
    pattern = r"(?:(?<=[在于])|(?<=支持))[^。,]{1,20}?等(场景|领域)(?=[。,])"
    out = mask_patterns(texts, [pattern])
    assert out == _one_by_one(texts, [pattern])
    assert out[1] == texts[1] and out[3] == texts[3]
    assert out[2] == "在" + MASK * 7 + "。"


def test_overlapping_matches_of_two_patterns_are_both_masked():
    out = mask_patterns(["依托科创平台建设中心"], ["依托[^。]{1,4}平台", "平台建设"])
    assert out == [MASK * 8 + "中心"]


def test_compiled_patterns_with_flags_are_searched_text_by_text():
    texts = ["Use AI platforms", "ai"]
    rx = re.compile("ai", re.IGNORECASE)
    assert mask_patterns(texts, [rx]) == ["Use " + MASK * 2 + " platforms", MASK * 2]


def test_random_texts_and_the_shipped_subordinate_phrases_match_one_by_one():
    rng = random.Random(5)
    alphabet = list("以为导向目的依托利用借助平台中心系统接入纳入在于对等场景领域支持建设,。;人才")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
             for _ in range(400)]
    texts += ["到2025年,建成10个平台。", "目标:到 2030 年建成中心", "申报主体为企业。",
              "(二)补贴对象:科技型企业", "3.提交申请表和证明材料。", "以人才为导向,建设平台"]
    rules = load_instruments()
    expected = _one_by_one(texts, rules.subordinate)
    assert mask_patterns(texts, rules.subordinate) == expected
    assert [rules.mask_subordinate(t) for t in texts] == expected
    assert any(e != t for e, t in zip(expected[-6:], texts[-6:], strict=True))
    assert mask_patterns(texts, []) == texts


def test_a_pattern_with_a_sub_group_masks_that_group_only():
    texts = ["到2025年,建成平台", "建成平台", "到此"]
    out = mask_patterns(texts, [r"^到 ?20\d\d ?年(?P<sub>[\s\S]*)", "平台"])
    assert out == ["到2025年" + MASK * 5, "建成" + MASK * 2, "到此"]
