"""Score the metadata that ``policy-lens import`` drafts against hand-read gold.

Gold: ``metadata_gold.csv`` (held-out documents) and ``metadata_dev_gold.csv`` (development
documents) in the gold folder, one row per document with ``doc_key`` and the fields
:data:`FIELDS`. Each drafted row is compared with its gold row field by field; the score is
the share of documents whose field is right.

How values are compared (both sides alike):

- every value: Unicode NFKC (full-width letters, digits and brackets made half-width),
  spaces removed, dashes made one dash;
- title: quotes and 《》〈〉 dropped (the same title is written with or without them);
- issuer: a set of organs split on ；;、 (order does not count);
- doc_number: 〔〕［］[]() made alike;
- an empty drafted value matches an empty gold value (nothing to find, nothing found).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pandas as pd

from analysis.evaluation.documents import EvalCorpus
from analysis.evaluation.gold import read_gold
from analysis.evaluation.metrics import RESULT_COLUMNS, accuracy_rows

__all__ = ["FIELDS", "evaluate_metadata", "metadata_misses", "normalise_field"]

#: the drafted fields that are scored
FIELDS: tuple[str, ...] = ("title", "issuer", "doc_number", "date", "city", "province",
                           "level", "doc_type")


def _base(value: object) -> str:
    s = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s)
    return re.sub(r"[—–－‐-]+", "-", s)


def normalise_field(field: str, value: object) -> object:
    """The comparable form of one metadata value.

    Examples
    --------
    >>> normalise_field("title", "关于印发《数字 政府》的通知")
    '关于印发数字政府的通知'
    >>> normalise_field("issuer", "甲局、乙局") == normalise_field("issuer", "乙局；甲局")
    True
    >>> normalise_field("doc_number", "鲁政发[2021]3号")
    '鲁政发〔2021〕3号'
    """
    s = _base(value)
    if field == "title":
        return re.sub(r"[《》〈〉“”\"'‘’「」]", "", s)
    if field == "issuer":
        return frozenset(p for p in re.split(r"[；;、]", s) if p)
    if field == "doc_number":
        return re.sub(r"[〔［\[(]", "〔", re.sub(r"[〕］\])]", "〕", s))
    return s


def _compare(ev: EvalCorpus, gold: pd.DataFrame) -> pd.DataFrame:
    docs = ev.corpus.documents.set_index("doc_id")
    rows = []
    for g in gold.to_dict("records"):
        doc_id = ev.doc_id(g["doc_key"])
        drafted = docs.loc[doc_id]
        for f in FIELDS:
            value = drafted.get(f, "")
            rows.append({"doc_key": g["doc_key"], "part": g["part"], "field": f,
                         "drafted": "" if pd.isna(value) else str(value), "gold": g[f],
                         "ok": normalise_field(f, value) == normalise_field(f, g[f])})
    return pd.DataFrame(rows, columns=["doc_key", "part", "field", "drafted", "gold", "ok"])


def metadata_misses(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Every drafted value that differs from the gold: ``doc_key, part, field, drafted,
    gold``."""
    table = _compare(ev, read_gold(gold_dir, "metadata", ev))
    return table[~table["ok"]].drop(columns="ok").reset_index(drop=True)


def evaluate_metadata(ev: EvalCorpus, gold_dir: Path) -> pd.DataFrame:
    """Accuracy of each drafted field, per part (development, held-out).

    Returns
    -------
    DataFrame
        :data:`~analysis.evaluation.metrics.RESULT_COLUMNS`; ``item`` is the field.
    """
    table = _compare(ev, read_gold(gold_dir, "metadata", ev))
    rows = []
    for part, sub in table.groupby("part", sort=True):
        hits: dict[str, list[bool]] = defaultdict(list)
        for r in sub.itertuples(index=False):
            hits[r.field].append(bool(r.ok))
        rows += accuracy_rows("metadata", str(part), {f: hits[f] for f in FIELDS},
                              unit="document")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)
