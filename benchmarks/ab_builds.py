"""Two versions of the code side by side: core and full cold builds, runs alternating.

Each build runs in a fresh process (``bench.run_build``: the benchmark's own child, with
its own empty token cache, so every build segments its corpus) with ``PYTHONPATH``
pointing at one version's ``src``; the versions alternate run by run, so both see the same
load on a shared machine. Prints each build's seconds, then per corpus and version the
median core and full seconds and full ÷ core, and writes every run to a CSV.

Usage (main's ``src`` from ``git archive main src | tar -x -C /tmp/main``)::

    .venv/bin/python benchmarks/ab_builds.py --src main=/tmp/main/src --src branch=src \\
        --chars 1M --repetitive 1M --runs 3 --out /tmp/ab.csv

Run each version once before (``--runs 1``) when its numba kernels are not cached yet:
the first build of a version compiles them.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402
from scaled_corpus import make_corpus, make_repetitive, parse_size  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--src", action="append", required=True,
                   help="NAME=PATH of a version's src folder (give two or more)")
    p.add_argument("--chars", default="1M", help="scaled corpus size (0: none)")
    p.add_argument("--repetitive", default="1M", help="repetitive corpus size (0: none)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--work", default=None, help="folder for corpora and outputs")
    p.add_argument("--out", default=None, help="CSV of every run")
    a = p.parse_args(argv)
    versions = [tuple(s.split("=", 1)) for s in a.src]
    work = Path(a.work or tempfile.mkdtemp(prefix="ab_builds-"))
    corpora = {}
    if parse_size(a.chars):
        corpora["scaled"] = work / "raw"
        if not corpora["scaled"].is_dir():
            make_corpus(corpora["scaled"], chars=parse_size(a.chars), seed=7)
    if parse_size(a.repetitive):
        corpora["repetitive"] = work / "rep_raw"
        if not corpora["repetitive"].is_dir():
            make_repetitive(corpora["repetitive"], chars=parse_size(a.repetitive),
                            share=0.6, seed=7)
    rows = []
    for run in range(a.runs):
        for corpus, raw in corpora.items():
            for name, src in versions:
                os.environ["PYTHONPATH"] = str(Path(src).resolve())
                for stages in ("core", "all"):
                    tag = f"{corpus}_{name}_{stages}_{run}"
                    for old in (work / f"out_{tag}", work / f"cache_{tag}"):
                        shutil.rmtree(old, ignore_errors=True)  # a cold build every time
                    res = bench.run_build(raw, work / f"out_{tag}", work / f"cache_{tag}",
                                          backend="rjieba", workers=None, stages=stages)
                    row = {"run": run, "corpus": corpus, "version": name, "stages": stages,
                           "build_s": round(res["build_s"], 3),
                           # CPU of the build's process and of its workers and stage
                           # processes: less sensitive to other programs than seconds
                           "cpu_s": round(res["cpu_main_s"] + res["cpu_workers_s"], 3),
                           "load": round(os.getloadavg()[0], 1),
                           **{f"t_{k}": round(v, 3) for k, v in res["timings"].items()}}
                    rows.append(row)
                    print(f"run {run} {corpus:10s} {name:8s} {stages:4s} "
                          f"{res['build_s']:6.2f} s  cpu {row['cpu_s']:6.2f} s  "
                          f"load {row['load']}", flush=True)
    print("\nmedians (seconds) and full / core:")
    for corpus in corpora:
        for name, _ in versions:
            med = {(st, k): statistics.median(r[k] for r in rows if r["corpus"] == corpus
                                              and r["version"] == name and r["stages"] == st)
                   for st in ("core", "all") for k in ("build_s", "cpu_s")}
            print(f"  {corpus:10s} {name:8s} core {med['core', 'build_s']:6.2f}  full "
                  f"{med['all', 'build_s']:6.2f}  full/core "
                  f"{med['all', 'build_s'] / med['core', 'build_s']:.2f}x  CPU s core "
                  f"{med['core', 'cpu_s']:6.2f} full {med['all', 'cpu_s']:6.2f}")
    if a.out:
        keys = sorted({k for r in rows for k in r}, key=lambda k: (k.startswith("t_"), k))
        with open(a.out, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=keys)
            w.writeheader()
            w.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
