"""Keyness: which terms a group of documents over- or under-uses against a reference.

The method researchers know from quanteda's ``textstat_keyness``, KH Coder and
scattertext. :func:`keyness` compares a target group of documents (a city, an era, a
document type, or an explicit list of ``doc_id``) with a reference (by default: all other
documents), term by term, from 2×2 contingency tables (term / other words × target /
reference): G² log-likelihood (optionally with Williams' correction), Pearson's chi-square
(optionally with Yates' correction), the log ratio effect size and a p-value. The whole
vocabulary is computed at once with numpy. :func:`keyness_by` runs one comparison per
group (each group against the rest), :func:`keyness_pairwise` every pair of groups. The
figures are :func:`analysis.plots.compare.plot_keyness` and
:func:`analysis.plots.groups.plot_keyness_groups`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy.special import xlogy
from scipy.stats import chi2 as chi2_dist

from analysis.stats._inputs import doc_order, tokens_and_docs
from analysis.stats.matrices import SparseCounts, sparse_counts, word_totals

if TYPE_CHECKING:
    from analysis.text import TokenFilter
    from analysis.text.corpus import Corpus

__all__ = ["KEYNESS_COLUMNS", "KEYNESS_MEASURES", "group_keyness", "keyness", "keyness_by",
           "keyness_pairwise"]

#: The statistics :func:`keyness` can rank by (``measure=``).
KEYNESS_MEASURES = ("g2", "chi2", "log_ratio")
#: Columns of a :func:`keyness` table (the build writes ``keyness_era``/``keyness_city``
#: empty, with these columns, when the corpus has a single era or city).
KEYNESS_COLUMNS = (
    "comparison", "by", "target", "reference", "doc_id", "term", "count_target",
    "count_reference", "total_target", "total_reference", "per_10k_target",
    "per_10k_reference", "expected_target", "g2", "chi2", "log_ratio", "p_value", "keyness",
    "direction", "rank",
)
_CORRECTIONS = (None, "williams", "yates")


def _check_options(measure: str, correction: str | None) -> None:
    if measure not in KEYNESS_MEASURES:
        raise ValueError(f"keyness: measure={measure!r}; use one of {', '.join(KEYNESS_MEASURES)}.")
    if correction not in _CORRECTIONS:
        raise ValueError(f"keyness: correction={correction!r}; use None, 'williams' or 'yates'.")


def _as_list(value: str | Sequence[str]) -> list[str]:
    if isinstance(value, str):
        return [value]
    return list(value)


def _resolve_groups(
    doc_ids: list[str],
    docs: pd.DataFrame | None,
    by: str | None,
    target: Any,
    reference: Any,
) -> tuple[list[str], list[str], str, str]:
    """Turn target/reference (group values or doc ids) into two lists of doc ids."""
    if by in (None, "doc_id"):
        col = dict(zip(doc_ids, doc_ids, strict=True))
        where = "doc_id"
    else:
        if docs is None:
            raise ValueError(f"keyness: by={by!r} needs the document metadata: pass a Corpus, "
                             "or documents=corpus (or corpus.documents) with the token table.")
        if by not in docs.columns:
            raise ValueError(f"keyness: by={by!r} is not a metadata column; use one of "
                             f"{', '.join(map(str, docs.columns[:20]))}.")
        col = {d: str(v) for d, v in zip(docs["doc_id"], docs[by], strict=True)}
        unknown = [d for d in doc_ids if d not in col]
        if unknown:
            raise ValueError(f"keyness: doc_id(s) {', '.join(unknown)} of the token table are "
                             "not in the document metadata.")
        where = f"{by!r}"
    values = sorted({col[d] for d in doc_ids})
    tvals = [str(v) for v in _as_list(target)]
    bad = [v for v in tvals if v not in values]
    if bad:
        raise ValueError(f"keyness: target {', '.join(bad)} matches no document by {where}; "
                         f"choose from {', '.join(values)}.")
    tdocs = [d for d in doc_ids if col[d] in tvals]
    if reference is None:
        rdocs = [d for d in doc_ids if col[d] not in tvals]
        rlabel = "rest"
    else:
        rvals = [str(v) for v in _as_list(reference)]
        bad = [v for v in rvals if v not in values]
        if bad:
            raise ValueError(f"keyness: reference {', '.join(bad)} matches no document by "
                             f"{where}; choose from {', '.join(values)}.")
        overlap = sorted(set(tvals) & set(rvals))
        if overlap:
            raise ValueError(f"keyness: {', '.join(overlap)} is both target and reference.")
        rdocs = [d for d in doc_ids if col[d] in rvals]
        rlabel = "+".join(rvals)
    if not rdocs:
        raise ValueError(f"keyness: the reference is empty (every document is in the target "
                         f"{'+'.join(tvals)}); give a smaller target or another grouping.")
    return tdocs, rdocs, "+".join(tvals), rlabel


def _g2(obs: list[np.ndarray], exp: list[np.ndarray]) -> np.ndarray:
    total = 0.0
    for o, e in zip(obs, exp, strict=True):
        total = total + xlogy(o, o / e)
    return 2.0 * total


def _yates(obs: list[np.ndarray], exp: list[np.ndarray]) -> list[np.ndarray]:
    """Move each observed count up to 0.5 towards its expectation (as scipy does)."""
    out = []
    for o, e in zip(obs, exp, strict=True):
        diff = e - o
        out.append(o + np.sign(diff) * np.minimum(0.5, np.abs(diff)))
    return out


def _contingency_stats(
    a: np.ndarray, b: np.ndarray, t_total: float, r_total: float, correction: str | None
) -> dict[str, np.ndarray]:
    """Per-term statistics from the 2×2 tables [[a, b], [t_total - a, r_total - b]]."""
    a = a.astype(float)
    b = b.astype(float)
    c = np.maximum(t_total - a, 0.0)
    d = np.maximum(r_total - b, 0.0)
    n = t_total + r_total
    row1 = a + b
    row2 = c + d
    ea, eb = row1 * t_total / n, row1 * r_total / n
    ec, ed = row2 * t_total / n, row2 * r_total / n
    obs, exp = [a, b, c, d], [ea, eb, ec, ed]
    if correction == "yates":
        obs = _yates(obs, exp)
    g2 = _g2(obs, exp)
    chi2 = sum((o - e) ** 2 / e for o, e in zip(obs, exp, strict=True))
    if correction == "williams":
        # Williams (1976) for a 2×2 table: q = 1 + (n/r1 + n/r2 - 1)(n/c1 + n/c2 - 1) / 6n
        with np.errstate(divide="ignore", invalid="ignore"):
            q = 1.0 + (n / row1 + n / row2 - 1.0) * (n / t_total + n / r_total - 1.0) / (6.0 * n)
        g2 = g2 / q
    # log ratio (Hardie 2014): log2 of the ratio of relative frequencies, 0.5 for zeros
    a_adj = np.where(a > 0, a, 0.5)
    b_adj = np.where(b > 0, b, 0.5)
    log_ratio = np.log2((a_adj / t_total) / (b_adj / r_total))
    return {"expected": ea, "g2": g2, "chi2": chi2, "log_ratio": log_ratio}


def keyness(
    data: Corpus | pd.DataFrame,
    *,
    target: str | Sequence[str],
    reference: str | Sequence[str] | None = None,
    by: str | None = None,
    documents: Corpus | pd.DataFrame | None = None,
    measure: str = "g2",
    correction: str | None = None,
    min_count: int = 3,
    token_filter: TokenFilter | None = None,
) -> pd.DataFrame:
    """Which terms a group of documents uses more (or less) than a reference.

    For every term, a 2×2 table of its count and of all other words in the target and the
    reference gives G² (log-likelihood), Pearson's chi-square, the log ratio and a p-value
    (chi-square distribution, 1 degree of freedom, of the statistic chosen by ``measure``).
    Corpus sizes are word tokens (Han or Latin tokens, stopwords included, as for
    ``per_10k``); the terms are the tokens kept by the filter.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus (tokenised with the default settings, metadata taken from it) or a token
        table from :func:`analysis.token_table`.
    target : str or list of str, keyword-only
        The group to describe: one or more values of the metadata column ``by``
        (``target="2010s", by="era"``), or, when ``by`` is None, one or more ``doc_id``.
    reference : str or list of str, optional, keyword-only
        The comparison group, as ``target``; None (the default) means every other document.
    by : str, optional, keyword-only
        Metadata column that defines the groups (``"era"``, ``"city"``, ``"doc_type"``,
        ``"province"`` or any column of your ``metadata.csv``); None or ``"doc_id"`` for
        explicit document ids.
    documents : Corpus or DataFrame, optional, keyword-only
        Document metadata (``corpus`` or ``corpus.documents``) when ``data`` is a token
        table and ``by`` names a metadata column.
    measure : {"g2", "chi2", "log_ratio"}, keyword-only
        The statistic that orders the rows (signed: over-use positive) and gives the
        p-value (``log_ratio`` orders by effect size; its p-value is G²'s).
    correction : {None, "williams", "yates"}, keyword-only
        Williams' correction of G², or Yates' continuity correction of both statistics
        (exactly as ``scipy.stats.chi2_contingency(correction=True)``).
    min_count : int, keyword-only
        Leave out terms seen fewer times in target and reference together.
    token_filter : TokenFilter, optional, keyword-only
        Which tokens are terms; the table's ``keep`` column by default.

    Returns
    -------
    DataFrame
        One row per term, columns ``comparison, by, target, reference, doc_id, term,
        count_target, count_reference, total_target, total_reference, per_10k_target,
        per_10k_reference, expected_target, g2, chi2, log_ratio, p_value, keyness,
        direction, rank``. ``keyness`` is the chosen measure with the sign of the
        difference (positive: the target over-uses the term); ``direction`` is ``"over"``
        or ``"under"``; ``rank`` counts from 1 within each direction. Rows are sorted by
        ``keyness`` descending (strongest over-use first, strongest under-use last).
        ``doc_id`` names the target's documents joined with ``+`` in corpus order: a real
        ``doc_id`` whenever the target is one document (a city, ``tonghua_2012`` as the
        2010s era) so the table joins the document metadata; otherwise it records exactly
        which documents made the target.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> k = keyness(load_corpus(), target="2010s", by="era")
    >>> k.loc[0, ["target", "reference", "direction"]].tolist()
    ['2010s', 'rest', 'over']
    >>> bool((k["g2"] >= 0).all())
    True
    """
    _check_options(measure, correction)
    tokens, docs = tokens_and_docs(data, documents, func="keyness")
    sc = sparse_counts(tokens, token_filter=token_filter)
    totals = word_totals(tokens).reindex(sc.doc_ids, fill_value=0)
    return _keyness_table(sc, totals, docs, by=by, target=target, reference=reference,
                          measure=measure, correction=correction, min_count=min_count)


def _keyness_table(sc: SparseCounts, totals: pd.Series, docs: pd.DataFrame | None, *,
                   by: str | None, target: Any, reference: Any, measure: str,
                   correction: str | None, min_count: int) -> pd.DataFrame:
    """:func:`keyness` on precomputed counts (``sc``) and word totals (indexed like
    ``sc.doc_ids``), so :func:`keyness_by` counts the corpus once for all its groups."""
    tdocs, rdocs, tlabel, rlabel = _resolve_groups(sc.doc_ids, docs, by, target, reference)
    index = {d: i for i, d in enumerate(sc.doc_ids)}
    m = sc.matrix
    a = np.asarray(m[[index[d] for d in tdocs]].sum(axis=0)).ravel()
    b = np.asarray(m[[index[d] for d in rdocs]].sum(axis=0)).ravel()
    t_total = float(totals[tdocs].sum())
    r_total = float(totals[rdocs].sum())
    if t_total == 0 or r_total == 0:
        raise ValueError("keyness: the target or the reference has no word tokens.")
    keep = (a + b) >= min_count
    a, b = a[keep], b[keep]
    terms = np.asarray(sc.terms, dtype=object)[keep]
    st = _contingency_stats(a, b, t_total, r_total, correction)
    stat = st["g2"] if measure == "log_ratio" else st[measure]
    p = chi2_dist.sf(stat, 1)
    sign = np.where(a / t_total >= b / r_total, 1.0, -1.0)
    score = sign * (np.abs(st["log_ratio"]) if measure == "log_ratio" else stat)
    by_label = by or "doc_id"
    keyness_col = np.round(score, 9)
    # rows by keyness (largest first), ties by term in code point order (the order of
    # Python's and Arrow's string comparison): one permutation of the arrays, so the
    # table is built once in its final order instead of sorted (and copied) as a frame
    term_rank = np.empty(len(terms), dtype=np.int64)
    term_rank[np.argsort(terms, kind="stable")] = np.arange(len(terms))
    order = np.lexsort((term_rank, -keyness_col))
    a, b, terms, sign = a[order], b[order], terms[order], sign[order]
    st = {k: v[order] for k, v in st.items()}
    p, keyness_col = p[order], keyness_col[order]
    over = sign > 0
    n_over = int(over.sum())
    rank = np.empty(len(order), dtype=np.int64)
    rank[over] = np.arange(1, n_over + 1)
    rank[~over] = np.arange(len(order) - n_over, 0, -1)
    out = pd.DataFrame({
        "comparison": f"{by_label}: {tlabel} vs {rlabel}",
        "by": by_label,
        "target": tlabel,
        "reference": rlabel,
        "doc_id": "+".join(tdocs),
        "term": terms,
        "count_target": a.astype(np.int64),
        "count_reference": b.astype(np.int64),
        "total_target": int(t_total),
        "total_reference": int(r_total),
        "per_10k_target": np.round(a / t_total * 1e4, 6),
        "per_10k_reference": np.round(b / r_total * 1e4, 6),
        "expected_target": np.round(st["expected"], 6),
        "g2": np.round(st["g2"], 9),
        "chi2": np.round(st["chi2"], 9),
        "log_ratio": np.round(st["log_ratio"], 9),
        "p_value": p,
        "keyness": keyness_col,
        "direction": np.where(over, "over", "under"),
        "rank": rank,
    })
    return out


def keyness_by(
    data: Corpus | pd.DataFrame,
    *,
    by: str = "era",
    documents: Corpus | pd.DataFrame | None = None,
    measure: str = "g2",
    correction: str | None = None,
    min_count: int = 3,
    token_filter: TokenFilter | None = None,
    counts: SparseCounts | None = None,
    totals: pd.Series | None = None,
) -> pd.DataFrame:
    """:func:`keyness` of every group of ``by`` against all other documents, stacked.

    With two groups (2010s, 2020s) the two comparisons mirror each other; select one with
    ``table[table.target == "2010s"]``. Columns as :func:`keyness`; groups in sorted order.
    ``counts`` is :func:`analysis.stats.sparse_counts` of ``data`` with ``token_filter``
    when the caller has it already (several groupings of one corpus count it once), and
    ``totals`` likewise :func:`analysis.stats.word_totals` of ``data``.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> k = keyness_by(load_corpus(), by="era")
    >>> sorted(k["target"].unique())
    ['2010s', '2020s']
    """
    tokens, docs = tokens_and_docs(data, documents, func="keyness_by")
    groups = _groups(tokens, docs, by, func="keyness_by")
    _check_options(measure, correction)
    # the counts and word totals once for every group (as keyness(...) per group would)
    sc = counts if counts is not None else sparse_counts(tokens, token_filter=token_filter)
    totals = (totals if totals is not None else word_totals(tokens)).reindex(
        sc.doc_ids, fill_value=0)
    parts = [_keyness_table(sc, totals, docs, by=by, target=g, reference=None,
                            measure=measure, correction=correction, min_count=min_count)
             for g in groups]
    return pd.concat(parts, ignore_index=True)


def keyness_pairwise(
    data: Corpus | pd.DataFrame,
    *,
    by: str = "era",
    documents: Corpus | pd.DataFrame | None = None,
    measure: str = "g2",
    correction: str | None = None,
    min_count: int = 3,
    token_filter: TokenFilter | None = None,
) -> pd.DataFrame:
    """:func:`keyness` of every pair of groups of ``by`` (each group against each later
    one, in sorted order), stacked: k groups give k(k−1)/2 comparisons.

    The corpus is counted once (sparse document-term counts); each comparison sums the
    rows of its two groups. Columns as :func:`keyness`; ``comparison`` names the pair.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> k = keyness_pairwise(load_corpus(), by="era")
    >>> k["comparison"].unique().tolist()
    ['era: 2010s vs 2020s']
    """
    tokens, docs = tokens_and_docs(data, documents, func="keyness_pairwise")
    groups = _groups(tokens, docs, by, func="keyness_pairwise")
    _check_options(measure, correction)
    sc = sparse_counts(tokens, token_filter=token_filter)
    totals = word_totals(tokens).reindex(sc.doc_ids, fill_value=0)
    parts = [_keyness_table(sc, totals, docs, by=by, target=a, reference=b,
                            measure=measure, correction=correction, min_count=min_count)
             for i, a in enumerate(groups) for b in groups[i + 1:]]
    return pd.concat(parts, ignore_index=True)


def _groups(tokens: pd.DataFrame, docs: pd.DataFrame | None, by: str | None, *,
            func: str) -> list[str]:
    """The groups of ``by`` among the token table's documents (sorted), at least two."""
    if by in (None, "doc_id"):
        groups = doc_order(tokens)
    else:
        if docs is None:
            raise ValueError(f"{func}: by={by!r} needs the document metadata: pass a "
                             "Corpus, or documents=corpus with the token table.")
        if by not in docs.columns:
            raise ValueError(f"{func}: by={by!r} is not a metadata column.")
        present = set(doc_order(tokens))
        groups = sorted({str(v) for d, v in zip(docs["doc_id"], docs[by], strict=True)
                         if d in present and pd.notna(v) and str(v) != ""})
    if len(groups) < 2:
        raise ValueError(f"{func}: by={by!r} puts every document in one group; keyness "
                         "needs at least two groups.")
    return groups


def group_keyness(
    tokens: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str,
    n: int = 30,
    measure: str = "g2",
    min_count: int = 3,
) -> pd.DataFrame:
    """The ``n`` strongest over- and under-used terms of every group of ``by`` against the
    rest: :func:`keyness_by` on a token table and a documents table (as the build writes
    them), cut to the top of each list.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> corpus = load_corpus()
    >>> k = group_keyness(token_table(corpus), corpus.documents, by="era", n=5)
    >>> k.groupby(["target", "direction"]).size().tolist()
    [5, 5, 5, 5]
    """
    table = keyness_by(tokens, by=by, documents=documents, measure=measure,
                       min_count=min_count)
    return table.loc[table["rank"] <= n].reset_index(drop=True)
