"""``policy-lens figures``: every figure of the catalog, with its MANIFEST.csv."""

from __future__ import annotations

import argparse
import sys
import time

from analysis.report import (
    README_DPI,
    README_FIGURES,
    MissingTableError,
    catalog_table,
    default_reports_dir,
    make_figures,
    project_root,
)

__all__ = ["register"]


def _csv_list(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens figures``."""
    p = sub.add_parser("figures", help="write every figure to reports/figures/ (+ MANIFEST.csv)")
    p.add_argument("--processed", metavar="DIR", help="build folder (default: data/processed)")
    p.add_argument("--out", metavar="DIR",
                   help="output folder (default: reports/figures, reports/figures_en "
                        "with --english)")
    p.add_argument("--formats", default="png,svg", type=_csv_list,
                   help="comma-separated: png,svg,pdf (default: png,svg)")
    p.add_argument("--english", action="store_true", help="English titles, axes and glosses")
    p.add_argument("--only", nargs="+", metavar="NAME",
                   help="only these figures (names or notebook stems)")
    p.add_argument("--dpi", type=int, default=300, help="PNG resolution (default: 300)")
    p.add_argument("--readme", action="store_true",
                   help="write the README figures to docs/img/ instead (PNG, "
                        f"{README_DPI} dpi)")
    p.add_argument("--by", metavar="COLUMN",
                   help="grouping of the comparison figures: any documents column (era, "
                        "level, province, doc_type, sheet, your own); default: the first "
                        "of era, sheet, level, province, city, doc_type with 2-12 groups")
    p.add_argument("--time-bins", metavar="BINS",
                   help="periods for the trends: 'fyp' (five-year plans) or cut years "
                        "such as 2012,2016,2021 (default: one point per year)")
    p.add_argument("--docs", nargs="+", metavar="DOC_ID",
                   help="documents of the per-document figures (word clouds, networks), "
                        "or 'all' (default: all up to 12 documents, else one per group)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="processes drawing figures side by side (default: one per core, "
                        "at most 4; the files are the same whatever N)")
    p.add_argument("--list", action="store_true", help="list the catalog and exit")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        return _figures(args)
    except MissingTableError as exc:
        print(f"policy-lens figures: error: {exc}", file=sys.stderr)
        return 2


def _figures(args: argparse.Namespace) -> int:
    if args.list:
        table = catalog_table()
        for row in table.itertuples():
            each = f" (one per {row.each})" if row.each else ""
            print(f"{row.figure:<28} {row.notebook:<28} {row.function}{each}")
        return 0
    t0 = time.perf_counter()
    if args.readme:
        manifest = make_figures(args.processed, args.out or project_root() / "docs" / "img",
                                formats=("png",), only=README_FIGURES, dpi=README_DPI)
        where = args.out or "docs/img"
    else:
        manifest = make_figures(args.processed, args.out, formats=args.formats,
                                english=args.english, only=args.only, dpi=args.dpi,
                                by=args.by, time_bins=args.time_bins, docs=args.docs,
                                workers=args.workers)
        where = args.out or default_reports_dir() / ("figures_en" if args.english else "figures")
    print(f"wrote {len(manifest)} files ({manifest['figure'].nunique()} figures) and "
          f"MANIFEST.csv to {where} in {time.perf_counter() - t0:.1f}s")
    return 0
