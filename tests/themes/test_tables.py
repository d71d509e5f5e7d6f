"""The themes stage's tables share their inputs: each equals the public function's table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.themes import era_difference, theme_chi_square, theme_tables
from analysis.themes.era import ERA_DIFF_COLUMNS


def _units() -> pd.DataFrame:
    texts = {
        "a": ["二、人才引进", "引进高层次人才,建设创新平台。", "支持科技金融。", "抄送:各区。"],
        "b": ["培养人才。", "建设平台,发展数字经济。", "推动绿色低碳发展。"],
        "c": ["一、总体要求", "加强人才培养和金融支持。", "建设重点实验室平台。"],
    }
    rows = []
    for doc, parts in texts.items():
        pos = 0
        for i, t in enumerate(parts, start=1):
            kind = "heading" if t.endswith(("人才引进", "总体要求")) else (
                "back" if t.startswith("抄送") else "item")
            label = t[:2] if kind == "heading" else f"{i}."
            heading = t[2:] if kind == "heading" else ""
            rows.append({"doc_id": doc, "clause_id": f"{doc}:{i}", "text": t,
                         "char_start": pos, "char_end": pos + len(t), "kind": kind,
                         "label": label, "heading": heading})
            pos += len(t)
    return pd.DataFrame(rows)


def test_era_difference_and_chi_square_equal_the_public_functions():
    units = _units()
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"],
                         "city": ["甲", "乙", "丙"]})
    t = theme_tables(units, tokens=None, documents=docs, n_boot=300, seed=5)
    pd.testing.assert_frame_equal(
        t["theme_era_diff"], era_difference(units, documents=docs, n_boot=300, seed=5))
    pd.testing.assert_frame_equal(
        t["theme_chi2"], theme_chi_square(units, seed=5, documents=docs).to_frame())
    # the title-only heading and the copy list do not count in the clause shares
    assert t["theme_era_diff"]["n_clauses_a"].iloc[0] == 2


def test_two_threads_give_the_tables_of_one():
    units = _units()
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"],
                         "city": ["甲", "乙", "丙"]})
    one = theme_tables(units, tokens=None, documents=docs, n_boot=300, seed=5)
    two = theme_tables(units, tokens=None, documents=docs, n_boot=300, seed=5, threads=2)
    assert list(two) == list(one)
    for name in one:
        pd.testing.assert_frame_equal(two[name], one[name], check_exact=True)
    assert len(two["theme_era_diff"]) and len(two["theme_chi2"])


def test_only_the_bootstrap_kernel_runs_beside_the_caller(monkeypatch):
    # pandas enters catch_warnings (process-wide state) in almost every Series it builds:
    # no thread but the caller's may enter it, and the kernel runs on another thread
    import threading
    import warnings

    from analysis.themes import era as era_module

    units = _units()
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"]})
    caller, others, kernel = threading.get_ident(), [], []
    real_enter, real_draw = warnings.catch_warnings.__enter__, era_module.boot_group_index_sums

    def noted_enter(self):
        if threading.get_ident() != caller:
            others.append(threading.current_thread().name)
        return real_enter(self)

    def noted_draw(rng, x, *args, **kwargs):
        if len(x):  # (an empty call compiles the kernel on the caller's thread first)
            kernel.append(threading.get_ident())
        return real_draw(rng, x, *args, **kwargs)

    monkeypatch.setattr(warnings.catch_warnings, "__enter__", noted_enter)
    monkeypatch.setattr(era_module, "boot_group_index_sums", noted_draw)
    t = theme_tables(units, tokens=None, documents=docs, n_boot=300, seed=5, threads=2)
    assert others == []
    assert len(kernel) == 1 and kernel[0] != caller
    assert len(t["theme_era_diff"]) and len(t["theme_chi2"])


def test_side_by_side_raises_the_first_error_as_one_thread_does():
    from analysis.themes.tables import _side_by_side

    def first():
        raise KeyError("first")

    def second():
        raise ValueError("second")

    for threads in (1, 2):
        with pytest.raises(KeyError, match="first"):
            _side_by_side(first, second, threads=threads)
        with pytest.raises(ValueError, match="second"):
            _side_by_side(lambda: 1, second, threads=threads)
        assert _side_by_side(lambda: 1, lambda: 2, threads=threads) == (1, 2)


def test_an_interrupt_beside_the_side_thread_is_raised_without_waiting_for_it():
    import threading

    from analysis.themes.tables import _side_by_side

    release = threading.Event()

    def first():
        release.wait(5)
        raise KeyError("first")

    def second():
        raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            _side_by_side(first, second, threads=2)
        assert not release.is_set()  # raised while first still ran
    finally:
        release.set()


@pytest.mark.parametrize(("eras", "compared"), [
    (["2010s", None, "2020s"], "a;c"), (["2010s", "2020s", float("nan")], "a;b"),
    (["2010s", "2010s", None], None), (["2010s", "2010s", "2010s"], None)])
def test_era_comparison_needs_two_eras_among_the_clauses_documents(eras, compared):
    # a document without an era is left out of the comparison, not an error
    units = _units()
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": eras})
    diff = theme_tables(units, tokens=None, documents=docs, n_boot=50, seed=5)[
        "theme_era_diff"]
    if compared is None:
        assert diff.empty and list(diff) == list(ERA_DIFF_COLUMNS)
    else:
        assert len(diff) and set(diff["doc_id"]) == {compared}


def test_era_comparison_is_empty_when_the_clauses_cover_one_era():
    units = _units()
    units = units[units["doc_id"] != "a"]
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "era": ["2010s", "2020s", "2020s"]})
    t = theme_tables(units, tokens=None, documents=docs, n_boot=50, seed=5)
    assert t["theme_era_diff"].empty
    assert len(t["theme_chi2"])
