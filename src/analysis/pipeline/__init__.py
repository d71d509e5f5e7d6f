"""The build: a raw corpus folder into the tidy tables of ``data/processed/``.

Every table comes from a *stage*, a function of the :class:`BuildContext` that returns
``{table name: DataFrame}``. The registry (:data:`STAGES`) declares what each stage reads
(``corpus``, ``tokens``, ``clauses`` or an earlier stage's table) and which tables it
writes; the build checks the order against these declarations before it starts, and gives
each stage only what it declares.

Modules, in the order the build uses them:

- ``options``: :class:`BuildOptions`, every option's type, range and meaning in one place;
- ``registry``: :class:`Stage`, :data:`STAGES`, :func:`select_stages`, :func:`check_order`;
- ``state``: the up-to-date check (build key, code digest, input and output stamps);
- ``loader``: :func:`load_and_tokenize`, reading and segmenting in worker processes;
- ``tables``: how the build holds tables (worker arrays, written, saved);
- ``context``: :class:`BuildContext`, the typed inputs of a stage;
- ``core``: the core stage (``documents``, ``tokens``, ``terms``, ``keywords``);
- ``stages``: the analysis stages (structure, targets, compare, reuse, network, themes,
  instruments);
- ``guard``: a stage that fails on some documents reruns without them (or writes its
  tables empty), with a warning; warnings many documents raise are summarised;
- ``writer``: the staging folder, background writes, the swap of the whole output
  folder and ``build_info.json``;
- ``parallel``: :func:`stage_batches` and the stage processes that run the analysis
  stages at once;
- ``runner``: :func:`build`, which runs it all, and :class:`BuildResult`.
"""

from analysis.pipeline.context import BuildContext
from analysis.pipeline.loader import PARALLEL_MIN_CHARS, load_and_tokenize
from analysis.pipeline.options import BuildOptions, OptionSpec
from analysis.pipeline.parallel import STAGE_PARALLEL_MIN_CHARS, stage_batches
from analysis.pipeline.registry import (
    BASE_INPUTS,
    STAGES,
    Stage,
    StageError,
    check_order,
    select_stages,
)
from analysis.pipeline.runner import BuildResult, build, default_out_dir
from analysis.pipeline.tables import TEXT_COLUMNS, SavedTables
from analysis.pipeline.writer import CSV_MAX_ROWS

__all__ = [
    "BASE_INPUTS",
    "CSV_MAX_ROWS",
    "PARALLEL_MIN_CHARS",
    "STAGES",
    "STAGE_PARALLEL_MIN_CHARS",
    "TEXT_COLUMNS",
    "BuildContext",
    "BuildOptions",
    "BuildResult",
    "OptionSpec",
    "SavedTables",
    "Stage",
    "StageError",
    "build",
    "check_order",
    "default_out_dir",
    "load_and_tokenize",
    "select_stages",
    "stage_batches",
]
