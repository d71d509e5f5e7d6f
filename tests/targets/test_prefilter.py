"""Where a pattern can match (the strings every match holds) and where a match can begin."""

from __future__ import annotations

import random
import re

import pytest

from analysis.targets.prefilter import matches, may_match, span_matches
from analysis.targets.rule_reader import call_stores
from analysis.targets.rules import load_rules


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    ("(?:到|至)?(?:19|20)\\d\\d(?:年度|年)", "建设10个平台", False),
    ("(?:到|至)?(?:19|20)\\d\\d(?:年度|年)", "到2025年", True),
    ("(?<![\\d年])(?:今年|年内)", "今后五年", False),   # a lookbehind needs nothing
    ("(?<![\\d年])(?:今年|年内)", "年年内", True),      # a filter, not a match
    ("\\d+", "平台", True),                              # no filter: always searched
    ("(?i)abc", "xyz", True),
    ("abc", "ABC", False),
])
def test_may_match(pattern, text, expected):
    assert may_match(re.compile(pattern), text, 0, len(text)) is expected


def test_may_match_reads_only_the_span():
    pat = re.compile("(?:到)?20\\d\\d年")
    text = "到2025年,建设10个平台"
    assert may_match(pat, text, 0, 7)
    assert not may_match(pat, text, 7, len(text))   # no year after the comma


def test_may_match_false_only_where_nothing_matches():
    # random texts over the characters of the rules' time patterns: wherever may_match says
    # False, the pattern finds nothing in the span
    rules = load_rules()
    pats = [rules.time, rules.relative, rules.this_year, rules.next_year, rules.last_year,
            rules.annual, rules.now, rules.goal_period, rules.doubling, rules.percent,
            rules.box_line]
    alphabet = list("到至年度底末十一三五四九八今明去本当内前目现截每均翻番百分之2019 专栏,。\n")
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        for pat in pats:
            if not may_match(pat, text, a, b):
                assert next(pat.finditer(text[a:b]), None) is None, (pat.pattern, text[a:b])


def test_matches_finds_what_finditer_finds():
    from analysis.targets.prefilter import first_chars, matches

    rules = load_rules()
    pats = [rules.time, rules.relative, rules.this_year, rules.next_year, rules.last_year,
            rules.annual, rules.now, rules.goal_period, rules.quantity, rules.percent,
            rules.numeral_year]
    assert all(first_chars(p) is not None for p in (rules.time, rules.quantity))
    alphabet = [*"到至力争截确年度底末前十一三五四九八〇今明去本当内目现每均百分之",
                *"2019. 个家万“”-—", "十四五"]
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        for pat in pats:
            assert [(m.span(), m.groupdict()) for m in matches(pat, text)] == [
                (m.span(), m.groupdict()) for m in pat.finditer(text)], (pat.pattern[:40], text)


def test_matches_of_a_pattern_with_flags_inside_is_plain_finditer():
    from analysis.targets.prefilter import matches

    # a global flag inside cannot stand behind the lookahead: searched as it is
    pat = re.compile("(?s)(?:到)?20\\d\\d年.")
    text = "到2025年\n和2030年底"
    assert [m.group() for m in matches(pat, text)] == ["到2025年\n", "2030年底"]
    assert [m.span("num") for m in matches(re.compile("(?<!\\d)(?P<num>\\d+)个"), "a12个3个")] \
        == [(1, 3), (4, 5)]


def test_a_pattern_opening_with_a_literal_or_a_class_is_searched_as_it_is():
    # the engine's own skip to a literal prefix or a character set beats a lookahead
    for p in ("到20\\d\\d年", "[12]\\d\\d\\d年", "(?:每年|年均)", "(年)均"):
        rx = re.compile(p)
        found = list(matches(rx, "到2025年和1999年每年年均"))
        assert found and all(m.re is rx for m in found)
    rx = re.compile("(?:到)?20\\d\\d年")            # an optional opening: behind a lookahead
    found = list(matches(rx, "到2025年和2030年"))
    assert [m.group() for m in found] == ["到2025年", "2030年"]
    assert all(m.re is not rx for m in found)


def test_span_matches_are_finditer_once_per_text():
    pat = re.compile("(?<!\\d)(?:到)?20\\d\\d年")
    text = "到2025年,2030年前;12030年"
    with call_stores():
        first = span_matches(pat, text)
        assert [(m.span(), m.group()) for m in first] == [
            (m.span(), m.group()) for m in pat.finditer(text)]
        # an equal text made apart (another span of another document) gets the same list
        again = span_matches(pat, "".join(["到2025年,", "2030年前;12030年"]))
        assert again is first
        assert span_matches(pat, "没有年份") == []
    # after the call nothing is kept: the text is searched anew
    assert span_matches(pat, text) is not first
    assert [m.span() for m in span_matches(pat, text)] == [m.span() for m in first]
