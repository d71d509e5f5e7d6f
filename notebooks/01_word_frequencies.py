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
# # 01 · Word frequencies and word clouds
#
# **Question: which words do the documents use most, and how do cities and eras differ
# on the policy keywords that matter (talent, platforms, R&D, finance, support)?**
#
# Counts are of words kept after removing function words and policy boilerplate (see
# notebook 00). Frequencies are *per 10,000 words* of each document (or group of
# documents), so a long plan and a short reply compare fairly.
#
# *Your own documents:* set `raw_dir`; choose your own `keywords`; set `per = "city"` to
# pool several documents of one city.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
n_words = 25  # words in the corpus-wide ranking
n_per_panel = 12  # words per document in the small multiples
keywords = None  # keywords for the heatmaps; None = analysis.DEFAULT_KEYWORDS
per = "doc_id"  # one panel per "doc_id", or pool documents per "city" (or another column)
era_column = "era"  # the documents column that defines periods
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import frequency as freq_plots

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
docs, terms = tables["documents"], tables["terms"]
by_group = terms if per == "doc_id" else pl.group_terms(terms, docs, by=per)
by_era = pl.group_terms(terms, docs, by=era_column)
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
panel = pl_report.shown_documents(tables, by=by, panels=True, english=english)
tables

# %% [markdown]
# ## The most frequent words of the corpus
#
# Pooled over all documents: `count` is the number of occurrences, `per_10k` per 10,000
# words of the whole corpus, `n_docs` how many documents use the word. Pooled counts lean
# towards the longest document (Xinji's plan is 57% of the corpus).

# %%
top = pl.corpus_terms(terms, docs)
top.head(n_words)

# %%
freq_plots.plot_top_words(top, n=n_words, english=english)

# %% [markdown]
# ## Each document's most frequent words

# %%
panel.note(freq_plots.plot_top_words_by_group(panel.rows(by_group), panel.docs, by=per,
                                              n=n_per_panel, english=english))

# %% [markdown]
# ## Word clouds per document (or city) and per era
#
# Word clouds are drawn from the same frequencies (not from raw text): the size of a word
# is its number of occurrences in that document, the colour only tells neighbouring words
# apart. They are a first look, not a measurement; the bar charts above and the heatmaps
# below carry the numbers.

# %%
panel.note(freq_plots.plot_wordclouds(panel.rows(by_group), panel.docs, by=per, english=english))

# %%
freq_plots.plot_wordclouds(by_era, docs, by=era_column, english=english)

# %%
freq_plots.plot_top_words_by_group(by_era, docs, by=era_column, n=n_per_panel,
                                   english=english)

# %% [markdown]
# ## Policy keywords by document and by era
#
# The keyword list (`analysis.DEFAULT_KEYWORDS`, or your own `keywords`) covers talent,
# platforms, R&D, commercialisation, enterprise types, finance, support and evaluation.
# A keyword counts only where the tokenizer keeps it whole: the policy-term dictionary
# keeps 科技成果转化, 科技型中小企业 … as one word, so 成果转化 inside 科技成果转化 is
# not counted twice. Documents are ordered by year; a white line separates the eras.

# %%
kw = pl.keyword_table(terms, docs, keywords=keywords, by="doc_id")
kw.pivot_table(index="term", columns="doc_id", values="per_10k", sort=False).round(1)

# %%
shown.note(freq_plots.plot_keyword_heatmap(shown.rows(kw), shown.docs, by="doc_id",
                                           english=english))

# %%
kw_era = pl.keyword_table(terms, docs, keywords=keywords, by=era_column)
freq_plots.plot_keyword_heatmap(kw_era, docs, by=era_column, english=english)

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "01_word_frequencies", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus:

- **A shared core vocabulary.** 创新 (innovation), 企业 (enterprises), 科技 and 科技创新
  lead the corpus and are among the six most frequent words of every document: these
  texts share one policy language. 创新 alone is over 150 per 10,000 words.
- **Document profiles.** Beyond the core, each text shows its task: Jiayuguan's
  task-decomposition table is about 支持, 项目 and 资金 (support, projects, funds), and
  its word cloud names agencies (工信局, 发改委, 财政局: the lead units of the table);
  Yinchuan's reply is about 专项 and 科技项目 (special programmes, S&T projects) and
  服务; Xinji's plan about 产业 and 高端, and its cloud shows local themes (皮革
  leather, 农业 agriculture, 京津 Beijing-Tianjin); Tonghua's plan about 技术创新, 基地
  and 创新型 (the "innovative city" it sets out to build).
- **Keywords by document.** 人才 (talent, about 24–56 per 10,000 words) and 科技成果转化
  (commercialisation, 13–35) are well represented in every document. Yinchuan stands
  out for 科技特派员 (S&T commissioners, about 39), 科技金融 (about 28), 补助
  (subsidies, 33) and 创新联合体 (22); Chifeng for 平台 (45), 创新平台 (about 38) and
  人才引进 (19); Jiayuguan for 资金 (funds, about 58) and 研发投入 (about 26); Xinji for
  农业 (33) and 创业 (31). 数字化 (digitalisation) appears in Chifeng's text only (13;
  1.6 in Xinji).
- **Eras.** Tonghua's 2012 plan (the whole "2010s" era) is higher on 知识产权
  (intellectual property, about 45 vs 17 per 10,000 words), 科技成果转化 (35 vs 17),
  融资 (financing, 25 vs 9) and 考核 (evaluation, 20 vs 8); the 2020s documents are
  higher on 平台 (about 29 vs 15), 创新平台, 创业 and 研发投入, and only they mention
  科技金融, 科技特派员, 科技型中小企业 and 创新联合体. With one 2010s document, these are
  differences between Tonghua and the rest, not a trend.
""", raw_dir=raw_dir, processed_dir=processed_dir)
