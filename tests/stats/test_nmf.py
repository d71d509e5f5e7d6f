"""The compiled NMF gives scikit-learn's numbers exactly."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.decomposition import NMF

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


def test_fit_stops_at_max_iter():
    x = sp.random(50, 30, density=0.3, format="csr", random_state=3)
    assert fit_nmf(x, 4, max_iter=2)[2] == 2
