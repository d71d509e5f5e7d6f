"""Find metadata in a policy text: title, 文号, dates, signature, issuers, genre, script.

Each finder reads the lines of a cleaned text (:func:`analysis.ingest.cleaning.clean_text`)
and returns the value with the line it came from (1-based), so the drafted metadata can
say where every value was found. The genre words and organ names are data
(``resources/doc_types.toml``, ``resources/issuers.toml``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest
from analysis.text import CELL_SEP
from analysis.text.normalize import to_simplified

__all__ = [
    "DocTypes",
    "Found",
    "Issuers",
    "detect_script",
    "doc_type_from_body",
    "doc_type_from_english",
    "doc_type_of_title",
    "find_attached",
    "find_dates",
    "find_doc_number",
    "find_printing_office",
    "find_signature",
    "find_title",
    "is_organ",
    "issuers_from_title",
    "load_doc_types",
    "load_issuers",
    "parse_date",
    "split_issuers",
]

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3,
             "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9０-９〇零○Ｏ一二三四五六七八九十]"
_DATE_RE = re.compile(
    rf"(?P<y>{_NUM}{{4}})\s*年\s*(?P<m>{_NUM}{{1,3}})\s*月\s*(?P<d>{_NUM}{{1,3}})\s*日")
_DATE_LINE = re.compile(rf"^[（(]?\s*{_DATE_RE.pattern}\s*[）)]?(?:签发|印发|发布|公布)?$")
_BANJI = re.compile(rf"^(?P<org>\S.{{1,40}}?)\s+{_DATE_RE.pattern}\s*印发$")
_DOC_NUMBER = re.compile(
    r"(?P<num>[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号)")
_OUTLINE = re.compile(r"^(第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+[、.．]|"
                      r"[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]\s*\S)")
_SENTENCE_END = tuple("。；，、：:;,！？")
_HAN = re.compile(r"[\u3400-\u9fff]")
_FULL_STOP = re.compile(r"[。！？；]")  # a title has none: "…制定本方案。一、总体要求" is no title
_ISSUE_NOTICE = re.compile(r"(印发|转发|公布|发布|颁布)[《〈]?(?P<inner>.+?)[》〉]?的(?:补充)?通知")
_YEAR_PAREN = re.compile(r"[（(][^（()）]{1,30}[)）]$")
# names are set apart by white space, commas, semicolons or table cells (organs in columns)
_SPLIT_ISSUERS = re.compile(rf"[\s、，,；;{re.escape(CELL_SEP)}]+")


@dataclass(frozen=True)
class Found:
    """A value found in the text and where: ``line`` (1-based) and a short ``how``."""

    value: str
    line: int
    how: str


@dataclass(frozen=True)
class DocTypes:
    """The genre table of ``doc_types.toml``: title endings, body phrases, English words."""

    endings: tuple[tuple[str, str], ...]  # (word, type), longest word first
    body: tuple[tuple[str, str], ...]
    english: tuple[tuple[str, str], ...]
    lead: tuple[tuple[re.Pattern[str], str], ...] = ()  # first-line patterns
    self_naming: tuple[re.Pattern[str], ...] = ()  # "制定《X》": X is the document's title
    url_title_parameters: tuple[str, ...] = ()  # a source URL's query naming the title


@dataclass(frozen=True)
class Issuers:
    """The organ rules of ``issuers.toml``."""

    suffixes: tuple[str, ...]
    central: tuple[re.Pattern[str], ...]
    english: dict[str, str]
    english_local: dict[str, str]
    english_units: dict[str, str] = field(default_factory=dict)


def load_doc_types(source: str | os.PathLike[str] = "doc_types.toml") -> DocTypes:
    """Read a genre table (packaged name or your own file).

    Examples
    --------
    >>> dict(load_doc_types().endings)["实施方案"]
    '方案'
    """
    return _doc_types_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=8)
def _doc_types_cached(source: str, digest: str) -> DocTypes:
    data = read_toml(source)
    endings, body, english, lead = [], [], [], []
    for item in data.get("type", []):
        name = item["name"]
        endings += [(w, name) for w in item.get("words", [name])]
        body += [(w, name) for w in item.get("body", [])]
        english += [(w.lower(), name) for w in item.get("english", [])]
        lead += [(re.compile(p), name) for p in item.get("lead", [])]
    return DocTypes(tuple(sorted(endings, key=lambda x: -len(x[0]))),
                    tuple(body), tuple(sorted(english, key=lambda x: -len(x[0]))), tuple(lead),
                    tuple(re.compile(p) for p in data.get("self_naming", [])),
                    tuple(data.get("url_title_parameters", [])))


def load_issuers(source: str | os.PathLike[str] = "issuers.toml") -> Issuers:
    """Read the organ rules (packaged name or your own file).

    Examples
    --------
    >>> load_issuers().english["ministry of commerce"]
    '商务部'
    """
    return _issuers_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=8)
def _issuers_cached(source: str, digest: str) -> Issuers:
    data = read_toml(source)
    return Issuers(tuple(sorted(data.get("organ_suffixes", []), key=len, reverse=True)),
                   tuple(re.compile(p) for p in data.get("central", [])),
                   {k.lower(): v for k, v in data.get("english", {}).items()},
                   {k.lower(): v for k, v in data.get("english_local", {}).items()},
                   {k.lower(): v for k, v in data.get("english_units", {}).items()})


def _cn_number(s: str) -> int | None:
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGIT for c in s):  # 二〇二二
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    if "十" in s:  # 十四, 二十一, 十
        tens, _, ones = s.partition("十")
        t = _CN_DIGIT.get(tens) if tens else 1
        o = _CN_DIGIT.get(ones) if ones else 0
        if t is not None and o is not None:
            return t * 10 + o
    return None


def parse_date(text: str) -> str | None:
    """The first written date of ``text`` as ``YYYY-MM-DD`` (digits or Chinese numerals).

    Years outside 1949–2099 and impossible months or days are not dates.

    Examples
    --------
    >>> parse_date("2022年4月14日"), parse_date("二〇二一年十月十一日"), parse_date("3133年6月81日")
    ('2022-04-14', '2021-10-11', None)
    """
    for m in _DATE_RE.finditer(text):
        y, mo, d = (_cn_number(m.group(k)) for k in "ymd")
        if y and mo and d and 1949 <= y <= 2099 and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_dates(lines: list[str]) -> list[Found]:
    """Lines that are a date and nothing else (a signing date, maybe with 签发 or 发布), and
    版记 印发 lines.

    Examples
    --------
    >>> [f.value for f in find_dates(["正文。", "　　2021年9月2日", "（2022年3月1日）"])]
    ['2021-09-02', '2022-03-01']
    >>> [f.value for f in find_dates(["科 技 部", "2018年7月30日签发", "2018年8月3日发布"])]
    ['2018-07-30', '2018-08-03']
    """
    out = []
    for i, line in enumerate(lines, start=1):
        s = line.strip().replace(" ", "").replace("\u3000", "")
        if _DATE_LINE.match(s):
            iso = parse_date(s)
            if iso:
                out.append(Found(iso, i, "date line"))
        elif len(s) < 60 and (m := _BANJI.match(line.strip())):
            iso = parse_date(m.group())
            if iso:
                out.append(Found(iso, i, "印发 line"))
    return out


def find_doc_number(lines: list[str], *, within: int = 15) -> Found | None:
    """The document's own 文号: alone on one of the first lines, maybe in brackets.

    文号 that the text cites inside a sentence are never taken.

    Examples
    --------
    >>> find_doc_number(["某某办法的通知", "（皖政办秘〔2021〕82号）", "各市："])
    Found(value='皖政办秘〔2021〕82号', line=2, how='文号 line')
    >>> find_doc_number(["根据《办法》（包府办发〔2022〕10号）要求，现印发。"]) is None
    True
    """
    seen = 0
    for i, line in enumerate(lines, start=1):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > within:
            break
        core = re.sub(r"^[（(【\[]|[）)】\]]$", "", s).strip()
        core = re.sub(r"\s*(签发人|签发)[:：].*$", "", core)
        m = _DOC_NUMBER.fullmatch(core.replace(" ", ""))
        if m:
            return Found(m.group("num"), i, "文号 line")
    return None


def _mostly_han(s: str) -> bool:
    """At least four Han characters, and 60% of the letters (digits and punctuation aside):
    "行动计划（2024-2025年）" is, "JNCR—2022—0040001" and an English line are not."""
    han = len(_HAN.findall(s))
    return han >= 4 and han >= 0.6 * len(re.sub(r"[\d\W_]", "", s))


def _is_title_line(s: str) -> bool:
    return (6 <= len(s) <= 150 and not s.endswith(_SENTENCE_END) and not _OUTLINE.match(s)
            and not _FULL_STOP.search(s)
            and _mostly_han(s)
            and not _DATE_LINE.match(s.replace(" ", "")) and "：" not in s[-3:])


def _title_ending(s: str, types: DocTypes) -> str | None:
    core = s.strip()
    while (m := _YEAR_PAREN.search(core)) and m.start() > 0:  # 行动计划（2021-2023年）
        core = core[: m.start()].rstrip()
    core = core.rstrip("》〉”\"")
    for word, name in types.endings:
        if core.endswith(word):
            return name
    return None


def find_title(lines: list[str], types: DocTypes, *, within: int = 6) -> Found | None:
    """The document's title: one of its first lines (or two lines joined) that ends with a
    genre word (通知, 意见, 行动计划 …) or starts with 关于; a following line that is only
    bracketed notes (（2021版）, （试行）, （2021 版）（征求意见稿）) belong to it.

    Examples
    --------
    >>> types = load_doc_types()
    >>> find_title(["移动智能终端应用软件预置", "和分发管理暂行规定", "第一条 为……"], types).value
    '移动智能终端应用软件预置和分发管理暂行规定'
    >>> find_title(["建材行业智能制造标准体系建设指南", "（2021 版）（征求意见稿）", "目录"],
    ...            types).value
    '建材行业智能制造标准体系建设指南（2021 版）（征求意见稿）'
    >>> find_title(["为贯彻落实……，制定本方案。", "一、总体要求"], types) is None
    True
    """
    idx = [i for i, line in enumerate(lines) if line.strip()][:within]
    for k, i in enumerate(idx):
        s = lines[i].strip()
        if not _is_title_line(s):
            if s.endswith(_SENTENCE_END):
                break
            continue
        cands = [(s, i)]
        if k + 1 < len(idx):
            nxt = lines[idx[k + 1]].strip()
            if (_is_title_line(nxt) and len(s) + len(nxt) <= 150
                    and not nxt.startswith(("（", "(")) and not _title_ending(s, types)):
                cands.insert(0, (s + nxt, idx[k + 1]))
        for text, end in cands:
            if _title_ending(text, types) or (text.startswith("关于") and len(text) > 6):
                value, last = text, end
                after = [j for j in range(end + 1, min(end + 3, len(lines))) if lines[j].strip()]
                if after:
                    nxt = lines[after[0]].strip()
                    if re.fullmatch(r"(?:[（(][^（()）〔〕号]{1,30}[)）]\s*)+", nxt):
                        value, last = value + nxt, after[0]
                return Found(value, i + 1, "title line" if last == i else "title lines")
        if len(s) > 40:
            break
    return None


def is_organ(s: str, issuers: Issuers) -> bool:
    """Whether ``s`` reads as an organ's name (ends with 局, 办公厅, 委员会 …).

    Examples
    --------
    >>> is_organ("安徽省人民政府办公厅", load_issuers()), is_organ("2021年9月2日", load_issuers())
    (True, False)
    """
    s = s.strip()
    if len(s) < 4 and not any(p.search(s) for p in issuers.central):
        return False  # 运输局: the end of a name wrapped onto a second line
    return (len(s) <= 40 and not re.search(r"[\d。；，：:;,！？]", s)
            and s.endswith(issuers.suffixes))


def split_issuers(s: str) -> list[str]:
    """Several issuers written in one line or title prefix, split.

    Examples
    --------
    >>> split_issuers("工业和信息化部 国家发展改革委、财政部")
    ['工业和信息化部', '国家发展改革委', '财政部']
    """
    return [p for p in _SPLIT_ISSUERS.split(s.strip()) if p]


def issuers_from_title(title: str, issuers: Issuers) -> list[str]:
    """The issuers a title names before 关于 / 印发 (``[]`` if none).

    Examples
    --------
    >>> issuers_from_title("北京市经济和信息化局印发《关于推进数据专区建设的指导意见》的通知",
    ...                    load_issuers())
    ['北京市经济和信息化局']
    """
    m = re.match(r"^(?P<who>.+?)(关于|印发|转发|联合印发)", title)
    if not m:
        return []
    parts = split_issuers(m.group("who"))
    if parts and all(is_organ(p, issuers) for p in parts):
        return parts
    return []


def find_signature(lines: list[str], date_line: int, issuers: Issuers) -> Found | None:
    """The organ(s) signing just above a date line (1-based ``date_line``).

    Examples
    --------
    >>> find_signature(["……请认真贯彻执行。", "北京市经济和信息化局", "2022年11月21日"], 3,
    ...                load_issuers())
    Found(value='北京市经济和信息化局', line=2, how='signature')
    """
    names: list[str] = []
    first = 0
    i = date_line - 2
    while i >= 0 and date_line - 2 - i < 6:
        s = lines[i].strip()
        if not s:
            i -= 1
            continue
        if re.fullmatch(r"([\u4e00-\u9fff]\s+)+[\u4e00-\u9fff]", s):  # 济 南 市 公 安 局
            s = re.sub(r"\s+", "", s)
        parts = split_issuers(s)
        if parts and all(is_organ(p, issuers) for p in parts):
            names = parts + names
            first = i + 1
            i -= 1
            continue
        break
    return Found("；".join(names), first, "signature") if names else None


def find_printing_office(lines: list[str], issuers: Issuers) -> Found | None:
    """The organ of the last 版记 line "机关 2019年1月3日印发" (the office that printed and
    issued the document), if it reads as an organ. The secretariat of a bureau or commission
    (XX局办公室) prints for that organ, so the organ is given; a government's 办公厅 or 办公室
    issues documents of its own and stays.

    Examples
    --------
    >>> iss = load_issuers()
    >>> find_printing_office(["抄送：市委各部门。", "　济南市人民政府办公厅 2019年１月３日印发"],
    ...                      iss)
    Found(value='济南市人民政府办公厅', line=2, how='版记 印发 line')
    >>> find_printing_office(["青岛市工业和信息化局办公室   2020年9月22日印发"], iss).value
    '青岛市工业和信息化局'
    """
    for i in range(len(lines) - 1, -1, -1):
        s = lines[i].strip()
        if len(s) < 60 and (m := _BANJI.match(s)):
            org = re.sub(r"(?<=[局厅委会])办公室$", "", m.group("org").strip())
            parts = split_issuers(org)
            if parts and all(is_organ(p, issuers) for p in parts):
                return Found("；".join(parts), i + 1, "版记 印发 line")
    return None


def find_attached(lines: list[str], after: int, types: DocTypes) -> Found | None:
    """Where the document a 印发 notice issues begins: its title line after line ``after``.

    Examples
    --------
    >>> lines = ["关于印发某办法的通知", "现印发给你们。", "2021年1月1日", "某某管理办法",
    ...          "第一条 ……"]
    >>> find_attached(lines, 3, load_doc_types())
    Found(value='某某管理办法', line=4, how='attached title')
    """
    for i in range(after, min(after + 4, len(lines))):
        s = lines[i].strip()
        if not s or re.fullmatch(r"附件\s*\d*[:：]?", s):
            continue
        if _is_title_line(s) and _title_ending(s, types):
            return Found(s, i + 1, "attached title")
        break
    return None


def doc_type_of_title(title: str, types: DocTypes) -> tuple[str, str]:
    """``(doc_type, attached_type)`` from a title: a notice issuing 《X》 is a 通知 whose
    attached type is X's genre.

    Examples
    --------
    >>> t = load_doc_types()
    >>> doc_type_of_title("关于印发《阿坝州政务数据资源管理暂行办法》的通知", t)
    ('通知', '办法')
    >>> doc_type_of_title("山东省“十四五”科技创新规划", t)
    ('规划', '')
    """
    m = _ISSUE_NOTICE.search(title)
    if m:
        inner = m.group("inner")
        kinds = []
        parts = re.split(r"[》〉]?(?:和|及|、)[《〈]?", inner)
        for part in parts:
            k = _title_ending(part, types)
            if k and k not in kinds:
                kinds.append(k)
        if not kinds and (k := _title_ending(inner, types)):
            kinds = [k]
        return "通知", "；".join(kinds)
    return _title_ending(title, types) or "", ""


def doc_type_from_body(text: str, types: DocTypes, *, within: int = 3000) -> Found | None:
    """A genre the body names for itself (制定本办法, 提出如下意见) in its first characters,
    or that its first line shows (a news report: "4月11日，…论坛在京举行").

    Examples
    --------
    >>> t = load_doc_types()
    >>> doc_type_from_body("4月11日，民航信息化论坛在京举行。\\n……", t).value
    '新闻'
    """
    first = next((line for line in text[:2000].split("\n") if line.strip()), "")
    for rx, name in types.lead:
        if rx.search(first):
            return Found(name, 1, "first line reports an event")
    head = text[:within]
    best: tuple[int, str, str] | None = None
    for phrase, name in types.body:
        pos = head.find(phrase)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, phrase, name)
    if best is None:
        return None
    return Found(best[2], head.count("\n", 0, best[0]) + 1, f"body says {best[1]}")


def doc_type_from_english(title_en: str, types: DocTypes) -> str:
    """A genre from an English (translated) title: the longest listed word it contains.

    Examples
    --------
    >>> doc_type_from_english("Three-Year Action Plan for Digital Commerce", load_doc_types())
    '行动计划'
    """
    low = f" {re.sub(r'[^a-z]+', ' ', title_en.lower())} "
    for word, name in types.english:
        if f" {word.replace('-', ' ')} " in low:
            return name
    return ""


def detect_script(text: str) -> str:
    """``"traditional"`` when OpenCC t2s changes over 2% of the first 3,000 Han characters, else
    ``"simplified"`` (``""`` for a text without Han characters).

    Examples
    --------
    >>> detect_script("創新驅動發展戰略"), detect_script("创新驱动发展战略")
    ('traditional', 'simplified')
    """
    sample = "".join(_HAN.findall(text[:6000]))[:3000]
    if not sample:
        return ""
    simp = to_simplified(sample)
    changed = sum(map(str.__ne__, sample, simp))
    return "traditional" if changed > 0.02 * len(sample) else "simplified"
