"""Groups of documents for comparisons: any metadata column, and years binned into periods.

A comparison groups documents ``by`` a metadata column (``city``, ``province``, ``level``,
``doc_type``, ``era`` or a column of your own ``metadata.csv``) or by a time period made from
``year``: cut points (``"2012,2016,2021"``: 2012–2015, 2016–2020, 2021–) or China's
five-year plans (``"fyp"``: 十二五 2011–2015, 十三五 2016–2020 ...; the periods are data in
``resources/five_year_plans.csv``, a file of your own with the same columns replaces them).
Period labels start with their first year, so sorting them as text puts them in time order.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.resources import PathLike, resource_text

__all__ = [
    "GROUP_CANDIDATES",
    "PERIOD_COLUMN",
    "add_period",
    "choose_grouping",
    "five_year_plans",
    "group_sizes",
    "parse_time_bins",
    "period_labels",
]

#: The column :func:`add_period` writes.
PERIOD_COLUMN = "period"
#: Metadata columns tried, in order, when no grouping is given (:func:`choose_grouping`).
GROUP_CANDIDATES = ("era", "sheet", "level", "province", "city", "doc_type")
_FYP = ("fyp", "five-year-plan", "five_year_plan", "五年规划")


def five_year_plans(path: PathLike = "five_year_plans.csv") -> pd.DataFrame:
    """The five-year plan periods: ``name_zh, name_en, start, end`` (years inclusive).

    Parameters
    ----------
    path : path, optional
        A CSV of your own with the same columns (default: the packaged table).

    Examples
    --------
    >>> plans = five_year_plans()
    >>> plans.set_index("name_zh").loc["十四五", ["start", "end"]].tolist()
    [2021, 2025]
    """
    lines = [x for x in resource_text(path).splitlines() if not x.startswith("#")]
    table = pd.read_csv(io.StringIO("\n".join(lines)), dtype={"name_zh": str, "name_en": str})
    missing = [c for c in ("name_zh", "name_en", "start", "end") if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: five-year plan table lacks column(s) {', '.join(missing)}; "
                         "give name_zh, name_en, start, end (years inclusive).")
    bad = table.loc[table["start"] > table["end"], "name_zh"].tolist()
    if bad:
        raise ValueError(f"{path}: period(s) {', '.join(bad)} end before they start.")
    return table.sort_values("start", kind="stable").reset_index(drop=True)


def parse_time_bins(spec: str | Sequence[int] | None) -> str | tuple[int, ...] | None:
    """Read a ``--time-bins`` value: ``"fyp"`` (five-year plans), cut points
    (``"2012,2016,2021"`` or a list of years), or None (no binning).

    Examples
    --------
    >>> parse_time_bins("2016, 2012,2021")
    (2012, 2016, 2021)
    >>> parse_time_bins("FYP")
    'fyp'
    """
    if spec is None:
        return None
    if isinstance(spec, str):
        text = spec.strip()
        if text.lower() in _FYP:
            return "fyp"
        if text.lower() in ("", "year", "none"):
            return None
        parts = [p.strip() for p in text.split(",") if p.strip()]
        try:
            cuts = [int(p) for p in parts]
        except ValueError:
            raise ValueError(f"time bins {spec!r}: give 'fyp' (five-year plans) or cut years "
                             "such as '2012,2016,2021'.") from None
    else:
        cuts = [int(x) for x in spec]
    if not cuts:
        raise ValueError(f"time bins {spec!r}: give at least one cut year.")
    return tuple(sorted(set(cuts)))


def _span(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}–{b}"


def period_labels(
    years: Sequence[Any] | pd.Series,
    *,
    bins: str | Sequence[int] = "fyp",
    english: bool = False,
    plans: pd.DataFrame | None = None,
) -> pd.Series:
    """The period of each year: a five-year plan (``"2021–2025 十四五"``) or a bin between
    cut points (``"2016–2020"``); missing years give a missing label.

    Parameters
    ----------
    years : sequence or Series
        Years (integers; missing values allowed).
    bins : "fyp" or sequence of int or str, keyword-only
        Five-year plans, or cut years: each cut starts a period (``2012,2016`` gives
        ``…–2011``, ``2012–2015``, ``2016–…``; the open ends are labelled with the
        first and last year present).
    english : bool, keyword-only
        English plan names (``"2021–2025 14th FYP"``).
    plans : DataFrame, optional, keyword-only
        Five-year plans of your own (:func:`five_year_plans`).

    Examples
    --------
    >>> period_labels([2012, 2016, 2023], bins="fyp").tolist()
    ['2011–2015 十二五', '2016–2020 十三五', '2021–2025 十四五']
    >>> period_labels([2010, 2012, 2016, 2023], bins="2012,2016").tolist()
    ['2010–2011', '2012–2015', '2016–2023', '2016–2023']
    """
    y = pd.to_numeric(pd.Series(years), errors="coerce")
    rule = parse_time_bins(bins) if isinstance(bins, str) else tuple(sorted(set(bins)))
    out = pd.Series([None] * len(y), index=y.index, dtype=object)
    known = y.notna()
    if not known.any():
        return out
    yi = y[known].astype(int)
    if rule == "fyp":
        p = five_year_plans() if plans is None else plans
        name = p["name_en"] if english else p["name_zh"]
        labels = [f"{_span(int(s), int(e))} {n}" for s, e, n in zip(p["start"], p["end"], name,
                                                                    strict=True)]
        idx = np.searchsorted(p["start"].to_numpy(), yi.to_numpy(), side="right") - 1
        ok = (idx >= 0) & (yi.to_numpy() <= p["end"].to_numpy()[np.clip(idx, 0, None)])
        vals = [labels[i] if good else str(v) for i, good, v in zip(idx, ok, yi, strict=True)]
    elif rule is None:
        vals = [str(v) for v in yi]
    else:
        cuts = np.asarray(rule)
        lo_year, hi_year = int(yi.min()), int(yi.max())
        edges = [min(lo_year, int(cuts[0])), *cuts.tolist(), max(hi_year, int(cuts[-1])) + 1]
        idx = np.searchsorted(cuts, yi.to_numpy(), side="right")
        names = []
        for i in range(len(edges) - 1):
            start, end = edges[i], edges[i + 1] - 1
            if i == len(edges) - 2:
                end = max(hi_year, start)
            names.append(_span(start, end))
        vals = [names[i] for i in idx]
    out[known] = vals
    return out


def add_period(
    documents: pd.DataFrame,
    *,
    bins: str | Sequence[int] = "fyp",
    column: str = PERIOD_COLUMN,
    english: bool = False,
) -> pd.DataFrame:
    """A copy of the documents table with a period column made from ``year``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "year": [2014, 2022]})
    >>> add_period(docs)["period"].tolist()
    ['2011–2015 十二五', '2021–2025 十四五']
    """
    if "year" not in documents.columns:
        raise ValueError("documents has no 'year' column: periods are made from each "
                         "document's year (add it to metadata.csv).")
    out = documents.copy()
    out[column] = period_labels(out["year"], bins=bins, english=english)
    return out


def choose_grouping(documents: pd.DataFrame, *, max_groups: int = 12) -> str | None:
    """The first of :data:`GROUP_CANDIDATES` that splits the documents into 2 to
    ``max_groups`` groups (None when none does): the grouping used when none is given.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abc"), "era": ["2010s"] * 3,
    ...                      "level": ["central", "provincial", "central"]})
    >>> choose_grouping(docs)
    'level'
    """
    for col in GROUP_CANDIDATES:
        if col in documents.columns:
            values = documents[col].replace("", np.nan).dropna()
            if 2 <= values.nunique() <= max_groups:
                return col
    return None


def group_sizes(documents: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """How many documents each group has: ``by, group, n_docs, doc_id`` (the group's
    documents joined with ``;``), groups sorted.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abc"), "era": ["2010s", "2020s", "2020s"]})
    >>> group_sizes(docs, by="era")[["group", "n_docs"]].values.tolist()
    [['2010s', 1], ['2020s', 2]]
    """
    if by not in documents.columns:
        raise ValueError(f"documents has no column {by!r}; group by one of "
                         f"{', '.join(map(str, documents.columns[:15]))} ...")
    d = documents.loc[documents[by].notna() & (documents[by].astype(str) != ""),
                      ["doc_id", by]]
    rows = [{"by": by, "group": str(g), "n_docs": len(part),
             "doc_id": ";".join(part["doc_id"].astype(str))}
            for g, part in d.groupby(d[by].astype(str), sort=True)]
    return pd.DataFrame(rows, columns=["by", "group", "n_docs", "doc_id"])
