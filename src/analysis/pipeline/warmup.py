"""Loading in the build's process what the analysis stages would each load on first use.

The stage processes are forked from the build's process (:mod:`.parallel`), so what that
process has loaded before the fork they inherit instead of each loading it again: the
libraries a stage imports inside its functions (scikit-learn), the compiled kernels numba
keeps in its on-disk cache (and numba's own start-up, paid once per process). A stage
names what it loads in :attr:`Stage.preload <analysis.pipeline.registry.Stage>`; the
build loads it with :func:`preload` in a background thread while the tokenising workers
run (:mod:`.loader`).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType

__all__ = ["cached_kernels", "preload"]


def preload(entries: Sequence[str]) -> list[str]:
    """Load what ``entries`` name, each once; returns the entries that could not be loaded.

    An entry is a module (``"sklearn.decomposition"``): it is imported, and the numba
    kernels of it and of its loaded submodules (``"analysis.textreuse"``: every module of
    the package) are loaded from numba's on-disk cache (:func:`cached_kernels`); or
    ``"module:function"``: the function is called with no arguments (to fill a cache of
    its own). Nothing is compiled that is not cached
    and no error escapes: a stage loads anything left on first use, as it would without.

    Parameters
    ----------
    entries : sequence of str
        Modules and ``module:function`` names.

    Returns
    -------
    list of str
        The entries that raised (missing modules, failed calls).

    Examples
    --------
    >>> preload(["json", "no_such_module_here", "json:dumps"])
    ['no_such_module_here', 'json:dumps']
    """
    failed = []
    for entry in dict.fromkeys(entries):
        module, _, func = entry.partition(":")
        try:
            loaded = import_module(module)
            if func:
                getattr(loaded, func)()
            else:
                cached_kernels(module)
        except Exception:
            failed.append(entry)
    return failed


def cached_kernels(package: str) -> int:
    """Load from numba's on-disk cache the compiled kernels of module ``package`` and of
    its loaded submodules (functions decorated ``@njit(cache=True)``); returns how many
    were loaded.

    Each signature the cache holds for the kernel's current source is loaded, as the
    kernel's first call with those argument types would load it; a kernel with no cache
    yet is left to compile on its first call. Works only when numba is already imported
    (by the modules): otherwise there is nothing to load.

    Parameters
    ----------
    package : str
        A module name; ``"analysis.textreuse"`` covers ``analysis.textreuse.kernel`` etc.

    Returns
    -------
    int
        Signatures loaded.

    Examples
    --------
    >>> cached_kernels("json")
    0
    """
    if "numba" not in sys.modules:
        return 0
    from numba.core.dispatcher import Dispatcher

    modules = [m for name, m in list(sys.modules.items())
               if (name == package or name.startswith(package + ".")) and m is not None]
    loaded = 0
    for module in modules:
        for kernel in _kernels(module, Dispatcher):
            loaded += _load_cached(kernel)
    return loaded


def _kernels(module: ModuleType, dispatcher: type) -> list:
    """The numba dispatchers with an on-disk cache defined in ``module``."""
    return [obj for obj in list(vars(module).values())
            if isinstance(obj, dispatcher) and getattr(obj, "__module__", None) ==
            module.__name__ and getattr(obj, "_cache", None) is not None]


def _load_cached(kernel: object) -> int:
    """Load every signature the kernel's cache index holds for this machine (numba's own
    index: entries for an older source of the function are not in it; an entry written
    on another CPU, in a cache shared between machines, would compile, so it is left)."""
    loaded = 0
    cache = kernel._cache  # type: ignore[attr-defined]
    try:
        index = cache._cache_file._load_index()
        codegen = kernel.targetctx.codegen()  # type: ignore[attr-defined]
    except Exception:  # a cache format this numba does not read
        return 0
    for key in index:
        signature = key[0]
        with contextlib.suppress(Exception):  # one entry that does not load: the others go on
            if (signature not in kernel.overloads  # type: ignore[attr-defined]
                    and cache._index_key(signature, codegen) == key):
                kernel.compile(signature)  # type: ignore[attr-defined]
                loaded += 1
    return loaded

