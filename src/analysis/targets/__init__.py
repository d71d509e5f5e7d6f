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
  (``=``, ``≈`` 左右, ``≥`` 以上/不低于/不少于, ``≤`` 以内/最高/前N位, ``>`` 超过 and
  "实现0的突破", ``range``, or ``aspiration`` for 力争 without an explicit bound;
  ``is_aspiration`` flags 力争/争取 in every case), ``multiplier`` (2 for 翻一番, 4 for 翻两番);
* ``target_year`` from the nearest governing time phrase (到2025年, 两年内 = document year + 2,
  利用3年时间, 十三五末 = 2020, 每年 = annual), looked up in the sentence, then earlier in the
  same clause, then in the introductions of the enclosing sections (``year_basis`` says
  which: explicit, relative, plan, annual, table, inherited);
* explicit baselines: the baseline column of an indicator table, "比2015年分别增加了87家",
  "由原来的26位提升到21位", "较2020年末翻两番" (``baseline_value`` is then derived);
* ``is_province_level``: the number is the province's goal, not the city's (task tables
  quote the provincial measure before the city's own);
* ``canonical_id``/``canonical``: the indicator grouped by the editable mapping
  ``resources/indicators.toml``, which :func:`compare_targets` uses to line documents up.

Everything is matched on the normalised simplified text; ``sentence_orig`` quotes the same
span in the document's own script (traditional for the 2012 document). Every cue word and
pattern is data, in ``resources/target_rules.toml``: pass ``rules=`` to use your own copy.

Modules, in the order the extraction uses them:

* :mod:`~analysis.targets.rules`: :func:`load_rules` reads the word lists and patterns;
* :mod:`~analysis.targets.indicators`: :class:`IndicatorMapping`, the canonical indicators;
* :mod:`~analysis.targets.context`: the prepared text, protected spans, sentences, phrases;
* :mod:`~analysis.targets.scopes`: clause or paragraph scopes for time look-ups;
* :mod:`~analysis.targets.numbers`: quantities (value, unit, comparator, rank);
* :mod:`~analysis.targets.times`: governing time phrases;
* :mod:`~analysis.targets.phrases`: indicator phrases;
* :mod:`~analysis.targets.pairing`: baselines, changes, multipliers, shared units, subjects;
* :mod:`~analysis.targets.kinds`: target, achievement or support; provincial subjects;
* :mod:`~analysis.targets.not_targets`: numbers left out (conditions, call limits, examples,
  forms, vague quantities, names with numbers, rates of a rule), with the words it reads
  compiled in :mod:`~analysis.targets.left_out_rules` and the condition headings and lists
  found in :mod:`~analysis.targets.condition_spans`;
* :mod:`~analysis.targets.tables`: ``|``-flattened indicator tables;
* :mod:`~analysis.targets.document`: one document, scope by scope;
* :mod:`~analysis.targets.extract`: :func:`extract_targets`, :func:`targets_from_text`;
* :mod:`~analysis.targets.compare`: :func:`compare_targets`;
* :mod:`~analysis.targets.summary`: notebook reading aids (counts, lists, side by side).
"""

from analysis.targets.compare import COMPARISON_COLUMNS, compare_targets
from analysis.targets.extract import KINDS, TARGET_COLUMNS, extract_targets, targets_from_text
from analysis.targets.indicators import (
    CanonicalIndicator,
    IndicatorMapping,
    load_indicator_mapping,
)
from analysis.targets.not_targets import NotTargetRules, not_target_rules
from analysis.targets.rules import TargetRules, load_rules
from analysis.targets.summary import target_list, target_summary, targets_by_era, value_text

__all__ = [
    "COMPARISON_COLUMNS",
    "KINDS",
    "TARGET_COLUMNS",
    "CanonicalIndicator",
    "IndicatorMapping",
    "NotTargetRules",
    "TargetRules",
    "compare_targets",
    "extract_targets",
    "load_indicator_mapping",
    "load_rules",
    "not_target_rules",
    "target_list",
    "target_summary",
    "targets_by_era",
    "targets_from_text",
    "value_text",
]
