"""Agreement between a researcher's hand codes and the automatic coder: Cohen's kappa per
instrument type and per instrument, a type confusion table, per coding set."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.instruments.coding import code_instruments
from analysis.instruments.rules import NONE_CODE, InstrumentRules, PathLike, load_instruments
from analysis.instruments.sheet import HAND_CODED, read_coding_sheet

if TYPE_CHECKING:
    from analysis.text.tokenize import Tokenizer

__all__ = ["AgreementResult", "agreement_by_set", "cohen_kappa", "instrument_agreement",
           "parse_codes"]


#: What a researcher may write for "no instrument" (compared in lower case).
_NONE_WORDS = {"无", "none", "no", "0", "-", "—", "n/a", "na"}

#: Separators between codes in a researcher's cell.
_SPLIT = re.compile(r"\s*[、,,;;/|\n]+\s*")


def parse_codes(cell: Any, *, rules: PathLike | InstrumentRules = "instruments.toml"
                ) -> tuple[str, ...] | None:
    """A researcher's cell → instrument codes; ``()`` for 无/none; ``None`` for blank.

    Examples
    --------
    >>> parse_codes("金融支持、知识产权保护"), parse_codes("无"), parse_codes("")
    (('金融支持', '知识产权保护'), (), None)
    >>> parse_codes("Financial support; 税收优惠 应用示范")
    ('金融支持', '税收优惠', '应用示范')
    """
    if cell is None or (isinstance(cell, float) and cell != cell):
        return None
    text = str(cell).strip()
    if not text:
        return None
    r = load_instruments(rules)
    parts = []
    for chunk in (c for c in _SPLIT.split(text) if c):
        try:  # an English name may contain spaces; Chinese codes may be space-separated
            r.resolve(chunk)
            parts.append(chunk)
        except ValueError:
            parts += chunk.split()
    if all(p.lower() in _NONE_WORDS for p in parts):
        return ()
    out = []
    for p in parts:
        if p.lower() in _NONE_WORDS:
            raise ValueError(f"{text!r}: {p} (no instrument) cannot be combined with codes.")
        out.append(r.resolve(p))
    return tuple(dict.fromkeys(out))


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Cohen's kappa of two binary codings (NaN when both coders never or always code).

    Examples
    --------
    >>> round(cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]), 3)
    0.5
    """
    x, y = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    if len(x) != len(y) or len(x) == 0:
        raise ValueError("cohen_kappa needs two codings of the same, non-zero length.")
    po = float(np.mean(x == y))
    pa, pb = float(x.mean()), float(y.mean())
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe >= 1.0:
        return float("nan")
    return (po - pe) / (1 - pe)


@dataclass
class AgreementResult:
    """The automatic coder against a researcher's codes.

    ``per_type`` and ``per_instrument``: ``n, hand, auto, both, agreement, kappa, precision,
    recall`` (precision and recall treat the researcher as the reference). ``confusion``:
    rows = the researcher's types (or 无), columns = the coder's; a cell counts the clauses
    whose hand codes include the row type and automatic codes include the column type, so
    a clause with several types adds to several cells. ``clauses``: each clause with both
    codings and what the coder missed or added.
    """

    n: int
    n_uncoded: int
    per_type: pd.DataFrame
    per_instrument: pd.DataFrame
    confusion: pd.DataFrame
    clauses: pd.DataFrame = field(repr=False)
    micro_kappa: float = float("nan")
    exact_match: float = float("nan")

    def summary(self) -> str:
        """Kappa per type, the pooled kappa and the confusion table, as text."""
        lines = [f"{self.n} hand-coded clauses ({self.n_uncoded} blank rows skipped); "
                 f"identical code sets: {self.exact_match:.0%}; kappa pooled over "
                 f"instruments: {self.micro_kappa:.2f}", "",
                 "Cohen's kappa per instrument type (does the clause use any instrument of "
                 "the type?):"]
        for _, r in self.per_type.iterrows():
            lines.append(f"  {r['type_zh']} {r['type']:<12} kappa {r['kappa']:6.2f}  "
                         f"agreement {r['agreement']:.0%}  hand {r['hand']:3d}  "
                         f"auto {r['auto']:3d}  both {r['both']:3d}")
        lines += ["", "Confusion of types (rows: researcher, columns: automatic coder):",
                  self.confusion.to_string()]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _binary_table(hand: list[set[str]], auto: list[set[str]], keys: list[str]) -> list[dict]:
    rows = []
    for k in keys:
        h = np.array([k in s for s in hand])
        a = np.array([k in s for s in auto])
        both = int((h & a).sum())
        rows.append({"n": len(h), "hand": int(h.sum()), "auto": int(a.sum()), "both": both,
                     "agreement": round(float((h == a).mean()), 6),
                     "kappa": round(cohen_kappa(h, a), 6),
                     "precision": round(both / a.sum(), 6) if a.sum() else float("nan"),
                     "recall": round(both / h.sum(), 6) if h.sum() else float("nan")})
    return rows


def instrument_agreement(
    sheet: pd.DataFrame | PathLike = HAND_CODED,
    *,
    rules: PathLike | InstrumentRules = "instruments.toml",
    subset: str | None = None,
    tokenizer: Tokenizer | None = None,
) -> AgreementResult:
    """Agreement between a researcher's codes and the automatic coder.

    The sheet's clause texts are coded afresh with ``rules`` (so the figure always describes
    the current rule file, and hand codes survive changes of the clause parser); rows with
    a blank ``researcher_codes`` are skipped. Default: the hand codes shipped with
    policy-lens (``resources/coding/hand_coded_instruments.csv``: a ``development`` set of 70
    clauses, against which the rules were revised once, and a ``held-out`` set of 30 coded
    afterwards). ``subset`` keeps the rows whose ``set`` column has that value.

    Examples
    --------
    >>> import pandas as pd
    >>> sheet = pd.DataFrame({"clause_id": ["d:1", "d:2"], "doc_id": "d",
    ...     "text": ["鼓励银行开展质押贷款。", "加强组织领导。"],
    ...     "researcher_codes": ["金融支持", "无"]})
    >>> res = instrument_agreement(sheet)
    >>> res.per_type.set_index("type").loc["environment", "both"]
    np.int64(1)
    """
    r = load_instruments(rules)
    if not isinstance(sheet, pd.DataFrame):
        sheet = read_coding_sheet(sheet)
    missing = [c for c in ("clause_id", "text", "researcher_codes") if c not in sheet.columns]
    if missing:
        raise ValueError(f"coding sheet: missing column(s) {', '.join(missing)}.")
    if subset is not None:
        if "set" not in sheet.columns:
            raise ValueError(f"subset={subset!r}: the coding sheet has no `set` column.")
        values = sorted(set(sheet["set"]))
        if subset not in values:
            raise ValueError(f"subset={subset!r}: the `set` column has {', '.join(values)}.")
        sheet = sheet.loc[sheet["set"] == subset].reset_index(drop=True)
    parsed = []
    for cid, cell in zip(sheet["clause_id"], sheet["researcher_codes"], strict=True):
        try:
            parsed.append(parse_codes(cell, rules=r))
        except ValueError as exc:
            raise ValueError(f"coding sheet, clause {cid}: {exc}") from None
    coded = sheet.assign(_hand=parsed)
    n_uncoded = int(coded["_hand"].isna().sum())
    coded = coded.loc[coded["_hand"].notna()].reset_index(drop=True)
    if coded.empty:
        raise ValueError("coding sheet: no clause has researcher_codes yet; write codes (or "
                         f"{NONE_CODE}) in that column.")
    doc = coded["doc_id"] if "doc_id" in coded.columns else coded["clause_id"].str.split(":").str[0]
    units = pd.DataFrame({"doc_id": doc, "clause_id": coded["clause_id"],
                          "text": coded["text"].astype(str), "char_start": 0,
                          "char_end": coded["text"].astype(str).str.len()})
    auto_codes = code_instruments(units, rules=r, tokenizer=tokenizer)
    auto_by = auto_codes.groupby("clause_id")["instrument"].agg(set)
    hand = [set(h) for h in coded["_hand"]]
    auto = [set(auto_by.get(c, set())) for c in coded["clause_id"]]
    typ = {i.code: i.type for i in r.instruments}
    hand_t = [{typ[c] for c in s} for s in hand]
    auto_t = [{typ[c] for c in s} for s in auto]
    tzh = {t.key: t.zh for t in r.types}
    per_type = pd.DataFrame(_binary_table(hand_t, auto_t, [t.key for t in r.types]))
    per_type.insert(0, "type", [t.key for t in r.types])
    per_type.insert(1, "type_zh", [t.zh for t in r.types])
    per_ins = pd.DataFrame(_binary_table(hand, auto, r.codes))
    per_ins.insert(0, "instrument", r.codes)
    per_ins.insert(1, "type", [typ[c] for c in r.codes])
    labels = [t.zh for t in r.types] + [NONE_CODE]
    conf = pd.DataFrame(0, index=pd.Index(labels, name="researcher"),
                        columns=pd.Index(labels, name="automatic"), dtype=np.int64)
    for h, a in zip(hand_t, auto_t, strict=True):
        for x in [tzh[k] for k in h] or [NONE_CODE]:
            for y in [tzh[k] for k in a] or [NONE_CODE]:
                conf.loc[x, y] += 1
    pairs_h = np.array([[c in s for c in r.codes] for s in hand]).ravel()
    pairs_a = np.array([[c in s for c in r.codes] for s in auto]).ravel()
    order = {c: i for i, c in enumerate(r.codes)}

    def fmt(s: set[str]) -> str:
        return "、".join(sorted(s, key=order.get)) or NONE_CODE

    clauses = pd.DataFrame({
        "clause_id": coded["clause_id"], "doc_id": doc, "text": coded["text"],
        "hand_codes": [fmt(s) for s in hand], "auto_codes": [fmt(s) for s in auto],
        "missed": [fmt(h - a) if h - a else "" for h, a in zip(hand, auto, strict=True)],
        "added": [fmt(a - h) if a - h else "" for h, a in zip(hand, auto, strict=True)],
    })
    return AgreementResult(
        n=len(coded), n_uncoded=n_uncoded, per_type=per_type, per_instrument=per_ins,
        confusion=conf, clauses=clauses, micro_kappa=cohen_kappa(pairs_h, pairs_a),
        exact_match=float(np.mean([h == a for h, a in zip(hand, auto, strict=True)])),
    )


def agreement_by_set(
    sheet: pd.DataFrame | PathLike = HAND_CODED,
    *,
    rules: PathLike | InstrumentRules = "instruments.toml",
    by: str = "set",
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    """Kappa per instrument type for each part of a coding sheet, and for all of it.

    The shipped hand codes have a ``set`` column: ``development`` (the clauses the rules
    were revised against) and ``held-out`` (coded afterwards, the honest estimate). A sheet
    without the ``by`` column gives the ``all`` rows only.

    Returns
    -------
    DataFrame
        ``set, type, type_zh, n, hand, auto, both, agreement, kappa, precision, recall``
        plus ``micro_kappa`` (kappa pooled over all instruments) and ``exact_match`` (share
        of clauses whose code sets are identical) of that set; one row per set × type,
        ``all`` first.

    Examples
    --------
    >>> t = agreement_by_set()
    >>> t.loc[t["set"] == "held-out", "n"].iloc[0]
    np.int64(30)
    """
    if not isinstance(sheet, pd.DataFrame):
        sheet = read_coding_sheet(sheet)
    parts: list[tuple[str, pd.DataFrame]] = [("all", sheet)]
    if by in sheet.columns:
        parts += [(str(v), sheet.loc[sheet[by] == v]) for v in dict.fromkeys(sheet[by])]
    frames = []
    for name, part in parts:
        try:
            res = instrument_agreement(part.reset_index(drop=True), rules=rules,
                                       tokenizer=tokenizer)
        except ValueError as exc:
            if "no clause has researcher_codes" in str(exc) and name != "all":
                continue  # a set with nothing coded yet
            raise
        t = res.per_type.copy()
        t.insert(0, "set", name)
        t["micro_kappa"] = round(res.micro_kappa, 6)
        t["exact_match"] = round(res.exact_match, 6)
        frames.append(t)
    return pd.concat(frames, ignore_index=True).rename(columns={"set": by})

