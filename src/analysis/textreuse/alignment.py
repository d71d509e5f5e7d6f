"""Local alignment: Smith–Waterman with affine gaps, banded, in compiled code.

:func:`align` finds the best local alignment of two strings, :func:`local_alignments`
every separate one (the matched part of the second string is masked and the search
repeated). Both run on the banded kernel that :func:`analysis.textreuse.reuse` uses on
candidate regions: cells within a band of diagonals around the seeds, filled and traced
back by the compiled kernels of :mod:`analysis.textreuse.kernel` (the horizontal gap term
is a running maximum). An
:class:`Alignment` records the spans, the score and the offsets of the identical
characters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from analysis.textreuse.kernel import _check_scores, _fill, _traceback, sw_banded

__all__ = [
    "GAP_EXTEND",
    "GAP_OPEN",
    "MATCH",
    "MAX_ALIGNMENTS",
    "MIN_LENGTH",
    "MIN_SCORE",
    "MISMATCH",
    "Alignment",
    "align",
    "copied_spans",
    "full_rows",
    "local_alignments",
]

#: default scores: +2 per identical character, -2 per substitution, a gap of k characters
#: costs ``gap_open + (k - 1) * gap_extend``
MATCH, MISMATCH, GAP_OPEN, GAP_EXTEND = 2, -2, 4, 1

#: default limits of :func:`local_alignments`: an alignment counts when it covers at least
#: ``MIN_LENGTH`` characters of the second string and scores at least ``MIN_SCORE``; at
#: most ``MAX_ALIGNMENTS`` are kept
MIN_LENGTH, MIN_SCORE, MAX_ALIGNMENTS = 8, 12, 50


@dataclass(frozen=True)
class Alignment:
    """One local alignment: ``a[start_a:end_a]`` aligned with ``b[start_b:end_b]``.

    ``matches`` counts identical aligned characters, ``columns`` the alignment's length
    (matches + substitutions + gap characters); ``identity = matches / columns``.
    ``matched_a`` / ``matched_b`` are the offsets of the identical characters.

    Examples
    --------
    >>> x = align("科技创新人才", "创新人才政策")
    >>> x.start_a, x.end_a, x.start_b, x.end_b, x.identity
    (2, 6, 0, 4, 1.0)
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
        """Identical characters per alignment column (0 for an empty alignment)."""
        return self.matches / self.columns if self.columns else 0.0


def _codes(text: str) -> np.ndarray:
    """The code points of ``text`` as int32 (what the kernel compares; -1 marks a masked
    character)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int32)


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
    rows: tuple[np.ndarray, np.ndarray] | None = None,
    arrays: bool = False,
) -> tuple[Alignment | None, bool]:
    """Smith–Waterman of ``a[a0:a1]`` against ``b``, cells with ``j - i`` in [dlo, dhi].

    ``a``/``b`` are code arrays; ``-1`` codes never match (masked characters). ``rows``
    (``lo, hi`` per row, see :func:`~analysis.textreuse.kernel.sw_banded`) narrows rows
    to fewer band columns; ``arrays`` keeps the matched offsets as int64 arrays instead
    of tuples (for callers that index with them). Returns the best alignment (None if
    no positive score) and whether its path runs along the first or last band column,
    so the caller can widen the band.
    """
    m = a1 - a0
    width = dhi - dlo + 1
    if m <= 0 or width <= 0:
        return None, False
    # cells outside b (index below 0 or past its end) are no cells: the kernel checks
    lo, hi = rows if rows is not None else (None, None)
    res = sw_banded(a, b, a0, m, width, dlo, match=match, mismatch=mismatch,
                    gap_open=gap_open, gap_extend=gap_extend, lo=lo, hi=hi)
    if res is None:
        return None, False
    best, end_i, end_k, start_i, start_k, columns, touched, mi, mik = res
    sa, ea = a0 + start_i, a0 + end_i
    sb, eb = a0 + start_i + dlo + start_k, a0 + end_i - 1 + dlo + end_k + 1
    ma = mi + a0
    mb = mik + (a0 + dlo)
    if not arrays:
        ma, mb = tuple(ma.tolist()), tuple(mb.tolist())
    aln = Alignment(sa, ea, sb, eb, best, len(ma), columns, ma, mb)
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
                        gap_open=gap_open, gap_extend=gap_extend,
                        rows=full_rows(len(a), len(b)))
    return aln


def full_rows(m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns of each row that hold cells when all of a ``m``-character string is
    aligned with all of a ``n``-character one in the band ``[-m, n]`` (``lo, hi`` for
    :func:`~analysis.textreuse.kernel.sw_banded`).

    Row ``i`` compares character ``i - 1`` with characters ``0 .. n - 1``: band columns
    ``m - i + 1`` to ``m - i + n``. The band's other ``m`` columns fall outside the second
    string (no cells), so filling only these rows' own columns gives the same matrix at
    ``n`` instead of ``m + n + 1`` cells a row.

    Examples
    --------
    >>> lo, hi = full_rows(3, 2)
    >>> lo.tolist(), hi.tolist()
    ([0, 3, 2, 1], [0, 5, 4, 3])
    """
    lo = np.arange(m + 1, 0, -1, dtype=np.int64)
    lo[0] = 0
    hi = lo + n
    hi[0] = 0
    return lo, hi


def local_alignments(
    a: str,
    b: str,
    *,
    min_length: int = MIN_LENGTH,
    min_score: int = MIN_SCORE,
    max_alignments: int = MAX_ALIGNMENTS,
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
    rows = full_rows(len(b), len(a))
    out: list[Alignment] = []
    while len(out) < max_alignments:
        aln, _ = _banded_sw(cb, ca, 0, len(b), -len(b), len(a), match=match,
                            mismatch=mismatch, gap_open=gap_open, gap_extend=gap_extend,
                            rows=rows)
        if aln is None or aln.score < min_score or aln.end_a - aln.start_a < min_length:
            break
        # _banded_sw aligned b (rows) against a (columns): swap the roles back
        out.append(Alignment(aln.start_b, aln.end_b, aln.start_a, aln.end_a, aln.score,
                             aln.matches, aln.columns, aln.matched_b, aln.matched_a))
        cb[aln.start_a:aln.end_a] = -1
    return out


@njit(cache=True, nogil=True)
def _copied_spans(cb, ca, lo, hi, match, mismatch, gap_open, gap_extend, min_length,
                  min_score, max_alignments):  # pragma: no cover
    # the loop of local_alignments (b in the rows, a in the columns), in one compiled call;
    # the matrices' buffers are filled again for each further passage
    m = len(cb)
    width = m + len(ca) + 1
    cb = cb.copy()
    copied = np.zeros(m, dtype=np.bool_)
    spans = np.empty((max_alignments, 2), dtype=np.int64)
    n = 0
    H = np.empty(0, dtype=np.int32)
    E = H
    F = H
    while n < max_alignments:
        H, E, F, rs, best, bi, bk = _fill(cb, ca, 0, m, width, -m, lo, hi, match, mismatch,
                                          gap_open, gap_extend, H, E, F)
        if best <= 0 or best < min_score:
            break
        si, _sk, _columns, _touched, mi, _mik = _traceback(cb, ca, 0, -m, H, E, F, rs, lo,
                                                           hi, bi, bk, width, match,
                                                           mismatch, gap_open)
        if bi - si < min_length:
            break
        spans[n, 0] = si
        spans[n, 1] = bi
        for x in mi:
            copied[x] = True
        cb[si:bi] = -1
        n += 1
    return spans[:n].copy(), copied


def copied_spans(
    a: str,
    b: str,
    *,
    min_length: int = MIN_LENGTH,
    min_score: int = MIN_SCORE,
    max_alignments: int = MAX_ALIGNMENTS,
    match: int = MATCH,
    mismatch: int = MISMATCH,
    gap_open: int = GAP_OPEN,
    gap_extend: int = GAP_EXTEND,
) -> tuple[np.ndarray, np.ndarray]:
    """What :func:`local_alignments` finds of ``b`` in ``a``, as arrays, from one compiled
    call that holds no lock of the interpreter (so calls can run on threads side by side).

    Parameters
    ----------
    a, b : str
        The texts.
    min_length, min_score, max_alignments : int, keyword-only
        As :func:`local_alignments`: the shortest alignment (characters of ``b``), the
        lowest score, the most alignments.
    match, mismatch, gap_open, gap_extend : int, keyword-only
        The alignment's scores (:func:`align`).

    Returns
    -------
    spans : ndarray of int64, shape (k, 2)
        ``start_b, end_b`` of each alignment, in the order :func:`local_alignments` gives
        them (best first).
    copied : ndarray of bool, length ``len(b)``
        The characters of ``b`` matched identically in any of them.

    Examples
    --------
    >>> src = "鼓励企业建立研发准备金制度,支持企业建立高水平研发机构。"
    >>> tgt = "1.支持企业建立高水平研发机构。2.鼓励企业建立研发准备金制度。"
    >>> spans, copied = copied_spans(src, tgt)
    >>> spans.tolist(), int(copied.sum())
    ([[2, 16], [18, 31]], 27)
    """
    _check_scores(match, mismatch, gap_open, gap_extend)
    lo, hi = full_rows(len(b), len(a))
    return _copied_spans(_codes(b), _codes(a), lo, hi, match, mismatch, gap_open, gap_extend,
                         min_length, min_score, max_alignments)


#: Closing punctuation a passage should not start with, opening punctuation it should not
#: end with (full- and half-width).
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
