"""The targets table: :func:`extract_targets` over a corpus, :func:`targets_from_text` for one text.

Both return one row per number (columns :data:`TARGET_COLUMNS`) with character offsets into
the document's normalised text, the sentence in both scripts, the clause id of the clause
table and the canonical indicator of the mapping.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis.structure import attach_clause_ids, clause_table, parse_clauses
from analysis.targets.context import (
    DocumentContext,
    join_wrapped_lines,
    prepare_text,
    protected_spans,
)
from analysis.targets.document import extract_document
from analysis.targets.indicators import IndicatorMapping, load_indicator_mapping
from analysis.targets.rule_reader import call_stores
from analysis.targets.rules import TargetRules, load_rules
from analysis.targets.scopes import (
    ClauseColumns,
    DocClauses,
    clause_scopes,
    paragraph_scopes,
    scopes_from_rows,
)
from analysis.text.corpus import Corpus
from analysis.text.normalize import to_simplified

__all__ = ["KINDS", "TARGET_COLUMNS", "extract_targets", "targets_from_text"]

PathLike = str | os.PathLike[str]

#: Columns of the ``targets`` table, in order.
TARGET_COLUMNS: tuple[str, ...] = (
    "doc_id", "target_id", "kind", "clause_id", "indicator", "canonical_id", "canonical",
    "value", "value_low", "value_high", "unit", "value_base", "unit_base",
    "comparator", "is_aspiration", "multiplier",
    "target_year", "year_basis", "time_phrase", "baseline_value", "baseline_year",
    "change_value", "is_province_level", "number_text", "char_start", "char_end",
    "sentence", "sentence_orig", "sentence_start", "note",
)

#: The kinds of rows: a goal, a reported result, a monetary support amount.
KINDS: tuple[str, ...] = ("target", "achievement", "support")

# the document columns extract_targets reads besides the titles
_READ_COLUMNS = ("doc_id", "text", "text_orig", "year", "province", "city")

_FLOAT_COLUMNS = ("value", "value_low", "value_high", "value_base", "multiplier",
                  "baseline_value", "change_value")
_INT_COLUMNS = ("target_year", "baseline_year", "char_start", "char_end", "sentence_start")
_BOOL_COLUMNS = ("is_aspiration", "is_province_level")
_TEXT_COLUMNS = ("doc_id", "target_id", "kind", "clause_id", "indicator", "canonical_id",
                 "canonical", "unit", "unit_base", "comparator", "year_basis", "time_phrase",
                 "number_text", "sentence", "sentence_orig", "note")


def _frame_rows(rows: list[dict[str, Any]], doc: DocumentContext, mapping: IndicatorMapping,
                classified: dict[tuple[str, str], tuple[str, str, str]] | None = None
                ) -> list[dict[str, Any]]:
    """The rows with their sentences, canonical indicators and target ids, sorted
    (``classified``: ``mapping.classify`` of the (indicator, unit) pairs seen so far, filled
    as it goes)."""
    classified = {} if classified is None else classified
    for r in rows:
        a, b = r.pop("sentence_start"), r.pop("sentence_end")
        a2, b2 = a, b
        while a2 < b2 and doc.text[a2] in " \n":
            a2 += 1
        while b2 > a2 and doc.text[b2 - 1] in " \n":
            b2 -= 1
        r["sentence"] = doc.text[a2:b2]
        r["sentence_orig"] = doc.orig[a2:b2]
        r["sentence_start"] = a2
        r["doc_id"] = doc.doc_id
        key = (r["indicator"], r["unit"])
        if key not in classified:
            classified[key] = mapping.classify(*key)
        r["canonical_id"], r["canonical"], _ = classified[key]
    rows.sort(key=lambda r: (r["char_start"], r["char_end"]))
    for n, r in enumerate(rows, start=1):
        r["target_id"] = f"{doc.doc_id}:{n:03d}"
    return rows


def _title(row: Any, others: list[str]) -> str:
    """The document's title, else its first filled other title column."""
    for col in ["title", *others]:
        value = getattr(row, col, "") if col.isidentifier() else ""
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _empty() -> pd.DataFrame:
    return _typed(pd.DataFrame({c: [] for c in TARGET_COLUMNS}))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in _FLOAT_COLUMNS:
        df[c] = df[c].astype("float64")
    for c in _INT_COLUMNS:
        df[c] = df[c].astype("Int64")
    for c in _BOOL_COLUMNS:
        df[c] = df[c].astype("bool")
    for c in _TEXT_COLUMNS:
        df[c] = df[c].astype("object").where(df[c].notna(), "").astype(str)
    return df.reset_index(drop=True)


@call_stores()
def targets_from_text(
    text: str,
    *,
    doc_id: str = "text",
    year: int | None = None,
    text_orig: str | None = None,
    province: str = "",
    city: str = "",
    title: str = "",
    clauses: pd.DataFrame | None = None,
    scope: str = "clause",
    rules: PathLike | TargetRules = "target_rules.toml",
    mapping: PathLike | IndicatorMapping = "indicators.toml",
) -> pd.DataFrame:
    """Extract the quantitative targets of one text (see :func:`extract_targets`).

    Parameters
    ----------
    text : str
        Normalised (simplified) text; full-width digits are handled.
    doc_id : str, keyword-only
        Written on every row.
    year : int, keyword-only
        The document's year: resolves 两年内, 利用3年时间 and past/future years.
    text_orig : str, keyword-only
        The same text in its original script (same length), for ``sentence_orig``.
    province, city : str, keyword-only
        The issuing province and city (e.g. "甘肃省"): scope words, not indicator words.
    title : str, keyword-only
        The document's title (metadata, in either script): the year of a one-year plan
        ("数字山东2021行动方案") when the text does not name it, and whether the text is a
        report on a past year ("数字中国发展报告(2022年)" issued in 2023), whose numbers with
        no time of their own, no future cue and no goal heading are results of that year.
    clauses : DataFrame, keyword-only
        The clause table rows of this text (``analysis.structure.clause_table``); parsed
        with ``analysis.structure.parse_clauses`` when not given.
    scope : {"clause", "paragraph"}, keyword-only
        What "the same clause" means for time phrases: clause segments (default, and
        ``clause_id`` comes from the clause table) or paragraphs (lines).
    rules : path or TargetRules, keyword-only
        Word lists and patterns (the packaged ``target_rules.toml``, your copy, or
        :func:`~analysis.targets.load_rules` output).
    mapping : path or IndicatorMapping, keyword-only
        The canonical-indicator mapping (packaged ``indicators.toml`` or your file).

    Returns
    -------
    DataFrame
        One row per number, columns :data:`TARGET_COLUMNS`.

    Examples
    --------
    >>> df = targets_from_text("到2025年，高新技术企业数量达到１６０家以上。", year=2023)
    >>> row = df.iloc[0]
    >>> print(row.indicator, row.comparator, row.value, row.unit, row.target_year)
    高新技术企业数量 ≥ 160.0 家 2025
    """
    df = _targets_raw(text, doc_id=doc_id, year=year, text_orig=text_orig, province=province,
                      city=city, clauses=clauses, scope=scope, rules=rules, mapping=mapping,
                      title=title)
    return _empty() if df is None else _typed(df)


def _targets_raw(text: str, *, doc_id: str, year: int | None, text_orig: str | None,
                 province: str, city: str, clauses: pd.DataFrame | None, scope: str,
                 rules: PathLike | TargetRules, mapping: PathLike | IndicatorMapping,
                 own: DocClauses | None = None, title: str = "",
                 classified: dict[tuple[str, str], tuple[str, str, str]] | None = None) -> Any:
    """:func:`targets_from_text` before :func:`_typed` (``None`` when it finds nothing).

    With ``own`` (this document's clause rows, read once by :func:`extract_targets`), the
    rows come back as a list of dicts (the frame's rows, clause ids attached) and
    ``clauses`` is not read. ``classified`` is passed on to :func:`_frame_rows`.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}.")
    orig = text_orig if text_orig is not None and len(text_orig) == len(text) else text
    rule_set = load_rules(rules)
    mapping_obj = load_indicator_mapping(mapping)
    p = join_wrapped_lines(prepare_text(text))
    doc = DocumentContext(doc_id, p, text, orig, int(year) if year is not None else None,
                          rule_set, mapping_obj, province=province or "", city=city or "",
                          protected=protected_spans(p),
                          title=to_simplified(title) if title else "")
    if scope not in ("clause", "paragraph"):
        raise ValueError(f"scope={scope!r}: use 'clause' or 'paragraph'.")
    if scope == "clause" and own is not None:
        units = scopes_from_rows(own.rows, p, rule_set)
    elif scope == "clause":
        if clauses is None or not (clauses["doc_id"] == doc_id).any():
            clauses = parse_clauses(text, doc_id=doc_id, warn=False)
        units = clause_scopes(doc_id, clauses, p, rule_set)
    else:
        units = paragraph_scopes(doc_id, p, rule_set)
    if not units:
        return None
    rows = extract_document(doc, units)
    if not rows:
        return None
    rows = _frame_rows(rows, doc, mapping_obj, classified)
    if own is not None:
        for r, cid in zip(rows, own.clause_ids([r["char_start"] for r in rows]), strict=True):
            r["clause_id"] = cid
        return rows
    df = pd.DataFrame(rows, columns=list(TARGET_COLUMNS))
    if scope == "clause":
        df = attach_clause_ids(df, clauses[clauses["doc_id"] == doc_id], start="char_start")
    return df


@call_stores()
def extract_targets(
    corpus: Corpus,
    *,
    clauses: pd.DataFrame | None = None,
    scope: str = "clause",
    kinds: Sequence[str] = KINDS,
    rules: PathLike | TargetRules = "target_rules.toml",
    mapping: PathLike | IndicatorMapping = "indicators.toml",
) -> pd.DataFrame:
    """Every numeric goal, reported achievement and support amount of every document.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.load_corpus`.
    clauses : DataFrame, keyword-only
        The clause table (``analysis.structure.clause_table(corpus)`` when not given):
        ``clause_id`` of every row, and the scope in which governing time phrases are looked
        up (the number's clause, then the introductions of its enclosing sections).
    scope : {"clause", "paragraph"}, keyword-only
        ``"paragraph"`` uses lines as scopes instead of clause segments.
    kinds : sequence of str, keyword-only
        Which kinds of rows to keep: "target", "achievement", "support".
    rules : path or TargetRules, keyword-only
        Extraction word lists and patterns; the packaged ``target_rules.toml`` by default
        (copy it, edit it and pass the path).
    mapping : path or IndicatorMapping, keyword-only
        Canonical indicators; the packaged ``indicators.toml`` by default.

    Returns
    -------
    DataFrame
        One row per number (columns :data:`TARGET_COLUMNS`): ``doc_id, target_id, kind,
        clause_id, indicator, canonical_id, canonical, value, value_low, value_high, unit,
        value_base`` and ``unit_base`` (the value in the base unit of the unit table:
        1200 万人 → 12000000 人; empty for a unit not in the table), ``comparator,
        is_aspiration, multiplier, target_year, year_basis, time_phrase, baseline_value,
        baseline_year, change_value, is_province_level, number_text,
        char_start, char_end`` (offsets of the number in ``documents.text``), ``sentence``,
        ``sentence_orig`` (original script), ``sentence_start``, ``note``. Sorted by document
        (corpus order) and position.

    Examples
    --------
    >>> import analysis
    >>> t = extract_targets(analysis.load_corpus())
    >>> row = t[(t.doc_id == "chifeng_2023") & (t.unit == "家")].iloc[0]
    >>> print(row.indicator, row.comparator, row.value, row.target_year, row.multiplier)
    高新技术企业数量 ≥ 160.0 2025 2.0
    """
    bad = set(kinds) - set(KINDS)
    if bad:
        raise ValueError(f"kinds: unknown {sorted(bad)}; use target, achievement, support.")
    if clauses is None and scope == "clause":
        clauses = clause_table(corpus)
    docs = corpus.documents
    mapping_obj = load_indicator_mapping(mapping)
    # each document gets its own rows of the clause table (the same rows, in the same order,
    # as clauses[clauses["doc_id"] == doc_id], without scanning the whole table per document)
    by_doc = clauses.groupby("doc_id", sort=False).indices if clauses is not None else {}
    table = ClauseColumns.read(clauses) if scope == "clause" and clauses is not None else None
    rule_set = load_rules(rules) if len(docs) else None   # read once, not once per document
    # the title a one-year plan's year is read from: the title column, else the first
    # other title column that is filled (an English title an import kept, "policy_title")
    title_cols = [c for c in docs.columns if c != "title" and str(c).endswith("title")]
    classified: dict[tuple[str, str], tuple[str, str, str]] = {}  # each phrase once
    frames = []
    # only the columns read below become tuples (the raw text and the other metadata are
    # not converted row by row)
    used = [c for c in docs.columns if c in _READ_COLUMNS or c == "title" or c in title_cols]
    rows = docs if docs.columns.duplicated().any() or "text_orig" not in used else docs[used]
    for row in rows.itertuples(index=False):
        year = getattr(row, "year", None)
        year = int(year) if year is not None and year == year else None
        pos = by_doc.get(row.doc_id, [])
        own = None if clauses is None else clauses.iloc[pos] if table is None or not len(pos) \
            or not isinstance(row.text, str) else table.doc(pos)
        frames.append(_targets_raw(
            row.text, doc_id=row.doc_id, year=year, text_orig=row.text_orig,
            province=str(getattr(row, "province", "") or ""),
            city=str(getattr(row, "city", "") or ""),
            clauses=own if not isinstance(own, DocClauses) else None, scope=scope,
            rules=rule_set, mapping=mapping_obj,
            own=own if isinstance(own, DocClauses) else None,
            title=_title(row, title_cols), classified=classified,
        ))
    # typed once for the whole corpus: _typed of the concatenated untyped frames equals the
    # concatenation of each document's _typed frame (every column is converted by value);
    # runs of documents that gave row dicts make one frame each
    merged: list[Any] = []
    for f in frames:
        if isinstance(f, list) and merged and isinstance(merged[-1], list):
            merged[-1] = merged[-1] + f
        elif f is not None:
            merged.append(f)
    frames = [pd.DataFrame(f, columns=list(TARGET_COLUMNS)) if isinstance(f, list) else f
              for f in merged]
    frames = [f for f in frames if len(f)]
    if not frames:
        return _empty()
    out = pd.concat(frames, ignore_index=True)
    out = out[out["kind"].isin(list(kinds))]
    return _typed(out)
