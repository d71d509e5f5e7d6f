"""Canonical indicators: the editable mapping that groups indicator phrases across documents.

``resources/indicators.toml`` lists canonical indicators (``rd_intensity`` …) with the
regular expressions that recognise their phrases, plus ``[shorten]`` rules that trim an
indicator phrase to its core. :func:`load_indicator_mapping` reads it (or your copy);
:meth:`IndicatorMapping.classify` names the canonical indicator of a phrase.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest

__all__ = ["CanonicalIndicator", "IndicatorMapping", "load_indicator_mapping"]

PathLike = str | os.PathLike[str]

_PARENTHETICAL = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class CanonicalIndicator:
    """One ``[[indicator]]`` of the mapping: id, names, unit and its patterns."""

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

    indicators: tuple[CanonicalIndicator, ...]
    shorten: tuple[tuple[re.Pattern[str], str], ...]
    source: str = ""

    def classify(self, indicator: str, unit: str = "") -> tuple[str, str, str]:
        """``(canonical_id, zh name, en name)`` for an indicator phrase, or empty strings.

        Examples
        --------
        >>> m = load_indicator_mapping()
        >>> m.classify("全社会R&D经费支出占地区生产总值比重", "%")[0]
        'rd_intensity'
        >>> m.classify("新培育高新技术企业", "户")
        ('', '', '')
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
        """Apply the ``[shorten]`` rules, then drop remaining parentheticals.

        Examples
        --------
        >>> m = load_indicator_mapping()
        >>> m.shorten_phrase("研究与试验发展(R&D)经费占地区生产总值(GDP)比重")
        'R&D经费占地区生产总值比重'
        """
        for pat, repl in self.shorten:
            phrase = pat.sub(repl, phrase)
        dropped = _PARENTHETICAL.sub("", phrase)
        return dropped if len(dropped) >= 2 else phrase


def load_indicator_mapping(source: PathLike | IndicatorMapping = "indicators.toml"
                           ) -> IndicatorMapping:
    """Read the canonical-indicator mapping (packaged name or the path of your own file).

    Parameters
    ----------
    source : path or IndicatorMapping
        A packaged resource name, the path of your file, or a mapping already loaded
        (returned as it is). The file is read once per content (cached).

    Returns
    -------
    IndicatorMapping

    Raises
    ------
    ValueError
        When an ``[[indicator]]`` lacks ``id``, ``zh`` or ``match``, an id is used twice or a
        pattern is not a valid regex.

    Examples
    --------
    >>> m = load_indicator_mapping()
    >>> m.classify("高新技术企业数量", "家")[1]
    '高新技术企业数量'
    """
    if isinstance(source, IndicatorMapping):
        return source
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
        out.append(CanonicalIndicator(ident, zh, str(item.get("en", zh)),
                                      str(item.get("unit", "")), match, exclude))
    shorten = []
    for rule in data.get("shorten", {}).get("rules", []):
        if not (isinstance(rule, list) and len(rule) == 2):
            raise ValueError(f"{source}: [shorten] rules must be [regex, replacement] pairs.")
        try:
            shorten.append((re.compile(rule[0]), str(rule[1])))
        except re.error as exc:
            raise ValueError(f"{source}: [shorten] rule {rule[0]!r}: {exc}") from None
    return IndicatorMapping(tuple(out), tuple(shorten), source)
