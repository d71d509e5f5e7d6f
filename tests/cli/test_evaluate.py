"""``policy-lens evaluate``: the table of file forms, and options that need each other."""

from __future__ import annotations

import pandas as pd

from analysis.cli import main


def _forms_result(**kwargs) -> pd.DataFrame:
    rows = [("outline", "top_level_exact", "accuracy", "dev", "txt", 0.9),
            ("outline", "top_level_exact", "accuracy", "dev", "pdf", float("nan"))]
    return pd.DataFrame(rows, columns=["task", "item", "metric", "part", "form", "value"])


def test_a_form_without_figures_shows_a_dash(monkeypatch, capsys):
    monkeypatch.setattr("analysis.evaluation.eval_corpus", lambda corpora: None)
    monkeypatch.setattr("analysis.evaluation.forms.evaluate_forms", _forms_result)
    assert main(["evaluate", "--form", "txt", "--form", "pdf", "--form", "docx"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "| task | item | metric | part | txt | pdf | docx |"
    assert out[2] == "| outline | top_level_exact | accuracy | dev | 90.0% | – | – |"


def test_heldout_without_form_is_refused(monkeypatch, capsys):
    monkeypatch.setattr("analysis.evaluation.eval_corpus", lambda corpora: None)
    assert main(["evaluate", "--heldout"]) == 2
    err = capsys.readouterr().err
    assert "--heldout" in err and "--form" in err


def test_documents_not_imported_are_shown_and_said(monkeypatch, capsys):
    def result(**kwargs) -> pd.DataFrame:
        rows = [("import", "documents", "accuracy", "dev", "txt", 1.0),
                ("import", "documents", "accuracy", "dev", "html", 0.5)]
        return pd.DataFrame(rows, columns=["task", "item", "metric", "part", "form", "value"])

    monkeypatch.setattr("analysis.evaluation.eval_corpus", lambda corpora: None)
    monkeypatch.setattr("analysis.evaluation.forms.evaluate_forms", result)
    assert main(["evaluate", "--form", "txt", "--form", "html"]) == 0
    out = capsys.readouterr().out
    assert "| import | documents | accuracy | dev | 100.0% | 50.0% |" in out
    assert "not every document was imported" in out
