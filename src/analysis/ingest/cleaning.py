"""Clean an imported text: line breaks, export boilerplate (editable patterns), repeated title.

The patterns live in ``resources/ingest_boilerplate.toml`` (or a user's copy). What a
removed line said (the PKULaw link, a posting date, the page's 来源) is kept as a hint for
the drafted metadata.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.resources import read_toml, resource_text, text_digest

__all__ = ["Cleaned", "ExportPatterns", "clean_text", "load_export_patterns", "same_title"]

DEFAULT_PATTERNS = "ingest_boilerplate.toml"
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\ufeff\u00ad"))


@dataclass(frozen=True)
class _Pattern:
    kind: str
    where: str
    regex: re.Pattern[str]
    note: str


@dataclass(frozen=True)
class ExportPatterns:
    """Patterns of :func:`load_export_patterns` and their settings."""

    patterns: tuple[_Pattern, ...]
    head_lines: int = 12
    tail_lines: int = 12
    drop_repeated_title: bool = True
    source: str = DEFAULT_PATTERNS
    max_line_chars: int = 200


@dataclass
class Cleaned:
    """What :func:`clean_text` returns: the text, the removed lines and what they said."""

    text: str
    removed: list[str] = field(default_factory=list)
    captured: dict[str, str] = field(default_factory=dict)
    repeated_title: str = ""


def load_export_patterns(source: str | os.PathLike[str] = DEFAULT_PATTERNS) -> ExportPatterns:
    """Read an export-boilerplate pattern file (packaged name or a path to your own copy).

    Examples
    --------
    >>> pats = load_export_patterns()
    >>> header = "【法宝引证码】 CLI.1.2"
    >>> pats.drop_repeated_title, any(p.regex.search(header) for p in pats.patterns)
    (True, True)
    """
    return _load_cached(str(source), text_digest(resource_text(source)))


@lru_cache(maxsize=8)
def _load_cached(source: str, digest: str) -> ExportPatterns:
    data = read_toml(source)
    pats = []
    for i, item in enumerate(data.get("pattern", []), start=1):
        kind, where = item.get("kind", "line"), item.get("where", "any")
        if kind not in ("line", "inline") or where not in ("any", "head", "tail"):
            raise ValueError(f"{source}: pattern {i}: kind must be line or inline and where "
                             "any, head or tail.")
        try:
            rx = re.compile(item["regex"])
        except (KeyError, re.error) as exc:
            raise ValueError(f"{source}: pattern {i}: missing or invalid regex ({exc}).") from exc
        pats.append(_Pattern(kind, where, rx, item.get("note", "")))
    return ExportPatterns(tuple(pats), int(data.get("head_lines", 12)),
                          int(data.get("tail_lines", 12)),
                          bool(data.get("drop_repeated_title", True)), source,
                          int(data.get("max_line_chars", 200)))


def _key(line: str) -> str:
    """A line reduced for comparison: widths, brackets and spaces made alike."""
    s = unicodedata.normalize("NFKC", line)
    s = s.replace("—", "-").replace("–", "-").replace("〈", "《").replace("〉", "》")
    return re.sub(r"[\s《》“”\"'‘’]", "", s)


def same_title(a: str, b: str) -> bool:
    """Whether two title lines are the same title, up to widths, quotes and brackets.

    Examples
    --------
    >>> same_title("行动计划(2021—2023年)的通知", "行动计划（2021-2023年）的通知")
    True
    """
    ka, kb = _key(a), _key(b)
    return bool(ka) and ka == kb


def _standard_lines(text: str) -> list[str]:
    text = text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in text.split("\n")]


def clean_text(text: str, *, patterns: ExportPatterns | None = None) -> Cleaned:
    """Remove export and web boilerplate lines; keep what they said as hints.

    Line breaks become ``\\n``, trailing spaces and runs of blank lines go; a title printed
    twice at the top (the database's copy, then the document's own) is kept once.

    Examples
    --------
    >>> raw = ("    【法宝引证码】 CLI.12.1\\n原文链接：https://example.org/a.html\\n"
    ...        "某市关于印发办法的通知\\n某市关于印发办法的通知\\n正文。")
    >>> c = clean_text(raw)
    >>> c.text
    '某市关于印发办法的通知\\n正文。'
    >>> c.captured["source_url"], c.repeated_title
    ('https://example.org/a.html', '某市关于印发办法的通知')
    """
    pats = patterns or load_export_patterns()
    lines = _standard_lines(text)
    probes = "\n".join(lines).translate(_WIDTH).split("\n")  # same length, line for line
    n = len(lines)
    kept: list[str] = []
    removed: list[str] = []
    captured: dict[str, str] = {}
    for i, line in enumerate(lines):
        probe = probes[i]
        drop = False
        for p in pats.patterns:
            if (p.where == "head" and i >= pats.head_lines) or (
                    p.where == "tail" and i < n - pats.tail_lines):
                continue
            m = p.regex.search(probe)
            if not m:
                continue
            for k, v in m.groupdict().items():
                if v and k not in captured:
                    captured[k] = v.strip()
            # a line rule drops a short line; a longer one (a document on one line) only
            # loses the matched text, and nothing if the match itself is long
            if p.kind == "line" and len(probe) <= pats.max_line_chars:
                drop = True
                break
            if p.kind == "line" and m.end() - m.start() > pats.max_line_chars:
                continue
            line = probe = (probe[: m.start()] + probe[m.end():]) if probe == line else \
                p.regex.sub("", line)
        if drop:
            removed.append(lines[i])
        else:
            kept.append(line)
    # collapse blank runs, strip blank edges
    out: list[str] = []
    for line in kept:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    repeated = ""
    if pats.drop_repeated_title:
        body = [i for i, line in enumerate(out) if line.strip()][:2]
        if len(body) == 2 and same_title(out[body[0]], out[body[1]]) and \
                len(out[body[0]].strip()) <= 200:
            repeated = out[body[0]].strip()
            removed.append(out[body[0]])
            del out[: body[1]]
    return Cleaned("\n".join(out), removed, captured, repeated)
