"""``policy-lens kwic``: every hit of a term with its clause and context."""

from __future__ import annotations

import argparse

from analysis.cli.common import save_table
from analysis.lexicon import kwic
from analysis.text.corpus import load_corpus

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens kwic``."""
    p = sub.add_parser(
        "kwic", help="keyword in context: every hit of a term with its clause",
        description="Print (or save) every occurrence of the terms with their clause_id and "
                    "context. Traditional and simplified spellings match each other.")
    p.add_argument("terms", nargs="+", metavar="TERM", help="term(s) to find (any of them)")
    p.add_argument("--regex", action="store_true", help="TERM is a regular expression")
    p.add_argument("--window", type=int, default=20, help="context characters (default 20)")
    p.add_argument("--docs", metavar="ID", action="append",
                   help="only this document (repeatable)")
    p.add_argument("--original", action="store_true",
                   help="show the context in the document's original script")
    p.add_argument("--raw", metavar="DIR", help="corpus folder (default: data/raw)")
    p.add_argument("--out", metavar="FILE",
                   help="save the hits as .csv (Excel-friendly), .xlsx or .parquet")
    p.add_argument("--limit", type=int, default=50,
                   help="hits to print (default 50; 0 = all)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.raw)
    unknown = [d for d in args.docs or () if d not in corpus.doc_ids]
    if unknown:
        raise ValueError(f"--docs {', '.join(unknown)}: not in the corpus "
                         f"{args.raw or 'data/raw'}; its doc_ids are "
                         f"{', '.join(corpus.doc_ids)}.")
    pattern = args.terms[0] if args.regex or len(args.terms) == 1 else args.terms
    if args.regex and len(args.terms) > 1:
        pattern = args.terms
    hits = kwic(corpus, pattern, window=args.window, regex=args.regex, docs=args.docs,
                original=args.original)
    if args.out:
        save_table(hits, args.out, "kwic")
    shown = hits if args.limit <= 0 else hits.head(args.limit)
    w = args.window
    for r in shown.itertuples(index=False):
        print(f"{r.clause_id:<28} {r.left:>{w}} 【{r.match}】 {r.right}")
    by_doc = hits.groupby("doc_id", sort=False).size()
    summary = ", ".join(f"{d} {n}" for d, n in by_doc.items()) or "no hits"
    more = f" (first {len(shown)} shown)" if len(shown) < len(hits) else ""
    print(f"{len(hits)} hits{more}: {summary}" + (f"; saved to {args.out}" if args.out else ""))
    return 0
