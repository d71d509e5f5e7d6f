"""The build stage of the instruments: every instrument table of a corpus at once."""

from __future__ import annotations

import pandas as pd

from analysis.instruments.coding import code_instruments, instrument_hits
from analysis.instruments.crosstabs import _code_positions, _crosstab
from analysis.instruments.rules import InstrumentRules, PathLike, load_instruments
from analysis.lexicon import check_units, countable

__all__ = ["instrument_tables"]


def instrument_tables(
    units: pd.DataFrame,
    *,
    tokens: pd.DataFrame | None,
    documents: pd.DataFrame,
    rules: PathLike | InstrumentRules = "instruments.toml",
    threads: int = 1,
) -> dict[str, pd.DataFrame]:
    """Every instrument table of a corpus at once, sharing the coding between them.

    Parameters
    ----------
    units : DataFrame
        The clause table (:func:`analysis.structure.clause_table`).
    tokens : DataFrame or None, keyword-only
        The corpus token table (token terms); None segments the clauses.
    documents : DataFrame, keyword-only
        The documents table (``doc_id``, ``era`` ...).
    rules : path or InstrumentRules, keyword-only
        The instrument rule file.
    threads : int, keyword-only
        Threads for the dictionary engine's compiled passes (the same tables whatever
        their number).

    Returns
    -------
    dict of str to DataFrame
        ``instrument_codes``, ``instrument_hits``, ``instrument_counts``,
        ``instrument_types`` and, when the documents have an ``era`` column,
        ``instrument_era`` and ``instrument_types_era``.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": ["a", "b"], "clause_id": ["a:1", "b:1"],
    ...     "text": ["鼓励银行开展质押贷款。", "实施首台套政府采购。"], "char_start": 0,
    ...     "char_end": [11, 10]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "era": ["2010s", "2020s"]})
    >>> t = instrument_tables(units, tokens=None, documents=docs)
    >>> t["instrument_codes"][["doc_id", "instrument"]].values.tolist()
    [['a', '金融支持'], ['b', '政府采购']]
    >>> sorted(t)[:3]
    ['instrument_codes', 'instrument_counts', 'instrument_era']
    """
    rules = load_instruments(rules)
    docs = documents
    hits = instrument_hits(units, rules=rules, tokens=tokens, threads=threads)
    codes = code_instruments(units, rules=rules, hits=hits)
    # instrument_counts / instrument_type_counts / instrument_crosstab, with the countable
    # clauses found once
    checked = check_units(units)
    keep = countable(checked).to_numpy()
    # each code's countable clause, looked up once for the four groupings
    counted = checked.loc[keep, ["clause_id"]]
    positions = (counted["clause_id"].to_numpy(), _code_positions(codes, counted))

    def crosstab(by: str, level: str) -> pd.DataFrame:
        return _crosstab(codes, units, by=by, level=level, documents=docs, rules=rules,
                         keep=keep, positions=positions)

    out = {
        "instrument_codes": codes,
        "instrument_hits": hits,
        "instrument_counts": crosstab("doc_id", "instrument"),
        "instrument_types": crosstab("doc_id", "type"),
    }
    if "era" in docs.columns:
        out["instrument_era"] = crosstab("era", "instrument")
        out["instrument_types_era"] = crosstab("era", "type")
    return out

