"""Evidence: the clauses and keywords in context behind any theme, tone or instrument count.

:func:`count_evidence` lists exactly the hits a count is made of (the rows of
:func:`analysis.lexicon.term_hits` for a theme or tone, the evidence terms of
:func:`analysis.instruments.instrument_hits` for an instrument) with their context;
:func:`evidence_clauses` and :func:`format_evidence` turn them into quotes to read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from analysis.instruments import instrument_hits, load_instruments
from analysis.lexicon import check_units, countable, doc_order, kwic_rows, original_texts
from analysis.themes.counts import match_terms
from analysis.themes.dictionary import PathLike, ThemeDictionary, load_themes
from analysis.themes.tone import load_tone

if TYPE_CHECKING:
    from analysis.text.corpus import Corpus
    from analysis.text.tokenize import Tokenizer

__all__ = ["count_evidence", "evidence_clauses", "evidence_documents", "format_evidence"]

_SPACE = re.compile(r"\s+")


def count_evidence(
    units: pd.DataFrame,
    *,
    doc_id: str | Sequence[str] | None = None,
    theme: str | None = None,
    instrument: str | None = None,
    tone: str | None = None,
    term: str | None = None,
    corpus: Corpus | pd.DataFrame | None = None,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    rules: PathLike = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    window: int = 20,
) -> pd.DataFrame:
    """The clauses and keywords-in-context behind a theme, instrument or tone count.

    Give exactly one of ``theme`` (a key such as ``"talent"`` or its Chinese name),
    ``instrument`` (a code such as ``"金融支持"``) or ``tone``. The rows are exactly the hits
    counted by :func:`theme_counts` / :func:`policy_tone` (one row per hit), or, for an
    instrument, the matched terms of every clause :func:`analysis.instruments.code_instruments`
    coded with it, so every number can be checked against the text.

    ``corpus`` (a Corpus, or the build's ``documents`` table, which keeps ``text_orig``)
    makes the quotes original script; pass the build's ``tokens`` so that token-only terms
    are matched exactly as the build matched them. :func:`evidence_clauses` turns the rows
    into one quote per clause.

    Returns
    -------
    DataFrame
        ``doc_id, clause_id, code, term, start, end, left, match, right, quote, counted``
        (``quote`` in the original script when ``corpus`` is given: a Corpus, or the
        build's ``documents`` table; ``counted``: the clause counts in clause shares, i.e.
        it is not a title-only heading, a responsible-unit cell or closing matter), in text
        order.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进高层次人才。", "鼓励银行开展知识产权质押贷款。"],
    ...     "char_start": [0, 8], "char_end": [8, 23]})
    >>> count_evidence(units, theme="talent")[["clause_id", "match"]].values.tolist()
    [['d:1', '人才']]
    >>> count_evidence(units, instrument="金融支持")["match"].tolist()
    ['银行', '质押', '贷款']
    """
    chosen = [x for x in (theme, instrument, tone) if x is not None]
    if len(chosen) != 1:
        raise ValueError("give exactly one of theme=, instrument= or tone=.")
    units = check_units(units)
    if doc_id is not None:
        wanted = [doc_id] if isinstance(doc_id, str) else list(doc_id)
        unknown = sorted(set(wanted) - set(units["doc_id"]))
        if unknown:
            raise ValueError(f"doc_id {', '.join(unknown)} not found; documents: "
                             f"{', '.join(doc_order(units))}.")
        units = units.loc[units["doc_id"].isin(wanted)].reset_index(drop=True)
    if theme is not None:
        d = load_themes(dictionary)
        ts = d.lookup(theme)
        if ts is None:
            raise ValueError(f"theme {theme!r} is not in {d.source}; themes: "
                             f"{', '.join(d.keys)}.")
        hits = match_terms(units, [ts], tokens=tokens, tokenizer=tokenizer, code_column="code")
    elif tone is not None:
        tones = load_tone(rules)
        ts = next((t for t in tones if tone in (t.key, t.zh, t.en)), None)
        if ts is None:
            raise ValueError(f"tone {tone!r} is not in {rules}; tones: "
                             f"{', '.join(t.key for t in tones)}.")
        hits = match_terms(units, [ts], tokens=tokens, tokenizer=tokenizer, code_column="code")
    else:
        ins = load_instruments(rules)
        code = ins.resolve(instrument)
        hits = instrument_hits(units, rules=ins, tokens=tokens, tokenizer=tokenizer)
        hits = hits.loc[hits["instrument"] == code].rename(columns={"instrument": "code"})
        hits = hits[["doc_id", "clause_id", "code", "term", "start", "end"]]
    if term is not None:
        hits = hits.loc[hits["term"] == term]
    hits = hits.sort_values(["start"], kind="stable")
    pos = {c: i for i, c in enumerate(units["clause_id"])}
    hits = hits.assign(_c=hits["clause_id"].map(pos)).sort_values(["_c", "start"], kind="stable")
    hits = hits.drop(columns="_c").reset_index(drop=True)
    out = kwic_rows(hits, units, corpus=corpus, window=window)
    counted = dict(zip(units["clause_id"], countable(units), strict=True))
    out["counted"] = out["clause_id"].map(counted).astype(bool)
    return out


def evidence_documents(counts: pd.DataFrame, *, theme: str,
                       prefer: str | Sequence[str] | None = None) -> list[str]:
    """Which documents to quote for a theme: those of ``prefer`` that the corpus has, else
    the document where the theme is densest (most hits per 10,000 words).

    So a notebook that quotes ``yinchuan_2022`` by default still quotes something sensible
    on a researcher's own corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "theme": "finance", "theme_zh": "科技金融",
    ...                        "theme_en": "Finance", "per_10k": [3.0, 9.5]})
    >>> evidence_documents(counts, theme="finance", prefer=["a", "zz"])
    ['a']
    >>> evidence_documents(counts, theme="finance", prefer="zz")
    ['b']
    """
    missing = [c for c in ("doc_id", "theme", "theme_zh", "theme_en", "per_10k")
               if c not in counts.columns]
    if missing:
        raise ValueError(f"theme_counts: missing column(s) {', '.join(missing)}; pass the "
                         "build's theme_counts table.")
    rows = counts.loc[counts[["theme", "theme_zh", "theme_en"]].eq(theme).any(axis=1)]
    if rows.empty:
        raise ValueError(f"theme {theme!r} is not in theme_counts; themes: "
                         f"{', '.join(dict.fromkeys(counts['theme']))}.")
    wanted = [prefer] if isinstance(prefer, str) else list(prefer or [])
    present = [d for d in wanted if d in set(rows["doc_id"])]
    if present:
        return present
    best = rows.sort_values(["per_10k", "doc_id"], ascending=[False, True], kind="stable")
    return [str(best["doc_id"].iloc[0])]


def _marked(text: str, spans: list[tuple[int, int]], context: int | None) -> str:
    """``text`` with every span in 【】; with ``context``, only ``context`` characters either
    side of the spans are kept and the cuts are marked with …; whitespace runs become one
    space."""
    windows: list[list[int]] = []
    for s, e in spans:
        lo, hi = (0, len(text)) if context is None else (max(0, s - context),
                                                         min(len(text), e + context))
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    parts = []
    for k, (lo, hi) in enumerate(windows):
        parts.append("…" if lo > 0 or k > 0 else "")
        last = lo
        for s, e in spans:
            if lo <= s < hi:
                parts += [text[last:s], "【", text[s:e], "】"]
                last = e
        parts.append(text[last:hi])
    if windows and windows[-1][1] < len(text):
        parts.append("…")
    return _SPACE.sub(" ", "".join(parts)).strip()


def evidence_clauses(evidence: pd.DataFrame, units: pd.DataFrame, *,
                     corpus: Corpus | pd.DataFrame | None = None,
                     context: int | None = None) -> pd.DataFrame:
    """One row per clause behind a count: the clause quoted whole with its matches marked.

    Parameters
    ----------
    evidence : DataFrame
        :func:`count_evidence` rows (``doc_id, clause_id, term, start, end``).
    units : DataFrame
        The clauses (the build's ``clauses`` table).
    corpus : Corpus or DataFrame, keyword-only
        A Corpus or the build's ``documents`` table: quotes in the original script
        (traditional characters stay traditional). Without it, the normalised text.
    context : int, keyword-only
        Keep this many characters either side of each match (``…`` marks a cut); ``None``
        quotes whole clauses. Line breaks and runs of spaces become one space.

    Returns
    -------
    DataFrame
        ``doc_id, clause_id, label, hits, terms, counted, quote``, in text order. ``counted``
        says whether the clause counts in the clause share (headings that are only a title,
        closing matter and lead-unit cells do not), so ``counted.sum()`` equals
        ``clauses_with_theme`` of :func:`theme_counts` and ``hits.sum()`` its ``hits``.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进人才,培养人才。", "支持科技金融。"], "char_start": [0, 10],
    ...     "char_end": [10, 17]})
    >>> ev = count_evidence(units, theme="talent")
    >>> evidence_clauses(ev, units)[["hits", "quote"]].values.tolist()
    [[2, '引进【人才】,培养【人才】。']]
    """
    units = check_units(units)
    cols = ["doc_id", "clause_id", "label", "hits", "terms", "counted", "quote"]
    if evidence.empty:
        return pd.DataFrame(columns=cols)
    originals = original_texts(corpus)
    counted = dict(zip(units["clause_id"], countable(units), strict=True))
    info = units.set_index("clause_id")
    rows = []
    for cid, g in evidence.groupby("clause_id", sort=False):
        u = info.loc[cid]
        a, b = int(u["char_start"]), int(u["char_end"])
        text = originals.get(u["doc_id"])
        text = text[a:b] if text is not None else str(u["text"])
        spans = sorted(zip((g["start"] - a).astype(int), (g["end"] - a).astype(int),
                           strict=True))
        quote = _marked(text, spans, context)
        rows.append({"doc_id": u["doc_id"], "clause_id": cid,
                     "label": str(u["label"]) if "label" in info.columns else "",
                     "hits": len(g), "terms": "、".join(dict.fromkeys(g["term"])),
                     "counted": bool(counted[cid]), "quote": quote})
    out = pd.DataFrame(rows, columns=cols)
    pos = {c: i for i, c in enumerate(units["clause_id"])}
    return (out.assign(_c=out["clause_id"].map(pos)).sort_values("_c", kind="stable")
            .drop(columns="_c").reset_index(drop=True))


def format_evidence(quotes: pd.DataFrame) -> str:
    """:func:`evidence_clauses` as plain text to print: one paragraph per clause, headed by
    its ``clause_id``, hits and terms (``not counted`` marks clauses outside the clause
    share), matches in 【】.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "label": "1", "hits": [2],
    ...                   "terms": ["人才"], "counted": [True], "quote": ["引进【人才】"]})
    >>> print(format_evidence(q))
    d:1 · 2 hits (人才)
      引进【人才】
    """
    if quotes.empty:
        return "No clause has a hit."
    parts = []
    for row in quotes.itertuples(index=False):
        n = f"{row.hits} hit{'s' if row.hits != 1 else ''}"
        flag = "" if row.counted else "; not counted in the clause share"
        parts.append(f"{row.clause_id} · {n} ({row.terms}{flag})\n  {row.quote}")
    return "\n".join(parts)

