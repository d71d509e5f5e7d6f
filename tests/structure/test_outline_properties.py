"""Property-based tests of the outline parser: it never raises and never loses text."""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.structure import clause_at, parse_clauses

#: pieces that look like outline labels, table rows, unit lines and closing matter
PIECES = [
    "一、", "二、", "十一、", "(一)", "（二）", "(十二)", "1.", "2.", "2、", "10．", "(1)", "（2）",
    "一是", "二是", "三是", "①", "②", "—", "——", "第一条", "第二章", "第三节", "表1 ",
    " | ", "|", "牵头单位", "配合单位", "市科技局、市财政局", "抄送:", "附件:", "2022年9月14日",
    "银川市科学技术局", "。", ";", ":", "\n", "\n\n", " ", "加强领导", "完善机制", "1.5亿元",
    "2035年", "统一是", "第", "是", "(", ")", "、",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(
    "".join)


def _check(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = parse_clauses(text, doc_id="h")
    assert len(df) >= 1
    assert df["char_start"].iloc[0] == 0
    assert df["char_end"].iloc[-1] == len(text)
    assert (df["char_start"].to_numpy()[1:] == df["char_end"].to_numpy()[:-1]).all()
    assert "".join(df["text"]) == text
    assert df["clause_id"].is_unique
    ids = set(df["clause_id"])
    assert all(p in ids for p in df["parent_id"].dropna())
    if text:
        for pos in {0, len(text) // 2, len(text) - 1}:
            assert clause_at(df, "h", pos) in ids


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parser_never_raises_or_loses_text(text):
    _check(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_parser_on_arbitrary_unicode(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["一、标题\n", "(一)小节。内容。\n", "1.条目。内容。\n",
                                 "(1)细目。\n", "一是甲;二是乙。\n", "内容一段。\n", "\n",
                                 "表1 指标\n名称 | 值\n甲 | 1\n", "牵头单位:市科技局\n"]),
                min_size=1, max_size=30).map("".join))
def test_parser_on_outline_like_documents(text):
    _check(text)
