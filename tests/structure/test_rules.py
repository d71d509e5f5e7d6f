"""The structure rule file (analysis.structure.rules, resources/structure.toml)."""

from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis.structure import (
    StructureRules,
    clause_table,
    load_structure_rules,
    normalize_unit,
    parse_clauses,
    split_units,
    table_rows,
)


def test_packaged_rules():
    rules = load_structure_rules()
    assert isinstance(rules, StructureRules) and rules.source == "structure.toml"
    assert load_structure_rules(rules) is rules
    assert rules.back_line.search("抄送:市委") and rules.back_line.search("(联系人:张三)")
    assert rules.back_line.search("市政府办公室 2022年9月14日印发")
    assert not rules.back_line.search("(抄送)")  # only the listed words may follow a bracket
    assert rules.org_line.match("银川市科学技术局") and not rules.org_line.match("加强领导。局")
    assert rules.table_caption.match("附表2 指标").group(1) == "附表2"
    assert rules.numeric_cell.match("2.2左右") and not rules.numeric_cell.match("预期性")
    assert "序号" in rules.number_headers and "无" in rules.empty_units


def test_a_user_file_replaces_only_its_keys(tmp_path):
    own = tmp_path / "structure.toml"
    own.write_text('[back_matter]\nline_starts = ["抄送", "备注"]\n', encoding="utf-8")
    text = "一、总则\n内容。\n备注:本方案自印发之日起施行"
    assert parse_clauses(text, doc_id="d")["clause_id"].tolist() == ["d:一"]
    df = parse_clauses(text, doc_id="d", rules=str(own))
    assert df["clause_id"].tolist() == ["d:一", "d:back"]
    rules = load_structure_rules(own)
    assert rules.date_line.match("2023年3月1日")  # the keys it leaves out keep their values


@pytest.mark.parametrize("zero", ["〇", "零", "○", "Ｏ", "O"])
def test_every_zero_of_a_chinese_numeral_year_reads_as_a_year(zero):
    rules = load_structure_rules()
    assert rules.date_line.match(f"二{zero}二三年五月十日")
    assert rules.title_year.sub("", f"二{zero}二三年工作回顾") == "工作回顾"
    assert rules.part_title_time.match(f"二{zero}二四年工作安排")


def test_the_zeros_are_one_list_of_the_rule_file(tmp_path):
    own = tmp_path / "structure.toml"
    own.write_text('[numerals]\nzero_variants = ["〇"]\n', encoding="utf-8")
    rules = load_structure_rules(own)
    assert rules.date_line.match("二〇二三年五月十日")
    assert not rules.date_line.match("二○二三年五月十日")


def test_wrapper_phrases_are_rules(tmp_path):
    text = ("各单位:\n兹将《工作方案》发给你们,望遵照办理。\n某局\n2023年3月1日\n工作方案\n"
            "一、目标\n内容。\n二、任务\n内容。")
    # the packaged phrases do not know this wording: the whole text is one document
    assert set(parse_clauses(text, doc_id="w")["part"]) == {"body"}
    own = tmp_path / "w.toml"
    own.write_text('[wrapper]\nnotice_phrases = ["发给你们"]\n', encoding="utf-8")
    df = parse_clauses(text, doc_id="w", rules=own)
    assert df["part"].tolist() == ["notice", "attachment", "attachment"]
    assert load_structure_rules().toc_line.search("一、总体要求……………3")


def test_damaged_label_patterns_are_rules(tmp_path):
    rules = load_structure_rules()
    assert rules.damaged_first_l2.match("(-)总体要求") and rules.damaged_first_l2.match("（—）目标")
    assert rules.damaged_first_l1.match("、指导思想") and not rules.damaged_first_l1.match("、")
    assert rules.half_bracket.match("12）支持").group(1) == "12"
    assert not rules.half_bracket.match("1) 2)")
    text = "一、任务\n1)甲。\n2)乙。"
    assert parse_clauses(text, doc_id="d")["clause_id"].tolist() == ["d:一", "d:一/1)", "d:一/2)"]
    own = tmp_path / "o.toml"
    own.write_text("[outline]\nhalf_bracket = '^(\\d)\\]'\n", encoding="utf-8")
    assert parse_clauses(text, doc_id="d", rules=own)["clause_id"].tolist() == ["d:一"]


def test_box_toc_and_markup_patterns_are_rules(tmp_path):
    rules = load_structure_rules()
    assert rules.box_line.match("专栏1　重大工程") and rules.box_line.match("专栏三：指标")
    assert not rules.box_line.match("专栏目录")
    assert rules.toc_title.match("目　　录") and not rules.toc_title.match("目录如下")
    assert rules.markup_prefix.match("## 一、总则").end() == 3
    assert rules.markup_suffix.sub("", "重点任务**") == "重点任务"
    text = "一、甲\n（一）乙\n框图一\n1.丙\n2.丁"
    kinds = parse_clauses(text, doc_id="d")["kind"].tolist()
    own = tmp_path / "box.toml"
    own.write_text("[outline]\nbox_line = '^框图'\n", encoding="utf-8")
    own_kinds = parse_clauses(text, doc_id="d", rules=own)["kind"].tolist()
    assert kinds[-2:] == ["clause", "clause"] and own_kinds[-2:] == ["enumeration"] * 2


def test_clause_table_takes_rules(tmp_path, make_corpus):
    corpus = load_corpus(make_corpus({"a": "一、总则\n内容。\n某某科技集团\n2023年3月1日"}))
    # 集团 is no ending of an organisation line: only the date is closing matter
    assert clause_table(corpus).set_index("clause_id").loc["a:back", "text"] == "2023年3月1日"
    own = tmp_path / "mine.toml"
    own.write_text('[signature]\norg_suffixes = ["局", "集团"]\n', encoding="utf-8")
    back = clause_table(corpus, rules=own).set_index("clause_id").loc["a:back", "text"]
    assert back == "某某科技集团\n2023年3月1日"


def test_table_and_unit_rules(tmp_path):
    own = tmp_path / "t.toml"
    own.write_text('[tables]\nnumeric_qualifiers = ["约", "左右", "以上", "以下", "万"]\n'
                   '[units]\nprefixes = ["区"]\ntrailing = ["等", "牵头"]\n', encoding="utf-8")
    cl = parse_clauses("一、目标\n10万 | 20万\n30万 | 40万", doc_id="t")
    assert table_rows(cl)["is_header"].tolist() == [True, False]
    assert table_rows(cl, rules=own)["is_header"].tolist() == [False, False]
    aliases = {"区科技局": "区科技局"}
    assert normalize_unit("科技局", aliases) == "科技局"
    assert normalize_unit("科技局牵头", aliases, rules=own) == "区科技局"
    assert split_units("科技局、无", aliases, rules=own) == ["区科技局"]


@pytest.mark.parametrize(("content", "message"), [
    ('[back_matter]\nline_start = ["抄送"]\n', "unknown key"),
    ('[closing]\nwords = ["抄送"]\n', "unknown section"),
    ('[back_matter]\ndate_line = "(unclosed"\n', "not a valid regular expression"),
    ('[back_matter]\nline_starts = "抄送"\n', "list of non-empty strings"),
    ('[back_matter]\ndate_line = ["x"]\n', "must be a string"),
    ("[back_matter\n", "not valid TOML"),
])
def test_errors_name_the_file_and_the_key(tmp_path, content, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_structure_rules(bad)


def test_a_missing_file():
    with pytest.raises(FileNotFoundError):
        load_structure_rules("no_such_rules.toml")
