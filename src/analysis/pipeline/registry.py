"""The stage registry: what each stage of the build reads and which tables it writes.

A :class:`Stage` names a function (``"module:function"``, imported only when the stage
runs, or the function itself) and declares what the function reads (``corpus``,
``tokens``, ``clauses``, or a table an earlier stage writes) and the tables it returns.
:func:`check_order` checks a list of stages against those declarations before anything
is computed; while a stage runs, its :class:`~analysis.pipeline.BuildContext` gives it
only what it declared. :data:`STAGES` is the default build, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from analysis.pipeline.tables import TEXT_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from analysis.pipeline.context import BuildContext

__all__ = [
    "BASE_INPUTS",
    "STAGES",
    "Stage",
    "StageError",
    "check_order",
    "select_stages",
    "stage_list",
]

#: What every build provides before its first stage, by the name a stage reads it by.
BASE_INPUTS: dict[str, str] = {
    "corpus": "the documents and their metadata (ctx.corpus)",
    "tokens": "the token table (ctx.tokens)",
    "clauses": "the clause table (ctx.clauses), made on first use",
}


class StageError(ValueError):
    """A stage list whose declarations do not add up, or a stage that reads or returns
    something it did not declare."""


StageFunction = Callable[["BuildContext"], "dict[str, pd.DataFrame]"]


@dataclass(frozen=True)
class Stage:
    """One step of the build: a function of the build context that returns tables.

    Parameters
    ----------
    name : str
        The stage's name (``policy-lens build --stages NAME``).
    func : str or callable
        ``"module:function"`` (imported when the stage runs) or the function itself. It
        takes a :class:`~analysis.pipeline.BuildContext` and returns ``{table name:
        DataFrame}``, each with a ``doc_id`` column.
    reads : sequence of str
        What the function uses: ``corpus``, ``tokens``, ``clauses`` (:data:`BASE_INPUTS`)
        or tables that earlier stages write (``ctx.table(name)``).
    writes : sequence of str
        The tables it returns, exactly.
    preload : sequence of str
        What the function loads on first use that the build may load before the stage
        processes fork, so they share it (:func:`analysis.pipeline.warmup.preload`):
        modules it imports inside functions, packages whose numba kernels it calls
        (loaded from numba's on-disk cache), or ``"module:function"`` to call. Only
        speed depends on it, never the tables.
    texts : sequence of str, optional
        The documents' text columns the function reads (of
        :data:`~analysis.pipeline.TEXT_COLUMNS`: ``text_raw``, ``text_orig``, ``text``);
        None (the default): all of them. Its ``ctx.corpus`` then holds only those, and
        the build lets go of the texts no stage left to start reads before it forks the
        processes of the others (on a large corpus each text column is a twentieth of
        the memory a stage process starts from).

    Examples
    --------
    >>> def doc_lengths(ctx):
    ...     return {"doc_lengths": ctx.corpus.documents[["doc_id", "n_chars"]]}
    >>> Stage("lengths", doc_lengths, reads=["corpus"], writes=["doc_lengths"]).spec
    'analysis.pipeline.registry:doc_lengths'
    """

    name: str
    func: str | StageFunction
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    preload: tuple[str, ...] = ()
    texts: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name or "," in self.name:
            raise StageError(f"stage name {self.name!r}: give a non-empty name without "
                             "commas.")
        for attr in ("reads", "writes", "preload", "texts"):
            value = getattr(self, attr)
            if value is None:
                continue
            if isinstance(value, str):
                raise StageError(f"stage {self.name!r}: {attr} is a list of names, not the "
                                 f"string {value!r}.")
            object.__setattr__(self, attr, tuple(value))
        unknown = [t for t in self.texts or () if t not in TEXT_COLUMNS]
        if unknown:
            raise StageError(f"stage {self.name!r}: texts {', '.join(map(repr, unknown))} "
                             f"is not a text column of the documents: give some of "
                             f"{', '.join(TEXT_COLUMNS)}.")
        if isinstance(self.func, str) and self.func.count(":") != 1:
            raise StageError(f"stage {self.name!r}: func {self.func!r} is not "
                             "'module:function'.")
        if not isinstance(self.func, str) and not callable(self.func):
            raise StageError(f"stage {self.name!r}: func must be 'module:function' or a "
                             "function.")
        twice = sorted({t for t in self.writes if self.writes.count(t) > 1})
        if twice:
            raise StageError(f"stage {self.name!r} lists table(s) {', '.join(twice)} twice "
                             "in its writes.")

    @property
    def spec(self) -> str:
        """The function as ``"module:function"``."""
        if isinstance(self.func, str):
            return self.func
        return f"{self.func.__module__}:{self.func.__qualname__}"

    def resolve(self) -> StageFunction:
        """The stage function (its module imported if need be)."""
        if not isinstance(self.func, str):
            return self.func
        module, func = self.func.split(":")
        return getattr(import_module(module), func)


#: The default build, in order: each stage reads only what a stage before it writes or
#: what the build provides (:data:`BASE_INPUTS`).
STAGES: tuple[Stage, ...] = (
    Stage("core", "analysis.pipeline.core:core_stage",
          reads=("corpus", "tokens"),
          writes=("documents", "tokens", "terms", "keywords")),
    Stage("structure", "analysis.pipeline.stages:structure_stage",
          reads=("clauses",),
          writes=("clauses", "outline", "table_rows", "responsibilities", "agencies",
                  "agency_edges")),
    Stage("targets", "analysis.pipeline.stages:targets_stage",
          reads=("corpus", "clauses"),
          writes=("targets", "target_comparison"),
          texts=("text", "text_orig")),
    Stage("compare", "analysis.pipeline.stages:compare_stage",
          reads=("corpus", "tokens", "clauses"),
          writes=("similarity", "doc_map", "clusters", "keyness_era", "keyness_city",
                  "topics", "topic_clauses"),
          texts=(),
          preload=("sklearn.decomposition", "sklearn.feature_extraction.text",
                   "analysis.stats._nmf", "analysis.stats._pairs",
                   "analysis.stats._products")),
    Stage("reuse", "analysis.pipeline.stages:reuse_stage",
          reads=("corpus", "clauses"),
          writes=("reuse", "reuse_pairs", "reuse_groups", "copy_ratio"),
          texts=("text", "text_orig"),
          preload=("analysis.textreuse",)),
    Stage("network", "analysis.pipeline.stages:network_stage",
          reads=("tokens", "clauses"),
          writes=("cooccurrence", "network_nodes"),
          preload=("analysis.stats.graphs", "analysis.stats._nodes")),
    Stage("themes", "analysis.pipeline.stages:themes_stage",
          reads=("corpus", "tokens", "clauses"),
          writes=("theme_counts", "theme_terms", "theme_clauses", "theme_hits", "tone",
                  "theme_era_diff", "theme_chi2"),
          texts=(),
          preload=("analysis.themes", "analysis.lexicon.onepass", "analysis.lexicon.scan")),
    Stage("instruments", "analysis.pipeline.stages:instruments_stage",
          reads=("corpus", "tokens", "clauses"),
          writes=("instrument_codes", "instrument_hits", "instrument_counts",
                  "instrument_types", "instrument_era", "instrument_types_era"),
          texts=(),
          preload=("analysis.lexicon.onepass", "analysis.lexicon.scan")),
)


def check_order(stages: Sequence[Stage]) -> None:
    """Check that each stage reads only what the build provides or an earlier stage
    writes, and that no two stages share a name or write the same table.

    Raises
    ------
    StageError
        Naming the stage, what is missing and, if a registered stage writes it, which.

    Examples
    --------
    >>> check_order(STAGES)
    >>> late = Stage("late", "mine:late", reads=["terms"], writes=["late"])
    >>> check_order([late, *STAGES])
    Traceback (most recent call last):
    ...
    analysis.pipeline.registry.StageError: stage 'late' reads 'terms', which neither the \
build (corpus, tokens, clauses) nor a stage before it provides: put it after stage 'core', \
which writes 'terms'.
    """
    available = set(BASE_INPUTS)
    written_by: dict[str, str] = {}
    seen: set[str] = set()
    for stage in stages:
        if not isinstance(stage, Stage):
            raise StageError(f"{stage!r} is not a Stage.")
        if stage.name in seen:
            raise StageError(f"stage {stage.name!r} is listed twice.")
        seen.add(stage.name)
        for need in stage.reads:
            if need in available:
                continue
            where = [s.name for s in STAGES if need in s.writes]
            hint = (f"put it after stage {where[0]!r}, which writes {need!r}." if where
                    else f"no stage in the build writes {need!r}.")
            raise StageError(
                f"stage {stage.name!r} reads {need!r}, which neither the build "
                f"({', '.join(BASE_INPUTS)}) nor a stage before it provides: {hint}")
        for table in stage.writes:
            if table in written_by:
                raise StageError(f"stages {written_by[table]!r} and {stage.name!r} both "
                                 f"write table {table!r}.")
            written_by[table] = stage.name
            available.add(table)


check_order(STAGES)


def select_stages(names: str | Sequence[str]) -> list[Stage]:
    """The :data:`STAGES` named in ``names``, with the stages they read from, in build
    order (``core`` always first).

    Parameters
    ----------
    names : str or sequence of str
        Stage names, or one comma-separated string (``"core,themes"``); ``"all"`` is every
        stage.

    Returns
    -------
    list of Stage
        For ``build(stages=...)``.

    Examples
    --------
    >>> [stage.name for stage in select_stages("themes")]
    ['core', 'themes']
    """
    wanted = [n.strip() for n in (names.split(",") if isinstance(names, str) else names)]
    wanted = [n for n in wanted if n]
    known = [stage.name for stage in STAGES]
    if "all" in wanted:
        return list(STAGES)
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise StageError(f"unknown build stage(s) {', '.join(map(repr, unknown))}; the "
                         f"stages are {', '.join(known)} (or all).")
    chosen = {"core", *wanted}
    # add the stages that write the tables the chosen ones read (the build itself
    # provides BASE_INPUTS); stages come after what they read, so one pass back suffices
    for stage in reversed(STAGES):
        tables = set(stage.reads) - set(BASE_INPUTS)
        if stage.name in chosen and tables:
            chosen.update(s.name for s in STAGES if set(s.writes) & tables)
    return [stage for stage in STAGES if stage.name in chosen]


def stage_list(stages: str | Sequence[Stage | str | tuple[str, str]] | None) -> list[Stage]:
    """The stages ``build(stages=...)`` runs, checked with :func:`check_order`.

    ``None`` is every stage; a string is read by :func:`select_stages`; a list runs
    exactly the stages it holds, in its order: :class:`Stage` objects, names of
    registered stages, or registered ``(name, "module:function")`` pairs.

    Examples
    --------
    >>> [s.name for s in stage_list(["core", "targets"])]
    ['core', 'targets']
    """
    if stages is None:
        return list(STAGES)
    if isinstance(stages, str):
        return select_stages(stages)
    registered = {stage.name: stage for stage in STAGES}
    out: list[Stage] = []
    for item in stages:
        if isinstance(item, Stage):
            out.append(item)
        elif isinstance(item, str) and item in registered:
            out.append(registered[item])
        elif (isinstance(item, tuple) and len(item) == 2 and item[0] in registered
              and registered[item[0]].spec == item[1]):
            out.append(registered[item[0]])
        else:
            raise StageError(
                f"{item!r} is not a stage of the build: give a registered stage name "
                f"({', '.join(registered)}) or a Stage(name, func, reads=..., writes=...).")
    check_order(out)
    return out
