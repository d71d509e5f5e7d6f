"""Equal texts are searched once: the matches and masks of a list with repeated texts are
those of every text searched on its own."""

from __future__ import annotations

import re
import tracemalloc

import numpy as np

from analysis.lexicon import MASK, TermSet, mask_patterns, match_texts
from analysis.lexicon.engine import SpanTokens
from analysis.lexicon.repeats import distinct_texts, spread_rows


def _each_alone(found, texts, sets, **kw):
    """Each set's matches ``found`` are those of every text searched alone (``tokens``:
    the span lists of the texts)."""
    for k in range(len(sets)):
        alone = [match_texts([t], sets, **{a: (SpanTokens([v[i]]) if a == "tokens" else v)
                                           for a, v in kw.items()})[k]
                 for i, t in enumerate(texts)]
        expect = [(i, s, e, w) for i, a in enumerate(alone)
                  for s, e, w in zip(a.start.tolist(), a.end.tolist(), a.term.tolist(),
                                     strict=True)]
        m = found[k]
        assert list(zip(m.text.tolist(), m.start.tolist(), m.end.tolist(), m.term.tolist(),
                        strict=True)) == expect


def test_distinct_texts_in_order_of_first_appearance():
    codes, uniq = distinct_texts(["乙", "甲", "乙", "", ""])
    assert codes.tolist() == [0, 1, 0, 2, 2]
    assert uniq == ["乙", "甲", ""]


def test_spread_rows_copies_each_texts_rows_in_order():
    # distinct text 0 has rows 0, 1; text 1 none; text 2 row 2
    text, row = spread_rows(np.array([0, 0, 2]), np.array([2, 0, 1, 0, 2]))
    assert text.tolist() == [0, 1, 1, 3, 3, 4]
    assert row.tolist() == [2, 0, 1, 0, 1, 2]


def test_repeated_texts_match_as_each_text_alone():
    sets = [TermSet("t", "人才", "Talent", terms=("人才", "科技人才")),
            TermSet("f", "金融", "Finance", terms=("金融",), exclude=("金融办",),
                    patterns=(r"(普惠|科技)金融",))]
    texts = ["科技人才和普惠金融", "金融办", "科技人才和普惠金融", "无", "金融办支持人才",
             "无"]
    found = match_texts(texts, sets)
    _each_alone(found, texts, sets)
    assert all(m.text.dtype == np.int64 and m.start.dtype == np.int64 for m in found)


def test_token_terms_follow_each_texts_own_tokens():
    # the same text, "可" a token of its own in the first copy only
    sets = [TermSet("c", "可", "Can", tokens=("可",))]
    spans = SpanTokens([[(0, 1, "可"), (1, 3, "持续")], [(0, 3, "可持续")]])
    m = match_texts(["可持续", "可持续"], sets, tokens=spans)[0]
    assert m.text.tolist() == [0] and m.term.tolist() == ["可"]


def test_repeated_texts_are_masked_alike():
    texts = ["以人才为导向,建设", "建设", "以人才为导向,建设"]
    out = mask_patterns(texts, [r"以[^,]{1,5}为导向"])
    assert out == [MASK * 6 + ",建设", "建设", MASK * 6 + ",建设"]


def test_sets_with_token_terms_match_each_copy_with_its_own_tokens():
    sets = [TermSet("c", "可", "Can", terms=("可以",), tokens=("可",)),
            TermSet("t", "人才", "Talent", terms=("人才",))]
    texts = ["可持续可以人才", "可持续可以人才", "无", "可持续可以人才", "无"]
    spans = [[(0, 1, "可"), (1, 3, "持续"), (3, 5, "可以"), (5, 7, "人才")],
             [(0, 3, "可持续"), (3, 5, "可以"), (5, 7, "人才")],
             [(0, 1, "无")],
             [(0, 1, "可"), (1, 3, "持续"), (3, 4, "可"), (4, 5, "以"), (5, 7, "人才")],
             [(0, 1, "无")]]
    found = match_texts(texts, sets, tokens=SpanTokens(spans))
    _each_alone(found, texts, sets, tokens=spans)
    assert found[0].text.tolist() == [0, 0, 1, 3, 3]


def test_distinct_texts_keep_no_copy_of_the_texts():
    # hashing each text must not leave a second (UTF-8) copy inside it
    texts = [f"{i}" + "推动科技人才发展" * 200 for i in range(200)]
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    codes, uniq = distinct_texts(texts)
    del codes, uniq
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert after - before < 20_000  # the texts hold ~1.3 MB of UTF-8


def test_token_mode_repeated_texts_match_as_each_text_alone():
    sets = [TermSet("c", "可", "Can", terms=("可", "人才"), exclude=("可持续",)),
            TermSet("t", "人才", "Talent", terms=("人才",))]
    texts = ["可持续可以人才", "可持续可以人才", "无", "可持续可以人才"]
    spans = [[(0, 1, "可"), (1, 3, "持续"), (3, 4, "可"), (4, 5, "以"), (5, 7, "人才")],
             [(0, 3, "可持续"), (3, 5, "可以"), (5, 7, "人才")],
             [(0, 1, "无")],
             [(0, 1, "可"), (1, 3, "持续"), (3, 5, "可以"), (5, 9, "人才")]]
    found = match_texts(texts, sets, mode="token", tokens=SpanTokens(spans))
    _each_alone(found, texts, sets, mode="token", tokens=spans)
    assert found[0].term.tolist() == ["可", "人才", "人才", "人才"]
    assert found[0].end.tolist()[-1] == 7  # the last span cut at its text's end


def test_compiled_patterns_with_flags_mask_repeated_texts_alike():
    texts = ["Policy 人才 policy", "无", "Policy 人才 policy", "POLICY"]
    pats = [re.compile("policy", re.IGNORECASE), r"人才"]
    out = mask_patterns(texts, pats)
    alone = [mask_patterns([t], pats)[0] for t in texts]
    assert out == alone
    assert out[0] == MASK * 6 + " " + MASK * 2 + " " + MASK * 6
