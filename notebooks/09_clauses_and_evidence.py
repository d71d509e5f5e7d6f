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
# # 09 · Clauses, tables and evidence in context
#
# **Question: how are the documents organised, and where do key terms occur?**
#
# Policy documents are numbered outlines (一、 > (一) > 1. > (1), plus 一是/二是
# enumerations). The clause table cuts every document into its outline segments, so each
# word, target or quote can be traced to its clause (`clause_id` such as
# `xinji_2022:三/(二)/2`). This notebook shows the outlines, the clause table, a flattened
# indicator table parsed back into cells, keyword-in-context evidence (quoted in the
# document's own script), and where in each document a few terms occur.
#
# *Your own documents:* set `raw_dir`; choose `kwic_term` and `dispersion_terms`.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
rows_per_document = 4  # clauses listed per document
kwic_term = "科技特派员"  # keyword in context: a term (or a list of terms)
original_term = "创新"  # searched in traditional-script documents, shown in their own script
window = 15  # characters of context on each side
n_hits = 12  # hits listed
dispersion_terms = ["人才", "科技金融", "平台", "科技特派员"]  # terms of the dispersion figure
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import structure as sp

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
docs, clauses = tables["documents"], tables["clauses"]
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
tables

# %% [markdown]
# ## The outline of each document
#
# Outline items per level (headings, numbered clauses, enumerations; front and back
# matter, tables and repeated page-break headings are not counted). `style` is the
# numbering found at that level.

# %%
tables["outline"]

# %%
shown.note(sp.plot_outline(shown.tables["outline"], shown.docs, english=english))

# %% [markdown]
# ## The clause table
#
# One row per segment; the segments of a document do not overlap and cover its whole
# text, so `text_orig[char_start:char_end]` quotes any clause in the original script.
# `kind`: front/back matter, heading (a numbered line with a title), clause (numbered
# text), enumeration (一是 …), table, body (unnumbered text). Segments per kind:

# %%
clauses.pivot_table(index="doc_id", columns="kind", values="clause_id", aggfunc="count",
                    fill_value=0, sort=False)

# %%
clauses.loc[clauses["kind"].isin(["clause", "enumeration"])].groupby(
    "doc_id", sort=False).head(rows_per_document)[
    ["clause_id", "level", "label", "kind", "heading", "char_start", "char_end"]]

# %% [markdown]
# ## A flattened table, parsed back into cells
#
# Xinji's plan has an indicator table (表1) that the web page flattened into lines with
# `|` between cells. `table_rows` splits it again; a merged group cell (创新实力, 创新主体
# …) is carried down to the rows it spans, and a row whose indicator name was lost in
# flattening is flagged in `warnings`.

# %%
pl.table_or_note(tables["table_rows"][["clause_id", "row", "group", "cells", "is_header",
                                       "warnings"]],
                 "No |-flattened table in these documents.")

# %% [markdown]
# ## Keyword in context
#
# Every occurrence of `kwic_term` with its clause: matching runs on the simplified text,
# so a term typed in either script finds both.

# %%
hits = pl.kwic(docs, kwic_term, window=window, clauses=clauses)
hits.groupby("doc_id", sort=False).size()

# %%
pl.table_or_note(hits.head(n_hits), f"{kwic_term} does not occur in these documents.")

# %% [markdown]
# The same search in documents written in traditional characters, shown in their own
# script (`original=True`): `创新` is found as 創新, quoted as the document has it.

# %%
traditional = docs.loc[docs["converted_chars"] > 0, "doc_id"].tolist()
orig_hits = pl.kwic(docs, original_term, window=window, clauses=clauses, docs=traditional,
                    original=True)
pl.table_or_note(orig_hits.head(n_hits), "No document in traditional characters here.")

# %% [markdown]
# ## Where the terms occur: lexical dispersion
#
# One row per document, one lane and colour per term, one tick per occurrence at its
# relative position in the text (0 = start, 1 = end); the legend gives the counts.

# %%
spread = pl.dispersion_table(docs, clauses, terms=dispersion_terms)
spread.pivot_table(index="doc_id", columns="term", values="char_start", aggfunc="count",
                   observed=False, fill_value=0)

# %%
shown.note(sp.plot_dispersion(shown.rows(spread), shown.docs, english=english))

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "09_clauses_and_evidence", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus:

- **Outlines follow the genre.** Xinji's five-year plan is the deepest (100 outline
  items on four levels plus 一是 enumerations, including 18 fourth-level (1) items);
  Jiayuguan's task table numbers its 54 city measures 1., 2. … under 18 of its 20
  provincial measures (一)…(二十); Tonghua's plan (40 items) and Chifeng's opinions
  (33) use the classic 一、/(一)/1. outline; Yinchuan's reply has no third level at all
  but 21 enumerations (一是、二是 …), the style of a reply letter. The 344 clause segments
  cover every document; Jiayuguan's 36 `table` segments are the responsible-unit cells of its
  task table, Xinji's one `table` segment is its indicator table 表1.
- **The flattened table is readable again.** 表1 parses into a header and 10
  indicator rows in three merged groups (创新实力, 创新主体, 创新支撑), with baselines
  for 2020 and targets for 2025: high-tech enterprises 99 → 130, S&T-based SMEs
  649 → 750, high-tech industry value added 2.8% → 7.8% of industrial value added.
  The first row's indicator name was lost when the page was flattened (only "年均增长
  10%" is left) and the row is flagged rather than guessed.
- **科技特派员 (S&T commissioners)** occurs 18 times, only in Yinchuan (7), Jiayuguan
  (7) and Xinji (4), and always in one or two places: all of Yinchuan's hits are in one
  clause (二/(三): full coverage of administrative villages, project and fund support
  for commissioners), Jiayuguan's in its task (八) "壮大全省科技特派员队伍", Xinji's in
  its talent clause 二/(二)/2 and its rural section 五/(一)/3. Chifeng and Tonghua do not
  use the term.
- **Traditional script is searched and quoted faithfully.** Searching 创新 in
  Tonghua's 2012 plan finds 112 hits, each quoted as the document writes it (創新, in
  contexts such as 科技創新體系 and 提高自主創新能力).
- **Where the terms sit.** 人才 (talent, 202 occurrences) runs through every document
  but bunches in each plan's talent section: Xinji around 35% of the text (108
  occurrences in all), Chifeng at 65–75%, Tonghua near the end (its safeguards include
  "加强创新人才队伍建设", 9 hits in one clause). 平台 (platforms, 122) is spread more
  evenly, with a dense block in Xinji's platform section (about 40%). 科技金融 (S&T
  finance, 18) appears in Xinji (11), Yinchuan (5) and Jiayuguan (2) only, each time in
  one short passage; 科技特派员 forms a single tight cluster in Yinchuan and in
  Jiayuguan (about 42–45% of the text).

Caveats: the clause parser reads numbering, so a document without 一、/(一)/1. marks is
one long `body` segment; positions in the dispersion figure are shares of each
document's characters, so one tick in Yinchuan's short reply covers more text than one
in Xinji's long plan.
""", raw_dir=raw_dir, processed_dir=processed_dir)
