"""The instrument evidence of all clauses at once equals the per-clause reference
(``Instrument.find``: ``Rule.combine`` and ``Instrument.merge`` clause by clause)."""

from __future__ import annotations

import random

import pandas as pd

from analysis.instruments import instrument_hits, load_instruments
from analysis.instruments.rules import Instrument, InstrumentRules, InstrumentType, Rule
from analysis.lexicon import TermSet

ALPHABET = "培养引进人才银行贷款。;金融办\n"


def _set(key, terms, exclude=()):
    return TermSet(key, key, key, terms=tuple(terms), exclude=tuple(exclude))


def _random_rule(rng, words, exclude):
    groups = tuple(_set(f"g{k}", rng.sample(words, rng.randint(1, 2)), exclude)
                   for k in range(rng.randint(2, 3)))
    scope, window = rng.choice(["sentence", "clause"]), rng.choice([None, None, 1, 3])
    # only at or after the first group's match, where a window is set
    after = window is not None and rng.random() < 0.5
    return Rule(groups, scope, window, after)


def _random_rules(rng):
    words = ["培养", "引进", "人才", "银行", "贷款", "金融", "才", "行贷"]
    instruments = []
    for j in range(rng.randint(1, 4)):
        exclude = tuple(rng.sample(["金融办", "人才办"], rng.randint(0, 1)))
        rules = tuple(_random_rule(rng, words, exclude) for _ in range(rng.randint(0, 11)))
        instruments.append(Instrument(f"i{j}", "supply", f"i{j}",
                                      _set(f"i{j}", rng.sample(words, 2), exclude), rules))
    return InstrumentRules(tuple(instruments), (InstrumentType("supply", "供给型", "Supply"),))


def _reference(units, rules):
    rows = []
    for d, c, text, a in units[["doc_id", "clause_id", "text", "char_start"]].values:
        for ins in rules.instruments:
            rows += [(d, c, ins.code, ins.type, t, a + s, a + e, via)
                     for s, e, t, via in ins.find(text)]
    return rows


def test_random_rules_give_the_evidence_of_the_per_clause_reference():
    rng = random.Random(11)
    by_rule = by_after = 0
    for _ in range(120):
        texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
                 for _ in range(rng.randint(1, 8))]
        starts = [0]
        for t in texts[:-1]:
            starts.append(starts[-1] + len(t))
        units = pd.DataFrame({"doc_id": "d", "clause_id": [f"d:{i}" for i in range(len(texts))],
                              "text": texts, "char_start": starts,
                              "char_end": [s + len(t) for s, t in zip(starts, texts,
                                                                       strict=True)]})
        rules = _random_rules(rng)
        got = instrument_hits(units, rules=rules)
        assert [tuple(r) for r in got.itertuples(index=False)] == _reference(units, rules)
        by_rule += int((got["via"] != "term").sum())
        by_after += any(r.after for i in rules.instruments for r in i.rules)
    assert by_rule > 100  # the random rules do hold, in many clauses
    assert by_after > 30  # and many draws have rules that look only after their anchor


def test_the_packaged_rules_on_sentences_and_windows():
    units = pd.DataFrame({"doc_id": "d", "clause_id": ["d:1", "d:2", "d:3"],
                          "text": ["培养企业。人才", "培养和引进一批创新人才。",
                                   "鼓励商业银行开展知识产权质押贷款;支持金融办。"],
                          "char_start": [0, 7, 19], "char_end": [7, 19, 43]})
    rules = load_instruments()
    got = instrument_hits(units, rules=rules)
    assert [tuple(r) for r in got.itertuples(index=False)] == _reference(units, rules)


def test_sorted_unique_and_intersection_are_numpys():
    import numpy as np

    from analysis.instruments.combine import _intersect, _unique

    rng = np.random.default_rng(3)
    for n, m in [(0, 0), (0, 4), (5, 0), (1, 1), (40, 60), (500, 300)]:
        a, b = rng.integers(0, 50, n), rng.integers(0, 50, m)
        assert np.array_equal(_unique(a), np.unique(a))
        got, want = _intersect(a, b), np.intersect1d(a, b)
        assert np.array_equal(got, want) and got.dtype == want.dtype
