"""Documents written as files of each form read back to the same paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.evaluation.forms import FORMS
from analysis.evaluation.render import PdfLayout, heading_level, wrap_line
from analysis.ingest.readers import read_file

TEXT = "\n".join([
    "某市人民政府关于印发数字经济发展规划的通知",
    "各区人民政府，市直有关部门：",
    "现将《某市数字经济发展规划》印发给你们，请认真贯彻执行。",
    "一、总体要求",
    "（一）发展目标。到2025年，全市数字经济核心产业增加值占地区生产总值比重达到10%，"
    "规模以上数字经济企业达到200家，建成5G基站3000个，培育Industrial Internet平台5个。",
    "（二）基本原则",
    "坚持创新驱动，坚持融合发展，坚持安全可控，坚持开放合作，推动数字经济和实体经济深度融合。",
    "二、主要任务",
    "（一）建设数字基础设施",
    "加快建设千兆光网和5G网络，实现城区和重点乡镇全覆盖。" * 3,
])


def _lines(text: str) -> list[str]:
    return [s.strip().strip("\u3000") for s in text.split("\n") if s.strip()]


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_form_reads_back_to_the_paragraphs(tmp_path: Path, form: str):
    path = FORMS[form](tmp_path / "doc", TEXT, "某市数字经济发展规划")
    got = _lines(read_file(path).text)
    if form == "html":  # the page's own title and posting line come before the text
        got = got[got.index(_lines(TEXT)[0]):]
    assert got == _lines(TEXT)


def test_pdf_pages_carry_page_numbers_and_a_header(tmp_path: Path):
    import pypdfium2 as pdfium

    path = FORMS["pdf-wide"](tmp_path / "doc", "\n".join([TEXT] * 3), "某市数字经济发展规划")
    pdf = pdfium.PdfDocument(str(path))
    first, second = (pdf[i].get_textpage().get_text_range().split("\r\n") for i in (0, 1))
    assert first[0] != "某市数字经济发展规划" and first[-1] == "-1-"
    assert second[0] == "某市数字经济发展规划" and second[-1] == "-2-"
    assert PdfLayout().page_number.format(n=3) == "— 3 —"


def test_wrap_keeps_numbers_whole_and_hangs_punctuation():
    assert wrap_line("达到2000亿元。", 3, indent=0) == ["达到", "2000亿", "元。"]


def test_heading_levels_follow_first_use():
    heads = heading_level(["第一章 总则", "一、目标", "（一）任务", "二、任务。内容。"])
    assert [h[0] for h in heads] == [1, 2, 0, 2] and heads[3][2] == "任务。内容。"


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_same_text_gives_the_same_file(tmp_path: Path, form: str):
    a = FORMS[form](tmp_path / "a", TEXT, "规划").read_bytes()
    b = FORMS[form](tmp_path / "b", TEXT, "规划").read_bytes()
    assert a == b


def test_numbered_word_lists_that_start_again_read_back(tmp_path: Path):
    text = ("一、甲\n二、乙\n附件\n一、总体要求\n（一）目标\n（二）原则\n正文\n（一）另一个列表\n"
            "（二）第二项\n二、任务\n（一）子项\n三、保障\n五、跳号")
    assert read_file(FORMS["docx-numbered"](tmp_path / "a", text, "")).text == text


def test_paragraphs_kept_counts_only_whole_paragraphs():
    from analysis.evaluation.forms import paragraphs_kept
    source = "一、总体要求\n坚持创新驱动。\n\n保障措施\n某某市人民政府办公室"
    read = "一、总体要求\n坚持 创新驱动。保障措施\n某某市人民政府办公室"
    assert paragraphs_kept(source, read) == [True, False, False, True]
