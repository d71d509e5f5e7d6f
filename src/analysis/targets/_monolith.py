"""Quantitative targets: every numeric goal of a policy document in one comparable table.

Policy documents promise numbers: "到2025年，全社会R&D经费支出占地区生产总值比重达到1.2%以上",
"高新技术企业数量比2020年末翻一番达到160家以上", an indicator table with 2020 baselines and
2025 targets, "最高补助50万元". :func:`extract_targets` finds them with character offsets and
returns one row per number:

* ``kind``: ``"target"`` (a goal), ``"achievement"`` (a reported result: "十三五末…达到99家")
  or ``"support"`` (a monetary support amount: "最高补助50万元");
* ``indicator``: the phrase that names what is measured, shortened to its core;
* ``value`` (with ``value_low``/``value_high`` for ranges such as "50—100名"), ``unit``
  (normalised: %, 家, 户, 个, 名, 人年, 件, 亿元, 万元, 位 for rankings ...), ``comparator``
  (``=``, ``≈`` 左右, ``≥`` 以上/不低于/不少于, ``≤`` 以内/最高/前N位, ``>`` for "0的突破",
  ``range``, or ``aspiration`` for 力争 without an explicit bound; ``is_aspiration`` flags
  力争/争取 in every case), ``multiplier`` (2 for 翻一番, 4 for 翻两番);
* ``target_year`` from the nearest governing time phrase (到2025年, 两年内 = document year + 2,
  利用3年时间, 十三五末 = 2020, 每年 = annual), looked up in the sentence, then earlier in the
  same clause, then in the introductions of the enclosing sections (``year_basis`` says
  which: explicit, relative, plan, annual, table, inherited);
* explicit baselines: the 2020 column of an indicator table, "比2015年分别增加了87家",
  "由原来的26位提升到21位", "较2020年末翻两番" (``baseline_value`` is then derived);
* ``is_province_level``: the number is the province's goal, not the city's (task tables
  quote the provincial measure before the city's own);
* ``canonical_id``/``canonical``: the indicator grouped by the editable mapping
  ``resources/indicators.toml``, which :func:`compare_targets` uses to line documents up.

Everything is matched on the normalised simplified text; ``sentence_orig`` quotes the same
span in the document's own script (traditional for the 2012 document).

The word lists (units, comparator words, cue words) are in ``resources/target_rules.toml``;
pass ``rules=`` to use your own copy.
"""

from __future__ import annotations

import bisect
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from analysis.resources import read_toml, resource_text, text_digest
from analysis.text.chars import CN_NUMERAL_CHARS, HAN, cn_to_int

if TYPE_CHECKING:

    import pandas as pd

    from analysis.text.corpus import Corpus

__all__ = [
    "COMPARISON_COLUMNS",
    "TARGET_COLUMNS",
    "IndicatorMapping",
    "compare_targets",
    "extract_targets",
    "load_indicator_mapping",
    "load_rules",
    "target_list",
    "target_summary",
    "targets_by_era",
    "targets_from_text",
    "value_text",
]

PathLike = str | os.PathLike[str]

#: Columns of the ``targets`` table, in order.
TARGET_COLUMNS: tuple[str, ...] = (
    "doc_id", "target_id", "kind", "clause_id", "indicator", "canonical_id", "canonical",
    "value", "value_low", "value_high", "unit", "comparator", "is_aspiration", "multiplier",
    "target_year", "year_basis", "time_phrase", "baseline_value", "baseline_year",
    "change_value", "is_province_level", "number_text", "char_start", "char_end",
    "sentence", "sentence_orig", "sentence_start", "note",
)

#: Columns of the ``target_comparison`` table, in order.
COMPARISON_COLUMNS: tuple[str, ...] = (
    "doc_id", "city", "doc_year", "era", "canonical_id", "canonical", "canonical_en",
    "kind", "indicator", "value", "value_low", "value_high", "unit", "comparator",
    "is_aspiration", "target_year", "baseline_value", "baseline_year", "is_province_level",
    "n_docs", "target_id",
)

# ----------------------------------------------------------------------------------------
# text preparation

_CN_NUM_CHARS = CN_NUMERAL_CHARS

# one character for one character, so offsets stay offsets into the caller's text
_PREP_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_PREP_TABLE.update({0x3000: 0x20, 0x3001: ord("、"), 0x2014: ord("—"), 0x2015: ord("—"),
                    0x2013: ord("—"), 0xFF5E: ord("~"), 0x301C: ord("~"), 0x3002: ord("。"),
                    0xFF61: ord("。"), 0xFE50: ord(","), 0xFE51: ord("、")})

_SENT_END = "。;!?\n"
_CHUNK_END = _SENT_END + ",:|"
_PROTECT_PAIRS = {"《": "》", "〔": "〕", "“": "”", "〈": "〉", "<": ">"}


def _prepare(text: str) -> str:
    """Half-width digits and punctuation, same length as ``text``."""
    return text.translate(_PREP_TABLE)


def _cn_to_number(s: str) -> float | None:
    """``"两"`` → 2, ``"十二"`` → 12, ``"三百"`` → 300, ``"二〇二五"`` → 2025; else None."""
    value = cn_to_int(s)
    return None if value is None else float(value)


def _to_number(s: str) -> float | None:
    s = s.strip()
    if not s:
        return None
    if "/" in s:
        a, _, b = s.partition("/")
        na, nb = _to_number(a), _to_number(b)
        if na is None or not nb:
            return None
        return na / nb
    if s[0].isdigit():
        try:
            return float(s)
        except ValueError:
            return None
    return _cn_to_number(s)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest words first (so 不低于 wins over 低于)."""
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq) if uniq else "(?!)"


_PROTECT_CHARS = re.compile("[" + re.escape("".join(_PROTECT_PAIRS)
                                             + "".join(_PROTECT_PAIRS.values())) + "\n]")


def _protected(p: str) -> list[tuple[int, int]]:
    """Spans inside 《》, 〔〕, “” … : titles, document numbers and slogans, never targets."""
    spans = []
    opener = "".join(_PROTECT_PAIRS)
    stack: list[tuple[str, int]] = []
    # only openers, closers and line breaks change anything: visit just those
    for m in _PROTECT_CHARS.finditer(p):
        i, ch = m.start(), m.group()
        if ch in opener and not (ch == "<" and stack):
            stack.append((ch, i))
        elif stack and ch == _PROTECT_PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif ch == "\n":
            stack.clear()
    return spans


# ----------------------------------------------------------------------------------------
# rules


@dataclass(frozen=True)
class _Rules:
    units: dict[str, str]
    money: frozenset[str]
    magnitudes: frozenset[str]
    rank_units: frozenset[str]
    quantity: re.Pattern[str]
    not_counted: re.Pattern[str]
    programme: re.Pattern[str]
    approx_after: frozenset[str]
    at_least_after: frozenset[str]
    at_most_after: frozenset[str]
    before_cmp: re.Pattern[str]
    before_map: dict[str, str]
    aspiration: re.Pattern[str]
    time: re.Pattern[str]
    relative: re.Pattern[str]
    annual: re.Pattern[str]
    now: re.Pattern[str]
    past_to: frozenset[str]
    plans: dict[str, tuple[int, int]]
    plan_end: frozenset[str]
    support_verbs: re.Pattern[str]
    past_cues: re.Pattern[str]
    future_cues: re.Pattern[str]
    achievement_headings: re.Pattern[str]
    target_headings: re.Pattern[str]
    linking_tail: re.Pattern[str]
    linking_any: re.Pattern[str]
    action_head: re.Pattern[str]
    keep_prefix: re.Pattern[str]
    scope_head: re.Pattern[str]
    right_stop: re.Pattern[str]
    rank_heads: tuple[str, ...]
    province_cues: tuple[str, ...]
    province_not_after: tuple[str, ...]
    task_headers: tuple[str, ...]
    source: str = ""


def _words(data: dict[str, Any], section: str, key: str, source: str) -> list[str]:
    try:
        value = data[section][key]
    except KeyError:
        raise ValueError(f"{source}: missing [{section}] {key} = [...]; "
                         "start from the packaged target_rules.toml.") from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{source}: [{section}] {key} must be a list of strings.")
    return value


def load_rules(source: PathLike = "target_rules.toml") -> _Rules:
    """Read and compile the extraction word lists (packaged name or your own file).

    Copy ``resources/target_rules.toml``, edit the lists (units, comparator words, cue
    words) and pass the path as ``rules=`` to :func:`extract_targets`.

    Examples
    --------
    >>> load_rules().units["个百分点"]
    '百分点'
    """
    return _rules_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=8)
def _rules_cached(source: str, digest: str) -> _Rules:
    data = read_toml(source)

    def w(section: str, key: str) -> list[str]:
        return _words(data, section, key, source)

    units = data.get("units", {}).get("map")
    if not isinstance(units, dict) or not units:
        raise ValueError(f"{source}: [units] map = {{...}} is missing or empty.")
    cmp_ = data.get("comparators", {})
    unit_alt = _alt(units)
    quantity = re.compile(
        r"(?P<num>\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?|[" + _CN_NUM_CHARS + r"]+)"
        r"(?:[ ]?(?P<sep>—{1,2}|-|~|至|到)[ ]?(?P<num2>\d+(?:\.\d+)?|[" + _CN_NUM_CHARS + r"]+))?"
        r"(?P<approx>余|多)?"
        r"(?P<unit>" + unit_alt + r")?"
        r"(?P<post>" + _alt([*cmp_.get("approx_after", []), *cmp_.get("at_least_after", []),
                             *cmp_.get("at_most_after", [])]) + r")?"
    )
    before_map = {}
    for key, sym in (("approx_before", "≈"), ("at_least_before", "≥"),
                     ("at_most_before", "≤")):
        for word in w("comparators", key):
            before_map[word] = sym
    before_map.update({"超过": ">", "高于": ">", "突破": ">", "逾": ">"})
    time_ = data.get("time", {})
    plans = {k: (int(v[0]), int(v[1])) for k, v in time_.get("plans", {}).items()}
    to_alt = _alt(w("time", "to_words"))
    plan_alt = _alt(plans)
    time_re = re.compile(
        r"(?P<to>" + to_alt + r")?(?:(?P<year>(?:19|20)\d\d)年(?:度)?(?P<ysuf>末|底|前|以前|年底)?"
        r"|(?P<plan>" + plan_alt + r")(?:规划)?(?P<psuf>" + _alt(
            [*w("time", "plan_end"), *time_.get("plan_during", [])]) + r")?)"
    )
    relative = re.compile(
        r"(?:利用|用|经过|通过|在)?(?P<n>\d{1,2}|[一二两三四五六七八九十])年(?:的)?"
        r"(?P<rsuf>内|之内|以内|时间|努力)"
    )
    kind = data.get("kind", {})
    ind = data.get("indicator", {})
    prov = data.get("province", {})
    return _Rules(
        units=dict(units),
        money=frozenset(w("units", "money")),
        magnitudes=frozenset(w("units", "magnitudes")),
        rank_units=frozenset(w("units", "rank")),
        quantity=quantity,
        not_counted=re.compile(r"(?:" + _alt(w("units", "not_counted")) + r")"),
        programme=re.compile(r"(?:" + _alt(w("units", "programme_heads")) + r")$"),
        approx_after=frozenset(cmp_.get("approx_after", [])),
        at_least_after=frozenset(cmp_.get("at_least_after", [])),
        at_most_after=frozenset(cmp_.get("at_most_after", [])),
        before_cmp=re.compile(r"(?:" + _alt(before_map) + r")"),
        before_map=before_map,
        aspiration=re.compile(_alt(w("comparators", "aspiration"))),
        time=time_re,
        relative=relative,
        annual=re.compile(_alt(w("time", "annual"))),
        now=re.compile(_alt(w("time", "now"))),
        past_to=frozenset(w("time", "past_to_words")),
        plans=plans,
        plan_end=frozenset(w("time", "plan_end")),
        support_verbs=re.compile(_alt(w("kind", "support_verbs"))),
        past_cues=re.compile(_alt(w("kind", "past_cues"))),
        future_cues=re.compile(_alt(w("kind", "future_cues"))),
        achievement_headings=re.compile(_alt(kind.get("achievement_headings", []))),
        target_headings=re.compile(_alt(kind.get("target_headings", []))),
        linking_tail=re.compile(r"(?:" + _alt(ind.get("linking_verbs", [])) + r")$"),
        linking_any=re.compile(_alt(ind.get("linking_verbs", []))),
        action_head=re.compile(r"^(?:" + _alt(ind.get("action_verbs", [])) + r")"),
        keep_prefix=re.compile(r"^(?:" + _alt(ind.get("keep_prefixes", [])) + r")"),
        scope_head=re.compile(r"^(?:" + _alt(ind.get("scope_words", [])) + r")"),
        right_stop=re.compile(_alt(ind.get("right_stop_verbs", []))),
        rank_heads=tuple(ind.get("rank_heads", ["排位", "排名"])),
        province_cues=tuple(prov.get("cues", [])),
        province_not_after=tuple(prov.get("not_after", [])),
        task_headers=tuple(prov.get("task_table_headers", [])),
        source=source,
    )


# ----------------------------------------------------------------------------------------
# the indicator mapping (canonical indicators)


@dataclass(frozen=True)
class _Canonical:
    id: str
    zh: str
    en: str
    unit: str
    match: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class IndicatorMapping:
    """Canonical indicators and the shortening rules for indicator phrases.

    Read from ``resources/indicators.toml`` (or your own copy) by
    :func:`load_indicator_mapping`; :meth:`classify` maps an indicator phrase to the first
    canonical indicator whose ``match`` patterns hit and whose ``exclude`` patterns miss.
    """

    indicators: tuple[_Canonical, ...]
    shorten: tuple[tuple[re.Pattern[str], str], ...]
    source: str = ""

    def classify(self, indicator: str, unit: str = "") -> tuple[str, str, str]:
        """``(canonical_id, zh name, en name)`` for an indicator phrase, or empty strings.

        Examples
        --------
        >>> m = load_indicator_mapping()
        >>> m.classify("全社会R&D经费支出占地区生产总值比重", "%")[0]
        'rd_intensity'
        """
        for ind in self.indicators:
            if ind.unit and unit and ind.unit != unit:
                continue
            if any(p.search(indicator) for p in ind.match) and not any(
                p.search(indicator) for p in ind.exclude
            ):
                return ind.id, ind.zh, ind.en
        return "", "", ""

    def shorten_phrase(self, phrase: str) -> str:
        """Apply the ``[shorten]`` rules, then drop remaining parentheticals."""
        for pat, repl in self.shorten:
            phrase = pat.sub(repl, phrase)
        dropped = re.sub(r"\([^()]*\)", "", phrase)
        return dropped if len(dropped) >= 2 else phrase


def load_indicator_mapping(source: PathLike = "indicators.toml") -> IndicatorMapping:
    """Read the canonical-indicator mapping (packaged name or the path of your own file).

    Examples
    --------
    >>> m = load_indicator_mapping()
    >>> m.classify("高新技术企业数量", "家")[1]
    '高新技术企业数量'
    """
    return _mapping_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=8)
def _mapping_cached(source: str, digest: str) -> IndicatorMapping:
    data = read_toml(source)
    out = []
    seen: set[str] = set()
    for i, item in enumerate(data.get("indicator", []), start=1):
        try:
            ident, zh = str(item["id"]), str(item["zh"])
            match = tuple(re.compile(p) for p in item["match"])
            exclude = tuple(re.compile(p) for p in item.get("exclude", []))
        except KeyError as exc:
            raise ValueError(f"{source}: [[indicator]] number {i} has no {exc.args[0]!r}; "
                             "each needs id, zh and match = [regex, ...].") from None
        except re.error as exc:
            raise ValueError(f"{source}: [[indicator]] {item.get('id', i)!r} has an invalid "
                             f"regex ({exc}).") from None
        if ident in seen:
            raise ValueError(f"{source}: canonical indicator id {ident!r} is used twice.")
        seen.add(ident)
        out.append(_Canonical(ident, zh, str(item.get("en", zh)), str(item.get("unit", "")),
                              match, exclude))
    shorten = []
    for rule in data.get("shorten", {}).get("rules", []):
        if not (isinstance(rule, list) and len(rule) == 2):
            raise ValueError(f"{source}: [shorten] rules must be [regex, replacement] pairs.")
        try:
            shorten.append((re.compile(rule[0]), str(rule[1])))
        except re.error as exc:
            raise ValueError(f"{source}: [shorten] rule {rule[0]!r}: {exc}") from None
    return IndicatorMapping(tuple(out), tuple(shorten), source)


# ----------------------------------------------------------------------------------------
# scopes: the "same clause" units


@dataclass
class _Unit:
    """A scope for "same clause" look-ups: a clause segment or a paragraph."""

    start: int
    end: int
    clause_id: str
    parent: int | None = None       # index of the enclosing unit that heads a section
    heading: str = ""               # the heading text if this unit opens a section
    upper_level: bool = False       # provincial clause text in a task table
    context: list[int] = field(default_factory=list)   # units whose text the section shares


_LABELS = (
    (1, re.compile(r"[一二三四五六七八九十]+、")),
    (2, re.compile(r"\([一二三四五六七八九十]+\)")),
    (3, re.compile(r"\d{1,2}[.、](?!\d)")),
    (4, re.compile(r"\(\d{1,2}\)")),
)


def _label(line: str) -> tuple[int, str] | None:
    s = line.lstrip(" —")
    for level, pat in _LABELS:
        m = pat.match(s)
        if m:
            return level, m.group(0).strip("、.()")
    return None


def _paragraph_units(doc_id: str, p: str, rules: _Rules) -> list[_Unit]:
    """Paragraph scopes with a light outline (used until the clause table is available).

    Each non-empty line is a unit; lines opening with 一、/(一)/1./(1) open sections whose
    unlabelled lines follow them; clause ids follow the clause-table convention.
    """
    task_table = all(h in p[:3000] for h in rules.task_headers) if rules.task_headers else False
    units: list[_Unit] = []
    stack: list[tuple[int, str, int]] = []          # (level, label, unit index)
    seen: dict[str, int] = {}
    pos = 0
    first_child_seen: set[int] = set()
    for line in p.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        lab = _label(line)
        if lab:
            level, label = lab
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][2] if stack else None
            if parent is not None:
                first_child_seen.add(parent)
            path = "/".join([*(s[1] for s in stack), label if level != 2 else f"({label})"])
            n = seen.get(path, 0) + 1
            seen[path] = n
            cid = f"{doc_id}:{path}" + (f"~{n}" if n > 1 else "")
            idx = len(units)
            units.append(_Unit(start, end, cid, parent, heading=line[:40]))
            stack.append((level, label if level != 2 else f"({label})", idx))
        else:
            owner = stack[-1][2] if stack else None
            cid = units[owner].clause_id if owner is not None else f"{doc_id}:front"
            upper = (task_table and owner is not None and owner not in first_child_seen
                     and bool(stack) and stack[-1][0] == 2)
            units.append(_Unit(start, end, cid, owner, upper_level=upper))
            if owner is not None and owner not in first_child_seen:
                units[owner].context.append(len(units) - 1)
    # the provincial clause of a task table is the text under a (一) heading that is
    # followed by the city's numbered measures; without them the block is the city's own
    for u in units:
        if u.upper_level and u.parent not in first_child_seen:
            u.upper_level = False
    return units


def _clause_units(doc_id: str, clauses: pd.DataFrame, p: str, rules: _Rules) -> list[_Unit]:
    """Scopes from the clause table: one unit per clause segment, parents by ``parent_id``.

    In a task-decomposition table the provincial measure is the text of a level-2 segment
    (``(三)…``) whose children are the city's numbered measures.
    """
    rows = clauses[clauses["doc_id"] == doc_id].sort_values("char_start", kind="mergesort")
    return _units_from_rows(zip(*(rows[c] for c in _UNIT_FIELDS), strict=True), p, rules)


#: The clause table columns :func:`_units_from_rows` reads, in its tuple order.
_UNIT_FIELDS = ("clause_id", "parent_id", "level", "heading", "char_start", "char_end", "kind")


def _units_from_rows(rows: Iterable[tuple], p: str, rules: _Rules) -> list[_Unit]:
    """:func:`_clause_units` from one document's clause rows (tuples of
    :data:`_UNIT_FIELDS`, sorted by ``char_start``)."""
    task_table = bool(rules.task_headers) and all(h in p[:3000] for h in rules.task_headers)
    units: list[_Unit] = []
    index: dict[str, int] = {}
    levels: list[int] = []
    has_measures: set[int] = set()
    for clause_id, parent_id, level, heading, char_start, char_end, kind in rows:
        parent = index.get(parent_id) if isinstance(parent_id, str) else None
        level = int(level) if level == level else 0
        heading = str(heading) if isinstance(heading, str) else ""
        units.append(_Unit(int(char_start), int(char_end), str(clause_id), parent,
                           heading=heading))
        levels.append(level)
        if parent is not None and level == 3 and str(kind) == "clause":
            has_measures.add(parent)
        index.setdefault(str(clause_id), len(units) - 1)
    if task_table:
        for i in has_measures:
            units[i].upper_level = levels[i] == 2
    return units


# ----------------------------------------------------------------------------------------
# quantities


@dataclass
class _Q:
    start: int          # the number
    end: int
    full_end: int       # after unit and trailing comparator
    text: str
    value: float
    low: float = math.nan
    high: float = math.nan
    unit: str = ""
    comparator: str = "="
    is_rank: bool = False
    consumed: bool = False
    multiplier: float = math.nan
    baseline_value: float = math.nan
    baseline_year: int | None = None
    change_value: float = math.nan
    notes: list[str] = field(default_factory=list)
    indicator: str = ""
    special: str = ""


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted, disjoint: :func:`_protected`)."""
    k = bisect.bisect_right(spans, (pos, math.inf))
    return k > 0 and pos < spans[k - 1][1]


_PRE_OK_CN = re.compile(r"(?:第|前|约|近|共|和|、|及|或|至|到|达|为|有|建|育|引|增|选|立|设|进|"
                        r"造|搭|施|持|获|位|列|居|超过|突破|不少于|不低于|至少|最高|[\s,;:(]|^)$")


def _scan(p: str, a: int, b: int, rules: _Rules, protected: list[tuple[int, int]]) -> list[_Q]:
    """Every quantity in ``p[a:b]``: a number with a unit (or a special form)."""
    out: list[_Q] = []
    seg = p[a:b]
    for m in rules.quantity.finditer(seg):
        s, e = m.start() + a, m.end() + a
        num = m.group("num")
        unit_raw = m.group("unit") or ""
        post = m.group("post") or ""
        before = p[max(0, s - 1):s]
        if before and (before.isascii() and (before.isalnum() or before in "./&")):
            continue
        if e < len(p) and p[e:e + 1].isascii() and p[e:e + 1].isalpha() and not post:
            continue
        is_cn = not num[0].isdigit()
        if is_cn:
            if num == "一" or _to_number(num) is None:
                continue
            if rules.units.get(unit_raw, unit_raw) in rules.money or unit_raw in rules.magnitudes:
                continue
            if not _PRE_OK_CN.search(p[max(0, s - 4):s]):
                continue
        if _in_spans(s, protected) and not _zero_breakthrough(p, s, e):
            continue
        value = _to_number(num)
        if value is None:
            continue
        sep, num2 = m.group("sep"), m.group("num2")
        high = _to_number(num2) if num2 else None
        num_end = m.start("num") + a + len(num)
        if num2 and high is not None and not (sep in ("至", "到") and not unit_raw):
            num_end = m.end("num2") + a
        elif num2:
            # "2至3年": not a counted range (no unit); keep the first number only
            high = None
            e = num_end
            unit_raw, post = "", ""
        unit = rules.units.get(unit_raw, unit_raw)
        q = _Q(s, num_end, e, p[s:num_end], value, unit=unit)
        if high is not None:
            q.low, q.high = value, high
            q.comparator = "range"
        if "/" in num and not unit:
            q.value = value * 100
            q.unit = "%"
            q.notes.append("fraction as %")
        elif not unit:
            if _zero_breakthrough(p, s, e):
                q.unit, q.comparator = "", ">"
                q.special = "breakthrough"
                q.full_end = e + 4
            elif _implied_share(p, s, e, b):
                q.unit = "%"
                q.notes.append("unit % implied by 比重")
            else:
                continue
        if m.group("approx"):
            q.comparator = "≥" if q.comparator == "=" else q.comparator
        if post:
            if post in rules.approx_after:
                q.comparator = "≈"
            elif post in rules.at_least_after:
                q.comparator = "≥"
            elif post in rules.at_most_after:
                q.comparator = "≤"
        prev2 = p[max(0, s - 1):s]
        if unit_raw in rules.rank_units or (unit == "位"):
            if prev2 in ("前", "第") or re.search(r"(?:排名|排位|位列|提升到|提升至|第|前)\D{0,3}$",
                                                  p[max(0, s - 6):s]) or unit_raw == "位":
                q.is_rank = True
                q.unit = "位"
                if prev2 == "前" and q.comparator == "=":
                    q.comparator = "≤"
        elif prev2 == "第":
            continue
        if q.unit and not q.is_rank:
            after = p[e:e + 6]
            if rules.not_counted.match(after):
                continue
            tail = re.split(r"[,;。:|\n、和]", p[e:e + 16], maxsplit=1)[0]
            if rules.programme.search(tail):
                continue
        out.append(q)
    # "百分之二十" / "百分之15": a percentage written out
    for m in _PERCENT_WORDS.finditer(seg):
        s, e = m.start("num") + a, m.end("num") + a
        value = _to_number(m.group("num"))
        if value is None or _in_spans(s, protected) or any(q.start <= s < q.full_end
                                                           for q in out):
            continue
        q = _Q(s, e, m.end() + a, p[s:e], value, unit="%")
        post = m.group("post") or ""
        if post in rules.approx_after:
            q.comparator = "≈"
        elif post in rules.at_least_after:
            q.comparator = "≥"
        elif post in rules.at_most_after:
            q.comparator = "≤"
        out.append(q)
    out.sort(key=lambda q: q.start)
    return out


_PERCENT_WORDS = re.compile(r"百分之(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)"
                            r"(?P<post>左右|以上|以下|以内)?")


def _zero_breakthrough(p: str, s: int, e: int) -> bool:
    return p[s:s + 1] == "0" and bool(re.match(r"[”\"']?的突破", p[s + 1:s + 6]))


def _implied_share(p: str, s: int, e: int, b: int) -> bool:
    """A bare number right after 比重/比例 … 达到 at the end of a phrase: a percentage."""
    left = p[max(0, s - 12):s]
    right = p[e:e + 1]
    return bool(re.search(r"(?:比重|比例|占比|强度)(?:达到|为|提高到|提高至|达)$", left)) and (
        right == "" or right in _CHUNK_END or e >= b)


# ----------------------------------------------------------------------------------------
# time phrases


@dataclass
class _Time:
    start: int
    end: int
    text: str
    year: int | None
    basis: str          # explicit | relative | plan | annual | now
    tense: str          # future | past | neutral


def _times(p: str, a: int, b: int, rules: _Rules, doc_year: int | None,
           protected: list[tuple[int, int]]) -> tuple[list[_Time], list[tuple[int, int]]]:
    """Governing time phrases in ``p[a:b]`` and the spans of baseline phrases (比2015年)."""
    seg = p[a:b]
    out: list[_Time] = []
    baselines: list[tuple[int, int]] = []
    for m in rules.time.finditer(seg):
        s, e = m.start() + a, m.end() + a
        if _in_spans(s, protected):
            continue
        to = m.group("to") or ""
        pre = p[max(0, s - 2):s]
        if not to and re.search(r"(?:比|较|与|相比|同比|较之)$", pre):
            baselines.append((s - 1, e))
            continue
        if m.group("year"):
            year = int(m.group("year"))
            # a year range "2018—2020年" or a start "从2012年起" does not govern
            if re.match(r"[—\-~]\d", p[e:e + 2]) or re.search(r"\d[—\-~]$", pre):
                continue
            if p[e:e + 2] in ("起", "开始") or pre.endswith(("从", "自")):
                continue
            if not to:
                tense = ("neutral" if doc_year is None
                         else "past" if year < doc_year else "future")
            elif to in rules.past_to:
                tense = "past"
            else:
                tense = "future" if doc_year is None or year >= doc_year else "past"
            out.append(_Time(s, e, p[s:e], year, "explicit", tense))
        else:
            plan = m.group("plan")
            last = rules.plans[plan][1]
            psuf = m.group("psuf") or ""
            year = last
            if doc_year is None:
                tense = "future" if to and to not in rules.past_to else "neutral"
            elif to in rules.past_to or last <= doc_year:
                tense = "past"
            else:
                tense = "future"
            if not psuf and not to and tense != "past":
                # a bare plan name ("十四五规划") names a document more often than a time
                continue
            out.append(_Time(s, e, p[s:e], year, "plan", tense))
    for m in rules.relative.finditer(seg):
        s, e = m.start() + a, m.end() + a
        if _in_spans(s, protected) or p[max(0, s - 1):s] in ("每",):
            continue
        n = _to_number(m.group("n"))
        if n is None:
            continue
        if re.search(r"(?:认定|获批|入选|设立|签约)后$", p[max(0, s - 4):s]):
            continue
        year = doc_year + int(n) if doc_year is not None else None
        out.append(_Time(s, e, p[s:e], year, "relative", "future"))
    for m in rules.annual.finditer(seg):
        s, e = m.start() + a, m.end() + a
        if _in_spans(s, protected):
            continue
        out.append(_Time(s, e, p[s:e], None, "annual", "future"))
    for m in rules.now.finditer(seg):
        s, e = m.start() + a, m.end() + a
        if _in_spans(s, protected):
            continue
        out.append(_Time(s, e, p[s:e], doc_year, "now", "past"))
    out.sort(key=lambda t: (t.start, -t.end))
    dedup: list[_Time] = []
    for t in out:
        if dedup and t.start < dedup[-1].end:
            continue
        dedup.append(t)
    return dedup, baselines


# ----------------------------------------------------------------------------------------
# extraction of one document


def _bounds(p: str, pos: int, lo: int, hi: int, stops: str) -> tuple[int, int]:
    a = pos
    while a > lo and p[a - 1] not in stops:
        a -= 1
    b = pos
    while b < hi and p[b] not in stops:
        b += 1
    return a, b


_LIST_MARK = re.compile(r"^(?:——|—|-|[一二三四五六七八九十]+是|\([一二三四五六七八九十\d]+\)|"
                        r"[一二三四五六七八九十]+、|\d{1,2}[.、](?!\d))+")
_ASPIRE_TIME = re.compile(r"(?:到|在)?(?:(?:19|20)\d\d年(?:底|末)?|\d{1,2}年内|[两三四五]年内)")
_GROWTH_ONLY = re.compile(r"(?:同比|比上年|较上年|环比)?(?:增长|增加|提高|增速|下降)")
_AFTER_DENG = re.compile(r"(?<![一二三四五特优])等(?![奖级次同于])")
_DISCOURSE = re.compile(r"^(?:虽然|但是|但|同时|其中|另外|此外|而且|并且|尤其是|特别是|通过|为此)")
_RE_DE_TAIL = re.compile(r"^(?P<s>.+?)(?:继续保持在|保持在|稳定在|达到|占)(?P<o>[^的]+)的$")


@dataclass
class _Doc:
    doc_id: str
    p: str
    text: str
    orig: str
    year: int | None
    rules: _Rules
    mapping: IndicatorMapping
    province: str = ""
    city: str = ""
    protected: list[tuple[int, int]] = field(default_factory=list)


def _strip_scope(s: str, doc: _Doc) -> str:
    rules = doc.rules
    changed = True
    while changed and s:
        changed = False
        m = rules.scope_head.match(s)
        if m and len(s) > m.end():
            s = s[m.end():]
            changed = True
        for name in (doc.city, doc.province):
            if name and s.startswith(name) and len(s) > len(name):
                s = s[len(name):]
                changed = True
    return s


def _clean_left(s: str, doc: _Doc, times: list[tuple[int, int]] | None = None) -> str:
    rules = doc.rules
    s = _LIST_MARK.sub("", s.strip(" 　"))
    s = _DISCOURSE.sub("", s)
    s = re.sub(r"(?:比|较|较之|相比)(?:19|20)\d\d年(?:末|底)?", "", s)
    s = rules.time.sub("", s)
    s = re.sub(r"^(?:19|20)\d\d(?=[" + HAN + r"])", "", s)
    s = rules.relative.sub("", s)
    s = rules.annual.sub("", s)
    s = re.sub(r"(?:比|较|较之|相比)(?:19|20)\d\d年(?:末|底)?", "", s)
    s = re.sub(r"翻[一两二三四]?番", "", s)
    s = rules.aspiration.sub("", s)
    s = rules.before_cmp.sub("", s)
    s = s.replace("分别", "")
    s = re.sub(r"(?:累计)?(?:最高|最多)", lambda m: "累计" if "累计" in m.group(0) else "", s)
    s = s.strip(" ,、:()")
    return s


def _strip_tail(s: str, doc: _Doc) -> str:
    rules = doc.rules
    for _ in range(4):
        s2 = re.sub(r"(?:前|第|约|近|逾|百分之)$", "", s)
        s2 = rules.linking_tail.sub("", s2)
        s2 = re.sub(r"(?:将|要|应|需|可|已|均|都|再|继续|进一步|稳步|不断|逐步|总共|共)$", "", s2)
        if s2 == s:
            break
        s = s2
    return s.strip(" ,、")


def _clean_right(s: str, doc: _Doc) -> str:
    s = s.strip(" ")
    s = re.sub(r"^(?:的|之)", "", s)
    if "的" in s:
        tail = s.rsplit("的", 1)[1]
        if len(tail) >= 2:
            s = tail
    s = re.split(r"[,;。:|\n]", s, maxsplit=1)[0]
    m = doc.rules.right_stop.search(s, 2)
    if m:
        # a bare noun ("企业", "院士") says too little: keep its role when that is short
        # ("企业作为重大技术产业化示范基地")
        s = s[:m.start()] if m.start() > 2 or len(s) > 20 else s
    return s.strip(" 、和及与")


def _subject_of(chunk: str, doc: _Doc) -> str:
    """The subject of a phrase: its text before the first linking verb."""
    s = _clean_left(chunk, doc)
    m = doc.rules.linking_any.search(s)
    if m and m.start() >= 2:
        s = s[:m.start()]
    s = re.sub(r"(?:已经|已|均|都)$", "", s)
    return _strip_scope(s, doc)


def _rank_indicator(left: str, doc: _Doc, unit_text: str) -> str:
    s = _clean_left(left, doc)
    s = re.sub(r"(?:前|第)$", "", s)
    m = re.search(r"(?:位列|名列|排在|排名第?)", s)
    if m and len(s) > m.end():
        name = s[m.end():].strip("“”\"' ")
        name = re.sub(r"^(?:全国|全省|全市)", "", name) or name
        return _with_rank_head(name, doc)
    scope = ""
    scopes = ["全国", "全省", "全区", "全市", "全自治区", "国内", "省内"]
    sm = re.search("(" + "|".join(scopes + ([doc.province] if doc.province else [])) + ")", s)
    parts = re.split(r"(?:以|在|保持在|保持|提升至|提升到|提高到|提高至|进入|实现了|实现|居于|居)",
                     s, maxsplit=1)
    subject = _strip_tail(parts[0], doc)
    if sm:
        scope = sm.group(1)
        if subject.endswith(scope):
            subject = subject[: -len(scope)]
    subject = _strip_scope(subject, doc)
    for head in doc.rules.rank_heads:
        if subject.endswith(head):
            bare = subject[: -len(head)]
            bare = re.sub(r"^[" + HAN + r"]{2,4}省$", "", _strip_scope(bare, doc))
            if len(bare) < 2:
                found = re.search(r"([" + HAN + r"A-Za-z&]{2,14}?(?:" + "|".join(
                    doc.rules.rank_heads) + r"))", unit_text)
                if found:
                    return _strip_scope(found.group(1), doc)
                return ""
            return subject
    if re.fullmatch(r"[" + HAN + r"]{2,4}省", subject or "x"):
        subject = ""
    if len(subject) < 2:
        return ""
    scope = scope if scope not in ("", doc.province) else ""
    return _with_rank_head(subject + scope, doc)


def _with_rank_head(s: str, doc: _Doc) -> str:
    if any(s.endswith(h) for h in doc.rules.rank_heads):
        return s
    return s + "排位"


def _finish(indicator: str, doc: _Doc) -> str:
    s = doc.mapping.shorten_phrase(indicator)
    s = s.strip(" ,、:;“”\"'—")
    if s.startswith("(") and ")" not in s:
        s = s[1:]
    if s.endswith(")") and "(" not in s:
        s = s[:-1]
    if s.count("(") > s.count(")"):
        s = s + ")"
    if s.endswith("的") and len(s) > 2:
        s = s[:-1]
    return s


def _indicator(q: _Q, qs: list[_Q], i: int, doc: _Doc, unit: _Unit, sent: tuple[int, int],
               prev_row_indicator: str) -> tuple[str, list[str]]:
    """The indicator phrase for quantity ``qs[i]``."""
    p, rules = doc.p, doc.rules
    notes: list[str] = []
    ca, cb = _bounds(p, q.start, sent[0], sent[1], ",;。:|\n")
    left_lo = ca
    prev = None
    for j in range(i - 1, -1, -1):
        if qs[j].full_end <= q.start and qs[j].full_end > ca:
            prev = qs[j]
            break
    if prev is not None:
        left_lo = max(left_lo, prev.full_end)
    left = p[left_lo:q.start]
    if "、" in left:
        left = left.rsplit("、", 1)[1]
    if prev is not None:
        left = re.split(r"和|及|与|并", left)[-1] if re.search(r"和|及|与|并", left) else left
    nxt = None
    for j in range(i + 1, len(qs)):
        if qs[j].start >= q.full_end:
            nxt = qs[j]
            break
    ra, rb = q.full_end, cb
    if nxt is not None and nxt.start < rb:
        rb = nxt.start
    right_raw = p[ra:rb]
    if q.is_rank:
        ind = _rank_indicator(left, doc, p[unit.start:unit.end])
        if ind:
            return _finish(ind, doc), notes
        if prev_row_indicator.startswith("@"):
            notes.append("indicator carried over from the previous number")
            return prev_row_indicator[1:], notes
        if ca > sent[0]:
            pa = _bounds(p, ca - 1, sent[0], sent[1], ",;。:|\n")[0]
            subject = _subject_of(p[pa:ca - 1], doc)
            if subject:
                notes.append("subject taken from the preceding phrase")
                return _finish(_with_rank_head(subject, doc), doc), notes
        if prev_row_indicator:
            notes.append("indicator carried over from the previous number")
            return prev_row_indicator.lstrip("@"), notes
        return "", notes
    if q.special == "breakthrough":
        right_raw = ""
    right = _clean_right(right_raw, doc) if right_raw and right_raw[0] not in "和及与、" else ""
    cleaned = _clean_left(left, doc)
    cleaned = _AFTER_DENG.split(cleaned)[-1]
    m = _RE_DE_TAIL.match(cleaned)
    if m and q.unit in ("%", "‰"):
        subject = _strip_tail(m.group("s"), doc)
        action = rules.action_head.match(subject)
        if action and len(subject) - action.end() >= 2:
            subject = subject[action.end():]
        subject = _strip_scope(subject, doc)
        return _finish(f"{subject}占{m.group('o')}比重", doc), notes
    stripped = _strip_scope(_strip_tail(cleaned, doc), doc)
    keep = rules.keep_prefix.match(stripped)
    action = rules.action_head.match(stripped)
    noun = stripped
    if keep:
        noun = stripped
    elif action:
        noun = stripped[action.end():]
    noun = _strip_scope(noun, doc) if noun else noun
    if right and len(right) >= 2 and not re.match(r"^[\d%]", right):
        ind = right
        if keep:
            ind = keep.group(0) + right
        return _finish(ind, doc), notes
    if _GROWTH_ONLY.fullmatch(noun) and prev_row_indicator:
        notes.append("subject carried over from the previous number")
        return _finish(prev_row_indicator.lstrip("@") + noun, doc), notes
    if len(noun) >= 2:
        return _finish(noun, doc), notes
    if prev_row_indicator:
        notes.append("indicator carried over from the previous number")
        return prev_row_indicator, notes
    if ca > sent[0]:
        pa = _bounds(p, ca - 1, sent[0], sent[1], ",;。:|\n")[0]
        subject = _subject_of(p[pa:ca - 1], doc)
        if subject:
            notes.append("subject taken from the preceding phrase")
            return _finish(subject, doc), notes
    return _finish(noun, doc), notes


def _carry_prefix(p: str, qs: list[_Q], i: int, ind: str, rules: _Rules) -> str:
    """"新培育高新技术企业7户、科技型企业10户": 新培育 governs the whole list."""
    if i == 0 or not ind or rules.keep_prefix.match(ind):
        return ind
    prev = qs[i - 1]
    m = rules.keep_prefix.match(prev.indicator)
    gap = p[prev.full_end:qs[i].start]
    if m and "、" in gap and not re.search(r"[,;。:|\n]", gap) and len(gap) <= 20:
        return m.group(0) + ind
    return ind


def _support_rate_indicator(left: str, right: str, doc: _Doc) -> str:
    """"按照企业研发投入的10%给予后补助" → "后补助占企业研发投入比例"."""
    base = re.sub(r"^(?:按照|按|根据|依据|以)", "", _clean_left(left, doc))
    base = re.sub(r"的$", "", base)
    what = re.sub(r"^(?:的)?(?:给予|予以)", "", right)
    what = re.split(r"[,;。:|\n]", what, maxsplit=1)[0].strip()
    if len(base) < 2 or len(what) < 2:
        return ""
    return _finish(f"{what}占{base}比例", doc)


def _sentences(p: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    s = a
    for i in range(a, b):
        if p[i] in _SENT_END:
            if i + 1 > s:
                out.append((s, i + 1))
            s = i + 1
    if s < b:
        out.append((s, b))
    return out


def _pair_changes(p: str, qs: list[_Q], sent: tuple[int, int]) -> None:
    """"比2015年分别增加了87家和477家": the changes belong to the preceding quantities."""
    inside = [q for q in qs if sent[0] <= q.start < sent[1]]
    for m in re.finditer(r"(?:比|较|较之|与)((?:19|20)\d\d)年(?:末|底)?(?:相比)?,?(分别)?"
                         r"(?:增加|增长|提高|提升|新增|减少|下降|多)了?", p[sent[0]:sent[1]]):
        end = m.end() + sent[0]
        changes = []
        for q in inside:
            if q.start >= end and not q.consumed:
                gap = p[(changes[-1].full_end if changes else end):q.start]
                if gap.strip(" 和及、与") == "":
                    changes.append(q)
                    continue
                break
        if not changes:
            continue
        owners = [q for q in inside if q.full_end <= m.start() + sent[0] and not q.consumed
                  and q.unit in {c.unit for c in changes}]
        owners = owners[-len(changes):] if m.group(2) else owners[-1:]
        if len(owners) != len(changes):
            owners = owners[-1:]
            changes = changes[:1]
        for owner, ch in zip(owners, changes, strict=False):
            ch.consumed = True
            owner.change_value = ch.value
            owner.baseline_year = int(m.group(1))
            owner.baseline_value = owner.value - ch.value
            owner.notes.append(f"baseline derived: {p[m.start() + sent[0]:ch.full_end]}")


def _pair_from_to(p: str, qs: list[_Q]) -> None:
    """"由原来的26位提升到21位": the first number is the second's baseline."""
    for k in range(len(qs) - 1):
        a, b = qs[k], qs[k + 1]
        gap = p[a.full_end:b.start]
        pre = p[max(0, a.start - 6):a.start]
        if (re.search(r"(?:由|从)(?:原来的|原先的|之前的|过去的)?$", pre)
                and re.fullmatch(r"(?:提升|提高|增加|增长|上升|下降|减少|跃升|扩大|缩小)(?:到|至)"
                                 r"(?:前|第)?", gap)
                and (a.unit == b.unit or not a.unit)):
            a.consumed = True
            b.baseline_value = a.value
            b.notes.append("baseline from 由…到…")


_DOUBLING = re.compile(r"翻(一|两|二|三|四)?番")


def _pair_multipliers(p: str, qs: list[_Q], a: int, b: int, extra: list[_Q]) -> None:
    for m in _DOUBLING.finditer(p[a:b]):
        n = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}.get(m.group(1) or "一", 1)
        s, e = m.start() + a, m.end() + a
        _, ce = _bounds(p, s, a, b, _CHUNK_END)
        target = next((q for q in qs if s < q.start < ce and not q.consumed), None)
        base = re.search(r"(?:比|较|较之|相比)((?:19|20)\d\d)年(?:末|底)?$", p[max(a, s - 10):s])
        if target is not None:
            target.multiplier = float(2 ** n)
            if base:
                target.baseline_year = int(base.group(1))
            if math.isnan(target.baseline_value):
                target.baseline_value = round(target.value / 2 ** n, 10)
                target.notes.append(f"baseline implied by {m.group(0)}")
        else:
            q = _Q(s, e, e, m.group(0), float(2 ** n), unit="倍", multiplier=float(2 ** n))
            if base:
                q.baseline_year = int(base.group(1))
            q.notes.append(f"{m.group(0)} without a stated value")
            extra.append(q)


def _pair_baseline_years(p: str, qs: list[_Q], a: int, b: int) -> None:
    for m in re.finditer(r"(?:比|较|较之|相比)((?:19|20)\d\d)年(?:末|底)?", p[a:b]):
        s = m.start() + a
        _, ce = _bounds(p, s, a, b, _CHUNK_END)
        target = next((q for q in qs if s < q.start < ce and not q.consumed), None)
        if target is not None and target.baseline_year is None:
            target.baseline_year = int(m.group(1))


def _borrow_units(p: str, qs: list[_Q], rules: _Rules) -> None:
    """"30万和50万元": a bare magnitude borrows the next coordinated number's unit."""
    for k in range(len(qs) - 2, -1, -1):
        a, b = qs[k], qs[k + 1]
        if (a.unit in rules.magnitudes and b.unit.startswith(a.unit) and b.unit != a.unit
                and re.fullmatch(r"[ ]?(?:和|及|、|或|至|到|-|—)[ ]?", p[a.full_end:b.start])):
            a.unit = b.unit
            a.notes.append(f"unit {b.unit} shared with the next number")


def _distribute(p: str, qs: list[_Q], sent: tuple[int, int], doc: _Doc) -> dict[int, str]:
    """"A和B…分别给予30万和50万元": pair the subjects with the amounts, in order."""
    out: dict[int, str] = {}
    text = p[sent[0]:sent[1]]
    k = text.find("分别")
    if k < 0:
        return out
    pos = sent[0] + k
    group = [q for q in qs if q.start > pos and q.start < sent[1] and not q.consumed]
    if len(group) < 2:
        return out
    for j in range(1, len(group)):
        if not re.fullmatch(r"[ ]?(?:和|及|、|与)[ ]?", p[group[j - 1].full_end:group[j].start]):
            group = group[:j]
            break
    if len(group) < 2:
        return out
    subj_text = p[sent[0]:pos]
    subj_text = re.split(r"[,;:]", subj_text)[0]
    subj_text = re.split(r"(?:经|在|被|通过|对|按)", subj_text, maxsplit=1)[0]
    subj_text = _clean_left(subj_text, doc)
    items = [s for s in re.split(r"和|及|与|、", subj_text) if s]
    if len(items) != len(group):
        return out
    tail = _clean_right(p[group[-1].full_end:_bounds(p, group[-1].start, sent[0], sent[1],
                                                              ",;。:|\n")[1]], doc)
    for q, item in zip(group, items, strict=True):
        out[q.start] = _finish(_strip_scope(item, doc) + tail, doc)
    return out


def _province_cue(doc: _Doc, a: int, b: int) -> int | None:
    """Offset of the first province-as-subject cue in ``p[a:b]``, or None."""
    p = doc.p
    cues = list(doc.rules.province_cues) + ([doc.province] if doc.province else [])
    best = None
    for cue in cues:
        for m in re.finditer(re.escape(cue), p[a:b]):
            s, e = m.start() + a, m.end() + a
            if _in_spans(s, doc.protected):
                continue
            if p[max(0, s - 1):s] in ("在", "对", "于", "与", "为", "的", "占"):
                continue
            if p[e:e + 1] in ("级", "委", "厅", "内", "外") or p[e:e + 2] in ("政府", "人民"):
                continue
            if any(p[e:].startswith(w) for w in doc.rules.province_not_after):
                continue
            best = s if best is None else min(best, s)
    return best


def _table_rows(doc: _Doc, a: int, b: int, clause_of) -> tuple[list[dict[str, Any]], set[int]]:
    """Rows of a ``|``-flattened indicator table with baseline and target columns."""
    p = doc.p
    lines = []
    pos = a
    for line in p[a:b].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    rows: list[dict[str, Any]] = []
    handled: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i][1]
        if line.count("|") < 2:
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i][1].count("|") >= 2:
            block.append(lines[i])
            i += 1
        header = block[0][1]
        cells = [c.strip() for c in header.split("|")]
        base_col = target_col = None
        base_year = target_year = None
        for k, c in enumerate(cells):
            ym = re.search(r"((?:19|20)\d\d)", c)
            if re.search(r"基数|基期|基准|现状|基础值|实际值", c):
                base_col, base_year = k, int(ym.group(1)) if ym else None
            elif re.search(r"目标|预期值|规划值", c):
                target_col, target_year = k, int(ym.group(1)) if ym else None
        if target_col is None:
            continue
        handled.update(range(block[0][0], block[-1][0] + len(block[-1][1]) + 1))
        for row_start, row in block[1:]:
            offs = []
            pos = row_start
            for cell in row.split("|"):
                lead = len(cell) - len(cell.lstrip())
                offs.append((pos + lead, cell.strip()))
                pos += len(cell) + 1
            name_idx = next((k for k, (_, c) in enumerate(offs) if re.match(r"\d{1,2}[.、]", c)),
                            0)
            name = offs[name_idx][1]
            vals = offs[name_idx + 1:]
            shift = 1 - (name_idx + 1) + name_idx  # header col 0 is the name column
            tcol = target_col - 1 + shift if target_col else None
            bcol = (base_col - 1 + shift) if base_col else None
            if tcol is None or tcol >= len(vals):
                continue
            t_off, t_cell = vals[tcol]
            m = re.search(r"(\d+(?:\.\d+)?)", t_cell)
            if not m:
                continue
            unit_m = re.search(r"\(([^()]{1,6})\)\s*$", name)
            unit = doc.rules.units.get(unit_m.group(1), unit_m.group(1)) if unit_m else ""
            label = re.sub(r"^\d{1,2}[.、]", "", name)
            label = re.sub(r"\([^()]{1,6}\)\s*$", "", label)
            pre = t_cell[:m.start()].strip()
            post = t_cell[m.end():].strip()
            if post.startswith(("%", "％")):
                unit, post = "%", post[1:]
            comparator = "="
            if post.startswith(tuple(doc.rules.approx_after)):
                comparator = "≈"
            elif post.startswith(tuple(doc.rules.at_least_after)):
                comparator = "≥"
            elif post.startswith(tuple(doc.rules.at_most_after)):
                comparator = "≤"
            notes = []
            if pre:
                label = label + pre
            if not re.match(r"\d{1,2}[.、]", name):
                notes.append("table row without an indicator name: the category is used")
            base_val = math.nan
            if bcol is not None and bcol < len(vals):
                bm = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%?", vals[bcol][1])
                if bm:
                    base_val = float(bm.group(1))
            cs, ce = t_off + m.start(), t_off + m.end()
            rows.append(dict(
                kind="target", clause_id=clause_of(cs),
                indicator=_finish(label, doc), value=float(m.group(1)),
                value_low=math.nan, value_high=math.nan, unit=unit, comparator=comparator,
                is_aspiration=False, multiplier=math.nan, target_year=target_year,
                year_basis="table", time_phrase=cells[target_col],
                baseline_value=base_val,
                baseline_year=base_year if not math.isnan(base_val) else None,
                change_value=math.nan, is_province_level=False, number_text=p[cs:ce],
                char_start=cs, char_end=ce, sentence_start=row_start,
                sentence_end=row_start + len(row), note="; ".join(notes),
            ))
    return rows, handled


def _kind(q: _Q, doc: _Doc, t: _Time | None, left_sentence: str, chunk_left: str,
          section_kind: str, chunk_right: str = "") -> str:
    rules = doc.rules
    # money given ("最高补助50万元", "…给予后补助,单个企业每年最高200万元") or a rate of
    # support ("按研发投入的10%给予补助") is a support measure, not a goal
    if q.unit in rules.money and rules.support_verbs.search(left_sentence):
        return "support"
    if q.unit == "%" and re.match(r"(?:的)?(?:给予|予以)", chunk_right) and (
            rules.support_verbs.search(chunk_right)):
        return "support"
    if t is not None and t.tense in ("past", "future"):
        return "achievement" if t.tense == "past" else "target"
    future = rules.future_cues.search(left_sentence)
    if rules.past_cues.search(left_sentence) and not future:
        return "achievement"
    if section_kind == "achievement" and not future:
        return "achievement"
    return "target"


def _extract_doc(doc: _Doc, units: list[_Unit]) -> list[dict[str, Any]]:
    p, rules = doc.p, doc.rules
    rows: list[dict[str, Any]] = []

    starts = [u.start for u in units]

    def unit_at(pos: int) -> int:
        import bisect

        k = bisect.bisect_right(starts, pos) - 1
        return max(k, 0)

    def clause_of(pos: int) -> str:
        return units[unit_at(pos)].clause_id if units else f"{doc.doc_id}:front"

    table_rows, handled = _table_rows(doc, 0, len(p), clause_of)
    rows.extend(table_rows)

    # section context: time phrases and heading kinds, by unit
    unit_times: dict[int, list[_Time]] = {}
    unit_bases: dict[int, list[tuple[int, int]]] = {}

    def times_of(k: int) -> list[_Time]:
        if k not in unit_times:
            u = units[k]
            unit_times[k], unit_bases[k] = _times(p, u.start, u.end, rules, doc.year,
                                                  doc.protected)
        return unit_times[k]

    def section_context(k: int) -> tuple[_Time | None, str]:
        """The nearest inherited time phrase and section kind from enclosing sections."""
        time_found: _Time | None = None
        kind = ""
        seen = set()
        parent = units[k].parent
        while parent is not None and parent not in seen:
            seen.add(parent)
            pu = units[parent]
            scope = [parent, *pu.context]
            if not kind:
                head = p[pu.start:pu.end][:60]
                if rules.achievement_headings.search(head):
                    kind = "achievement"
                elif rules.target_headings.search(head):
                    kind = "target"
            if time_found is None:
                for j in scope:
                    if j == k or units[j].start >= units[k].start:
                        continue
                    cands = [t for t in times_of(j) if t.basis in ("explicit", "relative", "plan")
                             and (t.tense == "future" or t.basis == "plan")]
                    if cands:
                        time_found = cands[-1] if j == parent else cands[0]
                        break
            parent = pu.parent
        return time_found, kind

    for k, u in enumerate(units):
        qs = [q for q in _scan(p, u.start, u.end, rules, doc.protected) if q.start not in handled]
        if not qs and not _DOUBLING.search(p, u.start, u.end):
            continue  # nothing below can add a quantity (times_of is a pure cache)
        times = times_of(k)
        extra: list[_Q] = []
        _borrow_units(p, qs, rules)
        _pair_from_to(p, qs)
        _pair_multipliers(p, qs, u.start, u.end, extra)
        _pair_baseline_years(p, qs, u.start, u.end)
        sents = _sentences(p, u.start, u.end)
        distributed: dict[int, str] = {}
        for sent in sents:
            _pair_changes(p, qs, sent)
            distributed.update(_distribute(p, qs, sent, doc))
        qs = sorted([*qs, *extra], key=lambda q: q.start)
        if not qs:
            continue
        inherited, section_kind = section_context(k)
        prev_ind: dict[tuple[int, bool], str] = {}
        for i, q in enumerate(qs):
            if q.consumed:
                continue
            sent = next((s for s in sents if s[0] <= q.start < s[1]), (u.start, u.end))
            ca, _ = _bounds(p, q.start, sent[0], sent[1], _CHUNK_END)
            # governing time phrase
            gov = None
            for t in reversed(times):
                if t.end > q.start:
                    continue
                if t.basis == "annual" and not (sent[0] <= t.start < sent[1]):
                    continue
                if t.basis == "now" and not (sent[0] <= t.start < sent[1]):
                    continue
                gov = t
                break
            basis = gov.basis if gov is not None else ""
            if gov is not None and gov.basis != "annual" and "\n" in p[gov.end:q.start]:
                basis = "inherited"     # from an earlier paragraph of the same clause
            if gov is None and inherited is not None:
                gov, basis = inherited, "inherited"
            chunk_left = p[ca:q.start]
            chunk_right = p[q.full_end:_bounds(p, q.start, sent[0], sent[1], _CHUNK_END)[1]]
            kind = _kind(q, doc, gov, p[sent[0]:q.start], chunk_left, section_kind,
                         chunk_right)
            if kind == "support" and gov is not None and not (ca <= gov.start < q.start):
                gov, basis = None, ""
            key = (sent[0], q.is_rank)
            if q.is_rank:
                # "@" marks a carry-over from the same sentence, which beats the subject
                # of a preceding phrase; one from an earlier sentence does not
                carry = ("@" + prev_ind[key]) if key in prev_ind else prev_ind.get(
                    (u.start, True), "")
            else:
                carry = prev_ind.get(key, "")
            if q.start in distributed:
                ind, notes = distributed[q.start], ["subjects paired by 分别"]
            else:
                ind, notes = _indicator(q, qs, i, doc, u, sent, carry)
                ind = _carry_prefix(p, qs, i, ind, rules)
            if kind == "support" and q.unit == "%":
                ind = _support_rate_indicator(p[ca:q.start], chunk_right, doc) or ind
            q.indicator = ind
            prev_ind[key] = ind
            if q.is_rank:
                prev_ind[(u.start, True)] = ind
            aspiration = bool(rules.aspiration.search(chunk_left))
            if not aspiration and ca > sent[0]:
                pa, _ = _bounds(p, ca - 1, sent[0], sent[1], _CHUNK_END)
                prev_chunk = p[pa:ca - 1]
                if rules.aspiration.search(prev_chunk) and _ASPIRE_TIME.fullmatch(
                        rules.aspiration.sub("", prev_chunk.strip())):
                    aspiration = True
            comparator = q.comparator
            before = rules.before_cmp.findall(chunk_left)
            if before and comparator in ("=",):
                comparator = rules.before_map.get(before[-1], comparator)
            if aspiration and comparator == "=" and not q.is_rank:
                comparator = "aspiration"
            if aspiration and q.is_rank and comparator in ("=", "≤"):
                comparator = "aspiration"
            line_start = max(u.start, p.rfind("\n", u.start, q.start) + 1)
            province = bool(u.upper_level or _province_cue(doc, line_start, q.start) is not None)
            year = gov.year if gov is not None else None
            if basis == "annual":
                # "到2025年…年均增长15%": the rate holds until the period's end, if one is set
                period = next((t for t in reversed(times) if t.end <= gov.start
                               and t.basis in ("explicit", "relative") and t.tense == "future"
                               and sent[0] <= t.start), None)
                year = period.year if period is not None else None
            rows.append(dict(
                kind=kind, clause_id=u.clause_id, indicator=ind, value=q.value,
                value_low=q.low, value_high=q.high, unit=q.unit, comparator=comparator,
                is_aspiration=aspiration, multiplier=q.multiplier, target_year=year,
                year_basis=basis, time_phrase=gov.text if gov is not None else "",
                baseline_value=q.baseline_value, baseline_year=q.baseline_year,
                change_value=q.change_value, is_province_level=province,
                number_text=doc.text[q.start:q.end], char_start=q.start, char_end=q.end,
                sentence_start=sent[0], sentence_end=sent[1],
                note="; ".join([*q.notes, *notes]),
            ))
    return rows


# ----------------------------------------------------------------------------------------
# public API


def _frame(rows: list[dict[str, Any]], doc: _Doc, mapping: IndicatorMapping) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(_frame_rows(rows, doc, mapping), columns=list(TARGET_COLUMNS))


def _frame_rows(rows: list[dict[str, Any]], doc: _Doc, mapping: IndicatorMapping
                ) -> list[dict[str, Any]]:
    """The rows of :func:`_frame` (sentences, canonical indicators, target ids), sorted."""
    for r in rows:
        a, b = r.pop("sentence_start"), r.pop("sentence_end")
        a2, b2 = a, b
        while a2 < b2 and doc.text[a2] in " \n":
            a2 += 1
        while b2 > a2 and doc.text[b2 - 1] in " \n":
            b2 -= 1
        r["sentence"] = doc.text[a2:b2]
        r["sentence_orig"] = doc.orig[a2:b2]
        r["sentence_start"] = a2
        r["doc_id"] = doc.doc_id
        r["canonical_id"], r["canonical"], _ = mapping.classify(r["indicator"], r["unit"])
    rows.sort(key=lambda r: (r["char_start"], r["char_end"]))
    for n, r in enumerate(rows, start=1):
        r["target_id"] = f"{doc.doc_id}:{n:03d}"
    return rows


class _DocClauses:
    """One document's clause rows, read once from the clause table: the tuples
    :func:`_units_from_rows` reads and what :func:`analysis.structure.attach_clause_ids`
    looks offsets up in."""

    def __init__(self, rows: list[tuple], starts: Any, ids: Any) -> None:
        self.rows, self.starts, self.ids = rows, starts, ids

    def clause_ids(self, offsets: list[int]) -> list[Any]:
        """``attach_clause_ids``: the clause of each offset (the last starting at or
        before it; the first clause for offsets before every clause)."""
        import numpy as np

        k = np.clip(np.searchsorted(self.starts, np.asarray(offsets, dtype=np.int64),
                                    side="right") - 1, 0, len(self.starts) - 1)
        return [self.ids[i] for i in k.tolist()]


class _ClauseColumns:
    """The clause table's columns as lists, split per document without pandas per document."""

    def __init__(self, clauses: pd.DataFrame) -> None:
        self.clauses = clauses
        self.cols = [list(clauses[c]) for c in _UNIT_FIELDS]
        self.start_col = self.cols[_UNIT_FIELDS.index("char_start")]
        self.id_col = self.cols[_UNIT_FIELDS.index("clause_id")]

    @classmethod
    def read(cls, clauses: pd.DataFrame) -> _ClauseColumns | None:
        """``None`` when the table lacks a column or has non-integer offsets (then every
        document takes the pandas path)."""
        import pandas as pd

        if not set(_UNIT_FIELDS) <= set(clauses.columns) or clauses.columns.duplicated().any() \
                or not pd.api.types.is_integer_dtype(clauses["char_start"]):
            return None
        return cls(clauses)

    def doc(self, pos: Any) -> _DocClauses:
        import numpy as np

        pos = [int(i) for i in pos]
        st = self.start_col
        order = sorted(pos, key=st.__getitem__)     # stable: sort_values(kind="mergesort")
        rows = [tuple(c[i] for c in self.cols) for i in order]
        starts = [st[i] for i in order]
        if len(set(starts)) == len(starts):         # unique: every sort gives this order
            ids = [self.id_col[i] for i in order]
        else:                                       # ties: attach_clause_ids' own sort
            sub = self.clauses.iloc[pos].sort_values("char_start")
            starts, ids = list(sub["char_start"]), list(sub["clause_id"].to_numpy())
        return _DocClauses(rows, np.asarray(starts, dtype=np.int64), ids)


def _empty() -> pd.DataFrame:
    import pandas as pd

    return _typed(pd.DataFrame({c: [] for c in TARGET_COLUMNS}))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in ("value", "value_low", "value_high", "multiplier", "baseline_value",
              "change_value"):
        df[c] = df[c].astype("float64")
    for c in ("target_year", "baseline_year", "char_start", "char_end", "sentence_start"):
        df[c] = df[c].astype("Int64")
    for c in ("is_aspiration", "is_province_level"):
        df[c] = df[c].astype("bool")
    for c in ("doc_id", "target_id", "kind", "clause_id", "indicator", "canonical_id",
              "canonical", "unit", "comparator", "year_basis", "time_phrase", "number_text",
              "sentence", "sentence_orig", "note"):
        df[c] = df[c].astype("object").where(df[c].notna(), "").astype(str)
    return df.reset_index(drop=True)


def targets_from_text(
    text: str,
    *,
    doc_id: str = "text",
    year: int | None = None,
    text_orig: str | None = None,
    province: str = "",
    city: str = "",
    clauses: pd.DataFrame | None = None,
    scope: str = "clause",
    rules: PathLike = "target_rules.toml",
    mapping: PathLike | IndicatorMapping = "indicators.toml",
) -> pd.DataFrame:
    """Extract the quantitative targets of one text (see :func:`extract_targets`).

    Parameters
    ----------
    text : str
        Normalised (simplified) text; full-width digits are handled.
    doc_id : str, keyword-only
        Written on every row.
    year : int, keyword-only
        The document's year: resolves 两年内, 利用3年时间 and past/future years.
    text_orig : str, keyword-only
        The same text in its original script (same length), for ``sentence_orig``.
    province, city : str, keyword-only
        The issuing province and city (e.g. "甘肃省"): scope words, not indicator words.
    clauses : DataFrame, keyword-only
        The clause table rows of this text (``analysis.structure.clause_table``); parsed
        with ``analysis.structure.parse_clauses`` when not given.
    scope : {"clause", "paragraph"}, keyword-only
        What "the same clause" means for time phrases: clause segments (default, and
        ``clause_id`` comes from the clause table) or paragraphs (lines).
    rules, mapping : path, keyword-only
        Word lists and the canonical-indicator mapping (packaged names or your files).

    Returns
    -------
    DataFrame
        One row per number, columns :data:`TARGET_COLUMNS`.

    Examples
    --------
    >>> df = targets_from_text("到2025年，高新技术企业数量达到１６０家以上。", year=2023)
    >>> row = df.iloc[0]
    >>> print(row.indicator, row.comparator, row.value, row.unit, row.target_year)
    高新技术企业数量 ≥ 160.0 家 2025
    """
    df = _targets_raw(text, doc_id=doc_id, year=year, text_orig=text_orig, province=province,
                      city=city, clauses=clauses, scope=scope, rules=rules, mapping=mapping)
    return _empty() if df is None else _typed(df)


def _targets_raw(text: str, *, doc_id: str, year: int | None, text_orig: str | None,
                 province: str, city: str, clauses: pd.DataFrame | None, scope: str,
                 rules: PathLike | _Rules, mapping: PathLike | IndicatorMapping,
                 own: _DocClauses | None = None) -> Any:
    """:func:`targets_from_text` before :func:`_typed` (``None`` when it finds nothing).

    With ``own`` (this document's clause rows, read once by :func:`extract_targets`), the
    rows come back as a list of dicts (the frame's rows, clause ids attached) and
    ``clauses`` is not read.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}.")
    orig = text_orig if text_orig is not None and len(text_orig) == len(text) else text
    rule_set = rules if isinstance(rules, _Rules) else load_rules(rules)
    mapping_obj = mapping if isinstance(mapping, IndicatorMapping) else load_indicator_mapping(
        mapping)
    p = _prepare(text)
    doc = _Doc(doc_id, p, text, orig, int(year) if year is not None else None, rule_set,
               mapping_obj, province=province or "", city=city or "", protected=_protected(p))
    if scope not in ("clause", "paragraph"):
        raise ValueError(f"scope={scope!r}: use 'clause' or 'paragraph'.")
    if scope == "clause" and own is not None:
        units = _units_from_rows(own.rows, p, rule_set)
    elif scope == "clause":
        if clauses is None or not (clauses["doc_id"] == doc_id).any():
            from analysis.structure import parse_clauses

            clauses = parse_clauses(text, doc_id=doc_id, warn=False)
        units = _clause_units(doc_id, clauses, p, rule_set)
    else:
        units = _paragraph_units(doc_id, p, rule_set)
    if not units:
        return None
    rows = _extract_doc(doc, units)
    if not rows:
        return None
    if own is not None:
        rows = _frame_rows(rows, doc, mapping_obj)
        for r, cid in zip(rows, own.clause_ids([r["char_start"] for r in rows]), strict=True):
            r["clause_id"] = cid
        return rows
    df = _frame(rows, doc, mapping_obj)
    if scope == "clause":
        from analysis.structure import attach_clause_ids

        df = attach_clause_ids(df, clauses[clauses["doc_id"] == doc_id], start="char_start")
    return df


def extract_targets(
    corpus: Corpus,
    *,
    clauses: pd.DataFrame | None = None,
    scope: str = "clause",
    kinds: Sequence[str] = ("target", "achievement", "support"),
    rules: PathLike = "target_rules.toml",
    mapping: PathLike = "indicators.toml",
) -> pd.DataFrame:
    """Every numeric goal, reported achievement and support amount of every document.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.load_corpus`.
    clauses : DataFrame, keyword-only
        The clause table (``analysis.structure.clause_table(corpus)`` when not given):
        ``clause_id`` of every row, and the scope in which governing time phrases are looked
        up (the number's clause, then the introductions of its enclosing sections).
    scope : {"clause", "paragraph"}, keyword-only
        ``"paragraph"`` uses lines as scopes instead of clause segments.
    kinds : sequence of str, keyword-only
        Which kinds of rows to keep: "target", "achievement", "support".
    rules : path, keyword-only
        Extraction word lists; the packaged ``target_rules.toml`` by default.
    mapping : path, keyword-only
        Canonical indicators; the packaged ``indicators.toml`` by default.

    Returns
    -------
    DataFrame
        One row per number (columns :data:`TARGET_COLUMNS`): ``doc_id, target_id, kind,
        clause_id, indicator, canonical_id, canonical, value, value_low, value_high, unit,
        comparator, is_aspiration, multiplier, target_year, year_basis, time_phrase,
        baseline_value, baseline_year, change_value, is_province_level, number_text,
        char_start, char_end`` (offsets of the number in ``documents.text``), ``sentence``,
        ``sentence_orig`` (original script), ``sentence_start``, ``note``. Sorted by document
        (corpus order) and position.

    Examples
    --------
    >>> import analysis
    >>> t = extract_targets(analysis.load_corpus())
    >>> row = t[(t.doc_id == "chifeng_2023") & (t.unit == "家")].iloc[0]
    >>> print(row.indicator, row.comparator, row.value, row.target_year, row.multiplier)
    高新技术企业数量 ≥ 160.0 2025 2.0
    """
    import pandas as pd

    bad = set(kinds) - {"target", "achievement", "support"}
    if bad:
        raise ValueError(f"kinds: unknown {sorted(bad)}; use target, achievement, support.")
    if clauses is None and scope == "clause":
        from analysis.structure import clause_table

        clauses = clause_table(corpus)
    docs = corpus.documents
    mapping_obj = load_indicator_mapping(mapping)
    # each document gets its own rows of the clause table (the same rows, in the same order,
    # as clauses[clauses["doc_id"] == doc_id], without scanning the whole table per document)
    by_doc = clauses.groupby("doc_id", sort=False).indices if clauses is not None else {}
    table = _ClauseColumns.read(clauses) if scope == "clause" and clauses is not None else None
    rule_set = load_rules(rules) if len(docs) else None   # read once, not once per document
    frames = []
    for row in docs.itertuples(index=False):
        year = getattr(row, "year", None)
        year = int(year) if year is not None and year == year else None
        pos = by_doc.get(row.doc_id, [])
        own = None if clauses is None else clauses.iloc[pos] if table is None or not len(pos) \
            or not isinstance(row.text, str) else table.doc(pos)
        frames.append(_targets_raw(
            row.text, doc_id=row.doc_id, year=year, text_orig=row.text_orig,
            province=str(getattr(row, "province", "") or ""),
            city=str(getattr(row, "city", "") or ""),
            clauses=own if not isinstance(own, _DocClauses) else None, scope=scope,
            rules=rule_set, mapping=mapping_obj,
            own=own if isinstance(own, _DocClauses) else None,
        ))
    # typed once for the whole corpus: _typed of the concatenated untyped frames equals the
    # concatenation of each document's _typed frame (every column is converted by value);
    # runs of documents that gave row dicts make one frame each
    merged: list[Any] = []
    for f in frames:
        if isinstance(f, list) and merged and isinstance(merged[-1], list):
            merged[-1] = merged[-1] + f
        elif f is not None:
            merged.append(f)
    frames = [pd.DataFrame(f, columns=list(TARGET_COLUMNS)) if isinstance(f, list) else f
              for f in merged]
    frames = [f for f in frames if len(f)]
    if not frames:
        return _empty()
    out = pd.concat(frames, ignore_index=True)
    out = out[out["kind"].isin(list(kinds))]
    return _typed(out)


# ----------------------------------------------------------------------------------------
# comparison


def compare_targets(
    targets: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    mapping: PathLike = "indicators.toml",
    min_docs: int = 2,
    include_province: bool = False,
    kinds: Sequence[str] = ("target", "achievement"),
) -> pd.DataFrame:
    """The canonical indicators several documents share, side by side.

    Parameters
    ----------
    targets : DataFrame
        From :func:`extract_targets` (or the ``targets`` table of the build).
    documents : DataFrame
        Document metadata with ``doc_id, city, year, era`` (``corpus.documents``).
    mapping : path, keyword-only
        Canonical-indicator mapping; indicators are re-classified with it, so an edited
        mapping takes effect without re-extracting.
    min_docs : int, keyword-only
        Keep canonical indicators with a *target* in at least this many documents.
    include_province : bool, keyword-only
        Keep provincial targets quoted by a city document (off by default: cities compared).
    kinds : sequence of str, keyword-only
        Row kinds to keep; achievements show where a city stood.

    Returns
    -------
    DataFrame
        Columns :data:`COMPARISON_COLUMNS`; one row per extracted number, sorted by
        canonical indicator, era, city and target year.

    Examples
    --------
    >>> import analysis
    >>> c = analysis.load_corpus()
    >>> cmp = compare_targets(extract_targets(c), c.documents)
    >>> "rd_intensity" in set(cmp.canonical_id)
    True
    """
    import pandas as pd

    missing = {"doc_id", "city", "year"} - set(documents.columns)
    if missing:
        raise ValueError(f"documents: missing column(s) {sorted(missing)}; pass "
                         "corpus.documents or the build's documents table.")
    need = {"doc_id", "indicator", "unit", "kind", "value", "is_province_level"}
    if not need <= set(targets.columns):
        raise ValueError(f"targets: missing column(s) {sorted(need - set(targets.columns))}; "
                         "pass the table made by extract_targets().")
    m = load_indicator_mapping(mapping)
    t = targets[targets["kind"].isin(list(kinds))].copy()
    if not include_province:
        t = t[~t["is_province_level"].astype(bool)]
    if t.empty:
        return pd.DataFrame({c: [] for c in COMPARISON_COLUMNS})
    triples = [m.classify(i, u) for i, u in zip(t["indicator"], t["unit"], strict=True)]
    t["canonical_id"] = [x[0] for x in triples]
    t["canonical"] = [x[1] for x in triples]
    t["canonical_en"] = [x[2] for x in triples]
    t = t[t["canonical_id"] != ""]
    docs = documents[[c for c in ("doc_id", "city", "year", "era") if c in documents.columns]]
    docs = docs.rename(columns={"year": "doc_year"})
    if "era" not in docs.columns:
        docs = docs.assign(era="")
    t = t.merge(docs, on="doc_id", how="left")
    # the same number stated twice (an indicator table and the text, a summary and a
    # measure) is one observation; keep the row that says most (baseline, bound)
    t["_info"] = (t["baseline_value"].notna().astype(int) * 2
                  + (t["comparator"] != "=").astype(int))
    t = t.sort_values(["_info"], ascending=False, kind="mergesort").drop_duplicates(
        ["doc_id", "canonical_id", "kind", "value", "unit", "target_year"])
    tgt = t[t["kind"] == "target"]
    n_docs = tgt.groupby("canonical_id")["doc_id"].nunique()
    t["n_docs"] = t["canonical_id"].map(n_docs).fillna(0).astype(int)
    t = t[t["n_docs"] >= min_docs]
    t = t.sort_values(["canonical_id", "era", "city", "target_year", "kind", "value"],
                      kind="mergesort", na_position="last")
    out = t[[c for c in COMPARISON_COLUMNS if c in t.columns]].reset_index(drop=True)
    for c in COMPARISON_COLUMNS:
        if c not in out.columns:
            out[c] = ""
    return out[list(COMPARISON_COLUMNS)]


# ----------------------------------------------------------------------------------------
# reading aids: counts per document, a readable list, targets side by side per era

KINDS: tuple[str, ...] = ("target", "achievement", "support")


def _doc_meta(documents: pd.DataFrame | None) -> pd.DataFrame | None:
    if documents is None:
        return None
    if "doc_id" not in documents.columns:
        raise ValueError("documents: needs a doc_id column (corpus.documents or the build's "
                         "documents table).")
    cols = [c for c in ("doc_id", "city", "city_en", "year", "era") if c in documents.columns]
    return documents[cols].drop_duplicates("doc_id")


def _need_columns(targets: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    missing = [c for c in cols if c not in targets.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}; pass the table made "
                         "by extract_targets() (the build's targets table).")


def target_summary(targets: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many numbers of each kind every document states.

    Parameters
    ----------
    targets : DataFrame
        :func:`extract_targets` output (the build's ``targets`` table).
    documents : DataFrame, optional
        Document metadata: every document is listed (with zeros when it states no number),
        with its ``city, city_en, year, era``, in year order.

    Returns
    -------
    DataFrame
        One row per document × kind (``target``, ``achievement``, ``support``):
        ``doc_id, [city, city_en, year, era,] kind, n, n_with_year, n_province`` (numbers
        with a target year; numbers that are the province's goal quoted by the city).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["target", "support"],
    ...     "target_year": [2025, None], "is_province_level": [False, False]})
    >>> target_summary(t).set_index("kind")["n"].to_dict()
    {'target': 1, 'achievement': 0, 'support': 1}
    """
    import pandas as pd

    _need_columns(targets, ["doc_id", "kind", "target_year", "is_province_level"],
                  "target_summary")
    meta = _doc_meta(documents)
    if meta is not None:
        if "year" in meta.columns:
            meta = meta.sort_values(["year", "doc_id"], kind="mergesort")
        docs = list(meta["doc_id"])
    else:
        docs = list(dict.fromkeys(targets["doc_id"]))
    kinds = list(KINDS) + sorted(set(targets["kind"]) - set(KINDS))
    rows = []
    for d in docs:
        sub = targets.loc[targets["doc_id"] == d]
        for k in kinds:
            part = sub.loc[sub["kind"] == k]
            rows.append({"doc_id": d, "kind": k, "n": len(part),
                         "n_with_year": int(part["target_year"].notna().sum()),
                         "n_province": int(part["is_province_level"].astype(bool).sum())})
    out = pd.DataFrame(rows, columns=["doc_id", "kind", "n", "n_with_year", "n_province"])
    out = out.astype({"n": "int64", "n_with_year": "int64", "n_province": "int64"})
    if meta is not None:
        out = out.merge(meta, on="doc_id", how="left")
        front = ["doc_id", *[c for c in meta.columns if c != "doc_id"]]
        out = out[front + [c for c in out.columns if c not in front]]
    return out


def _number(v: float) -> str:
    v = float(v)
    return str(int(v)) if v.is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")


def value_text(value: float, unit: str = "", comparator: str = "=", *,
               value_low: float | None = None, value_high: float | None = None) -> str:
    """A target as a reader writes it: ``≥160家``, ``≈2%``, ``前5位``, ``力争前3位``.

    Examples
    --------
    >>> value_text(160, "家", "≥"), value_text(2, "%", "≈"), value_text(5, "位", "≤")
    ('≥160家', '≈2%', '前5位')
    >>> value_text(3, "位", "aspiration"), value_text(2, "个", "range", value_low=2,
    ...                                                value_high=3)
    ('力争前3位', '2—3个')
    """
    import math

    unit = "" if unit is None or unit != unit else str(unit)
    if comparator == "range" and value_low is not None and value_high is not None \
            and not (math.isnan(value_low) or math.isnan(value_high)):
        return f"{_number(value_low)}—{_number(value_high)}{unit}"
    if unit == "位":  # ranks: "前3位" is "rank 3 or better"
        core = (f"前{_number(value)}位" if comparator in ("≤", "aspiration")
                else f"第{_number(value)}位")
        if comparator == "≤":
            return core
    else:
        core = f"{_number(value)}{unit}"
    sym = {"≥": "≥", "≤": "≤", "≈": "≈", ">": ">", "aspiration": "力争"}.get(comparator, "")
    return f"{sym}{core}"


def target_list(
    targets: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    kinds: Sequence[str] = KINDS,
    window: int = 30,
) -> pd.DataFrame:
    """Every number of every document as a readable list, quoted in its original script.

    Parameters
    ----------
    targets : DataFrame
        :func:`extract_targets` output (the build's ``targets`` table).
    documents : DataFrame, optional
        With ``text_orig`` (``corpus.documents`` or the build's ``documents`` table): the
        quote is cut from the original script around the number; without it the quote is
        cut from ``sentence_orig``. ``city`` and ``year`` are added when present.
    kinds : sequence of str, keyword-only
        The kinds of rows to list.
    window : int, keyword-only
        Characters of context before the number (the quote stays inside its sentence).

    Returns
    -------
    DataFrame
        ``doc_id, [city, year,] kind, indicator, canonical, value_text, value, unit,
        comparator, target_year, baseline, is_province_level, quote, sentence_orig,
        target_id``: one row per number in document order; ``value_text`` as a reader
        writes it (:func:`value_text`), ``baseline`` the stated baseline (``80家 (2020)``),
        ``quote`` the original wording with the number in 【】.

    Examples
    --------
    >>> import analysis
    >>> c = analysis.load_corpus()
    >>> t = target_list(extract_targets(c), c.documents, kinds=["target"])
    >>> "經費占GDP的比重達到【2】%左右" in t.loc[t["doc_id"] == "tonghua_2012", "quote"].iloc[0]
    True
    """
    import pandas as pd

    _need_columns(targets, ["doc_id", "kind", "indicator", "value", "unit", "comparator",
                            "target_year", "char_start", "char_end", "sentence_orig",
                            "sentence_start"], "target_list")
    t = targets.loc[targets["kind"].isin(list(kinds))].reset_index(drop=True)
    originals: dict[str, str] = {}
    if documents is not None and "text_orig" in documents.columns:
        originals = dict(zip(documents["doc_id"], documents["text_orig"], strict=True))
    quotes = []
    for row in t.itertuples(index=False):
        s, e = int(row.char_start), int(row.char_end)
        a = int(row.sentence_start)
        sent = str(row.sentence_orig)
        b = a + len(sent)
        orig = originals.get(row.doc_id)
        if orig is None:  # cut from the sentence itself
            orig, off = sent, a
        else:
            off = 0
        lo, hi = max(a, s - window), min(b, e + max(window // 3, 6))
        quotes.append(f"{orig[lo - off:s - off]}【{orig[s - off:e - off]}】"
                      f"{orig[e - off:hi - off]}")

    def base(r) -> str:
        bv, by = getattr(r, "baseline_value", None), getattr(r, "baseline_year", None)
        if bv is None or pd.isna(bv):
            return ""
        year = "" if by is None or pd.isna(by) else f" ({int(by)})"
        return f"{value_text(bv, r.unit)}{year}"

    out = pd.DataFrame({
        "doc_id": t["doc_id"], "kind": t["kind"], "indicator": t["indicator"],
        "canonical": t["canonical"] if "canonical" in t.columns else "",
        "value_text": [value_text(r.value, r.unit, r.comparator,
                                  value_low=getattr(r, "value_low", None),
                                  value_high=getattr(r, "value_high", None))
                       for r in t.itertuples(index=False)],
        "value": t["value"], "unit": t["unit"], "comparator": t["comparator"],
        "target_year": t["target_year"],
        "baseline": [base(r) for r in t.itertuples(index=False)],
        "is_province_level": t["is_province_level"].astype(bool)
        if "is_province_level" in t.columns else False,
        "quote": quotes, "sentence_orig": t["sentence_orig"],
        "target_id": t["target_id"] if "target_id" in t.columns else "",
    })
    meta = _doc_meta(documents)
    if meta is not None:
        keep = [c for c in ("doc_id", "city", "year") if c in meta.columns]
        out = out.merge(meta[keep], on="doc_id", how="left")
        front = ["doc_id", *keep[1:]]
        out = out[front + [c for c in out.columns if c not in front]]
    return out


def targets_by_era(
    comparison: pd.DataFrame,
    *,
    by: str = "era",
    kinds: Sequence[str] = ("target",),
    wide: bool = False,
) -> pd.DataFrame:
    """The targets of each shared indicator, grouped by era (or city ...), side by side.

    Parameters
    ----------
    comparison : DataFrame
        :func:`compare_targets` output (the build's ``target_comparison`` table).
    by : str, keyword-only
        A column of ``comparison`` (``era``, ``city``, ``doc_id``).
    kinds : sequence of str, keyword-only
        Row kinds to include (add ``"achievement"`` to see where cities stood).
    wide : bool, keyword-only
        One row per indicator and one column per group (for display).

    Returns
    -------
    DataFrame
        Long: ``canonical_id, canonical, canonical_en, <by>, doc_id, n_targets, targets``
        (``doc_id`` = the group's documents joined with ``;``; ``targets`` = each target as
        ``city value (year)``, joined with ``; ``), one row per indicator × group that has
        a target, indicators in comparison order, groups sorted. Wide: ``targets`` with
        ``canonical`` as the index and one column per group ("" where a group sets no
        target on the indicator).

    Examples
    --------
    >>> import analysis
    >>> c = analysis.load_corpus()
    >>> cmp = compare_targets(extract_targets(c), c.documents)
    >>> w = targets_by_era(cmp, wide=True)
    >>> w.loc["R&D经费投入强度", "2010s"]
    '通化市 ≈2% (2015)'
    """
    import pandas as pd

    need = ["canonical_id", "canonical", "doc_id", "city", "kind", "value", "unit",
            "comparator", "target_year"]
    _need_columns(comparison, [*need, by], "targets_by_era")
    c = comparison.loc[comparison["kind"].isin(list(kinds))]
    cols = ["canonical_id", "canonical", "canonical_en", by, "doc_id", "n_targets", "targets"]
    if c.empty:
        out = pd.DataFrame({k: [] for k in cols})
        return out.set_index("canonical")[[]] if wide else out
    c = c.assign(_group=c[by].astype(str))
    if "doc_year" in c.columns:
        c = c.sort_values(["doc_year", "doc_id", "target_year", "value"], kind="mergesort",
                          na_position="last")
    indicators = list(dict.fromkeys(comparison["canonical_id"]))
    rows = []
    for cid in indicators:
        sub = c.loc[c["canonical_id"] == cid]
        for g in sorted(set(sub["_group"])):
            part = sub.loc[sub["_group"] == g]
            texts = []
            for r in part.itertuples(index=False):
                year = "" if pd.isna(r.target_year) else f" ({int(r.target_year)})"
                v = value_text(r.value, r.unit, r.comparator,
                               value_low=getattr(r, "value_low", None),
                               value_high=getattr(r, "value_high", None))
                texts.append(f"{r.city} {v}{year}")
            first = part.iloc[0]
            rows.append({"canonical_id": cid, "canonical": first["canonical"],
                         "canonical_en": first.get("canonical_en", ""), by: g,
                         "doc_id": ";".join(dict.fromkeys(part["doc_id"])),
                         "n_targets": len(part), "targets": "; ".join(texts)})
    out = pd.DataFrame(rows, columns=cols)
    if not wide:
        return out
    groups = sorted(set(out[by]))
    tab = out.pivot(index="canonical", columns=by, values="targets").reindex(
        index=list(dict.fromkeys(out["canonical"])), columns=groups).fillna("")
    tab.columns.name = by
    return tab


# ----------------------------------------------------------------------------------------
