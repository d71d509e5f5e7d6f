"""Indicator tables flattened to ``|``-separated lines: one target per row.

A run of lines with at least two ``|`` is a table when its first line names a target
column (``[table] target_headers``: "2025年目标"); a baseline column ("2020年基数") is
read too. Each row gives its indicator (the name cell, its unit in parentheses: "高新技术
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
from analysis.targets.phrases import finish_indicator

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
        if target_col is None:
            continue
        handled.update(range(block[0][0], block[-1][0] + len(block[-1][1]) + 1))
        if target_col == 0:     # the name column: no value column to read
            continue
        width = len(_cells(header))
        numbered = sum(any(_ITEM.match(c) for c in _cells(row)[:2]) for _, row in block[1:])
        numbered_table = numbered * 2 >= max(len(block) - 1, 1)
        for row_start, row in block[1:]:
            offs = []
            pos = row_start
            for cell in row.split("|"):
                lead = len(cell) - len(cell.lstrip())
                offs.append((pos + lead, cell.strip()))
                pos += len(cell) + 1
            if numbered_table:
                name_idx = next((k for k, (_, c) in enumerate(offs) if _ITEM.match(c)), 0)
            else:
                name_idx = 1 if len(_cells(row)) > width else 0
            name = offs[name_idx][1]
            # the header's first column names the indicators: value columns follow the name
            vals = offs[name_idx + 1:]
            tcol = target_col - 1
            bcol = base_col - 1 if base_col else None
            if tcol >= len(vals):
                continue
            t_off, t_cell = vals[tcol]
            m = _VALUE.search(t_cell)
            if not m:
                continue
            unit_m = _UNIT_NOTE.search(name)
            unit = rules.units.get(unit_m.group(1), unit_m.group(1)) if unit_m else ""
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
