"""PDF text back into paragraphs: page furniture dropped, hard-wrapped lines joined."""

from __future__ import annotations

from pathlib import Path

from analysis.ingest.pdftext import is_page_number, pdf_paragraphs
from analysis.ingest.readers import read_pdf
from tests.ingest.make_files import write_pdf

# a paragraph wrapped at 16 em, as a narrow page prints it
WRAPPED = ["到2025年，全市数字经济核心产业增加值",
           "占比达到10%，规模以上企业达到200家，",
           "建成一批示范园区，形成较强的竞争力。"]
JOINED = "".join(WRAPPED)


def test_page_numbers_in_printers_forms():
    assert all(map(is_page_number, ["— 3 —", "-12-", "－ 4 －", "第 2 页 共 9 页", "3/12", "7"]))
    assert not any(map(is_page_number, ["2025年", "一、总体要求", "— 一 —", "3.5%"]))


def test_hard_wrapped_lines_join_and_page_numbers_go():
    text = pdf_paragraphs(["一、总体要求\n" + "\n".join(WRAPPED[:2]) + "\n— 1 —",
                           WRAPPED[2] + "\n二、主要任务\n— 2 —"])
    assert text.split("\n") == ["一、总体要求", JOINED, "二、主要任务"]


def test_heading_after_a_full_line_ending_a_sentence_starts_a_paragraph():
    text = pdf_paragraphs(["\n".join([*WRAPPED, "（一）建设数字基础设施。加快建设5G基",
                                      "站，实现城区和重点乡镇全覆盖。"])])
    assert text.split("\n") == [JOINED,
                                 "（一）建设数字基础设施。加快建设5G基站，实现城区和重点乡镇全覆盖。"]


def test_short_heading_line_starts_a_paragraph_after_a_line_without_a_full_stop():
    lines = [*WRAPPED[:2], "建成一批示范园区，形成较强的竞争力量", "三、保障措施", WRAPPED[0]]
    assert pdf_paragraphs(["\n".join(lines)]).split("\n") == [
        "".join(lines[:3]), "三、保障措施", WRAPPED[0]]


def test_numerals_listed_at_a_wrap_do_not_start_a_paragraph():
    lines = [WRAPPED[0], "占比达到10%，推动农业与第一产业和第", "二、三产业融合发展。", WRAPPED[1]]
    first = pdf_paragraphs(["\n".join(lines)]).split("\n")[0]
    assert first.endswith("第一产业和第二、三产业融合发展。")


def test_indented_line_starts_a_paragraph():
    lines = [WRAPPED[0], WRAPPED[1], "\u3000\u3000" + WRAPPED[2][:-2]]
    assert pdf_paragraphs(["\n".join(lines)]).split("\n") == [
        WRAPPED[0] + WRAPPED[1], lines[2]]


def test_running_header_dropped_but_the_title_on_page_one_kept():
    title = "某市数字经济发展规划"
    pages = [f"{title}\n" + "\n".join(WRAPPED[i:] + WRAPPED[:i]) + f"\n- {i + 1} -"
             for i in range(3)]
    lines = pdf_paragraphs(pages).split("\n")
    assert lines[0] == title and title not in "".join(lines[1:])
    assert "".join(lines[1:]) == "".join(WRAPPED) + "".join(WRAPPED[1:] + WRAPPED[:1]) + \
        "".join(WRAPPED[2:] + WRAPPED[:2])


def test_text_without_hard_wraps_keeps_its_lines():
    lines = ["一、总体要求", "到2025年，数字经济核心产业增加值占比达到10%。", "二、主要任务",
             "加快建设。"]
    assert pdf_paragraphs(["\n".join(lines)]).split("\n") == lines


def test_latin_words_split_by_a_wrap_keep_a_space():
    lines = ["推进工业互联网平台建设，支持企业上云，建设 Industrial",
             "Internet 平台和标识解析节点，提升服务能力和水平，推动企业",
             "形成一批示范项目，提升服务能力和水平，推动产业高质量发", "展。"]
    assert "Industrial Internet" in pdf_paragraphs(["\n".join(lines)])


def test_number_cut_by_a_wrap_is_whole_again():
    lines = ["推动虚拟现实与先进制造、文化旅游、教育培训等领域融合发展，",
             "深度延伸，打造形成涵盖关键零部件、感知设备、内容制作各环",
             "节的完整产业链。力争到2025年，全省虚拟现实产业规模达到20",
             "00亿元。"]
    assert "规模达到2000亿元。" in pdf_paragraphs(["\n".join(lines)])


def test_read_pdf_gives_paragraphs(src: Path):
    p = write_pdf(src / "a.pdf", ["某市数字经济发展规划", "一、总体要求", *WRAPPED[:2], "— 1 —",
                                  WRAPPED[2], "二、主要任务", "— 2 —"], lines_per_page=5)
    text, _ = read_pdf(p)
    assert text.split("\n") == ["某市数字经济发展规划", "一、总体要求", JOINED, "二、主要任务"]


_FULL = "一二三四五六七八九十一二三四五六七八九十一二三四五六七"  # 27 em


def test_short_line_after_a_full_stop_stays_apart():
    page = "\n".join([_FULL + "八", _FULL + "八", _FULL[:26] + "行。", "保障措施",
                      _FULL + "八", _FULL[:25] + "贯彻执行。",
                      "某某市人民政府办公室", "— 1 —"])
    assert pdf_paragraphs([page]).split("\n") == [
        _FULL + "八" + _FULL + "八" + _FULL[:26] + "行。", "保障措施",
        _FULL + "八" + _FULL[:25] + "贯彻执行。", "某某市人民政府办公室"]


def test_list_items_start_a_paragraph_after_a_full_line():
    page = "\n".join([_FULL + "八", _FULL + "；", "②推进" + _FULL[:25], "——推进" + _FULL[:24],
                      "第二，" + _FULL[:25] + "。", "— 1 —"])
    assert pdf_paragraphs([page]).split("\n") == [
        _FULL + "八" + _FULL + "；", "②推进" + _FULL[:25], "——推进" + _FULL[:24],
        "第二，" + _FULL[:25] + "。"]


def test_first_line_indented_by_a_shift_joins_its_paragraph():
    # a first line 2 em short of the full lines (indent as a position shift)
    page = "\n".join([_FULL[:26], _FULL + "八", _FULL[:10] + "。", _FULL[:21] + "4+N，开",
                      _FULL + "八", _FULL[:5] + "。", "— 1 —"])
    assert pdf_paragraphs([page]).split("\n") == [
        _FULL[:26] + _FULL + "八" + _FULL[:10] + "。",
        _FULL[:21] + "4+N，开" + _FULL + "八" + _FULL[:5] + "。"]


def test_dashes_quotes_and_ellipsis_count_one_em():
    from analysis.ingest.pdftext import _width
    assert _width("——“数字”…") == 7.0


def test_a_number_or_roman_letters_at_one_page_edge_is_text():
    pages = ["一、总体要求\n合计\n120\n-1-", "civil\n二、主要任务\n-2-", "三、保障措施\n-3-"]
    assert pdf_paragraphs(pages).split("\n") == [
        "一、总体要求", "合计", "120", "civil", "二、主要任务", "三、保障措施"]


def test_latin_punctuation_across_a_wrap_keeps_its_space():
    text = pdf_paragraphs(["\n".join([_FULL + "八", _FULL[:22] + "in Beijing,",
                                      "Shanghai" + _FULL[:24], _FULL[:20] + "。", "— 1 —"])])
    assert "Beijing, Shanghai" in text
