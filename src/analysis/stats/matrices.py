"""Document-term matrices: counts, TF-IDF and keyword frequency per 10,000 tokens.

All functions take a :func:`analysis.text.tokenize.token_table` frame (its ``keep`` column, or
a :class:`~analysis.text.tokenize.TokenFilter`, decides which tokens count) and work on a scipy
sparse matrix internally, so a corpus with a large vocabulary never becomes a dense array.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

if TYPE_CHECKING:
    from analysis.text import TokenFilter

__all__ = [
    "WORD_KINDS",
    "SparseCounts",
    "TokenCodes",
    "count_matrix",
    "counts_from_parts",
    "doc_codes",
    "keyword_frequency",
    "sparse_counts",
    "term_table",
    "term_table_from_counts",
    "tfidf_matrix",
    "token_codes",
    "top_terms",
    "word_totals",
]

WORD_KINDS = ("han", "latin")
_DENSE_LIMIT = 5_000_000  # cells; above this the wide matrices are returned sparse


@dataclass(frozen=True)
class SparseCounts:
    """A sparse document-term count matrix with its row and column labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts, one row per document, one column per term (sorted indices).
    doc_ids : list of str
        The rows' documents, in corpus order.
    terms : list of str
        The columns' terms, sorted by code point.
    """

    matrix: sp.csr_matrix
    doc_ids: list[str]
    terms: list[str]


@dataclass(frozen=True)
class TokenCodes:
    """A token table's documents and kept terms as integer codes (:func:`token_codes`),
    made once for the several tables that count the same tokens.

    Attributes
    ----------
    docs : ndarray of int32
        Each row's document, a code into ``doc_ids`` (as :func:`doc_codes`).
    doc_ids : list of str
        The distinct document ids, in order of first appearance.
    kept : ndarray of bool
        Which rows are terms (the token filter's choice; a missing token is none).
    terms : ndarray of int32
        Each kept row's term, a code into ``vocab``.
    vocab : list of str
        The kept rows' distinct terms, sorted by code point.
    token_filter : TokenFilter or None
        The filter that chose the kept rows (None: the table's ``keep`` column); a
        function given these codes checks that it is given the same filter.
    """

    docs: np.ndarray
    doc_ids: list[str]
    kept: np.ndarray
    terms: np.ndarray
    vocab: list[str]
    token_filter: TokenFilter | None = None

    def check(self, tokens: pd.DataFrame, token_filter: TokenFilter | None, func: str) -> None:
        """Raise ValueError unless these are the codes of ``tokens`` with ``token_filter``
        (the same number of rows, the same filter)."""
        if len(self.kept) != len(tokens):
            raise ValueError(f"{func}: coded has {len(self.kept)} rows but the token table "
                             f"{len(tokens)}; pass coded=token_codes(tokens, token_filter=...) "
                             "of this token table, or leave coded out.")
        if self.token_filter != token_filter:
            raise ValueError(f"{func}: coded was made with token_filter={self.token_filter!r} "
                             f"but token_filter={token_filter!r} is given; pass the same "
                             "token_filter to token_codes and here, or leave coded out.")


def token_codes(tokens: pd.DataFrame, *, token_filter: TokenFilter | None = None
                ) -> TokenCodes:
    """Code a token table's documents and kept terms once, for :func:`sparse_counts`,
    :func:`word_totals` and :func:`analysis.stats.clause_topics` of the same tokens.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["b", "b", "a"], "token": ["平台", "的", "人才"],
    ...                   "keep": [True, False, True]})
    >>> tc = token_codes(t)
    >>> tc.docs.tolist(), tc.kept.tolist(), tc.terms.tolist(), tc.vocab
    ([0, 0, 1], [True, False, True], [1, 0], ['人才', '平台'])
    """
    docs, doc_ids = doc_codes(tokens)
    if len(doc_ids) < 2**31 and docs.dtype != np.int32:
        docs = docs.astype(np.int32)
    kept = _kept_mask(tokens, token_filter)
    terms, vocab = _sorted_codes(tokens["token"], kept)
    return TokenCodes(docs, doc_ids, kept, terms, vocab, token_filter)


def _kept_mask(tokens: pd.DataFrame, token_filter: TokenFilter | None):
    if token_filter is None:
        kept = tokens["keep"].to_numpy(dtype=bool)
    else:
        kept = np.asarray(token_filter.apply(tokens), dtype=bool)
    # a missing token (None/NaN in a user's table) is no term
    return kept & tokens["token"].notna().to_numpy()


def doc_codes(tokens: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Each row's document as a code into the document ids (in order of appearance).

    Returns
    -------
    codes : ndarray of int
        For every row of ``tokens``, the index of its ``doc_id`` in ``doc_ids``.
    doc_ids : list of str
        The distinct document ids, in order of first appearance.

    Examples
    --------
    >>> import pandas as pd
    >>> codes, ids = doc_codes(pd.DataFrame({"doc_id": ["b", "b", "a"]}))
    >>> codes.tolist(), ids
    ([0, 0, 1], ['b', 'a'])
    """
    col = tokens["doc_id"]
    if len(col) and isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
        # token tables hold each document's rows together: find where the id changes
        arr = pa.array(col.array)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        if arr.null_count == 0:
            change = pc.not_equal(arr.slice(1), arr.slice(0, len(arr) - 1))
            starts = np.concatenate([[0], np.flatnonzero(change.to_numpy(zero_copy_only=False))
                                     + 1])
            ids = arr.take(pa.array(starts)).to_pylist()
            if len(set(ids)) == len(ids):
                codes = np.repeat(np.arange(len(ids)), np.diff(np.append(starts, len(arr))))
                return codes, ids
    if len(col) and isinstance(col.dtype, pd.CategoricalDtype):
        cat = col.cat.codes.to_numpy()
        if len(cat) and cat.min() >= 0:  # no missing id
            # the categories renumbered in order of their first row (int32: a code per token)
            first = pd.unique(cat)
            renumber = np.zeros(len(col.cat.categories), dtype=np.int32)
            renumber[first] = np.arange(len(first), dtype=np.int32)
            return renumber[cat], [str(u) for u in col.cat.categories.take(first)]
    codes, uniques = pd.factorize(col, sort=False)
    return codes, [str(u) for u in uniques]


def _sorted_codes(values: pd.Series, mask: np.ndarray | None = None
                  ) -> tuple[np.ndarray, list[str]]:
    """Codes of ``values`` (its rows where ``mask`` is true, if given) into their sorted
    distinct values (code point order)."""
    if mask is not None and not len(values):
        values = values[mask]
    arr = pa.array(values.array) if len(values) else pa.array([], pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if mask is not None and len(values):
        # Arrow's own filter: a boolean selection of the Series copies the strings slower
        arr = pc.filter(arr, pa.array(mask, type=pa.bool_()))
    enc = pc.dictionary_encode(arr)
    order = pc.sort_indices(enc.dictionary).to_numpy()
    # 4-byte codes (one per selected row) while the distinct values fit
    rank = np.empty(len(order), dtype=np.int32 if len(order) < 2**31 else np.int64)
    rank[order] = np.arange(len(order))
    codes = rank[enc.indices.to_numpy(zero_copy_only=False)]
    return codes, enc.dictionary.take(pa.array(order)).to_pylist()


def _term_codes(col: pd.Series, mask: np.ndarray) -> tuple[np.ndarray, list[Any]]:
    """Codes of the rows of ``col`` where ``mask`` is true into the sorted distinct values
    of those rows (code point order), and those values; a missing value gets -1."""
    if not col.hasnans:
        return _sorted_codes(col, mask)
    codes, seen = pd.factorize(col[mask])
    names = np.asarray(seen, dtype=object)
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(order) + 1, dtype=np.int64)
    rank[order] = np.arange(len(order))
    rank[-1] = -1  # code -1 reads the last slot
    return rank[codes], names[order].tolist()


def _counted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)``, sorting ``keys`` in place (no copy).

    Examples
    --------
    >>> k, c = _counted(np.array([5, 2, 5, 5, 7]))
    >>> k.tolist(), c.tolist()
    ([2, 5, 7], [1, 3, 1])
    """
    keys.sort()
    if not len(keys):
        return keys, np.zeros(0, dtype=np.intp)
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    counts = np.diff(np.append(starts, len(keys)))
    return keys[starts], counts


def sparse_counts(
    tokens: pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    min_df: int = 1,
    codes: tuple[np.ndarray, list[str]] | None = None,
    coded: TokenCodes | None = None,
) -> SparseCounts:
    """Count kept tokens per document into a CSR matrix (rows in corpus order, terms sorted).

    ``min_df`` drops terms found in fewer documents; ``codes`` is :func:`doc_codes` of
    ``tokens`` when the caller has it already, ``coded`` its :func:`token_codes` (then
    ``codes`` is not read). ``coded`` must be made with the same ``token_filter`` and have
    a row per token: ValueError otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["b", "b", "a"], "token": ["人才", "平台", "人才"],
    ...                   "keep": [True, True, True]})
    >>> sc = sparse_counts(t)
    >>> sc.doc_ids, sc.terms, sc.matrix.toarray().tolist()
    (['b', 'a'], ['人才', '平台'], [[1, 1], [1, 0]])
    """
    if coded is not None:
        coded.check(tokens, token_filter, "sparse_counts")
        rows, doc_ids, mask = coded.docs, coded.doc_ids, coded.kept
        cols, terms = coded.terms, coded.vocab
    else:
        rows, doc_ids = codes if codes is not None else doc_codes(tokens)
        mask = _kept_mask(tokens, token_filter)
        cols, terms = _sorted_codes(tokens["token"], mask)
    n_terms = max(len(terms), 1)
    # one sort of (document, term) keys gives the canonical CSR directly; the keys are
    # made and sorted in place (a 20M-character corpus has 5 million kept tokens: each
    # int64 temporary is 40 MB)
    key = rows[mask].astype(np.int64)
    del rows
    key *= n_terms
    key += cols
    del cols
    key, counts = _counted(key)
    indptr = np.zeros(len(doc_ids) + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // n_terms, minlength=len(doc_ids)), out=indptr[1:])
    m = sp.csr_matrix((counts.astype(np.int64), key % n_terms, indptr),
                      shape=(len(doc_ids), len(terms)))
    m.has_sorted_indices = True
    if min_df > 1:
        df = np.bincount(m.indices, minlength=m.shape[1])
        keep = np.flatnonzero(df >= min_df)
        m = m[:, keep]
        terms = [terms[i] for i in keep]
    m = m.tocsr()
    m.sort_indices()
    return SparseCounts(m, doc_ids, terms)


def word_totals(tokens: pd.DataFrame, *,
                codes: tuple[np.ndarray, list[str]] | None = None) -> pd.Series:
    """Word tokens per document (Han or Latin tokens, stopwords included): the denominator
    of per-10k frequencies, independent of the stopword settings. ``codes`` is
    :func:`doc_codes` of ``tokens`` when the caller has it already.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "a", "a"], "kind": ["han", "punct", "latin"]})
    >>> word_totals(t).to_dict()
    {'a': 2}
    """
    codes, doc_ids = codes if codes is not None else doc_codes(tokens)
    kind = tokens["kind"]
    if isinstance(kind.dtype, pd.CategoricalDtype):
        # the build's token table: compare the integer codes, no value per token
        want = kind.cat.categories.get_indexer(list(WORD_KINDS))
        words = np.isin(kind.cat.codes.to_numpy(), want[want >= 0])
    else:
        words = kind.isin(WORD_KINDS).to_numpy(dtype=bool)
    totals = np.bincount(codes[words], minlength=len(doc_ids)).astype(np.int64)
    return pd.Series(totals, index=pd.Index(doc_ids, name="doc_id", dtype="str"),
                     name="n_words")


def _frame(m: sp.spmatrix, doc_ids: list[str], terms: list[str], sparse: bool | None,
           dtype: str) -> pd.DataFrame:
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
    >>> int(counts.loc["tonghua_2012", "创新"])
    19
    """
    sc = sparse_counts(tokens, token_filter=token_filter, min_df=min_df)
    return _frame(sc.matrix, sc.doc_ids, sc.terms, sparse, "int64")


def _tfidf(sc: SparseCounts, *, sublinear_tf: bool, smooth_idf: bool, norm: str | None):
    """scikit-learn's ``TfidfTransformer`` on the sparse counts (rows sorted, CSR).

    The same arithmetic as scikit-learn 1.x (a test compares the two on every option), done
    here because importing scikit-learn takes 0.6 s, a tenth of a 20 M-character build:
    ``idf = ln((n + s) / (df + s)) + 1`` with ``s = 1`` if ``smooth_idf``; ``tf`` is the
    count, or ``1 + ln(count)`` if ``sublinear_tf``; rows scaled to unit ``norm``.
    """
    if norm not in (None, "l2", "l1"):
        raise ValueError(f"norm={norm!r}: use 'l2', 'l1' or None.")
    m = sc.matrix.tocsr()
    n_docs, n_terms = m.shape
    data = m.data.astype(np.float64)  # a copy: the counts stay as they are
    if sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    df = np.bincount(m.indices, minlength=n_terms).astype(np.float64)
    df += float(smooth_idf)
    idf = np.full(n_terms, float(n_docs + int(smooth_idf)))
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    data *= idf[m.indices]
    if norm is not None:
        lengths = np.diff(m.indptr)
        filled = lengths > 0
        sums = np.zeros(n_docs)
        if filled.any():  # reduceat needs each row's start, so only non-empty rows
            vals = data * data if norm == "l2" else np.abs(data)
            sums[filled] = np.add.reduceat(vals, m.indptr[:-1][filled])
        if norm == "l2":
            np.sqrt(sums, out=sums)
        sums[sums == 0] = 1.0  # an all-zero row stays zero
        data /= np.repeat(sums, lengths)
    out = sp.csr_matrix((data, m.indices.copy(), m.indptr.copy()), shape=m.shape)
    out.sort_indices()
    return out


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
    sc = sparse_counts(tokens, token_filter=token_filter)
    totals = word_totals(tokens).reindex(sc.doc_ids).to_numpy(dtype=float)
    scale = sp.diags(np.divide(per, totals, out=np.zeros_like(totals), where=totals > 0))
    m, terms = sc.matrix, sc.terms
    if keywords is not None:
        # only the asked-for columns (absent keywords are all-zero columns), never the
        # whole vocabulary
        where = {t: i for i, t in enumerate(terms)}
        terms = list(keywords)
        pick = np.array([where.get(t, -1) for t in terms], dtype=np.int64)
        cols = m[:, np.maximum(pick, 0)].tocsc() if len(terms) else sp.csc_matrix(
            (m.shape[0], 0))
        for j in np.flatnonzero(pick < 0).tolist():
            cols.data[cols.indptr[j]:cols.indptr[j + 1]] = 0
        cols.eliminate_zeros()
        m = cols.tocsr()
    m = (scale @ m.astype(float)).tocsr()
    return _frame(m, sc.doc_ids, terms, sparse, "float64")


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
    codes = doc_codes(tokens)
    return term_table_from_counts(
        sparse_counts(tokens, token_filter=token_filter, codes=codes),
        word_totals(tokens, codes=codes), per=per, sublinear_tf=sublinear_tf)


def counts_from_parts(parts: list[dict]) -> tuple[SparseCounts, pd.Series]:
    """The :func:`sparse_counts` and :func:`word_totals` of a token table, from the
    per-batch counts its batches carry (:func:`analysis.text.tokenize.token_arrays`), without
    touching the table's millions of rows. Only documents with tokens are rows, as in
    ``sparse_counts``."""
    n_tok = np.concatenate([p["n_tokens"] for p in parts]) if parts else np.zeros(0, int)
    present = n_tok > 0
    row_of = np.cumsum(present) - 1  # document index -> row
    doc_ids = [d for p in parts for d in p["doc_ids"]]
    rows_ids = [d for d, ok in zip(doc_ids, present.tolist(), strict=True) if ok]
    dicts = [p["term_dict"].cast(pa.large_string()) for p in parts]
    vocab = pc.dictionary_encode(pa.concat_arrays(dicts)) if dicts else None
    if vocab is None or len(vocab.dictionary) == 0:
        terms: list[str] = []
        rank = np.zeros(0, dtype=np.int64)
        glob = np.zeros(0, dtype=np.int64)
    else:
        order = pc.sort_indices(vocab.dictionary).to_numpy()
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        terms = vocab.dictionary.take(pa.array(order)).to_pylist()
        glob = rank[vocab.indices.to_numpy(zero_copy_only=False)]
    rows, cols, vals = [], [], []
    doc_base = dict_base = 0
    for p, d in zip(parts, dicts, strict=True):
        rows.append(row_of[p["term_doc"] + doc_base])
        cols.append(glob[dict_base + p["term_code"]])
        vals.append(p["term_count"])
        doc_base += len(p["doc_ids"])
        dict_base += len(d)
    n_terms = max(len(terms), 1)
    if rows:
        key = np.concatenate(rows) * n_terms + np.concatenate(cols)
        order = np.argsort(key, kind="stable")
        key, val = key[order], np.concatenate(vals)[order]
    else:
        key, val = np.zeros(0, np.int64), np.zeros(0, np.int64)
    indptr = np.zeros(len(rows_ids) + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // n_terms, minlength=len(rows_ids)), out=indptr[1:])
    m = sp.csr_matrix((val.astype(np.int64), key % n_terms, indptr),
                      shape=(len(rows_ids), len(terms)))
    m.has_sorted_indices = True
    words = np.concatenate([p["n_words"] for p in parts]) if parts else np.zeros(0, int)
    totals = pd.Series(words[present].astype(np.int64),
                       index=pd.Index(rows_ids, name="doc_id", dtype="str"), name="n_words")
    return SparseCounts(m, rows_ids, terms), totals


def term_table_from_counts(sc: SparseCounts, word_tot: pd.Series, *, per: int = 10_000,
                           sublinear_tf: bool = False) -> pd.DataFrame:
    """:func:`term_table` from counts already made (:func:`sparse_counts` and
    :func:`word_totals`, or :func:`counts_from_parts` of the build's token batches).

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> tokens = token_table(load_corpus())
    >>> t = term_table_from_counts(sparse_counts(tokens), word_totals(tokens))
    >>> t.equals(term_table(tokens))
    True
    """
    w = _tfidf(sc, sublinear_tf=sublinear_tf, smooth_idf=True, norm="l2")
    m = sc.matrix  # canonical CSR: entries in (document, term) order, as w
    r = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    c, v = m.indices, m.data
    totals = word_tot.reindex(sc.doc_ids).to_numpy(dtype=float)
    n_docs = np.bincount(c, minlength=m.shape[1])
    return pd.DataFrame({
        "doc_id": pa.array(sc.doc_ids, pa.large_string()).take(pa.array(r)).to_pandas(),
        "term": pa.array(sc.terms, pa.large_string()).take(pa.array(c)).to_pandas(),
        "count": v.astype(np.int64),
        "per_10k": np.round(v / totals[r] * per, 6),
        "tfidf": np.round(w.data, 9),
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
    ok = (terms["count"] >= min_count).to_numpy()
    docs, _ = doc_codes(terms)  # corpus order: first appearance in the term table
    docs, score = docs[ok], terms[by].to_numpy()[ok]
    idx = np.flatnonzero(ok)
    # candidates: per document, the rows scoring at least its n-th best score (ties
    # included); only those need the full (score, count, term) ordering
    order = np.lexsort((-score, docs))
    first = np.searchsorted(docs[order], docs[order], side="left")
    rank = np.arange(len(order)) - first
    nth = np.full(docs.max() + 1 if len(docs) else 0, -np.inf)
    at_n = order[rank == n - 1] if n > 0 else order[:0]
    nth[docs[at_n]] = score[at_n]
    cand = idx[score >= nth[docs]] if n > 0 else idx[:0]
    t = terms.iloc[cand].reset_index(drop=True)
    cdocs = docs[np.searchsorted(idx, cand)]
    term_rank, _ = _sorted_codes(t["term"])
    order = np.lexsort((term_rank, -t["count"].to_numpy(), -t[by].to_numpy(), cdocs))
    cdocs = cdocs[order]
    rank = np.arange(len(cdocs)) - np.searchsorted(cdocs, cdocs, side="left") + 1
    top = rank <= n
    t = t.iloc[order[top]].reset_index(drop=True)
    t["rank"] = rank[top].astype(np.int64)
    t["doc_id"] = t["doc_id"].astype(object)
    return t[["doc_id", "rank", "term", "tfidf", "count", "per_10k"]].reset_index(drop=True)
