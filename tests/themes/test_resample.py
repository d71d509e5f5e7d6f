"""The compiled clause bootstrap draws NumPy's multinomial replicates from the same
generator: the same counts, sums and random stream, so seeded intervals do not move."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.themes._resample import boot_sums


@pytest.mark.parametrize("n", [1, 2, 3, 7, 40, 301])
def test_sums_are_those_of_numpys_multinomial_draws(n):
    values = np.random.default_rng(n)
    x = (values.random((n, 5)) < 0.3).astype(np.float64)
    den = values.integers(1, 40, n).astype(np.float64)
    ours, numpys = np.random.default_rng(12), np.random.default_rng(12)
    num, tot = boot_sums(ours, x, den, 500)
    w = numpys.multinomial(n, np.full(n, 1.0 / n), size=500).astype(np.float64)
    np.testing.assert_array_equal(num, w @ x)
    np.testing.assert_array_equal(tot, w @ den)
    # the generator is left where NumPy's call leaves it: later draws are the same
    assert ours.random() == numpys.random()


def test_integer_clause_values_are_summed_exactly():
    x = np.array([[3], [0], [12]])
    num, tot = boot_sums(np.random.default_rng(1), x, np.ones(3), 50)
    w = np.random.default_rng(1).multinomial(3, np.full(3, 1 / 3), size=50)
    assert num.dtype == np.float64
    np.testing.assert_array_equal(num[:, 0], w @ np.array([3, 0, 12]))
    assert (tot == 3).all()  # each replicate draws as many clauses as the document has


def test_a_document_without_clauses_sums_nothing():
    num, tot = boot_sums(np.random.default_rng(1), np.zeros((0, 4)), np.zeros(0), 7)
    assert num.shape == (7, 4) and not num.any() and not tot.any()
