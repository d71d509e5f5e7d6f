"""Term sets: finding terms in one text, masks, and reading them from TOML tables."""

from __future__ import annotations

import pytest

from analysis.lexicon import (
    TermSet,
    string_list,
    termset_from_table,
    termsets_from_tables,
    unique_keys,
    with_exclude,
)


def test_longest_term_wins_and_matches_do_not_overlap():
    ts = TermSet("t", "人才", "Talent", terms=("人才", "科技人才", "才"))
    assert ts.find("引进科技人才和人才") == [(2, 6, "科技人才"), (7, 9, "人才")]


@pytest.mark.parametrize("text, expected", [
    ("市政府金融办牵头", []),                        # inside an excluded context
    ("金融办和金融机构", [(4, 6, "金融")]),
    ("金融办金融办", []),
    ("", []),
])
def test_exclude_contexts_mask_matches(text, expected):
    ts = TermSet("f", "金融", "Finance", terms=("金融",), exclude=("金融办",))
    assert ts.find(text) == expected


def test_overlapping_exclude_contexts_are_all_masked():
    ts = TermSet("a", "甲", "A", terms=("人才", "引进"), exclude=("才引", "引进人"))
    assert ts.mask("人才引进人才") == "人\x00\x00\x00\x00才"
    assert ts.find("人才引进人才") == []


def test_token_terms_count_only_as_their_own_token():
    ts = TermSet("p", "党", "Party", terms=("党委",), tokens=("党",))
    spans = [(0, 2, "坚持"), (2, 3, "党"), (3, 4, "的"), (5, 7, "党委"), (8, 10, "政党")]
    assert ts.find("坚持党的,党委,政党", spans) == [(2, 3, "党"), (5, 7, "党委")]
    assert ts.find("坚持党的,党委,政党") == [(5, 7, "党委")]  # no spans: no token terms


def test_patterns_compete_with_terms_leftmost_then_longest():
    ts = TermSet("g", "目标", "Goals", terms=("2025年",), patterns=(r"到20\d\d年",))
    assert ts.find("到2025年,2025年底") == [(0, 6, "到2025年"), (7, 12, "2025年")]


def test_token_mode_counts_only_whole_tokens():
    ts = TermSet("t", "人才", "Talent", terms=("人才",))
    spans = [(0, 2, "支持"), (2, 6, "人才引进"), (7, 9, "人才")]
    assert ts.find_tokens("支持人才引进和人才", spans) == [(7, 9, "人才")]
    assert ts.find("支持人才引进和人才", spans) == [(2, 4, "人才"), (7, 9, "人才")]


def test_all_terms_keeps_order_and_drops_duplicates():
    ts = TermSet("t", "x", "X", terms=("甲", "乙"), tokens=("乙", "丙"), patterns=(r"\d",))
    assert ts.all_terms() == ("甲", "乙", "丙")


def test_with_exclude_adds_contexts_once():
    ts = TermSet("a", "农业", "Agriculture", terms=("农业",), exclude=("农业局",))
    assert with_exclude(ts, ["科技局", "农业局"]).exclude == ("农业局", "科技局")
    assert with_exclude(ts, []) is ts


@pytest.mark.parametrize("value, message", [
    ("人才", "must be a list"),
    (["人才", ""], "must be a list"),
    ([1], "must be a list"),
])
def test_string_list_names_the_file_and_key(value, message):
    with pytest.raises(ValueError, match=f"x.toml: `terms` {message}"):
        string_list(value, where="x.toml", name="terms")


def test_string_list_strips_and_may_be_required():
    assert string_list([" 人才 "], where="x", name="terms") == ("人才",)
    assert string_list(None, where="x", name="terms") == ()
    with pytest.raises(ValueError, match="is missing"):
        string_list(None, where="x", name="terms", required=True)


@pytest.mark.parametrize("table, message", [
    ({"key": "a", "zh": "甲", "en": "A"}, "give at least one entry in `terms`"),
    ({"key": "a", "zh": "甲", "terms": ["人才"]}, "`en` is missing"),
    ({"key": "a", "zh": "甲", "en": "A", "patterns": ["科技("]}, "not a valid regular"),
    ("a", "expected a table"),
])
def test_bad_tables_get_one_clear_error(table, message):
    with pytest.raises(ValueError, match=message):
        termset_from_table(table, where="mine.toml: theme #1")


def test_a_table_with_every_field():
    ts = termset_from_table({"code": "金融支持", "zh": "金融支持", "en": "Finance",
                             "terms": ["贷款"], "tokens": ["贷"], "exclude": ["贷款局"],
                             "patterns": [r"\d+亿元"]}, where="x", key_field="code")
    assert ts == TermSet("金融支持", "金融支持", "Finance", terms=("贷款",), tokens=("贷",),
                         exclude=("贷款局",), patterns=(r"\d+亿元",))


def test_tables_get_the_file_wide_exclusions_and_unique_keys():
    tables = [{"key": "a", "zh": "甲", "en": "A", "terms": ["农业"], "exclude": ["农业局"]},
              {"key": "b", "zh": "乙", "en": "B", "terms": ["科技"]}]
    sets = termsets_from_tables(tables, source="mine.toml", what="theme",
                                exclude=["科技局"])
    assert [s.exclude for s in sets] == [("农业局", "科技局"), ("科技局",)]
    with pytest.raises(ValueError, match=r"mine.toml: theme #2 \(b\): `en` is missing"):
        termsets_from_tables([tables[0], {"key": "b", "zh": "乙", "terms": ["x"]}],
                             source="mine.toml", what="theme")
    with pytest.raises(ValueError, match="the theme key 'a' is used twice"):
        unique_keys([sets[0], sets[0]], source="mine.toml", what="theme")
