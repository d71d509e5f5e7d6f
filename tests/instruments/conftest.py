"""Fixtures of the instrument tests: the clauses of the default corpus and their codes,
and units frames made of literal clauses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.instruments import code_instruments
from analysis.structure import clause_table


def units_of(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    starts = np.cumsum([0, *map(len, texts)])[:-1]
    return pd.DataFrame({"doc_id": doc_id, "clause_id": [f"{doc_id}:{i + 1}" for i in
                                                          range(len(texts))],
                         "text": list(texts), "char_start": starts,
                         "char_end": starts + np.array([len(t) for t in texts])})


def codes_of(text: str) -> list[str]:
    return code_instruments(units_of(text))["instrument"].tolist()


def assert_codes(text: str, *, absent: str | None, present: str | None) -> None:
    """The instrument ``absent`` is not coded on ``text`` and ``present`` is (None: no
    check)."""
    codes = codes_of(text)
    if absent:
        assert absent not in codes
    if present:
        assert present in codes


@pytest.fixture(scope="session")
def clauses(corpus):
    return clause_table(corpus)


@pytest.fixture(scope="session")
def codes(clauses, tokens):
    return code_instruments(clauses, tokens=tokens)
