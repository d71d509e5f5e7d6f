"""The text stage: load a corpus folder, normalise its documents and tokenise them.

Everything later stages read comes from here: the :class:`Corpus` (one row per document,
its simplified ``text`` aligned character for character with ``text_orig`` in the original
script) and the token table (:func:`token_table`, one row per token with offsets into
``text``).

Modules, bottom first:

- :mod:`~analysis.text.chars`: Han and CJK punctuation ranges, the Chinese-numeral reader.
- :mod:`~analysis.text.line_labels`: the labels that open a line (outline numbers of
  every style, bullets, ``附件2``), shared with the outline parser.
- :mod:`~analysis.text.pattern_starts`: the characters a rule's match can begin with, so
  that a text holding none is not searched (the outline's and the targets' rules).
- :mod:`~analysis.text.tabs`: tab-separated table rows written as ``|``-joined rows
  (:data:`CELL_SEP`), every other tab a space.
- :mod:`~analysis.text.normalize`: widths, spaces, tabs, web boilerplate (rules in
  ``resources/boilerplate.toml``), traditional to simplified with OpenCC.
- :mod:`~analysis.text.decoding`: file bytes to text (encoding detection and its
  plausibility check, control characters).
- :mod:`~analysis.text.corpus`: read ``metadata.csv`` and the text files (encoding
  detection, clear errors) into a :class:`Corpus`.
- :mod:`~analysis.text.token_cache`: the cache folder and per-document token boundaries.
- :mod:`~analysis.text.segment`: :class:`Tokenizer` (jieba or rjieba with the policy-term
  dictionary ``resources/policy_terms.txt``).
- :mod:`~analysis.text.token_kinds`: han / number / latin / space / punct / other, per token
  or vectorised.
- :mod:`~analysis.text.stopwords`: :class:`TokenFilter` and the two stopword lists
  (``resources/stopwords_function.txt``, ``resources/stopwords_policy.txt``).
- :mod:`~analysis.text.tokenize`: the token table, and the compact batches the build's
  worker processes send.

Examples
--------
>>> from analysis.text import TokenFilter, load_corpus, token_table
>>> corpus = load_corpus()
>>> tokens = token_table(corpus, token_filter=TokenFilter(policy_words=False), cache_dir=False)
>>> tokens.columns.tolist()[:6]
['doc_id', 'position', 'start', 'end', 'token', 'kind']
"""

from analysis.text.chars import CJK_PUNCT, CN_DIGITS, CN_NUMERAL_CHARS, HAN, HAN_RE, cn_to_int
from analysis.text.corpus import (
    REQUIRED_COLUMNS,
    STANDARD_COLUMNS,
    Corpus,
    assemble_corpus,
    default_raw_dir,
    document_files,
    load_corpus,
    load_document,
    read_document,
    read_metadata,
    resolve_document,
    warn_unlisted,
)
from analysis.text.line_labels import line_label_end
from analysis.text.normalize import (
    DEFAULT_OPENCC_CONFIG,
    BoilerplatePattern,
    Normalized,
    load_boilerplate,
    normalize_text,
    normalize_width,
    to_simplified,
)
from analysis.text.segment import (
    BACKENDS,
    DEFAULT_BACKEND,
    DEFAULT_TERM_FREQ,
    DEFAULT_USER_DICT,
    Tokenizer,
    get_tokenizer,
    load_user_terms,
)
from analysis.text.stopwords import TokenFilter
from analysis.text.tabs import CELL_SEP, tab_rows, tab_table
from analysis.text.token_cache import (
    cache_key,
    default_cache_dir,
    segment_cached,
    token_cache_dir,
)
from analysis.text.token_kinds import KIND_CODES, KINDS, kind_codes, token_kind
from analysis.text.tokenize import (
    TOKEN_COLUMNS,
    arrow_from_parts,
    doc_token_lists,
    filter_tokens,
    frame_from_parts,
    segment_corpus,
    token_arrays,
    token_table,
    tokens_frame,
)

__all__ = [
    "BACKENDS",
    "CELL_SEP",
    "CJK_PUNCT",
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "DEFAULT_BACKEND",
    "DEFAULT_OPENCC_CONFIG",
    "DEFAULT_TERM_FREQ",
    "DEFAULT_USER_DICT",
    "HAN",
    "HAN_RE",
    "KINDS",
    "KIND_CODES",
    "REQUIRED_COLUMNS",
    "STANDARD_COLUMNS",
    "TOKEN_COLUMNS",
    "BoilerplatePattern",
    "Corpus",
    "Normalized",
    "TokenFilter",
    "Tokenizer",
    "arrow_from_parts",
    "assemble_corpus",
    "cache_key",
    "cn_to_int",
    "default_cache_dir",
    "default_raw_dir",
    "doc_token_lists",
    "document_files",
    "filter_tokens",
    "frame_from_parts",
    "get_tokenizer",
    "kind_codes",
    "line_label_end",
    "load_boilerplate",
    "load_corpus",
    "load_document",
    "load_user_terms",
    "normalize_text",
    "normalize_width",
    "read_document",
    "read_metadata",
    "resolve_document",
    "segment_cached",
    "segment_corpus",
    "tab_rows",
    "tab_table",
    "to_simplified",
    "token_arrays",
    "token_cache_dir",
    "token_kind",
    "token_table",
    "tokens_frame",
    "warn_unlisted",
]
