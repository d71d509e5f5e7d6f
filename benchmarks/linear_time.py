"""Do the parsers and extractors run in time linear in the text?

Every parser and extractor a build or an import runs on a document's text is timed on
inputs of 1, 10 and 50 MB (UTF-8 bytes; ``--sizes``) in two shapes:

- ``lines``: the default corpus's normalised texts repeated, with their line breaks
  (a very long document);
- ``single``: the same text with every line break removed (one 50 MB line, as some web
  exports and broken conversions give).

Each run happens in a forked process with a time limit (``--limit``, 300 s by default):
a run over the limit is stopped and shown as ``>limit``, and the larger sizes of that
function and shape are skipped. Times are CPU seconds of the process doing the work (on
a shared machine, other programs do not count). The table printed at the end gives
seconds per MB; for a linear function the seconds per MB stay flat as the size grows (a quadratic
one's grow with the size). ``--csv FILE`` also writes the rows.

The functions: ``normalise`` (:func:`analysis.text.normalize_text`: widths, boilerplate,
OpenCC), ``tokenise`` (the build's tokenizer, ``--tokenizer``, ``cut``), ``outline``
(:func:`analysis.structure.outline.parse_outline`), ``clauses``
(:func:`analysis.structure.parse_clauses`), ``tables``
(:func:`analysis.structure.table_rows` on those clauses), ``targets``
(:func:`analysis.targets.targets_from_text`), ``kwic`` (:func:`analysis.lexicon.kwic` of
科技 with the clauses given), ``ingest_clean`` (:func:`analysis.ingest.cleaning.clean_text`)
and ``ingest_fields`` (dates, document number, title, signature, genre and script of
:mod:`analysis.ingest.fields`).

Usage::

    .venv/bin/python benchmarks/linear_time.py                    # 1, 10, 50 MB
    .venv/bin/python benchmarks/linear_time.py --sizes 0.5 2 --only targets clauses
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.ingest.cleaning import clean_text  # noqa: E402
from analysis.ingest.fields import (  # noqa: E402
    detect_script,
    doc_type_from_body,
    find_dates,
    find_doc_number,
    find_signature,
    find_title,
    load_doc_types,
    load_issuers,
)
from analysis.lexicon import kwic  # noqa: E402
from analysis.structure import parse_clauses, table_rows  # noqa: E402
from analysis.structure.outline import parse_outline  # noqa: E402
from analysis.structure.rules import load_structure_rules  # noqa: E402
from analysis.targets import targets_from_text  # noqa: E402
from analysis.text import get_tokenizer, load_corpus, normalize_text  # noqa: E402

MB = 1_000_000


def base_text() -> str:
    """The default corpus's normalised texts, one after the other."""
    return "\n".join(load_corpus().documents["text"])


def make_input(base: str, size_mb: float, shape: str) -> str:
    """``base`` repeated to ``size_mb`` MB of UTF-8 (``single``: without line breaks)."""
    unit = base if shape == "lines" else base.replace("\n", "")
    per_char = len(unit.encode("utf-8")) / len(unit)
    n = int(size_mb * MB / per_char)
    return (unit * (n // len(unit) + 1))[:n]


def functions(tokenizer: str) -> dict[str, Callable[[str, dict[str, Any]], Any]]:
    """name -> f(text, prepared); ``prepared`` holds inputs made outside the timing."""
    rules = load_structure_rules()
    types, issuers = load_doc_types(), load_issuers()
    tok = get_tokenizer(backend=tokenizer)

    def fields(text: str, prep: dict[str, Any]) -> Any:
        lines = prep["lines"]
        dates = find_dates(lines)
        return (dates, find_doc_number(lines), find_title(lines, types),
                find_signature(lines, dates[0].line if dates else len(lines), issuers),
                doc_type_from_body(text, types), detect_script(text))

    return {
        "normalise": lambda t, p: normalize_text(t),
        "tokenise": lambda t, p: tok.cut(t),
        "outline": lambda t, p: parse_outline(t, doc_id="d", rules=rules),
        "clauses": lambda t, p: parse_clauses(t, doc_id="d", warn=False),
        "tables": lambda t, p: table_rows(p["clauses"]),
        "targets": lambda t, p: targets_from_text(t, doc_id="d", year=2022),
        "kwic": lambda t, p: kwic(p["frame"], "科技", clauses=p["clauses"]),
        "ingest_clean": lambda t, p: clean_text(t),
        "ingest_fields": fields,
    }


def _prepare(name: str, text: str) -> dict[str, Any]:
    prep: dict[str, Any] = {}
    if name in ("tables", "kwic"):
        prep["clauses"] = parse_clauses(text, doc_id="d", warn=False)
        prep["frame"] = pd.DataFrame({"doc_id": ["d"], "text": [text], "text_orig": [text]})
    if name == "ingest_fields":
        prep["lines"] = text.split("\n")
    return prep


def _child(func, text: str, prep: dict[str, Any], conn) -> None:
    warnings.simplefilter("ignore")
    t0 = time.process_time()
    func(text, prep)
    conn.send(time.process_time() - t0)
    conn.close()


def time_one(func, name: str, text: str, limit: float) -> float | None:
    """CPU seconds ``func`` takes on ``text`` in a forked process (CPU time: other programs
    on a shared machine do not count); None when it runs past ``limit`` seconds of wall
    time."""
    prep = _prepare(name, text)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(func, text, prep, child))
    proc.start()
    child.close()
    if parent.poll(limit):
        seconds = parent.recv()
        proc.join()
        return float(seconds)
    proc.kill()
    proc.join()
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50],
                    help="input sizes in MB of UTF-8 (default 1 10 50)")
    ap.add_argument("--shapes", nargs="+", default=["lines", "single"],
                    choices=["lines", "single"])
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these functions")
    ap.add_argument("--limit", type=float, default=300, help="seconds per run (default 300)")
    ap.add_argument("--tokenizer", default="rjieba", choices=["jieba", "rjieba"])
    ap.add_argument("--csv", metavar="FILE", help="also write the rows as CSV")
    args = ap.parse_args(argv)
    funcs = functions(args.tokenizer)
    names = args.only or list(funcs)
    base = base_text()
    warm = make_input(base, 0.01, "lines")
    for name in names:  # dictionaries, OpenCC and lazy imports load here, not in the timing
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            funcs[name](warm, _prepare(name, warm))
    rows = []
    for shape in args.shapes:
        texts = {s: make_input(base, s, shape) for s in args.sizes}
        for name in names:
            over = False
            for size in args.sizes:
                seconds = None if over else time_one(funcs[name], name, texts[size],
                                                     args.limit)
                over = seconds is None
                rows.append({"function": name, "shape": shape, "MB": size,
                             "chars": len(texts[size]), "seconds": seconds,
                             "s_per_MB": None if seconds is None else seconds / size})
                shown = f"{seconds:8.2f}s" if seconds is not None else f">{args.limit:.0f}s"
                print(f"{name:<14} {shape:<7} {size:>5g} MB  {shown}", flush=True)
    table = pd.DataFrame(rows)
    print()
    print(format_table(table, args.limit))
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(table.columns))
            w.writeheader()
            w.writerows(table.to_dict("records"))
    return 0


def format_table(table: pd.DataFrame, limit: float) -> str:
    """One line per function and shape: seconds per MB at each size, and the growth from
    the smallest size to the largest (about 1.0 when linear)."""
    sizes = sorted(table["MB"].unique())
    head = f"{'function':<14} {'shape':<7} " + " ".join(f"{f'{s:g} MB s/MB':>12}"
                                                       for s in sizes) + "   growth"
    lines = [head, "-" * len(head)]
    for (name, shape), g in table.groupby(["function", "shape"], sort=False):
        per = dict(zip(g["MB"], g["s_per_MB"], strict=True))
        cells = []
        for s in sizes:
            v = per.get(s)
            over = ">" + str(int(limit)) + "s"
            cells.append(f"{v:12.3f}" if v is not None and v == v else f"{over:>12}")
        first, last = per.get(sizes[0]), per.get(sizes[-1])
        growth = (f"{last / first:8.2f}x" if first and last and last == last and first == first
                  else "       -")
        lines.append(f"{name:<14} {shape:<7} " + " ".join(cells) + "  " + growth)
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
