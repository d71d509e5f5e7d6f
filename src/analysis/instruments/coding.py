"""Coding: every clause gets zero or more policy instruments, with the evidence terms.

An instrument codes a clause when one of its terms (or patterns, or token terms) matches,
or when one of its co-occurrence rules holds; the term sets of all instruments and rule
groups are matched together by the dictionary engine (:mod:`analysis.lexicon`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.instruments.combine import evidence
from analysis.instruments.rules import InstrumentRules, PathLike, load_instruments
from analysis.lexicon import TermSet, check_units, unit_matches

if TYPE_CHECKING:
    from analysis.text import Tokenizer

__all__ = ["code_instruments", "instrument_hits"]


def instrument_hits(
    units: pd.DataFrame,
    *,
    rules: PathLike | InstrumentRules = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    """The evidence behind every instrument code: one row per matched term.

    Columns ``doc_id, clause_id, instrument, type, term, start, end, via`` (``start/end``
    are document offsets; ``via`` is ``term`` or the co-occurrence ``rule N``), in clause
    order, then rule-file order, then position.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "char_start": [0],
    ...     "text": ["培养和引进一批创新人才。"], "char_end": [12]})
    >>> instrument_hits(units)[["instrument", "term", "via"]].values.tolist()
    [['教育培训', '培养', 'rule 1'], ['教育培训', '引进', 'rule 1'], ['教育培训', '人才', 'rule 1']]
    """
    units = check_units(units)
    r = load_instruments(rules)
    texts = units["text"].astype(str).tolist()
    # every distinct term set (an instrument's terms, each rule group) is matched once, all
    # of them in one pass of the engine; the rules are combined for all clauses at once
    index: dict[tuple, int] = {}
    distinct: list[TermSet] = []

    def index_of(ts: TermSet) -> int:
        key = (ts.terms, ts.tokens, ts.exclude, ts.patterns)
        if key not in index:
            index[key] = len(distinct)
            distinct.append(ts)
        return index[key]

    term_idx = [index_of(ins.match) for ins in r.instruments]
    rule_idx = [[[index_of(g) for g in rule.groups] for rule in ins.rules]
                for ins in r.instruments]
    found = unit_matches(units, distinct, tokens=tokens, tokenizer=tokenizer)
    (u, s, e, term), j, via = evidence(texts, r, found, term_idx, rule_idx)
    a = units["char_start"].astype(int).to_numpy().astype(np.int64)[u]
    codes = np.array([ins.code for ins in r.instruments], dtype=object)
    types = np.array([ins.type for ins in r.instruments], dtype=object)
    out = pd.DataFrame({
        "doc_id": units["doc_id"].to_numpy(dtype=object)[u].tolist(),
        "clause_id": units["clause_id"].to_numpy(dtype=object)[u].tolist(),
        "instrument": codes[j].tolist(),
        "type": types[j].tolist(),
        "term": term.tolist(),
        "start": a + s,
        "end": a + e,
        "via": via.tolist(),
    })
    return out.astype({"start": "int64", "end": "int64"})


def code_instruments(
    units: pd.DataFrame,
    *,
    rules: PathLike | InstrumentRules = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    hits: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Code every clause with zero or more policy instruments.

    Returns
    -------
    DataFrame
        One row per clause × instrument it uses: ``doc_id, clause_id, instrument,
        instrument_en, type, type_zh, terms`` (the evidence terms joined with ``、``), in
        clause order, then rule-file order. Clauses without instruments have no row.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "char_start": [0],
    ...     "text": ["鼓励商业银行开展知识产权质押贷款。"], "char_end": [17]})
    >>> code_instruments(units)[["instrument", "terms"]].values.tolist()
    [['金融支持', '银行、质押、贷款']]
    """
    units = check_units(units)
    r = load_instruments(rules)
    if hits is None:
        hits = instrument_hits(units, rules=r, tokens=tokens, tokenizer=tokenizer)
    cols = ["doc_id", "clause_id", "instrument", "instrument_en", "type", "type_zh", "terms"]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    keys = ["doc_id", "clause_id", "instrument"]
    if hits[[*keys, "term", "start"]].isna().to_numpy().any():
        g = hits.sort_values("start", kind="stable").groupby(keys, sort=False)
        out = g["term"].agg(lambda s: "、".join(dict.fromkeys(s))).rename("terms").reset_index()
    else:  # the same groups, in the same order, without a Python call per group
        order = np.argsort(hits["start"].to_numpy(), kind="stable")
        # each term once per group (its first hit), groups numbered as they first appear
        d = hits[[*keys, "term"]].iloc[order].drop_duplicates()
        gid = d.groupby(keys, sort=False).ngroup().to_numpy()
        by = np.argsort(gid, kind="stable")
        gid, terms = gid[by], d["term"].to_numpy()[by].tolist()
        first = np.flatnonzero(np.r_[True, gid[1:] != gid[:-1]])
        ends = [*first[1:].tolist(), len(gid)]
        out = pd.DataFrame({k: d[k].to_numpy()[by][first].tolist() for k in keys})
        out["terms"] = ["、".join(terms[a:b]) for a, b in zip(first.tolist(), ends,
                                                              strict=True)]
    pos = {c: i for i, c in enumerate(units["clause_id"])}
    order = {c: i for i, c in enumerate(r.codes)}
    out = out.assign(_c=out["clause_id"].map(pos), _i=out["instrument"].map(order))
    out = out.sort_values(["_c", "_i"]).drop(columns=["_c", "_i"]).reset_index(drop=True)
    en = {i.code: i.en for i in r.instruments}
    typ = {i.code: i.type for i in r.instruments}
    tzh = {t.key: t.zh for t in r.types}
    out["instrument_en"] = out["instrument"].map(en)
    out["type"] = out["instrument"].map(typ)
    out["type_zh"] = out["type"].map(tzh)
    return out[cols]

