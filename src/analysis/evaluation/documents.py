"""The documents an evaluation reads: the development corpora, imported as a user would.

The split file (``eval/split.csv``) names each document by a ``doc_key`` (``central-007``,
``shandong-012``: the n-th data row of a workbook sheet; ``pkulaw-3``: the n-th export file
in sorted order) and puts it in the ``dev`` or the ``heldout`` part. :func:`eval_corpus`
runs :func:`analysis.import_corpus` on each source and :func:`analysis.load_corpus` on the
result, so every task is scored on the texts a user's build would see.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import CorpusError
from analysis.ingest import import_corpus
from analysis.report.paths import project_root
from analysis.text.corpus import Corpus, load_corpus

__all__ = [
    "PARTS",
    "EvalCorpus",
    "default_corpora_dir",
    "default_gold_dir",
    "eval_corpus",
    "load_split",
]

#: the two parts of the split, in the order tables show them
PARTS: tuple[str, str] = ("dev", "heldout")

#: the sources of the split and where each lies under the corpora folder
_SOURCES: dict[str, str] = {
    "pkulaw": "pkulaw_exports",
    "workbook": "spreadsheet_digital_policies/Policies Data.xlsx",
}


def default_gold_dir() -> Path:
    """``eval/gold`` of the project checkout.

    Examples
    --------
    >>> default_gold_dir().name
    'gold'
    """
    return project_root() / "eval" / "gold"


def default_corpora_dir() -> Path:
    """``$POLICY_LENS_CORPORA``, else ``../shared/corpora`` beside the project checkout.

    Examples
    --------
    >>> default_corpora_dir().name
    'corpora'
    """
    env = os.environ.get("POLICY_LENS_CORPORA")
    return Path(env) if env else project_root().parent / "shared" / "corpora"


def load_split(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The split table: ``doc_key, source, sheet, row, file, part``, one row per document.

    Parameters
    ----------
    path : path, optional
        ``eval/split.csv`` of the project by default.

    Examples
    --------
    >>> split = load_split()
    >>> sorted(split["part"].unique())
    ['dev', 'heldout']
    >>> split.loc[split["doc_key"] == "pkulaw-1", "source"].item()
    'pkulaw'
    """
    path = Path(path) if path is not None else project_root() / "eval" / "split.csv"
    if not path.is_file():
        raise CorpusError(f"{path}: no split file; run `python eval/make_split.py` once")
    split = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"doc_key", "source", "sheet", "row", "file", "part"} - set(split.columns)
    if missing:
        raise CorpusError(f"{path}: missing column(s) {sorted(missing)}")
    bad = sorted(set(split["part"]) - set(PARTS))
    if bad:
        raise CorpusError(f"{path}: column 'part' has {bad}; use 'dev' or 'heldout'")
    return split


@dataclass(frozen=True)
class EvalCorpus:
    """The imported development corpora and how their documents map to the split.

    ``keys`` has one row per document: ``doc_key, doc_id, source, part``. ``corpus`` is the
    loaded corpus (all sources in one), as :func:`analysis.load_corpus` returns it.
    """

    corpus: Corpus
    keys: pd.DataFrame

    def doc_ids(self, part: str) -> list[str]:
        """The ``doc_id`` of every document of one part, in ``doc_key`` order."""
        rows = self.keys[self.keys["part"] == part].sort_values("doc_key")
        return rows["doc_id"].tolist()

    def doc_id(self, doc_key: str) -> str:
        """The ``doc_id`` of one ``doc_key``.

        Raises
        ------
        KeyError
            If the key is not in the split.
        """
        hit = self.keys.loc[self.keys["doc_key"] == doc_key, "doc_id"]
        if hit.empty:
            raise KeyError(f"{doc_key!r} is not in the split")
        return str(hit.iloc[0])


def _keys(meta: pd.DataFrame, split: pd.DataFrame) -> pd.DataFrame:
    by_file = {r.file: r.doc_key for r in split.itertuples() if r.file}
    by_row = {(r.sheet, str(r.row)): r.doc_key for r in split.itertuples() if r.sheet}
    rows = []
    for r in meta.to_dict("records"):
        key = by_file.get(str(r.get("source", ""))) or by_row.get(
            (str(r.get("sheet", "")), str(r.get("row", ""))))
        if key:
            rows.append({"doc_key": key, "doc_id": r["doc_id"]})
    keys = pd.DataFrame(rows, columns=["doc_key", "doc_id"])
    keys = keys.merge(split[["doc_key", "source", "part"]], on="doc_key", how="left")
    return keys.sort_values("doc_key").reset_index(drop=True)


def eval_corpus(
    corpora: str | os.PathLike[str] | None = None,
    *,
    split: pd.DataFrame | None = None,
    workdir: str | os.PathLike[str] | None = None,
) -> EvalCorpus:
    """Import and load the development corpora named by the split.

    Parameters
    ----------
    corpora : path, optional
        The folder holding ``pkulaw_exports/`` and ``spreadsheet_digital_policies/``
        (:func:`default_corpora_dir`).
    split : DataFrame, optional
        :func:`load_split` by default.
    workdir : path, optional
        Where the imported corpus folder is written; a temporary folder, removed after
        loading, by default.

    Returns
    -------
    EvalCorpus

    Raises
    ------
    CorpusError
        If a source is missing, or a document of the split was not imported.
    """
    corpora = Path(corpora) if corpora is not None else default_corpora_dir()
    split = split if split is not None else load_split()
    for rel in _SOURCES.values():
        if not (corpora / rel).exists():
            raise CorpusError(f"{corpora / rel}: not found; pass the corpora folder "
                              "(--corpora, or $POLICY_LENS_CORPORA)")
    with tempfile.TemporaryDirectory(prefix="policy-lens-eval-") as tmp:
        out = Path(workdir) if workdir is not None else Path(tmp) / "corpus"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for rel in _SOURCES.values():
                import_corpus(corpora / rel, out, progress=False)
            corpus = load_corpus(out)
    keys = _keys(corpus.documents, split)
    lost = sorted(set(split["doc_key"]) - set(keys["doc_key"]))
    if lost:
        raise CorpusError(f"{len(lost)} document(s) of the split were not imported: "
                          f"{lost[:5]}")
    return EvalCorpus(corpus, keys)
