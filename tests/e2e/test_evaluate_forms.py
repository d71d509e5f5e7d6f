"""``policy-lens evaluate --form``: the development documents written as PDF, Word and web
pages score as the plain texts do."""

import pytest

from analysis.evaluation import default_corpora_dir, eval_corpus, evaluate
from analysis.evaluation.forms import evaluate_forms

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not default_corpora_dir().is_dir(),
                                                   reason="no ../shared/corpora")]


@pytest.fixture(scope="module")
def scores():
    """The scores per form, and the plain evaluation's development scores."""
    ev = eval_corpus()
    res = evaluate_forms(ev=ev, forms=["txt", "pdf", "pdf-wide", "docx-numbered"])
    plain = evaluate(tasks=["outline", "targets"], ev=ev)
    plain = plain[plain["part"] == "dev"].set_index(["task", "item", "metric"])["value"]
    return res.set_index(["form", "task", "item", "metric"])["value"], plain


def test_txt_files_score_as_the_evaluation_does(scores):
    # the outline exactly; targets within a point (a second import cleans the text again)
    forms, plain = scores
    txt = forms["txt"].sort_index()
    assert txt["outline"].round(6).equals(plain.sort_index()["outline"].round(6))
    assert (txt["targets"] - plain.sort_index()["targets"]).abs().max() <= 0.01


def test_pdf_and_numbered_word_keep_the_outline(scores):
    forms, _ = scores
    for form in ("pdf", "pdf-wide", "docx-numbered"):
        assert forms[(form, "outline", "top_level_exact", "accuracy")] >= 0.97, form
        assert forms[(form, "outline", "level1", "f1")] >= 0.99, form


def test_pdf_targets_within_two_points_of_plain_text(scores):
    forms, _ = scores
    for form in ("pdf", "pdf-wide"):
        got = forms[(form, "targets", "all_fields", "f1")]
        assert got >= forms[("txt", "targets", "all_fields", "f1")] - 0.02, form
