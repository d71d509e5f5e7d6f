"""Scopes: the "same clause" units in which a number's time phrase is looked up.

A :class:`Scope` is a clause segment of the clause table (``scope="clause"``) or a line
(``scope="paragraph"``); each knows the scope that heads its section, so a number without
a time phrase of its own inherits the one of its section's introduction. In a
task-decomposition table (recognised by its column headers, ``[province]
task_table_headers``) the provincial measure quoted above the city's numbered measures is
marked ``upper_level``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.targets.rules import TargetRules

__all__ = [
    "SCOPE_FIELDS",
    "ClauseColumns",
    "DocClauses",
    "Scope",
    "clause_scopes",
    "paragraph_scopes",
    "scopes_from_rows",
]

#: The clause table columns :func:`scopes_from_rows` reads, in its tuple order.
SCOPE_FIELDS = ("clause_id", "parent_id", "level", "heading", "char_start", "char_end", "kind")

# the task-table headers are looked for near the top of the document
_HEADER_WINDOW = 3000


@dataclass
class Scope:
    """A scope for "same clause" look-ups: a clause segment or a paragraph."""

    start: int
    end: int
    clause_id: str
    parent: int | None = None       # index of the enclosing unit that heads a section
    heading: str = ""               # the heading text if this unit opens a section
    upper_level: bool = False       # provincial clause text in a task table
    context: list[int] = field(default_factory=list)   # units whose text the section shares


def _is_task_table(p: str, rules: TargetRules) -> bool:
    return bool(rules.task_headers) and all(h in p[:_HEADER_WINDOW] for h in rules.task_headers)


def _label(line: str, rules: TargetRules) -> tuple[int, str] | None:
    s = line.lstrip(" —")
    for level, pat in rules.outline_labels:
        m = pat.match(s)
        if m:
            return level, m.group(0).strip("、.()")
    return None


def paragraph_scopes(doc_id: str, p: str, rules: TargetRules) -> list[Scope]:
    """Paragraph scopes with a light outline (when no clause table is used).

    Each non-empty line is a scope; lines opening with 一、/(一)/1./(1) open sections whose
    unlabelled lines follow them; clause ids follow the clause-table convention.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> s = paragraph_scopes("d", "一、目标\\n到2025年,达到5家。", load_rules())
    >>> [(u.clause_id, u.parent) for u in s]
    [('d:一', None), ('d:一', 0)]
    """
    task_table = _is_task_table(p, rules)
    units: list[Scope] = []
    stack: list[tuple[int, str, int]] = []          # (level, label, unit index)
    seen: dict[str, int] = {}
    pos = 0
    first_child_seen: set[int] = set()
    for line in p.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        lab = _label(line, rules)
        if lab:
            level, label = lab
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][2] if stack else None
            if parent is not None:
                first_child_seen.add(parent)
            path = "/".join([*(s[1] for s in stack), label if level != 2 else f"({label})"])
            n = seen.get(path, 0) + 1
            seen[path] = n
            cid = f"{doc_id}:{path}" + (f"~{n}" if n > 1 else "")
            idx = len(units)
            units.append(Scope(start, end, cid, parent, heading=line[:40]))
            stack.append((level, label if level != 2 else f"({label})", idx))
        else:
            owner = stack[-1][2] if stack else None
            cid = units[owner].clause_id if owner is not None else f"{doc_id}:front"
            upper = (task_table and owner is not None and owner not in first_child_seen
                     and bool(stack) and stack[-1][0] == 2)
            units.append(Scope(start, end, cid, owner, upper_level=upper))
            if owner is not None and owner not in first_child_seen:
                units[owner].context.append(len(units) - 1)
    # the provincial clause of a task table is the text under a (一) heading that is
    # followed by the city's numbered measures; without them the block is the city's own
    for u in units:
        if u.upper_level and u.parent not in first_child_seen:
            u.upper_level = False
    return units


def clause_scopes(doc_id: str, clauses: pd.DataFrame, p: str, rules: TargetRules
                  ) -> list[Scope]:
    """Scopes from the clause table: one per clause segment, parents by ``parent_id``.

    In a task-decomposition table the provincial measure is the text of a level-2 segment
    (``(三)…``) whose children are the city's numbered measures.
    """
    rows = clauses[clauses["doc_id"] == doc_id].sort_values("char_start", kind="mergesort")
    return scopes_from_rows(zip(*(rows[c] for c in SCOPE_FIELDS), strict=True), p, rules)


def scopes_from_rows(rows: Iterable[tuple], p: str, rules: TargetRules) -> list[Scope]:
    """:func:`clause_scopes` from one document's clause rows (tuples of
    :data:`SCOPE_FIELDS`, sorted by ``char_start``)."""
    task_table = _is_task_table(p, rules)
    units: list[Scope] = []
    index: dict[str, int] = {}
    levels: list[int] = []
    has_measures: set[int] = set()
    for clause_id, parent_id, level, heading, char_start, char_end, kind in rows:
        parent = index.get(parent_id) if isinstance(parent_id, str) else None
        level = int(level) if level == level else 0
        heading = str(heading) if isinstance(heading, str) else ""
        units.append(Scope(int(char_start), int(char_end), str(clause_id), parent,
                           heading=heading))
        levels.append(level)
        if parent is not None and level == 3 and str(kind) == "clause":
            has_measures.add(parent)
        index.setdefault(str(clause_id), len(units) - 1)
    if task_table:
        for i in has_measures:
            units[i].upper_level = levels[i] == 2
    return units


class DocClauses:
    """One document's clause rows, read once from the clause table: the tuples
    :func:`scopes_from_rows` reads and what :func:`analysis.structure.attach_clause_ids`
    looks offsets up in."""

    def __init__(self, rows: list[tuple], starts: Any, ids: Any) -> None:
        self.rows, self.starts, self.ids = rows, starts, ids

    def clause_ids(self, offsets: list[int]) -> list[Any]:
        """``attach_clause_ids``: the clause of each offset (the last starting at or
        before it; the first clause for offsets before every clause)."""
        k = np.clip(np.searchsorted(self.starts, np.asarray(offsets, dtype=np.int64),
                                    side="right") - 1, 0, len(self.starts) - 1)
        return [self.ids[i] for i in k.tolist()]


class ClauseColumns:
    """The clause table's columns as lists, split per document without pandas per document."""

    def __init__(self, clauses: pd.DataFrame) -> None:
        self.clauses = clauses
        self.cols = [clauses[c].tolist() for c in SCOPE_FIELDS]  # the values list() gives
        self.start_col = self.cols[SCOPE_FIELDS.index("char_start")]
        self.id_col = self.cols[SCOPE_FIELDS.index("clause_id")]

    @classmethod
    def read(cls, clauses: pd.DataFrame) -> ClauseColumns | None:
        """``None`` when the table lacks a column or has non-integer offsets (then every
        document takes the pandas path)."""
        if not set(SCOPE_FIELDS) <= set(clauses.columns) or clauses.columns.duplicated().any() \
                or not pd.api.types.is_integer_dtype(clauses["char_start"]):
            return None
        return cls(clauses)

    def doc(self, pos: Any) -> DocClauses:
        """The clause rows at positions ``pos`` (one document's), sorted by offset."""
        pos = [int(i) for i in pos]
        st = self.start_col
        order = sorted(pos, key=st.__getitem__)     # stable: sort_values(kind="mergesort")
        rows = list(zip(*([c[i] for i in order] for c in self.cols), strict=True))
        starts = [st[i] for i in order]
        if len(set(starts)) == len(starts):         # unique: every sort gives this order
            ids = [self.id_col[i] for i in order]
        else:                                       # ties: attach_clause_ids' own sort
            sub = self.clauses.iloc[pos].sort_values("char_start")
            starts, ids = list(sub["char_start"]), list(sub["clause_id"].to_numpy())
        return DocClauses(rows, np.asarray(starts, dtype=np.int64), ids)
