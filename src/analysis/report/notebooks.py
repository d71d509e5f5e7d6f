"""Running the notebook suite headless: executed ``.ipynb`` and HTML files.

:func:`run_notebooks` (``policy-lens notebooks``) converts each ``notebooks/NN_name.py``
(jupytext percent format) in memory, gives it parameters the way papermill does
(:func:`inject_parameters`), executes it with nbclient in the notebooks folder and writes
it to ``reports/notebooks/`` without timing metadata and with stable cell ids, so a rerun
gives the same files. Jupyter's libraries are imported only when a notebook runs.
"""

from __future__ import annotations

import ast
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.io import write_csv, write_text
from analysis.report.paths import (
    MANIFEST,
    PathLike,
    claim_folder,
    default_reports_dir,
    file_sha256,
    project_root,
    remove_stale,
)

__all__ = [
    "NOTEBOOK_MANIFEST_COLUMNS",
    "NotebookError",
    "NotebookRun",
    "inject_parameters",
    "notebook_sources",
    "run_notebooks",
]


#: The columns of ``reports/notebooks/MANIFEST.csv``: one row per file written.
NOTEBOOK_MANIFEST_COLUMNS = ["file", "notebook", "sha256"]


class NotebookError(RuntimeError):
    """A notebook failed to execute; the message names the notebook and the cell."""


@dataclass
class NotebookRun:
    """One executed notebook: where its outputs went, how long it took, what it warned."""

    source: Path
    ipynb: Path
    html: Path | None
    seconds: float
    warnings: list[str]


def _notebooks_dir(folder: PathLike | None) -> Path:
    path = Path(folder) if folder is not None else project_root() / "notebooks"
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no notebooks folder; give it with --notebooks DIR.")
    return path


def notebook_sources(folder: PathLike | None = None) -> list[Path]:
    """The suite's notebook sources in reading order: ``notebooks/NN_name.py``.

    Examples
    --------
    >>> [p.stem for p in notebook_sources()][:2]
    ['00_corpus_overview', '01_word_frequencies']
    """
    return sorted(_notebooks_dir(folder).glob("[0-9][0-9]_*.py"))


def _select(sources: list[Path], names: Sequence[str] | None) -> list[Path]:
    if not names:
        return sources
    chosen = []
    for n in names:
        stem = Path(n).stem
        hits = [s for s in sources if s.stem == stem or s.stem.split("_", 1)[0] == stem]
        if not hits:
            raise ValueError(f"notebook {n!r}: not in the suite; notebooks: "
                             f"{', '.join(s.stem for s in sources)}.")
        chosen += [h for h in hits if h not in chosen]
    return chosen


def _prepare(source: Path, parameters: Mapping[str, Any] | None, kernel_name: str):
    import jupytext
    import nbformat

    nb = jupytext.read(source)
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    if parameters:
        nb = inject_parameters(nb, parameters, source=source)
    nb = nbformat.v4.upgrade(nb)
    for i, cell in enumerate(nb.cells):  # stable ids, so reruns give the same file
        cell["id"] = f"cell-{i:02d}"
    return nb


_PATH_SUFFIXES = ("_dir", "_path", "_file")


def inject_parameters(nb, parameters: Mapping[str, Any], *, source: PathLike = "notebook"):
    """Give a notebook parameter values, the way papermill does.

    A code cell tagged ``injected-parameters`` that assigns each value goes right after
    the cell tagged ``parameters`` (replacing an earlier injected cell), so a notebook run
    with papermill itself behaves the same.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook; changed in place and returned.
    parameters : dict
        Values that are Python literals (text, numbers, True/False, None, lists and dicts
        of these). Text in parameters named ``*_dir``, ``*_path``, ``*_file`` is a path,
        made absolute from the current directory (the kernel runs in the notebooks folder).
    source : path, keyword-only
        Where the notebook came from, for error messages.

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    ValueError
        When the notebook has no ``parameters`` cell, or a name or value cannot be written
        as Python.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("english = False", metadata={"tags": ["parameters"]})])
    >>> nb = inject_parameters(nb, {"english": True})
    >>> nb.cells[1].source.splitlines(), nb.cells[1].metadata.tags
    (['# Parameters', 'english = True'], ['injected-parameters'])
    """
    import nbformat

    tags = [c.get("metadata", {}).get("tags", []) for c in nb.cells]
    where = [i for i, t in enumerate(tags) if "parameters" in t]
    if not where:
        raise ValueError(f"{source}: has no cell tagged 'parameters' to override.")
    lines = ["# Parameters"]
    for key, value in parameters.items():
        if not str(key).isidentifier():
            raise ValueError(f"parameter {key!r}: not a Python name.")
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        if isinstance(value, str) and str(key).endswith(_PATH_SUFFIXES) and value:
            # the kernel runs in notebooks/: a relative path means "from where you are"
            value = str(Path(value).expanduser().resolve())
        try:
            ok = ast.literal_eval(repr(value)) == value
        except (ValueError, SyntaxError):
            ok = False
        if not ok:
            raise ValueError(f"parameter {key}={value!r}: use text, numbers, True/False, "
                             "None, or lists and dicts of these.")
        lines.append(f"{key} = {value!r}")
    cell = nbformat.v4.new_code_cell("\n".join(lines) + "\n")
    cell.metadata["tags"] = ["injected-parameters"]
    cells = [c for i, c in enumerate(nb.cells) if "injected-parameters" not in tags[i]]
    at = next(i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {})
              .get("tags", []))
    nb.cells = [*cells[:at + 1], cell, *cells[at + 1:]]
    return nb


def _stderr_text(nb) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                out.append(o.get("text", ""))
    return out


def run_notebooks(
    names: Sequence[str] | None = None,
    *,
    notebooks_dir: PathLike | None = None,
    out: PathLike | None = None,
    parameters: Mapping[str, Any] | None = None,
    html: bool = True,
    timeout: int = 900,
    kernel_name: str = "python3",
    progress: Callable[[str], None] | None = None,
) -> list[NotebookRun]:
    """Execute the notebook suite headless into executed ``.ipynb`` and HTML files.

    Each ``notebooks/NN_name.py`` (jupytext percent format) is converted in memory,
    given ``parameters`` papermill-style (a cell tagged ``injected-parameters`` after the
    cell tagged ``parameters``), executed with ``kernel_name`` in the notebooks folder, and
    written without timing metadata, so reruns give the same files.

    Parameters
    ----------
    names : list of str, optional
        Notebook stems or numbers (``"01"``); default every notebook.
    notebooks_dir : path, keyword-only
        The sources (default ``notebooks/``).
    out : path, keyword-only
        Output folder (default ``reports/notebooks``).
    parameters : dict, keyword-only
        Parameter values, e.g. ``{"raw_dir": "my_corpus"}`` to run on your own documents.
        Relative paths in parameters named ``*_dir``, ``*_path``, ``*_file`` are taken
        from the current directory (the kernel itself runs in the notebooks folder).
    html : bool, keyword-only
        Also write HTML.
    timeout : int, keyword-only
        Seconds allowed per cell.
    kernel_name : str, keyword-only
        The Jupyter kernel (``python3``: the Python running this function).

    Returns
    -------
    list of NotebookRun

    Raises
    ------
    NotebookError
        When a cell fails; the executed notebook up to the error is still written.
    OutputFolderError
        Before any notebook runs, when ``out`` holds files this function did not write
        (it is not new, empty, or a folder with the notebooks' ``MANIFEST.csv``). Only the
        files listed there are ever replaced or deleted.

    Examples
    --------
    >>> runs = run_notebooks(["00"])                                    # doctest: +SKIP
    >>> runs = run_notebooks(parameters={"raw_dir": "my_corpus"},
    ...                      out="my_reports")                             # doctest: +SKIP
    """
    folder = _notebooks_dir(notebooks_dir)
    suite = notebook_sources(folder)
    sources = _select(suite, names)
    target = Path(out) if out is not None else default_reports_dir() / "notebooks"
    outputs = {f"{s.stem}.{ext}": s.stem for s in sources for ext in ("ipynb", "html")}
    old = claim_folder(target, command="notebooks", columns=NOTEBOOK_MANIFEST_COLUMNS,
                       will_write=outputs,
                       # the default folder of a version that kept no manifest
                       adopt={f"{s.stem}.{e}" for s in suite for e in ("ipynb", "html")}
                       if out is None else None)
    written: list[Path] = []
    try:
        return _run_each(sources, folder, target, parameters, html, timeout, kernel_name,
                         progress, written)
    finally:
        if written:
            _write_manifest(target, old, written, outputs, whole=not names)


def _write_manifest(target: Path, old: list[dict[str, str]], written: list[Path],
                    outputs: Mapping[str, str], *, whole: bool) -> None:
    """The notebooks' MANIFEST.csv: the files written now, plus (after a partial run) the
    earlier ones still there; after a whole run, earlier files not rewritten are removed."""
    names = {p.name for p in written}
    rows = [{"file": p.name, "notebook": outputs[p.name], "sha256": file_sha256(p)}
            for p in written]
    if whole:
        remove_stale(target, old, names)
    else:
        rows += [r for r in old if r.get("file") not in names
                 and (target / r.get("file", "")).is_file()]
    table = pd.DataFrame(rows, columns=NOTEBOOK_MANIFEST_COLUMNS)
    write_csv(table.sort_values("file", kind="stable").reset_index(drop=True),
              target / MANIFEST)


def _run_each(sources: list[Path], folder: Path, target: Path,
              parameters: Mapping[str, Any] | None, html: bool, timeout: int,
              kernel_name: str, progress: Callable[[str], None] | None,
              written: list[Path]) -> list[NotebookRun]:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    runs = []
    for source in sources:
        if progress:
            progress(source.stem)
        nb = _prepare(source, parameters, kernel_name)
        client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                                record_timing=False, allow_errors=False,
                                resources={"metadata": {"path": str(folder)}},
                                # the kernel's own log (a notice about local TCP) is noise
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        t0 = time.perf_counter()
        failure: CellExecutionError | None = None
        try:
            client.execute()
        except CellExecutionError as exc:
            failure = exc
        seconds = time.perf_counter() - t0
        for cell in nb.cells:
            cell.get("metadata", {}).pop("execution", None)
        ipynb = target / f"{source.stem}.ipynb"
        written.append(write_text(ipynb, nbformat.writes(nb) + "\n"))
        html_path = None
        if html:
            from nbconvert import HTMLExporter

            body, _ = HTMLExporter(template_name="lab").from_notebook_node(
                nb, resources={"metadata": {"name": source.stem}})
            html_path = write_text(target / f"{source.stem}.html", body)
            written.append(html_path)
        if failure is not None:
            where = next((i for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
                          if o.get("output_type") == "error"), None)
            code = nb.cells[where].source.strip().splitlines() if where is not None else []
            line = f" (cell {where}: {code[0][:80]!r}{' ...' if len(code) > 1 else ''})" \
                if code else ""
            raise NotebookError(f"{source}{line} failed with {failure.ename}: "
                                f"{failure.evalue}; the executed copy up to the error is "
                                f"{ipynb}")
        found = [t.strip() for t in _stderr_text(nb) if "Warning" in t or "missing from" in t]
        runs.append(NotebookRun(source, ipynb, html_path, seconds, found))
    return runs
