"""``policy-lens evaluate`` on the development corpora (../shared/corpora): both parts are
scored and printed side by side."""

import pytest

from analysis.cli import main
from analysis.evaluation import default_corpora_dir, eval_corpus, evaluate, side_by_side

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not default_corpora_dir().is_dir(),
                                 reason="no ../shared/corpora")]


@pytest.fixture(scope="module")
def ev():
    return eval_corpus()


def test_split_documents_all_imported(ev):
    assert len(ev.doc_ids("dev")) == 153 and len(ev.doc_ids("heldout")) == 73


def test_every_task_scores_both_parts(ev):
    results = evaluate(ev=ev)
    assert results["value"].between(0, 1).all()
    wide = side_by_side(results)
    # the instrument gold's batches (earlier, fresh, fresh2, …) split the development part only
    wide = wide[~wide["item"].str.fullmatch(r"earlier|fresh\d*")]
    assert wide[["dev", "heldout"]].notna().all().all(), wide[wide.isna().any(axis=1)]


def test_metadata_dates_and_numbers_stay_right(ev):
    wide = side_by_side(evaluate(tasks=["metadata"], ev=ev)).set_index("item")
    assert wide.loc["doc_number", "heldout"] >= 0.95
    assert wide.loc["date", "heldout"] >= 0.95


def test_outline_top_level_and_headings_on_held_out(ev):
    wide = side_by_side(evaluate(tasks=["outline"], ev=ev)).set_index(["item", "metric"])
    assert wide.loc[("top_level_exact", "accuracy"), "heldout"] >= 0.89
    assert wide.loc[("level1", "f1"), "heldout"] >= 0.95
    assert wide.loc[("level2", "f1"), "heldout"] >= 0.94
    # every development document read by hand, the four fresh batches included
    assert wide.loc[("top_level_exact", "accuracy"), "dev"] >= 0.99


def test_command_prints_both_parts(capsys, tmp_path):
    out = tmp_path / "eval.csv"
    assert main(["evaluate", "--task", "metadata", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| metadata | title | accuracy |" in printed and "held-out" in printed
    assert out.stat().st_size > 0


def test_unknown_task_is_refused(ev):
    with pytest.raises(ValueError, match="unknown task"):
        evaluate(tasks=["nope"], ev=ev)


def test_targets_numbers_are_found_on_held_out_documents(ev):
    wide = side_by_side(evaluate(tasks=["targets"], ev=ev)).set_index(["item", "metric"])
    assert wide.loc[("numbers", "recall"), "heldout"] >= 0.85
    assert wide.loc[("numbers", "precision"), "heldout"] >= 0.87
    assert wide.loc[("all_fields", "recall"), "heldout"] >= 0.64
    assert wide.loc[("all_fields", "precision"), "heldout"] >= 0.62
    # every development batch is scored, the twelfth (fresh12) included
    assert wide.loc[("numbers", "recall"), "n_dev"] == 1341
    # and on the development gold, which the rules were written on
    assert wide.loc[("all_fields", "precision"), "dev"] >= 0.89
    assert wide.loc[("all_fields", "recall"), "dev"] >= 0.91


def test_instruments_and_themes_hold_on_non_s_and_t_clauses(ev):
    wide = side_by_side(evaluate(tasks=["instruments", "themes"], ev=ev))
    wide = wide.set_index(["task", "item", "metric"])
    assert wide.loc[("instruments", "all", "kappa_pooled"), "heldout"] >= 0.60
    assert wide.loc[("instruments", "any code", "coverage"), "heldout"] >= 0.75
    assert wide.loc[("themes", "all", "kappa_pooled"), "heldout"] >= 0.68
    assert wide.loc[("instruments", "any code", "coverage"), "n_heldout"] == 171
    assert wide.loc[("instruments", "any code", "coverage"), "n_dev"] == 1567
    # each fresh batch of development clauses is scored apart
    assert wide.loc[("instruments", "fresh2", "kappa_pooled"), "n_dev"] == 110
    assert wide.loc[("instruments", "fresh3", "kappa_pooled"), "n_dev"] == 106
    assert wide.loc[("instruments", "fresh5", "kappa_pooled"), "n_dev"] == 97
    assert wide.loc[("instruments", "fresh6", "kappa_pooled"), "n_dev"] == 94
    assert wide.loc[("instruments", "fresh7", "kappa_pooled"), "n_dev"] == 100
    assert wide.loc[("instruments", "fresh8", "kappa_pooled"), "n_dev"] == 99
    assert wide.loc[("instruments", "fresh9", "kappa_pooled"), "n_dev"] == 91
    assert wide.loc[("instruments", "fresh10", "kappa_pooled"), "n_dev"] == 96
    assert wide.loc[("instruments", "fresh11", "kappa_pooled"), "n_dev"] == 96
    assert wide.loc[("instruments", "fresh12", "kappa_pooled"), "n_dev"] == 96


def test_second_reading_of_held_out_numbers_is_compared_field_by_field(ev):
    wide = side_by_side(evaluate(tasks=["annotators"], ev=ev)).set_index(["item", "metric"])
    assert wide.loc[("all_fields", "agreement"), "n_heldout"] == 157
    agree = wide["heldout"]
    # two readers agree on targets almost always, on who a support amount names far less
    assert agree[("all_fields (target)", "agreement")] >= 0.95
    assert agree[("indicator (support)", "agreement")] < 0.8
    # the extractor is scored against each reading on the same numbers
    assert (agree[("extractor vs either: all_fields", "accuracy")]
            >= agree[("extractor vs first: all_fields", "accuracy")])
    # the two instrument coders agree well above the automatic coder's goal of 0.6
    assert wide.loc[("instruments: coders", "kappa_pooled"), "n_heldout"] == 171
    assert agree[("instruments: coders", "kappa_pooled")] >= 0.8
