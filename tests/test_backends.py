"""The Rust (rjieba) and pure-Python (jieba) backends: same dictionary, same tokens on the
default corpus, and the exact, documented cases where they differ."""

from __future__ import annotations

import json

import pytest

from analysis import build, token_table
from analysis.text.tokenize import get_tokenizer, load_user_terms
from tests.conftest import DOC_IDS, RAW

POLICY_TERMS = [t for t, _ in load_user_terms(["policy_terms.txt"])]


@pytest.fixture(scope="module")
def both(corpus):
    return {b: token_table(corpus, tokenizer=get_tokenizer(backend=b), cache_dir=False)
            for b in ("jieba", "rjieba")}


def test_backends_give_identical_tokens_on_the_five_documents(both):
    jb, rs = both["jieba"], both["rjieba"]
    assert jb["doc_id"].unique().tolist() == DOC_IDS
    assert len(jb) == len(rs) > 20_000  # every token of every document, not a sample
    assert jb.equals(rs)


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
@pytest.mark.parametrize("term", POLICY_TERMS)
def test_user_dictionary_applies_to_both_backends(backend, term):
    tok = get_tokenizer(backend=backend)
    for frame in ("{}", "推动{}。", "支持{}和"):
        assert term in tok.cut(frame.format(term))


# Where the two differ (none of it occurs in the five documents): jieba-rs keeps an ASCII
# run of letters or digits joined by "-" or "." as one token; jieba splits it at the "-"
# and at a second ".". Dates and ranges become one number token (dropped by the default
# filter either way); a Latin word with a hyphen becomes one Latin token.
DIFFERENCES = [
    ("时间:2023-11-16", ["时间", ":", "2023", "-", "11", "-", "16"], ["时间", ":", "2023-11-16"]),
    ("2021-2025年", ["2021", "-", "2025", "年"], ["2021-2025", "年"]),
    ("3-5家", ["3", "-", "5", "家"], ["3-5", "家"]),
    ("2023.11.16", ["2023.11", ".", "16"], ["2023.11.16"]),
    ("COVID-19疫情", ["COVID", "-", "19", "疫情"], ["COVID-19", "疫情"]),
]
SAME = ["增长3.5%以上", "达到1.5万家", "R&D经费", "5G基站", "10%-15%", "12:30", "3/4",
        "20.5亿元", "第十四个五年规划"]


@pytest.mark.parametrize(("text", "jieba_tokens", "rjieba_tokens"), DIFFERENCES)
def test_documented_differences(text, jieba_tokens, rjieba_tokens):
    assert get_tokenizer(backend="jieba").cut(text) == jieba_tokens
    assert get_tokenizer(backend="rjieba").cut(text) == rjieba_tokens


@pytest.mark.parametrize("text", SAME)
def test_numbers_and_latin_without_joiners_agree(text):
    assert get_tokenizer(backend="jieba").cut(text) == get_tokenizer(backend="rjieba").cut(text)


def test_backend_is_recorded_and_outputs_agree(tmp_path):
    a = build(RAW, tmp_path / "jieba", tokenizer="jieba", cache_dir=tmp_path / "c")
    b = build(RAW, tmp_path / "rjieba", tokenizer="rjieba", cache_dir=tmp_path / "c")
    ia = json.loads((a.out_dir / "build_info.json").read_text(encoding="utf-8"))
    ib = json.loads((b.out_dir / "build_info.json").read_text(encoding="utf-8"))
    assert (ia["options"]["tokenizer"], ib["options"]["tokenizer"]) == ("jieba", "rjieba")
    assert ia["tokenizer_fingerprint"] != ib["tokenizer_fingerprint"]
    for name in ("tokens", "terms", "keywords"):
        assert (a.out_dir / f"{name}.parquet").read_bytes() == \
            (b.out_dir / f"{name}.parquet").read_bytes(), name
