"""Bad and unusual corpus folders through ``policy-lens build``: a clear message naming the
file, row, column or path, no traceback, no change to the raw folder, and a build that
finishes when only one document is unusable."""

from __future__ import annotations

import csv
import hashlib
import json
import warnings

import pandas as pd
import pytest

import analysis.pipeline.writer as writer_module
from analysis.cli import main
from analysis.errors import BuildWarning, CorpusWarning

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings(
    "ignore:.*no outline.*:analysis.structure.StructureWarning")]

GOOD = {
    "a": "一、总体要求\n支持科技型中小企业开展研发活动，推动科技成果转化。\n"
         "二、主要任务\n加快建设新型研发机构，完善科技金融服务体系。",
    "b": "一、总体要求\n实施揭榜挂帅，培育专精特新企业和创新联合体。\n"
         "二、主要任务\n完善人才引进政策，优化创新创业环境。",
}
NAMES = [f"{k}.txt" for k in GOOD]


def _write(folder, texts, rows=None):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (folder / name).write_bytes(data)
    rows = rows or [{"doc_id": n.removesuffix(".txt"), "file": n, "city": f"{i}市",
                     "year": "2022"} for i, n in enumerate(texts)]
    with open(folder / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return folder


def _digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _good(folder, extra=None, rows=None):
    texts = {f"{k}.txt": v for k, v in GOOD.items()}
    texts.update(extra or {})
    return _write(folder, texts, rows)


def _build(raw, out, *more):
    return main(["build", "--raw", str(raw), "--out", str(out), "--no-cache",
                 "--workers", "1", *more])


def _refused(capsys, raw, out, *words, more=()):
    before = _digest(raw)
    assert _build(raw, out, *more) == 2
    err = capsys.readouterr().err
    assert err.startswith("policy-lens build: error: ") and "Traceback" not in err
    for word in words:
        assert word in err, (word, err)
    assert _digest(raw) == before
    assert not out.exists()
    return err


def _rows(texts, **over):
    rows = [{"doc_id": n.removesuffix(".txt"), "file": n, "city": f"{i}市", "year": "2022"}
            for i, n in enumerate(texts)]
    rows[-1].update(over)
    return rows


@pytest.mark.parametrize("bad_file", ["../outside/secret.txt", "ABSOLUTE"])
def test_files_outside_the_corpus_folder_are_refused_unless_allowed(tmp_path, capsys,
                                                                    bad_file):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("外部的秘密文本，不属于语料。", encoding="utf-8")
    name = str(secret) if bad_file == "ABSOLUTE" else bad_file
    rows = [*_rows(NAMES), {"doc_id": "s", "file": name, "city": "丙市", "year": "2022"}]
    raw = _good(tmp_path / "raw", rows=rows)
    _refused(capsys, raw, tmp_path / "out", "metadata.csv, row 4, column 'file'",
             repr(name), "--allow-outside-paths")
    assert _build(raw, tmp_path / "out", "--allow-outside-paths") == 0
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert "秘密" in docs.set_index("doc_id").loc["s", "text"]


def test_symlink_leading_outside_is_refused(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("外部的秘密文本。", encoding="utf-8")
    raw = _good(tmp_path / "raw", rows=[*_rows(NAMES), {"doc_id": "s", "file": "s.txt",
                                                       "city": "丙市", "year": "2022"}])
    (raw / "s.txt").symlink_to(secret)
    _refused(capsys, raw, tmp_path / "out", "row 4, column 'file': 's.txt' is a symbolic link")


@pytest.mark.parametrize(("over", "words"), [
    ({"year": "3000"}, ["row 3 (b), column 'year'", "3000", "1949"]),
    ({"year": "1850"}, ["row 3 (b), column 'year'", "1850"]),
    ({"doc_id": "b+c"}, ["row 3, column 'doc_id'", "'b+c'", "'+'"]),
    ({"doc_id": "b;c"}, ["row 3, column 'doc_id'", "';'"]),
])
def test_bad_metadata_values_name_row_and_column(tmp_path, capsys, over, words):
    raw = _good(tmp_path / "raw", rows=_rows(NAMES, **over))
    _refused(capsys, raw, tmp_path / "out", *words)


def test_latin1_text_is_refused_with_the_encoding_column_named(tmp_path, capsys):
    raw = _good(tmp_path / "raw", {"fr.txt": "Les cafés sont prêts et très bons.".encode(
        "latin-1")})
    raw = _write(raw, {}, _rows([*NAMES, "fr.txt"]))
    err = _refused(capsys, raw, tmp_path / "out", "fr.txt", "'encoding' column")
    assert "caf" not in err


def test_nul_after_the_first_8_kib_is_removed_with_a_warning(tmp_path):
    text = "一、总体要求\n" + "支持科技创新。" * 2000 + "\x00推动成果转化。"
    raw = _good(tmp_path / "raw", {"c.txt": text})
    raw = _write(raw, {}, _rows([*NAMES, "c.txt"]))
    before = _digest(raw)
    with pytest.warns(CorpusWarning, match=r"c\.txt: 1 control character"):
        assert _build(raw, tmp_path / "out") == 0
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert "\x00" not in docs.loc["c", "text_raw"] and docs.loc["c", "text"].endswith("转化。")
    assert _digest(raw) == before


def test_one_line_body_with_a_font_switch_keeps_its_31k_characters(tmp_path):
    body = "各部门要加快推进科技创新体系建设，完善配套政策措施。" * 1200
    raw = _good(tmp_path / "raw", {"c.txt": "某市关于推进科技创新的意见\n字体:[大中小]" + body})
    raw = _write(raw, {}, _rows([*NAMES, "c.txt"]))
    assert _build(raw, tmp_path / "out") == 0
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert len(body) > 31_000 and docs.loc["c", "n_chars"] == len(body) + 14


def test_numbers_only_document_with_its_own_city_is_left_out_of_compare(tmp_path):
    raw = _good(tmp_path / "raw", {"n.txt": "2021 2022 2023\n100 200 300 45.5%"})
    raw = _write(raw, {}, _rows([*NAMES, "n.txt"]))
    before = _digest(raw)
    with pytest.warns(BuildWarning) as seen:
        assert _build(raw, tmp_path / "out", "--stages", "compare") == 0
    # the topics read the clause table first, so n's "no outline" may be warned before
    failed = [str(w.message) for w in seen if "stage 'compare' failed" in str(w.message)]
    assert len(failed) == 1
    msg = failed[0]
    assert "keyness" in msg
    assert "missing from its tables: n." in msg
    keyness = pd.read_parquet(tmp_path / "out" / "keyness_city.parquet")
    assert "2市" not in set(keyness["target"]) and "n" not in set(keyness["doc_id"])
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert sorted(docs["doc_id"]) == ["a", "b", "n"]
    assert _digest(raw) == before


def test_many_documents_without_outline_give_one_warning(tmp_path):
    texts = {f"d{i:03d}.txt": f"支持科技型中小企业开展研发活动，推动成果转化{i}。"
             for i in range(40)}
    raw = _write(tmp_path / "raw", texts)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert _build(raw, tmp_path / "out", "--stages", "structure") == 0
    outline = [str(w.message) for w in seen if "no outline" in str(w.message)]
    assert len(outline) == 1
    assert outline[0].startswith("d000: no outline")
    assert outline[0].endswith("[and 39 more documents: d001, d002, d003, d004, d005 and "
                               "34 more]")


def test_interrupted_build_keeps_the_previous_outputs_whole(tmp_path, monkeypatch):
    raw = _good(tmp_path / "raw")
    out = tmp_path / "out"
    assert _build(raw, out, "--stages", "core") == 0
    before = _digest(out)
    real = writer_module.os.rename
    done = []

    def interrupted(src, dst):
        if str(dst) == str(out) and not done:  # the new outputs moving in
            done.append(src)
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(writer_module.os, "rename", interrupted)
    # the command line turns Ctrl-C into exit status 130
    assert _build(raw, out, "--stages", "core", "--top-n", "3") == 130
    monkeypatch.undo()
    assert _digest(out) == before
    info = json.loads((out / "build_info.json").read_text(encoding="utf-8"))
    assert info["options"]["top_n"] == 30
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]
