"""The clause table from columns: the same frame as its documents' own tables
concatenated, down to the Arrow chunks of its text columns (which its Parquet bytes
follow) and the object dtype a document without values gives a column."""

from __future__ import annotations

import warnings

import pandas as pd
import pyarrow as pa
import pytest

from analysis.structure import StructureWarning, parse_clauses
from analysis.structure.clauses import clause_columns, clause_frame

TEXTS = {
    "a": "标题\n一、总体要求\n(一)指导思想\n坚持创新。\n1.加强领导。要求。",
    "b": "支持科技型中小企业开展研发活动，推动成果转化。",
    "c": "标题\n一、重点任务\n(一)科技创新\n1.推进技术创新。\n2.完善服务体系。",
}


def _concatenated(texts):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        return pd.concat([parse_clauses(t, doc_id=d) for d, t in texts.items()],
                         ignore_index=True)


def _chunks(df):
    return {c: df[c].array._pa_array.num_chunks for c in df.columns
            if isinstance(df[c].array, pd.arrays.ArrowStringArray)}


@pytest.mark.parametrize("ids", [["a", "c"], ["a", "b", "c"], ["b"]])
def test_clause_frame_is_the_documents_tables_concatenated(ids):
    texts = {d: TEXTS[d] for d in ids}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        columns, lengths = clause_columns(list(texts), list(texts.values()))
    ref = _concatenated(texts)
    got = clause_frame(columns, lengths)
    pd.testing.assert_frame_equal(got, ref)
    assert got.dtypes.to_dict() == ref.dtypes.to_dict()
    assert _chunks(got) == _chunks(ref)
    # the same from Arrow arrays, as the loading workers send them
    arrays = {c: (pa.array(v, pa.large_string()) if c in _chunks(ref) or c == "parent_id"
                  else v) for c, v in columns.items()}
    pd.testing.assert_frame_equal(clause_frame(arrays, lengths), ref)


def test_a_document_without_outline_warns_from_the_clause_module():
    with pytest.warns(StructureWarning, match="b: no outline") as seen:
        clause_columns(["b"], [TEXTS["b"]])
    assert seen[0].filename.endswith("clauses.py")


def test_no_documents_give_the_empty_table():
    assert list(clause_frame(*clause_columns([], []))) == list(parse_clauses("").columns)


@pytest.mark.parametrize("ids", [["a", "c"], ["a", "b", "c"]])
def test_clause_frame_takes_chunked_text_columns_without_copying_them(ids):
    # (columns made in pieces of whole documents, as the loading workers send them)
    texts = {d: TEXTS[d] for d in ids}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        pieces = [clause_columns([d], [t]) for d, t in texts.items()]
    lengths = [n for _, rows in pieces for n in rows]
    columns = {c: pa.chunked_array([pa.array(cols[c], pa.large_string()) for cols, _ in pieces])
               if isinstance(pieces[0][0][c][0], str | type(None))
               else [v for cols, _ in pieces for v in cols[c]]
               for c in pieces[0][0]}
    df = clause_frame(columns, lengths)
    pd.testing.assert_frame_equal(df, _concatenated(texts))
    assert _chunks(df) == _chunks(_concatenated(texts))
    if ids == ["a", "c"]:  # Arrow columns: the documents' values, not copies of them
        got = df["heading"].array._pa_array
        sent = columns["heading"]
        assert [c.buffers()[2].address for c in got.chunks] == [
            c.buffers()[2].address for c in sent.chunks]
