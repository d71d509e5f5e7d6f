"""analysis.targets.context: the prepared text and hard-wrapped lines."""

from __future__ import annotations

import random

from analysis.targets import targets_from_text
from analysis.targets.context import (
    _PREP_TABLE,
    MAX_SPAN,
    PHRASE_END,
    _width,
    join_wrapped_lines,
    phrase_bounds,
    prepare_text,
)


def test_width_counts_two_columns_per_non_ascii_character():
    assert _width("ab 1") == 4
    assert _width("建设10个") == 2 * 3 + 2
    assert _width("　中文，  \t") == 2 * 4  # trailing ASCII blanks are not counted
    assert _width("é\x7f") == 2 + 1


def test_hard_wrapped_lines_of_the_usual_width_are_joined():
    body = "\n".join(["建设10个左右具有行业或区域影响力的公共服"] * 8 + ["务平台。"])
    joined = join_wrapped_lines(body)
    assert "\n" not in joined and len(joined) == len(body)
    unwrapped = "一、总体要求\n到2025年,达到5家。"
    assert join_wrapped_lines(unwrapped) == unwrapped


def test_prepared_text_is_the_character_for_character_mapping_at_every_length():
    rng = random.Random(5)
    pool = [chr(c) for c in _PREP_TABLE] + list("达到１６０家，a1 \n") + [
        "\ud800", "\U0001F600", "\uffff", "\u3000"]  # a lone surrogate, an astral character
    for n in (0, 1, 255, 256, 257, 3000):
        text = "".join(rng.choice(pool) for _ in range(n))
        assert prepare_text(text) == text.translate(_PREP_TABLE)
    long = "达到１６０家，" * 100
    assert prepare_text(long) == "达到160家," * 100


def test_a_paragraph_broken_inside_a_text_that_is_not_hard_wrapped_is_joined():
    text = ("三是农业数字化转型稳步推进。农作物耕种收综合机械化率超过72%,农机应用北斗终端超过60\n"
            "万台套,智慧农业新模式得到推广。\n二、总体要求\n到2025年,达到5家。")
    joined = join_wrapped_lines(text)
    assert len(joined) == len(text)
    assert joined.count("\n") == 2          # the heading keeps its lines
    row = targets_from_text(text, year=2022).set_index("number_text").loc["60"]
    assert (row.value, row.unit) == (60, "万台套")


def test_a_long_heading_without_punctuation_is_not_joined_to_its_first_line():
    text = "(二)加快建设全国一体化算力网络国家枢纽节点\n到2025年,建成数据中心10个。"
    assert join_wrapped_lines(text) == text


def test_phrase_bounds_is_the_run_between_stop_characters():
    p = "到2025年,企业达到160家。下一句"
    assert phrase_bounds(p, p.index("160"), 0, len(p), PHRASE_END) == (7, 15)
    # no stop on either side: the limits given
    assert phrase_bounds("企业达到160家", 4, 0, 8, PHRASE_END) == (0, 8)
    # stop characters that are special inside a pattern's class
    p = "a]b^c-d\\e"
    assert phrase_bounds(p, 4, 0, len(p), "]^-\\") == (4, 5)


def test_phrase_bounds_reaches_at_most_max_span_to_each_side():
    p = "字" * (MAX_SPAN + 50) + "。" + "字" * (3 * MAX_SPAN)
    pos = MAX_SPAN + 50 + 1 + MAX_SPAN + 10
    assert phrase_bounds(p, pos, 0, len(p), PHRASE_END) == (pos - MAX_SPAN, pos + MAX_SPAN)


def test_phrase_bounds_reads_a_negative_offset_as_str_find_does():
    # pos -1 (the character before a run at offset 0): str.find counts it from the end
    p = "到2025年,企业达到160家。"
    assert phrase_bounds(p, -1, 0, len(p), PHRASE_END) == (-1, len(p) - 1)


def test_protected_spans_close_at_a_line_break_and_nest():
    from analysis.targets.context import protected_spans

    assert protected_spans("《规划\n》到“两个〈维护〉”。") == [(6, 14)]
    assert protected_spans("无\n》\n“a<b>c”") == [(4, 11)]
    assert protected_spans("a<b《c>d》") == []  # the outer < never closes
def test_a_wrapped_line_with_many_digits_or_wider_than_the_margin_is_joined():
    # digits are set narrower, so their line ends short of the margin; a line wider than
    # the margin is two wrapped lines run together; both end inside a word
    body = ["我国数字经济规模稳步增长数字产业规模稳步增长数字技术"] * 8
    text = "\n".join([*body, "2022 年,电子信息制造业实现营业收入15.4万亿元,同",
                       "比增长5.5%。" + "数字化转型深入推进" * 4 + "零售额达13.79万亿",
                       "元,同比增长4%。"])
    joined = join_wrapped_lines(text)
    assert joined.count("\n") == 0
    rows = targets_from_text(text, year=2023)
    assert list(rows.unit) == ["万亿元", "%", "万亿元", "%"]
    assert "比增长" not in rows.indicator.iloc[1][:3]


def test_table_rows_and_a_short_heading_of_a_hard_wrapped_text_are_not_joined():
    body = ["建设具有行业或区域影响力的公共服务平台推动企业数字化转型升"] * 8
    rows = ["序号 指标名称 单位 2020年 2025年 属性 数据来源部门",
            "1 数字经济核心产业增加值 亿元 500 1000 预期性",
            "2\t工业互联网平台数量\t个\t5\t20\t预期性"]
    text = "\n".join([*body[:4], "发展目标", *body[4:], *rows, "务平台。"])
    joined = join_wrapped_lines(text)
    lines = joined.split("\n")
    assert "发展目标" in lines
    assert all(row in lines for row in rows)


def test_blanked_equals_blanking_each_character():
    import random

    from analysis.targets.context import _blanked

    rng = random.Random(3)
    for _ in range(2000):
        p = "".join(rng.choice("ab\n 中") for _ in range(rng.randint(0, 30)))
        spans = []
        for _ in range(rng.randint(0, 4)):
            a = rng.randint(0, len(p))
            spans.append((a, rng.randint(a, len(p))))
        spans.sort()
        out = list(p)
        for a, b in spans:
            for k in range(a, b):
                out[k] = " "
        assert _blanked(p, spans) == "".join(out)
