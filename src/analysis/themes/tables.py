"""The build stage of the themes: every theme and tone table of a corpus at once."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd

from analysis.lexicon import check_units, countable, term_hits_by_group
from analysis.themes.chi2 import CHI2_COLUMNS, _theme_chi_square
from analysis.themes.counts import _clause_matrix, _doc_words, _theme_counts
from analysis.themes.dictionary import PathLike, ThemeDictionary, load_themes
from analysis.themes.era import (
    ERA_DIFF_COLUMNS,
    _era_compile,
    _era_draw,
    _era_finish,
    _era_prepare,
    _groups,
)
from analysis.themes.terms import theme_clauses, theme_terms
from analysis.themes.tone import _policy_tone, load_tone

__all__ = ["theme_tables"]


def theme_tables(
    units: pd.DataFrame,
    *,
    tokens: pd.DataFrame | None,
    documents: pd.DataFrame,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    tone_rules: PathLike = "instruments.toml",
    n_boot: int = 2000,
    seed: int = 12,
    threads: int = 1,
) -> dict[str, pd.DataFrame]:
    """Every theme table of a corpus at once, sharing the matching between them.

    Parameters
    ----------
    units : DataFrame
        The clause table (:func:`analysis.structure.clause_table`).
    tokens : DataFrame or None, keyword-only
        The corpus token table (word totals, token terms); None segments the clauses.
    documents : DataFrame, keyword-only
        The documents table (``doc_id`` and metadata such as ``city``, ``era``).
    dictionary, tone_rules : path or object, keyword-only
        Theme dictionary and the rule file holding the tone term sets.
    n_boot, seed : int, keyword-only
        Bootstrap replicates and seed of the era comparison and the permutation test.
    threads : int, keyword-only
        With 2 or more, the era comparison's bootstrap (a compiled kernel that releases
        the GIL) runs on a second thread while this one runs the permutation test (each
        from its own generator, seeded alike); the tables are the same for any number.

    Returns
    -------
    dict of str to DataFrame
        ``theme_counts``, ``theme_terms``, ``theme_clauses``, ``theme_hits``,
        ``theme_era_diff`` (empty unless the clauses' documents have exactly two eras;
        documents without an era are left out), ``theme_chi2``
        (empty with fewer than two documents) and ``tone``.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": ["a", "b"], "clause_id": ["a:1", "b:1"],
    ...     "text": ["引进人才。", "建设平台,培养人才。"], "char_start": 0, "char_end": [5, 10]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "era": ["2010s", "2020s"]})
    >>> t = theme_tables(units, tokens=None, documents=docs, n_boot=50)
    >>> sorted(t)
    ['theme_chi2', 'theme_clauses', 'theme_counts', 'theme_era_diff', 'theme_hits',
     'theme_terms', 'tone']
    >>> t["theme_era_diff"].set_index("theme").loc["platforms", "diff"]
    np.float64(1.0)
    """
    dictionary = load_themes(dictionary)
    rules = tone_rules
    docs = documents
    # what theme_counts and policy_tone would each compute again
    checked = check_units(units)
    keep, words = countable(checked), _doc_words(checked, tokens, None)
    tones = load_tone(rules)
    # the themes and the tone from one pass over the clauses: the same hits as
    # match_terms gives each
    hits, tone_hits = term_hits_by_group(checked, [dictionary.themes, tones], tokens=tokens,
                                         code_columns=["theme", "tone"])
    # the other tables first: the clause x theme matrix and the bootstrap's clause values
    # are not yet held while they are built
    out = {
        "theme_counts": _theme_counts(checked, dictionary, hits, keep=keep, words=words,
                                      documents=docs, per=10_000),
        "theme_terms": theme_terms(hits, dictionary=dictionary),
        "theme_clauses": theme_clauses(hits, units, dictionary=dictionary),
        "theme_hits": hits,
        "tone": _policy_tone(checked, tones, tone_hits, source=str(rules), keep=keep,
                             words=words, documents=docs, per=10_000),
    }
    # the hits per (clause, theme) of the era comparison and the chi-square test, made once
    m = _clause_matrix(checked, hits, dictionary.keys)

    def era_plan() -> dict[str, Any] | None:
        # nothing to compare unless the clauses' documents have exactly two eras (a
        # document without one is left out of the comparison)
        if "era" not in docs.columns:
            return None
        eras = docs[["doc_id", "era"]].drop_duplicates("doc_id").set_index("doc_id")["era"]
        seen = eras.reindex(checked["doc_id"].unique()).dropna().unique().tolist()
        if len(seen) != 2:
            return None
        # era_difference(units, documents=docs, dictionary=dictionary, hits=hits,
        # tokens=tokens, n_boot=n_boot, seed=seed) from the shared inputs
        meta, groups = _groups(checked, docs, "era", tuple(sorted(seen, key=str)))
        return _era_prepare(
            checked, keep.to_numpy(dtype=bool), m, dictionary, meta, groups, tokens=tokens,
            tokenizer=None, by="era", metric="clause_share", weighting="document",
            n_boot=n_boot, ci=0.95, seed=seed, documents=docs)

    def chi2() -> pd.DataFrame:
        chi = None
        if len(docs) >= 2:
            try:
                chi = _theme_chi_square(checked, dictionary, m, permutations=999, seed=seed,
                                        documents=docs)
            except ValueError:
                chi = None
        return pd.DataFrame(columns=list(CHI2_COLUMNS)) if chi is None else chi.to_frame()

    # only the bootstrap's compiled kernel (NumPy arrays in and out, no pandas, which
    # enters the process-wide warnings state in almost every Series it builds) runs on the
    # other thread; the pandas before and after it and the permutation test run here
    plan = era_plan()
    if plan is None:
        # written even when there is nothing to compare (empty, same columns), so that
        # figures and notebooks on a one-era or one-document corpus say so
        out["theme_era_diff"] = pd.DataFrame(columns=list(ERA_DIFF_COLUMNS))
        out["theme_chi2"] = chi2()
    else:
        if threads > 1:
            _era_compile()
        drawn, out["theme_chi2"] = _side_by_side(lambda: _era_draw(plan), chi2,
                                                 threads=threads)
        out["theme_era_diff"] = _era_finish(plan, drawn)
    return out


def _side_by_side(first: Callable[[], Any], second: Callable[[], Any], *,
                  threads: int) -> tuple[Any, Any]:
    """``(first(), second())``; with ``threads`` above 1, ``first`` runs on another thread
    while this one runs ``second``. An error is raised here as one thread raises it:
    ``first``'s before ``second``'s; an interrupt (or other ``BaseException``) of
    ``second`` at once, without waiting for ``first``."""
    if threads <= 1:
        return first(), second()
    pool = ThreadPoolExecutor(1)
    try:
        pending = pool.submit(first)
        try:
            other = second()
        except Exception:
            pending.result()  # first's error, if it has one, comes first
            raise
        return pending.result(), other
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
