"""``policy-lens targets``: the quantitative targets of a corpus, as a table and a figure."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.common import print_wide, save_table
from analysis.plots import save_figure
from analysis.plots.targets import plot_target_comparison
from analysis.targets import compare_targets, extract_targets
from analysis.text.corpus import load_corpus

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens targets``."""
    p = sub.add_parser("targets", help="list the quantitative targets of a corpus")
    p.add_argument("--raw", metavar="DIR", help="corpus folder (default: data/raw)")
    p.add_argument("--doc", action="append", default=[], metavar="DOC_ID",
                   help="only this document (repeatable)")
    p.add_argument("--kind", action="append", default=[],
                   choices=("target", "achievement", "support"),
                   help="only rows of this kind (repeatable)")
    p.add_argument("--mapping", metavar="FILE", default="indicators.toml",
                   help="your canonical-indicator mapping (TOML)")
    p.add_argument("--out", metavar="FILE",
                   help="also write the table (.csv for Excel, .xlsx or .parquet)")
    p.add_argument("--figure", metavar="FILE",
                   help="also draw the comparison figure (.png, .svg or .pdf)")
    p.add_argument("--min-docs", type=int, default=2, metavar="N",
                   help="the figure shows indicators with targets in at least N documents "
                        "(default 2)")
    p.add_argument("--english", action="store_true", help="English labels in the figure")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.raw)
    if args.doc:
        unknown = sorted(set(args.doc) - set(corpus.doc_ids))
        if unknown:
            raise ValueError(f"--doc: unknown document(s) {unknown}; "
                             f"choose from {corpus.doc_ids}.")
        corpus = corpus.subset(args.doc)
    kinds = tuple(args.kind) or ("target", "achievement", "support")
    t = extract_targets(corpus, kinds=kinds, mapping=args.mapping)
    show = t[["target_id", "kind", "indicator", "comparator", "value", "unit", "target_year"]]
    print_wide(lambda: print(show.to_string(index=False)))
    counts = t.groupby(["doc_id", "kind"]).size().unstack(fill_value=0)
    print(f"\n{len(t)} numbers in {t['doc_id'].nunique()} documents:")
    print(counts.to_string())
    if args.out:
        out = save_table(t, args.out, "targets")
        print(f"wrote {out}")
    if args.figure:
        cmp = compare_targets(t, corpus.documents, mapping=args.mapping,
                              min_docs=args.min_docs)
        fig = plot_target_comparison(cmp, english=args.english)
        fmt = Path(args.figure).suffix.lstrip(".") or "png"
        for path in save_figure(fig, args.figure, formats=(fmt,)):
            print(f"wrote {path}")
    return 0
