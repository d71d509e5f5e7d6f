"""Group differences with clause-bootstrap intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.themes import corpus_caveat, era_difference
from tests.themes.conftest import units_of


def test_era_difference_on_a_literal_corpus():
    units = pd.concat([units_of("培养人才", "建设平台", doc_id="a"),
                       units_of("引进人才", "培养人才", doc_id="b")], ignore_index=True)
    diff = era_difference(units, documents={"a": "2010s", "b": "2020s"}, n_boot=500,
                          seed=3).set_index("theme")
    assert diff.loc["talent", "diff"] == 0.5
    assert diff.loc["platforms", "diff"] == -0.5
    assert diff.loc["talent", "ci_low"] <= 0.5 <= diff.loc["talent", "ci_high"]
    assert diff["caveat"].iloc[0].startswith("Caveat: two documents are few. The 2010s are "
                                             "a single document (a) and the 2020s are a "
                                             "single document (b)")


def test_era_bootstrap_is_reproducible_with_a_seed(clauses, tokens, hits, corpus):
    kw = dict(documents=corpus.documents, hits=hits, tokens=tokens, n_boot=300)
    a = era_difference(clauses, seed=7, **kw)
    b = era_difference(clauses, seed=7, **kw)
    c = era_difference(clauses, seed=8, **kw)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"], c["ci_low"])
    assert a["diff"].equals(c["diff"])  # the point estimate does not depend on the seed


def test_era_difference_of_the_real_corpus(clauses, tokens, hits, corpus):
    d = era_difference(clauses, documents=corpus.documents, hits=hits, tokens=tokens,
                       seed=12).set_index("theme")
    assert (d["group_a"] == "2010s").all() and (d["group_b"] == "2020s").all()
    assert d.loc["digital", "value_a"] == 0.0 and d.loc["digital", "ci_low"] > 0
    assert bool(d.loc["digital", "excludes_zero"])
    assert not d.loc["talent", "excludes_zero"]
    assert d["n_docs_a"].iloc[0] == 1 and d["n_docs_b"].iloc[0] == 4
    assert d["caveat"].iloc[0] == corpus_caveat(corpus.documents)
    per = era_difference(clauses, documents=corpus.documents, hits=hits, tokens=tokens,
                         metric="per_10k", weighting="pooled", n_boot=200)
    assert (per["value_b"] >= 0).all() and per["metric"].eq("per_10k").all()


def test_era_difference_explains_a_missing_grouping(clauses, corpus):
    with pytest.raises(ValueError, match="has 5 values"):
        era_difference(clauses, documents=corpus.documents, by="city")
    with pytest.raises(ValueError, match="documents has no column 'region'"):
        era_difference(clauses, documents=corpus.documents, by="region")
