"""The one-pass normalisation gives exactly what the line-by-line algorithm gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.normalize import (
    _WIDTH_TABLE,
    _clean_line,
    _converter,
    load_boilerplate,
    normalize_text,
    to_simplified,
)


def _reference_normalize(raw):
    """The plain line-by-line algorithm (one OpenCC call and one regex per pattern per
    line): the oracle for the fast one."""
    pats = load_boilerplate()
    line_pats = [p.regex for p in pats if p.kind == "line"]
    inline = [p.regex for p in pats if p.kind == "inline"]
    ko, ks, removed, converted = [], [], [], 0
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_WIDTH_TABLE)
    for line in text.split("\n"):
        orig = _clean_line(line)
        simp = to_simplified(orig)
        if any(p.search(simp) for p in line_pats):
            removed.append(orig)
            continue
        for pat in inline:
            for a, b in reversed([m.span() for m in pat.finditer(simp)]):
                orig, simp = orig[:a] + orig[b:], simp[:a] + simp[b:]
        if simp.strip() == "" and ks and ks[-1] == "":
            continue
        converted += sum(a != b for a, b in zip(orig, simp, strict=True))
        ko.append(orig.strip())
        ks.append(simp.strip())
    return "\n".join(ks).strip("\n"), "\n".join(ko).strip("\n"), tuple(removed), converted


def _fast(raw):
    n = normalize_text(raw)
    return n.text, n.text_orig, n.removed_lines, n.converted_chars


def test_fast_normalisation_equals_the_line_by_line_one(corpus):
    s2t = _converter("s2t")
    for raw in corpus.documents["text_raw"]:
        assert _fast(raw) == _reference_normalize(raw)
        trad = s2t.convert(raw)
        assert _fast(trad) == _reference_normalize(trad)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "首頁 > 文章中心 > 正文", "扫一扫在手机打开当前页", "發展  科技", "（一）２０２５年", " ",
    "", "字体:[ 大 中 小 ]", "时间:2023-11-16 09:20", "後來", "乾隆", "\u3000创新\u3000",
    "a  b", "\t", "\r", "無障礙 | 長者版", "頭髮", "打印本页"]), max_size=12))
def test_fast_normalisation_on_generated_documents(lines):
    raw = "\n".join(lines)
    assert _fast(raw) == _reference_normalize(raw)
