"""Policy instruments: supply, environment and demand tools, coded clause by clause.

The framework is Rothwell & Zegveld's, in the form Chinese S&T policy studies use (赵筱媛 &
苏竣 2007): supply instruments (教育培训, 科技信息支持, 科技基础设施建设, 科技资金投入,
公共服务), environment instruments (目标规划, 金融支持, 税收优惠, 知识产权保护, 法规管制,
策略性措施) and demand instruments (政府采购, 服务外包, 贸易管制, 海外机构管理, 应用示范).

Each clause gets zero or more instrument codes from an editable rule file
(``resources/instruments.toml``: terms, regular expressions and sentence-level co-occurrence
rules), written to follow a coding guide (``resources/coding/coding_guide.md``) and matched
by the one dictionary engine (:mod:`analysis.lexicon`). The matched terms are kept as
evidence. Crosstabs give instrument × document and instrument × era counts and shares. A
coding sheet (XLSX + CSV) lets a researcher code clauses by hand; reading it back gives
Cohen's kappa per instrument type and a type confusion table against the automatic coder.

Modules
-------
rules
    The rule file: :class:`InstrumentType`, :class:`Instrument`, :class:`Rule`,
    :class:`InstrumentRules`, :func:`load_instruments`.
coding
    :func:`instrument_hits` (the evidence) and :func:`code_instruments` (codes per clause).
crosstabs
    :func:`instrument_crosstab`, :func:`instrument_counts`, :func:`instrument_type_counts`,
    :func:`instrument_cell`.
sheet
    The hand-coding sheet: :func:`coding_sheet`, :func:`write_coding_sheet`,
    :func:`read_coding_sheet`, :func:`hand_coded`.
agreement
    :func:`parse_codes`, :func:`cohen_kappa`, :func:`instrument_agreement`,
    :func:`agreement_by_set`.
tables
    :func:`instrument_tables`: every instrument table of the build at once.
"""

from analysis.instruments.agreement import (
    AgreementResult,
    agreement_by_set,
    cohen_kappa,
    instrument_agreement,
    parse_codes,
)
from analysis.instruments.coding import code_instruments, instrument_hits
from analysis.instruments.crosstabs import (
    instrument_cell,
    instrument_counts,
    instrument_crosstab,
    instrument_type_counts,
)
from analysis.instruments.rules import (
    NONE_CODE,
    Instrument,
    InstrumentRules,
    InstrumentType,
    Rule,
    load_instruments,
)
from analysis.instruments.sheet import (
    HAND_CODED,
    SHEET_COLUMNS,
    coding_sheet,
    hand_coded,
    read_coding_sheet,
    write_coding_sheet,
)
from analysis.instruments.tables import instrument_tables

__all__ = [
    "HAND_CODED",
    "NONE_CODE",
    "SHEET_COLUMNS",
    "AgreementResult",
    "Instrument",
    "InstrumentRules",
    "InstrumentType",
    "Rule",
    "agreement_by_set",
    "code_instruments",
    "coding_sheet",
    "cohen_kappa",
    "hand_coded",
    "instrument_agreement",
    "instrument_cell",
    "instrument_counts",
    "instrument_crosstab",
    "instrument_hits",
    "instrument_tables",
    "instrument_type_counts",
    "load_instruments",
    "parse_codes",
    "read_coding_sheet",
    "write_coding_sheet",
]
