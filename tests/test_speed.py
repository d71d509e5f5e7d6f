"""The fast paths give exactly what the simple code gives (no timing here: see
``make bench``): vectorised token kinds, Arrow CSV, one-pass normalisation, the parallel
build, sparse matrices for large vocabularies, and the light imports."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import TokenFilter, build, token_table
from analysis.io import _csv_chunks_fast, write_csv
from analysis.text.normalize import (
    _WIDTH_TABLE,
    _clean_line,
    load_boilerplate,
    normalize_text,
    to_simplified,
)
from analysis.text.tokenize import get_tokenizer, token_kind, tokens_frame
from tests.conftest import RAW

# -- token kinds --------------------------------------------------------------------------

ALPHABET = st.sampled_from([
    *"科技创新發展的和 \n\t\u3000,.，。、%‰+-—~/:×0123456789ABCxyz_()（）《》“”!?αβ①Ⅱ〇〔〕",
    *"\u00a0\u2003\u200b", "\U00020000", "\U0001f600", "🙂"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, min_size=1, max_size=6), min_size=1, max_size=40))
def test_vectorised_kinds_match_the_regex_rules(pieces):
    text = "".join(pieces)
    cuts = np.cumsum([0, *map(len, pieces)]).astype(np.int32)
    frame = tokens_frame(["d"], [text], [cuts])
    expected = [(p, token_kind(p)) for p in pieces if token_kind(p) != "space"]
    assert list(zip(frame["token"], frame["kind"], strict=True)) == expected
    assert all(text[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["token"],
                                                  strict=True))
    assert frame["position"].tolist() == list(range(len(frame)))


def test_character_class_table_equals_the_plain_loop():
    from analysis.text.tokenize import _class_table, _class_table_reference

    assert np.array_equal(_class_table(), _class_table_reference())


def test_kinds_of_the_default_corpus_match_the_regex_rules(tokens):
    assert (tokens["token"].map(token_kind) == tokens["kind"]).all()
    assert set(tokens["kind"]) == {"han", "number", "latin", "punct", "other"}


@pytest.mark.parametrize("flt", [
    TokenFilter(), TokenFilter(policy_words=False), TokenFilter(function_words=False, min_chars=1),
    TokenFilter(drop_punct=False, drop_numbers=False, min_chars=3),
])
def test_keep_column_is_the_filter(corpus, flt):
    toks = token_table(corpus, token_filter=flt)
    assert toks["keep"].equals(flt.apply(toks).rename("keep"))
    assert toks["is_function_word"].equals(toks["token"].isin(flt.function_set())
                                           .rename("is_function_word"))
    assert toks["is_policy_word"].equals(toks["token"].isin(flt.policy_set())
                                         .rename("is_policy_word"))


def test_several_documents_in_one_batch(corpus):
    tok = get_tokenizer()
    texts = corpus.documents["text"].tolist()
    ids = corpus.doc_ids
    bounds = [tok.boundaries(t) for t in texts]
    whole = tokens_frame(ids, texts, bounds)
    single = pd.concat([tokens_frame([i], [t], [b]) for i, t, b in zip(ids, texts, bounds,
                                                                        strict=True)],
                       ignore_index=True)
    assert whole.equals(single)


@pytest.mark.parametrize("flt", [TokenFilter(), TokenFilter(policy_words=False, min_chars=1)])
def test_counts_carried_by_the_batches_equal_the_matrices(corpus, flt):
    from analysis.stats.matrices import counts_from_parts, sparse_counts, word_totals
    from analysis.text.tokenize import frame_from_parts, token_arrays

    tok = get_tokenizer()
    texts = corpus.documents["text"].tolist()
    ids = corpus.doc_ids
    bounds = [tok.boundaries(t) for t in texts]
    parts = [token_arrays(ids[a:b], texts[a:b], bounds[a:b], flt)
             for a, b in ((0, 2), (2, 3), (3, 5))]
    frame = frame_from_parts(parts)
    assert frame.equals(token_table(corpus, token_filter=flt))
    sc, totals = counts_from_parts(parts)
    ref = sparse_counts(frame)
    assert (sc.doc_ids, sc.terms) == (ref.doc_ids, ref.terms)
    assert (sc.matrix != ref.matrix).nnz == 0
    assert np.array_equal(sc.matrix.indptr, ref.matrix.indptr)
    assert np.array_equal(sc.matrix.indices, ref.matrix.indices)
    assert totals.equals(word_totals(frame))


def test_boundaries_that_do_not_cover_the_text_are_an_error():
    with pytest.raises(ValueError, match="do not cover"):
        tokens_frame(["d"], ["科技创新"], [np.array([0, 2], dtype=np.int32)])


# -- CSV ----------------------------------------------------------------------------------

def _pandas_csv(df):
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\r\n")
    return buf.getvalue().encode("utf-8")


CELLS = st.text(st.sampled_from(list('ab,"\r\n 科技 ;\'\\')), max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELLS, st.integers(-10**12, 10**12),
                          st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                          st.none() | CELLS), min_size=1, max_size=30))
def test_arrow_csv_is_byte_identical_to_pandas(rows):
    df = pd.DataFrame(rows, columns=["text", "n", "x", "flag", "maybe"])
    df = df.astype({"text": "str", "maybe": "str", "n": "int64", "x": "float64"})
    assert b"".join(_csv_chunks_fast(df)) == _pandas_csv(df)
    # written in pieces of a few rows (large tables never hold their whole text at once)
    pieces = list(_csv_chunks_fast(df, chunk_bytes=1))  # the header, then a row each
    assert len(pieces) == 1 + len(df)
    assert b"".join(pieces) == _pandas_csv(df)


def test_csv_of_the_built_tables_is_pandas_csv(built, tmp_path):
    for name in ("tokens", "terms", "keywords"):
        df = built.tables[name]
        path = write_csv(df, tmp_path / f"{name}.csv")
        assert path.read_bytes() == b"\xef\xbb\xbf" + _pandas_csv(df), name


def test_other_columns_fall_back_to_pandas(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "when": pd.to_datetime(["2024-01-01", "2024-02-01"])})
    assert _csv_chunks_fast(df) is None
    single = pd.DataFrame({"a": [1, 2], "x": np.array([0.1, 1e-5], dtype=np.float32)})
    assert _csv_chunks_fast(single) is None
    path = write_csv(df, tmp_path / "x.csv")
    assert path.read_bytes() == b"\xef\xbb\xbf" + _pandas_csv(df)


def test_tables_too_long_for_excel_get_no_csv(tmp_path, monkeypatch):
    import json

    import analysis.pipeline._monolith as pl

    out = tmp_path / "out"
    (out).mkdir()
    (out / "tokens.csv").write_text("stale", encoding="utf-8")
    monkeypatch.setattr(pl, "CSV_MAX_ROWS", 10_000)
    build(RAW, out, cache_dir=False)
    assert not (out / "tokens.csv").exists(), "a stale CSV must not survive"
    assert (out / "tokens.parquet").is_file() and (out / "terms.csv").is_file()
    info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    assert info["tables"]["tokens"]["csv"] is False
    assert info["tables"]["terms"]["csv"] is True


def test_token_parquet_written_from_arrow_reads_back_as_the_token_table(tmp_path, monkeypatch,
                                                                        tokens):
    # a token table too long for a CSV is written straight from the workers' arrays
    # (doc_id and kind dictionary-encoded): readers must still get plain string columns
    import analysis.pipeline._monolith as pl

    monkeypatch.setattr(pl, "CSV_MAX_ROWS", 10_000)
    result = build(RAW, tmp_path / "out", cache_dir=False, stages=pl.select_stages("core"))
    back = pd.read_parquet(tmp_path / "out" / "tokens.parquet")
    assert back.equals(tokens)
    assert result.tables["tokens"].equals(tokens)
    assert str(back["doc_id"].dtype) == "str" and str(back["kind"].dtype) == "str"
    build(RAW, tmp_path / "again", cache_dir=False, stages=pl.select_stages("core"))
    assert ((tmp_path / "again" / "tokens.parquet").read_bytes()
            == (tmp_path / "out" / "tokens.parquet").read_bytes())


def test_core_build_never_makes_the_token_dataframe(tmp_path, monkeypatch):
    # the core stage works from the counts the workers sent; building the 10-million-row
    # DataFrame would cost a 20 M-character build 0.9 s for nothing
    import analysis.pipeline._monolith as pl
    import analysis.text.tokenize as tk

    def refuse(parts):
        raise AssertionError("the core build made the token DataFrame")

    monkeypatch.setattr(pl, "CSV_MAX_ROWS", 10_000)
    monkeypatch.setattr(tk, "frame_from_parts", refuse)
    result = build(RAW, tmp_path / "out", cache_dir=False, stages=pl.select_stages("core"))
    docs = result.tables["documents"]
    assert (docs["n_kept"] > 0).all() and (docs["n_tokens"] > docs["n_kept"]).all()
    with pytest.raises(AssertionError, match="made the token DataFrame"):
        result.tables["tokens"]  # made on first access, and only then


def test_arrow_token_table_equals_the_dataframe(corpus):
    from analysis.text.tokenize import arrow_from_parts, frame_from_parts, token_arrays

    tok = get_tokenizer()
    texts = corpus.documents["text"].tolist()
    ids = corpus.doc_ids
    bounds = [tok.boundaries(t) for t in texts]
    parts = [token_arrays(ids[a:b], texts[a:b], bounds[a:b], TokenFilter())
             for a, b in ((0, 2), (2, 5))]
    table = arrow_from_parts(parts)
    plain = table.cast(table.schema.set(0, table.schema.field("doc_id").with_type(pa.string()))
                       .set(5, table.schema.field("kind").with_type(pa.string())))
    assert plain.to_pandas().equals(frame_from_parts(parts))
    assert arrow_from_parts([]).num_rows == 0


# -- normalisation ------------------------------------------------------------------------

def _reference_normalize(raw):
    """The original line-by-line algorithm (one OpenCC call and one regex per pattern per
    line), kept here as the oracle for the fast one."""
    pats = load_boilerplate()
    line_pats = [p.regex for p in pats if p.kind == "line"]
    inline = [p.regex for p in pats if p.kind == "inline"]
    ko, ks, removed, converted = [], [], [], 0
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_WIDTH_TABLE)
    for line in text.split("\n"):
        orig = _clean_line(line)
        simp = to_simplified(orig)
        if any(p.search(simp) for p in line_pats):
            removed.append(orig)
            continue
        for pat in inline:
            for a, b in reversed([m.span() for m in pat.finditer(simp)]):
                orig, simp = orig[:a] + orig[b:], simp[:a] + simp[b:]
        if simp.strip() == "" and ks and ks[-1] == "":
            continue
        converted += sum(a != b for a, b in zip(orig, simp, strict=True))
        ko.append(orig.strip())
        ks.append(simp.strip())
    return "\n".join(ks).strip("\n"), "\n".join(ko).strip("\n"), tuple(removed), converted


def _fast(raw):
    n = normalize_text(raw)
    return n.text, n.text_orig, n.removed_lines, n.converted_chars


def test_fast_normalisation_equals_the_line_by_line_one(corpus):
    from analysis.text.normalize import _converter

    s2t = _converter("s2t")
    for raw in corpus.documents["text_raw"]:
        assert _fast(raw) == _reference_normalize(raw)
        trad = s2t.convert(raw)
        assert _fast(trad) == _reference_normalize(trad)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "首頁 > 文章中心 > 正文", "扫一扫在手机打开当前页", "發展  科技", "（一）２０２５年", " ",
    "", "字体:[ 大 中 小 ]", "时间:2023-11-16 09:20", "後來", "乾隆", "\u3000创新\u3000",
    "a  b", "\t", "\r", "無障礙 | 長者版", "頭髮", "打印本页"]), max_size=12))
def test_fast_normalisation_on_generated_documents(lines):
    raw = "\n".join(lines)
    assert _fast(raw) == _reference_normalize(raw)


# -- parallel build -----------------------------------------------------------------------

def test_parallel_build_is_byte_identical_to_the_serial_one(tmp_path, monkeypatch):
    import analysis.pipeline._monolith as pl

    serial = build(RAW, tmp_path / "serial", tokenizer="rjieba", cache_dir=False, workers=1)
    monkeypatch.setattr(pl, "PARALLEL_MIN_CHARS", 0)
    parallel = build(RAW, tmp_path / "parallel", tokenizer="rjieba", cache_dir=False,
                     workers=2)
    assert parallel.stats["workers"] == 2 and serial.stats["workers"] == 1
    for p in sorted(serial.out_dir.iterdir()):
        assert p.read_bytes() == (parallel.out_dir / p.name).read_bytes(), p.name


def test_a_bad_document_in_a_worker_is_reported_by_name(tmp_path, make_corpus, monkeypatch):
    import analysis.pipeline._monolith as pl
    from analysis.errors import DocumentError

    raw = make_corpus({"a": "科技创新。" * 50, "b": b"\x00\x01binary", "c": "发展。" * 50})
    monkeypatch.setattr(pl, "PARALLEL_MIN_CHARS", 0)
    with pytest.raises(DocumentError, match=r"b\.txt.*binary"):
        build(raw, tmp_path / "out", cache_dir=False, workers=2)


# -- sparse matrices ----------------------------------------------------------------------

def _synthetic_tokens(n_docs, vocab, per_doc, seed=0):
    rng = np.random.default_rng(seed)
    words = np.array([f"词{i:05d}" for i in range(vocab)], dtype=object)
    ids = np.repeat([f"d{i:05d}" for i in range(n_docs)], per_doc)
    toks = words[rng.integers(0, vocab, n_docs * per_doc)]
    n = len(toks)
    return pd.DataFrame({
        "doc_id": pd.array(ids, dtype="str"), "position": np.zeros(n, np.int32),
        "start": np.zeros(n, np.int32), "end": np.full(n, 2, np.int32),
        "token": pd.array(toks, dtype="str"), "kind": pd.array(["han"] * n, dtype="str"),
        "is_function_word": np.zeros(n, bool), "is_policy_word": np.zeros(n, bool),
        "keep": np.ones(n, bool)})


def test_large_vocabularies_stay_sparse(monkeypatch):
    import scipy.sparse as sp

    from analysis import term_table, tfidf_matrix
    from analysis.pipeline._monolith import BuildContext, BuildOptions, core_tables

    tokens = _synthetic_tokens(n_docs=3000, vocab=5000, per_doc=60)

    def no_dense(self, *a, **k):
        raise AssertionError("a dense documents x vocabulary array was made")

    for cls in (sp.csr_matrix, sp.csc_matrix, sp.coo_matrix):
        monkeypatch.setattr(cls, "toarray", no_dense)
        monkeypatch.setattr(cls, "todense", no_dense)
    w = tfidf_matrix(tokens)
    assert isinstance(w.dtypes.iloc[0], pd.SparseDtype) and w.shape == (3000, 5000)
    terms = term_table(tokens)
    assert terms["count"].sum() == len(tokens)
    docs = pd.DataFrame({"doc_id": pd.array(sorted(set(tokens["doc_id"])), dtype="str")})

    class FakeCorpus:
        documents = docs

    tables = core_tables(BuildContext(FakeCorpus(), tokens, BuildOptions()))
    assert len(tables["keywords"]) == 3000 * 30


# -- imports ------------------------------------------------------------------------------

def test_pipeline_and_tokenize_import_nothing_heavy():
    code = ("import sys, analysis.pipeline, analysis.text.tokenize, analysis.cli; "
            "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow', 'jieba', 'rjieba', "
            "'sklearn', 'scipy', 'tqdm', 'opencc') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
