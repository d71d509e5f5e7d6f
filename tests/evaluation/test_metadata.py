"""How drafted metadata values are compared with the gold."""

import pytest

from analysis.evaluation.metadata import normalise_field


@pytest.mark.parametrize(("field", "a", "b"), [
    ("title", "关于印发《数字政府建设方案》的通知", "关于印发数字政府建设方案的通知"),
    ("title", "数字 经济", "数字经济"),
    ("issuer", "国家发展改革委、工业和信息化部", "工业和信息化部；国家发展改革委"),
    ("doc_number", "国办发[2022]14号", "国办发〔2022〕14号"),
    ("doc_number", "国办发〔２０２２〕１４号", "国办发〔2022〕14号"),
    ("date", "2022—06—23", "2022-06-23"),
    ("city", None, ""),
])
def test_equal_values(field, a, b):
    assert normalise_field(field, a) == normalise_field(field, b)


@pytest.mark.parametrize(("field", "a", "b"), [
    ("title", "关于印发方案的通知", "方案"),
    ("issuer", "国务院", "国务院办公厅"),
    ("level", "central", "provincial"),
])
def test_different_values(field, a, b):
    assert normalise_field(field, a) != normalise_field(field, b)
