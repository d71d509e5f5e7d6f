import numpy as np

from analysis.textreuse.alignment import _codes
from analysis.textreuse.extension import extend
from analysis.textreuse.regions import align_pair
from tests.textreuse.texts import EDITED, PASSAGE, filler

SCORES = {"match": 2, "mismatch": -2, "gap_open": 4, "gap_extend": 1}
OPTS = {"n": 10, "same": False, "band": 32, "max_gap": 200, "pad": 40, "max_window": 5000,
        **SCORES}


def test_an_exact_run_is_followed_to_its_end():
    a = PASSAGE + filler(30, 1)
    b = PASSAGE + filler(30, 2)
    i, j, score, columns, ma, mb = extend(_codes(a), _codes(b), 10, 10, forward=True,
                                          limit=len(a), band=8, block=16, **SCORES)
    assert (i, j) == (len(PASSAGE), len(PASSAGE))
    assert score == 2 * (len(PASSAGE) - 10) and columns == len(PASSAGE) - 10
    assert ma.tolist() == mb.tolist() == list(range(10, len(PASSAGE)))


def test_an_edited_copy_is_followed_across_its_edits_and_backwards():
    a = filler(20, 3) + PASSAGE + filler(20, 4)
    b = filler(25, 5) + EDITED + filler(20, 6)
    ca, cb = _codes(a), _codes(b)
    i, j, score, _cols, ma, mb = extend(ca, cb, 20 + len(PASSAGE), 25 + len(EDITED),
                                        forward=False, limit=0, band=8, block=16, **SCORES)
    assert (i, j) == (20, 25)
    assert score > 0 and len(ma) >= len(EDITED) - 4
    assert ma.tolist() == sorted(ma.tolist()) and mb.tolist() == sorted(mb.tolist())
    assert all(a[x] == b[y] for x, y in zip(ma.tolist(), mb.tolist(), strict=True))


def test_the_limit_in_a_is_not_crossed():
    text = PASSAGE * 3
    i, _j, _score, _cols, ma, _mb = extend(_codes(text), _codes(text), 5, 5, forward=True,
                                          limit=50, band=8, block=16, **SCORES)
    assert i == 50 and ma.max() == 49


def test_no_shared_text_no_extension():
    a, b = filler(40, 7), PASSAGE
    i, j, score, _cols, ma, _mb = extend(_codes(a), _codes(b), 0, 0, forward=True,
                                         limit=len(a), band=8, block=16, **SCORES)
    assert (i, j, score, len(ma)) == (0, 0, 0, 0)


def test_one_document_with_itself_stays_right_of_its_diagonal():
    # a text repeated right after itself: extending the repeat backwards from its end must
    # not cross onto the main diagonal (a character aligned with itself)
    text = PASSAGE + PASSAGE
    ca = _codes(text)
    _i, _j, _score, _cols, ma, mb = extend(ca, ca, len(text) - len(PASSAGE), len(text),
                                           forward=False, limit=0, band=8, block=16,
                                           same=True, **SCORES)
    assert (mb - ma >= 1).all()


def test_a_copy_running_past_its_last_seed_is_one_passage_to_its_end():
    # only the first 30 characters of a 1,200-character copy have seeds (elsewhere its
    # n-grams are too frequent to seed): the passage still covers the whole copy
    copy = "".join(PASSAGE[s:] + PASSAGE[:s] for s in range(0, 80, 5))[:1200]
    a = filler(100, 8) + copy + filler(100, 9)
    b = filler(60, 10) + copy + "x" * 60
    pa = np.arange(100, 120, dtype=np.int64)
    rows, _ma, _mb, off = align_pair(_codes(a), _codes(b), pa, pa - 40, **OPTS)
    assert rows[0, :4].tolist() == [100, 100 + len(copy), 60, 60 + len(copy)]
    assert rows[0, 4] == 2 * len(copy) and off[1] - off[0] == len(copy)
