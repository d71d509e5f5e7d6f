"""The module a warning came from, by the file it records.

A warning caught and emitted again (:func:`warnings.warn_explicit`) names its file and
line; the filters that select warnings by module (``filterwarnings(module=...)``) match the
module's name, which must be passed along with it.
"""

from __future__ import annotations

import sys

__all__ = ["modules_by_file"]


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
