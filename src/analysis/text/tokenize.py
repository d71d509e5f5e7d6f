"""The token table: every token of a corpus with its offsets, kind and stopword flags.

Tokenising is two steps. Segmentation (:mod:`analysis.text.segment`, the expensive part) is
cached per document by content hash and tokenizer settings as an array of token boundaries
(:mod:`analysis.text.token_cache`). Filtering (:class:`~analysis.text.stopwords.TokenFilter`:
stopwords, punctuation, numbers, single characters) is cheap and applied afterwards, so a
researcher can switch either stopword list without re-segmenting.

The table is assembled from the boundary arrays without a Python object per token: token
kinds come from :func:`~analysis.text.token_kinds.kind_codes`, and the token strings are
Arrow slices of the documents' UTF-8 bytes. This keeps a corpus of tens of millions of
characters within a few seconds and a few hundred megabytes. The build's worker processes
send :func:`token_arrays` batches, joined by :func:`frame_from_parts` (a DataFrame) or
:func:`arrow_from_parts` (an Arrow table, for Parquet).

This module also re-exports the tokenizer, the filter and the cache functions, so the
whole tokenising step is one import.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.text.segment import (
    BACKENDS,
    DEFAULT_USER_DICT,
    Tokenizer,
    get_tokenizer,
    load_user_terms,
)
from analysis.text.stopwords import TokenFilter
from analysis.text.token_cache import (
    cache_key,
    default_cache_dir,
    segment_cached,
    token_cache_dir,
)
from analysis.text.token_kinds import KIND_CODES, KINDS, kind_codes, token_kind

if TYPE_CHECKING:
    from analysis.text.corpus import Corpus

__all__ = [
    "BACKENDS",
    "DEFAULT_USER_DICT",
    "KINDS",
    "TOKEN_COLUMNS",
    "TokenFilter",
    "Tokenizer",
    "arrow_from_parts",
    "cache_key",
    "default_cache_dir",
    "doc_token_lists",
    "filter_tokens",
    "frame_from_parts",
    "get_tokenizer",
    "load_user_terms",
    "segment_cached",
    "segment_corpus",
    "token_arrays",
    "token_cache_dir",
    "token_kind",
    "token_table",
    "tokens_frame",
]

#: The columns of :func:`token_table`, in order.
TOKEN_COLUMNS = ("doc_id", "position", "start", "end", "token", "kind", "is_function_word",
                 "is_policy_word", "keep")


def segment_corpus(
    texts: Iterable[str],
    *,
    tokenizer: Tokenizer | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = True,
) -> list[np.ndarray]:
    """Segment many texts; return token boundaries per text, using the on-disk cache.

    ``cache_dir=True`` uses :func:`~analysis.text.token_cache.default_cache_dir`; ``False``
    or ``None`` disables caching.

    Examples
    --------
    >>> [b.tolist() for b in segment_corpus(["支持科技创新", "人才"], cache_dir=False)]
    [[0, 2, 6], [0, 2]]
    """
    tok = tokenizer or get_tokenizer()
    cache = token_cache_dir(tok, cache_dir)
    return [segment_cached(t, tok, cache)[0] for t in texts]


@lru_cache(maxsize=1)
def _utf8_width() -> np.ndarray:
    """UTF-8 bytes of every Basic Multilingual Plane character (``uint8[65536]``)."""
    cp = np.arange(0x10000)
    return (1 + (cp >= 0x80) + (cp >= 0x800)).astype(np.uint8)


def tokens_frame(
    doc_ids: Sequence[str],
    texts: Sequence[str],
    bounds: Sequence[np.ndarray],
    *,
    token_filter: TokenFilter | None = None,
) -> pd.DataFrame:
    """The :func:`token_table` of documents whose token boundaries are known already.

    Vectorised over the whole batch: no Python object is made per token.

    Parameters
    ----------
    doc_ids, texts : sequence of str
        The documents' ids and normalised texts.
    bounds : sequence of numpy.ndarray
        Each text's token boundaries (:meth:`~analysis.text.segment.Tokenizer.boundaries`).
    token_filter : TokenFilter, optional, keyword-only
        Decides the ``keep`` column; the default :class:`TokenFilter` if not given.

    Examples
    --------
    >>> toks = tokens_frame(["a"], ["加强科技创新。"], [np.array([0, 2, 6, 7])])
    >>> toks[["position", "token", "kind", "is_policy_word", "keep"]].values.tolist()
    [[0, '加强', 'han', True, False], [1, '科技创新', 'han', False, True],
     [2, '。', 'punct', False, False]]
    """
    flt = token_filter or TokenFilter()
    parts = [token_arrays(doc_ids, texts, bounds, flt)] if len(doc_ids) else []
    return frame_from_parts(parts)


def token_arrays(doc_ids: Sequence[str], texts: Sequence[str],
                 bounds: Sequence[np.ndarray], token_filter: TokenFilter) -> dict[str, object]:
    """The token-table columns of a batch of documents as compact arrays: what the build's
    worker processes send back.

    Space tokens are left out. ``n_tokens`` counts each document's tokens (their rows follow
    in document order), ``start``/``end`` are offsets in each document, ``token`` is an Arrow
    string array and ``kind`` holds codes into :data:`KINDS`. The batch's per-document
    counts come along: ``n_words`` (Han and Latin tokens), ``n_kept``, and the
    document-term counts of kept tokens (``term_doc``, ``term_code`` into ``term_dict``,
    ``term_count``), all that the matrices need
    (:func:`analysis.stats.matrices.counts_from_parts`).

    Examples
    --------
    >>> parts = token_arrays(["a"], ["科技 创新"], [np.array([0, 2, 3, 5])], TokenFilter())
    >>> parts["n_tokens"].tolist(), parts["token"].to_pylist(), parts["keep"].tolist()
    ([2], ['科技', '创新'], [True, True])
    """
    text = "".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    n_tok = np.fromiter((len(b) - 1 for b in bounds), dtype=np.int64, count=len(bounds))
    for doc_id, b, n in zip(doc_ids, bounds, lengths.tolist(), strict=True):
        if len(b) < 1 or int(b[0]) != 0 or int(b[-1]) != n:
            raise ValueError(f"{doc_id}: token boundaries do not cover the text ({n} chars)")
    local_starts = np.concatenate([b[:-1] for b in bounds]).astype(np.int64)
    local_ends = np.concatenate([b[1:] for b in bounds]).astype(np.int64)
    doc_of_token = np.repeat(np.arange(len(texts), dtype=np.int32), n_tok)
    base = offsets[:-1][doc_of_token]
    starts = local_starts + base
    ends = local_ends + base
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    kinds = kind_codes(text, starts, ends, codepoints=cp)
    # token strings: slices of the batch's UTF-8 bytes, then the space tokens filtered out
    nbytes = _utf8_width()[np.minimum(cp, 0xFFFF)]
    nbytes[cp > 0xFFFF] = 4
    byte_at = np.zeros(len(cp) + 1, dtype=np.int64)
    np.cumsum(nbytes, out=byte_at[1:], dtype=np.int64)
    tok_offsets = np.append(byte_at[starts], byte_at[-1] if len(starts) else 0)
    all_tokens = pa.LargeStringArray.from_buffers(
        len(starts), pa.py_buffer(tok_offsets.astype(np.int64)),
        pa.py_buffer(text.encode("utf-8")))
    nonspace = kinds != KIND_CODES["space"]
    counts = np.bincount(doc_of_token[nonspace], minlength=len(texts))
    token = all_tokens.filter(pa.array(nonspace))
    if token.nbytes < 2**31 - 1:
        token = token.cast(pa.string())  # 32-bit offsets: less to send between processes
    kinds = kinds[nonspace]
    # the stopword lists, looked up once per distinct token
    enc = pc.dictionary_encode(token)
    codes = enc.indices.to_numpy(zero_copy_only=False)
    func = pa.array(sorted(token_filter.function_set()), token.type)
    policy = pa.array(sorted(token_filter.policy_set()), token.type)
    is_func = pc.is_in(enc.dictionary, value_set=func).to_numpy(zero_copy_only=False)[codes]
    is_policy = pc.is_in(enc.dictionary, value_set=policy).to_numpy(zero_copy_only=False)[codes]
    start = local_starts[nonspace].astype(np.int32)
    end = local_ends[nonspace].astype(np.int32)
    keep = token_filter.apply_codes(kinds, (end - start).astype(np.int64), is_func, is_policy)
    # the batch's document-term counts of kept tokens and its word tokens per document:
    # small, and all the matrices need (see analysis.stats.matrices.counts_from_parts)
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    n_dict = max(len(enc.dictionary), 1)
    key, term_count = np.unique(doc[keep] * n_dict + codes[keep], return_counts=True)
    used, term_code = np.unique(key % n_dict, return_inverse=True)
    is_word = (kinds == KIND_CODES["han"]) | (kinds == KIND_CODES["latin"])
    return {
        "doc_ids": list(doc_ids),
        "n_tokens": counts.astype(np.int64),
        "start": start,
        "end": end,
        "token": token,
        "kind": kinds,
        "is_function_word": is_func,
        "is_policy_word": is_policy,
        "keep": keep,
        "n_words": np.bincount(doc[is_word], minlength=len(texts)).astype(np.int64),
        "n_kept": np.bincount(doc[keep], minlength=len(texts)).astype(np.int64),
        "term_dict": enc.dictionary.take(pa.array(used)),
        "term_doc": key // n_dict,
        "term_code": term_code.astype(np.int64),
        "term_count": term_count.astype(np.int64),
    }


def frame_from_parts(parts: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Concatenate batches of :func:`token_arrays` (in corpus order) into the token table.

    Examples
    --------
    >>> parts = [token_arrays([d], [t], [np.array([0, 2, 4])], TokenFilter())
    ...          for d, t in (("a", "科技创新"), ("b", "人才培养"))]
    >>> frame_from_parts(parts)[["doc_id", "position", "token"]].values.tolist()
    [['a', 0, '科技'], ['a', 1, '创新'], ['b', 0, '人才'], ['b', 1, '培养']]
    """
    if not parts:
        empty = {c: [] for c in ("doc_id", "position", "start", "end", "token", "kind")}
        out = pd.DataFrame(empty).astype({"position": "int32", "start": "int32",
                                          "end": "int32", "doc_id": "str", "token": "str",
                                          "kind": "str"})
        for col in ("is_function_word", "is_policy_word", "keep"):
            out[col] = np.zeros(0, dtype=bool)
        return out
    table = arrow_from_parts(parts)
    columns = {}
    for name, col in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_dictionary(col.type):
            col = col.cast(pa.large_string())
        columns[name] = col.to_pandas() if pa.types.is_large_string(col.type) \
            else col.to_numpy()
    return pd.DataFrame(columns)


def arrow_from_parts(parts: Sequence[dict[str, object]]) -> pa.Table:
    """:func:`frame_from_parts` as an Arrow table, ``doc_id`` and ``kind`` dictionary-encoded.

    No per-token copy of the ids and kinds: what the build writes to Parquet when no stage
    needs the token table as a DataFrame.

    Examples
    --------
    >>> parts = [token_arrays(["a"], ["科技创新"], [np.array([0, 2, 4])], TokenFilter())]
    >>> table = arrow_from_parts(parts)
    >>> table.column_names == list(TOKEN_COLUMNS), table.num_rows
    (True, 2)
    """
    if not parts:
        return pa.Table.from_pandas(frame_from_parts(parts), preserve_index=False)
    doc_ids = [d for p in parts for d in p["doc_ids"]]

    def cat(col: str) -> np.ndarray:
        return np.concatenate([p[col] for p in parts])

    counts = cat("n_tokens")
    first = np.zeros(len(doc_ids), dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    position = (np.arange(int(counts.sum()), dtype=np.int64)
                - np.repeat(first, counts)).astype(np.int32)
    return pa.table({
        "doc_id": pa.DictionaryArray.from_arrays(
            np.repeat(np.arange(len(doc_ids), dtype=np.int32), counts),
            pa.array(doc_ids, pa.large_string())),
        "position": position,
        "start": cat("start"),
        "end": cat("end"),
        "token": pa.concat_arrays([p["token"].cast(pa.large_string()) for p in parts]),
        "kind": pa.DictionaryArray.from_arrays(cat("kind").astype(np.int8),
                                               pa.array(list(KINDS), pa.large_string())),
        "is_function_word": cat("is_function_word"),
        "is_policy_word": cat("is_policy_word"),
        "keep": cat("keep"),
    })


def token_table(
    corpus: Corpus,
    *,
    tokenizer: Tokenizer | None = None,
    token_filter: TokenFilter | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = True,
) -> pd.DataFrame:
    """All tokens of a corpus with their positions, one row per token.

    Columns: ``doc_id, position`` (0-based index among the document's non-space tokens),
    ``start, end`` (character offsets in the normalised ``text``, so ``text_orig[start:end]``
    is the token in the original script), ``token, kind`` (han, latin, number, punct, other),
    ``is_function_word, is_policy_word`` and ``keep`` (passes ``token_filter``).

    Examples
    --------
    >>> from analysis.text.corpus import load_corpus
    >>> toks = token_table(load_corpus().subset(["tonghua_2012"]))
    >>> int((toks["token"] == "创新").sum())
    19
    """
    texts = corpus.documents["text"].tolist()
    bounds = segment_corpus(texts, tokenizer=tokenizer, cache_dir=cache_dir)
    return tokens_frame(corpus.documents["doc_id"].tolist(), texts, bounds,
                        token_filter=token_filter)


def filter_tokens(tokens: pd.DataFrame, token_filter: TokenFilter | None = None) -> pd.DataFrame:
    """The rows of a :func:`token_table` that pass ``token_filter`` (defaults: both lists on).

    Examples
    --------
    >>> toks = tokens_frame(["a"], ["加强科技创新"], [np.array([0, 2, 6])])
    >>> filter_tokens(toks)["token"].tolist()
    ['科技创新']
    >>> filter_tokens(toks, TokenFilter(policy_words=False))["token"].tolist()
    ['加强', '科技创新']
    """
    flt = token_filter or TokenFilter()
    return tokens.loc[flt.apply(tokens)].reset_index(drop=True)


def doc_token_lists(
    tokens: pd.DataFrame, *, token_filter: TokenFilter | None = None
) -> dict[str, list[str]]:
    """Kept tokens per document, in text order: ``{doc_id: [token, ...]}``.

    Uses the table's ``keep`` column unless a ``token_filter`` is given.

    Examples
    --------
    >>> toks = tokens_frame(["a", "b"], ["加强科技创新", "人才的培养"],
    ...                     [np.array([0, 2, 6]), np.array([0, 2, 3, 5])])
    >>> doc_token_lists(toks)
    {'a': ['科技创新'], 'b': ['人才', '培养']}
    """
    kept = tokens.loc[tokens["keep"]] if token_filter is None else filter_tokens(tokens,
                                                                                token_filter)
    order = tokens["doc_id"].unique().tolist()
    grouped = kept.groupby("doc_id", sort=False)["token"].agg(list).to_dict()
    return {d: grouped.get(d, []) for d in order}
