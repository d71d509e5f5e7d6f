"""doc_id: readable, stable, ASCII, unique."""

from __future__ import annotations

import re

import pytest

from analysis.ingest.slugs import make_doc_id, unique_id


@pytest.mark.parametrize(("year", "issuer", "title", "doc_id"), [
    ("2021", "阿坝州人民政府办公室",
     "阿坝州人民政府办公室关于印发《阿坝州政务数据资源管理暂行办法》的通知",
     "2021_aba_zhengwu-shuju-ziyuanguanli-zanxingbanfa"),
    ("2022", "北京市经济和信息化局", "关于推进北京市数据专区建设的指导意见",
     "2022_beijing_tuijin-beijingshi-shuju-zhuanqu-jianshe-zhidao"),
    ("2013", "工业和信息化部", "", "2013_gongye-xinxihua"),
    ("", "", "", "doc"),
])
def test_make_doc_id(year, issuer, title, doc_id):
    assert make_doc_id(year, issuer, title) == doc_id


def test_ids_are_ascii_short_and_stable():
    args = ("2023", "国家发展和改革委员会；国家数据局", "数字经济促进共同富裕实施方案")
    a = make_doc_id(*args)
    assert a == make_doc_id(*args)
    assert re.fullmatch(r"[a-z0-9_-]+", a) and len(a) <= 60


def test_unique_id_appends_the_checksum():
    taken = {"2022_x"}
    assert unique_id("2022_x", "0123456789abcdef", taken) == "2022_x-012345"
    assert unique_id("2022_y", "0123456789abcdef", taken) == "2022_y"
