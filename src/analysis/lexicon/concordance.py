"""Evidence for quoting: keyword in context (KWIC) and lexical dispersion, by clause.

:func:`kwic` and :func:`dispersion` search documents for a term or pattern; :func:`kwic_rows`
puts hits found by the dictionary engine (:func:`analysis.lexicon.hits.term_hits`) in
context. Search runs on the normalised, simplified text (``documents["text"]``), so ``創新`` in a
traditional-script document and ``创新`` are the same hit; a pattern typed in traditional
characters is simplified the same way. Every hit carries the ``clause_id`` of the clause it
falls in, and ``original=True`` shows the context in the document's own script (the two
texts share offsets).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.lexicon.units import check_units
from analysis.structure import attach_clause_ids, clause_table
from analysis.text.corpus import Corpus
from analysis.text.normalize import normalize_width, to_simplified

__all__ = ["DISPERSION_TERMS", "KWIC_COLUMNS", "compile_pattern", "dispersion",
           "dispersion_table", "kwic", "kwic_rows", "original_texts"]

KWIC_COLUMNS = ("doc_id", "clause_id", "char_start", "char_end", "left", "match", "right")
#: The terms of the catalog's dispersion figure (talent, S&T finance, platforms, S&T
#: commissioners): one spread through every plan, one new, one local, one programme.
DISPERSION_TERMS = ("人才", "科技金融", "平台", "科技特派员")


def _as_corpus(data: Corpus | pd.DataFrame, func: str) -> Corpus:
    """A corpus, or the build's ``documents`` table (with its text columns) as one."""
    if isinstance(data, Corpus):
        return data
    if isinstance(data, pd.DataFrame):
        missing = [c for c in ("doc_id", "text", "text_orig") if c not in data.columns]
        if missing:
            raise ValueError(f"{func}: the documents table lacks {', '.join(missing)}; give "
                             "the build's documents.parquet (tables['documents']) or a corpus "
                             "(analysis.load_corpus), not documents.csv.")
        return Corpus(data.reset_index(drop=True))
    raise TypeError(f"{func}: give a Corpus or the build's documents table, not "
                    f"{type(data).__name__}")


def _simplify(s: str, corpus: Corpus | None) -> str:
    config = (corpus.settings.get("opencc_config") if corpus is not None else None) or "t2s"
    return to_simplified(s, config=config)


def compile_pattern(pattern: str | Sequence[str], *, regex: bool = False,
                    corpus: Corpus | None = None) -> re.Pattern[str]:
    """The regular expression :func:`kwic` searches with.

    A literal pattern (or a list of literal alternatives) is normalised like the text:
    full-width forms to half-width, traditional to simplified. A regular expression is only
    simplified (its brackets keep their meaning). Longer alternatives are tried first.

    Raises
    ------
    ValueError
        For an empty pattern or an invalid regular expression.

    Examples
    --------
    >>> compile_pattern("科技特派員").pattern
    '科技特派员'
    >>> compile_pattern(["创新", "创新券"]).pattern
    '创新券|创新'
    """
    items = [pattern] if isinstance(pattern, str) else list(pattern)
    if not items or any(not isinstance(p, str) or not p for p in items):
        raise ValueError(f"kwic: give a non-empty search pattern (got {pattern!r})")
    if regex:
        source = "|".join(f"(?:{_simplify(p, corpus)})" if len(items) > 1
                          else _simplify(p, corpus) for p in items)
        try:
            return re.compile(source)
        except re.error as exc:
            raise ValueError(f"kwic: {pattern!r} is not a valid regular expression ({exc}); "
                             "fix it or search literally with regex=False.") from exc
    norm = sorted({_simplify(normalize_width(p), corpus) for p in items},
                  key=lambda p: (-len(p), p))
    return re.compile("|".join(re.escape(p) for p in norm))


def _context(text: str, start: int, end: int, window: int, lo: int = 0,
             hi: int | None = None) -> tuple[str, str, str]:
    """``(left, match, right)`` of ``text[start:end]``: up to ``window`` characters either
    side, not before ``lo`` nor after ``hi``."""
    right_end = end + window if hi is None else min(hi, end + window)
    return text[max(lo, start - window):start], text[start:end], text[end:right_end]


def original_texts(corpus: Corpus | pd.DataFrame | None) -> dict[str, str]:
    """``{doc_id: text_orig}`` of a corpus or of its documents table (the build's
    ``documents`` keeps ``text_orig``); ``{}`` without one.

    Examples
    --------
    >>> original_texts(pd.DataFrame({"doc_id": ["a"], "text_orig": ["創新"]}))
    {'a': '創新'}
    """
    if corpus is None:
        return {}
    docs = getattr(corpus, "documents", corpus)
    if "text_orig" not in getattr(docs, "columns", ()):
        raise ValueError("corpus: give a Corpus or a documents table with a text_orig column "
                         "(the build's documents.parquet has it) to quote the original text.")
    return dict(zip(docs["doc_id"], docs["text_orig"], strict=True))


def kwic_rows(hits: pd.DataFrame, units: pd.DataFrame, *,
              corpus: Corpus | pd.DataFrame | None = None, window: int = 20) -> pd.DataFrame:
    """Keywords in context for hits found in clauses (any frame with ``clause_id, start,
    end``, document offsets: :func:`analysis.lexicon.hits.term_hits` rows).

    Adds ``left, match, right`` (the clause's normalised text, context cut at the clause's
    edges) and ``quote`` (``left【match】right``, in the original script when ``corpus``, a
    Corpus or its documents table, is given).

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1"], "text": ["引进高层次人才。"],
    ...                       "char_start": [0], "char_end": [8]})
    >>> hits = pd.DataFrame({"clause_id": ["d:1"], "start": [5], "end": [7]})
    >>> kwic_rows(hits, units, window=3)["quote"].tolist()
    ['高层次【人才】。']
    """
    units = check_units(units)
    info = dict(zip(units["clause_id"], zip(units["doc_id"], units["char_start"],
                                             units["char_end"], units["text"], strict=True),
                    strict=True))
    originals = original_texts(corpus)
    left, match, right, quote = [], [], [], []
    for cid, s, e in zip(hits["clause_id"], hits["start"], hits["end"], strict=True):
        doc_id, a, b, text = info[cid]
        a, text = int(a), str(text)
        lft, mid, rgt = _context(text, s - a, e - a, window)
        left.append(lft)
        match.append(mid)
        right.append(rgt)
        orig = originals.get(doc_id)
        if orig is not None:
            o_left, o_mid, o_right = _context(orig, s, e, window, lo=a, hi=int(b))
            quote.append(f"{o_left}【{o_mid}】{o_right}")
        else:
            quote.append(f"{lft}【{mid}】{rgt}")
    out = hits.copy()
    out["left"], out["match"], out["right"], out["quote"] = left, match, right, quote
    return out


def _documents(corpus: Corpus, docs: Sequence[str] | None) -> pd.DataFrame:
    d = corpus.documents
    if docs is None:
        return d
    if isinstance(docs, str):
        docs = [docs]
    unknown = sorted(set(docs) - set(d["doc_id"]))
    if unknown:
        raise KeyError(f"not in this corpus: {unknown}; ids are {corpus.doc_ids}")
    keep = set(docs)
    return d.loc[d["doc_id"].isin(keep)]


def _clauses(corpus: Corpus, clauses: pd.DataFrame | None, doc_ids: list[str]):
    if clauses is not None:
        return clauses
    return clause_table(corpus, docs=doc_ids)


def kwic(
    corpus: Corpus | pd.DataFrame,
    pattern: str | Sequence[str],
    *,
    window: int = 20,
    regex: bool = False,
    docs: Sequence[str] | None = None,
    original: bool = False,
    clauses: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``pattern`` with its clause and context.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        From :func:`analysis.load_corpus`, or the build's ``documents`` table
        (``tables["documents"]``: it keeps ``text`` and ``text_orig``).
    pattern : str or list of str
        A literal term, a list of terms, or (``regex=True``) a regular expression. Literal
        terms in traditional characters or full-width forms are normalised like the text.
    window : int, keyword-only
        Characters of context on each side (line breaks are shown as spaces).
    regex : bool, keyword-only
        Treat ``pattern`` as a regular expression.
    docs : list of str, keyword-only
        Only these documents.
    original : bool, keyword-only
        Show ``left``, ``match`` and ``right`` in the document's original script.
    clauses : DataFrame, keyword-only
        A clause table to reuse (computed when not given).

    Returns
    -------
    pandas.DataFrame
        :data:`KWIC_COLUMNS`, in corpus order and by position; ``char_start``/``char_end``
        are offsets into ``documents["text"]``.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> hits = kwic(load_corpus(), "科技特派员", window=6)
    >>> hits.groupby("doc_id", sort=False).size().to_dict()
    {'xinji_2022': 4, 'yinchuan_2022': 7, 'jiayuguan_2020': 7}
    >>> hits.iloc[0][["clause_id", "left", "match"]].tolist()
    ['xinji_2022:二/(二)/2', '支撑。 扩大', '科技特派员']
    """
    corpus = _as_corpus(corpus, "kwic")
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise ValueError(f"kwic: window must be a whole number of characters >= 0, "
                         f"not {window!r}")
    rx = compile_pattern(pattern, regex=regex, corpus=corpus)
    documents = _documents(corpus, docs)
    rows = []
    for doc_id, text, orig in zip(documents["doc_id"], documents["text"],
                                  documents["text_orig"], strict=True):
        shown = orig if original and len(orig) == len(text) else text
        for m in rx.finditer(text):
            a, b = m.span()
            if a == b:
                continue
            left, match, right = _context(shown, a, b, window)
            rows.append((doc_id, a, b, left.replace("\n", " "), match,
                         right.replace("\n", " ")))
    df = pd.DataFrame(rows, columns=["doc_id", "char_start", "char_end", "left", "match",
                                     "right"])
    df["char_start"] = df["char_start"].astype("int64")
    df["char_end"] = df["char_end"].astype("int64")
    if df.empty:
        df.insert(1, "clause_id", pd.Series([], dtype=object))
        return df[list(KWIC_COLUMNS)]
    cl = _clauses(corpus, clauses, list(dict.fromkeys(df["doc_id"])))
    df = attach_clause_ids(df, cl, start="char_start")
    return df[list(KWIC_COLUMNS)].reset_index(drop=True)


def dispersion(
    corpus: Corpus | pd.DataFrame,
    terms: str | Sequence[str],
    *,
    regex: bool = False,
    docs: Sequence[str] | None = None,
    clauses: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where in each document each term occurs (for a lexical dispersion "x-ray" plot).

    Parameters
    ----------
    corpus : Corpus or DataFrame
        A corpus or the build's ``documents`` table (as :func:`kwic`).
    terms : str or list of str
        Terms searched separately (literal, normalised like :func:`kwic`; regular
        expressions with ``regex=True``).
    regex, docs, clauses
        As in :func:`kwic`.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, term, char_start, position, clause_id, n_chars``: one row per hit;
        ``position`` is ``char_start / n_chars`` (0 = start, 1 = end of the document).
        ``doc_id`` is categorical with every searched document as a category, so documents
        without hits keep their row in a plot. Sorted by document, term order, position.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> d = dispersion(load_corpus(), ["科技特派员", "人才"])
    >>> d["term"].value_counts(sort=False).to_dict()
    {'科技特派员': 18, '人才': 202}
    >>> float(d["position"].between(0, 1).mean())
    1.0
    """
    corpus = _as_corpus(corpus, "dispersion")
    items = [terms] if isinstance(terms, str) else list(terms)
    if not items:
        raise ValueError("dispersion: give at least one term")
    documents = _documents(corpus, docs)
    doc_ids = documents["doc_id"].tolist()
    rows = []
    labels = []
    for term in items:
        rx = compile_pattern(term, regex=regex, corpus=corpus)
        label = term if regex else _simplify(term, corpus)
        labels.append(label)
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
            n = max(len(text), 1)
            for m in rx.finditer(text):
                if m.end() > m.start():
                    rows.append((doc_id, label, m.start(), m.start() / n, len(text)))
    df = pd.DataFrame(rows, columns=["doc_id", "term", "char_start", "position", "n_chars"])
    df["char_start"] = df["char_start"].astype("int64")
    df["n_chars"] = df["n_chars"].astype("int64")
    df["position"] = df["position"].astype("float64")
    if not df.empty:
        cl = _clauses(corpus, clauses, doc_ids)
        df = attach_clause_ids(df, cl, start="char_start")
    else:
        df["clause_id"] = pd.Series([], dtype=object)
    labels = list(dict.fromkeys(labels))
    df["doc_id"] = pd.Categorical(df["doc_id"], categories=doc_ids)
    df["term"] = pd.Categorical(df["term"], categories=labels)
    df = df.sort_values(["doc_id", "term", "char_start"], kind="stable")
    return df[["doc_id", "term", "char_start", "position", "clause_id", "n_chars"]].reset_index(
        drop=True)


def dispersion_table(
    documents: pd.DataFrame,
    clauses: pd.DataFrame | None = None,
    *,
    terms: str | Sequence[str] = DISPERSION_TERMS,
    regex: bool = False,
) -> pd.DataFrame:
    """:func:`dispersion` over the build's tables: the ``documents`` table and (to reuse it)
    the ``clauses`` table. The figure catalog's ``dispersion`` view.

    Examples
    --------
    >>> import analysis as pl
    >>> tables = pl.load_tables()                                   # doctest: +SKIP
    >>> d = dispersion_table(tables["documents"], tables["clauses"], terms=["人才"])
    ...                                                             # doctest: +SKIP
    """
    return dispersion(documents, terms, regex=regex, clauses=clauses)
