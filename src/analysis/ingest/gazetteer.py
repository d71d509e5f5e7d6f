"""Chinese administrative divisions: which province, prefecture and county an issuer names.

The divisions come from the data file of the ``cpca`` package (``adcodes.csv``: about 3,500
provinces, prefectures and counties with their 12-digit codes; the code gives the level and
the parent). Only the file is read: ``cpca`` itself is not imported. Short forms are made
from the full names by the rules below, with the ethnic-group names of ``cpca``'s
``56_nations.csv``: 阿坝藏族羌族自治州 is also 阿坝州 and 阿坝, 内蒙古自治区 is also 内蒙古,
包头市 is also 包头. English (pinyin) names of provinces and prefectures come from pypinyin.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

__all__ = ["Place", "find_place", "gazetteer_path", "match_place", "place_by_pinyin", "places",
           "short_name"]

_MUNICIPALITIES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆: provinces, no prefecture
_SKIP_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_PREFECTURE_SUFFIXES = ("自治州", "地区", "盟", "市")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")
_PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")


@dataclass(frozen=True)
class Place:
    """One administrative division.

    ``level`` is ``"provincial"`` (provinces, autonomous regions, the four municipalities),
    ``"prefecture"`` or ``"county"`` (counties, districts, county-level cities, banners);
    ``province`` and ``city`` are the full names of the province and of the prefecture it
    belongs to (``city`` is empty for a province and for the districts of a municipality).
    """

    name: str
    adcode: str
    level: str
    province: str
    city: str


def gazetteer_path() -> Path:
    """The ``adcodes.csv`` data file of the installed ``cpca`` package.

    Examples
    --------
    >>> gazetteer_path().name
    'adcodes.csv'
    """
    spec = find_spec("cpca")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the gazetteer needs the cpca package: pip install cpca")
    return Path(spec.origin).parent / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def _nations() -> tuple[str, ...]:
    path = gazetteer_path().parent / "56_nations.csv"
    names = [n.strip() for n in path.read_text(encoding="utf-8").splitlines() if n.strip()]
    # 维吾尔族 and 蒙古族 are written 维吾尔 and 蒙古 inside names; the longest first
    stems = {n[:-1] if n.endswith("族") else n for n in names} | set(names)
    return tuple(sorted(stems, key=len, reverse=True))


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """Every division of the gazetteer, provinces first, then prefectures, then counties.

    Examples
    --------
    >>> p = {x.name: x for x in places()}["阿坝藏族羌族自治州"]
    >>> p.level, p.province
    ('prefecture', '四川省')
    """
    rows = []
    with open(gazetteer_path(), encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code = rec["adcode"][:6]
            if rec["name"] not in _SKIP_NAMES:
                rows.append((code, rec["name"]))
    names = dict(rows)
    out = []
    for code, name in sorted(rows):
        prov = names.get(code[:2] + "0000", "")
        if code.endswith("0000"):
            out.append(Place(name, code, "provincial", name, ""))
        elif code.endswith("00"):
            out.append(Place(name, code, "prefecture", prov, name))
        else:
            city = "" if code[:2] in _MUNICIPALITIES else names.get(code[:4] + "00", "")
            out.append(Place(name, code, "county", prov, city))
    order = {"provincial": 0, "prefecture": 1, "county": 2}
    return tuple(sorted(out, key=lambda p: (order[p.level], p.adcode)))


def _short_forms(place: Place, nations: tuple[str, ...]) -> list[str]:
    """Shorter names a document may use for ``place`` (never shorter than 2 characters)."""
    name = place.name
    forms = []
    suffixes = {"provincial": _PROVINCE_SUFFIXES, "prefecture": _PREFECTURE_SUFFIXES,
                "county": ()}[place.level]
    for suf in suffixes:
        if name.endswith(suf) and len(name) > len(suf):
            stem = name[: -len(suf)]
            changed = True
            while changed:  # 阿坝藏族羌族 -> 阿坝
                changed = False
                for nat in nations:
                    if stem.endswith(nat) and len(stem) - len(nat) >= 2:
                        stem = stem[: -len(nat)]
                        changed = True
                        break
            if len(stem) >= 2:
                forms.append(stem)
                if suf == "自治州":
                    forms.append(stem + "州")
            break
    return [f for f in forms if f != name]


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Place]], re.Pattern[str]]:
    nations = _nations()
    index: dict[str, list[Place]] = {}
    for place in places():
        index.setdefault(place.name, []).append(place)
        for form in _short_forms(place, nations):
            index.setdefault(form, []).append(place)
    alternation = "|".join(re.escape(n) for n in sorted(index, key=len, reverse=True))
    return index, re.compile(f"(?:{alternation})")


def _best(candidates: list[Place], parent: Place | None) -> Place | None:
    if parent is not None:
        inside = [c for c in candidates if c.adcode.startswith(
            parent.adcode[: {"provincial": 2, "prefecture": 4}.get(parent.level, 6)])
            and c.adcode != parent.adcode]
        if inside:
            return inside[0]
        return None
    return candidates[0]  # provinces, then prefectures, then counties


def find_place(text: str) -> Place | None:
    """The most specific division named at the start of ``text`` (an issuer).

    A province may be followed by a prefecture and a county (山东省济南市历城区…); a leading
    中共 or 中国共产党 is skipped. Returns ``None`` when the text starts with no place name.

    Examples
    --------
    >>> find_place("包头市人民政府办公室")  # doctest: +NORMALIZE_WHITESPACE
    Place(name='包头市', adcode='150200', level='prefecture', province='内蒙古自治区',
          city='包头市')
    >>> find_place("阿坝州人民政府办公室").name
    '阿坝藏族羌族自治州'
    >>> find_place("北京市经济和信息化局").level
    'provincial'
    >>> find_place("工业和信息化部") is None
    True
    """
    return match_place(text)[0]


def match_place(text: str) -> tuple[Place | None, int]:
    """:func:`find_place` and the number of characters of ``text`` that name the place.

    Examples
    --------
    >>> place, n = match_place("阿坝州政务数据资源管理暂行办法")
    >>> place.name, n
    ('阿坝藏族羌族自治州', 3)
    """
    index, pattern = _index()
    stripped = text.lstrip()
    s = re.sub(r"^(中共|中国共产党)", "", stripped)
    skipped = len(text) - len(s)
    found: Place | None = None
    pos = 0
    while pos < len(s):
        m = pattern.match(s, pos)
        if not m:
            break
        cand = _best(index[m.group()], found)
        if cand is None:
            break
        found, pos = cand, m.end()
    return found, (skipped + pos) if found is not None else 0


@lru_cache(maxsize=1)
def _pinyin_index() -> dict[str, list[Place]]:
    from pypinyin import lazy_pinyin

    nations = _nations()
    out: dict[str, list[Place]] = {}
    for place in places():
        if place.level == "county":
            continue
        stems = _short_forms(place, nations) or [place.name]
        key = "".join(lazy_pinyin(min(stems, key=len))).lower()
        out.setdefault(key, []).append(place)
    return out


def place_by_pinyin(word: str) -> Place | None:
    """The province or prefecture whose name reads ``word`` in pinyin (``"Jinan"``).

    A province wins over a prefecture of the same reading; ``None`` if no name reads so.

    Examples
    --------
    >>> place_by_pinyin("Shandong").name, place_by_pinyin("Qingdao").name
    ('山东省', '青岛市')
    """
    key = re.sub(r"[^a-z]", "", word.lower())
    hits = _pinyin_index().get(key)
    return hits[0] if hits else None


def short_name(place: Place) -> str:
    """The shortest common name of a division (包头市 -> 包头, 阿坝藏族羌族自治州 -> 阿坝).

    Examples
    --------
    >>> short_name(find_place("内蒙古自治区")), short_name(find_place("济南市历城区"))
    ('内蒙古', '历城区')
    """
    forms = _short_forms(place, _nations())
    return min(forms, key=len) if forms else place.name
