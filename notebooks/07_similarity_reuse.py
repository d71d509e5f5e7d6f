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
# # 07 · Similarity, clustering, topics and text reuse
#
# **Question: how similar are the documents, and do they copy text from each other or
# from provincial documents?**
#
# Three views of similarity, from words to whole passages:
#
# 1. *Vocabulary*: cosine similarity of the documents' TF-IDF vectors and Jaccard overlap
#    of their sets of words, a hierarchical clustering and a 2-D map of the same distances.
# 2. *Topics*: an NMF topic model fitted on clauses (not on whole documents, so a short
#    reply and a long plan weigh alike), and the share of each topic in each document.
# 3. *Passages*: text reuse, i.e. passages two documents share (found with a seeded
#    Smith–Waterman alignment that tolerates small edits and script differences), and the
#    copy ratio of a task-decomposition table: how much of each city measure restates the
#    provincial measure it implements.
#
# All tables come from the build (`similarity`, `clusters`, `doc_map`, `topics`, `reuse`,
# `reuse_pairs`, `copy_ratio`); this notebook only shows them.
#
# *Your own documents:* set `raw_dir`. A corpus without a task table shows a note instead
# of the copy-ratio figure.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
n_passages = 10  # shared passages listed, strongest first
n_measures = 8  # task-table measures listed, most copied first
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import compare as cp

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
docs = tables["documents"]
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
tables

# %% [markdown]
# ## How similar is the vocabulary?
#
# `cosine` compares TF-IDF weights (words frequent in one document but rare in the corpus
# weigh most), `jaccard` the sets of distinct words (shared words / all words of the two).
# Both are 1 on the diagonal. Colours are scaled to the off-diagonal values.

# %%
sim = tables["similarity"]
sim.pivot_table(index="doc_id", columns="doc_b", values="cosine", sort=False).round(2)

# %%
shown.note(cp.plot_similarity(shown.rows(sim), shown.docs, english=english))

# %%
shown.note(cp.plot_similarity(shown.rows(sim), shown.docs, measure="jaccard",
                              english=english))

# %% [markdown]
# ## Which documents group together?
#
# Average-linkage clustering on 1 − cosine similarity (the `clusters` table lists the
# merges), and a 2-D map of the same distances (classical multidimensional scaling;
# the axis labels give the share of the distances each dimension keeps).

# %%
tables["clusters"][["step", "distance", "members"]]

# %%
shown.note(cp.plot_dendrogram(shown.tables["clusters"], shown.docs, english=english))

# %%
cp.plot_document_map(tables["doc_map"], docs, english=english)

# %% [markdown]
# ## Clause topics
#
# NMF topics over the TF-IDF of clauses. A topic is a group of words that tend to occur in
# the same clauses; its label is its four strongest words. `share` is the topic's share of
# the document's topic weight, `n_clauses` the clauses where it is the dominant topic.

# %%
topics = tables["topics"]
topics.pivot_table(index="topic", columns="doc_id", values="share", sort=False).round(2).assign(
    label=topics.drop_duplicates("topic").set_index("topic")["label"])

# %%
cp.plot_topics(topics, english=english)

# %%
shown.note(cp.plot_topic_shares(shown.rows(topics), shown.docs, english=english))

# %% [markdown]
# ## Text reuse between documents
#
# Passages of at least 15 characters that two documents share, edited or not. `score` is
# the alignment score (+2 per identical character, penalties for substitutions and gaps),
# `identity` the share of identical characters; `weighted_score` discounts passages made
# of boilerplate (e.g. the standard "以习近平新时代中国特色社会主义思想为指导" preamble).
# The passages are quoted in each document's own script (Tonghua's in traditional
# characters).

# %%
reuse = tables["reuse"]
pl.table_or_note(
    reuse[["doc_a", "doc_b", "score", "identity", "weighted_score", "text_a", "text_b"]]
    .head(n_passages),
    "No passage is shared between these documents.")

# %% [markdown]
# How much of each document (row) lies inside passages shared with another (column), and
# how many passages:

# %%
pairs = tables["reuse_pairs"]
pairs.pivot_table(index="doc_id", columns="doc_b", values="share", sort=False).mul(100).round(2)

# %%
shown.note(cp.plot_reuse(shown.rows(pairs), shown.docs, english=english))

# %% [markdown]
# ## The task table: how much of each city measure restates the provincial measure?
#
# Jiayuguan's 2020 document is a task-decomposition table: each provincial measure
# ((三) … (二十)) is followed by the city's own measures (1., 2. …) and the responsible
# units. For every city measure, the copy ratio is the share of its characters (letters,
# digits, Chinese characters) inside passages copied from the provincial text above it.

# %%
pl.table_or_note(tables["copy_ratio_summary"],
                 "No task table (provincial clause + city measures) in these documents.")

# %%
copied = tables["copy_ratio"]
pl.table_or_note(
    copied.sort_values(["copy_ratio", "clause_id"], ascending=[False, True])
    [["clause_id", "task_heading", "copy_ratio", "n_chars", "passages"]].head(n_measures),
    "No task table in these documents.")

# %%
shown.note(cp.plot_copy_ratio(shown.rows(copied), shown.docs, english=english))

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "07_similarity_reuse", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus (five documents: read every number as a description of these
five texts, not of a population):

- **One policy language, moderately similar documents.** TF-IDF cosine similarity
  between two different documents ranges only from 0.44 (Yinchuan–Jiayuguan) to 0.61
  (Xinji–Tonghua); Chifeng–Xinji follows at 0.58. Jaccard overlap of the word sets is
  low everywhere (0.16–0.24) and lowest for Xinji, whose long plan has about four times
  as many distinct words as the others (a larger union, not a different vocabulary):
  compare documents of unequal length on cosine rather than Jaccard.
- **Clusters.** Xinji's 14th Five-Year plan and Tonghua's 2012 action plan merge first
  (distance 0.39), then Chifeng's guiding opinions (0.45); Yinchuan's reply to a CPPCC
  proposal (0.49) and Jiayuguan's task table (0.52) stay apart. The map shows the same:
  the three comprehensive plans together, the reply and the task table at the edges
  (the two dimensions keep 36% and 27% of the distances). The grouping follows the
  *genre* of the documents (plan, reply, task table) more than their era: the 2012 plan
  sits closest to a 2022 plan.
- **Topics.** Eight clause topics. Xinji's plan is dominated by industry (topic 6:
  产业、高端、技术、产业链, 33% of its topic weight against 3–13% elsewhere);
  Jiayuguan's task table by support and funding (topic 1: 支持、给予、项目、资金, 28%)
  and it holds the largest share of the target topic (topic 8: 达到、比重、R&D, 11%);
  Tonghua's plan by planning and leadership (topic 4: 规划、科技创新、领导, 18%, twice
  the others'); Chifeng's opinions by the innovation environment (topic 5, 21%).
  Yinchuan's reply spreads over enterprises and services (topic 3, 20%), support
  (topic 1, 20%) and the innovation environment (topic 5, 19%); it shares project
  management (topic 7) with Jiayuguan (13% and 14%, 5–8% elsewhere).
- **Little text reuse between the cities.** Only 15 shared passages were found among
  the ten pairs, and no document has more than 2.2% of its text in passages shared with
  another (Chifeng with Xinji, 5 passages); Yinchuan's reply shares nothing but 0.75%
  with Xinji. The strongest passages are formulas, not borrowed policy: the standard
  preamble "以习近平新时代中国特色社会主义思想为指导…" (Chifeng–Jiayuguan, 69
  characters, 93% identical, score 125), the closing "已经市政府同意,现印发给你们"
  (Xinji–Jiayuguan), and the set phrases 创新型领军企业、高新技术企业和科技型中小企业
  and 以企业为主体、市场为导向、产学研. One indicator name, 高新技术产业增加值占规模以上
  工业增加值比, is word for word the same in Xinji (2022) and Tonghua (2012, quoted here
  in its traditional script, 技術產業增加值占規模以上工業增加值比).
- **Heavy copying from the provincial level.** Jiayuguan's task table is the opposite
  case: of the 2,645 characters of its 54 city measures (under 18 provincial measures),
  1,634 (62%) restate the provincial measure they implement; the median measure copies
  66%, 19 measures copy at least 90% and only 8 copy nothing. Whole tasks are restated
  almost verbatim, e.g. talent programmes (二/(六), 99%), "放管服" reform (三/(九), 98%)
  and equipment manufacturing (四/(十六), 94%); city-specific wording is rarest under
  basic research (二/(七), 18%) and fiscal S&T investment (二/(四), 34%).

Caveats: reuse is found only for passages of at least 15 characters sharing a 10-character
seed; paraphrase below that is invisible. The provincial measures are those restated
inside Jiayuguan's own table (the provincial document itself is not in the corpus), so
the copy ratio measures restatement within one document.
""", raw_dir=raw_dir, processed_dir=processed_dir)
