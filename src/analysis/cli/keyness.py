"""``policy-lens keyness``: terms a group of documents over- or under-uses."""

from __future__ import annotations

import argparse

from analysis.cli.common import save_table
from analysis.text.corpus import load_corpus

__all__ = ["register"]

#: the choices of --measure, written out so that registering the command imports no
#: statistics (pandas, scipy); a test checks they equal analysis.stats.KEYNESS_MEASURES
_MEASURES = ("g2", "chi2", "log_ratio")


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens keyness``."""
    p = sub.add_parser(
        "keyness", help="terms a group of documents over- or under-uses (G², log ratio)",
        description="Compare a group of documents (a city, an era, a document type, or "
                    "doc_ids) with the rest, term by term: G² log-likelihood, chi-square, "
                    "log ratio and p-value.")
    p.add_argument("target", nargs="+", metavar="TARGET",
                   help="group value(s) of --by (e.g. 2010s), or doc_id(s) without --by")
    p.add_argument("--by", metavar="COLUMN",
                   help="metadata column that defines the groups (era, city, doc_type ...)")
    p.add_argument("--reference", metavar="VALUE", action="append",
                   help="compare with this group only (repeatable; default: all the rest)")
    p.add_argument("--measure", choices=_MEASURES, default="g2",
                   help="statistic to rank by (default g2)")
    p.add_argument("--williams", action="store_true", help="Williams' correction of G²")
    p.add_argument("--min-count", type=int, default=3, help="minimum frequency (default 3)")
    p.add_argument("-n", type=int, default=20, help="terms printed each side (default 20)")
    p.add_argument("--raw", metavar="DIR", help="corpus folder (default: data/raw)")
    p.add_argument("--out", metavar="FILE", help="save the whole table (.csv, .xlsx, .parquet)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # imported when the command runs: registering it imports no pandas or scipy
    from analysis.stats import keyness

    corpus = load_corpus(args.raw)
    table = keyness(corpus, target=args.target, reference=args.reference, by=args.by,
                    measure=args.measure, correction="williams" if args.williams else None,
                    min_count=args.min_count)
    if args.out:
        save_table(table, args.out, "keyness")
    print(table["comparison"].iloc[0] if len(table) else "no terms")
    for side in ("over", "under"):
        part = table[table["direction"] == side].sort_values("rank").head(args.n)
        print(f"\n{'over-used' if side == 'over' else 'under-used'} by the target:")
        for r in part.itertuples(index=False):
            print(f"  {r.term:<12} {r.count_target:>5} {r.count_reference:>6}  "
                  f"G2 {r.g2:8.2f}  log-ratio {r.log_ratio:+6.2f}  p {r.p_value:.2g}")
    if args.out:
        print(f"\n{len(table)} terms saved to {args.out}")
    return 0
