"""End to end: the build's comparison, topic and network tables, and ``policy-lens keyness``."""

from __future__ import annotations

import pandas as pd
import pytest

pytestmark = pytest.mark.slow


def test_build_writes_comparison_tables(built):
    for name in ("similarity", "keyness_era", "keyness_city", "topics", "topic_clauses",
                 "doc_map", "clusters"):
        df = pd.read_parquet(built.out_dir / f"{name}.parquet")
        assert "doc_id" in df.columns and len(df), name
    k = pd.read_parquet(built.out_dir / "keyness_city.parquet")
    assert sorted(k["target"].unique()) == sorted(["赤峰市", "辛集市", "通化市", "银川市",
                                                   "嘉峪关市"])
    assert set(k["doc_id"]) <= set(built.tables["documents"]["doc_id"])


def test_build_leaves_pairwise_similarity_out_above_the_limit_and_says_so(tmp_path):
    """The similarity table has a row per pair of documents (the map and clustering grow
    faster still): above similarity_max_docs the build writes these three tables empty,
    with their columns, warns what to do, and still computes keyness and topics."""
    from analysis import build
    from analysis.errors import ScaleWarning
    from analysis.pipeline import BuildOptions
    from tests.conftest import RAW

    stages = [("compare", "analysis.pipeline.stages:compare_stage")]
    full = build(RAW, write=False, stages=stages).tables
    with pytest.warns(ScaleWarning, match="5 documents exceed similarity_max_docs=4"):
        capped = build(RAW, tmp_path / "out", cache_dir=False, stages=stages,
                       options=BuildOptions(similarity_max_docs=4)).tables
    for name in ("similarity", "doc_map", "clusters"):
        assert len(full[name]) and capped[name].empty, name
        saved = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert saved.empty and list(saved.columns) == list(full[name].columns), name
    for name in ("keyness_era", "keyness_city", "topics"):
        pd.testing.assert_frame_equal(capped[name], full[name])
    assert len(build(RAW, write=False, stages=stages,
                     options=BuildOptions(similarity_max_docs=5)).tables["similarity"]) == 25


def test_build_keeps_each_documents_most_similar_and_maps_every_pair():
    """similarity_top_k bounds the similarity table by n * (k + 1) rows; the map and the
    tree are still made from every pair, so they are the full table's."""
    from analysis import build
    from analysis.pipeline import BuildOptions
    from tests.conftest import RAW

    stages = [("compare", "analysis.pipeline.stages:compare_stage")]
    full = build(RAW, write=False, stages=stages).tables
    top = build(RAW, write=False, stages=stages,
                options=BuildOptions(similarity_top_k=2)).tables
    assert len(full["similarity"]) == 25 and len(top["similarity"]) == 5 * 3
    assert top["similarity"].groupby("doc_id").size().eq(3).all()
    for name in ("doc_map", "clusters"):
        pd.testing.assert_frame_equal(top[name], full[name])


def test_keyness_command_line(capsys, tmp_path):
    from analysis.cli import main
    from tests.conftest import RAW

    out = tmp_path / "k.csv"
    assert main(["keyness", "2010s", "--by", "era", "-n", "3", "--raw", str(RAW),
                 "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "era: 2010s vs rest" in text and "创新型" in text
    saved = pd.read_csv(out, encoding="utf-8-sig")
    assert {"term", "g2", "log_ratio", "p_value"} <= set(saved.columns)
    assert main(["keyness", "2030s", "--by", "era", "--raw", str(RAW)]) == 2
    assert "matches no document" in capsys.readouterr().err


def test_topic_figure_draws_from_the_build_table(built):
    from analysis.plots.compare import plot_topics

    topics = pd.read_parquet(built.out_dir / "topics.parquet")
    assert topics.groupby("topic")["label"].nunique().max() == 1
    first = topics.iloc[0]
    assert first["label"] == "、".join(list(first["top_terms"])[:4])
    fig = plot_topics(topics)
    n_topics = topics["topic"].nunique()
    assert len([ax for ax in fig.axes if ax.get_visible()]) == n_topics
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks[0] == first["top_terms"][0]  # the strongest term on top


def test_negative_limits_are_refused(capsys, tmp_path):
    from analysis.cli import main
    from analysis.pipeline import BuildOptions
    from tests.conftest import RAW

    with pytest.raises(ValueError, match="similarity_max_docs=-1: give None"):
        BuildOptions(similarity_max_docs=-1)
    for flag in ("--similarity-max-docs", "--reuse-max-docs", "--reuse-max-seeds"):
        assert main(["build", "--raw", str(RAW), "--out", str(tmp_path / "o"), flag, "-1"]) == 2
        err = capsys.readouterr().err
        assert f"{flag[2:].replace('-', '_')}=-1: give None" in err, err
    assert not (tmp_path / "o").exists()



def test_build_writes_per_document_networks(built, tmp_path):
    from analysis.plots.compare import plot_network

    edges = pd.read_parquet(built.out_dir / "cooccurrence.parquet")
    nodes = pd.read_parquet(built.out_dir / "network_nodes.parquet")
    assert edges.groupby("doc_id").size().max() <= 60
    assert set(nodes["doc_id"]) == set(edges["doc_id"])
    with pytest.raises(ValueError, match="choose one with doc_id="):
        plot_network(edges, nodes)
    fig = plot_network(edges, nodes, doc_id="xinji_2022")
    assert fig.axes[0].get_title().endswith("xinji_2022")

