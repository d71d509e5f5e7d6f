"""Transitional: the public names of ``analysis.pipeline._monolith``."""

from analysis.pipeline._monolith import (
    CSV_MAX_ROWS,
    PARALLEL_MIN_CHARS,
    STAGES,
    TEXT_COLUMNS,
    BuildContext,
    BuildOptions,
    BuildResult,
    SavedTables,
    build,
    default_out_dir,
    load_and_tokenize,
    select_stages,
)

__all__ = [
    "CSV_MAX_ROWS",
    "PARALLEL_MIN_CHARS",
    "STAGES",
    "TEXT_COLUMNS",
    "BuildContext",
    "BuildOptions",
    "BuildResult",
    "SavedTables",
    "build",
    "default_out_dir",
    "load_and_tokenize",
    "select_stages",
]
