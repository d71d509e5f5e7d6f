"""``policy-lens notebooks``: execute the notebooks headless into reports/notebooks/."""

from __future__ import annotations

import argparse
import ast
import sys
import time
from typing import Any

from analysis.report import NotebookError, run_notebooks

__all__ = ["parse_param", "register"]


def parse_param(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` of ``-p``: the value read as a Python literal, else kept as text.

    Examples
    --------
    >>> parse_param("english=True"), parse_param("raw_dir=my_corpus")
    (('english', True), ('raw_dir', 'my_corpus'))
    """
    key, sep, value = text.partition("=")
    if not sep or not key.strip().isidentifier():
        raise ValueError(f"-p {text!r}: write NAME=VALUE, e.g. -p raw_dir=my_corpus.")
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        parsed = value
    return key.strip(), parsed


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens notebooks``."""
    p = sub.add_parser("notebooks",
                       help="execute the notebooks into reports/notebooks/ (.ipynb + HTML)")
    p.add_argument("names", nargs="*", metavar="NOTEBOOK",
                   help="notebook stems or numbers (default: all), e.g. 00 01")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   type=parse_param,
                   help="set a parameter (Python literal or text), e.g. -p raw_dir=my_corpus "
                        "-p \"documents=['a_2021']\" -p english=True")
    p.add_argument("--notebooks", metavar="DIR", help="sources (default: notebooks/)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: reports/notebooks)")
    p.add_argument("--no-html", action="store_true", help="executed .ipynb only")
    p.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    try:
        runs = run_notebooks(args.names or None, notebooks_dir=args.notebooks, out=args.out,
                             parameters=dict(args.param) or None, html=not args.no_html,
                             timeout=args.timeout)
    except NotebookError as exc:
        print(f"policy-lens notebooks: error: {exc}", file=sys.stderr)
        return 1
    for run in runs:
        print(f"{run.source.stem:<32} {run.seconds:6.1f}s  -> {run.ipynb}")
        for w in run.warnings:
            print(f"  warning: {w}", file=sys.stderr)
    print(f"executed {len(runs)} notebooks in {time.perf_counter() - t0:.1f}s")
    return 1 if any(r.warnings for r in runs) else 0
