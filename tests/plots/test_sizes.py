"""Figures on a large corpus keep to a readable size: a 200-document table never makes an
image wider than about a page or taller than a few pages at a notebook's resolution."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.plots import MAX_FIGURE_HEIGHT, MAX_FIGURE_WIDTH, new_figure
from analysis.plots import compare as cp
from analysis.plots import frequency as fp

NOTEBOOK_DPI = 110
N_DOCS = 200


def _docs() -> pd.DataFrame:
    ids = [f"d{i:03d}" for i in range(N_DOCS)]
    return pd.DataFrame({"doc_id": ids, "year": 2010 + np.arange(N_DOCS) % 15,
                         "era": np.where(np.arange(N_DOCS) % 15 < 8, "2010s", "2020s"),
                         "n_words": np.arange(N_DOCS) + 100})


def _pixels(fig) -> tuple[float, float]:
    w, h = fig.get_size_inches()
    return w * NOTEBOOK_DPI, h * NOTEBOOK_DPI


def test_new_figure_caps_a_size_computed_from_counts():
    fig, _ = new_figure(width=0.9 * N_DOCS, height=0.3 * N_DOCS)
    assert tuple(fig.get_size_inches()) == (MAX_FIGURE_WIDTH, MAX_FIGURE_HEIGHT)


def test_keyword_heatmap_of_200_documents_keeps_to_the_size_rule():
    docs = _docs()
    kw = pd.DataFrame([(d, t, 1, float(i % 7)) for i, d in enumerate(docs["doc_id"])
                       for t in ("人才", "平台")], columns=["doc_id", "term", "count", "per_10k"])
    fig = fp.plot_keyword_heatmap(kw, docs, by="doc_id")
    w, h = _pixels(fig)
    assert w <= 3000 and h <= 6000


def test_similarity_heatmap_of_200_documents_keeps_to_the_size_rule():
    docs = _docs()
    ids = docs["doc_id"].tolist()[:60]
    sim = pd.DataFrame([(a, b, 1.0 if a == b else 0.5, 0.3) for a in ids for b in ids],
                       columns=["doc_id", "doc_b", "cosine", "jaccard"])
    fig = cp.plot_similarity(sim, docs)
    w, h = _pixels(fig)
    assert w <= 3000 and h <= 6000


def test_top_words_used_by_many_document_counts_draws_without_collapsed_axes():
    top = pd.DataFrame({"term": [f"词{i}" for i in range(30)], "count": range(300, 270, -1),
                        "per_10k": np.linspace(90, 20, 30), "n_docs": range(180, 150, -1)})
    fig = fp.plot_top_words(top, n=30)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "axes sizes collapsed to zero" fails the test
        fig.canvas.draw()
    assert len(fig.axes[0].get_legend().get_texts()) <= 5


@pytest.mark.parametrize("n", [3, 5])
def test_top_words_legend_lists_each_count_on_a_small_corpus(n):
    top = pd.DataFrame({"term": [f"词{i}" for i in range(n)], "count": range(10, 10 - n, -1),
                        "per_10k": np.linspace(90, 20, n), "n_docs": range(1, n + 1)})
    texts = [t.get_text() for t in fp.plot_top_words(top).axes[0].get_legend().get_texts()]
    assert texts == [f"{k}份" for k in range(1, n + 1)]


def test_document_matrices_show_at_most_forty_documents_and_say_so():
    ids = _docs()["doc_id"].tolist()[:60]
    sim = pd.DataFrame([(a, b, 1.0 if a == b else 0.5, 0.3) for a in ids for b in ids],
                       columns=["doc_id", "doc_b", "cosine", "jaccard"])
    ax = cp.plot_similarity(sim, english=True).axes[0]
    assert len(ax.get_xticks()) == cp.MAX_MATRIX_DOCS
    assert ax.get_title().endswith("(first 40 of 60 documents)")
    pairs = sim.loc[sim["doc_id"] != sim["doc_b"]].assign(share=0.1, n_passages=1)
    assert len(cp.plot_reuse(pairs).axes[0].get_yticks()) == cp.MAX_MATRIX_DOCS
