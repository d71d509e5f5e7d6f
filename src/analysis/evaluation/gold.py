"""Read the hand-read gold files of an evaluation task.

Each task has up to two gold files in the gold folder: ``<task>_gold.csv`` for held-out
documents and ``<task>_dev_gold.csv`` for development documents. Both have a ``doc_key``
column; the part of each row comes from the split, not from the file name, so a row can
never be scored in the wrong part.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import CorpusError
from analysis.evaluation.documents import EvalCorpus

__all__ = ["gold_files", "read_gold"]


def gold_files(gold_dir: Path, task: str) -> list[Path]:
    """The gold files of one task that exist, held-out first.

    Examples
    --------
    >>> from analysis.evaluation.documents import default_gold_dir
    >>> [p.name for p in gold_files(default_gold_dir(), "outline")][:1]
    ['outline_gold.csv']
    """
    names = (f"{task}_gold.csv", f"{task}_dev_gold.csv")
    return [Path(gold_dir) / n for n in names if (Path(gold_dir) / n).is_file()]


def read_gold(gold_dir: Path, task: str, ev: EvalCorpus) -> pd.DataFrame:
    """All gold rows of one task with a ``part`` column taken from the split.

    Raises
    ------
    CorpusError
        If there is no gold file, or a ``doc_key`` is not in the split.
    """
    files = gold_files(gold_dir, task)
    if not files:
        raise CorpusError(f"{gold_dir}: no {task}_gold.csv or {task}_dev_gold.csv")
    frames = []
    for path in files:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "doc_key" not in df.columns:
            raise CorpusError(f"{path}: no 'doc_key' column")
        unknown = sorted(set(df["doc_key"]) - set(ev.keys["doc_key"]))
        if unknown:
            raise CorpusError(f"{path}: doc_key(s) not in the split: {unknown[:5]}")
        frames.append(df)
    gold = pd.concat(frames, ignore_index=True)
    parts = ev.keys.set_index("doc_key")["part"]
    gold.insert(1, "part", gold["doc_key"].map(parts))
    return gold
