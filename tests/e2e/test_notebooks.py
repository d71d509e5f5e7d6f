"""The notebook suite executed headless: on the default corpus (every notebook, without an
error or a missing-glyph warning, reproducibly) and on a researcher's own folder by a
parameter change."""

from __future__ import annotations

import re

import nbformat
import pytest

from analysis.report import NotebookError, run_notebooks
from analysis.report.notebooks import notebook_sources
from tests.report.small_corpus import OWN, write_corpus

pytestmark = pytest.mark.slow

IDS = [p.stem for p in notebook_sources()]


def outputs(nb):
    for cell in nb.cells:
        yield from cell.get("outputs", [])


def check_clean(nb, name):
    errors = [o for o in outputs(nb) if o.get("output_type") == "error"]
    assert not errors, f"{name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    stderr = "".join(o.get("text", "") for o in outputs(nb)
                     if o.get("output_type") == "stream" and o.get("name") == "stderr")
    assert not re.search(r"Glyph .* missing|missing from font", stderr), stderr
    assert "Warning" not in stderr, stderr
    images = [o for o in outputs(nb) if "image/png" in o.get("data", {})]
    assert images, f"{name}: shows no figure"


def shown_text(nb) -> str:
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                   for o in outputs(nb))


@pytest.fixture(scope="module")
def default_runs(built, tmp_path_factory):
    """Every notebook, executed once on the default build."""
    runs = run_notebooks(out=tmp_path_factory.mktemp("notebooks"),
                         parameters={"processed_dir": str(built.out_dir)})
    return {run.source.stem: run for run in runs}


@pytest.mark.parametrize("name", IDS)
def test_notebook_executes_on_the_default_corpus(name, default_runs, built):
    run = default_runs[name]
    assert run.warnings == []
    nb = nbformat.read(run.ipynb, as_version=4)
    check_clean(nb, name)
    html = run.html.read_text(encoding="utf-8")
    assert "What the figures show" in html and "data:image/png;base64" in html
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(built.out_dir) in injected[0].source


def test_executed_notebooks_are_reproducible(default_runs, built, tmp_path):
    first = default_runs["00_corpus_overview"]
    (again,) = run_notebooks(["00"], out=tmp_path, parameters={"processed_dir": str(built.out_dir)})
    assert first.ipynb.read_bytes() == again.ipynb.read_bytes()
    assert first.html.read_bytes() == again.html.read_bytes()
    assert b'"execution"' not in again.ipynb.read_bytes()


def test_a_failing_notebook_names_the_notebook_and_keeps_its_output(tmp_path):
    src = tmp_path / "nbs"
    src.mkdir()
    (src / "00_broken.py").write_text(
        '# %% [markdown]\n# **Question** x\n\n# %% tags=["parameters"]\nx = 1\n\n'
        '# %%\nraise ValueError("boom in the notebook")\n', encoding="utf-8")
    with pytest.raises(NotebookError, match=r"00_broken.*cell 2.*boom in the notebook"):
        run_notebooks(notebooks_dir=src, out=tmp_path / "out", html=False)
    assert (tmp_path / "out" / "00_broken.ipynb").is_file()


# ----------------------------------------------------------------- your own folder

TWO_ERAS = [{"doc_id": "hz_2012", "file": "hz_2012.txt", "city": "杭州市", "year": "2012"},
            {"doc_id": "hz_2021", "file": "hz_2021.txt", "city": "杭州市", "year": "2021"},
            {"doc_id": "nb_2022", "file": "nb_2022.txt", "city": "宁波市", "year": "2022"}]


def test_a_notebook_runs_on_your_own_folder_by_a_parameter_change(tmp_path):
    raw = write_corpus(tmp_path / "raw", OWN, TWO_ERAS)
    (run,) = run_notebooks(["01"], out=tmp_path / "out", html=False,
                           parameters={"raw_dir": str(raw), "per": "city"})
    nb = nbformat.read(run.ipynb, as_version=4)
    check_clean(nb, "01 on an own corpus")
    text = shown_text(nb)
    assert "hz_2021" in text and "built in memory" in text
    assert "xinji_2022" not in text
    assert sorted(p.name for p in raw.iterdir()) == ["hz_2012.txt", "hz_2021.txt",
                                                     "metadata.csv", "nb_2022.txt"]


ONE_ERA = [{"doc_id": "hz_2021", "file": "hz_2021.txt", "city": "杭州市", "year": "2021"},
           {"doc_id": "nb_2022", "file": "nb_2022.txt", "city": "宁波市", "year": "2022"},
           {"doc_id": "wz_2023", "file": "wz_2023.txt", "city": "温州市", "year": "2023"}]
ONE_ERA_TEXTS = {"hz_2021": OWN["hz_2021"], "nb_2022": OWN["nb_2022"],
                 "wz_2023": OWN["hz_2012"].replace("行动计划", "实施方案")}


def test_theme_and_era_notebooks_run_on_a_one_era_folder(tmp_path):
    """03 and 04 on a corpus with one era and none of the default documents: the era
    comparisons are empty and say so, the evidence quotes the corpus's own densest
    document."""
    raw = write_corpus(tmp_path / "raw", ONE_ERA_TEXTS, ONE_ERA)
    runs = run_notebooks(["03", "04"], out=tmp_path / "out", html=False,
                         parameters={"raw_dir": str(raw)})
    for run in runs:
        nb = nbformat.read(run.ipynb, as_version=4)
        check_clean(nb, f"{run.source.stem} on a one-era corpus")
        text = shown_text(nb)
        assert "xinji_2022" not in text and "tonghua" not in text
        if run.source.stem.startswith("03"):
            assert "【" in text  # quotes of the clauses behind the finance count
            assert "three documents are few" in text
        else:
            assert "Empty DataFrame" in text  # no second era: nothing to compare


def test_notebooks_05_and_06_run_on_a_corpus_without_targets_or_a_second_era(tmp_path):
    rows = [dict(r, year="2021") if r["doc_id"] == "hz_2012" else r for r in TWO_ERAS]
    raw = write_corpus(tmp_path / "raw", OWN, rows)
    runs = run_notebooks(["05", "06"], out=tmp_path / "out", html=False,
                         parameters={"raw_dir": str(raw)})
    for run in runs:
        nb = nbformat.read(run.ipynb, as_version=4)
        check_clean(nb, run.source.stem)
        text = "".join(o.get("data", {}).get("text/plain", "") for o in outputs(nb))
        assert "nb_2022" in text and "built in memory" in text
        if run.source.stem == "06_targets":
            assert "nothing to show: no indicator has a target" in text
            assert "nothing to show: no document states a quantitative target" in text


def test_notebooks_07_to_09_run_on_an_own_corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_LENS_REPORTS", str(tmp_path / "reports"))
    raw = write_corpus(tmp_path / "raw", OWN, TWO_ERAS)
    runs = run_notebooks(["07", "08", "09"], out=tmp_path / "out",
                         parameters={"raw_dir": str(raw)}, html=False)
    text = {}
    for run in runs:
        nb = nbformat.read(run.ipynb, as_version=4)
        check_clean(nb, run.source.stem)
        text[run.source.stem] = shown_text(nb)
    assert "nothing to show: no task table" in text["07_similarity_reuse"]
    assert "nothing to show: no task table" in text["08_networks"]
    assert "nothing to show: no |-flattened table" in text["09_clauses_and_evidence"]
    assert (tmp_path / "reports" / "networks" / "cooccurrence_corpus.gexf").is_file()
