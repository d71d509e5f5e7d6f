"""Tokenise normalised Chinese policy text with jieba and a policy-term dictionary.

Segmentation (the expensive part) is cached per document by content hash and tokenizer
settings as an array of token boundaries; filtering (stopwords, punctuation, numbers,
single characters) is cheap and applied afterwards, so a researcher can switch either
stopword list without re-segmenting.

The token table is assembled from those boundary arrays without a Python object per token:
token kinds come from a per-character class table reduced over each token, and the token
strings are Arrow slices of the document's UTF-8 bytes. This keeps a corpus of tens of
millions of characters within a few seconds and a few hundred megabytes.
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

from analysis.resources import read_wordlist, resource_text, text_digest
from analysis.text.chars import HAN_RE as _HAN

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from analysis.text.corpus import Corpus

__all__ = [
    "BACKENDS",
    "DEFAULT_USER_DICT",
    "KINDS",
    "TokenFilter",
    "Tokenizer",
    "cache_key",
    "default_cache_dir",
    "doc_token_lists",
    "filter_tokens",
    "frame_from_parts",
    "get_tokenizer",
    "load_user_terms",
    "segment_cached",
    "segment_corpus",
    "token_arrays",
    "token_cache_dir",
    "token_kind",
    "token_table",
    "tokens_frame",
]

BACKENDS = ("jieba", "rjieba")
DEFAULT_USER_DICT = "policy_terms.txt"
DEFAULT_TERM_FREQ = 20000
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

    def cut(self, text: str) -> list[str]:
        """The tokens of ``text`` (strings only), the segmenter's fastest output."""
        if self.backend == "jieba":
            return list(self._impl.cut(text, HMM=self.hmm))
        return self._impl.cut(text, self.hmm)

    def boundaries(self, text: str) -> np.ndarray:
        """Token start offsets plus the final end offset, as an ``int32`` array.

        Examples
        --------
        >>> Tokenizer().boundaries("支持科技型中小企业").tolist()
        [0, 2, 9]
        """
        import numpy as np

        words = self.cut(text)
        out = np.zeros(len(words) + 1, dtype=np.int32)
        if words:
            np.cumsum(np.fromiter(map(len, words), dtype=np.int32, count=len(words)),
                      out=out[1:])
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


def cache_key(text: str) -> str:
    """The cache file name of a text's token boundaries (a SHA-256 prefix of its UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def token_cache_dir(tokenizer: Tokenizer,
                    cache_dir: str | os.PathLike[str] | bool | None = True) -> Path | None:
    """The folder holding boundary arrays for this tokenizer's settings, or ``None``.

    ``cache_dir=True`` uses :func:`default_cache_dir`; ``False`` or ``None`` disables caching.
    The folder is named by :attr:`Tokenizer.fingerprint`, so a different backend, HMM
    setting, dictionary or library version never reads another's boundaries.
    """
    if cache_dir is True:
        return tokenizer.cache_dir / "tokens" / tokenizer.fingerprint
    if cache_dir in (False, None):
        return None
    return Path(cache_dir) / "tokens" / tokenizer.fingerprint


def segment_cached(text: str, tok: Tokenizer, cache: Path | None) -> tuple[np.ndarray, bool]:
    """Token boundaries of ``text`` from the cache folder, or computed and stored there.

    Returns ``(boundaries, computed)``; ``computed`` is False for a cache hit.
    """
    import numpy as np

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
    cache = token_cache_dir(tok, cache_dir)
    return [segment_cached(t, tok, cache)[0] for t in texts]


def token_kind(token: str) -> str:
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
        kind = token_kind(token)
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


# Per-character classes, combined with OR over each token to decide its kind exactly as
# token_kind() does (a test checks both agree). Tokens with a character that needs the regexes
# themselves (astral characters, ‰, white space mixed with other characters) go to token_kind().
_C_HAN, _C_DIGIT, _C_NUMSYM, _C_LATIN, _C_SPACE, _C_WORD, _C_PUNCT, _C_ODD = (
    1, 2, 4, 8, 16, 32, 64, 128)
KINDS = ("han", "number", "latin", "space", "punct", "other")

#: The columns of :func:`token_table`, in order.
TOKEN_COLUMNS = ("doc_id", "position", "start", "end", "token", "kind", "is_function_word",
                 "is_policy_word", "keep")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """The class bits of every Basic Multilingual Plane character (``uint8[65536]``).

    Built with a few regex scans over all 65,536 characters (milliseconds, in each worker
    process); :func:`_class_table_reference` is the plain loop it must equal (tested).
    """
    import numpy as np

    chars = "".join(map(chr, range(0x10000)))
    table = np.full(0x10000, _C_PUNCT, dtype=np.uint8)

    def mark(pattern: str, value: int) -> None:
        for m in re.finditer(f"(?:{pattern})+", chars):  # runs of matching characters
            table[m.start():m.end()] = value

    # lowest priority first: each assignment overrides the ones before
    mark(r"\w", _C_WORD)
    mark(r"\s", _C_SPACE)
    table[[ord("‰"), *range(0xD800, 0xE000)]] = _C_ODD
    mark(_LATIN.pattern, _C_LATIN)
    table[[ord(c) for c in ".,%+-—~/:×"]] = _C_NUMSYM
    table[ord("0"):ord("9") + 1] = _C_DIGIT
    mark(_HAN.pattern, _C_HAN)
    return table


def _class_table_reference() -> np.ndarray:
    import numpy as np

    table = np.empty(0x10000, dtype=np.uint8)
    numsym = set(".,%+-—~/:×")
    for cp in range(0x10000):
        ch = chr(cp)
        if _HAN.match(ch):
            c = _C_HAN
        elif "0" <= ch <= "9":
            c = _C_DIGIT
        elif ch in numsym:
            c = _C_NUMSYM
        elif _LATIN.match(ch):
            c = _C_LATIN
        elif ch == "‰" or 0xD800 <= cp <= 0xDFFF:
            c = _C_ODD
        elif ch.isspace():
            c = _C_SPACE
        elif _WORDCHAR.match(ch):
            c = _C_WORD
        else:
            c = _C_PUNCT
        table[cp] = c
    return table


@lru_cache(maxsize=1)
def _utf8_width() -> np.ndarray:
    """UTF-8 bytes of every Basic Multilingual Plane character (``uint8[65536]``)."""
    import numpy as np

    cp = np.arange(0x10000)
    return (1 + (cp >= 0x80) + (cp >= 0x800)).astype(np.uint8)


def _kind_codes(text: str, starts: np.ndarray, ends: np.ndarray,
                codepoints: np.ndarray) -> np.ndarray:
    """The kind code (index into :data:`KINDS`) of each token ``text[starts[i]:ends[i]]``."""
    import numpy as np

    cls = _class_table()[np.minimum(codepoints, 0xFFFF)]
    astral = codepoints > 0xFFFF
    if astral.any():
        cls[astral] = _C_ODD
    m = np.bitwise_or.reduceat(cls, starts) if len(starts) else np.zeros(0, np.uint8)
    codes = np.full(len(m), _KIND_CODE["other"], dtype=np.uint8)
    no_word = (m & (_C_DIGIT | _C_WORD)) == 0
    codes[no_word] = _KIND_CODE["punct"]
    codes[m == _C_SPACE] = _KIND_CODE["space"]
    codes[(m & _C_LATIN) != 0] = _KIND_CODE["latin"]
    codes[(m & ~np.uint8(_C_DIGIT | _C_NUMSYM)) == 0] = _KIND_CODE["number"]
    codes[(m & _C_HAN) != 0] = _KIND_CODE["han"]
    odd = ((m & _C_ODD) != 0) | (((m & _C_SPACE) != 0) & (m != _C_SPACE))
    for i in np.flatnonzero(odd).tolist():
        codes[i] = _KIND_CODE[token_kind(text[starts[i]:ends[i]])]
    return codes


def tokens_frame(
    doc_ids: Sequence[str],
    texts: Sequence[str],
    bounds: Sequence[np.ndarray],
    *,
    token_filter: TokenFilter | None = None,
) -> pd.DataFrame:
    """The :func:`token_table` of documents whose boundaries are known already.

    Vectorised over the whole batch: no Python object is made per token.
    """
    flt = token_filter or TokenFilter()
    parts = [token_arrays(doc_ids, texts, bounds, flt)] if len(doc_ids) else []
    return frame_from_parts(parts)


def token_arrays(doc_ids: Sequence[str], texts: Sequence[str],
                 bounds: Sequence[np.ndarray], token_filter: TokenFilter) -> dict[str, object]:
    """The token-table columns of a batch of documents as compact arrays (space tokens left
    out): what the build's worker processes send back. ``doc`` holds each token's index
    into ``doc_ids``; ``kind`` codes index :data:`KINDS`."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    text = "".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    n_tok = np.fromiter((len(b) - 1 for b in bounds), dtype=np.int64, count=len(bounds))
    for doc_id, b, n in zip(doc_ids, bounds, lengths.tolist(), strict=True):
        if len(b) < 1 or int(b[0]) != 0 or int(b[-1]) != n:
            raise ValueError(f"{doc_id}: token boundaries do not cover the text ({n} chars)")
    local_starts = np.concatenate([b[:-1] for b in bounds]).astype(np.int64)
    local_ends = np.concatenate([b[1:] for b in bounds]).astype(np.int64)
    doc_of_token = np.repeat(np.arange(len(texts), dtype=np.int32), n_tok)
    base = offsets[:-1][doc_of_token]
    starts = local_starts + base
    ends = local_ends + base
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    kinds = _kind_codes(text, starts, ends, cp)
    # token strings: slices of the batch's UTF-8 bytes, then the space tokens filtered out
    nbytes = _utf8_width()[np.minimum(cp, 0xFFFF)]
    nbytes[cp > 0xFFFF] = 4
    byte_at = np.zeros(len(cp) + 1, dtype=np.int64)
    np.cumsum(nbytes, out=byte_at[1:], dtype=np.int64)
    tok_offsets = np.append(byte_at[starts], byte_at[-1] if len(starts) else 0)
    all_tokens = pa.LargeStringArray.from_buffers(
        len(starts), pa.py_buffer(tok_offsets.astype(np.int64)),
        pa.py_buffer(text.encode("utf-8")))
    nonspace = kinds != _KIND_CODE["space"]
    counts = np.bincount(doc_of_token[nonspace], minlength=len(texts))
    token = all_tokens.filter(pa.array(nonspace))
    if token.nbytes < 2**31 - 1:
        token = token.cast(pa.string())  # 32-bit offsets: less to send between processes
    kinds = kinds[nonspace]
    # the stopword lists, looked up once per distinct token
    enc = pc.dictionary_encode(token)
    codes = enc.indices.to_numpy(zero_copy_only=False)
    func = pa.array(sorted(token_filter.function_set()), token.type)
    policy = pa.array(sorted(token_filter.policy_set()), token.type)
    is_func = pc.is_in(enc.dictionary, value_set=func).to_numpy(zero_copy_only=False)[codes]
    is_policy = pc.is_in(enc.dictionary, value_set=policy).to_numpy(zero_copy_only=False)[codes]
    start = local_starts[nonspace].astype(np.int32)
    end = local_ends[nonspace].astype(np.int32)
    keep = _keep_mask(token_filter, kinds, (end - start).astype(np.int64), is_func, is_policy)
    # the batch's document-term counts of kept tokens and its word tokens per document:
    # small, and all the matrices need (see analysis.stats.matrices.counts_from_parts)
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    n_dict = max(len(enc.dictionary), 1)
    key, term_count = np.unique(doc[keep] * n_dict + codes[keep], return_counts=True)
    used, term_code = np.unique(key % n_dict, return_inverse=True)
    is_word = (kinds == _KIND_CODE["han"]) | (kinds == _KIND_CODE["latin"])
    return {
        "doc_ids": list(doc_ids),
        "n_tokens": counts.astype(np.int64),
        "start": start,
        "end": end,
        "token": token,
        "kind": kinds,
        "is_function_word": is_func,
        "is_policy_word": is_policy,
        "keep": keep,
        "n_words": np.bincount(doc[is_word], minlength=len(texts)).astype(np.int64),
        "n_kept": np.bincount(doc[keep], minlength=len(texts)).astype(np.int64),
        "term_dict": enc.dictionary.take(pa.array(used)),
        "term_doc": key // n_dict,
        "term_code": term_code.astype(np.int64),
        "term_count": term_count.astype(np.int64),
    }


def frame_from_parts(parts: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Concatenate batches of :func:`token_arrays` (in corpus order) into the token table."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    if not parts:
        empty = {c: [] for c in ("doc_id", "position", "start", "end", "token", "kind")}
        out = pd.DataFrame(empty).astype({"position": "int32", "start": "int32",
                                          "end": "int32", "doc_id": "str", "token": "str",
                                          "kind": "str"})
        for col in ("is_function_word", "is_policy_word", "keep"):
            out[col] = np.zeros(0, dtype=bool)
        return out
    table = arrow_from_parts(parts)
    columns = {}
    for name, col in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_dictionary(col.type):
            col = col.cast(pa.large_string())
        columns[name] = col.to_pandas() if pa.types.is_large_string(col.type) \
            else col.to_numpy()
    return pd.DataFrame(columns)


def arrow_from_parts(parts: Sequence[dict[str, object]]) -> pa.Table:
    """:func:`frame_from_parts` as an Arrow table, ``doc_id`` and ``kind`` dictionary-encoded.

    No per-token copy of the ids and kinds: what the build writes to Parquet when no stage
    needs the token table as a DataFrame.
    """
    import numpy as np
    import pyarrow as pa

    if not parts:
        return pa.Table.from_pandas(frame_from_parts(parts), preserve_index=False)
    doc_ids = [d for p in parts for d in p["doc_ids"]]

    def cat(col: str) -> np.ndarray:
        return np.concatenate([p[col] for p in parts])

    counts = cat("n_tokens")
    first = np.zeros(len(doc_ids), dtype=np.int64)
    np.cumsum(counts[:-1], out=first[1:])
    position = (np.arange(int(counts.sum()), dtype=np.int64)
                - np.repeat(first, counts)).astype(np.int32)
    return pa.table({
        "doc_id": pa.DictionaryArray.from_arrays(
            np.repeat(np.arange(len(doc_ids), dtype=np.int32), counts),
            pa.array(doc_ids, pa.large_string())),
        "position": position,
        "start": cat("start"),
        "end": cat("end"),
        "token": pa.concat_arrays([p["token"].cast(pa.large_string()) for p in parts]),
        "kind": pa.DictionaryArray.from_arrays(cat("kind").astype(np.int8),
                                               pa.array(list(KINDS), pa.large_string())),
        "is_function_word": cat("is_function_word"),
        "is_policy_word": cat("is_policy_word"),
        "keep": cat("keep"),
    })


def _keep_mask(flt: TokenFilter, kinds: np.ndarray, lengths: np.ndarray,
               is_func: np.ndarray, is_policy: np.ndarray) -> np.ndarray:
    """:meth:`TokenFilter.apply` on kind codes (a test checks that both agree)."""
    import numpy as np

    code = _KIND_CODE
    keep = kinds != code["space"]
    if flt.drop_punct:
        keep &= (kinds != code["punct"]) & (kinds != code["other"])
    if flt.drop_numbers:
        keep &= kinds != code["number"]
    keep &= lengths >= flt.min_chars
    if flt.function_words:
        keep &= ~is_func
    if flt.policy_words:
        keep &= ~is_policy
    return np.asarray(keep, dtype=np.bool_)


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
    >>> from analysis.text.corpus import load_corpus
    >>> toks = token_table(load_corpus().subset(["tonghua_2012"]))
    >>> int((toks["token"] == "创新").sum())
    19
    """
    texts = corpus.documents["text"].tolist()
    bounds = segment_corpus(texts, tokenizer=tokenizer, cache_dir=cache_dir)
    return tokens_frame(corpus.documents["doc_id"].tolist(), texts, bounds,
                        token_filter=token_filter)


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
    order = tokens["doc_id"].unique().tolist()
    grouped = kept.groupby("doc_id", sort=False)["token"].agg(list).to_dict()
    return {d: grouped.get(d, []) for d in order}
