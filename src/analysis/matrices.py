"""Document-term matrices: counts, TF-IDF and keyword frequency per 10,000 tokens.

All functions take a :func:`analysis.tokenize.token_table` frame (its ``keep`` column, or
a :class:`~analysis.tokenize.TokenFilter`, decides which tokens count) and work on a scipy
sparse matrix internally, so a corpus with a large vocabulary never becomes a dense array.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import scipy.sparse as sp

    from analysis.tokenize import TokenFilter

__all__ = [
    "WORD_KINDS",
    "SparseCounts",
    "count_matrix",
    "keyword_frequency",
    "sparse_counts",
    "term_table",
    "tfidf_matrix",
    "top_terms",
    "word_totals",
]

WORD_KINDS = ("han", "latin")
_DENSE_LIMIT = 5_000_000  # cells; above this the wide matrices are returned sparse


@dataclass(frozen=True)
class SparseCounts:
    """A sparse document-term count matrix with its row and column labels."""

    matrix: sp.csr_matrix
    doc_ids: list[str]
    terms: list[str]


def _kept(tokens: pd.DataFrame, token_filter: TokenFilter | None) -> pd.DataFrame:
    if token_filter is None:
        return tokens.loc[tokens["keep"], ["doc_id", "token"]]
    return tokens.loc[token_filter.apply(tokens), ["doc_id", "token"]]


def sparse_counts(
    tokens: pd.DataFrame, *, token_filter: TokenFilter | None = None, min_df: int = 1
) -> SparseCounts:
    """Count kept tokens per document into a CSR matrix (rows in corpus order, terms sorted).

    ``min_df`` drops terms found in fewer documents.
    """
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    doc_ids = list(dict.fromkeys(tokens["doc_id"]))
    kept = _kept(tokens, token_filter)
    terms = np.sort(kept["token"].unique()).tolist()
    rows = pd.Categorical(kept["doc_id"], categories=doc_ids).codes
    cols = pd.Categorical(kept["token"], categories=terms).codes
    m = sp.csr_matrix(
        (np.ones(len(kept), dtype=np.int64), (rows, cols)), shape=(len(doc_ids), len(terms))
    )
    m.sum_duplicates()
    if min_df > 1:
        df = np.asarray((m > 0).sum(axis=0)).ravel()
        keep = np.flatnonzero(df >= min_df)
        m = m[:, keep]
        terms = [terms[i] for i in keep]
    return SparseCounts(m.tocsr(), doc_ids, terms)


def word_totals(tokens: pd.DataFrame) -> pd.Series:
    """Word tokens per document (Han or Latin tokens, stopwords included): the denominator
    of per-10k frequencies, independent of the stopword settings."""
    words = tokens["kind"].isin(WORD_KINDS)
    doc_ids = list(dict.fromkeys(tokens["doc_id"]))
    return words.groupby(tokens["doc_id"]).sum().reindex(doc_ids, fill_value=0).rename("n_words")


def _frame(m: sp.spmatrix, doc_ids: list[str], terms: list[str], sparse: bool | None,
           dtype: str) -> pd.DataFrame:
    import pandas as pd

    if sparse is None:
        sparse = m.shape[0] * m.shape[1] > _DENSE_LIMIT
    index = pd.Index(doc_ids, name="doc_id")
    columns = pd.Index(terms, name="term")
    if sparse:
        return pd.DataFrame.sparse.from_spmatrix(m.astype(dtype), index=index, columns=columns)
    return pd.DataFrame(m.toarray().astype(dtype), index=index, columns=columns)


def count_matrix(
    tokens: pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    min_df: int = 1,
    sparse: bool | None = None,
) -> pd.DataFrame:
    """Document-term counts, indexed by ``doc_id`` with one column per term.

    ``sparse=None`` returns a sparse frame only when documents × terms is large.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> counts = count_matrix(token_table(load_corpus()))
    >>> int(counts.loc["tonghua_2012", "创新"]) > 50
    True
    """
    sc = sparse_counts(tokens, token_filter=token_filter, min_df=min_df)
    return _frame(sc.matrix, sc.doc_ids, sc.terms, sparse, "int64")


def _tfidf(sc: SparseCounts, *, sublinear_tf: bool, smooth_idf: bool, norm: str | None):
    from sklearn.feature_extraction.text import TfidfTransformer

    tr = TfidfTransformer(norm=norm, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    return tr.fit_transform(sc.matrix).tocsr()


def tfidf_matrix(
    tokens: pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    min_df: int = 1,
    sublinear_tf: bool = False,
    smooth_idf: bool = True,
    norm: str | None = "l2",
    sparse: bool | None = None,
) -> pd.DataFrame:
    """TF-IDF weights (scikit-learn's ``TfidfTransformer`` on the pre-tokenised counts).

    Parameters mirror :class:`sklearn.feature_extraction.text.TfidfTransformer`. With five
    documents a term found in all of them keeps the smallest weight (idf = 1).

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> w = tfidf_matrix(token_table(load_corpus()))
    >>> bool(abs((w.loc["xinji_2022"] ** 2).sum() - 1) < 1e-9)
    True
    """
    sc = sparse_counts(tokens, token_filter=token_filter, min_df=min_df)
    m = _tfidf(sc, sublinear_tf=sublinear_tf, smooth_idf=smooth_idf, norm=norm)
    return _frame(m, sc.doc_ids, sc.terms, sparse, "float64")


def keyword_frequency(
    tokens: pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    keywords: list[str] | None = None,
    per: int = 10_000,
    sparse: bool | None = None,
) -> pd.DataFrame:
    """Occurrences per ``per`` word tokens (10,000 by default), so long and short documents
    compare fairly. ``keywords`` restricts (and orders) the columns; absent ones are 0.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> kf = keyword_frequency(token_table(load_corpus()), keywords=["人才", "科技金融"])
    >>> list(kf.columns)
    ['人才', '科技金融']
    """
    import numpy as np
    import scipy.sparse as sp

    sc = sparse_counts(tokens, token_filter=token_filter)
    totals = word_totals(tokens).reindex(sc.doc_ids).to_numpy(dtype=float)
    scale = sp.diags(np.divide(per, totals, out=np.zeros_like(totals), where=totals > 0))
    m = (scale @ sc.matrix.astype(float)).tocsr()
    df = _frame(m, sc.doc_ids, sc.terms, sparse, "float64")
    if keywords is not None:
        df = df.reindex(columns=list(keywords), fill_value=0.0)
        df.columns.name = "term"
    return df


def term_table(
    tokens: pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    per: int = 10_000,
    sublinear_tf: bool = False,
) -> pd.DataFrame:
    """The long, tidy matrix: one row per (document, term) with a non-zero count.

    Columns ``doc_id, term, count, per_10k, tfidf, n_docs`` (documents using the term);
    rows in corpus order, terms sorted. A wide view is one ``pivot`` away.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> t = term_table(token_table(load_corpus()))
    >>> list(t.columns)
    ['doc_id', 'term', 'count', 'per_10k', 'tfidf', 'n_docs']
    """
    import numpy as np
    import pandas as pd

    sc = sparse_counts(tokens, token_filter=token_filter)
    w = _tfidf(sc, sublinear_tf=sublinear_tf, smooth_idf=True, norm="l2")
    coo = sc.matrix.tocoo()
    order = np.lexsort((coo.col, coo.row))
    r, c, v = coo.row[order], coo.col[order], coo.data[order]
    totals = word_totals(tokens).reindex(sc.doc_ids).to_numpy(dtype=float)
    n_docs = np.asarray((sc.matrix > 0).sum(axis=0)).ravel()
    terms = np.asarray(sc.terms, dtype=object)
    return pd.DataFrame({
        "doc_id": np.asarray(sc.doc_ids, dtype=object)[r],
        "term": terms[c],
        "count": v.astype(np.int64),
        "per_10k": np.round(v / totals[r] * per, 6),
        "tfidf": np.round(np.asarray(w[r, c]).ravel(), 9),
        "n_docs": n_docs[c].astype(np.int64),
    })


def top_terms(
    terms: pd.DataFrame, *, n: int = 20, by: str = "tfidf", min_count: int = 1
) -> pd.DataFrame:
    """The ``n`` highest-scoring terms of each document from a :func:`term_table`.

    Ties break on count, then on the term, so the order is stable. Columns
    ``doc_id, rank, term, tfidf, count, per_10k``.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> top = top_terms(term_table(token_table(load_corpus())), n=3)
    >>> top.groupby("doc_id").size().tolist()
    [3, 3, 3, 3, 3]
    """
    if by not in ("tfidf", "count", "per_10k"):
        raise ValueError(f"by={by!r}: rank by 'tfidf', 'count' or 'per_10k'.")
    order = list(dict.fromkeys(terms["doc_id"]))
    t = terms.loc[terms["count"] >= min_count]
    t = t.sort_values(["doc_id", by, "count", "term"], ascending=[True, False, False, True])
    t = t.groupby("doc_id", sort=False).head(n).copy()
    t["rank"] = t.groupby("doc_id", sort=False).cumcount() + 1
    t["doc_id"] = t["doc_id"].astype("category").cat.set_categories(order)
    t = t.sort_values(["doc_id", "rank"])
    t["doc_id"] = t["doc_id"].astype(object)
    return t[["doc_id", "rank", "term", "tfidf", "count", "per_10k"]].reset_index(drop=True)
