"""Tables of documents: xlsx (sheets), csv, jsonl; the text column; empty rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.readers import ReadError
from analysis.ingest.rows import read_rows
from tests.ingest.make_files import write_csv, write_jsonl, write_xlsx

LONG = "第一条 为规范政务数据资源管理，推进政务信息系统互联互通，制定本办法。" * 10


def _sheets():
    return {
        "Central": [["No.", "Release Time", "Policy Title", "Policy Content"],
                    [1, "2023-01-02", "Notice on X", LONG],
                    [None, None, None, None]],
        "Local": [["No.", "Release Time", "Policy Title", "Policy Content"],
                  [1, "2022-05-06", "某某办法", LONG + "二"]],
    }


def test_xlsx_every_sheet_with_its_name(src: Path):
    docs, problems = read_rows(write_xlsx(src / "t.xlsx", _sheets()))
    assert [(d.sheet, d.row) for d in docs] == [("Central", "2"), ("Local", "2")]
    assert problems == []  # the blank row after the data is not a document
    assert docs[0].hints["title_en"] == "Notice on X" and "title" not in docs[0].given
    assert docs[1].given["title"] == "某某办法"  # a Chinese title column wins
    assert docs[0].hints["published"] == "2023-01-02"
    assert docs[0].extra == {"no": "1", "release_time": "2023-01-02",
                             "policy_title": "Notice on X"}


def test_xlsx_one_sheet(src: Path):
    docs, _ = read_rows(write_xlsx(src / "t.xlsx", _sheets()), sheets=["Local"])
    assert [d.sheet for d in docs] == ["Local"]
    with pytest.raises(ReadError, match="no sheet 'Nope'"):
        read_rows(src / "t.xlsx", sheets=["Nope"])


def test_csv_text_column_by_length(src: Path):
    p = write_csv(src / "t.csv", [["id", "notes", "body_of_doc"], ["1", "短", LONG]])
    docs, _ = read_rows(p)
    assert docs[0].text == LONG and docs[0].extra == {"id": "1", "notes": "短"}
    assert docs[0].origin == "t.csv#2"


def test_csv_in_gbk(src: Path):
    p = write_csv(src / "t.csv", [["标题", "正文"], ["某某办法", LONG]], encoding="gbk")
    assert read_rows(p)[0][0].given == {"title": "某某办法"}


def test_jsonl(src: Path):
    p = write_jsonl(src / "t.jsonl", [{"title": "某某办法", "text": LONG, "year": 2021},
                                     {"title": "某某规定", "text": LONG + "x"}])
    docs, problems = read_rows(p)
    assert [d.given.get("year") for d in docs] == ["2021", None]
    assert problems == []


def test_explicit_text_column(src: Path):
    p = write_csv(src / "t.csv", [["a", "b"], ["短", "也短"]])
    assert read_rows(p, text_column="b")[0][0].text == "也短"
    with pytest.raises(ReadError, match="no column 'c'") as err:
        read_rows(p, text_column="c")
    assert err.value.kind == "no_text_column"


def test_no_text_column_is_an_error(src: Path):
    p = write_csv(src / "t.csv", [["a", "b"], ["短", "也短"]])
    with pytest.raises(ReadError, match="--text-column") as err:
        read_rows(p)
    assert err.value.kind == "no_text_column"


def test_empty_row_is_reported(src: Path):
    p = write_csv(src / "t.csv", [["title", "text"], ["某某办法", LONG], ["某某规定", ""],
                                  ["", ""]])
    docs, problems = read_rows(p)
    assert len(docs) == 1
    assert [(x.origin, x.kind) for x in problems] == [("t.csv#3", "empty_row")]
    assert "row 3" in problems[0].message and "'text'" in problems[0].message
