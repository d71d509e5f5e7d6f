"""``policy-lens evaluate``: accuracy on the development and the held-out documents."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.common import save_table

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens evaluate``."""
    p = sub.add_parser(
        "evaluate", help="precision, recall and F1 per task, development vs held-out",
        description="Import the development corpora, run each task and score it against "
                    "the hand-read gold (eval/gold): the development part (rules were "
                    "tuned on it) and the held-out part (never tuned on), side by side.")
    p.add_argument("--task", action="append", metavar="NAME",
                   help="a task to score (repeatable; default: all)")
    p.add_argument("--corpora", type=Path, metavar="DIR",
                   help="the development corpora (default: ../shared/corpora beside the "
                        "project, or $POLICY_LENS_CORPORA)")
    p.add_argument("--gold", type=Path, metavar="DIR", help="gold folder (default eval/gold)")
    p.add_argument("--misses", type=Path, metavar="FILE",
                   help="write every metadata miss to this table (.csv, .xlsx)")
    p.add_argument("--out", metavar="FILE", help="save the long result table (.csv, .xlsx)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # imported when the command runs: registering it imports no pandas
    from analysis.evaluation import (
        default_gold_dir,
        eval_corpus,
        evaluate,
        metadata_misses,
        side_by_side,
    )

    ev = eval_corpus(args.corpora)
    results = evaluate(tasks=args.task, gold_dir=args.gold, ev=ev)
    wide = side_by_side(results)
    print("| task | item | metric | dev | n | held-out | n |")
    print("|---|---|---|---:|---:|---:|---:|")
    for r in wide.itertuples(index=False):
        print(f"| {r.task} | {r.item} | {r.metric} | {_pct(r.dev)} | {_n(r.n_dev)} | "
              f"{_pct(r.heldout)} | {_n(r.n_heldout)} |")
    lower = wide[wide["heldout_minus_dev"] < -0.005]
    if len(lower):
        print(f"\nheld-out lower than development on {len(lower)} of {len(wide)} rows")
    if args.out:
        save_table(results, args.out, "evaluation")
    if args.misses:
        save_table(metadata_misses(ev, args.gold or default_gold_dir()), args.misses,
                   "misses")
    return 0


def _pct(x: float) -> str:
    return "–" if x != x else f"{x:.1%}"


def _n(x: float) -> str:
    return "–" if x != x else str(int(x))
