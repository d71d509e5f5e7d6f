"""analysis.textreuse.passages: passages shared between documents, and per pair."""

from __future__ import annotations

import random
import time

import numpy as np
import pandas as pd
import pytest

from analysis.textreuse import reuse
from tests.textreuse.texts import EDITED, PASSAGE, filler
from tests.textreuse.threads import watch_threads


def test_edited_passage_boundaries_are_found():
    a = filler(300, 1) + PASSAGE + filler(200, 2)
    b = filler(150, 3) + EDITED + filler(400, 4)
    r = reuse({"a": a, "b": b})
    assert len(r) == 1
    row = r.iloc[0]
    assert (row["start_a"], row["end_a"]) == (300, 300 + len(PASSAGE))
    assert (row["start_b"], row["end_b"]) == (150, 150 + len(EDITED))
    assert row["text_a"] == PASSAGE and row["text_b"] == EDITED
    assert 0.85 < row["identity"] < 1.0
    assert row["doc_id"] == row["doc_a"] == "a" and row["doc_b"] == "b"


def test_unrelated_texts_share_nothing():
    assert reuse({"a": filler(500, 5), "b": filler(500, 6)}, n=12).empty


def test_quotes_come_from_the_original_script(make_corpus):
    from analysis import load_corpus

    trad = "甲乙丙丁。完善科技成果轉化收益分配機制,支持企業建立高水平研發機構。戊己庚辛。"
    simp = "子丑寅卯。完善科技成果转化收益分配机制,支持企业建立高水平研发机构。辰巳午未。"
    corpus = load_corpus(make_corpus({"t": trad, "s": simp}))
    r = reuse(corpus)
    assert len(r) == 1
    row = r.set_index("doc_a").iloc[0]
    quotes = {row.name: row["text_a"], row["doc_b"]: row["text_b"]}
    assert quotes["t"] == "完善科技成果轉化收益分配機制,支持企業建立高水平研發機構。"
    assert quotes["s"] == "完善科技成果转化收益分配机制,支持企业建立高水平研发机构。"
    assert row["identity"] == 1.0


def test_within_document_repeats():
    text = filler(100, 7) + PASSAGE + filler(100, 8) + PASSAGE + filler(50, 9)
    assert reuse({"x": text}).empty
    r = reuse({"x": text}, pairs="within")
    assert len(r) == 1
    assert (r.loc[0, "start_a"], r.loc[0, "start_b"]) == (100, 200 + len(PASSAGE))


def test_whole_corpus_runs_in_seconds(corpus):
    t0 = time.perf_counter()
    r = reuse(corpus)
    elapsed = time.perf_counter() - t0
    assert elapsed < 10, f"reuse over the corpus took {elapsed:.1f}s"
    assert (r["doc_a"] != r["doc_b"]).all() and len(r) >= 5
    best = r.iloc[0]
    assert {best["doc_a"], best["doc_b"]} == {"chifeng_2023", "jiayuguan_2020"}
    assert "以习近平新时代中国特色社会主义思想为指导" in best["text_a"]
    # spans index the normalised text; quotes come from text_orig at the same offsets
    docs = corpus.documents.set_index("doc_id")
    for row in r.itertuples():
        assert row.text_a == docs.loc[row.doc_a, "text_orig"][row.start_a:row.end_a]
        assert row.text_b == docs.loc[row.doc_b, "text_orig"][row.start_b:row.end_b]
    assert r["weighted_score"].is_monotonic_decreasing


def test_long_copied_document_is_one_passage(corpus):
    text = corpus.text("xinji_2022")
    rng = random.Random(3)
    out, i = [], 0
    while i < len(text):  # edit about 1% of the text
        x = rng.random()
        if x < 0.004:
            out.append("某")
            i += 1
        elif x < 0.007:
            out.append("新增内容")
        elif x < 0.01:
            i += 3
        else:
            out.append(text[i])
            i += 1
    r = reuse({"a": text, "b": "".join(out)})
    top = r.iloc[0]
    assert top["start_a"] < 5 and top["end_a"] > len(text) - 5
    assert top["identity"] > 0.95


@pytest.mark.parametrize("kwargs", [{"pairs": "some"}, {"n": 1}, {"mismatch": 1},
                                    {"max_window": 100}])
def test_reuse_rejects_bad_options(kwargs):
    with pytest.raises(ValueError):
        reuse({"a": "甲乙", "b": "丙丁"}, **kwargs)


def test_root_reuse_stays_the_function_whatever_was_imported_first():
    # the module is named textreuse so that importing it never shadows analysis.reuse
    import subprocess
    import sys

    code = ("import analysis, analysis.textreuse; analysis.task_copy_ratio; "
            "print(analysis.reuse is analysis.textreuse.reuse)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "True"



def test_passages_are_trimmed_to_text():
    """A passage starts and ends on text: not on closing or opening punctuation."""
    core = "加快建设科技创新平台体系,完善成果转化机制"
    r = reuse({"a": "子丑寅卯。" + core + "(申酉戌亥", "b": "辰巳午未。" + core + "(甲乙丙丁"}, n=6)
    assert r["text_a"].tolist() == [core] == r["text_b"].tolist()
    assert (r.loc[0, "start_a"], r.loc[0, "end_a"]) == (5, 5 + len(core))


def test_table_is_sorted_by_weighted_score_then_documents_and_starts():
    from analysis.textreuse.passages import _table

    ids, texts = ["a", "b", "c"], ["甲乙丙丁戊己庚辛", "甲乙丙丁戊己庚辛", "甲乙丙丁"]
    row = lambda sa, sb, score: [sa, sa + 2, sb, sb + 2, score, 2, 2]  # noqa: E731
    parts = [(1, 2, np.array([row(4, 0, 4)]), np.array([0.0])),
             (0, 2, np.array([row(2, 0, 4), row(0, 2, 4)]), np.array([0.0, 0.0])),
             (0, 1, np.array([row(0, 0, 8)]), np.array([0.5]))]
    t = _table(parts, ids, texts)
    # equal weighted scores (4): the higher score, then the first document and the
    # start in it, come first
    assert t[["doc_a", "doc_b", "start_a"]].values.tolist() == [
        ["a", "b", 0], ["a", "c", 0], ["a", "c", 2], ["b", "c", 4]]
    assert t["weighted_score"].tolist() == [4.0, 4.0, 4.0, 4.0]
    assert t["text_a"].tolist() == ["甲乙", "甲乙", "丙丁", "戊己"]
    assert list(t.index) == [0, 1, 2, 3] and t["start_a"].dtype == np.int64
    empty = _table([], ids, texts)
    assert len(empty) == 0 and empty["score"].dtype == np.int64


def test_quoted_spans_keep_characters_of_every_utf8_width():
    import pandas as pd

    from analysis.textreuse.passages import _quoted

    origs = ["ab中文x😀y", "", "Zé—中"]
    doc, start, end = np.array([0, 2, 0, 1]), np.array([0, 1, 2, 0]), np.array([3, 4, 7, 0])
    got = pd.Series(_quoted(origs, doc, start, end))
    assert got.tolist() == ["ab中", "é—中", "中文x😀y", ""]
    assert got.dtype == pd.Series(["x"]).dtype  # the column pandas makes of strings


def test_copy_spans_writes_each_span_at_its_offset():
    from analysis.textreuse.passages import copy_spans

    dst = np.full(6, 255, dtype=np.uint8)
    copy_spans(np.arange(10, dtype=np.uint8), np.array([8, 0, 4]), np.array([10, 3, 4]),
               dst, np.array([0, 2, 5]))
    assert dst.tolist() == [8, 9, 0, 1, 2, 255]  # the empty span writes nothing


def test_scores_are_rounded_as_pythons_round_bit_for_bit():
    from analysis.textreuse.passages import round6

    rng = np.random.default_rng(5)
    values = np.concatenate([
        rng.random(20_000), rng.random(20_000) * 5_000,
        rng.integers(1, 400, 20_000) / rng.integers(1, 400, 20_000),
        (rng.integers(0, 2**20, 20_000) + 0.5) / 1e6,  # halves of the sixth decimal
        [0.0, -0.0, -0.5e-6, 2.675, 0.0000005, 1.0000005, 1e300, np.inf, -np.inf]])
    got = round6(values)
    want = np.array([round(x, 6) for x in values.tolist()])
    assert got.dtype == np.float64
    assert got.view(np.int64).tolist() == want.view(np.int64).tolist()
    assert np.isnan(round6(np.array([np.nan]))[0])


@pytest.mark.parametrize("near", [None, 0.5])
def test_pairs_aligned_on_two_threads_give_the_table_of_one(near):
    # copies of a passage in many documents (two of them near-duplicates of a third), so
    # many pairs are aligned while the threads' results are taken in order
    docs = {f"d{i}": filler(60 + 7 * i, i) + (PASSAGE if i % 2 else EDITED) + filler(40, 50 + i)
            for i in range(12)}
    docs["copy1"] = docs["d1"][:-3] + "其他"
    docs["copy2"] = docs["d2"] + "内容"
    one = reuse(docs, near_duplicate=near)
    two = reuse(docs, near_duplicate=near, threads=2)
    assert len(one) > 20
    pd.testing.assert_frame_equal(two, one, check_exact=True)


def test_an_error_of_a_call_on_a_thread_reaches_the_caller():
    from analysis.textreuse.ordered import _in_order

    def boom():
        raise KeyError("boom")

    for threads in (1, 2):
        got = _in_order([lambda: 1, boom, lambda: 3], threads=threads)
        assert next(got) == 1
        with pytest.raises(KeyError, match="boom"):
            next(got)


def test_calls_not_started_are_dropped_once_an_error_is_raised():
    from analysis.textreuse.ordered import _in_order

    ran = []

    def boom():
        raise KeyError("boom")

    def slow(i):
        def call():
            time.sleep(0.3)
            ran.append(i)
        return call

    # with two threads, the first call runs here, then five are under way on the pool
    # before the first of theirs is taken
    with pytest.raises(KeyError):
        list(_in_order([lambda: 0, boom, *(slow(i) for i in range(4))], threads=2))
    time.sleep(0.8)
    assert len(ran) <= 2


def test_alignments_on_threads_never_enter_a_catch_warnings_block(monkeypatch):
    # the warnings state catch_warnings saves and restores is the whole process's: a
    # block on a pool thread would interleave with the build's own on the caller's
    from analysis.textreuse import passages

    docs = {f"d{i}": filler(60 + 7 * i, i) + (PASSAGE if i % 2 else EDITED) + filler(40, 50 + i)
            for i in range(8)}
    docs["copy1"] = docs["d1"][:-3] + "其他"
    watch = watch_threads(monkeypatch, passages, "align_pair")
    table = reuse(docs, near_duplicate=0.5, threads=2)
    assert len(table) > 5 and watch.others == []
    # the first alignment on the caller's thread (a kernel compiles on its first call), the
    # others on the pool's
    assert watch.calls[0] == watch.caller and len(set(watch.calls)) > 1
