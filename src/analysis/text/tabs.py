"""Tab-separated table cells in plain text, written as ``|``-joined rows.

A table copied from a spreadsheet or a Word table into a ``.txt`` file (and Word's own
"save as text") keeps one tab between two cells: ``序号⇥奖励事项⇥奖励标准``. Made a space,
and the space between Chinese characters then dropped, the cells of a row would run
together (``序号奖励事项奖励标准``). :func:`tab_rows` writes the rows of such a table as the
Word and HTML readers write a table row, cells joined by ``|`` (the form the clause,
outline and targets stages read as a table), and every other tab as a space:

- a line's cells are the text between its tabs; tabs at the start or the end of a line
  are indentation, and a cell of white space alone is no cell (a run of tabs lines the
  columns up);
- a line whose first cell is an outline label, a bullet or an attachment label (``附件2``)
  (:func:`analysis.text.line_labels.line_label_end`: ``一、⇥总体要求``, ``1.2⇥``, ``一是⇥``,
  ``•⇥``, as Word writes an automatic number) and one cell after it is a heading or a list
  item: its tab is the label's space;
- a table is a block of two or more lines of two cells or more in which at least two
  lines have the same number of cells; every line of such a block is a row. Blank lines
  between rows, and one line without a tab that opens with an outline label between two
  rows (a category row that groups a table's rows, ``一、整车制造``), do not end a block.
  A line alone, of however many cells (``联系人：某某⇥电话：…``, a form's
  ``日期：⇥⇥年⇥月⇥日``, the header of an empty form), keeps its tabs as spaces, as does a
  block whose lines all differ in their number of cells.

A line may change length, never the number of lines: normalisation cleans the lines that
come out and converts them to simplified characters, so ``text`` and ``text_orig`` (both
made from these lines) stay aligned.
"""

from __future__ import annotations

from collections import Counter

from analysis.text.line_labels import line_label_end

__all__ = ["CELL_SEP", "tab_rows", "tab_table"]

#: what joins the cells of a row (as the ``.docx`` and HTML readers join them)
CELL_SEP = "|"


def _cells(line: str) -> list[str]:
    """The cells of a line with a tab; a heading's label and its title are one cell."""
    cells = [c for c in (part.strip() for part in line.split("\t")) if c]
    if len(cells) == 2 and line_label_end(cells[0] + cells[1]) == len(cells[0]):
        return [cells[0] + " " + cells[1]]
    return cells


def tab_table(lines: list[str]) -> tuple[list[str], list[bool]]:
    """``lines`` with their tabs made cell boundaries or spaces, and which are rows.

    Parameters
    ----------
    lines : list of str
        The document's lines, widths normalised, tabs kept.

    Returns
    -------
    lines : list of str
        The same number of lines, without tabs.
    rows : list of bool
        For each line, whether it is a row of a table (its cells joined by
        :data:`CELL_SEP`).

    Examples
    --------
    >>> tab_table(["名称\\t金额", "", "甲项目\\t10万元", "说明"])
    (['名称|金额', '', '甲项目|10万元', '说明'], [True, False, True, False])
    """
    cells = [_cells(line) if "\t" in line else None for line in lines]
    rows = [False] * len(lines)
    block: list[int] = []
    category = False  # a category row since the block's last row
    for i in range(len(lines) + 1):
        if i < len(lines) and not lines[i].strip():
            continue  # a blank line: the block goes on
        if (i < len(lines) and block and not category and cells[i] is None
                and line_label_end(lines[i].strip())):
            category = True  # one category row (一、整车制造): the block goes on
            continue
        if i < len(lines) and len(cells[i] or ()) >= 2:
            block.append(i)
            category = False
            continue
        counts = Counter(len(cells[j] or ()) for j in block)
        if counts and max(counts.values()) >= 2:
            for j in block:
                rows[j] = True
        block, category = [], False
    out = [line if c is None else (CELL_SEP if row else " ").join(c)
           for line, c, row in zip(lines, cells, rows, strict=True)]
    return out, rows


def tab_rows(lines: list[str]) -> list[str]:
    """``lines`` with the tabs of each made cell boundaries (``|``) or spaces.

    ``lines`` are the lines of a document after width normalisation, tabs kept. A line
    without a tab comes back as it is. The rule: :mod:`analysis.text.tabs`.

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
    >>> tab_rows(["项目\\t上限", "", "平台建设\\t最高200万元"])
    ['项目|上限', '', '平台建设|最高200万元']
    """
    if not any("\t" in line for line in lines):
        return lines
    return tab_table(lines)[0]
