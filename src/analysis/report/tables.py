"""The build's tables as a notebook or a figure reads them.

:class:`Tables` reads each table of a build folder (``data/processed``) once, on first
use, and computes the catalog's :data:`~analysis.report.catalog.VIEWS` from them;
:func:`load_tables` gives a notebook the tables of the default corpus, or of a
researcher's own folder (built in memory), rebuilding only when the corpus changed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd

from analysis.pipeline import build, default_out_dir
from analysis.report.catalog import BINS, BY, TIME, VIEWS, View, bind_grouping, resolve_function
from analysis.report.paths import PathLike, display_path, file_sha256
from analysis.stats.periods import choose_grouping
from analysis.text.corpus import default_raw_dir

__all__ = ["MissingTableError", "Tables", "is_fresh", "load_tables", "processed_dir"]


class MissingTableError(KeyError):
    """A table asked for is neither in the build's folder nor a view."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Tables(Mapping[str, "pd.DataFrame"]):
    """The build's tables, read lazily from a folder (or held in memory), plus
    :data:`VIEWS` computed on first use.

    ``tables["terms"]`` reads ``terms.parquet`` once; ``tables["corpus_terms"]`` computes
    the view. Iterating gives the stored tables only. ``documents`` restricts every table
    (and so every view) to those ``doc_id`` values.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> docs = pd.DataFrame({"doc_id": ["a_2012", "b_2022"], "city": ["甲市", "乙市"]})
    >>> docs.to_parquet(folder / "documents.parquet")
    >>> tables = Tables(folder)
    >>> list(tables), len(tables["documents"])
    (['documents'], 2)
    >>> Tables(folder, documents=["b_2022"])["documents"]["city"].tolist()
    ['乙市']
    >>> Tables(frames={"documents": docs})
    <Tables from memory: documents>
    """

    def __init__(
        self,
        folder: PathLike | None = None,
        *,
        frames: Mapping[str, pd.DataFrame] | None = None,
        documents: Sequence[str] | None = None,
        views: Mapping[str, View] | None = None,
        source: str = "",
    ) -> None:
        self.folder = Path(folder) if folder is not None else None
        self._frames: dict[str, pd.DataFrame] = dict(frames or {})
        if self.folder is not None:
            if not self.folder.is_dir():
                raise FileNotFoundError(
                    f"{self.folder}: no such folder of tables; run `policy-lens build` "
                    "(make build) first, or give the folder the build wrote (--processed).")
            self._names = sorted(p.stem for p in self.folder.glob("*.parquet"))
            if not self._names:
                raise FileNotFoundError(
                    f"{self.folder}: holds no .parquet tables; run `policy-lens build` "
                    "(make build) first, or give the folder the build wrote (--processed).")
        else:
            self._names = sorted(self._frames)
        self.views = dict(VIEWS if views is None else views)
        self.source = source or (display_path(self.folder) if self.folder else "memory")
        self.documents = list(documents) if documents is not None else None
        self._cache: dict[str, pd.DataFrame] = {}
        if self.documents is not None:
            known = list(self._load("documents")["doc_id"])
            unknown = [d for d in self.documents if d not in known]
            if unknown:
                raise ValueError(f"documents {unknown}: not in the corpus; choose from "
                                 f"{known}.")

    def _load(self, name: str) -> pd.DataFrame:
        if name in self._frames:
            return self._frames[name]
        assert self.folder is not None
        df = pd.read_parquet(self.folder / f"{name}.parquet")
        self._frames[name] = df
        return df

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in self._cache:
            return self._cache[name]
        if name in self._names:
            df = self._load(name)
            if self.documents is not None and "doc_id" in df.columns:
                df = df.loc[df["doc_id"].isin(self.documents)].reset_index(drop=True)
        elif name in self.views:
            view = self.views[name]
            if _unbound(view):
                # a comparison view used before set_grouping: the default grouping
                by = choose_grouping(self["documents"]) or "doc_id"
                view = bind_grouping({name: view}, by=by)[name]
            df = resolve_function(view.function)(*(self[t] for t in view.tables), **view.params)
        else:
            where = f"in {self.folder}" if self.folder else "in this build"
            raise MissingTableError(
                f"table {name!r} is not {where} (tables: {', '.join(self._names)}; views: "
                f"{', '.join(sorted(self.views))}); rebuild with `policy-lens build` "
                "(make build) if the code now makes it.")
        self._cache[name] = df
        return df

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names or name in self.views

    def __repr__(self) -> str:
        docs = f", documents {self.documents}" if self.documents is not None else ""
        return f"<Tables from {self.source}: {', '.join(self._names)}{docs}>"



def _metadata_files(raw: Path) -> list[str] | None:
    meta = raw / "metadata.csv"
    if not meta.is_file():
        return None
    with open(meta, encoding="utf-8-sig", newline="") as fh:
        return sorted(row.get("file", "") for row in csv.DictReader(fh))


def is_fresh(raw: Path, processed: Path) -> bool:
    """Whether ``processed`` was built from the current files of ``raw``.

    True when ``processed/build_info.json`` lists exactly the files of
    ``raw/metadata.csv`` with their current SHA-256, and every table it names is there.

    Examples
    --------
    >>> import tempfile
    >>> is_fresh(default_raw_dir(), Path(tempfile.mkdtemp()))
    False
    """
    info_path = processed / "build_info.json"
    if not info_path.is_file():
        return False
    info = json.loads(info_path.read_text(encoding="utf-8"))
    inputs: dict[str, str] = info.get("inputs", {})
    if _metadata_files(raw) != sorted(inputs):
        return False
    for name, digest in inputs.items():
        path = raw / name
        if not path.is_file() or file_sha256(path) != digest:
            return False
    return all((processed / f"{t}.parquet").is_file() for t in info.get("tables", {}))


def load_tables(
    raw_dir: PathLike | None = None,
    processed_dir: PathLike | None = None,
    *,
    documents: Sequence[str] | None = None,
    rebuild: bool | None = None,
) -> Tables:
    """The build's tables for a notebook: the default corpus, or your own folder.

    Parameters
    ----------
    raw_dir : path, optional
        Corpus folder (text files + ``metadata.csv``). ``None`` = the default corpus.
    processed_dir : path, optional
        Where the build's tables are (or go). ``None`` = ``data/processed`` for the default
        corpus; for your own ``raw_dir``, ``None`` builds in memory and writes nothing.
        Given without ``raw_dir``, the tables there are read as they are, never rebuilt
        (a build needs to know its corpus: give ``raw_dir`` too).
    documents : list of str, optional
        Only these ``doc_id`` values (the statistics, e.g. TF-IDF, stay those of the whole
        corpus; the figures and tables show the chosen documents).
    rebuild : bool, optional
        ``None`` rebuilds ``processed_dir`` only when it is missing or older than the
        corpus files; ``True`` always; ``False`` never.

    Returns
    -------
    Tables

    Examples
    --------
    >>> tables = load_tables()                        # doctest: +SKIP
    >>> tables = load_tables("my_corpus")             # doctest: +SKIP
    >>> tables = load_tables(documents=["xinji_2022", "tonghua_2012"])  # doctest: +SKIP
    """
    raw_dir = Path(raw_dir).expanduser() if raw_dir is not None else None
    processed_dir = Path(processed_dir).expanduser() if processed_dir is not None else None
    if raw_dir is not None and processed_dir is None:
        result = build(raw_dir, write=False)
        return Tables(frames=result.tables, documents=documents,
                      source=f"{raw_dir} (built in memory)")
    if raw_dir is None and processed_dir is not None:
        if rebuild:
            raise ValueError(f"processed_dir={processed_dir}: rebuild=True needs raw_dir, the "
                             "corpus folder to build it from.")
        return Tables(processed_dir, documents=documents)
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    processed = Path(processed_dir) if processed_dir is not None else default_out_dir()
    stale = rebuild if rebuild is not None else not is_fresh(raw, processed)
    if stale:
        build(raw, processed)
    return Tables(processed, documents=documents)




def processed_dir(processed: PathLike | None = None) -> Path:
    """``processed``, else the build's default folder (``data/processed``).

    Examples
    --------
    >>> processed_dir("out").name, processed_dir().name
    ('out', 'processed')
    """
    return Path(processed) if processed is not None else default_out_dir()


def _unbound(view: View) -> bool:
    """Whether ``view`` still has a grouping placeholder (``{by}``, ``{time}``, ``{bins}``)."""
    return any(isinstance(v, str) and v in (BY, TIME, BINS) for v in view.params.values())
