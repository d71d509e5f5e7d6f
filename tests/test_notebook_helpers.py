"""What notebooks 07-09 rely on: the agency network figure, "nothing to show" figures for
empty tables, keyword-in-context and dispersion on the build's documents table, the copy
ratio summary, and build tables that exist (empty) for a corpus without them."""

from __future__ import annotations

import warnings

import nbformat
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import analysis as pl
from analysis.plots import compare as cp
from analysis.plots import structure as sp
from analysis.report import _monolith as report


@pytest.fixture(scope="module")
def tables(built):
    return pl.Tables(built.out_dir)


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


# ----------------------------------------------------------------- agency network


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


def test_agency_network_min_weight_and_empty_cases(tables):
    edges = tables["agency_edges"]
    strong = sp.plot_agency_network(edges, min_weight=5)
    assert len(strong.axes[0].patches) == int(
        ((edges["relation"] == "lead-cooperate") & (edges["weight"] >= 5)).sum())
    assert "没有任务分解表" in _texts(sp.plot_agency_network(edges.iloc[:0]))[0]
    wrong = _texts(sp.plot_agency_network(edges, doc_id="xinji_2022", english=True))[0]
    assert "xinji_2022 has no task table" in wrong and "jiayuguan_2020" in wrong


# ----------------------------------------------------------------- nothing to show

EMPTY_CASES = {
    "plot_copy_ratio": lambda t: cp.plot_copy_ratio(t["copy_ratio"].iloc[:0]),
    "plot_network": lambda t: cp.plot_network(t["cooccurrence"].iloc[:0],
                                              t["network_nodes"].iloc[:0]),
    "plot_topics": lambda t: cp.plot_topics(t["topics"].iloc[:0]),
    "plot_topic_shares": lambda t: cp.plot_topic_shares(t["topics"].iloc[:0]),
    "plot_dendrogram": lambda t: cp.plot_dendrogram(t["clusters"].iloc[:0]),
    "plot_document_map": lambda t: cp.plot_document_map(t["doc_map"].iloc[:1]),
    "plot_reuse": lambda t: cp.plot_reuse(t["reuse_pairs"].iloc[:0]),
    "plot_similarity": lambda t: cp.plot_similarity(t["similarity"].iloc[:0]),
    "plot_outline": lambda t: sp.plot_outline(t["outline"].iloc[:0]),
    "plot_agency_roles": lambda t: sp.plot_agency_roles(t["agencies"].iloc[:0]),
    "plot_dispersion": lambda t: sp.plot_dispersion(t["dispersion"].iloc[:0].assign(
        doc_id=lambda d: d["doc_id"].astype(str))),
}


@pytest.mark.parametrize("name", sorted(EMPTY_CASES))
def test_empty_tables_give_a_nothing_to_show_figure(tables, name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = EMPTY_CASES[name](tables)
        FigureCanvasAgg(fig).draw()
    (text,) = _texts(fig)
    assert text.startswith("无可绘制的内容") and fig.axes[0].get_title()


def test_a_network_for_a_document_not_in_the_tables_names_the_documents(tables):
    fig = cp.plot_network(tables["cooccurrence"], tables["network_nodes"], doc_id="nowhere",
                          english=True)
    (text,) = _texts(fig)
    assert "nowhere" in text and "xinji_2022" in text


# ----------------------------------------------------------------- evidence on tables


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


# ----------------------------------------------------------------- copy ratio, tables


def test_copy_ratio_summary_of_jiayuguan(tables):
    s = tables["copy_ratio_summary"]
    row = s.iloc[0]
    assert (row["doc_id"], row["n_tasks"], row["n_measures"]) == ("jiayuguan_2020", 18, 54)
    assert 0.55 < row["copy_ratio"] < 0.7  # about 62% of the characters restate the province
    assert row["n_verbatim"] >= 15 and row["n_none"] >= 5
    assert len(pl.copy_ratio_summary(tables["copy_ratio"].iloc[:0])) == 0
    with pytest.raises(ValueError, match="task_copy_ratio"):
        pl.copy_ratio_summary(pd.DataFrame({"doc_id": ["a"]}))


def test_table_or_note():
    note = pl.table_or_note(pd.DataFrame({"doc_id": []}), "No task table here.")
    assert str(note) == "nothing to show: no task table here"
    assert "no task table" in note._repr_markdown_()


def test_a_two_document_corpus_still_writes_every_table_of_notebook_07(make_corpus):
    raw = make_corpus({"a_2021": "一、总体要求\n(一)支持企业研发投入,建设科技创新平台。",
                       "b_2022": "一、重点任务\n(一)完善科技金融服务,推动科技成果转化。"})
    result = pl.build(raw, write=False)
    for name in ("doc_map", "clusters", "topics", "topic_clauses", "copy_ratio"):
        assert name in result.tables and result.tables[name].empty, name
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for spec in report.FIGURES:
            if spec.notebook.startswith(("07", "08", "09")) and spec.each is None:
                for _stem, fig in pl.draw_figure(spec, pl.Tables(frames=result.tables)):
                    FigureCanvasAgg(fig).draw()


# ----------------------------------------------------------------- own corpus


@pytest.mark.slow
def test_notebooks_07_to_09_run_on_an_own_corpus(make_corpus, tmp_path, monkeypatch):
    from tests.test_notebooks import OWN, _check_clean

    monkeypatch.setenv("POLICY_LENS_REPORTS", str(tmp_path / "reports"))
    rows = [{"doc_id": "hz_2012", "file": "hz_2012.txt", "city": "杭州市", "year": "2012"},
            {"doc_id": "hz_2021", "file": "hz_2021.txt", "city": "杭州市", "year": "2021"},
            {"doc_id": "nb_2022", "file": "nb_2022.txt", "city": "宁波市", "year": "2022"}]
    raw = make_corpus(OWN, rows=rows)
    runs = report.run_notebooks(["07", "08", "09"], out=tmp_path / "out",
                                parameters={"raw_dir": str(raw)}, html=False)
    text = {}
    for run in runs:
        nb = nbformat.read(run.ipynb, as_version=4)
        _check_clean(nb, run.source.stem)
        text[run.source.stem] = "".join(
            o.get("data", {}).get("text/plain", "") + o.get("text", "")
            for c in nb.cells for o in c.get("outputs", []))
    assert "nothing to show: no task table" in text["07_similarity_reuse"]
    assert "nothing to show: no task table" in text["08_networks"]
    assert "nothing to show: no |-flattened table" in text["09_clauses_and_evidence"]
    assert (tmp_path / "reports" / "networks" / "cooccurrence_corpus.gexf").is_file()
