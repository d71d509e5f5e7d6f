"""Document structure: the outline of each document as a table of clauses, and its tables.

The structure stage turns each normalised text into clause segments that cover it without
overlap (``chifeng_2023:二/(一)/1``), so that every later stage can say in which clause a
token, a keyword hit or a target stands. It also reads the tables inside documents: the
rows of ``|``-flattened tables and the lead and cooperating units of task-decomposition
tables.

Modules
-------
labels
    The outline grammar: numbering styles (一、 (一) 1. (1) 一是 ① — 第X章/节/条), their
    ranks and levels.
lines
    Line-level blocks before the outline: ``|`` tables, unit lines, closing matter.
marks
    Pass A of the parser: labels at line starts, glued headings, tables, unit cells.
levels
    Which numbering style contains which in each part of a document (the ``level``).
enumerations
    Enumerations inside a paragraph (一是…二是…, ①②) that the parser splits out.
outline
    The parser: one text → its clause rows (hierarchy, inline labels, numbering checks).
clauses
    The clause table: :func:`parse_clauses`, :func:`clause_table`, :func:`clause_at`,
    :func:`attach_clause_ids`, :func:`outline_summary`.
tables
    :func:`table_rows`: the rows and cells of ``|`` tables, merged group cells.
tasks
    :func:`responsibilities`: measures of a task table with their lead and cooperating
    units.
agencies
    Unit names (:func:`normalize_unit`, :func:`split_units`, ``units.csv``) and
    :func:`agency_table`, :func:`agency_edges`.
roles
    Role labels of task tables (牵头单位, 配合单位 …) from ``resources/roles.toml``.
wrapper
    Where a notice's attached document and an appendix begin (the ``part`` column).
rules
    :func:`load_structure_rules`: closing-matter words, organisation lines, table captions,
    number cells and unit-name rules from ``resources/structure.toml`` (or your copy).

Examples
--------
>>> clauses = parse_clauses("通知\\n一、总则\\n(一)目标。内容。", doc_id="d")
>>> clauses["clause_id"].tolist()
['d:front', 'd:一', 'd:一/(一)']
>>> clause_at(clauses, "d", 8)
'd:一/(一)'
"""

from analysis.structure.agencies import (
    AGENCY_COLUMNS,
    AGENCY_EDGE_COLUMNS,
    agency_edges,
    agency_table,
    load_unit_aliases,
    normalize_unit,
    split_units,
)
from analysis.structure.clauses import (
    CLAUSE_COLUMNS,
    StructureWarning,
    attach_clause_ids,
    clause_at,
    clause_table,
    outline_summary,
    parse_clauses,
)
from analysis.structure.rules import StructureRules, load_structure_rules
from analysis.structure.tables import TABLE_ROW_COLUMNS, table_rows
from analysis.structure.tasks import RESPONSIBILITY_COLUMNS, responsibilities

__all__ = [
    "AGENCY_COLUMNS",
    "AGENCY_EDGE_COLUMNS",
    "CLAUSE_COLUMNS",
    "RESPONSIBILITY_COLUMNS",
    "TABLE_ROW_COLUMNS",
    "StructureRules",
    "StructureWarning",
    "agency_edges",
    "agency_table",
    "attach_clause_ids",
    "clause_at",
    "clause_table",
    "load_structure_rules",
    "load_unit_aliases",
    "normalize_unit",
    "outline_summary",
    "parse_clauses",
    "responsibilities",
    "split_units",
    "table_rows",
]
