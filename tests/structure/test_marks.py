"""Pass A of the parser (analysis.structure.marks): what starts each line."""

from __future__ import annotations

from analysis.structure import parse_clauses
from analysis.structure.lines import split_lines
from analysis.structure.marks import line_marks
from analysis.structure.rules import load_structure_rules


def _marks(text: str) -> list[tuple[str, str, int | None]]:
    marks, _back, _parts = line_marks(text, split_lines(text), rules=load_structure_rules())
    return [(m.style, m.label, m.number) for m in marks]


def test_labels_at_line_starts_and_glued_headings():
    assert _marks("一、总则\n(一)目标。内容。三、乱\n内容结束。二、任务") == [
        ("l1", "一、", 1), ("l2", "(一)", 1), ("l1", "二、", 2)]


def test_named_items_are_kept_in_runs_only():
    assert _marks("场景一:甲\n场景二:乙") == [("named", "场景一:", 1), ("named", "场景二:", 2)]
    assert _marks("场景二:甲\n任务一:乙") == []
    assert _marks("专栏1 甲\n专栏2 乙") == []


def test_a_user_may_name_words_that_never_number_items(tmp_path):
    path = tmp_path / "my.toml"
    path.write_text('[outline]\nnot_item_words = ["场景"]\n', encoding="utf-8")
    text = "场景一:甲\n场景二:乙"
    marks, _b, _p = line_marks(text, split_lines(text), rules=load_structure_rules(path))
    assert marks == []


def test_closing_matter_is_cut():
    text = "一、总则\n内容。\n某市科学技术局\n2023年3月1日"
    marks, back, _parts = line_marks(text, split_lines(text), rules=load_structure_rules())
    assert len(marks) == 1 and text[back:] == "某市科学技术局\n2023年3月1日"


def test_markup_residue_before_a_label_is_skipped():
    text = "## 一、总则\n内容。\n**二、任务**\n<p>三、保障</p>\n【四、附则】"
    assert _marks(text) == [("l1", "一、", 1), ("l1", "二、", 2), ("l1", "三、", 3),
                            ("l1", "四、", 4)]
    # a line that is not a heading keeps its residue and gives no label
    assert _marks("**重要提示**\n# 标题") == []


def test_items_of_a_box_are_list_items_until_the_numbering_goes_on():
    text = ("一、现状\n（一）基础。内容。\n专栏1　重大工程\n1.甲工程。\n2.乙工程。\n"
            "（二）形势。内容。\n二、任务")
    assert _marks(text) == [("l1", "一、", 1), ("l2", "（一）", 1), ("dash", "1.", None),
                            ("dash", "2.", None), ("l2", "（二）", 2), ("l1", "二、", 2)]
    # a box whose items restart a numbering that is open (一、 inside 二、)
    text = "一、甲\n二、乙\n专栏二 工程\n一、丙工程\n二、丁工程\n三、戊"
    assert [m[0] for m in _marks(text)] == ["l1", "l1", "dash", "dash", "l1"]
    # sub-items of a box's items stay in the box; a containing heading ends it
    text = "一、甲\n专栏1 工程\n1.甲工程。\n（1）子项。\n2.乙工程。\n（一）建设。\n（二）培育。"
    assert _marks(text) == [("l1", "一、", 1), ("dash", "1.", None), ("dash", "（1）", None),
                            ("dash", "2.", None), ("l2", "（一）", 1), ("l2", "（二）", 2)]



#: a paragraph of a report (long enough, ending a sentence)
PARA = "全市检察机关认真履行法律监督职责,各项工作取得新进展,为经济社会发展提供了有力保障。"


def _report(second: str) -> str:
    return (f"各位代表:\n{PARA}\n2023年主要工作\n{PARA}\n一、坚持服务大局\n{PARA}\n"
            f"二、坚持司法为民\n{PARA}\n2024年工作安排\n{PARA}\n{second}\n{PARA}")


def test_parts_titled_without_a_number_above_a_numbered_outline():
    df = parse_clauses(_report("一是更加主动服务大局。"), doc_id="r")
    assert df.query("level == 1")["heading"].tolist() == ["2023年主要工作", "2024年工作安排"]
    assert df.query("level == 2")["label"].tolist() == ["一、", "二、"]
    # (一) items under the second part are one level below it, as 一、 under the first
    second = parse_clauses(_report("（一）更加主动服务大局。内容。\n（二）更加注重司法为民。"),
                           doc_id="r")
    assert second.query("level == 2")["label"].tolist() == ["一、", "二、", "（一）", "（二）"]
    # 一、 running on across the second title: the titles are text, 一、 stays on top
    on = parse_clauses(_report("三、更加注重法律监督"), doc_id="r")
    assert on.query("level == 1")["label"].tolist() == ["一、", "二、", "三、"]


def test_a_list_numbered_with_closing_brackets_only_in_chinese_numerals():
    text = "一、有关要求\n请按时报送。\n一）内容应当真实。\n二）及时报告问题。\n二、其他\n内容。"
    df = parse_clauses(text, doc_id="d")
    assert df.query("level == 2")["label"].tolist() == ["一）", "二）"]
    # alone, or not starting at 一, it is text
    for lone in ("一、要求\n内容。\n一）报送内容应当真实。\n二、其他\n内容。",
                 "一、要求\n内容。\n三）报送内容。\n四）及时报告。\n二、其他\n内容。"):
        assert parse_clauses(lone, doc_id="d").query("level == 2").empty


def _plan(first: str, later: str) -> str:
    return (f"{PARA}\n{first}\n{PARA}\n一、发展目标\n{PARA}\n二、重点任务\n{PARA}\n"
            f"{later}\n{PARA}")


def test_parts_titled_without_a_number_are_a_series_not_any_short_lines():
    # a box's first line, a table caption or titles unlike each other are no part titles
    for later in ("专栏1 重大项目工作", "表1 重点工作", "督查考核工作"):
        df = parse_clauses(_plan("主要目标和重点任务", later), doc_id="p")
        assert df.query("level == 1")["label"].tolist() == ["一、", "二、"], later
    # titles ending with the same word, or each opening with a time word, are a series
    for first, later in (("过去一年的主要工作", "全面推进改革工作"),
                         ("一年来的主要工作", "今年的主要任务")):
        df = parse_clauses(_plan(first, later), doc_id="p")
        assert df.query("level == 1")["heading"].tolist() == [first, later]


def test_an_issued_documents_title_is_no_part_title():
    # a notice without a signature: the attached document's title sits between the issuing
    # sentence and a paragraph, and a sub-heading under 三、 ends like it
    text = (f"各区人民政府:\n现将《2024年全市重点工作任务》印发给你们,请认真贯彻执行。\n"
            f"2024年全市重点工作任务\n{PARA}\n一、扩大有效投资\n{PARA}\n二、促进消费\n{PARA}\n"
            f"三、强化保障\n{PARA}\n2024年督查考核工作\n{PARA}")
    df = parse_clauses(text, doc_id="n")
    assert df.query("level == 1")["label"].tolist() == ["一、", "二、", "三、"]
    # after a 附件 line too
    annexed = text.replace("印发给你们,请认真贯彻执行。\n", "印发给你们,请认真贯彻执行。\n附件\n")
    df = parse_clauses(annexed, doc_id="n")
    assert df.query("level == 1")["label"].tolist() == ["一、", "二、", "三、"]


def test_a_hard_wrapped_line_of_prose_holds_no_label():
    # a PDF's hard wrap puts a citation or a list of numerals at the start of a line
    text = ("一、总体要求\n着力推进农村\n一、二、三产业交叉融合。\n二、重点任务\n"
            "（一）发展加工。按照《某某办法》第十条第一款第\n（二）项规定给予补助。\n"
            "（二）拓展旅游。依照《某某法》\n第二十条规定处理。按照本意见第\n"
            "二、（一）项规定的标准给予奖励。")
    assert _marks(text) == [("l1", "一、", 1), ("l1", "二、", 2), ("l2", "（一）", 1),
                            ("l2", "（二）", 2)]


def test_a_heading_glued_after_a_wrapped_citation_is_read():
    text = "一、总体要求\n依照《某某法》\n第二十条规定处理。二、重点任务\n内容。\n三、保障措施"
    assert _marks(text) == [("l1", "一、", 1), ("l1", "二、", 2), ("l1", "三、", 3)]


def test_a_heading_on_a_run_of_numerals_that_goes_on_with_the_outline_is_a_heading():
    text = "一、总体要求\n内容。\n二、重点任务\n内容。\n三、一、二、三产业融合发展\n内容。"
    assert _marks(text) == [("l1", "一、", 1), ("l1", "二、", 2), ("l1", "三、", 3)]
    # the same run where its first numeral does not go on with the outline is prose
    text = "一、总体要求\n着力推进\n三、一、二、三产业融合发展\n二、重点任务"
    assert _marks(text) == [("l1", "一、", 1), ("l1", "二、", 2)]


def test_labels_that_only_look_like_citations_stay_labels():
    # an article with its text, an item whose title starts with 项目, 一、 before a year
    text = "第一条　规定适用范围。\n第二条　本办法自公布之日起施行。"
    assert [m[0] for m in _marks(text)] == ["article", "article"]
    assert _marks("（一）项目管理\n（二）资金管理") == [("l2", "（一）", 1), ("l2", "（二）", 2)]
    assert _marks("一、二〇二三年工作回顾\n二、二〇二四年工作安排") == [("l1", "一、", 1),
                                                                  ("l1", "二、", 2)]
    # an item titled with 目的 (目 + 的 is no 目 of a citation)
    for title in ("目的", "目的和依据", "目的意义"):
        assert _marks(f"一、总则\n（一）{title}\n（二）依据") == [
            ("l1", "一、", 1), ("l2", "（一）", 1), ("l2", "（二）", 2)], title
    assert _marks("一、总则\n（1）目的\n（2）依据") == [
        ("l1", "一、", 1), ("l4", "（1）", 1), ("l4", "（2）", 2)]


def test_a_hard_wrapped_citation_in_traditional_script_holds_no_label():
    text = ("一、總體要求\n依照《某某法》\n第二十條規定處理。按照本辦法第十條第\n"
            "（二）項規定給予補助。依照第三節\n第五條之規定辦理。\n二、重點任務")
    assert _marks(text) == [("l1", "一、", 1), ("l1", "二、", 2)]
    # a citation of 目 in a list (第（三）目所列) likewise
    assert _marks("一、总则\n按照第十条第一款\n（三）目所列情形办理。\n二、任务") == [
        ("l1", "一、", 1), ("l1", "二、", 2)]
