"""Score the targets of a folder of written excerpts against their hand-written gold, as
``policy-lens evaluate`` scores the development corpora."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from analysis import load_corpus
from analysis.evaluation.targets import match_targets
from analysis.targets import KINDS, extract_targets


def score_gold(folder: Path, gold: pd.DataFrame, *,
               doc_ids: list[str] | None = None) -> tuple[pd.DataFrame, int]:
    """The gold rows of ``match_targets`` (with ``gold_kind``) and the number of predicted
    rows of the gold documents and of ``doc_ids`` (documents read that hold no gold number:
    every row found in them is an extra)."""
    gold = gold.reset_index(drop=True)
    gold.insert(0, "doc_id", gold["doc_key"])
    gold["part"] = folder.name
    corpus = load_corpus(folder).subset(sorted(set(gold["doc_id"]) | set(doc_ids or [])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pred = extract_targets(corpus)
    pred = pred[pred["kind"].isin(KINDS)]
    m = match_targets(pred, gold, {d: corpus.text(d) for d in corpus.doc_ids})
    g = m[m["side"] == "gold"].reset_index(drop=True)
    g["gold_kind"] = gold["kind"]
    no_gold = int((~pred["doc_id"].isin(set(gold["doc_id"]))).sum())
    return g, int((g["pred_index"] >= 0).sum() + (m["side"] == "pred").sum()) + no_gold
