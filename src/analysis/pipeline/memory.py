"""Memory of a build: sizes a user gives, what the system has available, what this process
holds, handing freed memory back to the system between the steps of a build, and the
budget the schedule of its stages keeps to (each stage's estimated working memory, the
room the stages have beside the build's process)."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["DEFAULT_MEMORY_BUDGET", "DEFAULT_STAGE_MEMORY", "STAGE_MEMORY", "available_memory",
           "pairs_fit", "parse_memory", "process_memory", "release_memory", "stage_memory",
           "stage_room"]


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


#: Working memory of the default stages, in bytes per character of the corpus: what the
#: whole build holds more while the stage runs in a process forked for it, beside the
#: build's process (whose resident memory :func:`stage_room` takes off the budget).
#: That is the stage process's private memory (the pages no other process maps: what it
#: allocates, and its copies of the build's pages it or the build wrote into), not its
#: proportional set size (PSS), which also counts a share of the pages it still shares
#: with the build's process: those are in the build's resident memory already. The
#: build's processes together hold the build's resident memory plus the stage
#: processes' private memory. Measured with ``benchmarks/memory_probe.py`` on the scaled
#: corpus of 20M characters, the size where the budget decides the schedule: each stage
#: process's peak private memory, the highest of three builds (reuse 1,083 MB, themes
#: 751, instruments 744, compare 694, targets 571, network 496, structure 330: reuse's
#: varies most, 862-1,083, with how much of its work runs on two threads), rounded up by
#: about 5%: the margin the schedule keeps. Core: what the build's process adds while it
#: runs the core stage (and, up to 10M characters, makes the token frame) beside the
#: stages that start before it (280-300 MB at 20M).
STAGE_MEMORY: dict[str, float] = {
    "reuse": 60.0, "themes": 41.0, "instruments": 41.0, "compare": 38.0,
    "targets": 32.0, "network": 27.0, "structure": 18.0, "core": 25.0,
}

#: Bytes per character assumed for a stage not in :data:`STAGE_MEMORY`.
DEFAULT_STAGE_MEMORY = 60.0

#: The memory budget of a build that gives none: 2 GiB, or the memory the system has
#: available when that is less (:func:`stage_room`). At 10M characters every stage
#: estimate fits beside any other in it (the largest two, reuse and themes, 1.0 GB
#: against about 1.35 GB of room), so only larger corpora wait.
DEFAULT_MEMORY_BUDGET = 2 * 2**30


def stage_memory(name: str, characters: int, *,
                 memory: Mapping[str, float] | None = None) -> float:
    """Estimated working memory of stage ``name`` on a corpus of ``characters``, bytes.

    Parameters
    ----------
    name : str
        The stage's name.
    characters : int
        The corpus's characters.
    memory : mapping, keyword-only
        Bytes per character by stage name (:data:`STAGE_MEMORY` by default); a stage
        not in it counts :data:`DEFAULT_STAGE_MEMORY`.

    Returns
    -------
    float
        Bytes.

    Examples
    --------
    >>> stage_memory("mine", 1_000_000, memory={"mine": 25.0}) / 1e6
    25.0
    """
    per_char = (STAGE_MEMORY if memory is None else memory).get(name, DEFAULT_STAGE_MEMORY)
    return per_char * characters


def pairs_fit(names: Sequence[str], *, characters: int, room: float | None,
              memory: Mapping[str, float] | None = None) -> bool:
    """Whether any two of the stages ``names`` fit in ``room`` together (their two largest
    estimates, :func:`stage_memory`): a schedule the budget does not hold back.

    Examples
    --------
    >>> memory = {"big": 5, "mid": 4, "small": 1}
    >>> pairs_fit(["big", "mid", "small"], characters=100, room=900, memory=memory)
    True
    >>> pairs_fit(["big", "mid", "small"], characters=100, room=800, memory=memory)
    False
    >>> pairs_fit(["big"], characters=100, room=1, memory=memory)
    True
    """
    if room is None:
        return True
    sizes = sorted(stage_memory(name, characters, memory=memory) for name in names)
    return sum(sizes[-2:]) <= room if len(sizes) > 1 else True


def stage_room(budget: int | None = None) -> float | None:
    """Bytes the stages may hold together beside this process (the ``room`` of
    :func:`analysis.pipeline.parallel.next_stage`): ``budget``
    (:data:`DEFAULT_MEMORY_BUDGET` when None) less what this process holds, and never
    more than the memory the system has available.

    Parameters
    ----------
    budget : int, optional
        Bytes the whole build may hold while the stages run.

    Returns
    -------
    float or None
        Bytes (may be below zero: every stage then runs alone).

    Examples
    --------
    >>> stage_room(2**40) <= (available_memory() or 2**40)
    True
    >>> stage_room(1) < 0
    True
    """
    room = float((DEFAULT_MEMORY_BUDGET if budget is None else budget) - process_memory())
    available = available_memory()
    return room if available is None else min(room, float(available))
