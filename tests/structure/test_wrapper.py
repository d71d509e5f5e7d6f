"""Notices that wrap an attached document, and appendices (analysis.structure.wrapper)."""

import pandas as pd

from analysis.lexicon.units import countable
from analysis.structure import parse_clauses
from analysis.structure.lines import split_lines
from analysis.structure.rules import load_structure_rules
from analysis.structure.wrapper import Parts, document_parts

#: a paragraph longer than a line of a closing list of attachments
LONG = "各地要加强统筹协调,明确责任分工,完善工作机制,强化资金保障,确保各项任务落到实处。" * 2

NOTICE = ("关于印发《数字政府建设方案》的通知\n各区人民政府,市政府各部门:\n"
          "现将《数字政府建设方案》印发给你们,请认真贯彻执行。\n某市人民政府办公室\n"
          "2023年3月1日\n数字政府建设方案\n为推进数字政府建设,制定本方案。\n"
          "一、总体要求\n内容。\n二、重点任务\n内容。")


def test_notice_wrapper_parts():
    df = parse_clauses(NOTICE, doc_id="n")
    # the front row holds the notice (and the attached title); the outline is attached
    assert df["clause_id"].tolist() == ["n:front", "n:一", "n:二"]
    assert df["part"].tolist() == ["notice", "attachment", "attachment"]
    lines = split_lines(NOTICE)
    labels = [(NOTICE.index("一、"), 1), (NOTICE.index("二、"), 2)]
    parts = document_parts(NOTICE, lines, labels, rules=load_structure_rules())
    assert NOTICE[parts.attachment:].startswith("数字政府建设方案\n")


def test_closing_line_after_the_date_stays_in_the_notice():
    text = NOTICE.replace("2023年3月1日\n", "2023年3月1日\n(此件公开发布)\n")
    labels = [(text.index("一、"), 1), (text.index("二、"), 2)]
    parts = document_parts(text, split_lines(text), labels, rules=load_structure_rules())
    assert text[parts.attachment:].startswith("数字政府建设方案\n")


def test_a_document_without_a_notice_is_body():
    df = parse_clauses("为推进工作,制定本方案。\n一、总体要求\n内容。\n二、任务\n内容。",
                       doc_id="b")
    assert set(df["part"]) == {"body"}


def test_notice_body_then_attachment_after_fujian():
    text = ("关于做好数据工作的通知\n各区人民政府:\n一、提高认识\n内容。\n二、抓好落实\n内容。\n"
            f"附件\n数据工作方案\n一、目标\n{LONG}\n二、任务\n{LONG}")
    df = parse_clauses(text, doc_id="w")
    parts = dict(zip(df["clause_id"], df["part"], strict=True))
    assert parts["w:一"] == "notice" and parts["w:attached"] == "attachment"
    # the attached document's outline starts again at level 1
    att = df[df["part"] == "attachment"]
    assert att.loc[att["kind"] != "front", "level"].tolist() == [1, 1]


def test_appendix_after_the_policy_text():
    text = ("为推进工作,制定本办法。\n一、考评对象\n内容。\n二、考评方式\n内容。\n"
            f"附件\n考评指标\n一、政务服务(25分)\n1.平台建设。{LONG}\n二、政府治理(25分)\n2.监管。{LONG}")
    df = parse_clauses(text, doc_id="a")
    top = df[(df["level"] == 1) & (df["part"] == "body")]
    assert top["heading"].tolist() == ["考评对象", "考评方式"]
    assert df.set_index("clause_id").loc["a:appendix", "heading"] == "附件"
    assert (df.loc[df["char_start"] >= text.index("附件"), "part"] == "appendix").all()


def test_issuing_phrase_after_the_outline_is_not_a_wrapper():
    text = "各单位:\n一、总体要求\n内容。\n二、任务\n请认真贯彻执行。"
    lines = split_lines(text)
    labels = [(text.index("一、"), 1), (text.index("二、"), 2)]
    assert document_parts(text, lines, labels, rules=load_structure_rules()) == Parts()


def test_part_of_an_offset():
    p = Parts(attachment=10, appendix=50)
    assert [p.part(x) for x in (0, 10, 49, 50)] == ["notice", "attachment", "attachment",
                                                    "appendix"]
    assert Parts().part(5) == "body"


def test_reply_then_attached_points_after_the_signature():
    # a reply with its own items, signed and dated, then the attached document
    text = ("某大学:\n一、原则同意试点方案。\n二、加强组织领导。\n交通运输部\n2022年9月20日\n"
            f"试点任务要点\n一、公共交通技术研究\n{LONG}\n二、人才培养\n{LONG}")
    df = parse_clauses(text, doc_id="r")
    top = df[(df["level"] == 1) & (df["part"] == "attachment")]
    assert top["heading"].tolist() == ["公共交通技术研究", "人才培养"]
    assert (df.loc[df["char_start"] < text.index("试点任务要点"), "part"] == "notice").all()


def test_table_of_contents_lines_are_not_headings():
    text = ("目录\n一、总体要求........3\n二、重点任务……5\n"
            "一、总体要求\n内容。\n二、重点任务\n内容。")
    df = parse_clauses(text, doc_id="t")
    assert df.loc[df["level"] == 1, "char_start"].tolist() == [
        text.index("一、总体要求\n"), text.index("二、重点任务\n")]


def test_notice_formula_marks_a_notice_with_several_attachments():
    # no addressee line: the formula 有关事项通知如下 says the text is a notice; its own
    # list of attachments (附件: 1. 2.) stays in the notice, the first attached document
    # is the attachment and the second an appendix
    text = ("为做好数据工作,有关事项通知如下:\n一、提高认识\n内容。\n二、抓好落实\n内容。\n"
            "附件:\n1.数据工作方案\n2.申报表\n某局\n2023年3月1日\n"
            f"附件1\n数据工作方案\n一、目标\n{LONG}\n二、任务\n{LONG}\n"
            f"附件2\n申报表\n一、基本信息\n{LONG}\n二、申报内容\n{LONG}")
    df = parse_clauses(text, doc_id="w")
    att = df[(df["part"] == "attachment") & (df["level"] == 1)]
    assert att["heading"].tolist() == ["目标", "任务"]
    notice = df[(df["part"] == "notice") & (df["level"] == 1)]
    assert notice["heading"].tolist() == ["提高认识", "抓好落实"]
    assert (df.loc[df["heading"] == "基本信息", "part"] == "appendix").all()


def test_without_notice_formula_the_outline_is_the_body():
    text = ("为做好数据工作,制定本方案。\n一、提高认识\n内容。\n二、抓好落实\n内容。\n"
            f"附件\n申报表\n一、基本信息\n{LONG}\n二、申报内容\n{LONG}")
    df = parse_clauses(text, doc_id="w")
    assert df.loc[df["part"] == "body", "heading"].tolist()[1:] == ["提高认识", "抓好落实"]


def test_a_form_after_the_policy_text_is_an_appendix():
    # a call guide, then a form under its own title whose numbering starts again
    text = ("申报指南\n一、范围\n" + LONG + "\n二、任务\n" + LONG + "\n揭榜任务书\n"
            "一、任务介绍\n填写任务名称。\n二、现有基础\n填写基础。")
    df = parse_clauses(text, doc_id="f")
    body = df[df["part"] == "body"]
    assert body.loc[body["level"] == 1, "heading"].tolist() == ["范围", "任务"]
    assert df.loc[df["part"] == "appendix", "heading"].tolist()[:2] == ["揭榜任务书", "任务介绍"]
    # a title alone that names no form keeps the outline going
    df = parse_clauses(text.replace("揭榜任务书", "第二部分"), doc_id="g", warn=False)
    assert (df["part"] == "body").all()


def test_a_further_document_after_the_appendices():
    # a regulation, its appended form, the closing 印发 line, then another document
    # addressed 各…: with an outline of its own
    text = ("第一章 总则\n第一条 为规范管理,制定本办法。\n第二章 附则\n"
            "第二条 本办法自印发之日起施行。\n附件1\n申请表\n一、单位名称\n二、联系人\n"
            "某局办公室 2022年3月10日印发\n"
            "各省、自治区、直辖市有关部门:\n为推动发展,提出以下意见。\n一、总体要求\n"
            + LONG + "\n二、重点任务\n" + LONG)
    df = parse_clauses(text, doc_id="w", warn=False)
    policy = df[df["part"] == "body"]
    assert policy.loc[policy["level"] == 1, "heading"].tolist() == [
        "总则", "附则", "总体要求", "重点任务"]
    assert df.loc[df["part"] == "appendix", "heading"].tolist()[:2] == ["附件1", "单位名称"]
    # without the closing line the addressee line stays in the appendix
    df = parse_clauses(text.replace("某局办公室 2022年3月10日印发\n", ""), doc_id="x", warn=False)
    assert df.loc[df["part"] == "body", "level"].eq(1).sum() == 2


def test_an_appended_table_after_the_policy_text():
    # a 附表 whose rows are numbered 1, 2 … again is an appendix, not more items of 三、
    text = ("一、总体要求\n内容。\n二、重点任务\n1.甲。内容。\n2.乙。内容。\n"
            "三、保障措施\n1.丙。内容。\n附表1 重点任务分工表\n"
            "序号 任务 牵头单位\n1 建设 市局\n2 推进 市委")
    df = parse_clauses(text, doc_id="t", warn=False)
    body = df[df["part"] == "body"]
    assert body.loc[body["level"] == 2, "heading"].tolist() == ["甲", "乙", "丙"]
    assert (df.loc[df["char_start"] >= text.index("附表1"), "part"] == "appendix").all()


#: a notice issuing two documents, its list of attachments before its signature
TWO_ISSUED = ("关于印发某市若干措施和某市资金管理办法的通知\n各区人民政府:\n"
              "《某市若干措施》《某市资金管理办法》已经市政府同意,现印发给你们,请认真贯彻执行。\n"
              "附件:1.某市若干措施\n　　　2.某市资金管理办法\n某市人民政府办公室\n2024年3月8日\n"
              "附件1\n某市若干措施\n一、夯实基础\n内容。\n二、做强产业\n内容。\n"
              "附件2\n某市资金管理办法\n一、总则\n" + LONG + "\n二、职责分工\n" + LONG)


def test_the_list_of_attachments_in_the_notice_is_no_outline():
    df = parse_clauses(TWO_ISSUED, doc_id="t")
    top = df[(df["level"] == 1) & (df["part"] == "attachment")]
    assert top["heading"].tolist() == ["夯实基础", "做强产业", "总则", "职责分工"]
    assert not df["heading"].str.contains("资金管理办法$").any()


def test_a_second_document_the_notice_issues_is_policy_text_not_an_appendix():
    df = parse_clauses(TWO_ISSUED, doc_id="t")
    assert "appendix" not in set(df["part"])
    # a 附件2 the notice does not name in 《》 or in its title stays an appendix
    other = TWO_ISSUED.replace("附件2\n某市资金管理办法\n", "附件2\n申报材料清单\n")
    assert "appendix" in set(parse_clauses(other, doc_id="t")["part"])


def test_a_notice_with_its_own_outline_keeps_named_attachments_as_appendices():
    text = ("关于开展试点的通知\n各有关单位:\n有关事项通知如下:\n一、试点内容\n"
            "详见《试点方案》(附件1)和《申报指南》(附件2)。\n二、工作要求\n内容。\n附件1\n试点方案\n一、目标\n内容。\n"
            "二、任务\n内容。\n附件2\n申报指南\n一、条件\n" + LONG + "\n二、材料\n" + LONG)
    df = parse_clauses(text, doc_id="c")
    outline = df[(df["level"] == 1) & df["part"].isin(["attachment", "body"])]
    assert "条件" not in outline["heading"].tolist()


def test_a_title_named_outside_the_issuing_sentence_is_not_issued():
    # the notice issues one document and asks for a report on another: 附件2 is an appendix
    text = ("关于印发某市若干措施的通知\n各区人民政府:\n"
            "现将《某市若干措施》印发给你们,请认真贯彻执行。\n"
            "请各区于年底前将《某市资金管理办法》执行情况报市财政局。\n"
            "某市人民政府办公室\n2024年3月8日\n"
            "附件1\n某市若干措施\n一、夯实基础\n内容。\n二、做强产业\n内容。\n"
            "附件2\n某市资金管理办法\n一、总则\n" + LONG + "\n二、职责分工\n" + LONG)
    df = parse_clauses(text, doc_id="t")
    assert (df.loc[df["char_start"] >= text.index("附件2"), "part"] == "appendix").all()
    # named in the issuing sentence, it is issued policy text
    issued = text.replace("《某市若干措施》印发", "《某市若干措施》《某市资金管理办法》印发")
    assert "appendix" not in set(parse_clauses(issued, doc_id="t")["part"])
    # or named at the start of the sentence before the issuing one
    before = text.replace("现将《某市若干措施》印发给你们",
                          "《某市若干措施》《某市资金管理办法》已经市政府同意。现印发给你们")
    assert "appendix" not in set(parse_clauses(before, doc_id="t")["part"])


def test_an_issued_title_in_quotes_or_with_a_trial_qualifier_is_matched():
    for line in ("附件2：《某市资金管理办法》", "附件2：某市资金管理办法（试行）",
                 "附件2：某市资金管理办法(暂行)"):
        text = TWO_ISSUED.replace("附件2\n某市资金管理办法\n", line + "\n")
        assert "appendix" not in set(parse_clauses(text, doc_id="t")["part"]), line
    # the notice names it with its qualifier, the 附件 line without
    text = TWO_ISSUED.replace("《某市资金管理办法》已经", "《某市资金管理办法（试行）》已经")
    assert "appendix" not in set(parse_clauses(text, doc_id="t")["part"])


def test_a_short_second_document_with_a_flat_outline_is_not_closing_matter():
    # 附件2's 一、 sections have no (一) items and little text: still its own outline
    text = TWO_ISSUED.replace("一、总则\n" + LONG + "\n二、职责分工\n" + LONG,
                              "一、总则\n为规范资金管理,制定本办法。\n二、职责分工\n"
                              "市财政局负责资金管理。\n三、附则\n本办法自发布之日起施行。")
    df = parse_clauses(text, doc_id="t")
    assert "back" not in set(df["kind"])
    top = df[(df["level"] == 1) & (df["part"] == "attachment")]
    assert top["heading"].tolist() == ["夯实基础", "做强产业", "总则", "职责分工", "附则"]
    # a closing list of attachments numbered 1. 2. (no sentence) stays closing matter
    points = ("1.加强组织领导。内容。\n2.强化资金保障。内容。\n某市科学技术局\n2024年3月8日\n"
              "附件\n1.项目申报表\n2.项目汇总表")
    df = parse_clauses(points, doc_id="p")
    assert df["label"].tolist()[:2] == ["1.", "2."] and df["kind"].iloc[-1] == "back"
    assert len(df[df["label"] != ""]) == 2


def _top_labels(text: str) -> tuple[pd.DataFrame, list[str]]:
    df = parse_clauses(text, doc_id="t")
    return df, df.loc[(df["level"] == 1) & df["kind"].isin(["heading", "clause"]),
                      "label"].tolist()


def _issuing(titles: list[str], listed: str, docs: list[str]) -> str:
    """A notice issuing ``titles`` (its 附件 list ``listed``, maybe empty), then ``docs``."""
    named = "".join(f"《{t}》" for t in titles)
    return (f"某局关于印发{len(titles)}项制度的通知\n各单位：\n现将{named}印发给你们，"
            f"请认真贯彻执行。\n{listed}某局\n2024年6月3日\n" + "".join(docs))


def test_a_document_of_one_numbering_after_a_document_of_chapters_is_its_own_outline():
    # 附件一 a 办法 of chapters and articles, 附件二 and 附件三 numbered 一、: after the
    # chapters, the 一、 items start a document, not closing matter
    text = _issuing(["某某办法", "某某方案", "某某细则"],
                    "附件：一、某某办法\n　　　二、某某方案\n　　　三、某某细则\n", [
        "附件一\n某某办法\n第一章　总　　则\n第一条　为了规范管理，制定本办法。\n"
        "第二章　附　　则\n第二条　本办法自印发之日起施行。\n",
        "附件二\n某某方案\n一、工作任务\n全年完成抽检任务。\n二、工作要求\n各单位要高度重视。\n",
        "附件三\n某某细则\n一、适用情形\n存在隐患的，可以约谈。\n二、约谈程序\n约谈前应当书面通知。"])
    df, top = _top_labels(text)
    assert top == ["第一章", "第二章", "一、", "二、", "一、", "二、"]
    assert "back" not in set(df["kind"]) and "appendix" not in set(df["part"])


def test_a_notice_issuing_four_documents_gives_each_its_own_outline():
    # a 规定 of articles only, then a table, then a 方案 of 一、: the 方案's 一、 items
    # are not nested under the last article, nor the table's rows items of the outline
    text = _issuing(["某某办法", "某某规定", "某某名单", "某某方案"], "", [
        "附件1：某某办法\n一、适用范围\n本办法适用于本县。\n二、备案程序\n检查前应当备案。\n",
        "附件2：某某规定\n第一条　为处理投诉，制定本规定。\n第二条　本规定自印发之日起施行。\n",
        "附件3：某某名单\n序号\t姓名\t单位\n1\t张三\t某某公司\n2\t李四\t某某商会\n",
        "附件4：某某方案\n一、评价范围\n县乡村三级政务服务。\n二、评价方式\n现场评价和线上评价。"])
    df, top = _top_labels(text)
    assert top == ["一、", "二、", "第一条", "第二条", "一、", "二、"]
    assert set(df["part"]) == {"notice", "attachment"}
    lines = split_lines(text)
    parts = document_parts(text, lines, [(text.index(x), 1) for x in (
        "一、适用", "第一条", "一、评价")], rules=load_structure_rules())
    # the table's rows are no labels: the third region opens at the table's 附件 line
    assert parts.further == text.index("附件2") and parts.more == (text.index("附件3"),)
    assert parts.region(text.index("二、评价")) == "further2"


def test_each_further_document_has_a_clause_id_of_its_own():
    # three documents without titles on the 附件 lines: the second and third open rows
    # ``further`` and ``further2``, as the regions are named
    listed = "附件：1.某某办法\n2.某某方案\n3.某某细则\n"
    text = _issuing(["某某办法", "某某方案", "某某细则"], listed, [
        "附件1\n某某办法\n一、适用范围\n本办法适用于本县。\n二、备案程序\n检查前应当备案。\n",
        "附件2\n某某方案\n一、工作任务\n全年完成抽检任务。\n二、工作要求\n各单位要高度重视。\n",
        "附件3\n某某细则\n一、适用情形\n存在隐患的，可以约谈。\n二、约谈程序\n约谈前应当书面通知。"])
    df = parse_clauses(text, doc_id="t")
    assert df["clause_id"].is_unique
    fronts = df.loc[df["kind"] == "front", "clause_id"].tolist()
    assert fronts == ["t:front", "t:further", "t:further2"]
    # the four-document notice likewise
    text = _issuing(["某某办法", "某某规定", "某某名单", "某某方案"], "", [
        "附件1：某某办法\n一、适用范围\n本办法适用于本县。\n二、备案程序\n检查前应当备案。\n",
        "附件2：某某规定\n第一条　为处理投诉，制定本规定。\n第二条　本规定自印发之日起施行。\n",
        "附件3：某某名单\n序号\t姓名\t单位\n1\t张三\t某某公司\n2\t李四\t某某商会\n",
        "附件4：某某方案\n一、评价范围\n县乡村三级政务服务。\n二、评价方式\n现场评价和线上评价。"])
    assert parse_clauses(text, doc_id="t")["clause_id"].is_unique


def test_the_last_item_before_an_appendix_keeps_its_kind():
    # the text after 第四条 up to the appendix's 一、 holds the 附件 line, which is the
    # appendix's: the article is a clause with text of its own, not a heading
    law = ("某某市某某管理办法\n第一章　总　　则\n第一条　为了规范管理，制定本办法。\n"
           "第二章　附　　则\n第二条　本办法自2024年1月1日起施行。\n")
    plan = "某某方案\n一、总体要求\n坚持稳中求进。\n二、本方案自印发之日起施行。\n"
    appendix = ("附件：某某申请表\n一、填表说明\n申请人应当如实填写。\n"
                "二、报送时间\n每年十二月底前报送。")
    for text, last in ((law + appendix, "第二条"), (plan + appendix, "二、")):
        df = parse_clauses(text, doc_id="t")
        row = df[(df["label"].str.strip() == last) & (df["part"] == "body")]
        assert row["kind"].tolist() == ["clause"], last
        assert countable(row).tolist() == [True], last
        assert "appendix" in set(df["part"])


#: a call for applications: its own outline, a list of attachments, then two forms whose
#: fields are numbered 一、
CALL = ("关于组织申报科技计划项目的通知\n各有关单位：\n现就有关事项通知如下：\n"
        "一、申报范围\n（一）重点研发计划。支持关键技术攻关。\n（二）成果转化计划。支持成果转化。\n"
        "二、申报条件\n申报单位应为本市企业。\n三、联系方式\n联系人：某某，电话：0000－23456789。\n"
        "附件：1.科技计划项目申报书\n　　　2.科技计划项目推荐汇总表\n某市科学技术局\n"
        "2024年9月20日\n附件1\n科技计划项目申报书\n项目名称：\n一、项目基本情况\n"
        "项目名称\t计划类别\n二、项目内容\n（一）立项依据\n（二）研究内容\n三、经费预算\n"
        "附件2\n科技计划项目推荐汇总表\n序号\t项目名称\t申报单位\n1\t\t\n")


def test_an_attached_form_after_a_notice_with_its_own_outline_is_an_appendix():
    df = parse_clauses(CALL, doc_id="c")
    policy = df[df["part"].isin(["body", "attachment"]) & (df["level"] == 1)]
    assert policy["heading"].tolist() == ["申报范围", "申报条件", "联系方式"]
    assert set(df.loc[df["heading"] == "项目基本情况", "part"]) == {"appendix"}


def test_an_attached_document_after_a_notice_with_its_own_outline_is_the_attachment():
    # the same notice, the attached text a plan: the plan is the policy text
    text = CALL.replace("科技计划项目申报书\n项目名称：",
                        "科技计划项目管理办法\n为规范管理，制定本办法。")
    df = parse_clauses(text, doc_id="c")
    att = df[(df["part"] == "attachment") & (df["level"] == 1)]
    assert att["heading"].tolist() == ["项目基本情况", "项目内容", "经费预算"]
    # the notice's list of attachments (附件：1.…) is the notice's, not the attachment's
    first = df[df["part"] == "attachment"].iloc[0]
    assert not first["text"].startswith("附件：1.")


def test_a_form_before_an_attached_document_is_an_appendix_and_the_document_the_attachment():
    # 附件1 a form, 附件2 a plan: the form is an appendix, the plan the policy text
    text = CALL.replace("2.科技计划项目推荐汇总表", "2.科技计划项目实施方案").replace(
        "附件2\n科技计划项目推荐汇总表\n序号\t项目名称\t申报单位\n1\t\t\n",
        "附件2\n科技计划项目实施方案\n为推进实施，制定本方案。\n一、总体要求\n坚持需求导向。\n"
        "二、重点任务\n（一）完善机制。健全工作机制。\n")
    df = parse_clauses(text, doc_id="c")
    assert set(df.loc[df["heading"] == "项目基本情况", "part"]) == {"appendix"}
    att = df[(df["part"] == "attachment") & (df["level"] == 1)]
    assert att["heading"].tolist() == ["总体要求", "重点任务"]
    assert set(df.loc[df["heading"] == "申报范围", "part"]) == {"notice"}
    assert df["clause_id"].is_unique


def test_an_attached_document_right_after_the_list_of_attachments_is_the_attachment():
    # a notice with its own outline, 附件：1.… and the document at once (no date, no 附件1)
    notice = ("关于印发某某实施方案的通知\n各区人民政府：\n现就有关事项通知如下：\n一、提高认识\n"
              "各区要高度重视。\n二、抓好落实\n各区要抓好落实。\n")
    plan = "某某实施方案\n一、总体要求\n坚持稳中求进。\n二、重点任务\n（一）发展产业。内容。\n"
    for listing in ("附件：1.某某实施方案\n", "附件：1.某某实施方案\n　　　2.某某任务清单\n",
                    "附件：1.某某实施方案\n（此件公开发布）\n"):
        df = parse_clauses(notice + listing + plan, doc_id="n")
        assert df.loc[df["level"] == 1, "part"].tolist() == ["notice"] * 2 + ["attachment"] * 2
        first = df[df["part"] == "attachment"].iloc[0]
        assert first["text"].startswith("某某实施方案")
