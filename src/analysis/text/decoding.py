"""Decoding document files: UTF-8 (with or without BOM), UTF-16 and GB18030/GBK.

A file that is not UTF-8 is tried as GB18030, which accepts almost any byte sequence: the
result is checked for plausibility, so that text in another encoding (Latin-1 French read
as GB18030 gives ``caf閟``) is an error naming the file instead of garbage in the tables.
Control characters (NUL and the other C0/C1 codes but tab and line breaks) are removed
from every decoded text and counted, so the caller can warn.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.errors import DocumentError
from analysis.text.chars import HAN_RE

__all__ = ["BINARY_PROBE_BYTES", "CONTROL_RE", "decode_bytes", "strip_controls"]

#: A NUL byte in this many leading bytes makes a file binary (an error), not text.
BINARY_PROBE_BYTES = 8192
#: Control characters removed from decoded text: C0 codes but tab, LF and CR, DEL and
#: the C1 codes (none of them is text; NUL and most C0 codes also break XLSX cells).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
# What GB18030-decoded Chinese text is made of (Han, CJK and general punctuation, full-width
# forms, printable ASCII): bytes of another encoding decoded as GB18030 give other characters.
_PLAUSIBLE_RE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\n\r\t《》“”‘’—…·]"
)
# Han characters outside GB2312 (the 6,763 common ones) make up well under 1% of Chinese
# text; bytes of a Latin encoding read as GB18030 give mostly such rare characters.
_RARE_HAN_SHARE = 0.3
_SAMPLE_CHARS = 20_000


def _rare_han_share(sample: str) -> tuple[float, int]:
    """The share of the Han characters of ``sample`` that GB2312 cannot encode, and how
    many Han characters there are."""
    han = HAN_RE.findall(sample)
    if not han:
        return 0.0, 0
    rare = sum(han.count(ch) for ch in set(han) if not _in_gb2312(ch))
    return rare / len(han), len(han)


def strip_controls(text: str) -> tuple[str, int]:
    """Remove control characters (:data:`CONTROL_RE`); return the text and how many went.

    Examples
    --------
    >>> strip_controls("科技\\x00创新\\x07\\n")
    ('科技创新\\n', 2)
    """
    if not CONTROL_RE.search(text):
        return text, 0
    out = CONTROL_RE.sub("", text)
    return out, len(text) - len(out)


def decode_bytes(data: bytes, path: Path, forced: str | None = None) -> tuple[str, str]:
    """Decode the bytes of the file ``path``; return ``(text, encoding)``.

    ``forced`` is the encoding named in ``metadata.csv`` (used as given). Otherwise: a
    UTF-8 or UTF-16 byte-order mark decides; a NUL in the first :data:`BINARY_PROBE_BYTES`
    bytes is a binary file; then UTF-8, then GB18030 if the result reads as Chinese.

    Raises
    ------
    DocumentError
        Naming the file and what to do (re-save as UTF-8 or fill the ``encoding`` column).

    Examples
    --------
    >>> decode_bytes("科技创新".encode("gb18030"), Path("a.txt"))
    ('科技创新', 'gb18030')
    >>> decode_bytes("Les cafés sont prêts.".encode("latin-1"), Path("fr.txt"))
    Traceback (most recent call last):
    ...
    analysis.errors.DocumentError: fr.txt: is not valid UTF-8 and does not read as GB18030 \
Chinese text either (2 of 2 Han characters are rare ones, e.g. '閟阾'); re-save it as UTF-8, \
or name its encoding (e.g. latin-1, big5) in an 'encoding' column of metadata.csv.
    """
    if forced:
        try:
            return data.decode(forced), forced
        except (LookupError, UnicodeDecodeError) as exc:
            raise DocumentError(
                f"{path}: cannot be decoded with the encoding {forced!r} given in "
                f"metadata.csv ({exc}); fix the 'encoding' column or leave it empty to detect."
            ) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:BINARY_PROBE_BYTES]:
        raise DocumentError(
            f"{path}: looks binary (it contains NUL bytes); policy-lens reads plain-text "
            "files: export the document as .txt (UTF-8) and list that file instead."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    hint = ("re-save it as UTF-8, or name its encoding (e.g. latin-1, big5) in an "
            "'encoding' column of metadata.csv.")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: is neither UTF-8 nor GB18030/GBK text ({exc}); {hint}") from exc
    sample = text[:_SAMPLE_CHARS]
    plausible = len(_PLAUSIBLE_RE.findall(sample)) / max(len(sample), 1)
    if plausible < 0.97 or not HAN_RE.search(sample):
        raise DocumentError(
            f"{path}: is not valid UTF-8 and does not read as GB18030 Chinese text either "
            f"(only {plausible:.0%} plausible characters); {hint}"
        )
    rare, n_han = _rare_han_share(sample)
    if rare > _RARE_HAN_SHARE:
        examples = "".join(sorted({c for c in HAN_RE.findall(sample)
                                   if not _in_gb2312(c)})[:5])
        raise DocumentError(
            f"{path}: is not valid UTF-8 and does not read as GB18030 Chinese text either "
            f"({round(rare * n_han)} of {n_han} Han characters are rare ones, e.g. "
            f"{examples!r}); {hint}"
        )
    return text, "gb18030"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
