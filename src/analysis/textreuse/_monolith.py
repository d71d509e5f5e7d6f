"""Text reuse: passages shared between documents (policy borrowing), found even when they
were edited.

The method follows the text-reuse literature (BLAST-style seed-and-extend, as in passim
and TRACER):

1. **Seeds.** Every character n-gram (``n`` = 10 by default) of every normalised text is
   hashed (a vectorised polynomial hash); an inverted index finds the n-grams that two
   documents share. *Boilerplate* is down-weighted: n-grams found in (almost) every
   document (``common_share`` of them, at least three) or occurring extremely often
   (``max_occurrences``) are not used as seeds, and matched characters covered by them
   count for nothing in ``weighted_score``.
2. **Candidate regions.** Seeds of a document pair that lie near the same diagonal
   (offset ``start_b - start_a``) and close together are chained into regions.
3. **Alignment.** Each region is aligned by Smith–Waterman local alignment with affine
   gaps, restricted to a band around the seeds' diagonals and to a window a little wider
   than the region (widened automatically when the alignment reaches the window's edge).
   The row recurrence is vectorised with numpy (the horizontal gap term is a running
   maximum), so a whole corpus takes seconds.

Alignment works on the normalised, simplified ``text``; spans are character offsets into
it, and the quoted passages come from ``text_orig`` (the original script, same offsets).

:func:`copy_ratio` applies the same alignment inside one document: how much of each city
measure of the Jiayuguan task table is copied from the provincial clause it implements.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from analysis.text.corpus import Corpus

__all__ = [
    "Alignment",
    "align",
    "copy_ratio",
    "copy_ratio_summary",
    "local_alignments",
    "reuse",
    "reuse_pairs",
    "task_copy_ratio",
]

#: default scores: +2 per identical character, -2 per substitution, a gap of k characters
#: costs ``gap_open + (k - 1) * gap_extend``
MATCH, MISMATCH, GAP_OPEN, GAP_EXTEND = 2, -2, 4, 1
_NEG = -(10**8)
_COUNTABLE = re.compile(r"[\w]")  # letters, digits and Han characters (not punctuation/space)


# --------------------------------------------------------------------------- alignment
@dataclass(frozen=True)
class Alignment:
    """One local alignment: ``a[start_a:end_a]`` aligned with ``b[start_b:end_b]``.

    ``matches`` counts identical aligned characters, ``columns`` the alignment's length
    (matches + substitutions + gap characters); ``identity = matches / columns``.
    ``matched_a`` / ``matched_b`` are the offsets of the identical characters.
    """

    start_a: int
    end_a: int
    start_b: int
    end_b: int
    score: int
    matches: int
    columns: int
    matched_a: tuple[int, ...] = ()
    matched_b: tuple[int, ...] = ()

    @property
    def identity(self) -> float:
        return self.matches / self.columns if self.columns else 0.0


def _codes(text: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _banded_sw(
    a: np.ndarray,
    b: np.ndarray,
    a0: int,
    a1: int,
    dlo: int,
    dhi: int,
    *,
    match: int,
    mismatch: int,
    gap_open: int,
    gap_extend: int,
) -> tuple[Alignment | None, bool]:
    """Smith–Waterman of ``a[a0:a1]`` against ``b``, cells with ``j - i`` in [dlo, dhi].

    ``a``/``b`` are code arrays; ``-1`` codes never match (masked characters). Returns the
    best alignment (None if no positive score) and whether its path runs along the first
    or last band column, so the caller can widen the band.
    """
    import numpy as np

    m = a1 - a0
    width = dhi - dlo + 1
    if m <= 0 or width <= 0:
        return None, False
    nb = len(b)
    # bpad[x] = b[x - pad_left] with -2 (never equal to a code, never valid) outside b
    pad_left = max(0, -(a0 + dlo))
    right = max(0, a1 - 1 + dhi + 1 - nb)
    bpad = np.concatenate([np.full(pad_left, -2), b, np.full(right, -2)])
    H = np.zeros((m + 1, width + 1), dtype=np.int32)  # extra column: k = width (out of band)
    E = np.full((m + 1, width + 1), _NEG, dtype=np.int32)
    F = np.full((m + 1, width + 1), _NEG, dtype=np.int32)
    S = np.zeros((m + 1, width), dtype=np.int32)
    ks = np.arange(width, dtype=np.int32)
    ramp = gap_extend * ks
    for i in range(1, m + 1):
        pa = a0 + i - 1
        start = pa + dlo + pad_left
        seg = bpad[start:start + width]
        valid = seg >= -1
        eq = (seg == a[pa]) & (seg >= 0)
        s = np.where(eq, match, mismatch)
        S[i] = s
        diag = H[i - 1, :width] + s
        f = np.maximum(H[i - 1, 1:] - gap_open, F[i - 1, 1:] - gap_extend)
        g = np.maximum(np.maximum(diag, f), 0)
        g = np.where(valid, g, 0)
        f = np.where(valid, f, _NEG)
        # E[k] = max_{k' < k} (G[k'] - gap_open - gap_extend * (k - 1 - k'))
        run = np.maximum.accumulate(g + ramp)
        e = np.full(width, _NEG, dtype=np.int32)
        e[1:] = run[:-1] - gap_open - gap_extend * (ks[1:] - 1)
        e = np.where(valid, e, _NEG)
        H[i, :width] = np.maximum(g, e)
        E[i, :width] = e
        F[i, :width] = f
    best = int(H.max())
    if best <= 0:
        return None, False
    flat = int(np.argmax(H))  # first maximum in row-major order: deterministic
    i, k = divmod(flat, width + 1)
    end_i, end_k = i, k
    state = "H"
    ma: list[int] = []
    mb: list[int] = []
    columns = 0
    touched = k in (0, width - 1)
    while i > 0:
        if state == "H":
            h = H[i, k]
            if h == 0:
                break
            if h == H[i - 1, k] + S[i, k]:
                if S[i, k] == match:
                    ma.append(a0 + i - 1)
                    mb.append(a0 + i - 1 + dlo + k)
                columns += 1
                i -= 1
            elif h == F[i, k]:
                state = "F"
            else:
                state = "E"
            continue
        columns += 1
        if state == "F":  # a[i] against a gap: row up, same b position (k + 1)
            if F[i, k] == H[i - 1, k + 1] - gap_open:
                state = "H"
            i -= 1
            k += 1
        else:  # b[j] against a gap: same row, one column left
            if E[i, k] == H[i, k - 1] - gap_open:
                state = "H"
            k -= 1
        touched = touched or k in (0, width - 1)
    start_i, start_k = i, k  # the cell before the first aligned pair
    sa, ea = a0 + start_i, a0 + end_i
    sb, eb = a0 + start_i + dlo + start_k, a0 + end_i - 1 + dlo + end_k + 1
    ma.reverse()
    mb.reverse()
    aln = Alignment(sa, ea, sb, eb, best, len(ma), columns, tuple(ma), tuple(mb))
    return aln, touched


def align(
    a: str,
    b: str,
    *,
    match: int = MATCH,
    mismatch: int = MISMATCH,
    gap_open: int = GAP_OPEN,
    gap_extend: int = GAP_EXTEND,
) -> Alignment | None:
    """The best local alignment (Smith–Waterman, affine gaps) of two strings.

    Parameters
    ----------
    a, b : str
        The texts.
    match, mismatch : int, keyword-only
        Score of an identical / a different aligned character pair.
    gap_open, gap_extend : int, keyword-only
        A gap of k characters costs ``gap_open + (k - 1) * gap_extend``.

    Returns
    -------
    Alignment or None
        ``a[start_a:end_a]`` aligned with ``b[start_b:end_b]``; None when nothing matches.

    Examples
    --------
    >>> x = align("关于加快科技创新的意见", "赤峰市加快科技创新发展")
    >>> x.start_a, x.end_a, x.start_b, x.end_b, x.matches
    (2, 8, 3, 9, 6)
    """
    _check_scores(match, mismatch, gap_open, gap_extend)
    ca, cb = _codes(a), _codes(b)
    aln, _ = _banded_sw(ca, cb, 0, len(a), -len(a), len(b), match=match, mismatch=mismatch,
                        gap_open=gap_open, gap_extend=gap_extend)
    return aln


def _check_scores(match: int, mismatch: int, gap_open: int, gap_extend: int) -> None:
    if not (match > 0 and mismatch < 0 and gap_open >= gap_extend > 0):
        raise ValueError("scores: need match > 0, mismatch < 0 and gap_open >= gap_extend > 0 "
                         f"(got match={match}, mismatch={mismatch}, gap_open={gap_open}, "
                         f"gap_extend={gap_extend}).")


def local_alignments(
    a: str,
    b: str,
    *,
    min_length: int = 8,
    min_score: int = 12,
    max_alignments: int = 50,
    match: int = MATCH,
    mismatch: int = MISMATCH,
    gap_open: int = GAP_OPEN,
    gap_extend: int = GAP_EXTEND,
) -> list[Alignment]:
    """All separate local alignments of ``b`` against ``a``, best first.

    After each alignment the matched characters of ``b`` are masked, and the search is
    repeated until the best remaining alignment scores below ``min_score`` or covers fewer
    than ``min_length`` characters of ``b``. Parts of ``a`` may be used more than once
    (a source sentence can be copied into two measures).

    Examples
    --------
    >>> src = "鼓励企业建立研发准备金制度,支持企业建立高水平研发机构。"
    >>> out = local_alignments(src, "1.支持企业建立高水平研发机构。2.鼓励企业建立研发准备金制度。")
    >>> [(x.start_b, x.end_b) for x in out]
    [(2, 16), (18, 31)]
    """
    _check_scores(match, mismatch, gap_open, gap_extend)
    ca, cb = _codes(a), _codes(b).copy()
    out: list[Alignment] = []
    while len(out) < max_alignments:
        aln, _ = _banded_sw(cb, ca, 0, len(b), -len(b), len(a), match=match,
                            mismatch=mismatch, gap_open=gap_open, gap_extend=gap_extend)
        if aln is None or aln.score < min_score or aln.end_a - aln.start_a < min_length:
            break
        # _banded_sw aligned b (rows) against a (columns): swap the roles back
        out.append(Alignment(aln.start_b, aln.end_b, aln.start_a, aln.end_a, aln.score,
                             aln.matches, aln.columns, aln.matched_b, aln.matched_a))
        cb[aln.start_a:aln.end_a] = -1
    return out


# --------------------------------------------------------------------------- seeds
def _texts(data: Corpus | pd.DataFrame | Mapping[str, str]) -> tuple[list[str], list[str],
                                                                      list[str]]:
    """(doc_ids, normalised texts, original texts) from a Corpus, documents table or dict."""
    import pandas as pd

    from analysis.text.corpus import Corpus

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


def _ngram_hashes(codes: np.ndarray, n: int) -> np.ndarray:
    """Polynomial hash (mod 2**64) of every n-gram: ``len(codes) - n + 1`` values."""
    import numpy as np

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


_SKIP = re.compile(r"\s")


def _seed_ok(text: str, n: int) -> np.ndarray:
    """n-gram start positions usable as seeds: no white space, at least half word chars."""
    import numpy as np

    count = len(text) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=bool)
    space = np.fromiter((bool(_SKIP.match(ch)) for ch in text), dtype=bool, count=len(text))
    word = np.fromiter((ch.isalnum() for ch in text), dtype=bool, count=len(text))
    cs = np.concatenate([[0], np.cumsum(space)])
    cw = np.concatenate([[0], np.cumsum(word)])
    has_space = (cs[n:] - cs[:-n]) > 0
    words = cw[n:] - cw[:-n]
    return ~has_space & (words * 2 >= n)


def _chain(pa: np.ndarray, pb: np.ndarray, *, band: int, max_gap: int) -> list[np.ndarray]:
    """Group seed pairs into regions: same diagonal (±band) and close (≤ max_gap) in a."""
    import numpy as np

    order = np.lexsort((pb, pa))
    regions: list[list[int]] = []
    open_: list[tuple[int, int, int]] = []  # (last a, diagonal, region index)
    for idx in order:
        x, d = int(pa[idx]), int(pb[idx] - pa[idx])
        best = -1
        for r, (last, diag, _) in enumerate(open_):
            if x - last <= max_gap and abs(d - diag) <= band:
                best = r
                break
        if best >= 0:
            _, _, ri = open_[best]
            regions[ri].append(int(idx))
            open_[best] = (x, d, ri)
        else:
            regions.append([int(idx)])
            open_.append((x, d, len(regions) - 1))
        open_ = [o for o in open_ if x - o[0] <= max_gap]
    return [np.asarray(r, dtype=np.int64) for r in regions]


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
    import numpy as np
    import pandas as pd

    if pairs not in ("between", "within", "all"):
        raise ValueError(f"reuse: pairs={pairs!r}; use 'between', 'within' or 'all'.")
    if n < 2:
        raise ValueError("reuse: n (seed length) must be at least 2 characters.")
    if max_window < 4 * (pad + n):
        raise ValueError(f"reuse: max_window={max_window} is too small for pad={pad} and "
                         f"n={n}; use at least {4 * (pad + n)}.")
    _check_scores(match, mismatch, gap_open, gap_extend)
    ids, texts, origs = _texts(data)
    codes = [_codes(t) for t in texts]
    n_docs = len(ids)

    # 1. seeds: hash every n-gram, index them, drop boilerplate
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
    seed_ok = np.concatenate([_seed_ok(t, n) for t in texts]) if texts else np.zeros(0, bool)
    usable = seed_ok & ~common[inverse]
    if pairs == "between":
        usable &= doc_freq[inverse] >= 2
    usable &= occ[inverse] >= 2
    sel = np.flatnonzero(usable)
    order = sel[np.lexsort((all_p[sel], all_d[sel], inverse[sel]))]
    grp = inverse[order]
    if max_seeds is not None:
        _check_seed_count(grp, all_d[order], n_docs, pairs, max_seeds)
    bounds = np.flatnonzero(np.diff(grp)) + 1
    seeds: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for chunk in np.split(order, bounds):
        if len(chunk) < 2:
            continue
        dd, pp = all_d[chunk], all_p[chunk]
        for x in range(len(chunk)):
            for y in range(x + 1, len(chunk)):
                da, db = int(dd[x]), int(dd[y])
                if da == db:
                    if pairs == "between" or pp[y] - pp[x] < n:
                        continue
                elif pairs == "within":
                    continue
                seeds.setdefault((da, db), []).append((int(pp[x]), int(pp[y])))

    # 2-3. regions and alignments
    rows = []
    for (da, db), pts in sorted(seeds.items()):
        arr = np.asarray(sorted(set(pts)), dtype=np.int64)
        found = _align_pair(codes[da], codes[db], arr[:, 0], arr[:, 1], n=n,
                            same=da == db, band=band, max_gap=max_gap, pad=pad,
                            max_window=max_window, match=match, mismatch=mismatch,
                            gap_open=gap_open, gap_extend=gap_extend)
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


def _check_seed_count(grp: np.ndarray, docs: np.ndarray, n_docs: int, pairs: str,
                      max_seeds: int) -> None:
    """Raise ScaleError when the seed pairs to align (n-gram occurrences in two places,
    counted before they are expanded) exceed ``max_seeds``."""
    import numpy as np

    from analysis.errors import ScaleError

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
            aln, band_edge = _banded_sw(ca, cb, a0, a1, dlo, dhi, match=match,
                                        mismatch=mismatch, gap_open=gap_open,
                                        gap_extend=gap_extend)
            if aln is None:
                break
            top = aln.start_a == a0 and a0 > lo
            bottom = aln.end_a == a1 and a1 < hi and a1 - a0 < max_window
            if not (top or bottom or band_edge):
                break
            p, w = p * 2, w * 2
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
    kept: list[Alignment] = []
    for aln in found:
        if not any(_overlap(aln, k) for k in kept):
            kept.append(aln)
    return _join_pieces(kept, cuts, tol=max(pad, n), band=band, mismatch=mismatch)


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
                                   x.columns + y.columns + gap, x.matched_a + y.matched_a,
                                   x.matched_b + y.matched_b)
                joined = True
                break
        if not joined:
            out.append(y)
    return sorted(out, key=lambda x: (-x.score, x.start_a, x.start_b))


_LEAD = frozenset("。，,；;、：:！!？?）)】》”’")
_TAIL = frozenset("（(【《“‘")


def _trim(aln: Alignment, a: str, b: str) -> Alignment:
    """Drop white space, closing punctuation at the start and opening punctuation at the
    end of both spans, so quotes begin and end on text."""
    sa, ea, sb, eb = aln.start_a, aln.end_a, aln.start_b, aln.end_b
    while sa < ea and (a[sa].isspace() or a[sa] in _LEAD):
        sa += 1
    while ea > sa and (a[ea - 1].isspace() or a[ea - 1] in _TAIL):
        ea -= 1
    while sb < eb and (b[sb].isspace() or b[sb] in _LEAD):
        sb += 1
    while eb > sb and (b[eb - 1].isspace() or b[eb - 1] in _TAIL):
        eb -= 1
    return Alignment(sa, ea, sb, eb, aln.score, aln.matches, aln.columns, aln.matched_a,
                     aln.matched_b)


def _quote(text: str) -> str:
    """A passage for display: no white space, leading closing or trailing opening marks."""
    text = text.strip()
    while text and (text[0] in _LEAD or text[0].isspace()):
        text = text[1:]
    while text and (text[-1] in _TAIL or text[-1].isspace()):
        text = text[:-1]
    return text


def _chain_subset(pa, pb, idx, band, max_gap):
    regs = _chain(pa[idx], pb[idx], band=band, max_gap=max_gap)
    return [idx[r] for r in regs]


def _overlap(x: Alignment, y: Alignment) -> bool:
    """Whether two alignments mostly cover the same characters on both sides."""
    def frac(s1, e1, s2, e2):
        inter = min(e1, e2) - max(s1, s2)
        return inter / max(1, min(e1 - s1, e2 - s2))

    return (frac(x.start_a, x.end_a, y.start_a, y.end_a) > 0.5
            and frac(x.start_b, x.end_b, y.start_b, y.end_b) > 0.5)


def reuse_pairs(passages: pd.DataFrame, documents: Corpus | pd.DataFrame) -> pd.DataFrame:
    """Summarise :func:`reuse` per document pair: how much of each text is shared.

    Returns
    -------
    DataFrame
        One row per ordered pair of different documents (both directions, so a heatmap is
        one ``pivot`` away): ``doc_id, doc_b, n_passages, chars, n_chars, share,
        best_score``; ``chars`` counts the characters of ``doc_id`` inside passages shared
        with ``doc_b`` (overlaps counted once), ``share = chars / n_chars``.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> c = load_corpus()
    >>> p = reuse_pairs(reuse(c), c)
    >>> len(p)
    20
    """
    import numpy as np
    import pandas as pd

    from analysis.text.corpus import Corpus

    docs = documents.documents if isinstance(documents, Corpus) else documents
    ids = list(map(str, docs["doc_id"]))
    lengths = dict(zip(ids, docs["text"].str.len(), strict=True))
    rows = []
    for x in ids:
        for y in ids:
            if x == y:
                continue
            fwd = passages[(passages["doc_a"] == x) & (passages["doc_b"] == y)]
            bwd = passages[(passages["doc_a"] == y) & (passages["doc_b"] == x)]
            spans = list(zip(fwd["start_a"], fwd["end_a"], strict=True))
            spans += list(zip(bwd["start_b"], bwd["end_b"], strict=True))
            cover = np.zeros(lengths[x] + 1, dtype=bool)
            for s, e in spans:
                cover[s:e] = True
            chars = int(cover.sum())
            scores = pd.concat([fwd["score"], bwd["score"]])
            rows.append({"doc_id": x, "doc_b": y, "n_passages": len(fwd) + len(bwd),
                         "chars": chars, "n_chars": int(lengths[x]),
                         "share": round(chars / lengths[x], 6) if lengths[x] else 0.0,
                         "best_score": int(scores.max()) if len(scores) else 0})
    return pd.DataFrame(rows, columns=["doc_id", "doc_b", "n_passages", "chars", "n_chars",
                                       "share", "best_score"])


# --------------------------------------------------------------------------- copy ratio
def _countable(text: str) -> np.ndarray:
    import numpy as np

    return np.fromiter((bool(_COUNTABLE.match(ch)) for ch in text), dtype=bool, count=len(text))


def copy_ratio(
    table: pd.DataFrame,
    *,
    source: str = "provincial_text",
    target: str = "city_measures",
    id_columns: Sequence[str] = ("doc_id", "clause_id"),
    min_length: int = 8,
    min_score: int = 12,
    match: int = MATCH,
    mismatch: int = MISMATCH,
    gap_open: int = GAP_OPEN,
    gap_extend: int = GAP_EXTEND,
) -> pd.DataFrame:
    """How much of each target text is copied from its source text (row by row).

    For every row, local alignments of the target against the source are collected
    (:func:`local_alignments`: all separate passages of at least ``min_length``
    characters); the copied characters are the target's characters matched identically
    inside those passages. Only letters, digits and Han characters count (punctuation,
    spaces and item numbers' dots do not), in the copied characters as in the total.

    Parameters
    ----------
    table : DataFrame
        One row per pair, e.g. the Jiayuguan responsibilities table: the provincial clause
        (``source`` column) and the city measures that implement it (``target`` column).
    source, target : str, keyword-only
        The column names.
    id_columns : list of str, keyword-only
        Columns copied to the output (those present); ``doc_id`` is required.
    min_length, min_score : int, keyword-only
        Shortest passage (target characters) and lowest alignment score counted.

    Returns
    -------
    DataFrame
        The ``id_columns`` and ``n_chars, copied_chars, copy_ratio, n_passages,
        longest_passage, passages``: countable characters of the target, those copied, their
        ratio, the number of copied passages, the longest one's length, and the copied
        passages themselves (the target's text, joined with `` / ``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["x"], "clause_id": ["x:一"],
    ...                   "provincial_text": ["鼓励企业建立研发准备金制度,加大研发投入。"],
    ...                   "city_measures": ["1.鼓励企业建立研发准备金制度。2.每年培育企业4户。"]})
    >>> r = copy_ratio(t)
    >>> int(r.loc[0, "copied_chars"]), int(r.loc[0, "n_chars"])
    (13, 23)
    """
    import numpy as np
    import pandas as pd

    for col in (source, target, "doc_id"):
        if col not in table.columns:
            raise ValueError(f"copy_ratio: the table lacks column {col!r}; give source=/target= "
                             "the names of the source-text and target-text columns.")
    keep_ids = [c for c in id_columns if c in table.columns]
    rows = []
    for rec in table.to_dict("records"):
        src = "" if pd.isna(rec[source]) else str(rec[source])
        tgt = "" if pd.isna(rec[target]) else str(rec[target])
        count = _countable(tgt)
        alns = local_alignments(src, tgt, min_length=min_length, min_score=min_score,
                                match=match, mismatch=mismatch, gap_open=gap_open,
                                gap_extend=gap_extend) if src and tgt else []
        copied = np.zeros(len(tgt), dtype=bool)
        for aln in alns:
            copied[list(aln.matched_b)] = True
        copied &= count
        alns_sorted = sorted(alns, key=lambda x: x.start_b)
        n_chars = int(count.sum())
        rows.append({
            **{c: rec[c] for c in keep_ids},
            "n_chars": n_chars,
            "copied_chars": int(copied.sum()),
            "copy_ratio": round(int(copied.sum()) / n_chars, 6) if n_chars else 0.0,
            "n_passages": len(alns),
            "longest_passage": max((x.end_b - x.start_b for x in alns), default=0),
            "passages": " / ".join(_quote(tgt[x.start_b:x.end_b]) for x in alns_sorted),
        })
    cols = [*keep_ids, "n_chars", "copied_chars", "copy_ratio", "n_passages",
            "longest_passage", "passages"]
    return pd.DataFrame(rows, columns=cols)


def task_copy_ratio(
    data: Corpus | pd.DataFrame,
    *,
    clauses: pd.DataFrame | None = None,
    min_length: int = 8,
    min_score: int = 12,
) -> pd.DataFrame:
    """Copy ratio of every local measure of a task-decomposition table (Jiayuguan's 任务分解表).

    A task table restates each higher-level measure (the provincial clause ``(三)…``) and
    lists the local measures that implement it (``1.``, ``2.`` …) with the responsible
    units. :func:`analysis.structure.responsibilities` gives one row per provincial
    measure with its ``provincial_text`` and its ``city_measures`` (labels stripped);
    :func:`copy_ratio` then tells, for every city measure, how much of it is copied from
    the provincial text.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus, its clause table, or a responsibilities table (``doc_id, clause_id,
        heading, provincial_text, city_measures``).
    clauses : DataFrame, optional, keyword-only
        The corpus's clause table, when already made (it also names each city measure by
        its own ``clause_id``).
    min_length, min_score : int, keyword-only
        As :func:`copy_ratio`.

    Returns
    -------
    DataFrame
        One row per city measure: ``doc_id, clause_id, task_id, task_heading, measure,
        n_chars, copied_chars, copy_ratio, n_passages, longest_passage, passages``.
        ``task_id`` is the provincial measure's clause; ``clause_id`` the city measure's own
        clause (``"{task_id}/{k}"`` when the clause table is not at hand); ``measure`` its
        number under the task. Empty, with these columns, when no document has a task
        table.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> r = task_copy_ratio(load_corpus())
    >>> r["doc_id"].unique().tolist(), len(r), r["clause_id"].iloc[0]
    (['jiayuguan_2020'], 54, 'jiayuguan_2020:二/(三)/1')
    """
    import pandas as pd

    from analysis.structure import clause_table, responsibilities
    from analysis.text.corpus import Corpus

    if isinstance(data, Corpus):
        clauses = clause_table(data) if clauses is None else clauses
        resp = responsibilities(clauses)
    elif isinstance(data, pd.DataFrame) and "provincial_text" in data.columns:
        resp = data
    elif isinstance(data, pd.DataFrame) and "char_start" in data.columns:
        clauses = data
        resp = responsibilities(clauses)
    else:
        raise ValueError("task_copy_ratio: give a Corpus, a clause table or a responsibilities "
                         "table (analysis.structure.responsibilities).")
    missing = sorted({"doc_id", "clause_id", "provincial_text", "city_measures"}
                     - set(resp.columns))
    if missing:
        raise ValueError(f"task_copy_ratio: the responsibilities table lacks "
                         f"{', '.join(missing)}.")
    children: dict[str, list[str]] = {}
    if clauses is not None:
        kids = clauses.loc[clauses["kind"].isin(["heading", "clause"])]
        for parent, cid in zip(kids["parent_id"], kids["clause_id"], strict=True):
            if isinstance(parent, str):
                children.setdefault(parent, []).append(cid)
    rows = []
    for rec in resp.to_dict("records"):
        measures = list(rec["city_measures"]) if rec["city_measures"] is not None else []
        own = children.get(rec["clause_id"], [])
        for k, text in enumerate(measures, start=1):
            mid = own[k - 1] if len(own) == len(measures) else f"{rec['clause_id']}/{k}"
            rows.append({"doc_id": rec["doc_id"], "clause_id": mid,
                         "task_id": rec["clause_id"], "task_heading": rec.get("heading", ""),
                         "measure": k, "source_text": rec["provincial_text"], "text": text})
    cols = ["doc_id", "clause_id", "task_id", "task_heading", "measure", "source_text", "text"]
    measures_df = pd.DataFrame(rows, columns=cols)
    out = copy_ratio(measures_df, source="source_text", target="text",
                     id_columns=("doc_id", "clause_id", "task_id", "task_heading", "measure"),
                     min_length=min_length, min_score=min_score)
    return out.reset_index(drop=True)


def copy_ratio_summary(table: pd.DataFrame, *, verbatim: float = 0.9) -> pd.DataFrame:
    """One line per task table: how much of its local measures restates the source.

    Parameters
    ----------
    table : DataFrame
        A :func:`task_copy_ratio` table (the build's ``copy_ratio``).
    verbatim : float, keyword-only
        A measure counts as copied (near-)verbatim when at least this share of its
        characters is copied.

    Returns
    -------
    DataFrame
        ``doc_id, n_tasks, n_measures, n_chars, copied_chars, copy_ratio, median_ratio,
        n_verbatim, n_none``: provincial clauses with local measures, local measures, their
        countable characters and those copied, the overall ratio (copied / all characters),
        the median of the measures' ratios, the measures copied at least ``verbatim`` and
        those copying nothing. Empty (with these columns) for a corpus without a task table.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> s = copy_ratio_summary(task_copy_ratio(load_corpus()))
    >>> s[["doc_id", "n_tasks", "n_measures"]].values.tolist()
    [['jiayuguan_2020', 18, 54]]
    """
    import pandas as pd

    cols = ["doc_id", "n_tasks", "n_measures", "n_chars", "copied_chars", "copy_ratio",
            "median_ratio", "n_verbatim", "n_none"]
    missing = sorted({"doc_id", "task_id", "n_chars", "copied_chars", "copy_ratio"}
                     - set(table.columns))
    if missing:
        raise ValueError(f"copy_ratio_summary: the table lacks {', '.join(missing)}; give a "
                         "task_copy_ratio table (the build's copy_ratio).")
    rows = []
    for doc_id in dict.fromkeys(table["doc_id"]):
        t = table.loc[table["doc_id"] == doc_id]
        n_chars, copied = int(t["n_chars"].sum()), int(t["copied_chars"].sum())
        rows.append({"doc_id": doc_id, "n_tasks": int(t["task_id"].nunique()),
                     "n_measures": len(t), "n_chars": n_chars, "copied_chars": copied,
                     "copy_ratio": round(copied / n_chars, 6) if n_chars else 0.0,
                     "median_ratio": round(float(t["copy_ratio"].median()), 6),
                     "n_verbatim": int((t["copy_ratio"] >= verbatim).sum()),
                     "n_none": int((t["copied_chars"] == 0).sum())})
    return pd.DataFrame(rows, columns=cols)
