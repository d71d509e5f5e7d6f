"""Scores and the one table shape every evaluation task returns.

A task returns a tidy table with one row per ``task, item, metric, part``: ``value`` is the
score (a share between 0 and 1) and ``n`` the number of gold units it was computed on
(documents, headings, numbers or clauses; ``unit`` says which).
:func:`side_by_side` puts the development and held-out parts in two columns.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["RESULT_COLUMNS", "accuracy_rows", "prf", "prf_rows", "side_by_side"]

#: the columns of every task's result, in order
RESULT_COLUMNS: list[str] = ["task", "item", "metric", "part", "value", "n", "unit"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts of true positives, false positives and false
    negatives (0.0 where a denominator is zero).

    Examples
    --------
    >>> prf(9, 1, 3)
    (0.9, 0.75, 0.8181818181818182)
    >>> prf(0, 0, 0)
    (0.0, 0.0, 0.0)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def prf_rows(task: str, item: str, part: str, *, tp: int, fp: int, fn: int,
             unit: str) -> list[dict[str, object]]:
    """The three result rows (precision, recall, f1) of one task item on one part.

    ``n`` is the number of gold units (``tp + fn``).

    Examples
    --------
    >>> [(r["metric"], round(r["value"], 2)) for r in
    ...  prf_rows("outline", "headings", "dev", tp=9, fp=1, fn=3, unit="heading")]
    [('precision', 0.9), ('recall', 0.75), ('f1', 0.82)]
    """
    values = prf(tp, fp, fn)
    return [{"task": task, "item": item, "metric": m, "part": part, "value": v,
             "n": tp + fn, "unit": unit}
            for m, v in zip(("precision", "recall", "f1"), values, strict=True)]


def accuracy_rows(task: str, part: str, hits: dict[str, list[bool]], *, unit: str,
                  metric: str = "accuracy") -> list[dict[str, object]]:
    """One row per item: the share of ``True`` among its hits.

    Examples
    --------
    >>> [(r["item"], r["value"], r["n"]) for r in
    ...  accuracy_rows("metadata", "dev", {"title": [True, False]}, unit="document")]
    [('title', 0.5, 2)]
    """
    return [{"task": task, "item": item, "metric": metric, "part": part,
             "value": (sum(h) / len(h)) if h else 0.0, "n": len(h), "unit": unit}
            for item, h in hits.items()]


def side_by_side(results: pd.DataFrame) -> pd.DataFrame:
    """Development and held-out scores in two columns, one row per task × item × metric,
    with the number of gold units of each part and their difference.

    Examples
    --------
    >>> long = pd.DataFrame(
    ...     prf_rows("t", "x", "dev", tp=9, fp=1, fn=0, unit="u")
    ...     + prf_rows("t", "x", "heldout", tp=8, fp=2, fn=0, unit="u"))
    >>> print(side_by_side(long)[["metric", "dev", "heldout"]].round(2).to_string(index=False))
       metric  dev  heldout
    precision 0.90     0.80
       recall 1.00     1.00
           f1 0.95     0.89
    """
    keys = ["task", "item", "metric"]
    order = results[keys].drop_duplicates().reset_index(drop=True)
    wide = order.copy()
    for part in ("dev", "heldout"):
        sub = results[results["part"] == part][[*keys, "value", "n"]]
        sub = sub.rename(columns={"value": part, "n": f"n_{part}"})
        wide = wide.merge(sub, on=keys, how="left")
    wide["heldout_minus_dev"] = wide["heldout"] - wide["dev"]
    return wide
