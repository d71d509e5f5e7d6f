"""Word's automatic numbering: the label a numbered paragraph shows is in the text read."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.docxnum import chinese_number, format_number
from analysis.ingest.readers import ReadError, read_docx
from tests.ingest.make_files import patch_docx, write_numbered_docx

CHINESE = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]
ITEMS = [(0, "总体要求"), (None, "正文。"), (1, "指导思想"), (1, "基本原则"), (0, "主要任务"),
         (1, "建设数字基础设施")]


@pytest.mark.parametrize("via_style", [False, True])
def test_chinese_labels_restart_under_each_heading(src: Path, via_style: bool):
    p = write_numbered_docx(src / "a.docx", ITEMS, CHINESE, via_style=via_style)
    text, _ = read_docx(p)
    assert text.split("\n") == ["一、总体要求", "正文。", "（一）指导思想", "（二）基本原则",
                                "二、主要任务", "（一）建设数字基础设施"]


def test_chapters_and_decimal_labels(src: Path):
    items = [(0, "总则"), (1, "适用范围"), (1, "术语"), (0, "要求")]
    p = write_numbered_docx(src / "a.docx", items,
                            [("chineseCounting", "第%1章"), ("decimal", "%2.")])
    assert read_docx(p)[0].split("\n") == ["第一章 总则", "1.适用范围", "2.术语", "第二章 要求"]


def test_bullets_give_no_label(src: Path):
    p = write_numbered_docx(src / "a.docx", [(0, "第一项"), (0, "第二项")], [("bullet", "●")])
    assert read_docx(p)[0].split("\n") == ["第一项", "第二项"]


def test_number_formats():
    assert [chinese_number(n) for n in (1, 10, 11, 19, 20, 21, 100, 101)] == [
        "一", "十", "十一", "十九", "二十", "二十一", "一百", "一百零一"]
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(1, "decimalFullWidth") == "１"


def test_levels_and_starts_written_as_decimals_are_read(src: Path):
    p = write_numbered_docx(src / "a.docx", [(0, "总则"), (1, "范围"), (0, "要求")],
                            [("chineseCounting", "%1、"), ("decimal", "%2.")])
    patch_docx(p, "word/numbering.xml", '<w:start w:val="1"/>', '<w:start w:val="1.0"/>')
    patch_docx(p, "word/numbering.xml", 'w:ilvl="1"', 'w:ilvl="1.0"')
    patch_docx(p, "word/document.xml", '<w:ilvl w:val="1"/>', '<w:ilvl w:val="1.0"/>')
    assert read_docx(p)[0].split("\n") == ["一、总则", "1.范围", "二、要求"]


def test_unreadable_start_counts_from_one(src: Path):
    p = write_numbered_docx(src / "a.docx", [(0, "总则"), (0, "要求")],
                            [("chineseCounting", "%1、")])
    patch_docx(p, "word/numbering.xml", '<w:start w:val="1"/>', '<w:start w:val="x"/>')
    assert read_docx(p)[0].split("\n") == ["一、总则", "二、要求"]


def test_a_failure_inside_the_document_names_the_file(src: Path, monkeypatch):
    p = write_numbered_docx(src / "a.docx", [(0, "总则")], [("chineseCounting", "%1、")])

    def broken(cls, document):
        raise ValueError("bad markup")

    monkeypatch.setattr("analysis.ingest.readers.Numbering.of", classmethod(broken))
    with pytest.raises(ReadError, match=r"a\.docx") as err:
        read_docx(p)
    assert err.value.kind == "corrupt"


def test_an_empty_numbered_paragraph_still_counts(src: Path):
    p = write_numbered_docx(src / "a.docx", [(0, "总则"), (0, ""), (0, "要求")],
                            [("chineseCounting", "%1、")])
    assert read_docx(p)[0].split("\n") == ["一、总则", "", "三、要求"]


def test_legal_numbering_writes_every_number_in_decimal(src: Path):
    items = [(0, "总则"), (1, "范围"), (0, "要求"), (1, "术语")]
    p = write_numbered_docx(src / "a.docx", items,
                            [("chineseCounting", "第%1章"), ("decimal", "%1.%2")])
    assert read_docx(p)[0].split("\n")[1] == "一.1 范围"  # without isLgl
    patch_docx(p, "word/numbering.xml", '<w:lvl w:ilvl="1"><w:start w:val="1"/>',
               '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/>')
    assert read_docx(p)[0].split("\n") == ["第一章 总则", "1.1 范围", "第二章 要求", "2.1 术语"]


@pytest.mark.parametrize("through", ["style", "styleLink"])
def test_a_list_linked_to_a_numbering_style_takes_its_levels(src: Path, through: str):
    p = write_numbered_docx(src / "a.docx", [(0, "总则"), (0, "要求")],
                            [("chineseCounting", "%1、")])
    numbering = "word/numbering.xml"
    patch_docx(p, numbering, '<w:num w:numId="1">',
               '<w:abstractNum w:abstractNumId="79"><w:numStyleLink w:val="ListX"/>'
               '</w:abstractNum><w:num w:numId="1">')
    patch_docx(p, numbering, "</w:numbering>",
               '<w:num w:numId="11"><w:abstractNumId w:val="79"/></w:num></w:numbering>')
    patch_docx(p, "word/document.xml", '<w:numId w:val="10"/>', '<w:numId w:val="11"/>')
    if through == "style":
        patch_docx(p, "word/styles.xml", "</w:styles>",
                   '<w:style w:type="numbering" w:styleId="ListX"><w:name w:val="List X"/>'
                   '<w:pPr><w:numPr><w:numId w:val="10"/></w:numPr></w:pPr></w:style>'
                   "</w:styles>")
    else:
        patch_docx(p, numbering, 'w:abstractNumId="77">',
                   'w:abstractNumId="77"><w:styleLink w:val="ListX"/>')
    assert read_docx(p)[0].split("\n") == ["一、总则", "二、要求"]
