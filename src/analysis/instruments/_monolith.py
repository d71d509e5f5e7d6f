"""Policy instruments: supply, environment and demand tools, coded clause by clause.

The framework is Rothwell & Zegveld's, in the form Chinese S&T policy studies use (赵筱媛 &
苏竣 2007): supply instruments (教育培训, 科技信息支持, 科技基础设施建设, 科技资金投入,
公共服务), environment instruments (目标规划, 金融支持, 税收优惠, 知识产权保护, 法规管制,
策略性措施) and demand instruments (政府采购, 服务外包, 贸易管制, 海外机构管理, 应用示范).

Each clause gets zero or more instrument codes from an editable rule file
(``resources/instruments.toml``: terms, regular expressions and sentence-level co-occurrence
rules), written to follow a coding guide (``resources/coding/coding_guide.md``). The matched
terms are kept as evidence. Crosstabs give instrument × document and instrument × era counts
and shares. A coding sheet (XLSX + CSV) lets a researcher code clauses by hand; reading it
back gives Cohen's kappa per instrument type and a type confusion table against the
automatic coder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.resources import read_toml
from analysis.themes._monolith import (
    _MASK,
    TermSet,
    _check_units,
    _countable,
    _doc_order,
    _str_list,
    _UnitTokens,
    _with_meta,
    termset_from_table,
    with_exclude,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from analysis.text.tokenize import Tokenizer

__all__ = [
    "HAND_CODED",
    "NONE_CODE",
    "AgreementResult",
    "Instrument",
    "InstrumentRules",
    "InstrumentType",
    "Rule",
    "agreement_by_set",
    "code_instruments",
    "coding_sheet",
    "cohen_kappa",
    "hand_coded",
    "instrument_agreement",
    "instrument_cell",
    "instrument_counts",
    "instrument_crosstab",
    "instrument_hits",
    "instrument_tables",
    "instrument_type_counts",
    "load_instruments",
    "parse_codes",
    "read_coding_sheet",
    "write_coding_sheet",
]

PathLike = str | os.PathLike[str]

#: What a researcher writes for a clause with no instrument (blank = not coded yet).
NONE_CODE = "无"
_NONE_WORDS = {"无", "none", "no", "0", "-", "—", "n/a", "na"}
_SPLIT = re.compile(r"\s*[、,,;;/|\n]+\s*")
_SENTENCE = re.compile(r"[^。;;!?!?\n]+[。;;!?!?\n]*|[。;;!?!?\n]+")
HAND_CODED = "coding/hand_coded_instruments.csv"
SHEET_COLUMNS = ["clause_id", "doc_id", "text", "auto_codes", "auto_types", "researcher_codes",
                 "notes"]


# --------------------------------------------------------------------------- the rule file


@dataclass(frozen=True)
class InstrumentType:
    """One of the three instrument types: ``supply``, ``environment``, ``demand``."""

    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Rule:
    """A co-occurrence rule: every group must have a term in one sentence (or the clause)."""

    groups: tuple[TermSet, ...]
    scope: str = "sentence"
    window: int | None = None

    def find(self, text: str, spans: Sequence[tuple[int, int, str]] = ()
             ) -> list[tuple[int, int, str]]:
        """The group matches that make the rule hold (empty when it does not).

        With ``window``, every other group needs a match starting within ``window``
        characters of a match of the first group (in the same sentence unless
        ``scope="clause"``); those matches are the evidence.
        """
        return self._combine(text, [g.find(text, spans) for g in self.groups])

    def _combine(self, text: str, found: list[list[tuple[int, int, str]]]
                 ) -> list[tuple[int, int, str]]:
        """:meth:`find` from the matches ``found`` of each group in ``text``."""
        import bisect

        if any(not f for f in found):
            return []
        if self.scope == "clause":
            sentence = lambda h: 0  # noqa: E731 - the whole clause is one unit
        else:
            starts = [m.start() for m in _SENTENCE.finditer(text)] or [0]

            def sentence(h: tuple[int, int, str]) -> int:
                return bisect.bisect_right(starts, h[0]) - 1

        if self.window is None:
            ok = set.intersection(*({sentence(h) for h in f} for f in found))
            return sorted({h for f in found for h in f if sentence(h) in ok})
        out: set[tuple[int, int, str]] = set()
        for anchor in found[0]:
            near = [[h for h in f if sentence(h) == sentence(anchor)
                     and abs(h[0] - anchor[0]) <= self.window] for f in found[1:]]
            if all(near):
                out.add(anchor)
                out.update(h for n in near for h in n)
        return sorted(out)


@dataclass(frozen=True)
class Instrument:
    """A policy instrument: its code (Chinese name), type, English name and how it is found."""

    code: str
    type: str
    en: str
    match: TermSet
    rules: tuple[Rule, ...] = ()

    def find(self, text: str, spans: Sequence[tuple[int, int, str]] = ()
             ) -> list[tuple[int, int, str, str]]:
        """Evidence in ``text``: ``(start, end, term, via)`` with via ``term`` or ``rule N``."""
        return self._merge(self.match.find(text, spans),
                           [rule.find(text, spans) for rule in self.rules])

    @staticmethod
    def _merge(terms: list[tuple[int, int, str]], by_rule: list[list[tuple[int, int, str]]]
               ) -> list[tuple[int, int, str, str]]:
        """:meth:`find` from the term matches and each rule's matches."""
        out = [(s, e, t, "term") for s, e, t in terms]
        for i, found in enumerate(by_rule, start=1):
            out += [(s, e, t, f"rule {i}") for s, e, t in found]
        seen: set[tuple[int, int]] = set()
        uniq = []
        for h in sorted(out, key=lambda h: (h[0], h[1], h[3])):
            if (h[0], h[1]) not in seen:
                seen.add((h[0], h[1]))
                uniq.append(h)
        return uniq


@dataclass(frozen=True)
class InstrumentRules:
    """The instruments and types of a rule file, in file order.

    Examples
    --------
    >>> r = load_instruments()
    >>> [t.key for t in r.types], len(r.instruments)
    (['supply', 'environment', 'demand'], 16)
    >>> r.resolve("financial support"), r.type_of("金融支持").zh
    ('金融支持', '环境型')
    """

    instruments: tuple[Instrument, ...]
    types: tuple[InstrumentType, ...]
    source: str = "instruments.toml"

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.instruments]

    def __getitem__(self, code: str) -> Instrument:
        return self.instruments[self.codes.index(self.resolve(code))]

    def resolve(self, name: str) -> str:
        """The code for a Chinese code or English name (case-insensitive)."""
        key = str(name).strip()
        for ins in self.instruments:
            if key == ins.code or key.lower() == ins.en.lower():
                return ins.code
        raise ValueError(f"{name!r} is not an instrument of {self.source}; use one of "
                         f"{'、'.join(self.codes)} (or write {NONE_CODE} for none).")

    def type_of(self, code: str) -> InstrumentType:
        t = self[code].type
        return next(x for x in self.types if x.key == t)

    def terms(self) -> list[str]:
        """Every term of every instrument and rule group (sorted, unique)."""
        out = set()
        for ins in self.instruments:
            out |= set(ins.match.all_terms())
            for rule in ins.rules:
                for g in rule.groups:
                    out |= set(g.all_terms())
        return sorted(out)


def load_instruments(path: PathLike | InstrumentRules = "instruments.toml") -> InstrumentRules:
    """Read an instrument rule file (the packaged ``instruments.toml`` or your own).

    ``[[type]]`` tables name the types; each ``[[instrument]]`` has ``code``, ``type``,
    ``en``, and ``terms`` / ``patterns`` / ``tokens`` / ``exclude`` and optional
    ``[[instrument.rule]]`` tables with ``all = [[...], [...]]`` and ``scope``.
    """
    if isinstance(path, InstrumentRules):
        return path
    data = read_toml(path)
    ttables = data.get("type")
    if not isinstance(ttables, list) or not ttables:
        raise ValueError(f"{path}: no [[type]] tables; name the instrument types (supply, "
                         "environment, demand) as [[type]] tables with key, zh and en.")
    types = []
    for i, t in enumerate(ttables):
        ts = termset_from_table(t, where=f"{path}: type #{i + 1}", require_terms=False)
        types.append(InstrumentType(ts.key, ts.zh, ts.en))
    type_keys = [t.key for t in types]
    head = data.get("rules", {})
    if not isinstance(head, dict):
        raise ValueError(f"{path}: [rules] must be a table (exclude).")
    common = _str_list(head.get("exclude"), where=f"{path}: [rules]", name="exclude")
    itables = data.get("instrument")
    if not isinstance(itables, list) or not itables:
        raise ValueError(f"{path}: no [[instrument]] tables.")
    instruments = []
    for i, t in enumerate(itables):
        where = f"{path}: instrument #{i + 1} ({t.get('code', '?')})"
        if t.get("type") not in type_keys:
            raise ValueError(f"{where}: type {t.get('type')!r} is not one of "
                             f"{', '.join(type_keys)}.")
        table = {**t, "zh": t.get("code")}
        match = with_exclude(termset_from_table(table, where=where, key_field="code",
                                                require_terms=not t.get("rule")), common)
        rules = []
        for j, r in enumerate(t.get("rule", []), start=1):
            rwhere = f"{where}, rule {j}"
            groups = r.get("all") if isinstance(r, dict) else None
            if not isinstance(groups, list) or len(groups) < 2:
                raise ValueError(f"{rwhere}: `all` must list at least two term groups, e.g. "
                                 'all = [["培养", "引进"], ["人才"]].')
            scope = r.get("scope", "sentence")
            if scope not in ("sentence", "clause"):
                raise ValueError(f"{rwhere}: scope {scope!r} must be 'sentence' or 'clause'.")
            window = r.get("window")
            if window is not None and (not isinstance(window, int) or window < 1):
                raise ValueError(f"{rwhere}: window must be a positive number of characters.")
            gsets = tuple(with_exclude(
                termset_from_table({"key": f"g{k}", "zh": f"g{k}", "en": f"g{k}", "terms": g},
                                   where=f"{rwhere}, group {k}"), match.exclude)
                for k, g in enumerate(groups, start=1))
            rules.append(Rule(gsets, scope, window))
        instruments.append(Instrument(match.key, t["type"], match.en, match, tuple(rules)))
    codes = [x.code for x in instruments]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        raise ValueError(f"{path}: instrument code(s) {', '.join(sorted(dup))} defined twice.")
    return InstrumentRules(tuple(instruments), tuple(types), str(path))


# --------------------------------------------------------------------------- coding


class _FastUnitTokens(_UnitTokens):
    """:class:`analysis.themes._UnitTokens` with the unit columns read once as lists (no
    per-clause ``iloc``); same spans."""

    def __init__(self, units: pd.DataFrame, tokens: pd.DataFrame | None,
                 tokenizer: Tokenizer | None, doc_ids: list, starts: list, ends: list,
                 texts: list[str]) -> None:
        super().__init__(units, tokens, tokenizer)
        self.doc_ids, self.starts, self.ends, self.texts = doc_ids, starts, ends, texts

    def spans(self, i: int, *, with_kind: bool = False) -> list[tuple]:
        doc_id = self.doc_ids[i]
        if self.tokens is not None and doc_id in self._index():
            import numpy as np

            starts, ends, toks, kinds = self._index()[doc_id]
            a, b = int(self.starts[i]), int(self.ends[i])
            lo, hi = np.searchsorted(starts, a, "left"), np.searchsorted(starts, b, "left")
            out = []
            for s, e, t, k in zip(starts[lo:hi].tolist(), ends[lo:hi].tolist(), toks[lo:hi],
                                  kinds[lo:hi], strict=True):
                if e <= b:
                    out.append((s - a, e - a, t, k) if with_kind else (s - a, e - a, t))
            return out
        return super().spans(i, with_kind=with_kind)


class _Joined:
    """All unit texts joined by a separator, to run a literal regex once over the corpus.

    Literal terms and exclusion contexts that do not contain the separator never match
    across it, so matching (and masking) the joined text gives, unit by unit, what matching
    each unit's text gives.
    """

    SEP = "\x00"

    def __init__(self, texts: list[str]) -> None:
        import numpy as np

        self.n = len(texts)
        self.text = self.SEP.join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=self.n)
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if self.n else lengths
        self._masked: dict[frozenset[str], str] = {}
        self._found: dict[str, list[int]] = {}

    def unit_of(self, pos: np.ndarray) -> np.ndarray:
        import numpy as np

        return np.searchsorted(self.starts, pos, "right") - 1

    def units_with(self, literals: Sequence[str]) -> np.ndarray:
        """Units whose text contains one of ``literals`` (none may contain the separator)."""
        import numpy as np

        out = np.zeros(self.n, dtype=bool)
        if not literals or not self.n:
            return out
        ordered = sorted(set(literals), key=lambda t: (-len(t), t))
        rx = re.compile("|".join(re.escape(t) for t in ordered))
        # Non-overlapping matches never cross a separator, so every unit that contains a
        # literal gets at least one match inside it.
        pos = np.fromiter((m.start() for m in rx.finditer(self.text)), dtype=np.int64)
        out[self.unit_of(pos)] = True
        return out

    def masked(self, exclude: Sequence[str]) -> str:
        """The joined text masked like :meth:`TermSet.mask` masks each unit's text."""
        key = frozenset(exclude)
        if key not in self._masked:
            text = self.text
            spans = []
            for ex in key:  # occurrences (overlapping too) of each context, found once
                if ex not in self._found:
                    found, i = [], text.find(ex)
                    while i >= 0:
                        found.append(i)
                        i = text.find(ex, i + 1)
                    self._found[ex] = found
                spans += [(i, i + len(ex)) for i in self._found[ex]]
            parts, last = [], 0
            for a, b in sorted(spans):
                if b > last:
                    a = max(a, last)
                    parts += [text[last:a], _MASK * (b - a)]
                    last = b
            parts.append(text[last:])
            self._masked[key] = "".join(parts)
        return self._masked[key]


def _termset_hits(ts: TermSet, corpus: _Joined, toks: _FastUnitTokens
                  ) -> dict[int, list[tuple[int, int, str]]]:
    """``ts.find`` of every unit (unit index → matches, units without matches left out).

    Sets of literal terms are matched over the masked, joined corpus text; sets with
    patterns or token terms are matched unit by unit, in the units that can match."""
    import numpy as np

    sep = _Joined.SEP
    if not ts.patterns and not ts.tokens and not any(sep in t for t in ts.terms) \
            and not any(sep in x for x in ts.exclude):
        if ts._term_re is None or not corpus.n:
            return {}
        found = [(m.start(), m.end(), m.group())
                 for m in ts._term_re.finditer(corpus.masked(ts.exclude))]
        if not found:
            return {}
        pos = np.fromiter((h[0] for h in found), dtype=np.int64, count=len(found))
        units = corpus.unit_of(pos).tolist()
        base = corpus.starts[units].tolist()
        out: dict[int, list[tuple[int, int, str]]] = {}
        for k, b, (s, e, t) in zip(units, base, found, strict=True):
            out.setdefault(k, []).append((s - b, e - b, t))
        return out
    if ts.patterns or any(sep in t for t in ts.terms):
        cand = np.ones(corpus.n, dtype=bool)
    else:
        cand = corpus.units_with(ts.terms)
    if ts.tokens:
        cand |= _token_units(set(ts.tokens), toks)
    out = {}
    for k in np.flatnonzero(cand).tolist():
        found = ts.find(toks.texts[k], toks.spans(k) if ts.tokens else ())
        if found:
            out[k] = found
    return out


def _token_units(wanted: set[str], toks: _FastUnitTokens) -> np.ndarray:
    """Units with a token in ``wanted`` starting inside them (a superset of the units whose
    spans hold such a token); units of documents without token table rows (their spans
    come from the segmenter) all count."""
    import numpy as np
    import pandas as pd

    n = len(toks.doc_ids)
    if toks.tokens is None or not n:
        return np.ones(n, dtype=bool)
    t = toks.tokens
    docs = pd.Index(pd.unique(t["doc_id"]))
    code = docs.get_indexer(pd.Index(toks.doc_ids))
    out = code < 0
    m = t.loc[t["token"].isin(wanted), ["doc_id", "start"]]
    if m.empty:
        return out
    unit_a = np.asarray(toks.starts, dtype=np.int64)
    unit_b = np.asarray(toks.ends, dtype=np.int64)
    starts = m["start"].to_numpy(dtype=np.int64)
    big = int(max(starts.max(), unit_b.max(), 0)) + 1
    keys = np.sort(docs.get_indexer(m["doc_id"]) * big + starts)
    inside = ~out
    base = code[inside] * big
    out[inside] = (np.searchsorted(keys, base + unit_b[inside], "left")
                   > np.searchsorted(keys, base + unit_a[inside], "left"))
    return out


def instrument_hits(
    units: pd.DataFrame,
    *,
    rules: PathLike | InstrumentRules = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    """The evidence behind every instrument code: one row per matched term.

    Columns ``doc_id, clause_id, instrument, type, term, start, end, via`` (``start/end``
    are document offsets; ``via`` is ``term`` or the co-occurrence ``rule N``).
    """
    import pandas as pd

    units = _check_units(units)
    r = load_instruments(rules)
    texts = units["text"].astype(str).tolist()
    doc_ids = units["doc_id"].tolist()
    clause_ids = units["clause_id"].tolist()
    starts = units["char_start"].astype(int).tolist()
    toks = _FastUnitTokens(units, tokens, tokenizer, doc_ids, starts,
                           units["char_end"].tolist(), texts)
    # Each term set (an instrument's terms, each rule group) is matched once over the whole
    # corpus; clauses are then visited only where something matched.
    corpus = _Joined(texts)
    cache: dict[tuple, dict[int, list[tuple[int, int, str]]]] = {}

    def hits_of(ts: TermSet) -> dict[int, list[tuple[int, int, str]]]:
        key = (ts.terms, ts.tokens, ts.exclude, ts.patterns)
        if key not in cache:
            cache[key] = _termset_hits(ts, corpus, toks)
        return cache[key]

    term_hits = [hits_of(ins.match) for ins in r.instruments]
    rule_hits = [[[hits_of(g) for g in rule.groups] for rule in ins.rules]
                 for ins in r.instruments]
    per_clause: list[list[int]] = [[] for _ in texts]
    for j in range(len(r.instruments)):
        found = set(term_hits[j])
        for groups in rule_hits[j]:
            found.update(set(groups[0]).intersection(*groups[1:]))
        for k in sorted(found):
            per_clause[k].append(j)
    rows = []
    for k, js in enumerate(per_clause):
        if not js:
            continue
        doc_id, clause_id, text, a = doc_ids[k], clause_ids[k], texts[k], starts[k]
        for j in js:
            ins = r.instruments[j]
            by_rule = [rule._combine(text, [g.get(k, []) for g in groups])
                       for rule, groups in zip(ins.rules, rule_hits[j], strict=True)]
            rows += [(doc_id, clause_id, ins.code, ins.type, t, a + s, a + e, via)
                     for s, e, t, via in Instrument._merge(term_hits[j].get(k, []), by_rule)]
    out = pd.DataFrame(rows, columns=["doc_id", "clause_id", "instrument", "type", "term",
                                      "start", "end", "via"])
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
    import pandas as pd

    units = _check_units(units)
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
        import numpy as np

        order = np.argsort(hits["start"].to_numpy(), kind="stable")
        groups: dict[tuple, dict[Any, None]] = {}
        for key, term in zip(zip(*(hits[k].to_numpy()[order] for k in keys), strict=True),
                             hits["term"].to_numpy()[order], strict=True):
            groups.setdefault(key, {})[term] = None
        out = pd.DataFrame(list(groups), columns=keys)
        out["terms"] = ["、".join(t) for t in groups.values()]
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


def _clause_frame(units: pd.DataFrame, documents: pd.DataFrame | None, by: str,
                  countable: Any = None) -> pd.DataFrame:
    """Countable clauses with their grouping value (``countable``: :func:`_countable` of
    ``units`` as an array, when already known)."""
    keep = _countable(units) if countable is None else countable
    c = units.loc[keep, ["doc_id", "clause_id"]].copy()
    if by == "doc_id":
        c["_group"] = c["doc_id"]
    else:
        if documents is None or by not in documents.columns:
            raise ValueError(f"by={by!r}: pass documents= (corpus.documents) with a {by!r} "
                             "column.")
        c["_group"] = c["doc_id"].map(documents.drop_duplicates("doc_id")
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
    >>> t = instrument_crosstab(code_instruments(units), units, level="type")
    >>> t.set_index("type")["clauses"].to_dict()
    {'supply': 0, 'environment': 2, 'demand': 0}
    """
    return _crosstab(codes, units, by=by, level=level, documents=documents, rules=rules,
                     wide=wide, value=value)


def _crosstab(codes: pd.DataFrame, units: pd.DataFrame, *, by: str, level: str,
              documents: pd.DataFrame | None, rules: PathLike | InstrumentRules,
              wide: bool = False, value: str = "codes", countable: Any = None
              ) -> pd.DataFrame:
    """:func:`instrument_crosstab`; ``countable`` as in :func:`_clause_frame`."""
    import numpy as np
    import pandas as pd

    if level not in ("instrument", "type"):
        raise ValueError(f"level={level!r}: use 'instrument' or 'type'.")
    if value not in ("codes", "code_share", "clause_share", "clauses"):
        raise ValueError(f"value={value!r}: use codes, code_share, clause_share or clauses.")
    units = _check_units(units)
    r = load_instruments(rules)
    clauses = _clause_frame(units, documents, by, countable)
    groups = list(dict.fromkeys(clauses["_group"]))
    n_clauses = clauses.groupby("_group", sort=False).size()
    c = codes.loc[codes["clause_id"].isin(set(clauses["clause_id"]))].copy()
    c["_group"] = c["clause_id"].map(clauses.set_index("clause_id")["_group"])
    tzh = {t.key: t.zh for t in r.types}
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
    out = pd.DataFrame(recs)
    out.insert(key_cols.index("type") + 2, "type_zh", out["type"].map(tzh))
    if level == "instrument":
        out.insert(out.columns.get_loc("instrument") + 1, "instrument_en",
                   out["instrument"].map({i.code: i.en for i in r.instruments}))
    out = out.astype({"clause_share": np.float64, "code_share": np.float64})
    if wide:
        label = "instrument" if level == "instrument" else "type_zh"
        order = list(dict.fromkeys(out[label]))
        tab = out.pivot(index=label, columns="_group", values=value).reindex(
            index=order, columns=groups)
        tab.columns.name = by
        return tab
    if by == "doc_id":
        out = out.rename(columns={"_group": "doc_id"})
        return _with_meta(out, documents)
    members = clauses.drop_duplicates("doc_id").groupby("_group", sort=False)["doc_id"].agg(
        ";".join)
    out.insert(0, "doc_id", out["_group"].map(members))
    return out.rename(columns={"_group": by})[[by, *[c for c in out.columns
                                                      if c != "_group"]]]


def instrument_counts(codes: pd.DataFrame, units: pd.DataFrame, *,
                      documents: pd.DataFrame | None = None,
                      rules: PathLike | InstrumentRules = "instruments.toml") -> pd.DataFrame:
    """Instrument × document counts and shares (the long :func:`instrument_crosstab`)."""
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
    """Instrument type × document counts and shares."""
    return instrument_crosstab(codes, units, by="doc_id", level="type", documents=documents,
                               rules=rules)


# --------------------------------------------------------------------------- coding sheet


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
    """
    import numpy as np

    units = _check_units(units)
    r = load_instruments(rules)
    pool = units.loc[_countable(units)]
    if kinds is not None and "kind" in pool.columns:
        pool = pool.loc[pool["kind"].isin(kinds)]
    if exclude is not None:
        import pandas as pd

        ids = exclude["clause_id"] if isinstance(exclude, pd.DataFrame) else exclude
        pool = pool.loc[~pool["clause_id"].isin(set(ids))]
    if n is not None:
        rng = np.random.default_rng(seed)
        docs = _doc_order(pool)
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
    import pandas as pd

    return pd.DataFrame([{"instrument": i.code, "instrument_en": i.en, "type": i.type,
                          "type_zh": r.type_of(i.code).zh,
                          "example_terms": "、".join(i.match.terms[:8])}
                         for i in r.instruments])


def write_coding_sheet(sheet: pd.DataFrame, path: PathLike, *,
                       rules: PathLike | InstrumentRules = "instruments.toml") -> list[Path]:
    """Write the sheet as ``<path>.xlsx`` (with a codebook sheet) and ``<path>.csv``
    (UTF-8 with BOM, for Excel); returns both paths."""
    from analysis.io import write_csv, write_xlsx

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
    import pandas as pd

    p = Path(path)
    if not p.is_file():
        import io
        from importlib import resources

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
    import numpy as np

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
    import numpy as np

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
    import numpy as np
    import pandas as pd

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
    import pandas as pd

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


def hand_coded() -> pd.DataFrame:
    """The clauses hand-coded for policy-lens (see ``resources/coding/coding_guide.md``)."""
    return read_coding_sheet(HAND_CODED)


# --------------------------------------------------------------------------- build + CLI


def instrument_tables(
    units: pd.DataFrame,
    *,
    tokens: pd.DataFrame | None,
    documents: pd.DataFrame,
    rules: PathLike | InstrumentRules = "instruments.toml",
) -> dict[str, pd.DataFrame]:
    """Every instrument table of a corpus at once, sharing the coding between them.

    Parameters
    ----------
    units : DataFrame
        The clause table (:func:`analysis.structure.clause_table`).
    tokens : DataFrame or None, keyword-only
        The corpus token table (token terms); None segments the clauses.
    documents : DataFrame, keyword-only
        The documents table (``doc_id``, ``era`` ...).
    rules : path or InstrumentRules, keyword-only
        The instrument rule file.

    Returns
    -------
    dict of str to DataFrame
        ``instrument_codes``, ``instrument_hits``, ``instrument_counts``,
        ``instrument_types`` and, when the documents have an ``era`` column,
        ``instrument_era`` and ``instrument_types_era``.
    """
    rules = load_instruments(rules)
    docs = documents
    hits = instrument_hits(units, rules=rules, tokens=tokens)
    codes = code_instruments(units, rules=rules, hits=hits)
    # instrument_counts / instrument_type_counts / instrument_crosstab, with the countable
    # clauses found once
    countable = _countable(_check_units(units)).to_numpy()

    def crosstab(by: str, level: str) -> pd.DataFrame:
        return _crosstab(codes, units, by=by, level=level, documents=docs, rules=rules,
                         countable=countable)

    out = {
        "instrument_codes": codes,
        "instrument_hits": hits,
        "instrument_counts": crosstab("doc_id", "instrument"),
        "instrument_types": crosstab("doc_id", "type"),
    }
    if "era" in docs.columns:
        out["instrument_era"] = crosstab("era", "instrument")
        out["instrument_types_era"] = crosstab("era", "type")
    return out










