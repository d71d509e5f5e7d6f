"""Every parser and extractor finishes on repeated and adversarial text, in time that grows
linearly with its length.

Property-based (hypothesis): texts made of runs of patterns that stress a parser (``1%``
repeated, long runs of digits, outline labels on every line, unbalanced brackets, table
bars) go through each parser under a generous hang guard. Scaling: a parser takes at most
about four times as long (with room for noise) on a text four times as long.
``benchmarks/linear_time.py`` measures the same on 1, 10 and 50 MB.
"""

from __future__ import annotations

import contextlib
import gc
import math
import signal
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest.cleaning import clean_text
from analysis.ingest.fields import (
    detect_script,
    doc_type_from_body,
    find_dates,
    find_doc_number,
    find_signature,
    find_title,
    load_doc_types,
    load_issuers,
)
from analysis.lexicon import kwic
from analysis.structure import parse_clauses, table_rows
from analysis.structure.outline import parse_outline
from analysis.structure.rules import load_structure_rules
from analysis.targets import targets_from_text
from analysis.text import get_tokenizer, normalize_text

#: Patterns that stress parsers when repeated: numbers and units, outline labels, brackets.
UNITS = ["1%", "1234567890", "一、", "一、\n", "（一）", "（", "）", "《", "》", "|", "||\n",
         "到2025年", "由10%提高到20%，", "1.", "第一章", "第一条", " \u3000", "——", "：",
         "十二万三千", "1-2", "[（【《", "2022年1月1日", "100亿元", "+", "百分之", "万",
         "提高到1%以上，", "。\n", "\n", "科技", "(", "（一", "附件：", "abc", "=", "〔2022〕"]

#: Seconds before a parser is taken to hang (generous: a linear parser needs milliseconds).
HANG_SECONDS = 60


class Hang(Exception):
    """A parser ran past the hang guard."""


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_SECONDS) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread after ``seconds`` (SIGALRM)."""
    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _fields(text: str) -> Any:
    types, issuers = load_doc_types(), load_issuers()
    lines = text.split("\n")
    dates = find_dates(lines)
    return (find_doc_number(lines), find_title(lines, types),
            find_signature(lines, dates[0].line if dates else len(lines), issuers),
            doc_type_from_body(text, types), detect_script(text))


def _kwic(text: str) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_id": ["d"], "text": [text], "text_orig": [text]})
    return kwic(frame, ["科技", "1"], clauses=parse_clauses(text, doc_id="d", warn=False))


PARSERS: dict[str, Callable[[str], Any]] = {
    "normalise": lambda t: normalize_text(t),
    "tokenise": lambda t: get_tokenizer().cut(t),
    "outline": lambda t: parse_outline(t, doc_id="d", rules=load_structure_rules()),
    "clauses": lambda t: parse_clauses(t, doc_id="d", warn=False),
    "tables": lambda t: table_rows(parse_clauses(t, doc_id="d", warn=False)),
    "kwic": _kwic,
    "ingest_clean": lambda t: clean_text(t),
    "ingest_fields": _fields,
    "targets": lambda t: targets_from_text(t, doc_id="d", year=2022),
}

TEXTS = st.lists(st.tuples(st.sampled_from(UNITS), st.integers(1, 300)),
                 min_size=1, max_size=4).map(lambda parts: "".join(u * n for u, n in parts))


def _run(name: str, text: str) -> float:
    """CPU seconds of ``PARSERS[name](text)`` (CPU time: other programs on a shared machine
    do not count)."""
    # the collector's full passes scan every object the test session holds, so they would
    # make a longer text look superlinear in a long run: time the parser alone
    gc.collect()
    gc.disable()
    try:
        t0 = time.process_time()
        with hang_guard(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            PARSERS[name](text)
        return time.process_time() - t0
    finally:
        gc.enable()


@pytest.mark.parametrize("name", [n for n in PARSERS if n != "targets"])
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_parsers_finish_on_repeated_patterns(name, text):
    _run(name, text)


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_targets_finish_on_repeated_patterns(text):
    assert _run("targets", text) < 10


def _scaling(name: str, unit: str, chars: int) -> float:
    """How many times longer ``name`` takes on 8x the text (best of two runs each)."""
    small = (unit * (chars // len(unit) + 1))[:chars]
    big = (unit * (8 * chars // len(unit) + 1))[:8 * chars]
    _run(name, small[:200])  # warm: dictionaries, OpenCC, compiled rules
    t_small = min(_run(name, small) for _ in range(2))
    t_big = min(_run(name, big) for _ in range(2))
    if t_big < 0.3:  # too quick to tell growth from noise: linear enough
        return 1.0
    return t_big / max(t_small, 1e-3)


SCALING = [("1%", 20_000), ("1234567890", 40_000), ("一、\n", 10_000), ("（", 40_000),
           ("|\n", 20_000), ("由10%提高到20%，", 20_000), ("科技创新。\n", 20_000)]


@pytest.mark.slow
@pytest.mark.parametrize(("unit", "chars"), SCALING)
@pytest.mark.parametrize("name", [n for n in PARSERS if n != "targets"])
def test_parsers_scale_linearly(name, unit, chars):
    # 8x the text: 8x the time when linear, 64x when quadratic; 24 leaves room for a
    # loaded machine
    assert _scaling(name, unit, chars) < 24


@pytest.mark.slow
@pytest.mark.parametrize(("unit", "chars"), [("1%", 4_000), ("由10%提高到20%，", 4_000)])
def test_targets_scale_linearly(unit, chars):
    assert _scaling("targets", unit, chars) < 24


@pytest.mark.parametrize("text", ["研发投入强度达到" + "9" * 400 + "%。",
                                  "全社会研发经费投入达到" + "9" * 310 + "元。"])
def test_a_huge_number_is_no_infinite_target(text):
    table = targets_from_text(text, doc_id="d", year=2022)
    assert all(math.isfinite(v) for v in table["value"].dropna())


def test_hang_guard_stops_a_hang():
    with pytest.raises(Hang), hang_guard(1):
        while True:
            time.sleep(0.01)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["outline", "clauses", "targets"])
def test_real_text_on_one_line_scales_linearly(name):
    # real documents with their line breaks removed (one long line, as some web exports
    # give): every heading's line end and title must be found without scanning to the end
    from analysis.text import load_corpus

    one_line = "".join(load_corpus().documents["text"]).replace("\n", "")
    small = (one_line * 2)[:200_000]
    big = (one_line * 16)[:1_600_000]
    _run(name, small[:2000])
    t_small = min(_run(name, small) for _ in range(2))
    t_big = min(_run(name, big) for _ in range(2))
    # 8x the text: 8x the time when linear, 64x when quadratic
    assert t_big < 0.3 or t_big / max(t_small, 1e-3) < 24
