"""Figures for themes, policy instruments and tone.

Each function takes a tidy table as the build writes it (``theme_counts``,
``theme_era_diff``, ``theme_chi2``, ``instrument_counts``, ``instrument_types``, ``tone``)
or a view of it (:func:`analysis.themes.theme_term_table`) and returns a
:class:`matplotlib.figure.Figure`; nothing here computes a statistic. ``english=True``
labels everything in English (the tables carry ``*_en`` columns; cities use ``city_en``).
An empty table (a corpus with one era, one document ...) gives a figure that says there is
nothing to show and why. The figure catalog (:data:`analysis.report.FIGURES`) writes them
all: ``policy-lens figures --only 03_themes 04_2012_vs_2020s``.

Examples
--------
>>> import analysis as pl
>>> from analysis.plots import save_figure
>>> from analysis.plots.themes import plot_theme_heatmap
>>> result = pl.build(write=False)                                      # doctest: +SKIP
>>> fig = plot_theme_heatmap(result.tables["theme_counts"], english=True)  # doctest: +SKIP
>>> save_figure(fig, "reports/figures/theme_heatmap")                   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.plots.labels import across, document_labels, label, term_label
from analysis.plots.style import PALETTE, new_figure, nothing_to_show

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "plot_chi_square_residuals",
    "plot_era_difference",
    "plot_instrument_heatmap",
    "plot_instrument_types",
    "plot_theme_comparison",
    "plot_theme_heatmap",
    "plot_theme_terms",
    "plot_tone",
]

_TYPE_ORDER = ("supply", "environment", "demand")
_GROUP_ZH = {"era": "时期", "city": "城市", "province": "省份", "doc_type": "文件类型"}
_TONE_COLORS = {"mandatory": PALETTE[3], "encouraging": PALETTE[0], "permissive": PALETTE[2]}


def _need(table: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise ValueError(f"{what}: the table lacks column(s) {', '.join(missing)}; pass the "
                         "table as the build writes it.")


def _doc_labels(table: pd.DataFrame, *, english: bool, order: str, sep: str = "\n",
                documents: pd.DataFrame | None = None) -> tuple[list[str], list[str]]:
    """Document ids in display order and their labels: city and year on two lines, from
    the table's own ``city``/``year`` columns, or from ``documents`` (the build's
    ``documents``: a document without a city is then named by province or issuer)."""
    docs = table.drop_duplicates("doc_id")
    if order == "year" and "year" in docs.columns:
        docs = docs.sort_values(["year", "doc_id"], kind="stable")
    ids = docs["doc_id"].tolist()
    if documents is not None and "doc_id" in documents.columns:
        docs = documents.loc[documents["doc_id"].isin(ids)]
    names = document_labels(docs, english=english, sep=sep)
    return ids, [names.get(str(d), str(d)) for d in ids]


def _group_labels(table: pd.DataFrame, *, by: str, english: bool, order: str,
                  documents: pd.DataFrame | None = None) -> tuple[str, list[str], list[str]]:
    """The column holding the groups, the groups in display order and their labels.

    ``by="doc_id"``: documents labelled by city and year. Any other column (``era``, as in
    ``instrument_era``): its values, sorted, each with its number of documents (``doc_id``
    of a grouped table joins the group's documents with ``;``).
    """
    if by == "doc_id":
        docs, labels_ = _doc_labels(table, english=english, order=order, documents=documents)
        return "doc_id", docs, labels_
    if by not in table.columns:
        raise ValueError(f"by={by!r}: the table has no {by!r} column; pass a table grouped "
                         f"by {by} (e.g. the build's instrument_era).")
    groups = sorted(dict.fromkeys(table[by].astype(str)))
    members = table.drop_duplicates(by).set_index(table.drop_duplicates(by)[by].astype(str))
    labels_ = []
    for g in groups:
        n = len(str(members.loc[g, "doc_id"]).split(";")) if "doc_id" in table.columns else 0
        what = label(f"{n} 份文件", f"{n} document{'s' if n != 1 else ''}", english=english)
        labels_.append(f"{g}\n({what})" if n else g)
    return by, groups, labels_


def _heatmap(ax, values, *, row_labels, col_labels, fmt, cmap, vmax=None):
    im = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0,
                   vmax=vmax if vmax is not None else max(float(np.nanmax(values)), 1e-9))
    longest = max((len(part) for lab in col_labels for part in str(lab).split("\n")), default=0)
    tilt = {"rotation": 30, "ha": "right"} if longest > 8 else {}  # long names would touch
    ax.set_xticks(range(len(col_labels)), col_labels, **tilt)
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.tick_params(axis="both", length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    hi = im.norm.vmax
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            ax.text(j, i, fmt(v), ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 * hi else "#222222")
    return im


def plot_theme_heatmap(
    counts: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    metric: str = "clause_share",
    english: bool = False,
    order: str = "year",
    themes: Sequence[str] | None = None,
) -> Figure:
    """Theme × city heatmap from ``theme_counts``.

    ``metric`` is ``clause_share`` (share of the document's clauses mentioning the theme,
    shown in %), ``per_10k`` (hits per 10,000 words) or ``hits``. Columns are documents
    labelled by city and year (``order="year"``, or ``"table"`` for table order); rows are
    themes in dictionary order (or ``themes``).
    """

    _need(counts, ["doc_id", "theme", "theme_zh", "theme_en", metric], "plot_theme_heatmap")
    if metric not in ("clause_share", "per_10k", "hits"):
        raise ValueError(f"metric={metric!r}: use clause_share, per_10k or hits.")
    docs, col_labels = _doc_labels(counts, english=english, order=order, documents=documents)
    keys = list(themes) if themes is not None else list(dict.fromkeys(counts["theme"]))
    names = counts.drop_duplicates("theme").set_index("theme")[
        "theme_en" if english else "theme_zh"]
    wide = counts.pivot(index="theme", columns="doc_id", values=metric).reindex(
        index=keys, columns=docs)
    values = wide.to_numpy(dtype=float)
    fig, ax = new_figure(width=2.2 + 1.15 * len(docs), height=1.4 + 0.36 * len(keys))
    if metric == "clause_share":
        def fmt(v):
            return f"{v:.0%}"
        cbar = label("提及该主题的条款占比", "share of clauses", english=english)
        what = label("条款占比", "share of clauses mentioning the theme", english=english)
    elif metric == "per_10k":
        def fmt(v):
            return f"{v:.0f}"
        cbar = label("每万词命中次数", "hits per 10,000 words", english=english)
        what = label("每万词命中次数", "hits per 10,000 words", english=english)
    else:
        def fmt(v):
            return f"{v:.0f}"
        cbar = label("命中次数", "hits", english=english)
        what = label("命中次数", "hits", english=english)
    im = _heatmap(ax, values, row_labels=[names[k] for k in keys], col_labels=col_labels,
                  fmt=fmt, cmap="YlGnBu")
    fig.colorbar(im, ax=ax, shrink=0.8, label=cbar)
    zh, en = across(counts)
    ax.set_title(label(f"{zh}政策主题分布({what})", f"Themes by {en[:-1]} ({what})",
                       english=english))
    ax.set_xlabel(label("文件(城市、年份)", "document (city, year)", english=english))
    ax.set_ylabel(label("主题", "theme", english=english))
    return fig


def plot_era_difference(diff: pd.DataFrame, *, english: bool = False,
                        sort: bool = True) -> Figure:
    """Era differences with bootstrap confidence intervals from ``theme_era_diff``.

    One row per theme: the difference (``group_b − group_a``) as a dot with its interval as
    an error bar; intervals that exclude zero are drawn in colour, the others in grey. A
    footnote states the interval, the replicates, the seed and that the earlier era may be
    a single document.
    """
    _need(diff, ["theme_zh", "theme_en", "diff", "ci_low", "ci_high", "group_a", "group_b",
                 "metric"], "plot_era_difference")
    if diff.empty:
        return nothing_to_show(
            label("主题强调的时代差异", "Theme emphasis by era", english=english),
            label("没有可比较的两个时代(语料只有一个时代,或所选文件不含两个时代)",
                  "there are not two eras to compare (the corpus has one era, or the chosen "
                  "documents do not span two)", english=english), english=english)
    d = diff.sort_values("diff", kind="stable") if sort else diff.iloc[::-1]
    names = d["theme_en" if english else "theme_zh"].tolist()
    y = np.arange(len(d))
    sig = ((d["ci_low"] > 0) | (d["ci_high"] < 0)).to_numpy()
    fig, ax = new_figure(width=8.0, height=1.6 + 0.34 * len(d))
    x = d["diff"].to_numpy(float)
    err = np.vstack([x - d["ci_low"].to_numpy(float), d["ci_high"].to_numpy(float) - x])
    for flag, color in ((False, "#9a9a9a"), (True, PALETTE[0])):
        m = sig == flag
        ax.errorbar(x[m], y[m], xerr=err[:, m], fmt="o", color=color, ecolor=color,
                    elinewidth=1.6, capsize=3, markersize=5)
    ax.axvline(0, color="#444444", linewidth=0.8)
    ax.set_yticks(y, names)
    a, b = str(d["group_a"].iloc[0]), str(d["group_b"].iloc[0])
    metric = str(d["metric"].iloc[0])
    unit = (label("条款占比差", "difference in share of clauses", english=english)
            if metric == "clause_share"
            else label("每万词命中次数差", "difference in hits per 10,000 words", english=english))
    if metric == "clause_share":
        from matplotlib.ticker import PercentFormatter

        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(f"{unit} ({b} − {a})")
    ax.set_title(label(f"主题强调的时代差异:{b} − {a}", f"Theme emphasis, {b} − {a}",
                       english=english))
    parts = []
    if "ci" in d.columns and "n_boot" in d.columns and "seed" in d.columns:
        ci, n, seed = float(d["ci"].iloc[0]), int(d["n_boot"].iloc[0]), int(d["seed"].iloc[0])
        parts.append(label(f"{ci:.0%} 自助法置信区间(按条款重抽样 {n} 次,种子 {seed})",
                           f"{ci:.0%} bootstrap intervals (clauses resampled, {n} replicates, "
                           f"seed {seed})", english=english))
    parts.append(label("蓝色:区间不含 0", "blue: the interval excludes 0", english=english))
    if "n_docs_a" in d.columns:
        na, nb = int(d["n_docs_a"].iloc[0]), int(d["n_docs_b"].iloc[0])
        parts.append(label(f"{a} {na} 份文件, {b} {nb} 份文件:文件太少,差异不能推及全部城市",
                           f"{a}: {na} document(s), {b}: {nb}; too few documents to "
                           "generalise", english=english))
    if parts:
        ax.annotate("\n".join(parts), xy=(0, 0), xycoords="axes fraction", xytext=(0, -38),
                    textcoords="offset points", ha="left", va="top", fontsize=8,
                    color="#555555", annotation_clip=False)
    return fig


def plot_instrument_heatmap(
    counts: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    value: str = "clause_share",
    english: bool = False,
    order: str = "year",
    by: str = "doc_id",
) -> Figure:
    """Instrument × document heatmap from ``instrument_counts``, instruments grouped by type.

    ``value`` is ``clause_share`` (share of the document's clauses using the instrument),
    ``code_share`` (share of the document's instrument codes) or ``clauses``. With
    ``by="era"`` (and the build's ``instrument_era``) the columns are eras.
    """

    _need(counts, ["doc_id", "type", "type_zh", "instrument", "instrument_en", value],
          "plot_instrument_heatmap")
    if value not in ("clause_share", "code_share", "clauses"):
        raise ValueError(f"value={value!r}: use clause_share, code_share or clauses.")
    if counts.empty:
        return nothing_to_show(label("政策工具", "Policy instruments", english=english),
                               label("没有可编码的条款", "no clause to code", english=english),
                               english=english)
    col, docs, col_labels = _group_labels(counts, by=by, english=english, order=order,
                                          documents=documents)
    inst = counts.drop_duplicates("instrument")
    inst = inst.assign(_t=inst["type"].map({t: i for i, t in enumerate(_TYPE_ORDER)})
                       .fillna(len(_TYPE_ORDER))).sort_values("_t", kind="stable")
    rows = inst["instrument"].tolist()
    names = inst["instrument_en" if english else "instrument"].tolist()
    wide = counts.assign(_g=counts[col].astype(str)).pivot(
        index="instrument", columns="_g", values=value).reindex(index=rows, columns=docs)
    values = wide.to_numpy(dtype=float)
    fig, ax = new_figure(width=3.2 + 1.15 * max(len(docs), 3), height=1.6 + 0.34 * len(rows))
    if value == "clauses":
        def fmt(v):
            return f"{v:.0f}"
    else:
        def fmt(v):
            return f"{v:.0%}"
    im = _heatmap(ax, values, row_labels=names, col_labels=col_labels, fmt=fmt, cmap="Purples")
    unit = label("文件", "document", english=english) if col == "doc_id" else \
        label("时期", "period", english=english)
    what = {"clause_share": label("使用该工具的条款占比", "share of clauses using the instrument",
                                  english=english),
            "code_share": label(f"占本{unit}全部工具编码的比例", f"share of the {unit}'s codes",
                                english=english),
            "clauses": label("使用该工具的条款数", "clauses using the instrument",
                             english=english)}[value]
    fig.colorbar(im, ax=ax, shrink=0.8, label=what)
    types = inst["type"].tolist()
    tnames = inst.drop_duplicates("type").set_index("type")["type_zh"].to_dict()
    tlabel = {"supply": "supply-side", "environment": "environment-side", "demand": "demand-side"}
    centres, tlabels = [], []
    for t in dict.fromkeys(types):
        idx = [i for i, x in enumerate(types) if x == t]
        if idx[0] > 0:
            ax.axhline(idx[0] - 0.5, color="white", linewidth=3)
        centres.append((idx[0] + idx[-1]) / 2)
        tlabels.append(tlabel.get(t, t) if english else tnames.get(t, t))
    side = ax.secondary_yaxis("right")  # the type names, placed by the layout engine
    side.set_yticks(centres, tlabels, fontsize=9, color="#444444")
    side.tick_params(length=0)
    side.spines["right"].set_visible(False)
    if col == "doc_id":
        ax.set_title(label(f"政策工具 × 文件({what})", f"Policy instruments by document ({what})",
                           english=english))
        ax.set_xlabel(label("文件(城市、年份)", "document (city, year)", english=english))
    else:
        zh = _GROUP_ZH.get(by, by)
        ax.set_title(label(f"政策工具 × {zh}({what})", f"Policy instruments by {by} ({what})",
                           english=english))
        ax.set_xlabel(label(f"{zh}(文件数)", f"{by} (documents)", english=english))
    return fig


def plot_instrument_types(types: pd.DataFrame, *, english: bool = False,
                          order: str = "year", by: str = "doc_id") -> Figure:
    """Composition of each document's instrument codes by type (``instrument_types``):
    a stacked horizontal bar per document, supply / environment / demand shares.

    ``by="era"`` draws one bar per era from the build's ``instrument_types_era``."""
    _need(types, ["doc_id", "type", "type_zh", "code_share", "codes"], "plot_instrument_types")
    title = label("政策工具类型构成", "Instrument types by document", english=english) \
        if by == "doc_id" else label(f"政策工具类型构成(按{_GROUP_ZH.get(by, by)})",
                                     f"Instrument types by {by}", english=english)
    if types.empty:
        return nothing_to_show(title, label("没有可编码的条款", "no clause to code",
                                            english=english), english=english)
    col, docs, labels_ = _group_labels(types, by=by, english=english, order=order)
    labels_ = [s.replace("\n", " ") for s in labels_]
    fig, ax = new_figure(width=8.0, height=1.4 + 0.5 * len(docs))
    left = np.zeros(len(docs))
    tzh = types.drop_duplicates("type").set_index("type")["type_zh"].to_dict()
    ten = {"supply": "supply-side", "environment": "environment-side", "demand": "demand-side"}
    present = [t for t in _TYPE_ORDER if t in set(types["type"])] + sorted(
        set(types["type"]) - set(_TYPE_ORDER))
    for k, t in enumerate(present):
        part = types.loc[types["type"] == t]
        share = (part.set_index(part[col].astype(str))["code_share"]
                 .reindex(docs, fill_value=0).to_numpy(float))
        ax.barh(range(len(docs)), share, left=left, color=PALETTE[k % len(PALETTE)],
                label=ten.get(t, t) if english else tzh.get(t, t), height=0.6)
        for i, (x0, w) in enumerate(zip(left, share, strict=True)):
            if w >= 0.06:
                ax.text(x0 + w / 2, i, f"{w:.0%}", ha="center", va="center", fontsize=8,
                        color="white")
        left += share
    ax.set_yticks(range(len(docs)), labels_)
    ax.invert_yaxis()
    from matplotlib.ticker import PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlim(0, 1)
    unit = label("文件", "document", english=english) if col == "doc_id" else \
        label("时期", "period", english=english)
    ax.set_xlabel(label(f"占本{unit}全部工具编码的比例", f"share of the {unit}'s instrument codes",
                        english=english))
    ax.set_title(title, pad=30)
    ax.legend(ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return fig


def plot_tone(tone: pd.DataFrame, documents: pd.DataFrame | None = None, *,
              english: bool = False, order: str = "year") -> Figure:
    """Policy tone by document (``tone``): grouped bars of the share of clauses using
    mandatory, encouraging and permissive wording."""
    _need(tone, ["doc_id", "tone", "tone_zh", "tone_en", "share"], "plot_tone")
    if tone.empty:
        return nothing_to_show(label("政策语气", "Policy tone", english=english),
                               label("没有文件", "no document", english=english),
                               english=english)
    docs, labels_ = _doc_labels(tone, english=english, order=order, documents=documents)
    tones = list(dict.fromkeys(tone["tone"]))
    names = tone.drop_duplicates("tone").set_index("tone")["tone_en" if english else "tone_zh"]
    width = 0.8 / max(len(tones), 1)
    fig, ax = new_figure(width=2.0 + 1.4 * len(docs), height=4.6)
    x = np.arange(len(docs))
    for k, t in enumerate(tones):
        share = (tone.loc[tone["tone"] == t].set_index("doc_id")["share"]
                 .reindex(docs, fill_value=0).to_numpy(float))
        pos = x - 0.4 + width * (k + 0.5)
        ax.bar(pos, share, width=width * 0.95, label=names[t],
               color=_TONE_COLORS.get(t, PALETTE[k % len(PALETTE)]))
        for p, v in zip(pos, share, strict=True):
            ax.text(p, v + 0.01, f"{v:.0%}", ha="center", va="bottom", fontsize=7)
    ax.set_xticks(x, labels_)
    from matplotlib.ticker import PercentFormatter

    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    top = float(tone["share"].max()) if len(tone) else 1.0
    ax.set_ylim(0, min(1.0, top * 1.18 + 0.02))
    ax.set_ylabel(label("使用该类措辞的条款占比", "share of clauses using the wording",
                        english=english))
    ax.set_title(label("政策语气:强制性、鼓励性与许可性措辞",
                       "Policy tone: mandatory, encouraging and permissive wording",
                       english=english))
    ax.legend(frameon=False, ncols=len(tones), loc="upper left")
    return fig


def plot_theme_comparison(
    counts: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    themes: Sequence[str] = ("talent", "finance", "platforms"),
    english: bool = False,
    order: str = "year",
) -> Figure:
    """A few themes compared across documents, on both measures of ``theme_counts``.

    Two panels: the share of each document's clauses that mention the theme, and the
    theme's hits per 10,000 words. Each theme is a group of bars, one per document
    (ordered by year), each labelled with its value.

    Examples
    --------
    >>> import analysis as pl
    >>> counts = pl.build(write=False).tables["theme_counts"]             # doctest: +SKIP
    >>> fig = plot_theme_comparison(counts, themes=["talent", "finance"])  # doctest: +SKIP
    """
    _need(counts, ["doc_id", "theme", "theme_zh", "theme_en", "clause_share", "per_10k"],
          "plot_theme_comparison")
    keys = [k for k in themes if k in set(counts["theme"])]
    title = label("主题的城市比较", "Themes compared across cities", english=english)
    if not keys:
        return nothing_to_show(title, label(f"主题词典中没有 {', '.join(themes)}",
                                            f"the theme dictionary has none of "
                                            f"{', '.join(themes)}", english=english),
                               english=english)
    docs, labels_ = _doc_labels(counts, english=english, order=order, sep=" ",
                                documents=documents)
    names = counts.drop_duplicates("theme").set_index("theme")[
        "theme_en" if english else "theme_zh"]
    fig, axes = new_figure(width=max(9.0, 2.2 + 1.1 * len(keys) * max(len(docs), 3) * 0.55),
                           height=4.8, ncols=2)
    width = 0.8 / max(len(docs), 1)
    x = np.arange(len(keys))
    for ax, metric in zip(axes, ("clause_share", "per_10k"), strict=True):
        wide = counts.pivot(index="theme", columns="doc_id", values=metric).reindex(
            index=keys, columns=docs)
        top = float(np.nanmax(wide.to_numpy(float))) if wide.size else 1.0
        for j, doc in enumerate(docs):
            vals = wide[doc].to_numpy(float)
            pos = x - 0.4 + width * (j + 0.5)
            ax.bar(pos, vals, width=width * 0.92, color=PALETTE[j % len(PALETTE)],
                   label=labels_[j])
            for px, v in zip(pos, vals, strict=True):
                text = f"{v:.0%}" if metric == "clause_share" else f"{v:.0f}"
                ax.text(px, v + top * 0.01, text, ha="center", va="bottom", fontsize=6.5,
                        rotation=90 if len(docs) > 4 else 0)
        ax.set_xticks(x, [names[k] for k in keys])
        ax.set_ylim(0, top * 1.2 if top > 0 else 1)
        ax.tick_params(axis="x", length=0)
        if metric == "clause_share":
            from matplotlib.ticker import PercentFormatter

            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
            ax.set_ylabel(label("提及该主题的条款占比", "share of clauses mentioning the theme",
                                english=english))
            ax.set_title(label("条款占比", "Share of clauses", english=english), fontsize=11)
        else:
            ax.set_ylabel(label("每万词命中次数", "hits per 10,000 words", english=english))
            ax.set_title(label("每万词命中次数", "Hits per 10,000 words", english=english),
                         fontsize=11)
    handles, texts = axes[0].get_legend_handles_labels()
    fig.legend(handles, texts, loc="outside lower center", ncols=min(len(docs), 6),
               frameon=False)
    zh, en = across(counts)
    fig.suptitle(label("、".join(names[k] for k in keys) + f":{zh}比较",
                       ", ".join(names[k] for k in keys) + f" across {en}", english=english),
                 fontsize=13)
    return fig


def plot_theme_terms(table: pd.DataFrame, documents: pd.DataFrame | None = None, *,
                     english: bool = False, order: str = "year") -> Figure:
    """The terms behind theme counts (:func:`analysis.themes.theme_term_table`): a heatmap
    of terms (grouped by theme) × documents. The number in a cell is the term's hits in the
    document; the colour is its share of the document's hits of that theme, so a theme
    count carried by one word stands out whatever the document's length."""
    _need(table, ["doc_id", "theme", "theme_zh", "theme_en", "term", "hits", "share"],
          "plot_theme_terms")
    title = label("主题背后的词语", "The terms behind the themes", english=english)
    if table.empty:
        return nothing_to_show(title, label("所选主题没有命中", "the chosen themes have no hits",
                                            english=english), english=english)
    docs, col_labels = _doc_labels(table, english=english, order=order, documents=documents)
    rows = table.drop_duplicates(["theme", "term"])[["theme", "term"]]
    keys = list(dict.fromkeys(rows["theme"]))
    names = table.drop_duplicates("theme").set_index("theme")[
        "theme_en" if english else "theme_zh"]
    idx = list(zip(rows["theme"], rows["term"], strict=True))
    t = table.set_index(["theme", "term", "doc_id"])
    share = np.array([[t["share"].get((k, w, d), np.nan) for d in docs] for k, w in idx],
                     dtype=float)
    hits = np.array([[t["hits"].get((k, w, d), 0) for d in docs] for k, w in idx], dtype=float)
    fig, ax = new_figure(width=3.6 + 1.15 * len(docs), height=1.6 + 0.3 * len(idx))
    im = ax.imshow(share, aspect="auto", cmap="Oranges", vmin=0, vmax=1)
    ax.set_xticks(range(len(docs)), col_labels)
    ax.set_yticks(range(len(idx)),
                  [term_label(w, english=english) for _, w in idx])
    ax.tick_params(axis="both", length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    for i in range(len(idx)):
        for j in range(len(docs)):
            ax.text(j, i, f"{hits[i, j]:.0f}", ha="center", va="center", fontsize=8,
                    color="white" if share[i, j] > 0.6 else "#222222")
    themes_of = [k for k, _ in idx]
    centres = []
    for k in keys:
        pos = [i for i, x in enumerate(themes_of) if x == k]
        if pos[0] > 0:
            ax.axhline(pos[0] - 0.5, color="white", linewidth=4)
        centres.append((pos[0] + pos[-1]) / 2)
    side = ax.secondary_yaxis("right")
    side.set_yticks(centres, [names[k] for k in keys], fontsize=10, color="#333333")
    side.tick_params(length=0)
    side.spines["right"].set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.7, pad=0.12,
                 label=label("占该文件本主题命中的比例",
                             "share of the document's hits of the theme", english=english))
    ax.set_title(label("主题背后的词语(数字:命中次数)",
                       "The terms behind the themes (numbers: hits)", english=english))
    ax.set_xlabel(label("文件(城市、年份)", "document (city, year)", english=english))
    return fig


def plot_chi_square_residuals(chi2: pd.DataFrame, documents: pd.DataFrame | None = None, *,
                              english: bool = False) -> Figure:
    """Which themes a document over- or under-uses, from the build's ``theme_chi2``.

    A heatmap of adjusted standardised residuals (theme × document; beyond ±2 a cell is
    notably over/under-represented, red above and blue below), with the test results and
    the clause-permutation p-value in a footnote. ``documents`` names the documents by city
    and year.
    """
    _need(chi2, ["doc_id", "theme", "theme_zh", "residual", "statistic", "dof", "pvalue"],
          "plot_chi_square_residuals")
    title = label("主题 × 文件卡方检验:调整标准化残差",
                  "Theme × document chi-square: adjusted standardised residuals",
                  english=english)
    if chi2.empty:
        return nothing_to_show(title, label("至少需要两份文件和两个有命中的主题",
                                            "the test needs two documents and two themes with "
                                            "hits", english=english), english=english)
    from matplotlib.patches import Rectangle

    docs = list(dict.fromkeys(chi2["doc_id"]))
    if documents is not None and "year" in documents.columns:
        meta = documents.loc[documents["doc_id"].isin(docs)]
        docs = meta.sort_values(["year", "doc_id"], kind="stable")["doc_id"].tolist() + [
            d for d in docs if d not in set(meta["doc_id"])]
    names_doc = (document_labels(documents, english=english, sep="\n")
                 if documents is not None else {})
    col_labels = [names_doc.get(d, d) for d in docs]
    keys = list(dict.fromkeys(chi2["theme"]))
    col = "theme_en" if english and "theme_en" in chi2.columns else "theme_zh"
    names = chi2.drop_duplicates("theme").set_index("theme")[col]
    wide = chi2.pivot(index="theme", columns="doc_id", values="residual").reindex(
        index=keys, columns=docs)
    values = wide.to_numpy(float)
    lim = max(4.0, float(np.nanmax(np.abs(values))))
    fig, ax = new_figure(width=max(8.5, 3.0 + 1.15 * len(docs)),
                         height=2.4 + 0.34 * len(keys))
    im = ax.imshow(values, aspect="auto", cmap="RdBu_r", vmin=-lim, vmax=lim)
    ax.set_xticks(range(len(docs)), col_labels)
    ax.set_yticks(range(len(keys)), [names[k] for k in keys])
    ax.tick_params(axis="both", length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            ax.text(j, i, f"{v:+.1f}", ha="center", va="center", fontsize=8,
                    color="white" if abs(v) > 0.6 * lim else "#222222")
            if abs(v) >= 2:
                ax.add_patch(Rectangle((j - 0.46, i - 0.44), 0.92, 0.88, fill=False,
                                       edgecolor="#222222", linewidth=1.0))
    fig.colorbar(im, ax=ax, shrink=0.8, label=label("调整标准化残差(方框:|r| ≥ 2)",
                                                    "adjusted residual (boxed: |r| ≥ 2)",
                                                    english=english))
    first = chi2.iloc[0]
    perm = first.get("permutation_pvalue")
    perm_text = ""
    if perm is not None and perm == perm:
        n = int(first.get("permutations", 0))
        perm_text = label(f"\n按条款置换检验 p = {perm:.3f}({n} 次)",
                          f"\nclause-permutation p = {perm:.3f} ({n} permutations)",
                          english=english)
    note = label(
        f"χ² = {first['statistic']:.0f}, 自由度 {int(first['dof'])}, p = {first['pvalue']:.2g}"
        f"{perm_text}\n文件太少,且同一条款中的命中并不独立:\n置换检验的 p 值更可信。",
        f"χ² = {first['statistic']:.0f}, dof {int(first['dof'])}, p = {first['pvalue']:.2g}"
        f"{perm_text}\nfew documents, and the hits of one clause are not independent:\n"
        "trust the permutation p-value more.", english=english)
    ax.annotate(note, xy=(0, 0), xycoords="axes fraction", xytext=(-40, -48),
                textcoords="offset points", ha="left", va="top", fontsize=8, color="#555555",
                annotation_clip=False)
    ax.set_title(title)
    return fig
