"""Word frequencies by group: the statistics behind the frequency figures and notebooks.

The build's ``terms`` table holds one row per (document, term). These functions regroup it
for comparisons the figures need (the whole corpus, each era, each city, any metadata
column) and classify the tokens of each document. They only count; the figures that show
the results live in :mod:`analysis.plots.frequency` and :mod:`analysis.plots.corpus`.

Per-10k frequencies of a group divide the group's count by all word tokens of the group's
documents (``documents.n_words``), so a long plan and a short reply compare fairly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.resources import read_wordlist

__all__ = [
    "DEFAULT_KEYWORDS",
    "TOKEN_CATEGORIES",
    "corpus_terms",
    "distinctive_terms",
    "document_summary",
    "group_terms",
    "keyword_table",
    "tfidf_profile",
    "token_composition",
    "vocabulary_overlap",
]

#: Policy keywords compared across documents in the keyword heatmaps (notebook 01): talent,
#: platforms, R&D, commercialisation, enterprises, finance, support schemes, evaluation.
#: Read from ``resources/keywords.txt``; pass your own list as ``keywords=``.
DEFAULT_KEYWORDS: tuple[str, ...] = read_wordlist("keywords.txt")

#: Token categories of :func:`token_composition`, in the order a token is tested.
TOKEN_CATEGORIES: tuple[str, ...] = (
    "kept", "function_word", "policy_word", "single_char", "number", "punct", "other",
)


def _check_columns(df: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"the {what} table has no column(s) {', '.join(missing)}: pass the '{what}' "
            "table written by `policy-lens build` (data/processed)."
        )


_SUMMARY_COLUMNS = (
    "doc_id", "city", "province", "year", "era", "doc_type", "issuer", "script",
    "city_inferred", "year_inferred", "n_chars", "n_tokens", "n_words", "n_kept",
)


def document_summary(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: the metadata that matters for comparison and the sizes.

    Keeps the columns of ``doc_id, city, province, year, era, doc_type, issuer, script,
    city_inferred, year_inferred, n_chars, n_tokens, n_words, n_kept`` that the table has
    and adds ``kept_share`` (share of word tokens counted after stopword removal) and
    ``char_share`` (the document's share of all characters of the corpus).

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "city": ["甲市", "乙市"], "year": [2020, 2012],
    ...     "n_chars": [300, 100], "n_words": [100, 40], "n_kept": [60, 20]})
    >>> document_summary(docs)[["doc_id", "kept_share", "char_share"]]
      doc_id  kept_share  char_share
    0      a         0.6        0.75
    1      b         0.5        0.25
    """
    _check_columns(documents, ["doc_id", "n_chars"], "documents")
    out = documents[[c for c in _SUMMARY_COLUMNS if c in documents.columns]].copy()
    if {"n_words", "n_kept"} <= set(out.columns):
        out["kept_share"] = (out["n_kept"] / out["n_words"].where(out["n_words"] > 0)).round(4)
    total = out["n_chars"].sum()
    out["char_share"] = (out["n_chars"] / total).round(4) if total else 0.0
    return out.reset_index(drop=True)


def corpus_terms(terms: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Frequencies over the whole corpus: one row per term.

    Parameters
    ----------
    terms : DataFrame
        The build's ``terms`` table (``doc_id, term, count`` ...).
    documents : DataFrame
        The build's ``documents`` table (``doc_id, n_words``).

    Returns
    -------
    DataFrame
        ``term, count, per_10k, n_docs``, most frequent first (ties by term).

    Examples
    --------
    >>> import pandas as pd
    >>> terms = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["人才", "平台", "人才"],
    ...                       "count": [3, 1, 1]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "n_words": [100, 100]})
    >>> corpus_terms(terms, docs)
      term  count  per_10k  n_docs
    0   人才      4    200.0       2
    1   平台      1     50.0       1
    """
    _check_columns(terms, ["doc_id", "term", "count"], "terms")
    _check_columns(documents, ["doc_id", "n_words"], "documents")
    total = float(documents.loc[documents["doc_id"].isin(terms["doc_id"]), "n_words"].sum())
    out = (terms.groupby("term", sort=True)
           .agg(count=("count", "sum"), n_docs=("doc_id", "nunique"))
           .reset_index())
    out["per_10k"] = (out["count"] / total * 10_000).round(6) if total else 0.0
    out = out.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return out[["term", "count", "per_10k", "n_docs"]].reset_index(drop=True)


def group_terms(
    terms: pd.DataFrame, documents: pd.DataFrame, *, by: str = "era"
) -> pd.DataFrame:
    """Frequencies per group of documents (an era, a city, any ``documents`` column).

    Parameters
    ----------
    terms, documents : DataFrame
        The build's ``terms`` and ``documents`` tables.
    by : str, keyword-only
        A column of ``documents``: ``"era"``, ``"city"``, ``"year"``, ``"doc_id"``, or a
        column of your own metadata (``region`` ...).

    Returns
    -------
    DataFrame
        ``<by>, term, count, per_10k, n_docs`` (documents of the group using the term) and
        ``group_docs`` (documents in the group); groups in sorted order, then most frequent
        terms first.

    Examples
    --------
    >>> import pandas as pd
    >>> terms = pd.DataFrame({"doc_id": ["a", "b", "c"], "term": ["人才", "人才", "平台"],
    ...                       "count": [2, 1, 5]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2020s", "2020s", "2010s"],
    ...                      "n_words": [100, 100, 50]})
    >>> group_terms(terms, docs, by="era")
         era term  count  per_10k  n_docs  group_docs
    0  2010s   平台      5   1000.0       1           1
    1  2020s   人才      3    150.0       2           2
    """
    _check_columns(terms, ["doc_id", "term", "count"], "terms")
    _check_columns(documents, ["doc_id", "n_words", by], "documents")
    docs = documents[list(dict.fromkeys(["doc_id", by, "n_words"]))].drop_duplicates("doc_id")
    docs = docs.loc[docs["doc_id"].isin(terms["doc_id"])]
    docs = docs.assign(_group=docs[by])
    totals = docs.groupby("_group")["n_words"].sum()
    sizes = docs.groupby("_group")["doc_id"].size()
    merged = terms[["doc_id", "term", "count"]].merge(docs[["doc_id", "_group"]], on="doc_id")
    out = (merged.groupby(["_group", "term"], sort=True)
           .agg(count=("count", "sum"), n_docs=("doc_id", "nunique"))
           .reset_index())
    denom = out["_group"].map(totals).to_numpy(dtype=float)
    out["per_10k"] = np.round(np.divide(out["count"].to_numpy(dtype=float) * 10_000, denom,
                                        out=np.zeros(len(out)), where=denom > 0), 6)
    out["group_docs"] = out["_group"].map(sizes).astype("int64")
    out = out.sort_values(["_group", "count", "term"], ascending=[True, False, True],
                          kind="stable")
    out = out.rename(columns={"_group": by})
    return out[[by, "term", "count", "per_10k", "n_docs", "group_docs"]].reset_index(drop=True)


def keyword_table(
    terms: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    keywords: list[str] | tuple[str, ...] | None = None,
    by: str = "doc_id",
) -> pd.DataFrame:
    """Frequencies of chosen keywords per document or group, zeros included.

    Parameters
    ----------
    terms, documents : DataFrame
        The build's ``terms`` and ``documents`` tables.
    keywords : list of str, keyword-only
        The terms to compare, in display order (default :data:`DEFAULT_KEYWORDS`, the list
        in ``resources/keywords.txt``; read a file of your own with
        :func:`analysis.resources.read_wordlist`). A keyword the tokenizer splits (not a
        whole token) is counted 0: add it to your user dictionary (``--user-dict``).
    by : str, keyword-only
        ``"doc_id"`` (one column per document) or a ``documents`` column (``"era"`` ...).

    Returns
    -------
    DataFrame
        ``<by>, term, count, per_10k`` with a row for every (group, keyword) pair; groups in
        corpus order for ``doc_id``, sorted otherwise; keywords in the order given.

    Examples
    --------
    >>> import pandas as pd
    >>> terms = pd.DataFrame({"doc_id": ["a", "b"], "term": ["人才", "平台"], "count": [2, 1]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "n_words": [100, 200]})
    >>> keyword_table(terms, docs, keywords=["平台", "人才"])
      doc_id term  count  per_10k
    0      a   平台      0      0.0
    1      a   人才      2    200.0
    2      b   平台      1     50.0
    3      b   人才      0      0.0
    """
    words = list(dict.fromkeys(DEFAULT_KEYWORDS if keywords is None else keywords))
    if not words:
        raise ValueError("keywords is empty: give at least one term.")
    grouped = group_terms(terms, documents, by=by)
    if by == "doc_id":
        order = list(dict.fromkeys(documents.loc[documents["doc_id"].isin(terms["doc_id"]),
                                                 "doc_id"]))
    else:
        order = sorted(grouped[by].unique().tolist())
    grid = pd.MultiIndex.from_product([order, words], names=[by, "term"])
    out = (grouped.set_index([by, "term"])[["count", "per_10k"]]
           .reindex(grid, fill_value=0).reset_index())
    out["count"] = out["count"].astype("int64")
    out["per_10k"] = out["per_10k"].astype(float)
    return out


def token_composition(tokens: pd.DataFrame) -> pd.DataFrame:
    """What the tokens of each document are: kept words, stopwords, numbers, punctuation.

    Each token falls in the first matching category of :data:`TOKEN_CATEGORIES`:
    ``kept`` (counted in the matrices), ``function_word`` (的, 和 ...), ``policy_word``
    (加强, 推进 ...), ``single_char`` (one-character words), ``number``, ``punct``,
    ``other`` (spaces, symbols).

    Parameters
    ----------
    tokens : DataFrame
        The build's ``tokens`` table.

    Returns
    -------
    DataFrame
        ``doc_id, category, n_tokens, share`` (share of the document's tokens), every
        category for every document, documents in corpus order.

    Examples
    --------
    >>> import pandas as pd
    >>> toks = pd.DataFrame({"doc_id": ["a"] * 4, "token": ["科技", "的", "。", "3"],
    ...     "kind": ["han", "han", "punct", "number"], "keep": [True, False, False, False],
    ...     "is_function_word": [False, True, False, False],
    ...     "is_policy_word": [False, False, False, False]})
    >>> token_composition(toks).query("n_tokens > 0")[["category", "n_tokens", "share"]]
            category  n_tokens  share
    0           kept         1   0.25
    1  function_word         1   0.25
    4         number         1   0.25
    5          punct         1   0.25
    """
    _check_columns(tokens, ["doc_id", "token", "kind", "keep", "is_function_word",
                            "is_policy_word"], "tokens")
    kind = tokens["kind"].astype(str)
    conditions = [
        tokens["keep"].to_numpy(dtype=bool),
        tokens["is_function_word"].to_numpy(dtype=bool) & kind.isin(["han", "latin"]).to_numpy(),
        tokens["is_policy_word"].to_numpy(dtype=bool) & kind.isin(["han", "latin"]).to_numpy(),
        (kind.isin(["han", "latin"]) & (tokens["token"].str.len() < 2)).to_numpy(),
        (kind == "number").to_numpy(),
        (kind == "punct").to_numpy(),
    ]
    category = np.select(conditions, list(TOKEN_CATEGORIES[:-1]), default="other")
    order = list(dict.fromkeys(tokens["doc_id"]))
    counts = (pd.DataFrame({"doc_id": tokens["doc_id"].to_numpy(), "category": category})
              .groupby(["doc_id", "category"]).size())
    grid = pd.MultiIndex.from_product([order, list(TOKEN_CATEGORIES)],
                                      names=["doc_id", "category"])
    out = counts.reindex(grid, fill_value=0).rename("n_tokens").reset_index()
    out["n_tokens"] = out["n_tokens"].astype("int64")
    totals = out.groupby("doc_id")["n_tokens"].transform("sum").to_numpy(dtype=float)
    out["share"] = np.round(np.divide(out["n_tokens"].to_numpy(dtype=float), totals,
                                      out=np.zeros(len(out)), where=totals > 0), 6)
    return out


def distinctive_terms(
    terms: pd.DataFrame, *, n: int = 10, max_docs: int | None = None
) -> pd.DataFrame:
    """Each document's highest TF-IDF terms among the terms that not every document uses.

    With few documents TF-IDF still ranks the shared vocabulary first (创新, 企业, 科技
    appear in every document, and their high counts outweigh the idf); leaving out the
    terms used by all documents shows what is particular to each.

    Parameters
    ----------
    terms : DataFrame
        The build's ``terms`` table (``doc_id, term, count, per_10k, tfidf, n_docs``).
    n : int, keyword-only
        Terms per document.
    max_docs : int, keyword-only
        Keep terms used by at most this many documents (default: all documents but one;
        1 keeps the terms found in a single document only).

    Returns
    -------
    DataFrame
        ``doc_id, rank, term, tfidf, count, per_10k, n_docs``, documents in corpus order.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["创新", "京津", "创新"],
    ...     "count": [9, 2, 5], "per_10k": [90., 20., 50.], "tfidf": [.9, .4, .9],
    ...     "n_docs": [2, 1, 2]})
    >>> distinctive_terms(t)[["doc_id", "rank", "term"]]
      doc_id  rank term
    0      a     1   京津
    """
    _check_columns(terms, ["doc_id", "term", "count", "per_10k", "tfidf", "n_docs"], "terms")
    n_total = terms["doc_id"].nunique()
    limit = max(n_total - 1, 1) if max_docs is None else max_docs
    order = list(dict.fromkeys(terms["doc_id"]))
    t = terms.loc[terms["n_docs"] <= limit]
    t = t.sort_values(["doc_id", "tfidf", "count", "term"],
                      ascending=[True, False, False, True], kind="stable")
    t = t.groupby("doc_id", sort=False).head(n).copy()
    t["rank"] = t.groupby("doc_id", sort=False).cumcount() + 1
    t["_pos"] = t["doc_id"].map({d: i for i, d in enumerate(order)})
    t = t.sort_values(["_pos", "rank"], kind="stable")
    cols = ["doc_id", "rank", "term", "tfidf", "count", "per_10k", "n_docs"]
    return t[cols].reset_index(drop=True)


def tfidf_profile(
    terms: pd.DataFrame, *, n: int = 5, max_docs: int | None = None
) -> pd.DataFrame:
    """The top :func:`distinctive_terms` of every document, with their TF-IDF weight in
    every document (0 where a document does not use the term).

    Returns
    -------
    DataFrame
        ``doc_id, term, tfidf, source`` (the document whose top list the term comes from;
        of several, the one where it weighs most), one row per document × term.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "b", "b"], "term": ["京津", "京津", "皮革"],
    ...     "count": [2, 1, 4], "per_10k": [20., 10., 40.], "tfidf": [.5, .1, .6],
    ...     "n_docs": [2, 2, 1]})
    >>> tfidf_profile(t, n=1, max_docs=2)
      doc_id term  tfidf source
    0      a   京津    0.5      a
    1      a   皮革    0.0      b
    2      b   京津    0.1      a
    3      b   皮革    0.6      b
    """
    top = distinctive_terms(terms, n=n, max_docs=max_docs)
    best = top.sort_values(["tfidf", "rank"], ascending=[False, True], kind="stable")
    source = best.drop_duplicates("term").set_index("term")["doc_id"]
    source = source.reindex(list(dict.fromkeys(top["term"])))
    order = list(dict.fromkeys(terms["doc_id"]))
    grid = pd.MultiIndex.from_product([order, list(source.index)], names=["doc_id", "term"])
    weights = (terms.loc[terms["term"].isin(source.index)]
               .set_index(["doc_id", "term"])["tfidf"].reindex(grid, fill_value=0.0))
    out = weights.reset_index()
    out["tfidf"] = out["tfidf"].astype(float)
    out["source"] = out["term"].map(source)
    return out


def vocabulary_overlap(terms: pd.DataFrame) -> pd.DataFrame:
    """How much of each document's vocabulary it shares with the others.

    Returns
    -------
    DataFrame
        ``doc_id, n_terms`` (distinct kept words), ``exclusive`` (used by no other
        document), ``shared_by_all`` (used by every document), ``exclusive_share`` and
        ``exclusive_tokens_share`` (share of the document's kept tokens that are exclusive
        words); documents in corpus order.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["创新", "京津", "创新"],
    ...                   "count": [3, 1, 2], "n_docs": [2, 1, 2]})
    >>> vocabulary_overlap(t)[["doc_id", "n_terms", "exclusive", "exclusive_share"]]
      doc_id  n_terms  exclusive  exclusive_share
    0      a        2          1              0.5
    1      b        1          0              0.0
    """
    _check_columns(terms, ["doc_id", "term", "count", "n_docs"], "terms")
    n_total = terms["doc_id"].nunique()
    order = list(dict.fromkeys(terms["doc_id"]))
    t = terms.assign(_excl=terms["n_docs"] == 1, _all=terms["n_docs"] == n_total)
    t = t.assign(_excl_count=t["count"].where(t["_excl"], 0))
    out = t.groupby("doc_id").agg(n_terms=("term", "size"), exclusive=("_excl", "sum"),
                                  shared_by_all=("_all", "sum"), tokens=("count", "sum"),
                                  excl_tokens=("_excl_count", "sum")).reindex(order)
    out["exclusive_share"] = (out["exclusive"] / out["n_terms"]).round(4)
    out["exclusive_tokens_share"] = (out["excl_tokens"] / out["tokens"]).round(4)
    out = out.drop(columns=["tokens", "excl_tokens"]).reset_index()
    for col in ("n_terms", "exclusive", "shared_by_all"):
        out[col] = out[col].astype("int64")
    return out
