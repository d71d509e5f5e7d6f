"""Coding: every clause gets zero or more policy instruments, with the evidence terms.

An instrument codes a clause when one of its terms (or patterns, or token terms) matches,
or when one of its co-occurrence rules holds; the term sets of all instruments and rule
groups are matched together by the dictionary engine (:mod:`analysis.lexicon`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.instruments.combine import evidence
from analysis.instruments.rules import InstrumentRules, PathLike, load_instruments
from analysis.lexicon import TermSet, check_units, mask_patterns, unit_matches

if TYPE_CHECKING:
    from analysis.text import Tokenizer

__all__ = ["code_instruments", "instrument_hits"]


def instrument_hits(
    units: pd.DataFrame,
    *,
    rules: PathLike | InstrumentRules = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    threads: int = 1,
) -> pd.DataFrame:
    """The evidence behind every instrument code: one row per matched term.

    Columns ``doc_id, clause_id, instrument, type, term, start, end, via`` (``start/end``
    are document offsets; ``via`` is ``term`` or the co-occurrence ``rule N``), in clause
    order, then rule-file order, then position. ``threads``: threads for the engine's
    literal passes (the same rows whatever their number).

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
    if r.subordinate:
        # purpose, background and result phrases are masked before matching (same length)
        # (what r.mask_subordinate does to each text, for all texts at once)
        texts = mask_patterns(texts, r.subordinate, threads=threads)
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

    def coded(rows: pd.DataFrame, texts: list[str]) -> tuple:
        # the masked texts stand for the units' texts (segmented too where tokens lack them)
        found = unit_matches(rows, distinct, tokens=tokens, tokenizer=tokenizer, texts=texts,
                             threads=threads)
        return evidence(texts, r, found, term_idx, rule_idx)

    if not r.secondary:
        (u, s, e, term), j, via = coded(units, texts)
    else:
        (u, s, e, term), j, via = _with_secondary(units, texts, r, coded, threads=threads)
    del texts  # the evidence holds what the table needs
    a = units["char_start"].astype(int).to_numpy().astype(np.int64)[u]
    codes = pd.Series([ins.code for ins in r.instruments])
    types = pd.Series([ins.type for ins in r.instruments])
    out = pd.DataFrame({
        "doc_id": _taken(units["doc_id"], u),
        "clause_id": _taken(units["clause_id"], u),
        "instrument": _taken(codes, j),
        "type": _taken(types, j),
        "term": term.tolist(),
        "start": a + s,
        "end": a + e,
        "via": via.tolist(),
    })
    return out.astype({"start": "int64", "end": "int64"})


def _with_secondary(units: pd.DataFrame, texts: list[str], r: InstrumentRules,
                    coded: Callable[[pd.DataFrame, list[str]], tuple], *,
                    threads: int = 1) -> tuple:
    """The evidence with the ``[rules] secondary`` phrases masked too, except in the
    clauses where they mask every code: those are coded from ``texts`` as they are.
    Sorted as :func:`~analysis.instruments.combine.evidence` sorts (clause first)."""
    full = mask_patterns(texts, r.secondary, threads=threads)
    (u, s, e, term), j, via = coded(units, full)
    kept = np.zeros(len(texts), dtype=bool)
    kept[u] = True
    # the clauses the secondary phrases changed that keep no code: coded unmasked
    back = np.array([i for i in np.flatnonzero(~kept).tolist() if texts[i] != full[i]],
                    dtype=np.int64)
    if not len(back):
        return (u, s, e, term), j, via
    (u2, s2, e2, term2), j2, via2 = coded(units.iloc[back].reset_index(drop=True),
                                         [texts[i] for i in back])
    u = np.concatenate((u, back[u2]))
    order = np.argsort(u, kind="stable")
    parts = [np.concatenate(p)[order] for p in ((s, s2), (e, e2), (term, term2), (j, j2),
                                                  (via, via2))]
    return (u[order], *parts[:3]), parts[3], parts[4]


def _taken(values: pd.Series, rows: np.ndarray) -> pd.Series | list:
    """``values`` at ``rows`` as a new column: the Arrow strings taken in Arrow when
    ``values`` is a column of strings (``str``), else the Python objects (the column
    pandas infers from them: the same strings and dtype)."""
    dtype = values.dtype
    if (len(rows) and isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
            and isinstance(dtype.na_value, float)):
        arr = pa.array(values.array)
        if pa.types.is_large_string(arr.type):
            return arr.take(pa.array(rows)).to_pandas()
    return values.to_numpy(dtype=object)[rows].tolist()


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
    out = _grouped_terms(hits, units, r)
    if out is None:
        out = _grouped_terms_by_frame(hits, units, r)
    en = {i.code: i.en for i in r.instruments}
    typ = {i.code: i.type for i in r.instruments}
    tzh = {t.key: t.zh for t in r.types}
    out["instrument_en"] = out["instrument"].map(en)
    out["type"] = out["instrument"].map(typ)
    out["type_zh"] = out["type"].map(tzh)
    return out[cols]


def _grouped_terms_by_frame(hits: pd.DataFrame, units: pd.DataFrame,
                            r: InstrumentRules) -> pd.DataFrame:
    """``doc_id, clause_id, instrument, terms`` of each clause and instrument with hits
    (each term once, in the order of its first hit), sorted by clause (its position in
    ``units``), then rule-file order; with pandas groupbys (any hits table)."""
    keys = ["doc_id", "clause_id", "instrument"]
    g = hits.sort_values("start", kind="stable").groupby(keys, sort=False)
    out = g["term"].agg(lambda s: "、".join(dict.fromkeys(s))).rename("terms").reset_index()
    pos = {c: i for i, c in enumerate(units["clause_id"])}
    order = {c: i for i, c in enumerate(r.codes)}
    out = out.assign(_c=out["clause_id"].map(pos), _i=out["instrument"].map(order))
    return out.sort_values(["_c", "_i"]).drop(columns=["_c", "_i"]).reset_index(drop=True)


def _first_of_runs(key: np.ndarray) -> np.ndarray:
    """Where each run of equal values of ``key`` starts."""
    return np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else key[:0]


def _grouped_terms(hits: pd.DataFrame, units: pd.DataFrame,
                   r: InstrumentRules) -> pd.DataFrame | None:
    """What :func:`_grouped_terms_by_frame` gives, from integer codes of the columns (no
    string operation per hit); None where that needs the general path (missing values,
    clause ids that repeat in ``units`` or are not in it, instruments not in the rules)."""
    keys = ["doc_id", "clause_id", "instrument"]
    if hits[[*keys, "term", "start"]].isna().to_numpy().any():
        return None
    unit_ids, codes = pd.Index(units["clause_id"]), pd.Index(list(r.codes))
    if not (unit_ids.is_unique and codes.is_unique):
        return None
    # each column's distinct values looked up once, not once per hit
    cl, cl_ids = pd.factorize(hits["clause_id"])
    ins, ins_ids = pd.factorize(hits["instrument"])
    clause, inst = unit_ids.get_indexer(cl_ids)[cl], codes.get_indexer(ins_ids)[ins]
    if (clause < 0).any() or (inst < 0).any():
        return None
    doc, docs = pd.factorize(hits["doc_id"])
    term, terms = pd.factorize(hits["term"])
    # a group is (clause position, instrument order, document): its rank is the output
    # order (a clause belongs to one document, so the document only splits a clause id
    # that two documents' hits share)
    group = (clause.astype(np.int64) * len(r.codes) + inst) * max(len(docs), 1) + doc
    # hits by group, then start (ties in table order): each term's first hit is the first
    # row of its (group, term) run
    by = np.lexsort((hits["start"].to_numpy(dtype=np.int64), group))
    group, term = group[by], term[by]
    pair = np.lexsort((np.arange(len(by)), term, group))
    g, t = group[pair], term[pair]
    first = np.flatnonzero(np.r_[True, (g[1:] != g[:-1]) | (t[1:] != t[:-1])])
    kept = np.sort(pair[first])
    group, term, row = group[kept], term[kept], by[kept]
    starts = _first_of_runs(group)
    ends = [*starts[1:].tolist(), len(group)]
    names = np.asarray(terms, dtype=object)[term].tolist()
    row = row[starts]
    out = pd.DataFrame({k: np.asarray(u, dtype=object)[c[row]].tolist()
                        for k, c, u in zip(keys, [doc, cl, ins], [docs, cl_ids, ins_ids],
                                           strict=True)})
    out["terms"] = ["、".join(names[a:b]) for a, b in zip(starts.tolist(), ends, strict=True)]
    return out
