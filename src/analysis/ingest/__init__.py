"""Import documents as researchers hold them into a corpus folder with a drafted metadata.csv.

``import_corpus(source, out_dir)`` (``policy-lens import``) reads a folder of ``.txt``,
``.docx``, ``.pdf`` and ``.html`` files, or a spreadsheet, CSV or JSON Lines table with one
document per row, and writes one UTF-8 text per document plus a ``metadata.csv`` that
``build`` reads: title, issuer, 文号, date, year, city, province, level, genre, script and
source, each with an ``*_inferred`` flag and its evidence.

Modules:

- ``readers``: one reader per file format; ``RawDocument``, ``ReadError``;
- ``rows``: tables of documents (text column detection, sheets, column roles);
- ``cleaning``: export and web boilerplate (``resources/ingest_boilerplate.toml``);
- ``fields``: finders for title, 文号, dates, signature, issuers, genre, script;
- ``titles``: titles a text names itself by (制定《…》) or its source link carries;
- ``english``: issuers named in English (a department, or the organ a title names), back in
  Chinese;
- ``gazetteer``: administrative divisions (data of the cpca package);
- ``drafting``: the metadata row of one document, with flags and evidence;
- ``slugs``: readable, stable ASCII ``doc_id`` values;
- ``merge``: re-import that keeps edited metadata;
- ``importer``: ``import_corpus`` and its report.
"""

from analysis.ingest.cleaning import clean_text, load_export_patterns
from analysis.ingest.drafting import DRAFTED_COLUMNS, Draft, draft_metadata
from analysis.ingest.gazetteer import Place, find_place
from analysis.ingest.importer import ImportProblem, ImportReport, import_corpus
from analysis.ingest.merge import merge_metadata
from analysis.ingest.readers import RawDocument, ReadError, read_file
from analysis.ingest.rows import read_rows
from analysis.ingest.slugs import make_doc_id

__all__ = [
    "DRAFTED_COLUMNS",
    "Draft",
    "ImportProblem",
    "ImportReport",
    "Place",
    "RawDocument",
    "ReadError",
    "clean_text",
    "draft_metadata",
    "find_place",
    "import_corpus",
    "load_export_patterns",
    "make_doc_id",
    "merge_metadata",
    "read_file",
    "read_rows",
]
