"""What a stage receives: the corpus, its tokens and clauses, the options, and the tables
of earlier stages, each as a typed attribute.

While the build runs a stage, the stage's context gives it only what the stage declares
in its ``reads`` (:class:`~analysis.pipeline.Stage`); anything else is a
:class:`~analysis.pipeline.StageError`, so the declarations the build checks its order
against are the ones the code keeps.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

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
        # the corpus with some text columns only, by the columns kept (and the documents
        # table they were made from)
        self.views: dict[Any, Any] = {}

    def with_texts(self, texts: tuple[str, ...]) -> Corpus:
        """The corpus with only the text columns ``texts`` of :data:`TEXT_COLUMNS` (the
        others left out), made once per set of columns (again once :meth:`drop_texts`
        has let some go)."""
        docs = self.corpus.documents
        if self.views.get("documents") is not docs:
            self.views = {"documents": docs}
        if texts not in self.views:
            gone = [c for c in TEXT_COLUMNS if c in docs.columns and c not in texts]
            self.views[texts] = Corpus(docs.drop(columns=gone) if gone else docs,
                                       self.corpus.raw_dir, dict(self.corpus.settings))
        return self.views[texts]

    def drop_texts(self, keep: set[str]) -> bool:
        """Let go of the documents' text columns not in ``keep`` (no stage left reads
        them): the corpus keeps its other columns. Whether any went."""
        docs = self.corpus.documents
        if any(c in docs.columns and c not in keep for c in TEXT_COLUMNS):
            kept = tuple(c for c in TEXT_COLUMNS if c in keep)
            view = self.with_texts(kept)
            self.corpus.documents = view.documents
            # (views made before hold the texts let go)
            self.views = {"documents": view.documents, kept: view}
            return True
        return False

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
        """The corpus (:class:`analysis.Corpus`); for a stage that declares the text columns
        it reads (``Stage(texts=...)``), with only those of the documents' texts."""
        self._reading("corpus")
        if self._stage is not None and self._stage.texts is not None:
            return self._inputs.with_texts(self._stage.texts)
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
