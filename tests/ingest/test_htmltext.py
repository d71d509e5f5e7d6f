"""Web pages whose text an extractor runs together, and the page's own line breaks."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from analysis.ingest import import_corpus
from analysis.ingest.htmltext import in_page_order, page_lines, restore_breaks
from analysis.ingest.readers import read_html

NOTICE = ("为进一步加强数字政府建设，提升政务服务效能，现就有关事项通知如下：各地各部门要高度重视，"
          "加强组织领导，明确责任分工，确保各项任务落到实处。")

#: a short government page whose headline is empty: under 250 characters of main text, so
#: trafilatura falls back to the whole <article> run into one line
SHORT_PAGE = (
    "<html><head><meta charset='utf-8'><title>_某市人民政府门户网站</title></head><body>"
    "<nav><a href='/'>首页</a><a href='/zc'>政策文件</a></nav><article><h1></h1>"
    "<div class='info'>发布时间：2022-05-06 浏览次数：123</div><div class='content'>"
    "<p>&nbsp;&nbsp;某市人民政府办公室</p><p>&nbsp;&nbsp;" + NOTICE + "</p></div>"
    "<div class='share'>分享到：<a>微信</a> <a>微博</a> <a>打印本页</a> <a>关闭窗口</a></div>"
    "</article><footer><p>主办单位：某市人民政府办公室 网站标识码：1234567890</p></footer>"
    "</body></html>")


def test_a_short_page_keeps_its_paragraphs_on_lines_of_their_own(src: Path):
    p = src / "a.html"
    p.write_text(SHORT_PAGE, encoding="utf-8")
    lines = read_html(p)[0].split("\n")
    assert "某市人民政府办公室" in lines and NOTICE in lines
    assert "发布时间：2022-05-06 浏览次数：123" in lines


def test_a_short_page_is_imported_without_its_page_furniture(src: Path, tmp_path: Path):
    (src / "a.html").write_text(SHORT_PAGE, encoding="utf-8")
    report = import_corpus(src, tmp_path / "corpus", progress=False)
    assert report.failed == []
    doc_id = report.metadata["doc_id"].item()
    text = (tmp_path / "corpus" / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert text == "某市人民政府办公室\n" + NOTICE + "\n"
    assert report.metadata["date"].item() == "2022-05-06"  # the posting line, kept as a hint


def test_page_lines_are_blocks_and_table_rows():
    tree = lxml.html.fromstring(
        "<html><body><div>一、目标<br>二、任务</div><table><tr><td>指标</td><td>目标</td></tr>"
        "<tr><td>研发投入</td><td>3%</td></tr></table><style>p{}</style></body></html>")
    assert page_lines(tree) == ["一、目标", "二、任务", "指标 目标", "研发投入 3%"]


def test_only_a_line_that_is_exactly_several_page_lines_is_split():
    page = ["首页", "一、总体要求", "正文第一段。", "指标 目标"]
    assert restore_breaks("一、总体要求 正文第一段。", page) == "一、总体要求\n正文第一段。"
    assert restore_breaks("一、总体要求 正文第一", page) == "一、总体要求 正文第一"
    assert restore_breaks("| 指标 | 目标 |", page) == "| 指标 | 目标 |"
    assert restore_breaks("正文第一段。\n一、总体要求", page) == "正文第一段。\n一、总体要求"


#: a page laid out in a table whose text sits in a two-column table nested in a cell: the
#: extractor writes the outer table's footer row before the nested rows
NESTED_PAGE = (
    "<html><head><meta charset='utf-8'><title>某市数字经济发展行动方案</title></head><body>"
    "<table><tr><td><table><tr><td>一、发展目标</td><td>到2025年数字经济核心产业增加值占比达到10%。"
    "</td></tr><tr><td>二、重点任务</td><td>加快建设数据中心，推进工业互联网平台建设。</td></tr>"
    "<tr><td>三、保障措施</td><td>加强组织领导，强化资金支持，完善考核评价制度。</td></tr></table>"
    "</td></tr><tr><td>主办单位：某市人民政府办公室</td><td>网站标识码：1234567890</td></tr>"
    "</table></body></html>")


def test_rows_of_several_cells_come_back_in_page_order(src: Path):
    p = src / "a.html"
    p.write_text(NESTED_PAGE, encoding="utf-8")
    assert read_html(p)[0].split("\n") == [
        "一、发展目标|到2025年数字经济核心产业增加值占比达到10%。",
        "二、重点任务|加快建设数据中心，推进工业互联网平台建设。",
        "三、保障措施|加强组织领导，强化资金支持，完善考核评价制度。",
        "主办单位：某市人民政府办公室|网站标识码：1234567890"]


def test_a_row_of_cells_matches_its_page_line():
    page = ["首页", "某市通知", "指标 目标", "主办单位"]
    assert in_page_order("首页\n主办单位\n某市通知\n指标|目标", page) == \
        "首页\n某市通知\n指标|目标\n主办单位"
