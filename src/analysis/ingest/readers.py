"""Read one document file into text: ``.txt``, ``.docx``, ``.pdf``, ``.html``/``.htm``.

Each reader returns the text and what the file says about itself (``hints``: a title, a
date, a URL) or raises :class:`ReadError` with a message that names the file, says what is
wrong and what to do. Readers:

- ``.txt``: :func:`analysis.text.corpus.read_document` (UTF-8, UTF-16, GB18030/GBK);
- ``.docx``: python-docx, paragraphs and tables in document order (table cells joined by
  ``|``, as the clause parser reads flattened tables, a tab inside a cell made a space; a
  table of one column, used for layout, gives its cells' paragraphs as lines), text boxes
  after the paragraph that holds them; a paragraph numbered automatically gets the label
  Word shows (:mod:`analysis.ingest.docxnum`); a tab in a paragraph stays a tab, which
  normalisation reads as a ``.txt`` file's (:mod:`analysis.text.tabs`);
- ``.pdf``: pypdfium2 (PDFium), page by page, then back into paragraphs (page numbers and
  running headers dropped, hard-wrapped lines joined: :mod:`analysis.ingest.pdftext`); no
  text layer is reported as a scan to OCR, a password as an encrypted file;
- ``.html``: trafilatura for the main text (navigation, footers and sidebars dropped), with
  the page's line breaks and order put back where it ran blocks together or moved them,
  table rows as in ``.docx`` (:mod:`analysis.ingest.htmltext`), a tab made a space (a
  browser shows it as one); lxml for the page's title, posting date and address in its
  ``<meta>`` tags.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import DocumentError
from analysis.ingest.docxnum import Numbering
from analysis.ingest.htmltext import (
    as_page_lines,
    in_page_order,
    page_lines,
    restore_breaks,
    table_cells,
)
from analysis.ingest.pdftext import pdf_paragraphs
from analysis.text import CELL_SEP
from analysis.text.corpus import read_document

__all__ = [
    "DOCUMENT_SUFFIXES",
    "RawDocument",
    "ReadError",
    "file_checksum",
    "read_docx",
    "read_file",
    "read_html",
    "read_pdf",
    "read_txt",
]

_MIN_CHARS_PER_PAGE = 10


class ReadError(DocumentError):
    """A file or row cannot be imported; ``kind`` names the problem (``"scanned_pdf"``,
    ``"encrypted_pdf"``, ``"corrupt"``, ``"unsupported"``, ``"empty"`` …)."""

    def __init__(self, message: str, *, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class RawDocument:
    """One document as read: its text, where it came from and what came with it.

    ``origin`` is the file's path relative to the imported folder, or ``file#sheet!row``
    for a spreadsheet row; ``given`` are standard metadata values a spreadsheet states,
    ``hints`` what the file says about itself, ``extra`` a spreadsheet's other columns.
    """

    text: str
    origin: str
    name: str
    sha256: str
    hints: dict[str, str] = field(default_factory=dict)
    given: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    sheet: str = ""
    row: str = ""


def file_checksum(path: str | Path) -> str:
    """SHA-256 of a file's bytes, in hex.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> file_checksum(p)[:12]
    'ba7816bf8f01'
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_txt(path: Path) -> tuple[str, dict[str, str]]:
    """A plain-text file (encoding detected).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("科技创新".encode("gb18030"))
    >>> read_txt(p)
    ('科技创新', {})
    """
    try:
        text, _ = read_document(path)
    except DocumentError as exc:
        msg = str(exc).replace("listed in metadata.csv but ", "").replace(
            "remove its row from metadata.csv or put the document's text in it",
            "remove it or put the document's text in it")
        raise ReadError(msg, kind="empty" if "empty" in msg or "white space" in msg
                        else "unreadable") from exc
    return text, {}


#: text boxes, each once: Word writes a box twice (a DrawingML shape and, inside
#: ``mc:Fallback``, a VML copy for old readers)
_TEXT_BOXES = ".//*[local-name()='txbxContent'][not(ancestor::*[local-name()='Fallback'])]"


def _docx_blocks(container, numbering: Numbering) -> list[str]:
    """The lines of a document body or a table cell: paragraphs (with their numbering's
    label, then the paragraphs of their text boxes) and table rows. A row of one cell (a
    table used for layout) gives the cell's own lines; a row of several cells one line,
    cells joined by ``|``."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            label = numbering.label(block._p, block.style)  # an empty one counts too
            label = label if block.text.strip() else ""
            sep = " " if label and label[-1].isalnum() else ""
            out.append(label + sep + block.text if label else block.text)
            for box in block._p.xpath(_TEXT_BOXES):
                out += ["".join(t.text or "" for t in p.iter(qn("w:t")))
                        for p in box.iter(qn("w:p"))]
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    if not cells or cell._tc is not cells[-1]._tc:  # merged cells repeat
                        cells.append(cell)
                if len(cells) == 1:
                    out += _docx_blocks(cells[0], numbering)
                    continue
                texts: list[str] = []
                for cell in cells:
                    # a tab inside a cell aligns its text: a space, not another cell
                    t = " ".join(s.strip() for s in _docx_blocks(cell, numbering)
                                 if s.strip()).replace("\t", " ")
                    if not texts or t != texts[-1]:
                        texts.append(t)
                out.append(CELL_SEP.join(texts))
    return out


def read_docx(path: Path) -> tuple[str, dict[str, str]]:
    """A Word ``.docx`` file: paragraphs and table rows in order; its title property.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.docx"
    >>> doc = docx.Document(); _ = doc.add_paragraph("关于印发某某办法的通知"); doc.save(p)
    >>> read_docx(p)[0]
    '关于印发某某办法的通知'
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{path}: not a readable Word .docx file ({type(exc).__name__}); open "
                        "it in Word or LibreOffice and save it again as .docx.",
                        kind="corrupt") from exc
    try:
        text = "\n".join(_docx_blocks(document, Numbering.of(document)))
    except Exception as exc:  # python-docx or the numbering failing on malformed markup
        raise ReadError(f"{path}: the Word file's content cannot be read ({type(exc).__name__}: "
                        f"{exc}); open it in Word or LibreOffice and save it again as .docx.",
                        kind="corrupt") from exc
    hints = {}
    title = (document.core_properties.title or "").strip()
    if title:
        hints["title"] = title
    return text, hints


def read_pdf(path: Path) -> tuple[str, dict[str, str]]:
    """A PDF with a text layer, page by page (PDFium); its title property.

    Raises :class:`ReadError` for an encrypted file, a damaged file, and a file without a
    text layer (a scan: run OCR first).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.pdf"
    >>> _ = p.write_bytes(b"%PDF-1.4 not really")
    >>> try:
    ...     read_pdf(p)
    ... except ReadError as err:
    ...     print(err.kind)
    corrupt
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(f"{path}: the PDF is encrypted (it needs a password to open); "
                            "save an unprotected copy (e.g. qpdf --decrypt --password=… in.pdf "
                            "out.pdf) and import that.", kind="encrypted_pdf") from exc
        raise ReadError(f"{path}: not a readable PDF ({exc}); check the file, or save it "
                        "again from its viewer.", kind="corrupt") from exc
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        meta = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    text = pdf_paragraphs(pages)
    n_visible = len(re.sub(r"\s", "", text))
    if n_visible < _MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise ReadError(
            f"{path}: the PDF has no text layer ({len(pages)} page(s), {n_visible} characters "
            "of text): it is probably scanned. Run OCR on it first, e.g. "
            "`ocrmypdf -l chi_sim in.pdf out.pdf`, and import the result.", kind="scanned_pdf")
    hints = {}
    if meta.get("Title", "").strip():
        hints["title"] = meta["Title"].strip()
    return text, hints


_META_TITLE = ("ArticleTitle", "og:title", "title", "dc.title")
_META_DATE = ("PubDate", "pubdate", "publishdate", "article:published_time", "dc.date")
_META_SOURCE = ("ContentSource", "source")
_META_URL = ("Url", "og:url")


def _meta(tree, names: tuple[str, ...]) -> str:
    for name in names:
        for attr in ("name", "property"):
            vals = tree.xpath(f"//meta[translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                              f"'abcdefghijklmnopqrstuvwxyz')='{name.lower()}']/@content")
            if vals and vals[0].strip():
                return vals[0].strip()
    return ""


_NOT_TEXT = re.compile(r"<(noscript|nav)\b.*?</\1\s*>", re.I | re.S)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def _decode_html(data: bytes) -> str:
    """The page's text: a byte-order mark's encoding; else UTF-8 if the bytes are valid
    UTF-8 (a page saved again by a browser is UTF-8 but keeps its old ``charset=gbk``);
    else its declared charset (GB2312 and GBK read as GB18030, their superset), else
    GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = _CHARSET.search(data[:4096])
    candidates = ["utf-8"] + ([m.group(1).decode("ascii").lower()] if m else [])
    candidates += ["gb18030"]
    for enc in candidates:
        enc = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(enc, enc)
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def read_html(path: Path) -> tuple[str, dict[str, str]]:
    """A saved web page: its main text (trafilatura), title, posting date and address.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = p.write_text('<html><head><meta name="ArticleTitle" content="某某办法">'
    ...                  '</head><body><p>第一条 为规范管理，制定本办法。</p></body></html>',
    ...                  encoding="utf-8")
    >>> text, hints = read_html(p)
    >>> text, hints["title"]
    ('第一条 为规范管理，制定本办法。', '某某办法')
    """
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError

    data = path.read_bytes()
    if not data.strip():
        raise ReadError(f"{path}: the file is empty; remove it or save the page again.",
                        kind="empty")
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", _decode_html(data))
    try:
        tree = lxml.html.fromstring(markup)
    except (ParserError, ValueError) as exc:
        raise ReadError(f"{path}: not a readable HTML page ({exc}).", kind="corrupt") from exc
    hints: dict[str, str] = {}
    title = _meta(tree, _META_TITLE)
    if not title:
        h1 = tree.xpath("//h1")
        title = h1[0].text_content().strip() if h1 else ""
    if not title:
        t = tree.findtext(".//title") or ""
        title = re.split(r"\s*[_|｜—-]\s*", t.strip())[0] if t.strip() else ""
    if title:
        hints["title"] = re.sub(r"\s+", "", title) if re.search(r"[\u4e00-\u9fff]", title) \
            else title
    for key, names in (("published", _META_DATE), ("issuer", _META_SOURCE),
                       ("source_url", _META_URL)):
        if value := _meta(tree, names):
            hints[key] = value
    if "source_url" not in hints:
        canon = tree.xpath("//link[@rel='canonical']/@href")
        if canon and canon[0].startswith("http"):
            hints["source_url"] = canon[0]
    extracted = trafilatura.extract(_NOT_TEXT.sub("", markup), favor_recall=True,
                                    include_tables=True, include_comments=False,
                                    deduplicate=False) or ""
    lines = page_lines(tree)
    if len(extracted.strip()) >= 20:
        extracted = as_page_lines(extracted, lines)
        cells = table_cells(extracted)
        text = restore_breaks(cells, lines)
        if cells != extracted:  # only a table's rows come out of the page's order
            text = in_page_order(text, lines)
    else:
        text = "\n".join(lines)
    # a tab in a page's text is white space (a browser shows it as a space), never a cell
    text = "\n".join(line.strip() for line in text.replace("\t", " ").split("\n")).strip()
    if not text:
        raise ReadError(f"{path}: the page has no text.", kind="empty")
    return text, hints


#: reader by file suffix
READERS: dict[str, Callable[[Path], tuple[str, dict[str, str]]]] = {
    ".txt": read_txt, ".text": read_txt,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html, ".htm": read_html, ".shtml": read_html, ".xhtml": read_html,
}
DOCUMENT_SUFFIXES: tuple[str, ...] = tuple(READERS)
_ADVICE = {
    ".doc": "an old Word file: save it as .docx",
    ".wps": "a WPS file: save it as .docx",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx",
    ".mht": "save the page as .html",
    ".caj": "export it as PDF with a text layer",
}


def read_file(path: Path, *, origin: str | None = None) -> RawDocument:
    """Read one document file with the reader for its suffix.

    Raises
    ------
    ReadError
        For an unsupported suffix (``kind="unsupported"``) or a file its reader cannot read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("第一条 为规范管理，制定本办法。", encoding="utf-8")
    >>> doc = read_file(d / "a.txt")
    >>> doc.origin, doc.text[:3], len(doc.sha256)
    ('a.txt', '第一条', 64)
    >>> _ = (d / "a.doc").write_bytes(b"x")
    >>> try:
    ...     read_file(d / "a.doc")
    ... except ReadError as err:
    ...     print(err.kind)
    unsupported
    """
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        advice = _ADVICE.get(suffix, "convert it to .txt, .docx, .pdf or .html")
        raise ReadError(f"{path}: unsupported file type {suffix or '(no extension)'}; "
                        f"{advice}.", kind="unsupported")
    text, hints = reader(path)
    if not text.strip():
        raise ReadError(f"{path}: no text in the file.", kind="empty")
    return RawDocument(text=text, origin=origin or path.name, name=path.name,
                       sha256=file_checksum(path), hints=hints)
