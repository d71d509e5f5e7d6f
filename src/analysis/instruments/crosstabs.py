"""Instrument crosstabs: instrument (or type) × document (or era, or any metadata column)
counts and shares of the coded clauses."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.instruments.rules import InstrumentRules, PathLike, load_instruments
from analysis.lexicon import check_units, countable, with_meta

__all__ = ["instrument_cell", "instrument_counts", "instrument_crosstab",
           "instrument_type_counts"]


def _clause_frame(units: pd.DataFrame, documents: pd.DataFrame | None, by: str,
                  keep: Any = None) -> pd.DataFrame:
    """Countable clauses with their grouping value (``keep``: the
    :func:`~analysis.lexicon.countable` mask of ``units`` as an array, when already
    known)."""
    keep = countable(units) if keep is None else keep
    c = units.loc[keep, ["doc_id", "clause_id"]].copy()
    if by == "doc_id":
        c["_group"] = c["doc_id"]
    else:
        if documents is None or by not in documents.columns:
            raise ValueError(f"by={by!r}: pass documents= (corpus.documents) with a {by!r} "
                             "column.")
        # the two columns only (a documents table may hold every text)
        c["_group"] = c["doc_id"].map(documents[["doc_id", by]].drop_duplicates("doc_id")
                                      .set_index("doc_id")[by])
    return c


def instrument_crosstab(
    codes: pd.DataFrame,
    units: pd.DataFrame,
    *,
    by: str = "doc_id",
    level: str = "instrument",
    documents: pd.DataFrame | None = None,
    rules: PathLike | InstrumentRules = "instruments.toml",
    wide: bool = False,
    value: str = "codes",
) -> pd.DataFrame:
    """Instrument (or type) × document (or era, or any metadata column) counts and shares.

    Parameters
    ----------
    codes : DataFrame
        :func:`code_instruments` output.
    units : DataFrame
        The clauses that were coded (their number is the clause-share denominator).
    by : str, keyword-only
        ``"doc_id"`` or a column of ``documents`` (``"era"``, ``"city"`` ...).
    level : {"instrument", "type"}, keyword-only
        Rows per instrument or per instrument type.
    wide : bool, keyword-only
        ``False`` (default): the tidy long table. ``True``: a crosstab of ``value`` with one
        row per instrument/type and one column per group, for display.
    value : {"codes", "code_share", "clause_share", "clauses"}, keyword-only
        What the wide table shows.

    Returns
    -------
    DataFrame
        Long: ``<by>, [doc_id,] type, type_zh, [instrument, instrument_en,] clauses, codes,
        n_clauses, clause_share, code_share``. ``clauses`` = clauses with the instrument (or
        with any instrument of the type), ``codes`` = instrument codes (a clause with two
        supply instruments gives 2 supply codes), ``clause_share = clauses / n_clauses`` and
        ``code_share`` = share of the group's codes. Grouped tables carry ``doc_id`` as the
        group's documents joined with ``;``.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["鼓励银行开展质押贷款。", "落实研发费用加计扣除政策。"],
    ...     "char_start": [0, 11], "char_end": [11, 24]})
    >>> from analysis.instruments import code_instruments
    >>> t = instrument_crosstab(code_instruments(units), units, level="type")
    >>> t.set_index("type")["clauses"].to_dict()
    {'supply': 0, 'environment': 2, 'demand': 0}
    """
    return _crosstab(codes, units, by=by, level=level, documents=documents, rules=rules,
                     wide=wide, value=value)


def _crosstab(codes: pd.DataFrame, units: pd.DataFrame, *, by: str, level: str,
              documents: pd.DataFrame | None, rules: PathLike | InstrumentRules,
              wide: bool = False, value: str = "codes", keep: Any = None,
              positions: tuple[np.ndarray, np.ndarray | None] | None = None
              ) -> pd.DataFrame:
    """:func:`instrument_crosstab`; ``keep`` as in :func:`_clause_frame`; ``positions``,
    when known, ``(clause_ids, pos)``: :func:`_code_positions` ``pos`` of ``codes`` among
    the countable clauses ``clause_ids`` (the same for every grouping), used only where
    the clauses counted here are those, in that order."""
    if level not in ("instrument", "type"):
        raise ValueError(f"level={level!r}: use 'instrument' or 'type'.")
    if value not in ("codes", "code_share", "clause_share", "clauses"):
        raise ValueError(f"value={value!r}: use codes, code_share, clause_share or clauses.")
    units = check_units(units)
    r = load_instruments(rules)
    clauses = _clause_frame(units, documents, by, keep)
    pos = None
    if positions is not None and np.array_equal(positions[0], clauses["clause_id"].to_numpy()):
        pos = positions[1]
    out = _counts_by_arrays(codes, clauses, r, level, pos)
    if out is None:
        out = _counts_by_records(codes, clauses, r, level)
    key_cols = ["type", "instrument"] if level == "instrument" else ["type"]
    tzh = {t.key: t.zh for t in r.types}
    out.insert(key_cols.index("type") + 2, "type_zh", out["type"].map(tzh))
    if level == "instrument":
        out.insert(out.columns.get_loc("instrument") + 1, "instrument_en",
                   out["instrument"].map({i.code: i.en for i in r.instruments}))
    out = out.astype({"clause_share": np.float64, "code_share": np.float64})
    if wide:
        label = "instrument" if level == "instrument" else "type_zh"
        order = list(dict.fromkeys(out[label]))
        tab = out.pivot(index=label, columns="_group", values=value).reindex(
            index=order, columns=list(dict.fromkeys(clauses["_group"])))
        tab.columns.name = by
        return tab
    if by == "doc_id":
        out = out.rename(columns={"_group": "doc_id"})
        return with_meta(out, documents)
    members = clauses.drop_duplicates("doc_id").groupby("_group", sort=False)["doc_id"].agg(
        ";".join)
    out.insert(0, "doc_id", out["_group"].map(members))
    return out.rename(columns={"_group": by})[[by, *[c for c in out.columns
                                                      if c != "_group"]]]


def _share(num: np.ndarray, den: np.ndarray) -> list[float]:
    """``round(num / den, 6)`` (0 where ``den`` is 0), as Python rounds it."""
    return [round(a / b, 6) if b else 0.0 for a, b in zip(num.tolist(), den.tolist(),
                                                           strict=True)]


def _code_positions(codes: pd.DataFrame, clauses: pd.DataFrame) -> np.ndarray | None:
    """The position in ``clauses`` of each row's clause of ``codes`` (-1 where it is not
    there); None where clause ids repeat in ``clauses``.

    Examples
    --------
    >>> clauses = pd.DataFrame({"clause_id": ["a:1", "a:2", "b:1"]})
    >>> _code_positions(pd.DataFrame({"clause_id": ["b:1", "a:3", "a:1"]}), clauses).tolist()
    [2, -1, 0]
    """
    if not clauses["clause_id"].is_unique:
        return None
    return pd.Index(clauses["clause_id"]).get_indexer(codes["clause_id"])


def _counts_by_arrays(codes: pd.DataFrame, clauses: pd.DataFrame, r: InstrumentRules,
                      level: str, positions: np.ndarray | None = None
                      ) -> pd.DataFrame | None:
    """The counts of :func:`_counts_by_records` from integer codes (one ``bincount`` per
    column); None where that needs the general path (a group without a value, clause
    ids that repeat). ``positions``: :func:`_code_positions` of ``codes`` in
    ``clauses``, when already known."""
    group = clauses["_group"]
    if group.isna().any():
        return None
    pos = _code_positions(codes, clauses) if positions is None else positions
    if pos is None:
        return None
    gcode, groups = pd.factorize(group)  # groups in order of first appearance
    rows_keys = ([(i.type, i.code) for i in r.instruments] if level == "instrument"
                 else [(t.key,) for t in r.types])
    n_g, n_k = len(groups), len(rows_keys)
    inside = pos >= 0
    pos = pos[inside]
    key = pd.Index([k[-1] for k in rows_keys]).get_indexer(
        codes[level].to_numpy()[inside])
    g = gcode[pos]
    total = np.bincount(g, minlength=n_g)
    known = key >= 0
    cell = g[known] * n_k + key[known]
    n_codes = np.bincount(cell, minlength=n_g * n_k)
    # each clause once per row key (np.unique by sorting: its hash table is slower)
    pair = np.sort(pos[known] * n_k + key[known])
    pair = pair[np.r_[True, pair[1:] != pair[:-1]]] if len(pair) else pair
    n_cl = np.bincount(gcode[pair // n_k] * n_k + pair % n_k, minlength=n_g * n_k)
    n_clauses = np.bincount(gcode, minlength=n_g)
    per_row = np.repeat(n_clauses, n_k)
    tot = np.repeat(total, n_k)
    out = pd.DataFrame({"_group": [x for x in groups.tolist() for _ in range(n_k)]})
    for j, col in enumerate(["type", "instrument"] if level == "instrument" else ["type"]):
        out[col] = [k[j] for k in rows_keys] * n_g
    out["clauses"] = n_cl.astype(np.int64)
    out["codes"] = n_codes.astype(np.int64)
    out["n_clauses"] = per_row.astype(np.int64)
    out["clause_share"] = _share(n_cl, per_row)
    out["code_share"] = _share(n_codes, tot)
    return out


def _counts_by_records(codes: pd.DataFrame, clauses: pd.DataFrame, r: InstrumentRules,
                       level: str) -> pd.DataFrame:
    """One record per group and row key (instrument or type): clauses, codes, the
    group's clauses and the two shares."""
    groups = list(dict.fromkeys(clauses["_group"]))
    n_clauses = clauses.groupby("_group", sort=False).size()
    c = codes.loc[codes["clause_id"].isin(set(clauses["clause_id"]))].copy()
    c["_group"] = c["clause_id"].map(clauses.set_index("clause_id")["_group"])
    if level == "instrument":
        rows_keys = [(i.type, i.code) for i in r.instruments]
        key_cols = ["type", "instrument"]
        n_codes = c.groupby(["_group", "instrument"]).size()
        n_cl = c.drop_duplicates(["clause_id", "instrument"]).groupby(
            ["_group", "instrument"]).size()
    else:
        rows_keys = [(t.key,) for t in r.types]
        key_cols = ["type"]
        n_codes = c.groupby(["_group", "type"]).size()
        n_cl = c.drop_duplicates(["clause_id", "type"]).groupby(["_group", "type"]).size()
    total_codes = c.groupby("_group").size()
    # plain dicts: the same lookups as Series.get (absent keys, NaN groups -> 0), but cheap
    n_cl, n_codes = n_cl.to_dict(), n_codes.to_dict()
    n_clauses, total_codes = n_clauses.to_dict(), total_codes.to_dict()
    recs = []
    for g in groups:
        for key in rows_keys:
            k = key[-1]
            rec = {"_group": g, **dict(zip(key_cols, key, strict=True))}
            rec["clauses"] = int(n_cl.get((g, k), 0))
            rec["codes"] = int(n_codes.get((g, k), 0))
            rec["n_clauses"] = int(n_clauses.get(g, 0))
            tot = int(total_codes.get(g, 0))
            rec["clause_share"] = round(rec["clauses"] / rec["n_clauses"], 6) \
                if rec["n_clauses"] else 0.0
            rec["code_share"] = round(rec["codes"] / tot, 6) if tot else 0.0
            recs.append(rec)
    return pd.DataFrame(recs)


def instrument_counts(codes: pd.DataFrame, units: pd.DataFrame, *,
                      documents: pd.DataFrame | None = None,
                      rules: PathLike | InstrumentRules = "instruments.toml") -> pd.DataFrame:
    """Instrument × document counts and shares (the long :func:`instrument_crosstab`).

    Examples
    --------
    >>> codes = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "instrument": "金融支持",
    ...                       "type": "environment"})
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["鼓励银行贷款。", "加强领导。"], "char_start": [0, 7], "char_end": [7, 12]})
    >>> c = instrument_counts(codes, units).set_index("instrument")
    >>> c.loc["金融支持", "clauses"], c.loc["金融支持", "clause_share"]
    (np.int64(1), np.float64(0.5))
    """
    return instrument_crosstab(codes, units, by="doc_id", level="instrument",
                               documents=documents, rules=rules)


def instrument_cell(
    counts: pd.DataFrame,
    *,
    instrument: str,
    doc_id: str | None = None,
    value: str = "clause_share",
    rules: PathLike | InstrumentRules = "instruments.toml",
) -> pd.DataFrame:
    """One cell of the instrument × document table: the row to check against the text.

    Parameters
    ----------
    counts : DataFrame
        :func:`instrument_counts` output (the build's ``instrument_counts``).
    instrument : str, keyword-only
        A code (``"金融支持"``) or English name (``"Financial support"``).
    doc_id : str, keyword-only
        The document; ``None`` picks the document where ``value`` is highest (ties: the
        first in table order), i.e. where the instrument weighs most.
    value : str, keyword-only
        The column that decides "highest" (``clause_share``, ``clauses``, ``code_share``).

    Returns
    -------
    DataFrame
        The single row of ``counts`` for that cell (pass its ``doc_id`` and
        ``instrument`` to :func:`analysis.count_evidence` to see the clauses behind it).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "instrument": "金融支持",
    ...                        "clauses": [1, 3], "clause_share": [0.1, 0.3]})
    >>> instrument_cell(counts, instrument="Financial support")["doc_id"].item()
    'b'
    """
    if value not in counts.columns or not {"doc_id", "instrument"} <= set(counts.columns):
        raise ValueError(f"counts: needs doc_id, instrument and {value}; pass the build's "
                         "instrument_counts table.")
    code = load_instruments(rules).resolve(instrument)
    rows = counts.loc[counts["instrument"] == code]
    if doc_id is not None:
        rows = rows.loc[rows["doc_id"] == doc_id]
        if rows.empty:
            raise ValueError(f"doc_id {doc_id!r} is not in the counts table; documents: "
                             f"{', '.join(dict.fromkeys(counts['doc_id']))}.")
        return rows.reset_index(drop=True)
    if rows.empty:
        raise ValueError(f"instrument {code!r} has no row in the counts table.")
    best = rows[value].astype(float).to_numpy().argmax()
    return rows.iloc[[int(best)]].reset_index(drop=True)


def instrument_type_counts(codes: pd.DataFrame, units: pd.DataFrame, *,
                           documents: pd.DataFrame | None = None,
                           rules: PathLike | InstrumentRules = "instruments.toml"
                           ) -> pd.DataFrame:
    """Instrument type × document counts and shares.

    Examples
    --------
    >>> codes = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:1"],
    ...                       "instrument": ["金融支持", "税收优惠"], "type": "environment"})
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "text": ["贷款和税收优惠。"],
    ...                       "char_start": [0], "char_end": [8]})
    >>> t = instrument_type_counts(codes, units).set_index("type")
    >>> t.loc["environment", ["clauses", "codes"]].tolist()
    [1, 2]
    """
    return instrument_crosstab(codes, units, by="doc_id", level="type", documents=documents,
                               rules=rules)

