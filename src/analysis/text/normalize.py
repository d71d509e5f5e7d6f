"""Normalise raw policy text: widths, spaces, web boilerplate, traditional → simplified.

Two aligned strings come out of :func:`normalize_text`: ``text`` (simplified, used for
counting) and ``text_orig`` (the same cleaning in the document's own script, used for
quoting). They have the same length, so a span found in one is the same span in the other.
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from analysis.resources import read_toml, resource_text, text_digest
from analysis.text.chars import CJK_PUNCT, HAN
from analysis.text.tabs import CELL_SEP, tab_table

try:  # the regex parser, to spot patterns anchored at the line start; private in CPython
    from re import _parser as _re_parser  # type: ignore[attr-defined]
except ImportError:  # another Python: such patterns are simply not combined
    _re_parser = None

__all__ = [
    "DEFAULT_OPENCC_CONFIG",
    "BoilerplatePattern",
    "Normalized",
    "load_boilerplate",
    "normalize_text",
    "normalize_width",
    "to_simplified",
]

#: The OpenCC configuration that simplifies the text (traditional to simplified).
DEFAULT_OPENCC_CONFIG = "t2s"

_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0xA0: 0x20, 0x09: 0x20, 0x2002: 0x20, 0x2003: 0x20})
_WIDTH_TABLE.update({0x200B: None, 0xFEFF: None, 0x200E: None, 0x200F: None})
# runs of characters the table changes: translating only those is ~10x faster than
# str.translate over a whole (mostly Chinese) document
_WIDTH_RUN = re.compile("[" + re.escape("".join(map(chr, _WIDTH_TABLE))) + "]+")
# the same without the tab, which :func:`normalize_text` reads as a table's cell boundary
_WIDTH_TABLE_CELLS = {k: v for k, v in _WIDTH_TABLE.items() if k != 0x09}
_WIDTH_RUN_CELLS = re.compile(
    "[" + re.escape("".join(map(chr, _WIDTH_TABLE_CELLS))) + "]+")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{HAN}{CJK_PUNCT}]) +(?=[{HAN}{CJK_PUNCT}])")
_MULTI_SPACE = re.compile(r" {2,}")


@dataclass(frozen=True)
class BoilerplatePattern:
    """One boilerplate rule of a pattern file (:func:`load_boilerplate`).

    ``kind`` is ``"line"`` (drop every line of at most ``max_chars`` characters the regex
    matches; in a longer line only the matched text goes, if it is at most ``max_chars``
    characters) or ``"inline"`` (cut the matched text out of the line); ``note`` says what
    the rule is for.
    """

    kind: str
    regex: re.Pattern[str]
    note: str = ""
    max_chars: int = 200

    @property
    def label(self) -> str:
        """How warnings name the rule: its note, else its regex."""
        return self.note or self.regex.pattern


@dataclass(frozen=True)
class Normalized:
    """The result of :func:`normalize_text`.

    ``text`` (simplified) and ``text_orig`` (original script) have the same length;
    ``removed_lines`` are the boilerplate lines dropped (in the original script),
    ``converted_chars`` counts the characters OpenCC changed, ``removed_chars`` the
    characters each boilerplate rule took (``(rule label, count)``, rules that took
    nothing left out) and ``cleaned_chars`` the characters before boilerplate removal.
    """

    text: str
    text_orig: str
    removed_lines: tuple[str, ...] = field(default=())
    converted_chars: int = 0
    removed_chars: tuple[tuple[str, int], ...] = field(default=())
    cleaned_chars: int = 0

    def lost_share(self) -> float:
        """The share of the characters that boilerplate rules removed (0 to 1)."""
        lost = sum(n for _, n in self.removed_chars)
        return lost / self.cleaned_chars if self.cleaned_chars else 0.0


def load_boilerplate(
    source: str | os.PathLike[str] = "boilerplate.toml",
) -> tuple[BoilerplatePattern, ...]:
    """Read a boilerplate pattern file (packaged name or user path).

    The file is TOML with one ``[[pattern]]`` table per rule: ``regex`` (matched against the
    simplified line), ``kind`` (``"line"`` or ``"inline"``, default ``"line"``), an
    optional ``note`` and an optional ``max_chars``: the longest line a ``line`` rule drops
    whole (default: the file's top-level ``max_line_chars``, else 200). A longer line only
    loses the matched text, so a document pasted as one long line is never dropped for a
    fragment of web page in it. Patterns are compiled once per file content.

    Raises
    ------
    ValueError
        Naming the pattern whose ``kind`` or ``regex`` is invalid.

    Examples
    --------
    >>> pats = load_boilerplate()
    >>> any(p.regex.search("扫一扫在手机打开当前页") for p in pats)
    True
    """
    return _load_boilerplate_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=16)
def _load_boilerplate_cached(source: str, digest: str) -> tuple[BoilerplatePattern, ...]:
    data = read_toml(source)
    default_max = data.get("max_line_chars", 200)
    out = []
    for i, item in enumerate(data.get("pattern", []), start=1):
        kind = item.get("kind", "line")
        if kind not in {"line", "inline"}:
            raise ValueError(f"{source}: pattern {i} has kind={kind!r}; use 'line' or 'inline'.")
        try:
            regex = re.compile(item["regex"])
        except (KeyError, re.error) as exc:
            raise ValueError(f"{source}: pattern {i} has no valid 'regex' ({exc}).") from exc
        max_chars = item.get("max_chars", default_max)
        if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
            raise ValueError(f"{source}: pattern {i} has max_chars={max_chars!r}; give a "
                             "positive number of characters.")
        out.append(BoilerplatePattern(kind, regex, item.get("note", ""), max_chars))
    return tuple(out)


def normalize_width(text: str) -> str:
    """Map full-width ASCII to half-width, odd spaces to a plain space, CRLF to LF.

    Examples
    --------
    >>> normalize_width("（一）２０２５年\u3000目标")
    '(一)2025年 目标'
    """
    return _width(text, keep_tabs=False)


def _width(text: str, *, keep_tabs: bool) -> str:
    """:func:`normalize_width`, a tab kept as it is when ``keep_tabs``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if keep_tabs:
        return _WIDTH_RUN_CELLS.sub(_translate_cells, text)
    return _WIDTH_RUN.sub(_translate_run, text)


def _translate_run(match: re.Match[str]) -> str:
    return match.group().translate(_WIDTH_TABLE)


def _translate_cells(match: re.Match[str]) -> str:
    return match.group().translate(_WIDTH_TABLE_CELLS)


def _width_lines(text: str) -> tuple[list[str], list[bool]]:
    """The lines of :func:`normalize_width`, the tabs of a table's rows made ``|`` and every
    other tab a space (:func:`analysis.text.tabs.tab_table`), and which lines are rows."""
    if "\t" not in text:
        lines = _width(text, keep_tabs=False).split("\n")
        return lines, [False] * len(lines)
    return tab_table(_width(text, keep_tabs=True).split("\n"))


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc  # slow to import and only needed when a text is converted

    return opencc.OpenCC(config)


def to_simplified(text: str, *, config: str = DEFAULT_OPENCC_CONFIG) -> str:
    """Convert to simplified Chinese with OpenCC, keeping the length unchanged.

    OpenCC's phrase tables almost always map character for character; where a line would
    change length, that line is converted one character at a time instead, so offsets in
    the result are offsets in the original.

    Examples
    --------
    >>> to_simplified("創新驅動發展")
    '创新驱动发展'
    """
    conv = _converter(config)
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        c = conv.convert(line)
        if len(c) != len(line):
            c = "".join(ch2 if len(ch2 := conv.convert(ch)) == 1 else ch for ch in line)
        lines.append(c)
    return "\n".join(lines)


def _simplify_lines(lines: list[str], config: str) -> list[str]:
    """``[to_simplified(line) for line in lines]``, in one OpenCC call when every line keeps
    its length (OpenCC phrases never span a line break, so the result is the same)."""
    joined = "\n".join(lines)
    out = _converter(config).convert(joined)
    if len(out) == len(joined):
        parts = out.split("\n")
        if len(parts) == len(lines) and all(
            map(operator.eq, map(len, parts), map(len, lines))
        ):
            return parts
    return [to_simplified(line, config=config) for line in lines]


def _anchored(pattern: re.Pattern[str]) -> bool:
    """Whether the whole pattern starts with ``^`` (so ``search`` can only match at 0)."""
    if _re_parser is None:
        return False
    try:
        items = list(_re_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unexpected parser (another Python): do not combine
        return False
    return bool(items) and items[0] == (_re_parser.AT, _re_parser.AT_BEGINNING)


@lru_cache(maxsize=16)
def _line_matcher(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str], bool]:
    """A function ``line -> bool`` equal to ``any(p.search(line) for p in patterns)``.

    Patterns anchored at the start are joined into one regex tried once at position 0
    (searching a long line with each of them in turn costs a regex call per pattern).
    """
    anchored = [p for p in patterns if _anchored(p) and p.flags == re.UNICODE
                and not re.search(r"\\\d|\(\?P", p.pattern)]
    rest = [p for p in patterns if p not in anchored]
    combined = None
    if anchored:
        try:
            combined = re.compile("|".join(f"(?:{p.pattern})" for p in anchored))
        except re.error:
            rest = list(patterns)
    if combined is None:
        return lambda line: any(p.search(line) for p in rest)
    if not rest:
        return lambda line: combined.match(line) is not None
    return lambda line: combined.match(line) is not None or any(p.search(line) for p in rest)


def _clean_line(line: str) -> str:
    line = line.strip(" ")
    if " " not in line:
        return line
    line = _SPACE_BETWEEN_CJK.sub("", line)
    return _MULTI_SPACE.sub(" ", line)


def normalize_text(
    raw: str,
    *,
    boilerplate: (str | os.PathLike[str] | Sequence[BoilerplatePattern]
                  | None) = "boilerplate.toml",
    opencc_config: str | None = DEFAULT_OPENCC_CONFIG,
) -> Normalized:
    """Clean one document and convert it to simplified characters.

    Steps: widths and spaces (full-width ASCII, ideographic spaces, CRLF), tabs (the cells
    of a tab-separated table row joined by ``|``, as the Word reader writes a table row;
    every other tab a space: :func:`analysis.text.tabs.tab_rows`), spaces between
    Chinese characters, web boilerplate lines (``boilerplate`` file; ``None`` keeps them),
    blank-line runs collapsed to one, then OpenCC (``opencc_config``; ``None`` skips it).

    Parameters
    ----------
    raw : str
        The decoded file content.
    boilerplate : str or path or sequence of BoilerplatePattern or None, keyword-only
        Packaged pattern file name or a user path, or patterns already loaded with
        :func:`load_boilerplate` (what a loop over many documents passes).
    opencc_config : str or None, keyword-only
        OpenCC configuration, ``"t2s"`` by default.

    Returns
    -------
    Normalized
        ``text`` (simplified) and ``text_orig`` (original script), of equal length.

    Examples
    --------
    >>> n = normalize_text("首頁 > 文章中心 > 正文\\n\\n（一）發展  科技\\r\\n")
    >>> n.text, n.text_orig
    ('(一)发展科技', '(一)發展科技')
    """
    if boilerplate is None:
        patterns: Sequence[BoilerplatePattern] = ()
    elif isinstance(boilerplate, (str, os.PathLike)):
        patterns = load_boilerplate(boilerplate)
    else:
        patterns = boilerplate
    line_rules = tuple(p for p in patterns if p.kind == "line")
    inline_rules = [p for p in patterns if p.kind == "inline"]
    is_boilerplate = _line_matcher(tuple(p.regex for p in line_rules))
    lines, rows = _width_lines(raw)
    origs = [_clean_line(line) for line in lines]
    simps = _simplify_lines(origs, opencc_config) if opencc_config else origs
    kept_orig: list[str] = []
    kept_simp: list[str] = []
    removed: list[str] = []
    lost: dict[str, int] = {}
    for orig, simp, row in zip(origs, simps, rows, strict=True):
        # the rules read a row's cell boundaries as the white space they replace (same
        # length, so the spans they cut stay valid)
        probe = simp.replace(CELL_SEP, " ") if row else simp
        if is_boilerplate(probe):
            rule, span = _line_rule(line_rules, probe)
            if span is None:
                removed.append(orig)
                lost[rule.label] = lost.get(rule.label, 0) + len(simp)
                continue
            if span[1] > span[0]:  # a long line: only the matched fragment goes
                a, b = span
                orig, simp = orig[:a] + orig[b:], simp[:a] + simp[b:]
                lost[rule.label] = lost.get(rule.label, 0) + b - a
        for pat in inline_rules:
            probe = simp.replace(CELL_SEP, " ") if row else simp
            spans = [m.span() for m in pat.regex.finditer(probe)]
            for a, b in reversed(spans):
                orig, simp = orig[:a] + orig[b:], simp[:a] + simp[b:]
                lost[pat.label] = lost.get(pat.label, 0) + b - a
        if simp.strip() == "" and kept_simp and kept_simp[-1] == "":
            continue
        kept_orig.append(orig.strip())
        kept_simp.append(simp.strip())
    text_orig = "\n".join(kept_orig).strip("\n")
    text = "\n".join(kept_simp).strip("\n")
    # the two texts are aligned, so the converted characters are the positions that differ
    converted = 0 if text == text_orig else sum(map(operator.ne, text_orig, text))
    return Normalized(text, text_orig, tuple(removed), converted,
                      tuple(sorted((k, v) for k, v in lost.items() if v)),
                      sum(map(len, simps)))


def _line_rule(rules: Sequence[BoilerplatePattern],
               line: str) -> tuple[BoilerplatePattern, tuple[int, int] | None]:
    """The first line rule matching ``line``, and ``None`` if it drops the whole (short)
    line, else the span to cut: the match if it is short, an empty span if not."""
    long_rule: BoilerplatePattern | None = None
    for rule in rules:
        m = rule.regex.search(line)
        if m is None:
            continue
        if len(line) <= rule.max_chars:
            return rule, None
        if m.end() - m.start() <= rule.max_chars:
            return rule, m.span()
        long_rule = long_rule or rule
    assert long_rule is not None  # some rule matched (the combined matcher said so)
    return long_rule, (0, 0)
