"""Departments named in English, back in Chinese."""

from __future__ import annotations

import pytest

from analysis.ingest.english import issuers_from_english, issuers_from_english_title
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
    ("Eighteen Departments including Shandong Provincial Science and Technology Department",
     ["山东省科学技术厅"]),
    ("General Office of the State Post Bureau", ["国家邮政局办公室"]),
    ("General Office of the State Administration for Market Regulation",
     ["国家市场监督管理总局办公厅"]),
    ("Degree Management and Graduate Education Department of the Ministry of Education",
     ["教育部学位管理与研究生教育司"]),
    ("Degree Management and Graduate Education Department", []),
    ("General Office of the National Health Commission, General Department of Somewhere",
     ["国家卫生健康委员会办公厅"]),  # the piece no table explains is left out
])
def test_issuers_from_english(english, chinese):
    assert issuers_from_english(english, load_issuers()) == chinese


@pytest.mark.parametrize(("title", "chinese"), [
    ("Notice from the General Office of the Ministry of Housing and Urban-Rural Development on "
     "Soliciting and Selecting Pilot Cities", ["住房和城乡建设部办公厅"]),
    ("Opinions of the General Office of Shandong Provincial People's Government on Launching "
     "the Pilot Work", ["山东省人民政府办公厅"]),
    ("Notice from the National Health Commission and the National Aging Committee on "
     "Deepening the Action", ["国家卫生健康委员会", "全国老龄工作委员会"]),
    ("Report on the Situation of Digital Economy Development by the State Council", ["国务院"]),
    ("Letter from the Ministry of Science and Technology Supporting Shanghai", ["科学技术部"]),
    ("Three-Year Action Plan for Digital Commerce (2024-2026)", []),
    ("Notice on Announcing the First Batch of National Model Smart Stores", []),
])
def test_issuers_from_english_title(title, chinese):
    assert issuers_from_english_title(title, load_issuers()) == chinese
