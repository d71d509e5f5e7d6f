"""Text reuse per document pair: how much of each text another one shares.

:func:`reuse_pairs` sums the passages of :func:`analysis.textreuse.reuse` up per ordered
pair of documents, with numpy over all passages at once (interval unions by a running
maximum), so thousands of documents take seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.text.corpus import Corpus

__all__ = ["EVERY_PAIR_MAX_DOCS", "reuse_pairs"]

#: Up to this many documents :func:`reuse_pairs` lists every ordered pair, zeros included.
EVERY_PAIR_MAX_DOCS = 51

_COLUMNS = ["doc_id", "doc_b", "n_passages", "chars", "n_chars", "share", "best_score"]


def _union_lengths(group: np.ndarray, start: np.ndarray, end: np.ndarray,
                   n_groups: int) -> np.ndarray:
    """Per group id, the length of the union of its intervals ``[start, end)``."""
    out = np.zeros(n_groups, dtype=np.int64)
    if not len(group):
        return out
    order = np.lexsort((start, group))
    g, s, e = group[order], start[order], end[order]
    # running maximum of the ends within each group (offset per group keeps them apart)
    big = int(e.max()) + 1
    run = np.maximum.accumulate(g * big + e) - g * big
    prev = np.r_[0, run[:-1]]
    first = np.r_[True, g[1:] != g[:-1]]
    prev = np.where(first, s, prev)
    gain = np.clip(e - np.maximum(s, prev), 0, None)
    np.add.at(out, g, gain)
    return out


def reuse_pairs(passages: pd.DataFrame, documents: Corpus | pd.DataFrame, *,
                every_pair: bool | None = None) -> pd.DataFrame:
    """Summarise :func:`reuse` per document pair: how much of each text is shared.

    Parameters
    ----------
    passages : DataFrame
        A :func:`reuse` table.
    documents : Corpus or DataFrame
        The documents (``doc_id``, ``text``) the passages come from.
    every_pair : bool, optional, keyword-only
        ``True``: a row for every ordered pair, zeros included; ``False``: only the pairs
        that share at least one passage. ``None`` (default): every pair up to
        ``EVERY_PAIR_MAX_DOCS`` documents (a readable matrix), above that only the pairs
        that share text, so 2,000 documents give a table as long as their reuse, not 4
        million rows.

    Returns
    -------
    DataFrame
        One row per ordered pair of different documents (both directions, so a heatmap is
        one ``pivot`` away), sorted by ``doc_id`` then ``doc_b`` in corpus order:
        ``doc_id, doc_b, n_passages, chars, n_chars, share, best_score``; ``chars`` counts
        the characters of ``doc_id`` inside passages shared with ``doc_b`` (overlaps
        counted once), ``share = chars / n_chars``.

    Examples
    --------
    >>> from analysis import load_corpus, reuse
    >>> c = load_corpus()
    >>> p = reuse_pairs(reuse(c), c)
    >>> len(p)
    20
    >>> int((p["n_passages"] > 0).sum()) == len(reuse_pairs(reuse(c), c, every_pair=False))
    True
    """
    docs = documents.documents if isinstance(documents, Corpus) else documents
    ids = list(map(str, docs["doc_id"]))
    k = len(ids)
    lengths = docs["text"].str.len().to_numpy(dtype=np.int64)
    rank = {d: i for i, d in enumerate(ids)}
    da = passages["doc_a"].map(rank).to_numpy()
    db = passages["doc_b"].map(rank).to_numpy()
    known = ~(pd.isna(da) | pd.isna(db))
    da, db = da[known].astype(np.int64), db[known].astype(np.int64)
    p = passages.loc[known]
    # each passage counts for (doc_a, doc_b) with a's span and (doc_b, doc_a) with b's
    x = np.r_[da, db]
    y = np.r_[db, da]
    s = np.r_[p["start_a"].to_numpy(np.int64), p["start_b"].to_numpy(np.int64)]
    e = np.r_[p["end_a"].to_numpy(np.int64), p["end_b"].to_numpy(np.int64)]
    score = np.r_[p["score"].to_numpy(np.int64), p["score"].to_numpy(np.int64)]
    other = x != y
    x, y, s, e, score = x[other], y[other], s[other], e[other], score[other]
    key = x * k + y
    # the pairs that share text, in row-major (doc_id, doc_b) order
    pairs_found, inverse = np.unique(key, return_inverse=True)
    n_found = len(pairs_found)
    count = np.bincount(inverse, minlength=n_found)
    chars = _union_lengths(inverse, np.clip(s, 0, None), np.minimum(e, lengths[x]), n_found)
    best = np.zeros(n_found, dtype=np.int64)
    np.maximum.at(best, inverse, score)
    if every_pair is None:
        every_pair = k <= EVERY_PAIR_MAX_DOCS
    if every_pair:
        xi, yi = np.divmod(np.arange(k * k), k)
        keep = xi != yi
        xi, yi = xi[keep], yi[keep]
        pair = xi * k + yi
        slot = np.searchsorted(pairs_found, pair)
        hit = slot < n_found
        hit[hit] = pairs_found[slot[hit]] == pair[hit]
        pad = np.zeros(len(pair), dtype=np.int64)
        n_passages, shared, best_score = pad.copy(), pad.copy(), pad.copy()
        n_passages[hit] = count[slot[hit]]
        shared[hit] = chars[slot[hit]]
        best_score[hit] = best[slot[hit]]
    else:
        xi, yi = np.divmod(pairs_found, k)
        n_passages, shared, best_score = count.astype(np.int64), chars, best
    n_chars = lengths[xi]
    share = np.where(n_chars > 0, np.round(shared / np.maximum(n_chars, 1), 6), 0.0)
    id_arr = np.asarray(ids, dtype=object)
    return pd.DataFrame({"doc_id": id_arr[xi], "doc_b": id_arr[yi],
                         "n_passages": n_passages, "chars": shared, "n_chars": n_chars,
                         "share": share, "best_score": best_score}, columns=_COLUMNS)
