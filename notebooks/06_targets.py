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
# # 06 · Quantitative targets
#
# **Question: which quantitative targets do the documents set, and how do they compare?**
#
# Policy documents promise numbers: "到2025年，全社会R&D经费支出占地区生产总值比重达到1.2%以上",
# an indicator table with 2020 baselines and 2025 targets, "最高补助50万元". The build finds
# every such number (`analysis.extract_targets`, rules in
# `src/analysis/resources/target_rules.toml`) and sorts it into three kinds:
#
# - **target**: a goal (with its comparator: `≥` 以上, `≈` 左右, `力争` aspirations …, and its
#   target year from the governing time phrase: 到2025年, 三年内, 十三五末 …);
# - **achievement**: a result the document reports ("十三五末…达到99家");
# - **support**: a money amount promised to firms or people ("最高补助50万元").
#
# Indicator phrases that name the same thing in different words are grouped by an editable
# mapping (`src/analysis/resources/indicators.toml`): 全社会R&D经费支出占地区生产总值比重 and
# R&D经费占GDP的比重 are both *R&D intensity*. Only grouped indicators can be compared across
# documents.
#
# *Your own documents:* set `raw_dir`. If your documents name an indicator differently, add
# a pattern to a copy of `indicators.toml` (`policy-lens targets --mapping my.toml`).

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
era_column = "era"  # the column that sets targets side by side ("era", "city", "doc_id")
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import targets as target_plots

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
docs, targets = tables["documents"], tables["targets"]
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
comparison = tables["target_comparison"]
tables

# %% [markdown]
# ## How many numbers each document states
#
# `n` numbers of each kind; `n_with_year` of them with a target (or reference) year;
# `n_province` of them are the *province's* goals quoted by the city (Jiayuguan's task
# table quotes each provincial measure before the city's own), which the comparison below
# leaves out.

# %%
summary = pl.target_summary(targets, docs)
summary.pivot_table(index=["doc_id", "city", "year"], columns="kind",
                    values=["n", "n_province"], aggfunc="sum", sort=False)

# %% [markdown]
# ## Targets on shared indicators
#
# One panel per indicator that at least two documents set a target on. Filled circles are
# targets (hollow: 力争 aspirations), squares are reported achievements, diamonds targets
# without a year (drawn at the document's year); a dashed line joins a target to its stated
# baseline. Rankings (位) have rank 1 on top. Where one indicator is counted in different
# unit words (家 and 户 both count enterprises), every point carries its unit; indicators
# measured in incompatible units get one panel per unit.

# %%
pl.table_or_note(comparison[["doc_id", "city", "canonical", "kind", "indicator", "value",
                             "unit", "comparator", "target_year", "baseline_value",
                             "baseline_year"]],
                 "no indicator has a target in two or more documents")

# %%
shown.note(target_plots.plot_target_comparison(shown.tables["target_comparison"], shown.docs,
                                               english=english))

# %% [markdown]
# ## The 2012 targets beside the 2020s ones
#
# The same shared indicators, one column per era (or per `era_column`): each target as
# *city value (target year)*; `前5位` means "rank 5 or better", `力争` an aspiration.

# %%
pl.table_or_note(pl.targets_by_era(comparison, by=era_column, wide=True),
                 "no indicator has a target in two or more documents")

# %% [markdown]
# ## Every target of every document
#
# All targets, in document order, with the original wording: `quote` is cut from the
# document in its own script (traditional characters for Tonghua's 2012 plan) with the
# number in 【】; `sentence_orig` holds the whole sentence. `value_text` is the target as a
# reader writes it, `baseline` the stated starting point, `is_province_level` marks the
# province's goals quoted by a city.

# %%
target_rows = pl.target_list(targets, docs, kinds=["target"])
pl.table_or_note(target_rows[["doc_id", "city", "indicator", "canonical", "value_text",
                              "target_year", "baseline", "is_province_level", "quote"]],
                 "no document states a quantitative target")

# %% [markdown]
# Reported achievements and promised support amounts:

# %%
other_rows = pl.target_list(targets, docs, kinds=["achievement", "support"])
pl.table_or_note(other_rows[["doc_id", "city", "kind", "indicator", "value_text",
                             "target_year", "baseline", "quote"]],
                 "no document reports an achievement or promises a support amount")

# %% [markdown]
# ## Canonical target indicators over time
#
# The indicators set by the most documents, one panel each: the median value per document
# year, one colour per group (`by`), targets as solid lines and achievements dashed.

# %%
from analysis.plots import groups as group_plots

pl_report.set_grouping(tables, by=by, time_bins=time_bins, english=english)
group_plots.plot_target_trend(tables["target_trend"], english=english)

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "06_targets", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus:

- **Who sets numbers.** Tonghua's 2012 plan states 26 targets, nearly all for 2015
  (10 innovation centres, 5 incubators, 5 key laboratories, 30 high-tech enterprises …).
  Jiayuguan's task table also has 26, but 11 of them are the province's goals quoted
  before the city's measures. Xinji's plan states 13 targets for 2025 (its indicator
  table) and reports 40 achievements of the 13th Five-Year Plan; Chifeng's opinions set
  4 targets for 2025; Yinchuan's reply sets none and promises 4 support amounts (up to
  50万元 for a high-tech enterprise, 30万 and 50万元 for leading talents and teams).
- **Shared indicators.** Seven indicators carry targets in at least two documents. R&D
  intensity: Tonghua about 2% by 2015, Jiayuguan at least 3% by 2022, Chifeng at least
  1.2% by 2025 (a quadrupling from 0.3% in 2020); Xinji reports 1.45% reached in 2020.
  High-tech enterprises: Tonghua 30 by 2015, Jiayuguan at least 40 by 2022, Xinji 130
  by 2025 (from 99 in 2020), Chifeng at least 160 by 2025 (a doubling from 80). The share
  of high-tech industry in industrial value added: Tonghua 20% by 2015, Xinji 7.8% by
  2025 (from 2.8%). Provincial innovation rank: Tonghua top 5 (aspiring to top 3) by
  2015, Jiayuguan top 4 by 2022 (aspiring to top 3 by 2025).
- **2012 beside the 2020s.** The 2012 targets are not lower than the later ones: 2% R&D
  intensity by 2015 in Tonghua against 1.2% by 2025 in Chifeng, and a 20% high-tech
  share by 2015 against Xinji's 7.8% by 2025. Jiayuguan's 3% by 2022 stands out (its
  province's own goal, quoted in the same table, is 1.2%). These are promises, not
  outcomes, by cities of very different size and economy (Xinji is a county-level city).
- **Units.** Tonghua counts enterprises in 户, the 2020s documents in 家: the same
  quantity, so they share a panel, and each point there carries its own unit.

Caveats: five documents, one from 2012. A number is compared only when its indicator
phrase is grouped by `indicators.toml`; the list above shows every number, including
those no other document shares. Xinji states some targets twice (its table and its text:
130 high-tech enterprises appear as `130家` and `≥130家`); the comparison keeps one.
""", raw_dir=raw_dir, processed_dir=processed_dir)
