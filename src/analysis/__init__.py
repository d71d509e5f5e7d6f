"""policy-lens: comparative text analysis of Chinese policy documents.

The public functions are importable from the package root; each lives in one module per
task (``corpus``, ``normalize``, ``tokenize``, ``matrices``, ``pipeline`` ...). They are
imported lazily, so ``import analysis`` stays fast and pulls in no heavy library.

Examples
--------
>>> import analysis
>>> corpus = analysis.load_corpus()
>>> len(corpus)
5
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # corpus
    "Corpus": "analysis.text.corpus",
    "load_corpus": "analysis.text.corpus",
    "read_document": "analysis.text.corpus",
    "read_metadata": "analysis.text.corpus",
    "default_raw_dir": "analysis.text.corpus",
    # errors
    "CorpusError": "analysis.errors",
    "MetadataError": "analysis.errors",
    "DocumentError": "analysis.errors",
    "CorpusWarning": "analysis.errors",
    # normalize
    "normalize_text": "analysis.text.normalize",
    "to_simplified": "analysis.text.normalize",
    "load_boilerplate": "analysis.text.normalize",
    # tokenize
    "Tokenizer": "analysis.text.tokenize",
    "TokenFilter": "analysis.text.tokenize",
    "get_tokenizer": "analysis.text.tokenize",
    "token_table": "analysis.text.tokenize",
    "filter_tokens": "analysis.text.tokenize",
    "doc_token_lists": "analysis.text.tokenize",
    # matrices
    "count_matrix": "analysis.stats.matrices",
    "tfidf_matrix": "analysis.stats.matrices",
    "keyword_frequency": "analysis.stats.matrices",
    "term_table": "analysis.stats.matrices",
    "top_terms": "analysis.stats.matrices",
    # structure (clauses, outline; issue 3)
    "clause_table": "analysis.structure",
    "clause_at": "analysis.structure",
    "attach_clause_ids": "analysis.structure",
    "parse_clauses": "analysis.structure",
    "outline_summary": "analysis.structure",
    "StructureWarning": "analysis.structure",
    "table_rows": "analysis.structure",
    "responsibilities": "analysis.structure",
    "agency_table": "analysis.structure",
    "agency_edges": "analysis.structure",
    "split_units": "analysis.structure",
    "normalize_unit": "analysis.structure",
    # evidence (keyword in context, dispersion; issue 3)
    "kwic": "analysis.lexicon",
    "dispersion": "analysis.lexicon",
    # targets (quantitative targets; issue 6)
    "extract_targets": "analysis.targets",
    "targets_from_text": "analysis.targets",
    "compare_targets": "analysis.targets",
    "load_indicator_mapping": "analysis.targets",
    "IndicatorMapping": "analysis.targets",
    # compare, network, reuse (keyness, similarity, topics, co-occurrence, text reuse; issue 5)
    "keyness": "analysis.stats.compare",
    "keyness_by": "analysis.stats.compare",
    "similarity": "analysis.stats.compare",
    "cluster_documents": "analysis.stats.compare",
    "document_map": "analysis.stats.compare",
    "clause_topics": "analysis.stats.compare",
    "TopicModel": "analysis.stats.compare",
    "cooccurrence": "analysis.stats.network",
    "cooccurrence_graph": "analysis.stats.network",
    "network_nodes": "analysis.stats.network",
    "write_graphml": "analysis.stats.network",
    "write_gexf": "analysis.stats.network",
    "reuse": "analysis.textreuse",
    "reuse_pairs": "analysis.textreuse",
    "align": "analysis.textreuse",
    "local_alignments": "analysis.textreuse",
    "copy_ratio": "analysis.textreuse",
    "task_copy_ratio": "analysis.textreuse",
    # pipeline
    "build": "analysis.pipeline",
    "BuildOptions": "analysis.pipeline",
    # themes (analysis.themes)
    "load_themes": "analysis.themes",
    "match_terms": "analysis.themes",
    "theme_counts": "analysis.themes",
    "theme_clauses": "analysis.themes",
    "theme_profiles": "analysis.themes",
    "policy_tone": "analysis.themes",
    "era_difference": "analysis.themes",
    "theme_chi_square": "analysis.themes",
    "count_evidence": "analysis.themes",
    # themes for notebooks 03/04 (nb-themes)
    "chi_square_summary": "analysis.themes",
    "evidence_clauses": "analysis.themes",
    "evidence_documents": "analysis.themes",
    "format_evidence": "analysis.themes",
    "theme_term_table": "analysis.themes",
    # policy instruments (analysis.instruments)
    "load_instruments": "analysis.instruments",
    "code_instruments": "analysis.instruments",
    "instrument_crosstab": "analysis.instruments",
    "instrument_counts": "analysis.instruments",
    "coding_sheet": "analysis.instruments",
    "write_coding_sheet": "analysis.instruments",
    "read_coding_sheet": "analysis.instruments",
    "instrument_agreement": "analysis.instruments",
    # notebooks 05-06 (nb-instruments): one instrument cell, agreement per coding set,
    # targets per document, a readable target list, targets side by side per era
    "instrument_cell": "analysis.instruments",
    "agreement_by_set": "analysis.instruments",
    "target_summary": "analysis.targets",
    "target_list": "analysis.targets",
    "targets_by_era": "analysis.targets",
    # frequency (issue 8): word frequencies by group, keyword grids, token composition
    "DEFAULT_KEYWORDS": "analysis.stats.frequency",
    "corpus_terms": "analysis.stats.frequency",
    "group_terms": "analysis.stats.frequency",
    "keyword_table": "analysis.stats.frequency",
    "distinctive_terms": "analysis.stats.frequency",
    "document_summary": "analysis.stats.frequency",
    "tfidf_profile": "analysis.stats.frequency",
    "vocabulary_overlap": "analysis.stats.frequency",
    "token_composition": "analysis.stats.frequency",
    # report (issue 8): figure catalog, exports, notebooks
    "FIGURES": "analysis.report",
    "FigureSpec": "analysis.report",
    "Tables": "analysis.report",
    "catalog_table": "analysis.report",
    "draw_figure": "analysis.report",
    "export_tables": "analysis.report",
    "load_tables": "analysis.report",
    "make_figures": "analysis.report",
    "notebook_setup": "analysis.report",
    "run_notebooks": "analysis.report",
    # notebooks 07-09: helpers for similarity/reuse, networks, clauses and evidence
    "copy_ratio_summary": "analysis.textreuse",
    "dispersion_table": "analysis.lexicon",
    "table_or_note": "analysis.report",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
