"""Which lines a rule's pattern can match at all (analysis.structure.prefilter)."""

from __future__ import annotations

import re

import pytest

from analysis.structure.prefilter import may_search, opening_chars
from analysis.structure.rules import load_structure_rules


def test_the_table_of_contents_line_opens_with_its_leader_characters():
    toc = load_structure_rules().toc_line
    assert opening_chars(toc) == frozenset(".…·．-")


@pytest.mark.parametrize("line", [
    "一、总体要求……3", "第一章 总则........1", "附则 ·····12", "目标------ 5", "加强领导。",
    "3.1 范围", "1.加强", "", "……", "．．．．", "-----",
])
def test_a_line_passed_over_holds_no_table_of_contents_entry(line):
    toc = load_structure_rules().toc_line
    # searched where it finds an entry, and passed over exactly where no leader stands
    assert toc.search(line) is None or may_search(toc, line)
    assert may_search(toc, line) == any(c in line for c in ".…·．-")


def test_a_line_without_a_leader_character_is_passed_over():
    toc = load_structure_rules().toc_line
    assert not may_search(toc, "一、总体要求")
    assert may_search(toc, "一、总体要求……3")


@pytest.mark.parametrize(("pattern", "chars"), [
    ("(?<!第)[一二]、", {"一", "二"}),
    ("(?:ab|c+)d", {"a", "c"}),
    ("[0-3]x", {"0", "1", "2", "3"}),
    ("a?b", None),          # an optional opening
    ("(?i)x", None),        # case folded
    (r"\s+x", None),        # a class by category
    ("x|", None),           # an empty alternative
    ("$", None),            # nothing taken
    ("[^a]b", None),        # a negated class
    (".b", None),           # any character
    ("(?i:a)b", None),      # case folded in a scope
    ("(?=b)ab", {"a"}),     # a lookahead takes nothing: the next character opens
    ("(?:a?)+b", None),     # a repeat that may take nothing
    ("(?>a|b)c", None),     # an atomic group
    ("[\u4e00-\u9fff]x", None),  # a range too wide to list
    ("a++b", {"a"}),        # a possessive repeat still opens with its character
])
def test_opening_chars(pattern, chars):
    got = opening_chars(re.compile(pattern))
    assert (None if got is None else set(got)) == chars
