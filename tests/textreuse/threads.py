"""A watch on the threads of a test: which call runs on which thread, and whether any thread
but the caller's enters ``warnings.catch_warnings`` (whose state is the whole process's, so
a block on a pool thread would interleave with the caller's own)."""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class ThreadWatch:
    """``calls``: the thread of each call of the watched function, in order; ``others``: the
    names of the threads other than ``caller`` that entered a catch_warnings block."""

    caller: int
    calls: list[int] = field(default_factory=list)
    others: list[str] = field(default_factory=list)


def watch_threads(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> ThreadWatch:
    """Note the thread of every call of ``owner.name`` and every catch_warnings block
    entered off the calling thread, until the test ends."""
    watch = ThreadWatch(threading.get_ident())
    real_enter, real_call = warnings.catch_warnings.__enter__, getattr(owner, name)

    def noted_enter(self):  # type: ignore[no-untyped-def]
        if threading.get_ident() != watch.caller:
            watch.others.append(threading.current_thread().name)
        return real_enter(self)

    def noted_call(*args, **kwargs):  # type: ignore[no-untyped-def]
        watch.calls.append(threading.get_ident())
        return real_call(*args, **kwargs)

    monkeypatch.setattr(warnings.catch_warnings, "__enter__", noted_enter)
    monkeypatch.setattr(owner, name, noted_call)
    return watch
