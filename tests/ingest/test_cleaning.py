"""Export boilerplate: PKULaw headers, web lines, page numbers, repeated titles, own rules."""

from __future__ import annotations

from pathlib import Path

from analysis.ingest.cleaning import clean_text, load_export_patterns, same_title

PKULAW = ("    【法宝引证码】 CLI.12.5115678\n"
          "原文链接：https://www.pkulaw.com/lar/abc.html\n"
          "某市关于印发某办法(2021—2023年)的通知\n"
          "某市关于印发某办法（2021-2023年）的通知\n"
          "某府发〔2022〕1号\n正文第一段。\n")


def test_pkulaw_header_is_removed_and_kept_as_hints():
    c = clean_text(PKULAW)
    assert c.text.split("\n")[:2] == ["某市关于印发某办法（2021-2023年）的通知",
                                      "某府发〔2022〕1号"]
    assert c.captured == {"citation": "CLI.12.5115678",
                          "source_url": "https://www.pkulaw.com/lar/abc.html"}
    assert c.repeated_title.startswith("某市关于印发某办法(2021")


def test_web_lines_and_page_numbers():
    raw = ("来源：某市科技局  发布时间：2022-05-06  浏览次数：123\n第一条 正文。\n- 3 -\n"
           "第 4 页 共 10 页\n第二条 正文。\n【打印】【关闭】\n")
    c = clean_text(raw)
    assert c.text == "第一条 正文。\n第二条 正文。"
    assert c.captured["published"] == "2022-05-06" and c.captured["source"] == "某市科技局"


def test_policy_text_is_untouched():
    body = "一、总体要求\n（一）到2025年，发布时间表另行通知。\n3\n第一条 本办法自发布之日起施行。"
    assert clean_text(body).text == body


def test_two_different_first_lines_are_both_kept():
    c = clean_text("某市人民政府办公厅\n关于印发某办法的通知\n正文。")
    assert c.text.startswith("某市人民政府办公厅\n关于") and c.repeated_title == ""


def test_own_pattern_file(tmp_path: Path):
    p = tmp_path / "mine.toml"
    p.write_text('drop_repeated_title = false\n[[pattern]]\nkind = "line"\n'
                 'regex = "^本文来自某数据库"\n', encoding="utf-8")
    pats = load_export_patterns(p)
    assert clean_text("本文来自某数据库\n正文\n正文", patterns=pats).text == "正文\n正文"


def test_same_title_ignores_widths_and_quotes():
    assert same_title("《某办法》的通知", "某办法的通知")
    assert not same_title("某办法的通知", "某规定的通知")


def test_long_line_holding_a_font_switch_keeps_its_text():
    body = "为推进科技创新,制定本办法。" * 2300
    c = clean_text("某市科技创新办法\n字体:[大中小]" + body)
    assert c.text == "某市科技创新办法\n" + body
    assert c.removed == []


def test_short_font_switch_line_is_still_dropped():
    c = clean_text("某市科技创新办法\n字体:[大中小]\n正文。")
    assert c.text == "某市科技创新办法\n正文。"
