"""Task-decomposition tables: responsibilities, agencies, lead/cooperate edges; 表1 rows."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.structure import (
    RESPONSIBILITY_COLUMNS,
    agency_edges,
    agency_table,
    clause_table,
    load_unit_aliases,
    normalize_unit,
    parse_clauses,
    responsibilities,
    split_units,
    table_rows,
)

CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
      "十五", "十六", "十七", "十八", "十九", "二十"]


@pytest.fixture(scope="module")
def clauses(corpus):
    return clause_table(corpus)


@pytest.fixture(scope="module")
def resp(clauses):
    return responsibilities(clauses)


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


def test_agency_table(resp):
    ag = agency_table(resp).set_index("unit")
    assert ag.loc["市科技局", ["n_lead", "n_cooperate", "n_measures"]].tolist() == [15, 3, 18]
    assert ag.loc["市教育局", ["n_lead", "n_cooperate"]].tolist() == [0, 11]
    assert ag.loc["市工信局", ["n_lead", "n_cooperate"]].tolist() == [4, 11]
    assert len(ag) == 18
    assert agency_table(resp)["unit"].iloc[0] == "市科技局"
    assert (ag["doc_id"] == "jiayuguan_2020").all()


def test_agency_edges(resp):
    e = agency_edges(resp)
    assert list(e.columns) == ["doc_id", "source", "target", "relation", "weight",
                               "clause_ids"]
    top = e.iloc[0]
    assert (top["source"], top["target"], top["relation"], top["weight"]) == \
        ("市科技局", "市工信局", "lead-cooperate", 11)
    assert len(top["clause_ids"]) == 11
    co = e.loc[e["relation"] == "co-lead"].set_index(["source", "target"])
    assert co.loc[("市工信局", "市科技局"), "weight"] == 1  # (三)
    assert (e["source"] != e["target"]).all()


def test_unit_normalisation():
    assert normalize_unit("市科学技术局") == "市科技局"
    assert normalize_unit("财政局") == "市财政局"
    assert normalize_unit("市发改委(牵头)") == "市发改委"
    assert normalize_unit("人行嘉峪关中心支行") == "人行嘉峪关中心支行"
    assert split_units("市科技局、市财政局、市科技局") == ["市科技局", "市财政局"]
    assert split_units("牵头单位:科技局,发改委") == ["市科技局", "市发改委"]
    assert split_units("") == []


def test_unit_alias_file_errors(tmp_path):
    bad = tmp_path / "u.csv"
    bad.write_text("name,std\n科技局,市科技局\n", encoding="utf-8")
    with pytest.raises(ValueError, match="alias,unit"):
        load_unit_aliases(str(bad))
    good = tmp_path / "g.csv"
    good.write_text("alias,unit\n区科技局,区科技和工信局\n", encoding="utf-8")
    cl = parse_clauses("一、任务\n(一)创新。\n牵头单位:区科技局\n配合单位:区财政局", doc_id="g")
    r = responsibilities(cl, units=str(good))
    assert r["lead_units"].item() == ["区科技和工信局"]


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


def test_no_task_table_gives_empty_tables():
    cl = parse_clauses("一、总则\n(一)目标。内容。", doc_id="n")
    r = responsibilities(cl)
    assert r.empty and list(r.columns) == list(RESPONSIBILITY_COLUMNS)
    assert agency_table(r).empty and "doc_id" in agency_table(r).columns
    assert agency_edges(r).empty and "doc_id" in agency_edges(r).columns


def test_indicator_table_rows(clauses):
    rows = table_rows(clauses)
    assert set(rows["clause_id"]) == {"xinji_2022:一/(三)/2/表1"}
    assert len(rows) == 11 and rows["is_header"].sum() == 1
    head = rows.iloc[0]
    assert head["cells"] == ["指标名称", "2020年基数", "2025年目标", "指标属性"]
    by_row = rows.set_index("row")
    assert by_row.loc[5, "cells"] == ["5.高新技术企业数量(家)", "99", "130", "预期性"]
    assert by_row.loc[5, "group"] == "创新主体"
    assert by_row.loc[8, "cells"] == ["8.数字经济核心产业增加值占地区生产总值比重(%)", "1.2",
                                      "2.2左右", "预期性"]
    assert by_row.loc[8, "group"] == "创新支撑"
    # the first indicator's name was lost when the table was flattened
    assert by_row.loc[1, "cells"] == ["", "—", "年均增长10%", "预期性"]
    assert by_row.loc[1, "group"] == "创新实力" and by_row.loc[2, "group"] == "创新实力"
    assert "missing" in by_row.loc[1, "warnings"]
    assert (rows.loc[~rows["is_header"], "n_cells"] == 4).all()


def test_table_row_offsets_point_into_the_text(corpus, clauses):
    text = corpus.text("xinji_2022")
    for r in table_rows(clauses).itertuples():
        assert text[r.char_start:r.char_end].count("|") >= len(r.cells) - 1
        assert text[r.char_start:r.char_end].split("|")[0].strip() in (r.cells[0], r.group)


def test_responsibilities_tables_are_tidy(resp):
    assert isinstance(resp, pd.DataFrame)
    for col in ("city_measures", "lead_units", "cooperating_units"):
        assert resp[col].map(lambda v: isinstance(v, list)).all()
