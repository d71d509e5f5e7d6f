"""Tables (a build folder read lazily, plus the catalog's views) and load_tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import analysis.report.tables as tables_module
from analysis.report import MissingTableError, Tables, load_tables
from analysis.report.catalog import View
from analysis.report.paths import file_sha256
from analysis.report.tables import is_fresh
from tests.report.small_corpus import OWN, OWN_ROWS, small_raw, write_corpus

DOCS = pd.DataFrame({"doc_id": ["a_2012", "b_2022"], "city": ["甲市", "乙市"],
                     "year": [2012, 2022], "era": ["2010s", "2020s"], "n_words": [40, 30]})
TERMS = pd.DataFrame({"doc_id": ["a_2012", "a_2012", "b_2022"], "term": ["人才", "平台", "人才"],
                      "count": [3, 1, 2]})


def test_tables_read_a_folder_once_and_list_only_stored_tables(tmp_path):
    DOCS.to_parquet(tmp_path / "documents.parquet")
    TERMS.to_parquet(tmp_path / "terms.parquet")
    tables = Tables(tmp_path)
    assert list(tables) == ["documents", "terms"] and len(tables) == 2
    first = tables["terms"]
    (tmp_path / "terms.parquet").unlink()
    assert tables["terms"] is first  # read once
    assert "corpus_terms" in tables and "corpus_terms" not in list(tables)
    assert repr(tables).startswith("<Tables from ") and "documents, terms" in repr(tables)


CALLS: list[str] = []


def total_by(terms: pd.DataFrame, *, by: str) -> pd.DataFrame:
    CALLS.append(by)
    return terms.groupby(by, as_index=False)["count"].sum()


def test_views_are_computed_from_the_tables_and_cached():
    views = {"per_doc": View("tests.report.test_tables:total_by", ("terms",), {"by": "doc_id"})}
    tables = Tables(frames={"terms": TERMS}, views=views)
    CALLS.clear()
    assert tables["per_doc"]["count"].tolist() == [4, 2]
    assert tables["per_doc"] is tables["per_doc"]
    assert CALLS == ["doc_id"]


def test_documents_restrict_every_table_and_view():
    tables = Tables(frames={"documents": DOCS, "terms": TERMS}, documents=["b_2022"])
    assert tables["terms"]["doc_id"].tolist() == ["b_2022"]
    assert tables["corpus_terms"]["term"].tolist() == ["人才"]
    with pytest.raises(ValueError, match=r"\['c_2030'\]: not in the corpus"):
        Tables(frames={"documents": DOCS}, documents=["c_2030"])


def test_a_missing_table_names_the_tables_and_the_fix():
    tables = Tables(frames={"documents": DOCS})
    with pytest.raises(MissingTableError, match="policy-lens build") as err:
        tables["themes"]
    assert "tables: documents" in str(err.value) and "views: " in str(err.value)
    assert isinstance(err.value, KeyError)


def test_tables_folder_errors_name_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="policy-lens build"):
        Tables(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match=r"no \.parquet tables"):
        Tables(tmp_path)


TEXTS = {
    "a_2012": "加强科技创新，支持企业研发投入。人才引进和平台建设是重点。" * 5,
    "b_2022": "推进科技金融发展，培育科技型中小企业，建设创新平台和孵化器。" * 5,
}
ROWS = [{"doc_id": "a_2012", "file": "a_2012.txt", "city": "甲市", "year": "2012"},
        {"doc_id": "b_2022", "file": "b_2022.txt", "city": "乙市", "year": "2022"}]


@pytest.mark.filterwarnings("ignore:.*no outline.*:analysis.structure.StructureWarning")
def test_load_tables_for_your_own_folder_builds_in_memory(tmp_path):
    raw = write_corpus(tmp_path / "raw", TEXTS, ROWS)
    tables = load_tables(raw)
    assert tables.folder is None and "built in memory" in repr(tables)
    assert list(tables["documents"]["doc_id"]) == ["a_2012", "b_2022"]
    assert set(tables["terms_by_era"]["era"]) == {"2010s", "2020s"}
    assert sorted(p.name for p in raw.iterdir()) == ["a_2012.txt", "b_2022.txt",
                                                     "metadata.csv"]


def test_a_build_is_fresh_until_a_corpus_file_changes(tmp_path, small_built):
    raw = small_raw()
    assert is_fresh(raw, small_built.out_dir)
    assert not is_fresh(raw, tmp_path)  # nothing built there
    copy = write_corpus(tmp_path / "raw", OWN, OWN_ROWS)
    assert is_fresh(copy, small_built.out_dir)  # the same files, elsewhere
    (copy / "nb_2022.txt").write_text(OWN["nb_2022"] + "揭榜挂帅。", encoding="utf-8")
    assert not is_fresh(copy, small_built.out_dir)
    (copy / "nb_2022.txt").unlink()
    assert not is_fresh(copy, small_built.out_dir)


def test_load_tables_rebuilds_only_when_the_corpus_changed(tmp_path, monkeypatch):
    raw = write_corpus(tmp_path / "raw", OWN, OWN_ROWS)
    out = tmp_path / "processed"
    builds = []

    def fake_build(raw_dir, out_dir):
        builds.append(raw_dir)
        out_dir.mkdir(exist_ok=True)
        DOCS.to_parquet(out_dir / "documents.parquet")
        inputs = {r["file"]: file_sha256(raw_dir / r["file"]) for r in OWN_ROWS}
        info = {"inputs": inputs, "tables": {"documents": 2}}
        (out_dir / "build_info.json").write_text(json.dumps(info), encoding="utf-8")

    monkeypatch.setattr(tables_module, "build", fake_build)
    load_tables(raw, out)
    load_tables(raw, out)
    assert len(builds) == 1
    (raw / "nb_2022.txt").write_text(OWN["nb_2022"] + "揭榜挂帅。", encoding="utf-8")
    tables = load_tables(raw, out)
    assert len(builds) == 2 and list(tables) == ["documents"]
    load_tables(raw, out, rebuild=True)
    assert len(builds) == 3
    (raw / "hz_2012.txt").write_text("改了", encoding="utf-8")
    load_tables(raw, out, rebuild=False)
    assert len(builds) == 3


def test_load_tables_documents_subset(small_built):
    tables = load_tables(processed_dir=small_built.out_dir, rebuild=False,
                         documents=["hz_2012", "nb_2022"])
    assert set(tables["terms"]["doc_id"]) == {"hz_2012", "nb_2022"}
    assert set(tables["terms_by_era"]["era"]) == {"2010s", "2020s"}
    with pytest.raises(ValueError, match="beijing_2020"):
        load_tables(processed_dir=small_built.out_dir, rebuild=False, documents=["beijing_2020"])


def test_processed_dir_alone_is_read_as_it_is(tmp_path, monkeypatch):
    """A folder of the user's own tables is never rebuilt over (it names no corpus)."""
    builds = []
    monkeypatch.setattr(tables_module, "build", lambda *a, **k: builds.append(a))
    mine = tmp_path / "mine"
    mine.mkdir()
    pd.DataFrame({"doc_id": ["x_2020"], "city": ["某市"]}).to_parquet(mine / "documents.parquet")
    before = {p.name: p.read_bytes() for p in mine.iterdir()}
    tables = load_tables(processed_dir=mine)
    assert tables["documents"]["doc_id"].tolist() == ["x_2020"] and not builds
    assert {p.name: p.read_bytes() for p in mine.iterdir()} == before
    with pytest.raises(ValueError, match="rebuild=True needs raw_dir"):
        load_tables(processed_dir=mine, rebuild=True)
    with pytest.raises(FileNotFoundError, match="no such folder of tables"):
        load_tables(processed_dir=tmp_path / "missing")
