"""What a stage receives: the corpus, its tokens and clauses, the options, and the tables
of earlier stages, each as a typed attribute.

While the build runs a stage, the stage's context gives it only what the stage declares
in its ``reads`` (:class:`~analysis.pipeline.Stage`); anything else is a
:class:`~analysis.pipeline.StageError`, so the declarations the build checks its order
against are the ones the code keeps.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import pandas as pd

from analysis.pipeline.options import BuildOptions
from analysis.pipeline.registry import StageError
from analysis.pipeline.tables import TEXT_COLUMNS, TokenParts, WrittenTable
from analysis.structure import clause_table
from analysis.text.corpus import Corpus

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from analysis.pipeline.loader import LoadedClauses
    from analysis.pipeline.registry import Stage

__all__ = ["BuildContext"]


class _Inputs:
    """What every view of one build's context shares."""

    def __init__(self, corpus: Corpus, tokens: pd.DataFrame | TokenParts,
                 tables: MutableMapping[str, pd.DataFrame | TokenParts | WrittenTable]) -> None:
        self.corpus = corpus
        self.tokens = tokens
        self.tables = tables
        self.clauses: pd.DataFrame | None = None
        self.loaded: LoadedClauses | None = None
        self.bare: tuple[pd.DataFrame, Corpus] | None = None  # (documents, corpus without texts)

    def without_texts(self) -> Corpus:
        """The corpus without the documents' text columns (:data:`TEXT_COLUMNS`), made
        once (again after :meth:`drop_texts`)."""
        if self.bare is None or self.bare[0] is not self.corpus.documents:
            docs = self.corpus.documents
            bare = docs.drop(columns=[c for c in TEXT_COLUMNS if c in docs.columns])
            self.bare = (docs, Corpus(bare, self.corpus.raw_dir, dict(self.corpus.settings)))
        return self.bare[1]

    def drop_texts(self) -> None:
        """Let go of the documents' texts: the corpus keeps its other columns (for the
        stages left, none of which reads them)."""
        bare = self.without_texts()
        self.corpus.documents = bare.documents
        self.bare = (bare.documents, bare)

    def clauses_failed(self) -> bool:
        """Whether the loading workers met a document whose clauses they could not parse
        (the table is then made where it is read, and the error met there)."""
        return self.loaded is not None and self.loaded.table is None


class BuildContext:
    """The inputs of the build's stages.

    Parameters
    ----------
    corpus : Corpus
        The documents (:func:`analysis.load_corpus`).
    tokens : DataFrame
        Their token table (:func:`analysis.token_table`).
    options : BuildOptions, optional
        The build options; the defaults if not given.
    tables : mapping, keyword-only
        Tables of earlier stages, by name (the build passes its own, filled as stages end).
    clauses : LoadedClauses, keyword-only
        The clause table made by the loading workers
        (:func:`~analysis.pipeline.load_and_tokenize`) and the warnings its making raised,
        emitted where :attr:`clauses` is first read, as if it were made there.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> from analysis.pipeline import Stage
    >>> corpus = load_corpus()
    >>> ctx = BuildContext(corpus, token_table(corpus))
    >>> ctx.clauses is ctx.clauses  # made once
    True
    >>> view = ctx.for_stage(Stage("mine", "mine:f", reads=["clauses"], writes=["x"]))
    >>> len(view.clauses) == len(ctx.clauses)
    True
    >>> view.tokens
    Traceback (most recent call last):
    ...
    analysis.pipeline.registry.StageError: stage 'mine' reads 'tokens' but does not \
declare it: add 'tokens' to the stage's reads.
    """

    def __init__(self, corpus: Corpus, tokens: pd.DataFrame | TokenParts,
                 options: BuildOptions | None = None, *,
                 tables: MutableMapping[str, pd.DataFrame | TokenParts | WrittenTable]
                 | None = None, clauses: LoadedClauses | None = None) -> None:
        self._inputs = _Inputs(corpus, tokens, tables if tables is not None else {})
        self._inputs.loaded = clauses
        self.options = options if options is not None else BuildOptions()
        self._stage: Stage | None = None

    def for_stage(self, stage: Stage) -> BuildContext:
        """This context as ``stage`` sees it: only what the stage declares it reads."""
        view = copy.copy(self)
        view._stage = stage
        return view

    def _reading(self, name: str) -> None:
        if self._stage is not None and name not in self._stage.reads:
            raise StageError(f"stage {self._stage.name!r} reads {name!r} but does not "
                             f"declare it: add {name!r} to the stage's reads.")

    @property
    def corpus(self) -> Corpus:
        """The corpus (:class:`analysis.Corpus`); for a stage that declares it reads no
        texts (``Stage(texts=False)``), without the documents' text columns."""
        self._reading("corpus")
        if self._stage is not None and not self._stage.texts:
            return self._inputs.without_texts()
        return self._inputs.corpus

    @property
    def tokens(self) -> pd.DataFrame:
        """The token table (:func:`analysis.text.tokenize.token_table`)."""
        self._reading("tokens")
        tokens = self._inputs.tokens
        return tokens.frame() if isinstance(tokens, TokenParts) else tokens

    @property
    def clauses(self) -> pd.DataFrame:
        """The clause table (:func:`analysis.structure.clause_table`), made once per build."""
        self._reading("clauses")
        inputs = self._inputs
        if inputs.clauses is None:
            loaded, inputs.loaded = inputs.loaded, None
            if loaded is not None and loaded.table is not None:
                loaded.emit_warnings()  # (a warning turned error: made here next time)
                inputs.clauses = loaded.table
            else:
                inputs.clauses = clause_table(inputs.corpus)
        return inputs.clauses

    def table(self, name: str) -> pd.DataFrame:
        """The table ``name`` written by an earlier stage."""
        self._reading(name)
        try:
            value = self._inputs.tables[name]
        except KeyError:
            raise StageError(f"no earlier stage of this build wrote table {name!r}.") from None
        if isinstance(value, TokenParts):
            return value.frame()
        if isinstance(value, WrittenTable):
            raise StageError(f"table {name!r} was written and let go before a stage read "
                             "it: declare it in that stage's reads.")
        return value

    def _token_parts(self) -> TokenParts | None:
        """The token table as the workers' arrays, when the build has it in that form (the
        core stage counts from them without making the DataFrame); else None."""
        self._reading("tokens")
        tokens = self._inputs.tokens
        return tokens if isinstance(tokens, TokenParts) else None

    def __repr__(self) -> str:
        who = f" for stage {self._stage.name!r}" if self._stage is not None else ""
        return (f"<BuildContext{who}: {len(self._inputs.corpus.documents)} documents, "
                f"{len(self._inputs.tokens)} tokens>")
