"""Inputs the statistics share: a token table (and document metadata) from a Corpus or a
table, the documents in corpus order, and each token's unit (clause).

Private to :mod:`analysis.stats`: :mod:`~analysis.stats.contrast`,
:mod:`~analysis.stats.docsim`, :mod:`~analysis.stats.topic_model` and
:mod:`~analysis.stats.network` take their inputs through these helpers, so every function
accepts the same things and orders documents the same way.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numba import njit

from analysis.stats.matrices import doc_codes
from analysis.text import token_table
from analysis.text.corpus import Corpus

__all__ = ["assign_units", "doc_order", "docs_frame", "tokens_and_docs", "unique_in_order"]


def tokens_and_docs(
    data: Corpus | pd.DataFrame, documents: Corpus | pd.DataFrame | None, *, func: str
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Accept a Corpus or a token table; return (tokens, document metadata or None).

    ``func`` names the calling function in error messages.
    """
    if isinstance(data, Corpus):
        docs = data.documents if documents is None else docs_frame(documents, func=func)
        return token_table(data), docs
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{func}: give a Corpus or a token table (analysis.token_table(corpus)), "
                        f"not {type(data).__name__}.")
    needed = {"doc_id", "token", "kind", "keep"}
    missing = sorted(needed - set(data.columns))
    if missing:
        raise ValueError(f"{func}: the token table lacks column(s) {', '.join(missing)}; make it "
                         "with analysis.token_table(corpus).")
    return data, None if documents is None else docs_frame(documents, func=func)


def docs_frame(documents: Corpus | pd.DataFrame, *, func: str) -> pd.DataFrame:
    """The document metadata table of ``documents`` (a Corpus or a table with ``doc_id``)."""
    if isinstance(documents, Corpus):
        return documents.documents
    if isinstance(documents, pd.DataFrame) and "doc_id" in documents.columns:
        return documents
    raise ValueError(f"{func}: documents= must be a Corpus or a table with a doc_id column "
                     "(corpus.documents).")


def doc_order(tokens: pd.DataFrame) -> list[Any]:
    """The token table's doc_ids in order of first appearance (``dict.fromkeys``), without
    a Python loop over the tokens when the column is an Arrow string column."""
    col = tokens["doc_id"]
    if (len(col) and isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow"
            and not col.hasnans):
        return list(doc_codes(tokens)[1])
    if isinstance(col.dtype, pd.CategoricalDtype) and not col.hasnans:
        # the categories in order of their first row, from the integer codes (iterating
        # the column would make a Python object per row)
        first = pd.unique(col.cat.codes.to_numpy())
        return col.cat.categories.take(first).tolist()
    return list(dict.fromkeys(col))


def unique_in_order(col: pd.Series) -> list[Any]:
    """``list(dict.fromkeys(col))``, hashed by pandas for a string column without NaN."""
    if isinstance(col.dtype, pd.StringDtype) and not col.hasnans:
        return [str(v) for v in pd.unique(col)]
    return list(dict.fromkeys(col))


def assign_units(tokens: pd.DataFrame, units: pd.DataFrame,
                 mask: np.ndarray | None = None,
                 codes: tuple[np.ndarray, list[str]] | None = None) -> np.ndarray:
    """Index label (of ``units``) of the unit containing each token's start; -1 for none.

    ``units`` needs ``doc_id, char_start, char_end`` (a clause table or any segmentation);
    ``tokens`` needs ``doc_id, start``. With a boolean ``mask`` (one per token row) only
    the selected tokens are looked up, and the result has one entry per selected token
    (as ``assign_units(tokens[mask], units)``, without copying the token table).
    ``codes`` is :func:`~analysis.stats.matrices.doc_codes` of ``tokens`` when the caller
    has it already.
    """
    n_sel = len(tokens) if mask is None else int(np.count_nonzero(mask))
    out = np.full(n_sel, -1, dtype=np.int64)
    if n_sel == 0 or len(units) == 0:
        return out
    starts_all = tokens["start"].to_numpy()
    if mask is not None:
        starts_all = starts_all[mask]
    # one vectorised search over all documents: units sorted by (document, char_start), each
    # token looked up by (its document, its start)
    udoc, uniq = pd.factorize(units["doc_id"], sort=False)
    col = tokens["doc_id"]
    if ((isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow")
            or isinstance(col.dtype, pd.CategoricalDtype)) and not col.hasnans:
        # look up each document once (token tables hold a document's rows together)
        codes, ids = codes if codes is not None else doc_codes(tokens)
        if mask is not None:
            codes = codes[mask]
        lookup = pd.Index(uniq).get_indexer(pd.Index(ids, dtype=object))
        tdoc = lookup.astype(np.int32 if len(uniq) < 2**31 else np.int64)[codes]
        del codes
    else:
        tdoc = pd.Index(uniq).get_indexer(col if mask is None else col[mask])
    cs_all = units["char_start"].to_numpy(dtype=np.int64)
    if (udoc >= 0).all() and len(cs_all) and cs_all.min() >= 0 and starts_all.min() >= 0:
        order = np.lexsort((cs_all, udoc))
        ud, cs = udoc[order], cs_all[order]
        # no two units of a document start at the same offset: the per-document search
        # below (any sort order) and this one pick the same unit
        if not ((ud[1:] == ud[:-1]) & (cs[1:] == cs[:-1])).any():
            span = int(max(cs.max(), starts_all.max())) + 1
            ce = units["char_end"].to_numpy()[order]
            labels = units.index.to_numpy()[order]
            if (labels.dtype.kind in "iu" and ce.dtype.kind in "iu"
                    and starts_all.dtype.kind in "iu"):
                # the same search, compiled: no key or mask per token
                _look_up(ud.astype(np.int64) * span + cs, ud.astype(np.int64),
                         ce.astype(np.int64), labels.astype(np.int64), tdoc,
                         starts_all.astype(np.int64, copy=False), span, out)
                return out
            # one array per token at a time where it can (a 20M-character corpus has 10
            # million tokens: each int64 temporary is 80 MB)
            key = tdoc.astype(np.int64)
            key *= span
            key += starts_all
            k = np.searchsorted(ud.astype(np.int64) * span + cs, key, side="right")
            del key
            k -= 1
            ok = tdoc >= 0
            ok &= k >= 0
            np.maximum(k, 0, out=k)  # only rows with k >= 0 are kept
            ok &= ud[k] == tdoc
            ok &= starts_all < ce[k]
            out[ok] = units.index.to_numpy()[order[k[ok]]]
            return out
    tok_doc = tokens["doc_id"].to_numpy()
    if mask is not None:
        tok_doc = tok_doc[mask]
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


@njit(cache=True, nogil=True)
def _look_up(ukey, ud, ce, labels, tdoc, starts, span, out):  # pragma: no cover - numba
    # for each token with a document (tdoc >= 0), the last unit whose key (document,
    # start) is at most the token's, as np.searchsorted(ukey, key, side="right") - 1
    # finds it; it is the token's unit if of its document and ending after the token's
    # start. Tokens come in (document, start) order in a token table, so the search
    # gallops on from the unit before
    n = len(ukey)
    prev = np.int64(-1)
    k = np.int64(-1)
    for i in range(len(tdoc)):
        d = tdoc[i]
        if d < 0:
            continue
        key = d * span + starts[i]
        lo = np.int64(0)
        hi = n
        if k >= 0 and key >= prev:
            lo = k  # ukey[k] <= prev <= key
            step = np.int64(1)
            while lo + step < n and ukey[lo + step] <= key:
                lo += step
                step *= 2
            hi = min(lo + step, n)
        while lo < hi:  # the first unit after key in [lo, hi)
            mid = (lo + hi) >> 1
            if ukey[mid] <= key:
                lo = mid + 1
            else:
                hi = mid
        k = lo - 1
        prev = key
        if k >= 0 and ud[k] == d and starts[i] < ce[k]:
            out[i] = labels[k]
