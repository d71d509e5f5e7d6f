"""Words of a phrase: where the word segmenter puts boundaries and which words it tags as
nouns, for the indicator rules of :mod:`analysis.targets.phrases`.

The segmenter is the project's own, shared with the rest of the process
(:func:`analysis.text.segment.get_tokenizer`, with the user dictionary of policy terms).
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.targets.rule_reader import memo_once
from analysis.targets.rules import TargetRules
from analysis.text.segment import Tokenizer, get_tokenizer

__all__ = ["ends_in_support", "last_match", "names_nothing", "split_at_words", "whole_word",
           "word_head", "word_tags"]


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    return get_tokenizer()


def split_at_words(s: str, pattern: re.Pattern[str]) -> list[str]:
    """``s`` split at the matches of ``pattern`` that are whole words of it.

    A joiner or a stop word inside a longer word does not split: 及 in 普及率, 在 in 在线.

    Examples
    --------
    >>> split_at_words("互联网普及率和电子政务在线服务指数", re.compile("和|及|在"))
    ['互联网普及率', '电子政务在线服务指数']
    """
    if not pattern.search(s):
        return [s]
    bounds = _bounds(s)
    parts, last = [], 0
    for m in pattern.finditer(s):
        if m.start() in bounds and m.end() in bounds and m.end() > m.start():
            parts.append(s[last:m.start()])
            last = m.end()
    parts.append(s[last:])
    return parts


@lru_cache(maxsize=4096)
def _bounds(s: str) -> frozenset[int]:
    return frozenset({0, len(s)} | {i for _, a, b in _tokenizer().tokenize(s) for i in (a, b)})


def whole_word(s: str, m: re.Match[str]) -> bool:
    """``m`` (a match in ``s``) is one or more whole words of ``s`` by the word segmenter,
    and no part of a longer word: 奖 in "获奖项目" or "技能大奖" is none.

    Examples
    --------
    >>> s = "对创新创业大赛获奖项目给予奖励"
    >>> [whole_word(s, m) for m in re.finditer("奖", s)]
    [False, False]
    >>> whole_word("对企业给予奖励", re.search("给予", "对企业给予奖励"))
    True
    """
    bounds = _bounds(s)
    return m.start() in bounds and m.end() in bounds


@lru_cache(maxsize=4096)
def word_tags(s: str) -> list[tuple[str, str]]:
    """``(word, part-of-speech tag)`` of ``s`` by the project's word segmenter (cached).

    Examples
    --------
    >>> word_tags("对高新技术企业")
    [('对', 'p'), ('高新技术企业', '')]
    """
    return _tokenizer().tag(s)


def names_nothing(s: str, rules: TargetRules) -> bool:
    """``s`` holds no word tagged as a noun (``[indicator] noun_tags``) and no head of a
    measured noun (``noun_heads``: 办结率): "是2015年的", "比2012年分别提升". Always False
    when the rules list no noun tags.

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> names_nothing("是2015年的", load_rules()), names_nothing("成交额", load_rules())
    (True, False)
    """
    return memo_once("names_nothing", rules, s, lambda: _names_nothing(s, rules),
                     limit=_NOTHING_MAX)


# names_nothing's answers by text, for the rules object they were read with, while one call
# of the stage runs (the same phrase comes back at many numbers); emptied past
# _NOTHING_MAX answers
_NOTHING_MAX = 100_000


def _names_nothing(s: str, rules: TargetRules) -> bool:
    if not rules.noun_tags or any(h in s for h in rules.noun_heads):
        return False
    return not any(t in rules.noun_tags for w, t in word_tags(s) if w.strip())


def word_head(pattern: re.Pattern[str], s: str) -> re.Match[str] | None:
    """``pattern`` matched at the start of ``s`` when it leaves a word of two characters or
    more: a verb that leaves one character is part of a word (让 in 让利).

    Examples
    --------
    >>> verbs = re.compile("让|培育")
    >>> word_head(verbs, "让利") is None, word_head(verbs, "培育企业")[0]
    (True, '培育')
    """
    m = pattern.match(s)
    return m if m is not None and len(s) - m.end() != 1 else None


def last_match(pattern: re.Pattern[str], s: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``s``, or None.

    Examples
    --------
    >>> last_match(re.compile("奖励|给予"), "给予一次性奖励").start()
    5
    """
    found = list(pattern.finditer(s))
    return found[-1] if found else None


def ends_in_support(s: str, rules: TargetRules) -> bool:
    """``s`` ends in a support verb ("一次性奖励", "建设经费资助", "资金支持").

    Examples
    --------
    >>> from analysis.targets.rules import load_rules
    >>> ends_in_support("一次性奖励", load_rules()), ends_in_support("奖励孵化器", load_rules())
    (True, False)
    """
    last = last_match(rules.support_verbs, s)
    return last is not None and last.end() == len(s)
