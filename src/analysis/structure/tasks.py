"""Task-decomposition tables (任务分解表): who carries out each measure.

A city that implements a provincial policy often lists, under each provincial measure,
its own measures and the units that lead (牵头单位) and cooperate (配合单位).
:func:`responsibilities` reads such a table from the clause table, whether the units are
cells under columns (unit clauses of the parser), ``牵头单位:…`` lines, or columns of a
``|`` table; the role labels come from ``resources/roles.toml``.
"""

from __future__ import annotations

import os
import re
from collections import namedtuple
from typing import Any

import pandas as pd

from analysis.structure.agencies import DEFAULT_UNITS, load_unit_aliases, split_units
from analysis.structure.labels import label_style
from analysis.structure.roles import COOPERATE_ROLES, LEAD_ROLES, ROLE_COOPERATE, ROLE_LEAD
from analysis.structure.rules import (
    DEFAULT_RULES,
    RulesLike,
    StructureRules,
    load_structure_rules,
)
from analysis.structure.tables import table_rows

__all__ = ["RESPONSIBILITY_COLUMNS", "responsibilities"]

#: a clause repeated under another heading (its id ends in /repeat-N)
_REPEAT = re.compile(r"/repeat-\d+$")

#: The columns of :func:`responsibilities`.
RESPONSIBILITY_COLUMNS: tuple[str, ...] = (
    "doc_id", "clause_id", "label", "heading", "provincial_text", "city_measures",
    "lead_units", "cooperating_units",
)


def _strip_label(text: str, label: str) -> str:
    body = text.strip()
    if label and body.startswith(label):
        body = body[len(label):]
    return "\n".join(ln.strip() for ln in body.split("\n") if ln.strip())




def responsibilities(clauses: pd.DataFrame, *,
                     units: str | os.PathLike[str] | dict[str, str] = DEFAULT_UNITS,
                     rules: RulesLike = DEFAULT_RULES) -> pd.DataFrame:
    """The responsibilities of a task-decomposition table: one row per upper-level measure.

    A document is a task table when its clauses hold unit cells (lines under the columns
    牵头单位/配合单位, or ``牵头单位:…`` lines), or a ``|`` table whose header names
    牵头单位 (or 责任单位) and 配合单位. Each measure row has the measure's own text
    (``provincial_text``, the upper-level clause being implemented), the numbered measures
    under it (``city_measures``) and its lead and cooperating units, split on ``、`` and
    normalised (:func:`normalize_unit`). Measures of the same outline level without units
    (e.g. 指导思想) are kept with empty lists.

    Parameters
    ----------
    clauses : DataFrame
        From :func:`~analysis.structure.clauses.clause_table`.
    units : str, path or dict, keyword-only
        Unit alias CSV (packaged name or path) or a ready ``{alias: unit}`` mapping
        (:func:`~analysis.structure.agencies.load_unit_aliases`).
    rules : str, path or StructureRules, keyword-only
        Number cells, row-number headers and unit-name rules
        (:func:`~analysis.structure.rules.load_structure_rules`).

    Returns
    -------
    pandas.DataFrame
        :data:`RESPONSIBILITY_COLUMNS`; list columns hold lists of str.

    Examples
    --------
    >>> from analysis.structure import parse_clauses
    >>> cl = parse_clauses("一、任务\\n(一)建平台。\\n1.建实验室。\\n牵头单位:科技局\\n"
    ...                    "配合单位:财政局、发改委")
    >>> r = responsibilities(cl)
    >>> r[["label", "city_measures", "lead_units", "cooperating_units"]].values.tolist()
    [['(一)', ['建实验室。'], ['市科技局'], ['市财政局', '市发改委']]]

    The task table of the default corpus:

    >>> from analysis import clause_table, load_corpus
    >>> r = responsibilities(clause_table(load_corpus().subset(["jiayuguan_2020"])))
    >>> len(r), r["lead_units"].iloc[2]
    (20, ['市工信局', '市科技局'])
    """
    rules = load_structure_rules(rules)
    aliases = dict(units) if isinstance(units, dict) else load_unit_aliases(units)
    out: list[dict[str, Any]] = []
    # only documents with table clauses have responsibilities; their clauses, and the rows
    # of their | tables, are read once as tuples and grouped by document (in order)
    with_tables = set(clauses.loc[clauses["kind"] == "table", "doc_id"].tolist())
    sub = clauses.loc[clauses["doc_id"].isin(with_tables)]
    docs: dict[Any, list[Any]] = {}
    for rec in _records(sub):
        docs.setdefault(rec.doc_id, []).append(rec)
    pipe = sub.loc[(sub["kind"] == "table") & sub["text"].str.contains("|", regex=False)]
    pipe_rows: dict[Any, list[Any]] = {}
    for rec in _records(table_rows(pipe, rules=rules)):
        pipe_rows.setdefault(rec.doc_id, []).append(rec)
    for doc_id, recs in docs.items():
        out += _responsibilities_cells(recs, aliases, rules)
        out += _responsibilities_pipe(pipe_rows.get(doc_id, []), aliases, rules)
    df = pd.DataFrame(out, columns=list(RESPONSIBILITY_COLUMNS))
    return df


def _records(df: pd.DataFrame) -> list[Any]:
    """The rows of ``df`` as named tuples (what ``itertuples(index=False)`` gives), from
    one ``tolist`` per column."""
    rec = namedtuple("Row", list(df.columns), rename=True)  # type: ignore[misc]
    return [rec._make(v) for v in zip(*(df[c].tolist() for c in df.columns), strict=True)]


def _responsibilities_cells(recs: list[Any], aliases: dict[str, str],
                            rules: StructureRules) -> list[dict[str, Any]]:
    """Measures whose units are unit clauses (``牵头单位``/``配合单位`` cells or lines);
    ``recs`` are one document's clauses (:func:`_records`). The selections are plain
    Python over them: a document has a few hundred clauses at most."""
    cells = [k for k in recs if k.kind == "table" and k.label in (ROLE_LEAD, ROLE_COOPERATE)
             and "|" not in k.text]
    if not cells:
        return []
    parents = {k.parent_id for k in cells}
    owners = [k for k in recs if k.clause_id in parents]
    level = int(pd.Series([k.level for k in owners], dtype="int64").mode().iloc[0])
    styles = {label_style(k.label) for k in owners}
    rows = [k for k in recs if k.level == level and k.kind in ("heading", "clause")
            and not _REPEAT.search(k.clause_id) and label_style(k.label) in styles]
    children: dict[str, list[Any]] = {}
    for k in recs:
        if isinstance(k.parent_id, str):
            children.setdefault(k.parent_id, []).append(k)
    out = []
    for r in rows:
        kids = children.get(r.clause_id, [])
        measures = [_strip_label(k.text, k.label) for k in kids
                    if k.kind in ("heading", "clause")]
        lead: list[str] = []
        coop: list[str] = []
        for k in kids:
            if k.kind == "table" and k.label == ROLE_LEAD:
                lead += [u for u in split_units(k.text, aliases, rules=rules)
                         if u not in lead]
            elif k.kind == "table" and k.label == ROLE_COOPERATE:
                coop += [u for u in split_units(k.text, aliases, rules=rules)
                         if u not in coop]
        out.append({"doc_id": r.doc_id, "clause_id": r.clause_id, "label": r.label,
                    "heading": r.heading, "provincial_text": _strip_label(r.text, r.label),
                    "city_measures": measures, "lead_units": lead,
                    "cooperating_units": coop})
    return out


def _responsibilities_pipe(rows: list[Any], aliases: dict[str, str],
                           rules: StructureRules) -> list[dict[str, Any]]:
    """Measures of a ``|`` table whose header names a lead-unit column (one per row);
    ``rows`` are one document's :func:`table_rows` (:func:`_records`)."""
    groups: dict[Any, list[Any]] = {}  # each table's rows, tables in order of appearance
    for r in rows:
        groups.setdefault(r.clause_id, []).append(r)
    out = []
    for clause_id, grp in groups.items():
        head = [r for r in grp if r.is_header]
        if not head:
            continue
        header = head[0].cells
        lead_col = next((i for i, c in enumerate(header)
                         if any(r in c for r in LEAD_ROLES)), None)
        coop_col = next((i for i, c in enumerate(header)
                         if any(r in c for r in COOPERATE_ROLES)), None)
        if lead_col is None:
            continue
        text_cols = [i for i in range(len(header)) if i not in (lead_col, coop_col)
                     and header[i].strip() not in rules.number_headers]
        for k, r in enumerate((r for r in grp if not r.is_header), start=1):
            cells = list(r.cells) + [""] * (len(header) - len(r.cells))
            texts = [cells[i] for i in text_cols
                     if i < len(cells) and cells[i] and not rules.numeric_cell.match(cells[i])]
            out.append({
                "doc_id": r.doc_id, "clause_id": f"{clause_id}/{k}", "label": str(k),
                "heading": texts[0] if texts else "",
                "provincial_text": texts[0] if texts else "",
                "city_measures": texts[1:],
                "lead_units": split_units(cells[lead_col], aliases, rules=rules),
                "cooperating_units": (split_units(cells[coop_col], aliases, rules=rules)
                                      if coop_col is not None else []),
            })
    return out
