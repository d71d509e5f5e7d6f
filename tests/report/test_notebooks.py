"""The notebook suite's sources and the runner's parameters (executing the notebooks is in
tests/e2e/test_notebooks.py)."""

from __future__ import annotations

import ast
import csv
import hashlib
from pathlib import Path

import jupytext
import nbformat
import pytest

from analysis.cli.notebooks import parse_param
from analysis.report import README_FIGURES, run_notebooks
from analysis.report.notebooks import inject_parameters, notebook_sources
from tests.conftest import ROOT

NOTEBOOKS = notebook_sources()
IDS = [p.stem for p in NOTEBOOKS]
PARAMETERS = {"raw_dir", "processed_dir", "documents", "english"}


def test_the_suite_is_numbered_in_reading_order():
    assert IDS[:3] == ["00_corpus_overview", "01_word_frequencies",
                       "02_tfidf_distinctive_terms"]
    numbers = [s[:2] for s in IDS]
    assert numbers == sorted(set(numbers)), "two notebooks share a number"
    assert not list((ROOT / "notebooks").glob("*.ipynb")), "commit .py sources only"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_source_shape(path):
    nb = jupytext.read(path)
    cells = nb.cells
    first, last = cells[0], cells[-1]
    assert first.cell_type == "markdown" and "**Question" in first.source, \
        "open with the question the notebook answers"
    closing = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
               and c.source.startswith("## What the figures show")]
    assert len(closing) == 1, "one closing 'What the figures show' section"
    tail = "\n".join(c.source for c in cells[closing[0]:] if c.cell_type == "code")
    assert f'notebook_reading(tables, "{path.stem}"' in tail, \
        "the closing reading is computed from the corpus loaded"
    assert last.cell_type == "code" and "hand_written_reading(" in last.source
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    names = {t.id for node in ast.parse(tagged[0].source).body if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name)}
    assert names >= PARAMETERS
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    imported = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported == {"analysis"}, "notebooks call the library only"
    assert "pl.notebook_setup()" in code


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_sources_are_in_canonical_jupytext_form(path):
    """Saving from JupyterLab (jupytext) rewrites nothing: the diff stays the edit."""
    text = path.read_text(encoding="utf-8")
    assert jupytext.writes(jupytext.reads(text, fmt="py:percent"), fmt="py:percent") == text


# ----------------------------------------------------------------- parameters


@pytest.mark.parametrize(("text", "expected"), [
    ("raw_dir=my_corpus", ("raw_dir", "my_corpus")),
    ("english=True", ("english", True)),
    ("documents=['a', 'b']", ("documents", ["a", "b"])),
    ("n_words=10", ("n_words", 10)),
])
def test_parse_param(text, expected):
    assert parse_param(text) == expected


def test_parse_param_rejects_a_bad_name():
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_param("no equals sign")


def test_injected_parameters_follow_papermill_and_resolve_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    nb = jupytext.read(ROOT / "notebooks" / "01_word_frequencies.py")
    nb = inject_parameters(nb, {"raw_dir": "my_corpus", "english": True,
                                "keywords": ["人才"]}, source=Path("01"))
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = tags.index(["parameters"])
    assert tags[at + 1] == ["injected-parameters"]
    src = nb.cells[at + 1].source
    assert f"raw_dir = {str(tmp_path / 'my_corpus')!r}" in src
    assert "english = True" in src and "keywords = ['人才']" in src
    again = inject_parameters(nb, {"english": False})
    assert [t for t in (c.metadata.get("tags", []) for c in again.cells)
            if t == ["injected-parameters"]] == [["injected-parameters"]]
    with pytest.raises(ValueError, match="use text, numbers"):
        inject_parameters(nb, {"x": object()})
    with pytest.raises(ValueError, match="not a Python name"):
        inject_parameters(nb, {"not a name": 1})
    with pytest.raises(ValueError, match="no cell tagged 'parameters'"):
        inject_parameters(nbformat.v4.new_notebook(), {"x": 1}, source="plain.ipynb")


def test_unknown_notebooks_and_folders_are_named(tmp_path):
    (tmp_path / "00_first.py").write_text("# %%\nx = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not in the suite; notebooks: 00_first"):
        run_notebooks(["99"], notebooks_dir=tmp_path, out=tmp_path / "out")
    with pytest.raises(FileNotFoundError, match="--notebooks DIR"):
        run_notebooks(notebooks_dir=tmp_path / "nowhere")


# ----------------------------------------------------------------- README figures


def test_readme_figures_are_committed_with_their_checksums():
    img = ROOT / "docs" / "img"
    with open(img / "MANIFEST.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["figure"] for r in rows) == sorted(README_FIGURES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in rows:
        assert hashlib.sha256((img / r["file"]).read_bytes()).hexdigest() == r["sha256"]
        assert f"docs/img/{r['file']}" in readme, f"README does not show {r['file']}"
