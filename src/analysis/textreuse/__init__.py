"""Text reuse: passages documents share (policy borrowing), found even when edited, and how
much of a local measure restates the higher-level text it implements.

Modules
-------
alignment
    Smith–Waterman local alignment with affine gaps (banded):
    :func:`align`, :func:`local_alignments`, :class:`Alignment`.
kernel
    The compiled loops (numba) behind alignment, seed chaining and per-character tables.
groups
    :func:`near_duplicates`: MinHash sketches and LSH group copies of one text, so
    :func:`reuse` aligns a copy in full with one representative only.
ngram_index
    The corpus's character n-gram index (built a bucket of hashes at a time), counts per
    n-gram and the boilerplate weight of each character.
seeds
    The seeding stage of :func:`reuse`: hashed character n-grams shared by two documents,
    boilerplate weights, and seeds chained into candidate regions.
regions
    Every candidate region of a document pair aligned in one compiled call.
extension
    An alignment that reaches its window's edge carried beyond it (exact runs, then
    banded blocks).
passages
    :func:`reuse` (seed, chain, align: one row per shared passage).
ordered
    Calls run on the stage's threads, their results taken in order.
pairs
    :func:`reuse_pairs` (how much of each document another one shares).
through
    What near-duplicates share through their representatives (for :func:`reuse_pairs`).
copying
    :func:`copy_ratio` (row by row, how much of a target text is copied from its source),
    :func:`task_copy_ratio` (every local measure of a task-decomposition table) and
    :func:`copy_ratio_summary` (one line per table).

The subpackage is ``textreuse`` and no module is named ``reuse``, so that ``analysis.reuse``
stays the function whatever is imported first; likewise no module is named after a function
exported here.
"""

from analysis.textreuse.alignment import Alignment, align, local_alignments
from analysis.textreuse.copying import copy_ratio, copy_ratio_summary, task_copy_ratio
from analysis.textreuse.groups import near_duplicates
from analysis.textreuse.pairs import reuse_pairs
from analysis.textreuse.passages import reuse

__all__ = [
    "Alignment",
    "align",
    "copy_ratio",
    "copy_ratio_summary",
    "local_alignments",
    "near_duplicates",
    "reuse",
    "reuse_pairs",
    "task_copy_ratio",
]
