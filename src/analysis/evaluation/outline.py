"""Score the outline parser (the clause table's headings) against hand-read gold.

Gold: ``outline_gold.csv`` (held-out documents) and ``outline_dev_gold.csv`` (development
documents) in the gold folder, one row per heading: ``doc_key, level, order,
parent_order, label, heading, line_start, notes``. Level 1 is the top level of the policy
text's own outline (the attached document's outline when a notice wraps one); a document
without an outline has one ``level=0`` row. Level 2 is given for some documents only.

What the parser is credited with, per document: the ``heading`` and ``clause`` rows of
its clause table (not enumerations, tables, unlabelled text, front or back matter, nor a
heading repeated at a page break) at ``level`` 1 and 2, in the policy text proper: the
rows whose ``part`` is ``attachment`` (a notice wraps the document) or ``body``, not a
wrapping notice nor an appendix.

How a heading is compared (:func:`heading_key`, both sides alike):

- the label's number only: Unicode NFKC, spaces, brackets and the trailing ``、.．:``
  dropped (``（一）`` and ``(一)`` match, ``1.`` and ``1`` match, ``第一章`` stays);
- the heading up to its first sentence end (。；：！？), then its first
  :data:`HEADING_CHARS` characters after NFKC, with spaces and punctuation removed. A
  long heading may be cut at different places by a reader and by the parser (a run-in
  heading ``(一)加强领导。要求…``, a heading glued to its text); its first characters
  still identify it.

Scores, per part:

- ``top_level_exact``: the share of documents whose sequence of level-1 keys is exactly
  the gold sequence (a document without an outline is right when nothing is found);
- ``level1`` and ``level2`` precision, recall and F1 over headings (multiset matching of
  keys within each document); ``level2`` only on documents whose gold has level 2.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.evaluation.documents import EvalCorpus
from analysis.evaluation.gold import read_gold
from analysis.evaluation.metrics import RESULT_COLUMNS, accuracy_rows, prf_rows
from analysis.structure import StructureWarning, clause_table

__all__ = ["HEADING_CHARS", "evaluate_outline", "heading_key", "outline_misses",
           "predicted_outline"]

#: how many leading characters of a heading identify it
HEADING_CHARS = 8

_LABEL_DROP = re.compile(r"[\s()（）、.．:：]")
_HEAD_DROP = re.compile(r"[\s\W_]")
_SENTENCE_END = re.compile(r"[。；：！？;:!?]")


def heading_key(label: object, heading: object) -> tuple[str, str]:
    """The comparable form of one heading: its label's number and its first characters.

    Examples
    --------
    >>> heading_key("（一）", "加强 组织领导。各地要统筹")
    ('一', '加强组织领导')
    >>> heading_key("1．", "总体 要求") == heading_key("1", "总体要求")
    True
    """
    lab = unicodedata.normalize("NFKC", "" if label is None else str(label))
    head = unicodedata.normalize("NFKC", "" if heading is None else str(heading))
    head = _SENTENCE_END.split(head, maxsplit=1)[0]
    return _LABEL_DROP.sub("", lab), _HEAD_DROP.sub("", head)[:HEADING_CHARS]


def predicted_outline(clauses: pd.DataFrame) -> pd.DataFrame:
    """The headings the parser gives at levels 1 and 2, as the scorer reads them.

    Returns
    -------
    DataFrame
        ``doc_id, level, label, heading`` in clause-table order; only the policy text
        proper (``part`` ``attachment`` or ``body``: not a wrapping notice, nor an
        appendix).

    Examples
    --------
    >>> from analysis.structure import parse_clauses
    >>> c = parse_clauses("一、总则\\n(一)目标。内容。\\n二、任务\\n内容。", doc_id="d")
    >>> predicted_outline(c)[["level", "label", "heading"]].values.tolist()
    [[1, '一、', '总则'], [2, '(一)', '目标'], [1, '二、', '任务']]
    """
    keep = (clauses["kind"].isin(["heading", "clause"])
            & clauses["level"].isin([1, 2])
            & ~clauses["clause_id"].str.contains(r"/repeat-\d+$", regex=True))
    if "part" in clauses.columns:
        keep &= clauses["part"].isin(["attachment", "body"])
    out = clauses.loc[keep, ["doc_id", "level", "label", "heading"]]
    return out.reset_index(drop=True)


def _compare(ev: EvalCorpus, gold: pd.DataFrame) -> pd.DataFrame:
    """One row per gold document: part, the gold and found key lists at levels 1 and 2."""
    keys = list(dict.fromkeys(gold["doc_key"]))
    ids = {k: ev.doc_id(k) for k in keys}
    with warnings.catch_warnings():
        # a document without an outline is scored, not reported
        warnings.simplefilter("ignore", StructureWarning)
        table = clause_table(ev.corpus, docs=sorted(set(ids.values())))
    found = predicted_outline(table)
    by_doc = {d: sub for d, sub in found.groupby("doc_id", sort=False)}
    rows = []
    for key in keys:
        g = gold[gold["doc_key"] == key]
        f = by_doc.get(ids[key], found.iloc[0:0])
        row = {"doc_key": key, "part": g["part"].iloc[0], "has_level2": (g["level"] == "2").any()}
        for lvl in (1, 2):
            gl = g[g["level"] == str(lvl)]
            fl = f[f["level"] == lvl]
            row[f"gold{lvl}"] = [heading_key(a, b) for a, b in zip(gl["label"], gl["heading"],
                                                                   strict=True)]
            row[f"found{lvl}"] = [heading_key(a, b) for a, b in zip(fl["label"], fl["heading"],
                                                                    strict=True)]
        rows.append(row)
    return pd.DataFrame(rows)


def _counts(gold: list[tuple[str, str]], found: list[tuple[str, str]]) -> tuple[int, int, int]:
    tp = sum((Counter(gold) & Counter(found)).values())
    return tp, len(found) - tp, len(gold) - tp


def outline_misses(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Every document whose top level is not exactly right: ``doc_key, part, gold, found``
    (the level-1 keys, ``label|heading`` joined with ``"; "``)."""
    table = _compare(ev, read_gold(gold_dir, "outline", ev))
    bad = table[[g != f for g, f in zip(table["gold1"], table["found1"], strict=True)]]

    def show(keys: list[tuple[str, str]]) -> str:
        return "; ".join(f"{a}|{b}" for a, b in keys)

    return pd.DataFrame({"doc_key": bad["doc_key"], "part": bad["part"],
                         "gold": bad["gold1"].map(show), "found": bad["found1"].map(show)}
                        ).reset_index(drop=True)


def evaluate_outline(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Top level exactly right (share of documents) and heading precision, recall and F1
    at levels 1 and 2, per part.

    Returns
    -------
    DataFrame
        :data:`~analysis.evaluation.metrics.RESULT_COLUMNS`; items ``top_level_exact``,
        ``level1``, ``level2``.
    """
    table = _compare(ev, read_gold(gold_dir, "outline", ev))
    rows: list[dict[str, object]] = []
    for part, sub in table.groupby("part", sort=True):
        exact = [g == f for g, f in zip(sub["gold1"], sub["found1"], strict=True)]
        rows += accuracy_rows("outline", str(part), {"top_level_exact": exact},
                              unit="document")
        for lvl in (1, 2):
            docs = sub if lvl == 1 else sub[sub["has_level2"]]
            tp = fp = fn = 0
            for g, f in zip(docs[f"gold{lvl}"], docs[f"found{lvl}"], strict=True):
                a, b, c = _counts(g, f)
                tp, fp, fn = tp + a, fp + b, fn + c
            rows += prf_rows("outline", f"level{lvl}", str(part), tp=tp, fp=fp, fn=fn,
                             unit="heading")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
