"""Enumerations inside a paragraph: ``一是…二是…三是…`` and ``①②③``.

The outline parser (:mod:`analysis.structure.outline`) looks for them in the text of each
item: ``一是`` opens an enumeration where a ``二是`` follows after a phrase boundary, and
the items go on while the numbers do; circled numbers count from ① while the next one
follows (a lone ① is more often a footnote mark than a list).

Examples
--------
>>> text = "要做到:一是加强领导;二是落实责任。"
>>> [(m.label, m.number) for m in enumeration_marks(text, 0, len(text), lambda p, b: b)]
[('一是', 1), ('二是', 2)]
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.structure.labels import CIRCLED, CN_LABEL_DIGITS, ENUM_RE
from analysis.structure.marks import Mark
from analysis.text.chars import cn_to_int

__all__ = ["enumeration_marks"]

#: a character before 一是 that ends a phrase, so that 一是 starts an enumeration item
_ENUM_BOUNDARY = set("。;；,，、:：!！?？\n )）")


def enumeration_marks(text: str, a: int, b: int,
                      line_end: Callable[[int, int], int]) -> list[Mark]:
    """The inline marks of the enumerations in ``text[a:b]``, in text order.

    Parameters
    ----------
    text : str
        The document.
    a, b : int
        The span to search (an item's text).
    line_end : callable
        ``line_end(pos, limit)``: the end of the line holding ``pos``, at most ``limit``.

    Returns
    -------
    list of Mark
        ``enum`` marks (一是, 二是 …) and ``circled`` ones (①, ② …, two at least).
    """
    out: list[Mark] = []
    cands = [(m.start(), cn_to_int(m.group(1)), m) for m in ENUM_RE.finditer(text, a, b)]
    bound = [p > 0 and text[p - 1] in _ENUM_BOUNDARY for p, _n, _m in cands]
    # next_two[k] / next_one[k]: first later 二是 / 一是 that follows a sentence break
    n_c = len(cands)
    next_two, next_one = [n_c] * (n_c + 1), [n_c] * (n_c + 1)
    for k in range(n_c - 1, -1, -1):
        nxt = k + 1
        next_two[k] = nxt if nxt < n_c and cands[nxt][1] == 2 and bound[nxt] \
            else next_two[nxt]
        next_one[k] = nxt if nxt < n_c and cands[nxt][1] == 1 and bound[nxt] \
            else next_one[nxt]
    k = 0
    while k < n_c:
        p, num, m = cands[k]
        prev_ch = text[p - 1] if p > 0 else "\n"
        if (num != 1 or prev_ch in CN_LABEL_DIGITS or prev_ch == "第"
                or next_two[k] >= min(next_one[k], n_c)):
            k += 1
            continue
        seq = [m]
        want = 3
        last = next_two[k]
        seq.append(cands[last][2])
        j = last + 1
        while j < n_c:
            if cands[j][1] == want and bound[j]:
                seq.append(cands[j][2])
                want, last = want + 1, j
            elif cands[j][1] == 1 and bound[j]:
                break
            j += 1
        for mm in seq:
            out.append(Mark(mm.start(), "label", "enum", cn_to_int(mm.group(1)),
                             mm.group(0), mm.end(), line_end(mm.start(), b),
                             inline=True))
        k = last + 1
    want, pos = 1, a
    circled: list[Mark] = []
    while True:
        p = text.find(CIRCLED[want - 1], pos, b) if want <= len(CIRCLED) else -1
        if p < 0:
            break
        circled.append(Mark(p, "label", "circled", want, CIRCLED[want - 1], p + 1,
                             line_end(p, b), inline=True))
        want, pos = want + 1, p + 1
    if len(circled) >= 2:  # a lone ① is more often a footnote mark than a list
        out += circled
    return out
