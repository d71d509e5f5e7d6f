"""The word lists and patterns of the structure stage, read from ``resources/structure.toml``.

:func:`load_structure_rules` reads the packaged file, or your own copy, into a
:class:`StructureRules` of compiled patterns. Every function of :mod:`analysis.structure`
that uses a rule takes ``rules=`` (a file name, a path or a :class:`StructureRules`).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from analysis.resources import read_toml, resource_text, text_digest
from analysis.structure.labels import CN_LABEL_DIGITS

__all__ = ["DEFAULT_RULES", "RulesLike", "StructureRules", "load_structure_rules"]

#: The packaged rule file.
DEFAULT_RULES = "structure.toml"


@dataclass(frozen=True)
class StructureRules:
    """Compiled rules of :mod:`analysis.structure` (see ``resources/structure.toml``).

    Attributes
    ----------
    source : str
        The file the rules were read from.
    back_line : re.Pattern
        A line of closing matter (抄送, 附件, …印发), searched in the stripped line.
    date_line : re.Pattern
        A signature date line (2022年9月14日).
    attachment_line : re.Pattern
        The line that opens a closing list of attachments (附件:).
    org_line : re.Pattern
        An issuing organisation's name line (银川市科学技术局).
    table_caption : re.Pattern
        A table caption at the start of a line; group 1 is the label (表1).
    numeric_cell : re.Pattern
        A table cell that holds a number (``99``, ``2.2左右``).
    number_headers : frozenset of str
        Headers of a column that only numbers the rows (序号).
    cell_break : re.Pattern
        What sets the cells of a header line apart (a tab, two spaces, ``\u3000``).
    field_value : re.Pattern
        A header line of one cell holding it (a digit) is a field and its value.
    unit_suffixes : tuple of str
        Endings of unit names (局, 委员会 …), to recognise a line of unit names.
    unit_trailing : re.Pattern
        Words dropped from the end of a unit name (等).
    empty_units : frozenset of str
        Cells that name no unit (无).
    unit_prefixes : tuple of str
        Prefixes that complete a unit name written without its level (市).
    toc_line : re.Pattern
        A line of a table of contents (``一、总体要求……3``), searched in the stripped line.
    notice_phrase : re.Pattern
        A phrase of a notice that issues an attached document (现印发给你们).
    annex_line : re.Pattern
        A line that opens an attached or appended document (附件2).
    annex_label : re.Pattern
        The label at the start of such a line (附件2：), before a title on the same line.
    title_qualifier : re.Pattern
        A qualifier closing a document's title (（试行）), left out when titles are compared.
    form_title : re.Pattern
        A line alone that names a form (揭榜任务书, 项目申报书); where the outline starts
        again after it, an appended form begins there.
    addressee_line : re.Pattern
        A notice's addressee line (各区县人民政府:).
    notice_title : re.Pattern
        The end of a notice's title (…的通知).
    notice_formula : re.Pattern
        A notice's own formula before its points (有关事项通知如下:).
    not_item_words : frozenset of str
        Words that never name an outline item (``专栏1`` boxes, ``表1`` captions).
    damaged_first_l2, damaged_first_l1 : re.Pattern
        A first ``(一)`` read as ``(-)``, a first ``一、`` that lost its number (``、总则``);
        the parser keeps them only where ``(二)`` / ``二、`` follow.
    bare_l1 : re.Pattern
        A ``一、`` label that lost its ``、`` (``二　建设思路``); group 1 is the number.
    half_bracket : re.Pattern
        A list item numbered with a closing bracket only (``1)``); group 1 is the number.
    half_bracket_cn : re.Pattern
        A ``(一)`` item whose opening bracket was lost (``一）``); group 1 is the number.
    citation_line : re.Pattern
        A line of prose that starts with a label-like token, as a hard wrap leaves it (a
        citation ``第二十条规定…``, ``（二）项规定…``, or numerals ``一、二、三产业``): it holds
        no outline label.
    value_units : tuple of str
        Units that open the line after a decimal number alone on its line (``2.1`` /
        ``万元``): the number is a wrapped figure, not a clause number above its term.
    english_equivalent : re.Pattern
        The English equivalent after a standard's term (``智慧社区　smart community``),
        left out of the length of a title below its clause number.
    markup_prefix, markup_suffix : re.Pattern
        Markdown or HTML residue of a web export around a heading line (``## 一、总则``,
        ``**二、任务**``, ``<p>三、…</p>``, ``【四、保障措施】``).
    toc_title : re.Pattern
        The title line of a table of contents (目录, 目　　录).
    attachment_list : re.Pattern
        The line that opens a notice's list of attachments (附件：1.…, 附件：); group 1 is
        the number of its first item.
    attachment_item : re.Pattern
        An item of that list (``2.某某办法``): group 1 its number, group 2 its title.
    box_line : re.Pattern
        The first line of a box (专栏1 重大工程): the numbered items inside it are not
        items of the outline.
    byline_words : tuple of str
        Words of a byline or photo caption (记者, 摄, 合影): a line holding one is no title
        of a part without a number.
    title_year : re.Pattern
        A year in the title of a part without a number (``2023年工作回顾``): the only
        digits such a title may hold.
    title_figure : re.Pattern
        A figure left in such a title besides its year (a digit, 一九六五年 of a date):
        the line titles no part.
    part_title_ends : tuple of str
        Endings of the title of a part without a number above a numbered outline
        (2023年主要工作, 2024年工作安排).
    part_title_time : re.Pattern
        The year or time word that opens each title of such parts when their endings differ
        (2023年主要工作 … 2024年工作安排, 一年来的主要工作 … 今年的主要任务).
    closing_part_title : re.Pattern
        The title that closes such a series (全面加强政府自身建设) without a time word.
    document_title : re.Pattern
        The end of a document's title (某某实施方案): never the title of such a part.
    """

    source: str
    back_line: re.Pattern[str]
    date_line: re.Pattern[str]
    attachment_line: re.Pattern[str]
    org_line: re.Pattern[str]
    table_caption: re.Pattern[str]
    numeric_cell: re.Pattern[str]
    number_headers: frozenset[str]
    unit_suffixes: tuple[str, ...]
    unit_trailing: re.Pattern[str]
    empty_units: frozenset[str]
    unit_prefixes: tuple[str, ...]
    toc_line: re.Pattern[str]
    notice_phrase: re.Pattern[str]
    annex_line: re.Pattern[str]
    form_title: re.Pattern[str]
    addressee_line: re.Pattern[str]
    notice_title: re.Pattern[str]
    notice_formula: re.Pattern[str]
    damaged_first_l2: re.Pattern[str]
    damaged_first_l1: re.Pattern[str]
    bare_l1: re.Pattern[str]
    half_bracket: re.Pattern[str]
    markup_prefix: re.Pattern[str] = re.compile(r"(?!)")
    citation_line: re.Pattern[str] = re.compile(r"(?!)")
    value_units: tuple[str, ...] = ()
    english_equivalent: re.Pattern[str] = re.compile(r"(?!)")
    markup_suffix: re.Pattern[str] = re.compile(r"(?!)")
    toc_title: re.Pattern[str] = re.compile(r"(?!)")
    box_line: re.Pattern[str] = re.compile(r"(?!)")
    attachment_list: re.Pattern[str] = re.compile(r"(?!)")
    part_title_ends: tuple[str, ...] = ()
    part_title_time: re.Pattern[str] = re.compile(r"(?!)")
    attachment_item: re.Pattern[str] = re.compile(r"(?!)")
    half_bracket_cn: re.Pattern[str] = re.compile(r"(?!)")
    not_item_words: frozenset[str] = frozenset()
    byline_words: tuple[str, ...] = ()
    title_year: re.Pattern[str] = re.compile(r"(?!)")
    title_figure: re.Pattern[str] = re.compile(r"(?!)")
    annex_label: re.Pattern[str] = re.compile(r"(?!)")
    title_qualifier: re.Pattern[str] = re.compile(r"(?!)")
    cell_break: re.Pattern[str] = re.compile(r"(?!)")
    field_value: re.Pattern[str] = re.compile(r"(?!)")
    closing_part_title: re.Pattern[str] = re.compile(r"(?!)")
    document_title: re.Pattern[str] = re.compile(r"(?!)")


#: What :func:`load_structure_rules` accepts.
RulesLike = str | os.PathLike[str] | StructureRules

_KEYS: dict[str, set[str]] = {
    "back_matter": {"line_starts", "bracketed_starts", "line_ends", "patterns", "date_line",
                    "attachment_line"},
    "signature": {"org_suffixes"},
    "tables": {"caption_words", "numeric_qualifiers", "number_headers", "cell_break",
               "field_value"},
    "units": {"name_suffixes", "trailing", "empty", "prefixes"},
    "outline": {"toc_line", "not_item_words", "damaged_first_l2", "damaged_first_l1",
                "bare_l1", "half_bracket", "markup_prefix", "markup_suffix", "toc_title",
                "box_line", "byline_words", "attachment_list", "part_title_ends",
                "half_bracket_cn", "part_title_time", "attachment_item", "title_year",
                "closing_part_title", "document_title", "title_figure", "citation_line",
                "value_units", "english_equivalent"},
    "numerals": {"zero_variants"},
    "wrapper": {"notice_phrases", "annex_line", "annex_label", "title_qualifier",
                "form_title", "addressee_line", "notice_title", "notice_formula"},
}


def load_structure_rules(source: RulesLike = DEFAULT_RULES) -> StructureRules:
    """Read the structure rules from a TOML file (packaged name or your own path).

    A key your file leaves out keeps the packaged value; an unknown section or key is an
    error (a misspelt key would otherwise be ignored silently).

    Parameters
    ----------
    source : str, path or StructureRules
        ``"structure.toml"`` (the packaged file), the path of your own copy, or rules
        already loaded (returned as they are).

    Returns
    -------
    StructureRules

    Raises
    ------
    ValueError
        If the file has an unknown section or key, a value of the wrong type or a pattern
        that does not compile.

    Examples
    --------
    >>> rules = load_structure_rules()
    >>> bool(rules.back_line.search("抄送:市委办公室"))
    True
    >>> bool(rules.date_line.match("2022年9月14日"))
    True
    >>> rules.table_caption.match("表1 主要指标").group(1)
    '表1'
    """
    if isinstance(source, StructureRules):
        return source
    return _rules_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=16)
def _rules_cached(source: str, digest: str) -> StructureRules:
    # the packaged file gives every key; the source's keys replace them
    packaged = resources.files("analysis.resources").joinpath(DEFAULT_RULES)
    data = tomllib.loads(packaged.read_text(encoding="utf-8"))
    for section, values in read_toml(source).items():
        if section not in _KEYS or not isinstance(values, dict):
            raise ValueError(f"{source}: unknown section [{section}]; the sections are "
                             f"{', '.join(f'[{s}]' for s in _KEYS)}.")
        unknown = sorted(set(values) - _KEYS[section])
        if unknown:
            raise ValueError(f"{source}: unknown key(s) {unknown} in [{section}]; the "
                             f"keys are {sorted(_KEYS[section])}.")
        data[section] = {**data[section], **values}
    return _compile(source, data)


def _words(source: str, data: dict[str, Any], section: str, key: str) -> tuple[str, ...]:
    value = data[section][key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{source}: [{section}] {key} must be a list of non-empty strings.")
    return tuple(value)


def _pattern(source: str, section: str, key: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{source}: [{section}] {key} is not a valid regular expression "
                         f"({exc}): {pattern!r}") from exc


def _alternatives(words: tuple[str, ...]) -> str:
    # longest first, so that a word is never cut short by its own prefix
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _compile(source: str, data: dict[str, Any]) -> StructureRules:
    def words(section: str, key: str) -> tuple[str, ...]:
        return _words(source, data, section, key)

    def regex(section: str, key: str) -> str:
        value = data[section][key]
        if not isinstance(value, str):
            raise ValueError(f"{source}: [{section}] {key} must be a string (a pattern).")
        return value.replace("{zero}", zero)

    zero = "".join(re.escape(c) for c in words("numerals", "zero_variants"))
    def compiled(section: str, key: str) -> re.Pattern[str]:
        return _pattern(source, section, key, regex(section, key))

    back = [
        rf"^(?:{_alternatives(words('back_matter', 'line_starts'))})",
        rf"^[(（]?(?:{_alternatives(words('back_matter', 'bracketed_starts'))})",
        rf"(?:{_alternatives(words('back_matter', 'line_ends'))})$",
        *(f"(?:{p})" for p in words("back_matter", "patterns")),
    ]
    # an organisation line: a name without punctuation, ending like an organisation
    org = (r"^[^\s。,，;；:：!！?？、|]{2,30}(?:"
           + _alternatives(words("signature", "org_suffixes")) + ")$")
    caption = (rf"^((?:{_alternatives(words('tables', 'caption_words'))})\s*"
               rf"(?:\d+|[{CN_LABEL_DIGITS}]+)?)(?=\s|[\u4e00-\u9fff]|$)")
    numeric = (r"^(?:[\d.,%+\-—~～]|"
               + _alternatives(words("tables", "numeric_qualifiers")) + ")+$")
    return StructureRules(
        source=source,
        back_line=_pattern(source, "back_matter", "patterns", "|".join(back)),
        date_line=compiled("back_matter", "date_line"),
        attachment_line=compiled("back_matter", "attachment_line"),
        org_line=_pattern(source, "signature", "org_suffixes", org),
        table_caption=_pattern(source, "tables", "caption_words", caption),
        numeric_cell=_pattern(source, "tables", "numeric_qualifiers", numeric),
        number_headers=frozenset(words("tables", "number_headers")),
        cell_break=compiled("tables", "cell_break"),
        field_value=compiled("tables", "field_value"),
        unit_suffixes=words("units", "name_suffixes"),
        unit_trailing=_pattern(source, "units", "trailing",
                               f"(?:{_alternatives(words('units', 'trailing'))})$"),
        empty_units=frozenset(words("units", "empty")),
        unit_prefixes=words("units", "prefixes"),
        toc_line=compiled("outline", "toc_line"),
        not_item_words=frozenset(words("outline", "not_item_words")),
        damaged_first_l2=compiled("outline", "damaged_first_l2"),
        damaged_first_l1=compiled("outline", "damaged_first_l1"),
        bare_l1=compiled("outline", "bare_l1"),
        half_bracket=compiled("outline", "half_bracket"),
        markup_prefix=compiled("outline", "markup_prefix"),
        citation_line=compiled("outline", "citation_line"),
        value_units=words("outline", "value_units"),
        english_equivalent=compiled("outline", "english_equivalent"),
        markup_suffix=compiled("outline", "markup_suffix"),
        toc_title=compiled("outline", "toc_title"),
        box_line=compiled("outline", "box_line"),
        byline_words=words("outline", "byline_words"),
        title_year=compiled("outline", "title_year"),
        title_figure=compiled("outline", "title_figure"),
        part_title_ends=words("outline", "part_title_ends"),
        part_title_time=compiled("outline", "part_title_time"),
        closing_part_title=compiled("outline", "closing_part_title"),
        document_title=compiled("outline", "document_title"),
        half_bracket_cn=compiled("outline", "half_bracket_cn"),
        attachment_list=compiled("outline", "attachment_list"),
        attachment_item=compiled("outline", "attachment_item"),
        notice_phrase=_pattern(source, "wrapper", "notice_phrases",
                               _alternatives(words("wrapper", "notice_phrases"))),
        annex_line=compiled("wrapper", "annex_line"),
        annex_label=compiled("wrapper", "annex_label"),
        title_qualifier=compiled("wrapper", "title_qualifier"),
        form_title=compiled("wrapper", "form_title"),
        addressee_line=compiled("wrapper", "addressee_line"),
        notice_title=compiled("wrapper", "notice_title"),
        notice_formula=compiled("wrapper", "notice_formula"),
    )
