"""Benchmark ``policy-lens import`` on folders of generated documents.

For each format (``txt``, ``docx``, ``pdf``, ``html`` and a ``mixed`` folder with a quarter
of each) this script writes ``--files`` documents of about ``--chars`` characters into a
temporary folder (seeded: every text differs: a 印发 notice with its 文号, signature and
date, then paragraphs drawn from a pool of policy sentences), then times
``import_corpus(folder, out)`` in a fresh process, as the command runs it (all cores),
and prints a table: files, characters, seconds, files and characters per second, and
the import's problems (there should be none).

Run: ``python benchmarks/bench_import.py`` (``--formats mixed`` for one folder only).
Files are written by python-docx (one template, its text replaced per file), by
``tests/ingest/make_files.py`` (PDF with a text layer, HTML pages) and as UTF-8 text.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ingest.make_files import write_docx, write_html, write_pdf  # noqa: E402

PLACES = [("包头市", "包"), ("赤峰市", "赤"), ("阿坝州", "阿"), ("安徽省", "皖"), ("济南市", "济"),
          ("青岛市", "青"), ("北京市", "京"), ("通化市", "通")]
KINDS = ["管理办法", "实施方案", "行动计划", "指导意见", "发展规划", "若干措施"]
SENTENCES = [
    "加快推进数字政府建设，确保年度重点任务和重点项目按时限高质量完成。",
    "充分释放数据要素价值，培育和带动数字经济产业发展。",
    "支持企业建设工业互联网平台，对符合条件的项目给予最高500万元奖补。",
    "到2025年，全市高新技术企业数量达到300家以上，研发经费投入强度达到2.5%。",
    "建立健全政务数据共享协调机制，推动跨部门、跨层级数据共享应用。",
    "加强人才队伍建设，引进和培养一批高层次创新创业人才。",
    "各地区各部门要加强组织领导，明确责任分工，抓好工作落实。",
    "鼓励金融机构创新科技金融产品，拓宽科技型中小企业融资渠道。",
]


def _text(rng: random.Random, n_chars: int, k: int) -> list[str]:
    place, abbr = rng.choice(PLACES)
    kind = rng.choice(KINDS)
    year = rng.randint(2012, 2024)
    name = f"{place}第{k}号{kind}"
    lines = [f"{place}人民政府办公室关于印发《{name}》的通知", f"{abbr}府办发〔{year}〕{k}号",
             "各有关单位：", f"现将《{name}》印发给你们，请认真贯彻执行。",
             f"{place}人民政府办公室", f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
             name]
    size, section = sum(map(len, lines)), 1
    while size < n_chars:
        if rng.random() < 0.1:
            line = f"{'一二三四五六七八九十'[section % 10]}、第{section}部分"
            section += 1
        else:
            line = "".join(rng.sample(SENTENCES, 3)) + f"（第{k}-{size}条）"
        lines.append(line)
        size += len(line)
    return lines


def _docx_template(path: Path) -> bytes:
    write_docx(path, ["@@TEXT@@"])
    return path.read_bytes()


def _write_docx_fast(template: bytes, path: Path, lines: list[str]) -> None:
    """The template's document.xml with its one paragraph replaced by ``lines``."""
    from xml.sax.saxutils import escape

    src = zipfile.ZipFile(io.BytesIO(template))
    para = "</w:t></w:r></w:p><w:p><w:r><w:t>".join(escape(x) for x in lines)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"@@TEXT@@", para.encode("utf-8"))
            out.writestr(item, data)


def make_folder(folder: Path, fmt: str, n: int, n_chars: int, seed: int = 15) -> int:
    """Write ``n`` documents of format ``fmt``; return the number of characters."""
    rng = random.Random(seed)
    template = _docx_template(folder.parent / f"template-{fmt}.docx")
    total = 0
    formats = ["txt", "docx", "pdf", "html"]
    for k in range(n):
        lines = _text(rng, n_chars, k)
        total += sum(map(len, lines))
        f = formats[k % 4] if fmt == "mixed" else fmt
        p = folder / f"doc{k:05d}.{f}"
        if f == "txt":
            p.write_text("\n".join(lines), encoding="utf-8")
        elif f == "docx":
            _write_docx_fast(template, p, lines)
        elif f == "pdf":
            write_pdf(p, lines, lines_per_page=40)
        else:
            write_html(p, lines[0], lines[1:])
    return total


_RUN = """
import sys, time, json
from analysis.ingest import import_corpus
t = time.perf_counter()
r = import_corpus(sys.argv[1], sys.argv[2], progress=False)
print(json.dumps({"seconds": time.perf_counter() - t, "documents": len(r.metadata),
                  "failed": len(r.failed), "warnings": len(r.problems) - len(r.failed)}))
"""


def main(argv: list[str] | None = None) -> int:
    """Write the folders, time the imports, print the table."""
    import json

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--formats", default="mixed,txt,docx,pdf,html")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            src = Path(tmp) / fmt
            src.mkdir()
            chars = make_folder(src, fmt, args.files, args.chars)
            out = Path(tmp) / f"{fmt}-corpus"
            res = subprocess.run([sys.executable, "-c", _RUN, str(src), str(out)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(res.stdout.strip().splitlines()[-1])
            rows.append((fmt, args.files, chars, r))
            print(f"{fmt}: {r['seconds']:.1f} s", file=sys.stderr)
    print("| format | files | characters | import s | files/s | M chars/s | imported | "
          "failed | warnings |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for fmt, n, chars, r in rows:
        s = r["seconds"]
        print(f"| {fmt} | {n:,} | {chars:,} | {s:.1f} | {n / s:.0f} | {chars / s / 1e6:.2f} | "
              f"{r['documents']:,} | {r['failed']} | {r['warnings']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
