"""analysis.textreuse.windows: windows met again take the kept result of their first fill."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from analysis.textreuse import regions
from analysis.textreuse.alignment import _codes
from analysis.textreuse.regions import align_pair
from analysis.textreuse.windows import WindowMemo, _find, _hash, _keep, _key
from tests.textreuse.test_regions import OPTS, _seeds
from tests.textreuse.texts import EDITED, PASSAGE, filler


def _copies(seed: int) -> tuple[str, list[str]]:
    # a text repeating a passage, and copies of it with a few characters changed
    rng = np.random.default_rng(seed)
    base = filler(200, seed) + PASSAGE + filler(150, seed + 1) + PASSAGE[:30] + EDITED
    out = []
    for _ in range(6):
        chars = list(base)
        for p in rng.integers(0, len(chars), int(rng.integers(0, 6))).tolist():
            chars[p] = "数"
        out.append("".join(chars))
    return base, out


def test_pairs_aligned_with_a_memo_equal_pairs_aligned_without():
    for seed in range(4):
        base, copies = _copies(seed)
        memo = WindowMemo()
        before = int(regions.COUNTS[4])
        for text in copies:
            ca, cb = _codes(base), _codes(text)
            cb[len(cb) // 3:len(cb) // 3 + 5] = -1  # masked characters match nothing
            pa, pb = _seeds(base, text)
            for same in (False, True):
                opts = {**OPTS, "same": same}
                want = align_pair(ca, cb if not same else ca, pa, pb if not same else pa,
                                  **opts)
                got = align_pair(ca, cb if not same else ca, pa, pb if not same else pa,
                                 memo=memo, **opts)
                for g, w in zip(got, want, strict=True):
                    assert g.dtype == w.dtype and g.tolist() == w.tolist()
        assert regions.COUNTS[4] > before  # windows were met again and taken


def test_a_memo_serves_one_set_of_scores():
    base, copies = _copies(0)
    ca, cb = _codes(base), _codes(copies[0])
    pa, pb = _seeds(base, copies[0])
    memo = WindowMemo()
    align_pair(ca, cb, pa, pb, memo=memo, **{**OPTS, "same": False})
    other = {**OPTS, "same": False, "match": OPTS["match"] + 1}
    with pytest.raises(ValueError, match="make a new WindowMemo"):
        align_pair(ca, cb, pa, pb, memo=memo, **other)
    fresh = align_pair(ca, cb, pa, pb, memo=WindowMemo(), **other)
    assert fresh[0].tolist() == align_pair(ca, cb, pa, pb, **other)[0].tolist()


def test_a_kept_window_is_taken_only_for_equal_content():
    ca = _codes(PASSAGE)
    lo = np.zeros(11, dtype=np.int64)
    hi = np.full(11, 5, dtype=np.int64)
    key = _key(ca, ca, 0, 10, 5, -2, lo, hi)
    other = _key(ca, ca, 1, 10, 5, -2, lo, hi)
    state = WindowMemo().state()
    h = _hash(key)
    none = np.empty(0, dtype=np.int64)
    _keep(*state, key, h, 7, 1, 2, 0, 0, 3, False, none, none)
    assert _find(*state[:4], key, h) == 0
    assert _find(*state[:4], other, h) == -1  # same hash, other content
    assert _find(*state[:4], key, h + 1) == -1
    # columns outside b are part of the content
    assert _key(ca, ca[:8], 0, 10, 5, -2, lo, hi).tolist() != key.tolist()


def test_each_thread_has_its_own_table():
    memo = WindowMemo()
    seen = []
    t = threading.Thread(target=lambda: seen.append(memo.state()))
    t.start()
    t.join()
    assert memo.state() is memo.state() and seen[0] is not memo.state()
