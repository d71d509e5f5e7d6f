"""Units of quantitative targets: one token with its magnitude, and its base unit.

``resources/target_units.csv`` lists every unit the extractor reads after a number, as one
token with its magnitude (万人, 万亿元, 亿斤, 万千瓦, 个百分点 …), its base unit and the
factor to it (万人 = 10000 人), and other spellings (aliases) of the same unit.
``resources/target_measure_words.csv`` adds the Chinese measure words (笔, 张, 门, 课时 …) as
units of their own base, each with every magnitude (万笔, 亿张, 千个) of ``[units] magnitudes``
in ``resources/target_rules.toml``.
:func:`load_units` reads both (or your own files with the same columns);
:meth:`UnitTable.to_base` gives the value in base units (the ``value_base`` column of the
targets table).
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest

__all__ = ["UnitTable", "load_units", "magnitude_factor"]

PathLike = str | os.PathLike[str]

_COLUMNS = ("unit", "base", "factor", "aliases")
_WORD_COLUMNS = ("word", "alone")

# the value of each character of a magnitude word: 十万 = 10 × 10000, 万亿 = 10000 × 1e8
_MAGNITUDE_CHARS = {"十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "亿": 1e8}
# base units that take no magnitude
_NO_MAGNITUDE = frozenset({"百分点", "倍", "%", "‰"})


def magnitude_factor(word: str) -> float:
    """The factor of a Chinese magnitude word (the product of its characters' values).

    Raises
    ------
    ValueError
        When ``word`` is empty or has a character that is no magnitude (十, 百, 千, 万, 亿).

    Examples
    --------
    >>> magnitude_factor("千"), magnitude_factor("十万"), magnitude_factor("万亿")
    (1000.0, 100000.0, 1000000000000.0)
    """
    if not word or any(ch not in _MAGNITUDE_CHARS for ch in word):
        raise ValueError(f"{word!r} is no magnitude word (made of 十, 百, 千, 万, 亿).")
    return math.prod(_MAGNITUDE_CHARS[ch] for ch in word)


@lru_cache(maxsize=1)
def _packaged_units_rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``[units] magnitudes`` and ``digits_only`` of the packaged target_rules.toml."""
    units = read_toml("target_rules.toml").get("units") or {}
    return tuple(units.get("magnitudes", ())), tuple(units.get("digits_only", ()))


@dataclass(frozen=True)
class UnitTable:
    """The unit table: ``unit`` → ``(base, factor)`` and every spelling → its unit."""

    units: dict[str, tuple[str, float]]
    spellings: dict[str, str]
    source: str = ""

    def aliases(self) -> dict[str, str]:
        """Every spelling (the unit itself included) → the unit it is reported as.

        Examples
        --------
        >>> load_units().aliases()["个百分点"]
        '百分点'
        """
        return dict(self.spellings)

    def to_base(self, value: float, unit: str) -> tuple[float, str]:
        """``(value in base units, base unit)``; ``(nan, "")`` for a unit not in the table
        or a value that would not be finite.

        Examples
        --------
        >>> load_units().to_base(1200, "万人")
        (12000000.0, '人')
        >>> load_units().to_base(3, "位")
        (nan, '')
        """
        unit = self.spellings.get(unit, unit)
        if unit not in self.units or value != value:
            return math.nan, ""
        base, factor = self.units[unit]
        out = value * factor
        return (out, base) if math.isfinite(out) else (math.nan, "")


def load_units(source: PathLike | UnitTable = "target_units.csv", *,
               measure_words: PathLike | None = "target_measure_words.csv",
               magnitudes: Iterable[str] | None = None,
               plain: Iterable[str] | None = None) -> UnitTable:
    """Read the unit table (the packaged ``target_units.csv`` or your file, by path).

    Columns ``unit, base, factor, aliases`` (aliases separated by ``;``); lines starting
    with ``#`` are comments. The Chinese measure words of ``measure_words`` (columns
    ``word, alone``: the packaged ``target_measure_words.csv``, your file, or None for
    none) are added as units of their own base that the table does not list: 笔, 张, 课时 …
    alone when ``alone`` is ``yes``. Every base unit written in Chinese (factor 1: the
    table's and the measure words) is also read with each magnitude of ``magnitudes``
    (万笔 = 10000 笔, 千个, 万条) that the table does not list itself.

    Parameters
    ----------
    source : path or UnitTable
        The unit table (a packaged resource name or the path of your file), or a table
        already loaded (returned as it is).
    measure_words : path or None
        The measure-word list; None for none.
    magnitudes : list of str, optional
        Magnitude words (千, 万, 十万 …; the factor is the product of the characters);
        ``[units] magnitudes`` of the packaged ``target_rules.toml`` by default.
    plain : list of str, optional
        Units that take no magnitude (兆: "千兆" is a name, not 1000 兆); ``[units]
        digits_only`` of the packaged ``target_rules.toml`` by default.

    Returns
    -------
    UnitTable

    Raises
    ------
    FileNotFoundError
        When the unit table or the measure-word list is not found.
    ValueError
        When a column is missing, a factor is not a positive number, a unit or a measure
        word is listed twice, a measure word's ``alone`` is not ``yes`` or ``no`` (the message
        names the file and the row), ``measure_words`` is an empty string (pass None for
        none) or a magnitude word is no magnitude.

    Examples
    --------
    >>> t = load_units()
    >>> t.units["万亿元"]
    ('元', 1000000000000.0)
    >>> t.spellings["平方千米"]
    '平方公里'
    >>> t.to_base(1.3, "万亿斤")
    (1300000000000.0, '斤')
    >>> t.to_base(4.49, "亿笔"), t.to_base(2, "千个")
    ((449000000.0, '笔'), (2000.0, '个'))
    >>> "条" in t.units, t.to_base(3, "万条"), t.to_base(3, "千条")
    (False, (30000.0, '条'), (3000.0, '条'))
    """
    if isinstance(source, UnitTable):
        return source
    if measure_words is not None and not str(measure_words).strip():
        raise ValueError("measure_words: give the path of a measure-word list, or None for "
                         "none (an empty string is neither).")
    default_mags, default_plain = _packaged_units_rules()
    mags = tuple(default_mags if magnitudes is None else magnitudes)
    for word in mags:
        magnitude_factor(word)
    words = "" if measure_words is None else str(measure_words)
    return _units_cached(str(source), text_digest(resource_text(source)), words,
                         text_digest(resource_text(words)) if words else "", mags,
                         frozenset(default_plain if plain is None else plain))


def _csv_rows(text: str) -> csv.DictReader[str]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return csv.DictReader(io.StringIO("\n".join(lines)))


def _measure_words(source: str) -> dict[str, bool]:
    """``word → alone`` of a measure-word list (see :func:`load_units`)."""
    reader = _csv_rows(resource_text(source))
    missing = [c for c in _WORD_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{source}: the measure-word list needs the column(s) {missing} "
                         f"(header: {','.join(_WORD_COLUMNS)}).")
    out: dict[str, bool] = {}
    for n, row in enumerate(reader, start=2):
        word, alone = (row["word"] or "").strip(), (row["alone"] or "").strip().lower()
        if not word or alone not in ("yes", "no"):
            raise ValueError(f"{source}: data row {n - 1} ({word or 'no word'}): give a word "
                             "and alone = yes or no.")
        if word in out:
            raise ValueError(f"{source}: data row {n - 1}: the measure word {word} is listed "
                             "twice; keep one row per word.")
        out[word] = alone == "yes"
    return out


@lru_cache(maxsize=8)
def _units_cached(source: str, digest: str, words_source: str, words_digest: str,
                  magnitudes: tuple[str, ...], plain: frozenset[str]) -> UnitTable:
    reader = _csv_rows(resource_text(source))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{source}: the unit table needs the column(s) {missing} "
                         f"(header: {','.join(_COLUMNS)}).")
    units: dict[str, tuple[str, float]] = {}
    spellings: dict[str, str] = {}
    for n, row in enumerate(reader, start=2):
        unit = (row["unit"] or "").strip()
        base = (row["base"] or "").strip()
        try:
            factor = float(row["factor"])
        except (TypeError, ValueError):
            factor = -1.0
        if not unit or not base or not (factor > 0 and math.isfinite(factor)):
            raise ValueError(f"{source}: data row {n - 1} ({unit or 'no unit'}): give a unit, "
                             "a base unit and a positive factor.")
        if unit in units:
            raise ValueError(f"{source}: data row {n - 1}: the unit {unit} is listed twice; "
                             "keep one row per unit (add spellings as its aliases).")
        units[unit] = (base, factor)
        spellings[unit] = unit
        for alias in (row["aliases"] or "").split(";"):
            if alias.strip():
                spellings[alias.strip()] = unit
    alone_only: set[str] = set()
    for word, alone in (_measure_words(words_source) if words_source else {}).items():
        if word in spellings:
            continue   # the table's own rows win
        # a word that is only the base of table rows (万条) gets its other magnitudes too
        units[word] = (word, 1.0)
        spellings[word] = word
        if not alone:
            alone_only.add(word)
    for unit, (base, factor) in list(units.items()):
        if (factor != 1 or unit in _NO_MAGNITUDE or unit in plain
                or not "\u4e00" <= unit[0] <= "\u9fff"):
            continue
        for prefix in magnitudes:
            if prefix + unit not in spellings:
                units[prefix + unit] = (base, magnitude_factor(prefix))
                spellings[prefix + unit] = prefix + unit
    for word in alone_only:
        del units[word], spellings[word]
    return UnitTable(units, spellings, source)
