"""The layout's promises: imports go one way, subpackages share only public names, modules
stay small, comments carry no history. README's "Architecture" section describes them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "analysis"
FILES = sorted(PACKAGE.rglob("*.py"))
#: Modules allowed over 600 lines, each one cohesive thing.
LARGE_OK: dict[str, str] = {}


def _name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")


MODULES = {_name(p) for p in FILES}


def _imports(path: Path, *, top_level: bool) -> list[tuple[str, str, int]]:
    """``(imported module, imported name, line)`` of the ``analysis`` imports of a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level else list(ast.walk(tree))
    out = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis"):
            out += [(node.module, a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names
                    if a.name.startswith("analysis")]
    return out


def test_no_import_cycles_between_modules():
    graph = nx.DiGraph()
    for path in FILES:
        for module, name, _ in _imports(path, top_level=True):
            sub = f"{module}.{name}"
            graph.add_edge(_name(path), sub if sub in MODULES else module)
    assert list(nx.simple_cycles(graph)) == []


def _subpackage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_private_name_crosses_a_subpackage():
    crossing = [f"{path.relative_to(SRC)}:{line} {module}.{name}"
                for path in FILES
                for module, name, line in _imports(path, top_level=False)
                if name.startswith("_") and _subpackage(module) != _subpackage(_name(path))]
    assert crossing == []


def test_analysis_modules_parse_no_arguments():
    # the command line lives in analysis.cli, one module per command
    users = [str(p.relative_to(SRC)) for p in FILES
             if "argparse" in p.read_text(encoding="utf-8") and p.parent.name != "cli"]
    assert users == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= 600 or _name(path) in LARGE_OK, f"{path.name}: {n} lines; split it by job"


_HISTORY = re.compile(r"#.*\b(?:issue|nb-\w+)\s*#?\d*", re.IGNORECASE)


def test_comments_explain_code_not_history():
    found = [f"{p.relative_to(SRC)}:{i}: {line.strip()}"
             for p in FILES for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if _HISTORY.search(line)]
    assert found == []



def test_every_module_and_docstring_example_compiles_without_a_warning():
    # an invalid escape in a non-raw string warns, and is a SyntaxError under
    # ``python -W error``; a docstring's example is compiled from the docstring's text, so
    # an escape doubled once too few there shows only when the example runs
    import doctest
    import warnings

    parser = doctest.DocTestParser()
    for path in FILES:
        source = path.read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tree = compile(source, str(path), "exec", ast.PyCF_ONLY_AST)
            for node in ast.walk(tree):
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                     ast.AsyncFunctionDef)):
                    doc = ast.get_docstring(node, clean=False) or ""
                    for ex in parser.get_examples(doc):
                        compile(ex.source, f"{path}:{node.__class__.__name__}", "single")
