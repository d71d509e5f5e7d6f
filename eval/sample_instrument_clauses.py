"""Draw the second round of development clauses for ``instrument_codes_dev_gold.csv``.

``python eval/sample_instrument_clauses.py`` prints, as JSON, the clauses that were then
coded by hand (``eval/gold/README.md``, "instrument_codes_dev_gold.csv"): 16 development
documents of four kinds that the first round had few of (standard systems, technical and
management rules, data and digital-economy texts, industry plans), chosen from the sheet's
English titles with a fixed seed, and 6–9 consecutive clauses of each. Only documents
whose part in ``eval/split.csv`` is ``dev`` and that are not in the dev gold already are
drawn; the held-out part is never read.

``python eval/sample_instrument_clauses.py --fresh2`` prints the fourth (``fresh2``) batch
in the same way for the :data:`FRESH2` documents (PKULaw dev files included).

``python eval/sample_instrument_clauses.py --fresh3`` prints the fifth (``fresh3``) batch
for the :data:`FRESH3` documents.

``python eval/sample_instrument_clauses.py --fresh4`` prints the sixth (``fresh4``) batch
for the :data:`FRESH4` documents.

``python eval/sample_instrument_clauses.py --fresh5`` prints the seventh (``fresh5``) batch
for the :data:`FRESH5` documents.

``python eval/sample_instrument_clauses.py --fresh6`` prints the eighth (``fresh6``) batch
for the :data:`FRESH6` documents (10–12 clauses each: few eligible documents remain).

``python eval/sample_instrument_clauses.py --fresh7`` prints the ninth (``fresh7``) batch:
the clauses of the last development documents in no batch (:data:`FRESH7_WHOLE`, each
under 6 clauses), then 8–10 consecutive clauses not yet coded of development documents
already in earlier batches (:func:`uncoded_batch`).

``python eval/sample_instrument_clauses.py --fresh8`` prints the tenth (``fresh8``) batch:
8–10 consecutive clauses not yet coded of development documents already in earlier batches
(:func:`uncoded_batch`; no development document is left in no batch).

``python eval/sample_instrument_clauses.py --fresh9`` prints the eleventh (``fresh9``)
batch, drawn as ``--fresh8`` with a new seed and ``fresh8`` counted as coded
(:func:`uncoded_batch`). The seed, the batches counted as coded and the size of
these three batches are in :data:`UNCODED_BATCHES`.

``python eval/sample_instrument_clauses.py --fresh10`` prints the twelfth (``fresh10``)
batch, drawn as ``--fresh9`` with a new seed and ``fresh9`` counted as coded.

``python eval/sample_instrument_clauses.py --fresh11`` prints the thirteenth (``fresh11``)
batch, drawn as ``--fresh10`` with a new seed and ``fresh10`` counted as coded.

``python eval/sample_instrument_clauses.py --fresh12`` prints the fourteenth (``fresh12``)
batch, drawn as ``--fresh11`` with a new seed and ``fresh11`` counted as coded.

``python eval/sample_instrument_clauses.py --fresh`` prints the third (``fresh``) batch:
8–11 consecutive clauses of each of the :data:`FRESH` development documents, chosen by
hand by kind (agriculture and forestry, energy, standard systems, digital government and
smart cities, data, digital commerce and industry, services for the elderly, education).
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl

SEED = 22
PER_KIND = 4
ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("POLICY_LENS_CORPORA", ROOT.parent / "shared" / "corpora"))
#: S&T innovation policies are skipped, as in the first round (English title)
SKIP = re.compile(r"Science and Technology|Scientific and Technological|Technological "
                  r"Innovation|Research Program|Project Guidelines|Project Declaration|"
                  r"Natural Science|Original Exploration|High - Tech|Innovation Capability|"
                  r"Participation|Held in|Release of")
KINDS = [
    ("standards", re.compile(r"Standard")),
    ("rules", re.compile(r"Technical Guidelines|Management|Regulations|Measures for|Access|"
                         r"Construction Guidelines|Guidelines for (Promoting|Smart Community)")),
    ("data", re.compile(r"Data|Digital")),
    ("industry", re.compile(r"Industry|Industrial|Action Plan")),
]
MARK = re.compile(r"^\s*(第[一二三四五六七八九十百]+[条章节]|[一二三四五六七八九十]+、|"
                  r"[（(][一二三四五六七八九十\d]+[）)]|\d+(\.\d+)*[.、．]?\s*\S|[①-⑳]|——|─|--|●|"
                  r"专栏|附件)")
END = "。；！？：;!?:"
#: the 28 documents of the first round (README), not drawn again
FIRST_ROUND = {
    "shandong-035", "central-003", "central-044", "central-048", "shandong-009",
    "shandong-048", "central-089", "central-100", "central-155", "central-160", "central-025",
    "pkulaw-4", "central-023", "central-119", "shandong-015", "central-019", "shandong-030",
    "central-039", "central-153", "central-166", "central-061", "central-136", "central-052",
    "shandong-046", "central-102", "central-014", "central-092", "central-083"}


#: the third (fresh) batch: development documents of kinds not yet in the dev gold
FRESH = ["central-001", "central-096", "central-028", "shandong-017", "central-035",
         "central-129", "central-157", "central-120", "central-077", "central-006",
         "central-008", "shandong-019", "central-034", "central-082", "central-004"]
FRESH_SEED = 23
#: the fourth (fresh2) batch: more development documents of non-S&T kinds (digital
#: government and smart cities, data and the digital economy, industry and consumption,
#: standards, rules of access, education and community services)
FRESH2 = ["central-016", "central-013", "central-051", "central-057", "central-064",
          "central-081", "central-159", "shandong-001", "shandong-018", "shandong-010",
          "pkulaw-1", "pkulaw-3"]
FRESH2_SEED = 24
#: the fifth (fresh3) batch: development documents in no earlier batch, of non-S&T kinds
#: (standard systems, rules of access and pre-installation, guidelines, social services and
#: elderly care, transport, industry plans, digital government, geographic-data security)
FRESH3 = ["central-063", "central-076", "central-053", "central-055", "central-065",
          "central-158", "central-024", "central-152", "central-002", "shandong-025",
          "shandong-051", "central-045"]
FRESH3_SEED = 25
#: the sixth (fresh4) batch: development documents in no earlier batch, of non-S&T kinds
#: (regulatory scenarios and review points for medical AI, public weather services, model
#: smart districts, urban transport, road-testing rules, industry plans for cars, ships and
#: industrial clusters, a city's digital-development plan, digital-economy measures)
FRESH4 = ["central-007", "central-009", "central-026", "central-036", "central-043",
          "central-070", "central-094", "central-117", "central-165", "shandong-005",
          "shandong-024", "shandong-052"]
FRESH4_SEED = 26
#: the seventh (fresh5) batch: development documents in no earlier batch, of non-S&T kinds
#: (an AI-governance initiative, guiding opinions on application scenarios, tasks for AI
#: medical devices, an industry plan for connected vehicles, rules for a radio band and for
#: road testing, AI in higher education, a city's manufacturing and digital-economy
#: measures, a sensor industry plan, service resources of a computing ecosystem, the
#: subsidy rules of an exhibition area and the policies of an industrial park)
FRESH5 = ["central-020", "central-050", "central-066", "central-115", "central-121",
          "central-134", "central-135", "shandong-007", "shandong-021", "shandong-023",
          "shandong-040", "shandong-042"]
FRESH5_SEED = 27
#: the eighth (fresh6) batch: the development documents in no earlier batch that are not
#: S&T policies by title, have at least 6 clauses and are no copy of a document already
#: coded (central-162 repeats central-007): notices on AI demonstration scenarios and on
#: recommended firms and products, a national AI development plan, the implementation plan
#: and the policies of AI pilot zones, AI education, road-testing and demonstration
#: management, the implementation rules of an AI park, a city's AI action plan
FRESH6 = ["central-046", "central-147", "shandong-008", "shandong-011", "shandong-013",
          "shandong-016", "shandong-032", "shandong-043", "shandong-047"]
FRESH6_SEED = 28
#: the ninth (fresh7) batch, first part: the development documents in no earlier batch that
#: are not S&T policies by title and no copy of a coded document; each has under 6 clauses,
#: so all their clauses are taken
FRESH7_WHOLE = ["central-073", "central-145", "central-146", "shandong-004"]
#: development documents that repeat one already coded, never drawn again
COPIES = {"central-162"}
FRESH7_SEED = 29
#: the batches of the dev gold before fresh7: only their clauses count as coded when the
#: fresh7 clauses are drawn, so that batches coded later never change the draw
BEFORE_FRESH7 = ("first", "second", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
#: the batches drawn as runs of clauses not yet coded (:func:`uncoded_runs`): for each
#: flag, the seed, the batches that count as coded (each batch and those before it, fixed
#: so that batches coded later never change the draw) and the number of clauses at which
#: the batch stops taking documents; fresh7 first takes every clause of
#: :data:`FRESH7_WHOLE`
UNCODED_BATCHES: dict[str, tuple[int, tuple[str, ...], int]] = {
    "--fresh7": (FRESH7_SEED, BEFORE_FRESH7, 95),
    "--fresh8": (30, (*BEFORE_FRESH7, "fresh7"), 95),
    "--fresh9": (31, (*BEFORE_FRESH7, "fresh7", "fresh8"), 90),
    "--fresh10": (32, (*BEFORE_FRESH7, "fresh7", "fresh8", "fresh9"), 90),
    "--fresh11": (33, (*BEFORE_FRESH7, "fresh7", "fresh8", "fresh9", "fresh10"), 90),
    "--fresh12": (34, (*BEFORE_FRESH7, "fresh7", "fresh8", "fresh9", "fresh10", "fresh11"),
                  90),
}

def clauses(text: str) -> list[str]:
    """Paragraphs as in the first round: a line not ending a sentence joins the next one
    unless that starts with a marker; standalone headings, 附件 lists, addressee and
    contact lines are not clauses."""
    paras, cur = [], ""
    for line in (x.rstrip() for x in text.split("\n")):
        if not line.strip():
            if cur:
                paras.append(cur)
                cur = ""
            continue
        if cur and (cur.rstrip()[-1] in END or MARK.match(line)):
            paras.append(cur)
            cur = line
        else:
            cur = cur + ("\n" if cur else "") + line
    if cur:
        paras.append(cur)
    out = []
    for p in paras:
        s = p.strip()
        if not re.search(r"[。；！？;!?]", s) and len(s) <= 40:
            continue
        if re.match(r"^\s*(附件|联系人|联系电话|电话|各省|各有关)", s):
            continue
        if MARK.match(s) and len(s) <= 30 and s.endswith("。"):
            continue
        out.append(p)
    return out


#: lines of a table of contents (a title, a run of leader dots, a page number) and contact
#: lines written with spaces (联 系 人), which :func:`clauses` lets through
TOC_OR_CONTACT = re.compile(r"[.．…·]{6,}\s*\d+\s*$|^\s*(联\s*系\s*人|联\s*系\s*电\s*话|传\s*真)")


def clauses_without_toc(text: str) -> list[str]:
    """:func:`clauses` without table-of-contents and contact lines (the fresh3 batch)."""
    return [c for c in clauses(text) if not TOC_OR_CONTACT.search(c)]


def runs(docs: dict[str, tuple[str, str]], keys: list[str], seed: int,
         sizes: tuple[int, int], split: Callable[[str], list[str]] | None = None,
         ) -> list[dict[str, object]]:
    """For the i-th document of ``keys``, ``rng = random.Random(seed * 10 + i)``,
    ``k = min(rng.randint(*sizes), n)`` consecutive clauses from ``rng.randint(0, n - k)``."""
    rows: list[dict[str, object]] = []
    for i, k in enumerate(keys, start=1):
        cl = (split or clauses)(docs[k][1])
        r = random.Random(seed * 10 + i)
        size = min(r.randint(*sizes), len(cl))
        start = r.randint(0, len(cl) - size)
        rows += [{"doc_key": k, "clause_no": j, "text": c}
                 for j, c in enumerate(cl[start:start + size], start=1)]
    return rows


def fresh(docs: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    """The fresh batch: 8–11 consecutive clauses of each document of :data:`FRESH`."""
    return runs(docs, list(FRESH), FRESH_SEED, (8, 11))


def fresh2(docs: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    """The fresh2 batch: 8–10 consecutive clauses of each document of :data:`FRESH2`."""
    return runs(docs, list(FRESH2), FRESH2_SEED, (8, 10))


def fresh3(docs: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    """The fresh3 batch: 8–10 consecutive clauses of each document of :data:`FRESH3`."""
    return runs(docs, list(FRESH3), FRESH3_SEED, (8, 10), split=clauses_without_toc)


def fresh4(docs: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    """The fresh4 batch: 8–10 consecutive clauses of each document of :data:`FRESH4`."""
    return runs(docs, list(FRESH4), FRESH4_SEED, (8, 10), split=clauses_without_toc)


def fresh5(docs: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    """The fresh5 batch: 8–10 consecutive clauses of each document of :data:`FRESH5`."""
    return runs(docs, list(FRESH5), FRESH5_SEED, (8, 10), split=clauses_without_toc)


def fresh6(docs: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    """The fresh6 batch: 10–12 consecutive clauses of each document of :data:`FRESH6`."""
    return runs(docs, list(FRESH6), FRESH6_SEED, (10, 12), split=clauses_without_toc)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_coded(clause: str, coded: list[str]) -> bool:
    """A clause is coded if its text, without white space, equals, contains or lies in a
    coded clause of its document, or starts as one does (earlier batches segmented some
    documents slightly differently)."""
    c = _compact(clause)
    return any(c in g or g in c or c[:30] == g[:30] for g in coded)


def uncoded_runs(docs: dict[str, tuple[str, str]], gold: list[dict[str, str]],
                 before: tuple[str, ...], seed: int, target: int,
                 rows: list[dict[str, object]] | None = None) -> list[dict[str, object]]:
    """Runs of clauses not yet coded, from the documents of earlier batches that are no S&T
    policy by title: in the order ``random.Random(seed).sample(...)``, for the i-th document
    ``rng = random.Random(seed * 10 + i)``, ``k = rng.randint(8, 10)`` consecutive clauses
    inside a run of clauses none of which is in the gold rows of the ``before`` batches
    (a start drawn with ``rng`` among the runs of at least ``k``), appended to ``rows`` until
    they hold ``target`` clauses. Only the ``before`` batches count, so the draw stays the
    same once it and any later batch are coded. In a document already coded, ``clause_no``
    goes on after its highest earlier number, so that ``<doc_key>:<clause_no>`` stays
    unique."""
    rows = list(rows or [])
    earlier = [g for g in gold if g.get("batch") in before]
    coded: dict[str, list[str]] = {}
    for g in earlier:
        coded.setdefault(g["doc_key"], []).append(_compact(g["text"]))
    keys = sorted(k for k in coded if k in docs and k not in COPIES
                  and not SKIP.search(docs[k][0]))
    order = random.Random(seed).sample(keys, len(keys))
    for i, k in enumerate(order, start=1):
        if len(rows) >= target:
            break
        cl = clauses_without_toc(docs[k][1])
        free = [not _is_coded(c, coded[k]) for c in cl]
        r = random.Random(seed * 10 + i)
        size = r.randint(8, 10)
        starts = [s for s in range(len(cl) - size + 1) if all(free[s:s + size])]
        if not starts:
            continue
        start = r.choice(starts)
        first = 1 + max(int(g["clause_no"]) for g in earlier if g["doc_key"] == k)
        rows += [{"doc_key": k, "clause_no": j, "text": c}
                 for j, c in enumerate(cl[start:start + size], start=first)]
    return rows


def uncoded_batch(flag: str, docs: dict[str, tuple[str, str]],
                  gold: list[dict[str, str]]) -> list[dict[str, object]]:
    """The batch of ``flag`` in :data:`UNCODED_BATCHES` (``--fresh7`` to ``--fresh12``):
    runs of clauses not yet coded (:func:`uncoded_runs`) with its seed, the
    batches counting as coded and its target; ``--fresh7`` starts with every clause of the
    :data:`FRESH7_WHOLE` documents (no development document was then left in no batch)."""
    seed, before, target = UNCODED_BATCHES[flag]
    rows: list[dict[str, object]] = []
    if flag == "--fresh7":
        for k in FRESH7_WHOLE:
            rows += [{"doc_key": k, "clause_no": j, "text": c}
                     for j, c in enumerate(clauses_without_toc(docs[k][1]), start=1)]
    return uncoded_runs(docs, gold, before, seed, target, rows)


def main() -> None:
    with open(ROOT / "eval" / "split.csv", newline="") as f:
        split = {r["doc_key"]: r["part"] for r in csv.DictReader(f)}
    wb = openpyxl.load_workbook(CORPORA / "spreadsheet_digital_policies" / "Policies Data.xlsx",
                                read_only=True)
    docs, every = {}, {}
    for sheet, prefix in (("Central Policies Table", "central"),
                          ("ShanDong Policies Table", "shandong")):
        for i, r in enumerate(list(wb[sheet].iter_rows(values_only=True))[1:], start=1):
            key = f"{prefix}-{i:03d}"
            if split.get(key) == "dev":
                every[key] = (str(r[4] or "").strip(), str(r[5] or ""))
    pkulaw = sorted((CORPORA / "pkulaw_exports").glob("*.txt"))
    for i, path in enumerate(pkulaw, start=1):
        key = f"pkulaw-{i}"
        if split.get(key) == "dev":
            every[key] = (path.stem, path.read_text(encoding="utf-8"))
    docs = {k: v for k, v in every.items() if k not in FIRST_ROUND}
    for flag in sorted(UNCODED_BATCHES, reverse=True):
        if flag in sys.argv[1:]:
            with open(ROOT / "eval" / "gold" / "instrument_codes_dev_gold.csv",
                      newline="") as f:
                gold = list(csv.DictReader(f))
            print(json.dumps(uncoded_batch(flag, every, gold), ensure_ascii=False, indent=1))
            return
    if "--fresh6" in sys.argv[1:]:
        print(json.dumps(fresh6(docs), ensure_ascii=False, indent=1))
        return
    if "--fresh5" in sys.argv[1:]:
        print(json.dumps(fresh5(docs), ensure_ascii=False, indent=1))
        return
    if "--fresh4" in sys.argv[1:]:
        print(json.dumps(fresh4(docs), ensure_ascii=False, indent=1))
        return
    if "--fresh3" in sys.argv[1:]:
        print(json.dumps(fresh3(docs), ensure_ascii=False, indent=1))
        return
    if "--fresh2" in sys.argv[1:]:
        print(json.dumps(fresh2(docs), ensure_ascii=False, indent=1))
        return
    if "--fresh" in sys.argv[1:]:
        print(json.dumps(fresh(docs), ensure_ascii=False, indent=1))
        return
    rng = random.Random(SEED)
    taken: list[str] = []
    for _, rx in KINDS:
        keys = sorted(k for k, (title, _) in docs.items()
                      if rx.search(title) and not SKIP.search(title) and k not in taken)
        n = 0
        for k in rng.sample(keys, len(keys)):
            if n == PER_KIND:
                break
            if len(clauses(docs[k][1])) >= 6:
                taken.append(k)
                n += 1
    rows = runs(docs, taken, SEED, (6, 9))
    print(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
