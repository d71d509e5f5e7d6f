"""Topics of clauses: NMF over clause TF-IDF.

:func:`clause_topics` fits NMF (scikit-learn, deterministic ``nndsvda`` start) over the
TF-IDF of clauses (or any segmentation with character offsets) and returns a
:class:`TopicModel`: the topics' top terms, each clause's topic weights and each
document's topic shares. The figures are :func:`analysis.plots.compare.plot_topics` and
:func:`analysis.plots.compare.plot_topic_shares`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analysis.stats._inputs import assign_units, doc_order, tokens_and_docs
from analysis.stats._nmf import fit_nmf
from analysis.stats.matrices import TokenCodes, _kept_mask, _term_codes
from analysis.structure import clause_table
from analysis.structure.roles import ROLE_LABELS
from analysis.text.corpus import Corpus

if TYPE_CHECKING:
    from analysis.text import TokenFilter

__all__ = ["TopicModel", "clause_topics"]


@dataclass(frozen=True)
class TopicModel:
    """The result of :func:`clause_topics`: three tidy tables.

    Attributes
    ----------
    terms : DataFrame
        ``topic, rank, term, weight``: the top terms of each topic (NMF component
        weights), topic 1 the largest.
    clauses : DataFrame
        ``doc_id, clause_id, topic, weight, share, dominant, n_terms``: each modelled
        clause's NMF weight per topic, the weights normalised to shares (sum 1 per clause),
        and whether the topic is the clause's strongest.
    documents : DataFrame
        ``doc_id, topic, share, n_clauses, label, top_terms, term_weights``: each
        document's topic shares (clause shares averaged with the clauses' term counts as
        weights; they sum to 1), the number of clauses whose dominant topic it is, the
        topic's label (its four top terms joined with ``、``) and its top terms and their
        weights as lists (the same on every document's row, so this one table, as the
        build writes it, also draws :func:`analysis.plots.compare.plot_topics`).

    Examples
    --------
    >>> import pandas as pd
    >>> terms = pd.DataFrame({"topic": [1, 1, 2], "rank": [1, 2, 1],
    ...                       "term": ["人才", "引进", "金融"], "weight": [0.9, 0.5, 0.7]})
    >>> TopicModel(terms, pd.DataFrame(), pd.DataFrame()).labels()
    {1: '人才、引进', 2: '金融'}
    """

    terms: pd.DataFrame
    clauses: pd.DataFrame
    documents: pd.DataFrame

    def labels(self, n: int = 4) -> dict[int, str]:
        """``{topic: "term、term、..."}`` from the top ``n`` terms."""
        t = self.terms[self.terms["rank"] <= n]
        return {int(k): "、".join(g["term"]) for k, g in t.groupby("topic", sort=True)}


def clause_topics(
    data: Corpus | pd.DataFrame,
    *,
    clauses: pd.DataFrame | None = None,
    n_topics: int = 8,
    top_n: int = 10,
    min_terms: int = 5,
    min_df: int = 2,
    max_df: float = 0.5,
    kinds: Sequence[str] | None = None,
    exclude_labels: Sequence[str] = ROLE_LABELS,
    token_filter: TokenFilter | None = None,
    random_state: int = 0,
    max_iter: int = 1000,
    threads: int = 1,
    coded: TokenCodes | None = None,
) -> TopicModel:
    """Topics of clauses: NMF over clause TF-IDF (scikit-learn, fixed seed).

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus (its clauses from :func:`analysis.structure.clause_table`) or a token
        table (then ``clauses`` is required).
    clauses : DataFrame, optional, keyword-only
        The units to model: a clause table (``doc_id, clause_id, char_start, char_end``;
        any segmentation with these columns works, e.g. paragraphs).
    n_topics : int, keyword-only
        Number of topics.
    top_n : int, keyword-only
        Terms listed per topic.
    min_terms : int, keyword-only
        Clauses with fewer kept terms (headings, short lines) are not modelled.
    min_df, max_df : keyword-only
        Keep terms found in at least ``min_df`` clauses and at most a ``max_df`` share.
    kinds : list of str, optional, keyword-only
        Model only clauses of these ``kind`` values (all by default).
    exclude_labels : list of str, keyword-only
        Leave out clauses with these labels: by default the responsible-unit cells of task
        tables (lists of agencies, not policy content).
    token_filter : TokenFilter, optional, keyword-only
        Which tokens are terms.
    random_state, max_iter : int, keyword-only
        NMF seed and iteration limit (``init="nndsvda"``: deterministic).
    threads : int, keyword-only
        Threads for the NMF fit (2 or more: a second thread makes one of its products
        beside the other step); the results are the same for any number.
    coded : TokenCodes, optional, keyword-only
        :func:`analysis.stats.token_codes` of the token table with ``token_filter``, when
        the caller has it already (the same topics, without coding the tokens again).
        ValueError if it was made with another ``token_filter`` or has another number of
        rows than the token table.

    Returns
    -------
    TopicModel
        ``.terms``, ``.clauses``, ``.documents`` (see :class:`TopicModel`).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> tm = clause_topics(load_corpus(), n_topics=5)
    >>> sorted(int(t) for t in tm.terms["topic"].unique())
    [1, 2, 3, 4, 5]
    >>> bool(abs(tm.documents.groupby("doc_id")["share"].sum() - 1).max() < 1e-6)
    True
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfTransformer

    if clauses is None:
        if not isinstance(data, Corpus):
            raise ValueError("clause_topics: with a token table, pass clauses= (a clause table "
                             "from analysis.structure.clause_table(corpus)).")
        clauses = clause_table(data)
    tokens, _ = tokens_and_docs(data, None, func="clause_topics")
    need = {"doc_id", "clause_id", "char_start", "char_end"}
    missing = sorted(need - set(clauses.columns))
    if missing:
        raise ValueError(f"clause_topics: the clause table lacks column(s) {', '.join(missing)}.")
    if n_topics < 1:
        raise ValueError("clause_topics: n_topics must be at least 1.")
    # the columns read here only: filtering rows of the whole clause table would copy its
    # clause texts
    keep = [c for c in clauses.columns if c in need or c in ("kind", "label")]
    units = clauses[keep].reset_index(drop=True)
    if kinds is not None:
        units = units[units["kind"].isin(list(kinds))].reset_index(drop=True)
    if exclude_labels and "label" in units.columns:
        units = units[~units["label"].isin(list(exclude_labels))].reset_index(drop=True)
    # plain integer codes of the kept tokens (no copy of the token table): each one's
    # clause and term (terms numbered in code point order)
    if coded is not None:
        coded.check(tokens, token_filter, "clause_topics")
        mask = coded.kept
        unit_of = assign_units(tokens, units, mask, codes=(coded.docs, coded.doc_ids))
        term_of, terms_seen = coded.terms, coded.vocab
    else:
        mask = _kept_mask(tokens, token_filter)
        unit_of = assign_units(tokens, units, mask)
        term_of, terms_seen = _term_codes(tokens["token"], mask)
    del mask
    unit_of[term_of < 0] = -1  # a missing token is not a term
    sizes = np.bincount(unit_of[unit_of >= 0], minlength=len(units))
    good = np.flatnonzero((sizes >= min_terms) & (sizes > 0))  # sorted clause indexes
    if len(good) < n_topics:
        raise ValueError(f"clause_topics: only {len(good)} clauses have {min_terms} or more "
                         f"terms, fewer than n_topics={n_topics}; lower n_topics or min_terms.")
    in_good = np.zeros(len(units) + 1, dtype=bool)
    in_good[good] = True
    sel = in_good[unit_of]  # unit -1 reads the last slot: False
    rows = np.searchsorted(good, unit_of[sel]).astype(np.int32)
    del unit_of  # each per-token array is let go as soon as the next is made
    term_of = term_of[sel]
    del sel
    # the vocabulary of these clauses (sorted, as terms_seen is); terms renumbered in order
    used = np.flatnonzero(np.bincount(term_of, minlength=len(terms_seen)))
    vocab = np.asarray(terms_seen, dtype=object)[used]
    new_code = np.empty(len(terms_seen), dtype=np.int32)
    new_code[used] = np.arange(len(used), dtype=np.int32)
    cols = new_code[term_of]
    del term_of
    x = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(good), len(vocab)))
    del rows, cols  # per-token arrays: not needed by NMF
    x.sum_duplicates()
    df = np.asarray((x > 0).sum(axis=0)).ravel()
    keep_cols = np.flatnonzero((df >= min_df) & (df <= max_df * len(good)))
    if len(keep_cols) < n_topics:
        raise ValueError(f"clause_topics: only {len(keep_cols)} terms pass min_df={min_df} and "
                         f"max_df={max_df}; loosen them or lower n_topics.")
    x = x[:, keep_cols]
    vocab = vocab[keep_cols]
    unit_ids = np.sort(good)
    nonempty = np.asarray(x.getnnz(axis=1)) > 0
    x, unit_ids = x[nonempty], unit_ids[nonempty]
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(x)
    # scikit-learn's NMF (init="nndsvda", coordinate descent), its numbers, compiled
    w, h, n_iter = fit_nmf(tfidf, n_topics, random_state=random_state, max_iter=max_iter,
                           threads=threads)
    if n_iter == max_iter:
        warnings.warn(f"clause_topics: NMF reached max_iter={max_iter} before converging; "
                      "raise max_iter.", ConvergenceWarning, stacklevel=2)
    # order topics by their total weight, largest first (topic 1)
    order = np.lexsort((np.arange(n_topics), -w.sum(axis=0)))
    w, h = w[:, order], h[order]
    # terms
    term_rows = []
    for t in range(n_topics):
        top = np.lexsort((vocab, -h[t]))[:top_n]
        for r, j in enumerate(top, start=1):
            if h[t, j] <= 0:
                break
            term_rows.append({"topic": t + 1, "rank": r, "term": str(vocab[j]),
                              "weight": round(float(h[t, j]), 9)})
    terms = pd.DataFrame(term_rows, columns=["topic", "rank", "term", "weight"])
    # clauses
    tot = w.sum(axis=1, keepdims=True)
    share = np.divide(w, tot, out=np.zeros_like(w), where=tot > 0)
    dominant = np.where(tot.ravel() > 0, w.argmax(axis=1), -1)
    n_terms = np.asarray(x.sum(axis=1)).ravel()
    meta = units.loc[unit_ids, ["doc_id", "clause_id"]].reset_index(drop=True)
    k = n_topics
    rep = np.repeat(unit_ids, k)  # each modelled clause's row of units, once per topic
    clause_tab = pd.DataFrame({
        "doc_id": _repeated(units["doc_id"], rep),
        "clause_id": _repeated(units["clause_id"], rep),
        "topic": np.tile(np.arange(1, k + 1), len(meta)),
        "weight": np.round(w.ravel(), 9),
        "share": np.round(share.ravel(), 9),
        "dominant": (np.tile(np.arange(k), len(meta)) == np.repeat(dominant, k)),
        "n_terms": np.repeat(n_terms.astype(np.int64), k),
    })
    # documents
    order = doc_order(tokens)
    labels = TopicModel(terms, clause_tab, clause_tab).labels()
    top_lists = {int(t): (g["term"].tolist(), g["weight"].tolist())
                 for t, g in terms.groupby("topic", sort=True)}
    docs_rows = []
    # each document's modelled clauses (row positions, ascending), found in one pass
    meta_doc = meta["doc_id"].to_numpy(dtype=object)
    doc_rows: dict[Any, list[int]] = {}
    for i, d in enumerate(meta_doc.tolist()):
        doc_rows.setdefault(d, []).append(i)
    for doc in order:
        if doc not in doc_rows:
            continue
        sel = np.asarray(doc_rows[doc], dtype=np.int64)
        wts = n_terms[sel].astype(float)
        s = (share[sel] * wts[:, None]).sum(axis=0)
        s = s / s.sum() if s.sum() > 0 else s
        dom = np.bincount(dominant[sel][dominant[sel] >= 0], minlength=k)
        for t in range(k):
            top, wts = top_lists.get(t + 1, ([], []))
            docs_rows.append({"doc_id": doc, "topic": t + 1, "share": round(float(s[t]), 9),
                              "n_clauses": int(dom[t]), "label": labels.get(t + 1, ""),
                              "top_terms": list(top), "term_weights": list(wts)})
    documents = pd.DataFrame(docs_rows, columns=["doc_id", "topic", "share", "n_clauses",
                                                 "label", "top_terms", "term_weights"])
    return TopicModel(terms, clause_tab, documents)


def _repeated(col: pd.Series, rows: np.ndarray) -> Any:
    """The values of ``col`` at the positions ``rows``, as the column of a new table: a
    ``str`` column (Arrow strings, NaN for missing) taken by Arrow (no Python string per
    row), else an object array, from which pandas infers the type (``str`` also for a
    ``string`` column with ``pd.NA``)."""
    dtype = col.dtype
    if (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
            and dtype.na_value is not pd.NA):
        return col.array.take(rows)
    return col.to_numpy(dtype=object)[rows]
