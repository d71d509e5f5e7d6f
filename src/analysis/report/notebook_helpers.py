"""What a notebook calls to show things: the house style, figures as PNG, notes.

:func:`notebook_setup` (first cell of every notebook) sets the figure style and makes
library figures render themselves; :func:`table_or_note` ends a cell with a table, or with
a one-line :class:`Note` saying why there is nothing to show.
"""

from __future__ import annotations

import html
import io

import pandas as pd

from analysis.plots import setup

__all__ = ["Note", "notebook_setup", "table_or_note"]


def notebook_setup(*, dpi: int = 110) -> None:
    """Prepare a notebook: the house style, and figures that show themselves.

    Library figures are plain :class:`matplotlib.figure.Figure` objects (not pyplot), so
    a notebook is told here to render them as PNG when a cell returns one. Also sets
    pandas to show whole tables of a few hundred rows.

    Parameters
    ----------
    dpi : int, keyword-only
        Resolution of the figures shown in the notebook.

    Examples
    --------
    >>> import analysis as pl
    >>> pl.notebook_setup()                                         # doctest: +SKIP
    """
    from matplotlib.figure import Figure

    setup()
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 3)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook stack
        return
    shell = get_ipython()
    if shell is None:
        return

    def png(fig: Figure) -> bytes:
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        return buf.getvalue()

    shell.display_formatter.formatters["image/png"].for_type(Figure, png)


class Note(str):
    """A one-line message a notebook shows in place of an empty table."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return f"> *{self}*"

    def _repr_html_(self) -> str:
        return f"<p><em>{html.escape(str(self))}</em></p>"


def table_or_note(table: pd.DataFrame, reason: str) -> pd.DataFrame | Note:
    """``table``, or a one-line note saying why there is nothing to show when it is empty.

    Notebooks end a cell with it, so a researcher's corpus without (say) shared target
    indicators shows a sentence instead of an empty grid.

    Examples
    --------
    >>> import pandas as pd
    >>> table_or_note(pd.DataFrame({"doc_id": []}), "no document sets a target")
    nothing to show: no document sets a target
    >>> table_or_note(pd.DataFrame({"doc_id": []}), "No task table in this corpus.")
    nothing to show: no task table in this corpus
    >>> len(table_or_note(pd.DataFrame({"doc_id": ["a"]}), "unused"))
    1
    """
    if len(table) and len(table.columns):
        return table
    reason = reason.strip().rstrip(".。")
    if reason[:1].isascii() and reason[1:2].islower():  # a sentence: lower its first letter
        reason = reason[0].lower() + reason[1:]
    return Note(f"nothing to show: {reason}")
