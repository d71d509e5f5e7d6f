"""analysis.textreuse.alignment: Smith–Waterman local alignment (vectorised, banded)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.textreuse import Alignment, align, local_alignments
from analysis.textreuse.alignment import GAP_EXTEND, GAP_OPEN, MATCH, MISMATCH, copied_spans


def naive_sw(a: str, b: str) -> int:
    """Textbook Gotoh local alignment score, the reference for the vectorised version."""
    neg = -(10**9)
    m, n = len(a), len(b)
    H = [[0] * (n + 1) for _ in range(m + 1)]
    E = [[neg] * (n + 1) for _ in range(m + 1)]
    F = [[neg] * (n + 1) for _ in range(m + 1)]
    best = 0
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            E[i][j] = max(E[i][j - 1] - GAP_EXTEND, H[i][j - 1] - GAP_OPEN)
            F[i][j] = max(F[i - 1][j] - GAP_EXTEND, H[i - 1][j] - GAP_OPEN)
            s = MATCH if a[i - 1] == b[j - 1] else MISMATCH
            H[i][j] = max(0, H[i - 1][j - 1] + s, E[i][j], F[i][j])
            best = max(best, H[i][j])
    return best


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="科技创新人才", min_size=1, max_size=25),
       st.text(alphabet="科技创新人才", min_size=1, max_size=25))
def test_vectorised_alignment_agrees_with_textbook_gotoh(a, b):
    aln = align(a, b)
    ref = naive_sw(a, b)
    if ref == 0:
        assert aln is None
        return
    assert aln.score == ref
    assert len(aln.matched_a) == aln.matches == len(aln.matched_b)
    assert all(a[i] == b[j] for i, j in zip(aln.matched_a, aln.matched_b, strict=True))
    assert aln.start_a == aln.matched_a[0] and aln.end_a == aln.matched_a[-1] + 1
    assert aln.start_b == aln.matched_b[0] and aln.end_b == aln.matched_b[-1] + 1
    assert aln.matches * MATCH >= aln.score  # penalties only lower the score


def test_align_literal():
    x = align("关于加快科技创新的意见", "赤峰市加快科技创新发展")
    assert (x.start_a, x.end_a, x.start_b, x.end_b) == (2, 8, 3, 9)
    assert x.identity == 1.0 and x.score == 12
    assert align("甲乙丙", "丁戊己") is None


def test_local_alignments_find_each_copied_sentence():
    src = "鼓励企业建立研发准备金制度,支持企业建立高水平研发机构。"
    tgt = "1.支持企业建立高水平研发机构。2.鼓励企业建立研发准备金制度。3.每年培育企业。"
    spans = [(x.start_b, x.end_b) for x in local_alignments(src, tgt)]
    assert spans == [(2, 16), (18, 31)]



def test_affine_gap_scores():
    # 8 matches either side of a 2-character insertion: 16 * 2 - (4 + 1)
    x = align("科技创新人才培养", "科技创新甲乙人才培养")
    assert (x.score, x.matches, x.columns) == (2 * 8 - GAP_OPEN - GAP_EXTEND, 8, 10)
    assert x.identity == pytest.approx(0.8)
    assert x.matched_b == (0, 1, 2, 3, 6, 7, 8, 9)
    # a costlier gap makes the longer half alone the best local alignment
    y = align("科技创新人才培养", "科技创新甲乙人才培养", gap_open=30, gap_extend=1)
    assert y.score == 8 and y.matches == 4


def test_alignment_identity_of_an_empty_alignment():
    assert Alignment(0, 0, 0, 0, 0, 0, 0).identity == 0.0


@pytest.mark.parametrize("scores", [{"match": 0}, {"mismatch": 1}, {"gap_open": 0},
                                    {"gap_open": 1, "gap_extend": 2}])
def test_scores_are_checked(scores):
    with pytest.raises(ValueError, match="scores: need match > 0"):
        align("甲乙", "甲乙", **scores)
    with pytest.raises(ValueError, match="scores: need match > 0"):
        local_alignments("甲乙", "甲乙", **scores)


def test_local_alignments_stop_below_min_length_and_reuse_the_source():
    src = "支持企业建立高水平研发机构。"
    tgt = "1.支持企业建立高水平研发机构。2.支持企业建立高水平研发机构。3.企业。"
    out = local_alignments(src, tgt)
    # the source sentence is found twice; "企业" (2 characters) is below min_length
    assert [(x.start_b, x.end_b) for x in sorted(out, key=lambda x: x.start_b)] == [
        (2, 16), (18, 32)]
    assert all((x.start_a, x.end_a) == (0, 14) for x in out)
    assert local_alignments(src, tgt, min_length=20) == []


def test_full_rows_hold_the_cells_inside_both_strings():
    from analysis.textreuse.alignment import full_rows

    lo, hi = full_rows(3, 2)
    # row i compares character i - 1 with the second string: band column k is its
    # character i - 1 - 3 + k, so k runs from 4 - i to 5 - i
    assert lo.tolist() == [0, 3, 2, 1]
    assert hi.tolist() == [0, 5, 4, 3]
    lo, hi = full_rows(0, 4)
    assert lo.tolist() == [0] and hi.tolist() == [0]


def test_full_rows_give_the_alignment_of_the_whole_band():
    from analysis.textreuse.alignment import _banded_sw, _codes, full_rows

    scores = {"match": MATCH, "mismatch": MISMATCH, "gap_open": GAP_OPEN,
              "gap_extend": GAP_EXTEND}
    for a, b in [("科技创新人才政策", "人才创新科技"), ("加快建设平台", "建设科技平台体系加快"),
                 ("甲", "乙甲乙")]:
        ca, cb = _codes(a), _codes(b)
        whole, _ = _banded_sw(ca, cb, 0, len(a), -len(a), len(b), **scores)
        narrow, _ = _banded_sw(ca, cb, 0, len(a), -len(a), len(b), **scores,
                               rows=full_rows(len(a), len(b)))
        assert narrow == whole


def test_copied_spans_literal():
    src = "鼓励企业建立研发准备金制度,支持企业建立高水平研发机构。"
    tgt = "1.支持企业建立高水平研发机构。2.鼓励企业建立研发准备金制度。"
    spans, copied = copied_spans(src, tgt)
    assert spans.tolist() == [[2, 16], [18, 31]]
    assert copied.tolist() == [False] * 2 + [True] * 14 + [False] * 2 + [True] * 13 + [False]
    spans, copied = copied_spans(src, "另行安排。")
    assert spans.shape == (0, 2) and not copied.any()
    for a, b in (("", "甲乙"), ("甲乙", "")):
        spans, copied = copied_spans(a, b)
        assert spans.shape == (0, 2) and len(copied) == len(b)
    with pytest.raises(TypeError, match="minlength"):
        copied_spans(src, tgt, minlength=3)
    with pytest.raises(ValueError, match="scores"):
        copied_spans(src, tgt, mismatch=1)


_SHORT = st.text(alphabet="甲乙丙丁戊,", max_size=40)


@settings(max_examples=200, deadline=None)
@given(_SHORT, _SHORT, st.integers(1, 8), st.integers(2, 14))
def test_copied_spans_agree_with_local_alignments(a, b, min_length, min_score):
    alns = local_alignments(a, b, min_length=min_length, min_score=min_score)
    spans, copied = copied_spans(a, b, min_length=min_length, min_score=min_score)
    assert spans.tolist() == [[x.start_b, x.end_b] for x in alns]
    want = {i for x in alns for i in x.matched_b}
    assert [i for i in range(len(b)) if copied[i]] == sorted(want)
