"""Accuracy on documents the rules were not written for: ``policy-lens evaluate``.

The real development corpora (``../shared/corpora``) are split once, with a fixed seed,
into a development part (rules are tuned on it) and a held-out part (read only to make
gold). Each task scores one stage against hand-read gold and reports both parts side by
side.

Modules
-------
documents
    The split and the imported corpora (:func:`eval_corpus`).
gold
    Reading a task's gold files.
metrics
    Precision, recall, F1, accuracy and the shared result table.
metadata
    The metadata drafted by ``policy-lens import``.
outline
    The outline parser's headings (top level, levels 1 and 2).
targets
    The targets table against hand-read numbers.
instruments
    The instrument coder and the theme dictionary on non-S&T clauses.
agreement
    Two annotators' readings of the same target numbers, and the extractor with each.
forms
    Outline and targets with the documents written as PDF, Word and web pages.
render
    Writing a text as a PDF, a Word file or a saved web page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis.evaluation.agreement import annotator_agreement, evaluate_agreement
from analysis.evaluation.documents import (
    PARTS,
    EvalCorpus,
    default_corpora_dir,
    default_gold_dir,
    eval_corpus,
    load_split,
)
from analysis.evaluation.forms import FORMS, evaluate_forms
from analysis.evaluation.gold import gold_files, read_gold
from analysis.evaluation.instruments import evaluate_instruments, evaluate_themes
from analysis.evaluation.metadata import FIELDS, evaluate_metadata, metadata_misses
from analysis.evaluation.metrics import RESULT_COLUMNS, prf, side_by_side
from analysis.evaluation.outline import evaluate_outline, outline_misses
from analysis.evaluation.targets import TARGET_FIELDS, evaluate_targets, target_misses

__all__ = [
    "EXTRA_TASKS",
    "FIELDS",
    "FORMS",
    "PARTS",
    "RESULT_COLUMNS",
    "TARGET_FIELDS",
    "TASKS",
    "EvalCorpus",
    "annotator_agreement",
    "default_corpora_dir",
    "default_gold_dir",
    "eval_corpus",
    "evaluate",
    "evaluate_agreement",
    "evaluate_forms",
    "evaluate_instruments",
    "evaluate_metadata",
    "evaluate_outline",
    "evaluate_targets",
    "evaluate_themes",
    "gold_files",
    "load_split",
    "metadata_misses",
    "outline_misses",
    "prf",
    "read_gold",
    "side_by_side",
    "target_misses",
]

#: every evaluation task: name -> function(EvalCorpus, gold folder) -> result rows
TASKS: dict[str, Callable[[EvalCorpus, Path], pd.DataFrame]] = {
    "metadata": evaluate_metadata,
    "outline": evaluate_outline,
    "targets": evaluate_targets,
    "instruments": evaluate_instruments,
    "themes": evaluate_themes,
}

#: tasks scored only when named: the second annotator's agreement (held-out numbers only)
EXTRA_TASKS: dict[str, Callable[[EvalCorpus, Path], pd.DataFrame]] = {
    "annotators": evaluate_agreement,
}


def evaluate(
    *,
    tasks: Sequence[str] | None = None,
    corpora: str | Path | None = None,
    gold_dir: str | Path | None = None,
    ev: EvalCorpus | None = None,
) -> pd.DataFrame:
    """Score the chosen tasks on the development and the held-out part.

    Parameters
    ----------
    tasks : sequence of str, optional
        Names from :data:`TASKS` (all of them by default) or :data:`EXTRA_TASKS`.
    corpora : path, optional
        The development corpora folder (:func:`default_corpora_dir`).
    gold_dir : path, optional
        The gold folder (:func:`default_gold_dir`).
    ev : EvalCorpus, optional
        An already imported corpus (saves the import when scoring several times).

    Returns
    -------
    DataFrame
        The long result table (:data:`RESULT_COLUMNS`); :func:`side_by_side` widens it.

    Raises
    ------
    ValueError
        For an unknown task name.
    """
    known = TASKS | EXTRA_TASKS
    names = list(tasks) if tasks else list(TASKS)
    unknown = [t for t in names if t not in known]
    if unknown:
        raise ValueError(f"unknown task(s) {unknown}; choose from {sorted(known)}")
    ev = ev if ev is not None else eval_corpus(corpora)
    gold = Path(gold_dir) if gold_dir is not None else default_gold_dir()
    frames = [known[name](ev, gold) for name in names]
    return pd.concat(frames, ignore_index=True)[RESULT_COLUMNS]
