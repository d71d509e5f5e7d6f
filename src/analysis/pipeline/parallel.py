"""Running independent stages of the build at once, in forked processes.

After the first stage (``core``), the analysis stages read only the build's inputs (the
corpus, its tokens and clauses): :func:`stage_batches` groups the stages that can run at
once, and :func:`run_batch` runs a group on several processes forked after those inputs
are made, so the processes share them (copy-on-write) instead of each making its own.
Each process takes the next stage, largest first (:data:`STAGE_COST`); it writes the
stage's tables into the build's staging folder itself when the build lets them go, and
sends back the others, its warnings and its time. The build then takes the results in
stage order, so the tables, files and warnings are the same whatever the schedule.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import pickle
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.pipeline.context import BuildContext
from analysis.pipeline.guard import run_guarded
from analysis.pipeline.registry import BASE_INPUTS, Stage
from analysis.pipeline.tables import WrittenTable
from analysis.pipeline.writer import write_staged

__all__ = ["STAGE_COST", "STAGE_PARALLEL_MIN_CHARS", "StageOutcome", "can_fork",
           "default_processes", "replay", "run_batch", "stage_batches"]

#: Corpora with fewer characters run every stage in the build's own process: forking
#: and sending tables back would cost more than the stages take.
STAGE_PARALLEL_MIN_CHARS = 200_000

#: Relative cost of the default stages (their seconds at 5M characters, measured with
#: ``make bench``): a process free for work takes the costliest stage left. Stages not
#: listed count as 1.
STAGE_COST: dict[str, float] = {
    "reuse": 16.0, "compare": 9.7, "instruments": 9.3, "themes": 7.4,
    "structure": 3.5, "targets": 3.5, "network": 3.1,
}


def can_fork() -> bool:
    """Whether this platform forks processes (Linux): elsewhere every stage runs in the
    build's process."""
    return "fork" in mp.get_all_start_methods() and sys.platform != "darwin"


def stage_batches(plan: Sequence[Stage]) -> list[list[int]]:
    """Indices of ``plan`` in groups that can run at once, in order.

    The first stage runs alone (the build's own foundation: ``core``); after it, a stage
    joins the group before it unless it reads a table a stage of that group writes.
    Reading the build's inputs (:data:`BASE_INPUTS`: ``corpus``, ``tokens``,
    ``clauses``) never waits for a stage.

    Examples
    --------
    >>> from analysis.pipeline import STAGES
    >>> [[STAGES[i].name for i in group] for group in stage_batches(STAGES)][:1]
    [['core']]
    >>> len(stage_batches(STAGES)), len(stage_batches(STAGES)[1])
    (2, 7)
    >>> later = Stage("later", "mine:f", reads=["targets"], writes=["later"])
    >>> [len(group) for group in stage_batches([*STAGES, later])]
    [1, 7, 1]
    """
    batches: list[list[int]] = []
    written: set[str] = set()
    for i, stage in enumerate(plan):
        needs = set(stage.reads) - set(BASE_INPUTS)
        if i >= 2 and not needs & written:
            batches[-1].append(i)
        else:
            batches.append([i])
            written = set()
        written |= set(stage.writes)
    return batches


@dataclass
class StageOutcome:
    """What a stage process sends back: the stage's tables (DataFrames, or
    :class:`~analysis.pipeline.tables.WrittenTable` for those it wrote itself, with their
    files in ``written``), its warnings and seconds, or the error it raised."""

    index: int
    tables: dict[str, Any] = field(default_factory=dict)
    written: dict[str, list[Path]] = field(default_factory=dict)
    caught: list[tuple[str, type[Warning], str, int]] = field(default_factory=list)
    seconds: float = 0.0
    error: BaseException | None = None


@dataclass
class _Job:
    plan: Sequence[Stage]
    ctx: BuildContext
    run: Callable[[Stage, BuildContext], dict[str, Any]]
    staging: Path | None
    send_back: set[str]
    release: Callable[[], None]


_JOB: _Job | None = None  # set in the build's process just before it forks


def _picklable_category(category: type[Warning]) -> type[Warning]:
    try:
        pickle.dumps(category)
    except Exception:  # a warning class defined inside a function
        return UserWarning
    return category


def _picklable_error(err: BaseException) -> BaseException:
    text = "".join(traceback.format_exception(err))
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:
        err = RuntimeError(f"{type(err).__name__}: {err}")
    with contextlib.suppress(AttributeError):
        err.add_note(f"(raised in the stage's process)\n{text}")
    return err


def _run_one(index: int) -> StageOutcome:
    """Run stage ``index`` of the job in this process, write or keep its tables."""
    job = _JOB
    assert job is not None
    stage = job.plan[index]
    t0 = time.perf_counter()
    outcome = StageOutcome(index)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            tables = run_guarded(stage, job.ctx, job.run)
            for name, df in tables.items():
                if (job.staging is not None and name not in job.send_back
                        and isinstance(df, pd.DataFrame)):
                    outcome.written[name] = write_staged(job.staging, name, df)
                    outcome.tables[name] = WrittenTable(df)
                else:
                    outcome.tables[name] = df
            tables = df = None  # type: ignore[assignment]
        except Exception as err:
            outcome.error = _picklable_error(err)
            outcome.tables = {}
    outcome.caught = [(str(w.message), _picklable_category(w.category), w.filename,
                       w.lineno) for w in caught]
    job.release()
    outcome.seconds = time.perf_counter() - t0
    return outcome


def _serve(conn: Connection) -> None:
    """A stage process: run the stages it is sent until it is sent ``None``."""
    # Ctrl-C reaches the whole process group: the build's process stops the stage
    # processes itself (and removes what they wrote), so they ignore it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        index = conn.recv()
        if index is None:
            break
        outcome = _run_one(index)
        try:
            conn.send(outcome)
        except Exception as err:  # a table that does not pickle
            conn.send(StageOutcome(index, caught=outcome.caught, seconds=outcome.seconds,
                                   error=_picklable_error(err)))
    conn.close()


def run_batch(indices: list[int], plan: Sequence[Stage], ctx: BuildContext,
              run: Callable[[Stage, BuildContext], dict[str, Any]], *, processes: int,
              staging: Path | None, send_back: set[str], release: Callable[[], None],
              started: Callable[[], None] | None = None) -> list[StageOutcome]:
    """Run the stages ``indices`` of ``plan`` on ``processes`` forked processes.

    Returns their outcomes in the order of ``indices``. When a stage fails, stages after
    it in that order that have not started are not run (their outcomes are missing).
    ``started`` is called once the processes are forked (the build starts its
    background writes only then: forking while another thread writes could leave a
    lock held in the new process). Tables named in ``send_back`` (or all, when
    ``staging`` is None) come back as DataFrames; the others are written into
    ``staging`` by the stage's process.
    """
    global _JOB
    order = sorted(indices, key=lambda i: (-STAGE_COST.get(plan[i].name, 1.0), i))
    _JOB = _Job(plan, ctx, run, staging, send_back, release)
    context = mp.get_context("fork")
    procs: list[tuple[Any, Connection]] = []
    outcomes: dict[int, StageOutcome] = {}
    try:
        for _ in range(max(1, min(processes, len(indices)))):
            here, there = context.Pipe()
            proc = context.Process(target=_serve, args=(there,), daemon=True)
            proc.start()
            there.close()
            procs.append((proc, here))
        _JOB = None  # the processes have their copy
        if started is not None:
            started()
        failed = len(plan)
        busy: dict[Connection, int] = {}
        for _, conn in procs:
            if order:
                conn.send(order.pop(0))
                busy[conn] = 1
        while busy:
            for conn in wait(list(busy)):
                try:
                    outcome: StageOutcome = conn.recv()  # type: ignore[union-attr]
                except EOFError:
                    raise RuntimeError("a stage process of the build ended unexpectedly "
                                       "(out of memory?); run with --workers 1 to see "
                                       "the stage's own error.") from None
                outcomes[outcome.index] = outcome
                if outcome.error is not None:
                    failed = min(failed, outcome.index)
                order = [i for i in order if i < failed]
                if order:
                    conn.send(order.pop(0))  # type: ignore[union-attr]
                else:
                    del busy[conn]  # type: ignore[arg-type]
        for _, conn in procs:
            conn.send(None)
        for proc, _ in procs:
            proc.join()
    finally:
        _JOB = None
        for proc, conn in procs:
            if proc.is_alive():
                proc.terminate()
                proc.join()
            conn.close()
    return [outcomes[i] for i in indices if i in outcomes]


def replay(outcome: StageOutcome) -> None:
    """Issue again, in this process, the warnings a stage process caught."""
    for message, category, filename, lineno in outcome.caught:
        warnings.warn_explicit(message, category, filename, lineno)


def default_processes() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
