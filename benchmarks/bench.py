"""Benchmark the build on scaled copies of the default corpus (``make bench``).

For each size (1M, 5M, 10M and 20M characters by default; ``--sizes 1M`` for a quick
run) this script

1. writes a scaled corpus (``scaled_corpus.py``: seeded copies of the five documents, every
   text different) into a temporary folder,
2. times the raw tokenizer alone, single core, on the corpus's normalised text, with the
   policy dictionary: ``cut`` (token strings: the call the build makes, the fastest) and
   ``tokenize`` (tokens with offsets: the call behind the issue's 4.7 M chars/s figure);
   ``cold/raw`` divides by the ``cut`` time, the stricter of the two,
3. times, each in a fresh process and as ``policy-lens build`` runs it (each stage's
   tables written, then let go: ``keep_tables=False``), the CORE build (``--stages
   core``: load, normalise, tokenise, count and TF-IDF matrices, all written; what the
   issue's targets are about):
   the cold build (empty token cache, new output folder),
   the warm build (nothing changed: the up-to-date check), a forced rebuild from the warm
   token cache (``force=True``: everything recomputed except segmentation) and an
   incremental build after adding one document (one document segmented). With
   ``--repeat N`` the raw tokenizer and the cold build run N times each and the fastest
   run of each is reported (other programs on a shared machine only ever add time); the
   median cold build is recorded too,
4. records the peak memory of the build process and its workers together (sampled from
   outside while it runs: the sum of their proportional set sizes, so pages the forked
   stage processes share with the build process count once), and times the FULL build
   (every analysis stage: structure, targets, comparison, reuse, networks, themes,
   instruments), cold and warm, stage by stage, at every size, after one small full build
   that fills numba's on-disk cache of compiled kernels as any earlier use would
   (``--full-sizes`` picks fewer, ``--no-full`` none; ``--no-reuse`` uses the reuse
   opt-out; a build over ``--timeout`` seconds is stopped and larger sizes get no full
   build), and the hand-written jieba + scikit-learn script (``handwritten_baseline.py``)
   on the same corpus (``--one-process`` times the full build again with ``--workers 1``,
   every stage in one process); a repetitive corpus (``--repetitive``, 1M by default: 60% of each
   text copied from an earlier one, like a series of annual reports) gets a core and a
   full build and the script too. The targets are printed with their values and whether
   each is met: full / core at every size, repetitive full / core, script / core, warm /
   cold, seconds per million characters at every size (flat when the build grows
   linearly) and the full build's peak memory,
5. times ``import analysis`` in a fresh interpreter (fastest of five, interpreter start
   subtracted),
6. compares with the pure-Python jieba backend on one core. Its cold build is measured on
   two slices of the corpus (``--jieba-chars``, 1M by default, and half of it) and
   EXTRAPOLATED linearly to the full size (fixed cost + cost per character, marked ``~`` in
   the table); ``--jieba-full`` runs it on every whole corpus instead (minutes per size).

It prints a table and writes ``benchmarks/results.csv`` (one row per size, with the
machine's core count). Absolute times depend on the machine and on whatever else runs on
it; the ratios (build / raw tokenizer, warm / cold) are the figures to compare.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scaled_corpus import make_corpus, make_repetitive, parse_size, perturb  # noqa: E402

RESULTS = HERE / "results.csv"

# Run in a child process: one build, reported as JSON on stdout.
_CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import warnings
from analysis.pipeline import BuildOptions, build, select_stages
args = json.loads(sys.argv[1])
t1 = time.perf_counter()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    r = build(args["raw"], args["out"],
              options=BuildOptions(tokenizer=args["backend"], **args["options"]),
              cache_dir=args["cache"], workers=args["workers"], force=args["force"],
              progress=False, stages=select_stages(args["stages"]), keep_tables=False,
              **({"memory_budget": args["memory_budget"]} if args["memory_budget"] else {}))
t2 = time.perf_counter()
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"import_s": t1 - t0, "build_s": t2 - t1, "timings": r.timings,
                  "stats": r.stats, "up_to_date": r.up_to_date,
                  "warnings": sorted({f"{w.category.__name__}: {str(w.message)[:90]}"
                                      for w in caught}),
                  "rss_main_mb": me.ru_maxrss / 1024, "rss_worker_mb": kids.ru_maxrss / 1024,
                  "cpu_main_s": me.ru_utime + me.ru_stime,
                  "cpu_workers_s": kids.ru_utime + kids.ru_stime}))
"""


#: Build options of every benchmarked build (``--no-reuse`` sets the reuse opt-out).
OPTIONS: dict = {}
#: The builds' ``memory_budget`` (``--memory-budget``; None: the build's default).
MEMORY_BUDGET: str | None = None
#: Seconds one build may take (``--timeout``); a build over it is stopped.
TIMEOUT: float | None = None


class BuildTimeout(Exception):
    """A benchmarked build ran over ``--timeout`` and was stopped."""


def _tree_rss_mb(pid: int) -> float:
    """Memory of process ``pid`` and all its descendants, MB (Linux ``/proc``; 0 where
    it cannot be read): the sum of their proportional set sizes (``Pss`` of
    ``smaps_rollup``: a page shared by forked processes counts once in all, not once per
    process as resident memory would), or of their resident memory where ``Pss`` is not
    available."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            try:
                with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as fh:
                    kb = next(int(ln.split()[1]) for ln in fh if ln.startswith("Pss:"))
            except (OSError, StopIteration):
                with open(f"/proc/{p}/status", encoding="ascii") as fh:
                    kb = next((int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:")), 0)
            total += kb / 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run_build(raw: Path, out: Path, cache: Path, *, backend: str, workers: int | None,
              force: bool = False, stages: str = "core") -> dict:
    """One build in a fresh Python process; its timings, stats and peak memory.
    ``stages``: ``"core"`` (load, normalise, tokenise, matrices: the build the targets are
    about) or ``"all"`` (every analysis stage too), or a comma-separated list.
    ``rss_tree_mb`` is the highest resident memory of the build process and its workers
    together (sampled every 0.1 s: the concurrent peak, not a sum of separate peaks)."""
    args = {"raw": str(raw), "out": str(out), "cache": str(cache), "backend": backend,
            "workers": workers, "force": force, "stages": stages, "options": OPTIONS,
            "memory_budget": MEMORY_BUDGET}
    env = {**os.environ, "POLICY_LENS_CACHE": str(cache)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps(args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    with tempfile.TemporaryFile("w+") as out_fh:
        import threading

        reader = threading.Thread(target=lambda: out_fh.write(proc.stdout.read()), daemon=True)
        err: list[str] = []
        err_reader = threading.Thread(target=lambda: err.append(proc.stderr.read()),
                                      daemon=True)
        reader.start()
        err_reader.start()
        while proc.poll() is None:
            peak = max(peak, _tree_rss_mb(proc.pid))
            if TIMEOUT is not None and time.perf_counter() - t0 > TIMEOUT:
                proc.kill()
                proc.wait()
                raise BuildTimeout(f"{stages} build of {raw.name} over {TIMEOUT:.0f} s")
            time.sleep(0.1)
        reader.join()
        err_reader.join()
        out_fh.seek(0)
        stdout = out_fh.read()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{''.join(err)}")
    res = json.loads(stdout.strip().splitlines()[-1])
    res["process_s"] = wall
    res["rss_tree_mb"] = max(peak, res["rss_main_mb"])
    return res


def handwritten_seconds(raw: Path, work: Path) -> float:
    """Wall time of ``handwritten_baseline.py`` (jieba + scikit-learn TF-IDF, the script a
    researcher writes) on ``raw``, in a fresh process, interpreter start included."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / "handwritten_baseline.py"), str(raw),
                    str(work / "handwritten_top_terms.csv")], check=True,
                   capture_output=True)
    return time.perf_counter() - t0


def bench_repetitive(size: int, work: Path, *, backend: str, workers: int | None,
                     handwritten: bool = True) -> dict:
    """Core and full cold builds (and the hand-written script) on the repetitive corpus:
    the scaled corpus with 60% of each document copied from an earlier one."""
    raw = work / f"rep_raw_{size}"
    n_docs, chars = make_repetitive(raw, chars=size, share=0.6, seed=7)
    core = run_build(raw, work / f"rep_out_{size}", work / f"rep_cache_{size}",
                     backend=backend, workers=workers)
    row = {"size": f"{size / 1e6:g}M", "chars": chars, "documents": n_docs,
           "core_cold_s": core["build_s"]}
    try:
        full = run_build(raw, work / f"rep_full_out_{size}",
                         work / f"rep_full_cache_{size}", backend=backend,
                         workers=workers, stages="all")
    except BuildTimeout as err:
        print(f"  {err}: stopped", flush=True)
        row["full_timeout"] = True
    else:
        row.update({"full_cold_s": full["build_s"],
                    "full_over_core": full["build_s"] / core["build_s"],
                    "full_peak_rss_mb": full["rss_tree_mb"]})
        for stage, secs in full["timings"].items():
            row[f"full_stage_{stage}_s"] = secs
    if handwritten:
        row["handwritten_s"] = handwritten_seconds(raw, work)
        row["handwritten_over_core"] = row["handwritten_s"] / core["build_s"]
    return row


def raw_tokenizer_seconds(texts: list[str], backend: str, call: str = "cut") -> float:
    """Single-core time of the segmenter alone over ``texts`` (dictionary loaded first);
    ``call`` is ``"cut"`` (token strings) or ``"tokenize"`` (tokens with offsets)."""
    from analysis.text import Tokenizer

    with tempfile.TemporaryDirectory(prefix="bench-jieba-") as cache:
        tok = Tokenizer(backend=backend, cache_dir=cache)
        run = getattr(tok, call)
        run("预热")
        t0 = time.perf_counter()
        for t in texts:
            run(t)
        return time.perf_counter() - t0


def slice_corpus(src: Path, dst: Path, chars: int) -> int:
    """Copy the first documents of ``src`` (about ``chars`` characters) into ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    with open(src / "metadata.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    picked, total = [], 0
    for r in rows:
        if total >= chars:
            break
        text = (src / r["file"]).read_text(encoding="utf-8")
        (dst / r["file"]).write_text(text, encoding="utf-8")
        picked.append(r)
        total += len(text)
    with open(dst / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(picked)
    return total


def add_document(raw: Path, seed: int) -> None:
    """Append one new document (a fresh perturbation of the first one) to a corpus."""
    import random

    with open(raw / "metadata.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    first = rows[0]
    text = perturb((raw / first["file"]).read_text(encoding="utf-8"), random.Random(seed))
    new = {**first, "doc_id": f"added_{seed}", "file": f"added_{seed}.txt"}
    (raw / new["file"]).write_text(text + "\n新增文档。", encoding="utf-8")
    with open(raw / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(first))
        w.writeheader()
        w.writerows([*rows, new])


def bench_size(size: int, work: Path, *, backend: str, workers: int | None,
               jieba: tuple[float, float, int] | None, jieba_full: bool,
               repeat: int = 1, full: bool = True, handwritten: bool = True,
               one_process: bool = False) -> dict:
    from analysis.text import load_corpus

    raw = work / f"raw_{size}"
    n_docs, _ = make_corpus(raw, chars=size, seed=7)
    corpus = load_corpus(raw)
    texts = corpus.documents["text"].tolist()
    chars = sum(map(len, texts))
    del corpus
    raw_s = min(raw_tokenizer_seconds(texts, backend) for _ in range(repeat))
    raw_tokenize_s = min(raw_tokenizer_seconds(texts, backend, "tokenize")
                         for _ in range(repeat))
    del texts
    cache, out = work / f"cache_{size}", work / f"out_{size}"
    jieba_s = None
    if jieba_full:
        jieba_s = run_build(raw, work / f"jieba_out_{size}", work / f"jieba_cache_{size}",
                            backend="jieba", workers=1)["build_s"]
    elif jieba is not None:
        jieba_s = jieba[0] + jieba[1] * chars
    load_before = os.getloadavg()[0]
    colds = [run_build(raw, out, cache, backend=backend, workers=workers)]
    for i in range(1, repeat):
        colds.append(run_build(raw, work / f"out_{size}_{i}", work / f"cache_{size}_{i}",
                               backend=backend, workers=workers))
    # the fastest run stands for the cold build (the least disturbed by other programs;
    # the raw tokenizer time is the fastest of as many runs), the median is recorded too
    ordered = sorted(colds, key=lambda r: r["build_s"])
    cold = ordered[0]
    warm = run_build(raw, out, cache, backend=backend, workers=workers)
    forced = run_build(raw, out, cache, backend=backend, workers=workers, force=True)
    # the full build: every analysis stage after the core, cold (own empty token cache)
    full_cold = full_warm = full_one = None
    full_timeout = False
    if full:
        full_out, full_cache = work / f"full_out_{size}", work / f"full_cache_{size}"
        try:
            full_cold = run_build(raw, full_out, full_cache, backend=backend,
                                  workers=workers, stages="all")
            full_warm = run_build(raw, full_out, full_cache, backend=backend,
                                  workers=workers, stages="all")
            if one_process:  # the same full build with every stage in one process
                full_one = run_build(raw, work / f"full1_out_{size}",
                                     work / f"full1_cache_{size}", backend=backend,
                                     workers=1, stages="all")
        except BuildTimeout as err:
            print(f"  {err}: stopped; larger sizes get no full build", flush=True)
            full_cold = full_warm = None
            full_timeout = True
    hand_s = handwritten_seconds(raw, work) if handwritten else None
    add_document(raw, seed=size)
    incr = run_build(raw, out, cache, backend=backend, workers=workers)
    row = {
        "size": f"{size / 1e6:g}M",
        "chars": chars,
        "documents": n_docs,
        "tokens": cold["stats"]["tokens"],
        "cores": os.cpu_count(),
        "workers": cold["stats"]["workers"],
        "backend": backend,
        "raw_tokenizer_s": raw_s,
        "raw_mchars_per_s": chars / raw_s / 1e6,
        "raw_tokenize_s": raw_tokenize_s,
        "raw_tokenize_mchars_per_s": chars / raw_tokenize_s / 1e6,
        "cold_s": cold["build_s"],
        "cold_runs": len(colds),
        "cold_median_s": ordered[len(ordered) // 2]["build_s"],
        "cold_max_s": max(r["build_s"] for r in colds),
        "loadavg_1m_before": load_before,
        "cold_mchars_per_s": chars / cold["build_s"] / 1e6,
        "cold_over_raw": cold["build_s"] / raw_s,
        "cold_over_raw_tokenize": cold["build_s"] / raw_tokenize_s,
        "cold_cpu_main_s": cold["cpu_main_s"],
        "cold_cpu_workers_s": cold["cpu_workers_s"],
        "warm_s": warm["build_s"],
        "warm_up_to_date": warm["up_to_date"],
        "warm_over_cold": warm["build_s"] / cold["build_s"],
        "warm_process_s": warm["process_s"],
        "forced_s": forced["build_s"],
        "forced_over_cold": forced["build_s"] / cold["build_s"],
        "incremental_s": incr["build_s"],
        "incremental_segmented": incr["stats"]["segmented"],
        "peak_rss_main_mb": cold["rss_main_mb"],
        "peak_rss_worker_mb": cold["rss_worker_mb"],
        "peak_rss_total_mb": cold["rss_main_mb"] + cold["stats"]["workers"] * (
            cold["rss_worker_mb"] if cold["stats"]["workers"] > 1 else 0),
        "worker_cpu_load_s": cold["stats"]["cpu_load"],
        "worker_cpu_segment_s": cold["stats"]["cpu_segment"],
        "worker_cpu_arrays_s": cold["stats"]["cpu_arrays"],
    }
    for stage, secs in cold["timings"].items():
        row[f"stage_{stage}_s"] = secs
    row["core_s_per_mchars"] = cold["build_s"] / (chars / 1e6)
    row["full_timeout"] = full_timeout
    row["reuse"] = "off (--no-reuse)" if OPTIONS.get("reuse_max_docs") == 0 else "on"
    if hand_s is not None:
        row["handwritten_s"] = hand_s
        row["handwritten_over_cold"] = hand_s / cold["build_s"]
    if full_cold is not None:
        row.update({
            "full_cold_s": full_cold["build_s"],
            "full_mchars_per_s": chars / full_cold["build_s"] / 1e6,
            "full_over_raw": full_cold["build_s"] / raw_s,
            "full_warm_s": full_warm["build_s"],
            "full_warm_up_to_date": full_warm["up_to_date"],
            "full_over_core": full_cold["build_s"] / cold["build_s"],
            "full_warm_over_cold": full_warm["build_s"] / full_cold["build_s"],
            "full_s_per_mchars": full_cold["build_s"] / (chars / 1e6),
            "full_peak_rss_total_mb": full_cold["rss_tree_mb"],
            "full_peak_rss_main_mb": full_cold["rss_main_mb"],
            "full_peak_rss_worker_mb": full_cold["rss_worker_mb"],
            # CPU seconds of the build's process and of its worker and stage processes
            "full_cpu_s": full_cold["cpu_main_s"] + full_cold["cpu_workers_s"],
            "full_warnings": " | ".join(full_cold["warnings"]),
        })
        for stage, secs in full_cold["timings"].items():
            row[f"full_stage_{stage}_s"] = secs
    if full_one is not None:
        row.update({"full_1proc_s": full_one["build_s"],
                    "full_1proc_over_core": full_one["build_s"] / cold["build_s"],
                    "full_1proc_peak_rss_total_mb": full_one["rss_tree_mb"]})
    if jieba_s is not None:
        row["jieba_1core_s"] = jieba_s
        row["jieba_over_cold"] = jieba_s / cold["build_s"]
        row["jieba_extrapolated"] = not jieba_full
        if not jieba_full:
            row["jieba_measured_chars"] = jieba[2]
    return row


def jieba_model(src: Path, work: Path, chars: int) -> tuple[float, float, int]:
    """Fit ``seconds = fixed + per_char * characters`` to cold single-core builds with the
    pure-jieba backend on the first ``chars / 2`` and ``chars`` characters of ``src``.
    Returns ``(fixed, per_char, chars measured)``."""
    points = []
    for i, n in enumerate((chars // 2, chars)):
        raw = work / f"jieba_slice_{i}"
        slice_corpus(src, raw, n)
        res = run_build(raw, work / f"jieba_out_{i}", work / f"jieba_cache_{i}",
                        backend="jieba", workers=1)
        points.append((res["stats"]["characters"], res["build_s"]))
    (n1, t1), (n2, t2) = points
    per_char = (t2 - t1) / (n2 - n1)
    return t2 - per_char * n2, per_char, n2


def _fmt(row: dict, jieba_note: str) -> list[str]:
    return [
        row["size"], f"{row['documents']:,}", f"{row['tokens'] / 1e6:.1f}M",
        f"{row['raw_tokenizer_s']:.2f} / {row['raw_tokenize_s']:.2f}", f"{row['cold_s']:.2f}",
        f"{row['cold_mchars_per_s']:.2f}",
        f"{row['cold_over_raw']:.2f}x / {row['cold_over_raw_tokenize']:.2f}x",
        (f"{jieba_note}{row['jieba_1core_s']:.0f}" if "jieba_1core_s" in row else "-"),
        (f"{row['jieba_over_cold']:.1f}x" if "jieba_over_cold" in row else "-"),
        f"{row['warm_s']:.3f}", f"{100 * row['warm_over_cold']:.1f}%",
        f"{row['forced_s']:.2f}", f"{row['incremental_s']:.2f} ({row['incremental_segmented']})",
        f"{row['peak_rss_main_mb']:.0f}+{row['workers']}x{row['peak_rss_worker_mb']:.0f}",
    ]


HEADER = ["size", "docs", "tokens", "raw cut / tokenize s", "cold s", "M chars/s",
          "cold/raw cut / tokenize",
          "jieba 1-core s", "jieba/cold", "warm s", "warm/cold", "forced s",
          "+1 doc s (segmented)", "peak RSS MB main+workers"]


def print_table(rows: list[dict], jieba_note: str) -> None:
    table = [HEADER] + [_fmt(r, jieba_note) for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEADER))]
    for i, r in enumerate(table):
        print(" | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    print()
    stages = [k for k in rows[0] if k.startswith("stage_")]
    print("cold build stages (s):\n  " + "\n  ".join(
        f"{r['size']}: " + ", ".join(f"{k[6:-2]} {r.get(k, 0):.2f}" for k in stages)
        + f" | CPU s: main {r['cold_cpu_main_s']:.1f}, workers {r['cold_cpu_workers_s']:.1f} "
          f"(read+normalise {r['worker_cpu_load_s']:.1f}, segment "
          f"{r['worker_cpu_segment_s']:.1f}, arrays {r['worker_cpu_arrays_s']:.1f})"
        for r in rows))


FULL_HEADER = ["size", "docs", "full cold s", "M chars/s", "full/raw cut", "warm s",
               "peak MB, all processes (PSS)"]


def print_full_table(rows: list[dict]) -> None:
    """The full build (every analysis stage): time, throughput, stage by stage."""
    rows = [r for r in rows if "full_cold_s" in r]
    if not rows:
        return
    table = [FULL_HEADER] + [[
        r["size"], f"{r['documents']:,}", f"{r['full_cold_s']:.2f}",
        f"{r['full_mchars_per_s']:.3f}", f"{r['full_over_raw']:.1f}x",
        f"{r['full_warm_s']:.3f}",
        f"{r['full_peak_rss_total_mb']:.0f}",
    ] for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(FULL_HEADER))]
    print("\nfull build (core + every analysis stage), cold:")
    print("CPU s, all processes: " + ", ".join(
        f"{r['size']} {r['full_cpu_s']:.1f}" for r in rows if "full_cpu_s" in r))
    for i, r in enumerate(table):
        print(" | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    stages = list(dict.fromkeys(k for r in rows for k in r if k.startswith("full_stage_")))
    print("full build stages (s):\n  " + "\n  ".join(
        f"{r['size']}: " + ", ".join(f"{k[11:-2]} {r.get(k, 0):.2f}" for k in stages)
        for r in rows))
    for r in rows:
        if r.get("full_warnings"):
            print(f"  {r['size']} warnings: {r['full_warnings']}")


def _mark(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_ratios(rows: list[dict], rep: dict | None) -> None:
    """The figures the targets are about, each with its target and whether it is met."""
    print("\ntargets (issue 18 ratios; target in brackets):")
    for r in rows:
        parts = [f"core cold {r['cold_s']:.2f}s"]
        if "handwritten_over_cold" in r:
            parts.append(f"hand-written jieba+sklearn script {r['handwritten_s']:.1f}s = "
                         f"{r['handwritten_over_cold']:.1f}x the core build [>= 2x: "
                         f"{_mark(r['handwritten_over_cold'] >= 2)}]")
        parts.append(f"core warm/cold {100 * r['warm_over_cold']:.2f}% [<= 5%: "
                     f"{_mark(r['warm_over_cold'] <= 0.05)}]")
        if "full_over_core" in r:
            parts += [f"full {r['full_cold_s']:.1f}s = {r['full_over_core']:.1f}x core "
                      f"[<= 3x: {_mark(r['full_over_core'] <= 3)}] (reuse {r['reuse']})",
                      f"full warm/cold {100 * r['full_warm_over_cold']:.2f}% [<= 5%: "
                      f"{_mark(r['full_warm_over_cold'] <= 0.05)}]",
                      f"full peak memory {r['full_peak_rss_total_mb']:.0f} MB [<= 2048: "
                      f"{_mark(r['full_peak_rss_total_mb'] <= 2048)}]"]
            if "full_1proc_s" in r:
                parts.append(f"full in one process (--workers 1) {r['full_1proc_s']:.1f}s = "
                             f"{r['full_1proc_over_core']:.1f}x core, peak "
                             f"{r['full_1proc_peak_rss_total_mb']:.0f} MB")
        elif r.get("full_timeout"):
            parts.append("full build over --timeout: stopped")
        print(f"  {r['size']}: " + "; ".join(parts))
    for kind, key in (("core", "core_s_per_mchars"), ("full", "full_s_per_mchars")):
        per = [r for r in rows if key in r]
        if len(per) >= 2:
            spread = per[-1][key] / per[0][key]
            print(f"  linear growth, {kind} build, s per M chars: " + ", ".join(
                f"{r['size']} {r[key]:.2f}" for r in per)
                  + f" (largest / smallest size: {spread:.2f}; 1.00 is linear)")
    if rep is not None:
        line = f"  repetitive {rep['size']} ({rep['documents']} docs, 60% copied): core " \
               f"{rep['core_cold_s']:.2f}s"
        if "full_cold_s" in rep:
            line += (f", full {rep['full_cold_s']:.1f}s = {rep['full_over_core']:.1f}x core "
                     f"[<= 5x: {_mark(rep['full_over_core'] <= 5)}]")
        else:
            line += ", full build over --timeout: stopped"
        if "handwritten_over_core" in rep:
            line += (f"; hand-written script {rep['handwritten_s']:.1f}s = "
                     f"{rep['handwritten_over_core']:.1f}x core [>= 2x: "
                     f"{_mark(rep['handwritten_over_core'] >= 2)}]")
        print(line)
        if "full_cold_s" in rep:
            print("  repetitive full build stages (s): " + ", ".join(
                f"{k[11:-2]} {v:.2f}" for k, v in rep.items() if k.startswith("full_stage_")))


def import_time(runs: int = 5) -> float:
    """Seconds ``import analysis`` adds to a fresh interpreter (fastest of ``runs``)."""
    def best(code: str) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - t0)
        return min(times)

    return max(best("import analysis") - best("pass"), 0.0)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark policy-lens builds on a scaled corpus.")
    p.add_argument("--sizes", default="1M,5M,10M,20M",
                   help="corpus sizes in characters, comma-separated (default 1M,5M,10M,20M)")
    p.add_argument("--full-sizes", default=None,
                   help="the sizes whose full build (every stage) is timed too (default: "
                        "every size of --sizes)")
    p.add_argument("--no-reuse", action="store_true",
                   help="full builds without pairwise text reuse (its opt-out, "
                        "reuse_max_docs=0): the other stages' speed and memory alone")
    p.add_argument("--timeout", type=float, default=900,
                   help="seconds one build may take; a full build over it is stopped and "
                        "larger sizes get none (default 900; 0: no limit)")
    p.add_argument("--memory-budget", default=None, metavar="SIZE",
                   help="the builds' memory budget (build(memory_budget=...), such as 2G; "
                        "default: the build's own, the memory the system has available)")
    p.add_argument("--backend", default="rjieba", choices=("jieba", "rjieba"))
    p.add_argument("--workers", type=int, default=None, help="build processes (default: all)")
    p.add_argument("--jieba-chars", type=parse_size, default=parse_size("1M"),
                   help="measure the pure-jieba build on this many characters (and half) "
                        "and extrapolate (default 1M)")
    p.add_argument("--jieba-full", action="store_true",
                   help="run the pure-jieba build on every whole corpus instead (slow)")
    p.add_argument("--no-jieba", action="store_true", help="skip the pure-jieba comparison")
    p.add_argument("--repeat", type=int, default=1,
                   help="raw tokenizer timings and cold builds per size; the fastest is "
                        "reported, the median recorded (default 1)")
    p.add_argument("--no-full", action="store_true",
                   help="time the core build only (load, normalise, tokenise, matrices), not "
                        "the full build with every analysis stage")
    p.add_argument("--one-process", action="store_true",
                   help="time the full build once more with every stage in one process "
                        "(--workers 1), for the gain of the stage processes")
    p.add_argument("--no-handwritten", action="store_true",
                   help="skip the hand-written jieba + scikit-learn script")
    p.add_argument("--repetitive", type=parse_size, default=parse_size("1M"),
                   help="size of the repetitive corpus (60%% of each document copied from "
                        "an earlier one, like a series of annual reports); 0 skips it "
                        "(default 1M)")
    p.add_argument("--out", type=Path, default=RESULTS, help="results CSV")
    p.add_argument("--keep", type=Path, default=None,
                   help="work in this folder and keep it (default: a temporary folder)")
    args = p.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    full_sizes = (set(sizes) if args.full_sizes is None else
                  {parse_size(s) for s in args.full_sizes.split(",") if s.strip()})
    global TIMEOUT, MEMORY_BUDGET
    TIMEOUT = args.timeout or None
    MEMORY_BUDGET = args.memory_budget
    if args.no_reuse:
        OPTIONS["reuse_max_docs"] = 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="policy-lens-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"policy-lens benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"backend {args.backend}, reuse {'off' if args.no_reuse else 'on'}, load average "
          f"{os.getloadavg()[0]:.1f}, work folder {work}", flush=True)
    try:
        model = None
        if not args.no_jieba and not args.jieba_full:
            src = work / "jieba_src"
            make_corpus(src, chars=args.jieba_chars, seed=7)
            model = jieba_model(src, work, args.jieba_chars)
            print(f"pure jieba, 1 core, cold build: {model[0]:.2f} s + "
                  f"{model[1] * 1e6:.2f} s per million characters "
                  f"(fitted on {model[2] // 2:,} and {model[2]:,} characters)", flush=True)
        if not args.no_full:
            # numba compiles the kernels once per install into its on-disk cache, on their
            # first use: one small full build fills that cache, so no measured build pays
            # for compiling (a fresh install's first full build does, once)
            src = work / "kernels_src"
            make_corpus(src, chars=300_000, seed=3)
            first = run_build(src, work / "kernels_out", work / "kernels_cache",
                              backend=args.backend, workers=args.workers, stages="all")
            print(f"first full build, 0.3M characters (compiles what is not cached yet): "
                  f"{first['build_s']:.1f} s", flush=True)
        note = "" if args.jieba_full else "~"
        rows = []
        full_stopped = False
        for size in sizes:
            row = bench_size(size, work, backend=args.backend, workers=args.workers,
                             jieba=model, jieba_full=args.jieba_full and not args.no_jieba,
                             repeat=max(1, args.repeat),
                             full=not args.no_full and size in full_sizes and not full_stopped,
                             handwritten=not args.no_handwritten,
                             one_process=args.one_process)
            full_stopped = full_stopped or row["full_timeout"]
            rows.append(row)
            print(f"{row['size']}: cold {row['cold_s']:.2f}s, raw tokenizer "
                  f"{row['raw_tokenizer_s']:.2f}s, warm {row['warm_s']:.3f}s", flush=True)
            print_ratios([row], None)  # each size's figures as soon as they are known
            if "full_cold_s" in row:
                print("  full build stages (s): " + ", ".join(
                    f"{k[11:-2]} {v:.2f}" for k, v in row.items()
                    if k.startswith("full_stage_")), flush=True)
        rep = None
        if args.repetitive and not args.no_full:
            rep = bench_repetitive(args.repetitive, work, backend=args.backend,
                                   workers=args.workers, handwritten=not args.no_handwritten)
            print(f"repetitive {rep['size']}: core {rep['core_cold_s']:.2f}s, full "
                  f"{rep['full_cold_s']:.1f}s", flush=True)
        imp = import_time()
        for row in rows:
            row["import_analysis_s"] = imp
        print("\ncore build (load, normalise, tokenise, count and TF-IDF matrices), cold:")
        print_table(rows, note)
        print_full_table(rows)
        print_ratios(rows, rep)
        runs = ", ".join(
            f"{r['size']}: {r['cold_runs']} run(s), cold median {r['cold_median_s']:.2f}s, "
            f"slowest {r['cold_max_s']:.2f}s" for r in rows)
        loads = ", ".join(f"{r['loadavg_1m_before']:.2f}" for r in rows)
        print(f"import analysis: {imp:.3f} s (fresh interpreter, fastest of 5)")
        print(f"raw tokenizer and cold build: fastest of {runs}; 1-minute load average "
              f"before: {loads} (other programs running on the machine slow every figure)")
        if model is not None:
            print(f"~ jieba 1-core build times are EXTRAPOLATED from cold builds of "
                  f"{model[2] // 2:,} and {model[2]:,} characters (--jieba-full measures "
                  "them).")
        fields = list(dict.fromkeys(k for r in rows for k in r))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v)
                            for k, v in r.items()})
        if rep is not None:
            rep_csv = args.out.with_name("results_repetitive.csv")
            with open(rep_csv, "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=list(rep), lineterminator="\n")
                w.writeheader()
                w.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v)
                            for k, v in rep.items()})
        print(f"wrote {args.out}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
