"""Transitional: the public names of ``analysis.cli._monolith``."""

from analysis.cli._monolith import (
    COMMANDS,
    main,
)

__all__ = [
    "COMMANDS",
    "main",
]
