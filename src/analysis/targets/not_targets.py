"""Numbers that are no target, achievement or support amount, and are left out of the table.

A policy text holds many numbers that set no goal and report no result: eligibility
conditions, procedural limits of a call, how often a procedure runs ("每年复核1次"), the
weights of an assessment ("权重为40%"), the sizes of the text's own lists, example figures
of a case description or an application template, vague quantities written without a
number ("万企", "千家企业"), names that contain numbers ("“1+N”(1个平台…)") and rates of a
voucher or payment rule. :func:`left_out` tells them apart; the words it reads are the
``[exclude]`` and ``[not_target]`` sections of ``resources/target_rules.toml`` (or the
rules file you pass as ``rules=``; a copy without ``[not_target]`` reads it as empty).

They are dropped rather than kept with a kind of their own: the targets table, its summaries,
figures and comparisons, and the scorer all see the same rows, and no consumer needs to
filter a kind out.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest
from analysis.targets.context import DocumentContext
from analysis.targets.numbers import Quantity
from analysis.targets.rule_reader import per_rules
from analysis.targets.rules import TargetRules
from analysis.targets.spans import clean_left, clean_right

__all__ = ["NotTargetRules", "blank_out", "left_out", "not_target_rules"]

_NEVER = re.compile("(?!)")


def _alt(words: list[str]) -> re.Pattern[str]:
    if not words:
        return _NEVER
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(
        set(words), key=lambda w: (-len(w), w))) + ")")


@dataclass(frozen=True)
class NotTargetRules:
    """The compiled ``[not_target]`` words (and the kind words :mod:`kinds` adds)."""

    condition: re.Pattern[str] = _NEVER
    condition_heading: re.Pattern[str] = _NEVER
    procedure_heading: re.Pattern[str] = _NEVER
    condition_lead: re.Pattern[str] = _NEVER
    condition_list_max: int = 0
    norm_after: re.Pattern[str] = _NEVER
    quota_label: re.Pattern[str] = _NEVER
    quota_verb: re.Pattern[str] = _NEVER
    quota_not_with: re.Pattern[str] = _NEVER
    definition: re.Pattern[str] = _NEVER
    definition_not_in: re.Pattern[str] = _NEVER
    rejection: re.Pattern[str] = _NEVER
    example_line: re.Pattern[str] = _NEVER
    form_mark: re.Pattern[str] = _NEVER
    vague: frozenset[str] = frozenset()
    vague_kept_after: re.Pattern[str] = _NEVER
    name_after: re.Pattern[str] = _NEVER
    rule_rate: re.Pattern[str] = _NEVER
    payment: re.Pattern[str] = _NEVER
    share_noun: re.Pattern[str] = _NEVER
    list_head: re.Pattern[str] = _NEVER
    measure_units: frozenset[str] = frozenset()
    bound_property: re.Pattern[str] = _NEVER
    outcome: re.Pattern[str] = _NEVER
    call_quota: re.Pattern[str] = _NEVER
    call_noun: re.Pattern[str] = _NEVER
    norm_bound: re.Pattern[str] = _NEVER
    past_not_in: re.Pattern[str] = _NEVER
    future_not_in: re.Pattern[str] = _NEVER
    requirement_cues: frozenset[str] = frozenset()
    report_not_title: re.Pattern[str] = _NEVER
    report_goal_heading: re.Pattern[str] = _NEVER
    plan_past: re.Pattern[str] = _NEVER
    level_words: re.Pattern[str] = _NEVER
    support_after: re.Pattern[str] = _NEVER
    breakdown: re.Pattern[str] = _NEVER
    public_funds: re.Pattern[str] = _NEVER
    funding_verbs: re.Pattern[str] = _NEVER
    per_unit: re.Pattern[str] = _NEVER
    support_lead: re.Pattern[str] = _NEVER
    fund_setup: re.Pattern[str] = _NEVER
    enumerated: re.Pattern[str] = _NEVER
    announced: re.Pattern[str] = _NEVER
    announced_goal: re.Pattern[str] = _NEVER
    frequency: re.Pattern[str] = _NEVER
    frequency_units: frozenset[str] = frozenset()
    weight: re.Pattern[str] = _NEVER


def not_target_rules(rules: TargetRules) -> NotTargetRules:
    """The ``[not_target]`` rules of the file ``rules`` was read from (cached by content).

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> bool(not_target_rules(load_rules()).rejection.search("将不予受理"))
    True
    """
    return per_rules(_BY_RULES, rules, lambda: NotTargetRules() if not rules.source else _cached(
        rules.source, text_digest(resource_text(rules.source))))


# the rules read for each rules object
_BY_RULES: dict[int, tuple[TargetRules, NotTargetRules]] = {}


@lru_cache(maxsize=8)
def _cached(source: str, digest: str) -> NotTargetRules:
    data = read_toml(source)
    section = data.get("not_target") or {}
    kind = data.get("kind") or {}
    exclude = data.get("exclude") or {}

    def words(sec: dict[str, object], key: str, name: str) -> list[str]:
        value = sec.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{source}: [{name}] {key} must be a list of strings.")
        return value

    def nt(key: str) -> list[str]:
        return words(section, key, "not_target")

    list_max = section.get("condition_list_max", 0)
    if not isinstance(list_max, int) or isinstance(list_max, bool) or list_max < 0:
        raise ValueError(f"{source}: [not_target] condition_list_max must be a whole number "
                         "of characters (0 or more).")
    procedure = nt("procedure_headings")
    openers = nt("example_openers")
    example_line = _NEVER if not openers else re.compile(
        r"^[ 　]*" + _alt(openers).pattern
        + r"[ ]?(?:[\d一二三四五六七八九十]{1,3})?[ ]?(?:[:：][^。\n]{0,30})?[ ]*$",
        re.MULTILINE)
    rate = nt("rule_rate_before")
    per, per_not = nt("per_unit"), nt("per_unit_not_after")
    per_unit = _NEVER if not per else re.compile(
        _alt(per).pattern + ("(?!" + _alt(per_not).pattern + ")" if per_not else "")
        + r"[\u4e00-\u9fff]{1,3}[ ]?$")
    lists = words(exclude, "list_nouns", "exclude")
    enumerated = nt("enumerated_nouns")
    announcers = nt("list_announcers")
    goal_verbs = nt("announced_goal_verbs")
    return NotTargetRules(
        frequency=_NEVER if not (nt("procedure_frequency") and nt("procedure_verbs")) else (
            re.compile("(?:{0}[^,;。]{{0,6}}?{1}|{1}[^,;。]{{0,6}}?{0})[^,;。]{{0,6}}$".format(
                _alt(nt("procedure_frequency")).pattern, _alt(nt("procedure_verbs")).pattern))),
        frequency_units=frozenset(nt("frequency_units")),
        weight=_NEVER if not nt("weight_cues") else re.compile(
            _alt(nt("weight_cues")).pattern + r"(?:为|是|占)?[ ]?$"),
        announced_goal=_NEVER if not (announcers and goal_verbs) else re.compile(
            _alt(goal_verbs).pattern + _alt(announcers).pattern + "[ ]?$"),
        announced=_NEVER if not announcers else re.compile(
            r"(?<![\d万亿千百元%])" + _alt(announcers).pattern + "[ ]?$"),
        enumerated=_NEVER if not enumerated else re.compile(
            r"[\u4e00-\u9fff]{0,8}?" + _alt(enumerated).pattern),
        condition=_alt(nt("condition_cues")),
        condition_heading=_alt(nt("condition_headings")),
        procedure_heading=_NEVER if not procedure else re.compile(
            "[ ]?(?:" + _alt(nt("procedure_heading_prefixes")).pattern + ")*"
            + _alt(procedure).pattern + r"[ ]?[:：]?[ ]*"),
        condition_list_max=list_max,
        condition_lead=_NEVER if not nt("condition_list_leads") else re.compile(
            _alt(nt("condition_list_leads")).pattern + r"[ ]?[:：][ ]*$", re.MULTILINE),
        norm_after=_NEVER if not nt("norm_after") else re.compile(
            r"[ ]?" + _alt(nt("norm_after")).pattern),
        quota_label=_alt(nt("quota_labels")),
        quota_verb=_alt(nt("quota_verbs") + nt("quota_counts")),
        quota_not_with=_alt(nt("quota_not_with")),
        definition=_alt(nt("definition_cues")),
        definition_not_in=_alt(nt("definition_not_in")),
        rejection=_alt(nt("rejections")),
        example_line=example_line,
        form_mark=_alt(nt("form_marks")),
        vague=frozenset(nt("vague_numbers")),
        vague_kept_after=_alt(nt("vague_kept_after")),
        name_after=_alt(nt("name_after")),
        rule_rate=_NEVER if not rate else re.compile(
            r"(?<!拟)" + _alt(rate).pattern + r"[ ]?(?:不高于|不超过|不低于|最高|最多)?[ ]?$"),
        payment=_alt(nt("payment_words")),
        share_noun=_alt(nt("share_nouns")),
        list_head=_NEVER if not lists else re.compile(
            "^" + _alt(lists).pattern + "(?:的|相关|$)|^[^,;。]{0,12}的" + _alt(lists).pattern
            + "$"),
        measure_units=frozenset(nt("measure_units")),
        bound_property=_NEVER if not nt("bound_properties") else re.compile(
            _alt(nt("bound_properties")).pattern + r"(?:[应须需]|均|一般)?$"),
        outcome=_alt(nt("outcome_words")),
        call_quota=_NEVER if not (nt("call_quota_verbs") and nt("call_nouns")) else re.compile(
            "(" + _alt(nt("call_nouns")).pattern + ")?" + _alt(nt("call_quota_verbs")).pattern
            + "(" + _alt(nt("call_nouns")).pattern
            + r"数?(?:原则上)?)?[^\u4e00-\u9fff\d]{0,1}(?:不超过|不多于|最多|共|约)?[ ]?$"),
        call_noun=_NEVER if not nt("call_nouns") else re.compile(
            r"[\u4e00-\u9fff]{0,8}?" + _alt(nt("call_nouns")).pattern),
        norm_bound=_alt(nt("norm_bounds")),
        past_not_in=_alt(words(kind, "past_cue_not_in", "kind")),
        future_not_in=_alt(words(kind, "future_cue_not_in", "kind")),
        requirement_cues=frozenset(words(kind, "requirement_cues", "kind")),
        report_not_title=_alt(words(kind, "report_not_titles", "kind")),
        report_goal_heading=_alt(words(kind, "report_goal_headings", "kind")),
        plan_past=_alt(words(kind, "plan_past_cues", "kind")),
        level_words=_alt(words(kind, "level_words", "kind")),
        support_after=_alt(words(kind, "support_after", "kind")),
        breakdown=_NEVER if not words(kind, "breakdown_openers", "kind") else re.compile(
            "^" + _alt(words(kind, "breakdown_openers", "kind")).pattern),
        public_funds=_alt(words(kind, "public_funds", "kind")),
        funding_verbs=_alt(words(kind, "funding_verbs", "kind")),
        per_unit=per_unit,
        fund_setup=_alt(words(kind, "fund_setup_verbs", "kind")),
        support_lead=_NEVER if not words(kind, "support_leads", "kind") else re.compile(
            "^(?:" + _alt(words(kind, "support_leads", "kind")).pattern
            + r"|第[一二三四五六七八九十\d]+年|分[一二三四五六七八九十\d]+年)+"),
    )


# the term of a formula that a bracketed number weighs: "考评分值=日常监测(60%)"
_FORMULA_TERM = re.compile(r"[=+＋×][^,;。\n=+]{0,16}\($")
# the end of an example block: an attachment line or an outline heading
_BLOCK_END = re.compile(r"^[ 　]*(?:附件?[ ]?\d|[一二三四五六七八九十]+、"
                        r"|[(（][一二三四五六七八九十]+[)）]"
                        r"|第[一二三四五六七八九十]+[章节部分篇])", re.MULTILINE)
# how far an example block reaches at most, and a form mark before a number
_BLOCK_MAX = 3000
_FORM_WINDOW = 80
# "“1+N”(1个省级平台": a number inside the brackets after a quoted name holding a digit
_NAMED_BRACKET = re.compile(r"[“\"][^”\"\n]{0,12}\d[^”\"\n]{0,12}[”\"][ ]?[(（][^)）\n]{0,3}$")
# nouns that name the goal a measure sets ("100亿元以上目标", "1.3万亿斤以上水平"), not
# which ones it counts
_GOAL_NOUNS = "目标|水平|任务|规模|预期|总量"
# "%的解决方案": a percentage that qualifies the noun after it
_QUALIFIES = re.compile(r"[ ]?的(?!" + _GOAL_NOUNS + r"|补助|奖励|资助|补贴|奖补|资金"
                        r"|经费)[\u4e00-\u9fff]{2}")

# "20人以上的自然村": a measure with a bound (以上, 以下, 以内) that qualifies the noun after it
# (a chain of such measures, "人口100人以上、20户以上的自然村", too)
_BOUND_QUALIFIES = re.compile(r"[ ]?[\u4e00-\u9fffA-Za-z/]{0,6}?(?:及)?(?:以上|以下|以内)"
                              r"(?:、[^,;。、\n]{1,10}?(?:以上|以下|以内))*" + _QUALIFIES.pattern)
# "120万吨/年以上大型煤矿", "3000万人次以上大型机场": a measure with a bound right before a
# noun qualifies it as well (not before a conjunction or a verb of the clause: "以上并…")
_BOUND_NOUN = re.compile(r"[ ]?[\u4e00-\u9fffA-Za-z/]{0,6}?(?:及)?(?:以上|以下)"
                         r"(?![并和及或且为是则的]|" + _GOAL_NOUNS + r")[\u4e00-\u9fff]{2}")
# "面积在10000平方米以上的,", "超过300平方米(含)的,": a measure whose clause ends in 的 says
# which ones the rest of the sentence is about, it is a condition
_CONDITION_CLAUSE = re.compile(r"[^\s,;。:的]{0,12}?(?:[(（]含[)）])?的[,;]")
# a ranking right before the noun it qualifies ("前100名高校", "前30位的企业") says which
# ones; a rank goal ends its phrase or names a rank group ("前10位行列", "第3位以内")
# ("第五名的成绩" reports a result)
_RANK_QUALIFIES = re.compile(r"[ ]?的?+(?!行列|以内|之内|之列|水平|目标|左右|以上|成绩|好成绩"
                             r"|名次|[和及与或、,;])[\u4e00-\u9fff]{2}")
# "1 千个": a magnitude written after digits is no vague quantity
_DIGIT_BEFORE = re.compile(r"\d[ ]?$")


def _example_blocks(doc: DocumentContext) -> tuple[list[int], list[int]]:
    """Starts and ends of the example and template blocks of the document."""
    key = "example_blocks"
    if key not in doc.cache:
        p, nt = doc.p, not_target_rules(doc.rules)
        starts, ends = [], []
        for m in nt.example_line.finditer(p):
            if starts and m.start() < ends[-1]:
                continue
            stop = _BLOCK_END.search(p, m.end() + 1, min(len(p), m.end() + _BLOCK_MAX))
            starts.append(m.end())
            ends.append(stop.start() if stop else min(len(p), m.end() + _BLOCK_MAX))
        doc.cache[key] = (starts, ends)
    return doc.cache[key]  # type: ignore[return-value]


def _in_example(doc: DocumentContext, pos: int) -> bool:
    starts, ends = _example_blocks(doc)
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < ends[k]


def _legacy(doc: DocumentContext, q: Quantity, ca: int, cb: int) -> str:
    """The ``[exclude]`` rules: procedural limits, norms, comparisons of targets, list
    sizes, weights of a scoring formula."""
    p, rules = doc.p, doc.rules
    if rules.procedural.search(p, ca, cb):
        return "procedural limit"
    if rules.norm.search(p, ca, cb):
        return "norm"
    if rules.target_comparison.search(p, ca, q.start):
        return "comparison of targets"
    right = clean_right(p[q.full_end:cb], doc)
    counted = q.value == int(q.value) and q.unit not in rules.magnitudes   # not "1.5万类"
    if counted and (rules.list_count.match(right) or not_target_rules(rules).list_head.match(
            p[q.full_end:cb].strip(" "))):
        return "list size"
    if p[q.end:q.end + 1] == ")" or p[q.full_end:q.full_end + 1] == ")":
        after = p[q.full_end:q.full_end + 3].lstrip(")")
        if rules.formula_weight.match(")" + after) or _FORMULA_TERM.search(
                p, max(0, q.start - 20), q.start):
            return "formula weight"
    if counted and not_target_rules(rules).announced.search(p, max(0, q.start - 6), q.start) \
            and not _goal_governs(doc, q.start):
        return "list size"   # "组织制定如下11项工程标准。(1)…": counts the list that follows
    if (counted and math.isnan(q.high) and not_target_rules(rules).enumerated.match(
            p, q.full_end) and _items_before(p, q.start - _LIST_WINDOW, q.start) == q.value):
        return "list size"   # "物理安全、网络安全、…、数据安全5个层面": counts its list
    return ""


# how far back a goal year before an announced count is looked for, within its sentence
_GOAL_WINDOW = 40
_SENTENCE_END = re.compile(r"[。;!?\n]")


def _goal_governs(doc: DocumentContext, pos: int) -> bool:
    """A goal governs the announced count at ``pos``: a goal verb right before the
    announcer ("建成以下5个平台") or a goal year ("到2025年,") earlier in its sentence."""
    p, nt = doc.p, not_target_rules(doc.rules)
    if nt.announced_goal.search(p, max(0, pos - 8), pos):
        return True
    a = max(0, pos - _GOAL_WINDOW)
    a += max((m.end() for m in _SENTENCE_END.finditer(p, a, pos)), default=a) - a
    return any(m.group("to") and m.group("year") for m in doc.rules.time.finditer(p, a, pos))


# the items of an enumeration right before a count: "A、B、C(等)" or "“A”“B”“C”"
_LIST_WINDOW = 120
_CLAUSE_BREAK = re.compile(r"[,;:。!?,;:\n(（]")
_QUOTED = re.compile(r"“[^“”]{1,20}”")
_DIGIT = re.compile(r"\d")
_ITEM_MAX = 16


def _items_before(p: str, a: int, b: int) -> int:
    """How many items the enumeration that ends right before ``b`` lists (0 when none).

    Examples
    --------
    >>> _items_before("依托济南、青岛、潍坊3个基地", 0, 10)
    3
    >>> _items_before("发布《要求》等30项标准", 0, 9)
    0
    """
    chunk = p[max(a, 0):b].rstrip(" ")
    chunk = chunk[:-1].rstrip(" ") if chunk.endswith("等") else chunk
    quoted = re.search(r"(?:“[^“”]{1,20}”[、 ]?){2,}$", chunk)
    if quoted:
        return len(_QUOTED.findall(quoted.group(0)))
    breaks = list(_CLAUSE_BREAK.finditer(chunk))
    chunk = chunk[breaks[-1].end():] if breaks else chunk
    last = chunk.rsplit("、", 1)[-1]
    if "、" not in chunk or "等" in last or _DIGIT.search(chunk) or len(last) > _ITEM_MAX:
        return 0   # items of quantities ("二等奖4项、一等奖2项"), or a list of fields
    return chunk.count("、") + 1


# outline labels by level: 1 for 一、 and 第X章, 2 for (一), 3 for 1.; the items of a list
# also take 4 for (1) and 5 for ①
_TOP = r"[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分篇]"
_MID = r"[(（][一二三四五六七八九十]+[)）]"
_LOW = r"\d{1,2}[.、．](?!\d)"
# a heading line: an outline label and a short text without a full stop
_HEADING = re.compile(
    rf"^[ \t　]*(?:(?P<top>{_TOP})|(?P<mid>{_MID})|{_LOW})(?P<text>[^。;!?\n]{{1,40}})$",
    re.MULTILINE)
# the label an item line opens with
_ITEM = re.compile(rf"[ \t　]*(?:(?P<l1>{_TOP})|(?P<l2>{_MID})|(?P<l3>{_LOW})"
                   r"|(?P<l4>[(（]\d{1,2}[)）])|(?P<l5>[①-⑳]))")
_SEMICOLON_END = re.compile(r"[;；][ ]*$")


def _headings(doc: DocumentContext) -> list[tuple[int, int, bool]]:
    """Start, level and condition flag of every heading line of the document (cached)."""
    heads = doc.cache.get("condition_headings")
    if heads is None:
        nt = not_target_rules(doc.rules)
        heads = doc.cache["condition_headings"] = [
            (m.start(), 1 if m.group("top") else 2 if m.group("mid") else 3,
             bool(nt.condition_heading.search(m.group(0))
                  or nt.procedure_heading.fullmatch(m.group("text"))))
            for m in _HEADING.finditer(doc.p)]
    return heads  # type: ignore[return-value]


def _under_condition_heading(doc: DocumentContext, pos: int) -> bool:
    """The nearest heading line above ``pos``, or a heading it sits under, names
    conditions ("三、申请条件", "(一)申报条件") or is a call's procedure
    ("一、项目组织申报工作流程"): its numbers say who qualifies."""
    nt = not_target_rules(doc.rules)
    if nt.condition_heading is _NEVER and nt.procedure_heading is _NEVER:
        return False
    heads = _headings(doc)
    k = bisect.bisect_right(heads, (pos, 4, True)) - 1
    if k < 0:
        return False
    _, level, cond = heads[k]
    # up through the headings above it: the nearest one of each higher level
    while not cond and level > 1 and k > 0:
        k -= 1
        above, c = heads[k][1], heads[k][2]
        if above < level:
            level, cond = above, c
    return bool(cond)


def _item_level(p: str, pos: int) -> int:
    """The level of the outline label the line at ``pos`` opens with (0 when none)."""
    m = _ITEM.match(p, pos)
    if m is None:
        return 0
    return next(int(k[1]) for k, v in m.groupdict().items() if v)


def _list_end(doc: DocumentContext, lead_line: int, start: int, limit: int) -> int:
    """Where the list of conditions whose lead line starts at ``lead_line`` (its items from
    ``start``, the next line) ends: at the first line that is no item of the first item's
    level or a deeper one (blank lines between items are skipped), or at a heading of the
    lead's own heading level or a higher one; a first line without a label starts unlabelled
    items that end after the first line not ending in a semicolon. At most at ``limit``."""
    p = doc.p
    heads = _headings(doc)
    k = bisect.bisect_right(heads, (lead_line, 4, True)) - 1
    own = heads[k][1] if k >= 0 else 0      # no heading above: only the items end the list
    level = -1                              # the first item's level, once read
    pos = start
    while pos < limit:
        nl = p.find("\n", pos, limit)
        end = limit if nl < 0 else nl
        if p[pos:end].strip(" \t　"):
            lv = _item_level(p, pos)
            if level < 0:
                level = lv
            else:
                h = bisect.bisect_left(heads, (pos, 0, False))
                if h < len(heads) and heads[h][0] == pos and heads[h][1] <= own:
                    return pos      # a heading of the lead's own level or a higher one
                if (lv == 0 or lv < level) if level else lv:
                    return pos      # a plain line, an article or a higher-level item
            if not level and not _SEMICOLON_END.search(p, pos, end):
                return end          # the last unlabelled item
        pos = end + 1
    return min(limit, len(p))


def _in_condition_list(doc: DocumentContext, pos: int) -> bool:
    """``pos`` is inside the items of a list a line ending in a condition lead announces
    ("驾驶人应符合下列条件:" then "(二)…具有2年以上驾驶经历;"), up to the first line that is
    no item of the list: its numbers say who or what qualifies."""
    nt = not_target_rules(doc.rules)
    if nt.condition_lead is _NEVER or nt.condition_list_max <= 0:
        return False
    spans = doc.cache.get("condition_lists")
    if spans is None:
        p, spans = doc.p, []
        for m in nt.condition_lead.finditer(p):
            start = m.end() + 1
            if start >= len(p):
                continue
            stop = _list_end(doc, p.rfind("\n", 0, m.start()) + 1, start,
                             min(len(p), m.end() + nt.condition_list_max))
            spans.append((start, stop))
        doc.cache["condition_lists"] = spans
    k = bisect.bisect_right(spans, (pos, len(doc.p) + 1)) - 1   # type: ignore[arg-type]
    return k >= 0 and pos < spans[k][1]   # type: ignore[index]


def _upper_bound(doc: DocumentContext, q: Quantity, left: str) -> bool:
    """``q`` is capped: an upper bound after it (以内) or right before it (不超过, 最多); a
    bound earlier in the phrase bounds another number ("申报不超过3个项目的企业数量达到100家")."""
    rules = doc.rules
    if q.comparator == "≤":
        return True
    tail = rules.before_cmp_tail.search(left)
    before = rules.before_cmp.findall(tail.group(0)) if tail else []
    return bool(before) and q.comparator == "=" and rules.before_map.get(before[-1]) == "≤"


def _bound_property(doc: DocumentContext, left: str) -> bool:
    """A bound is written right before the number, and a measured property right before the
    bound ("宽度不低于", "壁厚应不小于")."""
    tail = doc.rules.before_cmp_tail.search(left)
    return bool(tail and doc.rules.before_cmp.findall(tail.group(0))
                and not_target_rules(doc.rules).bound_property.search(left, 0, tail.start()))


def _bounded_outcome(doc: DocumentContext, match: re.Match[str] | None) -> bool:
    """The bounded measure ``match`` ends at an outcome ("1万户以上增收", "…以上的良好局面")."""
    return match is not None and bool(not_target_rules(doc.rules).outcome.search(
        doc.p, max(0, match.end() - 2), match.end() + 4))


def _call_quota(doc: DocumentContext, q: Quantity, ca: int) -> bool:
    """A call's plan of how many projects it funds ("拟启动12个项目", "拟支持项目不超过20项")."""
    p, nt = doc.p, not_target_rules(doc.rules)
    m = nt.call_quota.search(p, ca, q.start)
    return m is not None and bool(m.group(1) or m.group(2) or nt.call_noun.match(p, q.full_end))


def _procedure(doc: DocumentContext, q: Quantity, ca: int, goal_time: bool) -> str:
    """Why ``q`` belongs to a procedure rather than a goal: how often it runs ("每年复核1次")
    or an indicator's weight in an assessment ("权重为40%") ("" when neither)."""
    p, nt = doc.p, not_target_rules(doc.rules)
    if (not goal_time and q.unit in nt.frequency_units
            and nt.frequency.search(p, ca, q.start)):
        return "procedure frequency"
    if nt.weight.search(p, max(ca, q.start - 8), q.start):
        return "weight"
    return ""


def blank_out(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with every match of ``pattern`` blanked out by NUL characters (offsets kept),
    so a cue inside a longer word is not found ("要" in "主要").

    Examples
    --------
    >>> blank_out(re.compile("主要"), "主要平台要接入").replace("\\x00", "_")
    '__平台要接入'
    """
    return pattern.sub(lambda m: "\x00" * len(m.group(0)), text)


def left_out(doc: DocumentContext, q: Quantity, ca: int, cb: int, sent: tuple[int, int],
             kind: str, *, goal_time: bool = False) -> str:
    """Why quantity ``q`` is no target, achievement or support amount ("" when it is one).

    ``ca, cb`` are its phrase's bounds, ``sent`` its sentence's and ``kind`` the kind it
    would get; ``goal_time`` tells that its sentence names a goal time ("到2025年").
    Support amounts are only tested for rejection rules, examples and forms
    ("最高不超过200万元" is the support itself).

    Examples
    --------
    >>> from analysis.targets import targets_from_text
    >>> t = targets_from_text("原则上应具备以下条件:相关产业规模超过50亿元。"
    ...                       "到2025年,力争培育高新技术企业200家。", year=2023)
    >>> t.value.tolist()
    [200.0]
    """
    p, nt = doc.p, not_target_rules(doc.rules)
    if nt.rejection.search(p, ca, cb):
        return "rejection rule"
    if _in_example(doc, q.start):
        return "example"
    if nt.form_mark.search(p, max(0, q.start - _FORM_WINDOW), q.start) and "。" not in p[
            max(0, q.start - _FORM_WINDOW):q.start]:
        return "form field"
    text = p[q.start:q.end].strip()
    before = p[max(0, q.start - 2):q.start]
    if text in nt.vague and not nt.vague_kept_after.search(before) and not _DIGIT_BEFORE.search(
            before):
        return "vague quantity"
    if kind == "support":
        return ""
    line = p.rfind("\n", 0, q.start) + 1
    if nt.quota_label.search(p, line, q.start):
        return "call quota"
    if _call_quota(doc, q, ca):
        return "call quota"  # "拟启动12个项目": how many projects a call plans to fund
    if not goal_time and nt.norm_bound.search(p, ca, cb):
        return "norm"        # "杆体壁厚不应小于3.5mm": a bound a standard sets
    capped = _upper_bound(doc, q, p[ca:q.start])
    if (capped and nt.quota_verb.search(p, ca, q.start) and not goal_time
            and not nt.quota_not_with.search(p, sent[0], sent[1])):
        return "call quota"  # "各省推荐项目不超过10个": how many a call admits
    defined = blank_out(nt.definition_not_in, p[sent[0]:q.start])
    if nt.definition.search(defined, ca - sent[0]) or (
            capped and not goal_time and nt.definition.search(defined)):
        return "definition"  # "“标准群”是指以至少1项国家标准为核心…"
    if (nt.condition.search(p, sent[0], sent[1]) or _under_condition_heading(doc, q.start)
            or _in_condition_list(doc, q.start)):
        return "condition"
    why = _procedure(doc, q, ca, goal_time)
    if why:
        return why
    if nt.name_after.match(p, q.full_end) or nt.name_after.match(p, q.end) or (
            _NAMED_BRACKET.search(p, max(0, q.start - 30), q.start)):
        return "name"
    left = p[ca:q.start]
    table = doc.rules.unit_table
    base = table.to_base(q.value, q.unit)[1] if table is not None and q.unit else ""
    bounded = _BOUND_QUALIFIES.match(p, q.end) or _BOUND_NOUN.match(p, q.end)
    if base in nt.measure_units and ((bounded and not _bounded_outcome(doc, bounded)) or (
            _bound_property(doc, left) and _QUALIFIES.match(p, q.full_end))):
        return "threshold"   # "20人以上的自然村", "宽度不低于3.5米的硬化路": which ones
    if _CONDITION_CLAUSE.match(p, q.full_end):
        return "condition"
    if q.is_rank and _RANK_QUALIFIES.match(p, q.full_end):
        return "threshold"   # "自然指数前100名高校", "排名前30的企业": which ones
    if nt.norm_after.match(p, q.full_end):
        return "norm"        # "每个正式员工不超过10平方米的标准": a norm a measure applies
    if q.value == 1 and nt.per_unit.search(left):
        return "per unit"    # "每认定1家高新技术企业,奖励…": the unit a payment counts
    if q.unit == "%":
        if (nt.rule_rate.search(left) or nt.payment.search(left)) and not (
                doc.rules.support_grant.search(p, q.full_end, cb)):
            return "rate of a rule"
        if nt.share_noun.search(clean_left(left, doc)) and _QUALIFIES.match(p, q.full_end):
            return "threshold"
    return _legacy(doc, q, ca, cb)
