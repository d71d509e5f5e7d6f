"""Draft the standard metadata of one document from its text, its file and its row.

Order of evidence, field by field (the first that gives a value wins):

- values a spreadsheet gives in a standard column (``given``): always, not inferred;
- the text: title line, the issuers the title names, the signature above the date, the 文号
  line, the date line; the gazetteer for city, province and level; the genre word;
- what the file or page says about itself (``hints``): an HTML page's title and posting
  date, a PDF's or Word file's title, a database header, a translated (English)
  department or title of a spreadsheet, its release date.

Every drafted value carries an ``*_inferred`` flag and a note in ``evidence`` saying where
it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.ingest.english import issuers_from_english, issuers_from_english_title
from analysis.ingest.fields import (
    DocTypes,
    Found,
    Issuers,
    detect_script,
    doc_type_from_body,
    doc_type_from_english,
    doc_type_of_title,
    find_attached,
    find_dates,
    find_doc_number,
    find_printing_office,
    find_signature,
    find_title,
    issuers_from_title,
    load_doc_types,
    load_issuers,
    parse_date,
    split_issuers,
)
from analysis.ingest.gazetteer import Place, find_place
from analysis.ingest.titles import issued_title, self_named_title, title_from_url

__all__ = ["DRAFTED_COLUMNS", "Draft", "draft_metadata"]

#: the standard columns a draft fills, in metadata.csv order
DRAFTED_COLUMNS: tuple[str, ...] = (
    "title", "issuer", "doc_number", "date", "year", "city", "province", "level",
    "doc_type", "script", "source_url",
)
_ISSUED_IN_BODY = re.compile(
    r"现将《(?P<inner>[^》]{4,80})》(?:等[^，。]{0,10})?(?:印发|转发|发布)")
_HOLDS_NOTICE = re.compile(r"通知如下|现印发|印发给你们|现将.{0,60}印发|请认真贯彻|请遵照执行")
_YEAR_IN_NUMBER = re.compile(r"[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]")


@dataclass
class Draft:
    """A drafted metadata row: ``values`` and ``inferred`` per :data:`DRAFTED_COLUMNS`,
    ``evidence`` (one note per field), and where an attached document begins."""

    values: dict[str, str] = field(default_factory=dict)
    inferred: dict[str, bool] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    attached: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: str, note: str | None, *, inferred: bool = True) -> bool:
        """Record ``value`` for ``name`` with its note (``None``: no note), unless ``name``
        already has one; returns whether it was recorded."""
        if self.values.get(name) or not value:
            return False
        self.values[name] = value
        self.inferred[name] = inferred
        if note is not None:
            self.evidence.append(f"{name}: {note}")
        return True

    def row(self) -> dict[str, str | bool]:
        """The flat row: values, then ``*_inferred`` flags, ``attached_*`` and ``evidence``."""
        out: dict[str, str | bool] = {c: self.values.get(c, "") for c in DRAFTED_COLUMNS}
        out.update({f"attached_{k}": v for k, v in self.attached.items()})
        out.update({f"{c}_inferred": bool(self.values.get(c)) and self.inferred.get(c, True)
                    for c in DRAFTED_COLUMNS})
        out["evidence"] = "; ".join(self.evidence)
        return out


def _place_note(place: Place, issuer: str) -> str:
    return f"gazetteer {place.name} ({place.adcode}, {place.level}) named by {issuer}"


def _choose_date(lines: list[str], dates: list[Found], issuers: Issuers, *,
                 notice: bool) -> tuple[Found | None, Found | None]:
    """The document's own date and the signature above it."""
    if not dates:
        return None, None
    signed = [(d, s) for d in dates if d.how == "date line"
              and (s := find_signature(lines, d.line, issuers)) is not None]
    if notice:
        first = dates[0]
        sig = find_signature(lines, first.line, issuers) if first.how == "date line" else None
        return first, sig
    if signed:
        return signed[0]
    n = len(lines)
    line_dates = [d for d in dates if d.how == "date line"]
    if line_dates and line_dates[-1].line > n - 15:
        return line_dates[-1], None
    if line_dates and line_dates[0].line <= 15:
        return line_dates[0], None
    banji = [d for d in dates if d.how != "date line"]
    return (banji[-1] if banji else None), None


def draft_metadata(
    text: str,
    *,
    given: dict[str, str] | None = None,
    hints: dict[str, str] | None = None,
    doc_types: DocTypes | None = None,
    issuers: Issuers | None = None,
) -> Draft:
    """Draft the standard metadata of one cleaned document text.

    Parameters
    ----------
    text : str
        The document, cleaned (:func:`analysis.ingest.cleaning.clean_text`).
    given : dict, optional, keyword-only
        Values of standard columns given by a spreadsheet row: they win.
    hints : dict, optional, keyword-only
        What the file says about itself: ``title``, ``issuer``, ``date``, ``doc_number``,
        ``published``, ``source_url``, ``title_en``, ``issuer_en``, ``file_title``.
    doc_types, issuers : optional, keyword-only
        The genre and organ tables (:func:`~analysis.ingest.fields.load_doc_types`,
        :func:`~analysis.ingest.fields.load_issuers`); the packaged ones by default.

    Returns
    -------
    Draft

    Examples
    --------
    >>> d = draft_metadata("阿坝州人民政府办公室关于印发《阿坝州政务数据资源管理暂行办法》的通知\\n"
    ...                    "阿府办发〔2021〕21号\\n各县（市）人民政府：\\n现将《办法》印发你们。\\n"
    ...                    "阿坝州人民政府办公室\\n2021年10月11日\\n"
    ...                    "阿坝州政务数据资源管理暂行办法\\n"
    ...                    "第一条 为规范管理，制定本办法。")
    >>> {k: d.values[k] for k in ("issuer", "doc_number", "date", "city", "level", "doc_type")}
    ... # doctest: +NORMALIZE_WHITESPACE
    {'issuer': '阿坝州人民政府办公室', 'doc_number': '阿府办发〔2021〕21号', 'date': '2021-10-11',
     'city': '阿坝藏族羌族自治州', 'level': 'prefecture', 'doc_type': '通知'}
    >>> d.attached["type"], d.attached["line"]
    ('办法', '7')
    """
    types = doc_types or load_doc_types()
    orgs = issuers or load_issuers()
    given = {k: v for k, v in (given or {}).items() if v}
    hints = {k: v for k, v in (hints or {}).items() if v}
    d = Draft()
    for name, value in given.items():
        if name in DRAFTED_COLUMNS:
            d.set(name, value, "given by the spreadsheet", inferred=False)
    lines = text.split("\n")

    # title
    title = find_title(lines, types)
    if title:
        d.set("title", title.value, f"line {title.line} ({title.how})")
    for key, note in (("title", "the page or file's own title"),
                      ("file_title", "the file name")):
        if hints.get(key) and not re.search(r"[a-zA-Z]{4}", hints[key]):
            d.set("title", hints[key], note)
    issued = _ISSUED_IN_BODY.search(text[:3000])
    named = self_named_title(text, types)
    if named:
        d.set("title", named.value, f"line {named.line} ({named.how})")
    linked = title_from_url(given.get("source_url") or hints.get("source_url", ""), types)
    inner = issued_title(linked)
    if inner and not issued and not _HOLDS_NOTICE.search(text[:2000]):
        d.set("title", inner, "the source link's title is a notice issuing this text")
    title_named_by_link = d.set("title", linked, "the source link's title")
    if not d.values.get("title") and issued and not title:
        d.set("title", f"关于印发《{issued.group('inner')}》的通知",
              "reconstructed from 现将《…》印发 in the body")
    cur_title = d.values.get("title", "")

    # doc type (a 印发 notice wrapping another document is a 通知)
    kind, attached_kind = doc_type_of_title(cur_title, types) if cur_title else ("", "")
    if kind:
        d.set("doc_type", kind, "the title's genre word"
              + (f" (issues a {attached_kind})" if attached_kind else ""))
    elif issued:
        attached_kind = doc_type_of_title(f"印发《{issued.group('inner')}》的通知", types)[1]
        d.set("doc_type", "通知", "the body issues 《…》 (现将…印发)")
    notice = d.values.get("doc_type") == "通知" and bool(attached_kind or issued)

    # 文号, date, signature
    number = find_doc_number(lines)
    if number:
        d.set("doc_number", number.value, f"line {number.line} ({number.how})")
    if hints.get("doc_number"):
        d.set("doc_number", hints["doc_number"], "the page's index block")
    date, signature = _choose_date(lines, find_dates(lines), orgs, notice=notice)
    if date:
        d.set("date", date.value, f"line {date.line} ({date.how})")
    if hints.get("date") and (iso := parse_date(hints["date"]) or _iso(hints["date"])):
        d.set("date", iso, "the page's index block")

    # the issuing organ
    names = issuers_from_title(cur_title, orgs) if title or title_named_by_link else []
    if names:
        d.set("issuer", "；".join(names), "named in the title")
    if signature:
        d.set("issuer", signature.value, f"line {signature.line} (signature)")
    office = find_printing_office(lines, orgs)
    if office:
        d.set("issuer", office.value, f"line {office.line} ({office.how})")
    if hints.get("issuer") and re.search(r"[\u4e00-\u9fff]", hints["issuer"]):
        d.set("issuer", "；".join(split_issuers(hints["issuer"])), "the page's source line")
    body_kind = doc_type_from_body(text, types)
    _issuer_from_english(d, hints, orgs,
                         news=body_kind is not None and body_kind.value == "新闻")

    if not d.values.get("date") and hints.get("published"):
        iso = _iso(hints["published"])
        if iso:
            d.set("date", iso, "release date given with the file (no date in the text)")

    # year
    if d.values.get("date"):
        d.set("year", d.values["date"][:4], "the date")
    if d.values.get("doc_number") and (m := _YEAR_IN_NUMBER.search(d.values["doc_number"])):
        d.set("year", m.group(1), "the year in the 文号")
    if hints.get("published") and (iso := _iso(hints["published"])):
        d.set("year", iso[:4], "release date given with the file")

    # place and level
    _draft_place(d, orgs, cur_title)

    if not d.values.get("doc_type") and body_kind:
        d.set("doc_type", body_kind.value, f"line {body_kind.line} ({body_kind.how})")
    if not d.values.get("doc_type") and hints.get("title_en"):
        k = doc_type_from_english(hints["title_en"], types)
        d.set("doc_type", k, "the spreadsheet's English title")

    d.set("script", detect_script(text), "OpenCC t2s changes")
    if hints.get("source_url", "").startswith(("http://", "https://")):
        d.set("source_url", hints["source_url"], "the file's header or page")

    # where the document a 印发 notice wraps begins
    if notice and date:
        att = find_attached(lines, date.line, types)
        if att:
            d.attached = {"title": att.value, "line": str(att.line),
                          "type": doc_type_of_title(att.value, types)[0] or attached_kind}
    if notice and not d.attached and attached_kind:
        d.attached = {"title": "", "line": "", "type": attached_kind}
    return d


def _issuer_from_english(d: Draft, hints: dict[str, str], orgs: Issuers, *,
                         news: bool) -> None:
    """The issuer a spreadsheet gives in English: its department column, or the organ its
    English title names where that is the same organ more precisely (a 办公厅 or 司 of the
    department) or where the department is only "State Council". The title of a news report
    names the document reported on, not who reports."""
    dept = issuers_from_english(hints.get("issuer_en", ""), orgs)
    named = [] if news else issuers_from_english_title(hints.get("title_en", ""), orgs)
    finer = len(named) == len(dept) and all(
        n != p and n.startswith(p) for n, p in zip(named, dept, strict=False))
    if named and (not dept or dept == ["国务院"] or finer):
        d.set("issuer", "；".join(named),
              f"named by the spreadsheet's English title ({hints['title_en'].strip()[:80]})")
    if dept:
        d.set("issuer", "；".join(dept),
              f"the spreadsheet's department, translated ({hints['issuer_en'].strip()})")


def _iso(value: str) -> str:
    """``YYYY-MM-DD`` from ``2022-05-06``, ``2022/5/6``, ``2022.05.06 00:00:00`` or a 年月日
    date; ``""`` otherwise."""
    m = re.match(r"^\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", value)
    if not m:
        return ""
    y, mo, dd = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{dd:02d}" if 1 <= mo <= 12 and 1 <= dd <= 31 else ""


def _draft_place(d: Draft, orgs: Issuers, title: str) -> None:
    issuer = d.values.get("issuer", "")
    level_given = bool(d.values.get("level"))
    for name in split_issuers(issuer.replace("；", " ")):
        if any(p.search(name) for p in orgs.central):
            d.set("level", "central", f"{name} is a central organ")
            if not level_given and d.values.get("level") == "central":
                return
        place = find_place(name)
        if place is not None:
            _set_place(d, place, _place_note(place, name))
            return
    if not issuer and title:
        place = find_place(re.sub(r"^关于", "", title))
        if place is not None:
            _set_place(d, place, _place_note(place, "the title"))


def _set_place(d: Draft, place: Place, note: str) -> None:
    done = [name for name, value in (("city", place.city), ("province", place.province),
                                      ("level", place.level)) if d.set(name, value, None)]
    if done:
        d.evidence.append(f"{'/'.join(done)}: {note}")
