"""Themes: what each document emphasises, clause by clause, with numbers that trace back.

A *theme* (talent, finance, platforms ...) is a term set of an editable dictionary
(``resources/themes.toml``), matched by the one dictionary engine (:mod:`analysis.lexicon`)
over the clauses of :func:`analysis.structure.clause_table`; every function also accepts
any frame with the columns ``doc_id, clause_id, text, char_start, char_end``. Comparisons
carry their uncertainty and a caveat written for the corpus, and every count can be traced
to the clauses behind it.

Modules
-------
dictionary
    :class:`ThemeDictionary` and :func:`load_themes` (the packaged file or your own).
counts
    :func:`match_terms`, :func:`theme_counts` (hits, hits per 10,000 words, clause
    shares), :func:`theme_profiles`, :func:`unit_word_counts`.
terms
    The terms behind the counts: :func:`theme_terms`, :func:`theme_term_table`,
    :func:`theme_clauses`.
tone
    Policy tone (mandatory, encouraging, permissive wording): :func:`load_tone`,
    :func:`policy_tone`.
era
    :func:`era_difference`: group differences with clause-bootstrap intervals.
chi2
    :func:`theme_chi_square` and :class:`ChiSquareResult`.
caveat
    :func:`corpus_caveat`: the caveat of every comparison, from the documents table.
evidence
    :func:`count_evidence`, :func:`evidence_clauses`, :func:`format_evidence`,
    :func:`evidence_documents`.
tables
    :func:`theme_tables`: every theme and tone table of the build at once.
"""

from analysis.lexicon import TermSet, clause_units
from analysis.themes.caveat import CAVEAT, corpus_caveat
from analysis.themes.chi2 import (
    CHI2_COLUMNS,
    ChiSquareResult,
    chi_square_summary,
    theme_chi_square,
)
from analysis.themes.counts import match_terms, theme_counts, theme_profiles, unit_word_counts
from analysis.themes.dictionary import HEADLINE_THEMES, SCOPES, ThemeDictionary, load_themes
from analysis.themes.era import ERA_DIFF_COLUMNS, era_difference
from analysis.themes.evidence import (
    count_evidence,
    evidence_clauses,
    evidence_documents,
    format_evidence,
)
from analysis.themes.tables import theme_tables
from analysis.themes.terms import theme_clauses, theme_term_table, theme_terms
from analysis.themes.tone import load_tone, policy_tone

__all__ = [
    "CAVEAT",
    "CHI2_COLUMNS",
    "ERA_DIFF_COLUMNS",
    "HEADLINE_THEMES",
    "SCOPES",
    "ChiSquareResult",
    "TermSet",
    "ThemeDictionary",
    "chi_square_summary",
    "clause_units",
    "corpus_caveat",
    "count_evidence",
    "era_difference",
    "evidence_clauses",
    "evidence_documents",
    "format_evidence",
    "load_themes",
    "load_tone",
    "match_terms",
    "policy_tone",
    "theme_chi_square",
    "theme_clauses",
    "theme_counts",
    "theme_profiles",
    "theme_tables",
    "theme_term_table",
    "theme_terms",
    "unit_word_counts",
]
