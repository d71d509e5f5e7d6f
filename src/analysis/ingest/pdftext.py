"""A PDF's text layer back into paragraphs: page furniture dropped, hard wraps joined.

A PDF's text comes as the lines of its pages: lines cut at the right margin every 28–40
characters, a page number (``— 3 —``, ``-3-``, ``第3页``, ``3/12``) and a running header or
footer at the page's edges. :func:`pdf_paragraphs` gives the text one paragraph per line,
as a Word file or a database export has it:

- a page number line at a page's top or bottom edge is dropped; so is a line that stands
  at the edge of at least three pages (or of every page, two or more: a running header or
  footer; four characters or more), except the first line of the first page (the title
  a header repeats);
- where most lines end at the same width (a hard-wrapped text), a line that reaches that
  width (within 3 em: a number or a Latin word is not cut) is joined with the next. A new
  paragraph starts after a line that ends short of the width, at a line indented (leading
  spaces), at a line that starts with a heading label (``一、``, ``（二）``, ``第三章``,
  ``3.``) after a sentence end (``。；：！？``) or after a heading line, and at a line that
  starts with a heading label and either ends short of the width (a whole heading) or
  runs into its text after a short heading (``（一）加强领导。``), whatever the line before
  ends with. Latin words joined across a wrap get a space between them (digits do not: a
  number cut by a wrap is one number again).

A text without hard wraps keeps its lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["is_page_number", "pdf_paragraphs"]

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－~～·•]*(?:第\s*)?(?:\d{1,4}|[ivxlcIVXLC]{1,6})(?:\s*页)?"
    r"(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－~～·•]*$")
_EDGE = 2  # lines at each edge of a page that may be page furniture
_HEADING_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[编篇章节条部]|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d)|【)")
_RUN_IN = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[编篇章节条部]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十\d]+[)）])[^。；：！？]{1,25}[。：]")
_NUMERALS_LISTED = re.compile(r"^[一二三四五六七八九十]+、[一二三四五六七八九十]")
_SENTENCE_END = "。；：！？;:!?"
_LATIN = re.compile(r"[A-Za-z]")
_SLACK = 3.0  # em a full line may end short of the width: a number or word not cut
_INDENT = re.compile(r"^[ \u3000\xa0\t]{2,}")


def is_page_number(line: str) -> bool:
    """Whether a line is only a page number, as printers write it.

    Examples
    --------
    >>> [is_page_number(s) for s in ["— 3 —", "-12-", "第 2 页 共 9 页", "3/12", "2025年"]]
    [True, True, True, True, False]
    """
    s = line.strip()
    return bool(s) and bool(_PAGE_NUMBER.match(s))


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s", "", line))


def _edges(lines: list[str]) -> list[int]:
    filled = [i for i, s in enumerate(lines) if s.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _drop_furniture(pages: Sequence[str]) -> list[list[str]]:
    split = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    seen: Counter[str] = Counter()
    for lines in split:
        seen.update({_edge_key(lines[i]) for i in _edges(lines)})
    n = len(split)
    repeated = {k for k, c in seen.items() if len(k) >= 4 and (c >= 3 or (n >= 2 and c == n))}
    out = []
    for p, lines in enumerate(split):
        drop = set()
        edges = _edges(lines)
        for i in edges:
            first_line = p == 0 and i == edges[0]
            if is_page_number(lines[i]) or (_edge_key(lines[i]) in repeated
                                            and not first_line):
                drop.add(i)
        out.append([s for i, s in enumerate(lines) if i not in drop])
    return out


def _width(line: str) -> float:
    s = line.rstrip()
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in s)


def _wrap_width(lines: list[str]) -> float | None:
    """The width most lines are cut at, if the text is hard-wrapped: the widest ``w`` with
    at least 30% of the lines of 12 em or more (and three lines) in ``w-2 … w+1``, most of
    which end inside a sentence (a paragraph on a line of its own ends with its stop)."""
    long = [s.strip() for s in lines if _width(s) >= 12]
    widths = [_width(s) for s in long]
    if len(widths) < 3:
        return None
    need = max(3.0, 0.3 * len(widths))
    for w in sorted(set(widths), reverse=True):
        band = [s for s, x in zip(long, widths, strict=True) if w - 2 <= x <= w + 1]
        if len(band) >= need:
            stops = sum(1 for s in band if s[-1] in "。；！？")
            return w if stops < 0.5 * len(band) else None
    return None


def pdf_paragraphs(pages: Sequence[str]) -> str:
    """The text of a PDF's pages, one paragraph per line.

    Examples
    --------
    >>> page1 = ("一、总体要求\\n到2025年，全市数字经济核心产业增加值\\n"
    ...          "占比达到10%，规模以上企业达到200家，\\n建成一批示范园区。\\n— 1 —")
    >>> page2 = ("二、主要任务\\n（一）建设数字基础设施。加快建设5G基\\n"
    ...          "站，实现城区和重点乡镇全覆盖。\\n— 2 —")
    >>> print(pdf_paragraphs([page1, page2]))
    一、总体要求
    到2025年，全市数字经济核心产业增加值占比达到10%，规模以上企业达到200家，建成一批示范园区。
    二、主要任务
    （一）建设数字基础设施。加快建设5G基站，实现城区和重点乡镇全覆盖。
    """
    lines = [s.rstrip() for page in _drop_furniture(pages) for s in page]
    width = _wrap_width(lines)
    if width is None:
        return "\n".join(lines)
    out: list[str] = []
    joinable = False
    for line in lines:
        s = line.strip()
        if not s:
            joinable = False
            continue
        prev = out[-1].strip() if out else ""
        heading = bool(_HEADING_START.match(s)) and not _NUMERALS_LISTED.match(s)
        whole = heading and (_width(line) < width - _SLACK or bool(_RUN_IN.match(s)))
        new_para = (not joinable or _INDENT.match(line) is not None or whole
                    or (heading and (prev[-1:] in _SENTENCE_END
                                     or (bool(_HEADING_START.match(prev)) and len(prev) < 30))))
        if new_para:
            out.append(line)
        else:
            glue = " " if _LATIN.match(prev[-1:]) and _LATIN.match(s[:1]) else ""
            out[-1] = out[-1] + glue + s
        joinable = _width(line) >= width - _SLACK
    return "\n".join(out)
