"""Drawing the catalog's figures and writing them with a manifest of checksums.

:func:`draw_figure` draws one :class:`~analysis.report.catalog.FigureSpec` from
:class:`~analysis.report.tables.Tables`; :func:`make_figures` (``policy-lens figures``)
draws the whole catalog (or a part of it) into ``reports/figures/`` as PNG and SVG, with
``MANIFEST.csv`` listing each file's SHA-256. Files are written atomically and without
timestamps, so a rerun gives byte-identical files and the same manifest.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.io import write_csv
from analysis.plots import save_figure
from analysis.report.catalog import FIGURES, FigureSpec, resolve_function
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

__all__ = ["MANIFEST_COLUMNS", "draw_figure", "make_figures"]

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
        for value in dict.fromkeys(first[spec.each]):
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
    ours = {r.get("file", "") for r in old}
    rows: list[dict[str, str]] = []
    for spec in specs:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            drawn = draw_figure(spec, tables, english=english, catalog=specs)
            if chosen is not None and spec.name not in chosen and spec.notebook not in chosen:
                drawn = [(stem, fig) for stem, fig in drawn if stem in chosen]
            paths = []
            for stem, fig in drawn:
                theirs = [f"{stem}.{fmt}" for fmt in formats
                          if (target / f"{stem}.{fmt}").exists() and f"{stem}.{fmt}" not in ours]
                if theirs:
                    raise OutputFolderError(
                        f"{target}: {', '.join(theirs)} would be replaced, but policy-lens "
                        f"figures did not write it (not in its {MANIFEST}); move it away "
                        "or choose another folder.")
                paths += [(stem, p) for p in save_figure(fig, target / stem, formats=formats,
                                                         dpi=dpi)]
                if progress:
                    progress(stem)
            del drawn
        glyphs = [str(w.message) for w in caught if "missing from font" in str(w.message)]
        if glyphs:
            raise RuntimeError(f"figure {spec.name!r}: {glyphs[0]} (and {len(glyphs) - 1} "
                               "more): a label uses a character the CJK font lacks.")
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
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
