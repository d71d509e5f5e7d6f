"""Time text reuse on a corpus folder, against the core build of the same run.

Usage: ``python benchmarks/bench_reuse.py CORPUS_DIR [--near-duplicate 0.5|none]
[--profile OUT.prof] [--share-error]``. Prints the documents, characters, the seconds
of a cold core build of the folder (no token cache, all cores), of loading the corpus, of
grouping near-duplicates (:func:`analysis.near_duplicates`), of :func:`analysis.reuse`
(wall and CPU seconds of this process; given the groups, as the build does) and of
:func:`analysis.reuse_pairs` (given the groups), the ratio reuse / core build, the CPU
seconds of the three together (what the build's reuse stage runs), the passages found and the
peak resident memory of this process before and after :func:`analysis.reuse`
(``ru_maxrss``), and, where the code counts them, the alignment windows filled, their
cells, and the characters and cells of the extensions beyond a window's edge. The
default (0.5) groups near-duplicates, as the build does; ``none``
aligns every pair in full. ``--share-error`` also aligns every pair in full and prints,
per kind of document pair, how far the grouped build's ``share`` in
:func:`analysis.reuse_pairs` is from the every-pair one (absolute difference: median,
95th percentile, maximum). The compiled kernels are warmed on three documents first.
The machine is shared, so compare the ratios within one run, not the seconds across
runs.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import resource
import tempfile
import time

import numpy as np
import pandas as pd

from analysis import build, load_corpus
from analysis.textreuse import near_duplicates, regions, reuse, reuse_pairs


def share_error(corpus, passages: pd.DataFrame, groups: pd.DataFrame) -> None:
    """Print the grouped ``share`` against every pair aligned in full, per kind of pair."""
    c0 = time.process_time()
    full = reuse(corpus, near_duplicate=None)
    print(f"every pair in full: reuse_cpu_s={time.process_time() - c0:.2f} "
          f"passages={len(full)}")
    ref = reuse_pairs(full, corpus, every_pair=True).set_index(["doc_id", "doc_b"])
    rep = dict(zip(groups["doc_id"], groups["group"], strict=True))
    kind = np.array(["two representatives" if rep[a] == a and rep[b] == b else
                     "one group" if rep[a] == rep[b] else "a copy and another group"
                     for a, b in ref.index])
    for label, got in (("passages only", reuse_pairs(passages, corpus, every_pair=True)),
                       ("through representatives",
                        reuse_pairs(passages, corpus, every_pair=True, groups=groups))):
        got = got.set_index(["doc_id", "doc_b"]).loc[ref.index, "share"].to_numpy()
        want = ref["share"].to_numpy()
        err = got - want
        shared = (got > 0) | (want > 0)
        for k in ("all", "one group", "a copy and another group", "two representatives"):
            m = shared & ((kind == k) if k != "all" else True)
            if m.any():
                a = np.abs(err[m])
                print(f"share error, {label}, {k}: pairs={int(m.sum())} "
                      f"median={np.median(a):.4f} p95={np.quantile(a, 0.95):.4f} "
                      f"max={a.max():.4f} mean_signed={err[m].mean():+.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--near-duplicate", default="0.5",
                    help="resemblance threshold of reuse(near_duplicate=...) (default 0.5, "
                         "as the build); 'none' aligns every pair in full")
    ap.add_argument("--profile", help="write a cProfile of reuse() to this file")
    ap.add_argument("--share-error", action="store_true",
                    help="compare reuse_pairs' share with every pair aligned in full")
    args = ap.parse_args()
    nd = None if args.near_duplicate.lower() == "none" else float(args.near_duplicate)
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        c0 = time.process_time()
        build(args.corpus, out, stages="core", cache_dir=False, progress=False)
        t_core = time.perf_counter() - t0
        c_core = time.process_time() - c0
    t0 = time.perf_counter()
    corpus = load_corpus(args.corpus)
    t_load = time.perf_counter() - t0
    docs = corpus.documents
    reuse(corpus.subset(list(docs["doc_id"][:3])), near_duplicate=nd)  # compile the kernels
    t0 = time.perf_counter()
    c0 = time.process_time()
    groups = near_duplicates(corpus, threshold=nd) if nd is not None else None
    t_groups = time.perf_counter() - t0
    c_groups = time.process_time() - c0
    # the groups made once, passed to reuse as the build does (where reuse takes them)
    given = ({"groups": groups} if groups is not None
             and "groups" in inspect.signature(reuse).parameters else {})
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = getattr(regions, "COUNTS", None)
    if counts is not None:
        counts[:] = 0
    prof = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    c0 = time.process_time()
    if prof:
        prof.enable()
    passages = reuse(corpus, near_duplicate=nd, **given)
    if prof:
        prof.disable()
        prof.dump_stats(args.profile)
    t_reuse = time.perf_counter() - t0
    c_reuse = time.process_time() - c0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    c0 = time.process_time()
    pairs = reuse_pairs(passages, corpus, groups=groups)
    t_pairs = time.perf_counter() - t0
    c_pairs = time.process_time() - c0
    n_groups = groups["group"].nunique() if groups is not None else len(docs)
    print(f"docs={len(docs)} chars={int(docs['text'].str.len().sum())} groups={n_groups} "
          f"core_build_s={t_core:.2f} (main process CPU {c_core:.2f}) load_s={t_load:.2f} "
          f"groups_s={t_groups:.2f} reuse_s={t_reuse:.2f} reuse_cpu_s={c_reuse:.2f} "
          f"pairs_s={t_pairs:.2f} reuse/core={t_reuse / t_core:.1f}x "
          f"stage_cpu_s={c_groups + c_reuse + c_pairs:.2f} (groups, reuse, reuse_pairs; "
          f"reuse sketches again: {not given and groups is not None}) "
          f"passages={len(passages)} pair_rows={len(pairs)} "
          f"peak_rss_mb_before_reuse={rss0:.0f} after={rss1:.0f}", flush=True)
    if counts is not None:  # what the alignments cost (this code's counters)
        print(f"windows={counts[0]} window_cells={counts[1]} extension_run_chars={counts[2]} "
              f"extension_cells={counts[3]}", flush=True)
    if args.share_error:
        share_error(corpus, passages, groups if groups is not None
                    else near_duplicates(corpus, threshold=0.5))


if __name__ == "__main__":
    main()
