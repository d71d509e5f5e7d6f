"""import_corpus and ``policy-lens import``: mixed folders, tables, bad input, re-import."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.ingest import import_corpus
from analysis.ingest.merge import STATE_FILE
from analysis.text.corpus import load_corpus
from tests.ingest.make_files import (
    write_csv,
    write_docx,
    write_encrypted_pdf,
    write_html,
    write_jsonl,
    write_pdf,
    write_scanned_pdf,
    write_xlsx,
)

BODY = ["第一条 为规范政务数据资源管理，推进政务信息系统互联互通，制定本办法。",
        "第二条 本办法适用于本行政区域内政务数据资源的管理活动。"]


def _notice(place: str, organ: str, kind: str, year: int) -> list[str]:
    title = f"{place}{organ}关于印发《{place}政务数据{kind}》的通知"
    return [title, f"{place[0]}府办发〔{year}〕{year % 100}号", "各有关单位：",
            f"现将《{place}政务数据{kind}》印发给你们，请认真贯彻执行。", f"{place}{organ}",
            f"{year}年3月1日", f"{place}政务数据{kind}", *BODY]


def _mixed_folder(src: Path) -> Path:
    (src / "a.txt").write_text("\n".join(_notice("包头市", "人民政府办公室", "管理办法", 2022)),
                               encoding="utf-8")
    write_docx(src / "b.docx", _notice("赤峰市", "人民政府", "实施方案", 2023))
    write_pdf(src / "c.pdf", _notice("安徽省", "人民政府办公厅", "行动计划", 2021))
    lines = _notice("阿坝州", "人民政府办公室", "暂行办法", 2021)
    sub = src / "web"
    sub.mkdir()
    write_html(sub / "d.html", lines[0], lines[1:], meta={"ArticleTitle": lines[0]})
    return src


def test_mixed_folder_imports_and_loads(src: Path, tmp_path: Path):
    out = tmp_path / "corpus"
    report = import_corpus(_mixed_folder(src), out, progress=False)
    assert report.failed == [] and len(report.metadata) == 4
    meta = report.metadata.set_index("source")
    assert meta.loc["a.txt", "city"] == "包头市" and meta.loc["b.docx", "year"] == "2023"
    assert meta.loc["c.pdf", "province"] == "安徽省" and meta.loc["c.pdf", "level"] == "provincial"
    assert meta.loc["web/d.html", "city"] == "阿坝藏族羌族自治州"
    assert meta.loc["a.txt", "doc_type"] == "通知" and meta.loc["a.txt", "attached_type"] == "办法"
    assert set(meta["original_name"]) == {"a.txt", "b.docx", "c.pdf", "d.html"}
    assert all(len(s) == 64 for s in meta["sha256"])
    assert meta["doc_id"].str.fullmatch(r"[a-z0-9_-]+").all()
    corpus = load_corpus(out)  # what build reads
    assert len(corpus) == 4 and sorted(corpus.documents["year"]) == [2021, 2021, 2022, 2023]
    assert set(corpus.documents["title_inferred"]) == {True}


def test_a_txt_tab_table_loads_as_the_same_table_in_a_docx(src: Path, tmp_path: Path):
    head = ["某市促进服务业发展奖励办法", "一、奖励标准", "符合条件的企业按下表享受奖励。"]
    rows = [["序号", "奖励事项", "奖励标准"], ["1", "首次纳入规模以上统计的企业", "奖励10万元"],
            ["2", "新认定的省级服务业标准化试点", "奖励20万元"]]
    tail = ["某市商务局", "2024年3月1日"]
    (src / "a.txt").write_text("\n".join(head + ["\t".join(r) for r in rows] + tail),
                               encoding="utf-8")
    write_docx(src / "b.docx", head, table=rows, after=tail)
    out = tmp_path / "corpus"
    import_corpus(src, out, progress=False)
    corpus = load_corpus(out)
    texts = corpus.documents.set_index("source")["text"]
    assert texts["a.txt"] == texts["b.docx"]
    assert ("序号|奖励事项|奖励标准\n1|首次纳入规模以上统计的企业|奖励10万元\n"
            "2|新认定的省级服务业标准化试点|奖励20万元\n某市商务局") in texts["a.txt"]


def test_ids_are_stable_across_imports(src: Path, tmp_path: Path):
    _mixed_folder(src)
    a = import_corpus(src, tmp_path / "x", progress=False).metadata["doc_id"].tolist()
    b = import_corpus(src, tmp_path / "y", progress=False).metadata["doc_id"].tolist()
    assert a == b


def test_bad_files_are_reported_and_the_others_go_on(src: Path, tmp_path: Path):
    _mixed_folder(src)
    write_scanned_pdf(src / "scan.pdf")
    write_encrypted_pdf(src / "locked.pdf", BODY)
    (src / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (src / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (src / "empty.txt").write_bytes(b"")
    report = import_corpus(src, tmp_path / "corpus", progress=False)
    assert len(report.metadata) == 4
    assert sorted((p.source, p.kind) for p in report.failed) == [
        ("broken.docx", "corrupt"), ("empty.txt", "empty"), ("locked.pdf", "encrypted_pdf"),
        ("old.doc", "unsupported"), ("scan.pdf", "scanned_pdf")]
    summary = report.summary()
    assert "5 failed" in summary and "OCR" in summary and "password" in summary


def test_duplicates_and_equal_slugs(src: Path, tmp_path: Path):
    text = "\n".join(_notice("包头市", "人民政府办公室", "管理办法", 2022))
    (src / "a.txt").write_text(text, encoding="utf-8")
    (src / "a copy.txt").write_text(text + "\n\n", encoding="utf-8")
    (src / "other.txt").write_text(text.replace("第二条", "第三条"), encoding="utf-8")
    report = import_corpus(src, tmp_path / "corpus", progress=False)
    meta = report.metadata.set_index("source")
    assert meta.loc["a.txt", "duplicate_of"] == meta.loc["a copy.txt", "doc_id"]
    kinds = sorted(p.kind for p in report.problems)
    assert kinds == ["duplicate", "same_id"] and report.failed == []
    assert meta["doc_id"].is_unique
    skipped = import_corpus(src, tmp_path / "c2", skip_duplicates=True, progress=False)
    assert len(skipped.metadata) == 2


def test_workbook_csv_and_jsonl(src: Path, tmp_path: Path):
    long = "\n".join(_notice("青岛市", "人民政府", "若干措施", 2020)) * 2
    sheets = {"Central": [["Release Time", "Release Department", "Policy Title", "Policy Content"],
                          ["2024-07-12", "Ministry of Commerce", "Action Plan for X",
                           "为……，特制定本行动计划。\n一、总体要求\n" + "内容。" * 100]],
              "Local": [["Release Time", "Policy Title", "Policy Content"],
                        ["2020-05-01", "青岛市若干措施", long]]}
    report = import_corpus(write_xlsx(src / "t.xlsx", sheets), tmp_path / "w", progress=False)
    meta = report.metadata.set_index("sheet")
    assert meta.loc["Central", "issuer"] == "商务部" and meta.loc["Central", "level"] == "central"
    assert meta.loc["Central", "date_inferred"] == "true"
    assert meta.loc["Local", "title"] == "青岛市若干措施"
    assert meta.loc["Local", "title_inferred"] == "false"
    assert meta.loc["Central", "release_department"] == "Ministry of Commerce"
    assert len(load_corpus(tmp_path / "w")) == 2
    csv_report = import_corpus(write_csv(src / "t.csv", [["标题", "正文", "年份"],
                                                         ["某某规定", long, "2019"]]),
                               tmp_path / "c", progress=False)
    assert csv_report.metadata.loc[0, "year"] == "2019"
    records = [{"content": long}, {"content": "", "title": "某某办法"}]
    jl = import_corpus(write_jsonl(src / "t.jsonl", records), tmp_path / "j", progress=False)
    assert len(jl.metadata) == 1 and [p.kind for p in jl.failed] == ["empty_row"]


def test_a_tab_table_in_a_workbook_cell_loads_as_cells(src: Path, tmp_path: Path):
    content = ("某市奖励办法\n一、奖励标准\n序号\t奖励事项\t奖励标准\n"
               "1\t高新技术企业\t奖励30万元\n二、其他\n本办法自印发之日起施行。")
    sheets = {"Local": [["Release Time", "Policy Title", "Policy Content"],
                        ["2024-03-01", "某市奖励办法", content]]}
    import_corpus(write_xlsx(src / "t.xlsx", sheets), tmp_path / "w", progress=False)
    text = load_corpus(tmp_path / "w").documents["text"].item()
    assert "序号|奖励事项|奖励标准\n1|高新技术企业|奖励30万元\n二、其他" in text


def test_table_without_text_column_fails(src: Path, tmp_path: Path):
    report = import_corpus(write_csv(src / "t.csv", [["a", "b"], ["x", "y"]]), tmp_path / "c",
                           progress=False)
    assert [p.kind for p in report.failed] == ["no_text_column"]


def test_reimport_keeps_edits_adds_files_reports_conflicts(src: Path, tmp_path: Path):
    _mixed_folder(src)
    out = tmp_path / "corpus"
    first = import_corpus(src, out, progress=False).metadata
    meta = pd.read_csv(out / "metadata.csv", dtype=str, keep_default_na=False)
    i = meta.index[meta["source"] == "a.txt"][0]
    meta.loc[i, "city"] = "包头"  # a person's correction
    meta["note"] = ""
    meta.loc[i, "note"] = "checked"
    meta.to_csv(out / "metadata.csv", index=False, encoding="utf-8-sig")
    (src / "e.txt").write_text("\n".join(_notice("赤峰市", "人民政府办公室", "暂行办法", 2020)),
                               encoding="utf-8")
    before = (out / "metadata.csv").read_bytes()
    dry = import_corpus(src, out, dry_run=True, progress=False)
    assert (out / "metadata.csv").read_bytes() == before and dry.added == 1
    report = import_corpus(src, out, progress=False)
    meta2 = pd.read_csv(out / "metadata.csv", dtype=str, keep_default_na=False)
    row = meta2.set_index("source").loc["a.txt"]
    assert (row["city"], row["note"]) == ("包头", "checked")
    assert meta2["doc_id"].tolist()[:4] == first["doc_id"].tolist()
    assert report.added == 1 and report.updated == 4 and len(meta2) == 5
    assert report.conflicts == []  # the draft did not change, so the edit is no conflict
    # the draft changes where the person edited: a conflict, the edit kept
    (src / "a.txt").write_text(
        (src / "a.txt").read_text(encoding="utf-8").replace("包头市", "呼和浩特市"),
        encoding="utf-8")
    report = import_corpus(src, out, progress=False)
    assert any("city: kept '包头'" in c for c in report.conflicts)
    assert (out / STATE_FILE).is_file()


def test_cli_exit_status_and_dry_run(src: Path, tmp_path: Path, capsys):
    _mixed_folder(src)
    assert main(["import", str(src), "--out", str(tmp_path / "c"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "doc_id" in out and "would write 4 documents" in out
    assert not (tmp_path / "c").exists()
    write_scanned_pdf(src / "scan.pdf")
    assert main(["import", str(src), "--out", str(tmp_path / "c"), "--no-progress"]) == 1
    assert "scan.pdf" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nowhere"), "--out", str(tmp_path / "d")]) == 2


@pytest.mark.parametrize("n", [70])
def test_many_files_in_worker_processes(src: Path, tmp_path: Path, n: int):
    for k in range(n):
        (src / f"{k:03d}.txt").write_text(
            "\n".join(_notice("包头市", "人民政府办公室", f"管理办法{k}", 2000 + k % 20)),
            encoding="utf-8")
    report = import_corpus(src, tmp_path / "c", workers=2, progress=False)
    assert len(report.metadata) == n and report.failed == []
    assert report.metadata["source"].tolist() == [f"{k:03d}.txt" for k in range(n)]


def test_output_folder_inside_the_source_is_not_read(src: Path):
    _mixed_folder(src)
    import_corpus(src, src / "corpus", progress=False)
    again = import_corpus(src, src / "corpus", progress=False)
    assert len(again.metadata) == 4 and again.added == 0
    shutil.rmtree(src / "corpus")


def test_file_name_gives_the_title_unless_cut(src: Path, tmp_path: Path):
    body = "\n".join(BODY)
    (src / "包头市政务数据管理办法.txt").write_text(body, encoding="utf-8")
    (src / "包头市人民政府办公室关于印发《包头市2022年数...(FBM-CLI.12.1).txt").write_text(
        body + "\n第三条 其他。", encoding="utf-8")
    meta = import_corpus(src, tmp_path / "c", progress=False).metadata.set_index("source")
    assert meta.loc["包头市政务数据管理办法.txt", "title"] == "包头市政务数据管理办法"
    assert "the file name" in meta.loc["包头市政务数据管理办法.txt", "evidence"]
    assert meta.loc["包头市人民政府办公室关于印发《包头市2022年数...(FBM-CLI.12.1).txt",
                    "title"] == ""


def test_reimport_into_a_hand_written_corpus_matches_its_rows(src: Path, tmp_path: Path):
    """A corpus folder made by hand: texts under its own names and a metadata.csv without
    source or sha256 columns. Importing the same documents adds nothing, keeps every value
    a person wrote, fills the empty ones and reports only real disagreements."""
    _mixed_folder(src)
    out = tmp_path / "corpus"
    out.mkdir()
    a_text = (src / "a.txt").read_text(encoding="utf-8")
    (out / "baotou_2022.txt").write_text(a_text.replace("\n", "\n\n"), encoding="utf-8")
    shutil.copy(src / "b.docx", out / "b.docx")  # matched by its file name
    pd.DataFrame({"doc_id": ["baotou_2022", "chifeng_2023"],
                  "file": ["baotou_2022.txt", "b.docx"],
                  "title": ["包头市政务数据管理办法", ""],
                  "year": ["2022", "2023"]}).to_csv(out / "metadata.csv", index=False)
    report = import_corpus(src, out, progress=False)
    meta = pd.read_csv(out / "metadata.csv", dtype=str, keep_default_na=False)
    assert report.added == 2 and report.updated == 2 and len(meta) == 4
    rows = meta.set_index("doc_id")
    assert rows.loc["baotou_2022", "source"] == "a.txt"
    assert rows.loc["chifeng_2023", "source"] == "b.docx"
    assert rows.loc["baotou_2022", "title"] == "包头市政务数据管理办法"  # the person's value
    assert rows.loc["chifeng_2023", "title"].startswith("赤峰市人民政府关于印发")  # was empty
    assert rows.loc["baotou_2022", "doc_number"] == "包府办发〔2022〕22号"
    assert report.conflicts == [
        "a.txt (baotou_2022), title: kept '包头市政务数据管理办法'; the new draft says "
        "'包头市人民政府办公室关于印发《包头市政务数据管理办法》的通知'"]
    assert any("baotou_2022: matched to a.txt by its text" in n for n in report.notes)
    assert len(list(out.glob("*.txt"))) == 3  # a.txt is not written again under a new id


def test_a_docx_failing_inside_is_reported_and_the_others_go_on(src: Path, tmp_path: Path,
                                                                 monkeypatch):
    (src / "a.txt").write_text("\n".join(_notice("包头市", "人民政府办公室", "管理办法", 2022)),
                               encoding="utf-8")
    write_docx(src / "b.docx", _notice("赤峰市", "人民政府", "实施方案", 2023))

    def broken(cls, document):
        raise ValueError("bad markup")

    monkeypatch.setattr("analysis.ingest.readers.Numbering.of", classmethod(broken))
    report = import_corpus(src, tmp_path / "corpus", workers=1, progress=False)
    assert report.metadata["source"].tolist() == ["a.txt"]
    assert [(p.source, p.kind) for p in report.failed] == [("b.docx", "corrupt")]
    assert "b.docx" in report.failed[0].message
