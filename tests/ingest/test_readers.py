"""Readers: every format from a file the test writes, and every unreadable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.readers import ReadError, read_docx, read_file, read_html, read_pdf
from tests.ingest.make_files import (
    write_docx,
    write_encrypted_pdf,
    write_html,
    write_pdf,
    write_scanned_pdf,
)


def test_txt_in_gb18030(src: Path):
    p = src / "a.txt"
    p.write_bytes("关于印发某某办法的通知\n正文。".encode("gb18030"))
    doc = read_file(p)
    assert doc.text == "关于印发某某办法的通知\n正文。"
    assert doc.name == "a.txt" and len(doc.sha256) == 64


def test_docx_paragraphs_then_table_rows(src: Path, notice_lines):
    p = write_docx(src / "a.docx", notice_lines[:2], table=[["指标", "目标"], ["研发投入", "3%"]])
    text, _ = read_docx(p)
    assert text.split("\n") == [*notice_lines[:2], "指标|目标", "研发投入|3%"]


def test_docx_tabs_in_paragraphs_reach_the_text_and_tabs_in_cells_are_spaces(src: Path):
    p = write_docx(src / "a.docx", ["一、\t总体要求", "项目\t上限", "平台建设\t最高200万元"],
                   table=[["指标", "目标"], ["研发\t投入", "3%"]])
    text, _ = read_docx(p)
    # a paragraph's tabs are normalisation's to read (as in a .txt file); a cell is one cell
    assert text.split("\n") == ["一、\t总体要求", "项目\t上限", "平台建设\t最高200万元",
                                "指标|目标", "研发 投入|3%"]


def test_txt_tab_table_is_read_as_written(src: Path):
    p = src / "a.txt"
    p.write_text("附表\n序号\t奖励事项\t奖励标准\n1\t高新技术企业\t30万元", encoding="utf-8")
    assert read_file(p).text.split("\n")[1:] == ["序号\t奖励事项\t奖励标准",
                                                  "1\t高新技术企业\t30万元"]


def test_html_tabs_are_spaces(src: Path):
    p = write_html(src / "a.html", "某某办法", ["第一条\t为规范管理，\t制定本办法。"])
    assert "\t" not in read_html(p)[0]


def test_pdf_text_layer(src: Path, notice_lines):
    p = write_pdf(src / "a.pdf", notice_lines, lines_per_page=4)
    text, _ = read_pdf(p)
    assert [line for line in text.split("\n") if line] == notice_lines


def test_html_main_text_and_page_metadata(src: Path, notice_lines):
    p = write_html(src / "a.html", notice_lines[0], notice_lines[2:6],
                   meta={"ArticleTitle": notice_lines[0], "PubDate": "2022-04-15"})
    text, hints = read_html(p)
    assert notice_lines[3] in text and "2022年4月14日" in text
    assert "政策文件" not in text and "网站标识码" not in text  # navigation and footer
    assert hints["title"] == notice_lines[0] and hints["published"] == "2022-04-15"


def test_html_in_gbk(src: Path):
    p = write_html(src / "a.html", "某某办法", ["第一条 为规范管理，制定本办法。"], encoding="gbk")
    assert "第一条 为规范管理" in read_html(p)[0]


@pytest.mark.parametrize(("name", "make", "kind", "says"), [
    ("scan.pdf", lambda p: write_scanned_pdf(p), "scanned_pdf", "OCR"),
    ("locked.pdf", lambda p: write_encrypted_pdf(p, ["加密的政策文本内容"]), "encrypted_pdf",
     "password"),
    ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4 garbage"), "corrupt", "not a readable PDF"),
    ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not really"), "corrupt", "save it again"),
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "unsupported", "save it as .docx"),
    ("notes.md", lambda p: p.write_text("# x"), "unsupported", "unsupported file type .md"),
    ("empty.txt", lambda p: p.write_bytes(b""), "empty", "empty"),
    ("empty.html", lambda p: p.write_bytes(b"  "), "empty", "empty"),
])
def test_unreadable_files_say_what_and_what_to_do(src: Path, name, make, kind, says):
    p = src / name
    make(p)
    with pytest.raises(ReadError) as err:
        read_file(p)
    assert err.value.kind == kind
    assert says in str(err.value) and name in str(err.value)
