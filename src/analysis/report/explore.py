"""Interactive exploration: one theme or term, compared across any grouping and period,
with the clauses behind it.

:func:`explore_view` computes what the exploration notebook shows for one choice (a
figure of the groups' shares with bootstrap intervals, and the evidence: keyword-in-context
lines with their clause ids, quoted in the original script); :func:`explorer` wraps it in
ipywidgets controls (grouping column, theme or term, period) that redraw both.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.report.tables import Tables
from analysis.stats.periods import GROUP_CANDIDATES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["EVIDENCE_COLUMNS", "explore_view", "explorer", "grouping_choices"]

#: Columns of the evidence table of :func:`explore_view`.
EVIDENCE_COLUMNS = ("doc_id", "group", "clause_id", "match", "quote")
_ALL = "all"


def grouping_choices(documents: pd.DataFrame, *, max_groups: int = 12) -> list[str]:
    """The documents columns that split the corpus into 2 to ``max_groups`` groups (the
    grouping menu), plus ``period``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abcd"), "level": ["c", "p", "c", "p"],
    ...                      "title": ["w", "x", "y", "z"], "year": [2012, 2020, 2021, 2022]})
    >>> grouping_choices(docs)
    ['level', 'period']
    """
    out = []
    for col in documents.columns:
        if col in ("doc_id", "year", "period") or col.startswith("text"):
            continue
        values = documents[col].replace("", np.nan).dropna()
        # a grouping: text values, known for most documents, each group several documents
        known = col in GROUP_CANDIDATES or (len(values) >= len(documents) / 2
                                             and values.nunique() <= max(2, len(values) // 2))
        text = all(isinstance(v, str) for v in values)  # also Arrow-backed strings
        if text and 2 <= values.nunique() <= max_groups and known:
            out.append(col)
    return [*out, "period"] if "year" in documents.columns else out


def _term_hits(clauses: pd.DataFrame, term: str) -> pd.DataFrame:
    """Every occurrence of ``term`` in the clauses: ``doc_id, clause_id, term, start, end``
    (document offsets)."""
    text = clauses["text"].astype(str)
    rows = []
    for idx in np.flatnonzero(text.str.contains(term, regex=False).to_numpy()):
        s, base = text.iat[idx], int(clauses["char_start"].iat[idx])
        pos = s.find(term)
        while pos >= 0:
            rows.append((clauses["doc_id"].iat[idx], clauses["clause_id"].iat[idx], term,
                         base + pos, base + pos + len(term)))
            pos = s.find(term, pos + len(term))
    return pd.DataFrame(rows, columns=["doc_id", "clause_id", "term", "start", "end"])


def explore_view(
    tables: Tables,
    *,
    by: str,
    theme: str | None = None,
    term: str | None = None,
    period: str = _ALL,
    n_evidence: int = 10,
    english: bool = False,
    seed: int = 12,
) -> tuple[Figure, pd.DataFrame]:
    """The figure and the evidence for one theme (or term), grouping and period.

    Parameters
    ----------
    tables : Tables
        The build's tables.
    by : str, keyword-only
        The grouping column (any documents column, or ``period``).
    theme : str, keyword-only
        A theme key (``"talent"``): the share of clauses mentioning it.
    term : str, keyword-only
        A word instead (``"人才"``): its occurrences in the clauses per 10,000 words.
    period : str, keyword-only
        Only documents of this five-year-plan period (``"all"``: every document).
    n_evidence : int, keyword-only
        Evidence lines shown: the first of each group in turn, in text order.

    Returns
    -------
    (Figure, DataFrame)
        The groups' values with 95% bootstrap intervals, and the evidence (columns
        :data:`EVIDENCE_COLUMNS`: ``match`` the term found, ``quote`` the clause's context
        with the match in 【】, in the original script).

    Examples
    --------
    >>> fig, ev = explore_view(load_tables(), by="era", theme="talent")  # doctest: +SKIP
    """
    from analysis.lexicon import kwic_rows
    from analysis.plots.groups import plot_group_shares
    from analysis.report.figures import set_grouping
    from analysis.stats.shares import group_shares

    if (theme is None) == (term is None):
        raise ValueError("explore_view: give a theme or a term (one of them).")
    set_grouping(tables, by=by if by != "period" else None, english=english)
    docs = tables["documents_grouped"]
    if by not in docs.columns:
        raise ValueError(f"by={by!r}: not a documents column.")
    if period != _ALL:
        docs = docs.loc[docs["period"] == period]
    ids = set(docs["doc_id"])
    if theme is not None:
        counts = tables["theme_counts"]
        counts = counts.loc[(counts["theme"] == theme) & counts["doc_id"].isin(ids)]
        shares = group_shares(counts, docs, by=by, seed=seed)
        hits = tables["theme_hits"]
        hits = hits.loc[(hits["theme"] == theme) & hits["doc_id"].isin(ids)]
        title = ("主题占比:" + theme, "Theme share: " + theme)
    else:
        assert term is not None
        clauses = tables["clauses"]
        hits = _term_hits(clauses.loc[clauses["doc_id"].isin(ids)], term)
        # every occurrence in the text (not only where segmentation made it one word)
        words = docs.set_index("doc_id")["n_words"]
        counts = (hits.groupby("doc_id").size().reindex(docs["doc_id"], fill_value=0)
                  .rename("count").reset_index())
        counts["term"], counts["n_words"] = term, counts["doc_id"].map(words).fillna(0)
        shares = group_shares(counts, docs, by=by, key="term", count="count",
                              total="n_words", units="words", scale=1e4, seed=seed)
        title = ("词频(每万词):" + term, "Per 10,000 words: " + term)
    fig = plot_group_shares(shares, english=english, n=None, title=title)
    if term is not None:
        fig.axes[0].xaxis.set_major_formatter("{x:.0f}")
        fig.axes[0].set_xlabel("per 10,000 words (mean of documents)" if english
                               else "每万词次数(各文件平均)")
    group = docs.set_index("doc_id")[by].astype(str)
    if hits.empty:
        return fig, pd.DataFrame(columns=list(EVIDENCE_COLUMNS))
    hits = hits.sort_values(["doc_id", "start"], kind="stable").drop_duplicates("clause_id")
    hits = hits.assign(group=hits["doc_id"].map(group))
    # the first clause of each group in turn, so every group has evidence on screen
    hits["_turn"] = hits.groupby("group", sort=False).cumcount()
    hits = hits.sort_values(["_turn", "group"], kind="stable").head(n_evidence)
    rows = kwic_rows(hits, tables["clauses"], corpus=tables["documents"], window=24)
    rows["quote"] = rows["quote"].str.replace(r"\s+", " ", regex=True).str.strip()
    return fig, rows[list(EVIDENCE_COLUMNS)].reset_index(drop=True)


def _evidence_html(evidence: pd.DataFrame) -> str:
    if evidence.empty:
        return "<p class='pl-evidence'><em>no clause in these documents</em></p>"
    rows = "".join(
        f"<tr><td>{html.escape(str(r.group))}</td><td><code>{html.escape(str(r.clause_id))}"
        f"</code></td><td>{html.escape(str(r.quote))}</td></tr>"
        for r in evidence.itertuples(index=False))
    return ("<table class='pl-evidence'><thead><tr><th>group</th><th>clause_id</th>"
            f"<th>quote</th></tr></thead><tbody>{rows}</tbody></table>")


def explorer(tables: Tables, *, by: str | None = None, english: bool = False) -> Any:
    """ipywidgets controls (grouping, theme or term, period) above the figure and the
    evidence clauses of :func:`explore_view`; every change redraws both.

    Examples
    --------
    >>> ui = explorer(load_tables())                                  # doctest: +SKIP
    """
    import ipywidgets as w
    from IPython.display import display

    from analysis.report.figures import set_grouping
    from analysis.stats.periods import choose_grouping

    set_grouping(tables, english=english)
    docs = tables["documents_grouped"]
    choices = grouping_choices(docs)
    start = by or choose_grouping(docs) or choices[0]
    themes = tables["theme_counts"].drop_duplicates("theme")
    theme_options = [(f"{r.theme_zh} {r.theme_en}", r.theme)
                     for r in themes.itertuples(index=False)]
    periods = [_ALL, *sorted(docs["period"].dropna().unique())]
    by_w = w.Dropdown(options=choices, value=start, description="group by")
    theme_w = w.Dropdown(options=theme_options, value=theme_options[0][1],
                         description="theme")
    term_w = w.Text(value="", placeholder="a word instead, e.g. 人才", description="term",
                    continuous_update=False)
    period_w = w.Dropdown(options=periods, value=_ALL, description="period")
    fig_out = w.Output()
    evidence_w = w.HTML()

    def redraw(*_: Any) -> None:
        term = term_w.value.strip() or None
        fig, ev = explore_view(tables, by=by_w.value, theme=None if term else theme_w.value,
                               term=term, period=period_w.value, english=english)
        fig_out.clear_output(wait=True)
        with fig_out:
            display(fig)
        evidence_w.value = _evidence_html(ev)

    for control in (by_w, theme_w, term_w, period_w):
        control.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([by_w, theme_w]), w.HBox([term_w, period_w]), fig_out,
                   evidence_w])
