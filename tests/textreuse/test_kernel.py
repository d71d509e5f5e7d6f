import random

import numpy as np
import pytest

from analysis.textreuse import align
from analysis.textreuse.kernel import (
    anchor_rows,
    chain_regions,
    char_classes,
    seed_runs,
    sw_banded,
)


def _best_score(a: str, b: str, match=2, mismatch=-2, gap_open=4, gap_extend=1) -> int:
    """Gotoh local alignment, plain Python: the best score only."""
    neg = -(10**8)
    H = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    E = [[neg] * (len(b) + 1) for _ in range(len(a) + 1)]
    F = [[neg] * (len(b) + 1) for _ in range(len(a) + 1)]
    best = 0
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            E[i][j] = max(H[i][j - 1] - gap_open, E[i][j - 1] - gap_extend)
            F[i][j] = max(H[i - 1][j] - gap_open, F[i - 1][j] - gap_extend)
            s = match if a[i - 1] == b[j - 1] else mismatch
            H[i][j] = max(0, H[i - 1][j - 1] + s, E[i][j], F[i][j])
            best = max(best, H[i][j])
    return best


def test_compiled_alignment_scores_as_textbook_gotoh():
    rng = random.Random(3)
    for _ in range(200):
        a = "".join(rng.choice("科技创新人才") for _ in range(rng.randint(1, 25)))
        b = "".join(rng.choice("科技创新人才") for _ in range(rng.randint(1, 25)))
        x = align(a, b)
        assert (x.score if x else 0) == _best_score(a, b)


def test_chain_regions_split_by_diagonal_and_gap():
    pa = np.array([0, 5, 10, 12, 500])
    pb = np.array([100, 105, 110, 300, 600])
    regions = chain_regions(pa, pb, band=8, max_gap=200)
    assert [r.tolist() for r in regions] == [[0, 1, 2], [3], [4]]
    assert chain_regions(np.zeros(0, int), np.zeros(0, int), band=8, max_gap=200) == []


def test_char_classes_follow_the_predicates():
    text = "ab 中\u3000。"
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    space, word = char_classes(codes, str.isspace, str.isalnum)
    assert space.tolist() == [c.isspace() for c in text]
    assert word.tolist() == [c.isalnum() for c in text]


def test_char_classes_of_no_characters_and_of_negative_codes():
    import pytest

    assert [x.tolist() for x in char_classes(np.zeros(0, np.int32), str.isspace)] == [[]]
    with pytest.raises(ValueError, match="code points"):
        char_classes(np.array([65, -1]), str.isspace)


def test_rows_narrowed_to_exact_runs_keep_the_alignment():
    rng = np.random.default_rng(4)
    for _ in range(50):
        a = rng.integers(0, 6, 400)
        b = a.copy()
        b[rng.integers(0, 400, 6)] = 9  # substitutions split the copy into exact runs
        b = np.insert(b, 200, [7, 7, 7])  # and a gap shifts the diagonal
        seeds = np.arange(0, 390, 7)
        diag = np.where(seeds < 200, 0, 3)
        full = sw_banded(a, b, 0, 400, 41, -20, match=2, mismatch=-2, gap_open=4,
                         gap_extend=1)
        lo, hi = anchor_rows(a, b, seeds, seeds + diag, 0, 400, -20, 41, margin=10)
        assert (hi - lo)[1:].sum() < 400 * 41 // 2  # most rows need one column
        narrow = sw_banded(a, b, 0, 400, 41, -20, match=2, mismatch=-2, gap_open=4,
                           gap_extend=1, lo=lo, hi=hi)
        assert narrow[:7] == full[:7]
        assert narrow[7].tolist() == full[7].tolist()


def test_seed_runs_list_every_pair_of_occurrences_once():
    rng = np.random.default_rng(2)
    for mode, pairs in enumerate(("between", "within", "all")):
        doc = np.repeat(np.arange(4), 60)
        pos = np.tile(np.arange(60), 4)
        inv = rng.integers(0, 8, 240)
        inv[60:90] = inv[0:30]  # a shared stretch: a run of seed pairs
        usable = rng.random(240) < 0.9
        sel = np.flatnonzero(usable)
        order = sel[np.lexsort((pos[sel], doc[sel], inv[sel]))]
        runs = seed_runs(doc, pos, inv, usable, n=3, mode=mode)
        got = sorted((int(r[0]), int(r[1]), int(r[2]) + t, int(r[3]) + t)
                     for r in runs for t in range(int(r[4])))
        want = sorted((int(doc[x]), int(doc[y]), int(pos[x]), int(pos[y]))
                      for i, x in enumerate(order) for y in order[i + 1:]
                      if inv[x] == inv[y] and (
                          (pairs != "within" and doc[x] != doc[y])
                          or (pairs != "between" and doc[x] == doc[y]
                              and pos[y] - pos[x] >= 3)))
        assert got == want
        assert (runs[:, 4] > 1).any()


def test_seed_runs_of_int32_columns_equal_those_of_int64():
    rng = np.random.default_rng(3)
    doc = np.repeat(np.arange(3), 50)
    pos = np.tile(np.arange(50), 3)
    inv = rng.integers(0, 6, 150)
    inv[50:80] = inv[0:30]
    usable = rng.random(150) < 0.9
    for mode in (0, 1, 2):
        wide = seed_runs(doc, pos, inv, usable, n=3, mode=mode)
        narrow = seed_runs(doc.astype(np.int32), pos.astype(np.int32), inv.astype(np.int32),
                           usable, n=3, mode=mode)
        assert narrow.dtype == np.int64 and narrow.tolist() == wide.tolist()


def test_band_fill_scores_a_copy_and_reuses_an_earlier_windows_buffers():
    from analysis.textreuse.kernel import _fill

    z = np.empty(0, dtype=np.int32)
    a = np.array([5, 6, 7, 8], dtype=np.int32)
    lo = np.zeros(5, np.int64)
    hi = np.full(5, 3, np.int64)
    hi[0] = 0
    # band columns k = 0, 1, 2 are the diagonals -1, 0, 1: the copy is on column 1
    H, _, _, rs, best, bi, bk = _fill(a, a, 0, 4, 3, -1, lo, hi, 2, -2, 4, 1, z, z, z)
    assert (best, bi, bk) == (8, 4, 1)
    assert H[rs[1]:rs[5]].reshape(4, 3)[:, 1].tolist() == [2, 4, 6, 8]
    rng = np.random.default_rng(5)
    big = rng.integers(0, 5, 600).astype(np.int32)
    other = big.copy()
    other[rng.integers(0, 600, 20)] = 9
    seeds = np.arange(0, 590, 9)
    lo2, hi2 = anchor_rows(big, other, seeds, seeds, 0, 600, -16, 33, margin=10)
    first = _fill(big, other, 0, 600, 33, -16, lo2, hi2, 2, -2, 4, 1, z, z, z)
    H2, E2, F2 = first[:3]
    for a0, m in ((0, 600), (50, 300), (3, 40)):
        lo3, hi3 = anchor_rows(big, other, seeds, seeds, a0, a0 + m, -16, 33, margin=10)
        fresh = _fill(big, other, a0, m, 33, -16, lo3, hi3, 2, -2, 4, 1, z, z, z)
        again = _fill(big, other, a0, m, 33, -16, lo3, hi3, 2, -2, 4, 1, H2, E2, F2)
        assert again[0] is H2  # the earlier buffers hold the window: no new ones
        cells = fresh[3][m + 1]
        for x, y in zip(fresh[:3], again[:3], strict=True):
            assert x[:cells].tolist() == y[:cells].tolist()
        assert fresh[4:] == again[4:]


def test_seed_runs_of_a_group_pair_its_copies_only_with_the_first_document():
    # documents 0, 1 and 3 are one group (0 holds every n-gram first), 2 another
    doc = np.repeat(np.arange(4), 3).astype(np.int32)
    pos = np.tile(np.arange(3), 4).astype(np.int32)
    inv = np.tile(np.array([5, 6, 7]), 4).astype(np.int32)
    unit = np.array([0, 0, 2, 0])
    lead = (doc == 0) | (doc == 2)  # each occurrence's document leads its group
    runs = seed_runs(doc, pos, inv, np.ones(12, bool), n=2, mode=0, unit=unit, lead=lead)
    assert sorted(runs.tolist()) == [[0, 1, 0, 0, 3], [0, 2, 0, 0, 3], [0, 3, 0, 0, 3],
                                     [1, 2, 0, 0, 3], [2, 3, 0, 0, 3]]  # no 1-3 pair


def _fill_by_cells(a, b, a0, m, width, shift, lo, hi, match=2, mismatch=-2, gap_open=4,
                   gap_extend=1):
    """The band fill cell by cell in plain Python: ``{(i, k): (h, e, f)}`` of the stored
    cells and the best cell (first in row-major order)."""
    neg = -(10**8)
    cells = {}
    best, bi, bk = 0, 0, 0
    for i in range(1, m + 1):
        ca = int(a[a0 + i - 1])
        rr = neg
        for k in range(int(lo[i]), int(hi[i])):
            h_d, _, _ = cells.get((i - 1, k), (0, neg, neg))
            h_v, _, f_v = cells.get((i - 1, k + 1), (0, neg, neg))
            j = a0 + i - 1 + shift + k
            x = int(b[j]) if 0 <= j < len(b) else -2
            if x < -1:
                g, f, e = 0, neg, neg
            else:
                s = match if x == ca and x >= 0 else mismatch
                f = max(h_v - gap_open, f_v - gap_extend)
                g = max(h_d + s, f, 0)
                e = rr
            rr = max(rr - gap_extend, g - gap_open)
            h = max(g, e)
            cells[(i, k)] = (h, e, f)
            if h > best:
                best, bi, bk = h, i, k
    return cells, (best, bi, bk)


def test_band_fill_equals_the_cell_by_cell_recurrence():
    from analysis.textreuse.kernel import _fill

    z = np.empty(0, dtype=np.int32)
    # a literal window: b's codes -1 (masked: matches nothing) and -2 (outside b: it
    # breaks the copy), and a band that reaches past both ends of b; the best cell is the
    # first of score 4 (row 2, the diagonal's column 2), not the later 4 after the break
    a = np.array([3, 4, -1, 5, 6, 7], dtype=np.int32)
    b = np.array([3, 4, -1, 5, -2, 6, 7], dtype=np.int32)
    lo = np.zeros(7, np.int64)
    hi = np.full(7, 5, np.int64)
    hi[0] = 0
    H, E, F, rs, *best = _fill(a, b, 0, 6, 5, -2, lo, hi, 2, -2, 4, 1, z, z, z)
    cells, want = _fill_by_cells(a, b, 0, 6, 5, -2, lo, hi)
    assert tuple(best) == want == (4, 2, 2)
    got = {(i, k): (H[rs[i] + k - lo[i]], E[rs[i] + k - lo[i]], F[rs[i] + k - lo[i]])
           for i in range(1, 7) for k in range(lo[i], hi[i])}
    assert got == cells
    # random windows: near-copies with edits, rows narrowed to random column ranges
    # (overlapping the previous row's on either side or not at all), buffers reused
    rng = np.random.default_rng(11)
    buf = (z, z, z)
    for _ in range(300):
        n = int(rng.integers(5, 80))
        a = rng.integers(-2, 6, n).astype(np.int32)
        b = a.copy()
        b[rng.integers(0, n, 4)] = rng.integers(-2, 9, 4)
        b = np.insert(b, int(rng.integers(0, n)), rng.integers(0, 6, 3)).astype(np.int32)
        a0 = int(rng.integers(0, 4))
        m = n - a0
        width = int(rng.integers(1, 24))
        shift = int(rng.integers(-width, 4))
        lo = rng.integers(0, width, m + 1)
        hi = np.minimum(lo + rng.integers(0, width + 1, m + 1), width)
        full = rng.random(m + 1) < 0.5  # half the rows over the whole band
        lo[full], hi[full] = 0, width
        lo[0] = hi[0] = 0
        H, E, F, rs, *best = _fill(a, b, a0, m, width, shift, lo, hi, 2, -2, 4, 1, *buf)
        buf = (H, E, F)
        cells, want = _fill_by_cells(a, b, a0, m, width, shift, lo, hi)
        assert tuple(best) == want
        got = {(i, k): (H[rs[i] + k - lo[i]], E[rs[i] + k - lo[i]], F[rs[i] + k - lo[i]])
               for i in range(1, m + 1) for k in range(lo[i], hi[i])}
        assert got == cells


def test_traceback_reads_no_cell_outside_a_rows_columns():
    from analysis.textreuse.kernel import _get

    x = np.array([10, 11, 12, 20, 21], dtype=np.int32)
    rs = np.array([0, 0, 3, 5], dtype=np.int64)  # row 1: columns 2:5, row 2: columns 0:2
    lo = np.array([0, 2, 0], dtype=np.int64)
    hi = np.array([0, 5, 2], dtype=np.int64)
    assert [_get(x, rs, lo, hi, 1, k, -7) for k in range(-1, 6)] == [-7, -7, -7, 10, 11,
                                                                      12, -7]
    assert [_get(x, rs, lo, hi, 2, k, -7) for k in range(-1, 3)] == [-7, 20, 21, -7]
    assert _get(x, rs, lo, hi, 0, 0, -7) == -7  # a row of no columns


@pytest.mark.parametrize("gap_open, gap_extend", [(0, 0), (4, 0), (1, 2)])
def test_sw_banded_refuses_scores_its_traceback_cannot_follow(gap_open, gap_extend):
    a = np.array([1, 2, 3, 4])
    with pytest.raises(ValueError, match="gap_open >= gap_extend > 0"):
        sw_banded(a, a, 0, 4, 4, 0, match=2, mismatch=-2, gap_open=gap_open,
                  gap_extend=gap_extend)
