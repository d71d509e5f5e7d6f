import itertools

import numpy as np

from analysis.textreuse.alignment import _codes
from analysis.textreuse.regions import align_pair, matched_means, trim_spans
from tests.textreuse.texts import PASSAGE, filler

OPTS = {"n": 10, "same": False, "band": 32, "max_gap": 200, "pad": 40, "max_window": 5000,
        "match": 2, "mismatch": -2, "gap_open": 4, "gap_extend": 1}


def _seeds(a: str, b: str, n: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of equal n-grams of ``a`` and ``b``."""
    grams: dict[str, list[int]] = {}
    for j in range(len(b) - n + 1):
        grams.setdefault(b[j:j + n], []).append(j)
    pairs = [(i, j) for i in range(len(a) - n + 1) for j in grams.get(a[i:i + n], [])]
    pa, pb = zip(*pairs, strict=True) if pairs else ((), ())
    return np.array(pa, dtype=np.int64), np.array(pb, dtype=np.int64)


def test_two_passages_far_apart_are_two_rows_best_first():
    a = PASSAGE + filler(300, 1) + PASSAGE[:40]
    b = filler(50, 2) + PASSAGE[:40] + filler(500, 3) + PASSAGE
    rows, ma, mb, off = align_pair(_codes(a), _codes(b), *_seeds(a, b), **OPTS)
    assert rows[:, 4].tolist() == sorted(rows[:, 4].tolist(), reverse=True)
    spans = sorted(map(tuple, rows[:, :4].tolist()))
    assert (0, len(PASSAGE), 50 + 40 + 500, len(b)) in spans
    assert (len(PASSAGE) + 300, len(a), 50, 90) in spans
    # the identical characters of each row, in both texts
    for t in range(len(rows)):
        xa, xb = ma[off[t]:off[t + 1]], mb[off[t]:off[t + 1]]
        assert len(xa) == rows[t, 5]
        assert all(a[i] == b[j] for i, j in zip(xa.tolist(), xb.tolist(), strict=True))


def test_a_passage_longer_than_a_window_is_one_row():
    text = "".join(filler(1, s) + PASSAGE for s in range(60))  # about 4,500 characters
    a, b = filler(20, 7) + text, filler(30, 8) + text
    opts = {**OPTS, "max_window": 1000}
    rows, _ma, _mb, off = align_pair(_codes(a), _codes(b), *_seeds(a, b), **opts)
    assert rows[0, :4].tolist() == [20, len(a), 30, len(b)]
    assert off[1] - off[0] == len(text)


def test_no_seeds_no_rows():
    rows, _ma, _mb, off = align_pair(_codes("甲乙"), _codes("丙丁"), np.zeros(0, np.int64),
                                   np.zeros(0, np.int64), **OPTS)
    assert rows.shape == (0, 7) and off.tolist() == [0]


def test_trim_spans_drops_marked_edges_of_both_texts():
    lead = np.array([True, True, False, False, False])
    tail = np.array([False, False, False, True, True])
    rows = np.array([[0, 5, 1, 4, 10, 3, 5]])
    assert trim_spans(rows, lead, tail, lead, tail)[0].tolist() == [2, 3, 2, 3, 10, 3, 5]


def test_matched_means_equal_numpy_mean_to_the_last_bit():
    rng = np.random.default_rng(3)
    values = rng.random(20_000) * 1e3
    idx = rng.integers(0, len(values), size=30_000)
    offsets = np.array([0, 0, 1, 7, 8, 135, 1_000, 30_000])
    got = matched_means(values, idx, offsets)
    want = [values[idx[s:e]].mean() if e > s else 0.0
            for s, e in itertools.pairwise(offsets)]
    assert got.tolist() == want
