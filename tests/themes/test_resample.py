"""The compiled clause bootstrap draws NumPy's clause indices, and the compiled
permutation test NumPy's permutations, from the same generator: the same indices, sums
and random stream, so seeded intervals do not move."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.themes._resample import boot_group_index_sums, permuted_statistics


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


@pytest.mark.parametrize("bounds, group", [
    ([0, 2, 3], [0, 5]),      # a group past n_groups
    ([0, 2, 3], [-1, 0]),     # a negative group
    ([0, 2, 9], [0, 1]),      # rows past x
    ([1, 2, 3], [0, 1]),      # not from row 0
    ([0, 3, 2], [0, 1]),      # falling
])
def test_group_sums_reject_bounds_and_groups_that_do_not_fit(bounds, group):
    x = np.ones((3, 2))
    with pytest.raises(ValueError, match="boot_group_index_sums"):
        boot_group_index_sums(np.random.default_rng(0), x, np.ones(3), np.array(bounds),
                              np.array(group), n_groups=2, n_boot=2, by_document=False)


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


def test_a_non_finite_clause_value_adds_nothing_where_its_clause_is_not_drawn():
    # rows with an infinite value are added by their non-zeros: no 0 * inf in the others
    x = np.array([[1.0, 0.0], [np.inf, 1.0], [0.0, 2.0]])
    acc, _ = boot_group_index_sums(np.random.default_rng(6), x, np.ones(3), np.array([0, 3]),
                                   np.array([0]), n_groups=1, n_boot=200, by_document=False)
    idx = np.random.default_rng(6).integers(0, 3, size=(200, 3))
    drawn = (idx == 1).any(axis=1)
    assert (~drawn).any()
    np.testing.assert_array_equal(acc[0][~drawn], x[idx[~drawn]].sum(axis=1))
    assert np.isinf(acc[0][drawn, 0]).all()
