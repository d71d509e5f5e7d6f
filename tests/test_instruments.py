"""Policy instruments: rule file, coding, crosstabs, coding sheet round trip, agreement with
the shipped hand codes, CLI."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis.instruments import (
    NONE_CODE,
    code_instruments,
    coding_sheet,
    cohen_kappa,
    hand_coded,
    instrument_agreement,
    instrument_crosstab,
    instrument_hits,
    load_instruments,
    parse_codes,
    read_coding_sheet,
    write_coding_sheet,
)
from analysis.structure import clause_table
from tests.conftest import DOC_IDS, RAW

TYPES = {
    "supply": ["教育培训", "科技信息支持", "科技基础设施建设", "科技资金投入", "公共服务"],
    "environment": ["目标规划", "金融支持", "税收优惠", "知识产权保护", "法规管制", "策略性措施"],
    "demand": ["政府采购", "服务外包", "贸易管制", "海外机构管理", "应用示范"],
}


def units_of(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    starts = np.cumsum([0, *map(len, texts)])[:-1]
    return pd.DataFrame({"doc_id": doc_id, "clause_id": [f"{doc_id}:{i + 1}" for i in
                                                          range(len(texts))],
                         "text": list(texts), "char_start": starts,
                         "char_end": starts + np.array([len(t) for t in texts])})


def codes_of(text: str) -> list[str]:
    return code_instruments(units_of(text))["instrument"].tolist()


@pytest.fixture(scope="module")
def clauses(corpus):
    return clause_table(corpus)


@pytest.fixture(scope="module")
def codes(clauses, tokens):
    return code_instruments(clauses, tokens=tokens)


# --------------------------------------------------------------------------- rules


def test_the_rule_file_has_the_sixteen_instruments_in_three_types():
    r = load_instruments()
    assert [t.zh for t in r.types] == ["供给型", "环境型", "需求型"]
    for key, names in TYPES.items():
        assert [i.code for i in r.instruments if i.type == key] == names


@pytest.mark.parametrize("text, expected", [
    ("鼓励商业银行开展知识产权质押贷款。", ["金融支持"]),       # IP as collateral = finance only
    ("落实研发费用加计扣除政策。", ["税收优惠"]),
    ("通过政府购买服务方式提供科技服务。", ["公共服务", "服务外包"]),
    ("实行重大科技项目揭榜挂帅制度。", ["服务外包"]),
    ("培养高层次科技人才。", ["教育培训"]),                     # a co-occurrence rule
    ("支持企业建设重点实验室。", ["科技基础设施建设"]),
    ("到2025年,高新技术企业达到130家。", ["目标规划"]),
    ("实施首台套政府采购。", ["政府采购"]),
    ("加强组织领导。", []),
])
def test_literal_clauses_get_the_instruments_of_the_coding_guide(text, expected):
    assert codes_of(text) == expected


def test_co_occurrence_is_counted_within_a_sentence_not_across():
    assert "教育培训" in codes_of("培养和引进一批创新人才。")
    assert "教育培训" not in codes_of("培养企业创新能力。人才是第一资源。")


def test_a_window_rule_needs_its_terms_close_together():
    near = "鼓励国外知名大学来我市设立分支机构。"
    far = "面向国内外引进高层次人才,支持本市企业建设研发中心,扩大合作范围和领域。"
    assert "海外机构管理" in codes_of(near)
    assert "海外机构管理" not in codes_of(far)


def test_funding_words_in_management_contexts_are_not_funding():
    assert "科技资金投入" not in codes_of("财政、审计等部门要加强财政资金监管和资金审计。")
    assert "科技资金投入" in codes_of("对认定的创新团队给予50万元经费支持。")


def test_hits_keep_the_evidence_and_its_offsets(clauses):
    u = clauses.loc[clauses["doc_id"] == "yinchuan_2022"]
    h = instrument_hits(u)
    text = u.set_index("clause_id")
    row = h.loc[(h["instrument"] == "金融支持") & (h["term"] == "质押")].iloc[0]
    clause = text.loc[row["clause_id"]]
    local = row["start"] - clause["char_start"]
    assert clause["text"][local:local + 2] == "质押"
    assert set(h["via"]) <= {"term", "rule 1", "rule 2", "rule 3", "rule 4"}


def test_a_bad_rule_file_gets_one_clear_error(tmp_path):
    f = tmp_path / "rules.toml"
    f.write_text('[[type]]\nkey = "supply"\nzh = "供给型"\nen = "Supply"\n'
                 '[[instrument]]\ncode = "培训"\ntype = "nosuch"\nen = "Training"\n'
                 'terms = ["培训"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules.toml: instrument #1 \(培训\): type 'nosuch'"):
        load_instruments(f)
    f.write_text('[[type]]\nkey = "supply"\nzh = "供给型"\nen = "Supply"\n'
                 '[[instrument]]\ncode = "培训"\ntype = "supply"\nen = "Training"\n'
                 'terms = ["培训"]\n  [[instrument.rule]]\n  all = [["a"]]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="at least two term groups"):
        load_instruments(f)


# --------------------------------------------------------------------------- real corpus


@pytest.mark.parametrize("clause_id", ["yinchuan_2022:三/(二)/一是", "xinji_2022:二/(一)/3",
                                       "tonghua_2012:五/(六)"])
def test_clauses_about_ip_pledge_loans_are_coded_financial_support(codes, clause_id):
    got = codes.loc[codes["clause_id"] == clause_id]
    assert "金融支持" in got["instrument"].tolist()
    assert any("质押" in t for t in got["terms"])


def test_every_document_uses_supply_and_environment_instruments(codes, clauses):
    t = instrument_crosstab(codes, clauses, level="type")
    wide = t.pivot(index="doc_id", columns="type", values="clauses")
    assert (wide["supply"] > 0).all() and (wide["environment"] > 0).all()
    shares = t.groupby("doc_id")["code_share"].sum()
    assert np.allclose(shares, 1.0)
    assert (t["clause_share"].between(0, 1)).all()


def test_instrument_by_document_and_by_era(codes, clauses, corpus):
    by_doc = instrument_crosstab(codes, clauses, documents=corpus.documents)
    assert len(by_doc) == 16 * 5 and set(by_doc["doc_id"]) == set(DOC_IDS)
    assert {"city", "era"} <= set(by_doc.columns)
    c = by_doc.set_index(["doc_id", "instrument"])
    assert c.loc[("yinchuan_2022", "服务外包"), "clauses"] >= 3   # 揭榜挂帅, 购买服务 ...
    by_era = instrument_crosstab(codes, clauses, by="era", documents=corpus.documents)
    assert set(by_era["era"]) == {"2010s", "2020s"}
    era = by_era.set_index(["era", "instrument"])
    assert era.loc[("2020s", "金融支持"), "clauses"] == sum(
        c.loc[(d, "金融支持"), "clauses"] for d in DOC_IDS if d != "tonghua_2012")
    wide = instrument_crosstab(codes, clauses, by="era", documents=corpus.documents, wide=True,
                               value="clause_share")
    assert list(wide.columns) == ["2020s", "2010s"] and len(wide) == 16


# --------------------------------------------------------------------------- coding sheet


def test_coding_sheet_sample_is_spread_seeded_and_can_be_blind(clauses):
    a = coding_sheet(clauses, n=20, seed=1)
    b = coding_sheet(clauses, n=20, seed=1)
    assert a.equals(b)
    assert a["doc_id"].value_counts().tolist() == [4] * 5
    assert list(a.columns) == ["clause_id", "doc_id", "text", "auto_codes", "auto_types",
                               "researcher_codes", "notes"]
    assert (a["researcher_codes"] == "").all()
    blind = coding_sheet(clauses, n=20, seed=1, blind=True)
    assert "auto_codes" not in blind.columns
    other = coding_sheet(clauses, n=20, seed=1, exclude=a)
    assert not set(other["clause_id"]) & set(a["clause_id"])


def test_coding_sheet_round_trip_through_xlsx_and_csv(clauses, tmp_path):
    sheet = coding_sheet(clauses.loc[clauses["doc_id"] == "chifeng_2023"], n=6, seed=2)
    paths = write_coding_sheet(sheet, tmp_path / "sheet")
    assert [p.suffix for p in paths] == [".xlsx", ".csv"]
    assert paths[1].read_bytes().startswith(b"\xef\xbb\xbf")
    for path in paths:
        back = read_coding_sheet(path)
        assert back["clause_id"].tolist() == sheet["clause_id"].tolist()
        assert back["text"].tolist() == sheet["text"].tolist()
    filled = read_coding_sheet(paths[1])
    filled["researcher_codes"] = filled["auto_codes"]          # a coder who agrees ...
    filled.loc[0, "researcher_codes"] = ""                      # ... and skipped one row
    res = instrument_agreement(filled)
    assert res.n == 5 and res.n_uncoded == 1 and res.exact_match == 1.0


def test_researcher_codes_are_parsed_and_checked():
    assert parse_codes("金融支持、知识产权保护") == ("金融支持", "知识产权保护")
    assert parse_codes("Financial support; tax incentives") == ("金融支持", "税收优惠")
    assert parse_codes(NONE_CODE) == () and parse_codes("") is None
    sheet = pd.DataFrame({"clause_id": ["d:1"], "text": ["x"], "researcher_codes": ["金融"]})
    with pytest.raises(ValueError, match=r"clause d:1: '金融' is not an instrument.*金融支持"):
        instrument_agreement(sheet)


def test_a_sheet_without_the_needed_columns_is_named(tmp_path):
    f = tmp_path / "codes.csv"
    f.write_text("clause_id,text\nd:1,人才\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"codes.csv: missing column.*researcher_codes"):
        read_coding_sheet(f)


@pytest.mark.parametrize("a, b, kappa", [
    ([1, 1, 0, 0], [1, 1, 0, 0], 1.0),
    ([1, 1, 0, 0], [0, 0, 1, 1], -1.0),
    ([1, 1, 0, 0], [1, 0, 0, 0], 0.5),
])
def test_cohen_kappa(a, b, kappa):
    assert cohen_kappa(a, b) == pytest.approx(kappa)


def test_kappa_agrees_with_scikit_learn():
    from sklearn.metrics import cohen_kappa_score

    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 2, 50), rng.integers(0, 2, 50)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    assert np.isnan(cohen_kappa([0, 0], [0, 0]))


# --------------------------------------------------------------------------- hand codes


def test_hand_codes_cover_all_documents_and_resolve_to_clauses(clauses):
    hc = hand_coded()
    assert len(hc) >= 60
    assert set(hc["doc_id"]) == set(DOC_IDS)
    assert hc.groupby("set").size().to_dict() == {"development": 70, "held-out": 30}
    assert (hc.groupby("doc_id").size() >= 12).all()
    by_id = clauses.set_index("clause_id")["text"]
    assert hc["clause_id"].isin(by_id.index).all()
    assert (by_id.reindex(hc["clause_id"]).to_numpy() == hc["text"].to_numpy()).all()
    assert all(parse_codes(c) is not None for c in hc["researcher_codes"])


def test_agreement_with_the_hand_codes(clauses):
    """The figures reported in the README (rules revised once against the development set;
    the held-out set was coded afterwards and never used to change a rule)."""
    held = instrument_agreement(subset="held-out")
    kappa = held.per_type.set_index("type")["kappa"].round(2).to_dict()
    assert kappa == {"supply": 0.93, "environment": 0.29, "demand": 0.71}
    assert round(held.micro_kappa, 2) == 0.77
    dev = instrument_agreement(subset="development")
    assert dev.per_type.set_index("type")["kappa"].round(2).to_dict() == {
        "supply": 0.84, "environment": 0.58, "demand": 0.85}
    both = instrument_agreement()
    assert both.n == 100 and round(both.micro_kappa, 2) == 0.84
    conf = both.confusion
    assert list(conf.index) == ["供给型", "环境型", "需求型", NONE_CODE]
    diag = {t: conf.loc[t, t] for t in ["供给型", "环境型", "需求型"]}
    assert diag == dict(zip(["供给型", "环境型", "需求型"],
                            both.per_type["both"].tolist(), strict=True))
    assert "Cohen's kappa per instrument type" in both.summary()


# --------------------------------------------------------------------------- build + CLI


def test_build_writes_the_instrument_tables(built):
    for name in ("instrument_codes", "instrument_hits", "instrument_counts", "instrument_types",
                 "instrument_era"):
        assert (built.out_dir / f"{name}.parquet").is_file()
        assert (built.out_dir / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert "doc_id" in built.tables[name].columns
    era = built.tables["instrument_era"]
    assert era.loc[era["era"] == "2010s", "doc_id"].unique().tolist() == ["tonghua_2012"]


def test_cli_coding_sheet_and_agreement(tmp_path):
    out = tmp_path / "sheet"
    r = subprocess.run([sys.executable, "-m", "analysis", "coding-sheet", "--raw", str(RAW),
                        "--out", str(out), "--n", "10", "--blind"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "sheet.xlsx").is_file() and "10 clauses from 5 documents" in r.stdout
    r = subprocess.run([sys.executable, "-m", "analysis", "agreement", "--subset", "held-out"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    assert "30 hand-coded clauses" in r.stdout and "供给型 supply" in r.stdout
    r = subprocess.run([sys.executable, "-m", "analysis", "agreement", str(tmp_path / "no.csv")],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "no such coding sheet" in r.stderr


def test_agreement_of_the_first_draft_rules_is_kept_reproducible():
    """The README's 'rules as first written' row: the rule file as it stood before any
    clause was hand-coded, kept next to the hand codes."""
    from tests.conftest import ROOT

    draft = ROOT / "src" / "analysis" / "resources" / "coding" / "instruments_first_draft.toml"
    dev = instrument_agreement(subset="development", rules=draft)
    assert dev.per_type.set_index("type")["kappa"].round(2).to_dict() == {
        "supply": 0.59, "environment": 0.29, "demand": 0.78}
    assert round(dev.micro_kappa, 2) == 0.75
