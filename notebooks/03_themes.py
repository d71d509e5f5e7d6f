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
# # 03 · Policy themes
#
# **Question: which themes (talent, finance, platforms, industry, opening-up …) does each
# city emphasise, and where in the text?**
#
# A *theme* is a named list of terms in an editable dictionary
# (`src/analysis/resources/themes.toml`: 17 themes, from 人才 talent to 党的领导 party
# leadership). Terms are found in every clause of the outline (`clauses` table) by
# substring matching on the simplified text, longest term first, so 科技人才 is one talent
# hit and 人才 inside 人才引进 is found too. Each document × theme gets two measures:
#
# - **share of clauses**: the share of the document's clauses that mention the theme at
#   least once (a clause repeating a word cannot inflate it; title-only headings, closing
#   matter and lead-unit cells are not counted);
# - **hits per 10,000 words**: every match, divided by the document's word tokens.
#
# Every count traces back to text: the last sections quote the clauses behind one count,
# in the original script.
#
# *Your own documents:* set `raw_dir`; build with your own dictionary
# (`policy-lens build --themes my_themes.toml`); choose the `headline_themes` to compare
# and the theme and documents to quote.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
headline_themes = ["talent", "finance", "platforms"]  # theme keys compared side by side
n_terms = 8  # terms shown per headline theme
evidence_theme = "finance"  # the theme whose count is traced back to the text
evidence_docs = ["yinchuan_2022", "tonghua_2012"]  # documents to quote (absent: the densest)
quote_context = 30  # characters quoted either side of each match; None = whole clauses
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import themes as theme_plots

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
docs, counts = tables["documents"], tables["theme_counts"]
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
tables

# %% [markdown]
# ## Theme emphasis by document
#
# Share of each document's clauses that mention the theme (documents in year order).

# %%
counts.pivot_table(index="theme_zh", columns="doc_id", values="clause_share",
                   sort=False).round(2)

# %%
shown.note(theme_plots.plot_theme_heatmap(shown.rows(counts), metric="clause_share",
                                          english=english))

# %% [markdown]
# The same themes per 10,000 words: a theme named often inside a few clauses ranks higher
# here than in clause shares.

# %%
shown.note(theme_plots.plot_theme_heatmap(shown.rows(counts), metric="per_10k", english=english))

# %% [markdown]
# ## Talent, finance and platforms across cities
#
# The three themes most often named as the core of local innovation policy, on both
# measures side by side.

# %%
counts.loc[counts["theme"].isin(headline_themes),
           ["doc_id", "city", "year", "theme_zh", "hits", "per_10k", "clauses_with_theme",
            "n_clauses", "clause_share"]]

# %%
shown.note(theme_plots.plot_theme_comparison(shown.rows(counts), themes=headline_themes,
                                             english=english))

# %% [markdown]
# ## The terms behind a theme
#
# A theme count is a sum over its terms (`theme_terms` table). For each headline theme,
# the terms with the most hits in the corpus; the number in a cell is the term's hits in
# that document, the colour its share of the document's hits of the theme.

# %%
term_table = pl.theme_term_table(tables["theme_terms"], counts, themes=headline_themes,
                                 n=n_terms)
term_table.pivot_table(index=["theme_zh", "term"], columns="doc_id", values="hits",
                       sort=False)

# %%
shown.note(theme_plots.plot_theme_terms(shown.rows(term_table), english=english))

# %% [markdown]
# ## Evidence: the clauses behind one count
#
# `count_evidence` lists every hit behind a count, with its keyword in context in the
# original script (Tonghua's plan is in traditional characters and is quoted so);
# `evidence_clauses` groups them by clause. The numbers must agree: the hits add up to the
# `hits` of `theme_counts`, and the clauses marked as counted to `clauses_with_theme`.
# Each hit is quoted with its whole sentence (`sentence_quotes`), shown left-aligned and
# uncut (`text_table`).

# %%
quoted = pl.evidence_documents(counts, theme=evidence_theme, prefer=evidence_docs)
counts.loc[counts["doc_id"].isin(quoted) & (counts["theme"] == evidence_theme),
           ["doc_id", "theme_zh", "hits", "clauses_with_theme", "n_clauses", "per_10k"]]

# %%
evidence = pl.count_evidence(tables["clauses"], doc_id=quoted, theme=evidence_theme,
                             corpus=docs, tokens=tables["tokens"])
pl.text_table(pl.sentence_quotes(evidence, docs), ["doc_id", "clause_id", "term", "sentence"])

# %%
quotes = pl.evidence_clauses(evidence, tables["clauses"], corpus=docs, context=quote_context)
quotes.groupby("doc_id", sort=False)[["hits", "counted"]].sum()

# %%
print(pl.format_evidence(quotes))

# %% [markdown]
# ## Are the theme profiles different? A chi-square test, with its caveat
#
# The test asks whether theme hits are spread over the documents alike. Its classical
# p-value treats every hit as independent, but the hits of one clause are not (a clause on
# financing names 融资, 贷款 and 担保 together), and five documents are few. The build
# therefore also reassigns whole clauses to documents at random (999 permutations, seeded)
# and reports how often the statistic is as large as observed: that p-value is the one to
# read. The residuals show which cells drive the statistic (|r| ≥ 2 is boxed).

# %%
print(pl.chi_square_summary(tables["theme_chi2"]))

# %%
shown.note(theme_plots.plot_chi_square_residuals(shown.tables["theme_chi2"], shown.docs,
                                                 english=english))

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "03_themes", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus:

- **A common core.** Platforms (平台载体: 23–55% of clauses), talent (人才: 18–35%),
  commercialisation (成果转化: 23–37%) and collaboration (产学研协同) are prominent in
  every document. Talent is mentioned in about a third of the clauses of four documents
  (33–35%); Jiayuguan's task table is the exception (18%), because its clauses are short
  measures with their lead units.
- **City profiles.** Xinji's long plan has the broadest agenda: the highest shares of
  platforms (55%), collaboration (54%), digital economy (32%), agriculture (20%), green
  development (19%) and opening-up (20%). Jiayuguan's task table is about money and
  accountability: fiscal and R&D funding in 43% of its clauses (255 hits per 10,000
  words) and evaluation (考核评价, 118 per 10,000 words, the most). Yinchuan's reply
  stresses enterprises (42% of clauses), key technologies (27%) and talent (223 per
  10,000 words, the most). Chifeng's opinions stress funding (42%) and reform (25%) and
  never mention intellectual property. Tonghua's 2012 plan leads on platforms by hits
  (230 per 10,000 words) and on intellectual property (18%), and has no digital,
  green or agriculture clause at all.
- **Finance depends on the measure.** By clause share, finance (科技金融) is the least
  prominent headline theme (8–17%); by hits it is dense in Jiayuguan (172 per 10,000
  words), Yinchuan (162) and Tonghua (140), but sparse in Xinji (70) and Chifeng (78).
  Tonghua is the extreme case: the lowest clause share (8%, 3 of 38 clauses) but 28
  hits: its financing measures are packed into a few long clauses.
- **The terms behind the counts.** The bare word 人才 carries 48–83% of every talent
  count; Yinchuan and Jiayuguan add 科技特派员 (S&T commissioners, 7 each), Xinji
  企业家. Finance is spread over many words: 融资 (financing) leads in Tonghua (7) and
  Jiayuguan (13), 金融 and 科技金融 in Xinji, 质押 (pledge loans) in Yinchuan. Platforms
  are mostly 平台 itself, with 基地 (bases) prominent in Tonghua (14 of 46) and Xinji.
- **Every number traces back.** Yinchuan's finance count is 29 hits in 5 clauses, 4 of
  them counted in the clause share (the fifth is the title-only heading
  （二）促进科技金融紧密结合…): 14 hits in one clause on a 科技金融 service system
  (投融资 platform, 银行, 贷款, 质押), 10 in one on pledge financing, guarantees and funds.
  Tonghua's 28 hits sit in 3 clauses, 25 of them in one (五/(六) 強化科技與金融結合:
  bank pledge loans, insurers, guarantee companies, listing, bonds, venture funds),
  quoted in the original traditional characters: hence its high rate per 10,000 words
  and its low clause share.
- **Chi-square, honestly.** χ² = 479 (64 degrees of freedom) gives p ≈ 8·10⁻⁶⁵ when
  every hit counts as independent, but the clause-permutation p-value is 0.24: moving
  whole clauses between documents at random produces differences as large as observed
  about a quarter of the time. Cramér's V is 0.21. The residuals still locate the
  largest departures (Xinji's agriculture, green and digital themes, Jiayuguan's funding
  and evaluation), but with five documents, each of a different type (plan, task table,
  reply, opinions) and one per city, these are differences between documents, not
  between cities in general.
""", raw_dir=raw_dir, processed_dir=processed_dir)
