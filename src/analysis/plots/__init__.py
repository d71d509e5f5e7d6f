"""Figures: the house style, and one module of figure functions per topic.

Each figure function takes tidy tables computed elsewhere (the build's tables, or the
views of :mod:`analysis.report.catalog`) and returns a :class:`matplotlib.figure.Figure`
with a title and axes that say what is shown; ``english=True`` writes them in English
and glosses Chinese terms. Plotting never computes statistics.

Modules
-------
style
    The house style: a CJK font from a pip package, the palette, :func:`new_figure`,
    :func:`nothing_to_show` (the figure for an empty table) and :func:`save_figure`
    (PNG/SVG/PDF without timestamps, so a rerun gives byte-identical files).
labels
    Every text about the data: :func:`label`, :func:`gloss`, and the names of documents
    (``"赤峰市 2023"``) and groups (``"2020年代"``) that every figure uses.
corpus
    The documents of the corpus, their lengths and token composition.
frequency
    Top words, keyword heatmaps, word clouds, TF-IDF terms.
clouds
    The word-cloud pixels (:func:`~analysis.plots.clouds.wordcloud_image`).
themes
    Theme and instrument heatmaps, era differences, tone, chi-square residuals.
compare
    Keyness, similarity, clustering, document map, topics, co-occurrence networks,
    text reuse and copy ratio.
layout
    Network layouts that keep labels apart.
structure
    Lexical dispersion, outline profiles, agency roles and the agency network.
targets
    Quantitative targets compared across documents.
"""

from analysis.plots.labels import gloss, glossary, glosses, label
from analysis.plots.style import (
    FONT_FILE,
    MAX_FIGURE_HEIGHT,
    MAX_FIGURE_WIDTH,
    PALETTE,
    font_path,
    new_figure,
    nothing_to_show,
    save_figure,
    setup,
)

__all__ = [
    "FONT_FILE",
    "MAX_FIGURE_HEIGHT",
    "MAX_FIGURE_WIDTH",
    "PALETTE",
    "font_path",
    "gloss",
    "glossary",
    "glosses",
    "label",
    "new_figure",
    "nothing_to_show",
    "save_figure",
    "setup",
]
