"""Masking the matches of regular expressions in many texts at once.

:func:`mask_patterns` gives each text with every non-empty match of the patterns replaced
by :data:`~analysis.lexicon.engine.MASK` (same length, offsets kept), as a search of each
text on its own finds them; the texts are joined and each pattern is searched over the
joined texts (context-free patterns, and patterns with lookarounds that
:func:`~analysis.lexicon.lookaround.joinable` admits) or over the texts that contain a string of
each of its literal sets (:mod:`analysis.lexicon.prefilter`), as
:func:`~analysis.lexicon.match_texts` searches its patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.lexicon.engine import MASK, _pattern_matches, mask_spans
from analysis.lexicon.onepass import join_texts
from analysis.lexicon.prefilter import literal_sets, texts_with_all
from analysis.lexicon.repeats import distinct_texts

__all__ = ["mask_patterns"]

#: What joins the texts (any character gives the same result: a match that runs across
#: it is found again by searching the texts it touches on their own).
_SEP = "\n"


def mask_patterns(texts: Sequence[str], patterns: Sequence[str | re.Pattern[str]], *,
                  threads: int = 1) -> list[str]:
    r"""Each text with the non-empty matches of every pattern masked.

    The same as ``mask_spans(text, [m.span() for rx in patterns for m in
    rx.finditer(text) if m.end() > m.start()])`` for each text, without a search per text
    and pattern. A pattern with a group named ``sub`` masks that group only (the rest of
    its match is context), searched only in the texts holding what it needs.

    Parameters
    ----------
    texts : sequence of str
        The texts, masked each on its own.
    patterns : sequence of str or compiled pattern
        Regular expressions; compiled ones with flags of their own are searched text by
        text.
    threads : int, keyword-only
        Threads for the pass that finds the texts holding the patterns' literals (the
        same result whatever their number).

    Returns
    -------
    list of str
        The masked texts, in order, each as long as the original.

    Examples
    --------
    >>> mask_patterns(["以人才为导向,建设平台", "无"], [r"以[^,]{1,5}为导向"])
    ['\x00\x00\x00\x00\x00\x00,建设平台', '无']
    >>> mask_patterns(["到此为止"], [r"到(?P<sub>.*)"])
    ['到\x00\x00\x00']
    """
    texts = [str(t) for t in texts]
    sources: list[str] = []
    for p in patterns:
        if isinstance(p, re.Pattern) and p.flags != re.compile(p.pattern).flags:
            return [mask_spans(t, [sp for rx in patterns for sp in _spans(re.compile(rx), t)])
                    for t in texts]
        sources.append(p.pattern if isinstance(p, re.Pattern) else p)
    if not texts or not sources:
        return texts
    # equal texts are masked alike: each distinct text is searched once
    codes, uniq = distinct_texts(texts)
    if len(uniq) < len(texts):
        masked = _masked(uniq, sources, threads)
        return [masked[c] for c in codes.tolist()]
    return _masked(texts, sources, threads)


def _masked(texts: list[str], sources: list[str], threads: int) -> list[str]:
    """:func:`mask_patterns` of the pattern ``sources``, searching every text."""
    joined, off, lens = join_texts(texts, _SEP)
    need = {}
    for p in dict.fromkeys(sources):
        sets = list(literal_sets(p, avoid=(_SEP, MASK)))
        if sets:
            need[p] = sets
    within = dict(zip(need, texts_with_all(joined, off, _SEP, list(need.values()),
                                              threads=threads), strict=True))
    starts = off.tolist()
    spans = []
    for p in dict.fromkeys(sources):
        rx = re.compile(p)
        if "sub" in rx.groupindex:
            rows = within[p].tolist() if p in within else range(len(texts))
            spans += [(starts[i] + a, starts[i] + b) for i in rows
                      for a, b in _spans(rx, texts[i])]
        else:
            spans += [(starts[i] + a, starts[i] + b) for i, a, b, _ in
                      _pattern_matches(p, joined, off, lens, within.get(p), _SEP)]
    if not spans:
        return texts
    masked = mask_spans(joined, spans)
    return [masked[a:a + n] for a, n in zip(starts, lens.tolist(), strict=True)]


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The non-empty spans ``rx`` masks in ``text``: its group ``sub`` if it has one, else
    the whole match."""
    group = "sub" if "sub" in rx.groupindex else 0
    return [m.span(group) for m in rx.finditer(text) if m.end(group) > m.start(group)]
