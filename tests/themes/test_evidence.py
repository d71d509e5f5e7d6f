"""Evidence: the hits and clauses behind theme, tone and instrument counts."""

from __future__ import annotations

import pytest

from analysis.themes import (
    count_evidence,
    evidence_clauses,
    evidence_documents,
    format_evidence,
)


def test_evidence_lists_exactly_the_hits_behind_a_count(clauses, tokens, counts):
    ev = count_evidence(clauses, doc_id="yinchuan_2022", theme="finance", tokens=tokens)
    n = counts.loc[(counts["doc_id"] == "yinchuan_2022") & (counts["theme"] == "finance"),
                   "hits"].iloc[0]
    assert len(ev) == n
    assert {"clause_id", "term", "left", "match", "right", "quote"} <= set(ev.columns)
    assert (ev["match"] == ev["term"]).all()


def test_evidence_quotes_the_original_script(clauses, tokens, corpus):
    ev = count_evidence(clauses, doc_id="tonghua_2012", theme="科技金融", corpus=corpus,
                  tokens=tokens, term="贷款")
    assert len(ev) >= 1
    assert "【貸款】" in ev["quote"].iloc[0]  # traditional in the original


def test_evidence_clauses_add_up_to_the_count(clauses, tokens, corpus, counts):
    ev = count_evidence(clauses, doc_id=["yinchuan_2022", "tonghua_2012"], theme="finance",
                        tokens=tokens, corpus=corpus.documents)
    quotes = evidence_clauses(ev, clauses, corpus=corpus.documents)
    assert list(quotes.columns) == ["doc_id", "clause_id", "label", "hits", "terms",
                                    "counted", "quote"]
    got = quotes.groupby("doc_id")[["hits", "counted"]].sum()
    want = counts.set_index(["doc_id", "theme"])
    for doc in ("yinchuan_2022", "tonghua_2012"):
        assert got.loc[doc, "hits"] == want.loc[(doc, "finance"), "hits"]
        assert got.loc[doc, "counted"] == want.loc[(doc, "finance"), "clauses_with_theme"]
    heading = quotes.set_index("clause_id").loc["yinchuan_2022:三/(二)"]
    assert not heading["counted"]
    assert heading["quote"] == "(二)促进【科技金融】紧密结合,助力中小企业创新发展"
    big = quotes.set_index("clause_id").loc["tonghua_2012:五/(六)"]
    assert big["hits"] == 25 and "【貸款】" in big["quote"]  # the original script
    assert big["quote"].count("【") == 25
    short = evidence_clauses(ev, clauses, corpus=corpus.documents, context=5)
    cut = short.set_index("clause_id").loc["yinchuan_2022:四/(一)/一是", "quote"]
    assert cut.startswith("…") and cut.endswith("…") and "【金融】" in cut and len(cut) <= 16
    text = format_evidence(quotes)
    assert text.count("\n  ") == len(quotes) and "not counted in the clause share" in text
    assert format_evidence(quotes.iloc[:0]) == "No clause has a hit."


def test_evidence_documents_prefers_yours_and_falls_back_to_the_densest(counts):
    assert evidence_documents(counts, theme="finance", prefer=["yinchuan_2022", "x"]) == [
        "yinchuan_2022"]
    assert evidence_documents(counts, theme="科技金融", prefer="nowhere") == ["jiayuguan_2020"]
    with pytest.raises(ValueError, match="themes: talent"):
        evidence_documents(counts, theme="no such theme")


def test_evidence_for_an_instrument_and_a_tone(clauses, tokens):
    ev = count_evidence(clauses, doc_id="yinchuan_2022", instrument="金融支持", tokens=tokens)
    assert "yinchuan_2022:三/(二)/一是" in set(ev["clause_id"])
    tone = count_evidence(clauses, doc_id="xinji_2022", tone="mandatory", tokens=tokens)
    assert set(tone["term"]) <= {"确保", "严格", "必须", "要求"} and len(tone) > 10


def test_evidence_errors_name_the_choices(clauses):
    with pytest.raises(ValueError, match="exactly one"):
        count_evidence(clauses, theme="talent", tone="mandatory")
    with pytest.raises(ValueError, match="themes: talent"):
        count_evidence(clauses, theme="无此主题")
    with pytest.raises(ValueError, match="not found"):
        count_evidence(clauses, theme="talent", doc_id="nowhere_2020")
