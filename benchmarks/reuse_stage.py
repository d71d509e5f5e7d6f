"""The build's reuse stage alone: its CPU seconds, and its tables kept for an exact
comparison between two versions of the code.

Builds ``core,reuse`` in one process (the stage sees the token and clause tables as in
the build) on a corpus folder, or on the benchmark's scaled or repetitive corpus made for
the run, and prints the reuse stage's wall and CPU seconds (``time.process_time``: on a
loaded machine the CPU seconds are what compares) and its memory: the resident memory
when the stage starts, its peak while the stage runs (sampled every 20 ms) and the rise.
``--save DIR`` pickles the stage's tables (``reuse``, ``reuse_pairs``, ``reuse_groups``,
``copy_ratio``); ``--compare DIR`` then checks them against those saved by another
version, exactly (``pandas.testing.assert_frame_equal(check_exact=True)``, dtypes
included).
``--profile OUT`` writes a cProfile of the stage, timed in CPU seconds. ``--phases``
splits the stage into its steps (grouping, the n-gram index, a copy's seeds with its
representative, candidate seeds, alignment, trimming and boilerplate shares, the passages
table, ``reuse_pairs``, the copy ratio; and the build's writes of the stage's tables
after it): CPU seconds of each, and the highest resident memory while it runs (sampled
every 5 ms), above the memory at the stage's start.

To compare two versions, run it with ``PYTHONPATH`` pointing at each version's ``src``
(the first run of a fresh copy compiles the numba kernels: run it twice)::

    PYTHONPATH=/path/to/main/src .venv/bin/python benchmarks/reuse_stage.py \\
        --repetitive 1M --save /tmp/main_rep
    .venv/bin/python benchmarks/reuse_stage.py --repetitive 1M --compare /tmp/main_rep
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pickle
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from memory_probe import peak_sampler, rss_mb  # noqa: E402
from scaled_corpus import make_corpus, make_repetitive, parse_size  # noqa: E402


def compare(got: dict, saved: Path) -> None:
    """Assert the stage's tables equal those pickled in ``saved`` (exactly)."""
    import pandas as pd

    with open(saved / "reuse.pkl", "rb") as fh:
        want = pickle.load(fh)
    if sorted(got) != sorted(want):
        raise SystemExit(f"other tables: {sorted(got)} against {sorted(want)}")
    for name in sorted(got):
        pd.testing.assert_frame_equal(got[name], want[name], check_exact=True)
        print(f"{name}: {got[name].shape} identical", flush=True)


class Phases:
    """CPU seconds and peak resident memory per step, for functions wrapped by :meth:`wrap`
    (the innermost wrapped function running is the step a memory sample counts for)."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.top: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.stack: list[str] = ["(rest of the stage)"]
        self.open = True  # the stage runs (the bottom of the stack counts)
        self.base = rss_mb()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            name = self.stack[-1]
            if len(self.stack) > 1 or self.open:
                self.top[name] = max(self.top.get(name, 0.0), rss_mb())
            time.sleep(0.005)

    def wrap(self, module, attr: str, name: str) -> None:  # type: ignore[no-untyped-def]
        func = getattr(module, attr)

        def timed(*a, **k):  # type: ignore[no-untyped-def]
            self.stack.append(name)
            c0 = time.process_time()
            try:
                return func(*a, **k)
            finally:
                self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - c0
                self.calls[name] = self.calls.get(name, 0) + 1
                self.stack.pop()

        setattr(module, attr, timed)

    def report(self) -> None:
        print(f"{'step':<34} {'calls':>7} {'cpu s':>8} {'peak above stage start MB':>26}")
        for name in sorted(self.top, key=lambda x: -self.cpu.get(x, 0.0)):
            print(f"{name:<34} {self.calls.get(name, 0):>7} {self.cpu.get(name, 0.0):>8.2f} "
                  f"{self.top[name] - self.base:>26.0f}", flush=True)
        from analysis.textreuse import regions

        counts = getattr(regions, "COUNTS", None)
        if counts is not None:  # what the alignments cost (this code's counters)
            print(f"alignment windows={counts[0]:,} window cells={counts[1]:,} extension "
                  f"characters={counts[2]:,} extension cells={counts[3]:,}", flush=True)
            if len(counts) > 4:  # windows met again, taken without a fill
                print(f"windows taken from kept ones={counts[4]:,}", flush=True)


def _wrap_steps(phases: Phases) -> None:
    import analysis.pipeline.runner as runner
    import analysis.pipeline.stages as stages
    import analysis.textreuse.passages as passages
    import analysis.textreuse.seeds as seeds

    for module, attr, name in [
            (stages, "near_duplicates", "grouping (near_duplicates)"),
            (passages, "_edges", "edge classes (_edges)"),
            (passages, "_index", "n-gram index (_index)"),
            (passages, "_pair_seeds", "a copy's seeds (_pair_seeds)"),
            (passages, "_seed_pairs", "candidate seeds (_seed_pairs)"),
            (seeds, "gram_counts", "  in it: gram_counts"),
            (seeds, "char_weights", "  in it: char_weights"),
            (seeds, "group_leads", "  in it: group_leads"),
            (seeds, "seed_runs", "  in it: seed_runs"),
            (seeds, "_by_pair", "  in it: _by_pair"),
            (passages, "_run_seeds", "seed runs expanded (_run_seeds)"),
            (passages, "align_pair", "alignment (align_pair)"),
            (passages, "trim_spans", "trimming (trim_spans)"),
            (passages, "matched_means", "boilerplate share (matched_means)"),
            (passages, "_table", "passages table (_table)"),
            (stages, "reuse_pairs", "reuse_pairs"),
            (stages, "task_copy_ratio", "copy ratio (task_copy_ratio)"),
            (stages, "release_memory", "release_memory"),
            (runner, "_let_go", "writes (the build's, after it)")]:
        phases.wrap(module, attr, name)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus", nargs="?", type=Path, help="a corpus folder")
    p.add_argument("--scaled", type=parse_size, help="make the scaled corpus of this size")
    p.add_argument("--repetitive", type=parse_size,
                   help="make the repetitive corpus (60%% of each text copied) of this size")
    p.add_argument("--save", type=Path, help="pickle the stage's tables in this folder")
    p.add_argument("--compare", type=Path, help="compare with the tables saved here")
    p.add_argument("--profile", type=Path, help="write a cProfile (CPU seconds) here")
    p.add_argument("--threads", type=int, default=1,
                   help="threads the stage may use (as when it runs alone in a build)")
    p.add_argument("--phases", action="store_true",
                   help="CPU seconds and peak memory of each step of the stage")
    args = p.parse_args(argv)
    if (args.corpus is None) == (args.scaled is None and args.repetitive is None):
        p.error("give a corpus folder or one of --scaled / --repetitive")

    import analysis.pipeline.runner as runner
    from analysis.pipeline import build, select_stages

    try:  # the threads a stage may use (a version without them uses one)
        from analysis.pipeline.threads import using_threads
    except ImportError:
        using_threads = lambda threads: contextlib.nullcontext()  # noqa: E731

    inner = runner._run
    peak = peak_sampler()
    phases = None

    def probed(stage, ctx):  # type: ignore[no-untyped-def]
        if stage.name != "reuse":
            return inner(stage, ctx)
        _ = ctx.tokens, ctx.clauses  # made once before the stages in the build
        prof = cProfile.Profile(time.process_time) if args.profile else None
        start = peak[0] = rss_mb()
        nonlocal phases
        if args.phases:
            phases = Phases()
            _wrap_steps(phases)
        t0, c0 = time.perf_counter(), time.process_time()
        if prof:
            prof.enable()
        with using_threads(args.threads):
            out = inner(stage, ctx)
        if prof:
            prof.disable()
            prof.dump_stats(args.profile)
        if phases is not None:
            phases.open = False
        wall, cpu, top = time.perf_counter() - t0, time.process_time() - c0, peak[0]
        print(f"reuse stage: wall {wall:.2f} s, cpu {cpu:.2f} s, RSS at start {start:.0f} MB, "
              f"peak {top:.0f} MB, rise {top - start:.0f} MB", flush=True)
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            with open(args.save / "reuse.pkl", "wb") as fh:
                pickle.dump(out, fh)
        if args.compare is not None:
            compare(out, args.compare)
        return out

    runner._run = probed
    with tempfile.TemporaryDirectory(prefix="policy-lens-reuse-") as tmp:
        work = Path(tmp)
        raw = args.corpus
        if raw is None:
            raw = work / "raw"
            if args.repetitive:
                n, chars = make_repetitive(raw, chars=args.repetitive, share=0.6, seed=7)
            else:
                n, chars = make_corpus(raw, chars=args.scaled, seed=7)
            print(f"corpus: {n} documents, {chars:,} characters", flush=True)
        build(raw, work / "out", cache_dir=work / "cache", workers=1, progress=False,
              stages=select_stages("core,reuse"), keep_tables=False)
    if phases is not None:
        phases.report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
