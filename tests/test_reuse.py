from __future__ import annotations

import random
import time
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.textreuse._monolith import (
    GAP_EXTEND,
    GAP_OPEN,
    MATCH,
    MISMATCH,
    align,
    copy_ratio,
    local_alignments,
    reuse,
    reuse_pairs,
    task_copy_ratio,
)

PASSAGE = ("支持企业建立高水平研发机构,鼓励企业建立研发准备金制度,对新认定的国家级技术创新中心"
           "给予一次性奖励,引导企业加大研发投入,完善科技成果转化收益分配机制。")
# an edited copy: one substitution (国家级 -> 省级, 3 chars -> 2), one insertion, one deletion
EDITED = ("支持企业建立高水平研发机构,鼓励企业建立研发准备金制度,对新认定的省级技术创新中心"
          "给予一次性资金奖励,引导企业加大研发投入,完善科技成果收益分配机制。")
FILLER = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"  # shares no character with PASSAGE


def filler(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(FILLER) for _ in range(n))


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


def test_boilerplate_in_every_document_is_not_a_seed():
    common = "以习近平新时代中国特色社会主义思想为指导"
    shared = "建立科技特派员创新创业示范基地并给予资金支持"
    docs = {f"d{i}": filler(80, 10 + i) + common + filler(80, 20 + i) for i in range(4)}
    docs["d0"] += shared + filler(30, 40)
    docs["d1"] += shared + filler(30, 41)
    r = reuse(docs)
    assert r["text_a"].tolist() == [shared]
    # seeded anyway, the boilerplate is found in all six pairs but weighs nothing
    r2 = reuse(docs, common_share=None)
    boiler = r2[r2["text_a"] == common]
    assert len(boiler) == 6 and (boiler["boilerplate_share"] == 1.0).all()
    assert (boiler["weighted_score"] == 0).all()
    assert r2.iloc[0]["text_a"] == shared


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


def test_reuse_pairs_share(corpus):
    r = reuse(corpus)
    p = reuse_pairs(r, corpus)
    assert len(p) == 20 and p["share"].between(0, 1).all()
    cj = p.set_index(["doc_id", "doc_b"]).loc[("chifeng_2023", "jiayuguan_2020")]
    assert cj["n_passages"] >= 1 and cj["chars"] > 50


@pytest.mark.parametrize("kwargs", [{"pairs": "some"}, {"n": 1}, {"mismatch": 1},
                                    {"max_window": 100}])
def test_reuse_rejects_bad_options(kwargs):
    with pytest.raises(ValueError):
        reuse({"a": "甲乙", "b": "丙丁"}, **kwargs)


# --------------------------------------------------------------------------- alignment
def naive_sw(a: str, b: str) -> int:
    """Textbook Gotoh local alignment score, the reference for the vectorised version."""
    neg = -(10**9)
    m, n = len(a), len(b)
    H = [[0] * (n + 1) for _ in range(m + 1)]
    E = [[neg] * (n + 1) for _ in range(m + 1)]
    F = [[neg] * (n + 1) for _ in range(m + 1)]
    best = 0
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            E[i][j] = max(E[i][j - 1] - GAP_EXTEND, H[i][j - 1] - GAP_OPEN)
            F[i][j] = max(F[i - 1][j] - GAP_EXTEND, H[i - 1][j] - GAP_OPEN)
            s = MATCH if a[i - 1] == b[j - 1] else MISMATCH
            H[i][j] = max(0, H[i - 1][j - 1] + s, E[i][j], F[i][j])
            best = max(best, H[i][j])
    return best


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="科技创新人才", min_size=1, max_size=25),
       st.text(alphabet="科技创新人才", min_size=1, max_size=25))
def test_vectorised_alignment_agrees_with_textbook_gotoh(a, b):
    aln = align(a, b)
    ref = naive_sw(a, b)
    if ref == 0:
        assert aln is None
        return
    assert aln.score == ref
    assert len(aln.matched_a) == aln.matches == len(aln.matched_b)
    assert all(a[i] == b[j] for i, j in zip(aln.matched_a, aln.matched_b, strict=True))
    assert aln.start_a == aln.matched_a[0] and aln.end_a == aln.matched_a[-1] + 1
    assert aln.start_b == aln.matched_b[0] and aln.end_b == aln.matched_b[-1] + 1
    assert aln.matches * MATCH >= aln.score  # penalties only lower the score


def test_align_literal():
    x = align("关于加快科技创新的意见", "赤峰市加快科技创新发展")
    assert (x.start_a, x.end_a, x.start_b, x.end_b) == (2, 8, 3, 9)
    assert x.identity == 1.0 and x.score == 12
    assert align("甲乙丙", "丁戊己") is None


def test_local_alignments_find_each_copied_sentence():
    src = "鼓励企业建立研发准备金制度,支持企业建立高水平研发机构。"
    tgt = "1.支持企业建立高水平研发机构。2.鼓励企业建立研发准备金制度。3.每年培育企业。"
    spans = [(x.start_b, x.end_b) for x in local_alignments(src, tgt)]
    assert spans == [(2, 16), (18, 31)]


def test_copy_ratio_counts_only_copied_word_characters():
    t = pd.DataFrame({"doc_id": ["x", "x"], "clause_id": ["x:1", "x:2"],
                      "provincial_text": ["鼓励企业建立研发准备金制度,加大研发投入。", "甲乙丙"],
                      "city_measures": ["1.鼓励企业建立研发准备金制度。2.每年培育企业4户。", ""]})
    r = copy_ratio(t)
    assert r["copied_chars"].tolist() == [13, 0]
    assert r["n_chars"].tolist() == [23, 0]
    assert r.loc[0, "copy_ratio"] == pytest.approx(13 / 23)
    assert r.loc[0, "passages"] == "鼓励企业建立研发准备金制度"  # the source goes on with ","
    with pytest.raises(ValueError, match="lacks column"):
        copy_ratio(t, source="province")


def test_jiayuguan_city_measures_copy_the_provincial_text(corpus):
    r = task_copy_ratio(corpus)
    assert set(r["doc_id"]) == {"jiayuguan_2020"}
    assert len(r) == 54 and r["task_id"].nunique() == 18
    by_id = r.set_index("clause_id")
    # 3.(十三)1 restates the provincial pay measure word for word ...
    assert by_id.loc["jiayuguan_2020:三/(十三)/1", "copy_ratio"] > 0.95
    # ... while 二/(四)/2 is Jiayuguan's own (steel, aluminium and nuclear chains)
    assert by_id.loc["jiayuguan_2020:二/(四)/2", "copy_ratio"] == 0
    overall = r["copied_chars"].sum() / r["n_chars"].sum()
    assert 0.5 < overall < 0.7


def test_reuse_figures(corpus, tmp_path):
    from analysis.plots import compare as cp
    from analysis.plots import save_figure

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f1 = cp.plot_reuse(reuse_pairs(reuse(corpus), corpus), corpus)
        f2 = cp.plot_copy_ratio(task_copy_ratio(corpus), english=True)
        save_figure(f1, tmp_path / "reuse", formats=("png",), dpi=50)
        save_figure(f2, tmp_path / "copy", formats=("png",), dpi=50)
    ticks = [t.get_text() for t in f2.axes[0].get_xticklabels()]
    assert ticks[0] == "(三)" and ticks[-1] == "(二十)"


def test_build_writes_reuse_tables(built):
    r = pd.read_parquet(built.out_dir / "reuse.parquet")
    assert {"doc_id", "doc_a", "doc_b", "start_a", "text_a", "score", "identity"} <= set(r)
    c = pd.read_parquet(built.out_dir / "copy_ratio.parquet")
    assert len(c) == 54 and np.isfinite(c["copy_ratio"]).all()


def test_reuse_command_line(capsys, tmp_path):
    from analysis.cli import main
    from tests.conftest import RAW

    assert main(["reuse", "-n", "2", "--raw", str(RAW)]) == 0
    text = capsys.readouterr().out
    assert "chifeng_2023[" in text and "shared passages" in text
    out = tmp_path / "copy.xlsx"
    assert main(["reuse", "--tasks", "-n", "1", "--raw", str(RAW), "--out", str(out)]) == 0
    assert "54 measures" in capsys.readouterr().out
    assert len(pd.read_excel(out)) == 54


def test_task_copy_ratio_reads_a_responsibilities_table():
    resp = pd.DataFrame({
        "doc_id": ["t", "t"], "clause_id": ["t:(一)", "t:(二)"], "heading": ["甲", "乙"],
        "provincial_text": ["支持企业建立高水平研发机构,鼓励企业建立研发准备金制度。", "目标"],
        "city_measures": [["支持企业建立高水平研发机构。", "每年新培育企业十户。"], []],
    })
    r = task_copy_ratio(resp)
    assert r["clause_id"].tolist() == ["t:(一)/1", "t:(一)/2"]
    assert r["copy_ratio"].tolist() == [1.0, 0.0]
    with pytest.raises(ValueError, match="responsibilities"):
        task_copy_ratio(pd.DataFrame({"x": [1]}))


def test_root_reuse_stays_the_function_whatever_was_imported_first():
    # the module is named textreuse so that importing it never shadows analysis.reuse
    import subprocess
    import sys

    code = ("import analysis, analysis.textreuse; analysis.task_copy_ratio; "
            "print(analysis.reuse is analysis.textreuse.reuse)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "True"


def test_build_leaves_pairwise_reuse_out_above_the_limit_and_says_so(make_corpus):
    """A large corpus must not spend hours on all pairs: above reuse_max_docs the build
    writes empty reuse tables (same columns) and a ScaleWarning that says what to do."""
    from analysis import build
    from analysis.errors import ScaleWarning
    from analysis.pipeline import BuildOptions

    shared = "一、总体要求\n(一)支持企业建设研发平台,完善科技金融服务体系,推动科技成果转化落地。"
    raw = make_corpus({"d0": shared, "d1": shared + "\n(二)另一项措施。",
                       "d2": "一、工作目标\n(一)到2025年,全市高新技术企业数量达到160家以上。"})
    full = build(raw, write=False, options=BuildOptions(reuse_max_docs=None)).tables["reuse"]
    assert len(full) > 0
    with pytest.warns(ScaleWarning, match="reuse_max_docs=2"):
        capped = build(raw, write=False, options=BuildOptions(reuse_max_docs=2)).tables
    assert capped["reuse"].empty and list(capped["reuse"].columns) == list(full.columns)
    assert "copy_ratio" in capped


def test_reuse_stops_before_aligning_too_many_seed_pairs():
    """Near-duplicate documents share a seed pair per character: reuse() counts them first
    and says how many instead of aligning for minutes; the build writes empty tables."""
    from analysis.errors import ScaleError

    text = "支持企业建设研发平台,完善科技金融服务体系,推动科技成果转化落地。" * 3
    docs = {f"d{i}": text + f"第{i}份。" for i in range(3)}
    n_chars = len(text) - 10 + 1  # 10-grams per copy; each 10-gram occurs in 3 documents
    r = reuse(docs, max_seeds=None, common_share=None, max_occurrences=100)
    assert len(r) > 0
    with pytest.raises(ScaleError, match=r"share [\d,]+ seed pairs"):
        reuse(docs, max_seeds=100, common_share=None, max_occurrences=100)
    # at most 3 pairs of documents x every repeated 10-gram occurrence: under the limit
    assert len(reuse(docs, max_seeds=3 * 9 * n_chars, common_share=None,
                     max_occurrences=100)) == len(r)


def test_build_leaves_reuse_out_when_seed_pairs_exceed_the_limit(make_corpus):
    from analysis import build
    from analysis.errors import ScaleWarning
    from analysis.pipeline import BuildOptions

    shared = "一、总体要求\n(一)支持企业建设研发平台,完善科技金融服务体系,推动科技成果转化落地。"
    raw = make_corpus({"d0": shared, "d1": shared + "\n(二)另一项措施。"})
    full = build(raw, write=False, options=BuildOptions(reuse_max_seeds=None)).tables
    assert len(full["reuse"]) > 0
    with pytest.warns(ScaleWarning, match="--reuse-max-seeds"):
        capped = build(raw, write=False, options=BuildOptions(reuse_max_seeds=5)).tables
    assert capped["reuse"].empty
    assert list(capped["reuse"].columns) == list(full["reuse"].columns)
    assert list(capped["reuse_pairs"].columns) == list(full["reuse_pairs"].columns)
