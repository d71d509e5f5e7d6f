"""Running independent stages of the build at once, in forked processes.

After the first stage (``core``), the analysis stages read only the build's inputs (the
corpus, its tokens and clauses): :func:`stage_batches` groups the stages that can run at
once, and :func:`run_batch` runs a group on several processes forked after those inputs
are made, so the processes share them (copy-on-write) instead of each making its own.
Each process takes the next stage, largest first (:data:`STAGE_COST`), among those
whose memory estimate (:data:`analysis.pipeline.memory.STAGE_MEMORY`) fits beside the
stages running, within the build's memory budget (:func:`next_stage`); it writes the
stage's tables into the build's staging folder itself when the build lets them go, and
sends back the others, its warnings and its time. The build then takes the results in
stage order, so the tables, files and warnings are the same whatever the schedule.

The stages that read neither the tokens nor a table of the core stage (reuse, targets,
structure: :data:`EARLY_INPUTS`) start before the core stage runs, on the core that would
otherwise wait while the build's process counts and makes the token frame. When the
budget keeps the stages apart, they also run before the stages that read tokens, while
the token table is set aside on disk.
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.pipeline.context import BuildContext
from analysis.pipeline.guard import run_guarded
from analysis.pipeline.memory import stage_memory
from analysis.pipeline.registry import BASE_INPUTS, Stage
from analysis.pipeline.tables import WrittenTable
from analysis.pipeline.threads import using_threads
from analysis.pipeline.writer import write_staged

__all__ = ["EARLY_INPUTS", "STAGE_COST", "STAGE_PARALLEL_MIN_CHARS", "StageOutcome", "can_fork",
           "default_processes", "next_stage", "replay", "run_batch", "stage_batches"]

#: Corpora with fewer characters run every stage in the build's own process: forking
#: and sending tables back would cost more than the stages take.
STAGE_PARALLEL_MIN_CHARS = 200_000

#: Relative cost of the default stages (their seconds at 5M characters in the last idle
#: ``make bench``; at 1M the order is the same but for the two smallest, 0.25-0.3 s
#: each): a process free for work takes the costliest stage left, so the two processes
#: end close together. Stages not listed count as 1.
STAGE_COST: dict[str, float] = {
    "reuse": 10.5, "compare": 3.9, "themes": 3.6, "targets": 3.5, "instruments": 3.2,
    "network": 1.0, "structure": 0.9,
}

#: The build's inputs a stage may read to start before the core stage has run and the
#: token frame is made (:func:`run_batch`'s ``early``).
EARLY_INPUTS = frozenset({"corpus", "clauses"})

def next_stage(waiting: Sequence[str], running: Sequence[str], *, characters: int,
               room: float | None, cost: Mapping[str, float] | None = None,
               memory: Mapping[str, float] | None = None) -> int | None:
    """Which waiting stage a free stage process starts, or None to leave it idle.

    The costliest stage waiting (:data:`STAGE_COST`; ties in the order of ``waiting``)
    whose memory estimate (:func:`stage_memory`), added to the estimates of the stages
    ``running``, fits in ``room`` (bytes the stages may use beside the build's shared
    inputs; None: no limit). With nothing running the costliest stage starts whatever
    its estimate: it then runs alone, the least memory it can run with.

    Parameters
    ----------
    waiting, running : sequence of str
        Names of the stages not started yet and of those running on other processes.
    characters : int, keyword-only
        The corpus's characters (the estimates grow with them).
    room : float or None, keyword-only
        Bytes the running stages may hold together.
    cost, memory : mapping, keyword-only
        Stage costs and bytes per character (:data:`STAGE_COST`,
        :data:`analysis.pipeline.memory.STAGE_MEMORY` by default).

    Returns
    -------
    int or None
        The position in ``waiting`` of the stage to start.

    Examples
    --------
    >>> cost, memory = {"big": 3.0, "mid": 2.0, "small": 1.0}, {"big": 5, "mid": 4, "small": 1}
    >>> next_stage(["small", "mid", "big"], [], characters=100, room=None, cost=cost,
    ...            memory=memory)
    2
    >>> # beside "big" (500 bytes) only "small" fits in 700
    >>> next_stage(["small", "mid"], ["big"], characters=100, room=700, cost=cost,
    ...            memory=memory)
    0
    >>> next_stage(["mid"], ["big"], characters=100, room=700, cost=cost, memory=memory) is None
    True
    """
    cost = STAGE_COST if cost is None else cost
    order = sorted(range(len(waiting)), key=lambda k: (-cost.get(waiting[k], 1.0), k))
    if not order:
        return None
    if room is None or not running:
        return order[0]
    used = sum(stage_memory(name, characters, memory=memory) for name in running)
    for k in order:
        if used + stage_memory(waiting[k], characters, memory=memory) <= room:
            return k
    return None


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


#: A written table at least this large (arrays and object columns' values) is handed back
#: at once; smaller ones with the trim after the stage, as each trim walks the whole heap.
TRIM_MIN_BYTES = 16 * 2**20


def _held_bytes(df: pd.DataFrame) -> int:
    """Bytes ``df``'s columns hold: their arrays, and each object column's values too
    (``memory_usage(deep=True)`` on those columns only)."""
    objects = [i for i, t in enumerate(df.dtypes) if pd.api.types.is_object_dtype(t)]
    held = int(df.memory_usage(index=False, deep=False).sum())
    if objects:  # their pointers counted again with their values
        part = df.iloc[:, objects]
        held += int(part.memory_usage(index=False, deep=True).sum()
                    - part.memory_usage(index=False, deep=False).sum())
    return held


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
    release: Callable[..., None]


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


def _run_one(index: int, threads: int = 1) -> StageOutcome:
    """Run stage ``index`` of the job in this process on up to ``threads`` threads
    (:func:`~analysis.pipeline.threads.stage_threads`), write or keep its tables."""
    job = _JOB
    assert job is not None
    stage = job.plan[index]
    t0 = time.perf_counter()
    outcome = StageOutcome(index)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with using_threads(threads):
                tables = run_guarded(stage, job.ctx, job.run)
            # what the stage freed goes back before its tables pass through Arrow: the
            # allocator would otherwise keep it beside them (hundreds of MB at 20M)
            job.release()
            for name in list(tables):
                df = tables.pop(name)  # a written table is let go before the next one
                if (job.staging is not None and name not in job.send_back
                        and isinstance(df, pd.DataFrame)):
                    outcome.written[name] = write_staged(job.staging, name, df)
                    outcome.tables[name] = WrittenTable(df)
                    large = _held_bytes(df) >= TRIM_MIN_BYTES
                    df = None
                    # its Arrow copy and the frame's memory go back (freed by their
                    # references: no cycle collection, which costs more than the write);
                    # a small table's are left to the trim after the stage
                    if large:
                        job.release(collect=False)
                else:
                    outcome.tables[name] = df
            tables = df = None  # type: ignore[assignment]
        except Exception as err:
            outcome.error = _picklable_error(err)
            outcome.tables = {}
    outcome.caught = [(str(w.message), _picklable_category(w.category), w.filename,
                       w.lineno) for w in caught]
    job.release()  # once a stage: its cycles too, before the process takes another
    outcome.seconds = time.perf_counter() - t0
    return outcome


def _end_with_parent(parent: int) -> None:
    """On Linux, have the system end this process when the build's process (``parent``)
    dies (killed, out of memory), instead of leaving its stage running for no one."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # another C library (musl)
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PDEATHSIG
    if os.getppid() != parent:  # the build's process died before that
        os._exit(1)


def _serve(conn: Connection, parent: int) -> None:
    """A stage process: run the stages it is sent until it is sent ``None``."""
    # Ctrl-C reaches the whole process group: the build's process stops the stage
    # processes itself (and removes what they wrote), so they ignore it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)
    while True:
        sent = conn.recv()
        if sent is None:
            break
        index, threads = sent
        outcome = _run_one(index, threads)
        try:
            conn.send(outcome)
        except Exception as err:  # a table that does not pickle
            conn.send(StageOutcome(index, caught=outcome.caught, seconds=outcome.seconds,
                                   error=_picklable_error(err)))
    conn.close()


def run_batch(indices: list[int], plan: Sequence[Stage], ctx: BuildContext,
              run: Callable[[Stage, BuildContext], dict[str, Any]], *, processes: int,
              staging: Path | None, send_back: set[str], release: Callable[..., None],
              started: Callable[[], None] | None = None, characters: int = 0,
              room: float | None = None, fresh: bool = False, early: Sequence[int] = (),
              ready: Callable[[], tuple[float | None, bool,
                                        Callable[[list[int]], float | None] | None]]
              | None = None,
              meanwhile: str | None = None,
              prune: Callable[[list[int]], None] | None = None) -> list[StageOutcome]:
    """Run the stages ``indices`` of ``plan`` on ``processes`` forked processes.

    Returns their outcomes in the order of ``indices``. When a stage fails, stages after
    it in that order that have not started are not run (their outcomes are missing).
    ``started`` is called once no more processes will be forked (the build starts its
    background writes only then: forking while another thread writes could leave a
    lock held in the new process). Tables named in ``send_back`` (or all, when
    ``staging`` is None) come back as DataFrames; the others are written into
    ``staging`` by the stage's process. A free process takes the stage
    :func:`next_stage` picks for a corpus of ``characters`` and the memory ``room``
    (bytes; None: no limit); a free process that gets none while others run ends, so
    the memory its stages left does not add to theirs. With ``fresh`` every stage runs
    in a process forked for it (it starts from the build's memory alone, not what an
    earlier stage left in the allocator); only where nothing else runs in this process
    while the stages do (no background writes: a fork could copy a lock a writing
    thread holds).

    With ``ready``, this process still has work of its own to do before the other
    stages can start (the core stage and the token frame): the stages ``early`` (those
    that read none of it) start first, on up to ``processes - 1`` processes forked now
    (this process works on the last core), their memory counted beside that of stage
    ``meanwhile`` (this process's work); then ``ready()`` runs here and returns the
    ``room`` and ``fresh`` of the rest of the batch, and ``resume``: None, or a function
    that makes what the other stages need (``ready`` set the token table aside), given
    the indices of the stages still waiting: it is
    called once no ``early`` stage is running and the one with the largest memory
    estimate has run (the early stages still waiting did not fit beside it: they run
    among the others, beside whichever they fit), and returns the room from then on.
    Processes forked after ``ready`` (and ``resume``), which share what it made, take any
    stage (``processes`` of them beside those forked before, unless ``fresh``:
    none is forked later, so the background writes start at once); those forked before
    take only ``early`` stages and end when none is left (with ``fresh``, after their
    first; and at once when ``ready`` returns a ``resume``, so the early stages left run
    in processes forked without what it set aside). At most ``processes`` stages run at
    once (this process's own work before ``ready`` counts as one): a process forked
    after ``ready`` waits, having run nothing, while one forked before still runs an
    early stage; with ``fresh`` a process is forked only for a stage that fits and a
    free core. ``prune(waiting)``, when given, runs before each fork once this process's
    own work is done, with the stages not yet started (to let go of what none of them
    needs). A stage that starts with no other stage running, none waiting that could
    start beside it and ``processes`` of at least 2 may use ``processes`` threads
    (:func:`~analysis.pipeline.threads.stage_threads`); every other stage one.
    """
    global _JOB
    order = list(indices)
    _JOB = _Job(plan, ctx, run, staging, send_back, release)
    context = mp.get_context("fork")
    procs: list[tuple[Any, Connection]] = []
    outcomes: dict[int, StageOutcome] = {}
    n_procs = max(1, min(processes, len(indices)))
    before = set(early) if ready is not None else set()
    limited: set[Connection] = set()  # forked before ready(): they take ``before`` only
    served: set[Connection] = set()  # processes that have run a stage
    retired: set[Connection] = set()
    idle: list[Connection] = []
    busy: dict[Connection, int] = {}
    state: dict[str, Any] = {"waiting": ready is not None, "resume": None}

    def spawn(*, only_early: bool = False) -> None:
        if prune is not None and not state["waiting"]:
            prune(list(order))  # what no stage left needs, let go before the fork
        here, there = context.Pipe()
        proc = context.Process(target=_serve, args=(there, os.getpid()), daemon=True)
        proc.start()
        there.close()
        procs.append((proc, here))
        if only_early:
            limited.add(here)
        idle.append(here)

    # the early stage the token table was set aside for: the largest estimate
    largest = max(before, key=lambda i: (stage_memory(plan[i].name, characters), -i),
                  default=None)

    def resume_if_due() -> None:
        nonlocal room
        # no early stage running, and the largest has run: those still waiting did not
        # fit beside it, and run among the stages that read tokens (beside the large ones)
        if (state["resume"] is not None and largest not in order
                and not before.intersection(busy.values())):
            room = state["resume"](list(order))  # the others' inputs now
            state["resume"] = None

    def running() -> list[str]:
        names = [plan[i].name for i in busy.values()]
        if state["waiting"] and meanwhile is not None:
            names.append(meanwhile)
        return names

    def cores_free() -> int:
        # never more stages at work than processes asked for (this process's own work
        # counts as one): more would share the cores and slow every stage on them
        return n_procs - len(busy) - (1 if state["waiting"] else 0)

    def pick(only_early: bool, names: list[str]) -> int | None:
        choice = [i for i in order
                  if i in before or (not only_early and state["resume"] is None)]
        k = next_stage([plan[i].name for i in choice], names, characters=characters,
                       room=room) if choice else None
        return None if k is None else choice[k]

    def threads_for(i: int) -> int:
        # a thread per process asked for to a stage that starts alone (no other stage,
        # nor this process's own work) with no stage waiting that could start beside it:
        # the other cores would idle until it ends
        if processes < 2 or busy or state["waiting"]:
            return 1
        rest = [j for j in order if j != i and (j in before or state["resume"] is None)]
        if rest and next_stage([plan[j].name for j in rest], [plan[i].name],
                               characters=characters, room=room) is not None:
            return 1
        return processes

    def give(conn: Connection, i: int) -> None:
        threads = threads_for(i)
        idle.remove(conn)
        busy[conn] = i
        served.add(conn)
        order.remove(i)
        conn.send((i, threads))

    def dispatch() -> None:
        resume_if_due()
        for conn in sorted(idle, key=lambda c: c not in limited):  # limited ones first
            if cores_free() <= 0:
                break
            i = pick(conn in limited, running())
            if i is not None:
                give(conn, i)

    def retire(conn: Connection) -> None:
        conn.send(None)
        next(pr for pr, c in procs if c is conn).join()
        retired.add(conn)
        limited.discard(conn)

    def retire_idle() -> None:
        # a process that ran a stage and has nothing it may take while another works
        # ends: the memory its stages left (freed, kept by the allocator) no longer
        # stands beside theirs; so does one forked before ready() when no stage it may
        # take is left. One that has run nothing yet waits for a free core.
        for conn in list(idle):
            if ((busy and conn in served)
                    or (conn in limited and not before.intersection(order))):
                idle.remove(conn)
                retire(conn)

    def top_up(*, forks: bool) -> None:
        # (with ``forks``) a process forked for each stage, only once the stage fits
        # beside those running and a core is free
        dispatch()
        while forks and order and cores_free() > 0:
            only_early = state["resume"] is not None or state["waiting"]
            i = pick(only_early, running())
            if i is None:
                break
            spawn(only_early=only_early)
            give(idle[-1], i)

    try:
        if ready is not None:
            top_up(forks=True)  # the early stages that fit beside this process's work
            room, fresh, state["resume"] = ready()
            state["waiting"] = False
            if state["resume"] is not None:
                # the processes forked before ready() hold what it set aside: the early
                # stages left go to processes forked after it
                for conn in [c for c in idle if c in limited]:
                    idle.remove(conn)
                    retire(conn)
        if not fresh:
            # n_procs processes that may take any stage, beside those forked before
            # ready() while they last (they end with the early stages): none is forked
            # later, so the background writes start at once
            for _ in range(n_procs - len([c for c in [*idle, *busy] if c not in limited])):
                spawn()
            if started is not None:
                started()
        failed = len(plan)
        top_up(forks=fresh)
        retire_idle()
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
                del busy[conn]  # type: ignore[arg-type]
                if fresh:
                    retire(conn)  # type: ignore[arg-type]
                else:
                    idle.append(conn)  # type: ignore[arg-type]
            order = [i for i in order if i < failed]
            top_up(forks=fresh)
            retire_idle()
        for conn in [c for _, c in procs if c not in retired]:
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
