"""Where the reports go, and the checksummed files in them.

:func:`project_root` finds the checkout, :func:`default_reports_dir` the ``reports/``
folder (``$POLICY_LENS_REPORTS`` overrides it), :func:`display_path` writes a path so that
notebook outputs do not depend on where the project was cloned. :func:`file_sha256` and
:func:`read_manifest` are the two halves of a ``MANIFEST.csv``: what a folder's files
hashed to when they were written. :func:`claim_folder` is how ``export``, ``figures`` and
``notebooks`` make sure they only ever replace or delete files they wrote themselves.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = [
    "MANIFEST",
    "OutputFolderError",
    "PathLike",
    "claim_folder",
    "default_reports_dir",
    "display_path",
    "file_sha256",
    "project_root",
    "read_manifest",
    "remove_stale",
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


#: The file name of a folder's manifest: the files a command wrote there, with checksums.
MANIFEST = "MANIFEST.csv"


class OutputFolderError(ValueError):
    """An output folder holds files the command did not write; nothing was changed."""


def _manifest_columns(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh), [])


def claim_folder(
    folder: PathLike,
    *,
    command: str,
    columns: Sequence[str],
    will_write: Iterable[str] = (),
    adopt: Iterable[str] | None = None,
) -> list[dict[str, str]]:
    """Check that ``command`` may write into ``folder``; returns its earlier manifest rows.

    A folder is the command's when it is missing or empty (hidden files aside), or holds a
    ``MANIFEST.csv`` with exactly ``columns``: then only the files that manifest lists may
    be replaced or deleted, and a file named in ``will_write`` that the manifest does not
    list is refused. A folder of files only named in ``adopt`` (the outputs of an older
    version that kept no manifest) is taken as the command's too. Anything else raises
    :class:`OutputFolderError` naming the folder and a few of its files.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> claim_folder(folder, command="export", columns=["file", "sha256"])
    []
    >>> _ = (folder / "mine.png").write_bytes(b"")
    >>> try:
    ...     claim_folder(folder, command="export", columns=["file", "sha256"])
    ... except OutputFolderError as exc:
    ...     print(str(exc).split(": ", 1)[1])
    holds files that policy-lens export did not write (mine.png) and no MANIFEST.csv of its
    own; nothing was changed. Choose a new or empty folder for the output.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
    if not folder.is_dir():
        return []
    entries = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    manifest = folder / MANIFEST
    what = f"policy-lens {command}"
    if manifest.is_file():
        if _manifest_columns(manifest) != list(columns):
            raise OutputFolderError(
                f"{folder}: its {MANIFEST} was written by another command, not {what}; "
                "nothing was changed. Choose a new or empty folder (or the one an earlier "
                f"{what} wrote).")
        rows = read_manifest(manifest)
        listed = {r.get("file", "") for r in rows}
        foreign = sorted(n for n in set(will_write) if n in entries and n not in listed)
        if foreign:
            raise OutputFolderError(
                f"{folder}: {', '.join(foreign[:5])} would be replaced, but {what} did not "
                f"write {'them' if len(foreign) > 1 else 'it'} (not in its {MANIFEST}); "
                "nothing was changed. Move the file(s) away or choose another folder.")
        return rows
    if not entries or (adopt is not None and set(entries) <= set(adopt)):
        return []
    shown = ", ".join(entries[:5]) + (f" and {len(entries) - 5} more" if len(entries) > 5
                                      else "")
    raise OutputFolderError(
        f"{folder}: holds files that {what} did not write ({shown}) and no {MANIFEST} of "
        f"its own; nothing was changed. Choose a new or empty folder for the output.")


def remove_stale(folder: Path, old: Iterable[dict[str, str]], kept: Iterable[str]) -> None:
    """Delete the files an earlier run listed in ``old`` and this run did not write again
    (``kept``): only names, never paths, and only files still there."""
    keep = set(kept)
    for r in old:
        name = r.get("file", "")
        if not name or name in keep or Path(name).name != name or name == MANIFEST:
            continue
        stale = folder / name
        if stale.is_file():
            stale.unlink()
