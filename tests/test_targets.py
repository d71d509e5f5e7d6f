"""Quantitative targets: a hand-read gold set over the five documents, the tricky forms
on literal strings, the comparison table and figure, and robustness on arbitrary text."""

from __future__ import annotations

import csv
import math
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.targets import (
    COMPARISON_COLUMNS,
    TARGET_COLUMNS,
    compare_targets,
    extract_targets,
    load_indicator_mapping,
    targets_from_text,
)

GOLD = Path(__file__).parent / "data" / "targets_gold.csv"


def _gold_rows() -> list[dict[str, str]]:
    with open(GOLD, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def targets(corpus):
    return extract_targets(corpus)


def _row_at(targets, corpus, doc_id: str, anchor: str, number: str):
    text = corpus.text(doc_id)
    assert text.count(anchor) == 1, f"gold anchor {anchor!r} is not unique in {doc_id}"
    start = text.index(anchor) + anchor.index(number)
    hit = targets[(targets.doc_id == doc_id) & (targets.char_start == start)]
    assert len(hit) == 1, f"{doc_id}: no extracted number at {anchor!r}"
    return hit.iloc[0]


def _same(got, want: str) -> bool:
    if want == "":
        return got is None or got is pd_na() or (isinstance(got, float) and math.isnan(got))
    return math.isclose(float(got), float(want), rel_tol=1e-6)


def pd_na():
    import pandas as pd

    return pd.NA


def test_gold_set_covers_every_document():
    rows = _gold_rows()
    assert len(rows) >= 25
    assert {r["doc_id"] for r in rows} == {
        "chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022", "jiayuguan_2020"}


@pytest.mark.parametrize("gold", _gold_rows(), ids=lambda g: f"{g['doc_id']}:{g['anchor']}")
def test_gold_target(targets, corpus, gold):
    row = _row_at(targets, corpus, gold["doc_id"], gold["anchor"], gold["number"])
    assert row.kind == gold["kind"]
    assert row.unit == gold["unit"]
    assert row.comparator == gold["comparator"]
    assert _same(row.value, gold["value"]), row.value
    assert _same(row.value_low, gold["value_low"])
    assert _same(row.value_high, gold["value_high"])
    year = None if row.target_year is pd_na() else int(row.target_year)
    assert year == (int(gold["target_year"]) if gold["target_year"] else None)
    assert bool(row.is_aspiration) == (gold["is_aspiration"] == "True")
    assert bool(row.is_province_level) == (gold["is_province_level"] == "True")
    assert _same(row.baseline_value, gold["baseline_value"]), row.baseline_value
    byear = None if row.baseline_year is pd_na() else int(row.baseline_year)
    assert byear == (int(gold["baseline_year"]) if gold["baseline_year"] else None)
    assert _same(row.multiplier, gold["multiplier"])
    assert (row.year_basis == "annual") == (gold["annual"] == "True")
    assert gold["indicator_contains"] in row.indicator, row.indicator


# ----------------------------------------------------------------------------------------
# the tricky forms, on literal strings


def _one(text: str, year: int | None = 2022, **kw):
    df = targets_from_text(text, year=year, **kw)
    assert len(df) == 1, df[["indicator", "value", "unit"]]
    return df.iloc[0]


def test_full_width_digits_keep_offsets_into_the_text():
    text = "到２０２５年，高新技术企业数量达到１６０家以上。"
    row = _one(text, 2023)
    assert (row.value, row.unit, row.comparator, row.target_year) == (160, "家", "≥", 2025)
    assert row.indicator == "高新技术企业数量"
    assert text[row.char_start:row.char_end] == row.number_text == "１６０"


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("两年内全省财政科技支出比重有明显提高,全社会R&D投入强度达到1.2%以上。", 2020, 2022),
    ("利用三年时间,培养和引进十名中青年科技创新领军人才。", 2012, 2015),
    ("利用3年时间,培养和引进10名中青年科技创新领军人才。", 2012, 2015),
    ("三年内分两批选择3个左右县(市、区)进入试点行列。", 2012, 2015),
    ("经过5年的努力,高新技术企业达到160家以上。", 2020, 2025),
])
def test_relative_time_phrases_count_from_the_document_year(text, year, expected):
    row = _one(text, year)
    assert row.target_year == expected
    assert row.year_basis == "relative"


def test_chinese_numerals_are_read():
    row = _one("利用三年时间,培养和引进十名中青年科技创新领军人才。", 2012)
    assert (row.value, row.unit, row.indicator) == (10, "名", "中青年科技创新领军人才")
    row = _one("研发投入占营业收入比重达到百分之二十以上。")
    assert (row.value, row.unit, row.comparator) == (20, "%", "≥")


def test_doubling_is_recorded_with_the_stated_value_and_implied_baseline():
    row = _one("到2025年,高新技术企业数量比2020年末翻一番达到160家以上。", 2023)
    assert (row.value, row.multiplier, row.baseline_year, row.baseline_value) == (
        160, 2, 2020, 80)
    row = _one("全社会R&D经费支出占地区生产总值比重较2020年末翻两番达到1.2%以上。", 2023)
    assert (row.value, row.multiplier, row.baseline_value) == (1.2, 4, 0.3)
    assert row.indicator == "全社会R&D经费支出占地区生产总值比重"


def test_doubling_without_a_stated_value_is_a_row_of_its_own():
    row = _one("到2025年,高新技术企业数量实现翻一番。", 2023)
    assert (row.value, row.unit, row.multiplier, row.number_text) == (2, "倍", 2, "翻一番")
    assert row.indicator == "高新技术企业数量"


@pytest.mark.parametrize("sep", ["—", "-", "~", "至", "——"])
def test_ranges_give_low_and_high(sep):
    row = _one(f"每年支持50{sep}100名35岁以下的中青年科研骨干创新人才。", 2020)
    assert (row.value_low, row.value_high, row.comparator, row.unit) == (50, 100, "range", "名")
    assert row.year_basis == "annual" and row.target_year is pd_na()
    assert row.indicator == "中青年科研骨干创新人才"


@pytest.mark.parametrize(("phrase", "comparator", "aspiration"), [
    ("达到2%左右", "≈", False),
    ("达到2%以上", "≥", False),
    ("不低于2%", "≥", False),
    ("不少于2%", "≥", False),
    ("力争达到2%", "aspiration", True),
    ("力争达到2%以上", "≥", True),
    ("达到2%", "=", False),
    ("控制在2%以内", "≤", False),
])
def test_comparators(phrase, comparator, aspiration):
    row = _one(f"到2025年,研发经费投入强度{phrase}。")
    assert (row.value, row.unit, row.comparator, bool(row.is_aspiration)) == (
        2, "%", comparator, aspiration)


def test_rankings_use_unit_wei_and_carry_their_subject():
    df = targets_from_text("到2022年,综合科技创新水平在全省排位提升至前4位;"
                           "力争到2025年进入全省前3位。", year=2020)
    assert df[["value", "unit", "comparator", "target_year"]].values.tolist() == [
        [4, "位", "≤", 2022], [3, "位", "aspiration", 2025]]
    assert set(df.indicator) == {"综合科技创新水平全省排位"}
    assert not df.is_province_level.any()  # the city's rank inside the province


def test_province_level_targets_are_flagged():
    row = _one("到2025年,全省高新技术企业达到1500家左右。", 2020, province="甘肃省")
    assert bool(row.is_province_level)
    row = _one("到2022年,甘肃省排位提升至前22位。", 2020, province="甘肃省")
    assert bool(row.is_province_level) and row.comparator == "≤"


def test_support_amounts_are_their_own_kind():
    row = _one("高新技术企业累计最高补助50万元。")
    assert (row.kind, row.value, row.unit, row.comparator) == ("support", 50, "万元", "≤")
    assert row.indicator == "高新技术企业累计补助"


def test_respectively_pairs_subjects_and_amounts():
    df = targets_from_text("市级领军人才和创新团队经认定后,分别给予30万和50万元的经费支持。",
                           year=2022)
    assert df[["kind", "value", "unit", "indicator"]].values.tolist() == [
        ["support", 30, "万元", "市级领军人才经费支持"],
        ["support", 50, "万元", "创新团队经费支持"]]


def test_achievements_with_stated_changes_get_their_baselines():
    df = targets_from_text("十三五末,全市高新技术企业总数达到99家,科技型中小企业总数达到649家,"
                           "比2015年分别增加了87家和477家。", year=2022)
    assert df[["kind", "value", "target_year", "baseline_year", "change_value",
               "baseline_value"]].values.tolist() == [
        ["achievement", 99, 2020, 2015, 87, 12], ["achievement", 649, 2020, 2015, 477, 172]]


def test_from_to_gives_a_baseline():
    row = _one("2019年我市县域创新能力实现了跃升,由原来的26位提升到21位。")
    assert (row.kind, row.value, row.baseline_value, row.unit) == ("achievement", 21, 26, "位")
    assert row.indicator == "县域创新能力排位"


def test_flattened_indicator_table():
    text = ("表1 主要指标\n指标名称 | 2020年基数 | 2025年目标 | 指标属性\n"
            "1.高新技术企业数量(家) | 99 | 130 | 预期性\n"
            "创新支撑 | 2.数字经济核心产业增加值占地区生产总值比重(%) | 1.2 | 2.2左右 | 预期性")
    df = targets_from_text(text, year=2022)
    assert df[["indicator", "value", "unit", "comparator", "target_year", "baseline_value",
               "baseline_year", "year_basis"]].values.tolist() == [
        ["高新技术企业数量", 130, "家", "=", 2025, 99, 2020, "table"],
        ["数字经济核心产业增加值占地区生产总值比重", 2.2, "%", "≈", 2025, 1.2, 2020, "table"]]


def test_annual_and_aspiration_in_one_clause():
    df = targets_from_text("1.实施“扩规计划”,力争每年培育规上工业企业不少于4户,到2025年,"
                           "规上工业企业户数达到70户以上。", year=2020)
    first, second = df.iloc[0], df.iloc[1]
    assert (first.value, first.comparator, first.year_basis, bool(first.is_aspiration)) == (
        4, "≥", "annual", True)
    assert (second.value, second.target_year, bool(second.is_aspiration)) == (70, 2025, False)


def test_time_phrase_from_an_earlier_sentence_and_from_the_section():
    row = _one("——到2022年,初步建成国家创新型城市。嘉峪关工业园区晋级国家高新区,"
               "争取创建省级农业科技园区1个。", 2020)
    assert (row.target_year, row.year_basis, row.comparator) == (2022, "explicit", "aspiration")
    row = _one("三、目标任务\n力争到2015年,基本建成创新体系。\n(一)实施技术创新工程\n"
               "1.实施10个重大技术产业化示范项目。", 2012)
    assert (row.target_year, row.year_basis, row.indicator) == (
        2015, "inherited", "重大技术产业化示范项目")


def test_rates_of_support_and_caps_are_support():
    df = targets_from_text("按照企业研发投入的10%给予后补助,单个企业每年最高200万元。", year=2023)
    assert df[["kind", "value", "unit", "comparator"]].values.tolist() == [
        ["support", 10, "%", "="], ["support", 200, "万元", "≤"]]
    assert df.indicator.iloc[0] == "后补助占企业研发投入比例"


def test_average_annual_growth_holds_until_the_period_end():
    row = _one("到2025年,R&D经费支出年均增长15%以上。", 2023)
    assert (row.value, row.comparator, row.year_basis, row.target_year) == (
        15, "≥", "annual", 2025)


def test_growth_phrase_takes_the_subject_of_the_previous_number():
    df = targets_from_text("2022年全市高新技术企业达到350家,同比增长20.5%。", year=2023)
    assert df[["kind", "indicator", "value"]].values.tolist() == [
        ["achievement", "高新技术企业", 350], ["achievement", "高新技术企业同比增长", 20.5]]


def test_zero_breakthrough():
    row = _one("到2022年,高技术产业增加值实现0的突破。", 2020)
    assert (row.value, row.comparator, row.unit) == (0, ">", "")


@pytest.mark.parametrize("text", [
    "抢抓5G商用机遇,推广3D曲面玻璃。",
    "对R&D经费投入占GDP的比重和财政科技支出占财政支出的比重2个指标进行重点考核。",
    "制定《辛集市科技创新三年行动计划(2018—2020年)》。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "列入第二批河北省创新型县(市、区)试点。",
    "支持科技创新型企业列入省100户企业上市培育工程和300户中小企业融资服务工程。",
    "扩大青年科技基金规模,支持35岁以下的中青年科研骨干。",
    "全面贯彻党的十九大和十九届二中、三中、四中全会精神。",
    "辛政办字〔2022〕22号 2022年7月10日",
    "依托冠靶科技、九元科技、冀雅电子等企业。",
    "每3年奖励一次。",
])
def test_numbers_that_are_not_targets(text):
    assert targets_from_text(text, year=2022).empty


def test_traditional_document_through_normalisation(make_corpus):
    from analysis import load_corpus

    raw = make_corpus({"th": "三、目標任務\n力爭到2015年,全市科學研究與技術開發(R&D)經費占GDP的"
                             "比重達到2%左右,高技術產業增加值占規模以上工業增加值比重達到20%。"},
                      rows=[{"doc_id": "th", "file": "th.txt", "city": "通化市",
                             "year": "2012"}])
    t = extract_targets(load_corpus(raw))
    assert t[["indicator", "value", "comparator", "target_year"]].values.tolist() == [
        ["R&D经费占GDP的比重", 2, "≈", 2015],
        ["高技术产业增加值占规模以上工业增加值比重", 20, "=", 2015]]
    assert "經費" in t.sentence_orig.iloc[0] and "经费" in t.sentence.iloc[0]
    assert t.canonical_id.tolist() == ["rd_intensity", "high_tech_share"]


def test_paragraph_scope_agrees_on_the_gold_documents(corpus, targets):
    para = extract_targets(corpus, scope="paragraph")
    key = ["doc_id", "char_start", "kind", "value", "unit", "comparator", "target_year"]
    merged = targets[key].merge(para[key], how="outer", indicator=True)
    assert (merged["_merge"] == "both").mean() > 0.95


# ----------------------------------------------------------------------------------------
# the corpus table


def test_table_shape_and_types(targets, corpus):
    assert list(targets.columns) == list(TARGET_COLUMNS)
    assert targets.target_id.is_unique
    assert set(targets.kind) == {"target", "achievement", "support"}
    assert str(targets.target_year.dtype) == "Int64"
    for doc_id, sub in targets.groupby("doc_id"):
        text = corpus.text(doc_id)
        orig = corpus.text(doc_id, original=True)
        for row in sub.itertuples():
            assert text[row.char_start:row.char_end] == row.number_text
            a = row.sentence_start
            assert text[a:a + len(row.sentence)] == row.sentence
            assert orig[a:a + len(row.sentence)] == row.sentence_orig
            assert row.sentence_start <= row.char_start


def test_clause_ids_come_from_the_clause_table(targets, corpus):
    from analysis.structure import clause_at, clause_table

    clauses = clause_table(corpus)
    for row in targets.itertuples():
        assert row.clause_id == clause_at(clauses, row.doc_id, row.char_start)
    row = targets[targets.indicator == "全社会R&D经费支出占地区生产总值比重"].iloc[0]
    assert row.clause_id == "chifeng_2023:一/(三)"


def test_every_document_has_targets_and_counts_are_stable(targets):
    counts = targets.groupby("doc_id").size().to_dict()
    assert set(counts) == {"chifeng_2023", "xinji_2022", "tonghua_2012", "yinchuan_2022",
                           "jiayuguan_2020"}
    assert counts["chifeng_2023"] == 4
    assert (targets[targets.doc_id == "yinchuan_2022"].kind == "support").all()
    assert (targets[targets.doc_id == "tonghua_2012"].kind == "target").all()


def test_kinds_filter_and_bad_kind(corpus):
    only = extract_targets(corpus, kinds=["support"])
    assert set(only.kind) == {"support"}
    with pytest.raises(ValueError, match="unknown"):
        extract_targets(corpus, kinds=["goal"])


def test_whole_corpus_is_fast(corpus):
    from analysis.structure import clause_table

    clauses = clause_table(corpus)
    extract_targets(corpus, clauses=clauses)  # warm the rule caches
    t0 = time.perf_counter()
    extract_targets(corpus, clauses=clauses)
    assert time.perf_counter() - t0 < 1.0


# ----------------------------------------------------------------------------------------
# robustness

_CHARS = ("0123456789０１２３４５６７８９.%％/—-~至到年月日内每翻一两三十百番家户个名位件项亿万元人"
          "以上左右不低于少力争达前第比较分别和、,，。;；:|\n ()（）《》“”〔〕高新技术企业全省"
          "市R&D")
_PIECES = ["十三五末", "到2025年", "两年内", "利用3年时间", "翻两番", "最高补助",
           "指标名称 | 2020年基数 | 2025年目标\n", "一、", "(一)", "1."]
_ALPHABET = st.sampled_from([*_CHARS, *_PIECES])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.one_of(st.none(),
                                                                st.integers(1990, 2040)))
def test_never_raises_on_policy_like_text(text, year):
    for scope in ("clause", "paragraph"):
        df = targets_from_text(text, year=year, scope=scope)
        assert list(df.columns) == list(TARGET_COLUMNS)
        for row in df.itertuples():
            assert 0 <= row.char_start < row.char_end <= len(text)
            assert text[row.char_start:row.char_end] == row.number_text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text):
    df = targets_from_text(text, year=2022)
    assert list(df.columns) == list(TARGET_COLUMNS)


def test_rejects_non_text():
    with pytest.raises(TypeError, match="str"):
        targets_from_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scope"):
        targets_from_text("x", scope="sentence")


# ----------------------------------------------------------------------------------------
# mapping, comparison and figure


def test_user_rules_file_and_its_errors(tmp_path):
    from analysis.resources import resource_text

    mine = tmp_path / "rules.toml"
    packaged = resource_text("target_rules.toml")
    mine.write_text(packaged.replace('"倍" = "倍" }', '"倍" = "倍", "支" = "支" }'),
                    encoding="utf-8")
    assert targets_from_text("组建科技特派员服务队10支。", rules=mine).iloc[0].unit == "支"
    assert targets_from_text("组建科技特派员服务队10支。").empty
    mine.write_text(packaged.replace("past_cues =", "past_cue ="), encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules.toml: missing \[kind\] past_cues"):
        targets_from_text("x", rules=mine)


def test_mapping_groups_indicators():
    m = load_indicator_mapping()
    assert m.classify("全社会R&D经费支出占地区生产总值比重", "%")[0] == "rd_intensity"
    assert m.classify("R&D经费占GDP的比重", "%")[0] == "rd_intensity"
    assert m.classify("规上企业R&D经费支出占主营业务收入的比重", "%")[0] == (
        "enterprise_rd_intensity")
    assert m.classify("市级财政科技支出占一般公共预算支出比重", "%")[0] == "fiscal_st_share"
    assert m.classify("高新技术企业数量", "家")[0] == "high_tech_enterprises"
    assert m.classify("新培育高新技术企业", "户")[0] == ""  # new ones are not the stock


def test_user_mapping_file_and_its_errors(tmp_path, targets, corpus):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[indicator]]\nid = "hte"\nzh = "高企"\nmatch = ["高新技术企业"]\n',
                    encoding="utf-8")
    cmp = compare_targets(targets, corpus.documents, mapping=mine)
    assert set(cmp.canonical_id) == {"hte"}
    bad = tmp_path / "bad.toml"
    bad.write_text('[[indicator]]\nid = "x"\nzh = "x"\nmatch = ["("]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="invalid regex"):
        load_indicator_mapping(bad)
    bad.write_text('[[indicator]]\nid = "x"\nzh = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="match"):
        load_indicator_mapping(bad)


@pytest.fixture(scope="module")
def comparison(targets, corpus):
    return compare_targets(targets, corpus.documents)


def test_comparison_lines_up_cities_and_eras(comparison):
    assert list(comparison.columns) == list(COMPARISON_COLUMNS)
    shared = set(comparison.canonical_id)
    assert {"rd_intensity", "high_tech_enterprises", "fiscal_st_share"} <= shared
    rd = comparison[(comparison.canonical_id == "rd_intensity")
                    & (comparison.kind == "target")]
    assert dict(zip(rd.city, rd.value, strict=True)) == {"通化市": 2, "嘉峪关市": 3,
                                                         "赤峰市": 1.2}
    assert set(rd.era) == {"2010s", "2020s"}
    hte = comparison[(comparison.canonical_id == "high_tech_enterprises")
                     & (comparison.kind == "target")]
    assert sorted(hte.value) == [30, 40, 130, 160]  # 1500 is Gansu's, not a city's
    assert not comparison.is_province_level.any()


def test_comparison_can_include_provincial_targets(targets, corpus):
    cmp = compare_targets(targets, corpus.documents, include_province=True)
    assert 1500 in set(cmp[cmp.canonical_id == "high_tech_enterprises"].value)


def test_comparison_errors(targets, corpus):
    with pytest.raises(ValueError, match="documents"):
        compare_targets(targets, corpus.documents.drop(columns=["city"]))
    with pytest.raises(ValueError, match="targets"):
        compare_targets(targets.drop(columns=["unit"]), corpus.documents)


@pytest.mark.parametrize("english", [False, True])
def test_comparison_figure(comparison, english, tmp_path):
    from analysis.plots import save_figure
    from analysis.plots.targets import plot_target_comparison

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_target_comparison(comparison, english=english)
        paths = save_figure(fig, tmp_path / "cmp", formats=("png",))
    drawn = [ax for ax in fig.axes if ax.axison]
    assert len(drawn) == comparison.canonical_id.nunique()
    titles = {ax.get_title() for ax in drawn}
    assert ("R&D intensity (R&D / GDP)" in titles) if english else ("R&D经费投入强度" in titles)
    assert paths[0].stat().st_size > 10_000


def test_figure_rejects_wrong_tables(comparison):
    from analysis.plots.targets import plot_target_comparison

    with pytest.raises(ValueError, match="missing column"):
        plot_target_comparison(comparison.drop(columns=["city"]))
    empty = plot_target_comparison(comparison.iloc[0:0], english=True)
    assert empty.axes[0].texts[0].get_text().startswith("nothing to show: no indicator")
    with pytest.raises(ValueError, match="not in the comparison"):
        plot_target_comparison(comparison, indicators=["nope"])


# ----------------------------------------------------------------------------------------
# build and command line


def test_build_writes_the_targets_tables(built):
    import pandas as pd

    for name in ("targets", "target_comparison"):
        assert (built.out_dir / f"{name}.parquet").is_file()
        csv_df = pd.read_csv(built.out_dir / f"{name}.csv", encoding="utf-8-sig")
        assert len(csv_df) == len(built.tables[name])
    assert (built.out_dir / "targets.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_lists_and_writes(tmp_path, capsys):
    from analysis.cli import main

    out = tmp_path / "t.xlsx"
    assert main(["targets", "--doc", "chifeng_2023", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "高新技术企业数量" in text and "4 numbers in 1 documents" in text
    assert out.is_file()
    assert main(["targets", "--doc", "nope"]) == 2
    assert "unknown document" in capsys.readouterr().err
