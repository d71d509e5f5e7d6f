"""Themes: dictionary, matching, counts per document and clause, tone, era bootstrap,
chi-square, evidence, build tables and figures."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.instruments import load_instruments
from analysis.stats.matrices import word_totals
from analysis.structure import clause_table
from analysis.text.tokenize import get_tokenizer
from analysis.themes import (
    CAVEAT,
    CHI2_COLUMNS,
    ERA_DIFF_COLUMNS,
    ChiSquareResult,
    TermSet,
    chi_square_summary,
    corpus_caveat,
    count_evidence,
    era_difference,
    evidence_clauses,
    evidence_documents,
    format_evidence,
    load_themes,
    load_tone,
    match_terms,
    policy_tone,
    theme_chi_square,
    theme_clauses,
    theme_counts,
    theme_profiles,
    theme_term_table,
    theme_terms,
)
from tests.conftest import DOC_IDS

REQUIRED_THEMES = {
    "talent": ["人才"],
    "funding": ["财政科技", "研发投入"],
    "finance": ["科技金融", "贷款", "基金", "保险", "上市"],
    "platforms": ["平台", "载体", "实验室", "孵化器", "园区"],
    "enterprise": ["企业主体", "高新技术企业", "科技型中小企业"],
    "commercialisation": ["成果转化"],
    "collaboration": ["产学研", "协同", "京津", "东西部"],
    "reform": ["体制机制", "放管服", "容错"],
    "ip": ["知识产权"],
    "agriculture": ["农业", "乡村"],
    "green": ["绿色", "低碳"],
    "digital": ["数字", "人工智能"],
    "opening": ["国际", "对外开放"],
    "party": ["党的领导"],
    "evaluation": ["考核", "评价"],
}


def units_of(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    """A units frame of consecutive clauses of one document."""
    starts = np.cumsum([0, *map(len, texts)])[:-1]
    return pd.DataFrame({"doc_id": doc_id, "clause_id": [f"{doc_id}:{i + 1}" for i in
                                                          range(len(texts))],
                         "text": list(texts), "char_start": starts,
                         "char_end": starts + np.array([len(t) for t in texts])})


@pytest.fixture(scope="module")
def clauses(corpus):
    return clause_table(corpus)


@pytest.fixture(scope="module")
def hits(clauses, tokens):
    return match_terms(clauses, tokens=tokens)


@pytest.fixture(scope="module")
def counts(clauses, tokens, hits, corpus):
    return theme_counts(clauses, tokens=tokens, hits=hits, documents=corpus.documents)


# --------------------------------------------------------------------------- dictionary


def test_dictionary_has_the_required_themes_with_names_and_terms():
    d = load_themes()
    for key, terms in REQUIRED_THEMES.items():
        theme = d[key]
        assert theme.zh and theme.en and theme.zh != theme.en
        assert set(terms) <= set(theme.terms), (key, set(terms) - set(theme.terms))


def test_every_multicharacter_term_is_kept_whole_by_jieba():
    """Themes, instruments and tone: each term is one token in several contexts, so a
    token-level analysis sees the same words the dictionaries count."""
    tok = get_tokenizer()
    terms = (set(load_themes().terms()) | set(load_instruments().terms())
             | {t for ts in load_tone() for t in ts.all_terms()})
    bad = []
    for term in sorted(t for t in terms if len(t) > 1):
        for frame in ("{}", "推动{}。", "支持{}和", "加快{}建设"):
            if term not in [w for w, _, _ in tok.tokenize(frame.format(term))]:
                bad.append((term, frame))
                break
    assert len(terms) > 400
    assert not bad, f"add these to policy_terms.txt: {bad}"


def test_a_users_dictionary_replaces_the_packaged_one(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[theme]]\nkey = "ginseng"\nzh = "人参"\nen = "Ginseng"\nterms = ["人参"]\n',
                 encoding="utf-8")
    c = theme_counts(units_of("发展人参产业,人参加工。"), dictionary=f)
    assert c["theme"].tolist() == ["ginseng"] and c["hits"].tolist() == [2]


@pytest.mark.parametrize("text, message", [
    ('[[theme]]\nkey = "a"\nzh = "甲"\nen = "A"\n', "give at least one entry in `terms`"),
    ('[[theme]]\nkey = "a"\nzh = "甲"\nterms = ["人才"]\n', "`en` is missing"),
    ('[[theme]]\nkey = "a"\nzh = "甲"\nen = "A"\nterms = "人才"\n', "must be a list"),
    ('[[theme]]\nkey = "a"\nzh = "甲"\nen = "A"\nterms = ["x"]\n[[theme]]\nkey = "a"\n'
     'zh = "乙"\nen = "B"\nterms = ["y"]\n', "used twice"),
    ('[dictionary]\nname = "x"\n', r"no \[\[theme\]\] tables"),
    ('[[theme]\nkey = 1', "not valid TOML"),
])
def test_bad_dictionary_files_get_one_clear_error(tmp_path, text, message):
    f = tmp_path / "bad.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        load_themes(f)
    assert "bad.toml" in str(err.value)


# --------------------------------------------------------------------------- matching


def test_longest_term_wins_and_matches_do_not_overlap_within_a_theme():
    ts = TermSet("t", "人才", "Talent", terms=("人才", "科技人才", "才"))
    assert ts.find("引进科技人才和人才") == [(2, 6, "科技人才"), (7, 9, "人才")]


def test_one_phrase_can_hit_several_themes():
    got = match_terms(units_of("鼓励银行开展知识产权质押贷款。"))
    assert {"finance", "ip"} <= set(got["theme"])
    assert got.loc[got["theme"] == "finance", "term"].tolist() == ["银行", "质押", "贷款"]


@pytest.mark.parametrize("text, theme, n", [
    ("市政府金融办牵头", "finance", 0),            # an agency, not finance
    ("市农业农村局、市科技局", "agriculture", 0),    # an agency, not agriculture
    ("不作负面评价,免除相关责任", "evaluation", 0),
    ("达到国际领先水平", "opening", 0),
    ("加强国际科技合作", "opening", 1),
    ("推动新旧动能转化", "commercialisation", 0),
    ("申报国家自然科学基金", "finance", 0),
])
def test_exclusions_mask_contexts_that_are_not_the_theme(text, theme, n):
    got = match_terms(units_of(text))
    assert (got["theme"] == theme).sum() == n


def test_single_character_terms_count_only_as_their_own_token():
    got = match_terms(units_of("坚持党的全面领导,党委要负责。", "发挥政党作用"))
    party = got.loc[got["theme"] == "party"]
    assert party["term"].tolist() == ["党", "党委"]  # 政党 is one token, so 党 is not counted


def test_substring_matching_finds_terms_inside_compounds_token_matching_does_not():
    """The documented choice: jieba keeps 人才引进 and 高层次人才 whole, so token matching
    misses 人才 in them; substring matching counts it."""
    units = units_of("支持人才引进和高层次人才培养,壮大人才队伍。")
    talent = [TermSet("talent", "人才", "Talent", terms=("人才",))]
    assert len(match_terms(units, talent)) == 3
    assert len(match_terms(units, talent, mode="token")) == 0


def test_hit_offsets_point_into_the_document_text(corpus, clauses, hits):
    texts = corpus.documents.set_index("doc_id")["text"]
    sample = hits.sample(200, random_state=1)
    for doc_id, s, e, term in sample[["doc_id", "start", "end", "term"]].itertuples(
            index=False):
        assert texts[doc_id][s:e] == term


# --------------------------------------------------------------------------- counts


def test_counts_per_document_on_a_literal_text():
    units = units_of("引进人才,培养人才。", "支持科技金融,人才人才人才。", "二、保障措施")
    c = theme_counts(units).set_index("theme")
    assert int(c.loc["talent", "hits"]) == 5
    assert int(c.loc["talent", "clauses_with_theme"]) == 2
    assert int(c.loc["talent", "n_clauses"]) == 3
    assert float(c.loc["talent", "clause_share"]) == pytest.approx(2 / 3, abs=1e-6)
    assert int(c.loc["finance", "hits"]) == 1
    n_words = int(c.loc["talent", "n_words"])
    assert n_words > 0
    assert float(c.loc["talent", "per_10k"]) == pytest.approx(5 / n_words * 1e4, abs=1e-5)


def test_clause_share_is_robust_to_one_clause_repeating_a_word():
    once = theme_counts(units_of("人才", "平台")).set_index("theme")
    many = theme_counts(units_of("人才人才人才人才人才", "平台")).set_index("theme")
    assert many.loc["talent", "hits"] == 5 * once.loc["talent", "hits"]
    assert many.loc["talent", "clause_share"] == once.loc["talent", "clause_share"] == 0.5


def test_per_10k_uses_the_word_totals_of_the_token_table(counts, tokens):
    totals = word_totals(tokens)
    per_doc = counts.drop_duplicates("doc_id").set_index("doc_id")["n_words"]
    assert (per_doc == totals.reindex(per_doc.index)).all()
    row = counts.loc[(counts["doc_id"] == "xinji_2022") & (counts["theme"] == "talent")].iloc[0]
    assert row["per_10k"] == pytest.approx(row["hits"] / totals["xinji_2022"] * 1e4, abs=1e-5)


def test_talent_is_a_theme_hit_in_every_document(hits):
    """人才 itself occurs in all five documents, the 2012 one (traditional script) included."""
    per_doc = hits.loc[hits["term"] == "人才"].groupby("doc_id").size()
    assert set(per_doc.index) == set(DOC_IDS)
    assert per_doc["tonghua_2012"] == 29 and per_doc["xinji_2022"] == 108


def test_talent_finance_and_platform_hits_per_document(counts):
    """The numbers reported in the README; a dictionary or parser change shows up here."""
    wide = counts.pivot(index="theme", columns="doc_id", values="hits")
    assert wide.loc["talent"].to_dict() == {"chifeng_2023": 23, "jiayuguan_2020": 52,
                                            "tonghua_2012": 35, "xinji_2022": 166,
                                            "yinchuan_2022": 40}
    assert wide.loc["finance"].to_dict() == {"chifeng_2023": 12, "jiayuguan_2020": 64,
                                             "tonghua_2012": 28, "xinji_2022": 87,
                                             "yinchuan_2022": 29}
    assert wide.loc["platforms"].to_dict() == {"chifeng_2023": 30, "jiayuguan_2020": 69,
                                               "tonghua_2012": 46, "xinji_2022": 223,
                                               "yinchuan_2022": 21}


def test_the_2012_document_has_no_digital_green_or_agriculture_clause(counts):
    c = counts.set_index(["doc_id", "theme"])
    for theme in ("digital", "green", "agriculture"):
        assert c.loc[("tonghua_2012", theme), "hits"] == 0
        assert c.loc[("xinji_2022", theme), "hits"] > 50


def test_clause_shares_skip_headings_unit_cells_and_closing_matter(counts, clauses):
    n = counts.drop_duplicates("doc_id").set_index("doc_id")["n_clauses"]
    assert n.to_dict() == {"chifeng_2023": 24, "xinji_2022": 98, "tonghua_2012": 38,
                           "yinchuan_2022": 26, "jiayuguan_2020": 82}
    assert (n < clauses.groupby("doc_id").size().reindex(n.index)).all()


def test_counts_carry_city_and_era(counts):
    assert {"city", "city_en", "year", "era"} <= set(counts.columns)
    assert counts.loc[counts["doc_id"] == "tonghua_2012", "era"].unique().tolist() == ["2010s"]


def test_theme_clauses_lists_each_clause_once_per_theme(clauses, hits):
    tc = theme_clauses(hits, clauses)
    assert not tc.duplicated(["clause_id", "theme"]).any()
    assert tc["hits"].sum() == len(hits)
    row = tc.loc[(tc["clause_id"] == "yinchuan_2022:三/(二)/三是") & (tc["theme"] == "finance")]
    assert "质押" in row["terms"].iloc[0]


def test_profiles_by_era_average_the_documents(counts):
    prof = theme_profiles(counts, by="era").set_index(["era", "theme"])
    share = counts.loc[counts["era"] == "2020s"].groupby("theme")["clause_share"].mean()
    assert prof.loc[("2020s", "talent"), "value"] == pytest.approx(share["talent"], abs=1e-6)
    assert prof.loc[("2010s", "talent"), "n_docs"] == 1


def test_units_without_the_needed_columns_get_a_clear_error():
    with pytest.raises(ValueError, match=r"missing column.*char_start"):
        theme_counts(pd.DataFrame({"doc_id": ["d"], "clause_id": ["d:1"], "text": ["人才"]}))


# --------------------------------------------------------------------------- tone


def test_tone_on_literal_clauses():
    units = units_of("必须确保资金到位。", "鼓励企业探索,可根据实际情况先行先试。",
                     "坚持可持续发展。")
    t = policy_tone(units).set_index("tone")
    assert t["clauses_with_tone"].to_dict() == {"mandatory": 1, "encouraging": 1,
                                                "permissive": 1}
    assert int(t.loc["permissive", "hits"]) == 2          # 探索 and the token 可, not 可持续
    assert float(t.loc["mandatory", "share"]) == pytest.approx(1 / 3, abs=1e-6)


def test_tone_of_the_real_documents(clauses, tokens):
    t = policy_tone(clauses, tokens=tokens).pivot(index="doc_id", columns="tone",
                                                  values="share")
    assert t.loc["chifeng_2023", "mandatory"] == 0.0       # no 确保/严格/必须/要求 at all
    assert t.loc["xinji_2022", "mandatory"] > 0.1
    assert (t["encouraging"] > t["mandatory"]).all()


# --------------------------------------------------------------------------- comparisons


def test_era_difference_on_a_literal_corpus():
    units = pd.concat([units_of("培养人才", "建设平台", doc_id="a"),
                       units_of("引进人才", "培养人才", doc_id="b")], ignore_index=True)
    diff = era_difference(units, documents={"a": "2010s", "b": "2020s"}, n_boot=500,
                          seed=3).set_index("theme")
    assert diff.loc["talent", "diff"] == 0.5
    assert diff.loc["platforms", "diff"] == -0.5
    assert diff.loc["talent", "ci_low"] <= 0.5 <= diff.loc["talent", "ci_high"]


def test_era_bootstrap_is_reproducible_with_a_seed(clauses, tokens, hits, corpus):
    kw = dict(documents=corpus.documents, hits=hits, tokens=tokens, n_boot=300)
    a = era_difference(clauses, seed=7, **kw)
    b = era_difference(clauses, seed=7, **kw)
    c = era_difference(clauses, seed=8, **kw)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"], c["ci_low"])
    assert a["diff"].equals(c["diff"])  # the point estimate does not depend on the seed


def test_era_difference_of_the_real_corpus(clauses, tokens, hits, corpus):
    d = era_difference(clauses, documents=corpus.documents, hits=hits, tokens=tokens,
                       seed=12).set_index("theme")
    assert (d["group_a"] == "2010s").all() and (d["group_b"] == "2020s").all()
    assert d.loc["digital", "value_a"] == 0.0 and d.loc["digital", "ci_low"] > 0
    assert bool(d.loc["digital", "excludes_zero"])
    assert not d.loc["talent", "excludes_zero"]
    assert d["n_docs_a"].iloc[0] == 1 and d["n_docs_b"].iloc[0] == 4
    assert d["caveat"].iloc[0] == CAVEAT and "five documents are few" in CAVEAT
    per = era_difference(clauses, documents=corpus.documents, hits=hits, tokens=tokens,
                         metric="per_10k", weighting="pooled", n_boot=200)
    assert (per["value_b"] >= 0).all() and per["metric"].eq("per_10k").all()


def test_era_difference_explains_a_missing_grouping(clauses, corpus):
    with pytest.raises(ValueError, match="has 5 values"):
        era_difference(clauses, documents=corpus.documents, by="city")
    with pytest.raises(ValueError, match="documents has no column 'region'"):
        era_difference(clauses, documents=corpus.documents, by="region")


def test_chi_square_matches_scipy_on_a_literal_table():
    from scipy.stats import chi2_contingency

    units = pd.concat([units_of("人才人才人才", "平台", doc_id="a"),
                       units_of("金融金融", "平台平台", doc_id="b")], ignore_index=True)
    r = theme_chi_square(units, permutations=0)
    obs = np.array([[0, 1, 3], [2, 2, 0]])  # finance, platforms, talent (dictionary order)
    order = ["talent", "finance", "platforms"]
    got = r.table.pivot(index="doc_id", columns="theme", values="observed")[order].to_numpy()
    assert got.tolist() == [[3, 0, 1], [0, 2, 2]]
    assert r.statistic == pytest.approx(chi2_contingency(obs, correction=False)[0])
    assert r.dof == 2 and r.permutation_pvalue is None


def test_chi_square_of_the_real_corpus_with_its_caveat(clauses, hits):
    r = theme_chi_square(clauses, hits=hits, permutations=199, seed=12)
    assert r.dof == (5 - 1) * (17 - 1)
    assert r.pvalue < 1e-10
    again = theme_chi_square(clauses, hits=hits, permutations=199, seed=12)
    assert r.permutation_pvalue == again.permutation_pvalue
    # hits cluster within clauses: permuting clauses is far less impressed than the
    # asymptotic test
    assert r.permutation_pvalue > 0.01
    text = r.summary()
    assert "five documents are few" in text and "Cramér's V" in text
    frame = r.to_frame()
    assert list(frame.columns) == list(CHI2_COLUMNS)
    back = ChiSquareResult.from_frame(frame)
    assert back.summary() == r.summary()
    assert (back.n_hits, back.seed, back.permutations) == (r.n_hits, 12, 199)
    assert chi_square_summary(frame) == r.summary()


def test_chi_square_summary_of_an_empty_table_says_why():
    text = chi_square_summary(pd.DataFrame(columns=list(CHI2_COLUMNS)))
    assert text.startswith("No chi-square test") and "two documents" in text
    with pytest.raises(ValueError, match="missing column"):
        chi_square_summary(pd.DataFrame({"doc_id": ["a"]}))


def test_the_caveat_is_written_for_the_corpus(corpus):
    assert corpus_caveat(corpus.documents) == CAVEAT
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "city": ["甲", "甲", "乙"],
                         "era": ["2020s"] * 3})
    text = corpus_caveat(docs)
    assert text.startswith("Caveat: three documents are few. Differences between groups")
    assert "tonghua" not in text and "each city" not in text.lower()


# --------------------------------------------------------------------------- evidence


def test_evidence_lists_exactly_the_hits_behind_a_count(clauses, tokens, counts):
    ev = count_evidence(clauses, doc_id="yinchuan_2022", theme="finance", tokens=tokens)
    n = counts.loc[(counts["doc_id"] == "yinchuan_2022") & (counts["theme"] == "finance"),
                   "hits"].iloc[0]
    assert len(ev) == n
    assert {"clause_id", "term", "left", "match", "right", "quote"} <= set(ev.columns)
    assert (ev["match"] == ev["term"]).all()


def test_evidence_quotes_the_original_script(clauses, tokens, corpus):
    ev = count_evidence(clauses, doc_id="tonghua_2012", theme="科技金融", corpus=corpus,
                  tokens=tokens, term="贷款")
    assert len(ev) >= 1
    assert "【貸款】" in ev["quote"].iloc[0]  # traditional in the original


def test_evidence_clauses_add_up_to_the_count(clauses, tokens, corpus, counts):
    ev = count_evidence(clauses, doc_id=["yinchuan_2022", "tonghua_2012"], theme="finance",
                        tokens=tokens, corpus=corpus.documents)
    quotes = evidence_clauses(ev, clauses, corpus=corpus.documents)
    assert list(quotes.columns) == ["doc_id", "clause_id", "label", "hits", "terms",
                                    "counted", "quote"]
    got = quotes.groupby("doc_id")[["hits", "counted"]].sum()
    want = counts.set_index(["doc_id", "theme"])
    for doc in ("yinchuan_2022", "tonghua_2012"):
        assert got.loc[doc, "hits"] == want.loc[(doc, "finance"), "hits"]
        assert got.loc[doc, "counted"] == want.loc[(doc, "finance"), "clauses_with_theme"]
    heading = quotes.set_index("clause_id").loc["yinchuan_2022:三/(二)"]
    assert not heading["counted"]
    assert heading["quote"] == "(二)促进【科技金融】紧密结合,助力中小企业创新发展"
    big = quotes.set_index("clause_id").loc["tonghua_2012:五/(六)"]
    assert big["hits"] == 25 and "【貸款】" in big["quote"]  # the original script
    assert big["quote"].count("【") == 25
    short = evidence_clauses(ev, clauses, corpus=corpus.documents, context=5)
    cut = short.set_index("clause_id").loc["yinchuan_2022:四/(一)/一是", "quote"]
    assert cut.startswith("…") and cut.endswith("…") and "【金融】" in cut and len(cut) <= 16
    text = format_evidence(quotes)
    assert text.count("\n  ") == len(quotes) and "not counted in the clause share" in text
    assert format_evidence(quotes.iloc[:0]) == "No clause has a hit."


def test_evidence_documents_prefers_yours_and_falls_back_to_the_densest(counts):
    assert evidence_documents(counts, theme="finance", prefer=["yinchuan_2022", "x"]) == [
        "yinchuan_2022"]
    assert evidence_documents(counts, theme="科技金融", prefer="nowhere") == ["jiayuguan_2020"]
    with pytest.raises(ValueError, match="themes: talent"):
        evidence_documents(counts, theme="no such theme")


def test_theme_term_table_breaks_a_count_into_its_terms(hits, counts):
    table = theme_term_table(theme_terms(hits), counts, n=3)
    assert list(dict.fromkeys(table["theme"])) == ["talent", "finance", "platforms"]
    assert len(table) == 3 * 3 * len(DOC_IDS)
    talent = table.loc[(table["theme"] == "talent") & (table["rank"] == 1)].set_index("doc_id")
    assert (talent["term"] == "人才").all()
    assert talent.loc["xinji_2022", "hits"] == 108 and talent.loc["xinji_2022", "theme_hits"] == 166
    assert talent.loc["xinji_2022", "share"] == pytest.approx(108 / 166, abs=1e-6)
    assert {"city", "year", "era"} <= set(table.columns)
    every = theme_term_table(theme_terms(hits), counts, themes=None, n=1)
    assert every["theme"].nunique() == 17
    assert theme_term_table(theme_terms(hits), counts, themes=["nope"]).empty


def test_evidence_for_an_instrument_and_a_tone(clauses, tokens):
    ev = count_evidence(clauses, doc_id="yinchuan_2022", instrument="金融支持", tokens=tokens)
    assert "yinchuan_2022:三/(二)/一是" in set(ev["clause_id"])
    tone = count_evidence(clauses, doc_id="xinji_2022", tone="mandatory", tokens=tokens)
    assert set(tone["term"]) <= {"确保", "严格", "必须", "要求"} and len(tone) > 10


def test_evidence_errors_name_the_choices(clauses):
    with pytest.raises(ValueError, match="exactly one"):
        count_evidence(clauses, theme="talent", tone="mandatory")
    with pytest.raises(ValueError, match="themes: talent"):
        count_evidence(clauses, theme="无此主题")
    with pytest.raises(ValueError, match="not found"):
        count_evidence(clauses, theme="talent", doc_id="nowhere_2020")


# --------------------------------------------------------------------------- build


THEME_TABLES = ["theme_counts", "theme_terms", "theme_clauses", "theme_hits", "theme_era_diff",
                "theme_chi2", "tone"]


def test_build_writes_the_theme_and_tone_tables(built, counts):
    for name in THEME_TABLES:
        assert (built.out_dir / f"{name}.parquet").is_file(), name
        assert (built.out_dir / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert "doc_id" in built.tables[name].columns
    pd.testing.assert_frame_equal(built.tables["theme_counts"].reset_index(drop=True),
                                  counts.reset_index(drop=True))
    diff = built.tables["theme_era_diff"]
    assert diff["seed"].eq(12).all() and diff["n_boot"].eq(2000).all()
    chi2 = pd.read_csv(built.out_dir / "theme_chi2.csv", encoding="utf-8-sig")
    assert chi2["caveat"].str.contains("five documents are few").all()


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize("english", [False, True])
def test_theme_figures_draw_without_missing_glyphs(built, english):
    """Every figure function of the module (the catalog draws those of notebooks 03/04;
    this covers the instrument figures too)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from analysis.plots import themes as tp

    t = built.tables
    figures = [
        tp.plot_theme_heatmap(t["theme_counts"], english=english),
        tp.plot_theme_comparison(t["theme_counts"], english=english),
        tp.plot_theme_terms(theme_term_table(t["theme_terms"], t["theme_counts"]),
                            english=english),
        tp.plot_chi_square_residuals(t["theme_chi2"], t["documents"], english=english),
        tp.plot_era_difference(t["theme_era_diff"], english=english),
        tp.plot_instrument_heatmap(t["instrument_counts"], english=english),
        tp.plot_instrument_types(t["instrument_types"], english=english),
        tp.plot_tone(t["tone"], english=english),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fig in figures:
            FigureCanvasAgg(fig).draw()


def test_empty_tables_draw_a_figure_that_says_why(built):
    from analysis.plots import themes as tp
    from analysis.plots.compare import plot_keyness

    t = built.tables
    for fig in (tp.plot_era_difference(t["theme_era_diff"].iloc[:0], english=True),
                tp.plot_chi_square_residuals(t["theme_chi2"].iloc[:0], english=True),
                tp.plot_theme_terms(theme_term_table(t["theme_terms"], t["theme_counts"],
                                                     themes=["nope"]), english=True),
                plot_keyness(t["keyness_era"].iloc[:0], english=True),
                plot_keyness(t["keyness_era"], target="2030s", english=True)):
        assert fig.axes[0].texts[0].get_text().startswith("nothing to show: ")
    fig = plot_keyness(t["keyness_era"], t["documents"], target="2010s", english=True)
    assert fig._suptitle.get_text() == "Keyness: 2010s vs 2020s"  # "the rest" is the other era


def test_figures_have_titles_and_labels(built):
    from analysis.plots.themes import (
        plot_era_difference,
        plot_instrument_heatmap,
        plot_theme_heatmap,
        plot_tone,
    )

    fig = plot_theme_heatmap(built.tables["theme_counts"], metric="per_10k", english=True)
    ax = fig.axes[0]
    assert "per 10,000 words" in ax.get_title()
    assert next(t.get_text() for t in ax.get_xticklabels()) == "Tonghua\n2012"
    fig = plot_era_difference(built.tables["theme_era_diff"])
    assert "2020s − 2010s" in fig.axes[0].get_title()
    fig = plot_instrument_heatmap(built.tables["instrument_counts"])
    assert len(fig.axes[0].get_yticklabels()) == 16
    fig = plot_tone(built.tables["tone"], english=True)
    assert fig.axes[0].get_ylabel() == "share of clauses using the wording"
    with pytest.raises(ValueError, match="lacks column"):
        plot_tone(built.tables["theme_counts"])


def test_build_on_a_small_user_corpus_with_one_era(make_corpus, tmp_path):
    """Two documents of the same era: theme, tone and instrument tables are written; the
    era comparison is left out (it needs two eras)."""
    from analysis import build

    raw = make_corpus({
        "a_2021": "一、总体要求\n(一)加强人才引进,鼓励银行开展知识产权质押贷款。\n"
                  "(二)建设科技企业孵化器,必须确保资金到位。\n",
        "b_2022": "一、主要任务\n1.支持科技型中小企业发展。\n2.探索建立容错机制,可先行先试。\n",
    })
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = build(raw, tmp_path / "out")
    t = result.tables
    assert t["theme_era_diff"].empty  # written, with its columns, but nothing to compare
    assert list(t["theme_era_diff"].columns) == list(ERA_DIFF_COLUMNS)
    assert t["keyness_era"].empty and "term" in t["keyness_era"].columns
    assert {"theme_counts", "tone", "theme_chi2", "instrument_counts"} <= set(t)
    assert "five" not in t["theme_chi2"]["caveat"].iloc[0]  # this corpus's own caveat
    c = t["theme_counts"].set_index(["doc_id", "theme"])
    assert c.loc[("a_2021", "talent"), "hits"] == 1
    assert c.loc[("a_2021", "finance"), "hits"] == 3        # 银行, 质押, 贷款
    codes = t["instrument_codes"]
    assert "金融支持" in codes.loc[codes["doc_id"] == "a_2021", "instrument"].tolist()
    tone = t["tone"].set_index(["doc_id", "tone"])
    assert tone.loc[("b_2022", "permissive"), "hits"] == 2   # 探索 and 可


# --------------------------------------------------------------------------- fast paths


def _simple_hits(units, sets, **kw):
    from analysis.themes._monolith import _check_units, _match_terms_simple

    kw.setdefault("tokens", None)
    kw.setdefault("tokenizer", None)
    kw.setdefault("code_column", "theme")
    kw.setdefault("mode", "substring")
    return _match_terms_simple(_check_units(units), list(sets), **kw)


@pytest.mark.parametrize("mode", ["substring", "token"])
def test_whole_corpus_matching_equals_clause_by_clause(clauses, tokens, mode):
    """match_terms (whole-corpus regex, token terms in bulk) gives exactly the rows of the
    clause-by-clause TermSet.find path, for the themes and the tone wording."""
    for sets, col in ((load_themes(), "theme"), (load_tone(), "tone")):
        fast = match_terms(clauses, sets, tokens=tokens, mode=mode, code_column=col)
        slow = _simple_hits(clauses, sets, tokens=tokens, mode=mode, code_column=col)
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)
        assert len(fast) > 0


def test_whole_corpus_matching_edge_cases(tokens, corpus):
    """Overlapping units, a document missing from the token table, no token table,
    patterns, overlapping exclude contexts and a term holding the joining character all
    give the clause-by-clause result."""
    sets = [
        TermSet("a", "甲", "A", terms=("人才", "科技人才", "才引"), tokens=("党",),
                exclude=("人才引", "引进人", "科技局")),
        TermSet("b", "乙", "B", terms=("创新",), patterns=(r"到20\d\d年", r"\d+"),
                exclude=("科技局",)),
        TermSet("c", "丙", "C", terms=("企业",), tokens=("可",), exclude=("可持续", "不可")),
        TermSet("d", "丁", "D", terms=("平台",)),
    ]
    doc = corpus.doc_ids[0]
    text = corpus.text(doc)
    units = pd.DataFrame({
        "doc_id": [doc, doc, doc, "zz"],
        "clause_id": ["u1", "u2", "u3", "u4"],
        "text": [text[0:400], text[200:900], text[900:905], "引进科技人才到2025年,可持续,党建123"],
        "char_start": [0, 200, 900, 0], "char_end": [400, 900, 905, 21],
    })
    for mode in ("substring", "token"):
        for toks in (tokens, None):
            fast = match_terms(units, sets, tokens=toks, mode=mode)
            slow = _simple_hits(units, sets, tokens=toks, mode=mode)
            pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    odd = [TermSet("x", "x", "X", terms=("人\x01才", "人才"))]
    pd.testing.assert_frame_equal(match_terms(units, odd), _simple_hits(units, odd),
                                  check_exact=True)
    empty = units.assign(text="")
    pd.testing.assert_frame_equal(match_terms(empty, sets, tokens=tokens),
                                  _simple_hits(empty, sets, tokens=tokens), check_exact=True)
