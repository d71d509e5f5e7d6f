"""Make a large corpus folder from the five default documents, deterministically.

Each copy of a document gets its own ``doc_id`` and small seeded perturbations, so every
text is different (the token cache cannot deduplicate copies) while the vocabulary and the
token statistics stay those of real policy text:

- the order of a few paragraphs is swapped,
- one in five numbers gets a new value,
- one paragraph in twenty is dropped.

Usage: ``python benchmarks/scaled_corpus.py OUT_DIR --chars 20M [--seed 7]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RAW = ROOT / "data" / "raw"
_NUMBER = re.compile(r"\d+")


def parse_size(text: str) -> int:
    """``"20M"`` → 20_000_000, ``"500k"`` → 500_000, ``"12345"`` → 12345."""
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([kKmM]?)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"{text!r}: give a size such as 500k, 5M or 20000000")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2).lower()]
    return int(float(m.group(1)) * scale)


def perturb(text: str, rng: random.Random) -> str:
    """Swap a few paragraphs, renumber some numbers, drop a few paragraphs."""
    lines = text.split("\n")
    n = len(lines)
    for _ in range(max(1, n // 25)):
        i, j = rng.randrange(n), rng.randrange(n)
        lines[i], lines[j] = lines[j], lines[i]
    lines = [ln for ln in lines if not ln.strip() or rng.random() >= 0.05]
    out = "\n".join(lines)
    return _NUMBER.sub(lambda m: str(rng.randrange(1, 10 ** len(m.group())))
                       if rng.random() < 0.2 else m.group(), out)


def make_corpus(out_dir: str | Path, *, chars: int, seed: int = 7,
                raw_dir: str | Path = DEFAULT_RAW) -> tuple[int, int]:
    """Write ``out_dir`` (text files + ``metadata.csv``) holding about ``chars`` characters.

    Returns ``(documents, characters)`` actually written.
    """
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(raw_dir / "metadata.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = {r["doc_id"]: (raw_dir / r["file"]).read_text(encoding="utf-8-sig") for r in rows}
    rng = random.Random(seed)
    written: list[dict[str, str]] = []
    total = copy = 0
    while total < chars:
        for r in rows:
            if total >= chars:
                break
            doc_id = f"{r['doc_id']}_c{copy:05d}"
            text = perturb(texts[r["doc_id"]], rng)
            name = f"{doc_id}.txt"
            (out_dir / name).write_text(text, encoding="utf-8")
            written.append({**r, "doc_id": doc_id, "file": name})
            total += len(text)
        copy += 1
    with open(out_dir / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(written)
    return len(written), total


def make_repetitive(out_dir: str | Path, *, chars: int, share: float = 0.6, seed: int = 7,
                    raw_dir: str | Path = DEFAULT_RAW) -> tuple[int, int]:
    """The scaled corpus made repetitive, like a series of annual reports: every document
    after the first keeps its first ``1 - share`` of its own text and continues with a
    stretch of a randomly chosen earlier document (``share`` of its length), copied as it
    is. Returns ``(documents, characters)``.
    """
    out_dir = Path(out_dir)
    n, _ = make_corpus(out_dir, chars=chars, seed=seed, raw_dir=raw_dir)
    with open(out_dir / "metadata.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rng = random.Random(seed + 1)
    texts = [(out_dir / r["file"]).read_text(encoding="utf-8") for r in rows]
    for i in range(1, len(texts)):
        own = texts[i]
        keep = int(len(own) * (1 - share))
        src = texts[rng.randrange(i)]
        take = min(len(own) - keep, len(src))
        start = rng.randrange(max(1, len(src) - take + 1))
        texts[i] = own[:keep] + src[start:start + take]
        (out_dir / rows[i]["file"]).write_text(texts[i], encoding="utf-8")
    return n, sum(map(len, texts))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out_dir")
    p.add_argument("--chars", type=parse_size, default=parse_size("5M"))
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    n, total = make_corpus(args.out_dir, chars=args.chars, seed=args.seed)
    print(f"{args.out_dir}: {n} documents, {total:,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
