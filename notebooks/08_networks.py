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
# # 08 · Term networks and agency networks
#
# **Question: which terms go together, and which agencies carry the work?**
#
# - *Term co-occurrence*: two words are linked when they occur in the same clause more
#   often than their frequencies alone would suggest (Jaccard coefficient: clauses with
#   both / clauses with either). Node size is the number of clauses containing the word,
#   colour its community (greedy modularity), edge width the association. Centrality
#   says which words hold the network together: `degree` (neighbours), `strength` (sum
#   of edge weights), `betweenness` (how often a word lies on the shortest path between
#   two others: a bridge between topics).
# - *Agencies*: in Jiayuguan's task-decomposition table every provincial measure names
#   lead units (牵头单位) and cooperating units (配合单位). Who leads, who cooperates, and
#   who cooperates with whom.
#
# *Your own documents:* set `raw_dir`; choose `network_doc` (a doc_id) for one document's
# network. Without a task table the agency figures say so.

# %% tags=["parameters"]
raw_dir = None  # corpus folder (text files + metadata.csv); None = the default corpus
processed_dir = None  # the build's tables; None = data/processed, or built in memory for raw_dir
documents = None  # doc_ids to show, e.g. ["xinji_2022", "tonghua_2012"]; None = all
english = False  # English titles, axes and glosses in the figures
network_doc = "xinji_2022"  # one document's network; one not in the corpus: the largest network
top_edges = 80  # strongest edges of the pooled (whole-corpus) network
min_count = 3  # a pair must occur together in at least this many clauses
n_central = 12  # words listed in the centrality tables
export_network = True  # write the pooled network for Gephi (GEXF, GraphML) to reports/networks
by = None  # documents column to compare by (era, level, sheet ...); None = chosen
time_bins = None  # trend periods: "fyp" or cut years "2012,2016,2021"; None = years

# %%
import analysis as pl
import analysis.report as pl_report
from analysis.plots import compare as cp
from analysis.plots import structure as sp
from analysis.report import default_reports_dir

pl.notebook_setup()
tables = pl.load_tables(raw_dir, processed_dir, documents=documents)
docs = tables["documents"]
shown = pl_report.shown_documents(tables, by=by, english=english)  # a page wide
network_doc = pl_report.document_in(tables["network_nodes"], network_doc)
tables

# %% [markdown]
# ## The pooled network: all documents together
#
# Clauses of every document are the units; only words kept for counting (no function
# words, no policy boilerplate) and among the 120 most frequent are candidates.

# %%
edges = pl.cooccurrence(tables["tokens"], clauses=tables["clauses"], top_n=top_edges,
                        min_count=min_count)
graph = pl.cooccurrence_graph(edges)
nodes = pl.network_nodes(graph)
edges.head(10)

# %%
cp.plot_network(edges, nodes, english=english)

# %% [markdown]
# The most central words (highest betweenness first):

# %%
nodes.sort_values(["betweenness", "degree", "term"], ascending=[False, False, True]).head(
    n_central)

# %% [markdown]
# **For Gephi:** the same graph, with every node's count, centralities and community and
# every edge's scores, is written as GEXF (Gephi's own format) and GraphML (Cytoscape,
# yEd). In Gephi: *File → Open*, then lay it out and colour by `community`.

# %%
if export_network:
    out_dir = default_reports_dir() / "networks"
    print(pl.write_gexf(graph, out_dir / "cooccurrence_corpus.gexf"))
    print(pl.write_graphml(graph, out_dir / "cooccurrence_corpus.graphml"))

# %% [markdown]
# ## One document's network
#
# The build keeps one network per document (the 60 strongest edges of pairs seen together
# in at least two clauses): `network_doc` chooses which one is drawn. Every document's
# network is in the figure catalog (`cooccurrence_network_<doc_id>`).

# %%
cp.plot_network(tables["cooccurrence"], tables["network_nodes"], doc_id=network_doc,
                english=english)

# %%
doc_nodes = tables["network_nodes"].query("doc_id == @network_doc")
pl.table_or_note(
    doc_nodes.sort_values(["betweenness", "degree", "term"], ascending=[False, False, True])
    .head(n_central), f"No network for {network_doc!r} in these tables.")

# %% [markdown]
# ## Who leads and who cooperates: the agencies of the task table
#
# `n_lead`: provincial measures the unit leads; `n_cooperate`: those it cooperates on
# (a unit named in both roles for one measure counts as lead); `lead_share` = n_lead /
# n_measures. Unit names are normalised (市科学技术局 → 市科技局, see
# `resources/units.csv`).

# %%
pl.table_or_note(tables["agencies"], "No task table (牵头单位 / 配合单位) in these documents.")

# %%
shown.note(sp.plot_agency_roles(shown.tables["agencies"], shown.docs, english=english))

# %% [markdown]
# Lead → cooperate links: `weight` counts the measures on which `source` leads and `target`
# cooperates (`co-lead` rows: both lead the same measure).

# %%
pl.table_or_note(tables["agency_edges"][["doc_id", "source", "target", "relation", "weight"]]
                 .head(15), "No task table in these documents.")

# %%
shown.note(sp.plot_agency_network(shown.tables["agency_edges"], shown.tables["agencies"],
                                  shown.docs, english=english))

# %% [markdown]
# ## What the figures show
#
# Computed from the tables of the corpus loaded: the numbers behind the figures, the
# strongest differences between groups and the caveats the data call for.

# %%
pl_report.notebook_reading(tables, "08_networks", by=by, time_bins=time_bins)

# %% [markdown]
# On the default corpus, a closer reading (shown only when the default corpus is
# loaded):

# %%
pl_report.hand_written_reading("""
On the default corpus:

- **A core and its satellites.** The pooled network (80 strongest pairs, 63 words) has
  one large community around 支持、企业、创新、科技、技术、产业 (support, enterprises,
  innovation, S&T, technology, industry): the generic vocabulary that every document
  uses. Around it sit smaller, sharper groups: manufacturing (装备、新型、信息、生产、
  产业链、高端), commercialisation and the Beijing–Tianjin link (科技成果、转化、转移转化、
  京津、辛集、对接), incubation and platforms (孵化、创业、平台、创新平台、国家级), and
  fixed pairs such as 高校–科研院所 (universities–research institutes), 深度–融合 (deep
  integration) and 比重–达到 (the wording of targets). The strongest pairs by Jaccard
  are 深度–融合 (0.56), 高校–科研院所 (0.48) and 生产–装备 (0.46).
- **Bridges.** 产业 (industry) has the highest betweenness (0.24): it links the generic
  core to the manufacturing group, followed by 装备, 高端, 先进 and 转化 (0.23 each),
  the gateways to manufacturing and to commercialisation. 支持 (support) has the most
  neighbours (11) but lies inside the core rather than between groups.
- **The pooled network leans towards Xinji.** Xinji's plan is 57% of the corpus's
  words, and 京津 and 辛集 (Beijing–Tianjin, Xinji itself) are pooled-network nodes; read
  each document's own network too. Xinji's shows the same structure: industry (产业,
  betweenness 0.08) joins the core to a manufacturing cluster (装备、材料、智能、新型), with
  separate groups for commercialisation and Beijing–Tianjin, platforms, and rural
  development (乡村振兴、现代农业、农业).
- **One bureau carries Jiayuguan's task table.** 18 units are named on the 18
  provincial measures that have local measures. The S&T Bureau (市科技局) is named on all
  18: it leads 15 and cooperates on 3. The Industry & IT Bureau (4 led, 11 cooperating),
  the Development & Reform Commission and the Finance Bureau (3 and 10 each) mostly
  cooperate; the Education Bureau never leads but cooperates on 11 measures, the HR &
  Social Security Bureau on 7 (leading 1). Eight units appear on only one or two
  measures.
- **Lead → cooperate links** (68 pairs; 21 further pairs co-lead a measure) fan out from
  the S&T Bureau: it leads with the Industry & IT Bureau on 11 measures, with the
  Development & Reform Commission and the Education Bureau on 10 each, the Finance
  Bureau on 7, HR & Social Security on 6 and the State Assets Commission on 5. Other
  leads bring in cooperators on at most 4 measures (Industry & IT → Finance).

Caveats: co-occurrence counts clauses, so a long clause links many words at once, and
the networks keep only the strongest pairs (a word missing from a figure may simply
fall below the cut). The agency analysis needs a task table naming 牵头单位 and
配合单位: here Jiayuguan's only.
""", raw_dir=raw_dir, processed_dir=processed_dir)
