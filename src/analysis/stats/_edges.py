"""(private) The edge tables of :func:`analysis.stats.cooccurrence`: pairs of terms
counted in a binary units x terms matrix, scored and ordered, for the corpus or for each
document.

With ``by_document``, the documents' pairs are counted compiled one document at a time
(:func:`analysis.stats._pairs.doc_pairs`) and scored together (:func:`_scored_documents`):
the scores are element-wise, so each pair's numbers are those of scoring its document
alone, and one sort orders every document's edges.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analysis.stats._pairs import MAX_DENSE_TERMS, doc_pairs, top_edges

__all__: list[str] = []


def _edges(m, terms, *, min_count: int, min_term_count: int, max_terms: int | None,
           measure: str, top_n: int | None) -> pd.DataFrame:
    """The edge table of a binary units × terms matrix (see :func:`cooccurrence`)."""
    cols = _edge_columns(m, terms, min_count=min_count, min_term_count=min_term_count,
                         max_terms=max_terms, measure=measure, top_n=top_n)
    return cols if isinstance(cols, pd.DataFrame) else pd.DataFrame(cols)


def _edge_columns(m, terms, *, min_count: int, min_term_count: int, max_terms: int | None,
                  measure: str, top_n: int | None) -> dict[str, np.ndarray] | pd.DataFrame:
    """The columns of :func:`_edges` as arrays in the table's order (a DataFrame in the
    never-taken case of NaN scores)."""
    n_units = m.shape[0]
    df = np.asarray(m.sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= min_term_count)
    if max_terms is not None and len(keep) > max_terms:
        # the most frequent terms (ties broken by the term, terms are sorted)
        keep = np.sort(keep[np.lexsort((keep, -df[keep]))][:max_terms])
    m = m[:, keep]
    terms = terms[keep]
    df = df[keep]
    co = sp.triu(m.T @ m, k=1).tocoo()
    sel = co.data >= min_count
    i, j, c = co.row[sel], co.col[sel], co.data[sel].astype(float)
    return _scored(terms, i, j, c, df[i].astype(float), df[j].astype(float), n_units,
                   measure=measure, top_n=top_n)


def _scored(terms, i, j, c, ca, cb, n_units: int, *, measure: str, top_n: int | None
            ) -> dict[str, np.ndarray] | pd.DataFrame:
    """The edge columns of the pairs ``(terms[i], terms[j])`` (``i < j``, terms sorted)
    with their counts as floats, scored and ordered (see :func:`_edge_columns`)."""
    cols = {
        "term_a": terms[i].astype(object),
        "term_b": terms[j].astype(object),
        "count": c.astype(np.int64),
        "count_a": ca.astype(np.int64),
        "count_b": cb.astype(np.int64),
        "n_units": np.full(len(c), n_units, dtype=np.int64),
        **_scores(c, ca, cb, np.asarray(n_units, dtype=float), EDGE_SCORES),
    }
    key = cols[measure].astype(float)
    if np.isnan(key).any():  # pragma: no cover - the scores are never NaN
        out = pd.DataFrame(cols).sort_values([measure, "count", "term_a", "term_b"],
                                             ascending=[False, False, True, True],
                                             kind="mergesort")
        if top_n is not None:
            out = out.head(top_n)
        return out.reset_index(drop=True)
    # sort_values([measure, "count", "term_a", "term_b"], descending, descending, ascending,
    # ascending) in numpy: terms are sorted and distinct, so their indices order them
    order = np.lexsort((j, i, -cols["count"], -key))
    if top_n is not None:
        order = order[:top_n]
    return {k: v[order] for k, v in cols.items()}


def _doc_pairs(m: sp.csr_matrix, rows: np.ndarray, df: np.ndarray, loc: np.ndarray, *,
               min_term_count: int, max_terms: int | None, min_count: int,
               max_dense: int) -> tuple:
    """:func:`doc_pairs` of the units ``rows`` of ``m``: ``(a, b, count, count_a, count_b,
    dense)``."""
    return doc_pairs(m.indptr, m.indices, rows, df, loc, min_term_count,
                     -1 if max_terms is None else max_terms, min_count, max_dense)


def _doc_edges(m: sp.csr_matrix, terms: np.ndarray, rows: np.ndarray, df: np.ndarray,
               loc: np.ndarray, *, compiled: bool, min_count: int, min_term_count: int,
               max_terms: int | None, measure: str, top_n: int | None,
               max_dense: int = MAX_DENSE_TERMS) -> dict[str, np.ndarray] | pd.DataFrame:
    """The edge columns of the document whose units are the rows ``rows`` of ``m``: counted
    compiled (``compiled``; ``df`` and ``loc`` are :func:`doc_pairs`'s scratch space) when
    it keeps at most ``max_dense`` terms, otherwise by sparse products."""
    if compiled:
        a, b, c, ca, cb, dense = _doc_pairs(m, rows, df, loc, min_term_count=min_term_count,
                                            max_terms=max_terms, min_count=min_count,
                                            max_dense=max_dense)
        if dense:
            return _scored(terms, a, b, c.astype(float), ca.astype(float), cb.astype(float),
                           len(rows), measure=measure, top_n=top_n)
    sub = m[rows]
    # only the document's own terms: a term in none of its units makes no edge and
    # never displaces one of its terms from the max_terms most frequent
    cols = np.sort(sub.indices)  # np.unique by sorting (numpy's hashed unique is slower)
    cols = cols[np.concatenate(([True], cols[1:] != cols[:-1]))] if len(cols) else cols
    return _edge_columns(sub[:, cols], terms[cols], min_count=min_count,
                         min_term_count=min_term_count, max_terms=max_terms, measure=measure,
                         top_n=top_n)


def document_edges(m: sp.csr_matrix, terms: np.ndarray, doc_rows: list[np.ndarray],
                   docs: list, *, min_count: int, min_term_count: int,
                   max_terms: int | None, measure: str, top_n: int | None
                   ) -> pd.DataFrame | None:
    """The ``by_document`` edge table (``doc_id`` first) of the documents ``docs``, whose
    units are the rows ``doc_rows`` of ``m``; None when there is no document."""
    kw = {"min_count": min_count, "min_term_count": min_term_count, "max_terms": max_terms,
          "measure": measure, "top_n": top_n}
    if not docs:
        return None
    # the counts compiled (at least one shared unit: the pairs of the sparse product)
    compiled = isinstance(min_count, int) and min_count >= 1 and len(m.indices) < 2**31
    df, loc = np.zeros(len(terms), dtype=np.int64), np.full(len(terms), -1, dtype=np.int64)
    table = _compiled_edges(m, doc_rows, df, loc, min_term_count=min_term_count,
                            max_terms=max_terms, min_count=min_count, measure=measure,
                            top_n=top_n) if compiled else None
    if table is not None and len(table["doc"]):
        return pd.DataFrame({"doc_id": _taken(docs, table.pop("doc")),
                             "term_a": _taken(terms, table.pop("i")),
                             "term_b": _taken(terms, table.pop("j")), **table})
    # a document past the dense cap, NaN scores or no edge: each document on its own
    parts = [_doc_edges(m, terms, rows, df, loc, compiled=compiled, **kw) for rows in doc_rows]
    if any(isinstance(p, pd.DataFrame) for p in parts):  # pragma: no cover - NaN scores
        frames = [pd.DataFrame(p) for p in parts]
        for f, doc in zip(frames, docs, strict=True):
            f.insert(0, "doc_id", doc)
        return pd.concat(frames, ignore_index=True)
    # one table from the documents' columns, not one DataFrame per document
    sizes = [len(p["term_a"]) for p in parts]
    doc_col = np.repeat(np.asarray(docs, dtype=object), sizes)
    return pd.DataFrame({"doc_id": doc_col,
                         **{c: np.concatenate([p[c] for p in parts]) for c in parts[0]}})


def _compiled_edges(m: sp.csr_matrix, doc_rows: list[np.ndarray], df: np.ndarray,
                    loc: np.ndarray, *, min_term_count: int, max_terms: int | None,
                    min_count: int, measure: str, top_n: int | None
                    ) -> dict[str, np.ndarray] | None:
    """The edge columns of every document (``doc``: its index; ``i``, ``j``: the terms'
    codes), counted compiled and scored a batch of documents at a time (at most about
    :data:`_BATCH_PAIRS` pairs held); None when a document keeps more terms than the
    dense cap or a score is NaN."""
    batches, pending, held, first = [], [], 0, 0
    for d, rows in enumerate(doc_rows):
        *pairs, dense = _doc_pairs(m, rows, df, loc, min_term_count=min_term_count,
                                   max_terms=max_terms, min_count=min_count,
                                   max_dense=MAX_DENSE_TERMS)
        if not dense:
            return None
        pending.append((*pairs, len(rows)))
        held += len(pairs[2])
        if held >= _BATCH_PAIRS or d == len(doc_rows) - 1:
            cols = _scored_documents(pending, measure=measure, top_n=top_n)
            if cols is None:  # pragma: no cover - the scores are never NaN
                return None
            cols["doc"] += first
            batches.append(cols)
            first, pending, held = d + 1, [], 0
    if not batches:
        return None
    return {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}


#: Pairs of terms (all of them, before each document's strongest are kept) scored at a
#: time by :func:`_compiled_edges`: about 60 bytes each.
_BATCH_PAIRS = 100_000


def _scored_documents(counts: list[tuple], *, measure: str, top_n: int | None
                      ) -> dict[str, np.ndarray] | None:
    """The edge columns of several documents' compiled counts ``(a, b, count, count_a,
    count_b, n_units)``, each document's edges scored and ordered as :func:`_scored` does
    and cut to its ``top_n``, the documents in order: ``doc`` holds each edge's document
    (an index into ``counts``), ``i`` and ``j`` its terms' codes. None when a score is
    NaN (never: then :func:`_scored`'s own path per document)."""
    if top_n is not None and top_n < 0:  # pragma: no cover - a slice from the end
        return None
    sizes = np.array([len(c[2]) for c in counts], dtype=np.int64)
    count = _cat([x[2] for x in counts])
    units = np.repeat(np.array([x[5] for x in counts], dtype=np.int64), sizes)
    ca, cb = _cat([x[3] for x in counts]), _cat([x[4] for x in counts])
    # the ordering score of every pair; the others only for the edges kept (each score
    # is element-wise: the same numbers)
    key = (count.astype(np.float64) if measure == "count"
           else _scores(count, ca, cb, units, (measure,))[measure])
    if np.isnan(key).any():  # pragma: no cover - the scores are never NaN
        return None
    # each document's edges by (score, count) descending, then (term_a, term_b): the
    # order in which doc_pairs gives them
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    order = top_edges(np.ascontiguousarray(key, dtype=np.float64), count, bounds,
                      -1 if top_n is None else int(top_n))
    count, ca, cb, units = count[order], ca[order], cb[order], units[order]
    return {
        "doc": np.repeat(np.arange(len(counts)), sizes)[order],
        "i": _cat([x[0] for x in counts])[order],
        "j": _cat([x[1] for x in counts])[order],
        "count": count,
        "count_a": ca,
        "count_b": cb,
        "n_units": units,
        **_scores(count, ca, cb, units, EDGE_SCORES),
    }


#: The scores of an edge besides its count, in the table's order.
EDGE_SCORES = ("jaccard", "dice", "pmi", "npmi")


def _scores(count: np.ndarray, count_a: np.ndarray, count_b: np.ndarray,
            n_units: np.ndarray, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The scores ``names`` of the pairs with these counts (integers, or integers as
    floats), rounded: the one formula of every edge table."""
    # integer sums, differences and products below 2**53 are exact as floats: the
    # same quotients as of the counts made floats first
    out = {}
    if "jaccard" in names:
        out["jaccard"] = np.round(count / (count_a + count_b - count), 9)
    if "dice" in names:
        out["dice"] = np.round(2 * count / (count_a + count_b), 9)
    if "pmi" in names or "npmi" in names:
        c, ca, cb = count.astype(float), count_a.astype(float), count_b.astype(float)
        n = n_units.astype(float)
        pmi = np.log2(c * n / (ca * cb))
        if "pmi" in names:
            out["pmi"] = np.round(pmi, 9)
        if "npmi" in names:
            p_ab = c / n
            with np.errstate(divide="ignore", invalid="ignore"):
                out["npmi"] = np.round(np.where(p_ab < 1, pmi / -np.log2(p_ab), 1.0), 9)
    return out


def _cat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _taken(values, idx: np.ndarray):
    """``values`` at ``idx`` as a column: strings through Arrow (what pandas makes of
    those strings as objects), anything else as objects."""
    if all(isinstance(v, str) for v in values):
        return pd.Series(list(values), dtype="str").array.take(idx)
    return np.asarray(values, dtype=object)[idx]
