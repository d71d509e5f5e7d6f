"""The instrument evidence of all clauses at once, with arrays.

What :meth:`analysis.instruments.rules.Rule.combine` and
:meth:`analysis.instruments.rules.Instrument.merge` do for one clause, done for every
clause together from the engine's matches (one :class:`~analysis.lexicon.Matches` per
distinct term set): a rule holds in a sentence (or clause) where every group has a match
(with ``window``: a match of every other group starting within ``window`` characters of a
match of the first group, and with ``after`` not before it); the evidence of an
instrument is its term matches and the matches of its rules that hold, one per span, the
first by ``via`` (``rule N`` before ``term``, as strings sort).

Only the clauses where every group of a rule matches are cut into sentences, with the
rules' own sentence splitter (:func:`analysis.instruments.rules._sentence_starts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from analysis.instruments.rules import InstrumentRules, _sentence_starts

if TYPE_CHECKING:
    from analysis.lexicon import Matches

__all__: list[str] = []

_Hits = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # clause, start, end, term


def _take(h: _Hits, keep: np.ndarray) -> _Hits:
    return h[0][keep], h[1][keep], h[2][keep], h[3][keep]


def _unique(a: np.ndarray) -> np.ndarray:
    """``np.unique(a)`` of an integer array by sorting (NumPy's hash table is slower)."""
    a = np.sort(a)
    return a[np.r_[True, a[1:] != a[:-1]]] if len(a) else a


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.intersect1d(a, b)``: the sorted values in both, each once."""
    both = np.sort(np.concatenate((_unique(a), _unique(b))))
    return both[:-1][both[1:] == both[:-1]]


def _concat(parts: Sequence[_Hits]) -> _Hits:
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(4))  # type: ignore[return-value]


class _Sentences:
    """Sentence numbers of positions in clauses, the clauses cut only when first asked."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.off = np.zeros(len(texts), dtype=np.int64)
        self.off[1:] = np.cumsum(lens[:-1] + 1)
        self.cut = np.zeros(len(texts), dtype=bool)
        self.starts = np.zeros(0, np.int64)
        self.memo: dict[str, list[int]] = {}

    def ids(self, clause: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """A number for the sentence of each position, equal within a clause exactly for
        positions in the same sentence of that clause."""
        new = _unique(clause[~self.cut[clause]])
        if len(new):
            # each distinct text cut once (clause tables repeat texts)
            memo = self.memo
            rel = [memo[t] if t in memo else memo.setdefault(t, _sentence_starts(t))
                   for t in map(self.texts.__getitem__, new.tolist())]
            cnt = np.fromiter(map(len, rel), dtype=np.int64, count=len(rel))
            more = np.fromiter(chain.from_iterable(rel), dtype=np.int64, count=int(cnt.sum()))
            more += np.repeat(self.off[new], cnt)
            self.starts = np.sort(np.concatenate([self.starts, more]))
            self.cut[new] = True
        return np.searchsorted(self.starts, self.off[clause] + pos, "right")


def _rule_hits(groups: list[_Hits], scope: str, window: int | None,
               sentences: _Sentences, after: bool = False) -> _Hits:
    """The group matches that make one rule hold, in every clause (with ``after``, the
    other groups' matches start at or after the first group's)."""
    common = groups[0][0]
    for g in groups[1:]:
        common = _intersect(common, g[0])
    groups = [_take(g, np.isin(g[0], common)) for g in groups]
    if not len(common):
        return groups[0]
    keys = [g[0] if scope == "clause" else sentences.ids(g[0], g[1]) for g in groups]
    if window is None:
        ok = keys[0]
        for k in keys[1:]:
            ok = _intersect(ok, k)
        return _concat([_take(g, np.isin(k, ok)) for g, k in zip(groups, keys, strict=True)])
    anchor, ka = groups[0], keys[0]
    valid = np.ones(len(ka), dtype=bool)
    near: list[tuple[np.ndarray, np.ndarray]] = []  # (anchor, hit) pairs of each group
    for g, k in zip(groups[1:], keys[1:], strict=True):
        order = np.argsort(k, kind="stable")
        ks = k[order]
        lo = np.searchsorted(ks, ka, "left")
        cnt = np.searchsorted(ks, ka, "right") - lo
        a = np.repeat(np.arange(len(ka)), cnt)
        h = order[np.repeat(lo - np.cumsum(cnt) + cnt, cnt) + np.arange(len(a))]
        gap = g[1][h] - anchor[1][a]
        close = ((gap >= 0) if after else (gap >= -window)) & (gap <= window)
        a, h = a[close], h[close]
        valid &= np.bincount(a, minlength=len(ka)) > 0
        near.append((a, h))
    parts = [_take(anchor, valid)]
    for g, (a, h) in zip(groups[1:], near, strict=True):
        parts.append(_take(g, h[valid[a]]))
    return _concat(parts)


def evidence(texts: Sequence[str], rules: InstrumentRules, found: Sequence[Matches],
             term_idx: Sequence[int], rule_idx: Sequence[Sequence[Sequence[int]]]
             ) -> tuple[_Hits, np.ndarray, np.ndarray]:
    """Every instrument's evidence in every clause: ``(clause, start, end, term)`` arrays
    (offsets relative to the clause), the instrument of each row and its ``via``; sorted
    by clause, instrument (file order), start, end.

    ``found[term_idx[j]]`` are the term matches of instrument ``j`` and
    ``found[rule_idx[j][r][g]]`` those of group ``g`` of its rule ``r``.
    """
    def hits(k: int) -> _Hits:
        m = found[k]
        return m.text, m.start, m.end, m.term

    sentences = _Sentences(texts)
    parts: list[_Hits] = []
    inst: list[np.ndarray] = []
    vias: list[np.ndarray] = []
    via_names: list[str] = []
    for j, ins in enumerate(rules.instruments):
        names = ["term", *(f"rule {r}" for r in range(1, len(ins.rules) + 1))]
        # a via's rank among this instrument's vias, as strings sort
        rank = {v: i for i, v in enumerate(sorted(names))}
        mine = [hits(term_idx[j])]
        for rule, groups in zip(ins.rules, rule_idx[j], strict=True):
            mine.append(_rule_hits([hits(k) for k in groups], rule.scope, rule.window,
                                   sentences, rule.after))
        h = _concat(mine)
        if not len(h[0]):
            continue
        v = np.concatenate([np.full(len(p[0]), rank[n], dtype=np.int64)
                            for p, n in zip(mine, names, strict=True)])
        order = np.lexsort((v, h[2], h[1], h[0]))
        h, v = _take(h, order), v[order]
        first = np.ones(len(v), dtype=bool)
        first[1:] = (np.diff(h[0]) != 0) | (np.diff(h[1]) != 0) | (np.diff(h[2]) != 0)
        h, v = _take(h, first), v[first]
        by_rank = sorted(names)
        parts.append(h)
        inst.append(np.full(len(v), j, dtype=np.int64))
        vias.append(np.array([len(via_names) + i for i in range(len(by_rank))])[v])
        via_names += by_rank
    if not parts:
        empty = np.zeros(0, np.int64)
        return (empty, empty, empty, np.zeros(0, object)), empty, np.zeros(0, object)
    h = _concat(parts)
    ins_all, via_all = np.concatenate(inst), np.concatenate(vias)
    order = np.lexsort((h[2], h[1], ins_all, h[0]))
    return _take(h, order), ins_all[order], np.array(via_names, dtype=object)[via_all[order]]
