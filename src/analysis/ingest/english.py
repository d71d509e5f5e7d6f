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

__all__ = ["issuers_from_english"]

_NOTES = re.compile(r"\([^)]*\)|\bof the people's republic of china\b|\bprc\b", re.I)
_LOCAL = re.compile(
    r"^(?P<place>[a-z]+)(?: (?P<kind>provincial|municipal|city|prefecture))?"
    r"(?: (?P<sub>[a-z]+) (?P<subkind>district|county))? (?P<organ>.+)$")


def _clean(name: str) -> str:
    s = _NOTES.sub(" ", name.replace("’", "'"))
    s = re.sub(r"^\s*(the|and)\s+", "", s.strip(), flags=re.I)
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
        return issuers.english[s] + office
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
                return where + local.replace("{unit}", unit) + office
    return None


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
    """Chinese names of the organs an English department string lists (``[]`` if unknown).

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
            names = _segment(piece, issuers)
            if names is None:
                return []
            out += names
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
