"""The on-disk segmentation cache: token boundaries per document, keyed by its text.

Segmenting is the expensive step of tokenising, so each document's token boundaries
(:meth:`~analysis.text.segment.Tokenizer.boundaries`) are stored as one ``.npy`` file named
by the SHA-256 of its text, in a folder named by the tokenizer's settings
(:attr:`~analysis.text.segment.Tokenizer.fingerprint`). A changed text, dictionary, backend,
HMM setting or library version therefore never reads stale boundaries, and a damaged entry
is recomputed. Writes go through a temporary file and an atomic rename, so processes
sharing the folder never see half a file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from analysis.text.segment import Tokenizer

__all__ = ["cache_key", "default_cache_dir", "segment_cached", "token_cache_dir"]


def default_cache_dir() -> Path:
    """The policy-lens cache folder.

    ``$POLICY_LENS_CACHE``, else ``$XDG_CACHE_HOME/policy-lens``, else
    ``~/.cache/policy-lens``. It is private to the user (never a shared ``/tmp`` file) and
    holds jieba's dictionary cache, the token cache and the build states.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"POLICY_LENS_CACHE": "/srv/cache"}):
    ...     default_cache_dir().as_posix()
    '/srv/cache'
    """
    env = os.environ.get("POLICY_LENS_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "policy-lens"


def cache_key(text: str) -> str:
    """The cache file name of a text's token boundaries (a SHA-256 prefix of its UTF-8).

    Examples
    --------
    >>> cache_key("科技创新")
    '40f45fe626e0c7f28826a9a2f3b8465b'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def token_cache_dir(tokenizer: Tokenizer,
                    cache_dir: str | os.PathLike[str] | bool | None = True) -> Path | None:
    """The folder holding boundary arrays for this tokenizer's settings, or ``None``.

    ``cache_dir=True`` uses :func:`default_cache_dir`; ``False`` or ``None`` disables caching.
    The folder is named by :attr:`~analysis.text.segment.Tokenizer.fingerprint`, so a
    different backend, HMM setting, dictionary or library version never reads another's
    boundaries.

    Examples
    --------
    >>> from analysis.text.segment import get_tokenizer
    >>> tok = get_tokenizer()
    >>> token_cache_dir(tok, "/data/cache").parts[-2:] == ("tokens", tok.fingerprint)
    True
    >>> token_cache_dir(tok, False) is None
    True
    """
    if cache_dir is True:
        return tokenizer.cache_dir / "tokens" / tokenizer.fingerprint
    if cache_dir in (False, None):
        return None
    return Path(cache_dir) / "tokens" / tokenizer.fingerprint


def segment_cached(text: str, tok: Tokenizer, cache: Path | None) -> tuple[np.ndarray, bool]:
    """Token boundaries of ``text`` from the cache folder, or computed and stored there.

    Parameters
    ----------
    text : str
        The normalised text of one document.
    tok : Tokenizer
        The segmenter, used on a cache miss.
    cache : Path or None
        The folder of :func:`token_cache_dir`; ``None`` always segments and stores nothing.

    Returns
    -------
    (numpy.ndarray, bool)
        The boundaries (as :meth:`~analysis.text.segment.Tokenizer.boundaries`) and whether
        they were computed (``False`` for a cache hit).

    Examples
    --------
    >>> import tempfile
    >>> from analysis.text.segment import get_tokenizer
    >>> folder = Path(tempfile.mkdtemp())
    >>> bounds, computed = segment_cached("支持科技型中小企业", get_tokenizer(), folder)
    >>> bounds.tolist(), computed
    ([0, 2, 9], True)
    >>> segment_cached("支持科技型中小企业", get_tokenizer(), folder)[1]
    False
    """
    if cache is None:
        return tok.boundaries(text), True
    path = cache / f"{cache_key(text)}.npy"
    try:
        bounds = np.load(path, allow_pickle=False)
        if bounds.ndim == 1 and len(bounds) and int(bounds[-1]) == len(text):
            return bounds, False
        path.unlink(missing_ok=True)  # a damaged entry is recomputed
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError):
        path.unlink(missing_ok=True)
    bounds = tok.boundaries(text)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        np.save(fh, bounds, allow_pickle=False)
    os.replace(tmp, path)
    return bounds, True
