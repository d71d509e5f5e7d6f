"""Titles of texts that have no title line: named in their own opening paragraph, or in
the search parameter of the database link they were taken from.

The patterns are data (``self_naming`` and ``url_title_parameters`` in
``resources/doc_types.toml``); a found title is kept only when it ends with a genre word, so
a search term such as ``keyword=人工智能`` is never taken for a title.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from analysis.ingest.fields import DocTypes, Found, doc_type_of_title

__all__ = ["issued_title", "self_named_title", "title_from_url"]

_ISSUED = re.compile(
    r"(?:印发|转发|公布|发布|颁布)[《〈]?(?P<inner>[^《》〈〉]{4,80}?)[》〉]?的(?:补充)?通知$")
_SPACE_BY_HAN = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def _tidy(title: str) -> str:
    """Outer 《》 and the spaces next to Chinese characters dropped."""
    s = _SPACE_BY_HAN.sub("", title.strip())
    if s.startswith("《") and s.count("《") == 1:
        s = s[1:]
    if s.endswith("》") and s.count("》") == 1:
        s = s[:-1]
    return s


def _is_titled(s: str, types: DocTypes) -> bool:
    return len(re.findall(r"[\u4e00-\u9fff]", s)) >= 6 and bool(doc_type_of_title(s, types)[0])


def title_from_url(url: str, types: DocTypes) -> str:
    """The title a link carries as a search parameter (``""`` if none ends with a genre word).

    Examples
    --------
    >>> from analysis.ingest.fields import load_doc_types
    >>> t = load_doc_types()
    >>> title_from_url("https://www.pkulaw.com/lar/x.html?keyword=%E3%80%8A%E9%9D%92%E5%B2%9B"
    ...     "%E5%B8%82%E8%A1%8C%E5%8A%A8%E8%AE%A1%E5%88%92%EF%BC%882024%E2%80%942026%20%E5%B9%B4"
    ...     "%EF%BC%89%E3%80%8B&way=listView", t)
    '青岛市行动计划（2024—2026年）'
    >>> title_from_url("https://www.pkulaw.com/chl/y.html?keyword=人工智能&way=listView", t)
    ''
    """
    if not types.url_title_parameters or "?" not in url:
        return ""
    params = dict(parse_qsl(urlsplit(url).query))
    for name in types.url_title_parameters:
        value = _tidy(params.get(name, ""))
        if value and _is_titled(value, types):
            return value
    return ""


def issued_title(title: str) -> str:
    """The title of the document a 印发 notice issues (``""`` if ``title`` issues none).

    Examples
    --------
    >>> issued_title("青岛市人民政府办公厅关于印发青岛市人工智能产业园发展若干政策的通知")
    '青岛市人工智能产业园发展若干政策'
    >>> issued_title("关于开展试点工作的通知")
    ''
    """
    m = _ISSUED.search(title)
    return m.group("inner") if m else ""


def self_named_title(text: str, types: DocTypes, *, within: int = 800) -> Found | None:
    """A title the opening paragraph gives the document itself ("…，制定《X》。").

    Examples
    --------
    >>> from analysis.ingest.fields import load_doc_types
    >>> self_named_title("为落实……，制定《国家新一代人工智能标准体系建设指南》。\\n一、总体要求",
    ...                  load_doc_types()).value
    '国家新一代人工智能标准体系建设指南'
    >>> self_named_title("根据《某某规划》，制定本方案。", load_doc_types()) is None
    True
    """
    head = text[:within]
    first = next((line for line in head.split("\n") if line.strip()), "")
    for rx in types.self_naming:
        m = rx.search(first)
        if m and _is_titled(m.group("title"), types):
            return Found(m.group("title"), head.count("\n", 0, head.find(first)) + 1,
                         "named in the opening paragraph")
    return None
