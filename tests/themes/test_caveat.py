"""The caveat of comparisons, written from the documents table."""

from __future__ import annotations

import pandas as pd

from analysis.themes import CAVEAT, corpus_caveat


def test_the_caveat_is_written_for_the_corpus(corpus):
    text = corpus_caveat(corpus.documents)
    assert text.startswith("Caveat: five documents are few. Each city is one document and "
                           "the 2010s are a single document (tonghua_2012), so city and era "
                           "differences are confounded")
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "city": ["甲", "甲", "乙"],
                         "era": ["2020s"] * 3})
    text = corpus_caveat(docs)
    assert text.startswith("Caveat: three documents are few. Differences between groups")
    assert "tonghua" not in text and "each city" not in text.lower()


def test_the_caveat_of_a_grouping_mapping_and_of_nothing_known():
    text = corpus_caveat({"a": "2010s", "b": "2020s", "c": "2020s"})
    assert text.startswith("Caveat: three documents are few. The 2010s are a single "
                           "document (a), so")
    by_region = corpus_caveat({"a": "north", "b": "south"}, by="region")
    assert by_region.startswith("Caveat: two documents are few. Differences between groups")
    assert corpus_caveat(None) == CAVEAT and "document (" not in CAVEAT


def test_a_large_corpus_is_not_called_few():
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)], "era": ["2020s"] * 40})
    assert corpus_caveat(docs).startswith("Caveat: 40 documents. Differences")
