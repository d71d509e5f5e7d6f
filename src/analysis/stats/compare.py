"""Comparative statistics: keyness, document similarity, clustering, a document map and
clause-level topics.

These are the methods researchers know from quanteda (``textstat_keyness``,
``textstat_simil``), KH Coder and scattertext, brought to Chinese policy documents. Every
function takes the token table of :func:`analysis.text.tokenize.token_table` (or a
:class:`~analysis.text.corpus.Corpus`, which is tokenised with the default settings) and returns a
tidy :class:`pandas.DataFrame`; the figures are in :mod:`analysis.plots.compare`.

Keyness
    :func:`keyness` compares a target group of documents (a city, an era, a document type,
    or an explicit list of ``doc_id``) with a reference (by default: all other documents),
    term by term, from 2×2 contingency tables (term / other words × target / reference):
    G² log-likelihood (optionally with Williams' correction), Pearson's chi-square
    (optionally with Yates' correction), the log ratio effect size and a p-value. The whole
    vocabulary is computed at once with numpy. :func:`keyness_by` runs one comparison per
    group (each group against the rest).
Similarity and grouping
    :func:`similarity` (cosine over TF-IDF, Jaccard over term sets, all ordered pairs),
    :func:`cluster_documents` (hierarchical clustering, one row per merge, for a
    dendrogram) and :func:`document_map` (classical MDS, i.e. PCA of the double-centred
    distance matrix, or metric SMACOF MDS; one row per document with x, y and a cluster).
Topics
    :func:`clause_topics` fits NMF (scikit-learn, deterministic ``nndsvda`` start) over
    clause TF-IDF and returns the topics' top terms, each clause's topic weights and each
    document's topic shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.structure.roles import ROLE_LABELS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from analysis.text.corpus import Corpus
    from analysis.text.tokenize import TokenFilter

__all__ = [
    "KEYNESS_COLUMNS",
    "KEYNESS_MEASURES",
    "TopicModel",
    "clause_topics",
    "cluster_documents",
    "document_map",
    "keyness",
    "keyness_by",
    "similarity",
]

KEYNESS_MEASURES = ("g2", "chi2", "log_ratio")
#: Columns of a :func:`keyness` table (the build writes ``keyness_era``/``keyness_city``
#: empty, with these columns, when the corpus has a single era or city).
KEYNESS_COLUMNS = (
    "comparison", "by", "target", "reference", "doc_id", "term", "count_target",
    "count_reference", "total_target", "total_reference", "per_10k_target",
    "per_10k_reference", "expected_target", "g2", "chi2", "log_ratio", "p_value", "keyness",
    "direction", "rank",
)
_CORRECTIONS = (None, "williams", "yates")
_LINKAGES = ("average", "complete", "single", "weighted")


# --------------------------------------------------------------------------- inputs
def _tokens_and_docs(
    data: Corpus | pd.DataFrame, documents: Corpus | pd.DataFrame | None, *, func: str
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Accept a Corpus or a token table; return (tokens, document metadata or None)."""
    import pandas as pd

    from analysis.text.corpus import Corpus

    if isinstance(data, Corpus):
        from analysis.text.tokenize import token_table

        docs = data.documents if documents is None else _docs_frame(documents, func=func)
        return token_table(data), docs
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}: give a Corpus or a token table (analysis.token_table(corpus)), "
                        f"not {type(data).__name__}.")
    needed = {"doc_id", "token", "kind", "keep"}
    missing = sorted(needed - set(data.columns))
    if missing:
        raise ValueError(f"{func}: the token table lacks column(s) {', '.join(missing)}; make it "
                         "with analysis.token_table(corpus).")
    return data, None if documents is None else _docs_frame(documents, func=func)


def _docs_frame(documents: Corpus | pd.DataFrame, *, func: str) -> pd.DataFrame:
    import pandas as pd

    from analysis.text.corpus import Corpus

    if isinstance(documents, Corpus):
        return documents.documents
    if isinstance(documents, pd.DataFrame) and "doc_id" in documents.columns:
        return documents
    raise ValueError(f"{func}: documents= must be a Corpus or a table with a doc_id column "
                     "(corpus.documents).")


def _doc_order(tokens: pd.DataFrame) -> list[Any]:
    """The token table's doc_ids in order of first appearance (``dict.fromkeys``), without
    a Python loop over the tokens when the column is an Arrow string column."""
    import pandas as pd

    col = tokens["doc_id"]
    if (len(col) and isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow"
            and not col.hasnans):
        from analysis.stats.matrices import doc_codes

        return list(doc_codes(tokens)[1])
    return list(dict.fromkeys(col))


def _unique_in_order(col: pd.Series) -> list[Any]:
    """``list(dict.fromkeys(col))``, hashed by pandas for a string column without NaN."""
    import pandas as pd

    if isinstance(col.dtype, pd.StringDtype) and not col.hasnans:
        return [str(v) for v in pd.unique(col)]
    return list(dict.fromkeys(col))


def _as_list(value: str | Sequence[str]) -> list[str]:
    if isinstance(value, str):
        return [value]
    return list(value)


# --------------------------------------------------------------------------- keyness
def _resolve_groups(
    doc_ids: list[str],
    docs: pd.DataFrame | None,
    by: str | None,
    target: Any,
    reference: Any,
) -> tuple[list[str], list[str], str, str]:
    """Turn target/reference (group values or doc ids) into two lists of doc ids."""
    if by in (None, "doc_id"):
        col = dict(zip(doc_ids, doc_ids, strict=True))
        where = "doc_id"
    else:
        if docs is None:
            raise ValueError(f"keyness: by={by!r} needs the document metadata: pass a Corpus, "
                             "or documents=corpus (or corpus.documents) with the token table.")
        if by not in docs.columns:
            raise ValueError(f"keyness: by={by!r} is not a metadata column; use one of "
                             f"{', '.join(map(str, docs.columns[:20]))}.")
        col = {d: str(v) for d, v in zip(docs["doc_id"], docs[by], strict=True)}
        unknown = [d for d in doc_ids if d not in col]
        if unknown:
            raise ValueError(f"keyness: doc_id(s) {', '.join(unknown)} of the token table are "
                             "not in the document metadata.")
        where = f"{by!r}"
    values = sorted({col[d] for d in doc_ids})
    tvals = [str(v) for v in _as_list(target)]
    bad = [v for v in tvals if v not in values]
    if bad:
        raise ValueError(f"keyness: target {', '.join(bad)} matches no document by {where}; "
                         f"choose from {', '.join(values)}.")
    tdocs = [d for d in doc_ids if col[d] in tvals]
    if reference is None:
        rdocs = [d for d in doc_ids if col[d] not in tvals]
        rlabel = "rest"
    else:
        rvals = [str(v) for v in _as_list(reference)]
        bad = [v for v in rvals if v not in values]
        if bad:
            raise ValueError(f"keyness: reference {', '.join(bad)} matches no document by "
                             f"{where}; choose from {', '.join(values)}.")
        overlap = sorted(set(tvals) & set(rvals))
        if overlap:
            raise ValueError(f"keyness: {', '.join(overlap)} is both target and reference.")
        rdocs = [d for d in doc_ids if col[d] in rvals]
        rlabel = "+".join(rvals)
    if not rdocs:
        raise ValueError(f"keyness: the reference is empty (every document is in the target "
                         f"{'+'.join(tvals)}); give a smaller target or another grouping.")
    return tdocs, rdocs, "+".join(tvals), rlabel


def _g2(obs: list[np.ndarray], exp: list[np.ndarray]) -> np.ndarray:
    from scipy.special import xlogy

    total = 0.0
    for o, e in zip(obs, exp, strict=True):
        total = total + xlogy(o, o / e)
    return 2.0 * total


def _yates(obs: list[np.ndarray], exp: list[np.ndarray]) -> list[np.ndarray]:
    """Move each observed count up to 0.5 towards its expectation (as scipy does)."""
    import numpy as np

    out = []
    for o, e in zip(obs, exp, strict=True):
        diff = e - o
        out.append(o + np.sign(diff) * np.minimum(0.5, np.abs(diff)))
    return out


def _contingency_stats(
    a: np.ndarray, b: np.ndarray, t_total: float, r_total: float, correction: str | None
) -> dict[str, np.ndarray]:
    """Per-term statistics from the 2×2 tables [[a, b], [t_total - a, r_total - b]]."""
    import numpy as np

    a = a.astype(float)
    b = b.astype(float)
    c = np.maximum(t_total - a, 0.0)
    d = np.maximum(r_total - b, 0.0)
    n = t_total + r_total
    row1 = a + b
    row2 = c + d
    ea, eb = row1 * t_total / n, row1 * r_total / n
    ec, ed = row2 * t_total / n, row2 * r_total / n
    obs, exp = [a, b, c, d], [ea, eb, ec, ed]
    if correction == "yates":
        obs = _yates(obs, exp)
    g2 = _g2(obs, exp)
    chi2 = sum((o - e) ** 2 / e for o, e in zip(obs, exp, strict=True))
    if correction == "williams":
        # Williams (1976) for a 2×2 table: q = 1 + (n/r1 + n/r2 - 1)(n/c1 + n/c2 - 1) / 6n
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1.0 + (n / row1 + n / row2 - 1.0) * (n / t_total + n / r_total - 1.0) / (6.0 * n)
        g2 = g2 / q
    # log ratio (Hardie 2014): log2 of the ratio of relative frequencies, 0.5 for zeros
    a_adj = np.where(a > 0, a, 0.5)
    b_adj = np.where(b > 0, b, 0.5)
    log_ratio = np.log2((a_adj / t_total) / (b_adj / r_total))
    return {"expected": ea, "g2": g2, "chi2": chi2, "log_ratio": log_ratio}


def keyness(
    data: Corpus | pd.DataFrame,
    *,
    target: str | Sequence[str],
    reference: str | Sequence[str] | None = None,
    by: str | None = None,
    documents: Corpus | pd.DataFrame | None = None,
    measure: str = "g2",
    correction: str | None = None,
    min_count: int = 3,
    token_filter: TokenFilter | None = None,
) -> pd.DataFrame:
    """Which terms a group of documents uses more (or less) than a reference.

    For every term, a 2×2 table of its count and of all other words in the target and the
    reference gives G² (log-likelihood), Pearson's chi-square, the log ratio and a p-value
    (chi-square distribution, 1 degree of freedom, of the statistic chosen by ``measure``).
    Corpus sizes are word tokens (Han or Latin tokens, stopwords included, as for
    ``per_10k``); the terms are the tokens kept by the filter.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus (tokenised with the default settings, metadata taken from it) or a token
        table from :func:`analysis.token_table`.
    target : str or list of str, keyword-only
        The group to describe: one or more values of the metadata column ``by``
        (``target="2010s", by="era"``), or, when ``by`` is None, one or more ``doc_id``.
    reference : str or list of str, optional, keyword-only
        The comparison group, as ``target``; None (the default) means every other document.
    by : str, optional, keyword-only
        Metadata column that defines the groups (``"era"``, ``"city"``, ``"doc_type"``,
        ``"province"`` or any column of your ``metadata.csv``); None or ``"doc_id"`` for
        explicit document ids.
    documents : Corpus or DataFrame, optional, keyword-only
        Document metadata (``corpus`` or ``corpus.documents``) when ``data`` is a token
        table and ``by`` names a metadata column.
    measure : {"g2", "chi2", "log_ratio"}, keyword-only
        The statistic that orders the rows (signed: over-use positive) and gives the
        p-value (``log_ratio`` orders by effect size; its p-value is G²'s).
    correction : {None, "williams", "yates"}, keyword-only
        Williams' correction of G², or Yates' continuity correction of both statistics
        (exactly as ``scipy.stats.chi2_contingency(correction=True)``).
    min_count : int, keyword-only
        Leave out terms seen fewer times in target and reference together.
    token_filter : TokenFilter, optional, keyword-only
        Which tokens are terms; the table's ``keep`` column by default.

    Returns
    -------
    DataFrame
        One row per term, columns ``comparison, by, target, reference, doc_id, term,
        count_target, count_reference, total_target, total_reference, per_10k_target,
        per_10k_reference, expected_target, g2, chi2, log_ratio, p_value, keyness,
        direction, rank``. ``keyness`` is the chosen measure with the sign of the
        difference (positive: the target over-uses the term); ``direction`` is ``"over"``
        or ``"under"``; ``rank`` counts from 1 within each direction. Rows are sorted by
        ``keyness`` descending (strongest over-use first, strongest under-use last).
        ``doc_id`` names the target's documents joined with ``+`` in corpus order: a real
        ``doc_id`` whenever the target is one document (a city, ``tonghua_2012`` as the
        2010s era) so the table joins the document metadata; otherwise it records exactly
        which documents made the target.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> k = keyness(load_corpus(), target="2010s", by="era")
    >>> k.loc[0, ["target", "reference", "direction"]].tolist()
    ['2010s', 'rest', 'over']
    >>> bool((k["g2"] >= 0).all())
    True
    """
    from analysis.stats.matrices import sparse_counts, word_totals

    if measure not in KEYNESS_MEASURES:
        raise ValueError(f"keyness: measure={measure!r}; use one of {', '.join(KEYNESS_MEASURES)}.")
    if correction not in _CORRECTIONS:
        raise ValueError(f"keyness: correction={correction!r}; use None, 'williams' or 'yates'.")
    tokens, docs = _tokens_and_docs(data, documents, func="keyness")
    sc = sparse_counts(tokens, token_filter=token_filter)
    totals = word_totals(tokens).reindex(sc.doc_ids, fill_value=0)
    return _keyness_table(sc, totals, docs, by=by, target=target, reference=reference,
                          measure=measure, correction=correction, min_count=min_count)


def _keyness_table(sc: Any, totals: pd.Series, docs: pd.DataFrame | None, *, by: str | None,
                   target: Any, reference: Any, measure: str, correction: str | None,
                   min_count: int) -> pd.DataFrame:
    """:func:`keyness` on precomputed counts (``sc``) and word totals (indexed like
    ``sc.doc_ids``), so :func:`keyness_by` counts the corpus once for all its groups."""
    import numpy as np
    import pandas as pd
    from scipy.stats import chi2 as chi2_dist

    tdocs, rdocs, tlabel, rlabel = _resolve_groups(sc.doc_ids, docs, by, target, reference)
    index = {d: i for i, d in enumerate(sc.doc_ids)}
    m = sc.matrix
    a = np.asarray(m[[index[d] for d in tdocs]].sum(axis=0)).ravel()
    b = np.asarray(m[[index[d] for d in rdocs]].sum(axis=0)).ravel()
    t_total = float(totals[tdocs].sum())
    r_total = float(totals[rdocs].sum())
    if t_total == 0 or r_total == 0:
        raise ValueError("keyness: the target or the reference has no word tokens.")
    keep = (a + b) >= min_count
    a, b = a[keep], b[keep]
    terms = np.asarray(sc.terms, dtype=object)[keep]
    st = _contingency_stats(a, b, t_total, r_total, correction)
    stat = st["g2"] if measure == "log_ratio" else st[measure]
    p = chi2_dist.sf(stat, 1)
    sign = np.where(a / t_total >= b / r_total, 1.0, -1.0)
    score = sign * (np.abs(st["log_ratio"]) if measure == "log_ratio" else stat)
    by_label = by or "doc_id"
    out = pd.DataFrame({
        "comparison": f"{by_label}: {tlabel} vs {rlabel}",
        "by": by_label,
        "target": tlabel,
        "reference": rlabel,
        "doc_id": "+".join(tdocs),
        "term": terms,
        "count_target": a.astype(np.int64),
        "count_reference": b.astype(np.int64),
        "total_target": int(t_total),
        "total_reference": int(r_total),
        "per_10k_target": np.round(a / t_total * 1e4, 6),
        "per_10k_reference": np.round(b / r_total * 1e4, 6),
        "expected_target": np.round(st["expected"], 6),
        "g2": np.round(st["g2"], 9),
        "chi2": np.round(st["chi2"], 9),
        "log_ratio": np.round(st["log_ratio"], 9),
        "p_value": p,
        "keyness": np.round(score, 9),
        "direction": np.where(sign > 0, "over", "under"),
    })
    out = out.sort_values(["keyness", "term"], ascending=[False, True], kind="mergesort")
    out["rank"] = 0
    over = out["direction"] == "over"
    out.loc[over, "rank"] = np.arange(1, int(over.sum()) + 1)
    out.loc[~over, "rank"] = np.arange(int((~over).sum()), 0, -1)
    return out.reset_index(drop=True)


def keyness_by(
    data: Corpus | pd.DataFrame,
    *,
    by: str = "era",
    documents: Corpus | pd.DataFrame | None = None,
    measure: str = "g2",
    correction: str | None = None,
    min_count: int = 3,
    token_filter: TokenFilter | None = None,
) -> pd.DataFrame:
    """:func:`keyness` of every group of ``by`` against all other documents, stacked.

    With two groups (2010s, 2020s) the two comparisons mirror each other; select one with
    ``table[table.target == "2010s"]``. Columns as :func:`keyness`; groups in sorted order.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> k = keyness_by(load_corpus(), by="era")
    >>> sorted(k["target"].unique())
    ['2010s', '2020s']
    """
    import pandas as pd

    from analysis.stats.matrices import sparse_counts, word_totals

    tokens, docs = _tokens_and_docs(data, documents, func="keyness_by")
    if by in (None, "doc_id"):
        groups = _doc_order(tokens)
    else:
        if docs is None:
            raise ValueError(f"keyness_by: by={by!r} needs the document metadata: pass a "
                             "Corpus, or documents=corpus with the token table.")
        if by not in docs.columns:
            raise ValueError(f"keyness_by: by={by!r} is not a metadata column.")
        present = set(_doc_order(tokens))
        groups = sorted({str(v) for d, v in zip(docs["doc_id"], docs[by], strict=True)
                         if d in present})
    if len(groups) < 2:
        raise ValueError(f"keyness_by: by={by!r} puts every document in one group; keyness "
                         "needs at least two groups.")
    if measure not in KEYNESS_MEASURES:
        raise ValueError(f"keyness: measure={measure!r}; use one of {', '.join(KEYNESS_MEASURES)}.")
    if correction not in _CORRECTIONS:
        raise ValueError(f"keyness: correction={correction!r}; use None, 'williams' or 'yates'.")
    # the counts and word totals once for every group (as keyness(...) per group would)
    sc = sparse_counts(tokens, token_filter=token_filter)
    totals = word_totals(tokens).reindex(sc.doc_ids, fill_value=0)
    parts = [_keyness_table(sc, totals, docs, by=by, target=g, reference=None,
                            measure=measure, correction=correction, min_count=min_count)
             for g in groups]
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------- similarity
def similarity(
    data: Corpus | pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    min_df: int = 1,
    sublinear_tf: bool = False,
) -> pd.DataFrame:
    """Pairwise document similarity: cosine over TF-IDF and Jaccard over term sets.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus or a token table.
    token_filter : TokenFilter, optional, keyword-only
        Which tokens are terms (the table's ``keep`` column by default).
    min_df : int, keyword-only
        Ignore terms found in fewer documents.
    sublinear_tf : bool, keyword-only
        Use 1 + log(tf) in the TF-IDF weights.

    Returns
    -------
    DataFrame
        One row per ordered pair of documents, the diagonal included (so
        ``pivot(index="doc_id", columns="doc_b", values="cosine")`` is the full matrix):
        ``doc_id, doc_b, cosine, jaccard, shared_terms, n_terms, n_terms_b``, in corpus
        order.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> s = similarity(load_corpus())
    >>> len(s), float(s.loc[0, "cosine"])
    (25, 1.0)
    """
    import numpy as np
    import pandas as pd

    from analysis.stats.matrices import _tfidf, sparse_counts

    tokens, _ = _tokens_and_docs(data, None, func="similarity")
    sc = sparse_counts(tokens, token_filter=token_filter, min_df=min_df)
    w = _tfidf(sc, sublinear_tf=sublinear_tf, smooth_idf=True, norm="l2")
    cos = np.asarray((w @ w.T).todense())
    np.fill_diagonal(cos, np.where(np.asarray(w.getnnz(axis=1)) > 0, 1.0, 0.0))
    binary = (sc.matrix > 0).astype(np.int64)
    shared = np.asarray((binary @ binary.T).todense())
    sizes = np.diag(shared).astype(float)
    union = sizes[:, None] + sizes[None, :] - shared
    jac = np.divide(shared, union, out=np.zeros_like(union), where=union > 0)
    n = len(sc.doc_ids)
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    ii, jj = ii.ravel(), jj.ravel()
    ids = np.asarray(sc.doc_ids, dtype=object)
    return pd.DataFrame({
        "doc_id": ids[ii],
        "doc_b": ids[jj],
        "cosine": np.round(np.clip(cos[ii, jj], 0.0, 1.0), 9),
        "jaccard": np.round(jac[ii, jj], 9),
        "shared_terms": shared[ii, jj].astype(np.int64),
        "n_terms": sizes[ii].astype(np.int64),
        "n_terms_b": sizes[jj].astype(np.int64),
    })


def _distance_matrix(sim: pd.DataFrame, measure: str, func: str) -> tuple[np.ndarray, list[str]]:
    import numpy as np

    for col in ("doc_id", "doc_b", measure):
        if col not in sim.columns:
            raise ValueError(f"{func}: the similarity table lacks column {col!r}; make it with "
                             "analysis.similarity(...) (measure is 'cosine' or 'jaccard').")
    order = _unique_in_order(sim["doc_id"])
    n = len(order)
    s = None
    if len(sim) == n * n and n:
        # the layout analysis.similarity writes (row-major, corpus order): reshape, no pivot
        a = sim["doc_id"].to_numpy(dtype=object).reshape(n, n)
        b = sim["doc_b"].to_numpy(dtype=object).reshape(n, n)
        ids = np.asarray(order, dtype=object)
        if (a == ids[:, None]).all() and (b == ids[None, :]).all():
            s = sim[measure].to_numpy(dtype=float).reshape(n, n)
            if np.isnan(s).any():
                s = None
    if s is None:
        wide = sim.pivot(index="doc_id", columns="doc_b", values=measure)
        missing = [d for d in order if d not in wide.columns]
        if missing or wide.isna().to_numpy().any():
            raise ValueError(f"{func}: the similarity table is not a full matrix (every "
                             "ordered pair, diagonal included); use the output of "
                             "analysis.similarity.")
        s = wide.loc[order, order].to_numpy(dtype=float)
    d = 1.0 - (s + s.T) / 2.0
    np.fill_diagonal(d, 0.0)
    return np.clip(d, 0.0, None), order


def cluster_documents(
    sim: pd.DataFrame, *, measure: str = "cosine", method: str = "average"
) -> pd.DataFrame:
    """Hierarchical (agglomerative) clustering of documents on ``1 - similarity``.

    Parameters
    ----------
    sim : DataFrame
        A :func:`similarity` table.
    measure : {"cosine", "jaccard"}, keyword-only
        The similarity column to cluster on.
    method : {"average", "complete", "single", "weighted"}, keyword-only
        The linkage (scipy's ``linkage``).

    Returns
    -------
    DataFrame
        One row per merge, in merge order, as scipy's linkage matrix: ``step, left,
        right, distance, size, left_doc, right_doc, members``. ``left``/``right`` are
        cluster numbers (``0..n-1`` the documents in corpus order, ``n + step`` the merge
        made at that step); ``left_doc``/``right_doc`` hold the ``doc_id`` when the side is
        one document (empty otherwise); ``members`` lists the merged cluster's documents.
        ``doc_id`` is ``members`` (documents joined by ``+``), so every row names its
        documents. :func:`analysis.plots.compare.plot_dendrogram` draws it.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> tree = cluster_documents(similarity(load_corpus()))
    >>> len(tree), int(tree["size"].iloc[-1])
    (4, 5)
    """
    import numpy as np
    import pandas as pd
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    if method not in _LINKAGES:
        raise ValueError(f"cluster_documents: method={method!r}; use one of "
                         f"{', '.join(_LINKAGES)}.")
    d, order = _distance_matrix(sim, measure, "cluster_documents")
    n = len(order)
    if n < 2:
        raise ValueError("cluster_documents: clustering needs at least two documents.")
    z = linkage(squareform(d, checks=False), method=method)
    members: list[list[str]] = [[doc] for doc in order]
    rows = []
    for step, (left, right, dist, size) in enumerate(z):
        left, right = int(left), int(right)
        merged = members[left] + members[right]
        members.append(merged)
        rows.append({
            "doc_id": "+".join(merged),
            "step": step + 1,
            "left": left,
            "right": right,
            "distance": round(float(dist), 9),
            "size": int(size),
            "left_doc": order[left] if left < n else "",
            "right_doc": order[right] if right < n else "",
            "members": "+".join(merged),
        })
    out = pd.DataFrame(rows)
    out["size"] = out["size"].astype(np.int64)
    return out


def document_map(
    sim: pd.DataFrame,
    *,
    measure: str = "cosine",
    method: str = "classical",
    n_clusters: int = 3,
    linkage: str = "average",
    random_state: int = 0,
) -> pd.DataFrame:
    """A 2-D map of the documents: similar documents lie close together.

    Parameters
    ----------
    sim : DataFrame
        A :func:`similarity` table.
    measure : {"cosine", "jaccard"}, keyword-only
        Distances are ``1 - measure``.
    method : {"classical", "smacof"}, keyword-only
        ``classical``: Torgerson's classical MDS (principal coordinates: PCA of the
        double-centred squared distances; exact and deterministic, signs fixed so the
        largest coordinate of each axis is positive). ``smacof``: scikit-learn's metric
        MDS (``random_state``), which fits the distances themselves rather than their
        squares.
    n_clusters : int, keyword-only
        Cut the :func:`cluster_documents` tree into this many clusters (at most the number
        of documents) for the ``cluster`` column.
    linkage : str, keyword-only
        Linkage for the clusters.
    random_state : int, keyword-only
        Seed for ``smacof``.

    Returns
    -------
    DataFrame
        One row per document in corpus order: ``doc_id, x, y, cluster, leaf_order``
        (position in the dendrogram). ``df.attrs["explained"]`` holds the share of the
        (classical) inertia on each axis.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> m = document_map(similarity(load_corpus()))
    >>> list(m.columns)
    ['doc_id', 'x', 'y', 'cluster', 'leaf_order']
    """
    import numpy as np
    import pandas as pd
    from scipy.cluster.hierarchy import fcluster, leaves_list
    from scipy.cluster.hierarchy import linkage as scipy_linkage
    from scipy.spatial.distance import squareform

    if method not in ("classical", "smacof"):
        raise ValueError(f"document_map: method={method!r}; use 'classical' or 'smacof'.")
    if linkage not in _LINKAGES:
        raise ValueError(f"document_map: linkage={linkage!r}; use one of {', '.join(_LINKAGES)}.")
    d, order = _distance_matrix(sim, measure, "document_map")
    n = len(order)
    if n < 3:
        raise ValueError("document_map: a 2-D map needs at least three documents.")
    j = np.eye(n) - 1.0 / n
    b = -0.5 * j @ (d ** 2) @ j
    vals, vecs = np.linalg.eigh(b)
    idx = np.argsort(vals)[::-1]
    vals, vecs = vals[idx], vecs[:, idx]
    pos = np.clip(vals, 0.0, None)
    explained = pos[:2] / pos.sum() if pos.sum() > 0 else np.zeros(2)
    if method == "classical":
        coords = vecs[:, :2] * np.sqrt(pos[:2])
    else:
        from sklearn.manifold import MDS

        try:  # scikit-learn >= 1.8
            mds = MDS(n_components=2, metric_mds=True, metric="precomputed",
                      init="classical_mds", random_state=random_state)
        except TypeError:  # pragma: no cover - older scikit-learn
            mds = MDS(n_components=2, metric=True, dissimilarity="precomputed",
                      n_init=4, random_state=random_state)
        coords = mds.fit_transform(d)
    for k in range(2):
        big = int(np.argmax(np.abs(coords[:, k])))
        if coords[big, k] < 0:
            coords[:, k] = -coords[:, k]
    z = scipy_linkage(squareform(d, checks=False), method=linkage)
    k = max(1, min(int(n_clusters), n))
    clusters = fcluster(z, t=k, criterion="maxclust")
    leaf = np.empty(n, dtype=np.int64)
    leaf[leaves_list(z)] = np.arange(n)
    out = pd.DataFrame({
        "doc_id": order,
        "x": np.round(coords[:, 0], 9),
        "y": np.round(coords[:, 1], 9),
        "cluster": clusters.astype(np.int64),
        "leaf_order": leaf,
    })
    out.attrs["explained"] = [round(float(v), 6) for v in explained]
    return out


# --------------------------------------------------------------------------- topics
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
    """

    terms: pd.DataFrame
    clauses: pd.DataFrame
    documents: pd.DataFrame

    def labels(self, n: int = 4) -> dict[int, str]:
        """``{topic: "term、term、..."}`` from the top ``n`` terms."""
        t = self.terms[self.terms["rank"] <= n]
        return {int(k): "、".join(g["term"]) for k, g in t.groupby("topic", sort=True)}


def _assign_units(tokens: pd.DataFrame, units: pd.DataFrame) -> np.ndarray:
    """Index (into ``units``) of the unit containing each token's start; -1 for none."""
    import numpy as np
    import pandas as pd

    out = np.full(len(tokens), -1, dtype=np.int64)
    if len(tokens) == 0 or len(units) == 0:
        return out
    starts_all = tokens["start"].to_numpy()
    # one vectorised search over all documents: units sorted by (document, char_start), each
    # token looked up by (its document, its start)
    udoc, uniq = pd.factorize(units["doc_id"], sort=False)
    col = tokens["doc_id"]
    if isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow" and (
            not col.hasnans):
        from analysis.stats.matrices import doc_codes

        # look up each document once (token tables hold a document's rows together)
        codes, ids = doc_codes(tokens)
        tdoc = pd.Index(uniq).get_indexer(pd.Index(ids, dtype=object))[codes]
    else:
        tdoc = pd.Index(uniq).get_indexer(col)
    cs_all = units["char_start"].to_numpy(dtype=np.int64)
    if (udoc >= 0).all() and len(cs_all) and cs_all.min() >= 0 and starts_all.min() >= 0:
        order = np.lexsort((cs_all, udoc))
        ud, cs = udoc[order], cs_all[order]
        # no two units of a document start at the same offset: the per-document search
        # below (any sort order) and this one pick the same unit
        if not ((ud[1:] == ud[:-1]) & (cs[1:] == cs[:-1])).any():
            span = int(max(cs.max(), starts_all.max())) + 1
            ce = units["char_end"].to_numpy()[order]
            found = tdoc >= 0
            pos = starts_all.astype(np.int64)
            k = np.searchsorted(ud.astype(np.int64) * span + cs,
                                tdoc.astype(np.int64) * span + pos, side="right") - 1
            kc = np.clip(k, 0, None)
            ok = found & (k >= 0) & (ud[kc] == tdoc) & (pos < ce[kc])
            out[ok] = units.index.to_numpy()[order[k[ok]]]
            return out
    tok_doc = tokens["doc_id"].to_numpy()
    for doc, grp in units.groupby("doc_id", sort=False):
        g = grp.sort_values("char_start")
        cs = g["char_start"].to_numpy()
        ce = g["char_end"].to_numpy()
        rows = np.flatnonzero(tok_doc == doc)
        pos = starts_all[rows]
        k = np.searchsorted(cs, pos, side="right") - 1
        ok = (k >= 0) & (pos < ce[np.clip(k, 0, None)])
        out[rows[ok]] = g.index.to_numpy()[k[ok]]
    return out


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
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    from analysis.text.corpus import Corpus

    if clauses is None:
        if not isinstance(data, Corpus):
            raise ValueError("clause_topics: with a token table, pass clauses= (a clause table "
                             "from analysis.structure.clause_table(corpus)).")
        from analysis.structure import clause_table

        clauses = clause_table(data)
    tokens, _ = _tokens_and_docs(data, None, func="clause_topics")
    need = {"doc_id", "clause_id", "char_start", "char_end"}
    missing = sorted(need - set(clauses.columns))
    if missing:
        raise ValueError(f"clause_topics: the clause table lacks column(s) {', '.join(missing)}.")
    if n_topics < 1:
        raise ValueError("clause_topics: n_topics must be at least 1.")
    units = clauses.reset_index(drop=True)
    if kinds is not None:
        units = units[units["kind"].isin(list(kinds))].reset_index(drop=True)
    if exclude_labels and "label" in units.columns:
        units = units[~units["label"].isin(list(exclude_labels))].reset_index(drop=True)
    # only the columns used below, then plain integer codes: each token's clause and term
    kept = tokens.loc[tokens["keep"] if token_filter is None else token_filter.apply(tokens),
                      ["doc_id", "start", "token"]]
    unit_of = _assign_units(kept, units)
    term_of, terms_seen = pd.factorize(kept["token"])  # a missing token: -1, not a term
    del kept
    unit_of = np.where(term_of >= 0, unit_of, -1)
    sizes = np.bincount(unit_of[unit_of >= 0], minlength=len(units))
    good = np.flatnonzero((sizes >= min_terms) & (sizes > 0))  # sorted clause indexes
    if len(good) < n_topics:
        raise ValueError(f"clause_topics: only {len(good)} clauses have {min_terms} or more "
                         f"terms, fewer than n_topics={n_topics}; lower n_topics or min_terms.")
    in_good = np.zeros(len(units) + 1, dtype=bool)
    in_good[good] = True
    sel = in_good[unit_of]  # unit -1 reads the last slot: False
    rows = np.searchsorted(good, unit_of[sel])
    term_of = term_of[sel]
    # the vocabulary of these clauses, sorted; terms renumbered in that order
    used = np.flatnonzero(np.bincount(term_of, minlength=len(terms_seen)))
    names = np.asarray(terms_seen, dtype=object)[used]
    by_name = np.argsort(names, kind="stable")
    vocab = names[by_name]
    new_code = np.empty(len(terms_seen), dtype=np.int64)
    new_code[used[by_name]] = np.arange(len(used))
    cols = new_code[term_of]
    x = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(good), len(vocab)))
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
    nmf = NMF(n_components=n_topics, init="nndsvda", random_state=random_state,
              max_iter=max_iter)
    w = nmf.fit_transform(tfidf)
    h = nmf.components_
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
    clause_tab = pd.DataFrame({
        "doc_id": np.repeat(meta["doc_id"].to_numpy(dtype=object), k),
        "clause_id": np.repeat(meta["clause_id"].to_numpy(dtype=object), k),
        "topic": np.tile(np.arange(1, k + 1), len(meta)),
        "weight": np.round(w.ravel(), 9),
        "share": np.round(share.ravel(), 9),
        "dominant": (np.tile(np.arange(k), len(meta)) == np.repeat(dominant, k)),
        "n_terms": np.repeat(n_terms.astype(np.int64), k),
    })
    # documents
    doc_order = _doc_order(tokens)
    labels = TopicModel(terms, clause_tab, clause_tab).labels()
    top_lists = {int(t): (g["term"].tolist(), g["weight"].tolist())
                 for t, g in terms.groupby("topic", sort=True)}
    docs_rows = []
    # each document's modelled clauses (row positions, ascending), found in one pass
    meta_doc = meta["doc_id"].to_numpy(dtype=object)
    doc_rows: dict[Any, list[int]] = {}
    for i, d in enumerate(meta_doc.tolist()):
        doc_rows.setdefault(d, []).append(i)
    for doc in doc_order:
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
