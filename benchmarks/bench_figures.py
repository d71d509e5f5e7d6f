"""Time ``policy-lens figures`` on a built corpus, figure by figure.

Usage::

    .venv/bin/python benchmarks/bench_figures.py [PROCESSED_DIR] [--by COLUMN]
        [--time-bins BINS] [--formats png,svg] [--top 15]

PROCESSED_DIR defaults to ``data/processed`` (the default corpus). The script draws the
whole catalog into a temporary folder exactly as ``policy-lens figures`` does
(:func:`analysis.report.make_figures`), prints the wall and CPU time of the whole run (the
drawing workers included) and the slowest figures, and appends one row to
``benchmarks/figures_results.csv``. Targets:
under 1 minute on the default corpus, under 3 minutes on the 221-document workbook corpus.
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from analysis.report import make_figures

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("processed", nargs="?", default=None)
    ap.add_argument("--by")
    ap.add_argument("--time-bins")
    ap.add_argument("--formats", default="png,svg")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--workers", type=int, help="drawing processes (default: one per core)")
    args = ap.parse_args()
    stamps: list[tuple[str, float, float]] = []
    last = [time.perf_counter(), time.process_time()]

    def tick(stem: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        stamps.append((stem, now - last[0], cpu - last[1]))
        last[:] = [now, cpu]

    with tempfile.TemporaryDirectory() as out:
        t0, c0 = time.perf_counter(), time.process_time()
        last[:] = [t0, c0]
        manifest = make_figures(args.processed, out, formats=args.formats.split(","),
                                progress=tick, by=args.by, time_bins=args.time_bins,
                                workers=args.workers)
        wall = time.perf_counter() - t0
        children = os.times()  # the drawing workers, ended and waited for by now
        cpu = time.process_time() - c0 + children.children_user + children.children_system
    print(f"{len(manifest)} files, {manifest['figure'].nunique()} figures: "
          f"{wall:.1f}s wall, {cpu:.1f}s CPU")
    print("slowest figures (wall between finished figures; with workers they overlap):")
    for stem, sec, _cpu in sorted(stamps, key=lambda x: -x[1])[:args.top]:
        print(f"  {sec:6.1f}s  {stem}")
    results = HERE / "figures_results.csv"
    new = not results.exists()
    with results.open("a", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if new:
            w.writerow(["date", "processed", "by", "time_bins", "files", "figures",
                        "wall_s", "cpu_s", "cores"])
        w.writerow([datetime.now(UTC).strftime("%Y-%m-%d"), args.processed or "data/processed",
                    args.by or "", args.time_bins or "", len(manifest),
                    manifest["figure"].nunique(), f"{wall:.1f}", f"{cpu:.1f}", os.cpu_count()])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
