"""The caveat written next to every cross-document comparison, computed from the corpus.

How many documents there are, whether each city is one document and which groups (eras)
are a single document decide what a difference between documents can mean; the caveat
says so in words for whatever corpus was built.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["CAVEAT", "corpus_caveat"]

#: The caveat when nothing is known about the documents.
CAVEAT = (
    "Caveat: differences between documents may be confounded with document type, author "
    "and length; bootstrap intervals resample clauses within documents and show how stable "
    "each document's profile is, not how cities or eras vary in general."
)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten")


def corpus_caveat(documents: pd.DataFrame | Mapping[str, Any] | None, *,
                  by: str = "era") -> str:
    """The caveat of cross-document comparisons, written for this corpus: how many
    documents, whether each city is one document, which eras are a single document.

    Parameters
    ----------
    documents : DataFrame, mapping or None
        The documents table (``doc_id`` and metadata such as ``city``, ``era``), or
        ``{doc_id: group}`` for the grouping column ``by``; ``None`` gives :data:`CAVEAT`.
    by : str, keyword-only
        The column a mapping gives.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a_2012", "b_2021", "c_2022"],
    ...                      "city": ["甲", "乙", "乙"], "era": ["2010s", "2020s", "2020s"]})
    >>> print(corpus_caveat(docs)[:90])
    Caveat: three documents are few. The 2010s are a single document (a_2012), so city and era
    >>> corpus_caveat({"a": "2010s", "b": "2020s", "c": "2020s"})[:60]
    'Caveat: three documents are few. The 2010s are a single docu'
    """
    if documents is None:
        return CAVEAT
    if isinstance(documents, Mapping):
        documents = pd.DataFrame({"doc_id": list(documents), by: list(documents.values())})
    # only the columns the caveat reads (not the documents' texts)
    docs = documents[[c for c in documents.columns if c in ("doc_id", "city", "era")]]
    docs = docs.drop_duplicates("doc_id")
    n = len(docs)
    count = _NUMBERS[n] if n < len(_NUMBERS) else f"{n:,}"
    head = f"Caveat: {count} documents are few." if n < 30 else f"Caveat: {count} documents."
    facts = []
    if "city" in docs.columns and n > 1 and docs["city"].nunique() == n:
        facts.append("each city is one document")
    if "era" in docs.columns and docs["era"].nunique() > 1:
        for era, g in docs.groupby("era", sort=True):
            if len(g) == 1:
                facts.append(f"the {era} are a single document ({g['doc_id'].iloc[0]})")
    if facts:
        said = " and ".join(facts)
        body = (f"{said[0].upper()}{said[1:]}, so city and era differences are confounded "
                "with document type, author and length;")
    else:
        body = "Differences between groups may be confounded with document type, author and " \
               "length;"
    return (f"{head} {body} bootstrap intervals resample clauses within documents and show "
            "how stable each document's profile is, not how cities or eras vary in general.")
