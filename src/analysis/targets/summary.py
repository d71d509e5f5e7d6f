"""Reading aids for notebooks: counts per document, a readable list, targets side by side.

:func:`target_summary` counts the numbers of each kind in every document,
:func:`target_list` lists them with a quote in the original script, :func:`targets_by_era`
sets the targets of each shared indicator side by side per era (or city …), and
:func:`value_text` writes a target as a reader would ("≥160家", "前5位", "力争前3位").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from analysis.targets.extract import KINDS

__all__ = ["target_list", "target_summary", "targets_by_era", "value_text"]


def _doc_meta(documents: pd.DataFrame | None) -> pd.DataFrame | None:
    if documents is None:
        return None
    if "doc_id" not in documents.columns:
        raise ValueError("documents: needs a doc_id column (corpus.documents or the build's "
                         "documents table).")
    cols = [c for c in ("doc_id", "city", "city_en", "year", "era") if c in documents.columns]
    return documents[cols].drop_duplicates("doc_id")


def _need_columns(targets: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    missing = [c for c in cols if c not in targets.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}; pass the table made "
                         "by extract_targets() (the build's targets table).")


def target_summary(targets: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many numbers of each kind every document states.

    Parameters
    ----------
    targets : DataFrame
        :func:`extract_targets` output (the build's ``targets`` table).
    documents : DataFrame, optional
        Document metadata: every document is listed (with zeros when it states no number),
        with its ``city, city_en, year, era``, in year order.

    Returns
    -------
    DataFrame
        One row per document × kind (``target``, ``achievement``, ``support``):
        ``doc_id, [city, city_en, year, era,] kind, n, n_with_year, n_province`` (numbers
        with a target year; numbers that are the province's goal quoted by the city).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["target", "support"],
    ...     "target_year": [2025, None], "is_province_level": [False, False]})
    >>> target_summary(t).set_index("kind")["n"].to_dict()
    {'target': 1, 'achievement': 0, 'support': 1}
    """
    _need_columns(targets, ["doc_id", "kind", "target_year", "is_province_level"],
                  "target_summary")
    meta = _doc_meta(documents)
    if meta is not None:
        if "year" in meta.columns:
            meta = meta.sort_values(["year", "doc_id"], kind="mergesort")
        docs = list(meta["doc_id"])
    else:
        docs = list(dict.fromkeys(targets["doc_id"]))
    kinds = list(KINDS) + sorted(set(targets["kind"]) - set(KINDS))
    rows = []
    for d in docs:
        sub = targets.loc[targets["doc_id"] == d]
        for k in kinds:
            part = sub.loc[sub["kind"] == k]
            rows.append({"doc_id": d, "kind": k, "n": len(part),
                         "n_with_year": int(part["target_year"].notna().sum()),
                         "n_province": int(part["is_province_level"].astype(bool).sum())})
    out = pd.DataFrame(rows, columns=["doc_id", "kind", "n", "n_with_year", "n_province"])
    out = out.astype({"n": "int64", "n_with_year": "int64", "n_province": "int64"})
    if meta is not None:
        out = out.merge(meta, on="doc_id", how="left")
        front = ["doc_id", *[c for c in meta.columns if c != "doc_id"]]
        out = out[front + [c for c in out.columns if c not in front]]
    return out


def _number(v: float) -> str:
    v = float(v)
    return str(int(v)) if v.is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")


def value_text(value: float, unit: str = "", comparator: str = "=", *,
               value_low: float | None = None, value_high: float | None = None) -> str:
    """A target as a reader writes it: ``≥160家``, ``≈2%``, ``前5位``, ``力争前3位``.

    Examples
    --------
    >>> value_text(160, "家", "≥"), value_text(2, "%", "≈"), value_text(5, "位", "≤")
    ('≥160家', '≈2%', '前5位')
    >>> value_text(3, "位", "aspiration"), value_text(2, "个", "range", value_low=2,
    ...                                                value_high=3)
    ('力争前3位', '2—3个')
    """
    unit = "" if unit is None or unit != unit else str(unit)
    if comparator == "range" and value_low is not None and value_high is not None \
            and not (math.isnan(value_low) or math.isnan(value_high)):
        return f"{_number(value_low)}—{_number(value_high)}{unit}"
    if unit == "位":  # ranks: "前3位" is "rank 3 or better"
        core = (f"前{_number(value)}位" if comparator in ("≤", "aspiration")
                else f"第{_number(value)}位")
        if comparator == "≤":
            return core
    else:
        core = f"{_number(value)}{unit}"
    sym = {"≥": "≥", "≤": "≤", "≈": "≈", ">": ">", "aspiration": "力争"}.get(comparator, "")
    return f"{sym}{core}"


def target_list(
    targets: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    kinds: Sequence[str] = KINDS,
    window: int = 30,
) -> pd.DataFrame:
    """Every number of every document as a readable list, quoted in its original script.

    Parameters
    ----------
    targets : DataFrame
        :func:`extract_targets` output (the build's ``targets`` table).
    documents : DataFrame, optional
        With ``text_orig`` (``corpus.documents`` or the build's ``documents`` table): the
        quote is cut from the original script around the number; without it the quote is
        cut from ``sentence_orig``. ``city`` and ``year`` are added when present.
    kinds : sequence of str, keyword-only
        The kinds of rows to list.
    window : int, keyword-only
        Characters of context before the number (the quote stays inside its sentence).

    Returns
    -------
    DataFrame
        ``doc_id, [city, year,] kind, indicator, canonical, value_text, value, unit,
        comparator, target_year, baseline, is_province_level, quote, sentence_orig,
        target_id``: one row per number in document order; ``value_text`` as a reader
        writes it (:func:`value_text`), ``baseline`` the stated baseline (``80家 (2020)``),
        ``quote`` the original wording with the number in 【】.

    Examples
    --------
    >>> import analysis
    >>> from analysis.targets import extract_targets
    >>> c = analysis.load_corpus()
    >>> t = target_list(extract_targets(c), c.documents, kinds=["target"])
    >>> "經費占GDP的比重達到【2】%左右" in t.loc[t["doc_id"] == "tonghua_2012", "quote"].iloc[0]
    True
    """
    _need_columns(targets, ["doc_id", "kind", "indicator", "value", "unit", "comparator",
                            "target_year", "char_start", "char_end", "sentence_orig",
                            "sentence_start"], "target_list")
    t = targets.loc[targets["kind"].isin(list(kinds))].reset_index(drop=True)
    originals: dict[str, str] = {}
    if documents is not None and "text_orig" in documents.columns:
        originals = dict(zip(documents["doc_id"], documents["text_orig"], strict=True))
    quotes = []
    for row in t.itertuples(index=False):
        s, e = int(row.char_start), int(row.char_end)
        a = int(row.sentence_start)
        sent = str(row.sentence_orig)
        b = a + len(sent)
        orig = originals.get(row.doc_id)
        if orig is None:  # cut from the sentence itself
            orig, off = sent, a
        else:
            off = 0
        lo, hi = max(a, s - window), min(b, e + max(window // 3, 6))
        quotes.append(f"{orig[lo - off:s - off]}【{orig[s - off:e - off]}】"
                      f"{orig[e - off:hi - off]}")

    def base(r) -> str:
        bv, by = getattr(r, "baseline_value", None), getattr(r, "baseline_year", None)
        if bv is None or pd.isna(bv):
            return ""
        year = "" if by is None or pd.isna(by) else f" ({int(by)})"
        return f"{value_text(bv, r.unit)}{year}"

    out = pd.DataFrame({
        "doc_id": t["doc_id"], "kind": t["kind"], "indicator": t["indicator"],
        "canonical": t["canonical"] if "canonical" in t.columns else "",
        "value_text": [value_text(r.value, r.unit, r.comparator,
                                  value_low=getattr(r, "value_low", None),
                                  value_high=getattr(r, "value_high", None))
                       for r in t.itertuples(index=False)],
        "value": t["value"], "unit": t["unit"], "comparator": t["comparator"],
        "target_year": t["target_year"],
        "baseline": [base(r) for r in t.itertuples(index=False)],
        "is_province_level": t["is_province_level"].astype(bool)
        if "is_province_level" in t.columns else False,
        "quote": quotes, "sentence_orig": t["sentence_orig"],
        "target_id": t["target_id"] if "target_id" in t.columns else "",
    })
    meta = _doc_meta(documents)
    if meta is not None:
        keep = [c for c in ("doc_id", "city", "year") if c in meta.columns]
        out = out.merge(meta[keep], on="doc_id", how="left")
        front = ["doc_id", *keep[1:]]
        out = out[front + [c for c in out.columns if c not in front]]
    return out


def targets_by_era(
    comparison: pd.DataFrame,
    *,
    by: str = "era",
    kinds: Sequence[str] = ("target",),
    wide: bool = False,
) -> pd.DataFrame:
    """The targets of each shared indicator, grouped by era (or city ...), side by side.

    Parameters
    ----------
    comparison : DataFrame
        :func:`compare_targets` output (the build's ``target_comparison`` table).
    by : str, keyword-only
        A column of ``comparison`` (``era``, ``city``, ``doc_id``).
    kinds : sequence of str, keyword-only
        Row kinds to include (add ``"achievement"`` to see where cities stood).
    wide : bool, keyword-only
        One row per indicator and one column per group (for display).

    Returns
    -------
    DataFrame
        Long: ``canonical_id, canonical, canonical_en, <by>, doc_id, n_targets, targets``
        (``doc_id`` = the group's documents joined with ``;``; ``targets`` = each target as
        ``city value (year)``, joined with ``; ``), one row per indicator × group that has
        a target, indicators in comparison order, groups sorted. Wide: ``targets`` with
        ``canonical`` as the index and one column per group ("" where a group sets no
        target on the indicator).

    Examples
    --------
    >>> import analysis
    >>> from analysis.targets import compare_targets, extract_targets
    >>> c = analysis.load_corpus()
    >>> cmp = compare_targets(extract_targets(c), c.documents)
    >>> w = targets_by_era(cmp, wide=True)
    >>> w.loc["R&D经费投入强度", "2010s"]
    '通化市 ≈2% (2015)'
    """
    need = ["canonical_id", "canonical", "doc_id", "city", "kind", "value", "unit",
            "comparator", "target_year"]
    _need_columns(comparison, [*need, by], "targets_by_era")
    c = comparison.loc[comparison["kind"].isin(list(kinds))]
    cols = ["canonical_id", "canonical", "canonical_en", by, "doc_id", "n_targets", "targets"]
    if c.empty:
        out = pd.DataFrame({k: [] for k in cols})
        return out.set_index("canonical")[[]] if wide else out
    c = c.assign(_group=c[by].astype(str))
    if "doc_year" in c.columns:
        c = c.sort_values(["doc_year", "doc_id", "target_year", "value"], kind="mergesort",
                          na_position="last")
    indicators = list(dict.fromkeys(comparison["canonical_id"]))
    rows = []
    for cid in indicators:
        sub = c.loc[c["canonical_id"] == cid]
        for g in sorted(set(sub["_group"])):
            part = sub.loc[sub["_group"] == g]
            texts = []
            for r in part.itertuples(index=False):
                year = "" if pd.isna(r.target_year) else f" ({int(r.target_year)})"
                v = value_text(r.value, r.unit, r.comparator,
                               value_low=getattr(r, "value_low", None),
                               value_high=getattr(r, "value_high", None))
                texts.append(f"{r.city} {v}{year}")
            first = part.iloc[0]
            rows.append({"canonical_id": cid, "canonical": first["canonical"],
                         "canonical_en": first.get("canonical_en", ""), by: g,
                         "doc_id": ";".join(dict.fromkeys(part["doc_id"])),
                         "n_targets": len(part), "targets": "; ".join(texts)})
    out = pd.DataFrame(rows, columns=cols)
    if not wide:
        return out
    groups = sorted(set(out[by]))
    tab = out.pivot(index="canonical", columns=by, values="targets").reindex(
        index=list(dict.fromkeys(out["canonical"])), columns=groups).fillna("")
    tab.columns.name = by
    return tab
