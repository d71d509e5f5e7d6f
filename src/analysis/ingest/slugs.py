"""Readable, stable, ASCII ``doc_id`` values from a document's year, issuer and title.

``2022_baotou_shuzi-zhengfu-jianshe-kaoping`` reads as year, place (or the issuing organ,
for central documents) and the first words of the title, in toneless pinyin (pypinyin)
cut into words by jieba. The same metadata always gives the same id; nothing random
enters it. When two documents would get the same id, the later one (in import order) gets
the first characters of its checksum appended, and the import reports it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.ingest.gazetteer import find_place, match_place, short_name

__all__ = ["make_doc_id", "pinyin_words", "segmenter", "unique_id"]

MAX_LENGTH = 60
_GENERIC = re.compile(r"(人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|领导小组)$")
_TITLE_NOISE = re.compile(
    r"^(关于)?(印发|转发|公布|发布)?|(的)?(补充)?通知$|[《》〈〉“”\"'（）()〔〕\[\]]")
_FUNCTION_WORDS = {"的", "和", "与", "及", "等", "关于", "于", "之", "对", "在", "为", "进一步"}


@lru_cache(maxsize=1)
def segmenter():
    """jieba, loaded once and quiet (its dictionary loads on first use).

    Examples
    --------
    >>> segmenter().lcut("数字政府", HMM=False)
    ['数字', '政府']
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def pinyin_words(text: str, *, limit: int = 6) -> list[str]:
    """The first ``limit`` content words of ``text`` in toneless pinyin (ASCII words kept).

    Examples
    --------
    >>> pinyin_words("数字政府建设考评办法")
    ['shuzi', 'zhengfu', 'jianshe', 'kaoping', 'banfa']
    """
    from pypinyin import lazy_pinyin

    out = []
    for word in segmenter().lcut(text, HMM=False):
        word = word.strip()
        if not word or word in _FUNCTION_WORDS:
            continue
        if re.fullmatch(r"[A-Za-z0-9]+", word):
            out.append(word.lower())
        elif re.search(r"[\u4e00-\u9fff]", word):
            syl = "".join(lazy_pinyin(re.sub(r"[^\u4e00-\u9fff]", "", word)))
            out.append(re.sub(r"[^a-z]", "", syl.lower()))
        if len(out) >= limit:
            break
    return [w for w in out if w]


def _issuer_part(issuer: str) -> tuple[str, str]:
    """``(ascii part, Chinese prefix to strip from the title)`` for the first issuer."""
    first = re.split(r"[；;、\s]+", issuer.strip())[0] if issuer.strip() else ""
    if not first:
        return "", ""
    place = find_place(first)
    if place is not None:
        return "".join(pinyin_words(short_name(place), limit=3)), first
    core = re.sub(r"^(中华人民共和国|国家|中国)", "", _GENERIC.sub("", first)) or first
    words: list[str] = []
    for w in segmenter().lcut(core, HMM=False):  # 药品监督管理局 -> 药品 监督
        if w not in _FUNCTION_WORDS:
            words += [w[k:k + 2] for k in range(0, len(w), 2)] if len(w) > 4 else [w]
    return "-".join(p for w in words[:2] for p in pinyin_words(w, limit=1)), first


def make_doc_id(year: str, issuer: str, title: str, *, fallback: str = "") -> str:
    """``{year}_{issuer}_{title words}``, ASCII, at most 60 characters.

    Parts that are unknown are left out; without a title, ``fallback`` (an English title, a
    file name, a first line) gives the words.

    Examples
    --------
    >>> make_doc_id("2022", "包头市人民政府办公室",
    ...             "包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知")
    '2022_baotou_2022-nian-shuzi-zhengfu-jianshe-kaoping'
    >>> make_doc_id("2013", "工业和信息化部", "")
    '2013_gongye-xinxihua'
    >>> make_doc_id("2019", "山东省人民政府", "", fallback="Guiding Opinions on AI")
    '2019_shandong_guiding-opinions-ai'
    >>> make_doc_id("", "", "", fallback="Report A (final).docx")
    'report-final-docx'
    """
    who, prefix = _issuer_part(issuer)
    t = title.strip()
    if prefix and t.startswith(prefix):
        t = t[len(prefix):]
    t = _TITLE_NOISE.sub("", t)
    if who:  # the place again at the start of the title adds nothing
        t = t[match_place(t)[1]:]
    words = "-".join(pinyin_words(t, limit=6))
    if not words and fallback:  # an English title, a file name, the first line
        words = _fallback_words(fallback)
    parts = [p for p in (year.strip(), who, words) if p]
    if not who and not words:
        base = re.sub(r"[^a-z0-9]+", "-", fallback.lower()).strip("-")
        if not base and fallback:
            base = "-".join(pinyin_words(fallback, limit=6))
        parts = [p for p in (year.strip(), base or "doc") if p]
    doc_id = "_".join(parts)
    if len(doc_id) > MAX_LENGTH:
        cut = doc_id[:MAX_LENGTH]
        doc_id = cut[: max(cut.rfind("-"), cut.rfind("_"))] if "-" in cut[20:] else cut
    return doc_id.strip("-_") or "doc"


_ENGLISH_STOP = {"the", "of", "on", "for", "and", "in", "to", "a", "an", "by", "with", "from"}


def _fallback_words(text: str) -> str:
    if re.search(r"[\u4e00-\u9fff]", text):
        return "-".join(pinyin_words(text, limit=6))
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _ENGLISH_STOP]
    return "-".join(words[:6])


def unique_id(doc_id: str, sha256: str, taken: set[str]) -> str:
    """``doc_id``, or ``doc_id-`` plus the first characters of ``sha256`` if it is taken.

    Examples
    --------
    >>> unique_id("2022_a", "ab12cd34", {"2022_a"})
    '2022_a-ab12cd'
    """
    if doc_id not in taken:
        return doc_id
    for n in (6, 10, 16, 64):
        cand = f"{doc_id}-{sha256[:n]}"
        if cand not in taken:
            return cand
    raise ValueError(f"cannot make {doc_id!r} unique")
