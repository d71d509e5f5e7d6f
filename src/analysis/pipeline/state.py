"""The up-to-date check: a build whose inputs, options and code have not changed since
the last build into the same folder does nothing.

The last build's state is a small JSON file in the cache folder, one per output folder:
the build's key (a hash of the options, the files they name, the stages, the tokenizer,
the code of the ``analysis`` package and the library versions), the input files (size,
time stamp, SHA-256) and the output files (size, time stamp).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.io import write_text
from analysis.text.tokenize import default_cache_dir

if TYPE_CHECKING:
    from analysis.pipeline.options import BuildOptions
    from analysis.pipeline.registry import Stage

__all__ = [
    "PACKAGES",
    "build_key",
    "code_digest",
    "file_sha256",
    "is_up_to_date",
    "save_state",
    "state_path",
]

#: The libraries whose versions decide the outputs (recorded in ``build_info.json``).
PACKAGES = ["policy-lens", "jieba", "rjieba", "opencc", "pandas", "scikit-learn", "pyarrow"]

_STATE_VERSION = 1


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB pieces.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes(b"abc")
    >>> file_sha256(path)[:12]
    'ba7816bf8f01'
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def code_digest() -> str:
    """A hash of the installed ``analysis`` package: code and packaged resources."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _user_files(value: Any) -> list[str]:
    """Every string in the options that names an existing file (user dictionaries ...)."""
    if isinstance(value, dict):
        return [f for v in value.values() for f in _user_files(v)]
    if isinstance(value, (list, tuple)):
        return [f for v in value for f in _user_files(v)]
    if isinstance(value, str) and value and Path(value).is_file():
        return [str(Path(value).resolve())]
    return []


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return ""


def build_key(opts: BuildOptions, stages: Sequence[Stage], fingerprint: str,
              raw: Path) -> str:
    """The hash of everything that decides a build's outputs, but its input files."""
    options = asdict(opts)
    parts = {
        "state": _STATE_VERSION,
        "options": options,
        "user_files": {f: file_sha256(Path(f)) for f in sorted(set(_user_files(options)))},
        "stages": [[s.name, s.spec, list(s.reads), list(s.writes)] for s in stages],
        "tokenizer": fingerprint,
        "code": code_digest(),
        "versions": {p: _version(p) for p in PACKAGES},
        "python": sys.version,
        "raw_dir": str(raw.resolve()),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def state_path(cache_dir: str | os.PathLike[str] | bool | None, out: Path) -> Path | None:
    """Where the state of the builds into ``out`` is kept (None: no cache, no state)."""
    if cache_dir in (False, None):
        return None
    root = default_cache_dir() if cache_dir is True else Path(cache_dir)
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:24]
    return root / "builds" / f"{name}.json"


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def is_up_to_date(state_file: Path, key: str, raw: Path) -> dict[str, Any] | None:
    """The saved state if the last build into this folder had the same key, the same input
    files (same content; the size and time stamp decide unless they changed) and its
    outputs are untouched; else None."""
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("key") != key:
        return None
    for name, (size, mtime, digest) in state["inputs"].items():
        st = _stat(raw / name)
        if st is None:
            return None
        if st != [size, mtime] and file_sha256(raw / name) != digest:
            return None
    for path, st in state["outputs"].items():
        if _stat(Path(path)) != st:
            return None
    return state


def save_state(state_file: Path, key: str, raw: Path, hashes: dict[str, str],
               paths: list[Path], tables: Mapping[str, Any], stats: dict[str, Any]) -> None:
    """Record a finished build for the next one's :func:`is_up_to_date`."""
    inputs = {}
    for name, digest in {"metadata.csv": file_sha256(raw / "metadata.csv"), **hashes}.items():
        st = _stat(raw / name)
        if st is not None:
            inputs[name] = [*st, digest]
    state = {
        "key": key,
        "inputs": inputs,
        "outputs": {str(p.resolve()): _stat(p) for p in paths},
        "tables": sorted(tables),
        "stats": stats,
    }
    # a read-only cache only costs the next build its shortcut
    with contextlib.suppress(OSError):
        write_text(state_file, json.dumps(state, ensure_ascii=False, sort_keys=True))
