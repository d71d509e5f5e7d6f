"""How far two annotators agree on the same gold items, and the extractor with each reading.

A score against one annotator's gold is only as good as that gold. A second annotator
reads a sample of the same numbers (the same ``doc_key, anchor, number``) under the same
written conventions without seeing the first reading or the extractor's output, into
``targets_second_gold.csv`` in the gold folder (columns of ``targets_gold.csv``; ``kind``
may also be ``none``: the second reader would not record the number at all).

:func:`annotator_agreement` compares the two readings field by field, with the fields of
``policy-lens evaluate``'s ``all_fields`` (kind, indicator, value, unit, target year):
equal kinds, values and target years, units equal in the unit table, and indicators where
one reading's ``indicator_contains`` occurs in the other's (both are short core nouns, so
"企业" and "高新技术企业" agree). Cohen's kappa is given for the kind.
:func:`evaluate_agreement` adds the extractor scored against each reading on the numbers
both read: the gap between the two is how much of the extractor's score is the first
annotator's choices rather than the text.

Instrument codes work the same way: ``instrument_codes_second_gold.csv`` holds a second
coder's ``researcher_codes`` for held-out clauses (``doc_key, clause_no``), coded with the
coding guide without seeing the first codes; :func:`evaluate_agreement` gives the two
coders' pooled kappa and coverage, and the automatic coder's pooled kappa against each.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import CorpusError
from analysis.evaluation.documents import EvalCorpus
from analysis.evaluation.instruments import _kappa, code_gold_clauses, multilabel_scores
from analysis.evaluation.metrics import RESULT_COLUMNS, accuracy_rows
from analysis.evaluation.targets import (
    TARGET_FIELDS,
    _blank,
    _close,
    _predictions,
    match_targets,
)
from analysis.evaluation.targets import _norm as _flat
from analysis.instruments import load_instruments, parse_codes
from analysis.targets import KINDS
from analysis.targets.units import load_units

__all__ = ["SECOND_CODES", "SECOND_GOLD", "annotator_agreement", "evaluate_agreement",
           "pair_readings"]

#: the second annotator's file of target numbers in the gold folder
SECOND_GOLD = "targets_second_gold.csv"
#: the second coder's file of instrument codes in the gold folder
SECOND_CODES = "instrument_codes_second_gold.csv"

_KEY = ["doc_key", "anchor", "number"]


def _norm(s: object) -> str:
    return "" if _blank(s) else _flat(str(s))


def pair_readings(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """The numbers both annotators read, side by side (suffixes ``_1`` and ``_2``).

    Rows are paired on ``doc_key, anchor, number`` and, where one anchor holds the same
    number twice, on the order of the rows.

    Raises
    ------
    ValueError
        If a column of the key is missing, or a second-reading row has no first reading.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_key": ["d", "d"], "anchor": ["年增长5%，", "奖励10万元"],
    ...                   "number": ["5", "10"], "kind": ["target", "support"]})
    >>> b = a.iloc[[1]].assign(kind="support")
    >>> pair_readings(a, b)[["number", "kind_1", "kind_2"]].to_string(index=False)
    'number  kind_1  kind_2\\n    10 support support'
    """
    for name, frame in (("first", first), ("second", second)):
        missing = [c for c in _KEY if c not in frame.columns]
        if missing:
            raise ValueError(f"the {name} reading has no column(s) {missing}")
    f = first.assign(_n=first.groupby(_KEY, sort=False).cumcount())
    s = second.assign(_n=second.groupby(_KEY, sort=False).cumcount())
    m = s.merge(f, on=[*_KEY, "_n"], how="left", suffixes=("_2", "_1"), indicator=True)
    lost = m[m["_merge"] == "left_only"]
    if len(lost):
        r = lost.iloc[0]
        raise ValueError(f"second reading row {int(lost.index[0]) + 2} ({r['doc_key']}, "
                         f"{r['anchor']!r}, {r['number']!r}) has no first reading; "
                         "copy doc_key, anchor and number from the first file")
    return m.drop(columns=["_merge", "_n"]).reset_index(drop=True)


def _field_agreement(r: pd.Series, unit_of: dict[str, str]) -> dict[str, bool]:
    if not _blank(r.get("value_1")) or not _blank(r.get("value_2")):
        value = _close(r.get("value_2"), r.get("value_1"))
    else:
        value = (_close(r.get("value_low_2"), r.get("value_low_1"))
                 and _close(r.get("value_high_2"), r.get("value_high_1")))
    u1, u2 = _norm(r.get("unit_1")), _norm(r.get("unit_2"))
    i1, i2 = _norm(r.get("indicator_contains_1")), _norm(r.get("indicator_contains_2"))
    y1, y2 = (None if _blank(r.get(c)) else int(float(r[c]))
              for c in ("target_year_1", "target_year_2"))
    hits = {"kind": r["kind_1"] == r["kind_2"],
            "indicator": bool(i1) and bool(i2) and (i1 in i2 or i2 in i1),
            "value": value,
            "unit": unit_of.get(u1, u1) == unit_of.get(u2, u2),
            "target_year": y1 == y2}
    if "none" in (r["kind_1"], r["kind_2"]):
        hits = dict.fromkeys(hits, False)
    return hits


def _kind_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two label lists (the labels coded as integers for scikit-learn)."""
    codes = {k: i for i, k in enumerate(sorted(set(a) | set(b)))}
    return _kappa(np.array([codes[k] for k in a], dtype=int),
                  np.array([codes[k] for k in b], dtype=int))


def annotator_agreement(first: pd.DataFrame, second: pd.DataFrame, *,
                        part: str = "heldout",
                        unit_of: dict[str, str] | None = None) -> pd.DataFrame:
    """Field-by-field agreement of two readings of the same target numbers.

    Parameters
    ----------
    first, second : DataFrame
        Gold rows (``doc_key, anchor, number, kind, value, value_low, value_high, unit,
        target_year, indicator_contains``); every ``second`` row must have a ``first`` row.
    part : str, keyword-only
        The part the rows belong to, for the result's ``part`` column.
    unit_of : dict, optional, keyword-only
        Unit spelling → canonical unit (the unit table's aliases by default).

    Returns
    -------
    DataFrame
        :data:`~analysis.evaluation.metrics.RESULT_COLUMNS` with ``task`` "annotators":
        ``agreement`` of each field and of all five, overall and per first-reading kind
        (``indicator (support)``), ``recorded`` (both would record the number) and the
        kind's Cohen ``kappa``; ``n`` is the number of numbers both read.

    Examples
    --------
    >>> cols = dict(doc_key="d", value="", value_low="", value_high="", target_year="")
    >>> a = pd.DataFrame([dict(cols, anchor="给予企业最高50万元奖励", number="50",
    ...     kind="support", value="50", unit="万元", indicator_contains="企业")])
    >>> b = a.assign(indicator_contains="高新技术企业")
    >>> r = annotator_agreement(a, b).set_index(["item", "metric"])["value"]
    >>> float(r["all_fields", "agreement"]), float(r["indicator (support)", "agreement"])
    (1.0, 1.0)
    """
    return _agreement_rows(pair_readings(first, second), part=part, unit_of=unit_of)


def _agreement_rows(pairs: pd.DataFrame, *, part: str,
                    unit_of: dict[str, str] | None) -> pd.DataFrame:
    unit_of = load_units().aliases() if unit_of is None else unit_of
    hits = [_field_agreement(r, unit_of) for _, r in pairs.iterrows()]
    table = pd.DataFrame(hits, columns=list(TARGET_FIELDS), dtype=bool)
    table["all_fields"] = table.all(axis=1)
    kinds = pairs["kind_1"].astype(str).to_numpy()
    by = {f: table[f].tolist() for f in (*TARGET_FIELDS, "all_fields")}
    by |= {f"{f} ({k})": table.loc[kinds == k, f].tolist()
           for k in KINDS if (kinds == k).any() for f in (*TARGET_FIELDS, "all_fields")}
    rows = accuracy_rows("annotators", part, by, unit="number read twice", metric="agreement")
    recorded = [(a != "none") and (b != "none")
                for a, b in zip(pairs["kind_1"], pairs["kind_2"], strict=True)]
    rows += accuracy_rows("annotators", part, {"recorded": recorded},
                          unit="number read twice", metric="agreement")
    rows.append({"task": "annotators", "item": "kind", "metric": "kappa", "part": part,
                 "value": _kind_kappa(pairs["kind_1"].astype(str).tolist(),
                                 pairs["kind_2"].astype(str).tolist()),
                 "n": len(pairs), "unit": "number read twice"})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def _as_gold(pairs: pd.DataFrame, suffix: str) -> pd.DataFrame:
    cols = ["kind", "value", "value_low", "value_high", "unit", "target_year",
            "indicator_contains"]
    out = pairs[["doc_id", "part", "anchor", "number"]].copy()
    for c in cols:
        out[c] = pairs[f"{c}{suffix}"] if f"{c}{suffix}" in pairs.columns else ""
    return out


def evaluate_agreement(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """The two annotators' agreement, and the extractor against each on the items both read.

    Target numbers are compared when the gold folder has :data:`SECOND_GOLD`, instrument
    codes when it has :data:`SECOND_CODES`; with neither, the table is empty.

    Returns
    -------
    DataFrame
        :func:`annotator_agreement`'s rows, then ``task`` "annotators" rows
        ``extractor vs first: all_fields (support)`` … and ``extractor vs second: …``
        (accuracy over the numbers both read that the extractor found, per first-reading
        kind), so the two columns differ only in the gold, and ``extractor vs either: …``
        (a field counts as right when it agrees with either reading); and ``task`` "annotators"
        rows of instrument codes: item ``instruments: coders`` (the two coders'
        ``kappa_pooled``), ``instruments: first`` and ``instruments: second``
        (each coder's ``coverage``), ``instruments: auto vs first`` and ``instruments: auto
        vs second`` (the automatic coder's ``kappa_pooled`` and ``coverage``).
    """
    frames = [_target_rows(ev, Path(gold_dir)), _instrument_rows(ev, Path(gold_dir))]
    return pd.concat([f for f in frames if len(f)] or frames[:1],
                     ignore_index=True)[RESULT_COLUMNS]


def _target_rows(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    path = gold_dir / SECOND_GOLD
    if not path.is_file():
        return pd.DataFrame(columns=RESULT_COLUMNS)
    first = pd.read_csv(Path(gold_dir) / "targets_gold.csv", dtype=str, keep_default_na=False)
    second = pd.read_csv(path, dtype=str, keep_default_na=False)
    parts = ev.keys.set_index("doc_key")["part"]
    frames = []
    pairs = pair_readings(first, second)
    pairs.insert(0, "doc_id", [ev.doc_id(k) for k in pairs["doc_key"]])
    pairs.insert(1, "part", pairs["doc_key"].map(parts))
    for part, sub in pairs.groupby("part", sort=True):
        sub = sub.reset_index(drop=True)
        frames.append(_agreement_rows(sub, part=str(part), unit_of=None))
        pred, texts = _predictions(ev, sorted(set(sub["doc_id"])))
        both = sub[(sub["kind_1"] != "none") & (sub["kind_2"] != "none")]
        kinds = both["kind_1"].astype(str).to_numpy()
        rows: list[dict[str, object]] = []
        tables = {}
        for name, suffix in (("first", "_1"), ("second", "_2")):
            m = match_targets(pred, _as_gold(both, suffix), texts)
            tables[name] = m[m["side"] == "gold"].reset_index(drop=True)
        # a field right against either reading: what the extractor gets wrong whichever
        # of the two readings the conventions are taken to mean
        either = tables["first"][list(TARGET_FIELDS)] | tables["second"][list(TARGET_FIELDS)]
        either["all_fields"] = either.all(axis=1)
        tables["either"] = either.assign(pred_index=tables["first"]["pred_index"])
        for name, m in tables.items():
            found = (m["pred_index"] >= 0).to_numpy()
            hits = {f"extractor vs {name}: {f}": m.loc[found, f].astype(bool).tolist()
                    for f in ("indicator", "all_fields")}
            hits |= {f"extractor vs {name}: {f} ({k})":
                     m.loc[found & (kinds == k), f].astype(bool).tolist()
                     for k in KINDS if (kinds == k).any() for f in ("indicator", "all_fields")}
            rows += accuracy_rows("annotators", str(part), hits, unit="number read twice")
        frames.append(pd.DataFrame(rows, columns=RESULT_COLUMNS))
    return pd.concat(frames, ignore_index=True)[RESULT_COLUMNS]


def _instrument_rows(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    path = gold_dir / SECOND_CODES
    if not path.is_file():
        return pd.DataFrame(columns=RESULT_COLUMNS)
    first = pd.read_csv(gold_dir / "instrument_codes_gold.csv", dtype=str,
                        keep_default_na=False)
    second = pd.read_csv(path, dtype=str, keep_default_na=False)
    key = ["doc_key", "clause_no"]
    both = first.merge(second[[*key, "researcher_codes"]], on=key, how="inner",
                       suffixes=("", "_2"), validate="one_to_one")
    if len(both) < len(second):
        raise CorpusError(f"{path}: {len(second) - len(both)} row(s) name a clause "
                          "(doc_key, clause_no) that the first coder did not code")
    rules = load_instruments()
    coded = code_gold_clauses(both.drop(columns=["researcher_codes_2"]), ev)
    seconds = []
    for i, cell in enumerate(both["researcher_codes_2"]):
        codes = parse_codes(cell, rules=rules)
        if codes is None:
            raise CorpusError(f"{path}: row of {both['doc_key'].iloc[i]} clause "
                              f"{both['clause_no'].iloc[i]} has no codes; write codes or 无.")
        seconds.append(frozenset(codes))
    parts = ev.keys.set_index("doc_key")["part"]
    rows: list[dict[str, object]] = []
    for part in sorted(set(both["doc_key"].map(parts))):
        at = (both["doc_key"].map(parts) == part).to_numpy()
        hand1 = [x for x, keep in zip(coded["hand_instruments"], at, strict=True) if keep]
        auto = [x for x, keep in zip(coded["auto_instruments"], at, strict=True) if keep]
        hand2 = [x for x, keep in zip(seconds, at, strict=True) if keep]
        pairs = {"instruments: coders": (hand1, hand2),
                 "instruments: auto vs first": (hand1, auto),
                 "instruments: auto vs second": (hand2, auto)}
        for item, (ref, other) in pairs.items():
            sc = multilabel_scores(ref, other, rules.codes)
            rows.append({"task": "annotators", "item": item, "metric": "kappa_pooled",
                         "part": part, "value": sc["kappa_pooled"], "n": len(ref),
                         "unit": "clause"})
            if item != "instruments: coders":
                rows.append({"task": "annotators", "item": item, "metric": "coverage",
                             "part": part, "value": sc["coverage"], "n": len(ref),
                             "unit": "clause"})
        for item, codes in (("instruments: first", hand1), ("instruments: second", hand2)):
            rows.append({"task": "annotators", "item": item, "metric": "coverage",
                         "part": part, "value": float(np.mean([bool(c) for c in codes])),
                         "n": len(codes), "unit": "clause"})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
