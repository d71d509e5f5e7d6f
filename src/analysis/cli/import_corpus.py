"""``policy-lens import``: documents as they come into a corpus folder with a drafted
metadata.csv."""

from __future__ import annotations

import argparse
import sys

from analysis.cli.common import print_wide

__all__ = ["register"]

_SHOW = ["doc_id", "title", "issuer", "doc_number", "date", "city", "province", "level",
         "doc_type"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens import``."""
    p = sub.add_parser(
        "import", help="import a folder of txt/docx/pdf/html files, or a spreadsheet/CSV/"
                       "JSONL table, into a corpus folder with a drafted metadata.csv")
    p.add_argument("source", help="a folder of documents, a .xlsx/.csv/.tsv/.jsonl table, "
                                  "or one document file")
    p.add_argument("--out", required=True, metavar="DIR", help="the corpus folder to write")
    p.add_argument("--text-column", metavar="NAME",
                   help="the table column holding the text (detected when unambiguous)")
    p.add_argument("--sheet", action="append", metavar="NAME",
                   help="a workbook sheet to read (repeatable; default: every sheet)")
    p.add_argument("--dry-run", action="store_true",
                   help="read and draft everything, print the table, write nothing")
    p.add_argument("--skip-duplicates", action="store_true",
                   help="leave out documents whose text repeats an earlier one")
    p.add_argument("--boilerplate", default="ingest_boilerplate.toml", metavar="FILE",
                   help="export-boilerplate patterns (default: the packaged file)")
    p.add_argument("--doc-types", default="doc_types.toml", metavar="FILE",
                   help="genre words (default: the packaged file)")
    p.add_argument("--issuers", default="issuers.toml", metavar="FILE",
                   help="organ names and rules (default: the packaged file)")
    p.add_argument("--columns", default="ingest_columns.toml", metavar="FILE",
                   help="spreadsheet header names (default: the packaged file)")
    p.add_argument("--workers", type=int, metavar="N", help="processes for reading files")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: on a terminal)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # here, not at the top: analysis.ingest needs pandas, and `import analysis.cli` (every
    # command's --help) stays light
    from analysis.ingest import import_corpus

    report = import_corpus(args.source, args.out, text_column=args.text_column,
                           sheets=args.sheet, dry_run=args.dry_run,
                           skip_duplicates=args.skip_duplicates, boilerplate=args.boilerplate,
                           doc_types=args.doc_types, issuers=args.issuers,
                           columns=args.columns, workers=args.workers, progress=args.progress)
    if args.dry_run:
        table = report.metadata[[c for c in _SHOW if c in report.metadata.columns]]
        print_wide(lambda: print(table.to_string(index=False)))
    print(report.summary(), file=sys.stderr if report.failed else sys.stdout)
    return 1 if report.failed else 0
