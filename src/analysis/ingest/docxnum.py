"""Word's automatic numbering written out: the ``一、`` a numbered paragraph shows.

A Word heading numbered automatically (a list style, or ``Heading 1`` linked to a
multilevel list) does not have its label in its text: the label lives in the numbering
part (``numbering.xml``) and Word draws it. :class:`Numbering` counts the numbered
paragraphs as Word does (per list, a level restarts after a higher one) and writes the
label from the level's format (``chineseCounting`` 一, ``decimal`` 1, ``ideographTraditional``
甲, ``upperLetter`` A, roman, circled numbers …) and its text (``%1、``, ``（%2）``,
``第%1章``). Bullets give no label.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace

__all__ = ["Numbering", "chinese_number", "format_number"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_number(n: int, *, digits: str = _DIGITS) -> str:
    """A number in Chinese counting, as Word's ``chineseCounting`` writes it (to 9,999).

    Examples
    --------
    >>> [chinese_number(n) for n in (1, 10, 12, 20, 105, 110)]
    ['一', '十', '十二', '二十', '一百零五', '一百一十']
    """
    if n <= 0 or n > 9999:
        return str(n)
    units = ("", "十", "百", "千")
    parts = []
    s = str(n)
    zero = False
    for i, d in enumerate(s):
        unit = units[len(s) - i - 1]
        if d == "0":
            zero = True
            continue
        if zero and parts:
            parts.append(digits[0])
        zero = False
        parts.append(digits[int(d)] + unit)
    out = "".join(parts)
    return out[1:] if 10 <= n < 20 and digits is _DIGITS else out


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats (``w:numFmt``).

    Examples
    --------
    >>> [format_number(3, f) for f in ("decimal", "chineseCounting", "upperLetter",
    ...                                "lowerRoman", "decimalEnclosedCircle", "bullet")]
    ['3', '三', 'C', 'iii', '③', '']
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n, digits=_LEGAL).replace("十", "拾").replace("百", "佰") \
            .replace("千", "仟")
    if fmt in ("ideographTraditional", "ideographZodiac"):
        seq = _STEMS if fmt == "ideographTraditional" else _ZODIAC
        return seq[(n - 1) % len(seq)]
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        out, m = "", n
        for v, r in _ROMAN:
            while m >= v:
                out, m = out + r, m - v
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # ``w:isLgl``: every number in the label in decimal (1.1, not 一.1)


@dataclass
class Numbering:
    """The lists of one Word document and their counters; :meth:`label` for a paragraph.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> from analysis.evaluation.render import write_docx
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.docx"
    >>> _ = write_docx(p, "一、总体要求\\n正文。\\n二、主要任务", numbered=True)
    >>> document = docx.Document(str(p))
    >>> numbering = Numbering.of(document)
    >>> [numbering.label(q._p, q.style) for q in document.paragraphs]
    ['一、', '', '二、']
    """

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> Numbering:
        """The numbering definitions of a python-docx ``Document`` (none if it has none)."""
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls()
        abstract: dict[str, dict[int, _Level]] = {}
        linked: dict[str, str] = {}
        for a in root.iter(f"{_W}abstractNum"):
            if _val(a, "numStyleLink") and a.find(f"{_W}lvl") is None:
                linked[a.get(f"{_W}abstractNumId", "")] = _val(a, "numStyleLink") or ""
            lvls = {}
            for lvl in a.iter(f"{_W}lvl"):
                lvls[_int(lvl.get(f"{_W}ilvl"), 0)] = _Level(
                    _int(_val(lvl, "start"), 1), _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "", _on(lvl, "isLgl"))
            abstract[a.get(f"{_W}abstractNumId", "")] = lvls
        for a_id, style_id in linked.items():
            abstract[a_id] = abstract.get(_style_list(document, root, style_id) or "", {})
        levels = {}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            lvls = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for over in num.iter(f"{_W}lvlOverride"):
                i = _int(over.get(f"{_W}ilvl"), 0)
                start = _val(over, "startOverride")
                if start and i in lvls:
                    lvls[i] = replace(lvls[i], start=_int(start, lvls[i].start))
            levels[num.get(f"{_W}numId", "")] = lvls
        return cls(levels)

    def label(self, p, style=None) -> str:
        """The label Word draws before paragraph ``p`` (a ``w:p`` element), counting it.

        The paragraph's own ``w:numPr`` is read first, then its style's (and the styles
        that style is based on).
        """
        num_id, ilvl = _num_pr(p.pPr)
        while num_id is None and style is not None:
            num_id, ilvl = _num_pr(style.element.pPr)
            style = style.base_style
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        lvls = self.levels[num_id]
        level = ilvl or 0
        if level not in lvls:
            return ""
        count = self.counters.setdefault(num_id, {})
        count[level] = count.get(level, lvls[level].start - 1) + 1
        for deeper in [k for k in count if k > level]:
            del count[deeper]
        text = lvls[level].text
        for k in range(9):
            if f"%{k + 1}" in text:
                n = count.get(k, lvls[k].start if k in lvls else 1)
                fmt = lvls[k].fmt if k in lvls and not lvls[level].legal else "decimal"
                text = text.replace(f"%{k + 1}", format_number(n, fmt))
        if lvls[level].fmt in ("bullet", "none"):
            return ""
        return text.strip()


def _val(el, tag: str) -> str | None:
    child = el.find(f"{_W}{tag}")
    return child.get(f"{_W}val") if child is not None else None


def _style_list(document, root, style_id: str) -> str | None:
    """The abstract list a numbering style defines (what ``w:numStyleLink`` points to):
    through the style's ``w:numId``, else the list whose ``w:styleLink`` names it."""
    num_id = None
    with contextlib.suppress(AttributeError, KeyError, NotImplementedError):
        for style in document.styles.element.iter(f"{_W}style"):
            if style.get(f"{_W}styleId") == style_id:
                num_id, _ = _num_pr(style.find(f"{_W}pPr"))
    for num in root.iter(f"{_W}num"):
        if num_id is not None and num.get(f"{_W}numId") == num_id:
            return _val(num, "abstractNumId")
    for a in root.iter(f"{_W}abstractNum"):
        if _val(a, "styleLink") == style_id:
            return a.get(f"{_W}abstractNumId")
    return None


def _on(el, tag: str) -> bool:
    """Whether the on/off property ``tag`` of ``el`` is on (present, not ``false``/``0``)."""
    child = el.find(f"{_W}{tag}")
    return child is not None and child.get(f"{_W}val", "true") not in ("0", "false", "off")


def _num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(f"{_W}numPr")
    if num_pr is None:
        return None, None
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl")
    return num_id, _int(ilvl, 0) if ilvl is not None else None


def _int(text: str | None, default: int) -> int:
    """A whole number written in an attribute (``"2"``, also ``"2.0"``); ``default`` when
    the attribute is missing or holds no whole number."""
    if text is None:
        return default
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return default
    return int(number) if number.is_integer() else default
