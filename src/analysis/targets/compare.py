"""Comparison: the canonical indicators several documents share, side by side.

:func:`compare_targets` re-classifies every extracted number with the canonical-indicator
mapping (so an edited mapping takes effect without re-extracting), drops numbers stated
twice in one document, and keeps the indicators on which at least ``min_docs`` documents
set a target.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import pandas as pd

from analysis.targets.indicators import IndicatorMapping, load_indicator_mapping

__all__ = ["COMPARISON_COLUMNS", "compare_targets"]

PathLike = str | os.PathLike[str]

#: Columns of the ``target_comparison`` table, in order.
COMPARISON_COLUMNS: tuple[str, ...] = (
    "doc_id", "city", "doc_year", "era", "canonical_id", "canonical", "canonical_en",
    "kind", "indicator", "value", "value_low", "value_high", "unit", "comparator",
    "is_aspiration", "target_year", "baseline_value", "baseline_year", "is_province_level",
    "n_docs", "target_id",
)


def compare_targets(
    targets: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    mapping: PathLike | IndicatorMapping = "indicators.toml",
    min_docs: int = 2,
    include_province: bool = False,
    kinds: Sequence[str] = ("target", "achievement"),
) -> pd.DataFrame:
    """The canonical indicators several documents share, side by side.

    Parameters
    ----------
    targets : DataFrame
        From :func:`extract_targets` (or the ``targets`` table of the build).
    documents : DataFrame
        Document metadata with ``doc_id, city, year, era`` (``corpus.documents``).
    mapping : path or IndicatorMapping, keyword-only
        Canonical-indicator mapping; indicators are re-classified with it, so an edited
        mapping takes effect without re-extracting.
    min_docs : int, keyword-only
        Keep canonical indicators with a *target* in at least this many documents.
    include_province : bool, keyword-only
        Keep provincial targets quoted by a city document (off by default: cities compared).
    kinds : sequence of str, keyword-only
        Row kinds to keep; achievements show where a city stood.

    Returns
    -------
    DataFrame
        Columns :data:`COMPARISON_COLUMNS`; one row per extracted number, sorted by
        canonical indicator, era, city and target year.

    Examples
    --------
    >>> import analysis
    >>> from analysis.targets import extract_targets
    >>> c = analysis.load_corpus()
    >>> cmp = compare_targets(extract_targets(c), c.documents)
    >>> "rd_intensity" in set(cmp.canonical_id)
    True
    """
    missing = {"doc_id", "city", "year"} - set(documents.columns)
    if missing:
        raise ValueError(f"documents: missing column(s) {sorted(missing)}; pass "
                         "corpus.documents or the build's documents table.")
    need = {"doc_id", "indicator", "unit", "kind", "value", "is_province_level"}
    if not need <= set(targets.columns):
        raise ValueError(f"targets: missing column(s) {sorted(need - set(targets.columns))}; "
                         "pass the table made by extract_targets().")
    m = load_indicator_mapping(mapping)
    # only the columns the table shows (the sentences and notes are not copied, merged
    # and sorted with every row)
    keep = [c for c in targets.columns if c in COMPARISON_COLUMNS]
    t = targets.loc[targets["kind"].isin(list(kinds)), keep]
    if not include_province:
        t = t[~t["is_province_level"].astype(bool)]
    if t.empty:
        return pd.DataFrame({c: [] for c in COMPARISON_COLUMNS})
    # each distinct (indicator, unit) classified once: many documents state the same ones
    known: dict[tuple[str, str], tuple[str, str, str]] = {}
    triples = [known[k] if k in known else known.setdefault(k, m.classify(*k))
               for k in zip(t["indicator"].tolist(), t["unit"].tolist(), strict=True)]
    t["canonical_id"] = [x[0] for x in triples]
    t["canonical"] = [x[1] for x in triples]
    t["canonical_en"] = [x[2] for x in triples]
    t = t[t["canonical_id"] != ""]
    docs = documents[[c for c in ("doc_id", "city", "year", "era") if c in documents.columns]]
    docs = docs.rename(columns={"year": "doc_year"})
    if "era" not in docs.columns:
        docs = docs.assign(era="")
    t = t.merge(docs, on="doc_id", how="left")
    # the same number stated twice (an indicator table and the text, a summary and a
    # measure) is one observation; keep the row that says most (baseline, bound)
    t["_info"] = (t["baseline_value"].notna().astype(int) * 2
                  + (t["comparator"] != "=").astype(int))
    t = t.sort_values(["_info"], ascending=False, kind="mergesort").drop_duplicates(
        ["doc_id", "canonical_id", "kind", "value", "unit", "target_year"])
    tgt = t[t["kind"] == "target"]
    n_docs = tgt.groupby("canonical_id")["doc_id"].nunique()
    t["n_docs"] = t["canonical_id"].map(n_docs).fillna(0).astype(int)
    t = t[t["n_docs"] >= min_docs]
    t = t.sort_values(["canonical_id", "era", "city", "target_year", "kind", "value"],
                      kind="mergesort", na_position="last")
    out = t[[c for c in COMPARISON_COLUMNS if c in t.columns]].reset_index(drop=True)
    for c in COMPARISON_COLUMNS:
        if c not in out.columns:
            out[c] = ""
    return out[list(COMPARISON_COLUMNS)]
