"""The house style of every figure: a CJK font from a pip package, one palette, readable
sizes, and files without timestamps.

:func:`setup` registers the font and the style (idempotent); :func:`new_figure` makes a
figure in it; :func:`nothing_to_show` is the figure drawn for an empty table;
:func:`save_figure` writes PNG/SVG/PDF so that the same figure always gives the same bytes.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.io import atomic_path
from analysis.plots.labels import label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FONT_FILE",
    "MAX_FIGURE_HEIGHT",
    "MAX_FIGURE_WIDTH",
    "PALETTE",
    "font_path",
    "new_figure",
    "nothing_to_show",
    "save_figure",
    "setup",
]

#: The CJK font, shipped inside the ``mplfonts`` wheel (no download, no system change).
FONT_FILE = "NotoSansCJKsc-Regular.otf"
#: The colours of every figure, in order (bars, lines, groups).
PALETTE = ["#3b6ea8", "#d1793a", "#5b9e62", "#b8504d", "#8a6bb0", "#8c7355", "#cc79a7",
           "#7f7f7f", "#b5b54a", "#4fa3b5"]
#: Seeds SVG element ids, so the same figure gives the same SVG file.
SVG_HASHSALT = "policy-lens"
#: The largest figure, in inches: a figure sized from its counts (documents, terms) never
#: grows past it, so a large corpus cannot make an image of tens of thousands of pixels.
#: The width is an A4 page in landscape.
#: Figures with a row or column per document show a subset of a large corpus
#: (:func:`analysis.report.shown_documents`) and stay well inside it.
MAX_FIGURE_WIDTH = 11.7
MAX_FIGURE_HEIGHT = 40.0


def font_path() -> Path:
    """Path of the CJK font file (for matplotlib and for ``wordcloud``'s ``font_path``)."""
    override = os.environ.get("POLICY_LENS_FONT")
    if override:
        return Path(override)
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the CJK font is missing; reinstall mplfonts "
                                "(make setup) or set POLICY_LENS_FONT to a .ttf/.otf file.")
    return path


@lru_cache(maxsize=1)
def setup() -> str:
    """Register the CJK font with matplotlib (``font_manager.addfont``) and set the house
    style; idempotent. Returns the font family name.

    Examples
    --------
    >>> setup()
    'Noto Sans CJK SC'
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    mpl.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 13,
        "axes.titleweight": "normal",  # the packaged CJK font has no bold face
        "axes.labelsize": 11,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "figure.dpi": 100,
        "figure.constrained_layout.use": True,
        "savefig.dpi": 300,
        "savefig.bbox": "standard",
        "svg.hashsalt": SVG_HASHSALT,
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "image.cmap": "viridis",
    })
    return family


def new_figure(*, width: float = 8.0, height: float = 5.0, nrows: int = 1, ncols: int = 1,
               **kw):
    """A figure in the house style: ``fig, ax = new_figure(width=8, height=5)``.

    Uses :class:`matplotlib.figure.Figure` directly (not pyplot), so figures made in a loop
    are freed and never pile up in a notebook. The size is capped at
    :data:`MAX_FIGURE_WIDTH` × :data:`MAX_FIGURE_HEIGHT` inches.

    Examples
    --------
    >>> fig, ax = new_figure(width=200, height=3)
    >>> fig.get_size_inches().tolist()
    [11.7, 3.0]
    """
    from matplotlib.figure import Figure

    setup()
    fig = Figure(figsize=(min(width, MAX_FIGURE_WIDTH), min(height, MAX_FIGURE_HEIGHT)))
    axes = fig.subplots(nrows, ncols, **kw)
    return fig, axes


def nothing_to_show(title: str, reason: str, *, english: bool = False, width: float = 8.0,
                    height: float = 2.6) -> Figure:
    """A figure that says there is nothing to draw and why (an empty table is not an error).

    Figure functions return this when their table is empty (a corpus without a second era,
    without a task table, without shared target indicators ...), so a notebook or
    ``policy-lens figures`` run on a researcher's own corpus shows the reason instead of
    failing.

    Parameters
    ----------
    title : str
        The figure's usual title.
    reason : str
        What is missing and, ideally, what would make the figure (one sentence).
    english : bool, keyword-only
        Write the "nothing to show" prefix in English.

    Examples
    --------
    >>> fig = nothing_to_show("Targets", "no indicator is shared by two documents", english=True)
    >>> fig.axes[0].texts[0].get_text()
    'nothing to show: no indicator is shared by two documents'
    >>> nothing_to_show("目标", "没有共有指标").axes[0].texts[0].get_text()
    '无可绘制的内容:没有共有指标'
    """
    fig, ax = new_figure(width=width, height=height)
    ax.set_axis_off()
    head = label("无可绘制的内容:", "nothing to show: ", english=english)
    text = "\n".join(textwrap.wrap(head + reason, width=int(width * 7))) or head
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=11, color="#555555",
            transform=ax.transAxes)
    ax.set_title(title)
    return fig


def save_figure(
    fig: Figure,
    path: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = 300,
) -> list[Path]:
    """Save ``fig`` as ``path`` with each suffix in ``formats``, atomically and without
    timestamps (PNG ``Software``, SVG ``Date``, PDF ``CreationDate`` are cleared), so the
    same figure always gives the same bytes. Returns the paths written.
    """
    setup()
    base = Path(path)
    base = base.with_suffix("") if base.suffix.lstrip(".") in {"png", "svg", "pdf"} else base
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }
    out = []
    for fmt in formats:
        if fmt not in metadata:
            raise ValueError(f"format {fmt!r}: use png, svg or pdf.")
        target = base.parent / f"{base.name}.{fmt}"
        with atomic_path(target) as tmp:
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=metadata[fmt])
        out.append(target)
    return out

