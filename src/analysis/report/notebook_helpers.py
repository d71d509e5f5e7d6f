"""What a notebook calls to show things: the house style, figures as PNG, notes.

:func:`notebook_setup` (first cell of every notebook) sets the figure style and makes
library figures render themselves; :func:`table_or_note` ends a cell with a table, or with
a one-line :class:`Note` saying why there is nothing to show; :func:`text_table` shows a
table of quotes readably (left-aligned, whole cells, line breaks as spaces) and
:func:`sentence_quotes` quotes each hit's whole sentence.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from analysis.plots import setup
from analysis.report.tables import Tables

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Note", "ShownDocuments", "TextTable", "document_in", "notebook_setup",
           "sentence_quotes", "shown_documents", "table_or_note", "text_table"]


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


class ShownDocuments:
    """The documents a notebook's per-document figures draw (:func:`shown_documents`).

    ``tables`` is the build's tables restricted to them (the same object when every
    document is shown), ``docs`` their ``documents`` table, and :meth:`note` writes
    "N of M documents shown" on a figure when some are left out.
    """

    def __init__(self, tables: Tables, total: int, *, english: bool = False) -> None:
        self.tables = tables
        self.total = total
        self.english = english

    @property
    def docs(self) -> pd.DataFrame:
        """The ``documents`` table of the documents shown."""
        return self.tables["documents"]

    @property
    def n_shown(self) -> int:
        """How many documents are shown."""
        return len(self.docs)

    def rows(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` without the rows of documents not shown (its ``doc_id``, ``doc_a``
        and ``doc_b`` columns); the same table when every document is shown."""
        if self.n_shown >= self.total:
            return table
        ids = set(self.docs["doc_id"].astype(str))
        keep = pd.Series(True, index=table.index)
        for column in ("doc_id", "doc_a", "doc_b"):
            if column in table.columns:
                keep &= table[column].astype(str).isin(ids)
        out = table.loc[keep].copy()
        for column in ("doc_id", "doc_a", "doc_b"):  # a category lists the documents too
            if column in out.columns and isinstance(out[column].dtype, pd.CategoricalDtype):
                out[column] = out[column].cat.remove_unused_categories()
        return out

    def note(self, fig: Figure) -> Figure:
        """``fig``, with "N of M documents shown" on it when documents are left out."""
        from analysis.report.figures import _note_shown

        if self.n_shown < self.total:
            _note_shown(fig, self.n_shown, self.total, english=self.english)
        return fig

    def __repr__(self) -> str:
        return f"<ShownDocuments {self.n_shown} of {self.total}>"


def shown_documents(tables: Tables, *, by: str | None = None,
                    docs: Sequence[str] | None = None, panels: bool = False,
                    english: bool = False) -> ShownDocuments:
    """The documents a notebook's per-document figures draw: the rule of
    ``policy-lens figures``, so a notebook on a large corpus keeps its figures to a page.

    Figures with a row or column per document (heatmaps, bar charts per document) show
    every document up to :data:`~analysis.report.figures.SHOW_DOCUMENTS_MAX`, otherwise
    that many: the ``docs`` (or the first of each group of ``by``), then the longest.
    Figures with a panel per document (``panels=True``: word clouds, top words) show every
    document up to :data:`~analysis.report.figures.PER_DOCUMENT_MAX`, otherwise the
    ``docs`` (or the first of each group of ``by``).

    Parameters
    ----------
    tables : Tables
        The build's tables (:func:`~analysis.report.tables.load_tables`).
    by : str, optional, keyword-only
        The grouping column; default :func:`analysis.stats.periods.choose_grouping`.
    docs : sequence of str, optional, keyword-only
        Documents to show first (``["all"]``: every document).
    panels : bool, keyword-only
        The rule of figures with a panel per document.
    english : bool, keyword-only
        English note.

    Returns
    -------
    ShownDocuments
        ``.tables``, ``.docs`` and ``.note(fig)``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(200)],
    ...                      "level": ["central", "provincial"] * 100,
    ...                      "n_words": range(200)})
    >>> shown = shown_documents(Tables(frames={"documents": docs}), by="level")
    >>> shown, shown.docs["doc_id"].tolist()
    (<ShownDocuments 6 of 200>, ['d000', 'd001', 'd196', 'd197', 'd198', 'd199'])
    >>> shown_documents(Tables(frames={"documents": docs.head(5)}))
    <ShownDocuments 5 of 5>
    """
    from analysis.report.figures import (
        SHOW_DOCUMENTS_MAX,
        _picked_documents,
        _subset,
        _top_documents,
    )
    from analysis.stats.periods import choose_grouping

    meta = tables["documents"]
    total = len(meta)
    if by is None:
        by = choose_grouping(meta) or "doc_id"
    picked = _picked_documents(tables, docs, by=by)
    if panels:
        keep = picked
    elif total > SHOW_DOCUMENTS_MAX:
        keep = _top_documents(tables, picked, n=SHOW_DOCUMENTS_MAX)
    else:
        keep = None
    if keep is None or len(keep) >= total:
        return ShownDocuments(tables, total, english=english)
    return ShownDocuments(_subset(tables, keep), total, english=english)


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


_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_CELL = "text-align: left; vertical-align: top; white-space: normal; padding: 0.25em 0.6em"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _one_line(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return _BREAKS.sub(" ", str(value)).strip()


class TextTable:
    """A table of text shown whole: HTML in a notebook, aligned text elsewhere.

    Made by :func:`text_table`; ``frame`` holds the cells as shown.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        cols = [[str(c), *self.frame[c]] for c in self.frame.columns]
        widths = [max(map(_width, col)) for col in cols]
        lines = ["  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True))
                 .rstrip() for row in zip(*cols, strict=True)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f'<th style="{_CELL}">{html.escape(str(c))}</th>'
                       for c in self.frame.columns)
        rows = "".join(
            "<tr>" + "".join(f'<td style="{_CELL}">{html.escape(v)}</td>' for v in row)
            + "</tr>" for row in self.frame.itertuples(index=False, name=None))
        return (f'<table class="policy-lens-text"><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>")


def text_table(table: pd.DataFrame, columns: Sequence[str] | None = None) -> TextTable:
    """Show a table of quotes readably: every cell left-aligned and whole (never cut to a
    column width), line breaks inside a cell shown as spaces, no index.

    A plain DataFrame in JupyterLab right-aligns text and cuts long cells, and a quote
    spanning two lines shows a literal ``\\n``; this is for tables whose point is the
    text (evidence, keyword in context).

    Parameters
    ----------
    table : DataFrame
    columns : list of str, optional
        The columns to show, in this order (default all).

    Returns
    -------
    TextTable
        Renders as an HTML table in a notebook, as aligned text in a console.

    Examples
    --------
    >>> quotes = pd.DataFrame({"doc_id": ["a_2022"], "quote": ["设立【科技金融】专项。\\n\\n二、"]})
    >>> shown = text_table(quotes)
    >>> shown.frame["quote"].tolist()
    ['设立【科技金融】专项。 二、']
    >>> "text-align: left" in shown._repr_html_() and "\\n" not in shown._repr_html_()
    True
    """
    frame = table[list(columns)] if columns is not None else table
    return TextTable(pd.DataFrame({c: frame[c].map(_one_line) for c in frame.columns},
                                  index=range(len(frame))))


_SENTENCE_END = re.compile(r"[。！？；!?;\n]")


def sentence_quotes(evidence: pd.DataFrame, documents: pd.DataFrame, *,
                    column: str = "sentence", max_chars: int = 200) -> pd.DataFrame:
    """``evidence`` with each hit's whole sentence, the match in 【】 (a new ``column``).

    A sentence runs from the end of the previous one (。！？； or a line break) to its own
    end mark; one longer than ``max_chars`` either side of the match is cut with ``…``.
    Quotes are in the original script when ``documents`` has ``text_orig`` (the build's
    ``documents`` table), else from ``text``.

    Parameters
    ----------
    evidence : DataFrame
        Rows with ``doc_id, start, end`` (character offsets), such as
        :func:`analysis.themes.count_evidence` gives.
    documents : DataFrame
        ``doc_id`` and ``text_orig`` or ``text``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["一、总则\\n加大科技金融支持。设立基金。"]})
    >>> hits = pd.DataFrame({"doc_id": ["d"], "start": [9], "end": [11]})
    >>> sentence_quotes(hits, docs)["sentence"].tolist()
    ['加大科技【金融】支持。']
    """
    col = "text_orig" if "text_orig" in documents.columns else "text"
    texts = dict(zip(documents["doc_id"], documents[col], strict=True))
    out = []
    for doc, a, b in zip(evidence["doc_id"], evidence["start"], evidence["end"], strict=True):
        text = texts.get(doc)
        if not isinstance(text, str):
            out.append("")
            continue
        a, b = int(a), int(b)
        lo = max(0, a - max_chars)
        before = [m.end() for m in _SENTENCE_END.finditer(text, lo, a)]
        start = before[-1] if before else lo
        after = _SENTENCE_END.search(text, b, min(len(text), b + max_chars))
        end = after.end() if after else min(len(text), b + max_chars)
        left = ("…" if start == lo and lo > 0 and not before else "") + text[start:a]
        right = text[b:end] + ("…" if after is None and end < len(text) else "")
        out.append(_one_line(f"{left}【{text[a:b]}】{right}"))
    result = evidence.copy()
    result[column] = out
    return result


def document_in(table: pd.DataFrame, wanted: str | None = None) -> str | None:
    """``wanted`` when ``table`` has rows for it, else the document with the most rows
    (the first in ``doc_id`` order on a tie): a notebook's example document that exists in
    whatever corpus is loaded. None when the table is empty.

    Examples
    --------
    >>> nodes = pd.DataFrame({"doc_id": ["a", "b", "b"], "term": ["x", "y", "z"]})
    >>> document_in(nodes, "a"), document_in(nodes, "nope"), document_in(nodes)
    ('a', 'b', 'b')
    >>> document_in(nodes.iloc[:0], "a") is None
    True
    """
    ids = table["doc_id"].astype(str)
    if wanted is not None and (ids == wanted).any():
        return wanted
    if ids.empty:
        return None
    counts = ids.value_counts()
    return str(min(counts[counts == counts.max()].index))
