"""Files shaped as real downloads are: pages laid out in tables, scripts in Chinese,
GBK pages, Word files whose text sits in tables or text boxes, scans. Each imports with its
paragraphs on lines of their own, or fails with a message naming the file while the others
import."""

from __future__ import annotations

from pathlib import Path

from analysis.ingest import import_corpus
from analysis.ingest.readers import read_file
from tests.ingest.make_files import (
    write_docx,
    write_docx_in_one_cell,
    write_docx_text_boxes,
    write_pdf,
    write_scanned_pdf,
)

HEAD = "一、总体要求"
P1 = "为进一步加强数字政府建设，提升政务服务效能，现就有关事项通知如下。"
P2 = "到2025年，全市数字经济核心产业增加值占地区生产总值比重达到10%，规模以上企业达到200家。"
BODY = [P1, HEAD, P2]


def _lines(path: Path) -> list[str]:
    return [s for s in read_file(path).text.split("\n") if s.strip()]


def test_a_page_that_is_only_a_table_reads_one_line_per_row(src: Path):
    p = src / "a.html"
    p.write_text("<html><body><table>" + "".join(f"<tr><td>{s}</td></tr>" for s in BODY)
                 + "<tr><td>指标</td><td>目标值</td></tr></table></body></html>",
                 encoding="utf-8")
    assert _lines(p) == [*BODY, "指标|目标值"]


def test_a_page_laid_out_in_nested_tables_keeps_its_paragraphs_and_order(src: Path):
    p = src / "a.html"
    p.write_text(
        "<html><head><meta charset='utf-8'><title>某市通知</title></head><body>"
        "<table width='1000'><tr><td><a href='/'>首页</a> | <a href='/zc'>政策文件</a></td></tr>"
        "<tr><td><table><tr><td>某市关于加强数字政府建设的通知</td></tr>"
        f"<tr><td>{P1}<br>{HEAD}<br>{P2 * 3}</td></tr></table></td></tr>"
        "<tr><td>主办单位：某市人民政府办公室 网站标识码：1234567890</td></tr></table>"
        "</body></html>", encoding="utf-8")
    lines = _lines(p)
    start = lines.index("某市关于加强数字政府建设的通知")
    assert lines[start:start + 4] == ["某市关于加强数字政府建设的通知", P1, HEAD, P2 * 3]
    assert lines[-1].startswith("主办单位")  # the footer comes last, as on the page
    report = import_corpus(src, src / "corpus", progress=False)
    text = (src / "corpus" / report.metadata["file"].item()).read_text(encoding="utf-8")
    assert text.split("\n")[:4] == ["某市关于加强数字政府建设的通知", P1, HEAD, P2 * 3]
    assert "首页" not in text and "主办单位" not in text


def test_chinese_in_scripts_styles_and_noscript_is_not_text(src: Path):
    p = src / "a.html"
    p.write_text(
        "<html><head><meta charset='utf-8'><style>/* 标题样式 */ p { color: red; }</style>"
        "<script>var tip = '欢迎访问本网站，本站正在升级维护';</script></head><body>"
        f"<div class='content'><p>{P1}</p><script>document.write('<p>分享到朋友圈</p>');"
        f"</script><p>{HEAD}</p><p>{P2}</p><noscript>您的浏览器不支持脚本，请升级浏览器后访问"
        "</noscript></div></body></html>", encoding="utf-8")
    assert _lines(p) == BODY


def test_gbk_pages_declared_every_way(src: Path):
    page = (f"<html><head>{{meta}}<title>某市通知</title></head><body><p>朱镕基同志指出，{P1}</p>"
            f"<p>{P2}</p></body></html>")
    gb2312 = "<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
    # 镕 is in GBK, not in GB2312: a page declared GB2312 is read as its superset
    (src / "gb2312.html").write_bytes(page.format(meta=gb2312).encode("gbk"))
    (src / "undeclared.html").write_bytes(page.format(meta="").encode("gbk"))
    (src / "gbk.html").write_bytes(page.format(meta="<meta charset='GBK'>").encode("gbk"))
    for name in ("gb2312.html", "undeclared.html", "gbk.html"):
        assert _lines(src / name) == [f"朱镕基同志指出，{P1}", P2], name


def test_a_page_saved_again_as_utf8_that_still_declares_gbk(src: Path):
    # runs of an even number of Chinese characters are valid GB18030 bytes too (mojibake)
    p = src / "a.html"
    p.write_bytes("<html><head><meta charset='gbk'></head><body><p>数字经济2025发展目标</p>"
                  "<p>政务服务2030全面提升</p></body></html>".encode())
    assert _lines(p) == ["数字经济2025发展目标", "政务服务2030全面提升"]


def test_a_word_file_whose_text_is_in_one_table_cell(src: Path):
    p = write_docx_in_one_cell(src / "a.docx", BODY)
    assert _lines(p) == BODY


def test_a_word_file_whose_text_is_in_tables_of_several_cells(src: Path):
    p = write_docx(src / "a.docx", [], table=[["指标", "2025年目标"], ["研发投入强度", "3%"]])
    assert _lines(p) == ["指标|2025年目标", "研发投入强度|3%"]


def test_a_word_file_whose_text_is_in_text_boxes_reads_each_box_once(src: Path):
    p = write_docx_text_boxes(src / "a.docx", [[P1, HEAD], [P2]])
    assert _lines(p) == BODY


def test_each_hostile_file_imports_or_fails_on_its_own(src: Path, tmp_path: Path):
    write_docx_text_boxes(src / "boxes.docx", [[P1, HEAD], [P2]])
    write_docx_in_one_cell(src / "cell.docx", [P1, "二、主要任务", P2])
    (src / "table.html").write_text("<html><body><table>" + "".join(
        f"<tr><td>{s}</td></tr>" for s in [P1, "三、保障措施", P2]) + "</table></body></html>",
        encoding="utf-8")
    write_pdf(src / "text.pdf", [P1, "四、组织实施", P2])
    write_scanned_pdf(src / "scan.pdf")
    # a scan whose only text is its page numbers is a scan too
    write_pdf(src / "numbers-only.pdf", ["— 1 —"])
    (src / "boxes-empty.docx").write_bytes(b"PK\x03\x04 broken")
    report = import_corpus(src, tmp_path / "corpus", progress=False)
    assert sorted(report.metadata["source"]) == ["boxes.docx", "cell.docx", "table.html",
                                                 "text.pdf"]
    assert sorted((p.source, p.kind) for p in report.failed) == [
        ("boxes-empty.docx", "corrupt"), ("numbers-only.pdf", "scanned_pdf"),
        ("scan.pdf", "scanned_pdf")]
    for p in report.failed:
        assert p.source in p.message and ("OCR" in p.message or "save it again" in p.message)
