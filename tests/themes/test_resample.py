"""The compiled clause bootstrap draws NumPy's multinomial replicates, and the compiled
permutation test NumPy's permutations, from the same
generator: the same counts, sums and random stream, so seeded intervals do not move."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.themes._resample import (
    boot_group_index_sums,
    boot_group_sums,
    boot_sums,
    permuted_statistics,
)


@pytest.mark.parametrize("columns", [5, 40])  # rows added whole, or their non-zeros
@pytest.mark.parametrize("n", [1, 2, 3, 7, 40, 301])
def test_sums_are_those_of_numpys_multinomial_draws(n, columns):
    values = np.random.default_rng(n)
    x = (values.random((n, columns)) < 0.3).astype(np.float64)
    den = values.integers(1, 40, n).astype(np.float64)
    ours, numpys = np.random.default_rng(12), np.random.default_rng(12)
    num, tot = boot_sums(ours, x, den, n_boot=500)
    w = numpys.multinomial(n, np.full(n, 1.0 / n), size=500).astype(np.float64)
    np.testing.assert_array_equal(num, w @ x)
    np.testing.assert_array_equal(tot, w @ den)
    # the generator is left where NumPy's call leaves it: later draws are the same
    assert ours.random() == numpys.random()


def test_integer_clause_values_are_summed_exactly():
    x = np.array([[3], [0], [12]])
    num, tot = boot_sums(np.random.default_rng(1), x, np.ones(3), n_boot=50)
    w = np.random.default_rng(1).multinomial(3, np.full(3, 1 / 3), size=50)
    assert num.dtype == np.float64
    np.testing.assert_array_equal(num[:, 0], w @ np.array([3, 0, 12]))
    assert (tot == 3).all()  # each replicate draws as many clauses as the document has


def test_a_document_without_clauses_sums_nothing():
    num, tot = boot_sums(np.random.default_rng(1), np.zeros((0, 4)), np.zeros(0), n_boot=7)
    assert num.shape == (7, 4) and not num.any() and not tot.any()


def test_documents_above_the_exp_table_size_draw_numpys_replicates_too():
    n = 1100  # above _TABLE_MAX: exp computed per draw
    x = (np.random.default_rng(5).random((n, 3)) < 0.2).astype(np.float64)
    ours, numpys = np.random.default_rng(8), np.random.default_rng(8)
    num, tot = boot_sums(ours, x, np.ones(n), n_boot=20)
    w = numpys.multinomial(n, np.full(n, 1.0 / n), size=20).astype(np.float64)
    np.testing.assert_array_equal(num, w @ x)
    assert (tot == n).all()
    assert ours.random() == numpys.random()


def _numpy_statistics(rng, doc_idx, m, n_docs, permutations):
    out = []
    for _ in range(permutations):
        perm = rng.permutation(len(m))
        obs = np.zeros((n_docs, m.shape[1]))
        np.add.at(obs, doc_idx[perm], m)
        with np.errstate(divide="ignore", invalid="ignore"):
            exp = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / obs.sum()
            out.append(float(np.where(exp > 0, (obs - exp) ** 2 / exp, 0.0).sum()))
    return np.array(out)


@pytest.mark.parametrize("n", [2, 3, 9, 250])
def test_permuted_statistics_are_those_of_numpys_permutations(n):
    values = np.random.default_rng(n)
    m = values.integers(0, 3, (n, 4)) * (values.random((n, 4)) < 0.4)
    m[:, 3] = 0  # a column without hits: its expected counts are 0
    n_docs = min(n, 5)
    doc_idx = np.sort(values.integers(0, n_docs, n))
    ours, numpys = np.random.default_rng(12), np.random.default_rng(12)
    stats = permuted_statistics(ours, doc_idx, m, n_docs=n_docs, permutations=30)
    np.testing.assert_array_equal(stats, _numpy_statistics(numpys, doc_idx, m, n_docs, 30))
    assert ours.random() == numpys.random()


def test_clauses_without_hits_still_take_part_in_the_permutation():
    m = np.array([[0, 0], [3, 1], [0, 0], [1, 2]])
    doc_idx = np.array([0, 0, 1, 1])
    stats = permuted_statistics(np.random.default_rng(3), doc_idx, m, n_docs=2, permutations=50)
    np.testing.assert_array_equal(
        stats, _numpy_statistics(np.random.default_rng(3), doc_idx, m, 2, 50))
    assert len(set(stats.round(9))) > 1  # the hits move between the documents


@pytest.mark.parametrize("by_document", [True, False])
def test_group_sums_equal_a_loop_over_the_documents(by_document):
    # documents of 3, 1, 0 (none), 5 and 2 clauses in groups 1, 0, 0, 1, 0
    sizes, group = [3, 1, 0, 5, 2], np.array([1, 0, 0, 1, 0])
    bounds = np.r_[0, np.cumsum(sizes)]
    x = np.array([[0, 2], [1, 0], [0, 0], [3, 1], [0, 0], [1, 1], [0, 4], [2, 0], [0, 0],
                  [1, 0], [0, 1]], dtype=np.float64)
    den = np.array([5, 3, 0, 7, 2, 2, 9, 1, 4, 6, 3], dtype=np.float64)
    acc, acc_den = boot_group_sums(np.random.default_rng(8), x, den, bounds, group,
                                   n_groups=2, n_boot=300, by_document=by_document)
    rng = np.random.default_rng(8)
    want = [np.zeros((300, 2)), np.zeros((300, 2))]
    want_den = [np.zeros(300), np.zeros(300)]
    for d, g in enumerate(group.tolist()):
        a, b = bounds[d], bounds[d + 1]
        num, tot = boot_sums(rng, x[a:b], den[a:b], n_boot=300)
        if by_document:
            t = np.repeat(tot[:, None], 2, axis=1)
            want[g] = want[g] + np.divide(num, t, out=np.zeros_like(num), where=t > 0)
        else:
            want[g], want_den[g] = want[g] + num, want_den[g] + tot
    for g in (0, 1):
        assert np.array_equal(acc[g], want[g])
        assert np.array_equal(acc_den[g], want_den[g])
    # the generator is left where the loop leaves it
    ours = np.random.default_rng(8)
    boot_group_sums(ours, x, den, bounds, group, n_groups=2, n_boot=300,
                    by_document=by_document)
    assert ours.random() == rng.random()


@pytest.mark.parametrize("bounds, group", [
    ([0, 2, 3], [0, 5]),      # a group past n_groups
    ([0, 2, 3], [-1, 0]),     # a negative group
    ([0, 2, 9], [0, 1]),      # rows past x
    ([1, 2, 3], [0, 1]),      # not from row 0
    ([0, 3, 2], [0, 1]),      # falling
])
def test_group_sums_reject_bounds_and_groups_that_do_not_fit(bounds, group):
    x = np.ones((3, 2))
    with pytest.raises(ValueError, match="boot_group_sums"):
        boot_group_sums(np.random.default_rng(0), x, np.ones(3), np.array(bounds),
                        np.array(group), n_groups=2, n_boot=2, by_document=False)


def test_a_non_finite_clause_value_is_summed_from_the_non_zeros():
    # an infinite value in a clause that a replicate leaves out adds nothing (no 0 * inf)
    x = np.array([[1.0, 0.0], [np.inf, 1.0], [0.0, 2.0]])
    num, _ = boot_sums(np.random.default_rng(6), x, np.ones(3), n_boot=200)
    w = np.random.default_rng(6).multinomial(3, np.full(3, 1 / 3), size=200)
    assert (w[:, 1] == 0).any()
    np.testing.assert_array_equal(num[:, 1], w @ x[:, 1])
    np.testing.assert_array_equal(num[w[:, 1] == 0, 0], w[w[:, 1] == 0, 0] * 1.0)


@pytest.mark.parametrize("columns", [3, 40])  # rows added whole, or their non-zeros
@pytest.mark.parametrize("by_document", [True, False])
def test_index_replicates_are_numpys_integers_in_document_order(columns, by_document):
    # documents of 4, 1, 0 (none), 7 and 2 clauses; one clause draws nothing in NumPy
    sizes, group = [4, 1, 0, 7, 2], np.array([0, 1, 1, 0, 1])
    bounds = np.r_[0, np.cumsum(sizes)]
    values = np.random.default_rng(columns)
    x = (values.random((14, columns)) < 0.4) * values.integers(1, 4, (14, columns))
    den = values.integers(0, 5, 14).astype(np.float64)
    ours = np.random.default_rng(2)
    acc, acc_den = boot_group_index_sums(ours, x, den, bounds, group, n_groups=2,
                                         n_boot=250, by_document=by_document)
    rng = np.random.default_rng(2)
    want, want_den = np.zeros((2, 250, columns)), np.zeros((2, 250))
    for d, g in enumerate(group.tolist()):
        a, b = bounds[d], bounds[d + 1]
        if b == a:
            continue
        idx = a + rng.integers(0, b - a, size=(250, b - a))
        num, tot = x[idx].sum(axis=1), den[idx].sum(axis=1)
        if by_document:
            t = tot[:, None]
            want[g] += np.divide(num, t, out=np.zeros(num.shape), where=t > 0)
        else:
            want[g] += num
            want_den[g] += tot
    np.testing.assert_array_equal(acc, want)
    np.testing.assert_array_equal(acc_den, want_den)
    assert ours.bit_generator.state == rng.bit_generator.state
