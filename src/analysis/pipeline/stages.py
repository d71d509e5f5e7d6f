"""The analysis stages of the build: how each makes its tables.

A stage is a function of the :class:`~analysis.pipeline.BuildContext` that returns
``{table name: DataFrame}``; what it reads and writes is declared in the registry
(:data:`analysis.pipeline.STAGES`). It calls only the public functions of the analysis
subpackages; the build policies (which comparisons to run on which corpus, the limits of
pairwise stages) live here, not in the analyses.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pandas as pd

from analysis.errors import ScaleError, ScaleWarning
from analysis.instruments import instrument_tables
from analysis.pipeline.memory import release_memory
from analysis.pipeline.threads import stage_threads
from analysis.stats import (
    KEYNESS_COLUMNS,
    TokenCodes,
    clause_topics,
    cluster_documents,
    cooccurrence,
    document_map,
    keyness_by,
    network_nodes,
    similarity,
    similarity_tables,
    sparse_counts,
    token_codes,
    word_totals,
)
from analysis.structure import (
    agency_edges,
    agency_table,
    outline_summary,
    responsibilities,
    table_rows,
)
from analysis.targets import compare_targets, extract_targets
from analysis.textreuse import near_duplicates, reuse, reuse_pairs, task_copy_ratio
from analysis.themes import theme_tables

if TYPE_CHECKING:
    from analysis.pipeline.context import BuildContext

__all__ = [
    "compare_stage",
    "instruments_stage",
    "network_stage",
    "reuse_stage",
    "structure_stage",
    "targets_stage",
    "themes_stage",
]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


def structure_stage(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """``clauses``, ``outline``, ``table_rows``, ``responsibilities``, ``agencies`` and
    ``agency_edges``."""
    clauses = ctx.clauses
    resp = responsibilities(clauses)
    return {
        "clauses": clauses,
        "outline": outline_summary(clauses),
        "table_rows": table_rows(clauses),
        "responsibilities": resp,
        "agencies": agency_table(resp),
        "agency_edges": agency_edges(resp),
    }


def targets_stage(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """The ``targets`` table and the cross-document ``target_comparison``."""
    targets = extract_targets(ctx.corpus, clauses=ctx.clauses)
    return {"targets": targets,
            "target_comparison": compare_targets(targets, ctx.corpus.documents)}


def compare_stage(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """``similarity``, ``doc_map``, ``clusters``, ``keyness_era``, ``keyness_city``,
    ``topics`` (document topic shares with each topic's top terms) and ``topic_clauses``.

    Tables that cannot be computed on this corpus are written empty with their columns, so
    that figures and notebooks on a small corpus show a note instead of failing.
    """
    tokens, flt = ctx.tokens, ctx.options.token_filter
    docs = ctx.corpus.documents
    # the tokens' documents and terms coded once, for the topics, the counts and the
    # word totals
    coded = token_codes(tokens, token_filter=flt)
    # the topics first: their per-token arrays are the stage's largest working memory,
    # so they run before any other table is held (each step is independent of the others)
    topics = _topic_tables(ctx, coded)
    # each step's freed temporaries go back to the system before the next: the tables
    # the stage holds are Arrow's, and glibc's kept pages would add to them
    release_memory(collect=False)
    counts = sparse_counts(tokens, token_filter=flt, coded=coded)  # similarity, keyness
    # word tokens per document, for both keyness groupings
    totals = word_totals(tokens, codes=(coded.docs, coded.doc_ids))
    del coded
    release_memory(collect=False)
    limit = ctx.options.similarity_max_docs
    too_many = limit is not None and len(docs) > limit
    if too_many:
        warnings.warn(
            f"document similarity has a row per pair of documents: {len(docs)} documents "
            f"exceed similarity_max_docs={limit}, so the build writes empty similarity, "
            "doc_map and clusters tables. Run analysis.similarity() on the documents you "
            "want to compare, or raise the limit with --similarity-max-docs.",
            ScaleWarning, stacklevel=2)
        sim = similarity(tokens.iloc[:0], token_filter=flt)
        full = None
    else:
        # the long table (maybe top-k) and the square matrix the map and the tree need,
        # from one computation
        sim, full = similarity_tables(tokens, counts=counts,
                                      top_k=ctx.options.similarity_top_k)
    out: dict[str, pd.DataFrame] = {"similarity": sim}
    if full is not None and docs["doc_id"].nunique() >= 3:
        out["doc_map"] = document_map(full)
        out["clusters"] = cluster_documents(full)
    else:
        out["doc_map"] = _empty(["doc_id", "x", "y", "cluster", "leaf_order"])
        out["clusters"] = _empty(["doc_id", "step", "left", "right", "distance", "size",
                                  "left_doc", "right_doc", "members"])
    del full  # the n x n cosines
    release_memory(collect=False)
    for by in ("era", "city"):
        if docs[by].astype(str).nunique() >= 2:
            out[f"keyness_{by}"] = keyness_by(tokens, by=by, documents=docs, token_filter=flt,
                                              counts=counts, totals=totals)
        else:
            out[f"keyness_{by}"] = pd.DataFrame(columns=list(KEYNESS_COLUMNS))
    out.update(topics)
    return out


def _topic_tables(ctx: BuildContext, coded: TokenCodes) -> dict[str, pd.DataFrame]:
    """``topics`` and ``topic_clauses`` of the compare stage (empty on a tiny corpus);
    ``coded`` is the token table's :func:`~analysis.stats.token_codes`."""
    clauses = ctx.clauses
    try:
        tm = clause_topics(ctx.tokens, clauses=clauses, token_filter=ctx.options.token_filter,
                           n_topics=min(8, max(2, len(clauses) // 20)),
                           threads=stage_threads(), coded=coded)
    except ValueError:  # too few clauses for topics (a tiny corpus)
        return {"topics": _empty(["doc_id", "topic", "share", "n_clauses", "label",
                                  "top_terms", "term_weights"]),
                "topic_clauses": _empty(["doc_id", "clause_id", "topic", "weight", "share",
                                         "dominant", "n_terms"])}
    return {"topics": tm.documents, "topic_clauses": tm.clauses}


def reuse_stage(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """``reuse`` (passages shared between documents), ``reuse_pairs``, ``reuse_groups``
    (near-duplicate documents) and ``copy_ratio`` (empty without a task table)."""
    limit = ctx.options.reuse_max_docs
    corpus = ctx.corpus
    empty = corpus.subset(corpus.doc_ids[:1])  # one document: no pairs, same columns
    if limit is not None and len(corpus) > limit:
        warnings.warn(
            f"text reuse compares every pair of documents: {len(corpus)} documents exceed "
            f"reuse_max_docs={limit}, so the build writes empty reuse tables. Run "
            "analysis.reuse() (or policy-lens reuse) on the documents you want to compare, "
            "or raise the limit with --reuse-max-docs.", ScaleWarning, stacklevel=2)
        corpus = empty
    pct = ctx.options.reuse_near_duplicate
    near = None if pct is None else min(pct, 100) / 100
    # the groups reuse aligns by, sketched once (only when it groups)
    groups = near_duplicates(corpus, threshold=near, threads=stage_threads()) if near else None
    # each step's freed arrays go back to the system before the next (on a large corpus
    # the allocator would keep hundreds of MB of fragments beside the passages)
    release_memory()
    try:
        passages = reuse(corpus, max_seeds=ctx.options.reuse_max_seeds, near_duplicate=near,
                         groups=groups, threads=stage_threads())
    except ScaleError as err:
        warnings.warn(f"{err} The build writes empty reuse tables (--reuse-max-seeds raises "
                      "the limit).", ScaleWarning, stacklevel=2)
        corpus, groups = empty, None
        passages = reuse(corpus)
    if groups is None:   # which documents are copies, for the reuse_groups table
        groups = near_duplicates(corpus, threshold=near or 0.5, threads=stage_threads())
    release_memory()
    pairs = reuse_pairs(passages, corpus, groups=groups if near else None)
    release_memory()
    return {"reuse": passages, "reuse_pairs": pairs, "reuse_groups": groups,
            "copy_ratio": task_copy_ratio(ctx.clauses, threads=stage_threads())}


def network_stage(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """One co-occurrence network per document: ``cooccurrence`` (the 60 strongest
    clause-level edges of each document, Jaccard, pairs seen at least twice) and
    ``network_nodes`` (centralities and communities)."""
    edges = cooccurrence(ctx.tokens, clauses=ctx.clauses, by_document=True, top_n=60,
                         min_count=2, token_filter=ctx.options.token_filter)
    return {"cooccurrence": edges, "network_nodes": network_nodes(edges)}


def themes_stage(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """The theme and tone tables (:func:`analysis.themes.theme_tables`)."""
    opts = ctx.options
    return theme_tables(ctx.clauses, tokens=ctx.tokens, documents=ctx.corpus.documents,
                        dictionary=opts.themes, tone_rules=opts.instruments,
                        n_boot=opts.n_boot, seed=opts.seed, threads=stage_threads())


def instruments_stage(ctx: BuildContext) -> dict[str, pd.DataFrame]:
    """The policy-instrument tables (:func:`analysis.instruments.instrument_tables`)."""
    return instrument_tables(ctx.clauses, tokens=ctx.tokens, documents=ctx.corpus.documents,
                             rules=ctx.options.instruments, threads=stage_threads())
