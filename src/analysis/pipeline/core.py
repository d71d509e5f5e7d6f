"""The core stage: the foundation tables every other table and figure builds on.

``documents`` (the corpus's documents with their token counts), ``tokens``, ``terms``
(counts, frequencies and TF-IDF of every term in every document) and ``keywords`` (the
top terms of each document). When the build holds the token table as its workers'
arrays, the counts come from the per-batch counts the workers computed, and the token
DataFrame is never made.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.pipeline.context import BuildContext
from analysis.pipeline.tables import TokenParts
from analysis.stats.matrices import (
    SparseCounts,
    doc_codes,
    sparse_counts,
    term_table_from_counts,
    top_terms,
    word_totals,
)

__all__ = ["core_stage"]


def core_stage(ctx: BuildContext) -> dict[str, pd.DataFrame | TokenParts]:
    """``documents``, ``tokens``, ``terms`` and ``keywords``.

    ``documents`` gains ``n_tokens``, ``n_words`` and ``n_kept`` (tokens, words and the
    words the token filter keeps); ``keywords`` holds the ``options.top_n`` best terms of
    each document by TF-IDF.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> corpus = load_corpus()
    >>> tables = core_stage(BuildContext(corpus, token_table(corpus)))
    >>> sorted(tables)
    ['documents', 'keywords', 'terms', 'tokens']
    >>> bool((tables["documents"]["n_kept"] < tables["documents"]["n_tokens"]).all())
    True
    """
    docs = ctx.corpus.documents.copy()
    parts = ctx._token_parts()
    if parts is not None:
        counts, per_doc = parts.term_counts(), parts.doc_sizes()
    else:
        counts, per_doc = _counts(ctx.tokens)
    per_doc = per_doc.copy()
    per_doc.insert(1, "n_words", counts[1].reindex(per_doc.index).to_numpy())
    per_doc = per_doc.astype("int64").reindex(docs["doc_id"], fill_value=0)
    for col in per_doc.columns:
        docs[col] = per_doc[col].to_numpy()
    terms = term_table_from_counts(*counts)
    return {
        "documents": docs,
        # the workers' arrays stay unconverted until something needs a DataFrame
        "tokens": parts if parts is not None else ctx.tokens,
        "terms": terms,
        "keywords": top_terms(terms, n=ctx.options.top_n),
    }


def _counts(tokens: pd.DataFrame) -> tuple[tuple[SparseCounts, pd.Series], pd.DataFrame]:
    """The document-term counts and word totals of a token table, and its tokens and kept
    tokens per document (the documents that have tokens, in order)."""
    codes = doc_codes(tokens)
    doc, ids = codes
    keep = tokens["keep"].to_numpy(dtype=bool)
    sizes = pd.DataFrame({"n_tokens": np.bincount(doc, minlength=len(ids)),
                          "n_kept": np.bincount(doc[keep], minlength=len(ids))},
                         index=pd.Index(ids, dtype="str"))
    return (sparse_counts(tokens, codes=codes), word_totals(tokens, codes=codes)), sizes
