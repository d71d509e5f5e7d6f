"""CPU seconds and peak memory of chosen analysis stages, each on the same build inputs.

Builds the benchmark's scaled corpus (``scaled_corpus.py``) up to the stages' inputs (the
token table as the stage processes get it, with categorical ``doc_id`` and ``kind``, and
the clause table), then calls each stage function in turn in this process while a thread
samples the resident memory every 20 ms. For each stage it prints the wall and CPU
seconds (``time.process_time``: on a loaded machine the CPU seconds are what compares)
and the memory at its start, its peak and the rise. Making the inputs (tokens, clauses)
is reported apart, as ``inputs``: the build makes them once before the stages fork.

To compare two versions in one run, call it twice with ``PYTHONPATH`` pointing at each
version's ``src``; ``--save DIR`` pickles each stage's tables there for a table-by-table
comparison (``pandas.testing.assert_frame_equal``).

Usage::

    .venv/bin/python benchmarks/stage_probe.py --chars 20M \\
        --stages structure,targets,compare,network
"""

from __future__ import annotations

import argparse
import gc
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from memory_probe import peak_sampler, rss_mb  # noqa: E402
from scaled_corpus import make_corpus, parse_size  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--chars", type=parse_size, default=parse_size("5M"))
    p.add_argument("--stages", default="structure,targets,compare,network")
    p.add_argument("--save", type=Path, default=None, help="pickle each stage's tables here")
    args = p.parse_args(argv)

    import analysis.pipeline.runner as runner
    from analysis.pipeline import BuildOptions, build, select_stages

    peak = peak_sampler()
    wanted = args.stages.split(",")
    inner = runner._run
    seen: set[str] = set()

    def probed(stage, ctx):  # type: ignore[no-untyped-def]
        if stage.name != "core" and not seen:
            seen.add("inputs")
            t0, c0 = time.perf_counter(), time.process_time()
            _ = ctx.tokens, ctx.clauses
            print(f"{'inputs':<12} wall {time.perf_counter() - t0:7.2f} s, "
                  f"cpu {time.process_time() - c0:7.2f} s", flush=True)
        gc.collect()
        start = peak[0] = rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        out = inner(stage, ctx)
        if stage.name in wanted:
            print(f"{stage.name:<12} wall {time.perf_counter() - t0:7.2f} s, cpu "
                  f"{time.process_time() - c0:7.2f} s, RSS at start {start:6.0f} MB, peak "
                  f"{peak[0]:6.0f} MB, rise {peak[0] - start:6.0f} MB", flush=True)
            if args.save is not None:
                args.save.mkdir(parents=True, exist_ok=True)
                with open(args.save / f"{stage.name}.pkl", "wb") as fh:
                    pickle.dump(out, fh)
        return out

    runner._run = probed
    with tempfile.TemporaryDirectory(prefix="policy-lens-stages-") as tmp:
        work = Path(tmp)
        n, chars = make_corpus(work / "raw", chars=args.chars, seed=7)
        print(f"corpus: {n} documents, {chars:,} characters", flush=True)
        build(work / "raw", work / "out", options=BuildOptions(reuse_max_docs=0),
              cache_dir=work / "cache", workers=1, progress=False,
              stages=select_stages(",".join(["core", *wanted])), keep_tables=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
