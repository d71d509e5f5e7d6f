"""The core stage: documents, tokens, terms and keywords, from the token table or straight
from the workers' arrays (the same tables), and sparse all the way."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import analysis.pipeline.tables as tables_module
import analysis.pipeline.writer as writer_module
from analysis import build, load_corpus, term_table, tfidf_matrix, token_table
from analysis.pipeline import BuildContext, BuildOptions
from analysis.pipeline.core import core_stage
from analysis.pipeline.tables import TokenParts
from analysis.text.tokenize import TokenFilter, get_tokenizer, token_arrays


def test_counts_from_the_worker_arrays_equal_counts_from_the_table(make_corpus):
    corpus = load_corpus(make_corpus({"a": "支持企业创新。支持企业研发。", "b": "。",
                                      "c": "完善科技金融服务体系，推动成果转化。"}))
    tok = get_tokenizer()
    texts = corpus.documents["text"].tolist()
    bounds = [tok.boundaries(t) for t in texts]
    parts = TokenParts([token_arrays(corpus.doc_ids[a:b], texts[a:b], bounds[a:b],
                                     TokenFilter()) for a, b in ((0, 2), (2, 3))])
    opts = BuildOptions(top_n=3)
    from_arrays = core_stage(BuildContext(corpus, parts, opts))
    from_table = core_stage(BuildContext(corpus, token_table(corpus), opts))
    assert from_arrays["tokens"] is parts  # left as arrays: nothing needed the DataFrame
    for name in ("documents", "terms", "keywords"):
        pd.testing.assert_frame_equal(from_arrays[name], from_table[name])
    docs = from_table["documents"].set_index("doc_id")
    assert docs.loc["b", "n_kept"] == 0 and docs.loc["b", "n_words"] == 0  # punctuation only
    assert (docs["n_kept"] <= docs["n_words"]).all()
    assert (docs["n_words"] <= docs["n_tokens"]).all()


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

    tables = core_stage(BuildContext(FakeCorpus(), tokens, BuildOptions()))
    assert len(tables["keywords"]) == 3000 * 30


def test_core_build_never_makes_the_token_dataframe(small_raw, tmp_path, monkeypatch):
    # the core stage works from the counts the workers sent; building the 10-million-row
    # DataFrame would cost a 20 M-character build 0.9 s for nothing
    def refuse(parts):
        raise AssertionError("the core build made the token DataFrame")

    monkeypatch.setattr(writer_module, "CSV_MAX_ROWS", 5)  # tokens: Parquet from the arrays
    monkeypatch.setattr(tables_module, "frame_from_parts", refuse)
    result = build(small_raw, tmp_path / "out", cache_dir=False, stages="core")
    docs = result.tables["documents"]
    assert (docs["n_kept"] > 0).all() and (docs["n_tokens"] > docs["n_kept"]).all()
    with pytest.raises(AssertionError, match="made the token DataFrame"):
        result.tables["tokens"]  # made on first access, and only then
