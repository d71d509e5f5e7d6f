"""Tokenise normalised Chinese policy text with jieba and a policy-term dictionary.

Segmentation (the expensive part) is cached per document by content hash and tokenizer
settings as an array of token boundaries; filtering (stopwords, punctuation, numbers,
single characters) is cheap and applied afterwards, so a researcher can switch either
stopword list without re-segmenting.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis._resources import read_wordlist, resource_text, text_digest

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from analysis.corpus import Corpus

__all__ = [
    "BACKENDS",
    "DEFAULT_USER_DICT",
    "TokenFilter",
    "Tokenizer",
    "default_cache_dir",
    "doc_token_lists",
    "filter_tokens",
    "get_tokenizer",
    "load_user_terms",
    "segment_corpus",
    "token_table",
]

BACKENDS = ("jieba", "rjieba")
DEFAULT_USER_DICT = "policy_terms.txt"
DEFAULT_TERM_FREQ = 20000
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NUMBER = re.compile(r"^[0-9.,%+\-—~/:×]+$|^[0-9]+(\.[0-9]+)?[%‰]?$")
_LATIN = re.compile(r"[A-Za-z]")
_WORDCHAR = re.compile(r"\w")


def default_cache_dir() -> Path:
    """The cache folder: ``$POLICY_LENS_CACHE``, else ``$XDG_CACHE_HOME/policy-lens``,
    else ``~/.cache/policy-lens``. It is private to the user (never a shared /tmp file)."""
    env = os.environ.get("POLICY_LENS_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "policy-lens"


def load_user_terms(sources: Sequence[str | os.PathLike[str]]) -> tuple[tuple[str, int], ...]:
    """Read user dictionaries: one term per line, optional frequency; ``#`` comments.

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
        ``jieba`` is the reference pure-Python segmenter; ``rjieba`` binds the Rust
        jieba-rs and is about 15× faster.
    user_dicts : sequence of str or path, keyword-only
        Dictionary files (packaged names or paths); the packaged policy terms by default.
        Pass ``DEFAULT_USER_DICT`` plus your own file to extend it.
    hmm : bool, keyword-only
        Let jieba's HMM guess unknown words (default True, as jieba does).
    cache_dir : path, keyword-only
        Where jieba keeps its prefix-dictionary cache.

    Examples
    --------
    >>> tok = Tokenizer()
    >>> [w for w, _, _ in tok.tokenize("支持科技型中小企业开展揭榜挂帅")]
    ['支持', '科技型中小企业', '开展', '揭榜挂帅']
    """

    def __init__(
        self,
        *,
        backend: str = "jieba",
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
        self._backend_obj = None

    @property
    def _impl(self):
        """The segmenter, loaded on first use: a build whose tokens are all cached never
        pays for loading the dictionary."""
        if self._backend_obj is None:
            self._backend_obj = self._load()
        return self._backend_obj

    def _load(self):
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
        import rjieba

        tok = rjieba.Jieba()
        for term, freq in self.terms:
            tok.add_word(term, freq, None)
        return tok

    @property
    def fingerprint(self) -> str:
        """A hash of everything that decides the segmentation (backend, version, HMM,
        dictionaries); part of every cache key."""
        if self.backend == "jieba":
            import jieba

            version = jieba.__version__
        else:
            from importlib.metadata import version as _v

            version = _v("rjieba")
        terms = "\n".join(f"{t} {f}" for t, f in self.terms)
        return text_digest(self.backend, version, str(self.hmm), terms)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Segment ``text`` into ``(token, start, end)`` triples covering it completely."""
        if self.backend == "jieba":
            return list(self._impl.tokenize(text, HMM=self.hmm))
        return self._impl.tokenize(text, "default", self.hmm)

    def boundaries(self, text: str) -> np.ndarray:
        """Token start offsets plus the final end offset, as an ``int32`` array."""
        import numpy as np

        toks = self.tokenize(text)
        out = np.empty(len(toks) + 1, dtype=np.int32)
        out[0] = 0
        if toks:
            out[1:] = [end for _, _, end in toks]
        return out


@lru_cache(maxsize=8)
def _tokenizer_cached(backend: str, user_dicts: tuple[str, ...], hmm: bool, digest: str,
                      cache_dir: str | None) -> Tokenizer:
    return Tokenizer(backend=backend, user_dicts=user_dicts, hmm=hmm, cache_dir=cache_dir)


def get_tokenizer(
    *,
    backend: str = "jieba",
    user_dicts: Sequence[str | os.PathLike[str]] = (DEFAULT_USER_DICT,),
    hmm: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Tokenizer:
    """A shared :class:`Tokenizer` for these settings (built once per process).

    Editing a dictionary file gives a new tokenizer (the cache key includes its content).
    """
    dicts = tuple(str(d) for d in user_dicts)
    digest = text_digest(*(resource_text(d) for d in dicts))
    return _tokenizer_cached(backend, dicts, hmm, digest,
                             str(cache_dir) if cache_dir is not None else None)


def _segment_cached(text: str, tok: Tokenizer, cache: Path | None) -> np.ndarray:
    import numpy as np

    if cache is None:
        return tok.boundaries(text)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    path = cache / f"{key}.npy"
    if path.is_file():
        try:
            return np.load(path, allow_pickle=False)
        except (OSError, ValueError):
            path.unlink(missing_ok=True)  # a damaged cache entry is recomputed
    bounds = tok.boundaries(text)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        np.save(fh, bounds, allow_pickle=False)
    os.replace(tmp, path)
    return bounds


def segment_corpus(
    texts: Iterable[str],
    *,
    tokenizer: Tokenizer | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = True,
) -> list[np.ndarray]:
    """Segment many texts; return token boundaries per text, using the on-disk cache.

    ``cache_dir=True`` uses :func:`default_cache_dir`; ``False`` or ``None`` disables caching.
    """
    tok = tokenizer or get_tokenizer()
    if cache_dir is True:
        cache: Path | None = tok.cache_dir / "tokens" / tok.fingerprint
    elif cache_dir in (False, None):
        cache = None
    else:
        cache = Path(cache_dir) / "tokens" / tok.fingerprint
    return [_segment_cached(t, tok, cache) for t in texts]


def _kind(token: str) -> str:
    if _HAN.search(token):
        return "han"
    if _NUMBER.match(token):
        return "number"
    if _LATIN.search(token):
        return "latin"
    if token.isspace():
        return "space"
    if not _WORDCHAR.search(token):
        return "punct"
    return "other"


@dataclass(frozen=True)
class TokenFilter:
    """Which tokens count as words for matrices and statistics.

    Parameters
    ----------
    function_words : bool
        Drop Chinese function words (``stopwords_function.txt``: 的, 和, 对, 将 ...).
    policy_words : bool
        Drop policy boilerplate (``stopwords_policy.txt``: 加强, 推进, 积极, 进一步 ...).
    drop_punct, drop_numbers : bool
        Drop punctuation and number tokens.
    min_chars : int
        Drop shorter tokens (2 drops single characters).
    function_list, policy_list : str or path
        The two stopword files (packaged names or your own).

    Examples
    --------
    >>> TokenFilter().keeps("科技创新"), TokenFilter().keeps("加强"), TokenFilter().keeps("的")
    (True, False, False)
    >>> TokenFilter(policy_words=False).keeps("加强")
    True
    """

    function_words: bool = True
    policy_words: bool = True
    drop_punct: bool = True
    drop_numbers: bool = True
    min_chars: int = 2
    function_list: str = "stopwords_function.txt"
    policy_list: str = "stopwords_policy.txt"

    def keeps(self, token: str) -> bool:
        """Whether one token passes the filter."""
        kind = _kind(token)
        return self._keep(token, kind, token in self.function_set(), token in self.policy_set())

    def _keep(self, token: str, kind: str, is_func: bool, is_policy: bool) -> bool:
        if kind == "space" or (self.drop_punct and kind in ("punct", "other")):
            return False
        if self.drop_numbers and kind == "number":
            return False
        if len(token) < self.min_chars:
            return False
        if self.function_words and is_func:
            return False
        return not (self.policy_words and is_policy)

    def function_set(self) -> frozenset[str]:
        return frozenset(read_wordlist(self.function_list))

    def policy_set(self) -> frozenset[str]:
        return frozenset(read_wordlist(self.policy_list))

    def apply(self, tokens: pd.DataFrame) -> pd.Series:
        """Boolean mask over a :func:`token_table` frame."""
        import numpy as np

        keep = ~tokens["kind"].isin(["space"])
        if self.drop_punct:
            keep &= ~tokens["kind"].isin(["punct", "other"])
        if self.drop_numbers:
            keep &= tokens["kind"] != "number"
        keep &= (tokens["end"] - tokens["start"]) >= self.min_chars
        if self.function_words:
            keep &= ~tokens["is_function_word"]
        if self.policy_words:
            keep &= ~tokens["is_policy_word"]
        return keep.astype(np.bool_)


def token_table(
    corpus: Corpus,
    *,
    tokenizer: Tokenizer | None = None,
    token_filter: TokenFilter | None = None,
    cache_dir: str | os.PathLike[str] | bool | None = True,
) -> pd.DataFrame:
    """All tokens of a corpus with their positions, one row per token.

    Columns: ``doc_id, position`` (0-based index among the document's non-space tokens),
    ``start, end`` (character offsets in the normalised ``text``, so ``text_orig[start:end]``
    is the token in the original script), ``token, kind`` (han, latin, number, punct, other),
    ``is_function_word, is_policy_word`` and ``keep`` (passes ``token_filter``).

    Examples
    --------
    >>> from analysis.corpus import load_corpus
    >>> toks = token_table(load_corpus().subset(["tonghua_2012"]))
    >>> toks.loc[toks["token"] == "创新"].shape[0] > 50
    True
    """
    import numpy as np
    import pandas as pd

    flt = token_filter or TokenFilter()
    bounds = segment_corpus(corpus.documents["text"], tokenizer=tokenizer, cache_dir=cache_dir)
    func, policy = flt.function_set(), flt.policy_set()
    frames = []
    for doc_id, text, b in zip(corpus.documents["doc_id"], corpus.documents["text"], bounds,
                               strict=True):
        starts, ends = b[:-1], b[1:]
        toks = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
        kinds = [_kind(t) for t in toks]
        mask = np.array([k != "space" for k in kinds], dtype=bool)
        toks = [t for t, m in zip(toks, mask, strict=True) if m]
        frames.append(pd.DataFrame({
            "doc_id": doc_id,
            "position": np.arange(len(toks), dtype=np.int32),
            "start": starts[mask].astype(np.int32),
            "end": ends[mask].astype(np.int32),
            "token": toks,
            "kind": [k for k in kinds if k != "space"],
        }))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["doc_id", "position", "start", "end", "token", "kind"])
    out["is_function_word"] = out["token"].isin(func)
    out["is_policy_word"] = out["token"].isin(policy)
    out["keep"] = flt.apply(out)
    return out


def filter_tokens(tokens: pd.DataFrame, token_filter: TokenFilter | None = None) -> pd.DataFrame:
    """The rows of a :func:`token_table` that pass ``token_filter`` (defaults: both lists on)."""
    flt = token_filter or TokenFilter()
    return tokens.loc[flt.apply(tokens)].reset_index(drop=True)


def doc_token_lists(
    tokens: pd.DataFrame, *, token_filter: TokenFilter | None = None
) -> dict[str, list[str]]:
    """Kept tokens per document, in text order: ``{doc_id: [token, ...]}``.

    Uses the table's ``keep`` column unless a ``token_filter`` is given.
    """
    kept = tokens.loc[tokens["keep"]] if token_filter is None else filter_tokens(tokens,
                                                                                token_filter)
    order = list(dict.fromkeys(tokens["doc_id"]))
    grouped = kept.groupby("doc_id", sort=False)["token"].agg(list).to_dict()
    return {d: grouped.get(d, []) for d in order}
