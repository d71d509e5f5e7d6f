"""Figures of comparisons between any groups of documents and of trends over time.

- :func:`plot_group_shares`: each group's share of every theme (instrument, tone) with its
  bootstrap interval, from :func:`analysis.stats.shares.group_shares`;
- :func:`plot_share_trend`: shares per year (or period) as lines with intervals, one panel
  per category, with the number of documents per year above;
- :func:`plot_keyness_groups`: each group's most over-used terms against the rest;
- :func:`plot_target_trend`: target indicators over time, targets and achievements apart.

Every figure is at most 8 inches wide (a page) and carries the exact numbers it plots as
``fig.plotted_data`` (:func:`plotted_data`), which ``policy-lens figures`` writes as a CSV
beside the image.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.plots.labels import gloss, group_label, label
from analysis.plots.style import PALETTE, new_figure, nothing_to_show

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "PAGE_WIDTH",
    "attach_data",
    "plot_group_shares",
    "plot_keyness_groups",
    "plot_share_trend",
    "plot_target_trend",
    "plotted_data",
]

#: The widest a figure may be, in inches (a page less its margins).
PAGE_WIDTH = 8.0
_MAX_GROUPS = 10


def attach_data(fig: Figure, data: pd.DataFrame) -> Figure:
    """Keep the numbers a figure plots on it (``fig.plotted_data``) for the CSV export.

    Examples
    --------
    >>> fig, _ = new_figure(width=2, height=2)
    >>> plotted_data(attach_data(fig, pd.DataFrame({"x": [1]})))["x"].tolist()
    [1]
    """
    fig.plotted_data = data.reset_index(drop=True)  # type: ignore[attr-defined]
    return fig


def plotted_data(fig: Figure) -> pd.DataFrame | None:
    """The numbers a figure plots (:func:`attach_data`), or None."""
    data = getattr(fig, "plotted_data", None)
    return data if isinstance(data, pd.DataFrame) else None


def _colors(n: int) -> list[str]:
    return [PALETTE[i % len(PALETTE)] for i in range(n)]


def _name(row: pd.Series, english: bool) -> str:
    return str(row["label_en"] if english else row["label_zh"])


def _footnote(fig: Figure, lines: list[str], *, width: int = 120) -> None:
    text = "\n".join(textwrap.fill(x, width=width) for x in lines if x)
    if text:
        # a figure-level x label: the constrained layout keeps room for it below the axes
        fig.supxlabel(text, x=0.01, ha="left", fontsize=7.5, color="#555555")


def _caveat(shares: pd.DataFrame) -> str:
    """The grouping caveat from the groups' documents (``doc_id`` joined with ``;``)."""
    from analysis.stats.shares import grouping_caveat

    rows = shares.drop_duplicates("group")[["group", "doc_id"]]
    docs = pd.DataFrame([(d, g) for g, ids in rows.itertuples(index=False)
                         for d in str(ids).split(";")], columns=["doc_id", "group"])
    return grouping_caveat(docs, by="group")


def _top_keys(table: pd.DataFrame, n: int | None) -> list[str]:
    mean = table.groupby("key", sort=False)["value"].mean()
    keys = mean.sort_values(ascending=False, kind="stable").index.tolist()
    return keys if n is None else keys[:n]


def plot_group_shares(shares: pd.DataFrame, *, english: bool = False, n: int | None = 12,
                      title: tuple[str, str] = ("各组主题占比", "Theme shares by group"),
                      caveat: str = "") -> Figure:
    """Each group's share of every category, as dots with bootstrap intervals.

    Parameters
    ----------
    shares : DataFrame
        :func:`analysis.stats.shares.group_shares`.
    n : int, optional, keyword-only
        The categories with the largest mean share (None: all).
    title : (str, str), keyword-only
        Chinese and English titles.
    caveat : str, keyword-only
        A caveat printed under the figure.

    Examples
    --------
    >>> s = pd.DataFrame({"group": ["a", "b"], "key": ["x", "x"], "label_zh": ["甲", "甲"],
    ...                   "label_en": ["X", "X"], "value": [0.1, 0.3], "ci_low": [0.05, 0.2],
    ...                   "ci_high": [0.2, 0.4], "n_docs": [1, 3],
    ...                   "resampled": ["clauses", "documents"], "by": "era"})
    >>> fig = plot_group_shares(s, english=True)
    >>> bool(fig.get_size_inches()[0] <= PAGE_WIDTH), len(plotted_data(fig))
    (True, 2)
    """
    head = label(*title, english=english)
    if shares.empty or shares["group"].nunique() < 1:
        return nothing_to_show(head, label("没有可比较的组", "no groups to compare",
                                           english=english), english=english)
    groups = sorted(shares["group"].unique(), key=str)[:_MAX_GROUPS]
    keys = _top_keys(shares.loc[shares["group"].isin(groups)], n)
    d = shares.loc[shares["group"].isin(groups) & shares["key"].isin(keys)].copy()
    k = len(groups)
    by = str(shares["by"].iloc[0]) if "by" in shares.columns else ""
    fig, ax = new_figure(width=PAGE_WIDTH, height=1.9 + len(keys) * (0.22 + 0.07 * k))
    step = 0.8 / max(k, 1)
    pos = {key: i for i, key in enumerate(reversed(keys))}
    for j, (g, color) in enumerate(zip(groups, _colors(k), strict=True)):
        part = d.loc[d["group"] == g]
        y = part["key"].map(pos).to_numpy(float) + (k - 1) / 2 * step - j * step
        x = part["value"].to_numpy(float)
        err = np.vstack([x - part["ci_low"].to_numpy(float),
                         part["ci_high"].to_numpy(float) - x])
        nd = int(part["n_docs"].iloc[0]) if len(part) else 0
        ax.errorbar(x, y, xerr=err, fmt="o", color=color, ecolor=color, markersize=4,
                    elinewidth=1.3, capsize=2,
                    label=(f"{group_label(g, by, english=True)} (n={nd})" if english
                           else f"{group_label(g, by)}({nd} 份)"))
    names = d.drop_duplicates("key").set_index("key")
    ax.set_yticks([pos[key] for key in keys],
                  [_name(names.loc[key], english) for key in keys])
    from matplotlib.ticker import PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(label("条款占比(各文件平均)", "share of clauses (mean of documents)",
                        english=english))
    ax.set_title(f"{head} ({by})" if by else head)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    how = d.drop_duplicates("group")[["group", "resampled"]]
    notes = [label("95% 自助法区间:", "95% bootstrap intervals: ", english=english) + "; ".join(
        f"{g}: {r}" for g, r in how.itertuples(index=False))]
    if not caveat and "doc_id" in d.columns:
        caveat = _caveat(d)
    _footnote(fig, [*notes, caveat])
    cols = [c for c in ("by", "group", "key", "label_zh", "label_en", "value", "ci_low",
                        "ci_high", "n_docs", "resampled", "doc_id") if c in d.columns]
    return attach_data(fig, d[cols])


def _time_positions(values: pd.Series) -> tuple[list[str], dict[str, int]]:
    times = sorted(values.astype(str).unique())
    return times, {t: i for i, t in enumerate(times)}


def plot_share_trend(trend: pd.DataFrame, counts: pd.DataFrame | None = None, *,
                     english: bool = False, n: int = 6, ncols: int = 3,
                     title: tuple[str, str] = ("主题随时间的变化", "Themes over time"),
                     ylabel: tuple[str, str] = ("条款占比", "share of clauses"),
                     percent: bool = True) -> Figure:
    """Shares per year (or period) as lines with intervals, one panel per category (the
    ``n`` with the largest mean), one line per series, documents per year on top.

    Parameters
    ----------
    trend : DataFrame
        :func:`analysis.stats.trends.share_trend` or :func:`~analysis.stats.trends.keyword_trend`.
    counts : DataFrame, optional
        :func:`analysis.stats.trends.year_counts` for the top panel.

    Examples
    --------
    >>> t = pd.DataFrame({"series": "all", "time": ["2012", "2020"], "key": "x",
    ...                   "label_zh": "甲", "label_en": "X", "value": [0.1, 0.3],
    ...                   "ci_low": [0.0, 0.2], "ci_high": [0.2, 0.4], "n_docs": [1, 2]})
    >>> fig = plot_share_trend(t, english=True)
    >>> bool(fig.get_size_inches()[0] <= PAGE_WIDTH), len(plotted_data(fig))
    (True, 2)
    """
    head = label(*title, english=english)
    if trend.empty or trend["time"].nunique() < 2:
        return nothing_to_show(head, label("年份不足两个,无法画趋势", "fewer than two years: "
                                           "no trend to draw", english=english), english=english)
    keys = _top_keys(trend, n)
    d = trend.loc[trend["key"].isin(keys)].copy()
    times, xpos = _time_positions(d["time"])
    series = sorted(d["series"].unique(), key=str)[:_MAX_GROUPS]
    d = d.loc[d["series"].isin(series)]
    rows = (len(keys) + ncols - 1) // ncols
    fig = new_figure(width=PAGE_WIDTH, height=1.6 + 2.1 * rows)[0]
    fig.clf()
    grid = fig.add_gridspec(rows + 1, ncols, height_ratios=[0.55] + [1.0] * rows)
    top = fig.add_subplot(grid[0, :])
    cnt = counts if counts is not None else (
        d.drop_duplicates(["series", "time"])[["series", "time", "n_docs"]])
    width = 0.8 / len(series)
    for j, (s, color) in enumerate(zip(series, _colors(len(series)), strict=True)):
        c = cnt.loc[cnt["series"].astype(str) == s]
        x = c["time"].astype(str).map(xpos).to_numpy(float) - 0.4 + (j + 0.5) * width
        top.bar(x, c["n_docs"].to_numpy(float), width=width, color=color, label=s)
    top.set_ylabel(label("文件数", "documents", english=english), fontsize=8)
    top.set_xticks(range(len(times)), times, fontsize=7, rotation=45 if len(times) > 8 else 0,
                   ha="right" if len(times) > 8 else "center")
    top.set_title(head)
    if len(series) > 1:
        top.legend(fontsize=7, ncol=min(len(series), 4), frameon=False,
                   loc="upper left")
    from matplotlib.ticker import PercentFormatter

    for i, key in enumerate(keys):
        ax = fig.add_subplot(grid[1 + i // ncols, i % ncols])
        part = d.loc[d["key"] == key]
        for s, color in zip(series, _colors(len(series)), strict=True):
            p = part.loc[part["series"] == s].sort_values("time")
            x = p["time"].astype(str).map(xpos).to_numpy(float)
            ax.plot(x, p["value"], marker="o", markersize=3, color=color, linewidth=1.2)
            ax.fill_between(x, p["ci_low"], p["ci_high"], color=color, alpha=0.18,
                            linewidth=0)
        ax.set_title(textwrap.shorten(_name(part.iloc[0], english), 28, placeholder="…"),
                     fontsize=9)
        step = max(1, len(times) // 4)
        ax.set_xticks(range(0, len(times), step), [times[t][:9] for t in
                                                   range(0, len(times), step)], fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        if percent:
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        if i % ncols == 0:
            ax.set_ylabel(label(*ylabel, english=english), fontsize=8)
    _footnote(fig, [label("阴影:95% 自助法区间(多份文件的年份按文件重抽样,单份文件按条款重抽样)",
                          "shaded: 95% bootstrap intervals (documents resampled where a year "
                          "has several, clauses where it has one)", english=english)])
    cols = [c for c in ("series", "time", "key", "label_zh", "label_en", "value", "ci_low",
                        "ci_high", "n_docs", "resampled") if c in d.columns]
    return attach_data(fig, d[cols])


def plot_keyness_groups(table: pd.DataFrame, *, english: bool = False, n: int = 10,
                        ncols: int = 3) -> Figure:
    """Each group's ``n`` most over-used terms against the rest (G²), one panel per group.

    Parameters
    ----------
    table : DataFrame
        :func:`analysis.stats.keyness_by` (one comparison per target group).

    Examples
    --------
    >>> k = pd.DataFrame({"target": ["a", "b"], "by": "era", "term": ["人才", "平台"],
    ...                   "keyness": [12.0, 8.0], "direction": ["over", "over"]})
    >>> fig = plot_keyness_groups(k)
    >>> len(fig.axes), len(plotted_data(fig))
    (2, 2)
    """
    head = label("各组关键词(对其余文件)", "Key terms of each group against the rest",
                 english=english)
    over = table.loc[table["direction"] == "over"] if not table.empty else table
    if over.empty:
        return nothing_to_show(head, label("没有两个以上的组", "fewer than two groups",
                                           english=english), english=english)
    groups = sorted(over["target"].unique(), key=str)[:12]
    by = str(table["by"].iloc[0]) if "by" in table.columns else ""
    ncols = min(ncols, len(groups))
    rows = (len(groups) + ncols - 1) // ncols
    fig, axes = new_figure(width=PAGE_WIDTH, height=0.9 + rows * (0.25 * n + 0.6),
                           nrows=rows, ncols=ncols, squeeze=False)
    kept = []
    for i, g in enumerate(groups):
        ax = axes[i // ncols][i % ncols]
        part = (over.loc[over["target"] == g].sort_values("keyness", ascending=False,
                                                          kind="stable").head(n))
        kept.append(part)
        ax.barh(np.arange(len(part))[::-1], part["keyness"], color=PALETTE[i % len(PALETTE)])
        terms = [gloss(t, english=english) if english else str(t) for t in part["term"]]
        ax.set_yticks(np.arange(len(part))[::-1], [textwrap.shorten(t, 16, placeholder="…")
                                                   for t in terms], fontsize=8)
        ax.set_title(textwrap.shorten(group_label(g, by, english=english), 30,
                                      placeholder="…"), fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    for j in range(len(groups), rows * ncols):
        axes[j // ncols][j % ncols].set_axis_off()
    fig.suptitle(f"{head} ({by}, G²)" if by else head, fontsize=11)
    data = pd.concat(kept, ignore_index=True)
    cols = [c for c in ("by", "target", "reference", "term", "count_target",
                        "count_reference", "per_10k_target", "per_10k_reference", "g2",
                        "log_ratio", "p_value", "keyness") if c in data.columns]
    return attach_data(fig, data[cols])


def plot_target_trend(trend: pd.DataFrame, *, english: bool = False, ncols: int = 2) -> Figure:
    """Target indicators over time: one panel per indicator, one colour per series, targets
    as solid lines with dots and achievements as dashed lines with squares.

    Examples
    --------
    >>> t = pd.DataFrame({"series": "all", "year": [2016, 2021], "canonical_id": "rd",
    ...                   "canonical": "研发强度", "canonical_en": "R&D intensity",
    ...                   "kind": ["target", "achievement"], "unit": "%", "value": [2.5, 2.1],
    ...                   "n_docs": [1, 1]})
    >>> len(plotted_data(plot_target_trend(t)))
    2
    """
    head = label("目标指标随时间的变化", "Target indicators over time", english=english)
    if trend.empty:
        return nothing_to_show(head, label("没有规范化的目标指标", "no canonical target "
                                           "indicator was found", english=english),
                               english=english)
    inds = list(dict.fromkeys(trend["canonical_id"]))
    ncols = min(ncols, len(inds))
    rows = (len(inds) + ncols - 1) // ncols
    fig, axes = new_figure(width=PAGE_WIDTH, height=1.2 + 2.4 * rows, nrows=rows,
                           ncols=ncols, squeeze=False)
    series = sorted(trend["series"].unique(), key=str)[:_MAX_GROUPS]
    styles = {"target": ("-", "o"), "achievement": ("--", "s")}
    years = (int(trend["year"].min()), int(trend["year"].max()))
    for i, cid in enumerate(inds):
        ax = axes[i // ncols][i % ncols]
        part = trend.loc[trend["canonical_id"] == cid]
        for s, color in zip(series, _colors(len(series)), strict=True):
            for kind, (ls, mk) in styles.items():
                p = part.loc[(part["series"] == s) & (part["kind"] == kind)]
                if p.empty:
                    continue
                ax.plot(p["year"], p["value"], linestyle=ls, marker=mk, color=color,
                        markersize=4, linewidth=1.2)
        first = part.iloc[0]
        name = str(first["canonical_en"] if english else first["canonical"])
        ax.set_title(textwrap.shorten(f"{name} ({first['unit']})", 40, placeholder="…"),
                     fontsize=9)
        ax.tick_params(labelsize=7)
        ax.set_xlim(years[0] - 0.5, years[1] + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
    for j in range(len(inds), rows * ncols):
        axes[j // ncols][j % ncols].set_axis_off()
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color="#444444", linestyle=ls, marker=mk,
                      label=label(*names, english=english))
               for (ls, mk), names in ((styles["target"], ("目标", "target")),
                                       (styles["achievement"], ("已达成", "achievement")))]
    handles += [Line2D([], [], color=c, linewidth=3, label=s)
                for s, c in zip(series, _colors(len(series)), strict=True)
                if series != ["all"]]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 4),
               fontsize=8, frameon=False)
    fig.suptitle(head, fontsize=11)
    return attach_data(fig, trend.loc[trend["series"].isin(series)])
