"""How the build holds its tables: DataFrames, the token table as the workers' arrays,
tables already written and let go, and the tables of a finished build read back from disk.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.stats.matrices import SparseCounts, counts_from_parts
from analysis.text import TOKEN_COLUMNS, arrow_from_parts, frame_from_parts

__all__ = ["CATEGORICAL_COLUMNS", "TEXT_COLUMNS", "BuildTables", "SavedTables", "TokenParts",
           "WrittenTable"]

#: Columns of the token table the stages read as categories (:meth:`TokenParts.frame`).
CATEGORICAL_COLUMNS = ("doc_id", "kind")

#: Per-token columns the workers' batches and the token frame share (:class:`TokenParts`).
_SHARED_COLUMNS = ("start", "end", "is_function_word", "is_policy_word", "keep")

#: Columns of the ``documents`` table holding whole texts: sent by the workers as Arrow
#: arrays, and left out of the table's CSV copy (too long for Excel cells).
TEXT_COLUMNS = ("text_raw", "text_orig", "text")


class TokenParts:
    """The token table as the workers sent it (:func:`analysis.text.tokenize.token_arrays`
    batches, each with the ``doc_ids`` of its documents): its size and columns without
    building it, its counts, the DataFrame on first use, or an Arrow table for writing."""

    def __init__(self, parts: list[dict[str, Any]]) -> None:
        self.parts = parts
        self.columns = list(TOKEN_COLUMNS)
        self._n = sum(len(p["start"]) for p in parts)
        self._frame: pd.DataFrame | None = None
        self._spilled: Path | None = None

    def __len__(self) -> int:
        return self._n

    def frame(self) -> pd.DataFrame:
        """The token table as the stages read it (made once): ``doc_id`` and ``kind`` are
        categorical (categories sorted), a code per token instead of a string per token."""
        if self._frame is None and self._spilled is not None:
            # mapped, not read into Arrow's pool: the frame's columns are its only copy
            with pa.memory_map(str(self._spilled)) as fh:
                self._frame = _frame_from_arrow(pa.ipc.open_file(fh).read_all())
        elif self._frame is None:
            self._frame = _categorical_frame(self.parts)
            self._share_with_frame()
        return self._frame

    def spill(self, path: Path) -> None:
        """Let go of the token arrays until :meth:`frame` is next asked for: they are
        written to ``path`` (an Arrow file, which the caller removes once the frame is
        made), and this object keeps only the table's size and columns. For a build whose
        stages that need no tokens run first: the memory is theirs meanwhile. Only before
        the frame is made.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from analysis.text import TokenFilter, token_arrays
        >>> parts = TokenParts([token_arrays(["a"], ["科技创新"], [np.array([0, 2, 4])],
        ...                                  TokenFilter()) | {"doc_ids": ["a"]}])
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "tokens.arrow"
        >>> parts.spill(path)
        >>> parts.parts, len(parts), parts.frame()["token"].tolist(), path.exists()
        ([], 2, ['科技', '创新'], True)
        """
        if self._frame is not None:
            raise ValueError("the token frame is made already: nothing to spill")
        table = self.arrow()
        with pa.OSFile(str(path), "wb") as fh, pa.ipc.new_file(fh, table.schema) as out:
            out.write_table(table)
        del table
        self.parts = []
        self._spilled = path

    def _share_with_frame(self) -> None:
        """Make the batches' per-token arrays views of the frame's columns (read-only),
        so the build holds the token table once, not twice: the batches still give
        :meth:`arrow` (the same table) and the counts."""
        frame = self._frame
        assert frame is not None
        token = pa.array(frame["token"].array)  # the frame's Arrow data, not a copy
        views = {col: frame[col].to_numpy() for col in _SHARED_COLUMNS}
        a = 0
        for part in self.parts:
            b = a + len(part["start"])
            for col, values in views.items():
                part[col] = values[a:b]
            part["token"] = token.slice(a, b - a)
            a = b

    def table(self) -> pd.DataFrame:
        """The token table as it is written and given to the user: every column as
        :func:`analysis.token_table` makes it (strings, not categories)."""
        if self._frame is None:
            return frame_from_parts(self.parts)
        return self._frame.astype({col: "str" for col in CATEGORICAL_COLUMNS})

    def arrow(self) -> pa.Table:
        """The token table as an Arrow table (``doc_id`` and ``kind`` dictionary-encoded)."""
        return arrow_from_parts(self.parts)

    def doc_sizes(self) -> pd.DataFrame:
        """Tokens (``n_tokens``) and kept tokens (``n_kept``) of each document that has
        tokens, indexed by ``doc_id`` in corpus order."""
        parts = self.parts
        counts = np.concatenate([p["n_tokens"] for p in parts]) if parts else np.zeros(0, np.int64)
        kept = np.concatenate([p["n_kept"] for p in parts]) if parts else np.zeros(0, np.int64)
        doc_ids = [d for p in parts for d in p["doc_ids"]]
        present = counts > 0  # as analysis.stats.matrices.doc_codes: documents with tokens
        present_ids = [d for d, n in zip(doc_ids, present.tolist(), strict=True) if n]
        return pd.DataFrame({"n_tokens": counts[present], "n_kept": kept[present]},
                            index=pd.Index(present_ids, dtype="str"))

    def term_counts(self) -> tuple[SparseCounts, pd.Series]:
        """:func:`analysis.stats.matrices.counts_from_parts` of the batches."""
        return counts_from_parts(self.parts)


def _categorical_frame(parts: list[dict[str, Any]]) -> pd.DataFrame:
    """:func:`~analysis.text.frame_from_parts` with :data:`CATEGORICAL_COLUMNS` as
    categories (those present, sorted), made from the dictionary codes of
    :func:`~analysis.text.arrow_from_parts` without a string per token in between."""
    if not parts:
        frame = frame_from_parts(parts)
        for col in CATEGORICAL_COLUMNS:
            frame[col] = pd.Categorical(frame[col], categories=sorted(frame[col].unique()))
        return frame
    return _frame_from_arrow(arrow_from_parts(parts))


def _frame_from_arrow(table: pa.Table) -> pd.DataFrame:
    """The token frame of :func:`_categorical_frame` from its Arrow table."""
    columns: dict[str, Any] = {}
    for name, col in zip(table.column_names, table.columns, strict=True):
        if name in CATEGORICAL_COLUMNS:
            arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
            codes = arr.indices.to_numpy(zero_copy_only=False)
            words = np.asarray(arr.dictionary.to_pylist(), dtype=object)
            present = np.zeros(len(words), dtype=bool)
            present[codes] = True
            names = words[present]
            order = np.argsort(names.astype(str), kind="stable")
            rank = np.full(len(words), -1, dtype=np.int64)
            rank[np.flatnonzero(present)[order]] = np.arange(len(order))
            del arr
            columns[name] = pd.Categorical.from_codes(rank[codes],
                                                      categories=names[order].tolist())
        elif pa.types.is_large_string(col.type):
            columns[name] = col.to_pandas()
        else:
            columns[name] = col.to_numpy()
    return pd.DataFrame(columns)


class WrittenTable:
    """What the build keeps of a table already written and let go: its size and columns
    (for ``build_info.json``)."""

    def __init__(self, df: pd.DataFrame) -> None:
        self._n = len(df)
        self.columns = list(df.columns)

    def __len__(self) -> int:
        return self._n


class BuildTables(Mapping):
    """The tables of a build as DataFrames; the token table is made on first access."""

    def __init__(self, tables: Mapping[str, pd.DataFrame | TokenParts]) -> None:
        self._tables = dict(tables)

    def __getitem__(self, name: str) -> pd.DataFrame:
        value = self._tables[name]
        return value.table() if isinstance(value, TokenParts) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


class SavedTables(Mapping):
    """The tables of a finished build, read from their Parquet files when first used.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"doc_id": ["a"], "n": [1]}).to_parquet(folder / "t.parquet")
    >>> tables = SavedTables(folder, ["t"])
    >>> list(tables), tables["t"]["n"].tolist()
    (['t'], [1])
    """

    def __init__(self, out_dir: Path, names: list[str]) -> None:
        self.out_dir = Path(out_dir)
        self._names = sorted(names)
        self._loaded: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = pd.read_parquet(self.out_dir / f"{name}.parquet")
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
