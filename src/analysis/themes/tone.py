"""Policy tone: how often documents use mandatory, encouraging and permissive wording.

The wording lists are term sets like the themes and are counted the same way (hits, hits
per 10,000 words, share of clauses). They are the ``[[tone]]`` tables of the instrument
rule file (``resources/instruments.toml``), next to the instruments whose strength they
qualify; this module reads only those tables, so a rule file passed as the build's
``instruments`` option changes the tone wording too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.lexicon import TermSet, check_units, countable, termsets_from_tables, with_meta
from analysis.resources import read_toml
from analysis.themes.counts import _doc_words, _resolve_hits, _theme_counts, match_terms
from analysis.themes.dictionary import PathLike, ThemeDictionary

if TYPE_CHECKING:
    from analysis.text.tokenize import Tokenizer

__all__ = ["load_tone", "policy_tone"]


def load_tone(path: PathLike = "instruments.toml") -> tuple[TermSet, ...]:
    """The policy-tone wording (``[[tone]]`` tables of the instrument rule file).

    Examples
    --------
    >>> [t.key for t in load_tone()]
    ['mandatory', 'encouraging', 'permissive']
    """
    tables = read_toml(path).get("tone")
    if not isinstance(tables, list) or not tables:
        raise ValueError(f"{path}: no [[tone]] tables; define the tone wording as [[tone]] "
                         "tables with key, zh, en and terms.")
    return termsets_from_tables(tables, source=str(path), what="tone")


def policy_tone(
    units: pd.DataFrame,
    *,
    rules: PathLike = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    hits: pd.DataFrame | None = None,
    per: int = 10_000,
) -> pd.DataFrame:
    """Policy tone per document: the share of clauses using mandatory wording (确保, 严格,
    必须, 要求), encouraging wording (鼓励, 支持, 引导) and permissive wording (可, 允许, 探索).

    The wording lists are the ``[[tone]]`` tables of the rule file. Returns one row per
    document × tone: ``doc_id, [city ...,] tone, tone_zh, tone_en, clauses_with_tone,
    n_clauses, share, hits, per_10k``.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["必须确保资金到位。", "鼓励企业探索,可先行先试。"],
    ...     "char_start": [0, 9], "char_end": [9, 22]})
    >>> t = policy_tone(units).set_index("tone")
    >>> t["clauses_with_tone"].to_dict()
    {'mandatory': 1, 'encouraging': 1, 'permissive': 1}
    >>> int(t.loc["permissive", "hits"])
    2
    """
    units = check_units(units)
    tones = load_tone(rules)
    if hits is None:
        hits = match_terms(units, tones, tokens=tokens, tokenizer=tokenizer, code_column="tone")
    return _policy_tone(units, tones, hits, source=str(rules), keep=countable(units),
                        words=_doc_words(units, tokens, tokenizer), documents=documents,
                        per=per)


def _policy_tone(units: pd.DataFrame, tones: tuple[TermSet, ...], hits: pd.DataFrame, *,
                 source: str, keep: pd.Series, words: pd.Series,
                 documents: pd.DataFrame | None, per: int) -> pd.DataFrame:
    """:func:`policy_tone` of checked units, given their
    :func:`~analysis.lexicon.countable` mask and words per document."""
    d = ThemeDictionary(tones, source=source)
    hits = _resolve_hits(units, d, hits.rename(columns={"tone": "theme"}), None, None)
    counts = _theme_counts(units, d, hits, keep=keep, words=words, documents=None, per=per)
    counts = counts.rename(columns={"theme": "tone", "theme_zh": "tone_zh", "theme_en": "tone_en",
                                    "clauses_with_theme": "clauses_with_tone",
                                    "clause_share": "share"})
    cols = ["doc_id", "tone", "tone_zh", "tone_en", "clauses_with_tone", "n_clauses", "share",
            "hits", "per_10k"]
    return with_meta(counts[cols], documents)

