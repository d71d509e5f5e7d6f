"""Score the drafted metadata of ``policy-lens import`` against the hand-read gold.

Run: ``python eval/evaluate_metadata.py`` (``--corpora DIR`` if ``../shared/corpora`` is not
beside the checkout; ``--misses FILE`` writes every miss as CSV).

It imports the two development corpora of ``../shared/corpora`` with ``--dry-run`` (nothing
is written), matches each drafted row to its ``doc_key`` (``eval/split.csv``) and compares
it with ``eval/gold/metadata_gold.csv`` field by field: title, issuer, doc_number, date,
city, province, level, doc_type. Accuracy is reported separately for the development
documents and the held-out ones (``part`` in ``eval/split.csv``), and by source.

How values are compared (both sides alike):

- every value: Unicode NFKC (full-width letters, digits and brackets made half-width),
  spaces removed, dashes made one dash;
- title: quotes and 《》〈〉 dropped (the same title is written with or without them);
- issuer: a set of organs split on ；;、 (order does not count);
- doc_number: 〔〕［］[]() made alike;
- an empty drafted value matches an empty gold value (nothing to find, nothing found).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("title", "issuer", "doc_number", "date", "city", "province", "level", "doc_type")


def _base(value: str) -> str:
    s = unicodedata.normalize("NFKC", value or "")
    s = re.sub(r"\s+", "", s)
    return re.sub(r"[—–－‐-]+", "-", s)


def normalise(field: str, value: str) -> object:
    """The comparable form of one value."""
    s = _base(value)
    if field == "title":
        return re.sub(r"[《》〈〉“”\"'‘’「」]", "", s)
    if field == "issuer":
        return frozenset(p for p in re.split(r"[；;、]", s) if p)
    if field == "doc_number":
        return re.sub(r"[〔［\[(]", "〔", re.sub(r"[〕］\])]", "〕", s))
    return s


def _split() -> dict[str, dict[str, str]]:
    with open(ROOT / "eval" / "split.csv", encoding="utf-8") as fh:
        return {r["doc_key"]: r for r in csv.DictReader(fh)}


def drafted(corpora: Path) -> dict[str, dict[str, str]]:
    """The drafted rows of both corpora, by ``doc_key``."""
    from analysis.ingest import import_corpus

    split = _split()
    by_file = {r["file"]: k for k, r in split.items() if r["file"]}
    by_row = {(r["sheet"], r["row"]): k for k, r in split.items() if r["sheet"]}
    out: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for source in (corpora / "pkulaw_exports",
                       corpora / "spreadsheet_digital_policies" / "Policies Data.xlsx"):
            report = import_corpus(source, Path(tmp) / source.stem, dry_run=True,
                                   progress=False)
            for row in report.metadata.to_dict("records"):
                key = by_file.get(row["source"]) or by_row.get((row["sheet"], row["row"]))
                if key:
                    out[key] = row
    return out


def evaluate(corpora: Path) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    """``(accuracy rows, misses)``: accuracy per part × field, and every miss."""
    split = _split()
    with open(ROOT / "eval" / "gold" / "metadata_gold.csv", encoding="utf-8") as fh:
        gold = list(csv.DictReader(fh))
    rows = drafted(corpora)
    hits: dict[tuple[str, str], list[int]] = defaultdict(list)
    misses = []
    for g in gold:
        key = g["doc_key"]
        part, source = split[key]["part"], split[key]["source"]
        d = rows.get(key, {})
        for f in FIELDS:
            ok = normalise(f, d.get(f, "")) == normalise(f, g[f])
            for group in (part, f"{part}:{'pkulaw' if source == 'pkulaw' else 'workbook'}"):
                hits[(group, f)].append(int(ok))
            if not ok:
                misses.append({"doc_key": key, "part": part, "field": f,
                               "drafted": d.get(f, ""), "gold": g[f]})
    table = []
    for group in sorted({g for g, _ in hits}):
        rec: dict[str, object] = {"part": group, "n": len(hits[(group, FIELDS[0])])}
        for f in FIELDS:
            h = hits[(group, f)]
            rec[f] = sum(h) / len(h)
        table.append(rec)
    return table, misses


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table (markdown) and the number of misses per field."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--misses", type=Path, help="write every miss to this CSV file")
    args = ap.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"{args.corpora}: no such folder; give --corpora", file=sys.stderr)
        return 2
    table, misses = evaluate(args.corpora)
    print("| part | n | " + " | ".join(FIELDS) + " |")
    print("|---|---:|" + "---:|" * len(FIELDS))
    for rec in table:
        print(f"| {rec['part']} | {rec['n']} | "
              + " | ".join(f"{rec[f]:.0%}" for f in FIELDS) + " |")
    if args.misses:
        with open(args.misses, "w", newline="", encoding="utf-8-sig") as fh:
            w = csv.DictWriter(fh, fieldnames=["doc_key", "part", "field", "drafted", "gold"])
            w.writeheader()
            w.writerows(misses)
        print(f"{len(misses)} misses written to {args.misses}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
