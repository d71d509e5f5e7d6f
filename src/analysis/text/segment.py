"""Word segmentation: jieba or rjieba, loaded once with the policy-term dictionary.

:class:`Tokenizer` wraps either backend behind one interface (``tokenize``, ``cut``,
``boundaries``, ``tag``) and adds the user dictionaries (packaged ``policy_terms.txt`` by default)
so that multi-character policy terms stay one token. :func:`get_tokenizer` shares one
tokenizer per process and setting. The backends are imported only when a text is first
segmented, so a build whose tokens are all cached never loads them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import cached_property, lru_cache
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import numpy as np

from analysis.resources import resource_text, text_digest
from analysis.text.token_cache import default_cache_dir

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "DEFAULT_TERM_FREQ",
    "DEFAULT_USER_DICT",
    "Tokenizer",
    "get_tokenizer",
    "load_user_terms",
]

#: The segmenters :class:`Tokenizer` can use.
BACKENDS = ("jieba", "rjieba")
#: The default segmenter: rjieba (jieba-rs), the same Chinese words as jieba, 12-21x faster
#: (README, "Tokenizer backend"); jieba stays selectable and is the reference.
DEFAULT_BACKEND = "rjieba"
#: The packaged policy-term dictionary.
DEFAULT_USER_DICT = "policy_terms.txt"
#: The jieba frequency of a dictionary term written without one: high enough that the
#: term wins over its parts.
DEFAULT_TERM_FREQ = 20000


def load_user_terms(sources: Sequence[str | os.PathLike[str]]) -> tuple[tuple[str, int], ...]:
    """Read user dictionaries: one term per line, optional frequency; ``#`` comments.

    Parameters
    ----------
    sources : sequence of str or path
        Packaged dictionary names or paths of your own files. A term listed twice keeps
        its highest frequency.

    Returns
    -------
    tuple of (str, int)
        ``(term, frequency)`` pairs, sorted by term.

    Examples
    --------
    >>> terms = dict(load_user_terms(["policy_terms.txt"]))
    >>> "科技型中小企业" in terms
    True
    """
    out: dict[str, int] = {}
    for src in sources:
        for line in resource_text(src).splitlines():
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else DEFAULT_TERM_FREQ
            out[fields[0]] = max(freq, out.get(fields[0], 0))
    return tuple(sorted(out.items()))


class Tokenizer:
    """A jieba (or rjieba) segmenter loaded once with the policy-term dictionary.

    Parameters
    ----------
    backend : {"jieba", "rjieba"}, keyword-only
        ``rjieba`` (the default) binds the Rust jieba-rs: 12-21× faster, the same Chinese
        words (it keeps hyphenated codes such as ``GB/T 39116-2020``'s number whole);
        ``jieba`` is the reference pure-Python segmenter.
    user_dicts : sequence of str or path, keyword-only
        Dictionary files (packaged names or paths); the packaged policy terms by default.
        Pass ``DEFAULT_USER_DICT`` plus your own file to extend it.
    hmm : bool, keyword-only
        Let jieba's HMM guess unknown words (default True, as jieba does).
    cache_dir : path, keyword-only
        Where jieba keeps its prefix-dictionary cache (:func:`default_cache_dir` by default).

    Examples
    --------
    >>> tok = Tokenizer()
    >>> [w for w, _, _ in tok.tokenize("支持科技型中小企业开展揭榜挂帅")]
    ['支持', '科技型中小企业', '开展', '揭榜挂帅']
    """

    def __init__(
        self,
        *,
        backend: str = DEFAULT_BACKEND,
        user_dicts: Sequence[str | os.PathLike[str]] = (DEFAULT_USER_DICT,),
        hmm: bool = True,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"tokenizer backend {backend!r} is unknown; use one of {BACKENDS}.")
        self.backend = backend
        self.hmm = hmm
        self.user_dicts = tuple(str(d) for d in user_dicts)
        self.terms = load_user_terms(self.user_dicts)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._backend_obj: Any = None
        self._pos_obj: Any = None

    @property
    def _impl(self) -> Any:
        """The segmenter, loaded on first use: a build whose tokens are all cached never
        pays for loading the dictionary."""
        if self._backend_obj is None:
            self._backend_obj = self._load()
        return self._backend_obj

    def _load(self) -> Any:
        # the backends are optional and slow to import: loaded here, on first use
        if self.backend == "jieba":
            import jieba

            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tok.tmp_dir = str(self.cache_dir)
            tok.cache_file = "jieba.cache"
            tok.initialize()
            for term, freq in self.terms:
                tok.add_word(term, freq=freq)
            return tok
        return _rjieba(self.terms)

    @property
    def fingerprint(self) -> str:
        """A hash of everything that decides the segmentation (backend, its version, HMM,
        dictionaries); it names the token-cache folder.

        Examples
        --------
        >>> Tokenizer().fingerprint == Tokenizer(hmm=False).fingerprint
        False
        """
        if self.backend == "jieba":
            import jieba  # optional and slow to import: only when a jieba fingerprint is asked

            version = jieba.__version__
        else:
            version = package_version("rjieba")
        terms = "\n".join(f"{t} {f}" for t, f in self.terms)
        return text_digest(self.backend, version, str(self.hmm), terms)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Segment ``text`` into ``(token, start, end)`` triples covering it completely.

        Examples
        --------
        >>> Tokenizer().tokenize("支持科技创新")
        [('支持', 0, 2), ('科技创新', 2, 6)]
        """
        if self.backend == "jieba":
            return list(self._impl.tokenize(text, HMM=self.hmm))
        return self._impl.tokenize(text, "default", self.hmm)

    def cut(self, text: str) -> list[str]:
        """The tokens of ``text`` (strings only), the segmenter's fastest output.

        Examples
        --------
        >>> Tokenizer().cut("支持科技创新")
        ['支持', '科技创新']
        """
        if self.backend == "jieba":
            return list(self._impl.cut(text, HMM=self.hmm))
        return self._impl.cut(text, self.hmm)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Segment ``text`` into ``(word, part-of-speech tag)`` pairs.

        The tags are jieba's (ICTCLAS-style: ``n`` noun, ``v`` verb, ``m`` numeral, ...),
        with the same dictionaries and HMM setting as :meth:`cut`. A dictionary term given
        without a tag is one word tagged ``""`` by either backend (jieba's ``"x"`` for one is
        read as ``""``; punctuation stays ``"x"``); jieba's tagger may split numbers with
        symbols (``3.5%``) that :meth:`cut` keeps whole.

        Parameters
        ----------
        text : str
            The text to tag.

        Returns
        -------
        list of (str, str)
            ``(word, tag)`` pairs in text order; the words joined give back ``text``.

        Examples
        --------
        >>> Tokenizer().tag("支持企业开展科技创新")
        [('支持', 'v'), ('企业', 'n'), ('开展', 'v'), ('科技创新', '')]
        """
        if self.backend == "jieba":
            terms = self._term_set
            return [(p.word, "" if p.flag == "x" and p.word in terms else p.flag)
                    for p in self._pos.lcut(text, HMM=self.hmm)]
        return [(w, t) for w, t in self._impl.tag(text, self.hmm)]

    @cached_property
    def _term_set(self) -> frozenset[str]:
        """The user-dictionary terms, for their tag."""
        return frozenset(t for t, _ in self.terms)

    @property
    def _pos(self) -> Any:
        """jieba's part-of-speech tokenizer over :attr:`_impl`, built once: building one
        reads the part-of-speech dictionary."""
        if self._pos_obj is None:
            import jieba.posseg

            self._pos_obj = jieba.posseg.POSTokenizer(self._impl)
        return self._pos_obj

    def boundaries(self, text: str) -> np.ndarray:
        """Token start offsets plus the final end offset, as an ``int32`` array.

        Examples
        --------
        >>> Tokenizer().boundaries("支持科技型中小企业").tolist()
        [0, 2, 9]
        """
        words = self.cut(text)
        out = np.zeros(len(words) + 1, dtype=np.int32)
        if words:
            np.cumsum(np.fromiter(map(len, words), dtype=np.int32, count=len(words)),
                      out=out[1:])
        return out


@lru_cache(maxsize=2)
def _rjieba(terms: tuple[tuple[str, int], ...]) -> Any:
    """An rjieba segmenter with ``terms`` added, one per process for the same terms:
    tokenizers that differ only in ``cache_dir`` (jieba's cache, which rjieba has not)
    share it, and processes forked after it is loaded inherit it. It is never changed
    after it is made (the HMM setting is passed with each call). The cache keeps the
    last two term sets only (about 24 MB each): a session comparing dictionaries holds
    no more, and a tokenizer keeps its own segmenter as long as it lives."""
    import rjieba

    tok = rjieba.Jieba()
    for term, freq in terms:
        tok.add_word(term, freq, None)
    return tok


@lru_cache(maxsize=8)
def _tokenizer_cached(backend: str, user_dicts: tuple[str, ...], hmm: bool, digest: str,
                      cache_dir: str | None) -> Tokenizer:
    return Tokenizer(backend=backend, user_dicts=user_dicts, hmm=hmm, cache_dir=cache_dir)


def get_tokenizer(
    *,
    backend: str = DEFAULT_BACKEND,
    user_dicts: Sequence[str | os.PathLike[str]] = (DEFAULT_USER_DICT,),
    hmm: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Tokenizer:
    """A shared :class:`Tokenizer` for these settings (built once per process).

    Editing a dictionary file gives a new tokenizer (the cache key includes its content).
    The parameters are those of :class:`Tokenizer`.

    Examples
    --------
    >>> get_tokenizer() is get_tokenizer()
    True
    >>> get_tokenizer(backend="rjieba").cut("支持科技型中小企业")
    ['支持', '科技型中小企业']
    """
    dicts = tuple(str(d) for d in user_dicts)
    digest = text_digest(*(resource_text(d) for d in dicts))
    return _tokenizer_cached(backend, dicts, hmm, digest,
                             str(cache_dir) if cache_dir is not None else None)
