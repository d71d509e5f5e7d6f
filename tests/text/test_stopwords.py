"""The token filter and its two stopword lists (analysis.text.stopwords)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.text import KIND_CODES, TokenFilter, token_kind


@pytest.mark.parametrize(("flt", "kept", "dropped"), [
    (TokenFilter(), ["科技创新", "人才", "R&D"], ["的", "加强", "推进", "2025", "。", "市"]),
    (TokenFilter(policy_words=False), ["加强", "推进", "科技创新"], ["的", "和"]),
    (TokenFilter(function_words=False, min_chars=1), ["的", "和", "科技创新"], ["加强", "推进"]),
    (TokenFilter(drop_numbers=False), ["2025"], ["。"]),
    (TokenFilter(drop_punct=False), ["……", "①②"], [" "]),
    (TokenFilter(min_chars=1), ["市"], ["的"]),
    (TokenFilter(min_chars=3), ["科技创新"], ["人才"]),
])
def test_stopword_lists_switch_independently(flt, kept, dropped):
    for t in kept:
        assert flt.keeps(t), t
    for t in dropped:
        assert not flt.keeps(t), t


def test_function_and_policy_lists_are_separate():
    flt = TokenFilter()
    assert "的" in flt.function_set() and "的" not in flt.policy_set()
    assert "加强" in flt.policy_set() and "加强" not in flt.function_set()


def test_own_stopword_file_replaces_a_list(tmp_path):
    f = tmp_path / "mine.txt"
    f.write_text("# my boilerplate\n人才\n", encoding="utf-8")
    flt = TokenFilter(policy_list=str(f))
    assert not flt.keeps("人才") and flt.keeps("加强")


TOKENS = ["科技", "的", "加强", "。", "2025", "R&D", "市", "①", " "]


@pytest.mark.parametrize("flt", [
    TokenFilter(), TokenFilter(policy_words=False), TokenFilter(function_words=False, min_chars=1),
    TokenFilter(drop_punct=False, drop_numbers=False, min_chars=1),
])
def test_apply_apply_codes_and_keeps_agree(flt):
    kinds = [token_kind(t) for t in TOKENS]
    frame = pd.DataFrame({
        "token": TOKENS, "kind": kinds,
        "start": 0, "end": [len(t) for t in TOKENS],
        "is_function_word": [t in flt.function_set() for t in TOKENS],
        "is_policy_word": [t in flt.policy_set() for t in TOKENS],
    })
    by_frame = flt.apply(frame).tolist()
    by_codes = flt.apply_codes(np.array([KIND_CODES[k] for k in kinds], dtype=np.uint8),
                               frame["end"].to_numpy(), frame["is_function_word"].to_numpy(),
                               frame["is_policy_word"].to_numpy()).tolist()
    assert by_frame == by_codes == [flt.keeps(t) for t in TOKENS]
