"""Loading a corpus folder (analysis.text.corpus): the default corpus, encodings, metadata,
and a clear error for every kind of bad input."""

from __future__ import annotations

import datetime
import hashlib
import warnings

import pytest

from analysis.errors import CorpusWarning, DocumentError, MetadataError
from analysis.text import load_corpus, read_document, read_metadata
from tests.conftest import DOC_IDS, RAW

EXPECTED = [
    # doc_id, city, province, year, era, script, city_inferred, year_inferred
    ("chifeng_2023", "赤峰市", "内蒙古自治区", 2023, "2020s", "simplified", False, False),
    ("xinji_2022", "辛集市", "河北省", 2022, "2020s", "simplified", False, False),
    ("tonghua_2012", "通化市", "吉林省", 2012, "2010s", "traditional", True, True),
    ("yinchuan_2022", "银川市", "宁夏回族自治区", 2022, "2020s", "simplified", False, False),
    ("jiayuguan_2020", "嘉峪关市", "甘肃省", 2020, "2020s", "simplified", False, False),
]


def test_default_corpus_has_the_five_documents_in_order(corpus):
    assert corpus.doc_ids == DOC_IDS


@pytest.mark.parametrize(("doc_id", "city", "province", "year", "era", "script", "ci", "yi"),
                         EXPECTED)
def test_metadata_of_each_document(corpus, doc_id, city, province, year, era, script, ci, yi):
    row = corpus.documents.set_index("doc_id").loc[doc_id]
    assert (row.city, row.province, row.year, row.era, row.script) == (
        city, province, year, era, script)
    assert (bool(row.city_inferred), bool(row.year_inferred)) == (ci, yi)
    assert row.encoding == "utf-8"


def test_raw_files_are_byte_identical_to_the_shared_corpus():
    shared = RAW.parents[2] / "shared" / "corpus"
    if not shared.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    want = {hashlib.sha256(p.read_bytes()).hexdigest() for p in shared.glob("*.txt")}
    have = {hashlib.sha256(p.read_bytes()).hexdigest() for p in RAW.glob("*.txt")}
    assert want == have


def test_traditional_document_is_simplified_and_original_kept(corpus):
    text = corpus.text("tonghua_2012")
    orig = corpus.text("tonghua_2012", original=True)
    assert "创新" in text and "創新" not in text
    assert "創新" in orig
    assert len(text) == len(orig)
    i = text.index("创新")
    assert orig[i:i + 2] == "創新"
    raw = corpus.documents.set_index("doc_id").loc["tonghua_2012", "text_raw"]
    assert "首頁 > 文章中心 > 正文" in raw  # text_raw is the file exactly as decoded


def test_texts_and_originals_are_aligned_everywhere(corpus):
    for text, orig in zip(corpus.documents["text"], corpus.documents["text_orig"], strict=True):
        assert len(text) == len(orig)


@pytest.mark.parametrize(("doc_id", "gone", "kept"), [
    ("tonghua_2012", "文章中心", "为认真贯彻落实省政府办公厅"),
    ("tonghua_2012", "本站为你精心整理", "特提出以下行动计划"),
    ("yinchuan_2022", "长者版", "民革银川市委会"),
    ("yinchuan_2022", "扫一扫在手机打开当前页", "2022年9月14日"),
    ("yinchuan_2022", "当前位置", "现将办理情况答复如下"),
    ("xinji_2022", "字体:[", "辛政办字〔2022〕22号"),
    ("xinji_2022", "相关政策解读", "确保规划的科学性和约束性"),
    ("chifeng_2023", "时间:2023-11-16", "(代拟稿)"),
    ("jiayuguan_2020", "浏览次数", "嘉政办发〔202086"),
])
def test_web_boilerplate_removed_policy_text_kept(corpus, doc_id, gone, kept):
    text = corpus.text(doc_id)
    assert gone not in text
    assert kept in text


def test_whitespace_and_widths_normalised(make_corpus):
    raw = "第一行\r\n\u3000\u3000（一）科技\u3000创新  ２０２５年\r\n\r\n\r\n\r\n末行"
    d = make_corpus({"a": raw})
    text = load_corpus(d).text("a")
    assert text == "第一行\n(一)科技创新 2025年\n\n末行"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_other_encodings_load_to_the_same_text(corpus, make_corpus, encoding):
    raw = corpus.documents.set_index("doc_id").loc["chifeng_2023", "text_raw"]
    # GBK has no en/em spaces; normalisation turns them into plain spaces anyway
    raw = raw.replace("\u2002", " ").replace("\u2003", " ")
    d = make_corpus({"copy": raw.encode(encoding)})
    loaded = load_corpus(d)
    assert loaded.text("copy") == corpus.text("chifeng_2023")
    assert loaded.documents.loc[0, "encoding"] == encoding.replace("gbk", "gb18030")


def test_era_defaults_to_decade_and_can_be_set(make_corpus):
    d = make_corpus({"a": "科技创新", "b": "科技创新"}, rows=[
        {"doc_id": "a", "file": "a.txt", "city": "甲市", "year": "2012", "era": ""},
        {"doc_id": "b", "file": "b.txt", "city": "乙市", "year": "2019", "era": "13th FYP"},
    ])
    assert load_corpus(d).documents["era"].tolist() == ["2010s", "13th FYP"]


def test_extra_metadata_columns_are_kept(make_corpus):
    d = make_corpus({"a": "科技创新"}, rows=[
        {"doc_id": "a", "file": "a.txt", "city": "甲市", "year": "2012", "my_code": "x1"}])
    assert load_corpus(d).documents.loc[0, "my_code"] == "x1"


def _rows(**over):
    row = {"doc_id": "a", "file": "a.txt", "city": "甲市", "year": "2022"}
    row.update(over)
    return [row]


@pytest.mark.parametrize(("texts", "rows", "exc", "words"), [
    ({"a": "科技"}, [], MetadataError, ["metadata.csv", "missing"]),
    ({"a": "科技"}, [{"doc_id": "a", "file": "a.txt", "year": "2022"}], MetadataError,
     ["missing required column", "city"]),
    ({"a": "科技"}, _rows(file="nope.txt"), DocumentError, ["nope.txt", "no such file"]),
    ({"a": "科技"}, _rows() * 2, MetadataError, ["duplicate", "a", "doc_id"]),
    ({"a": ""}, _rows(), DocumentError, ["a.txt", "empty"]),
    ({"a": " \n\u3000\n"}, _rows(), DocumentError, ["a.txt", "white space"]),
    ({"a": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, _rows(), DocumentError, ["a.txt", "binary"]),
    ({"a": b"\x81\x30\xff abc \xc3\x28 \xfe"}, _rows(), DocumentError,
     ["a.txt", "UTF-8"]),
    ({"a": "科技"}, _rows(year="二〇二二"), MetadataError, ["row 2", "year", "二〇二二"]),
    ({"a": "科技"}, _rows(doc_id=""), MetadataError, ["row 2", "doc_id"]),
    ({"a": "科技"}, _rows(city_inferred="maybe"), MetadataError, ["city_inferred", "maybe"]),
    ({"a": "首页 > 新闻\n扫一扫在手机打开当前页"}, _rows(), DocumentError,
     ["a.txt", "boilerplate"]),
    ({"a": "科技"}, _rows(year="3000"), MetadataError, ["row 2", "'year'", "3000", "1949"]),
    ({"a": "科技"}, _rows(year="1900"), MetadataError, ["row 2", "'year'", "1900"]),
    ({"a": "科技"}, _rows(doc_id="a+b"), MetadataError, ["row 2", "'doc_id'", "'a+b'", "'+'"]),
    ({"a": "科技"}, _rows(doc_id="a;b"), MetadataError, ["row 2", "'doc_id'", "';'"]),
    ({"a": "科技"}, _rows(doc_id="a b"), MetadataError, ["row 2", "'doc_id'", "' '"]),
    ({"a": "科技"}, _rows(doc_id="a,b"), MetadataError, ["row 2", "'doc_id'"]),
    ({"a": "科技"}, _rows(doc_id="a|b"), MetadataError, ["row 2", "'doc_id'"]),
    ({"a": "科技"}, _rows(file="../a.txt"), MetadataError,
     ["row 2", "'file'", "'../a.txt'", "outside the corpus folder", "--allow-outside-paths"]),
    ({"a": "科技"}, _rows(file="/etc/hostname"), MetadataError,
     ["row 2", "'file'", "'/etc/hostname'", "absolute path"]),
    ({"a": "Les cafés sont prêts et très bons.".encode("latin-1")}, _rows(),
     DocumentError, ["a.txt", "rare", "'encoding' column"]),
])
def test_bad_input_gets_a_clear_error(make_corpus, texts, rows, exc, words):
    d = make_corpus(texts, rows=rows)
    with pytest.raises(exc) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # a.txt is unlisted in some cases
        load_corpus(d)
    for word in words:
        assert word in str(info.value)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(MetadataError, match="no such corpus folder"):
        load_corpus(tmp_path / "nowhere")


def test_unlisted_text_file_warns_and_is_not_loaded(make_corpus):
    d = make_corpus({"a": "科技创新"})
    (d / "stray.txt").write_text("人才", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="stray.txt"):
        c = load_corpus(d)
    assert c.doc_ids == ["a"]


def test_default_corpus_loads_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_corpus(RAW)


def test_read_document_reports_encoding(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes("研发投入".encode("gbk"))
    assert read_document(p) == ("研发投入", "gb18030")


def test_subset_and_unknown_ids(corpus):
    assert corpus.subset(["xinji_2022", "chifeng_2023"]).doc_ids == ["xinji_2022", "chifeng_2023"]
    with pytest.raises(KeyError, match="nowhere"):
        corpus.subset(["nowhere"])


def test_repr_counts_the_characters_also_without_the_texts(make_corpus):
    corpus = load_corpus(make_corpus({"a": "科技创新", "b": "支持企业"}))
    shown = f"<Corpus 2 documents, 8 characters from {corpus.raw_dir}>"
    assert repr(corpus) == shown
    # (a build stage that reads none of the texts sees the corpus without them)
    bare = type(corpus)(corpus.documents.drop(columns=["text_raw", "text_orig", "text"]),
                        corpus.raw_dir)
    assert repr(bare) == shown
    assert repr(type(corpus)(bare.documents.drop(columns="n_chars"), corpus.raw_dir)) == (
        f"<Corpus 2 documents from {corpus.raw_dir}>")


def test_metadata_adds_standard_columns_and_reads_inferred_flags(make_corpus):
    d = make_corpus({"a": "科技"}, rows=_rows(city_inferred="TRUE", year_inferred=""))
    meta = read_metadata(d)
    assert {"province", "date", "doc_type", "issuer", "title", "script"} <= set(meta.columns)
    assert meta.loc[0, "era"] == "2020s"
    assert (meta.loc[0, "city_inferred"], meta.loc[0, "year_inferred"]) == (True, False)


def test_forced_encoding_column_is_used_and_checked(make_corpus):
    d = make_corpus({"a": "科技創新".encode("big5")}, rows=_rows(encoding="big5"))
    c = load_corpus(d)
    assert c.text("a", original=True) == "科技創新" and c.documents.loc[0, "encoding"] == "big5"
    d = make_corpus({"a": "科技创新"}, rows=_rows(encoding="ascii"),
                    folder="bad")
    with pytest.raises(DocumentError, match="'ascii'"):
        load_corpus(d)


def test_settings_record_the_normalisation(make_corpus):
    d = make_corpus({"a": "科技創新"})
    assert load_corpus(d).settings == {"opencc_config": "t2s", "boilerplate": "boilerplate.toml"}
    raw = load_corpus(d, boilerplate=None, opencc_config=None)
    assert raw.text("a") == "科技創新"
    assert raw.settings == {"opencc_config": "", "boilerplate": ""}


def test_current_year_plus_thirty_is_the_last_year_accepted(make_corpus):
    last = datetime.date.today().year + 30
    assert load_corpus(make_corpus({"a": "科技"}, rows=_rows(year=str(last)))).documents.loc[
        0, "year"] == last
    with pytest.raises(MetadataError, match=f"{last + 1} is outside 1949-{last}"):
        load_corpus(make_corpus({"a": "科技"}, rows=_rows(year=str(last + 1))))


def test_doc_ids_with_dots_dashes_and_han_are_accepted(make_corpus):
    d = make_corpus({"a": "科技"}, rows=_rows(doc_id="北京-2022.v2_a"))
    assert load_corpus(d).doc_ids == ["北京-2022.v2_a"]


def test_symlink_leading_outside_is_refused_and_can_be_allowed(make_corpus, tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("外部秘密文本", encoding="utf-8")
    d = make_corpus({}, rows=_rows(file="link.txt"))
    (d / "link.txt").symlink_to(secret)
    with pytest.raises(MetadataError, match=r"row 2, column 'file': 'link.txt' is a symbolic "
                                            r"link that leads outside"):
        load_corpus(d)
    assert load_corpus(d, allow_outside_paths=True).text("a") == "外部秘密文本"


def test_symlink_and_subfolder_inside_the_corpus_are_fine(make_corpus):
    d = make_corpus({}, rows=[*_rows(file="sub/a.txt"), *_rows(doc_id="b", file="b.txt")])
    (d / "sub").mkdir()
    (d / "sub" / "a.txt").write_text("科技", encoding="utf-8")
    (d / "b.txt").symlink_to(d / "sub" / "a.txt")
    assert load_corpus(d).documents["text"].tolist() == ["科技", "科技"]


def test_outside_path_allowed_explicitly(make_corpus, tmp_path):
    other = tmp_path / "elsewhere.txt"
    other.write_text("人才引进", encoding="utf-8")
    d = make_corpus({}, rows=_rows(file=str(other)))
    assert load_corpus(d, allow_outside_paths=True).text("a") == "人才引进"


def test_control_characters_anywhere_are_removed_with_a_warning(make_corpus):
    text = "科技" * 5000 + "\x00创新\x07\x1b\n人才"  # the NUL is past the binary probe
    d = make_corpus({"a": text})
    with pytest.warns(CorpusWarning, match=r"a\.txt: 3 control character\(s\)"):
        corpus = load_corpus(d)
    assert corpus.text("a").endswith("科技创新\n人才")
    assert "\x00" not in corpus.documents.loc[0, "text_raw"]


def test_long_line_keeps_its_text_when_it_holds_a_boilerplate_fragment(make_corpus):
    body = "第一条为推进科技创新,制定本办法。" * 1800
    d = make_corpus({"a": "某市科技创新办法\n2020-01-01 字体:[大中小] " + body})
    corpus = load_corpus(d)
    assert corpus.text("a").startswith("某市科技创新办法\n2020-01-01 ")
    assert corpus.text("a").endswith(body)


def test_document_losing_much_to_boilerplate_is_named_in_a_warning(make_corpus, tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text("[[pattern]]\nkind = 'line'\nregex = '^附件'\nnote = 'my rule'\n",
                     encoding="utf-8")
    d = make_corpus({"a": "办法正文。\n" + "附件" * 80 + "\n" + "正文" * 100})
    with pytest.warns(CorpusWarning, match=r"a\.txt: web-boilerplate rules removed 44% .*"
                                           r"'my rule' 160"):
        load_corpus(d, boilerplate=rules)


def test_metadata_written_by_the_safe_writer_reads_back_as_it_was(make_corpus):
    # write_csv puts ' before a leading formula character; the loader takes it off again
    raw = make_corpus({"a": "科技创新。"}, rows=[
        {"doc_id": "a", "file": "a.txt", "city": "测试市", "year": "2022",
         "title": "'-数字政府建设方案", "note": "'it stays"}])
    docs = load_corpus(raw).documents
    assert docs.loc[0, "title"] == "-数字政府建设方案"
    assert docs.loc[0, "note"] == "'it stays"
