"""Word clouds (analysis.plots.clouds): deterministic pixels from frequencies, and a
warning for a character the font lacks."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from analysis.plots.clouds import wordcloud_image


def test_wordcloud_is_deterministic_and_seeded():
    freqs = {"科技创新": 30, "人才": 20, "平台": 12, "科技金融": 8, "孵化器": 5, "研发": 9}
    a = wordcloud_image(freqs, width=300, height=200, scale=1, random_state=0)
    b = wordcloud_image(dict(reversed(list(freqs.items()))), width=300, height=200,
                           scale=1, random_state=0)
    c = wordcloud_image(freqs, width=300, height=200, scale=1, random_state=1)
    assert a.shape == (200, 300, 3)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    assert (a < 250).any(), "the cloud drew no words"


def test_wordcloud_without_words_says_so():
    with pytest.raises(ValueError, match="no words"):
        wordcloud_image({"人才": 0})


def test_wordcloud_warns_about_a_character_the_font_lacks():
    """Pillow would draw a box silently; the same warning as matplotlib's is raised."""
    with pytest.warns(UserWarning, match=r"Glyph 128640 .* missing from font"):
        wordcloud_image({"科技": 3, "火箭\U0001F680": 2}, width=200, height=120, scale=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wordcloud_image({"科技": 3, "R&D": 2}, width=200, height=120, scale=1)
