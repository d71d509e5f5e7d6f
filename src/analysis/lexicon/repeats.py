"""Texts that repeat, searched once: the distinct texts of a list and the rows of a
result on the distinct texts spread back over the list.

Clause tables repeat clauses (a document's boilerplate across years, copies of one
notice): what a search finds in a text depends on that text only, so it is searched in
each distinct text once and its rows are repeated for every text equal to it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["distinct_texts", "spread_rows"]


def distinct_texts(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Each text's position among the distinct texts, and the distinct texts in order of
    first appearance.

    Examples
    --------
    >>> codes, uniq = distinct_texts(["甲", "乙", "甲"])
    >>> codes.tolist(), uniq
    ([0, 1, 0], ['甲', '乙'])
    """
    # a dict keys each text by its own cached hash; a hash table of C strings (as
    # pandas' factorize of strings) would leave a UTF-8 copy inside every text it reads
    first: dict[str, int] = {}
    codes = np.fromiter((first.setdefault(t, len(first)) for t in texts), np.int64,
                        len(texts))
    return codes, list(first)


def spread_rows(row_text: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of a result on the distinct texts (``row_text``: each row's distinct text,
    ascending) spread over the texts whose distinct text is ``codes[i]``: the text of
    each new row and the old row it copies, text by text in order, each text's rows in
    their old order.

    Examples
    --------
    >>> text, row = spread_rows(np.array([0, 0, 1]), np.array([1, 0, 1]))
    >>> text.tolist(), row.tolist()
    ([0, 1, 1, 2], [2, 0, 1, 2])
    """
    n_distinct = int(codes.max()) + 1 if len(codes) else 0
    count = np.bincount(row_text, minlength=n_distinct).astype(np.int64)
    first = np.zeros(n_distinct, np.int64)
    if n_distinct > 1:
        first[1:] = np.cumsum(count[:-1])
    per = count[codes]
    text = np.repeat(np.arange(len(codes), dtype=np.int64), per)
    # each new row's place within its text's run, added to that run's first old row
    starts = np.cumsum(per) - per
    row = np.repeat(first[codes] - starts, per) + np.arange(len(text), dtype=np.int64)
    return text, row
