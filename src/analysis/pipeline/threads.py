"""How many threads the stage running in this process may use.

A stage process that runs its stage alone, with no other stage running and none waiting
that fits beside it (:func:`analysis.pipeline.parallel.run_batch`), may use the cores
that would otherwise idle: as many threads as the build has processes (``--workers``)
for its stage's compiled, GIL-free work (a stage may use fewer: the themes use at most
two). Everywhere else (a stage beside another, ``workers=1``, a stage in the build's own
process) a stage gets one thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

__all__ = ["stage_threads", "using_threads"]

_THREADS = [1]


def stage_threads() -> int:
    """The threads the stage running now may use (1 unless the schedule gave it more).

    Returns
    -------
    int
        What the innermost :func:`using_threads` block gives, or 1 outside any.

    Examples
    --------
    >>> stage_threads()
    1
    >>> with using_threads(2):
    ...     stage_threads()
    2
    """
    return _THREADS[-1]


@contextlib.contextmanager
def using_threads(threads: int) -> Iterator[None]:
    """Let the stage run inside this block use ``threads`` threads.

    Parameters
    ----------
    threads : int
        Threads the stage may use; below 1 counts as 1.

    Examples
    --------
    >>> with using_threads(0):
    ...     stage_threads()
    1
    """
    _THREADS.append(max(1, int(threads)))
    try:
        yield
    finally:
        _THREADS.pop()
