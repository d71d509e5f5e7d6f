"""The build: a raw corpus folder into the tidy tables of ``data/processed/``.

:func:`build` checks the stage list against its declarations, skips the work when
nothing changed since the last build into the same folder, loads and segments the corpus
(:mod:`~analysis.pipeline.loader`), runs the stages in order, each with a context that
gives it only what it declares (the analysis stages after ``core`` on several processes
at once: :mod:`~analysis.pipeline.parallel`), and writes their tables
(:mod:`~analysis.pipeline.writer`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.pipeline.context import BuildContext
from analysis.pipeline.guard import DATA_ERRORS, run_guarded, summarised_warnings
from analysis.pipeline.loader import PRELOAD_MAX_CHARS, load_and_tokenize
from analysis.pipeline.memory import pairs_fit, parse_memory, release_memory, stage_room
from analysis.pipeline.options import BuildOptions
from analysis.pipeline.parallel import (
    EARLY_INPUTS,
    STAGE_PARALLEL_MIN_CHARS,
    can_fork,
    default_processes,
    replay,
    run_batch,
    stage_batches,
)
from analysis.pipeline.registry import Stage, StageError, stage_list
from analysis.pipeline.state import build_key, is_up_to_date, save_state, state_path
from analysis.pipeline.tables import (
    TEXT_COLUMNS,
    BuildTables,
    SavedTables,
    TokenParts,
    WrittenTable,
)
from analysis.pipeline.writer import TableWriter, build_info, json_text
from analysis.text import DEFAULT_BACKEND, get_tokenizer
from analysis.text.corpus import default_raw_dir

__all__ = ["BuildResult", "build", "default_out_dir"]

#: Up to this many characters the core stage's tables are written in the background once
#: the stage processes are forked (they then hold memory beside the stages); above it
#: they are written and let go before, as the memory budget assumes.
WRITE_LATER_MAX_CHARS = 5_000_000


def default_out_dir() -> Path:
    """``$POLICY_LENS_PROCESSED``, else ``data/processed`` beside the default ``data/raw``."""
    env = os.environ.get("POLICY_LENS_PROCESSED")
    if env:
        return Path(env)
    return default_raw_dir().parent / "processed"


@dataclass
class BuildResult:
    """What :func:`build` did: the tables, where they went and how long each step took.

    ``stats`` counts documents, characters and tokens, how many documents were segmented
    (``segmented``) or read from the token cache (``cached``), the worker processes used,
    and the CPU seconds the workers spent reading + normalising and segmenting (and, when
    they made the clause table, on its columns: ``cpu_clauses``).
    ``up_to_date`` is True when nothing had changed and nothing was rebuilt; ``tables`` then
    reads each table from its Parquet file on first access, as it does after a build with
    ``keep_tables=False``.
    """

    tables: Mapping[str, pd.DataFrame]
    out_dir: Path
    paths: list[Path]
    timings: dict[str, float]
    stats: dict[str, Any] = field(default_factory=dict)
    up_to_date: bool = False

    def __repr__(self) -> str:
        t = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        state = "up to date, " if self.up_to_date else ""
        return f"<BuildResult {len(self.tables)} tables in {self.out_dir} ({state}{t})>"


def build(
    raw_dir: str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    tokenizer: str = DEFAULT_BACKEND,
    options: BuildOptions | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = True,
    stages: str | Sequence[Stage | str] | None = None,
    write: bool = True,
    workers: int | None = None,
    progress: bool | None = None,
    force: bool = False,
    keep_tables: bool = True,
    memory_budget: int | str | None = None,
) -> BuildResult:
    """Build every table from a corpus folder and write them to ``out_dir``.

    Parameters
    ----------
    raw_dir : path, optional
        Corpus folder (text files + ``metadata.csv``); the project's ``data/raw`` by default.
    out_dir : path, optional
        Output folder; ``data/processed`` by default.
    tokenizer : {"jieba", "rjieba"}, keyword-only
        Segmentation backend (ignored when ``options`` is given). ``rjieba`` (Rust, the
        default) is 12-21x faster and makes the same Chinese words as ``jieba`` (the
        reference); see the README.
    options : BuildOptions, keyword-only
        All options; defaults are the documented ones.
    cache_dir : path or bool, keyword-only
        Token cache location; ``True`` = the user cache folder, ``False`` = no cache (and
        no up-to-date shortcut).
    stages : str or list, keyword-only
        Stage names (``"core,themes"``, as :func:`select_stages` reads them: ``core`` and
        the stages they read from are added), or a list of stages run exactly as given:
        :class:`Stage` objects (:data:`STAGES` and your own) or registered stage names.
        The list is checked before anything runs (:func:`check_order`).
    write : bool, keyword-only
        ``False`` computes the tables without writing anything.
    workers : int, keyword-only
        Processes for reading and segmenting, and for the analysis stages after ``core``
        (each process runs one stage at a time, forked once the shared inputs are made;
        those that read no tokens start while ``core`` runs in this process);
        all cores by default; ``1`` runs everything in this process. Corpora under
        :data:`PARALLEL_MIN_CHARS` characters always run in this process. The tables,
        files and warnings are the same whatever the number of processes.
    progress : bool, keyword-only
        Show a progress bar; by default only on a terminal and only for builds that take
        more than a second.
    force : bool, keyword-only
        Rebuild even if nothing changed since the last build into ``out_dir``.
    keep_tables : bool, keyword-only
        ``False`` writes each stage's tables as soon as no later stage reads them and
        lets them go, so they are not all held in memory at once (what ``policy-lens
        build`` does: on large corpora the peak memory drops by the size of the tables);
        ``result.tables`` then reads them from their Parquet files when asked, as after
        an up-to-date build. Needs ``write=True``.
    memory_budget : int or str, keyword-only
        Memory the whole build may hold while the analysis stages run on several
        processes: bytes, or a size such as ``"2G"`` or ``"1500M"``. Stages whose memory
        estimates (:data:`~analysis.pipeline.memory.STAGE_MEMORY`) would together pass
        it, beside what the build's process holds, do not run at the same time; a stage
        whose estimate alone passes it runs alone. Default:
        :data:`~analysis.pipeline.memory.DEFAULT_MEMORY_BUDGET` (2 GiB). The default
        and a budget given are both capped at what the system (or the container's memory
        limit) has available when the stages start
        (:func:`~analysis.pipeline.memory.available_memory`). Only the schedule
        changes, never the tables.

    Returns
    -------
    BuildResult

    Raises
    ------
    StageError
        When a stage reads something no stage before it writes, or returns other tables
        than it declares.

    Examples
    --------
    >>> import tempfile
    >>> result = build(out_dir=tempfile.mkdtemp(), stages="core")
    >>> sorted(result.tables)
    ['documents', 'keywords', 'terms', 'tokens']
    """
    if not keep_tables and not write:
        raise ValueError("build(keep_tables=False) writes each stage's tables and reads "
                         "them back when asked: it needs write=True.")
    budget = parse_memory(memory_budget) if memory_budget is not None else None
    plan = stage_list(stages)
    opts = options or BuildOptions(tokenizer=tokenizer)
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    tok = get_tokenizer(backend=opts.tokenizer, user_dicts=opts.user_dicts, hmm=opts.hmm,
                        cache_dir=cache_dir if isinstance(cache_dir, (str, os.PathLike)) else None)
    state_file = state_path(cache_dir, out) if write else None
    key = build_key(opts, plan, tok.fingerprint, raw) if state_file else ""
    if state_file is not None and not force:
        state = is_up_to_date(state_file, key, raw)
        if state is not None:
            timings["check"] = time.perf_counter() - t0
            return BuildResult(SavedTables(out, state["tables"]), out,
                               [Path(p) for p in state["outputs"]], timings,
                               dict(state["stats"]), up_to_date=True)
    timings["check"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    modules = sorted({s.func.split(":")[0] for s in plan if isinstance(s.func, str)})
    with summarised_warnings() as scope:
        corpus, tokens, stats = load_and_tokenize(raw, opts, tokenizer=tok,
                                                  cache_dir=cache_dir, workers=workers,
                                                  progress=progress, lazy=True,
                                                  import_meanwhile=modules,
                                                  # what the stages load on first use, so
                                                  # that stage processes share it
                                                  preload=[e for s in plan for e in s.preload],
                                                  # made by the workers, not here while
                                                  # the other cores wait
                                                  clauses=any("clauses" in s.reads
                                                              for s in plan))
        scope.corpus = corpus
    hashes = stats.pop("input_hashes")
    clauses = stats.pop("clauses", None)
    timings["load_tokenize"] = time.perf_counter() - t0

    tables: dict[str, pd.DataFrame | TokenParts | WrittenTable] = {}
    ctx = BuildContext(corpus, tokens, opts, tables=tables, clauses=clauses)
    writer = TableWriter(out) if write else None
    processes = max(1, workers if workers is not None else default_processes())
    together = (processes > 1 and can_fork()
                and stats.get("characters", 0) >= STAGE_PARALLEL_MIN_CHARS)
    batches = stage_batches(plan) if together else [[i] for i in range(len(plan))]
    stats["stage_processes"] = (min(processes, max(map(len, batches)))
                                if any(len(b) > 1 for b in batches) else 1)

    def write_tokens() -> None:
        # the biggest table: written while the stages run (submitted again, it is not
        # written twice); with stage processes, only once they are forked
        if writer is not None:
            writer.submit("tokens", tokens)

    # what loading made (the corpus, the token arrays, the modules and kernels the stages
    # preload) lives until the stages have run: frozen, the full collections before the
    # fork skip it (two of 0.12 CPU s at 1M, while the second core waits); the stages'
    # build unfreezes it after them. Only where the build preloads: a larger corpus keeps
    # every object collectable, so no garbage is held through its stages. A caller's own
    # frozen objects are left as they are (unfreezing is all or nothing)
    freeze = (stats["stage_processes"] > 1 and gc.get_freeze_count() == 0
              and stats.get("characters", 0) <= PRELOAD_MAX_CHARS)
    if freeze:
        gc.freeze()

    def run_alone(batch: list[int], *, let_go: bool = True) -> None:
        # a stage in this process (core); its tables written once no later stage reads
        # them (or left to the caller: ``let_go=False``)
        t0 = time.perf_counter()
        stage = plan[batch[0]]
        with summarised_warnings(corpus):
            tables.update(run_guarded(stage, ctx, _run))
        if writer is not None and not keep_tables and let_go:
            _let_go(tables, writer, needed=_reads_after(plan, batch))
            release_memory()
        timings[stage.name] = time.perf_counter() - t0

    # the first stage (core) runs inside the group of stages after it: those that read
    # nothing it makes start on the other cores while it runs here
    ahead = len(batches) > 1 and len(batches[0]) == 1 and len(batches[1]) > 1
    try:
        if stats["stage_processes"] == 1:
            write_tokens()
        for k, batch in enumerate(batches):
            if ahead and k == 0:
                continue
            if len(batch) == 1:
                run_alone(batch)
                continue
            needed = _reads_after(plan, batch)
            first = batches[0] if ahead and k == 1 else None
            t0 = time.perf_counter()
            _run_together(batch, plan, ctx, tables, writer, timings, processes=processes,
                          keep_tables=keep_tables, needed=needed, started=write_tokens,
                          budget=budget, characters=stats.get("characters", 0),
                          first=first, run_first=run_alone)
            if writer is not None and not keep_tables:
                _let_go(tables, writer, needed=needed)
                # stages run on other processes made no garbage here to collect
                release_memory(collect=False)
            timings["stages_wall"] = (timings.get("stages_wall", 0.0)
                                      + time.perf_counter() - t0)
        write_tokens()

        paths: list[Path] = []
        if writer is not None:
            t0 = time.perf_counter()
            for tname, df in sorted(tables.items()):
                if not isinstance(df, WrittenTable):
                    writer.submit(tname, df)
            info = build_info(corpus, opts, tables, tok.fingerprint, hashes)
            paths = writer.commit(sorted(tables), files={"build_info.json": json_text(info)})
            timings["write"] = time.perf_counter() - t0
            if state_file is not None:
                save_state(state_file, key, raw, hashes, paths, tables, stats)
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    finally:
        if freeze:
            gc.unfreeze()
    if not keep_tables:
        return BuildResult(SavedTables(out, list(tables)), out, paths, timings, stats)
    return BuildResult(BuildTables(tables), out, paths, timings, stats)


def _run(stage: Stage, ctx: BuildContext) -> dict[str, pd.DataFrame | TokenParts]:
    """Run ``stage`` with the view of ``ctx`` it declared; check what it returns."""
    produced = stage.resolve()(ctx.for_stage(stage))
    if not isinstance(produced, Mapping):
        raise StageError(f"stage {stage.name!r} returned {type(produced).__name__}, not a "
                         "dict of tables.")
    missing = [t for t in stage.writes if t not in produced]
    extra = [t for t in produced if t not in stage.writes]
    if missing or extra:
        raise StageError(
            f"stage {stage.name!r} declares writes {', '.join(stage.writes) or '(none)'} but "
            f"returned {', '.join(produced) or 'no table'}: "
            + "; ".join(filter(None, [missing and f"missing {', '.join(missing)}",
                                      extra and f"undeclared {', '.join(extra)}"]))
            + ". Make its writes list the tables it returns.")
    for tname, df in produced.items():
        if "doc_id" not in df.columns:
            raise StageError(f"stage {stage.name!r} made table {tname!r} without a doc_id "
                             "column.")
    return dict(produced)


def _run_together(batch: list[int], plan: list[Stage], ctx: BuildContext,
                  tables: dict[str, pd.DataFrame | TokenParts | WrittenTable],
                  writer: TableWriter | None, timings: dict[str, float], *, processes: int,
                  keep_tables: bool, needed: set[str], started: Callable[[], None] | None,
                  budget: int | None, characters: int, first: list[int] | None = None,
                  run_first: Callable[..., None] | None = None) -> None:
    """Run the stages ``batch`` of ``plan`` on forked processes (:mod:`.parallel`) and take
    their tables, warnings and times in stage order, as if they had run one by one.
    The stages' memory room is ``budget`` (by default
    :data:`~analysis.pipeline.memory.DEFAULT_MEMORY_BUDGET`) less what this process
    holds once the shared inputs are made, within the memory the system has available.

    With ``first`` (the batch of one stage before, core), ``run_first(first)`` runs in
    this process once the stages of ``batch`` that read only the corpus and the clause
    table (:data:`EARLY_INPUTS`) and nothing ``first`` writes have started on the other
    cores; the token frame is made after it, and the other stages start then."""
    group = [plan[i] for i in batch]
    for stage in group:  # imported here once, not in each process
        stage.resolve()
    # made once here and shared by the processes (copy-on-write) instead of made in each;
    # unless a document's clauses cannot be parsed: each stage then meets that error in
    # its process, under its guard, as in one process (also when the error is first met
    # here: the table was not made by the loading workers); its warnings are summarised
    # as a stage's are
    if (any("clauses" in stage.reads for stage in group)
            and not ctx._inputs.clauses_failed()):
        with summarised_warnings(ctx._inputs.corpus), contextlib.suppress(*DATA_ERRORS):
            _ = ctx.clauses
    made = set(plan[first[0]].writes) if first else set()
    early = [i for i in batch if set(plan[i].reads) <= EARLY_INPUTS
             and not set(plan[i].reads) & made] if first else []
    apart = [False]
    later: list[list[int]] = []  # batches whose tables are written after the fork

    reads_tokens = any("tokens" in stage.reads for stage in group)
    writes = writer is not None and not keep_tables

    def inputs() -> tuple[float | None, bool, Callable[[list[int]], float | None] | None]:
        held = bool(first and writes)  # the first stage's tables, not written yet
        if first:
            assert run_first is not None  # given with first
            run_first(first, let_go=False)
            if held and characters > WRITE_LATER_MAX_CHARS:
                held = _let_go_now(first)  # (tables large enough to weigh in the budget)
        elif reads_tokens:
            _ = ctx.tokens
        # what making them freed goes back to the system before the processes inherit it
        release_memory()
        room = stage_room(budget)
        # kept apart, each stage gets a process of its own, forked from this one's memory
        # alone, and the token table's write (its Arrow copy in this process) is not
        # left to run beside the stages
        apart[0] = not pairs_fit([stage.name for stage in group], characters=characters,
                                 room=room)
        if held and apart[0]:  # written and let go before the fork ...
            held = _let_go_now(first)
        elif held:  # ... or in the background once the processes are forked
            later.append(first)  # type: ignore[arg-type]
        resume = None
        tokens = ctx._inputs.tokens
        if (apart[0] and first and early and reads_tokens and writes
                and isinstance(tokens, TokenParts) and tokens._frame is None):
            # the stages that need no tokens run first, without the token table here:
            # it is written now and its arrays set aside on disk until the others start
            writer.submit("tokens", tokens)  # type: ignore[union-attr]
            writer.wait("tokens")  # type: ignore[union-attr]
            spilled = writer.staging / ".tokens.arrow"  # type: ignore[union-attr]
            tokens.spill(spilled)

            def resume(waiting: list[int]) -> float | None:
                prune(waiting)
                _ = ctx.tokens
                # (a stage retried without its unusable documents reads the file)
                spilled.unlink()
                release_memory()
                return stage_room(budget)
        elif first and reads_tokens:
            if apart[0]:
                prune(batch)
            _ = ctx.tokens
        release_memory()
        return stage_room(budget), apart[0], resume

    def prune(waiting: list[int]) -> None:
        # the documents' texts that no stage left to start reads go before the processes
        # of the others fork (they would start from that memory)
        read = _texts_read([plan[i] for i in waiting], plan, batch,
                           clauses_made=ctx._inputs.clauses is not None)
        if ctx._inputs.drop_texts(read):
            release_memory(collect=False)

    def _let_go_now(batch: list[int]) -> bool:
        _let_go(tables, writer, needed=_reads_after(plan, batch))  # type: ignore[arg-type]
        release_memory()
        return False

    def start_writes() -> None:
        if not apart[0] and started is not None:
            started()
        for done in later:
            _let_go(tables, writer, needed=_reads_after(plan, done), settle=False)  # type: ignore[arg-type]

    room = fresh = None
    if first:
        release_memory()  # before the first processes fork
        room = stage_room(budget)
    else:
        room, fresh, _ = inputs()
    # the processes' collections then leave the shared objects' pages alone (unless
    # objects are frozen already: by the build, or by its caller, whose set is kept)
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        staging = writer.staging if writer is not None and not keep_tables else None
        outcomes = run_batch(batch, plan, ctx, _run, processes=processes, staging=staging,
                             send_back=needed, release=release_memory, started=start_writes,
                             characters=characters, room=room, fresh=bool(fresh),
                             early=early, ready=inputs if first else None, prune=prune,
                             meanwhile=plan[first[0]].name if first else None)
    finally:
        if freeze:
            gc.unfreeze()
    for outcome in outcomes:
        stage = plan[outcome.index]
        with summarised_warnings(ctx._inputs.corpus):
            replay(outcome)
            if outcome.error is not None:
                raise outcome.error
        for name, paths in outcome.written.items():
            if writer is not None:
                writer.adopt(name, paths, outcome.tables[name])
        tables.update(outcome.tables)
        timings[stage.name] = outcome.seconds


def _texts_read(waiting: list[Stage], plan: list[Stage], batch: list[int], *,
                clauses_made: bool = True) -> set[str]:
    """The documents' text columns that a stage of ``waiting`` or after ``batch`` reads
    (:attr:`Stage.texts`; all of them for a stage that reads the corpus and does not
    say which); unless ``clauses_made``, also ``text`` when such a stage reads the
    clause table (each stage then makes it from the documents' ``text``)."""
    read: set[str] = set()
    for stage in [*waiting, *plan[batch[-1] + 1:]]:
        if "corpus" in stage.reads:
            read |= set(TEXT_COLUMNS if stage.texts is None else stage.texts)
        if "clauses" in stage.reads and not clauses_made:
            read.add("text")
    return read


def _reads_after(plan: list[Stage], batch: list[int]) -> set[str]:
    """What the stages after ``batch`` read."""
    return {r for s in plan[batch[-1] + 1:] for r in s.reads}


def _let_go(tables: dict[str, pd.DataFrame | TokenParts | WrittenTable], writer: TableWriter,
            *, needed: set[str], settle: bool = True) -> None:
    """Write every table no later stage reads, and keep only its size and columns
    (``settle``: wait until they are written and the writer holds them no longer)."""
    for tname, df in list(tables.items()):
        if isinstance(df, pd.DataFrame) and tname not in needed:
            writer.submit(tname, df)
            tables[tname] = WrittenTable(df)
    df = None  # (the last table would outlive the next stage)
    if settle:
        writer.settle()

