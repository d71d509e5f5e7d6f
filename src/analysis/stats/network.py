"""Term co-occurrence networks (as in KH Coder): which terms appear together in the same
clause (or in a sliding window of words), how strongly, and which groups they form.

:func:`cooccurrence` counts, for every pair of terms, the units (clauses or windows) that
contain both, with association scores (Jaccard, Dice, PMI, normalised PMI), filtered to the
strongest edges. :func:`cooccurrence_graph` turns the edges into a :mod:`networkx` graph
with degree, strength, betweenness centrality and communities (greedy modularity);
:func:`network_nodes` lists the nodes as a tidy table, and :func:`write_graphml` /
:func:`write_gexf` export the graph for Gephi. The figure is
:func:`analysis.plots.compare.plot_network`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from analysis.io import atomic_path
from analysis.stats._edges import _edges, document_edges
from analysis.stats._inputs import assign_units, doc_order, tokens_and_docs, unique_in_order
from analysis.stats._nodes import nodes_by_document
from analysis.stats.graphs import _edge_list_nodes, betweenness, greedy_modularity
from analysis.stats.matrices import _kept_mask
from analysis.structure import clause_table
from analysis.text.corpus import Corpus

if TYPE_CHECKING:
    import networkx as nx

    from analysis.text import TokenFilter

__all__ = [
    "EDGE_MEASURES",
    "cooccurrence",
    "cooccurrence_graph",
    "network_nodes",
    "write_gexf",
    "write_graphml",
]

#: The association scores of an edge (``measure=`` of :func:`cooccurrence`).
EDGE_MEASURES = ("count", "jaccard", "dice", "pmi", "npmi")

#: Graphs up to this many nodes get their communities from :mod:`analysis.stats.graphs`
#: (compiled, the same merges); larger ones from networkx, whose memory grows with the
#: edges, not with the square of the nodes.
_ARRAY_GRAPH_MAX = 3000


def _unit_matrix(
    tokens: pd.DataFrame,
    mask: np.ndarray,
    *,
    clauses: pd.DataFrame | None,
    window: int | None,
):
    """Binary units × terms matrix (CSR) of the tokens selected by ``mask``, the term
    labels and each unit's doc_id."""
    if window is not None:
        kept = tokens.loc[mask, ["doc_id", "start", "token"]].reset_index(drop=True)
        terms = np.sort(kept["token"].unique())
        term_code = pd.Categorical(kept["token"], categories=terms).codes.astype(np.int64)
        rows_l, cols_l, docs_l = [], [], []
        n_units = 0
        for doc, idx in kept.groupby("doc_id", sort=False).indices.items():
            codes = term_code[np.sort(idx)] if len(idx) else term_code[idx]
            length = len(codes)
            n_win = max(1, length - window + 1)
            for k in range(min(window, length)):
                r = np.arange(n_win)
                valid = r + k < length
                rows_l.append(n_units + r[valid])
                cols_l.append(codes[r[valid] + k])
            docs_l.append(np.full(n_win, doc, dtype=object))
            n_units += n_win
        rows = np.concatenate(rows_l) if rows_l else np.zeros(0, np.int64)
        cols = np.concatenate(cols_l) if cols_l else np.zeros(0, np.int64)
        unit_doc = np.concatenate(docs_l) if docs_l else np.zeros(0, object)
    else:
        # integer codes of the selected tokens, the terms sorted (as np.sort of the kept
        # tokens' distinct values), without copying the token table
        codes_all, seen = pd.factorize(tokens["token"])
        term_of = codes_all[mask]
        del codes_all  # a code per token of the table: let go before assign_units
        used = np.flatnonzero(np.bincount(term_of[term_of >= 0], minlength=len(seen)))
        names = np.asarray(seen, dtype=object)[used]
        by_name = np.argsort(names, kind="stable")
        terms = names[by_name]
        new_code = np.full(len(seen) + 1, -1, dtype=np.int32)
        new_code[used[by_name]] = np.arange(len(used))
        term_code = new_code[term_of]  # a missing token (-1) reads the last slot: -1
        del term_of
        units = clauses.reset_index(drop=True)
        unit = assign_units(tokens, units, mask)
        ok = (unit >= 0) & (term_code >= 0)
        rows, cols = unit[ok], term_code[ok]
        n_units = len(units)
        unit_doc = units["doc_id"].to_numpy(dtype=object)
    m = sp.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)),
                      shape=(n_units, len(terms)))
    m.sum_duplicates()
    m.data[:] = 1
    nonempty = np.asarray(m.getnnz(axis=1)) > 0
    return m[nonempty], terms, unit_doc[nonempty]


def cooccurrence(
    data: Corpus | pd.DataFrame,
    *,
    clauses: pd.DataFrame | None = None,
    window: int | None = None,
    measure: str = "jaccard",
    min_count: int = 3,
    min_term_count: int = 3,
    max_terms: int | None = 120,
    top_n: int | None = 150,
    by_document: bool = False,
    token_filter: TokenFilter | None = None,
) -> pd.DataFrame:
    """Term pairs that occur together in clauses (or word windows), with association scores.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus or a token table (:func:`analysis.token_table`).
    clauses : DataFrame, optional, keyword-only
        The units: a clause table (``doc_id, char_start, char_end``); by default the
        corpus's :func:`analysis.structure.clause_table`. Ignored when ``window`` is given.
    window : int, optional, keyword-only
        Use sliding windows of this many kept terms instead of clauses.
    measure : {"count", "jaccard", "dice", "pmi", "npmi"}, keyword-only
        Orders the edges and picks the ``top_n`` strongest.
    min_count : int, keyword-only
        Keep pairs found together in at least this many units (PMI is unreliable for rare
        pairs).
    min_term_count : int, keyword-only
        Consider only terms found in at least this many units.
    max_terms : int or None, keyword-only
        And only the ``max_terms`` most frequent of them (as KH Coder does), so the
        network shows the documents' main vocabulary rather than rare fixed phrases.
    top_n : int or None, keyword-only
        Keep the strongest edges (per document when ``by_document``); None keeps all.
    by_document : bool, keyword-only
        One network per document (adds ``doc_id``) instead of one for the corpus.
    token_filter : TokenFilter, optional, keyword-only
        Which tokens are terms.

    Returns
    -------
    DataFrame
        One row per edge: ``[doc_id,] term_a, term_b, count, count_a, count_b, n_units,
        jaccard, dice, pmi, npmi`` with ``term_a < term_b``; ``count`` = units with both
        terms, ``count_a``/``count_b`` = units with each, ``n_units`` = units in all.
        ``jaccard = count / (count_a + count_b - count)``, ``dice = 2 count / (count_a +
        count_b)``, ``pmi = log2(count · n_units / (count_a · count_b))``, ``npmi = pmi /
        -log2(count / n_units)`` (in [-1, 1]). A corpus-wide network (the default) belongs
        to no single document, so it has no ``doc_id`` column; ``by_document=True`` adds
        it. Sorted by ``measure`` (then count, then terms).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> e = cooccurrence(load_corpus(), window=5, top_n=10)
    >>> len(e), bool((e["term_a"] < e["term_b"]).all())
    (10, True)
    """
    if measure not in EDGE_MEASURES:
        raise ValueError(f"cooccurrence: measure={measure!r}; use one of "
                         f"{', '.join(EDGE_MEASURES)}.")
    if window is not None and window < 2:
        raise ValueError("cooccurrence: window must be at least 2 terms.")
    if window is None and clauses is None:
        if not isinstance(data, Corpus):
            raise ValueError("cooccurrence: with a token table, pass clauses= (a clause table) "
                             "or window= (a number of terms).")
        clauses = clause_table(data)
    if clauses is not None and window is None:
        missing = sorted({"doc_id", "char_start", "char_end"} - set(clauses.columns))
        if missing:
            raise ValueError(f"cooccurrence: the clause table lacks {', '.join(missing)}.")
    tokens, _ = tokens_and_docs(data, None, func="cooccurrence")
    mask = _kept_mask(tokens, token_filter)
    m, terms, unit_doc = _unit_matrix(tokens, mask, clauses=clauses, window=window)
    kw = {"min_count": min_count, "min_term_count": min_term_count, "max_terms": max_terms,
          "measure": measure, "top_n": top_n}
    if not by_document:
        return _edges(m, terms, **kw)
    # each document's units (row positions, ascending), grouped by the documents' codes
    codes, names = pd.factorize(unit_doc, use_na_sentinel=False)
    order = np.argsort(codes, kind="stable").astype(np.int64)
    ends = np.cumsum(np.bincount(codes, minlength=len(names)))
    parts = np.split(order, ends[:-1]) if len(names) else []
    doc_rows = dict(zip(names.tolist(), parts, strict=True))
    docs = [doc for doc in doc_order(tokens) if doc in doc_rows]
    edges = document_edges(m, terms, [doc_rows[d] for d in docs], docs, **kw)
    if edges is None:
        return _edges(m[:0], terms, **kw).assign(doc_id=[]).pipe(
            lambda d: d[["doc_id", *[c for c in d.columns if c != "doc_id"]]])
    return edges


def cooccurrence_graph(
    edges: pd.DataFrame,
    *,
    weight: str = "jaccard",
    top_n: int | None = None,
    doc_id: str | None = None,
) -> nx.Graph:
    """A networkx graph of a :func:`cooccurrence` table, with centralities and communities.

    Parameters
    ----------
    edges : DataFrame
        A :func:`cooccurrence` table.
    weight : str, keyword-only
        The edge column used as ``weight`` (communities, strength).
    top_n : int, optional, keyword-only
        Keep only the ``top_n`` strongest edges by ``weight``.
    doc_id : str, optional, keyword-only
        Select one document's network from a ``by_document`` table.

    Returns
    -------
    networkx.Graph
        Nodes are terms with attributes ``count`` (units containing the term), ``degree``,
        ``strength`` (sum of edge weights), ``betweenness`` (normalised, unweighted
        shortest paths) and ``community`` (1 = largest); edges carry every score column
        and ``weight``.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> g = cooccurrence_graph(cooccurrence(load_corpus(), window=5, top_n=30))
    >>> g.number_of_edges()
    30
    """
    if weight not in edges.columns:
        raise ValueError(f"cooccurrence_graph: weight={weight!r} is not a column of the edge "
                         f"table; use one of {', '.join(c for c in EDGE_MEASURES)}.")
    e = edges
    if "doc_id" in e.columns:
        docs = list(dict.fromkeys(e["doc_id"]))
        if doc_id is None and len(docs) > 1:
            raise ValueError("cooccurrence_graph: the edge table holds several documents' "
                             f"networks; choose one with doc_id= ({', '.join(docs)}).")
        if doc_id is not None:
            e = e[e["doc_id"] == doc_id]
            if e.empty:
                raise ValueError(f"cooccurrence_graph: no edges for doc_id={doc_id!r}.")
    if top_n is not None:
        e = e.sort_values([weight, "term_a", "term_b"], ascending=[False, True, True],
                          kind="mergesort").head(top_n)
    score_cols = [c for c in ("count", *EDGE_MEASURES[1:]) if c in e.columns]
    # plain column lists (the values to_dict("records") gives), no per-row pandas access
    cols = {c: e[c].tolist()
            for c in dict.fromkeys(["term_a", "term_b", "count_a", "count_b", *score_cols,
                                    weight])}
    order = None if _distinct_string_pairs(cols) else (
        e.reset_index(drop=True).sort_values(["term_a", "term_b"]).index.tolist())
    return _graph(cols, score_cols, weight, order)


def _distinct_string_pairs(cols: dict[str, list]) -> bool:
    pairs = list(zip(cols["term_a"], cols["term_b"], strict=True))
    return all(isinstance(a, str) and isinstance(b, str) for a, b in pairs) and (
        len(set(pairs)) == len(pairs))


def _graph(cols: dict[str, list], score_cols: list[str], weight: str,
           order: list[int] | None) -> nx.Graph:
    """:func:`cooccurrence_graph` of edge columns as lists; ``order`` is the edges' order
    by (term_a, term_b), ``None`` to sort the distinct string pairs here."""
    import networkx as nx

    g = nx.Graph()
    counts: dict[str, int] = {}
    ta, tb = cols["term_a"], cols["term_b"]
    for a, b, ca, cb in zip(ta, tb, cols["count_a"], cols["count_b"], strict=True):
        counts[a] = int(ca)
        counts[b] = int(cb)
    for term in sorted(counts):
        g.add_node(term, count=counts[term])
    if order is None:
        # distinct string pairs: sorting them is what sort_values(["term_a", "term_b"]) does
        pairs = list(zip(ta, tb, strict=True))
        order = sorted(range(len(pairs)), key=pairs.__getitem__)
    for i in order:
        attrs = {c: (int(cols[c][i]) if c == "count" else float(cols[c][i]))
                 for c in score_cols}
        g.add_edge(ta[i], tb[i], weight=float(cols[weight][i]), **attrs)
    if g.number_of_nodes() == 0:
        return g
    betw = betweenness(g)
    # greedy modularity (Clauset-Newman-Moore): deterministic and always terminates. Not
    # Louvain: on graphs with many tied weights (near-duplicate documents) its local-moving
    # phase can cycle forever on floating-point ties.
    if g.number_of_nodes() <= _ARRAY_GRAPH_MAX:
        comms = greedy_modularity(g, weight="weight")
    else:  # a node x node matrix would be too large
        comms = nx.community.greedy_modularity_communities(g, weight="weight")
    comms = sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c[0]))
    for k, members in enumerate(comms, start=1):
        for t in members:
            g.nodes[t]["community"] = k
    for t in g.nodes:
        g.nodes[t]["degree"] = int(g.degree(t))
        g.nodes[t]["strength"] = round(float(g.degree(t, weight="weight")), 9)
        g.nodes[t]["betweenness"] = round(float(betw[t]), 9)
    return g


def network_nodes(
    graph: nx.Graph | pd.DataFrame, *, weight: str = "jaccard"
) -> pd.DataFrame:
    """The nodes of a co-occurrence network as a tidy table.

    Parameters
    ----------
    graph : networkx.Graph or DataFrame
        A :func:`cooccurrence_graph`, or a :func:`cooccurrence` edge table: its graph (one
        per document for a ``by_document`` table) is built with ``weight``.
    weight : str, keyword-only
        Edge weight when ``graph`` is an edge table.

    Returns
    -------
    DataFrame
        ``[doc_id,] term, count, degree, strength, betweenness, community``, sorted by
        (document,) community, then degree (descending), then term.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> g = cooccurrence_graph(cooccurrence(load_corpus(), window=5, top_n=30))
    >>> list(network_nodes(g).columns)
    ['term', 'count', 'degree', 'strength', 'betweenness', 'community']
    """
    cols = ["term", "count", "degree", "strength", "betweenness", "community"]
    if isinstance(graph, pd.DataFrame):
        if "doc_id" not in graph.columns:
            return network_nodes(cooccurrence_graph(graph, weight=weight))
        # every document's graph the plain case (string terms, each pair once): the
        # node rows of all of them from one compiled pass
        fast = nodes_by_document(graph, weight=weight, max_nodes=_ARRAY_GRAPH_MAX)
        if fast is not None:
            return fast
        # each document's edges (row positions, ascending), found in one pass: selecting
        # them is then what cooccurrence_graph(graph, doc_id=doc) does
        doc_ids = graph["doc_id"].tolist()
        doc_rows: dict[object, list[int]] = {}
        for i, d in enumerate(doc_ids):
            doc_rows.setdefault(d, []).append(i)
        if weight in graph.columns and doc_ids and all(isinstance(d, str) for d in doc_ids):
            return _nodes_by_document(graph, doc_rows, weight, cols)
        parts = []
        for doc in unique_in_order(graph["doc_id"]):
            pos = doc_rows.get(doc)
            if pos is None:
                sub = graph
            elif pos[-1] - pos[0] + 1 == len(pos):  # contiguous: a slice, not a take
                sub = graph.iloc[pos[0]:pos[-1] + 1]
            else:
                sub = graph.iloc[pos]
            nodes = network_nodes(cooccurrence_graph(sub, weight=weight, doc_id=doc))
            nodes.insert(0, "doc_id", doc)
            parts.append(nodes)
        if not parts:
            return pd.DataFrame(columns=["doc_id", *cols])
        return pd.concat(parts, ignore_index=True)
    rows = [{"term": t, **{c: d.get(c) for c in cols[1:]}} for t, d in graph.nodes(data=True)]
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["community", "degree", "term"], ascending=[True, False, True],
                          kind="mergesort")
    return out.reset_index(drop=True)


def _nodes_by_document(edges: pd.DataFrame, doc_rows: dict[object, list[int]], weight: str,
                       cols: list[str]) -> pd.DataFrame:
    """:func:`network_nodes` of a ``by_document`` edge table (string doc_ids): each
    document's graph from list slices of the columns, and one table at the end (the rows
    and dtypes of a table per document, concatenated)."""
    score_cols = [c for c in ("count", *EDGE_MEASURES[1:]) if c in edges.columns]
    lists = {c: edges[c].tolist()
             for c in dict.fromkeys(["term_a", "term_b", "count_a", "count_b", *score_cols,
                                     weight])}
    out: dict[str, list] = {c: [] for c in ["doc_id", *cols]}
    for doc in unique_in_order(edges["doc_id"]):
        pos = doc_rows[doc]
        if pos[-1] - pos[0] + 1 == len(pos):  # contiguous: a slice
            sub = {c: v[pos[0]:pos[-1] + 1] for c, v in lists.items()}
        else:
            sub = {c: [v[i] for i in pos] for c, v in lists.items()}
        rows = _edge_list_nodes(sub["term_a"], sub["term_b"], sub["count_a"],
                                sub["count_b"], sub[weight], _ARRAY_GRAPH_MAX)
        if rows is not None:  # the node rows of the graph below, without networkx
            for r in rows:
                out["doc_id"].append(doc)
                for c, v in zip(cols, r, strict=True):
                    out[c].append(v)
            continue
        if _distinct_string_pairs(sub):
            g = _graph(sub, score_cols, weight, None)
        else:
            g = cooccurrence_graph(edges.iloc[pos], weight=weight, doc_id=doc)
        if all(isinstance(t, str) for t in g):
            # network_nodes(g)'s order: community, degree descending, term
            nodes = sorted(g.nodes(data=True), key=lambda nd: (nd[1]["community"],
                                                                -nd[1]["degree"], nd[0]))
        else:  # pragma: no cover - cooccurrence's terms are strings
            nodes = [(t, dict(zip(cols[1:], r, strict=True)))
                     for t, *r in network_nodes(g).itertuples(index=False)]
        for t, d in nodes:
            out["doc_id"].append(doc)
            out["term"].append(t)
            for c in cols[1:]:
                out[c].append(d.get(c))
    return pd.DataFrame({
        "doc_id": out["doc_id"], "term": out["term"],
        "count": np.asarray(out["count"], dtype=np.int64),
        "degree": np.asarray(out["degree"], dtype=np.int64),
        "strength": np.asarray(out["strength"], dtype=np.float64),
        "betweenness": np.asarray(out["betweenness"], dtype=np.float64),
        "community": np.asarray(out["community"], dtype=np.int64),
    })


def write_graphml(graph: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write the graph as GraphML (UTF-8, opens in Gephi, Cytoscape, yEd), atomically.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> g = nx.Graph(); g.add_edge("人才", "引进", weight=0.5)
    >>> p = write_graphml(g, pathlib.Path(tempfile.mkdtemp()) / "net.graphml")
    >>> "人才" in p.read_text(encoding="utf-8")
    True
    """
    import networkx as nx

    with atomic_path(path) as tmp:
        # the plain XML writer: the same bytes whether or not lxml is installed
        nx.write_graphml_xml(graph, tmp, encoding="utf-8")
    return Path(path)


def write_gexf(graph: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write the graph as GEXF (Gephi's own format), atomically and reproducibly (the
    file's date is fixed).

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> g = nx.Graph(); g.add_edge("人才", "引进", weight=0.5)
    >>> p = write_gexf(g, pathlib.Path(tempfile.mkdtemp()) / "net.gexf")
    >>> "人才" in p.read_text(encoding="utf-8")
    True
    """
    import networkx as nx

    with atomic_path(path) as tmp:
        nx.write_gexf(graph, tmp, encoding="utf-8")
        # networkx stamps today's date; a fixed one keeps reruns byte-identical
        text = tmp.read_text(encoding="utf-8")
        tmp.write_text(re.sub(r'lastmodifieddate="[^"]*"', 'lastmodifieddate="2000-01-01"',
                              text, count=1), encoding="utf-8")
    return Path(path)


