"""``policy-lens build``: a corpus folder into the tidy tables of data/processed/."""

from __future__ import annotations

import argparse

from analysis.pipeline import BuildOptions, build, select_stages
from analysis.text import DEFAULT_BACKEND, DEFAULT_USER_DICT, TokenFilter

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens build``."""
    p = sub.add_parser("build", help="build data/processed/ from a corpus folder")
    p.add_argument("--raw", metavar="DIR", help="corpus folder (default: data/raw)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: data/processed)")
    p.add_argument("--tokenizer", choices=("jieba", "rjieba"), default=DEFAULT_BACKEND,
                   help="segmentation backend: rjieba (Rust, 12-21x faster, the same Chinese "
                        "words; the default) or jieba (pure Python, the reference)")
    p.add_argument("--no-hmm", action="store_true", help="turn jieba's HMM new-word guessing off")
    p.add_argument("--user-dict", metavar="FILE", action="append", default=[],
                   help="an extra user dictionary (repeatable), added to the policy terms")
    p.add_argument("--keep-function-words", action="store_true",
                   help="do not drop Chinese function words")
    p.add_argument("--keep-policy-words", action="store_true",
                   help="do not drop policy boilerplate words (加强, 推进 ...)")
    p.add_argument("--top-n", type=int, default=30, help="keywords per document (default 30)")
    p.add_argument("--themes", metavar="FILE", default="themes.toml",
                   help="theme dictionary (default: the packaged themes.toml)")
    p.add_argument("--instruments", metavar="FILE", default="instruments.toml",
                   help="policy-instrument and tone rules (default: the packaged "
                        "instruments.toml)")
    p.add_argument("--seed", type=int, default=12, help="bootstrap/permutation seed (default 12)")
    p.add_argument("--reuse-max-docs", type=int, default=None, metavar="N",
                   help="opt out of text reuse (pairwise) above N documents (default: no "
                        "limit)")
    p.add_argument("--reuse-max-seeds", type=int, default=None, metavar="N",
                   help="opt out of text reuse when documents share more than N seed pairs "
                        "(default: no limit)")
    p.add_argument("--reuse-near-duplicate", type=int, default=50, metavar="PCT",
                   help="text reuse aligns a near-duplicate (n-gram resemblance of at "
                        "least PCT percent to an earlier document) in full with its "
                        "group's first document only; reuse_pairs derives what copies "
                        "share through it (default 50; 0 aligns every pair in full)")
    p.add_argument("--similarity-max-docs", type=int, default=None, metavar="N",
                   help="opt out of the document similarity, map and clustering (a row per "
                        "pair of documents) above N documents (default: no limit)")
    p.add_argument("--similarity-top-k", type=int, default=50, metavar="K",
                   help="similarity table: each document's K most similar documents "
                        "(default 50; 0: every pair)")
    p.add_argument("--stages", default="all", metavar="NAMES",
                   help="comma-separated stages to run (core always runs): core, structure, "
                        "targets, compare, reuse, network, themes, instruments; default all "
                        "(figures and exports need all)")
    p.add_argument("--allow-outside-paths", action="store_true",
                   help="let metadata.csv list files outside the corpus folder (refused "
                        "by default)")
    p.add_argument("--cache-dir", metavar="DIR", help="token cache folder")
    p.add_argument("--no-cache", action="store_true", help="re-tokenise everything")
    p.add_argument("--workers", type=int, metavar="N",
                   help="processes for reading and tokenising, and for the analysis "
                        "stages (default: all cores; 1: everything in one process)")
    p.add_argument("--memory-budget", metavar="SIZE",
                   help="memory the build may hold while the analysis stages run on "
                        "several processes (such as 2G or 1500M): stages whose estimates "
                        "together pass it run one after another (default: 2G; the "
                        "default and a budget given are both capped at the memory the "
                        "system or container has available)")
    p.add_argument("--force", action="store_true",
                   help="rebuild even if nothing changed since the last build")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: on a terminal, for builds over a second)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    opts = BuildOptions(
        tokenizer=args.tokenizer,
        hmm=not args.no_hmm,
        user_dicts=(DEFAULT_USER_DICT, *args.user_dict),
        token_filter=TokenFilter(function_words=not args.keep_function_words,
                                 policy_words=not args.keep_policy_words),
        top_n=args.top_n,
        themes=args.themes,
        instruments=args.instruments,
        seed=args.seed,
        reuse_max_docs=args.reuse_max_docs or None,
        reuse_max_seeds=args.reuse_max_seeds or None,
        reuse_near_duplicate=args.reuse_near_duplicate or None,
        similarity_max_docs=args.similarity_max_docs or None,
        similarity_top_k=args.similarity_top_k or None,
        allow_outside_paths=args.allow_outside_paths,
    )
    cache = False if args.no_cache else (args.cache_dir or True)
    if args.workers is not None and args.workers < 1:
        raise ValueError(f"--workers {args.workers}: give 1 or more processes.")
    result = build(args.raw, args.out, options=opts, cache_dir=cache, workers=args.workers,
                   progress=args.progress, force=args.force, stages=select_stages(args.stages),
                   keep_tables=False, memory_budget=args.memory_budget)
    st = result.stats
    what = "up to date (inputs, options and code unchanged; --force rebuilds):" if \
        result.up_to_date else "built"
    print(f"{what} {len(result.tables)} tables for {st['documents']} documents "
          f"({st['characters']:,} characters, {st['tokens']:,} tokens) in {result.out_dir}")
    if not result.up_to_date:
        print(f"tokenised {st['segmented']} documents, {st['cached']} from the cache, "
              f"{st['workers']} process(es)")
    print("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    return 0
