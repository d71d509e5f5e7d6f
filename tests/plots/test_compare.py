"""analysis.plots.compare: the figures of keyness, similarity, topics, networks and text
reuse, drawn from the statistics' own tables."""

from __future__ import annotations

import warnings

import pytest

from analysis.plots.labels import document_labels
from analysis.stats import (
    clause_topics,
    cluster_documents,
    cooccurrence,
    cooccurrence_graph,
    document_map,
    keyness,
    keyness_by,
    network_nodes,
    similarity,
)
from analysis.structure import clause_table
from analysis.textreuse import reuse, reuse_pairs, task_copy_ratio


@pytest.fixture(scope="module")
def clauses(corpus):
    return clause_table(corpus)


def test_compare_figures_draw_chinese_without_missing_glyphs(corpus, tokens, clauses, tmp_path):
    from analysis.plots import compare as cp
    from analysis.plots import save_figure

    labels = document_labels(corpus)
    s = similarity(tokens)
    tm = clause_topics(tokens, clauses=clauses, n_topics=4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figs = {
            "keyness": cp.plot_keyness(keyness(corpus, target="2010s", by="era")),
            "similarity": cp.plot_similarity(s, corpus.documents),
            "dendrogram": cp.plot_dendrogram(cluster_documents(s), labels),
            "map": cp.plot_document_map(document_map(s), corpus, english=True),
            "topics": cp.plot_topics(tm.terms, english=True),
            "shares": cp.plot_topic_shares(tm.documents, corpus.documents),
        }
        for name, fig in figs.items():
            save_figure(fig, tmp_path / name, formats=("png",), dpi=50)
    ticks = [t.get_text() for t in figs["keyness"].axes[1].get_yticklabels()]
    assert "创新型" in ticks
    assert figs["similarity"].axes[0].get_xticklabels()[0].get_text() == "赤峰市 2023"


def test_keyness_figure_needs_one_comparison(corpus):
    from analysis.plots.compare import plot_keyness

    with pytest.raises(ValueError, match="choose one with target="):
        plot_keyness(keyness_by(corpus, by="era"))


def test_empty_similarity_figure_says_why(tokens):
    from analysis.plots.compare import plot_similarity

    fig = plot_similarity(similarity(tokens.iloc[:0]), english=True)
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "similarity_max_docs" in texts



def test_network_figure_labels_do_not_overlap(tokens, clauses):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.plots.compare import plot_network

    e = cooccurrence(tokens, clauses=clauses, top_n=80, min_count=4)
    g = cooccurrence_graph(e)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_network(e, network_nodes(g))
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    ax = fig.axes[0]
    renderer = canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    # max_nodes=60 most connected words, less those left without a link among them
    nodes = network_nodes(g).sort_values(["degree", "count", "term"],
                                         ascending=[False, False, True])
    kept = set(nodes.head(60)["term"])
    linked = {t for a, b in g.edges if a in kept and b in kept for t in (a, b)}
    assert len(boxes) == len(linked) and 50 <= len(linked) <= 60
    overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert overlaps == 0



def test_reuse_figures(corpus, tmp_path):
    from analysis.plots import compare as cp
    from analysis.plots import save_figure

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f1 = cp.plot_reuse(reuse_pairs(reuse(corpus), corpus), corpus)
        f2 = cp.plot_copy_ratio(task_copy_ratio(corpus), english=True)
        save_figure(f1, tmp_path / "reuse", formats=("png",), dpi=50)
        save_figure(f2, tmp_path / "copy", formats=("png",), dpi=50)
    ticks = [t.get_text() for t in f2.axes[0].get_xticklabels()]
    assert ticks[0] == "(三)" and ticks[-1] == "(二十)"



def test_reuse_heatmap_of_only_the_pairs_that_share_text_shows_zeros():
    import pandas as pd

    from analysis.plots import compare as cp

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["甲" * 10, "乙" * 20, "丙" * 5]})
    passages = pd.DataFrame({"doc_a": ["a"], "start_a": [0], "end_a": [5], "doc_b": ["b"],
                             "start_b": [0], "end_b": [5], "score": [10]})
    passages = pd.concat([passages, passages.assign(doc_a="c", doc_b="a")], ignore_index=True)
    fig = cp.plot_reuse(reuse_pairs(passages, docs, every_pair=False), docs)
    cells = sorted(t.get_text() for t in fig.axes[0].texts if "%" in t.get_text())
    # 3 documents in some pair: 6 off-diagonal cells; b and c share nothing: 0.0% both ways
    assert len(cells) == 6
    assert sum(c.startswith("0.0%") for c in cells) == 2


def test_reuse_heatmap_of_many_documents_fits_a_page_and_keeps_the_most_reused():
    import pandas as pd

    from analysis.plots import compare as cp

    ids = [f"d{i:02d}" for i in range(60)]
    docs = pd.DataFrame({"doc_id": ids, "text": ["文" * 100] * 60})
    # d00 shares with every other document; the rest share nothing else
    passages = pd.DataFrame({"doc_a": "d00", "start_a": 0, "end_a": 10, "doc_b": ids[1:],
                             "start_b": range(1, 60), "end_b": range(11, 70), "score": 9})
    fig = cp.plot_reuse(reuse_pairs(passages, docs, every_pair=False), docs)
    width, height = fig.get_size_inches()
    assert width <= 11.7 and height <= 11.7
    shown = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(shown) == cp.MAX_MATRIX_DOCS and shown[0] == "d00"
