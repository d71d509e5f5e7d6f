"""Score the instrument coder and the theme dictionary on hand-coded clauses of policies
that are not about science and technology.

Gold: ``instrument_codes_gold.csv`` (held-out documents) and ``instrument_codes_dev_gold.csv``
(development documents), one row per clause: ``doc_key, clause_no, text,
researcher_codes, themes, notes`` (see ``eval/gold/README.md``). Each clause text is
normalised as :func:`analysis.load_corpus` normalises a document and coded with the packaged
rules, exactly as the build codes a clause (:func:`analysis.code_instruments`,
:func:`analysis.themes.match_terms`).

What is reported, per part:

- ``coverage``: the share of clauses given at least one code (``n`` = clauses); the
  researcher's own share is item ``researcher``.
- ``kappa``: Cohen's kappa (:func:`sklearn.metrics.cohen_kappa_score`) for multi-label codes,
  in two ways. ``kappa_pooled`` (the headline): every clause × category pair is one binary
  decision (does the clause use the category?), and kappa is computed over all pairs.
  ``kappa_macro``: kappa per category, averaged over the categories either coder used in the
  part (a category both coders never use has no kappa).
- ``precision``, ``recall``, ``f1`` per category and over all codes (item ``all``), the
  researcher being the reference.
- The same kappa for the clauses whose note does not say ``guide does not fit``
  (item ``guide fits``).
- Where the gold has a ``batch`` column, coverage, pooled kappa and F1 of each batch of
  development rows whose name starts with ``fresh`` (``fresh``, ``fresh2``: coded before
  the rules were changed on them) and of the ``earlier`` ones.

Researcher cells: instruments joined with ``、`` (or any separator
:func:`analysis.instruments.parse_codes` accepts), ``无`` for none; themes are dictionary keys
joined with ``;``, ``none`` for none. :data:`GOLD_THEME_ALIASES` maps the annotators' theme
names to dictionary keys.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from analysis.errors import CorpusError
from analysis.evaluation.documents import PARTS, EvalCorpus
from analysis.evaluation.gold import read_gold
from analysis.evaluation.metrics import RESULT_COLUMNS, prf_rows
from analysis.instruments import code_instruments, load_instruments, parse_codes
from analysis.text import normalize_text
from analysis.themes import load_themes, match_terms

__all__ = [
    "GOLD_THEME_ALIASES",
    "code_gold_clauses",
    "evaluate_instruments",
    "evaluate_themes",
    "gold_clause_units",
    "multilabel_scores",
]

#: the gold file both tasks read (``<name>_gold.csv``, ``<name>_dev_gold.csv``)
GOLD_NAME = "instrument_codes"
#: theme names of the gold files that differ from the dictionary keys
GOLD_THEME_ALIASES: dict[str, str] = {"basic_research": "key_tech"}
#: what a gold note starts with when the coding guide had no fitting instrument
NOT_FIT = "guide does not fit"
#: how the ``batch`` value of gold rows coded before the rules were changed on them starts
FRESH = "fresh"

_THEME_SPLIT = re.compile(r"\s*[;；,，、]\s*")


def gold_clause_units(gold: pd.DataFrame, ev: EvalCorpus | None = None) -> pd.DataFrame:
    """The gold clauses as a units frame, their text normalised as the loader does.

    ``clause_id`` is ``<doc_key>:<clause_no>``; ``doc_id`` is the imported document's id
    (the ``doc_key`` without ``ev``).

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_key": ["central-1"], "clause_no": ["1"],
    ...                      "text": ["（一）推進數據共享。"]})
    >>> gold_clause_units(gold)[["clause_id", "text"]].values.tolist()
    [['central-1:1', '(一)推进数据共享。']]
    """
    texts = [normalize_text(str(t)).text for t in gold["text"]]
    doc = [ev.doc_id(k) if ev is not None else str(k) for k in gold["doc_key"]]
    ids = [f"{k}:{n}" for k, n in zip(gold["doc_key"], gold["clause_no"], strict=True)]
    return pd.DataFrame({"doc_id": doc, "clause_id": ids, "text": texts, "char_start": 0,
                         "char_end": [len(t) for t in texts]})


def _gold_themes(cell: object, keys: Sequence[str], where: str) -> frozenset[str]:
    parts = [p for p in _THEME_SPLIT.split(str(cell).strip()) if p]
    out = set()
    for p in parts:
        if p.lower() == "none":
            continue
        key = GOLD_THEME_ALIASES.get(p, p)
        if key not in keys:
            raise CorpusError(f"{where}: theme {p!r} is not a key of the theme dictionary "
                              f"({', '.join(keys)}); write keys joined with ';' or 'none'.")
        out.add(key)
    return frozenset(out)


def code_gold_clauses(gold: pd.DataFrame, ev: EvalCorpus | None = None) -> pd.DataFrame:
    """Researcher and automatic codes of every gold clause, side by side.

    Returns
    -------
    DataFrame
        The gold columns plus ``hand_instruments, auto_instruments, hand_themes,
        auto_themes`` (frozensets) and ``fits`` (False where the note says the coding
        guide does not fit).

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_key": ["d"], "clause_no": ["1"],
    ...     "text": ["鼓励银行开展知识产权质押贷款。"], "researcher_codes": ["金融支持"],
    ...     "themes": ["finance;ip"], "notes": [""]})
    >>> row = code_gold_clauses(gold).iloc[0]
    >>> sorted(row["auto_instruments"]), sorted(row["auto_themes"])
    (['金融支持'], ['finance', 'ip'])
    """
    rules = load_instruments()
    themes = load_themes()
    units = gold_clause_units(gold, ev)
    hand_ins = []
    for i, cell in enumerate(gold["researcher_codes"]):
        try:
            codes = parse_codes(cell, rules=rules)
        except ValueError as exc:
            raise CorpusError(f"gold row {i + 1} ({gold['doc_key'].iloc[i]}): {exc}") from None
        if codes is None:
            raise CorpusError(f"gold row {i + 1} ({gold['doc_key'].iloc[i]}): "
                              "researcher_codes is blank; write codes or 无.")
        hand_ins.append(frozenset(codes))
    hand_th = [_gold_themes(c, themes.keys, f"gold row {i + 1}")
               for i, c in enumerate(gold["themes"])]
    auto = code_instruments(units, rules=rules).groupby("clause_id")["instrument"].agg(frozenset)
    hits = match_terms(units, themes).groupby("clause_id")["theme"].agg(frozenset)
    out = gold.reset_index(drop=True).copy()
    out["hand_instruments"] = hand_ins
    out["auto_instruments"] = [auto.get(c, frozenset()) for c in units["clause_id"]]
    out["hand_themes"] = hand_th
    out["auto_themes"] = [hits.get(c, frozenset()) for c in units["clause_id"]]
    notes = out["notes"] if "notes" in out.columns else pd.Series("", index=out.index)
    out["fits"] = ~notes.astype(str).str.strip().str.startswith(NOT_FIT)
    return out


def _kappa(a: np.ndarray, b: np.ndarray) -> float:
    """sklearn's kappa; NaN where both codings are constant and equal (no information)."""
    if len(a) == 0 or (a.min() == a.max() == b.min() == b.max()):
        return float("nan")
    return float(cohen_kappa_score(a, b))


def multilabel_scores(hand: Sequence[frozenset[str]], auto: Sequence[frozenset[str]],
                      categories: Sequence[str]) -> dict[str, float]:
    """Coverage and kappa of a multi-label coding against a researcher's.

    Returns ``coverage`` (share of units with any automatic code), ``coverage_hand``,
    ``kappa_pooled`` (kappa over all unit × category pairs) and ``kappa_macro`` (mean
    per-category kappa over the categories either side used).

    Examples
    --------
    >>> s = multilabel_scores([frozenset({"a"}), frozenset(), frozenset({"a", "b"})],
    ...                       [frozenset({"a"}), frozenset({"b"}), frozenset({"a"})],
    ...                       ["a", "b"])
    >>> s["coverage"], round(s["kappa_pooled"], 3), round(s["kappa_macro"], 3)
    (1.0, 0.333, 0.25)
    """
    h = np.array([[c in s for c in categories] for s in hand], dtype=int).reshape(
        len(hand), len(categories))
    a = np.array([[c in s for c in categories] for s in auto], dtype=int).reshape(
        len(auto), len(categories))
    used = (h.sum(axis=0) + a.sum(axis=0)) > 0
    per = [_kappa(h[:, j], a[:, j]) for j in np.flatnonzero(used)]
    per = [k for k in per if k == k]
    return {
        "coverage": float(a.any(axis=1).mean()) if len(a) else 0.0,
        "coverage_hand": float(h.any(axis=1).mean()) if len(h) else 0.0,
        "kappa_pooled": _kappa(h.ravel(), a.ravel()),
        "kappa_macro": float(np.mean(per)) if per else float("nan"),
    }


def _rows(task: str, table: pd.DataFrame, hand_col: str, auto_col: str,
          categories: Sequence[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    # a category either coder used in any part gets its rows in every part, so the two
    # parts line up side by side
    used = [c for c in categories
            if any(c in x for x in table[hand_col]) or any(c in y for y in table[auto_col])]
    for part in PARTS:
        sub = table[table["part"] == part]
        if sub.empty:
            continue
        hand, auto = list(sub[hand_col]), list(sub[auto_col])
        n = len(sub)
        s = multilabel_scores(hand, auto, categories)

        def row(item: str, metric: str, value: float, count: int = n,
                part: str = part) -> dict[str, object]:
            return {"task": task, "item": item, "metric": metric, "part": part,
                    "value": value, "n": count, "unit": "clause"}

        rows += [row("any code", "coverage", s["coverage"]),
                 row("researcher", "coverage", s["coverage_hand"]),
                 row("all", "kappa_pooled", s["kappa_pooled"]),
                 row("all", "kappa_macro", s["kappa_macro"])]
        rows += _batch_rows(task, sub, hand_col, auto_col, categories, part)
        fit = sub[sub["fits"]]
        if len(fit):
            k = multilabel_scores(list(fit[hand_col]), list(fit[auto_col]), categories)
            rows.append(row("guide fits", "kappa_pooled", k["kappa_pooled"], len(fit)))
        tp = sum(len(x & y) for x, y in zip(hand, auto, strict=True))
        fp = sum(len(y - x) for x, y in zip(hand, auto, strict=True))
        fn = sum(len(x - y) for x, y in zip(hand, auto, strict=True))
        rows += prf_rows(task, "all", part, tp=tp, fp=fp, fn=fn, unit="code")
        for c in used:
            h = np.array([c in x for x in hand])
            a = np.array([c in y for y in auto])
            rows += prf_rows(task, c, part, tp=int((h & a).sum()), fp=int((a & ~h).sum()),
                             fn=int((h & ~a).sum()), unit="clause")
    return rows


def _batch_rows(task: str, sub: pd.DataFrame, hand_col: str, auto_col: str,
                categories: Sequence[str], part: str) -> list[dict[str, object]]:
    """Coverage, pooled kappa and F1 of each ``fresh`` gold batch and of the earlier ones.

    A gold file may mark rows with a ``batch`` column; a batch whose name starts with
    ``fresh`` (``fresh``, ``fresh2`` …) was coded before the rules were changed on it, so
    its first scores show how the rules do on documents they were not tuned on. Each such
    batch is an item of its own; the rows of the other batches are item ``earlier``.
    """
    if "batch" not in sub.columns:
        return []
    batch = sub["batch"].fillna("").astype(str)
    fresh = sorted({b for b in batch if b.startswith(FRESH)})
    if not fresh:
        return []
    rows: list[dict[str, object]] = []
    groups = [("earlier", ~batch.str.startswith(FRESH))] + [(b, batch == b) for b in fresh]
    for item, mask in groups:
        part_rows = sub[mask]
        if part_rows.empty:
            continue
        hand, auto = list(part_rows[hand_col]), list(part_rows[auto_col])
        s = multilabel_scores(hand, auto, categories)
        for metric in ("coverage", "kappa_pooled"):
            rows.append({"task": task, "item": item, "metric": metric, "part": part,
                         "value": s[metric], "n": len(part_rows), "unit": "clause"})
        tp = sum(len(x & y) for x, y in zip(hand, auto, strict=True))
        fp = sum(len(y - x) for x, y in zip(hand, auto, strict=True))
        fn = sum(len(x - y) for x, y in zip(hand, auto, strict=True))
        rows += [r for r in prf_rows(task, item, part, tp=tp, fp=fp, fn=fn, unit="code")
                 if r["metric"] == "f1"]
    return rows


def _coded(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    gold = read_gold(gold_dir, GOLD_NAME, ev)
    missing = {"clause_no", "text", "researcher_codes", "themes"} - set(gold.columns)
    if missing:
        raise CorpusError(f"{gold_dir}: {GOLD_NAME} gold lacks column(s) {sorted(missing)}")
    return code_gold_clauses(gold, ev)


def evaluate_instruments(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Coverage, kappa and per-instrument precision, recall and F1, per part.

    Returns
    -------
    DataFrame
        :data:`~analysis.evaluation.metrics.RESULT_COLUMNS`; ``item`` is an instrument,
        ``all``, ``any code``, ``researcher``, ``guide fits``, ``earlier`` or a fresh
        batch (``fresh``, ``fresh2`` …).
    """
    table = _coded(ev, gold_dir)
    rows = _rows("instruments", table, "hand_instruments", "auto_instruments",
                 load_instruments().codes)
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def evaluate_themes(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Theme coverage, kappa and per-theme precision, recall and F1 on the same clauses.

    Returns
    -------
    DataFrame
        :data:`~analysis.evaluation.metrics.RESULT_COLUMNS`; ``item`` is a theme key,
        ``all``, ``any code``, ``researcher``, ``guide fits``, ``earlier`` or a fresh
        batch (``fresh``, ``fresh2`` …).
    """
    table = _coded(ev, gold_dir)
    rows = _rows("themes", table, "hand_themes", "auto_themes", load_themes().keys)
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
