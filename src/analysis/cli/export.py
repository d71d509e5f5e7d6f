"""``policy-lens export``: the build's tables as CSV for Excel and one XLSX workbook."""

from __future__ import annotations

import argparse
import time

from analysis.report import WORKBOOK, default_reports_dir, export_tables

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens export``."""
    p = sub.add_parser("export", help="write the tables to reports/tables/ as CSV and XLSX")
    p.add_argument("--processed", metavar="DIR", help="build folder (default: data/processed)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: reports/tables)")
    p.add_argument("--include-tokens", action="store_true",
                   help="also export the tokens table (one row per word)")
    p.add_argument("--tables", nargs="+", metavar="NAME", help="only these tables")
    p.add_argument("--no-xlsx", action="store_true", help="CSV files only")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    summary = export_tables(args.processed, args.out, include_tokens=args.include_tokens,
                            tables=args.tables, xlsx=not args.no_xlsx)
    done = summary.loc[summary["csv"] != ""]
    where = args.out or default_reports_dir() / "tables"
    print(f"exported {len(done)} tables ({int(done['rows'].sum()):,} rows) to {where}"
          f"{'' if args.no_xlsx else ' (CSV + ' + WORKBOOK + ')'} in "
          f"{time.perf_counter() - t0:.1f}s")
    for row in summary.itertuples():
        if row.note:
            print(f"  {row.table}: {row.note}")
    return 0
