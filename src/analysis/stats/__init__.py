"""Statistics over the token table: counts and TF-IDF, word frequencies by group, keyness,
document similarity and maps, clause topics and co-occurrence networks.

Every function takes the token table of :func:`analysis.text.tokenize.token_table` (or a
:class:`~analysis.text.corpus.Corpus`, tokenised with the default settings), or a table the
build wrote, and returns a tidy :class:`pandas.DataFrame` with ``doc_id`` on each row. The
figures are in :mod:`analysis.plots`; nothing here draws.

Modules
-------
matrices
    Document-term counts, TF-IDF, per-10k keyword frequency, the long ``terms`` table and
    each document's top terms (scipy sparse inside).
frequency
    Word frequencies regrouped from the build's ``terms`` table: the whole corpus, by era,
    city or any metadata column; token composition, distinctive terms, vocabulary overlap.
contrast
    Keyness (G², chi-square, log ratio) of a group of documents against a reference.
docsim
    Pairwise document similarity (cosine, Jaccard), hierarchical clustering and a 2-D
    document map (MDS).
topic_model
    Clause topics (NMF over clause TF-IDF) and their :class:`TopicModel` result.
network
    Term co-occurrence in clauses or word windows, the networkx graph with centralities and
    communities, GraphML/GEXF export.
_inputs
    (private) what the above share: a token table and metadata from a Corpus or a table,
    documents in corpus order, each token's clause.

Module names differ from the functions exported here, so ``import
analysis.stats.<module>`` always gives the module.
"""

from analysis.stats.contrast import KEYNESS_COLUMNS, KEYNESS_MEASURES, keyness, keyness_by
from analysis.stats.docsim import cluster_documents, document_map, similarity
from analysis.stats.frequency import (
    DEFAULT_KEYWORDS,
    TOKEN_CATEGORIES,
    corpus_terms,
    distinctive_terms,
    document_summary,
    group_terms,
    keyword_table,
    tfidf_profile,
    token_composition,
    vocabulary_overlap,
)
from analysis.stats.matrices import (
    WORD_KINDS,
    SparseCounts,
    count_matrix,
    counts_from_parts,
    doc_codes,
    keyword_frequency,
    sparse_counts,
    term_table,
    term_table_from_counts,
    tfidf_matrix,
    top_terms,
    word_totals,
)
from analysis.stats.network import (
    EDGE_MEASURES,
    cooccurrence,
    cooccurrence_graph,
    network_nodes,
    write_gexf,
    write_graphml,
)
from analysis.stats.topic_model import TopicModel, clause_topics

__all__ = [
    "DEFAULT_KEYWORDS",
    "EDGE_MEASURES",
    "KEYNESS_COLUMNS",
    "KEYNESS_MEASURES",
    "TOKEN_CATEGORIES",
    "WORD_KINDS",
    "SparseCounts",
    "TopicModel",
    "clause_topics",
    "cluster_documents",
    "cooccurrence",
    "cooccurrence_graph",
    "corpus_terms",
    "count_matrix",
    "counts_from_parts",
    "distinctive_terms",
    "doc_codes",
    "document_map",
    "document_summary",
    "group_terms",
    "keyness",
    "keyness_by",
    "keyword_frequency",
    "keyword_table",
    "network_nodes",
    "similarity",
    "sparse_counts",
    "term_table",
    "term_table_from_counts",
    "tfidf_matrix",
    "tfidf_profile",
    "token_composition",
    "top_terms",
    "vocabulary_overlap",
    "word_totals",
    "write_gexf",
    "write_graphml",
]
