"""Do jieba and rjieba give the same tokens? And how fast is each? (README: tokenizer backend)

Segments, with the policy dictionary and each backend, the normalised texts of

- the default corpus (``data/raw``),
- the development part (``eval/split.csv``, ``part == dev``) of the real corpora in
  ``/work/shared/corpora`` (or ``--corpora DIR``): the workbook's ``Policy Content`` cells
  and the PKULaw text files,

and prints per corpus: documents, characters, jieba tokens, the documents whose token
sequences are identical, the share of jieba's tokens (spans) that rjieba also makes, and
each backend's segmentation time (one core, dictionary loaded first).

Usage: ``python benchmarks/tokenizer_equivalence.py [--corpora DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _spans(tokens: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for t in tokens:
        out.add((pos, pos + len(t)))
        pos += len(t)
    return out


def compare(texts: list[str]) -> dict:
    from analysis.text import Tokenizer

    cuts, secs = {}, {}
    with tempfile.TemporaryDirectory(prefix="tok-eq-") as cache:
        for backend in ("jieba", "rjieba"):
            tok = Tokenizer(backend=backend, cache_dir=cache)
            tok.cut("预热")
            t0 = time.perf_counter()
            cuts[backend] = [tok.cut(t) for t in texts]
            secs[backend] = time.perf_counter() - t0
    same_docs = sum(a == b for a, b in zip(cuts["jieba"], cuts["rjieba"], strict=True))
    n_tok = sum(map(len, cuts["jieba"]))
    shared = sum(len(_spans(a) & _spans(b))
                 for a, b in zip(cuts["jieba"], cuts["rjieba"], strict=True))
    return {"docs": len(texts), "chars": sum(map(len, texts)), "tokens": n_tok,
            "same_docs": same_docs, "span_agreement": shared / n_tok if n_tok else 1.0,
            "jieba_s": secs["jieba"], "rjieba_s": secs["rjieba"]}


def real_dev_texts(corpora: Path) -> dict[str, list[str]]:
    """The development documents of the real corpora, as raw texts."""
    import pandas as pd

    with open(ROOT / "eval" / "split.csv", encoding="utf-8", newline="") as fh:
        dev = [r for r in csv.DictReader(fh) if r["part"] == "dev"]
    out: dict[str, list[str]] = {"workbook (dev)": [], "pkulaw (dev)": []}
    book = corpora / "spreadsheet_digital_policies" / "Policies Data.xlsx"
    if book.exists():
        sheets = pd.read_excel(book, sheet_name=None, header=None, dtype=str)
        for r in dev:
            if r["sheet"]:
                sheet = sheets[r["sheet"]]
                col = next(c for c in sheet.columns if str(sheet.iloc[0, c]) == "Policy Content")
                text = sheet.iloc[int(r["row"]) - 1, col]
                if isinstance(text, str) and text.strip():
                    out["workbook (dev)"].append(text)
    for r in dev:
        if r["file"]:
            path = corpora / "pkulaw_exports" / r["file"]
            if path.exists():
                out["pkulaw (dev)"].append(path.read_text(encoding="utf-8"))
    return {k: v for k, v in out.items() if v}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpora", default="/work/shared/corpora")
    args = p.parse_args(argv)
    from analysis import load_corpus
    from analysis.text import normalize_text

    groups = {"default corpus": load_corpus().documents["text"].astype(str).tolist()}
    corpora = Path(args.corpora)
    if corpora.exists():
        groups.update({k: [normalize_text(t).text for t in v]
                       for k, v in real_dev_texts(corpora).items()})
    print("| corpus | docs | chars | jieba tokens | identical docs | spans shared | "
          "jieba s | rjieba s | speed-up |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, texts in groups.items():
        r = compare(texts)
        print(f"| {name} | {r['docs']} | {r['chars']:,} | {r['tokens']:,} | "
              f"{r['same_docs']}/{r['docs']} | {r['span_agreement']:.4%} | "
              f"{r['jieba_s']:.2f} | {r['rjieba_s']:.2f} | "
              f"{r['jieba_s'] / r['rjieba_s']:.1f}x |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
