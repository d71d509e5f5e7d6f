"""``policy-lens evaluate``: accuracy on the development and the held-out documents."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.common import save_table

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Register ``policy-lens evaluate``."""
    p = sub.add_parser(
        "evaluate", help="precision, recall and F1 per task, development vs held-out",
        description="Import the development corpora, run each task and score it against "
                    "the hand-read gold (eval/gold): the development part (rules were "
                    "tuned on it) and the held-out part (never tuned on), side by side.")
    p.add_argument("--task", action="append", metavar="NAME",
                   help="a task to score (repeatable; default: metadata, outline, targets, "
                        "instruments, themes; 'annotators' adds the second annotator's "
                        "agreement on held-out target numbers)")
    p.add_argument("--corpora", type=Path, metavar="DIR",
                   help="the development corpora (default: ../shared/corpora beside the "
                        "project, or $POLICY_LENS_CORPORA)")
    p.add_argument("--gold", type=Path, metavar="DIR", help="gold folder (default eval/gold)")
    p.add_argument("--misses", type=Path, metavar="FILE",
                   help="write every metadata miss to this table (.csv, .xlsx)")
    p.add_argument("--out", metavar="FILE", help="save the long result table (.csv, .xlsx)")
    p.add_argument("--form", action="append", metavar="FORM",
                   help="score outline and targets with the development documents written "
                        "as files of this form (txt, pdf, pdf-wide, docx, docx-styles, "
                        "docx-numbered, html; repeatable; 'all' for every form)")
    p.add_argument("--heldout", action="store_true",
                   help="with --form (needed): render the held-out documents too (aggregate "
                        "figures)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # imported when the command runs: registering it imports no pandas
    from analysis.evaluation import (
        default_gold_dir,
        eval_corpus,
        evaluate,
        metadata_misses,
        side_by_side,
    )

    if args.heldout and not args.form:
        raise ValueError("--heldout renders the held-out documents as files, so it needs "
                         "--form (such as --form docx --heldout); without --form evaluate "
                         "scores the held-out documents already.")
    ev = eval_corpus(args.corpora)
    if args.form:
        return _run_forms(args, ev)
    results = evaluate(tasks=args.task, gold_dir=args.gold, ev=ev)
    wide = side_by_side(results)
    print("| task | item | metric | dev | n | held-out | n |")
    print("|---|---|---|---:|---:|---:|---:|")
    for r in wide.itertuples(index=False):
        print(f"| {r.task} | {r.item} | {r.metric} | {_pct(r.dev)} | {_n(r.n_dev)} | "
              f"{_pct(r.heldout)} | {_n(r.n_heldout)} |")
    lower = wide[wide["heldout_minus_dev"] < -0.005]
    if len(lower):
        print(f"\nheld-out lower than development on {len(lower)} of {len(wide)} rows")
    if args.out:
        save_table(results, args.out, "evaluation")
    if args.misses:
        save_table(metadata_misses(ev, args.gold or default_gold_dir()), args.misses,
                   "misses")
    return 0


def _run_forms(args: argparse.Namespace, ev) -> int:
    from analysis.evaluation.forms import FORMS, evaluate_forms

    forms = list(FORMS) if "all" in args.form else args.form
    parts = ("dev", "heldout") if args.heldout else ("dev",)
    results = evaluate_forms(forms=forms, parts=parts, gold_dir=args.gold, ev=ev)
    shown = results[results["metric"].isin(["accuracy", "precision", "recall", "f1"])
                    & results["item"].isin(["documents", "top_level_exact", "level1", "level2",
                                            "numbers", "all_fields", "paragraphs"])]
    wide = shown.pivot_table(index=["task", "item", "metric", "part"], columns="form",
                             values="value", sort=False).reindex(columns=forms)
    print("| task | item | metric | part | " + " | ".join(forms) + " |")
    print("|---|---|---|---|" + "---:|" * len(forms))
    for key, row in wide.iterrows():
        print("| " + " | ".join(map(str, key)) + " | "
              + " | ".join(_pct(row[f]) for f in forms) + " |")
    lost = results[(results["task"] == "import") & (results["value"] < 1)]
    if len(lost):
        print("\nnot every document was imported (the warnings above name the development "
              "ones and count the held-out ones); each is scored as nothing found")
    if args.out:
        save_table(results, args.out, "evaluation")
    return 0


def _pct(x: float) -> str:
    return "–" if x != x else f"{x:.1%}"


def _n(x: float) -> str:
    return "–" if x != x else str(int(x))
