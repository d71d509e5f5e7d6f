"""Access to the package resources, or to a user's replacement file."""

from __future__ import annotations

import hashlib
import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["read_toml", "read_wordlist", "resource_text", "text_digest"]

PathLike = str | os.PathLike[str]


def resource_text(name_or_path: PathLike) -> str:
    """Return the text of a packaged resource (by file name) or of a user file (by path)."""
    path = Path(name_or_path)
    if path.is_file():
        return path.read_text(encoding="utf-8-sig")
    if len(path.parts) == 1:
        res = resources.files("analysis.resources").joinpath(str(name_or_path))
        if res.is_file():
            return res.read_text(encoding="utf-8")
    raise FileNotFoundError(
        f"{name_or_path}: no such file, and no packaged resource of that name "
        "(give the path of your own file, or one of the names in analysis/resources/)."
    )


@lru_cache(maxsize=64)
def _wordlist_cached(name: str, mtime: float) -> tuple[str, ...]:
    words: list[str] = []
    for line in resource_text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line.split()[0])
    return tuple(words)


def read_wordlist(name_or_path: PathLike) -> tuple[str, ...]:
    """Read a one-entry-per-line list; ``#`` starts a comment; only the first field counts.

    Examples
    --------
    >>> "的" in read_wordlist("stopwords_function.txt")
    True
    """
    path = Path(name_or_path)
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _wordlist_cached(str(name_or_path), mtime)


def read_toml(name_or_path: PathLike) -> dict[str, Any]:
    """Parse a packaged or user TOML file; errors name the file and the line."""
    try:
        return tomllib.loads(resource_text(name_or_path))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(
            f"{name_or_path}: not valid TOML ({exc}); fix the file and retry."
        ) from exc


def text_digest(*parts: str) -> str:
    """A short stable hash of some texts, used in cache keys and build metadata."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:16]
