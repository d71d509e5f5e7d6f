"""The matching engine: one set of semantics, whole-corpus matching equal to text by text,
and a plain reference implementation of those semantics."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon import SpanTokens, TermSet, find_in_text, literal_scanner, match_texts
from analysis.lexicon.engine import MASK, RegexScanner, mask_spans, mask_text


def reference(text, ts, spans=(), mode="substring"):
    """The documented semantics, written as plainly as possible: mask every occurrence of
    every exclude context; collect term matches (regex alternation, longest first), pattern
    matches and unmasked token spans; keep the leftmost, then longest non-overlapping."""
    chars = list(text)
    for ex in ts.exclude:
        i = text.find(ex)
        while i >= 0:
            chars[i:i + len(ex)] = MASK * len(ex)
            i = text.find(ex, i + 1)
    masked = "".join(chars)
    cands = []
    if mode == "substring":
        terms = sorted(set(ts.terms), key=lambda t: (-len(t), t))
        if terms:
            rx = re.compile("|".join(map(re.escape, terms)))
            cands += [(m.start(), m.end(), m.group()) for m in rx.finditer(masked)]
        for p in ts.patterns:
            cands += [(m.start(), m.end(), m.group()) for m in re.finditer(p, masked)
                      if m.group()]
    wanted = set(ts.tokens) | (set(ts.terms) if mode == "token" else set())
    cands += [(s, e, t) for s, e, t in spans if t in wanted and MASK not in masked[s:e]]
    out, last = [], -1
    for s, e, t in sorted(set(cands), key=lambda c: (c[0], -(c[1] - c[0]), c[2])):
        if s >= last:
            out.append((s, e, t))
            last = e
    return out


def test_the_scanner_finds_leftmost_longest_and_every_occurrence():
    s = literal_scanner(("人才", "科技人才", "才"))
    assert s.longest("科技人才和人才") == ([0, 5], [4, 7], ["科技人才", "人才"])
    assert s.occurrences("人才才") == {"科技人才": [], "人才": [0], "才": [1, 2]}
    assert literal_scanner(("人才", "科技人才", "才")) is s  # compiled once
    assert RegexScanner([]).longest("abc") == ([], [], [])
    assert RegexScanner([""]).occurrences("abc") == {}


def test_mask_spans_and_mask_text():
    assert mask_spans("abcdef", [(1, 3), (2, 4)]) == "a\x00\x00\x00ef"
    assert mask_spans("abc", []) == "abc"
    assert mask_text("金融办金融", ["金融办"]) == "\x00\x00\x00金融"
    assert mask_text("金融", ["金融办"]) == "金融"


def test_matches_never_run_from_one_text_into_the_next():
    ts = TermSet("t", "人才", "Talent", terms=("人才", "才引"))
    m = match_texts(["引进人", "才引进人才"], [ts])[0]
    assert list(zip(m.text.tolist(), m.start.tolist(), m.term.tolist(), strict=True)) == [
        (1, 0, "才引"), (1, 3, "人才")]


def test_a_term_holding_the_usual_separator_still_matches_inside_one_text():
    ts = TermSet("x", "x", "X", terms=("人\x01才", "人才"), exclude=("\x02",))
    got = match_texts(["人\x01才", "人才"], [ts])[0]
    assert got.text.tolist() == [0, 1] and got.term.tolist() == ["人\x01才", "人才"]


def test_sets_are_matched_independently_and_each_has_its_own_exclusions():
    a = TermSet("a", "a", "A", terms=("科技金融",))
    b = TermSet("b", "b", "B", terms=("金融",), exclude=("金融办",))
    c = TermSet("c", "c", "C", terms=("金融",), exclude=("科技局", "金融办"))
    ma, mb, mc = match_texts(["科技金融和金融办"], [a, b, c])
    assert ma.term.tolist() == ["科技金融"]
    assert mb.start.tolist() == [2] and mc.start.tolist() == [2]


def test_patterns_are_matched_text_by_text():
    ts = TermSet("g", "g", "G", patterns=(r"[^。]+。",))
    m = match_texts(["甲。乙", "丙。"], [ts])[0]
    assert m.text.tolist() == [0, 1] and m.term.tolist() == ["甲。", "丙。"]


def test_token_terms_come_from_the_token_source():
    ts = TermSet("p", "p", "P", tokens=("可",), exclude=("可持续",))
    spans = [[(0, 1, "可"), (1, 2, "以")], [(0, 3, "可持续")], [(0, 1, "可")]]
    m = match_texts(["可以", "可持续", "可持续"], [ts], tokens=SpanTokens(spans))[0]
    assert m.text.tolist() == [0]      # text 2: its token 可 lies in the masked 可持续
    assert match_texts(["可以"], [ts])[0].text.tolist() == []  # no token source


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode='word'"):
        match_texts(["x"], [TermSet("a", "a", "A", terms=("x",))], mode="word")


def test_no_texts_and_no_sets():
    ts = TermSet("a", "a", "A", terms=("x",), tokens=("y",))
    assert [len(m.text) for m in match_texts([], [ts])] == [0]
    assert match_texts(["x"], []) == []


def test_matches_by_text():
    m = match_texts(["人才", "", "人才和人才"], [TermSet("t", "t", "T", terms=("人才",))])[0]
    assert m.by_text() == {0: [(0, 2, "人才")], 2: [(0, 2, "人才"), (3, 5, "人才")]}


ALPHABET = "人才引进科技金融办可持续。"
words = st.text(alphabet=ALPHABET, min_size=1, max_size=3)


@settings(max_examples=400, deadline=None)
@given(texts=st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=5),
       terms=st.lists(words, max_size=4), tokens=st.lists(words, max_size=2),
       exclude=st.lists(words, max_size=2),
       pattern=st.sampled_from([None, r"可.", r"[^。]{1,4}", r"人?才.?", r"^科", r"技$",
                                r"(?<=金)融", r"才(?!引)", r".+。"]),
       mode=st.sampled_from(["substring", "token"]))
def test_many_texts_at_once_equal_the_reference_text_by_text(texts, terms, tokens, exclude,
                                                              pattern, mode):
    # the patterns: ones that run over the end of a text in the joined texts, and ones that
    # see where a text starts or ends (anchors, lookaround)
    ts = TermSet("k", "k", "K", terms=tuple(terms), tokens=tuple(tokens),
                 exclude=tuple(exclude), patterns=(pattern,) if pattern else ())
    # tokens: every character, and every token term wherever it occurs
    spans = [[(i, i + 1, c) for i, c in enumerate(t)]
             + [(m.start(), m.end(), w) for w in tokens for m in re.finditer(re.escape(w), t)]
             for t in texts]
    got = match_texts(texts, [ts], mode=mode, tokens=SpanTokens(spans))[0].by_text()
    for i, t in enumerate(texts):
        want = reference(t, ts, spans[i], mode)
        assert got.get(i, []) == want
        assert find_in_text(t, ts, spans[i], mode=mode) == want
