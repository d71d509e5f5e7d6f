"""Han characters and Chinese numerals (analysis.text.chars)."""

from __future__ import annotations

import re

import pytest

from analysis.text.chars import CJK_PUNCT, HAN_RE, cn_to_int


@pytest.mark.parametrize(("numeral", "value"), [
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
    ("一百", 100), ("百", 100), ("一百零五", 105), ("一百二十", 120), ("三千", 3000),
    ("两千零二十", 2020), ("二〇二五", 2025), ("〇", 0), ("12", 12), ("１２", 12),
])
def test_numerals_positional_and_digit_by_digit(numeral, value):
    assert cn_to_int(numeral) == value


@pytest.mark.parametrize("text", ["", "十一五", "一二十", "十十", "百十百", "五A", "第一"])
def test_what_is_not_one_numeral_gives_none(text):
    # 十一五 is "the 11th five-year plan", not a number
    assert cn_to_int(text) is None


def test_han_covers_extension_a_and_compatibility_ideographs():
    assert HAN_RE.fullmatch("㐀") and HAN_RE.fullmatch("中") and HAN_RE.fullmatch("\uf900")
    assert not HAN_RE.search("、。A1")


def test_cjk_punctuation_class():
    punct = re.compile(f"[{CJK_PUNCT}]")
    assert all(punct.fullmatch(ch) for ch in "、。《》“”—…·\u3000（）")
    assert not punct.search("科A1,.")
