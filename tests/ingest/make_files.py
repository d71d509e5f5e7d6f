"""Small input files for the import tests and the import benchmark, made on the spot.

Every maker writes one file and returns its path: ``.docx`` through python-docx, ``.pdf`` as
hand-written PDF bytes (:func:`analysis.evaluation.render.pdf_bytes`: a text layer in a CID
font with the predefined ``UniGB-UCS2-H`` encoding, so no font file is needed; or no text at
all, as a scan; or encrypted with pypdf),
``.html``, ``.xlsx`` (openpyxl), ``.csv`` and ``.jsonl``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

from analysis.evaluation.render import pdf_bytes

__all__ = [
    "patch_docx",
    "write_csv",
    "write_docx",
    "write_docx_in_one_cell",
    "write_docx_text_boxes",
    "write_encrypted_pdf",
    "write_html",
    "write_jsonl",
    "write_numbered_docx",
    "write_pdf",
    "write_scanned_pdf",
    "write_xlsx",
]


def write_docx(path: Path, paragraphs: Sequence[str], *, table: Sequence[Sequence[str]] = (),
               after: Sequence[str] = ()) -> Path:
    """A Word document: one paragraph per string, then an optional table, then the
    paragraphs ``after`` it."""
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    for p in after:
        doc.add_paragraph(p)
    doc.save(str(path))
    return path


def write_docx_in_one_cell(path: Path, paragraphs: Sequence[str]) -> Path:
    """A Word document whose whole text is in one table cell (a table used for layout),
    one paragraph per string, inside a table of one column and three rows (the middle
    row holding the text)."""
    import docx

    doc = docx.Document()
    t = doc.add_table(rows=3, cols=1)
    cell = t.cell(1, 0)
    cell.text = paragraphs[0]
    for p in paragraphs[1:]:
        cell.add_paragraph(p)
    doc.save(str(path))
    return path


_TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    "<wps:wsp><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    "<v:shape><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape>"
    "</w:pict></mc:Fallback></mc:AlternateContent></w:r>")


def write_docx_text_boxes(path: Path, boxes: Sequence[Sequence[str]]) -> Path:
    """A Word document whose text is only in text boxes, one box per paragraph of the
    body, as Word writes them (a DrawingML shape and its VML copy in ``mc:Fallback``)."""
    import html

    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    for box in boxes:
        paras = "".join(f"<w:p><w:r><w:t>{html.escape(s)}</w:t></w:r></w:p>" for s in box)
        doc.add_paragraph()._p.append(parse_xml(_TEXT_BOX.format(paras=paras)))
    doc.save(str(path))
    return path


def write_numbered_docx(path: Path, paragraphs: Sequence[tuple[int | None, str]],
                        levels: Sequence[tuple[str, str]], *, via_style: bool = False
                        ) -> Path:
    """A Word document numbered automatically: ``(level, text)`` paragraphs, level ``None``
    unnumbered; ``levels`` are ``(numFmt, lvlText)`` per level (``("chineseCounting",
    "%1、")``). ``via_style`` links the list to ``Heading 1``/``Heading 2`` instead of
    numbering each paragraph."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="77">'
                                  f'{lvls}</w:abstractNum>'))
    num_id = numbering.add_num(77).numId

    def number(ppr, level: int) -> None:
        num_pr = ppr.get_or_add_numPr()
        num_pr.get_or_add_ilvl().set(qn("w:val"), str(level))
        num_pr.get_or_add_numId().set(qn("w:val"), str(num_id))

    if via_style:
        for i in range(len(levels)):
            number(doc.styles[f"Heading {i + 1}"].element.get_or_add_pPr(), i)
    for level, text in paragraphs:
        if level is None:
            doc.add_paragraph(text)
        elif via_style:
            doc.add_paragraph(text, style=f"Heading {level + 1}")
        else:
            number(doc.add_paragraph(text)._p.get_or_add_pPr(), level)
    doc.save(str(path))
    return path


def _pdf_bytes(pages: Sequence[Sequence[str]]) -> bytes:
    """A PDF whose pages show the given lines (empty list: a page with no text layer)."""
    return pdf_bytes([[(50.0, 780.0 - 14 * i, line) for i, line in enumerate(lines)]
                      for lines in pages])


def write_pdf(path: Path, lines: Sequence[str], *, lines_per_page: int = 40) -> Path:
    """A PDF with a text layer holding ``lines`` (one ``Tj`` per line)."""
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    path.write_bytes(_pdf_bytes(pages or [[]]))
    return path


def write_scanned_pdf(path: Path, n_pages: int = 2) -> Path:
    """A PDF whose pages are drawn shapes only, like a scan: no text layer."""
    path.write_bytes(_pdf_bytes([[] for _ in range(n_pages)]))
    return path


def write_encrypted_pdf(path: Path, lines: Sequence[str], *, password: str = "secret") -> Path:
    """A text PDF encrypted with a user password (RC4, which pypdf writes unaided)."""
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(_pdf_bytes([lines])))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_html(path: Path, title: str, paragraphs: Sequence[str], *,
               meta: dict[str, str] | None = None, encoding: str = "utf-8") -> Path:
    """A saved government web page: navigation, the article, a footer."""
    metas = "".join(f'<meta name="{k}" content="{v}">' for k, v in (meta or {}).items())
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f'<html><head><meta charset="{encoding}"><title>{title}_某市人民政府门户网站</title>'
            f"{metas}</head><body><header><nav><ul><li><a href='/'>首页</a></li>"
            "<li><a href='/zc'>政策文件</a></li><li><a href='/hd'>互动交流</a></li></ul></nav>"
            "</header><div class='breadcrumb'>当前位置：<a href='/'>首页</a> &gt; "
            f"<a href='/zc'>政策文件</a></div><article><h1>{title}</h1>"
            "<div class='info'>来源：某市人民政府办公室 发布时间：2022-05-06 浏览次数：123</div>"
            f"<div class='content'>{body}</div></article><footer><p>主办单位：某市人民政府办公室 "
            "网站标识码：1234567890</p><p>ICP备案号：京ICP备00000000号</p></footer></body></html>")
    path.write_bytes(html.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """A workbook: ``{sheet name: rows}``, the first row being the header."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    wb.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8-sig"
              ) -> Path:
    """A CSV table, the first row being the header."""
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_jsonl(path: Path, records: Sequence[dict[str, object]]) -> Path:
    """JSON Lines: one object per line."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def patch_docx(path: Path, part: str, old: str, new: str) -> Path:
    """Replace ``old`` by ``new`` in the XML ``part`` (``"word/numbering.xml"``) of a
    ``.docx`` file, to make markup python-docx does not write itself."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    xml = parts[part].decode("utf-8")
    assert old in xml, f"{old!r} not in {part}"
    parts[part] = xml.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path
