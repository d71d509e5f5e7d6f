"""The figure catalog: every entry names a real function, real tables and its notebook."""

from __future__ import annotations

import inspect

import pytest

from analysis.report import FIGURES, README_FIGURES, VIEWS, catalog_table
from analysis.report.catalog import FigureSpec, resolve_function
from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"


def test_catalog_names_are_unique_file_stems():
    names = [s.name for s in FIGURES]
    assert len(names) == len(set(names))
    for s in FIGURES:
        assert ("{value}" in s.name) == (s.each is not None), s.name
        assert s.name.replace("{value}", "x").replace("_", "").isalnum(), s.name


def test_catalog_functions_take_tables_and_english():
    for s in FIGURES:
        func = resolve_function(s.function)
        params = inspect.signature(func).parameters
        assert "english" in params and params["english"].kind == inspect.Parameter.KEYWORD_ONLY
        positional = [p for p in params.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        assert len(s.tables) <= len(positional), s.name
        assert set(s.params) <= set(params), s.name


def test_catalog_views_resolve():
    for name, view in VIEWS.items():
        assert callable(resolve_function(view.function)), name


def test_catalog_inputs_are_build_tables_or_views(small_tables):
    known = set(small_tables) | set(VIEWS)
    for s in FIGURES:
        assert set(s.tables) <= known, s.name
    for name, view in VIEWS.items():
        assert set(view.tables) <= known, name


def test_every_figure_is_shown_by_its_notebook():
    """The catalog names a notebook that exists and calls the figure's function."""
    for s in FIGURES:
        source = NOTEBOOKS / f"{s.notebook}.py"
        assert source.is_file(), f"{s.name}: no notebook {source.name}"
        func = s.function.split(":")[1]
        assert f"{func}(" in source.read_text(encoding="utf-8"), (s.name, source.name)


def test_readme_figures_are_in_the_catalog():
    assert set(README_FIGURES) <= {s.name for s in FIGURES}


def test_catalog_table():
    t = catalog_table()
    assert list(t.columns) == ["figure", "notebook", "function", "tables", "params", "each"]
    assert len(t) == len(FIGURES)
    own = catalog_table([FigureSpec("x", "00_corpus_overview", "m:f", ("a", "b"), {"n": 3},
                                    each="doc_id")])
    assert own.iloc[0].to_dict() == {"figure": "x", "notebook": "00_corpus_overview",
                                     "function": "m:f", "tables": "a, b", "params": "n=3",
                                     "each": "doc_id"}


def test_a_bad_function_name_says_how_to_write_it():
    with pytest.raises(ValueError, match=r"package\.module:function"):
        resolve_function("analysis.plots.corpus:no_such_plot")
    with pytest.raises(ValueError, match="cannot import"):
        resolve_function("analysis.no_such_module:f")
