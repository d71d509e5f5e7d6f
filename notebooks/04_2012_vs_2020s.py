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
# # 04 · The 2012 plan and the 2020s documents
#
# **Question: what changed between the 2012 plan and the 2020s documents?**
#
# The corpus has one document from the 2010s, Tonghua's action plan (通化市, c. 2012: the
# city and the year are inferred from its content, see notebook 00 and
# `data/raw/metadata.csv`), and four from 2020–2023. Every comparison below is therefore
# Tonghua against the four others: it can show what this plan says differently, not how
# local S&T policy changed in general. Three views:
#
# - **keyness**: which words each era uses more than the other (log-likelihood G²);
# - **themes**: the difference in theme shares (2020s − 2010s) with bootstrap intervals;
# - **keywords and tone**: the policy keywords of notebook 01 and the wording (mandatory,
#   encouraging, permissive) by era.
#
# *Your own documents:* set `raw_dir`; the eras come from the `era` column of
# `metadata.csv` (by default derived from the year). With a single era the comparisons are
# empty and the figures say so.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
later_era = "2020s"  # the era compared with the rest in the keyness figure
n_terms = 15  # terms per side in the keyness figure
keywords = None  # keywords for the era heatmap; None = analysis.DEFAULT_KEYWORDS
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import compare as compare_plots
from analysis.plots import frequency as freq_plots
from analysis.plots import themes as theme_plots

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
docs = tables["documents"]
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
pl.document_summary(docs)

# %% [markdown]
# ## Keyness: the words each era uses more
#
# For every word, a 2 × 2 table (its count and all other words, in one era and in the
# other) gives the log-likelihood G² (above 3.84: p < 0.05; above 10.83: p < 0.001, for a
# single word; with thousands of words tested, only the top of the list matters). Pooled
# counts: the 2020s side is 19,493 words, 64% of them Xinji's plan.

# %%
keyness = tables["keyness_era"]
keyness.loc[(keyness["target"] == later_era) & (keyness["rank"] <= n_terms),
            ["direction", "rank", "term", "count_target", "count_reference",
             "per_10k_target", "per_10k_reference", "g2", "p_value"]].sort_values(
                 ["direction", "rank"])

# %%
compare_plots.plot_keyness(keyness, docs, target=later_era, n=n_terms, english=english)

# %% [markdown]
# ## Themes: 2020s − 2010s with bootstrap intervals
#
# Each document's share of clauses mentioning a theme (notebook 03); an era's value is the
# mean of its documents (each document one voice). The 95% intervals come from resampling
# each document's clauses with replacement (2,000 replicates, seed 12). With one 2010s
# document, an interval shows how stable *Tonghua's* profile is under resampling of its
# 38 clauses, not how much 2010s plans vary: an interval that excludes 0 says the
# difference is not an accident of Tonghua's clause sample, nothing more.

# %%
shift = tables["theme_era_diff"]
shift[["theme_zh", "value_a", "value_b", "diff", "ci_low", "ci_high", "excludes_zero",
       "n_docs_a", "n_docs_b"]].sort_values("diff", ascending=False)

# %%
theme_plots.plot_era_difference(shift, english=english)

# %% [markdown]
# ## Policy keywords by era
#
# The keyword heatmap of notebook 01 (catalog figure `keyword_heatmap_era`), per 10,000
# words of each era's pooled text.

# %%
keywords_by_era = pl.keyword_table(tables["terms"], docs, keywords=keywords, by="era")
freq_plots.plot_keyword_heatmap(keywords_by_era, docs, by="era", english=english)

# %% [markdown]
# ## Tone by document, in year order
#
# Share of each document's clauses with mandatory (确保, 严格, 必须 …), encouraging (鼓励,
# 支持, 引导 …) and permissive (可, 允许, 探索 …) wording. With one 2010s document, "tone
# by era" is Tonghua's bars against the four others.

# %%
tables["tone"].pivot_table(index="tone_zh", columns="doc_id", values="share",
                           sort=False).round(2)

# %%
shown.note(theme_plots.plot_tone(shown.tables["tone"], english=english))

# %% [markdown]
# ## Any grouping, any number of groups, and time
#
# The comparisons above are the default corpus's two eras. The same comparisons work for
# any grouping of the documents and any number of groups: set `by` to a documents column
# (`era`, `level`, `province`, `doc_type`, `sheet`, a column of your `metadata.csv`, or
# `period`: the years binned by `time_bins`, five-year plans by default). A group's value
# is the mean of its documents' shares; the 95% intervals resample documents when a group
# has several and the clauses of the one document when it has one (column `resampled`).

# %%
from analysis.plots import groups as group_plots
from analysis.stats import group_chi_square, group_sizes

grouping = pl_report.set_grouping(tables, by=by, time_bins=time_bins, english=english)
group_sizes(tables["documents_grouped"], by=grouping["by"])

# %%
group_plots.plot_group_shares(tables["theme_shares_group"], english=english)

# %%
group_plots.plot_group_shares(tables["theme_shares_period"], english=english)

# %%
group_plots.plot_group_shares(tables["instrument_shares_group"], english=english,
                              title=("各组政策工具占比", "Policy instrument shares by group"))

# %% [markdown]
# Keyness of each group against all other documents (G²), and the chi-square of theme hits
# by group, with the caveat computed from the groups' sizes:

# %%
group_plots.plot_keyness_groups(tables["keyness_group"], english=english)

# %%
chi = group_chi_square(tables["theme_counts"], tables["documents_grouped"],
                       by=grouping["by"]) if tables["documents_grouped"][grouping["by"]] \
    .nunique() > 1 else None
print(chi["caveat"].iloc[0] if chi is not None else "one group only: no chi-square")
chi.head(10) if chi is not None else None

# %% [markdown]
# ## Over time: themes, instruments, tone and keywords per year
#
# One point per year (or per period with `time_bins`), the number of documents behind
# each point on top; the shaded band is the 95% bootstrap interval.

# %%
group_plots.plot_share_trend(tables["theme_trend"], tables["year_counts"], english=english)

# %%
group_plots.plot_share_trend(tables["instrument_trend"], tables["year_counts"],
                             english=english,
                             title=("政策工具随时间的变化", "Policy instruments over time"))

# %%
group_plots.plot_share_trend(tables["tone_trend"], tables["year_counts"], english=english,
                             title=("语气随时间的变化", "Tone over time"))

# %%
group_plots.plot_share_trend(tables["keyword_trend"], tables["year_counts"], english=english,
                             title=("关键词随时间的变化", "Keywords over time"),
                             ylabel=("每万词次数", "per 10,000 words"), percent=False)

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "04_2012_vs_2020s", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus, remembering that "2010s" is one document (Tonghua's plan, city
and year inferred) and "2020s" four documents of four other cities and types:

- **Keyness.** Tonghua's plan is marked by the vocabulary of its time and its genre:
  创新型 (innovative [city]; 60 vs 6 per 10,000 words, G² = 26), 创新型企业, 试点
  (pilots), 行动计划 (action plan), 技术创新 (65 vs 14), 十二五 (the 12th Five-Year Plan)
  and 高新技术产业开发区, and its local industries 医药, 生物医药 and 保健食品. The 2020s
  side has weaker keywords (G² ≤ 9, because Tonghua's 2,000 words are a small
  reference): 农业, 京津, 融合, 产业链, 协同创新, 改革, 科研院所 and 高质量发展, several of
  them Xinji's local agenda (辛集, 京津, 农业), since Xinji is 64% of the 2020s words.
- **Themes.** Three themes are absent from Tonghua and present in every 2020s document:
  digital economy (+15 points of clause share, interval +10 to +20), agriculture (+9) and
  green development (+8). Reform (体制机制改革) is also higher (+12, interval +2 to +21).
  Funding (+15) is higher too, its interval only just clear of 0 (+0.04 to +29: another
  seed could put its edge either side); enterprises (+10) and finance (+8) are higher,
  but their intervals include 0. Tonghua is higher on intellectual property (−9) and platforms
  (−7), also with intervals that include 0; talent, commercialisation and collaboration
  barely differ.
- **Keywords.** Per 10,000 words Tonghua uses 知识产权 (45 vs 17), 科技成果转化 (35 vs
  17), 融资 (25 vs 9) and 考核 (20 vs 8) more; the 2020s documents 平台 (28 vs 15),
  创新平台, 创业 (27 vs 10) and 资金 (24 vs 10), and only they use 研发投入, 科技金融,
  科技特派员, 科技型中小企业, 创新联合体, 补助, 数字化 and 农业. Keywords measure
  vocabulary, not topics: Tonghua never writes 科技金融, yet one of its clauses (五/(六)
  強化科技與金融結合, 25 finance hits; notebook 03) is a full programme of technology
  finance.
- **Tone.** Encouraging wording is in 34% of Tonghua's clauses against 43–62% in the
  2020s documents, and permissive wording in 5% against 6–21%; mandatory wording (8%)
  lies inside the 2020s range (0–16%). The 2020s documents encourage more, but they are
  also different genres (a reply, opinions, a task table).
- **What this does not show.** Whether these are changes of era or differences between
  Tonghua and four other cities cannot be told apart with one 2010s document; the
  intervals describe the stability of that one document's profile. A second 2010s
  document (say, a 2012 plan of Xinji or Yinchuan) would be the first thing to add.
""", raw_dir=raw_dir, processed_dir=processed_dir)
