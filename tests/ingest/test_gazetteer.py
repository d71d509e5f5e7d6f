"""Places named by issuers, from the cpca data."""

from __future__ import annotations

import pytest

from analysis.ingest.gazetteer import find_place, place_by_pinyin, places, short_name


@pytest.mark.parametrize(("issuer", "name", "level", "province", "city"), [
    ("包头市人民政府办公室", "包头市", "prefecture", "内蒙古自治区", "包头市"),
    ("阿坝州人民政府办公室", "阿坝藏族羌族自治州", "prefecture", "四川省", "阿坝藏族羌族自治州"),
    ("北京市经济和信息化局", "北京市", "provincial", "北京市", ""),
    ("安徽省人民政府办公厅", "安徽省", "provincial", "安徽省", ""),
    ("中共山东省委办公厅", "山东省", "provincial", "山东省", ""),
    ("青岛市崂山区人民政府", "崂山区", "county", "山东省", "青岛市"),
    ("内蒙古自治区工业和信息化厅", "内蒙古自治区", "provincial", "内蒙古自治区", ""),
])
def test_find_place(issuer, name, level, province, city):
    p = find_place(issuer)
    assert (p.name, p.level, p.province, p.city) == (name, level, province, city)


@pytest.mark.parametrize("issuer", ["工业和信息化部", "国务院办公厅", "国家发展和改革委员会", ""])
def test_central_organs_name_no_place(issuer):
    assert find_place(issuer) is None


def test_the_data_come_from_the_package():
    levels = {p.level for p in places()}
    assert levels == {"provincial", "prefecture", "county"}
    assert sum(p.level == "provincial" for p in places()) >= 31
    assert len(places()) > 3000


def test_short_names_and_pinyin():
    assert short_name(find_place("包头市")) == "包头"
    assert place_by_pinyin("Jinan").name == "济南市"
    assert place_by_pinyin("Nowhere") is None
