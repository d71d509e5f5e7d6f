"""The clause table: outline parsing of the five documents and of small literal texts."""

from __future__ import annotations

import time
import warnings

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


@pytest.fixture(scope="module")
def clauses(corpus):
    return clause_table(corpus)


def _doc(clauses, doc_id):
    return clauses.loc[clauses["doc_id"] == doc_id]


# ------------------------------------------------------------------ the contract

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


def test_clause_ids_the_brief_promises(clauses):
    ids = set(clauses["clause_id"])
    for cid in ["chifeng_2023:二/(一)/1", "xinji_2022:三/(二)/2/(1)",
                "xinji_2022:一/(一)/2/(2)/一是", "chifeng_2023:front", "yinchuan_2022:back",
                "jiayuguan_2020:back", "tonghua_2012:五/(四)/3", "jiayuguan_2020:五/(二十)/2",
                "chifeng_2023:三/15", "xinji_2022:一/(三)/2/表1"]:
        assert cid in ids, cid


def test_heading_versus_clause(clauses):
    row = clauses.set_index("clause_id")
    assert row.loc["chifeng_2023:二/(一)", "kind"] == "heading"
    assert row.loc["chifeng_2023:二/(一)", "heading"] == "强化重点领域科技创新"
    assert row.loc["chifeng_2023:二/(一)/1", "kind"] == "clause"
    assert row.loc["chifeng_2023:二/(一)/1", "heading"] == "推进重点领域技术创新"
    assert row.loc["chifeng_2023:二/(一)/1", "text"].startswith("1.推进重点领域技术创新。聚焦")
    # a title cut short by an enumeration that follows without punctuation
    assert row.loc["yinchuan_2022:三/(一)", "heading"] == "深化东西部科技合作,建立协同创新机制"
    assert row.loc["yinchuan_2022:三/(一)", "kind"] == "heading"
    # a colon ends a title too
    assert row.loc["tonghua_2012:四/(一)", "heading"] == "计划启动期"
    assert row.loc["xinji_2022:一/(三)/1", "heading"] == "2035年远景目标"


def test_front_and_back_matter(corpus, clauses):
    row = clauses.set_index("clause_id")
    assert row.loc["chifeng_2023:front", "heading"].startswith("中共赤峰市委赤峰市人民政府")
    assert "提出如下意见" in row.loc["chifeng_2023:front", "text"]
    assert row.loc["xinji_2022:front", "text"].rstrip().endswith(
        corpus.text("xinji_2022").split("\n")[10])
    back = row.loc["yinchuan_2022:back", "text"]
    assert back.startswith("银川市科学技术局") and "2022年9月14日" in back and "附件" in back
    assert row.loc["jiayuguan_2020:back", "text"].startswith("抄送")
    assert "chifeng_2023:back" not in row.index  # it ends with its last clause
    assert row.loc["chifeng_2023:front", "level"] == 0


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


def test_repeated_section_headings_are_one_section(clauses):
    jy = _doc(clauses, "jiayuguan_2020")
    repeats = jy.loc[jy["clause_id"].str.contains("/repeat-")]
    assert repeats["clause_id"].tolist() == [
        "jiayuguan_2020:二/repeat-2", "jiayuguan_2020:三/repeat-2",
        "jiayuguan_2020:四/repeat-2", "jiayuguan_2020:五/repeat-2"]
    assert (repeats["warnings"].str.contains("repeated heading")).all()
    # the measures after a repeated heading stay in the same section
    row = clauses.set_index("clause_id")
    assert row.loc["jiayuguan_2020:二/(六)", "parent_id"] == "jiayuguan_2020:二"
    assert row.loc["jiayuguan_2020:三/(十二)", "parent_id"] == "jiayuguan_2020:三"
    assert (jy["level"] == 1).sum() == 5 + 4
    assert not jy["clause_id"].str.contains("~").any()


def test_task_table_unit_cells(clauses):
    row = clauses.set_index("clause_id")
    lead = row.loc["jiayuguan_2020:二/(三)/牵头单位"]
    assert lead["kind"] == "table" and lead["text"].strip() == "市工信局、市科技局"
    assert row.loc["jiayuguan_2020:二/(三)/配合单位", "text"].strip() == \
        "市发改委、市政府国资委、市财政局"
    assert row.loc["jiayuguan_2020:二/(三)/牵头单位", "parent_id"] == "jiayuguan_2020:二/(三)"
    # two measures on one line ("…方式。 3.财政…") are split
    assert row.loc["jiayuguan_2020:五/(十八)/3", "text"].startswith("3.财政、审计等部门")


def test_indicator_table_is_its_own_clause(clauses):
    row = clauses.set_index("clause_id").loc["xinji_2022:一/(三)/2/表1"]
    assert row["kind"] == "table" and row["label"] == "表1"
    assert row["heading"] == "辛集市十四五时期科技创新主要指标"
    assert row["text"].count("|") > 30
    # the numbered indicator rows are cells, not outline items
    assert not clauses["clause_id"].str.startswith("xinji_2022:一/(三)/2/表1/").any()


def test_no_warnings_on_the_five_documents(clauses):
    assert (clauses["warnings"] == clauses["warnings"].where(
        clauses["clause_id"].str.contains("/repeat-"), "")).all()


def test_clause_table_is_fast(corpus):
    clause_table(corpus)
    t0 = time.perf_counter()
    clause_table(corpus)
    assert time.perf_counter() - t0 < 0.5


# ------------------------------------------------------------------ clause_at

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


def test_attach_clause_ids(corpus, clauses):
    hits = pd.DataFrame({"doc_id": ["xinji_2022", "tonghua_2012"],
                         "start": [corpus.text("xinji_2022").index("实现新旧动能转换的需求"),
                                   corpus.text("tonghua_2012").index("計劃啟動期".replace(
                                       "計劃啟動期", "计划启动期"))]})
    out = attach_clause_ids(hits, clauses)
    assert out["clause_id"].tolist() == ["xinji_2022:一/(一)/2/(2)/一是", "tonghua_2012:四/(一)"]


# ------------------------------------------------------------------ literal texts

def test_full_width_parentheses_and_other_marks():
    text = "通知\n一、总则\n（一）目标\n1、加强领导。要求。\n2．完善机制。内容。\n（1）细则。内容。"
    df = parse_clauses(text, doc_id="t")
    assert df["clause_id"].tolist() == ["t:front", "t:一", "t:一/(一)", "t:一/(一)/1",
                                        "t:一/(一)/2", "t:一/(一)/2/(1)"]
    assert df["level"].tolist() == [0, 1, 2, 3, 3, 4]
    assert df["label"].tolist() == ["", "一、", "（一）", "1、", "2．", "（1）"]


def test_articles_and_chapters():
    text = "某某办法\n第一章 总则\n第一条 为了规范管理,制定本办法。\n第二条 本办法适用于全市。\n" \
           "第二章 管理\n第三条 市科技局负责:(一)组织实施;(二)监督检查。"
    df = parse_clauses(text, doc_id="r")
    ids = df["clause_id"].tolist()
    assert ids[:5] == ["r:front", "r:第一章", "r:第一章/第一条", "r:第一章/第二条", "r:第二章"]
    assert "r:第二章/第三条" in ids
    lv = dict(zip(df["clause_id"], df["level"], strict=True))
    assert lv["r:第一章"] == 1 and lv["r:第一章/第一条"] == 2


def test_no_outline_is_one_body_clause_with_a_warning():
    text = "这是一段没有任何编号的文字。\n第二段也没有。"
    with pytest.warns(StructureWarning, match="no outline"):
        df = parse_clauses(text, doc_id="x")
    assert df["kind"].tolist() == ["body"]
    assert df["clause_id"].tolist() == ["x:body"]
    assert df["text"].item() == text
    assert "no outline" in df["warnings"].item()


def test_malformed_numbering_is_kept_and_flagged():
    text = "一、甲\n1.第一项。\n2.第二项。\n2.又一个第二项。\n5.第五项。\n3.第三项。"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = parse_clauses(text, doc_id="m")
    assert df["clause_id"].tolist() == ["m:一", "m:一/1", "m:一/2", "m:一/2~2", "m:一/5",
                                        "m:一/3"]
    w = dict(zip(df["clause_id"], df["warnings"], strict=True))
    assert w["m:一/1"] == "" and w["m:一/2"] == ""
    assert "repeated" in w["m:一/2~2"]
    assert "skips from 2 to 5" in w["m:一/5"]
    assert "goes back from 5 to 3" in w["m:一/3"]


def test_numbering_may_run_on_across_sections():
    text = "一、甲\n1.一。\n2.二。\n二、乙\n3.三。\n4.四。"
    df = parse_clauses(text, doc_id="c")
    assert (df["warnings"] == "").all()
    text = "一、甲\n1.一。\n二、乙\n5.五。"
    df = parse_clauses(text, doc_id="c")
    assert "starts at 5." in df.set_index("clause_id").loc["c:二/5", "warnings"]


def test_enumerations_need_a_sequence():
    # "统一是" alone is not an enumeration
    df = parse_clauses("一、总则\n标准统一是前提。", doc_id="e", warn=False)
    assert df["clause_id"].tolist() == ["e:一"]
    df = parse_clauses("一、总则\n要做到:一是加强领导;二是完善机制;三是强化考核。", doc_id="e")
    assert df["clause_id"].tolist() == ["e:一", "e:一/一是", "e:一/二是", "e:一/三是"]
    assert df["heading"].tolist()[1:] == ["加强领导", "完善机制", "强化考核"]
    assert (df["level"].iloc[1:] == 5).all()


def test_decimal_lines_are_not_items():
    df = parse_clauses("一、目标\n1.5亿元以上的投入。\n2.5%的增长。", doc_id="d", warn=False)
    # "1.5亿元" could be item 1 (expected) but "2.5%" is a percentage, never an item
    assert "d:一/2" not in set(df["clause_id"])


def test_leading_whitespace_joins_the_first_clause():
    df = parse_clauses("\n\n一、甲\n内容", doc_id="w")
    assert df["char_start"].iloc[0] == 0 and df["kind"].iloc[0] == "heading"


def test_empty_text():
    df = parse_clauses("", doc_id="z", warn=False)
    assert len(df) == 1 and df["char_end"].item() == 0


def test_parse_clauses_rejects_non_text():
    with pytest.raises(TypeError, match="must be a str"):
        parse_clauses(None)  # type: ignore[arg-type]


def test_clause_table_docs_subset(corpus):
    sub = clause_table(corpus, docs=["tonghua_2012"])
    assert set(sub["doc_id"]) == {"tonghua_2012"}
    with pytest.raises(KeyError, match="not in this corpus"):
        clause_table(corpus, docs=["nope"])



def test_closing_attachment_list_is_back_matter():
    text = ("关于印发某方案的通知\n一、总则\n(一)目标。内容。\n某市科学技术局\n2023年3月1日\n"
            "附件:1.重点任务清单\n2.指标表")
    df = parse_clauses(text, doc_id="a")
    back = df.set_index("clause_id").loc["a:back"]
    assert back["text"].startswith("某市科学技术局") and back["text"].endswith("2.指标表")
    assert df["clause_id"].tolist() == ["a:front", "a:一", "a:一/(一)", "a:back"]


def test_circled_numbers():
    df = parse_clauses("一、任务\n(一)重点:①建平台;②育人才;③强服务。\n(二)注释①不是列举。",
                       doc_id="c")
    assert df["clause_id"].tolist() == ["c:一", "c:一/(一)", "c:一/(一)/①", "c:一/(一)/②",
                                        "c:一/(一)/③", "c:一/(二)"]
    assert df.set_index("clause_id").loc["c:一/(一)", "heading"] == "重点"


def test_clauses_per_document(clauses):
    # front + outline items (+ 表1 / repeated headings / 36 unit cells / back)
    assert clauses.groupby("doc_id", sort=False).size().to_dict() == {
        "chifeng_2023": 1 + 33, "xinji_2022": 1 + 100 + 1, "tonghua_2012": 1 + 40,
        "yinchuan_2022": 1 + 36 + 1, "jiayuguan_2020": 1 + 87 + 4 + 36 + 1}


def test_attach_clause_ids_accepts_unsorted_clauses(corpus, clauses):
    shuffled = clauses.sample(frac=1.0, random_state=3)
    toks = pd.DataFrame({"doc_id": ["yinchuan_2022"], "start": [len(corpus.text(
        "yinchuan_2022")) - 3]})
    assert attach_clause_ids(toks, shuffled)["clause_id"].item() == "yinchuan_2022:back"
