"""Render a plain text as the files researchers bring: PDF, Word and a saved web page.

Each renderer takes a document's text (one paragraph per line) and writes one file the way
common tools lay such a document out, so that :func:`analysis.import_corpus` reads it as it
would read a real file:

- :func:`write_pdf`: lines wrapped at a fixed width (GB/T 9704: 28 characters, 22 lines a
  page; or a wider page), an indented first line, a page number line (``— 3 —``, ``-3-``)
  and optionally a running header on every page but the first; the text layer is in a CID
  font with the predefined ``UniGB-UCS2-H`` encoding, so no font file is needed;
- :func:`write_docx`: one paragraph per line; headings in Word heading styles, optionally
  numbered automatically (the label is then not in the text but in the numbering);
- :func:`write_html`: a government page with navigation, share buttons and a footer
  around the text, paragraphs as ``<p>`` with ``&nbsp;`` indentation, short lines joined
  by ``<br>``.

:func:`pdf_bytes` writes any positioned lines as a PDF; the import tests use it for small
hand-made files.
"""

from __future__ import annotations

import html as _html
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PdfLayout", "heading_level", "is_heading_line", "pdf_bytes", "wrap_line", "write_docx",
           "write_html", "write_pdf"]

#: one positioned line of a PDF page: x and y in points, and the text
PdfLine = tuple[float, float, str]

_FONT_SIZE = 12


def pdf_bytes(pages: Sequence[Sequence[PdfLine]]) -> bytes:
    """A PDF whose pages show the given lines (an empty page has no text layer).

    Examples
    --------
    >>> pdf_bytes([[(50, 780, "第一条 为规范管理")]])[:8]
    b'%PDF-1.4'
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light "
               b"/Encoding /UniGB-UCS2-H /DescendantFonts [" + str(len(objects) + 2).encode()
               + b" 0 R] >>")
    add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor " + str(len(objects) + 2).encode() + b" 0 R >>")
    add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>")
    kids = []
    for lines in pages:
        ops = []
        for x, y, text in lines:
            # PDFium drops a text object of one CJK glyph in a font not embedded
            text = text + " " if len(text) == 1 else text
            ops.append(f"BT /F1 {_FONT_SIZE} Tf {x:g} {y:g} Td".encode() + b" <"
                       + text.encode("utf-16-be").hex().upper().encode() + b"> Tj ET")
        if not lines:
            ops.append(b"0.5 g 50 50 500 700 re f")
        stream = b"\n".join(ops)
        content = add(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
                      + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent " + str(pages_obj).encode() + b" 0 R "
                        b"/MediaBox [0 0 595 842] /Resources << /Font << /F1 "
                        + str(font).encode() + b" 0 R >> >> /Contents "
                        + str(content).encode() + b" 0 R >>"))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages " + str(pages_obj).encode() + b" 0 R >>"
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids ["
                              + b" ".join(str(k).encode() + b" 0 R" for k in kids)
                              + b"] /Count " + str(len(kids)).encode() + b" >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(i).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root "
            + str(catalog).encode() + b" 0 R >>\nstartxref\n" + str(xref).encode()
            + b"\n%%EOF\n")
    return bytes(out)


def _width(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 and ch not in "—…“”‘’" else 1.0


_NO_LINE_START = "。，、；：！？）》」』”’…%"
_RUNS = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?%?|.", re.S)  # a Latin word or a number stays whole


def wrap_line(line: str, width: int, *, indent: int = 2) -> list[str]:
    """A paragraph cut into lines of ``width`` em (a CJK character is one em, a Latin
    letter or digit half), the first line ``indent`` em shorter; closing punctuation
    never starts a line (it hangs in the margin), a Latin word or a number is not cut.

    Examples
    --------
    >>> wrap_line("一二三四五六七八九十", 4, indent=2)
    ['一二', '三四五六', '七八九十']
    >>> wrap_line("到2025年达到", 4, indent=0)
    ['到2025年', '达到']
    >>> wrap_line("一二三2025年", 4, indent=0)
    ['一二三', '2025年']
    >>> wrap_line("一二三四。五", 4, indent=0)
    ['一二三四。', '五']
    """
    out: list[str] = []
    cur, used, room = "", 0.0, float(width - indent)
    for run in _RUNS.findall(line):
        w = sum(map(_width, run))
        if used + w > room and cur and run[0] not in _NO_LINE_START and w <= width:
            out.append(cur)
            cur, used, room = "", 0.0, float(width)
        cur += run
        used += w
    if cur:
        out.append(cur)
    return out


_HEADING = (
    ("chapter", re.compile(r"^第[一二三四五六七八九十百零〇]+[编篇章节]")),
    ("han", re.compile(r"^[一二三四五六七八九十]+、")),
    ("paren", re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
)


def heading_level(lines: Sequence[str]) -> list[tuple[int, str, str]]:
    """For each line: its heading level (0: none), its label and the text after it.

    A line that starts with ``第X章`` (``编``, ``篇``, ``节``), ``一、`` or ``（一）`` is
    numbered; the label styles take levels in the order the document first uses them
    (levels 1 and 2 only). A heading of its own (:func:`is_heading_line`) and an item
    that runs into its text (``（一）目标。到2025年…``) alike.

    Examples
    --------
    >>> heading_level(["一、总体要求", "（一）目标。内容。", "正文。"])
    [(1, '一、', '总体要求'), (2, '（一）', '目标。内容。'), (0, '', '正文。')]
    """
    order: list[str] = []
    out = []
    for line in lines:
        s = line.strip()
        found = (0, "", line)
        for style, rx in _HEADING:
            m = rx.match(s)
            if m:
                if style not in order:
                    order.append(style)
                level = order.index(style) + 1
                if level <= 2:
                    found = (level, m.group(0), s[m.end():].strip())
                break
        out.append(found)
    return out


def is_heading_line(line: str) -> bool:
    """Whether a labelled line is a heading of its own: at most 40 characters, nothing
    after a sentence end.

    Examples
    --------
    >>> is_heading_line("一、总体要求"), is_heading_line("（一）目标。到2025年达到10%。")
    (True, False)
    """
    s = line.strip()
    return len(s) <= 40 and not re.search(r"[。；！？].", s)


@dataclass(frozen=True)
class PdfLayout:
    """How :func:`write_pdf` lays out a page: characters a line (em), lines a page, the
    page number's form, a running header, indentation written as full-width spaces (else
    as a shift of the first line)."""

    chars_per_line: int = 28
    lines_per_page: int = 22
    page_number: str = "— {n} —"
    header: str = ""
    indent_as_spaces: bool = True


def write_pdf(path: Path, text: str, *, layout: PdfLayout = PdfLayout()) -> Path:
    """Write ``text`` (one paragraph per line) as a hard-wrapped, paginated PDF.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_pdf(pathlib.Path(tempfile.mkdtemp()) / "a.pdf", "一、总体要求\\n正文。")
    >>> p.read_bytes()[:8]
    b'%PDF-1.4'
    """
    size, left, top = _FONT_SIZE, 72.0, 760.0
    lead = size * 1.5
    body: list[tuple[float, str]] = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        for i, piece in enumerate(wrap_line(para, layout.chars_per_line)):
            if i == 0 and layout.indent_as_spaces:
                body.append((left, "\u3000\u3000" + piece))
            else:
                body.append((left + (2 * size if i == 0 else 0), piece))
    pages = []
    per = layout.lines_per_page
    for n, start in enumerate(range(0, max(len(body), 1), per), start=1):
        lines: list[PdfLine] = []
        if layout.header and n > 1:
            lines.append((left, top + 2 * lead, layout.header))
        for j, (x, piece) in enumerate(body[start:start + per]):
            lines.append((x, top - j * lead, piece))
        number = layout.page_number.format(n=n)
        lines.append((280.0, top - (per + 1) * lead, number))
        pages.append(lines)
    path.write_bytes(pdf_bytes(pages))
    return path


def _numbering_xml(levels: dict[int, str]) -> str:
    """A ``w:abstractNum`` whose level ``i`` writes ``levels[i]`` in Chinese counting."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:lvlText w:val="{t}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, t in sorted(levels.items()))
    return (f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')


def _numeral(label: str) -> int:
    """The number of a Chinese label (``二十三、`` is 23)."""
    digits = "零一二三四五六七八九"
    s = re.sub(r"[^一二三四五六七八九十零〇百]", "", label)
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total, cur = total + max(cur, 1) * 100, 0
        elif ch == "十":
            total, cur = total + max(cur, 1) * 10, 0
        else:
            cur = digits.index(ch) if ch in digits else 0
    return total + cur


def write_docx(path: Path, text: str, *, styles: bool = False, numbered: bool = False
               ) -> Path:
    """Write ``text`` as a Word file, one paragraph per line.

    ``styles`` puts headings of their own (:func:`heading_level`,
    :func:`is_heading_line`) in the styles ``Heading 1`` and ``Heading 2``; ``numbered``
    also numbers every labelled paragraph automatically, ``一、`` and ``（一）`` in Chinese
    counting, and drops the label from the paragraph's text.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.docx"
    >>> _ = write_docx(p, "一、总体要求\\n正文。", numbered=True)
    >>> [q.text for q in docx.Document(str(p)).paragraphs]
    ['总体要求', '正文。']
    """
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    doc = docx.Document()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    heads = heading_level(lines) if (styles or numbered) else [(0, "", s) for s in lines]
    num_id = 0
    if numbered:
        forms = {}
        for level, label, _ in heads:
            if level and level - 1 not in forms:
                forms[level - 1] = re.sub(r"[一二三四五六七八九十百零〇]+", "%" + str(level),
                                          label, count=1)
        numbering = doc.part.numbering_part.element
        numbering.insert(0, parse_xml(_numbering_xml(forms)))
        num_id = numbering.add_num(90).numId
    count = {0: 0, 1: 0}
    for (level, label, rest), line in zip(heads, lines, strict=True):
        style = f"Heading {level}" if level and is_heading_line(line) else None
        if level and numbered:
            ilvl, value = level - 1, _numeral(label)
            if value != count[ilvl] + 1:
                # a list that starts again (or skips): a new list, as an author makes one
                num = numbering.add_num(90)
                num.add_lvlOverride(ilvl=ilvl).add_startOverride(value)
                if ilvl == 1:
                    num.add_lvlOverride(ilvl=0).add_startOverride(count[0] + 1)
                num_id = num.numId
            count[ilvl] = value
            if ilvl == 0:
                count[1] = 0
            p = doc.add_paragraph(rest, style=style)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().set(qn("w:val"), str(ilvl))
            num_pr.get_or_add_numId().set(qn("w:val"), str(num_id))
        elif style:
            doc.add_paragraph(line, style=style)
        else:
            doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_fixed_zip_times(buf.getvalue()))
    return path


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so a file does not change by when
    it was written."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def write_html(path: Path, text: str, *, title: str = "") -> Path:
    """Write ``text`` as a saved government web page: navigation, breadcrumbs, share
    buttons and a footer around it; paragraphs in ``<p>`` indented with ``&nbsp;``, a
    run of short lines (a list, a signature) in one ``<p>`` split by ``<br>``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_html(pathlib.Path(tempfile.mkdtemp()) / "a.html", "正文。", title="办法")
    >>> "<p>&nbsp;&nbsp;&nbsp;&nbsp;正文。</p>" in p.read_text(encoding="utf-8")
    True
    """
    paras: list[list[str]] = []
    for line in (s.strip() for s in text.split("\n")):
        if not line:
            continue
        short = len(line) <= 20 and not line.endswith("。")
        if short and paras and len(paras[-1][-1]) <= 20 and not paras[-1][-1].endswith("。"):
            paras[-1].append(line)
        else:
            paras.append([line])
    body = "".join("<p>&nbsp;&nbsp;&nbsp;&nbsp;" + "<br>".join(map(_html.escape, p)) + "</p>"
                   for p in paras)
    t = _html.escape(title)
    page = (f'<html><head><meta charset="utf-8"><title>{t}_人民政府门户网站</title></head>'
            "<body><header><nav><ul><li><a href='/'>首页</a></li><li><a href='/zc'>政策文件"
            "</a></li><li><a href='/hd'>互动交流</a></li></ul></nav></header>"
            "<div class='breadcrumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/zc'>政策"
            f"文件</a></div><article><h1>{t}</h1><div class='info'>发布时间：2022-05-06 "
            f"浏览次数：123</div><div class='content'>{body}</div>"
            "<div class='share'>分享到：<a href='#'>微信</a> <a href='#'>微博</a> "
            "<a href='#'>打印本页</a> <a href='#'>关闭窗口</a></div></article>"
            "<footer><p>主办单位：人民政府办公室 网站标识码：1234567890</p>"
            "<p>ICP备案号：京ICP备00000000号</p></footer></body></html>")
    path.write_text(page, encoding="utf-8")
    return path
