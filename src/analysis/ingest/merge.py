"""Re-import into a corpus folder without losing what a person wrote in ``metadata.csv``.

Each import keeps, beside ``metadata.csv``, the table it drafted (``.policy-lens-import.csv``).
On the next import, for every document already in ``metadata.csv`` (matched by its source,
or by its checksum when the file was renamed) and every column:

- a value that still equals the previous draft was not edited: the new draft replaces it;
- an edited value is kept; when the new draft has another value (not an empty one), that
  is a conflict, and it is reported;
- ``doc_id`` and ``file`` never change.

New documents are added with new ids; documents no longer in the source, and columns a
person added, are kept; a document whose row a person deleted is not added again.
Without a previous draft (a ``metadata.csv`` written by hand) every existing value counts
as edited. A hand-written ``metadata.csv`` has no ``source`` or ``sha256`` columns: its rows
are matched to the imported documents by their text (the file a row names holds the same
text, whitespace aside) or by the file's name (:func:`match_hand_written`), so a re-import
into such a folder adds only what is new.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.ingest.slugs import unique_id
from analysis.io import unescape_cells

__all__ = ["STATE_FILE", "Merged", "match_hand_written", "merge_metadata", "read_existing",
           "text_key"]

STATE_FILE = ".policy-lens-import.csv"
_FIXED = ("doc_id", "file")


@dataclass
class Merged:
    """The merged ``metadata.csv`` table and what the merge did.

    ``new_ids`` maps each new document's source to its final ``doc_id``; ``kept_ids`` those
    already in ``metadata.csv``; ``changed`` the sources whose file changed since the last
    import; ``conflicts`` one line per kept edit that the new draft disagrees with.
    """

    table: pd.DataFrame
    new_ids: dict[str, str] = field(default_factory=dict)
    kept_ids: dict[str, str] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_existing(out_dir: Path) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """``(metadata.csv, previous draft)`` of a corpus folder, ``None`` where absent.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> read_existing(pathlib.Path(tempfile.mkdtemp()))
    (None, None)
    """
    def read(p: Path) -> pd.DataFrame | None:
        if not p.is_file():
            return None
        return unescape_cells(pd.read_csv(p, dtype=str, keep_default_na=False,
                                          encoding="utf-8-sig"))

    return read(out_dir / "metadata.csv"), read(out_dir / STATE_FILE)


def text_key(text: str) -> str:
    """The checksum of a text with all whitespace removed (the same text, however wrapped).

    Examples
    --------
    >>> text_key("第一条 为规范管理。\\n") == text_key("第一条为规范管理。")
    True
    """
    return hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()


def match_hand_written(existing: pd.DataFrame, out_dir: Path, draft: pd.DataFrame,
                       keys: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """Give the rows of ``existing`` that have no ``source`` the source of the imported
    document they hold: the one whose text (``keys``: source -> :func:`text_key`) equals
    the text of the row's ``file`` in ``out_dir``, else the one whose original file name is
    the row's ``file``. Returns the table and one note per row matched.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = (out / "chifeng_2023.txt").write_text("关于加快科技创新的意见\\n一、……",
    ...                                          encoding="utf-8")
    >>> hand = pd.DataFrame({"doc_id": ["chifeng_2023"], "file": ["chifeng_2023.txt"],
    ...                      "title": ["关于加快科技创新的指导意见"]})
    >>> draft = pd.DataFrame({"source": ["a.txt"], "original_name": ["a.txt"]})
    >>> table, notes = match_hand_written(hand, out, draft,
    ...                                   {"a.txt": text_key("关于加快科技创新的意见\\n一、……")})
    >>> table["source"].tolist(), notes
    (['a.txt'], ['chifeng_2023: matched to a.txt by its text'])
    """
    table = existing.copy()
    if "source" not in table.columns:
        table["source"] = ""
    by_key: dict[str, str] = {}
    for src, key in keys.items():
        by_key.setdefault(key, src)
    by_name: dict[str, str] = {}
    if "original_name" in draft.columns:
        for src, name in zip(draft["source"], draft["original_name"], strict=True):
            by_name.setdefault(str(name), str(src))
    used = set(table["source"]) - {""}
    notes = []
    for i in table.index:
        if table.at[i, "source"] or "file" not in table.columns or not table.at[i, "file"]:
            continue
        path = out_dir / str(table.at[i, "file"])
        src, how = None, ""
        if path.is_file():
            src, how = by_key.get(text_key(path.read_text(encoding="utf-8", errors="replace"))), \
                "its text"
        if src is None or src in used:
            src, how = by_name.get(str(table.at[i, "file"])), "its file name"
        if src is not None and src not in used:
            table.at[i, "source"] = src
            used.add(src)
            notes.append(f"{table.at[i, 'doc_id']}: matched to {src} by {how}")
    return table.fillna(""), notes


def _index(df: pd.DataFrame | None, col: str) -> dict[str, int]:
    if df is None or col not in df.columns:
        return {}
    out: dict[str, int] = {}
    for i, v in enumerate(df[col]):
        if v and v not in out:
            out[v] = i
    return out


def _follows_draft(col: str, cur: str, new: str, before: str | None) -> bool:
    """Whether a cell takes the new draft: bookkeeping columns, unedited or empty cells."""
    if col in ("source", "sha256", "evidence") or cur == new:
        return True
    if before is not None:
        return cur == before
    return cur == ""


def merge_metadata(draft: pd.DataFrame, existing: pd.DataFrame | None,
                   state: pd.DataFrame | None) -> Merged:
    """Merge a new draft (one row per document, with ``source`` and ``sha256``) into an
    existing ``metadata.csv`` under the rules of this module.

    ``draft`` holds proposed ``doc_id`` values, unique among themselves; a new document
    whose id is already in ``metadata.csv`` gets its checksum appended (and its ``file``
    follows). :attr:`Merged.new_ids` gives every new document's final id.

    Examples
    --------
    >>> draft = pd.DataFrame({"doc_id": ["a"], "file": ["a.txt"], "source": ["x.txt"],
    ...                       "sha256": ["1"], "city": ["包头市"]})
    >>> edited = draft.assign(city="包头")       # a person corrected the city
    >>> m = merge_metadata(draft.assign(city="呼和浩特市"), edited, draft)
    >>> m.table["city"].tolist(), m.conflicts
    (['包头'], ["x.txt (a), city: kept '包头'; the new draft says '呼和浩特市'"])
    """
    if existing is None:
        return Merged(draft.copy(), new_ids=dict(zip(draft["source"], draft["doc_id"],
                                                     strict=True)))
    by_source, by_sha = _index(existing, "source"), _index(existing, "sha256")
    state_by_source = _index(state, "source")
    out = existing.copy()
    for col in draft.columns:
        if col not in out.columns:
            out[col] = ""
    m = Merged(out)
    added = []
    for _, row in draft.iterrows():
        src = row["source"]
        i = by_source.get(src)
        if i is None and row.get("sha256"):
            i = by_sha.get(row["sha256"])
        if i is None:
            if src in state_by_source:
                m.notes.append(f"{src}: not added again (its row was deleted from "
                               "metadata.csv)")
                continue
            added.append(row.copy())
            continue
        m.kept_ids[src] = out.at[i, "doc_id"]
        prev = state.iloc[state_by_source[src]] if src in state_by_source else None
        if out.at[i, "sha256"] != row.get("sha256", "") and out.at[i, "sha256"]:
            m.changed.append(src)
        for col in draft.columns:
            if col in _FIXED:
                continue
            cur, new = str(out.at[i, col]), str(row[col])
            before = str(prev[col]) if prev is not None and col in prev.index else None
            if _follows_draft(col, cur, new, before):
                out.at[i, col] = new
            elif new and not col.endswith("_inferred") and \
                    new != (before if before is not None else cur):
                m.conflicts.append(f"{src} ({out.at[i, 'doc_id']}), {col}: kept {cur!r}; the "
                                   f"new draft says {new!r}")
    taken = set(out["doc_id"])
    for row in added:
        final = unique_id(row["doc_id"], str(row.get("sha256", "")), taken)
        if final != row["doc_id"]:
            m.notes.append(f"{row['source']}: id {row['doc_id']!r} is taken in metadata.csv; "
                           f"the new document is {final!r}")
            row["doc_id"], row["file"] = final, f"{final}.txt"
        taken.add(final)
        m.new_ids[row["source"]] = final
    if added:
        out = pd.concat([out, pd.DataFrame(added)[draft.columns]], ignore_index=True)
    m.table = out.fillna("")
    gone = [s for s in existing.get("source", pd.Series(dtype=str))
            if s and s not in set(draft["source"])]
    if gone:
        m.notes.append(f"{len(gone)} document(s) of metadata.csv not in this source, kept: "
                       + ", ".join(gone[:5]) + (" …" if len(gone) > 5 else ""))
    return m
