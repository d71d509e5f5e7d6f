"""The chi-square test of theme × document hits, with its caveat."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from analysis.themes import (
    CHI2_COLUMNS,
    ChiSquareResult,
    chi_square_summary,
    theme_chi_square,
)
from tests.themes.conftest import units_of


def test_chi_square_matches_scipy_on_a_literal_table():

    units = pd.concat([units_of("人才人才人才", "平台", doc_id="a"),
                       units_of("金融金融", "平台平台", doc_id="b")], ignore_index=True)
    r = theme_chi_square(units, permutations=0)
    obs = np.array([[0, 1, 3], [2, 2, 0]])  # finance, platforms, talent (dictionary order)
    order = ["talent", "finance", "platforms"]
    got = r.table.pivot(index="doc_id", columns="theme", values="observed")[order].to_numpy()
    assert got.tolist() == [[3, 0, 1], [0, 2, 2]]
    assert r.statistic == pytest.approx(chi2_contingency(obs, correction=False)[0])
    assert r.dof == 2 and r.permutation_pvalue is None


def test_chi_square_of_the_real_corpus_with_its_caveat(clauses, hits):
    r = theme_chi_square(clauses, hits=hits, permutations=199, seed=12)
    assert r.dof == (5 - 1) * (17 - 1)
    assert r.pvalue < 1e-10
    again = theme_chi_square(clauses, hits=hits, permutations=199, seed=12)
    assert r.permutation_pvalue == again.permutation_pvalue
    # hits cluster within clauses: permuting clauses is far less impressed than the
    # asymptotic test
    assert r.permutation_pvalue > 0.01
    text = r.summary()
    assert "five documents are few" in text and "Cramér's V" in text
    frame = r.to_frame()
    assert list(frame.columns) == list(CHI2_COLUMNS)
    back = ChiSquareResult.from_frame(frame)
    assert back.summary() == r.summary()
    assert (back.n_hits, back.seed, back.permutations) == (r.n_hits, 12, 199)
    assert chi_square_summary(frame) == r.summary()


def test_chi_square_summary_of_an_empty_table_says_why():
    text = chi_square_summary(pd.DataFrame(columns=list(CHI2_COLUMNS)))
    assert text.startswith("No chi-square test") and "two documents" in text
    with pytest.raises(ValueError, match="missing column"):
        chi_square_summary(pd.DataFrame({"doc_id": ["a"]}))


def test_chi_square_caveat_comes_from_the_documents(clauses, hits, corpus):
    r = theme_chi_square(clauses, hits=hits, permutations=0, documents=corpus.documents)
    assert "(tonghua_2012)" in r.caveat
    plain = theme_chi_square(clauses, hits=hits, permutations=0)
    assert plain.caveat.startswith("Caveat: five documents are few. Differences between")
