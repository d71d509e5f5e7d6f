"""Shares of themes, instruments or tones per group of documents, with bootstrap intervals,
and a chi-square test of the group × category table with its caveat.

:func:`group_shares` works on any count table the build writes with one row per document
and category (``theme_counts``: ``clauses_with_theme`` of ``n_clauses``;
``instrument_counts``: ``clauses``; ``tone``: ``clauses_with_tone``; ``terms``: ``count``
of the document's words) and any grouping of the documents (a metadata column, a period
from :func:`analysis.stats.periods.add_period`, or ``year`` for trends). A group's value is
the mean of its documents' shares (each document one voice). The interval resamples:

- **documents** when the group has several (the spread between documents), or
- **clauses** of the single document when it has one (binomial resampling of its clauses:
  how stable that one document's share is, not how the group varies);

the ``resampled`` column says which. Seeded: the same ``seed`` gives the same intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

__all__ = ["SHARE_COLUMNS", "group_chi_square", "group_shares", "grouping_caveat"]

#: Columns of :func:`group_shares`.
SHARE_COLUMNS = (
    "doc_id", "by", "group", "key", "label_zh", "label_en", "value", "ci_low", "ci_high",
    "n_docs", "n_units", "resampled", "n_boot", "ci", "seed",
)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten")


def _with_group(counts: pd.DataFrame, documents: pd.DataFrame | None,
                by: str) -> pd.DataFrame:
    if documents is not None:
        if by not in documents.columns:
            raise ValueError(f"documents has no column {by!r}; group by one of "
                             f"{', '.join(map(str, documents.columns[:15]))} ...")
        meta = documents.drop_duplicates("doc_id").set_index("doc_id")[by]
        counts = counts.drop(columns=[by], errors="ignore")
        counts = counts.assign(**{by: counts["doc_id"].map(meta)})
    elif by not in counts.columns:
        raise ValueError(f"the count table has no column {by!r}: pass documents= (the "
                         "documents table) to group by a metadata column.")
    keep = counts[by].notna() & (counts[by].astype(str) != "")
    out = counts.loc[keep].copy()
    out["_group"] = out[by].astype(str)
    return out


def group_shares(
    counts: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str,
    key: str = "theme",
    count: str = "clauses_with_theme",
    total: str = "n_clauses",
    labels: tuple[str, str] | None = None,
    scale: float = 1.0,
    units: str = "clauses",
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 12,
) -> pd.DataFrame:
    """Each group's share of every category (theme, instrument, tone, term) with a
    bootstrap interval.

    Parameters
    ----------
    counts : DataFrame
        One row per document and category: ``doc_id``, ``key``, ``count`` and ``total``
        (e.g. the build's ``theme_counts``).
    documents : DataFrame, optional
        The documents table giving each document's ``by`` value (else ``counts`` must have
        the column).
    by : str, keyword-only
        The grouping column (``era``, ``level``, ``period``, ``year`` ...).
    key, count, total : str, keyword-only
        Column names: the category, its count and the document's total (clauses or words).
    labels : (str, str), optional, keyword-only
        Columns with the category's Chinese and English names (default: ``key + "_zh"`` and
        ``key + "_en"`` when present).
    scale : float, keyword-only
        Multiplies values (1e4 for counts per 10,000 words).
    units : {"clauses", "words"}, keyword-only
        What ``total`` counts: a single document's clauses are resampled (binomial draws of
        its clauses), its words as Poisson counts.
    n_boot, ci, seed : keyword-only
        Bootstrap replicates, interval level and random seed.

    Returns
    -------
    DataFrame
        Columns :data:`SHARE_COLUMNS`, one row per group and category (groups sorted,
        categories in table order): ``value`` is the mean of the group's document shares,
        ``ci_low``/``ci_high`` the percentile interval, ``resampled`` ``"documents"`` or
        ``"clauses"`` (one document: resampling its ``total`` units), ``doc_id`` the group's
        documents joined with ``;``.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "b", "c"], "theme": ["talent"] * 3,
    ...                        "clauses_with_theme": [2, 4, 1], "n_clauses": [10, 10, 10]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2020s", "2020s", "2010s"]})
    >>> s = group_shares(counts, docs, by="era", n_boot=200)
    >>> s[["group", "value", "n_docs", "resampled"]].values.tolist()
    [['2010s', 0.1, 1, 'clauses'], ['2020s', 0.3, 2, 'documents']]
    >>> bool(((s["ci_low"] <= s["value"]) & (s["value"] <= s["ci_high"])).all())
    True
    """
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci}: give a level between 0 and 1 (e.g. 0.95).")
    if n_boot < 1:
        raise ValueError(f"n_boot={n_boot}: give at least one replicate (1000 is usual).")
    if units not in ("clauses", "words"):
        raise ValueError(f"units={units!r}: use 'clauses' or 'words'.")
    missing = [c for c in ("doc_id", key, count, total) if c not in counts.columns]
    if missing:
        raise ValueError(f"the count table lacks column(s) {', '.join(missing)}; it has "
                         f"{', '.join(map(str, counts.columns))}.")
    zh, en = labels or (f"{key}_zh", f"{key}_en")
    t = _with_group(counts, documents, by)
    keys = list(dict.fromkeys(counts[key]))
    names = counts.drop_duplicates(key).set_index(key)
    label_zh = names[zh] if zh in names.columns else pd.Series(keys, index=keys)
    label_en = names[en] if en in names.columns else label_zh
    docs = list(dict.fromkeys(t["doc_id"]))
    num = t.pivot_table(index="doc_id", columns=key, values=count, aggfunc="sum",
                        fill_value=0).reindex(index=docs, columns=keys, fill_value=0)
    den = t.groupby("doc_id", sort=False)[total].max().reindex(docs).fillna(0)
    num_a = num.to_numpy(np.float64)
    den_a = den.to_numpy(np.float64)
    share = np.divide(num_a, den_a[:, None], out=np.zeros_like(num_a),
                      where=den_a[:, None] > 0)
    group_of = t.drop_duplicates("doc_id").set_index("doc_id")["_group"].reindex(docs)
    rng = np.random.default_rng(seed)
    alpha = (1 - ci) / 2
    rows = []
    for g in sorted(set(group_of)):  # fixed order: the random stream is reproducible
        idx = np.flatnonzero(group_of.to_numpy() == g)
        n = len(idx)
        value = share[idx].mean(axis=0)
        if n > 1:
            w = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot) / n
            boot = w @ share[idx]
            how = "documents"
        else:
            size = int(den_a[idx[0]])
            if size > 0 and units == "clauses":
                p = np.clip(share[idx[0]], 0.0, 1.0)
                boot = rng.binomial(size, p, size=(n_boot, len(keys))) / size
            elif size > 0:
                boot = rng.poisson(num_a[idx[0]], size=(n_boot, len(keys))) / size
            else:
                boot = np.zeros((n_boot, len(keys)))
            how = units
        lo, hi = np.quantile(boot, [alpha, 1 - alpha], axis=0)
        ids = ";".join(docs[i] for i in idx)
        for j, k in enumerate(keys):
            rows.append({"doc_id": ids, "by": by, "group": g, "key": k,
                         "label_zh": str(label_zh.get(k, k)), "label_en": str(label_en.get(k, k)),
                         "value": round(float(value[j]) * scale, 6),
                         "ci_low": round(float(min(lo[j], value[j])) * scale, 6),
                         "ci_high": round(float(max(hi[j], value[j])) * scale, 6),
                         "n_docs": n, "n_units": int(den_a[idx].sum()), "resampled": how,
                         "n_boot": n_boot, "ci": ci, "seed": seed})
    return pd.DataFrame(rows, columns=list(SHARE_COLUMNS))


def grouping_caveat(documents: pd.DataFrame, *, by: str) -> str:
    """The caveat of a comparison grouped ``by`` a column, computed from the documents:
    how many there are, which groups are a single document, how unequal the groups are.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "level": ["c", "c", "c", "p"]})
    >>> print(grouping_caveat(docs, by="level")[:79])
    Caveat: four documents are few. Group p (d) is a single document: its interval
    """
    d = documents.loc[documents[by].notna() & (documents[by].astype(str) != "")]
    n = d["doc_id"].nunique()
    count = _NUMBERS[n] if n < len(_NUMBERS) else f"{n:,}"
    parts = [f"Caveat: {count} documents are few." if n < 30 else f"Caveat: {count} documents."]
    sizes = d.groupby(d[by].astype(str))["doc_id"].agg(list)
    single = [(g, ids[0]) for g, ids in sizes.items() if len(ids) == 1]
    if single:
        said = ", ".join(f"{g} ({i})" for g, i in single[:6])
        more = f" and {len(single) - 6} more" if len(single) > 6 else ""
        noun = "Group" if len(single) == 1 else "Groups"
        verb = "is a single document" if len(single) == 1 else "are single documents"
        its = "its interval resamples its clauses and shows how stable that document is" \
            if len(single) == 1 else "their intervals resample clauses and show how stable " \
            "each document is"
        parts.append(f"{noun} {said}{more} {verb}: {its}, not how the group varies.")
    if len(sizes) > 1:
        big, small = sizes.map(len).max(), sizes.map(len).min()
        if small > 1 and big >= 5 * small:
            parts.append(f"Group sizes are unequal ({small} to {big} documents).")
    parts.append("Differences between groups may be confounded with document type, author "
                 "and length.")
    return " ".join(parts)


def group_chi_square(
    counts: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str,
    key: str = "theme",
    count: str = "hits",
) -> pd.DataFrame:
    """A chi-square test of the group × category table of counts (theme hits per group),
    with adjusted standardised residuals and the caveat computed from the documents.

    Returns
    -------
    DataFrame
        One row per group and category: ``doc_id`` (the group's documents), ``by, group,
        key, observed, expected, residual, statistic, dof, pvalue, cramers_v,
        share_expected_below_5, caveat``. Categories with no count are left out.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "theme": ["x", "y"] * 2,
    ...                        "hits": [30, 10, 10, 30]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "era": ["2010s", "2020s"]})
    >>> r = group_chi_square(counts, docs, by="era")
    >>> round(float(r["statistic"].iloc[0]), 2), int(r["dof"].iloc[0])
    (20.0, 1)
    """
    t = _with_group(counts, documents, by)
    table = t.pivot_table(index="_group", columns=key, values=count, aggfunc="sum",
                          fill_value=0)
    table = table.loc[:, table.sum(axis=0) > 0].sort_index()
    if table.shape[0] < 2 or table.shape[1] < 2:
        raise ValueError(f"group_chi_square: by={by!r} gives {table.shape[0]} group(s) and "
                         f"{table.shape[1]} categor(ies) with counts; the test needs at least "
                         "two of each.")
    obs = table.to_numpy(np.float64)
    stat, p, dof, exp = chi2_contingency(obs, correction=False)
    n = obs.sum()
    rows_p = obs.sum(axis=1, keepdims=True) / n
    cols_p = obs.sum(axis=0, keepdims=True) / n
    resid = (obs - exp) / np.sqrt(exp * (1 - rows_p) * (1 - cols_p))
    v = float(np.sqrt(stat / (n * (min(obs.shape) - 1))))
    docs = documents if documents is not None else t[["doc_id", by]].drop_duplicates()
    caveat = grouping_caveat(docs.loc[docs["doc_id"].isin(t["doc_id"])], by=by)
    ids = t.groupby("_group")["doc_id"].agg(lambda s: ";".join(dict.fromkeys(s)))
    out = pd.DataFrame({
        "doc_id": np.repeat(ids.reindex(table.index).to_numpy(), table.shape[1]),
        "by": by,
        "group": np.repeat(table.index.to_numpy(), table.shape[1]),
        "key": np.tile(table.columns.to_numpy(), table.shape[0]),
        "observed": obs.ravel().astype(np.int64),
        "expected": np.round(exp.ravel(), 6),
        "residual": np.round(resid.ravel(), 6),
    })
    out["statistic"] = round(float(stat), 6)
    out["dof"] = int(dof)
    out["pvalue"] = float(p)
    out["cramers_v"] = round(v, 6)
    out["share_expected_below_5"] = round(float((exp < 5).mean()), 6)
    out["caveat"] = caveat
    return out
