"""Drawing the catalog's figures and writing them with a manifest of checksums.

:func:`draw_figure` draws one :class:`~analysis.report.catalog.FigureSpec` from
:class:`~analysis.report.tables.Tables`; :func:`make_figures` (``policy-lens figures``)
draws the whole catalog (or a part of it) into ``reports/figures/`` as PNG and SVG, with
``MANIFEST.csv`` listing each file's SHA-256. Files are written atomically and without
timestamps, so a rerun gives byte-identical files and the same manifest.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.io import write_csv
from analysis.plots import save_figure
from analysis.plots.groups import plotted_data
from analysis.report.catalog import (
    FIGURES,
    PANEL_PER_DOCUMENT_FIGURES,
    PER_DOCUMENT_FIGURES,
    FigureSpec,
    bind_grouping,
    resolve_function,
)
from analysis.report.paths import (
    MANIFEST,
    OutputFolderError,
    PathLike,
    claim_folder,
    default_reports_dir,
    file_sha256,
    remove_stale,
)
from analysis.report.tables import Tables, processed_dir

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["MANIFEST_COLUMNS", "MAX_WORKERS", "PER_DOCUMENT_MAX", "SHOW_DOCUMENTS_MAX",
           "draw_figure", "make_figures", "set_grouping"]

#: The columns of ``reports/figures/MANIFEST.csv``: one row per file written.
MANIFEST_COLUMNS = ["file", "figure", "notebook", "function", "sha256"]
_SLUG = re.compile(r"[^\w.-]+")


def _slug(value: Any) -> str:
    return _SLUG.sub("_", str(value)).strip("_") or "value"


def _spec(name_or_spec: str | FigureSpec, catalog: Sequence[FigureSpec]) -> FigureSpec:
    if isinstance(name_or_spec, FigureSpec):
        return name_or_spec
    for s in catalog:
        if s.name == name_or_spec:
            return s
    raise ValueError(f"figure {name_or_spec!r} is not in the catalog; figures: "
                     f"{', '.join(s.name for s in catalog)}.")


def draw_figure(
    figure: str | FigureSpec,
    tables: Tables,
    *,
    english: bool = False,
    catalog: Sequence[FigureSpec] | None = None,
    values: Sequence[Any] | None = None,
) -> list[tuple[str, Figure]]:
    """Draw one catalog figure: ``[(file stem, Figure), ...]`` (several with ``each``).

    Parameters
    ----------
    figure : str or FigureSpec
        A catalog name (``"corpus_lengths"``) or a spec of your own.
    tables : Tables
        The build's tables (:func:`~analysis.report.tables.load_tables`).
    english : bool, keyword-only
        English titles, axes and glosses.
    catalog : list of FigureSpec, keyword-only
        Where to look ``figure`` up (default :data:`~analysis.report.catalog.FIGURES`).
    values : sequence, keyword-only
        With ``each``: draw only these values (``--docs``); default every value.

    Returns
    -------
    list of (str, matplotlib.figure.Figure)
        File stem and figure; one pair, or one per value of the spec's ``each`` column.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["hz_2021"], "city": ["杭州市"], "year": [2021],
    ...                      "n_chars": [900], "n_words": [400], "n_kept": [250]})
    >>> [(stem, fig)] = draw_figure("corpus_lengths", Tables(frames={"documents": docs}))
    >>> stem, fig.axes[0].get_yticklabels()[0].get_text()
    ('corpus_lengths', '杭州市 2021')
    """
    from matplotlib.figure import Figure

    spec = _spec(figure, FIGURES if catalog is None else catalog)
    func = resolve_function(spec.function)
    inputs = [tables[t] for t in spec.tables]
    jobs: list[tuple[str, list]] = []
    if spec.each is None:
        jobs.append((spec.name, inputs))
    else:
        first = inputs[0]
        if spec.each not in first.columns:
            raise ValueError(f"figure {spec.name!r}: each={spec.each!r} is not a column of "
                             f"{spec.tables[0]!r}.")
        wanted = None if values is None else {str(v) for v in values}
        for value in dict.fromkeys(first[spec.each]):
            if wanted is not None and str(value) not in wanted:
                continue
            part = first.loc[first[spec.each] == value]
            jobs.append((spec.name.format(value=_slug(value)), [part, *inputs[1:]]))
    out = []
    for stem, args in jobs:
        fig = func(*args, english=english, **spec.params)
        if not isinstance(fig, Figure):
            raise TypeError(f"{spec.function} returned {type(fig).__name__}, not a "
                            "matplotlib Figure.")
        out.append((stem, fig))
    return out


def _may_expand(spec: FigureSpec, chosen: set[str]) -> bool:
    """Whether a name in ``chosen`` looks like one file of an ``each`` spec."""
    if spec.each is None or "{value}" not in spec.name:
        return False
    prefix, _, suffix = spec.name.partition("{value}")
    return any(c.startswith(prefix) and c.endswith(suffix) for c in chosen)


def _stems(spec: FigureSpec, tables: Tables) -> list[str]:
    """The file stems a spec makes (one per value with ``each``), without drawing."""
    if spec.each is None:
        return [spec.name]
    first = tables[spec.tables[0]]
    if spec.each not in first.columns:
        return []
    return [spec.name.format(value=_slug(v)) for v in dict.fromkeys(first[spec.each])]


def set_grouping(tables: Tables, *, by: str | None = None,
                 time_bins: str | Sequence[int] | None = None,
                 english: bool = False) -> dict[str, Any]:
    """Set the grouping of the comparison views of ``tables`` (``theme_shares_group``,
    ``keyness_group``, the trends ...): a documents column and the time bins.

    Parameters
    ----------
    tables : Tables
        The build's tables (:func:`~analysis.report.tables.load_tables`); changed in place.
    by : str, optional, keyword-only
        Any documents column (``era``, ``level``, ``sheet``, ``period`` ...); default
        :func:`analysis.stats.periods.choose_grouping`.
    time_bins : str or sequence of int, optional, keyword-only
        ``"fyp"`` or cut years: trends per period instead of per year; the ``period``
        column uses them (five-year plans by default).
    english : bool, keyword-only
        English period names.

    Returns
    -------
    dict
        ``{"by": ..., "time": ..., "bins": ...}``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "year": [2014, 2022],
    ...                      "level": ["central", "provincial"]})
    >>> tables = Tables(frames={"documents": docs})
    >>> set_grouping(tables)
    {'by': 'level', 'time': 'year', 'bins': 'fyp'}
    >>> tables["documents_grouped"]["period"].tolist()
    ['2011–2015 十二五', '2021–2025 十四五']
    """
    from analysis.report.catalog import GROUP_VIEWS
    from analysis.stats.periods import choose_grouping

    docs = tables["documents"]
    if by is None:
        by = choose_grouping(docs) or "doc_id"
    elif by not in docs.columns and by != "period":
        raise ValueError(f"by={by!r}: not a column of the documents table; use one of "
                         f"{', '.join(c for c in docs.columns if not c.startswith('text'))}.")
    bins = "fyp" if time_bins is None else time_bins
    time = "year" if time_bins is None else "period"
    bound = bind_grouping(GROUP_VIEWS, by=by, bins=bins, time=time)
    grouped = bound["documents_grouped"]
    bound["documents_grouped"] = type(grouped)(grouped.function, grouped.tables,
                                               {**grouped.params, "english": english})
    changed = [k for k in bound if tables.views.get(k) != bound[k]]
    tables.views.update(bound)
    for name in list(tables._cache):  # views computed with another grouping
        if name in changed or name in bound:
            del tables._cache[name]
    return {"by": by, "time": time, "bins": bins}


#: Up to this many documents, per-document figures (word clouds, networks) are drawn for
#: every document; above, for the first document of each group (or ``--docs``).
PER_DOCUMENT_MAX = 12
#: Above this many documents, figures with a row or column per document
#: (:data:`~analysis.report.catalog.PER_DOCUMENT_FIGURES`) show this many only (a heatmap
#: column per document keeps to a page): the ``--docs`` (or one per group), then the
#: longest; the comparisons by group and the trends summarise every document.
SHOW_DOCUMENTS_MAX = 6


def _top_documents(tables: Tables, picked: list[str] | None, *, n: int) -> list[str]:
    meta = tables["documents"]
    order = meta.sort_values(["n_words", "doc_id"], ascending=[False, True], kind="stable") \
        if "n_words" in meta.columns else meta
    keep = list(dict.fromkeys([*(picked or [])[:n], *order["doc_id"].astype(str)]))[:n]
    ids = meta["doc_id"].astype(str).tolist()
    return sorted(keep, key=ids.index)


def _subset(tables: Tables, doc_ids: list[str]) -> Tables:
    """``tables`` restricted to some documents, with the same (bound) views."""
    return Tables(tables.folder, frames=None if tables.folder else tables._frames,
                  documents=doc_ids, views=tables.views, source=tables.source)


def _note_shown(fig: Figure, shown: int, total: int, *, english: bool) -> None:
    """Say under a per-document figure that it shows ``shown`` of ``total`` documents."""
    from analysis.plots import label

    note = label(f"仅显示 {shown}/{total} 份文件(各组一份及最长的文件);"
                 "各组汇总见 04 号笔记本的分组图",
                 f"{shown} of {total} documents shown (one per group, then the longest, or "
                 "--docs); the group figures of notebook 04 summarise all", english=english)
    if getattr(fig, "_supxlabel", None) is None and not fig.legends:  # under the figure
        fig.supxlabel(note, x=0.005, ha="left", fontsize=7, color="#555555")
        return
    fig.text(0.005, 0.998, note, ha="left", va="top", fontsize=7, color="#555555")
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine) and getattr(fig, "_suptitle", None) is None:
        engine.set(rect=(0, 0, 1, 1 - 0.16 / fig.get_size_inches()[1]))  # room above the axes


def _picked_documents(tables: Tables, docs: Sequence[str] | None, *,
                      by: str) -> list[str] | None:
    """The documents of the per-document figures (None: every document)."""
    meta = tables["documents"]
    ids = [str(d) for d in meta["doc_id"]]
    if docs is not None:
        chosen = list(docs)
        if chosen in (["all"], ["*"]):
            return None
        unknown = [d for d in chosen if d not in ids]
        if unknown:
            raise ValueError(f"--docs {unknown}: not in the corpus; choose from "
                             f"{', '.join(ids[:20])}{' ...' if len(ids) > 20 else ''}.")
        return chosen
    if len(ids) <= PER_DOCUMENT_MAX:
        return None
    if by in meta.columns:
        return [str(d) for d in meta.loc[meta[by].notna()].drop_duplicates(by)["doc_id"]]
    return ids[:PER_DOCUMENT_MAX]


#: The most processes :func:`make_figures` draws with by default.
MAX_WORKERS = 4
#: Below this many figures, :func:`make_figures` draws in its own process (starting
#: workers costs more than it saves).
_PARALLEL_MIN = 8
_JOB: dict[str, Any] = {}  # what the workers draw: set before they fork, read in them


def _worker_count(workers: int | None, n_specs: int) -> int:
    """Processes to draw with: ``workers``, or one per usable core (at most
    :data:`MAX_WORKERS`); 1 without the ``fork`` start method or for a few figures."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or n_specs < _PARALLEL_MIN:
        return 1
    if workers is not None:
        return max(1, min(int(workers), n_specs))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS))


def _render(index: int) -> tuple[int, list[tuple[str, Path]], list[tuple]]:
    """Draw and write the ``index``-th figure of :data:`_JOB`: its files and warnings."""
    job = _JOB
    spec, source, target = job["specs"][index], job["sources"][index], job["target"]
    chosen, formats, english = job["chosen"], job["formats"], job["english"]
    paths: list[tuple[str, Path]] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        drawn = draw_figure(spec, source, english=english, catalog=job["specs"],
                            values=job["picked"] if spec.each == "doc_id" else None)
        if source is not job["tables"]:
            for _, fig in drawn:
                _note_shown(fig, len(source.documents or []), job["n_docs"], english=english)
        if chosen is not None and spec.name not in chosen and spec.notebook not in chosen:
            drawn = [(stem, fig) for stem, fig in drawn if stem in chosen]
        for stem, fig in drawn:
            theirs = [f"{stem}.{fmt}" for fmt in (*formats, "csv")
                      if (target / f"{stem}.{fmt}").exists()
                      and f"{stem}.{fmt}" not in job["ours"]]
            if theirs:
                raise OutputFolderError(
                    f"{target}: {', '.join(theirs)} would be replaced, but policy-lens "
                    f"figures did not write it (not in its {MANIFEST}); move it away "
                    "or choose another folder.")
            paths += [(stem, p) for p in save_figure(fig, target / stem, formats=formats,
                                                     dpi=job["dpi"])]
            data = plotted_data(fig)
            if data is not None:  # the numbers plotted, beside the image
                write_csv(data, target / f"{stem}.csv")
                paths.append((stem, target / f"{stem}.csv"))
        del drawn
    return index, paths, [(str(w.message), w.category, w.filename, w.lineno) for w in caught]


def _render_all(job: dict[str, Any], n_workers: int
                ) -> Iterator[tuple[FigureSpec, list[tuple[str, Path]], list[tuple]]]:
    """``(spec, files, warnings)`` for each figure of ``job``, in catalog order; drawn
    here, or by ``n_workers`` forked processes (each figure by one of them)."""
    _JOB.clear()
    _JOB.update(job)
    try:
        if n_workers <= 1:
            for i, spec in enumerate(job["specs"]):
                yield spec, *_render(i)[1:]
            return
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(n_workers) as pool:
            for i, paths, caught in pool.imap(_render, range(len(job["specs"])), chunksize=1):
                yield job["specs"][i], paths, caught
    finally:
        _JOB.clear()


def make_figures(
    processed: PathLike | Tables | None = None,
    out: PathLike | None = None,
    *,
    formats: Sequence[str] = ("png", "svg"),
    english: bool = False,
    only: Iterable[str] | None = None,
    dpi: int = 300,
    catalog: Sequence[FigureSpec] | None = None,
    progress: Callable[[str], None] | None = None,
    by: str | None = None,
    time_bins: str | Sequence[int] | None = None,
    docs: Sequence[str] | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Draw every catalog figure and write it (PNG 300 dpi, SVG; PDF on request) with a
    ``MANIFEST.csv`` of checksums.

    Parameters
    ----------
    processed : path or Tables, optional
        The build's folder (default ``data/processed``) or loaded :class:`Tables`.
    out : path, optional
        Output folder: ``reports/figures`` (``reports/figures_en`` with ``english``).
    formats : sequence of {"png", "svg", "pdf"}, keyword-only
        File formats.
    english : bool, keyword-only
        English titles, axes and glosses.
    only : iterable of str, keyword-only
        Figure names or notebook stems to draw; the manifest keeps the other entries.
    dpi : int, keyword-only
        Raster resolution.
    catalog : list of FigureSpec, keyword-only
        Replaces :data:`FIGURES`.
    progress : callable, keyword-only
        Called with each file stem as it is written.
    by : str, keyword-only
        The grouping of the comparison figures: any documents column (``era``, ``level``,
        ``province``, ``doc_type``, a column of your own); default
        :func:`analysis.stats.periods.choose_grouping`.
    time_bins : str or sequence of int, keyword-only
        Periods: ``"fyp"`` (five-year plans) or cut years (``"2012,2016,2021"``). The
        trends are drawn per period instead of per year; the period comparison uses these
        bins (five-year plans by default).
    docs : sequence of str, keyword-only
        The documents of the per-document figures (word clouds, networks): doc ids, or
        ``"all"``. Default: every document when there are at most 12, otherwise the first
        of each group of ``by``.
    workers : int, keyword-only
        Processes drawing figures side by side (default: one per core, at most
        :data:`MAX_WORKERS`; 1 draws in this process). Each figure is drawn and written by
        one process alone, so the files are the same whatever the number of workers.

    Returns
    -------
    DataFrame
        The manifest: ``file, figure, notebook, function, sha256``.

    Raises
    ------
    RuntimeError
        When a figure warns that a glyph is missing from the font.
    OutputFolderError
        When ``out`` holds files this function did not write (it is not new, empty, or a
        folder with the figures' ``MANIFEST.csv``), or a figure would replace a file its
        manifest does not list. Only files listed there are ever replaced or deleted.

    Examples
    --------
    >>> import tempfile
    >>> docs = pd.DataFrame({"doc_id": ["hz_2021"], "city": ["杭州市"], "year": [2021],
    ...                      "n_chars": [900], "n_words": [400], "n_kept": [250]})
    >>> out = tempfile.mkdtemp()
    >>> manifest = make_figures(Tables(frames={"documents": docs}), out, formats=["png"],
    ...                         only=["corpus_lengths"], dpi=50)
    >>> manifest[["file", "notebook"]].values.tolist()
    [['corpus_lengths.png', '00_corpus_overview']]

    On the default build: every figure, or a part of it, or in another format:

    >>> manifest = make_figures()                                  # doctest: +SKIP
    >>> manifest = make_figures(only=["keyword_heatmap"], formats=["pdf"])  # doctest: +SKIP
    """
    specs = list(FIGURES if catalog is None else catalog)
    tables = processed if isinstance(processed, Tables) else Tables(processed_dir(processed))
    grouping = set_grouping(tables, by=by, time_bins=time_bins, english=english) \
        if "documents" in tables else {"by": by or "doc_id"}
    has_docs = "documents" in tables
    picked = _picked_documents(tables, docs, by=grouping["by"]) if has_docs else None
    n_docs = len(tables["documents"]) if has_docs else 0
    shown = None
    if n_docs > SHOW_DOCUMENTS_MAX:  # per-document figures: the top documents only
        keep = _top_documents(tables, picked, n=SHOW_DOCUMENTS_MAX)
        shown = _subset(tables, keep)
    panels = _subset(tables, picked) if picked is not None else None
    target = Path(out) if out is not None else (
        default_reports_dir() / ("figures_en" if english else "figures"))
    chosen = set(only) if only is not None else None
    if chosen is not None:
        stems = {s.name: _stems(s, tables) if _may_expand(s, chosen) else [] for s in specs}
        unknown = {c for c in chosen if not any(c in (s.name, s.notebook) or c in stems[s.name]
                                                for s in specs)}
        if unknown:
            raise ValueError(f"--only {sorted(unknown)}: no such figure or notebook; figures: "
                             f"{', '.join(s.name for s in specs)}.")
        specs = [s for s in specs if s.name in chosen or s.notebook in chosen
                 or chosen & set(stems[s.name])]
    for fmt in formats:
        if fmt not in ("png", "svg", "pdf"):
            raise ValueError(f"format {fmt!r}: use png, svg or pdf.")
    old = claim_folder(target, command="figures", columns=MANIFEST_COLUMNS)
    sources = []
    for spec in specs:
        source = tables
        if spec.name in PER_DOCUMENT_FIGURES and shown is not None:
            source = shown
        elif spec.name in PANEL_PER_DOCUMENT_FIGURES and panels is not None:
            source = panels
        sources.append(source)
    job = {"specs": specs, "sources": sources, "tables": tables, "target": target,
           "ours": {r.get("file", "") for r in old}, "formats": list(formats), "dpi": dpi,
           "english": english, "chosen": chosen, "picked": picked, "n_docs": n_docs}
    n_workers = _worker_count(workers, len(specs))
    if n_workers > 1:  # the tables every figure reads, once, before the workers fork
        for spec, source in zip(specs, sources, strict=True):
            for name in spec.tables:
                _ = source[name]
    rows: list[dict[str, str]] = []
    for spec, paths, caught in _render_all(job, n_workers):
        glyphs = [message for message, *_ in caught if "missing from font" in message]
        if glyphs:
            raise RuntimeError(f"figure {spec.name!r}: {glyphs[0]} (and {len(glyphs) - 1} "
                               "more): a label uses a character the CJK font lacks.")
        for message, category, filename, lineno in caught:
            warnings.warn_explicit(message, category, filename, lineno)
        if progress:
            for stem in dict.fromkeys(stem for stem, _ in paths):
                progress(stem)
        rows += [{"file": p.name, "figure": stem, "notebook": spec.notebook,
                  "function": spec.function, "sha256": file_sha256(p)} for stem, p in paths]
    manifest_path = target / MANIFEST
    written = {r["file"] for r in rows}
    if chosen is not None:
        keep = [r for r in old if r.get("file") not in written and (target / r["file"]).is_file()]
        rows = keep + rows
    else:  # files made by an earlier catalog and no longer: remove them
        remove_stale(target, old, written)
    manifest = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    manifest = manifest.sort_values("file", kind="stable").reset_index(drop=True)
    write_csv(manifest, manifest_path)
    return manifest
