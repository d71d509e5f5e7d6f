"""A PDF's text layer back into paragraphs: page furniture dropped, hard wraps joined.

A PDF's text comes as the lines of its pages: lines cut at the right margin every 28–40
characters, a page number (``— 3 —``, ``-3-``, ``第3页``, ``3/12``) and a running header or
footer at the page's edges. :func:`pdf_paragraphs` gives the text one paragraph per line,
as a Word file or a database export has it:

- a page number line at a page's top or bottom edge is dropped, if the same form
  (``-#-``, ``— # —``, a roman numeral) stands at the edge of most pages; so is a line that stands
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
  ends with. A list item (``①``, ``——``, ``第二，``) starts a paragraph too, and so does,
  after a full stop (``。！？``), a short line without closing punctuation (a heading
  without a label, a signature). Where no line is indented with spaces (the indent is a
  shift of the first line), a first line is 2 em shorter than the full ones: it still
  joins the next, and after a full stop a line just that short starts a paragraph.
  Latin words joined across a wrap get a space between them (digits do not: a number cut
  by a wrap is one number again). ``—…“”‘’`` count one em, as Chinese fonts print them.

A text without hard wraps keeps its lines. The patterns and settings are data:
``resources/pdf_layout.toml``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest

__all__ = ["DEFAULT_LAYOUT", "PdfLayoutRules", "is_page_number", "load_pdf_layout",
           "pdf_paragraphs"]

DEFAULT_LAYOUT = "pdf_layout.toml"
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class PdfLayoutRules:
    """The settings and patterns of ``resources/pdf_layout.toml``."""

    edge_lines: int
    header_min_pages: int
    header_min_chars: int
    wrapped_share: float
    min_line_em: float
    slack_em: float
    page_number: re.Pattern[str]
    heading_start: re.Pattern[str]
    run_in_heading: re.Pattern[str]
    numerals_listed: re.Pattern[str]
    sentence_end: str
    paragraph_end: str
    indent: re.Pattern[str]
    item_start: re.Pattern[str]
    shift_em: float
    full_stop: str


def load_pdf_layout(source: str | os.PathLike[str] = DEFAULT_LAYOUT) -> PdfLayoutRules:
    """Read the PDF layout rules (packaged name or a path to your own copy).

    Examples
    --------
    >>> rules = load_pdf_layout()
    >>> rules.edge_lines, bool(rules.page_number.match("— 3 —"))
    (2, True)
    """
    return _load_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=4)
def _load_cached(source: str, digest: str) -> PdfLayoutRules:
    d = read_toml(source)
    try:
        return PdfLayoutRules(
            int(d["edge_lines"]), int(d["header_min_pages"]), int(d["header_min_chars"]),
            float(d["wrapped_share"]), float(d["min_line_em"]), float(d["slack_em"]),
            *(re.compile(d[k]) for k in ("page_number", "heading_start", "run_in_heading",
                                         "numerals_listed")),
            str(d["sentence_end"]), str(d["paragraph_end"]), re.compile(d["indent"]),
            re.compile(d["item_start"]), float(d["shift_em"]),
            str(d["full_stop"]))
    except (KeyError, re.error) as exc:
        raise ValueError(f"{source}: missing or invalid setting ({exc}).") from exc


def is_page_number(line: str, *, rules: PdfLayoutRules | None = None) -> bool:
    """Whether a line is only a page number, as printers write it.

    Examples
    --------
    >>> [is_page_number(s) for s in ["— 3 —", "-12-", "第 2 页 共 9 页", "3/12", "2025年"]]
    [True, True, True, True, False]
    """
    s = line.strip()
    return bool(s) and bool((rules or load_pdf_layout()).page_number.match(s))


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s", "", line))


def _number_key(line: str) -> str:
    return re.sub(r"[ivxlc]+", "r", _edge_key(line).lower())


def _edges(lines: list[str], n: int) -> list[int]:
    filled = [i for i, s in enumerate(lines) if s.strip()]
    return sorted(set(filled[:n] + filled[-n:]))


def _drop_furniture(pages: Sequence[str], rules: PdfLayoutRules) -> list[list[str]]:
    split = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    seen: Counter[str] = Counter()
    for lines in split:
        seen.update({_edge_key(lines[i]) for i in _edges(lines, rules.edge_lines)})
    n = len(split)
    repeated = {k for k, c in seen.items() if len(k) >= rules.header_min_chars
                and (c >= rules.header_min_pages or (n >= 2 and c == n))}
    # a page number is written the same way on most pages: a table's last cell (120) or a
    # word of roman numerals' letters (civil) at one page's edge is text
    numbers: Counter[str] = Counter()
    for lines in split:
        numbers.update({_number_key(lines[i]) for i in _edges(lines, rules.edge_lines)
                        if is_page_number(lines[i], rules=rules)})
    paged = {k for k, c in numbers.items() if 2 * c > n}
    out = []
    for p, lines in enumerate(split):
        drop = set()
        edges = _edges(lines, rules.edge_lines)
        for i in edges:
            first_line = p == 0 and i == edges[0]
            if (is_page_number(lines[i], rules=rules) and _number_key(lines[i]) in paged) or (
                    _edge_key(lines[i]) in repeated and not first_line):
                drop.add(i)
        out.append([s for i, s in enumerate(lines) if i not in drop])
    return out


#: punctuation below U+2E80 that Chinese fonts print one em wide
_FULL_WIDTH = frozenset("—…“”‘’")


def _width(line: str) -> float:
    s = line.rstrip()
    return sum(0.5 if ord(c) < 0x2E80 and c not in _FULL_WIDTH else 1.0 for c in s)


def _wrap_width(lines: list[str], rules: PdfLayoutRules) -> float | None:
    """The width most lines are cut at, if the text is hard-wrapped: the widest ``w`` with
    a share of the long lines (and three lines) in ``w-2 … w+1``, most of which end inside
    a sentence (a paragraph on a line of its own ends with its stop)."""
    long = [s.strip() for s in lines if _width(s) >= rules.min_line_em]
    widths = [_width(s) for s in long]
    if len(widths) < 3:
        return None
    need = max(3.0, rules.wrapped_share * len(widths))
    for w in sorted(set(widths), reverse=True):
        band = [s for s, x in zip(long, widths, strict=True) if w - 2 <= x <= w + 1]
        if len(band) >= need:
            stops = sum(1 for s in band if s[-1] in rules.paragraph_end)
            return w if stops < 0.5 * len(band) else None
    return None


def pdf_paragraphs(pages: Sequence[str], *, rules: PdfLayoutRules | None = None) -> str:
    """The text of a PDF's pages, one paragraph per line.

    Parameters
    ----------
    pages : sequence of str
        Each page's text, lines split by ``\\n`` or ``\\r\\n``.
    rules : PdfLayoutRules, optional, keyword-only
        :func:`load_pdf_layout` by default.

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
    r = rules or load_pdf_layout()
    lines = [s.rstrip() for page in _drop_furniture(pages, r) for s in page]
    width = _wrap_width(lines, r)
    if width is None:
        return "\n".join(lines)
    full = [_width(s) for s in lines if _width(s) >= width - r.slack_em]
    # the width most full lines have, when no line is indented with spaces: a first line
    # then starts 2 em in and ends 2 em short of it
    typical = (Counter(full).most_common(1)[0][0]
               if not any(r.indent.match(s) for s in lines) else None)
    out: list[str] = []
    joinable = False
    for line in lines:
        s = line.strip()
        if not s:
            joinable = False
            continue
        prev = out[-1].strip() if out else ""
        heading = bool(r.heading_start.match(s)) and not r.numerals_listed.match(s)
        whole = heading and (_width(line) < width - r.slack_em
                             or bool(r.run_in_heading.match(s)))
        stop = bool(prev) and prev[-1] in r.full_stop
        short = _width(line) < width - r.slack_em
        # after a full stop: a short line without closing punctuation (a heading, a
        # signature) or a line a first-line indent shorter than the full ones
        shifted = stop and ((short and s[-1] not in r.full_stop + r.sentence_end + "，,")
                            or (typical is not None
                                and typical - 2 - r.shift_em <= _width(line) <= typical - 2))
        new_para = (not joinable or r.indent.match(line) is not None or whole or shifted
                    or bool(r.item_start.match(s))
                    or (heading and (prev[-1:] in r.sentence_end
                                     or (bool(r.heading_start.match(prev)) and len(prev) < 30))))
        if new_para:
            out.append(line)
        else:
            latin_end = _LATIN.match(prev[-1:]) or (prev[-1:] in ",;:!?)"
                                                    and _LATIN.match(prev[-2:-1]))
            glue = " " if latin_end and _LATIN_OR_DIGIT.match(s[:1]) else ""
            out[-1] = out[-1] + glue + s
        # a first line indented by a shift is 2 em shorter than the full ones
        shift = 2 if new_para and typical is not None else 0
        joinable = _width(line) >= width - r.slack_em - shift
    return "\n".join(out)
