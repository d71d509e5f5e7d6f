"""The clause table: every document of a corpus as clause segments, and lookups in it.

Chinese official documents are organised by an outline whose numbering styles have fixed
ranks: ``一、`` > ``(一)`` > ``1.`` > ``(1)``, with enumerations ``一是…二是…`` (and ``①②``,
``—`` dash lists) inside paragraphs; regulations use ``第X章`` / ``第X节`` / ``第X条``.
:func:`clause_table` parses every document of a corpus (with the parser of
:mod:`analysis.structure.outline`) into *segments* that cover its whole normalised text, in
order and without overlap, so any character offset (a token, a keyword hit, a target) maps
to exactly one clause (:func:`clause_at`, :func:`attach_clause_ids`).
:func:`outline_summary` counts the outline items per level.

The clause table (the contract other modules rely on) has the columns

``doc_id, clause_id, parent_id, level, label, heading, text, char_start, char_end, kind,
warnings, part``

- ``char_start``/``char_end``: offsets into ``documents["text"]``; ``text`` is exactly
  ``documents["text"][char_start:char_end]`` (``text_orig`` at the same offsets quotes the
  original script).
- ``clause_id``: ``"{doc_id}:{path}"``, the outline labels joined with ``/``
  (``"chifeng_2023:二/(一)/1"``); ``"{doc_id}:front"`` (title, notice, preamble) and
  ``"{doc_id}:back"`` (signature, date, attachments); a label repeated under the same parent
  gets ``~2``, ``~3``. Path parts: ``二`` (``一、``), ``(一)``, ``1``, ``(1)``, ``一是``,
  ``①``, ``—1`` (n-th dash item), ``第一条``, ``表1`` (a table), ``牵头单位``/``配合单位``
  (responsible units of a task table), ``body`` (unlabelled text), ``repeat-2`` (a section
  heading repeated at a page break: the section goes on, it is not a new one).
- ``level``: 0 front/back/whole-body; for labelled items, the rank of their numbering
  style among the styles the document (or its attached document) uses: the highest style
  is level 1, the next level 2 … (``一、`` > ``(一)`` > ``1.`` > ``(1)``; ``第X章`` >
  ``第X节`` > ``第X条`` above them). A document numbered ``一、 (一) 1. (1)`` has levels 1–4;
  one numbered only ``(一)`` has its ``(一)`` at level 1; ``第X章`` then ``第X条`` gives 1
  and 2. Enumerations (``一是``, ``①``, dash items) are level 5. A child is always deeper
  than its parent. Tables, unit cells and unlabelled continuations sit one level below
  their parent.
- ``kind``: ``front``, ``heading`` (a label and a title only, e.g. ``(一)强化重点领域科技创新``),
  ``clause`` (a labelled clause; its first sentence is its ``heading``), ``enumeration``,
  ``table`` (a ``|``-flattened table, or a unit cell of a task table), ``body``, ``back``.
- ``warnings``: ``""`` or ``"; "``-joined notes on skipped, repeated or restarted numbers.
- ``part``: which document the row belongs to (:mod:`analysis.structure.wrapper`):
  ``notice`` (a notice that issues an attached document: ``关于印发《…方案》的通知 …
  现印发给你们 …`` and its signature; its front row also holds the attached title),
  ``attachment`` (the attached document: the policy text proper, from its first outline
  item), ``body`` (a document that wraps nothing), ``appendix`` (``附件`` documents after
  the policy text whose numbering starts again: forms, indicator lists, tables). Select
  ``part.isin(["attachment", "body"])`` for the policy text proper. The words and
  patterns are ``[wrapper]`` in ``structure.toml``.

Examples
--------
>>> from analysis import load_corpus
>>> clauses = clause_table(load_corpus())
>>> clauses.loc[clauses["clause_id"] == "chifeng_2023:二/(一)/1", ["kind", "heading"]].values
array([['clause', '推进重点领域技术创新']], dtype=object)
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.structure.labels import label_style
from analysis.structure.outline import parse_outline
from analysis.structure.rules import DEFAULT_RULES, RulesLike, load_structure_rules

if TYPE_CHECKING:
    from analysis.text.corpus import Corpus

__all__ = [
    "CLAUSE_COLUMNS",
    "INT_CLAUSE_COLUMNS",
    "StructureWarning",
    "attach_clause_ids",
    "clause_at",
    "clause_columns",
    "clause_frame",
    "clause_table",
    "outline_summary",
    "parse_clauses",
]

#: The columns of a clause table, in order.
CLAUSE_COLUMNS: tuple[str, ...] = (
    "doc_id", "clause_id", "parent_id", "level", "label", "heading", "text",
    "char_start", "char_end", "kind", "warnings", "part",
)


class StructureWarning(UserWarning):
    """A document's outline could not be recognised (it is kept as one body clause)."""


#: The integer columns of :data:`CLAUSE_COLUMNS` (the others hold text).
INT_CLAUSE_COLUMNS = frozenset({"level", "char_start", "char_end"})
#: The dtype pandas gives a column of strings, when it keeps them in Arrow arrays.
_STR: pd.StringDtype | None = (pd.StringDtype("pyarrow", na_value=np.nan)
                               if pd.Series(["x"]).dtype == pd.StringDtype("pyarrow",
                                                                           na_value=np.nan)
                               else None)
#: The kinds of row that show an outline was recognised.
_OUTLINE_KINDS = frozenset({"heading", "clause", "enumeration", "table"})


def _no_outline(doc_id: str) -> str:
    return (f"{doc_id}: no outline (一、/(一)/1./(1)/一是 ...) recognised; the whole text is "
            "kept as one body clause.")


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(CLAUSE_COLUMNS))
    df["level"] = df["level"].astype("int64")
    df["char_start"] = df["char_start"].astype("int64")
    df["char_end"] = df["char_end"].astype("int64")
    return df


def parse_clauses(text: str, *, doc_id: str = "doc", warn: bool = True,
                  rules: RulesLike = DEFAULT_RULES) -> pd.DataFrame:
    """Parse one text into its clause segments (the rows :func:`clause_table` gives per
    document).

    Parameters
    ----------
    text : str
        Normalised document text (as in ``documents["text"]``).
    doc_id : str, keyword-only
        Used in ``doc_id`` and ``clause_id``.
    warn : bool, keyword-only
        Emit a :class:`StructureWarning` when no outline is recognised.
    rules : str, path or StructureRules, keyword-only
        The closing-matter, table-caption and unit-line rules
        (:func:`~analysis.structure.rules.load_structure_rules`): the packaged
        ``structure.toml`` or your own copy.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLAUSE_COLUMNS`; the segments cover ``text`` in order.

    Examples
    --------
    >>> df = parse_clauses("标题\\n一、总体要求\\n(一)指导思想\\n坚持创新。\\n1.加强领导。要求。")
    >>> df[["clause_id", "level", "kind", "heading"]].values.tolist()
    [['doc:front', 0, 'front', '标题'], ['doc:一', 1, 'heading', '总体要求'],
     ['doc:一/(一)', 2, 'heading', '指导思想'], ['doc:一/(一)/1', 3, 'clause', '加强领导']]
    """
    _require_str(text)
    rows = parse_outline(text, doc_id=doc_id, rules=load_structure_rules(rules))
    if warn and text.strip() and not any(r["kind"] in _OUTLINE_KINDS for r in rows):
        warnings.warn(_no_outline(doc_id), StructureWarning, stacklevel=2)
    return _frame(rows)


def _require_str(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"parse_clauses: text must be a str, not {type(text).__name__}")


def clause_table(corpus: Corpus, *, docs: list[str] | None = None,
                 rules: RulesLike = DEFAULT_RULES) -> pd.DataFrame:
    """The clause table of a corpus: one row per clause segment of every document.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.load_corpus`.
    docs : list of str, keyword-only
        Only these documents (default: all, in corpus order).
    rules : str, path or StructureRules, keyword-only
        As in :func:`parse_clauses`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLAUSE_COLUMNS` (see the module docstring), in corpus order and by
        position; per document the segments cover ``documents["text"]`` without overlap.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> clauses = clause_table(load_corpus())
    >>> clauses.groupby("doc_id", sort=False)["char_end"].max().to_dict()["chifeng_2023"]
    3944
    """
    rules = load_structure_rules(rules)
    documents = corpus.documents
    if docs is not None:
        unknown = sorted(set(docs) - set(documents["doc_id"]))
        if unknown:
            raise KeyError(f"not in this corpus: {unknown}; ids are {corpus.doc_ids}")
        documents = documents.set_index("doc_id", drop=False).loc[list(docs)]
    return clause_frame(*clause_columns(documents["doc_id"], documents["text"], rules=rules))


def clause_columns(doc_ids: Iterable[str], texts: Iterable[str], *,
                   rules: RulesLike = DEFAULT_RULES) -> tuple[dict[str, list[Any]], list[int]]:
    """The clause table of some documents as one list per column (no DataFrame), and
    the number of rows of each document: what :func:`clause_table` is made from
    (:func:`clause_frame`), for code that sends it between processes.

    Emits the :class:`StructureWarning` of :func:`parse_clauses` for each document
    without a recognised outline (from this module, whoever calls).

    Examples
    --------
    >>> cols, rows = clause_columns(["d"], ["标题\\n一、总则\\n(一)目标。内容。"])
    >>> cols["clause_id"], cols["level"], rows
    (['d:front', 'd:一', 'd:一/(一)'], [0, 1, 2], [3])
    """
    rules = load_structure_rules(rules)
    columns: dict[str, list[Any]] = {col: [] for col in CLAUSE_COLUMNS}
    lengths: list[int] = []
    for doc_id, text in zip(doc_ids, texts, strict=True):
        _require_str(text)
        rows = parse_outline(text, doc_id=doc_id, rules=rules)
        if text.strip() and not any(r["kind"] in _OUTLINE_KINDS for r in rows):
            warnings.warn(_no_outline(doc_id), StructureWarning, stacklevel=1)
        for col, values in columns.items():
            values.extend(r[col] for r in rows)
        lengths.append(len(rows))
    return columns, lengths


def clause_frame(columns: Mapping[str, Any], lengths: Sequence[int]) -> pd.DataFrame:
    """A clause table from its columns (:func:`clause_columns`' lists, or Arrow (also
    chunked) and NumPy arrays of the same values) and the rows of each document.

    The frame is the one the documents' own tables (:func:`parse_clauses`) concatenate
    to, down to its memory layout: a text column holds one Arrow chunk per document (its
    Parquet file is then written byte for byte the same), or Python objects where a
    document has no row or no value in it (``None`` there, NaN for the missing values of
    the other documents).

    Examples
    --------
    >>> df = clause_frame(*clause_columns(["d"], ["一、总则"]))
    >>> df.dtypes["char_end"], df.dtypes["parent_id"]
    (dtype('int64'), dtype('O'))
    """
    counts = np.asarray(lengths, dtype=np.int64)
    if not len(counts):
        return _frame([])
    ends = np.cumsum(counts)
    starts = ends - counts
    data: dict[str, Any] = {}
    for col in CLAUSE_COLUMNS:
        values = columns[col]
        if col in INT_CLAUSE_COLUMNS:
            data[col] = np.asarray(values, dtype=np.int64)
            continue
        arr = (values if isinstance(values, pa.Array | pa.ChunkedArray)
               else pa.array(values, pa.large_string()))
        missing = arr.is_null().to_numpy(zero_copy_only=False)
        cum = np.concatenate([[0], np.cumsum(missing)])
        empty = cum[ends] - cum[starts] == counts  # documents without a value in it
        # one of them gives the column object dtype, as concat does: its own missing
        # values stay None, those of documents with text columns become NaN
        if _STR is None or empty.any():
            objects = arr.to_numpy(zero_copy_only=False)
            if _STR is not None:
                objects[missing & ~np.repeat(empty, counts)] = np.nan
            data[col] = pd.Series(objects, dtype=object)
        else:
            chunks = pa.chunked_array([_one_chunk(arr.slice(a, n))
                                       for a, n in zip(starts, counts, strict=True)],
                                      pa.large_string())
            data[col] = pd.arrays.ArrowStringArray(chunks, dtype=_STR)
    return pd.DataFrame(data, columns=list(CLAUSE_COLUMNS))


def _one_chunk(part: pa.Array | pa.ChunkedArray) -> pa.Array:
    # a document's values: a view when they lie in one chunk (no copy), else joined
    if isinstance(part, pa.ChunkedArray):
        return part.chunk(0) if part.num_chunks == 1 else part.combine_chunks()
    return part


def clause_at(clauses: pd.DataFrame, doc_id: str, pos: Any) -> Any:
    """The ``clause_id`` of the segment containing character offset ``pos`` of ``doc_id``.

    ``pos`` may be an int (returns a str) or an array of ints (returns an array of str).

    Raises
    ------
    KeyError
        If ``doc_id`` has no clauses.
    ValueError
        If an offset lies outside the document.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> corpus = load_corpus()
    >>> clauses = clause_table(corpus)
    >>> pos = corpus.text("chifeng_2023").index("推进重点领域技术创新")
    >>> clause_at(clauses, "chifeng_2023", pos)
    'chifeng_2023:二/(一)/1'
    """
    sub = clauses.loc[clauses["doc_id"] == doc_id]
    if sub.empty:
        raise KeyError(f"{doc_id!r} has no clauses in this table")
    starts = sub["char_start"].to_numpy()
    order = np.argsort(starts, kind="stable")
    starts = starts[order]
    ids = sub["clause_id"].to_numpy()[order]
    end = int(sub["char_end"].max())
    scalar = np.ndim(pos) == 0
    p = np.atleast_1d(np.asarray(pos, dtype=np.int64))
    bad = (p < 0) | (p >= max(end, 1))
    if bad.any():
        raise ValueError(f"{doc_id}: offset {int(p[bad][0])} is outside the text "
                         f"(0 … {end - 1})")
    idx = np.searchsorted(starts, p, side="right") - 1
    out = ids[idx]
    return str(out[0]) if scalar else out


def attach_clause_ids(table: pd.DataFrame, clauses: pd.DataFrame, *, start: str = "start",
                      column: str = "clause_id") -> pd.DataFrame:
    """Add the ``clause_id`` of each row's offset (``table[start]``, per ``doc_id``).

    Works for tokens (``start``), kwic hits (``char_start``), targets ... Rows whose
    document has no clauses get a missing value.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> corpus = load_corpus().subset(["chifeng_2023"])
    >>> toks = attach_clause_ids(token_table(corpus), clause_table(corpus))
    >>> toks["clause_id"].iloc[0]
    'chifeng_2023:front'
    """
    if start not in table.columns or "doc_id" not in table.columns:
        raise KeyError(f"attach_clause_ids: the table needs 'doc_id' and {start!r} columns")
    out = table.copy()
    values = np.full(len(out), None, dtype=object)
    for doc_id, idx in out.groupby("doc_id", sort=False).indices.items():
        sub = clauses.loc[clauses["doc_id"] == doc_id].sort_values("char_start")
        if sub.empty:
            continue
        starts = sub["char_start"].to_numpy()
        ids = sub["clause_id"].to_numpy()
        pos = out[start].to_numpy()[idx]
        k = np.clip(np.searchsorted(starts, pos, side="right") - 1, 0, len(starts) - 1)
        values[idx] = ids[k]
    out[column] = values
    return out



def outline_summary(clauses: pd.DataFrame) -> pd.DataFrame:
    """Number of outline items at each level of each document (tidy).

    Counts the ``heading``, ``clause`` and ``enumeration`` rows (front/back matter, tables,
    unit cells, unlabelled continuations and page-break repeats of a heading are not
    outline items).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, level, n, style`` in document order and by level; ``style`` names the
        numbering styles found at that level (``"一、"``, ``"(一)"``, ``"1."`` ...).

    Examples
    --------
    >>> from analysis import load_corpus
    >>> s = outline_summary(clause_table(load_corpus().subset(["chifeng_2023"])))
    >>> s[["level", "n"]].values.tolist()
    [[1, 3], [2, 9], [3, 17], [5, 4]]
    """
    items = clauses.loc[clauses["kind"].isin(["heading", "clause", "enumeration"])
                        & ~clauses["clause_id"].str.contains(r"/repeat-\d+$", regex=True)]
    order = list(dict.fromkeys(clauses["doc_id"].tolist()))
    # one pass: each document's labels by level
    by_doc: dict[Any, dict[int, list[Any]]] = {}
    for doc_id, level, lab in zip(items["doc_id"].tolist(), items["level"].tolist(),
                                  items["label"].tolist(), strict=True):
        by_doc.setdefault(doc_id, {}).setdefault(level, []).append(lab)
    style_of: dict[Any, str] = {}
    rows = []
    for doc_id in order:
        for level, labels in sorted(by_doc.get(doc_id, {}).items()):
            styles = set()
            for lab in labels:
                if lab not in style_of:
                    style_of[lab] = label_style(lab)
                styles.add(style_of[lab])
            rows.append({"doc_id": doc_id, "level": int(level), "n": len(labels),
                         "style": " ".join(sorted(styles))})
    df = pd.DataFrame(rows, columns=["doc_id", "level", "n", "style"])
    df["level"] = df["level"].astype("int64")
    df["n"] = df["n"].astype("int64")
    return df
