"""Scopes: paragraph scopes with a light outline, clause scopes from the clause table."""

from __future__ import annotations

from analysis.structure import parse_clauses
from analysis.targets.rules import load_rules
from analysis.targets.scopes import ClauseColumns, clause_scopes, paragraph_scopes

TEXT = ("三、目标任务\n力争到2015年,基本建成创新体系。\n(一)实施技术创新工程\n"
        "1.实施10个重大技术产业化示范项目。\n2.培育20家企业。")


def test_paragraph_scopes_follow_the_outline():
    units = paragraph_scopes("d", TEXT, load_rules())
    assert [(u.clause_id, u.parent, u.heading[:6]) for u in units] == [
        ("d:三", None, "三、目标任务"),
        ("d:三", 0, ""),
        ("d:三/(一)", 0, "(一)实施技"),
        ("d:三/(一)/1", 2, "1.实施10"),
        ("d:三/(一)/2", 2, "2.培育20"),
    ]
    assert units[0].context == [1]          # the section's introduction
    assert not any(u.upper_level for u in units)


def test_text_before_any_heading_is_front():
    units = paragraph_scopes("d", "总则\n到2025年,达到5家。", load_rules())
    assert [u.clause_id for u in units] == ["d:front", "d:front"]


def test_task_table_marks_the_provincial_measure():
    text = ("任务内容 落实措施\n一、创新主体\n(一)全省高新技术企业达到1500家。\n"
            "1.我市培育高新技术企业40家。\n(二)没有分解的任务。\n")
    units = paragraph_scopes("d", text, load_rules())
    upper = [text[u.start:u.end] for u in units if u.upper_level]
    assert upper == []                     # a (一) heading line itself is not the measure
    text = text.replace("(一)全省", "(一)\n全省")
    units = paragraph_scopes("d", text, load_rules())
    assert [text[u.start:u.end] for u in units if u.upper_level] == [
        "全省高新技术企业达到1500家。"]


def test_clause_scopes_and_columns_agree():
    clauses = parse_clauses(TEXT, doc_id="d", warn=False)
    units = clause_scopes("d", clauses, TEXT, load_rules())
    assert [u.clause_id for u in units] == list(clauses.sort_values("char_start")["clause_id"])
    cols = ClauseColumns.read(clauses)
    own = cols.doc(range(len(clauses)))
    assert own.clause_ids([0, TEXT.index("10个")]) == ["d:三", "d:三/(一)/1"]
    assert ClauseColumns.read(clauses.drop(columns=["kind"])) is None
