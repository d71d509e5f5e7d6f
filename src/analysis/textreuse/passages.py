"""Text reuse: passages shared between documents (policy borrowing), found even when they
were edited.

The method follows the text-reuse literature (BLAST-style seed-and-extend, as in passim
and TRACER):

1. **Seeds** (:mod:`analysis.textreuse.seeds`). Every character n-gram (``n`` = 10 by
   default) of every normalised text is hashed; an inverted index finds the n-grams that
   two documents share. *Boilerplate* is down-weighted: n-grams found in (almost) every
   document (``common_share`` of them, at least three) or occurring extremely often
   (``max_occurrences``) are not used as seeds, and matched characters covered by them
   count for nothing in ``weighted_score``.
2. **Candidate regions.** Seeds of a document pair that lie near the same diagonal
   (offset ``start_b - start_a``) and close together are chained into regions.
3. **Alignment** (:mod:`analysis.textreuse.alignment`). Each region is aligned by
   Smith–Waterman local alignment with affine gaps, restricted to a band around the seeds'
   diagonals and to a window a little wider than the region (an alignment that reaches
   the window's edge is extended beyond it while the shared text goes on), so a whole
   corpus takes seconds.

Alignment works on the normalised, simplified ``text``; spans are character offsets into
it, and the quoted passages come from ``text_orig`` (the original script, same offsets).
:func:`reuse_pairs` sums the passages up per document pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from numba import njit

from analysis.text.corpus import Corpus
from analysis.textreuse.alignment import (
    _LEAD,
    _TAIL,
    GAP_EXTEND,
    GAP_OPEN,
    MATCH,
    MISMATCH,
    _check_scores,
    _codes,
)
from analysis.textreuse.groups import group_documents
from analysis.textreuse.kernel import char_classes
from analysis.textreuse.ngram_index import _index, _ngram_hashes
from analysis.textreuse.ordered import _in_order
from analysis.textreuse.pairs import _labels
from analysis.textreuse.regions import align_pair, matched_means, trim_spans
from analysis.textreuse.seeds import (
    _common_by_docs,
    _pair_seeds,
    _run_seeds,
    _seed_pairs,
    _texts,
)
from analysis.textreuse.windows import WindowMemo

__all__ = ["reuse"]


def reuse(
    data: Corpus | pd.DataFrame | Mapping[str, str],
    *,
    n: int = 10,
    pairs: str = "between",
    min_length: int = 15,
    min_score: int = 20,
    common_share: float | None = 0.8,
    max_occurrences: int = 20,
    band: int = 32,
    max_gap: int = 200,
    pad: int = 40,
    max_window: int = 5_000,
    max_seeds: int | None = None,
    near_duplicate: float | None = None,
    groups: pd.DataFrame | None = None,
    match: int = MATCH,
    mismatch: int = MISMATCH,
    gap_open: int = GAP_OPEN,
    gap_extend: int = GAP_EXTEND,
    threads: int = 1,
) -> pd.DataFrame:
    """Passages shared between documents, with boundaries from local alignment.

    Parameters
    ----------
    data : Corpus, DataFrame or dict
        A corpus, its ``documents`` table (``doc_id, text`` and optionally ``text_orig``)
        or ``{doc_id: text}``.
    n : int, keyword-only
        Seed length in characters: two documents must share at least one n-gram for a
        passage to be found.
    pairs : {"between", "within", "all"}, keyword-only
        Compare different documents, passages repeated inside one document, or both.
    min_length : int, keyword-only
        Report passages of at least this many characters (in either document).
    min_score : int, keyword-only
        And with at least this alignment score (``match`` per identical character).
    common_share : float or None, keyword-only
        Boilerplate: n-grams found in at least this share of the documents (and in at
        least three documents) are not used as seeds; None seeds them too (they are still
        weighted down in ``weighted_score``).
    max_occurrences : int, keyword-only
        n-grams occurring more often in the whole corpus are not seeds either (weight 0).
    band : int, keyword-only
        Net insertion/deletion (characters) allowed around the seeds' diagonals.
    max_gap : int, keyword-only
        Seeds further apart (in the first document) start a new candidate region.
    pad : int, keyword-only
        Characters aligned beyond the outermost seeds in one window; an alignment that
        reaches the window's edge is extended beyond it while the shared text goes on.
    max_window : int, keyword-only
        Longest window (characters of the first document) aligned at once: it bounds
        the memory of one fill, not a passage's length. A longer shared passage is
        aligned window by window and its pieces are joined into one passage.
    max_seeds : int or None, keyword-only
        Stop before aligning when the documents share more seed pairs than this (one seed
        pair is one n-gram found in two places; alignment time grows with their number,
        roughly 0.1 ms each): raises :class:`~analysis.errors.ScaleError` saying how many.
        None (the default) aligns whatever is shared.
    near_duplicate : float or None, keyword-only
        Near-duplicates (see :func:`near_duplicates`): a document whose estimated
        resemblance to an earlier document (Jaccard similarity of their n-gram sets, from
        MinHash sketches) reaches this value is a *copy* in that document's group. A copy
        is aligned in full with its group's representative (the group's first document)
        only; with every other document it is aligned only outside the passages it shares
        with the representative (those characters never match), so the passages the copy
        shares with the representative's partners are reported once, for the
        representative. Boilerplate (``common_share``, ``max_occurrences`` and the
        weights) then counts a group as one document and text inside those passages as no
        occurrence. Two copies of one group then show no passage with each other: read
        :func:`near_duplicates` beside the table. None (the default) aligns every pair of
        documents in full, so every pair's reuse is there, at a time that grows with the
        square of the number of copies; 0.5 is a good value for corpora of many copies.
        Only for ``pairs="between"``.
    groups : DataFrame or None, keyword-only
        With ``near_duplicate``: the :func:`near_duplicates` table of the same documents
        (same ``doc_id`` order), when it is at hand already; its groups are used instead
        of sketching the documents again (the same groups when it was made with
        ``threshold=near_duplicate`` and the same ``n``).
    match, mismatch, gap_open, gap_extend : int, keyword-only
        Alignment scores (see :func:`align`).
    threads : int, keyword-only
        Threads that align document pairs at once (the compiled alignment releases the
        GIL); the table is the same for any number.

    Returns
    -------
    DataFrame
        One row per shared passage: ``doc_id`` (= ``doc_a``), ``doc_a, start_a, end_a,
        doc_b, start_b, end_b, length_a, length_b, text_a, text_b, score, identity,
        matches, boilerplate_share, weighted_score``. ``doc_a`` comes first in corpus order;
        spans are offsets into the normalised ``text``; ``text_a``/``text_b`` quote
        ``text_orig``. ``identity`` is identical characters / alignment columns.
        ``boilerplate_share`` is the mean boilerplate weight of the matched characters of
        ``doc_a``: a character inside an n-gram found in ``k`` of the ``N`` documents weighs
        ``(k - 2) / (N - 2)`` (0 when only the two documents share it, 1 when all do;
        1 too above ``max_occurrences``), so phrases found everywhere count for little;
        ``weighted_score = score × (1 - boilerplate_share)``. Sorted by
        ``weighted_score``, then ``score``, descending.

    Examples
    --------
    >>> docs = {"a": "各地要加快建设科技创新平台体系,完善成果转化机制。其他内容。",
    ...         "b": "本市将加快建设科技创新平台体系,健全成果转化机制,推动发展。"}
    >>> r = reuse(docs, n=6, min_length=8, min_score=10)
    >>> [int(r.loc[0, c]) for c in ("start_a", "end_a", "start_b", "end_b")]
    [3, 24, 3, 24]
    >>> r.loc[0, "text_a"]
    '加快建设科技创新平台体系,完善成果转化机制'
    """
    if pairs not in ("between", "within", "all"):
        raise ValueError(f"reuse: pairs={pairs!r}; use 'between', 'within' or 'all'.")
    if n < 2:
        raise ValueError("reuse: n (seed length) must be at least 2 characters.")
    if max_window < 4 * (pad + n):
        raise ValueError(f"reuse: max_window={max_window} is too small for pad={pad} and "
                         f"n={n}; use at least {4 * (pad + n)}.")
    _check_scores(match, mismatch, gap_open, gap_extend)
    if near_duplicate is not None and not 0.0 < near_duplicate <= 1.0:
        raise ValueError(f"reuse: near_duplicate={near_duplicate!r}; give a resemblance in "
                         "(0, 1] (e.g. 0.8) or None to align every pair of documents.")
    ids, texts, origs = _texts(data)
    codes = [_codes(t) for t in texts]
    # per character: dropped at the start / at the end of a passage (white space, closing /
    # opening punctuation), taken before copies' codes are masked
    edges = _edges(codes)
    opts = {"n": n, "band": band, "max_gap": max_gap, "pad": pad, "max_window": max_window,
            "match": match, "mismatch": mismatch, "gap_open": gap_open,
            "gap_extend": gap_extend}
    rep = np.arange(len(ids))
    index = None
    if near_duplicate is not None and pairs == "between" and len(ids) >= 2:
        if groups is None:
            hashes = [_ngram_hashes(c, n) for c in codes]
            rep, _ = group_documents(hashes, threshold=near_duplicate, threads=threads)
        else:
            rep, hashes = _representatives(groups, ids), None
        if (rep != np.arange(len(ids))).any():
            index = _index(codes, n=n, hashes=hashes, unit=rep, threads=threads)
        del hashes
    # 0. near-duplicates: a copy is aligned in full with its representative only
    found_rep: dict[tuple[int, int], tuple[np.ndarray, ...]] = {}
    covered: dict[int, np.ndarray] = {}
    if index is not None:
        common = _common_by_docs(index, common_share)
        keys: dict[int, np.ndarray] = {}  # each representative's seed keys, made once
        copies = np.flatnonzero(rep != np.arange(len(ids))).tolist()

        # a copy meets its representative's windows again (same text around them)
        memo = WindowMemo()

        def copy_calls(ix: Any) -> Iterator[Callable[[], Any]]:
            for m in copies:
                r = int(rep[m])
                arr = _pair_seeds(ix, r, m, common=common,
                                  max_occurrences=max_occurrences, keys=keys)
                yield partial(align_pair, codes[r], codes[m], arr[:, 0], arr[:, 1],
                              same=False, memo=memo, **opts)

        for m, aligned in zip(copies, _in_order(copy_calls(index), threads=threads), strict=True):
            r = int(rep[m])
            rows, ma, mb, offsets = aligned
            cov = np.zeros(len(texts[m]), dtype=bool)
            cov[mb] = True  # the copy's characters matched identically
            covered[m] = cov
            # kept until the boilerplate weights are known: the representative's matched
            # characters (int32, a copy matches most of its text), not the copy's
            found_rep[(r, m)] = (rows, ma.astype(np.int32), mb[:0], offsets)
            del ma, mb
    # 1. seeds, and each character's boilerplate weight
    seeds, weights = _seed_pairs(codes, texts, n=n, pairs=pairs, common_share=common_share,
                                 max_occurrences=max_occurrences, max_seeds=max_seeds,
                                 index=index, covered=covered,
                                 unit=rep if index is not None else None,
                                 threads=threads)
    del index  # the n-gram index is not read after seeding
    # 2-3. regions and alignments; a copy's text inside a passage it shares with its
    # representative never matches (-1): an alignment stops where that text begins
    for m, cov in covered.items():  # in place: the copy's codes are not needed unmasked
        codes[m][cov] = -1
    parts: list[tuple[int, int, np.ndarray, np.ndarray]] = []
    pair_keys = sorted(set(seeds) | set(found_rep))
    memo = WindowMemo()  # room for the masked copies' windows: the earlier ones won't recur

    def pair_calls() -> Iterator[Callable[[], Any] | None]:
        for da, db in pair_keys:
            if (da, db) in seeds:
                sa, sb = _run_seeds(seeds.pop((da, db)))
                yield partial(align_pair, codes[da], codes[db], sa, sb, same=da == db,
                              memo=memo, **opts)
            else:
                yield None

    for key, aligned in zip(pair_keys, _in_order(pair_calls(), threads=threads),
                            strict=True):
        da, db = key
        found = [found_rep.pop(key)] if key in found_rep else []
        if aligned is not None:
            found.append(aligned)
        for rows, ma, _mb, offsets in found:
            rows = trim_spans(rows, *edges[da], *edges[db])
            la, lb = rows[:, 1] - rows[:, 0], rows[:, 3] - rows[:, 2]
            keep = (np.maximum(la, lb) >= min_length) & (rows[:, 4] >= min_score)
            if not keep.any():
                continue
            # boilerplate share: 1 - mean weight of the matched characters of a
            mean = matched_means(weights[da], ma, offsets)
            share = np.where(np.diff(offsets) > 0, 1.0 - mean, 0.0)
            parts.append((da, db, rows[keep], share[keep]))
    return _table(parts, ids, origs)


def _quoted(origs: list[str], doc: np.ndarray, start: np.ndarray,
            end: np.ndarray) -> pd.api.extensions.ExtensionArray | list[str]:
    """``origs[doc[t]][start[t]:end[t]]`` per row, as the column of strings pandas makes
    from them; with Arrow strings, written straight into one UTF-8 buffer (no Python
    string per row: at 20M characters the quoted texts are tens of millions of
    characters)."""
    kind = pd.Series(["x"]).dtype
    if not (isinstance(kind, pd.StringDtype) and kind.storage == "pyarrow") or not len(doc):
        return [origs[d][s:e] for d, s, e in zip(doc.tolist(), start.tolist(), end.tolist(),
                                                 strict=True)]
    import pyarrow as pa

    order = np.argsort(doc, kind="stable")
    groups = np.split(order, np.flatnonzero(np.diff(doc[order])) + 1)
    b0 = np.empty(len(doc), dtype=np.int64)
    b1 = np.empty(len(doc), dtype=np.int64)
    for rows in groups:  # spans in UTF-8 bytes: the bytes of the characters before them
        cp = np.frombuffer(origs[int(doc[rows[0]])].encode("utf-32-le"), dtype="<u4")
        size = 1 + (cp >= 0x80).astype(np.int64) + (cp >= 0x800) + (cp >= 0x10000)
        at = np.r_[0, np.cumsum(size)]
        b0[rows] = at[start[rows]]
        b1[rows] = at[end[rows]]
    offsets = np.r_[0, np.cumsum(b1 - b0)]
    data = np.empty(offsets[-1], dtype=np.uint8)
    for rows in groups:
        text = np.frombuffer(origs[int(doc[rows[0]])].encode("utf-8"), dtype=np.uint8)
        copy_spans(text, b0[rows], b1[rows], data, offsets[rows])
    column = pa.LargeStringArray.from_buffers(len(doc), pa.py_buffer(offsets),
                                              pa.py_buffer(data))
    return pd.array(column, dtype=kind)


def _representatives(groups: pd.DataFrame, ids: list[str]) -> np.ndarray:
    """Each document's representative (index) from a :func:`near_duplicates` table."""
    if not {"doc_id", "group"} <= set(groups.columns):
        raise ValueError("reuse: groups needs the doc_id and group columns of "
                         "near_duplicates(corpus).")
    if list(map(str, groups["doc_id"])) != ids:
        raise ValueError("reuse: groups lists other documents (or another order) than the "
                         "corpus; make it with near_duplicates(corpus) of the same corpus.")
    rank = {d: i for i, d in enumerate(ids)}
    missing = sorted(set(map(str, groups["group"])) - set(rank))
    if missing:
        raise ValueError(f"reuse: groups names representatives that are not documents of "
                         f"the corpus: {missing[:3]}.")
    return np.array([rank[g] for g in map(str, groups["group"])], dtype=np.int64)


def _edges(codes: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per document, per character: may not start a passage (white space, closing
    punctuation), may not end one (white space, opening punctuation)."""
    if not codes:
        return []
    lead, tail = char_classes(np.concatenate(codes), _is_lead, _is_tail)
    cut = np.cumsum([len(c) for c in codes])[:-1]
    return list(zip(np.split(lead, cut), np.split(tail, cut), strict=True))


def _is_lead(ch: str) -> bool:
    return ch.isspace() or ch in _LEAD


def _is_tail(ch: str) -> bool:
    return ch.isspace() or ch in _TAIL


_COLUMNS = ["doc_id", "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "length_a",
            "length_b", "text_a", "text_b", "score", "identity", "matches",
            "boilerplate_share", "weighted_score"]


def _table(parts: list[tuple[int, int, np.ndarray, np.ndarray]], ids: list[str],
           origs: list[str]) -> pd.DataFrame:
    """The passages table from each pair's alignment rows and boilerplate shares, sorted
    by ``weighted_score`` and ``score`` (descending), then documents (corpus order) and
    starts; the order is found on the arrays, so no column of text is reordered."""
    if not parts:
        out = pd.DataFrame([], columns=_COLUMNS)
        for c in ("start_a", "end_a", "start_b", "end_b", "length_a", "length_b", "score",
                  "matches"):
            out[c] = out[c].astype(np.int64)
        return out
    da = np.concatenate([np.full(len(p[2]), p[0], dtype=np.int64) for p in parts])
    db = np.concatenate([np.full(len(p[2]), p[1], dtype=np.int64) for p in parts])
    rows = np.concatenate([p[2] for p in parts])
    share = np.concatenate([p[3] for p in parts])
    score, matches, columns = rows[:, 4], rows[:, 5], rows[:, 6]
    identity = np.where(columns > 0, matches / np.maximum(columns, 1), 0.0)
    # Python's round (correctly rounded), as the values are shown
    weighted = round6(score * (1.0 - share))
    # a stable sort: rows equal in every key keep the order of the pairs and alignments
    order = np.lexsort((rows[:, 2], db, rows[:, 0], da, -score, -weighted))
    da, db, rows, share = da[order], db[order], rows[order], share[order]
    identity, weighted = identity[order], weighted[order]
    doc_a = _labels(ids, da)
    return pd.DataFrame({
        "doc_id": doc_a,
        "doc_a": doc_a,
        "start_a": rows[:, 0],
        "end_a": rows[:, 1],
        "doc_b": _labels(ids, db),
        "start_b": rows[:, 2],
        "end_b": rows[:, 3],
        "length_a": rows[:, 1] - rows[:, 0],
        "length_b": rows[:, 3] - rows[:, 2],
        "text_a": _quoted(origs, da, rows[:, 0], rows[:, 1]),
        "text_b": _quoted(origs, db, rows[:, 2], rows[:, 3]),
        "score": rows[:, 4],
        "identity": round6(identity),
        "matches": rows[:, 5],
        "boilerplate_share": round6(share),
        "weighted_score": weighted,
    }, columns=_COLUMNS)


def round6(x: np.ndarray) -> np.ndarray:
    """``[round(v, 6) for v in x]`` (Python's correctly rounded ``round``) as a float64
    array, computed on the array.

    ``rint(x * 1e6) / 1e6`` gives Python's value wherever ``x * 1e6`` lies clearly off
    a half (the one rounding of the product cannot cross it, and the quotient of the
    integer by 1e6 is the double nearest to its decimal value, as Python's is); values
    near a half, very large or not finite are rounded by Python.

    Examples
    --------
    >>> round6(np.array([0.1234565, 2.0000005, 1 / 3, -0.5e-6])).tolist()
    [0.123456, 2.000001, 0.333333, -0.0]
    """
    x = np.asarray(x, dtype=np.float64)
    t = x * 1e6
    out = np.rint(t) / 1e6
    with np.errstate(invalid="ignore"):
        near = ~(np.abs(t - np.floor(t) - 0.5) > 1e-6 + np.abs(t) * 1e-12) | ~(
            np.abs(t) < 2.0 ** 50)
    for i in np.flatnonzero(near).tolist():
        out[i] = round(float(x[i]), 6)
    return out


@njit(cache=True, nogil=True)
def _copy_spans(src, start, end, dst, at):  # pragma: no cover
    for t in range(len(start)):
        o = at[t]
        for p in range(start[t], end[t]):
            dst[o] = src[p]
            o += 1


def copy_spans(src: np.ndarray, start: np.ndarray, end: np.ndarray, dst: np.ndarray,
               at: np.ndarray) -> None:
    """Copy ``src[start[t]:end[t]]`` to ``dst[at[t]:]`` for every ``t`` (in place).

    Examples
    --------
    >>> dst = np.zeros(5, dtype=np.uint8)
    >>> copy_spans(np.arange(10, dtype=np.uint8), np.array([2, 7]), np.array([5, 9]), dst,
    ...            np.array([0, 3]))
    >>> dst.tolist()
    [2, 3, 4, 7, 8]
    """
    _copy_spans(src, np.ascontiguousarray(start, dtype=np.int64),
                np.ascontiguousarray(end, dtype=np.int64), dst,
                np.ascontiguousarray(at, dtype=np.int64))
