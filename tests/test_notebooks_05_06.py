"""What notebooks 05 (instruments, tone, agreement) and 06 (targets) rely on: one
instrument cell and its evidence, agreement per coding set, era tables, target counts, the
readable target list, targets side by side per era, the target figure's units, empty
tables, and both notebooks on a researcher's own folder."""

from __future__ import annotations

import warnings

import nbformat
import pandas as pd
import pytest

import analysis as pl
from analysis.plots import nothing_to_show
from analysis.plots import themes as theme_plots
from analysis.plots.targets import plot_target_comparison
from analysis.report import _monolith as report
from tests.test_notebooks import OWN, _check_clean, _outputs


@pytest.fixture(scope="module")
def tables(built):
    return built.tables


# ----------------------------------------------------------------- instruments (05)


def test_instrument_cell_picks_where_the_instrument_weighs_most(tables):
    cell = pl.instrument_cell(tables["instrument_counts"], instrument="Strategic measures")
    assert cell[["doc_id", "instrument", "clauses", "n_clauses"]].iloc[0].tolist() == [
        "yinchuan_2022", "策略性措施", 21, 26]
    chosen = pl.instrument_cell(tables["instrument_counts"], instrument="金融支持",
                                doc_id="tonghua_2012")
    assert chosen["clauses"].item() == 3
    with pytest.raises(ValueError, match="not in the counts table"):
        pl.instrument_cell(tables["instrument_counts"], instrument="金融支持", doc_id="nope")
    with pytest.raises(ValueError, match="not an instrument"):
        pl.instrument_cell(tables["instrument_counts"], instrument="luck")


def test_the_evidence_of_a_cell_is_its_clauses_quoted_in_the_original(tables):
    cell = pl.instrument_cell(tables["instrument_counts"], instrument="策略性措施")
    ev = pl.count_evidence(tables["clauses"], instrument="策略性措施",
                           doc_id=cell["doc_id"].item(), corpus=tables["documents"],
                           tokens=tables["tokens"])
    # the clauses counted in the share are exactly the cell's number
    assert ev.loc[ev["counted"], "clause_id"].nunique() == cell["clauses"].item()
    assert not ev["counted"].all()  # title-only headings are listed but not counted
    assert "【培育】" in ev["quote"].iloc[0]
    trad = pl.count_evidence(tables["clauses"], instrument="目标规划", doc_id="tonghua_2012",
                             corpus=tables["documents"], tokens=tables["tokens"])
    assert any("【規劃】" in q for q in trad["quote"])  # traditional script, as written
    with pytest.raises(ValueError, match="text_orig"):
        pl.count_evidence(tables["clauses"], instrument="目标规划", doc_id="tonghua_2012",
                          corpus=tables["documents"].drop(columns=["text_orig"]))


def test_agreement_per_coding_set():
    t = pl.agreement_by_set()
    assert list(dict.fromkeys(t["set"])) == ["all", "development", "held-out"]
    kappa = t.set_index(["set", "type"])["kappa"].round(2)
    assert kappa[("all", "supply")] == 0.87 and kappa[("all", "environment")] == 0.47
    assert kappa[("held-out", "supply")] == 0.93 and kappa[("held-out", "environment")] == 0.29
    held = t.loc[t["set"] == "held-out"]
    assert (held["n"] == 30).all() and round(held["micro_kappa"].iloc[0], 2) == 0.77
    own = pl.read_coding_sheet("coding/hand_coded_instruments.csv").drop(columns=["set"])
    assert set(pl.agreement_by_set(own.head(10))["set"]) == {"all"}


def test_build_writes_instrument_types_per_era(tables):
    era = tables["instrument_types_era"]
    assert sorted(set(era["era"])) == ["2010s", "2020s"]
    tonghua = tables["instrument_types"].query("doc_id == 'tonghua_2012'")
    assert era.query("era == '2010s'")["codes"].tolist() == tonghua["codes"].tolist()
    assert era.query("era == '2020s'")["doc_id"].iloc[0].count(";") == 3


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + \
        [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]


def test_instrument_figures_by_era(tables):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bars = theme_plots.plot_instrument_types(tables["instrument_types_era"], by="era")
        heat = theme_plots.plot_instrument_heatmap(tables["instrument_era"], by="era",
                                                   english=True)
    assert "2010s (1 份文件)" in _texts(bars) and "2020s (4 份文件)" in _texts(bars)
    assert bars.axes[0].get_title() == "政策工具类型构成(按时期)"
    assert "2020s\n(4 documents)" in _texts(heat)
    assert heat.axes[0].get_title().startswith("Policy instruments by era")
    with pytest.raises(ValueError, match="no 'city' column"):
        theme_plots.plot_instrument_types(tables["instrument_types_era"], by="city")


def test_empty_tables_draw_a_reason_not_an_error(tables):
    for fig in (theme_plots.plot_instrument_heatmap(tables["instrument_counts"].iloc[0:0]),
                theme_plots.plot_instrument_types(tables["instrument_types"].iloc[0:0]),
                theme_plots.plot_tone(tables["tone"].iloc[0:0])):
        assert fig.axes[0].texts[0].get_text().startswith("无可绘制的内容")
    assert nothing_to_show("t", "why", english=True).axes[0].get_title() == "t"


# ----------------------------------------------------------------- targets (06)


def test_target_summary_counts_every_kind_of_every_document(tables):
    s = pl.target_summary(tables["targets"], tables["documents"])
    assert list(dict.fromkeys(s["doc_id"])) == ["tonghua_2012", "jiayuguan_2020",
                                                "xinji_2022", "yinchuan_2022", "chifeng_2023"]
    n = s.set_index(["doc_id", "kind"])
    assert n.loc[("tonghua_2012", "target"), "n"] == 26
    assert n.loc[("jiayuguan_2020", "target"), "n_province"] == 11
    assert n.loc[("xinji_2022", "achievement"), "n"] == 40
    assert n.loc[("yinchuan_2022", "support"), "n"] == 4
    assert n.loc[("yinchuan_2022", "target"), "n"] == 0
    assert n.loc[("chifeng_2023", "target"), "n"] == 4


def test_target_list_quotes_the_number_in_its_original_script(tables):
    t = pl.target_list(tables["targets"], tables["documents"], kinds=["target"])
    assert set(t["kind"]) == {"target"} and {"city", "year"} <= set(t.columns)
    chifeng = t.query("doc_id == 'chifeng_2023'").set_index("canonical")
    assert chifeng.loc["高新技术企业数量", "value_text"] == "≥160家"
    assert chifeng.loc["高新技术企业数量", "baseline"] == "80家 (2020)"
    tonghua = t.query("doc_id == 'tonghua_2012'")
    assert "經費占GDP的比重達到【2】%左右" in tonghua["quote"].iloc[0]
    # without the documents the quote is cut from the sentence itself
    bare = pl.target_list(tables["targets"], kinds=["target"])
    assert bare["quote"].tolist() == t["quote"].tolist()
    assert pl.target_list(tables["targets"].iloc[0:0]).empty


def test_targets_side_by_side_per_era(tables):
    wide = pl.targets_by_era(tables["target_comparison"], wide=True)
    assert list(wide.columns) == ["2010s", "2020s"]
    assert wide.loc["R&D经费投入强度", "2010s"] == "通化市 ≈2% (2015)"
    assert "赤峰市 ≥1.2% (2025)" in wide.loc["R&D经费投入强度", "2020s"]
    assert wide.loc["企业研发投入占营业收入比重", "2010s"] == ""
    assert wide.loc["综合科技创新水平全省排位", "2010s"] == (
        "通化市 力争前3位 (2015); 通化市 前5位 (2015)")
    long = pl.targets_by_era(tables["target_comparison"], by="city")
    assert "doc_id" in long.columns and set(long["city"]) >= {"通化市", "赤峰市"}
    assert pl.targets_by_era(tables["target_comparison"].iloc[0:0], wide=True).empty


def test_target_figure_labels_each_point_when_an_axis_mixes_unit_words(tables):
    cmp = tables["target_comparison"]
    fig = plot_target_comparison(cmp, tables["documents"], english=True)
    panel = next(ax for ax in fig.axes if ax.get_title() == "High-tech enterprises")
    labels = [t.get_text() for t in panel.texts]
    assert "30户" in labels and "≥160家" in labels  # Tonghua counts in 户, the others in 家
    assert "户" in panel.get_ylabel() and "家" in panel.get_ylabel()
    rd = next(ax for ax in fig.axes if ax.get_title() == "R&D intensity (R&D / GDP)")
    assert "≈2%" in [t.get_text() for t in rd.texts]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Chifeng 2023" in legend and "Tonghua 2012" in legend


def test_target_figure_splits_incompatible_units_into_panels(tables):
    cmp = tables["target_comparison"].copy()
    rd = cmp["canonical_id"] == "rd_intensity"
    cmp.loc[rd & (cmp["doc_id"] == "tonghua_2012"), "unit"] = "亿元"
    fig = plot_target_comparison(cmp)
    titles = [ax.get_title() for ax in fig.axes if ax.axison]
    assert "R&D经费投入强度 (%)" in titles and "R&D经费投入强度 (亿元)" in titles
    assert len(titles) == cmp["canonical_id"].nunique() + 1


def test_table_or_note():
    note = pl.table_or_note(pd.DataFrame({"doc_id": []}), "no targets")
    assert repr(note) == "nothing to show: no targets" and "<em>" in note._repr_html_()


# ----------------------------------------------------------------- both notebooks


@pytest.mark.slow
def test_notebooks_05_and_06_run_on_a_corpus_without_targets_or_a_second_era(make_corpus,
                                                                            tmp_path):
    rows = [{"doc_id": "hz_2012", "file": "hz_2012.txt", "city": "杭州市", "year": "2021"},
            {"doc_id": "hz_2021", "file": "hz_2021.txt", "city": "杭州市", "year": "2021"},
            {"doc_id": "nb_2022", "file": "nb_2022.txt", "city": "宁波市", "year": "2022"}]
    raw = make_corpus(OWN, rows=rows)
    runs = report.run_notebooks(["05", "06"], out=tmp_path / "out", html=False,
                                parameters={"raw_dir": str(raw)})
    for run in runs:
        nb = nbformat.read(run.ipynb, as_version=4)
        _check_clean(nb, run.source.stem)
        text = "".join(o.get("data", {}).get("text/plain", "") for o in _outputs(nb))
        assert "nb_2022" in text and "built in memory" in text
        if run.source.stem == "06_targets":
            assert "nothing to show: no indicator has a target" in text
            assert "nothing to show: no document states a quantitative target" in text
