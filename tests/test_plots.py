from __future__ import annotations

import hashlib
import warnings

import pytest

from analysis.plots import gloss, new_figure, save_figure, setup


def test_chinese_labels_draw_without_missing_glyphs(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" becomes a failure
        fig, ax = new_figure()
        ax.bar(["人才", "科技金融", "産學研"], [3, -1, 2])
        ax.set_title("各市主题 −1 R&D")
        ax.set_xlabel("主题")
        save_figure(fig, tmp_path / "f", formats=("png", "svg", "pdf"))


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_saved_figures_are_byte_identical(tmp_path, fmt):
    def draw(name):
        fig, ax = new_figure(width=4, height=3)
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("科技创新")
        (path,) = save_figure(fig, tmp_path / name, formats=(fmt,))
        return hashlib.sha256(path.read_bytes()).hexdigest()

    assert draw("a") == draw("b")


def test_font_is_the_packaged_cjk_font():
    assert setup() == "Noto Sans CJK SC"


def test_gloss_falls_back_to_chinese():
    assert gloss("人才") == "talent"
    assert gloss("某个生词") == "某个生词"
