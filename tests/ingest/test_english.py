"""Departments named in English, back in Chinese."""

from __future__ import annotations

import pytest

from analysis.ingest.english import issuers_from_english
from analysis.ingest.fields import load_issuers


@pytest.mark.parametrize(("english", "chinese"), [
    ("State Council", ["国务院"]),
    ("Ministry of Commerce of the People's Republic of China", ["商务部"]),
    ("General Office of the Ministry of Education", ["教育部办公厅"]),
    ("National Development and Reform Commission, National Data Bureau",
     ["国家发展和改革委员会", "国家数据局"]),
    ("Shandong Provincial Science and Technology Department", ["山东省科学技术厅"]),
    ("General Office of Jinan Municipal People's Government", ["济南市人民政府办公厅"]),
    ("Qingdao Department of Industry and Information Technology and Qingdao Finance Bureau",
     ["青岛市工业和信息化局", "青岛市财政局"]),
    ("Eighteen Departments including Somewhere", []),
])
def test_issuers_from_english(english, chinese):
    assert issuers_from_english(english, load_issuers()) == chinese
