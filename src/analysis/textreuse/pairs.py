"""Text reuse per document pair: how much of each text another one shares.

:func:`reuse_pairs` sums the passages of :func:`analysis.textreuse.reuse` up per ordered
pair of documents, with numpy over all passages at once (interval unions by a running
maximum), so thousands of documents take seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.text.corpus import Corpus
from analysis.textreuse.kernel import unique_values
from analysis.textreuse.through import shared_through

__all__ = ["EVERY_PAIR_MAX_DOCS", "reuse_pairs"]

#: Up to this many documents :func:`reuse_pairs` lists every ordered pair, zeros included.
EVERY_PAIR_MAX_DOCS = 51

_COLUMNS = ["doc_id", "doc_b", "n_passages", "chars", "n_chars", "share", "best_score"]


def _labels(ids: list[str], idx: np.ndarray) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """``ids[idx]`` as a column of the type pandas gives a column of strings, taken from
    the distinct ids (each string converted once, not once per row).

    Examples
    --------
    >>> list(_labels(["a", "b"], np.array([1, 1, 0])))
    ['b', 'b', 'a']
    """
    kind = pd.Series(["x"]).dtype
    if not isinstance(kind, pd.StringDtype):
        return np.asarray(ids, dtype=object)[idx]
    return pd.array(ids, dtype=kind).take(np.asarray(idx, dtype=np.int64))


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


def _representatives(groups: pd.DataFrame, rank: dict[str, int], k: int) -> np.ndarray:
    """Each document's representative (index) from a :func:`near_duplicates` table."""
    missing = {"doc_id", "group"} - set(groups.columns)
    if missing:
        raise ValueError(f"reuse_pairs: groups needs the columns doc_id and group (a "
                         f"near_duplicates table); missing {sorted(missing)}.")
    rep = np.arange(k)
    d = groups["doc_id"].astype(str).map(rank)
    g = groups["group"].astype(str).map(rank)
    ok = d.notna() & g.notna()
    rep[d[ok].to_numpy(np.int64)] = g[ok].to_numpy(np.int64)
    return rep


def _add_through(pairs_found: np.ndarray, count: np.ndarray, chars: np.ndarray,
                 best: np.ndarray, key: np.ndarray,
                 extra: np.ndarray) -> tuple[np.ndarray, ...]:
    """The per-pair columns with ``extra`` characters added for the pairs ``key``
    (pairs new to the table get no passage)."""
    merged = unique_values(np.r_[pairs_found, key])
    at_old = np.searchsorted(merged, pairs_found)
    at_new = np.searchsorted(merged, key)
    out = [np.zeros(len(merged), dtype=np.int64) for _ in range(3)]
    out[0][at_old], out[1][at_old], out[2][at_old] = count, chars, best
    np.add.at(out[1], at_new, extra)
    return merged, out[0], out[1], out[2]


def reuse_pairs(passages: pd.DataFrame, documents: Corpus | pd.DataFrame, *,
                every_pair: bool | None = None,
                groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Summarise :func:`reuse` per document pair: how much of each text is shared.

    Parameters
    ----------
    passages : DataFrame
        A :func:`reuse` table.
    documents : Corpus or DataFrame
        The documents (``doc_id``, ``text``) the passages come from.
    every_pair : bool, optional, keyword-only
        ``True``: a row for every ordered pair, zeros included; ``False``: only the pairs
        that share text (a passage, or with ``groups`` text through the
        representatives). ``None`` (default): every pair up to ``EVERY_PAIR_MAX_DOCS``
        documents (a readable matrix), above that only the pairs that share text, so
        2,000 documents give a table as long as their reuse, not 4 million rows.
    groups : DataFrame, optional, keyword-only
        The groups of near-duplicates the passages were found with (a
        :func:`near_duplicates` table: ``doc_id, group``), when :func:`reuse` grouped
        them (``near_duplicate=...``). Then two copies of one group, and a copy and a
        document of another group, also share the text they share through the
        representatives: a copy's passages with its representative cover part of the
        representative's text, two copies share what both cover, and a copy shares with
        another group what a passage between the two representatives maps into the
        other document's cover (counted on the representative's text: a close estimate
        of the copy's own characters). None (default): the passages alone, as when every
        pair was aligned in full.

    Returns
    -------
    DataFrame
        One row per ordered pair of different documents (both directions, so a heatmap is
        one ``pivot`` away), sorted by ``doc_id`` then ``doc_b`` in corpus order:
        ``doc_id, doc_b, n_passages, chars, n_chars, share, best_score``; ``chars`` counts
        the characters of ``doc_id`` inside passages shared with ``doc_b`` (overlaps
        counted once), ``share = chars / n_chars``. ``n_passages`` and ``best_score``
        count the passages of the table between the two documents (with ``groups``, a
        pair may share text through the representatives only: ``chars > 0`` with no
        passage of its own).

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
    # the span columns alone (not a copy of the table with its quoted texts)
    sa, ea, sb, eb, sc = (passages[c].to_numpy(np.int64)[known]
                          for c in ("start_a", "end_a", "start_b", "end_b", "score"))
    # each passage counts for (doc_a, doc_b) with a's span and (doc_b, doc_a) with b's
    other = np.flatnonzero(da != db)
    x = np.r_[da[other], db[other]]
    key = x * k + np.r_[db[other], da[other]]
    # the pairs that share text, in row-major (doc_id, doc_b) order
    pairs_found, inverse = np.unique(key, return_inverse=True)
    del key
    n_found = len(pairs_found)
    count = np.bincount(inverse, minlength=n_found)
    chars = _union_lengths(inverse, np.clip(np.r_[sa[other], sb[other]], 0, None),
                           np.minimum(np.r_[ea[other], eb[other]], lengths[x]), n_found)
    del x
    best = np.zeros(n_found, dtype=np.int64)
    np.maximum.at(best, inverse, np.r_[sc[other], sc[other]])
    del inverse, other, sc
    if groups is not None:
        rep = _representatives(groups, rank, k)
        if (rep != np.arange(k)).any():
            tx, ty, tc = shared_through(rep, lengths, da, db, sa, ea, sb, eb)
            pairs_found, count, chars, best = _add_through(
                pairs_found, count, chars, best, tx * k + ty, tc)
            del tx, ty, tc
            chars = np.minimum(chars, lengths[pairs_found // max(k, 1)])
            n_found = len(pairs_found)
    del da, db, sa, ea, sb, eb
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
    del pairs_found, count, chars, best
    n_chars = lengths[xi]
    share = np.where(n_chars > 0, np.round(shared / np.maximum(n_chars, 1), 6), 0.0)
    # one column at a time, each let go once it is in the table (no copy of them all)
    out = pd.DataFrame({"doc_id": _labels(ids, xi)})
    del xi
    out["doc_b"] = _labels(ids, yi)
    del yi
    for name, col in (("n_passages", n_passages), ("chars", shared), ("n_chars", n_chars),
                      ("share", share), ("best_score", best_score)):
        out[name] = col
    return out
