"""draw_figure, make_figures (files, MANIFEST.csv, --only) and `policy-lens figures`."""

from __future__ import annotations

import csv
import hashlib
import warnings
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import analysis.report.figures as figures_module
from analysis.cli import main
from analysis.pipeline import build
from analysis.plots import new_figure
from analysis.report import MANIFEST_COLUMNS, FigureSpec, Tables, draw_figure, make_figures

DOCS = pd.DataFrame({"doc_id": ["a_2012", "b_2022"], "city": ["甲市", "乙市"],
                     "year": [2012, 2022], "era": ["2010s", "2020s"]})
NB = "00_corpus_overview"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def draw_title(documents: pd.DataFrame, *, english: bool = False, word: str = "科技"):
    """A tiny figure titled with the documents it was given."""
    fig, ax = new_figure(width=2, height=1.5)
    ax.set_title(f"{word} {','.join(documents['doc_id'])}{' (en)' if english else ''}")
    return fig


def draw_nothing(documents: pd.DataFrame, *, english: bool = False):
    return None


SMALL = [
    FigureSpec("one", NB, "tests.report.test_figures:draw_title", ("documents",)),
    FigureSpec("each_{value}", NB, "tests.report.test_figures:draw_title", ("documents",),
               each="era"),
    FigureSpec("other", "01_word_frequencies", "tests.report.test_figures:draw_title",
               ("documents",), {"word": "人才"}),
]


@pytest.fixture
def tables():
    return Tables(frames={"documents": DOCS})


def test_draw_figure_passes_tables_english_and_params(tables):
    [(stem, fig)] = draw_figure("other", tables, english=True, catalog=SMALL)
    assert stem == "other" and fig.axes[0].get_title() == "人才 a_2012,b_2022 (en)"


def test_each_makes_one_figure_per_value_from_its_rows(tables):
    drawn = draw_figure(SMALL[1], tables)
    assert [stem for stem, _ in drawn] == ["each_2010s", "each_2020s"]
    assert [fig.axes[0].get_title() for _, fig in drawn] == ["科技 a_2012", "科技 b_2022"]
    bad = FigureSpec("bad_{value}", NB, SMALL[1].function, ("documents",), each="city_en")
    with pytest.raises(ValueError, match="each='city_en' is not a column"):
        draw_figure(bad, tables)


def test_unknown_figures_and_non_figures_are_named(tables):
    with pytest.raises(ValueError, match="no_such_figure"):
        draw_figure("no_such_figure", tables)
    spec = FigureSpec("x", NB, "tests.report.test_figures:draw_nothing", ("documents",))
    with pytest.raises(TypeError, match="not a matplotlib Figure"):
        draw_figure(spec, tables)


def test_catalog_figures_draw_from_the_small_build(small_tables):
    clouds = next(s for s in figures_module.FIGURES if s.name == "wordcloud_{value}")
    assert figures_module._stems(clouds, small_tables) == [
        "wordcloud_hz_2012", "wordcloud_hz_2021", "wordcloud_nb_2022"]
    [(stem, fig)] = draw_figure("corpus_lengths", small_tables)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert stem == "corpus_lengths" and ticks == ["宁波市 2022", "杭州市 2021", "杭州市 2012"]


def test_make_figures_writes_files_and_a_true_manifest(tables, tmp_path):
    manifest = make_figures(tables, tmp_path, dpi=40, catalog=SMALL)
    files = sorted(p.name for p in tmp_path.iterdir() if p.name != "MANIFEST.csv")
    assert files == sorted(manifest["file"]) and len(files) == 4 * 2
    rows = read_manifest(tmp_path / "MANIFEST.csv")
    assert list(rows[0]) == MANIFEST_COLUMNS
    assert [r["file"] for r in rows] == sorted(r["file"] for r in rows)
    for row in rows:
        assert sha(tmp_path / row["file"]) == row["sha256"]
        assert row["notebook"] and ":" in row["function"]
    assert not list(tmp_path.glob(".*tmp"))
    png = (tmp_path / "one.png").read_bytes()
    assert png.startswith(b"\x89PNG") and b"Software" not in png
    assert b"<dc:date>" not in (tmp_path / "one.svg").read_bytes()


def test_only_takes_names_notebooks_and_one_file_of_a_per_value_figure(tables, tmp_path):
    def only(*names):
        return make_figures(tables, tmp_path / "_".join(names), formats=("png",), dpi=30,
                            only=names, catalog=SMALL)["file"].tolist()

    assert only("each_2020s") == ["each_2020s.png"]
    assert only("01_word_frequencies") == ["other.png"]
    assert only(NB) == ["each_2010s.png", "each_2020s.png", "one.png"]
    with pytest.raises(ValueError, match="each_nowhere"):
        only("each_nowhere")
    with pytest.raises(ValueError, match="format 'gif'"):
        make_figures(tables, tmp_path, formats=("gif",), catalog=SMALL)


def test_only_keeps_the_other_entries_and_a_full_run_removes_stale_files(tables, tmp_path):
    make_figures(tables, tmp_path, only=["one"], formats=("png",), dpi=30, catalog=SMALL)
    make_figures(tables, tmp_path, only=["other"], formats=("png",), dpi=30, catalog=SMALL)
    assert {r["figure"] for r in read_manifest(tmp_path / "MANIFEST.csv")} == {"one", "other"}
    make_figures(tables, tmp_path, formats=("png",), dpi=30, catalog=SMALL[2:])
    assert not (tmp_path / "one.png").exists()
    assert [r["figure"] for r in read_manifest(tmp_path / "MANIFEST.csv")] == ["other"]


def draw_emoji(documents, *, english=False):
    fig, ax = new_figure(width=3, height=2)
    ax.set_title("科技 \U0001F680")
    return fig


def test_a_missing_glyph_fails_the_figure(tables, tmp_path):
    spec = FigureSpec("emoji", NB, "tests.report.test_figures:draw_emoji", ("documents",))
    with pytest.raises(RuntimeError, match=r"emoji.*missing"):
        make_figures(tables, tmp_path, formats=("png",), dpi=30, catalog=[spec])


def test_figures_command(small_built, tmp_path, capsys, monkeypatch):
    assert main(["figures", "--list"]) == 0
    assert "keyword_heatmap" in capsys.readouterr().out
    code = main(["figures", "--processed", str(small_built.out_dir), "--out", str(tmp_path),
                 "--only", "corpus_lengths", "--formats", "png", "--dpi", "30", "--english"])
    assert code == 0 and (tmp_path / "corpus_lengths.png").is_file()
    assert "wrote 1 files (1 figures)" in capsys.readouterr().out
    assert main(["figures", "--processed", str(tmp_path / "nothing")]) == 2
    assert "policy-lens build" in capsys.readouterr().err
    spec = FigureSpec("x", "03_themes", "analysis.plots.corpus:plot_document_lengths",
                      ("theme_scores",))
    monkeypatch.setattr(figures_module, "FIGURES", [spec])
    assert main(["figures", "--processed", str(small_built.out_dir), "--out",
                 str(tmp_path)]) == 2
    assert "'theme_scores' is not in" in capsys.readouterr().err


def test_a_two_document_corpus_still_draws_every_figure_of_notebooks_07_to_09(make_corpus):
    raw = make_corpus({"a_2021": "一、总体要求\n(一)支持企业研发投入,建设科技创新平台。",
                       "b_2022": "一、重点任务\n(一)完善科技金融服务,推动科技成果转化。"})
    result = build(raw, write=False)
    for name in ("doc_map", "clusters", "topics", "topic_clauses", "copy_ratio"):
        assert name in result.tables and result.tables[name].empty, name
    tables = Tables(frames=result.tables)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for spec in figures_module.FIGURES:
            if spec.notebook.startswith(("07", "08", "09")) and spec.each is None:
                for _stem, fig in draw_figure(spec, tables):
                    FigureCanvasAgg(fig).draw()


def test_group_figures_write_the_numbers_they_plot_beside_the_image(small_tables, tmp_path):
    manifest = make_figures(small_tables, tmp_path, formats=["png"], dpi=30, by="city",
                            only=["theme_shares_group", "theme_trend"])
    assert {"theme_shares_group.csv", "theme_trend.csv"} <= set(manifest["file"])
    shares = pd.read_csv(tmp_path / "theme_shares_group.csv", encoding="utf-8-sig")
    assert set(shares["group"]) == {"宁波市", "杭州市"} and set(shares["by"]) == {"city"}
    assert (shares["ci_low"] <= shares["value"]).all()
    one = shares.loc[shares["group"] == "宁波市", "resampled"].unique().tolist()
    assert one == ["clauses"]


def test_docs_limits_the_per_document_figures(small_tables, tmp_path):
    manifest = make_figures(small_tables, tmp_path, formats=["png"], dpi=30,
                            only=["01_word_frequencies"], docs=["nb_2022"])
    clouds = sorted(f for f in manifest["file"] if f.startswith("wordcloud_") and "era" not in f)
    assert clouds == ["wordcloud_nb_2022.png"]
    with pytest.raises(ValueError, match="--docs"):
        make_figures(small_tables, tmp_path, formats=["png"], only=["top_words"],
                     docs=["no_such_doc"])


def test_by_must_name_a_documents_column(small_tables, tmp_path):
    with pytest.raises(ValueError, match="not a column of the documents table"):
        make_figures(small_tables, tmp_path, formats=["png"], only=["top_words"],
                     by="no_such_column")


def test_workers_write_the_same_files_as_one_process(small_tables, tmp_path):
    names = ["top_words", "keyword_heatmap", "wordclouds_documents", "theme_heatmap",
             "tone_by_document", "theme_shares_group", "similarity_heatmap", "document_map",
             "cooccurrence_network_{value}"]
    specs = [s for s in figures_module.FIGURES if s.name in names]
    one, two = (make_figures(small_tables, tmp_path / str(n), formats=["png", "svg"], dpi=30,
                             catalog=specs, workers=n) for n in (1, 2))
    assert len(one) > len(specs) and one.equals(two)


def test_a_missing_glyph_fails_the_figure_in_a_worker(tables, tmp_path):
    specs = [FigureSpec(f"t{i}", NB, "tests.report.test_figures:draw_title", ("documents",))
             for i in range(8)]
    specs.append(FigureSpec("emoji", NB, "tests.report.test_figures:draw_emoji", ("documents",)))
    with pytest.raises(RuntimeError, match=r"emoji.*missing"):
        make_figures(tables, tmp_path, formats=("png",), dpi=30, catalog=specs, workers=2)
