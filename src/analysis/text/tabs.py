"""Tab-separated table cells in plain text, written as ``|``-joined rows.

A table copied from a spreadsheet or a Word table into a ``.txt`` file (and Word's own
"save as text") keeps one tab between two cells: ``序号⇥奖励事项⇥奖励标准``. Made a space,
and the space between Chinese characters then dropped, the cells of a row would run
together (``序号奖励事项奖励标准``). :func:`tab_rows` writes such a row as the Word and HTML
readers write a table row, cells joined by ``|`` (the form the clause, outline and targets
stages read as a table), and every other tab as a space:

- tabs at the start or the end of a line are white space (a first-line indent);
- a tab right after an outline label (``一、⇥总体要求``, ``(一)⇥``, ``1.⇥``, ``第一条⇥``) is the
  space between the label and its title;
- between two cells, a run of tabs (with any spaces around them, and cells of white space
  alone) is one boundary: a row typed with tabs lines its columns up with several;
- a line of two cells is a row only beside another row (the line just above or below has
  a cell boundary too): one tab inside running prose (``联系人：某某⇥电话：…``) is a space,
  as it was before; a line of three cells or more is a row on its own.

A line may change length, never the number of lines: normalisation cleans the lines that
come out and converts them to simplified characters, so ``text`` and ``text_orig`` (both
made from these lines) stay aligned.
"""

from __future__ import annotations

import re

from analysis.text.chars import CN_NUMERAL_CHARS

__all__ = ["CELL_SEP", "tab_rows"]

#: what joins the cells of a row (as the ``.docx`` and HTML readers join them)
CELL_SEP = "|"

_NUM = rf"[{CN_NUMERAL_CHARS}\d]+"
#: an outline label alone before the first tab (widths already made half-width)
_LABEL = re.compile(
    rf"(?:[{CN_NUMERAL_CHARS}]+、|\({_NUM}\)|（{_NUM}）|\d{{1,3}}[.、．]|"
    rf"第{_NUM}[条章节篇款部分]+|[\u2460-\u2473])")
#: a cell boundary: a run of tabs with the white space around it
_BOUNDARY = re.compile(r"\s*\t\s*")


def _cells(line: str) -> tuple[str, list[str]]:
    """The label that a tab follows (``""`` when none) and the cells of the rest."""
    body = line.strip(" \t")
    head, tab, rest = body.partition("\t")
    if tab and _LABEL.fullmatch(head.strip()):
        label = head.strip() + " "
        body = rest.strip(" \t")
    else:
        label = ""
    if "\t" not in body:
        return label, [body]
    return label, [c for c in _BOUNDARY.split(body) if c]


def tab_rows(lines: list[str]) -> list[str]:
    """``lines`` with the tabs of each made cell boundaries (``|``) or spaces.

    ``lines`` are the lines of a document after width normalisation, tabs kept. A line
    without a tab comes back as it is.

    Parameters
    ----------
    lines : list of str
        The document's lines.

    Returns
    -------
    list of str
        The same number of lines, without tabs.

    Examples
    --------
    >>> tab_rows(["序号\\t奖励事项\\t奖励标准", "1\\t高新技术企业\\t\\t30万元"])
    ['序号|奖励事项|奖励标准', '1|高新技术企业|30万元']
    >>> tab_rows(["一、\\t总体要求", "\\t联系人：某某\\t电话：12345678"])
    ['一、 总体要求', '联系人：某某 电话：12345678']
    >>> tab_rows(["项目\\t上限", "平台建设\\t最高200万元"])
    ['项目|上限', '平台建设|最高200万元']
    """
    if not any("\t" in line for line in lines):
        return lines
    parsed = [_cells(line) if "\t" in line else ("", [line]) for line in lines]
    n = len(parsed)
    out = []
    for i, (line, (label, cells)) in enumerate(zip(lines, parsed, strict=True)):
        if "\t" not in line:
            out.append(line)
            continue
        row = len(cells) >= 3 or (len(cells) == 2 and (
            (i > 0 and len(parsed[i - 1][1]) >= 2)
            or (i + 1 < n and len(parsed[i + 1][1]) >= 2)))
        out.append(label + (CELL_SEP if row else " ").join(cells))
    return out
