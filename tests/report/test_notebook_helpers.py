"""What a notebook calls to show things: notebook_setup and table_or_note."""

from __future__ import annotations

import pandas as pd

from analysis.report import Note, notebook_setup, table_or_note


def test_table_or_note_keeps_a_table_with_rows():
    table = pd.DataFrame({"doc_id": ["a"]})
    assert table_or_note(table, "unused") is table


def test_an_empty_table_becomes_a_one_line_note():
    note = table_or_note(pd.DataFrame({"doc_id": []}), "No task table here.")
    assert isinstance(note, Note)
    assert str(note) == repr(note) == "nothing to show: no task table here"
    assert note._repr_markdown_() == "> *nothing to show: no task table here*"
    assert note._repr_html_() == "<p><em>nothing to show: no task table here</em></p>"
    assert str(table_or_note(pd.DataFrame(), "R&D <targets>")) == (
        "nothing to show: R&D <targets>")
    assert "&lt;targets&gt;" in table_or_note(pd.DataFrame(), "R&D <targets>")._repr_html_()
    chinese = table_or_note(pd.DataFrame(), "没有任务分解表。")
    assert str(chinese) == "nothing to show: 没有任务分解表"


def test_notebook_setup_outside_a_notebook_sets_the_style_and_pandas_display():
    keys = ["display.max_columns", "display.max_rows", "display.precision"]
    before = {k: pd.get_option(k) for k in keys}
    try:
        notebook_setup()
        assert [pd.get_option(k) for k in keys] == [50, 200, 3]
    finally:
        for k, v in before.items():
            pd.set_option(k, v)
