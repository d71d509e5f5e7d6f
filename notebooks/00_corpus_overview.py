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
# # 00 · Corpus overview
#
# **Question: what is in the corpus?** Which documents, from which cities and years, of
# what kind and how long, and how much of each text the word counts of the later notebooks
# actually use.
#
# Every other notebook compares these documents, so their differences in date, type and
# length come first: a 31,000-character five-year plan and a 4,000-character reply to a
# proposal do not say things with the same weight.
#
# *Your own documents:* set `raw_dir` below to your folder (text files and a
# `metadata.csv`, see the README); nothing else changes.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import corpus as corpus_plots

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
tables

# %% [markdown]
# ## The documents
#
# One row per document: the metadata from `metadata.csv` (`city_inferred` and
# `year_inferred` flag facts that were inferred from the text, not stated in it) and the
# sizes the build measured: characters, tokens (words, numbers and punctuation from jieba),
# word tokens, and the words kept for counting once stopwords are removed.

# %%
docs = tables["documents"]
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
summary = pl.document_summary(docs)
summary

# %%
corpus_plots.plot_document_timeline(docs, english=english)

# %% [markdown]
# ## How long the documents are
#
# Raw counts favour long documents, which is why the later notebooks compare frequencies
# *per 10,000 words*. `char_share` above is each document's share of all characters.

# %%
shown.note(corpus_plots.plot_document_lengths(shown.docs, english=english))

# %% [markdown]
# ## What the word counts use
#
# Each token falls in one category: a word counted in the analyses, a function word
# (的, 和 …), policy boilerplate (加强, 推进 … the list `stopwords_policy.txt`), a single
# character, a number or punctuation. Both stopword lists can be switched off or replaced
# (`policy-lens build --keep-policy-words`, or `pl.TokenFilter(policy_words=False)`).

# %%
composition = pl.token_composition(tables["tokens"])
composition.pivot_table(index="doc_id", columns="category", values="share", sort=False)

# %%
shown.note(corpus_plots.plot_token_composition(shown.rows(composition), shown.docs,
                                               english=english))

# %% [markdown]
# ## The whole texts
#
# `documents` keeps three versions of each text with the same character offsets:
# `text_raw` (as read), `text_orig` (cleaned, original script) and `text` (cleaned and
# simplified, the one everything is counted on). Tonghua's plan is in traditional
# characters; here are the first characters of its original and its simplified text.

# %%
first = summary.loc[summary["script"] == "traditional", "doc_id"]
doc_id = first.iloc[0] if len(first) else summary["doc_id"].iloc[0]
row = docs.set_index("doc_id").loc[doc_id]
print(doc_id, "original:  ", row["text_orig"][:80].replace("\n", " "))
print(doc_id, "simplified:", row["text"][:80].replace("\n", " "))

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "00_corpus_overview", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus (five documents, 54,780 characters, some 27,000 tokens):

- **Dates.** Four documents date from 2020–2023 and one, Tonghua's action plan, from
  about 2012; its city and year are *inferred* from the text (hollow marker), so every
  "2012 vs 2020s" comparison rests on a single, inferred document.
- **Types.** The five are five different kinds of text: guiding opinions (Chifeng), a
  five-year plan (Xinji), an action plan (Tonghua), a reply to a CPPCC proposal
  (Yinchuan) and a task-decomposition table (Jiayuguan). Differences between cities are
  partly differences of genre.
- **Length.** Xinji's plan has 31,354 characters, 57% of the corpus; the others have
  3,944–9,784. Pooled counts over the corpus are therefore mostly Xinji's, and the later
  notebooks use frequencies per 10,000 words and per-document panels.
- **Tokens.** About half of all tokens (49% in Tonghua to 56% in Yinchuan) are words kept
  for counting; function words (9–13%), policy boilerplate (10–14%), punctuation
  (12–14%) and numbers (7–9%) make up most of the rest, in similar shares in every
  document, so the stopword lists do not favour one document.
""", raw_dir=raw_dir, processed_dir=processed_dir)
