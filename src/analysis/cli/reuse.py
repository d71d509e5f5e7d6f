"""``policy-lens reuse``: passages shared between documents, copy ratios of task tables."""

from __future__ import annotations

import argparse
import time

from analysis.cli.common import save_table
from analysis.text.corpus import load_corpus

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens reuse``."""
    p = sub.add_parser(
        "reuse", help="passages shared between documents (text reuse, policy borrowing)",
        description="Find passages two documents share, even edited (seeded Smith–Waterman "
                    "alignment); with --tasks, how much of each local measure of a "
                    "task-decomposition table is copied from the provincial text.")
    p.add_argument("--raw", metavar="DIR", help="corpus folder (default: data/raw)")
    p.add_argument("--pairs", choices=("between", "within", "all"), default="between",
                   help="between documents (default), within one document, or both")
    p.add_argument("--seed", type=int, default=10, metavar="N",
                   help="seed length in characters (default 10)")
    p.add_argument("--min-length", type=int, default=15,
                   help="shortest passage reported, in characters (default 15)")
    p.add_argument("--tasks", action="store_true",
                   help="report the copy ratio of task-table measures instead")
    p.add_argument("-n", type=int, default=10, help="rows printed (default 10; 0 = all)")
    p.add_argument("--out", metavar="FILE", help="save the whole table (.csv, .xlsx, .parquet)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # imported when the command runs: registering it imports no numpy or pandas
    from analysis.textreuse import reuse, task_copy_ratio

    corpus = load_corpus(args.raw)
    t0 = time.perf_counter()
    if args.tasks:
        table = task_copy_ratio(corpus)
        shown = table if args.n <= 0 else table.head(args.n)
        for r in shown.itertuples(index=False):
            print(f"{r.clause_id:<28} {r.copy_ratio:6.1%}  {r.copied_chars:>4}/{r.n_chars:<4} "
                  f"{r.passages[:60]}")
        total = int(table["n_chars"].sum())
        ratio = table["copied_chars"].sum() / total if total else 0.0
        print(f"{len(table)} measures; {ratio:.1%} of their characters copied from the "
              f"provincial text ({time.perf_counter() - t0:.2f}s)")
    else:
        table = reuse(corpus, n=args.seed, pairs=args.pairs, min_length=args.min_length)
        shown = table if args.n <= 0 else table.head(args.n)
        for r in shown.itertuples(index=False):
            print(f"{r.doc_a}[{r.start_a}:{r.end_a}] ~ {r.doc_b}[{r.start_b}:{r.end_b}]  "
                  f"score {r.score} identity {r.identity:.0%}")
            print(f"    {' '.join(r.text_a.split())[:70]}")
            print(f"    {' '.join(r.text_b.split())[:70]}")
        print(f"{len(table)} shared passages ({time.perf_counter() - t0:.2f}s)")
    if args.out:
        save_table(table, args.out, "copy_ratio" if args.tasks else "reuse")
        print(f"saved to {args.out}")
    return 0
