"""Where a wrapped document begins: a notice and its attached document, and appendices.

A notice that issues another document (``关于印发《…方案》的通知``) holds the notice
(addressees, the issuing sentence ``现印发给你们,请认真贯彻执行``, signature and date) and
then the attached document itself, with its own title and outline. A policy text may
also end with appended documents (``附件`` and a list, a table or a form whose numbering
starts again). :func:`document_parts` finds these boundaries from the lines of the text
and the words of ``[wrapper]`` in ``resources/structure.toml``; the clause table's
``part`` column (``notice``, ``attachment``, ``body``, ``appendix``) comes from them.

Lines are ``(start, end)`` offsets, as in :mod:`analysis.structure.lines`.

Examples
--------
>>> from analysis.structure.lines import split_lines
>>> from analysis.structure.rules import load_structure_rules
>>> text = "各区:\\n现将《方案》印发给你们,请认真贯彻执行。\\n某局\\n2023年3月1日\\n方案\\n一、目标"
>>> parts = document_parts(text, split_lines(text), [(text.index("一、"), 1)],
...                        rules=load_structure_rules())
>>> text[parts.attachment:parts.attachment + 2]
'方案'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from analysis.structure.rules import StructureRules

__all__ = ["Parts", "document_parts", "split_rows"]

#: the signature's date is looked for within this many lines after the issuing phrase
_SIGNATURE_LINES = 12

Lines = list[tuple[int, int]]


@dataclass(frozen=True)
class Parts:
    """Offsets where the attached document, the appendix and a further document after the
    appendix begin (``None``: none)."""

    attachment: int | None = None
    appendix: int | None = None
    further: int | None = None
    #: where each document after the ``further`` one begins (a notice issuing three or more)
    more: tuple[int, ...] = ()

    def part(self, pos: int) -> str:
        """``notice``, ``attachment``, ``body`` or ``appendix`` for a character offset (a
        further document is policy text again: ``attachment`` or ``body``)."""
        if self.further is not None and pos >= self.further:
            return "body" if self.attachment is None else "attachment"
        if self.appendix is not None and pos >= self.appendix and (
                self.attachment is None or self.attachment < self.appendix
                or pos < self.attachment):
            # appended forms may stand before the attached document
            return "appendix"
        if self.attachment is None:
            return "body"
        return "attachment" if pos >= self.attachment else "notice"

    def boundary_after(self, pos: int) -> int | None:
        """The first offset after ``pos`` where another part or document begins (the
        attached document, the appendix, a further document), ``None`` if none does."""
        later = [b for b in (self.attachment, self.appendix, self.further, *self.more)
                 if b is not None and b > pos]
        return min(later, default=None)

    def region(self, pos: int) -> str:
        """The part of an offset, with a further document apart (``further``): each region
        has an outline of its own."""
        if self.further is not None and pos >= self.further:
            later = sum(pos >= b for b in self.more)
            return f"further{later + 1}" if later else "further"
        return self.part(pos)


def _stripped(text: str, a: int, b: int) -> str:
    return text[a:b].strip(" \t\u3000\xa0")


def _next_nonblank(text: str, lines: Lines, i: int, stop: int) -> int | None:
    while i < stop:
        if _stripped(text, *lines[i]):
            return i
        i += 1
    return None


def document_parts(text: str, lines: Lines, labels: list[tuple[int, int | None]], *,
                   rules: StructureRules) -> Parts:
    """Where the attached document and the appendix begin.

    Parameters
    ----------
    text, lines
        The document and its line offsets.
    labels : list of (int, int or None)
        The offset and number of each outline label at a line start, in text order
        (the parser's pass A); a table is given with the number ``None``.
    rules : StructureRules
        ``[wrapper]`` phrases and patterns (and the date line of ``[back_matter]``).
    """
    n = len(lines)
    starts = [a for a, _b in lines]
    first_label = labels[0][0] if labels else len(text)
    first_line = _line_of(starts, first_label) if labels else n
    attachment = None
    issuing = False
    # 1. an issuing phrase before the first outline label
    for i in range(min(first_line, n)):
        s = _stripped(text, *lines[i])
        if s and rules.notice_phrase.search(s):
            j = i + 1
            stop = min(n, i + 1 + _SIGNATURE_LINES, max(first_line, i + 1))
            after = None
            while j < stop:
                sj = _stripped(text, *lines[j])
                if sj and rules.date_line.match(sj.replace(" ", "")):
                    after = j + 1
                    break
                j += 1
            k = _next_nonblank(text, lines, after if after is not None else i + 1, n)
            # the attachment list line and closing lines ((此件公开发布)) are the notice's
            # (a 附件 line that holds the first label is the attached document's)
            while k is not None and k != first_line and (
                    rules.annex_line.match(_stripped(text, *lines[k]))
                    or rules.back_line.search(_stripped(text, *lines[k]))):
                k = _next_nonblank(text, lines, k + 1, n)
            if k is not None and k <= first_line:
                attachment = _line_text_start(text, lines[k])
                issuing = True
            break
    # 2. a 附件 line, the title of a form, or a signature date, after outline labels, with
    #    the outline starting again after it: a second document begins there
    appendix = None
    issued: list[int] = []
    positions = [p for p, _num in labels]
    if labels:
        begin = max(first_label, attachment or 0)
        for i in range(_line_of(starts, begin) + 1, n):
            s = _stripped(text, *lines[i])
            if not s:
                continue
            dated = bool(rules.date_line.match(s.replace(" ", "")))
            # 附件: heads the notice's own list of attachments, not an attached document
            if not (dated or rules.annex_line.match(s) or rules.form_title.match(s)) \
                    or s.endswith((":", "：")):
                continue
            listed = rules.attachment_list.match(s)
            k = _next_nonblank(text, lines, i + 1, n) if dated else i
            if listed and (listed.group(1) or "").isdigit():
                # 附件：1.某某申报书 opens the notice's list of attachments, not one of
                # them: the document opens after the list's last item where it follows
                # the list directly (no signature date, no 附件1 line before its outline)
                k = _after_list(text, lines, i, starts, positions, rules=rules)
                if k is None:
                    continue
            while dated and k is not None and (rules.annex_line.match(_stripped(text, *lines[k]))
                                               or rules.back_line.search(
                                                   _stripped(text, *lines[k]))):
                k = _next_nonblank(text, lines, k + 1, n)
            if k is None:
                break
            nxt = bisect_right(positions, starts[k] - 1)
            if nxt == len(labels) or labels[nxt][1] not in (1, None):
                continue
            if bisect_left(positions, begin) >= nxt:
                continue
            opened = _line_text_start(text, lines[k])
            if attachment is None and rules.form_title.match(
                    _annex_title(text, lines, k, rules=rules)):
                # an appended form (申报书, 推荐表) whose fields are numbered 一、…: an
                # appendix, also after a notice with an outline of its own (after an
                # attached document, a form is an appendix unless the notice names it);
                # a document after the forms may still be the attached one
                appendix = opened if appendix is None else appendix
                continue
            if attachment is None and _is_notice(text, lines, k, first_line, rules=rules):
                # a notice with an outline of its own, then the attached document; a
                # later 附件 whose outline starts again is an appendix
                attachment = begin = opened
                if appendix is not None:
                    # the forms before it are its appendices
                    break
                continue
            if appendix is not None:
                continue
            if issuing and _issued(text, lines, i, attachment, rules=rules):
                # a second document that a notice with an issuing phrase (印发给你们)
                # names in its title or in 《》: policy text with an outline of its own,
                # not an appendix; a third one and more likewise
                issued.append(opened)
                begin = opened
                continue
            if issued:
                continue
            appendix = opened
            break
    if issued:
        return Parts(attachment, None, issued[0], more=tuple(issued[1:]))
    further = None if appendix is None else _further(text, lines, labels, appendix,
                                                     rules=rules)
    return Parts(attachment, appendix, further)


#: the shortest title of an attached document that is looked for in the notice
_ISSUED_TITLE_CHARS = 4
_QUOTED = re.compile(r"《([^《》]+)》")
#: a sentence (its lines may be hard-wrapped)
_SENTENCE = re.compile(r"[^。；;！!？?]+")


def _issued(text: str, lines: Lines, i: int, attachment: int, *,
            rules: StructureRules) -> bool:
    """Whether the document that line ``i`` (``附件2``, ``附件2：某某办法``) opens is one
    the notice issues: its title (on that line or the next) is named in the notice's title
    line, or in 《》 in a sentence of the notice before ``attachment`` that holds an issuing
    phrase (``现将《…》印发给你们``) or opens with the titles just before it (``《…》已经
    市政府同意。现印发给你们``); a 《》 title elsewhere, ``请将《…》执行情况报送``, is not
    issued. Titles are compared without 《》 and a closing ``（试行）`` (``[wrapper]
    title_qualifier``), one holding the other."""
    title = _bare_title(_annex_title(text, lines, i, rules=rules), rules)
    if len(title) < _ISSUED_TITLE_CHARS:
        return False
    first = _next_nonblank(text, lines, 0, len(lines))
    head = _bare_title(_stripped(text, *lines[first]), rules) if first is not None else ""
    if title in head and head != title:
        return True
    sentences = [re.sub(r"\s", "", m.group()) for m in _SENTENCE.finditer(text, 0, attachment)]
    # the issuing sentence, and one before it that opens (after the addressees' colon)
    # with the titles the notice puts out (《…》已经市政府同意。现印发给你们…)
    named = [_bare_title(q, rules) for k, sent in enumerate(sentences)
             if rules.notice_phrase.search(sent) or (
                 re.split(r"[:：]", sent)[-1].startswith("《") and k + 1 < len(sentences)
                 and rules.notice_phrase.search(sentences[k + 1]))
             for q in _QUOTED.findall(sent)]
    return any(len(q) >= _ISSUED_TITLE_CHARS and (q in title or title in q) for q in named)


def _after_list(text: str, lines: Lines, i: int, starts: list[int], positions: list[int], *,
                rules: StructureRules) -> int | None:
    """The first line after the items of the list of attachments that line ``i`` opens
    (``附件：1.某某方案`` / ``2.某某办法`` …), where the attached document follows the list
    directly: no line up to the next outline label is a date line or a 附件 line (those
    open the document themselves). ``None`` otherwise."""
    n = len(lines)
    expected = int(rules.attachment_list.match(_stripped(text, *lines[i])).group(1)) + 1
    k = _next_nonblank(text, lines, i + 1, n)
    while k is not None:
        s = _stripped(text, *lines[k])
        item = rules.attachment_item.match(s)
        if item is not None and item.group(1) == str(expected):
            expected += 1
        elif not rules.back_line.search(s):
            # the list's closing lines ((此件公开发布)) are the notice's too
            break
        k = _next_nonblank(text, lines, k + 1, n)
    if k is None:
        return None
    nxt = bisect_right(positions, starts[k] - 1)
    stop = _line_of(starts, positions[nxt]) if nxt < len(positions) else n
    for j in range(k, stop):
        s = _stripped(text, *lines[j])
        if rules.annex_line.match(s) or rules.date_line.match(s.replace(" ", "")):
            return None
    return k


def _annex_title(text: str, lines: Lines, i: int, *, rules: StructureRules) -> str:
    """The title of the document that line ``i`` opens: the rest of a ``附件2：某某办法``
    line, or the next line after a ``附件2`` alone (a line without a 附件 label is its own
    title)."""
    title = rules.annex_label.sub("", _stripped(text, *lines[i]))
    if not title:
        k = _next_nonblank(text, lines, i + 1, len(lines))
        title = _stripped(text, *lines[k]) if k is not None else ""
    return title


def _bare_title(title: str, rules: StructureRules) -> str:
    """A title without spaces, 《》 and a closing qualifier (``（试行）``)."""
    return rules.title_qualifier.sub("", re.sub(r"[\s《》]", "", title))


def _further(text: str, lines: Lines, labels: list[tuple[int, int | None]], appendix: int,
             *, rules: StructureRules) -> int | None:
    """Where another document begins after the appendices: after a line that closes a
    document (its 印发 line or a signature date), an addressee line (各…:) followed by an
    outline that starts again at 1. ``None`` when there is none."""
    starts = [a for a, _b in lines]
    positions = [p for p, _num in labels]
    prev = ""
    for i in range(_line_of(starts, appendix) + 1, len(lines)):
        s = _stripped(text, *lines[i])
        if not s:
            continue
        closed = bool(rules.back_line.search(prev) or rules.date_line.match(
            prev.replace(" ", "")))
        prev = s
        if not (closed and s.startswith("各") and rules.addressee_line.match(s)):
            continue
        nxt = bisect_right(positions, starts[i])
        if nxt < len(labels) and labels[nxt][1] == 1 and _line_of(
                starts, labels[nxt][0]) <= i + _SIGNATURE_LINES:
            return _line_text_start(text, lines[i])
    return None


def _is_notice(text: str, lines: Lines, stop: int, first_line: int, *,
               rules: StructureRules) -> bool:
    """Whether the text before line ``stop`` reads as a notice: it opens with an addressee
    line or a title ending in 通知, or the lines before its first outline label
    (``first_line``) hold a notice's formula (有关事项通知如下:)."""
    k = _next_nonblank(text, lines, 0, stop)
    if k is None:
        return False
    first = _stripped(text, *lines[k])
    if rules.addressee_line.match(first) or rules.notice_title.search(first):
        return True
    k2 = _next_nonblank(text, lines, k + 1, stop)
    if k2 is not None and rules.addressee_line.match(_stripped(text, *lines[k2])):
        return True
    return any(rules.notice_formula.search(_stripped(text, *lines[i]))
               for i in range(min(first_line, stop)))


def _line_of(starts: list[int], pos: int) -> int:
    return bisect_right(starts, pos) - 1


def _line_text_start(text: str, line: tuple[int, int]) -> int:
    a, b = line
    while a < b and text[a] in " \t\u3000\xa0":
        a += 1
    return a


def split_rows(rows: list[dict[str, Any]], parts: Parts, text: str) -> list[dict[str, Any]]:
    """Give every row its ``part`` (from where the row starts), and cut an outline row in
    which the attached document or the appendix begins.

    A notice's front matter (its title, addressees, issuing sentence and signature) is one
    ``front`` row with the attached document's title and preamble: it is not cut, and its
    ``part`` is ``notice``; the attached document's first outline row is the first
    ``attachment`` row. When the boundary falls inside an outline row (a notice with an
    outline of its own, then ``附件``; the last section before an appendix), the row is cut
    there and the rest is a level-0 ``front`` row, ``{doc_id}:attached`` or
    ``{doc_id}:appendix``, whose heading is its first line; the documents after the
    appendices are ``{doc_id}:further``, ``{doc_id}:further2`` … (as :meth:`Parts.region`
    names them).
    """
    cuts = [(b, name) for b, name in ((parts.attachment, "attached"),
                                      (parts.appendix, "appendix"),
                                      (parts.further, "further"),
                                      *((b, f"further{k}") for k, b in
                                        enumerate(parts.more, start=2))) if b is not None]
    cuts.sort()
    out: list[dict[str, Any]] = []
    for row in rows:
        for b, name in cuts:
            a, e = row["char_start"], row["char_end"]
            if a < b < e and row["kind"] != "front":
                out.append({**row, "text": text[a:b], "char_end": b})
                eol = text.find("\n", b, e)
                row = {**row, "clause_id": f"{row['doc_id']}:{name}", "parent_id": None,
                       "level": 0, "label": "", "heading": text[b:eol if eol >= 0 else e].strip(),
                       "text": text[b:e], "char_start": b, "char_end": e, "kind": "front",
                       "warnings": ""}
        out.append(row)
    for row in out:
        row["part"] = parts.part(row["char_start"])
    return out
