"""Copy ratio: how much of a local text restates its source, row by row.

:func:`copy_ratio` aligns each target text with its source text (all separate local
alignments, :func:`analysis.textreuse.alignment.local_alignments`) and counts the target's
characters copied identically. :func:`task_copy_ratio` applies it to task-decomposition
tables (任务分解表): each local measure against the higher-level clause it implements, as
:func:`analysis.structure.responsibilities` pairs them. :func:`copy_ratio_summary` gives
one line per table. The figure is :func:`analysis.plots.compare.plot_copy_ratio`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import partial

import numpy as np
import pandas as pd

from analysis.structure import clause_table, responsibilities
from analysis.text.corpus import Corpus
from analysis.textreuse.alignment import (
    GAP_EXTEND,
    GAP_OPEN,
    MATCH,
    MIN_LENGTH,
    MIN_SCORE,
    MISMATCH,
    _codes,
    _quote,
    copied_spans,
)
from analysis.textreuse.kernel import char_classes
from analysis.textreuse.ordered import _in_order

__all__ = ["copy_ratio", "copy_ratio_summary", "task_copy_ratio"]

_COUNTABLE = re.compile(r"[\w]")  # letters, digits and Han characters (not punctuation/space)


def _is_countable(ch: str) -> bool:
    return bool(_COUNTABLE.match(ch))


def _countable(text: str) -> np.ndarray:
    """Which characters of ``text`` count (letters, digits, Han), as a boolean array (the
    pattern tried once per distinct character)."""
    return char_classes(_codes(text), _is_countable)[0]


def _countable_all(texts: Sequence[str]) -> list[np.ndarray]:
    """:func:`_countable` of each text, the pattern tried once per distinct character of
    all of them.

    Examples
    --------
    >>> [c.tolist() for c in _countable_all(["a,", "", "。中"])]
    [[True, False], [], [False, True]]
    """
    if not texts:
        return []
    codes = [_codes(t) for t in texts]
    flat = char_classes(np.concatenate(codes), _is_countable)[0]
    return np.split(flat, np.cumsum([len(c) for c in codes])[:-1])


def _columns(tgt: str, count: np.ndarray, spans: np.ndarray,
             copied: np.ndarray) -> dict[str, object]:
    """The copy-ratio columns of a target text from its alignments' spans and matched
    characters (:func:`copied_spans`) and its countable characters."""
    copied = copied & count
    n_chars, n_copied = int(count.sum()), int(copied.sum())
    starts, ends = spans[:, 0].tolist(), spans[:, 1].tolist()
    return {
        "n_chars": n_chars,
        "copied_chars": n_copied,
        "copy_ratio": round(n_copied / n_chars, 6) if n_chars else 0.0,
        "n_passages": len(starts),
        "longest_passage": max((e - s for s, e in zip(starts, ends, strict=True)), default=0),
        "passages": " / ".join(_quote(tgt[s:e])
                               for s, e in sorted(zip(starts, ends, strict=True),
                                                  key=lambda x: x[0])),
    }


def copy_ratio(
    table: pd.DataFrame,
    *,
    source: str = "provincial_text",
    target: str = "city_measures",
    id_columns: Sequence[str] = ("doc_id", "clause_id"),
    min_length: int = MIN_LENGTH,
    min_score: int = MIN_SCORE,
    match: int = MATCH,
    mismatch: int = MISMATCH,
    gap_open: int = GAP_OPEN,
    gap_extend: int = GAP_EXTEND,
    threads: int = 1,
) -> pd.DataFrame:
    """How much of each target text is copied from its source text (row by row).

    For every row, local alignments of the target against the source are collected
    (:func:`analysis.textreuse.alignment.local_alignments`: all separate passages of at
    least ``min_length`` characters); the copied characters are the target's characters
    matched identically inside those passages. Only letters, digits and Han characters
    count (punctuation, spaces and item numbers' dots do not), in the copied characters as
    in the total.

    Parameters
    ----------
    table : DataFrame
        One row per pair, e.g. a responsibilities table: the higher-level clause
        (``source`` column) and the city measures that implement it (``target`` column).
    source, target : str, keyword-only
        The column names.
    id_columns : list of str, keyword-only
        Columns copied to the output (those present); ``doc_id`` is required.
    min_length, min_score : int, keyword-only
        Shortest passage (target characters) and lowest alignment score counted.
    match, mismatch, gap_open, gap_extend : int, keyword-only
        The alignment's scores (:func:`~analysis.textreuse.alignment.align`).
    threads : int, keyword-only
        Threads aligning the pairs of texts side by side (the same table for any number).

    Returns
    -------
    DataFrame
        The ``id_columns`` and ``n_chars, copied_chars, copy_ratio, n_passages,
        longest_passage, passages``: countable characters of the target, those copied, their
        ratio, the number of copied passages, the longest one's length, and the copied
        passages themselves (the target's text, joined with `` / ``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["x"], "clause_id": ["x:一"],
    ...                   "provincial_text": ["鼓励企业建立研发准备金制度,加大研发投入。"],
    ...                   "city_measures": ["1.鼓励企业建立研发准备金制度。2.每年培育企业4户。"]})
    >>> r = copy_ratio(t)
    >>> int(r.loc[0, "copied_chars"]), int(r.loc[0, "n_chars"])
    (13, 23)
    """
    for col in (source, target, "doc_id"):
        if col not in table.columns:
            raise ValueError(f"copy_ratio: the table lacks column {col!r}; give source=/target= "
                             "the names of the source-text and target-text columns.")
    keep_ids = [c for c in id_columns if c in table.columns]
    opts = {"min_length": min_length, "min_score": min_score, "match": match,
            "mismatch": mismatch, "gap_open": gap_open, "gap_extend": gap_extend}
    records = table.to_dict("records")
    texts = [("" if pd.isna(rec[source]) else str(rec[source]),
              "" if pd.isna(rec[target]) else str(rec[target])) for rec in records]
    # the countable characters of every distinct target text, in one pass
    targets = list(dict.fromkeys(tgt for _, tgt in texts))
    counts = dict(zip(targets, _countable_all(targets), strict=True))
    # a pair of texts met again (a task table restated in another document) is aligned once
    pairs = list(dict.fromkeys(texts))

    def calls() -> Iterator[Callable[[], tuple[np.ndarray, np.ndarray]]]:
        # every pair, empty texts too, goes to the kernel: its first call (compiling it or
        # loading it from numba's cache) is then always on this thread (_in_order)
        for src, tgt in pairs:
            yield partial(copied_spans, src, tgt, **opts)

    found = {(src, tgt): _columns(tgt, counts[tgt], *aligned)
             for (src, tgt), aligned in zip(pairs, _in_order(calls(), threads=threads),
                                            strict=True)}
    rows = [{**{c: rec[c] for c in keep_ids}, **found[pair]}
            for rec, pair in zip(records, texts, strict=True)]
    cols = [*keep_ids, "n_chars", "copied_chars", "copy_ratio", "n_passages",
            "longest_passage", "passages"]
    return pd.DataFrame(rows, columns=cols)


def task_copy_ratio(
    data: Corpus | pd.DataFrame,
    *,
    clauses: pd.DataFrame | None = None,
    min_length: int = MIN_LENGTH,
    min_score: int = MIN_SCORE,
    threads: int = 1,
) -> pd.DataFrame:
    """Copy ratio of every local measure of the corpus's task-decomposition tables (任务分解表).

    A task table restates each higher-level measure (the provincial clause ``(三)…``) and
    lists the local measures that implement it (``1.``, ``2.`` …) with the responsible
    units. :func:`analysis.structure.responsibilities` gives one row per provincial
    measure with its ``provincial_text`` and its ``city_measures`` (labels stripped);
    :func:`copy_ratio` then tells, for every city measure, how much of it is copied from
    the provincial text.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus, its clause table, or a responsibilities table (``doc_id, clause_id,
        heading, provincial_text, city_measures``).
    clauses : DataFrame, optional, keyword-only
        The corpus's clause table, when already made (it also names each city measure by
        its own ``clause_id``).
    min_length, min_score, threads : int, keyword-only
        As :func:`copy_ratio`.

    Returns
    -------
    DataFrame
        One row per city measure: ``doc_id, clause_id, task_id, task_heading, measure,
        n_chars, copied_chars, copy_ratio, n_passages, longest_passage, passages``.
        ``task_id`` is the provincial measure's clause; ``clause_id`` the city measure's own
        clause (``"{task_id}/{k}"`` when the clause table is not at hand); ``measure`` its
        number under the task. Empty, with these columns, when no document has a task
        table.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> r = task_copy_ratio(load_corpus())
    >>> r["doc_id"].unique().tolist(), len(r), r["clause_id"].iloc[0]
    (['jiayuguan_2020'], 54, 'jiayuguan_2020:二/(三)/1')
    """
    if isinstance(data, Corpus):
        clauses = clause_table(data) if clauses is None else clauses
        resp = responsibilities(clauses)
    elif isinstance(data, pd.DataFrame) and "provincial_text" in data.columns:
        resp = data
    elif isinstance(data, pd.DataFrame) and "char_start" in data.columns:
        clauses = data
        resp = responsibilities(clauses)
    else:
        raise ValueError("task_copy_ratio: give a Corpus, a clause table or a responsibilities "
                         "table (analysis.structure.responsibilities).")
    missing = sorted({"doc_id", "clause_id", "provincial_text", "city_measures"}
                     - set(resp.columns))
    if missing:
        raise ValueError(f"task_copy_ratio: the responsibilities table lacks "
                         f"{', '.join(missing)}.")
    children: dict[str, list[str]] = {}
    if clauses is not None:
        kids = clauses.loc[clauses["kind"].isin(["heading", "clause"])]
        for parent, cid in zip(kids["parent_id"], kids["clause_id"], strict=True):
            if isinstance(parent, str):
                children.setdefault(parent, []).append(cid)
    rows = []
    for rec in resp.to_dict("records"):
        measures = list(rec["city_measures"]) if rec["city_measures"] is not None else []
        own = children.get(rec["clause_id"], [])
        for k, text in enumerate(measures, start=1):
            mid = own[k - 1] if len(own) == len(measures) else f"{rec['clause_id']}/{k}"
            rows.append({"doc_id": rec["doc_id"], "clause_id": mid,
                         "task_id": rec["clause_id"], "task_heading": rec.get("heading", ""),
                         "measure": k, "source_text": rec["provincial_text"], "text": text})
    cols = ["doc_id", "clause_id", "task_id", "task_heading", "measure", "source_text", "text"]
    measures_df = pd.DataFrame(rows, columns=cols)
    out = copy_ratio(measures_df, source="source_text", target="text",
                     id_columns=("doc_id", "clause_id", "task_id", "task_heading", "measure"),
                     min_length=min_length, min_score=min_score, threads=threads)
    return out.reset_index(drop=True)


def copy_ratio_summary(table: pd.DataFrame, *, verbatim: float = 0.9) -> pd.DataFrame:
    """One line per task table: how much of its local measures restates the source.

    Parameters
    ----------
    table : DataFrame
        A :func:`task_copy_ratio` table (the build's ``copy_ratio``).
    verbatim : float, keyword-only
        A measure counts as copied (near-)verbatim when at least this share of its
        characters is copied.

    Returns
    -------
    DataFrame
        ``doc_id, n_tasks, n_measures, n_chars, copied_chars, copy_ratio, median_ratio,
        n_verbatim, n_none``: provincial clauses with local measures, local measures, their
        countable characters and those copied, the overall ratio (copied / all characters),
        the median of the measures' ratios, the measures copied at least ``verbatim`` and
        those copying nothing. Empty (with these columns) for a corpus without a task table.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> s = copy_ratio_summary(task_copy_ratio(load_corpus()))
    >>> s[["doc_id", "n_tasks", "n_measures"]].values.tolist()
    [['jiayuguan_2020', 18, 54]]
    """
    cols = ["doc_id", "n_tasks", "n_measures", "n_chars", "copied_chars", "copy_ratio",
            "median_ratio", "n_verbatim", "n_none"]
    missing = sorted({"doc_id", "task_id", "n_chars", "copied_chars", "copy_ratio"}
                     - set(table.columns))
    if missing:
        raise ValueError(f"copy_ratio_summary: the table lacks {', '.join(missing)}; give a "
                         "task_copy_ratio table (the build's copy_ratio).")
    rows = []
    for doc_id in dict.fromkeys(table["doc_id"]):
        t = table.loc[table["doc_id"] == doc_id]
        n_chars, copied = int(t["n_chars"].sum()), int(t["copied_chars"].sum())
        rows.append({"doc_id": doc_id, "n_tasks": int(t["task_id"].nunique()),
                     "n_measures": len(t), "n_chars": n_chars, "copied_chars": copied,
                     "copy_ratio": round(copied / n_chars, 6) if n_chars else 0.0,
                     "median_ratio": round(float(t["copy_ratio"].median()), 6),
                     "n_verbatim": int((t["copy_ratio"] >= verbatim).sum()),
                     "n_none": int((t["copied_chars"] == 0).sum())})
    return pd.DataFrame(rows, columns=cols)
