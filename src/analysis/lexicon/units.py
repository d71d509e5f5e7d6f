"""Clause units: the frames every dictionary count runs over, and what is known per unit.

A *units* frame has one row per clause with ``doc_id, clause_id, text, char_start,
char_end`` (offsets into the document's normalised text): the build's ``clauses`` table
(:func:`analysis.structure.clause_table`) or any frame with those columns. This module
checks such frames (:func:`check_units`), says which units count in clause shares
(:func:`countable`), gives each unit's tokens (:class:`UnitTokens`) and puts document
metadata on tables built from units (:func:`with_meta`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.structure import clause_table
from analysis.structure.roles import ROLE_LABELS
from analysis.text import get_tokenizer, token_kind
from analysis.text.chars import HAN_RE

if TYPE_CHECKING:
    from analysis.text import Tokenizer
    from analysis.text.corpus import Corpus

__all__ = [
    "META_COLUMNS",
    "UNIT_CELL_LABELS",
    "UNIT_COLUMNS",
    "UnitTokens",
    "check_units",
    "clause_units",
    "countable",
    "doc_order",
    "with_meta",
]

#: Columns every units frame needs.
UNIT_COLUMNS = ("doc_id", "clause_id", "text", "char_start", "char_end")
#: Labels of task-table cells that name responsible units, not policy content.
UNIT_CELL_LABELS = frozenset(ROLE_LABELS)
#: Document metadata columns :func:`with_meta` puts after ``doc_id``.
META_COLUMNS = ("city", "city_en", "year", "era")

_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"[。.::]+$")


def clause_units(corpus: Corpus) -> pd.DataFrame:
    """The clauses of a corpus (:func:`analysis.structure.clause_table`), the unit of every
    dictionary count.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> clause_units(load_corpus())["clause_id"].iloc[0]
    'chifeng_2023:front'
    """
    return clause_table(corpus)


def check_units(units: pd.DataFrame) -> pd.DataFrame:
    """``units`` with a fresh index, after checking its columns and unique clause ids.

    Examples
    --------
    >>> check_units(pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "text": ["人才"]}))
    Traceback (most recent call last):
    ...
    ValueError: units: missing column(s) char_start, char_end; a units frame needs ...
    """
    if not isinstance(units, pd.DataFrame):
        raise TypeError("units must be a DataFrame with columns " + ", ".join(UNIT_COLUMNS)
                        + " (e.g. analysis.structure.clause_table(corpus)).")
    missing = [c for c in UNIT_COLUMNS if c not in units.columns]
    if missing:
        raise ValueError(f"units: missing column(s) {', '.join(missing)}; a units frame needs "
                         + ", ".join(UNIT_COLUMNS) + " (analysis.structure.clause_table gives "
                         "them).")
    if units["clause_id"].duplicated().any():
        dup = units.loc[units["clause_id"].duplicated(), "clause_id"].iloc[0]
        raise ValueError(f"units: clause_id {dup!r} occurs twice; clause ids must be unique.")
    return units.reset_index(drop=True)


def countable(units: pd.DataFrame) -> pd.Series:
    """The clauses that count in clause shares (numerator and denominator).

    A clause counts when it has Chinese text and is not a title-only heading (``二、重点任务``:
    its text is just its label and title), a task-table cell naming responsible units
    (``牵头单位``/``配合单位``) or closing matter (``back``: signature, date, copy list).
    Frames without ``kind``/``label``/``heading`` columns count every clause with Chinese text.

    Examples
    --------
    >>> units = pd.DataFrame({"text": ["二、重点任务", "加强人才引进。", "2023"],
    ...                       "kind": ["heading", "item", "item"], "label": ["二、", "1.", "2."],
    ...                       "heading": ["重点任务", "", ""]})
    >>> countable(units).tolist()
    [False, True, False]
    """
    text = units["text"].astype(str)
    keep = text.str.contains(HAN_RE)
    if "kind" in units.columns:
        keep &= units["kind"].astype(str) != "back"
    if "label" in units.columns:
        keep &= ~units["label"].astype(str).isin(UNIT_CELL_LABELS)
    if {"kind", "label", "heading"} <= set(units.columns):
        head = (units["kind"].astype(str) == "heading").to_numpy(dtype=bool)
        same = np.zeros(len(units), dtype=bool)
        if head.any():  # only headings can be title-only
            h = units.loc[head]
            titles = (h["label"].fillna("").astype(str) + h["heading"].fillna("").astype(str))

            cleaned: dict[str, str] = {}  # headings repeat across documents

            def clean(x: str) -> str:
                out = cleaned.get(x)
                if out is None:
                    out = cleaned[x] = _TRAIL.sub("", _SPACE.sub("", x))
                return out

            same[head] = [clean(b) == clean(t) for b, t in
                          zip(text.loc[head].tolist(), titles.tolist(), strict=True)]
        keep &= ~pd.Series(same, index=keep.index)
    return keep


def doc_order(units: pd.DataFrame) -> list[str]:
    """The documents of ``units`` in order of first appearance.

    Examples
    --------
    >>> doc_order(pd.DataFrame({"doc_id": ["b", "a", "b"]}))
    ['b', 'a']
    """
    return list(dict.fromkeys(units["doc_id"].tolist()))


def with_meta(df: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Insert ``city, city_en, year, era`` after ``doc_id`` (those ``documents`` has).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "city": ["甲"], "era": ["2020s"]})
    >>> list(with_meta(pd.DataFrame({"doc_id": ["a"], "hits": [1]}), docs).columns)
    ['doc_id', 'city', 'era', 'hits']
    """
    if documents is None:
        return df
    cols = [c for c in META_COLUMNS if c in documents.columns]
    # the metadata columns only (a documents table may hold every text)
    meta = documents[["doc_id", *cols]].drop_duplicates("doc_id").set_index("doc_id")
    out = df.copy()
    for j, c in enumerate(cols):
        out.insert(1 + j, c, out["doc_id"].map(meta[c]).to_numpy())
    return out


class UnitTokens:
    """The tokens of each unit, relative to the unit's text: from a token table (its offsets
    are document offsets; a unit holds the tokens that start inside it and end by its end)
    or, for documents the table lacks, by segmenting the unit's text.

    A :class:`analysis.lexicon.engine.TokenSource`: :meth:`candidates` gives the wanted
    tokens of every unit at once; :meth:`spans` the tokens of one unit.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "text": ["可以"],
    ...                       "char_start": [4], "char_end": [6]})
    >>> tokens = pd.DataFrame({"doc_id": "d", "start": [4, 5], "end": [5, 6],
    ...                        "token": ["可", "以"], "kind": "han"})
    >>> UnitTokens(units, tokens).spans(0)
    [(0, 1, '可'), (1, 2, '以')]
    """

    def __init__(self, units: pd.DataFrame, tokens: pd.DataFrame | None = None,
                 tokenizer: Tokenizer | None = None, *,
                 texts: list[str] | None = None) -> None:
        self.units = units
        self.tokens = tokens
        self.tokenizer = tokenizer
        if texts is not None and len(texts) != len(units):
            raise ValueError(f"texts= holds {len(texts)} texts for {len(units)} units: "
                             "give one text per row of units, in the same order")
        self.texts = texts  # the units' texts, when not (only) in units["text"]
        self._by_doc: dict[str, tuple[Any, Any, Any, Any]] | None = None
        self._rows: tuple[list, list, list, list] | None = None

    def _row(self, i: int) -> tuple[Any, Any, Any, Any]:
        """``doc_id, char_start, char_end, text`` of unit ``i`` (columns read once)."""
        if self._rows is None:
            u = self.units
            self._rows = (u["doc_id"].tolist(), u["char_start"].tolist(),
                          u["char_end"].tolist(),
                          u["text"].tolist() if self.texts is None else self.texts)
        return tuple(col[i] for col in self._rows)  # type: ignore[return-value]

    def _index(self) -> dict[str, tuple[Any, Any, Any, Any]]:
        if self._by_doc is None:
            self._by_doc = {}
            if self.tokens is not None:
                for doc_id, g in self.tokens.groupby("doc_id", sort=False):
                    order = np.argsort(g["start"].to_numpy(), kind="stable")
                    self._by_doc[doc_id] = (
                        g["start"].to_numpy()[order], g["end"].to_numpy()[order],
                        g["token"].to_numpy()[order], g["kind"].to_numpy()[order])
        return self._by_doc

    def _tokenizer(self) -> Tokenizer:
        return self.tokenizer or get_tokenizer()

    def spans(self, i: int, *, with_kind: bool = False) -> list[tuple]:
        """``(start, end, token)`` (with ``kind``: ``(start, end, token, kind)``, whitespace
        left out when segmenting) of unit ``i``."""
        doc_id, start, end, text = self._row(i)
        if self.tokens is not None and doc_id in self._index():
            starts, ends, toks, kinds = self._index()[doc_id]
            a, b = int(start), int(end)
            lo, hi = np.searchsorted(starts, a, "left"), np.searchsorted(starts, b, "left")
            out = []
            for s, e, t, k in zip(starts[lo:hi], ends[lo:hi], toks[lo:hi], kinds[lo:hi],
                                  strict=True):
                if e <= b:
                    out.append((int(s) - a, int(e) - a, t, k) if with_kind
                               else (int(s) - a, int(e) - a, t))
            return out
        spans = [(s, e, w) for w, s, e in self._tokenizer().tokenize(str(text))]
        if with_kind:
            return [(s, e, w, token_kind(w)) for s, e, w in spans if not w.isspace()]
        return spans

    def candidates(self, wanted: set[str]
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The tokens in ``wanted`` of every unit, as arrays ``(unit, start, end, token)``
        with offsets relative to the unit: exactly the :meth:`spans` of each unit, filtered,
        found in bulk from the token table."""
        units = self.units
        n = len(units)
        a_all = units["char_start"].to_numpy().astype(np.int64)
        b_all = units["char_end"].to_numpy().astype(np.int64)
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        fallback = np.ones(n, dtype=bool)
        tokens = self.tokens
        if tokens is not None and n:
            present = pd.Index(tokens["doc_id"].dropna().unique())
            ucode = present.get_indexer(units["doc_id"])
            fallback = ucode < 0
            w = tokens.loc[tokens["token"].isin(wanted)]
            tcode = present.get_indexer(w["doc_id"])
            tstart = w["start"].to_numpy().astype(np.int64)
            tend = w["end"].to_numpy().astype(np.int64)
            ttok = w["token"].to_numpy(dtype=object)
            inside = ucode >= 0
            if len(tstart) and inside.any():
                # one sorted key per token: (document, start); each unit is a key range
                big = int(max(np.abs(tstart).max(), np.abs(a_all).max(),
                              np.abs(b_all).max())) + 1
                width = 2 * big + 1
                keys = tcode * width + tstart + big
                order = np.argsort(keys, kind="stable")
                keys, tend, ttok = keys[order], tend[order], ttok[order]
                tstart = tstart[order]
                ui = np.flatnonzero(inside)
                base = ucode[ui] * width + big
                lo = np.searchsorted(keys, base + a_all[ui], "left")
                hi = np.searchsorted(keys, base + b_all[ui], "left")
                cnt = hi - lo
                u = np.repeat(ui, cnt)
                first = np.repeat(lo - np.cumsum(cnt) + cnt, cnt)
                k = first + np.arange(len(u))
                ok = tend[k] <= b_all[u]
                u, k = u[ok], k[ok]
                parts.append((u, tstart[k] - a_all[u], tend[k] - a_all[u], ttok[k]))
        if fallback.any():
            tok = self._tokenizer()
            texts = (self.texts if self.texts is not None
                     else units["text"].astype(str).tolist())
            rows = [(i, s, e, w) for i in np.flatnonzero(fallback)
                    for w, s, e in tok.tokenize(texts[i]) if w in wanted]
            parts.append((np.array([r[0] for r in rows], dtype=np.int64),
                          np.array([r[1] for r in rows], dtype=np.int64),
                          np.array([r[2] for r in rows], dtype=np.int64),
                          np.array([r[3] for r in rows], dtype=object)))
        if not parts:
            return (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64),
                    np.zeros(0, object))
        return tuple(np.concatenate(x) for x in zip(*parts, strict=True))  # type: ignore[return-value]
