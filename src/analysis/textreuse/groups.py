"""Near-duplicate documents: MinHash sketches, LSH candidates and groups of copies.

Every document is reduced to a MinHash sketch of its set of hashed character n-grams
(``num_perm`` multiply-shift hash functions, the minimum of each over the document's
n-grams, in compiled code). Locality-sensitive hashing cuts each sketch into bands of
rows; two documents whose rows agree in at least one band are candidates, and their
resemblance (Jaccard similarity of the n-gram sets) is estimated as the share of equal
sketch values. Documents are then grouped in corpus order: a document whose estimated
resemblance to an earlier group's *representative* (its first document) reaches
``threshold`` joins that group (the most similar representative; the earliest on ties);
otherwise it starts a group of its own.

:func:`analysis.textreuse.reuse` aligns a copy with its representative only, and with the
other documents only where its text is not in a passage it shares with the representative:
that keeps the work linear in the number of copies instead of quadratic.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import numpy as np
import pandas as pd
from numba import njit

from analysis.text.corpus import Corpus
from analysis.textreuse.alignment import _codes
from analysis.textreuse.ngram_index import _ngram_hashes
from analysis.textreuse.ordered import _in_order
from analysis.textreuse.seeds import _texts

__all__ = ["near_duplicates"]

#: fixed seed of the hash functions, so sketches (and groups) are the same on every run
_SEED = 20261206


@njit(cache=True, nogil=True)
def _sketch(hashes, starts, mult, add):  # pragma: no cover
    n_docs = len(starts) - 1
    n_perm = len(mult)
    top = np.uint64(0xFFFFFFFFFFFFFFFF)
    shift = np.uint64(32)
    out = np.full((n_docs, n_perm), top, dtype=np.uint64)
    for d in range(n_docs):
        for i in range(starts[d], starts[d + 1]):
            h = hashes[i]
            for p in range(n_perm):
                v = (h * mult[p] + add[p]) >> shift
                if v < out[d, p]:
                    out[d, p] = v
    return out


def sketches(hashes: list[np.ndarray], *, num_perm: int = 128, threads: int = 1) -> np.ndarray:
    """MinHash sketches (one row of ``num_perm`` values per document) of hashed n-grams.

    Empty documents get the all-ones row (resemblance 1 with each other, none with text).
    With ``threads`` above 1 the documents are sketched in that many parts of about as
    many n-grams at once (each row is the same however they are cut).
    """
    rng = np.random.default_rng(_SEED)
    mult = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    lengths = np.array([len(h) for h in hashes], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    flat = (np.concatenate(hashes).astype(np.uint64, copy=False) if hashes
            else np.zeros(0, dtype=np.uint64))
    if threads <= 1 or len(hashes) < 2:
        return _sketch(flat, starts, mult, add)
    # parts of consecutive documents, cut where a share of the n-grams is reached
    cuts = np.unique(np.r_[0, np.searchsorted(starts, starts[-1] * np.arange(1, threads)
                                              // threads), len(hashes)])
    calls = [partial(_sketch, flat, starts[c0:c1 + 1], mult, add)
             for c0, c1 in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True)]
    return np.concatenate(list(_in_order(calls, threads=threads)))


def group_documents(hashes: list[np.ndarray], *, threshold: float, num_perm: int = 128,
                    bands: int = 64, threads: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Each document's representative (its own index when it leads a group) and its
    estimated resemblance to it (1.0 for a representative), from hashed n-grams.

    Documents are visited in order; an LSH table holds the representatives only (one
    bucket per band and band value), so a document is compared with the representatives
    that agree with it on a whole band, never with every earlier document. Empty
    documents are never grouped.
    """
    n_docs = len(hashes)
    rep = np.arange(n_docs)
    sim = np.ones(n_docs)
    if n_docs < 2:
        return rep, sim
    sk = sketches(hashes, num_perm=num_perm, threads=threads)
    rows = num_perm // bands
    # one key per document and band: the band's values, as the rank of the distinct values
    # (offset per band, so the keys of all bands are one range)
    keys = np.empty((n_docs, bands), dtype=np.int64)
    top = 0
    for b in range(bands):
        _, inverse = np.unique(sk[:, b * rows:(b + 1) * rows], axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        keys[:, b] = inverse + top
        top += int(inverse.max()) + 1
    empty = np.array([len(h) == 0 for h in hashes], dtype=np.bool_)
    rep, sim = _group(sk, keys, empty, top, threshold)
    return rep, sim


@njit(cache=True, nogil=True)
def _group(sk, keys, empty, n_keys, threshold):  # pragma: no cover
    # documents in order; a document that joins no group becomes a representative and is
    # put in its bands' buckets (a list per key: head / next through the entries)
    n_docs, bands = keys.shape
    n_perm = sk.shape[1]
    rep = np.arange(n_docs)
    sim = np.ones(n_docs)
    head = np.full(n_keys, -1, dtype=np.int64)
    nxt = np.empty(n_docs * bands, dtype=np.int64)
    who = np.empty(n_docs * bands, dtype=np.int64)
    seen = np.full(n_docs, -1, dtype=np.int64)
    cand = np.empty(n_docs, dtype=np.int64)
    used = 0
    for d in range(n_docs):
        if empty[d]:
            continue
        k = 0
        for b in range(bands):
            e = head[keys[d, b]]
            while e >= 0:
                c = who[e]
                if seen[c] != d:
                    seen[c] = d
                    cand[k] = c
                    k += 1
                e = nxt[e]
        if k:
            found = np.sort(cand[:k])
            best = -1
            best_est = -1.0
            for t in range(k):
                c = found[t]
                same = 0
                for p in range(n_perm):
                    if sk[c, p] == sk[d, p]:
                        same += 1
                est = same / n_perm
                if est > best_est:  # the first (earliest) of the most similar
                    best, best_est = c, est
            if best_est >= threshold:
                rep[d] = best
                sim[d] = best_est
                continue
        for b in range(bands):
            key = keys[d, b]
            who[used] = d
            nxt[used] = head[key]
            head[key] = used
            used += 1
    return rep, sim


def near_duplicates(
    data: Corpus | pd.DataFrame | Mapping[str, str],
    *,
    threshold: float | None = 0.5,
    n: int = 10,
    num_perm: int = 128,
    bands: int = 64,
    threads: int = 1,
) -> pd.DataFrame:
    """Groups of near-duplicate documents (copies of one text), from MinHash and LSH.

    Each document's set of character n-grams is sketched with ``num_perm`` MinHash
    functions; sketches that agree on all rows of one of ``bands`` bands make candidate
    pairs, whose resemblance (Jaccard similarity of the n-gram sets) is estimated from the
    sketches. In corpus order, a document joins the group of the most similar earlier
    representative with a resemblance of at least ``threshold``, or leads a group.

    Parameters
    ----------
    data : Corpus, DataFrame or dict
        A corpus, its ``documents`` table or ``{doc_id: text}``.
    threshold : float or None, keyword-only
        Estimated resemblance at which a document is a copy of a representative; None
        makes every document its own group (what ``reuse(near_duplicate=None)`` does).
    n : int, keyword-only
        n-gram length in characters (that of :func:`reuse`'s seeds).
    num_perm, bands : int, keyword-only
        Sketch size and LSH bands (``num_perm / bands`` rows each): documents of
        resemblance ``s`` become candidates with probability ``1 - (1 - s**r)**bands``
        (0.98 at ``s = 0.25``, above 0.9999 from ``s = 0.4`` with the defaults).
    threads : int, keyword-only
        Threads that sketch the documents at once (the same table for any number).

    Returns
    -------
    DataFrame
        One row per document, in corpus order: ``doc_id, group, similarity,
        group_size``; ``group`` is the representative's ``doc_id`` (its own for a
        representative), ``similarity`` the estimated resemblance to it (1.0 for a
        representative).

    Examples
    --------
    >>> base = "各地要加快建设科技创新平台体系,完善成果转化机制,推动产业升级。" * 3
    >>> docs = {"a": base, "b": base.replace("推动", "促进", 1),
    ...         "c": "其他内容完全不同的一段文字。"}
    >>> near_duplicates(docs, threshold=0.5)[["doc_id", "group"]].values.tolist()
    [['a', 'a'], ['b', 'a'], ['c', 'c']]
    """
    if threshold is not None and not 0.0 < threshold <= 1.0:
        raise ValueError(f"near_duplicates: threshold={threshold!r}; give a resemblance in "
                         "(0, 1].")
    if num_perm < 1 or bands < 1 or num_perm % bands:
        raise ValueError(f"near_duplicates: num_perm={num_perm} must be a positive multiple "
                         f"of bands={bands}.")
    ids, texts, _ = _texts(data)
    hashes = [_ngram_hashes(_codes(t), n) for t in texts]
    if threshold is None:
        rep, sim = np.arange(len(ids)), np.ones(len(ids))
    else:
        rep, sim = group_documents(hashes, threshold=threshold, num_perm=num_perm,
                                   bands=bands, threads=threads)
    size = np.bincount(rep, minlength=len(ids))[rep] if len(ids) else np.zeros(0, int)
    return pd.DataFrame({"doc_id": ids, "group": [ids[r] for r in rep],
                         "similarity": np.round(sim, 6), "group_size": size.astype(np.int64)})
