"""Normalisation (analysis.text.normalize): widths, spaces, boilerplate, simplification."""

from __future__ import annotations

import pytest

from analysis.text import load_boilerplate, normalize_text, normalize_width, to_simplified


@pytest.mark.parametrize(("raw", "want"), [
    ("（一）２０２５年", "(一)2025年"),
    ("科技\u3000创新", "科技 创新"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("R＆D经费", "R&D经费"),
])
def test_normalize_width(raw, want):
    assert normalize_width(raw) == want


@pytest.mark.parametrize(("trad", "simp"), [
    ("創新驅動發展戰略", "创新驱动发展战略"),
    ("產學研用相結合", "产学研用相结合"),
    ("萬通藥業", "万通药业"),
    ("國家醫藥高新技術產業開發區", "国家医药高新技术产业开发区"),
])
def test_to_simplified(trad, simp):
    assert to_simplified(trad) == simp


@pytest.mark.parametrize("raw", [
    "首頁 > 文章中心 > 正文\n一、總體要求",
    "无障碍 | 长者版\n一、总体要求\n扫一扫在手机打开当前页",
    "2022年07月16日 字体:[ 大 中 小]\n一、总体要求\n相关政策解读 |",
])
def test_boilerplate_lines_removed(raw):
    assert normalize_text(raw).text == "一、总体要求"


def test_policy_line_resembling_boilerplate_is_kept():
    # a sentence that mentions a home page is policy text, not a breadcrumb
    raw = "建设科技服务平台首页,方便企业查询。"
    assert normalize_text(raw).text == raw


def test_spaces_between_chinese_removed_latin_spaces_kept():
    n = normalize_text("任  务  内  容\nR&D  and GDP 占比")
    assert n.text == "任务内容\nR&D and GDP 占比"


def test_boilerplate_and_conversion_can_be_switched_off():
    raw = "首頁 > 文章中心\n創新"
    assert normalize_text(raw, boilerplate=None, opencc_config=None).text == raw


def test_user_boilerplate_file(tmp_path):
    f = tmp_path / "bp.toml"
    f.write_text("[[pattern]]\nkind = 'inline'\nregex = '【[^】]*】'\n", encoding="utf-8")
    assert normalize_text("【来源:网站】科技创新", boilerplate=f).text == "科技创新"


def test_bad_boilerplate_file_names_the_pattern(tmp_path):
    f = tmp_path / "bp.toml"
    f.write_text("[[pattern]]\nkind = 'line'\nregex = '(unclosed'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="pattern 1"):
        normalize_text("x", boilerplate=f)


def test_text_and_original_stay_aligned_and_conversions_are_counted():
    n = normalize_text("扫一扫在手机打开当前页\n科技創新  發展\n\n\n\n人才")
    assert n.text == "科技创新发展\n\n人才"
    assert n.text_orig == "科技創新發展\n\n人才"
    assert n.removed_lines == ("扫一扫在手机打开当前页",)
    assert n.converted_chars == 2


def test_patterns_loaded_once_can_be_passed():
    pats = load_boilerplate()
    assert load_boilerplate() is pats  # cached per file content
    raw = "首頁 > 文章中心 > 正文\n一、總體要求"
    assert normalize_text(raw, boilerplate=pats) == normalize_text(raw)


def test_invisible_characters_removed_and_lengths_kept_by_opencc():
    assert normalize_width("科\u200b技\ufeff") == "科技"
    trad = "乾隆年間,頭髮"
    assert len(to_simplified(trad)) == len(trad)


_BODY = "为推进科技创新,制定本办法。" * 2300  # one line of about 32,000 characters


def test_long_line_with_a_line_rule_fragment_loses_only_the_fragment():
    n = normalize_text("某市科技创新办法\n2021-03-04 字体:[大中小]" + _BODY)
    assert n.text == "某市科技创新办法\n2021-03-04 " + _BODY
    assert n.removed_lines == ()
    assert n.removed_chars == (
        ("font-size switch, with the web posting date on the same line", 8),)


def test_short_line_with_a_line_rule_fragment_is_dropped_whole():
    n = normalize_text("某市科技创新办法\n2021-03-04 字体:[大中小]\n" + _BODY)
    assert n.text == "某市科技创新办法\n" + _BODY
    assert n.removed_lines == ("2021-03-04 字体:[大中小]",)


def test_long_line_is_kept_whole_when_the_match_itself_is_long():
    # '^(打印本页|...).*$' matches the whole line: too long to be a web-page tool
    n = normalize_text("打印本页" + _BODY)
    assert n.text == "打印本页" + _BODY and n.removed_chars == ()


def test_max_line_chars_is_read_from_the_pattern_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("max_line_chars = 5\n[[pattern]]\nregex = '^附件'\n"
                    "[[pattern]]\nregex = '^注'\nmax_chars = 50\n", encoding="utf-8")
    first, second = load_boilerplate(path)
    assert (first.max_chars, second.max_chars) == (5, 50)
    n = normalize_text("附件一二三四五六\n注:一二三四五六\n正文", boilerplate=path)
    assert n.text == "一二三四五六\n正文"
    assert n.lost_share() == pytest.approx(10 / 18)


def test_bad_max_chars_names_the_pattern(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[[pattern]]\nregex = '^附件'\nmax_chars = 0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="pattern 1 has max_chars=0"):
        load_boilerplate(path)
