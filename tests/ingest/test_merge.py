"""Re-import: edited metadata is kept, new documents are added, conflicts are reported."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.merge import merge_metadata


def _draft(**cols):
    base = {"doc_id": ["a", "b"], "file": ["a.txt", "b.txt"], "source": ["a.txt", "b.txt"],
            "sha256": ["1", "2"], "city": ["包头市", "赤峰市"], "year": ["2022", "2021"]}
    base.update(cols)
    return pd.DataFrame(base)


def test_first_import_takes_the_draft():
    m = merge_metadata(_draft(), None, None)
    assert m.table.equals(_draft()) and m.new_ids == {"a.txt": "a", "b.txt": "b"}


def test_untouched_values_follow_the_new_draft():
    old = _draft()
    m = merge_metadata(_draft(year=["2023", "2021"]), old, old)
    assert m.table["year"].tolist() == ["2023", "2021"] and m.conflicts == []


def test_edited_values_are_kept_and_conflicts_reported():
    old = _draft()
    edited = old.assign(city=["包头", "赤峰市"], region=["north", ""])
    m = merge_metadata(_draft(city=["呼和浩特市", "赤峰"]), edited, old)
    assert m.table["city"].tolist() == ["包头", "赤峰"]  # kept; untouched follows the draft
    assert m.table["region"].tolist() == ["north", ""]  # a column a person added
    assert m.conflicts == ["a.txt (a), city: kept '包头'; the new draft says '呼和浩特市'"]


def test_new_documents_are_added_with_free_ids():
    old = _draft()
    new = pd.concat([_draft(), pd.DataFrame({"doc_id": ["a"], "file": ["a.txt"],
                                             "source": ["c.txt"], "sha256": ["3"],
                                             "city": [""], "year": ["2020"]})])
    m = merge_metadata(new, old, old)
    assert m.table["doc_id"].tolist() == ["a", "b", "a-3"]
    assert m.table["file"].tolist()[-1] == "a-3.txt" and m.new_ids == {"c.txt": "a-3"}


def test_ids_never_change_and_renamed_files_match_by_checksum():
    old = _draft()
    new = _draft(doc_id=["x", "y"], source=["renamed.txt", "b.txt"])
    m = merge_metadata(new, old, old)
    assert m.table["doc_id"].tolist() == ["a", "b"] and m.new_ids == {}


def test_deleted_rows_are_not_added_again_and_missing_sources_kept():
    old = _draft()
    m = merge_metadata(_draft().iloc[:1], old.iloc[1:], old)
    assert m.table["source"].tolist() == ["b.txt"]
    assert any("deleted" in n for n in m.notes) and any("not in this source" in n
                                                       for n in m.notes)


def test_hand_written_metadata_counts_as_edited():
    hand = _draft(city=["包头", ""])
    m = merge_metadata(_draft(), hand, None)
    assert m.table["city"].tolist() == ["包头", "赤峰市"]
    assert len(m.conflicts) == 1


def test_a_draft_that_finds_nothing_is_no_conflict():
    hand = _draft(city=["包头", "赤峰"]).drop(columns=["sha256"])
    m = merge_metadata(_draft(city=["", "赤峰市"]), hand, None)
    assert m.table["city"].tolist() == ["包头", "赤峰"]
    assert m.conflicts == ["b.txt (b), city: kept '赤峰'; the new draft says '赤峰市'"]
