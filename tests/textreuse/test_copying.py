"""analysis.textreuse.copying: how much of each local measure restates its source."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.textreuse import copy_ratio, copy_ratio_summary, task_copy_ratio
from tests.textreuse.threads import watch_threads


def test_copy_ratio_counts_only_copied_word_characters():
    t = pd.DataFrame({"doc_id": ["x", "x"], "clause_id": ["x:1", "x:2"],
                      "provincial_text": ["鼓励企业建立研发准备金制度,加大研发投入。", "甲乙丙"],
                      "city_measures": ["1.鼓励企业建立研发准备金制度。2.每年培育企业4户。", ""]})
    r = copy_ratio(t)
    assert r["copied_chars"].tolist() == [13, 0]
    assert r["n_chars"].tolist() == [23, 0]
    assert r.loc[0, "copy_ratio"] == pytest.approx(13 / 23)
    assert r.loc[0, "passages"] == "鼓励企业建立研发准备金制度"  # the source goes on with ","
    with pytest.raises(ValueError, match="lacks column"):
        copy_ratio(t, source="province")


def test_jiayuguan_city_measures_copy_the_provincial_text(corpus):
    r = task_copy_ratio(corpus)
    assert set(r["doc_id"]) == {"jiayuguan_2020"}
    assert len(r) == 54 and r["task_id"].nunique() == 18
    by_id = r.set_index("clause_id")
    # 3.(十三)1 restates the provincial pay measure word for word ...
    assert by_id.loc["jiayuguan_2020:三/(十三)/1", "copy_ratio"] > 0.95
    # ... while 二/(四)/2 is Jiayuguan's own (steel, aluminium and nuclear chains)
    assert by_id.loc["jiayuguan_2020:二/(四)/2", "copy_ratio"] == 0
    overall = r["copied_chars"].sum() / r["n_chars"].sum()
    assert 0.5 < overall < 0.7


def test_task_copy_ratio_reads_a_responsibilities_table():
    resp = pd.DataFrame({
        "doc_id": ["t", "t"], "clause_id": ["t:(一)", "t:(二)"], "heading": ["甲", "乙"],
        "provincial_text": ["支持企业建立高水平研发机构,鼓励企业建立研发准备金制度。", "目标"],
        "city_measures": [["支持企业建立高水平研发机构。", "每年新培育企业十户。"], []],
    })
    r = task_copy_ratio(resp)
    assert r["clause_id"].tolist() == ["t:(一)/1", "t:(一)/2"]
    assert r["copy_ratio"].tolist() == [1.0, 0.0]
    with pytest.raises(ValueError, match="responsibilities"):
        task_copy_ratio(pd.DataFrame({"x": [1]}))



def test_copy_ratio_summary_one_line_per_document():
    t = pd.DataFrame({"doc_id": ["x", "x", "x", "y"], "task_id": ["x:1", "x:1", "x:2", "y:1"],
                      "n_chars": [10, 10, 20, 5], "copied_chars": [10, 0, 5, 5],
                      "copy_ratio": [1.0, 0.0, 0.25, 1.0]})
    s = copy_ratio_summary(t).set_index("doc_id")
    assert s.loc["x"].tolist() == [2, 3, 40, 15, 0.375, 0.25, 1, 1]
    assert s.loc["y", "n_verbatim"] == 1 and s.loc["y", "n_none"] == 0
    assert copy_ratio_summary(t, verbatim=1.1)["n_verbatim"].tolist() == [0, 0]
    with pytest.raises(ValueError, match="task_copy_ratio table"):
        copy_ratio_summary(t.drop(columns="task_id"))
    assert copy_ratio_summary(t.iloc[:0]).empty


def test_copied_columns_of_one_pair_of_texts():
    t = pd.DataFrame({"doc_id": ["a", "b"], "clause_id": ["a:1", "b:1"],
                      "provincial_text": ["支持企业建立高水平研发机构。", ""],
                      "city_measures": ["1.支持企业建立高水平研发机构。2.另行安排。", "甲乙"]})
    r = copy_ratio(t).set_index("doc_id")
    assert r.loc["a", ["n_chars", "copied_chars", "n_passages"]].tolist() == [19, 13, 1]
    assert r.loc["a", "passages"] == "支持企业建立高水平研发机构。"
    assert r.loc["b", ["n_chars", "copied_chars", "n_passages"]].tolist() == [2, 0, 0]


def test_copy_ratio_of_repeated_rows_equals_that_of_each_row_alone():
    src, tgt = "鼓励企业建立研发准备金制度,加大研发投入。", "鼓励企业建立研发准备金制度。"
    t = pd.DataFrame({"doc_id": ["a", "b", "c"], "clause_id": ["a:1", "b:1", "c:1"],
                      "provincial_text": [src, src, "甲乙丙"],
                      "city_measures": [tgt, tgt, tgt]})
    r = copy_ratio(t)
    assert r["doc_id"].tolist() == ["a", "b", "c"]
    assert r["copied_chars"].tolist() == [13, 13, 0]
    one = copy_ratio(t.iloc[1:2]).drop(columns=["doc_id", "clause_id"])
    pd.testing.assert_frame_equal(
        r.iloc[1:2].drop(columns=["doc_id", "clause_id"]).reset_index(drop=True), one)


def test_countable_characters_are_letters_digits_and_han():
    from analysis.textreuse.copying import _countable

    assert _countable("1.加快 a,。").tolist() == [True, False, True, True, False, True,
                                                  False, False]
    assert _countable("").tolist() == []


def test_countable_characters_of_many_texts_equal_those_of_each_text():
    from analysis.textreuse.copying import _countable, _countable_all

    texts = ["1.加快 a,。", "", "推动发展(二)", "Ⅱ、数字经济"]
    got = _countable_all(texts)
    assert [g.tolist() for g in got] == [_countable(t).tolist() for t in texts]
    assert _countable_all([]) == []


def test_copy_ratio_on_two_threads_equals_one_thread(corpus):
    one = task_copy_ratio(corpus)
    pd.testing.assert_frame_equal(task_copy_ratio(corpus, threads=2), one, check_exact=True)
    t = one.rename(columns={"measure": "m"}).assign(
        provincial_text=["鼓励企业建立研发准备金制度,加大研发投入。"] * len(one),
        city_measures=[f"{k}.鼓励企业建立研发准备金制度。" for k in range(len(one))])
    pd.testing.assert_frame_equal(copy_ratio(t, threads=2), copy_ratio(t), check_exact=True)


def test_copy_ratio_on_threads_never_enters_a_catch_warnings_block(monkeypatch):
    # the warnings state catch_warnings saves and restores is the whole process's: a
    # block on a pool thread would interleave with the build's own on the caller's
    from analysis.textreuse import copying

    src = "鼓励企业建立研发准备金制度,支持企业建立高水平研发机构,加大研发投入。"
    resp = pd.DataFrame({
        "doc_id": ["d"] * 6, "clause_id": [f"d:{i}" for i in range(6)],
        "heading": ["任务"] * 6, "provincial_text": [src] * 6,
        "city_measures": [[f"{i}{k}.鼓励企业建立研发准备金制度。", f"每年培育企业{i}{k}户。"]
                          for i, k in zip(range(6), "甲乙丙丁戊己", strict=True)]})
    want = task_copy_ratio(resp)
    watch = watch_threads(monkeypatch, copying, "copied_spans")
    got = task_copy_ratio(resp, threads=2)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert len(watch.calls) == 12 and watch.others == []
    # the first alignment on the caller's thread (a kernel compiles on its first call), the
    # others on the pool's
    assert watch.calls[0] == watch.caller and len(set(watch.calls)) > 1
    watch.calls.clear()
    t = got.assign(provincial_text=src, city_measures=[f"{k}.{src}" for k in range(12)])
    assert copy_ratio(t, threads=2)["copy_ratio"].gt(0.9).all()
    assert len(watch.calls) == 12 and watch.calls[0] == watch.caller
    assert len(set(watch.calls)) > 1 and watch.others == []
