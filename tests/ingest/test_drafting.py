"""Drafted metadata: what wins, flags and evidence."""

from __future__ import annotations

from urllib.parse import quote

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


def test_english_title_names_the_issuer_more_precisely_than_the_department():
    text = "各省住房和城乡建设厅：\n现就有关事项通知如下：\n一、……"
    hints = {"issuer_en": "Ministry of Housing and Urban-Rural Development",
             "title_en": "Notice from the General Office of the Ministry of Housing and "
                         "Urban-Rural Development on Selecting Pilot Cities"}
    assert draft_metadata(text, hints=hints).values["issuer"] == "住房和城乡建设部办公厅"
    # a coarser organ in the title leaves the department column's more precise one
    hints = {"issuer_en": "General Office of Jinan Municipal People's Government",
             "title_en": "Notice of Jinan Municipal People's Government on Issuing the Plan"}
    assert draft_metadata(text, hints=hints).values["issuer"] == "济南市人民政府办公厅"
    # "State Council" in the department column gives way to the organ the title names
    hints = {"issuer_en": "State Council",
             "title_en": "Guiding Opinions on Big Data by the Ministry of Industry and "
                         "Information Technology"}
    assert draft_metadata(text, hints=hints).values["issuer"] == "工业和信息化部"


def test_a_news_report_takes_its_issuer_from_the_department_not_the_title():
    text = "为推动零售业发展，商务部办公厅近日印发了《智慧商店建设技术指南（试行）》。\n《指南》……"
    hints = {"issuer_en": "Ministry of Commerce",
             "title_en": "Notice from the General Office of the Ministry of Commerce on Issuing "
                         "Technical Guidelines for Smart Stores (Trial)"}
    d = draft_metadata(text, hints=hints)
    assert (d.values["issuer"], d.values["doc_type"]) == ("商务部", "新闻")


def test_banji_line_gives_issuer_and_date_before_the_department():
    text = ("为……，制定若干政策措施如下。\n一、……\n抄送：市委各部门。\n"
            "　济南市人民政府办公厅 2019年１月３日印发")
    d = draft_metadata(text, hints={"issuer_en": "Jinan Investment Promotion Bureau"})
    v = d.values
    assert (v["issuer"], v["date"], v["doc_type"], v["city"]) == (
        "济南市人民政府办公厅", "2019-01-03", "措施", "济南市")


def test_title_from_the_source_link():
    link = ("https://www.pkulaw.com/lar/abc.html?keyword="
            "%E9%9D%92%E5%B2%9B%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E5%8A%9E%E5%85%AC"
            "%E5%8E%85%E5%85%B3%E4%BA%8E%E5%8D%B0%E5%8F%91%E9%9D%92%E5%B2%9B%E5%B8%82%E4%BA%BA"
            "%E5%B7%A5%E6%99%BA%E8%83%BD%E4%BA%A7%E4%B8%9A%E5%9B%AD%E5%8F%91%E5%B1%95%E8%8B%A5"
            "%E5%B9%B2%E6%94%BF%E7%AD%96%E7%9A%84%E9%80%9A%E7%9F%A5")
    # 青岛市人民政府办公厅关于印发青岛市人工智能产业园发展若干政策的通知
    policies = "为加快……，制定以下政策。\n一、适用范围\n……"
    d = draft_metadata(policies, given={"source_url": link})
    assert (d.values["title"], d.values["doc_type"]) == ("青岛市人工智能产业园发展若干政策", "措施")
    notice = "各区、市人民政府：\n现将《青岛市人工智能产业园发展若干政策》印发给你们。\n……"
    d = draft_metadata(notice, given={"source_url": link})
    assert d.values["title"].endswith("的通知") and d.values["issuer"] == "青岛市人民政府办公厅"


def test_a_title_line_wins_over_the_link():
    link = "https://x.cn/a.html?keyword=" + quote("山东省数字经济发展规划")
    assert draft_metadata("一、……", given={"source_url": link}).values["title"] == \
        "山东省数字经济发展规划"
    d = draft_metadata("山东省“十四五”科技创新规划\n一、……", given={"source_url": link})
    assert d.values["title"] == "山东省“十四五”科技创新规划"
