"""Transitional: the public names of ``analysis.targets._monolith``."""

from analysis.targets._monolith import (
    COMPARISON_COLUMNS,
    TARGET_COLUMNS,
    IndicatorMapping,
    compare_targets,
    extract_targets,
    load_indicator_mapping,
    load_rules,
    target_list,
    target_summary,
    targets_by_era,
    targets_from_text,
    value_text,
)

__all__ = [
    "COMPARISON_COLUMNS",
    "TARGET_COLUMNS",
    "IndicatorMapping",
    "compare_targets",
    "extract_targets",
    "load_indicator_mapping",
    "load_rules",
    "target_list",
    "target_summary",
    "targets_by_era",
    "targets_from_text",
    "value_text",
]
