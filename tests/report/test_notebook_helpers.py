"""What a notebook calls to show things: notebook_setup and table_or_note."""

from __future__ import annotations

import pandas as pd

from analysis.report import Note, Tables, notebook_setup, shown_documents, table_or_note
from analysis.report.figures import SHOW_DOCUMENTS_MAX


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


def test_text_table_shows_quotes_whole_and_left_aligned():
    from analysis.report import text_table

    long = "加大科技金融支持力度，" * 20 + "设立【科技金融】专项。"
    quotes = pd.DataFrame({"doc_id": ["a_2022", "b_2012"], "n": [3, 4],
                           "quote": [long, "一、總則\n\n二、設立<基金>"]})
    shown = text_table(quotes, ["doc_id", "quote"])
    assert list(shown.frame.columns) == ["doc_id", "quote"] and len(shown) == 2
    html = shown._repr_html_()
    assert long in html  # whole, not cut to a column width
    assert "一、總則 二、設立&lt;基金&gt;" in html  # line breaks as spaces, escaped
    assert "\\n" not in html and "\n" not in html
    assert html.count("text-align: left") == 2 + 4  # every header and cell
    assert "text-align: right" not in html
    text = repr(shown)
    assert long in text and "\\n" not in text
    assert text.splitlines()[0].startswith("doc_id")


def test_text_table_of_no_rows_and_missing_values():
    from analysis.report import text_table

    assert text_table(pd.DataFrame({"quote": []}))._repr_html_().count("<tr>") == 1
    shown = text_table(pd.DataFrame({"quote": [None, float("nan"), "x"]}))
    assert shown.frame["quote"].tolist() == ["", "", "x"]


def test_sentence_quotes_quote_whole_sentences_in_the_original_script():
    from analysis.report import sentence_quotes

    docs = pd.DataFrame({"doc_id": ["t"], "text": ["一、总则\n加大科技金融支持。设立基金"],
                         "text_orig": ["一、總則\n加大科技金融支持。設立基金"]})
    hits = pd.DataFrame({"doc_id": ["t", "t", "x"], "start": [9, 16, 0], "end": [11, 18, 1]})
    out = sentence_quotes(hits, docs)
    assert out["sentence"].tolist() == ["加大科技【金融】支持。", "設立【基金】", ""]
    assert list(hits.columns) == ["doc_id", "start", "end"]  # the input is unchanged


def test_sentence_quotes_cut_a_sentence_without_end_marks():
    from analysis.report import sentence_quotes

    text = "甲" * 500 + "金融" + "乙" * 500
    out = sentence_quotes(pd.DataFrame({"doc_id": ["d"], "start": [500], "end": [502]}),
                          pd.DataFrame({"doc_id": ["d"], "text": [text]}), max_chars=10)
    assert out["sentence"].tolist() == ["…" + "甲" * 10 + "【金融】" + "乙" * 10 + "…"]


def _many_documents(n: int) -> Tables:
    docs = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n)],
                         "level": ["central", "provincial"] * (n // 2),
                         "n_words": range(n)})
    return Tables(frames={"documents": docs})


def test_shown_documents_keeps_a_large_corpus_to_a_few_and_says_so():
    from analysis.plots import new_figure

    shown = shown_documents(_many_documents(200), by="level", english=True)
    assert shown.n_shown == SHOW_DOCUMENTS_MAX and shown.total == 200
    rows = pd.DataFrame({"doc_id": ["d000", "d002", "d199"], "doc_b": ["d199"] * 3})
    assert shown.rows(rows)["doc_id"].tolist() == ["d000", "d199"]
    spread = pd.DataFrame({"doc_id": pd.Categorical(["d000", "d002"], categories=["d000",
                                                                            "d002"])})
    assert shown.rows(spread)["doc_id"].cat.categories.tolist() == ["d000"]
    fig, _ = new_figure(width=2, height=2)
    assert shown.note(fig).texts[0].get_text().startswith("6 of 200 documents shown")


def test_shown_documents_of_a_small_corpus_is_every_document_unchanged():
    tables = _many_documents(4)
    shown = shown_documents(tables)
    rows = pd.DataFrame({"doc_id": ["d000"]})
    assert shown.tables is tables and shown.rows(rows) is rows


def test_panel_figures_show_one_document_per_group_above_twelve():
    shown = shown_documents(_many_documents(40), by="level", panels=True)
    assert shown.docs["doc_id"].tolist() == ["d000", "d001"]


def test_document_in_falls_back_to_the_largest_network_of_the_corpus_loaded():
    from analysis.report import document_in

    nodes = pd.DataFrame({"doc_id": ["d2", "d1", "d1", "d3", "d3"], "term": list("abcde")})
    assert document_in(nodes, "d2") == "d2"
    # the default corpus's example document is not in a user's corpus: the largest, first
    assert document_in(nodes, "xinji_2022") == "d1"
