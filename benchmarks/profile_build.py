"""Profile the full build stage by stage (cProfile) on scaled corpora.

For each size (``--sizes 1M,5M,20M``) this script writes the benchmark's scaled corpus
(``scaled_corpus.py``), runs one cold full build in a fresh process with every analysis
stage wrapped in its own :mod:`cProfile` profile, and writes a Markdown summary: each
stage's wall time, then the functions with the most own time (``tottime``) inside it.

Usage: ``python benchmarks/profile_build.py --sizes 1M,5M --out benchmarks/PROFILE.md``.
cProfile adds overhead to Python-heavy code (pure-Python loops look slower than they are):
read the stage times as an upper bound and the function lists as where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scaled_corpus import make_corpus, parse_size  # noqa: E402

_CHILD = r"""
import cProfile, io, json, pstats, resource, sys, time
import analysis.pipeline.runner as R
from analysis.pipeline import BuildOptions, build, select_stages
args = json.loads(sys.argv[1])
profiles, top = {}, int(args["top"])
orig = R._run
def _run(stage, ctx):
    pr = cProfile.Profile() if args["profile"] else None
    t0 = time.perf_counter()
    if pr: pr.enable()
    try:
        return orig(stage, ctx)
    finally:
        if pr:
            pr.disable()
            st = pstats.Stats(pr)
            rows = []
            for (fn, line, name), (cc, nc, tt, ct, _) in st.stats.items():
                rows.append((tt, ct, nc, f"{Path(fn).name}:{line}({name})"))
            rows.sort(reverse=True)
            profiles[stage.name] = [r for r in rows[:top]]
R._run = _run
from pathlib import Path
t0 = time.perf_counter()
res = build(args["raw"], args["out"], options=BuildOptions(**args["options"]),
            cache_dir=args["cache"], workers=args["workers"], force=True, progress=False,
            stages=select_stages("all"), keep_tables=False)
wall = time.perf_counter() - t0
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": wall, "timings": res.timings, "profiles": profiles,
                  "rss_mb": me}))
"""


def profile(raw: Path, work: Path, *, workers: int | None, top: int, prof: bool,
            options: dict) -> dict:
    args = {"raw": str(raw), "out": str(work / "out"), "cache": str(work / "cache"),
            "workers": workers, "top": top, "profile": prof, "options": options}
    env = {**os.environ, "POLICY_LENS_CACHE": str(work / "cache")}
    proc = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(args)], env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def to_markdown(results: list[tuple[str, int, int, dict]]) -> str:
    lines = []
    for size, docs, chars, r in results:
        t = r["timings"]
        lines.append(f"### {size} ({docs:,} documents, {chars:,} characters)\n")
        lines.append(f"Full build {r['wall']:.1f} s under cProfile, peak RSS "
                     f"{r['rss_mb']:.0f} MB (main process).\n")
        lines.append("| stage | s |\n|---|---:|")
        for k, v in sorted(t.items(), key=lambda kv: -kv[1]):
            lines.append(f"| {k} | {v:.2f} |")
        lines.append("")
        for stage, rows in sorted(r["profiles"].items(), key=lambda kv: -t.get(kv[0], 0)):
            lines.append(f"<details><summary>{stage}: {t.get(stage, 0):.2f} s</summary>\n")
            lines.append("| own s | cum s | calls | function |\n|---:|---:|---:|---|")
            for tt, ct, nc, name in rows:
                lines.append(f"| {tt:.2f} | {ct:.2f} | {nc:,} | `{name}` |")
            lines.append("\n</details>\n")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1M,5M")
    p.add_argument("--top", type=int, default=8)
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--tokenizer", default=None)
    p.add_argument("--no-profile", action="store_true", help="stage times only")
    p.add_argument("--out", default=None, help="write the Markdown summary here")
    args = p.parse_args(argv)
    options = {"tokenizer": args.tokenizer} if args.tokenizer else {}
    results = []
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory(prefix="profile-") as tmp:
            work = Path(tmp)
            docs, chars = make_corpus(work / "raw", chars=parse_size(size))
            r = profile(work / "raw", work, workers=args.workers, top=args.top,
                        prof=not args.no_profile, options=options)
            results.append((size, docs, chars, r))
            print(f"{size}: {r['wall']:.1f} s "
                  + ", ".join(f"{k} {v:.1f}" for k, v in r["timings"].items()), flush=True)
    md = to_markdown(results)
    if args.out:
        Path(args.out).write_text(md + "\n", encoding="utf-8")
    else:
        print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
