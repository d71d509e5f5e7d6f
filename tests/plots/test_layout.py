"""Network layout: the same graph gets the same positions in every Python process."""

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx

from analysis.plots.layout import component_layout

SRC = Path(__file__).resolve().parents[2] / "src"

# Three components of Chinese terms: a subgraph view of one component would list its
# nodes in set order, which depends on the interpreter's string hash seed.
LAYOUT_SCRIPT = """
import networkx as nx
from analysis.plots.layout import component_layout
g = nx.Graph()
for part in "甲乙丙":
    words = [f"{part}词{i}" for i in range(8)]
    g.add_weighted_edges_from((words[i], words[(i * 3 + 1) % 8], i + 1) for i in range(8))
pos = component_layout(g)
print(sorted((k, [round(float(x), 6) for x in v]) for k, v in pos.items()))
"""


def _positions_under_hash_seed(seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(SRC))
    return subprocess.run([sys.executable, "-c", LAYOUT_SCRIPT], env=env, check=True,
                          capture_output=True, text=True).stdout


def test_layout_does_not_depend_on_the_string_hash_seed():
    assert _positions_under_hash_seed("1") == _positions_under_hash_seed("2")


def test_components_are_packed_apart_and_every_node_placed():
    g = nx.Graph([("科技", "人才"), ("人才", "资金"), ("平台", "孵化器")])
    pos = component_layout(g)
    assert sorted(pos) == sorted(g.nodes)
    big = [pos[n] for n in ("科技", "人才", "资金")]
    small = [pos[n] for n in ("平台", "孵化器")]
    # The larger component comes first; the smaller one is packed right of it or in the
    # next row below, never over it.
    right = min(p[0] for p in small) > max(p[0] for p in big)
    below = max(p[1] for p in small) < min(p[1] for p in big)
    assert right or below
