"""The build's reuse stage alone: its CPU seconds, and its tables kept for an exact
comparison between two versions of the code.

Builds ``core,reuse`` in one process (the stage sees the token and clause tables as in
the build) on a corpus folder, or on the benchmark's scaled or repetitive corpus made for
the run, and prints the reuse stage's wall and CPU seconds (``time.process_time``: on a
loaded machine the CPU seconds are what compares) and its memory: the resident memory
when the stage starts, its peak while the stage runs (sampled every 20 ms) and the rise.
``--save DIR`` pickles the stage's tables (``reuse``, ``reuse_pairs``, ``reuse_groups``,
``copy_ratio``); ``--compare DIR`` then checks them against those saved by another
version, exactly (``pandas.testing.assert_frame_equal(check_exact=True)``, dtypes
included).
``--profile OUT`` writes a cProfile of the stage, timed in CPU seconds.

To compare two versions, run it with ``PYTHONPATH`` pointing at each version's ``src``
(the first run of a fresh copy compiles the numba kernels: run it twice)::

    PYTHONPATH=/path/to/main/src .venv/bin/python benchmarks/reuse_stage.py \\
        --repetitive 1M --save /tmp/main_rep
    .venv/bin/python benchmarks/reuse_stage.py --repetitive 1M --compare /tmp/main_rep
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from memory_probe import peak_sampler, rss_mb  # noqa: E402
from scaled_corpus import make_corpus, make_repetitive, parse_size  # noqa: E402


def compare(got: dict, saved: Path) -> None:
    """Assert the stage's tables equal those pickled in ``saved`` (exactly)."""
    import pandas as pd

    with open(saved / "reuse.pkl", "rb") as fh:
        want = pickle.load(fh)
    if sorted(got) != sorted(want):
        raise SystemExit(f"other tables: {sorted(got)} against {sorted(want)}")
    for name in sorted(got):
        pd.testing.assert_frame_equal(got[name], want[name], check_exact=True)
        print(f"{name}: {got[name].shape} identical", flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus", nargs="?", type=Path, help="a corpus folder")
    p.add_argument("--scaled", type=parse_size, help="make the scaled corpus of this size")
    p.add_argument("--repetitive", type=parse_size,
                   help="make the repetitive corpus (60%% of each text copied) of this size")
    p.add_argument("--save", type=Path, help="pickle the stage's tables in this folder")
    p.add_argument("--compare", type=Path, help="compare with the tables saved here")
    p.add_argument("--profile", type=Path, help="write a cProfile (CPU seconds) here")
    args = p.parse_args(argv)
    if (args.corpus is None) == (args.scaled is None and args.repetitive is None):
        p.error("give a corpus folder or one of --scaled / --repetitive")

    import analysis.pipeline.runner as runner
    from analysis.pipeline import build, select_stages

    inner = runner._run
    peak = peak_sampler()

    def probed(stage, ctx):  # type: ignore[no-untyped-def]
        if stage.name != "reuse":
            return inner(stage, ctx)
        _ = ctx.tokens, ctx.clauses  # made once before the stages in the build
        prof = cProfile.Profile(time.process_time) if args.profile else None
        start = peak[0] = rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        if prof:
            prof.enable()
        out = inner(stage, ctx)
        if prof:
            prof.disable()
            prof.dump_stats(args.profile)
        wall, cpu, top = time.perf_counter() - t0, time.process_time() - c0, peak[0]
        print(f"reuse stage: wall {wall:.2f} s, cpu {cpu:.2f} s, RSS at start {start:.0f} MB, "
              f"peak {top:.0f} MB, rise {top - start:.0f} MB", flush=True)
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            with open(args.save / "reuse.pkl", "wb") as fh:
                pickle.dump(out, fh)
        if args.compare is not None:
            compare(out, args.compare)
        return out

    runner._run = probed
    with tempfile.TemporaryDirectory(prefix="policy-lens-reuse-") as tmp:
        work = Path(tmp)
        raw = args.corpus
        if raw is None:
            raw = work / "raw"
            if args.repetitive:
                n, chars = make_repetitive(raw, chars=args.repetitive, share=0.6, seed=7)
            else:
                n, chars = make_corpus(raw, chars=args.scaled, seed=7)
            print(f"corpus: {n} documents, {chars:,} characters", flush=True)
        build(raw, work / "out", cache_dir=work / "cache", workers=1, progress=False,
              stages=select_stages("core,reuse"), keep_tables=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
