"""Exceptions and warnings raised by policy-lens.

Every error names the file, line or column at fault and says what to do about it.
"""

from __future__ import annotations

__all__ = [
    "BuildWarning",
    "CorpusError",
    "CorpusWarning",
    "DocumentError",
    "MetadataError",
    "ScaleError",
    "ScaleWarning",
]


class CorpusError(ValueError):
    """A corpus folder cannot be loaded as it is (base class)."""


class MetadataError(CorpusError):
    """``metadata.csv`` is missing, malformed or inconsistent with the folder."""


class DocumentError(CorpusError):
    """A document file is missing, empty, binary or cannot be decoded."""


class CorpusWarning(UserWarning):
    """Something in a corpus folder looks wrong but loading can go on."""


class ScaleError(ValueError):
    """An analysis would take too long on this input (the message says how much work and
    which limit to raise, or which subset to analyse instead)."""


class ScaleWarning(UserWarning):
    """An analysis was left out of a build because the corpus is too large for it."""


class BuildWarning(UserWarning):
    """A stage of the build could not use some documents (or failed on this corpus) and
    went on without them; the message names the stage, the error and the documents."""
