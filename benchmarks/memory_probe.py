"""Peak memory of the full build, stage by stage.

Runs one cold build (every stage, ``keep_tables=False`` as ``policy-lens build`` runs it)
of the scaled corpus in this process while a thread samples the resident memory (VmRSS)
every 50 ms. For each stage it prints the memory when the stage starts, its peak while
it runs, and what it still holds when it ends (after its tables are written and let go),
so the stage that raises the peak, and what stays held afterwards, can be read off.
A second thread samples the whole build every 200 ms (this process and its workers: the
sum of their proportional set sizes, so pages the forked stage processes share with the
build count once): the peak the machine sees. With stage processes (``--workers`` above
1, the default on a multi-core machine) each analysis stage runs in a forked process: its
line is printed as it ends, with the process's own peak resident memory (``VmHWM``,
shared pages included, reset when the stage starts) instead of a sampled one.
``--inputs`` prints, when the first analysis stage starts, what the build's shared inputs
hold (``memory_usage(deep=True)`` of the documents table, the token table and each table
the stages read): the composition of the memory every stage starts from.
``--maps`` prints, as each stage process starts, the build's process's resident memory by
mapping (heap, anonymous, libraries, mapped files). ``--tracemalloc`` also lists the
Python allocations alive at the end of each stage (the largest ten, by line): slow (every
allocation is traced), use it on small sizes.

Usage::

    .venv/bin/python benchmarks/memory_probe.py --chars 5M --no-reuse
    .venv/bin/python benchmarks/memory_probe.py --raw some/corpus --stages core,themes
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scaled_corpus import make_corpus, parse_size  # noqa: E402


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_sampler() -> list[float]:
    """A one-item list that a background thread keeps at the highest :func:`rss_mb` seen
    (sampled every 20 ms); set it to the current memory to start a new measurement."""
    peak = [rss_mb()]

    def sample() -> None:
        while True:
            peak[0] = max(peak[0], rss_mb())
            time.sleep(0.02)

    threading.Thread(target=sample, daemon=True).start()
    return peak


def rss_mb() -> float:
    """Resident memory of this process, MB (``/proc/self/status``)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler(threading.Thread):
    """Keeps the highest resident memory seen since the last :meth:`reset`."""

    def __init__(self, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.every, self.peak, self.stop = every, 0.0, False

    def reset(self) -> float:
        self.peak = rss_mb()
        return self.peak

    def run(self) -> None:
        while not self.stop:
            self.peak = max(self.peak, self.sample())
            time.sleep(self.every)

    def sample(self) -> float:
        return rss_mb()


class TreeSampler(Sampler):
    """Keeps the highest memory of this process and its workers together (PSS), and at
    that peak each process's share (``at_peak``: pid to MB), so the stages running at
    the peak can be read off the stage rows' process ids."""

    def __init__(self, every: float = 0.05) -> None:
        super().__init__(every)
        self.at_peak: dict[int, float] = {}
        self.pid_peak: dict[int, float] = {}  # each process's own highest PSS
        # each process's own highest private memory (pages no other process maps), and
        # at the peak each process's RSS and private memory
        self.pid_private: dict[int, float] = {}
        self.at_peak_parts: dict[int, tuple[float, float]] = {}
        self.peak_at = 0.0

    def sample(self) -> float:
        parts: dict[int, tuple[float, float]] = {}
        shares = _tree_pss(os.getpid(), parts)  # (the sum is bench._tree_rss_mb's)
        for pid, mb in shares.items():
            self.pid_peak[pid] = max(self.pid_peak.get(pid, 0.0), mb)
            if pid in parts:
                self.pid_private[pid] = max(self.pid_private.get(pid, 0.0), parts[pid][1])
        total = sum(shares.values())
        if total > self.peak:
            self.at_peak, self.peak_at = shares, time.perf_counter()
            self.at_peak_parts = parts
        return total


def _tree_pss(pid: int, parts: dict[int, tuple[float, float]] | None = None
              ) -> dict[int, float]:
    """PSS of process ``pid`` and of each of its descendants, MB (as ``bench._tree_rss_mb``);
    ``parts`` gets each process's RSS and private memory (``Private_Clean`` +
    ``Private_Dirty``: what it alone maps, the cost a forked stage adds to the build's)."""
    shares: dict[int, float] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        with contextlib.suppress(OSError, ValueError, StopIteration):
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as fh:
                kb = {ln.split()[0]: int(ln.split()[1]) for ln in fh
                      if ln.startswith(("Pss:", "Rss:", "Private_"))}
            shares[p] = kb["Pss:"] / 1024
            if parts is not None:
                parts[p] = (kb["Rss:"] / 1024,
                            (kb["Private_Clean:"] + kb["Private_Dirty:"]) / 1024)
            todo += _children(p)
    return shares


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
            out += [int(c) for c in fh.read().split()]
    return out


def maps_mb(pid: int) -> dict[str, float]:
    """Resident memory of process ``pid`` by mapping (``/proc/PID/smaps``), MB: ``[heap]``,
    ``[anon]`` (anonymous mappings: large allocations, Arrow's and NumPy's), ``[.so]`` (the
    libraries) and each other file by name (a mapped Arrow file)."""
    out: dict[str, float] = {}
    name = "[anon]"
    with open(f"/proc/{pid}/smaps", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.split()
            if parts and not parts[0].endswith(":"):  # a mapping's header line
                path = parts[5] if len(parts) > 5 else "[anon]"
                name = ("[.so]" if ".so" in path else os.path.basename(path)
                        if path.startswith("/") else path)
            elif parts and parts[0] == "Rss:":
                out[name] = out.get(name, 0.0) + int(parts[1]) / 1024
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def show_inputs(ctx) -> None:  # type: ignore[no-untyped-def]
    """MB of the build's shared inputs (documents, tokens, tables the stages read)."""
    import pandas as pd

    inputs = ctx._inputs
    parts = {"documents": inputs.corpus.documents}
    tokens = inputs.tokens
    frame = tokens if isinstance(tokens, pd.DataFrame) else getattr(tokens, "_frame", None)
    if frame is not None:
        parts["tokens"] = frame
    else:  # the workers' batches, no DataFrame made (no stage of the run reads it)
        mb = sum(getattr(a, "nbytes", 0) for p in getattr(tokens, "parts", [])
                 for a in p.values()) / 2**20
        print(f"  tokens: the workers' batches only, {len(tokens):,} tokens, {mb:.0f} MB "
              "(arrays; the DataFrame is not made)", flush=True)
    parts.update({k: v for k, v in inputs.tables.items() if isinstance(v, pd.DataFrame)})
    print(f"shared inputs at the first analysis stage (RSS {rss_mb():.0f} MB):", flush=True)
    for name, df in parts.items():
        cols = df.memory_usage(deep=True, index=False) / 2**20
        big = ", ".join(f"{c} {v:.0f}" for c, v in cols.sort_values(ascending=False)[:4].items())
        print(f"  {name:<12} {len(df):>11,} rows {cols.sum():8.0f} MB  ({big})", flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--chars", type=parse_size, default=parse_size("5M"))
    p.add_argument("--raw", type=Path, default=None, help="a corpus folder instead")
    p.add_argument("--stages", default="all")
    p.add_argument("--no-reuse", action="store_true",
                   help="skip pairwise text reuse (its opt-out, reuse_max_docs=0)")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--tracemalloc", action="store_true")
    p.add_argument("--inputs", action="store_true",
                   help="print the MB of the shared inputs when the first analysis stage starts")
    p.add_argument("--maps", action="store_true",
                   help="print the build's process's resident memory by mapping when each "
                        "stage process starts (what the stage starts from)")
    p.add_argument("--trim", action="store_true",
                   help="after each stage, hand freed memory back to the system "
                        "(glibc malloc_trim, Arrow's release_unused) and show what remains")
    p.add_argument("--keep", type=Path, default=None,
                   help="move the build's output folder here (to compare its tables)")
    args = p.parse_args(argv)

    from analysis.pipeline import BuildOptions, build, runner, select_stages

    work = Path(tempfile.mkdtemp(prefix="policy-lens-mem-"))
    raw = args.raw
    if raw is None:
        raw = work / "raw"
        n, chars = make_corpus(raw, chars=args.chars, seed=7)
        print(f"corpus: {n} documents, {chars:,} characters", flush=True)
    sampler = Sampler()
    sampler.start()
    tree = TreeSampler(every=0.2)
    tree.start()
    main_pid = os.getpid()
    if args.tracemalloc:
        tracemalloc.start()
    import ctypes

    import pyarrow as pa

    rows: list[tuple[str, float, float, float, float, float]] = []
    inner = runner._run

    shown = []
    build_start = [0.0]

    def probed(stage, ctx):  # type: ignore[no-untyped-def]
        if args.inputs and stage.name != "core" and not shown:
            shown.append(stage.name)
            show_inputs(ctx)
        gc.collect()
        if args.maps and os.getpid() != main_pid:
            top = maps_mb(main_pid)
            print(f"-- {stage.name} starts: the build's process {sum(top.values()):.0f} MB: "
                  + ", ".join(f"{k} {v:.0f}" for k, v in list(top.items())[:6]), flush=True)
        if os.getpid() != main_pid:  # a stage process: its peak (VmHWM) from here on
            with (contextlib.suppress(OSError),
                  open("/proc/self/clear_refs", "w", encoding="ascii") as fh):
                fh.write("5")
        start = sampler.reset()
        t0 = time.perf_counter()
        out = inner(stage, ctx)
        secs = time.perf_counter() - t0
        peak = max(sampler.peak, rss_mb())
        if args.trim:
            gc.collect()
            pa.default_memory_pool().release_unused()
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        row = (stage.name, secs, start, peak, rss_mb(), pa.total_allocated_bytes() / 2**20)
        if os.getpid() != main_pid:  # a stage process: no sampler thread here
            row = (stage.name, secs, start, _status_mb("VmHWM"), row[4], row[5])
            print(f"{row[0]:<12} {secs:7.1f} {start:16.0f} {row[3]:8.0f} {row[3] - start:8.0f} "
                  f"{row[4]:14.0f} {row[5]:9.0f}  (stage process {os.getpid()}, "
                  f"{t0 - build_start[0]:.1f}-{t0 + secs - build_start[0]:.1f} s)", flush=True)
        rows.append(row)
        if args.tracemalloc:
            top = tracemalloc.take_snapshot().statistics("lineno")[:10]
            print(f"-- {stage.name}: largest Python allocations alive")
            for s in top:
                print(f"   {s.size / 2**20:8.1f} MB  {s.traceback}")
        return out

    runner._run = probed
    opts = BuildOptions(reuse_max_docs=0) if args.no_reuse else BuildOptions()
    t0 = time.perf_counter()
    build_start[0] = t0
    before = sampler.reset()
    try:
        res = build(raw, work / "out", options=opts, cache_dir=work / "cache",
                    workers=args.workers, progress=False, stages=select_stages(args.stages),
                    keep_tables=False)
    finally:
        if args.keep is not None and (work / "out").exists():
            shutil.move(work / "out", args.keep)
        shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - t0
    sampler.stop = tree.stop = True
    import resource

    print(f"\nbuild {total:.1f} s; RSS before the build {before:.0f} MB; peak RSS of the "
          f"process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, of "
          f"its largest worker {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f}"
          f" MB; load average {os.getloadavg()[0]:.1f}")
    print(f"peak of the build's processes together (PSS, sampled every 0.2 s): "
          f"{tree.peak:.0f} MB; stage processes: {res.stats.get('stage_processes', 1)}")
    print(f"  at {tree.peak_at - build_start[0]:.1f} s, PSS by process MB: " + ", ".join(
        f"{pid}{' (build)' if pid == main_pid else ''} {mb:.0f}"
        for pid, mb in sorted(tree.at_peak.items(), key=lambda kv: -kv[1])))
    print("  each process's own peak PSS MB (a stage process's: its stage's cost beside the "
          "build's process): " + ", ".join(
              f"{pid}{' (build)' if pid == main_pid else ''} {mb:.0f}"
              for pid, mb in sorted(tree.pid_peak.items())))
    print("  at the peak, RSS / private MB by process: " + ", ".join(
        f"{pid}{' (build)' if pid == main_pid else ''} {rss:.0f} / {own:.0f}"
        for pid, (rss, own) in sorted(tree.at_peak_parts.items())))
    print("  each process's own peak private MB (what a stage process adds to the build's "
          "RSS): " + ", ".join(f"{pid}{' (build)' if pid == main_pid else ''} {mb:.0f}"
                              for pid, mb in sorted(tree.pid_private.items())))
    print(f"load_tokenize {res.timings.get('load_tokenize', 0):.1f} s")
    print(f"{'stage':<12} {'s':>7} {'RSS at start MB':>16} {'peak MB':>8} {'rise MB':>8} "
          f"{'RSS at end MB':>14} {'Arrow MB':>9}")
    for name, secs, start, peak, end, arrow in rows:
        print(f"{name:<12} {secs:7.1f} {start:16.0f} {peak:8.0f} {peak - start:8.0f} "
              f"{end:14.0f} {arrow:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
