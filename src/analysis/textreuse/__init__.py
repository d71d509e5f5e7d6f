"""Transitional: the public names of ``analysis.textreuse._monolith``."""

from analysis.textreuse._monolith import (
    Alignment,
    align,
    copy_ratio,
    copy_ratio_summary,
    local_alignments,
    register_cli,
    reuse,
    reuse_pairs,
    reuse_tables,
    task_copy_ratio,
)

__all__ = [
    "Alignment",
    "align",
    "copy_ratio",
    "copy_ratio_summary",
    "local_alignments",
    "register_cli",
    "reuse",
    "reuse_pairs",
    "reuse_tables",
    "task_copy_ratio",
]
