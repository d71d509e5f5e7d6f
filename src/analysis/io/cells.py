"""Tables made safe for spreadsheets: no formulas, no control characters, no list cells."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Control characters an XLSX cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE); tab,
#: line feed and carriage return are allowed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
_FORMULA_RE2 = r"(?s)^[=+\-@\t\r]."


def safe_cell(value: Any) -> Any:
    """A cell made safe for a spreadsheet: text loses its control characters and gets a
    leading ``'`` when it starts with ``= + - @``, a tab or a carriage return (and has more
    than that one character); anything that is not text is returned as it is.

    Examples
    --------
    >>> safe_cell("=SUM(A1:A9)"), safe_cell("-5%"), safe_cell("@x"), safe_cell("科技")
    ("'=SUM(A1:A9)", "'-5%", "'@x", '科技')
    >>> safe_cell("a" + chr(0) + "b" + chr(27) + "c"), safe_cell(-5), safe_cell(chr(0) + "=1")
    ('abc', -5, "'=1")
    >>> safe_cell("="), safe_cell("-")
    ('=', '-')
    """
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    # a lone "=" or "-" (a comparator, a blank marker) cannot hold a formula: kept as it is
    return "'" + value if len(value) > 1 and value.startswith(FORMULA_START) else value


@lru_cache(maxsize=1)
def _control_bytes() -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[[*range(0, 9), 11, 12, *range(14, 32)]] = True
    return table


def _safe_arrow(arr: pa.Array) -> pa.Array | None:
    """:func:`safe_cell` on an Arrow string array; None when no cell changes."""
    arr = arr.cast(pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not len(arr) or arr.buffers()[2] is None:
        return None
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
        arr.offset:arr.offset + len(arr) + 1]
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
    changed = False
    if _control_bytes()[data[offsets[0]:offsets[-1]]].any():
        arr = pc.replace_substring_regex(arr, _CONTROL_RE2, "")
        changed = True
    else:  # a cheap look at the first bytes before any regex
        starts = offsets[:-1][offsets[1:] > offsets[:-1]]
        if not np.isin(data[starts], list(b"=+-@\t\r")).any():
            return None
    needs = pc.fill_null(pc.match_substring_regex(arr, _FORMULA_RE2), False)
    if pc.any(needs).as_py():
        quoted = pc.binary_join_element_wise(pa.scalar("'", pa.large_string()), arr,
                                             pa.scalar("", pa.large_string()))
        arr = pc.if_else(needs, quoted, arr)
        changed = True
    return arr if changed else None


def unescape_cells(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the ``'`` that :func:`safe_cell` put before a formula character taken
    off again: a table this project wrote (``metadata.csv``) reads back as it was.

    Examples
    --------
    >>> df = pd.DataFrame({"title": ["'-数字政府", "'x", "'=", "科技"]})
    >>> unescape_cells(df)["title"].tolist()
    ['-数字政府', "'x", "'=", '科技']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
            text = s.astype("string")
            escaped = text.str.match(r"'[=+\-@\t\r].", na=False)
            if escaped.any():
                out.loc[escaped, col] = text[escaped].str.slice(1)
    return out


def safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with :func:`safe_cell` applied to every text cell (``df`` itself, not a copy,
    when no cell needs it). Column types are kept: numbers are never touched.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["=1+1", "ok" + chr(7)], "n": [-1, 2]})
    >>> safe_cells(df).values.tolist()
    [['a', "'=1+1", -1], ['b', 'ok', 2]]
    """
    out = df
    for i, col in enumerate(df.columns):
        s = df.iloc[:, i]
        if isinstance(s.dtype, pd.StringDtype):
            fixed = _safe_arrow(pa.array(s.array))
            if fixed is None:
                continue
            new = pd.Series(pd.array(fixed.to_pylist(), dtype=s.dtype), index=s.index, name=col)
        elif s.dtype == object:
            texts = s.map(lambda v: isinstance(v, str) and safe_cell(v) != v)
            if not texts.any():
                continue
            new = s.map(safe_cell)
        else:
            continue
        if out is df:
            out = df.copy(deep=False)  # a new column replaces the old: df unchanged
        out.isetitem(i, new)
    return out


def excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Turn list-valued cells into ``、``-joined strings, which Excel can show.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table; only its object columns are looked at (one of text and missing
        values only without a look at each cell).

    Returns
    -------
    pandas.DataFrame
        ``df`` itself when no cell holds a list or tuple (no copy); otherwise a shallow
        copy whose list and tuple cells are their items as text joined by ``、``, other
        cells unchanged. ``df`` is not changed.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "terms": [["人才", "平台"], "资金"]})
    >>> excel_safe(df)["terms"].tolist()
    ['人才、平台', '资金']
    >>> plain = pd.DataFrame({"doc_id": ["a"], "n": [1]})
    >>> excel_safe(plain) is plain
    True
    """
    out = df
    for col in df.columns:
        # a column of text (and missing values) only is found so without a look at each cell
        if df[col].dtype != object or pd.api.types.infer_dtype(
                df[col], skipna=True) in ("string", "empty"):
            continue
        if df[col].map(lambda v: isinstance(v, (list, tuple))).any():
            if out is df:
                out = df.copy(deep=False)  # a new column replaces the old: df unchanged
            out[col] = df[col].map(
                lambda v: "、".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return out
