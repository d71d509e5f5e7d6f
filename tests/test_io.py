"""The table writers: atomic, deterministic, and the Arrow CSV path byte-identical to
pandas."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import term_table, top_terms
from analysis.io import (
    arrow_csv_text,
    atomic_open,
    csv_text,
    excel_safe,
    safe_cell,
    safe_cells,
    write_csv,
    write_parquet,
    write_table,
    write_xlsx,
)


def _pandas_csv(df):
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\r\n")
    return buf.getvalue().encode("utf-8")


CELLS = st.text(st.sampled_from(list('ab,"\r\n 科技 ;\'\\=-\x07')), max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELLS, st.integers(-10**12, 10**12),
                          st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                          st.none() | CELLS), min_size=1, max_size=30))
def test_arrow_csv_is_byte_identical_to_pandas(rows):
    df = pd.DataFrame(rows, columns=["text", "n", "x", "flag", "maybe"])
    df = df.astype({"text": "str", "maybe": "str", "n": "int64", "x": "float64"})
    assert csv_text(df).text is None  # made safe and formatted by Arrow
    assert b"".join(csv_text(df).pieces()) == _pandas_csv(safe_cells(df))
    # written in pieces of a few rows (large tables never hold their whole text at once)
    pieces = list(csv_text(df, chunk_bytes=1).pieces())  # the header, then a row each
    assert len(pieces) == 1 + len(df)
    assert b"".join(pieces) == _pandas_csv(safe_cells(df))
    # the same from the Arrow table, with no pandas code
    assert b"".join(arrow_csv_text(pa.Table.from_pandas(df)).pieces()) == b"".join(pieces)


def test_float_csv_text_is_pandas_text_at_the_notation_switches():
    # where repr and Arrow's float text switch between fixed and exponent notation, and
    # whole numbers (repr writes "2.0"): every value as pandas writes it
    edges = [1e-4, 1e10, 1e15, 1e16, 1.0, 0.0]
    values = [0.5, 2.0, -0.0, 1e-05, 12345.678, 1 / 3, 9999999999.999998, 10000000744.0,
              294616896242.8235, 5e-324, 1.7976931348623157e308, np.nan, np.inf, -np.inf]
    for edge in edges:
        near = [edge]
        for direction in (np.inf, -np.inf):
            x = edge
            for _ in range(3):
                x = np.nextafter(x, direction)
                near.append(x)
        values += near + [-x for x in near]
    df = pd.DataFrame({"doc_id": ["a"] * len(values), "x": np.array(values)})
    assert csv_text(df).text is None  # formatted by Arrow
    assert b"".join(csv_text(df).pieces()) == _pandas_csv(df)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.none() | CELLS, st.none() | st.integers(-10**15, 10**15),
                          st.none() | st.integers(0, 255), CELLS), min_size=1, max_size=30),
       st.booleans())
def test_object_and_nullable_int_columns_csv_is_byte_identical_to_pandas(rows, nan):
    df = pd.DataFrame(rows, columns=["doc_id", "year", "small", "text"])
    doc_id = df["doc_id"].astype(object)
    df = df.astype({"year": "Int64", "small": "UInt8", "text": "str"}).assign(
        doc_id=doc_id.where(doc_id.notna(), np.nan if nan else None))
    assert df["doc_id"].dtype == object
    text = csv_text(df, chunk_bytes=7)
    assert text.text is None  # made safe and formatted by Arrow
    assert b"".join(text.pieces()) == _pandas_csv(safe_cells(df))


def test_object_columns_of_other_values_fall_back_to_pandas():
    for cells in (["x", 1.5], ["x", b"y"], [["a"], "b"]):
        df = pd.DataFrame({"a": pd.Series(cells, dtype=object), "n": [1, 2]})
        assert csv_text(df).text == _pandas_csv(df)
    # NumPy's narrow float NaNs count as missing to pandas but are no null to Arrow
    for nan in (np.float32("nan"), np.float16("nan")):
        df = pd.DataFrame({"a": pd.Series(["x", nan], dtype=object), "n": [1, 2]})
        assert b"".join(csv_text(df).pieces()) == b"a,n\r\nx,1\r\n,2\r\n"
    df = pd.DataFrame({"a": pd.Series([None, None], dtype=object),
                       "n": pd.array([None, 3], dtype="Int64")})
    assert b"".join(csv_text(df).pieces()) == b"a,n\r\n,\r\n,3\r\n"


def test_csv_of_the_main_tables_is_pandas_csv(tokens, tmp_path):
    terms = term_table(tokens)
    for name, df in (("tokens", tokens), ("terms", terms), ("keywords", top_terms(terms))):
        path = write_csv(df, tmp_path / f"{name}.csv")
        assert path.read_bytes() == b"\xef\xbb\xbf" + _pandas_csv(safe_cells(df)), name


def test_other_columns_fall_back_to_pandas(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "when": pd.to_datetime(["2024-01-01", "2024-02-01"])})
    assert csv_text(df).text == _pandas_csv(df)
    single = pd.DataFrame({"a": [1, 2], "x": np.array([0.1, 1e-5], dtype=np.float32)})
    assert csv_text(single).text == _pandas_csv(single)
    path = write_csv(df, tmp_path / "x.csv")
    assert path.read_bytes() == b"\xef\xbb\xbf" + _pandas_csv(df)


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(path) as fh:
        fh.write("half")
        raise RuntimeError("interrupted")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_parquet_is_byte_reproducible_and_arrow_dictionaries_read_as_strings(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "a", "b"], "position": [0, 1, 0],
                       "token": ["科技", "创新", "发展"]})
    first = write_parquet(df, tmp_path / "1.parquet").read_bytes()
    assert write_parquet(df, tmp_path / "2.parquet").read_bytes() == first
    table = pa.table({"doc_id": pa.array(["a", "a", "b"]).dictionary_encode(),
                      "position": pa.array([0, 1, 0], pa.int32())})
    back = pd.read_parquet(write_parquet(table, tmp_path / "3.parquet"))
    assert back["doc_id"].tolist() == ["a", "a", "b"] and str(back["doc_id"].dtype) == "str"


def test_table_gets_parquet_and_an_excel_csv_without_long_texts(tmp_path):
    df = pd.DataFrame({"doc_id": ["a"], "text": ["全文"], "terms": [["科技", "创新"]]})
    paths = write_table(df, tmp_path, "docs", csv_exclude=("text",))
    assert [p.name for p in paths] == ["docs.parquet", "docs.csv"]
    csv = paths[1].read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and "科技、创新".encode() in csv
    assert b"text" not in csv
    assert write_table(df, tmp_path / "no_csv", "docs", csv=False)[0].suffix == ".parquet"


def test_excel_safe_joins_lists_and_copies_only_when_needed():
    plain = pd.DataFrame({"doc_id": ["a"], "n": [1]})
    assert excel_safe(plain) is plain
    lists = pd.DataFrame({"doc_id": ["a"], "terms": [["x", 1]]})
    assert excel_safe(lists)["terms"].tolist() == ["x、1"]
    assert lists["terms"].tolist() == [["x", 1]]


def test_workbook_is_byte_identical_when_written_again(tmp_path):
    sheets = {"a" * 40: pd.DataFrame({"doc_id": ["a"], "terms": [["x", "y"]]})}
    first = write_xlsx(sheets, tmp_path / "1.xlsx").read_bytes()
    assert write_xlsx(sheets, tmp_path / "2.xlsx").read_bytes() == first
    assert list(pd.read_excel(tmp_path / "1.xlsx", sheet_name=None)) == ["a" * 31]


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]


@pytest.mark.parametrize("dtype", ["str", object])
def test_csv_cells_never_start_a_formula(tmp_path, dtype):
    df = pd.DataFrame({"doc_id": ["a"] * len(FORMULAS), "text": FORMULAS,
                       "n": range(-3, 3)}).astype({"text": dtype})
    back = pd.read_csv(write_csv(df, tmp_path / "t.csv"), encoding="utf-8-sig",
                       keep_default_na=False)
    assert back["text"].tolist() == ["'" + f for f in FORMULAS]
    assert back["n"].tolist() == [-3, -2, -1, 0, 1, 2]  # numbers stay numbers
    assert df["text"].tolist() == FORMULAS  # the caller's frame is unchanged


def test_csv_and_xlsx_drop_control_characters(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["科\x00技\x1b", "\x01=1"]})
    csv = write_csv(df, tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert csv.splitlines() == ["doc_id,text", "a,科技", "b,'=1"]
    import openpyxl

    ws = openpyxl.load_workbook(write_xlsx({"t": df}, tmp_path / "t.xlsx"))["t"]
    assert [c.value for c in ws["B"]] == ["text", "科技", "'=1"]


def test_xlsx_holds_text_not_formulas(tmp_path):
    import openpyxl

    df = pd.DataFrame({"text": FORMULAS, "x": [-1.5] * len(FORMULAS)})
    ws = openpyxl.load_workbook(write_xlsx({"t": df}, tmp_path / "t.xlsx"))["t"]
    cells = list(ws["A"])[1:]
    assert all(c.data_type == "s" and c.value.startswith("'") for c in cells)
    assert {c.value for c in list(ws["B"])[1:]} == {-1.5}


def test_parquet_keeps_the_raw_values(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["=1+1", "-x\x00"]})
    parquet, csv = write_table(df, tmp_path, "t")
    assert pd.read_parquet(parquet)["text"].tolist() == ["=1+1", "-x\x00"]
    assert csv.read_text(encoding="utf-8-sig").splitlines()[1:] == ["a,'=1+1", "b,'-x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("=+-@\t\r\n\x00\x0b\x1f\x7fa科'")), max_size=5),
                min_size=1, max_size=8))
def test_safe_cells_of_any_text(texts):
    df = pd.DataFrame({"a": texts, "b": texts}).astype({"a": "str", "b": object})
    safe = safe_cells(df)
    for col in ("a", "b"):
        assert safe[col].tolist() == [safe_cell(t) for t in texts]
    for cell in safe["a"]:
        assert len(cell) == 1 or not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert not any(ch in cell for ch in "\x00\x0b\x1f")


def test_safe_cells_is_df_when_nothing_changes():
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["科技", "="], "cmp": ["-", "≥"]})
    assert safe_cells(df) is df  # a lone = or - cannot hold a formula
