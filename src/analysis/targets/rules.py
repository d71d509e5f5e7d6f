"""The extraction rules: word lists and patterns read from ``resources/target_rules.toml``.

Every cue word and pattern the extractor matches lives in that file, not in code:
:func:`load_rules` reads it (or your own copy, by path) once, checks it and compiles it into
a :class:`TargetRules`. Word lists become regex alternations with the longest words first,
so "不低于" wins over "低于"; the ``[patterns]`` entries are regular expressions in which
``{HAN}`` stands for any Han character.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.resources import read_toml, resource_text, text_digest
from analysis.targets.rule_reader import (
    _group,
    _not_before,
    _optional,
    _optional_pattern,
    _Reader,
    _time_extras,
    _trie_alt,
)
from analysis.targets.rule_reader import (
    alternation as _alt,
)
from analysis.targets.units import UnitTable, load_units
from analysis.text.chars import CN_DIGITS, CN_NUMERAL_CHARS, HAN

__all__ = ["TargetRules", "load_rules"]

PathLike = str | os.PathLike[str]


# "年内" after a count ("两年内") is a relative time, not the document's year
_NO_COUNT_BEFORE = r"(?<![\d年一二两三四五六七八九十百几多])"


@dataclass(frozen=True)
class TargetRules:
    """The compiled extraction rules (see ``resources/target_rules.toml`` for each entry).

    Made by :func:`load_rules`; pass one as ``rules=`` to reuse it without re-reading the
    file. Word sets are frozensets or tuples, patterns are compiled regular expressions.
    """

    # [units]: what counts as a quantity
    units: dict[str, str]
    money: frozenset[str]
    magnitudes: frozenset[str]
    magnitude_joiner: re.Pattern[str]
    shared_relative: re.Pattern[str]
    rank_units: frozenset[str]
    multiple_unit: str
    quantity: re.Pattern[str]
    not_counted: re.Pattern[str]
    programme: re.Pattern[str]
    programme_end: re.Pattern[str]
    range_words: frozenset[str]
    cn_numeral_context: re.Pattern[str]
    cn_not_numbers: frozenset[str]
    percent: re.Pattern[str]
    implied_percent: re.Pattern[str]
    # [ranks]
    rank_unit: str
    rank_before: re.Pattern[str]
    rank_top: tuple[str, ...]
    ordinal: tuple[str, ...]
    figure: tuple[str, ...]
    # [comparators]
    approx_after: frozenset[str]
    at_least_after: frozenset[str]
    at_most_after: frozenset[str]
    before_cmp: re.Pattern[str]
    before_cmp_tail: re.Pattern[str]
    before_map: dict[str, str]
    aspiration: re.Pattern[str]
    # [time]
    time: re.Pattern[str]
    relative: re.Pattern[str]
    past_span: re.Pattern[str]
    goal_period: re.Pattern[str]
    annual: re.Pattern[str]
    now: re.Pattern[str]
    report_title: re.Pattern[str]
    this_year: re.Pattern[str]
    next_year: re.Pattern[str]
    last_year: re.Pattern[str]
    past_to: frozenset[str]
    plans: dict[str, tuple[int, int]]
    plan_end: frozenset[str]
    compared_with: re.Pattern[str]
    from_before: tuple[str, ...]
    from_after: tuple[str, ...]
    relative_not_after: tuple[str, ...]
    relative_after_event: re.Pattern[str]
    # [kind]
    support_verbs: re.Pattern[str]
    support_grant: re.Pattern[str]
    past_cues: re.Pattern[str]
    future_cues: re.Pattern[str]
    requirement_before: re.Pattern[str]
    achievement_headings: re.Pattern[str]
    target_headings: re.Pattern[str]
    # [indicator]
    linking_tail: re.Pattern[str]
    linking_any: re.Pattern[str]
    action_head: re.Pattern[str]
    keep_prefix: re.Pattern[str]
    scope_head: re.Pattern[str]
    right_stop: re.Pattern[str]
    right_not_nouns: frozenset[str]
    rank_heads: tuple[str, ...]
    rank_verb: re.Pattern[str]
    rank_name_scope: re.Pattern[str]
    rank_scopes: tuple[str, ...]
    rank_subject_end: re.Pattern[str]
    rank_marker_tail: re.Pattern[str]
    discourse: re.Pattern[str]
    cap: re.Pattern[str]
    respectively: str
    respectively_subject_end: re.Pattern[str]
    respectively_measures: tuple[str, ...]
    coordinators: str
    coordinated: re.Pattern[str]
    coordinator: re.Pattern[str]
    left_joiner: re.Pattern[str]
    tail_words: re.Pattern[str]
    tail_adverbs: re.Pattern[str]
    subject_tail: re.Pattern[str]
    possessive: str
    right_particle: re.Pattern[str]
    growth_only: re.Pattern[str]
    annual_growth: tuple[str, ...]
    rate_base: re.Pattern[str]
    share_name: str
    rate_name: str
    # [province]
    province_cues: tuple[str, ...]
    province_not_before: tuple[str, ...]
    province_not_after: tuple[str, ...]
    task_headers: tuple[str, ...]
    # [table]
    baseline_header: re.Pattern[str]
    target_header: re.Pattern[str]
    # [outline]
    outline_labels: tuple[tuple[int, re.Pattern[str]], ...]
    list_mark: re.Pattern[str]
    # [patterns]
    baseline_year: re.Pattern[str]
    baseline_year_end: re.Pattern[str]
    change_since: re.Pattern[str]
    from_start: re.Pattern[str]
    from_to: re.Pattern[str]
    doubling: re.Pattern[str]
    breakthrough: re.Pattern[str]
    aspiration_time: re.Pattern[str]
    etc_split: re.Pattern[str]
    share_of: re.Pattern[str]
    province_name: re.Pattern[str]
    unit_table: UnitTable | None = None
    source: str = ""
    # [indicator] bounds and 等 that open the words after a number, dropped; a conjunction
    # that opens them (the next item), after which they count nothing
    right_lead: re.Pattern[str] = re.compile("(?!)")
    right_next_item: re.Pattern[str] = re.compile("(?!)")
    # [indicator] the recipient of a support amount ("对…的企业,给予…"); [exclude] numbers
    # the table leaves out (optional keys: an older copy of the file reads them as empty)
    recipient_head: re.Pattern[str] = re.compile("(?!)")
    recipient_end: re.Pattern[str] = re.compile("(?!)")
    # [indicator] "每家电信运营企业…给予": the recipient after a per-item word; the verbs
    # that open an item heading ("(二)给予企业房租补贴。"), dropped before its object
    each_recipient: re.Pattern[str] = re.compile("(?!)")
    # "单个项目最高500万元": a per-unit subject of a cap, which names no recipient
    unit_cap_head: re.Pattern[str] = re.compile("(?!)")
    heading_verb: re.Pattern[str] = re.compile("(?!)")
    heading_chars: int = 0
    # an item's label ((一), 1., (1), 第X条; a top level 一、 or 第X章 opens no item) and the
    # generic nouns a heading may end with (支持方式), which name no recipient
    # "按照上年度研发投入的10%": the period a rate base is measured over, dropped whole
    base_period: re.Pattern[str] = re.compile("(?!)")
    heading_label: re.Pattern[str] = re.compile("(?!)")
    heading_generic: frozenset[str] = frozenset()
    support_word: re.Pattern[str] = re.compile("(?!)")
    procedural: re.Pattern[str] = re.compile("(?!)")
    list_count: re.Pattern[str] = re.compile("(?!)")
    formula_weight: re.Pattern[str] = re.compile("(?!)")
    norm: re.Pattern[str] = re.compile("(?!)")
    digits_only: frozenset[str] = frozenset()
    # [units] words that a one-character unit read alone begins ("12 单位名称")
    unit_word_start: re.Pattern[str] = re.compile("(?!)")
    target_comparison: re.Pattern[str] = re.compile("(?!)")
    # [time] a "now" word that frames its phrase ("在现有…的基础上") is no time
    now_frame: re.Pattern[str] = re.compile("(?!)")
    # [indicator] administrative levels that coordinated subjects share a noun after
    level_words: tuple[str, ...] = ()
    # [indicator] a paying level before a support verb; rate nouns; people counted; amount
    # words paid per item of the preceding phrase
    support_level: re.Pattern[str] = re.compile("(?!)")
    rate_noun: re.Pattern[str] = re.compile("(?!)")
    person_units: frozenset[str] = frozenset()
    person_noun: re.Pattern[str] = re.compile("(?!)")
    amount_word: re.Pattern[str] = re.compile("(?!)")
    amount_item_head: re.Pattern[str] = re.compile("(?!)")
    noun_tags: frozenset[str] = frozenset()     # [indicator] part-of-speech tags of nouns
    relative_units: frozenset[str] = frozenset()    # [indicator] multiples, rises, shares
    noun_heads: tuple[str, ...] = ()            # [indicator] heads of measured nouns
    # [time] a year before one of these names a call ("2024年度资助研究方向")
    year_label_after: tuple[str, ...] = ()
    # [units] a bare number after an index noun and verb is an index value with no unit
    implied_index: re.Pattern[str] = re.compile("(?!)")
    # [time] a year a few characters before one of these is a base ("在2021年工作基础上")
    year_base_after: re.Pattern[str] = re.compile("(?!)")
    # [time] "本世纪末" -> years after the century's start; "今后五年" counts the current year
    century: dict[str, int] = field(default_factory=dict)
    counting_now: tuple[str, ...] = ()
    since: tuple[str, ...] = ()     # "今年以来", "“十四五”以来": the period so far
    # [time] the narrower words that make 今年/去年 a baseline ("比去年"); after 从 a change
    # starts ("从去年的1.5%") when one of from_change_after or a digit follows the year
    relative_compared_with: re.Pattern[str] = re.compile("(?!)")
    from_change_after: re.Pattern[str] = re.compile("(?!)")
    # [kind] a public sum of the budget as a whole ("财政赤字", "专项债券"), no support
    fiscal_total: re.Pattern[str] = re.compile("(?!)")
    # [table] year-only headers; the name and unit columns
    table_year_columns: bool = False
    name_header: re.Pattern[str] = re.compile("(?!)")
    unit_header: re.Pattern[str] = re.compile("(?!)")
    # [time] Chinese-numeral years: the pattern of one (or of a range's first year) and the
    # Arabic digit of each numeral, as (code point, digit) pairs; names of a goal once due
    numeral_year: re.Pattern[str] = re.compile("(?!)")
    numeral_digits: tuple[tuple[int, str], ...] = ()
    goals_set_before: tuple[str, ...] = ()
    # [patterns] boxes (专栏): their first line, a line that ends one, a numbered heading
    box_line: re.Pattern[str] = re.compile("(?!)")
    box_end: re.Pattern[str] = re.compile("(?!)")
    box_heading: re.Pattern[str] = re.compile("(?!)")


def load_rules(source: PathLike | TargetRules = "target_rules.toml") -> TargetRules:
    """Read and compile the extraction rules (packaged name or your own file).

    Copy ``resources/target_rules.toml``, edit the lists (units, comparator words, cue
    words) or patterns and pass the path as ``rules=`` to
    :func:`~analysis.targets.extract_targets`. The file is read once per content (cached).

    Parameters
    ----------
    source : path or TargetRules
        A packaged resource name, the path of your file, or rules already loaded (returned
        as they are).

    Returns
    -------
    TargetRules

    Raises
    ------
    ValueError
        When a key is missing, has the wrong type, or a pattern is not a valid regex, or
        the unit table or measure-word list it names (``[units] table``, ``measure_words``)
        is missing or wrong; the message names the file, the section and the key.

    Examples
    --------
    >>> load_rules().units["个百分点"]
    '百分点'
    >>> load_rules().time.search("力争到2025年底").group("year")
    '2025'
    """
    if isinstance(source, TargetRules):
        return source
    data = read_toml(source)
    table = _unit_table_path(source, data)
    words = _unit_table_path(source, data, "measure_words", "target_measure_words.csv")
    try:
        texts = [resource_text(source), resource_text(table),
                 resource_text(words) if words else ""]
    except FileNotFoundError as exc:
        raise ValueError(f"{source}: [units] table or measure_words: {exc}") from None
    return _rules_cached(str(source), table, words, text_digest(*texts))


# what may follow a report's head noun at the end of its title: a bracketed year
# ("数字中国发展报告(2022年)") and a closing title mark
_TITLE_TAIL = r"[ ]*(?:[(（][ ]*(?:19|20)\d\d[ ]*年?(?:度)?[ ]*[)）])?[ ]*[》>]?[ ]*$"


def _report_title(words: list[str]) -> re.Pattern[str]:
    """A title whose head noun is one of ``words``: a Chinese word at the end of the title
    (before a bracketed year or 》: "…发展报告(2022年)", not "…统计报告制度的通知"), a word
    in Latin letters anywhere as a whole word ("Report on …", not "reporting")."""
    latin = [x for x in words if re.search(r"[A-Za-z]", x)]
    han = [x for x in words if x not in latin]
    alts = []
    if han:
        alts.append("(?:" + _alt(han) + ")" + _TITLE_TAIL)
    if latin:
        alts.append(r"\b(?:" + _alt(latin).replace("\\ ", r"\s+") + r")\b")
    return re.compile("(?i)" + "|".join(alts)) if alts else re.compile(r"(?!)")


def _unit_table_path(source: PathLike, data: dict[str, Any], key: str = "table",
                     default: str = "target_units.csv") -> str:
    """``[units] table`` (or ``measure_words``) of a rules file (the packaged file when
    absent; an empty string, allowed for the measure words only, reads none), a relative
    path taken from the rules file's folder when a file is there."""
    name = str((data.get("units") or {}).get(key, default)).strip()
    if not name:
        if key == "table":
            raise ValueError(f"{source}: [units] table is empty; name a unit table.")
        return ""
    here = Path(str(source)).parent / name
    if Path(str(source)).is_file() and not Path(name).is_absolute() and here.is_file():
        return str(here)
    return name


@lru_cache(maxsize=8)
def _rules_cached(source: str, table_source: str, words_source: str,
                  digest: str) -> TargetRules:
    r = _Reader(read_toml(source), source)
    w = r.words
    try:
        table = load_units(table_source, measure_words=words_source or None,
                           magnitudes=w("units", "magnitudes"),
                           plain=r.optional_words("units", "digits_only"))
    except (FileNotFoundError, ValueError) as exc:
        raise ValueError(f"{source}: [units] table or measure_words: {exc}") from None

    units = {str(k): str(v) for k, v in r.table("units", "map").items()}
    # the unit table adds each unit with its magnitude as one token (万人, 亿斤 …)
    units.update(table.aliases())
    money = {*w("units", "money"), *(u for u, (base, _) in table.units.items()
                                     if base in ("元", "美元"))}
    after_words = [*w("comparators", "approx_after"), *w("comparators", "at_least_after"),
                   *w("comparators", "at_most_after")]
    number = r"\d+(?:\.\d+)?|[" + CN_NUMERAL_CHARS + r"]+"
    quantity = re.compile(
        r"(?P<num>\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?|[" + CN_NUMERAL_CHARS + r"]+|"
        # a magnitude that is a unit of its own stands for one of it ("近万次", "超万亿元")
        + _alt(m for m in w("units", "magnitudes") if m in units) + r")"
        r"(?:[ ]?(?P<sep>—{1,2}|-|~|" + _alt(w("units", "range_words")) + r")[ ]?"
        r"(?P<num2>" + number + r"))?"
        # a magnitude that is no unit of its own before 余/多 ("1千余家": 千家 with 余)
        r"(?:(?P<mag>" + _alt(m for m in w("units", "magnitudes") if m not in units)
        + r")(?=[ ]?(?:" + _alt(w("comparators", "at_least_inside")) + r")))?"
        r"(?:[ ]?(?P<approx>" + _alt(w("comparators", "at_least_inside")) + r"))?"
        # a Latin unit followed by a digit or a power is a longer unit ("5m2" is no 米)
        # the units as a tree of shared beginnings: the same matches as one alternation
        r"(?:[ ]?(?P<unit>" + _trie_alt(units) + r")(?<![A-Za-z](?=[\d¹²³])))?"
        r"(?P<post>" + _alt(after_words) + r")?"
    )
    percent = re.compile(_group(w("units", "percent_words")) + r"(?P<num>" + number + r")"
                         r"(?P<post>" + _alt(after_words) + r")?")
    before_map = {}
    for key, sym in (("approx_before", "≈"), ("at_least_before", "≥"),
                     ("at_most_before", "≤"), ("more_than_before", ">")):
        for word in w("comparators", key):
            before_map[word] = sym

    plans_raw = r.table("time", "plans")
    try:
        plans = {str(k): (int(v[0]), int(v[1])) for k, v in plans_raw.items()}
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"{source}: [time] plans maps each plan name to [first year, "
                         "last year].") from None
    time_re = re.compile(
        r"(?:(?P<to>" + _alt(w("time", "to_words")) + r")[ ]?)?"
        r"(?:(?P<year>(?:19|20)\d\d)[ ]?" + _group(w("time", "year_words"))
        + r"(?:" + _alt(w("time", "year_ends")) + r")?"
        r"|(?P<q1>[“\"])?(?<![" + "".join(CN_DIGITS) + r"])(?P<plan>" + _alt(plans) + r")"
        r"(?!" + _alt(w("time", "plan_not_before")) + r")[”\"]?" + _group(w("time", "plan_nouns"))
        + "?"
        r"(?P<psuf>" + _alt([*w("time", "plan_end"), *w("time", "plan_during")]) + r")?)"
    )
    coordinators = "".join(w("indicator", "coordinators"))
    numerals = r.text("outline", "numerals")
    if not numerals:
        raise ValueError(f"{source}: [outline] numerals must not be empty.")
    num_class = "[" + re.escape(numerals) + "]"
    rank_heads = tuple(w("indicator", "rank_heads"))
    if not rank_heads:
        raise ValueError(f"{source}: [indicator] rank_heads needs at least one word.")
    baseline_year = r.pattern("baseline_year", ("year",))
    return TargetRules(
        units=units,
        money=frozenset(money),
        magnitudes=frozenset(w("units", "magnitudes")),
        magnitude_joiner=re.compile(r"[ ]?" + _group(w("units", "magnitude_joiners")) + r"[ ]?"),
        shared_relative=re.compile(
            r"(?P<own>个)?[ ]?" + _group(w("units", "shared_relative_joiners"))
            + r"[ ]?\d+(?:\.\d+)?[ ]?(?P<unit>"
            + _alt(sorted(w("indicator", "relative_units"), key=len, reverse=True)) + ")"),
        rank_units=frozenset(w("units", "rank")),
        multiple_unit=r.text("units", "multiple"),
        quantity=quantity,
        not_counted=re.compile(_group(w("units", "not_counted")) + "|"
                               + _group(r.optional_words("units", "not_counted_alone"))
                               + "(?![" + HAN + "])"),
        unit_word_start=_optional(r.optional_words("units", "unit_word_starts")),
        programme=re.compile(_group(w("units", "programme_heads")) + "$"),
        programme_end=re.compile(r"[,;。:|\n、]|" + _alt(w("units", "programme_joiners"))),
        range_words=frozenset(w("units", "range_words")),
        cn_numeral_context=re.compile(
            r"(?:" + _alt(w("units", "cn_numeral_after")) + r"|[\s,;:(]|^)$"),
        cn_not_numbers=frozenset(w("units", "cn_not_numbers")),
        percent=percent,
        implied_percent=re.compile(_group(w("units", "implied_percent_nouns"))
                                   + _group(w("units", "implied_percent_verbs")) + "$"),
        implied_index=_optional(r.optional_words("units", "implied_index_nouns"),
                                lambda g: g + r"[)）]?[ ]?" + _group(
                                    w("units", "implied_percent_verbs")
                                                     + r.optional_words(
                                                         "units", "implied_index_verbs"))
                                + "$"),
        rank_unit=r.text("ranks", "unit"),
        rank_before=re.compile(_group(w("ranks", "before")) + r"\D{0,3}$"),
        rank_top=tuple(w("ranks", "top")),
        ordinal=tuple(w("ranks", "ordinal")),
        figure=tuple(w("ranks", "figure")),
        approx_after=frozenset(w("comparators", "approx_after")),
        at_least_after=frozenset(w("comparators", "at_least_after")),
        at_most_after=frozenset(w("comparators", "at_most_after")),
        before_cmp=re.compile(_group(before_map)),
        before_cmp_tail=re.compile(_group(before_map) + "+[ ]*$"),
        before_map=before_map,
        aspiration=re.compile(_alt(w("comparators", "aspiration"))),
        time=time_re,
        relative=r.pattern("relative_time", ("n",)),
        past_span=r.pattern("past_span"),
        goal_period=r.pattern("goal_period", ("year",)),
        annual=re.compile(_alt(w("time", "annual"))),
        now=re.compile(_alt(w("time", "now"))),
        report_title=_report_title(w("time", "report_titles")),
        this_year=re.compile(_NO_COUNT_BEFORE + _group(r.optional_words("time", "this_year"))),
        next_year=re.compile(_NO_COUNT_BEFORE + _group(r.optional_words("time", "next_year"))),
        last_year=re.compile(_NO_COUNT_BEFORE + _group(r.optional_words("time", "last_year"))),
        past_to=frozenset(w("time", "past_to_words")),
        plans=plans,
        plan_end=frozenset(w("time", "plan_end")),
        compared_with=re.compile(_group(w("time", "compared_with")) + "$"),
        from_before=tuple(w("time", "from_before")),
        from_after=tuple(w("time", "from_after")),
        relative_not_after=tuple(w("time", "relative_not_after")),
        relative_after_event=re.compile(_group(w("time", "relative_after_event")) + "$"),
        support_verbs=re.compile(_alt(w("kind", "support_verbs"))),
        support_grant=re.compile(_group([r.text("indicator", "possessive")]) + "?"
                                 + _group(w("kind", "support_grants"))),
        past_cues=re.compile(_alt(w("kind", "past_cues"))),
        future_cues=re.compile(_alt(w("kind", "future_cues"))),
        # a minimum right before the number: the words of [comparators] at_least_before
        requirement_before=re.compile(
            "(?:" + _alt(w("comparators", "at_least_before")) + r")\s*$"),
        achievement_headings=re.compile(_alt(w("kind", "achievement_headings"))),
        target_headings=re.compile(_alt(w("kind", "target_headings"))),
        linking_tail=re.compile(_group(w("indicator", "linking_verbs")) + "$"),
        linking_any=re.compile(_alt(w("indicator", "linking_verbs"))),
        action_head=re.compile("^" + _group(w("indicator", "action_verbs"))),
        keep_prefix=re.compile("^" + _group(w("indicator", "keep_prefixes"))),
        scope_head=re.compile("^" + _group(w("indicator", "scope_words"))),
        right_stop=re.compile(_alt(w("indicator", "right_stop_verbs"))),
        right_not_nouns=frozenset(r.optional_words("indicator", "right_not_nouns")),
        rank_heads=rank_heads,
        rank_verb=re.compile(_group(w("indicator", "rank_verbs"))),
        rank_name_scope=re.compile("^" + _group(w("indicator", "rank_name_scopes"))),
        rank_scopes=tuple(w("indicator", "rank_scopes")),
        rank_subject_end=re.compile(_group(w("indicator", "rank_subject_end"))),
        rank_marker_tail=re.compile(_group([*w("ranks", "top"), *w("ranks", "ordinal")]) + "$"),
        discourse=re.compile("^" + _group(w("indicator", "discourse_openers"))),
        cap=re.compile(_alt(w("indicator", "cap_words"))),
        respectively=r.text("indicator", "respectively"),
        respectively_measures=tuple(sorted(w("indicator", "respectively_measures"), key=len,
                                           reverse=True)),
        respectively_subject_end=re.compile(
            _group(w("indicator", "respectively_subject_end"))),
        coordinators=coordinators,
        coordinated=re.compile(r"[ ]?" + _group([*coordinators, "、"]) + r"[ ]?"),
        coordinator=re.compile(_alt([*coordinators, "、"])),
        left_joiner=re.compile(_alt(w("indicator", "left_joiners"))),
        tail_words=re.compile(_group(w("indicator", "tail_words")) + "$"),
        tail_adverbs=re.compile(_group(w("indicator", "tail_adverbs")) + "$"),
        subject_tail=re.compile(_group(w("indicator", "subject_tail")) + "$"),
        possessive=r.text("indicator", "possessive"),
        right_particle=re.compile("^" + _group(w("indicator", "right_particles"))),
        right_lead=_optional(
            r.optional_words("indicator", "right_lead_bounds"),
            lambda g: "^(?:" + g + _not_before(r.optional_words(
                "indicator", "right_lead_word_starts")) + ")+[ ]?"),
        right_next_item=_optional(r.optional_words("indicator", "right_next_item"),
                                  lambda g: "^" + g),
        annual_growth=tuple(w("indicator", "annual_growth")),
        growth_only=re.compile(_group(w("indicator", "growth_bases")) + "?"
                               + _group(w("indicator", "growth_words"))),
        rate_base=re.compile("^" + _group(w("indicator", "rate_bases"))),
        share_name=r.template("indicator", "share_name", ("subject", "whole")),
        rate_name=r.template("indicator", "rate_name", ("what", "base")),
        province_cues=tuple(w("province", "cues")),
        province_not_before=tuple(w("province", "not_before")),
        province_not_after=tuple(w("province", "not_after")),
        task_headers=tuple(w("province", "task_table_headers")),
        baseline_header=re.compile(_alt(w("table", "baseline_headers"))),
        target_header=re.compile(_alt(w("table", "target_headers"))),
        outline_labels=(
            (1, re.compile(num_class + "+、")),
            (2, re.compile(r"\(" + num_class + r"+\)")),
            (3, re.compile(r"\d{1,2}[.、](?!\d)")),
            (4, re.compile(r"\(\d{1,2}\)")),
        ),
        list_mark=re.compile(
            r"^(?:——|—|-|" + num_class + "+" + _group(w("outline", "enumeration"))
            + r"|\([" + re.escape(numerals) + r"\d]+\)|" + num_class + r"+、"
            r"|\d{1,2}[.、](?!\d))+"),
        baseline_year=baseline_year,
        baseline_year_end=re.compile("(?:" + baseline_year.pattern + ")$"),
        change_since=r.pattern("change_since", ("year", "each")),
        from_start=r.pattern("from_before"),
        from_to=r.pattern("from_to"),
        doubling=r.pattern("doubling", ("n",)),
        breakthrough=r.pattern("breakthrough", ("num",)),
        aspiration_time=r.pattern("aspiration_time"),
        etc_split=r.pattern("etc_split"),
        share_of=r.pattern("share_of", ("subject", "whole")),
        unit_table=table,
        province_name=r.pattern("province_name"),
        source=source,
        recipient_head=_optional(r.optional_words("indicator", "recipient_heads"),
                                 lambda g: r"(?<![" + "".join(
                                     r.optional_words("indicator", "recipient_not_after"))
                                     + r"])" + g),
        recipient_end=_optional([*r.optional_words("indicator", "recipient_ends"),
                                 *w("kind", "support_verbs"), *w("kind", "support_grants")]),
        support_word=_optional(w("kind", "support_verbs"), lambda g: "^" + g + "+$"),
        each_recipient=_optional(r.optional_words("indicator", "each_words"),
                                 lambda g: g + _not_before(r.optional_words(
                                     "indicator", "each_not_first"))
                                 + "([^" + r"\d,;。:|\n" + "]{2,12}?)(?="
                                 + _group([*r.optional_words("indicator", "each_ends"),
                                           *w("kind", "support_verbs"),
                                           *r.optional_words("indicator", "cap_words")])
                                 + ")"),
        unit_cap_head=_optional(r.optional_words("indicator", "unit_cap_heads"),
                                lambda g: "^" + g + "(?:" + _alt(r.optional_words(
                                    "indicator", "unit_cap_nouns")) + ")?$"),
        heading_chars=int((r.data.get("indicator") or {}).get("heading_chars", 0)),
        heading_label=re.compile(
            r"^(?:\(" + num_class + r"+\)|\(\d{1,2}\)|\d{1,2}[.、](?!\d)|第"
            + num_class + r"+条)"),
        base_period=_optional(r.optional_words("indicator", "base_periods")),
        heading_generic=frozenset(r.optional_words("indicator", "heading_generic")),
        heading_verb=_optional(r.optional_words("indicator", "heading_verbs"),
                               lambda g: "^(?:" + g + ")+"),
        procedural=_optional(r.optional_words("exclude", "procedural")),
        list_count=_optional(r.optional_words("exclude", "list_nouns"),
                             lambda g: "^" + g + "$"),
        formula_weight=_optional(r.optional_words("exclude", "formula_marks"),
                                 lambda g: r"^\)?[ ]?" + g),
        norm=_optional(r.optional_words("exclude", "norms")),
        digits_only=frozenset(r.optional_words("units", "digits_only")),
        target_comparison=_optional(r.optional_words("exclude", "target_comparisons")),
        level_words=tuple(sorted(r.optional_words("indicator", "level_words"), key=len,
                                 reverse=True)),
        support_level=_optional(
            r.optional_words("indicator", "support_levels")
            if r.optional_words("indicator", "support_level_verbs") else [],
            lambda g: "^" + g + "(?=" + _group(r.optional_words(
                "indicator", "support_level_verbs")) + ")"),
        rate_noun=_optional(r.optional_words("indicator", "rate_nouns"),
                            lambda g: "^" + re.escape(r.text("indicator", "possessive")) + g),
        person_units=frozenset(r.optional_words("indicator", "person_units")),
        person_noun=_optional(r.optional_words("indicator", "person_nouns"),
                              lambda g: g + "$"),
        amount_word=_optional(r.optional_words("indicator", "amount_words"),
                              lambda g: g + "$"),
        amount_item_head=_optional(r.optional_words("indicator", "amount_item_heads"),
                                   lambda g: "^" + g),
        noun_tags=frozenset(r.optional_words("indicator", "noun_tags")),
        relative_units=frozenset(r.optional_words("indicator", "relative_units")),
        noun_heads=tuple(r.optional_words("indicator", "noun_heads")),
        **_time_extras(r),
        box_line=_optional_pattern(r, "box_line"),
        box_end=_optional_pattern(r, "box_end"),
        box_heading=_optional_pattern(r, "box_heading"),
        table_year_columns=bool((r.data.get("table") or {}).get("year_columns", False)),
        name_header=_optional(r.optional_words("table", "name_headers")),
        unit_header=_optional(r.optional_words("table", "unit_headers")),
        fiscal_total=_optional(r.optional_words("kind", "fiscal_totals")),
    )
