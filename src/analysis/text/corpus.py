"""Load a folder of policy documents (text files + ``metadata.csv``) into a :class:`Corpus`.

The folder is only ever read. Every problem is reported with the file, row or column at
fault and what to do about it (:class:`~analysis.errors.CorpusError` and subclasses); a text
file that the metadata does not list is reported with a :class:`~analysis.errors.CorpusWarning`.
"""

from __future__ import annotations

import datetime
import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import CorpusWarning, DocumentError, MetadataError
from analysis.io import unescape_cells
from analysis.text.decoding import decode_bytes, strip_controls
from analysis.text.normalize import (
    DEFAULT_OPENCC_CONFIG,
    BoilerplatePattern,
    load_boilerplate,
    normalize_text,
)

__all__ = [
    "BOILERPLATE_WARN_CHARS",
    "BOILERPLATE_WARN_SHARE",
    "DOC_ID_FORBIDDEN",
    "FIRST_YEAR",
    "REQUIRED_COLUMNS",
    "STANDARD_COLUMNS",
    "YEAR_AHEAD",
    "Corpus",
    "assemble_corpus",
    "default_raw_dir",
    "document_files",
    "load_corpus",
    "load_document",
    "read_document",
    "read_metadata",
    "resolve_document",
    "warn_unlisted",
]

#: The columns every ``metadata.csv`` must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("doc_id", "file", "city", "year")
#: The columns every loaded corpus has (those missing from ``metadata.csv`` are empty).
STANDARD_COLUMNS: tuple[str, ...] = (
    "doc_id", "file", "city", "province", "year", "date", "era",
    "doc_type", "issuer", "title", "script",
)
_BOOL_TRUE = {"true", "1", "yes", "y", "t"}
_BOOL_FALSE = {"false", "0", "no", "n", "f", ""}
#: A document that loses more than this share of its characters (and more than
#: :data:`BOILERPLATE_WARN_CHARS` characters) to the boilerplate rules gets a
#: :class:`~analysis.errors.CorpusWarning` naming it and the rules.
BOILERPLATE_WARN_SHARE = 0.1
BOILERPLATE_WARN_CHARS = 100
#: Characters a doc_id may not contain: joined id cells ("a;b", "a+b", "a, b", "a|b")
#: must split back into the ids they were made of.
DOC_ID_FORBIDDEN = "+;,|"
_DOC_ID_BAD_RE = re.compile(r"[+;,|\s\x00-\x1f\x7f-\x9f]")
#: The earliest year a document may carry; the latest is the current year plus
#: :data:`YEAR_AHEAD` (plans name target years, never a date that far ahead).
FIRST_YEAR = 1949
YEAR_AHEAD = 30



def default_raw_dir() -> Path:
    """Where the default corpus lives.

    ``$POLICY_LENS_RAW`` if set, else ``data/raw`` of the project checkout that holds this
    package, else the first ``data/raw`` with a ``metadata.csv`` above the working directory.

    Examples
    --------
    >>> (default_raw_dir() / "metadata.csv").is_file()
    True
    """
    env = os.environ.get("POLICY_LENS_RAW")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    candidates = [here.parents[3] / "data" / "raw"]
    cwd = Path.cwd().resolve()
    candidates += [p / "data" / "raw" for p in (cwd, *cwd.parents)]
    for cand in candidates:
        if (cand / "metadata.csv").is_file():
            return cand
    raise MetadataError(
        "No default corpus found: give the folder explicitly (load_corpus('my/folder') or "
        "--raw my/folder) or set POLICY_LENS_RAW."
    )


def read_document(path: str | os.PathLike[str], *, encoding: str | None = None) -> tuple[str, str]:
    """Read one text file, detecting UTF-8 (with or without BOM), UTF-16 and GB18030/GBK.

    Returns
    -------
    (str, str)
        The decoded text and the encoding used.

    Raises
    ------
    DocumentError
        If the file is missing, empty, binary or undecodable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("科技创新".encode("gb18030"))
    >>> read_document(p)
    ('科技创新', 'gb18030')
    """
    path = Path(path)
    if not path.is_file():
        raise DocumentError(
            f"{path}: listed in metadata.csv but no such file; fix the 'file' column or add "
            "the file."
        )
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(f"{path}: the file is empty; remove its row from metadata.csv or "
                            "put the document's text in it.")
    text, enc = decode_bytes(data, path, encoding)
    text, n_ctrl = strip_controls(text)
    if n_ctrl:
        warnings.warn(f"{path}: {n_ctrl} control character(s) (NUL and the like, not text) "
                      "removed; check the file if it is not plain text.", CorpusWarning,
                      stacklevel=2)
    if not text.strip():
        raise DocumentError(f"{path}: the file holds only white space; remove its row from "
                            "metadata.csv or put the document's text in it.")
    return text, enc


def _parse_bool(value: str, *, path: Path, row: int, column: str) -> bool:
    v = value.strip().lower()
    if v in _BOOL_TRUE:
        return True
    if v in _BOOL_FALSE:
        return False
    raise MetadataError(
        f"{path}, row {row}, column {column!r}: {value!r} is not true/false; write true or false."
    )


def read_metadata(raw_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate ``metadata.csv`` of a corpus folder.

    Required columns are :data:`REQUIRED_COLUMNS`; the other :data:`STANDARD_COLUMNS` are
    added empty when absent; any further column is kept as the researcher's own variable.
    ``era`` defaults to the decade of ``year`` (``"2010s"``); columns ending in
    ``_inferred`` are read as booleans.

    Raises
    ------
    MetadataError
        With the row and column at fault and what to do.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "metadata.csv").write_text(
    ...     "doc_id,file,city,year,city_inferred\\na,a.txt,甲市,2012,yes\\n", encoding="utf-8")
    >>> meta = read_metadata(folder)
    >>> meta[["doc_id", "year", "era", "city_inferred"]].to_dict("records")
    [{'doc_id': 'a', 'year': 2012, 'era': '2010s', 'city_inferred': True}]
    >>> list(meta.columns[:4])
    ['doc_id', 'file', 'city', 'year']
    """
    raw_dir = Path(raw_dir)
    path = raw_dir / "metadata.csv"
    if not raw_dir.is_dir():
        raise MetadataError(f"{raw_dir}: no such corpus folder; give a folder that holds the "
                            "text files and a metadata.csv.")
    if not path.is_file():
        raise MetadataError(
            f"{path}: missing. A corpus folder needs a metadata.csv with at least the columns "
            f"{', '.join(REQUIRED_COLUMNS)} (one row per text file); see README.md."
        )
    try:
        meta = unescape_cells(pd.read_csv(path, dtype=str, keep_default_na=False,
                                          encoding="utf-8-sig"))
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise MetadataError(f"{path}: cannot be read as a UTF-8 CSV table ({exc}); save it as "
                            "CSV UTF-8 and retry.") from exc
    meta.columns = [c.strip() for c in meta.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in meta.columns]
    if missing:
        raise MetadataError(f"{path}: missing required column(s) {', '.join(missing)}; add them "
                            f"(required: {', '.join(REQUIRED_COLUMNS)}).")
    if meta.empty:
        raise MetadataError(f"{path}: lists no documents; add one row per text file.")
    meta = meta.apply(lambda s: s.str.strip())
    for i, doc_id in enumerate(meta["doc_id"], start=2):
        if not doc_id:
            raise MetadataError(f"{path}, row {i}: empty doc_id; give every document an id.")
        bad = _DOC_ID_BAD_RE.search(doc_id)
        if bad:
            raise MetadataError(
                f"{path}, row {i}, column 'doc_id': {doc_id!r} contains {bad.group()!r}; "
                f"doc ids may not contain white space, control characters or any of "
                f"{' '.join(DOC_ID_FORBIDDEN)} (they join ids in table cells): use letters, "
                "digits, '_', '-' or '.' instead.")
    dup = meta["doc_id"][meta["doc_id"].duplicated()].unique().tolist()
    if dup:
        raise MetadataError(f"{path}, column 'doc_id': duplicate id(s) {', '.join(dup)}; "
                            "every document needs its own doc_id.")
    years = []
    last = datetime.date.today().year + YEAR_AHEAD
    for i, (doc_id, year) in enumerate(zip(meta["doc_id"], meta["year"], strict=True), start=2):
        if not re.fullmatch(r"\d{4}", year):
            raise MetadataError(
                f"{path}, row {i} ({doc_id}), column 'year': {year!r} is not a four-digit year; "
                "write the year as a number such as 2022."
            )
        if not FIRST_YEAR <= int(year) <= last:
            raise MetadataError(
                f"{path}, row {i} ({doc_id}), column 'year': {year} is outside "
                f"{FIRST_YEAR}-{last} (the current year plus {YEAR_AHEAD}); write the year "
                "the document was issued.")
        years.append(int(year))
    meta["year"] = pd.array(years, dtype="int64")
    for col in STANDARD_COLUMNS:
        if col not in meta.columns:
            meta[col] = ""
    meta["era"] = [e if e else f"{y // 10 * 10}s" for e, y in zip(meta["era"], years, strict=True)]
    for col in [c for c in meta.columns if c.endswith("_inferred")]:
        meta[col] = [
            _parse_bool(v, path=path, row=i, column=col) for i, v in enumerate(meta[col], start=2)
        ]
    return meta


@dataclass
class Corpus:
    """A loaded corpus: one row per document in :attr:`documents`.

    ``documents`` holds the metadata plus ``encoding``, ``text_raw`` (the file as decoded),
    ``text_orig`` (cleaned, original script, for quoting) and ``text`` (cleaned and
    simplified, for counting); ``text`` and ``text_orig`` are aligned character for character.
    ``settings`` records how the texts were normalised (the boilerplate file and OpenCC
    configuration).

    Examples
    --------
    >>> corpus = load_corpus()
    >>> len(corpus), corpus.subset(["xinji_2022"]).doc_ids
    (5, ['xinji_2022'])
    """

    documents: pd.DataFrame
    raw_dir: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def doc_ids(self) -> list[str]:
        """The document ids, in corpus order."""
        return self.documents["doc_id"].tolist()

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        # the length of the normalised texts (``n_chars``) also when a build left them out
        docs = self.documents
        column = next((c for c in ("text", "n_chars", "text_orig", "text_raw")
                       if c in docs.columns), None)
        if column is None:
            return f"<Corpus {len(self)} documents from {self.raw_dir}>"
        lengths = docs[column] if column == "n_chars" else docs[column].str.len()
        n = int(lengths.sum()) if len(self) else 0
        return f"<Corpus {len(self)} documents, {n:,} characters from {self.raw_dir}>"

    def text(self, doc_id: str, *, original: bool = False) -> str:
        """The normalised text of one document (``original=True``: in its own script).

        Raises
        ------
        KeyError
            If ``doc_id`` is not in the corpus.
        """
        rows = self.documents.loc[self.documents["doc_id"] == doc_id]
        if rows.empty:
            raise KeyError(f"{doc_id!r} is not in this corpus; ids are {self.doc_ids}")
        return rows.iloc[0]["text_orig" if original else "text"]

    def subset(self, doc_ids: list[str] | tuple[str, ...]) -> Corpus:
        """A corpus of only the given documents (in the given order)."""
        unknown = sorted(set(doc_ids) - set(self.doc_ids))
        if unknown:
            raise KeyError(f"not in this corpus: {unknown}; ids are {self.doc_ids}")
        docs = self.documents.set_index("doc_id", drop=False).loc[list(doc_ids)]
        return Corpus(docs.reset_index(drop=True), self.raw_dir, dict(self.settings))


def load_corpus(
    raw_dir: str | os.PathLike[str] | None = None,
    *,
    boilerplate: str | os.PathLike[str] | None = "boilerplate.toml",
    opencc_config: str | None = DEFAULT_OPENCC_CONFIG,
    allow_outside_paths: bool = False,
) -> Corpus:
    """Load the default corpus, or any folder of text files with a ``metadata.csv``.

    Parameters
    ----------
    raw_dir : path, optional
        The corpus folder; the project's ``data/raw`` by default (:func:`default_raw_dir`).
    boilerplate : str or path or None, keyword-only
        Web-boilerplate pattern file (packaged name or your own TOML); ``None`` keeps all lines.
    opencc_config : str or None, keyword-only
        OpenCC configuration used to simplify the text (``"t2s"``); ``None`` skips conversion.
    allow_outside_paths : bool, keyword-only
        Let ``metadata.csv`` list files outside ``raw_dir`` (absolute paths, ``..``,
        symbolic links leading out); refused by default (:func:`resolve_document`).

    Returns
    -------
    Corpus

    Raises
    ------
    MetadataError, DocumentError
        With the file/row/column at fault and what to do.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> corpus.doc_ids[:2]
    ['chifeng_2023', 'xinji_2022']
    >>> "创新" in corpus.text("tonghua_2012"), "創新" in corpus.text("tonghua_2012", original=True)
    (True, True)
    """
    raw_dir = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    meta = read_metadata(raw_dir)
    warn_unlisted(raw_dir, meta)
    patterns = load_boilerplate(boilerplate) if boilerplate is not None else None
    rows = [
        load_document(raw_dir, name, enc, boilerplate=patterns, opencc_config=opencc_config)
        for name, enc in document_files(raw_dir, meta, allow_outside=allow_outside_paths)
    ]
    return assemble_corpus(meta, rows, raw_dir, boilerplate=boilerplate,
                           opencc_config=opencc_config)


# The steps of load_corpus, public because the parallel build (analysis.pipeline) runs them
# itself, loading the documents in worker processes.


def warn_unlisted(raw_dir: Path, meta: pd.DataFrame) -> None:
    """Warn (:class:`~analysis.errors.CorpusWarning`) about text files in ``raw_dir`` that
    ``metadata.csv`` does not list: they are not loaded.

    Examples
    --------
    >>> import tempfile, warnings
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "stray.txt").write_text("人才", encoding="utf-8")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_unlisted(folder, pd.DataFrame({"file": ["a.txt"]}))
    >>> "stray.txt" in str(caught[0].message)
    True
    """
    listed = set(meta["file"])
    unlisted = sorted(p.name for p in raw_dir.glob("*.txt") if p.name not in listed)
    if unlisted:
        warnings.warn(
            f"{raw_dir}: {len(unlisted)} text file(s) not listed in metadata.csv and not loaded: "
            f"{', '.join(unlisted[:10])}; add a row for each to use it.",
            CorpusWarning,
            stacklevel=3,
        )


def resolve_document(raw_dir: Path, name: str, *, row: int | None = None,
                     allow_outside: bool = False) -> Path:
    """The path of the text file ``name`` listed in ``raw_dir/metadata.csv``.

    A listed file must lie inside the corpus folder: an absolute path, a ``..`` that climbs
    out of it or a symbolic link that points out of it is refused (the build would copy
    text from anywhere on the machine into its tables), unless ``allow_outside``.

    Raises
    ------
    MetadataError
        Naming the row of ``metadata.csv`` and the file.

    Examples
    --------
    >>> resolve_document(Path("corpus"), "a.txt")
    PosixPath('corpus/a.txt')
    >>> resolve_document(Path("corpus"), "../secret.txt", row=3)
    Traceback (most recent call last):
    ...
    analysis.errors.MetadataError: corpus/metadata.csv, row 3, column 'file': \
'../secret.txt' leads outside the corpus folder corpus; put the file in the folder and \
list it by its name there (or allow outside paths: allow_outside_paths=True, \
policy-lens build --allow-outside-paths).
    """
    path = raw_dir / name
    if allow_outside:
        return path
    where = f"{raw_dir / 'metadata.csv'}" + (f", row {row}" if row is not None else "")
    if Path(name).is_absolute():
        why = "is an absolute path"
    elif not path.resolve().is_relative_to(raw_dir.resolve()):
        why = ("leads outside the corpus folder" if ".." in Path(name).parts
               else "is a symbolic link that leads outside the corpus folder")
    else:
        return path
    raise MetadataError(
        f"{where}, column 'file': {name!r} {why} {raw_dir}; put the file in the folder and "
        "list it by its name there (or allow outside paths: allow_outside_paths=True, "
        "policy-lens build --allow-outside-paths).")


def document_files(raw_dir: Path, meta: pd.DataFrame, *,
                   allow_outside: bool = False) -> list[tuple[str, str | None]]:
    """``(file name, forced encoding or None)`` per document, in metadata order.

    Every file is checked with :func:`resolve_document` (``allow_outside`` lets files
    outside ``raw_dir`` through).

    Examples
    --------
    >>> meta = pd.DataFrame({"file": ["a.txt", "b.txt"], "encoding": ["", "gbk"]})
    >>> document_files(Path("corpus"), meta)
    [('a.txt', None), ('b.txt', 'gbk')]
    """
    forced = meta["encoding"] if "encoding" in meta.columns else [""] * len(meta)
    out = []
    for row, (name, enc) in enumerate(zip(meta["file"], forced, strict=True), start=2):
        if not name:
            raise MetadataError(f"{raw_dir / 'metadata.csv'}, row {row}: empty 'file'; name "
                                "the text file of every document.")
        resolve_document(raw_dir, name, row=row, allow_outside=allow_outside)
        out.append((name, enc or None))
    return out


def load_document(
    raw_dir: Path,
    name: str,
    encoding: str | None,
    *,
    boilerplate: str | os.PathLike[str] | Sequence[BoilerplatePattern] | None,
    opencc_config: str | None,
) -> dict[str, Any]:
    """Read and normalise one document: its row of the ``documents`` table (text columns).

    ``boilerplate`` is what :func:`analysis.text.normalize.normalize_text` takes: a pattern
    file, or (in loops over documents) the patterns loaded once.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("首頁 > 正文\\n科技創新", encoding="utf-8")
    >>> row = load_document(folder, "a.txt", None, boilerplate="boilerplate.toml",
    ...                     opencc_config="t2s")
    >>> row["text"], row["text_orig"], row["boilerplate_lines"], row["converted_chars"]
    ('科技创新', '科技創新', 1, 1)
    """
    raw, used = read_document(raw_dir / name, encoding=encoding)
    norm = normalize_text(raw, boilerplate=boilerplate, opencc_config=opencc_config)
    share = norm.lost_share()
    lost = sum(n for _, n in norm.removed_chars)
    if share > BOILERPLATE_WARN_SHARE and lost > BOILERPLATE_WARN_CHARS:
        rules = "; ".join(f"{label!r} {n:,}" for label, n in
                          sorted(norm.removed_chars, key=lambda item: (-item[1], item[0]))[:3])
        warnings.warn(
            f"{raw_dir / name}: web-boilerplate rules removed {share:.0%} of its characters "
            f"(by rule: {rules}); check the file, or pass your own boilerplate patterns "
            "(boilerplate=...) if policy text was lost.", CorpusWarning, stacklevel=2)
    if not norm.text.strip():
        raise DocumentError(f"{raw_dir / name}: nothing is left after removing web "
                            "boilerplate; check the file or the boilerplate patterns.")
    return {
        "encoding": used,
        "n_chars": len(norm.text),
        "converted_chars": norm.converted_chars,
        "boilerplate_lines": len(norm.removed_lines),
        "text_raw": raw,
        "text_orig": norm.text_orig,
        "text": norm.text,
    }


def assemble_corpus(
    meta: pd.DataFrame,
    rows: list[dict[str, Any]] | pd.DataFrame,
    raw_dir: Path,
    *,
    boilerplate: str | os.PathLike[str] | None,
    opencc_config: str | None,
) -> Corpus:
    """The corpus from the metadata and the documents' rows (dicts, or a frame of them).

    ``boilerplate`` and ``opencc_config`` are recorded in :attr:`Corpus.settings`.

    Examples
    --------
    >>> meta = pd.DataFrame({"doc_id": ["a"], "file": ["a.txt"], "encoding": [""]})
    >>> c = assemble_corpus(meta, [{"text": "科技创新"}], Path("corpus"),
    ...                     boilerplate=None, opencc_config="t2s")
    >>> list(c.documents.columns), c.settings
    (['doc_id', 'file', 'text'], {'opencc_config': 't2s', 'boilerplate': ''})
    """
    meta = meta.drop(columns=[c for c in ("encoding",) if c in meta.columns])
    loaded = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    docs = pd.concat([meta.reset_index(drop=True), loaded.reset_index(drop=True)], axis=1)
    settings = {
        "opencc_config": opencc_config or "",
        "boilerplate": str(boilerplate) if boilerplate is not None else "",
    }
    return Corpus(docs, raw_dir, settings)
