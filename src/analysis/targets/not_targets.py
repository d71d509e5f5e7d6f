"""Numbers that are no target, achievement or support amount, and are left out of the table.

A policy text holds many numbers that set no goal and report no result: eligibility
conditions, procedural limits and quotas of a call, the bounds a standard sets, the
weights of an assessment ("权重为40%"), the sizes of the text's own lists, example figures
of a case description or an application template, vague quantities written without a
number ("万企", "千家企业"), names that contain numbers ("“1+N”(1个平台…)") and rates of a
voucher or payment rule. :func:`left_out` tells them apart; the words it reads are the
``[exclude]`` and ``[not_target]`` sections of ``resources/target_rules.toml`` (or the
rules file you pass as ``rules=``; a copy without ``[not_target]`` reads it as empty),
compiled by :mod:`left_out_rules`; where the conditions of a text are is
:mod:`condition_spans`.

They are dropped rather than kept with a kind of their own: the targets table, its summaries,
figures and comparisons, and the scorer all see the same rows, and no consumer needs to
filter a kind out.
"""

from __future__ import annotations

import bisect
import math
import re

from analysis.targets.condition_spans import in_condition_list, under_condition_heading
from analysis.targets.context import DocumentContext
from analysis.targets.left_out_rules import NotTargetRules, not_target_rules
from analysis.targets.numbers import Quantity
from analysis.targets.spans import clean_left, clean_right

__all__ = ["NotTargetRules", "blank_out", "left_out", "not_target_rules"]

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
    """The bounded measure ``match`` ends at an outcome: an outcome verb ends the phrase
    ("1万户以上增收。") or a result noun ends the noun the bound qualifies ("…以上的良好局面");
    "吸纳100人以上就业的企业" names which firms count."""
    if match is None:
        return False
    bound = max(match.group(0).rfind(w) for w in ("以上", "以下", "以内"))
    return bool(not_target_rules(doc.rules).outcome.match(doc.p, match.start() + bound))


def _call_quota(doc: DocumentContext, q: Quantity, ca: int) -> bool:
    """A call's plan of how many projects it funds ("拟启动12个项目", "拟支持项目不超过20项");
    with the number before the noun, only a measure word may come between them."""
    p, nt = doc.p, not_target_rules(doc.rules)
    m = nt.call_quota.search(p, ca, q.start)
    return m is not None and bool(m.group(1) or m.group(2) or nt.call_noun.match(p, q.end))


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
    if (nt.condition.search(p, sent[0], sent[1]) or under_condition_heading(doc, q.start)
            or in_condition_list(doc, q.start)):
        return "condition"
    if nt.weight.search(p, max(ca, q.start - 8), q.start):
        return "weight"      # "权重为40%": an indicator's weight in an assessment
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
