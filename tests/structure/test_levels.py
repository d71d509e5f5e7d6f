"""Level inference (analysis.structure.levels): the order of the styles a part uses."""

from __future__ import annotations

from analysis.structure import parse_clauses
from analysis.structure.levels import style_levels, style_order
from analysis.structure.marks import Mark
from analysis.structure.wrapper import Parts


def _marks(*items: tuple[str, int]) -> list[Mark]:
    return [Mark(10 * k, "label", style, number) for k, (style, number) in enumerate(items)]


def test_the_official_order_by_default():
    marks = _marks(("l3", 1), ("l1", 1), ("l2", 1), ("l3", 1))
    assert style_order(marks, Parts()) == {"body": ["l1", "l2", "l3"]}


def test_a_style_that_contains_a_restarting_one_comes_first():
    marks = _marks(("l3", 1), ("l2", 1), ("l2", 2), ("l3", 2), ("l2", 1), ("l3", 3))
    assert style_levels(marks, Parts()) == {("body", "l3"): 1, ("body", "l2"): 2}


def test_no_reordering_without_a_restart_or_with_gaps():
    # (一) numbered on across the 1. items: no evidence that 1. contains it
    marks = _marks(("l3", 1), ("l2", 1), ("l3", 2), ("l2", 2))
    assert style_order(marks, Parts())["body"] == ["l2", "l3"]
    # 1. items that go back are a list, not the outline
    marks = _marks(("l3", 1), ("l2", 1), ("l3", 1), ("l2", 1))
    assert style_order(marks, Parts())["body"] == ["l2", "l3"]
    # chapters always contain the numbered styles
    marks = _marks(("l1", 1), ("chapter", 1), ("l1", 2), ("chapter", 2), ("l1", 1))
    assert style_order(marks, Parts())["body"] == ["chapter", "l1"]


def test_each_part_has_its_own_order():
    parts = Parts(attachment=20)
    marks = _marks(("l2", 1), ("l2", 2), ("l1", 1), ("l2", 1))
    assert style_levels(marks, parts) == {("notice", "l2"): 1, ("attachment", "l1"): 1,
                                          ("attachment", "l2"): 2}


def test_sections_numbered_one_two_hold_articles_numbered_across_them():
    text = ("一、总则\n第一条　为加强管理,制定本办法。\n第二条　本办法适用于本市。\n"
            "二、管理\n第三条　实行目录管理。\n第四条　按需共享。\n"
            "三、附则\n第五条　自公布之日起施行。")
    df = parse_clauses(text, doc_id="d")
    assert df.query("level == 1")["label"].tolist() == ["一、", "二、", "三、"]
    assert df.query("level == 2")["label"].tolist() == ["第一条", "第二条", "第三条", "第四条",
                                                         "第五条"]
    # a regulation whose articles hold 一、 items keeps its articles on top
    law = ("第一条　为加强管理,制定本办法。\n第二条　下列事项应当公开:\n一、目录;\n二、标准。\n"
           "第三条　本办法自公布之日起施行。")
    assert parse_clauses(law, doc_id="d").query("level == 1")["label"].tolist() == [
        "第一条", "第二条", "第三条"]


def test_a_chapter_without_sections_holds_its_articles_at_the_level_below_it():
    text = ("第一章　总则\n第一条　为了促进发展，制定本条例。\n"
            "第二章　基础设施和数据\n第一节　基础设施\n第二条　统筹推进建设。\n"
            "第二节　数据资源\n第三条　推进数据共享。\n"
            "第三章　附则\n第四条　本条例自公布之日起施行。")
    df = parse_clauses(text, doc_id="t").query("kind != 'front'")
    assert list(zip(df["level"], df["label"], strict=True)) == [
        (1, "第一章"), (2, "第一条"), (1, "第二章"), (2, "第一节"), (3, "第二条"),
        (2, "第二节"), (3, "第三条"), (1, "第三章"), (2, "第四条")]


def test_the_items_of_an_article_lifted_into_its_chapter_follow_it():
    # 第一章 has no 第一节 while 第二章 has: 第一条 sits one level below its chapter, and
    # its (一) items one level below the article, not where (一) ranks in the document
    text = ("某某条例\n第一章　总则\n第一条　下列事项适用本条例：\n（一）登记；\n（二）备案。\n"
            "第二章　管理\n第一节　一般规定\n第二条　应当登记：\n（一）申请；\n（二）审核。\n"
            "第二节　特别规定\n第三条　从其规定。")
    df = parse_clauses(text, doc_id="t")
    level = dict(zip(df["clause_id"], df["level"], strict=True))
    child = df[df["parent_id"].notna()]
    assert (child["level"] == child["parent_id"].map(level) + 1).all()
    assert level["t:第一章/第一条/(一)"] == 3 and level["t:第二章/第一节/第二条/(一)"] == 4
