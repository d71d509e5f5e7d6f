# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 10 · Explore: any theme or word, any grouping, any period
#
# **Question: how does one theme or one word differ between groups of documents, and which
# clauses say it?**
#
# Choose the grouping (a documents column: `era`, `level`, `city`, `sheet` … or `period`,
# the five-year plan of each document's year), a theme of the dictionary or any word, and a
# period. The figure shows each group's value with its 95% bootstrap interval (documents
# resampled when a group has several, the clauses of its one document otherwise); below it,
# the evidence: keyword-in-context lines with their clause ids, quoted in the original
# script, the first clause of each group in turn. Every change redraws both.
#
# The controls need a running kernel (JupyterLab: `make lab`); the executed copy in
# `reports/notebooks/` shows the starting view, drawn by the same library call below.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to include; None = all
english = False  # English titles, axes and glosses in the figures
by = None  # starting grouping (a documents column or "period"); None = chosen from the corpus
time_bins = None  # not used here: periods are five-year plans
theme = "talent"  # starting theme (a key of themes.toml)

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.report.explore import explore_view, explorer

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
grouping = pl_report.set_grouping(tables, by=by, english=english)

# %% [markdown]
# ## The explorer

# %%
explorer(tables, by=grouping["by"], english=english)

# %% [markdown]
# ## The same view as a library call
#
# `explore_view` returns the figure and the evidence table for one choice, so a finding
# made with the controls can be written down in a notebook or a script:

# %%
figure, evidence = explore_view(tables, by=grouping["by"], theme=theme, english=english)
figure

# %%
evidence

# %% [markdown]
# ## What the figures show

# %%
pl_report.notebook_reading(tables, "10_explore", by=by, time_bins=time_bins)

# %%
pl_report.hand_written_reading("""
The explorer has no fixed reading: it shows what is chosen. On the default corpus, try
`era` and the theme *digital economy* (absent from Tonghua's 2012 plan, present in every
2020s document), then `city` and the word 农业 (Xinji's agenda).
""", raw_dir=raw_dir, processed_dir=processed_dir)
