"""The regex helpers that compile the rules' word lists."""

from __future__ import annotations

import random
import re

from analysis.targets.rule_reader import _trie_alt, alternation
from analysis.targets.rules import load_rules


def test_trie_shares_beginnings_and_tries_longer_words_first():
    assert _trie_alt(["万", "万元", "万吨", "家"]) == "万(?:元|吨)?|家"
    assert _trie_alt(["万台(套)", "万台"]) == r"万台(?:\(套\))?"
    assert _trie_alt([]) == "(?!)"
    assert re.fullmatch(_trie_alt(["低于", "不低于"]), "不低于")
    # a word that fails what follows gives way to the next shorter one, as in alternation
    pat = re.compile("(?:" + _trie_alt(["万元", "万"]) + ")元")
    assert pat.match("万元元").group(0) == "万元元"
    assert pat.match("万元").group(0) == "万元"


def test_trie_matches_what_the_alternation_matches():
    rng = random.Random(3)
    words = ["万", "万元", "万亿", "万亿元", "亿元", "元", "个", "个百分点", "百分点", "%",
             "km", "km/h", "m", "m2", "万台(套)", "万台"]
    chars = sorted(set("".join(words)) | {"x", "5"})
    for tail in ("", r"(?<![A-Za-z](?=\d))", "(?:元|x)"):
        flat = re.compile("(?:" + alternation(words) + ")" + tail)
        tree = re.compile("(?:" + _trie_alt(words) + ")" + tail)
        for _ in range(3000):
            s = "".join(rng.choice(chars) for _ in range(rng.randint(0, 8)))
            for k in range(len(s) + 1):
                a, b = flat.match(s, k), tree.match(s, k)
                assert (a and a.span()) == (b and b.span()), (s, k, tail)


def test_quantity_pattern_reads_the_packaged_units_as_before():
    rules = load_rules()
    flat = re.compile(rules.quantity.pattern.replace(
        _trie_alt(rules.units), alternation(rules.units)))
    assert flat.pattern != rules.quantity.pattern
    text = ("新增15万亿元,达到3000万台(套)以上,时速350km/h,面积5m2,提高2.5个百分点,"
            "完成1万多项,增长十二%左右,发电量120万千瓦时。")
    for k in range(len(text)):
        a, b = flat.match(text, k), rules.quantity.match(text, k)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
