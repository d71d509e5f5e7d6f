"""Seeds of text reuse: the n-grams two documents share, and their chaining into regions.

Every character n-gram of every normalised text is hashed (a vectorised polynomial hash,
mod 2**64); an inverted index finds the n-grams that two documents share. Boilerplate is
down-weighted: n-grams found in (almost) every document or occurring extremely often are
not seeds, and the characters they cover weigh little in the passages' weighted score.
Seeds of a document pair that lie near the same diagonal and close together are chained
into candidate regions, which :mod:`analysis.textreuse.passages` aligns.
"""

from __future__ import annotations

import math
import re

import numpy as np

from analysis.errors import ScaleError
from analysis.textreuse.kernel import chain_regions, char_classes

__all__: list[str] = []  # the seeding stage of analysis.textreuse.reuse; nothing public

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


def _seed_ok(text: str, n: int, codes: np.ndarray | None = None) -> np.ndarray:
    """n-gram start positions usable as seeds: no white space, at least half word chars
    (``codes``: the code points of ``text``, when already at hand)."""
    count = len(text) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=bool)
    if codes is None:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    space, word = char_classes(text, codes, lambda ch: bool(_SKIP.match(ch)), str.isalnum)
    cs = np.concatenate([[0], np.cumsum(space)])
    cw = np.concatenate([[0], np.cumsum(word)])
    has_space = (cs[n:] - cs[:-n]) > 0
    words = cw[n:] - cw[:-n]
    return ~has_space & (words * 2 >= n)


def _seed_pairs(
    codes: list[np.ndarray],
    texts: list[str],
    *,
    n: int,
    pairs: str,
    common_share: float | None,
    max_occurrences: int,
    max_seeds: int | None,
) -> tuple[dict[tuple[int, int], np.ndarray], list[np.ndarray]]:
    """The seeds of every document pair and each document's boilerplate weights.

    ``codes`` and ``texts`` are the documents' code arrays and normalised texts (same
    order). Returns ``{(doc a, doc b): array of (start in a, start in b)}`` (document
    indexes, ``a <= b``; ``a == b`` only when ``pairs`` allows repeats within a document)
    and, per document, a weight per character: 1 for text shared by two documents only,
    falling linearly to 0 for text in every document; 0 for text covered by an n-gram that
    occurs more than ``max_occurrences`` times. The other options are those of
    :func:`analysis.textreuse.reuse`.
    """
    n_docs = len(codes)
    # hash every n-gram, index them, drop boilerplate
    hs, ds, ps = [], [], []
    for di, c in enumerate(codes):
        h = _ngram_hashes(c, n)
        hs.append(h)
        ds.append(np.full(len(h), di, dtype=np.int64))
        ps.append(np.arange(len(h)))
    all_h = np.concatenate(hs) if hs else np.zeros(0, dtype=np.uint64)
    all_d = np.concatenate(ds) if ds else np.zeros(0, dtype=np.int64)
    all_p = np.concatenate(ps) if ps else np.zeros(0, dtype=np.int64)
    uniq, inverse, occ = np.unique(all_h, return_inverse=True, return_counts=True)
    pair_key = np.unique(inverse * n_docs + all_d)
    doc_freq = np.bincount(pair_key // n_docs, minlength=len(uniq))
    common = occ > max_occurrences
    if common_share is not None:
        common_docs = max(3, math.ceil(common_share * n_docs))
        common |= (doc_freq >= common_docs) & (n_docs >= 3)
    # boilerplate weight per character: 1 for text shared by two documents only, falling
    # linearly to 0 for text in every document (the most widespread n-gram covering it);
    # 0 for text covered by an extremely frequent n-gram
    weights = []
    offset = 0
    for di, h in enumerate(hs):
        inv = inverse[offset:offset + len(h)]
        if n_docs > 2:
            w_gram = 1.0 - np.clip((doc_freq[inv] - 2) / (n_docs - 2), 0.0, 1.0)
        else:
            w_gram = np.ones(len(h))
        w_gram = np.where(occ[inv] > max_occurrences, 0.0, w_gram)
        w_char = np.ones(len(texts[di]))
        for k in range(min(n, len(texts[di]))):
            w_char[k:k + len(h)] = np.minimum(w_char[k:k + len(h)], w_gram)
        weights.append(w_char)
        offset += len(h)
    seed_ok = (np.concatenate([_seed_ok(t, n, c) for t, c in zip(texts, codes, strict=True)])
               if texts else np.zeros(0, bool))
    usable = seed_ok & ~common[inverse]
    if pairs == "between":
        usable &= doc_freq[inverse] >= 2
    usable &= occ[inverse] >= 2
    sel = np.flatnonzero(usable)
    order = sel[np.lexsort((all_p[sel], all_d[sel], inverse[sel]))]
    grp = inverse[order]
    if max_seeds is not None:
        _check_seed_count(grp, all_d[order], n_docs, pairs, max_seeds)
    return _expand(grp, all_d[order], all_p[order], n=n, pairs=pairs), weights


def _expand(grp: np.ndarray, dd: np.ndarray, pp: np.ndarray, *, n: int,
            pairs: str) -> dict[tuple[int, int], np.ndarray]:
    """Every pair of occurrences of one n-gram (rows sorted by n-gram, document, position)
    as seeds per document pair: ``{(a, b): array of (start in a, start in b)}``, rows
    sorted and unique."""
    size = len(grp)
    if size < 2:
        return {}
    starts = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1]])
    ends = np.r_[starts[1:], size]
    end_of = np.repeat(ends, ends - starts)  # each occurrence's group end
    later = end_of - np.arange(size) - 1  # occurrences after it in its group
    x = np.repeat(np.arange(size), later)
    first = np.cumsum(later) - later  # where each occurrence's pairs begin
    y = x + 1 + (np.arange(len(x)) - np.repeat(first, later))
    da, db, pa, pb = dd[x], dd[y], pp[x], pp[y]
    same = da == db
    if pairs == "between":
        keep = ~same
    elif pairs == "within":
        keep = same & (pb - pa >= n)
    else:
        keep = ~same | (pb - pa >= n)
    # one n-gram per position: the rows are unique already; sort by pair, then positions
    da, db, pa, pb = da[keep], db[keep], pa[keep], pb[keep]
    if not len(da):
        return {}
    span = int(max(pa.max(), pb.max())) + 1
    rows = np.stack([da, db, pa, pb], axis=1)[np.lexsort((pa * span + pb, da * span + db))]
    cut = np.flatnonzero((np.diff(rows[:, 0]) != 0) | (np.diff(rows[:, 1]) != 0)) + 1
    return {(int(c[0, 0]), int(c[0, 1])): c[:, 2:] for c in np.split(rows, cut)}


def _check_seed_count(grp: np.ndarray, docs: np.ndarray, n_docs: int, pairs: str,
                      max_seeds: int) -> None:
    """Raise ScaleError when the seed pairs to align (n-gram occurrences in two places,
    counted before they are expanded) exceed ``max_seeds``."""
    _, per_gram = np.unique(grp, return_counts=True)
    _, per_gram_doc = np.unique(grp * n_docs + docs, return_counts=True)
    total = int((per_gram * (per_gram - 1) // 2).sum())  # every pair of occurrences
    same = int((per_gram_doc * (per_gram_doc - 1) // 2).sum())  # both in one document
    count = {"between": total - same, "within": same, "all": total}[pairs]
    if count > max_seeds:
        raise ScaleError(
            f"text reuse: the documents share {count:,} seed pairs ({pairs}), more than "
            f"max_seeds={max_seeds:,}; aligning them all would take roughly "
            f"{count / 10_000:,.0f} s. Compare fewer documents (corpus.subset([...])), "
            "use longer seeds (n), or raise max_seeds (None = no limit).")


def _chain(pa: np.ndarray, pb: np.ndarray, *, band: int, max_gap: int) -> list[np.ndarray]:
    """Group seed pairs into regions: same diagonal (±band) and close (≤ max_gap) in a."""
    return chain_regions(pa, pb, band=band, max_gap=max_gap)


def _chain_subset(pa: np.ndarray, pb: np.ndarray, idx: np.ndarray, band: int,
                  max_gap: int) -> list[np.ndarray]:
    """:func:`_chain` of the seed pairs ``idx`` only; regions as indexes into ``pa``/``pb``."""
    regs = _chain(pa[idx], pb[idx], band=band, max_gap=max_gap)
    return [idx[r] for r in regs]
