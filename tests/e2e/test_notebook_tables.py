"""What the notebooks show on the default corpus: one instrument cell and its evidence,
agreement per coding set, era tables, target counts and lists, targets per era, the agency
network, keyword-in-context and dispersion from the build's tables, the copy ratio."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import analysis as pl
from analysis.plots import structure as sp
from analysis.plots import themes as theme_plots
from analysis.plots.targets import plot_target_comparison
from analysis.report import Tables

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tables(built):
    return Tables(built.out_dir)


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + \
        [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]


# ----------------------------------------------------------------- instruments (05)


def test_instrument_cell_picks_where_the_instrument_weighs_most(tables):
    cell = pl.instrument_cell(tables["instrument_counts"], instrument="Strategic measures")
    assert cell[["doc_id", "instrument", "clauses", "n_clauses"]].iloc[0].tolist() == [
        "yinchuan_2022", "策略性措施", 20, 26]
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
    assert kappa[("all", "supply")] == 0.89 and kappa[("all", "environment")] == 0.56
    assert kappa[("held-out", "supply")] == 1.0 and kappa[("held-out", "environment")] == 0.45
    held = t.loc[t["set"] == "held-out"]
    assert (held["n"] == 30).all() and round(held["micro_kappa"].iloc[0], 2) == 0.80
    own = pl.read_coding_sheet("coding/hand_coded_instruments.csv").drop(columns=["set"])
    assert set(pl.agreement_by_set(own.head(10))["set"]) == {"all"}


def test_build_writes_instrument_types_per_era(tables):
    era = tables["instrument_types_era"]
    assert sorted(set(era["era"])) == ["2010s", "2020s"]
    tonghua = tables["instrument_types"].query("doc_id == 'tonghua_2012'")
    assert era.query("era == '2010s'")["codes"].tolist() == tonghua["codes"].tolist()
    assert era.query("era == '2020s'")["doc_id"].iloc[0].count(";") == 3


def test_instrument_figures_by_era(tables):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bars = theme_plots.plot_instrument_types(tables["instrument_types_era"], by="era")
        heat = theme_plots.plot_instrument_heatmap(tables["instrument_era"], by="era",
                                                   english=True)
    assert "2010s (1 份文件)" in _texts(bars) and "2020s (4 份文件)" in _texts(bars)
    assert "2020s\n(4 documents)" in _texts(heat)


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
    fig = plot_target_comparison(tables["target_comparison"], tables["documents"],
                                 english=True)
    panel = next(ax for ax in fig.axes if ax.get_title() == "High-tech enterprises")
    labels = [t.get_text() for t in panel.texts]
    assert "30户" in labels and "≥160家" in labels  # Tonghua counts in 户, the others in 家
    rd = next(ax for ax in fig.axes if ax.get_title() == "R&D intensity (R&D / GDP)")
    assert "≈2%" in [t.get_text() for t in rd.texts]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Chifeng 2023" in legend and "Tonghua 2012" in legend


# ----------------------------------------------------------------- networks (08)


def test_agency_network_puts_the_main_lead_unit_first_and_keeps_labels_apart(tables):
    edges, agencies, docs = tables["agency_edges"], tables["agencies"], tables["documents"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = sp.plot_agency_network(edges, agencies, docs)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    ax = fig.axes[0]
    lc = edges.loc[edges["relation"] == "lead-cooperate"]
    n_left, n_right = lc["source"].nunique(), lc["target"].nunique()
    labels = ax.texts[:n_left + n_right]
    # lead units by the measures they lead with cooperators, S&T Bureau first (15 led)
    assert labels[0].get_text() == "市科技局 (15)"
    assert labels[n_left].get_text() == "市教育局 (11)"  # the most frequent cooperator
    assert "嘉峪关市 2020" in ax.get_title()
    # one curve per lead -> cooperate pair
    assert len(ax.patches) == len(lc)
    renderer = canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    en = sp.plot_agency_network(edges, agencies, docs, english=True)
    assert en.axes[0].texts[0].get_text() == "S&T Bureau (15)"


def test_agency_network_min_weight_and_a_document_without_a_task_table(tables):
    edges = tables["agency_edges"]
    strong = sp.plot_agency_network(edges, min_weight=5)
    assert len(strong.axes[0].patches) == int(
        ((edges["relation"] == "lead-cooperate") & (edges["weight"] >= 5)).sum())
    wrong = sp.plot_agency_network(edges, doc_id="xinji_2022", english=True).axes[0].texts
    assert "xinji_2022 has no task table" in wrong[0].get_text()
    assert "jiayuguan_2020" in wrong[0].get_text()


# ----------------------------------------------------------------- evidence (07, 09)


def test_kwic_and_dispersion_read_the_build_documents_table(tables, corpus):
    docs, clauses = tables["documents"], tables["clauses"]
    from_table = pl.kwic(docs, "科技特派员", clauses=clauses)
    pd.testing.assert_frame_equal(from_table, pl.kwic(corpus, "科技特派员"))
    assert from_table.groupby("doc_id", sort=False).size().to_dict() == {
        "xinji_2022": 4, "yinchuan_2022": 7, "jiayuguan_2020": 7}
    orig = pl.kwic(docs, "创新", docs=["tonghua_2012"], original=True, clauses=clauses)
    assert len(orig) > 50 and set(orig["match"]) == {"創新"}
    spread = tables["dispersion"]  # the catalog's view: DISPERSION_TERMS
    counts = spread.groupby("term", observed=False).size().to_dict()
    assert counts == {"人才": 202, "科技金融": 18, "平台": 122, "科技特派员": 18}
    assert list(spread["doc_id"].cat.categories) == list(docs["doc_id"])
    with pytest.raises(ValueError, match=r"documents\.parquet"):
        pl.kwic(docs.drop(columns=["text_orig"]), "创新")


def test_copy_ratio_summary_of_jiayuguan(tables):
    s = tables["copy_ratio_summary"]
    row = s.iloc[0]
    assert (row["doc_id"], row["n_tasks"], row["n_measures"]) == ("jiayuguan_2020", 18, 54)
    assert 0.55 < row["copy_ratio"] < 0.7  # about 62% of the characters restate the province
    assert row["n_verbatim"] >= 15 and row["n_none"] >= 5
    assert len(pl.copy_ratio_summary(tables["copy_ratio"].iloc[:0])) == 0
    with pytest.raises(ValueError, match="task_copy_ratio"):
        pl.copy_ratio_summary(pd.DataFrame({"doc_id": ["a"]}))
