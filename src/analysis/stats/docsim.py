"""Document similarity and grouping: which documents resemble each other.

:func:`similarity` gives cosine over TF-IDF and Jaccard over term sets for every ordered
pair of documents (quanteda's ``textstat_simil``); :func:`cluster_documents` clusters the
documents hierarchically (one row per merge, for a dendrogram) and :func:`document_map`
places them on a 2-D map (classical MDS, i.e. PCA of the double-centred distance matrix,
or metric SMACOF MDS; one row per document with x, y and a cluster). The figures are in
:mod:`analysis.plots.compare`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform
from threadpoolctl import threadpool_limits

from analysis.stats._inputs import tokens_and_docs, unique_in_order
from analysis.stats._products import gram_full, gram_rows
from analysis.stats.matrices import SparseCounts, _tfidf, sparse_counts

if TYPE_CHECKING:
    from analysis.text import TokenFilter
    from analysis.text.corpus import Corpus

__all__ = [
    "cluster_documents",
    "document_map",
    "similarity",
    "similarity_matrix",
    "similarity_tables",
]

#: The linkages of :func:`cluster_documents` and :func:`document_map` (scipy's names).
_LINKAGES = ("average", "complete", "single", "weighted")


def similarity(
    data: Corpus | pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    min_df: int = 1,
    sublinear_tf: bool = False,
    top_k: int | None = None,
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
    top_k : int, optional, keyword-only
        Keep, for each document, only its ``top_k`` most similar other documents (by
        cosine; ties go to the earlier document) besides itself: ``n * (top_k + 1)`` rows
        instead of ``n * n``, computed a block of documents at a time, so that memory grows
        with ``n * top_k``. ``None``: every pair. With ``top_k >= n - 1`` the table is the
        full one.

    Returns
    -------
    DataFrame
        One row per ordered pair of documents, the diagonal included (so
        ``pivot(index="doc_id", columns="doc_b", values="cosine")`` is the full matrix):
        ``doc_id, doc_b, cosine, jaccard, shared_terms, n_terms, n_terms_b``, in corpus
        order (``doc_b`` too); with ``top_k``, only each document's kept pairs.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> s = similarity(load_corpus())
    >>> len(s), float(s.loc[0, "cosine"])
    (25, 1.0)
    >>> len(similarity(load_corpus(), top_k=2))
    15
    """
    tokens, _ = tokens_and_docs(data, None, func="similarity")
    sc = sparse_counts(tokens, token_filter=token_filter, min_df=min_df)
    return _similarity(sc, sublinear_tf=sublinear_tf, top_k=top_k, func="similarity")[0]


def similarity_tables(
    data: Corpus | pd.DataFrame,
    *,
    token_filter: TokenFilter | None = None,
    min_df: int = 1,
    sublinear_tf: bool = False,
    top_k: int | None = None,
    counts: SparseCounts | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`similarity` and the cosine :func:`similarity_matrix` from one computation.

    The long table may keep only each document's ``top_k`` most similar documents while
    :func:`document_map` and :func:`cluster_documents` need every pair: this computes the
    TF-IDF and the products once for both.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus or a token table.
    token_filter, min_df, sublinear_tf, top_k : keyword-only
        As in :func:`similarity`.
    counts : SparseCounts, optional, keyword-only
        :func:`analysis.stats.sparse_counts` of ``data`` with ``token_filter`` and
        ``min_df``, when the caller has it already (then ``data`` is not read).

    Returns
    -------
    pairs : DataFrame
        What :func:`similarity` returns.
    matrix : DataFrame
        What ``similarity_matrix(..., measure="cosine")`` returns.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> pairs, matrix = similarity_tables(load_corpus(), top_k=2)
    >>> len(pairs), matrix.shape
    (15, (5, 5))
    """
    if counts is None:
        tokens, _ = tokens_and_docs(data, None, func="similarity_tables")
        counts = sparse_counts(tokens, token_filter=token_filter, min_df=min_df)
    pairs, vals = _similarity(counts, sublinear_tf=sublinear_tf, top_k=top_k,
                              func="similarity_tables", matrix=True)
    ids = pd.Index(list(counts.doc_ids), name="doc_id")
    return pairs, pd.DataFrame(vals, index=ids, columns=list(counts.doc_ids))


def _similarity(sc: SparseCounts, *, sublinear_tf: bool, top_k: int | None, func: str,
                matrix: bool = False) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The :func:`similarity` table of the counts ``sc`` and, with ``matrix``, the square
    cosine array (clipped and rounded as :func:`similarity_matrix`), from the same
    products: a block of documents at a time."""
    if top_k is not None and top_k < 0:
        raise ValueError(f"{func}: top_k={top_k}; give None (every pair) or a number "
                         ">= 0 of most similar documents to keep for each document.")
    w = _tfidf(sc, sublinear_tf=sublinear_tf, smooth_idf=True, norm="l2")
    n = len(sc.doc_ids)
    has_terms = np.asarray(w.getnnz(axis=1)) > 0
    sizes = np.asarray((sc.matrix > 0).sum(axis=1)).ravel().astype(float)
    wt = w.T.tocsr()
    keep_all = top_k is None or top_k >= n - 1
    step = max(n, 1) if keep_all else max(1, _BLOCK_CELLS // max(n, 1))
    full = shared_all = None
    if matrix and n * n <= _FULL_CELLS:
        # the square matrix is wanted anyway: every pair's products once (gram_full)
        full, shared_all = gram_full(w, wt)
        full[np.arange(n), np.arange(n)] = np.where(has_terms, 1.0, 0.0)
    elif matrix:
        full = np.zeros((n, n))
    parts_i, parts_j, parts_cos, parts_shared = [], [], [], []
    for lo in range(0, max(n, 1), step):
        rows = np.arange(lo, min(n, lo + step))
        if not len(rows):
            break
        if shared_all is not None:
            cos, shared = full[rows], shared_all[rows]
        else:
            # cosines and shared terms of the block's pairs, from one pass (gram_rows)
            cos, shared = gram_rows(w, wt, int(rows[0]), int(rows[-1]) + 1)
            cos[np.arange(len(rows)), rows] = np.where(has_terms[rows], 1.0, 0.0)
            if full is not None:
                full[rows] = cos
        if keep_all:
            cols = np.broadcast_to(np.arange(n), (len(rows), n))
        else:
            # each row's top_k other documents by cosine (ties: the earlier document, as
            # the stable sort keeps them), then the document itself, in corpus order
            key = np.where(np.arange(n)[None, :] == rows[:, None], -np.inf, -cos)
            order = np.argsort(key, axis=1, kind="stable")
            cols = np.sort(order[:, :top_k + 1], axis=1)
        ii = np.repeat(np.arange(len(rows)), cols.shape[1])
        jj = cols.ravel()
        parts_i.append(rows[ii])
        parts_j.append(jj)
        parts_cos.append(cos[ii, jj])
        parts_shared.append(shared[ii, jj])
    ii, jj = _cat(parts_i, np.int64), _cat(parts_j, np.int64)
    cos_v, shared_v = _cat(parts_cos, np.float64), _cat(parts_shared, np.float64)
    union = sizes[ii] + sizes[jj] - shared_v
    jac = np.divide(shared_v, union, out=np.zeros_like(union), where=union > 0)
    ids = np.asarray(sc.doc_ids, dtype=object)
    pairs = pd.DataFrame({
        "doc_id": ids[ii],
        "doc_b": ids[jj],
        "cosine": np.round(np.clip(cos_v, 0.0, 1.0), 9),
        "jaccard": np.round(jac, 9),
        "shared_terms": shared_v.astype(np.int64),
        "n_terms": sizes[ii].astype(np.int64),
        "n_terms_b": sizes[jj].astype(np.int64),
    })
    if full is not None:
        np.clip(full, 0.0, 1.0, out=full)
        full = np.round(full, 9)
    return pairs, full


def similarity_matrix(
    data: Corpus | pd.DataFrame,
    *,
    measure: str = "cosine",
    token_filter: TokenFilter | None = None,
    min_df: int = 1,
    sublinear_tf: bool = False,
) -> pd.DataFrame:
    """Document × document similarity as a square table, the values :func:`similarity`
    gives each pair, without a row per pair.

    What :func:`document_map` and :func:`cluster_documents` need when the long
    :func:`similarity` table keeps only each document's most similar documents
    (``top_k``).

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus or a token table.
    measure : {"cosine", "jaccard"}, keyword-only
        Cosine over TF-IDF or Jaccard over term sets.
    token_filter, min_df, sublinear_tf : keyword-only
        As in :func:`similarity`.

    Returns
    -------
    DataFrame
        Index and columns the doc_ids in corpus order (the index named ``doc_id``).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> m = similarity_matrix(load_corpus())
    >>> m.shape, float(m.iloc[0, 0])
    ((5, 5), 1.0)
    """
    if measure not in ("cosine", "jaccard"):
        raise ValueError(f"similarity_matrix: measure={measure!r}; use 'cosine' or 'jaccard'.")
    tokens, _ = tokens_and_docs(data, None, func="similarity_matrix")
    sc = sparse_counts(tokens, token_filter=token_filter, min_df=min_df)
    if measure == "cosine":
        w = _tfidf(sc, sublinear_tf=sublinear_tf, smooth_idf=True, norm="l2")
        vals = np.asarray((w @ w.T).todense())
        np.fill_diagonal(vals, np.where(np.asarray(w.getnnz(axis=1)) > 0, 1.0, 0.0))
        vals = np.clip(vals, 0.0, 1.0)
    else:
        binary = (sc.matrix > 0).astype(np.int64)
        shared = np.asarray((binary @ binary.T).todense()).astype(float)
        sizes = np.diag(shared)
        union = sizes[:, None] + sizes[None, :] - shared
        vals = np.divide(shared, union, out=np.zeros_like(union), where=union > 0)
    ids = pd.Index(list(sc.doc_ids), name="doc_id")
    return pd.DataFrame(np.round(vals, 9), index=ids, columns=list(sc.doc_ids))


#: Document pairs scored per block by :func:`similarity` with ``top_k``.
_BLOCK_CELLS = 2_000_000
#: :func:`similarity_tables` computes each pair once up to this many pairs (the square
#: cosine and shared-term arrays, 12 bytes a pair), a block of rows at a time above it.
_FULL_CELLS = 25_000_000


def _cat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)


def _distance_matrix(sim: pd.DataFrame, measure: str, func: str) -> tuple[np.ndarray, list[str]]:
    """``1 - similarity`` (symmetrised, diagonal 0) as a square array, with the doc_ids in
    corpus order; ``func`` names the caller in error messages."""
    if "doc_b" not in sim.columns and len(sim) == sim.shape[1] and len(sim) and (
            list(sim.index) == list(sim.columns)):
        # a square similarity_matrix table
        order = list(sim.index)
        s = sim.to_numpy(dtype=float)
        if np.isnan(s).any():
            raise ValueError(f"{func}: the similarity matrix has missing values.")
        d = 1.0 - (s + s.T) / 2.0
        np.fill_diagonal(d, 0.0)
        return np.clip(d, 0.0, None), order
    for col in ("doc_id", "doc_b", measure):
        if col not in sim.columns:
            raise ValueError(f"{func}: the similarity table lacks column {col!r}; make it with "
                             "analysis.similarity(...) (measure is 'cosine' or 'jaccard').")
    order = unique_in_order(sim["doc_id"])
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
        A :func:`similarity` table (every pair), or a square :func:`similarity_matrix`
        (then ``measure`` is the matrix's own).
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
    if method not in _LINKAGES:
        raise ValueError(f"cluster_documents: method={method!r}; use one of "
                         f"{', '.join(_LINKAGES)}.")
    d, order = _distance_matrix(sim, measure, "cluster_documents")
    n = len(order)
    if n < 2:
        raise ValueError("cluster_documents: clustering needs at least two documents.")
    z = hierarchy.linkage(squareform(d, checks=False), method=method)
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
        A :func:`similarity` table (every pair), or a square :func:`similarity_matrix`
        (then ``measure`` is the matrix's own).
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
    if method not in ("classical", "smacof"):
        raise ValueError(f"document_map: method={method!r}; use 'classical' or 'smacof'.")
    if linkage not in _LINKAGES:
        raise ValueError(f"document_map: linkage={linkage!r}; use one of {', '.join(_LINKAGES)}.")
    d, order = _distance_matrix(sim, measure, "document_map")
    n = len(order)
    if n < 3:
        raise ValueError("document_map: a 2-D map needs at least three documents.")
    # the double-centred squared distances, -J D² J / 2 with J = I - 1/n: each column's
    # mean taken from the squares, then each row's mean from the result (two passes over
    # the matrix instead of two n x n x n products)
    b = d ** 2
    b -= b.mean(axis=0)
    b -= b.mean(axis=1)[:, None]
    b *= -0.5
    # one BLAS thread: on a machine shared with other work, threads of the decomposition
    # wait for each other far longer than the arithmetic takes
    with threadpool_limits(limits=1, user_api="blas"):
        vals, vecs = np.linalg.eigh(b)
    idx = np.argsort(vals)[::-1]
    vals, vecs = vals[idx], vecs[:, idx]
    # an eigenvalue at the rounding noise of the largest is zero: a map of rank 1 (or 0)
    # has y = 0, not the square root of that noise
    pos = np.where(vals > _RANK_TOL * max(float(vals[0]), 0.0), vals, 0.0)
    explained = pos[:2] / pos.sum() if pos.sum() > 0 else np.zeros(2)
    if method == "classical":
        coords = vecs[:, :2] * np.sqrt(pos[:2])
        if pos[1] > 0 and pos[1] >= pos[0] * (1 - _TIE_TOL):
            coords = _canonical_rotation(coords)
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
        big = _first_largest(np.abs(coords[:, k]))
        if big >= 0 and coords[big, k] < 0:
            coords[:, k] = -coords[:, k]
    z = hierarchy.linkage(squareform(d, checks=False), method=linkage)
    k = max(1, min(int(n_clusters), n))
    clusters = hierarchy.fcluster(z, t=k, criterion="maxclust")
    leaf = np.empty(n, dtype=np.int64)
    leaf[hierarchy.leaves_list(z)] = np.arange(n)
    out = pd.DataFrame({
        "doc_id": order,
        # + 0.0: a coordinate rounded to -0.0 is written 0.0
        "x": np.round(coords[:, 0], 9) + 0.0,
        "y": np.round(coords[:, 1], 9) + 0.0,
        "cluster": clusters.astype(np.int64),
        "leaf_order": leaf,
    })
    out.attrs["explained"] = [round(float(v), 6) for v in explained]
    return out


#: Eigenvalues of the map below this share of the largest are rounding noise (zero).
_RANK_TOL = 1e-12
#: Coordinates (or the two eigenvalues of the map) within this share of each other tie.
_TIE_TOL = 1e-9


def _first_largest(a: np.ndarray) -> int:
    """The first position of ``a`` (non-negative) whose value is within :data:`_TIE_TOL`
    (relative) of the largest, or -1 when every value is 0: a tie between documents is
    broken by corpus order, not by rounding noise.

    Examples
    --------
    >>> _first_largest(np.array([0.5, 2.0, 2.0 + 1e-15, 1.0])), _first_largest(np.zeros(3))
    (1, -1)
    """
    top = float(a.max()) if len(a) else 0.0
    if top <= 0:
        return -1
    return int(np.flatnonzero(a >= top * (1 - _TIE_TOL))[0])


def _canonical_rotation(coords: np.ndarray) -> np.ndarray:
    """The 2-D map ``coords`` turned about the origin so that its first document (corpus
    order) farthest from the origin lies on the positive x axis: with two equal
    eigenvalues any turn of the axes is as good, and the decomposition's choice moves with
    rounding noise. Distances between documents are unchanged.

    Examples
    --------
    >>> c = _canonical_rotation(np.array([[0.0, 1.0], [0.0, -1.0], [0.5, 0.0]]))
    >>> (np.round(c, 9) + 0.0).tolist()
    [[1.0, 0.0], [-1.0, 0.0], [0.0, -0.5]]
    """
    anchor = _first_largest(np.hypot(coords[:, 0], coords[:, 1]))
    angle = np.arctan2(coords[anchor, 1], coords[anchor, 0])
    c, s = np.cos(angle), np.sin(angle)
    return coords @ np.array([[c, -s], [s, c]])
