"""Literal token tables for the unit tests of analysis.stats."""

from __future__ import annotations

import pandas as pd


def token_frame(docs: dict[str, list[str]]) -> pd.DataFrame:
    """A literal token table: every token a kept Han word, offsets two characters apart."""
    rows = []
    for doc, toks in docs.items():
        for i, t in enumerate(toks):
            rows.append({"doc_id": doc, "position": i, "start": 2 * i, "end": 2 * i + len(t),
                         "token": t, "kind": "han", "is_function_word": False,
                         "is_policy_word": False, "keep": True})
    return pd.DataFrame(rows)
