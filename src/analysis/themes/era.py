"""Theme differences between two groups of documents (2020s − 2010s by default), with
bootstrap confidence intervals from resampling clauses within documents (seeded)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.lexicon import check_units, countable, doc_order
from analysis.themes._resample import boot_group_index_sums
from analysis.themes.caveat import corpus_caveat
from analysis.themes.counts import _clause_matrix, _resolve_hits, unit_word_counts
from analysis.themes.dictionary import PathLike, ThemeDictionary, load_themes

if TYPE_CHECKING:
    from analysis.text import Tokenizer

__all__ = ["ERA_DIFF_COLUMNS", "era_difference"]

#: Columns of :func:`era_difference` (the build's ``theme_era_diff``, empty without two eras).
ERA_DIFF_COLUMNS = (
    "doc_id", "theme", "theme_zh", "theme_en", "metric", "by", "group_a", "group_b",
    "value_a", "value_b", "diff", "ci_low", "ci_high", "excludes_zero", "n_docs_a",
    "n_docs_b", "n_clauses_a", "n_clauses_b", "weighting", "n_boot", "ci", "seed", "caveat",
)


def _doc_meta(units: pd.DataFrame, documents: pd.DataFrame | dict[str, Any] | None,
              by: str) -> dict[str, Any]:
    if documents is None:
        raise ValueError(f"documents is needed to know each document's {by!r} "
                         "(pass corpus.documents).")
    if isinstance(documents, dict):
        return documents
    if by not in documents.columns:
        raise ValueError(f"documents has no column {by!r}; compare by one of its columns "
                         f"({', '.join(map(str, documents.columns[:12]))} ...).")
    # the two columns only (a documents table may hold every text)
    meta = (documents[["doc_id", by]].drop_duplicates("doc_id").set_index("doc_id")[by]
            .to_dict())
    unknown = sorted(set(units["doc_id"].tolist()) - set(meta))
    if unknown:
        raise ValueError(f"documents lacks doc_id(s) {', '.join(unknown)} found in units.")
    return meta


def _check_options(metric: str, weighting: str, ci: float, n_boot: int) -> None:
    if metric not in ("clause_share", "per_10k"):
        raise ValueError(f"metric={metric!r}: use 'clause_share' or 'per_10k'.")
    if weighting not in ("document", "pooled"):
        raise ValueError(f"weighting={weighting!r}: use 'document' or 'pooled'.")
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci}: give a level between 0 and 1 (e.g. 0.95).")
    if n_boot < 1:
        raise ValueError(f"n_boot={n_boot}: give at least one replicate (2000 is usual).")


def _groups(units: pd.DataFrame, documents: pd.DataFrame | dict[str, Any], by: str,
            groups: tuple[Any, Any] | None) -> tuple[dict[Any, Any], tuple[Any, Any]]:
    """Each document's ``by`` value and the two groups compared (checked)."""
    meta = _doc_meta(units, documents, by)
    values = sorted({meta[x] for x in units["doc_id"].tolist()}, key=str)
    if groups is None:
        if len(values) != 2:
            raise ValueError(f"{by!r} has {len(values)} values ({', '.join(map(str, values))});"
                             " pass groups=(a, b) to choose the two to compare.")
        groups = (values[0], values[1])
    for gval in groups:
        if gval not in values:
            raise ValueError(f"no document has {by} = {gval!r} (values: "
                             f"{', '.join(map(str, values))}).")
    return meta, groups


def era_difference(
    units: pd.DataFrame,
    *,
    documents: pd.DataFrame | dict[str, Any],
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    hits: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    by: str = "era",
    groups: tuple[Any, Any] | None = None,
    metric: str = "clause_share",
    weighting: str = "document",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 12,
) -> pd.DataFrame:
    """Differences between two groups of documents (2020s − 2010s by default) for every
    theme, with percentile bootstrap confidence intervals from resampling clauses.

    Each bootstrap replicate resamples every document's clauses with replacement (so each
    document keeps its size), recomputes each document's value and then each group's value;
    the interval is the ``ci`` percentile range of the replicate differences. Seeded: the
    same ``seed`` gives the same intervals.

    Parameters
    ----------
    units : DataFrame
        Clauses.
    documents : DataFrame or dict, keyword-only
        ``corpus.documents`` (or ``{doc_id: group}``) giving each document's ``by`` value.
    by : str, keyword-only
        The grouping column (``era``; any metadata column with two values works).
    groups : (a, b), keyword-only
        The two groups; the difference is ``b − a``. Default: the sorted two values of ``by``
        (``("2010s", "2020s")``).
    metric : {"clause_share", "per_10k"}, keyword-only
        Share of clauses mentioning the theme, or hits per 10,000 words (clause words from
        ``tokens``, or from segmenting the clauses).
    weighting : {"document", "pooled"}, keyword-only
        ``"document"``: a group's value is the mean of its documents' values (each city one
        voice, the default); ``"pooled"``: all the group's clauses together (long documents
        weigh more).
    n_boot, ci, seed : keyword-only
        Replicates, interval level, random seed.

    Returns
    -------
    DataFrame
        One row per theme: ``doc_id`` (the compared documents joined with ``;``), ``theme,
        theme_zh, theme_en, metric, by, group_a, group_b, value_a, value_b, diff, ci_low,
        ci_high, excludes_zero, n_docs_a, n_docs_b, n_clauses_a, n_clauses_b, weighting,
        n_boot, ci, seed, caveat``.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": ["a", "a", "b", "b"],
    ...     "clause_id": ["a:1", "a:2", "b:1", "b:2"],
    ...     "text": ["培养人才", "建设平台", "引进人才", "培养人才"],
    ...     "char_start": [0, 4, 0, 4], "char_end": [4, 8, 4, 8]})
    >>> diff = era_difference(units, documents={"a": "2010s", "b": "2020s"}, n_boot=200)
    >>> float(diff.set_index("theme").loc["talent", "diff"])
    0.5
    """
    _check_options(metric, weighting, ci, n_boot)
    units = check_units(units)
    d = load_themes(dictionary)
    meta, groups = _groups(units, documents, by, groups)
    hits = _resolve_hits(units, d, hits, tokens, tokenizer)
    return _era_difference(units, countable(units).to_numpy(dtype=bool),
                           _clause_matrix(units, hits, d.keys), d, meta, groups, tokens=tokens,
                           tokenizer=tokenizer, by=by, metric=metric,
                           weighting=weighting, n_boot=n_boot, ci=ci, seed=seed,
                           documents=documents)


def _era_difference(units: pd.DataFrame, keep: np.ndarray, m_all: np.ndarray,
                    d: ThemeDictionary, meta: dict[Any, Any], groups: tuple[Any, Any], *,
                    tokens: pd.DataFrame | None,
                    tokenizer: Tokenizer | None, by: str, metric: str, weighting: str,
                    n_boot: int, ci: float, seed: int,
                    documents: pd.DataFrame | dict[str, Any]) -> pd.DataFrame:
    """:func:`era_difference` of checked ``units`` whose countable rows are ``keep`` and
    whose hits per (clause, theme) are ``m_all`` (every row of ``units``)."""
    plan = _era_prepare(units, keep, m_all, d, meta, groups, tokens=tokens,
                        tokenizer=tokenizer, by=by, metric=metric, weighting=weighting,
                        n_boot=n_boot, ci=ci, seed=seed, documents=documents)
    return _era_finish(plan, _era_draw(plan))


def _era_prepare(units: pd.DataFrame, keep: np.ndarray, m_all: np.ndarray,
                 d: ThemeDictionary, meta: dict[Any, Any], groups: tuple[Any, Any], *,
                 tokens: pd.DataFrame | None,
                 tokenizer: Tokenizer | None, by: str, metric: str, weighting: str,
                 n_boot: int, ci: float, seed: int,
                 documents: pd.DataFrame | dict[str, Any]) -> dict[str, Any]:
    """The pandas part of :func:`_era_difference` before its bootstrap: the observed sums
    of each group and the arrays (only NumPy) :func:`_era_draw` resamples."""
    _check_options(metric, weighting, ci, n_boot)
    keys = d.keys
    m = m_all[keep]
    if metric == "per_10k":  # the clause texts are read only to count their words
        units = units.loc[keep].reset_index(drop=True)
        words = unit_word_counts(units, tokens=tokens,
                                 tokenizer=tokenizer).to_numpy(np.float64)
    else:
        units = units.loc[keep, ["doc_id"]].reset_index(drop=True)
        words = None
    docs = doc_order(units)
    obs: dict[Any, list[np.ndarray]] = {g: [] for g in groups}
    size: dict[Any, list[np.ndarray]] = {g: [] for g in groups}
    n_cl: dict[Any, int] = dict.fromkeys(groups, 0)
    codes, uniq = pd.factorize(units["doc_id"])
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniq) + 1))
    where = {x: order[bounds[i]:bounds[i + 1]] for i, x in enumerate(uniq)}
    # the clause values and denominators the replicates draw from (with den = 1, the
    # replicate sizes); 0/1 values as bytes, a float64 copy made only of the rows drawn
    vals = m.astype(np.float64) if metric == "per_10k" else (m > 0).astype(np.uint8)
    dens = words if metric == "per_10k" else np.ones(len(m))
    slot = {g: i for i, g in enumerate(groups)}
    # the documents in a fixed order (the random stream does not depend on dict ordering):
    # their rows, one after another, and each one's group
    rows: list[np.ndarray] = []
    member: list[int] = []
    for doc in docs:
        g = meta[doc]
        if g not in groups:
            continue
        idx = where[doc]
        x = m[idx] if metric == "per_10k" else (m[idx] > 0).astype(np.float64)
        den = words[idx] if metric == "per_10k" else np.ones(len(idx))
        obs[g].append(np.stack([x.sum(axis=0), np.full(len(keys), den.sum())]))
        rows.append(idx)
        member.append(slot[g])
        size[g].append(len(idx))
        n_cl[g] += len(idx)
    pick = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    starts = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=starts[1:])
    return {"d": d, "keys": keys, "meta": meta, "groups": groups, "docs": docs, "obs": obs,
            "size": size, "n_cl": n_cl, "slot": slot, "by": by, "metric": metric,
            "weighting": weighting, "n_boot": n_boot, "ci": ci, "seed": seed,
            "documents": documents,
            "x": vals[pick].reshape(len(pick), len(keys)), "den": dens[pick],
            "starts": starts, "member": np.asarray(member, dtype=np.int64)}


def _era_draw(plan: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The bootstrap of a :func:`_era_prepare` plan: NumPy arrays into one compiled call
    that releases the GIL, so it may run on another thread than the pandas around it.

    Every document's replicates (each ``n`` clause indices drawn as
    ``rng.integers(0, n, size=n)`` draws them), summed by group as they come: the ratios of
    each document (document weighting) or the sums of clause values and denominators
    (pooled)."""
    return boot_group_index_sums(np.random.default_rng(plan["seed"]), plan["x"], plan["den"],
                                 plan["starts"], plan["member"], n_groups=2,
                                 n_boot=plan["n_boot"],
                                 by_document=plan["weighting"] == "document")


def _era_compile() -> None:
    """Compile :func:`_era_draw`'s kernel (or load it from numba's cache) on this thread,
    with the argument types of every draw: numba's compiler enters the process-wide
    ``warnings.catch_warnings``, so a first call on another thread would too."""
    boot_group_index_sums(np.random.default_rng(0), np.zeros((0, 1)), np.zeros(0),
                          np.zeros(1, np.int64), np.zeros(0, np.int64), n_groups=2, n_boot=1,
                          by_document=True)


def _era_finish(plan: dict[str, Any],
                drawn: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    """The table of :func:`_era_difference` from its plan and its bootstrap sums."""
    d, keys, meta, groups, docs = (plan[k] for k in ("d", "keys", "meta", "groups", "docs"))
    obs, size, n_cl, slot = (plan[k] for k in ("obs", "size", "n_cl", "slot"))
    by, metric, weighting, n_boot, ci, seed = (
        plan[k] for k in ("by", "metric", "weighting", "n_boot", "ci", "seed"))
    acc, acc_den = drawn
    n_boot_docs = {g: len(size[g]) for g in groups}
    boot = {g: [acc[i], np.repeat(acc_den[i][:, None], len(keys), axis=1)]
            for g, i in slot.items()}
    scale = 1e4 if metric == "per_10k" else 1.0

    def combine(parts: list[np.ndarray]) -> np.ndarray:
        if weighting == "document":
            return np.mean([_ratio(p[0], p[1]) for p in parts], axis=0) * scale
        return _ratio(sum(p[0] for p in parts), sum(p[1] for p in parts)) * scale

    def combine_boot(g: Any) -> np.ndarray:
        if not n_boot_docs[g]:
            return combine([])
        if weighting == "document":
            return boot[g][0] / n_boot_docs[g] * scale
        return _ratio(boot[g][0], boot[g][1]) * scale

    va, vb = combine(obs[groups[0]]), combine(obs[groups[1]])
    ba, bb = combine_boot(groups[0]), combine_boot(groups[1])
    diffs = bb - ba
    alpha = (1 - ci) / 2
    lo, hi = np.quantile(diffs, [alpha, 1 - alpha], axis=0)
    compared = ";".join(x for x in docs if meta[x] in groups)
    out = pd.DataFrame({
        "doc_id": compared,
        "theme": keys,
        "theme_zh": [t.zh for t in d],
        "theme_en": [t.en for t in d],
        "metric": metric,
        "by": by,
        "group_a": str(groups[0]),
        "group_b": str(groups[1]),
        "value_a": np.round(va, 6),
        "value_b": np.round(vb, 6),
        "diff": np.round(vb - va, 6),
        "ci_low": np.round(lo, 6),
        "ci_high": np.round(hi, 6),
    })
    out["excludes_zero"] = (out["ci_low"] > 0) | (out["ci_high"] < 0)
    out["n_docs_a"] = len(size[groups[0]])
    out["n_docs_b"] = len(size[groups[1]])
    out["n_clauses_a"] = n_cl[groups[0]]
    out["n_clauses_b"] = n_cl[groups[1]]
    out["weighting"] = weighting
    out["n_boot"] = n_boot
    out["ci"] = ci
    out["seed"] = seed
    out["caveat"] = corpus_caveat(plan["documents"], by=by)
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)

