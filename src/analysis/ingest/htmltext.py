"""A saved web page's text with the page's own line breaks and order.

A main-text extractor such as trafilatura keeps one paragraph per line on a long page, but
runs blocks together in two common shapes:

- a short page (under about 250 characters of main text): it falls back to the text of
  the whole ``<article>`` or ``<body>`` in one line: the paragraphs, the page's
  "发布时间 … 浏览次数" line and its share buttons together. A line rule of the export
  boilerplate (:mod:`analysis.ingest.cleaning`) then removes that whole line, and the
  document with it;
- a page laid out in tables (older government sites): every cell becomes one row
  ``| … |`` with the cell's paragraphs run together, and the rows of a table nested in a
  cell come after the rows of the table around it (the footer before the text).

:func:`table_cells` writes such a row as the Word reader writes a table row (cells joined
by ``|``, a single cell as a plain line); :func:`restore_breaks` puts the page's block
breaks (``<p>``, ``<div>``, ``<br>``, ``<tr>``, ``<li>``, headings) back into a line that
runs several blocks together; :func:`in_page_order` puts lines the extractor moved back in
the page's order; :func:`page_lines` gives the page's blocks, which stand for the text
where the extractor found no main text and gave the whole page cut at every element
(:func:`as_page_lines`: a page of a few lines).
"""

from __future__ import annotations

import copy
import re

from analysis.text.tabs import CELL_SEP

__all__ = ["as_page_lines", "in_page_order", "page_lines", "restore_breaks", "table_cells"]

#: elements that start a new line of the page's text
BLOCK_TAGS = ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
              "section", "article", "header", "footer", "nav", "ul", "ol", "dd", "dt",
              "blockquote", "pre")
_ROW = re.compile(r"\|(.*)\|")
_MD_CELL_SEP = re.compile(r"(?<!\\)\|")  # a markdown table's cell bar, not an escaped one


def page_lines(tree) -> list[str]:
    """The non-blank lines of a parsed page's body, one per block element; scripts, styles,
    ``<noscript>`` and ``<nav>`` left out. The tree is not changed.

    Examples
    --------
    >>> import lxml.html
    >>> page_lines(lxml.html.fromstring(
    ...     "<html><head><style>p {}</style></head><body><div>第一条<br>第二条</div>"
    ...     "<script>var a = '脚本';</script><p> 正文。</p></body></html>"))
    ['第一条', '第二条', '正文。']
    """
    tree = copy.deepcopy(tree)
    for bad in tree.xpath("//script|//style|//noscript|//template|//nav"):
        bad.drop_tree()
    for el in tree.iter(*BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    for el in tree.iter("td", "th"):
        el.tail = " " + (el.tail or "")  # a table's cells stay on their row's line
    body = tree.find("body")
    text = (body if body is not None else tree).text_content()
    return [s for s in (line.strip() for line in text.split("\n")) if s]


def as_page_lines(text: str, lines: list[str]) -> str:
    """``text`` as the page's ``lines`` where it is a run of them cut finer (the extractor
    found no main text and gave the page cut at every element, links included); else
    ``text`` as it is.

    Examples
    --------
    >>> as_page_lines("当前位置：\\n首页\\n>\\n正文。", ["当前位置：首页 >", "正文。", "主办单位"])
    '当前位置：首页 >\\n正文。'
    """
    run = _run_of(_key(text), [_key(s) for s in lines], 0)
    parts = [s for s in text.split("\n") if s.strip()]
    if run is None or len(parts) <= run[1] - run[0]:
        return text
    return "\n".join(lines[run[0]:run[1]])


def _key(line: str) -> str:
    """A line's key for matching page lines: white space and cell bars dropped, as a page
    line joins a row's cells with a space and a row taken from the extractor with ``|``."""
    return "".join(line.replace(CELL_SEP, "").split())


def restore_breaks(text: str, lines: list[str]) -> str:
    """``text`` with each of its lines that runs several of the page's ``lines`` together
    split back into those lines; every other line as it is.

    A line is split only where it is exactly a run of consecutive page lines, white space
    aside; a line the extractor rewrote (a table as ``a | b``, a list item's dash) stays.

    Examples
    --------
    >>> page = ["首页", "发布时间：2022-05-06 浏览次数：123", "一、总体要求", "正文。"]
    >>> restore_breaks("发布时间：2022-05-06 浏览次数：123 一、总体要求 正文。", page)
    '发布时间：2022-05-06 浏览次数：123\\n一、总体要求\\n正文。'
    >>> restore_breaks("一、总体要求\\n正文。", page)
    '一、总体要求\\n正文。'
    """
    keys = [_key(s) for s in lines]
    known = set(keys)
    out: list[str] = []
    cursor = 0
    for line in text.split("\n"):
        flat = _key(line)
        if not flat or flat in known:
            out.append(line)
            continue
        run = _run_of(flat, keys, cursor)
        if run is None:
            out.append(line)
            continue
        start, end = run
        out.extend(lines[start:end])
        cursor = end
    return "\n".join(out)


def _run_of(flat: str, keys: list[str], cursor: int) -> tuple[int, int] | None:
    """The first run ``keys[start:end]`` (``start`` from ``cursor``, else from the top)
    whose keys, joined, are ``flat``."""
    for begin in (cursor, 0) if cursor else (0,):
        for start in range(begin, len(keys)):
            if not keys[start] or not flat.startswith(keys[start]):
                continue
            pos, end = len(keys[start]), start + 1
            while pos < len(flat) and end < len(keys) and keys[end] \
                    and flat.startswith(keys[end], pos):
                pos, end = pos + len(keys[end]), end + 1
            if pos == len(flat) and end - start > 1:
                return start, end
    return None


def table_cells(text: str) -> str:
    """``text`` with each table row the extractor wrote as ``| a | b |`` written as
    ``a|b`` (empty and repeated cells dropped, ``\\|`` back to ``|``), a row of one cell
    as a plain line.

    Examples
    --------
    >>> table_cells("| 一、总体要求 |  | \\n| 指标 | 目标值 |\\n正文。")
    '一、总体要求\\n指标|目标值\\n正文。'
    """
    out = []
    for line in text.split("\n"):
        m = _ROW.fullmatch(line.strip())
        if m:
            cells: list[str] = []
            for cell in _MD_CELL_SEP.split(m.group(1)):
                cell = cell.strip().replace("\\|", "|")
                if cell and (not cells or cell != cells[-1]):
                    cells.append(cell)
            line = CELL_SEP.join(cells)
        out.append(line)
    return "\n".join(out)


def in_page_order(text: str, lines: list[str]) -> str:
    """``text``'s lines in the order the page has them, where the extractor moved some.

    Each line is found among the page's ``lines`` (white space aside): the first
    occurrence not yet taken after the line found before it, else the first not yet taken
    (a site name in the header and the same name as a signature stay apart). A line not
    found keeps its place after the line before it. Lines already in the page's order are
    left as they are.

    Examples
    --------
    >>> page = ["首页", "某市通知", "正文。", "主办单位：某市"]
    >>> in_page_order("首页\\n主办单位：某市\\n某市通知\\n正文。", page)
    '首页\\n某市通知\\n正文。\\n主办单位：某市'
    """
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        where.setdefault(_key(line), []).append(i)
    taken: set[int] = set()
    order: list[tuple[int, int]] = []
    last = -1
    for j, line in enumerate(text.split("\n")):
        free = [i for i in where.get(_key(line), []) if i not in taken]
        if free:
            last = next((i for i in free if i > last), free[0])
            taken.add(last)
        order.append((last, j))
    if order == sorted(order):
        return text
    parts = text.split("\n")
    return "\n".join(parts[j] for _, j in sorted(order))
