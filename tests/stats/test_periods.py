import pandas as pd
import pytest

from analysis.stats.periods import (
    add_period,
    choose_grouping,
    five_year_plans,
    group_sizes,
    parse_time_bins,
    period_labels,
)


def test_five_year_plans_cover_consecutive_years():
    plans = five_year_plans()
    assert (plans["start"].iloc[1:].to_numpy() == plans["end"].iloc[:-1].to_numpy() + 1).all()
    assert plans.set_index("name_zh").loc["十五五", "start"] == 2026


def test_fyp_labels_sort_in_time_order():
    labels = period_labels([2025, 2006, 2016, 2011], bins="fyp").tolist()
    assert labels == ["2021–2025 十四五", "2006–2010 十一五", "2016–2020 十三五",
                      "2011–2015 十二五"]
    assert sorted(labels) == [labels[1], labels[3], labels[2], labels[0]]


def test_fyp_labels_in_english():
    assert period_labels([2022], bins="fyp", english=True).tolist() == ["2021–2025 14th FYP"]


def test_cut_points_start_each_period():
    labels = period_labels([2010, 2012, 2015, 2016, 2020, 2021, 2024], bins="2012,2016,2021")
    assert labels.tolist() == ["2010–2011", "2012–2015", "2012–2015", "2016–2020",
                               "2016–2020", "2021–2024", "2021–2024"]


def test_missing_year_gives_missing_period():
    labels = period_labels([2012, None], bins="fyp")
    assert labels.iloc[0] == "2011–2015 十二五" and labels.iloc[1] is None


def test_parse_time_bins_rejects_words():
    with pytest.raises(ValueError, match="cut years"):
        parse_time_bins("early,late")


def test_user_plan_file(tmp_path):
    f = tmp_path / "plans.csv"
    f.write_text("name_zh,name_en,start,end\n甲,A,2000,2009\n乙,B,2010,2019\n", encoding="utf-8")
    plans = five_year_plans(f)
    assert period_labels([2005, 2015], bins="fyp", plans=plans).tolist() == ["2000–2009 甲",
                                                                             "2010–2019 乙"]


def test_add_period_needs_year():
    with pytest.raises(ValueError, match="year"):
        add_period(pd.DataFrame({"doc_id": ["a"]}))


def test_choose_grouping_skips_single_valued_and_too_many():
    docs = pd.DataFrame({"doc_id": list("abcd"), "era": ["2020s"] * 4,
                         "level": ["central", "central", "provincial", "provincial"]})
    assert choose_grouping(docs) == "level"
    assert choose_grouping(docs, max_groups=1) is None


def test_group_sizes_drop_empty_values():
    docs = pd.DataFrame({"doc_id": list("abc"), "level": ["central", "", "central"]})
    t = group_sizes(docs, by="level")
    assert t[["group", "n_docs", "doc_id"]].values.tolist() == [["central", 2, "a;c"]]
