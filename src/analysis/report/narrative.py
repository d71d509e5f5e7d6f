"""The closing "What the figures show" of each notebook, written from the corpus's tables.

:func:`notebook_reading` describes whatever corpus is loaded: how many documents and
groups, the numbers behind the notebook's figures, the strongest differences between
groups (with their bootstrap intervals) and the caveats the data call for (few documents,
groups of one document, unequal groups). :func:`hand_written_reading` shows a notebook's
hand-written reading of the default corpus only when the default corpus is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from analysis.report.tables import MissingTableError, Tables

__all__ = ["Reading", "describe_group_shares", "describe_keyness", "describe_trend",
           "hand_written_reading", "notebook_reading"]


class Reading(str):
    """Markdown text a notebook shows as formatted text."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _name(row: Any) -> str:
    zh, en = str(row["label_zh"]), str(row["label_en"])
    return zh if zh == en else f"{zh} ({en})"


def _ci(row: Any, fmt: Callable[[float], str]) -> str:
    lo, hi = fmt(row["ci_low"]), fmt(row["ci_high"])
    return f"[{lo.removesuffix('%') if hi.endswith('%') else lo}–{hi}]"


def describe_group_shares(shares: pd.DataFrame, *, n: int = 3,
                          percent: bool = True) -> list[str]:
    """Sentences on :func:`analysis.stats.shares.group_shares`: the largest categories and
    the strongest differences between groups, saying whether the intervals overlap.

    Examples
    --------
    >>> s = pd.DataFrame({"by": "era", "group": ["a", "b"], "key": "x", "label_zh": "人才",
    ...                   "label_en": "Talent", "value": [0.1, 0.4], "ci_low": [0.05, 0.3],
    ...                   "ci_high": [0.15, 0.5], "n_docs": [1, 4]})
    >>> describe_group_shares(s)[1]
    '人才 (Talent): a 10% [5–15%] vs b 40% [30–50%] (intervals apart).'
    """
    if shares.empty:
        return []
    fmt = _pct if percent else (lambda x: f"{x:.1f}")
    mean = shares.groupby("key", sort=False)["value"].mean().sort_values(ascending=False)
    first = shares.drop_duplicates("key").set_index("key")
    top = ", ".join(f"{_name(first.loc[k])} {fmt(v)}" for k, v in mean.head(n).items())
    out = [f"Largest on average over the groups of {shares['by'].iloc[0]}: {top}."]
    spread = shares.groupby("key", sort=False)["value"].agg(lambda v: v.max() - v.min())
    for key in spread.sort_values(ascending=False).head(n).index:
        part = shares.loc[shares["key"] == key]
        lo, hi = part.loc[part["value"].idxmin()], part.loc[part["value"].idxmax()]
        apart = lo["ci_high"] < hi["ci_low"]
        out.append(f"{_name(lo)}: {lo['group']} {fmt(lo['value'])} {_ci(lo, fmt)} vs "
                   f"{hi['group']} {fmt(hi['value'])} {_ci(hi, fmt)} "
                   f"({'intervals apart' if apart else 'intervals overlap'}).")
    return out


def describe_keyness(table: pd.DataFrame, *, n: int = 5) -> list[str]:
    """One sentence per group: its most over-used terms against the rest (G²).

    Examples
    --------
    >>> k = pd.DataFrame({"target": ["a", "a"], "term": ["人才", "平台"], "g2": [12.0, 5.0],
    ...                   "keyness": [12.0, 5.0], "direction": "over"})
    >>> describe_keyness(k)
    ['a uses more than the rest: 人才 (G² 12.0), 平台 (G² 5.0).']
    """
    out = []
    over = table.loc[table["direction"] == "over"]
    for g, part in over.groupby("target", sort=True):
        top = part.sort_values("keyness", ascending=False, kind="stable").head(n)
        terms = ", ".join(f"{t} (G² {v:.1f})" for t, v in zip(top["term"], top["g2"],
                                                               strict=True))
        out.append(f"{g} uses more than the rest: {terms}.")
    return out


def describe_trend(trend: pd.DataFrame, *, n: int = 3, percent: bool = True) -> list[str]:
    """The categories that rose and fell most between the first and the last year (or
    period) of :func:`analysis.stats.trends.share_trend` (series ``all`` or the first).

    Examples
    --------
    >>> t = pd.DataFrame({"series": "all", "time": ["2012", "2020"], "key": "x",
    ...                   "label_zh": "人才", "label_en": "人才", "value": [0.1, 0.3],
    ...                   "n_docs": [1, 3]})
    >>> describe_trend(t)
    ['From 2012 (1 document) to 2020 (3): rose most 人才 10% → 30%.']
    """
    if trend.empty or trend["time"].nunique() < 2:
        return []
    t = trend.loc[trend["series"] == sorted(trend["series"].unique())[0]]
    times = sorted(t["time"].unique())
    a = t.loc[t["time"] == times[0]].set_index("key")
    b = t.loc[t["time"] == times[-1]].set_index("key")
    diff = (b["value"] - a["value"]).dropna().sort_values()
    fmt = _pct if percent else (lambda x: f"{x:.1f}")

    def say(keys: list[str]) -> str:
        return ", ".join(f"{_name(b.loc[k])} {fmt(a.loc[k, 'value'])} → "
                         f"{fmt(b.loc[k, 'value'])}" for k in keys)

    rose = [k for k in diff.index[::-1][:n] if diff[k] > 0]
    fell = [k for k in diff.index[:n] if diff[k] < 0]
    parts = []
    if rose:
        parts.append(f"rose most {say(rose)}")
    if fell:
        parts.append(f"fell most {say(fell)}")
    if not parts:
        return []
    na, nb = int(a["n_docs"].iloc[0]), int(b["n_docs"].iloc[0])
    docs = f"{na} document{'s' if na != 1 else ''}"
    return [f"From {times[0]} ({docs}) to {times[-1]} ({nb}): {'; '.join(parts)}."]


def _get(tables: Tables, name: str) -> pd.DataFrame | None:
    try:
        return tables[name]
    except (MissingTableError, KeyError, ValueError):
        return None


def _corpus(tables: Tables, by: str) -> list[str]:
    from analysis.stats.periods import group_sizes
    from analysis.stats.shares import grouping_caveat

    docs = tables["documents"]
    years = pd.to_numeric(docs.get("year"), errors="coerce").dropna()
    span = f", {int(years.min())}–{int(years.max())}" if len(years) else ""
    out = [f"**Corpus.** {len(docs)} documents{span}."]
    if by in docs.columns and by != "doc_id":
        sizes = group_sizes(docs, by=by)
        groups = "; ".join(f"{g} {k}" for g, k in zip(sizes["group"], sizes["n_docs"],
                                                      strict=True))
        out.append(f"Grouped by {by}: {groups}.")
        out.append(grouping_caveat(docs, by=by))
    return out


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"**{title}.** " + " ".join(lines)] if lines else []


def _themes(t: Tables) -> list[str]:
    s = _get(t, "theme_shares_group")
    out = _section("Themes by group", describe_group_shares(s) if s is not None else [])
    chi = None
    try:
        from analysis.stats.shares import group_chi_square

        by = str(s["by"].iloc[0]) if s is not None and len(s) else ""
        if by:
            chi = group_chi_square(t["theme_counts"], t["documents_grouped"], by=by)
    except (ValueError, MissingTableError, KeyError):
        chi = None
    if chi is not None and len(chi):
        r = chi.iloc[0]
        out.append(f"**Chi-square of theme hits by {r['by']}.** χ² = {r['statistic']:.1f}, "
                   f"dof = {int(r['dof'])}, {_p(float(r['pvalue']))}, Cramér's V = "
                   f"{r['cramers_v']:.2f} (hits within a clause are not independent: read "
                   "it as a description of how uneven the profiles are).")
    return out


def _p(p: float) -> str:
    """A p-value as a reader quotes it (``p < 0.001`` below a thousandth)."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3g}"


def _trend(t: Tables, name: str, title: str, *, percent: bool = True) -> list[str]:
    tr = _get(t, name)
    return _section(title, describe_trend(tr, percent=percent) if tr is not None else [])


def _words(t: Tables) -> list[str]:
    out = []
    terms = _get(t, "corpus_terms")
    if terms is not None and len(terms):
        col = "count" if "count" in terms.columns else terms.columns[-1]
        top = terms.sort_values(col, ascending=False, kind="stable").head(8)
        out.append("**Most frequent words.** " + ", ".join(map(str, top["term"])) + ".")
    k = _get(t, "keyness_group")
    out += _section("Keyness by group", describe_keyness(k) if k is not None else [])
    return out + _trend(t, "keyword_trend", "Keywords over time", percent=False)


def _instruments(t: Tables) -> list[str]:
    s = _get(t, "instrument_shares_group")
    out = _section("Instruments by group", describe_group_shares(s) if s is not None else [])
    return out + _trend(t, "instrument_trend", "Instruments over time") + \
        _trend(t, "tone_trend", "Tone over time")


def _targets(t: Tables) -> list[str]:
    tg = _get(t, "targets")
    if tg is None or tg.empty:
        return ["**Targets.** No quantitative target was found."]
    kinds = tg["kind"].value_counts()
    out = [f"**Targets.** {len(tg)} quantities in {tg['doc_id'].nunique()} documents: "
           + ", ".join(f"{v} {k}" for k, v in kinds.items()) + "."]
    canon = tg.loc[tg["canonical_id"].fillna("").astype(str) != ""]
    if len(canon):
        top = canon.groupby("canonical")["doc_id"].nunique().sort_values(ascending=False)
        out.append("Canonical indicators set by the most documents: " + ", ".join(
            f"{k} ({v})" for k, v in top.head(5).items()) + ".")
    return out


def _similarity(t: Tables) -> list[str]:
    sim = _get(t, "similarity")
    if sim is None or sim.empty:
        return []
    other = sim.loc[sim["doc_id"] != sim["doc_b"]]
    lo = other[["doc_id", "doc_b"]].min(axis=1)
    hi = other[["doc_id", "doc_b"]].max(axis=1)
    pairs = other.assign(doc_id=lo, doc_b=hi).drop_duplicates(["doc_id", "doc_b"])
    n_docs = len(set(sim["doc_id"]) | set(sim["doc_b"]))
    # a top-k table lists each document's nearest neighbours only: the least alike pair
    # of the corpus is not in it
    complete = len(pairs) >= n_docs * (n_docs - 1) // 2
    pairs = pairs.sort_values("cosine", ascending=False, kind="stable")
    if pairs.empty:
        return []
    same = pairs.loc[pairs["cosine"] >= 0.99]  # duplicates and reissues say little
    rest = pairs.loc[pairs["cosine"] < 0.99]
    a, b = (rest if len(rest) else pairs).iloc[0], pairs.iloc[-1]
    text = (f"**Similarity.** Most alike: {a['doc_id']} and {a['doc_b']} (cosine "
            f"{a['cosine']:.2f})")
    if complete:
        text += f"; least: {b['doc_id']} and {b['doc_b']} ({b['cosine']:.2f})."
    else:
        text += (". The similarity table keeps each document's nearest neighbours only "
                 "(the build's `similarity_top_k`), so the least alike pair is not in it.")
    if len(same) and len(rest):
        text += (f" {len(same)} pair{'s' if len(same) != 1 else ''} of near-identical texts "
                 "(cosine ≥ 0.99: duplicates or reissues) are left out of 'most alike'.")
    return [text]


def _networks(t: Tables) -> list[str]:
    nodes = _get(t, "network_nodes")
    if nodes is None or nodes.empty:
        return []
    top = nodes.groupby("term")["degree"].sum().sort_values(ascending=False).head(6)
    return ["**Co-occurrence networks.** Best connected terms over the documents: "
            + ", ".join(map(str, top.index)) + "."]


def _clauses(t: Tables) -> list[str]:
    cl = _get(t, "clauses")
    if cl is None or cl.empty:
        return []
    per = cl.groupby("doc_id").size()
    return [f"**Clauses.** {len(cl)} clauses, {int(per.min())}–{int(per.max())} per document "
            "(every figure's evidence is quoted by clause id)."]


_PARTS: dict[str, list[Callable[[Tables], list[str]]]] = {
    "00": [], "01": [_words], "02": [_words], "03": [_themes],
    "04": [_words, _themes, lambda t: _trend(t, "theme_trend", "Themes over time")],
    "05": [_instruments], "06": [_targets], "07": [_similarity], "08": [_networks],
    "09": [_clauses], "10": [_themes],
}


def notebook_reading(tables: Tables, notebook: str, *, by: str | None = None,
                     time_bins: str | None = None) -> Reading:
    """The "What the figures show" of a notebook, computed from the tables loaded.

    Parameters
    ----------
    tables : Tables
        The build's tables (:func:`~analysis.report.tables.load_tables`).
    notebook : str
        The notebook's stem or number (``"03_themes"``, ``"03"``).
    by, time_bins : keyword-only
        The grouping (:func:`analysis.report.figures.set_grouping`).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "year": [2014, 2022],
    ...                      "level": ["central", "provincial"]})
    >>> print(notebook_reading(Tables(frames={"documents": docs}), "00"))  # doctest: +ELLIPSIS
    **Corpus.** 2 documents, 2014–2022.
    <BLANKLINE>
    Grouped by level: central 1; provincial 1.
    <BLANKLINE>
    Caveat: two documents are few. Groups central (a), provincial (b) are single documents: ...
    """
    from analysis.report.figures import set_grouping

    grouping = set_grouping(tables, by=by, time_bins=time_bins)
    lines = _corpus(tables, grouping["by"])
    for part in _PARTS.get(notebook[:2], []):
        try:
            lines += part(tables)
        except (MissingTableError, KeyError, ValueError) as exc:
            lines.append(f"*(not computed: {exc})*")
    return Reading("\n\n".join(lines))


def hand_written_reading(text: str, *, raw_dir: Any = None,
                         processed_dir: Any = None) -> Reading:
    """A notebook's hand-written reading of the default corpus: shown when the default
    corpus is loaded (no ``raw_dir`` and no ``processed_dir``), otherwise a one-line note.

    Examples
    --------
    >>> hand_written_reading("Tonghua ...")
    Tonghua ...
    >>> hand_written_reading("Tonghua ...", raw_dir="my_corpus")[:40]
    '*(The hand-written reading describes the'
    """
    if raw_dir is None and processed_dir is None:
        return Reading(text.strip())
    return Reading("*(The hand-written reading describes the default corpus; the reading "
                   "above is computed from the corpus loaded.)*")
