"""Documents written as files of each form read back to the same paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.evaluation.forms import FORMS
from analysis.evaluation.render import PdfLayout, heading_level, wrap_line
from analysis.ingest.readers import read_file

TEXT = "\n".join([
    "某市人民政府关于印发数字经济发展规划的通知",
    "各区人民政府，市直有关部门：",
    "现将《某市数字经济发展规划》印发给你们，请认真贯彻执行。",
    "一、总体要求",
    "（一）发展目标。到2025年，全市数字经济核心产业增加值占地区生产总值比重达到10%，"
    "规模以上数字经济企业达到200家，建成5G基站3000个，培育Industrial Internet平台5个。",
    "（二）基本原则",
    "坚持创新驱动，坚持融合发展，坚持安全可控，坚持开放合作，推动数字经济和实体经济深度融合。",
    "二、主要任务",
    "（一）建设数字基础设施",
    "加快建设千兆光网和5G网络，实现城区和重点乡镇全覆盖。" * 3,
])


def _lines(text: str) -> list[str]:
    return [s.strip().strip("\u3000") for s in text.split("\n") if s.strip()]


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_form_reads_back_to_the_paragraphs(tmp_path: Path, form: str):
    path = FORMS[form](tmp_path / "doc", TEXT, "某市数字经济发展规划")
    got = _lines(read_file(path).text)
    if form == "html":  # the page's own title and posting line come before the text
        got = got[got.index(_lines(TEXT)[0]):]
    assert got == _lines(TEXT)


def test_pdf_pages_carry_page_numbers_and_a_header(tmp_path: Path):
    import pypdfium2 as pdfium

    path = FORMS["pdf-wide"](tmp_path / "doc", "\n".join([TEXT] * 3), "某市数字经济发展规划")
    pdf = pdfium.PdfDocument(str(path))
    first, second = (pdf[i].get_textpage().get_text_range().split("\r\n") for i in (0, 1))
    assert first[0] != "某市数字经济发展规划" and first[-1] == "-1-"
    assert second[0] == "某市数字经济发展规划" and second[-1] == "-2-"
    assert PdfLayout().page_number.format(n=3) == "— 3 —"


def test_wrap_keeps_numbers_whole_and_hangs_punctuation():
    assert wrap_line("达到2000亿元。", 3, indent=0) == ["达到", "2000亿", "元。"]


def test_heading_levels_follow_first_use():
    heads = heading_level(["第一章 总则", "一、目标", "（一）任务", "二、任务。内容。"])
    assert [h[0] for h in heads] == [1, 2, 0, 2] and heads[3][2] == "任务。内容。"


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_same_text_gives_the_same_file(tmp_path: Path, form: str):
    a = FORMS[form](tmp_path / "a", TEXT, "规划").read_bytes()
    b = FORMS[form](tmp_path / "b", TEXT, "规划").read_bytes()
    assert a == b


def test_numbered_word_lists_that_start_again_read_back(tmp_path: Path):
    text = ("一、甲\n二、乙\n附件\n一、总体要求\n（一）目标\n（二）原则\n正文\n（一）另一个列表\n"
            "（二）第二项\n二、任务\n（一）子项\n三、保障\n五、跳号")
    assert read_file(FORMS["docx-numbered"](tmp_path / "a", text, "")).text == text


def test_paragraphs_kept_counts_only_whole_paragraphs():
    from analysis.evaluation.forms import paragraphs_kept
    source = "一、总体要求\n坚持创新驱动。\n\n保障措施\n某某市人民政府办公室"
    read = "一、总体要求\n坚持 创新驱动。保障措施\n某某市人民政府办公室"
    assert paragraphs_kept(source, read) == [True, False, False, True]


def _two_document_eval(tmp_path: Path):
    """Two development documents, each with one heading and one target of gold."""
    import pandas as pd

    from analysis.evaluation.documents import EvalCorpus
    from analysis.text.corpus import load_corpus

    raw = tmp_path / "raw"
    raw.mkdir()
    texts = {"a": "一、总体要求\n到2025年，企业达到200家。\n",
             "b": "一、主要任务\n到2025年，基站达到3000个。\n"}
    for doc_id, text in texts.items():
        (raw / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (raw / "metadata.csv").write_text("doc_id,file,city,year,title\na,a.txt,甲市,2022,甲规划\n"
                                      "b,b.txt,乙市,2022,乙规划\n", encoding="utf-8")
    keys = pd.DataFrame({"doc_key": ["t-001", "t-002"], "doc_id": ["a", "b"],
                         "source": ["t", "t"], "part": ["dev", "dev"]})
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "outline_dev_gold.csv").write_text(
        "doc_key,level,label,heading\nt-001,1,一、,总体要求\nt-002,1,一、,主要任务\n",
        encoding="utf-8")
    (gold / "targets_dev_gold.csv").write_text(
        "doc_key,anchor,number,kind,value,value_low,value_high,unit,target_year,"
        "indicator_contains\nt-001,企业达到200家,200,target,200,,,家,2025,企业\n"
        "t-002,基站达到3000个,3000,target,3000,,,个,2025,基站\n", encoding="utf-8")
    return EvalCorpus(load_corpus(raw), keys), gold


def test_a_document_that_fails_to_import_is_named_and_scored_as_nothing_found(
        tmp_path: Path, monkeypatch):
    from analysis.evaluation.forms import FormWarning, evaluate_forms

    def broken_page(path: Path, text: str, title: str) -> Path:
        path = path.with_suffix(".html")
        # the second document's page is saved empty, as a failed download is
        path.write_bytes(b"" if "主要任务" in text else f"<p>{text}</p>".encode())
        return path

    monkeypatch.setitem(FORMS, "broken", broken_page)
    ev, gold = _two_document_eval(tmp_path)
    with pytest.warns(FormWarning, match=r"broken: document t-002 was not imported \(empty: "
                      r".*t-002\.html: the file is empty.*scored as nothing found"):
        res = evaluate_forms(forms=["txt", "broken"], ev=ev, gold_dir=gold,
                             workdir=tmp_path / "work")
    got = res.set_index(["form", "task", "item", "metric"])["value"]
    assert got[("txt", "import", "documents", "accuracy")] == 1.0
    assert got[("broken", "import", "documents", "accuracy")] == 0.5
    assert got[("txt", "outline", "level1", "recall")] == 1.0
    assert got[("broken", "outline", "level1", "recall")] == 0.5  # the other one is found
    assert got[("broken", "outline", "top_level_exact", "accuracy")] == 0.5
    assert got[("broken", "targets", "numbers", "recall")] == 0.5
    assert got[("broken", "paragraphs", "paragraphs", "accuracy")] == 0.5


def test_a_document_the_renderer_fails_on_does_not_stop_the_others(tmp_path: Path,
                                                                   monkeypatch):
    from analysis.evaluation.forms import FormWarning, evaluate_forms

    def fragile(path: Path, text: str, title: str) -> Path:
        if "主要任务" in text:
            raise UnicodeEncodeError("gbk", text, 0, 1, "illegal multibyte sequence")
        return FORMS["txt"](path, text, title)

    monkeypatch.setitem(FORMS, "fragile", fragile)
    ev, gold = _two_document_eval(tmp_path)
    with pytest.warns(FormWarning, match=r"fragile: document t-002 was not written as "
                      r"fragile \(UnicodeEncodeError"):
        res = evaluate_forms(forms=["fragile"], ev=ev, gold_dir=gold)
    got = res.set_index(["task", "item", "metric"])["value"]
    assert got[("import", "documents", "accuracy")] == 0.5
    assert got[("outline", "level1", "precision")] == 1.0


def test_a_file_the_renderer_wrote_before_failing_is_not_scored(tmp_path: Path,
                                                                 monkeypatch):
    from analysis.evaluation.forms import FormWarning, evaluate_forms

    def half_done(path: Path, text: str, title: str) -> Path:
        out = FORMS["txt"](path, text, title)
        if "主要任务" in text:
            raise OSError("disk full")
        return out

    monkeypatch.setitem(FORMS, "half", half_done)
    ev, gold = _two_document_eval(tmp_path)
    with pytest.warns(FormWarning, match=r"half: document t-002 was not written as half"):
        res = evaluate_forms(forms=["half"], ev=ev, gold_dir=gold)
    got = res.set_index(["task", "item", "metric"])["value"]
    assert got[("import", "documents", "accuracy")] == 0.5
    assert got[("outline", "level1", "recall")] == 0.5


def test_a_held_out_document_that_fails_is_counted_not_named(tmp_path: Path, monkeypatch):
    import warnings

    from analysis.evaluation.forms import FormWarning, form_corpus

    def fragile(path: Path, text: str, title: str) -> Path:
        raise OSError("disk full")

    monkeypatch.setitem(FORMS, "fragile", fragile)
    ev, _ = _two_document_eval(tmp_path)
    ev.keys.loc[ev.keys["doc_key"] == "t-002", "part"] = "heldout"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        form_corpus(ev, "fragile", ["t-001", "t-002"], tmp_path / "work")
    said = [str(w.message) for w in caught if issubclass(w.category, FormWarning)]
    assert len(said) == 2
    assert any("document t-001 was not written as fragile (OSError" in m for m in said)
    assert "fragile: 1 held-out document(s) could not be written or imported" in said[0]
    assert not any("t-002" in m for m in said) and "disk full" not in said[0]


def test_a_short_untitled_document_written_as_a_page_reads_back(tmp_path: Path):
    # under 250 characters the extractor runs the page's article into one line, which
    # the rule for the page's "发布时间 … 浏览次数" line then removed whole
    text = "某市人民政府办公室\n\n为加强数字政府建设，现就有关事项通知如下：请各地认真贯彻执行。\n"
    path = FORMS["html"](tmp_path / "doc", text, "")
    from analysis.ingest.cleaning import clean_text
    assert _lines(clean_text(read_file(path).text).text) == _lines(text)
