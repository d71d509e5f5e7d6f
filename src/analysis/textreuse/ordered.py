"""Calls run on a few threads, their results taken in the calls' order.

The text reuse kernels release the interpreter's lock, so the calls of one stage can run
side by side on the threads the stage was given, with the same results in the same order
as one after the other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

__all__: list[str] = []


def _in_order(calls: Iterable[Callable[[], Any] | None], *,
              threads: int) -> Iterator[Any]:
    """Each call's result (None for None), in the order of ``calls``; with ``threads``
    above 1 the calls run on that many threads, a few ahead of the results taken (the
    alignment kernels release the GIL), so the results are the same, in the same order,
    and only a few are held at once (the first call runs on this thread). A call's error
    is raised where its result is taken."""
    if threads <= 1:
        for call in calls:
            yield None if call is None else call()
        return
    calls = iter(calls)
    # the calls up to the first real one run here: a kernel's first call compiles it (or
    # loads it from numba's cache), and numba's compiler enters the process-wide
    # warnings.catch_warnings, which no other thread of the build may
    for call in calls:
        yield None if call is None else call()
        if call is not None:
            break
    pool = ThreadPoolExecutor(threads)
    ahead: deque[Future[Any] | None] = deque()
    try:
        for call in calls:
            ahead.append(None if call is None else pool.submit(call))
            if len(ahead) > 2 * threads:
                done = ahead.popleft()
                yield None if done is None else done.result()
        while ahead:
            done = ahead.popleft()
            yield None if done is None else done.result()
    except BaseException:
        # an error, an interrupt or a caller that stops taking results: the calls not
        # started yet are dropped, and the error is raised without waiting for the rest
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
