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
    Keyness (G², chi-square, log ratio) of a group of documents against a reference, of
    every group against the rest and of every pair of groups.
periods
    Groups of documents: any metadata column, years binned by cut points or five-year plans.
shares
    Theme, instrument and tone shares per group with bootstrap intervals (documents or
    clauses resampled), and the chi-square of the group × category table with its caveat.
trends
    The same shares per year or period, keywords per 10,000 words, documents per year and
    target indicators over time.
docsim
    Pairwise document similarity (cosine, Jaccard), hierarchical clustering and a 2-D
    document map (MDS).
topic_model
    Clause topics (NMF over clause TF-IDF) and their :class:`TopicModel` result.
graphs
    Betweenness and greedy-modularity communities of small graphs, compiled (numba)
    (the per-document networks).
network
    Term co-occurrence in clauses or word windows, the networkx graph with centralities and
    communities, GraphML/GEXF export.
_inputs
    (private) what the above share: a token table and metadata from a Corpus or a table,
    documents in corpus order, each token's clause.
_products
    (private) the document x document products of similarity, compiled (numba).
_nmf
    (private) scikit-learn's NMF coordinate descent, compiled (numba), the same numbers.

Module names differ from the functions exported here, so ``import
analysis.stats.<module>`` always gives the module.
"""

from analysis.stats.contrast import (
    KEYNESS_COLUMNS,
    KEYNESS_MEASURES,
    group_keyness,
    keyness,
    keyness_by,
    keyness_pairwise,
)
from analysis.stats.docsim import (
    cluster_documents,
    document_map,
    similarity,
    similarity_matrix,
    similarity_tables,
)
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
from analysis.stats.graphs import betweenness, greedy_modularity
from analysis.stats.matrices import (
    WORD_KINDS,
    SparseCounts,
    TokenCodes,
    count_matrix,
    counts_from_parts,
    doc_codes,
    keyword_frequency,
    sparse_counts,
    term_table,
    term_table_from_counts,
    tfidf_matrix,
    token_codes,
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
from analysis.stats.periods import (
    GROUP_CANDIDATES,
    add_period,
    choose_grouping,
    five_year_plans,
    group_sizes,
    parse_time_bins,
    period_labels,
)
from analysis.stats.shares import SHARE_COLUMNS, group_chi_square, group_shares, grouping_caveat
from analysis.stats.topic_model import TopicModel, clause_topics
from analysis.stats.trends import (
    TREND_COLUMNS,
    keyword_trend,
    share_trend,
    target_trend,
    year_counts,
)

__all__ = [
    "DEFAULT_KEYWORDS",
    "EDGE_MEASURES",
    "GROUP_CANDIDATES",
    "KEYNESS_COLUMNS",
    "KEYNESS_MEASURES",
    "SHARE_COLUMNS",
    "TOKEN_CATEGORIES",
    "TREND_COLUMNS",
    "WORD_KINDS",
    "SparseCounts",
    "TokenCodes",
    "TopicModel",
    "add_period",
    "betweenness",
    "choose_grouping",
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
    "five_year_plans",
    "greedy_modularity",
    "group_chi_square",
    "group_keyness",
    "group_shares",
    "group_sizes",
    "group_terms",
    "grouping_caveat",
    "keyness",
    "keyness_by",
    "keyness_pairwise",
    "keyword_frequency",
    "keyword_table",
    "keyword_trend",
    "network_nodes",
    "parse_time_bins",
    "period_labels",
    "share_trend",
    "similarity",
    "similarity_matrix",
    "similarity_tables",
    "sparse_counts",
    "target_trend",
    "term_table",
    "term_table_from_counts",
    "tfidf_matrix",
    "tfidf_profile",
    "token_codes",
    "token_composition",
    "top_terms",
    "vocabulary_overlap",
    "word_totals",
    "write_gexf",
    "write_graphml",
    "year_counts",
]
