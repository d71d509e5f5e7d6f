"""Term sets matched over clause units: one row per hit, with document offsets.

:func:`term_hits` runs the engine (:func:`analysis.lexicon.engine.match_texts`) over the
texts of a units frame and turns unit offsets into offsets of the document's normalised
text, so ``text_orig[start:end]`` quotes the original script. :func:`unit_matches` gives the
same matches per unit, for code that combines term sets (co-occurrence rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.lexicon.engine import Matches, match_texts
from analysis.lexicon.onepass import separator
from analysis.lexicon.units import UnitTokens, check_units

if TYPE_CHECKING:
    from analysis.lexicon.termset import TermSet
    from analysis.text import Tokenizer

__all__ = ["hit_frame", "term_hits", "term_hits_by_group", "unit_matches"]


def unit_matches(units: pd.DataFrame, termsets: Sequence[TermSet], *,
                 mode: str = "substring", tokens: pd.DataFrame | None = None,
                 tokenizer: Tokenizer | None = None,
                 texts: list[str] | None = None, threads: int = 1) -> list[Matches]:
    """:func:`~analysis.lexicon.engine.match_texts` over the texts of ``units`` (checked
    units: a fresh index), one :class:`~analysis.lexicon.engine.Matches` per term set with
    offsets relative to each unit's text.

    ``tokens`` is a :func:`analysis.text.tokenize.token_table` of the same corpus (document
    offsets), used for token terms and ``mode="token"``; units of documents it lacks (or
    every unit, without it) are segmented with ``tokenizer``. ``texts`` (a string per
    unit) replaces ``units["text"]``, which is then not read: a caller holding the texts
    as a list (or a masked version of them) makes no second copy of every clause's text.
    ``threads``: threads for the literal pass (the same matches whatever their number).

    Examples
    --------
    >>> from analysis.lexicon.termset import TermSet
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进人才", "人才"], "char_start": [0, 4], "char_end": [4, 6]})
    >>> unit_matches(units, [TermSet("t", "人才", "Talent", terms=("人才",))])[0].by_text()
    {0: [(2, 4, '人才')], 1: [(0, 2, '人才')]}
    """
    need_tokens = mode == "token" or any(ts.tokens for ts in termsets)
    source = UnitTokens(units, tokens, tokenizer, texts=texts) if need_tokens else None
    if texts is None:
        texts = units["text"].astype(str).tolist()
    elif len(texts) != len(units):
        raise ValueError(f"texts= holds {len(texts)} texts for {len(units)} units: "
                         "give one text per row of units, in the same order")
    return match_texts(texts, list(termsets), mode=mode, tokens=source, threads=threads)


def hit_frame(rows: Iterable[tuple], code_column: str = "code") -> pd.DataFrame:
    """Hit rows ``(doc_id, clause_id, code, term, start, end)`` as a frame (int64 offsets).

    Examples
    --------
    >>> hit_frame([], "theme").columns.tolist()
    ['doc_id', 'clause_id', 'theme', 'term', 'start', 'end']
    """
    out = pd.DataFrame(list(rows),
                       columns=["doc_id", "clause_id", code_column, "term", "start", "end"])
    return out.astype({"start": "int64", "end": "int64"})


def term_hits(
    units: pd.DataFrame,
    termsets: Iterable[TermSet],
    *,
    mode: str = "substring",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    code_column: str = "code",
) -> pd.DataFrame:
    """Every match of every term set in every clause: one row per hit.

    Parameters
    ----------
    units : DataFrame
        Clauses (``doc_id, clause_id, text, char_start, char_end``).
    termsets : iterable of TermSet
        What to look for (a theme dictionary, the tone wording, rule groups ...).
    mode : {"substring", "token"}, keyword-only
        ``"substring"``: terms anywhere (longest first), patterns, token terms as tokens;
        ``"token"``: only tokens equal to a term count.
    tokens, tokenizer : keyword-only
        As in :func:`unit_matches`.
    code_column : str, keyword-only
        Name of the column holding the term set's key (``theme``, ``tone`` ...).

    Returns
    -------
    DataFrame
        ``doc_id, clause_id, <code_column>, term, start, end`` with ``start/end`` offsets into
        the document's normalised text; in clause order, then term-set order, then position.

    Examples
    --------
    >>> from analysis.lexicon.termset import TermSet
    >>> units = pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "char_start": [10],
    ...                       "text": ["支持人才引进和高层次人才培养"], "char_end": [24]})
    >>> talent = [TermSet("talent", "人才", "Talent", terms=("人才",))]
    >>> term_hits(units, talent)["start"].tolist()
    [12, 20]
    >>> len(term_hits(units, talent, mode="token"))
    0
    """
    return term_hits_by_group(units, [list(termsets)], mode=mode, tokens=tokens,
                              tokenizer=tokenizer, code_columns=[code_column])[0]


def term_hits_by_group(
    units: pd.DataFrame,
    groups: Sequence[Iterable[TermSet]],
    *,
    mode: str = "substring",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    code_columns: Sequence[str] | None = None,
) -> list[pd.DataFrame]:
    """:func:`term_hits` of several groups of term sets (a theme dictionary and the tone
    wording ...) from one pass over the texts: one frame per group, each equal to
    ``term_hits(units, group, code_column=...)``.

    Every term set is matched on its own (the pass only finds the literals of all sets at
    once), so a set's hits do not depend on the other sets. When the groups together
    would need a different separator between the joined texts than a group alone (a term
    holding U+0001), each group gets its own pass.

    Parameters
    ----------
    units : DataFrame
        Clauses (``doc_id, clause_id, text, char_start, char_end``).
    groups : sequence of iterables of TermSet
        The groups of term sets, each giving one frame.
    mode, tokens, tokenizer : keyword-only
        As in :func:`term_hits`.
    code_columns : sequence of str, keyword-only
        The key column of each group's frame (default ``code`` for every group).

    Returns
    -------
    list of DataFrame
        One :func:`term_hits` frame per group, in ``groups`` order.

    Examples
    --------
    >>> from analysis.lexicon.termset import TermSet
    >>> units = pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "char_start": [0],
    ...                       "text": ["必须引进人才"], "char_end": [6]})
    >>> talent = [TermSet("talent", "人才", "Talent", terms=("人才",))]
    >>> must = [TermSet("mandatory", "必须", "Mandatory", terms=("必须",))]
    >>> themes, tone = term_hits_by_group(units, [talent, must], code_columns=["theme", "tone"])
    >>> themes["theme"].tolist(), tone[["tone", "start"]].values.tolist()
    (['talent'], [['mandatory', 0]])
    """
    sets = [list(g) for g in groups]
    cols = list(code_columns) if code_columns is not None else ["code"] * len(sets)
    if len(cols) != len(sets):
        raise ValueError(f"{len(sets)} groups of term sets but {len(cols)} code_columns; "
                         "give one column name per group.")
    units = check_units(units)
    union = [ts for g in sets for ts in g]
    if len(sets) > 1 and any(separator(g) != separator(union) for g in sets):
        return [_group_frame(units, g, unit_matches(units, g, mode=mode, tokens=tokens,
                                                    tokenizer=tokenizer), c)
                for g, c in zip(sets, cols, strict=True)]
    found = unit_matches(units, union, mode=mode, tokens=tokens, tokenizer=tokenizer)
    out, k = [], 0
    for g, c in zip(sets, cols, strict=True):
        out.append(_group_frame(units, g, found[k:k + len(g)], c))
        k += len(g)
    return out


def _group_frame(units: pd.DataFrame, sets: Sequence[TermSet], found: Sequence[Matches],
                 code_column: str) -> pd.DataFrame:
    """The hit frame of ``sets`` from their matches ``found`` in the checked ``units``."""
    if not found or not sum(len(m.text) for m in found):
        return hit_frame([], code_column)
    u = np.concatenate([m.text for m in found])
    kk = np.concatenate([np.full(len(m.text), k, dtype=np.int64) for k, m in enumerate(found)])
    s_rel = np.concatenate([m.start for m in found])
    e_rel = np.concatenate([m.end for m in found])
    terms = np.concatenate([m.term for m in found])
    order = np.lexsort((s_rel, kk, u))
    u, kk, s_rel, e_rel, terms = u[order], kk[order], s_rel[order], e_rel[order], terms[order]
    a = units["char_start"].astype(int).to_numpy().astype(np.int64)[u]
    keys = np.array([ts.key for ts in sets], dtype=object)
    out = pd.DataFrame({
        "doc_id": _taken(units["doc_id"], u),
        "clause_id": _taken(units["clause_id"], u),
        code_column: _taken(pd.Series(keys.tolist()), kk),
        "term": _taken(*_distinct(terms)),
        "start": a + s_rel,
        "end": a + e_rel,
    })
    return out.astype({"start": "int64", "end": "int64"})


#: The dtype of a column made from a list of strings.
_LIST_STR = pd.Series(["x"]).dtype


def _taken(col: pd.Series, rows: np.ndarray) -> pd.Series | list:
    """``col``'s values at ``rows``, as a column made from their list would hold them:
    taken within Arrow when ``col`` has that column's dtype (no Python string per row)."""
    if col.dtype == _LIST_STR:
        return col.take(rows).reset_index(drop=True)
    return col.to_numpy(dtype=object)[rows].tolist()


def _distinct(values: np.ndarray) -> tuple[pd.Series, np.ndarray]:
    """The distinct values (first-seen order) and each value's position among them."""
    codes, uniq = pd.factorize(values, use_na_sentinel=False)
    return pd.Series(list(uniq)), codes
