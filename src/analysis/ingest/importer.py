"""``import_corpus``: a folder of documents or a table of them into a corpus folder.

The corpus folder gets one UTF-8 ``.txt`` per document (named by its ``doc_id``), a drafted
``metadata.csv`` that ``policy-lens build`` reads, and the draft itself
(``.policy-lens-import.csv``) so that a later import can tell edited values from drafted
ones (:mod:`analysis.ingest.merge`). Bad files are reported one by one and the others go on.
"""

from __future__ import annotations

import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.ingest.cleaning import DEFAULT_PATTERNS, clean_text, load_export_patterns
from analysis.ingest.drafting import DRAFTED_COLUMNS, draft_metadata
from analysis.ingest.fields import detect_script, load_doc_types, load_issuers
from analysis.ingest.merge import (
    STATE_FILE,
    match_hand_written,
    merge_metadata,
    read_existing,
    text_key,
)
from analysis.ingest.readers import DOCUMENT_SUFFIXES, RawDocument, ReadError, read_file
from analysis.ingest.rows import TABLE_SUFFIXES, load_columns, read_rows
from analysis.ingest.slugs import make_doc_id, segmenter, unique_id
from analysis.io import write_csv, write_text

__all__ = ["ImportProblem", "ImportReport", "import_corpus"]

_PARALLEL_FROM = 64  # files; fewer are read in this process
_LEAD = ("doc_id", "file", *DRAFTED_COLUMNS, "attached_title", "attached_type",
         "attached_line", "source", "original_name", "sha256", "sheet", "row", "duplicate_of")


@dataclass(frozen=True)
class ImportProblem:
    """One problem of an import: ``severity`` is ``"error"`` (the document is not imported)
    or ``"warning"`` (imported, but look at it)."""

    source: str
    kind: str
    message: str
    severity: str = "error"


@dataclass
class ImportReport:
    """What :func:`import_corpus` did: the ``metadata`` table written (or, with
    ``dry_run``, that would be written), problems, conflicts and counts."""

    out_dir: Path
    metadata: pd.DataFrame
    problems: list[ImportProblem] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    dry_run: bool = False

    @property
    def failed(self) -> list[ImportProblem]:
        """The errors: documents that were not imported."""
        return [p for p in self.problems if p.severity == "error"]

    def summary(self) -> str:
        """A few lines for people: counts, then every problem and conflict."""
        verb = "would write" if self.dry_run else "wrote"
        lines = [f"{verb} {len(self.metadata)} documents to {self.out_dir} "
                 f"({self.added} new, {self.updated} already there); "
                 f"{len(self.failed)} failed, "
                 f"{len(self.problems) - len(self.failed)} warning(s), "
                 f"{len(self.conflicts)} conflict(s) with edited metadata"]
        for p in self.problems:
            lines.append(f"  {p.severity}: {p.message}")
        for c in self.conflicts:
            lines.append(f"  conflict: {c}")
        for n in self.notes:
            lines.append(f"  note: {n}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Settings:
    boilerplate: str
    doc_types: str
    issuers: str


def _prepare(raw: RawDocument, settings: _Settings) -> dict[str, Any]:
    """Clean and draft one document: its metadata row and its text."""
    cleaned = clean_text(raw.text, patterns=load_export_patterns(settings.boilerplate))
    hints = dict(raw.hints)
    for key, value in cleaned.captured.items():
        hints.setdefault(key, value)
    if raw.name and not raw.sheet:
        stem = re.sub(r"\s*[(（]FBM-[^)）]*[)）]\s*$", "", Path(raw.name).stem).strip()
        cut = stem.endswith(("...", "…"))  # a database cut the title: not a title
        if stem and not cut and re.search(r"[\u4e00-\u9fff]", stem):
            hints.setdefault("file_title", stem)
    draft = draft_metadata(cleaned.text, given=raw.given, hints=hints,
                           doc_types=load_doc_types(settings.doc_types),
                           issuers=load_issuers(settings.issuers))
    row: dict[str, Any] = draft.row()
    row.update(source=raw.origin, original_name=raw.name, sha256=raw.sha256,
               sheet=raw.sheet, row=raw.row)
    if hints.get("citation"):
        row["citation"] = hints["citation"]  # a database's citation code (法宝引证码)
    for k, v in raw.extra.items():
        row.setdefault(k, v)
    if "doc_id" in raw.given:
        row["doc_id"] = raw.given["doc_id"]
    first_line = next((line.strip() for line in cleaned.text.split("\n") if line.strip()), "")
    fallback = hints.get("title_en") or (Path(raw.name).stem if not raw.sheet else "") \
        or first_line[:30]
    return {"row": row, "text": cleaned.text, "fallback": fallback,
            "removed": len(cleaned.removed)}


def _read_and_prepare(path: str, origin: str, settings: _Settings) -> dict[str, Any]:
    try:
        raw = read_file(Path(path), origin=origin)
    except ReadError as exc:
        return {"error": ImportProblem(origin, exc.kind, str(exc))}
    except Exception as exc:  # a reader library failing on a malformed file
        return {"error": ImportProblem(origin, "unreadable",
                                       f"{path}: cannot be read ({type(exc).__name__}: {exc})")}
    out = _prepare(raw, settings)
    if not out["text"].strip():
        return {"error": ImportProblem(
            origin, "empty",
            f"{path}: nothing is left after removing export boilerplate ({out['removed']} "
            f"line(s) of {len(raw.text.splitlines())} removed by the patterns of "
            f"{settings.boilerplate}); check that the file holds the document's text, or "
            "import it with a copy of those patterns without the rule that removed it "
            "(--boilerplate my_patterns.toml).")}
    return out


def _warm_up() -> None:
    """Load what every document needs once: segmenter, pinyin, gazetteer, OpenCC."""
    segmenter().initialize()
    make_doc_id("2022", "包头市人民政府", "关于印发某办法的通知")
    detect_script("创新")


def _folder_files(folder: Path, out_dir: Path) -> tuple[list[Path], list[ImportProblem]]:
    files, problems = [], []
    out = out_dir.resolve()
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if not p.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if out == p.resolve().parent or out in p.resolve().parents:
            continue
        suffix = p.suffix.lower()
        if suffix in DOCUMENT_SUFFIXES:
            files.append(p)
        elif suffix in TABLE_SUFFIXES:
            problems.append(ImportProblem(
                str(rel), "table_in_folder",
                f"{p}: a table in a folder of documents is not read; import it on its own "
                f"(policy-lens import {p} --out …).", "warning"))
        else:
            try:
                read_file(p, origin=str(rel))
            except ReadError as exc:
                problems.append(ImportProblem(str(rel), exc.kind, str(exc)))
    return files, problems


def _progress(items: Any, total: int, enabled: bool | None, desc: str) -> Any:
    from tqdm.auto import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and total >= 20
    return tqdm(items, total=total, desc=desc, unit="doc", disable=not enabled, leave=False)


def import_corpus(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    text_column: str | None = None,
    sheets: list[str] | None = None,
    dry_run: bool = False,
    skip_duplicates: bool = False,
    boilerplate: str | os.PathLike[str] = DEFAULT_PATTERNS,
    doc_types: str | os.PathLike[str] = "doc_types.toml",
    issuers: str | os.PathLike[str] = "issuers.toml",
    columns: str | os.PathLike[str] = "ingest_columns.toml",
    workers: int | None = None,
    progress: bool | None = None,
) -> ImportReport:
    """Import documents as they come into a corpus folder that ``build`` reads.

    Parameters
    ----------
    source : path
        A folder of ``.txt``, ``.docx``, ``.pdf`` and ``.html`` files (sub-folders too), or
        a table with one document per row (``.xlsx``, ``.csv``, ``.tsv``, ``.jsonl``), or a
        single document file.
    out_dir : path
        The corpus folder to write (created if needed). An existing ``metadata.csv`` there
        is merged, never overwritten (:mod:`analysis.ingest.merge`).
    text_column : str, optional, keyword-only
        The table column holding the text (detected when unambiguous).
    sheets : list of str, optional, keyword-only
        Workbook sheets to read; every sheet by default (a ``sheet`` column says which).
    dry_run : bool, keyword-only
        Read and draft everything but write nothing.
    skip_duplicates : bool, keyword-only
        Leave out a document whose text repeats an earlier one (by default it is imported
        with ``duplicate_of`` naming the first copy, and reported).
    boilerplate, doc_types, issuers, columns : path, keyword-only
        The rule files (packaged names or your own copies).
    workers : int, optional, keyword-only
        Processes for reading files (default: all cores for 64 files or more).
    progress : bool, optional, keyword-only
        Progress bar (default: on a terminal, for 20 documents or more).

    Returns
    -------
    ImportReport
        ``report.failed`` lists the documents that could not be imported.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "a.txt").write_text("包头市人民政府关于印发包头市数字经济发展规划的通知\\n"
    ...     "现印发给你们。\\n包头市人民政府\\n2022年5月6日\\n", encoding="utf-8")
    >>> report = import_corpus(src, src / "corpus", progress=False)
    >>> report.metadata[["doc_id", "year", "doc_type"]].to_dict("records")
    [{'doc_id': '2022_baotou_shuzi-jingji-fazhan-guihua', 'year': '2022', 'doc_type': '通知'}]
    >>> sorted(p.name for p in (src / "corpus").iterdir())
    ['.policy-lens-import.csv', '2022_baotou_shuzi-jingji-fazhan-guihua.txt', 'metadata.csv']
    """
    source, out = Path(source), Path(out_dir)
    settings = _Settings(str(boilerplate), str(doc_types), str(issuers))
    load_export_patterns(settings.boilerplate)  # a bad rule file fails here, once
    load_doc_types(settings.doc_types)
    load_issuers(settings.issuers)
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file or folder.")
    problems: list[ImportProblem] = []
    prepared: list[dict[str, Any]] = []
    if source.is_dir():
        files, problems = _folder_files(source, out)
        origins = [str(p.relative_to(source)) for p in files]
        n_workers = workers or (os.cpu_count() or 1)
        if len(files) >= _PARALLEL_FROM and n_workers > 1:
            _warm_up()  # forked workers inherit the loaded dictionaries and tables
            with ProcessPoolExecutor(n_workers) as pool:
                it = pool.map(_read_and_prepare, map(str, files), origins,
                              [settings] * len(files), chunksize=8)
                prepared = list(_progress(it, len(files), progress, "import"))
        else:
            prepared = [_read_and_prepare(str(f), o, settings) for f, o in
                        _progress(zip(files, origins, strict=True), len(files), progress,
                                  "import")]
    elif source.suffix.lower() in TABLE_SUFFIXES:
        try:
            docs, row_problems = read_rows(source, text_column=text_column, sheets=sheets,
                                           columns=load_columns(columns))
        except ReadError as exc:
            docs, row_problems = [], []
            problems.append(ImportProblem(source.name, exc.kind, str(exc)))
        problems += [ImportProblem(p.origin, p.kind, p.message) for p in row_problems]
        prepared = [_prepare(d, settings) for d in _progress(docs, len(docs), progress,
                                                              "import")]
    else:
        prepared = [_read_and_prepare(str(source), source.name, settings)]

    rows, texts = [], {}
    first_by_text: dict[str, str] = {}
    taken: set[str] = set()
    for item in prepared:
        if "error" in item:
            problems.append(item["error"])
            continue
        row, text = item["row"], item["text"]
        proposed = row.get("doc_id") or make_doc_id(row["year"], row["issuer"], row["title"],
                                                    fallback=item["fallback"])
        key = text_key(text)
        doc_id = unique_id(proposed, row["sha256"], taken)
        if doc_id != proposed and key not in first_by_text:
            problems.append(ImportProblem(
                row["source"], "same_id",
                f"{row['source']}: its id {proposed!r} is also another document's (same year, "
                f"issuer and title, or names equal after slugging); it is {doc_id!r}.",
                "warning"))
        taken.add(doc_id)
        row["doc_id"], row["file"] = doc_id, f"{doc_id}.txt"
        row["duplicate_of"] = first_by_text.get(key, "")
        if row["duplicate_of"]:
            keep = ("left out" if skip_duplicates
                    else f"imported with duplicate_of={row['duplicate_of']}")
            problems.append(ImportProblem(
                row["source"], "duplicate",
                f"{row['source']}: the same text as {row['duplicate_of']} "
                f"({_source_of(rows, row['duplicate_of'])}); {keep}.", "warning"))
            if skip_duplicates:
                continue
        else:
            first_by_text[key] = doc_id
        if not re.fullmatch(r"\d{4}", str(row["year"])):
            problems.append(ImportProblem(
                row["source"], "no_year",
                f"{row['source']} ({doc_id}): no year found; write it in metadata.csv "
                "(column year) before building.", "warning"))
        rows.append(row)
        texts[row["source"]] = text
    draft = _table(rows)
    existing, state = read_existing(out)
    matched: list[str] = []
    if existing is not None and ("source" not in existing.columns
                                 or (existing["source"] == "").any()):
        keys = {src: text_key(text) for src, text in texts.items()}
        existing, matched = match_hand_written(existing, out, draft, keys)
    merged = merge_metadata(draft, existing, state)
    merged.notes[:0] = matched
    dated = set(merged.table.loc[merged.table["year"].astype(str).str.fullmatch(r"\d{4}"),
                                 "source"]) if "year" in merged.table.columns else set()
    problems = [p for p in problems if not (p.kind == "no_year" and p.source in dated)]
    report = ImportReport(out, merged.table, problems, merged.conflicts, merged.notes,
                          added=len(merged.new_ids), updated=len(merged.kept_ids),
                          dry_run=dry_run)
    if not dry_run:
        _write(out, merged, draft, texts)
    return report


def _source_of(rows: list[dict[str, Any]], doc_id: str) -> str:
    return next((r["source"] for r in rows if r["doc_id"] == doc_id), "")


def _table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = list(_LEAD)
    flags = [f"{c}_inferred" for c in DRAFTED_COLUMNS]
    for r in rows:
        cols += [k for k in r if k not in cols and k not in flags and k != "evidence"]
    cols += [*flags, "evidence"]
    records = [{c: ("" if r.get(c) is None else r.get(c)) for c in cols} for r in rows]
    table = pd.DataFrame(records, columns=cols, dtype=object)
    for c in flags:
        table[c] = table[c].map(lambda v: "true" if v is True else "false")
    return table.astype(str)


def _write(out: Path, merged: Any, draft: pd.DataFrame, texts: dict[str, str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    ids = {**merged.kept_ids, **merged.new_ids}
    files = dict(zip(merged.table["doc_id"], merged.table["file"], strict=True))
    for src, text in texts.items():
        doc_id = ids.get(src)
        if doc_id is None:
            continue
        path = out / files[doc_id]
        if src in merged.new_ids or src in merged.changed or not path.exists():
            write_text(path, text + "\n")
    write_csv(merged.table, out / "metadata.csv")
    state = draft.copy()
    state["doc_id"] = [ids.get(s, d) for s, d in zip(state["source"], state["doc_id"],
                                                      strict=True)]
    write_csv(state, out / STATE_FILE)
