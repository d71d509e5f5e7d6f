"""Characters and numerals of Chinese text, defined once for every stage.

``HAN`` is the body of a regular-expression character class (CJK Unified Ideographs,
Extension A and the compatibility ideographs), so it can be combined with other
characters: ``re.compile(f"[{HAN}A-Za-z]+")``.
"""

from __future__ import annotations

import re

__all__ = ["CJK_PUNCT", "CN_DIGITS", "CN_NUMERAL_CHARS", "HAN", "HAN_RE", "cn_to_int"]

#: Han characters, as the inside of a regex character class.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: One Han character.
HAN_RE = re.compile(f"[{HAN}]")
#: CJK punctuation (symbols and punctuation block, full-width forms, quotes, book-title
#: marks, dashes, ellipsis, middle dot), as the inside of a regex character class.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef“”‘’《》〈〉—…·"

#: Chinese digits (两 is 2 as in 两年, 〇 and 零 are 0).
CN_DIGITS: dict[str, int] = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MAGNITUDES = {"十": 10, "百": 100, "千": 1000}
#: Every character a Chinese numeral of :func:`cn_to_int` is written with.
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_CN_MAGNITUDES)


def cn_to_int(s: str) -> int | None:
    """The value of a Chinese (or Arabic) numeral, or None if ``s`` is not one.

    Positional numerals (``十二`` 12, ``二十`` 20, ``一百零五`` 105, ``三千`` 3000) and
    digit-by-digit ones (``二〇二五`` 2025, as years are written) are both read.

    Examples
    --------
    >>> [cn_to_int(s) for s in ("十", "十二", "二十", "一百零五", "两", "二〇二五", "12")]
    [10, 12, 20, 105, 2, 2025, 12]
    >>> cn_to_int("一二十") is None, cn_to_int("") is None, cn_to_int("十一五") is None
    (True, True, True)
    """
    if not s:
        return None
    if s.isdecimal():
        return int(s)
    if any(ch not in CN_DIGITS and ch not in _CN_MAGNITUDES for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s):
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, digit, last_mag = 0, None, None
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row inside a positional numeral
            digit = CN_DIGITS[ch] if CN_DIGITS[ch] != 0 or digit is None else digit
        else:
            mag = _CN_MAGNITUDES[ch]
            if last_mag is not None and mag >= last_mag:
                return None
            total += (digit or 1) * mag
            digit, last_mag = None, mag
    return total + (digit or 0)
