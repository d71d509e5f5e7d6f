"""``policy-lens coding-sheet`` and ``policy-lens agreement``: hand coding of policy instruments."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.instruments import (
    HAND_CODED,
    NONE_CODE,
    coding_sheet,
    instrument_agreement,
    write_coding_sheet,
)
from analysis.io import write_csv
from analysis.text.corpus import load_corpus
from analysis.themes import clause_units

__all__ = ["register"]


def _add_coding_sheet(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("coding-sheet",
                       help="export clauses for hand-coding policy instruments (XLSX + CSV)")
    p.add_argument("--raw", metavar="DIR", help="corpus folder (default: data/raw)")
    p.add_argument("--out", metavar="PATH", default="reports/coding/coding_sheet",
                   help="output path without suffix (writes .xlsx and .csv; "
                        "default reports/coding/coding_sheet)")
    p.add_argument("--n", type=int, default=None,
                   help="sample this many clauses spread over the documents (default: all)")
    p.add_argument("--seed", type=int, default=4, help="sampling seed (default 4)")
    p.add_argument("--blind", action="store_true",
                   help="leave the automatic codes out of the sheet")
    p.add_argument("--rules", metavar="FILE", default="instruments.toml",
                   help="instrument rule file (default: the packaged instruments.toml)")
    p.set_defaults(func=_run_coding_sheet)


def _run_coding_sheet(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.raw)
    units = clause_units(corpus)
    sheet = coding_sheet(units, rules=args.rules, n=args.n, seed=args.seed, blind=args.blind)
    paths = write_coding_sheet(sheet, args.out, rules=args.rules)
    print(f"wrote {len(sheet)} clauses from {sheet['doc_id'].nunique()} documents to "
          + " and ".join(map(str, paths)))
    print(f"write codes in researcher_codes ({NONE_CODE} = no instrument), then run "
          f"`policy-lens agreement {paths[1]}`")
    return 0


def _add_agreement(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agreement",
                       help="kappa of the automatic instrument coder against hand codes")
    p.add_argument("sheet", nargs="?", default=HAND_CODED,
                   help="filled coding sheet, CSV or XLSX (default: the hand codes shipped "
                        "with policy-lens)")
    p.add_argument("--rules", metavar="FILE", default="instruments.toml",
                   help="instrument rule file (default: the packaged instruments.toml)")
    p.add_argument("--subset", metavar="NAME",
                   help="only rows whose `set` column is NAME (the shipped codes have "
                        "development and held-out)")
    p.add_argument("--out", metavar="DIR",
                   help="also write per_type, per_instrument, confusion and clauses CSVs here")
    p.set_defaults(func=_run_agreement)


def _run_agreement(args: argparse.Namespace) -> int:
    res = instrument_agreement(args.sheet, rules=args.rules, subset=args.subset)
    print(res.summary())
    if args.out:
        out = Path(args.out)
        write_csv(res.per_type, out / "agreement_per_type.csv")
        write_csv(res.per_instrument, out / "agreement_per_instrument.csv")
        write_csv(res.confusion.reset_index(), out / "agreement_confusion.csv")
        write_csv(res.clauses, out / "agreement_clauses.csv")
        print(f"tables written to {out}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens coding-sheet`` and ``policy-lens agreement``."""
    _add_coding_sheet(sub)
    _add_agreement(sub)
