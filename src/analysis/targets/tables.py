"""Indicator tables flattened to ``|``-separated lines: one target per row.

A run of lines with at least two ``|`` is a table when its first line names a target
column (``[table] target_headers``: "2025年目标"), or, with ``year_columns``, holds year
cells alone ("| 指标名称 | 单位 | 2020年 | 2025年 |": the last year, when it is not before the
document's, is the target and an earlier one the baseline); a baseline column ("2020年基数")
is read too. The name column is the header's ``name_headers`` cell (a 序号 column before
it is skipped) and a ``unit_headers`` column gives the unit of a name without one.

Each row gives its indicator (the name cell, its unit in parentheses: "高新技术
企业数量(家)"), the value of the target column with a trailing comparator ("2.2左右"), the
baseline and the years of the two headers.

Rows may begin with a merged category cell ("创新主体 | 4.科技领军企业(家) | 0 | 2"): in a
table whose indicator names are numbered, the numbered cell is the name; a row without a
numbered name uses its first cell (the category) and says so in ``note``. In a table
without numbered names, a row with more cells than the header starts with its category.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from analysis.targets.context import DocumentContext
from analysis.targets.spans import finish_indicator

__all__ = ["table_targets"]

# a numbered indicator name ("5.高新技术企业数量"), not a decimal value ("1.17")
_ITEM = re.compile(r"\d{1,2}[.、](?!\d)")
_YEAR = re.compile(r"((?:19|20)\d\d)")
_VALUE = re.compile(r"(\d+(?:\.\d+)?)")
_BASE_VALUE = re.compile(r"(\d+(?:\.\d+)?)\s*%?")
_UNIT_NOTE = re.compile(r"\(([^()]{1,6})\)\s*$")

NO_NAME_NOTE = "table row without an indicator name: the category is used"


def _cells(line: str) -> list[str]:
    """The cells of a row without the empty ones a trailing ``|`` leaves."""
    cells = [c.strip() for c in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _comparator(post: str, doc: DocumentContext) -> str:
    rules = doc.rules
    if post.startswith(tuple(rules.approx_after)):
        return "≈"
    if post.startswith(tuple(rules.at_least_after)):
        return "≥"
    if post.startswith(tuple(rules.at_most_after)):
        return "≤"
    return "="


# a header cell that is a year alone ("2025年", "2025年末", "2025")
_YEAR_CELL = re.compile(r"((?:19|20)\d\d)年?(?:末|底)?")


def _year_columns(cells: list[str], doc_year: int | None
                  ) -> tuple[int | None, int | None, int | None, int | None]:
    """Target and baseline columns of a header of year cells: the last year (if it is not
    before ``doc_year``) and the one before it: ``(target_col, target_year, base_col,
    base_year)``, all None when the header has no such year."""
    years = [(k, int(m.group(1))) for k, c in enumerate(cells)
             if (m := _YEAR_CELL.fullmatch(c))]
    if not years:
        return None, None, None, None
    tk, ty = max(years, key=lambda kv: kv[1])
    if doc_year is not None and ty < doc_year:
        return None, None, None, None
    earlier = [kv for kv in years if kv[1] < ty]
    bk, by = max(earlier, key=lambda kv: kv[1]) if earlier else (None, None)
    return tk, ty, bk, by


def table_targets(doc: DocumentContext, a: int, b: int, clause_of: Callable[[int], str]
                  ) -> tuple[list[dict[str, Any]], set[int]]:
    """The target rows of the ``|``-tables in ``p[a:b]`` and the offsets the tables cover.

    ``clause_of`` gives the clause id of an offset. The rows are dicts of the target
    table's fields (``year_basis="table"``); numbers at the covered offsets are not read
    again as running text.

    Examples
    --------
    >>> from analysis.targets.context import DocumentContext
    >>> from analysis.targets.indicators import load_indicator_mapping
    >>> from analysis.targets.rules import load_rules
    >>> p = "指标 | 2020年基数 | 2025年目标\\n1.高新技术企业数量(家) | 99 | 130"
    >>> doc = DocumentContext("d", p, p, p, 2022, load_rules(), load_indicator_mapping())
    >>> rows, covered = table_targets(doc, 0, len(p), lambda pos: "d:front")
    >>> [(r["indicator"], r["value"], r["unit"], r["target_year"], r["baseline_value"])
    ...  for r in rows]
    [('高新技术企业数量', 130.0, '家', 2025, 99.0)]
    """
    p, rules = doc.p, doc.rules
    if p.count("|", a, b) < 2:
        return [], set()    # no line of two cells
    lines = []
    pos = a
    for line in p[a:b].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    rows: list[dict[str, Any]] = []
    handled: set[int] = set()
    i = 0
    while i < len(lines):
        if lines[i][1].count("|") < 2:
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i][1].count("|") >= 2:
            block.append(lines[i])
            i += 1
        header = block[0][1]
        cells = [c.strip() for c in header.split("|")]
        base_col = target_col = None
        base_year = target_year = None
        for k, c in enumerate(cells):
            ym = _YEAR.search(c)
            if rules.baseline_header.search(c):
                base_col, base_year = k, int(ym.group(1)) if ym else None
            elif rules.target_header.search(c):
                target_col, target_year = k, int(ym.group(1)) if ym else None
        if target_col is None and rules.table_year_columns:
            target_col, target_year, base_col, base_year = _year_columns(cells, doc.year)
        if target_col is None:
            continue
        handled.update(range(block[0][0], block[-1][0] + len(block[-1][1]) + 1))
        if target_col == 0:     # the name column: no value column to read
            continue
        width = len(_cells(header))
        name_col = next((k for k, c in enumerate(cells) if rules.name_header.search(c)), 0)
        name_col = name_col if name_col < target_col else 0
        unit_col = next((k for k, c in enumerate(cells) if rules.unit_header.fullmatch(c)),
                        None)
        numbered = sum(any(_ITEM.match(c) for c in _cells(row)[:2]) for _, row in block[1:])
        numbered_table = numbered * 2 >= max(len(block) - 1, 1)
        for row_start, row in block[1:]:
            offs = []
            pos = row_start
            for cell in row.split("|"):
                lead = len(cell) - len(cell.lstrip())
                offs.append((pos + lead, cell.strip()))
                pos += len(cell) + 1
            extra = 1 if len(_cells(row)) > width else 0
            if numbered_table:
                name_idx = next((k for k, (_, c) in enumerate(offs) if _ITEM.match(c)), 0)
            else:
                name_idx = name_col + extra
            name = offs[name_idx][1]
            # value columns follow the name, in the header's order
            vals = offs[name_idx + 1:]
            shift = name_col + 1
            tcol = target_col - shift
            bcol = base_col - shift if base_col is not None and base_col > name_col else None
            ucell = (vals[unit_col - shift][1] if unit_col is not None and unit_col > name_col
                     and unit_col - shift < len(vals) else "")
            if tcol >= len(vals):
                continue
            t_off, t_cell = vals[tcol]
            m = _VALUE.search(t_cell)
            if not m:
                continue
            unit_m = _UNIT_NOTE.search(name)
            unit = rules.units.get(unit_m.group(1), unit_m.group(1)) if unit_m else ""
            if not unit and ucell and not _VALUE.search(ucell):
                unit = rules.units.get(ucell, ucell)
            item = _ITEM.match(name)
            label = name[item.end():] if item else name
            label = _UNIT_NOTE.sub("", label)
            pre = t_cell[:m.start()].strip()
            post = t_cell[m.end():].strip()
            if post.startswith(("%", "％")):
                unit, post = "%", post[1:]
            notes = []
            if pre:
                label = label + pre
            if numbered_table and not item:
                notes.append(NO_NAME_NOTE)
            base_val = math.nan
            if bcol is not None and bcol < len(vals):
                bm = _BASE_VALUE.fullmatch(vals[bcol][1])
                if bm:
                    base_val = float(bm.group(1))
            cs, ce = t_off + m.start(), t_off + m.end()
            value = float(m.group(1))
            table = doc.rules.unit_table
            base_value, base_unit = (table.to_base(value, unit) if table is not None
                                     else (math.nan, ""))
            rows.append(dict(
                kind="target", clause_id=clause_of(cs),
                indicator=finish_indicator(label, doc), value=value,
                value_low=math.nan, value_high=math.nan, unit=unit, value_base=base_value,
                unit_base=base_unit,
                comparator=_comparator(post, doc),
                is_aspiration=False, multiplier=math.nan, target_year=target_year,
                year_basis="table", time_phrase=cells[target_col],
                baseline_value=base_val,
                baseline_year=base_year if not math.isnan(base_val) else None,
                change_value=math.nan, is_province_level=False, number_text=p[cs:ce],
                char_start=cs, char_end=ce, sentence_start=row_start,
                sentence_end=row_start + len(row), note="; ".join(notes),
            ))
    return rows, handled
