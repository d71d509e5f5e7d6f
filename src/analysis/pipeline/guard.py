"""Keeping one bad document from failing the build, and many warnings from flooding it.

:func:`run_guarded` runs a stage; if the stage raises an analysis error, the documents
no analysis can use (no word tokens) are left out of that stage and it runs again; if it
still fails, its tables are written empty. Either way a :class:`BuildWarning` names the
stage, the error and the documents, and the build goes on.

:func:`summarised_warnings` collects the warnings of one step of the build and emits
each kind once: a warning that many documents raise (``xinji_2022: no outline
recognised``) becomes one warning with the count and the first few document ids.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.errors import BuildWarning
from analysis.pipeline.context import BuildContext
from analysis.pipeline.modnames import modules_by_file, warn_again
from analysis.pipeline.registry import StageError
from analysis.pipeline.tables import TokenParts

if TYPE_CHECKING:
    from analysis.pipeline.registry import Stage
    from analysis.text.corpus import Corpus

__all__ = ["DATA_ERRORS", "SUMMARY_AFTER", "WarningScope", "run_guarded", "summarised_warnings",
           "unusable_documents", "without_documents"]

#: The errors by which an analysis refuses its input (a group without words, an empty
#: matrix, a missing key): a stage failing with one of them is rerun or emptied.
DATA_ERRORS: tuple[type[Exception], ...] = (ValueError, LookupError, ArithmeticError)
#: A warning that more than this many documents raise in one step is summarised.
SUMMARY_AFTER = 3
_SHOWN_IDS = 5
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def unusable_documents(ctx: BuildContext) -> list[str]:
    """The documents of the build that have no word token the token filter keeps (a
    numbers-only text, a page of punctuation), in corpus order.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis import load_corpus, token_table
    >>> corpus = load_corpus()
    >>> tokens = token_table(corpus)
    >>> unusable_documents(BuildContext(corpus, tokens))
    []
    >>> no_words = tokens.assign(keep=tokens["doc_id"].astype(str) != "xinji_2022")
    >>> unusable_documents(BuildContext(corpus, no_words))
    ['xinji_2022']
    """
    inputs = ctx._inputs
    tokens = inputs.tokens
    frame = tokens.frame() if isinstance(tokens, TokenParts) else tokens
    kept = frame.loc[frame["keep"].to_numpy(dtype=bool), "doc_id"]
    with_words = set(kept.astype(str).unique())
    return [d for d in inputs.corpus.doc_ids if d not in with_words]


def _only(df: pd.DataFrame, keep: set[str]) -> pd.DataFrame:
    out = df.loc[df["doc_id"].astype(str).isin(keep).to_numpy()]
    if isinstance(out["doc_id"].dtype, pd.CategoricalDtype):
        out = out.assign(doc_id=out["doc_id"].cat.remove_unused_categories())
    return out.reset_index(drop=True)


def without_documents(ctx: BuildContext, doc_ids: list[str]) -> BuildContext:
    """A context like ``ctx`` whose corpus, tokens, clauses and earlier tables leave out
    ``doc_ids``.

    Examples
    --------
    >>> from analysis import load_corpus, token_table
    >>> corpus = load_corpus()
    >>> ctx = without_documents(BuildContext(corpus, token_table(corpus)), ["xinji_2022"])
    >>> "xinji_2022" in ctx.corpus.doc_ids, "xinji_2022" in set(ctx.tokens["doc_id"])
    (False, False)
    """
    inputs = ctx._inputs
    gone = set(doc_ids)
    keep_ids = [d for d in inputs.corpus.doc_ids if d not in gone]
    keep = set(keep_ids)
    corpus: Corpus = inputs.corpus.subset(keep_ids)
    tokens = inputs.tokens.frame() if isinstance(inputs.tokens, TokenParts) else inputs.tokens
    tables: dict[str, Any] = {}
    for name, value in inputs.tables.items():
        if isinstance(value, TokenParts):
            value = value.frame()
        if isinstance(value, pd.DataFrame) and "doc_id" in value.columns:
            value = _only(value, keep)
        tables[name] = value
    sub = BuildContext(corpus, _only(tokens, keep), ctx.options, tables=tables)
    if inputs.clauses is not None:
        sub._inputs.clauses = _only(inputs.clauses, keep)
    return sub


def _ids(doc_ids: list[str]) -> str:
    shown = ", ".join(doc_ids[:_SHOWN_IDS])
    return shown + (f" and {len(doc_ids) - _SHOWN_IDS} more" if len(doc_ids) > _SHOWN_IDS
                    else "")


def run_guarded(stage: Stage, ctx: BuildContext,
                run: Callable[[Stage, BuildContext], dict[str, Any]]) -> dict[str, Any]:
    """``run(stage, ctx)``, or, when the stage fails on this corpus, the stage without the
    documents it cannot use, or else its tables empty; with a :class:`BuildWarning`.

    Only :data:`DATA_ERRORS` are caught: declaration errors
    (:class:`~analysis.pipeline.StageError`), interrupts, system errors (memory, disk) and
    other exceptions (bugs) are raised as they are: they are not about a document.
    """
    try:
        return run(stage, ctx)
    except StageError:
        raise
    except DATA_ERRORS as err:  # an analysis refusing something in this corpus
        first = err
    bad = unusable_documents(ctx)
    reason = f"{type(first).__name__}: {first}"
    if bad and len(bad) < len(ctx._inputs.corpus):
        try:
            out = run(stage, without_documents(ctx, bad))
        except StageError:
            raise
        except DATA_ERRORS:  # reported below with the first error
            pass
        else:
            warnings.warn(
                f"stage {stage.name!r} failed on this corpus ({reason}); it ran again "
                f"without {len(bad)} document(s) that have no word tokens, which are "
                f"missing from its tables: {_ids(bad)}. Check those files.",
                BuildWarning, stacklevel=2)
            return out
    hint = (f" (documents without word tokens: {_ids(bad)})" if bad else "")
    warnings.warn(
        f"stage {stage.name!r} failed on this corpus ({reason}){hint}; its tables "
        f"{', '.join(stage.writes)} are written empty and the build goes on.",
        BuildWarning, stacklevel=2)
    return {name: pd.DataFrame({"doc_id": pd.Series([], dtype=object)})
            for name in stage.writes}


def _document_pattern(doc_ids: list[str], files: Mapping[str, str]) -> re.Pattern[str] | None:
    """A regex finding document ids (as whole words) and file paths in messages."""
    names = sorted({*doc_ids, *files}, key=len, reverse=True)
    if not names:
        return None
    alt = "|".join(map(re.escape, names))
    return re.compile(rf"(?<![\w.\-/])(?:{alt})(?![\w\-])|{alt}")


class WarningScope:
    """What :func:`summarised_warnings` yields: set ``corpus`` in the block if it is only
    known there (the load step), so that its documents are recognised in messages."""

    def __init__(self, corpus: Corpus | None, doc_ids: list[str] | None) -> None:
        self.corpus = corpus
        self.doc_ids = doc_ids

    def names(self) -> tuple[list[str], dict[str, str]]:
        """The document ids, and the document of each file name and path."""
        ids = list(self.doc_ids or (self.corpus.doc_ids if self.corpus is not None else []))
        files: dict[str, str] = {}
        if self.corpus is not None and "file" in self.corpus.documents.columns:
            docs = self.corpus.documents
            root = Path(self.corpus.raw_dir or ".")
            for doc_id, name in zip(docs["doc_id"], docs["file"], strict=True):
                files[str(root / name)] = doc_id
                files[name] = doc_id
        return ids, files


@contextlib.contextmanager
def summarised_warnings(corpus: Corpus | None = None, *,
                        doc_ids: list[str] | None = None) -> Iterator[WarningScope]:
    """Collect the warnings raised inside the block and emit them at its end, each kind
    once: the warnings of one category that differ only in the document they name (its
    id or its file's path) and in numbers are emitted as the first of them plus how many
    more documents had it and the first few of their ids, when more than
    :data:`SUMMARY_AFTER` documents had it.

    ``corpus`` (or ``doc_ids``) says which names are documents; it can also be set on the
    :class:`WarningScope` the block receives.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     with summarised_warnings(doc_ids=[f"d{i}" for i in range(10)]):
    ...         for i in range(10):
    ...             warnings.warn(f"d{i}: no outline recognised")
    >>> [str(w.message) for w in seen]
    ['d0: no outline recognised [and 9 more documents: d1, d2, d3, d4, d5 and 4 more]']
    """
    scope = WarningScope(corpus, doc_ids)
    catcher = warnings.catch_warnings(record=True)
    caught = catcher.__enter__()
    warnings.simplefilter("always")
    try:
        yield scope
    except GeneratorExit:
        # The block was entered and never left, and its generator is being collected now,
        # at any later moment: the warnings state belongs to whatever code runs then, so
        # it must not be reset to the one this block saved.
        raise
    except BaseException:
        catcher.__exit__(None, None, None)
        # the warnings so far still show; one turned into an error must not hide the failure
        with contextlib.suppress(Warning):
            _emit(caught or [], scope)
        raise
    catcher.__exit__(None, None, None)
    _emit(caught or [], scope)


def _emit(caught: list[warnings.WarningMessage], scope: WarningScope) -> None:
    ids, files = scope.names()
    pattern = _document_pattern(ids, files)
    registry: dict[Any, Any] = {}  # identical warnings show once, as outside the block
    # the module each warning came from, so filters by module apply as outside the block
    modules = modules_by_file() if caught else {}
    groups: dict[tuple[Any, str], list[tuple[warnings.WarningMessage, str | None]]] = {}
    for w in caught:
        text = str(w.message)
        doc = None
        key = text
        if pattern is not None:
            found = pattern.search(text)
            if found:
                doc = files.get(found.group(), found.group())
                key = _NUMBER_RE.sub("#", pattern.sub("\0", text))
        groups.setdefault((w.category, key), []).append((w, doc))
    for members in groups.values():
        docs = [d for _, d in members if d is not None]
        first = members[0][0]
        if len(members) <= SUMMARY_AFTER or len(set(docs)) <= SUMMARY_AFTER:
            for w, _ in members:
                warn_again(w.message, w.category, w.filename, w.lineno,
                           module=modules.get(w.filename), registry=registry)
            continue
        others = list(dict.fromkeys(d for d in docs[1:] if d != docs[0]))
        warn_again(
            f"{first.message} [and {len(others)} more documents: {_ids(others)}]",
            first.category, first.filename, first.lineno,
            module=modules.get(first.filename), registry=registry)
