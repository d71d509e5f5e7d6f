"""policy-lens: comparative text analysis of Chinese policy documents.

The package has one subpackage per stage of the pipeline, each exporting its own names:

- ``analysis.ingest``: documents as they come into a corpus folder (``import_corpus``)
- ``analysis.text``: read a corpus folder, normalise, segment (``load_corpus``, ``token_table``)
- ``analysis.structure``: outlines, clauses, task tables, agencies (``clause_table``)
- ``analysis.lexicon``: the dictionary engine: term sets, matching, KWIC (``kwic``)
- ``analysis.themes`` / ``analysis.instruments``: theme counts and tone; policy instruments
- ``analysis.targets``: quantitative targets and canonical indicators
- ``analysis.textreuse``: passages shared between documents
- ``analysis.stats``: counts and TF-IDF, keyness, similarity, topics, co-occurrence networks
- ``analysis.pipeline``: ``build()`` a corpus folder into the tables of ``data/processed``
- ``analysis.report`` / ``analysis.plots``: figures, exports, notebooks
- ``analysis.cli``: the ``policy-lens`` command line

The root holds the short API most work starts from (:data:`__all__`). Everything is imported
on first use, so ``import analysis`` stays fast and loads no heavy library. Other public
names of the subpackages also resolve from the root (``analysis.era_difference``), so code
and notebooks written against the flat namespace keep working; new code imports them from
their subpackage.

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

#: The root API: name -> the subpackage that exports it.
_API: dict[str, str] = {
    # documents as they come, into a corpus folder
    "import_corpus": "ingest",
    # corpus in, tokens out
    "Corpus": "text",
    "load_corpus": "text",
    "Tokenizer": "text",
    "TokenFilter": "text",
    "token_table": "text",
    # the build and its tables
    "build": "pipeline",
    "BuildOptions": "pipeline",
    "load_tables": "report",
    # the main analyses, one entry point each
    "clause_table": "structure",
    "kwic": "lexicon",
    "term_table": "stats",
    "tfidf_matrix": "stats",
    "count_matrix": "stats",
    "keyword_frequency": "stats",
    "keyness": "stats",
    "similarity": "stats",
    "cooccurrence": "stats",
    "theme_counts": "themes",
    "code_instruments": "instruments",
    "extract_targets": "targets",
    "reuse": "textreuse",
    # outputs
    "make_figures": "report",
    "export_tables": "report",
    "run_notebooks": "report",
    # errors
    "CorpusError": "errors",
    "MetadataError": "errors",
    "DocumentError": "errors",
    "CorpusWarning": "errors",
}

#: Where other names are looked up, in this order (lower pipeline stages first).
_SUBPACKAGES = ("text", "structure", "lexicon", "themes", "instruments", "targets",
                "textreuse", "stats", "pipeline", "report")

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    home = _API.get(name)
    if home is not None:
        value = getattr(import_module(f"analysis.{home}"), name)
    else:
        value = _from_subpackages(name)
    globals()[name] = value
    return value


def _from_subpackages(name: str) -> Any:
    for sub in _SUBPACKAGES:
        module = import_module(f"analysis.{sub}")
        if name in getattr(module, "__all__", ()):
            return getattr(module, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}; the subpackages "
                         f"({', '.join(_SUBPACKAGES)}) export their own names.")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
