"""Transitional: the public names of ``analysis.structure._monolith``."""

from analysis.structure._monolith import (
    CLAUSE_COLUMNS,
    RESPONSIBILITY_COLUMNS,
    StructureWarning,
    agency_edges,
    agency_table,
    attach_clause_ids,
    clause_at,
    clause_table,
    load_unit_aliases,
    normalize_unit,
    outline_summary,
    parse_clauses,
    responsibilities,
    split_units,
    table_rows,
)

__all__ = [
    "CLAUSE_COLUMNS",
    "RESPONSIBILITY_COLUMNS",
    "StructureWarning",
    "agency_edges",
    "agency_table",
    "attach_clause_ids",
    "clause_at",
    "clause_table",
    "load_unit_aliases",
    "normalize_unit",
    "outline_summary",
    "parse_clauses",
    "responsibilities",
    "split_units",
    "table_rows",
]
