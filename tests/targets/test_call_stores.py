"""The stores the targets stage keeps per distinct text: held while one call runs, let go
when it returns."""

from __future__ import annotations

import gc
import threading
import tracemalloc

import pytest

from analysis.targets import targets_from_text
from analysis.targets.rule_reader import call_store, call_stores, memo_once


def test_a_result_is_read_once_per_call_and_per_owner():
    calls: list[str] = []
    read = lambda k: lambda: calls.append(k) or k  # noqa: E731
    a, b = object(), object()
    with call_stores():
        assert [memo_once("s", a, "x", read("ax"), limit=9) for _ in range(3)] == ["ax"] * 3
        assert memo_once("s", b, "x", read("bx"), limit=9) == "bx"   # another owner
        assert memo_once("s", (a, b), "x", read("abx"), limit=9) == "abx"
        with call_stores():   # an inner block uses the outer stores
            assert memo_once("s", a, "x", read("again"), limit=9) == "ax"
    assert calls == ["ax", "bx", "abx"]
    assert call_store("s") is None


def test_a_store_past_its_limit_is_emptied():
    calls: list[int] = []
    with call_stores():
        for k in (1, 2, 1, 3, 1):
            memo_once("s", None, k, lambda k=k: calls.append(k) or k, limit=10, size=5)
    # 1 and 2 fill the store; 3 empties it, so the last 1 is read again
    assert calls == [1, 2, 3, 1]


def test_an_error_in_the_call_lets_the_stores_go():
    with pytest.raises(RuntimeError), call_stores():
        memo_once("s", None, "k", lambda: 1, limit=9)
        raise RuntimeError
    assert call_store("s") is None


def test_each_thread_has_its_own_stores():
    seen: list[object] = []

    def run() -> None:
        with call_stores():
            seen.append(call_store("s"))

    with call_stores():
        own = call_store("s")
        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(seen) == 2 and all(s is not own for s in seen) and seen[0] is not seen[1]


def test_nothing_is_held_after_a_call():
    # many distinct clauses, so that the stores hold many texts during the call
    text = "".join(f"到2025年,第{i}类企业数量达到{i + 100}家以上,比上年提升{i % 7}个百分点。"
                   for i in range(300))
    # rules, mappings and compiled patterns read by a call on other texts
    targets_from_text(text.replace("企业", "机构"), year=2023)
    gc.collect()
    own = [tracemalloc.Filter(True, "*/analysis/*")]   # what the library's code allocated
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot().filter_traces(own)
        df = targets_from_text(text, year=2023)
        peak = tracemalloc.get_traced_memory()[1]
        del df
        gc.collect()
        after = tracemalloc.take_snapshot().filter_traces(own)
    finally:
        tracemalloc.stop()
    held = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert peak > 1_000_000      # the call kept its work while it ran
    # and let it go when it returned (stores kept past the call hold ~300 KB here)
    assert held < 20_000
    assert call_store("pattern_spans") is None
