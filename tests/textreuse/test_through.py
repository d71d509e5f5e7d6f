from __future__ import annotations

import numpy as np

from analysis.textreuse.through import _mapping, shared_through

# documents 0 (representative), 1 and 2 (its copies), 3 (another group of its own)
REP = np.array([0, 0, 0, 3])
LENGTHS = np.array([100, 90, 85, 40])


def _passages(rows):
    cols = np.array(rows, dtype=np.int64).reshape(-1, 6).T
    return tuple(cols)  # da, db, sa, ea, sb, eb


def _pairs(rows):
    x, y, c = shared_through(REP, LENGTHS, *_passages(rows))
    return {(int(a), int(b)): int(v) for a, b, v in zip(x, y, c, strict=True)}


def test_two_copies_share_what_both_cover_of_their_representative():
    out = _pairs([(0, 1, 0, 80, 0, 80), (0, 2, 20, 100, 0, 80)])
    assert out == {(1, 2): 60, (2, 1): 60}


def test_a_copy_reaches_another_group_through_the_representatives_passage():
    out = _pairs([(0, 1, 0, 80, 0, 80), (0, 2, 20, 100, 0, 80), (0, 3, 50, 90, 0, 40)])
    # copy 1 covers 0-80 of the representative, the passage with 3 spans 50-90: 30 shared
    assert out[(1, 3)] == 30 and out[(3, 1)] == 30
    assert out[(2, 3)] == 40 and out[(3, 2)] == 40
    # two representatives, or a copy and its own representative: their passages say it
    assert (0, 3) not in out and (0, 1) not in out and (1, 0) not in out


def test_a_passage_of_another_length_maps_characters_proportionally():
    # the representative's 50-90 is the other document's 0-20: each of its characters
    # stands for two of the representative's
    out = _pairs([(0, 1, 0, 70, 0, 70), (3, 0, 0, 20, 50, 90)])
    assert out[(1, 3)] == 20 and out[(3, 1)] == 10


def test_nothing_to_derive_without_copies():
    x, y, c = shared_through(np.arange(3), np.array([10, 10, 10]),
                             *_passages([(0, 1, 0, 5, 0, 5)]))
    assert len(x) == len(y) == len(c) == 0


def test_mapping_places_characters_proportionally_and_the_best_passage_wins():
    # passage 0 (best): 2-6 of the first is 0-8 of the second; passage 1 overlaps it
    rows, at = _mapping(10, 7, np.array([2, 4]), np.array([6, 9]), np.array([0, 3]),
                        np.array([8, 8]))
    assert rows.tolist() == [2, 3, 4, 5, 6, 7, 8]
    # 2-5 from the best passage (two characters of the second each); 6-8 from the other
    # (one each), its last clipped to the second text's last character
    assert at.tolist() == [0, 2, 4, 6, 5, 6, 6]


def test_mapping_ignores_spans_outside_the_first_text():
    rows, at = _mapping(3, 5, np.array([-2, 5]), np.array([2, 9]), np.array([0, 0]),
                        np.array([4, 4]))
    assert rows.tolist() == [0, 1] and at.tolist() == [2, 3]
