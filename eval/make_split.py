"""Split the development corpora of ../shared/corpora into a development and a held-out part.

Run once, before any rule is tuned: ``python eval/make_split.py``. It writes
``eval/split.csv`` (one row per document: ``doc_key, source, sheet, row, file, part``).
The split is a seeded shuffle within each source, so that every source is represented in
both parts; re-running it gives the same file.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import openpyxl

SEED = 20261206
HELD_OUT_SHARE = 0.32  # of each source
ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"


def documents() -> list[dict[str, str]]:
    rows = []
    wb = openpyxl.load_workbook(CORPORA / "spreadsheet_digital_policies" / "Policies Data.xlsx",
                                read_only=True)
    for sheet, prefix in (("Central Policies Table", "central"),
                          ("ShanDong Policies Table", "shandong")):
        n = sum(1 for r in wb[sheet].iter_rows(min_row=2, values_only=True)
                if any(v not in (None, "") for v in r))
        rows += [{"doc_key": f"{prefix}-{i:03d}", "source": prefix, "sheet": sheet,
                  "row": str(i + 1), "file": ""} for i in range(1, n + 1)]
    files = sorted((CORPORA / "pkulaw_exports").glob("*.txt"))
    rows += [{"doc_key": f"pkulaw-{i}", "source": "pkulaw", "sheet": "", "row": "",
              "file": f.name} for i, f in enumerate(files, 1)]
    return rows


def main() -> None:
    rng = random.Random(SEED)
    rows = documents()
    for source in ("central", "shandong", "pkulaw"):
        part = [r for r in rows if r["source"] == source]
        order = list(range(len(part)))
        rng.shuffle(order)
        n_held = round(len(part) * HELD_OUT_SHARE)
        held = set(order[:n_held])
        for i, r in enumerate(part):
            r["part"] = "heldout" if i in held else "dev"
    with open(ROOT / "eval" / "split.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["doc_key", "source", "sheet", "row", "file", "part"])
        w.writeheader()
        w.writerows(rows)
    held = [r for r in rows if r["part"] == "heldout"]
    print(f"{len(rows)} documents: {len(rows) - len(held)} development, {len(held)} held out")


if __name__ == "__main__":
    main()
