"""The build's options: every setting that decides the outputs, declared once.

Each option is one line of :class:`BuildOptions`: its default, what it accepts (type,
choices, lower bound, whether ``None`` is allowed) and what it means. Validation, the
class docstring and :meth:`BuildOptions.help` all read that one declaration, so an
option's meaning and range are written in exactly one place. The options are recorded in
``build_info.json`` and in the build's up-to-date key.
"""

from __future__ import annotations

import numbers
import os
import textwrap
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from analysis.text import BACKENDS, DEFAULT_BACKEND, DEFAULT_USER_DICT, TokenFilter

__all__ = ["BuildOptions", "OptionSpec"]


@dataclass(frozen=True)
class OptionSpec:
    """What one build option accepts and means.

    Parameters
    ----------
    kind : {"str", "bool", "int", "paths", "token_filter"}
        The value's type: ``paths`` is a sequence of file names or paths (kept as a tuple
        of str), ``str`` options also take a path.
    meaning : str
        One sentence for the docs and the command line.
    choices : tuple of str, optional
        The only values allowed.
    minimum : int, optional
        The smallest integer allowed.
    none : str, optional
        What ``None`` means, when ``None`` is allowed.
    accepts : str, optional
        What the option accepts, in words, when the kind's own wording does not fit.
    """

    kind: str
    meaning: str
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    none: str | None = None
    accepts: str | None = None

    def check(self, name: str, value: Any) -> Any:
        """``value`` in its canonical form (paths as str, sequences as tuples), or a
        ValueError that names the option and says what it accepts."""
        if value is None:
            if self.none is None:
                raise ValueError(f"{name}=None: {self.meaning}; give {self.expected()}.")
            return None
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise ValueError(f"{name}={value!r}: give {self.expected()}.")
            value = int(value)
            if self.minimum is not None and value < self.minimum:
                if self.none is not None:
                    raise ValueError(f"{name}={value}: give None ({self.none}; 0 on the "
                                     "command line) or a positive number.")
                raise ValueError(f"{name}={value}: give {self.expected()}.")
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError(f"{name}={value!r}: give True or False.")
            return value
        if self.kind == "str":
            if not isinstance(value, (str, os.PathLike)):
                raise ValueError(f"{name}={value!r}: give {self.expected()}.")
            value = os.fspath(value)
            if self.choices is not None and value not in self.choices:
                raise ValueError(f"{name}={value!r}: give {self.expected()}.")
            return value
        if self.kind == "paths":
            if isinstance(value, (str, os.PathLike)) or not all(
                    isinstance(v, (str, os.PathLike)) for v in value):
                raise ValueError(f"{name}={value!r}: give {self.expected()}.")
            return tuple(os.fspath(v) for v in value)
        if self.kind == "token_filter":
            if not isinstance(value, TokenFilter):
                raise ValueError(f"{name}={value!r}: give {self.expected()}.")
            return value
        raise TypeError(f"unknown option kind {self.kind!r}")

    def expected(self) -> str:
        """What the option accepts, in words."""
        if self.accepts is not None:
            text = self.accepts
        elif self.choices is not None:
            text = " or ".join(map(repr, self.choices))
        else:
            text = {"str": "a packaged file name or a path",
                    "bool": "True or False",
                    "int": "an integer",
                    "paths": "a sequence of packaged file names or paths",
                    "token_filter": "an analysis.TokenFilter"}[self.kind]
        if self.minimum is not None:
            text += f" >= {self.minimum}"
        if self.none is not None:
            text += f", or None ({self.none})"
        return text


def _option(default: Any, spec: OptionSpec, *, factory: bool = False) -> Any:
    """A dataclass field with its :class:`OptionSpec`; ``factory=True`` makes each
    default a new ``default()``."""
    if factory:
        return field(default_factory=default, metadata={"option": spec})
    return field(default=default, metadata={"option": spec})


@dataclass(frozen=True)
class BuildOptions:
    # One line per option: default, then what it accepts and means. The docstring below
    # is made from these lines.
    tokenizer: str = _option(DEFAULT_BACKEND, OptionSpec(
        "str", "segmentation backend: rjieba (Rust, 12-21x faster, the same Chinese words) "
        "or jieba (pure Python, the reference)", choices=BACKENDS))
    hmm: bool = _option(True, OptionSpec(
        "bool", "let jieba's HMM guess words that are not in the dictionaries"))
    user_dicts: tuple[str, ...] = _option((DEFAULT_USER_DICT,), OptionSpec(
        "paths", "user dictionaries for segmentation (packaged names or paths), the "
        "packaged policy terms first"))
    token_filter: TokenFilter = _option(TokenFilter, OptionSpec(  # noqa: RUF009 (a field)
        "token_filter", "which tokens count as words (the token table's keep column, "
        "matrices and statistics)"), factory=True)
    boilerplate: str | None = _option("boilerplate.toml", OptionSpec(
        "str", "patterns of website boilerplate removed from the texts (packaged name or "
        "path)", none="keep every line"))
    opencc_config: str | None = _option("t2s", OptionSpec(
        "str", "OpenCC conversion of the texts to simplified characters",
        none="keep the characters as they are", accepts="an OpenCC configuration name"))
    top_n: int = _option(30, OptionSpec(
        "int", "keywords per document in the keywords table", minimum=1))
    themes: str = _option("themes.toml", OptionSpec(
        "str", "theme dictionary of the themes stage (packaged name or path)"))
    instruments: str = _option("instruments.toml", OptionSpec(
        "str", "policy-instrument and tone rules of the instruments and themes stages "
        "(packaged name or path)"))
    n_boot: int = _option(2000, OptionSpec(
        "int", "bootstrap replicates of the themes stage's era comparison", minimum=1))
    seed: int = _option(12, OptionSpec(
        "int", "seed of the bootstrap and of the permutation test", minimum=0))
    reuse_max_docs: int | None = _option(None, OptionSpec(
        "int", "opt-out of text reuse on large corpora: above this many documents the "
        "build writes empty reuse tables with a ScaleWarning (default: no limit)", minimum=0,
        none="no limit"))
    reuse_max_seeds: int | None = _option(None, OptionSpec(
        "int", "likewise when the documents share more seed pairs than this (default: no "
        "limit; near-duplicates share one per character)", minimum=0,
        none="no limit"))
    reuse_near_duplicate: int | None = _option(50, OptionSpec(
        "int", "text reuse groups near-duplicates: a document whose n-grams resemble an "
        "earlier document's at least this much (Jaccard, percent, from MinHash sketches) "
        "is a copy, aligned in full with its group's first document only; reuse_pairs "
        "derives what copies share with each other and with other documents through it, "
        "and the reuse table lists such passages once, for the group's first document "
        "(default 50; None aligns every pair of documents in full)",
        minimum=1, none="align every pair of documents in full"))
    similarity_max_docs: int | None = _option(None, OptionSpec(
        "int", "opt-out of the similarity table (a row per ordered pair of documents): "
        "above this many documents the build writes empty similarity, doc_map and "
        "clusters tables with a ScaleWarning (default: no limit; 2,000 documents are 4 "
        "million pairs, about 0.6 GB)", minimum=0, none="no limit"))
    similarity_top_k: int | None = _option(50, OptionSpec(
        "int", "rows of the similarity table: each document's k most similar documents "
        "(cosine) besides itself, so that it grows with the number of documents, not its "
        "square; a corpus of at most k + 1 documents gets every pair (doc_map and "
        "clusters always use every pair)", minimum=1, none="every pair"))
    allow_outside_paths: bool = _option(False, OptionSpec(
        "bool", "let metadata.csv list files outside the corpus folder (absolute paths, "
        "'..', symbolic links leading out), which are refused by default"))

    def __post_init__(self) -> None:
        for f in fields(self):
            value = f.metadata["option"].check(f.name, getattr(self, f.name))
            object.__setattr__(self, f.name, value)

    @classmethod
    def help(cls, name: str) -> str:
        """What option ``name`` means and accepts, in one line (for the command line).

        Examples
        --------
        >>> BuildOptions.help("top_n")
        'keywords per document in the keywords table (an integer >= 1; default 30)'
        """
        for f in fields(cls):
            if f.name == name:
                spec: OptionSpec = f.metadata["option"]
                return f"{spec.meaning} ({spec.expected()}; default {_default_text(f)})"
        raise KeyError(f"BuildOptions has no option {name!r}")


def _default_text(f: Any) -> str:
    return f"{f.default_factory.__name__}()" if f.default is MISSING else repr(f.default)


def _docstring() -> str:
    lines = [
        "Everything that decides the build's outputs (recorded in ``build_info.json``).",
        "",
        "Each option is checked when the options are made: a value of the wrong type or",
        "out of range is a ValueError that names the option and says what it accepts.",
        "",
        "Parameters",
        "----------",
    ]
    for f in fields(BuildOptions):
        spec: OptionSpec = f.metadata["option"]
        lines.append(f"{f.name} : {spec.expected()}; default {_default_text(f)}")
        lines += textwrap.wrap(f"{spec.meaning[0].upper()}{spec.meaning[1:]}.", 84,
                               initial_indent="    ", subsequent_indent="    ")
    lines += [
        "",
        "Examples",
        "--------",
        ">>> BuildOptions(tokenizer=\"rjieba\", seed=7).seed",
        "7",
        ">>> BuildOptions(similarity_max_docs=-1)",
        "Traceback (most recent call last):",
        "...",
        "ValueError: similarity_max_docs=-1: give None (no limit; 0 on the command line) "
        "or a positive number.",
    ]
    return "\n".join(lines) + "\n"


BuildOptions.__doc__ = _docstring()
