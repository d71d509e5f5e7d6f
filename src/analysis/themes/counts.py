"""Theme counts: what each document emphasises, clause by clause, with numbers that trace back.

Terms are found by substring matching on the normalised, simplified text of each clause
(longest term first, no overlaps within a theme; :mod:`analysis.lexicon.engine`), because
jieba keeps compounds such as 人才引进 or 科技金融产品 whole and a token count of 人才 would
miss them; :func:`match_terms` with ``mode="token"`` gives the token count for comparison.
Counts come per document: hits, hits per 10,000 word tokens (the denominator of
:func:`analysis.stats.matrices.word_totals`) and the share of the document's clauses that
mention the theme, which one clause repeating a word cannot inflate.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.lexicon import (
    MODES,
    TermSet,
    UnitTokens,
    check_units,
    countable,
    doc_order,
    term_hits,
    with_meta,
)
from analysis.stats.matrices import WORD_KINDS, word_totals
from analysis.themes.dictionary import PathLike, ThemeDictionary, load_themes

if TYPE_CHECKING:
    from analysis.text import Tokenizer

__all__ = ["match_terms", "theme_counts", "theme_profiles", "unit_word_counts"]


def match_terms(
    units: pd.DataFrame,
    termsets: Iterable[TermSet] | ThemeDictionary | PathLike = "themes.toml",
    *,
    mode: str = "substring",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    code_column: str = "theme",
) -> pd.DataFrame:
    """Every match of every term set in every clause: one row per hit.

    The themes' use of :func:`analysis.lexicon.term_hits`: the packaged theme dictionary
    by default, hits keyed by ``theme``.

    Parameters
    ----------
    units : DataFrame
        Clauses (``doc_id, clause_id, text, char_start, char_end``).
    termsets : ThemeDictionary, iterable of TermSet, or path
        What to look for; a path is read with :func:`load_themes`.
    mode : {"substring", "token"}, keyword-only
        ``"substring"`` (the default: see :mod:`analysis.lexicon.engine`) or ``"token"``:
        only tokens equal to a term count, so 人才 inside the token 人才引进 is not found.
    tokens : DataFrame, keyword-only
        A :func:`analysis.text.tokenize.token_table` of the same corpus (document offsets); used
        for token terms and ``mode="token"``. Without it each clause is segmented on its own.
    tokenizer : Tokenizer, keyword-only
        Segmenter used when ``tokens`` is not given (default :func:`get_tokenizer`).
    code_column : str, keyword-only
        Name of the column holding the term set's key (``theme``, ``tone`` ...).

    Returns
    -------
    DataFrame
        ``doc_id, clause_id, <code_column>, term, start, end`` with ``start/end`` offsets into
        the document's normalised text (``text_orig[start:end]`` quotes the original script);
        in clause order, then term-set order, then position.

    Examples
    --------
    >>> from analysis.lexicon import TermSet
    >>> units = pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "char_start": [0],
    ...                       "text": ["支持人才引进和高层次人才培养"], "char_end": [14]})
    >>> match_terms(units, [TermSet("talent", "人才", "Talent", terms=("人才",))])["start"].tolist()
    [2, 10]
    >>> len(match_terms(units, [TermSet("talent", "人才", "Talent", terms=("人才",))],
    ...                 mode="token"))
    0
    """
    if mode not in MODES:
        raise ValueError(f"mode={mode!r}: use 'substring' or 'token'.")
    if isinstance(termsets, (str, os.PathLike)):
        termsets = load_themes(termsets)
    return term_hits(units, termsets, mode=mode, tokens=tokens, tokenizer=tokenizer,
                     code_column=code_column)


def unit_word_counts(units: pd.DataFrame, *, tokens: pd.DataFrame | None = None,
                     tokenizer: Tokenizer | None = None) -> pd.Series:
    """Word tokens (Han or Latin, stopwords included) in each clause, aligned with ``units``.

    With a token table the clause's tokens are those starting inside it, so the clause
    counts of a document add up to :func:`analysis.stats.matrices.word_totals`.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进人才,培养人才。", "2023年"], "char_start": [0, 10],
    ...     "char_end": [10, 15]})
    >>> unit_word_counts(units).tolist()      # 引进人才 培养人才 | 年 (not 2023)
    [2, 1]
    """
    units = check_units(units)
    if tokens is not None:
        words = tokens.loc[tokens["kind"].isin(WORD_KINDS), ["doc_id", "start"]]
        codes, uniq = pd.factorize(words["doc_id"])
        wstart = words["start"].to_numpy()
        order = np.lexsort((wstart, codes))  # by document, then start
        wstart = wstart[order]
        bounds = np.searchsorted(codes[order], np.arange(len(uniq) + 1))
        where = {x: j for j, x in enumerate(uniq.tolist())}
        out = np.zeros(len(units), dtype=np.int64)
        for doc_id, g in units.groupby("doc_id", sort=False):
            j = where.get(doc_id)
            starts = wstart[bounds[j]:bounds[j + 1]] if j is not None else wstart[:0]
            lo = np.searchsorted(starts, g["char_start"].to_numpy(), "left")
            hi = np.searchsorted(starts, g["char_end"].to_numpy(), "left")
            out[g.index.to_numpy()] = hi - lo
        return pd.Series(out, index=units.index, name="n_words")
    toks = UnitTokens(units, None, tokenizer)
    counts = [sum(1 for _, _, _, k in toks.spans(i, with_kind=True) if k in WORD_KINDS)
              for i in range(len(units))]
    return pd.Series(counts, index=units.index, name="n_words", dtype="int64")


def _doc_words(units: pd.DataFrame, tokens: pd.DataFrame | None,
               tokenizer: Tokenizer | None) -> pd.Series:
    """Word tokens per document: ``word_totals(tokens)``, or the sum over the clauses."""
    if tokens is not None:
        return word_totals(tokens).reindex(doc_order(units), fill_value=0)
    per = unit_word_counts(units, tokenizer=tokenizer)
    return per.groupby(units["doc_id"], sort=False).sum().reindex(doc_order(units))


def _resolve_hits(units: pd.DataFrame, dictionary: ThemeDictionary, hits: pd.DataFrame | None,
                  tokens: pd.DataFrame | None, tokenizer: Tokenizer | None) -> pd.DataFrame:
    if hits is None:
        return match_terms(units, dictionary, tokens=tokens, tokenizer=tokenizer)
    missing = {"doc_id", "clause_id", "theme", "term"} - set(hits.columns)
    if missing:
        raise ValueError(f"hits: missing column(s) {', '.join(sorted(missing))}; pass the "
                         "output of match_terms.")
    return hits


def theme_counts(
    units: pd.DataFrame,
    *,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    tokens: pd.DataFrame | None = None,
    hits: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    per: int = 10_000,
) -> pd.DataFrame:
    """Theme emphasis per document: hits, hits per 10,000 words, and share of clauses.

    Parameters
    ----------
    units : DataFrame
        Clauses (:func:`analysis.structure.clause_table` or any frame with ``doc_id,
        clause_id, text, char_start, char_end``).
    dictionary : path or ThemeDictionary, keyword-only
        The themes (packaged ``themes.toml`` by default).
    tokens : DataFrame, keyword-only
        The corpus :func:`~analysis.text.tokenize.token_table`: its word totals are the per-10k
        denominator. Without it the clauses are segmented and their words summed.
    hits : DataFrame, keyword-only
        Precomputed :func:`match_terms` output (saves matching twice).
    documents : DataFrame, keyword-only
        ``corpus.documents``: adds ``city, city_en, year, era`` columns.

    Returns
    -------
    DataFrame
        One row per document × theme (zeros included): ``doc_id, [city, city_en, year,
        era,] theme, theme_zh, theme_en, hits, n_words, per_10k, clauses_with_theme,
        n_clauses, clause_share``. ``n_clauses`` counts the clauses with Chinese text.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进人才,培养人才。", "支持科技金融。"], "char_start": [0, 10],
    ...     "char_end": [10, 17]})
    >>> c = theme_counts(units).set_index("theme")
    >>> int(c.loc["talent", "hits"]), float(c.loc["talent", "clause_share"])
    (2, 0.5)
    """
    units = check_units(units)
    d = load_themes(dictionary)
    hits = _resolve_hits(units, d, hits, tokens, tokenizer)
    return _theme_counts(units, d, hits, keep=countable(units),
                         words=_doc_words(units, tokens, tokenizer), documents=documents,
                         per=per)


def _theme_counts(units: pd.DataFrame, d: ThemeDictionary, hits: pd.DataFrame, *,
                  keep: pd.Series, words: pd.Series, documents: pd.DataFrame | None,
                  per: int) -> pd.DataFrame:
    """:func:`theme_counts` of checked units, given their
    :func:`~analysis.lexicon.countable` mask and the words per document
    (:func:`_doc_words`), which the build computes once."""
    docs = doc_order(units)
    # only the ids: a copy of the clause texts would cost more than the counting
    kept = units.loc[keep, ["doc_id", "clause_id"]]
    n_clauses = kept.groupby("doc_id", sort=False).size().reindex(docs, fill_value=0)
    grid = pd.MultiIndex.from_product([docs, d.keys], names=["doc_id", "theme"])
    n_hits = hits.groupby(["doc_id", "theme"]).size().reindex(grid, fill_value=0)
    in_countable = _member(hits["clause_id"], kept["clause_id"])
    with_theme = (hits.loc[in_countable].drop_duplicates(["clause_id", "theme"])
                  .groupby(["doc_id", "theme"]).size().reindex(grid, fill_value=0))
    out = grid.to_frame(index=False)
    zh = {t.key: t.zh for t in d}
    en = {t.key: t.en for t in d}
    out["theme_zh"] = out["theme"].map(zh)
    out["theme_en"] = out["theme"].map(en)
    out["hits"] = n_hits.to_numpy().astype(np.int64)
    out["n_words"] = out["doc_id"].map(words).astype(np.int64)
    out["per_10k"] = np.round(np.divide(out["hits"] * per, out["n_words"],
                                        out=np.zeros(len(out)), where=out["n_words"] > 0), 6)
    out["clauses_with_theme"] = with_theme.to_numpy().astype(np.int64)
    out["n_clauses"] = out["doc_id"].map(n_clauses).astype(np.int64)
    out["clause_share"] = np.round(np.divide(out["clauses_with_theme"], out["n_clauses"],
                                             out=np.zeros(len(out)),
                                             where=out["n_clauses"] > 0), 6)
    return with_meta(out, documents)


def theme_profiles(counts: pd.DataFrame, *, by: str = "era", metric: str = "clause_share",
                   weighting: str = "document") -> pd.DataFrame:
    """Theme profiles of groups of documents (eras, regions ...) from :func:`theme_counts`.

    ``weighting="document"`` averages the documents' values (each document one voice);
    ``"pooled"`` divides the summed hits (or clauses) by the summed words (or clauses).
    Returns ``<by>, theme, theme_zh, theme_en, value, n_docs, doc_ids``.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"],
    ...     "theme": "talent", "theme_zh": "人才", "theme_en": "Talent",
    ...     "clause_share": [0.1, 0.2, 0.4]})
    >>> theme_profiles(counts)[["era", "value", "n_docs"]].values.tolist()
    [['2010s', 0.1, 1], ['2020s', 0.3, 2]]
    """
    if by not in counts.columns:
        raise ValueError(f"by={by!r}: theme_counts has no such column (pass documents= to "
                         "theme_counts to get city and era).")
    if metric not in ("clause_share", "per_10k"):
        raise ValueError(f"metric={metric!r}: use 'clause_share' or 'per_10k'.")
    if weighting not in ("document", "pooled"):
        raise ValueError(f"weighting={weighting!r}: use 'document' or 'pooled'.")
    rows = []
    for (group, theme), g in counts.groupby([by, "theme"], sort=False):
        if weighting == "document":
            value = float(g[metric].mean())
        elif metric == "per_10k":
            value = float(g["hits"].sum() / g["n_words"].sum() * 1e4) if g["n_words"].sum() \
                else 0.0
        else:
            value = float(g["clauses_with_theme"].sum() / g["n_clauses"].sum()) \
                if g["n_clauses"].sum() else 0.0
        rows.append({by: group, "theme": theme, "theme_zh": g["theme_zh"].iloc[0],
                     "theme_en": g["theme_en"].iloc[0], "value": round(value, 6),
                     "n_docs": int(g["doc_id"].nunique()),
                     "doc_ids": ";".join(dict.fromkeys(g["doc_id"]))})
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype(np.float64)
    return out


def _clause_matrix(units: pd.DataFrame, hits: pd.DataFrame, keys: list[str],
                   code_column: str = "theme") -> np.ndarray:
    """Hits per (countable clause, theme) as an int matrix aligned with ``units``."""
    m = np.zeros((len(units), len(keys)), dtype=np.int64)
    row = _positions(units["clause_id"], hits["clause_id"])
    col = hits[code_column].map({k: j for j, k in enumerate(keys)}).fillna(-1).to_numpy(
        dtype=np.int64)
    ok = (row >= 0) & (col >= 0)
    np.add.at(m, (row[ok], col[ok]), 1)
    return m



def _codes(keys: pd.Series, values: pd.Series) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Codes of ``keys`` and ``values`` from one factorisation of both (one hash of each
    string, where a lookup per value on Arrow strings is slow), or None if either holds a
    missing value."""
    codes, uniq = pd.factorize(pd.concat([pd.Series(keys), pd.Series(values)],
                                         ignore_index=True))
    if (codes < 0).any():
        return None
    return codes[:len(keys)], codes[len(keys):], len(uniq)


def _positions(keys: pd.Series, values: pd.Series) -> np.ndarray:
    """``pd.Index(keys).get_indexer(values)``: the row of each value in ``keys`` (-1 if
    absent); keys that repeat or are missing go through the Index (which then raises)."""
    coded = _codes(keys, values)
    if coded is not None:
        ck, cv, n = coded
        if not len(ck) or np.bincount(ck, minlength=n).max() <= 1:
            pos = np.full(n, -1, dtype=np.intp)
            pos[ck] = np.arange(len(ck))
            return pos[cv]
    return pd.Index(keys).get_indexer(values)


def _member(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """``values.isin(set(keys))`` as a boolean array."""
    coded = _codes(keys, values)
    if coded is None:
        return values.isin(set(keys.tolist())).to_numpy(dtype=bool)
    ck, cv, n = coded
    mark = np.zeros(n, dtype=bool)
    mark[ck] = True
    return mark[cv]
