"""Every catalog figure on the default corpus: drawn in both languages without a missing
glyph, reproduced byte for byte by a new process, and the README's copies current."""

from __future__ import annotations

import csv
import subprocess
import sys
import warnings

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.report import FIGURES, README_DPI, README_FIGURES, Tables, draw_figure, make_figures
from tests.conftest import DOC_IDS, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tables(built):
    return Tables(built.out_dir)


@pytest.mark.parametrize("english", [False, True])
def test_every_catalog_figure_draws_without_missing_glyphs(tables, english):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a "Glyph ... missing" warning fails the test
        for s in FIGURES:
            drawn = draw_figure(s, tables, english=english)
            assert drawn, s.name
            for stem, fig in drawn:
                fig.set_dpi(40)  # a missing glyph warns at any resolution
                FigureCanvasAgg(fig).draw()
                title = fig._suptitle.get_text() if fig._suptitle else ""
                title = title or " ".join(ax.get_title(loc="left") + ax.get_title()
                                          for ax in fig.axes)
                assert title.strip(), f"{stem}: no title"
                # printable on an A4 page in landscape, whatever the figure
                assert fig.get_size_inches()[0] <= 11.7, f"{stem}: wider than a page"


def test_each_makes_one_figure_per_document_and_era(tables):
    drawn = draw_figure("wordcloud_{value}", tables)
    assert [stem for stem, _ in drawn] == [f"wordcloud_{d}" for d in DOC_IDS]
    eras = draw_figure("wordcloud_era_{value}", tables)
    assert [stem for stem, _ in eras] == ["wordcloud_era_2010s", "wordcloud_era_2020s"]


SUBSET = ["corpus_lengths", "keyword_heatmap", "wordclouds_eras"]


def test_rerun_in_a_new_process_reproduces_the_checksums(built, tmp_path):
    """A student's rerun gives the same bytes: the manifests of two runs are equal."""
    first, second = tmp_path / "a", tmp_path / "b"
    make_figures(built.out_dir, first, only=SUBSET, formats=("png", "svg", "pdf"), dpi=72)
    cmd = [sys.executable, "-m", "analysis", "figures", "--processed", str(built.out_dir),
           "--out", str(second), "--formats", "png,svg,pdf", "--dpi", "72", "--only", *SUBSET]
    subprocess.run(cmd, check=True, capture_output=True)
    assert (first / "MANIFEST.csv").read_bytes() == (second / "MANIFEST.csv").read_bytes()


def test_readme_figures_are_current(built, tmp_path):
    """docs/img/ holds what the code draws now; if not, run `make readme-figures`."""
    manifest = make_figures(built.out_dir, tmp_path, formats=("png",), only=README_FIGURES,
                            dpi=README_DPI)
    with open(ROOT / "docs" / "img" / "MANIFEST.csv", encoding="utf-8-sig", newline="") as fh:
        committed = {r["file"]: r["sha256"] for r in csv.DictReader(fh)}
    now = dict(zip(manifest["file"], manifest["sha256"], strict=True))
    stale = sorted(f for f in now if committed.get(f) != now[f])
    assert not stale, f"docs/img is out of date for {stale}: run `make readme-figures`"
