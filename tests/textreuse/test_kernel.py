import random

import numpy as np

from analysis.textreuse import align
from analysis.textreuse.kernel import chain_regions, char_classes


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
    space, word = char_classes(text, codes, str.isspace, str.isalnum)
    assert space.tolist() == [c.isspace() for c in text]
    assert word.tolist() == [c.isalnum() for c in text]
