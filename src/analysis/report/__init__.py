"""The front door: the figure catalog, figure and table exports, and the notebook runner.

Everything here reads the tables the build wrote; nothing recomputes an analysis.

Modules
-------
catalog
    :data:`FIGURES` (every figure: file name, notebook, drawing function, input tables),
    :data:`VIEWS` (derived tables computed on the fly), :data:`README_FIGURES`.
tables
    :class:`Tables` (a build folder's tables, read lazily, plus the views) and
    :func:`load_tables` (the tables a notebook works on, for the default corpus or a
    researcher's own folder).
figures
    :func:`draw_figure` and :func:`make_figures` (``policy-lens figures``): the catalog
    drawn to ``reports/figures/`` with a ``MANIFEST.csv`` of checksums.
export
    :func:`export_tables` (``policy-lens export``): CSV for Excel and one XLSX workbook.
notebooks
    :func:`run_notebooks` (``policy-lens notebooks``): the notebook suite executed
    headless into ``.ipynb`` and HTML, with papermill-style parameters.
notebook_helpers
    :func:`notebook_setup` and :func:`table_or_note`, called from the notebooks.
paths
    :func:`project_root`, :func:`default_reports_dir` and the manifest helpers.

Everything written is atomic and deterministic: a rerun gives byte-identical files.
"""

from analysis.report.catalog import (
    FIGURES,
    README_DPI,
    README_FIGURES,
    VIEWS,
    FigureSpec,
    View,
    catalog_table,
)
from analysis.report.export import (
    EXCEL_MAX_CELL_CHARS,
    EXCEL_MAX_ROWS,
    EXPORT_MANIFEST_COLUMNS,
    WORKBOOK,
    export_tables,
)
from analysis.report.figures import MANIFEST_COLUMNS, draw_figure, make_figures, set_grouping
from analysis.report.narrative import (
    Reading,
    describe_group_shares,
    describe_keyness,
    describe_trend,
    hand_written_reading,
    notebook_reading,
)
from analysis.report.notebook_helpers import (
    Note,
    ShownDocuments,
    TextTable,
    document_in,
    notebook_setup,
    sentence_quotes,
    shown_documents,
    table_or_note,
    text_table,
)
from analysis.report.notebooks import (
    NOTEBOOK_MANIFEST_COLUMNS,
    NotebookError,
    NotebookRun,
    run_notebooks,
)
from analysis.report.paths import OutputFolderError, default_reports_dir, project_root
from analysis.report.tables import MissingTableError, Tables, load_tables

__all__ = [
    "EXCEL_MAX_CELL_CHARS",
    "EXCEL_MAX_ROWS",
    "EXPORT_MANIFEST_COLUMNS",
    "FIGURES",
    "MANIFEST_COLUMNS",
    "NOTEBOOK_MANIFEST_COLUMNS",
    "README_DPI",
    "README_FIGURES",
    "VIEWS",
    "WORKBOOK",
    "FigureSpec",
    "MissingTableError",
    "Note",
    "NotebookError",
    "NotebookRun",
    "OutputFolderError",
    "Reading",
    "ShownDocuments",
    "Tables",
    "TextTable",
    "View",
    "catalog_table",
    "default_reports_dir",
    "describe_group_shares",
    "describe_keyness",
    "describe_trend",
    "document_in",
    "draw_figure",
    "export_tables",
    "hand_written_reading",
    "load_tables",
    "make_figures",
    "notebook_reading",
    "notebook_setup",
    "project_root",
    "run_notebooks",
    "sentence_quotes",
    "set_grouping",
    "shown_documents",
    "table_or_note",
    "text_table",
]
