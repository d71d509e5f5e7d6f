"""The matching engine: term sets found in many texts at once, with offsets.

One set of semantics for every dictionary count (themes, tone, instruments, rule groups):

1. Every ``exclude`` context of a term set is masked (replaced by NUL characters of the
   same length, overlapping occurrences included), so no match may overlap it.
2. Candidates are found in the masked text: the set's literal ``terms`` (at each position
   the longest term, non-overlapping, left to right), its regular-expression ``patterns``
   (each on its own, non-empty matches) and, where the segmenter made them a token of their
   own, its ``tokens`` (``mode="token"``: the terms too, and nothing else).
3. Where candidates of different kinds meet, the leftmost, then longest, then
   alphabetically first candidate wins and the candidates it overlaps are dropped.

Literal terms are found over all texts at once: the texts are joined by a separator that
no term and no exclude context contains, so a match never runs from one text into the next
and each is the match a text-by-text search finds. One Aho–Corasick pass finds every
occurrence of every term and exclude context of all the sets
(:mod:`analysis.lexicon.onepass`); each set's leftmost-longest matches outside its
excluded contexts are selected from those arrays. Patterns run on the joined texts with
the set's contexts masked, and text by text where a match would cross a separator or the
pattern looks at where a text starts or ends.

:func:`literal_scanner` compiles a set of strings into an object with ``longest(text)``
(leftmost-longest, non-overlapping matches) and ``occurrences(text)`` (every start of
every string, overlapping ones too): an Aho–Corasick automaton
(:class:`~analysis.lexicon.automaton.AhoScanner`); :class:`RegexScanner`, one
regular-expression alternation longest first, finds the same matches and is the reference
the tests compare it and the one-pass selection with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np
import pandas as pd

from analysis.lexicon.automaton import AhoScanner
from analysis.lexicon.lookaround import joinable
from analysis.lexicon.onepass import (
    Occurrences,
    _greedy,
    common,
    distinct_sorted,
    join_texts,
    leftmost_longest,
    mask_intervals,
    occurrences,
    separator,
)
from analysis.lexicon.prefilter import literal_sets
from analysis.lexicon.repeats import distinct_texts, spread_rows

if TYPE_CHECKING:
    from analysis.lexicon.termset import TermSet

__all__ = [
    "MASK",
    "MODES",
    "Matches",
    "RegexScanner",
    "SpanTokens",
    "TokenSource",
    "find_in_text",
    "literal_scanner",
    "mask_spans",
    "mask_text",
    "match_texts",
]

#: The character that replaces masked (excluded) contexts.
MASK = "\x00"
#: Matching modes: substrings (terms, patterns and token terms), or whole tokens only.
MODES = ("substring", "token")


# --------------------------------------------------------------------------- the core


class RegexScanner:
    """Literal strings found with one regular-expression alternation, longest first.

    Examples
    --------
    >>> s = RegexScanner(["人才", "科技人才", "才"])
    >>> s.longest("科技人才和人才")
    ([0, 5], [4, 7], ['科技人才', '人才'])
    >>> s.occurrences("科技人才")
    {'科技人才': [0], '人才': [2], '才': [3]}
    """

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings = tuple(sorted({s for s in strings if s}, key=lambda s: (-len(s), s)))
        self._rx = (re.compile("|".join(re.escape(s) for s in self.strings))
                    if self.strings else None)
        self._by_first: dict[str, list[str]] = {}
        for s in self.strings:
            self._by_first.setdefault(s[0], []).append(s)

    def longest(self, text: str) -> tuple[list[int], list[int], list[str]]:
        """Starts, ends and strings of the leftmost-longest, non-overlapping matches."""
        starts: list[int] = []
        ends: list[int] = []
        found: list[str] = []
        if self._rx is not None:
            for m in self._rx.finditer(text):
                starts.append(m.start())
                ends.append(m.end())
                found.append(m.group())
        return starts, ends, found

    def occurrences(self, text: str) -> dict[str, list[int]]:
        """Start of every occurrence (overlapping ones too) of each string in ``text``.

        One search finds each position where one of the strings starts (an alternation
        matches at a position when any of its strings does); every string with that first
        character is then checked there.
        """
        out: dict[str, list[int]] = {s: [] for s in self.strings}
        if self._rx is None:
            return out
        search = self._rx.search
        m = search(text)
        while m is not None:
            p = m.start()
            for s in self._by_first[text[p]]:
                if text.startswith(s, p):
                    out[s].append(p)
            m = search(text, p + 1)
        return out


@lru_cache(maxsize=4096)
def literal_scanner(strings: tuple[str, ...]) -> AhoScanner:
    """The literal search of the engine, compiled once per set of strings.

    It returns an Aho–Corasick :class:`~analysis.lexicon.automaton.AhoScanner` (one pass
    over the text whatever the number of strings), which finds what :class:`RegexScanner`
    finds; :func:`mask_text` uses it. :func:`match_texts` searches all its term sets at
    once instead (:func:`analysis.lexicon.onepass.occurrences`).

    Examples
    --------
    >>> literal_scanner(("创新", "创新券")).longest("发放创新券")
    ([2], [5], ['创新券'])
    """
    return AhoScanner(strings)


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _pattern_matches(pattern: str, masked: str, off: np.ndarray, lens: np.ndarray,
                     within: np.ndarray | None = None, sep: str = ""
                     ) -> list[tuple[int, int, int, str]]:
    """Non-empty matches ``(text, start, end, match)`` of ``pattern`` in each text of the
    joined ``masked`` texts, as a search text by text finds them.

    A pattern without anchors or lookarounds, or whose lookarounds cannot consume ``sep``
    (:func:`analysis.lexicon.lookaround.joinable`), is searched once over the joined
    texts. Where none of its matches runs over a separator, the search of the joined
    texts enters every text afresh and so finds what a search of that text alone finds;
    the texts a match runs across (and only those) are searched again on their own.
    ``within`` (sorted text indices; the texts are joined by ``sep``) limits the search
    to those texts: the others have no match (:mod:`analysis.lexicon.prefilter`).
    """
    n = len(off)
    if within is not None and len(within) < n:
        if not len(within):
            return []
        sub_off, sub_lens = off[within], lens[within]
        sub = sep.join([masked[a:a + ln] for a, ln in zip(sub_off.tolist(),
                                                          sub_lens.tolist(), strict=True)])
        sub_off = np.zeros(len(within), dtype=np.int64)
        sub_off[1:] = np.cumsum(sub_lens[:-1] + 1)
        found = _pattern_matches(pattern, sub, sub_off, sub_lens, sep=sep)
        back = within.tolist()
        return [(back[i], a, b, g) for i, a, b, g in found]
    rx = _compiled(pattern)
    redo: np.ndarray | range = range(n)
    extra: list[tuple[int, int, int, str]] = []
    if joinable(pattern, sep):
        found = [(m.start(), m.end(), m.group()) for m in rx.finditer(masked)
                 if m.end() > m.start()]
        redo = np.zeros(0, np.int64)
        if found:
            st = np.fromiter((f[0] for f in found), np.int64, len(found))
            en = np.fromiter((f[1] for f in found), np.int64, len(found))
            ti = np.searchsorted(off, st, "right") - 1
            cross = en > off[ti] + lens[ti]
            if cross.any():
                tj = np.searchsorted(off, en[cross] - 1, "right") - 1
                touched = np.zeros(n + 1, np.int64)
                np.add.at(touched, ti[cross], 1)
                np.add.at(touched, tj + 1, -1)
                bad = np.cumsum(touched)[:n] > 0
                redo = np.flatnonzero(bad)
                keep = np.flatnonzero(~bad[ti])
            else:
                keep = np.arange(len(found))
            rel_s = (st - off[ti]).tolist()
            rel_e = (en - off[ti]).tolist()
            ti_l = ti.tolist()
            extra = [(ti_l[k], rel_s[k], rel_e[k], found[k][2]) for k in keep.tolist()]
    for i in redo:
        seg = masked[off[i]:off[i] + lens[i]]
        extra += [(int(i), m.start(), m.end(), m.group()) for m in rx.finditer(seg)
                  if m.group()]
    return extra


def _mask_runs(masked: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the runs of :data:`MASK` in ``masked``."""
    runs = [(m.start(), m.end()) for m in re.finditer(f"{MASK}+", masked)]
    return (np.array([r[0] for r in runs], dtype=np.int64),
            np.array([r[1] for r in runs], dtype=np.int64))


# --------------------------------------------------------------------------- masks


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of every ``(start, end)`` span replaced by :data:`MASK`.

    Examples
    --------
    >>> mask_spans("abcdef", [(3, 5), (1, 2), (4, 6)])
    'a\\x00c\\x00\\x00\\x00'
    """
    if not spans:
        return text
    spans = sorted(spans)
    parts, last = [], 0
    for s, e in spans:
        if e <= last:
            continue
        s = max(s, last)
        parts += [text[last:s], MASK * (e - s)]
        last = e
    parts.append(text[last:])
    return "".join(parts)


def mask_text(text: str, exclude: Sequence[str]) -> str:
    """``text`` with every occurrence of the ``exclude`` contexts masked (same length).

    Examples
    --------
    >>> mask_text("金融办推动金融", ["金融办"]).replace(MASK, "_")
    '___推动金融'
    """
    if not exclude or not any(x in text for x in exclude):
        return text
    start, end, _ = literal_scanner(tuple(sorted(set(exclude)))).all_arrays(text)
    return mask_spans(text, list(zip(start.tolist(), end.tolist(), strict=True)))


# --------------------------------------------------------------------------- tokens


class TokenSource(Protocol):
    """Where token terms come from: the tokens of each text that are in ``wanted``."""

    def candidates(self, wanted: set[str]
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Arrays ``(text index, start, end, token)`` (offsets relative to the text)."""
        ...


class SpanTokens:
    """A :class:`TokenSource` from given ``(start, end, token)`` spans, one list per text.

    Examples
    --------
    >>> SpanTokens([[(0, 1, "可"), (1, 3, "持续")]]).candidates({"可"})[3].tolist()
    ['可']
    """

    def __init__(self, spans: Sequence[Iterable[tuple]]) -> None:
        self.spans = [list(s) for s in spans]

    def candidates(self, wanted: set[str]
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        rows = [(i, sp[0], sp[1], sp[2]) for i, spans in enumerate(self.spans)
                for sp in spans if sp[2] in wanted]
        return (np.array([r[0] for r in rows], dtype=np.int64),
                np.array([r[1] for r in rows], dtype=np.int64),
                np.array([r[2] for r in rows], dtype=np.int64),
                np.array([r[3] for r in rows], dtype=object))


_NO_TOKENS = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64),
              np.zeros(0, object))


# --------------------------------------------------------------------------- matching


class Matches(NamedTuple):
    """The matches of one term set: parallel arrays sorted by text, then start."""

    text: np.ndarray
    start: np.ndarray
    end: np.ndarray
    term: np.ndarray

    def by_text(self) -> dict[int, list[tuple[int, int, str]]]:
        """``{text index: [(start, end, term), ...]}`` for the texts with a match."""
        tx = np.asarray(self.text)
        triples = list(zip(self.start.tolist(), self.end.tolist(), self.term.tolist(),
                           strict=True))
        if len(tx) and (tx[1:] >= tx[:-1]).all():  # sorted by text: slice each run
            cut = (np.flatnonzero(tx[1:] != tx[:-1]) + 1).tolist()
            bounds = [0, *cut, len(tx)]
            return {int(tx[a]): triples[a:b] for a, b in pairwise(bounds)}
        out: dict[int, list[tuple[int, int, str]]] = {}
        for i, triple in zip(tx.tolist(), triples, strict=True):
            out.setdefault(i, []).append(triple)
        return out


def _wanted_tokens(ts: TermSet, mode: str) -> set[str]:
    return set(ts.tokens) | (set(ts.terms) if mode == "token" else set())


def match_texts(texts: Sequence[str], termsets: Sequence[TermSet], *,
                mode: str = "substring", tokens: TokenSource | None = None,
                threads: int = 1) -> list[Matches]:
    """Every match of every term set in every text (the semantics of the module notes).

    The literals of all term sets (terms and exclude contexts) are found in one pass over
    all texts (:mod:`analysis.lexicon.onepass`); each set's matches are
    selected from it with arrays. Only the sets with patterns search a masked copy of the
    texts. Equal texts are searched once (:mod:`analysis.lexicon.repeats`); a set with
    token terms is searched again, with its tokens, in the texts that hold one of them.

    Parameters
    ----------
    texts : sequence of str
        The texts (clauses), matched each on its own.
    termsets : sequence of TermSet
        What to look for.
    mode : {"substring", "token"}, keyword-only
        ``"token"`` counts only tokens equal to a term or token term.
    tokens : TokenSource, keyword-only
        The tokens of each text (:class:`analysis.lexicon.units.UnitTokens` or
        :class:`SpanTokens`); without it token terms find nothing.
    threads : int, keyword-only
        Threads for the literal pass (:func:`analysis.lexicon.onepass.occurrences`): the
        same matches whatever their number.

    Returns
    -------
    list of Matches
        One per term set, in ``termsets`` order; offsets relative to each text.

    Examples
    --------
    >>> from analysis.lexicon.termset import TermSet
    >>> sets = [TermSet("t", "人才", "Talent", terms=("人才",)),
    ...         TermSet("f", "金融", "Finance", terms=("金融",), exclude=("金融办",))]
    >>> talent, finance = match_texts(["引进人才", "金融办支持金融"], sets)
    >>> talent.text.tolist(), finance.start.tolist()
    ([0], [5])
    """
    if mode not in MODES:
        raise ValueError(f"mode={mode!r}: use 'substring' or 'token'.")
    texts = [str(t) for t in texts]
    if mode == "token":
        # a set matches through its tokens only, and the tokens of a clause depend on its
        # document: a search of the distinct texts without tokens would find nothing
        return _match_all(texts, termsets, mode, tokens, threads)
    codes, uniq = distinct_texts(texts)
    if len(uniq) == len(texts):
        return _match_all(texts, termsets, mode, tokens, threads)
    # what a set finds in a text depends on the text and on the text's tokens among the
    # set's token terms: every set is matched in each distinct text once without tokens,
    # and the sets with token terms again in the texts that hold one of those tokens (the
    # tokens of a clause depend on its document), with their tokens
    wanted = set().union(*(_wanted_tokens(ts, mode) for ts in termsets))
    cand = tokens.candidates(wanted) if tokens is not None and wanted else _NO_TOKENS
    out = []
    for m in _match_all(uniq, termsets, mode, None, threads):
        text, row = spread_rows(m.text, codes)
        out.append(Matches(text, m.start[row], m.end[row], m.term[row]))
    own = [k for k, ts in enumerate(termsets) if len(cand[0]) and _wanted_tokens(ts, mode)]
    if not own:
        return out
    rows = np.unique(cand[0]).astype(np.int64)
    at = np.full(len(texts), -1, dtype=np.int64)
    at[rows] = np.arange(len(rows))
    source = _Candidates((at[cand[0]], cand[1], cand[2], cand[3]))
    del cand
    again = _match_all([texts[i] for i in rows.tolist()], [termsets[k] for k in own], mode,
                       source, threads)
    for k, m in zip(own, again, strict=True):
        old = out[k]
        keep = at[old.text] < 0  # the rows matched again replace their old rows
        text = np.concatenate([old.text[keep], rows[m.text]])
        order = np.argsort(text, kind="stable")  # by text, each text's rows in order
        out[k] = Matches(text[order], *(np.concatenate([a[keep], b])[order] for a, b in
                                        ((old.start, m.start), (old.end, m.end),
                                         (old.term, m.term))))
    return out


class _Candidates:
    """A :class:`TokenSource` of given candidate arrays ``(text, start, end, token)``."""

    def __init__(self, cand: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> None:
        self.cand = cand

    def candidates(self, wanted: set[str]
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        keep = pd.Series(self.cand[3], dtype=object).isin(wanted).to_numpy()
        if keep.all():
            return self.cand
        return tuple(a[keep] for a in self.cand)  # type: ignore[return-value]


def _match_all(texts: list[str], termsets: Sequence[TermSet], mode: str,
               tokens: TokenSource | None, threads: int) -> list[Matches]:
    """:func:`match_texts` searching every text (equal texts each on their own)."""
    sep = separator(termsets)
    joined, off, lens = join_texts(texts, sep)
    wanted_all = set().union(*(_wanted_tokens(ts, mode) for ts in termsets))
    cand = tokens.candidates(wanted_all) if tokens is not None and wanted_all else _NO_TOKENS
    strings = {x for ts in termsets for x in ts.exclude}
    # the literal sets of each pattern: the texts holding a string of each set are found
    # in the same pass (a pattern is searched only there)
    need = _pattern_literals(termsets, sep) if mode == "substring" else {}
    if mode == "substring":
        strings |= {x for ts in termsets for x in ts.terms}
        strings |= {x for sets in need.values() for lits in sets for x in lits}
    occ = occurrences(joined, strings, sep, threads=threads)
    names = np.array(occ.strings, dtype=object)
    # token candidates: their distinct tokens, so a set picks its own by a lookup
    codes, distinct = pd.factorize(cand[3], use_na_sentinel=False)
    picked = (codes, pd.Index(distinct, dtype=object))
    # masked characters already in the texts hide tokens as excluded contexts do
    nul = _mask_runs(joined) if len(cand[0]) and MASK in joined else None
    out: list[Matches | None] = [None] * len(termsets)
    # the sets with patterns search a masked copy of the texts: one copy at a time, the
    # sets visited in groups of equal exclusions
    groups: dict[frozenset[str], list[int]] = {}
    for k, ts in enumerate(termsets):
        groups.setdefault(frozenset(ts.exclude) if mode == "substring" and ts.patterns
                          else frozenset(), []).append(k)
    # the texts each pattern can match at all
    # (positions ascending, so their texts come sorted)
    within = {p: common([
        distinct_sorted(np.searchsorted(off, occ.start[occ.of(lits)], "right") - 1)
        for lits in sets]) for p, sets in need.items()}
    for own, members in groups.items():
        masked = joined
        if own:
            ex = occ.of(own)
            masked = mask_spans(joined, list(zip(occ.start[ex].tolist(),
                                                 occ.end[ex].tolist(), strict=True)))
        for k in members:
            out[k] = _match_one(termsets[k], masked, occ, names, off, lens, cand, mode,
                                picked=picked, nul=nul, within=within, sep=sep)
        del masked
    return out  # type: ignore[return-value]


def _match_one(ts: TermSet, masked: str, occ: Occurrences, names: np.ndarray,
               off: np.ndarray, lens: np.ndarray,
               cand: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
               mode: str, *, picked: tuple[np.ndarray, pd.Index],
               nul: tuple[np.ndarray, np.ndarray] | None,
               within: dict[str, np.ndarray] | None = None, sep: str = "") -> Matches:
    """The matches of one term set: its literals from the occurrences ``occ`` of the
    joined texts, its patterns searched in ``masked`` (the joined texts with the set's
    exclude contexts masked), its token candidates ``cand`` outside excluded contexts
    and the masked runs ``nul`` of the texts."""
    sel = np.zeros(0, np.int64)
    if mode == "substring" and ts.terms:
        sel = leftmost_longest(occ, ts.terms, ts.exclude)
    g_s, g_e, g_t = occ.start[sel], occ.end[sel], names[occ.sid[sel]]
    n_lit = len(sel)
    parts = [(g_s, g_e, g_t)]
    if mode == "substring":
        for p in ts.patterns:
            found = _pattern_matches(p, masked, off, lens, (within or {}).get(p), sep)
            if found:
                ti = np.array([f[0] for f in found], dtype=np.int64)
                parts.append((off[ti] + np.array([f[1] for f in found], dtype=np.int64),
                              off[ti] + np.array([f[2] for f in found], dtype=np.int64),
                              np.array([f[3] for f in found], dtype=object)))
    wanted = _wanted_tokens(ts, mode)
    tu, tsr, ter, ttk = cand
    if wanted and len(tu):
        codes, index = picked
        tsel = np.flatnonzero(index.isin(list(wanted))[codes])
        # a span past its text's end is cut at the end, so the texts joined or searched
        # on their own give the same span
        i_sel = tu[tsel]
        s_sel = np.minimum(tsr[tsel], lens[i_sel])
        e_sel = np.minimum(ter[tsel], lens[i_sel])
        xs, xe = mask_intervals(occ, ts.exclude)
        if nul is not None:
            xs, xe = _merge_runs((xs, xe), nul)
        if len(xs) and len(tsel):
            # a token whose (text-clipped) span overlaps a masked run is dropped
            a, b = off[i_sel] + s_sel, off[i_sel] + e_sel
            r = np.searchsorted(xs, b, "left") - 1
            hit = (a < b) & (r >= 0) & (xe[np.maximum(r, 0)] > a)
            tsel, i_sel, s_sel, e_sel = tsel[~hit], i_sel[~hit], s_sel[~hit], e_sel[~hit]
        parts.append((off[i_sel] + s_sel, off[i_sel] + e_sel, ttk[tsel]))
    if len(parts) > 1 and sum(len(p[0]) for p in parts) > n_lit:
        g_s = np.concatenate([p[0] for p in parts])
        g_e = np.concatenate([p[1] for p in parts])
        g_t = np.concatenate([p[2] for p in parts])
        # leftmost, then longest (one term per span) candidates of every kind, none
        # overlapping the one kept before it
        order = np.lexsort((g_s - g_e, g_s))
        g_s, g_e, g_t = g_s[order], g_e[order], g_t[order]
        keep = _greedy(g_s, g_e)
        g_s, g_e, g_t = g_s[keep], g_e[keep], g_t[keep]
    ti = np.searchsorted(off, g_s, "right") - 1
    return Matches(ti.astype(np.int64), g_s - off[ti], g_e - off[ti], g_t)


def _pattern_literals(termsets: Sequence[TermSet], sep: str
                      ) -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each pattern of the sets whose literal sets are known
    (:func:`analysis.lexicon.prefilter.literal_sets`, those holding neither ``sep`` nor
    :data:`MASK`), those sets: a text without a string of each has no match."""
    need: dict[str, tuple[tuple[str, ...], ...]] = {}
    for ts in termsets:
        for p in ts.patterns:
            sets = literal_sets(p, avoid=(sep, MASK))
            if sets:
                need[p] = sets
    return need


def _merge_runs(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
                ) -> tuple[np.ndarray, np.ndarray]:
    """Two sets of intervals (starts sorted, running maximum of ends) as one."""
    s = np.concatenate([a[0], b[0]])
    e = np.concatenate([a[1], b[1]])
    order = np.argsort(s, kind="stable")
    return s[order], np.maximum.accumulate(e[order]) if len(e) else e


def find_in_text(text: str, ts: TermSet, token_spans: Iterable[tuple] = (), *,
                 mode: str = "substring") -> list[tuple[int, int, str]]:
    """:func:`match_texts` of one term set in one text, as ``(start, end, term)`` tuples
    (``token_spans``: the segmenter's ``(start, end, token)`` for ``text``).

    Examples
    --------
    >>> from analysis.lexicon.termset import TermSet
    >>> find_in_text("到2025年建成", TermSet("g", "目标", "Goals", patterns=(r"到20\\d\\d年",)))
    [(0, 6, '到2025年')]
    """
    m = match_texts([text], [ts], mode=mode, tokens=SpanTokens([token_spans]))[0]
    return list(zip(m.start.tolist(), m.end.tolist(), m.term.tolist(), strict=True))
