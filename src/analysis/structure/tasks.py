"""Task-decomposition tables (任务分解表): who carries out each measure.

A city that implements a provincial policy often lists, under each provincial measure,
its own measures and the units that lead (牵头单位) and cooperate (配合单位).
:func:`responsibilities` reads such a table from the clause table, whether the units are
cells under columns (unit clauses of the parser), ``牵头单位:…`` lines, or columns of a
``|`` table; the role labels come from ``resources/roles.toml``.
"""

from __future__ import annotations

import os
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
    # only documents with table clauses have responsibilities; each one's rows are taken
    # by position (one pass over the doc_ids) instead of a scan of the table per document
    doc_ids = clauses["doc_id"].tolist()
    with_tables = set(clauses.loc[clauses["kind"] == "table", "doc_id"].tolist())
    positions: dict[Any, list[int]] = {}
    for i, d in enumerate(doc_ids):
        if d in with_tables:
            positions.setdefault(d, []).append(i)
    for doc_id in dict.fromkeys(doc_ids):
        if doc_id not in positions:
            continue
        pos = positions[doc_id]
        # a document's clauses are contiguous in a clause table: a slice of the (chunked)
        # Arrow columns costs nothing, a take costs the whole column
        contiguous = pos[-1] - pos[0] + 1 == len(pos)
        doc = clauses.iloc[pos[0]:pos[-1] + 1] if contiguous else clauses.iloc[pos]
        out += _responsibilities_cells(doc, aliases, rules)
        out += _responsibilities_pipe(doc, aliases, rules)
    df = pd.DataFrame(out, columns=list(RESPONSIBILITY_COLUMNS))
    return df


def _responsibilities_cells(doc: pd.DataFrame, aliases: dict[str, str],
                            rules: StructureRules) -> list[dict[str, Any]]:
    """Measures whose units are unit clauses (``牵头单位``/``配合单位`` cells or lines)."""
    cells = doc.loc[(doc["kind"] == "table") & doc["label"].isin([ROLE_LEAD, ROLE_COOPERATE])
                    & ~doc["text"].str.contains("|", regex=False)]
    if cells.empty:
        return []
    owners = doc.loc[doc["clause_id"].isin(set(cells["parent_id"]))]
    level = int(owners["level"].mode().iloc[0])
    styles = {label_style(lab) for lab in owners["label"]}
    rows = doc.loc[(doc["level"] == level) & doc["kind"].isin(["heading", "clause"])
                   & ~doc["clause_id"].str.contains(r"/repeat-\d+$", regex=True)
                   & doc["label"].map(lambda lab: label_style(lab) in styles)]
    children: dict[str, list[Any]] = {}
    for k in doc.itertuples(index=False):
        if isinstance(k.parent_id, str):
            children.setdefault(k.parent_id, []).append(k)
    out = []
    for r in rows.itertuples(index=False):
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


def _responsibilities_pipe(doc: pd.DataFrame, aliases: dict[str, str],
                           rules: StructureRules) -> list[dict[str, Any]]:
    """Measures of a ``|`` table whose header names a lead-unit column (one per row)."""
    tables = doc.loc[(doc["kind"] == "table") & doc["text"].str.contains("|", regex=False)]
    if tables.empty:
        return []
    rows = table_rows(tables, rules=rules)
    out = []
    for clause_id, grp in rows.groupby("clause_id", sort=False):
        head = grp.loc[grp["is_header"]]
        if head.empty:
            continue
        header = head["cells"].iloc[0]
        lead_col = next((i for i, c in enumerate(header)
                         if any(r in c for r in LEAD_ROLES)), None)
        coop_col = next((i for i, c in enumerate(header)
                         if any(r in c for r in COOPERATE_ROLES)), None)
        if lead_col is None:
            continue
        text_cols = [i for i in range(len(header)) if i not in (lead_col, coop_col)
                     and header[i].strip() not in rules.number_headers]
        for k, r in enumerate(grp.loc[~grp["is_header"]].itertuples(index=False), start=1):
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
