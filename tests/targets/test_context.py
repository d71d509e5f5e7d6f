"""analysis.targets.context: the prepared text and hard-wrapped lines."""

from __future__ import annotations

from analysis.targets.context import _width, join_wrapped_lines


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
