"""Small input files for the import tests and the import benchmark, made on the spot.

Every maker writes one file and returns its path: ``.docx`` through python-docx, ``.pdf`` as
hand-written PDF bytes (a text layer in a CID font with the predefined ``UniGB-UCS2-H``
encoding, so no font file is needed; or no text at all, as a scan; or encrypted with pypdf),
``.html``, ``.xlsx`` (openpyxl), ``.csv`` and ``.jsonl``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "write_csv",
    "write_docx",
    "write_encrypted_pdf",
    "write_html",
    "write_jsonl",
    "write_pdf",
    "write_scanned_pdf",
    "write_xlsx",
]


def write_docx(path: Path, paragraphs: Sequence[str], *, table: Sequence[Sequence[str]] = ()
               ) -> Path:
    """A Word document: one paragraph per string, then an optional table."""
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    doc.save(str(path))
    return path


def _pdf_bytes(pages: Sequence[Sequence[str]]) -> bytes:
    """A PDF whose pages show the given lines (empty list: a page with no text layer)."""
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
        if lines:
            ops.append(b"BT /F1 12 Tf 14 TL 50 780 Td")
            for line in lines:
                ops.append(b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj T*")
            ops.append(b"ET")
        else:
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
