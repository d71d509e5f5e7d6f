"""Keyword in context (a search, or the hits of the engine) and lexical dispersion."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.cli import main
from analysis.lexicon import (
    KWIC_COLUMNS,
    compile_pattern,
    dispersion,
    kwic,
    kwic_rows,
    original_texts,
)
from analysis.structure import clause_table
from tests.conftest import DOC_IDS


@pytest.fixture(scope="module")
def clauses(corpus):
    return clause_table(corpus)


def test_kwic_finds_the_term_in_every_document_that_uses_it(corpus, clauses):
    hits = kwic(corpus, "科技特派员", clauses=clauses)
    assert tuple(hits.columns) == KWIC_COLUMNS
    users = [d for d in DOC_IDS if "科技特派员" in corpus.text(d)]
    assert users == ["xinji_2022", "yinchuan_2022", "jiayuguan_2020"]
    assert list(dict.fromkeys(hits["doc_id"])) == users
    assert hits.groupby("doc_id", sort=False).size().to_dict() == {
        "xinji_2022": 4, "yinchuan_2022": 7, "jiayuguan_2020": 7}
    assert (hits["match"] == "科技特派员").all()


def test_kwic_is_sorted_and_offsets_are_right(corpus, clauses):
    hits = kwic(corpus, "人才", window=5, clauses=clauses)
    order = {d: i for i, d in enumerate(DOC_IDS)}
    keys = list(zip(hits["doc_id"].map(order), hits["char_start"], strict=True))
    assert keys == sorted(keys)
    for r in hits.itertuples():
        text = corpus.text(r.doc_id)
        assert text[r.char_start:r.char_end] == "人才"
        assert len(r.left) <= 5 and len(r.right) <= 5
        assert text[max(0, r.char_start - 5):r.char_start].replace("\n", " ") == r.left


def test_kwic_clause_ids_contain_the_hit(clauses, corpus):
    hits = kwic(corpus, "创新券", clauses=clauses)
    seg = clauses.set_index("clause_id")
    for r in hits.itertuples():
        row = seg.loc[r.clause_id]
        assert row["char_start"] <= r.char_start < row["char_end"]
    assert "chifeng_2023:二/(二)/2" in set(hits["clause_id"])


def test_kwic_through_normalisation_in_the_traditional_document(corpus):
    simp = kwic(corpus, "创新", docs=["tonghua_2012"])
    trad = kwic(corpus, "創新", docs=["tonghua_2012"])
    assert len(simp) == len(trad) > 50
    assert (simp["char_start"] == trad["char_start"]).all()
    orig = kwic(corpus, "创新", docs=["tonghua_2012"], original=True)
    assert (orig["match"] == "創新").all()
    assert orig["clause_id"].tolist() == simp["clause_id"].tolist()


def test_kwic_finds_a_traditional_spelling_of_the_term(make_corpus):
    raw = make_corpus({"trad": "一、總則\n(一)壯大科技特派員隊伍。加強科技特派員選派。",
                       "simp": "一、总则\n(一)壮大科技特派员队伍。"})
    corpus = load_corpus(raw)
    hits = kwic(corpus, "科技特派员")
    assert hits.groupby("doc_id", sort=False).size().to_dict() == {"trad": 2, "simp": 1}
    assert hits["clause_id"].tolist() == ["trad:一/(一)"] * 2 + ["simp:一/(一)"]
    orig = kwic(corpus, "科技特派员", original=True, docs=["trad"])
    assert orig["match"].tolist() == ["科技特派員", "科技特派員"]
    assert orig["left"].iloc[0].endswith("壯大")


def test_kwic_lists_regex_and_full_width_patterns(corpus, clauses):
    both = kwic(corpus, ["科技金融", "科技特派员"], clauses=clauses)
    assert set(both["match"]) == {"科技金融", "科技特派员"}
    assert len(both) == len(kwic(corpus, "科技金融", clauses=clauses)) + 18
    rx = kwic(corpus, r"R&D经费(投入|支出)", regex=True, clauses=clauses)
    assert len(rx) > 0 and rx["match"].str.match(r"R&D经费(投入|支出)").all()
    assert len(kwic(corpus, "（一）", clauses=clauses)) == len(kwic(corpus, "(一)",
                                                                 clauses=clauses))
    assert compile_pattern(["创新", "创新券"]).pattern == "创新券|创新"


def test_kwic_without_hits_and_bad_input(corpus):
    none = kwic(corpus, "量子引力")
    assert none.empty and tuple(none.columns) == KWIC_COLUMNS
    with pytest.raises(ValueError, match="non-empty"):
        kwic(corpus, "")
    with pytest.raises(ValueError, match="not a valid regular expression"):
        kwic(corpus, "科技(", regex=True)
    with pytest.raises(ValueError, match="window"):
        kwic(corpus, "科技", window=-1)
    with pytest.raises(KeyError, match="not in this corpus"):
        kwic(corpus, "科技", docs=["nowhere"])


def test_kwic_docs_accepts_one_id(corpus):
    assert set(kwic(corpus, "人才", docs="chifeng_2023")["doc_id"]) == {"chifeng_2023"}


def test_dispersion(corpus, clauses):
    d = dispersion(corpus, ["科技特派员", "創新券"], clauses=clauses)
    assert list(d.columns) == ["doc_id", "term", "char_start", "position", "clause_id",
                               "n_chars"]
    assert list(d["doc_id"].cat.categories) == DOC_IDS  # documents without hits keep a row
    assert list(d["term"].cat.categories) == ["科技特派员", "创新券"]
    assert d.groupby("term", observed=True).size().to_dict() == {"科技特派员": 18, "创新券": 6}
    assert d["position"].between(0, 1, inclusive="left").all()
    assert ((d["char_start"] / d["n_chars"]) == d["position"]).all()
    k = kwic(corpus, "科技特派员", clauses=clauses)
    sub = d.loc[d["term"] == "科技特派员"]
    assert sub["clause_id"].tolist() == k["clause_id"].tolist()


def test_dispersion_figure(corpus, tmp_path):
    from analysis.plots import save_figure
    from analysis.plots.structure import plot_dispersion

    d = dispersion(corpus, ["科技特派员", "人才", "科技金融"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_dispersion(d, labels={"xinji_2022": "辛集 2022"})
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["chifeng_2023", "辛集 2022"]
        assert len(ax.get_yticklabels()) == 5  # one row per document, with or without hits
        assert ax.get_title() and ax.get_xlabel()
        en = plot_dispersion(d, english=True)
        assert "talent" in " ".join(t.get_text() for t in en.axes[0].get_legend().get_texts())
        paths = save_figure(fig, tmp_path / "x", formats=("png",))
    assert paths[0].stat().st_size > 10_000


def test_cli_kwic(tmp_path, capsys):
    out = tmp_path / "hits.csv"
    assert main(["kwic", "科技特派員", "--window", "6", "--out", str(out), "--limit", "3"]) == 0
    printed = capsys.readouterr().out
    assert "18 hits (first 3 shown)" in printed and "【科技特派员】" in printed
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert len(df) == 18 and list(df.columns) == list(KWIC_COLUMNS)
    assert main(["kwic", "科技(", "--regex"]) == 2
    assert "not a valid regular expression" in capsys.readouterr().err


def test_kwic_rows_cut_the_context_at_the_clause_and_quote_the_original():
    units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
                          "text": ["引进人才。", "贷款贴息。"], "char_start": [0, 5],
                          "char_end": [5, 10]})
    hits = pd.DataFrame({"clause_id": ["d:1", "d:2"], "start": [2, 5], "end": [4, 7]})
    rows = kwic_rows(hits, units, window=3)
    assert rows[["left", "match", "right"]].values.tolist() == [["引进", "人才", "。"],
                                                               ["", "贷款", "贴息。"]]
    assert rows["quote"].tolist() == ["引进【人才】。", "【贷款】贴息。"]
    docs = pd.DataFrame({"doc_id": ["d"], "text_orig": ["引進人才。貸款貼息。"]})
    assert kwic_rows(hits, units, corpus=docs, window=3)["quote"].tolist() == [
        "引進【人才】。", "【貸款】貼息。"]
    assert original_texts(None) == {}
    with pytest.raises(ValueError, match="text_orig"):
        original_texts(docs.drop(columns="text_orig"))
