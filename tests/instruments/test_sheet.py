"""The coding sheet: sampling, round trip through XLSX and CSV, the shipped hand codes."""

from __future__ import annotations

import pytest

from analysis.instruments import (
    coding_sheet,
    hand_coded,
    instrument_agreement,
    parse_codes,
    read_coding_sheet,
    write_coding_sheet,
)
from tests.conftest import DOC_IDS


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


def test_a_sheet_without_the_needed_columns_is_named(tmp_path):
    f = tmp_path / "codes.csv"
    f.write_text("clause_id,text\nd:1,人才\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"codes.csv: missing column.*researcher_codes"):
        read_coding_sheet(f)


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
