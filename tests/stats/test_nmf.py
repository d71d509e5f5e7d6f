"""The compiled NMF gives scikit-learn's numbers exactly."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

from analysis.stats._nmf import fit_nmf


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize(("shape", "k", "density", "seed"), [
    ((60, 40), 3, 0.2, 0),     # k below one block of 8
    ((600, 90), 8, 0.05, 1),   # one block, more rows than a block of 256
    ((120, 70), 11, 0.15, 2),  # k past one block
])
def test_fit_is_scikit_learns_exactly(shape, k, density, seed, threads):
    x = sp.random(*shape, density=density, format="csr", random_state=seed)
    nmf = NMF(k, init="nndsvda", random_state=0, max_iter=500)
    w_ref = nmf.fit_transform(x)
    w, h, n_iter = fit_nmf(x, k, max_iter=500, threads=threads)
    assert n_iter == nmf.n_iter_
    assert np.array_equal(w, w_ref)
    assert np.array_equal(h, nmf.components_)


def test_fit_stops_at_max_iter_with_scikit_learns_numbers():
    x = sp.random(50, 30, density=0.3, format="csr", random_state=3)
    nmf = NMF(4, init="nndsvda", random_state=0, max_iter=2)
    with pytest.warns(ConvergenceWarning):
        w_ref = nmf.fit_transform(x)
    w, h, n_iter = fit_nmf(x, 4, max_iter=2)
    assert n_iter == 2
    assert np.array_equal(w, w_ref)
    assert np.array_equal(h, nmf.components_)


def test_unsorted_and_duplicate_entries_give_scikit_learns_numbers():
    x = sp.random(40, 25, density=0.3, format="csr", random_state=4)
    # the same matrix with each row's entries stored in reverse and its first entry
    # split in two duplicates
    indptr, indices, data = [0], [], []
    for r in range(x.shape[0]):
        lo, hi = x.indptr[r], x.indptr[r + 1]
        cols, vals = list(x.indices[lo:hi][::-1]), list(x.data[lo:hi][::-1])
        if cols:
            cols.append(cols[0])
            vals[0] /= 2
            vals.append(vals[0])
        indices += cols
        data += vals
        indptr.append(len(indices))
    messy = sp.csr_matrix((np.array(data), np.array(indices), np.array(indptr)),
                          shape=x.shape)
    assert not messy.has_canonical_format
    nmf = NMF(3, init="nndsvda", random_state=0)
    w_ref = nmf.fit_transform(messy.copy())
    w, h, _ = fit_nmf(messy, 3)
    assert np.array_equal(w, w_ref)
    assert np.array_equal(h, nmf.components_)


@pytest.mark.parametrize(("k", "max_iter"), [(0, 200), (3, 0), (3, -5)])
def test_no_components_or_no_iterations_are_refused(k, max_iter):
    x = sp.random(20, 10, density=0.5, format="csr", random_state=5)
    with pytest.raises(ValueError, match="at least 1"):
        fit_nmf(x, k, max_iter=max_iter)


def test_without_scikit_learns_private_start_its_own_nmf_runs(monkeypatch):
    from analysis.stats import _nmf

    x = sp.random(30, 20, density=0.3, format="csr", random_state=6)
    nmf = NMF(3, init="nndsvda", random_state=0)
    w_ref = nmf.fit_transform(x)
    monkeypatch.setattr(_nmf, "_private_start", lambda: None)
    w, _, n_iter = fit_nmf(x, 3)
    assert n_iter == nmf.n_iter_
    assert np.array_equal(w, w_ref)
