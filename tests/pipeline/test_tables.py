"""The token table the build holds: the workers' batches and the stages' frame, held once."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import load_corpus
from analysis.pipeline.tables import TokenParts
from analysis.text import TokenFilter, arrow_from_parts, get_tokenizer, token_arrays


def _parts(make_corpus):
    corpus = load_corpus(make_corpus({"b": "完善科技金融服务体系。", "a": "支持企业创新。",
                                      "c": "。", "d": "推动成果转化，支持企业研发。"}))
    tok = get_tokenizer()
    texts = corpus.documents["text"].tolist()
    bounds = [tok.boundaries(t) for t in texts]
    return TokenParts([token_arrays(corpus.doc_ids[a:b], texts[a:b], bounds[a:b],
                                    TokenFilter()) for a, b in ((0, 2), (2, 4))])


def test_frame_has_sorted_categories_of_the_ids_and_kinds_present(make_corpus):
    parts = _parts(make_corpus)
    table = parts.table()
    frame = parts.frame()
    for col in ("doc_id", "kind"):
        assert list(frame[col].cat.categories) == sorted(table[col].unique())
    assert frame.astype({"doc_id": "str", "kind": "str"}).equals(table)


def test_batches_share_the_frame_columns_and_give_the_same_arrow_table(make_corpus):
    parts = _parts(make_corpus)
    before = arrow_from_parts(parts.parts)
    sizes = parts.doc_sizes()
    frame = parts.frame()
    assert np.shares_memory(parts.parts[1]["start"], frame["start"].to_numpy())
    assert np.shares_memory(parts.parts[0]["keep"], frame["keep"].to_numpy())
    after = parts.arrow()
    assert after.equals(before) and after.schema == before.schema
    pd.testing.assert_frame_equal(parts.doc_sizes(), sizes)
