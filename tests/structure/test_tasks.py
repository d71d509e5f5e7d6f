"""Task-decomposition tables (analysis.structure.tasks): one row per upper-level measure."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.structure import (
    RESPONSIBILITY_COLUMNS,
    agency_edges,
    agency_table,
    clause_table,
    parse_clauses,
    responsibilities,
)

CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
      "十五", "十六", "十七", "十八", "十九", "二十"]


# ------------------------------------------------------------------ literal texts

def test_user_task_table_with_labelled_unit_lines():
    text = ("某区任务清单\n一、创新\n(一)加强创新平台建设。\n1.建设重点实验室。\n2.建设孵化器。\n"
            "牵头单位:区科技局\n配合单位:区财政局、区发改局\n(二)培育人才。\n牵头单位:区人社局\n"
            "二、保障\n(三)强化考核。\n1.纳入考核。\n牵头单位:区委组织部")
    cl = parse_clauses(text, doc_id="u")
    r = responsibilities(cl)
    assert r["label"].tolist() == ["(一)", "(二)", "(三)"]
    assert r["city_measures"].tolist() == [["建设重点实验室。", "建设孵化器。"], [], ["纳入考核。"]]
    assert r["lead_units"].tolist() == [["区科技局"], ["区人社局"], ["区委组织部"]]
    assert r["cooperating_units"].tolist() == [["区财政局", "区发改局"], [], []]


def test_unit_lines_under_columns_without_labels():
    # a flattened table: its column headers name the roles, and the unit cells are lines
    # of unit names after each measure
    text = ("任务分解表\n重点任务 牵头单位 配合单位\n一、创新\n(一)建平台。\n1.建实验室。\n"
            "市科技局\n市财政局、市发改委\n(二)育人才。\n2.引进人才。\n市人社局\n市教育局")
    r = responsibilities(parse_clauses(text, doc_id="c"))
    assert r["lead_units"].tolist() == [["市科技局"], ["市人社局"]]
    assert r["cooperating_units"].tolist() == [["市财政局", "市发改委"], ["市教育局"]]


def test_user_task_table_in_pipe_layout(make_corpus):
    raw = make_corpus({"tt": "某市任务分解表\n序号 | 重点任务 | 牵头单位 | 配合单位\n"
                             "1 | 加强科技创新 | 市科学技术局 | 市财政局、发改委\n"
                             "2 | 培育科技企业 | 市工信局、科技局 | 市人社局\n",
                       "plain": "一、总则\n(一)目标。内容。"})
    cl = clause_table(load_corpus(raw))
    r = responsibilities(cl)
    assert r["doc_id"].tolist() == ["tt", "tt"]
    assert r["heading"].tolist() == ["加强科技创新", "培育科技企业"]
    assert r["lead_units"].tolist() == [["市科技局"], ["市工信局", "市科技局"]]
    assert r["cooperating_units"].tolist() == [["市财政局", "市发改委"], ["市人社局"]]
    assert agency_table(r).set_index("unit").loc["市科技局", "n_lead"] == 2


def test_documents_of_one_clause_table_read_as_each_alone():
    # unit lines in one document, a | table in another, a document without a table
    cells = ("一、创新\n(一)建平台。\n1.建实验室。\n牵头单位:区科技局\n配合单位:区财政局\n"
             "(二)育人才。\n牵头单位:区人社局")
    pipe = "任务\n序号 | 重点任务 | 牵头单位\n1 | 加强创新 | 市科技局\n2 | 培育企业 | 市工信局"
    parts = [parse_clauses(cells, doc_id="a"), parse_clauses("一、总则\n(一)目标。", doc_id="b"),
             parse_clauses(pipe, doc_id="c")]
    alone = pd.concat([responsibilities(p) for p in parts if p["doc_id"].iloc[0] != "b"],
                      ignore_index=True)
    assert responsibilities(parts[1]).empty
    together = responsibilities(pd.concat(parts, ignore_index=True))
    assert together["doc_id"].tolist() == ["a", "a", "c", "c"]
    pd.testing.assert_frame_equal(together, alone)


def test_a_pipe_table_without_a_lead_column_is_no_task_table():
    cl = parse_clauses("一、目标\n指标 | 目标\n专利 | 10\n企业 | 20", doc_id="p")
    assert responsibilities(cl).empty


def test_units_as_a_mapping(tmp_path):
    cl = parse_clauses("一、任务\n(一)创新。\n1.建平台。\n牵头单位:区科技局\n配合单位:区财政局",
                       doc_id="g")
    r = responsibilities(cl, units={"区科技局": "区科技和工信局"})
    assert r["lead_units"].item() == ["区科技和工信局"]
    assert r["cooperating_units"].item() == ["区财政局"]


def test_no_task_table_gives_empty_tables():
    cl = parse_clauses("一、总则\n(一)目标。内容。", doc_id="n")
    r = responsibilities(cl)
    assert r.empty and list(r.columns) == list(RESPONSIBILITY_COLUMNS)
    assert agency_table(r).empty and "doc_id" in agency_table(r).columns
    assert agency_edges(r).empty and "doc_id" in agency_edges(r).columns


# ------------------------------------------------------------------ the default corpus

def test_one_row_per_provincial_measure(resp):
    assert tuple(resp.columns) == RESPONSIBILITY_COLUMNS
    assert set(resp["doc_id"]) == {"jiayuguan_2020"}  # the only task table
    assert resp["label"].tolist() == [f"({n})" for n in CN]
    assert resp["clause_id"].is_unique


def test_lead_and_cooperating_units(resp):
    r = resp.set_index("label")
    assert r.loc["(三)", "lead_units"] == ["市工信局", "市科技局"]
    assert r.loc["(三)", "cooperating_units"] == ["市发改委", "市政府国资委", "市财政局"]
    assert r.loc["(五)", "cooperating_units"] == ["市发改委", "市市场监管局", "人行嘉峪关中心支行",
                                                 "嘉峪关银保监分局"]
    assert r.loc["(十一)", "lead_units"] == ["市科技局", "工业园区管委会"]
    assert r.loc["(二十)", "lead_units"] == ["市统计局", "市科技局"]
    # 指导思想 and 发展目标 are measures without units
    assert r.loc["(一)", "lead_units"] == [] and r.loc["(二)", "cooperating_units"] == []
    later = resp.iloc[2:]
    assert later["lead_units"].map(len).min() >= 1
    assert later["cooperating_units"].map(len).min() >= 1


def test_city_measures_and_provincial_text(resp):
    r = resp.set_index("label")
    assert resp["city_measures"].map(len).sum() == 54
    assert r.loc["(十八)", "city_measures"][2].startswith("财政、审计等部门要在")
    assert r.loc["(三)", "city_measures"][0].startswith("实施“扩规计划”")
    assert r.loc["(三)", "provincial_text"].startswith("启动“扩规计划”,培育壮大规模以上工业企业。")
    assert "研发准备金制度" in r.loc["(三)", "provincial_text"]
    assert "市工信局" not in r.loc["(三)", "provincial_text"]
    assert r.loc["(八)", "heading"] == "壮大全省科技特派员队伍"


def test_responsibilities_tables_are_tidy(resp):
    assert isinstance(resp, pd.DataFrame)
    for col in ("city_measures", "lead_units", "cooperating_units"):
        assert resp[col].map(lambda v: isinstance(v, list)).all()


@pytest.mark.parametrize("units", ["units.csv", None])
def test_units_by_name_or_default(clauses, units):
    r = responsibilities(clauses) if units is None else responsibilities(clauses, units=units)
    assert r["lead_units"].iloc[2] == ["市工信局", "市科技局"]
