"""The figure catalog, `policy-lens figures`, `policy-lens export` and load_tables."""

from __future__ import annotations

import csv
import hashlib
import inspect
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import analysis as pl
from analysis.cli import main
from analysis.cli.notebooks import parse_param
from analysis.report import _monolith as report
from tests.conftest import DOC_IDS, ROOT

NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="module")
def tables(built):
    return pl.Tables(built.out_dir)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# ----------------------------------------------------------------- the catalog


def test_catalog_names_are_unique_file_stems():
    names = [s.name for s in report.FIGURES]
    assert len(names) == len(set(names))
    for s in report.FIGURES:
        assert ("{value}" in s.name) == (s.each is not None), s.name
        assert s.name.replace("{value}", "x").replace("_", "").isalnum(), s.name


def test_catalog_functions_take_tables_and_english():
    for s in report.FIGURES:
        func = report._resolve(s.function)
        params = inspect.signature(func).parameters
        assert "english" in params and params["english"].kind == inspect.Parameter.KEYWORD_ONLY
        positional = [p for p in params.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        assert len(s.tables) <= len(positional), s.name
        assert set(s.params) <= set(params), s.name


def test_catalog_inputs_are_build_tables_or_views(tables):
    known = set(tables) | set(report.VIEWS)
    for s in report.FIGURES:
        assert set(s.tables) <= known, s.name
    for name, view in report.VIEWS.items():
        assert set(view.tables) <= known, name


def test_every_figure_is_shown_by_its_notebook():
    """The catalog names a notebook that exists and calls the figure's function."""
    for s in report.FIGURES:
        source = NOTEBOOKS / f"{s.notebook}.py"
        assert source.is_file(), f"{s.name}: no notebook {source.name}"
        func = s.function.split(":")[1]
        assert f"{func}(" in source.read_text(encoding="utf-8"), (s.name, source.name)


def test_readme_figures_are_in_the_catalog():
    names = {s.name for s in report.FIGURES}
    assert set(report.README_FIGURES) <= names


def test_catalog_table():
    t = pl.catalog_table()
    assert list(t.columns) == ["figure", "notebook", "function", "tables", "params", "each"]
    assert len(t) == len(report.FIGURES)


@pytest.mark.parametrize("english", [False, True])
def test_every_catalog_figure_draws_without_missing_glyphs(tables, english):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a "Glyph ... missing" warning fails the test
        for s in report.FIGURES:
            drawn = pl.draw_figure(s, tables, english=english)
            assert drawn, s.name
            for stem, fig in drawn:
                FigureCanvasAgg(fig).draw()
                title = fig._suptitle.get_text() if fig._suptitle else ""
                title = title or " ".join(ax.get_title(loc="left") + ax.get_title()
                                          for ax in fig.axes)
                assert title.strip(), f"{stem}: no title"


def test_each_makes_one_figure_per_value(tables):
    drawn = pl.draw_figure("wordcloud_{value}", tables)
    assert [stem for stem, _ in drawn] == [f"wordcloud_{d}" for d in DOC_IDS]
    eras = pl.draw_figure("wordcloud_era_{value}", tables)
    assert [stem for stem, _ in eras] == ["wordcloud_era_2010s", "wordcloud_era_2020s"]


def test_unknown_figure_and_table_are_named(tables):
    with pytest.raises(ValueError, match="no_such_figure"):
        pl.draw_figure("no_such_figure", tables)
    with pytest.raises(report.MissingTableError, match="policy-lens build"):
        tables["themes"]


# ----------------------------------------------------------------- make_figures

SUBSET = ["corpus_lengths", "keyword_heatmap", "wordclouds_eras"]


def test_make_figures_writes_files_and_a_true_manifest(tables, tmp_path):
    manifest = pl.make_figures(tables, tmp_path, only=SUBSET, formats=("png", "svg", "pdf"),
                               dpi=72)
    files = sorted(p.name for p in tmp_path.iterdir() if p.name != "MANIFEST.csv")
    assert files == sorted(manifest["file"])
    assert len(files) == 3 * 3
    rows = read_manifest(tmp_path / "MANIFEST.csv")
    assert list(rows[0]) == report.MANIFEST_COLUMNS
    for row in rows:
        assert sha(tmp_path / row["file"]) == row["sha256"]
        assert row["notebook"] and ":" in row["function"]
    assert not list(tmp_path.glob(".*tmp"))
    png = (tmp_path / "corpus_lengths.png").read_bytes()
    assert png.startswith(b"\x89PNG") and b"Software" not in png
    assert b"<dc:date>" not in (tmp_path / "corpus_lengths.svg").read_bytes()


def test_rerun_in_a_new_process_reproduces_the_checksums(built, tmp_path):
    """A student's rerun gives the same bytes: the manifests of two runs are equal."""
    first, second = tmp_path / "a", tmp_path / "b"
    pl.make_figures(built.out_dir, first, only=SUBSET, formats=("png", "svg", "pdf"), dpi=72)
    cmd = [sys.executable, "-m", "analysis", "figures", "--processed", str(built.out_dir),
           "--out", str(second), "--formats", "png,svg,pdf", "--dpi", "72", "--only", *SUBSET]
    subprocess.run(cmd, check=True, capture_output=True)
    assert (first / "MANIFEST.csv").read_bytes() == (second / "MANIFEST.csv").read_bytes()


def test_only_accepts_one_file_of_a_per_document_figure(tables, tmp_path):
    manifest = pl.make_figures(tables, tmp_path, only=["wordcloud_xinji_2022"],
                               formats=("png",), dpi=40)
    assert list(manifest["file"]) == ["wordcloud_xinji_2022.png"]
    with pytest.raises(ValueError, match="wordcloud_nowhere"):
        pl.make_figures(tables, tmp_path, only=["wordcloud_nowhere"], formats=("png",))


def test_only_keeps_the_other_entries_and_a_full_run_removes_stale_files(tables, tmp_path):
    pl.make_figures(tables, tmp_path, only=["corpus_lengths"], formats=("png",), dpi=50)
    pl.make_figures(tables, tmp_path, only=["corpus_documents"], formats=("png",), dpi=50)
    assert {r["figure"] for r in read_manifest(tmp_path / "MANIFEST.csv")} == {
        "corpus_lengths", "corpus_documents"}
    small = [s for s in report.FIGURES if s.name == "corpus_documents"]
    pl.make_figures(tables, tmp_path, formats=("png",), dpi=50, catalog=small)
    assert not (tmp_path / "corpus_lengths.png").exists()
    assert [r["figure"] for r in read_manifest(tmp_path / "MANIFEST.csv")] == [
        "corpus_documents"]


def draw_emoji(documents, *, english=False):
    from analysis.plots import new_figure

    fig, ax = new_figure(width=3, height=2)
    ax.set_title("科技 \U0001F680")
    return fig


def test_a_missing_glyph_fails_the_figure(tables, tmp_path):
    spec = report.FigureSpec("emoji", "00_corpus_overview", "tests.test_report:draw_emoji",
                             ("documents",))
    with pytest.raises(RuntimeError, match=r"emoji.*missing"):
        pl.make_figures(tables, tmp_path, formats=("png",), dpi=50, catalog=[spec])


def test_figures_command(built, tmp_path, capsys, monkeypatch):
    assert main(["figures", "--list"]) == 0
    assert "keyword_heatmap" in capsys.readouterr().out
    code = main(["figures", "--processed", str(built.out_dir), "--out", str(tmp_path),
                 "--only", "corpus_lengths", "--formats", "png", "--dpi", "50", "--english"])
    assert code == 0 and (tmp_path / "corpus_lengths.png").is_file()
    assert main(["figures", "--processed", str(tmp_path / "nothing")]) == 2
    assert "policy-lens build" in capsys.readouterr().err
    spec = report.FigureSpec("x", "03_themes", "analysis.plots.corpus:plot_document_lengths",
                             ("theme_scores",))
    monkeypatch.setattr(report, "FIGURES", [spec])
    assert main(["figures", "--processed", str(built.out_dir), "--out", str(tmp_path)]) == 2
    assert "'theme_scores' is not in" in capsys.readouterr().err


# ----------------------------------------------------------------- export


def test_export_writes_csv_with_bom_and_a_workbook_matching_them(built, tmp_path):
    summary = pl.export_tables(built.out_dir, tmp_path)
    exported = sorted(summary.loc[summary["csv"] != "", "table"])
    # every table the build wrote, except the one-row-per-token table (left out by default)
    assert exported == sorted(set(built.tables) - {"tokens"})
    assert {"documents", "terms", "clauses", "theme_counts", "targets"} <= set(exported)
    for name in exported:
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
    book = pd.read_excel(tmp_path / report.WORKBOOK, sheet_name=None)
    assert list(book) == ["README", *exported]
    for name in exported:
        csv_df = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig")
        assert book[name].shape == csv_df.shape
        assert list(book[name].columns) == list(csv_df.columns)
    terms = pd.read_parquet(built.out_dir / "terms.parquet")
    assert len(book["terms"]) == len(terms)
    assert "text" not in book["documents"].columns
    readme = book["README"].set_index("table")
    assert "include-tokens" in readme.loc["tokens", "note"]
    manifest = read_manifest(tmp_path / "MANIFEST.csv")
    assert {r["file"] for r in manifest} == {f"{n}.csv" for n in exported} | {report.WORKBOOK}


def test_export_is_byte_reproducible(built, tmp_path):
    pl.export_tables(built.out_dir, tmp_path / "a")
    time.sleep(1.1)  # a timestamp in seconds would differ now
    pl.export_tables(built.out_dir, tmp_path / "b")
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


def test_export_fits_excel_limits_and_says_so(tmp_path, monkeypatch):
    long = "长" * (report.EXCEL_MAX_CELL_CHARS + 10)
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [long, "x\x07y", "c"],
                       "formula": ["=1+1", "", ""], "tags": [["甲", "乙"], [], ["丙"]]})
    processed = tmp_path / "processed"
    processed.mkdir()
    df.to_parquet(processed / "clauses.parquet")
    monkeypatch.setattr(report, "EXCEL_MAX_ROWS", 3)  # 2 data rows fit
    summary = pl.export_tables(processed, tmp_path / "out").set_index("table")
    note = summary.loc["clauses", "note"]
    assert "first 2 of 3 rows" in note and "cut to 32,767" in note
    assert "control characters" in note and "formulas" in note
    full = pd.read_csv(tmp_path / "out" / "clauses.csv", encoding="utf-8-sig")
    assert len(full) == 3 and len(full.loc[0, "text"]) == len(long)
    assert full.loc[0, "tags"] == "甲、乙"
    sheet = pd.read_excel(tmp_path / "out" / report.WORKBOOK, sheet_name="clauses")
    assert len(sheet) == 2
    assert len(sheet.loc[0, "text"]) == report.EXCEL_MAX_CELL_CHARS
    assert sheet.loc[0, "text"].endswith("full text in clauses.csv]")
    assert sheet.loc[1, "text"] == "xy"
    assert sheet.loc[0, "formula"] == " =1+1"


def test_export_options(built, tmp_path, capsys):
    summary = pl.export_tables(built.out_dir, tmp_path, include_tokens=True, xlsx=False)
    assert (tmp_path / "tokens.csv").is_file() and not (tmp_path / report.WORKBOOK).exists()
    assert summary.set_index("table").loc["tokens", "rows"] > 20_000
    with pytest.raises(ValueError, match="nope"):
        pl.export_tables(built.out_dir, tmp_path, tables=["nope"])
    assert main(["export", "--processed", str(built.out_dir), "--out", str(tmp_path / "c"),
                 "--tables", "keywords"]) == 0
    assert "exported 1 tables" in capsys.readouterr().out


# ----------------------------------------------------------------- load_tables

TEXTS = {
    "a_2012": "加强科技创新，支持企业研发投入。人才引进和平台建设是重点。" * 5,
    "b_2022": "推进科技金融发展，培育科技型中小企业，建设创新平台和孵化器。" * 5,
}


def _rows():
    return [{"doc_id": "a_2012", "file": "a_2012.txt", "city": "甲市", "year": "2012"},
            {"doc_id": "b_2022", "file": "b_2022.txt", "city": "乙市", "year": "2022"}]


@pytest.mark.filterwarnings("ignore:.*no outline.*:analysis.structure.StructureWarning")
def test_load_tables_for_your_own_folder_builds_in_memory(make_corpus):
    raw = make_corpus(TEXTS, rows=_rows())
    tables = pl.load_tables(raw)
    assert tables.folder is None and "built in memory" in repr(tables)
    assert list(tables["documents"]["doc_id"]) == ["a_2012", "b_2022"]
    assert set(tables["terms_by_era"]["era"]) == {"2010s", "2020s"}
    assert sorted(p.name for p in raw.iterdir()) == ["a_2012.txt", "b_2022.txt",
                                                     "metadata.csv"]


@pytest.mark.filterwarnings("ignore:.*no outline.*:analysis.structure.StructureWarning")
def test_load_tables_rebuilds_only_when_the_corpus_changed(make_corpus, tmp_path):
    raw = make_corpus(TEXTS, rows=_rows())
    out = tmp_path / "processed"
    pl.load_tables(raw, out)
    info = out / "build_info.json"
    stamp = info.stat().st_mtime_ns
    assert report._is_fresh(raw, out)
    pl.load_tables(raw, out)
    assert info.stat().st_mtime_ns == stamp
    (raw / "b_2022.txt").write_text(TEXTS["b_2022"] + "揭榜挂帅。", encoding="utf-8")
    assert not report._is_fresh(raw, out)
    tables = pl.load_tables(raw, out)
    assert "揭榜挂帅" in set(tables["terms"]["term"])


def test_load_tables_documents_subset(built):
    tables = pl.load_tables(processed_dir=built.out_dir, rebuild=False,
                            documents=["xinji_2022", "tonghua_2012"])
    assert set(tables["terms"]["doc_id"]) == {"xinji_2022", "tonghua_2012"}
    assert set(tables["terms_by_era"]["era"]) == {"2010s", "2020s"}
    with pytest.raises(ValueError, match="beijing_2020"):
        pl.load_tables(processed_dir=built.out_dir, rebuild=False, documents=["beijing_2020"])


def test_tables_folder_errors_name_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="policy-lens build"):
        pl.Tables(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match=r"no \.parquet tables"):
        pl.Tables(tmp_path)


# ----------------------------------------------------------------- notebook parameters


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
    import jupytext

    monkeypatch.chdir(tmp_path)
    nb = jupytext.read(NOTEBOOKS / "01_word_frequencies.py")
    nb = report._inject_parameters(nb, {"raw_dir": "my_corpus", "english": True,
                                        "keywords": ["人才"]}, Path("01"))
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = tags.index(["parameters"])
    assert tags[at + 1] == ["injected-parameters"]
    src = nb.cells[at + 1].source
    assert f"raw_dir = {str(tmp_path / 'my_corpus')!r}" in src
    assert "english = True" in src and "keywords = ['人才']" in src
    again = report._inject_parameters(nb, {"english": False}, Path("01"))
    assert [t for t in (c.metadata.get("tags", []) for c in again.cells)
            if t == ["injected-parameters"]] == [["injected-parameters"]]
    with pytest.raises(ValueError, match="use text, numbers"):
        report._inject_parameters(nb, {"x": object()}, Path("01"))
