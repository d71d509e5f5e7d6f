"""How predicted target rows are matched to gold numbers and scored."""

import math

import pandas as pd
import pytest

from analysis.evaluation.targets import locate_number, match_targets, score_matches

_TEXT = "到2025年,高新技术企业数量达到160家以上,\n城镇新增就业1200\n万人以上。"


def _pred(**kw):
    row = dict(doc_id="d", kind="target", indicator="高新技术企业数量", value=160.0,
               value_low=math.nan, value_high=math.nan, unit="家", target_year=2025,
               char_start=_TEXT.index("160"), char_end=_TEXT.index("160") + 3)
    row.update(kw)
    return row


def _gold(**kw):
    row = dict(doc_id="d", part="dev", anchor="企业数量达到160家以上", number="160",
               kind="target", value="160", value_low="", value_high="", unit="家",
               target_year="2025", indicator_contains="高新技术企业")
    row.update(kw)
    return row


def _match(preds, golds):
    return match_targets(pd.DataFrame(preds), pd.DataFrame(golds), {"d": _TEXT},
                         unit_of={"个百分点": "百分点"})


@pytest.mark.parametrize(("anchor", "number", "found"), [
    ("企业数量达到160家以上", "160", "160"),
    ("城镇新增就业1200万人以上", "1200", "1200"),     # a line break inside the anchor
    ("城镇新增就业 1200 万人", "1200", "1200"),       # spaces in the anchor
    ("企业数量达到１６０家", "１６０", "160"),          # full-width in the gold
])
def test_locate_number_ignores_white_space_and_width(anchor, number, found):
    a, b = locate_number(_TEXT, anchor, number)
    assert _TEXT[a:b] == found


def test_locate_number_takes_a_whole_number_not_part_of_a_longer_one():
    text = "营业收入超过500亿元的企业5家。"
    a, b = locate_number(text, "500亿元的企业5家", "5")
    assert (a, text[a:b], text[b]) == (14, "5", "家")


def test_anchor_not_in_text():
    assert locate_number(_TEXT, "不在文中的锚点", "1") is None


def test_all_five_fields_right():
    m = _match([_pred()], [_gold()])
    assert m.loc[0, "all_fields"] and m.loc[0, "pred_index"] == 0


@pytest.mark.parametrize(("pred", "gold", "wrong"), [
    ({"kind": "achievement"}, {}, "kind"),
    ({"indicator": "企业数量"}, {}, "indicator"),      # the gold words must be inside
    ({"value": 16.0}, {}, "value"),
    ({"unit": "个"}, {}, "unit"),
    ({"target_year": pd.NA}, {}, "target_year"),
    ({"value": math.nan, "value_low": 2.0, "value_high": 4.0},
     {"value": "", "value_low": "2", "value_high": "3"}, "value"),
])
def test_one_wrong_field_fails_all_fields(pred, gold, wrong):
    m = _match([_pred(**pred)], [_gold(**gold)])
    assert not m.loc[0, wrong] and not m.loc[0, "all_fields"]
    assert m.loc[0, "pred_index"] == 0     # still a number found


def test_unit_spellings_of_one_unit_agree():
    m = _match([_pred(unit="百分点")], [_gold(unit="个百分点")])
    assert m.loc[0, "unit"]


def test_each_row_matches_one_gold_number_and_extra_rows_are_false_positives():
    other = _pred(char_start=_TEXT.index("1200"), char_end=_TEXT.index("1200") + 4,
                  value=1200.0, unit="万人", indicator="城镇新增就业")
    m = _match([_pred(), other], [_gold(), _gold()])
    gold = m[m.side == "gold"]
    assert gold["pred_index"].tolist() == [0, -1]     # the same number twice: one match
    assert m[m.side == "pred"]["pred_index"].tolist() == [1]


def test_rows_outside_the_part_read_of_a_document_are_not_predictions():
    other = _pred(char_start=_TEXT.index("1200"), char_end=_TEXT.index("1200") + 4,
                  value=1200.0, unit="万人", indicator="城镇新增就业")
    part = _gold(read_from="到2025年", read_to="160家以上,")
    m = _match([_pred(), other], [part])
    assert m[m.side == "pred"].empty                  # 1200 lies after the part read
    m = _match([_pred(), other], [_gold(read_from="", read_to="")])
    assert m[m.side == "pred"]["pred_index"].tolist() == [1]   # read in full


def test_read_parts_ignore_white_space_and_need_both_words_in_order():
    from analysis.evaluation.targets import read_parts
    text = "一、回顾\n增长5%。\n二、任务\n达到8%。"
    assert read_parts(text, [("二、任务", "8%。")]) == [(text.index("二"), len(text))]
    assert read_parts(text, [("二、任务", "5%。")]) == []


def test_fields_are_scored_per_kind_of_the_gold_number():
    support = _pred(char_start=_TEXT.index("1200"), char_end=_TEXT.index("1200") + 4,
                    value=1200.0, unit="万人", indicator="就业", kind="support")
    gold_support = _gold(anchor="城镇新增就业1200万人以上", number="1200", value="1200",
                         unit="万人", kind="support", indicator_contains="城镇新增就业")
    r = score_matches(_match([_pred(), support], [_gold(), gold_support]))
    r = r.set_index(["item", "metric"])
    assert r.loc[("indicator", "accuracy"), "value"] == 0.5
    assert r.loc[("indicator (target)", "accuracy"), "value"] == 1.0
    assert r.loc[("indicator (support)", "accuracy"), "value"] == 0.0
    assert r.loc[("all_fields (support)", "accuracy"), "n"] == 1
    assert ("kind (achievement)", "accuracy") not in r.index     # no achievement in the gold
