"""The dictionary engine: term sets as data, matched over clauses with offsets, in context.

Every dictionary count of policy-lens (themes, policy tone, policy instruments and their
co-occurrence rules) runs on this one engine, as quanteda's ``dfm_lookup`` or spaCy's
``SpanRuler`` apply a dictionary that is data; :mod:`analysis.themes` and
:mod:`analysis.instruments` only say which term sets to match and what to count.

Modules
-------
termset
    :class:`TermSet` (terms, token terms, regular-expression patterns, exclusion contexts)
    and its validated construction from TOML tables.
engine
    The matching semantics in one place: :func:`match_texts` finds any number of term sets
    in any number of texts at once; :func:`literal_scanner` is the replaceable literal
    search at its core.
onepass
    Every literal of every term set found in one automaton pass, as arrays.
scan
    The compiled Aho–Corasick pass under it (:func:`~analysis.lexicon.scan.all_occurrences`),
    searched in chunks on any number of threads.
masks
    :func:`mask_patterns`: the matches of regular expressions masked in many texts at once.
repeats
    The distinct texts of a list, searched once, and the rows found spread back to every
    copy.
units
    Clause units: :func:`check_units`, :func:`countable` (which clauses count in clause
    shares), :class:`UnitTokens` (each clause's tokens), :func:`with_meta`.
hits
    :func:`term_hits`: one row per hit with document offsets; :func:`term_hits_by_group`
    (several groups of term sets from one pass); :func:`unit_matches`.
concordance
    Keyword in context (:func:`kwic`, :func:`kwic_rows`) and lexical dispersion.

Examples
--------
>>> import pandas as pd
>>> from analysis.lexicon import TermSet, term_hits
>>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
...     "text": ["引进高层次人才。", "金融办推动科技金融。"],
...     "char_start": [0, 8], "char_end": [8, 18]})
>>> sets = [TermSet("talent", "人才", "Talent", terms=("人才",)),
...         TermSet("finance", "金融", "Finance", terms=("金融", "科技金融"),
...                 exclude=("金融办",))]
>>> term_hits(units, sets)[["clause_id", "code", "term", "start"]].values.tolist()
[['d:1', 'talent', '人才', 5], ['d:2', 'finance', '科技金融', 13]]
"""

from analysis.lexicon.concordance import (
    DISPERSION_TERMS,
    KWIC_COLUMNS,
    compile_pattern,
    dispersion,
    dispersion_table,
    kwic,
    kwic_rows,
    original_texts,
)
from analysis.lexicon.engine import (
    MASK,
    MODES,
    Matches,
    SpanTokens,
    TokenSource,
    find_in_text,
    literal_scanner,
    mask_text,
    match_texts,
)
from analysis.lexicon.hits import hit_frame, term_hits, term_hits_by_group, unit_matches
from analysis.lexicon.masks import mask_patterns
from analysis.lexicon.termset import (
    TermSet,
    string_list,
    termset_from_table,
    termsets_from_tables,
    unique_keys,
    with_exclude,
)
from analysis.lexicon.units import (
    META_COLUMNS,
    UNIT_CELL_LABELS,
    UNIT_COLUMNS,
    UnitTokens,
    check_units,
    clause_units,
    countable,
    doc_order,
    with_meta,
)

__all__ = [
    "DISPERSION_TERMS",
    "KWIC_COLUMNS",
    "MASK",
    "META_COLUMNS",
    "MODES",
    "UNIT_CELL_LABELS",
    "UNIT_COLUMNS",
    "Matches",
    "SpanTokens",
    "TermSet",
    "TokenSource",
    "UnitTokens",
    "check_units",
    "clause_units",
    "compile_pattern",
    "countable",
    "dispersion",
    "dispersion_table",
    "doc_order",
    "find_in_text",
    "hit_frame",
    "kwic",
    "kwic_rows",
    "literal_scanner",
    "mask_patterns",
    "mask_text",
    "match_texts",
    "original_texts",
    "string_list",
    "term_hits",
    "term_hits_by_group",
    "termset_from_table",
    "termsets_from_tables",
    "unique_keys",
    "unit_matches",
    "with_exclude",
    "with_meta",
]
