"""A folder of documents as a researcher holds them (txt, docx, pdf, html) imported, built
and read by a notebook, with nothing written by hand."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis.ingest import import_corpus
from analysis.pipeline import build
from analysis.report import run_notebooks
from tests.ingest.make_files import write_docx, write_html, write_pdf

pytestmark = pytest.mark.slow

BODY = ["一、总体要求", "（一）指导思想。坚持创新驱动，推进政务数据资源共享和开放。",
        "（二）主要目标。到2025年，建成统一的政务数据平台，数据共享率达到90%以上。",
        "二、重点任务", "（一）建设数据平台。统筹建设全市政务数据共享交换平台。",
        "（二）推进数据开放。制定公共数据开放目录，安排专项资金500万元支持数据开放。",
        "三、保障措施", "（一）加强组织领导。建立工作协调机制。"]


def _notice(place: str, organ: str, kind: str, year: int) -> list[str]:
    inner = f"{place}政务数据{kind}"
    return [f"{place}{organ}关于印发《{inner}》的通知", f"{place[0]}府办发〔{year}〕{year % 100}号",
            "各有关单位：", f"现将《{inner}》印发给你们，请认真贯彻执行。", f"{place}{organ}",
            f"{year}年3月1日", inner, *BODY]


def test_mixed_folder_imports_builds_and_runs_a_notebook(tmp_path: Path):
    src = tmp_path / "downloads"
    src.mkdir()
    (src / "a.txt").write_text("\n".join(_notice("包头市", "人民政府办公室", "管理办法", 2022)),
                               encoding="utf-8")
    write_docx(src / "b.docx", _notice("赤峰市", "人民政府", "实施方案", 2023))
    write_pdf(src / "c.pdf", _notice("安徽省", "人民政府办公厅", "行动计划", 2021))
    lines = _notice("阿坝州", "人民政府办公室", "暂行办法", 2020)
    write_html(src / "d.html", lines[0], lines[1:])
    raw = tmp_path / "corpus"
    report = import_corpus(src, raw, progress=False)
    assert report.problems == [] and len(report.metadata) == 4
    assert sorted(report.metadata["year"]) == ["2020", "2021", "2022", "2023"]
    result = build(raw, tmp_path / "processed", progress=False)
    assert result.stats["documents"] == 4
    runs = run_notebooks(["00"], out=tmp_path / "nb", html=False,
                         parameters={"raw_dir": str(raw),
                                     "processed_dir": str(tmp_path / "processed")})
    nb = nbformat.read(runs[0].ipynb, as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
