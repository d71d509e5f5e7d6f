"""Every text a figure writes about the data: titles in Chinese or English, glossed terms,
and the names of documents and groups.

- :func:`label` picks a title's Chinese or English; :func:`gloss` and :func:`term_label`
  add the English gloss of a Chinese term from ``resources/glossary/*.csv``.
- :func:`document_labels` names each document by city and year (``"赤峰市 2023"``,
  ``"Chifeng 2023"`` in English) in every figure; :func:`document_names` accepts what a
  figure function is given to name documents (a documents table, a corpus or a
  ``{doc_id: name}`` mapping); :func:`group_label` names a group of documents (an era
  ``"2020年代"``, a city, a year).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from analysis.text.corpus import Corpus

__all__ = [
    "LABEL_MAX",
    "PLACE_MAX",
    "DocLabels",
    "across",
    "document_labels",
    "document_names",
    "gloss",
    "glossary",
    "glosses",
    "group_label",
    "label",
    "term_label",
]

#: What names documents in a figure: the documents table, a corpus, or ``{doc_id: name}``.
DocLabels = pd.DataFrame | Corpus | Mapping[str, str] | None


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Chinese → English glosses from every ``resources/glossary/*.csv`` (``zh,en``).

    Read once; the first file (in name order) that glosses a term wins.

    Examples
    --------
    >>> glossary()["人才"]
    'talent'
    """
    out: dict[str, str] = {}
    folder = resources.files("analysis.resources").joinpath("glossary")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".csv"):
            for row in csv.DictReader(entry.read_text(encoding="utf-8").splitlines()):
                if row.get("zh") and row.get("en"):
                    out.setdefault(row["zh"].strip(), row["en"].strip())
    return out


def gloss(term: str, *, english: bool = True, both: bool = False) -> str:
    """A label for ``term``: the Chinese as it is, its English gloss, or both.

    Unknown terms stay in Chinese, so a gloss never hides a label.

    Examples
    --------
    >>> gloss("人才"), gloss("人才", both=True), gloss("人才", english=False)
    ('talent', '人才 talent', '人才')
    """
    if not english and not both:
        return term
    en = glossary().get(term)
    if en is None:
        return term
    return f"{term} {en}" if both else en


def label(zh: str, en: str, *, english: bool = False) -> str:
    """A title or axis label in Chinese, or in English when ``english=True``.

    Examples
    --------
    >>> label("年份", "Year"), label("年份", "Year", english=True)
    ('年份', 'Year')
    """
    return en if english else zh


def glosses(terms: Iterable[str], *, english: bool = False, both: bool = False) -> list[str]:
    """:func:`gloss` over many terms.

    Examples
    --------
    >>> glosses(["人才", "某个生词"], english=True)
    ['talent', '某个生词']
    """
    return [gloss(t, english=english, both=both) for t in terms]



def term_label(term: str, *, english: bool = False) -> str:
    """A term on an axis: the Chinese, followed by its English gloss with ``english``.

    Examples
    --------
    >>> term_label("人才"), term_label("人才", english=True)
    ('人才', '人才 talent')
    """
    return gloss(term, both=True) if english else term


def _text(value: Any) -> str:
    """A metadata cell as text ('' for missing values)."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def document_labels(documents: pd.DataFrame | Corpus, *, english: bool = False,
                    sep: str = " ") -> dict[str, str]:
    """A short, unique label per document: city and year (``"赤峰市 2023"``).

    Parameters
    ----------
    documents : DataFrame or Corpus
        The build's ``documents`` table, or any table with ``doc_id`` and, when known,
        ``city``, ``city_en`` and ``year`` (one row per document is used), or a corpus.
    english : bool, keyword-only
        Name the city by ``city_en`` (else the glossary's gloss of the city, or of the
        ``doc_id``).
    sep : str, keyword-only
        Between city and year (``"\\n"`` for a label on two lines).

    Returns
    -------
    dict
        ``{doc_id: label}``. A document without a city is named by its province (a
        central document by its first issuer, cut to :data:`PLACE_MAX` characters) and
        year, or else by its ``doc_id``; labels that would repeat get a short ``doc_id``
        added, or a number (``#2``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["hz_2021", "a", "b"], "city": ["杭州市", "甲市", "甲市"],
    ...                      "city_en": ["Hangzhou", "", ""], "year": [2021, 2020, 2020]})
    >>> document_labels(docs)
    {'hz_2021': '杭州市 2021', 'a': '甲市 2020 (a)', 'b': '甲市 2020 (b)'}
    >>> document_labels(docs.head(1), english=True, sep="\\n")
    {'hz_2021': 'Hangzhou\\n2021'}
    >>> document_labels(pd.DataFrame({"doc_id": ["c1", "c2"], "year": [2019, 2019],
    ...                               "issuer": ["工业和信息化部办公厅"] * 2,
    ...                               "level": ["central"] * 2}))
    {'c1': '工业和信息… 2019 (c1)', 'c2': '工业和信息… 2019 (c2)'}
    """
    if isinstance(documents, Corpus):
        documents = documents.documents
    out: dict[str, str] = {}
    for row in documents.drop_duplicates("doc_id").to_dict("records"):
        doc_id = _text(row.get("doc_id"))
        city = _text(row.get("city")) or _place(row)
        year = _text(row.get("year"))
        if english:
            en = _text(row.get("city_en")) or gloss(city)
            if en == city and (gloss(doc_id) != doc_id or not _text(row.get("city"))):
                out[doc_id] = gloss(doc_id)
                continue
            city = en
        out[doc_id] = f"{city}{sep}{year}".strip() if city else doc_id
    counts: dict[str, int] = {}
    for lab in out.values():
        counts[lab] = counts.get(lab, 0) + 1
    seen: dict[str, int] = {}
    labels = {}
    for k, v in out.items():
        if counts[v] > 1 and v != k:
            seen[v] = seen.get(v, 0) + 1  # the id where it fits, else a number
            v = f"{v} ({k})" if len(v) + len(k) + 3 <= LABEL_MAX else f"{v} #{seen[v]}"
        labels[k] = v
    return _shorten_unique(labels)


def across(table: pd.DataFrame, *, english: bool = False) -> tuple[str, str]:
    """How a title names the documents of ``table``: as cities when every one has a city,
    else as documents (``("各市", "cities")`` or ``("各文件", "documents")``).

    Examples
    --------
    >>> across(pd.DataFrame({"doc_id": ["a"], "city": ["甲市"]}))
    ('各市', 'cities')
    >>> across(pd.DataFrame({"doc_id": ["a", "b"], "city": ["甲市", None]}))
    ('各文件', 'documents')
    """
    cities = table["city"] if "city" in table.columns else pd.Series([], dtype=object)
    if len(table) and len(cities) and all(_text(c) for c in cities):
        return "各市", "cities"
    return "各文件", "documents"


#: The most characters of the first organ (发文机关) that names a document without a city.
PLACE_MAX = 6


def _place(row: Mapping[str, Any]) -> str:
    """What names a document without a city: its province (below the centre), else its
    first issuer, cut to :data:`PLACE_MAX` characters."""
    province = _text(row.get("province"))
    if province and _text(row.get("level")) != "central":
        return province
    issuer = re.split(r"[;；、,，]", _text(row.get("issuer")))[0].strip()
    return issuer if len(issuer) <= PLACE_MAX else issuer[:PLACE_MAX - 1] + "…"


#: Longest document label, in characters: longer ones (long ``doc_id`` of documents without
#: a city) are cut with "…", so axes of many documents stay readable.
LABEL_MAX = 16


def _shorten_unique(labels: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    seen: set[str] = set()
    for k, v in labels.items():
        if len(v) > LABEL_MAX:
            base, n = v[:LABEL_MAX - 1] + "…", 1
            v = base
            while v in seen:  # two long ids with the same start: number them
                n += 1
                v = f"{base}{n}"
        seen.add(v)
        out[k] = v
    return out


def document_names(docs: DocLabels, *, english: bool = False) -> dict[str, str]:
    """``{doc_id: name}`` from whatever a figure was given to name documents.

    A mapping is used as it is; a documents table or a corpus gives
    :func:`document_labels`; ``None`` gives no names (documents keep their ``doc_id``).

    Examples
    --------
    >>> document_names({"a": "甲"}), document_names(None)
    ({'a': '甲'}, {})
    >>> document_names(pd.DataFrame({"doc_id": ["a"], "city": ["甲市"], "year": [2020]}))
    {'a': '甲市 2020'}
    """
    if docs is None:
        return {}
    if isinstance(docs, Mapping):
        return dict(docs)
    return document_labels(docs, english=english)


def group_label(value: Any, by: str, *, english: bool = False,
                documents: pd.DataFrame | None = None) -> str:
    """The label of one group of documents: a document, an era ("2020年代"), a city ...

    Examples
    --------
    >>> group_label("2020s", "era"), group_label("2020s", "era", english=True)
    ('2020年代', '2020s')
    >>> group_label(2022, "year"), group_label("赤峰市", "city", english=True)
    ('2022年', 'Chifeng')
    """
    text = _text(value)
    if by == "doc_id" and documents is not None:
        return document_labels(documents, english=english).get(text, text)
    if by == "era" and text.endswith("s") and text[:-1].isdigit():
        return text if english else f"{text[:-1]}年代"
    if by == "year" and not english:
        return f"{text}年"
    return gloss(text, english=english)
