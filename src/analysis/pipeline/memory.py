"""Memory of a build: sizes a user gives, what the system has available, what this process
holds, and handing freed memory back to the system between the steps of a build."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import re
import sys
from pathlib import Path

__all__ = ["available_memory", "parse_memory", "process_memory", "release_memory"]


def release_memory(*, collect: bool = True) -> None:
    """Hand back to the system the memory a finished step freed: Python's reference
    cycles collected, Arrow's memory pool and (on Linux) glibc's heap trimmed.

    Both allocators otherwise keep freed pages for reuse, which adds up across the stages
    of a large build (measured peak of a 2M-character full build: 805 MB without, 758 MB
    with) and inside a stage whose steps leave fragments the next cannot reuse.

    Parameters
    ----------
    collect : bool, keyword-only
        Collect reference cycles first (a full collection: it visits every object the
        process made, a tenth of a second and more once large libraries are loaded).
        ``False`` only trims, for memory freed by dropping references (a written table):
        no cycle holds it.

    Examples
    --------
    >>> import numpy as np
    >>> big = np.ones(10**6)
    >>> del big
    >>> release_memory(collect=False)
    """
    if collect:
        gc.collect()
    with contextlib.suppress(ImportError, AttributeError):
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # another C library (musl)
            ctypes.CDLL("libc.so.6").malloc_trim(0)


_UNITS = {"": 1, "b": 1} | {
    prefix + suffix: 2 ** (10 * (k + 1))
    for k, prefix in enumerate("kmgt") for suffix in ("", "b", "i", "ib")}


def parse_memory(value: int | str) -> int:
    """A memory size in bytes: an int (bytes) or a string with a unit (``"2G"``,
    ``"2 GiB"``, ``"1500MB"``, ``"512m"``, ``".5G"``; binary units: 1G = 1 GB = 1 GiB =
    1024 MiB).

    Parameters
    ----------
    value : int or str
        Bytes, or a number with a unit (b; k, ki, kb, kib; the same for m, g, t; any
        case, a space before the unit or none).

    Returns
    -------
    int
        Bytes.

    Raises
    ------
    ValueError
        For a size that is not a number with a known unit, or not above zero.

    Examples
    --------
    >>> parse_memory("2G"), parse_memory("1.5 GB"), parse_memory("2 GiB"), parse_memory(4096)
    (2147483648, 1610612736, 2147483648, 4096)
    """
    if isinstance(value, bool):
        raise ValueError(f"memory budget {value!r}: give bytes or a size such as 2G.")
    if isinstance(value, int):
        number, unit = float(value), ""
    else:
        found = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)\s*", str(value))
        if found is None or found.group(2).lower() not in _UNITS:
            raise ValueError(f"memory budget {value!r}: give a size such as 2G, 1500M or "
                             "a number of bytes.")
        number, unit = float(found.group(1)), found.group(2).lower()
    size = int(number * _UNITS[unit])
    if size <= 0:
        raise ValueError(f"memory budget {value!r}: give a size above zero.")
    return size


def available_memory(*, meminfo: str | os.PathLike[str] = "/proc/meminfo",
                     cgroup: str | os.PathLike[str] = "/sys/fs/cgroup") -> int | None:
    """Bytes the system can still give to this program without swapping, or None when
    unknown: the lower of the machine's (Linux ``MemAvailable``; elsewhere the free
    physical pages) and the room left under the memory limit of the control group it
    runs in (a container's limit: cgroup v2 ``memory.max`` less ``memory.current``, v1
    ``memory/memory.limit_in_bytes`` less ``memory.usage_in_bytes``). A file that is
    missing or does not read is left out.

    Parameters
    ----------
    meminfo : path, keyword-only
        The kernel's memory report.
    cgroup : path, keyword-only
        The folder the control group's files are mounted in.

    Returns
    -------
    int or None
        Bytes.

    Examples
    --------
    >>> m = available_memory()
    >>> m is None or m > 0
    True
    """
    found = [n for n in (_machine_available(meminfo), _cgroup_room(cgroup)) if n is not None]
    return min(found) if found else None


def _machine_available(meminfo: str | os.PathLike[str]) -> int | None:
    with contextlib.suppress(OSError, StopIteration, ValueError, IndexError):
        with open(meminfo, encoding="ascii") as fh:
            kb = next(int(ln.split()[1]) for ln in fh if ln.startswith("MemAvailable:"))
        return kb * 1024
    with contextlib.suppress(AttributeError, ValueError, OSError):
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return None


def _cgroup_room(cgroup: str | os.PathLike[str]) -> int | None:
    """Bytes left under the control group's memory limit; None with no limit or none read."""
    root = Path(cgroup)
    for limit_file, usage_file in (("memory.max", "memory.current"),
                                   ("memory/memory.limit_in_bytes",
                                    "memory/memory.usage_in_bytes")):
        limit, usage = _read_int(root / limit_file), _read_int(root / usage_file)
        if limit is not None and usage is not None:
            return max(limit - usage, 0)
    return None


def _read_int(path: Path) -> int | None:
    """The whole number a control-group file holds; None when missing, unreadable or
    ``max`` (no limit)."""
    with contextlib.suppress(OSError, ValueError, UnicodeDecodeError):
        return int(path.read_text(encoding="ascii").strip())
    return None


def process_memory() -> int:
    """Resident memory of this process, bytes (its peak where the current one cannot be
    read).

    Returns
    -------
    int
        Bytes.

    Examples
    --------
    >>> process_memory() > 0
    True
    """
    with (contextlib.suppress(OSError, IndexError, ValueError),
          open("/proc/self/statm", encoding="ascii") as fh):
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    import resource  # not on Windows, where the stages never fork

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
