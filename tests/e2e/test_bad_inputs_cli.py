"""A careless user's outputs: a file where a folder goes, a folder holding someone else's
files, a read-only folder, an unknown id, text that looks like a formula. Every case ends
with a message naming the path or id, no traceback, and nothing changed that the project
did not write."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli import main
from analysis.report import MANIFEST_COLUMNS

DOCS = pd.DataFrame({"doc_id": ["hz_2021"], "city": ["杭州市"], "year": [2021],
                     "n_chars": [900], "n_words": [400], "n_kept": [250],
                     "title": ["=HYPERLINK(\"http://x\")"]})


@pytest.fixture
def processed(tmp_path):
    folder = tmp_path / "processed"
    folder.mkdir()
    DOCS.to_parquet(folder / "documents.parquet")
    return folder


def _fails(capsys, argv, code, *says):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for s in says:
        assert s in err, err
    return err


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_kwic_names_an_unknown_doc_id(capsys):
    _fails(capsys, ["kwic", "科技", "--docs", "nope"], 2, "--docs nope", "chifeng_2023")


@pytest.mark.parametrize("command", ["export", "figures"])
def test_out_is_an_existing_file(processed, tmp_path, capsys, command):
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    _fails(capsys, [command, "--processed", str(processed), "--out", str(afile)], 1,
           f"{afile}: is in the way")
    assert afile.read_text(encoding="utf-8") == "mine"


def test_build_out_is_an_existing_file(make_corpus, tmp_path, capsys):
    raw = make_corpus({"a_2022": "一、总体要求\n加强科技创新。\n"})
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    _fails(capsys, ["build", "--raw", str(raw), "--out", str(afile)], 1, str(afile))
    assert afile.read_text(encoding="utf-8") == "mine"


def test_out_under_a_file(processed, tmp_path, capsys):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    _fails(capsys, ["export", "--processed", str(processed), "--out",
                    str(tmp_path / "afile" / "tables")], 1, "a part of this path is a file")
    _fails(capsys, ["kwic", "科技", "--out", str(tmp_path / "afile" / "hits.csv")], 1,
           str(tmp_path / "afile"))


def test_kwic_out_is_a_folder(tmp_path, capsys):
    (tmp_path / "hits.csv").mkdir()
    _fails(capsys, ["kwic", "科技", "--out", str(tmp_path / "hits.csv")], 1,
           f"{tmp_path / 'hits.csv'}: is a folder")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_read_only_folder(processed, tmp_path, capsys):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        _fails(capsys, ["export", "--processed", str(processed), "--out", str(ro / "t")], 1,
               "permission denied")
        _fails(capsys, ["kwic", "科技", "--out", str(ro / "hits.csv")], 1,
               f"{ro / 'hits.csv'}: permission denied")
    finally:
        ro.chmod(0o700)


def test_ctrl_c_exits_130_without_traceback(monkeypatch, capsys):
    from analysis.cli import export

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "_run", interrupted)
    _fails(capsys, ["export"], 130, "interrupted (Ctrl-C)")


def test_export_refuses_a_folder_of_figures(processed, tmp_path, capsys):
    figures = tmp_path / "figures"
    figures.mkdir()
    for name in ("a.png", "b.png"):
        (figures / name).write_bytes(b"png")
    pd.DataFrame([{"file": "a.png", "figure": "a", "notebook": "00", "function": "f",
                   "sha256": "0"}], columns=MANIFEST_COLUMNS).to_csv(
        figures / "MANIFEST.csv", index=False)
    before = _snapshot(figures)
    _fails(capsys, ["export", "--processed", str(processed), "--out", str(figures)], 2,
           str(figures), "another command")
    assert _snapshot(figures) == before


@pytest.mark.parametrize("command", ["export", "figures", "notebooks"])
def test_refuses_a_folder_of_someone_elses_files(processed, tmp_path, capsys, command):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.docx").write_bytes(b"my notes")
    argv = [command, "--out", str(out)]
    argv += ["00"] if command == "notebooks" else ["--processed", str(processed)]
    _fails(capsys, argv, 2, str(out), "notes.docx", f"policy-lens {command} did not write")
    assert _snapshot(out) == {"notes.docx": b"my notes"}


def test_export_replaces_only_its_own_files(processed, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["export", "--processed", str(processed), "--out", str(out)]) == 0
    (out / "notes.docx").write_bytes(b"my notes")  # the user's, beside the export's files
    (processed / "extra.parquet").write_bytes((processed / "documents.parquet").read_bytes())
    assert main(["export", "--processed", str(processed), "--out", str(out)]) == 0
    assert (out / "notes.docx").read_bytes() == b"my notes"
    assert (out / "extra.csv").is_file()
    (processed / "extra.parquet").unlink()
    assert main(["export", "--processed", str(processed), "--out", str(out)]) == 0
    assert not (out / "extra.csv").exists()  # its own stale file goes, the user's stays
    assert (out / "notes.docx").read_bytes() == b"my notes"
    # a file of the user's named like one the export writes is never replaced
    (out / "MANIFEST.csv").write_text("file,sha256\r\n", encoding="utf-8")
    _fails(capsys, ["export", "--processed", str(processed), "--out", str(out)], 2,
           "documents.csv", "would be replaced")


def test_figures_replace_only_their_own_files(processed, tmp_path, capsys):
    out = tmp_path / "figures"
    argv = ["figures", "--processed", str(processed), "--out", str(out), "--only",
            "corpus_lengths", "--formats", "png", "--dpi", "30"]
    assert main(argv) == 0
    (out / "MANIFEST.csv").write_text(",".join(MANIFEST_COLUMNS) + "\r\n", encoding="utf-8")
    _fails(capsys, argv, 2, "corpus_lengths.png", "would be replaced")


def test_exports_are_safe_tables(processed, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["export", "--processed", str(processed), "--out", str(out)]) == 0
    csv = (out / "documents.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv
    import openpyxl

    ws = openpyxl.load_workbook(out / "policy_lens_tables.xlsx")["documents"]
    titles = [c.value for c in ws["G"]]
    assert titles[1] == "'=HYPERLINK(\"http://x\")"


def test_kwic_out_xlsx_holds_no_formula(make_corpus, tmp_path, capsys):
    raw = make_corpus({"a_2022": "一、总体要求\n=cmd|' /C calc'!A0 加强科技创新。\n"
                                 "-科技 +1 @科技\n"})
    out = tmp_path / "hits.xlsx"
    assert main(["kwic", "科技", "--raw", str(raw), "--window", "30", "--out", str(out)]) == 0
    import openpyxl

    ws = openpyxl.load_workbook(out)["kwic"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert cells and not any(c.data_type == "f" for c in cells)
    assert not any(isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
                   for c in cells)


def test_no_traceback_through_the_real_entry_point(tmp_path):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "analysis", "kwic", "科技", "--out",
                          str(tmp_path / "afile" / "hits.csv")], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and str(tmp_path / "afile") in run.stderr


@pytest.mark.slow
def test_notebooks_keep_a_manifest_and_touch_only_their_files(tmp_path):
    from analysis.report import run_notebooks
    from analysis.report.paths import read_manifest

    src = tmp_path / "nbs"
    src.mkdir()
    for stem in ("00_a", "01_b"):
        (src / f"{stem}.py").write_text(
            '# %% [markdown]\n# **Question** x\n\n# %% tags=["parameters"]\nx = 1\n\n'
            '# %%\nx + 1\n', encoding="utf-8")
    out = tmp_path / "out"
    run_notebooks(notebooks_dir=src, out=out, html=False)
    assert [r["file"] for r in read_manifest(out / "MANIFEST.csv")] == ["00_a.ipynb",
                                                                       "01_b.ipynb"]
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (src / "01_b.py").unlink()
    run_notebooks(notebooks_dir=src, out=out, html=False)
    assert sorted(p.name for p in out.iterdir()) == ["00_a.ipynb", "MANIFEST.csv", "notes.txt"]
