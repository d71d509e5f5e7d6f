"""Decoding document files: encodings, the GB18030 plausibility check, control characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import DocumentError
from analysis.text.decoding import decode_bytes, strip_controls

P = Path("docs/a.txt")


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_chinese_in_gb18030_or_gbk_is_read(encoding):
    text = "关于加快推进科技创新的实施意见。鼓励企业加大研发投入。"
    assert decode_bytes(text.encode(encoding), P) == (text, "gb18030")


def test_chinese_with_a_few_rare_characters_is_still_read():
    text = "关于加快推进科技创新的实施意见,镕铓" + "鼓励企业加大研发投入。" * 3
    assert decode_bytes(text.encode("gb18030"), P)[0] == text


def test_latin1_french_read_as_gb18030_is_refused_naming_file_and_encoding_column():
    data = "Les cafés sont prêts et très bons; des élèves.".encode("latin-1")
    with pytest.raises(DocumentError) as info:
        decode_bytes(data, P)
    msg = str(info.value)
    assert msg.startswith("docs/a.txt: is not valid UTF-8")
    assert "rare" in msg and "'encoding' column" in msg


def test_forced_encoding_reads_latin1():
    data = "Les cafés sont prêts.".encode("latin-1")
    assert decode_bytes(data, P, "latin-1") == ("Les cafés sont prêts.", "latin-1")


def test_nul_in_the_first_bytes_is_a_binary_file():
    with pytest.raises(DocumentError, match=r"docs/a\.txt: looks binary"):
        decode_bytes(b"abc\x00def", P)


def test_controls_are_stripped_and_counted_tabs_and_newlines_kept():
    assert strip_controls("a\x00b\tc\r\nd\x7f\x85e") == ("ab\tc\r\nde", 3)
    assert strip_controls("科技") == ("科技", 0)
