"""Unit names and who leads and cooperates (analysis.structure.agencies)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.structure import (
    AGENCY_COLUMNS,
    AGENCY_EDGE_COLUMNS,
    agency_edges,
    agency_table,
    load_unit_aliases,
    normalize_unit,
    parse_clauses,
    responsibilities,
    split_units,
)


def _resp(rows):
    return pd.DataFrame([{"doc_id": d, "clause_id": c, "lead_units": lead,
                          "cooperating_units": coop} for d, c, lead, coop in rows])


# ------------------------------------------------------------------ unit names

def test_unit_normalisation():
    assert normalize_unit("市科学技术局") == "市科技局"
    assert normalize_unit("财政局") == "市财政局"
    assert normalize_unit("市发改委(牵头)") == "市发改委"
    assert normalize_unit("市科技局等。") == "市科技局"
    assert normalize_unit("人行嘉峪关中心支行") == "人行嘉峪关中心支行"
    assert normalize_unit("某某局", {}) == "某某局"
    assert split_units("市科技局、市财政局、市科技局") == ["市科技局", "市财政局"]
    assert split_units("牵头单位:科技局,发改委") == ["市科技局", "市发改委"]
    assert split_units("无") == [] and split_units("") == []


def test_unit_alias_file(tmp_path):
    aliases = load_unit_aliases()
    assert aliases["市科学技术局"] == "市科技局"
    bad = tmp_path / "u.csv"
    bad.write_text("name,std\n科技局,市科技局\n", encoding="utf-8")
    with pytest.raises(ValueError, match="alias,unit"):
        load_unit_aliases(str(bad))
    good = tmp_path / "g.csv"
    good.write_text("# my district\nalias,unit\n区科技局,区科技和工信局\n", encoding="utf-8")
    assert load_unit_aliases(good) == {"区科技局": "区科技和工信局"}
    cl = parse_clauses("一、任务\n(一)创新。\n牵头单位:区科技局\n配合单位:区财政局", doc_id="g")
    r = responsibilities(cl, units=str(good))
    assert r["lead_units"].item() == ["区科技和工信局"]


# ------------------------------------------------------------------ agency tables

def test_agency_table_on_literal_rows():
    resp = _resp([("d", "d:1", ["甲局", "乙局"], ["丙局"]), ("d", "d:2", ["甲局"], ["乙局"]),
                  ("e", "e:1", ["丙局"], ["丙局", "丁局"])])
    ag = agency_table(resp)
    assert tuple(ag.columns) == AGENCY_COLUMNS
    assert ag[["doc_id", "unit", "n_lead", "n_cooperate"]].values.tolist() == [
        ["d", "甲局", 2, 0], ["d", "乙局", 1, 1], ["d", "丙局", 0, 1],
        ["e", "丙局", 1, 0], ["e", "丁局", 0, 1]]
    assert ag["lead_share"].tolist() == [1.0, 0.5, 0.0, 1.0, 0.0]


def test_agency_edges_on_literal_rows():
    resp = _resp([("d", "d:1", ["甲局", "乙局"], ["丙局"]), ("d", "d:2", ["甲局"], ["丙局"])])
    e = agency_edges(resp)
    assert tuple(e.columns) == AGENCY_EDGE_COLUMNS
    assert e[["source", "target", "relation", "weight"]].values.tolist() == [
        ["甲局", "丙局", "lead-cooperate", 2], ["乙局", "丙局", "lead-cooperate", 1],
        ["乙局", "甲局", "co-lead", 1]]
    assert e["clause_ids"].iloc[0] == ["d:1", "d:2"]


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
    top = e.iloc[0]
    assert (top["source"], top["target"], top["relation"], top["weight"]) == \
        ("市科技局", "市工信局", "lead-cooperate", 11)
    assert len(top["clause_ids"]) == 11
    co = e.loc[e["relation"] == "co-lead"].set_index(["source", "target"])
    assert co.loc[("市工信局", "市科技局"), "weight"] == 1  # (三)
    assert (e["source"] != e["target"]).all()
