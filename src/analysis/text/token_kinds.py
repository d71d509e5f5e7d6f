"""Token kinds: whether a token is Chinese, a number, Latin, white space or punctuation.

:func:`token_kind` is the rule, written with regular expressions, for one token.
:func:`kind_codes` gives the same answer for every token of a text at once: each character
has a class (a bit in a table over the Basic Multilingual Plane), the classes are OR-ed over
each token, and the combined bits decide its kind. Tokens with a character whose kind needs
the regular expressions themselves (astral characters, ‰, white space mixed with other
characters) are passed to :func:`token_kind`. A test checks that both always agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from analysis.text.chars import HAN_RE

__all__ = ["KINDS", "KIND_CODES", "kind_codes", "token_kind"]

#: The token kinds, in the order of their codes (:func:`kind_codes`).
KINDS = ("han", "number", "latin", "space", "punct", "other")
#: The code of each kind: its index in :data:`KINDS`.
KIND_CODES: dict[str, int] = {k: i for i, k in enumerate(KINDS)}

# A number token: digits with separators, signs and units (2023-11-16, 3.5%, 10:30, 1/4),
# or a decimal with an optional percent or per-mille sign.
_NUMBER_SYMBOLS = ".,%+-—~/:×"
_NUMBER = re.compile(r"^[0-9.,%+\-—~/:×]+$|^[0-9]+(\.[0-9]+)?[%‰]?$")
_LATIN = re.compile(r"[A-Za-z]")
_WORDCHAR = re.compile(r"\w")

# Character classes, one bit each; a token's bits are the OR of its characters' bits.
_C_HAN, _C_DIGIT, _C_NUMSYM, _C_LATIN, _C_SPACE, _C_WORD, _C_PUNCT, _C_ODD = (
    1, 2, 4, 8, 16, 32, 64, 128)


def token_kind(token: str) -> str:
    """The kind of one token: ``han``, ``number``, ``latin``, ``space``, ``punct`` or ``other``.

    A token with a Han character is ``han``; digits with number separators are ``number``;
    a token with a Latin letter is ``latin``; a token without any letter or digit is
    ``punct``; anything else (such as ①) is ``other``.

    Examples
    --------
    >>> [token_kind(t) for t in ("创新", "2025", "3.5%", "R&D", "。", " ", "①")]
    ['han', 'number', 'number', 'latin', 'punct', 'space', 'other']
    """
    if HAN_RE.search(token):
        return "han"
    if _NUMBER.match(token):
        return "number"
    if _LATIN.search(token):
        return "latin"
    if token.isspace():
        return "space"
    if not _WORDCHAR.search(token):
        return "punct"
    return "other"


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """The class bits of every Basic Multilingual Plane character (``uint8[65536]``).

    Built with a few regex scans over all 65,536 characters (milliseconds, in each worker
    process); :func:`_class_table_reference` is the plain loop it must equal (tested).
    """
    chars = "".join(map(chr, range(0x10000)))
    table = np.full(0x10000, _C_PUNCT, dtype=np.uint8)

    def mark(pattern: str, value: int) -> None:
        for m in re.finditer(f"(?:{pattern})+", chars):  # runs of matching characters
            table[m.start():m.end()] = value

    # lowest priority first: each assignment overrides the ones before
    mark(r"\w", _C_WORD)
    mark(r"\s", _C_SPACE)
    table[[ord("‰"), *range(0xD800, 0xE000)]] = _C_ODD
    mark(_LATIN.pattern, _C_LATIN)
    table[[ord(c) for c in _NUMBER_SYMBOLS]] = _C_NUMSYM
    table[ord("0"):ord("9") + 1] = _C_DIGIT
    mark(HAN_RE.pattern, _C_HAN)
    return table


def _class_table_reference() -> np.ndarray:
    """:func:`_class_table` written as a plain loop over the characters (slow; the oracle)."""
    table = np.empty(0x10000, dtype=np.uint8)
    numsym = set(_NUMBER_SYMBOLS)
    for cp in range(0x10000):
        ch = chr(cp)
        if HAN_RE.match(ch):
            c = _C_HAN
        elif "0" <= ch <= "9":
            c = _C_DIGIT
        elif ch in numsym:
            c = _C_NUMSYM
        elif _LATIN.match(ch):
            c = _C_LATIN
        elif ch == "‰" or 0xD800 <= cp <= 0xDFFF:
            c = _C_ODD
        elif ch.isspace():
            c = _C_SPACE
        elif _WORDCHAR.match(ch):
            c = _C_WORD
        else:
            c = _C_PUNCT
        table[cp] = c
    return table


def kind_codes(text: str, starts: np.ndarray, ends: np.ndarray, *,
               codepoints: np.ndarray | None = None) -> np.ndarray:
    """The kind of each token ``text[starts[i]:ends[i]]``, as codes into :data:`KINDS`.

    :func:`token_kind` for all tokens at once, without a Python object per token.

    Parameters
    ----------
    text : str
        The text the tokens tile.
    starts, ends : numpy.ndarray of int
        Token offsets; the tokens tile ``text`` (each starts where the previous one ends).
    codepoints : numpy.ndarray of uint32, optional, keyword-only
        The code points of ``text`` (``numpy.frombuffer(text.encode("utf-32-le"),
        numpy.uint32)``), if the caller has them already.

    Returns
    -------
    numpy.ndarray of uint8

    Examples
    --------
    >>> codes = kind_codes("科技2025年R&D。", np.array([0, 2, 6, 7, 10]),
    ...                    np.array([2, 6, 7, 10, 11]))
    >>> [KINDS[c] for c in codes]
    ['han', 'number', 'han', 'latin', 'punct']
    """
    if codepoints is None:
        codepoints = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cls = _class_table()[np.minimum(codepoints, 0xFFFF)]
    astral = codepoints > 0xFFFF
    if astral.any():
        cls[astral] = _C_ODD
    m = np.bitwise_or.reduceat(cls, starts) if len(starts) else np.zeros(0, np.uint8)
    codes = np.full(len(m), KIND_CODES["other"], dtype=np.uint8)
    no_word = (m & (_C_DIGIT | _C_WORD)) == 0
    codes[no_word] = KIND_CODES["punct"]
    codes[m == _C_SPACE] = KIND_CODES["space"]
    codes[(m & _C_LATIN) != 0] = KIND_CODES["latin"]
    codes[(m & ~np.uint8(_C_DIGIT | _C_NUMSYM)) == 0] = KIND_CODES["number"]
    codes[(m & _C_HAN) != 0] = KIND_CODES["han"]
    odd = ((m & _C_ODD) != 0) | (((m & _C_SPACE) != 0) & (m != _C_SPACE))
    for i in np.flatnonzero(odd).tolist():
        codes[i] = KIND_CODES[token_kind(text[starts[i]:ends[i]])]
    return codes
