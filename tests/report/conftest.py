"""Fixtures of the report tests: the small literal corpus, built, and its tables."""

from __future__ import annotations

import pytest

from analysis.report import Tables
from tests.report.small_corpus import small_build


@pytest.fixture(scope="session")
def small_built(tmp_path_factory):
    return small_build(tmp_path_factory)


@pytest.fixture
def small_tables(small_built):
    return Tables(small_built.out_dir)
