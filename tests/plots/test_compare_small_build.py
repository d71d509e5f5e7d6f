"""The comparison figures (analysis.plots.compare) on the small build's tables."""

from __future__ import annotations

import warnings

from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.plots import compare as cp


def _ticks(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def test_comparison_figures_name_documents_by_city_and_year(small_tables):
    t, docs = small_tables, small_tables["documents"]
    names = {"杭州市 2012", "杭州市 2021", "宁波市 2022"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figs = {
            "similarity": cp.plot_similarity(t["similarity"], docs),
            "dendrogram": cp.plot_dendrogram(t["clusters"], docs),
            "shares": cp.plot_topic_shares(t["topics"], docs),
            "reuse": cp.plot_reuse(t["reuse_pairs"], docs),
        }
        for fig in figs.values():
            FigureCanvasAgg(fig).draw()
    for name, fig in figs.items():
        assert set(_ticks(fig.axes[0])) == names, name
    mapped = cp.plot_similarity(t["similarity"], {"hz_2012": "杭州 (旧)"})
    assert "杭州 (旧)" in _ticks(mapped.axes[0]) and "nb_2022" in _ticks(mapped.axes[0])
    english = cp.plot_document_map(t["doc_map"], docs, english=True)
    assert {a.get_text() for a in english.axes[0].texts} == {
        "Hangzhou 2012", "Hangzhou 2021", "Ningbo 2022"}


def test_keyness_of_two_eras_names_the_other_era(small_tables):
    fig = cp.plot_keyness(small_tables["keyness_era"], target="2020s", n=5)
    assert fig._suptitle.get_text() == "关键词对比:2020s 与 2010s"
    assert [ax.get_title() for ax in fig.axes] == ["2010s更常用", "2020s更常用"]
    missing = cp.plot_keyness(small_tables["keyness_era"], target="1990s", english=True)
    (text,) = [x.get_text() for x in missing.axes[0].texts]
    assert "no comparison for 1990s" in text and "2010s, 2020s" in text


def test_topics_show_their_terms(small_tables):
    fig = cp.plot_topics(small_tables["topics"], n=3, english=True)
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in shown] == [
        f"Topic {k}" for k in sorted(set(small_tables["topics"]["topic"]))]
    assert all(1 <= len(ax.get_yticklabels()) <= 3 for ax in shown)


def test_a_network_for_a_document_not_in_the_tables_names_the_documents(small_tables):
    t = small_tables
    fig = cp.plot_network(t["cooccurrence"], t["network_nodes"], doc_id="nowhere",
                          english=True)
    (text,) = [x.get_text() for ax in fig.axes for x in ax.texts]
    assert "nowhere" in text and "hz_2012, hz_2021, nb_2022" in text


def test_one_network_per_document(small_tables):
    t = small_tables
    fig = cp.plot_network(t["cooccurrence"], t["network_nodes"], doc_id="nb_2022")
    labels = [x.get_text() for x in fig.axes[0].texts]
    assert labels and set(labels) <= set(t["network_nodes"].query("doc_id == 'nb_2022'")["term"])
