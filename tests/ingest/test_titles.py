"""Titles named by the opening paragraph or by the source link."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from analysis.ingest.fields import load_doc_types
from analysis.ingest.titles import issued_title, self_named_title, title_from_url

TYPES = load_doc_types()


def _link(keyword: str) -> str:
    return f"https://www.pkulaw.com/lar/abc.html?keyword={quote(keyword)}&way=listView"


@pytest.mark.parametrize(("keyword", "title"), [
    ("《济南市新一代人工智能高质量发展行动计划（2024-2026 年）》",
     "济南市新一代人工智能高质量发展行动计划（2024-2026年）"),
    ("山东省人民政府办公厅关于开展 “智慧山东” 试点工作的意见",
     "山东省人民政府办公厅关于开展“智慧山东”试点工作的意见"),
    ("关于加快推进数字经济创新发展的若干措施》", "关于加快推进数字经济创新发展的若干措施"),
    ("人工智能", ""),  # a search term, not a title
    ("智能制造", ""),
])
def test_title_from_url(keyword, title):
    assert title_from_url(_link(keyword), TYPES) == title


def test_title_from_url_needs_a_query():
    assert title_from_url("http://kjt.shandong.gov.cn/", TYPES) == ""
    assert title_from_url("", TYPES) == ""


def test_issued_title():
    assert issued_title("关于印发《阿坝州政务数据资源管理暂行办法》的通知") == \
        "阿坝州政务数据资源管理暂行办法"
    assert issued_title("山东省人民政府关于印发山东省“十四五”科技创新规划的通知") == \
        "山东省“十四五”科技创新规划"
    assert issued_title("关于开展2022年度智能制造试点示范行动的通知") == ""


def test_self_named_title_reads_the_opening_paragraph_only():
    text = "为落实……，制定《国家智能制造标准体系建设指南》。\n一、总体要求"
    found = self_named_title(text, TYPES)
    assert (found.value, found.line) == ("国家智能制造标准体系建设指南", 1)
    later = "为落实……，制定本方案。\n一、总体要求\n各地要制定《实施细则》。"
    assert self_named_title(later, TYPES) is None
    assert self_named_title("为……，制定《本地的东西》。", TYPES) is None  # no genre word
