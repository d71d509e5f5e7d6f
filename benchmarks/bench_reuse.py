"""Time text reuse on a corpus folder, against the core build of the same run.

Usage: ``python benchmarks/bench_reuse.py CORPUS_DIR [--near-duplicate none|0.5]
[--profile OUT.prof]``. Prints the documents, characters, the seconds of a cold core
build of the folder (no token cache, all cores), of loading the corpus, of grouping
near-duplicates (:func:`analysis.near_duplicates`), of :func:`analysis.reuse` (wall and
CPU seconds of this process) and of :func:`analysis.reuse_pairs`, the ratio reuse / core
build, the passages found and the peak resident memory of this process before and
after :func:`analysis.reuse` (``ru_maxrss``). The default (``none``) aligns every pair
in full, as the build does. The compiled kernels are warmed on three documents first.
The machine is shared, so compare the ratios within one run, not the seconds across
runs.
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import tempfile
import time

from analysis import build, load_corpus
from analysis.textreuse import near_duplicates, reuse, reuse_pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--near-duplicate", default="none",
                    help="resemblance threshold of reuse(near_duplicate=...); 'none' (the "
                         "default) aligns every pair in full")
    ap.add_argument("--profile", help="write a cProfile of reuse() to this file")
    args = ap.parse_args()
    nd = None if args.near_duplicate.lower() == "none" else float(args.near_duplicate)
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        build(args.corpus, out, stages="core", cache_dir=False, progress=False)
        t_core = time.perf_counter() - t0
    t0 = time.perf_counter()
    corpus = load_corpus(args.corpus)
    t_load = time.perf_counter() - t0
    docs = corpus.documents
    t0 = time.perf_counter()
    groups = near_duplicates(corpus, threshold=nd) if nd is not None else None
    t_groups = time.perf_counter() - t0
    reuse(corpus.subset(list(docs["doc_id"][:3])), near_duplicate=nd)  # compile the kernels
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    prof = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    c0 = time.process_time()
    if prof:
        prof.enable()
    passages = reuse(corpus, near_duplicate=nd)
    if prof:
        prof.disable()
        prof.dump_stats(args.profile)
    t_reuse = time.perf_counter() - t0
    c_reuse = time.process_time() - c0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    pairs = reuse_pairs(passages, corpus)
    t_pairs = time.perf_counter() - t0
    n_groups = groups["group"].nunique() if groups is not None else len(docs)
    print(f"docs={len(docs)} chars={int(docs['text'].str.len().sum())} groups={n_groups} "
          f"core_build_s={t_core:.2f} load_s={t_load:.2f} groups_s={t_groups:.2f} "
          f"reuse_s={t_reuse:.2f} reuse_cpu_s={c_reuse:.2f} pairs_s={t_pairs:.2f} "
          f"reuse/core={t_reuse / t_core:.1f}x "
          f"passages={len(passages)} pair_rows={len(pairs)} "
          f"peak_rss_mb_before_reuse={rss0:.0f} after={rss1:.0f}")


if __name__ == "__main__":
    main()
