"""Drafted metadata: what wins, flags and evidence."""

from __future__ import annotations

from analysis.ingest.drafting import DRAFTED_COLUMNS, draft_metadata


def test_notice_from_the_text(notice_lines):
    d = draft_metadata("\n".join(notice_lines))
    v = d.values
    assert v["title"] == notice_lines[0]
    assert (v["issuer"], v["doc_number"], v["date"], v["year"]) == (
        "包头市人民政府办公室", "包府办发〔2022〕43号", "2022-04-14", "2022")
    assert (v["city"], v["province"], v["level"]) == ("包头市", "内蒙古自治区", "prefecture")
    assert (v["doc_type"], v["script"]) == ("通知", "simplified")
    assert d.attached == {"title": "包头市数字政府建设考评办法", "line": "7", "type": "办法"}
    row = d.row()
    assert all(row[f"{c}_inferred"] for c in DRAFTED_COLUMNS if c != "source_url")
    assert "doc_number: line 2" in row["evidence"] and "gazetteer 包头市" in row["evidence"]


def test_spreadsheet_values_win_and_are_not_inferred(notice_lines):
    d = draft_metadata("\n".join(notice_lines), given={"city": "包头", "date": "2022-04-20"})
    row = d.row()
    assert (row["city"], row["date"]) == ("包头", "2022-04-20")
    assert row["city_inferred"] is False and row["date_inferred"] is False
    assert row["province_inferred"] is True
    assert "date: given by the spreadsheet" in row["evidence"]


def test_central_document_from_hints():
    text = "为贯彻落实……，特制定本行动计划。\n一、总体要求\n……"
    d = draft_metadata(text, hints={"issuer_en": "Ministry of Commerce",
                                    "published": "2024-07-12 00:00:00",
                                    "title_en": "Three-Year Action Plan for Digital Commerce"})
    v = d.values
    assert (v["issuer"], v["level"], v["date"], v["year"], v["doc_type"]) == (
        "商务部", "central", "2024-07-12", "2024", "行动计划")
    assert "city" not in v and "province" not in v
    assert "translated" in d.row()["evidence"]


def test_text_date_beats_release_date():
    text = "各相关单位：\n现将有关事项通知如下：\n一、……\n工业和信息化部\n2013年4月11日"
    d = draft_metadata(text, hints={"published": "2024-09-02"})
    assert d.values["date"] == "2013-04-11" and d.values["issuer"] == "工业和信息化部"


def test_nothing_found_leaves_fields_empty():
    row = draft_metadata("一些没有标题的文字。").row()
    assert row["title"] == row["issuer"] == row["date"] == ""
    assert row["title_inferred"] is False
