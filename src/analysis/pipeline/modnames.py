"""The module a warning came from, by the file it records.

A warning caught and emitted again (:func:`warnings.warn_explicit`) names its file and
line; the filters that select warnings by module (``filterwarnings(module=...)``) match the
module's name, which must be passed along with it.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

__all__ = ["modules_by_file", "warn_again"]


def modules_by_file() -> dict[str, str]:
    """The name of each loaded module by its file.

    Returns
    -------
    dict of str to str
        File path → module name (the first name a file was loaded under).

    Examples
    --------
    >>> import analysis.pipeline.modnames as m
    >>> modules_by_file()[m.__file__]
    'analysis.pipeline.modnames'
    """
    out: dict[str, str] = {}
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str):
            out.setdefault(path, name)
    return out


def warn_again(message: str | Warning, category: type[Warning], filename: str, lineno: int, *,
               module: str | None, registry: dict[Any, Any] | None = None) -> None:
    """:func:`warnings.warn_explicit` from ``module`` when it is known, else from the module
    the file's name gives (as ``warn_explicit`` without one: passing ``module=None`` would
    drop the warning).

    Examples
    --------
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     warnings.filterwarnings("ignore", module="analysis")
    ...     warn_again("shown", UserWarning, "a.py", 1, module=None)
    ...     warn_again("hidden", UserWarning, "a.py", 1, module="analysis")
    >>> [str(w.message) for w in seen]
    ['shown']
    """
    if module is None:
        warnings.warn_explicit(message, category, filename, lineno, registry=registry)
    else:
        warnings.warn_explicit(message, category, filename, lineno, module=module,
                               registry=registry)
