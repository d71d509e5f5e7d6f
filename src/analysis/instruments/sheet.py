"""The coding sheet: clauses to code by hand (XLSX + CSV), written and read back.

A researcher codes a sample of clauses in ``researcher_codes`` (instrument codes, or 无 for
none); :mod:`analysis.instruments.agreement` compares those codes with the automatic coder.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.instruments.coding import code_instruments
from analysis.instruments.rules import NONE_CODE, InstrumentRules, PathLike, load_instruments
from analysis.io import write_csv, write_xlsx
from analysis.lexicon import check_units, countable, doc_order

__all__ = ["HAND_CODED", "SHEET_COLUMNS", "coding_sheet", "hand_coded", "read_coding_sheet",
           "write_coding_sheet"]


#: The hand codes shipped with policy-lens (a packaged resource; see ``coding_guide.md``).
HAND_CODED = "coding/hand_coded_instruments.csv"
#: Columns of a coding sheet (``auto_*`` absent from a blind sheet).
SHEET_COLUMNS = ["clause_id", "doc_id", "text", "auto_codes", "auto_types", "researcher_codes",
                 "notes"]


def coding_sheet(
    units: pd.DataFrame,
    *,
    rules: PathLike | InstrumentRules = "instruments.toml",
    codes: pd.DataFrame | None = None,
    n: int | None = None,
    seed: int = 4,
    kinds: Sequence[str] | None = None,
    exclude: Sequence[str] | pd.DataFrame | None = None,
    blind: bool = False,
    tokens: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A sheet for hand-coding instruments: one row per clause.

    Parameters
    ----------
    units : DataFrame
        Clauses. The clauses that count in shares are offered (not title-only headings,
        responsible-unit cells or closing matter); ``kinds`` restricts them further to the
        listed values of a ``kind`` column.
    n : int, keyword-only
        Draw a sample of ``n`` clauses spread evenly over the documents (seeded); all clauses
        when ``None``.
    exclude : clause ids or a coding sheet, keyword-only
        Clauses not to offer again (e.g. those already hand-coded), so a second sample is
        disjoint from the first.
    blind : bool, keyword-only
        Leave the automatic codes out, so the coder cannot lean on them.

    Returns
    -------
    DataFrame
        ``clause_id, doc_id, text, auto_codes, auto_types, researcher_codes, notes`` with the
        last two empty (``auto_*`` absent when ``blind``), in clause order.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["鼓励银行开展质押贷款。", "加强组织领导。"], "char_start": [0, 11],
    ...     "char_end": [11, 18]})
    >>> coding_sheet(units)[["clause_id", "auto_codes", "researcher_codes"]].values.tolist()
    [['d:1', '金融支持', ''], ['d:2', '无', '']]
    """
    units = check_units(units)
    r = load_instruments(rules)
    pool = units.loc[countable(units)]
    if kinds is not None and "kind" in pool.columns:
        pool = pool.loc[pool["kind"].isin(kinds)]
    if exclude is not None:
        ids = exclude["clause_id"] if isinstance(exclude, pd.DataFrame) else exclude
        pool = pool.loc[~pool["clause_id"].isin(set(ids))]
    if n is not None:
        rng = np.random.default_rng(seed)
        docs = doc_order(pool)
        if n < len(docs):
            raise ValueError(f"n={n}: ask for at least one clause per document ({len(docs)}).")
        quota = {d: n // len(docs) + (i < n % len(docs)) for i, d in enumerate(docs)}
        picked = []
        for d in docs:
            idx = np.flatnonzero(pool["doc_id"].to_numpy() == d)
            take = min(quota[d], len(idx))
            picked += sorted(rng.choice(idx, size=take, replace=False).tolist())
        pool = pool.iloc[sorted(picked)]
    sheet = pool[["clause_id", "doc_id", "text"]].reset_index(drop=True)
    if not blind:
        if codes is None:
            codes = code_instruments(pool, rules=r, tokens=tokens)
        per = codes.groupby("clause_id", sort=False)
        auto = per["instrument"].agg("、".join)
        types = per["type"].agg(lambda s: "、".join(
            next(t.zh for t in r.types if t.key == k) for k in dict.fromkeys(s)))
        sheet["auto_codes"] = sheet["clause_id"].map(auto).fillna(NONE_CODE)
        sheet["auto_types"] = sheet["clause_id"].map(types).fillna(NONE_CODE)
    sheet["researcher_codes"] = ""
    sheet["notes"] = ""
    return sheet


def _codebook(r: InstrumentRules) -> pd.DataFrame:
    return pd.DataFrame([{"instrument": i.code, "instrument_en": i.en, "type": i.type,
                          "type_zh": r.type_of(i.code).zh,
                          "example_terms": "、".join(i.match.terms[:8])}
                         for i in r.instruments])


def write_coding_sheet(sheet: pd.DataFrame, path: PathLike, *,
                       rules: PathLike | InstrumentRules = "instruments.toml") -> list[Path]:
    """Write the sheet as ``<path>.xlsx`` (with a codebook sheet) and ``<path>.csv``
    (UTF-8 with BOM, for Excel); returns both paths.

    Examples
    --------
    >>> import tempfile
    >>> sheet = pd.DataFrame({"clause_id": ["d:1"], "doc_id": "d", "text": ["加强组织领导。"],
    ...                       "researcher_codes": "", "notes": ""})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_coding_sheet(sheet, Path(tmp) / "sheet")
    ...     back = read_coding_sheet(paths[1])
    >>> [p.suffix for p in paths], back["clause_id"].tolist()
    (['.xlsx', '.csv'], ['d:1'])
    """
    base = Path(path)
    if base.suffix.lower() in (".xlsx", ".csv"):
        base = base.with_suffix("")
    r = load_instruments(rules)
    xlsx = write_xlsx({"coding": sheet, "codebook": _codebook(r)}, base.with_suffix(".xlsx"))
    csv = write_csv(sheet, base.with_suffix(".csv"))
    return [xlsx, csv]


def read_coding_sheet(path: PathLike) -> pd.DataFrame:
    """Read a filled coding sheet (CSV or XLSX). Needs ``clause_id``, ``text`` and
    ``researcher_codes`` columns; errors name the file and what is missing."""
    p = Path(path)
    if not p.is_file():
        res = resources.files("analysis.resources").joinpath(*Path(path).parts)
        if not res.is_file():
            raise FileNotFoundError(f"{path}: no such coding sheet (give the path of a CSV or "
                                    "XLSX file written by `policy-lens coding-sheet`).")
        df = pd.read_csv(io.StringIO(res.read_text(encoding="utf-8-sig")), dtype=str,
                         keep_default_na=False)
    elif p.suffix.lower() == ".xlsx":
        df = pd.read_excel(p, sheet_name=0, dtype=str).fillna("")
    else:
        df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in ("clause_id", "text", "researcher_codes") if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; a coding sheet has "
                         "clause_id, text and researcher_codes (see policy-lens coding-sheet).")
    if df["clause_id"].duplicated().any():
        dup = df.loc[df["clause_id"].duplicated(), "clause_id"].iloc[0]
        raise ValueError(f"{path}: clause_id {dup!r} appears twice.")
    if "doc_id" not in df.columns:
        df["doc_id"] = df["clause_id"].str.split(":").str[0]
    return df


def hand_coded() -> pd.DataFrame:
    """The clauses hand-coded for policy-lens (see ``resources/coding/coding_guide.md``).

    Examples
    --------
    >>> hand_coded().groupby("set").size().to_dict()
    {'development': 70, 'held-out': 30}
    """
    return read_coding_sheet(HAND_CODED)

