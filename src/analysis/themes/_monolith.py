"""Themes: what each document emphasises, clause by clause, with numbers that trace back.

A *theme* (talent, finance, platforms ...) is a named list of terms in an editable TOML
dictionary (``resources/themes.toml``). Terms are found by substring matching on the
normalised, simplified text of each clause (longest term first, no overlaps within a theme),
because jieba keeps compounds such as 人才引进 or 科技金融产品 whole and a token count of 人才
would miss them; :func:`match_terms` with ``mode="token"`` gives the token count for
comparison. Counts come per document and per clause: hits, hits per 10,000 word tokens (the
denominator of :func:`analysis.stats.matrices.word_totals`) and the share of the document's clauses
that mention the theme, which one clause repeating a word cannot inflate.

Comparisons carry their uncertainty: :func:`era_difference` gives 2020s − 2010s differences
with bootstrap intervals from resampling clauses (seeded), :func:`theme_chi_square` tests
theme × document counts (with a clause-permutation p-value and the caveat that five
documents are few), and :func:`count_evidence` lists the clauses and keywords-in-context behind
any count. :func:`policy_tone` measures mandatory, encouraging and permissive wording.

The unit of analysis is a clause of :func:`analysis.structure.clause_table`; every function
also accepts any frame with the columns ``doc_id, clause_id, text, char_start, char_end``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from analysis.resources import read_toml
from analysis.structure.roles import ROLE_LABELS
from analysis.text.chars import HAN_RE as _HAN

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from analysis.text.corpus import Corpus
    from analysis.text.tokenize import Tokenizer

__all__ = [
    "CAVEAT",
    "CHI2_COLUMNS",
    "ERA_DIFF_COLUMNS",
    "HEADLINE_THEMES",
    "ChiSquareResult",
    "TermSet",
    "ThemeDictionary",
    "chi_square_summary",
    "clause_units",
    "corpus_caveat",
    "count_evidence",
    "era_difference",
    "evidence_clauses",
    "evidence_documents",
    "format_evidence",
    "load_themes",
    "load_tone",
    "match_terms",
    "policy_tone",
    "theme_chi_square",
    "theme_clauses",
    "theme_counts",
    "theme_profiles",
    "theme_tables",
    "theme_term_table",
    "theme_terms",
    "unit_word_counts",
]

PathLike = str | os.PathLike[str]

#: Columns every units frame needs.
UNIT_COLUMNS = ("doc_id", "clause_id", "text", "char_start", "char_end")

#: Written next to every cross-document test and comparison (the default corpus's
#: :func:`corpus_caveat`; a build of another corpus writes that corpus's own caveat).
CAVEAT = (
    "Caveat: five documents are few. Each city is one document and the 2010s are a single "
    "document (tonghua_2012), so city and era differences are confounded with document "
    "type, author and length; bootstrap intervals resample clauses within documents and "
    "show how stable each document's profile is, not how cities or eras vary in general."
)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten")


def corpus_caveat(documents: pd.DataFrame | None) -> str:
    """The caveat of cross-document comparisons, written for this corpus: how many
    documents, whether each city is one document, which eras are a single document.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a_2012", "b_2021", "c_2022"],
    ...                      "city": ["甲", "乙", "乙"], "era": ["2010s", "2020s", "2020s"]})
    >>> print(corpus_caveat(docs)[:90])
    Caveat: three documents are few. The 2010s are a single document (a_2012), so city and era
    """
    if documents is None:
        return CAVEAT
    docs = documents.drop_duplicates("doc_id")
    n = len(docs)
    count = _NUMBERS[n] if n < len(_NUMBERS) else f"{n:,}"
    head = f"Caveat: {count} documents are few." if n < 30 else f"Caveat: {count} documents."
    facts = []
    if "city" in docs.columns and n > 1 and docs["city"].nunique() == n:
        facts.append("each city is one document")
    if "era" in docs.columns and docs["era"].nunique() > 1:
        for era, g in docs.groupby("era", sort=True):
            if len(g) == 1:
                facts.append(f"the {era} are a single document ({g['doc_id'].iloc[0]})")
    if facts:
        said = " and ".join(facts)
        body = (f"{said[0].upper()}{said[1:]}, so city and era differences are confounded "
                "with document type, author and length;")
    else:
        body = "Differences between groups may be confounded with document type, author and " \
               "length;"
    return (f"{head} {body} bootstrap intervals resample clauses within documents and show "
            "how stable each document's profile is, not how cities or eras vary in general.")

#: The themes the notebooks compare first: talent, finance (科技金融) and platforms.
HEADLINE_THEMES = ("talent", "finance", "platforms")

#: Columns of :func:`era_difference` (the build's ``theme_era_diff``, empty without two eras).
ERA_DIFF_COLUMNS = (
    "doc_id", "theme", "theme_zh", "theme_en", "metric", "by", "group_a", "group_b",
    "value_a", "value_b", "diff", "ci_low", "ci_high", "excludes_zero", "n_docs_a",
    "n_docs_b", "n_clauses_a", "n_clauses_b", "weighting", "n_boot", "ci", "seed", "caveat",
)

#: Columns of :meth:`ChiSquareResult.to_frame` (the build's ``theme_chi2``).
CHI2_COLUMNS = (
    "doc_id", "theme", "theme_zh", "theme_en", "observed", "expected", "residual",
    "statistic", "dof", "pvalue", "permutation_pvalue", "permutations", "seed", "cramers_v",
    "n_hits", "min_expected", "share_expected_below_5", "themes_dropped", "caveat",
)

_MASK = "\x00"


# --------------------------------------------------------------------------- term sets


@dataclass(frozen=True)
class TermSet:
    """A named list of terms found in text: a theme, an instrument, a tone, a rule group.

    Parameters
    ----------
    key, zh, en : str
        Stable identifier and Chinese / English names.
    terms : tuple of str
        Matched as substrings; at each position the longest term wins; no overlaps.
    tokens : tuple of str
        Matched only where the segmenter makes them a token of their own (single characters
        such as 可 or 党).
    exclude : tuple of str
        Contexts masked before matching: no match may overlap them (金融办 for finance).
    patterns : tuple of str
        Regular expressions, matched like terms (到20\\d\\d年 for targets).

    Examples
    --------
    >>> ts = TermSet("talent", "人才", "Talent", terms=("人才", "科技人才"))
    >>> ts.find("引进科技人才和人才团队")
    [(2, 6, '科技人才'), (7, 9, '人才')]
    """

    key: str
    zh: str
    en: str
    terms: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()

    @cached_property
    def _term_re(self) -> re.Pattern[str] | None:
        if not self.terms:
            return None
        ordered = sorted(set(self.terms), key=lambda t: (-len(t), t))
        return re.compile("|".join(re.escape(t) for t in ordered))

    @cached_property
    def _pattern_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.patterns)

    def mask(self, text: str) -> str:
        """``text`` with every ``exclude`` context replaced by NUL characters (same length)."""
        if not self.exclude or not any(e in text for e in self.exclude):
            return text
        chars = list(text)
        for ex in self.exclude:
            i = text.find(ex)
            while i >= 0:
                chars[i:i + len(ex)] = _MASK * len(ex)
                i = text.find(ex, i + 1)
        return "".join(chars)

    def find(self, text: str,
             token_spans: Iterable[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
        """All non-overlapping matches in ``text`` as ``(start, end, term)``, in text order.

        ``token_spans`` are the segmenter's ``(start, end, token)`` for ``text``; only needed
        when the set has ``tokens``.
        """
        masked = self.mask(text)
        cands: list[tuple[int, int, str]] = []
        if self._term_re is not None:
            cands += [(m.start(), m.end(), m.group()) for m in self._term_re.finditer(masked)]
        for rx in self._pattern_res:
            cands += [(m.start(), m.end(), m.group()) for m in rx.finditer(masked) if m.group()]
        if self.tokens:
            wanted = set(self.tokens)
            cands += [(s, e, t) for s, e, t in token_spans
                      if t in wanted and _MASK not in masked[s:e]]
        return _greedy(cands)

    def find_tokens(self, text: str,
                    token_spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Token-level matching: tokens equal to a term (or a ``tokens`` entry)."""
        masked = self.mask(text)
        wanted = set(self.terms) | set(self.tokens)
        return _greedy([(s, e, t) for s, e, t in token_spans
                        if t in wanted and _MASK not in masked[s:e]])

    def all_terms(self) -> tuple[str, ...]:
        """Terms and token terms (not patterns, not exclusions)."""
        return tuple(dict.fromkeys((*self.terms, *self.tokens)))


def _greedy(cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Leftmost, then longest, non-overlapping selection."""
    out: list[tuple[int, int, str]] = []
    last = -1
    for s, e, t in sorted(set(cands), key=lambda c: (c[0], -(c[1] - c[0]), c[2])):
        if s >= last:
            out.append((s, e, t))
            last = e
    return out


def _str_list(value: Any, *, where: str, name: str, required: bool = False) -> tuple[str, ...]:
    if value is None:
        if required:
            raise ValueError(f"{where}: `{name}` is missing; give a list of strings.")
        return ()
    if isinstance(value, str) or not isinstance(value, list) \
            or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: `{name}` must be a list of non-empty strings "
                         f'(e.g. {name} = ["人才", "引才"]).')
    if required and not value:
        raise ValueError(f"{where}: `{name}` is empty; give at least one term.")
    return tuple(v.strip() for v in value)


def termset_from_table(table: dict[str, Any], *, where: str, key_field: str = "key",
                       require_terms: bool = True) -> TermSet:
    """Validate one TOML table (a theme, a tone, an instrument) into a :class:`TermSet`."""
    if not isinstance(table, dict):
        raise ValueError(f"{where}: expected a table with {key_field}, zh, en and terms.")
    for name in (key_field, "zh", "en"):
        if not isinstance(table.get(name), str) or not table[name].strip():
            raise ValueError(f"{where}: `{name}` is missing or empty.")
    terms = _str_list(table.get("terms"), where=where, name="terms")
    tokens = _str_list(table.get("tokens"), where=where, name="tokens")
    patterns = _str_list(table.get("patterns"), where=where, name="patterns")
    if require_terms and not (terms or tokens or patterns):
        raise ValueError(f"{where}: give at least one entry in `terms` (or tokens/patterns).")
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"{where}: pattern {p!r} is not a valid regular expression "
                             f"({exc}).") from exc
    return TermSet(
        key=table[key_field].strip(), zh=table["zh"].strip(), en=table["en"].strip(),
        terms=terms, tokens=tokens,
        exclude=_str_list(table.get("exclude"), where=where, name="exclude"),
        patterns=patterns,
    )


@dataclass(frozen=True)
class ThemeDictionary:
    """The themes of a dictionary file, in file order.

    Examples
    --------
    >>> d = load_themes()
    >>> d["talent"].zh, d["finance"].en
    ('人才', 'Finance')
    """

    themes: tuple[TermSet, ...]
    source: str = "themes.toml"
    name: str = ""

    def __getitem__(self, key: str) -> TermSet:
        for t in self.themes:
            if t.key == key:
                return t
        raise KeyError(f"no theme {key!r} in {self.source}; themes: {', '.join(self.keys)}")

    def __iter__(self):
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.themes]

    def terms(self) -> list[str]:
        """Every term and token term of every theme (sorted, unique)."""
        return sorted({t for th in self.themes for t in th.all_terms()})


def _unique_keys(sets: Sequence[TermSet], *, source: str, what: str) -> None:
    seen: set[str] = set()
    for s in sets:
        if s.key in seen:
            raise ValueError(f"{source}: the {what} key {s.key!r} is used twice; keys must be "
                             "unique.")
        seen.add(s.key)


def load_themes(path: PathLike | ThemeDictionary = "themes.toml") -> ThemeDictionary:
    """Read a theme dictionary: the packaged ``themes.toml`` or your own file.

    Each ``[[theme]]`` needs ``key``, ``zh``, ``en`` and ``terms``; ``exclude`` and
    ``tokens`` are optional (see the packaged file's header for what they do).

    Examples
    --------
    >>> d = load_themes()
    >>> len(d) >= 15 and "talent" in d.keys
    True
    """
    if isinstance(path, ThemeDictionary):
        return path
    data = read_toml(path)
    tables = data.get("theme")
    if not isinstance(tables, list) or not tables:
        raise ValueError(f"{path}: no [[theme]] tables; each theme is a [[theme]] with key, "
                         "zh, en and terms.")
    head = data.get("dictionary", {})
    if not isinstance(head, dict):
        raise ValueError(f"{path}: [dictionary] must be a table (name, exclude).")
    common = _str_list(head.get("exclude"), where=f"{path}: [dictionary]", name="exclude")
    themes = tuple(with_exclude(termset_from_table(
        t, where=f"{path}: theme #{i + 1} ({t.get('key', '?') if isinstance(t, dict) else '?'})"),
        common) for i, t in enumerate(tables))
    _unique_keys(themes, source=str(path), what="theme")
    return ThemeDictionary(themes, source=str(path), name=str(head.get("name", "")))


def with_exclude(ts: TermSet, extra: Sequence[str]) -> TermSet:
    """``ts`` with more exclude contexts (a file-wide list such as agency names)."""
    if not extra:
        return ts
    return replace(ts, exclude=tuple(dict.fromkeys((*ts.exclude, *extra))))


def load_tone(path: PathLike = "instruments.toml") -> tuple[TermSet, ...]:
    """The policy-tone wording (``[[tone]]`` tables of the instrument rule file).

    Examples
    --------
    >>> [t.key for t in load_tone()]
    ['mandatory', 'encouraging', 'permissive']
    """
    tables = read_toml(path).get("tone")
    if not isinstance(tables, list) or not tables:
        raise ValueError(f"{path}: no [[tone]] tables; define the tone wording as [[tone]] "
                         "tables with key, zh, en and terms.")
    tones = tuple(termset_from_table(t, where=f"{path}: tone #{i + 1}")
                  for i, t in enumerate(tables))
    _unique_keys(tones, source=str(path), what="tone")
    return tones


# --------------------------------------------------------------------------- units


def clause_units(corpus: Corpus) -> pd.DataFrame:
    """The clauses of a corpus (:func:`analysis.structure.clause_table`), the unit of every
    count in this module."""
    from analysis.structure import clause_table

    return clause_table(corpus)


def _check_units(units: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(units, pd.DataFrame):
        raise TypeError("units must be a DataFrame with columns " + ", ".join(UNIT_COLUMNS)
                        + " (e.g. analysis.structure.clause_table(corpus)).")
    missing = [c for c in UNIT_COLUMNS if c not in units.columns]
    if missing:
        raise ValueError(f"units: missing column(s) {', '.join(missing)}; a units frame needs "
                         + ", ".join(UNIT_COLUMNS) + " (analysis.structure.clause_table gives "
                         "them).")
    if units["clause_id"].duplicated().any():
        dup = units.loc[units["clause_id"].duplicated(), "clause_id"].iloc[0]
        raise ValueError(f"units: clause_id {dup!r} occurs twice; clause ids must be unique.")
    return units.reset_index(drop=True)


#: Labels of task-table cells that name responsible units, not policy content.
UNIT_CELL_LABELS = frozenset(ROLE_LABELS)
_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"[。.::]+$")


def _countable(units: pd.DataFrame) -> pd.Series:
    """The clauses that count in clause shares (numerator and denominator).

    A clause counts when it has Chinese text and is not a title-only heading (``二、重点任务``:
    its text is just its label and title), a task-table cell naming responsible units
    (``牵头单位``/``配合单位``) or closing matter (``back``: signature, date, copy list).
    Frames without ``kind``/``label``/``heading`` columns count every clause with Chinese text.
    """
    text = units["text"].astype(str)
    keep = text.str.contains(_HAN)
    if "kind" in units.columns:
        keep &= units["kind"].astype(str) != "back"
    if "label" in units.columns:
        keep &= ~units["label"].astype(str).isin(UNIT_CELL_LABELS)
    if {"kind", "label", "heading"} <= set(units.columns):
        import numpy as np
        import pandas as pd

        head = (units["kind"].astype(str) == "heading").to_numpy(dtype=bool)
        same = np.zeros(len(units), dtype=bool)
        if head.any():  # only headings can be title-only
            h = units.loc[head]
            titles = (h["label"].fillna("").astype(str) + h["heading"].fillna("").astype(str))

            def clean(x: str) -> str:
                return _TRAIL.sub("", _SPACE.sub("", x))

            same[head] = [clean(b) == clean(t) for b, t in
                          zip(text.loc[head].tolist(), titles.tolist(), strict=True)]
        keep &= ~pd.Series(same, index=keep.index)
    return keep


def _doc_order(units: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(units["doc_id"].tolist()))


class _UnitTokens:
    """``(start, end, token)`` per unit, relative to the unit's text: from a token table (its
    offsets are document offsets) or, without one, by segmenting each unit's text."""

    def __init__(self, units: pd.DataFrame, tokens: pd.DataFrame | None,
                 tokenizer: Tokenizer | None) -> None:
        self.units = units
        self.tokens = tokens
        self.tokenizer = tokenizer
        self._by_doc: dict[str, tuple[Any, Any, Any, Any]] | None = None
        self._rows: tuple[list, list, list, list] | None = None

    def _row(self, i: int) -> tuple[Any, Any, Any, Any]:
        """``doc_id, char_start, char_end, text`` of unit ``i`` (columns read once, not a
        pandas row per call)."""
        if self._rows is None:
            u = self.units
            self._rows = (u["doc_id"].tolist(), u["char_start"].tolist(),
                          u["char_end"].tolist(), u["text"].tolist())
        return tuple(col[i] for col in self._rows)  # type: ignore[return-value]

    def _index(self) -> dict[str, tuple[Any, Any, Any, Any]]:
        if self._by_doc is None:
            import numpy as np

            self._by_doc = {}
            t = self.tokens
            for doc_id, g in t.groupby("doc_id", sort=False):
                order = np.argsort(g["start"].to_numpy(), kind="stable")
                self._by_doc[doc_id] = (g["start"].to_numpy()[order], g["end"].to_numpy()[order],
                                        g["token"].to_numpy()[order], g["kind"].to_numpy()[order])
        return self._by_doc

    def spans(self, i: int, *, with_kind: bool = False) -> list[tuple]:
        doc_id, start, end, text = self._row(i)
        if self.tokens is not None and doc_id in self._index():
            import numpy as np

            starts, ends, toks, kinds = self._index()[doc_id]
            a, b = int(start), int(end)
            lo, hi = np.searchsorted(starts, a, "left"), np.searchsorted(starts, b, "left")
            out = []
            for s, e, t, k in zip(starts[lo:hi], ends[lo:hi], toks[lo:hi], kinds[lo:hi],
                                  strict=True):
                if e <= b:
                    out.append((int(s) - a, int(e) - a, t, k) if with_kind
                               else (int(s) - a, int(e) - a, t))
            return out
        from analysis.text.tokenize import get_tokenizer, token_kind

        tok = self.tokenizer or get_tokenizer()
        spans = [(s, e, w) for w, s, e in tok.tokenize(str(text))]
        if with_kind:
            return [(s, e, w, token_kind(w)) for s, e, w in spans if not w.isspace()]
        return spans


def match_terms(
    units: pd.DataFrame,
    termsets: Iterable[TermSet] | ThemeDictionary | PathLike = "themes.toml",
    *,
    mode: str = "substring",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    code_column: str = "theme",
) -> pd.DataFrame:
    """Every match of every term set in every clause: one row per hit.

    Parameters
    ----------
    units : DataFrame
        Clauses (``doc_id, clause_id, text, char_start, char_end``).
    termsets : ThemeDictionary, iterable of TermSet, or path
        What to look for; a path is read with :func:`load_themes`.
    mode : {"substring", "token"}, keyword-only
        ``"substring"`` (the default, see the module notes) or ``"token"``: only tokens equal
        to a term count, so 人才 inside the token 人才引进 is not found.
    tokens : DataFrame, keyword-only
        A :func:`analysis.text.tokenize.token_table` of the same corpus (document offsets); used
        for token terms and ``mode="token"``. Without it each clause is segmented on its own.
    tokenizer : Tokenizer, keyword-only
        Segmenter used when ``tokens`` is not given (default :func:`get_tokenizer`).
    code_column : str, keyword-only
        Name of the column holding the term set's key (``theme``, ``tone`` ...).

    Returns
    -------
    DataFrame
        ``doc_id, clause_id, <code_column>, term, start, end`` with ``start/end`` offsets into
        the document's normalised text (``text_orig[start:end]`` quotes the original script);
        in clause order, then term-set order, then position.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "char_start": [0],
    ...                       "text": ["支持人才引进和高层次人才培养"], "char_end": [14]})
    >>> match_terms(units, [TermSet("talent", "人才", "Talent", terms=("人才",))])["start"].tolist()
    [2, 10]
    >>> len(match_terms(units, [TermSet("talent", "人才", "Talent", terms=("人才",))],
    ...                 mode="token"))
    0
    """
    if mode not in ("substring", "token"):
        raise ValueError(f"mode={mode!r}: use 'substring' or 'token'.")
    units = _check_units(units)
    if isinstance(termsets, (str, os.PathLike)):
        termsets = load_themes(termsets)
    sets = list(termsets)
    if _fast_ok(sets):
        return _match_terms_fast(units, sets, mode=mode, tokens=tokens, tokenizer=tokenizer,
                                 code_column=code_column)
    return _match_terms_simple(units, sets, mode=mode, tokens=tokens, tokenizer=tokenizer,
                               code_column=code_column)


#: Joins the clause texts for whole-corpus matching; no term or exclude may contain it.
_SEP = "\x01"


def _hit_frame(rows: list[tuple], code_column: str) -> pd.DataFrame:
    import pandas as pd

    out = pd.DataFrame(rows, columns=["doc_id", "clause_id", code_column, "term", "start", "end"])
    return out.astype({"start": "int64", "end": "int64"})


def _match_terms_simple(units: pd.DataFrame, sets: list[TermSet], *, mode: str,
                        tokens: pd.DataFrame | None, tokenizer: Tokenizer | None,
                        code_column: str) -> pd.DataFrame:
    """:func:`match_terms` clause by clause with :meth:`TermSet.find` (the reference the
    whole-corpus path must equal; used when a term contains :data:`_SEP`)."""
    need_tokens = mode == "token" or any(s.tokens for s in sets)
    toks = _UnitTokens(units, tokens, tokenizer)
    rows: list[tuple] = []
    for i, (doc_id, clause_id, text, a) in enumerate(zip(
            units["doc_id"], units["clause_id"], units["text"].astype(str),
            units["char_start"].astype(int), strict=True)):
        spans = toks.spans(i) if need_tokens else ()
        for ts in sets:
            found = ts.find_tokens(text, spans) if mode == "token" else ts.find(text, spans)
            rows += [(doc_id, clause_id, ts.key, term, a + s, a + e) for s, e, term in found]
    return _hit_frame(rows, code_column)


def _fast_ok(sets: list[TermSet]) -> bool:
    """Whether the whole-corpus path applies: no term or exclude contains :data:`_SEP`, so
    no match or masked context can run from one clause into the next."""
    return not any(_SEP in x for ts in sets for x in (*ts.terms, *ts.exclude))


def _occurrences(text: str, subs: Iterable[str]) -> dict[str, list[int]]:
    """Start of every (possibly overlapping) occurrence of each non-empty string of ``subs``
    in ``text``: one regular-expression pass finds every position where one of them starts
    (an alternation of literals matches at a position when any of them does)."""
    subs = [x for x in dict.fromkeys(subs) if x]
    out: dict[str, list[int]] = {x: [] for x in subs}
    if not subs:
        return out
    by_first: dict[str, list[str]] = {}
    for x in subs:
        by_first.setdefault(x[0], []).append(x)
    search = re.compile("|".join(re.escape(x) for x in sorted(subs, key=lambda x: (-len(x), x)))
                        ).search
    m = search(text)
    while m is not None:
        p = m.start()
        for x in by_first[text[p]]:
            if text.startswith(x, p):
                out[x].append(p)
        m = search(text, p + 1)
    return out


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of every ``(start, end)`` span replaced by NUL."""
    if not spans:
        return text
    spans.sort()
    parts, last = [], 0
    for s, e in spans:
        if e <= last:
            continue
        s = max(s, last)
        parts += [text[last:s], _MASK * (e - s)]
        last = e
    parts.append(text[last:])
    return "".join(parts)


def _masked_texts(joined: str, sets: list[TermSet]) -> Iterator[str]:
    """:meth:`TermSet.mask` of every clause at once, per set (the exclude contexts cannot
    span the separator, so masking the joined text masks each clause as on its own). The
    contexts all the sets share (a dictionary-wide list) are masked once."""
    occ = _occurrences(joined, (x for ts in sets for x in ts.exclude))
    with_ex = [set(ts.exclude) & set(occ) for ts in sets if ts.exclude]
    common = set.intersection(*with_ex) if with_ex else set()
    base = _mask_spans(joined, [(i, i + len(x)) for x in common for i in occ[x]])
    for ts in sets:  # one at a time: a masked copy per set would hold the corpus many times
        own = set(ts.exclude) & set(occ)
        start, rest = (base, own - common) if common and common <= own else (joined, own)
        yield _mask_spans(start, [(i, i + len(x)) for x in rest for i in occ[x]])


def _token_candidates(units: pd.DataFrame, texts: list[str], tokens: pd.DataFrame | None,
                      tokenizer: Tokenizer | None, wanted: set[str]
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The tokens in ``wanted`` of every unit as arrays ``(unit, start, end, token)``, offsets
    relative to the unit: exactly the spans :meth:`_UnitTokens.spans` gives, filtered."""
    import numpy as np
    import pandas as pd

    n = len(units)
    a_all = units["char_start"].to_numpy().astype(np.int64)
    b_all = units["char_end"].to_numpy().astype(np.int64)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    fallback = np.ones(n, dtype=bool)
    if tokens is not None and n:
        present = pd.Index(tokens["doc_id"].dropna().unique())
        ucode = present.get_indexer(units["doc_id"])
        fallback = ucode < 0
        w = tokens.loc[tokens["token"].isin(wanted)]
        tcode = present.get_indexer(w["doc_id"])
        tstart = w["start"].to_numpy().astype(np.int64)
        tend = w["end"].to_numpy().astype(np.int64)
        ttok = w["token"].to_numpy(dtype=object)
        inside = ucode >= 0
        if len(tstart) and inside.any():
            big = int(max(np.abs(tstart).max(), np.abs(a_all).max(), np.abs(b_all).max())) + 1
            width = 2 * big + 1
            keys = tcode * width + tstart + big
            order = np.argsort(keys, kind="stable")
            keys, tend, ttok = keys[order], tend[order], ttok[order]
            tstart = tstart[order]
            ui = np.flatnonzero(inside)
            base = ucode[ui] * width + big
            lo = np.searchsorted(keys, base + a_all[ui], "left")
            hi = np.searchsorted(keys, base + b_all[ui], "left")
            cnt = hi - lo
            u = np.repeat(ui, cnt)
            first = np.repeat(lo - np.cumsum(cnt) + cnt, cnt)
            k = first + np.arange(len(u))
            ok = tend[k] <= b_all[u]
            u, k = u[ok], k[ok]
            parts.append((u, tstart[k] - a_all[u], tend[k] - a_all[u], ttok[k]))
    if fallback.any():
        from analysis.text.tokenize import get_tokenizer

        tok = tokenizer or get_tokenizer()
        rows = [(i, s, e, w) for i in np.flatnonzero(fallback)
                for w, s, e in tok.tokenize(texts[i]) if w in wanted]
        parts.append((np.array([r[0] for r in rows], dtype=np.int64),
                      np.array([r[1] for r in rows], dtype=np.int64),
                      np.array([r[2] for r in rows], dtype=np.int64),
                      np.array([r[3] for r in rows], dtype=object)))
    if not parts:
        return (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64),
                np.zeros(0, object))
    return tuple(np.concatenate(x) for x in zip(*parts, strict=True))  # type: ignore[return-value]


def _match_terms_fast(units: pd.DataFrame, sets: list[TermSet], *, mode: str,
                      tokens: pd.DataFrame | None, tokenizer: Tokenizer | None,
                      code_column: str) -> pd.DataFrame:
    """:func:`match_terms` on the whole corpus at once: each term set's regular expression
    runs once over the clause texts joined by :data:`_SEP` (no term contains it, so every
    match lies inside one clause and is the match a clause-by-clause search finds); token
    terms come from the token table in bulk, patterns clause by clause; where candidates of
    different kinds meet, the same leftmost-longest selection as :func:`_greedy` decides."""
    import numpy as np

    texts = units["text"].astype(str).tolist()
    n = len(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    off = np.zeros(n, dtype=np.int64)
    off[1:] = np.cumsum(lens[:-1] + 1)
    joined = _SEP.join(texts)
    need_tokens = mode == "token" or any(s.tokens for s in sets)
    if need_tokens:
        wanted_all: set[str] = set()
        for ts in sets:
            wanted_all |= set(ts.tokens) | (set(ts.terms) if mode == "token" else set())
        tu, tsr, ter, ttk = _token_candidates(units, texts, tokens, tokenizer, wanted_all)
    res_u, res_k, res_s, res_e, res_t = [], [], [], [], []
    for k, (ts, masked) in enumerate(zip(sets, _masked_texts(joined, sets), strict=True)):
        mu: list[int] = []
        ms: list[int] = []
        me: list[int] = []
        mt: list[str] = []
        if mode == "substring" and ts._term_re is not None:
            for m in ts._term_re.finditer(masked):
                ms.append(m.start())
                me.append(m.end())
                mt.append(m.group())
        su = np.searchsorted(off, np.asarray(ms, dtype=np.int64), "right") - 1
        s_rel = np.asarray(ms, dtype=np.int64) - off[su]
        e_rel = np.asarray(me, dtype=np.int64) - off[su]
        extra: list[tuple[int, int, int, str]] = []
        if mode == "substring":
            for rx in ts._pattern_res:
                for i in range(n):
                    seg = masked[off[i]:off[i] + lens[i]]
                    extra += [(i, m.start(), m.end(), m.group()) for m in rx.finditer(seg)
                              if m.group()]
        wanted = set(ts.tokens) | (set(ts.terms) if mode == "token" else set())
        if need_tokens and wanted and len(tu):
            sel = np.flatnonzero(np.fromiter((t in wanted for t in ttk), dtype=bool,
                                             count=len(ttk)))
            for i, s, e, t in zip(tu[sel].tolist(), tsr[sel].tolist(), ter[sel].tolist(),
                                  ttk[sel], strict=True):
                o, ln = int(off[i]), int(lens[i])
                if _MASK not in masked[o + min(s, ln):o + min(e, ln)]:
                    extra.append((i, s, e, t))
        if extra:
            cands = set(zip(su.tolist(), s_rel.tolist(), e_rel.tolist(), mt, strict=True))
            cands.update(extra)
            mu, ms, me, mt = [], [], [], []
            cur, last = -1, -1
            for i, s, e, t in sorted(cands, key=lambda c: (c[0], c[1], -(c[2] - c[1]), c[3])):
                if i != cur:
                    cur, last = i, -1
                if s >= last:
                    mu.append(i)
                    ms.append(s)
                    me.append(e)
                    mt.append(t)
                    last = e
            su = np.asarray(mu, dtype=np.int64)
            s_rel = np.asarray(ms, dtype=np.int64)
            e_rel = np.asarray(me, dtype=np.int64)
        res_u.append(su)
        res_k.append(np.full(len(su), k, dtype=np.int64))
        res_s.append(s_rel)
        res_e.append(e_rel)
        res_t.append(np.asarray(mt, dtype=object))
    u = np.concatenate(res_u) if res_u else np.zeros(0, np.int64)
    if not len(u):
        return _hit_frame([], code_column)
    kk, s_rel, e_rel = np.concatenate(res_k), np.concatenate(res_s), np.concatenate(res_e)
    terms = np.concatenate(res_t)
    order = np.lexsort((s_rel, kk, u))
    u, kk, s_rel, e_rel, terms = u[order], kk[order], s_rel[order], e_rel[order], terms[order]
    a = units["char_start"].astype(int).to_numpy().astype(np.int64)[u]
    import pandas as pd

    keys = np.array([ts.key for ts in sets], dtype=object)
    out = pd.DataFrame({
        "doc_id": units["doc_id"].to_numpy(dtype=object)[u].tolist(),
        "clause_id": units["clause_id"].to_numpy(dtype=object)[u].tolist(),
        code_column: keys[kk].tolist(),
        "term": terms.tolist(),
        "start": a + s_rel,
        "end": a + e_rel,
    })
    return out.astype({"start": "int64", "end": "int64"})


def unit_word_counts(units: pd.DataFrame, *, tokens: pd.DataFrame | None = None,
                     tokenizer: Tokenizer | None = None) -> pd.Series:
    """Word tokens (Han or Latin, stopwords included) in each clause, aligned with ``units``.

    With a token table the clause's tokens are those starting inside it, so the clause
    counts of a document add up to :func:`analysis.stats.matrices.word_totals`.
    """
    import numpy as np
    import pandas as pd

    from analysis.stats.matrices import WORD_KINDS

    units = _check_units(units)
    if tokens is not None:
        words = tokens.loc[tokens["kind"].isin(WORD_KINDS), ["doc_id", "start"]]
        codes, uniq = pd.factorize(words["doc_id"])
        wstart = words["start"].to_numpy()
        order = np.lexsort((wstart, codes))  # by document, then start
        wstart = wstart[order]
        bounds = np.searchsorted(codes[order], np.arange(len(uniq) + 1))
        where = {x: j for j, x in enumerate(uniq.tolist())}
        out = np.zeros(len(units), dtype=np.int64)
        for doc_id, g in units.groupby("doc_id", sort=False):
            j = where.get(doc_id)
            starts = wstart[bounds[j]:bounds[j + 1]] if j is not None else wstart[:0]
            lo = np.searchsorted(starts, g["char_start"].to_numpy(), "left")
            hi = np.searchsorted(starts, g["char_end"].to_numpy(), "left")
            out[g.index.to_numpy()] = hi - lo
        return pd.Series(out, index=units.index, name="n_words")
    toks = _UnitTokens(units, None, tokenizer)
    counts = [sum(1 for _, _, _, k in toks.spans(i, with_kind=True) if k in WORD_KINDS)
              for i in range(len(units))]
    return pd.Series(counts, index=units.index, name="n_words", dtype="int64")


def _doc_words(units: pd.DataFrame, tokens: pd.DataFrame | None,
               tokenizer: Tokenizer | None) -> pd.Series:
    """Word tokens per document: ``word_totals(tokens)``, or the sum over the clauses."""
    if tokens is not None:
        from analysis.stats.matrices import word_totals

        return word_totals(tokens).reindex(_doc_order(units), fill_value=0)
    per = unit_word_counts(units, tokenizer=tokenizer)
    return per.groupby(units["doc_id"], sort=False).sum().reindex(_doc_order(units))


META_COLUMNS = ("city", "city_en", "year", "era")


def _with_meta(df: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Insert ``city, city_en, year, era`` after ``doc_id`` (those ``documents`` has)."""
    if documents is None:
        return df
    cols = [c for c in META_COLUMNS if c in documents.columns]
    meta = documents.drop_duplicates("doc_id").set_index("doc_id")[cols]
    out = df.copy()
    for j, c in enumerate(cols):
        out.insert(1 + j, c, out["doc_id"].map(meta[c]).to_numpy())
    return out


# --------------------------------------------------------------------------- theme counts


def _resolve_hits(units: pd.DataFrame, dictionary: ThemeDictionary, hits: pd.DataFrame | None,
                  tokens: pd.DataFrame | None, tokenizer: Tokenizer | None) -> pd.DataFrame:
    if hits is None:
        return match_terms(units, dictionary, tokens=tokens, tokenizer=tokenizer)
    missing = {"doc_id", "clause_id", "theme", "term"} - set(hits.columns)
    if missing:
        raise ValueError(f"hits: missing column(s) {', '.join(sorted(missing))}; pass the "
                         "output of match_terms.")
    return hits


def theme_counts(
    units: pd.DataFrame,
    *,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    tokens: pd.DataFrame | None = None,
    hits: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    per: int = 10_000,
) -> pd.DataFrame:
    """Theme emphasis per document: hits, hits per 10,000 words, and share of clauses.

    Parameters
    ----------
    units : DataFrame
        Clauses (:func:`analysis.structure.clause_table` or any frame with ``doc_id,
        clause_id, text, char_start, char_end``).
    dictionary : path or ThemeDictionary, keyword-only
        The themes (packaged ``themes.toml`` by default).
    tokens : DataFrame, keyword-only
        The corpus :func:`~analysis.text.tokenize.token_table`: its word totals are the per-10k
        denominator. Without it the clauses are segmented and their words summed.
    hits : DataFrame, keyword-only
        Precomputed :func:`match_terms` output (saves matching twice).
    documents : DataFrame, keyword-only
        ``corpus.documents``: adds ``city, city_en, year, era`` columns.

    Returns
    -------
    DataFrame
        One row per document × theme (zeros included): ``doc_id, [city, city_en, year,
        era,] theme, theme_zh, theme_en, hits, n_words, per_10k, clauses_with_theme,
        n_clauses, clause_share``. ``n_clauses`` counts the clauses with Chinese text.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进人才,培养人才。", "支持科技金融。"], "char_start": [0, 10],
    ...     "char_end": [10, 17]})
    >>> c = theme_counts(units).set_index("theme")
    >>> int(c.loc["talent", "hits"]), float(c.loc["talent", "clause_share"])
    (2, 0.5)
    """
    units = _check_units(units)
    d = load_themes(dictionary)
    hits = _resolve_hits(units, d, hits, tokens, tokenizer)
    return _theme_counts(units, d, hits, keep=_countable(units),
                         words=_doc_words(units, tokens, tokenizer), documents=documents,
                         per=per)


def _theme_counts(units: pd.DataFrame, d: ThemeDictionary, hits: pd.DataFrame, *,
                  keep: pd.Series, words: pd.Series, documents: pd.DataFrame | None,
                  per: int) -> pd.DataFrame:
    """:func:`theme_counts` of checked units, given their :func:`_countable` mask and the
    words per document (:func:`_doc_words`), which the build computes once."""
    import numpy as np
    import pandas as pd

    docs = _doc_order(units)
    countable = units.loc[keep]
    n_clauses = countable.groupby("doc_id", sort=False).size().reindex(docs, fill_value=0)
    grid = pd.MultiIndex.from_product([docs, d.keys], names=["doc_id", "theme"])
    n_hits = hits.groupby(["doc_id", "theme"]).size().reindex(grid, fill_value=0)
    in_countable = hits["clause_id"].isin(set(countable["clause_id"].tolist()))
    with_theme = (hits.loc[in_countable].drop_duplicates(["clause_id", "theme"])
                  .groupby(["doc_id", "theme"]).size().reindex(grid, fill_value=0))
    out = grid.to_frame(index=False)
    zh = {t.key: t.zh for t in d}
    en = {t.key: t.en for t in d}
    out["theme_zh"] = out["theme"].map(zh)
    out["theme_en"] = out["theme"].map(en)
    out["hits"] = n_hits.to_numpy().astype(np.int64)
    out["n_words"] = out["doc_id"].map(words).astype(np.int64)
    out["per_10k"] = np.round(np.divide(out["hits"] * per, out["n_words"],
                                        out=np.zeros(len(out)), where=out["n_words"] > 0), 6)
    out["clauses_with_theme"] = with_theme.to_numpy().astype(np.int64)
    out["n_clauses"] = out["doc_id"].map(n_clauses).astype(np.int64)
    out["clause_share"] = np.round(np.divide(out["clauses_with_theme"], out["n_clauses"],
                                             out=np.zeros(len(out)),
                                             where=out["n_clauses"] > 0), 6)
    return _with_meta(out, documents)


def theme_terms(hits: pd.DataFrame, *, dictionary: PathLike | ThemeDictionary = "themes.toml"
                ) -> pd.DataFrame:
    """Which terms make up each theme count: ``doc_id, theme, term, hits``, by theme then
    by descending hits (ties by term).

    Examples
    --------
    >>> import pandas as pd
    >>> hits = pd.DataFrame({"doc_id": "d", "clause_id": "d:1", "theme": "talent",
    ...                      "term": ["人才", "人才", "引智"], "start": 0, "end": 2})
    >>> theme_terms(hits)[["term", "hits"]].values.tolist()
    [['人才', 2], ['引智', 1]]
    """
    d = load_themes(dictionary)
    order = {k: i for i, k in enumerate(d.keys)}
    docs = {k: i for i, k in enumerate(dict.fromkeys(hits["doc_id"].tolist()))}
    t = hits.groupby(["doc_id", "theme", "term"]).size().rename("hits").reset_index()
    t["_d"] = _lookup(t["doc_id"], docs)
    t["_t"] = _lookup(t["theme"], order, missing=len(order))
    t = t.sort_values(["_d", "_t", "hits", "term"], ascending=[True, True, False, True])
    return t.drop(columns=["_d", "_t"]).reset_index(drop=True)


def theme_term_table(
    terms: pd.DataFrame,
    counts: pd.DataFrame,
    *,
    themes: Sequence[str] | None = HEADLINE_THEMES,
    n: int = 8,
) -> pd.DataFrame:
    """The terms behind theme counts, ready to compare across documents.

    For each theme the ``n`` terms with the most hits over all documents (ties by term),
    with every document's hits of each (zeros included) and the term's share of the
    document's hits of that theme.

    Parameters
    ----------
    terms : DataFrame
        :func:`theme_terms` (the build's ``theme_terms``).
    counts : DataFrame
        :func:`theme_counts` (the build's ``theme_counts``): theme names, the documents and
        their metadata, and each document's hits of the theme.
    themes : list of str, keyword-only
        Theme keys in display order; ``None`` = every theme of ``counts``.
    n : int, keyword-only
        Terms per theme.

    Returns
    -------
    DataFrame
        One row per document × theme × term: ``doc_id, [city, city_en, year, era,] theme,
        theme_zh, theme_en, term, rank, hits, theme_hits, share`` (``rank`` 1 = most hits in
        the corpus; ``share`` = hits / theme_hits, 0 when the document has no hit of the
        theme). Themes not in ``counts`` are skipped; a theme without hits has no rows.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "theme": "talent", "theme_zh": "人才",
    ...                        "theme_en": "Talent", "hits": [3, 1]})
    >>> terms = pd.DataFrame({"doc_id": ["a", "a", "b"], "theme": "talent",
    ...                       "term": ["人才", "引智", "人才"], "hits": [2, 1, 1]})
    >>> t = theme_term_table(terms, counts, themes=["talent"], n=1)
    >>> t[["doc_id", "term", "hits", "share"]].values.tolist()
    [['a', '人才', 2, 0.666667], ['b', '人才', 1, 1.0]]
    """
    import numpy as np
    import pandas as pd

    for name, table, cols in (("theme_terms", terms, ("doc_id", "theme", "term", "hits")),
                              ("theme_counts", counts,
                               ("doc_id", "theme", "theme_zh", "theme_en", "hits"))):
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise ValueError(f"{name}: missing column(s) {', '.join(missing)}; pass the "
                             "build's table.")
    if n < 1:
        raise ValueError(f"n={n}: show at least one term per theme.")
    keys = list(dict.fromkeys(counts["theme"])) if themes is None else \
        [k for k in themes if k in set(counts["theme"])]
    meta_cols = ["doc_id", *[c for c in META_COLUMNS if c in counts.columns]]
    docs = counts.drop_duplicates("doc_id")[meta_cols]
    names = counts.drop_duplicates("theme").set_index("theme")[["theme_zh", "theme_en"]]
    totals = counts.set_index(["doc_id", "theme"])["hits"]
    parts = []
    for key in keys:
        t = terms.loc[terms["theme"] == key]
        if t.empty:
            continue
        total = t.groupby("term")["hits"].sum()
        top = sorted(total.index, key=lambda w: (-int(total[w]), w))[:n]
        grid = pd.MultiIndex.from_product([docs["doc_id"], top], names=["doc_id", "term"])
        hits = t.set_index(["doc_id", "term"])["hits"].reindex(grid, fill_value=0)
        part = grid.to_frame(index=False)
        part["theme"] = key
        part["theme_zh"] = names.loc[key, "theme_zh"]
        part["theme_en"] = names.loc[key, "theme_en"]
        part["rank"] = part["term"].map({w: i + 1 for i, w in enumerate(top)})
        part["hits"] = hits.to_numpy().astype(np.int64)
        part["theme_hits"] = [int(totals.get((d, key), 0)) for d in part["doc_id"]]
        parts.append(part)
    cols = [*meta_cols, "theme", "theme_zh", "theme_en", "term", "rank", "hits", "theme_hits",
            "share"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True).merge(docs, on="doc_id", how="left")
    out["share"] = np.round(np.divide(out["hits"], out["theme_hits"], out=np.zeros(len(out)),
                                      where=out["theme_hits"] > 0), 6)
    order = {d: i for i, d in enumerate(docs["doc_id"])}
    tkey = {k: i for i, k in enumerate(keys)}
    out = out.assign(_t=out["theme"].map(tkey), _d=out["doc_id"].map(order))
    out = out.sort_values(["_t", "rank", "_d"], kind="stable")
    return out[cols].reset_index(drop=True)


def theme_clauses(hits: pd.DataFrame, units: pd.DataFrame, *,
                  dictionary: PathLike | ThemeDictionary = "themes.toml") -> pd.DataFrame:
    """Clause-level themes: one row per clause × theme with at least one hit.

    Columns ``doc_id, clause_id, theme, hits, terms`` (distinct terms joined with ``、`` in
    order of appearance); rows in clause order, then dictionary order.
    """
    import pandas as pd

    units = _check_units(units)
    d = load_themes(dictionary)
    pos = {c: i for i, c in enumerate(units["clause_id"].tolist())}
    order = {k: i for i, k in enumerate(d.keys)}
    if hits.empty:
        return pd.DataFrame(columns=["doc_id", "clause_id", "theme", "hits", "terms"])
    h = hits.sort_values("start", kind="stable")
    g = h.groupby(["doc_id", "clause_id", "theme"], sort=False)
    out = g.size().rename("hits").reset_index()
    out["terms"] = _joined_terms(g.ngroup().to_numpy(), h["term"].to_numpy(dtype=object),
                                 len(out))
    out["_c"] = _lookup(out["clause_id"], pos)
    out["_t"] = _lookup(out["theme"], order, missing=len(order))
    return (out.sort_values(["_c", "_t"]).drop(columns=["_c", "_t"])
            .reset_index(drop=True).astype({"hits": "int64"}))


def _joined_terms(group: np.ndarray, terms: np.ndarray, n_groups: int) -> list[str]:
    """Per group (``0 .. n_groups - 1``; -1 = no group) its distinct terms joined with ``、``
    in order of appearance."""
    import numpy as np
    import pandas as pd

    ok = group >= 0
    group, terms = group[ok], terms[ok]
    first = ~pd.DataFrame({"g": group, "t": terms}).duplicated().to_numpy()
    group, terms = group[first], terms[first]
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(n_groups + 1)).tolist()
    words = terms[order].tolist()
    return ["、".join(words[bounds[i]:bounds[i + 1]]) for i in range(n_groups)]


def _lookup(values: pd.Series, mapping: dict[Any, Any], missing: float = float("nan")
            ) -> np.ndarray:
    """``values.map(mapping).fillna(missing)`` as float64, one dictionary look-up per
    distinct value (used as sort keys, which order as the mapped Series would)."""
    import numpy as np
    import pandas as pd

    codes, uniq = pd.factorize(values)
    table = np.array([mapping.get(u, missing) for u in uniq.tolist()] + [missing],
                     dtype=np.float64)
    return table[codes]


def theme_profiles(counts: pd.DataFrame, *, by: str = "era", metric: str = "clause_share",
                   weighting: str = "document") -> pd.DataFrame:
    """Theme profiles of groups of documents (eras, regions ...) from :func:`theme_counts`.

    ``weighting="document"`` averages the documents' values (each document one voice);
    ``"pooled"`` divides the summed hits (or clauses) by the summed words (or clauses).
    Returns ``<by>, theme, theme_zh, theme_en, value, n_docs, doc_ids``.
    """
    import numpy as np
    import pandas as pd

    if by not in counts.columns:
        raise ValueError(f"by={by!r}: theme_counts has no such column (pass documents= to "
                         "theme_counts to get city and era).")
    if metric not in ("clause_share", "per_10k"):
        raise ValueError(f"metric={metric!r}: use 'clause_share' or 'per_10k'.")
    if weighting not in ("document", "pooled"):
        raise ValueError(f"weighting={weighting!r}: use 'document' or 'pooled'.")
    rows = []
    for (group, theme), g in counts.groupby([by, "theme"], sort=False):
        if weighting == "document":
            value = float(g[metric].mean())
        elif metric == "per_10k":
            value = float(g["hits"].sum() / g["n_words"].sum() * 1e4) if g["n_words"].sum() \
                else 0.0
        else:
            value = float(g["clauses_with_theme"].sum() / g["n_clauses"].sum()) \
                if g["n_clauses"].sum() else 0.0
        rows.append({by: group, "theme": theme, "theme_zh": g["theme_zh"].iloc[0],
                     "theme_en": g["theme_en"].iloc[0], "value": round(value, 6),
                     "n_docs": int(g["doc_id"].nunique()),
                     "doc_ids": ";".join(dict.fromkeys(g["doc_id"]))})
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype(np.float64)
    return out


# --------------------------------------------------------------------------- tone


def policy_tone(
    units: pd.DataFrame,
    *,
    rules: PathLike = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    hits: pd.DataFrame | None = None,
    per: int = 10_000,
) -> pd.DataFrame:
    """Policy tone per document: the share of clauses using mandatory wording (确保, 严格,
    必须, 要求), encouraging wording (鼓励, 支持, 引导) and permissive wording (可, 允许, 探索).

    The wording lists are the ``[[tone]]`` tables of the rule file. Returns one row per
    document × tone: ``doc_id, [city ...,] tone, tone_zh, tone_en, clauses_with_tone,
    n_clauses, share, hits, per_10k``.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["必须确保资金到位。", "鼓励企业探索,可先行先试。"],
    ...     "char_start": [0, 9], "char_end": [9, 22]})
    >>> t = policy_tone(units).set_index("tone")
    >>> t["clauses_with_tone"].to_dict()
    {'mandatory': 1, 'encouraging': 1, 'permissive': 1}
    >>> int(t.loc["permissive", "hits"])
    2
    """
    units = _check_units(units)
    tones = load_tone(rules)
    if hits is None:
        hits = match_terms(units, tones, tokens=tokens, tokenizer=tokenizer, code_column="tone")
    return _policy_tone(units, tones, hits, source=str(rules), keep=_countable(units),
                        words=_doc_words(units, tokens, tokenizer), documents=documents,
                        per=per)


def _policy_tone(units: pd.DataFrame, tones: tuple[TermSet, ...], hits: pd.DataFrame, *,
                 source: str, keep: pd.Series, words: pd.Series,
                 documents: pd.DataFrame | None, per: int) -> pd.DataFrame:
    """:func:`policy_tone` of checked units, given their :func:`_countable` mask and words
    per document."""
    d = ThemeDictionary(tones, source=source)
    hits = _resolve_hits(units, d, hits.rename(columns={"tone": "theme"}), None, None)
    counts = _theme_counts(units, d, hits, keep=keep, words=words, documents=None, per=per)
    counts = counts.rename(columns={"theme": "tone", "theme_zh": "tone_zh", "theme_en": "tone_en",
                                    "clauses_with_theme": "clauses_with_tone",
                                    "clause_share": "share"})
    cols = ["doc_id", "tone", "tone_zh", "tone_en", "clauses_with_tone", "n_clauses", "share",
            "hits", "per_10k"]
    return _with_meta(counts[cols], documents)


# --------------------------------------------------------------------------- comparisons


def _clause_matrix(units: pd.DataFrame, hits: pd.DataFrame, keys: list[str],
                   code_column: str = "theme") -> np.ndarray:
    """Hits per (countable clause, theme) as an int matrix aligned with ``units``."""
    import numpy as np
    import pandas as pd

    m = np.zeros((len(units), len(keys)), dtype=np.int64)
    row = pd.Index(units["clause_id"]).get_indexer(hits["clause_id"])
    col = hits[code_column].map({k: j for j, k in enumerate(keys)}).fillna(-1).to_numpy(
        dtype=np.int64)
    ok = (row >= 0) & (col >= 0)
    np.add.at(m, (row[ok], col[ok]), 1)
    return m


def _doc_meta(units: pd.DataFrame, documents: pd.DataFrame | dict[str, Any] | None,
              by: str) -> dict[str, Any]:
    if documents is None:
        raise ValueError(f"documents is needed to know each document's {by!r} "
                         "(pass corpus.documents).")
    if isinstance(documents, dict):
        return documents
    if by not in documents.columns:
        raise ValueError(f"documents has no column {by!r}; compare by one of its columns "
                         f"({', '.join(map(str, documents.columns[:12]))} ...).")
    meta = documents.drop_duplicates("doc_id").set_index("doc_id")[by].to_dict()
    unknown = sorted(set(units["doc_id"].tolist()) - set(meta))
    if unknown:
        raise ValueError(f"documents lacks doc_id(s) {', '.join(unknown)} found in units.")
    return meta


def era_difference(
    units: pd.DataFrame,
    *,
    documents: pd.DataFrame | dict[str, Any],
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    hits: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    by: str = "era",
    groups: tuple[Any, Any] | None = None,
    metric: str = "clause_share",
    weighting: str = "document",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 12,
) -> pd.DataFrame:
    """Differences between two groups of documents (2020s − 2010s by default) for every
    theme, with percentile bootstrap confidence intervals from resampling clauses.

    Each bootstrap replicate resamples every document's clauses with replacement (so each
    document keeps its size), recomputes each document's value and then each group's value;
    the interval is the ``ci`` percentile range of the replicate differences. Seeded: the
    same ``seed`` gives the same intervals.

    Parameters
    ----------
    units : DataFrame
        Clauses.
    documents : DataFrame or dict, keyword-only
        ``corpus.documents`` (or ``{doc_id: group}``) giving each document's ``by`` value.
    by : str, keyword-only
        The grouping column (``era``; any metadata column with two values works).
    groups : (a, b), keyword-only
        The two groups; the difference is ``b − a``. Default: the sorted two values of ``by``
        (``("2010s", "2020s")``).
    metric : {"clause_share", "per_10k"}, keyword-only
        Share of clauses mentioning the theme, or hits per 10,000 words (clause words from
        ``tokens``, or from segmenting the clauses).
    weighting : {"document", "pooled"}, keyword-only
        ``"document"``: a group's value is the mean of its documents' values (each city one
        voice, the default); ``"pooled"``: all the group's clauses together (long documents
        weigh more).
    n_boot, ci, seed : keyword-only
        Replicates, interval level, random seed.

    Returns
    -------
    DataFrame
        One row per theme: ``doc_id`` (the compared documents joined with ``;``), ``theme,
        theme_zh, theme_en, metric, by, group_a, group_b, value_a, value_b, diff, ci_low,
        ci_high, excludes_zero, n_docs_a, n_docs_b, n_clauses_a, n_clauses_b, weighting,
        n_boot, ci, seed, caveat``.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": ["a", "a", "b", "b"],
    ...     "clause_id": ["a:1", "a:2", "b:1", "b:2"],
    ...     "text": ["培养人才", "建设平台", "引进人才", "培养人才"],
    ...     "char_start": [0, 4, 0, 4], "char_end": [4, 8, 4, 8]})
    >>> diff = era_difference(units, documents={"a": "2010s", "b": "2020s"}, n_boot=200)
    >>> float(diff.set_index("theme").loc["talent", "diff"])
    0.5
    """
    import numpy as np
    import pandas as pd

    if metric not in ("clause_share", "per_10k"):
        raise ValueError(f"metric={metric!r}: use 'clause_share' or 'per_10k'.")
    if weighting not in ("document", "pooled"):
        raise ValueError(f"weighting={weighting!r}: use 'document' or 'pooled'.")
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci}: give a level between 0 and 1 (e.g. 0.95).")
    if n_boot < 1:
        raise ValueError(f"n_boot={n_boot}: give at least one replicate (2000 is usual).")
    units = _check_units(units)
    d = load_themes(dictionary)
    meta = _doc_meta(units, documents, by)
    values = sorted({meta[x] for x in units["doc_id"].tolist()}, key=str)
    if groups is None:
        if len(values) != 2:
            raise ValueError(f"{by!r} has {len(values)} values ({', '.join(map(str, values))});"
                             " pass groups=(a, b) to choose the two to compare.")
        groups = (values[0], values[1])
    for gval in groups:
        if gval not in values:
            raise ValueError(f"no document has {by} = {gval!r} (values: "
                             f"{', '.join(map(str, values))}).")
    hits = _resolve_hits(units, d, hits, tokens, tokenizer)
    units = units.loc[_countable(units)].reset_index(drop=True)
    keys = d.keys
    m = _clause_matrix(units, hits, keys)
    words = unit_word_counts(units, tokens=tokens, tokenizer=tokenizer).to_numpy(np.float64) \
        if metric == "per_10k" else None
    rng = np.random.default_rng(seed)
    docs = _doc_order(units)
    obs: dict[Any, list[np.ndarray]] = {g: [] for g in groups}
    # the replicates are summed as they come (the order np.mean and sum() add them in), so
    # memory does not grow with the number of documents
    boot: dict[Any, list[np.ndarray]] = {g: [] for g in groups}
    n_boot_docs: dict[Any, int] = dict.fromkeys(groups, 0)
    size: dict[Any, list[np.ndarray]] = {g: [] for g in groups}
    n_cl: dict[Any, int] = dict.fromkeys(groups, 0)
    codes, uniq = pd.factorize(units["doc_id"])
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniq) + 1))
    where = {x: order[bounds[i]:bounds[i + 1]] for i, x in enumerate(uniq)}
    for doc in docs:  # fixed order: the random stream does not depend on dict ordering
        g = meta[doc]
        if g not in groups:
            continue
        idx = where[doc]
        n = len(idx)
        x = m[idx] if metric == "per_10k" else (m[idx] > 0).astype(np.float64)
        den = words[idx] if metric == "per_10k" else np.ones(n)
        w = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot)
        num_b = w.astype(np.float64) @ x
        # integer sums, exact in any order; with den = 1 they are the replicate sizes
        den_b = w @ den if metric == "per_10k" else w.sum(axis=1).astype(np.float64)
        obs[g].append(np.stack([x.sum(axis=0), np.full(len(keys), den.sum())]))
        den_b = np.repeat(den_b[:, None], len(keys), axis=1)
        part = [_ratio(num_b, den_b)] if weighting == "document" else [num_b, den_b]
        boot[g] = part if not boot[g] else [acc + p for acc, p in zip(boot[g], part,
                                                                       strict=True)]
        n_boot_docs[g] += 1
        size[g].append(n)
        n_cl[g] += n
    scale = 1e4 if metric == "per_10k" else 1.0

    def combine(parts: list[np.ndarray]) -> np.ndarray:
        if weighting == "document":
            return np.mean([_ratio(p[0], p[1]) for p in parts], axis=0) * scale
        return _ratio(sum(p[0] for p in parts), sum(p[1] for p in parts)) * scale

    def combine_boot(g: Any) -> np.ndarray:
        if not n_boot_docs[g]:
            return combine([])
        if weighting == "document":
            return boot[g][0] / n_boot_docs[g] * scale
        return _ratio(boot[g][0], boot[g][1]) * scale

    va, vb = combine(obs[groups[0]]), combine(obs[groups[1]])
    ba, bb = combine_boot(groups[0]), combine_boot(groups[1])
    diffs = bb - ba
    alpha = (1 - ci) / 2
    lo, hi = np.quantile(diffs, [alpha, 1 - alpha], axis=0)
    compared = ";".join(x for x in docs if meta[x] in groups)
    out = pd.DataFrame({
        "doc_id": compared,
        "theme": keys,
        "theme_zh": [t.zh for t in d],
        "theme_en": [t.en for t in d],
        "metric": metric,
        "by": by,
        "group_a": str(groups[0]),
        "group_b": str(groups[1]),
        "value_a": np.round(va, 6),
        "value_b": np.round(vb, 6),
        "diff": np.round(vb - va, 6),
        "ci_low": np.round(lo, 6),
        "ci_high": np.round(hi, 6),
    })
    out["excludes_zero"] = (out["ci_low"] > 0) | (out["ci_high"] < 0)
    out["n_docs_a"] = len(size[groups[0]])
    out["n_docs_b"] = len(size[groups[1]])
    out["n_clauses_a"] = n_cl[groups[0]]
    out["n_clauses_b"] = n_cl[groups[1]]
    out["weighting"] = weighting
    out["n_boot"] = n_boot
    out["ci"] = ci
    out["seed"] = seed
    out["caveat"] = corpus_caveat(documents) if hasattr(documents, "columns") else CAVEAT
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


@dataclass
class ChiSquareResult:
    """A chi-square test of theme × document hit counts, with its caveat.

    ``table`` is tidy (``doc_id, theme, observed, expected, residual``: adjusted standardised
    residuals, beyond ±2 a cell is notably over/under-represented). ``permutation_pvalue``
    permutes clauses between documents (keeping document sizes), which respects that hits
    cluster within clauses.
    """

    statistic: float
    dof: int
    pvalue: float
    cramers_v: float
    n_hits: int
    min_expected: float
    share_expected_below_5: float
    permutation_pvalue: float | None
    permutations: int
    seed: int
    table: pd.DataFrame = field(repr=False)
    themes_dropped: tuple[str, ...] = ()
    caveat: str = CAVEAT

    def summary(self) -> str:
        """A short report with the caveat, for a notebook or the terminal."""
        perm = (f", permutation p = {self.permutation_pvalue:.4f} ({self.permutations} clause "
                "permutations)" if self.permutation_pvalue is not None else "")
        return (f"chi-square of theme × document hits: χ² = {self.statistic:.1f}, "
                f"dof = {self.dof}, p = {self.pvalue:.3g}{perm}; Cramér's V = "
                f"{self.cramers_v:.3f}; {self.n_hits} hits; "
                f"{self.share_expected_below_5:.0%} of expected counts below 5.\n"
                f"{self.caveat} The test also treats every hit as independent, but a clause "
                "often repeats its words; read the p-value as a description of how uneven the "
                "profiles are.")

    def __str__(self) -> str:
        return self.summary()

    def to_frame(self) -> pd.DataFrame:
        """The tidy table with the test results on every row (for the build); columns
        :data:`CHI2_COLUMNS`. :meth:`from_frame` reads it back."""
        t = self.table.copy()
        if "theme_en" not in t.columns:
            t.insert(t.columns.get_loc("theme_zh") + 1, "theme_en", t["theme"])
        t["statistic"] = round(self.statistic, 6)
        t["dof"] = self.dof
        t["pvalue"] = self.pvalue
        t["permutation_pvalue"] = self.permutation_pvalue
        t["permutations"] = self.permutations
        t["seed"] = self.seed
        t["cramers_v"] = round(self.cramers_v, 6)
        t["n_hits"] = self.n_hits
        t["min_expected"] = round(self.min_expected, 6)
        t["share_expected_below_5"] = round(self.share_expected_below_5, 6)
        t["themes_dropped"] = ";".join(self.themes_dropped)
        t["caveat"] = self.caveat
        return t[list(CHI2_COLUMNS)]

    @classmethod
    def from_frame(cls, table: pd.DataFrame) -> ChiSquareResult:
        """The result of a build's ``theme_chi2`` table (:meth:`to_frame` output).

        Examples
        --------
        >>> import pandas as pd
        >>> units = pd.DataFrame({"doc_id": ["a"] * 2 + ["b"] * 2,
        ...     "clause_id": ["a:1", "a:2", "b:1", "b:2"],
        ...     "text": ["人才人才人才", "平台", "金融金融", "平台平台"],
        ...     "char_start": [0, 6, 0, 4], "char_end": [6, 8, 4, 8]})
        >>> r = theme_chi_square(units, permutations=0)
        >>> ChiSquareResult.from_frame(r.to_frame()).dof == r.dof
        True
        """
        import pandas as pd

        missing = [c for c in CHI2_COLUMNS if c not in table.columns]
        if missing:
            raise ValueError(f"theme_chi2: missing column(s) {', '.join(missing)}; pass the "
                             "build's theme_chi2 table (rebuild with `policy-lens build`).")
        if table.empty:
            raise ValueError("theme_chi2 is empty: the corpus has fewer than two documents "
                             "or two themes with hits, so there is no test.")
        first = table.iloc[0]
        perm = first["permutation_pvalue"]
        dropped = str(first["themes_dropped"] or "")
        return cls(
            statistic=float(first["statistic"]), dof=int(first["dof"]),
            pvalue=float(first["pvalue"]), cramers_v=float(first["cramers_v"]),
            n_hits=int(first["n_hits"]), min_expected=float(first["min_expected"]),
            share_expected_below_5=float(first["share_expected_below_5"]),
            permutation_pvalue=None if pd.isna(perm) else float(perm),
            permutations=int(first["permutations"]), seed=int(first["seed"]),
            table=table[["doc_id", "theme", "theme_zh", "theme_en", "observed", "expected",
                         "residual"]].reset_index(drop=True),
            themes_dropped=tuple(x for x in dropped.split(";") if x),
            caveat=str(first["caveat"]),
        )


def chi_square_summary(table: pd.DataFrame) -> str:
    """The chi-square test of a build's ``theme_chi2`` table in words, with its caveat; or
    one line saying why there is no test (an empty table).

    Examples
    --------
    >>> import pandas as pd
    >>> chi_square_summary(pd.DataFrame(columns=CHI2_COLUMNS))[:29]
    'No chi-square test of theme ×'
    """
    if table.empty and all(c in table.columns for c in CHI2_COLUMNS):
        return ("No chi-square test of theme × document: it needs at least two documents and "
                "two themes with hits.")
    return ChiSquareResult.from_frame(table).summary()


def _doc_sums(doc_idx: np.ndarray, m: np.ndarray, n_docs: int) -> np.ndarray:
    """Column sums of ``m`` per document (row ``doc_idx[i]`` gets row ``i``), as float64.

    The sums are of integers, so they are exact whatever the order of summation."""
    import numpy as np

    out = np.zeros((n_docs, m.shape[1]), dtype=np.int64)
    np.add.at(out, doc_idx, m)
    return out.astype(np.float64)


def _chi2(obs: np.ndarray) -> tuple[float, np.ndarray]:
    import numpy as np

    n = obs.sum()
    exp = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(exp > 0, (obs - exp) ** 2 / exp, 0.0).sum()
    return float(stat), exp


def theme_chi_square(
    units: pd.DataFrame,
    *,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    hits: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    permutations: int = 999,
    seed: int = 12,
) -> ChiSquareResult:
    """Are theme hits distributed alike across documents? A chi-square test of the
    document × theme table of hit counts.

    Themes without any hit are dropped (listed in ``themes_dropped``). Besides the
    asymptotic p-value (scipy's ``chi2_contingency``), ``permutations`` > 0 adds a Monte
    Carlo p-value from reassigning whole clauses to documents at random (document sizes kept,
    seeded), which respects that the hits of one clause are not independent.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": ["a"] * 2 + ["b"] * 2,
    ...     "clause_id": ["a:1", "a:2", "b:1", "b:2"],
    ...     "text": ["人才人才人才", "平台", "金融金融", "平台平台"],
    ...     "char_start": [0, 6, 0, 4], "char_end": [6, 8, 4, 8]})
    >>> r = theme_chi_square(units, permutations=0)
    >>> r.dof, sorted(r.table["theme"].unique())
    (2, ['finance', 'platforms', 'talent'])
    """
    import numpy as np
    import pandas as pd
    from scipy.stats import chi2_contingency

    units = _check_units(units)
    d = load_themes(dictionary)
    hits = _resolve_hits(units, d, hits, tokens, tokenizer)
    docs = _doc_order(units)
    m = _clause_matrix(units, hits, d.keys)
    doc_idx = pd.Categorical(units["doc_id"], categories=docs).codes.astype(np.int64)
    obs = _doc_sums(doc_idx, m, len(docs))
    keep = obs.sum(axis=0) > 0
    dropped = tuple(k for k, kp in zip(d.keys, keep, strict=True) if not kp)
    keys = [k for k, kp in zip(d.keys, keep, strict=True) if kp]
    obs, m = obs[:, keep], m[:, keep]
    if len(docs) < 2 or len(keys) < 2:
        raise ValueError("theme_chi_square needs at least two documents and two themes with "
                         "hits.")
    stat, p, dof, exp = chi2_contingency(obs, correction=False)
    n = obs.sum()
    rows, cols = obs.sum(axis=1, keepdims=True) / n, obs.sum(axis=0, keepdims=True) / n
    resid = (obs - exp) / np.sqrt(exp * (1 - rows) * (1 - cols))
    cramers_v = float(np.sqrt(stat / (n * (min(obs.shape) - 1))))
    perm_p = None
    if permutations > 0:
        rng = np.random.default_rng(seed)
        hits_ge = 0
        # only the non-zero cells of the clause matrix move: clause j of the permutation
        # goes to the document of clause perm[j]
        rows, cols = np.nonzero(m)
        vals = m[rows, cols].astype(np.float64)
        n_docs, n_keys = len(docs), len(keys)
        for _ in range(permutations):
            perm = rng.permutation(len(units))
            cell = doc_idx[perm[rows]] * n_keys + cols
            o = np.bincount(cell, weights=vals, minlength=n_docs * n_keys).reshape(n_docs,
                                                                                 n_keys)
            hits_ge += _chi2(o)[0] >= stat - 1e-9
        perm_p = (hits_ge + 1) / (permutations + 1)
    zh = {t.key: t.zh for t in d}
    en = {t.key: t.en for t in d}
    table = pd.DataFrame({
        "doc_id": np.repeat(docs, len(keys)),
        "theme": keys * len(docs),
        "theme_zh": [zh[k] for k in keys] * len(docs),
        "theme_en": [en[k] for k in keys] * len(docs),
        "observed": obs.ravel().astype(np.int64),
        "expected": np.round(exp.ravel(), 6),
        "residual": np.round(resid.ravel(), 6),
    })
    return ChiSquareResult(
        statistic=float(stat), dof=int(dof), pvalue=float(p), cramers_v=cramers_v,
        n_hits=int(n), min_expected=float(exp.min()),
        share_expected_below_5=float((exp < 5).mean()), permutation_pvalue=perm_p,
        permutations=int(permutations), seed=seed, table=table, themes_dropped=dropped,
    )


# --------------------------------------------------------------------------- evidence


def _originals(corpus: Corpus | pd.DataFrame | None) -> dict[str, str]:
    """``{doc_id: text_orig}`` of a corpus or of its documents table (the build's
    ``documents`` keeps ``text_orig``)."""
    if corpus is None:
        return {}
    docs = getattr(corpus, "documents", corpus)
    if "text_orig" not in getattr(docs, "columns", ()):
        raise ValueError("corpus: give a Corpus or a documents table with a text_orig column "
                         "(the build's documents.parquet has it) to quote the original text.")
    return dict(zip(docs["doc_id"], docs["text_orig"], strict=True))


def kwic_rows(hits: pd.DataFrame, units: pd.DataFrame, *,
              corpus: Corpus | pd.DataFrame | None = None, window: int = 20) -> pd.DataFrame:
    """Keywords in context for hits (any frame with ``clause_id, start, end``).

    Adds ``left, match, right`` (normalised text, context cut at the clause's edges) and
    ``quote`` (``left【match】right`` in the original script when ``corpus`` (a Corpus or
    its documents table) is given).
    """
    units = _check_units(units).set_index("clause_id")
    originals = _originals(corpus)
    left, match, right, quote = [], [], [], []
    for cid, s, e in zip(hits["clause_id"], hits["start"], hits["end"], strict=True):
        u = units.loc[cid]
        a, text = int(u["char_start"]), str(u["text"])
        ls, le = s - a, e - a
        lft, mid, rgt = text[max(0, ls - window):ls], text[ls:le], text[le:le + window]
        left.append(lft)
        match.append(mid)
        right.append(rgt)
        orig = originals.get(u["doc_id"])
        if orig is not None:
            b = int(u["char_end"])
            lo, hi = max(a, s - window), min(b, e + window)
            quote.append(f"{orig[lo:s]}【{orig[s:e]}】{orig[e:hi]}")
        else:
            quote.append(f"{lft}【{mid}】{rgt}")
    out = hits.copy()
    out["left"], out["match"], out["right"], out["quote"] = left, match, right, quote
    return out


def count_evidence(
    units: pd.DataFrame,
    *,
    doc_id: str | Sequence[str] | None = None,
    theme: str | None = None,
    instrument: str | None = None,
    tone: str | None = None,
    term: str | None = None,
    corpus: Corpus | pd.DataFrame | None = None,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    rules: PathLike = "instruments.toml",
    tokens: pd.DataFrame | None = None,
    tokenizer: Tokenizer | None = None,
    window: int = 20,
) -> pd.DataFrame:
    """The clauses and keywords-in-context behind a theme, instrument or tone count.

    Give exactly one of ``theme`` (a key such as ``"talent"`` or its Chinese name),
    ``instrument`` (a code such as ``"金融支持"``) or ``tone``. The rows are exactly the hits
    counted by :func:`theme_counts` / :func:`policy_tone` (one row per hit), or, for an
    instrument, the matched terms of every clause :func:`analysis.instruments.code_instruments`
    coded with it, so every number can be checked against the text.

    ``corpus`` (a Corpus, or the build's ``documents`` table, which keeps ``text_orig``)
    makes the quotes original script; pass the build's ``tokens`` so that token-only terms
    are matched exactly as the build matched them. :func:`evidence_clauses` turns the rows
    into one quote per clause.

    Returns
    -------
    DataFrame
        ``doc_id, clause_id, code, term, start, end, left, match, right, quote, counted``
        (``quote`` in the original script when ``corpus`` is given: a Corpus, or the
        build's ``documents`` table; ``counted``: the clause counts in clause shares, i.e.
        it is not a title-only heading, a responsible-unit cell or closing matter), in text
        order.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进高层次人才。", "鼓励银行开展知识产权质押贷款。"],
    ...     "char_start": [0, 8], "char_end": [8, 23]})
    >>> count_evidence(units, theme="talent")[["clause_id", "match"]].values.tolist()
    [['d:1', '人才']]
    >>> count_evidence(units, instrument="金融支持")["match"].tolist()
    ['银行', '质押', '贷款']
    """
    chosen = [x for x in (theme, instrument, tone) if x is not None]
    if len(chosen) != 1:
        raise ValueError("give exactly one of theme=, instrument= or tone=.")
    units = _check_units(units)
    if doc_id is not None:
        wanted = [doc_id] if isinstance(doc_id, str) else list(doc_id)
        unknown = sorted(set(wanted) - set(units["doc_id"]))
        if unknown:
            raise ValueError(f"doc_id {', '.join(unknown)} not found; documents: "
                             f"{', '.join(_doc_order(units))}.")
        units = units.loc[units["doc_id"].isin(wanted)].reset_index(drop=True)
    if theme is not None:
        d = load_themes(dictionary)
        ts = next((t for t in d if theme in (t.key, t.zh, t.en)), None)
        if ts is None:
            raise ValueError(f"theme {theme!r} is not in {d.source}; themes: "
                             f"{', '.join(d.keys)}.")
        hits = match_terms(units, [ts], tokens=tokens, tokenizer=tokenizer, code_column="code")
    elif tone is not None:
        tones = load_tone(rules)
        ts = next((t for t in tones if tone in (t.key, t.zh, t.en)), None)
        if ts is None:
            raise ValueError(f"tone {tone!r} is not in {rules}; tones: "
                             f"{', '.join(t.key for t in tones)}.")
        hits = match_terms(units, [ts], tokens=tokens, tokenizer=tokenizer, code_column="code")
    else:
        from analysis.instruments import instrument_hits, load_instruments

        ins = load_instruments(rules)
        code = ins.resolve(instrument)
        hits = instrument_hits(units, rules=ins, tokens=tokens, tokenizer=tokenizer)
        hits = hits.loc[hits["instrument"] == code].rename(columns={"instrument": "code"})
        hits = hits[["doc_id", "clause_id", "code", "term", "start", "end"]]
    if term is not None:
        hits = hits.loc[hits["term"] == term]
    hits = hits.sort_values(["start"], kind="stable")
    pos = {c: i for i, c in enumerate(units["clause_id"])}
    hits = hits.assign(_c=hits["clause_id"].map(pos)).sort_values(["_c", "start"], kind="stable")
    hits = hits.drop(columns="_c").reset_index(drop=True)
    out = kwic_rows(hits, units, corpus=corpus, window=window)
    counted = dict(zip(units["clause_id"], _countable(units), strict=True))
    out["counted"] = out["clause_id"].map(counted).astype(bool)
    return out


def evidence_documents(counts: pd.DataFrame, *, theme: str,
                       prefer: str | Sequence[str] | None = None) -> list[str]:
    """Which documents to quote for a theme: those of ``prefer`` that the corpus has, else
    the document where the theme is densest (most hits per 10,000 words).

    So a notebook that quotes ``yinchuan_2022`` by default still quotes something sensible
    on a researcher's own corpus.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"doc_id": ["a", "b"], "theme": "finance", "theme_zh": "科技金融",
    ...                        "theme_en": "Finance", "per_10k": [3.0, 9.5]})
    >>> evidence_documents(counts, theme="finance", prefer=["a", "zz"])
    ['a']
    >>> evidence_documents(counts, theme="finance", prefer="zz")
    ['b']
    """
    missing = [c for c in ("doc_id", "theme", "theme_zh", "theme_en", "per_10k")
               if c not in counts.columns]
    if missing:
        raise ValueError(f"theme_counts: missing column(s) {', '.join(missing)}; pass the "
                         "build's theme_counts table.")
    rows = counts.loc[counts[["theme", "theme_zh", "theme_en"]].eq(theme).any(axis=1)]
    if rows.empty:
        raise ValueError(f"theme {theme!r} is not in theme_counts; themes: "
                         f"{', '.join(dict.fromkeys(counts['theme']))}.")
    wanted = [prefer] if isinstance(prefer, str) else list(prefer or [])
    present = [d for d in wanted if d in set(rows["doc_id"])]
    if present:
        return present
    best = rows.sort_values(["per_10k", "doc_id"], ascending=[False, True], kind="stable")
    return [str(best["doc_id"].iloc[0])]


def _marked(text: str, spans: list[tuple[int, int]], context: int | None) -> str:
    """``text`` with every span in 【】; with ``context``, only ``context`` characters either
    side of the spans are kept and the cuts are marked with …; whitespace runs become one
    space."""
    windows: list[list[int]] = []
    for s, e in spans:
        lo, hi = (0, len(text)) if context is None else (max(0, s - context),
                                                         min(len(text), e + context))
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    parts = []
    for k, (lo, hi) in enumerate(windows):
        parts.append("…" if lo > 0 or k > 0 else "")
        last = lo
        for s, e in spans:
            if lo <= s < hi:
                parts += [text[last:s], "【", text[s:e], "】"]
                last = e
        parts.append(text[last:hi])
    if windows and windows[-1][1] < len(text):
        parts.append("…")
    return _SPACE.sub(" ", "".join(parts)).strip()


def evidence_clauses(evidence: pd.DataFrame, units: pd.DataFrame, *,
                     corpus: Corpus | pd.DataFrame | None = None,
                     context: int | None = None) -> pd.DataFrame:
    """One row per clause behind a count: the clause quoted whole with its matches marked.

    Parameters
    ----------
    evidence : DataFrame
        :func:`count_evidence` rows (``doc_id, clause_id, term, start, end``).
    units : DataFrame
        The clauses (the build's ``clauses`` table).
    corpus : Corpus or DataFrame, keyword-only
        A Corpus or the build's ``documents`` table: quotes in the original script
        (traditional characters stay traditional). Without it, the normalised text.
    context : int, keyword-only
        Keep this many characters either side of each match (``…`` marks a cut); ``None``
        quotes whole clauses. Line breaks and runs of spaces become one space.

    Returns
    -------
    DataFrame
        ``doc_id, clause_id, label, hits, terms, counted, quote``, in text order. ``counted``
        says whether the clause counts in the clause share (headings that are only a title,
        closing matter and lead-unit cells do not), so ``counted.sum()`` equals
        ``clauses_with_theme`` of :func:`theme_counts` and ``hits.sum()`` its ``hits``.

    Examples
    --------
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2"],
    ...     "text": ["引进人才,培养人才。", "支持科技金融。"], "char_start": [0, 10],
    ...     "char_end": [10, 17]})
    >>> ev = count_evidence(units, theme="talent")
    >>> evidence_clauses(ev, units)[["hits", "quote"]].values.tolist()
    [[2, '引进【人才】,培养【人才】。']]
    """
    import pandas as pd

    units = _check_units(units)
    cols = ["doc_id", "clause_id", "label", "hits", "terms", "counted", "quote"]
    if evidence.empty:
        return pd.DataFrame(columns=cols)
    originals = _originals(corpus)
    counted = dict(zip(units["clause_id"], _countable(units), strict=True))
    info = units.set_index("clause_id")
    rows = []
    for cid, g in evidence.groupby("clause_id", sort=False):
        u = info.loc[cid]
        a, b = int(u["char_start"]), int(u["char_end"])
        text = originals.get(u["doc_id"])
        text = text[a:b] if text is not None else str(u["text"])
        spans = sorted(zip((g["start"] - a).astype(int), (g["end"] - a).astype(int),
                           strict=True))
        quote = _marked(text, spans, context)
        rows.append({"doc_id": u["doc_id"], "clause_id": cid,
                     "label": str(u["label"]) if "label" in info.columns else "",
                     "hits": len(g), "terms": "、".join(dict.fromkeys(g["term"])),
                     "counted": bool(counted[cid]), "quote": quote})
    out = pd.DataFrame(rows, columns=cols)
    pos = {c: i for i, c in enumerate(units["clause_id"])}
    return (out.assign(_c=out["clause_id"].map(pos)).sort_values("_c", kind="stable")
            .drop(columns="_c").reset_index(drop=True))


def format_evidence(quotes: pd.DataFrame) -> str:
    """:func:`evidence_clauses` as plain text to print: one paragraph per clause, headed by
    its ``clause_id``, hits and terms (``not counted`` marks clauses outside the clause
    share), matches in 【】.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "label": "1", "hits": [2],
    ...                   "terms": ["人才"], "counted": [True], "quote": ["引进【人才】"]})
    >>> print(format_evidence(q))
    d:1 · 2 hits (人才)
      引进【人才】
    """
    if quotes.empty:
        return "No clause has a hit."
    parts = []
    for row in quotes.itertuples(index=False):
        n = f"{row.hits} hit{'s' if row.hits != 1 else ''}"
        flag = "" if row.counted else "; not counted in the clause share"
        parts.append(f"{row.clause_id} · {n} ({row.terms}{flag})\n  {row.quote}")
    return "\n".join(parts)


# --------------------------------------------------------------------------- build stage


def theme_tables(
    units: pd.DataFrame,
    *,
    tokens: pd.DataFrame | None,
    documents: pd.DataFrame,
    dictionary: PathLike | ThemeDictionary = "themes.toml",
    tone_rules: PathLike = "instruments.toml",
    n_boot: int = 2000,
    seed: int = 12,
) -> dict[str, pd.DataFrame]:
    """Every theme table of a corpus at once, sharing the matching between them.

    Parameters
    ----------
    units : DataFrame
        The clause table (:func:`analysis.structure.clause_table`).
    tokens : DataFrame or None, keyword-only
        The corpus token table (word totals, token terms); None segments the clauses.
    documents : DataFrame, keyword-only
        The documents table (``doc_id`` and metadata such as ``city``, ``era``).
    dictionary, tone_rules : path or object, keyword-only
        Theme dictionary and the rule file holding the tone term sets.
    n_boot, seed : int, keyword-only
        Bootstrap replicates and seed of the era comparison and the permutation test.

    Returns
    -------
    dict of str to DataFrame
        ``theme_counts``, ``theme_terms``, ``theme_clauses``, ``theme_hits``,
        ``theme_era_diff`` (empty unless the corpus has exactly two eras), ``theme_chi2``
        (empty with fewer than two documents) and ``tone``.
    """
    dictionary = load_themes(dictionary)
    rules = tone_rules
    docs = documents
    hits = match_terms(units, dictionary, tokens=tokens)
    # what theme_counts and policy_tone would each compute again
    checked = _check_units(units)
    keep, words = _countable(checked), _doc_words(checked, tokens, None)
    tones = load_tone(rules)
    tone_hits = match_terms(checked, tones, tokens=tokens, code_column="tone")
    out = {
        "theme_counts": _theme_counts(checked, dictionary, hits, keep=keep, words=words,
                                      documents=docs, per=10_000),
        "theme_terms": theme_terms(hits, dictionary=dictionary),
        "theme_clauses": theme_clauses(hits, units, dictionary=dictionary),
        "theme_hits": hits,
        "tone": _policy_tone(checked, tones, tone_hits, source=str(rules), keep=keep,
                             words=words, documents=docs, per=10_000),
    }
    import pandas as pd

    # written even when there is nothing to compare (empty, same columns), so that figures
    # and notebooks on a one-era or one-document corpus say so instead of failing
    out["theme_era_diff"] = pd.DataFrame(columns=list(ERA_DIFF_COLUMNS))
    if "era" in docs.columns and docs["era"].nunique() == 2:
        out["theme_era_diff"] = era_difference(units, documents=docs, dictionary=dictionary,
                                               hits=hits, tokens=tokens, n_boot=n_boot,
                                               seed=seed)
    out["theme_chi2"] = pd.DataFrame(columns=list(CHI2_COLUMNS))
    if len(docs) >= 2:
        try:
            chi = theme_chi_square(units, dictionary=dictionary, hits=hits, seed=seed)
        except ValueError:
            chi = None
        if chi is not None:
            chi.caveat = corpus_caveat(docs)
            out["theme_chi2"] = chi.to_frame()
    return out
