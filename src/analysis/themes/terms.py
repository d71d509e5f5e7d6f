"""The terms behind theme counts: per document, per clause, and side by side.

:func:`theme_terms` breaks each document's theme hits into their terms,
:func:`theme_term_table` lines up a theme's top terms across documents (the notebooks'
term table) and :func:`theme_clauses` lists the clauses that mention each theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.lexicon import META_COLUMNS, check_units
from analysis.themes.dictionary import HEADLINE_THEMES, PathLike, ThemeDictionary, load_themes

__all__ = ["theme_clauses", "theme_term_table", "theme_terms"]


def theme_terms(hits: pd.DataFrame, *, dictionary: PathLike | ThemeDictionary = "themes.toml"
                ) -> pd.DataFrame:
    """Which terms make up each theme count: ``doc_id, theme, term, hits``, by theme then
    by descending hits (ties by term).

    Examples
    --------
    >>> import pandas as pd
    >>> hits = pd.DataFrame({"doc_id": "d", "clause_id": "d:1", "theme": "talent",
    ...                      "term": ["人才", "人才", "引智"], "start": 0, "end": 2})
    >>> theme_terms(hits)[["term", "hits"]].values.tolist()
    [['人才', 2], ['引智', 1]]
    """
    d = load_themes(dictionary)
    order = {k: i for i, k in enumerate(d.keys)}
    docs = {k: i for i, k in enumerate(dict.fromkeys(hits["doc_id"].tolist()))}
    t = hits.groupby(["doc_id", "theme", "term"]).size().rename("hits").reset_index()
    t["_d"] = _lookup(t["doc_id"], docs)
    t["_t"] = _lookup(t["theme"], order, missing=len(order))
    t = t.sort_values(["_d", "_t", "hits", "term"], ascending=[True, True, False, True])
    return t.drop(columns=["_d", "_t"]).reset_index(drop=True)


def theme_term_table(
    terms: pd.DataFrame,
    counts: pd.DataFrame,
    *,
    themes: Sequence[str] | None = HEADLINE_THEMES,
    n: int = 8,
) -> pd.DataFrame:
    """The terms behind theme counts, ready to compare across documents.

    For each theme the ``n`` terms with the most hits over all documents (ties by term),
    with every document's hits of each (zeros included) and the term's share of the
    document's hits of that theme.

    Parameters
    ----------
    terms : DataFrame
        :func:`theme_terms` (the build's ``theme_terms``).
    counts : DataFrame
        :func:`theme_counts` (the build's ``theme_counts``): theme names, the documents and
        their metadata, and each document's hits of the theme.
    themes : list of str, keyword-only
        Theme keys in display order; ``None`` = every theme of ``counts``.
    n : int, keyword-only
        Terms per theme.

    Returns
    -------
    DataFrame
        One row per document × theme × term: ``doc_id, [city, city_en, year, era,] theme,
        theme_zh, theme_en, term, rank, hits, theme_hits, share`` (``rank`` 1 = most hits in
        the corpus; ``share`` = hits / theme_hits, 0 when the document has no hit of the
        theme). Themes not in ``counts`` are skipped; a theme without hits has no rows.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "theme": "talent", "theme_zh": "人才",
    ...                        "theme_en": "Talent", "hits": [3, 1]})
    >>> terms = pd.DataFrame({"doc_id": ["a", "a", "b"], "theme": "talent",
    ...                       "term": ["人才", "引智", "人才"], "hits": [2, 1, 1]})
    >>> t = theme_term_table(terms, counts, themes=["talent"], n=1)
    >>> t[["doc_id", "term", "hits", "share"]].values.tolist()
    [['a', '人才', 2, 0.666667], ['b', '人才', 1, 1.0]]
    """
    for name, table, cols in (("theme_terms", terms, ("doc_id", "theme", "term", "hits")),
                              ("theme_counts", counts,
                               ("doc_id", "theme", "theme_zh", "theme_en", "hits"))):
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise ValueError(f"{name}: missing column(s) {', '.join(missing)}; pass the "
                             "build's table.")
    if n < 1:
        raise ValueError(f"n={n}: show at least one term per theme.")
    keys = list(dict.fromkeys(counts["theme"])) if themes is None else \
        [k for k in themes if k in set(counts["theme"])]
    meta_cols = ["doc_id", *[c for c in META_COLUMNS if c in counts.columns]]
    docs = counts.drop_duplicates("doc_id")[meta_cols]
    names = counts.drop_duplicates("theme").set_index("theme")[["theme_zh", "theme_en"]]
    totals = counts.set_index(["doc_id", "theme"])["hits"]
    parts = []
    for key in keys:
        t = terms.loc[terms["theme"] == key]
        if t.empty:
            continue
        total = t.groupby("term")["hits"].sum()
        top = sorted(total.index, key=lambda w: (-int(total[w]), w))[:n]
        grid = pd.MultiIndex.from_product([docs["doc_id"], top], names=["doc_id", "term"])
        hits = t.set_index(["doc_id", "term"])["hits"].reindex(grid, fill_value=0)
        part = grid.to_frame(index=False)
        part["theme"] = key
        part["theme_zh"] = names.loc[key, "theme_zh"]
        part["theme_en"] = names.loc[key, "theme_en"]
        part["rank"] = part["term"].map({w: i + 1 for i, w in enumerate(top)})
        part["hits"] = hits.to_numpy().astype(np.int64)
        part["theme_hits"] = [int(totals.get((d, key), 0)) for d in part["doc_id"]]
        parts.append(part)
    cols = [*meta_cols, "theme", "theme_zh", "theme_en", "term", "rank", "hits", "theme_hits",
            "share"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True).merge(docs, on="doc_id", how="left")
    out["share"] = np.round(np.divide(out["hits"], out["theme_hits"], out=np.zeros(len(out)),
                                      where=out["theme_hits"] > 0), 6)
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    tkey = {k: i for i, k in enumerate(keys)}
    out = out.assign(_t=out["theme"].map(tkey), _d=out["doc_id"].map(order))
    out = out.sort_values(["_t", "rank", "_d"], kind="stable")
    return out[cols].reset_index(drop=True)


def theme_clauses(hits: pd.DataFrame, units: pd.DataFrame, *,
                  dictionary: PathLike | ThemeDictionary = "themes.toml") -> pd.DataFrame:
    """Clause-level themes: one row per clause × theme with at least one hit.

    Columns ``doc_id, clause_id, theme, hits, terms`` (distinct terms joined with ``、`` in
    order of appearance); rows in clause order, then dictionary order.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "text": ["引进人才和人才团队"],
    ...                       "char_start": [0], "char_end": [9]})
    >>> hits = pd.DataFrame({"doc_id": "d", "clause_id": "d:1", "theme": "talent",
    ...                      "term": ["人才", "人才"], "start": [2, 5], "end": [4, 7]})
    >>> theme_clauses(hits, units).values.tolist()
    [['d', 'd:1', 'talent', 2, '人才']]
    """
    units = check_units(units)
    d = load_themes(dictionary)
    pos = {c: i for i, c in enumerate(units["clause_id"].tolist())}
    order = {k: i for i, k in enumerate(d.keys)}
    if hits.empty:
        return pd.DataFrame(columns=["doc_id", "clause_id", "theme", "hits", "terms"])
    h = hits.sort_values("start", kind="stable")
    g = h.groupby(["doc_id", "clause_id", "theme"], sort=False)
    out = g.size().rename("hits").reset_index()
    out["terms"] = _joined_terms(g.ngroup().to_numpy(), h["term"], len(out))
    out["_c"] = _lookup(out["clause_id"], pos)
    out["_t"] = _lookup(out["theme"], order, missing=len(order))
    return (out.sort_values(["_c", "_t"]).drop(columns=["_c", "_t"])
            .reset_index(drop=True).astype({"hits": "int64"}))


def _joined_terms(group: np.ndarray, terms: pd.Series, n_groups: int) -> list[str]:
    """Per group (``0 .. n_groups - 1``; -1 = no group) its distinct terms joined with ``、``
    in order of appearance (the terms as integer codes until they are joined)."""
    codes, uniq = pd.factorize(terms, use_na_sentinel=False)
    ok = group >= 0
    group, codes = group[ok].astype(np.int64), codes[ok].astype(np.int64)
    first = ~pd.Series(group * max(len(uniq), 1) + codes).duplicated().to_numpy()
    group, codes = group[first], codes[first]
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(n_groups + 1)).tolist()
    words = np.asarray(uniq, dtype=object)[codes[order]].tolist()
    return ["、".join(words[bounds[i]:bounds[i + 1]]) for i in range(n_groups)]


def _lookup(values: pd.Series, mapping: dict[Any, Any], missing: float = float("nan")
            ) -> np.ndarray:
    """``values.map(mapping).fillna(missing)`` as float64, one dictionary look-up per
    distinct value (used as sort keys, which order as the mapped Series would)."""
    codes, uniq = pd.factorize(values)
    table = np.array([mapping.get(u, missing) for u in uniq.tolist()] + [missing],
                     dtype=np.float64)
    return table[codes]

