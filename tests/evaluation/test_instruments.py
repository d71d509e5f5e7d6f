"""How the instrument and theme codes of gold clauses are compared with the library's."""

import math

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis.errors import CorpusError
from analysis.evaluation.instruments import (
    code_gold_clauses,
    gold_clause_units,
    multilabel_scores,
)

A, B, NONE = frozenset({"a"}), frozenset({"b"}), frozenset()


def gold(**cols):
    base = {"doc_key": ["d"], "clause_no": ["1"], "text": ["加强组织领导。"],
            "researcher_codes": ["无"], "themes": ["none"], "notes": [""]}
    base.update({k: [v] for k, v in cols.items()})
    return pd.DataFrame(base)


def test_pooled_kappa_is_sklearns_kappa_over_every_clause_category_pair():
    hand, auto = [A, NONE, A | B, B], [A, B, A, B]
    s = multilabel_scores(hand, auto, ["a", "b"])
    pairs_h = [1, 0, 0, 0, 1, 1, 0, 1]
    pairs_a = [1, 0, 0, 1, 1, 0, 0, 1]
    assert s["kappa_pooled"] == pytest.approx(cohen_kappa_score(pairs_h, pairs_a))


def test_macro_kappa_averages_the_categories_either_coder_used():
    hand, auto = [A, NONE, A, NONE], [A, NONE, NONE, NONE]
    s = multilabel_scores(hand, auto, ["a", "b", "c"])
    # b and c are never used by either side: they have no kappa and are not averaged
    assert s["kappa_macro"] == pytest.approx(cohen_kappa_score([1, 0, 1, 0], [1, 0, 0, 0]))


def test_coverage_is_the_share_of_clauses_with_any_code():
    s = multilabel_scores([A, A, NONE, NONE], [A, NONE, NONE, B], ["a", "b"])
    assert (s["coverage"], s["coverage_hand"]) == (0.5, 0.5)


def test_identical_codings_without_any_code_have_no_kappa():
    s = multilabel_scores([NONE, NONE], [NONE, NONE], ["a"])
    assert math.isnan(s["kappa_pooled"]) and math.isnan(s["kappa_macro"])


def test_gold_text_is_normalised_as_the_loader_does():
    units = gold_clause_units(gold(text="（二）推進數據共享；"))
    assert units["text"].tolist() == ["(二)推进数据共享;"]
    assert units[["clause_id", "char_start", "char_end"]].values.tolist() == [["d:1", 0, 10]]


def test_codes_and_themes_are_read_from_the_researchers_cells():
    t = code_gold_clauses(gold(text="鼓励银行开展知识产权质押贷款。",
                               researcher_codes="金融支持、知识产权保护",
                               themes="finance;basic_research",
                               notes="guide does not fit: example"))
    row = t.iloc[0]
    assert row["hand_instruments"] == {"金融支持", "知识产权保护"}
    assert row["auto_instruments"] == {"金融支持"}
    # the annotators' basic_research is the dictionary's key_tech theme
    assert row["hand_themes"] == {"finance", "key_tech"}
    assert not row["fits"]


def test_none_cells_mean_no_code():
    row = code_gold_clauses(gold()).iloc[0]
    assert row["hand_instruments"] == set() and row["hand_themes"] == set() and row["fits"]


@pytest.mark.parametrize("cols, message", [
    ({"researcher_codes": ""}, "researcher_codes is blank"),
    ({"researcher_codes": "资金"}, "not an instrument"),
    ({"themes": "ginseng"}, "theme 'ginseng' is not a key"),
])
def test_bad_gold_cells_name_the_row(cols, message):
    with pytest.raises(CorpusError, match=message) as err:
        code_gold_clauses(gold(**cols))
    assert "gold row 1" in str(err.value)


def test_the_fresh_batch_is_scored_apart_from_the_earlier_rows():
    from analysis.evaluation.instruments import _batch_rows

    sub = pd.DataFrame({"hand": [A, A, B], "auto": [A, A, A],
                        "batch": ["first", "second", "fresh"]})
    rows = {(r["item"], r["metric"]): (r["value"], r["n"])
            for r in _batch_rows("instruments", sub, "hand", "auto", ["a", "b"], "dev")}
    assert rows[("earlier", "f1")] == (1.0, 2)
    assert rows[("fresh", "f1")] == (0.0, 1)
    assert rows[("fresh", "coverage")] == (1.0, 1)
    # without a fresh row there is nothing to split
    assert _batch_rows("instruments", sub.iloc[:2], "hand", "auto", ["a", "b"], "dev") == []


def test_each_fresh_batch_is_an_item_of_its_own():
    from analysis.evaluation.instruments import _batch_rows

    sub = pd.DataFrame({"hand": [A, A, B, B], "auto": [A, A, A, B],
                        "batch": ["first", "fresh2", "fresh", "fresh2"]})
    rows = {(r["item"], r["metric"]): (r["value"], r["n"])
            for r in _batch_rows("instruments", sub, "hand", "auto", ["a", "b"], "dev")}
    assert rows[("earlier", "f1")] == (1.0, 1)
    assert rows[("fresh", "f1")] == (0.0, 1)
    assert rows[("fresh2", "f1")] == (1.0, 2)
