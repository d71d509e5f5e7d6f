"""Time phrases: explicit years, plan periods, relative and annual phrases, baselines."""

from __future__ import annotations

import pytest

from analysis.targets import targets_from_text
from analysis.targets.context import prepare_text, protected_spans
from analysis.targets.rule_reader import call_stores
from analysis.targets.rules import load_rules
from analysis.targets.times import arabic_years, box_spans, find_times, review_year


def _times(text: str, year: int | None = 2022):
    p = prepare_text(text)
    times, baselines = find_times(p, 0, len(p), load_rules(), year, protected_spans(p))
    return [(t.text, t.year, t.basis, t.tense) for t in times], [p[a:b] for a, b in baselines]


@pytest.mark.parametrize(("text", "expected"), [
    ("到2025年", ("到2025年", 2025, "explicit", "future")),
    ("2025年底前", ("2025年底", 2025, "explicit", "future")),
    ("截至2021年", ("截至2021年", 2021, "explicit", "past")),
    ("2020年", ("2020年", 2020, "explicit", "past")),
    ("十三五末", ("十三五末", 2020, "plan", "past")),
    ("到十四五末", ("到十四五末", 2025, "plan", "future")),
    ("每年", ("每年", None, "annual", "neutral")),
    ("2022年", ("2022年", 2022, "explicit", "neutral")),         # the document's own year
    ("目前", ("目前", 2022, "now", "past")),
    ("两年内", ("两年内", 2024, "relative", "future")),
])
def test_time_phrases(text, expected):
    assert _times(text)[0] == [expected]


@pytest.mark.parametrize("text", [
    "2018—2020年",             # a year range
    "从2012年起",              # a start
    "2012年起",
    "十四五规划",              # a plan's name, not a time
    "每3年",                   # a frequency
    "认定后两年内",            # counted from an event, not from the document
    "在2021年工作基础上",      # what the text builds on
    "《2025年行动计划》",       # inside a title
])
def test_phrases_that_do_not_govern(text):
    assert _times(text)[0] == []


@pytest.mark.parametrize("text", [
    "对首次购买的用户按八五折收费,全年服务企业达到200家。",   # a discount, no plan
    "一九八五年以来,粮食产量达到50亿公斤。",                   # a year in Chinese digits
])
def test_plan_names_inside_numbers_are_no_plan(text):
    assert all(basis != "plan" for _, _, basis, _ in _times(text, 2023)[0])
    assert not targets_from_text(text, year=2023)["target_year"].eq(1995).any()


def test_a_plan_name_quoted_or_with_its_period_stays_a_plan():
    assert _times("“八五”期间", 1996)[0] == [("“八五”期间", 1995, "plan", "past")]
    assert _times("九五期间", 1996)[0] == [("九五期间", 2000, "plan", "future")]


def test_baseline_years_are_set_apart():
    assert _times("比2020年末翻一番") == ([], ["比2020年末"])
    assert _times("较2015年增长")[1] == ["较2015年"]


def test_without_a_document_year():
    assert _times("到2025年,两年内", None)[0] == [("到2025年", 2025, "explicit", "future"),
                                                  ("两年内", None, "relative", "future")]


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("两年内全省财政科技支出比重有明显提高,全社会R&D投入强度达到1.2%以上。", 2020, 2022),
    ("利用三年时间,培养和引进十名中青年科技创新领军人才。", 2012, 2015),
    ("利用3年时间,培养和引进10名中青年科技创新领军人才。", 2012, 2015),
    ("三年内分两批选择3个左右县(市、区)进入试点行列。", 2012, 2015),
    ("经过5年的努力,高新技术企业达到160家以上。", 2020, 2025),
])
def test_relative_time_phrases_count_from_the_document_year(text, year, expected):
    df = targets_from_text(text, year=year)
    assert len(df) == 1
    assert df.target_year.iloc[0] == expected
    assert df.year_basis.iloc[0] == "relative"


def test_a_list_of_years_pairs_with_the_numbers_of_fenbie():
    df = targets_from_text("营收2024年、2025年分别突破2.2万亿元、2.4万亿元。", year=2024)
    assert list(zip(df.value, df.target_year, strict=True)) == [(2.2, 2024), (2.4, 2025)]


def test_a_now_word_that_frames_a_phrase_is_no_time():
    df = targets_from_text("到2025年,在现有试点示范的基础上,再培育100个以上示范企业。",
                           year=2021)
    assert list(zip(df.kind, df.target_year, strict=True)) == [("target", 2025)]
    df = targets_from_text("目前已有示范企业100个。", year=2021)
    assert list(zip(df.kind, df.target_year, strict=True)) == [("achievement", 2021)]


def test_weilai_san_nian_counts_from_the_document_year():
    df = targets_from_text("未来三年,全省培育高新技术企业100家。", year=2024)
    assert df.target_year.tolist() == [2027]


def test_a_year_that_names_a_call_governs_nothing():
    t = targets_from_text("三、2024年度资助研究方向\n2.脑启发模型。实现不少于3种有效映射。",
                          year=2024)
    assert t.target_year.isna().all()


def test_the_general_approach_of_a_year_opens_a_one_year_plan():
    t = targets_from_text("2018年标准化工作的总体思路是:加快标准制定。\n推进术语和定义等6项"
                          "已立项国家标准的研究制定。", year=2018)
    assert list(t.target_year) == [2018]


def test_period_ending_in_the_document_year_has_no_tense():
    times, _ = _times("2021年至2022年6月")
    assert times[-1] == ("至2022年", 2022, "explicit", "neutral")
    assert _times("到2022年底")[0] == [("到2022年底", 2022, "explicit", "future")]


@pytest.mark.parametrize(("text", "expected"), [
    ("到一九八五年", ("到一九八五年", 1985, "explicit", "future")),
    ("一九八二年", ("一九八二年", 1982, "explicit", "past")),
    ("二〇二五年底", ("二〇二五年底", 2025, "explicit", "future")),
    ("一九九○年", ("一九九○年", 1990, "explicit", "future")),
])
def test_years_in_chinese_numerals(text, expected):
    assert _times(text, 1983)[0] == [expected]


def test_chinese_numerals_that_are_no_year_keep_their_length_and_meaning():
    assert arabic_years("十五年内,三千八百多万人,一九八三年") == "十五年内,三千八百多万人,1983年"


@pytest.mark.parametrize("text", ["过去五年", "过去的五年"])
def test_the_past_five_years_report_up_to_the_year_before(text):
    assert _times(text, 2022)[0] == [(text, 2021, "relative", "past")]


def test_a_review_section_gives_its_year_to_results_without_one():
    rules = load_rules()
    p = prepare_text("一、2022年工作回顾\n综合实力提升。地区生产总值增长5%。")
    assert review_year(p, 0, p.index("5%"), rules, 2023, []) == 2022
    p = prepare_text("一、工作回顾\n“十三五”时期是不平凡的五年。\n收入年均增长6.8%。")
    assert review_year(p, 0, p.index("6.8"), rules, 2021, []) == 2020
    # a year inside a paragraph opens nothing
    p = prepare_text("一、工作回顾\n我们认真落实市委部署,对照2020年的目标,收入增长6.8%。")
    assert review_year(p, 0, p.index("6.8"), rules, 2021, []) is None


def test_results_of_a_review_take_its_year_in_the_extracted_table():
    text = ("一、2022年工作回顾\n——地区生产总值增长5.2%。\n"
            "二、2023年工作安排\n地区生产总值增长6%左右。")
    t = targets_from_text(text, year=2023)
    assert t[["kind", "target_year"]].values.tolist() == [["achievement", 2022],
                                                          ["target", 2023]]


def test_a_box_keeps_its_projects_out_of_the_plan_timeline():
    text = ("第三章 主要目标\n到2030年,研发经费投入强度达到3%。\n"
            "专栏1 重大工程\n建设省实验室10家。\n\n第四章 保障措施\n")
    p = prepare_text(text)
    assert [p[s:e] for s, e in box_spans(p, load_rules())] == ["专栏1 重大工程\n建设省实验室10家。"]
    t = targets_from_text(text, year=2026)
    assert t.set_index("value")["target_year"].to_dict() == {3.0: 2030, 10.0: None}


@pytest.mark.parametrize("text", [
    "提前五年实现原定到2000年比1980年翻两番的目标",     # when a goal was once due
    "由2016年的2100亿元增加到3050亿元",                 # a start
])
def test_years_that_name_a_former_goal_or_a_start_govern_nothing(text):
    assert [t for t in _times(text, 1996)[0] if t[1] in (2000, 2016)] == []


def test_a_goal_reached_early_is_reported_in_its_review_year():
    text = "1995年国内生产总值达到57600亿元,提前五年实现原定到2000年比1980年翻两番的目标。"
    t = targets_from_text(text, year=1996)
    assert t[["kind", "target_year"]].drop_duplicates().values.tolist() == [["achievement", 1995]]
@pytest.mark.parametrize(("text", "year"), [
    ("二、发展目标（2024—2026年）\n人工智能核心产业规模达到500亿元。", 2026),
    ("1. 总体目标(2013-2025年)\n高端产品和服务市场占有率提高到50%以上。", 2025),
])
def test_a_goal_heading_with_a_period_gives_its_last_year(text, year):
    assert list(targets_from_text(text, year=2013 if year == 2025 else 2024).target_year) == [
        year]



def test_a_box_ends_at_the_next_heading():
    text = ("第三章 发展目标\n到2025年,研发经费投入强度达到3%。\n(一)创新能力\n"
            "专栏1 重大工程\n建设数据中心3个。\n(二)产业发展\n培育龙头企业20家。")
    t = targets_from_text(text, year=2022)
    assert t.loc[t["value"] == 20, "target_year"].fillna(0).tolist() == [2025]
    p = prepare_text(text)
    assert [p[s:e] for s, e in box_spans(p, load_rules())] == ["专栏1 重大工程\n建设数据中心3个。"]


@pytest.mark.parametrize(("before", "line"), [("1.目标", "2.产业发展"), ("(1)目标", "(2)产业发展"),
                                              ("", "二、产业发展"), ("", "第四节 产业")])
def test_a_box_ends_at_a_heading_that_resumes_the_outline(before, line):
    p = f"{before}\n专栏2 重大工程\n1.建设数据中心3个。\n{line}\n培育龙头企业20家。"
    spans = box_spans(p, load_rules())
    assert [p[s:e] for s, e in spans] == ["专栏2 重大工程\n1.建设数据中心3个。"]


@pytest.mark.parametrize("text", ["专栏报道优秀案例50个。", "专栏文章解读政策,共50篇",
                                  "专栏的设置"])
def test_a_word_starting_with_zhuanlan_opens_no_box(text):
    assert box_spans(text, load_rules()) == []


def test_a_chinese_numeral_year_range_governs_nothing():
    assert _times("一九九一—一九九五年,粮食产量达到5000亿公斤", 1991)[0] == \
        _times("1991—1995年,粮食产量达到5000亿公斤", 1991)[0]
    assert [t for t in _times("一九九一—一九九五年,", 1991)[0] if t[1] == 1995] == []


def test_a_scheduled_project_keeps_its_year():
    t = targets_from_text("项目预定2025年建成投产,新增产能100万吨。", year=2022)
    assert t["target_year"].fillna(0).tolist() == [2025]


def test_the_time_words_of_a_users_rules_file_override_the_packaged_ones(tmp_path):
    from analysis.resources import resource_text

    text = resource_text("target_rules.toml")
    own = tmp_path / "rules.toml"
    key = "goals_set_before = ["
    own.write_text(text.replace(key, key + '"预定", '), encoding="utf-8")
    p = "项目预定2025年建成投产"
    assert [t[1] for t in _times(p)[0]] == [2025]
    times, _ = find_times(p, 0, len(p), load_rules(own), 2022, [])
    assert times == []


def test_box_spans_without_a_box_line():
    assert box_spans("(一)目标\n到2025年,达到5家。\n(二)产业", load_rules()) == []


def test_find_times_in_a_span_without_year_characters():
    p = "到2025年,建设10个平台。"
    times, _ = find_times(p, p.index("建"), len(p), load_rules(), 2022, [])
    assert times == []


def test_numeral_year_pattern_reads_like_a_lookbehind_first():
    # the pattern tests "no digit character before" after its first character; it finds
    # the same years as the plain form would
    import random
    import re

    from analysis.targets.rules import load_rules

    pat = load_rules().numeral_year
    chars = "〇一二三四五六七八九零○ＯO"
    plain = re.compile(f"(?<![{chars}])[{chars}]{{4}}(?=年|[—\\-~][{chars}]{{4}}年)")
    rng = random.Random(11)
    alphabet = [*"一九二〇零年—-~x", "O"]
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert [m.span() for m in pat.finditer(s)] == [m.span() for m in plain.finditer(s)]
    assert arabic_years("一九九一—一九九五年,二〇二一九八五年") == "1991—1995年,二〇二一九八五年"
@pytest.mark.parametrize(("text", "base"), [
    ("比去年增加422亿元", "比去年"),
    ("较上一年增长", "较上一年"),
])
def test_last_year_after_bi_is_a_baseline(text, base):
    assert _times(text) == ([], [base])


def test_last_year_in_a_comparison_leaves_this_years_goal_in_force():
    df = targets_from_text("今年赤字率拟按2.8%安排,比去年预算高0.2个百分点;"
                           "拟安排地方政府专项债券2.15万亿元,比去年增加8000亿元。", year=2019)
    assert df.kind.tolist() == ["target"] * 4
    assert df.target_year.tolist() == [2019] * 4


def test_last_year_as_the_start_of_a_change_governs_nothing():
    assert _times("赤字率从去年的1.5%提高到2%左右", 2013)[0] == []


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("到本世纪末", 1991, 2000),
    ("到本世纪中叶", 2017, 2050),
    ("到本世纪末", 2000, 2000),
])
def test_the_century_words_count_from_the_documents_century(text, year, expected):
    assert _times(text, year)[0][0][1] == expected


def test_jinhou_wu_nian_counts_the_documents_year_as_its_first():
    assert _times("今后五年", 2016)[0] == [("今后五年", 2020, "relative", "future")]
    df = targets_from_text("今后五年,地区生产总值年均增长8%左右。", year=2016)
    assert df.target_year.tolist() == [2020]


def test_a_price_base_year_governs_nothing():
    df = targets_from_text("到本世纪末,国民生产总值按一九九〇年不变价格计算,"
                           "比一九八〇年翻两番,达到1100亿元左右。", year=1991)
    assert list(zip(df.value, df.kind, df.target_year, strict=True)) == [
        (4, "target", 2000), (1100, "target", 2000)]


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("一年来,城镇新增就业12万人。", 2024, ("achievement", 2023)),
    ("五年来,国内生产总值年均增长7.1%。", 2018, ("achievement", 2017)),
    ("今年以来,规模以上工业增加值增长6%。", 2024, ("achievement", 2024)),
    ("“十四五”以来,新增城镇就业300万人。", 2024, ("achievement", 2024)),
    ("今年起,每年新增就业10万人。", 2024, ("target", 2024)),
])
def test_the_year_so_far_and_the_years_behind_are_reported(text, year, expected):
    df = targets_from_text(text, year=year)
    assert list(zip(df.kind, df.target_year, strict=True)) == [expected]


def test_the_full_name_of_an_older_plan_is_its_period():
    assert _times("第二个五年计划期间", 1959)[0] == [
        ("第二个五年计划期间", 1962, "plan", "future")]
    assert _times("第十一个五年规划时期", 2006)[0][0][1] == 2010
    assert _times("第二个五年计划草案", 1956)[0] == []     # a bare name: the document


@pytest.mark.parametrize(("text", "year"), [
    ("从今年起,每年新增企业10家。", 2023),
    ("自明年起,每年新增企业10家。", 2024),
    ("从今年开始,新增企业10家。", 2023),
])
def test_a_relative_year_after_cong_governs_what_follows(text, year):
    assert targets_from_text(text, year=2023).target_year.tolist() == [year]


def test_a_relative_year_after_cong_and_de_starts_a_change():
    df = targets_from_text("赤字率从去年的1.5%提高到2%。", year=2023)
    assert "去年" not in set(df.time_phrase)


def test_shi_before_this_year_makes_no_baseline():
    df = targets_from_text("关键是今年要完成10个项目。", year=2023)
    assert df[["target_year", "time_phrase"]].values.tolist() == [[2023, "今年"]]


def test_the_same_span_in_another_document_reads_its_own_year_and_surroundings():
    # the patterns' matches in a span's text are kept for its next occurrence; the
    # document's year and the text around the span are read at each
    rules = load_rules()
    span = "两年内建成;今年完成"
    with call_stores():
        for _ in range(2):
            for year, before, expected in [
                    (2022, "", [(2024, "relative"), (2022, "relative")]),
                    (2030, "", [(2032, "relative"), (2030, "relative")]),
                    (2022, "认定后", [(2022, "relative")])]:
                p = before + span
                times, _ = find_times(p, len(before), len(p), rules, year, [])
                assert [(t.year, t.basis) for t in times] == expected
