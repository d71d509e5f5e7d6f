"""Transitional: the public names of ``analysis.textreuse._monolith``."""

from analysis.textreuse._monolith import (
    Alignment,
    align,
    copy_ratio,
    copy_ratio_summary,
    local_alignments,
    reuse,
    reuse_pairs,
    task_copy_ratio,
)

__all__ = [
    "Alignment",
    "align",
    "copy_ratio",
    "copy_ratio_summary",
    "local_alignments",
    "reuse",
    "reuse_pairs",
    "task_copy_ratio",
]
