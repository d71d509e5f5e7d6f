"""Score the targets table (:func:`analysis.extract_targets`) against hand-read gold numbers.

Gold: ``targets_gold.csv`` (held-out documents) and ``targets_dev_gold.csv`` (development
documents) in the gold folder, one row per number with ``doc_key``, ``anchor`` (8–25
characters of the document that hold the number), ``number`` (as written) and the fields
``kind, value, value_low, value_high, unit, target_year, indicator_contains``.

How a gold number is matched to a predicted row:

1. The anchor is looked up in the document's text with white space ignored on both sides
   and both sides in Unicode NFKC (full-width digits made half-width), so a number that a
   hard line break or a space splits is still found. The number's span is where ``number``
   first occurs inside the anchor as a whole number (not inside a longer one: the ``5`` of
   "500亿元的企业5家" is the second ``5``).
2. A predicted row of the same document matches when its ``char_start … char_end`` overlaps
   that span. Each gold number takes at most one row (the one starting nearest to it) and
   each row at most one gold number.

A long document may be read in part: its gold rows then carry ``read_from`` and
``read_to``, the first and last words of the part read (looked up as anchors are, ``read_to``
from ``read_from`` on), and only its predicted rows that start inside a part read count.

What counts as a prediction: every row of the targets table whose ``kind`` is one of
:data:`analysis.targets.KINDS` (target, achievement, support). Numbers that are none of
these (conditions, procedural limits, example figures, vague quantities, names with
numbers: :mod:`analysis.targets.not_targets`) never reach the table, so they are neither
predictions nor matches; the gold leaves them out by the same conventions
(``eval/gold/README.md``, "Not recorded").

Scores, per part (development, held-out), over the documents that have gold rows:

- ``numbers``: precision = matched rows / predicted rows, recall = matched gold numbers /
  gold numbers;
- ``all_fields``: the same, but a match counts only when all five fields are right:
  ``kind``; ``indicator`` (the gold ``indicator_contains`` occurs in the predicted
  indicator, white space ignored); ``value`` (the value, or for a range both ends, equal
  within 1e-6 relative); ``unit`` (the same unit of the unit table,
  ``resources/units.csv``, so 个百分点 = 百分点); ``target_year`` (equal, or both empty);
- per field, the share of matched numbers that have it right (``accuracy``), and the same
  per kind of the gold number (``indicator (support)``; ``all_fields (support)`` is the
  share of the matched support amounts with all five fields right).
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import pandas as pd

from analysis.evaluation.documents import EvalCorpus
from analysis.evaluation.gold import read_gold
from analysis.evaluation.metrics import RESULT_COLUMNS, accuracy_rows, prf_rows
from analysis.targets import KINDS, extract_targets
from analysis.targets.units import load_units

__all__ = ["TARGET_FIELDS", "evaluate_targets", "locate_number", "match_targets",
           "read_parts", "score_matches", "target_misses"]

#: the fields checked for ``all_fields``
TARGET_FIELDS: tuple[str, ...] = ("kind", "indicator", "value", "unit", "target_year")


def _norm_chars(text: str) -> tuple[str, list[int]]:
    """``text`` in NFKC without white space, and the offset in ``text`` of each character."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        for c in n:
            if not c.isspace():
                out.append(c)
                where.append(i)
    return "".join(out), where


def _norm(s: str) -> str:
    return _norm_chars(s)[0]


def locate_number(text: str, anchor: str, number: str) -> tuple[int, int] | None:
    """The span of ``number`` inside the first occurrence of ``anchor`` in ``text``, white
    space and character width ignored; None when the anchor is not in the text.

    Examples
    --------
    >>> text = "全省建成国家二级服务节点\\n10 个左右。"
    >>> a, b = locate_number(text, "服务节点10个左右", "10")
    >>> text[a:b]
    '10'
    >>> locate_number("企业达到１６０家", "企业达到160家", "160")
    (4, 7)
    """
    flat, where = _norm_chars(text)
    a_flat, n_flat = _norm(anchor), _norm(number)
    k = flat.find(a_flat)
    if k < 0 or not n_flat:
        return None
    j = a_flat.find(n_flat)
    if j < 0:
        return None
    j = next((i for i in _occurrences(a_flat, n_flat) if _whole(a_flat, i, len(n_flat))), j)
    s = k + j
    return where[s], where[s + len(n_flat) - 1] + 1


def _occurrences(text: str, part: str) -> list[int]:
    out, i = [], text.find(part)
    while i >= 0:
        out.append(i)
        i = text.find(part, i + 1)
    return out


def _whole(text: str, i: int, n: int) -> bool:
    """``text[i:i + n]`` is a whole number: no digit or decimal point right beside it."""
    digit = "0123456789."
    return (i == 0 or text[i - 1] not in digit) and (i + n >= len(text)
                                                     or text[i + n] not in digit)


def _blank(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or v == ""


def _close(got: object, want: object) -> bool:
    if _blank(want):
        return _blank(got)
    if _blank(got):
        return False
    return math.isclose(float(got), float(want), rel_tol=1e-6)  # type: ignore[arg-type]


def _field_hits(pred: pd.Series, gold: pd.Series, unit_of: dict[str, str]) -> dict[str, bool]:
    """Which of the five fields the predicted row has right."""
    if not _blank(gold["value"]):
        value = _close(pred["value"], gold["value"])
    else:
        value = (_close(pred["value_low"], gold["value_low"])
                 and _close(pred["value_high"], gold["value_high"]))
    want_unit, got_unit = _norm(str(gold["unit"])), _norm(str(pred["unit"]))
    year = pred["target_year"]
    got_year = None if _blank(year) else int(year)
    want_year = None if _blank(gold["target_year"]) else int(gold["target_year"])
    return {
        "kind": pred["kind"] == gold["kind"],
        "indicator": _norm(str(gold["indicator_contains"])) in _norm(str(pred["indicator"])),
        "value": value,
        "unit": unit_of.get(got_unit, got_unit) == unit_of.get(want_unit, want_unit),
        "target_year": got_year == want_year,
    }


def match_targets(pred: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str],
                  *, unit_of: dict[str, str] | None = None) -> pd.DataFrame:
    """Gold numbers paired with predicted rows (see the module docs for the rule).

    Parameters
    ----------
    pred : DataFrame
        Target rows (:data:`analysis.targets.TARGET_COLUMNS`) of the gold documents.
    gold : DataFrame
        Gold rows with ``doc_id`` (the corpus id of ``doc_key``) and ``part``.
    texts : dict
        ``doc_id`` → the document text the rows' offsets refer to.
    unit_of : dict, optional
        Unit spelling → its canonical unit (the unit table's aliases by default).

    Returns
    -------
    DataFrame
        One row per gold number, in the order of ``gold`` (``side == "gold"``,
        ``gold_kind`` its kind, ``pred_index`` the matched row or -1, a column per field)
        and one per unmatched predicted row (``side == "pred"``, ``gold_kind`` empty).

    Examples
    --------
    >>> pred = pd.DataFrame([dict(doc_id="d", kind="target", indicator="高新技术企业数量",
    ...     value=160.0, value_low=float("nan"), value_high=float("nan"), unit="家",
    ...     target_year=2025, char_start=17, char_end=20)])
    >>> gold = pd.DataFrame([dict(doc_id="d", part="dev", anchor="企业数量达到160家以上",
    ...     number="160", kind="target", value="160", value_low="", value_high="",
    ...     unit="家", target_year="2025", indicator_contains="高新技术企业")])
    >>> m = match_targets(pred, gold, {"d": "到2025年,高新技术企业数量达到160家以上。"})
    >>> print(m.loc[0, "pred_index"], m.loc[0, "all_fields"])
    0 True
    """
    unit_of = load_units().aliases() if unit_of is None else unit_of
    pred = _inside_read_parts(pred, gold, texts)
    rows: list[dict[str, object]] = []
    used: set[int] = set()
    by_doc = {d: sub for d, sub in pred.groupby("doc_id", sort=False)}
    for g in gold.to_dict("records"):
        doc_id = str(g["doc_id"])
        span = locate_number(texts.get(doc_id, ""), str(g["anchor"]), str(g["number"]))
        hit = -1
        if span is not None and doc_id in by_doc:
            sub = by_doc[doc_id]
            over = sub[(sub["char_start"] < span[1]) & (sub["char_end"] > span[0])]
            over = over[~over.index.isin(used)]
            if len(over):
                hit = int((over["char_start"] - span[0]).abs().idxmin())
                used.add(hit)
        row: dict[str, object] = {"side": "gold", "doc_id": doc_id, "part": g["part"],
                                  "anchor": g["anchor"], "gold_kind": g.get("kind", ""),
                                  "pred_index": hit, "found": span is not None}
        if hit >= 0:
            hits = _field_hits(pred.loc[hit], pd.Series(g), unit_of)
            row.update(hits)
            row["all_fields"] = all(hits.values())
        else:
            row.update({f: False for f in TARGET_FIELDS})
            row["all_fields"] = False
        rows.append(row)
    part_of = dict(zip(gold["doc_id"], gold["part"], strict=False))
    for i, r in pred.iterrows():
        if i not in used and r["doc_id"] in part_of:
            rows.append({"side": "pred", "doc_id": r["doc_id"], "part": part_of[r["doc_id"]],
                         "anchor": "", "gold_kind": "", "pred_index": i, "found": True,
                         **{f: False for f in TARGET_FIELDS}, "all_fields": False})
    return pd.DataFrame(rows, columns=["side", "doc_id", "part", "anchor", "gold_kind",
                                       "pred_index", "found", *TARGET_FIELDS, "all_fields"])


def read_parts(text: str, parts: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """The character spans of ``text`` between each pair of ``(read_from, read_to)`` words,
    white space and character width ignored; a pair not found in order gives no span.

    Examples
    --------
    >>> read_parts("一、回顾\\n增长5%。\\n二、任务\\n达到8%。", [("一、回 顾", "5%。")])
    [(0, 10)]
    """
    flat, where = _norm_chars(text)
    out: list[tuple[int, int]] = []
    for first, last in parts:
        a = flat.find(_norm(first))
        b = flat.find(_norm(last), max(a, 0)) if a >= 0 else -1
        if a >= 0 and b >= 0 and _norm(last):
            out.append((where[a], where[b + len(_norm(last)) - 1] + 1))
    return sorted(out)


def _inside_read_parts(pred: pd.DataFrame, gold: pd.DataFrame,
                       texts: dict[str, str]) -> pd.DataFrame:
    """``pred`` without the rows of partly read documents that start outside a part read."""
    if "read_from" not in gold.columns or "read_to" not in gold.columns:
        return pred
    marked = gold[[not _blank(v) for v in gold["read_from"]]]
    keep = pd.Series(True, index=pred.index)
    for doc_id, sub in marked.groupby("doc_id", sort=True):
        pairs = sorted({(str(a), str(b)) for a, b in zip(sub["read_from"], sub["read_to"],
                                                          strict=True)})
        spans = read_parts(texts.get(str(doc_id), ""), pairs)
        mine = pred["doc_id"] == doc_id
        starts = pred.loc[mine, "char_start"]
        keep[mine] = [any(a <= int(c) < b for a, b in spans) for c in starts]
    return pred[keep]


def _matched(ev: EvalCorpus, gold_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame,
                                                       pd.DataFrame]:
    gold = read_gold(gold_dir, "targets", ev)
    gold.insert(0, "doc_id", [ev.doc_id(k) for k in gold["doc_key"]])
    pred, texts = _predictions(ev, sorted(set(gold["doc_id"])))
    return match_targets(pred, gold, texts), pred, gold


def _predictions(ev: EvalCorpus, doc_ids: list[str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """The targets table's rows of a kind (target, achievement, support) for ``doc_ids``,
    and each document's text."""
    sub = ev.corpus.subset(doc_ids)
    pred = extract_targets(sub)
    return pred[pred["kind"].isin(KINDS)], {d: sub.text(d) for d in doc_ids}


def target_misses(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Every gold number not matched with all five fields right, and every predicted row
    that matches no gold number: ``part, doc_key, anchor`` and both sides' fields."""
    m, pred, gold = _matched(ev, gold_dir)
    key_of = dict(zip(ev.keys["doc_id"], ev.keys["doc_key"], strict=False))
    cols = ["kind", "indicator", "value", "value_low", "value_high", "unit", "target_year",
            "number_text"]
    out = []
    g_rows = gold.to_dict("records")
    gi = 0
    for r in m.to_dict("records"):
        rec: dict[str, object] = {"part": r["part"], "doc_key": key_of.get(r["doc_id"], ""),
                                  "side": r["side"], "anchor": r["anchor"]}
        if r["side"] == "gold":
            g = g_rows[gi]
            gi += 1
            if r["all_fields"]:
                continue
            rec.update({f"gold_{c}": g.get(c if c != "indicator" else "indicator_contains",
                                           "") for c in cols if c != "number_text"})
            rec["wrong"] = ",".join(f for f in TARGET_FIELDS if not r[f]) \
                if r["pred_index"] >= 0 else "not found"
        if r["pred_index"] >= 0:
            p = pred.loc[int(r["pred_index"])]
            rec.update({f"pred_{c}": p[c] for c in cols})
        out.append(rec)
    return pd.DataFrame(out)


def evaluate_targets(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Precision and recall of the numbers found, and with all five fields right, per part.

    Returns
    -------
    DataFrame
        :func:`score_matches` of the gold and predicted rows of every part.
    """
    return score_matches(_matched(ev, gold_dir)[0])


def score_matches(m: pd.DataFrame) -> pd.DataFrame:
    """The scores of a :func:`match_targets` table, per part.

    Parameters
    ----------
    m : DataFrame
        :func:`match_targets`'s rows, of one part or several.

    Returns
    -------
    DataFrame
        :data:`~analysis.evaluation.metrics.RESULT_COLUMNS`; ``item`` is ``numbers``,
        ``all_fields`` (precision, recall, f1), a field name (accuracy over the matched
        numbers) or a field or ``all_fields`` with a gold kind, ``indicator (support)``
        (accuracy over the matched numbers of that kind).

    Examples
    --------
    >>> m = pd.DataFrame({"side": ["gold", "gold", "pred"], "part": "dev",
    ...                   "gold_kind": ["target", "support", ""], "pred_index": [0, 1, 2],
    ...                   "kind": True, "indicator": [True, False, False], "value": True,
    ...                   "unit": True, "target_year": True,
    ...                   "all_fields": [True, False, False]})
    >>> r = score_matches(m).set_index(["item", "metric"])["value"]
    >>> round(float(r["all_fields", "precision"]), 3), float(r["indicator (support)", "accuracy"])
    (0.333, 0.0)
    """
    rows: list[dict[str, object]] = []
    for part, sub in m.groupby("part", sort=True):
        g = sub[sub["side"] == "gold"]
        found = g[g["pred_index"] >= 0]
        n_pred = int(len(found) + (sub["side"] == "pred").sum())
        tp = len(found)
        rows += prf_rows("targets", "numbers", str(part), tp=tp, fp=n_pred - tp,
                         fn=len(g) - tp, unit="number")
        tp_all = int(g["all_fields"].sum())
        rows += prf_rows("targets", "all_fields", str(part), tp=tp_all, fp=n_pred - tp_all,
                         fn=len(g) - tp_all, unit="number")
        hits = {f: [bool(v) for v in found[f]] for f in TARGET_FIELDS}
        rows += accuracy_rows("targets", str(part), hits, unit="matched number")
        # the same per kind of the gold number (kinds the part has): where its losses lie
        by_kind = {f"{f} ({kind})": [bool(v) for v in found.loc[found["gold_kind"] == kind, f]]
                   for kind in KINDS if (found["gold_kind"] == kind).any()
                   for f in (*TARGET_FIELDS, "all_fields")}
        rows += accuracy_rows("targets", str(part), by_kind, unit="matched number")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
