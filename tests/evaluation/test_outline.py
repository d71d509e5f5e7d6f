"""How the outline scorer compares headings and reads the clause table."""

import pandas as pd
import pytest

from analysis.evaluation.outline import _counts, heading_key, predicted_outline
from analysis.structure import parse_clauses


@pytest.mark.parametrize(("a", "b"), [
    (("（一）", "加强组织领导"), ("(一)", "加强组织领导")),
    (("1．", "总体要求"), ("1.", "总体要求")),
    (("一、", "坚持创新驱动。各地要统筹推进"), ("一、", "坚持创新驱动")),
    (("一、", "2023年 工作回顾"), ("一、", "2023年工作回顾")),
    (("第一章", "总  则"), ("第一章", "总则")),
])
def test_same_heading(a, b):
    assert heading_key(*a) == heading_key(*b)


@pytest.mark.parametrize(("a", "b"), [
    (("一、", "总体要求"), ("二、", "总体要求")),
    (("第一章", "总则"), ("一、", "总则")),
    (("一、", "加强组织领导"), ("一、", "完善保障措施")),
])
def test_different_heading(a, b):
    assert heading_key(*a) != heading_key(*b)


def test_counts_match_each_heading_once():
    g = [("一", "甲"), ("二", "乙"), ("一", "甲")]
    f = [("一", "甲"), ("三", "丙")]
    assert _counts(g, f) == (1, 1, 2)


def test_predicted_outline_keeps_levels_one_and_two_only():
    c = parse_clauses("一、总则\n(一)目标\n1.内容。要求。\n一是甲,二是乙。\n二、任务\n内容。",
                      doc_id="d")
    got = predicted_outline(c)
    assert got[["level", "label"]].values.tolist() == [[1, "一、"], [2, "(一)"], [1, "二、"]]


def test_predicted_outline_reads_only_the_attachment_when_there_is_one():
    c = pd.DataFrame({
        "doc_id": ["d", "d", "d"], "clause_id": ["d:一", "d:一~2", "d:二"],
        "level": [1, 1, 1], "label": ["一、", "一、", "二、"],
        "heading": ["通知事项", "总体要求", "任务"], "kind": ["heading"] * 3,
        "part": ["notice", "attachment", "attachment"]})
    assert predicted_outline(c)["heading"].tolist() == ["总体要求", "任务"]
