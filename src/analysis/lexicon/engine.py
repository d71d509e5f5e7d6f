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
and each is the match a text-by-text search finds. Patterns run text by text (a pattern
may match the separator).

The literal search is the one replaceable core: :func:`literal_scanner` compiles a set of
strings into an object with ``longest(text)`` (leftmost-longest, non-overlapping matches)
and ``occurrences(text)`` (every start of every string, overlapping ones too). The default
is an Aho–Corasick automaton (:class:`~analysis.lexicon.automaton.AhoScanner`);
:class:`RegexScanner`, one regular-expression alternation longest first, finds the same
matches and is the reference the tests compare it with.
"""

from __future__ import annotations

import re
import re._constants as _sre_constants
import re._parser as _sre_parser
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np
import pandas as pd

from analysis.lexicon.automaton import AhoScanner

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

    This is the one function to replace to change how literals are found: it must return
    an object with ``longest(text)`` and ``occurrences(text)`` as :class:`RegexScanner`.
    It returns an Aho–Corasick :class:`~analysis.lexicon.automaton.AhoScanner` (one pass
    over the text whatever the number of strings), which finds what :class:`RegexScanner`
    finds.

    Examples
    --------
    >>> literal_scanner(("创新", "创新券")).longest("发放创新券")
    ([2], [5], ['创新券'])
    """
    return AhoScanner(strings)


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_CONTEXT_OPS = {_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT}


def _no_context(node: object) -> bool:
    if isinstance(node, _sre_parser.SubPattern):
        return all(op not in _CONTEXT_OPS and _no_context(av) for op, av in node.data)
    if isinstance(node, (tuple, list)):
        return all(_no_context(x) for x in node)
    return True


@lru_cache(maxsize=4096)
def _context_free(pattern: str) -> bool:
    """True when what ``pattern`` matches at a position depends only on the characters
    it covers: no anchors, word boundaries or lookaround, which would see where a text
    ends. Such a pattern can be searched over the joined texts at once.

    Examples
    --------
    >>> _context_free("到20..年"), _context_free("^第.章"), _context_free("(?<=以)新")
    (True, False, False)
    """
    try:
        return _no_context(_sre_parser.parse(pattern))
    except Exception:  # an unreadable pattern takes the text-by-text path
        return False


def _pattern_matches(pattern: str, masked: str, off: np.ndarray, lens: np.ndarray
                     ) -> list[tuple[int, int, int, str]]:
    """Non-empty matches ``(text, start, end, match)`` of ``pattern`` in each text of the
    joined ``masked`` texts, as a search text by text finds them.

    A context-free pattern is searched once over the joined texts. Where none of its
    matches runs over a separator, the search of the joined texts enters every text
    afresh and so finds what a search of that text alone finds; the texts a match runs
    across (and only those) are searched again on their own.
    """
    rx = _compiled(pattern)
    n = len(off)
    redo: np.ndarray | range = range(n)
    extra: list[tuple[int, int, int, str]] = []
    if _context_free(pattern):
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


def _mask_by(text: str, exclude: Iterable[str], occ: dict[str, list[int]]) -> str:
    return mask_spans(text, [(i, i + len(x)) for x in exclude for i in occ.get(x, ())])


def mask_text(text: str, exclude: Sequence[str]) -> str:
    """``text`` with every occurrence of the ``exclude`` contexts masked (same length).

    Examples
    --------
    >>> mask_text("金融办推动金融", ["金融办"]).replace(MASK, "_")
    '___推动金融'
    """
    if not exclude or not any(x in text for x in exclude):
        return text
    return _mask_by(text, exclude, literal_scanner(tuple(sorted(set(exclude))))
                    .occurrences(text))


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


def _separator(termsets: Sequence[TermSet]) -> str:
    """The first character from U+0001 on that no term and no exclude context contains."""
    used = {c for ts in termsets for x in (*ts.terms, *ts.exclude) for c in x}
    code = 1
    while chr(code) in used:
        code += 1
    return chr(code)


def _wanted_tokens(ts: TermSet, mode: str) -> set[str]:
    return set(ts.tokens) | (set(ts.terms) if mode == "token" else set())


def _leftmost_longest(cands: set[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
    """Per text, the leftmost, then longest (then first by term) non-overlapping
    candidates ``(text, start, end, term)``."""
    out = []
    cur, last = -1, -1
    for i, s, e, t in sorted(cands, key=lambda c: (c[0], c[1], -(c[2] - c[1]), c[3])):
        if i != cur:
            cur, last = i, -1
        if s >= last:
            out.append((i, s, e, t))
            last = e
    return out


def match_texts(texts: Sequence[str], termsets: Sequence[TermSet], *,
                mode: str = "substring", tokens: TokenSource | None = None) -> list[Matches]:
    """Every match of every term set in every text (the semantics of the module notes).

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
    n = len(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    off = np.zeros(n, dtype=np.int64)
    off[1:] = np.cumsum(lens[:-1] + 1)
    joined = _separator(termsets).join(texts)
    wanted_all = set().union(*(_wanted_tokens(ts, mode) for ts in termsets))
    cand = tokens.candidates(wanted_all) if tokens is not None and wanted_all else _NO_TOKENS
    occ = literal_scanner(tuple(sorted({x for ts in termsets for x in ts.exclude}))
                          ).occurrences(joined)
    occ = {x: p for x, p in occ.items() if p}
    # the contexts every set with exclusions shares (a file-wide list) are masked once;
    # sets are visited in groups of equal exclusions, so one masked copy is held at a time
    with_ex = [set(ts.exclude) & set(occ) for ts in termsets if ts.exclude]
    common = set.intersection(*with_ex) if with_ex else set()
    base = _mask_by(joined, common, occ) if common else joined
    groups: dict[frozenset[str], list[int]] = {}
    for k, ts in enumerate(termsets):
        groups.setdefault(frozenset(set(ts.exclude) & set(occ)), []).append(k)
    # token candidates: their distinct tokens, so a set picks its own by a lookup
    codes, distinct = pd.factorize(cand[3], use_na_sentinel=False)
    token_index = pd.Index(distinct, dtype=object)
    out: list[Matches | None] = [None] * len(termsets)
    for own, members in groups.items():
        start, rest = (base, own - common) if common and common <= own else (joined, own)
        masked = _mask_by(start, rest, occ) if rest else start
        # the masked runs, for the sets that look for tokens (a masked token is dropped)
        runs = None
        if masked is not joined and len(cand[0]) and any(
                _wanted_tokens(termsets[k], mode) for k in members):
            runs = _mask_runs(masked)
        for k in members:
            out[k] = _match_one(termsets[k], masked, off, lens, cand, mode,
                                picked=(codes, token_index), runs=runs)
    return out  # type: ignore[return-value]


def _longest(strings: tuple[str, ...], text: str
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scanner = literal_scanner(strings)
    if hasattr(scanner, "longest_arrays"):
        return scanner.longest_arrays(text)
    ms, me, mt = scanner.longest(text)
    return (np.asarray(ms, dtype=np.int64), np.asarray(me, dtype=np.int64),
            np.asarray(mt, dtype=object))


def _match_one(ts: TermSet, masked: str, off: np.ndarray, lens: np.ndarray,
               cand: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
               mode: str, *, picked: tuple[np.ndarray, pd.Index] | None = None,
               runs: tuple[np.ndarray, np.ndarray] | None = None) -> Matches:
    """The matches of one term set in the joined, masked texts (``picked``: the token
    candidates' codes and distinct tokens; ``runs``: the masked runs of ``masked``, None
    when nothing is masked)."""
    pos = me = np.zeros(0, np.int64)
    mt = np.zeros(0, object)
    if mode == "substring" and ts.terms:
        pos, me, mt = _longest(tuple(sorted(set(ts.terms))), masked)
    su = np.searchsorted(off, pos, "right") - 1
    s_rel = pos - off[su]
    e_rel = me - off[su]
    extra: list[tuple[int, int, int, str]] = []
    if mode == "substring":
        for p in ts.patterns:
            extra += _pattern_matches(p, masked, off, lens)
    wanted = _wanted_tokens(ts, mode)
    tu, tsr, ter, ttk = cand
    if wanted and len(tu):
        if picked is None:
            codes, distinct = pd.factorize(ttk, use_na_sentinel=False)
            picked = codes, pd.Index(distinct, dtype=object)
        codes, index = picked
        sel = np.flatnonzero(index.isin(list(wanted))[codes])
        i_sel, s_sel, e_sel = tu[sel], tsr[sel], ter[sel]
        if runs is None:
            runs = _mask_runs(masked) if MASK in masked else (np.zeros(0, np.int64),) * 2
        if len(runs[0]) and len(sel):
            # a token whose (text-clipped) span overlaps a masked run is dropped
            o, ln = off[i_sel], lens[i_sel]
            a, b = o + np.minimum(s_sel, ln), o + np.minimum(e_sel, ln)
            r = np.searchsorted(runs[0], b, "left") - 1
            hit = (a < b) & (r >= 0) & (runs[1][np.maximum(r, 0)] > a)
            sel, i_sel, s_sel, e_sel = sel[~hit], i_sel[~hit], s_sel[~hit], e_sel[~hit]
        extra += zip(i_sel.tolist(), s_sel.tolist(), e_sel.tolist(), ttk[sel].tolist(),
                     strict=True)
    if not extra:
        return Matches(su.astype(np.int64), s_rel, e_rel, mt)
    cands = set(zip(su.tolist(), s_rel.tolist(), e_rel.tolist(), mt.tolist(), strict=True))
    cands.update(extra)
    kept = _leftmost_longest(cands)
    return Matches(np.array([c[0] for c in kept], dtype=np.int64),
                   np.array([c[1] for c in kept], dtype=np.int64),
                   np.array([c[2] for c in kept], dtype=np.int64),
                   np.array([c[3] for c in kept], dtype=object))


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
