"""Where a rule's match can begin, and which texts it cannot match at all
(analysis.text.pattern_starts)."""

from __future__ import annotations

import re

import pytest

from analysis.structure.rules import load_structure_rules
from analysis.text.pattern_starts import first_chars, may_search

#: the characters the classes below are read on
ALPHABET = "abcdx0123456789一二中第、"


def _opening(pattern: str) -> set[str] | None:
    starts = first_chars(re.compile(pattern))
    return None if starts is None else {c for c in ALPHABET if starts.fullmatch(c)}


def test_the_table_of_contents_line_opens_with_its_leader_characters():
    starts = first_chars(load_structure_rules().toc_line)
    assert {c for c in ".…·．-一、。 1" if starts.fullmatch(c)} == set(".…·．-")


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
    ("a?b", {"a", "b"}),    # an optional opening: its characters or the next item's
    ("(?:a?)+b", {"a", "b"}),  # a repeat that may take nothing
    ("(?=b)ab", {"a"}),     # a lookahead takes nothing: the next character opens
    ("(?>a|b)c", {"a", "b"}),  # an atomic group
    ("a++b", {"a"}),        # a possessive repeat opens with its character
    (r"\d+年", set("0123456789")),
    ("[\u4e00-\u9fff]x", {"一", "二", "中", "第"}),  # a range, not its characters
    ("(?i)x", None),        # case folded
    ("(?i:a)b", None),      # case folded in a scope
    (r"\s+x", None),        # a class by another category
    ("[^a]b", None),        # a negated class
    (".b", None),           # any character
    ("x|", None),           # an empty alternative: it may match empty
    ("$", None),            # nothing taken
])
def test_first_chars(pattern, chars):
    assert _opening(pattern) == chars
    if chars is not None:   # every match begins with one of them
        text = "ab" * 3 + "中x第x二、一、2024年Xx"
        assert all(m.group()[:1] in chars for m in re.finditer(pattern, text) if m.group())
