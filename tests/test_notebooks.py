"""The notebook suite: well-formed sources, and every notebook executes headless on the
default corpus (and on a researcher's own folder by a parameter change) without an error or
a missing-glyph warning."""

from __future__ import annotations

import ast
import csv
import hashlib
import re

import jupytext
import nbformat
import pytest

from analysis.report import _monolith as report
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
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
    assert last.cell_type == "markdown" and last.source.startswith("## What the figures show")
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


def _outputs(nb):
    for cell in nb.cells:
        yield from cell.get("outputs", [])


def _check_clean(nb, name):
    errors = [o for o in _outputs(nb) if o.get("output_type") == "error"]
    assert not errors, f"{name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    stderr = "".join(o.get("text", "") for o in _outputs(nb)
                     if o.get("output_type") == "stream" and o.get("name") == "stderr")
    assert not re.search(r"Glyph .* missing|missing from font", stderr), stderr
    assert "Warning" not in stderr, stderr
    images = [o for o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert images, f"{name}: shows no figure"


@pytest.mark.slow
@pytest.mark.parametrize("name", IDS)
def test_notebook_executes_on_the_default_corpus(name, built, tmp_path):
    runs = report.run_notebooks([name], out=tmp_path,
                                parameters={"processed_dir": str(built.out_dir)})
    (run,) = runs
    assert run.warnings == []
    nb = nbformat.read(run.ipynb, as_version=4)
    _check_clean(nb, name)
    html = run.html.read_text(encoding="utf-8")
    assert "What the figures show" in html and "data:image/png;base64" in html
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(built.out_dir) in injected[0].source


@pytest.mark.slow
def test_executed_notebooks_are_reproducible(built, tmp_path):
    params = {"processed_dir": str(built.out_dir)}
    (a,) = report.run_notebooks(["00"], out=tmp_path / "a", parameters=params)
    (b,) = report.run_notebooks(["00"], out=tmp_path / "b", parameters=params)
    assert a.ipynb.read_bytes() == b.ipynb.read_bytes()
    assert a.html.read_bytes() == b.html.read_bytes()
    assert b'"execution"' not in a.ipynb.read_bytes()


def _policy(title: str, body: str) -> str:
    """A small document with the outline real policy texts have (一、 > (一))."""
    parts = [title]
    for i, head in enumerate(["一、总体要求", "二、重点任务", "三、保障措施"]):
        parts.append(head)
        parts += [f"({n}){body}" for n in "一二"[: 1 + i % 2]]
    return "\n".join(parts)


OWN = {
    "hz_2012": _policy("关于加快建设创新型城市的行动计划",
                       "加强知识产权保护，推进产学研合作，支持企业研发投入，建设科技创新平台，"
                       "引进高层次人才，培育高新技术企业。"),
    "hz_2021": _policy("关于实施创新驱动发展战略的意见",
                       "支持科技型中小企业和专精特新企业发展，完善科技金融服务，建设孵化器和"
                       "众创空间，加强人才引进，推动科技成果转化。"),
    "nb_2022": _policy("关于推进数字化转型的若干措施",
                       "建设创新联合体，开展揭榜挂帅，支持新型研发机构，加大研发投入，完善科技"
                       "特派员制度，落实财政补助和税收优惠政策。"),
}


@pytest.mark.slow
def test_a_notebook_runs_on_your_own_folder_by_a_parameter_change(make_corpus, tmp_path):
    rows = [{"doc_id": "hz_2012", "file": "hz_2012.txt", "city": "杭州市", "year": "2012"},
            {"doc_id": "hz_2021", "file": "hz_2021.txt", "city": "杭州市", "year": "2021"},
            {"doc_id": "nb_2022", "file": "nb_2022.txt", "city": "宁波市", "year": "2022"}]
    raw = make_corpus(OWN, rows=rows)
    (run,) = report.run_notebooks(["01"], out=tmp_path / "out",
                                  parameters={"raw_dir": str(raw), "per": "city"})
    nb = nbformat.read(run.ipynb, as_version=4)
    _check_clean(nb, "01 on an own corpus")
    text = "".join(o.get("data", {}).get("text/plain", "") for o in _outputs(nb))
    assert "hz_2021" in text and "built in memory" in text
    assert "xinji_2022" not in text
    assert sorted(p.name for p in raw.iterdir()) == ["hz_2012.txt", "hz_2021.txt",
                                                     "metadata.csv", "nb_2022.txt"]


@pytest.mark.slow
def test_theme_and_era_notebooks_run_on_a_one_era_folder(make_corpus, tmp_path):
    """03 and 04 on a corpus with one era and none of the default documents: the era
    comparisons are empty and say so, the evidence quotes the corpus's own densest
    document."""
    rows = [{"doc_id": "hz_2021", "file": "hz_2021.txt", "city": "杭州市", "year": "2021"},
            {"doc_id": "nb_2022", "file": "nb_2022.txt", "city": "宁波市", "year": "2022"},
            {"doc_id": "wz_2023", "file": "wz_2023.txt", "city": "温州市", "year": "2023"}]
    texts = {"hz_2021": OWN["hz_2021"], "nb_2022": OWN["nb_2022"],
             "wz_2023": OWN["hz_2012"].replace("行动计划", "实施方案")}
    raw = make_corpus(texts, rows=rows)
    runs = report.run_notebooks(["03", "04"], out=tmp_path / "out",
                                parameters={"raw_dir": str(raw)})
    for run in runs:
        nb = nbformat.read(run.ipynb, as_version=4)
        _check_clean(nb, f"{run.source.stem} on a one-era corpus")
        text = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                       for o in _outputs(nb))
        assert "xinji_2022" not in text and "tonghua" not in text
        if run.source.stem.startswith("03"):
            assert "【" in text  # quotes of the clauses behind the finance count
            assert "three documents are few" in text
        else:
            assert "Empty DataFrame" in text  # no second era: nothing to compare


def test_a_failing_notebook_names_the_notebook_and_keeps_its_output(tmp_path):
    src = tmp_path / "nbs"
    src.mkdir()
    (src / "00_broken.py").write_text(
        '# %% [markdown]\n# **Question** x\n\n# %% tags=["parameters"]\nx = 1\n\n'
        '# %%\nraise ValueError("boom in the notebook")\n', encoding="utf-8")
    with pytest.raises(report.NotebookError, match=r"00_broken.*boom in the notebook"):
        report.run_notebooks(notebooks_dir=src, out=tmp_path / "out", html=False)
    assert (tmp_path / "out" / "00_broken.ipynb").is_file()
    with pytest.raises(ValueError, match="not in the suite"):
        report.run_notebooks(["99"], notebooks_dir=src, out=tmp_path / "out")


def _docs_manifest() -> list[dict[str, str]]:
    with open(ROOT / "docs" / "img" / "MANIFEST.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_readme_figures_are_committed_with_their_checksums():
    img = ROOT / "docs" / "img"
    rows = _docs_manifest()
    assert sorted(r["figure"] for r in rows) == sorted(report.README_FIGURES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in rows:
        assert hashlib.sha256((img / r["file"]).read_bytes()).hexdigest() == r["sha256"]
        assert f"docs/img/{r['file']}" in readme, f"README does not show {r['file']}"


@pytest.mark.slow
def test_readme_figures_are_current(built, tmp_path):
    """docs/img/ holds what the code draws now; if not, run `make readme-figures`."""
    manifest = report.make_figures(built.out_dir, tmp_path, formats=("png",),
                                   only=report.README_FIGURES, dpi=report.README_DPI)
    committed = {r["file"]: r["sha256"] for r in _docs_manifest()}
    now = dict(zip(manifest["file"], manifest["sha256"], strict=True))
    stale = sorted(f for f in now if committed.get(f) != now[f])
    assert not stale, f"docs/img is out of date for {stale}: run `make readme-figures`"
