"""Trends over time: theme, instrument, tone and keyword shares per year (or period) with
bootstrap intervals, the number of documents per year, and target indicators over time.

Every trend is :func:`analysis.stats.shares.group_shares` with the time column as the
grouping, once per series (all documents, or each group of ``by``); a ``series`` column
names it and ``n_docs`` says how many documents stand behind each point.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.stats.shares import group_shares
from analysis.targets import load_indicator_mapping

__all__ = ["TREND_COLUMNS", "keyword_trend", "share_trend", "target_trend", "year_counts"]

#: Columns of :func:`share_trend` and :func:`keyword_trend`.
TREND_COLUMNS = (
    "doc_id", "series", "time", "key", "label_zh", "label_en", "value", "ci_low", "ci_high",
    "n_docs", "n_units", "resampled", "n_boot", "ci", "seed",
)
#: Columns of :func:`target_trend`.
TARGET_TREND_COLUMNS = (
    "doc_id", "series", "year", "canonical_id", "canonical", "canonical_en", "kind", "unit",
    "value", "n_values", "n_docs",
)


def _series(documents: pd.DataFrame, by: str | None) -> list[tuple[str, pd.DataFrame]]:
    if by is None:
        return [("all", documents)]
    if by not in documents.columns:
        raise ValueError(f"documents has no column {by!r}; group by one of "
                         f"{', '.join(map(str, documents.columns[:15]))} ...")
    d = documents.loc[documents[by].notna() & (documents[by].astype(str) != "")]
    return [(str(g), part) for g, part in d.groupby(d[by].astype(str), sort=True)]


def year_counts(documents: pd.DataFrame, *, time: str = "year",
                by: str | None = None) -> pd.DataFrame:
    """How many documents each year (or period) has, per series: ``series, time, n_docs,
    doc_id`` (the documents joined with ``;``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abc"), "year": [2012, 2012, 2020]})
    >>> year_counts(docs)[["time", "n_docs"]].values.tolist()
    [['2012', 2], ['2020', 1]]
    """
    if time not in documents.columns:
        raise ValueError(f"documents has no column {time!r} to order documents in time.")
    rows = []
    for name, part in _series(documents, by):
        part = part.loc[part[time].notna()]
        for t, docs in part.groupby(part[time].astype(str), sort=True):
            rows.append({"series": name, "time": t, "n_docs": len(docs),
                         "doc_id": ";".join(docs["doc_id"].astype(str))})
    return pd.DataFrame(rows, columns=["series", "time", "n_docs", "doc_id"])


def share_trend(
    counts: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    time: str = "year",
    by: str | None = None,
    key: str = "theme",
    count: str = "clauses_with_theme",
    total: str = "n_clauses",
    labels: tuple[str, str] | None = None,
    units: str = "clauses",
    scale: float = 1.0,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 12,
) -> pd.DataFrame:
    """Shares per year (or period) with bootstrap intervals, one series per group of ``by``.

    Parameters as :func:`analysis.stats.shares.group_shares`; ``time`` is the column giving
    the x axis (``year``, or ``period`` from :func:`analysis.stats.periods.add_period`).

    Returns
    -------
    DataFrame
        Columns :data:`TREND_COLUMNS`, sorted by series, time and category order.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": list("abc"), "theme": ["talent"] * 3,
    ...                        "clauses_with_theme": [2, 4, 1], "n_clauses": [10] * 3})
    >>> docs = pd.DataFrame({"doc_id": list("abc"), "year": [2020, 2020, 2012]})
    >>> share_trend(counts, docs, n_boot=100)[["time", "value", "resampled"]].values.tolist()
    [['2012', 0.1, 'clauses'], ['2020', 0.3, 'documents']]
    """
    if time not in documents.columns:
        raise ValueError(f"documents has no column {time!r} to order documents in time.")
    parts = []
    for name, part in _series(documents, by):
        d = part.loc[part[time].notna(), ["doc_id", time]].copy()
        d[time] = d[time].astype(str)
        c = counts.loc[counts["doc_id"].isin(d["doc_id"])]
        if c.empty:
            continue
        s = group_shares(c, d, by=time, key=key, count=count, total=total, labels=labels,
                         units=units,
                         scale=scale, n_boot=n_boot, ci=ci, seed=seed)
        s = s.rename(columns={"group": "time"}).drop(columns=["by"])
        s.insert(1, "series", name)
        parts.append(s)
    if not parts:
        return pd.DataFrame(columns=list(TREND_COLUMNS))
    return pd.concat(parts, ignore_index=True)[list(TREND_COLUMNS)]


def keyword_trend(
    terms: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    keywords: list[str] | None = None,
    n: int = 6,
    time: str = "year",
    by: str | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 12,
) -> pd.DataFrame:
    """Keyword frequency per 10,000 words per year (or period), with bootstrap intervals.

    Parameters
    ----------
    terms : DataFrame
        The build's ``terms`` table (``doc_id, term, count``).
    documents : DataFrame
        Documents with ``n_words`` and the ``time`` column.
    keywords : list of str, optional, keyword-only
        The terms to follow (default: the ``n`` most frequent over the corpus).

    Examples
    --------
    >>> terms = pd.DataFrame({"doc_id": ["a", "b"], "term": ["人才", "人才"], "count": [2, 6]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "year": [2012, 2020], "n_words": [100, 100]})
    >>> keyword_trend(terms, docs, n_boot=50)[["time", "value"]].values.tolist()
    [['2012', 200.0], ['2020', 600.0]]
    """
    if "n_words" not in documents.columns:
        raise ValueError("documents has no 'n_words' column (the build's documents table has).")
    if keywords is None:
        keywords = (terms.groupby("term", sort=False)["count"].sum()
                    .sort_values(ascending=False, kind="stable").head(n).index.tolist())
    ids = documents["doc_id"].tolist()
    full = pd.MultiIndex.from_product([ids, keywords], names=["doc_id", "term"])
    counts = (terms.loc[terms["term"].isin(keywords)].groupby(["doc_id", "term"])["count"]
              .sum().reindex(full, fill_value=0).reset_index())
    counts["n_words"] = counts["doc_id"].map(documents.set_index("doc_id")["n_words"])
    counts["n_words"] = counts["n_words"].fillna(0).astype(np.int64)
    return share_trend(counts, documents, time=time, by=by, key="term", count="count",
                       total="n_words", units="words", scale=1e4, n_boot=n_boot, ci=ci,
                       seed=seed)


def target_trend(
    targets: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str | None = None,
    n: int = 6,
) -> pd.DataFrame:
    """Canonical target indicators over time: the median value per document year,
    indicator, kind (target or achievement) and series, in the indicator's most common unit.

    Parameters
    ----------
    targets : DataFrame
        The build's ``targets`` table (``canonical_id, canonical, kind, value, unit``).
    documents : DataFrame
        Documents with ``year`` (and the ``by`` column).
    n : int, keyword-only
        The indicators set by the most documents.

    Returns
    -------
    DataFrame
        Columns ``doc_id, series, year, canonical_id, canonical, canonical_en, kind, unit,
        value, n_values, n_docs``.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "canonical_id": ["rd", "rd"],
    ...                   "canonical": ["研发强度"] * 2, "kind": ["target", "achievement"],
    ...                   "value": [2.5, 2.1], "unit": ["%", "%"]})
    >>> d = pd.DataFrame({"doc_id": ["a", "b"], "year": [2016, 2021]})
    >>> target_trend(t, d)[["year", "kind", "value"]].values.tolist()
    [[2016, 'target', 2.5], [2021, 'achievement', 2.1]]
    """
    cols = list(TARGET_TREND_COLUMNS)
    t = targets.loc[targets["canonical_id"].fillna("").astype(str) != ""]
    t = t.loc[t["kind"].isin(["target", "achievement"]) & t["value"].notna()]
    if t.empty:
        return pd.DataFrame(columns=cols)
    unit = t.groupby("canonical_id")["unit"].agg(lambda s: s.fillna("").value_counts().index[0])
    t = t.loc[t["unit"].fillna("") == t["canonical_id"].map(unit)]
    top = (t.groupby("canonical_id")["doc_id"].nunique().sort_values(ascending=False,
                                                                   kind="stable").head(n))
    t = t.loc[t["canonical_id"].isin(top.index)]
    english = {i.id: i.en for i in load_indicator_mapping().indicators}
    rows = []
    for name, part in _series(documents, by):
        year = part.set_index("doc_id")["year"]
        x = t.loc[t["doc_id"].isin(year.index)].copy()
        x["year"] = x["doc_id"].map(year)
        x = x.loc[x["year"].notna()]
        for (cid, kind, yr), g in x.groupby(["canonical_id", "kind", "year"], sort=True):
            rows.append({"doc_id": ";".join(dict.fromkeys(g["doc_id"])), "series": name,
                         "year": int(yr), "canonical_id": cid,
                         "canonical": g["canonical"].iloc[0],
                         "canonical_en": english.get(cid, cid),
                         "kind": kind, "unit": unit[cid],
                         "value": round(float(g["value"].median()), 6),
                         "n_values": len(g), "n_docs": g["doc_id"].nunique()})
    out = pd.DataFrame(rows, columns=cols)
    order = {c: i for i, c in enumerate(top.index)}
    return out.sort_values(["canonical_id", "series", "year", "kind"],
                           key=lambda s: s.map(order) if s.name == "canonical_id" else s,
                           kind="stable").reset_index(drop=True)
