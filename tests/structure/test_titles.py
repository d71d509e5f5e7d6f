"""Parts titled without a number (analysis.structure.titles): years in Chinese numerals,
the closing part of a work report, and titles over a numbering that starts again."""

from __future__ import annotations

import pytest

from analysis.structure import parse_clauses

pytestmark = pytest.mark.filterwarnings("ignore::analysis.structure.StructureWarning")

P = "这一年，全市经济运行总体平稳，主要指标好于预期。"


def _parts(text: str, rules: object = None) -> list[tuple[int, str, str]]:
    c = parse_clauses(text, doc_id="d", **({"rules": rules} if rules else {}))
    heads = c[c["kind"].isin(["heading", "clause"]) & c["level"].isin([1, 2])]
    return [(r.level, r.label, r.heading) for r in heads.itertuples()]


def test_a_year_in_chinese_numerals_may_open_a_part_title():
    text = "\n".join(["各位代表：", P, "二〇二三年工作回顾", P, P, "二〇二四年工作安排", P, P,
                      "全面加强政府自身建设", P, P])
    assert [h for _lv, _lab, h in _parts(text)] == [
        "二〇二三年工作回顾", "二〇二四年工作安排", "全面加强政府自身建设"]


@pytest.mark.parametrize("zero", ["〇", "零", "○", "Ｏ", "O"])
def test_a_year_written_with_any_zero_may_open_a_part_title(zero):
    text = _TOWN.replace("2023年", "二〇二三年").replace("2024年", "二〇二四年")
    text = text.replace("〇", zero)
    assert [h for _lv, lab, h in _parts(text) if not lab] == [
        f"二{zero}二三年工作回顾", f"二{zero}二四年工作安排", "全面加强政府自身建设"]


def test_a_span_of_years_in_chinese_numerals_may_open_a_part_title():
    text = _TOWN.replace("2023年", "二〇二一—二〇二三年").replace("2024年", "二〇二四年")
    assert [h for _lv, lab, h in _parts(text) if not lab] == [
        "二〇二一—二〇二三年工作回顾", "二〇二四年工作安排", "全面加强政府自身建设"]


@pytest.mark.parametrize("date", ["二〇二三年五月", "二○二三年五月", "一九六五年五月"])
def test_a_date_in_chinese_numerals_is_no_part_title(date):
    # also a year without a zero digit (一九六五年五月)
    text = "\n".join(["各位代表：", P, f"{date}工作情况", P, P, "二〇二四年工作安排", P,
                      P, "全面加强政府自身建设", P, P])
    assert _parts(text) == []
    text = "\n".join(["各位代表：", P, f"{date}工作情况", P, P, "一九六六年工作安排", P, P,
                      "关于今后的任务", P, P])
    assert _parts(text) == []


_TOWN = "\n".join([
    "各位代表：", P, "2023年工作回顾", "过去的一年，全镇经济社会发展取得了新的成绩。",
    "一、产业发展提质增效", P, "二、城乡面貌持续改善", P,
    "2024年工作安排", "今年全镇经济社会发展重点抓好以下工作：",
    "（一）聚力项目建设。" + P, "（二）聚力乡村振兴。" + P,
    "全面加强政府自身建设", P, P])


def test_a_work_reports_closing_title_ends_the_series_of_its_parts():
    got = _parts(_TOWN)
    assert [(lv, h) for lv, lab, h in got if not lab] == [
        (1, "2023年工作回顾"), (1, "2024年工作安排"), (1, "全面加强政府自身建设")]
    assert [(lv, lab) for lv, lab, _h in got if lab] == [
        (2, "一、"), (2, "二、"), (2, "（一）"), (2, "（二）")]


def test_a_closing_title_alone_makes_no_part():
    # no series of titles before it: a plan's line alone stays text
    text = "\n".join(["一、总体要求", P, "二、重点任务", P, "全面加强政府自身建设", P, P,
                      "三、保障措施", P])
    assert [lab for _lv, lab, _h in _parts(text)] == ["一、", "二、", "三、"]


_OLD = "\n".join([
    "代表们：", P, "国民经济调整工作的基本完成", "同志们！" + P,
    "一、农业生产已经恢复。" + P, "二、工业生产得到提高。" + P,
    "一九六五年的主要任务", "根据中央的部署，明年全省工作的主要任务是：",
    "一、继续把农业放在首位。" + P, "二、按照农轻重的次序安排工业生产。" + P,
    "三、做好基本建设的准备工作。" + P,
    "加强人民委员会的工作", "同志们！" + P,
    "一、坚持群众路线。" + P, "二、精简机构，改进作风。" + P])


def test_titles_over_a_numbering_that_starts_again_under_each_are_parts():
    got = _parts(_OLD)
    assert [(lv, lab) for lv, lab, _h in got] == [
        (1, ""), (2, "一、"), (2, "二、"), (1, ""), (2, "一、"), (2, "二、"), (2, "三、"),
        (1, ""), (2, "一、"), (2, "二、")]
    assert [h for _lv, lab, h in got if not lab] == [
        "国民经济调整工作的基本完成", "一九六五年的主要任务", "加强人民委员会的工作"]


@pytest.mark.parametrize("text", [
    # the numbering runs on across a title: a sub-heading, not a part
    _OLD.replace("一、继续把农业", "三、继续把农业").replace("二、按照农轻重", "四、按照农轻重")
        .replace("三、做好基本建设", "五、做好基本建设"),
    # a title with one item under it
    _OLD.replace("二、精简机构，改进作风。" + P, ""),
    # an item before the first title
    "一、总的情况。" + P + "\n" + _OLD,
])
def test_titles_over_a_restarted_numbering_need_a_restart_under_each(text):
    got = _parts(text)
    assert all(lab for _lv, lab, _h in got)


def _attached(*titles: str) -> str:
    """Documents attached without 附件 lines, each title over its own 一、 二、."""
    rows = ["各区人民政府：", P]
    for title in titles:
        rows += [title, P, "一、总体要求。" + P, "二、重点任务。" + P]
    return "\n".join(rows)


@pytest.mark.parametrize("titles", [
    ("某某实施方案", "某某考核办法"),
    ("某某委员会议事规则", "某某项目评分标准"),
    ("某某管理制度", "某某工作守则"),
    ("某某申报须知", "某某企业名单（第一批）"),
    ("某某办法（2024年修订）", "某某考核细则（试行）"),
])
def test_the_titles_of_attached_documents_are_no_parts(titles, tmp_path):
    got = _parts(_attached(*titles))
    assert [lab for _lv, lab, _h in got] == ["一、", "二、", "一、", "二、"]
    # without the document-title rule each title would be a part over its 一、 二、
    own = tmp_path / "structure.toml"
    own.write_text("[outline]\ndocument_title = '(?!)'\n", encoding="utf-8")
    got = _parts(_attached(*titles), own)
    assert [(lv, h) for lv, lab, h in got if not lab] == [(1, t) for t in titles]
