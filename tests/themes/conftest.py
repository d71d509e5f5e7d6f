"""Fixtures of the theme tests: the clauses of the default corpus, their theme hits and
counts, and a units frame made of literal clauses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.structure import clause_table
from analysis.themes import match_terms, theme_counts


def units_of(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    """A units frame of consecutive clauses of one document."""
    starts = np.cumsum([0, *map(len, texts)])[:-1]
    return pd.DataFrame({"doc_id": doc_id, "clause_id": [f"{doc_id}:{i + 1}" for i in
                                                          range(len(texts))],
                         "text": list(texts), "char_start": starts,
                         "char_end": starts + np.array([len(t) for t in texts])})


@pytest.fixture(scope="session")
def clauses(corpus):
    return clause_table(corpus)


@pytest.fixture(scope="session")
def hits(clauses, tokens):
    return match_terms(clauses, tokens=tokens)


@pytest.fixture(scope="session")
def counts(clauses, tokens, hits, corpus):
    return theme_counts(clauses, tokens=tokens, hits=hits, documents=corpus.documents)
