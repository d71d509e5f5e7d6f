"""Fixtures of the structure tests: the clause table and the task table of the corpus."""

from __future__ import annotations

import pytest

from analysis.structure import clause_table, responsibilities


@pytest.fixture(scope="session")
def clauses(corpus):
    """The clause table of the default corpus."""
    return clause_table(corpus)


@pytest.fixture(scope="session")
def resp(clauses):
    """The responsibilities of the default corpus (the Jiayuguan task table)."""
    return responsibilities(clauses)
