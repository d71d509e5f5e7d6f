"""Figures of quantitative targets: the indicators several documents share, side by side.

Takes the ``target_comparison`` table (:func:`analysis.targets.compare_targets`, written by
the build) and draws; it computes nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from analysis.plots.labels import across, document_labels, gloss, label
from analysis.plots.style import PALETTE, new_figure, nothing_to_show

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["SAME_QUANTITY", "plot_target_comparison"]

_NEEDED = ("canonical_id", "canonical", "doc_id", "city", "doc_year", "kind", "value", "unit",
           "comparator", "target_year", "baseline_value", "baseline_year", "is_aspiration")


#: Units that measure the same quantity (a number of enterprises, platforms ...): one panel
#: may hold them, each point then says its unit. Other units never share an axis.
SAME_QUANTITY: dict[str, str] = {"家": "count", "户": "count", "个": "count"}


def _unit_class(unit: str) -> str:
    return SAME_QUANTITY.get(unit, unit)


def _fmt(value: float, comparator: str, unit: str, *, with_unit: bool = False) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() else (
        f"{int(value)}")
    sym = {"≥": "≥", "≤": "≤", "≈": "≈", ">": ">"}.get(comparator, "")
    if unit == "位":
        return f"{sym}#{text}" if sym else f"#{text}"
    shown = unit if with_unit or unit in ("%", "‰") else ""
    return f"{sym}{text}{shown}"


def plot_target_comparison(
    comparison: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    english: bool = False,
    indicators: list[str] | None = None,
    ncols: int = 3,
    panel_width: float = 4.2,
    panel_height: float = 3.2,
    title: str | None = None,
) -> Figure:
    """Small multiples: one panel per canonical indicator, values by target year and city.

    Filled circles are targets (hollow: aspirations, 力争), squares are reported
    achievements; a thin line joins a target to its stated baseline. Targets without a year
    are drawn at the document's year with a diamond. Rankings (unit 位) have rank 1 on top.

    An indicator whose numbers come in units that measure different things (% and 亿元) gets
    one panel per unit. Units that count the same thing (家 and 户 both count enterprises,
    :data:`SAME_QUANTITY`) share a panel, and every point is then labelled with its unit
    (``30户``, ``≥160家``), so the axis never pretends to one unit. An empty table gives a
    figure that says so.

    Parameters
    ----------
    comparison : DataFrame
        The ``target_comparison`` table (:func:`analysis.targets.compare_targets`).
    documents : DataFrame, optional
        Document metadata (the build's ``documents``): the legend then names documents as
        every figure does (``Chifeng 2023``, from ``city_en`` with ``english=True``).
    english : bool, keyword-only
        English titles and labels (``canonical_en`` and the glossary).
    indicators : list of str, keyword-only
        ``canonical_id`` values to draw, in this order (default: all, most shared first).
    ncols : int, keyword-only
        Panels per row.
    panel_width, panel_height : float, keyword-only
        Size of one panel in inches.
    title : str, keyword-only
        Figure title (a default one says what is shown).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import analysis
    >>> from analysis.targets import compare_targets, extract_targets
    >>> c = analysis.load_corpus()
    >>> fig = plot_target_comparison(compare_targets(extract_targets(c), c.documents))
    >>> len(fig.axes) >= 4
    True
    """
    missing = [c for c in _NEEDED if c not in comparison.columns]
    if missing:
        raise ValueError(f"comparison: missing column(s) {missing}; pass the table made by "
                         "analysis.targets.compare_targets (the build's target_comparison).")
    zh, en = across(comparison)  # cities, or documents where some have no city
    default_title = label(f"{zh}共有指标的量化目标比较",
                          f"Quantitative targets on indicators several {en} share",
                          english=english)
    if comparison.empty:
        return nothing_to_show(title or default_title, label(
            "没有哪个指标在两份以上文件中都有量化目标(可编辑 indicators.toml 归并指标)",
            "no indicator has a quantitative target in two or more documents (edit "
            "indicators.toml to group more indicator phrases)", english=english),
            english=english, width=9.0)
    order = comparison.groupby("canonical_id", sort=False)["n_docs"].max() if (
        "n_docs" in comparison.columns) else comparison.groupby("canonical_id").size()
    ids = indicators or sorted(order.index, key=lambda i: (-int(order[i]), i))
    unknown = [i for i in ids if i not in set(comparison["canonical_id"])]
    if unknown:
        raise ValueError(f"indicators: {unknown} not in the comparison table; choose from "
                         f"{sorted(set(comparison['canonical_id']))}.")
    classes = comparison["unit"].astype(str).map(_unit_class)
    panels: list[tuple[str, str]] = []  # (indicator, unit class), one panel each
    for cid in ids:
        panels += [(cid, k) for k in dict.fromkeys(classes[comparison["canonical_id"] == cid])]
    split = {cid for cid, _ in panels if sum(c == cid for c, _ in panels) > 1}
    ncols = max(1, min(ncols, len(panels)))
    nrows = math.ceil(len(panels) / ncols)
    fig, axes = new_figure(width=panel_width * ncols, height=panel_height * nrows + 0.9,
                           nrows=nrows, ncols=ncols, squeeze=False)
    docs = (comparison[["doc_id", "city", "doc_year"]].drop_duplicates("doc_id")
            .sort_values(["doc_year", "doc_id"], kind="mergesort"))
    if len(docs) <= len(PALETTE):
        colour = {d: PALETTE[i] for i, d in enumerate(docs["doc_id"])}
    else:  # more documents than house colours: 20 distinct ones, then again
        from matplotlib import colormaps

        tab20 = colormaps["tab20"]
        shades = [*range(0, 20, 2), *range(1, 20, 2)]  # the ten dark ones first
        colour = {d: tab20(shades[i % 20]) for i, d in enumerate(docs["doc_id"])}
    step = min(0.12, 0.8 / max(len(docs), 1))  # side by side within less than a year
    offset = {d: (i - (len(docs) - 1) / 2) * step for i, d in enumerate(docs["doc_id"])}
    named = (documents if documents is not None and {"doc_id", "city"} <= set(documents.columns)
             else docs.rename(columns={"doc_year": "year"}))
    names_of = document_labels(named, english=english)

    flat = [ax for row in axes for ax in row]
    for ax, (cid, uclass) in zip(flat, panels, strict=False):
        sub = comparison[(comparison["canonical_id"] == cid) & (classes == uclass)]
        units = list(dict.fromkeys(str(u) for u in sub["unit"]))
        unit = units[0]
        mixed = len(units) > 1  # 家 and 户: every point says its unit
        name = (str(sub["canonical_en"].iloc[0]) if english and "canonical_en" in sub.columns
                and str(sub["canonical_en"].iloc[0]) else gloss(str(sub["canonical"].iloc[0]),
                                                                english=english))
        if cid in split:
            name = f"{name} ({'/'.join(units)})"
        xs: list[float] = []
        # an achievement that is also a drawn baseline gets no second label
        baselines = {(r.doc_id, r.baseline_year, r.baseline_value) for r in sub.itertuples()
                     if not (pd.isna(r.baseline_value) or pd.isna(r.baseline_year))}
        for row in sub.itertuples(index=False):
            c = colour[row.doc_id]
            no_year = bool(pd.isna(row.target_year))
            x = float(row.doc_year if no_year else row.target_year) + offset[row.doc_id]
            xs.append(x)
            if row.kind == "achievement":
                ax.plot([x], [row.value], marker="s", ms=6, color=c, mfc="white", mew=1.5,
                        ls="none", zorder=3)
                if (row.doc_id, row.target_year, row.value) in baselines:
                    continue
                ax.annotate(_fmt(row.value, row.comparator, str(row.unit), with_unit=mixed),
                            (x, row.value), xytext=(6, 0), textcoords="offset points",
                            va="center", fontsize=7.5, color=c, alpha=0.8)
                continue
            marker = "D" if no_year else "o"
            face = "white" if row.comparator == "aspiration" else c
            ax.plot([x], [row.value], marker=marker, ms=8, color=c, mfc=face, mew=1.8,
                    ls="none", zorder=4)
            base_ok = not (pd.isna(row.baseline_value) or pd.isna(row.baseline_year))
            if base_ok:
                bx = float(row.baseline_year) + offset[row.doc_id]
                ax.plot([bx, x], [row.baseline_value, row.value], color=c, lw=1, ls="--",
                        zorder=2)
                ax.plot([bx], [row.baseline_value], marker="o", ms=4, color=c, mfc="white",
                        ls="none", zorder=3)
                xs.append(bx)
            ax.annotate(_fmt(row.value, row.comparator, str(row.unit), with_unit=mixed),
                        (x, row.value), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=8, color=c)
        ax.set_title(name, fontsize=10.5)
        if unit == "位":
            ylabel = label("排位", "rank", english=english)
        elif mixed:  # one quantity, several words for its unit
            ylabel = label(f"数量({'、'.join(units)},见各点)",
                           f"count ({', '.join(units)}: see each point)", english=english)
        else:
            en_unit = gloss(unit, english=True) if unit else "value"
            ylabel = label(unit or "数值", f"{en_unit} ({unit})" if en_unit not in (
                unit, "value") and unit not in ("%", "‰") else en_unit, english=english)
        ax.set_ylabel(ylabel, fontsize=9)
        ax.set_xlabel(label("目标年份", "target year", english=english), fontsize=9)
        lo, hi = min(xs), max(xs)
        ax.set_xlim(lo - 1.2, hi + 2.2)
        ax.xaxis.get_major_locator().set_params(integer=True)
        top = float(sub["value"].max())
        if unit == "位":
            ax.set_ylim(top + 1.5, 0.5)
            ax.yaxis.get_major_locator().set_params(integer=True)
        else:
            ax.set_ylim(0, top * 1.18 if top > 0 else 1)
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", color="#dddddd", lw=0.6)
    for ax in flat[len(panels):]:
        ax.set_axis_off()
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", ls="none", color=colour[r.doc_id], ms=7,
                      label=names_of.get(r.doc_id, r.doc_id))
               for r in docs.itertuples(index=False)]
    grey = "#555555"
    handles += [
        Line2D([], [], marker="o", ls="none", color=grey, ms=7,
               label=label("目标", "target", english=english)),
        Line2D([], [], marker="o", ls="none", color=grey, mfc="white", ms=7,
               label=label("力争目标", "aspiration (力争)", english=english)),
        Line2D([], [], marker="D", ls="none", color=grey, ms=6,
               label=label("未写年份(按发文年)", "no year (at document year)", english=english)),
        Line2D([], [], marker="s", ls="none", color=grey, mfc="white", ms=6,
               label=label("已取得", "achieved", english=english)),
        Line2D([], [], ls="--", color=grey, label=label("基数→目标", "baseline → target",
                                                         english=english)),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 6),
               fontsize=8.5, frameon=False)
    fig.suptitle(title or default_title, fontsize=13)
    return fig
