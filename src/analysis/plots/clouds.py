"""Word clouds drawn from term frequencies, in the house font and palette.

:func:`wordcloud_image` renders the pixels with the ``wordcloud`` package (imported only
when a cloud is drawn): horizontal words, a colour fixed by each word, a fixed random
state, so the same frequencies always give the same image. Pillow draws a box for a
character the font lacks; here that warns, as matplotlib does. The figures that place
clouds are :func:`analysis.plots.frequency.plot_wordclouds`.
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from analysis.plots.style import PALETTE, font_path

__all__ = ["wordcloud_image"]


def _cloud_color(word, font_size, position, orientation, random_state=None, font_path=None,
                 **_) -> str:
    """A house-palette colour chosen by a stable hash of the word (the same word always has
    the same colour, and neighbours mostly differ, so adjacent words do not run together)."""
    colors = PALETTE[:6]
    return colors[zlib.crc32(str(word).encode("utf-8")) % len(colors)]


def wordcloud_image(
    frequencies: dict[str, float],
    *,
    width: int = 800,
    height: int = 500,
    max_words: int = 60,
    random_state: int = 0,
    scale: float = 2,
) -> np.ndarray:
    """Render a word cloud from term frequencies (not raw text) as an RGB array.

    Uses the packaged CJK font (:func:`analysis.plots.font_path`), horizontal words only
    (vertical Chinese is hard to read) and a fixed ``random_state``, so the same
    frequencies always give the same pixels.

    Examples
    --------
    >>> wordcloud_image({"科技": 5, "人才": 3}, width=200, height=120, scale=1).shape
    (120, 200, 3)
    """
    freqs = tuple(sorted((str(k), float(v)) for k, v in frequencies.items() if v and v > 0))
    if not freqs:
        raise ValueError("no words with a positive frequency to draw.")
    drawn = sorted(freqs, key=lambda wf: -wf[1])[:max_words]
    _warn_missing_glyphs(w for w, _ in drawn)
    image = _cloud(freqs, width, height, max_words, random_state, scale)
    image.flags.writeable = False  # shared by the cache: never modified
    return image


@lru_cache(maxsize=1)
def _font_charmap() -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(font_path())).get_charmap())


def _warn_missing_glyphs(words: Iterable[str]) -> None:
    """Word clouds are drawn by Pillow, which silently draws a box for a character the
    font lacks; warn the way matplotlib does, so the same checks catch it."""
    charmap = _font_charmap()
    for word in words:
        for ch in word:
            if ord(ch) not in charmap and not ch.isspace():
                warnings.warn(f"Glyph {ord(ch)} ({ch!r}) missing from font(s) "
                              f"{font_path().name} (word cloud word {word!r}).",
                              UserWarning, stacklevel=3)


@lru_cache(maxsize=32)
def _cloud(freqs: tuple[tuple[str, float], ...], width: int, height: int, max_words: int,
           random_state: int, scale: float) -> np.ndarray:
    """Word cloud pixels, cached: the catalog draws each cloud alone and in a grid."""
    from wordcloud import WordCloud

    wc = WordCloud(font_path=str(font_path()), width=width, height=height, scale=scale,
                   background_color="white", mode="RGB", random_state=random_state,
                   prefer_horizontal=1.0, max_words=max_words, relative_scaling=0.5,
                   min_font_size=9, margin=8, collocations=False, color_func=_cloud_color)
    wc.generate_from_frequencies(dict(freqs))
    return wc.to_array()

