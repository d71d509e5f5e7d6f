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
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.errors import ScaleError
from analysis.text.corpus import Corpus
from analysis.textreuse.kernel import chain_regions, seed_runs
from analysis.textreuse.ngram_index import (
    CharWeights,
    NgramIndex,
    _index,
    char_weights,
    gram_counts,
    group_leads,
    pair_seed_rows,
    seed_keys,
)

__all__: list[str] = []  # the seeding stage of analysis.textreuse.reuse; nothing public


def _texts(data: Corpus | pd.DataFrame | Mapping[str, str]) -> tuple[list[str], list[str],
                                                                      list[str]]:
    """(doc_ids, normalised texts, original texts) from a Corpus, documents table or dict."""
    if isinstance(data, Corpus):
        docs = data.documents
    elif isinstance(data, pd.DataFrame):
        docs = data
    elif isinstance(data, Mapping):
        ids = [str(k) for k in data]
        texts = [str(v) for v in data.values()]
        return ids, texts, texts
    else:
        raise TypeError(f"reuse: give a Corpus, its documents table or a {{doc_id: text}} dict, "
                        f"not {type(data).__name__}.")
    if "doc_id" not in docs.columns or "text" not in docs.columns:
        raise ValueError("reuse: the documents table needs doc_id and text columns "
                         "(corpus.documents).")
    orig = docs["text_orig"] if "text_orig" in docs.columns else docs["text"]
    return list(map(str, docs["doc_id"])), list(map(str, docs["text"])), list(map(str, orig))


def _common_by_docs(ix: NgramIndex, common_share: float | None) -> np.ndarray:
    """Per n-gram id: boilerplate by document frequency (``common_share`` of the units,
    at least three)."""
    common = np.zeros(len(ix.doc_freq), dtype=bool)
    if common_share is not None and ix.n_units >= 3:
        common_docs = max(3, math.ceil(common_share * ix.n_units))
        common |= ix.doc_freq >= common_docs
    return common


def _pair_seeds(ix: NgramIndex, a: int, b: int, *, common: np.ndarray,
                max_occurrences: int,
                keys: dict[int, np.ndarray] | None = None) -> np.ndarray:
    """Seeds of the document pair ``(a, b)``, ``a < b``, from its own n-grams: usable,
    not boilerplate by document frequency, at most ``max_occurrences`` times in the two
    texts. Rows ``(start in a, start in b)``, sorted (none when ``a >= b``). ``keys``
    keeps the :func:`seed_keys` of ``a`` between calls (a representative is paired
    with each of its copies)."""
    if a >= b:
        return np.zeros((0, 2), dtype=np.int64)
    keys = {} if keys is None else keys
    if a not in keys:
        keys[a] = seed_keys(ix, a, common=common)
    return pair_seed_rows(keys[a], seed_keys(ix, b, common=common), int(ix.counts[a]),
                          max_occurrences=max_occurrences)


def _uncovered(ix: NgramIndex, covered: Mapping[int, np.ndarray], n: int) -> np.ndarray:
    """Per occurrence: no character of the n-gram lies in its document's ``covered``
    characters (``{document: boolean array over its text}``)."""
    out = np.ones(len(ix.inverse), dtype=bool)
    for d, cov in covered.items():
        count = int(ix.counts[d])
        if not count:
            continue
        c = np.concatenate([[0], np.cumsum(cov)])
        out[ix.offsets[d]:ix.offsets[d + 1]] = (c[n:n + count] - c[:count]) == 0
    return out


def _seed_pairs(
    codes: list[np.ndarray],
    texts: list[str],
    *,
    n: int,
    pairs: str,
    common_share: float | None,
    max_occurrences: int,
    max_seeds: int | None,
    index: NgramIndex | None = None,
    covered: Mapping[int, np.ndarray] | None = None,
    unit: np.ndarray | None = None,
    threads: int = 1,
) -> tuple[dict[tuple[int, int], np.ndarray], CharWeights]:
    """The seeds of every document pair and each document's boilerplate weights.

    ``codes`` and ``texts`` are the documents' code arrays and normalised texts (same
    order). Returns ``{(doc a, doc b): array of (start in a, start in b, length)}``: runs
    of ``length`` consecutive seed pairs (:func:`_run_seeds` lists them; document
    indexes, ``a <= b``; ``a == b`` only when ``pairs`` allows repeats within a document)
    and, per document, a weight per character (:class:`CharWeights`: ``weights[d]`` is
    document ``d``'s float64 array): 1 for text shared by two documents only,
    falling linearly to 0 for text in every document; 0 for text covered by an n-gram that
    occurs more than ``max_occurrences`` times. The other options are those of
    :func:`analysis.textreuse.reuse`.

    ``index`` is the corpus's :class:`NgramIndex` when already made (its units then count
    a group of near-duplicates as one document); ``covered`` marks, per document, the
    characters already inside a passage shared with its group's representative: n-grams
    touching them are no seeds and do not count as occurrences. ``unit`` maps each
    document to its group (see :func:`~analysis.textreuse.kernel.seed_runs`). ``threads``
    are those the index is made with, when it is made here.
    """
    ix = _index(codes, n=n, threads=threads) if index is None else index
    unc = _uncovered(ix, covered, n) if covered else None
    n_docs = len(codes)
    # per n-gram, counting occurrences outside covered text only: its occurrences and the
    # documents holding it (seeds need two)
    occ, docs_left = gram_counts(ix, keep=unc)
    common = _common_by_docs(ix, common_share) | (occ > max_occurrences)
    # boilerplate weight per character: 1 for text shared by two documents only, falling
    # linearly to 0 for text in every document (the most widespread n-gram covering it);
    # 0 for text covered by an extremely frequent n-gram
    weights = char_weights(ix, [len(t) for t in texts], occ,
                           max_occurrences=max_occurrences, n=n)
    good = ~common & (occ >= 2)
    if pairs == "between":
        good &= docs_left >= 2
    del occ, docs_left, common
    inverse = ix.inverse
    usable = ix.seed_ok & good[inverse]
    del good
    if unc is not None:
        usable &= unc
        del unc
    if max_seeds is not None:
        sel = np.flatnonzero(usable)
        # occurrences sorted by n-gram, then document and position (their order in the index)
        order = sel[np.argsort(inverse[sel], kind="stable")]
        del sel
        _check_seed_count(inverse[order], ix.doc[order], n_docs, pairs, max_seeds)
        del order
    lead = None if unit is None else group_leads(ix, usable, unit)
    runs = seed_runs(ix.doc, ix.pos, inverse, usable, n=n,
                     mode={"between": 0, "within": 1, "all": 2}[pairs], unit=unit, lead=lead)
    return _by_pair(runs), weights


def _by_pair(runs: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
    """Rows ``(doc a, doc b, start a, start b, length)`` as ``{(a, b): rows (start a,
    start b, length)}``, sorted by position."""
    if not len(runs):
        return {}
    runs = runs[np.lexsort((runs[:, 3], runs[:, 2], runs[:, 1], runs[:, 0]))]
    cut = np.flatnonzero((np.diff(runs[:, 0]) != 0) | (np.diff(runs[:, 1]) != 0)) + 1
    return {(int(c[0, 0]), int(c[0, 1])): c[:, 2:] for c in np.split(runs, cut)}


def _run_seeds(runs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The seed pairs ``(start in a, start in b)`` of runs ``(start a, start b, length)``."""
    length = runs[:, 2]
    step = np.arange(int(length.sum())) - np.repeat(np.cumsum(length) - length, length)
    return np.repeat(runs[:, 0], length) + step, np.repeat(runs[:, 1], length) + step


def _check_seed_count(grp: np.ndarray, docs: np.ndarray, n_docs: int, pairs: str,
                      max_seeds: int) -> None:
    """Raise ScaleError when the seed pairs to align (n-gram occurrences in two places,
    counted before they are expanded) exceed ``max_seeds``."""
    per_gram = np.bincount(grp)
    key = np.sort(grp.astype(np.int64) * n_docs + docs)
    per_gram_doc = np.diff(np.r_[np.flatnonzero(np.r_[True, key[1:] != key[:-1]]), len(key)])
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
