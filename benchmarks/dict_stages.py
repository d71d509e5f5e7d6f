"""Time the dictionary stages (themes with tone, instruments) of two versions of the code
in one process, on the benchmark's scaled corpora, and check that their tables are equal.

For each size the scaled corpus (``scaled_corpus.py``) is loaded, tokenised and cut into
clauses once (with this checkout's code); then, for each source tree given (``--src``, this
checkout's ``src`` last by default), the ``analysis`` package is imported from that tree
and the build's ``themes_stage`` and ``instruments_stage`` (which call
:func:`analysis.themes.theme_tables` and :func:`analysis.instruments.instrument_tables`)
are timed on the same clauses and tokens, one after the other as the build runs them.
The tables of every tree are compared with the first tree's.

Usage::

    git archive main src | tar -x -C /tmp/main_src
    python benchmarks/dict_stages.py --sizes 1M,5M --src /tmp/main_src/src --src src
    python benchmarks/dict_stages.py --raw my_corpus --src /tmp/main_src/src --src src
"""

from __future__ import annotations

import argparse
import gc
import importlib
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scaled_corpus import make_corpus, parse_size  # noqa: E402


def _use(src: str) -> None:
    """Import ``analysis`` from ``src`` from now on (forgetting any loaded version)."""
    for name in [m for m in sys.modules if m == "analysis" or m.startswith("analysis.")]:
        del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not p.endswith("/src")]
    sys.path.insert(0, str(Path(src).resolve()))
    importlib.invalidate_caches()


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


class _Peak:
    """The peak resident memory while a block runs (sampled every 20 ms)."""

    def __enter__(self) -> _Peak:
        self.start = self.peak = _rss_mb()
        self._stop = threading.Event()

        def watch() -> None:
            while not self._stop.wait(0.02):
                self.peak = max(self.peak, _rss_mb())

        self._t = threading.Thread(target=watch, daemon=True)
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, _rss_mb())


def _inputs(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    from analysis import load_corpus, token_table
    from analysis.structure import clause_table
    corpus = load_corpus(raw)
    return clause_table(corpus), token_table(corpus), corpus.documents


def _stages(clauses: pd.DataFrame, tokens: pd.DataFrame, docs: pd.DataFrame
            ) -> tuple[dict[str, float], dict[str, float], dict[str, pd.DataFrame]]:
    from types import SimpleNamespace

    from analysis.pipeline import BuildOptions
    from analysis.pipeline.stages import instruments_stage, themes_stage
    # what the two stages read of the build's context
    ctx = SimpleNamespace(clauses=clauses, tokens=tokens, options=BuildOptions(),
                          corpus=SimpleNamespace(documents=docs))
    secs, peaks, out = {}, {}, {}
    for name, fn in (("themes", themes_stage), ("instruments", instruments_stage)):
        gc.collect()
        with _Peak() as p:
            t0 = time.perf_counter()
            tables = fn(ctx)
            secs[name] = time.perf_counter() - t0
        peaks[name] = p.peak - p.start
        out.update(tables)
        del tables
    return secs, peaks, out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1M,5M")
    p.add_argument("--src", action="append", help="source trees to compare (repeat)")
    p.add_argument("--reps", type=int, default=1, help="timed runs per tree (best kept)")
    p.add_argument("--raw", help="a corpus folder to use instead of the scaled corpora")
    args = p.parse_args(argv)
    srcs = args.src or [str(HERE.parent / "src")]
    rows = []
    for size in [args.raw] if args.raw else args.sizes.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw"
            if args.raw:
                raw = Path(args.raw)
                n, chars = 0, 0
            else:
                n, chars = make_corpus(raw, chars=parse_size(size))
            _use(srcs[-1])
            clauses, tokens, docs = _inputs(raw)
            n = n or len(docs)
            chars = chars or int(clauses["text"].str.len().sum())
        first: dict[str, pd.DataFrame] | None = None
        for src in srcs:
            _use(src)
            best: dict[str, float] = {}
            for _ in range(args.reps):
                secs, peaks, out = _stages(clauses, tokens, docs)
                best = {k: min(v, best.get(k, v)) for k, v in secs.items()}
            same = "-"
            if first is None:
                first = out
            else:
                bad = []
                for k, v in first.items():
                    try:
                        pd.testing.assert_frame_equal(v.reset_index(drop=True),
                                                      out[k].reset_index(drop=True))
                    except AssertionError:
                        bad.append(k)
                same = "yes" if not bad else "DIFFERENT: " + ", ".join(bad)
            rows.append({"size": size, "docs": n, "chars": chars, "src": src,
                         "themes_s": round(best["themes"], 2),
                         "instruments_s": round(best["instruments"], 2),
                         "themes_peak_mb": round(peaks["themes"]),
                         "instruments_peak_mb": round(peaks["instruments"]),
                         "same_tables": same})
            print(rows[-1], flush=True)
            del out
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
