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
   diagonals and to a window a little wider than the region (widened automatically when
   the alignment reaches the window's edge), so a whole corpus takes seconds.

Alignment works on the normalised, simplified ``text``; spans are character offsets into
it, and the quoted passages come from ``text_orig`` (the original script, same offsets).
:func:`reuse_pairs` sums the passages up per document pair.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.text.corpus import Corpus
from analysis.textreuse.alignment import (
    GAP_EXTEND,
    GAP_OPEN,
    MATCH,
    MISMATCH,
    Alignment,
    _banded_sw,
    _check_scores,
    _codes,
    _trim,
)
from analysis.textreuse.groups import group_documents
from analysis.textreuse.kernel import anchor_rows, overlap_kept
from analysis.textreuse.seeds import (
    _chain,
    _chain_subset,
    _common_by_docs,
    _index,
    _ngram_hashes,
    _pair_seeds,
    _run_seeds,
    _seed_pairs,
    _texts,
    _with_units,
)

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
    match: int = MATCH,
    mismatch: int = MISMATCH,
    gap_open: int = GAP_OPEN,
    gap_extend: int = GAP_EXTEND,
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
        Characters aligned beyond the outermost seeds (widened automatically when the
        alignment reaches the edge).
    max_window : int, keyword-only
        Longest window (characters of the first document) aligned at once; a longer
        shared passage is reported in consecutive pieces.
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
    match, mismatch, gap_open, gap_extend : int, keyword-only
        Alignment scores (see :func:`align`).

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
    opts = {"n": n, "band": band, "max_gap": max_gap, "pad": pad, "max_window": max_window,
            "match": match, "mismatch": mismatch, "gap_open": gap_open,
            "gap_extend": gap_extend}
    rep = np.arange(len(ids))
    index = None
    if near_duplicate is not None and pairs == "between" and len(ids) >= 2:
        hashes = [_ngram_hashes(c, n) for c in codes]
        rep, _ = group_documents(hashes, threshold=near_duplicate)
        if (rep != np.arange(len(ids))).any():
            index = _with_units(_index(codes, texts, n=n, hashes=hashes), rep)
        del hashes
    # 0. near-duplicates: a copy is aligned in full with its representative only
    found_rep: dict[tuple[int, int], list[Alignment]] = {}
    covered: dict[int, np.ndarray] = {}
    if index is not None:
        common = _common_by_docs(index, common_share)
        for m in np.flatnonzero(rep != np.arange(len(ids))).tolist():
            r = int(rep[m])
            arr = _pair_seeds(index, r, m, n=n, common=common,
                              max_occurrences=max_occurrences)
            alns = _align_pair(codes[r], codes[m], arr[:, 0], arr[:, 1], same=False, **opts)
            found_rep[(r, m)] = alns
            cov = np.zeros(len(texts[m]), dtype=bool)
            for x in alns:  # the copy's characters matched identically
                cov[np.asarray(x.matched_b, dtype=np.int64)] = True
            covered[m] = cov
    # 1. seeds, and each character's boilerplate weight
    seeds, weights = _seed_pairs(codes, texts, n=n, pairs=pairs, common_share=common_share,
                                 max_occurrences=max_occurrences, max_seeds=max_seeds,
                                 index=index, covered=covered,
                                 unit=rep if index is not None else None)
    # 2-3. regions and alignments; a copy's text inside a passage it shares with its
    # representative never matches (-1): an alignment stops where that text begins
    for m, cov in covered.items():  # in place: the copy's codes are not needed unmasked
        codes[m][cov] = -1
    rows = []
    for key in sorted(set(seeds) | set(found_rep)):
        da, db = key
        found = list(found_rep.get(key, []))
        if key in seeds:
            sa, sb = _run_seeds(seeds.pop(key))
            found += _align_pair(codes[da], codes[db], sa, sb, same=da == db, **opts)
        for aln in found:
            aln = _trim(aln, texts[da], texts[db])
            la, lb = aln.end_a - aln.start_a, aln.end_b - aln.start_b
            if max(la, lb) < min_length or aln.score < min_score:
                continue
            mat = np.asarray(aln.matched_a, dtype=np.int64)
            bshare = float(1.0 - weights[da][mat].mean()) if len(mat) else 0.0
            rows.append({
                "doc_id": ids[da],
                "doc_a": ids[da],
                "start_a": aln.start_a,
                "end_a": aln.end_a,
                "doc_b": ids[db],
                "start_b": aln.start_b,
                "end_b": aln.end_b,
                "length_a": la,
                "length_b": lb,
                "text_a": origs[da][aln.start_a:aln.end_a],
                "text_b": origs[db][aln.start_b:aln.end_b],
                "score": int(aln.score),
                "identity": round(aln.identity, 6),
                "matches": int(aln.matches),
                "boilerplate_share": round(bshare, 6),
                "weighted_score": round(aln.score * (1.0 - bshare), 6),
            })
    cols = ["doc_id", "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "length_a",
            "length_b", "text_a", "text_b", "score", "identity", "matches",
            "boilerplate_share", "weighted_score"]
    out = pd.DataFrame(rows, columns=cols)
    rank = {d: i for i, d in enumerate(ids)}
    out = out.assign(_ra=out["doc_a"].map(rank), _rb=out["doc_b"].map(rank))
    out = out.sort_values(["weighted_score", "score", "_ra", "start_a", "_rb", "start_b"],
                          ascending=[False, False, True, True, True, True], kind="mergesort")
    out = out.drop(columns=["_ra", "_rb"]).reset_index(drop=True)
    for c in ("start_a", "end_a", "start_b", "end_b", "length_a", "length_b", "score",
              "matches"):
        out[c] = out[c].astype(np.int64)
    return out


def _align_pair(
    ca: np.ndarray,
    cb: np.ndarray,
    pa: np.ndarray,
    pb: np.ndarray,
    *,
    n: int,
    same: bool,
    band: int,
    max_gap: int,
    pad: int,
    max_window: int,
    match: int,
    mismatch: int,
    gap_open: int,
    gap_extend: int,
) -> list[Alignment]:
    """Align every candidate region of one document pair; drop overlapping duplicates."""
    found: list[Alignment] = []
    cuts: set[int] = set()
    todo = [(r, 0, len(ca)) for r in _chain(pa, pb, band=band, max_gap=max_gap)]
    while todo:
        reg, lo, hi = todo.pop(0)
        xa = pa[reg]
        start = max(lo, int(xa.min()) - pad)
        cut_at = start + max_window - pad
        if int(xa.max()) + n > cut_at:  # too long for one window: align it piece by piece
            first = xa + n <= cut_at
            if first.any():
                todo.insert(0, (reg[~first], cut_at, hi))
                cuts.add(cut_at)
                reg, hi = reg[first], cut_at
        xa, xb = pa[reg], pb[reg]
        diag = xb - xa
        p, w = pad, band
        aln = None
        for _ in range(4):  # widen the window while the alignment touches its edge
            a0 = max(lo, int(xa.min()) - p)
            a1 = min(hi, int(xa.max()) + n + p, a0 + max_window)
            dlo, dhi = int(diag.min()) - w, int(diag.max()) + w
            if same:
                dlo = max(dlo, 1)
            # rows deep inside an exact run of the seeds need only its diagonal
            rows = anchor_rows(ca, cb, xa, xb, a0, a1, dlo, dhi - dlo + 1, margin=n)
            aln, band_edge = _banded_sw(ca, cb, a0, a1, dlo, dhi, match=match,
                                        mismatch=mismatch, gap_open=gap_open,
                                        gap_extend=gap_extend, rows=rows, arrays=True)
            if aln is None:
                break
            top = aln.start_a == a0 and a0 > lo
            bottom = aln.end_a == a1 and a1 < hi and a1 - a0 < max_window
            if not (top or bottom or band_edge):
                break
            # a path at the window's top or bottom needs more text, one along the band's
            # edge more diagonals: widening the band for a long copy running past the
            # window would let it drift across a moved paragraph at a large offset
            if top or bottom:
                p *= 2
            if band_edge:
                w *= 2
        if aln is None:
            continue
        found.append(aln)
        # seeds the alignment did not cover form new regions (a second passage nearby)
        inside = ((xa >= aln.start_a) & (xa + n <= aln.end_a + n // 2)
                  & (xb >= aln.start_b) & (xb + n <= aln.end_b + n // 2))
        if inside.any() and not inside.all():
            rest = reg[~inside]
            todo = [(r, lo, hi) for r in _chain_subset(pa, pb, rest, band, max_gap)] + todo
    # keep the best of overlapping alignments
    found.sort(key=lambda x: (-x.score, x.start_a, x.start_b))
    return _join_pieces(_drop_overlapping(found), cuts, tol=max(pad, n), band=band,
                        mismatch=mismatch)


def _drop_overlapping(found: list[Alignment]) -> list[Alignment]:
    """Alignments (best first) without those that mostly cover the characters of a better
    one on both sides: more than half of the shorter span overlaps, in ``a`` and in ``b``."""
    spans = np.array([(x.start_a, x.end_a, x.start_b, x.end_b) for x in found],
                     dtype=np.int64).reshape(-1, 4)
    return [found[i] for i in overlap_kept(spans).tolist()]


def _join_pieces(alns: list[Alignment], cuts: set[int], *, tol: int, band: int,
                 mismatch: int) -> list[Alignment]:
    """Join the pieces of a passage that was aligned window by window (at ``cuts``)."""
    if not cuts:
        return alns
    alns = sorted(alns, key=lambda x: (x.start_a, x.start_b))
    out: list[Alignment] = []
    for y in alns:
        joined = False
        for i, x in enumerate(out):
            gap_a, gap_b = y.start_a - x.end_a, y.start_b - x.end_b
            near_cut = any(abs(x.end_a - c) <= tol and abs(y.start_a - c) <= tol for c in cuts)
            if (near_cut and 0 <= gap_a <= tol and -tol <= gap_b <= tol + band
                    and abs(gap_b - gap_a) <= band and y.end_b > x.end_b):
                gap = max(gap_a, gap_b, 0)
                out[i] = Alignment(x.start_a, y.end_a, x.start_b, y.end_b,
                                   x.score + y.score + mismatch * gap, x.matches + y.matches,
                                   x.columns + y.columns + gap,
                                   np.concatenate([x.matched_a, y.matched_a]),
                                   np.concatenate([x.matched_b, y.matched_b]))
                joined = True
                break
        if not joined:
            out.append(y)
    return sorted(out, key=lambda x: (-x.score, x.start_a, x.start_b))
