"""The same accuracy when documents come as PDF, Word or web pages: the evaluation of forms.

:func:`evaluate_forms` takes the development documents that have outline or targets gold,
as the normal import reads them (:func:`~analysis.evaluation.documents.eval_corpus`),
writes each one as a file of every form (:data:`FORMS`, rendered by
:mod:`analysis.evaluation.render`), imports those files with
:func:`analysis.import_corpus` as a user would, and scores outline and targets against the
same gold. The ``txt`` form (each text written back as a ``.txt`` file) is the plain-text
figure beside them. Rendering is deterministic: the same texts give the same files.

Only the ``dev`` part is rendered unless asked; with ``parts=("dev",)`` the held-out gold
files are not even read (a gold folder holding only the ``*_dev_gold.csv`` files is used).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis.evaluation.documents import EvalCorpus, default_gold_dir, eval_corpus
from analysis.evaluation.gold import gold_files
from analysis.evaluation.metrics import RESULT_COLUMNS, accuracy_rows
from analysis.evaluation.outline import evaluate_outline
from analysis.evaluation.render import PdfLayout, write_docx, write_html, write_pdf
from analysis.evaluation.targets import evaluate_targets
from analysis.ingest import import_corpus
from analysis.io import write_text
from analysis.text.corpus import load_corpus

__all__ = ["FORMS", "FORM_TASKS", "STAND_IN", "FormWarning", "evaluate_forms", "form_corpus",
           "paragraphs_kept"]


def _txt(path: Path, text: str, title: str) -> Path:
    path = path.with_suffix(".txt")
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _pdf(path: Path, text: str, title: str) -> Path:
    return write_pdf(path.with_suffix(".pdf"), text, layout=PdfLayout())


def _pdf_wide(path: Path, text: str, title: str) -> Path:
    layout = PdfLayout(chars_per_line=38, lines_per_page=30, page_number="-{n}-",
                       header=title[:30], indent_as_spaces=False)
    return write_pdf(path.with_suffix(".pdf"), text, layout=layout)


def _docx(path: Path, text: str, title: str) -> Path:
    return write_docx(path.with_suffix(".docx"), text)


def _docx_styles(path: Path, text: str, title: str) -> Path:
    return write_docx(path.with_suffix(".docx"), text, styles=True)


def _docx_numbered(path: Path, text: str, title: str) -> Path:
    return write_docx(path.with_suffix(".docx"), text, numbered=True)


def _html(path: Path, text: str, title: str) -> Path:
    return write_html(path.with_suffix(".html"), text, title=title)


#: every form and how a text is written in it: ``pdf`` as GB/T 9704 lays out an official
#: document (28 characters × 22 lines, indentation as full-width spaces, ``— N —``);
#: ``pdf-wide`` a wider page (38 × 30, ``-N-``, the title as a running header, indentation
#: as a shift only); ``docx`` one paragraph per line; ``docx-styles`` headings in Word
#: heading styles; ``docx-numbered`` also numbered automatically (the label only in the
#: numbering); ``html`` a government page with navigation, ``&nbsp;`` and ``<br>``.
FORMS: dict[str, Callable[[Path, str, str], Path]] = {
    "txt": _txt,
    "pdf": _pdf,
    "pdf-wide": _pdf_wide,
    "docx": _docx,
    "docx-styles": _docx_styles,
    "docx-numbered": _docx_numbered,
    "html": _html,
}

#: the metadata columns taken from the original import (a user corrects the draft)
_METADATA = ("title", "issuer", "doc_number", "date", "year", "city", "province", "level",
             "doc_type")

#: the tasks scored on every form
FORM_TASKS: dict[str, Callable[[EvalCorpus, Path], pd.DataFrame]] = {
    "outline": evaluate_outline,
    "targets": evaluate_targets,
}


def _gold_keys(ev: EvalCorpus, gold_dir: Path, parts: Sequence[str]) -> list[str]:
    keys: set[str] = set()
    for task in FORM_TASKS:
        for path in gold_files(gold_dir, task):
            keys |= set(pd.read_csv(path, dtype=str, keep_default_na=False)["doc_key"])
    chosen = ev.keys[ev.keys["part"].isin(parts) & ev.keys["doc_key"].isin(keys)]
    return sorted(chosen["doc_key"])


class FormWarning(UserWarning):
    """A document could not be written or imported in one form; it is scored as nothing
    found, and the message names the document, the form, the reason and what to do."""


#: the text that stands in for a document not imported: no heading, no number, no
#: paragraph of any source, so the document is scored as nothing found
STAND_IN = "未导入"


def form_corpus(ev: EvalCorpus, form: str, doc_keys: Sequence[str], folder: Path
                ) -> EvalCorpus:
    """The documents ``doc_keys`` of ``ev`` written in one form under ``folder`` and
    imported from there.

    Each document is written as ``folder/<form>/<doc_key>/<doc_key>.<suffix>`` and its
    ``doc_key`` found again from the file's place. A document that cannot be written or
    imported is reported with a :class:`FormWarning` and stands in the corpus as
    :data:`STAND_IN` (``doc_id`` ``not-imported-<doc_key>``), so it is scored as nothing
    found and the other documents are scored as usual.

    Raises
    ------
    ValueError
        For a form not in :data:`FORMS`.
    """
    fev, failed = _form_corpus(ev, form, doc_keys, folder)
    _warn(form, failed, ev)
    return fev


def _warn(form: str, failed: dict[str, str], ev: EvalCorpus) -> None:
    """A :class:`FormWarning` for each development document in ``failed``, with its key
    and reason, and one for the held-out ones with their number only (a held-out
    document is never named)."""
    held = set(ev.keys.loc[ev.keys["part"] == "heldout", "doc_key"])
    n_held = sum(key in held for key in failed)
    if n_held:
        warnings.warn(f"{form}: {n_held} held-out document(s) could not be written or "
                      "imported; they are scored as nothing found.", FormWarning,
                      stacklevel=3)
    for key, reason in failed.items():
        if key in held:
            continue
        warnings.warn(f"{form}: document {key} was {reason}; it is scored as nothing found. "
                      f"To look at the file, run evaluate_forms(forms=[{form!r}], "
                      f"workdir=DIR) and open DIR/{form}/{key}/; then make the reader (or "
                      "the renderer) handle files like it.", FormWarning, stacklevel=3)


def _form_corpus(ev: EvalCorpus, form: str, doc_keys: Sequence[str], folder: Path
                 ) -> tuple[EvalCorpus, dict[str, str]]:
    """:func:`form_corpus` and, by ``doc_key``, why a document is not in it."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; choose from {list(FORMS)}")
    docs = ev.corpus.documents.set_index("doc_id")
    src = folder / form
    failed: dict[str, str] = {}
    for key in doc_keys:
        doc_id = ev.doc_id(key)
        (src / key).mkdir(parents=True, exist_ok=True)
        title = str(docs.at[doc_id, "title"]) if "title" in docs.columns else ""
        try:
            FORMS[form](src / key / key, str(docs.at[doc_id, "text_raw"]), title)
        except Exception as exc:  # one document the renderer fails on: the others go on
            failed[key] = f"not written as {form} ({type(exc).__name__}: {exc})"
            # a file written in part is not imported: the stand-in is scored instead
            shutil.rmtree(src / key, ignore_errors=True)
    out = folder / f"{form}-corpus"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = import_corpus(src, out, progress=False, workers=1)
        meta = report.metadata
        key_of = {_key_of(s): d for s, d in zip(meta["source"], meta["doc_id"], strict=True)}
        for problem in report.failed:
            failed.setdefault(_key_of(problem.source),
                              f"not imported ({problem.kind}: {problem.message})")
        for key in doc_keys:
            if key not in key_of:
                failed.setdefault(key, "not imported (no error reported)")
        # the metadata a user checks in the draft, as the original has it: the scores
        # then differ by the text read alone
        path = out / "metadata.csv"
        table = (pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists()
                 else pd.DataFrame(columns=["doc_id", "file", *_METADATA]))
        stand_ins = []
        for key in sorted(set(doc_keys) - set(key_of)):
            key_of[key] = f"not-imported-{key}"
            write_text(out / f"{key_of[key]}.txt", STAND_IN + "\n")
            stand_ins.append({"doc_id": key_of[key], "file": f"{key_of[key]}.txt",
                              "source": f"{key}/"})
        table = pd.concat([table, pd.DataFrame(stand_ins, columns=table.columns)],
                          ignore_index=True).fillna("")
        # and the other title columns of a sheet row ("policy_title"), which the targets
        # read a report's year from, though a file of this form brings none
        titles = [c for c in docs.columns if str(c).endswith("title") and c not in _METADATA]
        for col in [*_METADATA, *titles]:
            if col in docs.columns:
                value = {key_of[k]: "" if pd.isna(v) else str(v) for k in doc_keys
                         for v in [docs.at[ev.doc_id(k), col]]}
                if col not in table.columns:
                    table[col] = ""
                table[col] = table["doc_id"].map(value).fillna(table[col])
        table.to_csv(path, index=False)
        corpus = load_corpus(out)
    keys = ev.keys[ev.keys["doc_key"].isin(doc_keys)].copy()
    keys["doc_id"] = keys["doc_key"].map(key_of)
    return EvalCorpus(corpus, keys.reset_index(drop=True)), \
        {k: failed[k] for k in sorted(failed) if k in set(doc_keys)}


def _key_of(source: str) -> str:
    """The ``doc_key`` of a file written at ``<doc_key>/<doc_key>.<suffix>``."""
    return str(source).split("/")[0].split(os.sep)[0]


def paragraphs_kept(source: str, read: str) -> list[bool]:
    """For each paragraph of ``source`` (a non-empty line), whether ``read`` has it exactly
    as one line, white space aside.

    Examples
    --------
    >>> paragraphs_kept("一、总体要求\\n到2025年 达到10%。\\n\\n二、任务",
    ...                 "一、总体要求\\n到2025年达到10%。二、任务")
    [True, False, False]
    """
    def norm(text: str) -> list[str]:
        return [re.sub(r"\s+", "", s) for s in text.split("\n") if s.strip()]

    lines = set(norm(read))
    return [p in lines for p in norm(source)]


def _paragraph_rows(ev: EvalCorpus, fev: EvalCorpus, doc_keys: Sequence[str]
                    ) -> pd.DataFrame:
    docs = ev.corpus.documents.set_index("doc_id")["text_raw"]
    read = fev.corpus.documents.set_index("doc_id")["text_raw"]
    part = dict(zip(ev.keys["doc_key"], ev.keys["part"], strict=True))
    hits: dict[str, list[bool]] = {}
    for key in doc_keys:
        hits.setdefault(part[key], []).extend(
            paragraphs_kept(str(docs.at[ev.doc_id(key)]), str(read.at[fev.doc_id(key)])))
    return pd.DataFrame([row for p in sorted(hits)
                         for row in accuracy_rows("paragraphs", p, {"paragraphs": hits[p]},
                                                  unit="paragraph")])


def evaluate_forms(
    *,
    forms: Sequence[str] | None = None,
    parts: Sequence[str] = ("dev",),
    corpora: str | os.PathLike[str] | None = None,
    gold_dir: str | os.PathLike[str] | None = None,
    ev: EvalCorpus | None = None,
    workdir: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Outline and targets accuracy with the documents written as files of each form, the
    share of their paragraphs read back whole (task ``paragraphs``,
    :func:`paragraphs_kept`) and the share of documents imported at all (task
    ``import``, item ``documents``).

    A document that cannot be written or imported in a form does not stop the evaluation:
    a :class:`FormWarning` names it, the form and the reason, and it is scored as nothing
    found (no heading, no number, no paragraph), so every figure keeps its denominator.

    Parameters
    ----------
    forms : sequence of str, optional, keyword-only
        Names from :data:`FORMS`; all by default.
    parts : sequence of str, keyword-only
        The parts of the split to render: ``("dev",)`` by default; the held-out gold is
        read only when ``"heldout"`` is among them.
    corpora, gold_dir : path, optional, keyword-only
        As for :func:`analysis.evaluation.evaluate`.
    ev : EvalCorpus, optional, keyword-only
        The corpora as the normal import reads them (imported if not given).
    workdir : path, optional, keyword-only
        Where the files and their imports are written (a temporary folder by default).

    Returns
    -------
    DataFrame
        :data:`~analysis.evaluation.metrics.RESULT_COLUMNS` with a ``form`` column first.

    Examples
    --------
    >>> evaluate_forms(forms=["rtf"])
    Traceback (most recent call last):
    ...
    ValueError: unknown form(s) ['rtf']; choose from ['txt', 'pdf', 'pdf-wide', 'docx', \
'docx-styles', 'docx-numbered', 'html']
    """
    names = list(forms) if forms else list(FORMS)
    unknown = [f for f in names if f not in FORMS]
    if unknown:
        raise ValueError(f"unknown form(s) {unknown}; choose from {list(FORMS)}")
    gold = Path(gold_dir) if gold_dir is not None else default_gold_dir()
    ev = ev if ev is not None else eval_corpus(corpora)
    frames = []
    with tempfile.TemporaryDirectory(prefix="policy-lens-forms-") as tmp:
        base = Path(workdir) if workdir is not None else Path(tmp)
        if "heldout" not in parts:
            dev_gold = base / "dev-gold"
            dev_gold.mkdir(parents=True, exist_ok=True)
            for path in sorted(gold.glob("*_dev_gold.csv")):
                shutil.copyfile(path, dev_gold / path.name)
            gold = dev_gold
        keys = _gold_keys(ev, gold, parts)
        part = dict(zip(ev.keys["doc_key"], ev.keys["part"], strict=True))
        for form in names:
            fev, failed = _form_corpus(ev, form, keys, base)
            _warn(form, failed, ev)
            imported: dict[str, list[bool]] = {}
            for key in keys:
                imported.setdefault(part[key], []).append(key not in failed)
            res = pd.DataFrame([row for p in sorted(imported) for row in accuracy_rows(
                "import", p, {"documents": imported[p]}, unit="document")])
            res.insert(0, "form", form)
            frames.append(res)
            res = _paragraph_rows(ev, fev, keys)
            res.insert(0, "form", form)
            frames.append(res)
            for task in FORM_TASKS.values():
                res = task(fev, gold)
                res.insert(0, "form", form)
                frames.append(res)
    return pd.concat(frames, ignore_index=True)[["form", *RESULT_COLUMNS]]
