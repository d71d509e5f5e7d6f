"""Where a full build's wall time goes beyond the stages' own work: a timeline of one build.

Runs one cold build (``force=True``, its own empty token cache) in a fresh process with
the build's internals wrapped so that each event is logged with the process it ran in:
each stage's start and end (and how many modules it imported on first use), each table a
stage process wrote and how long that took, each hand-back of freed memory
(``release_memory``: its cycle collection and its trims timed apart), the batch of stage
processes and the build's end. Prints per process the seconds in stages, in writes and in
memory hand-backs, and when each process went idle before the last one ended.

Usage::

    .venv/bin/python benchmarks/build_timeline.py RAW_DIR --work /tmp/timeline

``PYTHONPATH=other/src`` times another version of the code (it must have the same
internals: ``runner._run``, ``runner.run_batch``, ``parallel.write_staged``).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

_CHILD = r"""
import json, os, sys, time
T0 = time.perf_counter()
import analysis.pipeline.runner as R
import analysis.pipeline.parallel as P
from analysis.pipeline import build, select_stages
args = json.loads(sys.argv[1])

def emit(**kw):
    kw["pid"], kw["t"] = os.getpid(), time.perf_counter() - T0
    with open(args["log"], "a") as fh:
        fh.write(json.dumps(kw) + "\n")

inner_run = R._run
def _run(stage, ctx):
    before = set(sys.modules)
    emit(ev="start", stage=stage.name)
    try:
        return inner_run(stage, ctx)
    finally:
        emit(ev="end", stage=stage.name, new_modules=len(set(sys.modules) - before))
R._run = _run

inner_batch = R.run_batch
def run_batch(*a, **k):
    emit(ev="batch_start")
    try:
        return inner_batch(*a, **k)
    finally:
        emit(ev="batch_end")
R.run_batch = run_batch

inner_write = P.write_staged
def write_staged(staging, name, df):
    t = time.perf_counter()
    try:
        return inner_write(staging, name, df)
    finally:
        emit(ev="write", table=name, s=time.perf_counter() - t)
P.write_staged = write_staged

import ctypes, gc
import pyarrow as pa
def release_memory(*, collect=True):
    t = time.perf_counter()
    if collect:
        gc.collect()
    c = time.perf_counter() - t
    pa.default_memory_pool().release_unused()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    emit(ev="release", s=time.perf_counter() - t, collect=c)
R.release_memory = release_memory

import analysis.pipeline.context as C
import analysis.pipeline.tables as TB
import analysis.pipeline.loader as L

def timed(owner, name, label):
    inner = getattr(owner, name)
    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return inner(*a, **k)
        finally:
            emit(ev="step", step=label, s=time.perf_counter() - t)
    setattr(owner, name, wrapper)

# the build process's own steps before the stages: how long the second core waits
timed(R, "load_and_tokenize", "load + tokenise (workers)")
timed(L, "assemble_corpus", "assemble corpus")
timed(C, "clause_table", "clause table")
if hasattr(L, "_clause_table"):  # the workers' clause columns joined in this process
    timed(L, "_clause_table", "clause table (the workers' columns joined)")
timed(TB, "_categorical_frame", "token frame")

emit(ev="build_start")
r = build(args["raw"], args["out"], cache_dir=args["cache"], force=True, progress=False,
          stages=select_stages("all"), keep_tables=False)
emit(ev="build_end", timings=r.timings)
"""


def summarise(events: list[dict]) -> str:
    """Per process: seconds in stages, writes and memory hand-backs, and idle tail."""
    end = max(e["t"] for e in events if e["ev"] == "batch_end")
    by_pid: dict[int, dict] = collections.defaultdict(lambda: collections.Counter())
    last: dict[int, float] = {}
    starts: dict[tuple[int, str], float] = {}
    lines = []
    for e in events:
        pid, c = e["pid"], by_pid[e["pid"]]
        if e["ev"] == "start":
            starts[pid, e["stage"]] = e["t"]
        elif e["ev"] == "end":
            c["stages_s"] += e["t"] - starts[pid, e["stage"]]
            c["stages"] += 1
        elif e["ev"] == "write":
            c["writes_s"] += e["s"]
            c["writes"] += 1
        elif e["ev"] == "release":
            c["release_s"] += e["s"]
            c["collect_s"] += e["collect"]
            c["releases"] += 1
        last[pid] = e["t"]
    for pid, c in by_pid.items():
        if not c["stages"] and not c["releases"]:
            continue
        lines.append(f"process {pid}: {c['stages']} stages {c['stages_s']:.2f} s, "
                     f"{c['writes']} writes {c['writes_s']:.2f} s, {c['releases']} "
                     f"hand-backs {c['release_s']:.2f} s (collections {c['collect_s']:.2f} s),"
                     f" idle before the batch ended {max(end - last[pid], 0):.2f} s")
    main_pid = next(e["pid"] for e in events if e["ev"] == "build_start")
    t_start = next(e["t"] for e in events if e["ev"] == "build_start")
    for e in events:
        if e["pid"] != main_pid:
            continue
        if e["ev"] == "step":
            lines.append(f"  build process {e['t'] - t_start - e['s']:7.2f}-"
                         f"{e['t'] - t_start:6.2f} s: {e['step']} {e['s']:.2f} s")
        elif e["ev"] in ("start", "end") and e["stage"] == "core":
            lines.append(f"  build process {e['t'] - t_start:7.2f} s: core stage {e['ev']}")
        elif e["ev"] in ("batch_start", "batch_end", "release"):
            lines.append(f"  build process {e['t'] - t_start:7.2f} s: {e['ev']}"
                         + (f" {e['s']:.2f} s" if "s" in e else ""))
    timings = next(e["timings"] for e in events if e["ev"] == "build_end")
    lines.append("timings: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("raw", help="corpus folder")
    p.add_argument("--work", required=True, help="folder for outputs, cache and the log")
    a = p.parse_args(argv)
    work = Path(a.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    args = {"raw": str(Path(a.raw).resolve()), "out": str(work / "out"),
            "cache": str(work / "cache"), "log": str(work / "log.jsonl")}
    subprocess.run([sys.executable, "-c", _CHILD, json.dumps(args)], check=True,
                   env={**os.environ, "POLICY_LENS_CACHE": args["cache"]})
    with open(args["log"], encoding="utf-8") as fh:
        events = [json.loads(line) for line in fh]
    print(summarise(events))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
