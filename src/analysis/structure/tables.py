"""The rows of ``|``-flattened tables, split into cells (:func:`table_rows`).

Tables that lost their grid when a document was put on the web are kept as lines of
``|``-separated cells; the clause parser makes each such block a ``table`` clause
(``xinji_2022:一/(三)/2/表1``). :func:`table_rows` splits them back into rows and cells and
carries merged group cells (a group name spanning several rows) down to the rows they
cover.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.structure.rules import DEFAULT_RULES, RulesLike, load_structure_rules

__all__ = ["TABLE_ROW_COLUMNS", "split_cells", "table_rows"]

#: The columns of :func:`table_rows`.
TABLE_ROW_COLUMNS: tuple[str, ...] = (
    "doc_id", "clause_id", "row", "cells", "n_cells", "is_header", "group", "warnings",
    "char_start", "char_end",
)

#: a numbered indicator cell: 4.科技领军企业
_ITEM_CELL = re.compile(r"^\d{1,3}[.、．]\D")
#: a short group name without a number (创新主体), as a merged cell leaves it
_GROUP_CELL = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def split_cells(line: str) -> list[str]:
    """The stripped cells of one ``|`` line (an outer ``|`` at either end adds no cell).

    Examples
    --------
    >>> split_cells("| 指标 | 2025年 |"), split_cells("甲 | | 乙")
    (['指标', '2025年'], ['甲', '', '乙'])
    """
    cells = [c.strip() for c in line.strip().split("|")]
    if cells and cells[0] == "" and line.strip().startswith("|"):
        cells = cells[1:]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def table_rows(clauses: pd.DataFrame, *, rules: RulesLike = DEFAULT_RULES) -> pd.DataFrame:
    """The rows of every ``|``-flattened table clause, split into cells.

    Merged group cells (``创新主体 | 4.科技领军企业 | 0 | 2 | 预期性``) are recognised
    when a row has one cell more than the header, or, in a table whose rows are numbered
    indicators, when a row starts with a short unnumbered label; the group is carried down
    to the following rows. A group row whose own indicator name was lost in flattening gets
    an empty first cell and a note in ``warnings``. The first row is a header unless one
    of its cells is a number (``rules.numeric_cell``).

    Parameters
    ----------
    clauses : DataFrame
        A clause table (:func:`~analysis.structure.clauses.clause_table`); only its
        ``table`` clauses that hold ``|`` are read.
    rules : str, path or StructureRules, keyword-only
        Which cells are numbers (:func:`~analysis.structure.rules.load_structure_rules`).

    Returns
    -------
    pandas.DataFrame
        :data:`TABLE_ROW_COLUMNS`: ``doc_id, clause_id, row, cells, n_cells, is_header,
        group, warnings, char_start, char_end`` (``row`` counts from 0 within the table;
        ``cells`` is a list of str; offsets are into ``documents["text"]``).

    Examples
    --------
    >>> from analysis.structure import parse_clauses
    >>> rows = table_rows(parse_clauses("一、目标\\n表1 指标\\n指标 | 目标\\n1.专利 | 10"))
    >>> rows[["row", "cells", "is_header"]].values.tolist()
    [[0, ['指标', '目标'], True], [1, ['1.专利', '10'], False]]

    On the default corpus:

    >>> from analysis import clause_table, load_corpus
    >>> rows = table_rows(clause_table(load_corpus().subset(["xinji_2022"])))
    >>> rows.loc[rows["row"] == 0, "cells"].item()
    ['指标名称', '2020年基数', '2025年目标', '指标属性']
    >>> rows.loc[rows["row"] == 5, ["group", "cells"]].values.tolist()[0]
    ['创新主体', ['5.高新技术企业数量(家)', '99', '130', '预期性']]
    """
    rules = load_structure_rules(rules)
    out = []
    tables = clauses.loc[(clauses["kind"] == "table")
                         & clauses["text"].str.contains("|", regex=False)]
    for row in tables.itertuples(index=False):
        parsed = []
        pos = row.char_start
        for line in row.text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            if "|" in line:
                a = start + (len(line) - len(line.lstrip()))
                parsed.append((split_cells(line), a, start + len(line.rstrip())))
        if not parsed:
            continue
        first = parsed[0][0]
        has_header = not any(rules.numeric_cell.match(c) for c in first if c)
        width = len(first) if has_header else None
        data = parsed[1:] if has_header else parsed
        numbered = sum(bool(_ITEM_CELL.match(c[0] if c else "")
                            or (len(c) > 1 and _ITEM_CELL.match(c[1]))) for c, _a, _b in data)
        numbered_table = numbered * 2 >= max(len(data), 1)
        group = ""
        for k, (cells, a, b) in enumerate(parsed):
            note = ""
            if k == 0 and has_header:
                out.append((row.doc_id, row.clause_id, 0, cells, len(cells), True, "", "", a, b))
                continue
            if width is not None and len(cells) > width:
                group, cells = cells[0], cells[1:]
            elif (numbered_table and cells and not _ITEM_CELL.match(cells[0])
                  and _GROUP_CELL.match(cells[0])):
                group = cells[0]
                cells = ["", *cells[1:]]
                note = "indicator name missing (merged group cell)"
            out.append((row.doc_id, row.clause_id, k, cells, len(cells), False, group, note,
                        a, b))
    df = pd.DataFrame(out, columns=list(TABLE_ROW_COLUMNS))
    for col in ("row", "n_cells", "char_start", "char_end"):
        df[col] = df[col].astype("int64")
    df["is_header"] = df["is_header"].astype(bool)
    return df
