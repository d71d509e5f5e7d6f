"""Where the reports go, and the checksummed files in them.

:func:`project_root` finds the checkout, :func:`default_reports_dir` the ``reports/``
folder (``$POLICY_LENS_REPORTS`` overrides it), :func:`display_path` writes a path so that
notebook outputs do not depend on where the project was cloned. :func:`file_sha256` and
:func:`read_manifest` are the two halves of a ``MANIFEST.csv``: what a folder's files
hashed to when they were written.
"""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

__all__ = [
    "PathLike",
    "default_reports_dir",
    "display_path",
    "file_sha256",
    "project_root",
    "read_manifest",
]

PathLike = str | os.PathLike[str]


def project_root() -> Path:
    """The checkout holding this package (``pyproject.toml`` beside ``src/``), else the
    working directory.

    Examples
    --------
    >>> (project_root() / "pyproject.toml").is_file()
    True
    """
    here = Path(__file__).resolve().parents[3]
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


def display_path(path: PathLike) -> str:
    """``path`` relative to the project when inside it (portable notebook outputs).

    Examples
    --------
    >>> display_path(project_root() / "data" / "processed")
    'data/processed'
    """
    try:
        return Path(path).resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return str(path)


def default_reports_dir() -> Path:
    """``$POLICY_LENS_REPORTS``, else ``reports/`` of the project checkout.

    Examples
    --------
    >>> default_reports_dir().name                                  # doctest: +SKIP
    'reports'
    """
    env = os.environ.get("POLICY_LENS_REPORTS")
    return Path(env) if env else project_root() / "reports"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex (the ``sha256`` column of a manifest).

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes(b"")
    >>> file_sha256(path)[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(path: Path) -> list[dict[str, str]]:
    """The rows of a ``MANIFEST.csv`` (none when the file does not exist).

    Examples
    --------
    >>> read_manifest(Path("no") / "MANIFEST.csv")
    []
    """
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
