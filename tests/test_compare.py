from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from analysis.stats.compare import (
    clause_topics,
    cluster_documents,
    document_map,
    keyness,
    keyness_by,
    similarity,
)


def token_frame(docs: dict[str, list[str]]) -> pd.DataFrame:
    """A literal token table: every token a kept Han word, offsets two characters apart."""
    rows = []
    for doc, toks in docs.items():
        for i, t in enumerate(toks):
            rows.append({"doc_id": doc, "position": i, "start": 2 * i, "end": 2 * i + len(t),
                         "token": t, "kind": "han", "is_function_word": False,
                         "is_policy_word": False, "keep": True})
    return pd.DataFrame(rows)


META = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"],
                     "city": ["甲市", "乙市", "甲市"]})
TOKS = token_frame({
    "a": ["人才"] * 6 + ["平台"] * 2 + ["金融"] * 2,
    "b": ["人才"] * 1 + ["平台"] * 5 + ["金融"] * 4,
    "c": ["人才"] * 1 + ["平台"] * 6 + ["金融"] * 3,
})


# --------------------------------------------------------------------------- keyness
def test_keyness_literal_counts_and_log_ratio():
    k = keyness(TOKS, target="2010s", by="era", documents=META, min_count=1).set_index("term")
    assert k.loc["人才", "count_target"] == 6 and k.loc["人才", "count_reference"] == 2
    assert k.loc["人才", "total_target"] == 10 and k.loc["人才", "total_reference"] == 20
    # log2((6/10) / (2/20)) = log2(6)
    assert k.loc["人才", "log_ratio"] == pytest.approx(np.log2(6))
    assert k.loc["人才", "direction"] == "over" and k.loc["平台", "direction"] == "under"
    assert k.loc["人才", "doc_id"] == "a"
    assert k.index[0] == "人才"  # strongest over-use first


@pytest.mark.parametrize("correction", [None, "yates"])
def test_keyness_matches_scipy_chi2_contingency(tokens, corpus, correction):
    k = keyness(tokens, target="2010s", by="era", documents=corpus, correction=correction,
                min_count=1)
    assert len(k) > 1000
    sample = k.iloc[np.linspace(0, len(k) - 1, 150).astype(int)]
    for r in sample.itertuples():
        table = [[r.count_target, r.count_reference],
                 [r.total_target - r.count_target, r.total_reference - r.count_reference]]
        yates = correction == "yates"
        chi2, _, _, expected = chi2_contingency(table, correction=yates)
        g2 = chi2_contingency(table, correction=yates, lambda_="log-likelihood")[0]
        assert r.chi2 == pytest.approx(chi2, rel=1e-7, abs=1e-9)
        assert r.g2 == pytest.approx(g2, rel=1e-7, abs=1e-9)
        assert r.expected_target == pytest.approx(expected[0][0], abs=1e-6)
        g2_p = chi2_contingency(table, correction=yates, lambda_="log-likelihood")[1]
        assert r.p_value == pytest.approx(g2_p, rel=1e-6, abs=1e-12)


def test_williams_correction_divides_g2_by_q():
    plain = keyness(TOKS, target="a", min_count=1).set_index("term")
    will = keyness(TOKS, target="a", correction="williams", min_count=1).set_index("term")
    n, r1, r2, c1, c2 = 30, 8, 22, 10, 20  # 人才: row totals 8 / 22, columns 10 / 20
    q = 1 + (n / r1 + n / r2 - 1) * (n / c1 + n / c2 - 1) / (6 * n)
    assert will.loc["人才", "g2"] == pytest.approx(plain.loc["人才", "g2"] / q)
    assert will.loc["人才", "chi2"] == pytest.approx(plain.loc["人才", "chi2"])


def test_keyness_groups_by_metadata_or_doc_ids(tokens, corpus):
    by_era = keyness(corpus, target="2010s", by="era")
    by_doc = keyness(tokens, target=["tonghua_2012"])
    assert by_era["term"].tolist() == by_doc["term"].tolist()
    np.testing.assert_allclose(by_era["g2"], by_doc["g2"])
    assert set(by_era["doc_id"]) == {"tonghua_2012"}
    top = by_era.loc[by_era["direction"] == "over", "term"].head(5).tolist()
    assert "创新型" in top  # the 2012 plan speaks of 创新型城市/创新型企业


def test_keyness_by_era_mirrors(corpus):
    k = keyness_by(corpus, by="era")
    a = k[k["target"] == "2010s"].set_index("term")
    b = k[k["target"] == "2020s"].set_index("term")
    assert set(a.index) == set(b.index)
    np.testing.assert_allclose(a["g2"], b.loc[a.index, "g2"])
    assert (a["direction"] != b.loc[a.index, "direction"]).all()
    assert b["doc_id"].iloc[0] == "chifeng_2023+xinji_2022+yinchuan_2022+jiayuguan_2020"


def test_keyness_min_count_and_reference():
    k = keyness(TOKS, target="a", reference="b", min_count=7)
    assert k["term"].tolist() == ["人才", "平台"]  # 金融: 2 + 4 < 7
    assert k["total_reference"].iloc[0] == 10 and k["reference"].iloc[0] == "b"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"target": "2030s", "by": "era"}, "matches no document"),
    ({"target": "2010s", "by": "region"}, "not a metadata column"),
    ({"target": "a", "reference": "a"}, "both target and reference"),
    ({"target": ["a", "b", "c"]}, "reference is empty"),
    ({"target": "a", "measure": "t"}, "measure="),
])
def test_keyness_errors(kwargs, message):
    docs = None if kwargs.get("by") is None else META
    with pytest.raises(ValueError, match=message):
        keyness(TOKS, documents=docs, **kwargs)


def test_keyness_by_metadata_needs_documents():
    with pytest.raises(ValueError, match="needs the document metadata"):
        keyness(TOKS, target="2010s", by="era")


# --------------------------------------------------------------------------- similarity
def test_similarity_is_a_full_symmetric_matrix(tokens):
    from sklearn.metrics.pairwise import cosine_similarity

    from analysis import tfidf_matrix

    s = similarity(tokens)
    cos = s.pivot(index="doc_id", columns="doc_b", values="cosine")
    ids = list(dict.fromkeys(s["doc_id"]))
    cos = cos.loc[ids, ids].to_numpy()
    np.testing.assert_allclose(cos, cos.T)
    np.testing.assert_allclose(np.diag(cos), 1.0)
    w = tfidf_matrix(tokens)
    np.testing.assert_allclose(cos, cosine_similarity(w.to_numpy()), atol=1e-8)


def test_jaccard_counts_shared_terms():
    s = similarity(TOKS).set_index(["doc_id", "doc_b"])
    assert s.loc[("a", "b"), "jaccard"] == 1.0 and s.loc[("a", "b"), "shared_terms"] == 3
    s2 = similarity(token_frame({"x": ["人才", "平台"], "y": ["平台", "金融", "税收"]}))
    assert s2.set_index(["doc_id", "doc_b"]).loc[("x", "y"), "jaccard"] == pytest.approx(1 / 4)


def _sim_table(ids, m):
    rows = [{"doc_id": a, "doc_b": b, "cosine": m[i][j]}
            for i, a in enumerate(ids) for j, b in enumerate(ids)]
    return pd.DataFrame(rows)


def test_classical_mds_reproduces_a_triangle():
    # distances 0.3, 0.4, 0.5 (a right triangle): two dimensions reproduce them exactly
    s = _sim_table(["p", "q", "r"], [[1, 0.7, 0.6], [0.7, 1, 0.5], [0.6, 0.5, 1]])
    m = document_map(s).set_index("doc_id")
    d = lambda a, b: float(np.hypot(*(m.loc[a, ["x", "y"]] - m.loc[b, ["x", "y"]])))  # noqa: E731
    assert d("p", "q") == pytest.approx(0.3) and d("p", "r") == pytest.approx(0.4)
    assert d("q", "r") == pytest.approx(0.5)


def test_clusters_merge_closest_first(tokens):
    s = similarity(tokens)
    tree = cluster_documents(s)
    assert len(tree) == 4 and tree["size"].iloc[-1] == 5
    assert tree["distance"].is_monotonic_increasing
    first = {tree["left_doc"].iloc[0], tree["right_doc"].iloc[0]}
    off = s[s["doc_id"] != s["doc_b"]]
    best = off.sort_values("cosine").iloc[-1]
    assert first == {best["doc_id"], best["doc_b"]}
    m = document_map(s, n_clusters=2)
    assert sorted(m["leaf_order"]) == [0, 1, 2, 3, 4] and m["cluster"].nunique() == 2


def test_document_map_rejects_partial_tables():
    s = _sim_table(["p", "q", "r"], [[1, 0.7, 0.6], [0.7, 1, 0.5], [0.6, 0.5, 1]])
    with pytest.raises(ValueError, match="not a full matrix"):
        document_map(s.iloc[:-1])


# --------------------------------------------------------------------------- topics
@pytest.fixture(scope="module")
def clauses(corpus):
    from analysis.structure import clause_table

    return clause_table(corpus)


def test_topics_are_deterministic_and_shares_sum_to_one(tokens, clauses):
    a = clause_topics(tokens, clauses=clauses, n_topics=6)
    b = clause_topics(tokens, clauses=clauses, n_topics=6)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    assert sorted(a.terms["topic"].unique()) == [1, 2, 3, 4, 5, 6]
    sums = a.documents.groupby("doc_id")["share"].sum()
    np.testing.assert_allclose(sums, 1.0, atol=1e-6)
    per_clause = a.clauses.groupby("clause_id")["share"].sum()
    np.testing.assert_allclose(per_clause, 1.0, atol=1e-6)
    assert (a.clauses.groupby("clause_id")["dominant"].sum() == 1).all()
    # the responsible-unit cells (agency lists) are not modelled as policy content
    assert not a.clauses["clause_id"].str.endswith(("牵头单位", "配合单位")).any()


def test_topic_weight_of_a_clause_reflects_its_words(tokens, clauses):
    tm = clause_topics(tokens, clauses=clauses, n_topics=8)
    fin = tm.terms[tm.terms["term"] == "融资"]
    assert len(fin), "融资 (financing) is among some topic's top terms"
    topic = int(fin.sort_values("weight").iloc[-1]["topic"])
    dom = tm.clauses[tm.clauses["dominant"] & (tm.clauses["topic"] == topic)]
    text = clauses.set_index("clause_id").loc[dom["clause_id"], "text"]
    finance = "融资|金融|资本"
    base_rate = clauses["text"].str.contains(finance).mean()
    # the clauses this topic dominates talk about finance far more often than clauses do
    # in general (about 0.5 against a base rate of about 0.1 on the default corpus)
    assert text.str.contains(finance).mean() > 3 * base_rate


def test_topics_error_messages(tokens, clauses):
    with pytest.raises(ValueError, match="pass clauses="):
        clause_topics(tokens)
    with pytest.raises(ValueError, match="fewer than n_topics"):
        clause_topics(tokens, clauses=clauses.head(3), n_topics=5)


# --------------------------------------------------------------------------- figures
def test_compare_figures_draw_chinese_without_missing_glyphs(corpus, tokens, clauses, tmp_path):
    from analysis.plots import compare as cp
    from analysis.plots import save_figure
    from analysis.plots.labels import document_labels

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


# --------------------------------------------------------------------------- build
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


def test_assign_units_fast_search_equals_per_document_search(tokens, corpus):
    """Tokens are put in clauses by one vectorised search over all documents; a per-document
    search (used when two clauses start at the same offset, or doc_id is not Arrow-backed)
    must place every token in the same clause."""
    from analysis.stats.compare import _assign_units
    from analysis.structure import clause_table

    units = clause_table(corpus)[["doc_id", "char_start", "char_end"]]
    fast = _assign_units(tokens, units)
    slow = _assign_units(tokens.assign(doc_id=tokens["doc_id"].astype(object)),
                         pd.concat([units, units.iloc[[0]]]))  # a shared start: fallback
    assert (fast >= 0).mean() > 0.95
    np.testing.assert_array_equal(fast, slow)  # the repeated clause keeps its index label
    # and by definition: the clause of the token's document that covers its start
    for i in np.random.default_rng(0).choice(len(tokens), 300, replace=False):
        t = tokens.iloc[i]
        hit = units[(units["doc_id"] == t["doc_id"]) & (units["char_start"] <= t["start"])
                    & (t["start"] < units["char_end"])]
        assert fast[i] == (hit.index[0] if len(hit) else -1)


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


def test_empty_similarity_figure_says_why(tokens):
    from analysis.plots.compare import plot_similarity

    fig = plot_similarity(similarity(tokens.iloc[:0]), english=True)
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "similarity_max_docs" in texts


def test_topics_ignore_missing_tokens(tokens, clauses):
    """A token table from elsewhere may have missing tokens: they are not terms (the model
    is the one without those rows), rather than a crash."""
    rows = tokens.index[tokens["keep"]][::50]
    holed = tokens.copy()
    holed.loc[rows, "token"] = None
    a = clause_topics(holed, clauses=clauses, n_topics=6)
    b = clause_topics(tokens.drop(index=rows), clauses=clauses, n_topics=6)
    for part in ("terms", "clauses", "documents"):
        pd.testing.assert_frame_equal(getattr(a, part), getattr(b, part))
