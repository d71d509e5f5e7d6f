"""Segmentation (analysis.text.segment): the policy-term dictionary, the Tokenizer, and the
Rust (rjieba) and pure-Python (jieba) backends: same dictionary, same tokens on the default
corpus, and the exact, documented cases where they differ."""

from __future__ import annotations

import pytest

from analysis.text import (
    DEFAULT_USER_DICT,
    Tokenizer,
    get_tokenizer,
    load_user_terms,
    token_table,
)
from tests.conftest import DOC_IDS

POLICY_TERMS = [t for t, _ in load_user_terms([DEFAULT_USER_DICT])]
REQUIRED_TERMS = ["科技型中小企业", "高新技术企业", "成果转化", "产学研", "科技特派员", "研发投入",
                  "揭榜挂帅", "容错纠错", "众创空间", "新型研发机构", "专精特新", "知识产权质押",
                  "创新联合体"]


# -- dictionaries -------------------------------------------------------------------------

def test_dictionary_is_large_and_has_the_required_terms():
    assert len(POLICY_TERMS) >= 150
    assert set(REQUIRED_TERMS) <= set(POLICY_TERMS)
    assert all(len(t) >= 2 for t in POLICY_TERMS)


def test_user_terms_read_frequencies_comments_and_keep_the_highest(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("# comment\n揭榜挂帅 500\n\n科技特派员  # no frequency\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("揭榜挂帅 900\n", encoding="utf-8")
    assert load_user_terms([a, b]) == (("揭榜挂帅", 900), ("科技特派员", 20000))


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
@pytest.mark.parametrize("term", POLICY_TERMS)
def test_each_policy_term_is_one_token_in_both_backends(backend, term):
    tok = get_tokenizer(backend=backend)
    for frame in ("{}", "推动{}。", "支持{}和", "加快{}建设"):
        assert term in tok.cut(frame.format(term)), frame


def test_user_dictionary_extends_the_policy_terms(tmp_path):
    f = tmp_path / "mine.txt"
    f.write_text("# my terms\n揭榜挂帅攻关\n", encoding="utf-8")
    tok = Tokenizer(user_dicts=[DEFAULT_USER_DICT, f], cache_dir=tmp_path)
    assert "揭榜挂帅攻关" in [w for w, _, _ in tok.tokenize("开展揭榜挂帅攻关行动")]


# -- the Tokenizer --------------------------------------------------------------------------

@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_tokenize_cut_and_boundaries_agree(backend):
    tok = get_tokenizer(backend=backend)
    text = "支持科技型中小企业开展揭榜挂帅,2025年研发投入增长3.5%。"
    triples = tok.tokenize(text)
    assert [w for w, _, _ in triples] == tok.cut(text)
    assert [s for _, s, _ in triples] + [len(text)] == tok.boundaries(text).tolist()
    assert all(text[s:e] == w for w, s, e in triples)


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_tag_covers_the_text_and_keeps_policy_terms_whole(backend):
    tok = get_tokenizer(backend=backend)
    text = "支持科技型中小企业开展揭榜挂帅,2025年研发投入增长3.5%。"
    pairs = tok.tag(text)
    assert "".join(w for w, _ in pairs) == text
    tags = dict(pairs)
    assert tags["支持"] == "v" and tags["增长"] == "v" and tags["2025"] == "m"
    assert {"科技型中小企业", "揭榜挂帅", "研发投入"} <= set(tags)


def test_both_backends_tag_a_policy_term_alike_and_punctuation_as_x():
    # a dictionary term without a tag is "" in both (jieba's own tag for it is "x"), so
    # rules on tags read the same words whichever backend segments
    text = "对高新技术企业、专精特新企业,给予奖励。"
    jieba_tags = dict(get_tokenizer(backend="jieba").tag(text))
    rjieba_tags = dict(get_tokenizer(backend="rjieba").tag(text))
    for tags in (jieba_tags, rjieba_tags):
        assert tags["高新技术企业"] == tags["专精特新企业"] == ""
        assert tags["、"] == tags["。"] == "x" and tags["对"] == "p"


def test_jieba_tag_builds_its_part_of_speech_tokenizer_once(tmp_path, monkeypatch):
    import jieba.posseg

    built = []
    real = jieba.posseg.POSTokenizer

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(jieba.posseg, "POSTokenizer", counting)
    tok = Tokenizer(backend="jieba", cache_dir=tmp_path)
    assert tok.tag("科技创新") == tok.tag("科技创新")
    tok.tag("支持企业")
    assert len(built) == 1


def test_boundaries_of_an_empty_text():
    assert get_tokenizer().boundaries("").tolist() == [0]


def test_jieba_cache_lives_in_the_cache_dir_not_tmp(tmp_path):
    tok = Tokenizer(backend="jieba", cache_dir=tmp_path)
    tok.tokenize("科技")
    assert (tmp_path / "jieba.cache").is_file()


def test_shared_tokenizer_per_setting():
    assert get_tokenizer() is get_tokenizer()
    assert get_tokenizer(hmm=False) is not get_tokenizer()
    assert get_tokenizer(hmm=False).fingerprint != get_tokenizer().fingerprint
    assert get_tokenizer(backend="jieba").fingerprint != get_tokenizer().fingerprint
    assert get_tokenizer().backend == "rjieba"  # the default


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="rjieba"):
        Tokenizer(backend="thulac")


# -- jieba and rjieba -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def both(corpus):
    return {b: token_table(corpus, tokenizer=get_tokenizer(backend=b), cache_dir=False)
            for b in ("jieba", "rjieba")}


def test_backends_give_identical_tokens_on_the_five_documents(both):
    jb, rs = both["jieba"], both["rjieba"]
    assert jb["doc_id"].unique().tolist() == DOC_IDS
    assert len(jb) == len(rs) > 20_000  # every token of every document, not a sample
    assert jb.equals(rs)


# Where the two differ (none of it occurs in the five documents): jieba-rs keeps an ASCII
# run of letters or digits joined by "-" or "." as one token; jieba splits it at the "-"
# and at a second ".". Dates and ranges become one number token (dropped by the default
# filter either way); a Latin word with a hyphen becomes one Latin token.
DIFFERENCES = [
    ("时间:2023-11-16", ["时间", ":", "2023", "-", "11", "-", "16"], ["时间", ":", "2023-11-16"]),
    ("2021-2025年", ["2021", "-", "2025", "年"], ["2021-2025", "年"]),
    ("3-5家", ["3", "-", "5", "家"], ["3-5", "家"]),
    ("2023.11.16", ["2023.11", ".", "16"], ["2023.11.16"]),
    ("COVID-19疫情", ["COVID", "-", "19", "疫情"], ["COVID-19", "疫情"]),
]
SAME = ["增长3.5%以上", "达到1.5万家", "R&D经费", "5G基站", "10%-15%", "12:30", "3/4",
        "20.5亿元", "第十四个五年规划"]


@pytest.mark.parametrize(("text", "jieba_tokens", "rjieba_tokens"), DIFFERENCES)
def test_documented_differences(text, jieba_tokens, rjieba_tokens):
    assert get_tokenizer(backend="jieba").cut(text) == jieba_tokens
    assert get_tokenizer(backend="rjieba").cut(text) == rjieba_tokens


@pytest.mark.parametrize("text", SAME)
def test_numbers_and_latin_without_joiners_agree(text):
    assert get_tokenizer(backend="jieba").cut(text) == get_tokenizer(backend="rjieba").cut(text)


def test_rjieba_tokenizers_of_the_same_terms_share_one_segmenter(tmp_path):
    # a tokenizer with its own jieba cache folder (the build's) and the default one (the
    # targets stage's) load the dictionary once in a process
    build_tok = get_tokenizer(backend="rjieba", cache_dir=tmp_path)
    assert build_tok is not get_tokenizer(backend="rjieba")
    assert build_tok._impl is get_tokenizer(backend="rjieba")._impl
    assert get_tokenizer(backend="rjieba", hmm=False)._impl is build_tok._impl
    extra = tmp_path / "extra.txt"
    extra.write_text("测试专用的词语 100\n", encoding="utf-8")
    other = get_tokenizer(backend="rjieba", user_dicts=[DEFAULT_USER_DICT, extra])
    assert other._impl is not build_tok._impl


def test_the_shared_rjieba_segmenters_of_two_term_sets_only_are_kept(tmp_path):
    # a notebook comparing dictionaries holds at most two cached segmenters (~24 MB each)
    from analysis.text import segment

    for i in range(3):
        extra = tmp_path / f"extra{i}.txt"
        extra.write_text(f"测试专用词{i} 100\n", encoding="utf-8")
        Tokenizer(backend="rjieba", user_dicts=[DEFAULT_USER_DICT, extra]).cut("测试")
    assert segment._rjieba.cache_info().currsize == 2
