"""Units of quantitative targets: one token with its magnitude, and its base unit.

``resources/target_units.csv`` lists every unit the extractor reads after a number, as one
token with its magnitude (万人, 万亿元, 亿斤, 万千瓦, 个百分点 …), its base unit and the
factor to it (万人 = 10000 人), and other spellings (aliases) of the same unit.
``resources/target_measure_words.csv`` adds the Chinese measure words (笔, 张, 门, 课时 …) as
units of their own base, each with every magnitude (万笔, 亿张, 千个).
:func:`load_units` reads both (or your own files with the same columns);
:meth:`UnitTable.to_base` gives the value in base units (the ``value_base`` column of the
targets table).
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass
from functools import lru_cache

from analysis.resources import resource_text, text_digest

__all__ = ["MAGNITUDES", "UnitTable", "load_units"]

PathLike = str | os.PathLike[str]

_COLUMNS = ("unit", "base", "factor", "aliases")
_WORD_COLUMNS = ("word", "alone")

#: magnitudes put in front of every base unit written in Chinese (factor 1) that the table
#: does not list with that magnitude itself: 万亿斤, 千万元, 百万千瓦, 千个 …
MAGNITUDES: dict[str, float] = {"千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7,
                                "亿": 1e8, "万亿": 1e12}
# base units that take no magnitude
_NO_MAGNITUDE = frozenset({"百分点", "倍", "%", "‰"})


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
               measure_words: PathLike | None = "target_measure_words.csv") -> UnitTable:
    """Read the unit table (the packaged ``target_units.csv`` or your file, by path).

    Columns ``unit, base, factor, aliases`` (aliases separated by ``;``); lines starting
    with ``#`` are comments. The Chinese measure words of ``measure_words`` (columns
    ``word, alone``: the packaged ``target_measure_words.csv``, your file, or None for
    none) are added as units of their own base that the table does not list: 笔, 张, 课时 …
    alone when ``alone`` is ``yes``, and each with every magnitude of :data:`MAGNITUDES`
    (万笔 = 10000 笔), as every Chinese base unit of the table is.

    Raises
    ------
    ValueError
        When a column is missing or a factor is not a positive number; the message names the
        file and the line.

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
    >>> "条" in t.units, t.to_base(3, "万条")
    (False, (30000.0, '条'))
    """
    if isinstance(source, UnitTable):
        return source
    words = "" if measure_words is None else str(measure_words)
    return _units_cached(str(source), text_digest(resource_text(source)), words,
                         text_digest(resource_text(words)) if words else "")


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
        out[word] = alone == "yes"
    return out


@lru_cache(maxsize=8)
def _units_cached(source: str, digest: str, words_source: str, words_digest: str) -> UnitTable:
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
        if word in spellings or any(b == word for b, _ in units.values()):
            continue   # the table's own rows (and magnitudes of its base) win
        units[word] = (word, 1.0)
        spellings[word] = word
        if not alone:
            alone_only.add(word)
    for unit, (base, factor) in list(units.items()):
        if factor != 1 or unit in _NO_MAGNITUDE or not "\u4e00" <= unit[0] <= "\u9fff":
            continue
        for prefix, mult in MAGNITUDES.items():
            if prefix + unit not in spellings:
                units[prefix + unit] = (base, mult)
                spellings[prefix + unit] = prefix + unit
    for word in alone_only:
        del units[word], spellings[word]
    return UnitTable(units, spellings, source)
