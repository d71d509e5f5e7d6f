"""The n-gram index of text reuse: every character n-gram occurrence of a corpus, its
n-gram id, and the counts per n-gram that seeding and the boilerplate weights read.

The index is made with a few bytes per character of working memory: the n-gram hashes
are written into one array (no list of per-document arrays beside it), ids are given a
bucket of hashes at a time (buckets by the hashes' top bits, so the ids are the hashes'
ranks, as one ``np.unique`` over the corpus gives them), and the counts per n-gram
(occurrences, documents or groups of near-duplicates holding it) are counted in one
compiled pass over the occurrences instead of sorting an int64 key per occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

import numpy as np
from numba import njit

from analysis.textreuse.kernel import char_classes
from analysis.textreuse.ordered import _in_order

__all__: list[str] = []  # the index of analysis.textreuse.reuse; nothing public

#: hashes per bucket when ids are given a bucket at a time (about 8 MB of hashes)
_BUCKET = 1 << 20


def _ngram_hashes(codes: np.ndarray, n: int) -> np.ndarray:
    """Polynomial hash (mod 2**64) of every n-gram: ``len(codes) - n + 1`` values."""
    count = len(codes) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(count, dtype=np.uint64)
    base = np.uint64(1_000_003)
    u = codes.astype(np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * base + u[k:k + count]
    return h


_SKIP = re.compile(r"\s")  # a seed never spans white space


def _is_space(ch: str) -> bool:
    return bool(_SKIP.match(ch))


def _seed_ok_all(codes: list[np.ndarray], n: int) -> np.ndarray:
    """Per document (``codes``: code points), the n-gram start positions usable as seeds
    (no white space, at least half word characters), concatenated; an n-gram never spans
    two documents. The character classes are looked up once for the whole corpus."""
    if not codes:
        return np.zeros(0, bool)
    space, word = char_classes(np.concatenate(codes), _is_space, str.isalnum)
    cut = np.cumsum([len(c) for c in codes])[:-1]
    return np.concatenate([_seed_ok_from(s, w, n) for s, w in
                           zip(np.split(space, cut), np.split(word, cut), strict=True)])


def _seed_ok_from(space: np.ndarray, word: np.ndarray, n: int) -> np.ndarray:
    """n-gram starts with no white space and at least half word characters."""
    count = len(space) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=bool)
    cs = np.concatenate([[0], np.cumsum(space)])
    cw = np.concatenate([[0], np.cumsum(word)])
    has_space = (cs[n:] - cs[:-n]) > 0
    words = cw[n:] - cw[:-n]
    return ~has_space & (words * 2 >= n)


class NgramIndex(NamedTuple):
    """Every n-gram occurrence of a corpus (flat arrays, documents in order; documents,
    positions and n-gram ids are int32 when the corpus has fewer than 2**31 n-grams)."""

    counts: np.ndarray  # per document, how many n-grams it has
    offsets: np.ndarray  # where each document's occurrences start in the flat arrays
    doc: np.ndarray  # document of each occurrence
    pos: np.ndarray  # start of each occurrence in its document
    inverse: np.ndarray  # n-gram id of each occurrence
    doc_freq: np.ndarray  # per n-gram id: how many units (groups of copies) hold it
    n_units: int  # documents, counting a group of near-duplicates once
    seed_ok: np.ndarray  # per occurrence: may be a seed (no white space, mostly word chars)


def _index(codes: list[np.ndarray], *, n: int,
           unit: np.ndarray | None = None,
           hashes: list[np.ndarray] | None = None, threads: int = 1) -> NgramIndex:
    """Hash and index every n-gram; ``unit`` maps a document to its group of near-duplicates
    (None: every document is its own), for the document frequencies of boilerplate;
    ``hashes``: the documents' n-gram hashes when already made; ``threads``: as
    :func:`_ids`."""
    n_docs = len(codes)
    unit = np.arange(n_docs) if unit is None else np.asarray(unit, dtype=np.int64)
    lengths = np.array([max(len(c) - n + 1, 0) for c in codes] if hashes is None
                       else [len(h) for h in hashes], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    total = int(offsets[-1])
    seed_ok = _seed_ok_all(codes, n)
    all_h = np.empty(total, dtype=np.uint64)
    for d in range(n_docs):
        if lengths[d]:
            all_h[offsets[d]:offsets[d + 1]] = (_ngram_hashes(codes[d], n) if hashes is None
                                                else hashes[d])
    # int32 columns (4 bytes per character each instead of 8) whenever the ids fit
    idt = np.int32 if total < 2**31 - 1 else np.int64
    inverse, n_grams = _ids(all_h, idt, threads=threads)
    del all_h
    all_d = np.repeat(np.arange(n_docs, dtype=idt), lengths)
    all_p = np.empty(total, dtype=idt)
    for d in range(n_docs):
        all_p[offsets[d]:offsets[d + 1]] = np.arange(lengths[d], dtype=idt)
    ix = NgramIndex(lengths, offsets, all_d, all_p, inverse, np.zeros(n_grams, np.int64), 0,
                    seed_ok)
    return _with_units(ix, unit)


def _ids(hashes: np.ndarray, idt: type, *, bucket: int = _BUCKET,
         threads: int = 1) -> tuple[np.ndarray, int]:
    """Per hash, the rank of its value among the distinct values (``np.unique``'s
    ``return_inverse``), as ``idt``; and the number of distinct values.

    The hashes are split into buckets by their top bits (about ``bucket`` hashes each),
    and each bucket's ranks are found on its own: a bucket's values all lie below the next
    bucket's, so its ranks plus the distinct values of the buckets before it are the
    ranks over all hashes. With ``threads`` above 1 the buckets are ranked on that many
    threads (the same ids)."""
    total = len(hashes)
    inverse = np.empty(total, dtype=idt)
    bits = min(8, max(0, (total // max(1, bucket)).bit_length()))
    if bits == 0:
        uniq, inv = np.unique(hashes, return_inverse=True)
        inverse[:] = inv.reshape(-1)
        return inverse, len(uniq)
    order = np.empty(total, dtype=np.int32 if total < 2**31 - 1 else np.int64)
    starts = _bucket_order(hashes, 64 - bits, 1 << bits, order)
    buckets = [idx for idx in (order[starts[b]:starts[b + 1]] for b in range(1 << bits))
               if len(idx)]

    def ranks(idx: np.ndarray) -> tuple[int, np.ndarray]:
        uniq, inv = np.unique(hashes[idx], return_inverse=True)
        return len(uniq), inv.reshape(-1)

    n_grams = 0
    # NumPy's sort releases the interpreter's lock: buckets ranked side by side
    for idx, (n_uniq, inv) in zip(buckets, _in_order((partial(ranks, idx) for idx in buckets),
                                                     threads=threads), strict=True):
        inverse[idx] = inv + n_grams
        n_grams += n_uniq
    return inverse, n_grams


@njit(cache=True, nogil=True)
def _bucket_order(hashes, shift, n_buckets, order):  # pragma: no cover
    # positions grouped by the top bits of their hash into ``order`` (counting sort,
    # positions ascending); returns where each bucket starts
    starts = np.zeros(n_buckets + 1, dtype=np.int64)
    sh = np.uint64(shift)
    for i in range(len(hashes)):
        starts[np.int64(hashes[i] >> sh) + 1] += 1
    for b in range(n_buckets):
        starts[b + 1] += starts[b]
    fill = starts[:-1].copy()
    for i in range(len(hashes)):
        b = np.int64(hashes[i] >> sh)
        order[fill[b]] = i
        fill[b] += 1
    return starts


def _with_units(ix: NgramIndex, unit: np.ndarray) -> NgramIndex:
    """``ix`` with document frequencies counting the units ``unit`` (one per document)."""
    unit = np.asarray(unit, dtype=np.int64)
    n_docs = len(ix.counts)
    n_units = len(np.unique(unit)) if n_docs else 0
    _, doc_freq = gram_counts(ix, unit=unit)
    return ix._replace(doc_freq=doc_freq, n_units=n_units)


def gram_counts(ix: NgramIndex, *, unit: np.ndarray | None = None,
                keep: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per n-gram id: its occurrences, and the units (``unit``: per document; None: the
    documents) holding it, counting only the occurrences ``keep`` (None: all)."""
    n_docs = len(ix.counts)
    unit = np.arange(n_docs, dtype=np.int64) if unit is None else np.asarray(unit, np.int64)
    by_unit = np.argsort(unit, kind="stable")  # a unit's documents together, in order
    keep = np.ones(0, dtype=np.bool_) if keep is None else np.ascontiguousarray(keep, np.bool_)
    return _gram_counts(ix.inverse, ix.offsets, by_unit, unit, keep, len(ix.doc_freq))


@njit(cache=True, nogil=True)
def _gram_counts(inverse, offsets, by_unit, unit, keep, n_grams):  # pragma: no cover
    occ = np.zeros(n_grams, dtype=np.int64)
    units = np.zeros(n_grams, dtype=np.int64)
    last = np.full(n_grams, -1, dtype=np.int32)
    every = len(keep) == 0
    for t in range(len(by_unit)):
        d = by_unit[t]
        u = unit[d]
        for i in range(offsets[d], offsets[d + 1]):
            if every or keep[i]:
                g = inverse[i]
                occ[g] += 1
                if last[g] != u:  # a unit's documents are visited together
                    last[g] = u
                    units[g] += 1
    return occ, units


def group_leads(ix: NgramIndex, usable: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """Per occurrence: whether its document is the first document of its group of
    near-duplicates (``unit``, per document) holding a usable occurrence of the same
    n-gram (False where not ``usable``); one byte per occurrence."""
    unit = np.asarray(unit, np.int64)
    by_unit = np.argsort(unit, kind="stable")
    lead = np.zeros(len(ix.inverse), dtype=np.bool_)
    _group_leads(ix.inverse, ix.offsets, by_unit, unit,
                 np.ascontiguousarray(usable, np.bool_), len(ix.doc_freq), lead)
    return lead


@njit(cache=True, nogil=True)
def _group_leads(inverse, offsets, by_unit, unit, usable, n_grams, lead):  # pragma: no cover
    seen = np.full(n_grams, -1, dtype=np.int32)
    first = np.zeros(n_grams, dtype=np.int32)
    for t in range(len(by_unit)):
        d = by_unit[t]
        u = unit[d]
        for i in range(offsets[d], offsets[d + 1]):
            if usable[i]:
                g = inverse[i]
                if seen[g] != u:  # the group's first document holding the n-gram
                    seen[g] = u
                    first[g] = d
                lead[i] = first[g] == d


class CharWeights(Sequence):
    """The boilerplate weight of every character, per document (``weights[d]``: float64
    array over document ``d``'s text), kept as one small integer per character.

    A character's weight is the smallest weight of the n-grams covering it, and an
    n-gram's weight falls with its document frequency ``k`` (``1 - (k - 2) / (N - 2)``,
    clipped to [0, 1]), so the character keeps the largest ``k`` (its *level*; a level
    above every frequency for weight 0) and the weight is computed from it when read:
    the same float64 values, 2 bytes per character instead of 8 below 65,535 units.
    The last document read is kept, so reading one document's weights repeatedly is cheap.
    """

    def __init__(self, levels: np.ndarray, starts: np.ndarray, n_units: int) -> None:
        self.levels, self.starts, self.n_units = levels, starts, n_units
        self.zero = int(np.iinfo(levels.dtype).max)
        self._last: tuple[int, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, d):  # type: ignore[no-untyped-def, override]
        if not isinstance(d, (int, np.integer)):
            raise TypeError("CharWeights: index by one document")
        d = int(d) + (len(self) if d < 0 else 0)
        if not 0 <= d < len(self):
            raise IndexError(d)
        if self._last is not None and self._last[0] == d:
            return self._last[1]
        lev = self.levels[self.starts[d]:self.starts[d + 1]]
        zero = lev == self.zero
        if self.n_units > 2:
            w = 1.0 - np.clip((lev.astype(np.int64) - 2) / (self.n_units - 2), 0.0, 1.0)
            w[zero] = 0.0
        else:
            w = np.where(zero, 0.0, 1.0)
        self._last = (d, w)
        return w


def char_weights(ix: NgramIndex, lengths: Sequence[int], occ: np.ndarray, *,
                 max_occurrences: int, n: int) -> CharWeights:
    """The boilerplate weights (:class:`CharWeights`) of documents of ``lengths``
    characters: per character the largest document frequency of the n-grams covering
    it, or weight 0 when one of them occurs more than ``max_occurrences`` times."""
    dt = np.uint16 if ix.n_units < np.iinfo(np.uint16).max else np.int32
    zero = int(np.iinfo(dt).max)
    starts = np.concatenate([[0], np.cumsum(np.asarray(lengths, dtype=np.int64))])
    levels = np.zeros(int(starts[-1]), dtype=dt)
    level_of = np.where(occ > max_occurrences, zero, np.minimum(ix.doc_freq, zero)).astype(dt)
    _char_levels(ix.inverse, ix.offsets, starts, level_of, int(n), levels)
    return CharWeights(levels, starts, ix.n_units)


@njit(cache=True, nogil=True)
def _char_levels(inverse, offsets, starts, level_of, n, levels):  # pragma: no cover
    for d in range(len(offsets) - 1):
        base = starts[d]
        first = offsets[d]
        for j in range(offsets[d + 1] - first):
            lev = level_of[inverse[first + j]]
            for k in range(n):
                if levels[base + j + k] < lev:
                    levels[base + j + k] = lev


def seed_keys(ix: NgramIndex, d: int, *, common: np.ndarray) -> np.ndarray:
    """Document ``d``'s occurrences usable as seeds (``seed_ok``, and not an n-gram id
    marked in ``common``) as sorted int64 keys ``n-gram id * 2**32 + position``: grouped
    by n-gram, positions ascending within one (what :func:`pair_seed_rows` merges).

    Examples
    --------
    >>> from analysis.textreuse.alignment import _codes
    >>> ix = _index([_codes("甲乙甲乙")], n=2)  # 甲乙 at 0 and 2, 乙甲 at 1
    >>> ix.inverse.tolist()
    [1, 0, 1]
    >>> [(int(k) >> 32, int(k) & 0xFFFFFFFF) for k in seed_keys(ix, 0, common=np.zeros(2, bool))]
    [(0, 1), (1, 0), (1, 2)]
    """
    if len(ix.doc_freq) >= 2**31:
        raise ValueError("seed_keys: the index has more than 2**31 distinct n-grams.")
    lo, hi = int(ix.offsets[d]), int(ix.offsets[d + 1])
    inv = ix.inverse[lo:hi]
    ok = ix.seed_ok[lo:hi] & ~common[inv]
    key = (inv[ok].astype(np.int64) << 32) | ix.pos[lo:hi][ok].astype(np.int64)
    key.sort()
    return key


def pair_seed_rows(keys_a: np.ndarray, keys_b: np.ndarray, length_a: int, *,
                   max_occurrences: int) -> np.ndarray:
    """The seed pairs of two documents from their :func:`seed_keys`: every pair of an
    occurrence in ``a`` and one in ``b`` of an n-gram that occurs at most
    ``max_occurrences`` times in the two keys together. ``length_a``: the n-grams of
    ``a`` (positions are below it). Rows ``(start in a, start in b)``, int64, sorted by
    both.

    Examples
    --------
    >>> key = lambda g, p: (g << 32) | p
    >>> ka = np.array([key(0, 0), key(0, 2), key(1, 1)]); kb = np.array([key(0, 0)])
    >>> pair_seed_rows(ka, kb, 3, max_occurrences=3).tolist()
    [[0, 0], [2, 0]]
    >>> len(pair_seed_rows(ka, kb, 3, max_occurrences=2))
    0
    """
    return _pair_seed_rows(np.ascontiguousarray(keys_a, dtype=np.int64),
                           np.ascontiguousarray(keys_b, dtype=np.int64), int(length_a),
                           int(max_occurrences))


@njit(cache=True, nogil=True)
def _pair_seed_rows(ka, kb, length_a, max_occ):  # pragma: no cover
    na = len(ka)
    nb = len(kb)
    low = np.int64(0xFFFFFFFF)
    # per position of a: the range of b's keys it pairs with
    first = np.zeros(length_a, dtype=np.int64)
    last = np.zeros(length_a, dtype=np.int64)
    total = 0
    t = 0
    j = 0
    while t < na:
        g = ka[t] >> 32
        t2 = t
        while t2 < na and ka[t2] >> 32 == g:
            t2 += 1
        while j < nb and kb[j] >> 32 < g:
            j += 1
        j2 = j
        while j2 < nb and kb[j2] >> 32 == g:
            j2 += 1
        if j2 > j and (t2 - t) + (j2 - j) <= max_occ:
            for u in range(t, t2):
                p = ka[u] & low
                first[p] = j
                last[p] = j2
            total += (t2 - t) * (j2 - j)
        t = t2
        j = j2
    out = np.empty((total, 2), dtype=np.int64)
    c = 0
    for p in range(length_a):
        for u in range(first[p], last[p]):
            out[c, 0] = p
            out[c, 1] = kb[u] & low
            c += 1
    return out
