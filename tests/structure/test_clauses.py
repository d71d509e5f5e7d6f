"""The clause table (analysis.structure.clauses): its contract, lookups and outline counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.structure import (
    CLAUSE_COLUMNS,
    StructureWarning,
    attach_clause_ids,
    clause_at,
    clause_table,
    outline_summary,
    parse_clauses,
)
from tests.conftest import DOC_IDS


def _doc(clauses, doc_id):
    return clauses.loc[clauses["doc_id"] == doc_id]


# ------------------------------------------------------------------ parse_clauses

def test_parse_clauses_on_a_literal_text():
    text = "标题\n一、总体要求\n(一)指导思想\n坚持创新。\n1.加强领导。要求。"
    df = parse_clauses(text, doc_id="d")
    assert tuple(df.columns) == CLAUSE_COLUMNS
    assert df["clause_id"].tolist() == ["d:front", "d:一", "d:一/(一)", "d:一/(一)/1"]
    assert df["parent_id"].isna().tolist() == [True, True, False, False]
    assert df["parent_id"].tolist()[2:] == ["d:一", "d:一/(一)"]
    assert df["kind"].tolist() == ["front", "heading", "heading", "clause"]
    assert df["level"].dtype == "int64" and df["char_start"].dtype == "int64"
    assert "".join(df["text"]) == text


def test_no_outline_is_one_body_clause_with_a_warning():
    text = "这是一段没有任何编号的文字。\n第二段也没有。"
    with pytest.warns(StructureWarning, match="no outline"):
        df = parse_clauses(text, doc_id="x")
    assert df["kind"].tolist() == ["body"]
    assert df["clause_id"].tolist() == ["x:body"]
    assert df["text"].item() == text
    assert "no outline" in df["warnings"].item()


def test_empty_text():
    df = parse_clauses("", doc_id="z", warn=False)
    assert len(df) == 1 and df["char_end"].item() == 0


def test_parse_clauses_rejects_non_text():
    with pytest.raises(TypeError, match="must be a str"):
        parse_clauses(None)  # type: ignore[arg-type]


# ------------------------------------------------------------------ clause_table

def test_columns_and_types(clauses):
    assert tuple(clauses.columns) == CLAUSE_COLUMNS
    assert clauses["level"].dtype == "int64"
    assert clauses["char_start"].dtype == "int64"
    assert set(clauses["kind"]) <= {"front", "heading", "clause", "enumeration", "table",
                                    "back", "body"}
    assert clauses["clause_id"].is_unique
    assert list(dict.fromkeys(clauses["doc_id"])) == DOC_IDS


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_clauses_cover_the_whole_text_in_order(corpus, clauses, doc_id):
    text = corpus.text(doc_id)
    sub = _doc(clauses, doc_id)
    assert sub["char_start"].iloc[0] == 0
    assert sub["char_end"].iloc[-1] == len(text)
    assert (sub["char_start"].to_numpy()[1:] == sub["char_end"].to_numpy()[:-1]).all()
    assert (sub["char_end"] > sub["char_start"]).all()
    assert "".join(sub["text"]) == text
    for a, b, t in zip(sub["char_start"], sub["char_end"], sub["text"], strict=True):
        assert text[a:b] == t


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_ids_follow_the_outline(clauses, doc_id):
    sub = _doc(clauses, doc_id)
    assert sub["clause_id"].str.startswith(f"{doc_id}:").all()
    ids = set(sub["clause_id"])
    for cid, parent, level in zip(sub["clause_id"], sub["parent_id"], sub["level"],
                                  strict=True):
        if isinstance(parent, str):
            assert parent in ids
            assert cid.startswith(parent + "/")
            plevel = int(sub.loc[sub["clause_id"] == parent, "level"].iloc[0])
            assert level >= plevel
        else:
            assert cid.count("/") == 0


def test_clause_ids_of_the_default_corpus(clauses):
    ids = set(clauses["clause_id"])
    for cid in ["chifeng_2023:二/(一)/1", "xinji_2022:三/(二)/2/(1)",
                "xinji_2022:一/(一)/2/(2)/一是", "chifeng_2023:front", "yinchuan_2022:back",
                "jiayuguan_2020:back", "tonghua_2012:五/(四)/3", "jiayuguan_2020:五/(二十)/2",
                "chifeng_2023:三/15", "xinji_2022:一/(三)/2/表1"]:
        assert cid in ids, cid


def test_clauses_per_document(clauses):
    # front + outline items (+ 表1 / repeated headings / 36 unit cells / back)
    assert clauses.groupby("doc_id", sort=False).size().to_dict() == {
        "chifeng_2023": 1 + 33, "xinji_2022": 1 + 100 + 1, "tonghua_2012": 1 + 40,
        "yinchuan_2022": 1 + 36 + 1, "jiayuguan_2020": 1 + 87 + 4 + 36 + 1}


def test_part_marks_where_the_attached_document_begins(clauses):
    # xinji_2022 and jiayuguan_2020 are 印发 notices: the front row is the notice, the
    # outline after it the attached plan or task table
    for doc in ("xinji_2022", "jiayuguan_2020"):
        part = clauses.loc[clauses["doc_id"] == doc, "part"].tolist()
        assert part[0] == "notice" and set(part[1:]) == {"attachment"}
    for doc in ("chifeng_2023", "tonghua_2012", "yinchuan_2022"):
        assert set(clauses.loc[clauses["doc_id"] == doc, "part"]) == {"body"}


def test_clause_table_docs_subset(corpus):
    sub = clause_table(corpus, docs=["tonghua_2012"])
    assert set(sub["doc_id"]) == {"tonghua_2012"}
    with pytest.raises(KeyError, match="not in this corpus"):
        clause_table(corpus, docs=["nope"])


def test_clause_table_of_small_texts(make_corpus):
    from analysis import load_corpus

    raw = make_corpus({"a": "一、总则\n内容。", "b": "(一)目标。内容。\n(二)措施。内容。"})
    cl = clause_table(load_corpus(raw))
    assert cl["clause_id"].tolist() == ["a:一", "b:(一)", "b:(二)"]
    # (一) is the top style of b, so its level is 1
    assert cl["level"].tolist() == [1, 1, 1]


# ------------------------------------------------------------------ clause_at

def test_clause_at_on_a_literal_text():
    text = "通知\n一、总则\n(一)目标。内容。"
    df = parse_clauses(text, doc_id="d")
    assert clause_at(df, "d", 0) == "d:front"
    assert clause_at(df, "d", text.index("总则")) == "d:一"
    got = clause_at(df, "d", [text.index("目标"), len(text) - 1])
    assert isinstance(got, np.ndarray) and got.tolist() == ["d:一/(一)", "d:一/(一)"]


def test_clause_at(corpus, clauses):
    text = corpus.text("chifeng_2023")
    assert clause_at(clauses, "chifeng_2023", 0) == "chifeng_2023:front"
    assert clause_at(clauses, "chifeng_2023", text.index("推进重点领域技术创新")) == \
        "chifeng_2023:二/(一)/1"
    assert clause_at(clauses, "chifeng_2023", len(text) - 1) == "chifeng_2023:三/17"
    pos = [text.index("坚持精准发力"), text.index("强化督导考核")]
    assert clause_at(clauses, "chifeng_2023", pos).tolist() == [
        "chifeng_2023:一/(二)/—2", "chifeng_2023:三/16"]
    with pytest.raises(ValueError, match="outside"):
        clause_at(clauses, "chifeng_2023", len(text))
    with pytest.raises(KeyError):
        clause_at(clauses, "nowhere", 0)


def test_clause_at_agrees_with_the_segments(clauses):
    for row in clauses.sample(40, random_state=1).itertuples():
        mid = (row.char_start + row.char_end) // 2
        assert clause_at(clauses, row.doc_id, mid) == row.clause_id


# ------------------------------------------------------------------ attach_clause_ids

def test_attach_clause_ids_on_a_literal_text():
    df = parse_clauses("一、总则\n(一)目标。", doc_id="d")
    hits = pd.DataFrame({"doc_id": ["d", "d", "other"], "char_start": [0, 6, 0]})
    out = attach_clause_ids(hits, df, start="char_start", column="clause")
    assert out["clause"].tolist()[:2] == ["d:一", "d:一/(一)"]
    assert pd.isna(out["clause"].iloc[2])  # a document without clauses
    assert "clause" not in hits.columns  # the input is not changed
    with pytest.raises(KeyError, match="'start'"):
        attach_clause_ids(hits, df)


def test_attach_clause_ids(corpus, clauses):
    hits = pd.DataFrame({"doc_id": ["xinji_2022", "tonghua_2012"],
                         "start": [corpus.text("xinji_2022").index("实现新旧动能转换的需求"),
                                   corpus.text("tonghua_2012").index("计划启动期")]})
    out = attach_clause_ids(hits, clauses)
    assert out["clause_id"].tolist() == ["xinji_2022:一/(一)/2/(2)/一是", "tonghua_2012:四/(一)"]


def test_attach_clause_ids_accepts_unsorted_clauses(corpus, clauses):
    shuffled = clauses.sample(frac=1.0, random_state=3)
    toks = pd.DataFrame({"doc_id": ["yinchuan_2022"], "start": [len(corpus.text(
        "yinchuan_2022")) - 3]})
    assert attach_clause_ids(toks, shuffled)["clause_id"].item() == "yinchuan_2022:back"


# ------------------------------------------------------------------ outline_summary

def test_outline_summary_on_a_literal_text():
    df = parse_clauses("一、甲\n(一)子。内容。\n(二)子。内容。\n二、乙\n1.项。内容。", doc_id="s")
    s = outline_summary(df)
    assert s.values.tolist() == [["s", 1, 2, "一、"], ["s", 2, 2, "(一)"], ["s", 3, 1, "1."]]


#: outline items per level, counted by reading each document
OUTLINE_COUNTS = {
    # 一、二、三; (一)-(三) + (一)-(六); 1.-17. numbered through; 4 "—坚持…" principles
    "chifeng_2023": {1: 3, 2: 9, 3: 17, 5: 4},
    # 6 parts; 3+3+4+2+2+2 sections; 52 numbered items; 18 (1)-items; 一是…五是 + 一是…三是
    "xinji_2022": {1: 6, 2: 16, 3: 52, 4: 18, 5: 8},
    # 5 parts; (一)-(五), (一)-(三), (一)-(三), (一)-(八); 7+3+3+3 numbered items
    "tonghua_2012": {1: 5, 2: 19, 3: 16},
    # 4 parts; 2+3+3+3 sections; seven 一是/二是/三是 triplets
    "yinchuan_2022": {1: 4, 2: 11, 5: 21},
    # 5 parts (4 repeated at page breaks); provincial measures (一)-(二十); 54 city
    # measures; 8 "——" targets under (二)发展目标
    "jiayuguan_2020": {1: 5, 2: 20, 3: 54, 5: 8},
}


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_outline_counts(clauses, doc_id):
    s = outline_summary(clauses)
    got = dict(zip(s.loc[s["doc_id"] == doc_id, "level"], s.loc[s["doc_id"] == doc_id, "n"],
                   strict=True))
    assert got == OUTLINE_COUNTS[doc_id]


def test_outline_summary_is_tidy(clauses):
    s = outline_summary(clauses)
    assert list(s.columns) == ["doc_id", "level", "n", "style"]
    assert s.loc[(s["doc_id"] == "xinji_2022") & (s["level"] == 4), "style"].item() == "(1)"
    assert s.loc[(s["doc_id"] == "yinchuan_2022") & (s["level"] == 5), "style"].item() == "一是"
