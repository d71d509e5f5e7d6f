"""Issuers named in English (a spreadsheet's translated department column), back in Chinese.

Central organs come from the ``[english]`` table of ``resources/issuers.toml``; local ones
are a place read by its pinyin in the gazetteer (Shandong -> 山东省, Jinan -> 济南市) plus
an organ word of the ``[english_local]`` table. Names that neither explains are left out:
the drafted issuer then says nothing rather than guess.
"""

from __future__ import annotations

import re

from analysis.ingest.fields import Issuers
from analysis.ingest.gazetteer import place_by_pinyin, places

__all__ = ["issuers_from_english", "issuers_from_english_title"]

_NOTES = re.compile(r"\([^)]*\)|\bof the people's republic of china\b|\bprc\b", re.I)
_COUNTED = re.compile(r"^(?:[a-z]+|\d+) (?:departments|ministries|organs|units) including ", re.I)
_TITLE_FROM = re.compile(
    r"^(?:[a-z-]+ ){0,2}(?:notice|notification|circular|opinions?|letter|reply|announcement|"
    r"decision|report)s? (?:issued )?(?:from|of|by) (?P<who>.+?) (?:on|regarding|concerning|"
    r"about|supporting|for|to) ", re.I)
_TITLE_BY = re.compile(r" by (?P<who>[^,;]+)$", re.I)
_LOCAL = re.compile(
    r"^(?P<place>[a-z]+)(?: (?P<kind>provincial|municipal|city|prefecture))?"
    r"(?: (?P<sub>[a-z]+) (?P<subkind>district|county))? (?P<organ>.+)$")


def _clean(name: str) -> str:
    s = _NOTES.sub(" ", name.replace("’", "'"))
    s = re.sub(r"^\s*(the|and)\s+", "", s.strip(), flags=re.I)
    s = _COUNTED.sub("", s)  # "Eighteen Departments including X": the lead organ X
    return re.sub(r"\s+", " ", s).strip(" ,.").lower()


def _one(name: str, issuers: Issuers) -> str | None:
    s = _clean(name)
    if not s:
        return None
    office = ""
    m = re.match(r"^(general office|comprehensive department|general department) of "
                 r"(the )?(.+)$", s)
    if m and m.group(3) not in ("people's government", "state council"):
        office, s = {"general office": "办公厅", "comprehensive department": "综合司",
                     "general department": "综合司"}[m.group(1)], m.group(3)
    if s in issuers.english:
        return _with_office(issuers.english[s], office)
    um = re.match(r"^(?P<unit>.+?) of (?:the )?(?P<parent>.+)$", s)
    if um and um.group("unit") in issuers.english_units and not office:
        parent = _one(um.group("parent"), issuers)
        if parent is not None:
            return parent + issuers.english_units[um.group("unit")]
    lm = _LOCAL.match(s)
    if lm:
        place = place_by_pinyin(lm.group("place"))
        if place is not None:
            organ = lm.group("organ")
            if office == "办公厅" and organ.endswith("people's government"):
                organ, office = "general office of people's government", ""
            local = issuers.english_local.get(organ)
            if local is not None:
                unit = "厅" if place.level == "provincial" else "局"
                where = place.name
                if lm.group("sub"):
                    where += _sub_name(lm.group("sub"), place.name)
                return _with_office(where + local.replace("{unit}", unit), office)
    return None


def _with_office(organ: str, office: str) -> str:
    """``organ`` + its general office: 办公厅 of a ministry, commission or 总局, 办公室 of
    a bureau (国家邮政局办公室)."""
    if office == "办公厅" and organ.endswith("局") and not organ.endswith("总局"):
        office = "办公室"
    return organ + office


def _sub_name(pinyin: str, parent: str) -> str:
    from pypinyin import lazy_pinyin

    key = pinyin.lower()
    for p in places():
        if p.level == "county" and (p.city == parent or p.province == parent):
            stem = re.sub(r"(区|县|市|旗)$", "", p.name)
            if "".join(lazy_pinyin(stem)).lower() == key:
                return p.name
    return ""


def issuers_from_english(text: str, issuers: Issuers) -> list[str]:
    """Chinese names of the organs an English department string lists; comma-separated
    pieces that no table explains are left out (``[]`` if none is known).

    Examples
    --------
    >>> from analysis.ingest.fields import load_issuers
    >>> iss = load_issuers()
    >>> issuers_from_english("General Office of the Ministry of Industry and Information "
    ...                      "Technology, Ministry of Finance", iss)
    ['工业和信息化部办公厅', '财政部']
    >>> issuers_from_english("Shandong Provincial Department of Industry and Information "
    ...                      "Technology", iss)
    ['山东省工业和信息化厅']
    >>> issuers_from_english("Jinan Department of Industry and Information Technology and "
    ...                      "Jinan Finance Bureau", iss)
    ['济南市工业和信息化局', '济南市财政局']
    """
    out: list[str] = []
    for piece in re.split(r",\s*", text.strip()):
        if piece.strip():
            out += _segment(piece, issuers) or []  # a piece no table explains is left out
    return out


def _segment(piece: str, issuers: Issuers) -> list[str] | None:
    """One comma-separated piece: one organ, or several joined by "and"."""
    name = _one(piece, issuers)
    if name is not None:
        return [name]
    for m in re.finditer(r"\s+and\s+", piece):
        left = _one(piece[: m.start()], issuers)
        if left is not None:
            rest = _segment(piece[m.end():], issuers)
            if rest is not None:
                return [left, *rest]
    return None


def issuers_from_english_title(title: str, issuers: Issuers) -> list[str]:
    """The organs an English (translated) title names as its issuers ("Notice from X on …",
    "Opinions of X on …", "… by X"), in Chinese (``[]`` if none or unknown).

    Examples
    --------
    >>> from analysis.ingest.fields import load_issuers
    >>> iss = load_issuers()
    >>> issuers_from_english_title("Notice from the General Office of the Ministry of Housing "
    ...                            "and Urban-Rural Development on Selecting Pilot Cities", iss)
    ['住房和城乡建设部办公厅']
    >>> issuers_from_english_title("Notice from the Degree Management and Graduate Education "
    ...                            "Department of the Ministry of Education on Issuing X", iss)
    ['教育部学位管理与研究生教育司']
    >>> issuers_from_english_title("Guiding Opinions on Industrial Big Data by the Ministry of "
    ...                            "Industry and Information Technology", iss)
    ['工业和信息化部']
    >>> issuers_from_english_title("Notice on Video Surveillance by the General Office of the "
    ...                            "State Post Bureau", iss)
    ['国家邮政局办公室']
    >>> issuers_from_english_title("Three-Year Action Plan for Digital Commerce", iss)
    []
    """
    s = re.sub(r"\s+", " ", title.replace("’", "'")).strip()
    for rx in (_TITLE_FROM, _TITLE_BY):
        m = rx.search(s)
        if m:
            names = issuers_from_english(m.group("who"), issuers)
            if names:
                return names
    return []
