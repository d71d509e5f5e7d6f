"""Field finders on literal lines."""

from __future__ import annotations

import pytest

from analysis.ingest.fields import (
    detect_script,
    doc_type_from_body,
    doc_type_from_english,
    doc_type_of_title,
    find_dates,
    find_doc_number,
    find_printing_office,
    find_signature,
    find_title,
    issuers_from_title,
    load_doc_types,
    load_issuers,
    parse_date,
)

TYPES = load_doc_types()
ORGS = load_issuers()


@pytest.mark.parametrize(("text", "iso"), [
    ("2022年4月14日", "2022-04-14"),
    ("２０２２年４月１４日", "2022-04-14"),
    ("二〇二一年十月十一日", "2021-10-11"),
    ("2019年12月31日印发", "2019-12-31"),
    ("5052年1月3日", None),
    ("2022年13月1日", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_doc_number_own_line_only():
    assert find_doc_number(["某某的通知", "京经信发〔2022〕87号"]).value == "京经信发〔2022〕87号"
    assert find_doc_number(["某某的通知", "（皖开放办〔2022〕6号）"]).value == "皖开放办〔2022〕6号"
    cited = ["按照《某方案》（包府办发〔2022〕10号）要求，现印发给你们。"]
    assert find_doc_number(cited) is None


def test_dates_are_whole_lines():
    lines = ["到2025年12月31日前完成。", "某局", "2022年11月21日", "（2023年1月5日）"]
    assert [(f.value, f.line) for f in find_dates(lines)] == [("2022-11-21", 3),
                                                             ("2023-01-05", 4)]


def test_signed_and_released_date_lines():
    lines = ["专此函复。", "科 技 部", "2018年7月30日签发", "2018年8月3日发布", "（此件主动公开）"]
    assert [(f.value, f.line) for f in find_dates(lines)] == [("2018-07-30", 3),
                                                             ("2018-08-03", 4)]
    assert find_signature(lines, 3, ORGS).value == "科技部"


def test_printing_office_of_the_banji_line():
    assert find_printing_office(["正文。", "抄送：市委各部门。",
                                 "　济南市人民政府办公厅 2019年１月３日印发"], ORGS).line == 3
    assert find_printing_office(["XX局办公室 2020年9月22日印发"], ORGS) is None  # no organ
    office = find_printing_office(["青岛市工业和信息化局办公室   2020年9月22日印发"], ORGS)
    assert office.value == "青岛市工业和信息化局"
    assert find_printing_office(["本办法自2020年9月22日起施行。"], ORGS) is None


@pytest.mark.parametrize(("lines", "title"), [
    (["商务部关于公布首批名单的通知", "各省商务主管部门："], "商务部关于公布首批名单的通知"),
    (["“十四五”智能制造发展规划", "目 录"], "“十四五”智能制造发展规划"),
    (["国家智能制造标准体系建设指南", "（2021 版）", "一、总体要求"],
     "国家智能制造标准体系建设指南（2021 版）"),
    (["建材行业智能制造标准体系建设指南", "（2021 版）（征求意见稿）", "目 录"],
     "建材行业智能制造标准体系建设指南（2021 版）（征求意见稿）"),
    (["移动智能终端应用软件预置", "", "和分发管理暂行规定", "第一条 为……"],
     "移动智能终端应用软件预置和分发管理暂行规定"),
    (["为贯彻落实……，制定本方案。", "一、总体要求"], None),
    (["为加快数字化发展，结合我市实际，制定本方案。一、总体要求", "（一）指导思想"], None),
    (["总体要求", "坚持以……为指导。"], None),
    (["第一章 总则", "第一条 为规范管理，制定本办法。"], None),
    (["各省、自治区、直辖市人民政府：", "现将有关事项通知如下："], None),
])
def test_title(lines, title):
    found = find_title(lines, TYPES)
    assert (found.value if found else None) == title


def test_signature_of_several_organs_and_spaced_names():
    lines = ["……请认真贯彻执行。", "工业和信息化部 国家发展改革委", "财  政  部", "2022年1月1日"]
    found = find_signature(lines, 4, ORGS)
    assert (found.value, found.line) == ("工业和信息化部；国家发展改革委；财政部", 2)
    lines = ["……执行。", "济 南 市 公 安 局", "2022年3月10日"]
    assert find_signature(lines, 3, ORGS).value == "济南市公安局"
    assert find_signature(["……执行。", "运输局", "2022年3月10日"], 3, ORGS) is None


def test_signature_of_organs_set_out_in_the_cells_of_a_row():
    # as a Word table or a tab-separated block gives two columns of issuers
    lines = ["……请认真贯彻执行。", "某市发展和改革委员会|某市科学技术局",
             "某市财政局|某市工业和信息化局", "2023年5月1日"]
    assert find_signature(lines, 4, ORGS).value == (
        "某市发展和改革委员会；某市科学技术局；某市财政局；某市工业和信息化局")


def test_issuers_from_title():
    t = "工业和信息化部 国家发展改革委关于印发《某行动计划》的通知"
    assert issuers_from_title(t, ORGS) == ["工业和信息化部", "国家发展改革委"]
    assert issuers_from_title("关于推进数据专区建设的指导意见", ORGS) == []


@pytest.mark.parametrize(("title", "kinds"), [
    ("关于印发《阿坝州政务数据资源管理暂行办法》的通知", ("通知", "办法")),
    ("关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划（2021-2023年）的通知",
     ("通知", "措施；行动计划")),
    ("关于促进智慧城市健康发展的指导意见", ("意见", "")),
    ("智慧健康养老产业发展行动计划（2021-2025年）", ("行动计划", "")),
    ("山东省服务业数字化转型行动方案（2021—2023）", ("方案", "")),
    ("关于做好项目申报工作的通知", ("通知", "")),
])
def test_doc_type_of_title(title, kinds):
    assert doc_type_of_title(title, TYPES) == kinds


def test_doc_type_from_body_and_english():
    assert doc_type_from_body("为……，特制定本行动计划。\n一、", TYPES).value == "行动计划"
    assert doc_type_from_body("一、总体要求", TYPES) is None
    assert doc_type_from_english("Guiding Opinions on Smart Forestry", TYPES) == "意见"
    assert doc_type_from_english("Implementation Plan for X", TYPES) == "方案"


def test_script():
    assert detect_script("關於印發創新驅動發展戰略的通知") == "traditional"
    assert detect_script("关于印发创新驱动发展战略的通知") == "simplified"
    assert detect_script("abc") == ""
